// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for the SIP message parser, stream framing and host formatter.
 *
 * The sipp_* messages are real SIPp 3.6.1 traffic, captured with
 * -trace_msg from its built-in uac/uas scenarios (and a REGISTER pair)
 * over 127.0.0.1 and ::1; most other cases are edits of them.  Every parse
 * runs on an exact-size heap copy of its input, so that AddressSanitizer
 * reports any read past the length given.  glibc's inet_pton() and
 * inet_ntop() serve as an independent oracle for addresses.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "sip/sip_parse.h"

/* Test tables leave trailing fields zero on purpose. */
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

#define MAX	NFALG_SIP_MAX_MSG
#define NONE	0xff
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* uac4_00_sent_INVITE */
static const char sipp_invite4[] =
	"INVITE sip:service@127.0.0.1:5070 SIP/2.0\r\n"
	"Via: SIP/2.0/UDP 127.0.0.1:5071;branch=z9hG4bK-29619-1-0\r\n"
	"From: sipp <sip:sipp@127.0.0.1:5071>;tag=29619SIPpTag001\r\n"
	"To: service <sip:service@127.0.0.1:5070>\r\n"
	"Call-ID: 1-29619@127.0.0.1\r\n"
	"CSeq: 1 INVITE\r\n"
	"Contact: sip:sipp@127.0.0.1:5071\r\n"
	"Max-Forwards: 70\r\n"
	"Subject: Performance Test\r\n"
	"Content-Type: application/sdp\r\n"
	"Content-Length:   129\r\n"
	"\r\n"
	"v=0\r\n"
	"o=user1 53655765 2353687637 IN IP4 127.0.0.1\r\n"
	"s=-\r\n"
	"c=IN IP4 127.0.0.1\r\n"
	"t=0 0\r\n"
	"m=audio 6004 RTP/AVP 0\r\n"
	"a=rtpmap:0 PCMU/8000\r\n";

/* uac4_01_received_180 */
static const char sipp_180_4[] =
	"SIP/2.0 180 Ringing\r\n"
	"Via: SIP/2.0/UDP 127.0.0.1:5071;branch=z9hG4bK-29619-1-0\r\n"
	"From: sipp <sip:sipp@127.0.0.1:5071>;tag=29619SIPpTag001\r\n"
	"To: service <sip:service@127.0.0.1:5070>;tag=29615SIPpTag011\r\n"
	"Call-ID: 1-29619@127.0.0.1\r\n"
	"CSeq: 1 INVITE\r\n"
	"Contact: <sip:127.0.0.1:5070;transport=UDP>\r\n"
	"Content-Length: 0\r\n"
	"\r\n";

/* uac4_02_received_200 */
static const char sipp_200_4[] =
	"SIP/2.0 200 OK\r\n"
	"Via: SIP/2.0/UDP 127.0.0.1:5071;branch=z9hG4bK-29619-1-0\r\n"
	"From: sipp <sip:sipp@127.0.0.1:5071>;tag=29619SIPpTag001\r\n"
	"To: service <sip:service@127.0.0.1:5070>;tag=29615SIPpTag011\r\n"
	"Call-ID: 1-29619@127.0.0.1\r\n"
	"CSeq: 1 INVITE\r\n"
	"Contact: <sip:127.0.0.1:5070;transport=UDP>\r\n"
	"Content-Type: application/sdp\r\n"
	"Content-Length:   129\r\n"
	"\r\n"
	"v=0\r\n"
	"o=user1 53655765 2353687637 IN IP4 127.0.0.1\r\n"
	"s=-\r\n"
	"c=IN IP4 127.0.0.1\r\n"
	"t=0 0\r\n"
	"m=audio 6000 RTP/AVP 0\r\n"
	"a=rtpmap:0 PCMU/8000\r\n";

/* uac4_03_sent_ACK */
static const char sipp_ack4[] =
	"ACK sip:service@127.0.0.1:5070 SIP/2.0\r\n"
	"Via: SIP/2.0/UDP 127.0.0.1:5071;branch=z9hG4bK-29619-1-5\r\n"
	"From: sipp <sip:sipp@127.0.0.1:5071>;tag=29619SIPpTag001\r\n"
	"To: service <sip:service@127.0.0.1:5070>;tag=29615SIPpTag011\r\n"
	"Call-ID: 1-29619@127.0.0.1\r\n"
	"CSeq: 1 ACK\r\n"
	"Contact: sip:sipp@127.0.0.1:5071\r\n"
	"Max-Forwards: 70\r\n"
	"Subject: Performance Test\r\n"
	"Content-Length: 0\r\n"
	"\r\n";

/* uac4_04_sent_BYE */
static const char sipp_bye4[] =
	"BYE sip:service@127.0.0.1:5070 SIP/2.0\r\n"
	"Via: SIP/2.0/UDP 127.0.0.1:5071;branch=z9hG4bK-29619-1-7\r\n"
	"From: sipp <sip:sipp@127.0.0.1:5071>;tag=29619SIPpTag001\r\n"
	"To: service <sip:service@127.0.0.1:5070>;tag=29615SIPpTag011\r\n"
	"Call-ID: 1-29619@127.0.0.1\r\n"
	"CSeq: 2 BYE\r\n"
	"Contact: sip:sipp@127.0.0.1:5071\r\n"
	"Max-Forwards: 70\r\n"
	"Subject: Performance Test\r\n"
	"Content-Length: 0\r\n"
	"\r\n";

/* uac4_05_received_200 */
static const char sipp_bye_200_4[] =
	"SIP/2.0 200 OK\r\n"
	"Via: SIP/2.0/UDP 127.0.0.1:5071;branch=z9hG4bK-29619-1-7\r\n"
	"From: sipp <sip:sipp@127.0.0.1:5071>;tag=29619SIPpTag001\r\n"
	"To: service <sip:service@127.0.0.1:5070>;tag=29615SIPpTag011\r\n"
	"Call-ID: 1-29619@127.0.0.1\r\n"
	"CSeq: 2 BYE\r\n"
	"Contact: <sip:127.0.0.1:5070;transport=UDP>\r\n"
	"Content-Length: 0\r\n"
	"\r\n";

/* uac6_00_sent_INVITE */
static const char sipp_invite6[] =
	"INVITE sip:service@[::1]:5072 SIP/2.0\r\n"
	"Via: SIP/2.0/UDP [::1]:5073;branch=z9hG4bK-29662-1-0\r\n"
	"From: sipp <sip:sipp@[::1]:5073>;tag=29662SIPpTag001\r\n"
	"To: service <sip:service@[::1]:5072>\r\n"
	"Call-ID: 1-29662@::1\r\n"
	"CSeq: 1 INVITE\r\n"
	"Contact: sip:sipp@[::1]:5073\r\n"
	"Max-Forwards: 70\r\n"
	"Subject: Performance Test\r\n"
	"Content-Type: application/sdp\r\n"
	"Content-Length:   119\r\n"
	"\r\n"
	"v=0\r\n"
	"o=user1 53655765 2353687637 IN IP6 [::1]\r\n"
	"s=-\r\n"
	"c=IN IP6 ::1\r\n"
	"t=0 0\r\n"
	"m=audio 6004 RTP/AVP 0\r\n"
	"a=rtpmap:0 PCMU/8000\r\n";

/* uac6_02_received_200 */
static const char sipp_200_6[] =
	"SIP/2.0 200 OK\r\n"
	"Via: SIP/2.0/UDP [::1]:5073;branch=z9hG4bK-29662-1-0\r\n"
	"From: sipp <sip:sipp@[::1]:5073>;tag=29662SIPpTag001\r\n"
	"To: service <sip:service@[::1]:5072>;tag=29658SIPpTag011\r\n"
	"Call-ID: 1-29662@::1\r\n"
	"CSeq: 1 INVITE\r\n"
	"Contact: <sip:[::1]:5072;transport=UDP>\r\n"
	"Content-Type: application/sdp\r\n"
	"Content-Length:   119\r\n"
	"\r\n"
	"v=0\r\n"
	"o=user1 53655765 2353687637 IN IP6 [::1]\r\n"
	"s=-\r\n"
	"c=IN IP6 ::1\r\n"
	"t=0 0\r\n"
	"m=audio 6000 RTP/AVP 0\r\n"
	"a=rtpmap:0 PCMU/8000\r\n";

/* uac6_04_sent_BYE */
static const char sipp_bye6[] =
	"BYE sip:service@[::1]:5072 SIP/2.0\r\n"
	"Via: SIP/2.0/UDP [::1]:5073;branch=z9hG4bK-29662-1-7\r\n"
	"From: sipp <sip:sipp@[::1]:5073>;tag=29662SIPpTag001\r\n"
	"To: service <sip:service@[::1]:5072>;tag=29658SIPpTag011\r\n"
	"Call-ID: 1-29662@::1\r\n"
	"CSeq: 2 BYE\r\n"
	"Contact: sip:sipp@[::1]:5073\r\n"
	"Max-Forwards: 70\r\n"
	"Subject: Performance Test\r\n"
	"Content-Length: 0\r\n"
	"\r\n";

/* reguac4_00_sent_REGISTER */
static const char sipp_register4[] =
	"REGISTER sip:127.0.0.1:5074 SIP/2.0\r\n"
	"Via: SIP/2.0/UDP 127.0.0.1:5075;branch=z9hG4bK-29736-1-0;rport\r\n"
	"From: <sip:alice@127.0.0.1:5074>;tag=29736SIPpTag001\r\n"
	"To: <sip:alice@127.0.0.1:5074>\r\n"
	"Call-ID: 1-29736@127.0.0.1\r\n"
	"CSeq: 1 REGISTER\r\n"
	"Contact: <sip:alice@127.0.0.1:5075>;expires=1800\r\n"
	"Expires: 3600\r\n"
	"Max-Forwards: 70\r\n"
	"User-Agent: SIPp\r\n"
	"Content-Length:     0\r\n"
	"\r\n";

/* reguac4_01_received_200 */
static const char sipp_register_200_4[] =
	"SIP/2.0 200 OK\r\n"
	"Via: SIP/2.0/UDP 127.0.0.1:5075;branch=z9hG4bK-29736-1-0"
	";rport;received=127.0.0.1\r\n"
	"From: <sip:alice@127.0.0.1:5074>;tag=29736SIPpTag001\r\n"
	"To: <sip:alice@127.0.0.1:5074>;tag=29732SIPpTag011\r\n"
	"Call-ID: 1-29736@127.0.0.1\r\n"
	"CSeq: 1 REGISTER\r\n"
	"Contact: <sip:alice@127.0.0.1:5074>;expires=600\r\n"
	"Expires: 600\r\n"
	"Content-Length:     0\r\n"
	"\r\n";

/* reguac6_00_sent_REGISTER */
static const char sipp_register6[] =
	"REGISTER sip:[::1]:5076 SIP/2.0\r\n"
	"Via: SIP/2.0/UDP [::1]:5077;branch=z9hG4bK-29741-1-0;rport\r\n"
	"From: <sip:alice@[::1]:5076>;tag=29741SIPpTag001\r\n"
	"To: <sip:alice@[::1]:5076>\r\n"
	"Call-ID: 1-29741@::1\r\n"
	"CSeq: 1 REGISTER\r\n"
	"Contact: <sip:alice@[::1]:5077>;expires=1800\r\n"
	"Expires: 3600\r\n"
	"Max-Forwards: 70\r\n"
	"User-Agent: SIPp\r\n"
	"Content-Length:     0\r\n"
	"\r\n";

/* reguac6_01_received_200 */
static const char sipp_register_200_6[] =
	"SIP/2.0 200 OK\r\n"
	"Via: SIP/2.0/UDP [::1]:5077;branch=z9hG4bK-29741-1-0;rport"
	";received=[::1]\r\n"
	"From: <sip:alice@[::1]:5076>;tag=29741SIPpTag001\r\n"
	"To: <sip:alice@[::1]:5076>;tag=29737SIPpTag011\r\n"
	"Call-ID: 1-29741@::1\r\n"
	"CSeq: 1 REGISTER\r\n"
	"Contact: <sip:alice@[::1]:5076>;expires=600\r\n"
	"Expires: 600\r\n"
	"Content-Length:     0\r\n"
	"\r\n";

/* Helpers */

static int parse_exact(const char *in, size_t len, struct nfalg_sip_msg *m)
{
	char *p = malloc(len ? len : 1);
	int ret;

	if (len)
		memcpy(p, in, len);
	memset(m, 0xa5, sizeof(*m));
	ret = nfalg_sip_parse(p, len, m);
	free(p);
	return ret;
}

static int parse_str(const char *s, struct nfalg_sip_msg *m)
{
	return parse_exact(s, strlen(s), m);
}

static bool start_exact(const char *in, size_t len)
{
	char *p = malloc(len ? len : 1);
	bool ret;

	if (len)
		memcpy(p, in, len);
	ret = nfalg_sip_is_start(p, len);
	free(p);
	return ret;
}

static bool is_reset(const struct nfalg_sip_msg *m)
{
	struct nfalg_sip_msg z;

	memset(&z, 0, sizeof(z));
	z.expires = -1;
	z.clen = -1;
	return !memcmp(&z, m, sizeof(z));
}

static unsigned int off_of(const char *msg, const char *needle)
{
	const char *p = strstr(msg, needle);

	CHECK(p);
	return p ? (unsigned int)(p - msg) : 0;
}

/* A rotating set of scratch messages */
static char *scratch(void)
{
	static char pool[8][2 * MAX + 64];
	static unsigned int next;

	return pool[next++ % 8];
}

/* Set the Content-Length value, if any, to the length of the body */
static void fix_clen(char *msg)
{
	char *hend = strstr(msg, "\r\n\r\n"), *cl, *eol, tmp[2 * MAX];
	size_t body;

	if (!hend)
		return;
	body = strlen(hend + 4);
	cl = strstr(msg, "Content-Length:");
	if (!cl || cl > hend)
		return;
	eol = strstr(cl, "\r\n");
	snprintf(tmp, sizeof(tmp), "Content-Length: %zu%s", body, eol);
	strcpy(cl, tmp);
}

/* @base with its first @old replaced by @new, Content-Length fixed */
static const char *subst_raw(const char *base, const char *old,
			     const char *new, bool fix)
{
	char *out = scratch();
	const char *at = strstr(base, old);

	CHECK(at);
	if (!at) {
		strcpy(out, base);
		return out;
	}
	memcpy(out, base, at - base);
	strcpy(out + (at - base), new);
	strcat(out, at + strlen(old));
	if (fix)
		fix_clen(out);
	return out;
}

static const char *subst(const char *base, const char *old, const char *new)
{
	return subst_raw(base, old, new, true);
}

/* The headers of @base with @body as its body */
static const char *with_body(const char *base, const char *body)
{
	char *out = scratch();
	const char *hend = strstr(base, "\r\n\r\n");

	memcpy(out, base, hend + 4 - base);
	strcpy(out + (hend + 4 - base), body);
	fix_clen(out);
	return out;
}

static void expect_addr_at(int line, const char *msg,
			   const struct nfalg_sip_msg *m, unsigned int i,
			   u8 where, const char *addr, u16 port,
			   const char *span)
{
	int before = unit_cur_fail;
	u8 family = strchr(addr, ':') ? NFALG_SIP_AF_INET6 : NFALG_SIP_AF_INET;
	const struct nfalg_sip_addr *a;
	u8 bin[16] = { 0 };
	char digits[8];

	CHECK(i < m->n_addrs);
	if (i >= m->n_addrs)
		goto out;
	a = &m->addrs[i];
	EXPECT_EQ(a->where, where);
	EXPECT_EQ(a->family, family);
	CHECK(inet_pton(family == 4 ? AF_INET : AF_INET6, addr, bin) == 1);
	EXPECT_MEM(a->addr, bin, 16);
	EXPECT_EQ(a->bracket, span[0] == '[');
	EXPECT_EQ(a->port, port);
	EXPECT_EQ(a->len, strlen(span));
	EXPECT_MEM(msg + a->off, span, strlen(span));
	if (port) {
		snprintf(digits, sizeof(digits), "%u", port);
		EXPECT_EQ(a->port_off, a->off + a->len + 1);
		EXPECT_EQ(a->port_len, strlen(digits));
		EXPECT_MEM(msg + a->port_off, digits, strlen(digits));
	} else {
		EXPECT_EQ(a->port_off, 0);
		EXPECT_EQ(a->port_len, 0);
	}
	if (where != NFALG_SIP_AT_SDP_CONN)
		EXPECT_EQ(a->media, 0);
out:
	if (unit_cur_fail != before)
		printf("# (address %u checked at line %d)\n", i, line);
}

#define EXPECT_ADDR(msg, m, i, where, addr, port, span) \
	expect_addr_at(__LINE__, msg, m, i, NFALG_SIP_AT_##where, addr, port, \
		       span)

static void expect_media_at(int line, const char *msg,
			    const struct nfalg_sip_msg *m, unsigned int i,
			    char type, u16 port, u16 nports, u16 rtcp,
			    u8 flags, u8 conn)
{
	int before = unit_cur_fail;
	const struct nfalg_sip_media *md;
	char digits[8];

	CHECK(i < m->n_media);
	if (i >= m->n_media)
		goto out;
	md = &m->media[i];
	EXPECT_EQ(md->type, type);
	EXPECT_EQ(md->port, port);
	EXPECT_EQ(md->nports, nports);
	EXPECT_EQ(md->rtcp_port, rtcp);
	EXPECT_EQ(md->tcp, !!(flags & 1));
	EXPECT_EQ(md->rtcp_mux, !!(flags & 2));
	EXPECT_EQ(md->inactive, !!(flags & 4));
	EXPECT_EQ(md->conn, conn);
	snprintf(digits, sizeof(digits), "%u", port);
	EXPECT_EQ(md->port_len, strlen(digits));
	EXPECT_MEM(msg + md->port_off, digits, strlen(digits));
	CHECK(md->port_off >= m->body_off);
	if (rtcp) {
		snprintf(digits, sizeof(digits), "%u", rtcp);
		EXPECT_EQ(md->rtcp_port_len, strlen(digits));
		EXPECT_MEM(msg + md->rtcp_port_off, digits, strlen(digits));
		CHECK(md->rtcp_port_off > md->port_off);
	} else {
		EXPECT_EQ(md->rtcp_port_len, 0);
		EXPECT_EQ(md->rtcp_port_off, 0);
	}
	if (conn != NONE) {
		CHECK(conn < m->n_addrs);
		if (conn < m->n_addrs)
			EXPECT_EQ(m->addrs[conn].where, NFALG_SIP_AT_SDP_CONN);
	}
out:
	if (unit_cur_fail != before)
		printf("# (media %u checked at line %d)\n", i, line);
}

#define TCP	1
#define MUX	2
#define INACT	4
#define EXPECT_MEDIA(msg, m, i, type, port, nports, rtcp, flags, conn) \
	expect_media_at(__LINE__, msg, m, i, type, port, nports, rtcp, flags, \
			conn)

