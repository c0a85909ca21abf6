// SPDX-License-Identifier: GPL-2.0
/*
 * nfalg parser cost: every ALG parser, and the core's per-packet checks,
 * called on realistic messages, one message type per case, in the sequence
 * the kernel module calls them for one message (kernel/algs/<alg>/
 * <alg>_main.c: the pure functions only; conntrack, pinholes and the
 * payload rewrite itself are not part of it).
 *
 *   parser_cost [-n REPEAT]    run every case REPEAT times (default 1) and
 *                              print "alg<TAB>type<TAB>bytes" per case
 *   parser_cost -d INDEX       write the message of case INDEX (from 0) to
 *                              standard output, to look at it elsewhere
 *
 * One message is one call of bench_message(); the state a message needs
 * (a waiting DNS query, an outstanding echo request) is set up before it
 * and the result checked after it, outside that function.  After each
 * case the program calls bench_case_done().  So under
 *
 *   valgrind --tool=callgrind --toggle-collect=bench_message \
 *	--dump-after=bench_case_done parser_cost -n REPEAT
 *
 * part k of the profile counts the instructions of REPEAT messages of
 * case k and nothing else.  tools/bench/parsers/run does that for two
 * repeat counts and divides the difference: the instructions of one
 * message, exactly.
 *
 * Every call's result is checked against what the message must give (the
 * PORT line its address and port, the INVITE its address references and
 * media, the SNMP trap its PDU type and agent-addr, the TFTP request its
 * options, the ept_map answer its towers' ports and addresses...).  Any
 * other result is reported on standard error and the program exits 1, so
 * that the figures are never those of a parser that stopped recognising
 * its input.
 *
 * Addresses are documentation addresses (RFC 5737, RFC 3849), except in
 * the DCE RPC PDUs, whose bytes are those of the DCE RPC fuzz corpus
 * (tools/fuzz/corpus/dcerpc/, written by tests/unit/test_dcerpc_parse.c:
 * a server at 192.168.1.10).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <nfalg/types.h>
#include <linux/nfalg.h>
#include "ftp/ftp_parse.h"
#include "tftp/tftp_parse.h"
#include "rsh/rsh_parse.h"
#include "snmp/snmp_parse.h"
#include "dns/dns_parse.h"
#include "sip/sip_parse.h"
#include "rpc/rpc_parse.h"
#include "dcerpc/dcerpc_parse.h"
#include "sanity_check.h"
#include "ping_window.h"

/* The measured points: never inlined, cloned or merged */
#ifdef __clang__
#define BENCH_POINT	__attribute__((noinline))
#else
#define BENCH_POINT	__attribute__((noipa))
#endif

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* Expected return: the length of the message */
#define EXPECT_LEN	INT_MAX

/* A string literal and its length, NULs inside included */
#define M(s)		.msg = s, .len = sizeof(s) - 1

/* A byte array and its length */
#define B(a)		.msg = (const char *)(a), .len = sizeof(a)

/* Room for the longest message (the 4 KiB FTP line) */
#define BENCH_BUF_MAX	4400

struct bench_buf {
	u8 b[BENCH_BUF_MAX];
	unsigned int n;
};

/* DCE RPC: a call's fragments are one message up to NFALG_DGRAM_MAX */
#define DCE_MSG_MAX	4096

/* DCE RPC: what the module's calls for one PDU give */
struct dce_out {
	int chain;			/* nfalg_dcerpc_chain_len() */
	unsigned int pdu_len;		/* reassembled length, or 0 */
	unsigned int n_map;
	struct nfalg_dcerpc_piece map[NFALG_DCERPC_FRAGS_MAX];
	struct nfalg_dcerpc_hdr h;
	struct nfalg_dcerpc_bind bind;
	struct nfalg_dcerpc_bind_ack ack;
	struct nfalg_dcerpc_call call;
	struct nfalg_dcerpc_towers tw;
	u8 pdu[DCE_MSG_MAX];		/* the reassembled PDU (last) */
};

/* One message's input, output and state */
struct bench_io {
	const char *buf;
	unsigned int len;
	int ret;
	int n;			/* a formatter's result; SIP: hosts written */
	char text[NFALG_FTP_FMT_MAX];
	u8 own[16];		/* SIP NAT: the sender's own address */
	u8 nat[16];		/* NAT rows: the address the peer must see */
	u8 family;		/* of @own and @nat: 4 or 6 */
	union {
		struct nfalg_ftp_cmd ftp;
		struct nfalg_tftp_req tftp;
		u16 rsh_port;
		struct nfalg_snmp_msg snmp;
		struct nfalg_dns_hdr dns;
		struct nfalg_sip_msg sip;
		enum nfalg_anomaly anomaly;
		struct {
			struct nfalg_rpc_call call;
			struct nfalg_rpc_reply reply;
			struct nfalg_rpc_pending call_of;
			u8 addr[16];
			u16 port;	/* the (first) port of the answer */
			u8 entries;	/* GETADDRLIST entries read */
			u8 xdr[NFALG_RPC_UADDR_MAX + 8];	/* NAT */
		} rpc;
		struct dce_out dce;
	} out;
	union {
		struct nfalg_dns_pending dns;
		struct nfalg_ping_window ping;
		struct nfalg_rpc_state rpc;
		struct nfalg_dcerpc_state dce;
	} st;
};

struct bench_case {
	const char *alg;
	const char *type;
	const char *msg;	/* the message; with @body, a SIP head */
	unsigned int len;	/* its length; 0: strlen(@msg) */
	const char *body;	/* SIP: SDP body, Content-Length computed */
	void (*build)(struct bench_buf *m);	/* else: builds the message */
	int (*run)(const struct bench_case *c, struct bench_io *io);
	void (*prepare)(const struct bench_case *c, struct bench_io *io);
	bool (*check)(const struct bench_case *c, const struct bench_io *io);
	bool reply;		/* sent by the responder (reply direction) */
	int ret;		/* expected return; EXPECT_LEN: the length */
	int kind;		/* expected type, opcode, PDU type, method */
	const char *addr;	/* expected address (SIP NAT: the own one) */
	u16 port;		/* expected port */
	u16 id;			/* DNS ID, ping seq., DCE RPC opnum */
	u16 status;		/* SIP status code */
	u8 count;		/* SIP address references, TFTP options,
				   DCE RPC contexts or towers */
	u8 n_media;		/* SIP media descriptions */
	u8 version;		/* SNMP version */
	u8 commands;		/* SNMP: the conversation's snmp-commands */
	bool notify;		/* SNMP: sent to the trap port */
	unsigned int total;	/* sanity checks: the segment's length */
	const char *nat;	/* NAT rows: the address the peer must see */
	u16 nat_port;		/* and the port */
	const char *text;	/* NAT rows: the rewrite text; SIP: count */
	u32 xid;		/* RPC transaction ID, DCE RPC call id */
	bool tcp;		/* RPC: a TCP record (mark first) */
	u8 frags;		/* DCE RPC: fragments reassembled */
};

static struct bench_io bench_io;

/* Failure report of a check: the case and what differed */
static const struct bench_case *bench_cur;

static bool bench_fail(const char *what, long long got, long long want)
{
	fprintf(stderr, "parser_cost: %s %s: %s is %lld, expected %lld\n",
		bench_cur->alg, bench_cur->type, what, got, want);
	return false;
}

static bool bench_eq(const char *what, long long got, long long want)
{
	return got == want || bench_fail(what, got, want);
}

static bool bench_ret_ok(const struct bench_case *c,
			 const struct bench_io *io)
{
	return bench_eq("return value", io->ret,
			c->ret == EXPECT_LEN ? (int)io->len : c->ret);
}

/* @bytes hold the address @text (IPv4 or IPv6) */
static bool bench_addr_ok(const u8 *bytes, const char *text)
{
	u8 a[16];
	bool v6 = strchr(text, ':');

	if (inet_pton(v6 ? AF_INET6 : AF_INET, text, a) != 1 ||
	    memcmp(a, bytes, v6 ? 16 : 4)) {
		fprintf(stderr, "parser_cost: %s %s: address is not %s\n",
			bench_cur->alg, bench_cur->type, text);
		return false;
	}
	return true;
}

static bool bench_text_ok(const struct bench_case *c,
			  const struct bench_io *io)
{
	if (io->n != (int)strlen(c->text) || strcmp(io->text, c->text)) {
		fprintf(stderr, "parser_cost: %s %s: rewrite text \"%.*s\", expected \"%s\"\n",
			c->alg, c->type, io->n > 0 ? io->n : 0, io->text,
			c->text);
		return false;
	}
	return true;
}

/* The NAT rows' address the peer must see, outside the measurement */
static void bench_prepare_nat(const struct bench_case *c, struct bench_io *io)
{
	io->family = strchr(c->nat, ':') ? 6 : 4;
	if (inet_pton(io->family == 6 ? AF_INET6 : AF_INET, c->nat,
		      io->nat) != 1)
		abort();
	if (c->addr && inet_pton(io->family == 6 ? AF_INET6 : AF_INET,
				 c->addr, io->own) != 1)
		abort();
}

/* The harness alone: what every row includes besides the parser */

static int nop_run(const struct bench_case *c, struct bench_io *io)
{
	return 0;
}

static bool nop_check(const struct bench_case *c, const struct bench_io *io)
{
	return bench_ret_ok(c, io);
}

/*
 * FTP (ftp_line()): the core hands over one line, terminator included;
 * nfalg_ftp_parse_line() reads it, and under NAT nfalg_ftp_format()
 * writes the replacement of its address and port.
 */

static int ftp_run(const struct bench_case *c, struct bench_io *io)
{
	return nfalg_ftp_parse_line(io->buf, io->len, !c->reply, &io->out.ftp);
}

static int ftp_nat_run(const struct bench_case *c, struct bench_io *io)
{
	const struct nfalg_ftp_cmd *cmd = &io->out.ftp;
	int n;

	n = nfalg_ftp_parse_line(io->buf, io->len, !c->reply, &io->out.ftp);
	if (n <= 0 || cmd->type == NFALG_FTP_NONE)
		return n;
	io->n = nfalg_ftp_format(io->text, sizeof(io->text), cmd->type,
				 io->family == 6 ? NFALG_FTP_AF_INET6 :
						   NFALG_FTP_AF_INET,
				 io->nat, c->nat_port, cmd->delim);
	return n;
}

static bool ftp_check(const struct bench_case *c, const struct bench_io *io)
{
	const struct nfalg_ftp_cmd *cmd = &io->out.ftp;

	return bench_ret_ok(c, io) && bench_eq("type", cmd->type, c->kind) &&
	       bench_eq("port", cmd->port, c->port) &&
	       (!c->addr || bench_addr_ok(cmd->addr, c->addr)) &&
	       (!c->text || bench_text_ok(c, io));
}

/* TFTP (tftp_datagram()): the client's datagram to port 69 */

static int tftp_run(const struct bench_case *c, struct bench_io *io)
{
	return nfalg_tftp_parse((const u8 *)io->buf, io->len, &io->out.tftp);
}

static bool tftp_check(const struct bench_case *c, const struct bench_io *io)
{
	const struct nfalg_tftp_req *r = &io->out.tftp;
	bool request = c->ret > 0 && c->kind <= NFALG_TFTP_WRQ;

	return bench_ret_ok(c, io) && bench_eq("opcode", r->opcode, c->kind) &&
	       bench_eq("is_request", r->is_request, request) &&
	       bench_eq("options", r->nr_opts, c->count) &&
	       (!request || bench_eq("file name offset", r->filename_off, 2));
}

/*
 * rsh, rexec (rsh_line()): the client's first field, its NUL included;
 * under NAT nfalg_rsh_format_port() writes the port the peer must use.
 */

static int rsh_run(const struct bench_case *c, struct bench_io *io)
{
	return nfalg_rsh_parse_port(io->buf, io->len, &io->out.rsh_port);
}

static int rsh_nat_run(const struct bench_case *c, struct bench_io *io)
{
	int n = nfalg_rsh_parse_port(io->buf, io->len, &io->out.rsh_port);

	if (n < 0 || !io->out.rsh_port)
		return n;
	io->n = nfalg_rsh_format_port(io->text, NFALG_RSH_PORT_MAX,
				      c->nat_port);
	io->text[io->n > 0 ? io->n : 0] = '\0';
	return n;
}

static bool rsh_check(const struct bench_case *c, const struct bench_io *io)
{
	return bench_ret_ok(c, io) &&
	       bench_eq("port", io->out.rsh_port, c->port) &&
	       (!c->text || bench_text_ok(c, io));
}

/*
 * SNMP (snmp_datagram()): nfalg_snmp_parse(), then the conversation's
 * policy for the PDU type; a message that does not parse is dropped.
 */

