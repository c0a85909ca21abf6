// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for the TFTP first-datagram parser.
 *
 * Every parse runs on an exact-size heap copy of its input, so that
 * AddressSanitizer reports any read past the length given.
 */
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "tftp/tftp_parse.h"

/* Test tables leave trailing fields zero on purpose. */
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

/* A string literal and its length, embedded NULs included. */
#define L(s) s, sizeof(s) - 1

#define RRQ "\0\1"
#define WRQ "\0\2"

struct tftp_case {
	const char *name;
	const char *in;
	size_t len;
	int ret;
	bool is_request;
	enum nfalg_tftp_mode mode;
	const char *filename;
	u16 nr_opts;
	u32 opts;
	u16 blksize;
	u8 timeout;
	u64 tsize;
	u16 windowsize;
};

#define OK_REQ(op, mode, file) op, true, NFALG_TFTP_MODE_##mode, file

static const struct tftp_case cases[] = {
	{ "RRQ octet", L(RRQ "file.txt\0octet\0"),
	  OK_REQ(1, OCTET, "file.txt") },
	{ "WRQ NETASCII", L(WRQ "dir/file\0NETASCII\0"),
	  OK_REQ(2, NETASCII, "dir/file") },
	{ "RRQ MaIl", L(RRQ "user\0MaIl\0"), OK_REQ(1, MAIL, "user") },
	{ "RRQ one-byte name", L(RRQ "x\0octet\0"), OK_REQ(1, OCTET, "x") },
	{ "RRQ 8-bit name", L(RRQ "a b\xff\x01\0octet\0"),
	  OK_REQ(1, OCTET, "a b\xff\x01") },
	{ "RRQ all known options",
	  L(RRQ "pxelinux.0\0octet\0blksize\0" "1428\0tsize\0" "0\0timeout\0"
	    "5\0windowsize\0" "16\0"),
	  OK_REQ(1, OCTET, "pxelinux.0"), 4,
	  NFALG_TFTP_OPT_BLKSIZE | NFALG_TFTP_OPT_TSIZE |
	  NFALG_TFTP_OPT_TIMEOUT | NFALG_TFTP_OPT_WINDOWSIZE,
	  1428, 5, 0, 16 },
	{ "WRQ upper-case options",
	  L(WRQ "f\0octet\0BLKSIZE\0" "512\0TSize\0" "123456\0"),
	  OK_REQ(2, OCTET, "f"), 2,
	  NFALG_TFTP_OPT_BLKSIZE | NFALG_TFTP_OPT_TSIZE, 512, 0, 123456 },
	{ "RRQ blksize 8", L(RRQ "f\0octet\0blksize\0" "8\0"),
	  OK_REQ(1, OCTET, "f"), 1, NFALG_TFTP_OPT_BLKSIZE, 8 },
	{ "RRQ blksize 65464", L(RRQ "f\0octet\0blksize\0" "65464\0"),
	  OK_REQ(1, OCTET, "f"), 1, NFALG_TFTP_OPT_BLKSIZE, 65464 },
	{ "RRQ blksize leading zeros", L(RRQ "f\0octet\0blksize\0" "00512\0"),
	  OK_REQ(1, OCTET, "f"), 1, NFALG_TFTP_OPT_BLKSIZE, 512 },
	{ "RRQ timeout 255", L(RRQ "f\0octet\0timeout\0" "255\0"),
	  OK_REQ(1, OCTET, "f"), 1, NFALG_TFTP_OPT_TIMEOUT, 0, 255 },
	{ "RRQ windowsize 65535", L(RRQ "f\0octet\0windowsize\0" "65535\0"),
	  OK_REQ(1, OCTET, "f"), 1, NFALG_TFTP_OPT_WINDOWSIZE, 0, 0, 0,
	  65535 },
	{ "WRQ tsize 19 digits",
	  L(WRQ "f\0octet\0tsize\0" "9999999999999999999\0"),
	  OK_REQ(2, OCTET, "f"), 1, NFALG_TFTP_OPT_TSIZE, 0, 0,
	  9999999999999999999ULL },
	{ "RRQ unknown option", L(RRQ "f\0octet\0foo\0bar\0"),
	  OK_REQ(1, OCTET, "f"), 1 },
	{ "RRQ unknown option empty value", L(RRQ "f\0octet\0foo\0\0"),
	  OK_REQ(1, OCTET, "f"), 1 },
	{ "RRQ duplicate unknown option",
	  L(RRQ "f\0octet\0foo\0" "1\0foo\0" "2\0"), OK_REQ(1, OCTET, "f"), 2 },
	{ "RRQ NUL padding", L(RRQ "f\0octet\0\0\0\0"),
	  OK_REQ(1, OCTET, "f") },
	{ "RRQ option then NUL padding",
	  L(RRQ "f\0octet\0blksize\0" "1024\0\0\0"), OK_REQ(1, OCTET, "f"), 1,
	  NFALG_TFTP_OPT_BLKSIZE, 1024 },

	{ "empty datagram", L(""), -EINVAL },
	{ "one byte", L("\0"), -EINVAL },
	{ "opcode 0", L("\0\0f\0octet\0"), -EINVAL },
	{ "opcode 7", L("\0\7f\0octet\0"), -EINVAL },
	{ "opcode 257", L("\1\1f\0octet\0"), -EINVAL },
	{ "RRQ opcode only", L(RRQ), -EINVAL, false, 0, NULL },
	{ "RRQ empty filename", L(RRQ "\0octet\0"), -EINVAL },
	{ "RRQ unterminated filename", L(RRQ "file"), -EINVAL },
	{ "RRQ no mode", L(RRQ "file\0"), -EINVAL },
	{ "RRQ unterminated mode", L(RRQ "file\0octet"), -EINVAL },
	{ "RRQ empty mode", L(RRQ "file\0\0"), -EINVAL },
	{ "RRQ mode binary", L(RRQ "file\0binary\0"), -EINVAL },
	{ "RRQ mode octets", L(RRQ "file\0octets\0"), -EINVAL },
	{ "RRQ mode octe", L(RRQ "file\0octe\0"), -EINVAL },
	{ "RRQ mode with space", L(RRQ "file\0octet \0"), -EINVAL },
	{ "RRQ option without value", L(RRQ "f\0octet\0blksize\0"), -EINVAL },
	{ "RRQ unterminated value", L(RRQ "f\0octet\0blksize\0" "1428"),
	  -EINVAL },
	{ "RRQ unterminated option", L(RRQ "f\0octet\0blksize"), -EINVAL },
	{ "RRQ blksize 7", L(RRQ "f\0octet\0blksize\0" "7\0"), -EINVAL },
	{ "RRQ blksize 65465", L(RRQ "f\0octet\0blksize\0" "65465\0"),
	  -EINVAL },
	{ "RRQ blksize 6 digits", L(RRQ "f\0octet\0blksize\0" "001428\0"),
	  -EINVAL },
	{ "RRQ blksize empty", L(RRQ "f\0octet\0blksize\0\0"), -EINVAL },
	{ "RRQ blksize not a number", L(RRQ "f\0octet\0blksize\0" "abc\0"),
	  -EINVAL },
	{ "RRQ blksize plus sign", L(RRQ "f\0octet\0blksize\0" "+512\0"),
	  -EINVAL },
	{ "RRQ blksize trailing space", L(RRQ "f\0octet\0blksize\0" "512 \0"),
	  -EINVAL },
	{ "RRQ timeout 0", L(RRQ "f\0octet\0timeout\0" "0\0"), -EINVAL },
	{ "RRQ timeout 256", L(RRQ "f\0octet\0timeout\0" "256\0"), -EINVAL },
	{ "RRQ windowsize 0", L(RRQ "f\0octet\0windowsize\0" "0\0"), -EINVAL },
	{ "RRQ windowsize 65536", L(RRQ "f\0octet\0windowsize\0" "65536\0"),
	  -EINVAL },
	{ "RRQ tsize 20 digits",
	  L(RRQ "f\0octet\0tsize\0" "18446744073709551615\0"), -EINVAL },
	{ "RRQ tsize negative", L(RRQ "f\0octet\0tsize\0" "-1\0"), -EINVAL },
	{ "RRQ duplicate blksize",
	  L(RRQ "f\0octet\0blksize\0" "512\0BLKSIZE\0" "1024\0"), -EINVAL },
	{ "RRQ duplicate tsize", L(RRQ "f\0octet\0tsize\0" "0\0tsize\0" "0\0"),
	  -EINVAL },
	{ "RRQ garbage after padding", L(RRQ "f\0octet\0\0x\0"), -EINVAL },
	{ "RRQ garbage after mode", L(RRQ "f\0octet\0x"), -EINVAL },

	{ "DATA", L("\0\3\0\1hello"), 3 },
	{ "DATA empty block", L("\0\3\0\1"), 3 },
	{ "DATA truncated", L("\0\3\0"), -EINVAL },
	{ "ACK", L("\0\4\0\1"), 4 },
	{ "ACK truncated", L("\0\4"), -EINVAL },
	{ "ERROR", L("\0\5\0\1File not found\0"), 5 },
	{ "ERROR truncated", L("\0\5\0"), -EINVAL },
	{ "OACK", L("\0\6blksize\0" "1428\0"), 6 },
	{ "OACK empty", L("\0\6"), 6 },
};

