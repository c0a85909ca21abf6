// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the SIP message parser and host formatter.
 *
 * The input is parsed as one message and as a stream of messages.  Every
 * result must be self-consistent: return value in range, result all zero
 * (but expires and clen, -1) on failure, address spans inside the message,
 * in order and not overlapping, each span's text being the address it
 * reports, SDP media pointing at c= addresses of their own.  A message
 * that parses must also parse the same when followed by a copy of itself,
 * every shorter prefix of it must be "incomplete" (or, without
 * Content-Length, a shorter message), and rewriting each address span
 * with nfalg_sip_format_host() of its own address and port (and
 * Content-Length to match) must give a message that parses to the same
 * result.  nfalg_sip_frame() must agree with the parse wherever both
 * give an answer (see check_frame()), also along the stream as framing
 * alone cuts it.  The input is also read as formatter arguments.  Any
 * inconsistency aborts.
 */
#include <arpa/inet.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sip/sip_parse.h"

#define FAIL(...) do {							\
	fprintf(stderr, "fuzz_sip: " __VA_ARGS__);			\
	fputc('\n', stderr);						\
	abort();							\
} while (0)

static int parse_copy(const char *in, size_t len, struct nfalg_sip_msg *m)
{
	char *p = malloc(len ? len : 1);
	int ret;

	memcpy(p, in, len);
	ret = nfalg_sip_parse(p, len, m);
	free(p);
	return ret;
}

static bool is_start_copy(const char *in, size_t len)
{
	char *p = malloc(len ? len : 1);
	bool ret;

	memcpy(p, in, len);
	ret = nfalg_sip_is_start(p, len);
	free(p);
	return ret;
}

static int frame_copy(const char *in, size_t len)
{
	char *p = malloc(len ? len : 1);
	int ret;

	memcpy(p, in, len);
	ret = nfalg_sip_frame(p, len);
	free(p);
	return ret;
}

/*
 * nfalg_sip_frame() of @buf against nfalg_sip_parse() of the same bytes
 * (@ret, @m); returns the frame length.
 *  - In range: -EINVAL, 0 (only below NFALG_SIP_MAX_MSG bytes), or a
 *    length of at most NFALG_SIP_MAX_MSG + NFALG_SIP_FRAME_MAX_CLEN;
 *    -EINVAL whenever nfalg_sip_is_start() is false.
 *  - A message that parses frames to the parse's length when it has a
 *    Content-Length, to its body_off when it has none.
 *  - A message the parse waits for frames to 0 or to a length that has
 *    not arrived yet; one the parse finds too big frames to -EINVAL or
 *    to a length past the limit (or to body_off, beyond the limit,
 *    without Content-Length).
 *  - A frame length that has arrived parses, alone, to itself or is
 *    refused (-EINVAL; -EMSGSIZE past the limit), and frames to itself.
 *  - A prefix frames to 0 or to the same result.
 */
static int check_frame(const char *buf, size_t len, int ret,
		       const struct nfalg_sip_msg *m)
{
	struct nfalg_sip_msg m2;
	int f = frame_copy(buf, len), r, i;
	size_t k;

	if (f != -EINVAL && (f < 0 || (!f && len >= NFALG_SIP_MAX_MSG) ||
			     f > NFALG_SIP_MAX_MSG + NFALG_SIP_FRAME_MAX_CLEN))
		FAIL("frame of %zu bytes: %d", len, f);
	if (f != -EINVAL && !is_start_copy(buf, len))
		FAIL("frame %d of %zu bytes that are not a start", f, len);
	if (ret > 0 && f != (m->clen >= 0 ? ret : (int)m->body_off))
		FAIL("frame %d, parse %d (clen %d, body_off %u)", f, ret,
		     m->clen, m->body_off);
	if (!ret && f && (f < 0 || (size_t)f <= len))
		FAIL("frame %d of %zu bytes, parse waits", f, len);
	if (ret == -EMSGSIZE && f != -EINVAL && f <= NFALG_SIP_MAX_MSG &&
	    (f <= 0 || len <= NFALG_SIP_MAX_MSG))
		FAIL("frame %d of %zu bytes, parse too big", f, len);

	if (f > 0 && (size_t)f <= len) {
		r = parse_copy(buf, f, &m2);
		if (r != f && r != -EINVAL &&
		    !(r == -EMSGSIZE && f > NFALG_SIP_MAX_MSG))
			FAIL("frame %d of %zu bytes, parse of %d: %d", f, len,
			     f, r);
		if (frame_copy(buf, f) != f)
			FAIL("frame %d, but not of its %d bytes alone", f, f);
	}
	for (i = 1; i <= 4 && (size_t)i <= len; i++) {
		k = i < 3 ? len - i : len / i;
		r = frame_copy(buf, k);
		if (r && r != f)
			FAIL("frame of %zu bytes %d, of %zu bytes %d", len, f,
			     k, r);
	}
	return f;
}

