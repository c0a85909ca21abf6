// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for the Sun RPC (portmap, rpcbind) parser: record marks,
 * calls, replies and their results, universal addresses, XDR strings and
 * the set of calls waiting for an answer.
 *
 * The rpcinfo_* calls are real traffic: rpcinfo (rpcbind 1.2.6, libtirpc
 * 1.3.3) to 127.0.0.1 and ::1, captured with tcpdump.  The other messages
 * are built by the small XDR writer below, or written out by hand from
 * RFC 5531 and RFC 1833 (the GETPORT pair).  Every parse runs on an
 * exact-size heap copy of its input, so that AddressSanitizer reports any
 * read past the length given.  glibc's inet_pton() is an independent
 * oracle for addresses.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "rpc/rpc_parse.h"

/* Test tables leave trailing fields zero on purpose. */
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* rpcinfo -T udp 127.0.0.1 100000 2: rpcbind v4 GETADDR, netid "udp" */
static const u8 rpcinfo_getaddr_udp[] = {
	0x6b, 0x14, 0x4d, 0x5a, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02,
	0x00, 0x01, 0x86, 0xa0, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x03,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x86, 0xa0, 0x00, 0x00, 0x00, 0x02,
	0x00, 0x00, 0x00, 0x03, 0x75, 0x64, 0x70, 0x00, 0x00, 0x00, 0x00, 0x0f,
	0x31, 0x32, 0x37, 0x2e, 0x30, 0x2e, 0x30, 0x2e, 0x31, 0x2e, 0x30, 0x2e,
	0x31, 0x31, 0x31, 0x00, 0x00, 0x00, 0x00, 0x08, 0x6c, 0x69, 0x62, 0x74,
	0x69, 0x72, 0x70, 0x63,
};

/* rpcinfo -T udp6 ::1 100000 3: v4 GETADDR, netid "udp6" */
static const u8 rpcinfo_getaddr_udp6[] = {
	0x6b, 0x14, 0xbe, 0x1b, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02,
	0x00, 0x01, 0x86, 0xa0, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x03,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x86, 0xa0, 0x00, 0x00, 0x00, 0x03,
	0x00, 0x00, 0x00, 0x04, 0x75, 0x64, 0x70, 0x36, 0x00, 0x00, 0x00, 0x09,
	0x3a, 0x3a, 0x31, 0x2e, 0x30, 0x2e, 0x31, 0x31, 0x31, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x08, 0x6c, 0x69, 0x62, 0x74, 0x69, 0x72, 0x70, 0x63,
};

/* rpcinfo -l 127.0.0.1 100000 4: v4 GETADDRLIST, empty r_owner */
static const u8 rpcinfo_getaddrlist[] = {
	0x6b, 0x13, 0x68, 0xe3, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02,
	0x00, 0x01, 0x86, 0xa0, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x0b,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x86, 0xa0, 0x00, 0x00, 0x00, 0x04,
	0x00, 0x00, 0x00, 0x03, 0x75, 0x64, 0x70, 0x00, 0x00, 0x00, 0x00, 0x0f,
	0x31, 0x32, 0x37, 0x2e, 0x30, 0x2e, 0x30, 0x2e, 0x31, 0x2e, 0x30, 0x2e,
	0x31, 0x31, 0x31, 0x00, 0x00, 0x00, 0x00, 0x00,
};

/* rpcinfo -u 127.0.0.1 100003 3: v4 GETADDR of NFS v3 over UDP */
static const u8 rpcinfo_getaddr_nfs[] = {
	0x6b, 0x13, 0x63, 0xa6, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02,
	0x00, 0x01, 0x86, 0xa0, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x03,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x86, 0xa3, 0x00, 0x00, 0x00, 0x03,
	0x00, 0x00, 0x00, 0x03, 0x75, 0x64, 0x70, 0x00, 0x00, 0x00, 0x00, 0x0f,
	0x31, 0x32, 0x37, 0x2e, 0x30, 0x2e, 0x30, 0x2e, 0x31, 0x2e, 0x30, 0x2e,
	0x31, 0x31, 0x31, 0x00, 0x00, 0x00, 0x00, 0x08, 0x6c, 0x69, 0x62, 0x74,
	0x69, 0x72, 0x70, 0x63,
};

/* rpcinfo's ping of portmap v2: NULL */
static const u8 rpcinfo_null_v2[] = {
	0x6b, 0x13, 0x58, 0x42, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02,
	0x00, 0x01, 0x86, 0xa0, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00,
};

/* rpcinfo -a 127.0.0.1.0.111 -T udp 100000 2: v3 DUMP */
static const u8 rpcinfo_dump_v3[] = {
	0x6b, 0x13, 0x4f, 0x9c, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02,
	0x00, 0x01, 0x86, 0xa0, 0x00, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00,
};

/*
 * Portmap v2 GETPORT of NFS (100003) v3 over TCP, AUTH_UNIX credential
 * (stamp, machine name "client1", uid 0, gid 0, one group 0), as a TCP
 * record: the mark (last fragment, 88 bytes) first.
 */
static const u8 getport_unix_rec[] = {
	0x80, 0x00, 0x00, 0x58,
	0x5c, 0x1d, 0x6a, 0x01, 0x00, 0x00, 0x00, 0x00,	/* xid, CALL */
	0x00, 0x00, 0x00, 0x02, 0x00, 0x01, 0x86, 0xa0,	/* rpcvers, prog */
	0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x03,	/* vers, proc */
	0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x20,	/* AUTH_UNIX, 32 */
	0x65, 0xa1, 0xb2, 0xc3, 0x00, 0x00, 0x00, 0x07,	/* stamp, name */
	0x63, 0x6c, 0x69, 0x65, 0x6e, 0x74, 0x31, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* uid, gid */
	0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00,	/* gids<> */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* AUTH_NONE */
	0x00, 0x01, 0x86, 0xa3, 0x00, 0x00, 0x00, 0x03,	/* prog, vers */
	0x00, 0x00, 0x00, 0x06, 0x00, 0x00, 0x00, 0x00,	/* prot, port */
};

/* Its answer, port 2049, as a TCP record */
static const u8 getport_reply_rec[] = {
	0x80, 0x00, 0x00, 0x1c,
	0x5c, 0x1d, 0x6a, 0x01, 0x00, 0x00, 0x00, 0x01,	/* xid, REPLY */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* ACCEPTED, verf */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* SUCCESS */
	0x00, 0x00, 0x08, 0x01,				/* port */
};

/* XDR writer */

struct xdr {
	u8 b[2048];
	unsigned int n;
};

static void put32(struct xdr *x, u32 v)
{
	if (x->n + 4 > sizeof(x->b))
		abort();
	x->b[x->n++] = v >> 24;
	x->b[x->n++] = v >> 16;
	x->b[x->n++] = v >> 8;
	x->b[x->n++] = v;
}

static void putopaque(struct xdr *x, const void *p, unsigned int n)
{
	put32(x, n);
	if (x->n + n + 3 > sizeof(x->b))
		abort();
	memcpy(x->b + x->n, p, n);
	x->n += n;
	while (n++ & 3)
		x->b[x->n++] = 0;
}

static void putstr(struct xdr *x, const char *s)
{
	putopaque(x, s, strlen(s));
}

/* AUTH_NONE, empty */
static void putnone(struct xdr *x)
{
	put32(x, 0);
	put32(x, 0);
}

/* AUTH_UNIX: stamp, machine name, uid, gid, gids */
static void putunix(struct xdr *x)
{
	struct xdr body = { .n = 0 };

	put32(&body, 0x12345678);
	putstr(&body, "workstation.example.net");
	put32(&body, 1000);
	put32(&body, 1000);
	put32(&body, 3);
	put32(&body, 1000);
	put32(&body, 24);
	put32(&body, 27);
	put32(x, 1);
	putopaque(x, body.b, body.n);
}

static void putcall(struct xdr *x, u32 xid, u32 prog, u32 vers, u32 proc,
		    bool unix_cred)
{
	x->n = 0;
	put32(x, xid);
	put32(x, 0);
	put32(x, 2);
	put32(x, prog);
	put32(x, vers);
	put32(x, proc);
	if (unix_cred)
		putunix(x);
	else
		putnone(x);
	putnone(x);
}

