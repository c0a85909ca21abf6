/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * nfalg: Application Layer Gateways for netfilter.
 *
 * Generic netlink interface between the nfalg.ko core module and user space
 * (the nfalg CLI).  Resolve the family id by name (NFALG_GENL_NAME) through
 * the generic netlink controller.  The family is network namespace aware:
 * every request acts on the namespace of the requesting socket.
 *
 * Message layout: every command carries attributes of enum nfalg_attr at the
 * top level; related values are grouped in nests whose members come from
 * their own enum (enum nfalg_param_attr, enum nfalg_algs_attr, ...).  New
 * commands and attributes are only ever appended.  The kernel validates
 * requests strictly: unknown or unexpected attributes are rejected.
 */
#ifndef _UAPI_LINUX_NFALG_H
#define _UAPI_LINUX_NFALG_H

#include <linux/types.h>

#define NFALG_GENL_NAME		"nfalg"
#define NFALG_GENL_VERSION	1

/* Multicast group: configuration change notifications (and later events) */
#define NFALG_MCGRP_EVENTS	"events"

/**
 * enum nfalg_cmd - generic netlink commands
 * @NFALG_CMD_UNSPEC: unused
 * @NFALG_CMD_GET_STATUS: request takes no attributes; the reply (same
 *	command) carries %NFALG_A_VERSION, %NFALG_A_GENERATION,
 *	%NFALG_A_PARAMS (all parameters), %NFALG_A_ALGS and, for requesters
 *	with CAP_NET_ADMIN in the user namespace owning the network
 *	namespace, %NFALG_A_COUNTERS.  Allowed for any user.
 * @NFALG_CMD_SET_PARAMS: request carries %NFALG_A_PARAMS with at least one
 *	parameter; the others keep their value.  Needs CAP_NET_ADMIN in the
 *	user namespace owning the network namespace.  On success the
 *	generation is incremented and a message with this command and the
 *	same attributes as a status reply is sent to the %NFALG_MCGRP_EVENTS
 *	group of the namespace (and to the requester if it set NLM_F_ECHO).
 * @NFALG_CMD_NEW_APP: create an application (%NFALG_A_APP).  Fails with
 *	EEXIST if a user application of that name exists, unless the request
 *	carries the %NFALG_A_REPLACE flag.  A name of a predefined application creates an
 *	override.  Needs CAP_NET_ADMIN.
 * @NFALG_CMD_DEL_APP: delete the user application named in %NFALG_A_APP
 *	(only %NFALG_A_APP_NAME).  Predefined applications cannot be deleted;
 *	deleting an override brings the predefined one back.  Fails with
 *	EBUSY while an application set refers to a name that would vanish.
 *	Needs CAP_NET_ADMIN.
 * @NFALG_CMD_GET_APP: dump (NLM_F_DUMP) the effective applications, one
 *	message with %NFALG_A_APP each.  With the %NFALG_A_DEFAULTS flag in the
 *	request, the predefined applications instead.  Reading the policy
 *	(GET_APP, GET_APPSET, GET_RULE, GET_SSET, CLASSIFY) needs
 *	CAP_NET_ADMIN like the changes.
 * @NFALG_CMD_NEW_APPSET: create an application set (%NFALG_A_APPSET); same
 *	rules as %NFALG_CMD_NEW_APP.  Every member must exist; cycles are
 *	rejected.
 * @NFALG_CMD_DEL_APPSET: delete a user application set (like
 *	%NFALG_CMD_DEL_APP).
 * @NFALG_CMD_GET_APPSET: dump application sets (like %NFALG_CMD_GET_APP).
 * @NFALG_CMD_FLUSH: delete every user application, application set, rule
 *	and service set; no attributes (inside a transaction: of the
 *	candidate).  Needs CAP_NET_ADMIN.
 * @NFALG_CMD_GET_PINHOLES: dump (NLM_F_DUMP) the open pinholes of the
 *	namespace, one message with %NFALG_A_PINHOLE each.  Needs
 *	CAP_NET_ADMIN: pinholes name other users' flows.
 * @NFALG_CMD_NEW_RULE: create a stateful firewall rule (%NFALG_A_RULE);
 *	EEXIST unless %NFALG_A_REPLACE.  Every application and application
 *	set a term names must exist.  Needs CAP_NET_ADMIN.
 * @NFALG_CMD_DEL_RULE: delete the rule named in %NFALG_A_RULE (only
 *	%NFALG_A_RULE_NAME); EBUSY while a service set refers to it.
 * @NFALG_CMD_GET_RULE: dump the rules, one %NFALG_A_RULE per message.
 * @NFALG_CMD_NEW_SSET: create a service set (%NFALG_A_SSET); like
 *	%NFALG_CMD_NEW_RULE.  Every rule must exist.
 * @NFALG_CMD_DEL_SSET: delete the service set named in %NFALG_A_SSET.
 * @NFALG_CMD_GET_SSET: dump the service sets, one %NFALG_A_SSET each.
 * @NFALG_CMD_CLASSIFY: look a packet up (%NFALG_A_CLS with the key
 *	attributes of enum nfalg_cls_attr); the reply (same command) carries
 *	%NFALG_A_CLS with the result attributes, none of them when nothing
 *	matched.  Needs CAP_NET_ADMIN.
 * @NFALG_CMD_BEGIN: open a configuration transaction for the sending
 *	socket; no attributes.  Until it ends, the change commands of this
 *	socket (NEW_*, DEL_*, FLUSH) edit a private candidate configuration
 *	(checked as usual, each command all-or-nothing on the candidate)
 *	and the running configuration stays as it is; change commands from
 *	any other socket of the namespace fail with EBUSY, as does a second
 *	BEGIN.  Needs CAP_NET_ADMIN.
 * @NFALG_CMD_COMMIT: check the candidate as a whole (references, set
 *	cycles, classifier limits) and make it the running configuration in
 *	one step (the generation grows by one); ends the transaction, also
 *	when refused, in which case nothing changed.  EINVAL without an open
 *	transaction, EBUSY when another socket holds it.
 * @NFALG_CMD_ABORT: discard the candidate and end the transaction.
 *	Closing the socket does the same.
 * @NFALG_CMD_GET_CONV: dump (NLM_F_DUMP) the conversations of the caller's
 *	netns: one %NFALG_A_CONV per conversation (conntrack entry carrying
 *	an nfalg helper, or a child of one) and per pinhole of one.
 * @NFALG_CMD_DEL_CONV: remove the conversations matching the filter in
 *	%NFALG_A_CONV (%NFALG_A_CONV_APP, %NFALG_A_CONV_ALG,
 *	%NFALG_A_CONV_ADDR; none: all), with their children and pinholes.
 * @NFALG_CMD_EVENT: never requested: the kernel sends it to the
 *	%NFALG_MCGRP_EVENTS group of a namespace (CAP_NET_ADMIN to subscribe)
 *	for each event of its datapath or configuration, one %NFALG_A_EVENT
 *	each (see enum nfalg_event_type).  Events of the packet path are sent
 *	only while somebody listens, and may be lost when the listener's
 *	socket buffer is full (it then reads ENOBUFS).
 * @__NFALG_CMD_MAX: internal use
 * @NFALG_CMD_MAX: highest command number
 *
 * Every successful change increments the generation.  A rejected change
 * changes nothing and carries an extended ACK message.
 */