static void check_zero(const struct nfalg_sip_msg *m)
{
	struct nfalg_sip_msg z;

	memset(&z, 0, sizeof(z));
	z.expires = -1;
	z.clen = -1;
	if (memcmp(&z, m, sizeof(z)))
		FAIL("result not reset on failure");
}

static unsigned int addr_end(const struct nfalg_sip_addr *a)
{
	return a->port_len ? a->port_off + a->port_len : a->off + a->len;
}

/* The text of a reported span is the address (and port) reported */
static void check_span_text(const char *buf, const struct nfalg_sip_addr *a)
{
	char text[64];
	u8 bin[16];
	unsigned int s = a->off, n = a->len, i;
	u32 port = 0;

	if (a->bracket) {
		if (a->family != NFALG_SIP_AF_INET6 || n < 4 || buf[s] != '[' ||
		    buf[s + n - 1] != ']')
			FAIL("bad bracketed span");
		s++;
		n -= 2;
	}
	if (!n || n >= sizeof(text))
		FAIL("span length %u", n);
	memcpy(text, buf + s, n);
	text[n] = '\0';
	if (inet_pton(a->family == NFALG_SIP_AF_INET ? AF_INET : AF_INET6,
		      text, bin) != 1)
		FAIL("span \"%s\" is not an address", text);
	if (memcmp(bin, a->addr, a->family == NFALG_SIP_AF_INET ? 4 : 16))
		FAIL("span \"%s\" is another address", text);
	if (a->family == NFALG_SIP_AF_INET &&
	    memcmp(a->addr + 4, "\0\0\0\0\0\0\0\0\0\0\0\0", 12))
		FAIL("IPv4 address with bytes past 4");
	if (!a->port_len) {
		if (a->port || a->port_off)
			FAIL("port without digits");
		return;
	}
	if (a->port_len > 5 || a->port_off != a->off + a->len + 1 ||
	    buf[a->port_off - 1] != ':')
		FAIL("port span %u+%u", a->port_off, a->port_len);
	for (i = 0; i < a->port_len; i++) {
		if (buf[a->port_off + i] < '0' || buf[a->port_off + i] > '9')
			FAIL("port digit");
		port = port * 10 + buf[a->port_off + i] - '0';
	}
	if (port != a->port || !port)
		FAIL("port %u != %u", port, a->port);
}

static void check_digits(const char *buf, unsigned int off, unsigned int len,
			 u32 want, unsigned int limit)
{
	u32 v = 0;
	unsigned int i;

	if (!len || off + len > limit)
		FAIL("digits span %u+%u past %u", off, len, limit);
	for (i = 0; i < len; i++) {
		if (buf[off + i] < '0' || buf[off + i] > '9')
			FAIL("not a digit");
		v = v * 10 + buf[off + i] - '0';
	}
	if (v != want)
		FAIL("digits say %u, reported %u", v, want);
}