/* Every span in order, inside the message, header/SDP sides right */
static void check_layout(const char *msg, const struct nfalg_sip_msg *m)
{
	unsigned int i, end = 0;

	for (i = 0; i < m->n_addrs; i++) {
		const struct nfalg_sip_addr *a = &m->addrs[i];
		bool sdp = a->where == NFALG_SIP_AT_SDP_ORIGIN ||
			   a->where == NFALG_SIP_AT_SDP_CONN;

		CHECK(a->off >= end);
		end = a->port_len ? a->port_off + a->port_len : a->off + a->len;
		CHECK(end <= m->msg_len);
		EXPECT_EQ(sdp, a->off >= m->body_off);
	}
	CHECK(m->body_off <= m->msg_len);
	if (m->clen >= 0)
		EXPECT_EQ(m->body_off + m->clen, m->msg_len);
	CHECK(m->call_id_off + m->call_id_len <= m->body_off);
	(void)msg;
}

/* Parse @msg (whole), expecting it to be one valid message */
static int parse_ok(const char *msg, struct nfalg_sip_msg *m)
{
	int ret = parse_str(msg, m);

	EXPECT_EQ(ret, strlen(msg));
	if (ret > 0)
		check_layout(msg, m);
	return ret;
}

static void expect_call_id(const char *msg, const struct nfalg_sip_msg *m,
			   const char *id)
{
	EXPECT_EQ(m->call_id_len, strlen(id));
	EXPECT_MEM(msg + m->call_id_off, id, strlen(id));
}

/* The real SIPp call, IPv4 */

static void test_sipp_invite4(void)
{
	const char *msg = sipp_invite4;
	struct nfalg_sip_msg m;

	EXPECT_EQ(parse_ok(msg, &m), 509);
	EXPECT_EQ(m.request, 1);
	EXPECT_EQ(m.method, NFALG_SIP_M_INVITE);
	EXPECT_EQ(m.status, 0);
	EXPECT_EQ(m.cseq, 1);
	EXPECT_EQ(m.cseq_method, NFALG_SIP_M_INVITE);
	expect_call_id(msg, &m, "1-29619@127.0.0.1");
	EXPECT_EQ(m.expires, -1);
	EXPECT_EQ(m.clen, 129);
	EXPECT_EQ(m.clen_off, off_of(msg, "129"));
	EXPECT_EQ(m.clen_len, 3);
	EXPECT_EQ(m.body_off, off_of(msg, "v=0"));
	EXPECT_EQ(m.msg_len, 509);
	EXPECT_EQ(m.sdp, 1);
	EXPECT_EQ(m.n_addrs, 7);
	EXPECT_ADDR(msg, &m, 0, RURI, "127.0.0.1", 5070, "127.0.0.1");
	EXPECT_ADDR(msg, &m, 1, VIA, "127.0.0.1", 5071, "127.0.0.1");
	EXPECT_ADDR(msg, &m, 2, FROM, "127.0.0.1", 5071, "127.0.0.1");
	EXPECT_ADDR(msg, &m, 3, TO, "127.0.0.1", 5070, "127.0.0.1");
	EXPECT_ADDR(msg, &m, 4, CONTACT, "127.0.0.1", 5071, "127.0.0.1");
	EXPECT_ADDR(msg, &m, 5, SDP_ORIGIN, "127.0.0.1", 0, "127.0.0.1");
	EXPECT_ADDR(msg, &m, 6, SDP_CONN, "127.0.0.1", 0, "127.0.0.1");
	EXPECT_EQ(m.addrs[0].off, off_of(msg, "127.0.0.1:5070"));
	EXPECT_EQ(m.addrs[6].off, off_of(msg, "c=IN IP4 ") + 9);
	EXPECT_EQ(m.addrs[6].media, NONE);
	EXPECT_EQ(m.n_media, 1);
	EXPECT_MEDIA(msg, &m, 0, 'a', 6004, 1, 0, 0, 6);
	CHECK(nfalg_sip_is_start(msg, strlen(msg)));
}

static void test_sipp_180(void)
{
	const char *msg = sipp_180_4;
	struct nfalg_sip_msg m;

	EXPECT_EQ(parse_ok(msg, &m), 309);
	EXPECT_EQ(m.request, 0);
	EXPECT_EQ(m.status, 180);
	EXPECT_EQ(m.method, NFALG_SIP_M_INVITE);
	EXPECT_EQ(m.cseq_method, NFALG_SIP_M_INVITE);
	EXPECT_EQ(m.clen, 0);
	EXPECT_EQ(m.body_off, 309);
	EXPECT_EQ(m.sdp, 0);
	EXPECT_EQ(m.n_media, 0);
	EXPECT_EQ(m.n_addrs, 4);
	EXPECT_ADDR(msg, &m, 0, VIA, "127.0.0.1", 5071, "127.0.0.1");
	EXPECT_ADDR(msg, &m, 1, FROM, "127.0.0.1", 5071, "127.0.0.1");
	EXPECT_ADDR(msg, &m, 2, TO, "127.0.0.1", 5070, "127.0.0.1");
	EXPECT_ADDR(msg, &m, 3, CONTACT, "127.0.0.1", 5070, "127.0.0.1");
}

/* SIPp's uac accepts a 100 its uas does not send: the 180, renumbered */
static void test_sipp_100(void)
{
	const char *msg = subst(sipp_180_4, "180 Ringing", "100 Trying");
	struct nfalg_sip_msg m;

	EXPECT_EQ(parse_ok(msg, &m), 308);
	EXPECT_EQ(m.status, 100);
	EXPECT_EQ(m.method, NFALG_SIP_M_INVITE);
	EXPECT_EQ(m.n_addrs, 4);
}

static void test_sipp_200_sdp(void)
{
	const char *msg = sipp_200_4;
	struct nfalg_sip_msg m;

	EXPECT_EQ(parse_ok(msg, &m), 468);
	EXPECT_EQ(m.status, 200);
	EXPECT_EQ(m.method, NFALG_SIP_M_INVITE);
	EXPECT_EQ(m.clen, 129);
	EXPECT_EQ(m.sdp, 1);
	EXPECT_EQ(m.n_addrs, 6);
	EXPECT_ADDR(msg, &m, 3, CONTACT, "127.0.0.1", 5070, "127.0.0.1");
	EXPECT_ADDR(msg, &m, 4, SDP_ORIGIN, "127.0.0.1", 0, "127.0.0.1");
	EXPECT_ADDR(msg, &m, 5, SDP_CONN, "127.0.0.1", 0, "127.0.0.1");
	EXPECT_EQ(m.n_media, 1);
	EXPECT_MEDIA(msg, &m, 0, 'a', 6000, 1, 0, 0, 5);
}

static void test_sipp_ack_bye(void)
{
	struct nfalg_sip_msg m;

	EXPECT_EQ(parse_ok(sipp_ack4, &m), 359);
	EXPECT_EQ(m.method, NFALG_SIP_M_ACK);
	EXPECT_EQ(m.cseq_method, NFALG_SIP_M_ACK);
	EXPECT_EQ(m.cseq, 1);
	EXPECT_EQ(m.n_addrs, 5);
	EXPECT_EQ(m.clen, 0);
	EXPECT_EQ(m.sdp, 0);

	EXPECT_EQ(parse_ok(sipp_bye4, &m), 359);
	EXPECT_EQ(m.method, NFALG_SIP_M_BYE);
	EXPECT_EQ(m.cseq, 2);
	EXPECT_EQ(m.n_addrs, 5);
	EXPECT_ADDR(sipp_bye4, &m, 0, RURI, "127.0.0.1", 5070, "127.0.0.1");

	EXPECT_EQ(parse_ok(sipp_bye_200_4, &m), 301);
	EXPECT_EQ(m.status, 200);
	EXPECT_EQ(m.method, NFALG_SIP_M_BYE);
	EXPECT_EQ(m.cseq, 2);
}

/* The same call over ::1: bracketed in URIs and Via, bare in SDP c= */
static void test_sipp_ipv6(void)
{
	const char *msg = sipp_invite6;
	struct nfalg_sip_msg m;

	EXPECT_EQ(parse_ok(msg, &m), 473);
	expect_call_id(msg, &m, "1-29662@::1");
	EXPECT_EQ(m.n_addrs, 7);
	EXPECT_ADDR(msg, &m, 0, RURI, "::1", 5072, "[::1]");
	EXPECT_ADDR(msg, &m, 1, VIA, "::1", 5073, "[::1]");
	EXPECT_ADDR(msg, &m, 2, FROM, "::1", 5073, "[::1]");
	EXPECT_ADDR(msg, &m, 3, TO, "::1", 5072, "[::1]");
	EXPECT_ADDR(msg, &m, 4, CONTACT, "::1", 5073, "[::1]");
	/* SIPp writes "o=... IN IP6 [::1]": accepted, bracket kept */
	EXPECT_ADDR(msg, &m, 5, SDP_ORIGIN, "::1", 0, "[::1]");
	EXPECT_ADDR(msg, &m, 6, SDP_CONN, "::1", 0, "::1");
	EXPECT_MEDIA(msg, &m, 0, 'a', 6004, 1, 0, 0, 6);

	msg = sipp_200_6;
	EXPECT_EQ(parse_ok(msg, &m), 436);
	EXPECT_EQ(m.n_addrs, 6);
	EXPECT_ADDR(msg, &m, 3, CONTACT, "::1", 5072, "[::1]");
	EXPECT_ADDR(msg, &m, 5, SDP_CONN, "::1", 0, "::1");
	EXPECT_MEDIA(msg, &m, 0, 'a', 6000, 1, 0, 0, 5);

	EXPECT_EQ(parse_ok(sipp_bye6, &m), 333);
	EXPECT_EQ(m.method, NFALG_SIP_M_BYE);
	EXPECT_EQ(m.n_addrs, 5);
}

static void test_ipv6_forms(void)
{
	const char *msg;
	struct nfalg_sip_msg m;

	msg = subst(sipp_invite6, "c=IN IP6 ::1",
		    "c=IN IP6 2001:DB8:0:0::1:2");
	EXPECT_EQ(parse_ok(msg, &m), strlen(msg));
	EXPECT_ADDR(msg, &m, 6, SDP_CONN, "2001:db8::1:2", 0,
		    "2001:DB8:0:0::1:2");

	msg = subst(sipp_invite6, "INVITE sip:service@[::1]:5072",
		    "INVITE sip:service@[2001:db8::ffff:192.0.2.1]");
	EXPECT_EQ(parse_ok(msg, &m), strlen(msg));
	EXPECT_ADDR(msg, &m, 0, RURI, "2001:db8::ffff:192.0.2.1", 0,
		    "[2001:db8::ffff:192.0.2.1]");

	/* IPv6 in a URI or Via must be bracketed */
	EXPECT_EQ(parse_str(subst(sipp_invite6, "INVITE sip:service@[::1]",
				  "INVITE sip:service@::1"), &m), -EINVAL);
	CHECK(is_reset(&m));
	EXPECT_EQ(parse_str(subst(sipp_invite6, "Via: SIP/2.0/UDP [::1]:5073",
				  "Via: SIP/2.0/UDP ::1"), &m), -EINVAL);
	EXPECT_EQ(parse_str(subst(sipp_invite6, "<sip:sipp@[::1]:5073>",
				  "<sip:sipp@2001:db8::1>"), &m), -EINVAL);
	/* bad IPv6 text */
	EXPECT_EQ(parse_str(subst(sipp_invite6, "[::1]:5072", "[::1:5072"),
			    &m), -EINVAL);
	EXPECT_EQ(parse_str(subst(sipp_invite6, "[::1]:5072", "[1::2::3]"),
			    &m), -EINVAL);
	EXPECT_EQ(parse_str(subst(sipp_invite6, "[::1]:5072",
				  "[fe80::1%eth0]"), &m), -EINVAL);
	EXPECT_EQ(parse_str(subst(sipp_invite6, "[::1]:5072", "[]"), &m),
		  -EINVAL);
	EXPECT_EQ(parse_str(subst(sipp_invite6, "c=IN IP6 ::1",
				  "c=IN IP6 ::1::"), &m), -EINVAL);
	EXPECT_EQ(parse_str(subst(sipp_invite6, "c=IN IP6 ::1",
				  "c=IN IP6 127.0.0.1"), &m), -EINVAL);
	EXPECT_EQ(parse_str(subst(sipp_invite4, "c=IN IP4 127.0.0.1",
				  "c=IN IP4 ::1"), &m), -EINVAL);
	/* a bracketed IPv6 c= (as SIPp writes o=) is accepted too */
	msg = subst(sipp_invite6, "c=IN IP6 ::1", "c=IN IP6 [2001:db8::7]");
	EXPECT_EQ(parse_ok(msg, &m), strlen(msg));
	EXPECT_ADDR(msg, &m, 6, SDP_CONN, "2001:db8::7", 0, "[2001:db8::7]");
}

/* REGISTER: Expires header, contact expires= */

static void test_sipp_register(void)
{
	const char *msg = sipp_register4;
	struct nfalg_sip_msg m;

	EXPECT_EQ(parse_ok(msg, &m), 359);
	EXPECT_EQ(m.method, NFALG_SIP_M_REGISTER);
	EXPECT_EQ(m.cseq_method, NFALG_SIP_M_REGISTER);
	EXPECT_EQ(m.expires, 3600);
	EXPECT_EQ(m.clen, 0);
	EXPECT_EQ(m.clen_off, off_of(msg, "Content-Length:     0") + 20);
	EXPECT_EQ(m.n_addrs, 5);
	EXPECT_ADDR(msg, &m, 0, RURI, "127.0.0.1", 5074, "127.0.0.1");
	EXPECT_ADDR(msg, &m, 1, VIA, "127.0.0.1", 5075, "127.0.0.1");
	EXPECT_ADDR(msg, &m, 2, FROM, "127.0.0.1", 5074, "127.0.0.1");
	EXPECT_ADDR(msg, &m, 3, TO, "127.0.0.1", 5074, "127.0.0.1");
	EXPECT_ADDR(msg, &m, 4, CONTACT, "127.0.0.1", 5075, "127.0.0.1");

	/* without the Expires header, the first Contact's expires= */
	msg = subst(sipp_register4, "Expires: 3600\r\n", "");
	EXPECT_EQ(parse_ok(msg, &m), strlen(msg));
	EXPECT_EQ(m.expires, 1800);
	msg = subst(msg, ">;expires=1800", ">;q=0.5;EXPIRES = 0");
	EXPECT_EQ(parse_ok(msg, &m), strlen(msg));
	EXPECT_EQ(m.expires, 0);
	/* only the first Contact's counts */
	msg = subst(sipp_register4, "Expires: 3600\r\n",
		    "Contact: <sip:alice@127.0.0.2>;expires=60\r\n");
	msg = subst(msg, ">;expires=1800", ">");
	EXPECT_EQ(parse_ok(msg, &m), strlen(msg));
	EXPECT_EQ(m.expires, -1);
	EXPECT_EQ(m.n_addrs, 6);
	msg = subst(sipp_register4, "Expires: 3600\r\n", "");
	msg = subst(msg, "<sip:alice@127.0.0.1:5075>;expires=1800",
		    "<sip:a@127.0.0.1>;expires=10, <sip:b@127.0.0.2>;expires=20");
	EXPECT_EQ(parse_ok(msg, &m), strlen(msg));
	EXPECT_EQ(m.expires, 10);
	EXPECT_ADDR(msg, &m, 5, CONTACT, "127.0.0.2", 0, "127.0.0.2");
	/* a huge value is clamped, a bad one refused */
	msg = subst(sipp_register4, "Expires: 3600",
		    "Expires: 99999999999999999999");
	EXPECT_EQ(parse_ok(msg, &m), strlen(msg));
	EXPECT_EQ(m.expires, 0x7fffffff);
	EXPECT_EQ(parse_str(subst(sipp_register4, "Expires: 3600",
				  "Expires: 1h"), &m), -EINVAL);
	EXPECT_EQ(parse_str(subst(sipp_register4, "Expires: 3600",
				  "Expires:"), &m), -EINVAL);
	EXPECT_EQ(parse_str(subst(sipp_register4, "Expires: 3600",
				  "Expires: 1\r\nExpires: 1"), &m), -EINVAL);
	EXPECT_EQ(parse_str(subst(sipp_register4, "expires=1800",
				  "expires=soon"), &m), -EINVAL);
	EXPECT_EQ(parse_str(subst(sipp_register4, "expires=1800",
				  "expires"), &m), -EINVAL);
}

static void test_sipp_register_200(void)
{
	const char *msg = sipp_register_200_4;
	struct nfalg_sip_msg m;

	EXPECT_EQ(parse_ok(msg, &m), 339);
	EXPECT_EQ(m.status, 200);
	EXPECT_EQ(m.method, NFALG_SIP_M_REGISTER);
	EXPECT_EQ(m.expires, 600);
	EXPECT_EQ(m.n_addrs, 5);
	EXPECT_ADDR(msg, &m, 0, VIA, "127.0.0.1", 5075, "127.0.0.1");
	EXPECT_ADDR(msg, &m, 1, VIA_RECEIVED, "127.0.0.1", 0, "127.0.0.1");
	EXPECT_EQ(m.addrs[1].off, off_of(msg, "received=") + 9);

	msg = sipp_register_200_6;
	EXPECT_EQ(parse_ok(msg, &m), 313);
	EXPECT_ADDR(msg, &m, 0, VIA, "::1", 5077, "[::1]");
	EXPECT_ADDR(msg, &m, 1, VIA_RECEIVED, "::1", 0, "[::1]");
	/* RFC 3261 writes received= IPv6 without brackets */
	msg = subst(msg, "received=[::1]", "received=2001:db8::9:255");
	EXPECT_EQ(parse_ok(msg, &m), strlen(msg));
	EXPECT_ADDR(msg, &m, 1, VIA_RECEIVED, "2001:db8::9:255", 0,
		    "2001:db8::9:255");

	EXPECT_EQ(parse_ok(sipp_register6, &m), 333);
	EXPECT_ADDR(sipp_register6, &m, 0, RURI, "::1", 5076, "[::1]");
	EXPECT_EQ(m.expires, 3600);
}

/* Contact: * (RFC 3261 10.2.2) */
static void test_contact_star(void)
{
	const char *msg;
	struct nfalg_sip_msg m;

	msg = subst(sipp_register4, "<sip:alice@127.0.0.1:5075>;expires=1800",
		    "*");
	msg = subst(msg, "Expires: 3600", "Expires: 0");
	EXPECT_EQ(parse_ok(msg, &m), strlen(msg));
	EXPECT_EQ(m.expires, 0);
	EXPECT_EQ(m.n_addrs, 4);
	msg = subst(sipp_register4, "Contact: <sip:alice@127.0.0.1:5075>",
		    "m:  *  \r\nX: <sip:alice@127.0.0.1:5075>");
	EXPECT_EQ(parse_ok(msg, &m), strlen(msg));
	EXPECT_EQ(m.n_addrs, 4);
	EXPECT_EQ(m.expires, 3600);
	EXPECT_EQ(parse_str(subst(sipp_register4, "Contact: <",
				  "Contact: *, <"), &m), -EINVAL);
	EXPECT_EQ(parse_str(subst(sipp_register4, "Contact: <sip:alice@127.0.0.1:5075>;expires=1800",
				  "Contact: <sip:a@127.0.0.1>, *"), &m),
		  -EINVAL);
	EXPECT_EQ(parse_str(subst(sipp_register4, ">;expires=1800",
				  ">, "), &m), -EINVAL);
}