static void putrpcb(struct xdr *x, u32 prog, u32 vers, const char *netid,
		    const char *addr, const char *owner)
{
	put32(x, prog);
	put32(x, vers);
	putstr(x, netid);
	putstr(x, addr);
	putstr(x, owner);
}

/* A successful reply's head: xid, REPLY, MSG_ACCEPTED, verf, SUCCESS */
static void putreply(struct xdr *x, u32 xid)
{
	x->n = 0;
	put32(x, xid);
	put32(x, 1);
	put32(x, 0);
	putnone(x);
	put32(x, 0);
}

static void putentry(struct xdr *x, const char *maddr, const char *netid,
		     u32 sem, const char *fmly, const char *proto)
{
	put32(x, 1);
	putstr(x, maddr);
	putstr(x, netid);
	put32(x, sem);
	putstr(x, fmly);
	putstr(x, proto);
}

/* Calls on exact-size heap copies */

static u8 *copy_of(const void *in, unsigned int len)
{
	u8 *p = malloc(len ? len : 1);

	if (!p)
		abort();
	memcpy(p, in, len);
	return p;
}

static int call(const void *in, unsigned int len, struct nfalg_rpc_call *c)
{
	u8 *p = copy_of(in, len);
	int ret = nfalg_rpc_parse_call(p, len, c);

	free(p);
	return ret;
}

static int reply(const void *in, unsigned int len, struct nfalg_rpc_reply *r)
{
	u8 *p = copy_of(in, len);
	int ret = nfalg_rpc_parse_reply(p, len, r);

	free(p);
	return ret;
}

static int frag(const void *in, unsigned int len)
{
	u8 *p = copy_of(in, len);
	int ret = nfalg_rpc_frag_len(p, len);

	free(p);
	return ret;
}

static int getport(const void *in, unsigned int len, unsigned int off,
		   u16 *port)
{
	u8 *p = copy_of(in, len);
	int ret = nfalg_rpc_getport_result(p, len, off, port);

	free(p);
	return ret;
}

static int uaddr(const char *s, unsigned int n, bool *v6, u8 *addr,
		 u16 *port)
{
	char *p = (char *)copy_of(s, n);
	int ret = nfalg_rpc_uaddr_parse(p, n, v6, addr, port);

	free(p);
	return ret;
}

static bool call_zero(const struct nfalg_rpc_call *c, u32 xid)
{
	struct nfalg_rpc_call z;

	memset(&z, 0, sizeof(z));
	z.xid = xid;
	return !memcmp(&z, c, sizeof(z));
}

/*
 * Every proper prefix of the message is refused, its xid reported once
 * present; the whole message parses.
 */
static void truncations_call(const u8 *m, unsigned int len)
{
	struct nfalg_rpc_call c;
	unsigned int n;

	for (n = 0; n < len; n++) {
		EXPECT_EQ(call(m, n, &c), -EINVAL);
		CHECK(call_zero(&c, n >= 4 ? (u32)m[0] << 24 | m[1] << 16 |
					     m[2] << 8 | m[3] : 0));
	}
	EXPECT_EQ(call(m, len, &c), 0);
}

/* Record marks */

static void test_frag_len(void)
{
	static const u8 post[] = "POST /RPC2 HTTP/1.1\r\n";
	static const u8 get[] = "GET / HTTP/1.0\r\n";
	u8 m[4];
	unsigned int n;

	EXPECT_EQ(frag(getport_unix_rec, sizeof(getport_unix_rec)),
		  sizeof(getport_unix_rec));
	CHECK(nfalg_rpc_frag_last(getport_unix_rec));
	EXPECT_EQ(frag(getport_reply_rec, 4), sizeof(getport_reply_rec));
	/* shorter than the mark: not known yet */
	for (n = 0; n < 4; n++)
		EXPECT_EQ(frag(getport_unix_rec, n), 0);

	/* not the last fragment, 16 bytes */
	memcpy(m, "\x00\x00\x00\x10", 4);
	EXPECT_EQ(frag(m, 4), 20);
	CHECK(!nfalg_rpc_frag_last(m));
	/* empty fragments, last or not */
	memcpy(m, "\x80\x00\x00\x00", 4);
	EXPECT_EQ(frag(m, 4), -EINVAL);
	CHECK(nfalg_rpc_frag_last(m));
	memcpy(m, "\x00\x00\x00\x00", 4);
	EXPECT_EQ(frag(m, 4), -EINVAL);
	/* the largest fragment, and one byte more */
	memcpy(m, "\x00\x10\x00\x00", 4);
	EXPECT_EQ(frag(m, 4), 4 + (1 << 20));
	memcpy(m, "\x80\x10\x00\x00", 4);
	EXPECT_EQ(frag(m, 4), 4 + (1 << 20));
	memcpy(m, "\x00\x10\x00\x01", 4);
	EXPECT_EQ(frag(m, 4), -EINVAL);
	memcpy(m, "\xff\xff\xff\xff", 4);
	EXPECT_EQ(frag(m, 4), -EINVAL);
	/* text protocols sent to the port */
	EXPECT_EQ(frag(post, sizeof(post) - 1), -EINVAL);
	EXPECT_EQ(frag(get, sizeof(get) - 1), -EINVAL);
}

/*
 * A TCP stream of records as the module walks it: a one-fragment record,
 * then a record in two fragments whose second is no message start.
 */
static void test_record_stream(void)
{
	struct xdr x, s = { .n = 0 };
	struct nfalg_rpc_call c;
	unsigned int pos = 0, cut, recs = 0;
	int f;
	u8 *p;

	putcall(&x, 0x0a0b0c0d, NFALG_RPC_PMAP_PROG, 3, 3, false);
	putrpcb(&x, 100005, 3, "tcp", "", "");
	/* record 1, one fragment */
	put32(&s, 0x80000000 | x.n);
	memcpy(s.b + s.n, x.b, x.n);
	s.n += x.n;
	/* record 2: the same call cut after its header */
	cut = 24;
	put32(&s, cut);
	memcpy(s.b + s.n, x.b, cut);
	s.n += cut;
	put32(&s, 0x80000000 | (x.n - cut));
	memcpy(s.b + s.n, x.b + cut, x.n - cut);
	s.n += x.n - cut;

	p = copy_of(s.b, s.n);
	while (pos < s.n) {
		f = nfalg_rpc_frag_len(p + pos, s.n - pos);
		if (f <= 0 || (unsigned int)f > s.n - pos)
			break;
		recs++;
		if (recs == 1) {
			CHECK(nfalg_rpc_frag_last(p + pos));
			EXPECT_EQ(call(p + pos + 4, f - 4, &c), 0);
			EXPECT_EQ(c.kind, NFALG_RPC_K_GETADDR);
			EXPECT_EQ(c.arg_prog, 100005);
			EXPECT_EQ(c.arg_l4proto, IPPROTO_TCP);
		} else if (recs == 2) {
			/* a first fragment alone lacks the arguments */
			CHECK(!nfalg_rpc_frag_last(p + pos));
			EXPECT_EQ(f, 4 + cut);
			EXPECT_EQ(call(p + pos + 4, f - 4, &c), -EINVAL);
			EXPECT_EQ(c.xid, 0x0a0b0c0d);
		} else {
			CHECK(nfalg_rpc_frag_last(p + pos));
			EXPECT_EQ(f, 4 + x.n - cut);
		}
		pos += f;
	}
	EXPECT_EQ(pos, s.n);
	EXPECT_EQ(recs, 3);
	free(p);
}

/* Calls */