static void check_msg(const char *buf, size_t len, int ret,
		      const struct nfalg_sip_msg *m)
{
	unsigned int prev = 0, i;

	if (ret <= 0 || ret > NFALG_SIP_MAX_MSG || (size_t)ret > len)
		FAIL("return %d for %zu bytes", ret, len);
	if (m->msg_len != ret || m->body_off > m->msg_len)
		FAIL("msg_len %u body_off %u ret %d", m->msg_len, m->body_off,
		     ret);
	if (m->clen >= 0) {
		if (m->body_off + m->clen != m->msg_len)
			FAIL("body does not end at body_off + clen");
		check_digits(buf, m->clen_off, m->clen_len, m->clen,
			     m->body_off);
	} else if ((size_t)m->msg_len != len || m->clen_off || m->clen_len) {
		FAIL("no Content-Length but msg_len %u of %zu", m->msg_len,
		     len);
	}
	if (m->body_off < 2 || buf[m->body_off - 1] != '\n')
		FAIL("body_off not after a line end");
	if (m->request) {
		if (m->status || m->method == NFALG_SIP_M_NONE ||
		    m->method > NFALG_SIP_M_OTHER || m->method != m->cseq_method)
			FAIL("bad request fields");
	} else if (m->status < 100 || m->status > 699 ||
		   m->method != m->cseq_method) {
		FAIL("bad response fields");
	}
	if (m->cseq > 0x7fffffff || m->expires < -1)
		FAIL("cseq or expires out of range");
	if (!m->call_id_len || m->call_id_len > 255 ||
	    m->call_id_off + m->call_id_len > m->body_off)
		FAIL("Call-ID span");
	if (m->n_addrs > NFALG_SIP_MAX_ADDRS ||
	    m->n_media > NFALG_SIP_MAX_MEDIA)
		FAIL("too many entries");
	if (!m->sdp && m->n_media)
		FAIL("media without SDP");

	for (i = 0; i < m->n_addrs; i++) {
		const struct nfalg_sip_addr *a = &m->addrs[i];
		bool in_sdp = a->where == NFALG_SIP_AT_SDP_ORIGIN ||
			      a->where == NFALG_SIP_AT_SDP_CONN;

		if (a->where < NFALG_SIP_AT_RURI ||
		    a->where > NFALG_SIP_AT_SDP_CONN)
			FAIL("bad where %u", a->where);
		if (a->family != NFALG_SIP_AF_INET &&
		    a->family != NFALG_SIP_AF_INET6)
			FAIL("bad family %u", a->family);
		if (a->off < prev || addr_end(a) > m->msg_len)
			FAIL("span %u..%u overlaps or leaves the message",
			     a->off, addr_end(a));
		if (in_sdp != (a->off >= m->body_off) || (in_sdp && !m->sdp))
			FAIL("span on the wrong side of the body");
		if (a->where == NFALG_SIP_AT_RURI && (!m->request || i))
			FAIL("Request-URI address out of place");
		if ((a->where == NFALG_SIP_AT_VIA_RECEIVED ||
		     a->where == NFALG_SIP_AT_SDP_ORIGIN ||
		     a->where == NFALG_SIP_AT_SDP_CONN) && a->port_len)
			FAIL("port where there is none");
		if (a->where == NFALG_SIP_AT_SDP_CONN) {
			if (a->media != 0xff && a->media >= m->n_media)
				FAIL("c= of media %u of %u", a->media,
				     m->n_media);
		} else if (a->media) {
			FAIL("media index outside c=");
		}
		check_span_text(buf, a);
		prev = addr_end(a);
	}

	for (i = 0; i < m->n_media; i++) {
		const struct nfalg_sip_media *md = &m->media[i];
		const struct nfalg_sip_addr *c;

		if (!strchr("avitpm?", md->type) || md->tcp > 1 ||
		    md->rtcp_mux > 1 || md->inactive > 1 || !md->nports ||
		    md->port + md->nports - 1 > 65535)
			FAIL("bad media %u", i);
		if (md->port_off < m->body_off)
			FAIL("m= port outside the body");
		check_digits(buf, md->port_off, md->port_len, md->port,
			     m->msg_len);
		if (md->rtcp_port_len) {
			if (!md->rtcp_port || md->rtcp_port_off < md->port_off)
				FAIL("a=rtcp port");
			check_digits(buf, md->rtcp_port_off,
				     md->rtcp_port_len, md->rtcp_port,
				     m->msg_len);
		} else if (md->rtcp_port || md->rtcp_port_off) {
			FAIL("a=rtcp port without digits");
		}
		if (md->conn == 0xff)
			continue;
		if (md->conn >= m->n_addrs)
			FAIL("media %u conn %u of %u", i, md->conn, m->n_addrs);
		c = &m->addrs[md->conn];
		if (c->where != NFALG_SIP_AT_SDP_CONN ||
		    (c->media != i && c->media != 0xff))
			FAIL("media %u conn is not its c=", i);
		if (c->media == 0xff && c->off > md->port_off)
			FAIL("session c= after m=");
	}
}