/* Compact header forms, any case, and LF line ends */
static const char compact_msg[] =
	"INVITE sip:bob@192.0.2.4 SIP/2.0\n"
	"v: SIP/2.0/UDP 10.1.1.1:5062;branch=z9hG4bK776asdhds\n"
	"f: \"Alice\" <sip:alice@10.1.1.1>;tag=1928301774\n"
	"T: <sip:bob@192.0.2.4>\n"
	"i: a84b4c76e66710\n"
	"CSEQ: 314159 INVITE\n"
	"M: <sip:alice@10.1.1.1:5062>\n"
	"c: Application/SDP;charset=utf-8\n"
	"L: 70\n"
	"\n"
	"v=0\n"
	"o=- 1 1 IN IP4 10.1.1.1\n"
	"c=IN IP4 10.1.1.1\n"
	"m=audio 49170 RTP/AVP 0\n";

static void test_compact(void)
{
	const char *msg = compact_msg;
	struct nfalg_sip_msg m;

	EXPECT_EQ(parse_ok(msg, &m), strlen(msg));
	EXPECT_EQ(m.clen, 70);
	EXPECT_EQ(m.cseq, 314159);
	expect_call_id(msg, &m, "a84b4c76e66710");
	EXPECT_EQ(m.sdp, 1);
	EXPECT_EQ(m.n_addrs, 7);
	EXPECT_ADDR(msg, &m, 0, RURI, "192.0.2.4", 0, "192.0.2.4");
	EXPECT_ADDR(msg, &m, 1, VIA, "10.1.1.1", 5062, "10.1.1.1");
	EXPECT_ADDR(msg, &m, 2, FROM, "10.1.1.1", 0, "10.1.1.1");
	EXPECT_ADDR(msg, &m, 3, TO, "192.0.2.4", 0, "192.0.2.4");
	EXPECT_ADDR(msg, &m, 4, CONTACT, "10.1.1.1", 5062, "10.1.1.1");
	EXPECT_ADDR(msg, &m, 5, SDP_ORIGIN, "10.1.1.1", 0, "10.1.1.1");
	EXPECT_ADDR(msg, &m, 6, SDP_CONN, "10.1.1.1", 0, "10.1.1.1");
	EXPECT_MEDIA(msg, &m, 0, 'a', 49170, 1, 0, 0, 6);
	/* long and compact forms are the same header */
	EXPECT_EQ(parse_str(subst(msg, "i: a84", "Call-ID: x\ni: a84"), &m),
		  -EINVAL);
	EXPECT_EQ(parse_str(subst(msg, "L: 70", "L: 70\nContent-Length: 70"),
			    &m), -EINVAL);
	EXPECT_EQ(parse_str(subst(msg, "f: ", "From: <sip:x@y.example>\nf: "),
			    &m), -EINVAL);
	EXPECT_EQ(parse_str(subst(msg, "T: ", "to: <sip:x@y.example>\nT: "),
			    &m), -EINVAL);
	EXPECT_EQ(parse_str(subst(msg, "CSEQ: ", "CSeq: 1 INVITE\nCSEQ: "),
			    &m), -EINVAL);
	/* a mixture of line ends */
	msg = subst(msg, "i: a84b4c76e66710\n", "i: a84b4c76e66710\r\n");
	EXPECT_EQ(parse_ok(msg, &m), strlen(msg));
}

/* Folded header lines (RFC 3261 7.3.1) */
static void test_folding(void)
{
	const char *msg;
	struct nfalg_sip_msg m;

	msg = subst(sipp_bye4, "Via: SIP/2.0/UDP 127.0.0.1:5071;",
		    "Via: SIP/2.0/UDP\r\n  127.0.0.1:5071\r\n\t;");
	EXPECT_EQ(parse_ok(msg, &m), strlen(msg));
	EXPECT_ADDR(msg, &m, 1, VIA, "127.0.0.1", 5071, "127.0.0.1");
	EXPECT_EQ(m.addrs[1].off, off_of(msg, "  127.0.0.1:5071") + 2);

	msg = subst(sipp_bye4, "Contact: sip:sipp@127.0.0.1:5071",
		    "Contact: <sip:a@192.0.2.1>,\r\n <sip:b@192.0.2.2>\r\n"
		    "  ,\r\n\t<sip:c@192.0.2.3>");
	EXPECT_EQ(parse_ok(msg, &m), strlen(msg));
	EXPECT_EQ(m.n_addrs, 7);
	EXPECT_ADDR(msg, &m, 4, CONTACT, "192.0.2.1", 0, "192.0.2.1");
	EXPECT_ADDR(msg, &m, 5, CONTACT, "192.0.2.2", 0, "192.0.2.2");
	EXPECT_ADDR(msg, &m, 6, CONTACT, "192.0.2.3", 0, "192.0.2.3");

	msg = subst(sipp_bye4, "CSeq: 2 BYE", "CSeq:\r\n 2\r\n BYE");
	EXPECT_EQ(parse_ok(msg, &m), strlen(msg));
	EXPECT_EQ(m.cseq, 2);
	msg = subst(sipp_bye4, "Subject: Performance Test",
		    "Subject: Performance\r\n Test\r\n \r\n\tmore");
	EXPECT_EQ(parse_ok(msg, &m), strlen(msg));

	/* a continuation right after the start line */
	EXPECT_EQ(parse_str(subst(sipp_bye4, "SIP/2.0\r\n",
				  "SIP/2.0\r\n x\r\n"), &m), -EINVAL);
	/* no white space inside <...>, even folded */
	EXPECT_EQ(parse_str(subst(sipp_bye4, "<sip:sipp@127.0.0.1:5071>",
				  "<sip:sipp@127.0.0.1:5071\r\n >"), &m),
		  -EINVAL);
	/* a fold inside a Call-ID */
	EXPECT_EQ(parse_str(subst(sipp_bye4, "Call-ID: 1-29619",
				  "Call-ID: 1-\r\n 29619"), &m), -EINVAL);
}

static void test_keepalives(void)
{
	char buf[MAX + 8];
	struct nfalg_sip_msg m;
	const char *msg;
	size_t i;

	msg = subst(sipp_bye4, "BYE sip:", "\r\n\r\nBYE sip:");
	EXPECT_EQ(parse_ok(msg, &m), 363);
	EXPECT_ADDR(msg, &m, 0, RURI, "127.0.0.1", 5070, "127.0.0.1");
	EXPECT_EQ(m.addrs[0].off, off_of(sipp_bye4, "127.0.0.1") + 4);
	EXPECT_EQ(m.body_off, 363);
	CHECK(start_exact(msg, strlen(msg)));

	EXPECT_EQ(parse_exact("", 0, &m), 0);
	CHECK(is_reset(&m));
	EXPECT_EQ(nfalg_sip_parse(NULL, 0, &m), 0);
	CHECK(is_reset(&m));
	EXPECT_EQ(parse_str("\r", &m), 0);
	EXPECT_EQ(parse_str("\r\n", &m), 0);
	EXPECT_EQ(parse_str("\r\n\r\n\r", &m), 0);
	EXPECT_EQ(parse_str("\r\n\n", &m), -EINVAL);
	EXPECT_EQ(parse_str("\n", &m), -EINVAL);
	EXPECT_EQ(parse_str("\r\r\n", &m), -EINVAL);
	/* keepalives count toward the size limit */
	for (i = 0; i + 1 < sizeof(buf); i += 2) {
		buf[i] = '\r';
		buf[i + 1] = '\n';
	}
	EXPECT_EQ(parse_exact(buf, MAX - 2, &m), 0);
	EXPECT_EQ(parse_exact(buf, MAX, &m), -EMSGSIZE);
	EXPECT_EQ(parse_exact(buf, sizeof(buf), &m), -EMSGSIZE);
	CHECK(is_reset(&m));
}

/* Several Via values, received=, rport, maddr, host names */
static void test_via(void)
{
	const char *msg;
	struct nfalg_sip_msg m;

	msg = subst(sipp_bye4, "Via: SIP/2.0/UDP 127.0.0.1:5071;branch=z9hG4bK-29619-1-7",
		    "Via: SIP/2.0/UDP proxy.example.com:5060;branch=z9hG4bK1"
		    ";received=192.0.2.44;rport=6000;maddr=239.1.1.1 ,"
		    "SIP/2.0/TCP [2001:db8::1]:5061;branch=b;received=2001:db8::2,"
		    " sip / 2.0 / tls 198.51.100.7 ;branch=c\r\n"
		    "v: SIP/2.0/UDP 127.0.0.1;rport;received=127.0.0.9");
	EXPECT_EQ(parse_ok(msg, &m), strlen(msg));
	EXPECT_EQ(m.n_addrs, 10);
	EXPECT_ADDR(msg, &m, 1, VIA_RECEIVED, "192.0.2.44", 0, "192.0.2.44");
	EXPECT_ADDR(msg, &m, 2, VIA, "2001:db8::1", 5061, "[2001:db8::1]");
	EXPECT_ADDR(msg, &m, 3, VIA_RECEIVED, "2001:db8::2", 0,
		    "2001:db8::2");
	EXPECT_ADDR(msg, &m, 4, VIA, "198.51.100.7", 0, "198.51.100.7");
	EXPECT_ADDR(msg, &m, 5, VIA, "127.0.0.1", 0, "127.0.0.1");
	EXPECT_ADDR(msg, &m, 6, VIA_RECEIVED, "127.0.0.9", 0, "127.0.0.9");
	EXPECT_ADDR(msg, &m, 7, FROM, "127.0.0.1", 5071, "127.0.0.1");

	/* a Via whose sent-by is a name and received= absent: nothing */
	msg = subst(sipp_bye4, "127.0.0.1:5071;branch", "pc33.example.com;branch");
	EXPECT_EQ(parse_ok(msg, &m), strlen(msg));
	EXPECT_EQ(m.n_addrs, 4);
	EXPECT_EQ(m.addrs[1].where, NFALG_SIP_AT_FROM);

	EXPECT_EQ(parse_str(subst(sipp_bye4, "SIP/2.0/UDP 127", "SIP/2.1/UDP 127"),
			    &m), -EINVAL);
	EXPECT_EQ(parse_str(subst(sipp_bye4, "SIP/2.0/UDP 127", "SIP/2.0/ 127"),
			    &m), -EINVAL);
	EXPECT_EQ(parse_str(subst(sipp_bye4, "SIP/2.0/UDP 127", "SIP/2.0/UDP127"),
			    &m), -EINVAL);
	EXPECT_EQ(parse_str(subst(sipp_bye4, "SIP/2.0/UDP 127", "SIP/2.0/UDP\r\n"),
			    &m), -EINVAL);
	EXPECT_EQ(parse_str(subst(sipp_bye4, "127.0.0.1:5071;branch",
				  "127.0.0.1 : 5071;branch"), &m), -EINVAL);
	EXPECT_EQ(parse_str(subst(sipp_bye4, ";branch=z9hG4bK-29619-1-7",
				  ";received=192.0.2.1;received=192.0.2.1"),
			    &m), -EINVAL);
	EXPECT_EQ(parse_str(subst(sipp_bye4, ";branch=z9hG4bK-29619-1-7",
				  ";received=host.example"), &m), -EINVAL);
	EXPECT_EQ(parse_str(subst(sipp_bye4, ";branch=z9hG4bK-29619-1-7",
				  ";received="), &m), -EINVAL);
	EXPECT_EQ(parse_str(subst(sipp_bye4, ";branch=z9hG4bK-29619-1-7",
				  ";received=192.0.2.1:5060"), &m), -EINVAL);
	EXPECT_EQ(parse_str(subst(sipp_bye4, ";branch=z9hG4bK-29619-1-7",
				  ";branch=a (comment)"), &m), -EINVAL);
	EXPECT_EQ(parse_str(subst(sipp_bye4, ";branch=z9hG4bK-29619-1-7",
				  ";branch=a,"), &m), -EINVAL);
	EXPECT_EQ(parse_str(subst(sipp_bye4, "Via: SIP/2.0/UDP 127.0.0.1:5071;branch=z9hG4bK-29619-1-7\r\n",
				  ""), &m), -EINVAL);
}

/* Display names and the other things that look like addresses */
static void test_name_addr(void)
{
	const char *msg;
	struct nfalg_sip_msg m;

	msg = subst(sipp_bye4, "From: sipp <sip:sipp@127.0.0.1:5071>",
		    "From: \"Bob <bob@10.9.9.9>, \\\"x\\\" @ 10.8.8.8:1\" "
		    "<sip:bob@192.0.2.1:5080>");
	EXPECT_EQ(parse_ok(msg, &m), strlen(msg));
	EXPECT_EQ(m.n_addrs, 5);
	EXPECT_ADDR(msg, &m, 2, FROM, "192.0.2.1", 5080, "192.0.2.1");

	/* commas in quotes or <> do not split a Contact list */
	msg = subst(sipp_bye4, "Contact: sip:sipp@127.0.0.1:5071",
		    "Contact: \"a, b\" <sip:u,v@192.0.2.5>;x=\"1,2\", "
		    "C <sips:192.0.2.6:5061;transport=tls?h=v>, "
		    "sip:w@192.0.2.7;expires=5, <tel:+1-555-0100>, "
		    "<sip:name.example.com>");
	EXPECT_EQ(parse_ok(msg, &m), strlen(msg));
	EXPECT_EQ(m.n_addrs, 7);
	EXPECT_ADDR(msg, &m, 4, CONTACT, "192.0.2.5", 0, "192.0.2.5");
	EXPECT_ADDR(msg, &m, 5, CONTACT, "192.0.2.6", 5061, "192.0.2.6");
	EXPECT_ADDR(msg, &m, 6, CONTACT, "192.0.2.7", 0, "192.0.2.7");

	/* the userinfo ends at the first '@'; user parts may hold ';' */
	msg = subst(sipp_bye4, "<sip:service@127.0.0.1:5070>",
		    "<sip:+1555;phone-context=x@192.0.2.9;user=phone>");
	EXPECT_EQ(parse_ok(msg, &m), strlen(msg));
	EXPECT_ADDR(msg, &m, 3, TO, "192.0.2.9", 0, "192.0.2.9");
	msg = subst(sipp_bye4, "<sip:service@127.0.0.1:5070>",
		    "<sip:user:pass@192.0.2.9>");
	EXPECT_EQ(parse_ok(msg, &m), strlen(msg));
	EXPECT_ADDR(msg, &m, 3, TO, "192.0.2.9", 0, "192.0.2.9");
	/* a second '@' would let another reader find another host */
	EXPECT_EQ(parse_str(subst(sipp_bye4, "<sip:service@127.0.0.1:5070>",
				  "<sip:a@192.0.2.9;x=y@198.51.100.1>"), &m),
		  -EINVAL);
	EXPECT_EQ(parse_str(subst(sipp_bye4, "<sip:service@127.0.0.1:5070>",
				  "<sip:a@b@192.0.2.9>"), &m), -EINVAL);
	/* '?' and '=' may be in a user part: the host is "b.example" */
	msg = subst(sipp_bye4, "<sip:service@127.0.0.1:5070>",
		    "<sip:192.0.2.9?h=a@b.example>");
	EXPECT_EQ(parse_ok(msg, &m), strlen(msg));
	EXPECT_EQ(m.n_addrs, 4);
	EXPECT_EQ(m.addrs[3].where, NFALG_SIP_AT_CONTACT);
	/* SIPS, upper-case scheme */
	msg = subst(sipp_bye4, "<sip:service@127.0.0.1:5070>",
		    "<SIPS:service@192.0.2.9:5061>");
	EXPECT_EQ(parse_ok(msg, &m), strlen(msg));
	EXPECT_ADDR(msg, &m, 3, TO, "192.0.2.9", 5061, "192.0.2.9");

	/* malformed */
	EXPECT_EQ(parse_str(subst(sipp_bye4, "From: sipp <", "From: \"sipp <"),
			    &m), -EINVAL);
	EXPECT_EQ(parse_str(subst(sipp_bye4, "5071>;tag", "5071;tag"), &m),
		  -EINVAL);
	EXPECT_EQ(parse_str(subst(sipp_bye4, "From: sipp <", "From: sipp <<"),
			    &m), -EINVAL);
	EXPECT_EQ(parse_str(subst(sipp_bye4, "From: sipp <", "From: sipp> <"),
			    &m), -EINVAL);
	EXPECT_EQ(parse_str(subst(sipp_bye4, "From: sipp <", "From: si@pp <"),
			    &m), -EINVAL);
	EXPECT_EQ(parse_str(subst(sipp_bye4, "From: sipp <", "From: \"a\" b <"),
			    &m), -EINVAL);
	EXPECT_EQ(parse_str(subst(sipp_bye4, "From: sipp <sip:sipp@127.0.0.1:5071>",
				  "From: <>"), &m), -EINVAL);
	EXPECT_EQ(parse_str(subst(sipp_bye4, "From: sipp <sip:sipp@127.0.0.1:5071>",
				  "From: <sip:>"), &m), -EINVAL);
	EXPECT_EQ(parse_str(subst(sipp_bye4, "From: sipp <sip:sipp@127.0.0.1:5071>",
				  "From: <sip:@127.0.0.1>"), &m), -EINVAL);
	EXPECT_EQ(parse_str(subst(sipp_bye4, "From: sipp <sip:sipp@127.0.0.1:5071>",
				  "From: <127.0.0.1>"), &m), -EINVAL);
	EXPECT_EQ(parse_str(subst(sipp_bye4, "From: sipp <sip:sipp@127.0.0.1:5071>",
				  "From: \"sipp\""), &m), -EINVAL);
	EXPECT_EQ(parse_str(subst(sipp_bye4, "From: sipp <sip:sipp@127.0.0.1:5071>",
				  "From: <sip:a@192.0.2.1>, <sip:b@192.0.2.2>"),
			    &m), -EINVAL);
	EXPECT_EQ(parse_str(subst(sipp_bye4, ";tag=29619SIPpTag001",
				  ";tag=\"open"), &m), -EINVAL);
	EXPECT_EQ(parse_str(subst(sipp_bye4, ";tag=29619SIPpTag001",
				  ";=x"), &m), -EINVAL);
	EXPECT_EQ(parse_str(subst(sipp_bye4, ";tag=29619SIPpTag001",
				  " x"), &m), -EINVAL);
	EXPECT_EQ(parse_str(subst(sipp_bye4, "@127.0.0.1:5071>",
				  "@127.0.0.1:5071 >"), &m), -EINVAL);
	EXPECT_EQ(parse_str(subst(sipp_bye4, "Contact: sip:sipp@127.0.0.1:5071",
				  "Contact: sip:sipp@127.0.0.1:5071,"), &m),
		  -EINVAL);
	EXPECT_EQ(parse_str(subst(sipp_bye4, "Contact: sip:sipp@127.0.0.1:5071",
				  "Contact: sip:a@1.2.3.4,,sip:b@1.2.3.5"), &m),
		  -EINVAL);
}

