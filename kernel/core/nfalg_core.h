/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nfalg core module: definitions shared by the files of nfalg.ko only.
 */
#ifndef _NFALG_CORE_H
#define _NFALG_CORE_H

#include <linux/atomic.h>
#include <linux/mutex.h>
#include <linux/netfilter.h>
#include <linux/rcupdate.h>
#include <linux/refcount.h>
#include <linux/skbuff.h>
#include <linux/types.h>
#include <linux/workqueue.h>
#include <linux/xarray.h>
#include <net/genetlink.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>
#include <net/netfilter/nf_conntrack.h>
#include <net/netfilter/nf_conntrack_core.h>

#include <linux/nfalg.h>
#include <nfalg/alg.h>

/*
 * Allocations made for a configuration request: charged to the memory
 * cgroup of the requesting process, and when it is full (or memory is
 * short) the request fails with -ENOMEM and changes nothing, rather than
 * waking the OOM killer.
 */
#define NFALG_GFP	(GFP_KERNEL_ACCOUNT | __GFP_RETRY_MAYFAIL | __GFP_NOWARN)

/* Parameter defaults and accepted ranges, in seconds */
#define NFALG_SYN_TIMEOUT_DEFAULT	4
#define NFALG_SYN_TIMEOUT_MIN		1
#define NFALG_SYN_TIMEOUT_MAX		60
#define NFALG_UDP_TIMEOUT_DEFAULT	30
#define NFALG_UDP_TIMEOUT_MIN		1
#define NFALG_UDP_TIMEOUT_MAX		86400
#define NFALG_TCP_TIMEOUT_DEFAULT	1800
#define NFALG_TCP_TIMEOUT_MIN		4
#define NFALG_TCP_TIMEOUT_MAX		86400
#define NFALG_KEEPALIVE_PROBES_DEFAULT	3
#define NFALG_KEEPALIVE_PROBES_MAX	30
#define NFALG_KEEPALIVE_INTERVAL_DEFAULT 10
#define NFALG_KEEPALIVE_INTERVAL_MIN	1
#define NFALG_KEEPALIVE_INTERVAL_MAX	120

/*
 * Per-netns parameters, one immutable snapshot.  Readers (the packet path,
 * status requests) use rcu_dereference() and see a consistent set; writers
 * copy, modify and publish a new snapshot under nfalg_net.lock.
 *
 * @val is indexed by the uAPI attribute type (enum nfalg_param_attr), so the
 * netlink code handles all parameters with one loop; val[0] is unused.
 */
struct nfalg_params {
	u32 val[NFALG_A_PARAM_MAX + 1];
	u32 generation;
	struct rcu_head rcu;
};

/**
 * struct nfalg_net - per network namespace state of the core
 * @params: current parameter snapshot, never NULL while the netns lives
 * @lock: serializes configuration changes (writers of @params)
 * @config: current configuration snapshot (config.c), never NULL while the
 *	netns lives
 * @counters: ALG counters, indexed by enum nfalg_counter_attr
 * @txn: the open configuration transaction (config.c), or NULL; under @lock
 * @net: the namespace itself
 * @hooks: the datapath hooks are registered (hooks.c, under @lock)
 * @app_names: number -> struct nfalg_name of the user applications of the
 *	running configuration (conv.c); changed under @lock, read under RCU
 * @app_next: next number to try (cyclic allocation), under @lock
 */
#define NFALG_KA_BATCH		64

/**
 * struct nfalg_ka_net - keepalive of a namespace (keepalive.c)
 * @lock: protects the fields below but @scan_ns
 * @list: its established nfalg TCP conversations (struct nfalg_ka_node)
 * @work: the worker, pending while @armed
 * @next_run: when @work runs (jiffies), valid while @armed
 * @armed: @work is pending
 * @dead: the namespace is going: nothing is listed any more
 * @scan_ns: time the worker has run, in ns (worker only)
 * @batch: conversations the worker handles in one run, a reference each
 *	(worker only)
 */