static void test_call_rpcinfo(void)
{
	struct nfalg_rpc_call c;

	EXPECT_EQ(call(rpcinfo_getaddr_udp, sizeof(rpcinfo_getaddr_udp), &c),
		  0);
	EXPECT_EQ(c.xid, 0x6b144d5a);
	EXPECT_EQ(c.prog, NFALG_RPC_PMAP_PROG);
	EXPECT_EQ(c.vers, 4);
	EXPECT_EQ(c.proc, 3);
	EXPECT_EQ(c.kind, NFALG_RPC_K_GETADDR);
	EXPECT_EQ(c.arg_prog, 100000);
	EXPECT_EQ(c.arg_vers, 2);
	EXPECT_EQ(c.arg_l4proto, IPPROTO_UDP);
	CHECK(!c.arg_v6);
	EXPECT_EQ(c.args_off, 40);

	EXPECT_EQ(call(rpcinfo_getaddr_udp6, sizeof(rpcinfo_getaddr_udp6),
		       &c), 0);
	EXPECT_EQ(c.xid, 0x6b14be1b);
	EXPECT_EQ(c.kind, NFALG_RPC_K_GETADDR);
	EXPECT_EQ(c.arg_prog, 100000);
	EXPECT_EQ(c.arg_vers, 3);
	EXPECT_EQ(c.arg_l4proto, IPPROTO_UDP);
	CHECK(c.arg_v6);

	EXPECT_EQ(call(rpcinfo_getaddrlist, sizeof(rpcinfo_getaddrlist), &c),
		  0);
	EXPECT_EQ(c.xid, 0x6b1368e3);
	EXPECT_EQ(c.proc, 11);
	EXPECT_EQ(c.kind, NFALG_RPC_K_GETADDRLIST);
	EXPECT_EQ(c.arg_prog, 100000);
	EXPECT_EQ(c.arg_vers, 4);
	EXPECT_EQ(c.arg_l4proto, IPPROTO_UDP);

	EXPECT_EQ(call(rpcinfo_getaddr_nfs, sizeof(rpcinfo_getaddr_nfs), &c),
		  0);
	EXPECT_EQ(c.kind, NFALG_RPC_K_GETADDR);
	EXPECT_EQ(c.arg_prog, 100003);
	EXPECT_EQ(c.arg_vers, 3);

	EXPECT_EQ(call(rpcinfo_null_v2, sizeof(rpcinfo_null_v2), &c), 0);
	EXPECT_EQ(c.xid, 0x6b135842);
	EXPECT_EQ(c.vers, 2);
	EXPECT_EQ(c.proc, 0);
	EXPECT_EQ(c.kind, NFALG_RPC_K_OTHER);
	EXPECT_EQ(c.args_off, 40);
	CHECK(!c.arg_prog && !c.arg_vers && !c.arg_l4proto && !c.arg_v6);

	EXPECT_EQ(call(rpcinfo_dump_v3, sizeof(rpcinfo_dump_v3), &c), 0);
	EXPECT_EQ(c.vers, 3);
	EXPECT_EQ(c.proc, 4);
	EXPECT_EQ(c.kind, NFALG_RPC_K_OTHER);
}

static void test_call_getport(void)
{
	const u8 *m = getport_unix_rec + 4;
	unsigned int len = sizeof(getport_unix_rec) - 4;
	static const u32 prots[] = { 6, 17, 0, 132, 0x106 };
	static const u8 want[] = { IPPROTO_TCP, IPPROTO_UDP, 0, 0, 0 };
	struct nfalg_rpc_call c;
	struct xdr x;
	unsigned int i;

	EXPECT_EQ(call(m, len, &c), 0);
	EXPECT_EQ(c.xid, 0x5c1d6a01);
	EXPECT_EQ(c.prog, NFALG_RPC_PMAP_PROG);
	EXPECT_EQ(c.vers, 2);
	EXPECT_EQ(c.proc, 3);
	EXPECT_EQ(c.kind, NFALG_RPC_K_GETPORT);
	EXPECT_EQ(c.arg_prog, 100003);
	EXPECT_EQ(c.arg_vers, 3);
	EXPECT_EQ(c.arg_l4proto, IPPROTO_TCP);
	CHECK(!c.arg_v6);
	EXPECT_EQ(c.args_off, 72);

	/* AUTH_NONE and AUTH_UNIX, every prot */
	for (i = 0; i < ARRAY_SIZE(prots); i++) {
		putcall(&x, 0x1000 + i, NFALG_RPC_PMAP_PROG, 2, 3, i & 1);
		put32(&x, 100005);
		put32(&x, 1);
		put32(&x, prots[i]);
		put32(&x, 0);
		EXPECT_EQ(call(x.b, x.n, &c), 0);
		EXPECT_EQ(c.kind, NFALG_RPC_K_GETPORT);
		EXPECT_EQ(c.arg_prog, 100005);
		EXPECT_EQ(c.arg_vers, 1);
		EXPECT_EQ(c.arg_l4proto, want[i]);
		EXPECT_EQ(c.xid, 0x1000 + i);
		/* the arguments must all be there */
		EXPECT_EQ(call(x.b, x.n - 1, &c), -EINVAL);
	}
}

static void test_call_getaddr_netids(void)
{
	static const struct {
		const char *netid;
		u8 l4;
		bool v6;
	} t[] = {
		{ "tcp", IPPROTO_TCP, false },
		{ "udp", IPPROTO_UDP, false },
		{ "tcp6", IPPROTO_TCP, true },
		{ "udp6", IPPROTO_UDP, true },
		{ "", 0, false },
		{ "local", 0, false },
		{ "TCP", 0, false },
		{ "tcp6 ", 0, false },
		{ "tc", 0, false },
		{ "rdma", 0, false },
		{ "rdma6", 0, false },
		{ "sctp6", 0, false },
	};
	static const u32 procs[] = { 3, 9, 11 };
	struct nfalg_rpc_call c;
	struct xdr x;
	unsigned int i, j, vers;

	for (i = 0; i < ARRAY_SIZE(t); i++) {
		for (j = 0; j < ARRAY_SIZE(procs); j++) {
			vers = j ? 4 : 3;
			putcall(&x, 77, NFALG_RPC_PMAP_PROG, vers, procs[j],
				j == 1);
			putrpcb(&x, 100021, 4, t[i].netid,
				t[i].v6 ? "fd00:1::9.3.1" : "10.0.0.9.3.1",
				"superuser");
			EXPECT_EQ(call(x.b, x.n, &c), 0);
			EXPECT_EQ(c.kind, j == 2 ? NFALG_RPC_K_GETADDRLIST :
						   NFALG_RPC_K_GETADDR);
			EXPECT_EQ(c.arg_prog, 100021);
			EXPECT_EQ(c.arg_vers, 4);
			EXPECT_EQ(c.arg_l4proto, t[i].l4);
			EXPECT_EQ(c.arg_v6, t[i].v6);
		}
	}
}

/* The kind of every procedure of every portmapper version */
static void test_call_kinds(void)
{
	enum { O = NFALG_RPC_K_OTHER, P = NFALG_RPC_K_GETPORT,
	       A = NFALG_RPC_K_GETADDR, L = NFALG_RPC_K_GETADDRLIST,
	       R = NFALG_RPC_K_REFUSED };
	static const u8 v2[] = { O, R, R, P, O, R, O, O };
	static const u8 v3[] = { O, R, R, A, O, R, O, O, O, O, O, O };
	static const u8 v4[] = { O, R, R, A, O, R, O, O, O, A, R, L, O, O };
	struct nfalg_rpc_call c;
	struct xdr x;
	unsigned int p, v;

	for (v = 1; v <= 5; v++) {
		for (p = 0; p < 14; p++) {
			u8 want = O;

			if (v == 2 && p < sizeof(v2))
				want = v2[p];
			else if (v == 3 && p < sizeof(v3))
				want = v3[p];
			else if (v == 4)
				want = v4[p];
			putcall(&x, p, NFALG_RPC_PMAP_PROG, v, p, false);
			/* only the kinds that need arguments get them */
			if (want == P) {
				put32(&x, 100003);
				put32(&x, 3);
				put32(&x, 17);
				put32(&x, 0);
			} else if (want == A || want == L) {
				putrpcb(&x, 100003, 3, "udp", "", "");
			}
			EXPECT_EQ(call(x.b, x.n, &c), 0);
			EXPECT_EQ(c.kind, want);
			EXPECT_EQ(c.vers, v);
			EXPECT_EQ(c.proc, p);
			if (want == O || want == R)
				CHECK(!c.arg_prog && !c.arg_l4proto);
		}
	}
	/* another program: never a portmapper kind, arguments not read */
	putcall(&x, 1, 100003, 2, 3, true);
	EXPECT_EQ(call(x.b, x.n, &c), 0);
	EXPECT_EQ(c.kind, NFALG_RPC_K_OTHER);
	EXPECT_EQ(c.prog, 100003);
	EXPECT_EQ(c.args_off, x.n);
}