/* Hosts: what is reported, what is a name, what is refused */
static const struct host_case {
	const char *host;	/* in "<sip:u@HOST>" of To */
	int ret;		/* 1: parses, 0: -EINVAL */
	const char *addr;	/* reported address, NULL for a name */
	u16 port;
} hosts[] = {
	{ "192.0.2.1", 1, "192.0.2.1" },
	{ "0.0.0.0", 1, "0.0.0.0" },
	{ "255.255.255.255:65535", 1, "255.255.255.255", 65535 },
	{ "192.0.2.1:1", 1, "192.0.2.1", 1 },
	{ "[::]", 1, "::" },
	{ "[::ffff:192.0.2.1]:5060", 1, "::ffff:192.0.2.1", 5060 },
	{ "[1:2:3:4:5:6:7:8]", 1, "1:2:3:4:5:6:7:8" },
	{ "[1:2:3:4:5:6:1.2.3.4]", 1, "1:2:3:4:5:6:102:304" },
	{ "example.com", 1 },
	{ "example.com.", 1 },
	{ "a", 1 },
	{ "1.2.3.4.example.com:5060", 1 },
	{ "123.example", 1 },
	{ "x_y.example", 1 },
	{ "192.0.2.256", 0 },
	{ "010.0.0.1", 0 },
	{ "192.0.2", 0 },
	{ "192.0.2.1.", 0 },
	{ "192.0.2.1.5", 0 },
	{ "12345", 0 },
	{ "example.123", 0 },
	{ "192.0.2.1:0", 0 },
	{ "192.0.2.1:65536", 0 },
	{ "192.0.2.1:123456", 0 },
	{ "192.0.2.1:", 0 },
	{ "192.0.2.1:x", 0 },
	{ "192.0.2.1x", 0 },
	{ "[192.0.2.1]", 0 },
	{ "[::1", 0 },
	{ "::1", 0 },
	{ "[1:2:3:4:5:6:7:8:9]", 0 },
	{ "[1:2:3:4:5:6:7]", 0 },
	{ "[12345::]", 0 },
	{ "[:1::]", 0 },
	{ "[1::2:]", 0 },
	{ "[1:2:3:4:5:6:7:1.2.3.4]", 0 },
	{ "[::1.2.3]", 0 },
	{ "[::1]x", 0 },
	{ "", 0 },
	{ "exa mple.com", 0 },
	{ "exa%41mple.com", 0 },
	{ "a.", 1 },
	{ "b.example.:5060", 1 },
	{ "example..", 0 },
	{ ".", 0 },
	{ "example.1a", 0 },
	{ "example.1a.", 0 },
	{ "192.0.2.1a.example", 1 },
};

static void test_hosts(void)
{
	struct nfalg_sip_msg m;
	char uri[96], name[160];
	const char *msg;
	size_t i;
	int ret;

	for (i = 0; i < sizeof(hosts) / sizeof(hosts[0]); i++) {
		const struct host_case *h = &hosts[i];
		int before = unit_cur_fail;

		snprintf(uri, sizeof(uri), "<sip:u@%s>", h->host);
		msg = subst(sipp_bye4, "<sip:service@127.0.0.1:5070>", uri);
		ret = parse_str(msg, &m);
		if (!h->ret) {
			EXPECT_EQ(ret, -EINVAL);
		} else {
			EXPECT_EQ(ret, strlen(msg));
			EXPECT_EQ(m.n_addrs, h->addr ? 5 : 4);
			EXPECT_EQ(m.addrs[3].where, h->addr ?
				  NFALG_SIP_AT_TO : NFALG_SIP_AT_CONTACT);
			if (h->addr) {
				size_t n = strcspn(h->host, ":");

				if (h->host[0] == '[')
					n = strchr(h->host, ']') - h->host + 1;
				snprintf(name, sizeof(name), "%.*s", (int)n,
					 h->host);
				EXPECT_ADDR(msg, &m, 3, TO, h->addr, h->port,
					    name);
			}
		}
		if (unit_cur_fail != before)
			printf("# host \"%s\"\n", h->host);
	}
	/* leading zeros in a port are fine; the span has them all */
	msg = subst(sipp_bye4, "<sip:service@127.0.0.1:5070>",
		    "<sip:u@192.0.2.1:05060>");
	EXPECT_EQ(parse_ok(msg, &m), strlen(msg));
	EXPECT_EQ(m.addrs[3].port, 5060);
	EXPECT_EQ(m.addrs[3].port_len, 5);
	EXPECT_EQ(m.addrs[3].port_off, off_of(msg, "05060"));
}

/* The Request-URI */
static void test_request_uri(void)
{
	const char *msg;
	struct nfalg_sip_msg m;

	msg = subst(sipp_bye4, "BYE sip:service@127.0.0.1:5070 ",
		    "BYE tel:+1-201-555-0123 ");
	EXPECT_EQ(parse_ok(msg, &m), strlen(msg));
	EXPECT_EQ(m.n_addrs, 4);
	EXPECT_EQ(m.addrs[0].where, NFALG_SIP_AT_VIA);
	msg = subst(sipp_bye4, "BYE sip:service@127.0.0.1:5070 ",
		    "BYE sip:service@gw.example.com;transport=udp ");
	EXPECT_EQ(parse_ok(msg, &m), strlen(msg));
	EXPECT_EQ(m.n_addrs, 4);
	msg = subst(sipp_bye4, "BYE sip:service@127.0.0.1:5070 ",
		    "BYE sip:192.0.2.1;maddr=239.255.255.1?subject=x ");
	EXPECT_EQ(parse_ok(msg, &m), strlen(msg));
	EXPECT_ADDR(msg, &m, 0, RURI, "192.0.2.1", 0, "192.0.2.1");

	EXPECT_EQ(parse_str(subst(sipp_bye4, "BYE sip:service@127.0.0.1:5070 ",
				  "BYE service@127.0.0.1 "), &m), -EINVAL);
	EXPECT_EQ(parse_str(subst(sipp_bye4, "BYE sip:service@127.0.0.1:5070 ",
				  "BYE sip: "), &m), -EINVAL);
	EXPECT_EQ(parse_str(subst(sipp_bye4, "BYE sip:service@127.0.0.1:5070 ",
				  "BYE 1sip:x "), &m), -EINVAL);
	EXPECT_EQ(parse_str(subst(sipp_bye4, "BYE sip:service@127.0.0.1:5070 ",
				  "BYE sip:a@b\t "), &m), -EINVAL);
	EXPECT_EQ(parse_str(subst(sipp_bye4, "BYE sip:service@127.0.0.1:5070 ",
				  "BYE sip:a\"@192.0.2.1 "), &m), -EINVAL);
}

/* Start lines */
static const struct start_case {
	const char *line;	/* replaces "BYE sip:service@127.0.0.1:5070 SIP/2.0" */
	int ret;		/* 1: parses, else the error */
	u8 method;
	u16 status;
} starts[] = {
	{ "BYE sip:a@b.example SIP/2.0", 1, NFALG_SIP_M_BYE },
	{ "SIP/2.0 200 OK", 1, NFALG_SIP_M_BYE, 200 },
	{ "SIP/2.0 100 ", 1, NFALG_SIP_M_BYE, 100 },
	{ "SIP/2.0 699 \xc3\xa9t\xc3\xa9\tx", 1, NFALG_SIP_M_BYE, 699 },
	{ "SIP/2.0 099 Low", -EINVAL },
	{ "SIP/2.0 700 High", -EINVAL },
	{ "SIP/2.0 20 Short", -EINVAL },
	{ "SIP/2.0 2000 Long", -EINVAL },
	{ "SIP/2.0 200", -EINVAL },
	{ "SIP/2.0 2x0 OK", -EINVAL },
	{ "SIP/2.0  200 OK", -EINVAL },
	{ "SIP/2.1 200 OK", -EINVAL },
	{ "sip/2.0 200 OK", -EINVAL },
	{ "HTTP/1.1 200 OK", -EINVAL },
	{ "BYE sip:a@b.example SIP/2.1", -EINVAL },
	{ "BYE sip:a@b.example sip/2.0", -EINVAL },
	{ "BYE sip:a@b.example SIP/2.0 ", -EINVAL },
	{ "BYE  sip:a@b.example SIP/2.0", -EINVAL },
	{ "BYE sip:a@b.example  SIP/2.0", -EINVAL },
	{ "BYE\tsip:a@b.example SIP/2.0", -EINVAL },
	{ "bye sip:a@b.example SIP/2.0", -EINVAL },
	{ "BYE SIP/2.0", -EINVAL },
	{ " BYE sip:a@b.example SIP/2.0", -EINVAL },
	{ "GET / HTTP/1.1", -EINVAL },
	{ "BYE sip:a@b.example SIP/2.0\r", -EINVAL },
	{ "BYE sip:a@b.example\x01 SIP/2.0", -EINVAL },
	{ "", -EINVAL },
};

static void test_start_lines(void)
{
	struct nfalg_sip_msg m;
	const char *msg;
	size_t i;
	int ret;

	for (i = 0; i < sizeof(starts) / sizeof(starts[0]); i++) {
		const struct start_case *s = &starts[i];
		int before = unit_cur_fail;

		msg = subst(sipp_bye4, "BYE sip:service@127.0.0.1:5070 SIP/2.0",
			    s->line);
		ret = parse_str(msg, &m);
		if (s->ret == 1) {
			EXPECT_EQ(ret, strlen(msg));
			EXPECT_EQ(m.method, s->method);
			EXPECT_EQ(m.status, s->status);
			EXPECT_EQ(m.request, !s->status);
		} else {
			EXPECT_EQ(ret, s->ret);
			CHECK(is_reset(&m));
		}
		if (unit_cur_fail != before)
			printf("# start line \"%s\"\n", s->line);
	}
}

/* Methods and CSeq */
static void test_methods(void)
{
	static const struct {
		const char *name;
		u8 id;
	} meth[] = {
		{ "INVITE", NFALG_SIP_M_INVITE },
		{ "ACK", NFALG_SIP_M_ACK },
		{ "BYE", NFALG_SIP_M_BYE },
		{ "CANCEL", NFALG_SIP_M_CANCEL },
		{ "REGISTER", NFALG_SIP_M_REGISTER },
		{ "OPTIONS", NFALG_SIP_M_OPTIONS },
		{ "PRACK", NFALG_SIP_M_PRACK },
		{ "UPDATE", NFALG_SIP_M_UPDATE },
		{ "SUBSCRIBE", NFALG_SIP_M_OTHER },
		{ "NOTIFY", NFALG_SIP_M_OTHER },
		{ "INVITEX", NFALG_SIP_M_OTHER },
		{ "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEF", NFALG_SIP_M_OTHER },
	};
	struct nfalg_sip_msg m;
	char a[80], b[80];
	const char *msg;
	size_t i;

	for (i = 0; i < sizeof(meth) / sizeof(meth[0]); i++) {
		snprintf(a, sizeof(a), "%s sip:", meth[i].name);
		snprintf(b, sizeof(b), "CSeq: 2 %s", meth[i].name);
		msg = subst(subst(sipp_bye4, "BYE sip:", a), "CSeq: 2 BYE", b);
		EXPECT_EQ(parse_ok(msg, &m), strlen(msg));
		EXPECT_EQ(m.method, meth[i].id);
		EXPECT_EQ(m.cseq_method, meth[i].id);
		/* and as the method of a response */
		msg = subst(sipp_bye_200_4, "CSeq: 2 BYE", b);
		EXPECT_EQ(parse_ok(msg, &m), strlen(msg));
		EXPECT_EQ(m.method, meth[i].id);
	}
	/* 33 letters is too long */
	msg = subst(subst(sipp_bye4, "BYE sip:",
			  "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFG sip:"),
		    "CSeq: 2 BYE", "CSeq: 2 ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFG");
	EXPECT_EQ(parse_str(msg, &m), -EINVAL);

	/* CSeq method mismatch, in a request only */
	EXPECT_EQ(parse_str(subst(sipp_bye4, "CSeq: 2 BYE", "CSeq: 2 INVITE"),
			    &m), -EINVAL);
	EXPECT_EQ(parse_str(subst(sipp_bye4, "CSeq: 2 BYE", "CSeq: 2 bye"),
			    &m), -EINVAL);
	EXPECT_EQ(parse_str(subst(sipp_bye4, "CSeq: 2 BYE", "CSeq: 2 BYEE"),
			    &m), -EINVAL);
	msg = subst(sipp_ack4, "CSeq: 1 ACK", "CSeq: 1 INVITE");
	EXPECT_EQ(parse_str(msg, &m), -EINVAL);
	msg = subst(sipp_bye_200_4, "CSeq: 2 BYE", "CSeq: 2 INVITE");
	EXPECT_EQ(parse_ok(msg, &m), strlen(msg));
	EXPECT_EQ(m.method, NFALG_SIP_M_INVITE);

	/* CSeq numbers */
	msg = subst(sipp_bye4, "CSeq: 2 BYE", "CSeq:\t2147483647\t BYE ");
	EXPECT_EQ(parse_ok(msg, &m), strlen(msg));
	EXPECT_EQ(m.cseq, 2147483647);
	msg = subst(sipp_bye4, "CSeq: 2 BYE", "CSeq: 0 BYE");
	EXPECT_EQ(parse_ok(msg, &m), strlen(msg));
	EXPECT_EQ(m.cseq, 0);
	EXPECT_EQ(parse_str(subst(sipp_bye4, "CSeq: 2 BYE",
				  "CSeq: 2147483648 BYE"), &m), -EINVAL);
	EXPECT_EQ(parse_str(subst(sipp_bye4, "CSeq: 2 BYE",
				  "CSeq: 00000000001 BYE"), &m), -EINVAL);
	EXPECT_EQ(parse_str(subst(sipp_bye4, "CSeq: 2 BYE", "CSeq: BYE"), &m),
		  -EINVAL);
	EXPECT_EQ(parse_str(subst(sipp_bye4, "CSeq: 2 BYE", "CSeq: 2"), &m),
		  -EINVAL);
	EXPECT_EQ(parse_str(subst(sipp_bye4, "CSeq: 2 BYE", "CSeq: 2BYE"), &m),
		  -EINVAL);
	EXPECT_EQ(parse_str(subst(sipp_bye4, "CSeq: 2 BYE", "CSeq: -2 BYE"),
			    &m), -EINVAL);
	EXPECT_EQ(parse_str(subst(sipp_bye4, "CSeq: 2 BYE", "CSeq: 2 BYE x"),
			    &m), -EINVAL);
}

/* Call-ID, CSeq, From, To, Via: each required */
static void test_required(void)
{
	static const char *const line[] = {
		"Call-ID: 1-29619@127.0.0.1\r\n",
		"CSeq: 2 BYE\r\n",
		"From: sipp <sip:sipp@127.0.0.1:5071>;tag=29619SIPpTag001\r\n",
		"To: service <sip:service@127.0.0.1:5070>;tag=29615SIPpTag011\r\n",
		"Via: SIP/2.0/UDP 127.0.0.1:5071;branch=z9hG4bK-29619-1-7\r\n",
	};
	struct nfalg_sip_msg m;
	const char *msg;
	char twice[256];
	size_t i;

	for (i = 0; i < sizeof(line) / sizeof(line[0]); i++) {
		msg = subst(sipp_bye4, line[i], "");
		EXPECT_EQ(parse_str(msg, &m), -EINVAL);
		CHECK(is_reset(&m));
		msg = subst(sipp_bye_200_4, line[i], "");
		EXPECT_EQ(parse_str(msg, &m), -EINVAL);
		/* twice: only Via may be */
		snprintf(twice, sizeof(twice), "%s%s", line[i], line[i]);
		msg = subst(sipp_bye4, line[i], twice);
		EXPECT_EQ(parse_str(msg, &m), i == 4 ? (int)strlen(msg) :
			  -EINVAL);
	}
	/* headers whose repetition is refused even if optional */
	msg = subst(sipp_invite4, "Content-Type: application/sdp\r\n",
		    "Content-Type: application/sdp\r\nc: text/plain\r\n");
	EXPECT_EQ(parse_str(msg, &m), -EINVAL);
}

static void test_call_id(void)
{
	struct nfalg_sip_msg m;
	char id[300], line[320];
	const char *msg;

	memset(id, 'a', sizeof(id));
	id[255] = '\0';
	snprintf(line, sizeof(line), "Call-ID: %s", id);
	msg = subst(sipp_bye4, "Call-ID: 1-29619@127.0.0.1", line);
	EXPECT_EQ(parse_ok(msg, &m), strlen(msg));
	EXPECT_EQ(m.call_id_len, 255);
	id[255] = 'a';
	id[256] = '\0';
	snprintf(line, sizeof(line), "Call-ID: %s", id);
	msg = subst(sipp_bye4, "Call-ID: 1-29619@127.0.0.1", line);
	EXPECT_EQ(parse_str(msg, &m), -EINVAL);

	msg = subst(sipp_bye4, "Call-ID: 1-29619@127.0.0.1",
		    "i:\t f81d4fae-7dec-11d0-a765-00a0c91e6bf6@[::1] \t");
	EXPECT_EQ(parse_ok(msg, &m), strlen(msg));
	expect_call_id(msg, &m,
		       "f81d4fae-7dec-11d0-a765-00a0c91e6bf6@[::1]");
	EXPECT_EQ(parse_str(subst(sipp_bye4, "Call-ID: 1-29619@127.0.0.1",
				  "Call-ID: a b"), &m), -EINVAL);
	EXPECT_EQ(parse_str(subst(sipp_bye4, "Call-ID: 1-29619@127.0.0.1",
				  "Call-ID:"), &m), -EINVAL);
	EXPECT_EQ(parse_str(subst(sipp_bye4, "Call-ID: 1-29619@127.0.0.1",
				  "Call-ID: caf\xc3\xa9"), &m), -EINVAL);
}

/* Content-Length */
static void test_content_length(void)
{
	static const char *const bad[] = {
		"Content-Length: 12a",
		"Content-Length: -1",
		"Content-Length: +1",
		"Content-Length:",
		"Content-Length: 1 2",
		"Content-Length: 0x0",
		"Content-Length: 4097",
		"Content-Length: 99999999999",
		"Content-Length: 18446744073709551745",
	};
	struct nfalg_sip_msg m;
	const char *msg;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		msg = subst_raw(sipp_bye4, "Content-Length: 0", bad[i], false);
		EXPECT_EQ(parse_str(msg, &m), -EINVAL);
		CHECK(is_reset(&m));
	}
	/* leading zeros and white space are fine */
	msg = subst_raw(sipp_bye4, "Content-Length: 0",
			"l:\t 0000000000 ", false);
	EXPECT_EQ(parse_ok(msg, &m), strlen(msg));
	EXPECT_EQ(m.clen, 0);
	EXPECT_EQ(m.clen_len, 10);
	/* a Content-Length shorter than the data: the rest is another
	 * message; longer: wait for more
	 */
	msg = subst_raw(sipp_bye4, "Content-Length: 0", "Content-Length: 4",
			false);
	EXPECT_EQ(parse_str(msg, &m), 0);
	CHECK(is_reset(&m));
	msg = subst_raw(sipp_bye4, "Content-Length: 0\r\n\r\n",
			"Content-Length: 4\r\n\r\nabcdefgh", false);
	EXPECT_EQ(parse_str(msg, &m), strlen(msg) - 4);
	EXPECT_EQ(m.clen, 4);
	EXPECT_EQ(m.msg_len, strlen(msg) - 4);
	EXPECT_EQ(m.body_off, strlen(msg) - 8);

	/* without Content-Length (UDP) the body runs to the end */
	msg = subst(sipp_invite4, "Content-Length:   129\r\n", "");
	EXPECT_EQ(parse_ok(msg, &m), strlen(msg));
	EXPECT_EQ(m.clen, -1);
	EXPECT_EQ(m.clen_off, 0);
	EXPECT_EQ(m.clen_len, 0);
	EXPECT_EQ(m.sdp, 1);
	EXPECT_EQ(m.n_media, 1);
	EXPECT_EQ(m.msg_len, strlen(msg));
	EXPECT_EQ(m.body_off, off_of(msg, "v=0"));
	msg = subst(sipp_bye4, "Content-Length: 0\r\n", "");
	EXPECT_EQ(parse_ok(msg, &m), strlen(msg));
	EXPECT_EQ(m.clen, -1);
	EXPECT_EQ(m.body_off, strlen(msg));
}

