// SPDX-License-Identifier: GPL-2.0
/*
 * nfalg core: the datapath - classification of new connections.
 *
 * While a network namespace has at least one service set, the core has
 * netfilter hooks there (IPv4 and IPv6: FORWARD, LOCAL_IN, LOCAL_OUT, just
 * after the filter chains).  They look only at the first packet of a new
 * connection: its conntrack entry exists but is not confirmed yet, and it
 * is no child admitted by a pinhole (those belong to their parent).  The
 * packet is classified (classify.c) on the interfaces it crosses:
 *
 *  - LOCAL_IN: the input interface, direction input;
 *  - LOCAL_OUT: the output interface, direction output;
 *  - FORWARD: the input interface (input), then the output interface
 *    (output).
 *
 * An interface is inspected when a service set applies to it (its own or
 * the global one); loopback interfaces never are.  When no interface of
 * the packet is inspected, it passes untouched.  Otherwise each applying
 * service set must have a matching term; when both interfaces of a
 * forwarded packet fall under the same service set, one match on either
 * side suffices.  No matching term: the packet is discarded (Junos
 * stateful firewall default) and counted.  A discard or reject term wins
 * over an accept term of the other interface.
 *
 * Accept attaches the ALG of the matched application (its
 * application-protocol, else the basic ALG of the protocol: nfalg-tcp,
 * nfalg-udp, nfalg-icmp) to the entry before it is confirmed, the way
 * nftables' "ct helper set" does, and fills the nfalg_conv of the helper
 * data: application, inactivity timeout, TTL threshold, rule direction.
 * The inactivity timeout also becomes the entry's first timeout.  An ALG
 * whose module is not loaded is counted; the connection is accepted
 * without it.
 *
 * Hooks are registered from the configuration publish path (process
 * context, the namespace's mutex held) when the first service set appears
 * and unregistered when the last one goes, so a namespace without service
 * sets pays nothing.  The configuration is read under RCU.
 */

#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/netdevice.h>
#include <linux/netfilter_ipv4.h>
#include <linux/netfilter_ipv6.h>
#include <net/ip.h>
#include <net/netfilter/ipv4/nf_reject.h>
#include <net/netfilter/ipv6/nf_reject.h>
#include <net/netfilter/nf_conntrack_core.h>
#include <net/netfilter/nf_conntrack_helper.h>
#include <net/netfilter/nf_conntrack_seqadj.h>

#include "nfalg_core.h"

/* Outcome of the classification on one interface */
struct nfalg_side {
	int sset;			/* -1: not inspected */
	bool match;
	struct nfalg_cls_result res;
};

static void nfalg_key_fill(struct nfalg_cls_key *k, const struct nf_conn *ct)
{
	const struct nf_conntrack_tuple *t =
		&ct->tuplehash[IP_CT_DIR_ORIGINAL].tuple;

	memset(k, 0, sizeof(*k));
	k->family = nf_ct_l3num(ct) == NFPROTO_IPV4 ? AF_INET : AF_INET6;
	k->saddr = t->src.u3;
	k->daddr = t->dst.u3;
	k->proto = t->dst.protonum;
	switch (k->proto) {
	case IPPROTO_TCP:
	case IPPROTO_UDP:
	case IPPROTO_UDPLITE:
	case IPPROTO_SCTP:
	case IPPROTO_DCCP:
		k->sport = ntohs(t->src.u.all);
		k->dport = ntohs(t->dst.u.all);
		break;
	case IPPROTO_ICMP:
	case IPPROTO_ICMPV6:
		k->icmp_type = t->dst.u.icmp.type;
		k->icmp_code = t->dst.u.icmp.code;
		break;
	}
}

static void nfalg_side_classify(const struct nfalg_config *c,
				struct nfalg_cls_key *k,
				const struct net_device *dev, u8 dir,
				struct nfalg_side *s)
{
	s->sset = -1;
	s->match = false;
	if (!dev || (dev->flags & IFF_LOOPBACK))
		return;
	s->sset = nfalg_cls_sset(c, dev->name);
	if (s->sset < 0)
		return;
	strscpy(k->ifname, dev->name, sizeof(k->ifname));
	k->dir = dir;
	s->match = nfalg_classify(c, k, &s->res);
}

