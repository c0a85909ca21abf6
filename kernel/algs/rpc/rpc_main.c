// SPDX-License-Identifier: GPL-2.0
/*
 * nfalg Sun RPC ALG (nfalg_rpc.ko): conntrack helpers "nfalg-rpc", the
 * portmapper (program 100000) on UDP and TCP port 111.
 *
 * An RPC service listens on a port of its own choosing and registers it
 * with the portmapper; a client asks the portmapper for it (portmap v2
 * GETPORT, rpcbind v3/v4 GETADDR, GETVERSADDR, GETADDRLIST), then calls
 * the service there.  The ALG notes each such call from the client (its
 * xid, the program asked for, the transport) and reads the answer with
 * the same xid: a port, or a universal address "h1.h2.h3.h4.p1.p2", opens
 * one pinhole from the client to the server at that port, for programs
 * the conversation's application allows (rpc-program-number).  Under
 * NAT the answer is rewritten to what the client must use: the port, or
 * the universal address with its XDR length and, over TCP, the record
 * mark.  Calls that change the portmapper's table or make it call others
 * (SET, UNSET, CALLIT, INDIRECT) are dropped.  See
 * Documentation/algs/rpc.md.
 */

#include <linux/module.h>
#include <net/netfilter/nf_conntrack.h>

#include <linux/nfalg.h>
#include <nfalg/alg.h>
#include <nfalg/inet_text.h>
#include <nfalg/version.h>

#include "rpc_parse.h"

/* Pinholes one GETADDRLIST answer opens at most */
#define RPC_LIST_MAX	4

/* One rewrite of an answer: an XDR string replaced, or the record mark */
struct rpc_edit {
	unsigned int off, len, tlen;
	u8 text[4 + NFALG_RPC_UADDR_MAX + 3];
};

struct rpc_answer {
	struct nfalg_ctx *ctx;
	const u8 *buf;		/* the RPC message */
	unsigned int len;
	unsigned int base;	/* its offset in the segment's payload */
	struct nfalg_rpc_pending call;
	unsigned int n_ed;
	int delta;
	struct rpc_edit ed[RPC_LIST_MAX];
};

static int rpc_drop(struct nfalg_ctx *ctx, int counter, const char *why)
{
	nfalg_alg_count(ctx->ct, counter);
	nfalg_alg_log_drop(ctx, why);
	return NF_DROP;
}

/* A call from the client; @buf: the RPC message */
static int rpc_call(struct nfalg_ctx *ctx, const u8 *buf, unsigned int len)
{
	struct nfalg_rpc_state *st = ctx->state;
	struct nfalg_rpc_call c;

	if (nfalg_rpc_parse_call(buf, len, &c) || c.prog != NFALG_RPC_PMAP_PROG)
		return NF_ACCEPT;
	if (c.kind == NFALG_RPC_K_REFUSED)
		return rpc_drop(ctx, NFALG_A_CNT_RPC_REFUSED,
				"rpc-portmap-set-or-callit");
	/* every portmapper call: one sharing a waiting call's xid voids it */
	if (st && !ctx->retrans)
		nfalg_rpc_pending_add(st, &c);
	return NF_ACCEPT;
}

/*
 * Open the pinhole an answer names (@addr: the address it gives, NULL for
 * the server's own) and queue the rewrite of the XDR string at @xdr_off
 * (@xdr_len bytes), or of the GETPORT port at @xdr_off, if the client
 * must be told another address or port
 */
