// SPDX-License-Identifier: GPL-2.0
/*
 * nfalg DCE RPC ALG: connection-oriented PDUs of the endpoint mapper
 * (C706 chapter 12 and appendices I and L, MS-RPCE), and the state that
 * ties its answers to the requests they answer.
 *
 * Layouts read (offsets from the PDU start; integers per the drep):
 *
 *   common header   0 rpc_vers (5), 1 rpc_vers_minor (0, 1), 2 PTYPE,
 *                   3 pfc_flags, 4 drep[4], 8 frag_length u16,
 *                   10 auth_length u16, 12 call_id u32
 *   bind, alter_context
 *                   16 max_xmit_frag u16, 18 max_recv_frag u16,
 *                   20 assoc_group_id u32, 24 n_context_elem u8, 3 bytes,
 *                   then n_context_elem times: p_cont_id u16,
 *                   n_transfer_syn u8, 1 byte, abstract syntax (UUID,
 *                   version u32), n_transfer_syn transfer syntaxes
 *   bind_ack, alter_context_resp
 *                   16 max_xmit_frag, 18 max_recv_frag, 20 assoc_group_id,
 *                   24 sec_addr length u16, the characters, padding to 4,
 *                   n_results u8, 3 bytes, then n_results times: result
 *                   u16, reason u16, transfer syntax (UUID, version u32)
 *   request         16 alloc_hint u32, 20 p_cont_id u16, 22 opnum u16,
 *                   [24 object UUID], stub
 *   response        16 alloc_hint u32, 20 p_cont_id u16, 22 cancel_count,
 *                   23 reserved, 24 stub
 *
 * A syntax version u32 holds the major version in its low 16 bits.  An
 * authenticated PDU ends in an 8-byte sec_trailer (auth_pad_length in
 * its third byte) and auth_length bytes of verifier.
 *
 * The stubs are NDR (C706 chapter 14): alignment is counted from the
 * stub's first byte; a full pointer is a u32 referent id, 0 for null;
 * the referent of a top-level pointer follows it, that of a pointer
 * embedded in an array follows the whole array.  ept_map's answer and
 * ept_lookup's are described with nfalg_dcerpc_parse_towers() in the
 * header, ept_map's request with nfalg_dcerpc_parse_map_req().
 *
 * Strictness: everything is bounded by the PDU's own lengths
 * (frag_length, the end of the body before an authentication trailer,
 * the stub); any count or length that would lead past them makes the
 * PDU invalid rather than partly read.  Nothing is ever read past the
 * length given to a function.  Loops run at most once per byte they
 * consume, except the check that no two tower pointers of an answer
 * share a referent id (quadratic in the pointers, which each consume
 * at least 16 bytes of the PDU).
 */

#include <nfalg/types.h>
#include "dcerpc_parse.h"

#define DCERPC_VERS		5
#define DCERPC_DREP_LE		0x10	/* drep[0]: little-endian integers */
#define DCERPC_SEC_TRAILER	8	/* bytes of an auth sec_trailer */
#define DCERPC_BIND_FIXED	8	/* max_xmit, max_recv, assoc_group */
#define DCERPC_ELEM_FIXED	24	/* p_cont_elem up to its syntaxes */
#define DCERPC_SYNTAX_LEN	20	/* UUID and version */
#define DCERPC_RESULT_LEN	24	/* result, reason, transfer syntax */
#define DCERPC_CALL_FIXED	24	/* header and request/response head */
#define DCERPC_UUID_LEN		16
#define DCERPC_HANDLE_LEN	20	/* context handle */
#define DCERPC_EPM_MAJOR	3
#define DCERPC_NDR_VERS		2
#define DCERPC_NDR64_VERS	1

/* Tower floor protocol identifiers (C706 appendix I) */
#define DCERPC_TWR_UUID		0x0d
#define DCERPC_TWR_RPC_CO	0x0b
#define DCERPC_TWR_TCP		0x07
#define DCERPC_TWR_IP		0x09
#define DCERPC_TWR_UUID_LHS	19	/* protocol id, UUID, major version */
#define DCERPC_TWR_TCP_FLOORS	5

/* e1af8308-5d1f-11c9-91a4-08002b14a0fa: the endpoint mapper */
static const u8 dcerpc_epm_uuid[DCERPC_UUID_LEN] = {
	0xe1, 0xaf, 0x83, 0x08, 0x5d, 0x1f, 0x11, 0xc9,
	0x91, 0xa4, 0x08, 0x00, 0x2b, 0x14, 0xa0, 0xfa,
};

/* 8a885d04-1ceb-11c9-9fe8-08002b104860: NDR */
static const u8 dcerpc_ndr_uuid[DCERPC_UUID_LEN] = {
	0x8a, 0x88, 0x5d, 0x04, 0x1c, 0xeb, 0x11, 0xc9,
	0x9f, 0xe8, 0x08, 0x00, 0x2b, 0x10, 0x48, 0x60,
};

