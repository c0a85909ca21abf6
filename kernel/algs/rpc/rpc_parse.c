// SPDX-License-Identifier: GPL-2.0
/*
 * nfalg Sun RPC ALG: ONC RPC v2 messages (RFC 5531) to the portmapper
 * (RFC 1833), record marking, universal addresses, and the calls waiting
 * for an answer.
 *
 * Message layout read (XDR: big-endian 4-byte words, opaque data and
 * strings as a length word, the bytes and zero padding to 4):
 *
 *   call   xid, 0, rpcvers (2), prog, vers, proc, cred, verf, args
 *   reply  xid, 1, 0 (MSG_ACCEPTED), verf, accept_stat, results / ...
 *          xid, 1, 1 (MSG_DENIED), reject_stat, ...
 *   cred, verf  flavor, opaque body<400>
 *
 *   portmap v2 GETPORT args  prog, vers, prot, port; result: port
 *   rpcbind GETADDR*  args   struct rpcb { prog, vers, netid, addr,
 *                            owner }; GETADDR, GETVERSADDR result: a
 *                            universal address string; GETADDRLIST
 *                            result: *( 1 rpcb_entry { maddr, nc_netid,
 *                            nc_semantics, nc_protofmly, nc_proto } ) 0
 */

#include <nfalg/types.h>
#include <nfalg/inet_text.h>
#ifdef __KERNEL__
#include <linux/in.h>
#else
#include <netinet/in.h>
#endif
#include "rpc_parse.h"

#define RPC_CALL		0
#define RPC_REPLY		1
#define RPC_VERSION		2
#define RPC_MSG_ACCEPTED	0
#define RPC_MSG_DENIED		1
#define RPC_SUCCESS		0
#define RPC_PROG_MISMATCH	2
#define RPC_SYSTEM_ERR		5
#define RPC_RPC_MISMATCH	0
#define RPC_AUTH_ERROR		1

/* Procedures of the portmapper (RFC 1833) */
#define PMAP_SET		1
#define PMAP_UNSET		2
#define PMAP_GETPORT		3	/* v3, v4: GETADDR */
#define PMAP_CALLIT		5	/* v4: BCAST */
#define RPCB_GETVERSADDR	9
#define RPCB_INDIRECT		10
#define RPCB_GETADDRLIST	11

/* Fixed part of a call: xid, msg_type, rpcvers, prog, vers, proc */
#define RPC_CALL_HDR		24

static u32 rpc_be32(const u8 *b)
{
	return (u32)b[0] << 24 | (u32)b[1] << 16 | (u32)b[2] << 8 | b[3];
}

/* The word at *off, *off advanced; -EINVAL when it is not all there */
static int rpc_word(const u8 *buf, unsigned int len, unsigned int *off,
		    u32 *v)
{
	if (*off > len || len - *off < 4)
		return -EINVAL;
	*v = rpc_be32(buf + *off);
	*off += 4;
	return 0;
}

int nfalg_rpc_frag_len(const u8 *buf, unsigned int len)
{
	u32 n;

	if (len < NFALG_RPC_MARK_LEN)
		return 0;
	n = rpc_be32(buf) & 0x7fffffff;
	if (!n || n > NFALG_RPC_FRAG_MAX)
		return -EINVAL;
	return NFALG_RPC_MARK_LEN + n;
}

bool nfalg_rpc_frag_last(const u8 *buf)
{
	return buf[0] & 0x80;
}

int nfalg_rpc_xdr_string(const u8 *buf, unsigned int len, unsigned int *off,
			 unsigned int max, unsigned int *str_off,
			 unsigned int *str_len)
{
	unsigned int p = *off, room, padded;
	u32 n;

	if (rpc_word(buf, len, &p, &n))
		return -EINVAL;
	room = len - p;
	if (n > max || n > room)
		return -EINVAL;
	/* n <= room < UINT_MAX - 3: no overflow */
	padded = n + (-n & 3);
	if (padded > room)
		return -EINVAL;
	*str_off = p;
	*str_len = n;
	*off = p + padded;
	return 0;
}

/* An opaque_auth (credential or verifier): flavor and body, skipped */
static int rpc_auth(const u8 *buf, unsigned int len, unsigned int *off)
{
	unsigned int so, sl;
	u32 flavor;

	if (rpc_word(buf, len, off, &flavor))
		return -EINVAL;
	return nfalg_rpc_xdr_string(buf, len, off, NFALG_RPC_AUTH_MAX, &so,
				    &sl);
}

static bool rpc_streq(const u8 *s, unsigned int n, const char *lit)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (!lit[i] || s[i] != (u8)lit[i])
			return false;
	return !lit[n];
}