static int snmp_run(const struct bench_case *c, struct bench_io *io)
{
	const struct nfalg_snmp_msg *m = &io->out.snmp;

	if (nfalg_snmp_parse((const u8 *)io->buf, io->len, io->len,
			     &io->out.snmp))
		return -EINVAL;
	return nfalg_snmp_allowed(c->commands, c->notify, c->reply, m->pdu) ?
	       0 : -EPERM;
}

static bool snmp_check(const struct bench_case *c, const struct bench_io *io)
{
	const struct nfalg_snmp_msg *m = &io->out.snmp;

	if (!bench_ret_ok(c, io))
		return false;
	if (c->ret)
		return true;
	if (!bench_eq("version", m->version, c->version) ||
	    !bench_eq("PDU type", m->pdu, c->kind))
		return false;
	if (!c->addr)
		return bench_eq("agent-addr offset", m->agent_addr_off, 0);
	if (!m->agent_addr_off)
		return bench_fail("agent-addr offset", 0, 1);
	return bench_addr_ok((const u8 *)io->buf + m->agent_addr_off, c->addr);
}

/*
 * DNS (dns_datagram()): the header, then a query's ID joins the waiting
 * set, an answer's leaves it.
 */

static int dns_run(const struct bench_case *c, struct bench_io *io)
{
	const struct nfalg_dns_hdr *h = &io->out.dns;

	if (nfalg_dns_parse((const u8 *)io->buf, io->len, &io->out.dns))
		return -EINVAL;
	if (h->qr != c->reply)
		return -EPROTO;
	if (!c->reply)
		return nfalg_dns_query(&io->st.dns, h->id);
	return nfalg_dns_answer(&io->st.dns, h->id, false);
}

/* An answer's query, and for @count 2 an older one, are waiting */
static void dns_prepare(const struct bench_case *c, struct bench_io *io)
{
	memset(&io->st.dns, 0, sizeof(io->st.dns));
	if (!c->reply)
		return;
	if (c->count > 1)
		nfalg_dns_query(&io->st.dns, c->id ^ 0x8000);
	nfalg_dns_query(&io->st.dns, c->id);
}

static bool dns_check(const struct bench_case *c, const struct bench_io *io)
{
	const struct nfalg_dns_hdr *h = &io->out.dns;

	if (!bench_ret_ok(c, io))
		return false;
	if (c->ret < 0)
		return true;
	return bench_eq("ID", h->id, c->id) && bench_eq("QR", h->qr, c->reply) &&
	       bench_eq("QDCOUNT", h->qdcount, 1) &&
	       bench_eq("queries waiting", io->st.dns.n,
			c->reply ? c->count - 1 : 1);
}

/*
 * SIP (sip_datagram()): the datagram is parsed whole, message after
 * message.  Under NAT the module then writes, with
 * nfalg_sip_format_host(), the new text of every address that is the
 * sender's own (the NAT row); the rest of its work (matching the
 * conntrack tuples, hashing the Call-ID, queueing and sorting the edits,
 * the pinholes) is not measured.
 */

static int sip_run(const struct bench_case *c, struct bench_io *io)
{
	unsigned int pos = 0;
	int n;

	while (pos < io->len) {
		n = nfalg_sip_parse(io->buf + pos, io->len - pos, &io->out.sip);
		if (n <= 0)
			return n;
		pos += n;
	}
	return pos;
}

static int sip_nat_run(const struct bench_case *c, struct bench_io *io)
{
	const struct nfalg_sip_msg *m = &io->out.sip;
	unsigned int i, alen = io->family == 6 ? 16 : 4;
	int ret = sip_run(c, io);

	io->n = 0;
	for (i = 0; ret > 0 && i < m->n_addrs; i++) {
		const struct nfalg_sip_addr *a = &m->addrs[i];

		if (a->family != io->family || memcmp(a->addr, io->own, alen))
			continue;
		if (nfalg_sip_format_host(io->text, sizeof(io->text), a->family,
					  io->nat, a->bracket, 0) > 0)
			io->n++;
	}
	return ret;
}

/*
 * SIP over TCP: nfalg_sip_frame() finds where the message at the stream
 * position ends (headers and Content-Length only), before the full
 * parse of those bytes.  The row counts the framing pass alone.
 */
static int sip_frame_run(const struct bench_case *c, struct bench_io *io)
{
	return nfalg_sip_frame(io->buf, io->len);
}

static bool sip_frame_check(const struct bench_case *c,
			    const struct bench_io *io)
{
	return bench_ret_ok(c, io);
}

static bool sip_check(const struct bench_case *c, const struct bench_io *io)
{
	const struct nfalg_sip_msg *m = &io->out.sip;

	if (!bench_ret_ok(c, io))
		return false;
	if (c->ret <= 0)
		return true;
	return bench_eq("request", m->request, !c->reply) &&
	       bench_eq("method", m->method, c->kind) &&
	       bench_eq("status", m->status, c->status) &&
	       bench_eq("address references", m->n_addrs, c->count) &&
	       bench_eq("SDP", m->sdp, c->n_media > 0) &&
	       bench_eq("media", m->n_media, c->n_media) &&
	       (!c->n_media ||
		bench_eq("first media port", m->media[0].port, c->port)) &&
	       (!c->text || bench_eq("hosts rewritten", io->n, atoi(c->text)));
}

/*
 * Sun RPC (rpc_datagram(), rpc_message()): a TCP record's length from its
 * mark (nfalg_rpc_frag_len()), then the message after the mark (a UDP
 * datagram whole).  A portmapper call is parsed and noted among the
 * waiting calls; a reply is parsed, takes its call out of them, and its
 * result is read as the call's kind says: GETPORT's port, GETADDR's
 * universal address, or each universal address of a GETADDRLIST's
 * entries.  Under NAT the module then writes the universal address the
 * client must see and its XDR string (nfalg_rpc_uaddr_format(),
 * nfalg_rpc_xdr_put_string()).
 */

static int rpc_msg(const struct bench_case *c, struct bench_io *io,
		   const u8 **b, unsigned int *len)
{
	int f;

	*b = (const u8 *)io->buf;
	*len = io->len;
	if (!c->tcp)
		return 0;
	f = nfalg_rpc_frag_len(*b, *len);
	if (f <= 0 || (unsigned int)f > *len)
		return -EINVAL;
	*b += NFALG_RPC_MARK_LEN;
	*len = f - NFALG_RPC_MARK_LEN;
	return 0;
}

static int rpc_uaddr(const u8 *b, unsigned int len, unsigned int *off,
		     struct bench_io *io)
{
	unsigned int so, sl;
	bool v6;

	if (nfalg_rpc_xdr_string(b, len, off, NFALG_RPC_UADDR_MAX, &so, &sl))
		return -EINVAL;
	return nfalg_rpc_uaddr_parse((const char *)b + so, sl, &v6,
				     io->out.rpc.addr, &io->out.rpc.port);
}

static int rpc_run(const struct bench_case *c, struct bench_io *io)
{
	const struct nfalg_rpc_reply *r = &io->out.rpc.reply;
	const struct nfalg_rpc_pending *p = &io->out.rpc.call_of;
	struct nfalg_rpc_entry e;
	unsigned int len, off;
	const u8 *b;
	bool v6;
	int ret;

	if (rpc_msg(c, io, &b, &len))
		return -EINVAL;
	if (!c->reply) {
		ret = nfalg_rpc_parse_call(b, len, &io->out.rpc.call);
		if (ret)
			return ret;
		return nfalg_rpc_pending_add(&io->st.rpc, &io->out.rpc.call);
	}
	ret = nfalg_rpc_parse_reply(b, len, &io->out.rpc.reply);
	if (ret || !r->success)
		return ret ? ret : -EPROTO;
	ret = nfalg_rpc_pending_take(&io->st.rpc, r->xid,
				     &io->out.rpc.call_of);
	if (ret)
		return ret;
	off = r->res_off;
	switch (p->kind) {
	case NFALG_RPC_K_GETPORT:
		return nfalg_rpc_getport_result(b, len, off,
						&io->out.rpc.port);
	case NFALG_RPC_K_GETADDR:
		ret = rpc_uaddr(b, len, &off, io);
		if (ret || !c->nat)
			return ret;
		io->n = nfalg_rpc_uaddr_format(io->text, io->family == 6,
					       io->nat, c->nat_port);
		return nfalg_rpc_xdr_put_string(io->out.rpc.xdr,
						sizeof(io->out.rpc.xdr),
						io->text, io->n) ? 0 : -EINVAL;
	case NFALG_RPC_K_GETADDRLIST:
		while ((ret = nfalg_rpc_addrlist_next(b, len, &off, &e)) == 1) {
			if (!e.l4proto)
				continue;
			if (nfalg_rpc_uaddr_parse((const char *)b + e.maddr_off,
						  e.maddr_len, &v6,
						  io->out.rpc.addr,
						  &io->out.rpc.port))
				return -EINVAL;
			io->out.rpc.entries++;
		}
		return ret;
	default:
		return -EPROTO;
	}
}

/* A reply's call is waiting (an older one too); a call finds none */
static void rpc_prepare(const struct bench_case *c, struct bench_io *io)
{
	struct nfalg_rpc_call call;

	memset(&io->st.rpc, 0, sizeof(io->st.rpc));
	memset(&io->out.rpc, 0, sizeof(io->out.rpc));
	if (c->nat)
		bench_prepare_nat(c, io);
	if (!c->reply)
		return;
	memset(&call, 0, sizeof(call));
	call.kind = c->kind;
	call.arg_prog = 100003;
	call.arg_l4proto = IPPROTO_TCP;
	call.xid = c->xid - 1;
	if (nfalg_rpc_pending_add(&io->st.rpc, &call))
		abort();
	call.xid = c->xid;
	if (nfalg_rpc_pending_add(&io->st.rpc, &call))
		abort();
}

static bool rpc_check(const struct bench_case *c, const struct bench_io *io)
{
	const struct nfalg_rpc_call *call = &io->out.rpc.call;

	if (!bench_ret_ok(c, io))
		return false;
	if (!c->reply)
		return bench_eq("xid", call->xid, c->xid) &&
		       bench_eq("kind", call->kind, c->kind) &&
		       bench_eq("program asked", call->arg_prog, 100003) &&
		       bench_eq("calls waiting", io->st.rpc.n, 1);
	return bench_eq("xid", io->out.rpc.reply.xid, c->xid) &&
	       bench_eq("kind", io->out.rpc.call_of.kind, c->kind) &&
	       bench_eq("calls waiting", io->st.rpc.n, 1) &&
	       bench_eq("port", io->out.rpc.port, c->port) &&
	       bench_eq("entries", io->out.rpc.entries, c->count) &&
	       (!c->addr || bench_addr_ok(io->out.rpc.addr, c->addr)) &&
	       (!c->text || bench_text_ok(c, io));
}

/*
 * DCE RPC endpoint mapper (dce_pdu_len(), dce_message(), dce_pdu()): the
 * core frames the stream with nfalg_dcerpc_chain_len(), which takes a
 * call's fragments as one message; a message that is not one whole PDU
 * is reassembled (nfalg_dcerpc_reassemble()).  Then the PDU's header, the
 * check of its direction (nfalg_dcerpc_conv_begin()) and, by type: a
 * client's bind read and noted, a server's bind_ack read and applied, a
 * client's request read and noted, a server's response read, the request
 * it answers taken (which operation) and its towers read.  What the module
 * does with the towers then (the application's uuid, the pinholes, the
 * rewrite) is not measured.
 */

/* Bytes before the stub of a response: what each later fragment adds */
#define DCE_RESP_HEAD	24

static int dce_response(struct nfalg_dcerpc_state *st, struct dce_out *o,
			const u8 *b, unsigned int len)
{
	int opnum;

	if (o->h.ptype == NFALG_DCERPC_FAULT)
		return nfalg_dcerpc_conv_response(st, &o->h, NULL);
	if (nfalg_dcerpc_parse_call(b, len, &o->h, &o->call))
		return -EINVAL;
	opnum = nfalg_dcerpc_conv_response(st, &o->h, &o->call);
	if (opnum <= 0)
		return opnum ? opnum : -EPROTO;
	st->done_opnum = opnum;
	st->done_call_id = o->h.call_id;
	if (nfalg_dcerpc_parse_towers(b, len, &o->h, &o->call, opnum, &o->tw))
		return -EINVAL;
	return opnum;
}

