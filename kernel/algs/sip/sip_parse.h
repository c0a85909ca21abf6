/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nfalg SIP ALG: message parser (RFC 3261 start line and headers, RFC 4566
 * SDP body) and the address formatter of its NAT rewrites.
 *
 * Pure functions over (buffer, length): no skb, no allocation, no global
 * state, no recursion.  They never read past the length they are given and
 * never rely on NUL termination.  The same sources build into the kernel
 * module and into the userspace unit tests and libFuzzer targets.
 *
 * The parser reports what the ALG acts upon: the message's kind, its
 * dialog (Call-ID), its framing (where the body starts, Content-Length),
 * every address a NAT rewrite may have to change (with its exact span in
 * the buffer) and the media an SDP body announces.  Deciding what to open
 * or rewrite is the module's business (sip_main.c).
 */
#ifndef _NFALG_SIP_PARSE_H
#define _NFALG_SIP_PARSE_H

#include <nfalg/types.h>

/* Longest message parsed, start line to end of body */
#define NFALG_SIP_MAX_MSG	4096

/* Address references reported per message (headers and SDP together) */
#define NFALG_SIP_MAX_ADDRS	24

/* Media descriptions (m= lines) reported per SDP body */
#define NFALG_SIP_MAX_MEDIA	8

/* Room for any text nfalg_sip_format_host() produces, NUL included */
#define NFALG_SIP_FMT_MAX	48

/* The default port of SIP over UDP and TCP (RFC 3261 19.1.2) */
#define NFALG_SIP_PORT		5060

enum nfalg_sip_method {
	NFALG_SIP_M_NONE = 0,	/* not a method the ALG knows */
	NFALG_SIP_M_INVITE,
	NFALG_SIP_M_ACK,
	NFALG_SIP_M_BYE,
	NFALG_SIP_M_CANCEL,
	NFALG_SIP_M_REGISTER,
	NFALG_SIP_M_OPTIONS,
	NFALG_SIP_M_PRACK,
	NFALG_SIP_M_UPDATE,
	NFALG_SIP_M_OTHER,	/* a well-formed token the ALG ignores */
};

/* Where an address reference was found (struct nfalg_sip_addr.where) */
enum nfalg_sip_where {
	NFALG_SIP_AT_RURI = 1,	/* the Request-URI */
	NFALG_SIP_AT_VIA,	/* a Via sent-by (host and port) */
	NFALG_SIP_AT_VIA_RECEIVED, /* a Via's received= parameter (no port) */
	NFALG_SIP_AT_CONTACT,	/* a Contact URI (m:) */
	NFALG_SIP_AT_FROM,	/* the From URI (f:) */
	NFALG_SIP_AT_TO,	/* the To URI (t:) */
	NFALG_SIP_AT_ROUTE,	/* a Route URI */
	NFALG_SIP_AT_RECORD_ROUTE, /* a Record-Route URI */
	NFALG_SIP_AT_SDP_ORIGIN, /* SDP o= unicast address (no port) */
	NFALG_SIP_AT_SDP_CONN,	/* SDP c= address (no port) */
};

/* Address families (struct nfalg_sip_addr.family, nfalg_sip_media) */
#define NFALG_SIP_AF_NAME	0	/* a host name: never rewritten */
#define NFALG_SIP_AF_INET	4
#define NFALG_SIP_AF_INET6	6

/**
 * struct nfalg_sip_addr - one address reference in a message
 * @where: NFALG_SIP_AT_*
 * @family: NFALG_SIP_AF_INET or NFALG_SIP_AF_INET6 (only literal addresses
 *	are reported; a host name is not)
 * @bracket: the IPv6 reference is written "[addr]" (URIs and Via); the
 *	span then includes both brackets
 * @media: for NFALG_SIP_AT_SDP_CONN, the index of the media description
 *	the c= line belongs to, or 0xff for the session-level c=
 * @addr: the address, network byte order (IPv4 in addr[0..3])
 * @port: the port written after the host, host order; 0 when none is
 *	written (the module then assumes NFALG_SIP_PORT for URIs and Via)
 * @off: offset in the message of the host text (from its first byte, or
 *	from its "[")
 * @len: length of the host text, brackets included
 * @port_off: offset of the port's digits, when @port is not 0
 * @port_len: number of the port's digits, 0 when no port is written
 *
 * The spans of the references of one message never overlap and are
 * reported in the order of their offsets.
 */