enum nfalg_cmd {
	NFALG_CMD_UNSPEC,
	NFALG_CMD_GET_STATUS,
	NFALG_CMD_SET_PARAMS,
	NFALG_CMD_NEW_APP,
	NFALG_CMD_DEL_APP,
	NFALG_CMD_GET_APP,
	NFALG_CMD_NEW_APPSET,
	NFALG_CMD_DEL_APPSET,
	NFALG_CMD_GET_APPSET,
	NFALG_CMD_FLUSH,
	NFALG_CMD_GET_PINHOLES,
	NFALG_CMD_NEW_RULE,
	NFALG_CMD_DEL_RULE,
	NFALG_CMD_GET_RULE,
	NFALG_CMD_NEW_SSET,
	NFALG_CMD_DEL_SSET,
	NFALG_CMD_GET_SSET,
	NFALG_CMD_CLASSIFY,
	NFALG_CMD_BEGIN,
	NFALG_CMD_COMMIT,
	NFALG_CMD_ABORT,
	NFALG_CMD_GET_CONV,
	NFALG_CMD_DEL_CONV,
	NFALG_CMD_EVENT,

	__NFALG_CMD_MAX
};
#define NFALG_CMD_MAX		(__NFALG_CMD_MAX - 1)

/**
 * enum nfalg_attr - top level attributes
 * @NFALG_A_UNSPEC: unused
 * @NFALG_A_VERSION: module version (NUL terminated string)
 * @NFALG_A_GENERATION: per namespace configuration generation (u32); every
 *	successful change command increments it, even when the new values
 *	equal the old ones
 * @NFALG_A_PARAMS: per namespace parameters (nest, enum nfalg_param_attr)
 * @NFALG_A_ALGS: registered ALGs (nest of %NFALG_ALGS_ENTRY nests, each
 *	holding enum nfalg_alg_attr); present and possibly empty
 * @NFALG_A_APP: one application (nest, enum nfalg_app_attr)
 * @NFALG_A_APPSET: one application set (nest, enum nfalg_appset_attr)
 * @NFALG_A_DEFAULTS: flag; in a GET_APP/GET_APPSET dump request: list the
 *	predefined objects
 * @NFALG_A_REPLACE: flag; in NEW_APP/NEW_APPSET/NEW_RULE/NEW_SSET: replace
 *	an existing user object of that name instead of failing with EEXIST
 * @NFALG_A_COUNTERS: per namespace ALG counters in a status reply (nest,
 *	enum nfalg_counter_attr, u64 each)
 * @NFALG_A_PINHOLE: one pinhole in a GET_PINHOLES dump (nest,
 *	enum nfalg_pinhole_attr)
 * @NFALG_A_RULE: one rule (nest, enum nfalg_rule_attr)
 * @NFALG_A_SSET: one service set (nest, enum nfalg_sset_attr)
 * @NFALG_A_CLS: classifier key or result (nest, enum nfalg_cls_attr)
 * @NFALG_A_CONV: one conversation or pinhole in a GET_CONV dump, or the
 *	filter of DEL_CONV (nest, enum nfalg_conv_attr)
 * @NFALG_A_EVENT: one event of %NFALG_CMD_EVENT (nest, enum
 *	nfalg_event_attr)
 * @__NFALG_A_MAX: internal use
 * @NFALG_A_MAX: highest attribute number
 */
enum nfalg_attr {
	NFALG_A_UNSPEC,
	NFALG_A_VERSION,
	NFALG_A_GENERATION,
	NFALG_A_PARAMS,
	NFALG_A_ALGS,
	NFALG_A_APP,
	NFALG_A_APPSET,
	NFALG_A_DEFAULTS,
	NFALG_A_REPLACE,
	NFALG_A_COUNTERS,
	NFALG_A_PINHOLE,
	NFALG_A_RULE,
	NFALG_A_SSET,
	NFALG_A_CLS,
	NFALG_A_CONV,
	NFALG_A_EVENT,

	__NFALG_A_MAX
};
#define NFALG_A_MAX		(__NFALG_A_MAX - 1)

/**
 * enum nfalg_param_attr - per namespace parameters (inside %NFALG_A_PARAMS)
 * @NFALG_A_PARAM_UNSPEC: unused
 * @NFALG_A_PARAM_SYN_TIMEOUT: SYN defense timer in seconds (u32);
 *	default 4, range 1..60
 * @NFALG_A_PARAM_UDP_TIMEOUT: idle timeout of UDP ALG sessions in seconds
 *	(u32); default 30, range 1..86400
 * @NFALG_A_PARAM_TCP_TIMEOUT: idle timeout of TCP ALG sessions in seconds
 *	(u32); default 1800, range 4..86400
 * @NFALG_A_PARAM_KEEPALIVE_PROBES: keepalive probes sent to each side of
 *	a TCP conversation that has been idle for its inactivity timeout
 *	before a side that does not answer ends it (u32); default 3, range
 *	0..30, 0: no keepalive (the conversation simply times out)
 * @NFALG_A_PARAM_KEEPALIVE_INTERVAL: seconds between keepalive probes
 *	(u32); default 10, range 1..120
 * @__NFALG_A_PARAM_MAX: internal use
 * @NFALG_A_PARAM_MAX: highest parameter attribute number
 *
 * All parameters are u32.  A status reply always carries all of them.
 */
enum nfalg_param_attr {
	NFALG_A_PARAM_UNSPEC,
	NFALG_A_PARAM_SYN_TIMEOUT,
	NFALG_A_PARAM_UDP_TIMEOUT,
	NFALG_A_PARAM_TCP_TIMEOUT,
	NFALG_A_PARAM_KEEPALIVE_PROBES,
	NFALG_A_PARAM_KEEPALIVE_INTERVAL,

