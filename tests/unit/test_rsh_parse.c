// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for the rsh/rexec secondary-port field parser and formatter.
 *
 * Every parse runs on an exact-size heap copy of its input, so that
 * AddressSanitizer reports any read past the length given.
 */
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "rsh/rsh_parse.h"

/* Test tables leave trailing fields zero on purpose. */
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

/* A string literal and its length, embedded NULs included. */
#define L(s) s, sizeof(s) - 1

struct rsh_case {
	const char *name;
	const char *in;
	size_t len;
	int ret;	/* bytes of the field, or a negative errno */
	u16 port;
};

static const struct rsh_case cases[] = {
	{ "privileged port (rsh)", L("1023\0"), 5, 1023 },
	{ "high port (rexec)", L("40001\0"), 6, 40001 },
	{ "largest port", L("65535\0"), 6, 65535 },
	{ "one digit", L("7\0"), 2, 7 },
	{ "zero: no secondary connection", L("0\0"), 2, 0 },
	{ "empty: no secondary connection", L("\0"), 1, 0 },
	{ "field followed by the user name", L("1022\0root\0"), 5, 1022 },
	{ "port over 65535", L("65536\0"), -EINVAL },
	{ "five nines", L("99999\0"), -EINVAL },
	{ "six digits", L("100000\0"), -EINVAL },
	{ "leading zero", L("0123\0"), -EINVAL },
	{ "two zeros", L("00\0"), -EINVAL },
	{ "sign", L("+123\0"), -EINVAL },
	{ "space", L(" 123\0"), -EINVAL },
	{ "trailing space", L("123 \0"), -EINVAL },
	{ "letters", L("port\0"), -EINVAL },
	{ "line feed instead of NUL", L("1023\n"), -EINVAL },
	{ "no NUL within six bytes", L("102310"), -EINVAL },
	{ "incomplete", L("102"), -EAGAIN },
	{ "nothing", L(""), -EAGAIN },
	{ "8-bit byte", L("1\xb2\0"), -EINVAL },
};

static int parse_exact(const char *in, size_t len, u16 *port)
{
	char *copy = malloc(len ? len : 1);
	int ret;

	memcpy(copy, in, len);
	ret = nfalg_rsh_parse_port(copy, len, port);
	free(copy);
	return ret;
}

static void run_case(const struct rsh_case *c)
{
	u16 port = 0xbeef;
	int ret = parse_exact(c->in, c->len, &port);

	EXPECT_EQ(ret, c->ret);
	if (c->ret > 0)
		EXPECT_EQ(port, c->port);
	else
		EXPECT_EQ(port, 0xbeef);	/* untouched on error */
}

/* Every port formats as the client prints it and parses back. */
static void test_format_roundtrip(void)
{
	char buf[NFALG_RSH_PORT_MAX], want[8];
	unsigned int p;
	u16 port;
	int n;

	for (p = 1; p <= 65535; p++) {
		n = nfalg_rsh_format_port(buf, sizeof(buf) - 1, p);
		snprintf(want, sizeof(want), "%u", p);
		if (n != (int)strlen(want) || memcmp(buf, want, n)) {
			EXPECT_STR(buf, want);
			break;
		}
		buf[n] = '\0';
		if (parse_exact(buf, n + 1, &port) != n + 1 || port != p) {
			EXPECT_EQ(port, p);
			break;
		}
	}
}

static void test_format_space(void)
{
	char buf[5];

	EXPECT_EQ(nfalg_rsh_format_port(buf, 4, 10000), -ENOSPC);
	EXPECT_EQ(nfalg_rsh_format_port(buf, 5, 10000), 5);
	EXPECT_MEM(buf, "10000", 5);
	EXPECT_EQ(nfalg_rsh_format_port(buf, 0, 9), -ENOSPC);
	EXPECT_EQ(nfalg_rsh_format_port(buf, 1, 9), 1);
	EXPECT_EQ(buf[0], '9');
}

/* Every byte value in every position of a valid field */
static void test_mutation(void)
{
	char buf[NFALG_RSH_PORT_MAX] = "40001";
	u16 port;
	int i, c, ret;

	for (i = 0; i < NFALG_RSH_PORT_MAX; i++) {
		for (c = 0; c < 256; c++) {
			memcpy(buf, "40001", NFALG_RSH_PORT_MAX);
			buf[i] = (char)c;
			port = 0;
			ret = parse_exact(buf, sizeof(buf), &port);
			CHECK(ret == -EINVAL || (ret >= 1 && ret <= 6));
			if (ret > 0)
				CHECK(buf[ret - 1] == '\0');
		}
	}
}

int main(void)
{
	char name[160];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		run_case(&cases[i]);
		snprintf(name, sizeof(name), "rsh_parse: %s", cases[i].name);
		unit_report(name);
	}
	RUN(test_format_roundtrip);
	RUN(test_format_space);
	RUN(test_mutation);
	return unit_exit();
}