/* 71710533-beba-4937-8319-b5dbef9ccc36: NDR64 */
static const u8 dcerpc_ndr64_uuid[DCERPC_UUID_LEN] = {
	0x71, 0x71, 0x05, 0x33, 0xbe, 0xba, 0x49, 0x37,
	0x83, 0x19, 0xb5, 0xdb, 0xef, 0x9c, 0xcc, 0x36,
};

static u16 dcerpc_get16(const u8 *p, bool le)
{
	return le ? p[0] | p[1] << 8 : p[0] << 8 | p[1];
}

static u32 dcerpc_get32(const u8 *p, bool le)
{
	if (le)
		return (u32)p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 |
		       (u32)p[3] << 24;
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 |
	       (u32)p[3];
}

/* A UUID on the wire, its first three fields in the order @le says */
static void dcerpc_get_uuid(const u8 *p, bool le, u8 *uuid)
{
	if (le) {
		uuid[0] = p[3];
		uuid[1] = p[2];
		uuid[2] = p[1];
		uuid[3] = p[0];
		uuid[4] = p[5];
		uuid[5] = p[4];
		uuid[6] = p[7];
		uuid[7] = p[6];
	} else {
		memcpy(uuid, p, 8);
	}
	memcpy(uuid + 8, p + 8, 8);
}

/*
 * A reading position in b[0, end): pos never goes past end.  NDR
 * alignment is counted from base.
 */
struct dcerpc_cur {
	const u8 *b;
	unsigned int pos;
	unsigned int end;
	unsigned int base;
	bool le;
};

static void dcerpc_cur_init(struct dcerpc_cur *c, const u8 *b,
			    unsigned int pos, unsigned int end, bool le)
{
	c->b = b;
	c->pos = pos;
	c->end = end;
	c->base = pos;
	c->le = le;
}

static bool dcerpc_has(const struct dcerpc_cur *c, unsigned int n)
{
	return c->end - c->pos >= n;
}

static bool dcerpc_skip(struct dcerpc_cur *c, unsigned int n)
{
	if (!dcerpc_has(c, n))
		return false;
	c->pos += n;
	return true;
}

static bool dcerpc_u32(struct dcerpc_cur *c, u32 *v)
{
	if (!dcerpc_has(c, 4))
		return false;
	*v = dcerpc_get32(c->b + c->pos, c->le);
	c->pos += 4;
	return true;
}

static bool dcerpc_align4(struct dcerpc_cur *c)
{
	return dcerpc_skip(c, (4 - ((c->pos - c->base) & 3)) & 3);
}

/* The checks the bytes seen so far of a header allow */
static int dcerpc_check_prefix(const u8 *buf, unsigned int len)
{
	if (len > 0 && buf[0] != DCERPC_VERS)
		return -EINVAL;
	if (len > 1 && buf[1] > 1)
		return -EINVAL;
	if (len > 2 && buf[2] > NFALG_DCERPC_PTYPE_MAX)
		return -EINVAL;
	if (len > 4 && buf[4] >> 4 > 1)
		return -EINVAL;
	return 0;
}

int nfalg_dcerpc_pdu_len(const u8 *buf, unsigned int len)
{
	u16 frag;

	if (dcerpc_check_prefix(buf, len))
		return -EINVAL;
	if (len < NFALG_DCERPC_LEN_NEED)
		return 0;
	frag = dcerpc_get16(buf + 8, buf[4] & DCERPC_DREP_LE);
	if (frag < NFALG_DCERPC_HDR_LEN)
		return -EINVAL;
	return frag;
}

int nfalg_dcerpc_chain_len(const u8 *buf, unsigned int len, unsigned int max)
{
	unsigned int off = 0, n;
	int first, frag;
	bool le;

	first = nfalg_dcerpc_pdu_len(buf, len);
	if (first <= 0 || len < 4)
		return first;
	if ((buf[3] & (NFALG_DCERPC_PFC_FIRST | NFALG_DCERPC_PFC_LAST)) !=
	    NFALG_DCERPC_PFC_FIRST)
		return first;
	le = buf[4] & DCERPC_DREP_LE;
	for (n = 0; n < NFALG_DCERPC_FRAGS_MAX; n++) {
		if (off >= len || len - off < NFALG_DCERPC_HDR_LEN)
			/* the next header is not there yet */
			return off + NFALG_DCERPC_HDR_LEN > max ? first : 0;
		frag = nfalg_dcerpc_pdu_len(buf + off, len - off);
		if (frag <= 0 || buf[off + 2] != buf[2] ||
		    (buf[off + 4] & DCERPC_DREP_LE) != (buf[4] & DCERPC_DREP_LE) ||
		    dcerpc_get32(buf + off + 12, le) !=
		    dcerpc_get32(buf + 12, le) ||
		    (off && (buf[off + 3] & NFALG_DCERPC_PFC_FIRST)))
			return first;
		if (off + frag > max)
			return first;
		off += frag;
		if (buf[off - frag + 3] & NFALG_DCERPC_PFC_LAST)
			return off;
	}
	return first;
}

