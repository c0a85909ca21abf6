// SPDX-License-Identifier: GPL-2.0
/* Unit tests for the TCP stream position state machine (stream.c). */
#include <string.h>

#include "unit.h"
#include "stream.h"

static struct nfalg_stream_dir started(u32 isn)
{
	struct nfalg_stream_dir d;

	memset(&d, 0, sizeof(d));
	nfalg_stream_syn(&d, isn);
	return d;
}

static void test_syn_only_at_setup(void)
{
	struct nfalg_stream_dir d = started(1000);

	EXPECT_EQ(d.next_seq, 1001);
	EXPECT_EQ(d.state, NFALG_STREAM_LINE_START);
	nfalg_stream_add_start(&d, 1001, false);
	nfalg_stream_end(&d, 1006, NFALG_STREAM_MIDLINE);
	/* a SYN in the middle of the connection moves nothing */
	nfalg_stream_syn(&d, 1005);
	EXPECT_EQ(d.next_seq, 1006);
	EXPECT_EQ(d.state, NFALG_STREAM_MIDLINE);
	EXPECT_EQ(nfalg_stream_classify(&d, 1006, 10), NFALG_SEG_MIDLINE);
}

static void test_unknown_never_parsed(void)
{
	struct nfalg_stream_dir d;

	memset(&d, 0, sizeof(d));
	EXPECT_EQ(nfalg_stream_classify(&d, 0, 10), NFALG_SEG_PASS);
	d.started = true;	/* data before any SYN */
	nfalg_stream_syn(&d, 0);
	EXPECT_EQ(nfalg_stream_classify(&d, 1, 10), NFALG_SEG_PASS);
}

static void test_retransmission(void)
{
	struct nfalg_stream_dir d = started(0xfffffff0);	/* wraps */
	u32 s = 0xfffffff1;

	EXPECT_EQ(nfalg_stream_classify(&d, s, 20), NFALG_SEG_NEW);
	nfalg_stream_add_start(&d, s, false);
	nfalg_stream_end(&d, s + 20, NFALG_STREAM_LINE_START);
	EXPECT_EQ(nfalg_stream_classify(&d, s + 20, 5), NFALG_SEG_NEW);
	nfalg_stream_add_start(&d, s + 20, false);
	nfalg_stream_end(&d, s + 25, NFALG_STREAM_MIDLINE);
	/* both earlier segment starts are parsed again */
	EXPECT_EQ(nfalg_stream_classify(&d, s, 20), NFALG_SEG_RETRANS);
	EXPECT_EQ(nfalg_stream_classify(&d, s + 20, 5), NFALG_SEG_RETRANS);
	/* a segment starting elsewhere before the position is not */
	EXPECT_EQ(nfalg_stream_classify(&d, s + 3, 10), NFALG_SEG_PASS);
	/* a retransmission ending before the position leaves it alone */
	nfalg_stream_end(&d, s + 20, NFALG_STREAM_LINE_START);
	EXPECT_EQ(d.next_seq, s + 25);
	EXPECT_EQ(d.state, NFALG_STREAM_MIDLINE);
	/* a mid-line start is parsed again as mid-line */
	nfalg_stream_add_start(&d, s + 25, true);
	nfalg_stream_end(&d, s + 30, NFALG_STREAM_LINE_START);
	EXPECT_EQ(nfalg_stream_classify(&d, s + 25, 5), NFALG_SEG_RETRANS_MID);
}

static void test_starts_bounded(void)
{
	struct nfalg_stream_dir d = started(0);
	u32 i;

	for (i = 0; i < 3 * NFALG_STREAM_STARTS; i++) {
		nfalg_stream_add_start(&d, 1 + 10 * i, false);
		nfalg_stream_end(&d, 11 + 10 * i, NFALG_STREAM_LINE_START);
	}
	EXPECT_EQ(d.n_starts, NFALG_STREAM_STARTS);
	EXPECT_EQ(nfalg_stream_classify(&d, 1, 10), NFALG_SEG_PASS);
	EXPECT_EQ(nfalg_stream_classify(&d, 1 + 10 * (i - 1), 10),
		  NFALG_SEG_RETRANS);
	nfalg_stream_forget(&d, 1 + 10 * (i - 1));
	EXPECT_EQ(nfalg_stream_classify(&d, 1 + 10 * (i - 1), 10),
		  NFALG_SEG_PASS);
	EXPECT_EQ(nfalg_stream_classify(&d, 1 + 10 * (i - 2), 10),
		  NFALG_SEG_RETRANS);
}

