// SPDX-License-Identifier: GPL-2.0
/*
 * nfalg: outstanding echo requests of a ping flow.
 */

#include "ping_window.h"

static int nfalg_ping_find(const struct nfalg_ping_window *w, u16 seq)
{
	unsigned int i;

	for (i = 0; i < w->count && i < NFALG_PING_MAX_OUTSTANDING; i++) {
		if (w->seq[i] == seq)
			return i;
	}
	return -1;
}

/*
 * Record an echo request. A request repeating an outstanding sequence
 * number (a retransmission) takes no new slot. Returns 0, or -ENOSPC when
 * NFALG_PING_MAX_OUTSTANDING requests are already waiting for replies.
 */
int nfalg_ping_request(struct nfalg_ping_window *w, u16 seq)
{
	if (nfalg_ping_find(w, seq) >= 0)
		return 0;
	if (w->count >= NFALG_PING_MAX_OUTSTANDING)
		return -ENOSPC;
	w->seq[w->count++] = seq;
	return 0;
}

/*
 * An echo reply: true (and the request is answered) if a request with
 * @seq is outstanding, false otherwise.
 */
bool nfalg_ping_reply(struct nfalg_ping_window *w, u16 seq)
{
	int i = nfalg_ping_find(w, seq);

	if (i < 0)
		return false;
	w->seq[i] = w->seq[--w->count];
	return true;
}