struct nfalg_ka_net {
	spinlock_t lock;
	struct list_head list;
	struct delayed_work work;
	unsigned long next_run;
	bool armed;
	bool dead;
	u64 scan_ns;
	struct nf_conn *batch[NFALG_KA_BATCH];
};

struct nfalg_net {
	struct nfalg_params __rcu *params;
	struct mutex lock;	/* serializes changes in this netns */
	struct nfalg_config __rcu *config;
	atomic64_t counters[NFALG_A_CNT_MAX + 1];
	struct nfalg_txn *txn;
	struct net *net;
	bool hooks;
	struct xarray app_names;
	u32 app_next;
	struct nfalg_ka_net ka;
};

/* params.c */
extern unsigned int nfalg_net_id;
extern struct pernet_operations nfalg_net_ops;

static inline struct nfalg_net *nfalg_pernet(const struct net *net)
{
	return net_generic(net, nfalg_net_id);
}

/* Value of parameter @type (NFALG_A_PARAM_*) in a snapshot */
static inline u32 nfalg_param(const struct nfalg_params *p, int type)
{
	return p->val[type];
}

struct nfalg_params *nfalg_params_dup_locked(struct nfalg_net *nn);
void nfalg_params_publish_locked(struct nfalg_net *nn,
				 struct nfalg_params *np);

/* registry.c */
int nfalg_algs_fill(struct sk_buff *skb, int attrtype);

/*
 * Per-conversation data of every conversation carrying an nfalg helper,
 * stored in the conntrack helper extension (nf_conn_help.data, 32 bytes,
 * zeroed when the helper is attached).  Shared by the datapath (common
 * part, ping window) and the TCP line tracking of the ALGs.
 * @born: jiffies when the core first handled the conversation (0: not yet)
 * @timeout: inactivity timeout in seconds chosen by classification
 *	(0: the ALG's or conntrack's default)
 * @app_id: classification: identifies the matched application (conv.c)
 * @flags: NFALG_CONV_F_*
 * @ttl: traceroute TTL threshold of the matched application, 0: none
 * @u.line.stream: TCP stream engine state (helper.c), allocated on the
 *	conversation's first SYN, freed by the helper's destroy callback or,
 *	for conversations conntrack detaches from a helper being
 *	unregistered, by nfalg_streams_unregister(); NULL: never parsed.
 *	Unaligned (the union is packed to keep nfalg_conv in 32 bytes):
 *	read and written only under nfalg_stream_lock().
 * @u.line.ka_sent: keepalive rounds sent so far (keepalive.c), 0: the
 *	conversation is not being probed
 * @u.line.ka_last: when the last round was sent, in seconds of jiffies
 *	(low 8 bits)
 * @u.line.parent: a TCP conversation that has opened a pinhole, so may
 *	have children (expect.c; written once, read by keepalive.c)
 * @u.ping: outstanding echo requests of a ping flow (ICMP ALG)
 * @priv: the ALG's own data (nfalg_alg.priv_size bytes)
 */
/*
 * nfalg_conv.flags set by classification (hooks.c); the low bits are left
 * to the per-packet housekeeping.
 */
#define NFALG_CONV_F_INPUT_OUTPUT	BIT(7)	/* rule is input-output */
#define NFALG_CONV_F_CLASSIFIED		BIT(6)	/* filled by hooks.c */
/* events.c: its start was announced (it is confirmed), its end will be */
#define NFALG_CONV_F_ANNOUNCED		BIT(2)
/* keepalive.c: on the namespace's keepalive list */
#define NFALG_CONV_F_KA_LISTED		BIT(3)
/* keepalive.c: the side (IP_CT_DIR_*) sent a packet since probing began */
#define NFALG_CONV_F_KA_ANSWERED(dir)	BIT(dir)
#define NFALG_CONV_F_KA_BOTH		(BIT(IP_CT_DIR_ORIGINAL) | \
					 BIT(IP_CT_DIR_REPLY))

