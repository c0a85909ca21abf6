/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nfalg: the outstanding echo requests of one ping flow (ICMP ALG). An echo
 * reply passes only if a request with its sequence number is outstanding;
 * at most NFALG_PING_MAX_OUTSTANDING requests may be. Pure data structure
 * of 12 bytes (it lives in nfalg_conv.u.ping); the caller serializes
 * access.
 *
 * The outstanding sequence numbers are kept as a bitmap over a window of
 * NFALG_PING_WINDOW consecutive sequence numbers starting at @base, which
 * is always the oldest outstanding one (bit 0 set) while any is
 * outstanding.
 */
#ifndef _NFALG_PING_WINDOW_H
#define _NFALG_PING_WINDOW_H

#include <nfalg/types.h>

#define NFALG_PING_MAX_OUTSTANDING	20
#define NFALG_PING_WINDOW		64

struct nfalg_ping_window {
	u16 base;
	u16 count;
	u32 bits[2];
};

int nfalg_ping_request(struct nfalg_ping_window *w, u16 seq);
bool nfalg_ping_reply(struct nfalg_ping_window *w, u16 seq);

#endif /* _NFALG_PING_WINDOW_H */