static int parse_exact(const void *in, size_t len, struct nfalg_tftp_req *out)
{
	u8 *p = malloc(len ? len : 1);
	int ret;

	memcpy(p, in, len);
	ret = nfalg_tftp_parse(p, len, out);
	free(p);
	return ret;
}

static void run_case(const struct tftp_case *tc)
{
	struct nfalg_tftp_req out;
	int ret;

	memset(&out, 0xa5, sizeof(out));
	ret = parse_exact(tc->in, tc->len, &out);
	EXPECT_EQ(ret, tc->ret);
	EXPECT_EQ(out.opcode, tc->len >= 2 ?
		  ((u8)tc->in[0] << 8 | (u8)tc->in[1]) : 0);
	EXPECT_EQ(out.is_request, tc->is_request);
	EXPECT_EQ(out.mode, tc->mode);
	EXPECT_EQ(out.nr_opts, tc->nr_opts);
	EXPECT_EQ(out.opts, tc->opts);
	EXPECT_EQ(out.blksize, tc->blksize);
	EXPECT_EQ(out.timeout, tc->timeout);
	EXPECT_EQ(out.tsize, tc->tsize);
	EXPECT_EQ(out.windowsize, tc->windowsize);
	if (tc->filename) {
		EXPECT_EQ(out.filename_off, 2);
		EXPECT_EQ(out.filename_len, strlen(tc->filename));
		if (out.filename_off + out.filename_len <= tc->len)
			EXPECT_MEM(tc->in + out.filename_off, tc->filename,
				   out.filename_len);
	} else {
		EXPECT_EQ(out.filename_off, 0);
		EXPECT_EQ(out.filename_len, 0);
	}
}

