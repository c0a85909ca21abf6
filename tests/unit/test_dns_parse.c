// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for the DNS header parser and the set of waiting queries.
 * Every parse runs on an exact-size heap copy of its input, so that
 * AddressSanitizer reports any read past the length given.
 */
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "dns/dns_parse.h"

static int parse(const void *in, unsigned int len, struct nfalg_dns_hdr *h)
{
	u8 *copy = malloc(len ? len : 1);
	int ret;

	memcpy(copy, in, len);
	ret = nfalg_dns_parse(copy, len, h);
	free(copy);
	return ret;
}

static void test_header(void)
{
	/* ID 0xbeef, RD, one question "a." IN A */
	static const u8 query[] = { 0xbe, 0xef, 0x01, 0x00, 0x00, 0x01, 0, 0,
				    0, 0, 0, 0, 1, 'a', 0, 0, 1, 0, 1 };
	/* ID 0x0102, QR, opcode 5 (update), AA */
	static const u8 answer[] = { 0x01, 0x02, 0xac, 0x80, 0x00, 0x00, 0, 1,
				     0, 0, 0, 0 };
	struct nfalg_dns_hdr h;

	EXPECT_EQ(parse(query, sizeof(query), &h), 0);
	EXPECT_EQ(h.id, 0xbeef);
	EXPECT_EQ(h.qr, 0);
	EXPECT_EQ(h.opcode, 0);
	EXPECT_EQ(h.qdcount, 1);
	EXPECT_EQ(parse(answer, sizeof(answer), &h), 0);
	EXPECT_EQ(h.id, 0x0102);
	EXPECT_EQ(h.qr, 1);
	EXPECT_EQ(h.opcode, 5);
	EXPECT_EQ(h.qdcount, 0);
	/* every length short of the header */
	for (unsigned int n = 0; n < NFALG_DNS_HDR_LEN; n++) {
		EXPECT_EQ(parse(answer, n, &h), -EINVAL);
		CHECK(!h.id && !h.qr && !h.opcode && !h.qdcount);
	}
}

static void test_pending(void)
{
	struct nfalg_dns_pending p;

	memset(&p, 0, sizeof(p));
	CHECK(sizeof(p) <= 8);
	EXPECT_EQ(nfalg_dns_answer(&p, 1, false), -ENOENT);
	EXPECT_EQ(nfalg_dns_query(&p, 10), 0);
	EXPECT_EQ(nfalg_dns_query(&p, 10), -EEXIST);
	EXPECT_EQ(nfalg_dns_query(&p, 20), 0);
	EXPECT_EQ(nfalg_dns_query(&p, 0), 0);
	EXPECT_EQ(nfalg_dns_query(&p, 30), -ENOSPC);
	EXPECT_EQ(p.n, 3);
	/* out of order; each ID answered once */
	EXPECT_EQ(nfalg_dns_answer(&p, 20, false), 2);
	EXPECT_EQ(nfalg_dns_answer(&p, 20, false), -ENOENT);
	EXPECT_EQ(nfalg_dns_answer(&p, 30, false), -ENOENT);
	EXPECT_EQ(nfalg_dns_query(&p, 30), 0);
	EXPECT_EQ(nfalg_dns_answer(&p, 0, false), 2);
	EXPECT_EQ(nfalg_dns_answer(&p, 10, false), 1);
	EXPECT_EQ(nfalg_dns_answer(&p, 30, false), 0);
	EXPECT_EQ(p.n, 0);
	EXPECT_EQ(nfalg_dns_answer(&p, 30, false), -ENOENT);
	/* a count out of range is taken as full, never read past */
	p.n = 200;
	EXPECT_EQ(nfalg_dns_query(&p, 99), -ENOSPC);
	EXPECT_EQ(p.n, NFALG_DNS_PENDING_MAX);
}

static int tcp_len(const void *in, unsigned int len)
{
	u8 *copy = malloc(len ? len : 1);
	int ret;

	memcpy(copy, in, len);
	ret = nfalg_dns_tcp_len(copy, len);
	free(copy);
	return ret;
}

