// SPDX-License-Identifier: GPL-2.0
/*
 * nfalg DNS ALG (nfalg_dns.ko): conntrack helper "nfalg-dns", UDP.
 *
 * A DNS conversation over UDP is one or a few queries and their answers.
 * The ALG notes the ID of every query from the client (at most
 * NFALG_DNS_PENDING_MAX waiting at once: a resolver asking for A and AAAA
 * from one socket has two) and lets an answer through only when it
 * carries the ID of a waiting query: unsolicited and spoofed answers are
 * dropped.  When the last waiting query is answered the conversation is
 * closed at once instead of idling out, so a busy resolver's NAT and
 * firewall state goes as fast as it comes.  Nothing is rewritten.  See
 * Documentation/algs/dns.md.
 */

#include <linux/module.h>
#include <net/netfilter/nf_conntrack.h>

#include <linux/nfalg.h>
#include <nfalg/alg.h>
#include <nfalg/version.h>

#include "dns_parse.h"

static int dns_drop(struct nfalg_ctx *ctx, int counter, const char *why)
{
	nfalg_alg_count(ctx->ct, counter);
	nfalg_alg_log_drop(ctx, why);
	return NF_DROP;
}

static int dns_datagram(struct nfalg_ctx *ctx, const u8 *buf,
			unsigned int len)
{
	struct nfalg_dns_pending *p = ctx->priv;
	struct nfalg_dns_hdr h;
	int left;

	if (nfalg_dns_parse(buf, len, &h))
		return dns_drop(ctx, NFALG_A_CNT_DNS_MALFORMED, "dns-too-short");
	if (ctx->dir == IP_CT_DIR_ORIGINAL) {
		if (h.qr)
			return dns_drop(ctx, NFALG_A_CNT_DNS_MALFORMED,
					"dns-answer-from-client");
		if (nfalg_dns_query(p, h.id) == -ENOSPC)
			return dns_drop(ctx, NFALG_A_CNT_DNS_EXCESS,
					"dns-too-many-queries");
		return NF_ACCEPT;
	}
	if (!h.qr)
		return dns_drop(ctx, NFALG_A_CNT_DNS_MALFORMED,
				"dns-query-from-server");
	left = nfalg_dns_answer(p, h.id);
	if (left < 0)
		return dns_drop(ctx, NFALG_A_CNT_DNS_UNSOLICITED,
				"dns-answer-to-no-query");
	if (!left) {
		ctx->close = true;
		nfalg_alg_count(ctx->ct, NFALG_A_CNT_DNS_CLOSED);
	}
	return NF_ACCEPT;
}

static struct nfalg_alg nfalg_dns = {
	.name		= "dns",
	.owner		= THIS_MODULE,
	.l4proto	= IPPROTO_UDP,
	.port		= 53,
	.priv_size	= sizeof(struct nfalg_dns_pending),
	.datagram	= dns_datagram,
};

module_nfalg_alg(nfalg_dns);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("nfalg developers");
MODULE_DESCRIPTION("nfalg DNS ALG (conntrack helper nfalg-dns)");
MODULE_VERSION(NFALG_VERSION);