/* NUL, bare CR and other control characters */
static void test_control_chars(void)
{
	static const char nul_hdr[] =
		"BYE sip:a@192.0.2.1 SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.2\r\n"
		"From: <sip:b@192.0.2.2>\r\nTo: <sip:a@192.0.2.1>\r\n"
		"Call-ID: x\0y\r\nCSeq: 1 BYE\r\n\r\n";
	static const char nul_other[] =
		"BYE sip:a@192.0.2.1 SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.2\r\n"
		"From: <sip:b@192.0.2.2>\r\nTo: <sip:a@192.0.2.1>\r\n"
		"X-Foo: \0\r\nCall-ID: x\r\nCSeq: 1 BYE\r\n\r\n";
	static const char nul_start[] =
		"BYE sip:a@192.0.2.1\0 SIP/2.0\r\n";
	static const char nul_body[] =
		"BYE sip:a@192.0.2.1 SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.2\r\n"
		"From: <sip:b@192.0.2.2>\r\nTo: <sip:a@192.0.2.1>\r\n"
		"Call-ID: x\r\nCSeq: 1 BYE\r\nContent-Length: 3\r\n\r\na\0b";
	static const char nul_sdp[] =
		"BYE sip:a@192.0.2.1 SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.2\r\n"
		"From: <sip:b@192.0.2.2>\r\nTo: <sip:a@192.0.2.1>\r\n"
		"Call-ID: x\r\nCSeq: 1 BYE\r\nContent-Type: application/sdp\r\n"
		"Content-Length: 11\r\n\r\nv=0\r\ns=a\0b\r\n";
	struct nfalg_sip_msg m;
	const char *msg;

	EXPECT_EQ(parse_exact(nul_hdr, sizeof(nul_hdr) - 1, &m), -EINVAL);
	CHECK(is_reset(&m));
	EXPECT_EQ(parse_exact(nul_other, sizeof(nul_other) - 1, &m), -EINVAL);
	EXPECT_EQ(parse_exact(nul_start, sizeof(nul_start) - 1, &m), -EINVAL);
	/* already refused before the line is complete */
	EXPECT_EQ(parse_exact(nul_start, 21, &m), -EINVAL);
	EXPECT_EQ(parse_exact(nul_body, sizeof(nul_body) - 1, &m),
		  sizeof(nul_body) - 1);
	EXPECT_EQ(parse_exact(nul_sdp, sizeof(nul_sdp) - 1, &m), -EINVAL);

	EXPECT_EQ(parse_str(subst(sipp_bye4, "Subject: Performance Test",
				  "Subject: Performance\rTest"), &m), -EINVAL);
	EXPECT_EQ(parse_str(subst(sipp_bye4, "Subject: Performance Test",
				  "Subject: Performance\x7fTest"), &m),
		  -EINVAL);
	EXPECT_EQ(parse_str(subst(sipp_bye4, "Subject: Performance Test",
				  "Subject: Performance\x1bTest"), &m),
		  -EINVAL);
	msg = subst(sipp_bye4, "Subject: Performance Test",
		    "Subject: Performance\tTest \xe2\x82\xac");
	EXPECT_EQ(parse_ok(msg, &m), strlen(sipp_bye4) + 4);
	EXPECT_EQ(parse_str(subst(sipp_invite4, "s=-", "s=a\rb"), &m),
		  -EINVAL);
	/* SDP text may hold any byte but NUL, CR and LF */
	msg = subst(sipp_invite4, "s=-", "s=\xc3\xa9\x01\t");
	EXPECT_EQ(parse_ok(msg, &m), strlen(msg));
}

/* @base with every "\r\n" made "\n", Content-Length fixed */
static const char *lf_only(const char *base)
{
	char *out = scratch(), *hend, *cl, tmp[2 * MAX];
	size_t i, n = 0;

	for (i = 0; base[i]; i++)
		if (base[i] != '\r' || base[i + 1] != '\n')
			out[n++] = base[i];
	out[n] = '\0';
	hend = strstr(out, "\n\n");
	cl = strstr(out, "Content-Length:");
	if (hend && cl && cl < hend) {
		snprintf(tmp, sizeof(tmp), "Content-Length: %zu%s",
			 strlen(hend + 2), strchr(cl, '\n'));
		strcpy(cl, tmp);
	}
	return out;
}

/*
 * @base with the @n bytes @ins put in front of its first @at (NULs
 * allowed); the length in *len
 */
static const char *with_bytes(const char *base, const char *at,
			      const char *ins, size_t n, size_t *len)
{
	char *out = scratch();
	const char *p = strstr(base, at);
	size_t k;

	CHECK(p);
	k = p ? (size_t)(p - base) : 0;
	memcpy(out, base, k);
	memcpy(out + k, ins, n);
	strcpy(out + k + n, base + k);
	*len = strlen(base) + n;
	return out;
}

/* @msg with its first '#' made a NUL; its length in *len */
static const char *nul_for_hash(const char *msg, size_t *len)
{
	char *out = scratch();

	strcpy(out, msg);
	*len = strlen(msg);
	CHECK(strchr(out, '#'));
	if (strchr(out, '#'))
		*strchr(out, '#') = '\0';
	return out;
}

/*
 * Line ends, and the control characters next to them: a line's end is
 * found and its bytes checked in one pass, which these pin down.
 */
static void test_line_ends(void)
{
	/*
	 * @ok: before "\r\n"; @lf_ok: before a lone "\n" (where "\r"
	 * makes "\r\n", and "\n\r" an empty line, the end of the headers)
	 */
	static const struct {
		const char *bytes;
		size_t n;
		bool ok;
		bool lf_ok;
	} last[] = {
		{ "\0", 1, false, false },
		{ "\r", 1, false, true },
		{ "\x7f", 1, false, false },
		{ "\x01", 1, false, false },
		{ "\x1f", 1, false, false },
		{ "\x0b", 1, false, false },
		{ "\n\r", 2, false, true },
		{ "\t", 1, true, true },
		{ " ", 1, true, true },
		{ "~", 1, true, true },
		{ "\x80", 1, true, true },
		{ "\xff", 1, true, true },
	};
	static char lf_bye[MAX], resp[MAX];
	struct nfalg_sip_msg m, m2;
	const char *msg, *lf;
	size_t i, n, k;

	/* a byte just before "\r\n" or a lone "\n": header and start line */
	strcpy(lf_bye, lf_only(sipp_bye4));
	strcpy(resp, subst(sipp_bye4, "BYE sip:service@127.0.0.1:5070 SIP/2.0",
			   "SIP/2.0 200 OK"));
	for (i = 0; i < sizeof(last) / sizeof(last[0]); i++) {
		int before = unit_cur_fail;

		msg = with_bytes(sipp_bye4, "\r\nContent-Length",
				 last[i].bytes, last[i].n, &n);
		EXPECT_EQ(parse_exact(msg, n, &m), last[i].ok ? (int)n : -EINVAL);
		msg = with_bytes(lf_bye, "\nContent-Length", last[i].bytes,
				 last[i].n, &n);
		EXPECT_EQ(parse_exact(msg, n, &m),
			  last[i].lf_ok ? (int)n : -EINVAL);
		msg = with_bytes(resp, "\r\nVia", last[i].bytes, last[i].n,
				 &n);
		EXPECT_EQ(parse_exact(msg, n, &m), last[i].ok ? (int)n : -EINVAL);
		/* "\n\r": the start line ends before the bare CR */
		EXPECT_EQ(start_exact(msg, n), last[i].ok || last[i].n == 2);
		if (unit_cur_fail != before)
			printf("# byte 0x%02x before a line end\n",
			       (u8)last[i].bytes[0]);
	}

	/* the data ends inside a line: a CR there may still become "\r\n" */
	k = off_of(sipp_bye4, "\r\nCSeq");
	EXPECT_EQ(parse_exact(sipp_bye4, k + 1, &m), 0);
	CHECK(is_reset(&m));
	msg = with_bytes(sipp_bye4, "\r\nCSeq", "\0", 1, &n);
	EXPECT_EQ(parse_exact(msg, k + 1, &m), -EINVAL);
	CHECK(is_reset(&m));
	EXPECT_EQ(parse_exact(msg, k + 2, &m), -EINVAL);
	msg = with_bytes(sipp_bye4, "\r\nCSeq", "\r", 1, &n);
	EXPECT_EQ(parse_exact(msg, k + 1, &m), 0);
	EXPECT_EQ(parse_exact(msg, k + 2, &m), -EINVAL);
	EXPECT_EQ(parse_exact(msg, n, &m), -EINVAL);
	k = off_of(sipp_bye4, "\r\nVia");
	EXPECT_EQ(parse_exact(sipp_bye4, k + 1, &m), 0);
	CHECK(start_exact(sipp_bye4, k + 1));
	msg = with_bytes(sipp_bye4, "\r\nVia", "\r", 1, &n);
	EXPECT_EQ(parse_exact(msg, k + 2, &m), -EINVAL);
	CHECK(!start_exact(msg, k + 2));
	/* the empty line cut after its CR */
	EXPECT_EQ(parse_exact(sipp_bye4, strlen(sipp_bye4) - 1, &m), 0);

	/* "\n" alone everywhere: the same message, offsets moved */
	lf = lf_only(sipp_invite4);
	EXPECT_EQ(parse_ok(lf, &m), strlen(lf));
	EXPECT_EQ(parse_ok(sipp_invite4, &m2), strlen(sipp_invite4));
	EXPECT_EQ(m.n_addrs, m2.n_addrs);
	EXPECT_EQ(m.n_media, m2.n_media);
	EXPECT_EQ(m.body_off, off_of(lf, "\n\nv=0") + 2);
	EXPECT_EQ(m.clen, strlen(lf) - m.body_off);
	expect_call_id(lf, &m, "1-29619@127.0.0.1");
	for (i = 0; i < m.n_addrs && i < m2.n_addrs; i++) {
		const struct nfalg_sip_addr *a = &m.addrs[i], *b = &m2.addrs[i];

		EXPECT_EQ(a->where, b->where);
		EXPECT_MEM(a->addr, b->addr, 16);
		EXPECT_EQ(a->port, b->port);
		EXPECT_EQ(a->len, b->len);
		EXPECT_MEM(lf + a->off, sipp_invite4 + b->off, a->len);
	}
	EXPECT_MEDIA(lf, &m, 0, 'a', 6004, 1, 0, 0, 6);

	/* folds after a lone "\n", and after a mixture */
	msg = subst(lf_only(sipp_bye4), "Via: SIP/2.0/UDP 127.0.0.1:5071;",
		    "Via: SIP/2.0/UDP\n  127.0.0.1:5071\n\t;");
	EXPECT_EQ(parse_ok(msg, &m), strlen(msg));
	EXPECT_ADDR(msg, &m, 1, VIA, "127.0.0.1", 5071, "127.0.0.1");
	msg = subst(sipp_bye4, "CSeq: 2 BYE", "CSeq: 2\n\tBYE\r\n  ");
	EXPECT_EQ(parse_ok(msg, &m), strlen(msg));
	EXPECT_EQ(m.cseq, 2);
	/* a fold holding a bare CR or a NUL */
	EXPECT_EQ(parse_str(subst(sipp_bye4, "CSeq: 2 BYE", "CSeq: 2\n \rBYE"),
			    &m), -EINVAL);
	msg = nul_for_hash(subst(sipp_bye4, "CSeq: 2 BYE", "CSeq: 2\r\n BYE#"),
			   &n);
	EXPECT_EQ(parse_exact(msg, n, &m), -EINVAL);

	/* SDP: "\n" alone, a last line without its end */
	msg = with_body(sipp_invite4, "v=0\ns=-\nc=IN IP4 192.0.2.5\n"
			"m=audio 9 RTP/AVP 0\r\na=rtcp:10");
	EXPECT_EQ(parse_ok(msg, &m), strlen(msg));
	EXPECT_MEDIA(msg, &m, 0, 'a', 9, 1, 10, 0, 5);
	/* a bare CR at a line's last byte, or as the body's last byte */
	EXPECT_EQ(parse_str(with_body(sipp_invite4, "v=0\r\ns=-\r\r\n"), &m),
		  -EINVAL);
	EXPECT_EQ(parse_str(with_body(sipp_invite4, "v=0\r\ns=-\r"), &m),
		  -EINVAL);
	EXPECT_EQ(parse_str(with_body(sipp_invite4, "v=0\r\n\r\n"), &m),
		  -EINVAL);
	/* a NUL at a line's last byte, or as the body's last byte */
	msg = nul_for_hash(with_body(sipp_invite4, "v=0\r\ns=-#\r\nt=0 0\r\n"),
			   &n);
	EXPECT_EQ(parse_exact(msg, n, &m), -EINVAL);
	msg = nul_for_hash(with_body(sipp_invite4, "v=0\ns=-#\nt=0 0\n"), &n);
	EXPECT_EQ(parse_exact(msg, n, &m), -EINVAL);
	msg = nul_for_hash(with_body(sipp_invite4, "v=0\r\ns=-\r\nt=0 0#"),
			   &n);
	EXPECT_EQ(parse_exact(msg, n, &m), -EINVAL);
	msg = nul_for_hash(with_body(sipp_invite4, "v=0\r\ns=-\r\n#"), &n);
	EXPECT_EQ(parse_exact(msg, n, &m), -EINVAL);
	/* other control characters are text in SDP, even at a line's end */
	msg = with_body(sipp_invite4, "v=0\r\ns=-\x01\r\nt=0 0\t\n"
			"i=\x7f\x1b");
	EXPECT_EQ(parse_ok(msg, &m), strlen(msg));
}

static void test_header_syntax(void)
{
	struct nfalg_sip_msg m;
	const char *msg;

	msg = subst(sipp_bye4, "Max-Forwards: 70", "Max-Forwards  \t:70");
	EXPECT_EQ(parse_ok(msg, &m), strlen(msg));
	msg = subst(sipp_bye4, "Max-Forwards: 70", "Max-Forwards:");
	EXPECT_EQ(parse_ok(msg, &m), strlen(msg));
	EXPECT_EQ(parse_str(subst(sipp_bye4, "Max-Forwards: 70",
				  "Max-Forwards 70"), &m), -EINVAL);
	EXPECT_EQ(parse_str(subst(sipp_bye4, "Max-Forwards: 70",
				  ": 70"), &m), -EINVAL);
	EXPECT_EQ(parse_str(subst(sipp_bye4, "Max-Forwards: 70",
				  "Max(Forwards): 70"), &m), -EINVAL);
	EXPECT_EQ(parse_str(subst(sipp_bye4, "Max-Forwards: 70",
				  "Max-Forwards\r\n : 70"), &m), -EINVAL);
	/* a header named like a compact form, but longer */
	msg = subst(sipp_bye4, "Max-Forwards: 70", "vv: x\r\nff: y");
	EXPECT_EQ(parse_ok(msg, &m), strlen(msg));
}

/* Route and Record-Route lists */
static void test_routes(void)
{
	struct nfalg_sip_msg m;
	const char *msg;

	msg = subst(sipp_bye4, "Max-Forwards: 70",
		    "Record-Route: <sip:192.0.2.11;lr>, "
		    "<sip:p2.example.com;lr>,<sip:[2001:db8::11]:5070;lr>\r\n"
		    "Route: <sip:198.51.100.11;lr;ftag=x>\r\n"
		    "Route: sip:198.51.100.12:5090, \"r\" <sips:198.51.100.13>\r\n"
		    "Max-Forwards: 70");
	EXPECT_EQ(parse_ok(msg, &m), strlen(msg));
	EXPECT_EQ(m.n_addrs, 10);
	EXPECT_ADDR(msg, &m, 5, RECORD_ROUTE, "192.0.2.11", 0, "192.0.2.11");
	EXPECT_ADDR(msg, &m, 6, RECORD_ROUTE, "2001:db8::11", 5070,
		    "[2001:db8::11]");
	EXPECT_ADDR(msg, &m, 7, ROUTE, "198.51.100.11", 0, "198.51.100.11");
	EXPECT_ADDR(msg, &m, 8, ROUTE, "198.51.100.12", 5090,
		    "198.51.100.12");
	EXPECT_ADDR(msg, &m, 9, ROUTE, "198.51.100.13", 0, "198.51.100.13");
	EXPECT_EQ(parse_str(subst(sipp_bye4, "Max-Forwards: 70",
				  "Route: <sip:192.0.2.11;lr"), &m), -EINVAL);
	EXPECT_EQ(parse_str(subst(sipp_bye4, "Max-Forwards: 70",
				  "Route:"), &m), -EINVAL);
}

static void test_too_many_addrs(void)
{
	char hdr[2048] = "Contact: ";
	struct nfalg_sip_msg m;
	const char *msg;
	int i;

	/* the BYE has 5: 19 more make 24, 20 more 25 */
	for (i = 0; i < 19; i++)
		snprintf(hdr + strlen(hdr), sizeof(hdr) - strlen(hdr),
			 "%s<sip:u@192.0.2.%d>", i ? ", " : "", i + 1);
	msg = subst(sipp_bye4, "Max-Forwards: 70", hdr);
	EXPECT_EQ(parse_ok(msg, &m), strlen(msg));
	EXPECT_EQ(m.n_addrs, NFALG_SIP_MAX_ADDRS);
	EXPECT_ADDR(msg, &m, 4, CONTACT, "127.0.0.1", 5071, "127.0.0.1");
	EXPECT_ADDR(msg, &m, 23, CONTACT, "192.0.2.19", 0, "192.0.2.19");
	strcat(hdr, ", sip:u@192.0.2.99");
	msg = subst(sipp_bye4, "Max-Forwards: 70", hdr);
	EXPECT_EQ(parse_str(msg, &m), -EINVAL);
	CHECK(is_reset(&m));
	/* host names do not count */
	strcpy(hdr + strlen(hdr) - 10, "x.example");
	msg = subst(sipp_bye4, "Max-Forwards: 70", hdr);
	EXPECT_EQ(parse_ok(msg, &m), strlen(msg));
}

