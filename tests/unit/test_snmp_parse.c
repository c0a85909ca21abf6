// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for the SNMP message header parser and the PDU policy.
 *
 * Messages are built with a small BER encoder below; every parse runs on
 * an exact-size heap copy, so that AddressSanitizer reports any read past
 * the length given.
 */
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "snmp/snmp_parse.h"
#include <linux/nfalg.h>

struct msg {
	u8 b[2048];
	size_t n;
};

static void put(struct msg *m, const void *p, size_t n)
{
	memcpy(m->b + m->n, p, n);
	m->n += n;
}

/* Append tag, a definite length in its shortest form, then the value. */
static void tlv(struct msg *m, u8 tag, const void *v, size_t n)
{
	u8 h[4] = { tag };

	if (n < 0x80) {
		h[1] = n;
		put(m, h, 2);
	} else if (n < 0x100) {
		h[1] = 0x81;
		h[2] = n;
		put(m, h, 3);
	} else {
		h[1] = 0x82;
		h[2] = n >> 8;
		h[3] = n;
		put(m, h, 4);
	}
	put(m, v, n);
}

static void wrap(struct msg *m, u8 tag, const struct msg *inner)
{
	tlv(m, tag, inner->b, inner->n);
}

static const u8 varbinds[] = {
	0x30, 0x0e, 0x30, 0x0c, 0x06, 0x08, 0x2b, 0x06, 0x01, 0x02, 0x01,
	0x01, 0x01, 0x00, 0x05, 0x00,	/* sysDescr.0 = NULL */
};

/* A request/response PDU body: request-id, error-status/index, varbinds */
static void pdu_body(struct msg *p)
{
	static const u8 ints[] = { 0x02, 0x02, 0x12, 0x34, 0x02, 0x01, 0x00,
				   0x02, 0x01, 0x00 };

	put(p, ints, sizeof(ints));
	put(p, varbinds, sizeof(varbinds));
}

/* v1 or v2c message with community "public" and a PDU of type @t */
static void community_msg(struct msg *m, u8 version, u8 t)
{
	struct msg in = { .n = 0 }, pdu = { .n = 0 };
	u8 v = version;

	pdu_body(&pdu);
	tlv(&in, 0x02, &v, 1);
	tlv(&in, 0x04, "public", 6);
	wrap(&in, 0xa0 + t, &pdu);
	m->n = 0;
	wrap(m, 0x30, &in);
}

static const u8 agent[4] = { 192, 0, 2, 2 };

/* v1 Trap: enterprise, agent-addr, generic, specific, time, varbinds */
static void trap1_msg(struct msg *m, size_t *agent_off)
{
	struct msg in = { .n = 0 }, pdu = { .n = 0 };
	static const u8 ent[] = { 0x2b, 0x06, 0x01, 0x04, 0x01, 0xbf, 0x08 };
	static const u8 rest[] = { 0x02, 0x01, 0x06, 0x02, 0x01, 0x01,
				   0x43, 0x01, 0x2a };
	u8 v = 0;

	tlv(&pdu, 0x06, ent, sizeof(ent));
	tlv(&pdu, 0x40, agent, 4);
	put(&pdu, rest, sizeof(rest));
	put(&pdu, varbinds, sizeof(varbinds));
	tlv(&in, 0x02, &v, 1);
	tlv(&in, 0x04, "public", 6);
	wrap(&in, 0xa4, &pdu);
	m->n = 0;
	wrap(m, 0x30, &in);
	/* 30 len, 02 01 00, 04 06 public, a4 len, 06 07 ent, 40 04 */
	*agent_off = 2 + 3 + 8 + 2 + 9 + 2;
}