	__NFALG_A_PARAM_MAX
};
#define NFALG_A_PARAM_MAX	(__NFALG_A_PARAM_MAX - 1)

/**
 * enum nfalg_algs_attr - members of the %NFALG_A_ALGS list
 * @NFALG_ALGS_UNSPEC: unused
 * @NFALG_ALGS_ENTRY: one ALG (nest, enum nfalg_alg_attr); repeated
 * @__NFALG_ALGS_MAX: internal use
 * @NFALG_ALGS_MAX: highest attribute number
 */
enum nfalg_algs_attr {
	NFALG_ALGS_UNSPEC,
	NFALG_ALGS_ENTRY,

	__NFALG_ALGS_MAX
};
#define NFALG_ALGS_MAX		(__NFALG_ALGS_MAX - 1)

/**
 * enum nfalg_alg_attr - description of one ALG (inside %NFALG_ALGS_ENTRY)
 * @NFALG_A_ALG_UNSPEC: unused
 * @NFALG_A_ALG_NAME: ALG name, e.g. "ftp" (NUL terminated string)
 * @__NFALG_A_ALG_MAX: internal use
 * @NFALG_A_ALG_MAX: highest attribute number
 */
enum nfalg_alg_attr {
	NFALG_A_ALG_UNSPEC,
	NFALG_A_ALG_NAME,

	__NFALG_A_ALG_MAX
};
#define NFALG_A_ALG_MAX		(__NFALG_A_ALG_MAX - 1)

/*
 * Per network namespace ALG counters (NFALG_A_COUNTERS), u64 each:
 * pinholes opened, pinholes refused (third-party address, privileged
 * port, per-conversation cap), commands seen at a stream position that is
 * not a known line start (not parsed), payload rewrites done and failed.
 * Datapath: new connections discarded because no term of the service set
 * matched; accepted conversations left without an ALG because the ALG
 * module was not loaded; traceroute probes over the TTL threshold
 * dropped; IP ALG packets dropped in the reply direction of a
 * unidirectional conversation and under port translation (NAPT).
 * Then the datapath sanity checks (Documentation/datapath-sanity.md):
 * packets dropped for each TCP and UDP anomaly, TCP conversations removed
 * by SYN defense, ICMP errors dropped for matching no flow, echo replies
 * dropped for answering no outstanding request, echo requests dropped for
 * exceeding the outstanding requests of a ping flow.  Keepalive: probes
 * sent to the sides of idle TCP conversations, and conversations ended
 * because a side did not answer them.  SNMP ALG: messages dropped for a
 * PDU type the conversation does not allow, dropped as malformed, passed
 * encrypted (type unknown), and v1 Trap agent-addr fields translated.
 * DNS ALG: conversations closed by the answer to their last query,
 * answers dropped for answering no waiting query, queries dropped over
 * the waiting limit, messages dropped as too short or going the wrong way.
 * TCP stream engine: segments after a gap (reordering, loss) where parsing
 * resumed at their first line start, segments held back because they end
 * inside a line that may still become a rewritten command, conversations
 * or held lines left unparsed for want of memory, held lines released
 * unparsed (too long, or contradicted by a retransmission).
 * SIP ALG: messages passed unparsed (malformed, too long, incomplete),
 * media pinholes refused because the conversation's dialog table was full
 * or because their port is outside the media port range, and media
 * pinholes closed again by the end of their dialog or by new media ports.
 * Then the stream engine again: directions of message streams (SIP over
 * TCP...) no longer parsed because their bytes at a message start were
 * not a message of the protocol (NAT Slipstreaming's HTTP POST).
 * Messages streams also count segments dropped after a gap (resync),
 * held unfinished messages, and messages passed unparsed (give up).
 */
enum nfalg_counter_attr {
	NFALG_A_CNT_UNSPEC,
	NFALG_A_CNT_PAD,
	NFALG_A_CNT_PINHOLES,
	NFALG_A_CNT_THIRD_PARTY,
	NFALG_A_CNT_PRIV_PORT,
	NFALG_A_CNT_CAP,
	NFALG_A_CNT_MIDLINE,
	NFALG_A_CNT_REWRITES,
	NFALG_A_CNT_REWRITE_FAIL,
	NFALG_A_CNT_NO_MATCH,
	NFALG_A_CNT_NO_ALG,
	NFALG_A_CNT_TRACEROUTE_TTL,
	NFALG_A_CNT_IP_REPLY,
	NFALG_A_CNT_IP_NAPT,
	NFALG_A_CNT_TCP_PORT_ZERO,
	NFALG_A_CNT_TCP_HDR_LEN,
	NFALG_A_CNT_TCP_SEQ0_NO_FLAGS,
	NFALG_A_CNT_TCP_SEQ0_FIN_PSH_RST,
	NFALG_A_CNT_TCP_BAD_FLAGS,
	NFALG_A_CNT_UDP_PORT_ZERO,
	NFALG_A_CNT_UDP_LEN,
	NFALG_A_CNT_SYN_DEFENSE,
	NFALG_A_CNT_ICMP_ERR_NO_FLOW,
	NFALG_A_CNT_PING_UNSOLICITED,
	NFALG_A_CNT_PING_EXCESS,
	NFALG_A_CNT_KEEPALIVE_PROBES,
	NFALG_A_CNT_KEEPALIVE_ENDED,
	NFALG_A_CNT_SNMP_DENIED,
	NFALG_A_CNT_SNMP_MALFORMED,
	NFALG_A_CNT_SNMP_ENCRYPTED,
	NFALG_A_CNT_SNMP_AGENT_ADDR,
	NFALG_A_CNT_DNS_CLOSED,
	NFALG_A_CNT_DNS_UNSOLICITED,
	NFALG_A_CNT_DNS_EXCESS,
	NFALG_A_CNT_DNS_MALFORMED,
	NFALG_A_CNT_STREAM_RESYNC,
	NFALG_A_CNT_STREAM_HELD,
	NFALG_A_CNT_STREAM_NOMEM,
	NFALG_A_CNT_STREAM_GIVE_UP,
	NFALG_A_CNT_SIP_UNPARSED,
	NFALG_A_CNT_SIP_DIALOG_CAP,
	NFALG_A_CNT_SIP_MEDIA_CLOSED,
	NFALG_A_CNT_SIP_MEDIA_PORT,
	NFALG_A_CNT_STREAM_NOT_PROTOCOL,
	NFALG_A_CNT_STREAM_NO_SYN,
	NFALG_A_CNT_RPC_REFUSED,
	NFALG_A_CNT_RPC_PROGRAM,
	NFALG_A_CNT_RPC_UNMATCHED,
	NFALG_A_CNT_DCERPC_UUID,
	NFALG_A_CNT_KEEPALIVE_SCANS,
	NFALG_A_CNT_KEEPALIVE_SCAN_US,