int nfalg_dcerpc_reassemble(const u8 *buf, unsigned int len, u8 *out,
			    struct nfalg_dcerpc_piece *map,
			    unsigned int *n_map)
{
	struct nfalg_dcerpc_hdr h, h0;
	struct nfalg_dcerpc_call c;
	unsigned int off = 0, o = 0, n = 0;

	*n_map = 0;
	memset(&h, 0, sizeof(h));
	memset(&h0, 0, sizeof(h0));
	while (off < len) {
		if (n == NFALG_DCERPC_FRAGS_MAX ||
		    nfalg_dcerpc_parse_hdr(buf + off, len - off, &h) ||
		    nfalg_dcerpc_parse_call(buf + off, len - off, &h, &c) ||
		    h.auth_len || (n && (h.ptype != h0.ptype ||
					 h.call_id != h0.call_id ||
					 h.le != h0.le)))
			return -EINVAL;
		if (!n) {
			h0 = h;
			/* the first fragment up to its stub's end */
			map[0].out_off = 0;
			map[0].in_off = 0;
			map[0].len = c.stub_off + c.stub_len;
		} else {
			map[n].out_off = o;
			map[n].in_off = off + c.stub_off;
			map[n].len = c.stub_len;
		}
		memcpy(out + o, buf + map[n].in_off, map[n].len);
		o += map[n].len;
		off += h.frag_len;
		n++;
		if (h.flags & NFALG_DCERPC_PFC_LAST)
			break;
	}
	if (!n || !(h.flags & NFALG_DCERPC_PFC_LAST) ||
	    o > 0xffff)
		return -EINVAL;
	/* one PDU: first and last fragment, its length, no authentication */
	out[3] |= NFALG_DCERPC_PFC_FIRST | NFALG_DCERPC_PFC_LAST;
	out[8] = h0.le ? o & 0xff : o >> 8;
	out[9] = h0.le ? o >> 8 : o & 0xff;
	*n_map = n;
	return o;
}

int nfalg_dcerpc_parse_hdr(const u8 *buf, unsigned int len,
			   struct nfalg_dcerpc_hdr *h)
{
	unsigned int body_end;
	bool le;
	int frag;
	u16 auth;

	memset(h, 0, sizeof(*h));
	if (len < NFALG_DCERPC_HDR_LEN)
		return -EINVAL;
	frag = nfalg_dcerpc_pdu_len(buf, len);
	if (frag <= 0 || (unsigned int)frag > len)
		return -EINVAL;
	le = buf[4] & DCERPC_DREP_LE;
	auth = dcerpc_get16(buf + 10, le);
	body_end = frag;
	if (auth) {
		if ((unsigned int)frag <
		    NFALG_DCERPC_HDR_LEN + DCERPC_SEC_TRAILER + (unsigned int)auth)
			return -EINVAL;
		body_end = frag - DCERPC_SEC_TRAILER - auth;
	}
	h->ptype = buf[2];
	h->flags = buf[3];
	h->le = le;
	h->frag_len = frag;
	h->auth_len = auth;
	h->body_end = body_end;
	h->call_id = dcerpc_get32(buf + 12, le);
	return 0;
}

/* @h is what nfalg_dcerpc_parse_hdr() makes of a PDU of @len bytes */
static bool dcerpc_hdr_ok(const struct nfalg_dcerpc_hdr *h, unsigned int len)
{
	unsigned int trailer = 0;

	if (h->auth_len)
		trailer = DCERPC_SEC_TRAILER + h->auth_len;
	return h->frag_len >= NFALG_DCERPC_HDR_LEN && h->frag_len <= len &&
	       h->ptype <= NFALG_DCERPC_PTYPE_MAX &&
	       h->body_end >= NFALG_DCERPC_HDR_LEN &&
	       (unsigned int)h->body_end + trailer == h->frag_len;
}

bool nfalg_dcerpc_first_ok(u8 ptype, bool from_client)
{
	if (from_client)
		return ptype == NFALG_DCERPC_BIND;
	return ptype == NFALG_DCERPC_BIND_ACK || ptype == NFALG_DCERPC_BIND_NAK;
}

int nfalg_dcerpc_parse_bind(const u8 *buf, unsigned int len,
			    const struct nfalg_dcerpc_hdr *h,
			    struct nfalg_dcerpc_bind *out)
{
	struct dcerpc_cur c;
	unsigned int i, j, n;

