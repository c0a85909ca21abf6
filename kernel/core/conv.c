// SPDX-License-Identifier: GPL-2.0
/*
 * nfalg core: conversations.
 *
 * A conversation is a conntrack entry carrying an nfalg helper (the
 * control connection, both directions) together with its children - the
 * entries admitted through its pinholes, whose ct->master it is - and its
 * open pinholes (expectations).  No table of its own: the GET_CONV dump
 * walks the namespace's conntrack hash and expectation table, DEL_CONV
 * removes entries through conntrack (their pinholes go with them).
 *
 * Application names: a conversation records the application that
 * classified it as a 16-bit number (nfalg_conv.app_id).  Names get their
 * number the first time a snapshot holding them is published; numbers are
 * global, never reused while the module is loaded, and at most 65535
 * names are numbered (later ones get 0 and show as unknown).
 */

#include <linux/hashtable.h>
#include <linux/jhash.h>
#include <linux/slab.h>
#include <linux/xarray.h>
#include <net/genetlink.h>
#include <net/netfilter/nf_conntrack_acct.h>
#include <net/netfilter/nf_conntrack_core.h>
#include <net/netfilter/nf_conntrack_expect.h>
#include <net/netfilter/nf_conntrack_helper.h>
#include <net/sock.h>

#include "nfalg_core.h"

/* ---- application names ---- */

struct nfalg_name {
	struct hlist_node node;
	u16 id;
	char name[NFALG_NAME_MAXLEN + 1];
};

static DEFINE_MUTEX(nfalg_names_lock);	/* protects nfalg_names_hash */
static DEFINE_HASHTABLE(nfalg_names_hash, 8);
static DEFINE_XARRAY_ALLOC1(nfalg_names_xa);	/* id -> name, RCU read */

static struct nfalg_name *nfalg_name_find_locked(const char *name)
{
	struct nfalg_name *n;

	hash_for_each_possible(nfalg_names_hash, n, node,
			       jhash(name, strlen(name), 0))
		if (!strcmp(n->name, name))
			return n;
	return NULL;
}

/**
 * nfalg_app_intern - the number of an application name
 * @name: the name
 *
 * Process context.  Return: its number, 0 when none can be given.
 */
u16 nfalg_app_intern(const char *name)
{
	struct nfalg_name *n;
	u32 id = 0;

	mutex_lock(&nfalg_names_lock);
	n = nfalg_name_find_locked(name);
	if (n) {
		id = n->id;
		goto unlock;
	}
	n = kzalloc(sizeof(*n), GFP_KERNEL);
	if (!n)
		goto unlock;
	strscpy(n->name, name, sizeof(n->name));
	if (xa_alloc(&nfalg_names_xa, &id, n, XA_LIMIT(1, U16_MAX),
		     GFP_KERNEL)) {
		kfree(n);
		id = 0;
		goto unlock;
	}
	n->id = id;
	hash_add(nfalg_names_hash, &n->node, jhash(name, strlen(name), 0));
unlock:
	mutex_unlock(&nfalg_names_lock);
	return id;
}

static u16 nfalg_app_lookup(const char *name)
{
	struct nfalg_name *n;
	u16 id;

	mutex_lock(&nfalg_names_lock);
	n = nfalg_name_find_locked(name);
	id = n ? n->id : 0;
	mutex_unlock(&nfalg_names_lock);
	return id;
}

const char *nfalg_app_name_rcu(const struct net *net, u16 id)
{
	const struct nfalg_name *n = id ? xa_load(&nfalg_names_xa, id) : NULL;

	return n ? n->name : NULL;
}

/* Module exit: no reader is left */
void nfalg_app_names_exit(void)
{
	struct nfalg_name *n;
	unsigned long id;

	xa_for_each(&nfalg_names_xa, id, n)
		kfree(n);
	xa_destroy(&nfalg_names_xa);
}

/* ---- which entries are conversations ---- */

/*
 * The nfalg conversation data of @ct, or NULL if it has no nfalg helper;
 * rcu_read_lock() held.
 */
struct nfalg_conv *nfalg_conv_of(const struct nf_conn *ct,
				 const struct nf_conntrack_helper **hp)
{
	const struct nf_conntrack_helper *h;
	struct nf_conn_help *help;

	help = nfct_help(ct);
	if (!help)
		return NULL;
	h = rcu_dereference(help->helper);
	if (!h || h->help != nfalg_helper_help)
		return NULL;
	if (hp)
		*hp = h;
	return (struct nfalg_conv *)help->data;
}

