/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nfalg FTP ALG: control-line parser and NAT rewrite formatter.
 *
 * Pure functions over (buffer, length): no skb, no allocation, no global
 * state.  They never read past the length they are given and never rely on
 * NUL termination.  The same sources build into the kernel module and into
 * the userspace unit tests and libFuzzer targets.
 */
#ifndef _NFALG_FTP_PARSE_H
#define _NFALG_FTP_PARSE_H

#include <nfalg/types.h>

/* Longest control line that is parsed, line terminator included. */
#define NFALG_FTP_MAX_LINE	512

/* Room for any text nfalg_ftp_format() produces, trailing NUL included. */
#define NFALG_FTP_FMT_MAX	64

/* Address families as they appear in struct nfalg_ftp_cmd. */
#define NFALG_FTP_AF_NONE	0	/* 229: that of the control connection */
#define NFALG_FTP_AF_INET	4
#define NFALG_FTP_AF_INET6	6

enum nfalg_ftp_type {
	NFALG_FTP_NONE = 0,	/* a line the ALG has no interest in */
	NFALG_FTP_PORT,		/* client: PORT h1,h2,h3,h4,p1,p2 */
	NFALG_FTP_EPRT,		/* client: EPRT <d>af<d>addr<d>port<d> */
	NFALG_FTP_PASV227,	/* server: 227 <text>h1,h2,h3,h4,p1,p2<text> */
	NFALG_FTP_EPSV229,	/* server: 229 <text>(<d><d><d>port<d>)<text> */
};

/**
 * struct nfalg_ftp_cmd - what nfalg_ftp_parse_line() found in one line
 * @type: kind of line; NFALG_FTP_NONE leaves every other field zero
 * @family: NFALG_FTP_AF_INET or NFALG_FTP_AF_INET6; NFALG_FTP_AF_NONE for 229
 * @delim: the RFC 2428 delimiter of EPRT and 229, 0 otherwise
 * @port: TCP port in host byte order, never 0
 * @addr: address in network byte order; an IPv4 address uses addr[0..3]
 * @off: offset in the line of the text a NAT rewrite replaces
 * @len: length of that text
 *
 * The span [@off, @off + @len) is exactly what nfalg_ftp_format() produces
 * for the same @type: "h1,h2,h3,h4,p1,p2" for PORT and 227, the whole
 * argument "<d>af<d>addr<d>port<d>" for EPRT and "<d><d><d>port<d>" (no
 * parentheses) for 229.
 */
struct nfalg_ftp_cmd {
	enum nfalg_ftp_type type;
	u8 family;
	char delim;
	u16 port;
	u8 addr[16];
	u16 off;
	u16 len;
};

/**
 * nfalg_ftp_parse_line() - parse one FTP control line
 * @buf: data starting at a real line start of the control stream
 * @len: bytes available at @buf
 * @from_client: true for the client-to-server direction (PORT, EPRT),
 *	false for server-to-client (227, 229)
 * @out: result; always initialised
 *
 * Only the first line in @buf is looked at, and only once it is complete
 * ("\n" or "\r\n" within @len).  A command must start at offset 0 of the
 * line; the keywords are case-insensitive.
 *
 * Return: the length of the line including its terminator (> 0) with @out
 * filled in, 0 if no line terminator has arrived yet, -EMSGSIZE if there is
 * no terminator within NFALG_FTP_MAX_LINE bytes (the caller should skip to
 * the next "\n" without parsing), or -EINVAL if the line is a PORT, EPRT,
 * 227 or 229 line that does not parse strictly; then @out->type says which
 * and every other field of @out is zero.
 */
int nfalg_ftp_parse_line(const char *buf, size_t len, bool from_client,
			 struct nfalg_ftp_cmd *out);

/**
 * nfalg_ftp_format() - produce the replacement text for a NAT rewrite
 * @dst: output buffer; NUL terminated on success
 * @dstlen: size of @dst; NFALG_FTP_FMT_MAX is always enough
 * @type: NFALG_FTP_PORT, NFALG_FTP_EPRT, NFALG_FTP_PASV227 or
 *	NFALG_FTP_EPSV229
 * @family: NFALG_FTP_AF_INET for PORT and 227, NFALG_FTP_AF_INET or
 *	NFALG_FTP_AF_INET6 for EPRT, ignored for 229
 * @addr: address in network byte order (unused and may be NULL for 229)
 * @port: port in host byte order, not 0
 * @delim: delimiter for EPRT and 229, ignored otherwise
 *
 * IPv6 addresses are written in RFC 5952 canonical form.
 *
 * Return: the length of the text (the NUL not counted), -EINVAL for bad
 * arguments (including a delimiter nfalg_ftp_parse_line() would refuse), or
 * -ENOSPC if @dst is too small.
 */
int nfalg_ftp_format(char *dst, size_t dstlen, enum nfalg_ftp_type type,
		     u8 family, const u8 *addr, u16 port, char delim);

/**
 * nfalg_ftp_partial() - may an unfinished line still become a PORT, EPRT,
 *	227 or 229 line?
 * @buf: the line so far, from a real line start, no "\n" yet
 * @len: its length
 * @from_client: the direction, as for nfalg_ftp_parse_line()
 *
 * Return: true if @buf is a case-insensitive prefix of, or starts with,
 * "PORT " or "EPRT " (client) or "227 " or "229 " (server), holds no
 * control character but a final "\r", and is shorter than
 * NFALG_FTP_MAX_LINE.
 */
bool nfalg_ftp_partial(const char *buf, size_t len, bool from_client);

#endif /* _NFALG_FTP_PARSE_H */
