// SPDX-License-Identifier: GPL-2.0
/*
 * nfalg core: TCP and UDP sanity checks on the packet path.
 *
 * Two places apply the checks of sanity_check.c:
 *  - hooks in PRE_ROUTING between the raw table and conntrack (IPv4 and
 *    IPv6, after defragmentation), for every TCP and UDP packet arriving on
 *    an interface covered by a service set of the namespace (an interface
 *    named by a set, or any interface when a global set exists).  They run
 *    before conntrack, so an anomalous packet never creates or changes a
 *    conversation;
 *  - the help function of every nfalg helper (timeouts.c), for every packet
 *    of a conversation carrying an nfalg helper, however attached (nfalg's
 *    own rules or a plain nftables "ct helper" rule).
 * An anomalous packet is dropped, counted per namespace (one counter per
 * anomaly) and logged, rate limited, with the anomaly and the 5-tuple.
 *
 * The hooks are registered with the classification hooks (hooks.c), only
 * in a namespace that has a service set, which also makes conntrack run
 * there: the ICMP error check (icmp.c) needs its verdict.
 */

#include <linux/icmp.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/netfilter_ipv4.h>
#include <linux/netfilter_ipv6.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <asm/unaligned.h>
#include <net/ip.h>
#include <net/ipv6.h>

#include "nfalg_core.h"
#include "sanity_check.h"

static const u8 nfalg_anomaly_counter[__NFALG_ANOM_MAX] = {
	[NFALG_ANOM_TCP_PORT_ZERO]	= NFALG_A_CNT_TCP_PORT_ZERO,
	[NFALG_ANOM_TCP_HDR_LEN]	= NFALG_A_CNT_TCP_HDR_LEN,
	[NFALG_ANOM_TCP_SEQ0_NO_FLAGS]	= NFALG_A_CNT_TCP_SEQ0_NO_FLAGS,
	[NFALG_ANOM_TCP_SEQ0_FIN_PSH_RST] = NFALG_A_CNT_TCP_SEQ0_FIN_PSH_RST,
	[NFALG_ANOM_TCP_BAD_FLAGS]	= NFALG_A_CNT_TCP_BAD_FLAGS,
	[NFALG_ANOM_UDP_PORT_ZERO]	= NFALG_A_CNT_UDP_PORT_ZERO,
	[NFALG_ANOM_UDP_LEN]		= NFALG_A_CNT_UDP_LEN,
};

/**
 * nfalg_pkt_log - log one dropped packet with its 5-tuple, rate limited
 * @what: why it was dropped
 * @skb: the packet, network header set
 * @pf: NFPROTO_IPV4 or NFPROTO_IPV6
 * @protoff: offset of its transport header
 * @proto: its transport protocol
 *
 * Ports (ICMP: type, code, identifier, sequence) are read only as far as
 * the packet has them.
 */
void nfalg_pkt_log(const char *what, const struct sk_buff *skb, u8 pf,
		   unsigned int protoff, u8 proto)
{
	nfalg_pkt_log_as(what, "dropped", skb, pf, protoff, proto);
}

/* The same, saying what happened to the packet (@verb) */
void nfalg_pkt_log_as(const char *what, const char *verb,
		      const struct sk_buff *skb, u8 pf, unsigned int protoff,
		      u8 proto)
{
	u8 h[8] = {};
	unsigned int n;
	char l4[48];

	if (!net_ratelimit())
		return;
	n = skb->len > protoff ? min_t(unsigned int, skb->len - protoff, 8) : 0;
	if (n && skb_copy_bits(skb, protoff, h, n))
		memset(h, 0, sizeof(h));
	if (proto == IPPROTO_ICMP || proto == IPPROTO_ICMPV6)
		snprintf(l4, sizeof(l4), "type %u code %u id %u seq %u",
			 h[0], h[1], get_unaligned_be16(h + 4),
			 get_unaligned_be16(h + 6));
	else
		snprintf(l4, sizeof(l4), "sport %u dport %u",
			 get_unaligned_be16(h), get_unaligned_be16(h + 2));
	if (pf == NFPROTO_IPV4)
		pr_info("nfalg: %s: %s proto %u %pI4 -> %pI4 %s\n",
			what, verb, proto, &ip_hdr(skb)->saddr, &ip_hdr(skb)->daddr,
			l4);
	else
		pr_info("nfalg: %s: %s proto %u %pI6c -> %pI6c %s\n",
			what, verb, proto, &ipv6_hdr(skb)->saddr,
			&ipv6_hdr(skb)->daddr, l4);
}

