// SPDX-License-Identifier: GPL-2.0
/*
 * nfalg SIP ALG (nfalg_sip.ko): conntrack helper "nfalg-sip", UDP 5060.
 *
 * Every datagram of a SIP signalling conversation is parsed whole (up to
 * NFALG_DGRAM_MAX bytes, several messages in one datagram included) by the
 * pure parser (sip_parse.c).  For each message:
 *  - NAT: an address of the Request-URI, Via (sent-by and received=),
 *    Contact, From, To, Route and Record-Route that is the packet's own
 *    source (or destination) address and port before translation is
 *    replaced by what the other side sees (or by the real destination);
 *    so are SDP o= and c= addresses (address only), and the m= and
 *    a=rtcp: ports of the media pinholes when NAT moved them;
 *    Content-Length follows the body's new length.
 *  - Media: an SDP body of an INVITE, ACK, PRACK or UPDATE, or of a
 *    provisional or success response to one, opens for each m= line
 *    (not disabled with port 0, not on hold with c= 0.0.0.0 or ::, not
 *    a=inactive, RTP over UDP) a pinhole for its RTP port and one for its
 *    RTCP port (port + 1, a=rtcp:, none with a=rtcp-mux), from the
 *    signalling peer (any source with media_any_source) to the address
 *    the sender announced, which the core accepts only if it is the
 *    sender's own (no third-party media) and the port is not below 1024.
 *    The pinholes are children of the signalling conversation and are
 *    remembered per dialog (Call-ID): new media of the same side of a
 *    dialog (re-INVITE) closes its old ones, and the dialog's end (BYE,
 *    CANCEL, a final error to its first INVITE) closes all of them.
 *  - Registration: a REGISTER opens a pinhole from the registrar toward
 *    each Contact on the sender's own address (SIP over UDP, the sender's
 *    ALG on the calls it admits), for the transaction's time; the
 *    registrar's success response keeps it open for the expiry it grants
 *    (at most registration_max) and keeps the signalling conversation
 *    alive as long, a final error before any success closes it, expiry
 *    0 removes it.  Calls then reach the registered phone behind NAPT.
 * A message that does not parse passes unchanged and opens nothing; it is
 * counted (sip_unparsed) and logged once per conversation.  See
 * Documentation/algs/sip.md.
 */

#include <linux/jhash.h>
#include <linux/module.h>
#include <linux/percpu.h>
#include <linux/sort.h>
#include <net/netfilter/nf_conntrack.h>

#include <linux/nfalg.h>
#include <nfalg/alg.h>
#include <nfalg/version.h>

#include "sip_parse.h"

static unsigned int media_timeout = 300;
module_param(media_timeout, uint, 0444);
MODULE_PARM_DESC(media_timeout, "seconds a media pinhole waits for its first packet (default 300)");

static unsigned int max_dialogs = 16;
module_param(max_dialogs, uint, 0444);
MODULE_PARM_DESC(max_dialogs, "dialogs with media one signalling conversation may have at once, 1-32 (default 16)");

static unsigned int media_port_min = 5004;
module_param(media_port_min, uint, 0644);
MODULE_PARM_DESC(media_port_min, "lowest port a media pinhole may open (default 5004, RTP's own; never below 1024)");

static unsigned int media_port_max = 65535;
module_param(media_port_max, uint, 0644);
MODULE_PARM_DESC(media_port_max, "highest port a media pinhole may open (default 65535)");

static bool media_any_source;
module_param(media_any_source, bool, 0644);
MODULE_PARM_DESC(media_any_source, "media pinholes accept any source address, not only the signalling peer's (media relays; default off)");

static unsigned int registration_max = 43200;
module_param(registration_max, uint, 0644);
MODULE_PARM_DESC(registration_max, "seconds a registration keeps its pinhole toward the phone at most, 60-86400 (default 43200, 12 hours)");