/* dce_pdu(): one PDU, whole or reassembled */
static int dce_pdu(struct nfalg_dcerpc_state *st, struct dce_out *o,
		   bool client, const u8 *b, unsigned int len)
{
	struct nfalg_dcerpc_hdr *h = &o->h;

	if (nfalg_dcerpc_parse_hdr(b, len, h))
		return -EINVAL;
	if (!nfalg_dcerpc_conv_begin(st, client, h->ptype))
		return -EPERM;
	if (!client && (h->ptype == NFALG_DCERPC_RESPONSE ||
			h->ptype == NFALG_DCERPC_FAULT))
		return dce_response(st, o, b, len);
	switch (h->ptype) {
	case NFALG_DCERPC_BIND:
	case NFALG_DCERPC_ALTER:
		if (!client || nfalg_dcerpc_parse_bind(b, len, h, &o->bind))
			return -EINVAL;
		nfalg_dcerpc_conv_bind(st, h, &o->bind);
		return 0;
	case NFALG_DCERPC_BIND_ACK:
	case NFALG_DCERPC_ALTER_RESP:
		if (client || nfalg_dcerpc_parse_bind_ack(b, len, h, &o->ack))
			return -EINVAL;
		return nfalg_dcerpc_conv_bind_ack(st, h, &o->ack);
	case NFALG_DCERPC_BIND_NAK:
		if (client)
			return -EINVAL;
		return nfalg_dcerpc_conv_bind_ack(st, h, NULL);
	case NFALG_DCERPC_REQUEST:
		if (!client || nfalg_dcerpc_parse_call(b, len, h, &o->call))
			return -EINVAL;
		return nfalg_dcerpc_conv_request(st, h, &o->call);
	}
	return 0;
}

/* The message at the stream position: one PDU, or a call's fragments */
static int dce_message(struct nfalg_dcerpc_state *st, struct dce_out *o,
		       bool client, const u8 *b, unsigned int len)
{
	int n;

	o->chain = nfalg_dcerpc_chain_len(b, len, DCE_MSG_MAX);
	if (o->chain <= 0 || (unsigned int)o->chain != len)
		return -EMSGSIZE;
	if (nfalg_dcerpc_pdu_len(b, len) == (int)len)
		return dce_pdu(st, o, client, b, len);
	n = nfalg_dcerpc_reassemble(b, len, o->pdu, o->map, &o->n_map);
	if (n <= 0)
		return -EINVAL;
	o->pdu_len = n;
	return dce_pdu(st, o, client, o->pdu, n);
}

static int dce_run(const struct bench_case *c, struct bench_io *io)
{
	return dce_message(&io->st.dce, &io->out.dce, !c->reply,
			   (const u8 *)io->buf, io->len);
}

/* A PDU of the conversation before the message, not measured */
static void dce_feed(struct nfalg_dcerpc_state *st, bool client,
		     const u8 *b, unsigned int len, int want)
{
	static struct dce_out scratch;

	if (dce_message(st, &scratch, client, b, len) != want)
		abort();
}

static const u8 dce_bind_windows[160];
static const u8 dce_bind_ack_windows[108];

/*
 * The conversation as the module has it when the message comes: new for
 * a bind; for the other PDUs, the Windows client's bind seen (contexts
 * 0, 1 and 2: the endpoint mapper over NDR, over NDR64, and bind time
 * feature negotiation), for all but the bind_ack its answer too (context
 * 0 accepted with NDR), and for a response the request it answers
 * waiting (call id @c->xid, operation @c->id, context 0).  Rebuilt
 * before every message, so that each starts from the same state.
 */
static void dce_prepare(const struct bench_case *c, struct bench_io *io)
{
	struct nfalg_dcerpc_state *st = &io->st.dce;
	struct nfalg_dcerpc_hdr h = {
		.ptype = NFALG_DCERPC_REQUEST,
		.flags = NFALG_DCERPC_PFC_FIRST | NFALG_DCERPC_PFC_LAST,
		.le = true,
		.call_id = c->xid,
	};
	struct nfalg_dcerpc_call call = { .cont_id = 0, .opnum = c->id };

	memset(st, 0, sizeof(*st));
	memset(&io->out.dce, 0, offsetof(struct dce_out, pdu));
	if (c->kind == NFALG_DCERPC_BIND)
		return;
	dce_feed(st, true, dce_bind_windows, sizeof(dce_bind_windows), 0);
	if (c->kind == NFALG_DCERPC_BIND_ACK)
		return;
	dce_feed(st, false, dce_bind_ack_windows,
		 sizeof(dce_bind_ack_windows), 1);
	if (c->kind == NFALG_DCERPC_RESPONSE &&
	    nfalg_dcerpc_conv_request(st, &h, &call) != 1)
		abort();
}

/* Every tower reported: its port and address where it says they are */
static bool dce_towers_ok(const struct bench_io *io)
{
	const struct dce_out *o = &io->out.dce;
	const u8 *pdu = o->pdu_len ? o->pdu : (const u8 *)io->buf;
	unsigned int i, end = o->pdu_len ? o->pdu_len : io->len;

	for (i = 0; i < o->tw.n; i++) {
		const struct nfalg_dcerpc_tower *t = &o->tw.t[i];

		if (t->port_off + 2U > end || t->addr_off + 4U > end ||
		    memcmp(pdu + t->addr_off, t->addr, 4)) {
			fprintf(stderr, "parser_cost: %s %s: tower %u: address not at its offset\n",
				bench_cur->alg, bench_cur->type, i);
			return false;
		}
		if (!bench_eq("tower's port bytes",
			      pdu[t->port_off] << 8 | pdu[t->port_off + 1],
			      t->port))
			return false;
	}
	return true;
}

static bool dce_check(const struct bench_case *c, const struct bench_io *io)
{
	const struct nfalg_dcerpc_state *st = &io->st.dce;
	const struct dce_out *o = &io->out.dce;
	u8 began = c->reply ? NFALG_DCERPC_BEGAN_SERVER :
			      NFALG_DCERPC_BEGAN_CLIENT;

	if (!bench_ret_ok(c, io) ||
	    !bench_eq("message length", o->chain, io->len) ||
	    !bench_eq("PDU type", o->h.ptype, c->kind) ||
	    !bench_eq("call id", o->h.call_id, c->xid) ||
	    !bench_eq("direction begun", st->began & began, began))
		return false;
	if (!c->frags && !bench_eq("reassembled length", o->pdu_len, 0))
		return false;
	if (c->frags &&
	    (!bench_eq("pieces", o->n_map, c->frags) ||
	     !bench_eq("reassembled length", o->pdu_len,
		       io->len - (c->frags - 1) * DCE_RESP_HEAD)))
		return false;
	switch (c->kind) {
	case NFALG_DCERPC_BIND:
		return bench_eq("contexts", o->bind.n_ctx, c->count) &&
		       bench_eq("endpoint mapper's", o->bind.n_epm, c->count) &&
		       bench_eq("bind waiting", st->bind_pending, 1) &&
		       bench_eq("its call id", st->bind_call_id, c->xid) &&
		       bench_eq("its contexts", st->bind_total, c->count) &&
		       bench_eq("its endpoint mapper's", st->bind_epm,
				(1U << c->count) - 1);
	case NFALG_DCERPC_BIND_ACK:
		return bench_eq("results", o->ack.n_results, c->count) &&
		       bench_eq("first syntax", o->ack.syntax[0],
				NFALG_DCERPC_SYN_NDR) &&
		       bench_eq("bind waiting", st->bind_pending, 0) &&
		       bench_eq("mapper contexts", st->n_epm, 1) &&
		       bench_eq("mapper context", st->epm_cont_id[0], 0);
	case NFALG_DCERPC_REQUEST:
		return bench_eq("operation", o->call.opnum, c->id) &&
		       bench_eq("context", o->call.cont_id, 0) &&
		       bench_eq("requests waiting", st->n_calls, 1) &&
		       bench_eq("its call id", st->call_id[0], c->xid) &&
		       bench_eq("its operation", st->call_opnum[0], c->id);
	case NFALG_DCERPC_RESPONSE:
		return bench_eq("requests waiting", st->n_calls, 0) &&
		       bench_eq("operation answered", st->done_opnum, c->id) &&
		       bench_eq("status", o->tw.status, 0) &&
		       bench_eq("towers reported", o->tw.n, c->count) &&
		       bench_eq("first tower's port", o->tw.t[0].port,
				c->port) &&
		       bench_addr_ok(o->tw.t[0].addr, c->addr) &&
		       dce_towers_ok(io);
	}
	return bench_fail("PDU type (no check for it)", c->kind, -1);
}

/* Core: the TCP and UDP header checks (nfalg_sanity_skb()) */

static int tcp_check_run(const struct bench_case *c, struct bench_io *io)
{
	io->out.anomaly = nfalg_tcp_check((const u8 *)io->buf, io->len,
					  c->total);
	return io->out.anomaly;
}

static int udp_check_run(const struct bench_case *c, struct bench_io *io)
{
	io->out.anomaly = nfalg_udp_check((const u8 *)io->buf, io->len,
					  c->total);
	return io->out.anomaly;
}

/* Core: ping tracking (nfalg_ping_packet()), one echo request or reply */

static int ping_run(const struct bench_case *c, struct bench_io *io)
{
	if (!c->reply)
		return nfalg_ping_request(&io->st.ping, c->id);
	return nfalg_ping_reply(&io->st.ping, c->id);
}

/* A request: nothing outstanding; a reply: its request outstanding */
static void ping_prepare(const struct bench_case *c, struct bench_io *io)
{
	memset(&io->st.ping, 0, sizeof(io->st.ping));
	if (c->reply && nfalg_ping_request(&io->st.ping, c->id))
		abort();
}

static bool ping_check(const struct bench_case *c, const struct bench_io *io)
{
	return bench_ret_ok(c, io) &&
	       bench_eq("outstanding", io->st.ping.count, !c->reply);
}

/* Messages built at start-up */

static void put(struct bench_buf *m, const void *p, unsigned int n)
{
	if (m->n + n > sizeof(m->b))
		abort();
	memcpy(m->b + m->n, p, n);
	m->n += n;
}

/* FTP: a 4 KiB line, no command, over NFALG_FTP_MAX_LINE */
static void build_ftp_long(struct bench_buf *m)
{
	static const char cmd[] = "SITE EXEC ";

	m->n = 0;
	put(m, cmd, sizeof(cmd) - 1);
	memset(m->b + m->n, 'A', 4096 - 2 - m->n);
	m->n = 4096 - 2;
	put(m, "\r\n", 2);
}

/* BER: tag, definite length in its shortest form, value */
static void ber(struct bench_buf *m, u8 tag, const void *v, unsigned int n)
{
	u8 h[4] = { tag };
	unsigned int hl = 2;

	if (n < 0x80) {
		h[1] = n;
	} else if (n < 0x100) {
		h[1] = 0x81;
		h[2] = n;
		hl = 3;
	} else {
		h[1] = 0x82;
		h[2] = n >> 8;
		h[3] = n;
		hl = 4;
	}
	put(m, h, hl);
	put(m, v, n);
}

static void ber_wrap(struct bench_buf *m, u8 tag, const struct bench_buf *in)
{
	ber(m, tag, in->b, in->n);
}

/* A non-negative INTEGER (or application type @tag) in fewest octets */
static void ber_uint(struct bench_buf *m, u8 tag, u32 v)
{
	u8 b[5] = { 0, v >> 24, v >> 16, v >> 8, v };
	unsigned int i = 0;

	while (i < 4 && !b[i] && !(b[i + 1] & 0x80))
		i++;
	ber(m, tag, b + i, 5 - i);
}

static void ber_str(struct bench_buf *m, const char *s)
{
	ber(m, 0x04, s, strlen(s));
}

/* An OBJECT IDENTIFIER from its dotted text */
static void ber_oid(struct bench_buf *m, const char *text)
{
	u8 b[64], t[5];
	unsigned long arc[32];
	unsigned int na = 0, n = 0, i, k;
	char *end;

	while (na < ARRAY_SIZE(arc)) {
		arc[na++] = strtoul(text, &end, 10);
		if (*end != '.')
			break;
		text = end + 1;
	}
	b[n++] = arc[0] * 40 + arc[1];
	for (i = 2; i < na; i++) {
		k = 0;
		do {
			t[k++] = arc[i] & 0x7f;
			arc[i] >>= 7;
		} while (arc[i]);
		while (k--)
			b[n++] = t[k] | (k ? 0x80 : 0);
	}
	ber(m, 0x06, b, n);
}

/* Append a VarBind "@oid = @val" (@val a whole encoded value) */
static void varbind(struct bench_buf *list, const char *oid,
		    const struct bench_buf *val)
{
	struct bench_buf vb = { .n = 0 };

	ber_oid(&vb, oid);
	put(&vb, val->b, val->n);
	ber_wrap(list, 0x30, &vb);
}

