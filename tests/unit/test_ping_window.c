// SPDX-License-Identifier: GPL-2.0
/* Unit tests for the ping request window (kernel/core/ping_window.c). */

#include "unit.h"
#include "ping_window.h"

static void fits_conversation(void)
{
	/* it lives in the 12 bytes of nfalg_conv.u.ping */
	EXPECT_EQ(sizeof(struct nfalg_ping_window), 12);
}

static void reply_needs_request(void)
{
	struct nfalg_ping_window w = { .count = 0 };

	CHECK(!nfalg_ping_reply(&w, 0));
	CHECK(!nfalg_ping_reply(&w, 1));
	EXPECT_EQ(nfalg_ping_request(&w, 1), 0);
	CHECK(!nfalg_ping_reply(&w, 2));
	CHECK(!nfalg_ping_reply(&w, 0));
	CHECK(!nfalg_ping_reply(&w, 65));
	CHECK(nfalg_ping_reply(&w, 1));
	/* answered once: a duplicate reply does not pass */
	CHECK(!nfalg_ping_reply(&w, 1));
	EXPECT_EQ(w.count, 0);
}

static void twenty_outstanding(void)
{
	struct nfalg_ping_window w = { .count = 0 };
	int i;

	for (i = 0; i < NFALG_PING_MAX_OUTSTANDING; i++)
		EXPECT_EQ(nfalg_ping_request(&w, 100 + i), 0);
	EXPECT_EQ(nfalg_ping_request(&w, 120), -ENOSPC);
	EXPECT_EQ(nfalg_ping_request(&w, 500), -ENOSPC);
	EXPECT_EQ(nfalg_ping_request(&w, 99), -ENOSPC);
	/* a retransmitted request takes no new slot and is fine */
	EXPECT_EQ(nfalg_ping_request(&w, 105), 0);
	CHECK(!nfalg_ping_reply(&w, 120));
	CHECK(nfalg_ping_reply(&w, 119));
	EXPECT_EQ(nfalg_ping_request(&w, 150), 0);
	EXPECT_EQ(nfalg_ping_request(&w, 151), -ENOSPC);
	CHECK(nfalg_ping_reply(&w, 150));
	for (i = 0; i < NFALG_PING_MAX_OUTSTANDING - 1; i++)
		CHECK(nfalg_ping_reply(&w, 100 + i));
	EXPECT_EQ(w.count, 0);
}

static void window_moves(void)
{
	struct nfalg_ping_window w = { .count = 0 };
	int i;

	/* a long run of answered pings never fills anything */
	for (i = 0; i < 70000; i++) {
		EXPECT_EQ(nfalg_ping_request(&w, (u16)i), 0);
		CHECK(nfalg_ping_reply(&w, (u16)i));
	}
	EXPECT_EQ(w.count, 0);

	/* the base follows the oldest outstanding request */
	EXPECT_EQ(nfalg_ping_request(&w, 1000), 0);
	EXPECT_EQ(nfalg_ping_request(&w, 1063), 0);
	EXPECT_EQ(nfalg_ping_request(&w, 1064), -ERANGE);
	CHECK(nfalg_ping_reply(&w, 1000));
	EXPECT_EQ(w.base, 1063);
	EXPECT_EQ(nfalg_ping_request(&w, 1064), 0);
	/* an older request moves the window back if everything still fits */
	EXPECT_EQ(nfalg_ping_request(&w, 1001), 0);
	EXPECT_EQ(w.base, 1001);
	EXPECT_EQ(nfalg_ping_request(&w, 1000), -ERANGE);
	EXPECT_EQ(w.count, 3);
	CHECK(!nfalg_ping_reply(&w, 1000));
	CHECK(nfalg_ping_reply(&w, 1064));
	CHECK(nfalg_ping_reply(&w, 1001));
	CHECK(nfalg_ping_reply(&w, 1063));
	EXPECT_EQ(w.count, 0);
}

static void wraparound_and_order(void)
{
	struct nfalg_ping_window w = { .count = 0 };

	EXPECT_EQ(nfalg_ping_request(&w, 65535), 0);
	EXPECT_EQ(nfalg_ping_request(&w, 0), 0);
	EXPECT_EQ(nfalg_ping_request(&w, 1), 0);
	CHECK(nfalg_ping_reply(&w, 0));
	CHECK(nfalg_ping_reply(&w, 65535));
	CHECK(nfalg_ping_reply(&w, 1));
	EXPECT_EQ(w.count, 0);
	EXPECT_EQ(nfalg_ping_request(&w, 5), 0);
	EXPECT_EQ(nfalg_ping_request(&w, 65530), 0);
	EXPECT_EQ(w.base, 65530);
	CHECK(nfalg_ping_reply(&w, 5));
	CHECK(nfalg_ping_reply(&w, 65530));
}

int main(void)
{
	RUN(fits_conversation);
	RUN(reply_needs_request);
	RUN(twenty_outstanding);
	RUN(window_moves);
	RUN(wraparound_and_order);
	return unit_exit();
}
