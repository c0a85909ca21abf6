/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nfalg: the outstanding echo requests of one ping flow (ICMP ALG). An echo
 * reply passes only if a request with its sequence number is outstanding;
 * at most NFALG_PING_MAX_OUTSTANDING requests may be. Pure data structure;
 * the caller serializes access.
 */
#ifndef _NFALG_PING_WINDOW_H
#define _NFALG_PING_WINDOW_H

#include <nfalg/types.h>

#define NFALG_PING_MAX_OUTSTANDING	20

struct nfalg_ping_window {
	u16 seq[NFALG_PING_MAX_OUTSTANDING];
	u8 count;
};

int nfalg_ping_request(struct nfalg_ping_window *w, u16 seq);
bool nfalg_ping_reply(struct nfalg_ping_window *w, u16 seq);

#endif /* _NFALG_PING_WINDOW_H */