/*
 * Combine the two sides (input first): the result to apply, NULL for the
 * no-match discard.  *@none is set when no side is inspected at all.
 */
static const struct nfalg_cls_result *
nfalg_decide(const struct nfalg_side *in, const struct nfalg_side *out,
	     bool *none)
{
	const struct nfalg_cls_result *acc = NULL;
	const struct nfalg_side *s[2] = { in, out };
	int i;

	*none = in->sset < 0 && out->sset < 0;
	if (*none)
		return NULL;
	if (in->sset >= 0 && in->sset == out->sset) {
		/* one service set on both sides: first match decides */
		if (in->match)
			return &in->res;
		return out->match ? &out->res : NULL;
	}
	for (i = 0; i < 2; i++) {
		if (s[i]->sset < 0)
			continue;
		if (!s[i]->match)
			return NULL;
		if (s[i]->res.term->action != NFALG_ACT_ACCEPT)
			return &s[i]->res;
		if (!acc)
			acc = &s[i]->res;
	}
	return acc;
}

static void nfalg_log(const struct nf_conn *ct, const char *what,
		      const struct nfalg_cls_result *r)
{
	const struct nf_conntrack_tuple *t =
		&ct->tuplehash[IP_CT_DIR_ORIGINAL].tuple;
	char tuple[NFALG_TUPLE_STRLEN];

	if (!net_ratelimit())
		return;
	pr_info("nfalg: %s: service-set %s rule %s term %s application %s: proto %u %s\n",
		what, r->sset->name, r->rule->name, r->term->name,
		r->app ? r->app->name : "-", t->dst.protonum,
		nfalg_tuple_fmt(t, tuple, sizeof(tuple)));
}

/* Name index of the ALG for an accepted connection, 0: none */
static unsigned int nfalg_alg_for(const struct nfalg_app *app, u8 proto)
{
	if (app && app->alg)
		return app->alg;
	switch (proto) {
	case IPPROTO_TCP:
		return nfalg_alg_index_of("tcp");
	case IPPROTO_UDP:
		return nfalg_alg_index_of("udp");
	case IPPROTO_ICMP:
	case IPPROTO_ICMPV6:
		return nfalg_alg_index_of("icmp");
	}
	return 0;
}

static bool nfalg_alg_fits(const struct nfalg_alg *alg, u8 proto)
{
	if (alg->flags & NFALG_ALG_F_ANY_PROTO)
		return true;
	if (alg->l4proto == IPPROTO_ICMP)
		return proto == IPPROTO_ICMP || proto == IPPROTO_ICMPV6;
	if (nfalg_alg_dual(alg) && proto == IPPROTO_TCP)
		return true;
	return alg->l4proto == proto;
}

static void nfalg_conv_fill(struct nfalg_conv *conv,
			    const struct nfalg_cls_result *r)
{
	const struct nfalg_app *app = r->app;

	conv->born = jiffies ? : 1;
	conv->timeout = app && (app->flags & NFALG_APPF_TIMEOUT) ?
			app->timeout : 0;
	conv->app_id = app ? app->id : 0;
	/* an application sets at most one: each needs its own ALG */
	conv->app_arg = !app ? 0 : app->flags & NFALG_APPF_DNS_KEEP ?
			NFALG_APP_ARG_DNS_KEEP : app->ttl | r->snmp_cmds;
	conv->flags |= NFALG_CONV_F_CLASSIFIED;
	if (r->rule->dir == NFALG_DIR_INPUT_OUTPUT)
		conv->flags |= NFALG_CONV_F_INPUT_OUTPUT;
}

