/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nfalg: the TCP stream position of one direction of a conversation, as a
 * pure state machine over (state, sequence number, length, SYN flag) so
 * that it builds into nfalg.ko and the userspace unit tests alike.  The
 * byte handling (lines, the held line, rewrites) is in helper.c; this file
 * decides what a segment is relative to what was seen before.
 */
#ifndef _NFALG_STREAM_H
#define _NFALG_STREAM_H

#include <nfalg/types.h>

/* Known line starts remembered per direction (for retransmissions) */
#define NFALG_STREAM_STARTS	6

enum {
	NFALG_STREAM_UNKNOWN = 0,	/* no SYN seen (or framing lost): never parsed */
	NFALG_STREAM_LINE_START,	/* next_seq starts a line (or a message) */
	NFALG_STREAM_MIDLINE,		/* next_seq is inside a line */
	NFALG_STREAM_HELD,		/* [line_seq, next_seq) is held back */
};

/**
 * struct nfalg_stream_dir - stream position of one direction
 * @next_seq: sequence number (as sent) following the last byte looked at
 * @line_seq: %NFALG_STREAM_HELD: sequence number of the held line's start
 * @starts: recent sequence numbers at which a parsed segment started at a
 *	line start (a retransmission starting there is parsed again)
 * @n_starts: valid entries of @starts
 * @i_starts: next entry of @starts to overwrite
 * @mid_starts: bit i set: the segment at @starts[i] started inside a line
 *	(it is parsed again from its first line end), or (@records) at
 *	@start_off[i] bytes before a message start
 * @start_off: @records: offset of the first message start in the segment
 *	at @starts[i] when its bit in @mid_starts is set
 * @start_adj: the sequence offset of the segment at @starts[i] when it was
 *	first parsed (conntrack's seqadj then), which a retransmission of it
 *	must get again (helper.c; 0 without NAT)
 * @gap_since: @records: when (jiffies) segments after a gap began to be
 *	dropped, 0 when none are
 * @state: NFALG_STREAM_*
 * @started: a packet of this direction was seen (a later SYN is ignored)
 * @probed: (helper.c) the held message was sent again whole once (a tail
 *	loss probe) and that copy dropped
 * @records: the stream is made of messages (nfalg_alg.msg_len): next_seq
 *	may lie ahead of the bytes seen (the end of a message skipped), and
 *	a segment reaching over it is parsed from there
 * @close_at_end: (helper.c) the ALG asked for the conversation's close on
 *	a message of this direction: the other direction's acknowledgement
 *	of @next_seq closes it
 */
struct nfalg_stream_dir {
	u32 next_seq;
	u32 line_seq;
	u32 starts[NFALG_STREAM_STARTS];
	u16 start_off[NFALG_STREAM_STARTS];
	s32 start_adj[NFALG_STREAM_STARTS];
	u32 gap_since;
	u8 n_starts;
	u8 i_starts;
	u8 mid_starts;
	u8 state;
	bool started;
	bool records;
	u8 probed;
	bool close_at_end;
};

/* What a segment is (nfalg_stream_classify()) */
enum nfalg_seg {
	NFALG_SEG_PASS,		/* pass unparsed; nothing changes */
	NFALG_SEG_NEW,		/* next in order, at a line start */
	NFALG_SEG_MIDLINE,	/* next in order, inside a line */
	NFALG_SEG_RETRANS,	/* starts where an earlier segment started at a line start */
	NFALG_SEG_RETRANS_MID,	/* starts where an earlier segment started mid-line */
	NFALG_SEG_RESYNC,	/* after a gap: resynchronise at its first EOL */
	NFALG_SEG_APPEND,	/* continues the held line */
	NFALG_SEG_REHOLD,	/* retransmission of held bytes */
	NFALG_SEG_GIVE_UP,	/* contradicts the held line: release it */
	NFALG_SEG_OVERLAP,	/* records: reaches over next_seq from before it */
};

/* Serial number arithmetic (RFC 1982) on 32-bit sequence numbers */
static inline bool nfalg_seq_before(u32 a, u32 b)
{
	return (s32)(a - b) < 0;
}

void nfalg_stream_syn(struct nfalg_stream_dir *d, u32 seq);
enum nfalg_seg nfalg_stream_classify(const struct nfalg_stream_dir *d,
				     u32 seq, u32 len);
int nfalg_stream_find(const struct nfalg_stream_dir *d, u32 seq);
int nfalg_stream_add_start(struct nfalg_stream_dir *d, u32 seq, bool mid);
int nfalg_stream_add_start_at(struct nfalg_stream_dir *d, u32 seq, u16 off);
void nfalg_stream_forget(struct nfalg_stream_dir *d, u32 seq);
void nfalg_stream_end(struct nfalg_stream_dir *d, u32 end, u8 state);

#endif /* _NFALG_STREAM_H */
