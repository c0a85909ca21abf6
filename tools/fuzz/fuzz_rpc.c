// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the Sun RPC ALG's parser.
 *
 * The input is read as a UDP message (call and reply), as a TCP stream of
 * record-marked fragments (each complete one parsed as a message), as
 * universal address text (whole, and each NUL-separated piece), as XDR
 * strings, as arguments of the formatters, and as a sequence of
 * operations on the set of waiting calls, which is checked against a
 * model after every step.  Every result is checked against the bytes:
 * return values in range, outputs zero on failure, offsets inside the
 * message, fields equal to the words they come from, the same result for
 * the message followed by more bytes, refusal of the prefixes of a
 * refused message, universal addresses against glibc's inet_pton() and
 * through a format and parse round trip.  Any inconsistency aborts.
 *
 * Every parser call runs on an exact-size heap copy of its input, so that
 * AddressSanitizer reports any read past the length given.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rpc/rpc_parse.h"

#define FAIL(...) do {							\
	fprintf(stderr, "fuzz_rpc: " __VA_ARGS__);			\
	fputc('\n', stderr);						\
	abort();							\
} while (0)

static u8 *copy_of(const void *in, size_t len)
{
	u8 *p = malloc(len ? len : 1);

	if (!p)
		abort();
	memcpy(p, in, len);
	return p;
}

static u32 be32(const u8 *b)
{
	return (u32)b[0] << 24 | (u32)b[1] << 16 | (u32)b[2] << 8 | b[3];
}

static unsigned int pad4(unsigned int n)
{
	return (n + 3) & ~3U;
}

static int call_copy(const u8 *in, size_t len, struct nfalg_rpc_call *c)
{
	u8 *p = copy_of(in, len);
	int ret = nfalg_rpc_parse_call(p, len, c);

	free(p);
	return ret;
}

static int reply_copy(const u8 *in, size_t len, struct nfalg_rpc_reply *r)
{
	u8 *p = copy_of(in, len);
	int ret = nfalg_rpc_parse_reply(p, len, r);

	free(p);
	return ret;
}

/* The message followed by junk: a copy of len + 8 bytes */
static u8 *extended(const u8 *in, size_t len)
{
	u8 *p = malloc(len + 8);

	if (!p)
		abort();
	memcpy(p, in, len);
	memset(p + len, 0xa5, 8);
	return p;
}

/*
 * An XDR string read independently: 0 and its span, or -1.  No maximum
 * but @max.
 */
static int ref_string(const u8 *b, size_t len, size_t *off, size_t max,
		      size_t *so, size_t *sl)
{
	size_t n;

	if (*off > len || len - *off < 4)
		return -1;
	n = be32(b + *off);
	if (n > max || n > len - *off - 4 || pad4(n) > len - *off - 4)
		return -1;
	*so = *off + 4;
	*sl = n;
	*off += 4 + pad4(n);
	return 0;
}

static bool str_is(const u8 *b, size_t so, size_t sl, const char *s)
{
	return sl == strlen(s) && !memcmp(b + so, s, sl);
}

/* Universal addresses */

/* A port byte: 1 to 3 digits, no leading zero, at most 255; else -1 */
static int ref_port_byte(const char *s, size_t n)
{
	char t[4];
	size_t i;

	if (!n || n > 3 || (n > 1 && s[0] == '0'))
		return -1;
	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return -1;
	memcpy(t, s, n);
	t[n] = '\0';
	i = strtoul(t, NULL, 10);
	return i <= 255 ? (int)i : -1;
}