/* Attach the ALG; NF_DROP only when the entry cannot take it */
static unsigned int nfalg_accept(struct nf_conn *ct,
				 const struct nfalg_cls_result *r)
{
	u8 proto = nf_ct_protonum(ct);
	struct nf_conntrack_helper *h;
	struct nf_conn_help *help;
	struct nfalg_alg *alg;
	unsigned int idx;

	if (r->app && (r->app->flags & NFALG_APPF_TIMEOUT))
		/* relative: the entry is not confirmed yet */
		WRITE_ONCE(ct->timeout, r->app->timeout * HZ);
	help = nfct_help(ct);
	if (help) {
		/* already given a helper (nftables "ct helper set") */
		h = rcu_dereference(help->helper);
		if (h && h->help == nfalg_helper_help &&
		    !(((struct nfalg_conv *)help->data)->flags &
		      NFALG_CONV_F_CLASSIFIED))
			nfalg_conv_fill((struct nfalg_conv *)help->data, r);
		return NF_ACCEPT;
	}
	idx = nfalg_alg_for(r->app, proto);
	if (!idx)
		return NF_ACCEPT;
	alg = nfalg_alg_lookup_rcu(idx);
	if (!alg || !nfalg_alg_fits(alg, proto)) {
		nfalg_count(nf_ct_net(ct), NFALG_A_CNT_NO_ALG);
		return NF_ACCEPT;
	}
	/*
	 * Every extension first: adding one may move ct->ext (krealloc), so
	 * no extension pointer may be held across another's addition.  DNAT
	 * was set up before this hook, without a helper, so it did not add
	 * the sequence adjustment a payload rewrite needs; source NAT, set
	 * up after this hook, adds it itself (nf_nat_setup_info()).
	 */
	if (!nf_ct_helper_ext_add(ct, GFP_ATOMIC))
		return NF_DROP;
	if ((ct->status & IPS_NAT_MASK) && !nfct_seqadj(ct) &&
	    !nfct_seqadj_ext_add(ct))
		return NF_DROP;
	help = nfct_help(ct);
	nfalg_conv_fill((struct nfalg_conv *)help->data, r);
	rcu_assign_pointer(help->helper,
			   nfalg_alg_helper(alg, nf_ct_l3num(ct), proto));
	set_bit(IPS_HELPER_BIT, &ct->status);
	return NF_ACCEPT;
}

static void nfalg_reject(struct sk_buff *skb, const struct nf_conn *ct,
			 const struct nf_hook_state *state)
{
	bool tcp = nf_ct_protonum(ct) == IPPROTO_TCP;

	if (state->pf == NFPROTO_IPV4) {
		if (tcp)
			nf_send_reset(state->net, state->sk, skb, state->hook);
		else
			nf_send_unreach(skb, ICMP_PORT_UNREACH, state->hook);
	} else {
		if (tcp)
			nf_send_reset6(state->net, state->sk, skb, state->hook);
		else
			nf_send_unreach6(state->net, skb, ICMPV6_PORT_UNREACH,
					 state->hook);
	}
}

static unsigned int nfalg_hook(void *priv, struct sk_buff *skb,
			       const struct nf_hook_state *state)
{
	const struct nfalg_cls_result *r;
	struct nfalg_side in, out;
	enum ip_conntrack_info ctinfo;
	const struct nfalg_config *c;
	struct nfalg_cls_key k;
	struct nf_conn *ct;
	bool none;

	ct = nf_ct_get(skb, &ctinfo);
	if (!ct || ctinfo != IP_CT_NEW || nf_ct_is_confirmed(ct) ||
	    nf_ct_is_template(ct) || ct->master)
		return NF_ACCEPT;

	c = rcu_dereference(nfalg_pernet(state->net)->config);
	nfalg_key_fill(&k, ct);
	in.sset = -1;
	out.sset = -1;
	if (state->hook != NF_INET_LOCAL_OUT)
		nfalg_side_classify(c, &k, state->in, NFALG_DIR_INPUT, &in);
	if (state->hook != NF_INET_LOCAL_IN)
		nfalg_side_classify(c, &k, state->out, NFALG_DIR_OUTPUT, &out);

	r = nfalg_decide(&in, &out, &none);
	if (none)
		return NF_ACCEPT;
	if (!r) {
		nfalg_count(state->net, NFALG_A_CNT_NO_MATCH);
		return NF_DROP;
	}
	/* the rule is part of the snapshot, alive under RCU */
	nfalg_term_hit(r->rule, r->term);
	switch (r->term->action) {
	case NFALG_ACT_ACCEPT:
		if (r->term->syslog)
			nfalg_log(ct, "accept", r);
		return nfalg_accept(ct, r);
	case NFALG_ACT_REJECT:
		if (r->term->syslog)
			nfalg_log(ct, "reject", r);
		nfalg_reject(skb, ct, state);
		return NF_DROP;
	default:
		if (r->term->syslog)
			nfalg_log(ct, "discard", r);
		return NF_DROP;
	}
}