/* Media pinholes one dialog may have at once (both sides together) */
#define SIP_DIALOG_PINHOLES	8
#define SIP_MAX_DIALOGS		32
/* Pinholes of one conversation at once */
#define SIP_MAX_PINHOLES	64
/* Rewrites of one datagram */
#define SIP_MAX_EDITS		96
/* Seconds a REGISTER's pinhole waits for the answer (Timer F, 64 x T1) */
#define SIP_REG_PENDING		32
/* A registration's expiry when the registrar names none (RFC 3261 10.2.1.1) */
#define SIP_REG_DEFAULT		3600

/* nfalg_ctx.priv[0] bits */
#define SIP_PRIV_LOGGED		BIT(0)	/* an unparsed message was logged */
#define SIP_PRIV_LOGGED_PORT	BIT(1)	/* a media port refusal was logged */

/**
 * struct sip_pinhole - a media pinhole a dialog opened
 * @port: the port announced
 * @nat_port: the port the peer was told (nfalg_pinhole.nat_port)
 * @dir: the direction of the message that announced it
 * @stale: not (yet) announced again by the side's latest SDP
 */
struct sip_pinhole {
	u16 port;
	u16 nat_port;
	u8 dir;
	u8 stale;
};

/**
 * struct sip_dialog - media of one dialog, or one registration
 * @id: hash of its Call-ID, never 0; 0: the slot is free
 * @answered: a success response to its INVITE was seen
 * @reg: a registration: @ph are pinholes toward its Contacts
 * @bound: a success response granted the registration
 * @n: entries used in @ph
 * @until: when the registration ends (jiffies): the grant's end, or
 *	before it the REGISTER transaction's
 * @ph: its pinholes
 */
struct sip_dialog {
	u32 id;
	u8 answered;
	u8 reg;
	u8 bound;
	u8 n;
	u32 until;
	struct sip_pinhole ph[SIP_DIALOG_PINHOLES];
};

struct sip_edit {
	u16 off;
	u16 len;
	u8 tlen;
	char text[NFALG_SIP_FMT_MAX];
};

/* Per-CPU scratch: the helper runs with BHs off */
struct sip_scratch {
	struct nfalg_sip_msg msg;
	unsigned int n_ed;
	struct sip_edit ed[SIP_MAX_EDITS];
};

/* allocated at load: modules' static per-CPU space is small */
static struct sip_scratch __percpu *sip_scratch;

static u8 sip_family(const struct nf_conn *ct)
{
	return nf_ct_l3num(ct) == NFPROTO_IPV4 ? NFALG_SIP_AF_INET :
						 NFALG_SIP_AF_INET6;
}

static unsigned int sip_alen(u8 family)
{
	return family == NFALG_SIP_AF_INET ? 4 : 16;
}

static bool sip_addr_eq(const u8 *a, u8 family,
			const union nf_inet_addr *b)
{
	return !memcmp(a, b, sip_alen(family));
}

static bool sip_addr_unspec(const u8 *a, u8 family)
{
	static const u8 zero[16];

	return !memcmp(a, zero, sip_alen(family));
}

/* Queue a rewrite of [@off, @off + @len) with @text; false when full */
static bool sip_edit(struct sip_scratch *sc, unsigned int off,
		     unsigned int len, const char *text, int tlen)
{
	struct sip_edit *e;

	if (tlen < 0 || sc->n_ed >= SIP_MAX_EDITS)
		return false;
	e = &sc->ed[sc->n_ed++];
	e->off = off;
	e->len = len;
	e->tlen = tlen;
	memcpy(e->text, text, tlen);
	return true;
}

/* Decimal text of @v */
static int sip_fmt_uint(char *dst, unsigned int v)
{
	char tmp[10];
	int n = 0, i;

	do {
		tmp[n++] = '0' + v % 10;
		v /= 10;
	} while (v);
	for (i = 0; i < n; i++)
		dst[i] = tmp[n - 1 - i];
	return n;
}

/* Queue new digits at @off (@len digits there now): a port, a length */
static bool sip_edit_num(struct sip_scratch *sc, unsigned int off,
			 unsigned int len, unsigned int v)
{
	char text[10];

	return sip_edit(sc, off, len, text, sip_fmt_uint(text, v));
}

