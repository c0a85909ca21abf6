// SPDX-License-Identifier: GPL-2.0
/*
 * nfalg FTP ALG: control-line parser and NAT rewrite formatter.
 *
 * Grammar accepted (RFC 959, RFC 1123 4.1.2.6, RFC 2428):
 *
 *   client  "PORT" SP n "," n "," n "," n "," n "," n            EOL
 *           "EPRT" SP d af d address d port d                     EOL
 *   server  "227" SP text n "," n "," n "," n "," n "," n text   EOL
 *           "229" SP text "(" d d d port d ")" text               EOL
 *
 * where EOL is "\r\n" or "\n", n is 1 to 3 decimal digits worth at most
 * 255, port is 1 to 5 decimal digits worth 1..65535, af is "1" (dotted
 * IPv4, no leading zeros) or "2" (RFC 4291 IPv6 text, no zone index), and
 * d is a byte in 33..126.  The 227 numbers start at the first digit after
 * "227 ", with or without parentheses around them.
 *
 * Hardening beyond the RFCs:
 *  - A command is recognised only at offset 0 of a complete line.  The
 *    caller guarantees that the buffer starts at a real line start, so text
 *    an attacker places in the middle of a line (NAT Slipstreaming) or in a
 *    line that is still incomplete is never taken for a command.
 *  - Exactly one SP separates the command keyword from its argument, and
 *    nothing may follow the argument but the line terminator.
 *  - A PORT, EPRT, 227 or 229 line must not contain control characters
 *    (NUL, a bare CR, ...) other than its terminator.
 *  - The delimiter may not be a character that can occur in an address or
 *    port (hex digits, '.', ':').  RFC 2428 only asks for the delimiter not
 *    to clash with the address; refusing those characters altogether keeps
 *    parsing unambiguous and guarantees that a rewritten line parses too.
 *  - Port 0 is refused.
 */

#include <nfalg/types.h>
#include <nfalg/inet_text.h>
#include "ftp_parse.h"

#define FTP_CMD_LEN	4	/* "PORT", "EPRT", "227 ", "229 " */

static bool ftp_isdigit(u8 c)
{
	return c >= '0' && c <= '9';
}

