// SPDX-License-Identifier: GPL-2.0
/*
 * nfalg: TCP stream position of one direction (see stream.h and the
 * header comment of helper.c for the rules it implements).
 */

#include "stream.h"

/**
 * nfalg_stream_syn - a SYN of the direction
 * @d: the direction
 * @seq: its sequence number
 *
 * Only the first packet of a direction may set its position: a SYN after
 * any other packet of the direction (a new SYN in the middle of the
 * connection, or a SYN retransmission) changes nothing.
 */
void nfalg_stream_syn(struct nfalg_stream_dir *d, u32 seq)
{
	if (d->started)
		return;
	d->started = true;
	d->next_seq = seq + 1;
	d->state = NFALG_STREAM_LINE_START;
	d->n_starts = 0;
	d->i_starts = 0;
	d->mid_starts = 0;
}

/* Index of @seq in @d->starts, or -1 */
int nfalg_stream_find(const struct nfalg_stream_dir *d, u32 seq)
{
	unsigned int i;

	for (i = 0; i < d->n_starts; i++)
		if (d->starts[i] == seq)
			return i;
	return -1;
}

/* A segment parsed from @seq (@mid: it started inside a line); its index */
int nfalg_stream_add_start(struct nfalg_stream_dir *d, u32 seq, bool mid)
{
	int i = nfalg_stream_find(d, seq);

	if (i < 0) {
		i = d->i_starts;
		d->starts[i] = seq;
		d->i_starts = (i + 1) % NFALG_STREAM_STARTS;
		if (d->n_starts < NFALG_STREAM_STARTS)
			d->n_starts++;
	}
	if (mid)
		d->mid_starts |= 1U << i;
	else
		d->mid_starts &= ~(1U << i);
	return i;
}

/*
 * A segment parsed from its message start @off bytes after @seq
 * (records); its index
 */
int nfalg_stream_add_start_at(struct nfalg_stream_dir *d, u32 seq, u16 off)
{
	int i = nfalg_stream_add_start(d, seq, off != 0);

	d->start_off[i] = off;
	return i;
}

/* @seq is no longer a position a retransmission may be parsed from */
void nfalg_stream_forget(struct nfalg_stream_dir *d, u32 seq)
{
	int i = nfalg_stream_find(d, seq);
	unsigned int last;

	if (i < 0)
		return;
	last = --d->n_starts;
	d->starts[i] = d->starts[last];
	d->start_off[i] = d->start_off[last];
	d->start_adj[i] = d->start_adj[last];
	if (d->mid_starts & (1U << last))
		d->mid_starts |= 1U << i;
	else
		d->mid_starts &= ~(1U << i);
	d->mid_starts &= ~(1U << last);
	d->i_starts = last;
}

/**
 * nfalg_stream_classify - what a data segment is
 * @d: the direction
 * @seq: the segment's sequence number
 * @len: its payload length (> 0)
 *
 * Return: enum nfalg_seg.  Nothing is changed: the caller applies the
 * outcome with nfalg_stream_end() and the other helpers.
 */
enum nfalg_seg nfalg_stream_classify(const struct nfalg_stream_dir *d,
				     u32 seq, u32 len)
{
	u32 end = seq + len;
	int i;

	switch (d->state) {
	case NFALG_STREAM_UNKNOWN:
		return NFALG_SEG_PASS;
	case NFALG_STREAM_HELD:
		if (seq == d->next_seq)
			return NFALG_SEG_APPEND;
		/* records: after a gap, the held message waits for it */
		if (d->records && nfalg_seq_before(d->next_seq, seq))
			return NFALG_SEG_RESYNC;
		/* a retransmission of held bytes (a tail loss probe...) */
		if (!nfalg_seq_before(seq, d->line_seq) &&
		    nfalg_seq_before(seq, d->next_seq))
			return NFALG_SEG_REHOLD;
		/* wholly before the held line: an older retransmission */
		if (nfalg_seq_before(d->line_seq, end))
			return NFALG_SEG_GIVE_UP;
		break;
	default:
		if (seq == d->next_seq)
			return d->state == NFALG_STREAM_LINE_START ?
			       NFALG_SEG_NEW : NFALG_SEG_MIDLINE;
		if (nfalg_seq_before(d->next_seq, seq))
			return NFALG_SEG_RESYNC;
	}
	/* starts before next_seq: a retransmission or an older segment */
	i = nfalg_stream_find(d, seq);
	if (i < 0) {
		/* records: it carries the message starting at next_seq */
		if (d->records && d->state == NFALG_STREAM_LINE_START &&
		    nfalg_seq_before(d->next_seq, end))
			return NFALG_SEG_OVERLAP;
		return NFALG_SEG_PASS;
	}
	return d->mid_starts & (1U << i) ? NFALG_SEG_RETRANS_MID :
	       NFALG_SEG_RETRANS;
}

/**
 * nfalg_stream_end - a looked-at segment ended at @end in state @state
 * @d: the direction
 * @end: sequence number following the segment's last byte
 * @state: NFALG_STREAM_LINE_START or NFALG_STREAM_MIDLINE at @end
 *
 * The position only moves forward: a retransmission ending before it
 * leaves it alone.
 */
void nfalg_stream_end(struct nfalg_stream_dir *d, u32 end, u8 state)
{
	if (nfalg_seq_before(end, d->next_seq))
		return;
	d->next_seq = end;
	d->state = state;
}