/* Multiple messages in one buffer (a TCP stream) */
static void test_stream(void)
{
	char buf[4 * MAX];
	struct nfalg_sip_msg m;
	size_t n = 0, pos = 0;
	int ret, count = 0;

	strcpy(buf, sipp_invite4);
	strcat(buf, "\r\n\r\n");
	strcat(buf, sipp_ack4);
	strcat(buf, sipp_bye4);
	strcat(buf, sipp_200_4);
	n = strlen(buf);
	while (pos < n) {
		ret = parse_exact(buf + pos, n - pos, &m);
		CHECK(ret > 0);
		if (ret <= 0)
			break;
		check_layout(buf + pos, &m);
		count++;
		pos += ret;
	}
	EXPECT_EQ(count, 4);
	EXPECT_EQ(pos, n);
	/* the first message's length, whatever follows */
	EXPECT_EQ(parse_exact(buf, n, &m), 509);
	EXPECT_EQ(parse_exact(buf, 509, &m), 509);
	EXPECT_EQ(parse_exact(buf + 509, n - 509, &m), 363);
	EXPECT_EQ(m.method, NFALG_SIP_M_ACK);
	EXPECT_EQ(m.body_off, 363);
	EXPECT_EQ(parse_exact(buf + 509, 362, &m), 0);
}

/* Every prefix of a complete message is "incomplete" */
static void test_truncation(void)
{
	static const char *const msgs[] = {
		sipp_invite4, sipp_200_6, sipp_register4, compact_msg,
	};
	struct nfalg_sip_msg m;
	size_t i, k, n;
	int bad = 0;

	for (i = 0; i < sizeof(msgs) / sizeof(msgs[0]); i++) {
		n = strlen(msgs[i]);
		for (k = 0; k < n; k++) {
			if (parse_exact(msgs[i], k, &m) != 0 || !is_reset(&m) ||
			    !start_exact(msgs[i], k))
				bad++;
		}
	}
	EXPECT_EQ(bad, 0);

	/* without Content-Length, a cut body is a shorter message */
	n = strlen(sipp_register4) - 23;
	EXPECT_EQ(parse_exact(subst(sipp_register4, "Content-Length:     0\r\n",
				    ""), n, &m), n);
}

/* NFALG_SIP_MAX_MSG */
static void test_size_limit(void)
{
	char *buf = malloc(2 * MAX), pad[MAX];
	struct nfalg_sip_msg m;
	size_t hlen, n;

	/* pad the BYE with an X-Pad header to exactly MAX bytes */
	hlen = strlen(sipp_bye4);
	n = MAX - hlen - strlen("X-Pad: \r\n");
	memset(pad, 'p', n);
	pad[n] = '\0';
	snprintf(buf, 2 * MAX, "%.*sX-Pad: %s\r\n\r\n", (int)hlen - 2,
		 sipp_bye4, pad);
	EXPECT_EQ(strlen(buf), MAX);
	EXPECT_EQ(parse_exact(buf, MAX, &m), MAX);
	EXPECT_EQ(m.msg_len, MAX);
	EXPECT_EQ(parse_exact(buf, MAX - 1, &m), 0);
	memset(buf + MAX, 'x', MAX);
	EXPECT_EQ(parse_exact(buf, 2 * MAX, &m), MAX);

	/* one byte more: the end of the headers is past the limit */
	snprintf(buf, 2 * MAX, "%.*sX-Pad: p%s\r\n\r\n", (int)hlen - 2,
		 sipp_bye4, pad);
	EXPECT_EQ(parse_exact(buf, MAX - 1, &m), 0);
	EXPECT_EQ(parse_exact(buf, MAX, &m), -EMSGSIZE);
	EXPECT_EQ(parse_exact(buf, MAX + 1, &m), -EMSGSIZE);
	CHECK(is_reset(&m));

	/* a body that would end past the limit: no need to wait for it */
	snprintf(buf, 2 * MAX, "%.*s", (int)hlen, sipp_bye4);
	strcpy(strstr(buf, "Content-Length: 0"), "Content-Length: 4096\r\n\r\n");
	EXPECT_EQ(parse_str(buf, &m), -EMSGSIZE);
	strcpy(strstr(buf, "Content-Length: 4096"),
	       "Content-Length: 3700\r\n\r\n");
	EXPECT_EQ(parse_str(buf, &m), 0);

	/* without Content-Length, more than the limit is too big */
	n = strlen(sipp_bye4) - strlen("Content-Length: 0\r\n");
	memcpy(buf, subst(sipp_bye4, "Content-Length: 0\r\n", ""), n);
	memset(buf + n, 'b', 2 * MAX - n);
	EXPECT_EQ(parse_exact(buf, MAX, &m), MAX);
	EXPECT_EQ(m.clen, -1);
	EXPECT_EQ(parse_exact(buf, MAX + 1, &m), -EMSGSIZE);

	/* an endless first line */
	memset(buf, 'A', 2 * MAX);
	EXPECT_EQ(parse_exact(buf, 20, &m), 0);
	EXPECT_EQ(parse_exact(buf, 33, &m), -EINVAL);
	memcpy(buf, "INVITE ", 7);
	EXPECT_EQ(parse_exact(buf, MAX - 1, &m), 0);
	EXPECT_EQ(parse_exact(buf, MAX, &m), -EMSGSIZE);
	EXPECT_EQ(parse_exact(buf, 2 * MAX, &m), -EMSGSIZE);
	free(buf);
}

/* SDP */

static const char sdp_base[] =
	"v=0\r\n"
	"o=alice 2890844526 2890844526 IN IP4 192.0.2.101\r\n"
	"s=-\r\n"
	"c=IN IP4 192.0.2.101\r\n"
	"t=0 0\r\n"
	"m=audio 49170 RTP/AVP 0 8 97\r\n"
	"a=rtpmap:0 PCMU/8000\r\n"
	"m=video 51372 RTP/AVP 31 32\r\n"
	"c=IN IP4 192.0.2.102\r\n"
	"a=rtpmap:31 H261/90000\r\n";

static const char *sdp(const char *body)
{
	return with_body(sipp_invite4, body);
}

static void test_sdp_conn(void)
{
	struct nfalg_sip_msg m;
	const char *msg = sdp(sdp_base);

	EXPECT_EQ(parse_ok(msg, &m), strlen(msg));
	EXPECT_EQ(m.n_addrs, 8);
	EXPECT_ADDR(msg, &m, 5, SDP_ORIGIN, "192.0.2.101", 0, "192.0.2.101");
	EXPECT_ADDR(msg, &m, 6, SDP_CONN, "192.0.2.101", 0, "192.0.2.101");
	EXPECT_ADDR(msg, &m, 7, SDP_CONN, "192.0.2.102", 0, "192.0.2.102");
	EXPECT_EQ(m.addrs[6].media, NONE);
	EXPECT_EQ(m.addrs[7].media, 1);
	EXPECT_EQ(m.n_media, 2);
	EXPECT_MEDIA(msg, &m, 0, 'a', 49170, 1, 0, 0, 6);
	EXPECT_MEDIA(msg, &m, 1, 'v', 51372, 1, 0, 0, 7);

	/* no session c=: a media without its own has none */
	msg = sdp(subst(sdp_base, "c=IN IP4 192.0.2.101\r\n", ""));
	EXPECT_EQ(parse_ok(msg, &m), strlen(msg));
	EXPECT_EQ(m.n_addrs, 7);
	EXPECT_MEDIA(msg, &m, 0, 'a', 49170, 1, 0, 0, NONE);
	EXPECT_MEDIA(msg, &m, 1, 'v', 51372, 1, 0, 0, 6);
	/* a host name c= is not reported; the media has no address */
	msg = sdp(subst(sdp_base, "c=IN IP4 192.0.2.102",
			"c=IN IP4 media.example.com"));
	EXPECT_EQ(parse_ok(msg, &m), strlen(msg));
	EXPECT_EQ(m.n_addrs, 7);
	EXPECT_MEDIA(msg, &m, 0, 'a', 49170, 1, 0, 0, 6);
	EXPECT_MEDIA(msg, &m, 1, 'v', 51372, 1, 0, 0, NONE);
	/* other network or address types are skipped */
	msg = sdp(subst(sdp_base, "c=IN IP4 192.0.2.102",
			"c=ATM NSAP 47.0005.80.ffe100.0000.f21a.0001"));
	EXPECT_EQ(parse_ok(msg, &m), strlen(msg));
	EXPECT_MEDIA(msg, &m, 1, 'v', 51372, 1, 0, 0, NONE);
	msg = sdp(subst(sdp_base, "IN IP4 192.0.2.101\r\ns=",
			"IN IPX 192.0.2.101\r\ns="));
	EXPECT_EQ(parse_ok(msg, &m), strlen(msg));
	EXPECT_EQ(m.addrs[5].where, NFALG_SIP_AT_SDP_CONN);

	/* hold: 0.0.0.0 is an address like any other */
	msg = sdp(subst(sdp_base, "c=IN IP4 192.0.2.101", "c=IN IP4 0.0.0.0"));
	EXPECT_EQ(parse_ok(msg, &m), strlen(msg));
	EXPECT_ADDR(msg, &m, 6, SDP_CONN, "0.0.0.0", 0, "0.0.0.0");
	EXPECT_MEDIA(msg, &m, 0, 'a', 49170, 1, 0, 0, 6);

	/* multicast: TTL and count are not part of the span */
	msg = sdp(subst(sdp_base, "c=IN IP4 192.0.2.101",
			"c=IN IP4 224.2.1.1/127/3"));
	EXPECT_EQ(parse_ok(msg, &m), strlen(msg));
	EXPECT_ADDR(msg, &m, 6, SDP_CONN, "224.2.1.1", 0, "224.2.1.1");
	msg = sdp(subst(sdp_base, "c=IN IP4 192.0.2.102",
			"c=IN IP6 FF15::101/3"));
	EXPECT_EQ(parse_ok(msg, &m), strlen(msg));
	EXPECT_ADDR(msg, &m, 7, SDP_CONN, "ff15::101", 0, "FF15::101");

	EXPECT_EQ(parse_str(sdp(subst(sdp_base, "c=IN IP4 192.0.2.101",
				      "c=IN IP4 224.2.1.1/127/3/1")), &m),
		  -EINVAL);
	EXPECT_EQ(parse_str(sdp(subst(sdp_base, "c=IN IP4 192.0.2.101",
				      "c=IN IP6 ff15::1/3/1")), &m), -EINVAL);
	EXPECT_EQ(parse_str(sdp(subst(sdp_base, "c=IN IP4 192.0.2.101",
				      "c=IN IP4 224.2.1.1/")), &m), -EINVAL);
	EXPECT_EQ(parse_str(sdp(subst(sdp_base, "c=IN IP4 192.0.2.101",
				      "c=IN IP4 192.0.2")), &m), -EINVAL);
	EXPECT_EQ(parse_str(sdp(subst(sdp_base, "c=IN IP4 192.0.2.101",
				      "c=IN IP4")), &m), -EINVAL);
	EXPECT_EQ(parse_str(sdp(subst(sdp_base, "c=IN IP4 192.0.2.101",
				      "c=IN IP4 192.0.2.1 x")), &m), -EINVAL);
	/* one c= per level */
	EXPECT_EQ(parse_str(sdp(subst(sdp_base, "t=0 0",
				      "c=IN IP4 192.0.2.1\r\nt=0 0")), &m),
		  -EINVAL);
	EXPECT_EQ(parse_str(sdp(subst(sdp_base, "a=rtpmap:31",
				      "c=IN IP4 192.0.2.1\r\na=rtpmap:31")),
			    &m), -EINVAL);
	/* the same text at several levels is fine */
	msg = sdp(subst(sdp_base, "a=rtpmap:0", "c=IN IP4 192.0.2.101\r\n"
			"a=rtpmap:0"));
	EXPECT_EQ(parse_ok(msg, &m), strlen(msg));
	EXPECT_MEDIA(msg, &m, 0, 'a', 49170, 1, 0, 0, 7);
	EXPECT_EQ(m.addrs[7].media, 0);
}

static void test_sdp_origin(void)
{
	struct nfalg_sip_msg m;
	const char *msg;

	msg = sdp(subst(sdp_base, "o=alice 2890844526 2890844526 IN IP4 192.0.2.101",
			"o=- 1 1 IN IP4 host.example.com"));
	EXPECT_EQ(parse_ok(msg, &m), strlen(msg));
	EXPECT_EQ(m.n_addrs, 7);
	EXPECT_EQ(m.addrs[5].where, NFALG_SIP_AT_SDP_CONN);
	msg = sdp(subst(sdp_base, "o=alice 2890844526 2890844526 IN IP4 192.0.2.101",
			"o=- 1 1 IN IP6 2001:db8::101"));
	EXPECT_EQ(parse_ok(msg, &m), strlen(msg));
	EXPECT_ADDR(msg, &m, 5, SDP_ORIGIN, "2001:db8::101", 0,
		    "2001:db8::101");
	EXPECT_EQ(parse_str(sdp(subst(sdp_base, "2890844526 IN IP4",
				      "IN IP4")), &m), -EINVAL);
	EXPECT_EQ(parse_str(sdp(subst(sdp_base, "IN IP4 192.0.2.101\r\ns=",
				      "IN IP4 192.0.2.101 x\r\ns=")), &m),
		  -EINVAL);
	EXPECT_EQ(parse_str(sdp(subst(sdp_base, "IN IP4 192.0.2.101\r\ns=",
				      "IN IP4 192.0.2.101/8\r\ns=")), &m),
		  -EINVAL);
	EXPECT_EQ(parse_str(sdp(subst(sdp_base, "s=-",
				      "s=-\r\no=- 1 1 IN IP4 192.0.2.1")), &m),
		  -EINVAL);
	EXPECT_EQ(parse_str(sdp(subst(sdp_base, "a=rtpmap:31",
				      "o=- 1 1 IN IP4 192.0.2.1\r\na=rtpmap:31")),
			    &m), -EINVAL);
}

static void test_sdp_media(void)
{
	static const char body[] =
		"v=0\r\n"
		"o=- 20518 0 IN IP4 203.0.113.1\r\n"
		"s= \r\n"
		"t=0 0\r\n"
		"c=IN IP4 203.0.113.1\r\n"
		"a=ice-ufrag:F7gI\r\n"
		"m=audio 54400 RTP/SAVPF 0 96\r\n"
		"a=rtcp:54401 IN IP4 203.0.113.9\r\n"
		"a=candidate:1 1 UDP 2113667327 203.0.113.1 54400 typ host\r\n"
		"a=candidate:2 1 UDP 1694302207 198.51.100.7 3478 typ srflx "
		"raddr 203.0.113.1 rport 54400\r\n"
		"a=sendrecv\r\n"
		"m=video 0 RTP/AVP 31\r\n"
		"m=video 55400/2 RTP/AVP 96\r\n"
		"a=rtcp-mux\r\n"
		"a=inactive\r\n"
		"a=rtcp:55402\r\n"
		"m=application 9 TCP/DTLS/SCTP webrtc-datachannel\r\n"
		"m=text 11000 tcp t140\r\n"
		"m=image 12000 udptl t38\r\n"
		"m=message 13000 TCP/MSRP *\r\n"
		"m=control 14000 RTP/AVP 0\r\n"
		"a=rtcp-mux:x\r\n"
		"a=rtcp-fb:* nack\r\n"
		"a=inactive \r\n";
	const char *msg = sdp(body);
	struct nfalg_sip_msg m;

	EXPECT_EQ(parse_ok(msg, &m), strlen(msg));
	/* a=candidate and a=rtcp addresses are not reported */
	EXPECT_EQ(m.n_addrs, 7);
	EXPECT_EQ(m.n_media, 8);
	EXPECT_MEDIA(msg, &m, 0, 'a', 54400, 1, 54401, 0, 6);
	EXPECT_MEDIA(msg, &m, 1, 'v', 0, 1, 0, 0, 6);
	EXPECT_MEDIA(msg, &m, 2, 'v', 55400, 2, 55402, MUX | INACT, 6);
	EXPECT_MEDIA(msg, &m, 3, 'p', 9, 1, 0, TCP, 6);
	EXPECT_MEDIA(msg, &m, 4, 't', 11000, 1, 0, TCP, 6);
	EXPECT_MEDIA(msg, &m, 5, 'i', 12000, 1, 0, 0, 6);
	EXPECT_MEDIA(msg, &m, 6, 'm', 13000, 1, 0, TCP, 6);
	EXPECT_MEDIA(msg, &m, 7, '?', 14000, 1, 0, 0, 6);

	/* a=inactive at session level applies to every media */
	msg = sdp(subst(body, "a=ice-ufrag", "a=inactive\r\na=ice-ufrag"));
	EXPECT_EQ(parse_ok(msg, &m), strlen(msg));
	EXPECT_MEDIA(msg, &m, 0, 'a', 54400, 1, 54401, INACT, 6);
	EXPECT_MEDIA(msg, &m, 7, '?', 14000, 1, 0, INACT, 6);
	/* session-level rtcp attributes are ignored */
	msg = sdp(subst(body, "a=ice-ufrag", "a=rtcp-mux\r\na=rtcp:9\r\n"
			"a=ice-ufrag"));
	EXPECT_EQ(parse_ok(msg, &m), strlen(msg));
	EXPECT_MEDIA(msg, &m, 0, 'a', 54400, 1, 54401, 0, 6);

	/* nine media are too many */
	msg = sdp(subst(body, "a=inactive \r\n", "m=audio 1 RTP/AVP 0\r\n"));
	EXPECT_EQ(parse_str(msg, &m), -EINVAL);
	CHECK(is_reset(&m));

	EXPECT_EQ(parse_str(sdp(subst(body, "m=video 0 RTP/AVP 31",
				      "m=video 0 RTP/AVP")), &m), -EINVAL);
	EXPECT_EQ(parse_str(sdp(subst(body, "m=video 0 RTP",
				      "m=video 65536 RTP")), &m), -EINVAL);
	EXPECT_EQ(parse_str(sdp(subst(body, "m=video 0 RTP",
				      "m=video -1 RTP")), &m), -EINVAL);
	EXPECT_EQ(parse_str(sdp(subst(body, "m=video 0 RTP",
				      "m=video x RTP")), &m), -EINVAL);
	EXPECT_EQ(parse_str(sdp(subst(body, "55400/2", "55400/0")), &m),
		  -EINVAL);
	EXPECT_EQ(parse_str(sdp(subst(body, "55400/2", "65535/2")), &m),
		  -EINVAL);
	EXPECT_EQ(parse_str(sdp(subst(body, "55400/2", "55400/")), &m),
		  -EINVAL);
	EXPECT_EQ(parse_str(sdp(subst(body, "55400/2", "55400/2/2")), &m),
		  -EINVAL);
	EXPECT_EQ(parse_str(sdp(subst(body, "a=rtcp:54401", "a=rtcp:0")), &m),
		  -EINVAL);
	EXPECT_EQ(parse_str(sdp(subst(body, "a=rtcp:54401", "a=rtcp:")), &m),
		  -EINVAL);
	EXPECT_EQ(parse_str(sdp(subst(body, "a=rtcp:54401", "a=rtcp:54401x")),
			    &m), -EINVAL);
	EXPECT_EQ(parse_str(sdp(subst(body, "a=rtcp:55402",
				      "a=rtcp:55402\r\na=rtcp:55403")), &m),
		  -EINVAL);
}

