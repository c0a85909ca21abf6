// SPDX-License-Identifier: GPL-2.0
/*
 * nfalg SIP ALG: message parser and rewrite formatter.
 *
 * Grammar accepted (a strict reading of RFC 3261 and RFC 4566):
 *
 *   message    *( CR LF ) start-line *( header ) EOL body
 *   start-line method SP uri SP "SIP/2.0" EOL
 *              "SIP/2.0" SP 3DIGIT SP reason EOL
 *   header     name *( SP / HTAB ) ":" value EOL *( fold )
 *   fold       ( SP / HTAB ) text EOL          (part of the value above)
 *   EOL        CR LF / LF
 *
 * A method is 1 to 32 upper-case letters; a status is 100..699.  Header
 * names are matched without regard to case, in their long and compact
 * forms; inside a value a folded line break counts as white space.  The
 * headers read are:
 *
 *   Via, v          1#( "SIP" / "2.0" / transport LWS sent-by *(;param) )
 *   Contact, m      "*" / 1#( element )
 *   From, f; To, t  element (exactly one header, one value)
 *   Route, Record-Route  1#( element )
 *   Call-ID, i      1 to 255 visible ASCII characters, no white space
 *   CSeq            1*10DIGIT (below 2^31) LWS method
 *   Content-Length, l  1*10DIGIT, at most NFALG_SIP_MAX_MSG
 *   Content-Type, c type "/" subtype *( ;param )
 *   Expires         1*DIGIT (values past 2^31 - 1 are clamped to it)
 *
 *   element  [ display ] "<" uri ">" *( ;param )  /  uri *( ;param )
 *   uri      scheme ":" rest; for sip: and sips: rest is
 *            [ userinfo "@" ] host [ ":" port ] [ ( ";" / "?" ) text ]
 *   host     "[" IPv6 "]" / IPv4 / host name
 *
 * Commas split a list only outside quoted strings and "<...>".  In a
 * bare uri (no "<...>") the uri ends at the first ";" or white space and
 * what follows are header parameters, as RFC 3261 20.10 prescribes.
 * A sip: or sips: uri holds at most one "@", which ends the userinfo
 * (RFC 3261 allows no other unescaped "@" in it).  Only the Via param
 * "received" (IPv4, IPv6 bare or bracketed) and the first Contact's
 * "expires" are interpreted; other parameters are checked for syntax
 * (";" name [ "=" ( token / quoted-string ) ]) and skipped.
 *
 * The body is parsed only when Content-Type is application/sdp (any case,
 * any parameters) and the body is not empty.  It must start with the line
 * "v=0" and hold only "<a-z>=<value>" lines (the last one may lack its
 * EOL).  Read are o= (exactly 6 fields, at most once, before any m=), c=
 * (exactly 3 fields, at most once per level, "addr[/n[/n]]"), m= (media
 * port[/count] proto 1*fmt), and a=rtcp:port[ ...], a=rtcp-mux and
 * a=inactive; every other line is skipped.  Fields are separated by runs
 * of SP or HTAB.  An SDP address with address type IP6 may be bare or
 * bracketed (SIPp writes "IN IP6 [::1]" in o=); the bracket flag then
 * says which.
 *
 * Hardening beyond the RFCs:
 *  - Nothing is read beyond the smaller of the length given and
 *    NFALG_SIP_MAX_MSG; keepalives before the start line count toward
 *    that limit (they are part of every offset reported), so that the
 *    return value never exceeds it.
 *  - An incomplete message is checked as far as it has arrived: the start
 *    line (or what there is of it) and every header already followed by
 *    the first byte of the next line (so known not to be folded further)
 *    must be valid, else the result is -EINVAL rather than 0.
 *  - A header line or start line holding a control character other than
 *    HTAB (NUL, a bare CR, ...) is refused, as is an SDP line with a NUL
 *    or a bare CR.
 *  - Headers whose repetition would make the message ambiguous (Call-ID,
 *    CSeq, From, To, Content-Length, Content-Type, Expires) may appear
 *    only once; a Via may carry one "received", an SDP media description
 *    one c= and one a=rtcp.
 *  - A host that is neither a literal address nor a host name whose last
 *    label starts with a letter (RFC 3261 toplabel) is refused rather
 *    than guessed at: "010.1.2.3", "1.2.3.256" and "12" are errors, not
 *    names, so that the ALG never overlooks an address an endpoint might
 *    read as one.  IPv4 text has no leading zeros, IPv6 text no zone.
 *  - White space is not accepted inside "<...>", around the ":" of a
 *    host and port, or inside a Call-ID.
 *  - A port written in a URI, Via, m= or a=rtcp must be 1..65535 (m=
 *    also allows 0); an m= port range may not go past 65535.
 *  - "Contact: *" must be the whole of its header.  a=rtcp and a=rtcp-mux
 *    count only inside a media description.
 *  - Too many media descriptions or address references make the message
 *    invalid, so that what is reported is always the whole of it.
 *
 * Limits: multipart bodies and compressed (Content-Encoding) SDP are not
 * looked into; the first is skipped, the second fails the "v=0" check.
 * On a connection-oriented transport the caller must insist on a
 * Content-Length itself: without one, the body runs to the end of the
 * data given.  nfalg_sip_frame() is the stream framing: a cheap pass
 * over the headers alone that gives a message's length (an empty body
 * without Content-Length), the same as nfalg_sip_parse() finds for a
 * message that has one.
 */

#include <nfalg/types.h>
#include <nfalg/inet_text.h>
#include "sip_parse.h"

#define SIP_METHOD_MAX	32	/* longest method token */
#define SIP_CALLID_MAX	255	/* longest Call-ID value */
#define SIP_NONE	0xff	/* no media / no c= address */
#define SIP_S32_MAX	0x7fffffff

/* Headers that may appear only once, and Via (struct sip_ctx.seen) */
#define SIP_SEEN_CALLID		0x01
#define SIP_SEEN_CSEQ		0x02
#define SIP_SEEN_FROM		0x04
#define SIP_SEEN_TO		0x08
#define SIP_SEEN_VIA		0x10
#define SIP_SEEN_CLEN		0x20
#define SIP_SEEN_CTYPE		0x40
#define SIP_SEEN_EXPIRES	0x80
#define SIP_SEEN_CONTACT	0x100
#define SIP_SEEN_NEEDED		0x1f

enum sip_hdr {
	SIP_HDR_OTHER,
	SIP_HDR_VIA,
	SIP_HDR_CONTACT,
	SIP_HDR_FROM,
	SIP_HDR_TO,
	SIP_HDR_CALLID,
	SIP_HDR_CSEQ,
	SIP_HDR_CLEN,
	SIP_HDR_CTYPE,
	SIP_HDR_EXPIRES,
	SIP_HDR_ROUTE,
	SIP_HDR_RROUTE,
};

struct sip_name {
	const char *name;	/* lower case */
	char compact;		/* compact form (0: none), or media type */
	u8 id;
};

