// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for the address text of kernel/core/inet_text.c, which the
 * FTP and SIP parsers share: what it reads and refuses, RFC 5952 output,
 * and agreement with glibc over many addresses.
 */
#include <arpa/inet.h>
#include <string.h>

#include <nfalg/inet_text.h>

#include "unit.h"

static int pton4(const char *s, u8 *a)
{
	return nfalg_inet_pton4(s, strlen(s), a);
}

static int pton6(const char *s, u8 *a)
{
	return nfalg_inet_pton6(s, strlen(s), a);
}

static void test_pton4(void)
{
	static const char *const bad[] = {
		"", "1.2.3", "1.2.3.4.", ".1.2.3.4", "1.2.3.256", "01.2.3.4",
		"1.2.3.04", "1..3.4", "1.2.3.4 ", "1.2.3.1234", "a.b.c.d",
		"1.2.3.-4", "0x1.2.3.4",
	};
	u8 a[4], want[4] = { 192, 0, 2, 1 };
	size_t i;

	EXPECT_EQ(pton4("192.0.2.1", a), 0);
	EXPECT_MEM(a, want, 4);
	EXPECT_EQ(pton4("0.0.0.0", a), 0);
	EXPECT_EQ(pton4("255.255.255.255", a), 0);
	EXPECT_EQ(a[0] & a[3], 255);
	/* the length given bounds the read: a longer buffer is not looked at */
	EXPECT_EQ(nfalg_inet_pton4("1.2.3.45", 7, a), 0);
	EXPECT_EQ(a[3], 4);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		EXPECT_EQ(pton4(bad[i], a), -EINVAL);
}

static void test_pton6(void)
{
	static const char *const good[] = {
		"::", "::1", "1::", "2001:db8::2:1", "2001:DB8:0:0:1:0:0:1",
		"1:2:3:4:5:6:7:8", "::ffff:192.0.2.1", "1:2:3:4:5:6:1.2.3.4",
		"fe80::1:2", "0:0:0:0:0:0:0:0",
	};
	static const char *const bad[] = {
		"", ":", ":::", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9",
		"1::2::3", "12345::", "1:2:3:4:5:6:7:8::", "::1:2:3:4:5:6:7:8",
		":1::", "1:", "1::2:", "g::", "::1.2.3", "::1.2.3.256",
		"1:2:3:4:5:6:7:1.2.3.4", "::1.2.3.4:5", "fe80::1%eth0",
		"[::1]", " ::1",
	};
	u8 a[16], g[16];
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		EXPECT_EQ(pton6(good[i], a), 0);
		CHECK(inet_pton(AF_INET6, good[i], g) == 1);
		EXPECT_MEM(a, g, 16);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		EXPECT_EQ(pton6(bad[i], a), -EINVAL);
}

/* RFC 5952 canonical text; input via glibc, expected output literal */
static const struct {
	const char *in;
	const char *out;
} canon[] = {
	{ "2001:0DB8:0000:0000:0000:0000:0002:0001", "2001:db8::2:1" },
	{ "2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1" },
	{ "2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1" },
	{ "2001:0:0:1:0:0:0:1", "2001:0:0:1::1" },
	{ "2001:db8::aaaa:0:0:1", "2001:db8::aaaa:0:0:1" },
	{ "0:0:0:0:0:0:0:0", "::" },
	{ "0:0:0:0:0:0:0:1", "::1" },
	{ "1:0:0:0:0:0:0:0", "1::" },
	{ "1:0:0:0:0:0:0:1", "1::1" },
	{ "0:1:0:1:0:1:0:1", "0:1:0:1:0:1:0:1" },
	{ "1:2:3:4:5:6:7:0", "1:2:3:4:5:6:7:0" },
	{ "1:2:3:4:5:6:0:0", "1:2:3:4:5:6::" },
	{ "0:0:1:2:3:4:5:6", "::1:2:3:4:5:6" },
	{ "ABCD:EF01::", "abcd:ef01::" },
	{ "FE80::1:2", "fe80::1:2" },
	{ "::ffff:192.0.2.1", "::ffff:192.0.2.1" },
	{ "::ffff:0:0", "::ffff:0.0.0.0" },
	{ "::192.0.2.1", "::c000:201" },
	{ "::fffe:1.2.3.4", "::fffe:102:304" },
	{ "0:0:0:0:1:ffff:102:304", "::1:ffff:102:304" },
	{ "1:0:0:0:0:ffff:102:304", "1::ffff:102:304" },
	{ "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
	  "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff" },
};

static void test_ntop_canonical(void)
{
	char b[NFALG_INET_TEXT_MAX + 1];
	unsigned int n;
	u8 a[16], v4[4] = { 255, 255, 255, 255 };
	size_t i;

	for (i = 0; i < sizeof(canon) / sizeof(canon[0]); i++) {
		CHECK(inet_pton(AF_INET6, canon[i].in, a) == 1);
		n = nfalg_inet_ntop(b, true, a);
		b[n] = '\0';
		EXPECT_STR(b, canon[i].out);
	}
	n = nfalg_inet_ntop(b, false, v4);
	b[n] = '\0';
	EXPECT_STR(b, "255.255.255.255");
	/* the longest text of all fits NFALG_INET_TEXT_MAX */
	memset(a, 0, 10);
	memset(a + 10, 0xff, 6);
	EXPECT_EQ(nfalg_inet_ntop(b, true, a), strlen("::ffff:255.255.255.255"));
	memset(a, 0xff, 16);
	a[0] = 0x10;
	CHECK(nfalg_inet_ntop(b, true, a) <= NFALG_INET_TEXT_MAX);
}

/*
 * Random addresses with many zero groups: the text is glibc's (which
 * follows RFC 5952 but for IPv4-compatible addresses, skipped) and reads
 * back to the address.
 */
static void test_random(void)
{
	char b[NFALG_INET_TEXT_MAX + 1], g[INET6_ADDRSTRLEN];
	unsigned int seed = 777, n;
	u8 a[16], back[16];
	int i, j, bad = 0;

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
		n = nfalg_inet_ntop(b, true, a);
		b[n] = '\0';
		if (pton6(b, back) || memcmp(a, back, 16))
			bad++;
		inet_ntop(AF_INET6, a, g, sizeof(g));
		/* glibc writes ::a.b.c.d for IPv4-compatible addresses */
		if (!strchr(g, '.') && strcmp(b, g))
			bad++;
	}
	EXPECT_EQ(bad, 0);
}

int main(void)
{
	RUN(test_pton4);
	RUN(test_pton6);
	RUN(test_ntop_canonical);
	RUN(test_random);
	return unit_exit();
}
