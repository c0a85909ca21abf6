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
 * classified it as a 16-bit number (nfalg_conv.app_id).  The predefined
 * applications have fixed numbers; a user application gets its number
 * from its namespace when a snapshot that adds it is published and gives
 * it back when a snapshot without it is, so a namespace holds at most as
 * many numbers as it has applications and cannot take them from another.
 */

#include <linux/slab.h>
#include <linux/xarray.h>
#include <net/genetlink.h>
#include <net/netfilter/nf_conntrack_acct.h>
#include <net/netfilter/nf_conntrack_core.h>
#include <net/netfilter/nf_conntrack_expect.h>
#include <net/netfilter/nf_conntrack_helper.h>
#include <net/sock.h>

#include "nfalg_core.h"
#include "objtab.h"

/* ---- application names ---- */

/* A user application's name, numbered in its namespace */
struct nfalg_name {
	struct rcu_head rcu;
	char name[NFALG_NAME_MAXLEN + 1];
};

/* The user application of @name in @c, or NULL */
static const struct nfalg_app *nfalg_user_app(const struct nfalg_config *c,
					      const char *name)
{
	unsigned int pos;
	bool found;

	pos = nfalg_tab_pos(&nfalg_kind_app, c, name, &found);
	return found ? &c->apps[pos] : NULL;
}

void nfalg_app_names_init(struct nfalg_net *nn)
{
	xa_init_flags(&nn->app_names, XA_FLAGS_ALLOC);
	nn->app_next = NFALG_APP_ID_USER;
}

static void nfalg_app_id_free(struct nfalg_net *nn, u16 id)
{
	struct nfalg_name *n = xa_erase(&nn->app_names, id);

	if (n)
		kfree_rcu(n, rcu);
}

/*
 * Drop the numbers of the applications of @gone that @keep (may be NULL)
 * does not have (by name), or, with @fresh, those @gone got in
 * nfalg_app_ids_assign() against @keep.
 */
static void nfalg_app_ids_drop(struct nfalg_net *nn,
			       const struct nfalg_config *gone,
			       const struct nfalg_config *keep)
{
	const struct nfalg_app *k;
	unsigned int i;

	for (i = 0; i < gone->n_apps; i++) {
		if (gone->apps[i].id < NFALG_APP_ID_USER)
			continue;
		k = keep ? nfalg_user_app(keep, gone->apps[i].name) : NULL;
		if (!k || k->id != gone->apps[i].id)
			nfalg_app_id_free(nn, gone->apps[i].id);
	}
}

/**
 * nfalg_app_ids_assign - number the applications of a snapshot
 * @nn: the namespace (lock held)
 * @cur: the running snapshot
 * @nc: the snapshot about to be published
 *
 * The applications of @nc that @cur has (by name) keep their number, the
 * others get a new one.  Numbers are per namespace and handed out
 * cyclically, so that a number an application gave up is not given again
 * before all the others were (a conversation of a deleted application
 * keeps showing its name, or none, for a long time, not another one's).
 * The predefined applications have fixed numbers below
 * %NFALG_APP_ID_USER.
 *
 * Return: 0, or -ENOMEM / -ENOSPC with nothing changed.
 */
int nfalg_app_ids_assign(struct nfalg_net *nn, const struct nfalg_config *cur,
			 struct nfalg_config *nc)
{
	const struct nfalg_app *old;
	unsigned int i, n_apps;
	struct nfalg_name *n;
	u32 id;
	int err;

	lockdep_assert_held(&nn->lock);
	for (i = 0; i < nc->n_apps; i++) {
		old = nfalg_user_app(cur, nc->apps[i].name);
		if (old && old->id) {
			nc->apps[i].id = old->id;
			continue;
		}
		nc->apps[i].id = 0;
		n = kmalloc(sizeof(*n), NFALG_GFP);
		if (!n) {
			err = -ENOMEM;
			goto undo;
		}
		strscpy(n->name, nc->apps[i].name, sizeof(n->name));
		err = xa_alloc_cyclic(&nn->app_names, &id, n,
				      XA_LIMIT(NFALG_APP_ID_USER, U16_MAX),
				      &nn->app_next, NFALG_GFP);
		if (err < 0) {
			kfree(n);
			goto undo;
		}
		nc->apps[i].id = id;
		if (!(i % 256))
			cond_resched();
	}
	return 0;
undo:
	/* the numbers given above go; the ones copied from @cur stay */
	n_apps = nc->n_apps;
	nc->n_apps = i;
	nfalg_app_ids_drop(nn, nc, cur);
	nc->n_apps = n_apps;
	return err == -EBUSY ? -ENOSPC : err;
}

/**
 * nfalg_app_ids_done - after publishing @nc, or failing to
 * @nn: the namespace (lock held)
 * @old: the snapshot that was running
 * @nc: the snapshot that was to replace it
 * @published: @nc is the running snapshot now
 *
 * Frees the numbers only the snapshot that is not running holds.
 */