static const struct sip_name sip_hdrs[] = {
	{ "via", 'v', SIP_HDR_VIA },
	{ "contact", 'm', SIP_HDR_CONTACT },
	{ "from", 'f', SIP_HDR_FROM },
	{ "to", 't', SIP_HDR_TO },
	{ "call-id", 'i', SIP_HDR_CALLID },
	{ "cseq", 0, SIP_HDR_CSEQ },
	{ "content-length", 'l', SIP_HDR_CLEN },
	{ "content-type", 'c', SIP_HDR_CTYPE },
	{ "expires", 0, SIP_HDR_EXPIRES },
	{ "route", 0, SIP_HDR_ROUTE },
	{ "record-route", 0, SIP_HDR_RROUTE },
	{ NULL, 0, 0 },
};

static const struct sip_name sip_methods[] = {
	{ "invite", 0, NFALG_SIP_M_INVITE },
	{ "ack", 0, NFALG_SIP_M_ACK },
	{ "bye", 0, NFALG_SIP_M_BYE },
	{ "cancel", 0, NFALG_SIP_M_CANCEL },
	{ "register", 0, NFALG_SIP_M_REGISTER },
	{ "options", 0, NFALG_SIP_M_OPTIONS },
	{ "prack", 0, NFALG_SIP_M_PRACK },
	{ "update", 0, NFALG_SIP_M_UPDATE },
	{ NULL, 0, 0 },
};

static const struct sip_name sip_media_types[] = {
	{ "audio", 'a', 0 },
	{ "video", 'v', 0 },
	{ "image", 'i', 0 },
	{ "text", 't', 0 },
	{ "application", 'p', 0 },
	{ "message", 'm', 0 },
	{ NULL, 0, 0 },
};

/* A range of the message: b[off, off + len) */
struct sip_span {
	unsigned int off;
	unsigned int len;
};

/* A host (and port) as read, before it is reported */
struct sip_host {
	u8 family;
	u8 bracket;
	u8 addr[16];
	unsigned int off;
	unsigned int len;
	u16 port;
	unsigned int port_off;
	unsigned int port_len;
};

struct sip_ctx {
	const char *b;
	struct nfalg_sip_msg *m;
	unsigned int seen;		/* SIP_SEEN_* */
	struct sip_span method;		/* a request's method text */
	s32 hdr_expires;		/* Expires header, -1 if none */
	s32 contact_expires;		/* first Contact's expires=, or -1 */
	bool ct_sdp;			/* Content-Type is application/sdp */
};

/* Character classes */

static bool sip_digit(u8 c)
{
	return c >= '0' && c <= '9';
}

