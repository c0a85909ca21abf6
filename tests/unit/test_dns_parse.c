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
	EXPECT_EQ(nfalg_dns_answer(&p, 1), -ENOENT);
	EXPECT_EQ(nfalg_dns_query(&p, 10), 0);
	EXPECT_EQ(nfalg_dns_query(&p, 10), -EEXIST);
	EXPECT_EQ(nfalg_dns_query(&p, 20), 0);
	EXPECT_EQ(nfalg_dns_query(&p, 0), 0);
	EXPECT_EQ(nfalg_dns_query(&p, 30), -ENOSPC);
	EXPECT_EQ(p.n, 3);
	/* out of order; each ID answered once */
	EXPECT_EQ(nfalg_dns_answer(&p, 20), 2);
	EXPECT_EQ(nfalg_dns_answer(&p, 20), -ENOENT);
	EXPECT_EQ(nfalg_dns_answer(&p, 30), -ENOENT);
	EXPECT_EQ(nfalg_dns_query(&p, 30), 0);
	EXPECT_EQ(nfalg_dns_answer(&p, 0), 2);
	EXPECT_EQ(nfalg_dns_answer(&p, 10), 1);
	EXPECT_EQ(nfalg_dns_answer(&p, 30), 0);
	EXPECT_EQ(p.n, 0);
	EXPECT_EQ(nfalg_dns_answer(&p, 30), -ENOENT);
	/* a count out of range is taken as full, never read past */
	p.n = 200;
	EXPECT_EQ(nfalg_dns_query(&p, 99), -ENOSPC);
	EXPECT_EQ(p.n, NFALG_DNS_PENDING_MAX);
}

int main(void)
{
	RUN(test_header);
	RUN(test_pending);
	return unit_exit();
}