struct nfalg_conv {
	u32 born;
	u32 timeout;
	u16 app_id;
	u8 flags;
	u8 app_arg;
	union {
		struct {
			struct nfalg_stream *stream;
			u8 ka_sent;
			u8 ka_last;
			u8 parent;
		} __packed line;
		u8 ping[12];
	} u;
	u8 priv[NFALG_PRIV_MAX] __aligned(8);
};

/* counters.c */
void nfalg_count(struct net *net, int type);
int nfalg_counters_fill(struct sk_buff *skb, struct net *net, int attrtype);

/* registry.c */
void nfalg_algs_exit(void);

/* helper.c */
struct nfalg_stream;
int nfalg_helper_init(void);
void nfalg_helper_exit(void);
void nfalg_stream_release(struct nf_conn *ct, struct nfalg_conv *conv);
void nfalg_streams_unregister(const struct nfalg_alg *alg);
spinlock_t *nfalg_conv_lock(const struct nf_conn *ct);
struct nfalg_alg *nfalg_helper_alg(const struct nf_conntrack_helper *h);

/* A UDP ALG that runs over TCP too (nfalg_alg.message) */
static inline bool nfalg_alg_dual(const struct nfalg_alg *alg)
{
	return alg->l4proto == IPPROTO_UDP && alg->message;
}

/* Conntrack helpers of @alg in use: IPv4 and IPv6, of each protocol */
static inline unsigned int nfalg_alg_n_helpers(const struct nfalg_alg *alg)
{
	return nfalg_alg_dual(alg) ? 4 : 2;
}

/* The helper of @alg for conversations of family @l3num, protocol @proto */
static inline struct nf_conntrack_helper *
nfalg_alg_helper(struct nfalg_alg *alg, u16 l3num, u8 proto)
{
	return &alg->helper[(l3num == NFPROTO_IPV6) +
			    (nfalg_alg_dual(alg) && proto == IPPROTO_TCP ? 2 : 0)];
}
int nfalg_helper_help(struct sk_buff *skb, unsigned int protoff,
		      struct nf_conn *ct, enum ip_conntrack_info ctinfo);

/* expect.c */
int nfalg_pinholes_dump(struct sk_buff *skb, struct netlink_callback *cb);

/* netlink.c */
extern struct genl_family nfalg_genl_family;
int nfalg_genl_init(void);
void nfalg_genl_exit(void);
void *nfalg_genlmsg_put(struct sk_buff *skb, u32 portid, u32 seq, int flags,
			u8 cmd);

/* config.c: applications and application sets */
#define NFALG_APPF_PROTO	BIT(0)
#define NFALG_APPF_DPORT	BIT(1)
#define NFALG_APPF_SPORT	BIT(2)
#define NFALG_APPF_TIMEOUT	BIT(3)
#define NFALG_APPF_ICMP_TYPE	BIT(4)
#define NFALG_APPF_ICMP_CODE	BIT(5)
#define NFALG_APPF_RPC		BIT(6)
#define NFALG_APPF_UUID		BIT(7)
#define NFALG_APPF_DNS_KEEP	BIT(8)	/* NFALG_A_APP_DNS_KEEP_OPEN */

/**
 * struct nfalg_app - one application
 * @name: its name
 * @timeout: inactivity timeout in seconds (%NFALG_APPF_TIMEOUT)
 * @rpc_lo: first Sun RPC program number (%NFALG_APPF_RPC) of @rpc[0]
 * @rpc_hi: last Sun RPC program number of @rpc[0]
 * @dport_lo: first destination port (%NFALG_APPF_DPORT)
 * @dport_hi: last destination port
 * @sport_lo: first source port (%NFALG_APPF_SPORT)
 * @sport_hi: last source port
 * @flags: which optional fields are set (NFALG_APPF_*)
 * @proto: IP protocol (%NFALG_APPF_PROTO; else any)
 * @alg: index + 1 into %NFALG_ALG_NAMES, 0: none
 * @icmp_type: ICMP type (%NFALG_APPF_ICMP_TYPE)
 * @icmp_code: ICMP code (%NFALG_APPF_ICMP_CODE)
 * @ttl: traceroute TTL threshold, 0: none
 * @snmp: enum nfalg_snmp_command, 0: none
 * @uuid: DCE RPC interface UUID (%NFALG_APPF_UUID)
 * @n_rpc: number of @rpc ranges (%NFALG_APPF_RPC: at least one)
 * @rpc: Sun RPC program number ranges, in the order given, disjoint
 * @id: number of the application's name (conv.c), 0: none yet
 */
