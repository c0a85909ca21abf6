// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the DCE RPC ALG: the input is a TCP stream of
 * PDUs, framed by nfalg_dcerpc_pdu_len().  Each PDU goes, as an
 * exact-size heap copy, through every parser whatever its type, with
 * the invariants of their results checked; a NAT rewrite of every
 * reported address and port must leave the parse otherwise unchanged.
 * The PDUs then drive one conversation's state the way the module
 * does (direction from the PDU type), checked against a model of the
 * requests waiting for an answer.  Any inconsistency aborts.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dcerpc/dcerpc_parse.h"

#define FAIL(...) do {							\
	fprintf(stderr, "fuzz_dcerpc: " __VA_ARGS__);			\
	fputc('\n', stderr);						\
	abort();							\
} while (0)

static bool all_zero(const void *p, size_t n)
{
	const uint8_t *b = p;

	while (n--)
		if (*b++)
			return false;
	return true;
}

/* The answer for every prefix: settled at 10 bytes, -EINVAL for good */
static void check_pdu_len(const uint8_t *data, size_t size)
{
	unsigned int k, max = size < 32 ? size : 32;
	int first = 0, r, whole = -1;

	for (k = 0; k <= max; k++) {
		r = nfalg_dcerpc_pdu_len(data, k);
		if (first == -EINVAL && r != -EINVAL)
			FAIL("pdu_len(%u) = %d after -EINVAL", k, r);
		if (k < NFALG_DCERPC_LEN_NEED && r > 0)
			FAIL("pdu_len(%u) = %d from too few bytes", k, r);
		if (r > 0 && r < NFALG_DCERPC_HDR_LEN)
			FAIL("pdu_len(%u) = %d below a header", k, r);
		if (k >= NFALG_DCERPC_LEN_NEED) {
			if (!r)
				FAIL("pdu_len(%u) still undecided", k);
			if (whole != -1 && r != whole)
				FAIL("pdu_len(%u) = %d, was %d", k, r, whole);
			whole = r;
		}
		if (r < 0)
			first = r;
	}
}

/* A UUID read from text is that text, in lower case */
static void check_uuid_text(const uint8_t *data, size_t size)
{
	static const char hex[] = "0123456789abcdef";
	unsigned int i, n = 0;
	char back[36];
	u8 uuid[16];

	if (size < 36)
		return;
	if (nfalg_dcerpc_uuid_parse_text((const char *)data, 36, uuid)) {
		if (!all_zero(uuid, 16))
			FAIL("uuid left after an error");
		return;
	}
	for (i = 0; i < 36; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			back[i] = '-';
			continue;
		}
		back[i] = hex[n & 1 ? uuid[n / 2] & 15 : uuid[n / 2] >> 4];
		n++;
	}
	for (i = 0; i < 36; i++)
		if (back[i] != (data[i] >= 'A' && data[i] <= 'F' ?
				data[i] + 32 : data[i]))
			FAIL("uuid text %.36s read as %.36s", data, back);
}

/* The parse of a response's towers, and its invariants */
static int towers(const uint8_t *m, unsigned int len,
		  const struct nfalg_dcerpc_hdr *h,
		  const struct nfalg_dcerpc_call *c, u16 opnum,
		  struct nfalg_dcerpc_towers *tw)
{
	unsigned int i, end = c->stub_off + c->stub_len;
	int ret = nfalg_dcerpc_parse_towers(m, len, h, c, opnum, tw);

	if (ret) {
		if (ret != -EINVAL || !all_zero(tw, sizeof(*tw)))
			FAIL("towers: %d, or a result left", ret);
		return ret;
	}
	if (h->ptype != NFALG_DCERPC_RESPONSE ||
	    (opnum != NFALG_DCERPC_EPT_MAP &&
	     opnum != NFALG_DCERPC_EPT_LOOKUP))
		FAIL("towers of a %u, op %u", h->ptype, opnum);
	if (tw->n > NFALG_DCERPC_TOWERS_MAX || (tw->n_over &&
	    tw->n != NFALG_DCERPC_TOWERS_MAX))
		FAIL("towers: %u reported, %u over", tw->n, tw->n_over);
	if ((u32)tw->n + tw->n_over + tw->n_other + tw->n_null != tw->count)
		FAIL("towers: %u + %u + %u + %u != %u", tw->n, tw->n_over,
		     tw->n_other, tw->n_null, tw->count);
	for (i = 0; i < tw->n; i++) {
		const struct nfalg_dcerpc_tower *t = &tw->t[i];

		if (t->addr_off < c->stub_off || t->addr_off + 4 > end ||
		    t->port_off < c->stub_off || t->port_off + 2 > end)
			FAIL("tower %u outside the stub", i);
		if (t->port_off + 2 > t->addr_off)
			FAIL("tower %u: port after address", i);
		if (i && t->addr_off <= tw->t[i - 1].addr_off)
			FAIL("tower %u out of order", i);
		if (memcmp(m + t->addr_off, t->addr, 4) ||
		    (m[t->port_off] << 8 | m[t->port_off + 1]) != t->port)
			FAIL("tower %u: reported values not at their offsets",
			     i);
	}
	return 0;
}