/*
 * What an address of the message becomes under the conversation's NAT:
 * the packet's own source (before translation) becomes the source the
 * peer sees, its destination as the sender knows it becomes the real
 * destination; without @with_port the address alone is compared.  Return
 * false when it is neither (or nothing changes).
 */
static bool sip_nat_map(const struct nfalg_ctx *ctx, const u8 *addr,
			u16 port, bool with_port, union nf_inet_addr *naddr,
			u16 *nport)
{
	const struct nf_conntrack_tuple *snd =
		&ctx->ct->tuplehash[ctx->dir].tuple;
	const struct nf_conntrack_tuple *rcv =
		&ctx->ct->tuplehash[!ctx->dir].tuple;
	u8 family = sip_family(ctx->ct);

	if (sip_addr_eq(addr, family, &snd->src.u3) &&
	    (!with_port || port == ntohs(snd->src.u.all))) {
		*naddr = rcv->dst.u3;
		*nport = ntohs(rcv->dst.u.all);
	} else if (sip_addr_eq(addr, family, &snd->dst.u3) &&
		   (!with_port || port == ntohs(snd->dst.u.all))) {
		*naddr = rcv->src.u3;
		*nport = ntohs(rcv->src.u.all);
	} else {
		return false;
	}
	return !sip_addr_eq(addr, family, naddr) ||
	       (with_port && port != *nport);
}

/*
 * Queue the rewrite of the address @a (of the message at @base) into
 * @naddr, and with @with_port its port into @nport
 */
static bool sip_edit_addr(struct sip_scratch *sc, unsigned int base,
			  const struct nfalg_sip_addr *a, u8 family,
			  const union nf_inet_addr *naddr, u16 nport,
			  bool with_port)
{
	char text[NFALG_SIP_FMT_MAX];
	bool add_port;
	int n;

	/*
	 * The host, and after it the port when none is written but the new
	 * one is not the default
	 */
	add_port = with_port && !a->port_len && nport != NFALG_SIP_PORT;
	if (add_port || !sip_addr_eq(a->addr, family, naddr)) {
		n = nfalg_sip_format_host(text, sizeof(text), family,
					  (const u8 *)naddr, a->bracket,
					  add_port ? nport : 0);
		if (!sip_edit(sc, base + a->off, a->len, text, n))
			return false;
	}
	return !with_port || !a->port_len || a->port == nport ||
	       sip_edit_num(sc, base + a->port_off, a->port_len, nport);
}

/* Queue the NAT rewrites of the message's addresses at @base */
static bool sip_nat_addrs(const struct nfalg_ctx *ctx, struct sip_scratch *sc,
			  unsigned int base)
{
	const struct nfalg_sip_msg *msg = &sc->msg;
	bool tcp = nf_ct_protonum(ctx->ct) == IPPROTO_TCP;
	u8 family = sip_family(ctx->ct);
	union nf_inet_addr naddr;
	unsigned int i;
	bool sdp, with_port, mapped;
	u16 port, nport;

	for (i = 0; i < msg->n_addrs; i++) {
		const struct nfalg_sip_addr *a = &msg->addrs[i];

		if (a->family != family)
			continue;
		sdp = a->where == NFALG_SIP_AT_SDP_ORIGIN ||
		      a->where == NFALG_SIP_AT_SDP_CONN;
		with_port = !sdp && a->where != NFALG_SIP_AT_VIA_RECEIVED;
		port = a->port ? a->port : NFALG_SIP_PORT;
		mapped = sip_nat_map(ctx, a->addr, port, with_port, &naddr,
				     &nport);
		/*
		 * Over TCP a side's own address comes with the port it
		 * listens on, not the connection's: the address alone is
		 * translated then
		 */
		if (!mapped && with_port && tcp) {
			with_port = false;
			mapped = sip_nat_map(ctx, a->addr, port, false, &naddr,
					     &nport);
		}
		if (mapped && !sip_edit_addr(sc, base, a, family, &naddr,
					     nport, with_port))
			return false;
	}
	return true;
}