/* v3 message; @priv: encrypted PDU, else a plaintext ScopedPDU of @t */
static void v3_msg(struct msg *m, u8 flags, bool encrypted, u8 t)
{
	struct msg in = { .n = 0 }, glob = { .n = 0 }, scoped = { .n = 0 };
	struct msg pdu = { .n = 0 };
	static const u8 id[] = { 0x01, 0x02 }, max[] = { 0x05, 0xdc };
	static const u8 usm[80] = { 0x30, 0x4e };
	u8 v = 3, sm = 3;

	tlv(&glob, 0x02, id, 2);
	tlv(&glob, 0x02, max, 2);
	tlv(&glob, 0x04, &flags, 1);
	tlv(&glob, 0x02, &sm, 1);
	tlv(&in, 0x02, &v, 1);
	wrap(&in, 0x30, &glob);
	tlv(&in, 0x04, usm, sizeof(usm));
	if (encrypted) {
		static const u8 cipher[40] = { 0x9e, 0x01 };

		tlv(&in, 0x04, cipher, sizeof(cipher));
	} else {
		pdu_body(&pdu);
		tlv(&scoped, 0x04, "\x80\x00\x1f\x88\x80", 5);
		tlv(&scoped, 0x04, "", 0);
		wrap(&scoped, 0xa0 + t, &pdu);
		wrap(&in, 0x30, &scoped);
	}
	m->n = 0;
	wrap(m, 0x30, &in);
}

/* Parse @len bytes of @m (an exact heap copy) as a payload of @total. */
static int parse(const struct msg *m, size_t len, size_t total,
		 struct nfalg_snmp_msg *out)
{
	u8 *copy = malloc(len ? len : 1);
	int ret;

	memcpy(copy, m->b, len);
	ret = nfalg_snmp_parse(copy, len, total, out);
	free(copy);
	return ret;
}

static int parse_all(const struct msg *m, struct nfalg_snmp_msg *out)
{
	return parse(m, m->n, m->n, out);
}

static void test_v1_v2c_types(void)
{
	struct nfalg_snmp_msg r;
	struct msg m;
	u8 t;

	for (t = 0; t <= 8; t++) {
		community_msg(&m, 0, t);
		if (t <= 4 && t != 4) {
			EXPECT_EQ(parse_all(&m, &r), 0);
			EXPECT_EQ(r.version, 0);
			EXPECT_EQ(r.pdu, t);
		} else if (t > 4) {
			/* v1 has no GetBulk, Inform, v2-Trap, Report */
			EXPECT_EQ(parse_all(&m, &r), -EINVAL);
		}
		community_msg(&m, 1, t);
		if (t == 4) {
			/* the v1 Trap PDU does not exist in v2c */
			EXPECT_EQ(parse_all(&m, &r), -EINVAL);
		} else {
			EXPECT_EQ(parse_all(&m, &r), 0);
			EXPECT_EQ(r.version, 1);
			EXPECT_EQ(r.pdu, t);
			EXPECT_EQ(r.agent_addr_off, 0);
		}
	}
}

static void test_trap1(void)
{
	struct nfalg_snmp_msg r;
	size_t off;
	struct msg m;

	trap1_msg(&m, &off);
	EXPECT_EQ(parse_all(&m, &r), 0);
	EXPECT_EQ(r.pdu, NFALG_SNMP_PDU_TRAP1);
	EXPECT_EQ(r.agent_addr_off, off);
	EXPECT_MEM(m.b + r.agent_addr_off, agent, 4);
	/* the address must be in the buffer, not only in the message */
	EXPECT_EQ(parse(&m, off + 3, m.n, &r), -EINVAL);
	EXPECT_EQ(parse(&m, off + 4, m.n, &r), 0);
	/* agent-addr of 5 bytes */
	m.b[off - 1] = 5;
	EXPECT_EQ(parse_all(&m, &r), -EINVAL);
}

static void test_v3(void)
{
	struct nfalg_snmp_msg r;
	struct msg m;

	v3_msg(&m, 0x04, false, NFALG_SNMP_PDU_GET);
	EXPECT_EQ(parse_all(&m, &r), 0);
	EXPECT_EQ(r.version, 3);
	EXPECT_EQ(r.pdu, NFALG_SNMP_PDU_GET);
	v3_msg(&m, 0x00, false, NFALG_SNMP_PDU_REPORT);
	EXPECT_EQ(parse_all(&m, &r), 0);
	EXPECT_EQ(r.pdu, NFALG_SNMP_PDU_REPORT);
	v3_msg(&m, 0x03, true, 0);
	EXPECT_EQ(parse_all(&m, &r), 0);
	EXPECT_EQ(r.pdu, NFALG_SNMP_PDU_ENCRYPTED);
	/* the flags and the form of msgData must agree */
	v3_msg(&m, 0x03, false, NFALG_SNMP_PDU_SET);
	EXPECT_EQ(parse_all(&m, &r), -EINVAL);
	v3_msg(&m, 0x01, true, 0);
	EXPECT_EQ(parse_all(&m, &r), -EINVAL);
	/* no v1 Trap in v3 */
	v3_msg(&m, 0x00, false, NFALG_SNMP_PDU_TRAP1);
	EXPECT_EQ(parse_all(&m, &r), -EINVAL);
}

