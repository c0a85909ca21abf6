// SPDX-License-Identifier: GPL-2.0
/*
 * nfalg Traceroute ALG (nfalg_traceroute.ko): conntrack helper
 * "nfalg-trace" ("nfalg-traceroute" is longer than a helper name may be),
 * UDP.
 *
 * Classification attaches it to the UDP probes of an application with
 * "application-protocol traceroute" (junos-traceroute: destination ports
 * 33435-33450).  Each probe is judged by its TTL (IPv6: hop limit) as the
 * router received it: probes with a TTL up to the application's
 * ttl-threshold pass, higher ones are dropped and counted (they would only
 * reach past the penetration depth the threshold allows, or flood).  The
 * ICMP time-exceeded and port-unreachable answers to passing probes are
 * related to the probe's conntrack entry: conntrack lets them through and
 * NAT rewrites them, addresses and the quoted header included.  See
 * Documentation/algs/traceroute.md.
 */

#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/module.h>
#include <net/ip.h>
#include <net/ip6_fib.h>
#include <net/ipv6.h>
#include <net/netfilter/nf_conntrack.h>

#include <linux/nfalg.h>
#include <nfalg/alg.h>
#include <nfalg/version.h>

/* The TTL of @skb as received: forwarding has already decremented it */
static unsigned int traceroute_ttl(const struct sk_buff *skb, u8 l3num)
{
	const struct dst_entry *dst = skb_dst(skb);

	if (l3num == NFPROTO_IPV4)
		return ip_hdr(skb)->ttl +
		       !!(IPCB(skb)->flags & IPSKB_FORWARDED);
	/* IPv6 marks no forwarded unicast: received, not delivered here */
	return ipv6_hdr(skb)->hop_limit +
	       (skb->skb_iif && dst &&
		!(((const struct rt6_info *)dst)->rt6i_flags & RTF_LOCAL));
}

static int traceroute_packet(struct nfalg_ctx *ctx)
{
	unsigned int ttl;

	if (ctx->dir != IP_CT_DIR_ORIGINAL || !ctx->app_arg)
		return NF_ACCEPT;
	ttl = traceroute_ttl(ctx->skb, nf_ct_l3num(ctx->ct));
	if (ttl <= ctx->app_arg)
		return NF_ACCEPT;
	nfalg_alg_count(ctx->ct, NFALG_A_CNT_TRACEROUTE_TTL);
	net_dbg_ratelimited("nfalg-traceroute: probe with TTL %u over threshold %u dropped\n",
			    ttl, ctx->app_arg);
	return NF_DROP;
}

static struct nfalg_alg nfalg_traceroute = {
	.name		= "traceroute",
	.helper_name	= "nfalg-trace",
	.owner		= THIS_MODULE,
	.l4proto	= IPPROTO_UDP,
	.port		= 33434,
	.packet		= traceroute_packet,
};

module_nfalg_alg(nfalg_traceroute);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("nfalg developers");
MODULE_DESCRIPTION("nfalg Traceroute ALG (conntrack helper nfalg-trace)");
MODULE_VERSION(NFALG_VERSION);