	memset(out, 0, sizeof(*out));
	if (!dcerpc_hdr_ok(h, len) ||
	    (h->ptype != NFALG_DCERPC_BIND && h->ptype != NFALG_DCERPC_ALTER))
		return -EINVAL;
	dcerpc_cur_init(&c, buf, NFALG_DCERPC_HDR_LEN, h->body_end, h->le);
	if (!dcerpc_skip(&c, DCERPC_BIND_FIXED) || !dcerpc_has(&c, 4))
		goto bad;
	n = buf[c.pos];
	c.pos += 4;
	for (i = 0; i < n; i++) {
		const u8 *e = buf + c.pos;
		u8 uuid[DCERPC_UUID_LEN];
		u16 id;
		u8 nts;

		if (!dcerpc_has(&c, DCERPC_ELEM_FIXED))
			goto bad;
		id = dcerpc_get16(e, h->le);
		nts = e[2];
		dcerpc_get_uuid(e + 4, h->le, uuid);
		c.pos += DCERPC_ELEM_FIXED;
		if (!nts || !dcerpc_skip(&c, nts * DCERPC_SYNTAX_LEN))
			goto bad;
		if (i >= NFALG_DCERPC_CTX_MAX)
			continue;
		/* one meaning per context id */
		for (j = 0; j < i; j++)
			if (out->cont_id[j] == id)
				goto bad;
		out->cont_id[i] = id;
		if (!memcmp(uuid, dcerpc_epm_uuid, DCERPC_UUID_LEN) &&
		    (dcerpc_get32(e + 20, h->le) & 0xffff) == DCERPC_EPM_MAJOR) {
			out->is_epm[i] = true;
			out->n_epm++;
		}
	}
	out->n_ctx = n;
	return 0;
bad:
	memset(out, 0, sizeof(*out));
	return -EINVAL;
}

static u8 dcerpc_syntax(const u8 *s, bool le)
{
	u32 vers = dcerpc_get32(s + DCERPC_UUID_LEN, le);
	u8 uuid[DCERPC_UUID_LEN];

	dcerpc_get_uuid(s, le, uuid);
	if (!memcmp(uuid, dcerpc_ndr_uuid, DCERPC_UUID_LEN) &&
	    vers == DCERPC_NDR_VERS)
		return NFALG_DCERPC_SYN_NDR;
	if (!memcmp(uuid, dcerpc_ndr64_uuid, DCERPC_UUID_LEN) &&
	    vers == DCERPC_NDR64_VERS)
		return NFALG_DCERPC_SYN_NDR64;
	return NFALG_DCERPC_SYN_OTHER;
}

int nfalg_dcerpc_parse_bind_ack(const u8 *buf, unsigned int len,
				const struct nfalg_dcerpc_hdr *h,
				struct nfalg_dcerpc_bind_ack *out)
{
	struct dcerpc_cur c;
	unsigned int i, n;

	memset(out, 0, sizeof(*out));
	if (!dcerpc_hdr_ok(h, len) || (h->ptype != NFALG_DCERPC_BIND_ACK &&
				      h->ptype != NFALG_DCERPC_ALTER_RESP))
		return -EINVAL;
	/* alignment counts from the PDU start */
	dcerpc_cur_init(&c, buf, NFALG_DCERPC_HDR_LEN, h->body_end, h->le);
	c.base = 0;
	if (!dcerpc_skip(&c, DCERPC_BIND_FIXED) || !dcerpc_has(&c, 2))
		goto bad;
	n = dcerpc_get16(buf + c.pos, h->le);
	c.pos += 2;
	if (!dcerpc_skip(&c, n) || !dcerpc_align4(&c) || !dcerpc_has(&c, 4))
		goto bad;
	n = buf[c.pos];
	c.pos += 4;
	for (i = 0; i < n; i++) {
		const u8 *r = buf + c.pos;

		if (!dcerpc_skip(&c, DCERPC_RESULT_LEN))
			goto bad;
		if (i < NFALG_DCERPC_CTX_MAX && !dcerpc_get16(r, h->le))
			out->syntax[i] = dcerpc_syntax(r + 4, h->le);
	}
	out->n_results = n;
	return 0;
bad:
	memset(out, 0, sizeof(*out));
	return -EINVAL;
}

int nfalg_dcerpc_parse_call(const u8 *buf, unsigned int len,
			    const struct nfalg_dcerpc_hdr *h,
			    struct nfalg_dcerpc_call *out)
{
	unsigned int off = DCERPC_CALL_FIXED, stub_len, pad;

	memset(out, 0, sizeof(*out));
	if (!dcerpc_hdr_ok(h, len) || (h->ptype != NFALG_DCERPC_REQUEST &&
				      h->ptype != NFALG_DCERPC_RESPONSE))
		return -EINVAL;
	if (h->body_end < off)
		goto bad;
	out->cont_id = dcerpc_get16(buf + 20, h->le);
	if (h->ptype == NFALG_DCERPC_REQUEST) {
		out->opnum = dcerpc_get16(buf + 22, h->le);
		if (h->flags & NFALG_DCERPC_PFC_OBJECT) {
			if (h->body_end - off < DCERPC_UUID_LEN)
				goto bad;
			out->has_object = true;
			dcerpc_get_uuid(buf + off, h->le, out->object);
			off += DCERPC_UUID_LEN;
		}
	}
	stub_len = h->body_end - off;
	if (h->auth_len) {
		/* the sec_trailer follows the body: within frag_length */
		pad = buf[h->body_end + 2];
		if (pad > stub_len)
			goto bad;
		stub_len -= pad;
	}
	out->stub_off = off;
	out->stub_len = stub_len;
	return 0;
bad:
	memset(out, 0, sizeof(*out));
	return -EINVAL;
}