void nfalg_app_ids_done(struct nfalg_net *nn, const struct nfalg_config *old,
			const struct nfalg_config *nc, bool published)
{
	lockdep_assert_held(&nn->lock);
	if (published)
		nfalg_app_ids_drop(nn, old, nc);
	else
		nfalg_app_ids_drop(nn, nc, old);
}

/* The namespace goes: its names with it */
void nfalg_app_names_exit(struct nfalg_net *nn)
{
	struct nfalg_name *n;
	unsigned long id;

	xa_for_each(&nn->app_names, id, n) {
		xa_erase(&nn->app_names, id);
		kfree_rcu(n, rcu);
	}
	xa_destroy(&nn->app_names);
}

/* The name of application number @id in @net; rcu_read_lock() held */
static const char *nfalg_app_id_name(struct net *net, u16 id)
{
	const struct nfalg_name *n;

	if (id < NFALG_APP_ID_USER)
		return nfalg_default_app_name(id);
	n = xa_load(&nfalg_pernet(net)->app_names, id);
	return n ? n->name : NULL;
}

const char *nfalg_app_name_rcu(struct net *net, u16 id)
{
	return nfalg_app_id_name(net, id);
}

/*
 * The application that admitted the conversation of @ctx, under
 * rcu_read_lock() (a helper); NULL with *@all set when the conversation
 * takes no restriction from an application (not classified, attached from
 * nftables), NULL with *@all clear when its application is gone from the
 * configuration
 */
static const struct nfalg_app *nfalg_ctx_app(const struct nfalg_ctx *ctx,
					     bool *all)
{
	struct net *net = nf_ct_net(ctx->ct);
	const struct nfalg_config *c;
	const struct nfalg_conv *conv;
	const struct nfalg_app *a;
	const char *name;

	conv = nfalg_conv_of(ctx->ct, NULL);
	*all = !conv || !(conv->flags & NFALG_CONV_F_CLASSIFIED) ||
	       !conv->app_id;
	if (*all)
		return NULL;
	c = rcu_dereference(nfalg_pernet(net)->config);
	name = nfalg_app_id_name(net, conv->app_id);
	a = c && name ? nfalg_app_find(c, name) : NULL;
	return a;
}

/**
 * nfalg_app_rpc_allows - whether a conversation may open pinholes for a
 * Sun RPC program
 * @ctx: a packet of the conversation (rcu_read_lock() held: a helper)
 * @prog: the program number
 *
 * The rpc-program-number list of the application that admitted the
 * conversation decides; an application without one, or a conversation no
 * service set classified (attached from nftables), allows every program.
 * A conversation whose application is gone from the configuration allows
 * none.
 */
bool nfalg_app_rpc_allows(const struct nfalg_ctx *ctx, u32 prog)
{
	const struct nfalg_app *a;
	bool all;

	a = nfalg_ctx_app(ctx, &all);
	return a ? nfalg_app_has_prog(a, prog) : all;
}
EXPORT_SYMBOL_GPL(nfalg_app_rpc_allows);

/**
 * nfalg_app_uuid_allows - whether a conversation may open pinholes for a
 * DCE RPC interface
 * @ctx: a packet of the conversation (rcu_read_lock() held: a helper)
 * @uuid: the interface UUID, 16 bytes in RFC 4122 order
 *
 * As nfalg_app_rpc_allows(), with the application's uuid.
 */
bool nfalg_app_uuid_allows(const struct nfalg_ctx *ctx, const u8 *uuid)
{
	const struct nfalg_app *a;
	bool all;

	a = nfalg_ctx_app(ctx, &all);
	if (!a)
		return all;
	return !(a->flags & NFALG_APPF_UUID) ||
	       !memcmp(a->uuid, uuid, sizeof(a->uuid));
}
EXPORT_SYMBOL_GPL(nfalg_app_uuid_allows);

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
	const char *name;

	if (!(conv->flags & NFALG_CONV_F_CLASSIFIED))
		return 0;
	name = nfalg_app_id_name(sock_net(skb->sk), conv->app_id);
	if (name && nla_put_string(skb, NFALG_A_CONV_APP, name))
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
	u16 app_id, def_id;	/* of the user, the predefined application */
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
			  (conv->app_id != f->app_id &&
			   conv->app_id != f->def_id)))
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
		nfalg_app_ids_of(genl_info_net(info),
				 nla_data(tb[NFALG_A_CONV_APP]), &f.app_id,
				 &f.def_id);
		if (!f.app_id && !f.def_id)
			return 0;	/* not numbered: no conversation has it */
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
	const struct nfalg_conv *conv;
	bool parent;

	rcu_read_lock();
	/* a dying entry's helper may be of an unloaded module (keepalive.c) */
	conv = nf_ct_is_dying(ct) ? NULL : nfalg_conv_of(ct, NULL);
	parent = conv && nf_ct_protonum(ct) == IPPROTO_TCP &&
		 READ_ONCE(conv->u.line.parent);
	rcu_read_unlock();
	/* only a conversation that opened a pinhole can have children */
	if (parent)
		nf_ct_iterate_cleanup_net(nfalg_conv_kill_one, &d);
	else
		nf_ct_kill(ct);
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