/* Rewriting every reported address and port changes only those */
static void check_rewrite(const uint8_t *m, unsigned int len,
			  const struct nfalg_dcerpc_hdr *h,
			  const struct nfalg_dcerpc_call *c, u16 opnum,
			  const struct nfalg_dcerpc_towers *tw)
{
	struct nfalg_dcerpc_towers again;
	unsigned int i, j;
	uint8_t *w;

	if (!tw->n)
		return;
	w = malloc(len);
	memcpy(w, m, len);
	for (i = 0; i < tw->n; i++) {
		for (j = 0; j < 4; j++)
			w[tw->t[i].addr_off + j] ^= 0xa5;
		w[tw->t[i].port_off] ^= 0x5a;
	}
	if (towers(w, len, h, c, opnum, &again))
		FAIL("a rewritten answer no longer parses");
	if (again.n != tw->n || again.count != tw->count ||
	    again.status != tw->status || again.n_other != tw->n_other ||
	    again.n_null != tw->n_null || again.n_over != tw->n_over)
		FAIL("a rewrite changed the counts");
	for (i = 0; i < tw->n; i++) {
		const struct nfalg_dcerpc_tower *a = &tw->t[i], *b = &again.t[i];

		if (memcmp(a->uuid, b->uuid, 16) ||
		    a->vers_major != b->vers_major ||
		    a->vers_minor != b->vers_minor ||
		    a->addr_off != b->addr_off || a->port_off != b->port_off ||
		    b->port != (a->port ^ 0x5a00))
			FAIL("a rewrite changed tower %u", i);
		for (j = 0; j < 4; j++)
			if (b->addr[j] != (a->addr[j] ^ 0xa5))
				FAIL("tower %u: address not rewritten", i);
	}
	free(w);
}

/* Every parser on one PDU (an exact-size copy) */
static void parse_all(const uint8_t *m, unsigned int len)
{
	struct nfalg_dcerpc_bind_ack a;
	struct nfalg_dcerpc_map_req mr;
	struct nfalg_dcerpc_towers tw;
	struct nfalg_dcerpc_call c;
	struct nfalg_dcerpc_bind b;
	struct nfalg_dcerpc_hdr h;
	unsigned int i, n;
	u16 op;
	int ret;

	ret = nfalg_dcerpc_parse_hdr(m, len, &h);
	if (ret) {
		if (!all_zero(&h, sizeof(h)))
			FAIL("header left after %d", ret);
		return;
	}
	if (h.frag_len != len || h.body_end > h.frag_len ||
	    h.body_end < NFALG_DCERPC_HDR_LEN ||
	    h.ptype > NFALG_DCERPC_PTYPE_MAX || h.le != !!(m[4] & 0x10) ||
	    (!h.auth_len && h.body_end != h.frag_len))
		FAIL("header fields");

	ret = nfalg_dcerpc_parse_bind(m, len, &h, &b);
	if (ret) {
		if (!all_zero(&b, sizeof(b)))
			FAIL("bind left after %d", ret);
	} else {
		if (h.ptype != NFALG_DCERPC_BIND && h.ptype != NFALG_DCERPC_ALTER)
			FAIL("bind from a %u", h.ptype);
		for (i = n = 0; i < NFALG_DCERPC_CTX_MAX; i++) {
			if (i >= b.n_ctx && (b.is_epm[i] || b.cont_id[i]))
				FAIL("bind: element %u past %u", i, b.n_ctx);
			n += b.is_epm[i];
		}
		if (n != b.n_epm)
			FAIL("bind: %u endpoint mapper elements, says %u", n,
			     b.n_epm);
	}

	ret = nfalg_dcerpc_parse_bind_ack(m, len, &h, &a);
	if (ret) {
		if (!all_zero(&a, sizeof(a)))
			FAIL("bind_ack left after %d", ret);
	} else {
		if (h.ptype != NFALG_DCERPC_BIND_ACK &&
		    h.ptype != NFALG_DCERPC_ALTER_RESP)
			FAIL("bind_ack from a %u", h.ptype);
		for (i = 0; i < NFALG_DCERPC_CTX_MAX; i++)
			if (a.syntax[i] > NFALG_DCERPC_SYN_OTHER ||
			    (i >= a.n_results && a.syntax[i]))
				FAIL("bind_ack: result %u", i);
	}

	ret = nfalg_dcerpc_parse_call(m, len, &h, &c);
	if (ret) {
		if (!all_zero(&c, sizeof(c)))
			FAIL("call left after %d", ret);
		return;
	}
	if ((h.ptype != NFALG_DCERPC_REQUEST &&
	     h.ptype != NFALG_DCERPC_RESPONSE) ||
	    c.stub_off != (c.has_object ? 40 : 24) ||
	    c.stub_off + c.stub_len > h.body_end ||
	    (c.has_object && h.ptype != NFALG_DCERPC_REQUEST))
		FAIL("call fields");

	ret = nfalg_dcerpc_parse_map_req(m, len, &h, &c, &mr);
	if (ret) {
		if (!all_zero(&mr, sizeof(mr)))
			FAIL("map request left after %d", ret);
	} else if (h.ptype != NFALG_DCERPC_REQUEST ||
		   c.opnum != NFALG_DCERPC_EPT_MAP ||
		   (!mr.has_if && (mr.vers_major || !all_zero(mr.uuid, 16))) ||
		   (!mr.has_object && !all_zero(mr.object, 16))) {
		FAIL("map request fields");
	}

	for (op = 0; op < 5; op++) {
		if (!towers(m, len, &h, &c, op, &tw))
			check_rewrite(m, len, &h, &c, op, &tw);
	}
}

