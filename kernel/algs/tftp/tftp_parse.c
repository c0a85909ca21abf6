// SPDX-License-Identifier: GPL-2.0
/*
 * nfalg TFTP ALG: parser for the first datagram of a TFTP exchange.
 *
 * Only a read or write request opens a new transfer, so only those are
 * parsed in full; the other opcodes are merely told apart from garbage.
 */

#include <nfalg/types.h>
#include "tftp_parse.h"

/* Option value limits from the RFC that defines each option. */
#define TFTP_BLKSIZE_MIN	8
#define TFTP_BLKSIZE_MAX	65464
#define TFTP_TIMEOUT_MIN	1
#define TFTP_TIMEOUT_MAX	255
#define TFTP_WINDOWSIZE_MIN	1
#define TFTP_WINDOWSIZE_MAX	65535
/* 19 decimal digits always fit in a u64; no file is that large anyway. */
#define TFTP_TSIZE_DIGITS	19

static u8 tftp_tolower(u8 c)
{
	return (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c;
}

/* Case-insensitive comparison of s[0, n) with lower-case literal @lit. */
static bool tftp_streq(const u8 *s, size_t n, const char *lit)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!lit[i] || tftp_tolower(s[i]) != (u8)lit[i])
			return false;
	return !lit[n];
}

/*
 * Length of the NUL-terminated string at b[pos] into *slen; -EINVAL if no
 * NUL follows within @len.
 */
static int tftp_str(const u8 *b, size_t len, size_t pos, size_t *slen)
{
	size_t i;

	for (i = pos; i < len; i++) {
		if (!b[i]) {
			*slen = i - pos;
			return 0;
		}
	}
	return -EINVAL;
}

/* All of s[0, n) must be 1 to @maxdig decimal digits worth min..max. */
static int tftp_num(const u8 *s, size_t n, unsigned int maxdig, u64 min,
		    u64 max, u64 *val)
{
	u64 v = 0;
	size_t i;

	if (!n || n > maxdig)
		return -EINVAL;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -EINVAL;
		v = v * 10 + (s[i] - '0');
	}
	if (v < min || v > max)
		return -EINVAL;
	*val = v;
	return 0;
}

static int tftp_option(struct nfalg_tftp_req *out, const u8 *name, size_t nlen,
		       const u8 *val, size_t vlen)
{
	u64 v;

	if (tftp_streq(name, nlen, "blksize")) {
		if (out->opts & NFALG_TFTP_OPT_BLKSIZE ||
		    tftp_num(val, vlen, 5, TFTP_BLKSIZE_MIN, TFTP_BLKSIZE_MAX,
			     &v))
			return -EINVAL;
		out->opts |= NFALG_TFTP_OPT_BLKSIZE;
		out->blksize = v;
	} else if (tftp_streq(name, nlen, "timeout")) {
		if (out->opts & NFALG_TFTP_OPT_TIMEOUT ||
		    tftp_num(val, vlen, 3, TFTP_TIMEOUT_MIN, TFTP_TIMEOUT_MAX,
			     &v))
			return -EINVAL;
		out->opts |= NFALG_TFTP_OPT_TIMEOUT;
		out->timeout = v;
	} else if (tftp_streq(name, nlen, "tsize")) {
		if (out->opts & NFALG_TFTP_OPT_TSIZE ||
		    tftp_num(val, vlen, TFTP_TSIZE_DIGITS, 0, ~0ULL, &v))
			return -EINVAL;
		out->opts |= NFALG_TFTP_OPT_TSIZE;
		out->tsize = v;
	} else if (tftp_streq(name, nlen, "windowsize")) {
		if (out->opts & NFALG_TFTP_OPT_WINDOWSIZE ||
		    tftp_num(val, vlen, 5, TFTP_WINDOWSIZE_MIN,
			     TFTP_WINDOWSIZE_MAX, &v))
			return -EINVAL;
		out->opts |= NFALG_TFTP_OPT_WINDOWSIZE;
		out->windowsize = v;
	}
	return 0;
}

static int tftp_request(const u8 *buf, size_t len, struct nfalg_tftp_req *out)
{
	size_t pos = 2, slen, vlen;

	if (len > NFALG_TFTP_MAX_REQ)
		return -EMSGSIZE;

	if (tftp_str(buf, len, pos, &slen) || !slen)
		return -EINVAL;
	out->filename_off = pos;
	out->filename_len = slen;
	pos += slen + 1;

	if (tftp_str(buf, len, pos, &slen))
		return -EINVAL;
	if (tftp_streq(buf + pos, slen, "netascii"))
		out->mode = NFALG_TFTP_MODE_NETASCII;
	else if (tftp_streq(buf + pos, slen, "octet"))
		out->mode = NFALG_TFTP_MODE_OCTET;
	else if (tftp_streq(buf + pos, slen, "mail"))
		out->mode = NFALG_TFTP_MODE_MAIL;
	else
		return -EINVAL;
	pos += slen + 1;

	while (pos < len) {
		if (tftp_str(buf, len, pos, &slen))
			return -EINVAL;
		if (!slen) {
			/* An empty option name is only valid as padding. */
			for (; pos < len; pos++)
				if (buf[pos])
					return -EINVAL;
			break;
		}
		if (tftp_str(buf, len, pos + slen + 1, &vlen))
			return -EINVAL;
		if (tftp_option(out, buf + pos, slen, buf + pos + slen + 1,
				vlen))
			return -EINVAL;
		out->nr_opts++;
		pos += slen + 1 + vlen + 1;
	}

	out->is_request = true;
	return 0;
}

int nfalg_tftp_parse(const u8 *buf, size_t len, struct nfalg_tftp_req *out)
{
	int ret;

	memset(out, 0, sizeof(*out));
	if (len < 2)
		return -EINVAL;
	out->opcode = buf[0] << 8 | buf[1];

	switch (out->opcode) {
	case NFALG_TFTP_RRQ:
	case NFALG_TFTP_WRQ:
		ret = tftp_request(buf, len, out);
		if (ret) {
			u16 opcode = out->opcode;

			memset(out, 0, sizeof(*out));
			out->opcode = opcode;
			return ret;
		}
		return out->opcode;
	case NFALG_TFTP_DATA:
	case NFALG_TFTP_ACK:
	case NFALG_TFTP_ERROR:
		/* Opcode and a block number or error code. */
		return len >= 4 ? out->opcode : -EINVAL;
	case NFALG_TFTP_OACK:
		return out->opcode;
	default:
		return -EINVAL;
	}
}