static void test_call_errors(void)
{
	struct nfalg_rpc_call c;
	struct xdr x;
	u8 body[NFALG_RPC_AUTH_MAX + 1];
	char big[NFALG_RPC_STR_MAX + 2];

	/* rpcvers 3 */
	putcall(&x, 9, NFALG_RPC_PMAP_PROG, 2, 0, false);
	x.b[11] = 3;
	EXPECT_EQ(call(x.b, x.n, &c), -EINVAL);
	CHECK(call_zero(&c, 9));
	/* a reply, another msg_type */
	EXPECT_EQ(call(getport_reply_rec + 4, sizeof(getport_reply_rec) - 4,
		       &c), -ENOENT);
	CHECK(call_zero(&c, 0x5c1d6a01));
	putcall(&x, 10, NFALG_RPC_PMAP_PROG, 2, 0, false);
	x.b[7] = 2;
	EXPECT_EQ(call(x.b, x.n, &c), -ENOENT);
	CHECK(call_zero(&c, 10));
	/* a reply's first 8 bytes are enough to tell it */
	EXPECT_EQ(call(getport_reply_rec + 4, 8, &c), -ENOENT);

	/* credential body of 400 bytes, of 401 */
	memset(body, 0xa5, sizeof(body));
	x.n = 0;
	put32(&x, 11);
	put32(&x, 0);
	put32(&x, 2);
	put32(&x, NFALG_RPC_PMAP_PROG);
	put32(&x, 2);
	put32(&x, 0);
	put32(&x, 6);
	putopaque(&x, body, NFALG_RPC_AUTH_MAX);
	putnone(&x);
	EXPECT_EQ(call(x.b, x.n, &c), 0);
	x.n = 28;
	putopaque(&x, body, NFALG_RPC_AUTH_MAX + 1);
	putnone(&x);
	EXPECT_EQ(call(x.b, x.n, &c), -EINVAL);
	CHECK(call_zero(&c, 11));
	/* a verifier too long, a length word past anything */
	x.n = 24;
	putnone(&x);
	put32(&x, 0);
	putopaque(&x, body, NFALG_RPC_AUTH_MAX + 1);
	EXPECT_EQ(call(x.b, x.n, &c), -EINVAL);
	x.n = 24;
	put32(&x, 1);
	put32(&x, 0xfffffffc);
	EXPECT_EQ(call(x.b, x.n, &c), -EINVAL);

	/* rpcb strings: at most NFALG_RPC_STR_MAX bytes */
	memset(big, 'a', sizeof(big));
	big[NFALG_RPC_STR_MAX] = '\0';
	putcall(&x, 12, NFALG_RPC_PMAP_PROG, 4, 3, false);
	putrpcb(&x, 100003, 3, "tcp", "", big);
	EXPECT_EQ(call(x.b, x.n, &c), 0);
	big[NFALG_RPC_STR_MAX] = 'a';
	big[NFALG_RPC_STR_MAX + 1] = '\0';
	putcall(&x, 12, NFALG_RPC_PMAP_PROG, 4, 3, false);
	putrpcb(&x, 100003, 3, "tcp", "", big);
	EXPECT_EQ(call(x.b, x.n, &c), -EINVAL);
	CHECK(call_zero(&c, 12));
	/* a GETADDR without its r_owner */
	putcall(&x, 13, NFALG_RPC_PMAP_PROG, 3, 3, false);
	put32(&x, 100003);
	put32(&x, 3);
	putstr(&x, "tcp");
	putstr(&x, "");
	EXPECT_EQ(call(x.b, x.n, &c), -EINVAL);
}

/* Every prefix of every call is refused, never read past */
static void test_call_truncations(void)
{
	struct xdr x;

	truncations_call(getport_unix_rec + 4, sizeof(getport_unix_rec) - 4);
	truncations_call(rpcinfo_getaddr_udp, sizeof(rpcinfo_getaddr_udp));
	truncations_call(rpcinfo_getaddr_udp6, sizeof(rpcinfo_getaddr_udp6));
	truncations_call(rpcinfo_getaddrlist, sizeof(rpcinfo_getaddrlist));
	truncations_call(rpcinfo_null_v2, sizeof(rpcinfo_null_v2));
	truncations_call(rpcinfo_dump_v3, sizeof(rpcinfo_dump_v3));
	putcall(&x, 0xfeedf00d, NFALG_RPC_PMAP_PROG, 4, 9, true);
	putrpcb(&x, 100021, 4, "tcp6", "fd00:1::2.0.111", "superuser");
	truncations_call(x.b, x.n);
	/* refused kinds need no arguments but their header */
	putcall(&x, 0xfeedf00e, NFALG_RPC_PMAP_PROG, 2, 1, true);
	truncations_call(x.b, x.n);
}

/* Replies */

static void test_reply_getport(void)
{
	const u8 *m = getport_reply_rec + 4;
	unsigned int len = sizeof(getport_reply_rec) - 4, n;
	static const struct {
		u32 v;
		int ret;
		u16 port;
	} t[] = {
		{ 2049, 0, 2049 }, { 1, 0, 1 }, { 65535, 0, 65535 },
		{ 0, -ENOENT, 0 }, { 65536, -EINVAL, 0 },
		{ 0xffffffff, -EINVAL, 0 },
	};
	struct nfalg_rpc_reply r;
	struct xdr x;
	unsigned int i;
	u16 port;

	EXPECT_EQ(reply(m, len, &r), 0);
	EXPECT_EQ(r.xid, 0x5c1d6a01);
	CHECK(r.success);
	EXPECT_EQ(r.res_off, 24);
	EXPECT_EQ(getport(m, len, r.res_off, &port), 0);
	EXPECT_EQ(port, 2049);
	/* the result must be all there */
	for (n = r.res_off; n < len; n++) {
		port = 7;
		EXPECT_EQ(getport(m, n, r.res_off, &port), -EINVAL);
		EXPECT_EQ(port, 0);
	}
	EXPECT_EQ(getport(m, len, len + 4, &port), -EINVAL);
	EXPECT_EQ(getport(m, len, 0xfffffffe, &port), -EINVAL);

	for (i = 0; i < ARRAY_SIZE(t); i++) {
		putreply(&x, 0x200 + i);
		put32(&x, t[i].v);
		EXPECT_EQ(reply(x.b, x.n, &r), 0);
		EXPECT_EQ(r.xid, 0x200 + i);
		port = 7;
		EXPECT_EQ(getport(x.b, x.n, r.res_off, &port), t[i].ret);
		EXPECT_EQ(port, t[i].port);
	}

	/* a verifier with a body (AUTH_SHORT, 6 bytes padded to 8) */
	x.n = 0;
	put32(&x, 0x300);
	put32(&x, 1);
	put32(&x, 0);
	put32(&x, 2);
	putopaque(&x, "\x01\x02\x03\x04\x05\x06", 6);
	put32(&x, 0);
	put32(&x, 111);
	EXPECT_EQ(reply(x.b, x.n, &r), 0);
	EXPECT_EQ(r.res_off, 32);
	EXPECT_EQ(getport(x.b, x.n, r.res_off, &port), 0);
	EXPECT_EQ(port, 111);
	/* results missing: the reply parses, the result does not */
	EXPECT_EQ(reply(x.b, x.n - 4, &r), 0);
	EXPECT_EQ(r.res_off, x.n - 4);
	EXPECT_EQ(getport(x.b, x.n - 4, r.res_off, &port), -EINVAL);
}

/* The universal address string answering a GETADDR */
static int getaddr_answer(const u8 *m, unsigned int len, bool *v6, u8 *addr,
			  u16 *port, unsigned int *end)
{
	struct nfalg_rpc_reply r;
	unsigned int off, so, sl;
	u8 *p = copy_of(m, len);
	int ret;

	ret = nfalg_rpc_parse_reply(p, len, &r);
	if (!ret && !r.success)
		ret = -EPROTO;
	off = r.res_off;
	if (!ret)
		ret = nfalg_rpc_xdr_string(p, len, &off, NFALG_RPC_UADDR_MAX,
					   &so, &sl);
	if (!ret) {
		*end = off;
		ret = nfalg_rpc_uaddr_parse((const char *)p + so, sl, v6,
					    addr, port);
	}
	free(p);
	return ret;
}