static void varbind_null(struct bench_buf *list, const char *oid)
{
	struct bench_buf v = { .n = 0 };

	ber(&v, 0x05, NULL, 0);
	varbind(list, oid, &v);
}

static void varbind_uint(struct bench_buf *list, const char *oid, u8 tag,
			 u32 x)
{
	struct bench_buf v = { .n = 0 };

	ber_uint(&v, tag, x);
	varbind(list, oid, &v);
}

/* request-id, error-status, error-index, variable-bindings */
static void snmp_pdu(struct bench_buf *m, u8 type, u32 id,
		     const struct bench_buf *vbl)
{
	struct bench_buf p = { .n = 0 };

	ber_uint(&p, 0x02, id);
	ber_uint(&p, 0x02, 0);
	ber_uint(&p, 0x02, 0);
	ber_wrap(&p, 0x30, vbl);
	ber_wrap(m, 0xa0 + type, &p);
}

/* v1 or v2c: version, community, PDU */
static void snmp_community(struct bench_buf *m, u8 version,
			   const char *community, const struct bench_buf *pdu)
{
	struct bench_buf in = { .n = 0 };

	ber_uint(&in, 0x02, version);
	ber_str(&in, community);
	put(&in, pdu->b, pdu->n);
	m->n = 0;
	ber_wrap(m, 0x30, &in);
}

#define OID_SYSDESCR	"1.3.6.1.2.1.1.1.0"
#define OID_SYSUPTIME	"1.3.6.1.2.1.1.3.0"
#define OID_SYSCONTACT	"1.3.6.1.2.1.1.4.0"
#define OID_IFENTRY	"1.3.6.1.2.1.2.2.1."
#define OID_TRAPOID	"1.3.6.1.6.3.1.1.4.1.0"
#define OID_LINKDOWN	"1.3.6.1.6.3.1.1.5.3"
#define OID_NETSNMP	"1.3.6.1.4.1.8072.3.2.10"

#define BER_TIMETICKS	0x43
#define BER_COUNTER32	0x41

/* snmpget -v1 -c public: sysDescr.0 */
static void build_snmp_v1_get(struct bench_buf *m)
{
	struct bench_buf vbl = { .n = 0 }, pdu = { .n = 0 };

	varbind_null(&vbl, OID_SYSDESCR);
	snmp_pdu(&pdu, NFALG_SNMP_PDU_GET, 0x1f2e3d4c, &vbl);
	snmp_community(m, NFALG_SNMP_V1, "public", &pdu);
}

/* A poller's v2c get of one interface's description, status, octets */
static void build_snmp_v2c_get(struct bench_buf *m)
{
	struct bench_buf vbl = { .n = 0 }, pdu = { .n = 0 };

	varbind_null(&vbl, OID_IFENTRY "2.2");
	varbind_null(&vbl, OID_IFENTRY "8.2");
	varbind_null(&vbl, OID_IFENTRY "10.2");
	varbind_null(&vbl, OID_IFENTRY "16.2");
	snmp_pdu(&pdu, NFALG_SNMP_PDU_GET, 0x5a6b7c0d, &vbl);
	snmp_community(m, NFALG_SNMP_V2C, "public", &pdu);
}

/* snmpset -v2c -c private: sysContact.0 = "noc@example.net" */
static void build_snmp_v2c_set(struct bench_buf *m)
{
	struct bench_buf vbl = { .n = 0 }, pdu = { .n = 0 }, v = { .n = 0 };

	ber_str(&v, "noc@example.net");
	varbind(&vbl, OID_SYSCONTACT, &v);
	snmp_pdu(&pdu, NFALG_SNMP_PDU_SET, 0x0badcafe, &vbl);
	snmp_community(m, NFALG_SNMP_V2C, "private", &pdu);
}

/* v1 linkDown trap of interface 2 from agent 192.0.2.30 */
static void build_snmp_v1_trap(struct bench_buf *m)
{
	static const u8 agent[4] = { 192, 0, 2, 30 };
	struct bench_buf p = { .n = 0 }, vbl = { .n = 0 }, pdu = { .n = 0 };

	ber_oid(&p, OID_NETSNMP);
	ber(&p, 0x40, agent, sizeof(agent));
	ber_uint(&p, 0x02, 2);			/* generic-trap: linkDown */
	ber_uint(&p, 0x02, 0);			/* specific-trap */
	ber_uint(&p, BER_TIMETICKS, 8640123);	/* time-stamp */
	varbind_uint(&vbl, OID_IFENTRY "1.2", 0x02, 2);
	varbind_uint(&vbl, OID_IFENTRY "7.2", 0x02, 1);
	varbind_uint(&vbl, OID_IFENTRY "8.2", 0x02, 2);
	ber_wrap(&p, 0x30, &vbl);
	ber_wrap(&pdu, 0xa0 + NFALG_SNMP_PDU_TRAP1, &p);
	snmp_community(m, NFALG_SNMP_V1, "public", &pdu);
}

/* The same event as a v2c SNMPv2-Trap */
static void build_snmp_v2c_trap(struct bench_buf *m)
{
	struct bench_buf vbl = { .n = 0 }, pdu = { .n = 0 }, v = { .n = 0 };

	varbind_uint(&vbl, OID_SYSUPTIME, BER_TIMETICKS, 8640123);
	ber_oid(&v, OID_LINKDOWN);
	varbind(&vbl, OID_TRAPOID, &v);
	varbind_uint(&vbl, OID_IFENTRY "1.2", 0x02, 2);
	varbind_uint(&vbl, OID_IFENTRY "7.2", 0x02, 1);
	varbind_uint(&vbl, OID_IFENTRY "8.2", 0x02, 2);
	snmp_pdu(&pdu, NFALG_SNMP_PDU_TRAP2, 0x3c4d5e6f, &vbl);
	snmp_community(m, NFALG_SNMP_V2C, "public", &pdu);
}

/* A net-snmp style engine ID (enterprise 8072, format 128, 12 bytes) */
static const u8 snmp_engine[] = {
	0x80, 0x00, 0x1f, 0x88, 0x80, 0x4d, 0x3b, 0x21, 0x6c, 0x0e, 0x90,
	0x52, 0x67, 0x00, 0x00, 0x00, 0x00,
};

/* Deterministic bytes standing for digests, salts and ciphertext */
static void fill(u8 *p, unsigned int n, u32 seed)
{
	while (n--) {
		seed = seed * 1103515245 + 12345;
		*p++ = seed >> 16;
	}
}

/*
 * v3 with the User-based Security Model, user "monitor" with SHA
 * authentication (and AES privacy with @priv): a get of sysDescr.0
 */
static void snmp_v3(struct bench_buf *m, bool priv)
{
	struct bench_buf glob = { .n = 0 }, usm = { .n = 0 }, sp = { .n = 0 };
	struct bench_buf in = { .n = 0 }, sc = { .n = 0 }, scoped = { .n = 0 };
	struct bench_buf vbl = { .n = 0 }, pdu = { .n = 0 };
	u8 flags = priv ? 0x07 : 0x05, digest[12], salt[8], cipher[128];

	ber_uint(&glob, 0x02, 0x2b5e1d0c);	/* msgID */
	ber_uint(&glob, 0x02, 65507);		/* msgMaxSize */
	ber(&glob, 0x04, &flags, 1);		/* msgFlags */
	ber_uint(&glob, 0x02, 3);		/* msgSecurityModel: USM */

	fill(digest, sizeof(digest), 1);
	fill(salt, sizeof(salt), 2);
	ber(&sp, 0x04, snmp_engine, sizeof(snmp_engine));
	ber_uint(&sp, 0x02, 7);			/* engine boots */
	ber_uint(&sp, 0x02, 1234567);		/* engine time */
	ber_str(&sp, "monitor");
	ber(&sp, 0x04, digest, sizeof(digest));
	ber(&sp, 0x04, salt, priv ? sizeof(salt) : 0);
	ber_wrap(&usm, 0x30, &sp);

	varbind_null(&vbl, OID_SYSDESCR);
	snmp_pdu(&pdu, NFALG_SNMP_PDU_GET, 0x7e8f9012, &vbl);
	ber(&sc, 0x04, snmp_engine, sizeof(snmp_engine));
	ber_str(&sc, "");
	put(&sc, pdu.b, pdu.n);
	ber_wrap(&scoped, 0x30, &sc);

	ber_uint(&in, 0x02, NFALG_SNMP_V3);
	ber_wrap(&in, 0x30, &glob);
	ber_wrap(&in, 0x04, &usm);
	if (priv) {
		/* AES-CFB: the ciphertext is as long as the ScopedPDU */
		if (scoped.n > sizeof(cipher))
			abort();
		fill(cipher, scoped.n, 3);
		ber(&in, 0x04, cipher, scoped.n);
	} else {
		put(&in, scoped.b, scoped.n);
	}
	m->n = 0;
	ber_wrap(m, 0x30, &in);
}

static void build_snmp_v3(struct bench_buf *m)
{
	snmp_v3(m, false);
}

static void build_snmp_v3_priv(struct bench_buf *m)
{
	snmp_v3(m, true);
}

/* The v2c get with a PDU length one past the end of the datagram */
static void build_snmp_bad(struct bench_buf *m)
{
	/* 30 len, 02 01 01, 04 06 "public", then the PDU */
	unsigned int off = 2 + 3 + 2 + 6;

	build_snmp_v2c_get(m);
	if (m->b[1] >= 0x80 || m->b[off] != 0xa0 || m->b[off + 1] >= 0x7f)
		abort();
	m->b[off + 1]++;
}

/*
 * SIP, a call through a proxy: Alice (a softphone at 192.0.2.10,
 * 2001:db8::10) calls Bob (198.51.100.20) via example.com's proxy
 * (198.51.100.5).
 */

#define SIP_UA		"User-Agent: Linphone-Desktop/5.2.6 (belle-sip/5.2.98)\r\n"
#define SIP_ALLOW	"Allow: INVITE, ACK, CANCEL, OPTIONS, BYE, REFER, NOTIFY, MESSAGE, SUBSCRIBE, INFO, PRACK, UPDATE\r\n"
#define SIP_SUPPORTED	"Supported: replaces, outbound, gruu, path\r\n"
#define SIP_INSTANCE	";+sip.instance=\"<urn:uuid:5d9b2c4e-1f2a-4b3c-8d7e-0a1b2c3d4e5f>\""
#define SIP_FROM	"From: \"Alice\" <sip:alice@example.com>;tag=Yx8IKq0aM\r\n"
#define SIP_TO		"To: <sip:bob@example.com>"
#define SIP_CALL_ID	"Call-ID: 4N7oW2qH5s-Tz1bQ\r\n"

#define SIP_INVITE_HEAD(via, contact)					\
	"INVITE sip:bob@example.com SIP/2.0\r\n"			\
	"Via: SIP/2.0/UDP " via ";branch=z9hG4bK.Xq3Zt1vPa;rport\r\n"	\
	SIP_FROM							\
	SIP_TO "\r\n"							\
	"CSeq: 20 INVITE\r\n"						\
	SIP_CALL_ID							\
	"Max-Forwards: 70\r\n"						\
	SIP_SUPPORTED							\
	SIP_ALLOW							\
	"Content-Type: application/sdp\r\n"				\
	"Contact: <sip:alice@" contact ";transport=udp>" SIP_INSTANCE "\r\n" \
	SIP_UA

#define SIP_OFFER(in, addr)						\
	"v=0\r\n"							\
	"o=alice 3029 1431 IN " in " " addr "\r\n"			\
	"s=Talk\r\n"							\
	"c=IN " in " " addr "\r\n"					\
	"t=0 0\r\n"							\
	"a=rtcp-xr:rcvr-rtt=all:10000 stat-summary=loss,dup,jitt,TTL voip-metrics\r\n" \
	"m=audio 7078 RTP/AVP 96 97 98 0 8 18 101 99 100\r\n"		\
	"a=rtpmap:96 opus/48000/2\r\n"					\
	"a=fmtp:96 useinbandfec=1\r\n"					\
	"a=rtpmap:97 speex/16000\r\n"					\
	"a=fmtp:97 vbr=on\r\n"						\
	"a=rtpmap:98 speex/8000\r\n"					\
	"a=fmtp:98 vbr=on\r\n"						\
	"a=fmtp:18 annexb=yes\r\n"					\
	"a=rtpmap:101 telephone-event/48000\r\n"			\
	"a=rtpmap:99 telephone-event/16000\r\n"				\
	"a=rtpmap:100 telephone-event/8000\r\n"				\
	"a=rtcp-fb:* trr-int 1000\r\n"					\
	"a=rtcp-fb:* ccm tmmbr\r\n"