static struct sip_dialog *sip_dialog_find(struct nfalg_ctx *ctx, u32 id,
					  bool create)
{
	struct sip_dialog *d = ctx->state, *free = NULL;
	unsigned int i;

	if (!d)
		return NULL;
	for (i = 0; i < max_dialogs; i++) {
		if (d[i].id == id)
			return &d[i];
		if (!d[i].id && !free)
			free = &d[i];
	}
	if (!create)
		return NULL;
	if (!free) {
		nfalg_alg_count(ctx->ct, NFALG_A_CNT_SIP_DIALOG_CAP);
		return NULL;
	}
	memset(free, 0, sizeof(*free));
	free->id = id;
	return free;
}

/*
 * Close the pinholes of @d: all of them (@stale false), or those marked
 * stale (media a new SDP of their side no longer announces)
 */
static void sip_dialog_close(struct nfalg_ctx *ctx, struct sip_dialog *d,
			     bool stale)
{
	unsigned int i, j = 0;

	for (i = 0; i < d->n; i++) {
		if (stale && !d->ph[i].stale) {
			d->ph[j++] = d->ph[i];
			continue;
		}
		if (nfalg_pinhole_close(ctx, d->ph[i].dir, IPPROTO_UDP,
					d->ph[i].nat_port))
			nfalg_alg_count(ctx->ct, NFALG_A_CNT_SIP_MEDIA_CLOSED);
	}
	d->n = j;
}

/* Jiffies until @d's registration ends, <= 0 once it has */
static s32 sip_until(const struct sip_dialog *d)
{
	return (s32)(d->until - (u32)jiffies);
}

/* Seconds a registration's pinhole keeps at least, the grant's left */
static unsigned int sip_reg_left(const struct sip_dialog *d)
{
	s32 left = sip_until(d);

	if (!d->bound || left <= 0)
		return SIP_REG_PENDING;
	return max_t(unsigned int, DIV_ROUND_UP(left, HZ), SIP_REG_PENDING);
}

/*
 * Open one pinhole of @d toward @port of @addr (a media port, or with
 * @d->reg a registered Contact); its port as the peer must use it, or 0
 */
static u16 sip_pinhole(struct nfalg_ctx *ctx, struct sip_dialog *d,
		       const u8 *addr, u16 port, union nf_inet_addr *nat_addr)
{
	const struct nf_conntrack_tuple *snd =
		&ctx->ct->tuplehash[ctx->dir].tuple;
	struct nfalg_pinhole ph;
	u8 *priv = ctx->priv;
	unsigned int i;

	/* announced again (a retransmission, a re-offer): kept as it is */
	for (i = 0; i < d->n; i++) {
		if (d->ph[i].dir != ctx->dir || d->ph[i].port != port)
			continue;
		/*
		 * A registration's again at least for the transaction, unless
		 * it expired meanwhile (a phone registering anew late): then
		 * it is opened again below
		 */
		if (d->reg && !nfalg_pinhole_retime(ctx, ctx->dir, IPPROTO_UDP,
						    d->ph[i].nat_port,
						    sip_reg_left(d))) {
			d->ph[i] = d->ph[--d->n];
			break;
		}
		d->ph[i].stale = 0;
		*nat_addr = ctx->ct->tuplehash[!ctx->dir].tuple.dst.u3;
		return d->ph[i].nat_port;
	}

	if (!d->reg && (port < max(READ_ONCE(media_port_min), 1024U) ||
			port > READ_ONCE(media_port_max))) {
		/* NAT Slipstreaming: an offer aimed at a service's port */
		nfalg_alg_count(ctx->ct, NFALG_A_CNT_SIP_MEDIA_PORT);
		if (!(*priv & SIP_PRIV_LOGGED_PORT)) {
			*priv |= SIP_PRIV_LOGGED_PORT;
			net_info_ratelimited("nfalg-sip: media pinhole refused: port %u outside %u-%u\n",
					     port, READ_ONCE(media_port_min),
					     READ_ONCE(media_port_max));
		}
		return 0;
	}
	if (d->n >= SIP_DIALOG_PINHOLES) {
		nfalg_alg_count(ctx->ct, NFALG_A_CNT_CAP);
		return 0;
	}
	memset(&ph, 0, sizeof(ph));
	memcpy(&ph.addr, addr, sip_alen(sip_family(ctx->ct)));
	ph.port = port;
	ph.l4proto = IPPROTO_UDP;
	if (d->reg) {
		/*
		 * Toward the phone's signalling port: every call of the
		 * registration from the registrar, parsed as this one is;
		 * the sender's own port keeps the port NAT gave it
		 */
		if (sip_addr_eq(addr, sip_family(ctx->ct), &snd->src.u3) &&
		    port == ntohs(snd->src.u.all))
			ph.port = 0;
		ph.keep = true;
		ph.same_alg = true;
		ph.timeout = SIP_REG_PENDING;
	} else {
		ph.any_src = READ_ONCE(media_any_source);
	}
	if (nfalg_pinhole_open(ctx, &ph))
		return 0;
	*nat_addr = ph.nat_addr;
	d->ph[d->n].port = port;
	d->ph[d->n].nat_port = ph.nat_port;
	d->ph[d->n].dir = ctx->dir;
	d->ph[d->n].stale = 0;
	d->n++;
	return ph.nat_port;
}

