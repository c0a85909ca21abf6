// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the FTP control-line parser and formatter.
 *
 * The input is parsed line by line in both directions, as the ALG would
 * walk a control stream.  Every line that parses is formatted again and
 * the formatted text spliced in place of the reported span; the result must
 * parse to the same command.  The input is also read as formatter
 * arguments, and whatever the formatter produces must parse back to those
 * arguments.  Any inconsistency aborts.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ftp/ftp_parse.h"

#define FAIL(...) do {							\
	fprintf(stderr, "fuzz_ftp: " __VA_ARGS__);			\
	fputc('\n', stderr);						\
	abort();							\
} while (0)

static int delim_ok(char d)
{
	return d >= 33 && d <= 126 && !strchr("0123456789abcdefABCDEF.:", d);
}

static int parse_copy(const char *in, size_t len, bool client,
		      struct nfalg_ftp_cmd *out)
{
	char *p = malloc(len ? len : 1);
	int ret;

	memcpy(p, in, len);
	ret = nfalg_ftp_parse_line(p, len, client, out);
	free(p);
	return ret;
}

static void check_cmd(const struct nfalg_ftp_cmd *c, int ret)
{
	switch (c->type) {
	case NFALG_FTP_PORT:
	case NFALG_FTP_PASV227:
		if (c->family != NFALG_FTP_AF_INET || c->delim)
			FAIL("bad family/delim for PORT/227");
		break;
	case NFALG_FTP_EPRT:
		if ((c->family != NFALG_FTP_AF_INET &&
		     c->family != NFALG_FTP_AF_INET6) || !delim_ok(c->delim))
			FAIL("bad family/delim for EPRT");
		break;
	case NFALG_FTP_EPSV229:
		if (c->family != NFALG_FTP_AF_NONE || !delim_ok(c->delim))
			FAIL("bad family/delim for 229");
		break;
	default:
		FAIL("bad type %d", c->type);
	}
	if (!c->port)
		FAIL("port 0");
	if (!c->len || c->off + c->len > ret)
		FAIL("span %u+%u outside line of %d", c->off, c->len, ret);
}

/* Reformat the span of a parsed line and parse the spliced line again. */
static void round_trip(const char *line, int ret, bool client,
		       const struct nfalg_ftp_cmd *a)
{
	char fmt[NFALG_FTP_FMT_MAX], *b;
	struct nfalg_ftp_cmd c;
	int flen, nlen, ret2;

	flen = nfalg_ftp_format(fmt, sizeof(fmt), a->type, a->family, a->addr,
				a->port, a->delim);
	if (flen <= 0 || (size_t)flen != strlen(fmt))
		FAIL("format of parsed command failed: %d", flen);
	nlen = ret - a->len + flen;
	if (nlen > NFALG_FTP_MAX_LINE)
		return;
	b = malloc(nlen);
	memcpy(b, line, a->off);
	memcpy(b + a->off, fmt, flen);
	memcpy(b + a->off + flen, line + a->off + a->len,
	       ret - a->off - a->len);
	ret2 = nfalg_ftp_parse_line(b, nlen, client, &c);
	free(b);
	if (ret2 != nlen)
		FAIL("reparse returned %d, want %d", ret2, nlen);
	if (c.type != a->type || c.family != a->family ||
	    c.port != a->port || c.delim != a->delim || c.off != a->off ||
	    c.len != flen || memcmp(c.addr, a->addr, sizeof(c.addr)))
		FAIL("round trip mismatch for \"%s\"", fmt);
}

static void parse_stream(const char *p, size_t left, bool client)
{
	struct nfalg_ftp_cmd c;
	const char *nl;
	int ret;

	while (left) {
		ret = nfalg_ftp_parse_line(p, left, client, &c);
		if (!ret)
			return;
		if (ret < 0) {
			if (ret != -EINVAL && ret != -EMSGSIZE)
				FAIL("unexpected error %d", ret);
			if (c.family || c.port || c.off || c.len || c.delim)
				FAIL("fields set on error");
			if (ret == -EMSGSIZE && c.type != NFALG_FTP_NONE)
				FAIL("type set on -EMSGSIZE");
			if (ret == -EINVAL && c.type == NFALG_FTP_NONE)
				FAIL("-EINVAL without type");
			nl = memchr(p, '\n', left);
			if (!nl)
				return;
			left -= nl + 1 - p;
			p = nl + 1;
			continue;
		}
		if ((size_t)ret > left || ret > NFALG_FTP_MAX_LINE ||
		    p[ret - 1] != '\n' || memchr(p, '\n', ret - 1))
			FAIL("bad line length %d", ret);
		if (c.type != NFALG_FTP_NONE) {
			check_cmd(&c, ret);
			if ((c.type == NFALG_FTP_PORT ||
			     c.type == NFALG_FTP_EPRT) != client)
				FAIL("command for the wrong direction");
			round_trip(p, ret, client, &c);
		}
		p += ret;
		left -= ret;
	}
}

/*
 * Read the input as formatter arguments:
 * type, family, delim, port (2 bytes), address (16 bytes).
 */
static void format_args(const uint8_t *d, size_t size)
{
	static const char *const prefix[] = {
		[NFALG_FTP_PORT] = "PORT ",
		[NFALG_FTP_EPRT] = "EPRT ",
		[NFALG_FTP_PASV227] = "227 Entering Passive Mode (",
		[NFALG_FTP_EPSV229] = "229 Entering Extended Passive Mode (",
	};
	enum nfalg_ftp_type type;
	struct nfalg_ftp_cmd c;
	char fmt[NFALG_FTP_FMT_MAX], line[128];
	u8 family, addr[16];
	u16 port;
	char delim;
	int n, ret;
	bool client;

	if (size < 21)
		return;
	type = d[0] % 5;
	family = d[1] & 0x80 ? d[1] : (d[1] & 1 ? 6 : 4);
	delim = d[2];
	port = d[3] << 8 | d[4];
	memcpy(addr, d + 5, 16);

	n = nfalg_ftp_format(fmt, d[0] & 0x80 ? (d[0] >> 3) & 0xf :
			     sizeof(fmt), type, family, addr, port, delim);
	if (n < 0)
		return;
	if (type == NFALG_FTP_NONE || !port)
		FAIL("formatter accepted bad arguments");
	client = type == NFALG_FTP_PORT || type == NFALG_FTP_EPRT;
	n = snprintf(line, sizeof(line), "%s%s%s\r\n", prefix[type], fmt,
		     client ? "" : ")");
	ret = parse_copy(line, n, client, &c);
	if (ret != n || c.type != type || c.port != port)
		FAIL("formatted \"%s\" does not parse back", fmt);
	if (type == NFALG_FTP_EPSV229)
		return;
	if (c.family != family ||
	    memcmp(c.addr, addr, family == NFALG_FTP_AF_INET ? 4 : 16))
		FAIL("formatted \"%s\" parses to another address", fmt);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	parse_stream((const char *)data, size, true);
	parse_stream((const char *)data, size, false);
	format_args(data, size);
	return 0;
}