/* The kind of a call to the portmapper */
static enum nfalg_rpc_kind rpc_pmap_kind(u32 vers, u32 proc)
{
	if (vers < 2 || vers > 4)
		return NFALG_RPC_K_OTHER;
	switch (proc) {
	case PMAP_SET:
	case PMAP_UNSET:
	case PMAP_CALLIT:
		return NFALG_RPC_K_REFUSED;
	case PMAP_GETPORT:
		return vers == 2 ? NFALG_RPC_K_GETPORT : NFALG_RPC_K_GETADDR;
	case RPCB_GETVERSADDR:
		return vers == 4 ? NFALG_RPC_K_GETADDR : NFALG_RPC_K_OTHER;
	case RPCB_INDIRECT:
		return vers == 4 ? NFALG_RPC_K_REFUSED : NFALG_RPC_K_OTHER;
	case RPCB_GETADDRLIST:
		return vers == 4 ? NFALG_RPC_K_GETADDRLIST : NFALG_RPC_K_OTHER;
	default:
		return NFALG_RPC_K_OTHER;
	}
}

/* GETPORT arguments: prog, vers, prot, port */
static int rpc_getport_args(const u8 *buf, unsigned int len, unsigned int off,
			    struct nfalg_rpc_call *c)
{
	u32 prot, port;

	if (rpc_word(buf, len, &off, &c->arg_prog) ||
	    rpc_word(buf, len, &off, &c->arg_vers) ||
	    rpc_word(buf, len, &off, &prot) ||
	    rpc_word(buf, len, &off, &port))
		return -EINVAL;
	if (prot == IPPROTO_TCP || prot == IPPROTO_UDP)
		c->arg_l4proto = prot;
	return 0;
}

/* struct rpcb: prog, vers, netid, addr, owner */
static int rpc_rpcb_args(const u8 *buf, unsigned int len, unsigned int off,
			 struct nfalg_rpc_call *c)
{
	unsigned int no, nl, so, sl;
	const u8 *id;

	if (rpc_word(buf, len, &off, &c->arg_prog) ||
	    rpc_word(buf, len, &off, &c->arg_vers) ||
	    nfalg_rpc_xdr_string(buf, len, &off, NFALG_RPC_STR_MAX, &no,
				 &nl) ||
	    nfalg_rpc_xdr_string(buf, len, &off, NFALG_RPC_STR_MAX, &so,
				 &sl) ||
	    nfalg_rpc_xdr_string(buf, len, &off, NFALG_RPC_STR_MAX, &so, &sl))
		return -EINVAL;
	id = buf + no;
	if (rpc_streq(id, nl, "tcp") || rpc_streq(id, nl, "tcp6"))
		c->arg_l4proto = IPPROTO_TCP;
	else if (rpc_streq(id, nl, "udp") || rpc_streq(id, nl, "udp6"))
		c->arg_l4proto = IPPROTO_UDP;
	c->arg_v6 = c->arg_l4proto && nl == 4;
	return 0;
}

int nfalg_rpc_parse_call(const u8 *buf, unsigned int len,
			 struct nfalg_rpc_call *out)
{
	unsigned int off = 0;
	u32 xid, v;
	int ret;

	memset(out, 0, sizeof(*out));
	if (rpc_word(buf, len, &off, &xid))
		return -EINVAL;
	if (rpc_word(buf, len, &off, &v))
		goto bad;
	if (v != RPC_CALL) {
		ret = -ENOENT;
		goto fail;
	}
	if (rpc_word(buf, len, &off, &v) || v != RPC_VERSION ||
	    rpc_word(buf, len, &off, &out->prog) ||
	    rpc_word(buf, len, &off, &out->vers) ||
	    rpc_word(buf, len, &off, &out->proc) ||
	    rpc_auth(buf, len, &off) || rpc_auth(buf, len, &off))
		goto bad;
	out->args_off = off;
	if (out->prog == NFALG_RPC_PMAP_PROG)
		out->kind = rpc_pmap_kind(out->vers, out->proc);
	switch (out->kind) {
	case NFALG_RPC_K_GETPORT:
		ret = rpc_getport_args(buf, len, off, out);
		break;
	case NFALG_RPC_K_GETADDR:
	case NFALG_RPC_K_GETADDRLIST:
		ret = rpc_rpcb_args(buf, len, off, out);
		break;
	default:
		ret = 0;
		break;
	}
	if (ret)
		goto bad;
	out->xid = xid;
	return 0;

bad:
	ret = -EINVAL;
fail:
	memset(out, 0, sizeof(*out));
	out->xid = xid;
	return ret;
}

int nfalg_rpc_parse_reply(const u8 *buf, unsigned int len,
			  struct nfalg_rpc_reply *out)
{
	unsigned int off = 0;
	u32 xid, v, stat;
	int ret = -EINVAL;

