// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for the DCE RPC endpoint mapper parser and conversation
 * state.  Every parse runs on an exact-size heap copy of its input, so
 * that AddressSanitizer reports any read past the length given.
 *
 * PDUs are built byte by byte the way clients and servers send them
 * (impacket, Samba, Windows), in both data representations; a few are
 * kept as literal bytes as impacket 0.10 encodes them.
 *
 * With NFALG_DCERPC_CORPUS=<dir> in the environment, the PDUs built are
 * also written to <dir>/<name> (the fuzz target's seed corpus).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "dcerpc/dcerpc_parse.h"

#define EPM_UUID	"e1af8308-5d1f-11c9-91a4-08002b14a0fa"
#define NDR_UUID	"8a885d04-1ceb-11c9-9fe8-08002b104860"
#define NDR64_UUID	"71710533-beba-4937-8319-b5dbef9ccc36"
#define BTFN_UUID	"6cb71c2c-9812-4540-0300-000000000000"
#define LSA_UUID	"12345778-1234-abcd-ef00-0123456789ab"
#define SAMR_UUID	"12345778-1234-abcd-ef00-0123456789ac"
#define DRS_UUID	"e3514235-4b06-11d1-ab04-00c04fc2dcd2"

/* A PDU (or tower) being built */
struct pdu {
	u8 b[8192];
	unsigned int n;
	bool le;
};

static void b8(struct pdu *p, unsigned int v)
{
	p->b[p->n++] = v;
}

static void b16(struct pdu *p, unsigned int v)
{
	if (p->le) {
		b8(p, v & 0xff);
		b8(p, v >> 8 & 0xff);
	} else {
		b8(p, v >> 8 & 0xff);
		b8(p, v & 0xff);
	}
}

static void b32(struct pdu *p, u32 v)
{
	if (p->le) {
		b16(p, v & 0xffff);
		b16(p, v >> 16);
	} else {
		b16(p, v >> 16);
		b16(p, v & 0xffff);
	}
}

static void bmem(struct pdu *p, const void *m, unsigned int n)
{
	memcpy(p->b + p->n, m, n);
	p->n += n;
}

static void bfill(struct pdu *p, u8 v, unsigned int n)
{
	memset(p->b + p->n, v, n);
	p->n += n;
}

/* pad with @v up to a multiple of 4 from @base */
static void bpad(struct pdu *p, unsigned int base, u8 v)
{
	while ((p->n - base) & 3)
		b8(p, v);
}

static void uuid_bin(const char *text, u8 *uuid)
{
	if (nfalg_dcerpc_uuid_parse_text(text, strlen(text), uuid))
		abort();
}

/* a UUID as NDR carries it: first three fields in the PDU's order */
static void buuid(struct pdu *p, const char *text)
{
	u8 u[16];

	uuid_bin(text, u);
	if (p->le) {
		const u8 w[8] = { u[3], u[2], u[1], u[0], u[5], u[4], u[7], u[6] };

		bmem(p, w, 8);
	} else {
		bmem(p, u, 8);
	}
	bmem(p, u + 8, 8);
}

static void put16(struct pdu *p, unsigned int off, unsigned int v)
{
	p->b[off] = p->le ? v & 0xff : v >> 8 & 0xff;
	p->b[off + 1] = p->le ? v >> 8 & 0xff : v & 0xff;
}

static void put32(struct pdu *p, unsigned int off, u32 v)
{
	unsigned int i;

	for (i = 0; i < 4; i++)
		p->b[off + i] = p->le ? v >> (8 * i) : v >> (24 - 8 * i);
}

static void hdr(struct pdu *p, bool le, u8 ptype, u8 flags, u32 call_id)
{
	p->n = 0;
	p->le = le;
	b8(p, 5);
	b8(p, 0);
	b8(p, ptype);
	b8(p, flags);
	b8(p, le ? 0x10 : 0x00);	/* ASCII, IEEE floats */
	b8(p, 0);
	b8(p, 0);
	b8(p, 0);
	b16(p, 0);			/* frag_length, set by fin() */
	b16(p, 0);			/* auth_length */
	b32(p, call_id);
}

static void fin(struct pdu *p)
{
	put16(p, 8, p->n);
}

/* Towers: always little-endian */
static void t16(struct pdu *t, unsigned int v)
{
	b8(t, v & 0xff);
	b8(t, v >> 8);
}

static void tower_begin(struct pdu *t, unsigned int floors)
{
	t->n = 0;
	t->le = true;
	t16(t, floors);
}

static void floor_uuid(struct pdu *t, const char *uuid, unsigned int major,
		       unsigned int minor)
{
	t16(t, 19);
	b8(t, 0x0d);
	buuid(t, uuid);
	t16(t, major);
	t16(t, 2);
	t16(t, minor);
}

static void floor_raw(struct pdu *t, u8 proto, const void *rhs,
		      unsigned int rlen)
{
	t16(t, 1);
	b8(t, proto);
	t16(t, rlen);
	bmem(t, rhs, rlen);
}

static void floor_u16be(struct pdu *t, u8 proto, unsigned int v)
{
	const u8 r[2] = { v >> 8, v & 0xff };

	floor_raw(t, proto, r, 2);
}

/* ncacn_ip_tcp: interface, NDR, RPC CO, TCP port, IPv4 address */
static void tower_tcp(struct pdu *t, const char *uuid, unsigned int major,
		      unsigned int minor, unsigned int port, const u8 *ip)
{
	tower_begin(t, 5);
	floor_uuid(t, uuid, major, minor);
	floor_uuid(t, NDR_UUID, 2, 0);
	floor_u16be(t, 0x0b, 0);
	floor_u16be(t, 0x07, port);
	floor_raw(t, 0x09, ip, 4);
}

/* ncacn_np: interface, NDR, RPC CO, pipe name, NetBIOS host name */
static void tower_np(struct pdu *t, const char *uuid, const char *pipe,
		     const char *host)
{
	tower_begin(t, 5);
	floor_uuid(t, uuid, 0, 0);
	floor_uuid(t, NDR_UUID, 2, 0);
	floor_u16be(t, 0x0b, 0);
	floor_raw(t, 0x0f, pipe, strlen(pipe) + 1);
	floor_raw(t, 0x11, host, strlen(host) + 1);
}

/* ncalrpc: interface, NDR, RPC local, port name */
static void tower_lrpc(struct pdu *t, const char *uuid, const char *name)
{
	tower_begin(t, 4);
	floor_uuid(t, uuid, 1, 0);
	floor_uuid(t, NDR_UUID, 2, 0);
	floor_u16be(t, 0x0c, 0);
	floor_raw(t, 0x10, name, strlen(name) + 1);
}

/* ncacn_http: interface, NDR, RPC CO, HTTP port, IPv4 address */
static void tower_http(struct pdu *t, const char *uuid, unsigned int port,
		       const u8 *ip)
{
	tower_begin(t, 5);
	floor_uuid(t, uuid, 1, 0);
	floor_uuid(t, NDR_UUID, 2, 0);
	floor_u16be(t, 0x0b, 0);
	floor_u16be(t, 0x1f, port);
	floor_raw(t, 0x09, ip, 4);
}

/* ncadg_ip_udp: interface, NDR, RPC CL, UDP port, IPv4 address */
static void tower_udp(struct pdu *t, const char *uuid, unsigned int port,
		      const u8 *ip)
{
	tower_begin(t, 5);
	floor_uuid(t, uuid, 1, 0);
	floor_uuid(t, NDR_UUID, 2, 0);
	floor_u16be(t, 0x0a, 0);
	floor_u16be(t, 0x08, port);
	floor_raw(t, 0x09, ip, 4);
}

/* One element of a bind's context list */
struct elem {
	u16 id;
	const char *abs;
	u32 abs_vers;
	const char *ts;
	u32 ts_vers;
	const char *ts2;	/* a second transfer syntax, or NULL */
	u32 ts2_vers;
};

static void bind_pdu(struct pdu *p, bool le, u8 ptype, u32 call_id,
		     const struct elem *e, unsigned int n)
{
	unsigned int i;

	hdr(p, le, ptype, 0x03, call_id);
	b16(p, 5840);		/* max_xmit_frag */
	b16(p, 5840);		/* max_recv_frag */
	b32(p, 0);		/* assoc_group_id */
	b8(p, n);
	b8(p, 0);
	b16(p, 0);
	for (i = 0; i < n; i++) {
		b16(p, e[i].id);
		b8(p, e[i].ts2 ? 2 : 1);
		b8(p, 0);
		buuid(p, e[i].abs);
		b32(p, e[i].abs_vers);
		buuid(p, e[i].ts);
		b32(p, e[i].ts_vers);
		if (e[i].ts2) {
			buuid(p, e[i].ts2);
			b32(p, e[i].ts2_vers);
		}
	}
	fin(p);
}

/* One result of a bind_ack */
struct result {
	u16 result;
	u16 reason;
	const char *ts;		/* NULL: all zero */
	u32 ts_vers;
};

static void ack_pdu(struct pdu *p, bool le, u8 ptype, u32 call_id,
		    const char *sec, const struct result *r, unsigned int n)
{
	unsigned int i, slen = sec ? strlen(sec) + 1 : 0;

	hdr(p, le, ptype, 0x03, call_id);
	b16(p, 5840);
	b16(p, 5840);
	b32(p, 0x12345);	/* assoc_group_id */
	b16(p, slen);
	if (slen)
		bmem(p, sec, slen);
	bpad(p, 0, 0);
	b8(p, n);
	b8(p, 0);
	b16(p, 0);
	for (i = 0; i < n; i++) {
		b16(p, r[i].result);
		b16(p, r[i].reason);
		if (r[i].ts)
			buuid(p, r[i].ts);
		else
			bfill(p, 0, 16);
		b32(p, r[i].ts_vers);
	}
	fin(p);
}

/* A tower pointer of an answer: referent id (0: null) and its tower */
struct twr {
	u32 ref;
	const struct pdu *t;
};

static void resp_head(struct pdu *p, bool le, u32 call_id, u16 cont_id)
{
	hdr(p, le, NFALG_DCERPC_RESPONSE, 0x03, call_id);
	b32(p, 0);		/* alloc_hint, set by resp_fin() */
	b16(p, cont_id);
	b8(p, 0);
	b8(p, 0);
	bfill(p, 0, 20);	/* entry_handle: none */
}

static void resp_fin(struct pdu *p, u32 status)
{
	bpad(p, 24, 0);
	b32(p, status);
	put32(p, 16, p->n - 24);
	fin(p);
}

static void referent(struct pdu *p, const struct pdu *t)
{
	bpad(p, 24, 0);
	b32(p, t->n);
	b32(p, t->n);
	bmem(p, t->b, t->n);
}

static void map_resp(struct pdu *p, bool le, u32 call_id, u32 max,
		     const struct twr *tw, unsigned int n, u32 status)
{
	unsigned int i;

	resp_head(p, le, call_id, 0);
	b32(p, n);		/* num_towers */
	b32(p, max);
	b32(p, 0);
	b32(p, n);
	for (i = 0; i < n; i++)
		b32(p, tw[i].ref);
	for (i = 0; i < n; i++)
		if (tw[i].ref)
			referent(p, tw[i].t);
	resp_fin(p, status);
}

/* One ept_entry_t */
struct entry {
	const char *object;
	u32 ref;
	const struct pdu *t;
	const char *annotation;
};

static void lookup_resp(struct pdu *p, bool le, u32 call_id, u32 max,
			const struct entry *e, unsigned int n, u32 status)
{
	unsigned int i, alen;

	resp_head(p, le, call_id, 0);
	b32(p, n);		/* num_ents */
	b32(p, max);
	b32(p, 0);
	b32(p, n);
	for (i = 0; i < n; i++) {
		bpad(p, 24, 0);
		buuid(p, e[i].object);
		b32(p, e[i].ref);
		alen = strlen(e[i].annotation) + 1;
		b32(p, 0);
		b32(p, alen);
		bmem(p, e[i].annotation, alen);
	}
	for (i = 0; i < n; i++)
		if (e[i].ref)
			referent(p, e[i].t);
	resp_fin(p, status);
}

/* an ept_map request as Windows sends it: obj (nil UUID), tower, handle */
static void map_req(struct pdu *p, bool le, u32 call_id, u16 cont_id,
		    const char *obj, const struct pdu *t, u32 max_towers)
{
	hdr(p, le, NFALG_DCERPC_REQUEST, 0x03, call_id);
	b32(p, 0);
	b16(p, cont_id);
	b16(p, NFALG_DCERPC_EPT_MAP);
	b32(p, obj ? 1 : 0);
	if (obj)
		buuid(p, obj);
	b32(p, t ? 2 : 0);
	if (t)
		referent(p, t);
	bpad(p, 24, 0);
	bfill(p, 0, 20);
	b32(p, max_towers);
	put32(p, 16, p->n - 24);
	fin(p);
}

/* Literal PDUs, as impacket 0.10 encodes them */

/* DCERPC_v5.bind(MSRPC_UUID_PORTMAP): epm 3.0 over NDR, call id 1 */
static const u8 impacket_bind[72] = {
	0x05, 0x00, 0x0b, 0x03, 0x10, 0x00, 0x00, 0x00,
	0x48, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00,
	0xb8, 0x10, 0xb8, 0x10, 0x00, 0x00, 0x00, 0x00,
	0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00,
	0x08, 0x83, 0xaf, 0xe1, 0x1f, 0x5d, 0xc9, 0x11,
	0x91, 0xa4, 0x08, 0x00, 0x2b, 0x14, 0xa0, 0xfa,
	0x03, 0x00, 0x00, 0x00, 0x04, 0x5d, 0x88, 0x8a,
	0xeb, 0x1c, 0xc9, 0x11, 0x9f, 0xe8, 0x08, 0x00,
	0x2b, 0x10, 0x48, 0x60, 0x02, 0x00, 0x00, 0x00,
};

/*
 * hept_map(lsarpc, protocol='ncacn_ip_tcp') with max_towers 1: an obj
 * pointer to the nil UUID, a tower for 0.0.0.0 port 0, call id 2
 */
static const u8 impacket_map_req[156] = {
	0x05, 0x00, 0x00, 0x03, 0x10, 0x00, 0x00, 0x00,
	0x9c, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00,
	0x84, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x00,
	0xc1, 0xb1, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x55, 0x68, 0x00, 0x00,
	0x4b, 0x00, 0x00, 0x00, 0x4b, 0x00, 0x00, 0x00,
	0x05, 0x00, 0x13, 0x00, 0x0d, 0x78, 0x57, 0x34,
	0x12, 0x34, 0x12, 0xcd, 0xab, 0xef, 0x00, 0x01,
	0x23, 0x45, 0x67, 0x89, 0xab, 0x00, 0x00, 0x02,
	0x00, 0x00, 0x00, 0x13, 0x00, 0x0d, 0x04, 0x5d,
	0x88, 0x8a, 0xeb, 0x1c, 0xc9, 0x11, 0x9f, 0xe8,
	0x08, 0x00, 0x2b, 0x10, 0x48, 0x60, 0x02, 0x00,
	0x02, 0x00, 0x00, 0x00, 0x01, 0x00, 0x0b, 0x02,
	0x00, 0x00, 0x00, 0x01, 0x00, 0x07, 0x02, 0x00,
	0x00, 0x00, 0x01, 0x00, 0x09, 0x04, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x01, 0x00, 0x00, 0x00,
};

/*
 * The stub of an ept_mapResponse impacket encodes with two towers:
 * lsarpc over ncacn_ip_tcp at 192.168.1.10[49668], then over ncacn_np
 * (\PIPE\lsass on \\DC1); NDR padding bytes are impacket's garbage
 */
static const u8 impacket_map_stub[228] = {
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00,
	0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x02, 0x00, 0x00, 0x00, 0xf9, 0x29, 0x00, 0x00,
	0x0c, 0x6c, 0x00, 0x00, 0x4b, 0x00, 0x00, 0x00,
	0x4b, 0x00, 0x00, 0x00, 0x05, 0x00, 0x13, 0x00,
	0x0d, 0x78, 0x57, 0x34, 0x12, 0x34, 0x12, 0xcd,
	0xab, 0xef, 0x00, 0x01, 0x23, 0x45, 0x67, 0x89,
	0xab, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x13,
	0x00, 0x0d, 0x04, 0x5d, 0x88, 0x8a, 0xeb, 0x1c,
	0xc9, 0x11, 0x9f, 0xe8, 0x08, 0x00, 0x2b, 0x10,
	0x48, 0x60, 0x02, 0x00, 0x02, 0x00, 0x00, 0x00,
	0x01, 0x00, 0x0b, 0x02, 0x00, 0x00, 0x00, 0x01,
	0x00, 0x07, 0x02, 0x00, 0xc2, 0x04, 0x01, 0x00,
	0x09, 0x04, 0x00, 0xc0, 0xa8, 0x01, 0x0a, 0xee,
	0x57, 0x00, 0x00, 0x00, 0x57, 0x00, 0x00, 0x00,
	0x05, 0x00, 0x13, 0x00, 0x0d, 0x78, 0x57, 0x34,
	0x12, 0x34, 0x12, 0xcd, 0xab, 0xef, 0x00, 0x01,
	0x23, 0x45, 0x67, 0x89, 0xab, 0x00, 0x00, 0x02,
	0x00, 0x00, 0x00, 0x13, 0x00, 0x0d, 0x04, 0x5d,
	0x88, 0x8a, 0xeb, 0x1c, 0xc9, 0x11, 0x9f, 0xe8,
	0x08, 0x00, 0x2b, 0x10, 0x48, 0x60, 0x02, 0x00,
	0x02, 0x00, 0x00, 0x00, 0x01, 0x00, 0x0b, 0x02,
	0x00, 0x00, 0x00, 0x01, 0x00, 0x0f, 0x0c, 0x00,
	0x5c, 0x50, 0x49, 0x50, 0x45, 0x5c, 0x6c, 0x73,
	0x61, 0x73, 0x73, 0x00, 0x01, 0x00, 0x11, 0x06,
	0x00, 0x5c, 0x5c, 0x44, 0x43, 0x31, 0x00, 0xbf,
	0x00, 0x00, 0x00, 0x00,
};

/* Exact-size heap copies, and the parse steps over them */

static u8 *copy(const void *in, unsigned int len)
{
	u8 *c = malloc(len ? len : 1);

	memcpy(c, in, len);
	return c;
}

static int parse_hdr(const void *in, unsigned int len,
		     struct nfalg_dcerpc_hdr *h)
{
	u8 *c = copy(in, len);
	int ret = nfalg_dcerpc_parse_hdr(c, len, h);

	free(c);
	return ret;
}

static int pdu_len(const void *in, unsigned int len)
{
	u8 *c = copy(in, len);
	int ret = nfalg_dcerpc_pdu_len(c, len);

	free(c);
	return ret;
}

static int parse_bind(const void *in, unsigned int len,
		      struct nfalg_dcerpc_bind *b)
{
	struct nfalg_dcerpc_hdr h;
	u8 *c = copy(in, len);
	int ret = nfalg_dcerpc_parse_hdr(c, len, &h);

	if (!ret)
		ret = nfalg_dcerpc_parse_bind(c, len, &h, b);
	else
		memset(b, 0, sizeof(*b));
	free(c);
	return ret;
}

static int parse_ack(const void *in, unsigned int len,
		     struct nfalg_dcerpc_bind_ack *a)
{
	struct nfalg_dcerpc_hdr h;
	u8 *c = copy(in, len);
	int ret = nfalg_dcerpc_parse_hdr(c, len, &h);

	if (!ret)
		ret = nfalg_dcerpc_parse_bind_ack(c, len, &h, a);
	else
		memset(a, 0, sizeof(*a));
	free(c);
	return ret;
}

static int parse_call(const void *in, unsigned int len,
		      struct nfalg_dcerpc_hdr *h, struct nfalg_dcerpc_call *call)
{
	u8 *c = copy(in, len);
	int ret = nfalg_dcerpc_parse_hdr(c, len, h);

	if (!ret)
		ret = nfalg_dcerpc_parse_call(c, len, h, call);
	free(c);
	return ret;
}

static int parse_map_req(const void *in, unsigned int len,
			 struct nfalg_dcerpc_map_req *m)
{
	struct nfalg_dcerpc_call call;
	struct nfalg_dcerpc_hdr h;
	u8 *c = copy(in, len);
	int ret = nfalg_dcerpc_parse_hdr(c, len, &h);

	memset(m, 0, sizeof(*m));
	if (!ret)
		ret = nfalg_dcerpc_parse_call(c, len, &h, &call);
	if (!ret)
		ret = nfalg_dcerpc_parse_map_req(c, len, &h, &call, m);
	free(c);
	return ret;
}

/* The whole chain a response goes through; checks the towers' offsets */
static int parse_towers(const void *in, unsigned int len, u16 opnum,
			struct nfalg_dcerpc_towers *t)
{
	struct nfalg_dcerpc_call call;
	struct nfalg_dcerpc_hdr h;
	u8 *c = copy(in, len);
	int ret = nfalg_dcerpc_parse_hdr(c, len, &h);
	unsigned int i;

	memset(t, 0, sizeof(*t));
	if (!ret)
		ret = nfalg_dcerpc_parse_call(c, len, &h, &call);
	if (!ret)
		ret = nfalg_dcerpc_parse_towers(c, len, &h, &call, opnum, t);
	for (i = 0; !ret && i < t->n; i++) {
		CHECK(t->t[i].addr_off >= call.stub_off);
		CHECK(t->t[i].addr_off + 4 <= h.frag_len);
		CHECK(!memcmp(c + t->t[i].addr_off, t->t[i].addr, 4));
		CHECK(t->t[i].port_off + 2 <= h.frag_len);
		EXPECT_EQ(c[t->t[i].port_off] << 8 | c[t->t[i].port_off + 1],
			  t->t[i].port);
	}
	free(c);
	return ret;
}

/* Seed corpus for the fuzz target */
static void save(const char *name, const void *b, unsigned int n)
{
	const char *dir = getenv("NFALG_DCERPC_CORPUS");
	char path[512];
	FILE *f;

	if (!dir)
		return;
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (!f || fwrite(b, 1, n, f) != n)
		abort();
	fclose(f);
}

static void save_pdu(const char *name, const struct pdu *p)
{
	save(name, p->b, p->n);
}

static const u8 ip_dc[4] = { 192, 168, 1, 10 };
static const u8 ip_any[4] = { 0, 0, 0, 0 };
static const u8 ip_pub[4] = { 203, 0, 113, 7 };

static void test_uuid_text(void)
{
	static const u8 epm[16] = { 0xe1, 0xaf, 0x83, 0x08, 0x5d, 0x1f,
				    0x11, 0xc9, 0x91, 0xa4, 0x08, 0x00,
				    0x2b, 0x14, 0xa0, 0xfa };
	u8 u[16];

	EXPECT_EQ(nfalg_dcerpc_uuid_parse_text(EPM_UUID, 36, u), 0);
	EXPECT_MEM(u, epm, 16);
	save("uuid-text", EPM_UUID, 36);
	EXPECT_EQ(nfalg_dcerpc_uuid_parse_text(
			"E1AF8308-5D1F-11C9-91A4-08002B14A0FA", 36, u), 0);
	EXPECT_MEM(u, epm, 16);
	/* wrong length, dash, digit */
	EXPECT_EQ(nfalg_dcerpc_uuid_parse_text(EPM_UUID, 35, u), -EINVAL);
	CHECK(!u[0] && !u[15]);
	EXPECT_EQ(nfalg_dcerpc_uuid_parse_text(
			"e1af8308-5d1f-11c9-91a4-08002b14a0fa0", 37, u), -EINVAL);
	EXPECT_EQ(nfalg_dcerpc_uuid_parse_text(
			"e1af83085-d1f-11c9-91a4-08002b14a0fa", 36, u), -EINVAL);
	EXPECT_EQ(nfalg_dcerpc_uuid_parse_text(
			"e1af8308-5d1f-11c9-91a4-08002b14a0fg", 36, u), -EINVAL);
	EXPECT_EQ(nfalg_dcerpc_uuid_parse_text(
			"e1af8308-5d1f-11c9-91a4+08002b14a0fa", 36, u), -EINVAL);
	CHECK(!u[0] && !u[15]);
}

static void test_pdu_len(void)
{
	struct pdu p;
	unsigned int n;

	/* impacket's bind: 72 bytes, known from 10 bytes on */
	for (n = 0; n < NFALG_DCERPC_LEN_NEED; n++)
		EXPECT_EQ(pdu_len(impacket_bind, n), 0);
	for (; n <= sizeof(impacket_bind); n++)
		EXPECT_EQ(pdu_len(impacket_bind, n), 72);
	/* big-endian */
	hdr(&p, false, NFALG_DCERPC_BIND_ACK, 3, 1);
	bfill(&p, 0, 0x134 - 16);
	fin(&p);
	EXPECT_EQ(p.b[8], 0x01);
	EXPECT_EQ(pdu_len(p.b, p.n), 0x134);
	EXPECT_EQ(pdu_len(p.b, 10), 0x134);
	/* a longer PDU than the bytes given */
	p.b[8] = 0xff;
	p.b[9] = 0xfe;
	EXPECT_EQ(pdu_len(p.b, 10), 0xfffe);
	/* not DCE RPC, told from the first byte that shows it */
	memcpy(p.b, impacket_bind, 16);
	p.b[0] = 4;			/* connectionless */
	EXPECT_EQ(pdu_len(p.b, 1), -EINVAL);
	EXPECT_EQ(pdu_len(p.b, 16), -EINVAL);
	p.b[0] = 5;
	p.b[1] = 2;
	EXPECT_EQ(pdu_len(p.b, 1), 0);
	EXPECT_EQ(pdu_len(p.b, 2), -EINVAL);
	p.b[1] = 1;			/* minor 1 is fine */
	EXPECT_EQ(pdu_len(p.b, 16), 72);
	p.b[2] = 20;
	EXPECT_EQ(pdu_len(p.b, 2), 0);
	EXPECT_EQ(pdu_len(p.b, 3), -EINVAL);
	p.b[2] = 19;
	EXPECT_EQ(pdu_len(p.b, 16), 72);
	p.b[4] = 0x20;			/* neither byte order */
	EXPECT_EQ(pdu_len(p.b, 4), 0);
	EXPECT_EQ(pdu_len(p.b, 5), -EINVAL);
	p.b[4] = 0x11;			/* EBCDIC: characters are not read */
	EXPECT_EQ(pdu_len(p.b, 16), 72);
	p.b[4] = 0x10;
	p.b[8] = 15;			/* shorter than the header */
	p.b[9] = 0;
	EXPECT_EQ(pdu_len(p.b, 9), 0);
	EXPECT_EQ(pdu_len(p.b, 10), -EINVAL);
	p.b[8] = 16;
	EXPECT_EQ(pdu_len(p.b, 10), 16);
	/* not DCE RPC at all */
	EXPECT_EQ(pdu_len("GET / HTTP/1.1\r\n", 16), -EINVAL);
	EXPECT_EQ(pdu_len("", 0), 0);
}

static void test_hdr(void)
{
	struct nfalg_dcerpc_hdr h;
	struct pdu p;
	unsigned int n;
	u8 *big;

	EXPECT_EQ(parse_hdr(impacket_bind, sizeof(impacket_bind), &h), 0);
	EXPECT_EQ(h.ptype, NFALG_DCERPC_BIND);
	EXPECT_EQ(h.flags, 3);
	CHECK(h.le);
	EXPECT_EQ(h.frag_len, 72);
	EXPECT_EQ(h.auth_len, 0);
	EXPECT_EQ(h.body_end, 72);
	EXPECT_EQ(h.call_id, 1);
	/* big-endian */
	hdr(&p, false, NFALG_DCERPC_RESPONSE, 0x83, 0x01020304);
	bfill(&p, 0, 8);
	fin(&p);
	EXPECT_EQ(parse_hdr(p.b, p.n, &h), 0);
	EXPECT_EQ(h.ptype, NFALG_DCERPC_RESPONSE);
	EXPECT_EQ(h.flags, 0x83);
	CHECK(!h.le);
	EXPECT_EQ(h.frag_len, 24);
	EXPECT_EQ(h.call_id, 0x01020304);
	/* bytes past frag_length are not part of it */
	big = malloc(p.n + 100);
	memcpy(big, p.b, p.n);
	memset(big + p.n, 0xff, 100);
	EXPECT_EQ(nfalg_dcerpc_parse_hdr(big, p.n + 100, &h), 0);
	EXPECT_EQ(h.frag_len, 24);
	free(big);
	/* every length short of frag_length */
	for (n = 0; n < p.n; n++) {
		EXPECT_EQ(parse_hdr(p.b, n, &h), -EINVAL);
		CHECK(!h.frag_len && !h.ptype && !h.call_id);
	}
	/* an authenticated PDU: 16 bytes of verifier after the sec_trailer */
	hdr(&p, true, NFALG_DCERPC_REQUEST, 3, 7);
	bfill(&p, 0, 8 + 8);		/* request head, stub */
	bfill(&p, 0, 8);		/* sec_trailer */
	bfill(&p, 0xaa, 16);		/* verifier */
	put16(&p, 10, 16);
	fin(&p);
	EXPECT_EQ(parse_hdr(p.b, p.n, &h), 0);
	EXPECT_EQ(h.auth_len, 16);
	EXPECT_EQ(h.body_end, 32);
	/* a verifier that leaves no room for the sec_trailer */
	put16(&p, 10, 33);
	EXPECT_EQ(parse_hdr(p.b, p.n, &h), -EINVAL);
	put16(&p, 10, 32);
	EXPECT_EQ(parse_hdr(p.b, p.n, &h), 0);
	EXPECT_EQ(h.body_end, 16);
	put16(&p, 10, 0xffff);
	EXPECT_EQ(parse_hdr(p.b, p.n, &h), -EINVAL);
	/* PTYPE out of range */
	p.b[2] = 20;
	put16(&p, 10, 0);
	EXPECT_EQ(parse_hdr(p.b, p.n, &h), -EINVAL);
}

static void test_first_ok(void)
{
	unsigned int t;

	for (t = 0; t < 256; t++) {
		EXPECT_EQ(nfalg_dcerpc_first_ok(t, true),
			  t == NFALG_DCERPC_BIND);
		EXPECT_EQ(nfalg_dcerpc_first_ok(t, false),
			  t == NFALG_DCERPC_BIND_ACK ||
			  t == NFALG_DCERPC_BIND_NAK);
	}
}

/* The contexts a Windows client proposes to the endpoint mapper */
static const struct elem win_epm[3] = {
	{ 0, EPM_UUID, 3, NDR_UUID, 2, NULL, 0 },
	{ 1, EPM_UUID, 3, NDR64_UUID, 1, NULL, 0 },
	{ 2, EPM_UUID, 3, BTFN_UUID, 1, NULL, 0 },
};

static void test_bind_impacket(void)
{
	static const struct elem e = { 0, EPM_UUID, 3, NDR_UUID, 2, NULL, 0 };
	struct nfalg_dcerpc_bind b;
	struct pdu p;

	EXPECT_EQ(parse_bind(impacket_bind, sizeof(impacket_bind), &b), 0);
	EXPECT_EQ(b.n_ctx, 1);
	EXPECT_EQ(b.n_epm, 1);
	EXPECT_EQ(b.cont_id[0], 0);
	CHECK(b.is_epm[0]);
	/* the builder makes the same bytes, max frag sizes aside */
	bind_pdu(&p, true, NFALG_DCERPC_BIND, 1, &e, 1);
	EXPECT_EQ(p.n, sizeof(impacket_bind));
	put16(&p, 16, 4280);
	put16(&p, 18, 4280);
	EXPECT_MEM(p.b, impacket_bind, sizeof(impacket_bind));
	save("bind-impacket", impacket_bind, sizeof(impacket_bind));
}

static void test_bind_windows(void)
{
	struct nfalg_dcerpc_bind b;
	struct elem e[3];
	struct pdu p;
	int le;

	for (le = 1; le >= 0; le--) {
		bind_pdu(&p, le, NFALG_DCERPC_BIND, 2, win_epm, 3);
		EXPECT_EQ(p.n, 28 + 3 * 44);
		EXPECT_EQ(parse_bind(p.b, p.n, &b), 0);
		EXPECT_EQ(b.n_ctx, 3);
		EXPECT_EQ(b.n_epm, 3);
		EXPECT_EQ(b.cont_id[0], 0);
		EXPECT_EQ(b.cont_id[1], 1);
		EXPECT_EQ(b.cont_id[2], 2);
		CHECK(b.is_epm[0] && b.is_epm[1] && b.is_epm[2]);
		save_pdu(le ? "bind-windows" : "bind-windows-be", &p);
		/* the same list in an alter_context */
		bind_pdu(&p, le, NFALG_DCERPC_ALTER, 3, win_epm, 3);
		EXPECT_EQ(parse_bind(p.b, p.n, &b), 0);
		EXPECT_EQ(b.n_epm, 3);
	}
	/* Samba's rpcclient: epm, then lsarpc, two transfer syntaxes each */
	memset(e, 0, sizeof(e));
	e[0] = (struct elem){ 5, LSA_UUID, 0, NDR_UUID, 2, NDR64_UUID, 1 };
	e[1] = (struct elem){ 0x102, EPM_UUID, 3, NDR_UUID, 2, NDR64_UUID, 1 };
	bind_pdu(&p, true, NFALG_DCERPC_BIND, 9, e, 2);
	EXPECT_EQ(parse_bind(p.b, p.n, &b), 0);
	EXPECT_EQ(b.n_ctx, 2);
	EXPECT_EQ(b.n_epm, 1);
	EXPECT_EQ(b.cont_id[0], 5);
	EXPECT_EQ(b.cont_id[1], 0x102);
	CHECK(!b.is_epm[0] && b.is_epm[1]);
	/* bytes after the list (before the end of the PDU) are ignored */
	bfill(&p, 0, 12);
	fin(&p);
	EXPECT_EQ(parse_bind(p.b, p.n, &b), 0);
	EXPECT_EQ(b.n_epm, 1);
}

static void test_bind_not_epm(void)
{
	struct nfalg_dcerpc_bind b;
	struct elem e[4];
	struct pdu p;

	e[0] = (struct elem){ 0, LSA_UUID, 0, NDR_UUID, 2, NULL, 0 };
	e[1] = (struct elem){ 1, EPM_UUID, 4, NDR_UUID, 2, NULL, 0 };
	e[2] = (struct elem){ 2, EPM_UUID, 0x30000, NDR_UUID, 2, NULL, 0 };
	/* minor version 1: still the endpoint mapper's major version 3 */
	e[3] = (struct elem){ 3, EPM_UUID, 0x10003, NDR_UUID, 2, NULL, 0 };
	bind_pdu(&p, true, NFALG_DCERPC_BIND, 1, e, 4);
	EXPECT_EQ(parse_bind(p.b, p.n, &b), 0);
	EXPECT_EQ(b.n_ctx, 4);
	EXPECT_EQ(b.n_epm, 1);
	CHECK(!b.is_epm[0] && !b.is_epm[1] && !b.is_epm[2] && b.is_epm[3]);
	/* the endpoint mapper's UUID with its fields in the wrong order */
	bind_pdu(&p, false, NFALG_DCERPC_BIND, 1, win_epm, 1);
	p.le = true;
	p.n = 32;
	buuid(&p, EPM_UUID);
	p.le = false;
	p.n = 72;
	EXPECT_EQ(parse_bind(p.b, p.n, &b), 0);
	EXPECT_EQ(b.n_epm, 0);
	/* nor is a bind with no context at all */
	bind_pdu(&p, true, NFALG_DCERPC_BIND, 1, e, 0);
	EXPECT_EQ(parse_bind(p.b, p.n, &b), 0);
	EXPECT_EQ(b.n_ctx, 0);
}

static void test_bind_bad(void)
{
	struct nfalg_dcerpc_bind b;
	struct elem e[10];
	struct pdu p;
	unsigned int i;

	/* no transfer syntax */
	bind_pdu(&p, true, NFALG_DCERPC_BIND, 1, win_epm, 3);
	p.b[28 + 44 + 2] = 0;
	EXPECT_EQ(parse_bind(p.b, p.n, &b), -EINVAL);
	CHECK(!b.n_ctx && !b.n_epm && !b.is_epm[0]);
	/* more transfer syntaxes than there are bytes */
	p.b[28 + 44 + 2] = 3;
	EXPECT_EQ(parse_bind(p.b, p.n, &b), -EINVAL);
	/* more elements than there are */
	bind_pdu(&p, true, NFALG_DCERPC_BIND, 1, win_epm, 3);
	p.b[24] = 4;
	EXPECT_EQ(parse_bind(p.b, p.n, &b), -EINVAL);
	p.b[24] = 255;
	EXPECT_EQ(parse_bind(p.b, p.n, &b), -EINVAL);
	/* one context id, two meanings */
	bind_pdu(&p, true, NFALG_DCERPC_BIND, 1, win_epm, 3);
	put16(&p, 28 + 44, 0);
	EXPECT_EQ(parse_bind(p.b, p.n, &b), -EINVAL);
	/* not a bind */
	bind_pdu(&p, true, NFALG_DCERPC_BIND_ACK, 1, win_epm, 3);
	EXPECT_EQ(parse_bind(p.b, p.n, &b), -EINVAL);
	bind_pdu(&p, true, NFALG_DCERPC_REQUEST, 1, win_epm, 3);
	EXPECT_EQ(parse_bind(p.b, p.n, &b), -EINVAL);
	/* the list must end before the authentication trailer */
	bind_pdu(&p, true, NFALG_DCERPC_BIND, 1, win_epm, 3);
	bfill(&p, 0, 8 + 40);
	put16(&p, 10, 40);
	fin(&p);
	EXPECT_EQ(parse_bind(p.b, p.n, &b), 0);
	EXPECT_EQ(b.n_epm, 3);
	put16(&p, 10, 44);
	EXPECT_EQ(parse_bind(p.b, p.n, &b), -EINVAL);
	/* ten elements: all checked, the first eight reported */
	for (i = 0; i < 10; i++)
		e[i] = (struct elem){ 10 + i, i == 9 || i == 1 ? EPM_UUID :
				      LSA_UUID, 3, NDR_UUID, 2, NULL, 0 };
	bind_pdu(&p, false, NFALG_DCERPC_BIND, 1, e, 10);
	EXPECT_EQ(parse_bind(p.b, p.n, &b), 0);
	EXPECT_EQ(b.n_ctx, 10);
	EXPECT_EQ(b.n_epm, 1);
	CHECK(b.is_epm[1]);
	EXPECT_EQ(b.cont_id[7], 17);
	p.n--;
	fin(&p);
	EXPECT_EQ(parse_bind(p.b, p.n, &b), -EINVAL);
}

static void test_bind_ack(void)
{
	struct nfalg_dcerpc_bind_ack a;
	struct result r[3];
	struct pdu p;
	int le;

	/* Windows: NDR accepted, NDR64 refused, bind time features acked */
	r[0] = (struct result){ 0, 0, NDR_UUID, 2 };
	r[1] = (struct result){ 2, 2, NULL, 0 };
	r[2] = (struct result){ 3, 3, NULL, 0 };
	for (le = 1; le >= 0; le--) {
		ack_pdu(&p, le, NFALG_DCERPC_BIND_ACK, 2, "135", r, 3);
		EXPECT_EQ(p.n, 36 + 3 * 24);
		EXPECT_EQ(p.b[25 - le], 4);	/* sec_addr length */
		EXPECT_EQ(parse_ack(p.b, p.n, &a), 0);
		EXPECT_EQ(a.n_results, 3);
		EXPECT_EQ(a.syntax[0], NFALG_DCERPC_SYN_NDR);
		EXPECT_EQ(a.syntax[1], NFALG_DCERPC_SYN_NONE);
		EXPECT_EQ(a.syntax[2], NFALG_DCERPC_SYN_NONE);
		save_pdu(le ? "bind-ack-windows" : "bind-ack-windows-be", &p);
	}
	/* NDR64 accepted, the first refused */
	r[0] = (struct result){ 2, 2, NULL, 0 };
	r[1] = (struct result){ 0, 0, NDR64_UUID, 1 };
	ack_pdu(&p, true, NFALG_DCERPC_BIND_ACK, 2, "135", r, 3);
	EXPECT_EQ(parse_ack(p.b, p.n, &a), 0);
	EXPECT_EQ(a.syntax[0], NFALG_DCERPC_SYN_NONE);
	EXPECT_EQ(a.syntax[1], NFALG_DCERPC_SYN_NDR64);
	save_pdu("bind-ack-ndr64", &p);
	/* NDR of another version, another syntax */
	r[0] = (struct result){ 0, 0, NDR_UUID, 1 };
	r[1] = (struct result){ 0, 0, LSA_UUID, 2 };
	ack_pdu(&p, false, NFALG_DCERPC_BIND_ACK, 2, "135", r, 2);
	EXPECT_EQ(parse_ack(p.b, p.n, &a), 0);
	EXPECT_EQ(a.syntax[0], NFALG_DCERPC_SYN_OTHER);
	EXPECT_EQ(a.syntax[1], NFALG_DCERPC_SYN_OTHER);
	/* alter_context_resp: empty sec_addr, 2 bytes of padding */
	r[0] = (struct result){ 0, 0, NDR_UUID, 2 };
	ack_pdu(&p, true, NFALG_DCERPC_ALTER_RESP, 3, NULL, r, 1);
	EXPECT_EQ(p.n, 32 + 24);
	EXPECT_EQ(parse_ack(p.b, p.n, &a), 0);
	EXPECT_EQ(a.n_results, 1);
	EXPECT_EQ(a.syntax[0], NFALG_DCERPC_SYN_NDR);
	/* sec_addr lengths: every padding */
	ack_pdu(&p, true, NFALG_DCERPC_BIND_ACK, 3, "49152", r, 1);
	EXPECT_EQ(p.n, 36 + 24);
	EXPECT_EQ(parse_ack(p.b, p.n, &a), 0);
	EXPECT_EQ(a.syntax[0], NFALG_DCERPC_SYN_NDR);
	ack_pdu(&p, true, NFALG_DCERPC_BIND_ACK, 3, "\\PIPE\\epmapper", r, 1);
	EXPECT_EQ(parse_ack(p.b, p.n, &a), 0);
	EXPECT_EQ(a.syntax[0], NFALG_DCERPC_SYN_NDR);
	/* a sec_addr longer than the PDU */
	put16(&p, 24, 200);
	EXPECT_EQ(parse_ack(p.b, p.n, &a), -EINVAL);
	CHECK(!a.n_results && !a.syntax[0]);
	/* more results than bytes */
	ack_pdu(&p, true, NFALG_DCERPC_BIND_ACK, 2, "135", r, 1);
	p.b[32] = 2;
	EXPECT_EQ(parse_ack(p.b, p.n, &a), -EINVAL);
	/* a bind is not an answer */
	ack_pdu(&p, true, NFALG_DCERPC_BIND, 2, "135", r, 1);
	EXPECT_EQ(parse_ack(p.b, p.n, &a), -EINVAL);
	/* no results at all */
	ack_pdu(&p, true, NFALG_DCERPC_BIND_ACK, 2, "135", r, 0);
	EXPECT_EQ(parse_ack(p.b, p.n, &a), 0);
	EXPECT_EQ(a.n_results, 0);
}

static void test_call(void)
{
	struct nfalg_dcerpc_call c;
	struct nfalg_dcerpc_hdr h;
	struct pdu p, t;
	unsigned int n0;
	u8 obj[16];

	EXPECT_EQ(parse_call(impacket_map_req, sizeof(impacket_map_req), &h,
			     &c), 0);
	EXPECT_EQ(h.ptype, NFALG_DCERPC_REQUEST);
	EXPECT_EQ(h.call_id, 2);
	EXPECT_EQ(c.cont_id, 0);
	EXPECT_EQ(c.opnum, NFALG_DCERPC_EPT_MAP);
	CHECK(!c.has_object);
	EXPECT_EQ(c.stub_off, 24);
	EXPECT_EQ(c.stub_len, 132);
	/* an object UUID in the PDU, big-endian */
	tower_tcp(&t, LSA_UUID, 0, 0, 135, ip_any);
	map_req(&p, false, 5, 1, NULL, &t, 4);
	p.b[3] |= NFALG_DCERPC_PFC_OBJECT;
	n0 = p.n;
	memmove(p.b + 40, p.b + 24, p.n - 24);
	p.n = 24;
	buuid(&p, SAMR_UUID);
	p.n = n0 + 16;
	fin(&p);
	EXPECT_EQ(parse_call(p.b, p.n, &h, &c), 0);
	EXPECT_EQ(c.cont_id, 1);
	EXPECT_EQ(c.opnum, 3);
	CHECK(c.has_object);
	uuid_bin(SAMR_UUID, obj);
	EXPECT_MEM(c.object, obj, 16);
	EXPECT_EQ(c.stub_off, 40);
	EXPECT_EQ(c.stub_len, p.n - 40);
	save_pdu("map-req-object-be", &p);
	/* too short for the object */
	p.n = 39;
	fin(&p);
	EXPECT_EQ(parse_call(p.b, p.n, &h, &c), -EINVAL);
	CHECK(!c.has_object && !c.stub_off);
	/* a response: cancel_count, no opnum */
	hdr(&p, true, NFALG_DCERPC_RESPONSE, 3 | NFALG_DCERPC_PFC_OBJECT, 5);
	b32(&p, 4);
	b16(&p, 7);
	b8(&p, 1);
	b8(&p, 0);
	b32(&p, 0x16c9a0d6);
	fin(&p);
	EXPECT_EQ(parse_call(p.b, p.n, &h, &c), 0);
	EXPECT_EQ(c.cont_id, 7);
	EXPECT_EQ(c.opnum, 0);
	CHECK(!c.has_object);
	EXPECT_EQ(c.stub_off, 24);
	EXPECT_EQ(c.stub_len, 4);
	/* exactly the fixed part; one byte less */
	p.n = 24;
	fin(&p);
	EXPECT_EQ(parse_call(p.b, p.n, &h, &c), 0);
	EXPECT_EQ(c.stub_len, 0);
	p.n = 23;
	fin(&p);
	EXPECT_EQ(parse_call(p.b, p.n, &h, &c), -EINVAL);
	/* a fault and a bind are not calls */
	hdr(&p, true, NFALG_DCERPC_FAULT, 3, 5);
	bfill(&p, 0, 16);
	fin(&p);
	EXPECT_EQ(parse_call(p.b, p.n, &h, &c), -EINVAL);
	EXPECT_EQ(parse_call(impacket_bind, sizeof(impacket_bind), &h, &c),
		  -EINVAL);
	/* authenticated: the stub stops at its padding */
	hdr(&p, true, NFALG_DCERPC_RESPONSE, 3, 5);
	b32(&p, 12);
	b16(&p, 0);
	b16(&p, 0);
	bfill(&p, 0x11, 12);	/* stub */
	bfill(&p, 0, 4);	/* auth padding to 16 */
	b8(&p, 10);		/* sec_trailer: NTLMSSP */
	b8(&p, 6);		/* packet privacy */
	b8(&p, 4);		/* auth_pad_length */
	b8(&p, 0);
	b32(&p, 79231);
	bfill(&p, 0xaa, 16);	/* verifier */
	put16(&p, 10, 16);
	fin(&p);
	EXPECT_EQ(parse_call(p.b, p.n, &h, &c), 0);
	EXPECT_EQ(h.auth_len, 16);
	EXPECT_EQ(c.stub_off, 24);
	EXPECT_EQ(c.stub_len, 12);
	save_pdu("response-auth", &p);
	p.b[42] = 16;
	EXPECT_EQ(parse_call(p.b, p.n, &h, &c), 0);
	EXPECT_EQ(c.stub_len, 0);
	p.b[42] = 17;		/* more padding than stub */
	EXPECT_EQ(parse_call(p.b, p.n, &h, &c), -EINVAL);
}

static void test_map_req(void)
{
	struct nfalg_dcerpc_map_req m;
	struct pdu p, t;
	u8 u[16];
	int le;

	/* impacket: the nil object, lsarpc 0.0 */
	EXPECT_EQ(parse_map_req(impacket_map_req, sizeof(impacket_map_req),
				&m), 0);
	CHECK(m.has_object);
	memset(u, 0, 16);
	EXPECT_MEM(m.object, u, 16);
	CHECK(m.has_if);
	uuid_bin(LSA_UUID, u);
	EXPECT_MEM(m.uuid, u, 16);
	EXPECT_EQ(m.vers_major, 0);
	EXPECT_EQ(m.vers_minor, 0);
	EXPECT_EQ(m.max_towers, 1);
	save("map-req-impacket", impacket_map_req, sizeof(impacket_map_req));
	/* the builder makes impacket's bytes, referent ids aside */
	tower_tcp(&t, LSA_UUID, 0, 0, 0, ip_any);
	EXPECT_EQ(t.n, 75);
	map_req(&p, true, 2, 0, "00000000-0000-0000-0000-000000000000", &t,
		1);
	EXPECT_EQ(p.n, sizeof(impacket_map_req));
	put32(&p, 24, 0xb1c1);
	put32(&p, 44, 0x6855);
	EXPECT_MEM(p.b, impacket_map_req, sizeof(impacket_map_req));
	/* Windows asking for drsuapi 4.0, both byte orders */
	for (le = 1; le >= 0; le--) {
		tower_tcp(&t, DRS_UUID, 4, 0, 135, ip_any);
		map_req(&p, le, 3, 0, NULL, &t, 4);
		EXPECT_EQ(parse_map_req(p.b, p.n, &m), 0);
		CHECK(!m.has_object);
		CHECK(m.has_if);
		uuid_bin(DRS_UUID, u);
		EXPECT_MEM(m.uuid, u, 16);
		EXPECT_EQ(m.vers_major, 4);
		EXPECT_EQ(m.max_towers, 4);
		save_pdu(le ? "map-req-windows" : "map-req-windows-be", &p);
	}
	/* a named pipe tower still names the interface */
	tower_np(&t, SAMR_UUID, "\\PIPE\\samr", "\\\\DC1");
	map_req(&p, true, 3, 0, NULL, &t, 1);
	EXPECT_EQ(parse_map_req(p.b, p.n, &m), 0);
	CHECK(m.has_if);
	uuid_bin(SAMR_UUID, u);
	EXPECT_MEM(m.uuid, u, 16);
	/* no tower at all */
	map_req(&p, true, 3, 0, NULL, NULL, 1);
	EXPECT_EQ(parse_map_req(p.b, p.n, &m), 0);
	CHECK(!m.has_if && !m.has_object);
	EXPECT_EQ(m.max_towers, 1);
	/* a tower whose first floor is not an interface */
	tower_begin(&t, 1);
	floor_u16be(&t, 0x07, 135);
	map_req(&p, true, 3, 0, NULL, &t, 1);
	EXPECT_EQ(parse_map_req(p.b, p.n, &m), 0);
	CHECK(!m.has_if);
	/* lying lengths */
	tower_tcp(&t, DRS_UUID, 4, 0, 135, ip_any);
	map_req(&p, true, 3, 0, NULL, &t, 4);
	put32(&p, 32, 76);
	EXPECT_EQ(parse_map_req(p.b, p.n, &m), -EINVAL);
	CHECK(!m.has_if && !m.max_towers);
	put32(&p, 36, 76);
	EXPECT_EQ(parse_map_req(p.b, p.n, &m), -EINVAL);
	/* not ept_map */
	map_req(&p, true, 3, 0, NULL, &t, 4);
	put16(&p, 22, NFALG_DCERPC_EPT_LOOKUP);
	EXPECT_EQ(parse_map_req(p.b, p.n, &m), -EINVAL);
}

/* Checks one reported tower */
static void expect_tower(const struct nfalg_dcerpc_tower *t,
			 const char *uuid, unsigned int major,
			 unsigned int port, const u8 *ip)
{
	u8 u[16];

	uuid_bin(uuid, u);
	EXPECT_MEM(t->uuid, u, 16);
	EXPECT_EQ(t->vers_major, major);
	EXPECT_EQ(t->port, port);
	EXPECT_MEM(t->addr, ip, 4);
}

static void test_map_resp_impacket(void)
{
	struct nfalg_dcerpc_towers tw;
	struct pdu p;

	/* impacket's stub in a response: one tower reported, one not */
	hdr(&p, true, NFALG_DCERPC_RESPONSE, 3, 2);
	b32(&p, sizeof(impacket_map_stub));
	b16(&p, 0);
	b16(&p, 0);
	bmem(&p, impacket_map_stub, sizeof(impacket_map_stub));
	fin(&p);
	EXPECT_EQ(parse_towers(p.b, p.n, NFALG_DCERPC_EPT_MAP, &tw), 0);
	EXPECT_EQ(tw.status, 0);
	EXPECT_EQ(tw.count, 2);
	EXPECT_EQ(tw.n, 1);
	EXPECT_EQ(tw.n_other, 1);
	EXPECT_EQ(tw.n_null, 0);
	EXPECT_EQ(tw.n_over, 0);
	expect_tower(&tw.t[0], LSA_UUID, 0, 49668, ip_dc);
	EXPECT_EQ(tw.t[0].addr_off, 24 + 123);
	EXPECT_EQ(tw.t[0].port_off, 24 + 116);
	save_pdu("map-resp-impacket", &p);
	/* read as ept_lookup's answer, it is not one */
	EXPECT_EQ(parse_towers(p.b, p.n, NFALG_DCERPC_EPT_LOOKUP, &tw),
		  -EINVAL);
	CHECK(!tw.n && !tw.count);
	/* nor is any other operation's */
	EXPECT_EQ(parse_towers(p.b, p.n, 4, &tw), -EINVAL);
}

static void test_map_resp_one(void)
{
	struct nfalg_dcerpc_towers tw;
	struct twr w;
	struct pdu p, t;
	int le;

	for (le = 1; le >= 0; le--) {
		tower_tcp(&t, DRS_UUID, 4, 0, 49667, ip_dc);
		w = (struct twr){ 3, &t };
		map_resp(&p, le, 3, 4, &w, 1, 0);
		EXPECT_EQ(p.n, 152);
		EXPECT_EQ(parse_towers(p.b, p.n, NFALG_DCERPC_EPT_MAP, &tw),
			  0);
		EXPECT_EQ(tw.count, 1);
		EXPECT_EQ(tw.n, 1);
		expect_tower(&tw.t[0], DRS_UUID, 4, 49667, ip_dc);
		EXPECT_EQ(tw.t[0].vers_minor, 0);
		/* the last floor's rhs: after 3 u32 + 20 + 4 + 12 + 4 + 8 */
		EXPECT_EQ(tw.t[0].addr_off, 72 + 75 - 4);
		EXPECT_EQ(tw.t[0].port_off, 72 + 75 - 9 - 2);
		save_pdu(le ? "map-resp-one" : "map-resp-one-be", &p);
	}
	/* the server itself: 0.0.0.0 */
	tower_tcp(&t, DRS_UUID, 4, 0, 49667, ip_any);
	map_resp(&p, true, 3, 4, &w, 1, 0);
	EXPECT_EQ(parse_towers(p.b, p.n, NFALG_DCERPC_EPT_MAP, &tw), 0);
	EXPECT_EQ(tw.n, 1);
	expect_tower(&tw.t[0], DRS_UUID, 4, 49667, ip_any);
	save_pdu("map-resp-any", &p);
	/* not registered: no tower, a status */
	map_resp(&p, true, 3, 4, NULL, 0, 0x16c9a0d6);
	EXPECT_EQ(p.n, 24 + 20 + 16 + 4);
	EXPECT_EQ(parse_towers(p.b, p.n, NFALG_DCERPC_EPT_MAP, &tw), 0);
	EXPECT_EQ(tw.status, 0x16c9a0d6);
	EXPECT_EQ(tw.count, 0);
	EXPECT_EQ(tw.n, 0);
	save_pdu("map-resp-not-registered", &p);
	/* bytes after status are ignored */
	bfill(&p, 0, 8);
	fin(&p);
	EXPECT_EQ(parse_towers(p.b, p.n, NFALG_DCERPC_EPT_MAP, &tw), 0);
	EXPECT_EQ(tw.status, 0x16c9a0d6);
}

/*
 * Cut the response @p into fragments whose stubs hold @cut[i] bytes (the
 * last takes the rest) into @chain
 */
static void fragment(const struct pdu *p, const unsigned int *cut,
		     unsigned int n_cut, struct pdu *chain, u32 call_id)
{
	unsigned int i, off = 24, stub = p->n - 24, k, start;
	struct pdu f;

	chain->n = 0;
	for (i = 0; i <= n_cut; i++) {
		k = i < n_cut ? cut[i] : stub - (off - 24);
		hdr(&f, p->le, NFALG_DCERPC_RESPONSE,
		    (i ? 0 : NFALG_DCERPC_PFC_FIRST) |
		    (i == n_cut ? NFALG_DCERPC_PFC_LAST : 0), call_id);
		b32(&f, stub);
		b16(&f, 0);
		b8(&f, 0);
		b8(&f, 0);
		bmem(&f, p->b + off, k);
		fin(&f);
		start = chain->n;
		memcpy(chain->b + start, f.b, f.n);
		chain->n += f.n;
		off += k;
	}
}

static int chain_len(const void *in, unsigned int len, unsigned int max)
{
	u8 *b = copy(in, len);
	int ret = nfalg_dcerpc_chain_len(b, len, max);

	free(b);
	return ret;
}

/* A response in fragments: framed as one, reassembled into the PDU */
static void test_fragments(void)
{
	static const unsigned int cut[] = { 30, 53 };
	struct nfalg_dcerpc_piece map[NFALG_DCERPC_FRAGS_MAX];
	struct nfalg_dcerpc_towers tw;
	struct pdu p, t, chain, out;
	unsigned int n, i, n_map, off;
	struct twr w;
	int le, len;
	u8 *b;

	for (le = 1; le >= 0; le--) {
		tower_tcp(&t, DRS_UUID, 4, 0, 49667, ip_dc);
		w = (struct twr){ 3, &t };
		map_resp(&p, le, 7, 4, &w, 1, 0);
		fragment(&p, cut, 2, &chain, 7);
		EXPECT_EQ(chain.n, p.n + 2 * 24);
		if (le)
			save("map-resp-fragments", chain.b, chain.n);
		/* told once the last fragment's header is there */
		for (n = 10; n < chain.n; n++)
			EXPECT_EQ(chain_len(chain.b, n, 4096),
				  n < 24 + 30 + 24 + 53 + 16 ? 0 : (int)chain.n);
		EXPECT_EQ(chain_len(chain.b, chain.n, 4096), chain.n);
		EXPECT_EQ(chain_len(chain.b, chain.n + 16, 4096), chain.n);
		/* beyond the bound: the first fragment alone */
		EXPECT_EQ(chain_len(chain.b, chain.n, chain.n - 1), 24 + 30);
		EXPECT_EQ(chain_len(chain.b, 60, 60), 24 + 30);
		b = copy(chain.b, chain.n);
		len = nfalg_dcerpc_reassemble(b, chain.n, out.b, map, &n_map);
		EXPECT_EQ(len, p.n);
		EXPECT_EQ(n_map, 3);
		CHECK(len == (int)p.n && !memcmp(out.b, p.b, p.n));
		EXPECT_EQ(parse_towers(out.b, len, NFALG_DCERPC_EPT_MAP, &tw),
			  0);
		EXPECT_EQ(tw.n, 1);
		/* the address's bytes, found in the fragments by the map */
		for (i = 0; i < 4; i++) {
			unsigned int k, o = tw.t[0].addr_off + i;

			for (k = 0; k < n_map; k++)
				if (o >= map[k].out_off &&
				    o < map[k].out_off + map[k].len)
					break;
			CHECK(k < n_map);
			if (k == n_map)
				break;
			off = map[k].in_off + o - map[k].out_off;
			EXPECT_EQ(chain.b[off], ip_dc[i]);
		}
		free(b);
	}
	/* a middle fragment of another call: the first alone */
	fragment(&p, cut, 2, &chain, 7);
	put32(&chain, 24 + 30 + 12, 8);
	EXPECT_EQ(chain_len(chain.b, chain.n, 4096), 24 + 30);
	b = copy(chain.b, chain.n);
	EXPECT_EQ(nfalg_dcerpc_reassemble(b, chain.n, out.b, map, &n_map),
		  -EINVAL);
	free(b);
	/* a later fragment alone, and an unfragmented PDU */
	fragment(&p, cut, 2, &chain, 7);
	EXPECT_EQ(chain_len(chain.b + 54, chain.n - 54, 4096), 24 + 53);
	EXPECT_EQ(chain_len(p.b, p.n, 4096), p.n);
	/* not DCE RPC */
	EXPECT_EQ(chain_len("POST / HTTP/1.1", 15, 4096), -EINVAL);
}

static void test_map_resp_mixed(void)
{
	struct nfalg_dcerpc_towers tw;
	struct pdu p, t[7];
	struct twr w[8];
	int le;

	tower_np(&t[0], LSA_UUID, "\\PIPE\\lsass", "\\\\DC1");
	tower_tcp(&t[1], LSA_UUID, 0, 0, 49668, ip_dc);
	tower_lrpc(&t[2], LSA_UUID, "LRPC-0e7c3a1d9b2f");
	tower_http(&t[3], LSA_UUID, 593, ip_dc);
	tower_udp(&t[4], LSA_UUID, 49669, ip_dc);
	tower_tcp(&t[5], SAMR_UUID, 1, 0, 49670, ip_any);
	tower_tcp(&t[6], LSA_UUID, 0, 0, 1025, ip_pub);
	for (le = 1; le >= 0; le--) {
		w[0] = (struct twr){ 0x20000, &t[0] };
		w[1] = (struct twr){ 0x20004, &t[1] };
		w[2] = (struct twr){ 0, NULL };
		w[3] = (struct twr){ 0x20008, &t[2] };
		w[4] = (struct twr){ 0x2000c, &t[3] };
		w[5] = (struct twr){ 0x20010, &t[4] };
		w[6] = (struct twr){ 0x20014, &t[5] };
		w[7] = (struct twr){ 0x20018, &t[6] };
		map_resp(&p, le, 9, 8, w, 8, 0);
		EXPECT_EQ(parse_towers(p.b, p.n, NFALG_DCERPC_EPT_MAP, &tw),
			  0);
		EXPECT_EQ(tw.count, 8);
		EXPECT_EQ(tw.n, 3);
		EXPECT_EQ(tw.n_other, 4);
		EXPECT_EQ(tw.n_null, 1);
		EXPECT_EQ(tw.n_over, 0);
		expect_tower(&tw.t[0], LSA_UUID, 0, 49668, ip_dc);
		expect_tower(&tw.t[1], SAMR_UUID, 1, 49670, ip_any);
		expect_tower(&tw.t[2], LSA_UUID, 0, 1025, ip_pub);
		CHECK(tw.t[0].addr_off < tw.t[1].addr_off);
		CHECK(tw.t[1].addr_off < tw.t[2].addr_off);
		save_pdu(le ? "map-resp-mixed" : "map-resp-mixed-be", &p);
	}
	/* only null pointers */
	w[0] = (struct twr){ 0, NULL };
	w[1] = (struct twr){ 0, NULL };
	map_resp(&p, true, 9, 2, w, 2, 0);
	EXPECT_EQ(parse_towers(p.b, p.n, NFALG_DCERPC_EPT_MAP, &tw), 0);
	EXPECT_EQ(tw.n_null, 2);
	EXPECT_EQ(tw.n, 0);
}

static void test_map_resp_cap(void)
{
	struct nfalg_dcerpc_towers tw;
	struct twr w[12];
	struct pdu p, t[12];
	unsigned int i;
	u8 ip[4];

	for (i = 0; i < 12; i++) {
		ip[0] = 10;
		ip[1] = 0;
		ip[2] = 0;
		ip[3] = i + 1;
		tower_tcp(&t[i], LSA_UUID, 0, 0, 50000 + i, ip);
		/* Windows numbers on from the request's ids 1 and 2 */
		w[i] = (struct twr){ i + 3, &t[i] };
	}
	w[4].ref = 0;
	map_resp(&p, true, 9, 500, w, 12, 0);
	EXPECT_EQ(parse_towers(p.b, p.n, NFALG_DCERPC_EPT_MAP, &tw), 0);
	EXPECT_EQ(tw.n, NFALG_DCERPC_TOWERS_MAX);
	EXPECT_EQ(tw.n_over, 3);
	EXPECT_EQ(tw.n_null, 1);
	EXPECT_EQ(tw.t[3].port, 50003);
	EXPECT_EQ(tw.t[4].port, 50005);
	EXPECT_EQ(tw.t[7].port, 50008);
	EXPECT_EQ(tw.t[7].addr[3], 9);
	save_pdu("map-resp-cap", &p);
	/* the towers past the cap are checked all the same */
	p.b[p.n - 4 - 1 - 4 - 2] = 8;	/* the last tower's rhs length */
	EXPECT_EQ(parse_towers(p.b, p.n, NFALG_DCERPC_EPT_MAP, &tw), -EINVAL);
	CHECK(!tw.n && !tw.n_over);
}

static void test_map_resp_malformed(void)
{
	struct nfalg_dcerpc_towers tw;
	struct pdu p, t, q;
	struct twr w[2];
	u8 r4[4] = { 1, 2, 3, 4 };

	tower_tcp(&t, DRS_UUID, 4, 0, 49667, ip_dc);
	w[0] = (struct twr){ 3, &t };
	w[1] = (struct twr){ 4, &t };
	map_resp(&q, true, 3, 4, w, 1, 0);
	/*
	 * offsets: 44 num_towers, 48 max_count, 52 offset, 56 actual, 60 id,
	 * 64 conformance, 68 tower_length, 72 octets, 147 pad, 148 status
	 */
	p = q;
	put32(&p, 68, 76);		/* tower_length lying */
	EXPECT_EQ(parse_towers(p.b, p.n, NFALG_DCERPC_EPT_MAP, &tw), -EINVAL);
	put32(&p, 64, 76);		/* both: floors end before it */
	EXPECT_EQ(parse_towers(p.b, p.n, NFALG_DCERPC_EPT_MAP, &tw), -EINVAL);
	put32(&p, 64, 0xffffffff);
	put32(&p, 68, 0xffffffff);
	EXPECT_EQ(parse_towers(p.b, p.n, NFALG_DCERPC_EPT_MAP, &tw), -EINVAL);
	p = q;
	put32(&p, 64, 1);		/* shorter than a floor count */
	put32(&p, 68, 1);
	EXPECT_EQ(parse_towers(p.b, p.n, NFALG_DCERPC_EPT_MAP, &tw), -EINVAL);
	p = q;
	p.b[72] = 0xff;			/* floor counts */
	p.b[73] = 0xff;
	EXPECT_EQ(parse_towers(p.b, p.n, NFALG_DCERPC_EPT_MAP, &tw), -EINVAL);
	p.b[72] = 6;
	p.b[73] = 0;
	EXPECT_EQ(parse_towers(p.b, p.n, NFALG_DCERPC_EPT_MAP, &tw), -EINVAL);
	p.b[72] = 4;			/* a floor left over */
	EXPECT_EQ(parse_towers(p.b, p.n, NFALG_DCERPC_EPT_MAP, &tw), -EINVAL);
	p.b[72] = 0;
	EXPECT_EQ(parse_towers(p.b, p.n, NFALG_DCERPC_EPT_MAP, &tw), -EINVAL);
	p = q;
	p.b[72 + 2] = 20;		/* first lhs longer than it is */
	EXPECT_EQ(parse_towers(p.b, p.n, NFALG_DCERPC_EPT_MAP, &tw), -EINVAL);
	p = q;
	p.b[138] = 0;			/* an empty lhs (the IP floor's) */
	EXPECT_EQ(parse_towers(p.b, p.n, NFALG_DCERPC_EPT_MAP, &tw), -EINVAL);
	p = q;
	p.b[143 - 2] = 5;		/* the last rhs past the tower */
	EXPECT_EQ(parse_towers(p.b, p.n, NFALG_DCERPC_EPT_MAP, &tw), -EINVAL);
	/* a tower that ends after an lhs, without its rhs length */
	tower_begin(&t, 1);
	t16(&t, 1);
	b8(&t, 0x07);
	map_resp(&p, true, 3, 4, w, 1, 0);
	EXPECT_EQ(parse_towers(p.b, p.n, NFALG_DCERPC_EPT_MAP, &tw), -EINVAL);
	t16(&t, 0);			/* with it: a tower of another kind */
	map_resp(&p, true, 3, 4, w, 1, 0);
	EXPECT_EQ(parse_towers(p.b, p.n, NFALG_DCERPC_EPT_MAP, &tw), 0);
	EXPECT_EQ(tw.n_other, 1);
	tower_tcp(&t, DRS_UUID, 4, 0, 49667, ip_dc);
	/* array counts */
	p = q;
	put32(&p, 44, 2);		/* num_towers != actual_count */
	EXPECT_EQ(parse_towers(p.b, p.n, NFALG_DCERPC_EPT_MAP, &tw), -EINVAL);
	p = q;
	put32(&p, 48, 0);		/* actual_count > max_count */
	EXPECT_EQ(parse_towers(p.b, p.n, NFALG_DCERPC_EPT_MAP, &tw), -EINVAL);
	p = q;
	put32(&p, 52, 1);		/* offset */
	EXPECT_EQ(parse_towers(p.b, p.n, NFALG_DCERPC_EPT_MAP, &tw), -EINVAL);
	p = q;
	put32(&p, 44, 0x40000000);	/* more pointers than bytes */
	put32(&p, 48, 0x40000000);
	put32(&p, 56, 0x40000000);
	EXPECT_EQ(parse_towers(p.b, p.n, NFALG_DCERPC_EPT_MAP, &tw), -EINVAL);
	p = q;
	/* a null pointer: the tower's bytes are left over, read as status */
	put32(&p, 60, 0);
	EXPECT_EQ(parse_towers(p.b, p.n, NFALG_DCERPC_EPT_MAP, &tw), 0);
	EXPECT_EQ(tw.n, 0);
	EXPECT_EQ(tw.n_null, 1);
	EXPECT_EQ(tw.status, 75);
	/* no status */
	p = q;
	p.n -= 4;
	fin(&p);
	EXPECT_EQ(parse_towers(p.b, p.n, NFALG_DCERPC_EPT_MAP, &tw), -EINVAL);
	/* one referent, two pointers to it */
	map_resp(&p, true, 3, 4, w, 2, 0);
	EXPECT_EQ(parse_towers(p.b, p.n, NFALG_DCERPC_EPT_MAP, &tw), 0);
	EXPECT_EQ(tw.n, 2);
	put32(&p, 64, 3);
	EXPECT_EQ(parse_towers(p.b, p.n, NFALG_DCERPC_EPT_MAP, &tw), -EINVAL);
	/* a TCP floor with a 4-byte port: not ncacn_ip_tcp, skipped */
	tower_begin(&t, 5);
	floor_uuid(&t, DRS_UUID, 4, 0);
	floor_uuid(&t, NDR_UUID, 2, 0);
	floor_u16be(&t, 0x0b, 0);
	floor_raw(&t, 0x07, r4, 4);
	floor_raw(&t, 0x09, ip_dc, 4);
	map_resp(&p, true, 3, 4, w, 1, 0);
	EXPECT_EQ(parse_towers(p.b, p.n, NFALG_DCERPC_EPT_MAP, &tw), 0);
	EXPECT_EQ(tw.n, 0);
	EXPECT_EQ(tw.n_other, 1);
	/* nor is one with a sixth floor, or TCP and IP swapped */
	tower_begin(&t, 6);
	floor_uuid(&t, DRS_UUID, 4, 0);
	floor_uuid(&t, NDR_UUID, 2, 0);
	floor_u16be(&t, 0x0b, 0);
	floor_u16be(&t, 0x07, 49667);
	floor_raw(&t, 0x09, ip_dc, 4);
	floor_raw(&t, 0x09, ip_pub, 4);
	map_resp(&p, true, 3, 4, w, 1, 0);
	EXPECT_EQ(parse_towers(p.b, p.n, NFALG_DCERPC_EPT_MAP, &tw), 0);
	EXPECT_EQ(tw.n_other, 1);
	tower_begin(&t, 5);
	floor_uuid(&t, DRS_UUID, 4, 0);
	floor_uuid(&t, NDR_UUID, 2, 0);
	floor_u16be(&t, 0x0b, 0);
	floor_raw(&t, 0x09, ip_dc, 4);
	floor_u16be(&t, 0x07, 49667);
	map_resp(&p, true, 3, 4, w, 1, 0);
	EXPECT_EQ(parse_towers(p.b, p.n, NFALG_DCERPC_EPT_MAP, &tw), 0);
	EXPECT_EQ(tw.n_other, 1);
	/* a request is not an answer */
	EXPECT_EQ(parse_towers(impacket_map_req, sizeof(impacket_map_req),
			       NFALG_DCERPC_EPT_MAP, &tw), -EINVAL);
}

static void test_lookup_resp(void)
{
	struct nfalg_dcerpc_towers tw;
	struct entry e[4];
	struct pdu p, t[3];
	char ann[65];
	int le;

	/* impacket's ept_lookupResponse encoding of two entries, rebuilt */
	tower_tcp(&t[0], LSA_UUID, 0, 0, 49668, ip_dc);
	tower_np(&t[1], LSA_UUID, "\\PIPE\\lsass", "\\\\DC1");
	tower_tcp(&t[2], DRS_UUID, 4, 0, 49667, ip_any);
	for (le = 1; le >= 0; le--) {
		e[0] = (struct entry){ "00000000-0000-0000-0000-000000000000",
				       0x9e49, &t[0], "LSA" };
		e[1] = (struct entry){ "00000000-0000-0000-0000-000000000000",
				       0x8260, &t[1], "lsass pipe!" };
		e[2] = (struct entry){ SAMR_UUID, 0, NULL, "" };
		e[3] = (struct entry){ "00000000-0000-0000-0000-000000000000",
				       0x8264, &t[2], "MS NT Directory DRS Interface" };
		lookup_resp(&p, le, 4, 500, e, 4, 0);
		EXPECT_EQ(parse_towers(p.b, p.n, NFALG_DCERPC_EPT_LOOKUP,
				       &tw), 0);
		EXPECT_EQ(tw.count, 4);
		EXPECT_EQ(tw.n, 2);
		EXPECT_EQ(tw.n_other, 1);
		EXPECT_EQ(tw.n_null, 1);
		expect_tower(&tw.t[0], LSA_UUID, 0, 49668, ip_dc);
		expect_tower(&tw.t[1], DRS_UUID, 4, 49667, ip_any);
		EXPECT_EQ(tw.status, 0);
		save_pdu(le ? "lookup-resp" : "lookup-resp-be", &p);
	}
	/*
	 * Read as ept_map's answer, the nil object UUID of the first entry
	 * is four null pointers, and its tower pointer the status: the
	 * operation must come from the request (conv_response)
	 */
	EXPECT_EQ(parse_towers(p.b, p.n, NFALG_DCERPC_EPT_MAP, &tw), 0);
	EXPECT_EQ(tw.n_null, 4);
	EXPECT_EQ(tw.n, 0);
	/* the first two entries make impacket's stub, padding aside */
	lookup_resp(&p, true, 4, 2, e, 2, 0);
	EXPECT_EQ(p.n - 24, 292);
	/* the last entry: no more */
	lookup_resp(&p, true, 4, 500, e, 0, 0x16c9a0d6);
	EXPECT_EQ(parse_towers(p.b, p.n, NFALG_DCERPC_EPT_LOOKUP, &tw), 0);
	EXPECT_EQ(tw.status, 0x16c9a0d6);
	EXPECT_EQ(tw.count, 0);
	/* annotations: 64 bytes with the NUL at most */
	memset(ann, 'a', 64);
	ann[63] = 0;
	e[0].annotation = ann;
	lookup_resp(&p, true, 4, 500, e, 1, 0);
	EXPECT_EQ(parse_towers(p.b, p.n, NFALG_DCERPC_EPT_LOOKUP, &tw), 0);
	EXPECT_EQ(tw.n, 1);
	ann[63] = 'a';
	ann[64] = 0;
	lookup_resp(&p, true, 4, 500, e, 1, 0);
	EXPECT_EQ(parse_towers(p.b, p.n, NFALG_DCERPC_EPT_LOOKUP, &tw),
		  -EINVAL);
	/* the annotation's offset */
	e[0].annotation = "LSA";
	lookup_resp(&p, true, 4, 500, e, 1, 0);
	put32(&p, 60 + 20, 1);
	EXPECT_EQ(parse_towers(p.b, p.n, NFALG_DCERPC_EPT_LOOKUP, &tw),
		  -EINVAL);
	/* two entries, one tower */
	e[1] = e[0];
	lookup_resp(&p, true, 4, 500, e, 2, 0);
	EXPECT_EQ(parse_towers(p.b, p.n, NFALG_DCERPC_EPT_LOOKUP, &tw),
		  -EINVAL);
	/* more entries than bytes */
	lookup_resp(&p, true, 4, 500, e, 1, 0);
	put32(&p, 44, 1000);
	put32(&p, 48, 1000);
	put32(&p, 56, 1000);
	EXPECT_EQ(parse_towers(p.b, p.n, NFALG_DCERPC_EPT_LOOKUP, &tw),
		  -EINVAL);
}

/* The PDUs of the tests above, for the truncation test */
static unsigned int all_pdus(struct pdu *out, unsigned int max)
{
	struct pdu t[3];
	struct twr w[3];
	struct entry e[2];
	struct result r[3];
	unsigned int n = 0;

	out[n].n = sizeof(impacket_bind);
	memcpy(out[n++].b, impacket_bind, sizeof(impacket_bind));
	out[n].n = sizeof(impacket_map_req);
	memcpy(out[n++].b, impacket_map_req, sizeof(impacket_map_req));
	bind_pdu(&out[n++], false, NFALG_DCERPC_BIND, 2, win_epm, 3);
	r[0] = (struct result){ 0, 0, NDR_UUID, 2 };
	r[1] = (struct result){ 2, 2, NULL, 0 };
	r[2] = (struct result){ 3, 3, NULL, 0 };
	ack_pdu(&out[n++], true, NFALG_DCERPC_BIND_ACK, 2, "135", r, 3);
	ack_pdu(&out[n++], false, NFALG_DCERPC_ALTER_RESP, 2, NULL, r, 3);
	tower_tcp(&t[0], DRS_UUID, 4, 0, 49667, ip_dc);
	tower_np(&t[1], LSA_UUID, "\\PIPE\\lsass", "\\\\DC1");
	tower_lrpc(&t[2], LSA_UUID, "LRPC-1");
	map_req(&out[n++], false, 3, 0, SAMR_UUID, &t[0], 4);
	w[0] = (struct twr){ 1, &t[0] };
	w[1] = (struct twr){ 0, NULL };
	w[2] = (struct twr){ 2, &t[1] };
	map_resp(&out[n++], true, 3, 4, w, 3, 0);
	map_resp(&out[n++], false, 3, 4, w, 3, 0);
	e[0] = (struct entry){ SAMR_UUID, 7, &t[2], "x" };
	e[1] = (struct entry){ SAMR_UUID, 8, &t[0], "drs" };
	lookup_resp(&out[n++], true, 3, 4, e, 2, 0);
	lookup_resp(&out[n++], false, 3, 4, e, 2, 0);
	if (n > max)
		abort();
	return n;
}

/*
 * Every length short of each PDU: as the bytes given (frag_length says
 * more) and as the PDU's own length (frag_length says that many).  The
 * body parsers must refuse each, reading nothing past the copy.
 */
static void test_truncation(void)
{
	struct nfalg_dcerpc_bind_ack a;
	struct nfalg_dcerpc_map_req m;
	struct nfalg_dcerpc_towers tw;
	struct nfalg_dcerpc_bind b;
	struct nfalg_dcerpc_hdr h;
	static struct pdu p[10];
	unsigned int np = all_pdus(p, 10), i, n;
	struct pdu q;
	int ret;

	for (i = 0; i < np; i++) {
		bool le = p[i].b[4] & 0x10;
		u8 ptype = p[i].b[2];

		EXPECT_EQ(parse_hdr(p[i].b, p[i].n, &h), 0);
		for (n = 0; n < p[i].n; n++) {
			EXPECT_EQ(parse_hdr(p[i].b, n, &h), -EINVAL);
			if (n < 16)
				continue;
			q = p[i];
			q.n = n;
			q.le = le;
			fin(&q);
			if (ptype == NFALG_DCERPC_BIND)
				ret = parse_bind(q.b, n, &b);
			else if (ptype == NFALG_DCERPC_BIND_ACK ||
				 ptype == NFALG_DCERPC_ALTER_RESP)
				ret = parse_ack(q.b, n, &a);
			else if (ptype == NFALG_DCERPC_REQUEST)
				ret = parse_map_req(q.b, n, &m);
			else if (i == 6 || i == 7)
				ret = parse_towers(q.b, n,
						   NFALG_DCERPC_EPT_MAP, &tw);
			else
				ret = parse_towers(q.b, n,
						   NFALG_DCERPC_EPT_LOOKUP,
						   &tw);
			if (ret != -EINVAL)
				printf("# PDU %u cut at %u: %d\n", i, n, ret);
			EXPECT_EQ(ret, -EINVAL);
		}
	}
	/* and whole, they all parse */
	EXPECT_EQ(parse_bind(p[2].b, p[2].n, &b), 0);
	EXPECT_EQ(parse_ack(p[3].b, p[3].n, &a), 0);
	EXPECT_EQ(parse_ack(p[4].b, p[4].n, &a), 0);
	EXPECT_EQ(parse_map_req(p[5].b, p[5].n, &m), 0);
	EXPECT_EQ(parse_towers(p[6].b, p[6].n, NFALG_DCERPC_EPT_MAP, &tw), 0);
	EXPECT_EQ(tw.n, 1);
	EXPECT_EQ(parse_towers(p[7].b, p[7].n, NFALG_DCERPC_EPT_MAP, &tw), 0);
	EXPECT_EQ(tw.n, 1);
	EXPECT_EQ(parse_towers(p[8].b, p[8].n, NFALG_DCERPC_EPT_LOOKUP, &tw),
		  0);
	EXPECT_EQ(tw.n, 1);
	EXPECT_EQ(parse_towers(p[9].b, p[9].n, NFALG_DCERPC_EPT_LOOKUP, &tw),
		  0);
	EXPECT_EQ(tw.n_other, 1);
	/* a conversation, for the fuzz corpus */
	q.n = 0;
	for (i = 2; i < 7; i++) {
		memcpy(q.b + q.n, p[i].b, p[i].n);
		q.n += p[i].n;
	}
	save_pdu("stream-mixed", &q);
}

/* The PDUs feed() is given, recorded while @recording (fuzz corpus) */
static struct pdu record;
static bool recording;

/* Runs one PDU through the conversation as the module would */
static int feed(struct nfalg_dcerpc_state *s, bool from_client,
		const struct pdu *p, struct nfalg_dcerpc_towers *tw)
{
	struct nfalg_dcerpc_bind_ack a;
	struct nfalg_dcerpc_call c;
	struct nfalg_dcerpc_bind b;
	struct nfalg_dcerpc_hdr h;
	int ret;

	if (recording && record.n + p->n <= sizeof(record.b)) {
		memcpy(record.b + record.n, p->b, p->n);
		record.n += p->n;
	}
	memset(tw, 0, sizeof(*tw));
	if (parse_hdr(p->b, p->n, &h))
		return -100;
	if (!nfalg_dcerpc_conv_begin(s, from_client, h.ptype))
		return -101;
	switch (h.ptype) {
	case NFALG_DCERPC_BIND:
	case NFALG_DCERPC_ALTER:
		if (parse_bind(p->b, p->n, &b))
			return -102;
		nfalg_dcerpc_conv_bind(s, &h, &b);
		return 0;
	case NFALG_DCERPC_BIND_ACK:
	case NFALG_DCERPC_ALTER_RESP:
		if (parse_ack(p->b, p->n, &a))
			return -102;
		return nfalg_dcerpc_conv_bind_ack(s, &h, &a);
	case NFALG_DCERPC_BIND_NAK:
		return nfalg_dcerpc_conv_bind_ack(s, &h, NULL);
	case NFALG_DCERPC_REQUEST:
		if (parse_call(p->b, p->n, &h, &c))
			return -102;
		return nfalg_dcerpc_conv_request(s, &h, &c);
	case NFALG_DCERPC_FAULT:
		return nfalg_dcerpc_conv_response(s, &h, NULL);
	case NFALG_DCERPC_RESPONSE:
		if (parse_call(p->b, p->n, &h, &c))
			return -102;
		ret = nfalg_dcerpc_conv_response(s, &h, &c);
		if (ret > 0 && parse_towers(p->b, p->n, ret, tw))
			return -103;
		return ret;
	}
	return -104;
}

static void test_conv_flow(void)
{
	struct nfalg_dcerpc_towers tw;
	struct nfalg_dcerpc_state s;
	struct pdu bind, ack, req, resp, t, stream;
	struct result r[3];
	struct twr w;
	int le;

	CHECK(sizeof(s) <= 128);
	for (le = 1; le >= 0; le--) {
		memset(&s, 0, sizeof(s));
		r[0] = (struct result){ 0, 0, NDR_UUID, 2 };
		r[1] = (struct result){ 2, 2, NULL, 0 };
		r[2] = (struct result){ 3, 3, NULL, 0 };
		bind_pdu(&bind, le, NFALG_DCERPC_BIND, 1, win_epm, 3);
		ack_pdu(&ack, le, NFALG_DCERPC_BIND_ACK, 1, "135", r, 3);
		tower_tcp(&t, DRS_UUID, 4, 0, 135, ip_any);
		map_req(&req, le, 2, 0, "00000000-0000-0000-0000-000000000000",
			&t, 4);
		tower_tcp(&t, DRS_UUID, 4, 0, 49667, ip_dc);
		w = (struct twr){ 3, &t };
		map_resp(&resp, le, 2, 4, &w, 1, 0);

		EXPECT_EQ(feed(&s, true, &bind, &tw), 0);
		CHECK(s.bind_pending);
		EXPECT_EQ(feed(&s, false, &ack, &tw), 1);
		CHECK(nfalg_dcerpc_conv_is_epm(&s, 0));
		CHECK(!nfalg_dcerpc_conv_is_epm(&s, 1));
		CHECK(!nfalg_dcerpc_conv_is_epm(&s, 2));
		EXPECT_EQ(feed(&s, true, &req, &tw), 1);
		EXPECT_EQ(feed(&s, true, &req, &tw), -EEXIST);
		EXPECT_EQ(feed(&s, false, &resp, &tw), NFALG_DCERPC_EPT_MAP);
		EXPECT_EQ(tw.n, 1);
		expect_tower(&tw.t[0], DRS_UUID, 4, 49667, ip_dc);
		/* answered once */
		EXPECT_EQ(feed(&s, false, &resp, &tw), -ENOENT);
		EXPECT_EQ(s.n_calls, 0);
		EXPECT_EQ(s.began, NFALG_DCERPC_BEGAN_CLIENT |
				   NFALG_DCERPC_BEGAN_SERVER);
		/* ept_lookup on the same context */
		put16(&req, 22, NFALG_DCERPC_EPT_LOOKUP);
		EXPECT_EQ(feed(&s, true, &req, &tw), 1);
		EXPECT_EQ(nfalg_dcerpc_conv_response(&s, &(struct nfalg_dcerpc_hdr){
			.ptype = NFALG_DCERPC_RESPONSE, .flags = 3,
			.call_id = 2 }, &(struct nfalg_dcerpc_call){ 0 }),
			NFALG_DCERPC_EPT_LOOKUP);
		if (le) {
			stream.n = 0;
			memcpy(stream.b, bind.b, bind.n);
			stream.n += bind.n;
			memcpy(stream.b + stream.n, ack.b, ack.n);
			stream.n += ack.n;
			put16(&req, 22, NFALG_DCERPC_EPT_MAP);
			memcpy(stream.b + stream.n, req.b, req.n);
			stream.n += req.n;
			memcpy(stream.b + stream.n, resp.b, resp.n);
			stream.n += resp.n;
			save_pdu("stream-map", &stream);
		}
	}
}

static void test_conv_edge(void)
{
	struct nfalg_dcerpc_towers tw;
	struct nfalg_dcerpc_state s;
	struct pdu bind, ack, req, resp, t, p;
	struct result r[10];
	struct elem e[10];
	struct twr w;
	unsigned int i;

	tower_tcp(&t, DRS_UUID, 4, 0, 49667, ip_dc);
	w = (struct twr){ 3, &t };
	r[0] = (struct result){ 0, 0, NDR_UUID, 2 };
	r[1] = (struct result){ 2, 2, NULL, 0 };
	r[2] = (struct result){ 3, 3, NULL, 0 };
	bind_pdu(&bind, true, NFALG_DCERPC_BIND, 1, win_epm, 3);
	ack_pdu(&ack, true, NFALG_DCERPC_BIND_ACK, 1, "135", r, 3);

	/* a stream that does not start with bind / bind_ack: never parsed */
	memset(&s, 0, sizeof(s));
	map_req(&req, true, 2, 0, NULL, &t, 4);
	EXPECT_EQ(feed(&s, true, &req, &tw), -101);
	EXPECT_EQ(feed(&s, true, &bind, &tw), -101);
	/* the server began well, but answers no bind */
	EXPECT_EQ(feed(&s, false, &ack, &tw), -ENOENT);
	EXPECT_EQ(s.began, NFALG_DCERPC_BAD_CLIENT | NFALG_DCERPC_BEGAN_SERVER);
	memset(&s, 0, sizeof(s));
	map_resp(&resp, true, 2, 4, &w, 1, 0);
	EXPECT_EQ(feed(&s, true, &bind, &tw), 0);
	EXPECT_EQ(feed(&s, false, &resp, &tw), -101);
	EXPECT_EQ(feed(&s, false, &ack, &tw), -101);
	CHECK(!nfalg_dcerpc_conv_is_epm(&s, 0));

	/* NDR64 accepted: nothing parsed on that context */
	memset(&s, 0, sizeof(s));
	r[0] = (struct result){ 2, 2, NULL, 0 };
	r[1] = (struct result){ 0, 0, NDR64_UUID, 1 };
	ack_pdu(&p, true, NFALG_DCERPC_BIND_ACK, 1, "135", r, 3);
	EXPECT_EQ(feed(&s, true, &bind, &tw), 0);
	EXPECT_EQ(feed(&s, false, &p, &tw), 0);
	EXPECT_EQ(s.n_epm, 0);
	map_req(&req, true, 2, 1, NULL, &t, 4);
	EXPECT_EQ(feed(&s, true, &req, &tw), 0);
	/* alter_context then adds an NDR one, id 5 */
	e[0] = (struct elem){ 5, EPM_UUID, 3, NDR_UUID, 2, NULL, 0 };
	bind_pdu(&p, true, NFALG_DCERPC_ALTER, 2, e, 1);
	EXPECT_EQ(feed(&s, true, &p, &tw), 0);
	r[0] = (struct result){ 0, 0, NDR_UUID, 2 };
	ack_pdu(&p, true, NFALG_DCERPC_ALTER_RESP, 3, NULL, r, 1);
	EXPECT_EQ(feed(&s, false, &p, &tw), -ENOENT);	/* wrong call id */
	CHECK(s.bind_pending);
	put32(&p, 12, 2);
	EXPECT_EQ(feed(&s, false, &p, &tw), 1);
	EXPECT_EQ(feed(&s, false, &p, &tw), -ENOENT);	/* answered */
	CHECK(nfalg_dcerpc_conv_is_epm(&s, 5));
	/* a result count that is not the bind's */
	bind_pdu(&p, true, NFALG_DCERPC_ALTER, 4, e, 1);
	EXPECT_EQ(feed(&s, true, &p, &tw), 0);
	ack_pdu(&p, true, NFALG_DCERPC_ALTER_RESP, 4, NULL, r, 2);
	EXPECT_EQ(feed(&s, false, &p, &tw), -EINVAL);
	CHECK(!s.bind_pending);
	/* context 5 redefined as lsarpc: no longer the endpoint mapper's */
	e[0] = (struct elem){ 5, LSA_UUID, 0, NDR_UUID, 2, NULL, 0 };
	bind_pdu(&p, true, NFALG_DCERPC_ALTER, 6, e, 1);
	EXPECT_EQ(feed(&s, true, &p, &tw), 0);
	ack_pdu(&p, true, NFALG_DCERPC_ALTER_RESP, 6, NULL, r, 1);
	EXPECT_EQ(feed(&s, false, &p, &tw), 0);
	CHECK(!nfalg_dcerpc_conv_is_epm(&s, 5));
	/* two endpoint mapper contexts; the first redefined, the other kept */
	e[0] = (struct elem){ 8, EPM_UUID, 3, NDR_UUID, 2, NULL, 0 };
	e[1] = (struct elem){ 9, EPM_UUID, 3, NDR_UUID, 2, NULL, 0 };
	r[1] = (struct result){ 0, 0, NDR_UUID, 2 };
	bind_pdu(&p, true, NFALG_DCERPC_ALTER, 10, e, 2);
	EXPECT_EQ(feed(&s, true, &p, &tw), 0);
	ack_pdu(&p, true, NFALG_DCERPC_ALTER_RESP, 10, NULL, r, 2);
	EXPECT_EQ(feed(&s, false, &p, &tw), 2);
	e[0].abs = SAMR_UUID;
	bind_pdu(&p, true, NFALG_DCERPC_ALTER, 11, e, 1);
	EXPECT_EQ(feed(&s, true, &p, &tw), 0);
	ack_pdu(&p, true, NFALG_DCERPC_ALTER_RESP, 11, NULL, r, 1);
	EXPECT_EQ(feed(&s, false, &p, &tw), 0);
	EXPECT_EQ(s.n_epm, 1);
	CHECK(!nfalg_dcerpc_conv_is_epm(&s, 8));
	CHECK(nfalg_dcerpc_conv_is_epm(&s, 9));
	e[0] = (struct elem){ 9, LSA_UUID, 0, NDR_UUID, 2, NULL, 0 };
	bind_pdu(&p, true, NFALG_DCERPC_ALTER, 12, e, 1);
	EXPECT_EQ(feed(&s, true, &p, &tw), 0);
	ack_pdu(&p, true, NFALG_DCERPC_ALTER_RESP, 12, NULL, r, 1);
	EXPECT_EQ(feed(&s, false, &p, &tw), 0);
	EXPECT_EQ(s.n_epm, 0);
	/* a bind_nak answers the waiting bind, learns nothing */
	e[0] = (struct elem){ 6, EPM_UUID, 3, NDR_UUID, 2, NULL, 0 };
	bind_pdu(&p, true, NFALG_DCERPC_ALTER, 7, e, 1);
	EXPECT_EQ(feed(&s, true, &p, &tw), 0);
	hdr(&p, true, NFALG_DCERPC_BIND_NAK, 3, 7);
	b16(&p, 4);
	b8(&p, 0);
	fin(&p);
	EXPECT_EQ(feed(&s, false, &p, &tw), 0);
	CHECK(!s.bind_pending && !s.n_epm);

	/* ten contexts: the answer empties the set */
	memset(&s, 0, sizeof(s));
	record.n = 0;
	recording = true;
	EXPECT_EQ(feed(&s, true, &bind, &tw), 0);
	r[0] = (struct result){ 0, 0, NDR_UUID, 2 };
	r[1] = (struct result){ 2, 2, NULL, 0 };
	r[2] = (struct result){ 3, 3, NULL, 0 };
	EXPECT_EQ(feed(&s, false, &ack, &tw), 1);
	for (i = 0; i < 10; i++) {
		e[i] = (struct elem){ 10 + i, EPM_UUID, 3, NDR_UUID, 2, NULL,
				      0 };
		r[i] = (struct result){ 0, 0, NDR_UUID, 2 };
	}
	bind_pdu(&p, true, NFALG_DCERPC_ALTER, 8, e, 10);
	EXPECT_EQ(feed(&s, true, &p, &tw), 0);
	EXPECT_EQ(s.bind_total, 10);
	EXPECT_EQ(s.bind_n, NFALG_DCERPC_CTX_MAX);
	ack_pdu(&p, true, NFALG_DCERPC_ALTER_RESP, 8, NULL, r, 10);
	EXPECT_EQ(feed(&s, false, &p, &tw), 0);
	EXPECT_EQ(s.n_epm, 0);
	/* eight accepted: the set holds them all */
	bind_pdu(&p, true, NFALG_DCERPC_ALTER, 9, e, 8);
	EXPECT_EQ(feed(&s, true, &p, &tw), 0);
	ack_pdu(&p, true, NFALG_DCERPC_ALTER_RESP, 9, NULL, r, 8);
	EXPECT_EQ(feed(&s, false, &p, &tw), 8);
	EXPECT_EQ(feed(&s, true, &bind, &tw), 0);
	EXPECT_EQ(feed(&s, false, &ack, &tw), 0);	/* full */
	CHECK(!nfalg_dcerpc_conv_is_epm(&s, 0));
	CHECK(nfalg_dcerpc_conv_is_epm(&s, 17));

	recording = false;
	save_pdu("stream-contexts", &record);

	/* requests: other operations, fragments, auth, the table's size */
	memset(&s, 0, sizeof(s));
	record.n = 0;
	recording = true;
	EXPECT_EQ(feed(&s, true, &bind, &tw), 0);
	EXPECT_EQ(feed(&s, false, &ack, &tw), 1);
	map_req(&req, true, 2, 0, NULL, &t, 4);
	put16(&req, 22, 4);		/* ept_lookup_handle_free */
	EXPECT_EQ(feed(&s, true, &req, &tw), 0);
	put16(&req, 22, 3);
	req.b[3] = NFALG_DCERPC_PFC_FIRST;
	EXPECT_EQ(feed(&s, true, &req, &tw), 0);
	req.b[3] = NFALG_DCERPC_PFC_LAST;
	EXPECT_EQ(feed(&s, true, &req, &tw), 0);
	req.b[3] = 3;
	put16(&req, 20, 1);		/* a context not accepted */
	EXPECT_EQ(feed(&s, true, &req, &tw), 0);
	put16(&req, 20, 0);
	EXPECT_EQ(s.n_calls, 0);
	for (i = 0; i < NFALG_DCERPC_CALLS_MAX; i++) {
		put32(&req, 12, 100 + i);
		EXPECT_EQ(feed(&s, true, &req, &tw), 1);
	}
	put32(&req, 12, 200);
	EXPECT_EQ(feed(&s, true, &req, &tw), -ENOSPC);
	/* answers in any order; a fault; a fragment; another context */
	map_resp(&resp, true, 103, 4, &w, 1, 0);
	EXPECT_EQ(feed(&s, false, &resp, &tw), NFALG_DCERPC_EPT_MAP);
	EXPECT_EQ(tw.n, 1);
	EXPECT_EQ(s.n_calls, NFALG_DCERPC_CALLS_MAX - 1);
	EXPECT_EQ(s.call_id[3], 104);
	hdr(&p, true, NFALG_DCERPC_FAULT, 3, 100);
	b32(&p, 32);
	b16(&p, 0);
	b8(&p, 0);
	b8(&p, 0);
	b32(&p, 0x1c010003);		/* nca_unk_if */
	b32(&p, 0);
	fin(&p);
	save_pdu("fault", &p);
	EXPECT_EQ(feed(&s, false, &p, &tw), 0);
	EXPECT_EQ(feed(&s, false, &p, &tw), -ENOENT);
	put32(&resp, 12, 101);
	resp.b[3] = NFALG_DCERPC_PFC_FIRST;
	EXPECT_EQ(feed(&s, false, &resp, &tw), 0);
	EXPECT_EQ(tw.n, 0);
	resp.b[3] = NFALG_DCERPC_PFC_LAST;
	EXPECT_EQ(feed(&s, false, &resp, &tw), -ENOENT);
	resp.b[3] = 3;
	put32(&resp, 12, 102);
	put16(&resp, 20, 1);
	EXPECT_EQ(feed(&s, false, &resp, &tw), 0);
	put16(&resp, 20, 0);
	EXPECT_EQ(s.n_calls, NFALG_DCERPC_CALLS_MAX - 4);
	/* a malformed answer takes the call all the same */
	put32(&resp, 12, 104);
	put32(&resp, 68, 74);
	EXPECT_EQ(feed(&s, false, &resp, &tw), -103);
	EXPECT_EQ(s.n_calls, NFALG_DCERPC_CALLS_MAX - 5);
	recording = false;
	save_pdu("stream-calls", &record);
	/* counts out of range are taken as full, never read past */
	s.n_calls = 200;
	s.n_epm = 200;
	s.bind_n = 200;
	put32(&req, 12, 300);
	EXPECT_EQ(feed(&s, true, &req, &tw), -ENOSPC);
	EXPECT_EQ(s.n_calls, NFALG_DCERPC_CALLS_MAX);
	EXPECT_EQ(s.n_epm, NFALG_DCERPC_EPM_CTX_MAX);
	EXPECT_EQ(nfalg_dcerpc_conv_response(&s, &(struct nfalg_dcerpc_hdr){
		.ptype = NFALG_DCERPC_REQUEST, .call_id = 105 }, NULL),
		-ENOENT);
}

static void test_auth(void)
{
	struct nfalg_dcerpc_towers tw;
	struct nfalg_dcerpc_state s;
	struct nfalg_dcerpc_bind b;
	struct pdu bind, ack, req, resp, t;
	struct result r[3];
	struct twr w;

	/* a bind with an NTLMSSP negotiate: its contexts are still read */
	bind_pdu(&bind, true, NFALG_DCERPC_BIND, 1, win_epm, 3);
	b8(&bind, 10);		/* RPC_C_AUTHN_WINNT */
	b8(&bind, 2);		/* connect */
	b8(&bind, 0);
	b8(&bind, 0);
	b32(&bind, 79231);
	bmem(&bind, "NTLMSSP\0\1\0\0\0\x97\x82\x08\xe2", 16);
	bfill(&bind, 0, 16);	/* no domain, no workstation */
	bmem(&bind, "\x0a\x00\x63\x45\x00\x00\x00\x0f", 8);	/* 10.0.17763 */
	put16(&bind, 10, 40);
	fin(&bind);
	EXPECT_EQ(parse_bind(bind.b, bind.n, &b), 0);
	EXPECT_EQ(b.n_epm, 3);
	save_pdu("bind-ntlmssp", &bind);
	memset(&s, 0, sizeof(s));
	r[0] = (struct result){ 0, 0, NDR_UUID, 2 };
	r[1] = (struct result){ 2, 2, NULL, 0 };
	r[2] = (struct result){ 3, 3, NULL, 0 };
	ack_pdu(&ack, true, NFALG_DCERPC_BIND_ACK, 1, "135", r, 3);
	EXPECT_EQ(feed(&s, true, &bind, &tw), 0);
	EXPECT_EQ(feed(&s, false, &ack, &tw), 1);
	/* a signed request: not noted */
	tower_tcp(&t, DRS_UUID, 4, 0, 135, ip_any);
	map_req(&req, true, 2, 0, NULL, &t, 4);
	bpad(&req, 0, 0);
	b8(&req, 10);
	b8(&req, 5);
	b8(&req, 0);
	b8(&req, 0);
	b32(&req, 79231);
	bfill(&req, 0xaa, 16);
	put16(&req, 10, 16);
	fin(&req);
	EXPECT_EQ(feed(&s, true, &req, &tw), 0);
	EXPECT_EQ(s.n_calls, 0);
	/* an unsigned one is; its signed answer is not parsed */
	map_req(&req, true, 2, 0, NULL, &t, 4);
	EXPECT_EQ(feed(&s, true, &req, &tw), 1);
	tower_tcp(&t, DRS_UUID, 4, 0, 49667, ip_dc);
	w = (struct twr){ 3, &t };
	map_resp(&resp, true, 2, 4, &w, 1, 0);
	b8(&resp, 10);
	b8(&resp, 5);
	b8(&resp, 0);
	b8(&resp, 0);
	b32(&resp, 79231);
	bfill(&resp, 0xaa, 16);
	put16(&resp, 10, 16);
	fin(&resp);
	EXPECT_EQ(feed(&s, false, &resp, &tw), 0);
	EXPECT_EQ(s.n_calls, 0);
}

int main(void)
{
	RUN(test_uuid_text);
	RUN(test_pdu_len);
	RUN(test_hdr);
	RUN(test_first_ok);
	RUN(test_bind_impacket);
	RUN(test_bind_windows);
	RUN(test_bind_not_epm);
	RUN(test_bind_bad);
	RUN(test_bind_ack);
	RUN(test_call);
	RUN(test_map_req);
	RUN(test_map_resp_impacket);
	RUN(test_map_resp_one);
	RUN(test_fragments);
	RUN(test_map_resp_mixed);
	RUN(test_map_resp_cap);
	RUN(test_map_resp_malformed);
	RUN(test_lookup_resp);
	RUN(test_truncation);
	RUN(test_conv_flow);
	RUN(test_conv_edge);
	RUN(test_auth);
	return unit_exit();
}
