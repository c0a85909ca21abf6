// SPDX-License-Identifier: GPL-2.0
/*
 * nfalg IP ALG (nfalg_ip.ko): conntrack helper "nfalg-ip", any IP
 * protocol.
 *
 * Classification attaches it to connections matched by an application
 * with "application-protocol ip" (junos-ip), which only match when no
 * more specific application does.  The IP ALG makes unidirectional flows:
 * packets in the reply direction are dropped unless the matching rule's
 * match-direction is input-output.  It does not work with port
 * translation: a conversation whose ports (ICMP: identifier) were
 * translated by NAT is dropped entirely.  Address-only NAT is fine.  See
 * Documentation/algs/ip.md.
 */

#include <linux/module.h>
#include <net/netfilter/nf_conntrack.h>

#include <linux/nfalg.h>
#include <nfalg/alg.h>
#include <nfalg/version.h>

/* Did NAT translate the ports (ICMP identifier) of @ct? */
static bool ip_napt(const struct nf_conn *ct)
{
	const struct nf_conntrack_tuple *o =
		&ct->tuplehash[IP_CT_DIR_ORIGINAL].tuple;
	const struct nf_conntrack_tuple *r =
		&ct->tuplehash[IP_CT_DIR_REPLY].tuple;

	switch (o->dst.protonum) {
	case IPPROTO_TCP:
	case IPPROTO_UDP:
	case IPPROTO_UDPLITE:
	case IPPROTO_SCTP:
	case IPPROTO_DCCP:
		return o->src.u.all != r->dst.u.all ||
		       o->dst.u.all != r->src.u.all;
	case IPPROTO_ICMP:
	case IPPROTO_ICMPV6:
		return o->src.u.icmp.id != r->src.u.icmp.id;
	}
	return false;
}

static int ip_packet(struct nfalg_ctx *ctx)
{
	if (ip_napt(ctx->ct)) {
		nfalg_alg_count(ctx->ct, NFALG_A_CNT_IP_NAPT);
		return NF_DROP;
	}
	if (ctx->dir == IP_CT_DIR_REPLY && !ctx->input_output) {
		nfalg_alg_count(ctx->ct, NFALG_A_CNT_IP_REPLY);
		return NF_DROP;
	}
	return NF_ACCEPT;
}

static struct nfalg_alg nfalg_ip = {
	.name		= "ip",
	.owner		= THIS_MODULE,
	.l4proto	= 0,
	.flags		= NFALG_ALG_F_ANY_PROTO,
	.packet		= ip_packet,
};

module_nfalg_alg(nfalg_ip);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("nfalg developers");
MODULE_DESCRIPTION("nfalg IP ALG (conntrack helper nfalg-ip)");
MODULE_VERSION(NFALG_VERSION);
