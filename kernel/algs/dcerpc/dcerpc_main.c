// SPDX-License-Identifier: GPL-2.0
/*
 * nfalg DCE RPC ALG (nfalg_dcerpc.ko): conntrack helpers "nfalg-dce-rpc",
 * the endpoint mapper on TCP port 135.
 *
 * A DCE RPC server (Windows, Samba) serves its interfaces on dynamic TCP
 * ports and tells them through the endpoint mapper: a client binds to the
 * mapper's interface on port 135 and asks (ept_map, ept_lookup); the
 * answer's towers name the interface, a TCP port and an IPv4 address.
 * The core frames the stream by PDU from its first byte; the ALG follows
 * the binds to learn which context ids are the endpoint mapper's, notes
 * the ept_map and ept_lookup requests on them, and reads their answers:
 * each ncacn_ip_tcp tower naming the server (or 0.0.0.0) opens a pinhole
 * from the client to the server at that port, for the interfaces the
 * conversation's application allows (uuid).  Under NAT the tower's
 * address (and port) are rewritten in place.  A direction that does not
 * begin with a bind (client) or bind_ack / bind_nak (server) is never
 * parsed.  See Documentation/algs/dcerpc.md.
 */

#include <linux/module.h>
#include <net/netfilter/nf_conntrack.h>

#include <linux/nfalg.h>
#include <nfalg/alg.h>
#include <nfalg/version.h>

#include "dcerpc_parse.h"

/*
 * Where the bytes of the PDU parsed lie in the payload: at @off, or, for a
 * PDU reassembled from fragments, piece by piece
 */
struct dce_where {
	unsigned int off;
	const struct nfalg_dcerpc_piece *map;
	unsigned int n_map;
};

/* Rewrite @n bytes at @pos of the PDU parsed, wherever they lie */
static int dce_put(struct nfalg_ctx *ctx, const struct dce_where *w,
		   unsigned int pos, const u8 *text, unsigned int n)
{
	unsigned int i, k, o;

	if (!w->map)
		return nfalg_rewrite(ctx, w->off + pos, n, (const char *)text,
				     n);
	/* byte by byte: a fragment may end inside the field */
	for (i = 0; i < n; i++) {
		o = pos + i;
		for (k = 0; k < w->n_map; k++)
			if (o >= w->map[k].out_off &&
			    o < w->map[k].out_off + w->map[k].len)
				break;
		if (k == w->n_map ||
		    nfalg_rewrite(ctx, w->off + w->map[k].in_off + o -
				  w->map[k].out_off, 1,
				  (const char *)text + i, 1))
			return -EINVAL;
	}
	return 0;
}

/* The pinholes of one answer, to rewrite each tower naming one */
struct dce_hole {
	__be32 addr;
	u16 port;
	bool ok;
	struct nfalg_pinhole ph;
};

static bool dce_any(const u8 *addr)
{
	return !(addr[0] | addr[1] | addr[2] | addr[3]);
}

/* The pinhole for tower @t (from @holes, or opened now); NULL: none */
static const struct nfalg_pinhole *
dce_pinhole(struct nfalg_ctx *ctx, const struct nfalg_dcerpc_tower *t,
	    struct dce_hole *holes, unsigned int *n_holes)
{
	const struct nf_conntrack_tuple *snd =
		&ctx->ct->tuplehash[ctx->dir].tuple;
	struct dce_hole *d;
	__be32 addr;
	unsigned int i;

	/* 0.0.0.0: the address the client reached the mapper at */
	if (dce_any(t->addr))
		addr = snd->src.u3.ip;
	else
		memcpy(&addr, t->addr, sizeof(addr));
	for (i = 0; i < *n_holes; i++)
		if (holes[i].addr == addr && holes[i].port == t->port)
			return holes[i].ok ? &holes[i].ph : NULL;
	d = &holes[(*n_holes)++];
	d->addr = addr;
	d->port = t->port;
	memset(&d->ph, 0, sizeof(d->ph));
	d->ph.addr.ip = addr;
	d->ph.port = t->port;
	d->ph.l4proto = IPPROTO_TCP;
	d->ok = !nfalg_pinhole_open(ctx, &d->ph);
	return d->ok ? &d->ph : NULL;
}