/* The model of the requests waiting, as the state should have them */
struct model {
	u32 id[NFALG_DCERPC_CALLS_MAX];
	u8 op[NFALG_DCERPC_CALLS_MAX];
	unsigned int n;
};

static int model_find(const struct model *md, u32 id)
{
	unsigned int i;

	for (i = 0; i < md->n; i++)
		if (md->id[i] == id)
			return i;
	return -1;
}

static void check_state(const struct nfalg_dcerpc_state *s,
			const struct model *md)
{
	unsigned int i, j;

	if (s->n_calls != md->n || s->n_epm > NFALG_DCERPC_EPM_CTX_MAX ||
	    s->bind_n > NFALG_DCERPC_CTX_MAX || s->bind_pending > 1)
		FAIL("state counts: %u calls (model %u), %u epm, %u bind",
		     s->n_calls, md->n, s->n_epm, s->bind_n);
	for (i = 0; i < md->n; i++)
		if (s->call_id[i] != md->id[i] ||
		    s->call_opnum[i] != md->op[i])
			FAIL("state and model differ at call %u", i);
	for (i = 0; i < s->n_epm; i++)
		for (j = 0; j < i; j++)
			if (s->epm_cont_id[i] == s->epm_cont_id[j])
				FAIL("context %u twice", s->epm_cont_id[i]);
}

static bool from_client(u8 ptype, u32 call_id)
{
	switch (ptype) {
	case NFALG_DCERPC_REQUEST:
	case NFALG_DCERPC_BIND:
	case NFALG_DCERPC_ALTER:
	case NFALG_DCERPC_AUTH3:
	case NFALG_DCERPC_CO_CANCEL:
	case NFALG_DCERPC_ORPHANED:
		return true;
	case NFALG_DCERPC_RESPONSE:
	case NFALG_DCERPC_FAULT:
	case NFALG_DCERPC_BIND_ACK:
	case NFALG_DCERPC_BIND_NAK:
	case NFALG_DCERPC_ALTER_RESP:
	case NFALG_DCERPC_SHUTDOWN:
		return false;
	}
	return call_id & 1;
}