static void rpc_open(struct rpc_answer *a, const u8 *addr, bool v6,
		     u16 port, u8 l4proto, unsigned int xdr_off,
		     unsigned int xdr_len)
{
	struct nfalg_ctx *ctx = a->ctx;
	const struct nf_conntrack_tuple *snd =
		&ctx->ct->tuplehash[ctx->dir].tuple;
	bool ct_v6 = nf_ct_l3num(ctx->ct) == NFPROTO_IPV6;
	struct nfalg_pinhole ph = { .port = port, .l4proto = l4proto };
	char text[NFALG_RPC_UADDR_MAX];
	struct rpc_edit *e;
	unsigned int n;

	if (l4proto != IPPROTO_TCP && l4proto != IPPROTO_UDP)
		return;
	if (!nfalg_app_rpc_allows(ctx, a->call.arg_prog)) {
		if (!ctx->retrans) {
			nfalg_alg_count(ctx->ct, NFALG_A_CNT_RPC_PROGRAM);
			net_info_ratelimited("nfalg-rpc: pinhole refused: program %u not in the application's rpc-program-number\n",
					     a->call.arg_prog);
		}
		return;
	}
	if (addr && v6 != ct_v6) {
		/* the other family's address: no pinhole of this one */
		nfalg_alg_count(ctx->ct, NFALG_A_CNT_THIRD_PARTY);
		return;
	}
	if (addr)
		memcpy(&ph.addr, addr, v6 ? 16 : 4);
	else
		ph.addr = snd->src.u3;
	if (nfalg_pinhole_open(ctx, &ph) ||
	    !nfalg_pinhole_needs_rewrite(ctx, &ph) || a->n_ed >= RPC_LIST_MAX)
		return;
	e = &a->ed[a->n_ed];
	e->off = a->base + xdr_off;
	if (!addr) {
		/* the GETPORT result word */
		e->len = e->tlen = 4;
		e->text[0] = e->text[1] = 0;
		e->text[2] = ph.nat_port >> 8;
		e->text[3] = ph.nat_port & 0xff;
	} else {
		n = nfalg_rpc_uaddr_format(text, v6, (const u8 *)&ph.nat_addr,
					   ph.nat_port);
		e->len = xdr_len;
		e->tlen = nfalg_rpc_xdr_put_string(e->text, sizeof(e->text),
						   text, n);
		if (!e->tlen)
			return;
	}
	a->delta += (int)e->tlen - (int)e->len;
	a->n_ed++;
}

/* A universal address string at *@off: its pinhole */
static int rpc_uaddr(struct rpc_answer *a, unsigned int *off, u8 l4proto,
		     unsigned int *xdr_len)
{
	unsigned int start = *off, soff, slen;
	u8 addr[16];
	u16 port;
	bool v6;

	if (nfalg_rpc_xdr_string(a->buf, a->len, off, NFALG_RPC_UADDR_MAX,
				 &soff, &slen) ||
	    nfalg_rpc_uaddr_parse((const char *)a->buf + soff, slen, &v6, addr,
				  &port))
		return -EINVAL;
	rpc_open(a, addr, v6, port, l4proto, start,
		 xdr_len ? *xdr_len : *off - start);
	return 0;
}

static void rpc_answer(struct rpc_answer *a, unsigned int res_off)
{
	struct nfalg_rpc_entry e;
	unsigned int off = res_off, n = 0;
	u16 port;

	switch (a->call.kind) {
	case NFALG_RPC_K_GETPORT:
		if (!nfalg_rpc_getport_result(a->buf, a->len, off, &port))
			rpc_open(a, NULL, false, port, a->call.l4proto, off, 4);
		break;
	case NFALG_RPC_K_GETADDR:
		/* rpcbind answers for the transport the call came over */
		rpc_uaddr(a, &off, nf_ct_protonum(a->ctx->ct), NULL);
		break;
	case NFALG_RPC_K_GETADDRLIST:
		while (n++ < RPC_LIST_MAX &&
		       nfalg_rpc_addrlist_next(a->buf, a->len, &off, &e) == 1) {
			unsigned int xoff = e.maddr_xdr_off;

			rpc_uaddr(a, &xoff, e.l4proto, &e.maddr_xdr_len);
		}
		break;
	}
}

/* Apply the queued rewrites, the last first so no offset moves */
static int rpc_apply(struct rpc_answer *a, bool tcp, unsigned int mark_off)
{
	struct nfalg_ctx *ctx = a->ctx;
	u32 frag = a->len + a->delta;
	u8 mark[4];
	int i;

	for (i = a->n_ed - 1; i >= 0; i--)
		if (nfalg_rewrite(ctx, a->ed[i].off, a->ed[i].len,
				  a->ed[i].text, a->ed[i].tlen))
			return NF_DROP;
	if (!tcp || !a->delta)
		return NF_ACCEPT;
	/* the record mark: last fragment, its new length */
	mark[0] = 0x80 | ((frag >> 24) & 0x7f);
	mark[1] = frag >> 16;
	mark[2] = frag >> 8;
	mark[3] = frag;
	if (nfalg_rewrite(ctx, mark_off, sizeof(mark), (const char *)mark,
			  sizeof(mark)))
		return NF_DROP;
	return NF_ACCEPT;
}

