// SPDX-License-Identifier: GPL-2.0
/*
 * nfalg core: the help function of every nfalg conntrack helper.
 *
 * It finds the ALG from the helper, copies the payload bytes the ALG needs
 * (never assuming a linear skb) into a bounded per-CPU buffer and calls the
 * ALG's parser: once per complete line for TCP, once per datagram for UDP.
 *
 * TCP stream rule.  For each direction the core keeps the sequence number
 * of the next segment it will look at and whether that position is the
 * start of a line:
 *  - the SYN of a direction sets the position to its first data byte, a
 *    line start; a conversation whose SYN the helper did not see is never
 *    parsed;
 *  - a segment is looked at only if its sequence number equals that
 *    position; anything else (retransmission, overlap, out of order) is
 *    passed through unparsed and changes nothing;
 *  - inside a looked-at segment, lines are handed to the ALG one by one
 *    from the segment start, each only once its "\n" is in the segment;
 *  - a segment ending inside a line, or a line longer than NFALG_LINE_MAX,
 *    makes the next position "mid-line": the text up to the next "\n" is
 *    skipped, never parsed.  If that skipped text starts a segment and
 *    would be a command at a line start, it is counted (NFALG_A_CNT_MIDLINE)
 *    and logged.
 *
 * So a command is acted upon only when it starts at a real line start of
 * the stream and the whole line arrives in one segment, which is how FTP
 * clients and servers send them.  ALGs with NFALG_ALG_F_NUL_EOL get
 * NUL-terminated fields (rsh, rexec) under the same rules; an ALG that
 * sets ctx->done is handed nothing more of that direction.
 *
 * Before any of that, every packet of every conversation goes through the
 * core's housekeeping (timeouts.c: sanity checks, SYN defense, inactivity
 * timeouts) and, for ICMP conversations, ping tracking (icmp.c); ICMP
 * errors related to the conversation are left alone.  Basic ALGs (no
 * parser) get only that.
 *
 * Locking: a hashed spinlock per conversation serializes the segments of
 * one conversation (the position update and the rewrite must not race);
 * BHs are off while the per-CPU buffer is in use.
 */

#include <linux/hash.h>
#include <linux/percpu.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <net/netfilter/nf_conntrack_helper.h>

#include "nfalg_core.h"

#define NFALG_LOCK_BITS	6

static spinlock_t nfalg_conv_locks[1 << NFALG_LOCK_BITS];

struct nfalg_buf {
	char data[NFALG_LINE_MAX];
};

static DEFINE_PER_CPU(struct nfalg_buf, nfalg_bufs);

void nfalg_helper_init(void)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(nfalg_conv_locks); i++)
		spin_lock_init(&nfalg_conv_locks[i]);
}

/* The lock serializing the packets of @ct (and its keepalive state) */
spinlock_t *nfalg_conv_lock(const struct nf_conn *ct)
{
	return &nfalg_conv_locks[hash_ptr(ct, NFALG_LOCK_BITS)];
}

struct nfalg_alg *nfalg_helper_alg(const struct nf_conntrack_helper *h)
{
	if (h->tuple.src.l3num == NFPROTO_IPV6)
		return container_of(h, struct nfalg_alg, helper[1]);
	return container_of(h, struct nfalg_alg, helper[0]);
}

/* The byte that ends a line of @alg's stream */
static char nfalg_eol(const struct nfalg_alg *alg)
{
	return alg->flags & NFALG_ALG_F_NUL_EOL ? '\0' : '\n';
}

/* Skip to the next end of line of a mid-line stream position, from @pos. */
static unsigned int nfalg_skip_line(struct nfalg_ctx *ctx, char *buf,
				    unsigned int pos, u8 *state)
{
	const struct nfalg_alg *alg = ctx->alg;
	unsigned int n, len;
	const char *nl;
	bool first = true;

	while (pos < ctx->datalen) {
		n = min_t(unsigned int, ctx->datalen - pos, NFALG_LINE_MAX);
		if (skb_copy_bits(ctx->skb, ctx->dataoff + pos, buf, n))
			return ctx->datalen;
		nl = memchr(buf, nfalg_eol(alg), n);
		len = nl ? nl - buf + 1 : n;
		if (first && pos == 0 && alg->is_command &&
		    alg->is_command(ctx, buf, len)) {
			nfalg_count(nf_ct_net(ctx->ct), NFALG_A_CNT_MIDLINE);
			net_info_ratelimited("nfalg-%s: command not at a line start ignored (proto %u, %s)\n",
					     alg->name, nf_ct_protonum(ctx->ct),
					     ctx->dir ? "reply" : "original");
		}
		first = false;
		pos += len;
		if (nl) {
			*state = NFALG_STREAM_LINE_START;
			break;
		}
	}
	return pos;
}

