/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nfalg CLI: generic netlink transport on top of libmnl.
 */
#ifndef NFALG_NL_H
#define NFALG_NL_H

#include <stdbool.h>
#include <stdint.h>

#include <libmnl/libmnl.h>

#define NL_BUF_SIZE	32768

struct nl_ctx {
	struct mnl_socket *sock;
	unsigned int portid;
	uint32_t seq;
	uint16_t family_id;
	uint32_t family_version;
	uint32_t mcgrp_events;		/* 0: not advertised */
	char *buf;			/* NL_BUF_SIZE bytes, requests + replies */
	bool shared;			/* borrowed session: nl_close() keeps it */
};

/*
 * Where the input that is being run comes from ("FILE:LINE"), or NULL;
 * nl_perror() puts it in front of its message.
 */
extern const char *nl_where;

/* What the kernel said about a failed request (from the extended ACK) */
struct nl_err {
	int error;			/* positive errno, 0: no error */
	char msg[256];			/* NLMSGERR_ATTR_MSG, "" if none */
	bool has_offs;
	uint32_t offs;			/* offset of the bad attribute */
	bool has_range;			/* policy of the bad attribute */
	uint64_t min, max;
};

/* Called for every data message of a reply */
typedef int (*nl_msg_cb)(const struct nlmsghdr *nlh, void *data);

/* Open the socket (extended ACK, capped ACK); returns 0 or -errno */
int nl_open(struct nl_ctx *nl);
void nl_close(struct nl_ctx *nl);

/*
 * Look up generic netlink family @name; returns 0, -ENOENT when the family
 * is not registered (module not loaded), or another -errno.
 */
int nl_resolve(struct nl_ctx *nl, const char *name, struct nl_err *err);

/* Start a request for @cmd of the resolved family in nl->buf */
struct nlmsghdr *nl_req(struct nl_ctx *nl, uint8_t cmd, uint16_t flags);

/*
 * Send @nlh (always with NLM_F_ACK) and process replies until the ACK:
 * @cb sees each reply message.  Returns 0, or -errno with @err filled in
 * when the kernel refused the request.
 */
int nl_transact(struct nl_ctx *nl, struct nlmsghdr *nlh, nl_msg_cb cb,
		void *data, struct nl_err *err);

/*
 * Print "nfalg: <what>: <kernel message or strerror>" to stderr; @what may
 * be NULL.
 */
void nl_perror(const struct nl_err *err, const char *what);

#endif /* NFALG_NL_H */