static void test_reply_getaddr(void)
{
	static const struct {
		const char *uaddr;
		int ret;
		bool v6;
		const char *addr;
		u16 port;
	} t[] = {
		{ "10.0.1.2.3.232", 0, false, "10.0.1.2", 1000 },
		{ "fd00:1::2.128.1", 0, true, "fd00:1::2", 32769 },
		{ "127.0.0.1.0.111", 0, false, "127.0.0.1", 111 },
		{ "::1.0.111", 0, true, "::1", 111 },
		{ "", -ENOENT, false, NULL, 0 },
		{ "/run/rpcbind.sock", -EINVAL, false, NULL, 0 },
	};
	struct xdr x;
	unsigned int i, n, end;
	u8 addr[16], want[16];
	bool v6;
	u16 port;

	for (i = 0; i < ARRAY_SIZE(t); i++) {
		putreply(&x, 0x400 + i);
		putstr(&x, t[i].uaddr);
		EXPECT_EQ(getaddr_answer(x.b, x.n, &v6, addr, &port, &end),
			  t[i].ret);
		EXPECT_EQ(end, x.n);
		EXPECT_EQ(v6, t[i].v6);
		EXPECT_EQ(port, t[i].port);
		memset(want, 0, sizeof(want));
		if (t[i].addr)
			CHECK(inet_pton(t[i].v6 ? AF_INET6 : AF_INET,
					t[i].addr, want) == 1);
		EXPECT_MEM(addr, want, 16);
		/* a truncated string is refused, never read past */
		for (n = 24; n < x.n; n++)
			EXPECT_EQ(getaddr_answer(x.b, n, &v6, addr, &port,
						 &end), -EINVAL);
	}
}

static void test_reply_addrlist(void)
{
	static const struct {
		const char *maddr, *netid, *fmly, *proto;
		u32 sem;
		u8 l4;
		bool v6;
	} t[] = {
		{ "10.0.1.2.0.111", "tcp", "inet", "tcp", 2, IPPROTO_TCP,
		  false },
		{ "10.0.1.2.0.111", "udp", "inet", "udp", 1, IPPROTO_UDP,
		  false },
		{ "fd00:1::2.0.111", "tcp6", "inet6", "tcp", 2, IPPROTO_TCP,
		  true },
		{ "fd00:1::2.0.111", "udp6", "inet6", "udp", 1, IPPROTO_UDP,
		  true },
		{ "/run/rpcbind.sock", "local", "loopback", "-", 2, 0, false },
		{ "10.0.1.2.3.4", "sctp", "inet", "sctp", 2, 0, false },
		{ "10.0.1.2.3.5", "x", "loopback", "tcp", 2, 0, false },
	};
	struct nfalg_rpc_entry e;
	struct nfalg_rpc_reply r;
	struct xdr x;
	unsigned int i, n, off, prev;
	int ret;
	u8 *p;

	putreply(&x, 0x500);
	for (i = 0; i < ARRAY_SIZE(t); i++)
		putentry(&x, t[i].maddr, t[i].netid, t[i].sem, t[i].fmly,
			 t[i].proto);
	put32(&x, 0);

	p = copy_of(x.b, x.n);
	EXPECT_EQ(nfalg_rpc_parse_reply(p, x.n, &r), 0);
	CHECK(r.success);
	off = r.res_off;
	for (i = 0; i < ARRAY_SIZE(t); i++) {
		prev = off;
		EXPECT_EQ(nfalg_rpc_addrlist_next(p, x.n, &off, &e), 1);
		EXPECT_EQ(e.maddr_xdr_off, prev + 4);
		EXPECT_EQ(e.maddr_off, prev + 8);
		EXPECT_EQ(e.maddr_len, strlen(t[i].maddr));
		EXPECT_EQ(e.maddr_xdr_len, 4 + ((strlen(t[i].maddr) + 3) & ~3));
		CHECK(!memcmp(p + e.maddr_off, t[i].maddr, e.maddr_len));
		EXPECT_EQ(p[e.maddr_xdr_off + 3], e.maddr_len);
		EXPECT_EQ(e.l4proto, t[i].l4);
		EXPECT_EQ(e.v6, t[i].v6);
	}
	EXPECT_EQ(nfalg_rpc_addrlist_next(p, x.n, &off, &e), 0);
	EXPECT_EQ(off, x.n);
	/* past the end: nothing more to read */
	EXPECT_EQ(nfalg_rpc_addrlist_next(p, x.n, &off, &e), -EINVAL);
	EXPECT_EQ(off, x.n);
	free(p);

	/* every truncation fails somewhere in the walk, *off kept there */
	for (n = r.res_off; n < x.n; n++) {
		p = copy_of(x.b, n);
		off = r.res_off;
		while ((ret = nfalg_rpc_addrlist_next(p, n, &off, &e)) == 1)
			CHECK(off <= n);
		EXPECT_EQ(ret, -EINVAL);
		CHECK(off <= n);
		CHECK(!e.maddr_off && !e.maddr_len && !e.l4proto);
		free(p);
	}

	/* an empty list; a boolean that is neither 0 nor 1 */
	putreply(&x, 0x501);
	put32(&x, 0);
	p = copy_of(x.b, x.n);
	off = 24;
	EXPECT_EQ(nfalg_rpc_addrlist_next(p, x.n, &off, &e), 0);
	EXPECT_EQ(off, 28);
	free(p);
	putreply(&x, 0x502);
	put32(&x, 2);
	p = copy_of(x.b, x.n);
	off = 24;
	EXPECT_EQ(nfalg_rpc_addrlist_next(p, x.n, &off, &e), -EINVAL);
	EXPECT_EQ(off, 24);
	free(p);
}

static void test_reply_failures(void)
{
	static const struct {
		u32 words[6];
		unsigned int n;
		int ret;
	} t[] = {
		/* accepted: PROG_UNAVAIL, PROG_MISMATCH 2..4, PROC_UNAVAIL */
		{ { 0, 0, 0, 1 }, 4, 0 },
		{ { 0, 0, 0, 2, 2, 4 }, 6, 0 },
		{ { 0, 0, 0, 3 }, 4, 0 },
		{ { 0, 0, 0, 4 }, 4, 0 },	/* GARBAGE_ARGS */
		{ { 0, 0, 0, 5 }, 4, 0 },	/* SYSTEM_ERR */
		{ { 0, 0, 0, 6 }, 4, -EINVAL },	/* undefined */
		{ { 0, 0, 0, 2, 2 }, 5, -EINVAL },	/* mismatch cut */
		/* denied: RPC_MISMATCH 2..2, AUTH_ERROR AUTH_BADCRED */
		{ { 1, 0, 2, 2 }, 4, 0 },
		{ { 1, 1, 1 }, 3, 0 },
		{ { 1, 1, 13 }, 3, 0 },
		{ { 1, 0, 2 }, 3, -EINVAL },
		{ { 1, 1 }, 2, -EINVAL },
		{ { 1, 2, 0 }, 3, -EINVAL },	/* no such reject_stat */
		{ { 2, 0, 0, 0 }, 4, -EINVAL },	/* no such reply_stat */
	};
	struct nfalg_rpc_reply r;
	struct xdr x;
	unsigned int i, j, n;

	for (i = 0; i < ARRAY_SIZE(t); i++) {
		x.n = 0;
		put32(&x, 0x600 + i);
		put32(&x, 1);
		for (j = 0; j < t[i].n; j++)
			put32(&x, t[i].words[j]);
		EXPECT_EQ(reply(x.b, x.n, &r), t[i].ret);
		EXPECT_EQ(r.xid, 0x600 + i);
		CHECK(!r.success && !r.res_off);
		/* and every prefix of the good ones is refused */
		for (n = 0; !t[i].ret && n < x.n; n++) {
			EXPECT_EQ(reply(x.b, n, &r), -EINVAL);
			EXPECT_EQ(r.xid, n >= 4 ? 0x600 + i : 0);
		}
	}
	/* calls are not replies; msg_type 2 is neither */
	EXPECT_EQ(reply(getport_unix_rec + 4, sizeof(getport_unix_rec) - 4,
			&r), -ENOENT);
	EXPECT_EQ(r.xid, 0x5c1d6a01);
	EXPECT_EQ(reply(rpcinfo_null_v2, 8, &r), -ENOENT);
	putreply(&x, 0x700);
	x.b[7] = 2;
	EXPECT_EQ(reply(x.b, x.n, &r), -EINVAL);
	/* a verifier over 400 bytes */
	x.n = 0;
	put32(&x, 0x701);
	put32(&x, 1);
	put32(&x, 0);
	put32(&x, 0);
	put32(&x, NFALG_RPC_AUTH_MAX + 4);
	for (i = 0; i < NFALG_RPC_AUTH_MAX + 4; i += 4)
		put32(&x, 0);
	put32(&x, 0);
	EXPECT_EQ(reply(x.b, x.n, &r), -EINVAL);
	CHECK(!r.success);
}

