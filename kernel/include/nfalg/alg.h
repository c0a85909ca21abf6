/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nfalg: interface between the core module and the ALG modules.
 *
 * An ALG module fills one struct nfalg_alg and calls nfalg_alg_register().
 * The core turns it into two real conntrack helpers (IPv4 and IPv6) named
 * "nfalg-<name>", which nftables can attach ("ct helper ... type
 * "nfalg-ftp"") and which the core can look up by name.  The core owns
 * registration, locking, the TCP line tracking, the pinhole policy and the
 * payload rewrite; the ALG supplies a parser callback.
 */
#ifndef _NFALG_ALG_H
#define _NFALG_ALG_H

#include <linux/device/driver.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/skbuff.h>
#include <net/netfilter/nf_conntrack.h>
#include <net/netfilter/nf_conntrack_expect.h>
#include <net/netfilter/nf_conntrack_helper.h>

/* Longest TCP control line handed to nfalg_alg.line, terminator included */
#define NFALG_LINE_MAX		512

/*
 * Most bytes of an unfinished line the core holds back per direction of a
 * conversation (nfalg_alg.partial); a longer line is released unparsed.
 */
#define NFALG_STREAM_HOLD_MAX	NFALG_LINE_MAX

/* Pinholes of one line the core closes again if its rewrite fails */
#define NFALG_LINE_PINHOLES	8

/*
 * Longest datagram handed whole to an ALG with NFALG_ALG_F_WHOLE_DGRAM
 * (nfalg_alg.datagram), and longest TCP message handed to
 * nfalg_alg.message; also the most bytes of an unfinished message the
 * core holds back per direction
 */
#define NFALG_DGRAM_MAX		4096

/* Most bytes of per-conversation state an ALG may ask for (state_size) */
#define NFALG_STATE_MAX		2048

/* nfalg_alg.flags */
/*
 * Pinholes only to the reserved ports rresvport() binds, 512..1023 (rsh's
 * secondary connection), instead of only to ports >= 1024
 */
#define NFALG_ALG_F_PRIV_PORTS	(1U << 0)
#define NFALG_RESV_PORT_MIN	512
#define NFALG_RESV_PORT_END	1024
#define NFALG_ALG_F_ANY_PROTO	(1U << 1)	/* any IP protocol (IP ALG) */
/*
 * A basic ALG (nfalg-tcp, nfalg-udp, nfalg-icmp): no payload parser and no
 * pinholes; attaching it subjects the conversation to the core's per-packet
 * checks (sanity, SYN defense, idle timeouts, ping tracking) only.
 */
#define NFALG_ALG_F_BASIC	(1U << 2)
/*
 * The TCP stream is made of NUL-terminated fields instead of lines (rsh,
 * rexec): nfalg_alg.line gets each field, its NUL included, under the same
 * stream rules as a line.
 */
#define NFALG_ALG_F_NUL_EOL	(1U << 3)
/*
 * nfalg_alg.datagram gets datagrams of up to NFALG_DGRAM_MAX bytes whole
 * (SIP: a message with its SDP body) instead of their first
 * NFALG_LINE_MAX bytes
 */
#define NFALG_ALG_F_WHOLE_DGRAM	(1U << 4)
/*
 * A message stream (nfalg_alg.msg_len) whose messages longer than
 * NFALG_DGRAM_MAX still go to nfalg_alg.message, with only their first
 * bytes, those of the segment (ctx->msg_total is the whole length): the
 * ALG reads a header (DNS over TCP) and rewrites nothing.
 */
#define NFALG_ALG_F_MSG_HEAD	(1U << 5)
/*
 * TCP conversations must begin with a SYN: a first packet without one (a
 * connection picked up in its middle, such as the rest of one the ALG
 * closed) is dropped, its entry never confirmed (DNS over TCP)
 */
#define NFALG_ALG_F_FROM_SYN	(1U << 6)
/*
 * Pinholes to the reserved ports 512..1023 as well as to ports >= 1024
 * (Sun RPC services bind ports from bindresvport(): 600..1023 as root)
 */
#define NFALG_ALG_F_RESV_PORTS	(1U << 7)

/* nfalg_ctx.app_arg of a DNS conversation not closed after its answers */
#define NFALG_APP_ARG_DNS_KEEP	1

/* Bytes of per-conversation data the ALG may ask for (nfalg_alg.priv_size) */
#define NFALG_PRIV_MAX		8

/**
 * struct nfalg_ctx - one packet of a conversation, as seen by an ALG
 * @skb: the packet (may be non-linear; use the core's accessors)
 * @protoff: offset of the transport header in @skb
 * @dataoff: offset of the payload in @skb (updated by nfalg_rewrite())
 * @datalen: payload length (updated by nfalg_rewrite())
 * @ct: the control conversation
 * @ctinfo: conntrack state of @skb
 * @dir: direction of @skb (IP_CT_DIR_ORIGINAL: from the initiator)
 * @alg: the ALG handling @ct
 * @priv: the ALG's per-conversation data (nfalg_alg.priv_size bytes,
 *	zeroed when the conversation starts)
 * @state: the ALG's larger per-conversation state (nfalg_alg.state_size
 *	bytes, zeroed when allocated: with the TCP stream state on the first
 *	SYN, on the first datagram for UDP), or NULL when the ALG has none
 *	or it could not be allocated (the ALG then opens nothing it would
 *	have to remember)
 * @app_arg: what the conversation's application says to its ALG, 0 for
 *	nothing (or no application): the ttl-threshold (traceroute); the
 *	snmp-commands of the matched term's applications (snmp: one bit,
 *	BIT(enum nfalg_snmp_command), for each); %NFALG_APP_ARG_DNS_KEEP
 *	(dns: dns-close-after-answer no)
 * @input_output: the conversation was admitted by an input-output rule
 * @done: set by nfalg_alg.line: nothing further of this direction of the
 *	stream is handed to the ALG (its commands came first and are over)
 * @close: set by the ALG: the conversation is over once this packet has
 *	passed; the core removes its conntrack entry (DNS: the last answer).
 *	Over TCP, once the peer has acknowledged everything the direction
 *	sent up to the end of the message (a lost segment is sent again; the
 *	head of a longer message, %NFALG_ALG_F_MSG_HEAD, waits for its end).
 * @retrans: set by the core: the line is a retransmission of one already
 *	handled (TCP); its pinhole and rewrite are done again, identically,
 *	without being counted or capped again
 * @rewrite_failed: set by the core when a rewrite of the current line
 *	failed; the core then closes the line's pinholes
 * @msg_total: nfalg_alg.message: the whole length of the message, more
 *	than the bytes handed over for the head of a longer one
 *	(%NFALG_ALG_F_MSG_HEAD)
 * @delta: owned by the core: length change of the payload by rewrites
 * @n_exp: owned by the core: pinholes opened for the current line
 * @exp: owned by the core: those pinholes (referenced)
 */
struct nfalg_ctx {
	struct sk_buff *skb;
	unsigned int protoff;
	unsigned int dataoff;
	unsigned int datalen;
	struct nf_conn *ct;
	enum ip_conntrack_info ctinfo;
	enum ip_conntrack_dir dir;
	const struct nfalg_alg *alg;
	void *priv;
	void *state;
	u8 app_arg;
	bool input_output;
	bool done;
	bool close;
	bool retrans;
	bool rewrite_failed;
	unsigned int msg_total;
	int delta;
	unsigned int n_exp;
	struct nf_conntrack_expect *exp[NFALG_LINE_PINHOLES];
};

/**
 * struct nfalg_alg - an Application Layer Gateway known to the core
 * @name: short name, at most 9 characters so that "nfalg-<name>" fits a
 *	conntrack helper name
 * @helper_name: name of the conntrack helpers when "nfalg-<name>" would be
 *	too long (at most 15 characters, starting with "nfalg-"); NULL:
 *	"nfalg-<name>"
 * @owner: module implementing the ALG (THIS_MODULE)
 * @l4proto: IPPROTO_TCP or IPPROTO_UDP; any protocol with @packet (0
 *	with %NFALG_ALG_F_ANY_PROTO); IPPROTO_ICMP for a basic ALG covering
 *	ICMP (IPv4) and ICMPv6 (IPv6)
 * @port: default server port (host byte order)
 * @flags: NFALG_ALG_F_* pinhole policy relaxations
 * @max_pinholes: pinholes a conversation may have open at once (1-255);
 *	0: the ALG never opens any (nfalg_pinhole_open() then warns, refuses)
 * @pinhole_timeout: seconds a pinhole waits for its child flow (0 exactly
 *	when @max_pinholes is 0)
 * @priv_size: bytes of per-conversation data, at most NFALG_PRIV_MAX
 * @state_size: bytes of per-conversation state allocated apart (ctx->state),
 *	at most NFALG_STATE_MAX; charged to the core's stream_mem_kb
 * @line: TCP: called for every complete line that starts at a known line
 *	start of the stream (@off: its offset from ctx->dataoff; the copy
 *	@buf holds @len bytes, terminator included).  Returns NF_ACCEPT or
 *	NF_DROP.
 * @is_command: TCP: whether @buf (@len bytes, at a position that is NOT a
 *	known line start) would be a pinhole-opening command at a line start;
 *	used only to count and log such attempts.  May be NULL.
 * @partial: TCP: whether @buf (@len bytes at a known line start, no
 *	terminator yet) may still become a line that opens a pinhole.  If
 *	so, the core holds the segment back until the line is complete
 *	(at most %NFALG_STREAM_HOLD_MAX bytes) and hands the ALG the whole
 *	line in one packet.  May be NULL: unfinished lines are then skipped.
 * @datagram: UDP: called for every datagram with the first @len bytes
 *	of its payload copied into @buf: all of it, or NFALG_LINE_MAX bytes
 *	(NFALG_DGRAM_MAX with %NFALG_ALG_F_WHOLE_DGRAM) of a longer one
 *	(ctx->datalen is the whole length).  Returns NF_ACCEPT or NF_DROP.
 * @packet: called for every packet of the conversation instead of @line
 *	or @datagram (ALGs that judge headers, not payload).  Returns
 *	NF_ACCEPT or NF_DROP.
 * @msg_len: TCP made of messages instead of lines (framing): the length
 *	of the message at the start of @buf, @len bytes copied from a known
 *	message start (the stream's first byte, or the end of the message
 *	before).  Returns its length (> 0, possibly more than @len), 0 when
 *	@len bytes do not tell it yet, or < 0 when they are not a message
 *	of the protocol: nothing more of that direction is parsed.  Must be
 *	pure (no side effects): the core may ask again for the same bytes.
 * @message: TCP with @msg_len: called once for every complete message
 *	of at most NFALG_DGRAM_MAX bytes that starts at a known message
 *	start (@off: its offset from ctx->dataoff; the copy @buf holds the
 *	@len bytes of the message).  A longer message is skipped unparsed;
 *	a message split over several segments is held back until complete
 *	and handed over in one packet.  Returns NF_ACCEPT or NF_DROP.
 *
 * An ALG is either TCP (@l4proto IPPROTO_TCP, with @line, or @msg_len
 * and @message) or UDP (@datagram); a UDP ALG that also has @msg_len and
 * @message gets TCP helpers of the same name as well (SIP, DNS and Sun
 * RPC run over both).
 * @list: entry in the core's registry; owned by the core
 * @helper: the conntrack helpers (IPv4, IPv6, then IPv4 and IPv6 TCP of
 *	a UDP ALG that runs over TCP too); owned by the core
 * @policy: expectation policy of @helper; owned by the core
 */
struct nfalg_alg {
	const char *name;
	const char *helper_name;
	struct module *owner;
	u8 l4proto;
	u16 port;
	unsigned int flags;
	unsigned int max_pinholes;
	unsigned int pinhole_timeout;
	unsigned int priv_size;
	unsigned int state_size;
	int (*line)(struct nfalg_ctx *ctx, unsigned int off, const char *buf,
		    unsigned int len);
	bool (*is_command)(const struct nfalg_ctx *ctx, const char *buf,
			   unsigned int len);
	bool (*partial)(const struct nfalg_ctx *ctx, const char *buf,
			unsigned int len);
	int (*datagram)(struct nfalg_ctx *ctx, const u8 *buf, unsigned int len);
	int (*packet)(struct nfalg_ctx *ctx);
	int (*msg_len)(const struct nfalg_ctx *ctx, const u8 *buf,
		       unsigned int len);
	int (*message)(struct nfalg_ctx *ctx, unsigned int off, const u8 *buf,
		       unsigned int len);

	struct list_head list;
	struct nf_conntrack_helper helper[4];
	struct nf_conntrack_expect_policy policy;
};

int nfalg_alg_register(struct nfalg_alg *alg);
void nfalg_alg_unregister(struct nfalg_alg *alg);

/*
 * module_nfalg_alg - the init and exit functions of a module whose only
 * work is to register one ALG (use it once per module)
 */
#define module_nfalg_alg(__alg) \
	module_driver(__alg, nfalg_alg_register, nfalg_alg_unregister)
struct nfalg_alg *nfalg_alg_get(const char *name);
void nfalg_alg_put(struct nfalg_alg *alg);
void nfalg_alg_count(struct nf_conn *ct, int counter);
void nfalg_alg_log_drop(const struct nfalg_ctx *ctx, const char *what);
void nfalg_alg_log_pass(const struct nfalg_ctx *ctx, const char *what);

/**
 * struct nfalg_pinhole - a child flow announced in the payload
 * @addr: address the sender of the packet announced (network order)
 * @port: port it announced (host order)
 * @l4proto: protocol of the child flow
 * @any_src: the child flow may come from any address, not only from the
 *	control connection's peer (media relays)
 * @keep: the pinhole stays open for every new flow until it expires,
 *	instead of closing when its first child flow arrives (a SIP
 *	registration: each call toward the registered phone)
 * @same_alg: the child flows carry the control conversation's ALG too
 *	(their payload is parsed and translated as the parent's is)
 * @timeout: seconds the pinhole stays open; 0: nfalg_alg.pinhole_timeout
 * @nat_addr: out: address the peer must use (differs from @addr under NAT)
 * @nat_port: out: port the peer must use (host order)
 *
 * The child flow goes from the control connection's peer (the receiver of
 * the packet) to @addr/@port on the sender's side.
 */
struct nfalg_pinhole {
	union nf_inet_addr addr;
	u16 port;
	u8 l4proto;
	bool any_src;
	bool keep;
	bool same_alg;
	unsigned int timeout;
	union nf_inet_addr nat_addr;
	u16 nat_port;
};

int nfalg_pinhole_open(struct nfalg_ctx *ctx, struct nfalg_pinhole *ph);
int nfalg_pinhole_close(struct nfalg_ctx *ctx, enum ip_conntrack_dir dir,
			u8 l4proto, u16 nat_port);
int nfalg_pinhole_retime(struct nfalg_ctx *ctx, enum ip_conntrack_dir dir,
			 u8 l4proto, u16 nat_port, unsigned int timeout);
void nfalg_conv_keep(struct nfalg_ctx *ctx, unsigned int secs);
bool nfalg_app_rpc_allows(const struct nfalg_ctx *ctx, u32 prog);
bool nfalg_app_uuid_allows(const struct nfalg_ctx *ctx, const u8 *uuid);
bool nfalg_pinhole_needs_rewrite(const struct nfalg_ctx *ctx,
				 const struct nfalg_pinhole *ph);
int nfalg_rewrite(struct nfalg_ctx *ctx, unsigned int off, unsigned int len,
		  const char *text, unsigned int textlen);

#endif /* _NFALG_ALG_H */