/* The media of the message's SDP body: pinholes, and their ports' rewrites */
static bool sip_media(struct nfalg_ctx *ctx, struct sip_scratch *sc,
		      unsigned int base, u32 id)
{
	const struct nfalg_sip_msg *msg = &sc->msg;
	u8 family = sip_family(ctx->ct);
	union nf_inet_addr naddr;
	struct sip_dialog *d;
	unsigned int i;
	bool ok = true;
	u16 rtp, rtcp;

	/*
	 * This SDP replaces what its side announced before: what it no
	 * longer announces is closed at the end (a re-INVITE moving the
	 * media, a hold)
	 */
	d = sip_dialog_find(ctx, id, false);
	if (d && d->reg)
		return true;	/* a registration's Call-ID: no media */
	if (d)
		for (i = 0; i < d->n; i++)
			if (d->ph[i].dir == ctx->dir)
				d->ph[i].stale = 1;

	for (i = 0; i < msg->n_media; i++) {
		const struct nfalg_sip_media *m = &msg->media[i];
		const struct nfalg_sip_addr *c;

		if (!m->port || m->inactive || m->tcp || m->conn >= msg->n_addrs)
			continue;
		c = &msg->addrs[m->conn];
		if (c->family != family || sip_addr_unspec(c->addr, family))
			continue;	/* on hold, or not ours to translate */
		if (!d) {
			d = sip_dialog_find(ctx, id, true);
			if (!d)
				return true;
		}
		rtp = sip_pinhole(ctx, d, c->addr, m->port, &naddr);
		if (!rtp)
			continue;
		if (rtp != m->port &&
		    !sip_edit_num(sc, base + m->port_off, m->port_len, rtp)) {
			ok = false;
			break;
		}
		if (m->rtcp_mux)
			continue;
		if (m->rtcp_port) {
			rtcp = sip_pinhole(ctx, d, c->addr, m->rtcp_port,
					   &naddr);
			if (rtcp && rtcp != m->rtcp_port &&
			    !sip_edit_num(sc, base + m->rtcp_port_off,
					   m->rtcp_port_len, rtcp)) {
				ok = false;
				break;
			}
		} else if (m->port < 65535) {
			/*
			 * The peer sends RTCP to the port after RTP's: if NAT
			 * had to move them apart, RTCP is lost (a limit, see
			 * Documentation/algs/sip.md); RTP still flows.
			 */
			sip_pinhole(ctx, d, c->addr, m->port + 1, &naddr);
		}
	}
	if (d)
		sip_dialog_close(ctx, d, true);
	return ok;
}

/* Free @d, closing its pinholes */
static void sip_dialog_end(struct nfalg_ctx *ctx, struct sip_dialog *d)
{
	sip_dialog_close(ctx, d, false);
	d->id = 0;
}