static void test_reply_truncations(void)
{
	const u8 *m = getport_reply_rec + 4;
	unsigned int len = sizeof(getport_reply_rec) - 4, n;
	struct nfalg_rpc_reply r;

	/* the head alone (24 bytes) is a whole reply without results */
	for (n = 0; n < 24; n++) {
		EXPECT_EQ(reply(m, n, &r), -EINVAL);
		CHECK(!r.success && !r.res_off);
		EXPECT_EQ(r.xid, n >= 4 ? 0x5c1d6a01 : 0);
	}
	for (; n <= len; n++) {
		EXPECT_EQ(reply(m, n, &r), 0);
		EXPECT_EQ(r.res_off, 24);
	}
}

/* Strings */

static int xstring(const void *in, unsigned int len, unsigned int *off,
		   unsigned int max, unsigned int *so, unsigned int *sl)
{
	u8 *p = copy_of(in, len);
	int ret = nfalg_rpc_xdr_string(p, len, off, max, so, sl);

	free(p);
	return ret;
}

static void test_xdr_string(void)
{
	struct xdr x;
	unsigned int n, off, so, sl, cut;

	for (n = 0; n <= 9; n++) {
		x.n = 0;
		put32(&x, 0xdead);
		putopaque(&x, "abcdefghi", n);
		off = 4;
		EXPECT_EQ(xstring(x.b, x.n, &off, 9, &so, &sl), 0);
		EXPECT_EQ(so, 8);
		EXPECT_EQ(sl, n);
		EXPECT_EQ(off, x.n);
		EXPECT_EQ(off % 4, 0);
		/* longer than max */
		off = 4;
		if (n)
			EXPECT_EQ(xstring(x.b, x.n, &off, n - 1, &so, &sl),
				  -EINVAL);
		EXPECT_EQ(off, 4);
		/* the padding too must be there */
		for (cut = 4; cut < x.n; cut++) {
			off = 4;
			EXPECT_EQ(xstring(x.b, cut, &off, 9, &so, &sl),
				  -EINVAL);
			EXPECT_EQ(off, 4);
		}
	}
	/* lengths that would wrap */
	x.n = 0;
	put32(&x, 0xffffffff);
	put32(&x, 0);
	off = 0;
	EXPECT_EQ(xstring(x.b, x.n, &off, 0xffffffff, &so, &sl), -EINVAL);
	x.n = 0;
	put32(&x, 0xfffffffd);
	off = 0;
	EXPECT_EQ(xstring(x.b, x.n, &off, 0xffffffff, &so, &sl), -EINVAL);
	/* an offset at or past the end */
	off = x.n;
	EXPECT_EQ(xstring(x.b, x.n, &off, 100, &so, &sl), -EINVAL);
	off = 0xfffffffe;
	EXPECT_EQ(xstring(x.b, x.n, &off, 100, &so, &sl), -EINVAL);
	EXPECT_EQ(off, 0xfffffffe);
}

static void test_xdr_put_string(void)
{
	static const char s[] = "fd00:1::2.128.1";
	unsigned int n, w, cap, so, sl, off;
	u8 *d;

	for (n = 0; n <= 15; n++) {
		w = 4 + ((n + 3) & ~3U);
		/* exactly enough room, on the heap */
		d = malloc(w);
		memset(d, 0xaa, w);
		EXPECT_EQ(nfalg_rpc_xdr_put_string(d, w, s, n), w);
		EXPECT_EQ(d[0] << 24 | d[1] << 16 | d[2] << 8 | d[3], n);
		CHECK(!memcmp(d + 4, s, n));
		for (cap = 4 + n; cap < w; cap++)
			EXPECT_EQ(d[cap], 0);
		off = 0;
		EXPECT_EQ(nfalg_rpc_xdr_string(d, w, &off, n, &so, &sl), 0);
		EXPECT_EQ(off, w);
		EXPECT_EQ(sl, n);
		/* one byte less: nothing written */
		memset(d, 0xaa, w);
		EXPECT_EQ(nfalg_rpc_xdr_put_string(d, w - 1, s, n), 0);
		EXPECT_EQ(d[0], 0xaa);
		free(d);
	}
	d = malloc(8);
	EXPECT_EQ(nfalg_rpc_xdr_put_string(d, 3, s, 0), 0);
	EXPECT_EQ(nfalg_rpc_xdr_put_string(d, 0, s, 0), 0);
	EXPECT_EQ(nfalg_rpc_xdr_put_string(d, 8, s, 0xffffffff), 0);
	EXPECT_EQ(nfalg_rpc_xdr_put_string(d, 8, s, 0xfffffffd), 0);
	free(d);
}

/* Universal addresses */

static void test_uaddr_parse(void)
{
	static const struct {
		const char *s;
		int ret;
		const char *addr;	/* IPv6 when it has a ':' */
		u16 port;
	} t[] = {
		{ "10.0.1.2.3.232", 0, "10.0.1.2", 1000 },
		{ "fd00:1::2.128.1", 0, "fd00:1::2", 32769 },
		{ "0.0.0.0.0.111", 0, "0.0.0.0", 111 },
		{ "255.255.255.255.255.255", 0, "255.255.255.255", 65535 },
		{ "192.0.2.1.0.1", 0, "192.0.2.1", 1 },
		{ "192.0.2.1.1.0", 0, "192.0.2.1", 256 },
		{ "::1.0.111", 0, "::1", 111 },
		{ "::.8.1", 0, "::", 2049 },
		{ "fd00::.0.1", 0, "fd00::", 1 },
		{ "::ffff:192.0.2.1.4.1", 0, "::ffff:192.0.2.1", 1025 },
		{ "64:ff9b::192.0.2.33.0.111", 0, "64:ff9b::192.0.2.33", 111 },
		{ "2001:DB8:0:0:0:0:0:1.3.232", 0, "2001:db8::1", 1000 },
		{ "", -ENOENT, NULL, 0 },
		{ "1.2.3.4.256.1", -EINVAL },
		{ "1.2.3.4.1.256", -EINVAL },
		{ "1.2.3.4.1000.1", -EINVAL },
		{ "1.2.3.4.0.0", -EINVAL },
		{ "1.2.3.4.00.1", -EINVAL },
		{ "1.2.3.4.01.2", -EINVAL },
		{ "1.2.3.4.1.02", -EINVAL },
		{ "01.2.3.4.1.2", -EINVAL },
		{ "1.2.3.4.5", -EINVAL },
		{ "1.2.3.4", -EINVAL },
		{ "1.2.3.4.1.2.3", -EINVAL },
		{ "1.2.3.256.1.2", -EINVAL },
		{ "1.2.3.4.+1.2", -EINVAL },
		{ "1.2.3.4.-1.2", -EINVAL },
		{ "1.2.3.4. 1.2", -EINVAL },
		{ "1.2.3.4.1.2 ", -EINVAL },
		{ " 1.2.3.4.1.2", -EINVAL },
		{ "1.2.3.4.1.2x", -EINVAL },
		{ "1.2.3.4..2", -EINVAL },
		{ "1.2.3.4.1.", -EINVAL },
		{ "1.2.3.4.1", -EINVAL },
		{ ".1.2", -EINVAL },
		{ "..", -EINVAL },
		{ ".", -EINVAL },
		{ "1", -EINVAL },
		{ "[::1].0.111", -EINVAL },
		{ "fe80::1%eth0.0.111", -EINVAL },
		{ "::1.0", -EINVAL },
		{ "::1", -EINVAL },
		{ "1:2:3:4:5:6:7:8:9.0.111", -EINVAL },
		{ "::ffff:1.2.3.0.111", -EINVAL },
		{ "localhost.0.111", -EINVAL },
		{ "/run/rpcbind.sock", -EINVAL },
	};
	unsigned int i;
	u8 addr[16], want[16];
	bool v6;
	u16 port;

	for (i = 0; i < ARRAY_SIZE(t); i++) {
		bool six = t[i].addr && strchr(t[i].addr, ':');

		v6 = !six;
		port = 7;
		memset(addr, 0xee, sizeof(addr));
		EXPECT_EQ(uaddr(t[i].s, strlen(t[i].s), &v6, addr, &port),
			  t[i].ret);
		memset(want, 0, sizeof(want));
		if (t[i].addr)
			CHECK(inet_pton(six ? AF_INET6 : AF_INET, t[i].addr,
					want) == 1);
		EXPECT_MEM(addr, want, 16);
		EXPECT_EQ(v6, six);
		EXPECT_EQ(port, t[i].port);
	}
	/* a NUL inside, or counted at the end, is not part of an address */
	EXPECT_EQ(uaddr("10.0.1.2.3.232", 15, &v6, addr, &port), -EINVAL);
	EXPECT_EQ(uaddr("10.0.1.2\0.3.232", 15, &v6, addr, &port), -EINVAL);
	/* only the length given is read */
	EXPECT_EQ(uaddr("10.0.1.2.3.232", 13, &v6, addr, &port), 0);
	EXPECT_EQ(port, 3 * 256 + 23);
}