struct nfalg_app {
	char name[NFALG_NAME_MAXLEN + 1];
	u32 timeout;
	u32 rpc_lo, rpc_hi;
	u16 dport_lo, dport_hi;
	u16 sport_lo, sport_hi;
	u16 flags;
	u8 proto;
	u8 alg;
	u8 icmp_type, icmp_code;
	u8 ttl;
	u8 snmp;
	u8 uuid[16];
	u8 n_rpc;
	struct {
		u32 lo, hi;
	} rpc[NFALG_MAX_RPC_RANGES];
	u16 id;
};

/**
 * struct nfalg_appset - one application set
 * @name: its name
 * @n_members: number of members
 * @members: names of applications and sets, in the order given
 */
struct nfalg_appset {
	char name[NFALG_NAME_MAXLEN + 1];
	unsigned int n_members;
	char (*members)[NFALG_NAME_MAXLEN + 1];
};

/**
 * struct nfalg_prefix - one address prefix of a term
 * @addr: the address, host bits zero
 * @family: AF_INET or AF_INET6
 * @len: prefix length
 * @except: addresses inside do not match
 */
struct nfalg_prefix {
	union nf_inet_addr addr;
	u8 family;
	u8 len;
	bool except;
};

/**
 * struct nfalg_term - one term of a rule
 * @name: its name
 * @src: source prefixes (@n_src of them; none: any)
 * @dst: destination prefixes
 * @apps: application names
 * @sets: application set names
 * @n_src: number of @src
 * @n_dst: number of @dst
 * @n_apps: number of @apps
 * @n_sets: number of @sets
 * @action: enum nfalg_action
 * @syslog: log matches
 */
struct nfalg_term {
	char name[NFALG_NAME_MAXLEN + 1];
	struct nfalg_prefix *src, *dst;
	char (*apps)[NFALG_NAME_MAXLEN + 1];
	char (*sets)[NFALG_NAME_MAXLEN + 1];
	u8 n_src, n_dst, n_apps, n_sets;
	u8 action;
	bool syslog;
};

/**
 * struct nfalg_rule - one stateful firewall rule, immutable once published
 * @ref: snapshots holding it
 * @name: its name
 * @dir: enum nfalg_match_direction
 * @n_terms: number of @terms
 * @terms: the terms in order
 * @hits: per CPU, per term: new connections that got the term's action
 *	(hooks.c); the only thing that changes after the rule is published
 */
struct nfalg_rule {
	refcount_t ref;
	char name[NFALG_NAME_MAXLEN + 1];
	u8 dir;
	unsigned int n_terms;
	struct nfalg_term *terms;
	u64 __percpu *hits;
};

void nfalg_term_hit(const struct nfalg_rule *r, const struct nfalg_term *t);

/**
 * struct nfalg_sset - one service set, immutable once published
 * @ref: snapshots holding it
 * @name: its name
 * @global: applies to interfaces without a set of their own
 * @n_rules: number of @rules
 * @n_ifaces: number of @ifaces
 * @rules: rule names in order
 * @ifaces: interface names
 */
struct nfalg_sset {
	refcount_t ref;
	char name[NFALG_NAME_MAXLEN + 1];
	bool global;
	unsigned int n_rules, n_ifaces;
	char (*rules)[NFALG_NAME_MAXLEN + 1];
	char (*ifaces)[IFNAMSIZ];
};