static bool sip_alpha(u8 c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool sip_alnum(u8 c)
{
	return sip_alpha(c) || sip_digit(c);
}

static bool sip_upper(u8 c)
{
	return c >= 'A' && c <= 'Z';
}

static u8 sip_lower(u8 c)
{
	return sip_upper(c) ? c - 'A' + 'a' : c;
}

/* SP or HTAB */
static bool sip_sp(u8 c)
{
	return c == ' ' || c == '\t';
}

/* White space inside a header value, folded line breaks included */
static bool sip_lws(u8 c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Control characters refused in header lines (HTAB is allowed) */
static bool sip_ctl(u8 c)
{
	return (c < 0x20 && c != '\t') || c == 0x7f;
}

/* RFC 3261 token */
static bool sip_tokenc(u8 c)
{
	if (sip_alnum(c))
		return true;
	switch (c) {
	case '-': case '.': case '!': case '%': case '*':
	case '_': case '+': case '`': case '\'': case '~':
		return true;
	}
	return false;
}

/* Host name characters ('_' is tolerated) */
static bool sip_hostc(u8 c)
{
	return sip_alnum(c) || c == '-' || c == '.' || c == '_';
}

/* s[0, n) equals lower-case @lit, ignoring case */
static bool sip_ieq(const char *s, unsigned int n, const char *lit)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (!lit[i] || sip_lower(s[i]) != (u8)lit[i])
			return false;
	return !lit[n];
}

/* s[0, n) starts with lower-case @lit, ignoring case */
static bool sip_iprefix(const char *s, unsigned int n, const char *lit)
{
	unsigned int i;

	for (i = 0; lit[i]; i++)
		if (i >= n || sip_lower(s[i]) != (u8)lit[i])
			return false;
	return true;
}

static unsigned int sip_skip_lws(const char *b, unsigned int p,
				 unsigned int e)
{
	while (p < e && sip_lws(b[p]))
		p++;
	return p;
}

static unsigned int sip_skip_token(const char *b, unsigned int p,
				   unsigned int e)
{
	while (p < e && sip_tokenc(b[p]))
		p++;
	return p;
}

static unsigned int sip_skip_host(const char *b, unsigned int p,
				  unsigned int e)
{
	while (p < e && sip_hostc(b[p]))
		p++;
	return p;
}

/* Index of the first @c in b[p, e), or e */
static unsigned int sip_find(const char *b, unsigned int p, unsigned int e,
			     char c)
{
	const char *r;

	if (p >= e)
		return e;
	r = memchr(b + p, c, e - p);
	return r ? r - b : e;
}

/*
 * Decimal digits at b[*pos, e): at least one, at most @maxdig (0: any
 * number).  The value saturates a little above 2^32, which every caller
 * refuses or clamps.
 */
static int sip_num(const char *b, unsigned int *pos, unsigned int e,
		   unsigned int maxdig, u64 *val)
{
	unsigned int p = *pos;
	u64 v = 0;

	while (p < e && sip_digit(b[p])) {
		if (maxdig && p - *pos == maxdig)
			return -EINVAL;
		if (v <= 0xffffffffULL)
			v = v * 10 + (b[p] - '0');
		p++;
	}
	if (p == *pos)
		return -EINVAL;
	*pos = p;
	*val = v;
	return 0;
}

/* All of b[s, e) is a decimal number; clamped to 2^31 - 1 */
static int sip_delta(const char *b, unsigned int s, unsigned int e, s32 *val)
{
	u64 v;

	if (sip_num(b, &s, e, 0, &v) || s != e)
		return -EINVAL;
	*val = v > SIP_S32_MAX ? SIP_S32_MAX : (s32)v;
	return 0;
}

/* A port of 1 to 5 digits at b[*pos, e), worth 1..65535 (or 0) */
static int sip_port(const char *b, unsigned int *pos, unsigned int e,
		    bool zero_ok, u16 *port)
{
	u64 v;

	if (sip_num(b, pos, e, 5, &v) || v > 65535 || (!v && !zero_ok))
		return -EINVAL;
	*port = v;
	return 0;
}

/* Skip the quoted string at b[*pos] (a '"'), escapes included */
static int sip_quoted(const char *b, unsigned int *pos, unsigned int e)
{
	unsigned int p = *pos + 1;

	while (p < e) {
		if (b[p] == '\\') {
			p += 2;
			continue;
		}
		if (b[p] == '"') {
			*pos = p + 1;
			return 0;
		}
		p++;
	}
	return -EINVAL;
}

/* Addresses */

/*
 * s[0, n), made of host name characters, is a host name: its last label
 * (the one before a trailing ".", in a fully qualified name) starts with
 * a letter.  Only that label is read, from its end.
 */
static bool sip_host_name(const char *s, unsigned int n)
{
	unsigned int i;

	if (n && s[n - 1] == '.')
		n--;
	for (i = n; i && s[i - 1] != '.'; i--)
		;
	return i < n && sip_alpha(s[i]);
}

/* All of b[s, e) is "[IPv6]" */
static int sip_ipv6_ref(const char *b, unsigned int s, unsigned int e,
			struct sip_host *h)
{
	if (e - s < 4 || b[s] != '[' || b[e - 1] != ']' ||
	    nfalg_inet_pton6(b + s + 1, e - s - 2, h->addr))
		return -EINVAL;
	h->family = NFALG_SIP_AF_INET6;
	h->bracket = 1;
	return 0;
}

/*
 * A host at b[*pos, e) followed by an optional ":port": "[IPv6]", a
 * dotted quad or a host name, as in URIs and Via sent-by.
 */
static int sip_hostport(const char *b, unsigned int *pos, unsigned int e,
			struct sip_host *h)
{
	unsigned int p = *pos;

	memset(h, 0, sizeof(*h));
	h->off = p;
	if (p < e && b[p] == '[') {
		p = sip_find(b, p, e, ']');
		if (p == e || sip_ipv6_ref(b, h->off, p + 1, h))
			return -EINVAL;
		p++;
	} else {
		/*
		 * A literal IPv4 address or a host name: anything else made
		 * of host name characters (a number, a bad dotted quad, a
		 * name whose last label starts with a digit) is an error.
		 * The IPv4 conversion gives up on a name at its first letter.
		 */
		p = sip_skip_host(b, p, e);
		if (!nfalg_inet_pton4(b + h->off, p - h->off, h->addr))
			h->family = NFALG_SIP_AF_INET;
		else if (sip_host_name(b + h->off, p - h->off))
			h->family = NFALG_SIP_AF_NAME;
		else
			return -EINVAL;
	}
	h->len = p - h->off;
	if (p < e && b[p] == ':') {
		h->port_off = ++p;
		if (sip_port(b, &p, e, false, &h->port))
			return -EINVAL;
		h->port_len = p - h->port_off;
	}
	*pos = p;
	return 0;
}

/*
 * All of b[s, e) is an address as in Via received= and SDP: IPv4, or with
 * @v6 IPv6 either bare or bracketed; a host name is accepted (and is
 * family NFALG_SIP_AF_NAME) only with @name_ok.
 */
static int sip_addr_text(const char *b, unsigned int s, unsigned int e,
			 bool v4, bool v6, bool name_ok, struct sip_host *h)
{
	memset(h, 0, sizeof(*h));
	h->off = s;
	h->len = e - s;
	if (s < e && b[s] == '[') {
		if (!v6)
			return -EINVAL;
		return sip_ipv6_ref(b, s, e, h);
	}
	if (!nfalg_inet_pton4(b + s, e - s, h->addr)) {
		h->family = NFALG_SIP_AF_INET;
		return v4 ? 0 : -EINVAL;
	}
	if (sip_find(b, s, e, ':') < e) {
		if (!v6 || nfalg_inet_pton6(b + s, e - s, h->addr))
			return -EINVAL;
		h->family = NFALG_SIP_AF_INET6;
		return 0;
	}
	if (!name_ok || sip_skip_host(b, s, e) != e ||
	    !sip_host_name(b + s, e - s))
		return -EINVAL;
	h->family = NFALG_SIP_AF_NAME;
	return 0;
}

/* Report a literal address; host names are not reported */
static int sip_report(struct sip_ctx *c, u8 where, const struct sip_host *h,
		      u8 media, u8 *index)
{
	struct nfalg_sip_msg *m = c->m;
	struct nfalg_sip_addr *a;

	if (index)
		*index = SIP_NONE;
	if (h->family == NFALG_SIP_AF_NAME)
		return 0;
	if (m->n_addrs >= NFALG_SIP_MAX_ADDRS)
		return -EINVAL;
	if (index)
		*index = m->n_addrs;
	a = &m->addrs[m->n_addrs++];
	a->where = where;
	a->family = h->family;
	a->bracket = h->bracket;
	a->media = media;
	memcpy(a->addr, h->addr, sizeof(a->addr));
	a->port = h->port;
	a->off = h->off;
	a->len = h->len;
	a->port_off = h->port_len ? h->port_off : 0;
	a->port_len = h->port_len;
	return 0;
}

/* Header values */

/*
 * A URI at b[s, e).  The host of a sip: or sips: URI is reported at
 * @where when it is a literal address; other schemes are only checked
 * for the shape "scheme:something".
 */
static int sip_uri(struct sip_ctx *c, unsigned int s, unsigned int e,
		   u8 where)
{
	const char *b = c->b;
	struct sip_host h;
	unsigned int p, at = e, n_at = 0;

	/* one pass for the characters no URI holds and for its "@" */
	for (p = s; p < e; p++) {
		switch (b[p]) {
		case ' ': case '\t': case '\r': case '\n':
		case '<': case '>': case '"':
			return -EINVAL;
		case '@':
			if (!n_at++)
				at = p;
			break;
		}
	}
	p = s;
	if (p >= e || !sip_alpha(b[p]))
		return -EINVAL;
	while (p < e && (sip_alnum(b[p]) || b[p] == '+' || b[p] == '-' ||
			 b[p] == '.'))
		p++;
	if (p >= e - 1 || b[p] != ':')
		return -EINVAL;
	if (!sip_ieq(b + s, p - s, "sip") && !sip_ieq(b + s, p - s, "sips"))
		return 0;
	p++;
	/*
	 * The scheme holds no '@': the first one comes after its ':'.  One
	 * '@' at most: no reader may find another host.
	 */
	if (at < e) {
		if (at == p || n_at > 1)
			return -EINVAL;
		p = at + 1;
	}
	if (sip_hostport(b, &p, e, &h))
		return -EINVAL;
	if (p < e && b[p] != ';' && b[p] != '?')
		return -EINVAL;
	return sip_report(c, where, &h, 0, NULL);
}

/*
 * The next parameter of b[*pos, e): SWS ";" SWS name [SWS "=" SWS value].
 * Return: 1 with @name and @val (len 0 when there is no value) set, 0 at
 * the end, -EINVAL on anything else.
 */
static int sip_param(const char *b, unsigned int *pos, unsigned int e,
		     struct sip_span *name, struct sip_span *val)
{
	unsigned int p = sip_skip_lws(b, *pos, e), q;

	if (p == e)
		return 0;
	if (b[p] != ';')
		return -EINVAL;
	p = sip_skip_lws(b, p + 1, e);
	name->off = p;
	p = sip_skip_token(b, p, e);
	name->len = p - name->off;
	if (!name->len)
		return -EINVAL;
	val->off = p;
	val->len = 0;
	q = sip_skip_lws(b, p, e);
	if (q < e && b[q] == '=') {
		q = sip_skip_lws(b, q + 1, e);
		val->off = q;
		if (q < e && b[q] == '"') {
			if (sip_quoted(b, &q, e))
				return -EINVAL;
		} else {
			while (q < e && !sip_lws(b[q]) && b[q] != ';' &&
			       b[q] != ',' && b[q] != '"' && b[q] != '<' &&
			       b[q] != '>')
				q++;
		}
		val->len = q - val->off;
		if (!val->len)
			return -EINVAL;
		p = q;
	}
	*pos = p;
	return 1;
}

/* Check the parameters b[p, e), remembering the first expires= */
static int sip_params(const char *b, unsigned int p, unsigned int e,
		      s32 *expires)
{
	struct sip_span n, v;
	int ret;

	while ((ret = sip_param(b, &p, e, &n, &v)) > 0) {
		if (expires && *expires < 0 &&
		    sip_ieq(b + n.off, n.len, "expires") &&
		    sip_delta(b, v.off, v.off + v.len, expires))
			return -EINVAL;
	}
	return ret;
}

/*
 * The next element of the comma-separated list b[*pos, e): commas inside
 * quoted strings and "<...>" do not count.  [*es, *ee) is the element
 * without surrounding white space; it may not be empty.
 * Return: 1 when a comma ends the element, 0 when the list does, -EINVAL.
 */
static int sip_elem(const char *b, unsigned int *pos, unsigned int e,
		    unsigned int *es, unsigned int *ee)
{
	unsigned int p = *pos, s, t;
	bool angle = false;

	/* only '"', ',', '<' and '>' matter here */
	while (p < e) {
		switch (b[p]) {
		case '"':
			if (angle)
				break;
			if (sip_quoted(b, &p, e))
				return -EINVAL;
			continue;
		case ',':
			if (!angle)
				goto end;
			break;
		case '<':
			if (angle)
				return -EINVAL;
			angle = true;
			break;
		case '>':
			if (!angle)
				return -EINVAL;
			angle = false;
			break;
		}
		p++;
	}
end:
	if (angle)
		return -EINVAL;
	s = sip_skip_lws(b, *pos, p);
	t = p;
	while (t > s && sip_lws(b[t - 1]))
		t--;
	if (s == t)
		return -EINVAL;
	*es = s;
	*ee = t;
	if (p == e) {
		*pos = e;
		return 0;
	}
	*pos = p + 1;
	return 1;
}

/*
 * One name-addr or addr-spec, b[s, e): its URI is reported at @where;
 * *ps is set to the start of the header parameters after it.
 */
static int sip_naddr(struct sip_ctx *c, unsigned int s, unsigned int e,
		     u8 where, unsigned int *ps)
{
	const char *b = c->b;
	unsigned int p = s, q, gt;

	while (p < e && b[p] != '<') {
		if (b[p] == '"') {
			if (sip_quoted(b, &p, e))
				return -EINVAL;
			continue;
		}
		p++;
	}
	if (p == e) {
		/* addr-spec: the URI ends at the parameters or white space */
		for (q = s; q < e && b[q] != ';' && !sip_lws(b[q]); q++)
			;
		*ps = q;
		return sip_uri(c, s, q, where);
	}

	/* display name: one quoted string, or words */
	q = s;
	if (b[q] == '"') {
		if (sip_quoted(b, &q, p))
			return -EINVAL;
		if (sip_skip_lws(b, q, p) != p)
			return -EINVAL;
	} else {
		for (; q < p; q++)
			if (!sip_tokenc(b[q]) && !sip_lws(b[q]) &&
			    (u8)b[q] < 0x80)
				return -EINVAL;
	}
	gt = sip_find(b, p + 1, e, '>');
	if (gt == e)
		return -EINVAL;
	*ps = gt + 1;
	return sip_uri(c, p + 1, gt, where);
}

/* From, To: exactly one name-addr or addr-spec */
static int sip_from_to(struct sip_ctx *c, unsigned int s, unsigned int e,
		       u8 where)
{
	unsigned int p = s, es, ee, ps;

	if (sip_elem(c->b, &p, e, &es, &ee))
		return -EINVAL;
	if (sip_naddr(c, es, ee, where, &ps))
		return -EINVAL;
	return sip_params(c->b, ps, ee, NULL);
}

/* Contact, Route, Record-Route: a list of name-addr or addr-spec */
static int sip_addr_list(struct sip_ctx *c, unsigned int s, unsigned int e,
			 u8 where)
{
	unsigned int p = s, es, ee, ps;
	bool first_contact;
	int more;

	do {
		more = sip_elem(c->b, &p, e, &es, &ee);
		if (more < 0)
			return more;
		first_contact = where == NFALG_SIP_AT_CONTACT &&
				!(c->seen & SIP_SEEN_CONTACT);
		if (where == NFALG_SIP_AT_CONTACT) {
			c->seen |= SIP_SEEN_CONTACT;
			if (ee - es == 1 && c->b[es] == '*') {
				/* "Contact: *" stands alone */
				if (es != sip_skip_lws(c->b, s, e) || more)
					return -EINVAL;
				continue;
			}
		}
		if (sip_naddr(c, es, ee, where, &ps))
			return -EINVAL;
		if (sip_params(c->b, ps, ee,
			       first_contact ? &c->contact_expires : NULL))
			return -EINVAL;
	} while (more);
	return 0;
}

/* Via: a list of sent-protocol LWS sent-by *( ;param ) */
static int sip_via(struct sip_ctx *c, unsigned int s, unsigned int e)
{
	static const char *const proto[] = { "sip", "2.0", NULL };
	const char *b = c->b;
	unsigned int p = s, es, ee, q, t, i;
	struct sip_span n, v;
	struct sip_host h;
	bool received;
	int more, ret;

	do {
		more = sip_elem(b, &p, e, &es, &ee);
		if (more < 0)
			return more;
		/* "SIP" / "2.0" / transport, white space around the '/' */
		q = es;
		for (i = 0; i < 3; i++) {
			t = q;
			q = sip_skip_token(b, q, ee);
			if (q == t)
				return -EINVAL;
			if (proto[i] && !sip_ieq(b + t, q - t, proto[i]))
				return -EINVAL;
			if (i == 2)
				break;
			q = sip_skip_lws(b, q, ee);
			if (q == ee || b[q] != '/')
				return -EINVAL;
			q = sip_skip_lws(b, q + 1, ee);
		}
		if (q == ee || !sip_lws(b[q]))
			return -EINVAL;
		q = sip_skip_lws(b, q, ee);
		if (sip_hostport(b, &q, ee, &h) ||
		    sip_report(c, NFALG_SIP_AT_VIA, &h, 0, NULL))
			return -EINVAL;

		received = false;
		while ((ret = sip_param(b, &q, ee, &n, &v)) > 0) {
			if (!sip_ieq(b + n.off, n.len, "received"))
				continue;
			if (received ||
			    sip_addr_text(b, v.off, v.off + v.len, true, true,
					  false, &h) ||
			    sip_report(c, NFALG_SIP_AT_VIA_RECEIVED, &h, 0,
				       NULL))
				return -EINVAL;
			received = true;
		}
		if (ret < 0)
			return ret;
		c->seen |= SIP_SEEN_VIA;
	} while (more);
	return 0;
}

/* A method token: 1 to SIP_METHOD_MAX upper-case letters */
static unsigned int sip_method_len(const char *b, unsigned int p,
				   unsigned int e)
{
	unsigned int q = p;

	while (q < e && q - p <= SIP_METHOD_MAX && sip_upper(b[q]))
		q++;
	return q - p > SIP_METHOD_MAX ? 0 : q - p;
}

static u8 sip_method_id(const char *s, unsigned int n)
{
	const struct sip_name *t;

	for (t = sip_methods; t->name; t++)
		if (sip_ieq(s, n, t->name))
			return t->id;
	return NFALG_SIP_M_OTHER;
}

/* CSeq: number LWS method */
static int sip_cseq(struct sip_ctx *c, unsigned int s, unsigned int e)
{
	struct nfalg_sip_msg *m = c->m;
	const char *b = c->b;
	unsigned int p = s, q, ml;
	u64 v;

	if (sip_num(b, &p, e, 10, &v) || v > SIP_S32_MAX)
		return -EINVAL;
	q = sip_skip_lws(b, p, e);
	if (q == p)
		return -EINVAL;
	ml = sip_method_len(b, q, e);
	if (!ml || q + ml != e)
		return -EINVAL;
	if (m->request && (ml != c->method.len ||
			   memcmp(b + q, b + c->method.off, ml)))
		return -EINVAL;
	m->cseq = v;
	m->cseq_method = sip_method_id(b + q, ml);
	return 0;
}

/* Call-ID: visible ASCII, no white space */
static int sip_call_id(struct sip_ctx *c, unsigned int s, unsigned int e)
{
	unsigned int p;

	if (s == e || e - s > SIP_CALLID_MAX)
		return -EINVAL;
	for (p = s; p < e; p++)
		if ((u8)c->b[p] <= ' ' || (u8)c->b[p] >= 0x7f)
			return -EINVAL;
	c->m->call_id_off = s;
	c->m->call_id_len = e - s;
	return 0;
}

static int sip_clen(struct sip_ctx *c, unsigned int s, unsigned int e)
{
	unsigned int p = s;
	u64 v;

	if (sip_num(c->b, &p, e, 10, &v) || p != e ||
	    v > NFALG_SIP_MAX_MSG)
		return -EINVAL;
	c->m->clen = v;
	c->m->clen_off = s;
	c->m->clen_len = e - s;
	return 0;
}

/* Content-Type: type SWS "/" SWS subtype *( ;param ) */
static int sip_ctype(struct sip_ctx *c, unsigned int s, unsigned int e)
{
	const char *b = c->b;
	unsigned int p, t, st;

	p = sip_skip_token(b, s, e);
	if (p == s)
		return -EINVAL;
	t = sip_skip_lws(b, p, e);
	if (t == e || b[t] != '/')
		return -EINVAL;
	st = sip_skip_lws(b, t + 1, e);
	t = sip_skip_token(b, st, e);
	if (t == st)
		return -EINVAL;
	c->ct_sdp = sip_ieq(b + s, p - s, "application") &&
		    sip_ieq(b + st, t - st, "sdp");
	return sip_params(b, t, e, NULL);
}

/*
 * The header named s[0, n), n >= 1: a one-letter name is a compact form
 * (no long name is that short); a longer one is compared in full only
 * with the names that start with its letter.
 */
static u8 sip_hdr_id(const char *s, unsigned int n)
{
	const struct sip_name *t;
	u8 first = sip_lower(s[0]);

	if (n == 1) {
		for (t = sip_hdrs; t->name; t++)
			if (first == (u8)t->compact)
				return t->id;
		return SIP_HDR_OTHER;
	}
	for (t = sip_hdrs; t->name; t++)
		if (first == (u8)t->name[0] && sip_ieq(s, n, t->name))
			return t->id;
	return SIP_HDR_OTHER;
}

/* Mark a header that may appear only once; false on a repeat */
static bool sip_once(struct sip_ctx *c, unsigned int bit)
{
	if (c->seen & bit)
		return false;
	c->seen |= bit;
	return true;
}

/* One header, b[s, e), folded lines included */
static int sip_header(struct sip_ctx *c, unsigned int s, unsigned int e)
{
	const char *b = c->b;
	unsigned int p, vs, ve;

	p = sip_skip_token(b, s, e);
	if (p == s)
		return -EINVAL;
	vs = p;
	while (vs < e && sip_sp(b[vs]))
		vs++;
	if (vs == e || b[vs] != ':')
		return -EINVAL;
	vs = sip_skip_lws(b, vs + 1, e);
	ve = e;
	while (ve > vs && sip_lws(b[ve - 1]))
		ve--;

	switch (sip_hdr_id(b + s, p - s)) {
	case SIP_HDR_VIA:
		return sip_via(c, vs, ve);
	case SIP_HDR_CONTACT:
		return sip_addr_list(c, vs, ve, NFALG_SIP_AT_CONTACT);
	case SIP_HDR_ROUTE:
		return sip_addr_list(c, vs, ve, NFALG_SIP_AT_ROUTE);
	case SIP_HDR_RROUTE:
		return sip_addr_list(c, vs, ve, NFALG_SIP_AT_RECORD_ROUTE);
	case SIP_HDR_FROM:
		if (!sip_once(c, SIP_SEEN_FROM))
			return -EINVAL;
		return sip_from_to(c, vs, ve, NFALG_SIP_AT_FROM);
	case SIP_HDR_TO:
		if (!sip_once(c, SIP_SEEN_TO))
			return -EINVAL;
		return sip_from_to(c, vs, ve, NFALG_SIP_AT_TO);
	case SIP_HDR_CALLID:
		if (!sip_once(c, SIP_SEEN_CALLID))
			return -EINVAL;
		return sip_call_id(c, vs, ve);
	case SIP_HDR_CSEQ:
		if (!sip_once(c, SIP_SEEN_CSEQ))
			return -EINVAL;
		return sip_cseq(c, vs, ve);
	case SIP_HDR_CLEN:
		if (!sip_once(c, SIP_SEEN_CLEN))
			return -EINVAL;
		return sip_clen(c, vs, ve);
	case SIP_HDR_CTYPE:
		if (!sip_once(c, SIP_SEEN_CTYPE))
			return -EINVAL;
		return sip_ctype(c, vs, ve);
	case SIP_HDR_EXPIRES:
		if (!sip_once(c, SIP_SEEN_EXPIRES))
			return -EINVAL;
		return sip_delta(b, vs, ve, &c->hdr_expires);
	}
	return 0;
}

/* Start line */

/*
 * The request line b[s, e): method SP uri SP "SIP/2.0", with @method and
 * @uri set to its parts.
 */
static int sip_request_line(const char *b, unsigned int s, unsigned int e,
			    struct sip_span *method, struct sip_span *uri)
{
	unsigned int ml = sip_method_len(b, s, e), us, ue;

	if (!ml || s + ml >= e || b[s + ml] != ' ')
		return -EINVAL;
	us = s + ml + 1;
	ue = sip_find(b, us, e, ' ');
	if (ue == us || e - ue != 8 || memcmp(b + ue, " SIP/2.0", 8))
		return -EINVAL;
	method->off = s;
	method->len = ml;
	uri->off = us;
	uri->len = ue - us;
	return 0;
}

static int sip_start_line(struct sip_ctx *c, unsigned int s, unsigned int e)
{
	struct nfalg_sip_msg *m = c->m;
	const char *b = c->b;
	struct sip_span uri;
	unsigned int i;

	if (e - s >= 8 && !memcmp(b + s, "SIP/2.0 ", 8)) {
		s += 8;
		if (e - s < 4 || b[s + 3] != ' ')
			return -EINVAL;
		for (i = 0; i < 3; i++) {
			if (!sip_digit(b[s + i]))
				return -EINVAL;
			m->status = m->status * 10 + (b[s + i] - '0');
		}
		if (m->status < 100 || m->status > 699)
			return -EINVAL;
		return 0;
	}
	if (sip_request_line(b, s, e, &c->method, &uri))
		return -EINVAL;
	m->request = 1;
	m->method = sip_method_id(b + s, c->method.len);
	return sip_uri(c, uri.off, uri.off + uri.len, NFALG_SIP_AT_RURI);
}

/*
 * The whole first line b[s, e) has the shape of a start line: it begins
 * with "SIP/2.0 " or is a request line (nfalg_sip_is_start()).
 */
static bool sip_start_shape(const char *b, unsigned int s, unsigned int e)
{
	struct sip_span method, uri;

	if (e - s >= 8 && !memcmp(b + s, "SIP/2.0 ", 8))
		return true;
	return !sip_request_line(b, s, e, &method, &uri);
}

/*
 * Whether the unfinished first line s[0, n) (no "\n" yet) may still
 * become a start line.
 */
static bool sip_start_prefix(const char *s, unsigned int n)
{
	struct sip_span method, uri;
	unsigned int i, ml;

	if (n && s[n - 1] == '\r') {
		/* only its "\n" is missing: the line is all there */
		n--;
		for (i = 0; i < n; i++)
			if (sip_ctl(s[i]))
				return false;
		if (n >= 8 && !memcmp(s, "SIP/2.0 ", 8))
			return true;
		return !sip_request_line(s, 0, n, &method, &uri);
	}
	for (i = 0; i < n; i++)
		if (sip_ctl(s[i]))
			return false;
	if (!memcmp(s, "SIP/2.0 ", n < 8 ? n : 8))
		return true;
	for (ml = 0; ml < n && sip_upper(s[ml]); ml++)
		if (ml == SIP_METHOD_MAX)
			return false;
	return ml == n || (ml && s[ml] == ' ');
}

/* SDP body */

/* Split b[s, e) at runs of SP/HTAB; returns the number of fields */
static unsigned int sip_fields(const char *b, unsigned int s, unsigned int e,
			       struct sip_span *f, unsigned int max)
{
	unsigned int n = 0, t;

	while (s < e) {
		if (sip_sp(b[s])) {
			s++;
			continue;
		}
		for (t = s; t < e && !sip_sp(b[t]); t++)
			;
		if (n < max) {
			f[n].off = s;
			f[n].len = t - s;
		}
		n++;
		s = t;
	}
	return n;
}

/*
 * "IN IP4 addr" / "IN IP6 addr" in f[0..2]: the address, or family
 * NFALG_SIP_AF_NAME for a host name or another network or address type.
 * With @conn, the address may be followed by "/ttl" and "/count" (IPv4)
 * or "/count" (IPv6), which are not part of the span.
 */
static int sip_sdp_addr(const char *b, const struct sip_span *f, bool conn,
			struct sip_host *h)
{
	unsigned int s = f[2].off, e = s + f[2].len, slash, p, n = 0;
	bool v6;
	u64 v;

	memset(h, 0, sizeof(*h));
	h->family = NFALG_SIP_AF_NAME;
	if (!sip_ieq(b + f[0].off, f[0].len, "in"))
		return 0;
	if (sip_ieq(b + f[1].off, f[1].len, "ip4"))
		v6 = false;
	else if (sip_ieq(b + f[1].off, f[1].len, "ip6"))
		v6 = true;
	else
		return 0;

	slash = sip_find(b, s, e, '/');
	if (slash < e) {
		if (!conn)
			return -EINVAL;
		for (p = slash; p < e; n++) {
			if (n == (v6 ? 1 : 2) || b[p] != '/')
				return -EINVAL;
			p++;
			if (sip_num(b, &p, e, 5, &v))
				return -EINVAL;
		}
	}
	return sip_addr_text(b, s, slash, !v6, v6, true, h);
}

static char sip_media_type(const char *s, unsigned int n)
{
	const struct sip_name *t;

	for (t = sip_media_types; t->name; t++)
		if (sip_ieq(s, n, t->name))
			return t->compact;
	return '?';
}

/* m=<media> <port>[/<count>] <proto> <fmt> ... */
static int sip_sdp_media(struct sip_ctx *c, unsigned int s, unsigned int e)
{
	struct nfalg_sip_msg *m = c->m;
	const char *b = c->b;
	struct nfalg_sip_media *md;
	struct sip_span f[3];
	unsigned int p, pe;
	u16 count = 1;

	if (sip_fields(b, s, e, f, 3) < 4 ||
	    m->n_media >= NFALG_SIP_MAX_MEDIA)
		return -EINVAL;
	md = &m->media[m->n_media++];
	md->type = sip_media_type(b + f[0].off, f[0].len);
	md->conn = SIP_NONE;

	p = f[1].off;
	pe = p + f[1].len;
	if (sip_port(b, &p, pe, true, &md->port))
		return -EINVAL;
	md->port_off = f[1].off;
	md->port_len = p - f[1].off;
	if (p < pe) {
		p++;
		if (b[p - 1] != '/' || sip_port(b, &p, pe, false, &count) ||
		    p != pe || md->port + count - 1 > 65535)
			return -EINVAL;
	}
	md->nports = count;
	md->tcp = sip_ieq(b + f[2].off, f[2].len, "tcp") ||
		  (f[2].len > 4 && sip_iprefix(b + f[2].off, f[2].len, "tcp/"));
	return 0;
}

/* a=rtcp:<port>[ <address>] */
static int sip_sdp_rtcp(const char *b, unsigned int s, unsigned int e,
			struct nfalg_sip_media *md)
{
	unsigned int p = s;

	if (md->rtcp_port_len || sip_port(b, &p, e, false, &md->rtcp_port))
		return -EINVAL;
	if (p < e && b[p] != ' ')
		return -EINVAL;
	md->rtcp_port_off = s;
	md->rtcp_port_len = p - s;
	return 0;
}

/*
 * The SDP line at b[p, e): *le at its "\n" (e for a last line without
 * one) and *ce at the end of its text (before "\r\n" or "\n"), found in
 * one pass; -EINVAL when it holds a NUL or a CR not followed by "\n".
 */
static int sip_sdp_line(const char *b, unsigned int p, unsigned int e,
			unsigned int *le, unsigned int *ce)
{
	unsigned int i;

	for (i = p; i < e; i++) {
		if ((u8)b[i] > '\r')
			continue;
		if (!b[i])
			return -EINVAL;
		if (b[i] == '\n') {
			*le = i;
			*ce = i;
			return 0;
		}
		if (b[i] == '\r') {
			if (i + 1 == e || b[i + 1] != '\n')
				return -EINVAL;
			*le = i + 1;
			*ce = i;
			return 0;
		}
	}
	*le = e;
	*ce = e;
	return 0;
}

/* The SDP body b[s, e) */
static int sip_sdp(struct sip_ctx *c, unsigned int s, unsigned int e)
{
	struct nfalg_sip_msg *m = c->m;
	const char *b = c->b;
	struct nfalg_sip_media *md = NULL;
	bool origin = false, sess_c = false, inactive = false;
	u8 sess_conn = SIP_NONE, own_c = 0, idx;
	unsigned int p = s, le, ce, v, i, nl = 0;
	struct sip_span f[6];
	struct sip_host h;

	while (p < e) {
		if (sip_sdp_line(b, p, e, &le, &ce) ||
		    ce - p < 2 || b[p] < 'a' || b[p] > 'z' || b[p + 1] != '=')
			return -EINVAL;
		v = p + 2;
		if (!nl++) {
			if (ce - p != 3 || b[p] != 'v' || b[v] != '0')
				return -EINVAL;
		} else if (b[p] == 'v') {
			return -EINVAL;
		} else if (b[p] == 'o') {
			if (origin || md ||
			    sip_fields(b, v, ce, f, 6) != 6 ||
			    sip_sdp_addr(b, f + 3, false, &h) ||
			    sip_report(c, NFALG_SIP_AT_SDP_ORIGIN, &h, 0, NULL))
				return -EINVAL;
			origin = true;
		} else if (b[p] == 'c') {
			u8 media = md ? m->n_media - 1 : SIP_NONE;

			if (md ? own_c & (1 << media) : sess_c)
				return -EINVAL;
			if (sip_fields(b, v, ce, f, 3) != 3 ||
			    sip_sdp_addr(b, f, true, &h) ||
			    sip_report(c, NFALG_SIP_AT_SDP_CONN, &h, media,
				       &idx))
				return -EINVAL;
			if (md) {
				own_c |= 1 << media;
				md->conn = idx;
			} else {
				sess_c = true;
				sess_conn = idx;
			}
		} else if (b[p] == 'm') {
			if (sip_sdp_media(c, v, ce))
				return -EINVAL;
			md = &m->media[m->n_media - 1];
		} else if (b[p] == 'a') {
			if (ce - v == 8 && !memcmp(b + v, "inactive", 8)) {
				if (md)
					md->inactive = 1;
				else
					inactive = true;
			} else if (md && ce - v == 8 &&
				   !memcmp(b + v, "rtcp-mux", 8)) {
				md->rtcp_mux = 1;
			} else if (md && ce - v >= 5 &&
				   !memcmp(b + v, "rtcp:", 5)) {
				if (sip_sdp_rtcp(b, v + 5, ce, md))
					return -EINVAL;
			}
		}
		p = le < e ? le + 1 : e;
	}

	for (i = 0; i < m->n_media; i++) {
		if (!(own_c & (1 << i)))
			m->media[i].conn = sess_conn;
		if (inactive)
			m->media[i].inactive = 1;
	}
	m->sdp = 1;
	return 0;
}

/* Framing */

static int sip_reset(struct nfalg_sip_msg *m, int ret)
{
	memset(m, 0, sizeof(*m));
	m->expires = -1;
	m->clen = -1;
	return ret;
}

/*
 * The line at b[p, win): 0 with *eol at its "\n" and *ce at the end of
 * its text (before "\r\n" or "\n"); 1 when its "\n" is not within the
 * window yet; -EINVAL when it holds a control character other than HTAB
 * (a CR not followed by the "\n" included).
 *
 * One pass finds the end and checks the bytes: the first control
 * character is either the line's end or an error.  A CR as the window's
 * last byte may be the first half of a "\r\n" still to come.
 */
static int sip_line(const char *b, unsigned int p, unsigned int win,
		    unsigned int *eol, unsigned int *ce)
{
	unsigned int i;
	u8 ch;

	for (i = p; i < win; i++) {
		ch = b[i];
		/* printable ASCII, the common case, in one comparison */
		if ((u8)(ch - ' ') <= '~' - ' ' || ch >= 0x80 || ch == '\t')
			continue;
		if (ch == '\n') {
			*eol = i;
			*ce = i;
			return 0;
		}
		if (ch != '\r')
			return -EINVAL;
		if (i + 1 == win)
			return 1;
		if (b[i + 1] != '\n')
			return -EINVAL;
		*eol = i + 1;
		*ce = i;
		return 0;
	}
	return 1;
}

/*
 * The start line of the message in buf[0, win): leading "\r\n" keepalives
 * skipped, *@p its start, *@ce the end of its text, *@eol its "\n".
 * Return: 0, 1 when more bytes are needed (what is there may still start a
 * message), -EINVAL.
 */
static int sip_first_line(const char *buf, unsigned int win, unsigned int *p,
			  unsigned int *eol, unsigned int *ce)
{
	unsigned int q = 0;
	int ret;

	while (win - q >= 2 && buf[q] == '\r' && buf[q + 1] == '\n')
		q += 2;
	*p = q;
	if (q == win || (win - q == 1 && buf[q] == '\r'))
		return 1;
	ret = sip_line(buf, q, win, eol, ce);
	if (ret < 0)
		return -EINVAL;
	if (ret)
		return sip_start_prefix(buf + q, win - q) ? 1 : -EINVAL;
	return 0;
}

/*
 * The header at *@p of buf[0, win), folded lines (starting with SP or
 * HTAB) included: [*@hs, *@he) its text, *@p moved to the next line.
 * Return: 1 a header, 0 the empty line ending the headers (*@eol its
 * "\n"), 2 when more bytes are needed (a header is not over until the
 * next line's first byte has come), -EINVAL.
 */
static inline int sip_next_header(const char *buf, unsigned int win,
				  unsigned int *p, unsigned int *hs,
				  unsigned int *he, unsigned int *eol)
{
	unsigned int ce, next;
	int ret;

	ret = sip_line(buf, *p, win, eol, &ce);
	if (ret)
		return ret < 0 ? -EINVAL : 2;
	if (ce == *p)
		return 0;
	/* a continuation line with no header to continue */
	if (sip_sp(buf[*p]))
		return -EINVAL;
	*hs = *p;
	*he = ce;
	next = *eol + 1;
	/* the header goes on while lines start with SP or HTAB */
	for (;;) {
		if (next >= win)
			return 2;
		if (!sip_sp(buf[next]))
			break;
		ret = sip_line(buf, next, win, eol, &ce);
		if (ret)
			return ret < 0 ? -EINVAL : 2;
		*he = ce;
		next = *eol + 1;
	}
	*p = next;
	return 1;
}

int nfalg_sip_parse(const char *buf, unsigned int len,
		    struct nfalg_sip_msg *out)
{
	unsigned int win, p, eol, ce, hs, he, body, end;
	struct sip_ctx c;
	int ret;

	sip_reset(out, 0);
	memset(&c, 0, sizeof(c));
	c.b = buf;
	c.m = out;
	c.hdr_expires = -1;
	c.contact_expires = -1;
	win = len < NFALG_SIP_MAX_MSG ? len : NFALG_SIP_MAX_MSG;

	ret = sip_first_line(buf, win, &p, &eol, &ce);
	if (ret < 0)
		goto bad;
	if (ret)
		goto more;
	if (sip_start_line(&c, p, ce))
		goto bad;
	p = eol + 1;

	while ((ret = sip_next_header(buf, win, &p, &hs, &he, &eol)) == 1)
		if (sip_header(&c, hs, he))
			goto bad;
	if (ret < 0)
		goto bad;
	if (ret)
		goto more;

	body = eol + 1;
	if ((c.seen & SIP_SEEN_NEEDED) != SIP_SEEN_NEEDED)
		goto bad;
	if (out->clen >= 0) {
		end = body + out->clen;
		if (end > NFALG_SIP_MAX_MSG)
			return sip_reset(out, -EMSGSIZE);
		if (end > len)
			return sip_reset(out, 0);
	} else {
		if (len > NFALG_SIP_MAX_MSG)
			return sip_reset(out, -EMSGSIZE);
		end = len;
	}
	if (c.ct_sdp && end > body && sip_sdp(&c, body, end))
		goto bad;

	if (!out->request)
		out->method = out->cseq_method;
	out->expires = c.hdr_expires >= 0 ? c.hdr_expires : c.contact_expires;
	out->body_off = body;
	out->msg_len = end;
	return end;

more:
	return sip_reset(out, win >= NFALG_SIP_MAX_MSG ? -EMSGSIZE : 0);
bad:
	return sip_reset(out, -EINVAL);
}

bool nfalg_sip_is_start(const char *buf, unsigned int len)
{
	unsigned int win, p = 0, e, t;
	int ret;

	win = len < NFALG_SIP_MAX_MSG ? len : NFALG_SIP_MAX_MSG;
	while (win - p >= 2 && buf[p] == '\r' && buf[p + 1] == '\n')
		p += 2;
	if (p == win)
		return win < NFALG_SIP_MAX_MSG;
	if (win - p == 1 && buf[p] == '\r')
		return true;

	ret = sip_line(buf, p, win, &e, &t);
	if (ret < 0)
		return false;
	if (ret)
		return win < NFALG_SIP_MAX_MSG &&
		       sip_start_prefix(buf + p, win - p);
	return sip_start_shape(buf, p, t);
}

/*
 * The header b[s, e) (folded lines included) as framing reads it: 1 with
 * *clen set for a Content-Length (l) with a valid value, 0 for any other
 * header (not checked further), -EINVAL for a Content-Length name not
 * followed by ":" or a value that is not 1 to 10 decimal digits worth at
 * most NFALG_SIP_FRAME_MAX_CLEN.  Names are matched as sip_header() and
 * sip_hdr_id() match them, the value is read as sip_clen() reads it.
 */
static int sip_frame_header(const char *b, unsigned int s, unsigned int e,
			    unsigned int *clen)
{
	unsigned int p;
	u64 v;

	switch (b[s]) {
	case 'l':
	case 'L':
		p = s + 1;
		break;
	case 'c':
	case 'C':
		if (!sip_iprefix(b + s, e - s, "content-length"))
			return 0;
		p = s + 14;
		break;
	default:
		return 0;
	}
	/* a longer token is another header ("l-x", "Content-Lengths") */
	if (sip_skip_token(b, p, e) != p)
		return 0;
	while (p < e && sip_sp(b[p]))
		p++;
	if (p == e || b[p] != ':')
		return -EINVAL;
	p = sip_skip_lws(b, p + 1, e);
	while (e > p && sip_lws(b[e - 1]))
		e--;
	if (sip_num(b, &p, e, 10, &v) || p != e ||
	    v > NFALG_SIP_FRAME_MAX_CLEN)
		return -EINVAL;
	*clen = v;
	return 1;
}

/*
 * The start line and header steps are nfalg_sip_parse()'s
 * (sip_first_line(), sip_next_header()), so that both find the same end
 * of headers (or both wait for more bytes), and the same Content-Length.
 */
int nfalg_sip_frame(const char *buf, unsigned int len)
{
	unsigned int win, p, eol, ce, hs, he, clen = 0;
	bool has_clen = false;
	int ret;

	win = len < NFALG_SIP_MAX_MSG ? len : NFALG_SIP_MAX_MSG;

	ret = sip_first_line(buf, win, &p, &eol, &ce);
	if (ret < 0)
		return -EINVAL;
	if (ret)
		goto more;
	if (!sip_start_shape(buf, p, ce))
		return -EINVAL;
	p = eol + 1;

	while ((ret = sip_next_header(buf, win, &p, &hs, &he, &eol)) == 1) {
		ret = sip_frame_header(buf, hs, he, &clen);
		if (ret < 0 || (ret && has_clen))
			return -EINVAL;
		if (ret)
			has_clen = true;
	}
	if (ret < 0)
		return -EINVAL;
	if (ret)
		goto more;
	return eol + 1 + clen;

more:
	return win < NFALG_SIP_MAX_MSG ? 0 : -EINVAL;
}

/* Formatter */

/* Bounded writer; n counts what would have been written */
struct sip_fmt {
	char b[NFALG_SIP_FMT_MAX];
	unsigned int n;
};

static void sip_putc(struct sip_fmt *f, char ch)
{
	if (f->n < sizeof(f->b))
		f->b[f->n] = ch;
	f->n++;
}

static void sip_putdec(struct sip_fmt *f, unsigned int v)
{
	char d[10];
	unsigned int i = 0;

	do {
		d[i++] = '0' + v % 10;
		v /= 10;
	} while (v);
	while (i)
		sip_putc(f, d[--i]);
}

/* An address as text (IPv6 in RFC 5952 form) */
static void sip_putaddr(struct sip_fmt *f, bool v6, const u8 *a)
{
	char t[NFALG_INET_TEXT_MAX];
	unsigned int n, i;

	n = nfalg_inet_ntop(t, v6, a);
	for (i = 0; i < n; i++)
		sip_putc(f, t[i]);
}

int nfalg_sip_format_host(char *dst, unsigned int dstlen, u8 family,
			  const u8 *addr, bool bracket, u16 port)
{
	struct sip_fmt f;

	f.n = 0;
	if (!addr)
		return -EINVAL;
	if (family == NFALG_SIP_AF_INET) {
		sip_putaddr(&f, false, addr);
	} else if (family == NFALG_SIP_AF_INET6) {
		if (bracket)
			sip_putc(&f, '[');
		sip_putaddr(&f, true, addr);
		if (bracket)
			sip_putc(&f, ']');
	} else {
		return -EINVAL;
	}
	if (port) {
		sip_putc(&f, ':');
		sip_putdec(&f, port);
	}
	if (f.n >= sizeof(f.b) || f.n >= dstlen)
		return -ENOSPC;
	memcpy(dst, f.b, f.n);
	dst[f.n] = '\0';
	return f.n;
}
