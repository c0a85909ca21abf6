// SPDX-License-Identifier: GPL-2.0
/* Unit tests for the ping request window (kernel/core/ping_window.c). */

#include "unit.h"
#include "ping_window.h"

static void reply_needs_request(void)
{
	struct nfalg_ping_window w = { .count = 0 };

	CHECK(!nfalg_ping_reply(&w, 1));
	EXPECT_EQ(nfalg_ping_request(&w, 1), 0);
	CHECK(!nfalg_ping_reply(&w, 2));
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
	EXPECT_EQ(nfalg_ping_request(&w, 500), -ENOSPC);
	/* a retransmitted request takes no new slot and is fine */
	EXPECT_EQ(nfalg_ping_request(&w, 105), 0);
	CHECK(!nfalg_ping_reply(&w, 500));
	CHECK(nfalg_ping_reply(&w, 119));
	EXPECT_EQ(nfalg_ping_request(&w, 500), 0);
	CHECK(nfalg_ping_reply(&w, 500));
	for (i = 0; i < NFALG_PING_MAX_OUTSTANDING - 1; i++)
		CHECK(nfalg_ping_reply(&w, 100 + i));
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
}

int main(void)
{
	RUN(reply_needs_request);
	RUN(twenty_outstanding);
	RUN(wraparound_and_order);
	return unit_exit();
}