/**
 * struct nfalg_config - immutable configuration snapshot of a netns
 * @apps: user applications, sorted by name
 * @sets: user application sets, sorted by name
 * @n_apps: number of @apps
 * @n_sets: number of @sets
 * @gen: bumped by every change (dump consistency)
 * @rcu: deferred free
 */
struct nfalg_config {
	struct nfalg_app *apps;
	struct nfalg_appset *sets;
	unsigned int n_apps, n_sets;
	u32 gen;
	struct rcu_head rcu;
	/* rules.c: sorted by name, shared between snapshots by reference */
	struct nfalg_rule **rules;
	struct nfalg_sset **ssets;
	unsigned int n_rules, n_ssets;
	/* classify.c: compiled lookup structure, built before publishing */
	struct nfalg_cls *cls;
	/* config.c: allocated entries of apps, sets, rules, ssets */
	unsigned int cap[4];
};

extern const struct nla_policy nfalg_cfg_policy[NFALG_A_REPLACE + 1];
int nfalg_config_init(void);
struct nfalg_config *nfalg_config_alloc(void);
void nfalg_config_release(struct nfalg_config *c);
int nfalg_nl_new_app(struct sk_buff *skb, struct genl_info *info);
int nfalg_nl_del_app(struct sk_buff *skb, struct genl_info *info);
int nfalg_nl_new_appset(struct sk_buff *skb, struct genl_info *info);
int nfalg_nl_del_appset(struct sk_buff *skb, struct genl_info *info);
int nfalg_nl_flush(struct sk_buff *skb, struct genl_info *info);
int nfalg_nl_dump_apps(struct sk_buff *skb, struct netlink_callback *cb);
int nfalg_nl_dump_appsets(struct sk_buff *skb, struct netlink_callback *cb);
int nfalg_nl_begin(struct sk_buff *skb, struct genl_info *info);
int nfalg_nl_commit(struct sk_buff *skb, struct genl_info *info);
int nfalg_nl_abort(struct sk_buff *skb, struct genl_info *info);
int nfalg_txn_init(void);
void nfalg_txn_exit(void);
void nfalg_txn_free(struct nfalg_txn *txn);

/* config.c helpers shared with rules.c */
struct nfalg_config *nfalg_config_dup(const struct nfalg_config *cur,
				      unsigned int extra_apps,
				      unsigned int extra_sets);
void nfalg_config_free(struct nfalg_config *c);
int nfalg_config_publish_locked(struct nfalg_net *nn,
				struct nfalg_config *nc);
const struct nfalg_config *nfalg_config_locked(struct nfalg_net *nn);
bool nfalg_name_valid(const char *s);
bool nfalg_name_exists(const struct nfalg_config *c, const char *name,
		       bool *is_set, int *user_set);

const struct nfalg_app *nfalg_app_find(const struct nfalg_config *c,
				       const char *name);
int nfalg_set_walk(const struct nfalg_config *c, const char *name,
		   int (*fn)(void *priv, const char *member), void *priv);
const char *nfalg_app_alg_name(const struct nfalg_app *a);

/* classify.c */
struct nfalg_cls_key {
	union nf_inet_addr saddr, daddr;
	char ifname[IFNAMSIZ];
	u16 sport, dport;
	u8 family, dir, proto, icmp_type, icmp_code;
	bool has_rpc_prog;	/* compare @rpc_prog with program numbers */
	u32 rpc_prog;
};

struct nfalg_cls_result {
	const struct nfalg_sset *sset;
	const struct nfalg_rule *rule;
	const struct nfalg_term *term;
	const struct nfalg_app *app;
	u8 snmp_cmds;	/* BIT(enum nfalg_snmp_command) of each match */
};