/* The largest request, and one byte more. */
static void test_size_limit(void)
{
	struct nfalg_tftp_req out;
	u8 buf[600];

	memset(buf, 'x', sizeof(buf));
	buf[0] = 0;
	buf[1] = 1;
	/* 2 opcode + 503 name + NUL + "octet" + NUL = 512 */
	memcpy(buf + 505, "\0octet", 7);
	EXPECT_EQ(parse_exact(buf, 512, &out), 1);
	CHECK(out.is_request);
	EXPECT_EQ(out.filename_len, 503);

	memset(buf, 'x', sizeof(buf));
	buf[0] = 0;
	buf[1] = 2;
	memcpy(buf + 506, "\0octet", 7);
	EXPECT_EQ(parse_exact(buf, 513, &out), -EMSGSIZE);
	CHECK(!out.is_request);
	EXPECT_EQ(out.opcode, 2);

	/* Other opcodes have no such limit. */
	buf[1] = 3;
	EXPECT_EQ(parse_exact(buf, sizeof(buf), &out), 3);
	CHECK(!out.is_request);
}

static const struct {
	const char *in;
	size_t len;
} valid[] = {
	{ L(RRQ "pxelinux.0\0octet\0blksize\0" "1428\0tsize\0" "0\0timeout\0"
	    "5\0windowsize\0" "16\0") },
	{ L(WRQ "dir/file\0NETASCII\0") },
	{ L(RRQ "f\0octet\0foo\0bar\0\0\0") },
};

/* Every prefix parses without reading out of bounds. */
static void test_truncation(void)
{
	struct nfalg_tftp_req out;
	size_t i, l;
	int ret;

	for (i = 0; i < sizeof(valid) / sizeof(valid[0]); i++) {
		CHECK(parse_exact(valid[i].in, valid[i].len, &out) > 0 &&
		      out.is_request);
		for (l = 0; l < valid[i].len; l++) {
			ret = parse_exact(valid[i].in, l, &out);
			CHECK(ret == -EINVAL || (ret > 0 && out.is_request));
			if (ret > 0)
				CHECK(out.filename_off + out.filename_len < l);
		}
	}
}

static void test_mutation(void)
{
	static const u8 subst[] = { 0, 1, 2, 3, '0', '9', 'a', 'Z', 0x80,
		0xff };
	struct nfalg_tftp_req out;
	u8 buf[256];
	size_t i, j, k;
	int ret;

	for (i = 0; i < sizeof(valid) / sizeof(valid[0]); i++) {
		for (j = 0; j < valid[i].len; j++) {
			for (k = 0; k < sizeof(subst); k++) {
				memcpy(buf, valid[i].in, valid[i].len);
				buf[j] = subst[k];
				ret = parse_exact(buf, valid[i].len, &out);
				CHECK(ret == -EINVAL ||
				      (ret >= 1 && ret <= 6));
				if (out.is_request)
					CHECK(out.filename_off +
					      out.filename_len <
					      valid[i].len);
			}
		}
	}
}

int main(void)
{
	char name[160];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		run_case(&cases[i]);
		snprintf(name, sizeof(name), "tftp_parse: %s", cases[i].name);
		unit_report(name);
	}
	RUN(test_size_limit);
	RUN(test_truncation);
	RUN(test_mutation);
	return unit_exit();
}