struct edit {
	unsigned int off, end;
	char text[NFALG_SIP_FMT_MAX];
	unsigned int n;
};

/* Same result but for offsets and Content-Length */
static void compare(const struct nfalg_sip_msg *a, const char *abuf,
		    const struct nfalg_sip_msg *b, const char *bbuf)
{
	unsigned int i;

	if (a->request != b->request || a->method != b->method ||
	    a->status != b->status || a->cseq != b->cseq ||
	    a->cseq_method != b->cseq_method ||
	    a->call_id_len != b->call_id_len ||
	    memcmp(abuf + a->call_id_off, bbuf + b->call_id_off,
		   a->call_id_len) ||
	    a->expires != b->expires || (a->clen < 0) != (b->clen < 0) ||
	    a->sdp != b->sdp || a->n_addrs != b->n_addrs ||
	    a->n_media != b->n_media)
		FAIL("rewritten message differs");
	for (i = 0; i < a->n_addrs; i++) {
		const struct nfalg_sip_addr *x = &a->addrs[i], *y = &b->addrs[i];

		if (x->where != y->where || x->family != y->family ||
		    x->bracket != y->bracket || x->media != y->media ||
		    memcmp(x->addr, y->addr, 16) || x->port != y->port)
			FAIL("rewritten address %u differs", i);
	}
	for (i = 0; i < a->n_media; i++) {
		const struct nfalg_sip_media *x = &a->media[i], *y = &b->media[i];

		if (x->type != y->type || x->tcp != y->tcp ||
		    x->rtcp_mux != y->rtcp_mux || x->inactive != y->inactive ||
		    x->port != y->port || x->nports != y->nports ||
		    x->rtcp_port != y->rtcp_port || x->conn != y->conn)
			FAIL("rewritten media %u differs", i);
	}
}

/* Replace each address span by its own formatted text and reparse */
static void round_trip(const char *buf, const struct nfalg_sip_msg *m)
{
	struct edit e[NFALG_SIP_MAX_ADDRS + 1];
	unsigned int ne = 0, i, j, pos = 0, nlen = 0;
	struct nfalg_sip_msg m2;
	int delta_body = 0, clen_edit = -1, ret;
	char *nb;

	for (i = 0; i < m->n_addrs; i++) {
		const struct nfalg_sip_addr *a = &m->addrs[i];
		int n;

		if (clen_edit < 0 && m->clen >= 0 && m->clen_off < a->off)
			clen_edit = ne++;
		e[ne].off = a->off;
		e[ne].end = addr_end(a);
		n = nfalg_sip_format_host(e[ne].text, sizeof(e[ne].text),
					  a->family, a->addr, a->bracket,
					  a->port);
		if (n <= 0 || (size_t)n != strlen(e[ne].text))
			FAIL("format of a reported address failed: %d", n);
		e[ne].n = n;
		if (a->off >= m->body_off)
			delta_body += n - (int)(e[ne].end - e[ne].off);
		ne++;
	}
	if (clen_edit < 0 && m->clen >= 0)
		clen_edit = ne++;
	if (clen_edit >= 0) {
		struct edit *c = &e[clen_edit];

		c->off = m->clen_off;
		c->end = m->clen_off + m->clen_len;
		c->n = snprintf(c->text, sizeof(c->text), "%d",
				m->clen + delta_body);
	}

	nb = malloc(m->msg_len + ne * NFALG_SIP_FMT_MAX + 1);
	for (i = 0; i < ne; i++) {
		if (e[i].off < pos)
			FAIL("edits overlap");
		memcpy(nb + nlen, buf + pos, e[i].off - pos);
		nlen += e[i].off - pos;
		memcpy(nb + nlen, e[i].text, e[i].n);
		nlen += e[i].n;
		pos = e[i].end;
	}
	memcpy(nb + nlen, buf + pos, m->msg_len - pos);
	nlen += m->msg_len - pos;

	ret = parse_copy(nb, nlen, &m2);
	if (nlen > NFALG_SIP_MAX_MSG) {
		if (ret != -EMSGSIZE && ret != -EINVAL)
			FAIL("rewritten message of %u bytes: %d", nlen, ret);
		free(nb);
		return;
	}
	if (ret != (int)nlen)
		FAIL("rewritten message of %u bytes parses to %d", nlen, ret);
	check_msg(nb, nlen, ret, &m2);
	check_frame(nb, nlen, ret, &m2);
	compare(m, buf, &m2, nb);
	/* the rewritten spans are the formatted texts */
	for (i = 0, j = 0; i < ne; i++) {
		if ((int)i == clen_edit)
			continue;
		if (m2.addrs[j].len + (m2.addrs[j].port_len ?
				       m2.addrs[j].port_len + 1 : 0) != e[i].n)
			FAIL("rewritten span length");
		j++;
	}
	free(nb);
}