/* @c is what nfalg_dcerpc_parse_call() makes of the PDU @h heads */
static bool dcerpc_call_ok(const struct nfalg_dcerpc_hdr *h,
			   const struct nfalg_dcerpc_call *c)
{
	return c->stub_off >= DCERPC_CALL_FIXED &&
	       c->stub_off <= h->body_end &&
	       c->stub_len <= h->body_end - c->stub_off;
}

/*
 * The tower in b[off, off + tlen), octets little-endian: a floor count,
 * then floors of lhs length, lhs, rhs length, rhs.  Fills @t when it is
 * an ncacn_ip_tcp tower with an IPv4 address (and its interface fields
 * whenever the first floor names an interface: *@has_if).
 *
 * Returns 1 for an ncacn_ip_tcp tower, 0 for another well-formed tower,
 * -EINVAL for a malformed one.
 */
static int dcerpc_tower(const u8 *b, unsigned int off, unsigned int tlen,
			struct nfalg_dcerpc_tower *t, bool *has_if)
{
	unsigned int lhs[DCERPC_TWR_TCP_FLOORS], lhs_len[DCERPC_TWR_TCP_FLOORS];
	unsigned int rhs[DCERPC_TWR_TCP_FLOORS], rhs_len[DCERPC_TWR_TCP_FLOORS];
	unsigned int end = off + tlen, pos = off, n, i;

	memset(t, 0, sizeof(*t));
	*has_if = false;
	if (tlen < 2)
		return -EINVAL;
	n = b[pos] | b[pos + 1] << 8;
	pos += 2;
	if (!n)
		return -EINVAL;
	/* each floor takes at least 5 bytes, or ends the loop */
	for (i = 0; i < n; i++) {
		unsigned int l, r;

		if (end - pos < 2)
			return -EINVAL;
		l = b[pos] | b[pos + 1] << 8;
		pos += 2;
		if (!l || end - pos < l)
			return -EINVAL;
		if (i < DCERPC_TWR_TCP_FLOORS) {
			lhs[i] = pos;
			lhs_len[i] = l;
		}
		pos += l;
		if (end - pos < 2)
			return -EINVAL;
		r = b[pos] | b[pos + 1] << 8;
		pos += 2;
		if (end - pos < r)
			return -EINVAL;
		if (i < DCERPC_TWR_TCP_FLOORS) {
			rhs[i] = pos;
			rhs_len[i] = r;
		}
		pos += r;
	}
	if (pos != end)
		return -EINVAL;

	/* floor 1: the interface, its UUID and versions little-endian */
	if (lhs_len[0] == DCERPC_TWR_UUID_LHS &&
	    b[lhs[0]] == DCERPC_TWR_UUID && rhs_len[0] == 2) {
		*has_if = true;
		dcerpc_get_uuid(b + lhs[0] + 1, true, t->uuid);
		t->vers_major = dcerpc_get16(b + lhs[0] + 17, true);
		t->vers_minor = dcerpc_get16(b + rhs[0], true);
	}
	if (n != DCERPC_TWR_TCP_FLOORS || !*has_if ||
	    lhs_len[1] != DCERPC_TWR_UUID_LHS || b[lhs[1]] != DCERPC_TWR_UUID ||
	    lhs_len[2] != 1 || b[lhs[2]] != DCERPC_TWR_RPC_CO ||
	    lhs_len[3] != 1 || b[lhs[3]] != DCERPC_TWR_TCP || rhs_len[3] != 2 ||
	    lhs_len[4] != 1 || b[lhs[4]] != DCERPC_TWR_IP || rhs_len[4] != 4)
		return 0;
	t->port = b[rhs[3]] << 8 | b[rhs[3] + 1];
	t->port_off = rhs[3];
	memcpy(t->addr, b + rhs[4], 4);
	t->addr_off = rhs[4];
	return 1;
}

/*
 * The twr_t referent at the cursor: its conformance, tower_length (equal
 * to it) and octets; counted or reported in @out.
 */
static int dcerpc_referent(struct dcerpc_cur *c,
			   struct nfalg_dcerpc_towers *out)
{
	struct nfalg_dcerpc_tower t;
	u32 conf, tlen;
	bool has_if;
	int ret;

	if (!dcerpc_align4(c) || !dcerpc_u32(c, &conf) ||
	    !dcerpc_u32(c, &tlen) || conf != tlen || !dcerpc_has(c, tlen))
		return -EINVAL;
	ret = dcerpc_tower(c->b, c->pos, tlen, &t, &has_if);
	if (ret < 0)
		return ret;
	c->pos += tlen;
	if (!ret)
		out->n_other++;
	else if (out->n < NFALG_DCERPC_TOWERS_MAX)
		out->t[out->n++] = t;
	else
		out->n_over++;
	return 0;
}