struct dce_answer {
	struct nfalg_dcerpc_towers tw;
	struct dce_hole holes[NFALG_DCERPC_TOWERS_MAX];
};

/* The towers of an ept_map or ept_lookup answer (@w: where it lies) */
static int dce_towers(struct nfalg_ctx *ctx, const struct dce_where *w,
		      const u8 *buf,
		      unsigned int len, const struct nfalg_dcerpc_hdr *h,
		      const struct nfalg_dcerpc_call *c, u16 opnum)
{
	const struct nfalg_pinhole *ph;
	unsigned int i, n_holes = 0;
	struct dce_answer *a;
	int ret = NF_ACCEPT;
	u8 text[4];

	/* towers carry IPv4 addresses only */
	if (nf_ct_l3num(ctx->ct) != NFPROTO_IPV4)
		return NF_ACCEPT;
	a = kmalloc(sizeof(*a), GFP_ATOMIC);
	if (!a)
		return NF_ACCEPT;
	if (nfalg_dcerpc_parse_towers(buf, len, h, c, opnum, &a->tw))
		goto out;
	for (i = 0; i < a->tw.n && i < NFALG_DCERPC_TOWERS_MAX; i++) {
		const struct nfalg_dcerpc_tower *t = &a->tw.t[i];

		if (!nfalg_app_uuid_allows(ctx, t->uuid)) {
			if (!ctx->retrans)
				nfalg_alg_count(ctx->ct,
						NFALG_A_CNT_DCERPC_UUID);
			net_info_ratelimited("nfalg-dce-rpc: pinhole refused: interface %pUb not the application's uuid\n",
					     t->uuid);
			continue;
		}
		ph = dce_pinhole(ctx, t, a->holes, &n_holes);
		if (!ph || !nfalg_pinhole_needs_rewrite(ctx, ph))
			continue;
		/* in place: the tower keeps its length */
		if (!dce_any(t->addr) && ph->nat_addr.ip != ph->addr.ip) {
			memcpy(text, &ph->nat_addr.ip, 4);
			if (dce_put(ctx, w, t->addr_off, text, 4)) {
				ret = NF_DROP;
				break;
			}
		}
		if (ph->nat_port != ph->port) {
			text[0] = ph->nat_port >> 8;
			text[1] = ph->nat_port & 0xff;
			if (dce_put(ctx, w, t->port_off, text, 2)) {
				ret = NF_DROP;
				break;
			}
		}
	}
out:
	kfree(a);
	return ret;
}

static int dce_response(struct nfalg_ctx *ctx, const struct dce_where *w,
			const u8 *buf, unsigned int len,
			const struct nfalg_dcerpc_hdr *h)
{
	struct nfalg_dcerpc_state *st = ctx->state;
	struct nfalg_dcerpc_call c;
	int opnum;

	if (h->ptype == NFALG_DCERPC_FAULT) {
		if (!ctx->retrans)
			nfalg_dcerpc_conv_response(st, h, NULL);
		return NF_ACCEPT;
	}
	if (nfalg_dcerpc_parse_call(buf, len, h, &c))
		return NF_ACCEPT;
	if (ctx->retrans) {
		/* sent again: opened and rewritten again, identically */
		if (!st->done_opnum || h->call_id != st->done_call_id)
			return NF_ACCEPT;
		opnum = st->done_opnum;
	} else {
		opnum = nfalg_dcerpc_conv_response(st, h, &c);
		if (opnum <= 0)
			return NF_ACCEPT;
		st->done_opnum = opnum;
		st->done_call_id = h->call_id;
	}
	return dce_towers(ctx, w, buf, len, h, &c, opnum);
}