/* One PDU through the conversation, as the module runs it */
static void converse(struct nfalg_dcerpc_state *s, struct model *md,
		     const uint8_t *m, unsigned int len)
{
	struct nfalg_dcerpc_towers tw;
	struct nfalg_dcerpc_bind_ack a;
	struct nfalg_dcerpc_call c;
	struct nfalg_dcerpc_bind b;
	struct nfalg_dcerpc_hdr h;
	int ret, i;

	if (nfalg_dcerpc_parse_hdr(m, len, &h) ||
	    !nfalg_dcerpc_conv_begin(s, from_client(h.ptype, h.call_id),
				     h.ptype))
		return;
	switch (h.ptype) {
	case NFALG_DCERPC_BIND:
	case NFALG_DCERPC_ALTER:
		if (!nfalg_dcerpc_parse_bind(m, len, &h, &b))
			nfalg_dcerpc_conv_bind(s, &h, &b);
		break;
	case NFALG_DCERPC_BIND_ACK:
	case NFALG_DCERPC_ALTER_RESP:
		if (!nfalg_dcerpc_parse_bind_ack(m, len, &h, &a))
			nfalg_dcerpc_conv_bind_ack(s, &h, &a);
		break;
	case NFALG_DCERPC_BIND_NAK:
		nfalg_dcerpc_conv_bind_ack(s, &h, NULL);
		break;
	case NFALG_DCERPC_REQUEST:
		if (nfalg_dcerpc_parse_call(m, len, &h, &c))
			break;
		i = model_find(md, h.call_id);
		ret = nfalg_dcerpc_conv_request(s, &h, &c);
		if (ret == 1) {
			if (i >= 0 || md->n >= NFALG_DCERPC_CALLS_MAX ||
			    h.auth_len || (c.opnum != NFALG_DCERPC_EPT_MAP &&
					   c.opnum != NFALG_DCERPC_EPT_LOOKUP))
				FAIL("request %u noted wrongly", h.call_id);
			md->id[md->n] = h.call_id;
			md->op[md->n++] = c.opnum;
		} else if (ret == -EEXIST ? i < 0 : ret == -ENOSPC ?
			   i >= 0 || md->n < NFALG_DCERPC_CALLS_MAX : ret) {
			FAIL("request %u: %d", h.call_id, ret);
		}
		break;
	case NFALG_DCERPC_RESPONSE:
	case NFALG_DCERPC_FAULT:
		if (h.ptype == NFALG_DCERPC_RESPONSE &&
		    nfalg_dcerpc_parse_call(m, len, &h, &c))
			break;
		i = model_find(md, h.call_id);
		ret = nfalg_dcerpc_conv_response(s, &h,
			h.ptype == NFALG_DCERPC_RESPONSE ? &c : NULL);
		if (i < 0) {
			if (ret != -ENOENT)
				FAIL("answer %u: %d, none waits", h.call_id,
				     ret);
			break;
		}
		if (ret < 0 || (ret > 0 && (ret != md->op[i] ||
					    h.ptype != NFALG_DCERPC_RESPONSE ||
					    h.auth_len)))
			FAIL("answer %u: %d for op %u", h.call_id, ret,
			     md->op[i]);
		for (; i + 1 < (int)md->n; i++) {
			md->id[i] = md->id[i + 1];
			md->op[i] = md->op[i + 1];
		}
		md->n--;
		if (ret > 0)
			towers(m, len, &h, &c, ret, &tw);
		break;
	}
	check_state(s, md);
}

/*
 * Fragment chains: the framing never shrinks as bytes are added, stays
 * within its bound, and a whole chain reassembles into a PDU no longer
 * than it whose pieces lie inside both
 */
static void check_chain(const uint8_t *data, size_t size)
{
	struct nfalg_dcerpc_piece map[NFALG_DCERPC_FRAGS_MAX];
	unsigned int len = size > 4096 ? 4096 : size, i, n_map, max = 4096;
	int cl, prev = 0, n;
	uint8_t *b, *out;

	b = malloc(len ? len : 1);
	memcpy(b, data, len);
	for (i = 0; i <= len; i++) {
		cl = nfalg_dcerpc_chain_len(b, i, max);
		if (prev > 0 && cl != prev)
			FAIL("chain length %d, then %d with more bytes", prev, cl);
		if (prev < 0 && cl != prev)
			FAIL("not a PDU, then a chain of %d", cl);
		if (cl > (int)max && cl != nfalg_dcerpc_pdu_len(b, i))
			FAIL("a chain of %d beyond the bound", cl);
		prev = cl;
	}
	if (prev > 0 && (unsigned int)prev <= len) {
		out = malloc(prev);
		n = nfalg_dcerpc_reassemble(b, prev, out, map, &n_map);
		if (n > prev)
			FAIL("reassembled %d from %d", n, prev);
		for (i = 0; n > 0 && i < n_map; i++)
			if (map[i].out_off + map[i].len > (unsigned int)n ||
			    map[i].in_off + map[i].len > (unsigned int)prev ||
			    (i && memcmp(out + map[i].out_off,
					 b + map[i].in_off, map[i].len)))
				FAIL("piece %u out of place", i);
		free(out);
	}
	free(b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nfalg_dcerpc_state s;
	struct model md;
	size_t pos = 0;

	check_pdu_len(data, size);
	check_chain(data, size);
	check_uuid_text(data, size);
	memset(&s, 0, sizeof(s));
	memset(&md, 0, sizeof(md));
	while (pos < size) {
		size_t left = size - pos;
		int len = nfalg_dcerpc_pdu_len(data + pos, left);
		unsigned int n = len > 0 && (size_t)len <= left ? len : left;
		uint8_t *m = malloc(n ? n : 1);

		memcpy(m, data + pos, n);
		parse_all(m, n);
		if (len > 0 && (size_t)len <= left)
			converse(&s, &md, m, n);
		free(m);
		if (len <= 0 || (size_t)len > left)
			break;
		pos += len;
	}
	return 0;
}
