// SPDX-License-Identifier: GPL-2.0
/*
 * nfalg core: payload rewrites of NATed conversations.
 *
 * A rewrite replaces a byte range of the TCP or UDP payload.  For TCP the
 * length changes of all the rewrites of one segment add up in ctx->delta
 * and the stream engine (helper.c) records their total once per segment
 * with the conversation's sequence adjustment (conntrack seqadj, set up by
 * NAT for conversations that have a helper), at the segment's sequence
 * number, so every later segment and acknowledgement of the connection is
 * shifted accordingly.  (seqadj keeps one correction position per
 * direction: recording each rewrite of a segment on its own would keep
 * only the first.)  Checksums are fixed by the NAT helper functions.
 */

#include <net/netfilter/nf_conntrack_seqadj.h>
#include <net/netfilter/nf_nat_helper.h>

#include "nfalg_core.h"

/**
 * nfalg_rewrite - replace part of the payload of the current packet
 * @ctx: packet context; ctx->datalen is updated
 * @off: offset of the range from the payload start (ctx->dataoff)
 * @len: length of the range
 * @text: replacement
 * @textlen: its length
 *
 * A failure marks the current line (ctx->rewrite_failed): the core then
 * closes the pinholes the line opened.  A rewrite of a retransmitted line
 * (ctx->retrans) is not counted again.
 *
 * Return: 0, -EINVAL for a range outside the payload or a TCP conversation
 * without sequence adjustment, -ENOMEM if the packet could not be changed
 * (both counted as NFALG_A_CNT_REWRITE_FAIL).
 */
int nfalg_rewrite(struct nfalg_ctx *ctx, unsigned int off, unsigned int len,
		  const char *text, unsigned int textlen)
{
	struct net *net = nf_ct_net(ctx->ct);
	bool done;

	if (off > ctx->datalen || len > ctx->datalen - off)
		goto fail_inval;
	if (nf_ct_protonum(ctx->ct) == IPPROTO_TCP) {
		if (textlen != len && !nfct_seqadj(ctx->ct))
			goto fail_inval;
		/* the segment's total delta is recorded by helper.c */
		done = __nf_nat_mangle_tcp_packet(ctx->skb, ctx->ct,
						  ctx->ctinfo, ctx->protoff,
						  off, len, text, textlen,
						  false);
		if (done)
			ctx->delta += (int)textlen - (int)len;
	} else {
		done = nf_nat_mangle_udp_packet(ctx->skb, ctx->ct, ctx->ctinfo,
						ctx->protoff, off, len, text,
						textlen);
	}
	if (!done) {
		ctx->rewrite_failed = true;
		nfalg_count(net, NFALG_A_CNT_REWRITE_FAIL);
		return -ENOMEM;
	}
	ctx->datalen = ctx->datalen - len + textlen;
	if (!ctx->retrans)
		nfalg_count(net, NFALG_A_CNT_REWRITES);
	return 0;

fail_inval:
	ctx->rewrite_failed = true;
	nfalg_count(net, NFALG_A_CNT_REWRITE_FAIL);
	return -EINVAL;
}
EXPORT_SYMBOL_GPL(nfalg_rewrite);