static void test_gap_resync(void)
{
	struct nfalg_stream_dir d = started(100);

	EXPECT_EQ(nfalg_stream_classify(&d, 150, 10), NFALG_SEG_RESYNC);
	nfalg_stream_end(&d, 160, NFALG_STREAM_LINE_START);
	EXPECT_EQ(nfalg_stream_classify(&d, 160, 10), NFALG_SEG_NEW);
	/* the gap, when it comes, is not parsed */
	EXPECT_EQ(nfalg_stream_classify(&d, 101, 49), NFALG_SEG_PASS);
}

static void test_held(void)
{
	struct nfalg_stream_dir d = started(0);

	nfalg_stream_add_start(&d, 1, false);
	d.state = NFALG_STREAM_HELD;
	d.line_seq = 1;
	d.next_seq = 6;
	EXPECT_EQ(nfalg_stream_classify(&d, 6, 3), NFALG_SEG_APPEND);
	EXPECT_EQ(nfalg_stream_classify(&d, 1, 10), NFALG_SEG_REHOLD);
	EXPECT_EQ(nfalg_stream_classify(&d, 5, 1), NFALG_SEG_REHOLD);
	EXPECT_EQ(nfalg_stream_classify(&d, 7, 3), NFALG_SEG_GIVE_UP);
	EXPECT_EQ(nfalg_stream_classify(&d, 0xfffffff0, 20), NFALG_SEG_GIVE_UP);
	EXPECT_EQ(nfalg_stream_classify(&d, 0xfffffff0, 5), NFALG_SEG_PASS);
}

/* Message streams: a position ahead of the bytes seen, segments over it */
static void test_records(void)
{
	struct nfalg_stream_dir d = started(99);

	d.records = true;
	/* a message of 5,000 bytes skipped: the next starts at 5100 */
	EXPECT_EQ(nfalg_stream_classify(&d, 100, 1400), NFALG_SEG_NEW);
	nfalg_stream_add_start_at(&d, 100, 0);
	nfalg_stream_end(&d, 5100, NFALG_STREAM_LINE_START);
	/* segments inside it pass; the one reaching over its end is parsed */
	EXPECT_EQ(nfalg_stream_classify(&d, 1500, 1400), NFALG_SEG_PASS);
	EXPECT_EQ(nfalg_stream_classify(&d, 4300, 1400), NFALG_SEG_OVERLAP);
	EXPECT_EQ(nfalg_stream_classify(&d, 3700, 1400), NFALG_SEG_PASS);
	nfalg_stream_add_start_at(&d, 4300, 800);
	nfalg_stream_end(&d, 5700, NFALG_STREAM_LINE_START);
	/* its retransmission is parsed from the same message start */
	EXPECT_EQ(nfalg_stream_classify(&d, 4300, 1400), NFALG_SEG_RETRANS_MID);
	EXPECT_EQ(d.start_off[nfalg_stream_find(&d, 4300)], 800);
	/* the first segment's start is still known, with offset 0 */
	EXPECT_EQ(nfalg_stream_classify(&d, 100, 1400), NFALG_SEG_RETRANS);
	/* a gap: never resynchronised inside a message stream's bytes */
	EXPECT_EQ(nfalg_stream_classify(&d, 6000, 100), NFALG_SEG_RESYNC);
	/* a held message waits for the gap after it to be filled */
	d.state = NFALG_STREAM_HELD;
	d.line_seq = 5700;
	d.next_seq = 5800;
	EXPECT_EQ(nfalg_stream_classify(&d, 5900, 100), NFALG_SEG_RESYNC);
	EXPECT_EQ(nfalg_stream_classify(&d, 5800, 100), NFALG_SEG_APPEND);
	EXPECT_EQ(nfalg_stream_classify(&d, 5700, 150), NFALG_SEG_REHOLD);
	/* lines: a segment over the position from before it is not parsed */
	d = started(99);
	nfalg_stream_end(&d, 200, NFALG_STREAM_LINE_START);
	EXPECT_EQ(nfalg_stream_classify(&d, 150, 100), NFALG_SEG_PASS);
	/* and a gap while a line is held releases it */
	d.state = NFALG_STREAM_HELD;
	d.line_seq = 200;
	d.next_seq = 250;
	EXPECT_EQ(nfalg_stream_classify(&d, 300, 10), NFALG_SEG_GIVE_UP);
}

int main(void)
{
	RUN(test_syn_only_at_setup);
	RUN(test_unknown_never_parsed);
	RUN(test_retransmission);
	RUN(test_starts_bounded);
	RUN(test_gap_resync);
	RUN(test_held);
	RUN(test_records);
	return unit_exit();
}