	__NFALG_A_CNT_MAX
};
#define NFALG_A_CNT_MAX		(__NFALG_A_CNT_MAX - 1)

/*
 * One pinhole (a conntrack expectation of an nfalg helper) in the caller's
 * netns: the ALG ("ftp"), address family (AF_INET/AF_INET6), transport
 * protocol, source address (the control connection's peer; any source
 * port), destination address and port, seconds until it expires.
 */
enum nfalg_pinhole_attr {
	NFALG_A_PH_UNSPEC,
	NFALG_A_PH_ALG,		/* string */
	NFALG_A_PH_FAMILY,	/* u8 */
	NFALG_A_PH_PROTO,	/* u8 */
	NFALG_A_PH_SRC,		/* binary, 4 or 16 bytes, network order */
	NFALG_A_PH_DST,		/* binary, 4 or 16 bytes, network order */
	NFALG_A_PH_DPORT,	/* u16, host order */
	NFALG_A_PH_TIMEOUT,	/* u32, seconds */

	__NFALG_A_PH_MAX
};
#define NFALG_A_PH_MAX		(__NFALG_A_PH_MAX - 1)

/* Longest ALG name, without the terminating NUL */
#define NFALG_ALG_NAME_MAXLEN	15

/*
 * Names of applications and application sets: 1..NFALG_NAME_MAXLEN
 * characters out of [A-Za-z0-9._-], starting with a letter or digit.
 * Applications and sets share one name space.
 */
#define NFALG_NAME_MAXLEN	63

/* Per network namespace limits */
#define NFALG_MAX_APPS		4096
#define NFALG_MAX_APPSETS	1024
#define NFALG_MAX_SET_MEMBERS	256

/*
 * Application protocols (ALGs) an application may name, as accepted in
 * %NFALG_A_APP_ALG.  The ALG's module need not be loaded.
 */
#define NFALG_ALG_NAMES							\
	"bootp", "dce-rpc", "dns", "ftp", "h323", "icmp", "ike", "iiop",	\
	"ip", "netbios", "netshow", "pptp", "ras", "realaudio", "rexec",	\
	"rlogin", "rpc", "rsh", "rtsp", "sip", "snmp", "sqlnet", "tcp",	\
	"tftp", "traceroute", "udp", "winframe"

/**
 * enum nfalg_snmp_command - values of %NFALG_A_APP_SNMP_COMMAND
 * @NFALG_SNMP_GET: get
 * @NFALG_SNMP_GET_NEXT: get-next
 * @NFALG_SNMP_GET_RESPONSE: get-response
 * @NFALG_SNMP_TRAP: trap
 * @NFALG_SNMP_SET: set
 * @__NFALG_SNMP_MAX: one past the last
 */
enum nfalg_snmp_command {
	NFALG_SNMP_GET = 1,
	NFALG_SNMP_GET_NEXT,
	NFALG_SNMP_GET_RESPONSE,
	NFALG_SNMP_TRAP,
	NFALG_SNMP_SET,

	__NFALG_SNMP_MAX
};
#define NFALG_SNMP_MAX		(__NFALG_SNMP_MAX - 1)

/**
 * enum nfalg_app_attr - one application (inside %NFALG_A_APP)
 * @NFALG_A_APP_UNSPEC: unused
 * @NFALG_A_APP_NAME: name (string, required)
 * @NFALG_A_APP_PROTOCOL: IP protocol number (u8, required)
 * @NFALG_A_APP_DPORT_LO: lowest destination port (u16); TCP, UDP, SCTP only
 * @NFALG_A_APP_DPORT_HI: highest destination port (u16); needs
 *	%NFALG_A_APP_DPORT_LO, not below it (default: equal to it)
 * @NFALG_A_APP_SPORT_LO: lowest source port (u16), like the destination
 * @NFALG_A_APP_SPORT_HI: highest source port (u16)
 * @NFALG_A_APP_ALG: application protocol, one of %NFALG_ALG_NAMES (string)
 * @NFALG_A_APP_TIMEOUT: inactivity timeout in seconds (u32, 1..86400)
 * @NFALG_A_APP_ICMP_TYPE: ICMP type (u8); protocols 1 and 58 only
 * @NFALG_A_APP_ICMP_CODE: ICMP code (u8); needs %NFALG_A_APP_ICMP_TYPE
 * @NFALG_A_APP_TTL_THRESHOLD: traceroute TTL threshold (u8, 1..255);
 *	ALG "traceroute" only
 * @NFALG_A_APP_RPC_PROG_LO: lowest Sun RPC program number (u32); ALG "rpc"
 *	only.  A request gives either this (one range) or
 *	%NFALG_A_APP_RPC_PROGS; dumps carry the first range here too.
 * @NFALG_A_APP_RPC_PROG_HI: highest program number (u32), default: equal
 * @NFALG_A_APP_UUID: DCE RPC interface UUID (16 bytes, RFC 4122 byte order);
 *	ALG "dce-rpc" only
 * @NFALG_A_APP_SNMP_COMMAND: enum nfalg_snmp_command (u8); ALG "snmp" only
 * @NFALG_A_APP_PREDEFINED: flag, in dumps: a predefined application
 * @NFALG_A_APP_OVERRIDE: flag, in dumps: a user application hiding a
 *	predefined one of the same name
 * @NFALG_A_APP_RPC_PROGS: Sun RPC program numbers (nest of
 *	%NFALG_A_RPC_RANGE nests, 1..%NFALG_MAX_RPC_RANGES, ranges must not
 *	overlap); ALG "rpc" only; always present in dumps of applications
 *	with program numbers
 * @NFALG_A_APP_DNS_KEEP_OPEN: flag; ALG "dns" only: the conversation is
 *	not closed after the answer to its last query (zone transfers and
 *	other exchanges of several messages per query, over TCP); an answer
 *	must still carry the ID of a query of the conversation
 * @__NFALG_A_APP_MAX: internal use
 * @NFALG_A_APP_MAX: highest attribute number
 */