/* The universal address as glibc would read it, for comparison */
static int ref_uaddr(const char *s, size_t n, bool *v6, u8 *addr, u16 *port)
{
	const char *d1 = NULL, *d2 = NULL;
	char text[128];
	size_t i, an;
	int p1, p2;

	*v6 = false;
	*port = 0;
	memset(addr, 0, 16);
	if (!n)
		return -ENOENT;
	if (memchr(s, '\0', n))
		return -EINVAL;
	for (i = n; i--;) {
		if (s[i] != '.')
			continue;
		if (!d2) {
			d2 = s + i;
		} else {
			d1 = s + i;
			break;
		}
	}
	if (!d1)
		return -EINVAL;
	p1 = ref_port_byte(d1 + 1, d2 - d1 - 1);
	p2 = ref_port_byte(d2 + 1, s + n - d2 - 1);
	an = d1 - s;
	if (p1 < 0 || p2 < 0 || !(p1 | p2) || an >= sizeof(text))
		return -EINVAL;
	memcpy(text, s, an);
	text[an] = '\0';
	*v6 = memchr(text, ':', an);
	if (inet_pton(*v6 ? AF_INET6 : AF_INET, text, addr) != 1) {
		*v6 = false;
		memset(addr, 0, 16);
		return -EINVAL;
	}
	*port = p1 << 8 | p2;
	return 0;
}

static int uaddr_copy(const char *s, size_t n, bool *v6, u8 *addr, u16 *port)
{
	char *p = (char *)copy_of(s, n);
	int ret = nfalg_rpc_uaddr_parse(p, n, v6, addr, port);

	free(p);
	return ret;
}

/* Format into exactly NFALG_RPC_UADDR_MAX heap bytes; parse it back */
static void uaddr_round_trip(bool v6, const u8 *addr, u16 port)
{
	char *t = malloc(NFALG_RPC_UADDR_MAX), *t2 = malloc(NFALG_RPC_UADDR_MAX);
	unsigned int n, n2;
	u8 back[16];
	bool v6b;
	u16 pb;
	int ret;

	n = nfalg_rpc_uaddr_format(t, v6, addr, port);
	if (!n || n >= NFALG_RPC_UADDR_MAX || strlen(t) != n)
		FAIL("format wrote %u bytes", n);
	ret = uaddr_copy(t, n, &v6b, back, &pb);
	if (!port) {
		if (ret != -EINVAL)
			FAIL("port 0 \"%s\" parsed: %d", t, ret);
		goto out;
	}
	if (ret || v6b != v6 || pb != port || memcmp(back, addr, v6 ? 16 : 4) ||
	    (!v6 && memcmp(back + 4, "\0\0\0\0\0\0\0\0\0\0\0\0", 12)))
		FAIL("\"%s\" does not parse back: %d", t, ret);
	n2 = nfalg_rpc_uaddr_format(t2, v6b, back, pb);
	if (n2 != n || strcmp(t, t2))
		FAIL("\"%s\" formats again to \"%s\"", t, t2);
out:
	free(t);
	free(t2);
}

static void check_uaddr(const char *s, size_t n)
{
	u8 addr[16], raddr[16];
	bool v6 = true, rv6;
	u16 port = 1, rport;
	int ret, ref;

	memset(addr, 0xee, sizeof(addr));
	ret = uaddr_copy(s, n, &v6, addr, &port);
	ref = ref_uaddr(s, n, &rv6, raddr, &rport);
	if (ret != ref || v6 != rv6 || port != rport ||
	    memcmp(addr, raddr, 16))
		FAIL("uaddr \"%.*s\": %d (port %u), glibc reading %d (port %u)",
		     (int)n, s, ret, port, ref, rport);
	if (!ret)
		uaddr_round_trip(v6, addr, port);
}

/* Calls */