static void test_uaddr_format(void)
{
	static const struct {
		const char *addr;
		u16 port;
		const char *text;
	} t[] = {
		{ "10.0.1.2", 1000, "10.0.1.2.3.232" },
		{ "fd00:1::2", 32769, "fd00:1::2.128.1" },
		{ "192.0.2.1", 1, "192.0.2.1.0.1" },
		{ "192.0.2.1", 256, "192.0.2.1.1.0" },
		{ "255.255.255.255", 65535, "255.255.255.255.255.255" },
		{ "::", 111, "::.0.111" },
		{ "::ffff:192.0.2.1", 2049, "::ffff:192.0.2.1.8.1" },
		{ "2001:db8:0:1:0:0:0:1", 10, "2001:db8:0:1::1.0.10" },
		/* the longest text of all */
		{ "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", 65535,
		  "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff.255.255" },
		{ "::ffff:255.255.255.255", 65535,
		  "::ffff:255.255.255.255.255.255" },
	};
	unsigned int i, n;
	u8 addr[16], back[16];
	bool v6, six;
	u16 port;
	char *d;

	for (i = 0; i < ARRAY_SIZE(t); i++) {
		six = strchr(t[i].addr, ':');
		memset(addr, 0, sizeof(addr));
		CHECK(inet_pton(six ? AF_INET6 : AF_INET, t[i].addr, addr) ==
		      1);
		/* exactly NFALG_RPC_UADDR_MAX bytes, on the heap */
		d = malloc(NFALG_RPC_UADDR_MAX);
		n = nfalg_rpc_uaddr_format(d, six, addr, t[i].port);
		EXPECT_EQ(n, strlen(t[i].text));
		EXPECT_STR(d, t[i].text);
		/* and back */
		EXPECT_EQ(uaddr(d, n, &v6, back, &port), 0);
		EXPECT_EQ(v6, six);
		EXPECT_MEM(back, addr, 16);
		EXPECT_EQ(port, t[i].port);
		free(d);
	}
	CHECK(NFALG_RPC_UADDR_MAX >= NFALG_INET_TEXT_MAX + 8 + 1);
}

/* The calls waiting for an answer */

static struct nfalg_rpc_call mkcall(u32 xid, u8 kind, u32 prog, u8 l4,
				    bool v6)
{
	struct nfalg_rpc_call c;

	memset(&c, 0, sizeof(c));
	c.xid = xid;
	c.prog = NFALG_RPC_PMAP_PROG;
	c.kind = kind;
	c.arg_prog = prog;
	c.arg_l4proto = l4;
	c.arg_v6 = v6;
	return c;
}

static void test_pending(void)
{
	struct nfalg_rpc_state s;
	struct nfalg_rpc_pending p;
	struct nfalg_rpc_call c;
	unsigned int i;

	memset(&s, 0, sizeof(s));
	CHECK(sizeof(s) <= 256);
	EXPECT_EQ(nfalg_rpc_pending_take(&s, 1, &p), -ENOENT);

	c = mkcall(10, NFALG_RPC_K_GETPORT, 100003, IPPROTO_TCP, false);
	EXPECT_EQ(nfalg_rpc_pending_add(&s, &c), 0);
	c = mkcall(20, NFALG_RPC_K_GETADDR, 100005, IPPROTO_UDP, true);
	EXPECT_EQ(nfalg_rpc_pending_add(&s, &c), 0);
	c = mkcall(0, NFALG_RPC_K_GETADDRLIST, 100021, 0, false);
	EXPECT_EQ(nfalg_rpc_pending_add(&s, &c), 0);
	EXPECT_EQ(s.n, 3);
	/* the other kinds are not noted */
	c = mkcall(30, NFALG_RPC_K_OTHER, 0, 0, false);
	EXPECT_EQ(nfalg_rpc_pending_add(&s, &c), -EINVAL);
	c = mkcall(31, NFALG_RPC_K_REFUSED, 0, 0, false);
	EXPECT_EQ(nfalg_rpc_pending_add(&s, &c), -EINVAL);
	EXPECT_EQ(s.n, 3);

	/* answered out of order, each once, with what the call asked */
	EXPECT_EQ(nfalg_rpc_pending_take(&s, 20, &p), 0);
	EXPECT_EQ(p.xid, 20);
	EXPECT_EQ(p.kind, NFALG_RPC_K_GETADDR);
	EXPECT_EQ(p.arg_prog, 100005);
	EXPECT_EQ(p.l4proto, IPPROTO_UDP);
	CHECK(p.v6);
	EXPECT_EQ(nfalg_rpc_pending_take(&s, 20, &p), -ENOENT);
	CHECK(!p.xid && !p.kind && !p.arg_prog);
	EXPECT_EQ(nfalg_rpc_pending_take(&s, 0, &p), 0);
	EXPECT_EQ(p.kind, NFALG_RPC_K_GETADDRLIST);
	EXPECT_EQ(nfalg_rpc_pending_take(&s, 10, &p), 0);
	EXPECT_EQ(p.kind, NFALG_RPC_K_GETPORT);
	EXPECT_EQ(p.l4proto, IPPROTO_TCP);
	EXPECT_EQ(s.n, 0);
	/* taking clears the entries it leaves behind */
	for (i = 0; i < NFALG_RPC_PENDING_MAX; i++)
		CHECK(!s.p[i].xid && !s.p[i].arg_prog && !s.p[i].kind);
}

static void test_pending_retransmit(void)
{
	struct nfalg_rpc_state s;
	struct nfalg_rpc_pending p;
	struct nfalg_rpc_call a, b, c;

	memset(&s, 0, sizeof(s));
	a = mkcall(1, NFALG_RPC_K_GETPORT, 100003, IPPROTO_UDP, false);
	b = mkcall(2, NFALG_RPC_K_GETPORT, 100005, IPPROTO_UDP, false);
	EXPECT_EQ(nfalg_rpc_pending_add(&s, &a), 0);
	EXPECT_EQ(nfalg_rpc_pending_add(&s, &b), 0);
	/* a retransmission of the first: refreshed, made the newest */
	EXPECT_EQ(nfalg_rpc_pending_add(&s, &a), -EEXIST);
	EXPECT_EQ(s.n, 2);
	EXPECT_EQ(s.p[0].xid, 2);
	EXPECT_EQ(s.p[1].xid, 1);
	EXPECT_EQ(s.p[1].arg_prog, 100003);

	/* another call under a waiting xid: neither can be told apart */
	c = mkcall(1, NFALG_RPC_K_GETPORT, 100021, IPPROTO_UDP, false);
	EXPECT_EQ(nfalg_rpc_pending_add(&s, &c), -EEXIST);
	EXPECT_EQ(s.n, 1);
	EXPECT_EQ(nfalg_rpc_pending_take(&s, 1, &p), -ENOENT);
	/* same program, other transport or family or kind: also another */
	c = mkcall(2, NFALG_RPC_K_GETPORT, 100005, IPPROTO_TCP, false);
	EXPECT_EQ(nfalg_rpc_pending_add(&s, &c), -EEXIST);
	EXPECT_EQ(s.n, 0);
	EXPECT_EQ(nfalg_rpc_pending_add(&s, &b), 0);
	c = mkcall(2, NFALG_RPC_K_GETADDR, 100005, IPPROTO_UDP, false);
	EXPECT_EQ(nfalg_rpc_pending_add(&s, &c), -EEXIST);
	EXPECT_EQ(s.n, 0);
	a = mkcall(3, NFALG_RPC_K_GETADDR, 100005, IPPROTO_UDP, false);
	EXPECT_EQ(nfalg_rpc_pending_add(&s, &a), 0);
	c = a;
	c.arg_v6 = true;
	EXPECT_EQ(nfalg_rpc_pending_add(&s, &c), -EEXIST);
	EXPECT_EQ(s.n, 0);
	/* a call of another kind under a waiting xid: forgotten too */
	EXPECT_EQ(nfalg_rpc_pending_add(&s, &a), 0);
	c = mkcall(3, NFALG_RPC_K_OTHER, 0, 0, false);
	EXPECT_EQ(nfalg_rpc_pending_add(&s, &c), -EEXIST);
	EXPECT_EQ(s.n, 0);
	EXPECT_EQ(nfalg_rpc_pending_take(&s, 3, &p), -ENOENT);
}