enum nfalg_app_attr {
	NFALG_A_APP_UNSPEC,
	NFALG_A_APP_NAME,
	NFALG_A_APP_PROTOCOL,
	NFALG_A_APP_DPORT_LO,
	NFALG_A_APP_DPORT_HI,
	NFALG_A_APP_SPORT_LO,
	NFALG_A_APP_SPORT_HI,
	NFALG_A_APP_ALG,
	NFALG_A_APP_TIMEOUT,
	NFALG_A_APP_ICMP_TYPE,
	NFALG_A_APP_ICMP_CODE,
	NFALG_A_APP_TTL_THRESHOLD,
	NFALG_A_APP_RPC_PROG_LO,
	NFALG_A_APP_RPC_PROG_HI,
	NFALG_A_APP_UUID,
	NFALG_A_APP_SNMP_COMMAND,
	NFALG_A_APP_PREDEFINED,
	NFALG_A_APP_OVERRIDE,
	NFALG_A_APP_RPC_PROGS,
	NFALG_A_APP_DNS_KEEP_OPEN,

	__NFALG_A_APP_MAX
};
#define NFALG_A_APP_MAX		(__NFALG_A_APP_MAX - 1)

/* Program number ranges of one application */
#define NFALG_MAX_RPC_RANGES	16

/**
 * enum nfalg_rpc_progs_attr - inside %NFALG_A_APP_RPC_PROGS
 * @NFALG_A_RPC_UNSPEC: unused
 * @NFALG_A_RPC_RANGE: one range (nest, enum nfalg_rpc_range_attr); repeated
 * @__NFALG_A_RPC_MAX: internal use
 * @NFALG_A_RPC_MAX: highest attribute number
 */
enum nfalg_rpc_progs_attr {
	NFALG_A_RPC_UNSPEC,
	NFALG_A_RPC_RANGE,

	__NFALG_A_RPC_MAX
};
#define NFALG_A_RPC_MAX		(__NFALG_A_RPC_MAX - 1)

/**
 * enum nfalg_rpc_range_attr - one program number range (%NFALG_A_RPC_RANGE)
 * @NFALG_A_RPC_RANGE_UNSPEC: unused
 * @NFALG_A_RPC_RANGE_LO: lowest program number (u32, required)
 * @NFALG_A_RPC_RANGE_HI: highest (u32, not below the lowest); default: equal
 * @__NFALG_A_RPC_RANGE_MAX: internal use
 * @NFALG_A_RPC_RANGE_MAX: highest attribute number
 */
enum nfalg_rpc_range_attr {
	NFALG_A_RPC_RANGE_UNSPEC,
	NFALG_A_RPC_RANGE_LO,
	NFALG_A_RPC_RANGE_HI,

	__NFALG_A_RPC_RANGE_MAX
};
#define NFALG_A_RPC_RANGE_MAX	(__NFALG_A_RPC_RANGE_MAX - 1)

/**
 * enum nfalg_appset_attr - one application set (inside %NFALG_A_APPSET)
 * @NFALG_A_APPSET_UNSPEC: unused
 * @NFALG_A_APPSET_NAME: name (string, required)
 * @NFALG_A_APPSET_MEMBERS: members (nest of %NFALG_A_APPSET_MEMBER strings,
 *	1..%NFALG_MAX_SET_MEMBERS, each the name of an application or set)
 * @NFALG_A_APPSET_PREDEFINED: flag, in dumps: a predefined set
 * @NFALG_A_APPSET_OVERRIDE: flag, in dumps: a user set hiding a predefined
 *	one
 * @NFALG_A_APPSET_CONTINUED: flag, in GET_APPSET dumps: this message
 *	continues the member list of the previous one (a set whose members
 *	do not fit one message is split over several); rejected in requests
 * @__NFALG_A_APPSET_MAX: internal use
 * @NFALG_A_APPSET_MAX: highest attribute number
 */
enum nfalg_appset_attr {
	NFALG_A_APPSET_UNSPEC,
	NFALG_A_APPSET_NAME,
	NFALG_A_APPSET_MEMBERS,
	NFALG_A_APPSET_PREDEFINED,
	NFALG_A_APPSET_OVERRIDE,
	NFALG_A_APPSET_CONTINUED,

	__NFALG_A_APPSET_MAX
};
#define NFALG_A_APPSET_MAX	(__NFALG_A_APPSET_MAX - 1)

/**
 * enum nfalg_appset_member_attr - inside %NFALG_A_APPSET_MEMBERS
 * @NFALG_A_APPSET_MEMBER_UNSPEC: unused
 * @NFALG_A_APPSET_MEMBER: a member name (string); repeated
 * @__NFALG_A_APPSET_MEMBER_MAX: internal use
 * @NFALG_A_APPSET_MEMBER_MAX: highest attribute number
 */
enum nfalg_appset_member_attr {
	NFALG_A_APPSET_MEMBER_UNSPEC,
	NFALG_A_APPSET_MEMBER,

	__NFALG_A_APPSET_MEMBER_MAX
};
#define NFALG_A_APPSET_MEMBER_MAX	(__NFALG_A_APPSET_MEMBER_MAX - 1)

/*
 * Rules and service sets.  Rule and service set names follow the rules of
 * application names; rules, service sets and applications are separate
 * name spaces.
 */
#define NFALG_MAX_RULES		16384
#define NFALG_MAX_SSETS		256
#define NFALG_MAX_TERMS		16	/* per rule */
#define NFALG_MAX_TERM_REFS	16	/* each list of a term */
#define NFALG_MAX_SSET_RULES	16384	/* rules of one service set */
#define NFALG_MAX_SSET_IFACES	64	/* interfaces of one service set */
/* Largest %NFALG_A_RULE nest accepted, so that every rule fits a dump message */
#define NFALG_MAX_RULE_SIZE	3072

/**
 * enum nfalg_match_direction - values of %NFALG_A_RULE_DIRECTION
 * @NFALG_DIR_INPUT: packets received on the service set's interfaces
 * @NFALG_DIR_OUTPUT: packets sent out of them
 * @NFALG_DIR_INPUT_OUTPUT: both
 */
enum nfalg_match_direction {
	NFALG_DIR_INPUT = 1,
	NFALG_DIR_OUTPUT,
	NFALG_DIR_INPUT_OUTPUT,
};

/**
 * enum nfalg_action - values of %NFALG_A_TERM_ACTION
 * @NFALG_ACT_ACCEPT: accept the packet
 * @NFALG_ACT_DISCARD: drop it silently
 * @NFALG_ACT_REJECT: drop it and tell the sender (TCP reset / ICMP)
 */
