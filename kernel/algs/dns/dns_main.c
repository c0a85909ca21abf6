// SPDX-License-Identifier: GPL-2.0
/*
 * nfalg DNS ALG (nfalg_dns.ko): conntrack helpers "nfalg-dns", UDP and TCP.
 *
 * A DNS conversation is one or a few queries and their answers.  The ALG
 * notes the ID of every query from the client (at most
 * NFALG_DNS_PENDING_MAX waiting at once: a resolver asking for A and AAAA
 * from one socket has two) and lets an answer through only when it
 * carries the ID of a waiting query: unsolicited and spoofed answers are
 * dropped.  When the last waiting query is answered the conversation is
 * closed at once instead of idling out, so a busy resolver's NAT and
 * firewall state goes as fast as it comes; an application with
 * dns-close-after-answer no keeps it open, and then accepts every answer
 * to the IDs its client asked (the messages of a zone transfer).
 *
 * Over TCP the core cuts the stream into messages by their two-byte
 * length and hands each one over whole, or only its first bytes when it
 * is longer than NFALG_DGRAM_MAX (a zone transfer's); the close waits for
 * the end of the last answer, and the closing segments that follow it are
 * dropped instead of starting a new entry.  Nothing is rewritten.  See
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

/* One DNS message, @len bytes at @buf, without the TCP length prefix */
static int dns_message(struct nfalg_ctx *ctx, const u8 *buf, unsigned int len)
{
	bool keep = ctx->app_arg & NFALG_APP_ARG_DNS_KEEP;
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
	left = nfalg_dns_answer(p, h.id, keep);
	if (left < 0)
		return dns_drop(ctx, NFALG_A_CNT_DNS_UNSOLICITED,
				"dns-answer-to-no-query");
	if (!left && !keep) {
		ctx->close = true;
		nfalg_alg_count(ctx->ct, NFALG_A_CNT_DNS_CLOSED);
	}
	return NF_ACCEPT;
}

static int dns_datagram(struct nfalg_ctx *ctx, const u8 *buf,
			unsigned int len)
{
	return dns_message(ctx, buf, len);
}

static int dns_tcp_len(const struct nfalg_ctx *ctx, const u8 *buf,
		       unsigned int len)
{
	return nfalg_dns_tcp_len(buf, len);
}

/* A message of a TCP stream, or the head of a longer one */
static int dns_tcp_message(struct nfalg_ctx *ctx, unsigned int off,
			   const u8 *buf, unsigned int len)
{
	/* sent again: it was judged the first time */
	if (ctx->retrans)
		return NF_ACCEPT;
	return dns_message(ctx, buf + NFALG_DNS_TCP_PREFIX,
			   len - NFALG_DNS_TCP_PREFIX);
}

static struct nfalg_alg nfalg_dns = {
	.name		= "dns",
	.owner		= THIS_MODULE,
	.l4proto	= IPPROTO_UDP,
	.port		= 53,
	.flags		= NFALG_ALG_F_MSG_HEAD | NFALG_ALG_F_FROM_SYN,
	.priv_size	= sizeof(struct nfalg_dns_pending),
	.datagram	= dns_datagram,
	.msg_len	= dns_tcp_len,
	.message	= dns_tcp_message,
};

module_nfalg_alg(nfalg_dns);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("nfalg developers");
MODULE_DESCRIPTION("nfalg DNS ALG (conntrack helper nfalg-dns)");
MODULE_VERSION(NFALG_VERSION);