/* ---- GET_CONV dump ---- */

enum { CONV_PHASE_CT, CONV_PHASE_EXP, CONV_PHASE_DONE };

static int nfalg_put_tuple(struct sk_buff *skb,
			   const struct nf_conntrack_tuple *t, int src,
			   int dst, int sport, int dport)
{
	unsigned int alen = t->src.l3num == NFPROTO_IPV4 ? 4 : 16;
	bool ports = t->dst.protonum == IPPROTO_TCP ||
		     t->dst.protonum == IPPROTO_UDP ||
		     t->dst.protonum == IPPROTO_UDPLITE ||
		     t->dst.protonum == IPPROTO_SCTP ||
		     t->dst.protonum == IPPROTO_DCCP;

	if (nla_put(skb, src, alen, &t->src.u3) ||
	    nla_put(skb, dst, alen, &t->dst.u3))
		return -EMSGSIZE;
	if (ports && (nla_put_u16(skb, sport, ntohs(t->src.u.all)) ||
		      nla_put_u16(skb, dport, ntohs(t->dst.u.all))))
		return -EMSGSIZE;
	return 0;
}

static int nfalg_put_acct(struct sk_buff *skb, const struct nf_conn *ct)
{
	const struct nf_conn_acct *acct = nf_conn_acct_find(ct);

	if (!acct)
		return 0;
	if (nla_put_u64_64bit(skb, NFALG_A_CONV_PKTS_ORIG,
			      atomic64_read(&acct->counter[0].packets),
			      NFALG_A_CONV_PAD) ||
	    nla_put_u64_64bit(skb, NFALG_A_CONV_BYTES_ORIG,
			      atomic64_read(&acct->counter[0].bytes),
			      NFALG_A_CONV_PAD) ||
	    nla_put_u64_64bit(skb, NFALG_A_CONV_PKTS_REPLY,
			      atomic64_read(&acct->counter[1].packets),
			      NFALG_A_CONV_PAD) ||
	    nla_put_u64_64bit(skb, NFALG_A_CONV_BYTES_REPLY,
			      atomic64_read(&acct->counter[1].bytes),
			      NFALG_A_CONV_PAD))
		return -EMSGSIZE;
	return 0;
}

static int nfalg_put_classified(struct sk_buff *skb,
				const struct nfalg_conv *conv, u32 left)
{
	const struct nfalg_name *n;

	if (!(conv->flags & NFALG_CONV_F_CLASSIFIED))
		return 0;
	n = conv->app_id ? xa_load(&nfalg_names_xa, conv->app_id) : NULL;
	if (n && nla_put_string(skb, NFALG_A_CONV_APP, n->name))
		return -EMSGSIZE;
	if (conv->born &&
	    nla_put_u32(skb, NFALG_A_CONV_AGE,
			((u32)jiffies - conv->born) / HZ))
		return -EMSGSIZE;
	if (conv->timeout &&
	    (nla_put_u32(skb, NFALG_A_CONV_INACTIVITY, conv->timeout) ||
	     nla_put_u32(skb, NFALG_A_CONV_IDLE,
			 left < conv->timeout ? conv->timeout - left : 0)))
		return -EMSGSIZE;
	return 0;
}

/* One conntrack entry; rcu_read_lock() held, reference held */
static int nfalg_conv_fill(struct sk_buff *skb, struct netlink_callback *cb,
			   struct nf_conn *ct)
{
	const struct nf_conntrack_helper *h = NULL;
	const struct nfalg_conv *conv;
	u32 left = nf_ct_expires(ct) / HZ;
	struct nlattr *nest;
	void *hdr;