struct nfalg_sip_addr {
	u8 where;
	u8 family;
	u8 bracket;
	u8 media;
	u8 addr[16];
	u16 port;
	u16 off;
	u16 len;
	u16 port_off;
	u16 port_len;
};

/**
 * struct nfalg_sip_media - one SDP media description (an m= line)
 * @type: 'a' audio, 'v' video, 'i' image, 't' text, 'p' application,
 *	'm' message, '?' any other media name
 * @tcp: the transport is over TCP ("TCP", "TCP/...")
 * @rtcp_mux: "a=rtcp-mux" is present in this description
 * @inactive: "a=inactive" in this description (or at session level)
 * @port: the m= port (0: the stream is rejected or disabled)
 * @nports: the "/<number of ports>" of the m= line, 1 without it
 * @port_off: offset in the message of the m= port's digits
 * @port_len: number of those digits
 * @rtcp_port: the port of "a=rtcp:<port>", 0 without one
 * @rtcp_port_off: offset of its digits
 * @rtcp_port_len: number of its digits, 0 without one
 * @conn: index in nfalg_sip_msg.addrs of the c= address that applies to
 *	this description (its own c=, else the session-level one), or 0xff
 *	when there is none or it is a host name
 *
 * An "a=rtcp:" line that also names an address ("a=rtcp:53020 IN IP4
 * 126.16.64.4") reports only the port; its address is not reported.
 */
struct nfalg_sip_media {
	char type;
	u8 tcp;
	u8 rtcp_mux;
	u8 inactive;
	u16 port;
	u16 nports;
	u16 port_off;
	u16 port_len;
	u16 rtcp_port;
	u16 rtcp_port_off;
	u16 rtcp_port_len;
	u8 conn;
};

/**
 * struct nfalg_sip_msg - what nfalg_sip_parse() found in one message
 * @request: 1 for a request, 0 for a response
 * @method: the request's method; for a response, the method of its CSeq
 * @status: the response's status code (100..699), 0 for a request
 * @cseq: the CSeq number
 * @cseq_method: the CSeq method (must equal @method in a request)
 * @call_id_off: offset of the Call-ID value (i:), without surrounding
 *	whitespace
 * @call_id_len: its length (1..255)
 * @expires: the Expires header's value, or the "expires=" parameter of
 *	the first Contact when the header is absent; -1 when neither
 * @clen: the Content-Length (l:) value; -1 when the header is absent
 * @clen_off: offset of its digits
 * @clen_len: number of its digits
 * @body_off: offset of the body: just after the empty line ending the
 *	headers
 * @msg_len: length of the message: @body_off + @clen, or @body_off plus
 *	all the bytes after it when there is no Content-Length
 * @sdp: the body is SDP ("application/sdp" Content-Type, c:) and parsed
 * @n_addrs: entries used in @addrs
 * @addrs: the address references, in order of offset
 * @n_media: entries used in @media
 * @media: the media descriptions of the SDP body, in order
 */
struct nfalg_sip_msg {
	u8 request;
	u8 method;
	u16 status;
	u32 cseq;
	u8 cseq_method;
	u16 call_id_off;
	u16 call_id_len;
	s32 expires;
	s32 clen;
	u16 clen_off;
	u16 clen_len;
	u16 body_off;
	u16 msg_len;
	u8 sdp;
	u8 n_addrs;
	struct nfalg_sip_addr addrs[NFALG_SIP_MAX_ADDRS];
	u8 n_media;
	struct nfalg_sip_media media[NFALG_SIP_MAX_MEDIA];
};

/**
 * nfalg_sip_parse() - parse one SIP message
 * @buf: data starting at a real message start (a datagram's first byte,
 *	or a TCP stream position where the previous message ended)
 * @len: bytes available at @buf (may hold further messages after this
 *	one, or only part of this one)
 * @out: result; always initialised (all zero but @expires and @clen, -1,
 *	on any return other than a positive one)
 *
 * Headers are parsed by name, case-insensitively, in their long and
 * compact forms; folded header lines (a line starting with SP or HTAB
 * continues the previous one) are accepted.  Lines end in "\r\n" or
 * "\n".  Leading "\r\n" pairs before the start line (keepalives) are
 * skipped and counted in the offsets.
 *
 * Strictness: the start line must be "METHOD SP Request-URI SP SIP/2.0"
 * or "SIP/2.0 SP 3DIGIT SP reason"; Call-ID, CSeq, From, To and at least
 * one Via must be present exactly as RFC 3261 requires (one Call-ID, one
 * CSeq, one From, one To); CSeq's method must match a request's method;
 * Content-Length must be decimal and at most NFALG_SIP_MAX_MSG; no header
 * line may contain a NUL or a bare CR; the message (headers and body) must
 * fit in NFALG_SIP_MAX_MSG bytes.  An SDP body must start with "v=0" and
 * hold only lines of the form "<letter>=<value>"; media beyond
 * NFALG_SIP_MAX_MEDIA, or address references beyond
 * NFALG_SIP_MAX_ADDRS, make the message invalid rather than partly
 * reported.
 *
 * Return: the message's length (@out->msg_len, > 0) with @out filled in;
 * 0 when the message is not complete within @len yet (no empty line
 * ending the headers, or fewer body bytes than its Content-Length) and
 * could still become valid; -EMSGSIZE when it cannot fit in
 * NFALG_SIP_MAX_MSG; -EINVAL when it is not a valid SIP message.
 */