static const char sip_invite4[] =
	SIP_INVITE_HEAD("192.0.2.10:5060", "192.0.2.10:5060");
static const char sip_offer4[] = SIP_OFFER("IP4", "192.0.2.10");
static const char sip_invite6[] =
	SIP_INVITE_HEAD("[2001:db8::10]:5060", "[2001:db8::10]:5060");
static const char sip_offer6[] = SIP_OFFER("IP6", "2001:db8::10");

/* Bob's answers, through the proxy: its Via first, then Alice's */
#define SIP_RESPONSE_HEAD(status)					\
	"SIP/2.0 " status "\r\n"					\
	"Via: SIP/2.0/UDP 198.51.100.5;branch=z9hG4bK3e1f.7c2a9b01\r\n"	\
	"Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK.Xq3Zt1vPa;rport=5060;received=203.0.113.5\r\n" \
	"Record-Route: <sip:198.51.100.5;lr>\r\n"			\
	SIP_FROM							\
	SIP_TO ";tag=as6f0c29d1\r\n"					\
	SIP_CALL_ID							\
	"CSeq: 20 INVITE\r\n"						\
	"Contact: <sip:bob@198.51.100.20:5060>\r\n"

static const char sip_ringing[] =
	SIP_RESPONSE_HEAD("180 Ringing")
	"Content-Length: 0\r\n"
	"\r\n";

static const char sip_ok[] =
	SIP_RESPONSE_HEAD("200 OK")
	SIP_ALLOW
	SIP_SUPPORTED
	"User-Agent: Asterisk PBX 20.5.0\r\n"
	"Content-Type: application/sdp\r\n";

static const char sip_answer[] =
	"v=0\r\n"
	"o=root 1187297547 1187297547 IN IP4 198.51.100.20\r\n"
	"s=Asterisk PBX 20.5.0\r\n"
	"c=IN IP4 198.51.100.20\r\n"
	"t=0 0\r\n"
	"m=audio 18442 RTP/AVP 96 0 101\r\n"
	"a=rtpmap:96 opus/48000/2\r\n"
	"a=fmtp:96 useinbandfec=1\r\n"
	"a=rtpmap:0 PCMU/8000\r\n"
	"a=rtpmap:101 telephone-event/8000\r\n"
	"a=fmtp:101 0-16\r\n"
	"a=ptime:20\r\n"
	"a=maxptime:150\r\n"
	"a=sendrecv\r\n";

/* In-dialog requests from Alice, to Bob's Contact through the proxy */
#define SIP_IN_DIALOG(method, cseq, branch)				\
	method " sip:bob@198.51.100.20:5060 SIP/2.0\r\n"		\
	"Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK." branch ";rport\r\n" \
	"Route: <sip:198.51.100.5;lr>\r\n"				\
	SIP_FROM							\
	SIP_TO ";tag=as6f0c29d1\r\n"					\
	"CSeq: " cseq " " method "\r\n"					\
	SIP_CALL_ID							\
	"Max-Forwards: 70\r\n"						\
	SIP_UA								\
	"Content-Length: 0\r\n"						\
	"\r\n"

static const char sip_ack[] = SIP_IN_DIALOG("ACK", "20", "aK2mV8cLq");
static const char sip_bye[] = SIP_IN_DIALOG("BYE", "21", "Pw4nR7tYe");

static const char sip_register[] =
	"REGISTER sip:example.com SIP/2.0\r\n"
	"Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK.r7Tq2LmNo;rport\r\n"
	"From: <sip:alice@example.com>;tag=p0Qw9ErTy\r\n"
	"To: sip:alice@example.com\r\n"
	"CSeq: 22 REGISTER\r\n"
	"Call-ID: 9fK3lM7nB1-Xc4vZ\r\n"
	"Max-Forwards: 70\r\n"
	SIP_SUPPORTED
	"Accept: application/sdp\r\n"
	"Accept: text/plain\r\n"
	"Accept: application/vnd.gsma.rcs-ft-http+xml\r\n"
	"Contact: <sip:alice@192.0.2.10:5060;transport=udp>" SIP_INSTANCE
	";+org.linphone.specs=\"lime\"\r\n"
	"Expires: 3600\r\n"
	SIP_UA
	"Authorization: Digest realm=\"example.com\", nonce=\"Z2RlZjY0NzI4MjQ1OTk0YWJj\", algorithm=MD5, opaque=\"+GNywA==\", username=\"alice\", uri=\"sip:example.com\", response=\"8b1d2c4e5f60718293a4b5c6d7e8f901\", cnonce=\"ho0s1mbvVU2mqJbH\", nc=00000001, qop=auth\r\n"
	"Content-Length: 0\r\n"
	"\r\n";

/* The IPv4 INVITE without its CSeq header: refused after the headers */
static void build_sip_no_cseq(struct bench_buf *m)
{
	static const char cseq[] = "CSeq: 20 INVITE\r\n";
	const char *p = strstr(sip_invite4, cseq);
	unsigned int n;

	if (!p)
		abort();
	n = p - sip_invite4;
	m->n = 0;
	put(m, sip_invite4, n);
	put(m, p + sizeof(cseq) - 1, strlen(p) - (sizeof(cseq) - 1));
	n = snprintf((char *)m->b + m->n, sizeof(m->b) - m->n,
		     "Content-Length: %zu\r\n\r\n%s", strlen(sip_offer4),
		     sip_offer4);
	m->n += n;
}

/*
 * A bound rather than a realistic message: the BYE grown to the largest
 * message parsed (NFALG_SIP_MAX_MSG) with proxies' Via headers (by name,
 * so that they count toward no limit of address references)
 */
static void build_sip_4k(struct bench_buf *m)
{
	const char *rest = strstr(sip_bye, "\r\n") + 2;
	unsigned int i = 0, n;
	char via[128];

	m->n = 0;
	put(m, sip_bye, rest - sip_bye);
	for (;;) {
		n = snprintf(via, sizeof(via),
			     "Via: SIP/2.0/UDP edge%02u.proxy.example.net:5060;branch=z9hG4bK-%06u-1---5a8d;rport\r\n",
			     i, 524287 - i);
		if (m->n + n + strlen(rest) > NFALG_SIP_MAX_MSG)
			break;
		put(m, via, n);
		i++;
	}
	put(m, rest, strlen(rest));
}

/* Sun RPC: XDR words and strings */
static void xdr32(struct bench_buf *m, u32 v)
{
	u8 b[4] = { v >> 24, v >> 16, v >> 8, v };

	put(m, b, 4);
}

static void xdr_str(struct bench_buf *m, const char *s)
{
	static const u8 zero[3];
	unsigned int n = strlen(s);

	xdr32(m, n);
	put(m, s, n);
	put(m, zero, -n & 3);
}

/* A TCP record: the message @m behind its mark (one, last fragment) */
static void rpc_record(struct bench_buf *m)
{
	struct bench_buf r = { .n = 0 };

	xdr32(&r, 0x80000000 | m->n);
	put(&r, m->b, m->n);
	*m = r;
}

/* Call header: xid, CALL, RPC version 2, the portmapper, @vers, @proc */
static void rpc_call_head(struct bench_buf *m, u32 xid, u32 vers, u32 proc)
{
	m->n = 0;
	xdr32(m, xid);
	xdr32(m, 0);
	xdr32(m, 2);
	xdr32(m, NFALG_RPC_PMAP_PROG);
	xdr32(m, vers);
	xdr32(m, proc);
}

/* Successful reply header: xid, REPLY, MSG_ACCEPTED, AUTH_NONE, SUCCESS */
static void rpc_reply_head(struct bench_buf *m, u32 xid)
{
	m->n = 0;
	xdr32(m, xid);
	xdr32(m, 1);
	xdr32(m, 0);
	xdr32(m, 0);
	xdr32(m, 0);
	xdr32(m, 0);
}

/*
 * mount.nfs asking the portmapper for NFS v3 over TCP (v2 GETPORT over
 * UDP) with an AUTH_UNIX credential
 */
static void build_rpc_getport_call(struct bench_buf *m)
{
	struct bench_buf cred = { .n = 0 };

	rpc_call_head(m, 0x5c1d6a01, 2, 3);
	xdr32(&cred, 0x65a1b2c3);		/* stamp */
	xdr_str(&cred, "client1.example.net");
	xdr32(&cred, 0);			/* uid, gid, gids<> */
	xdr32(&cred, 0);
	xdr32(&cred, 1);
	xdr32(&cred, 0);
	xdr32(m, 1);				/* AUTH_UNIX */
	xdr32(m, cred.n);
	put(m, cred.b, cred.n);
	xdr32(m, 0);				/* verifier: AUTH_NONE */
	xdr32(m, 0);
	xdr32(m, 100003);
	xdr32(m, 3);
	xdr32(m, IPPROTO_TCP);
	xdr32(m, 0);
}

/* Its answer: port 2049 */
static void build_rpc_getport_reply(struct bench_buf *m)
{
	rpc_reply_head(m, 0x5c1d6a01);
	xdr32(m, 2049);
}

/* rpcinfo's v4 GETADDR of NFS v3 over TCP, as a TCP record */
static void build_rpc_getaddr_call(struct bench_buf *m)
{
	rpc_call_head(m, 0x6b144d5a, 4, 3);
	xdr32(m, 0);				/* AUTH_NONE twice */
	xdr32(m, 0);
	xdr32(m, 0);
	xdr32(m, 0);
	xdr32(m, 100003);
	xdr32(m, 3);
	xdr_str(m, "tcp");
	xdr_str(m, "192.0.2.10.0.111");
	xdr_str(m, "libtirpc");
	rpc_record(m);
}

static void build_rpc_getaddr_reply(struct bench_buf *m)
{
	rpc_reply_head(m, 0x6b144d5a);
	xdr_str(m, "198.51.100.20.8.1");
	rpc_record(m);
}

static void build_rpc_getaddr_reply6(struct bench_buf *m)
{
	rpc_reply_head(m, 0x6b144d5a);
	xdr_str(m, "2001:db8:0:1::20.8.1");
	rpc_record(m);
}

/* GETADDRLIST of NFS v3: TCP and UDP over IPv4 and IPv6 */
static void build_rpc_getaddrlist_reply(struct bench_buf *m)
{
	static const char * const e[4][4] = {
		{ "198.51.100.20.8.1", "tcp", "inet", "tcp" },
		{ "198.51.100.20.8.1", "udp", "inet", "udp" },
		{ "2001:db8:0:1::20.8.1", "tcp6", "inet6", "tcp" },
		{ "2001:db8:0:1::20.8.1", "udp6", "inet6", "udp" },
	};
	unsigned int i;

	rpc_reply_head(m, 0x6b1368e3);
	for (i = 0; i < 4; i++) {
		xdr32(m, 1);
		xdr_str(m, e[i][0]);
		xdr_str(m, e[i][1]);
		xdr32(m, e[i][3][0] == 't' ? 3 : 1); /* COTS_ORD, CLTS */
		xdr_str(m, e[i][2]);
		xdr_str(m, e[i][3]);
	}
	xdr32(m, 0);
	rpc_record(m);
}

/*
 * DCE RPC: PDUs of the fuzz corpus (tools/fuzz/corpus/dcerpc/, as
 * tests/unit/test_dcerpc_parse.c builds them), little-endian NDR: besides
 * impacket's bind, a Windows client asks the endpoint mapper of a server
 * at 192.168.1.10 where drsuapi 4.0 is.
 */

/* bind-impacket: DCERPC_v5.bind(MSRPC_UUID_PORTMAP), epm 3.0 over NDR */
static const u8 dce_bind_impacket[72] = {
	0x05, 0x00, 0x0b, 0x03, 0x10, 0x00, 0x00, 0x00,
	0x48, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00,
	0xb8, 0x10, 0xb8, 0x10, 0x00, 0x00, 0x00, 0x00,
	0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00,
	0x08, 0x83, 0xaf, 0xe1, 0x1f, 0x5d, 0xc9, 0x11,
	0x91, 0xa4, 0x08, 0x00, 0x2b, 0x14, 0xa0, 0xfa,
	0x03, 0x00, 0x00, 0x00, 0x04, 0x5d, 0x88, 0x8a,
	0xeb, 0x1c, 0xc9, 0x11, 0x9f, 0xe8, 0x08, 0x00,
	0x2b, 0x10, 0x48, 0x60, 0x02, 0x00, 0x00, 0x00,
};