	conv = nfalg_conv_of(ct, &h);
	hdr = nfalg_genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				cb->nlh->nlmsg_seq, NLM_F_MULTI,
				NFALG_CMD_GET_CONV);
	if (!hdr)
		return -EMSGSIZE;
	nest = nla_nest_start(skb, NFALG_A_CONV);
	if (!nest ||
	    nla_put_u32(skb, NFALG_A_CONV_ID, nf_ct_get_id(ct)) ||
	    (ct->master &&
	     nla_put_u32(skb, NFALG_A_CONV_PARENT, nf_ct_get_id(ct->master))) ||
	    nla_put_u8(skb, NFALG_A_CONV_FAMILY,
		       nf_ct_l3num(ct) == NFPROTO_IPV4 ? AF_INET : AF_INET6) ||
	    nla_put_u8(skb, NFALG_A_CONV_PROTO, nf_ct_protonum(ct)) ||
	    nfalg_put_tuple(skb, &ct->tuplehash[IP_CT_DIR_ORIGINAL].tuple,
			    NFALG_A_CONV_SRC, NFALG_A_CONV_DST,
			    NFALG_A_CONV_SPORT, NFALG_A_CONV_DPORT) ||
	    nfalg_put_tuple(skb, &ct->tuplehash[IP_CT_DIR_REPLY].tuple,
			    NFALG_A_CONV_REPLY_SRC, NFALG_A_CONV_REPLY_DST,
			    NFALG_A_CONV_REPLY_SPORT,
			    NFALG_A_CONV_REPLY_DPORT) ||
	    (h && nla_put_string(skb, NFALG_A_CONV_ALG,
				 nfalg_helper_alg(h)->name)) ||
	    (conv && nfalg_put_classified(skb, conv, left)) ||
	    nla_put_u32(skb, NFALG_A_CONV_TIMEOUT, left) ||
	    nfalg_put_acct(skb, ct)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	genlmsg_end(skb, hdr);
	return 0;
}

/* Is @ct (of @net) part of a conversation? rcu_read_lock() held */
static bool nfalg_conv_member(const struct nf_conn *ct)
{
	return nfalg_conv_of(ct->master ? ct->master : ct, NULL);
}

/*
 * The conntrack phase: cb->args[1] is the next hash bucket, cb->args[2]
 * the entries of that bucket already sent.  Each bucket is read under its
 * conntrack lock (as ctnetlink does), which also keeps the table from
 * being resized meanwhile; entries in the table are alive while it is
 * held.  Entries come and go between messages, so the dump is no snapshot
 * (like conntrack -L).
 */
/* One bucket; 1: past the end of the table, 0: done, or -EMSGSIZE */
static int nfalg_conv_dump_bucket(struct sk_buff *skb,
				  struct netlink_callback *cb, spinlock_t *lockp)
	__must_hold(lockp)
{
	struct net *net = sock_net(skb->sk);
	struct nf_conntrack_tuple_hash *th;
	struct hlist_nulls_node *n;
	struct nf_conn *ct;
	long idx = 0;
	int err;

	if (cb->args[1] >= nf_conntrack_htable_size)
		return 1;
	hlist_nulls_for_each_entry(th, n, &nf_conntrack_hash[cb->args[1]],
				   hnnode) {
		if (NF_CT_DIRECTION(th) != IP_CT_DIR_ORIGINAL)
			continue;
		ct = nf_ct_tuplehash_to_ctrack(th);
		if (!net_eq(nf_ct_net(ct), net) || !nfalg_conv_member(ct) ||
		    idx++ < cb->args[2])
			continue;
		err = nfalg_conv_fill(skb, cb, ct);
		if (err)
			return err;
		cb->args[2]++;
	}
	return 0;
}

static int nfalg_conv_dump_cts(struct sk_buff *skb, struct netlink_callback *cb)
{
	spinlock_t *lockp;
	int ret;

	for (;; cb->args[1]++, cb->args[2] = 0) {
		lockp = &nf_conntrack_locks[cb->args[1] % CONNTRACK_LOCKS];
		local_bh_disable();
		nfalg_bucket_lock(lockp);
		rcu_read_lock();
		ret = nfalg_conv_dump_bucket(skb, cb, lockp);
		rcu_read_unlock();
		spin_unlock(lockp);
		local_bh_enable();
		if (ret)
			return ret < 0 ? ret : 0;
	}
}

struct nfalg_conv_exp_walk {
	struct sk_buff *skb;
	struct netlink_callback *cb;
	long idx;
	bool full;
};

