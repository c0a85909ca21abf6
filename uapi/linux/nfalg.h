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
 *	%NFALG_A_PARAMS (all parameters) and %NFALG_A_ALGS.  Allowed for
 *	any user.
 * @NFALG_CMD_SET_PARAMS: request carries %NFALG_A_PARAMS with at least one
 *	parameter; the others keep their value.  Needs CAP_NET_ADMIN in the
 *	user namespace owning the network namespace.  On success the
 *	generation is incremented and a message with this command and the
 *	same attributes as a status reply is sent to the %NFALG_MCGRP_EVENTS
 *	group of the namespace (and to the requester if it set NLM_F_ECHO).
 * @__NFALG_CMD_MAX: internal use
 * @NFALG_CMD_MAX: highest command number
 */
enum nfalg_cmd {
	NFALG_CMD_UNSPEC,
	NFALG_CMD_GET_STATUS,
	NFALG_CMD_SET_PARAMS,
	NFALG_CMD_GET_PINHOLES,	/* dump: one message per pinhole */

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
 * @__NFALG_A_MAX: internal use
 * @NFALG_A_MAX: highest attribute number
 */
enum nfalg_attr {
	NFALG_A_UNSPEC,
	NFALG_A_VERSION,
	NFALG_A_GENERATION,
	NFALG_A_PARAMS,
	NFALG_A_ALGS,
	NFALG_A_COUNTERS,	/* nest of NFALG_A_CNT_*, u64 each */
	NFALG_A_PINHOLE,	/* nest of NFALG_A_PH_* (GET_PINHOLES dump) */

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

#endif /* _UAPI_LINUX_NFALG_H */