/* bind-windows: epm over NDR, NDR64 and bind time features, call id 2 */
static const u8 dce_bind_windows[160] = {
	0x05, 0x00, 0x0b, 0x03, 0x10, 0x00, 0x00, 0x00,
	0xa0, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00,
	0xd0, 0x16, 0xd0, 0x16, 0x00, 0x00, 0x00, 0x00,
	0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00,
	0x08, 0x83, 0xaf, 0xe1, 0x1f, 0x5d, 0xc9, 0x11,
	0x91, 0xa4, 0x08, 0x00, 0x2b, 0x14, 0xa0, 0xfa,
	0x03, 0x00, 0x00, 0x00, 0x04, 0x5d, 0x88, 0x8a,
	0xeb, 0x1c, 0xc9, 0x11, 0x9f, 0xe8, 0x08, 0x00,
	0x2b, 0x10, 0x48, 0x60, 0x02, 0x00, 0x00, 0x00,
	0x01, 0x00, 0x01, 0x00, 0x08, 0x83, 0xaf, 0xe1,
	0x1f, 0x5d, 0xc9, 0x11, 0x91, 0xa4, 0x08, 0x00,
	0x2b, 0x14, 0xa0, 0xfa, 0x03, 0x00, 0x00, 0x00,
	0x33, 0x05, 0x71, 0x71, 0xba, 0xbe, 0x37, 0x49,
	0x83, 0x19, 0xb5, 0xdb, 0xef, 0x9c, 0xcc, 0x36,
	0x01, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01, 0x00,
	0x08, 0x83, 0xaf, 0xe1, 0x1f, 0x5d, 0xc9, 0x11,
	0x91, 0xa4, 0x08, 0x00, 0x2b, 0x14, 0xa0, 0xfa,
	0x03, 0x00, 0x00, 0x00, 0x2c, 0x1c, 0xb7, 0x6c,
	0x12, 0x98, 0x40, 0x45, 0x03, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00,
};

/* bind-ack-windows: NDR accepted, the other two refused; sec_addr "135" */
static const u8 dce_bind_ack_windows[108] = {
	0x05, 0x00, 0x0c, 0x03, 0x10, 0x00, 0x00, 0x00,
	0x6c, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00,
	0xd0, 0x16, 0xd0, 0x16, 0x45, 0x23, 0x01, 0x00,
	0x04, 0x00, 0x31, 0x33, 0x35, 0x00, 0x00, 0x00,
	0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x04, 0x5d, 0x88, 0x8a, 0xeb, 0x1c, 0xc9, 0x11,
	0x9f, 0xe8, 0x08, 0x00, 0x2b, 0x10, 0x48, 0x60,
	0x02, 0x00, 0x00, 0x00, 0x02, 0x00, 0x02, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x03, 0x00, 0x03, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00,
};

/* map-req-windows: ept_map of drsuapi 4.0, ncacn_ip_tcp, max_towers 4 */
static const u8 dce_map_req_windows[140] = {
	0x05, 0x00, 0x00, 0x03, 0x10, 0x00, 0x00, 0x00,
	0x8c, 0x00, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00,
	0x74, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00,
	0x4b, 0x00, 0x00, 0x00, 0x4b, 0x00, 0x00, 0x00,
	0x05, 0x00, 0x13, 0x00, 0x0d, 0x35, 0x42, 0x51,
	0xe3, 0x06, 0x4b, 0xd1, 0x11, 0xab, 0x04, 0x00,
	0xc0, 0x4f, 0xc2, 0xdc, 0xd2, 0x04, 0x00, 0x02,
	0x00, 0x00, 0x00, 0x13, 0x00, 0x0d, 0x04, 0x5d,
	0x88, 0x8a, 0xeb, 0x1c, 0xc9, 0x11, 0x9f, 0xe8,
	0x08, 0x00, 0x2b, 0x10, 0x48, 0x60, 0x02, 0x00,
	0x02, 0x00, 0x00, 0x00, 0x01, 0x00, 0x0b, 0x02,
	0x00, 0x00, 0x00, 0x01, 0x00, 0x07, 0x02, 0x00,
	0x00, 0x87, 0x01, 0x00, 0x09, 0x04, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x04, 0x00, 0x00, 0x00,
};

/* map-resp-one: its answer, drsuapi at 192.168.1.10 port 49667 */
static const u8 dce_map_resp_one[152] = {
	0x05, 0x00, 0x02, 0x03, 0x10, 0x00, 0x00, 0x00,
	0x98, 0x00, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00,
	0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00,
	0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x01, 0x00, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00,
	0x4b, 0x00, 0x00, 0x00, 0x4b, 0x00, 0x00, 0x00,
	0x05, 0x00, 0x13, 0x00, 0x0d, 0x35, 0x42, 0x51,
	0xe3, 0x06, 0x4b, 0xd1, 0x11, 0xab, 0x04, 0x00,
	0xc0, 0x4f, 0xc2, 0xdc, 0xd2, 0x04, 0x00, 0x02,
	0x00, 0x00, 0x00, 0x13, 0x00, 0x0d, 0x04, 0x5d,
	0x88, 0x8a, 0xeb, 0x1c, 0xc9, 0x11, 0x9f, 0xe8,
	0x08, 0x00, 0x2b, 0x10, 0x48, 0x60, 0x02, 0x00,
	0x02, 0x00, 0x00, 0x00, 0x01, 0x00, 0x0b, 0x02,
	0x00, 0x00, 0x00, 0x01, 0x00, 0x07, 0x02, 0x00,
	0xc2, 0x03, 0x01, 0x00, 0x09, 0x04, 0x00, 0xc0,
	0xa8, 0x01, 0x0a, 0x00, 0x00, 0x00, 0x00, 0x00,
};

/*
 * lookup-resp: ept_lookup's answer of 4 entries: lsarpc over TCP
 * (49668) and over \\PIPE\\lsass, samr without a tower, drsuapi over TCP
 * (49667, 0.0.0.0)
 */
static const u8 dce_lookup_resp[492] = {
	0x05, 0x00, 0x02, 0x03, 0x10, 0x00, 0x00, 0x00,
	0xec, 0x01, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00,
	0xd4, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00,
	0xf4, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x49, 0x9e, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00,
	0x4c, 0x53, 0x41, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x60, 0x82, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x0c, 0x00, 0x00, 0x00,
	0x6c, 0x73, 0x61, 0x73, 0x73, 0x20, 0x70, 0x69,
	0x70, 0x65, 0x21, 0x00, 0x78, 0x57, 0x34, 0x12,
	0x34, 0x12, 0xcd, 0xab, 0xef, 0x00, 0x01, 0x23,
	0x45, 0x67, 0x89, 0xac, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x64, 0x82, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x1e, 0x00, 0x00, 0x00,
	0x4d, 0x53, 0x20, 0x4e, 0x54, 0x20, 0x44, 0x69,
	0x72, 0x65, 0x63, 0x74, 0x6f, 0x72, 0x79, 0x20,
	0x44, 0x52, 0x53, 0x20, 0x49, 0x6e, 0x74, 0x65,
	0x72, 0x66, 0x61, 0x63, 0x65, 0x00, 0x00, 0x00,
	0x4b, 0x00, 0x00, 0x00, 0x4b, 0x00, 0x00, 0x00,
	0x05, 0x00, 0x13, 0x00, 0x0d, 0x78, 0x57, 0x34,
	0x12, 0x34, 0x12, 0xcd, 0xab, 0xef, 0x00, 0x01,
	0x23, 0x45, 0x67, 0x89, 0xab, 0x00, 0x00, 0x02,
	0x00, 0x00, 0x00, 0x13, 0x00, 0x0d, 0x04, 0x5d,
	0x88, 0x8a, 0xeb, 0x1c, 0xc9, 0x11, 0x9f, 0xe8,
	0x08, 0x00, 0x2b, 0x10, 0x48, 0x60, 0x02, 0x00,
	0x02, 0x00, 0x00, 0x00, 0x01, 0x00, 0x0b, 0x02,
	0x00, 0x00, 0x00, 0x01, 0x00, 0x07, 0x02, 0x00,
	0xc2, 0x04, 0x01, 0x00, 0x09, 0x04, 0x00, 0xc0,
	0xa8, 0x01, 0x0a, 0x00, 0x57, 0x00, 0x00, 0x00,
	0x57, 0x00, 0x00, 0x00, 0x05, 0x00, 0x13, 0x00,
	0x0d, 0x78, 0x57, 0x34, 0x12, 0x34, 0x12, 0xcd,
	0xab, 0xef, 0x00, 0x01, 0x23, 0x45, 0x67, 0x89,
	0xab, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x13,
	0x00, 0x0d, 0x04, 0x5d, 0x88, 0x8a, 0xeb, 0x1c,
	0xc9, 0x11, 0x9f, 0xe8, 0x08, 0x00, 0x2b, 0x10,
	0x48, 0x60, 0x02, 0x00, 0x02, 0x00, 0x00, 0x00,
	0x01, 0x00, 0x0b, 0x02, 0x00, 0x00, 0x00, 0x01,
	0x00, 0x0f, 0x0c, 0x00, 0x5c, 0x50, 0x49, 0x50,
	0x45, 0x5c, 0x6c, 0x73, 0x61, 0x73, 0x73, 0x00,
	0x01, 0x00, 0x11, 0x06, 0x00, 0x5c, 0x5c, 0x44,
	0x43, 0x31, 0x00, 0x00, 0x4b, 0x00, 0x00, 0x00,
	0x4b, 0x00, 0x00, 0x00, 0x05, 0x00, 0x13, 0x00,
	0x0d, 0x35, 0x42, 0x51, 0xe3, 0x06, 0x4b, 0xd1,
	0x11, 0xab, 0x04, 0x00, 0xc0, 0x4f, 0xc2, 0xdc,
	0xd2, 0x04, 0x00, 0x02, 0x00, 0x00, 0x00, 0x13,
	0x00, 0x0d, 0x04, 0x5d, 0x88, 0x8a, 0xeb, 0x1c,
	0xc9, 0x11, 0x9f, 0xe8, 0x08, 0x00, 0x2b, 0x10,
	0x48, 0x60, 0x02, 0x00, 0x02, 0x00, 0x00, 0x00,
	0x01, 0x00, 0x0b, 0x02, 0x00, 0x00, 0x00, 0x01,
	0x00, 0x07, 0x02, 0x00, 0xc2, 0x03, 0x01, 0x00,
	0x09, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00,
};

/* map-resp-fragments: that answer, call id 7, stubs of 30, 53, 45 bytes */
static const u8 dce_map_resp_frags[200] = {
	0x05, 0x00, 0x02, 0x01, 0x10, 0x00, 0x00, 0x00,
	0x36, 0x00, 0x00, 0x00, 0x07, 0x00, 0x00, 0x00,
	0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00,
	0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05, 0x00,
	0x02, 0x00, 0x10, 0x00, 0x00, 0x00, 0x4d, 0x00,
	0x00, 0x00, 0x07, 0x00, 0x00, 0x00, 0x80, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x01, 0x00, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00,
	0x4b, 0x00, 0x00, 0x00, 0x4b, 0x00, 0x00, 0x00,
	0x05, 0x00, 0x13, 0x00, 0x0d, 0x35, 0x42, 0x51,
	0xe3, 0x06, 0x4b, 0xd1, 0x11, 0xab, 0x04, 0x00,
	0xc0, 0x4f, 0xc2, 0xdc, 0xd2, 0x04, 0x00, 0x02,
	0x00, 0x00, 0x00, 0x13, 0x00, 0x0d, 0x04, 0x5d,
	0x88, 0x8a, 0xeb, 0x05, 0x00, 0x02, 0x02, 0x10,
	0x00, 0x00, 0x00, 0x45, 0x00, 0x00, 0x00, 0x07,
	0x00, 0x00, 0x00, 0x80, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x1c, 0xc9, 0x11, 0x9f, 0xe8,
	0x08, 0x00, 0x2b, 0x10, 0x48, 0x60, 0x02, 0x00,
	0x02, 0x00, 0x00, 0x00, 0x01, 0x00, 0x0b, 0x02,
	0x00, 0x00, 0x00, 0x01, 0x00, 0x07, 0x02, 0x00,
	0xc2, 0x03, 0x01, 0x00, 0x09, 0x04, 0x00, 0xc0,
	0xa8, 0x01, 0x0a, 0x00, 0x00, 0x00, 0x00, 0x00,
};

static void dce_le32(struct bench_buf *m, u32 v)
{
	u8 b[4] = { v, v >> 8, v >> 16, v >> 24 };

	put(m, b, 4);
}

/*
 * The answer to the same ept_map from a server on four subnets: drsuapi at
 * port 49667 on each of its addresses, 192.168.1.10 to 192.168.4.10
 * (map-resp-one's tower four times; referent ids from 3 on, as Windows
 * numbers them)
 */