static void test_framing(void)
{
	struct nfalg_snmp_msg r;
	struct msg m, in;
	size_t n;

	community_msg(&m, 1, NFALG_SNMP_PDU_GET);
	n = m.n;
	/* a byte after the message, or one missing */
	m.b[n] = 0;
	EXPECT_EQ(parse(&m, n + 1, n + 1, &r), -EINVAL);
	EXPECT_EQ(parse(&m, n - 1, n - 1, &r), -EINVAL);
	/* empty, a lone tag, len larger than total */
	EXPECT_EQ(parse(&m, 0, 0, &r), -EINVAL);
	EXPECT_EQ(parse(&m, 1, 1, &r), -EINVAL);
	EXPECT_EQ(parse(&m, n, n - 1, &r), -EINVAL);
	/* versions 2 and 4 */
	m.b[4] = 2;
	EXPECT_EQ(parse_all(&m, &r), -EINVAL);
	m.b[4] = 4;
	EXPECT_EQ(parse_all(&m, &r), -EINVAL);
	m.b[4] = 1;
	/* not a SEQUENCE */
	m.b[0] = 0x31;
	EXPECT_EQ(parse_all(&m, &r), -EINVAL);
	m.b[0] = 0x30;
	/* the community claims one byte more than there is before the PDU */
	m.b[6]++;
	EXPECT_EQ(parse_all(&m, &r), -EINVAL);
	m.b[6]--;
	EXPECT_EQ(parse_all(&m, &r), 0);
	/* a PDU shorter than what follows it */
	m.b[14]--;
	EXPECT_EQ(parse_all(&m, &r), -EINVAL);
	m.b[14]++;

	/* the indefinite form, and long forms */
	memcpy(in.b, m.b + 2, n - 2);
	in.n = n - 2;
	m.n = 0;
	put(&m, "\x30\x80", 2);
	put(&m, in.b, in.n);
	EXPECT_EQ(parse_all(&m, &r), -EINVAL);
	m.n = 0;
	put(&m, "\x30\x81", 2);
	put(&m, (u8[]){ in.n }, 1);
	put(&m, in.b, in.n);
	EXPECT_EQ(parse_all(&m, &r), 0);
	m.n = 0;
	put(&m, "\x30\x84\x00\x00\x00", 5);
	put(&m, (u8[]){ in.n }, 1);
	put(&m, in.b, in.n);
	EXPECT_EQ(parse_all(&m, &r), 0);
	m.n = 0;
	put(&m, "\x30\x85\x00\x00\x00\x00", 6);
	put(&m, (u8[]){ in.n }, 1);
	put(&m, in.b, in.n);
	EXPECT_EQ(parse_all(&m, &r), -EINVAL);
	/* a length near 2^32 */
	m.n = 0;
	put(&m, "\x30\x84\xff\xff\xff\xff", 6);
	put(&m, in.b, in.n);
	EXPECT_EQ(parse_all(&m, &r), -EINVAL);
}

/* A long community: the head of the datagram is enough, or is not. */
static void test_head(void)
{
	struct msg in = { .n = 0 }, pdu = { .n = 0 }, m = { .n = 0 };
	struct nfalg_snmp_msg r;
	u8 community[300], v = 1;
	size_t pdu_at;

	memset(community, 'c', sizeof(community));
	pdu_body(&pdu);
	/* a large varbind list: the whole message is over 512 bytes */
	memset(pdu.b + pdu.n, 0, 400);
	pdu.n += 400;
	tlv(&in, 0x02, &v, 1);
	tlv(&in, 0x04, community, 100);
	wrap(&in, 0xa3, &pdu);
	wrap(&m, 0x30, &in);
	CHECK(m.n > 512);
	EXPECT_EQ(parse(&m, 512, m.n, &r), 0);
	EXPECT_EQ(r.pdu, NFALG_SNMP_PDU_SET);

	in.n = 0;
	m.n = 0;
	tlv(&in, 0x02, &v, 1);
	tlv(&in, 0x04, community, sizeof(community));
	pdu_at = 4 + in.n;
	wrap(&in, 0xa3, &pdu);
	wrap(&m, 0x30, &in);
	EXPECT_EQ(parse_all(&m, &r), 0);
	/* the PDU's header must be in the head */
	EXPECT_EQ(parse(&m, pdu_at + 1, m.n, &r), -EINVAL);
	EXPECT_EQ(parse(&m, pdu_at + 4, m.n, &r), 0);
	EXPECT_EQ(r.pdu, NFALG_SNMP_PDU_SET);
}