int nfalg_sip_parse(const char *buf, unsigned int len,
		    struct nfalg_sip_msg *out);

/**
 * nfalg_sip_is_start() - may @buf be the beginning of a SIP message?
 * @buf: data at a message start
 * @len: bytes in @buf (possibly only a few)
 *
 * Return: true when @buf (after optional "\r\n" keepalives) is a prefix of,
 * or begins with, "SIP/2.0 " or a method token (uppercase letters) followed
 * by a space; false as soon as it cannot be (an HTTP request line ending
 * in "HTTP/1.1" is not a SIP message: the check looks at the whole start
 * line once it is complete).
 */
bool nfalg_sip_is_start(const char *buf, unsigned int len);

/* Largest Content-Length nfalg_sip_frame() accepts */
#define NFALG_SIP_FRAME_MAX_CLEN	65535

/**
 * nfalg_sip_frame() - length of the SIP message at a TCP message start
 * @buf: bytes at a message start of the stream (the previous message's end)
 * @len: bytes available (may hold only part of the message, or more
 *	messages after it)
 *
 * A cheap framing pass for stream transports, run before the full parse:
 * one forward scan of the start line and headers (never past @len nor
 * NFALG_SIP_MAX_MSG), reading only line ends, folding and the
 * Content-Length (l) header; the body is not looked at.  Lines and
 * leading "\r\n" keepalives are read as nfalg_sip_parse() reads them:
 * the keepalives are skipped and counted in the length returned.  Any
 * header other than Content-Length is checked only for control
 * characters, so a message may frame and still fail the full parse.
 *
 * A message without Content-Length has an empty body (RFC 3261 18.3
 * requires the header on stream transports): its length is the end of
 * its headers.
 *
 * Return: the message's whole length, the end of its headers plus its
 * Content-Length, > 0; it may exceed @len and NFALG_SIP_MAX_MSG.  0 when
 * the headers do not end within @len yet but still could (@len below
 * NFALG_SIP_MAX_MSG and nothing seen so far rules it out).  -EINVAL when
 * @buf is not the start of a SIP message (nfalg_sip_is_start() false),
 * when the headers do not end within NFALG_SIP_MAX_MSG bytes, when a
 * line holds a control character other than HTAB (NUL, a bare CR, ...),
 * when the first header line starts with SP or HTAB, or when
 * Content-Length is present more than once, when its name is not
 * followed by optional SP/HTAB and ":", or when its value is not 1 to 10
 * decimal digits (white space around them aside) or exceeds
 * NFALG_SIP_FRAME_MAX_CLEN.
 *
 * When nfalg_sip_parse() returns a length > 0 for the same bytes, this
 * returns that length if the message has a Content-Length, else its
 * body_off.
 */
int nfalg_sip_frame(const char *buf, unsigned int len);

/**
 * nfalg_sip_format_host() - text of an address for a rewrite
 * @dst: output buffer; NUL terminated on success
 * @dstlen: its size; NFALG_SIP_FMT_MAX is always enough
 * @family: NFALG_SIP_AF_INET or NFALG_SIP_AF_INET6
 * @addr: the address, network byte order
 * @bracket: write an IPv6 address as "[addr]" (URIs and Via)
 * @port: when not 0, append ":port" (decimal)
 *
 * IPv4 in dotted decimal, IPv6 in RFC 5952 canonical form.
 *
 * Return: the length of the text (NUL not counted), -EINVAL for a bad
 * family, -ENOSPC when @dst is too small.
 */
int nfalg_sip_format_host(char *dst, unsigned int dstlen, u8 family,
			  const u8 *addr, bool bracket, u16 port);

#endif /* _NFALG_SIP_PARSE_H */