int nfalg_cls_build(struct nfalg_config *c);
void nfalg_cls_free(struct nfalg_cls *cls);
bool nfalg_app_has_prog(const struct nfalg_app *a, u32 prog);
bool nfalg_classify(const struct nfalg_config *c,
		    const struct nfalg_cls_key *key,
		    struct nfalg_cls_result *res);
extern const struct nla_policy nfalg_cls_cmd_policy[NFALG_A_CLS + 1];
int nfalg_nl_classify(struct sk_buff *skb, struct genl_info *info);

/* rules.c: rules and service sets */
extern const struct nla_policy nfalg_rule_cmd_policy[NFALG_A_SSET + 1];
void nfalg_rule_put(struct nfalg_rule *r);
const struct nfalg_rule *nfalg_rule_find(const struct nfalg_config *c,
					 const char *name);
void nfalg_sset_put(struct nfalg_sset *s);
const char *nfalg_rule_using(const struct nfalg_config *c, const char *name,
			     bool is_set);
int nfalg_nl_new_rule(struct sk_buff *skb, struct genl_info *info);
int nfalg_nl_del_rule(struct sk_buff *skb, struct genl_info *info);
int nfalg_nl_dump_rules(struct sk_buff *skb, struct netlink_callback *cb);
int nfalg_nl_new_sset(struct sk_buff *skb, struct genl_info *info);
int nfalg_nl_del_sset(struct sk_buff *skb, struct genl_info *info);
int nfalg_nl_dump_ssets(struct sk_buff *skb, struct netlink_callback *cb);

/* classify.c: index of the service set applying to @ifname, or -1 */
int nfalg_cls_sset(const struct nfalg_config *c, const char *ifname);

/* registry.c: the ALG of name index @idx (nfalg_app.alg), under RCU */
struct nfalg_alg *nfalg_alg_lookup_rcu(unsigned int idx);
int nfalg_alg_index_of(const char *name);

/* hooks.c: the datapath */
int nfalg_dp_prepare_locked(struct nfalg_net *nn, struct nfalg_config *nc);
void nfalg_dp_commit_locked(struct nfalg_net *nn);
void nfalg_dp_net_exit(struct nfalg_net *nn);

/*
 * Take conntrack hash bucket lock @lockp (the caller has BHs off), as ctnetlink does
 * around a bucket walk; nf_conntrack_lock() carries no lock annotation
 * for sparse.
 */
static inline void nfalg_bucket_lock(spinlock_t *lockp)
	__acquires(lockp)
{
	nf_conntrack_lock(lockp);
	__acquire(lockp);
}

/*
 * conv.c: conversations and the numbers of application names.  The
 * predefined applications are numbered 1..NFALG_APP_ID_USER - 1 (config.c),
 * user applications from NFALG_APP_ID_USER on, per namespace.
 */
#define NFALG_APP_ID_USER	64
void nfalg_app_names_init(struct nfalg_net *nn);
void nfalg_app_names_exit(struct nfalg_net *nn);
int nfalg_app_ids_assign(struct nfalg_net *nn, const struct nfalg_config *cur,
			 struct nfalg_config *nc);
void nfalg_app_ids_done(struct nfalg_net *nn, const struct nfalg_config *old,
			const struct nfalg_config *nc, bool published);
const char *nfalg_default_app_name(u16 id);
void nfalg_app_ids_of(struct net *net, const char *name, u16 *user_id,
		      u16 *def_id);
int nfalg_conv_dump(struct sk_buff *skb, struct netlink_callback *cb);
extern const struct nla_policy nfalg_conv_cmd_policy[NFALG_A_CONV + 1];
int nfalg_nl_del_conv(struct sk_buff *skb, struct genl_info *info);
struct nf_conntrack_helper;
struct nfalg_conv *nfalg_conv_of(const struct nf_conn *ct,
				 const struct nf_conntrack_helper **hp);
void nfalg_conv_end(struct nf_conn *ct);
#define NFALG_TUPLE_STRLEN	(2 * sizeof("[ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255]:65535") + 4)
char *nfalg_tuple_fmt(const struct nf_conntrack_tuple *t, char *buf,
		      size_t len);