static void test_tcp_len(void)
{
	/* length 19, then the query of test_header */
	static const u8 msg[] = { 0, 19, 0xbe, 0xef, 0x01, 0x00, 0x00, 0x01,
				  0, 0, 0, 0, 0, 0, 1, 'a', 0, 0, 1, 0, 1 };
	static const u8 big[] = { 0xff, 0xff, 0, 1, 0x80, 0, 0, 1,
				  0, 0, 0, 0, 0, 0 };
	static const u8 post[] = "POST / HTTP/1.1\r\n";
	static const u8 short_len[] = { 0, 11, 0, 1, 0x80, 0, 0, 0, 0, 0, 0, 0,
					0, 0 };
	unsigned int n;

	/* nothing is told before the prefix and the header are there */
	for (n = 0; n < NFALG_DNS_TCP_PREFIX + NFALG_DNS_HDR_LEN; n++)
		EXPECT_EQ(tcp_len(msg, n), 0);
	for (; n <= sizeof(msg); n++)
		EXPECT_EQ(tcp_len(msg, n), 21);
	EXPECT_EQ(tcp_len(big, sizeof(big)), 65537);
	/* too short for a header: not DNS, told from the prefix alone */
	EXPECT_EQ(tcp_len(short_len, 2), -EINVAL);
	EXPECT_EQ(tcp_len(short_len, sizeof(short_len)), -EINVAL);
	/* "PO" is 20559 bytes: framed, then judged by its header */
	EXPECT_EQ(tcp_len(post, sizeof(post) - 1), 20561);
}

/* Conversations kept open: answered IDs stay for the further answers */
static void test_pending_keep(void)
{
	struct nfalg_dns_pending p;

	memset(&p, 0, sizeof(p));
	EXPECT_EQ(nfalg_dns_answer(&p, 7, true), -ENOENT);
	EXPECT_EQ(nfalg_dns_query(&p, 7), 0);
	/* a zone transfer: one query, several answer messages */
	EXPECT_EQ(nfalg_dns_answer(&p, 7, true), 0);
	EXPECT_EQ(nfalg_dns_answer(&p, 7, true), 0);
	EXPECT_EQ(nfalg_dns_answer(&p, 8, true), -ENOENT);
	EXPECT_EQ(p.n, 1);
	EXPECT_EQ(p.answered, 1);
	/* the same ID asked again waits again */
	EXPECT_EQ(nfalg_dns_query(&p, 7), 0);
	EXPECT_EQ(p.answered, 0);
	EXPECT_EQ(nfalg_dns_query(&p, 7), -EEXIST);
	EXPECT_EQ(nfalg_dns_query(&p, 8), 0);
	EXPECT_EQ(nfalg_dns_query(&p, 9), 0);
	EXPECT_EQ(nfalg_dns_answer(&p, 8, true), 2);
	/* full: the answered 8 makes room, the waiting ones stay */
	EXPECT_EQ(nfalg_dns_query(&p, 10), 0);
	EXPECT_EQ(p.n, 3);
	EXPECT_EQ(p.id[0], 7);
	EXPECT_EQ(p.id[1], 9);
	EXPECT_EQ(p.id[2], 10);
	EXPECT_EQ(p.answered, 0);
	EXPECT_EQ(nfalg_dns_answer(&p, 8, true), -ENOENT);
	EXPECT_EQ(nfalg_dns_query(&p, 11), -ENOSPC);
	EXPECT_EQ(nfalg_dns_answer(&p, 9, true), 2);
	EXPECT_EQ(p.answered, 2);
	/* the answered mark moves with its entry */
	EXPECT_EQ(nfalg_dns_query(&p, 11), 0);
	EXPECT_EQ(p.id[0], 7);
	EXPECT_EQ(p.id[1], 10);
	EXPECT_EQ(p.id[2], 11);
	EXPECT_EQ(p.answered, 0);
	EXPECT_EQ(nfalg_dns_answer(&p, 11, true), 2);
	EXPECT_EQ(nfalg_dns_answer(&p, 7, true), 1);
	EXPECT_EQ(p.answered, 5);
	EXPECT_EQ(nfalg_dns_answer(&p, 10, true), 0);
	EXPECT_EQ(p.answered, 7);
	/* marks beyond the count are cleared, never trusted */
	p.n = 1;
	p.answered = 0xfe;
	EXPECT_EQ(nfalg_dns_answer(&p, 10, true), -ENOENT);
	EXPECT_EQ(p.answered, 0);
	/* closed conversations never answer an ID twice */
	memset(&p, 0, sizeof(p));
	EXPECT_EQ(nfalg_dns_query(&p, 1), 0);
	EXPECT_EQ(nfalg_dns_answer(&p, 1, false), 0);
	EXPECT_EQ(nfalg_dns_answer(&p, 1, false), -ENOENT);
}

int main(void)
{
	RUN(test_header);
	RUN(test_pending);
	RUN(test_tcp_len);
	RUN(test_pending_keep);
	return unit_exit();
}