static int ftp_hexval(u8 c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static u8 ftp_toupper(u8 c)
{
	return (c >= 'a' && c <= 'z') ? c - 'a' + 'A' : c;
}

static bool ftp_delim_ok(u8 c)
{
	return c >= 33 && c <= 126 && ftp_hexval(c) < 0 && c != '.' && c != ':';
}

/* Case-insensitive match of upper-case @kw at the start of @s. */
static bool ftp_keyword(const char *s, size_t n, const char *kw)
{
	size_t i;

	if (n < FTP_CMD_LEN)
		return false;
	for (i = 0; i < FTP_CMD_LEN; i++)
		if (ftp_toupper(s[i]) != (u8)kw[i])
			return false;
	return true;
}

static bool ftp_has_ctl(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((u8)s[i] < 0x20 || (u8)s[i] == 0x7f)
			return true;
	return false;
}

/* Index of the first @c in s[from, n), or n. */
static size_t ftp_find(const char *s, size_t from, size_t n, char c)
{
	while (from < n && s[from] != c)
		from++;
	return from;
}

/*
 * Unsigned decimal of 1 to @maxdig digits at s[*pos].  A digit beyond
 * @maxdig is an error rather than the end of the number, so "1234" never
 * reads as 123.  @maxdig is at most 5, so @val cannot overflow.
 */
static int ftp_dec(const char *s, size_t n, size_t *pos, unsigned int maxdig,
		   u32 *val)
{
	unsigned int nd = 0;
	size_t i = *pos;
	u32 v = 0;

	while (i < n && ftp_isdigit(s[i])) {
		if (++nd > maxdig)
			return -EINVAL;
		v = v * 10 + (s[i] - '0');
		i++;
	}
	if (!nd)
		return -EINVAL;
	*pos = i;
	*val = v;
	return 0;
}

static int ftp_port(const char *s, size_t n, size_t *pos, u16 *port)
{
	u32 v;

	if (ftp_dec(s, n, pos, 5, &v) || !v || v > 65535)
		return -EINVAL;
	*port = v;
	return 0;
}

/* "h1,h2,h3,h4,p1,p2" at s[*pos]; leading zeros are tolerated. */
static int ftp_tuple(const char *s, size_t n, size_t *pos, u8 *addr,
		     u16 *port)
{
	u8 b[6];
	u32 v;
	int i;

	for (i = 0; i < 6; i++) {
		if (i) {
			if (*pos >= n || s[*pos] != ',')
				return -EINVAL;
			(*pos)++;
		}
		if (ftp_dec(s, n, pos, 3, &v) || v > 255)
			return -EINVAL;
		b[i] = v;
	}
	*port = b[4] << 8 | b[5];
	if (!*port)
		return -EINVAL;
	memcpy(addr, b, 4);
	return 0;
}

static int ftp_parse_port(const char *s, size_t n, struct nfalg_ftp_cmd *out)
{
	size_t pos = FTP_CMD_LEN + 1;

	if (ftp_tuple(s, n, &pos, out->addr, &out->port) || pos != n)
		return -EINVAL;
	out->family = NFALG_FTP_AF_INET;
	out->off = FTP_CMD_LEN + 1;
	out->len = n - out->off;
	return 0;
}

static int ftp_parse_eprt(const char *s, size_t n, struct nfalg_ftp_cmd *out)
{
	size_t pos = FTP_CMD_LEN + 1, end;
	char d;

	/* Shortest is "EPRT |1|0.0.0.0|1|". */
	if (n < pos + 3)
		return -EINVAL;
	d = s[pos];
	if (!ftp_delim_ok(d) || s[pos + 2] != d)
		return -EINVAL;
	if (s[pos + 1] == '1')
		out->family = NFALG_FTP_AF_INET;
	else if (s[pos + 1] == '2')
		out->family = NFALG_FTP_AF_INET6;
	else
		return -EINVAL;
	pos += 3;
	end = ftp_find(s, pos, n, d);
	if (end == n)
		return -EINVAL;
	if (out->family == NFALG_FTP_AF_INET) {
		if (nfalg_inet_pton4(s + pos, end - pos, out->addr))
			return -EINVAL;
	} else if (nfalg_inet_pton6(s + pos, end - pos, out->addr)) {
		return -EINVAL;
	}
	pos = end + 1;
	if (ftp_port(s, n, &pos, &out->port))
		return -EINVAL;
	if (pos + 1 != n || s[pos] != d)
		return -EINVAL;
	out->delim = d;
	out->off = FTP_CMD_LEN + 1;
	out->len = n - out->off;
	return 0;
}

static int ftp_parse_227(const char *s, size_t n, struct nfalg_ftp_cmd *out)
{
	size_t start = FTP_CMD_LEN, pos;

	while (start < n && !ftp_isdigit(s[start]))
		start++;
	pos = start;
	if (ftp_tuple(s, n, &pos, out->addr, &out->port))
		return -EINVAL;
	/* A seventh number is not a tuple followed by text. */
	if (pos < n && s[pos] == ',')
		return -EINVAL;
	out->family = NFALG_FTP_AF_INET;
	out->off = start;
	out->len = pos - start;
	return 0;
}

static int ftp_parse_229(const char *s, size_t n, struct nfalg_ftp_cmd *out)
{
	size_t start, pos;
	char d;

	start = ftp_find(s, FTP_CMD_LEN, n, '(') + 1;
	/* Shortest is "(|||1|)". */
	if (start >= n || n - start < 6)
		return -EINVAL;
	d = s[start];
	if (!ftp_delim_ok(d) || s[start + 1] != d || s[start + 2] != d)
		return -EINVAL;
	pos = start + 3;
	if (ftp_port(s, n, &pos, &out->port))
		return -EINVAL;
	if (n - pos < 2 || s[pos] != d || s[pos + 1] != ')')
		return -EINVAL;
	out->family = NFALG_FTP_AF_NONE;
	out->delim = d;
	out->off = start;
	out->len = pos + 1 - start;
	return 0;
}

int nfalg_ftp_parse_line(const char *buf, size_t len, bool from_client,
			 struct nfalg_ftp_cmd *out)
{
	size_t scan, eol, n;
	int ret;

	memset(out, 0, sizeof(*out));
	out->type = NFALG_FTP_NONE;

	scan = len < NFALG_FTP_MAX_LINE ? len : NFALG_FTP_MAX_LINE;
	eol = ftp_find(buf, 0, scan, '\n');
	if (eol == scan)
		return len >= NFALG_FTP_MAX_LINE ? -EMSGSIZE : 0;

	/* The line proper: s[0, n) without its terminator. */
	n = eol;
	if (n && buf[n - 1] == '\r')
		n--;

	if (from_client && ftp_keyword(buf, n, "PORT") &&
	    (n == FTP_CMD_LEN || buf[FTP_CMD_LEN] == ' '))
		out->type = NFALG_FTP_PORT;
	else if (from_client && ftp_keyword(buf, n, "EPRT") &&
		 (n == FTP_CMD_LEN || buf[FTP_CMD_LEN] == ' '))
		out->type = NFALG_FTP_EPRT;
	else if (!from_client && ftp_keyword(buf, n, "227 "))
		out->type = NFALG_FTP_PASV227;
	else if (!from_client && ftp_keyword(buf, n, "229 "))
		out->type = NFALG_FTP_EPSV229;
	else
		return eol + 1;

	if (ftp_has_ctl(buf, n))
		return -EINVAL;

	switch (out->type) {
	case NFALG_FTP_PORT:
		ret = ftp_parse_port(buf, n, out);
		break;
	case NFALG_FTP_EPRT:
		ret = ftp_parse_eprt(buf, n, out);
		break;
	case NFALG_FTP_PASV227:
		ret = ftp_parse_227(buf, n, out);
		break;
	default:
		ret = ftp_parse_229(buf, n, out);
		break;
	}
	if (ret) {
		enum nfalg_ftp_type type = out->type;

		memset(out, 0, sizeof(*out));
		out->type = type;
		return ret;
	}
	return eol + 1;
}

/* Bounded writer into a NFALG_FTP_FMT_MAX scratch buffer. */
struct ftp_fmt {
	char b[NFALG_FTP_FMT_MAX];
	size_t n;
};

static void ftp_putc(struct ftp_fmt *f, char c)
{
	if (f->n < sizeof(f->b))
		f->b[f->n] = c;
	f->n++;
}

static void ftp_putdec(struct ftp_fmt *f, u32 v)
{
	char tmp[10];
	int i = 0;

	do {
		tmp[i++] = '0' + v % 10;
		v /= 10;
	} while (v);
	while (i)
		ftp_putc(f, tmp[--i]);
}

/* An address as text (IPv6 in RFC 5952 form) */
static void ftp_putaddr(struct ftp_fmt *f, bool v6, const u8 *a)
{
	char t[NFALG_INET_TEXT_MAX];
	unsigned int n, i;

	n = nfalg_inet_ntop(t, v6, a);
	for (i = 0; i < n; i++)
		ftp_putc(f, t[i]);
}

int nfalg_ftp_format(char *dst, size_t dstlen, enum nfalg_ftp_type type,
		     u8 family, const u8 *addr, u16 port, char delim)
{
	struct ftp_fmt f;
	int i;

	f.n = 0;
	if (!port)
		return -EINVAL;

	switch (type) {
	case NFALG_FTP_PORT:
	case NFALG_FTP_PASV227:
		if (family != NFALG_FTP_AF_INET || !addr)
			return -EINVAL;
		for (i = 0; i < 4; i++) {
			ftp_putdec(&f, addr[i]);
			ftp_putc(&f, ',');
		}
		ftp_putdec(&f, port >> 8);
		ftp_putc(&f, ',');
		ftp_putdec(&f, port & 0xff);
		break;
	case NFALG_FTP_EPRT:
		if (!ftp_delim_ok(delim) || !addr)
			return -EINVAL;
		ftp_putc(&f, delim);
		if (family == NFALG_FTP_AF_INET) {
			ftp_putc(&f, '1');
			ftp_putc(&f, delim);
			ftp_putaddr(&f, false, addr);
		} else if (family == NFALG_FTP_AF_INET6) {
			ftp_putc(&f, '2');
			ftp_putc(&f, delim);
			ftp_putaddr(&f, true, addr);
		} else {
			return -EINVAL;
		}
		ftp_putc(&f, delim);
		ftp_putdec(&f, port);
		ftp_putc(&f, delim);
		break;
	case NFALG_FTP_EPSV229:
		if (!ftp_delim_ok(delim))
			return -EINVAL;
		ftp_putc(&f, delim);
		ftp_putc(&f, delim);
		ftp_putc(&f, delim);
		ftp_putdec(&f, port);
		ftp_putc(&f, delim);
		break;
	default:
		return -EINVAL;
	}

	if (f.n >= sizeof(f.b) || f.n >= dstlen)
		return -ENOSPC;
	memcpy(dst, f.b, f.n);
	dst[f.n] = '\0';
	return f.n;
}

/* Whether the first @n bytes of @s may begin upper-case @kw (@klen bytes) */
static bool ftp_keyword_prefix(const char *s, size_t n, const char *kw,
			       size_t klen)
{
	size_t i;

	for (i = 0; i < n && i < klen; i++)
		if (ftp_toupper(s[i]) != (u8)kw[i])
			return false;
	return true;
}

bool nfalg_ftp_partial(const char *buf, size_t len, bool from_client)
{
	if (!len || memchr(buf, '\n', len) || len >= NFALG_FTP_MAX_LINE)
		return false;
	/* the "\r" of the terminator may have come without its "\n" */
	if (ftp_has_ctl(buf, buf[len - 1] == '\r' ? len - 1 : len))
		return false;
	if (from_client)
		return ftp_keyword_prefix(buf, len, "PORT ", 5) ||
		       ftp_keyword_prefix(buf, len, "EPRT ", 5);
	return ftp_keyword_prefix(buf, len, "227 ", 4) ||
	       ftp_keyword_prefix(buf, len, "229 ", 4);
}