/*
 * A REGISTER: a pinhole toward each Contact it names (refused for another
 * host's address), the Contacts on another port than the message's own
 * source rewritten to the pinhole's; expiry 0 (the phone leaves) closes
 * the registration's pinholes
 */
static bool sip_register(struct nfalg_ctx *ctx, struct sip_scratch *sc,
			 unsigned int base, u32 id)
{
	const struct nfalg_sip_msg *msg = &sc->msg;
	u8 family = sip_family(ctx->ct);
	union nf_inet_addr naddr;
	struct sip_dialog *d;
	unsigned int i;
	u16 port, nport;

	d = sip_dialog_find(ctx, id, false);
	if (d && !d->reg)
		return true;	/* a call's Call-ID */
	if (d && sip_until(d) <= 0)
		d->bound = 0;	/* lapsed: registering anew */
	if (!msg->expires) {
		if (d)
			sip_dialog_end(ctx, d);
		return true;
	}
	for (i = 0; i < msg->n_addrs; i++) {
		const struct nfalg_sip_addr *a = &msg->addrs[i];

		if (a->where != NFALG_SIP_AT_CONTACT || a->family != family)
			continue;
		if (!d) {
			d = sip_dialog_find(ctx, id, true);
			if (!d)
				return true;
			d->reg = 1;
		}
		port = a->port ? a->port : NFALG_SIP_PORT;
		nport = sip_pinhole(ctx, d, a->addr, port, &naddr);
		/*
		 * The message's own source address and port are translated
		 * with the others (sip_nat_addrs()); another port of it is
		 * the pinhole's
		 */
		if (nport && !sip_nat_map(ctx, a->addr, port, true, &naddr,
					  &nport) &&
		    (nport != port || !sip_addr_eq(a->addr, family, &naddr)) &&
		    !sip_edit_addr(sc, base, a, family, &naddr, nport, true))
			return false;
	}
	/* until the answer, as long as the transaction may last */
	if (d && !d->bound)
		d->until = (u32)jiffies + SIP_REG_PENDING * HZ;
	return true;
}

/* The registrar's final answer to a REGISTER of the dialog @d */
static void sip_registered(struct nfalg_ctx *ctx, struct sip_dialog *d,
			   const struct nfalg_sip_msg *msg)
{
	unsigned int secs, i;

	if (msg->status >= 300) {
		/* refused (or challenged) before it ever held: closed */
		if (!d->bound)
			sip_dialog_end(ctx, d);
		return;
	}
	secs = msg->expires < 0 ? SIP_REG_DEFAULT : msg->expires;
	secs = min(secs, clamp(READ_ONCE(registration_max), 60U, 86400U));
	if (!secs) {
		sip_dialog_end(ctx, d);
		return;
	}
	for (i = 0; i < d->n; i++)
		nfalg_pinhole_retime(ctx, d->ph[i].dir, IPPROTO_UDP,
				     d->ph[i].nat_port, secs);
	d->bound = 1;
	d->until = (u32)jiffies + secs * HZ;
}

/*
 * The conversation lives as long as its longest registration (its
 * pinholes go with it); registrations past their time are forgotten
 */
static void sip_registrations(struct nfalg_ctx *ctx)
{
	struct sip_dialog *d = ctx->state;
	s32 left, most = 0;
	unsigned int i;

	if (!d)
		return;
	for (i = 0; i < max_dialogs; i++) {
		if (!d[i].id || !d[i].reg)
			continue;
		left = sip_until(&d[i]);
		if (left <= 0)
			d[i].id = 0;	/* its pinholes expired with it */
		else if (d[i].bound)
			most = max(most, left);
	}
	if (most)
		nfalg_conv_keep(ctx, DIV_ROUND_UP(most, HZ));
}

/* Whether the message may carry an SDP offer or answer for media */
static bool sip_has_media(const struct nfalg_sip_msg *msg)
{
	switch (msg->request ? msg->method : msg->cseq_method) {
	case NFALG_SIP_M_INVITE:
	case NFALG_SIP_M_UPDATE:
	case NFALG_SIP_M_PRACK:
		return msg->request || (msg->status > 100 && msg->status < 300);
	case NFALG_SIP_M_ACK:
		return msg->request;
	default:
		return false;
	}
}