static int nfalg_help_tcp(struct nfalg_ctx *ctx, struct nfalg_conv *conv)
{
	const struct nfalg_alg *alg = ctx->alg;
	unsigned int pos = 0, orig_len, n, len, before;
	int dir = ctx->dir, ret = NF_ACCEPT;
	const struct tcphdr *th;
	struct tcphdr _th;
	const char *nl;
	char *buf;
	u32 seq;

	th = skb_header_pointer(ctx->skb, ctx->protoff, sizeof(_th), &_th);
	if (!th)
		return NF_ACCEPT;
	seq = ntohl(th->seq);
	if (th->syn) {
		conv->u.line.next_seq[dir] = seq + 1;
		conv->u.line.state[dir] = NFALG_STREAM_LINE_START;
		return NF_ACCEPT;
	}
	ctx->dataoff = ctx->protoff + th->doff * 4;
	if (ctx->dataoff >= ctx->skb->len)
		return NF_ACCEPT;
	if (ctx->ctinfo != IP_CT_ESTABLISHED &&
	    ctx->ctinfo != IP_CT_ESTABLISHED_REPLY)
		return NF_ACCEPT;
	ctx->datalen = ctx->skb->len - ctx->dataoff;
	orig_len = ctx->datalen;

	if (conv->u.line.state[dir] == NFALG_STREAM_UNKNOWN ||
	    seq != conv->u.line.next_seq[dir])
		return NF_ACCEPT;

	buf = this_cpu_ptr(&nfalg_bufs)->data;
	while (pos < ctx->datalen) {
		if (conv->u.line.state[dir] == NFALG_STREAM_MIDLINE) {
			pos = nfalg_skip_line(ctx, buf, pos, &conv->u.line.state[dir]);
			continue;
		}
		n = min_t(unsigned int, ctx->datalen - pos, NFALG_LINE_MAX);
		if (skb_copy_bits(ctx->skb, ctx->dataoff + pos, buf, n))
			break;
		nl = memchr(buf, nfalg_eol(alg), n);
		if (!nl) {
			/* incomplete or overlong line: not parsed */
			conv->u.line.state[dir] = NFALG_STREAM_MIDLINE;
			if (n == NFALG_LINE_MAX) {
				pos += n;
				continue;
			}
			break;
		}
		len = nl - buf + 1;
		before = ctx->datalen;
		ret = alg->line(ctx, pos, buf, len);
		if (ret != NF_ACCEPT)
			return ret;
		if (ctx->done) {
			/* the ALG wants no more of this direction */
			conv->u.line.state[dir] = NFALG_STREAM_UNKNOWN;
			return NF_ACCEPT;
		}
		/* a rewrite of this line changed the payload length */
		pos += len + ctx->datalen - before;
	}
	conv->u.line.next_seq[dir] = seq + orig_len;
	return ret;
}

static int nfalg_help_udp(struct nfalg_ctx *ctx)
{
	char *buf = this_cpu_ptr(&nfalg_bufs)->data;
	unsigned int len;

	ctx->dataoff = ctx->protoff + sizeof(struct udphdr);
	if (ctx->dataoff >= ctx->skb->len)
		return NF_ACCEPT;
	ctx->datalen = ctx->skb->len - ctx->dataoff;
	/* the head of a longer one: the ALG sees ctx->datalen */
	len = min_t(unsigned int, ctx->datalen, NFALG_LINE_MAX);
	if (skb_copy_bits(ctx->skb, ctx->dataoff, buf, len))
		return NF_DROP;
	return ctx->alg->datagram(ctx, buf, len);
}

/* nf_conntrack_helper.help of every nfalg helper; rcu_read_lock() held */
int nfalg_helper_help(struct sk_buff *skb, unsigned int protoff,
		      struct nf_conn *ct, enum ip_conntrack_info ctinfo)
{
	struct nf_conn_help *help = nfct_help(ct);
	struct nf_conntrack_helper *h;
	struct nfalg_conv *conv;
	struct nfalg_ctx ctx;
	spinlock_t *lock;
	int ret;

	if (!help)
		return NF_ACCEPT;
	h = rcu_dereference(help->helper);
	if (!h)
		return NF_ACCEPT;
	conv = (struct nfalg_conv *)help->data;

	ctx.skb = skb;
	ctx.protoff = protoff;
	ctx.dataoff = 0;
	ctx.datalen = 0;
	ctx.ct = ct;
	ctx.ctinfo = ctinfo;
	ctx.dir = CTINFO2DIR(ctinfo);
	ctx.alg = nfalg_helper_alg(h);
	ctx.priv = conv->priv;
	ctx.app_arg = conv->app_arg;
	ctx.input_output = conv->flags & NFALG_CONV_F_INPUT_OUTPUT;
	ctx.done = false;
	ctx.close = false;
	/* an ICMP error conntrack related to @ct: not one of its packets */
	if (nfalg_conv_is_error(ct, ctinfo))
		return NF_ACCEPT;
	if (ctx.alg->packet) {
		ret = ctx.alg->packet(&ctx);
		if (ret != NF_ACCEPT)
			return ret;
	}

	lock = nfalg_conv_lock(ct);
	spin_lock_bh(lock);
	ret = nfalg_conv_packet(skb, protoff, ct, ctinfo, conv);
	if (ret != NF_ACCEPT)
		goto out;
	switch (nf_ct_protonum(ct)) {
	case IPPROTO_TCP:
		if (ctx.alg->line)
			ret = nfalg_help_tcp(&ctx, conv);
		break;
	case IPPROTO_UDP:
		if (ctx.alg->datagram)
			ret = nfalg_help_udp(&ctx);
		break;
	case IPPROTO_ICMP:
	case IPPROTO_ICMPV6:
		ret = nfalg_ping_packet(skb, protoff, ct, ctinfo, conv);
		break;
	}
out:
	spin_unlock_bh(lock);
	/*
	 * The packet keeps its reference: it still goes out, NATed.  An
	 * entry not confirmed yet is in no table and cannot be removed: it
	 * is given the shortest timeout instead, which starts when it is.
	 */
	if (ctx.close && ret == NF_ACCEPT) {
		if (nf_ct_is_confirmed(ct))
			nf_ct_kill(ct);
		else
			WRITE_ONCE(ct->timeout, 1);
	}
	return ret;
}