/* The message followed by itself parses the same; prefixes are short */
static void framing(const char *buf, size_t len, int ret,
		    const struct nfalg_sip_msg *m)
{
	struct nfalg_sip_msg m2;
	unsigned int k, i;
	char *two;
	int r;

	if (!is_start_copy(buf, len) || !is_start_copy(buf, ret))
		FAIL("a message that parses is not a start");

	if (m->clen >= 0) {
		two = malloc(2 * ret);
		memcpy(two, buf, ret);
		memcpy(two + ret, buf, ret);
		r = parse_copy(two, 2 * ret, &m2);
		if (r != ret || memcmp(&m2, m, sizeof(m2)))
			FAIL("message followed by itself parses differently");
		check_frame(two, 2 * ret, r, &m2);
		free(two);
	}

	for (i = 0; i < 6; i++) {
		k = i < 3 ? (unsigned int)ret - 1 - i : (unsigned int)ret / i;
		if (k >= (unsigned int)ret)
			continue;
		if (i == 5)
			k = m->body_off ? m->body_off - 1 : 0;
		r = parse_copy(buf, k, &m2);
		if (k < m->body_off || m->clen >= 0) {
			if (r)
				FAIL("prefix of %u of a %d-byte message: %d", k,
				     ret, r);
			if (!is_start_copy(buf, k))
				FAIL("prefix of a message is not a start");
		} else if (r > 0) {
			check_msg(buf, k, r, &m2);
		} else if (r) {
			check_zero(&m2);
		}
	}
}

static void one(const char *buf, size_t len, bool deep)
{
	struct nfalg_sip_msg m;
	int ret;

	ret = parse_copy(buf, len, &m);
	check_frame(buf, len, ret, &m);
	if (ret <= 0) {
		if (ret != 0 && ret != -EINVAL && ret != -EMSGSIZE)
			FAIL("unexpected return %d", ret);
		check_zero(&m);
		if (!ret && !is_start_copy(buf, len))
			FAIL("incomplete message but not a start");
		return;
	}
	check_msg(buf, len, ret, &m);
	if (!deep)
		return;
	framing(buf, len, ret, &m);
	round_trip(buf, &m);
}

static void stream(const char *buf, size_t len)
{
	struct nfalg_sip_msg m;
	size_t pos = 0;
	int ret;

	while (pos < len) {
		ret = parse_copy(buf + pos, len - pos, &m);
		if (ret <= 0)
			return;
		check_msg(buf + pos, len - pos, ret, &m);
		pos += ret;
	}
}

/* The stream as TCP framing cuts it: nfalg_sip_frame() alone */
static void stream_frame(const char *buf, size_t len)
{
	struct nfalg_sip_msg m;
	size_t pos = 0;
	int ret, f;

	while (pos < len) {
		ret = parse_copy(buf + pos, len - pos, &m);
		f = check_frame(buf + pos, len - pos, ret, &m);
		if (f <= 0 || (size_t)f > len - pos)
			return;
		pos += f;
	}
}