static void test_pending_full(void)
{
	struct nfalg_rpc_state s;
	struct nfalg_rpc_pending p;
	struct nfalg_rpc_call c;
	unsigned int i;

	memset(&s, 0, sizeof(s));
	for (i = 0; i < NFALG_RPC_PENDING_MAX; i++) {
		c = mkcall(100 + i, NFALG_RPC_K_GETPORT, 100000 + i,
			   IPPROTO_UDP, false);
		EXPECT_EQ(nfalg_rpc_pending_add(&s, &c), 0);
	}
	/* full: the oldest makes room */
	c = mkcall(200, NFALG_RPC_K_GETADDR, 7, IPPROTO_TCP, true);
	EXPECT_EQ(nfalg_rpc_pending_add(&s, &c), 1);
	EXPECT_EQ(s.n, NFALG_RPC_PENDING_MAX);
	EXPECT_EQ(nfalg_rpc_pending_take(&s, 100, &p), -ENOENT);
	EXPECT_EQ(s.p[0].xid, 101);
	EXPECT_EQ(nfalg_rpc_pending_take(&s, 200, &p), 0);
	EXPECT_EQ(p.arg_prog, 7);
	EXPECT_EQ(nfalg_rpc_pending_take(&s, 104, &p), 0);
	EXPECT_EQ(p.arg_prog, 100004);
	EXPECT_EQ(s.n, NFALG_RPC_PENDING_MAX - 2);

	/* a count out of range is taken as full, never read past */
	s.n = 200;
	c = mkcall(300, NFALG_RPC_K_GETPORT, 1, IPPROTO_UDP, false);
	EXPECT_EQ(nfalg_rpc_pending_add(&s, &c), 1);
	EXPECT_EQ(s.n, NFALG_RPC_PENDING_MAX);
	s.n = 255;
	EXPECT_EQ(nfalg_rpc_pending_take(&s, 300, &p), 0);
	EXPECT_EQ(s.n, NFALG_RPC_PENDING_MAX - 1);
	s.n = 9;
	EXPECT_EQ(nfalg_rpc_pending_take(&s, 0xdead, &p), -ENOENT);
	EXPECT_EQ(s.n, NFALG_RPC_PENDING_MAX);
}

/* One GETPORT, GETADDR and GETADDRLIST exchange each, as the module sees */
static void test_exchange(void)
{
	struct nfalg_rpc_state s;
	struct nfalg_rpc_pending p;
	struct nfalg_rpc_reply r;
	struct nfalg_rpc_call c;
	struct nfalg_rpc_entry e;
	struct xdr x;
	unsigned int off, so, sl, n = 0;
	char text[NFALG_RPC_UADDR_MAX];
	u8 addr[16], nat[16] = { 203, 0, 113, 5 }, out[64];
	bool v6;
	u16 port;
	int f;

	memset(&s, 0, sizeof(s));
	/* GETPORT over TCP */
	f = frag(getport_unix_rec, sizeof(getport_unix_rec));
	EXPECT_EQ(call(getport_unix_rec + 4, f - 4, &c), 0);
	EXPECT_EQ(nfalg_rpc_pending_add(&s, &c), 0);
	f = frag(getport_reply_rec, sizeof(getport_reply_rec));
	EXPECT_EQ(reply(getport_reply_rec + 4, f - 4, &r), 0);
	EXPECT_EQ(nfalg_rpc_pending_take(&s, r.xid, &p), 0);
	EXPECT_EQ(p.kind, NFALG_RPC_K_GETPORT);
	EXPECT_EQ(p.l4proto, IPPROTO_TCP);
	EXPECT_EQ(getport(getport_reply_rec + 4, f - 4, r.res_off, &port), 0);
	EXPECT_EQ(port, 2049);

	/* GETADDR over UDP, the answer rewritten for NAT */
	EXPECT_EQ(call(rpcinfo_getaddr_nfs, sizeof(rpcinfo_getaddr_nfs), &c),
		  0);
	EXPECT_EQ(nfalg_rpc_pending_add(&s, &c), 0);
	putreply(&x, c.xid);
	putstr(&x, "10.0.1.2.8.1");
	EXPECT_EQ(reply(x.b, x.n, &r), 0);
	EXPECT_EQ(nfalg_rpc_pending_take(&s, r.xid, &p), 0);
	EXPECT_EQ(p.arg_prog, 100003);
	off = r.res_off;
	EXPECT_EQ(nfalg_rpc_xdr_string(x.b, x.n, &off, NFALG_RPC_UADDR_MAX,
				       &so, &sl), 0);
	EXPECT_EQ(nfalg_rpc_uaddr_parse((char *)x.b + so, sl, &v6, addr,
					&port), 0);
	EXPECT_EQ(port, 2049);
	n = nfalg_rpc_uaddr_format(text, false, nat, 40000);
	EXPECT_STR(text, "203.0.113.5.156.64");
	EXPECT_EQ(nfalg_rpc_xdr_put_string(out, sizeof(out), text, n), 24);
	memcpy(x.b + r.res_off, out, 24);
	x.n = r.res_off + 24;
	EXPECT_EQ(getaddr_answer(x.b, x.n, &v6, addr, &port, &off), 0);
	EXPECT_EQ(port, 40000);
	EXPECT_MEM(addr, nat, 4);

	/* GETADDRLIST */
	EXPECT_EQ(call(rpcinfo_getaddrlist, sizeof(rpcinfo_getaddrlist), &c),
		  0);
	EXPECT_EQ(nfalg_rpc_pending_add(&s, &c), 0);
	putreply(&x, c.xid);
	putentry(&x, "127.0.0.1.0.111", "tcp", 3, "inet", "tcp");
	putentry(&x, "::1.0.111", "tcp6", 3, "inet6", "tcp");
	put32(&x, 0);
	EXPECT_EQ(reply(x.b, x.n, &r), 0);
	EXPECT_EQ(nfalg_rpc_pending_take(&s, r.xid, &p), 0);
	EXPECT_EQ(p.kind, NFALG_RPC_K_GETADDRLIST);
	off = r.res_off;
	n = 0;
	while (nfalg_rpc_addrlist_next(x.b, x.n, &off, &e) == 1) {
		EXPECT_EQ(nfalg_rpc_uaddr_parse((char *)x.b + e.maddr_off,
						e.maddr_len, &v6, addr, &port),
			  0);
		EXPECT_EQ(v6, e.v6);
		EXPECT_EQ(port, 111);
		EXPECT_EQ(e.l4proto, IPPROTO_TCP);
		n++;
	}
	EXPECT_EQ(n, 2);
	EXPECT_EQ(off, x.n);
	EXPECT_EQ(s.n, 0);
}

int main(void)
{
	RUN(test_frag_len);
	RUN(test_record_stream);
	RUN(test_call_rpcinfo);
	RUN(test_call_getport);
	RUN(test_call_getaddr_netids);
	RUN(test_call_kinds);
	RUN(test_call_errors);
	RUN(test_call_truncations);
	RUN(test_reply_getport);
	RUN(test_reply_getaddr);
	RUN(test_reply_addrlist);
	RUN(test_reply_failures);
	RUN(test_reply_truncations);
	RUN(test_xdr_string);
	RUN(test_xdr_put_string);
	RUN(test_uaddr_parse);
	RUN(test_uaddr_format);
	RUN(test_pending);
	RUN(test_pending_retransmit);
	RUN(test_pending_full);
	RUN(test_exchange);
	return unit_exit();
}