enum nfalg_action {
	NFALG_ACT_ACCEPT = 1,
	NFALG_ACT_DISCARD,
	NFALG_ACT_REJECT,
};

/**
 * enum nfalg_rule_attr - one rule (inside %NFALG_A_RULE)
 * @NFALG_A_RULE_UNSPEC: unused
 * @NFALG_A_RULE_NAME: name (string, required)
 * @NFALG_A_RULE_DIRECTION: enum nfalg_match_direction (u8, required)
 * @NFALG_A_RULE_TERMS: the terms in order (nest of %NFALG_A_RULE_TERM
 *	nests, 1..%NFALG_MAX_TERMS, required)
 * @__NFALG_A_RULE_MAX: internal use
 * @NFALG_A_RULE_MAX: highest attribute number
 */
enum nfalg_rule_attr {
	NFALG_A_RULE_UNSPEC,
	NFALG_A_RULE_NAME,
	NFALG_A_RULE_DIRECTION,
	NFALG_A_RULE_TERMS,

	__NFALG_A_RULE_MAX
};
#define NFALG_A_RULE_MAX	(__NFALG_A_RULE_MAX - 1)

/**
 * enum nfalg_terms_attr - inside %NFALG_A_RULE_TERMS
 * @NFALG_A_RULE_TERM_UNSPEC: unused
 * @NFALG_A_RULE_TERM: one term (nest, enum nfalg_term_attr); repeated
 * @__NFALG_A_RULE_TERM_MAX: internal use
 * @NFALG_A_RULE_TERM_MAX: highest attribute number
 */
enum nfalg_terms_attr {
	NFALG_A_RULE_TERM_UNSPEC,
	NFALG_A_RULE_TERM,

	__NFALG_A_RULE_TERM_MAX
};
#define NFALG_A_RULE_TERM_MAX	(__NFALG_A_RULE_TERM_MAX - 1)

/**
 * enum nfalg_term_attr - one term of a rule (inside %NFALG_A_RULE_TERM)
 * @NFALG_A_TERM_UNSPEC: unused
 * @NFALG_A_TERM_NAME: name, unique within the rule (string, required)
 * @NFALG_A_TERM_SOURCE: source prefixes (nest of %NFALG_A_PREFIX nests,
 *	at most %NFALG_MAX_TERM_REFS); absent: any source
 * @NFALG_A_TERM_DESTINATION: destination prefixes, like the source
 * @NFALG_A_TERM_APPS: applications (nest of %NFALG_A_APPSET_MEMBER
 *	strings, at most %NFALG_MAX_TERM_REFS), each an existing application
 * @NFALG_A_TERM_APPSETS: application sets, like %NFALG_A_TERM_APPS; no
 *	applications and no sets: any traffic
 * @NFALG_A_TERM_ACTION: enum nfalg_action (u8, required)
 * @NFALG_A_TERM_SYSLOG: flag: log matches
 * @NFALG_A_TERM_PAD: padding of %NFALG_A_TERM_HITS
 * @NFALG_A_TERM_HITS: dumps only: new connections that matched the term
 *	and got its action (u64), since the rule was added or replaced
 * @__NFALG_A_TERM_MAX: internal use
 * @NFALG_A_TERM_MAX: highest attribute number
 */
enum nfalg_term_attr {
	NFALG_A_TERM_UNSPEC,
	NFALG_A_TERM_NAME,
	NFALG_A_TERM_SOURCE,
	NFALG_A_TERM_DESTINATION,
	NFALG_A_TERM_APPS,
	NFALG_A_TERM_APPSETS,
	NFALG_A_TERM_ACTION,
	NFALG_A_TERM_SYSLOG,
	NFALG_A_TERM_PAD,
	NFALG_A_TERM_HITS,

	__NFALG_A_TERM_MAX
};
#define NFALG_A_TERM_MAX	(__NFALG_A_TERM_MAX - 1)

/**
 * enum nfalg_prefixes_attr - inside %NFALG_A_TERM_SOURCE/_DESTINATION
 * @NFALG_A_PREFIXES_UNSPEC: unused
 * @NFALG_A_PREFIX: one prefix (nest, enum nfalg_prefix_attr); repeated
 * @__NFALG_A_PREFIXES_MAX: internal use
 * @NFALG_A_PREFIXES_MAX: highest attribute number
 */
enum nfalg_prefixes_attr {
	NFALG_A_PREFIXES_UNSPEC,
	NFALG_A_PREFIX,

	__NFALG_A_PREFIXES_MAX
};
#define NFALG_A_PREFIXES_MAX	(__NFALG_A_PREFIXES_MAX - 1)

/**
 * enum nfalg_prefix_attr - one address prefix (inside %NFALG_A_PREFIX)
 * @NFALG_A_PREFIX_UNSPEC: unused
 * @NFALG_A_PREFIX_ADDR: address, network byte order: 4 bytes (IPv4) or
 *	16 (IPv6); bits beyond the length must be zero (required)
 * @NFALG_A_PREFIX_LEN: prefix length (u8, 0..32 or 0..128, required)
 * @NFALG_A_PREFIX_EXCEPT: flag: addresses in this prefix do not match
 * @__NFALG_A_PREFIX_MAX: internal use
 * @NFALG_A_PREFIX_MAX: highest attribute number
 *
 * An address matches a prefix list when the longest prefix of the list
 * containing it is not an except prefix.
 */
enum nfalg_prefix_attr {
	NFALG_A_PREFIX_UNSPEC,
	NFALG_A_PREFIX_ADDR,
	NFALG_A_PREFIX_LEN,
	NFALG_A_PREFIX_EXCEPT,

	__NFALG_A_PREFIX_MAX
};
#define NFALG_A_PREFIX_MAX	(__NFALG_A_PREFIX_MAX - 1)