/* After the filter chains, before confirmation and source NAT */
#define NFALG_HOOK_PRIO	(NF_IP_PRI_FILTER + 1)

#define NFALG_HOOK(_pf, _hook) {		\
	.hook		= nfalg_hook,		\
	.pf		= _pf,			\
	.hooknum	= _hook,		\
	.priority	= NFALG_HOOK_PRIO,	\
}

static const struct nf_hook_ops nfalg_hook_ops[] = {
	NFALG_HOOK(NFPROTO_IPV4, NF_INET_FORWARD),
	NFALG_HOOK(NFPROTO_IPV4, NF_INET_LOCAL_IN),
	NFALG_HOOK(NFPROTO_IPV4, NF_INET_LOCAL_OUT),
	NFALG_HOOK(NFPROTO_IPV6, NF_INET_FORWARD),
	NFALG_HOOK(NFPROTO_IPV6, NF_INET_LOCAL_IN),
	NFALG_HOOK(NFPROTO_IPV6, NF_INET_LOCAL_OUT),
	/* sanity.c: TCP and UDP anomalies, before conntrack sees them */
	{
		.hook		= nfalg_sanity_ipv4,
		.pf		= NFPROTO_IPV4,
		.hooknum	= NF_INET_PRE_ROUTING,
		.priority	= NF_IP_PRI_CONNTRACK - 10,
	},
	{
		.hook		= nfalg_sanity_ipv6,
		.pf		= NFPROTO_IPV6,
		.hooknum	= NF_INET_PRE_ROUTING,
		.priority	= NF_IP6_PRI_CONNTRACK - 10,
	},
	/* icmp.c: ICMP errors conntrack could not relate to a flow */
	{
		.hook		= nfalg_icmp_error_ipv4,
		.pf		= NFPROTO_IPV4,
		.hooknum	= NF_INET_PRE_ROUTING,
		.priority	= NF_IP_PRI_CONNTRACK + 10,
	},
	{
		.hook		= nfalg_icmp_error_ipv6,
		.pf		= NFPROTO_IPV6,
		.hooknum	= NF_INET_PRE_ROUTING,
		.priority	= NF_IP6_PRI_CONNTRACK + 10,
	},
};

static void nfalg_hooks_off(struct nfalg_net *nn)
{
	if (!nn->hooks)
		return;
	nf_unregister_net_hooks(nn->net, nfalg_hook_ops,
				ARRAY_SIZE(nfalg_hook_ops));
	nf_ct_netns_put(nn->net, NFPROTO_INET);
	nn->hooks = false;
}

/**
 * nfalg_dp_prepare_locked - get the datapath ready for a new snapshot
 * @nn: the namespace (lock held)
 * @nc: the snapshot about to be published
 *
 * When @nc has service sets, makes sure conntrack runs in the namespace
 * and the hooks are registered.
 *
 * Return: 0 or an error, in which case nothing changed.
 */
int nfalg_dp_prepare_locked(struct nfalg_net *nn, struct nfalg_config *nc)
{
	int err;

	lockdep_assert_held(&nn->lock);
	if (!nc->n_ssets || nn->hooks)
		return 0;
	err = nf_ct_netns_get(nn->net, NFPROTO_INET);
	if (err)
		return err;
	err = nf_register_net_hooks(nn->net, nfalg_hook_ops,
				    ARRAY_SIZE(nfalg_hook_ops));
	if (err) {
		nf_ct_netns_put(nn->net, NFPROTO_INET);
		return err;
	}
	nn->hooks = true;
	return 0;
}

/**
 * nfalg_dp_commit_locked - after publishing: drop hooks nobody needs
 * @nn: the namespace (lock held)
 */
void nfalg_dp_commit_locked(struct nfalg_net *nn)
{
	lockdep_assert_held(&nn->lock);
	if (!nfalg_config_locked(nn)->n_ssets)
		nfalg_hooks_off(nn);
}

/* The namespace or the module goes away */
void nfalg_dp_net_exit(struct nfalg_net *nn)
{
	nfalg_hooks_off(nn);
}