/*
 * The head of both answers: entry_handle, the count, and the conformant
 * varying array's max_count, offset (0) and actual_count (the count).
 */
static int dcerpc_array_head(struct dcerpc_cur *c, u32 *count)
{
	u32 max, offset, actual;

	if (!dcerpc_skip(c, DCERPC_HANDLE_LEN) || !dcerpc_u32(c, count) ||
	    !dcerpc_u32(c, &max) || !dcerpc_u32(c, &offset) ||
	    !dcerpc_u32(c, &actual))
		return -EINVAL;
	if (offset || actual > max || actual != *count)
		return -EINVAL;
	return 0;
}

/* ept_map's answer */
static int dcerpc_map_resp(struct dcerpc_cur *c,
			   struct nfalg_dcerpc_towers *out)
{
	unsigned int ptrs, i, j;
	u32 n, id;

	if (dcerpc_array_head(c, &n))
		return -EINVAL;
	if (n > (c->end - c->pos) / 4)
		return -EINVAL;
	ptrs = c->pos;
	c->pos += n * 4;
	for (i = 0; i < n; i++) {
		id = dcerpc_get32(c->b + ptrs + 4 * i, c->le);
		if (!id) {
			out->n_null++;
			continue;
		}
		if (dcerpc_referent(c, out))
			return -EINVAL;
		for (j = 0; j < i; j++)
			if (dcerpc_get32(c->b + ptrs + 4 * j, c->le) == id)
				return -EINVAL;
	}
	out->count = n;
	if (!dcerpc_align4(c) || !dcerpc_u32(c, &out->status))
		return -EINVAL;
	return 0;
}

/*
 * One ept_entry_t: object UUID, tower pointer (its referent id in *@id),
 * annotation (offset 0, actual_count, characters).  Takes at least 28
 * bytes.
 */
static bool dcerpc_entry(struct dcerpc_cur *c, u32 *id)
{
	u32 offset, count;

	if (!dcerpc_align4(c) || !dcerpc_skip(c, DCERPC_UUID_LEN) ||
	    !dcerpc_u32(c, id) || !dcerpc_u32(c, &offset) ||
	    !dcerpc_u32(c, &count))
		return false;
	if (offset || count > NFALG_DCERPC_ANNOTATION_MAX)
		return false;
	return dcerpc_skip(c, count);
}

/* ept_lookup's answer */
static int dcerpc_lookup_resp(struct dcerpc_cur *c,
			      struct nfalg_dcerpc_towers *out)
{
	struct dcerpc_cur entries, walk, scan;
	unsigned int i, j;
	u32 n, id, other;

	if (dcerpc_array_head(c, &n))
		return -EINVAL;
	/* the entries first, then the towers their pointers refer to */
	entries = *c;
	for (i = 0; i < n; i++)
		if (!dcerpc_entry(c, &id))
			return -EINVAL;
	walk = entries;
	for (i = 0; i < n; i++) {
		dcerpc_entry(&walk, &id);
		if (!id) {
			out->n_null++;
			continue;
		}
		if (dcerpc_referent(c, out))
			return -EINVAL;
		scan = entries;
		for (j = 0; j < i; j++) {
			dcerpc_entry(&scan, &other);
			if (other == id)
				return -EINVAL;
		}
	}
	out->count = n;
	if (!dcerpc_align4(c) || !dcerpc_u32(c, &out->status))
		return -EINVAL;
	return 0;
}

int nfalg_dcerpc_parse_towers(const u8 *buf, unsigned int len,
			      const struct nfalg_dcerpc_hdr *h,
			      const struct nfalg_dcerpc_call *c, u16 opnum,
			      struct nfalg_dcerpc_towers *out)
{
	struct dcerpc_cur cur;
	int ret = -EINVAL;

	memset(out, 0, sizeof(*out));
	if (!dcerpc_hdr_ok(h, len) || h->ptype != NFALG_DCERPC_RESPONSE ||
	    !dcerpc_call_ok(h, c))
		return -EINVAL;
	dcerpc_cur_init(&cur, buf, c->stub_off, c->stub_off + c->stub_len,
			h->le);
	if (opnum == NFALG_DCERPC_EPT_MAP)
		ret = dcerpc_map_resp(&cur, out);
	else if (opnum == NFALG_DCERPC_EPT_LOOKUP)
		ret = dcerpc_lookup_resp(&cur, out);
	if (ret)
		memset(out, 0, sizeof(*out));
	return ret;
}

int nfalg_dcerpc_parse_map_req(const u8 *buf, unsigned int len,
			       const struct nfalg_dcerpc_hdr *h,
			       const struct nfalg_dcerpc_call *c,
			       struct nfalg_dcerpc_map_req *out)
{
	struct nfalg_dcerpc_tower t;
	struct dcerpc_cur cur;
	u32 ptr, conf, tlen;