static void check_call_fields(const u8 *b, size_t len,
			      const struct nfalg_rpc_call *c)
{
	size_t off = c->args_off, no, nl, so, sl;
	u32 prot;
	u8 l4 = 0;
	bool v6 = false;

	if (len < 40 || be32(b + 4) != 0 || be32(b + 8) != 2 ||
	    c->prog != be32(b + 12) || c->vers != be32(b + 16) ||
	    c->proc != be32(b + 20))
		FAIL("call header fields");
	if (c->args_off < 40 || c->args_off > len || c->args_off % 4)
		FAIL("args_off %u of %zu", c->args_off, len);
	if (c->kind > NFALG_RPC_K_REFUSED ||
	    (c->prog != NFALG_RPC_PMAP_PROG && c->kind != NFALG_RPC_K_OTHER))
		FAIL("kind %u of program %u", c->kind, c->prog);
	if ((c->kind == NFALG_RPC_K_GETPORT) != (c->vers == 2 && c->proc == 3 &&
						 c->prog == NFALG_RPC_PMAP_PROG))
		FAIL("GETPORT kind");
	if (c->kind == NFALG_RPC_K_GETADDRLIST && (c->vers != 4 || c->proc != 11))
		FAIL("GETADDRLIST kind");

	switch (c->kind) {
	case NFALG_RPC_K_GETPORT:
		if (len - off < 16)
			FAIL("GETPORT arguments missing");
		prot = be32(b + off + 8);
		l4 = prot == 6 || prot == 17 ? prot : 0;
		break;
	case NFALG_RPC_K_GETADDR:
	case NFALG_RPC_K_GETADDRLIST:
		off += 8;
		if (ref_string(b, len, &off, NFALG_RPC_STR_MAX, &no, &nl) ||
		    ref_string(b, len, &off, NFALG_RPC_STR_MAX, &so, &sl) ||
		    ref_string(b, len, &off, NFALG_RPC_STR_MAX, &so, &sl))
			FAIL("rpcb arguments missing");
		if (str_is(b, no, nl, "tcp") || str_is(b, no, nl, "tcp6"))
			l4 = IPPROTO_TCP;
		if (str_is(b, no, nl, "udp") || str_is(b, no, nl, "udp6"))
			l4 = IPPROTO_UDP;
		v6 = l4 && nl == 4;
		off = c->args_off;
		break;
	default:
		if (c->arg_prog || c->arg_vers || c->arg_l4proto || c->arg_v6)
			FAIL("arguments of kind %u", c->kind);
		return;
	}
	if (c->arg_prog != be32(b + off) || c->arg_vers != be32(b + off + 4) ||
	    c->arg_l4proto != l4 || c->arg_v6 != v6)
		FAIL("arguments differ: l4 %u/%u v6 %u/%u", c->arg_l4proto, l4,
		     c->arg_v6, v6);
}

static void check_call(const u8 *b, size_t len, struct nfalg_rpc_call *out)
{
	struct nfalg_rpc_call c, c2, z;
	int ret, r2;
	u8 *ext;
	size_t k;

	ret = call_copy(b, len, &c);
	*out = c;
	if (ret != 0 && ret != -ENOENT && ret != -EINVAL)
		FAIL("call: %d", ret);
	if (c.xid != (len >= 4 ? be32(b) : 0))
		FAIL("call xid");
	if (ret) {
		memset(&z, 0, sizeof(z));
		z.xid = c.xid;
		if (memcmp(&z, &c, sizeof(c)))
			FAIL("call result not reset on %d", ret);
	}
	if ((ret == -ENOENT) != (len >= 8 && be32(b + 4) != 0))
		FAIL("call: %d for msg_type", ret);
	if (!ret)
		check_call_fields(b, len, &c);

	/* bytes after the message change nothing once it parses */
	ext = extended(b, len);
	r2 = call_copy(ext, len + 8, &c2);
	if (ret != -EINVAL && (r2 != ret || memcmp(&c, &c2, sizeof(c))))
		FAIL("call followed by more bytes: %d, alone %d", r2, ret);
	free(ext);

	/* a prefix parses the same, or is refused as too short */
	for (k = 1; k <= 3 && k <= len; k++) {
		r2 = call_copy(b, k == 3 ? len / 2 : len - k, &c2);
		if (ret == -EINVAL ? r2 != -EINVAL :
		    r2 != -EINVAL && (r2 != ret || memcmp(&c, &c2, sizeof(c))))
			FAIL("call prefix: %d, whole %d", r2, ret);
	}
}

/* Replies */