/* One message at @base of the datagram; false: give up its rewrites */
static bool sip_message(struct nfalg_ctx *ctx, struct sip_scratch *sc,
			const char *m, unsigned int base)
{
	const struct nfalg_sip_msg *msg = &sc->msg;
	unsigned int first = sc->n_ed, i;
	struct sip_dialog *d;
	bool nated = ctx->ct->status & IPS_NAT_MASK;
	int delta = 0;
	u32 id;

	id = jhash(m + msg->call_id_off, msg->call_id_len, 0) | 1;
	if (nated && !sip_nat_addrs(ctx, sc, base))
		return false;
	if (msg->sdp && sip_has_media(msg) && !sip_media(ctx, sc, base, id))
		return false;

	/* over TCP the registrar calls back on the phone's connection */
	if (msg->request && msg->method == NFALG_SIP_M_REGISTER &&
	    nf_ct_protonum(ctx->ct) == IPPROTO_UDP &&
	    !sip_register(ctx, sc, base, id))
		return false;

	d = sip_dialog_find(ctx, id, false);
	if (d && d->reg) {
		if (!msg->request && msg->status >= 200 &&
		    msg->cseq_method == NFALG_SIP_M_REGISTER)
			sip_registered(ctx, d, msg);
	} else if (d) {
		if (msg->request && (msg->method == NFALG_SIP_M_BYE ||
				     msg->method == NFALG_SIP_M_CANCEL)) {
			sip_dialog_end(ctx, d);
		} else if (!msg->request &&
			   msg->cseq_method == NFALG_SIP_M_INVITE) {
			if (msg->status >= 200 && msg->status < 300)
				d->answered = 1;
			else if (msg->status >= 300 && !d->answered)
				sip_dialog_end(ctx, d);
		}
	}

	/* Content-Length follows the body */
	for (i = first; i < sc->n_ed; i++)
		if (sc->ed[i].off >= base + msg->body_off)
			delta += (int)sc->ed[i].tlen - (int)sc->ed[i].len;
	if (delta && msg->clen >= 0 &&
	    !sip_edit_num(sc, base + msg->clen_off, msg->clen_len,
			   msg->clen + delta))
		return false;
	return true;
}

static int sip_edit_cmp(const void *a, const void *b)
{
	const struct sip_edit *x = a, *y = b;

	return (int)x->off - (int)y->off;
}

/* Apply the queued rewrites, the last first so no offset moves */
static int sip_apply(struct nfalg_ctx *ctx, struct sip_scratch *sc)
{
	int i;

	if (!sc->n_ed)
		return NF_ACCEPT;
	sort(sc->ed, sc->n_ed, sizeof(sc->ed[0]), sip_edit_cmp, NULL);
	for (i = sc->n_ed - 1; i >= 0; i--) {
		const struct sip_edit *e = &sc->ed[i];

		/* a message half translated is worse than one sent again */
		if (nfalg_rewrite(ctx, e->off, e->len, e->text, e->tlen))
			return NF_DROP;
	}
	return NF_ACCEPT;
}

static void sip_unparsed(struct nfalg_ctx *ctx, const char *why)
{
	u8 *priv = ctx->priv;

	nfalg_alg_count(ctx->ct, NFALG_A_CNT_SIP_UNPARSED);
	if (*priv & SIP_PRIV_LOGGED)
		return;
	*priv |= SIP_PRIV_LOGGED;
	nfalg_alg_log_pass(ctx, why);
}

/* CR and LF bytes at the start of @buf (keepalives between messages) */
static unsigned int sip_crlf_len(const u8 *buf, unsigned int len)
{
	unsigned int i = 0;

	while (i < len && (buf[i] == '\r' || buf[i] == '\n'))
		i++;
	return i;
}

static bool sip_only_crlf(const u8 *buf, unsigned int len)
{
	return sip_crlf_len(buf, len) == len;
}