/**
 * nfalg_sanity_skb - apply the TCP or UDP sanity checks to one packet
 * @net: its namespace (counters)
 * @skb: the packet (may be non-linear)
 * @pf: NFPROTO_IPV4 or NFPROTO_IPV6
 * @protoff: offset of the transport header
 * @proto: IPPROTO_TCP or IPPROTO_UDP (anything else passes)
 *
 * Counts and logs an anomaly.
 *
 * Return: NF_ACCEPT or NF_DROP.
 */
unsigned int nfalg_sanity_skb(struct net *net, const struct sk_buff *skb,
			      u8 pf, unsigned int protoff, u8 proto)
{
	u8 hdr[NFALG_TCP_FIXED_HDR];
	enum nfalg_anomaly a;
	unsigned int seglen, n;

	if (proto != IPPROTO_TCP && proto != IPPROTO_UDP)
		return NF_ACCEPT;
	seglen = skb->len > protoff ? skb->len - protoff : 0;
	n = min_t(unsigned int, seglen, proto == IPPROTO_TCP ?
		  NFALG_TCP_FIXED_HDR : NFALG_UDP_HDR);
	if (n && skb_copy_bits(skb, protoff, hdr, n))
		n = 0;
	if (proto == IPPROTO_TCP)
		a = nfalg_tcp_check(hdr, n, seglen);
	else
		a = nfalg_udp_check(hdr, n, seglen);
	if (a == NFALG_ANOM_NONE)
		return NF_ACCEPT;
	nfalg_count(net, nfalg_anomaly_counter[a]);
	nfalg_pkt_log(nfalg_anomaly_name(a), skb, pf, protoff, proto);
	nfalg_event_anomaly(net, nfalg_anomaly_name(a), skb, pf, hdr, n, proto);
	return NF_DROP;
}

/**
 * nfalg_iface_covered - whether packets arriving on @in are subject to a
 *	service set of @net
 * @net: the namespace
 * @in: the input interface (may be NULL)
 *
 * Caller holds rcu_read_lock().
 */
bool nfalg_iface_covered(struct net *net, const struct net_device *in)
{
	const struct nfalg_config *c;

	c = rcu_dereference(nfalg_pernet(net)->config);
	if (!c || !c->n_ssets || !in)
		return false;
	return nfalg_cls_sset(c, in->name) >= 0;
}

unsigned int nfalg_sanity_ipv4(void *priv, struct sk_buff *skb,
				      const struct nf_hook_state *state)
{
	const struct iphdr *iph = ip_hdr(skb);

	if (iph->protocol != IPPROTO_TCP && iph->protocol != IPPROTO_UDP)
		return NF_ACCEPT;
	/* later fragments carry no transport header */
	if (iph->frag_off & htons(IP_OFFSET))
		return NF_ACCEPT;
	if (!nfalg_iface_covered(state->net, state->in))
		return NF_ACCEPT;
	return nfalg_sanity_skb(state->net, skb, NFPROTO_IPV4,
				skb_network_offset(skb) + ip_hdrlen(skb),
				iph->protocol);
}

unsigned int nfalg_sanity_ipv6(void *priv, struct sk_buff *skb,
				      const struct nf_hook_state *state)
{
	u8 nexthdr = ipv6_hdr(skb)->nexthdr;
	__be16 frag_off;
	int protoff;

	if (!nfalg_iface_covered(state->net, state->in))
		return NF_ACCEPT;
	protoff = ipv6_skip_exthdr(skb, skb_network_offset(skb) +
				   sizeof(struct ipv6hdr), &nexthdr, &frag_off);
	if (protoff < 0 || (frag_off & htons(~0x7)))
		return NF_ACCEPT;
	return nfalg_sanity_skb(state->net, skb, NFPROTO_IPV6, protoff,
				nexthdr);
}