static void check_getport(const u8 *b, size_t len, unsigned int off)
{
	u8 *p = copy_of(b, len);
	u16 port = 1;
	int ret, want;
	u32 v = 0;

	ret = nfalg_rpc_getport_result(p, len, off, &port);
	free(p);
	if (off > len || len - off < 4) {
		want = -EINVAL;
	} else {
		v = be32(b + off);
		want = v > 65535 ? -EINVAL : v ? 0 : -ENOENT;
	}
	if (ret != want || port != (want ? 0 : v))
		FAIL("GETPORT result %d port %u, expected %d", ret, port, want);
}

static void check_getaddr(const u8 *b, size_t len, unsigned int res_off)
{
	unsigned int off = res_off, so = 0, sl = 0;
	size_t roff = res_off, rso, rsl;
	u8 *p = copy_of(b, len);
	int ret, ref;

	ret = nfalg_rpc_xdr_string(p, len, &off, NFALG_RPC_UADDR_MAX, &so, &sl);
	free(p);
	ref = ref_string(b, len, &roff, NFALG_RPC_UADDR_MAX, &rso, &rsl);
	if ((ret != 0) != (ref != 0) ||
	    (!ret && (so != rso || sl != rsl || off != roff)) ||
	    (ret && off != res_off))
		FAIL("GETADDR string %d, expected %d", ret, ref);
	if (!ret)
		check_uaddr((const char *)b + so, sl);
}

/* An rpcb_entry item read independently: its end, or 0 when refused */
struct ref_entry {
	size_t mo, ml, fo, fl, po, pl;
};

static size_t ref_entry(const u8 *b, size_t len, size_t at,
			struct ref_entry *r)
{
	size_t p = at + 4, no, nl;

	if (at > len || len - at < 4 || be32(b + at) != 1 ||
	    ref_string(b, len, &p, NFALG_RPC_STR_MAX, &r->mo, &r->ml) ||
	    ref_string(b, len, &p, NFALG_RPC_STR_MAX, &no, &nl) ||
	    len - p < 4)
		return 0;
	p += 4;
	if (ref_string(b, len, &p, NFALG_RPC_STR_MAX, &r->fo, &r->fl) ||
	    ref_string(b, len, &p, NFALG_RPC_STR_MAX, &r->po, &r->pl))
		return 0;
	return p;
}

/* The GETADDRLIST walk, each entry read again independently */
static void check_addrlist(const u8 *b, size_t len, unsigned int res_off)
{
	unsigned int off = res_off, prev, guard = 0;
	struct nfalg_rpc_entry e;
	struct ref_entry r;
	u8 *p = copy_of(b, len), l4;
	size_t rend;
	bool v6, inet;
	int ret;

	for (;;) {
		prev = off;
		ret = nfalg_rpc_addrlist_next(p, len, &off, &e);
		rend = ref_entry(b, len, prev, &r);
		if (ret == 0) {
			if (off != prev + 4 || be32(b + prev))
				FAIL("list end at %u", prev);
			break;
		}
		if (ret < 0) {
			if (ret != -EINVAL || off != prev || e.maddr_off ||
			    e.maddr_len || e.maddr_xdr_off || e.maddr_xdr_len ||
			    e.l4proto || e.v6 || rend)
				FAIL("list failure %d at %u", ret, prev);
			break;
		}
		if (ret != 1 || !rend || ++guard > len / 24)
			FAIL("list: %d after %u entries", ret, guard);
		v6 = str_is(b, r.fo, r.fl, "inet6");
		inet = v6 || str_is(b, r.fo, r.fl, "inet");
		l4 = !inet ? 0 : str_is(b, r.po, r.pl, "tcp") ? IPPROTO_TCP :
		     str_is(b, r.po, r.pl, "udp") ? IPPROTO_UDP : 0;
		if (off != rend || e.maddr_xdr_off != prev + 4 ||
		    e.maddr_off != r.mo || e.maddr_len != r.ml ||
		    e.maddr_xdr_len != 4 + pad4(r.ml) || e.l4proto != l4 ||
		    e.v6 != v6)
			FAIL("entry at %u differs", prev);
		check_uaddr((const char *)b + e.maddr_off, e.maddr_len);
	}
	free(p);
}