static void test_sdp_syntax(void)
{
	struct nfalg_sip_msg m;
	const char *msg;

	/* the last line may lack its end, lines may end in LF */
	msg = sdp("v=0\nc=IN IP4 192.0.2.1\r\nm=audio 5 RTP/AVP 0");
	EXPECT_EQ(parse_ok(msg, &m), strlen(msg));
	EXPECT_MEDIA(msg, &m, 0, 'a', 5, 1, 0, 0, 5);
	msg = sdp("v=0\r\n");
	EXPECT_EQ(parse_ok(msg, &m), strlen(msg));
	EXPECT_EQ(m.sdp, 1);
	EXPECT_EQ(m.n_addrs, 5);

	EXPECT_EQ(parse_str(sdp("v=1\r\n"), &m), -EINVAL);
	EXPECT_EQ(parse_str(sdp("v=0 \r\n"), &m), -EINVAL);
	EXPECT_EQ(parse_str(sdp("s=-\r\nv=0\r\n"), &m), -EINVAL);
	EXPECT_EQ(parse_str(sdp("\r\nv=0\r\n"), &m), -EINVAL);
	EXPECT_EQ(parse_str(sdp("v=0\r\n\r\n"), &m), -EINVAL);
	EXPECT_EQ(parse_str(sdp("v=0\r\ns\r\n"), &m), -EINVAL);
	EXPECT_EQ(parse_str(sdp("v=0\r\nS=x\r\n"), &m), -EINVAL);
	EXPECT_EQ(parse_str(sdp("v=0\r\n s=x\r\n"), &m), -EINVAL);
	EXPECT_EQ(parse_str(sdp("v=0\r\ns =x\r\n"), &m), -EINVAL);
	EXPECT_EQ(parse_str(sdp("v=0\r\nv=0\r\n"), &m), -EINVAL);
	EXPECT_EQ(parse_str(sdp("v=0\r\nx=\r\n\r"), &m), -EINVAL);

	/* only application/sdp is looked into */
	msg = subst(sdp("garbage"), "application/sdp", "text/plain");
	EXPECT_EQ(parse_ok(msg, &m), strlen(msg));
	EXPECT_EQ(m.sdp, 0);
	msg = subst(sdp(sdp_base), "application/sdp", "application/sdp-x");
	EXPECT_EQ(parse_ok(msg, &m), strlen(msg));
	EXPECT_EQ(m.sdp, 0);
	EXPECT_EQ(m.n_addrs, 5);
	EXPECT_EQ(m.n_media, 0);
	msg = subst(sdp(sdp_base), "Content-Type: application/sdp\r\n", "");
	EXPECT_EQ(parse_ok(msg, &m), strlen(msg));
	EXPECT_EQ(m.sdp, 0);
	msg = subst(sdp(sdp_base), "application/sdp",
		    "APPLICATION / SDP ; charset=\"utf-8\";x=y");
	EXPECT_EQ(parse_ok(msg, &m), strlen(msg));
	EXPECT_EQ(m.sdp, 1);
	EXPECT_EQ(m.n_media, 2);
	/* an SDP Content-Type over an empty body is no SDP */
	msg = subst(sipp_bye4, "Content-Length: 0",
		    "Content-Type: application/sdp\r\nContent-Length: 0");
	EXPECT_EQ(parse_ok(msg, &m), strlen(msg));
	EXPECT_EQ(m.sdp, 0);
	EXPECT_EQ(parse_str(subst(sdp(sdp_base), "application/sdp",
				  "application"), &m), -EINVAL);
	EXPECT_EQ(parse_str(subst(sdp(sdp_base), "application/sdp",
				  "application/sdp;"), &m), -EINVAL);
}

/* nfalg_sip_is_start() */
static const struct {
	const char *in;
	bool want;
} starts_tcp[] = {
	{ "", true },
	{ "R", true },
	{ "REG", true },
	{ "REGISTER", true },
	{ "REGISTER ", true },
	{ "REGISTER sip:x", true },
	{ "GET ", true },
	{ "GET / HTTP/1.1", true },
	{ "GET / HTTP/1.1\r", false },
	{ "GET / HTTP/1.1\r\n", false },
	{ "POST / HTTP/1.1\r\nHost: x\r\n\r\n", false },
	{ "GET /index.html HTTP/1.0\n", false },
	{ "OPTIONS sip:x SIP/2.0\r\n", true },
	{ "OPTIONS sip:x SIP/2.0\n", true },
	{ "OPTIONS sip:x SIP/2.0\r", true },
	{ "OPTIONS sip:x SIP/2.0 \r\n", false },
	{ "OPTIONS  sip:x SIP/2.0\r\n", false },
	{ "OPTIONS SIP/2.0\r\n", false },
	{ "OPTIONS * HTTP/1.1\r\n", false },
	{ "S", true },
	{ "SIP/2.", true },
	{ "SIP/2.0 ", true },
	{ "SIP/2.0 200 OK\r\n", true },
	{ "SIP/2.0 200", true },
	{ "SIP/2.1", false },
	{ "SIP/2.0\r\n", false },
	{ "HTTP/1.1 200 OK\r\n", false },
	{ "\r", true },
	{ "\r\n", true },
	{ "\r\n\r\nINV", true },
	{ "\r\n\r\nINVITE sip:a SIP/2.0\r\n", true },
	{ "\n", false },
	{ "\r\r", false },
	{ " INVITE", false },
	{ "invite", false },
	{ "INVITE\t", false },
	{ "INVITE\x01", false },
	{ "INVITE sip:a\x01", false },
	{ "INVITE sip:a SIP/2.0\x01\r\n", false },
	{ "INVITE sip:a SIP/2.0\r\r\n", false },
	{ "INVITE sip:a SIP/2.0\x7f\n", false },
	{ "INVITE sip:a SIP/2.0\r\x01", false },
	{ "INVITE sip:\xc3\xa9 SIP/2.0\r\n", true },
	{ "\x16\x03\x01\x02\x00", false },
	{ "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEF", true },
	{ "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFG", false },
};

static void test_is_start(void)
{
	char *big = malloc(2 * MAX);
	size_t i;

	for (i = 0; i < sizeof(starts_tcp) / sizeof(starts_tcp[0]); i++) {
		bool got = start_exact(starts_tcp[i].in,
				       strlen(starts_tcp[i].in));

		if (got != starts_tcp[i].want) {
			unit_cur_fail++;
			printf("# is_start(\"%s\") = %d\n", starts_tcp[i].in,
			       got);
		}
	}
	CHECK(start_exact(sipp_invite4, strlen(sipp_invite4)));
	CHECK(start_exact(sipp_200_6, strlen(sipp_200_6)));
	CHECK(nfalg_sip_is_start(NULL, 0));
	/* a first line that does not end within the limit cannot be */
	memset(big, 'A', 2 * MAX);
	memcpy(big, "INVITE ", 7);
	CHECK(start_exact(big, MAX - 1));
	CHECK(!start_exact(big, MAX));
	CHECK(!start_exact(big, 2 * MAX));
	free(big);
}

/* nfalg_sip_frame() */

static int frame_exact(const char *in, size_t len)
{
	char *p = malloc(len ? len : 1);
	int ret;

	if (len)
		memcpy(p, in, len);
	ret = nfalg_sip_frame(p, len);
	free(p);
	return ret;
}

static int frame_str(const char *s)
{
	return frame_exact(s, strlen(s));
}

static const char http_post[] =
	"POST / HTTP/1.1\r\n"
	"Host: x\r\n"
	"Content-Length: 3\r\n"
	"\r\n"
	"a=1";

static const char lookalikes[] =
	"Content-Lengths: 9\r\n"
	"l-x: 9\r\n"
	"Lx: 9\r\n"
	"Content-Len: 9\r\n"
	"L:0";

/* A complete INVITE with SDP: its length, as nfalg_sip_parse() says */
static void test_frame_invite(void)
{
	struct nfalg_sip_msg m;
	size_t n = strlen(sipp_invite4);

	EXPECT_EQ(frame_str(sipp_invite4), n);
	EXPECT_EQ(parse_str(sipp_invite4, &m), n);
	EXPECT_EQ(frame_str(sipp_200_6), strlen(sipp_200_6));
	EXPECT_EQ(frame_str(sipp_register4), strlen(sipp_register4));
	EXPECT_EQ(frame_str(sipp_bye4), strlen(sipp_bye4));
	/* keepalives before it are skipped and counted */
	EXPECT_EQ(frame_str(subst(sipp_invite4, "INVITE sip:",
				  "\r\n\r\nINVITE sip:")), n + 4);
	/* a folded Content-Length, and white space before the colon */
	EXPECT_EQ(frame_str(subst_raw(sipp_invite4, "Content-Length:   129",
				      "Content-Length :\r\n\t129 \r\n ",
				      false)), n + 5);
	EXPECT_EQ(frame_str(subst_raw(sipp_invite4, "Content-Length:   129",
				      "CONTENT-length\t:129", false)), n - 2);
	/* look-alike names are other headers */
	EXPECT_EQ(frame_str(subst_raw(sipp_bye4, "Content-Length: 0",
				      lookalikes, false)),
		  strlen(sipp_bye4) + strlen(lookalikes) - 17);
}

/* Two messages in the buffer: the first one's length */
static void test_frame_two_msgs(void)
{
	char buf[4 * MAX];
	size_t a = strlen(sipp_invite4), b = strlen(sipp_bye4);

	strcpy(buf, sipp_invite4);
	strcat(buf, sipp_bye4);
	strcat(buf, sipp_200_4);
	EXPECT_EQ(frame_exact(buf, strlen(buf)), a);
	EXPECT_EQ(frame_exact(buf + a, strlen(buf) - a), b);
	EXPECT_EQ(frame_exact(buf + a + b, strlen(buf) - a - b),
		  strlen(sipp_200_4));
	/* the next message's first bytes, or junk, do not matter */
	EXPECT_EQ(frame_exact(buf, a + 1), a);
	strcpy(buf + a, "\x01\x02garbage");
	EXPECT_EQ(frame_exact(buf, a + 9), a);
}

/* Headers not complete yet: 0, for every prefix up to the empty line */
static void test_frame_prefix(void)
{
	static const char *const msgs[] = {
		sipp_invite4, sipp_200_6, sipp_register4, compact_msg,
	};
	struct nfalg_sip_msg m;
	size_t i, k, n, hend;
	int bad = 0;

	for (i = 0; i < ARRAY_SIZE(msgs); i++) {
		n = strlen(msgs[i]);
		parse_str(msgs[i], &m);
		hend = m.body_off;
		CHECK(hend > 0);
		for (k = 0; k < n; k++) {
			int want = k < hend ? 0 : (int)n;

			if (frame_exact(msgs[i], k) != want && !bad++)
				printf("# msg %zu prefix %zu: %d, want %d\n",
				       i, k, frame_exact(msgs[i], k), want);
		}
	}
	EXPECT_EQ(bad, 0);
	EXPECT_EQ(frame_exact("", 0), 0);
	EXPECT_EQ(nfalg_sip_frame(NULL, 0), 0);
	EXPECT_EQ(frame_str("\r\n\r"), 0);
	EXPECT_EQ(frame_str("INVITE sip:a SIP/2.0\r\nVia: x\r\n"), 0);
	/* a header line is not known to be whole before the next byte */
	EXPECT_EQ(frame_str("SIP/2.0 200 OK\r\nl: 5\r\n"), 0);
	EXPECT_EQ(frame_str("SIP/2.0 200 OK\r\nl: 5\r\n\r"), 0);
	EXPECT_EQ(frame_str("SIP/2.0 200 OK\r\nl: 5\r\n\r\n"), 16 + 6 + 2 + 5);
	/* what arrived is checked: NUL, bare CR, bad Content-Length */
	EXPECT_EQ(frame_str("SIP/2.0 200 OK\r\nX: a\r\r\n"), -EINVAL);
	EXPECT_EQ(frame_exact("SIP/2.0 200 OK\r\nX: \0a\r\n", 23), -EINVAL);
	EXPECT_EQ(frame_str("SIP/2.0 200 OK\r\nl: x\r\nX"), -EINVAL);
}

/* Headers complete, body partial: the whole length, beyond @len */
static void test_frame_body_partial(void)
{
	struct nfalg_sip_msg m;
	size_t n = strlen(sipp_invite4), body;

	body = off_of(sipp_invite4, "v=0");
	EXPECT_EQ(frame_exact(sipp_invite4, body), n);
	EXPECT_EQ(frame_exact(sipp_invite4, body + 1), n);
	EXPECT_EQ(frame_exact(sipp_invite4, n - 1), n);
	EXPECT_EQ(parse_exact(sipp_invite4, n - 1, &m), 0);
	EXPECT_EQ(frame_exact(sipp_invite4, body - 1), 0);
}

/* No Content-Length: an empty body, the length is the end of headers */
static void test_frame_no_clen(void)
{
	struct nfalg_sip_msg m;
	const char *msg;
	unsigned int body;

	msg = subst(sipp_invite4, "Content-Length:   129\r\n", "");
	body = off_of(msg, "v=0");
	EXPECT_EQ(frame_str(msg), body);
	EXPECT_EQ(parse_exact(msg, body, &m), body);
	EXPECT_EQ(m.body_off, body);
	EXPECT_EQ(frame_exact(msg, body), body);
	EXPECT_EQ(frame_exact(msg, body - 1), 0);
	msg = subst(sipp_bye4, "Content-Length: 0\r\n", "");
	EXPECT_EQ(frame_str(msg), strlen(msg));
	EXPECT_EQ(frame_str("SIP/2.0 200 OK\n\n"), 16);
}

/* A body larger than nfalg_sip_parse() takes is still framed */
static void test_frame_large_clen(void)
{
	const char *msg;
	size_t body;

	msg = subst_raw(sipp_bye4, "Content-Length: 0",
			"Content-Length: 5000", false);
	body = strlen(msg);
	EXPECT_EQ(frame_str(msg), body + 5000);
	msg = subst_raw(sipp_bye4, "Content-Length: 0",
			"Content-Length: 65535", false);
	EXPECT_EQ(frame_str(msg), strlen(msg) + 65535);
	msg = subst_raw(sipp_bye4, "Content-Length: 0",
			"Content-Length: 0000000009", false);
	EXPECT_EQ(frame_str(msg), strlen(msg) + 9);
}

/* Content-Length twice, in any form: refused */
static void test_frame_clen_twice(void)
{
	EXPECT_EQ(frame_str(subst_raw(sipp_bye4, "Content-Length: 0",
				      "Content-Length: 0\r\nContent-Length: 0",
				      false)), -EINVAL);
	EXPECT_EQ(frame_str(subst_raw(sipp_bye4, "Content-Length: 0",
				      "l: 0\r\nCONTENT-LENGTH: 0", false)),
		  -EINVAL);
	/* as soon as the second one is known to be whole */
	EXPECT_EQ(frame_str("SIP/2.0 200 OK\r\nl: 0\r\nl: 0\r\nX"), -EINVAL);
	EXPECT_EQ(frame_str("SIP/2.0 200 OK\r\nl: 0\r\nl: 0\r\n"), 0);
}

/* Not a SIP message: refused, on its first line */
static void test_frame_not_sip(void)
{
	size_t i;

	EXPECT_EQ(frame_str(http_post), -EINVAL);
	EXPECT_EQ(frame_str("GET / HTTP/1.1\r\n"), -EINVAL);
	EXPECT_EQ(frame_str("HTTP/1.1 200 OK\r\n"), -EINVAL);
	EXPECT_EQ(frame_str("\n"), -EINVAL);
	EXPECT_EQ(frame_str(" INVITE"), -EINVAL);
	EXPECT_EQ(frame_str("\x16\x03\x01\x02\x00"), -EINVAL);
	/* a continuation line with no header to continue */
	EXPECT_EQ(frame_str("SIP/2.0 200 OK\r\n x\r\n\r\n"), -EINVAL);
	/* the same verdict as nfalg_sip_is_start() on every start */
	for (i = 0; i < ARRAY_SIZE(starts_tcp); i++) {
		int got = frame_str(starts_tcp[i].in);

		if ((got == -EINVAL) == starts_tcp[i].want) {
			unit_cur_fail++;
			printf("# frame(\"%s\") = %d\n", starts_tcp[i].in, got);
		}
	}
}

/* Content-Length that is not 1 to 10 digits, or over 65535 */
static void test_frame_clen_syntax(void)
{
	static const char *const bad[] = {
		"Content-Length: 12a",
		"Content-Length: -1",
		"Content-Length: +1",
		"Content-Length:",
		"Content-Length: 1 2",
		"Content-Length: 0x0",
		"Content-Length: 65536",
		"Content-Length: 99999999999",
		"Content-Length: 00000000001",
		"Content-Length: 18446744073709551745",
		"Content-Length: 1\r\n 2",
		"Content-Length 0",
		"l 0",
		"l=0",
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		const char *msg = subst_raw(sipp_bye4, "Content-Length: 0",
					    bad[i], false);
		int got = frame_str(msg);

		if (got != -EINVAL) {
			unit_cur_fail++;
			printf("# \"%s\": %d\n", bad[i], got);
		}
	}
}

/* The compact form "l" */
static void test_frame_compact(void)
{
	const char *msg;
	size_t n;

	EXPECT_EQ(frame_str(compact_msg), strlen(compact_msg));
	msg = subst_raw(sipp_bye4, "Content-Length: 0", "l: 12", false);
	n = strlen(msg);
	EXPECT_EQ(frame_str(msg), n + 12);
	msg = subst_raw(sipp_bye4, "Content-Length: 0", "L\t:12", false);
	EXPECT_EQ(frame_str(msg), n + 12);
	EXPECT_EQ(frame_str("SIP/2.0 200 OK\nl:12\n\n"), 21 + 12);
}