	memset(out, 0, sizeof(*out));
	if (rpc_word(buf, len, &off, &xid))
		return -EINVAL;
	out->xid = xid;
	if (rpc_word(buf, len, &off, &v))
		return -EINVAL;
	if (v != RPC_REPLY)
		return v == RPC_CALL ? -ENOENT : -EINVAL;
	if (rpc_word(buf, len, &off, &v))
		return -EINVAL;

	if (v == RPC_MSG_ACCEPTED) {
		if (rpc_auth(buf, len, &off) ||
		    rpc_word(buf, len, &off, &stat) || stat > RPC_SYSTEM_ERR)
			return -EINVAL;
		if (stat == RPC_SUCCESS) {
			out->success = true;
			out->res_off = off;
			return 0;
		}
		/* mismatch_info: low, high */
		if (stat == RPC_PROG_MISMATCH &&
		    (rpc_word(buf, len, &off, &v) ||
		     rpc_word(buf, len, &off, &v)))
			return -EINVAL;
		ret = 0;
	} else if (v == RPC_MSG_DENIED) {
		if (rpc_word(buf, len, &off, &stat))
			return -EINVAL;
		if (stat == RPC_RPC_MISMATCH)
			ret = rpc_word(buf, len, &off, &v) ||
			      rpc_word(buf, len, &off, &v) ? -EINVAL : 0;
		else if (stat == RPC_AUTH_ERROR)
			ret = rpc_word(buf, len, &off, &v) ? -EINVAL : 0;
	}
	return ret;
}

int nfalg_rpc_getport_result(const u8 *buf, unsigned int len,
			     unsigned int off, u16 *port)
{
	u32 v;

	*port = 0;
	if (rpc_word(buf, len, &off, &v) || v > 65535)
		return -EINVAL;
	if (!v)
		return -ENOENT;
	*port = v;
	return 0;
}

/*
 * A port byte of a universal address, s[0, n): 1 to 3 decimal digits
 * without a leading zero, at most 255; -1 otherwise.
 */
static int rpc_port_byte(const char *s, unsigned int n)
{
	unsigned int i, v = 0;

	if (!n || n > 3 || (n > 1 && s[0] == '0'))
		return -1;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v <= 255 ? (int)v : -1;
}

int nfalg_rpc_uaddr_parse(const char *s, unsigned int n, bool *v6, u8 *addr,
			  u16 *port)
{
	unsigned int d2, d1, i;
	int p1, p2;
	bool six = false;

	*v6 = false;
	*port = 0;
	memset(addr, 0, 16);
	if (!n)
		return -ENOENT;
	/* the last two dots end the address */
	for (d2 = n; d2 && s[d2 - 1] != '.'; d2--)
		;
	if (!d2)
		return -EINVAL;
	for (d1 = d2 - 1; d1 && s[d1 - 1] != '.'; d1--)
		;
	if (!d1)
		return -EINVAL;
	p1 = rpc_port_byte(s + d1, d2 - 1 - d1);
	p2 = rpc_port_byte(s + d2, n - d2);
	if (p1 < 0 || p2 < 0 || !(p1 | p2))
		return -EINVAL;
	for (i = 0; i + 1 < d1; i++)
		if (s[i] == ':')
			six = true;
	if (six ? nfalg_inet_pton6(s, d1 - 1, addr) :
		  nfalg_inet_pton4(s, d1 - 1, addr)) {
		memset(addr, 0, 16);
		return -EINVAL;
	}
	*v6 = six;
	*port = p1 << 8 | p2;
	return 0;
}

/* v (0..255) in decimal at d; returns the digits written */
static unsigned int rpc_put_dec(char *d, unsigned int v)
{
	unsigned int n = 0;

	if (v >= 100)
		d[n++] = '0' + v / 100;
	if (v >= 10)
		d[n++] = '0' + v / 10 % 10;
	d[n++] = '0' + v % 10;
	return n;
}

unsigned int nfalg_rpc_uaddr_format(char *dst, bool v6, const u8 *addr,
				    u16 port)
{
	unsigned int n;

	n = nfalg_inet_ntop(dst, v6, addr);
	dst[n++] = '.';
	n += rpc_put_dec(dst + n, port >> 8);
	dst[n++] = '.';
	n += rpc_put_dec(dst + n, port & 0xff);
	dst[n] = '\0';
	return n;
}

