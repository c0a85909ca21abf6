// SPDX-License-Identifier: GPL-2.0
/*
 * nfalg core: ICMP and ICMPv6.
 *
 * Errors.  An ICMP or ICMPv6 error message arriving on an interface
 * covered by a service set passes only when conntrack related it to an
 * existing conversation (ctinfo IP_CT_RELATED or IP_CT_RELATED_REPLY: the
 * packet quoted in the error matches a conversation in the opposite
 * direction); NAT then rewrites it like its conversation.  Errors the
 * user exempted from tracking (notrack) pass too.  Any other error is
 * dropped, counted (NFALG_A_CNT_ICMP_ERR_NO_FLOW) and logged.  The hook
 * runs in PRE_ROUTING right after conntrack (registered by hooks.c).
 *
 * Ping.  A ping flow (conntrack tracks echo request and reply by
 * identifier) carrying the nfalg-icmp helper records the sequence number
 * of every echo request (ping_window.c).  An echo reply passes only when a
 * request with its sequence number is outstanding, and answers it; at most
 * NFALG_PING_MAX_OUTSTANDING requests may be outstanding, within a window
 * of NFALG_PING_WINDOW consecutive sequence numbers.  Dropped replies and
 * requests are counted (NFALG_A_CNT_PING_UNSOLICITED, _EXCESS) and logged.
 */

#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <net/ip.h>
#include <net/ipv6.h>

#include "nfalg_core.h"
#include "ping_window.h"

static_assert(sizeof(struct nfalg_ping_window) <=
	      sizeof_field(struct nfalg_conv, u.ping));

static bool nfalg_icmp_is_error(u8 pf, u8 type)
{
	if (pf == NFPROTO_IPV6)
		return !(type & ICMPV6_INFOMSG_MASK);
	switch (type) {
	case ICMP_DEST_UNREACH:
	case ICMP_SOURCE_QUENCH:
	case ICMP_REDIRECT:
	case ICMP_TIME_EXCEEDED:
	case ICMP_PARAMETERPROB:
		return true;
	default:
		return false;
	}
}

static unsigned int nfalg_icmp_error(struct sk_buff *skb,
				     const struct nf_hook_state *state,
				     unsigned int protoff, u8 proto)
{
	enum ip_conntrack_info ctinfo;
	u8 _type;
	const u8 *type;

	type = skb_header_pointer(skb, protoff, 1, &_type);
	if (!type || !nfalg_icmp_is_error(state->pf, *type))
		return NF_ACCEPT;
	if (!nfalg_iface_covered(state->net, state->in))
		return NF_ACCEPT;
	/* related to a conversation, or exempted from tracking by the user */
	if (nf_ct_get(skb, &ctinfo) &&
	    (ctinfo == IP_CT_RELATED || ctinfo == IP_CT_RELATED_REPLY ||
	     ctinfo == IP_CT_UNTRACKED))
		return NF_ACCEPT;
	nfalg_count(state->net, NFALG_A_CNT_ICMP_ERR_NO_FLOW);
	nfalg_pkt_log("icmp-error-no-flow", skb, state->pf, protoff, proto);
	return NF_DROP;
}

unsigned int nfalg_icmp_error_ipv4(void *priv, struct sk_buff *skb,
				   const struct nf_hook_state *state)
{
	const struct iphdr *iph = ip_hdr(skb);

	if (iph->protocol != IPPROTO_ICMP || (iph->frag_off & htons(IP_OFFSET)))
		return NF_ACCEPT;
	return nfalg_icmp_error(skb, state,
				skb_network_offset(skb) + ip_hdrlen(skb),
				IPPROTO_ICMP);
}

unsigned int nfalg_icmp_error_ipv6(void *priv, struct sk_buff *skb,
				   const struct nf_hook_state *state)
{
	u8 nexthdr = ipv6_hdr(skb)->nexthdr;
	__be16 frag_off;
	int protoff;

	protoff = ipv6_skip_exthdr(skb, skb_network_offset(skb) +
				   sizeof(struct ipv6hdr), &nexthdr, &frag_off);
	if (protoff < 0 || nexthdr != IPPROTO_ICMPV6 ||
	    (frag_off & htons(~0x7)))
		return NF_ACCEPT;
	return nfalg_icmp_error(skb, state, protoff, IPPROTO_ICMPV6);
}

/**
 * nfalg_ping_packet - ping tracking for one packet of an ICMP conversation
 * @skb: the packet
 * @protoff: offset of its ICMP header
 * @ct: its conversation (an echo flow)
 * @ctinfo: its conntrack state
 * @conv: the conversation's nfalg data
 *
 * Caller holds the conversation's lock.
 *
 * Return: NF_ACCEPT or NF_DROP.
 */
int nfalg_ping_packet(struct sk_buff *skb, unsigned int protoff,
		      struct nf_conn *ct, enum ip_conntrack_info ctinfo,
		      struct nfalg_conv *conv)
{
	struct nfalg_ping_window *w = (struct nfalg_ping_window *)conv->u.ping;
	u8 pf = nf_ct_l3num(ct), req, rep;
	struct icmphdr _ih;
	const struct icmphdr *ih;
	u16 seq;
	int err;

	ih = skb_header_pointer(skb, protoff, sizeof(_ih), &_ih);
	if (!ih)
		return NF_ACCEPT;
	req = pf == NFPROTO_IPV6 ? ICMPV6_ECHO_REQUEST : ICMP_ECHO;
	rep = pf == NFPROTO_IPV6 ? ICMPV6_ECHO_REPLY : ICMP_ECHOREPLY;
	/* the echo fields sit at the same offsets in ICMPv6 */
	seq = ntohs(ih->un.echo.sequence);

	if (ih->type == req && CTINFO2DIR(ctinfo) == IP_CT_DIR_ORIGINAL) {
		err = nfalg_ping_request(w, seq);
		if (!err)
			return NF_ACCEPT;
		nfalg_count(nf_ct_net(ct), NFALG_A_CNT_PING_EXCESS);
		nfalg_pkt_log(err == -ENOSPC ? "ping-too-many-outstanding" :
			      "ping-sequence-out-of-window", skb, pf, protoff,
			      nf_ct_protonum(ct));
		return NF_DROP;
	}
	if (ih->type == rep && CTINFO2DIR(ctinfo) == IP_CT_DIR_REPLY) {
		if (nfalg_ping_reply(w, seq))
			return NF_ACCEPT;
		nfalg_count(nf_ct_net(ct), NFALG_A_CNT_PING_UNSOLICITED);
		nfalg_pkt_log("ping-reply-not-outstanding", skb, pf, protoff,
			      nf_ct_protonum(ct));
		return NF_DROP;
	}
	return NF_ACCEPT;
}