/*
 * Read the input as formatter arguments: flags, port (2 bytes), address
 * (16 bytes).  The text must be canonical (glibc's, but for the
 * IPv4-compatible form glibc still prints) and, put in a message, parse
 * back to the same address and port.
 */
static void format_args(const uint8_t *d, size_t size)
{
	char fmt[NFALG_SIP_FMT_MAX], msg[512], g[INET6_ADDRSTRLEN];
	struct nfalg_sip_msg m;
	unsigned int dstlen;
	u8 family, addr[16];
	bool bracket;
	u16 port;
	int n, n2, ret;

	if (size < 19)
		return;
	family = d[0] & 0x40 ? d[1] : (d[0] & 1 ? 6 : 4);
	bracket = d[0] & 2;
	port = d[1] << 8 | d[2];
	memcpy(addr, d + 3, 16);
	if (d[0] & 4)
		memset(addr + 2, 0, 10);
	dstlen = d[0] & 0x80 ? d[1] % 50 : sizeof(fmt);

	n = nfalg_sip_format_host(fmt, dstlen, family, addr, bracket, port);
	n2 = nfalg_sip_format_host(fmt, sizeof(fmt), family, addr, bracket,
				   port);
	if (family != 4 && family != 6) {
		if (n != -EINVAL || n2 != -EINVAL)
			FAIL("bad family accepted");
		return;
	}
	if (n2 <= 0 || n2 >= NFALG_SIP_FMT_MAX || (size_t)n2 != strlen(fmt))
		FAIL("format failed: %d", n2);
	if (n < 0 ? (n != -ENOSPC || (unsigned int)n2 < dstlen) : n != n2)
		FAIL("dstlen %u: %d, full %d", dstlen, n, n2);

	inet_ntop(family == 4 ? AF_INET : AF_INET6, addr, g, sizeof(g));
	if (family == 4 || memcmp(addr, "\0\0\0\0\0\0\0\0\0\0\0\0", 12) ||
	    !memcmp(addr + 12, "\0\0", 2)) {
		char want[NFALG_SIP_FMT_MAX + 8];

		snprintf(want, sizeof(want), "%s%s%s", bracket &&
			 family == 6 ? "[" : "", g,
			 bracket && family == 6 ? "]" : "");
		if (port)
			snprintf(want + strlen(want), 8, ":%u", port);
		if (strcmp(want, fmt))
			FAIL("formatted \"%s\", glibc says \"%s\"", fmt, want);
	}

	/* In a Request-URI (bracketed IPv6) and in an SDP c= (bare) */
	nfalg_sip_format_host(fmt, sizeof(fmt), family, addr, true, port);
	nfalg_sip_format_host(g, sizeof(g), family, addr, false, 0);
	n = snprintf(msg, sizeof(msg),
		     "OPTIONS sip:%s SIP/2.0\r\nVia: SIP/2.0/UDP h.example\r\n"
		     "From: <sip:a@h.example>\r\nTo: <sip:b@h.example>\r\n"
		     "Call-ID: x\r\nCSeq: 1 OPTIONS\r\n"
		     "Content-Type: application/sdp\r\n\r\n"
		     "v=0\r\nc=IN IP%d %s\r\nm=audio 9 RTP/AVP 0\r\n",
		     fmt, family, g);
	ret = parse_copy(msg, n, &m);
	if (ret != n || m.n_addrs != 2 || m.n_media != 1 ||
	    m.media[0].conn != 1)
		FAIL("formatted \"%s\" does not parse in a message: %d", fmt,
		     ret);
	if (m.addrs[0].port != port || m.addrs[0].family != family ||
	    m.addrs[1].family != family ||
	    memcmp(m.addrs[0].addr, addr, family == 4 ? 4 : 16) ||
	    memcmp(m.addrs[1].addr, addr, family == 4 ? 4 : 16))
		FAIL("formatted \"%s\" parses to another address", fmt);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *buf = (const char *)data;
	size_t i;

	one(buf, size, true);
	stream(buf, size);
	stream_frame(buf, size);
	for (i = 0; i < size && i < 64; i += 7)
		is_start_copy(buf, i);
	format_args(data, size);
	return 0;
}