static void build_dce_map_resp4(struct bench_buf *m)
{
	static const u8 zero[20];
	u8 t[75];
	unsigned int i;

	/* map-resp-one: the tower's octets at 72, its address's third at 73 */
	memcpy(t, dce_map_resp_one + 72, sizeof(t));
	m->n = 0;
	put(m, dce_map_resp_one, DCE_RESP_HEAD);
	put(m, zero, 20);			/* entry_handle */
	dce_le32(m, 4);				/* num_towers */
	dce_le32(m, 4);				/* max_count */
	dce_le32(m, 0);				/* offset */
	dce_le32(m, 4);				/* actual_count */
	for (i = 0; i < 4; i++)
		dce_le32(m, 3 + i);		/* referent ids */
	for (i = 0; i < 4; i++) {
		t[71 + 2] = 1 + i;
		dce_le32(m, sizeof(t));		/* conformance */
		dce_le32(m, sizeof(t));		/* tower_length */
		put(m, t, sizeof(t));
		put(m, zero, -m->n & 3);
	}
	dce_le32(m, 0);				/* status */
	m->b[8] = m->n & 0xff;			/* frag_length */
	m->b[9] = m->n >> 8;
	m->b[16] = (m->n - DCE_RESP_HEAD) & 0xff;	/* alloc_hint */
	m->b[17] = (m->n - DCE_RESP_HEAD) >> 8;
}

/* TCP header: 50000 -> 21, PSH+ACK, data offset 8 (timestamps) */
static const char tcp_hdr[] =
	"\xc3\x50\x00\x15\x1b\x2c\x3d\x4e\x5f\x60\x71\x82\x80\x18\x01\xf6"
	"\x8a\x3c\x00\x00";

/* UDP header: 41234 -> 53, length 71 */
static const char udp_hdr[] = "\xa1\x12\x00\x35\x00\x47\x5e\x21";

/* dig www.example.com: RD AD, one question, EDNS with a client cookie */
static const char dns_query[] =
	"\x4a\x7e\x01\x20\x00\x01\x00\x00\x00\x00\x00\x01"
	"\003www\007example\003com\000\000\001\000\001"
	"\x00\x00\x29\x04\xd0\x00\x00\x00\x00\x00\x0c"
	"\x00\x0a\x00\x08\x1f\x2e\x3d\x4c\x5b\x6a\x79\x88";

/*
 * Its answer: www.example.com CNAME cdn.example.net, two A records of
 * cdn.example.net (names compressed: pointers to offsets 12 and 45), EDNS
 */
static const char dns_answer[] =
	"\x4a\x7e\x81\xa0\x00\x01\x00\x03\x00\x00\x00\x01"
	"\003www\007example\003com\000\000\001\000\001"
	"\xc0\x0c\x00\x05\x00\x01\x00\x00\x0e\x10\x00\x11"
	"\003cdn\007example\003net\000"
	"\xc0\x2d\x00\x01\x00\x01\x00\x00\x01\x2c\x00\x04\xc6\x33\x64\x07"
	"\xc0\x2d\x00\x01\x00\x01\x00\x00\x01\x2c\x00\x04\xc6\x33\x64\x08"
	"\x00\x00\x29\x04\xd0\x00\x00\x00\x00\x00\x00";