static int sip_datagram(struct nfalg_ctx *ctx, const u8 *buf,
			unsigned int len)
{
	struct sip_scratch *sc = this_cpu_ptr(sip_scratch);
	unsigned int pos = 0;
	int n;

	if (len != ctx->datalen) {
		sip_unparsed(ctx, "sip-datagram-too-long");
		return NF_ACCEPT;
	}
	sc->n_ed = 0;
	while (pos < len && !sip_only_crlf(buf + pos, len - pos)) {
		n = nfalg_sip_parse((const char *)buf + pos, len - pos,
				    &sc->msg);
		if (n <= 0) {
			sip_unparsed(ctx, n ? "sip-malformed" :
					      "sip-incomplete");
			break;
		}
		if (!sip_message(ctx, sc, (const char *)buf + pos, pos)) {
			/* too much to rewrite: leave the datagram as it is */
			sip_unparsed(ctx, "sip-too-many-rewrites");
			return NF_ACCEPT;
		}
		pos += n;
	}
	sip_registrations(ctx);
	return sip_apply(ctx, sc);
}

/*
 * SIP over TCP: the length of the message at a message start of the
 * stream (its headers and Content-Length, which TCP requires: none means
 * no body), known once its headers are; keepalive line ends alone count
 * as a message.  Bytes that do
 * not begin a SIP message (an HTTP request, say) are not SIP: the stream
 * is not parsed further.
 */
static int sip_msg_len(const struct nfalg_ctx *ctx, const u8 *buf,
		       unsigned int len)
{
	unsigned int crlf = sip_crlf_len(buf, len);
	int n;

	if (crlf)
		return crlf;
	n = nfalg_sip_frame((const char *)buf, len);
	return n < 0 ? -1 : n;
}

/* One whole SIP message of a TCP stream, at @off of the segment */
static int sip_tcp_message(struct nfalg_ctx *ctx, unsigned int off,
			   const u8 *buf, unsigned int len)
{
	struct sip_scratch *sc = this_cpu_ptr(sip_scratch);
	int n;

	if (sip_only_crlf(buf, len))
		return NF_ACCEPT;
	sc->n_ed = 0;
	n = nfalg_sip_parse((const char *)buf, len, &sc->msg);
	if (n <= 0) {
		sip_unparsed(ctx, "sip-malformed");
		return NF_ACCEPT;
	}
	if (!sip_message(ctx, sc, (const char *)buf, off)) {
		sip_unparsed(ctx, "sip-too-many-rewrites");
		return NF_ACCEPT;
	}
	return sip_apply(ctx, sc);
}

static struct nfalg_alg nfalg_sip = {
	.name		= "sip",
	.owner		= THIS_MODULE,
	.l4proto	= IPPROTO_UDP,
	.port		= NFALG_SIP_PORT,
	.flags		= NFALG_ALG_F_WHOLE_DGRAM,
	.max_pinholes	= SIP_MAX_PINHOLES,
	.priv_size	= 1,
	.datagram	= sip_datagram,
	.msg_len	= sip_msg_len,
	.message	= sip_tcp_message,
};

static int __init nfalg_sip_init(void)
{
	int err;

	if (!max_dialogs || max_dialogs > SIP_MAX_DIALOGS || !media_timeout)
		return -EINVAL;
	nfalg_sip.pinhole_timeout = media_timeout;
	nfalg_sip.state_size = max_dialogs * sizeof(struct sip_dialog);
	sip_scratch = alloc_percpu(struct sip_scratch);
	if (!sip_scratch)
		return -ENOMEM;
	err = nfalg_alg_register(&nfalg_sip);
	if (err)
		free_percpu(sip_scratch);
	return err;
}

static void __exit nfalg_sip_exit(void)
{
	/* no help function of ours runs once this returns */
	nfalg_alg_unregister(&nfalg_sip);
	free_percpu(sip_scratch);
}

module_init(nfalg_sip_init);
module_exit(nfalg_sip_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("nfalg developers");
MODULE_DESCRIPTION("nfalg SIP ALG (conntrack helper nfalg-sip)");
MODULE_VERSION(NFALG_VERSION);
