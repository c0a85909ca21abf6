/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nfalg remote-shell ALG (rsh, rexec): parser of the first field a client
 * sends, the port of its secondary (standard error) connection.
 *
 * A pure function over (buffer, length): no skb, no allocation, no global
 * state, no read past the length given.  The same source builds into the
 * kernel module and into the userspace unit tests and libFuzzer targets.
 */
#ifndef _NFALG_RSH_PARSE_H
#define _NFALG_RSH_PARSE_H

#include <nfalg/types.h>

/* Longest port field, NUL included: "65535\0" */
#define NFALG_RSH_PORT_MAX	6

int nfalg_rsh_parse_port(const char *buf, unsigned int len, u16 *port);
int nfalg_rsh_format_port(char *buf, unsigned int size, u16 port);

#endif /* _NFALG_RSH_PARSE_H */