/*
 * A reply from the server; @buf: the RPC message at @base in the payload
 * (@tcp: after its record mark, at @base - 4)
 */
static int rpc_reply(struct nfalg_ctx *ctx, const u8 *buf, unsigned int len,
		     unsigned int base, bool tcp)
{
	struct nfalg_rpc_state *st = ctx->state;
	struct nfalg_rpc_reply r;
	struct rpc_answer *a;
	int ret;

	if (!st || nfalg_rpc_parse_reply(buf, len, &r))
		return NF_ACCEPT;
	a = kzalloc(sizeof(*a), GFP_ATOMIC);
	if (!a)
		return NF_ACCEPT;
	if (ctx->retrans && r.xid == st->done.xid && st->done.kind) {
		/* sent again: opened and rewritten again, identically */
		a->call = st->done;
	} else if (nfalg_rpc_pending_take(st, r.xid, &a->call)) {
		if (!ctx->retrans)
			nfalg_alg_count(ctx->ct, NFALG_A_CNT_RPC_UNMATCHED);
		kfree(a);
		return NF_ACCEPT;
	}
	st->done = a->call;
	ret = NF_ACCEPT;
	if (r.success) {
		a->ctx = ctx;
		a->buf = buf;
		a->len = len;
		a->base = base;
		rpc_answer(a, r.res_off);
		ret = rpc_apply(a, tcp, base - NFALG_RPC_MARK_LEN);
	}
	kfree(a);
	return ret;
}

static int rpc_message(struct nfalg_ctx *ctx, const u8 *buf,
		       unsigned int len, unsigned int base, bool tcp)
{
	if (ctx->dir == IP_CT_DIR_ORIGINAL)
		return rpc_call(ctx, buf, len);
	return rpc_reply(ctx, buf, len, base, tcp);
}

static int rpc_datagram(struct nfalg_ctx *ctx, const u8 *buf,
			unsigned int len)
{
	/* the head of a longer datagram is no whole message */
	if (len < ctx->datalen)
		return NF_ACCEPT;
	return rpc_message(ctx, buf, len, 0, false);
}

static int rpc_frag_len(const struct nfalg_ctx *ctx, const u8 *buf,
			unsigned int len)
{
	return nfalg_rpc_frag_len(buf, len);
}

/*
 * A record-marking fragment of a TCP stream.  Only a record of one
 * fragment is parsed: the portmapper's messages are small, and a later
 * fragment of a longer record is no message start.
 */
static int rpc_tcp_message(struct nfalg_ctx *ctx, unsigned int off,
			   const u8 *buf, unsigned int len)
{
	struct nfalg_rpc_state *st = ctx->state;
	bool first, last = nfalg_rpc_frag_last(buf);

	if (!st)
		return NF_ACCEPT;
	first = !st->cont[ctx->dir];
	if (!ctx->retrans)
		st->cont[ctx->dir] = !last;
	if (!first || !last)
		return NF_ACCEPT;
	return rpc_message(ctx, buf + NFALG_RPC_MARK_LEN,
			   len - NFALG_RPC_MARK_LEN, off + NFALG_RPC_MARK_LEN,
			   true);
}

static struct nfalg_alg nfalg_rpc = {
	.name		= "rpc",
	.owner		= THIS_MODULE,
	.l4proto	= IPPROTO_UDP,
	.port		= 111,
	.flags		= NFALG_ALG_F_WHOLE_DGRAM | NFALG_ALG_F_RESV_PORTS,
	.max_pinholes	= 8,
	.pinhole_timeout = 30,
	.state_size	= sizeof(struct nfalg_rpc_state),
	.datagram	= rpc_datagram,
	.msg_len	= rpc_frag_len,
	.message	= rpc_tcp_message,
};

module_nfalg_alg(nfalg_rpc);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("nfalg developers");
MODULE_DESCRIPTION("nfalg Sun RPC portmap ALG (conntrack helper nfalg-rpc)");
MODULE_VERSION(NFALG_VERSION);