	memset(out, 0, sizeof(*out));
	if (!dcerpc_hdr_ok(h, len) || h->ptype != NFALG_DCERPC_REQUEST ||
	    c->opnum != NFALG_DCERPC_EPT_MAP || !dcerpc_call_ok(h, c))
		return -EINVAL;
	dcerpc_cur_init(&cur, buf, c->stub_off, c->stub_off + c->stub_len,
			h->le);
	if (!dcerpc_u32(&cur, &ptr))
		goto bad;
	if (ptr) {
		if (!dcerpc_has(&cur, DCERPC_UUID_LEN))
			goto bad;
		out->has_object = true;
		dcerpc_get_uuid(buf + cur.pos, h->le, out->object);
		cur.pos += DCERPC_UUID_LEN;
	}
	if (!dcerpc_u32(&cur, &ptr))
		goto bad;
	if (ptr) {
		if (!dcerpc_u32(&cur, &conf) || !dcerpc_u32(&cur, &tlen) ||
		    conf != tlen || !dcerpc_has(&cur, tlen) ||
		    dcerpc_tower(buf, cur.pos, tlen, &t, &out->has_if) < 0)
			goto bad;
		cur.pos += tlen;
		if (out->has_if) {
			memcpy(out->uuid, t.uuid, DCERPC_UUID_LEN);
			out->vers_major = t.vers_major;
			out->vers_minor = t.vers_minor;
		}
	}
	if (!dcerpc_align4(&cur) || !dcerpc_skip(&cur, DCERPC_HANDLE_LEN) ||
	    !dcerpc_u32(&cur, &out->max_towers))
		goto bad;
	return 0;
bad:
	memset(out, 0, sizeof(*out));
	return -EINVAL;
}

static int dcerpc_hex(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

int nfalg_dcerpc_uuid_parse_text(const char *text, unsigned int len,
				 u8 *uuid)
{
	unsigned int i, n = 0;
	int v;

	memset(uuid, 0, DCERPC_UUID_LEN);
	if (len != 36)
		return -EINVAL;
	for (i = 0; i < len; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (text[i] != '-')
				goto bad;
			continue;
		}
		v = dcerpc_hex(text[i]);
		if (v < 0)
			goto bad;
		uuid[n / 2] |= n & 1 ? v : v << 4;
		n++;
	}
	return 0;
bad:
	memset(uuid, 0, DCERPC_UUID_LEN);
	return -EINVAL;
}

/* Counts that say more than their arrays hold are taken as full */
static void dcerpc_clamp(struct nfalg_dcerpc_state *s)
{
	if (s->bind_n > NFALG_DCERPC_CTX_MAX)
		s->bind_n = NFALG_DCERPC_CTX_MAX;
	if (s->n_epm > NFALG_DCERPC_EPM_CTX_MAX)
		s->n_epm = NFALG_DCERPC_EPM_CTX_MAX;
	if (s->n_calls > NFALG_DCERPC_CALLS_MAX)
		s->n_calls = NFALG_DCERPC_CALLS_MAX;
}

bool nfalg_dcerpc_conv_begin(struct nfalg_dcerpc_state *s, bool from_client,
			     u8 ptype)
{
	u8 ok = from_client ? NFALG_DCERPC_BEGAN_CLIENT :
			      NFALG_DCERPC_BEGAN_SERVER;
	u8 bad = from_client ? NFALG_DCERPC_BAD_CLIENT :
			       NFALG_DCERPC_BAD_SERVER;

	if (s->began & bad)
		return false;
	if (s->began & ok)
		return true;
	s->began |= nfalg_dcerpc_first_ok(ptype, from_client) ? ok : bad;
	return s->began & ok;
}

void nfalg_dcerpc_conv_bind(struct nfalg_dcerpc_state *s,
			    const struct nfalg_dcerpc_hdr *h,
			    const struct nfalg_dcerpc_bind *b)
{
	unsigned int i;

	s->bind_pending = 1;
	s->bind_call_id = h->call_id;
	s->bind_total = b->n_ctx;
	s->bind_n = b->n_ctx < NFALG_DCERPC_CTX_MAX ? b->n_ctx :
						     NFALG_DCERPC_CTX_MAX;
	s->bind_epm = 0;
	memset(s->bind_cont_id, 0, sizeof(s->bind_cont_id));
	for (i = 0; i < s->bind_n; i++) {
		s->bind_cont_id[i] = b->cont_id[i];
		if (b->is_epm[i])
			s->bind_epm |= 1U << i;
	}
}

static int dcerpc_epm_find(const struct nfalg_dcerpc_state *s, u16 cont_id)
{
	unsigned int i;

	for (i = 0; i < s->n_epm && i < NFALG_DCERPC_EPM_CTX_MAX; i++)
		if (s->epm_cont_id[i] == cont_id)
			return i;
	return -1;
}