/* conv.c: the name of application number @id, NULL: none (RCU held) */
const char *nfalg_app_name_rcu(struct net *net, u16 id);

/* events.c: nfalg monitor */
struct nfalg_event {
	u8 type;		/* enum nfalg_event_type */
	u8 family;		/* AF_INET, AF_INET6, 0: no addresses */
	u8 proto;
	bool ports, has_acct;
	u16 sport, dport, port;
	union nf_inet_addr src, dst, addr;
	const char *alg, *app, *reason;
	u32 generation;
	u64 packets, bytes;
};

void nfalg_event_conv(struct nf_conn *ct, const struct nfalg_conv *conv,
		      const struct nfalg_alg *alg, u8 type);
void nfalg_event_pinhole(const struct nfalg_ctx *ctx,
			 const struct nfalg_pinhole *ph, const char *why);
void nfalg_event_anomaly(struct net *net, const char *what,
			 const struct sk_buff *skb, u8 pf, const u8 *hdr,
			 unsigned int n, u8 proto);
void nfalg_event_config(struct net *net, u32 generation);

/* keepalive.c: probing of idle TCP conversations */
void nfalg_ka_packet(struct nf_conn *ct, struct nfalg_conv *conv,
		     enum ip_conntrack_dir dir, const struct nfalg_params *p,
		     u32 idle);
u32 nfalg_ka_lead(const struct nfalg_params *p);
void nfalg_ka_gone(struct nf_conn *ct, const struct nfalg_conv *conv);
void nfalg_ka_net_init(struct nfalg_net *nn);
void nfalg_ka_net_exit(struct nfalg_net *nn);

/*
 * Datapath sanity (Documentation/datapath-sanity.md): sanity.c (TCP/UDP
 * checks, the hooks), timeouts.c (per-packet housekeeping of every nfalg
 * conversation), syndef.c (SYN defense), icmp.c (ICMP errors, ping).
 */
unsigned int nfalg_sanity_ipv4(void *priv, struct sk_buff *skb,
			       const struct nf_hook_state *state);
unsigned int nfalg_sanity_ipv6(void *priv, struct sk_buff *skb,
			       const struct nf_hook_state *state);
void nfalg_pkt_log(const char *what, const struct sk_buff *skb, u8 pf,
		   unsigned int protoff, u8 proto);
void nfalg_pkt_log_as(const char *what, const char *verb,
		      const struct sk_buff *skb, u8 pf, unsigned int protoff,
		      u8 proto);
unsigned int nfalg_sanity_skb(struct net *net, const struct sk_buff *skb,
			      u8 pf, unsigned int protoff, u8 proto);
bool nfalg_iface_covered(struct net *net, const struct net_device *in);
bool nfalg_conv_is_error(const struct nf_conn *ct,
			 enum ip_conntrack_info ctinfo);
int nfalg_conv_packet(struct sk_buff *skb, unsigned int protoff,
		      struct nf_conn *ct, enum ip_conntrack_info ctinfo,
		      struct nfalg_conv *conv);
void nfalg_conv_destroy(struct nf_conn *ct);
int nfalg_syndef_packet(struct sk_buff *skb, struct nf_conn *ct,
			struct nfalg_conv *conv, u32 syn_timeout);
bool nfalg_syndef_removed(const struct nf_conn *ct,
			  const struct nfalg_conv *conv, u32 syn_timeout);
int nfalg_ping_packet(struct sk_buff *skb, unsigned int protoff,
		      struct nf_conn *ct, enum ip_conntrack_info ctinfo,
		      struct nfalg_conv *conv);
unsigned int nfalg_icmp_error_ipv4(void *priv, struct sk_buff *skb,
				   const struct nf_hook_state *state);
unsigned int nfalg_icmp_error_ipv6(void *priv, struct sk_buff *skb,
				   const struct nf_hook_state *state);

#endif /* _NFALG_CORE_H */