static void check_reply(const u8 *b, size_t len)
{
	struct nfalg_rpc_reply r, r2;
	int ret, ret2;
	size_t k;
	u8 *ext;

	ret = reply_copy(b, len, &r);
	if (ret != 0 && ret != -ENOENT && ret != -EINVAL)
		FAIL("reply: %d", ret);
	if (r.xid != (len >= 4 ? be32(b) : 0))
		FAIL("reply xid");
	if (ret && (r.success || r.res_off))
		FAIL("reply result not reset on %d", ret);
	if ((ret == -ENOENT) != (len >= 8 && be32(b + 4) == 0))
		FAIL("reply: %d for msg_type", ret);
	if (!ret && be32(b + 4) != 1)
		FAIL("reply of msg_type %u", be32(b + 4));
	if (!ret && r.success &&
	    (r.res_off < 24 || r.res_off > len || r.res_off % 4 ||
	     be32(b + 8) || be32(b + r.res_off - 4)))
		FAIL("res_off %u of %zu", r.res_off, len);
	if (!ret && !r.success && r.res_off)
		FAIL("res_off without success");

	ext = extended(b, len);
	ret2 = reply_copy(ext, len + 8, &r2);
	if (ret != -EINVAL && (ret2 != ret || memcmp(&r, &r2, sizeof(r))))
		FAIL("reply followed by more bytes: %d, alone %d", ret2, ret);
	free(ext);
	for (k = 1; k <= 3 && k <= len; k++) {
		ret2 = reply_copy(b, k == 3 ? len / 2 : len - k, &r2);
		if (ret == -EINVAL ? ret2 != -EINVAL :
		    ret2 != -EINVAL && (ret2 != ret ||
					memcmp(&r, &r2, sizeof(r))))
			FAIL("reply prefix: %d, whole %d", ret2, ret);
	}

	if (ret || !r.success)
		return;
	check_getport(b, len, r.res_off);
	check_getaddr(b, len, r.res_off);
	check_addrlist(b, len, r.res_off);
}

/* Record marking: the input as a TCP stream */
static void check_stream(const u8 *b, size_t len)
{
	struct nfalg_rpc_call c;
	size_t pos = 0;
	u8 *p;
	int f;
	u32 n;

	while (pos < len) {
		p = copy_of(b + pos, len - pos);
		f = nfalg_rpc_frag_len(p, len - pos);
		if (len - pos >= 4 &&
		    nfalg_rpc_frag_last(p) != !!(b[pos] & 0x80))
			FAIL("last bit");
		free(p);
		if (len - pos < 4) {
			if (f)
				FAIL("frag_len %d of %zu bytes", f, len - pos);
			return;
		}
		n = be32(b + pos) & 0x7fffffff;
		if (f != (!n || n > NFALG_RPC_FRAG_MAX ? -EINVAL : (int)n + 4))
			FAIL("frag_len %d for %u", f, n);
		if (f < 0 || (size_t)f > len - pos)
			return;
		check_call(b + pos + 4, f - 4, &c);
		check_reply(b + pos + 4, f - 4);
		pos += f;
	}
}

/* XDR strings read at the first offsets, with a maximum from the input */
static void check_strings(const u8 *b, size_t len)
{
	unsigned int off, o, so, sl, max;
	size_t roff, rso, rsl;
	u8 *p = copy_of(b, len);
	int ret, ref;

	max = len ? b[0] * 5U : 0;
	for (o = 0; o <= len && o <= 64; o += 4) {
		off = o;
		ret = nfalg_rpc_xdr_string(p, len, &off, max, &so, &sl);
		roff = o;
		ref = ref_string(b, len, &roff, max, &rso, &rsl);
		if ((ret != 0) != (ref != 0) || (ret && ret != -EINVAL) ||
		    (!ret && (so != rso || sl != rsl || off != roff)) ||
		    (ret && off != o))
			FAIL("string at %u: %d, expected %d", o, ret, ref);
	}
	free(p);
}