/* Called under the expectation lock for every expectation of the netns */
static bool nfalg_conv_exp_one(struct nf_conntrack_expect *exp, void *data)
{
	struct nfalg_conv_exp_walk *w = data;
	const struct nf_conntrack_tuple *t = &exp->tuple;
	struct sk_buff *skb = w->skb;
	struct nlattr *nest;
	s32 left;
	void *hdr;

	if (w->full)
		return false;
	rcu_read_lock();
	if (!nfalg_conv_of(exp->master, NULL) || w->idx++ < w->cb->args[1])
		goto out;
	left = (s32)(READ_ONCE(exp->timeout) - nfct_time_stamp);
	hdr = nfalg_genlmsg_put(skb, NETLINK_CB(w->cb->skb).portid,
				w->cb->nlh->nlmsg_seq, NLM_F_MULTI,
				NFALG_CMD_GET_CONV);
	if (!hdr) {
		w->full = true;
		goto out;
	}
	nest = nla_nest_start(skb, NFALG_A_CONV);
	if (!nest ||
	    nla_put_flag(skb, NFALG_A_CONV_PINHOLE) ||
	    nla_put_u32(skb, NFALG_A_CONV_PARENT, nf_ct_get_id(exp->master)) ||
	    nla_put_u8(skb, NFALG_A_CONV_FAMILY,
		       t->src.l3num == NFPROTO_IPV4 ? AF_INET : AF_INET6) ||
	    nla_put_u8(skb, NFALG_A_CONV_PROTO, t->dst.protonum) ||
	    nla_put(skb, NFALG_A_CONV_SRC,
		    t->src.l3num == NFPROTO_IPV4 ? 4 : 16, &t->src.u3) ||
	    nla_put(skb, NFALG_A_CONV_DST,
		    t->src.l3num == NFPROTO_IPV4 ? 4 : 16, &t->dst.u3) ||
	    nla_put_u16(skb, NFALG_A_CONV_DPORT, ntohs(t->dst.u.all)) ||
	    nla_put_u32(skb, NFALG_A_CONV_TIMEOUT, left > 0 ? left / HZ : 0)) {
		genlmsg_cancel(skb, hdr);
		w->full = true;
		goto out;
	}
	nla_nest_end(skb, nest);
	genlmsg_end(skb, hdr);
	w->cb->args[1]++;
out:
	rcu_read_unlock();
	return false;	/* never remove anything */
}

/*
 * GET_CONV dumpit: every conntrack entry of a conversation (parents and
 * children), then every pinhole.  cb->args[0] is the phase.
 */
int nfalg_conv_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct nfalg_conv_exp_walk w = { .skb = skb, .cb = cb };

	if (cb->args[0] == CONV_PHASE_CT) {
		if (nfalg_conv_dump_cts(skb, cb))
			return skb->len;
		cb->args[0] = CONV_PHASE_EXP;
		cb->args[1] = 0;
		cb->args[2] = 0;
	}
	if (cb->args[0] == CONV_PHASE_EXP) {
		nf_ct_expect_iterate_net(sock_net(skb->sk), nfalg_conv_exp_one,
					 &w, 0, 0);
		if (w.full)
			return skb->len;
		cb->args[0] = CONV_PHASE_DONE;
	}
	return skb->len;
}

/* ---- DEL_CONV ---- */

static const struct nla_policy nfalg_conv_policy[NFALG_A_CONV_MAX + 1] = {
	[NFALG_A_CONV_APP]	= { .type = NLA_NUL_STRING,
				    .len = NFALG_NAME_MAXLEN },
	[NFALG_A_CONV_ALG]	= { .type = NLA_NUL_STRING,
				    .len = NF_CT_HELPER_NAME_LEN - 1 },
	[NFALG_A_CONV_ADDR]	= { .type = NLA_BINARY,
				    .len = sizeof(struct in6_addr) },
};

const struct nla_policy nfalg_conv_cmd_policy[NFALG_A_CONV + 1] = {
	[NFALG_A_CONV]		= NLA_POLICY_NESTED(nfalg_conv_policy),
};

struct nfalg_conv_filter {
	const char *alg;	/* NULL: any */
	bool by_app;
	u16 app_id;
	bool by_addr;
	u8 family;
	union nf_inet_addr addr;
};