static int dce_pdu_len(const struct nfalg_ctx *ctx, const u8 *buf,
		       unsigned int len)
{
	/* a call in fragments is one message, up to the core's bound */
	return nfalg_dcerpc_chain_len(buf, len, NFALG_DGRAM_MAX);
}

/* One PDU, whole or reassembled (@w: where it lies in the payload) */
static int dce_pdu(struct nfalg_ctx *ctx, const struct dce_where *w,
		   const u8 *buf, unsigned int len)
{
	bool client = ctx->dir == IP_CT_DIR_ORIGINAL;
	struct nfalg_dcerpc_state *st = ctx->state;
	struct nfalg_dcerpc_bind_ack ack;
	struct nfalg_dcerpc_bind bind;
	struct nfalg_dcerpc_call c;
	struct nfalg_dcerpc_hdr h;

	if (!st || nfalg_dcerpc_parse_hdr(buf, len, &h))
		return NF_ACCEPT;
	if (!nfalg_dcerpc_conv_begin(st, client, h.ptype))
		return NF_ACCEPT;
	if (!client && (h.ptype == NFALG_DCERPC_RESPONSE ||
			h.ptype == NFALG_DCERPC_FAULT))
		return dce_response(ctx, w, buf, len, &h);
	/* what the rest tells was learnt the first time */
	if (ctx->retrans)
		return NF_ACCEPT;
	switch (h.ptype) {
	case NFALG_DCERPC_BIND:
	case NFALG_DCERPC_ALTER:
		if (client && !nfalg_dcerpc_parse_bind(buf, len, &h, &bind))
			nfalg_dcerpc_conv_bind(st, &h, &bind);
		break;
	case NFALG_DCERPC_BIND_ACK:
	case NFALG_DCERPC_ALTER_RESP:
		if (!client && !nfalg_dcerpc_parse_bind_ack(buf, len, &h, &ack))
			nfalg_dcerpc_conv_bind_ack(st, &h, &ack);
		break;
	case NFALG_DCERPC_BIND_NAK:
		if (!client)
			nfalg_dcerpc_conv_bind_ack(st, &h, NULL);
		break;
	case NFALG_DCERPC_REQUEST:
		if (client && !nfalg_dcerpc_parse_call(buf, len, &h, &c))
			nfalg_dcerpc_conv_request(st, &h, &c);
		break;
	}
	return NF_ACCEPT;
}

/* A message of the stream: one PDU, or a call's fragments */
static int dce_message(struct nfalg_ctx *ctx, unsigned int off, const u8 *buf,
		       unsigned int len)
{
	struct dce_where w = { .off = off };
	struct {
		struct nfalg_dcerpc_piece map[NFALG_DCERPC_FRAGS_MAX];
		u8 pdu[NFALG_DGRAM_MAX];
	} *r;
	int n, ret;

	if (nfalg_dcerpc_pdu_len(buf, len) == len)
		return dce_pdu(ctx, &w, buf, len);
	r = kmalloc(sizeof(*r), GFP_ATOMIC);
	if (!r)
		return NF_ACCEPT;
	n = nfalg_dcerpc_reassemble(buf, len, r->pdu, r->map, &w.n_map);
	w.map = r->map;
	ret = n > 0 ? dce_pdu(ctx, &w, r->pdu, n) : NF_ACCEPT;
	kfree(r);
	return ret;
}

static struct nfalg_alg nfalg_dcerpc = {
	.name		= "dce-rpc",
	.owner		= THIS_MODULE,
	.l4proto	= IPPROTO_TCP,
	.port		= NFALG_DCERPC_PORT,
	.max_pinholes	= NFALG_DCERPC_TOWERS_MAX,
	.pinhole_timeout = 30,
	.state_size	= sizeof(struct nfalg_dcerpc_state),
	.msg_len	= dce_pdu_len,
	.message	= dce_message,
};

module_nfalg_alg(nfalg_dcerpc);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("nfalg developers");
MODULE_DESCRIPTION("nfalg DCE RPC endpoint mapper ALG (conntrack helper nfalg-dce-rpc)");
MODULE_VERSION(NFALG_VERSION);