/* The formatters, from input bytes */
static void check_format(const u8 *b, size_t len)
{
	unsigned int n, cap, w, off, so, sl;
	char g[INET6_ADDRSTRLEN], want[80], t[NFALG_RPC_UADDR_MAX];
	u8 addr[16], *d;
	bool v6;
	u16 port;

	if (len < 19)
		return;
	v6 = b[0] & 1;
	port = b[1] << 8 | b[2];
	memcpy(addr, b + 3, 16);
	if (!v6)
		memset(addr + 4, 0, 12);
	else if (b[0] & 2)
		memset(addr, 0, 10);
	uaddr_round_trip(v6, addr, port);

	/* glibc's text, but for the IPv4-compatible form it still prints */
	if (!v6 || memcmp(addr, "\0\0\0\0\0\0\0\0\0\0\0\0", 12) ||
	    !memcmp(addr + 12, "\0\0", 2)) {
		inet_ntop(v6 ? AF_INET6 : AF_INET, addr, g, sizeof(g));
		snprintf(want, sizeof(want), "%s.%u.%u", g, port >> 8,
			 port & 0xff);
		nfalg_rpc_uaddr_format(t, v6, addr, port);
		if (strcmp(t, want))
			FAIL("formatted \"%s\", glibc says \"%s\"", t, want);
	}

	/* an XDR string of the rest, into exactly @cap bytes */
	n = b[0] >> 2;
	if (n > len - 19)
		n = len - 19;
	cap = b[3] % 80;
	w = 4 + pad4(n);
	d = malloc(cap ? cap : 1);
	memset(d, 0xaa, cap);
	off = nfalg_rpc_xdr_put_string(d, cap, (const char *)b + 19, n);
	if (off != (w <= cap ? w : 0))
		FAIL("put_string of %u into %u: %u", n, cap, off);
	if (off) {
		if (be32(d) != n || memcmp(d + 4, b + 19, n) ||
		    memcmp(d + 4 + n, "\0\0\0", w - 4 - n))
			FAIL("put_string bytes");
		off = 0;
		if (nfalg_rpc_xdr_string(d, cap, &off, n, &so, &sl) ||
		    so != 4 || sl != n || off != w)
			FAIL("put_string does not read back");
	} else if (cap && d[0] != 0xaa) {
		FAIL("put_string wrote without room");
	}
	free(d);
}

/* The set of waiting calls against a model, driven by the input */
struct model {
	struct nfalg_rpc_pending p[NFALG_RPC_PENDING_MAX];
	unsigned int n;
};

static void model_remove(struct model *m, unsigned int i)
{
	for (; i + 1 < m->n; i++)
		m->p[i] = m->p[i + 1];
	m->n--;
}

static int model_find(const struct model *m, u32 xid)
{
	unsigned int i;

	for (i = 0; i < m->n; i++)
		if (m->p[i].xid == xid)
			return i;
	return -1;
}

static bool noted(u8 kind)
{
	return kind == NFALG_RPC_K_GETPORT || kind == NFALG_RPC_K_GETADDR ||
	       kind == NFALG_RPC_K_GETADDRLIST;
}