/**
 * enum nfalg_sset_attr - one service set (inside %NFALG_A_SSET)
 * @NFALG_A_SSET_UNSPEC: unused
 * @NFALG_A_SSET_NAME: name (string, required)
 * @NFALG_A_SSET_RULES: rules in order (nest of %NFALG_A_APPSET_MEMBER
 *	strings, each an existing rule; at least one); one attribute holds
 *	what fits 64 KiB, longer lists are completed with
 *	%NFALG_A_SSET_APPEND requests, up to %NFALG_MAX_SSET_RULES in all
 * @NFALG_A_SSET_IFACES: interfaces the set is bound to (nest of
 *	%NFALG_A_APPSET_MEMBER strings of at most 15 characters,
 *	1..%NFALG_MAX_SSET_IFACES); an interface belongs to one set at most
 * @NFALG_A_SSET_GLOBAL: flag: applies to every interface without a set of
 *	its own; excludes %NFALG_A_SSET_IFACES; one global set at most
 * @NFALG_A_SSET_APPEND: flag in NEW_SSET: append %NFALG_A_SSET_RULES to
 *	the existing service set of that name (nothing else may be given);
 *	inside a transaction the intermediate lists are never visible.  In
 *	a GET_SSET dump: this message continues the rule list of the
 *	previous one (a long list is split over several messages)
 * @__NFALG_A_SSET_MAX: internal use
 * @NFALG_A_SSET_MAX: highest attribute number
 */
enum nfalg_sset_attr {
	NFALG_A_SSET_UNSPEC,
	NFALG_A_SSET_NAME,
	NFALG_A_SSET_RULES,
	NFALG_A_SSET_IFACES,
	NFALG_A_SSET_GLOBAL,
	NFALG_A_SSET_APPEND,

	__NFALG_A_SSET_MAX
};
#define NFALG_A_SSET_MAX	(__NFALG_A_SSET_MAX - 1)

/**
 * enum nfalg_cls_attr - classifier key and result (inside %NFALG_A_CLS)
 * @NFALG_A_CLS_UNSPEC: unused
 * @NFALG_A_CLS_IFNAME: key: interface name (string, required)
 * @NFALG_A_CLS_DIRECTION: key: %NFALG_DIR_INPUT or %NFALG_DIR_OUTPUT (u8,
 *	required)
 * @NFALG_A_CLS_SADDR: key: source address, 4 or 16 bytes (required)
 * @NFALG_A_CLS_DADDR: key: destination address, same family (required)
 * @NFALG_A_CLS_PROTOCOL: key: IP protocol (u8, required)
 * @NFALG_A_CLS_SPORT: key: source port (u16)
 * @NFALG_A_CLS_DPORT: key: destination port (u16)
 * @NFALG_A_CLS_ICMP_TYPE: key: ICMP type (u8)
 * @NFALG_A_CLS_ICMP_CODE: key: ICMP code (u8)
 * @NFALG_A_CLS_SSET: result: service set name (string)
 * @NFALG_A_CLS_RULE: result: rule name (string)
 * @NFALG_A_CLS_TERM: result: term name (string)
 * @NFALG_A_CLS_APP: result: the application that matched (string); absent
 *	when the term names no application
 * @NFALG_A_CLS_ALG: result: that application's ALG (string), if any
 * @NFALG_A_CLS_ACTION: result: enum nfalg_action (u8)
 * @NFALG_A_CLS_SYSLOG: result: flag, the term logs
 * @NFALG_A_CLS_RPC_PROG: key: Sun RPC program number (u32); an application
 *	with program numbers then matches only when one of its ranges holds
 *	it (without this key program numbers are not compared)
 * @__NFALG_A_CLS_MAX: internal use
 * @NFALG_A_CLS_MAX: highest attribute number
 */
enum nfalg_cls_attr {
	NFALG_A_CLS_UNSPEC,
	NFALG_A_CLS_IFNAME,
	NFALG_A_CLS_DIRECTION,
	NFALG_A_CLS_SADDR,
	NFALG_A_CLS_DADDR,
	NFALG_A_CLS_PROTOCOL,
	NFALG_A_CLS_SPORT,
	NFALG_A_CLS_DPORT,
	NFALG_A_CLS_ICMP_TYPE,
	NFALG_A_CLS_ICMP_CODE,
	NFALG_A_CLS_SSET,
	NFALG_A_CLS_RULE,
	NFALG_A_CLS_TERM,
	NFALG_A_CLS_APP,
	NFALG_A_CLS_ALG,
	NFALG_A_CLS_ACTION,
	NFALG_A_CLS_SYSLOG,
	NFALG_A_CLS_RPC_PROG,

	__NFALG_A_CLS_MAX
};
#define NFALG_A_CLS_MAX		(__NFALG_A_CLS_MAX - 1)

/**
 * enum nfalg_conv_attr - one conversation (inside %NFALG_A_CONV)
 * @NFALG_A_CONV_UNSPEC: unused
 * @NFALG_A_CONV_PAD: padding of the u64 attributes
 * @NFALG_A_CONV_ID: conntrack id of the entry (u32, as conntrack -L -o id)
 * @NFALG_A_CONV_PARENT: id of the control conversation that admitted this
 *	child or owns this pinhole (u32); absent on a parent
 * @NFALG_A_CONV_PINHOLE: flag: the entry is a pinhole (an expectation),
 *	not a connection; it carries PROTO, SRC, DST, DPORT and TIMEOUT
 * @NFALG_A_CONV_FAMILY: AF_INET or AF_INET6 (u8)
 * @NFALG_A_CONV_PROTO: IP protocol (u8)
 * @NFALG_A_CONV_SRC: original direction source address (4 or 16 bytes)
 * @NFALG_A_CONV_DST: original direction destination address
 * @NFALG_A_CONV_SPORT: original source port (u16, host order; 0: none)
 * @NFALG_A_CONV_DPORT: original destination port (u16)
 * @NFALG_A_CONV_REPLY_SRC: reply direction source address (differs from
 *	@NFALG_A_CONV_DST under destination NAT)
 * @NFALG_A_CONV_REPLY_DST: reply direction destination address (differs
 *	from @NFALG_A_CONV_SRC under source NAT)
 * @NFALG_A_CONV_REPLY_SPORT: reply source port (u16)
 * @NFALG_A_CONV_REPLY_DPORT: reply destination port (u16)
 * @NFALG_A_CONV_APP: application the classification matched (string);
 *	filter of DEL_CONV
 * @NFALG_A_CONV_ALG: ALG of the conversation, its helper's name without
 *	"nfalg-" (string); filter of DEL_CONV
 * @NFALG_A_CONV_AGE: seconds since the conversation was classified (u32)
 * @NFALG_A_CONV_IDLE: seconds since its last packet (u32); only when the
 *	inactivity timeout is known (see Documentation/datapath.md)
 * @NFALG_A_CONV_TIMEOUT: seconds until conntrack expires the entry (u32)
 * @NFALG_A_CONV_INACTIVITY: the application's inactivity timeout (u32,
 *	seconds; absent: protocol default)
 * @NFALG_A_CONV_PKTS_ORIG: packets in the original direction (u64); only
 *	with conntrack accounting (net.netfilter.nf_conntrack_acct)
 * @NFALG_A_CONV_BYTES_ORIG: bytes in the original direction (u64)
 * @NFALG_A_CONV_PKTS_REPLY: packets in the reply direction (u64)
 * @NFALG_A_CONV_BYTES_REPLY: bytes in the reply direction (u64)
 * @NFALG_A_CONV_ADDR: DEL_CONV filter: an address (4 or 16 bytes) that is
 *	either end of the conversation's original direction
 * @__NFALG_A_CONV_MAX: internal use
 * @NFALG_A_CONV_MAX: highest attribute number
 */