bool nfalg_dcerpc_conv_is_epm(const struct nfalg_dcerpc_state *s,
			      u16 cont_id)
{
	return dcerpc_epm_find(s, cont_id) >= 0;
}

static void dcerpc_epm_remove(struct nfalg_dcerpc_state *s, u16 cont_id)
{
	int i = dcerpc_epm_find(s, cont_id);

	if (i < 0)
		return;
	for (; i + 1 < s->n_epm; i++)
		s->epm_cont_id[i] = s->epm_cont_id[i + 1];
	s->epm_cont_id[--s->n_epm] = 0;
}

int nfalg_dcerpc_conv_bind_ack(struct nfalg_dcerpc_state *s,
			       const struct nfalg_dcerpc_hdr *h,
			       const struct nfalg_dcerpc_bind_ack *a)
{
	unsigned int i;
	int added = 0;
	u16 id;

	dcerpc_clamp(s);
	if (!s->bind_pending || h->call_id != s->bind_call_id)
		return -ENOENT;
	s->bind_pending = 0;
	if (!a)
		return 0;
	if (a->n_results != s->bind_total)
		return -EINVAL;
	if (s->bind_total > NFALG_DCERPC_CTX_MAX) {
		memset(s->epm_cont_id, 0, sizeof(s->epm_cont_id));
		s->n_epm = 0;
		return 0;
	}
	for (i = 0; i < s->bind_n; i++) {
		id = s->bind_cont_id[i];
		if (a->syntax[i] == NFALG_DCERPC_SYN_NONE)
			continue;
		if (!(s->bind_epm & 1U << i) ||
		    a->syntax[i] != NFALG_DCERPC_SYN_NDR) {
			dcerpc_epm_remove(s, id);
			continue;
		}
		if (dcerpc_epm_find(s, id) >= 0 ||
		    s->n_epm >= NFALG_DCERPC_EPM_CTX_MAX)
			continue;
		s->epm_cont_id[s->n_epm++] = id;
		added++;
	}
	return added;
}

static int dcerpc_call_find(const struct nfalg_dcerpc_state *s, u32 call_id)
{
	unsigned int i;

	for (i = 0; i < s->n_calls && i < NFALG_DCERPC_CALLS_MAX; i++)
		if (s->call_id[i] == call_id)
			return i;
	return -1;
}

/* Both fragment flags: the PDU is a whole call */
static bool dcerpc_whole(const struct nfalg_dcerpc_hdr *h)
{
	u8 both = NFALG_DCERPC_PFC_FIRST | NFALG_DCERPC_PFC_LAST;

	return (h->flags & both) == both;
}

int nfalg_dcerpc_conv_request(struct nfalg_dcerpc_state *s,
			      const struct nfalg_dcerpc_hdr *h,
			      const struct nfalg_dcerpc_call *c)
{
	dcerpc_clamp(s);
	if (h->ptype != NFALG_DCERPC_REQUEST || !dcerpc_whole(h) ||
	    h->auth_len || (c->opnum != NFALG_DCERPC_EPT_MAP &&
			    c->opnum != NFALG_DCERPC_EPT_LOOKUP) ||
	    !nfalg_dcerpc_conv_is_epm(s, c->cont_id))
		return 0;
	if (dcerpc_call_find(s, h->call_id) >= 0)
		return -EEXIST;
	if (s->n_calls >= NFALG_DCERPC_CALLS_MAX)
		return -ENOSPC;
	s->call_id[s->n_calls] = h->call_id;
	s->call_cont_id[s->n_calls] = c->cont_id;
	s->call_opnum[s->n_calls] = c->opnum;
	s->n_calls++;
	return 1;
}

int nfalg_dcerpc_conv_response(struct nfalg_dcerpc_state *s,
			       const struct nfalg_dcerpc_hdr *h,
			       const struct nfalg_dcerpc_call *c)
{
	u16 cont_id;
	u8 opnum;
	int i;

	dcerpc_clamp(s);
	if (h->ptype != NFALG_DCERPC_RESPONSE && h->ptype != NFALG_DCERPC_FAULT)
		return -ENOENT;
	i = dcerpc_call_find(s, h->call_id);
	if (i < 0)
		return -ENOENT;
	cont_id = s->call_cont_id[i];
	opnum = s->call_opnum[i];
	for (; i + 1 < s->n_calls; i++) {
		s->call_id[i] = s->call_id[i + 1];
		s->call_cont_id[i] = s->call_cont_id[i + 1];
		s->call_opnum[i] = s->call_opnum[i + 1];
	}
	s->n_calls--;
	s->call_id[s->n_calls] = 0;
	s->call_cont_id[s->n_calls] = 0;
	s->call_opnum[s->n_calls] = 0;
	if (h->ptype == NFALG_DCERPC_FAULT || !c || !dcerpc_whole(h) ||
	    h->auth_len || c->cont_id != cont_id)
		return 0;
	return opnum;
}
