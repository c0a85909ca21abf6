// SPDX-License-Identifier: GPL-2.0
/*
 * nfalg: outstanding echo requests of a ping flow, as a 64-bit window.
 */

#include "ping_window.h"

static u64 nfalg_ping_bits(const struct nfalg_ping_window *w)
{
	return (u64)w->bits[1] << 32 | w->bits[0];
}

static void nfalg_ping_set_bits(struct nfalg_ping_window *w, u64 bits)
{
	w->bits[0] = (u32)bits;
	w->bits[1] = (u32)(bits >> 32);
}

/* Index of the highest set bit of @v (v != 0) */
static unsigned int nfalg_ping_top(u64 v)
{
	unsigned int i = 0;

	while (v >>= 1)
		i++;
	return i;
}

/*
 * Record an echo request. A request repeating an outstanding sequence
 * number (a retransmission) takes no new slot. Returns 0; -ENOSPC when
 * NFALG_PING_MAX_OUTSTANDING requests are already waiting for replies;
 * -ERANGE when the outstanding requests and this one would not fit one
 * window of NFALG_PING_WINDOW consecutive sequence numbers (a jump of the
 * sequence while older requests are unanswered). In both error cases the
 * window is unchanged.
 */
int nfalg_ping_request(struct nfalg_ping_window *w, u16 seq)
{
	u64 bits = nfalg_ping_bits(w);
	u16 ahead, back;

	if (!w->count) {
		w->base = seq;
		w->count = 1;
		nfalg_ping_set_bits(w, 1);
		return 0;
	}
	ahead = (u16)(seq - w->base);
	back = (u16)(w->base - seq);
	if (ahead < NFALG_PING_WINDOW) {
		if (bits & (1ULL << ahead))
			return 0;
		if (w->count >= NFALG_PING_MAX_OUTSTANDING)
			return -ENOSPC;
		nfalg_ping_set_bits(w, bits | 1ULL << ahead);
		w->count++;
		return 0;
	}
	if (w->count >= NFALG_PING_MAX_OUTSTANDING)
		return -ENOSPC;
	/* older than the oldest outstanding: the window moves back */
	if (back < NFALG_PING_WINDOW &&
	    back + nfalg_ping_top(bits) < NFALG_PING_WINDOW) {
		w->base = seq;
		nfalg_ping_set_bits(w, bits << back | 1);
		w->count++;
		return 0;
	}
	return -ERANGE;
}

/*
 * An echo reply: true (and the request is answered) if a request with
 * @seq is outstanding, false otherwise.
 */
bool nfalg_ping_reply(struct nfalg_ping_window *w, u16 seq)
{
	u64 bits = nfalg_ping_bits(w);
	u16 off = (u16)(seq - w->base);

	if (!w->count || off >= NFALG_PING_WINDOW || !(bits & (1ULL << off)))
		return false;
	bits &= ~(1ULL << off);
	w->count--;
	/* keep the oldest outstanding request at the window's base */
	while (bits && !(bits & 1)) {
		bits >>= 1;
		w->base++;
	}
	nfalg_ping_set_bits(w, bits);
	return true;
}