enum nfalg_conv_attr {
	NFALG_A_CONV_UNSPEC,
	NFALG_A_CONV_PAD,
	NFALG_A_CONV_ID,
	NFALG_A_CONV_PARENT,
	NFALG_A_CONV_PINHOLE,
	NFALG_A_CONV_FAMILY,
	NFALG_A_CONV_PROTO,
	NFALG_A_CONV_SRC,
	NFALG_A_CONV_DST,
	NFALG_A_CONV_SPORT,
	NFALG_A_CONV_DPORT,
	NFALG_A_CONV_REPLY_SRC,
	NFALG_A_CONV_REPLY_DST,
	NFALG_A_CONV_REPLY_SPORT,
	NFALG_A_CONV_REPLY_DPORT,
	NFALG_A_CONV_APP,
	NFALG_A_CONV_ALG,
	NFALG_A_CONV_AGE,
	NFALG_A_CONV_IDLE,
	NFALG_A_CONV_TIMEOUT,
	NFALG_A_CONV_INACTIVITY,
	NFALG_A_CONV_PKTS_ORIG,
	NFALG_A_CONV_BYTES_ORIG,
	NFALG_A_CONV_PKTS_REPLY,
	NFALG_A_CONV_BYTES_REPLY,
	NFALG_A_CONV_ADDR,

	__NFALG_A_CONV_MAX
};
#define NFALG_A_CONV_MAX	(__NFALG_A_CONV_MAX - 1)

/**
 * enum nfalg_event_type - what an %NFALG_CMD_EVENT reports
 * @NFALG_EV_UNSPEC: unused
 * @NFALG_EV_CONV_START: a conversation (an entry carrying an nfalg helper)
 *	is confirmed: its first packet left the router; ALG, application
 *	when classification chose it, protocol, addresses and ports of the
 *	original direction
 * @NFALG_EV_CONV_END: that conversation's entry is destroyed; the same
 *	attributes, and packets and bytes (both directions together) under
 *	conntrack accounting
 * @NFALG_EV_PINHOLE_OPEN: an ALG opened a pinhole: from %NFALG_A_EV_SRC
 *	(any port) to %NFALG_A_EV_DST port %NFALG_A_EV_DPORT
 * @NFALG_EV_PINHOLE_REFUSED: the pinhole policy refused one:
 *	%NFALG_A_EV_REASON, the control connection's direction that
 *	announced it (%NFALG_A_EV_SRC to %NFALG_A_EV_DST) and the announced
 *	%NFALG_A_EV_ADDR and %NFALG_A_EV_PORT
 * @NFALG_EV_ANOMALY: a packet was dropped by a TCP or UDP sanity check:
 *	%NFALG_A_EV_REASON names the anomaly (as its counter does)
 * @NFALG_EV_CONFIG: the configuration or the parameters changed:
 *	%NFALG_A_EV_GENERATION is the new generation (as in a status reply)
 * @__NFALG_EV_MAX: internal use
 */
enum nfalg_event_type {
	NFALG_EV_UNSPEC,
	NFALG_EV_CONV_START,
	NFALG_EV_CONV_END,
	NFALG_EV_PINHOLE_OPEN,
	NFALG_EV_PINHOLE_REFUSED,
	NFALG_EV_ANOMALY,
	NFALG_EV_CONFIG,

	__NFALG_EV_MAX
};

/**
 * enum nfalg_event_attr - attributes of %NFALG_A_EVENT
 * @NFALG_A_EV_UNSPEC: unused
 * @NFALG_A_EV_PAD: padding of 64-bit attributes
 * @NFALG_A_EV_TYPE: enum nfalg_event_type (u8), always present
 * @NFALG_A_EV_FAMILY: AF_INET or AF_INET6 (u8)
 * @NFALG_A_EV_PROTO: IP protocol (u8)
 * @NFALG_A_EV_SRC: source address (4 or 16 bytes)
 * @NFALG_A_EV_DST: destination address
 * @NFALG_A_EV_SPORT: source port (u16; TCP and UDP)
 * @NFALG_A_EV_DPORT: destination port (u16)
 * @NFALG_A_EV_ALG: the ALG's name (string)
 * @NFALG_A_EV_APP: the application classification matched (string)
 * @NFALG_A_EV_REASON: why (string): refusal reason, anomaly name
 * @NFALG_A_EV_ADDR: the address a refused pinhole announced
 * @NFALG_A_EV_PORT: the port it announced (u16)
 * @NFALG_A_EV_GENERATION: the new generation (u32)
 * @NFALG_A_EV_PACKETS: packets of the conversation (u64)
 * @NFALG_A_EV_BYTES: bytes of the conversation (u64)
 * @__NFALG_A_EV_MAX: internal use
 * @NFALG_A_EV_MAX: highest attribute number
 */
enum nfalg_event_attr {
	NFALG_A_EV_UNSPEC,
	NFALG_A_EV_PAD,
	NFALG_A_EV_TYPE,
	NFALG_A_EV_FAMILY,
	NFALG_A_EV_PROTO,
	NFALG_A_EV_SRC,
	NFALG_A_EV_DST,
	NFALG_A_EV_SPORT,
	NFALG_A_EV_DPORT,
	NFALG_A_EV_ALG,
	NFALG_A_EV_APP,
	NFALG_A_EV_REASON,
	NFALG_A_EV_ADDR,
	NFALG_A_EV_PORT,
	NFALG_A_EV_GENERATION,
	NFALG_A_EV_PACKETS,
	NFALG_A_EV_BYTES,

	__NFALG_A_EV_MAX
};
#define NFALG_A_EV_MAX		(__NFALG_A_EV_MAX - 1)

#endif /* _UAPI_LINUX_NFALG_H */