static bool nfalg_filter_match(const struct nf_conn *ct,
			       const struct nfalg_conv_filter *f)
{
	const struct nf_conntrack_tuple *t =
		&ct->tuplehash[IP_CT_DIR_ORIGINAL].tuple;
	const struct nf_conntrack_helper *h = NULL;
	const struct nfalg_conv *conv;

	conv = nfalg_conv_of(ct, &h);
	if (!conv)
		return false;
	if (f->alg && strcmp(nfalg_helper_alg(h)->name, f->alg))
		return false;
	if (f->by_app && (!(conv->flags & NFALG_CONV_F_CLASSIFIED) ||
			  conv->app_id != f->app_id))
		return false;
	if (f->by_addr &&
	    (nf_ct_l3num(ct) != f->family ||
	     (!nf_inet_addr_cmp(&t->src.u3, &f->addr) &&
	      !nf_inet_addr_cmp(&t->dst.u3, &f->addr))))
		return false;
	return true;
}

/* nf_ct_iterate_cleanup_net() callback: 1 removes the entry */
static int nfalg_conv_kill(struct nf_conn *ct, void *data)
{
	bool hit;

	rcu_read_lock();
	hit = nfalg_filter_match(ct->master ? ct->master : ct, data);
	rcu_read_unlock();
	return hit;
}

int nfalg_nl_del_conv(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[NFALG_A_CONV_MAX + 1] = {};
	struct nfalg_conv_filter f = {};
	struct nf_ct_iter_data d = {
		.net = genl_info_net(info),
		.data = &f,
		.portid = info->snd_portid,
	};
	int err, len;

	if (info->attrs[NFALG_A_CONV]) {
		err = nla_parse_nested(tb, NFALG_A_CONV_MAX,
				       info->attrs[NFALG_A_CONV],
				       nfalg_conv_policy, info->extack);
		if (err)
			return err;
	}
	if (tb[NFALG_A_CONV_ADDR]) {
		len = nla_len(tb[NFALG_A_CONV_ADDR]);
		if (len != 4 && len != 16) {
			NL_SET_ERR_MSG_ATTR(info->extack, tb[NFALG_A_CONV_ADDR],
					    "address must be 4 (IPv4) or 16 (IPv6) bytes");
			return -EINVAL;
		}
		f.by_addr = true;
		f.family = len == 4 ? NFPROTO_IPV4 : NFPROTO_IPV6;
		nla_memcpy(&f.addr, tb[NFALG_A_CONV_ADDR], sizeof(f.addr));
	}
	if (tb[NFALG_A_CONV_ALG])
		f.alg = nla_data(tb[NFALG_A_CONV_ALG]);
	if (tb[NFALG_A_CONV_APP]) {
		f.by_app = true;
		f.app_id = nfalg_app_lookup(nla_data(tb[NFALG_A_CONV_APP]));
		if (!f.app_id)
			return 0;	/* never numbered: no conversation has it */
	}
	nf_ct_iterate_cleanup_net(nfalg_conv_kill, &d);
	return 0;
}

/* nf_ct_iterate_cleanup_net() callback: @ct is @data or one of its children */
static int nfalg_conv_kill_one(struct nf_conn *ct, void *data)
{
	return ct == data || ct->master == data;
}

/**
 * nfalg_conv_end - remove one conversation: the entry, its children and
 *	(through conntrack) its pinholes
 * @ct: the conversation's entry, a reference held by the caller
 *
 * Process context, no locks held.
 */
void nfalg_conv_end(struct nf_conn *ct)
{
	struct nf_ct_iter_data d = {
		.net = nf_ct_net(ct),
		.data = ct,
	};

	nf_ct_iterate_cleanup_net(nfalg_conv_kill_one, &d);
}

/**
 * nfalg_tuple_fmt - "src:sport -> dst:dport" of a conntrack tuple, IPv6
 *	addresses in brackets, for log lines
 * @t: the tuple (ports read as TCP/UDP ports)
 * @buf: where to write
 * @len: its size; NFALG_TUPLE_STRLEN always suffices
 *
 * Return: @buf
 */
char *nfalg_tuple_fmt(const struct nf_conntrack_tuple *t, char *buf,
		      size_t len)
{
	if (t->src.l3num == NFPROTO_IPV4)
		snprintf(buf, len, "%pI4:%u -> %pI4:%u", &t->src.u3.ip,
			 ntohs(t->src.u.all), &t->dst.u3.ip,
			 ntohs(t->dst.u.all));
	else
		snprintf(buf, len, "[%pI6c]:%u -> [%pI6c]:%u", &t->src.u3.in6,
			 ntohs(t->src.u.all), &t->dst.u3.in6,
			 ntohs(t->dst.u.all));
	return buf;
}