static void test_policy(void)
{
	static const struct {
		u8 cmd;
		bool notify;
		u32 from, to;	/* PDU types allowed each way */
	} p[] = {
#define B(t)	(1U << NFALG_SNMP_PDU_##t)
#define C(c)	(1U << NFALG_SNMP_##c)
		{ 0, false, B(GET) | B(GETNEXT) | B(GETBULK),
		  B(RESPONSE) | B(REPORT) },
		{ 0, true, B(TRAP1) | B(TRAP2) | B(INFORM),
		  B(RESPONSE) | B(REPORT) },
		{ C(GET), false, B(GET), B(RESPONSE) | B(REPORT) },
		{ C(GET), true, B(GET), B(RESPONSE) | B(REPORT) },
		{ C(GET_NEXT), false, B(GETNEXT) | B(GETBULK),
		  B(RESPONSE) | B(REPORT) },
		{ C(SET), false, B(SET), B(RESPONSE) | B(REPORT) },
		{ C(TRAP), false, B(TRAP1) | B(TRAP2) | B(INFORM),
		  B(RESPONSE) | B(REPORT) },
		{ C(GET_RESPONSE), false, B(RESPONSE) | B(REPORT), 0 },
		/* several commands: the union */
		{ C(GET) | C(GET_NEXT), false,
		  B(GET) | B(GETNEXT) | B(GETBULK), B(RESPONSE) | B(REPORT) },
		{ C(GET) | C(SET), true, B(GET) | B(SET),
		  B(RESPONSE) | B(REPORT) },
		{ C(GET_RESPONSE) | C(GET), false,
		  B(GET) | B(RESPONSE) | B(REPORT), B(RESPONSE) | B(REPORT) },
		/* unknown command bits allow nothing */
		{ 1 << 0 | 1 << 6 | 1 << 7, false, 0, 0 },
#undef B
#undef C
	};
	size_t i;
	u8 t;

	for (i = 0; i < sizeof(p) / sizeof(p[0]); i++) {
		for (t = 0; t <= 30; t++) {
			bool from = t <= 8 && (p[i].from >> t & 1);
			bool to = t <= 8 && (p[i].to >> t & 1);

			EXPECT_EQ(nfalg_snmp_allowed(p[i].cmd, p[i].notify,
						     false, t), from);
			EXPECT_EQ(nfalg_snmp_allowed(p[i].cmd, p[i].notify,
						     true, t), to);
		}
		CHECK(nfalg_snmp_allowed(p[i].cmd, p[i].notify, false,
					 NFALG_SNMP_PDU_ENCRYPTED));
		CHECK(nfalg_snmp_allowed(p[i].cmd, p[i].notify, true,
					 NFALG_SNMP_PDU_ENCRYPTED));
	}
}

/* Every single-byte change: no crash, and errors leave nothing set. */
static void test_mutation(void)
{
	struct nfalg_snmp_msg r;
	struct msg m, orig;
	size_t i, off;
	int c;

	trap1_msg(&orig, &off);
	for (i = 0; i < orig.n; i++) {
		for (c = 0; c < 256; c++) {
			m = orig;
			m.b[i] = c;
			if (parse_all(&m, &r))
				CHECK(!r.version && !r.pdu && !r.agent_addr_off);
			else
				CHECK(r.pdu <= NFALG_SNMP_PDU_REPORT);
		}
	}
}

int main(void)
{
	RUN(test_v1_v2c_types);
	RUN(test_trap1);
	RUN(test_v3);
	RUN(test_framing);
	RUN(test_head);
	RUN(test_policy);
	RUN(test_mutation);
	return unit_exit();
}