/* The headers must end within NFALG_SIP_MAX_MSG, keepalives included */
static void test_frame_size_limit(void)
{
	char *buf = malloc(2 * MAX), pad[MAX];
	size_t hlen, n, i;

	/* the BYE padded to exactly MAX bytes of headers */
	hlen = strlen(sipp_bye4);
	n = MAX - hlen - strlen("X-Pad: \r\n");
	memset(pad, 'p', n);
	pad[n] = '\0';
	snprintf(buf, 2 * MAX, "%.*sX-Pad: %s\r\n\r\n", (int)hlen - 2,
		 sipp_bye4, pad);
	EXPECT_EQ(frame_exact(buf, MAX), MAX);
	EXPECT_EQ(frame_exact(buf, MAX - 1), 0);
	memset(buf + MAX, 'x', MAX);
	EXPECT_EQ(frame_exact(buf, 2 * MAX), MAX);

	/* one byte more: the end of the headers is past the limit */
	snprintf(buf, 2 * MAX, "%.*sX-Pad: p%s\r\n\r\n", (int)hlen - 2,
		 sipp_bye4, pad);
	EXPECT_EQ(frame_exact(buf, MAX - 1), 0);
	EXPECT_EQ(frame_exact(buf, MAX), -EINVAL);
	EXPECT_EQ(frame_exact(buf, MAX + 1), -EINVAL);

	/* an endless first line, endless keepalives */
	memset(buf, 'A', 2 * MAX);
	memcpy(buf, "INVITE ", 7);
	EXPECT_EQ(frame_exact(buf, MAX - 1), 0);
	EXPECT_EQ(frame_exact(buf, MAX), -EINVAL);
	for (i = 0; i < 2 * MAX; i += 2) {
		buf[i] = '\r';
		buf[i + 1] = '\n';
	}
	EXPECT_EQ(frame_exact(buf, MAX - 2), 0);
	EXPECT_EQ(frame_exact(buf, MAX), -EINVAL);
	EXPECT_EQ(frame_exact(buf, 2 * MAX), -EINVAL);
	free(buf);
}

/*
 * Against nfalg_sip_parse(), on every prefix of a stream of messages,
 * from each message start and from some positions inside messages:
 * where the parse gives a length, framing gives the same (or body_off
 * without Content-Length); where the parse waits, framing waits too or
 * gives a length that has not arrived; where framing gives a length that
 * has arrived, the parse of exactly that gives it or refuses the message.
 */
static void test_frame_vs_parse(void)
{
	static const char *const msgs[] = {
		sipp_invite4, sipp_200_6, sipp_register4, compact_msg,
		sipp_ack4, sipp_bye_200_4,
	};
	char buf[4 * MAX];
	struct nfalg_sip_msg m, m2;
	size_t i, k, n, next = 0, j = 0;
	int bad = 0, f, p, q;

	buf[0] = '\0';
	for (i = 0; i < ARRAY_SIZE(msgs); i++)
		strcat(buf, msgs[i]);
	n = strlen(buf);
	for (i = 0; i < n; i++) {
		if (i == next && j < ARRAY_SIZE(msgs))
			next += strlen(msgs[j++]);
		else if (i % 29)
			continue;
		for (k = i; k <= n && k <= i + MAX + 1; k++) {
			f = frame_exact(buf + i, k - i);
			p = parse_exact(buf + i, k - i, &m);
			q = f > 0 && f <= (int)(k - i) ?
			    parse_exact(buf + i, f, &m2) : f;
			if ((p > 0 && f != (m.clen >= 0 ? p : m.body_off)) ||
			    (!p && f && f <= (int)(k - i)) ||
			    (q != f && q != -EINVAL)) {
				if (!bad++)
					printf("# at %zu, %zu bytes: frame %d, parse %d, then %d\n",
					       i, k - i, f, p, q);
			}
		}
	}
	EXPECT_EQ(bad, 0);
}

/* nfalg_sip_format_host() */

static void test_format_basic(void)
{
	static const u8 v4[4] = { 192, 0, 2, 1 };
	static const u8 zero[16];
	char b[NFALG_SIP_FMT_MAX];
	u8 v6[16], all[16];

	inet_pton(AF_INET6, "2001:db8::1", v6);
	memset(all, 0xff, sizeof(all));
	EXPECT_EQ(nfalg_sip_format_host(b, sizeof(b), 4, v4, false, 0), 9);
	EXPECT_STR(b, "192.0.2.1");
	EXPECT_EQ(nfalg_sip_format_host(b, sizeof(b), 4, v4, true, 5060), 14);
	EXPECT_STR(b, "192.0.2.1:5060");
	EXPECT_EQ(nfalg_sip_format_host(b, sizeof(b), 4, zero, false, 0), 7);
	EXPECT_STR(b, "0.0.0.0");
	EXPECT_EQ(nfalg_sip_format_host(b, sizeof(b), 6, v6, false, 0), 11);
	EXPECT_STR(b, "2001:db8::1");
	EXPECT_EQ(nfalg_sip_format_host(b, sizeof(b), 6, v6, true, 0), 13);
	EXPECT_STR(b, "[2001:db8::1]");
	EXPECT_EQ(nfalg_sip_format_host(b, sizeof(b), 6, v6, true, 65535),
		  19);
	EXPECT_STR(b, "[2001:db8::1]:65535");
	EXPECT_EQ(nfalg_sip_format_host(b, sizeof(b), 6, zero, true, 1), 6);
	EXPECT_STR(b, "[::]:1");
	/* the longest text fits NFALG_SIP_FMT_MAX exactly */
	EXPECT_EQ(nfalg_sip_format_host(b, sizeof(b), 6, all, true, 65535),
		  NFALG_SIP_FMT_MAX - 1);
	EXPECT_STR(b, "[ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff]:65535");
	EXPECT_EQ(nfalg_sip_format_host(b, NFALG_SIP_FMT_MAX - 1, 6, all,
					true, 65535), -ENOSPC);
	EXPECT_EQ(nfalg_sip_format_host(b, 10, 4, v4, false, 0), 9);
	EXPECT_EQ(nfalg_sip_format_host(b, 9, 4, v4, false, 0), -ENOSPC);
	EXPECT_EQ(nfalg_sip_format_host(b, 0, 4, v4, false, 0), -ENOSPC);
	EXPECT_EQ(nfalg_sip_format_host(b, sizeof(b), 0, v4, false, 0),
		  -EINVAL);
	EXPECT_EQ(nfalg_sip_format_host(b, sizeof(b), 5, v4, false, 0),
		  -EINVAL);
	EXPECT_EQ(nfalg_sip_format_host(b, sizeof(b), 4, NULL, false, 0),
		  -EINVAL);
}

/*
 * Random addresses with many zero groups: our text is glibc's (but for
 * the IPv4-compatible form), and it parses back in a URI and an SDP c=.
 */
static void test_format_random(void)
{
	char b[NFALG_SIP_FMT_MAX], b2[NFALG_SIP_FMT_MAX], g[INET6_ADDRSTRLEN];
	char msg[512];
	struct nfalg_sip_msg m;
	unsigned int seed = 4242;
	int i, j, n, bad = 0;
	u8 a[16];

	for (i = 0; i < 20000; i++) {
		for (j = 0; j < 8; j++) {
			seed = seed * 1103515245 + 12345;
			if ((seed >> 16) % 3) {
				a[2 * j] = a[2 * j + 1] = 0;
			} else {
				a[2 * j] = seed >> 8;
				a[2 * j + 1] = seed >> 24;
			}
		}
		nfalg_sip_format_host(b, sizeof(b), 6, a, false, 0);
		inet_ntop(AF_INET6, a, g, sizeof(g));
		if ((memcmp(a, "\0\0\0\0\0\0\0\0\0\0\0\0", 12) ||
		     !memcmp(a + 12, "\0\0", 2)) && strcmp(b, g))
			bad++;
		nfalg_sip_format_host(b2, sizeof(b2), 6, a, true, i % 65535 + 1);
		n = snprintf(msg, sizeof(msg), "OPTIONS sip:%s SIP/2.0\r\n"
			     "Via: SIP/2.0/UDP x.example\r\nFrom: <sip:x@y.z>\r\n"
			     "To: <sip:x@y.z>\r\nCall-ID: 1\r\nCSeq: 1 OPTIONS\r\n"
			     "c: application/sdp\r\n\r\nv=0\r\nc=IN IP6 %s\r\n",
			     b2, b);
		if (parse_exact(msg, n, &m) != n || m.n_addrs != 2 ||
		    memcmp(m.addrs[0].addr, a, 16) ||
		    memcmp(m.addrs[1].addr, a, 16) ||
		    m.addrs[0].port != i % 65535 + 1)
			bad++;
	}
	EXPECT_EQ(bad, 0);
}

/* Round trip: every span rewritten with its own formatted address */

/* Rewrite @msg's address spans with @fn's choice of address, port */
typedef void (*remap_fn)(struct nfalg_sip_addr *a);

static int rewrite(const char *msg, const struct nfalg_sip_msg *m,
		   remap_fn fn, char *out)
{
	unsigned int pos = 0, i, end, clen_at = 0;
	int n = 0, delta = 0, k;
	char clen[16];

	for (i = 0; i <= m->n_addrs; i++) {
		struct nfalg_sip_addr a;
		char t[NFALG_SIP_FMT_MAX];

		if (m->clen >= 0 && !clen_at &&
		    (i == m->n_addrs || m->addrs[i].off > m->clen_off)) {
			memcpy(out + n, msg + pos, m->clen_off - pos);
			n += m->clen_off - pos;
			clen_at = n;
			n += 5;	/* room, filled in below */
			pos = m->clen_off + m->clen_len;
		}
		if (i == m->n_addrs)
			break;
		a = m->addrs[i];
		end = a.port_len ? a.port_off + a.port_len : a.off + a.len;
		if (fn)
			fn(&a);
		k = nfalg_sip_format_host(t, sizeof(t), a.family, a.addr,
					  a.bracket, a.port);
		CHECK(k > 0);
		memcpy(out + n, msg + pos, a.off - pos);
		n += a.off - pos;
		memcpy(out + n, t, k);
		n += k;
		if (a.off >= m->body_off)
			delta += k - (int)(end - a.off);
		pos = end;
	}
	memcpy(out + n, msg + pos, m->msg_len - pos);
	n += m->msg_len - pos;
	if (clen_at) {
		k = snprintf(clen, sizeof(clen), "%d", m->clen + delta);
		memmove(out + clen_at + k, out + clen_at + 5,
			n - clen_at - 5);
		memcpy(out + clen_at, clen, k);
		n += k - 5;
	}
	out[n] = '\0';
	return n;
}

static void same_result(const char *msg, const struct nfalg_sip_msg *a,
			const char *msg2, const struct nfalg_sip_msg *b)
{
	unsigned int i;

	EXPECT_EQ(a->request, b->request);
	EXPECT_EQ(a->method, b->method);
	EXPECT_EQ(a->status, b->status);
	EXPECT_EQ(a->cseq, b->cseq);
	EXPECT_EQ(a->expires, b->expires);
	EXPECT_EQ(a->sdp, b->sdp);
	EXPECT_EQ(a->call_id_len, b->call_id_len);
	EXPECT_MEM(msg + a->call_id_off, msg2 + b->call_id_off,
		   a->call_id_len);
	EXPECT_EQ(a->n_addrs, b->n_addrs);
	EXPECT_EQ(a->n_media, b->n_media);
	for (i = 0; i < a->n_addrs && i < b->n_addrs; i++) {
		EXPECT_EQ(a->addrs[i].where, b->addrs[i].where);
		EXPECT_EQ(a->addrs[i].family, b->addrs[i].family);
		EXPECT_EQ(a->addrs[i].bracket, b->addrs[i].bracket);
		EXPECT_EQ(a->addrs[i].media, b->addrs[i].media);
		EXPECT_EQ(a->addrs[i].port, b->addrs[i].port);
		EXPECT_MEM(a->addrs[i].addr, b->addrs[i].addr, 16);
	}
	for (i = 0; i < a->n_media && i < b->n_media; i++) {
		EXPECT_EQ(a->media[i].type, b->media[i].type);
		EXPECT_EQ(a->media[i].port, b->media[i].port);
		EXPECT_EQ(a->media[i].nports, b->media[i].nports);
		EXPECT_EQ(a->media[i].rtcp_port, b->media[i].rtcp_port);
		EXPECT_EQ(a->media[i].rtcp_mux, b->media[i].rtcp_mux);
		EXPECT_EQ(a->media[i].inactive, b->media[i].inactive);
		EXPECT_EQ(a->media[i].conn, b->media[i].conn);
	}
}

static void test_round_trip(void)
{
	const char *msgs[] = {
		sipp_invite4, sipp_180_4, sipp_200_4, sipp_ack4, sipp_bye4,
		sipp_bye_200_4, sipp_invite6, sipp_200_6, sipp_bye6,
		sipp_register4, sipp_register_200_4, sipp_register6,
		sipp_register_200_6, compact_msg, sdp(sdp_base),
		subst(sdp(sdp_base), "c=IN IP4 192.0.2.102",
		      "c=IN IP6 2001:0db8:0:0:0:0:0:00FF/2"),
		subst(sipp_invite6, "[::1]:5073;branch",
		      "[0:0::0:1]:05073;received=0::1;branch"),
		subst(sipp_invite6, "Content-Length:   119\r\n", ""),
	};
	static char out[2 * MAX], out2[2 * MAX];
	struct nfalg_sip_msg a, b, c;
	size_t i;
	int n;

	for (i = 0; i < sizeof(msgs) / sizeof(msgs[0]); i++) {
		int before = unit_cur_fail;

		EXPECT_EQ(parse_ok(msgs[i], &a), strlen(msgs[i]));
		n = rewrite(msgs[i], &a, NULL, out);
		EXPECT_EQ(parse_exact(out, n, &b), n);
		same_result(msgs[i], &a, out, &b);
		if (b.clen >= 0)
			EXPECT_EQ(b.clen, b.msg_len - b.body_off);
		/* a canonical message rewrites to itself */
		EXPECT_EQ(rewrite(out, &b, NULL, out2), n);
		EXPECT_MEM(out, out2, n);
		EXPECT_EQ(parse_exact(out2, n, &c), n);
		EXPECT_MEM(&b, &c, sizeof(b));
		if (unit_cur_fail != before)
			printf("# round trip of message %zu\n", i);
	}
	/* the SIPp messages are canonical already */
	n = rewrite(sipp_invite6, &a, NULL, out);
	parse_str(sipp_invite6, &a);
	n = rewrite(sipp_invite6, &a, NULL, out);
	EXPECT_EQ(n, strlen(sipp_invite6));
	EXPECT_MEM(out, sipp_invite6, n);
}

/* A NAT-like rewrite: 127.0.0.1 becomes 203.0.113.77, ports + 10000 */
static void nat(struct nfalg_sip_addr *a)
{
	static const u8 pub[4] = { 203, 0, 113, 77 };

	if (a->family == NFALG_SIP_AF_INET6) {
		memset(a->addr, 0, 16);
		inet_pton(AF_INET6, "2001:db8:ffff::77", a->addr);
	} else {
		memcpy(a->addr, pub, 4);
	}
	if (a->port)
		a->port += 10000;
}

static void test_nat_rewrite(void)
{
	static char out[2 * MAX];
	struct nfalg_sip_msg a, b;
	unsigned int i;
	int n;

	EXPECT_EQ(parse_ok(sipp_invite4, &a), 509);
	n = rewrite(sipp_invite4, &a, nat, out);
	EXPECT_EQ(parse_exact(out, n, &b), n);
	EXPECT_EQ(b.n_addrs, 7);
	EXPECT_EQ(b.clen, 135);
	CHECK(strstr(out, "INVITE sip:service@203.0.113.77:15070 SIP/2.0"));
	CHECK(strstr(out, "c=IN IP4 203.0.113.77\r\n"));
	for (i = 0; i < b.n_addrs; i++) {
		EXPECT_MEM(b.addrs[i].addr, "\xcb\x00\x71\x4d", 4);
		EXPECT_EQ(b.addrs[i].port, a.addrs[i].port ?
			  a.addrs[i].port + 10000 : 0);
	}
	EXPECT_MEDIA(out, &b, 0, 'a', 6004, 1, 0, 0, 6);

	EXPECT_EQ(parse_ok(sipp_invite6, &a), 473);
	n = rewrite(sipp_invite6, &a, nat, out);
	EXPECT_EQ(parse_exact(out, n, &b), n);
	CHECK(strstr(out, "Via: SIP/2.0/UDP [2001:db8:ffff::77]:15073;"));
	CHECK(strstr(out, "o=user1 53655765 2353687637 IN IP6 "
		     "[2001:db8:ffff::77]\r\n"));
	CHECK(strstr(out, "c=IN IP6 2001:db8:ffff::77\r\n"));
	EXPECT_EQ(b.clen, a.clen + 2 * 14);
}

/* Random edits of the SIPp messages: sanity, never a crash */
static void test_mutation(void)
{
	const char *msgs[] = {
		sipp_invite4, sipp_200_6, sipp_register_200_4, compact_msg,
	};
	static const char alphabet[] = "\r\n \t:;,<>\"@[]/.=0123456789aZ\\*\0";
	char buf[MAX];
	struct nfalg_sip_msg m;
	unsigned int seed = 99, i, j, n, k;
	int ret, bad = 0;

	for (i = 0; i < 40000; i++) {
		const char *src = msgs[i % 4];

		n = strlen(src);
		memcpy(buf, src, n);
		for (j = 0; j < 1 + i % 3; j++) {
			seed = seed * 1103515245 + 12345;
			k = (seed >> 8) % n;
			buf[k] = alphabet[(seed >> 20) % (sizeof(alphabet) - 1)];
		}
		ret = parse_exact(buf, n, &m);
		if (ret > (int)n || (ret <= 0 && !is_reset(&m)) ||
		    (ret < 0 && ret != -EINVAL && ret != -EMSGSIZE) ||
		    (ret >= 0 && !start_exact(buf, n)))
			bad++;
		if (ret > 0) {
			int before = unit_cur_fail;

			check_layout(buf, &m);
			if (unit_cur_fail != before)
				bad++;
			unit_cur_fail = before;
		}
	}
	EXPECT_EQ(bad, 0);
}

int main(void)
{
	RUN(test_sipp_invite4);
	RUN(test_sipp_100);
	RUN(test_sipp_180);
	RUN(test_sipp_200_sdp);
	RUN(test_sipp_ack_bye);
	RUN(test_sipp_ipv6);
	RUN(test_ipv6_forms);
	RUN(test_sipp_register);
	RUN(test_sipp_register_200);
	RUN(test_contact_star);
	RUN(test_compact);
	RUN(test_folding);
	RUN(test_keepalives);
	RUN(test_via);
	RUN(test_name_addr);
	RUN(test_hosts);
	RUN(test_request_uri);
	RUN(test_start_lines);
	RUN(test_methods);
	RUN(test_required);
	RUN(test_call_id);
	RUN(test_content_length);
	RUN(test_control_chars);
	RUN(test_line_ends);
	RUN(test_header_syntax);
	RUN(test_routes);
	RUN(test_too_many_addrs);
	RUN(test_stream);
	RUN(test_truncation);
	RUN(test_size_limit);
	RUN(test_sdp_conn);
	RUN(test_sdp_origin);
	RUN(test_sdp_media);
	RUN(test_sdp_syntax);
	RUN(test_is_start);
	RUN(test_frame_invite);
	RUN(test_frame_two_msgs);
	RUN(test_frame_prefix);
	RUN(test_frame_body_partial);
	RUN(test_frame_no_clen);
	RUN(test_frame_large_clen);
	RUN(test_frame_clen_twice);
	RUN(test_frame_not_sip);
	RUN(test_frame_clen_syntax);
	RUN(test_frame_compact);
	RUN(test_frame_size_limit);
	RUN(test_frame_vs_parse);
	RUN(test_format_basic);
	RUN(test_format_random);
	RUN(test_round_trip);
	RUN(test_nat_rewrite);
	RUN(test_mutation);
	return unit_exit();
}