static void check_pending(const u8 *b, size_t len)
{
	static const u8 l4s[] = { 0, IPPROTO_TCP, IPPROTO_UDP, 0 };
	struct nfalg_rpc_state s;
	struct nfalg_rpc_pending out, e;
	struct nfalg_rpc_call c;
	struct model m = { .n = 0 };
	size_t pos;
	unsigned int i;
	int ret, want, at;

	memset(&s, 0, sizeof(s));
	s.cont[0] = len ? b[0] : 0;
	s.cont[1] = 0x5a;
	for (pos = 0; pos + 3 <= len; pos += 3) {
		u8 op = b[pos], x = b[pos + 1], y = b[pos + 2];

		memset(&c, 0, sizeof(c));
		c.xid = x & 15 ? x & 15 : 0x80000000u;
		c.kind = (op >> 2) % 5;
		c.arg_prog = 100000 + (y & 3);
		c.arg_l4proto = l4s[y >> 6];
		c.arg_v6 = y & 4;
		memset(&e, 0, sizeof(e));
		e.xid = c.xid;
		e.arg_prog = c.arg_prog;
		e.kind = c.kind;
		e.l4proto = c.arg_l4proto;
		e.v6 = c.arg_v6;
		at = model_find(&m, c.xid);

		switch (op & 3) {
		case 0:
		case 1:
			ret = nfalg_rpc_pending_add(&s, &c);
			if (at >= 0) {
				const struct nfalg_rpc_pending *w = &m.p[at];
				bool same = noted(c.kind) &&
					    w->kind == e.kind &&
					    w->arg_prog == e.arg_prog &&
					    w->l4proto == e.l4proto &&
					    w->v6 == e.v6;

				want = -EEXIST;
				model_remove(&m, at);
				if (same)
					m.p[m.n++] = e;
			} else if (!noted(c.kind)) {
				want = -EINVAL;
			} else {
				want = 0;
				if (m.n == NFALG_RPC_PENDING_MAX) {
					model_remove(&m, 0);
					want = 1;
				}
				m.p[m.n++] = e;
			}
			if (ret != want)
				FAIL("add %u kind %u: %d, expected %d", c.xid,
				     c.kind, ret, want);
			break;
		case 2:
			memset(&out, 0xee, sizeof(out));
			ret = nfalg_rpc_pending_take(&s, c.xid, &out);
			if (at < 0) {
				memset(&e, 0, sizeof(e));
				if (ret != -ENOENT || memcmp(&out, &e, sizeof(e)))
					FAIL("take %u: %d, none waits", c.xid,
					     ret);
				break;
			}
			if (ret || out.xid != m.p[at].xid ||
			    out.arg_prog != m.p[at].arg_prog ||
			    out.kind != m.p[at].kind ||
			    out.l4proto != m.p[at].l4proto ||
			    out.v6 != m.p[at].v6)
				FAIL("take %u: %d or another call", c.xid, ret);
			model_remove(&m, at);
			break;
		default:
			/* a count out of range: taken as full */
			if (!(op & 4))
				break;
			s.n = NFALG_RPC_PENDING_MAX + 1 + (x % 247);
			m.n = NFALG_RPC_PENDING_MAX;
			memcpy(m.p, s.p, sizeof(m.p));
			ret = nfalg_rpc_pending_take(&s, 0x7fffffff, &out);
			if (ret != -ENOENT || s.n != NFALG_RPC_PENDING_MAX)
				FAIL("clamped take: %d, n %u", ret, s.n);
			break;
		}
		if (s.n != m.n)
			FAIL("state holds %u, model %u", s.n, m.n);
		for (i = 0; i < m.n; i++)
			if (s.p[i].xid != m.p[i].xid ||
			    s.p[i].arg_prog != m.p[i].arg_prog ||
			    s.p[i].kind != m.p[i].kind ||
			    s.p[i].l4proto != m.p[i].l4proto ||
			    s.p[i].v6 != m.p[i].v6)
				FAIL("state and model differ at %u", i);
		if (s.cont[0] != (len ? b[0] : 0) || s.cont[1] != 0x5a)
			FAIL("cont changed");
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nfalg_rpc_call c;
	const u8 *nul, *p = data, *end = data + size;

	check_call(data, size, &c);
	check_reply(data, size);
	check_stream(data, size);
	check_strings(data, size);
	check_format(data, size);
	check_pending(data, size);

	check_uaddr((const char *)data, size);
	while (p < end) {
		nul = memchr(p, '\0', end - p);
		if (!nul)
			nul = end;
		check_uaddr((const char *)p, nul - p);
		p = nul + 1;
	}
	return 0;
}