unsigned int nfalg_rpc_xdr_put_string(u8 *dst, unsigned int cap,
				      const char *s, unsigned int n)
{
	unsigned int total;

	if (cap < 4 || n > cap - 4)
		return 0;
	total = 4 + n + (-n & 3);
	if (total > cap)
		return 0;
	dst[0] = n >> 24;
	dst[1] = n >> 16;
	dst[2] = n >> 8;
	dst[3] = n;
	memcpy(dst + 4, s, n);
	memset(dst + 4 + n, 0, total - 4 - n);
	return total;
}

int nfalg_rpc_addrlist_next(const u8 *buf, unsigned int len,
			    unsigned int *off, struct nfalg_rpc_entry *e)
{
	unsigned int p = *off, no, nl, fo, fl, po, pl;
	u32 more, sem;
	bool inet;

	memset(e, 0, sizeof(*e));
	if (rpc_word(buf, len, &p, &more) || more > 1)
		return -EINVAL;
	if (!more) {
		*off = p;
		return 0;
	}
	e->maddr_xdr_off = p;
	if (nfalg_rpc_xdr_string(buf, len, &p, NFALG_RPC_STR_MAX,
				 &e->maddr_off, &e->maddr_len))
		goto bad;
	e->maddr_xdr_len = p - e->maddr_xdr_off;
	if (nfalg_rpc_xdr_string(buf, len, &p, NFALG_RPC_STR_MAX, &no, &nl) ||
	    rpc_word(buf, len, &p, &sem) ||
	    nfalg_rpc_xdr_string(buf, len, &p, NFALG_RPC_STR_MAX, &fo, &fl) ||
	    nfalg_rpc_xdr_string(buf, len, &p, NFALG_RPC_STR_MAX, &po, &pl))
		goto bad;
	e->v6 = rpc_streq(buf + fo, fl, "inet6");
	inet = e->v6 || rpc_streq(buf + fo, fl, "inet");
	if (inet && rpc_streq(buf + po, pl, "tcp"))
		e->l4proto = IPPROTO_TCP;
	else if (inet && rpc_streq(buf + po, pl, "udp"))
		e->l4proto = IPPROTO_UDP;
	*off = p;
	return 1;

bad:
	memset(e, 0, sizeof(*e));
	return -EINVAL;
}

/* Pending calls */

static int rpc_find(const struct nfalg_rpc_state *s, u32 xid)
{
	unsigned int i;

	for (i = 0; i < s->n && i < NFALG_RPC_PENDING_MAX; i++)
		if (s->p[i].xid == xid)
			return i;
	return -1;
}

/* A state that says it holds more than it can is taken as full */
static void rpc_clamp(struct nfalg_rpc_state *s)
{
	if (s->n > NFALG_RPC_PENDING_MAX)
		s->n = NFALG_RPC_PENDING_MAX;
}

static void rpc_remove(struct nfalg_rpc_state *s, unsigned int i)
{
	for (; i + 1 < s->n; i++)
		s->p[i] = s->p[i + 1];
	memset(&s->p[--s->n], 0, sizeof(s->p[0]));
}

static bool rpc_noted(enum nfalg_rpc_kind kind)
{
	return kind == NFALG_RPC_K_GETPORT || kind == NFALG_RPC_K_GETADDR ||
	       kind == NFALG_RPC_K_GETADDRLIST;
}

int nfalg_rpc_pending_add(struct nfalg_rpc_state *s,
			  const struct nfalg_rpc_call *c)
{
	struct nfalg_rpc_pending e;
	int i, ret = 0;

	rpc_clamp(s);
	memset(&e, 0, sizeof(e));
	e.xid = c->xid;
	e.arg_prog = c->arg_prog;
	e.kind = c->kind;
	e.l4proto = c->arg_l4proto;
	e.v6 = c->arg_v6;

	i = rpc_find(s, c->xid);
	if (i >= 0) {
		const struct nfalg_rpc_pending *w = &s->p[i];
		bool same = rpc_noted(c->kind) && w->kind == e.kind &&
			    w->arg_prog == e.arg_prog &&
			    w->l4proto == e.l4proto && w->v6 == e.v6;

		rpc_remove(s, i);
		if (same)
			s->p[s->n++] = e;
		return -EEXIST;
	}
	if (!rpc_noted(c->kind))
		return -EINVAL;
	if (s->n >= NFALG_RPC_PENDING_MAX) {
		rpc_remove(s, 0);
		ret = 1;
	}
	s->p[s->n++] = e;
	return ret;
}

int nfalg_rpc_pending_take(struct nfalg_rpc_state *s, u32 xid,
			   struct nfalg_rpc_pending *out)
{
	int i;

	rpc_clamp(s);
	memset(out, 0, sizeof(*out));
	i = rpc_find(s, xid);
	if (i < 0)
		return -ENOENT;
	*out = s->p[i];
	rpc_remove(s, i);
	return 0;
}
