// SPDX-License-Identifier: GPL-2.0
/*
 * nfalg core: per-packet housekeeping of every conversation carrying an
 * nfalg helper (any ALG: the basic nfalg-tcp/udp/icmp and the application
 * ALGs alike), run by the helpers' help function before the ALG's own
 * processing, under the conversation's lock:
 *
 *  - nfalg_conv.born is set on the first packet the core sees (and again
 *    on every pass of an unconfirmed TCP handshake, syndef.c);
 *  - TCP and UDP packets pass the sanity checks (sanity.c) or are dropped;
 *  - TCP: SYN defense (syndef.c) until the handshake completes; once
 *    ESTABLISHED, the inactivity timeout becomes nfalg_conv.timeout or the
 *    namespace's tcp-timeout (default 1800 s), plus the time keepalive
 *    needs to probe both sides when it runs out (keepalive.c); other
 *    states keep conntrack's timeouts (closing, TIME_WAIT...);
 *  - UDP: the inactivity timeout becomes nfalg_conv.timeout or the
 *    namespace's udp-timeout (default 30 s), in both directions;
 *  - ICMP: nfalg_conv.timeout when classification set one, else
 *    conntrack's.
 *
 * ICMP errors that conntrack related to the conversation also reach the
 * help function (ctinfo IP_CT_RELATED on a confirmed conversation); they
 * are not packets of the conversation and get none of this.
 */

#include <net/netfilter/nf_conntrack.h>

#include "nfalg_core.h"

/**
 * nfalg_conv_is_error - whether the packet a help function sees for @ct is
 *	an ICMP error related to it rather than one of its own packets
 * @ct: the conversation
 * @ctinfo: the packet's conntrack state
 *
 * The first packet of an expected conversation is IP_CT_RELATED too, but
 * its conversation is not yet confirmed; an error is only ever related to
 * a confirmed one.
 */
bool nfalg_conv_is_error(const struct nf_conn *ct,
			 enum ip_conntrack_info ctinfo)
{
	return (ctinfo == IP_CT_RELATED || ctinfo == IP_CT_RELATED_REPLY) &&
	       nf_ct_is_confirmed(ct);
}

/* The ALG of @ct, which carries an nfalg helper (RCU held) */
static const struct nfalg_alg *nfalg_conv_alg(const struct nf_conn *ct)
{
	return nfalg_helper_alg(rcu_dereference(nfct_help(ct)->helper));
}

static u32 nfalg_conv_timeout(const struct nfalg_conv *conv,
			      const struct nfalg_params *p, int param)
{
	return conv->timeout ? conv->timeout : nfalg_param(p, param);
}

/**
 * nfalg_conv_packet - housekeeping for one packet of a conversation
 * @skb: the packet
 * @protoff: offset of its transport header
 * @ct: its conversation
 * @ctinfo: its conntrack state, not an ICMP error (nfalg_conv_is_error())
 * @conv: the conversation's nfalg data
 *
 * Caller holds rcu_read_lock() and the conversation's lock.
 *
 * Return: NF_ACCEPT or NF_DROP.
 */
int nfalg_conv_packet(struct sk_buff *skb, unsigned int protoff,
		      struct nf_conn *ct, enum ip_conntrack_info ctinfo,
		      struct nfalg_conv *conv)
{
	struct net *net = nf_ct_net(ct);
	const struct nfalg_params *p;
	u8 proto = nf_ct_protonum(ct);
	u32 idle;
	int ret;

	if (!conv->born)
		conv->born = (u32)jiffies ? (u32)jiffies : 1;
	if (!(conv->flags & NFALG_CONV_F_ANNOUNCED) && nf_ct_is_confirmed(ct)) {
		conv->flags |= NFALG_CONV_F_ANNOUNCED;
		nfalg_event_conv(ct, conv, nfalg_conv_alg(ct), NFALG_EV_CONV_START);
	}

	ret = nfalg_sanity_skb(net, skb, nf_ct_l3num(ct), protoff, proto);
	if (ret != NF_ACCEPT)
		return ret;

	p = rcu_dereference(nfalg_pernet(net)->params);
	if (!p)
		return NF_ACCEPT;
	switch (proto) {
	case IPPROTO_TCP:
		ret = nfalg_syndef_packet(skb, ct, conv,
					  nfalg_param(p, NFALG_A_PARAM_SYN_TIMEOUT));
		if (ret != NF_ACCEPT ||
		    READ_ONCE(ct->proto.tcp.state) != TCP_CONNTRACK_ESTABLISHED)
			break;
		idle = nfalg_conv_timeout(conv, p, NFALG_A_PARAM_TCP_TIMEOUT);
		nfalg_ka_packet(ct, conv, CTINFO2DIR(ctinfo), p, idle);
		nf_ct_refresh(ct, skb, (idle + nfalg_ka_lead(p)) * HZ);
		break;
	case IPPROTO_UDP:
		nf_ct_refresh(ct, skb, nfalg_conv_timeout(conv, p,
				NFALG_A_PARAM_UDP_TIMEOUT) * HZ);
		break;
	default:
		if (conv->timeout)
			nf_ct_refresh(ct, skb, conv->timeout * HZ);
		break;
	}
	return ret;
}

/**
 * nfalg_conv_keep - keep the conversation at least @secs seconds from now
 * @ctx: packet context
 * @secs: seconds, at most a day (an ALG whose state outlives the traffic:
 *	a SIP registration and its pinhole)
 *
 * Lengthens the current packet's inactivity timeout only; from the next
 * packet on the usual one applies again unless the ALG asks again.
 */
void nfalg_conv_keep(struct nfalg_ctx *ctx, unsigned int secs)
{
	struct nf_conn *ct = ctx->ct;
	s32 left = READ_ONCE(ct->timeout);

	secs = min(secs, 86400U);
	/* unconfirmed: still relative, made absolute on confirmation */
	if (nf_ct_is_confirmed(ct))
		left -= (s32)nfct_time_stamp;
	if (left < (s32)(secs * HZ))
		nf_ct_refresh(ct, ctx->skb, secs * HZ);
}
EXPORT_SYMBOL_GPL(nfalg_conv_keep);

/*
 * nf_conntrack_helper.destroy of every nfalg helper: a conversation is
 * going away (expired, killed or flushed).  Called under rcu_read_lock(),
 * possibly after the namespace's parameters are gone (namespace exit).
 */
void nfalg_conv_destroy(struct nf_conn *ct)
{
	struct nf_conn_help *help = nfct_help(ct);
	struct net *net = nf_ct_net(ct);
	const struct nfalg_params *p;

	if (!help)
		return;
	if (((struct nfalg_conv *)help->data)->flags & NFALG_CONV_F_ANNOUNCED)
		nfalg_event_conv(ct, (struct nfalg_conv *)help->data,
				 nfalg_conv_alg(ct), NFALG_EV_CONV_END);
	/* TCP stream state, or the state of an ALG of UDP (helper.c) */
	if (nf_ct_protonum(ct) == IPPROTO_TCP ||
	    nf_ct_protonum(ct) == IPPROTO_UDP)
		nfalg_stream_release(ct, (struct nfalg_conv *)help->data);
	nfalg_ka_gone(ct, (const struct nfalg_conv *)help->data);
	p = rcu_dereference(nfalg_pernet(net)->params);
	if (p && nfalg_syndef_removed(ct, (const struct nfalg_conv *)help->data,
				      nfalg_param(p, NFALG_A_PARAM_SYN_TIMEOUT)))
		nfalg_count(net, NFALG_A_CNT_SYN_DEFENSE);
}