static const struct bench_case cases[] = {
	{ "harness", "empty call (in every row)", M(""),
	  .run = nop_run, .check = nop_check },

	/* FTP */
	{ "ftp", "PORT", M("PORT 192,0,2,10,195,80\r\n"),
	  .run = ftp_run, .check = ftp_check, .ret = EXPECT_LEN,
	  .kind = NFALG_FTP_PORT, .addr = "192.0.2.10", .port = 50000 },
	{ "ftp", "EPRT IPv4", M("EPRT |1|192.0.2.10|50001|\r\n"),
	  .run = ftp_run, .check = ftp_check, .ret = EXPECT_LEN,
	  .kind = NFALG_FTP_EPRT, .addr = "192.0.2.10", .port = 50001 },
	{ "ftp", "EPRT IPv6", M("EPRT |2|2001:db8:0:1::10|50002|\r\n"),
	  .run = ftp_run, .check = ftp_check, .ret = EXPECT_LEN,
	  .kind = NFALG_FTP_EPRT, .addr = "2001:db8:0:1::10", .port = 50002 },
	{ "ftp", "227 (PASV reply)",
	  M("227 Entering Passive Mode (198,51,100,20,196,83).\r\n"),
	  .run = ftp_run, .check = ftp_check, .reply = true,
	  .ret = EXPECT_LEN, .kind = NFALG_FTP_PASV227,
	  .addr = "198.51.100.20", .port = 50259 },
	{ "ftp", "229 (EPSV reply)",
	  M("229 Entering Extended Passive Mode (|||50260|)\r\n"),
	  .run = ftp_run, .check = ftp_check, .reply = true,
	  .ret = EXPECT_LEN, .kind = NFALG_FTP_EPSV229, .port = 50260 },
	{ "ftp", "USER", M("USER anonymous\r\n"),
	  .run = ftp_run, .check = ftp_check, .ret = EXPECT_LEN },
	{ "ftp", "NOOP", M("NOOP\r\n"),
	  .run = ftp_run, .check = ftp_check, .ret = EXPECT_LEN },
	{ "ftp", "150 (other reply)",
	  M("150 Opening BINARY mode data connection for linux-6.1.tar.xz (134728964 bytes).\r\n"),
	  .run = ftp_run, .check = ftp_check, .reply = true,
	  .ret = EXPECT_LEN },
	{ "ftp", "4 KiB line (over 512)", .build = build_ftp_long,
	  .run = ftp_run, .check = ftp_check, .ret = -EMSGSIZE },
	{ "ftp", "PORT + NAT text", M("PORT 192,0,2,10,195,80\r\n"),
	  .run = ftp_nat_run, .prepare = bench_prepare_nat,
	  .check = ftp_check, .ret = EXPECT_LEN, .kind = NFALG_FTP_PORT,
	  .addr = "192.0.2.10", .port = 50000, .nat = "203.0.113.5",
	  .nat_port = 61000, .text = "203,0,113,5,238,72" },
	{ "ftp", "EPRT IPv4 + NAT text", M("EPRT |1|192.0.2.10|50001|\r\n"),
	  .run = ftp_nat_run, .prepare = bench_prepare_nat,
	  .check = ftp_check, .ret = EXPECT_LEN, .kind = NFALG_FTP_EPRT,
	  .addr = "192.0.2.10", .port = 50001, .nat = "203.0.113.5",
	  .nat_port = 61001, .text = "|1|203.0.113.5|61001|" },
	{ "ftp", "EPRT IPv6 + NAT text",
	  M("EPRT |2|2001:db8:0:1::10|50002|\r\n"),
	  .run = ftp_nat_run, .prepare = bench_prepare_nat,
	  .check = ftp_check, .ret = EXPECT_LEN, .kind = NFALG_FTP_EPRT,
	  .addr = "2001:db8:0:1::10", .port = 50002,
	  .nat = "2001:db8:ffff::5", .nat_port = 61002,
	  .text = "|2|2001:db8:ffff::5|61002|" },
	{ "ftp", "227 + NAT text",
	  M("227 Entering Passive Mode (198,51,100,20,196,83).\r\n"),
	  .run = ftp_nat_run, .prepare = bench_prepare_nat,
	  .check = ftp_check, .reply = true, .ret = EXPECT_LEN,
	  .kind = NFALG_FTP_PASV227, .addr = "198.51.100.20", .port = 50259,
	  .nat = "203.0.113.80", .nat_port = 61003,
	  .text = "203,0,113,80,238,75" },
	{ "ftp", "229 + NAT text",
	  M("229 Entering Extended Passive Mode (|||50260|)\r\n"),
	  .run = ftp_nat_run, .prepare = bench_prepare_nat,
	  .check = ftp_check, .reply = true, .ret = EXPECT_LEN,
	  .kind = NFALG_FTP_EPSV229, .port = 50260, .nat = "203.0.113.80",
	  .nat_port = 61004, .text = "|||61004|" },

	/* TFTP: the client's datagrams to port 69 */
	{ "tftp", "RRQ", M("\000\001boot/grub/x86_64-efi/normal.mod\000octet\000"),
	  .run = tftp_run, .check = tftp_check, .ret = NFALG_TFTP_RRQ,
	  .kind = NFALG_TFTP_RRQ },
	{ "tftp", "RRQ tsize+blksize (PXE)",
	  M("\000\001pxelinux.0\000octet\000tsize\0000\000blksize\0001468\000"),
	  .run = tftp_run, .check = tftp_check, .ret = NFALG_TFTP_RRQ,
	  .kind = NFALG_TFTP_RRQ, .count = 2 },
	{ "tftp", "WRQ tsize+blksize+windowsize",
	  M("\000\002backup/router1-confg\000octet\000tsize\0005123\000blksize\0001428\000windowsize\00016\000"),
	  .run = tftp_run, .check = tftp_check, .ret = NFALG_TFTP_WRQ,
	  .kind = NFALG_TFTP_WRQ, .count = 3 },
	{ "tftp", "ERROR", M("\000\005\000\000Transfer cancelled\000"),
	  .run = tftp_run, .check = tftp_check, .ret = NFALG_TFTP_ERROR,
	  .kind = NFALG_TFTP_ERROR },
	{ "tftp", "OACK (recognised only)",
	  M("\000\006tsize\0000\000blksize\0001468\000"),
	  .run = tftp_run, .check = tftp_check, .ret = NFALG_TFTP_OACK,
	  .kind = NFALG_TFTP_OACK },
	{ "tftp", "RRQ, unknown mode (refused)",
	  M("\000\001boot/grub/x86_64-efi/normal.mod\000binary\000"),
	  .run = tftp_run, .check = tftp_check, .ret = -EINVAL,
	  .kind = NFALG_TFTP_RRQ },

	/* rsh, rexec: the secondary port field */
	{ "rsh", "rsh port field", M("1023\0"),
	  .run = rsh_run, .check = rsh_check, .ret = EXPECT_LEN, .port = 1023 },
	{ "rsh", "rexec port field", M("41234\0"),
	  .run = rsh_run, .check = rsh_check, .ret = EXPECT_LEN, .port = 41234 },
	{ "rsh", "rexec, no secondary port", M("0\0"),
	  .run = rsh_run, .check = rsh_check, .ret = EXPECT_LEN },
	{ "rsh", "rsh port field + NAT text", M("1023\0"),
	  .run = rsh_nat_run, .check = rsh_check, .ret = EXPECT_LEN,
	  .port = 1023, .nat_port = 61005, .text = "61005" },

	/* SNMP: to port 161, or 162 for notifications */
	{ "snmp", "v1 get", .build = build_snmp_v1_get,
	  .run = snmp_run, .check = snmp_check, .version = NFALG_SNMP_V1,
	  .kind = NFALG_SNMP_PDU_GET },
	{ "snmp", "v2c get (4 varbinds)", .build = build_snmp_v2c_get,
	  .run = snmp_run, .check = snmp_check, .version = NFALG_SNMP_V2C,
	  .kind = NFALG_SNMP_PDU_GET },
	{ "snmp", "v2c set", .build = build_snmp_v2c_set,
	  .run = snmp_run, .check = snmp_check, .version = NFALG_SNMP_V2C,
	  .kind = NFALG_SNMP_PDU_SET, .commands = 1 << NFALG_SNMP_SET },
	{ "snmp", "v1 trap", .build = build_snmp_v1_trap,
	  .run = snmp_run, .check = snmp_check, .version = NFALG_SNMP_V1,
	  .kind = NFALG_SNMP_PDU_TRAP1, .notify = true,
	  .addr = "192.0.2.30" },
	{ "snmp", "v2c trap", .build = build_snmp_v2c_trap,
	  .run = snmp_run, .check = snmp_check, .version = NFALG_SNMP_V2C,
	  .kind = NFALG_SNMP_PDU_TRAP2, .notify = true },
	{ "snmp", "v3 get (authNoPriv)", .build = build_snmp_v3,
	  .run = snmp_run, .check = snmp_check, .version = NFALG_SNMP_V3,
	  .kind = NFALG_SNMP_PDU_GET },
	{ "snmp", "v3 get (authPriv)", .build = build_snmp_v3_priv,
	  .run = snmp_run, .check = snmp_check, .version = NFALG_SNMP_V3,
	  .kind = NFALG_SNMP_PDU_ENCRYPTED },
	{ "snmp", "malformed (PDU too long)", .build = build_snmp_bad,
	  .run = snmp_run, .check = snmp_check, .ret = -EINVAL },

	/* DNS */
	{ "dns", "query (EDNS)", M(dns_query),
	  .run = dns_run, .prepare = dns_prepare, .check = dns_check,
	  .id = 0x4a7e },
	{ "dns", "answer (3 RRs, compressed)", M(dns_answer),
	  .run = dns_run, .prepare = dns_prepare, .check = dns_check,
	  .reply = true, .id = 0x4a7e, .count = 1 },
	{ "dns", "answer, 2 queries waiting", M(dns_answer),
	  .run = dns_run, .prepare = dns_prepare, .check = dns_check,
	  .reply = true, .ret = 1, .id = 0x4a7e, .count = 2 },
	{ "dns", "too short (refused)", M("\x4a\x7e\x01\x20\x00\x01\x00"),
	  .run = dns_run, .prepare = dns_prepare, .check = dns_check,
	  .ret = -EINVAL },

	/* SIP */
	{ "sip", "INVITE, SDP IPv4", .msg = sip_invite4, .body = sip_offer4,
	  .run = sip_run, .check = sip_check, .ret = EXPECT_LEN,
	  .kind = NFALG_SIP_M_INVITE, .count = 4, .n_media = 1,
	  .port = 7078 },
	{ "sip", "INVITE, SDP IPv6", .msg = sip_invite6, .body = sip_offer6,
	  .run = sip_run, .check = sip_check, .ret = EXPECT_LEN,
	  .kind = NFALG_SIP_M_INVITE, .count = 4, .n_media = 1,
	  .port = 7078 },
	{ "sip", "180 Ringing", .msg = sip_ringing,
	  .run = sip_run, .check = sip_check, .reply = true,
	  .ret = EXPECT_LEN, .kind = NFALG_SIP_M_INVITE, .status = 180,
	  .count = 5 },
	{ "sip", "200 OK, SDP", .msg = sip_ok, .body = sip_answer,
	  .run = sip_run, .check = sip_check, .reply = true,
	  .ret = EXPECT_LEN, .kind = NFALG_SIP_M_INVITE, .status = 200,
	  .count = 7, .n_media = 1, .port = 18442 },
	{ "sip", "ACK", .msg = sip_ack,
	  .run = sip_run, .check = sip_check, .ret = EXPECT_LEN,
	  .kind = NFALG_SIP_M_ACK, .count = 3 },
	{ "sip", "BYE", .msg = sip_bye,
	  .run = sip_run, .check = sip_check, .ret = EXPECT_LEN,
	  .kind = NFALG_SIP_M_BYE, .count = 3 },
	{ "sip", "REGISTER", .msg = sip_register,
	  .run = sip_run, .check = sip_check, .ret = EXPECT_LEN,
	  .kind = NFALG_SIP_M_REGISTER, .count = 2 },
	{ "sip", "BYE, 4 KiB (proxies' Via)", .build = build_sip_4k,
	  .run = sip_run, .check = sip_check, .ret = EXPECT_LEN,
	  .kind = NFALG_SIP_M_BYE, .count = 3 },
	{ "sip", "frame INVITE (TCP)", .msg = sip_invite4, .body = sip_offer4,
	  .run = sip_frame_run, .check = sip_frame_check, .ret = EXPECT_LEN },
	{ "sip", "INVITE without CSeq (refused)", .build = build_sip_no_cseq,
	  .run = sip_run, .check = sip_check, .ret = -EINVAL },
	{ "sip", "INVITE, SDP IPv4 + NAT text", .msg = sip_invite4,
	  .body = sip_offer4, .run = sip_nat_run,
	  .prepare = bench_prepare_nat, .check = sip_check,
	  .ret = EXPECT_LEN, .kind = NFALG_SIP_M_INVITE, .count = 4,
	  .n_media = 1, .port = 7078, .addr = "192.0.2.10",
	  .nat = "203.0.113.5", .text = "4" },

	/* Sun RPC: calls to the portmapper (port 111) and their answers */
	{ "rpc", "GETPORT call (UDP)", .build = build_rpc_getport_call,
	  .run = rpc_run, .prepare = rpc_prepare, .check = rpc_check,
	  .kind = NFALG_RPC_K_GETPORT, .xid = 0x5c1d6a01 },
	{ "rpc", "GETPORT reply (UDP)", .build = build_rpc_getport_reply,
	  .run = rpc_run, .prepare = rpc_prepare, .check = rpc_check,
	  .reply = true, .kind = NFALG_RPC_K_GETPORT, .xid = 0x5c1d6a01,
	  .port = 2049 },
	{ "rpc", "GETADDR call (TCP)", .build = build_rpc_getaddr_call,
	  .run = rpc_run, .prepare = rpc_prepare, .check = rpc_check,
	  .kind = NFALG_RPC_K_GETADDR, .xid = 0x6b144d5a, .tcp = true },
	{ "rpc", "GETADDR reply (TCP)", .build = build_rpc_getaddr_reply,
	  .run = rpc_run, .prepare = rpc_prepare, .check = rpc_check,
	  .reply = true, .kind = NFALG_RPC_K_GETADDR, .xid = 0x6b144d5a,
	  .tcp = true, .port = 2049, .addr = "198.51.100.20" },
	{ "rpc", "GETADDR reply IPv6 (TCP)", .build = build_rpc_getaddr_reply6,
	  .run = rpc_run, .prepare = rpc_prepare, .check = rpc_check,
	  .reply = true, .kind = NFALG_RPC_K_GETADDR, .xid = 0x6b144d5a,
	  .tcp = true, .port = 2049, .addr = "2001:db8:0:1::20" },
	{ "rpc", "GETADDRLIST reply, 4 (TCP)",
	  .build = build_rpc_getaddrlist_reply,
	  .run = rpc_run, .prepare = rpc_prepare, .check = rpc_check,
	  .reply = true, .kind = NFALG_RPC_K_GETADDRLIST, .xid = 0x6b1368e3,
	  .tcp = true, .port = 2049, .count = 4, .addr = "2001:db8:0:1::20" },
	{ "rpc", "GETADDR reply + NAT text", .build = build_rpc_getaddr_reply,
	  .run = rpc_run, .prepare = rpc_prepare, .check = rpc_check,
	  .reply = true, .kind = NFALG_RPC_K_GETADDR, .xid = 0x6b144d5a,
	  .tcp = true, .port = 2049, .addr = "198.51.100.20",
	  .nat = "203.0.113.80", .nat_port = 61000,
	  .text = "203.0.113.80.238.72" },

	/* DCE RPC: a Windows client and the endpoint mapper (TCP 135) */
	{ "dcerpc", "bind (epm, NDR)", B(dce_bind_impacket),
	  .run = dce_run, .prepare = dce_prepare, .check = dce_check,
	  .kind = NFALG_DCERPC_BIND, .xid = 1, .count = 1 },
	{ "dcerpc", "bind (Windows, 3 contexts)", B(dce_bind_windows),
	  .run = dce_run, .prepare = dce_prepare, .check = dce_check,
	  .kind = NFALG_DCERPC_BIND, .xid = 2, .count = 3 },
	{ "dcerpc", "bind_ack", B(dce_bind_ack_windows),
	  .run = dce_run, .prepare = dce_prepare, .check = dce_check,
	  .reply = true, .ret = 1, .kind = NFALG_DCERPC_BIND_ACK, .xid = 2,
	  .count = 3 },
	{ "dcerpc", "ept_map request", B(dce_map_req_windows),
	  .run = dce_run, .prepare = dce_prepare, .check = dce_check,
	  .ret = 1, .kind = NFALG_DCERPC_REQUEST, .xid = 3,
	  .id = NFALG_DCERPC_EPT_MAP },
	{ "dcerpc", "ept_map response, 1 tower", B(dce_map_resp_one),
	  .run = dce_run, .prepare = dce_prepare, .check = dce_check,
	  .reply = true, .ret = NFALG_DCERPC_EPT_MAP,
	  .kind = NFALG_DCERPC_RESPONSE, .xid = 3, .id = NFALG_DCERPC_EPT_MAP,
	  .count = 1, .port = 49667, .addr = "192.168.1.10" },
	{ "dcerpc", "ept_map response, 4 towers", .build = build_dce_map_resp4,
	  .run = dce_run, .prepare = dce_prepare, .check = dce_check,
	  .reply = true, .ret = NFALG_DCERPC_EPT_MAP,
	  .kind = NFALG_DCERPC_RESPONSE, .xid = 3, .id = NFALG_DCERPC_EPT_MAP,
	  .count = 4, .port = 49667, .addr = "192.168.1.10" },
	{ "dcerpc", "ept_lookup response", B(dce_lookup_resp),
	  .run = dce_run, .prepare = dce_prepare, .check = dce_check,
	  .reply = true, .ret = NFALG_DCERPC_EPT_LOOKUP,
	  .kind = NFALG_DCERPC_RESPONSE, .xid = 4,
	  .id = NFALG_DCERPC_EPT_LOOKUP, .count = 2, .port = 49668,
	  .addr = "192.168.1.10" },
	{ "dcerpc", "response in 3 fragments (reassembled)",
	  B(dce_map_resp_frags),
	  .run = dce_run, .prepare = dce_prepare, .check = dce_check,
	  .reply = true, .ret = NFALG_DCERPC_EPT_MAP,
	  .kind = NFALG_DCERPC_RESPONSE, .xid = 7, .id = NFALG_DCERPC_EPT_MAP,
	  .count = 1, .port = 49667, .addr = "192.168.1.10", .frags = 3 },

	/* Core: every packet of a conversation */
	{ "core", "TCP header check", M(tcp_hdr),
	  .run = tcp_check_run, .check = nop_check, .total = 56 },
	{ "core", "UDP header check", M(udp_hdr),
	  .run = udp_check_run, .check = nop_check, .total = 71 },
	{ "core", "ping: echo request", M("\x08\x00\xf7\xfe\x1c\x2d\x00\x01"),
	  .run = ping_run, .prepare = ping_prepare, .check = ping_check,
	  .id = 1 },
	{ "core", "ping: echo reply", M("\x00\x00\xff\xfe\x1c\x2d\x00\x01"),
	  .run = ping_run, .prepare = ping_prepare, .check = ping_check,
	  .reply = true, .ret = 1, .id = 1 },
};

/* The messages, each in a buffer of its own exact size */
static struct {
	char *p;
	unsigned int len;
} msgs[ARRAY_SIZE(cases)];

static void bench_build(void)
{
	static struct bench_buf m;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct bench_case *c = &cases[i];

		m.n = 0;
		if (c->build) {
			c->build(&m);
		} else if (c->body) {
			m.n = snprintf((char *)m.b, sizeof(m.b),
				       "%sContent-Length: %zu\r\n\r\n%s",
				       c->msg, strlen(c->body), c->body);
			if (m.n >= sizeof(m.b))
				abort();
		} else {
			put(&m, c->msg, c->len ? c->len : strlen(c->msg));
		}
		msgs[i].len = m.n;
		msgs[i].p = malloc(m.n ? m.n : 1);
		if (!msgs[i].p)
			abort();
		memcpy(msgs[i].p, m.b, m.n);
	}
}

/* One message, as the module handles it: all that is measured */
BENCH_POINT void bench_message(const struct bench_case *c, struct bench_io *io)
{
	io->ret = c->run(c, io);
}

/* The end of a case: callgrind's --dump-after point */
BENCH_POINT void bench_case_done(void)
{
	__asm__ __volatile__("" ::: "memory");
}

static int bench_usage(void)
{
	fprintf(stderr, "usage: parser_cost [-n REPEAT] | -d INDEX\n");
	return 2;
}

int main(int argc, char **argv)
{
	struct bench_io *io = &bench_io;
	long repeat = 1, dump = -1, r;
	unsigned int i;
	int opt;

	while ((opt = getopt(argc, argv, "n:d:")) != -1) {
		if (opt == 'n')
			repeat = strtol(optarg, NULL, 10);
		else if (opt == 'd')
			dump = strtol(optarg, NULL, 10);
		else
			return bench_usage();
	}
	if (optind != argc || repeat < 1 || dump >= (long)ARRAY_SIZE(cases))
		return bench_usage();

	bench_build();
	if (dump >= 0) {
		fwrite(msgs[dump].p, 1, msgs[dump].len, stdout);
		return 0;
	}

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct bench_case *c = &cases[i];

		bench_cur = c;
		for (r = 0; r < repeat; r++) {
			io->buf = msgs[i].p;
			io->len = msgs[i].len;
			io->ret = 0;
			io->n = 0;
			memset(io->text, 0, sizeof(io->text));
			if (c->prepare)
				c->prepare(c, io);
			bench_message(c, io);
			if (!c->check(c, io))
				return 1;
		}
		bench_case_done();
		printf("%s\t%s\t%u\n", c->alg, c->type, msgs[i].len);
	}
	return 0;
}
