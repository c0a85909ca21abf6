// SPDX-License-Identifier: GPL-2.0
/*
 * nfalg core: the help function of every nfalg conntrack helper.
 *
 * It finds the ALG from the helper, copies the payload bytes the ALG needs
 * (never assuming a linear skb) into a bounded per-CPU buffer and calls the
 * ALG's parser: once per complete line for TCP, once per datagram for UDP.
 *
 * TCP stream engine.  For each direction the core keeps (stream.c) the
 * sequence number following the last byte it looked at, whether that
 * position is the start of a line, and the sequence numbers where the last
 * few parsed segments started.  Sequence numbers are those the sender
 * used, before any sequence adjustment.
 *  - Setup: the first SYN of a direction sets its position to the first
 *    data byte, a line start.  A SYN after any other packet of that
 *    direction is ignored (it cannot move the parser to a position of the
 *    sender's choosing); a conversation whose first SYN the helper did not
 *    see is never parsed.
 *  - In order: a segment starting at the position is parsed from there;
 *    if the position is inside a line, the text up to the next "\n" is
 *    skipped first, never parsed (a command found there is counted,
 *    NFALG_A_CNT_MIDLINE, and logged).  Lines are handed to the ALG one by
 *    one, each once its "\n" has arrived; a line longer than
 *    NFALG_LINE_MAX is skipped.
 *  - Retransmission: a segment starting where a parsed segment started is
 *    parsed again the same way (ctx->retrans): its pinholes are opened
 *    again (conntrack replaces the identical expectation) and its rewrites
 *    done again, identically, without counting or capping them again;
 *    the sequence delta is already recorded.  Any other segment starting
 *    before the position passes unparsed.
 *  - Reordering and loss: a segment starting after the position (a gap)
 *    is counted (NFALG_A_CNT_STREAM_RESYNC).  If it may begin with a
 *    command (nfalg_alg.is_command, nfalg_alg.partial) it is dropped: the
 *    sender sends it again once the gap is filled, in order.  Otherwise it
 *    is treated as starting inside a line: parsing resumes after its first
 *    end of line and the position moves to its end; the segments of the
 *    gap, when they arrive, pass unparsed.
 *  - Rewrites: the length changes of all rewrites of a segment are summed
 *    and recorded once per segment (nf_ct_seqadj_set(), which keeps one
 *    correction position per direction).
 *  - Split lines: a segment that ends inside a line starting at a known
 *    line start is held back if the ALG says the unfinished line may still
 *    become a pinhole command (nfalg_alg.partial): its unfinished part (at
 *    most NFALG_STREAM_HOLD_MAX bytes) is kept in a per-direction buffer
 *    and removed from the segment (the segment is dropped if that is all
 *    of it), counted as NFALG_A_CNT_STREAM_HELD.  The sender, which got no
 *    acknowledgement for those bytes, keeps them queued.  The segment that
 *    completes the line is expanded at its front with the held bytes and
 *    its sequence number moved back to the line start, then parsed (and
 *    rewritten) as one.  A retransmission from the line start carrying the
 *    same bytes and more replaces the buffer, one carrying some of the
 *    held bytes (a tail loss probe) is dropped; one carrying all of them
 *    and nothing more means the sender waits for an acknowledgement (its
 *    congestion window, about ten segments at first, is spent, or its
 *    retransmission timer ran out), so it, one carrying other bytes, a line
 *    outgrowing the buffer, a segment that cannot be expanded, or any
 *    other segment overlapping the held line releases it unparsed
 *    (NFALG_A_CNT_STREAM_GIVE_UP): the line's start becomes a mid-line
 *    position, everything passes and TCP retransmission delivers the
 *    held bytes, which are then skipped.
 *  - Memory: the stream state (about 100 bytes per conversation, plus
 *    the ALG's own state, nfalg_alg.state_size) is allocated on the first
 *    SYN, the hold buffer only while a line is held; both count against
 *    the global bound stream_mem_kb (module parameter).  A UDP
 *    conversation of an ALG with state gets the same structure on its
 *    first datagram, for the ALG's state only.  An allocation that fails
 *    or exceeds it leaves the conversation, or the line, unparsed
 *    (NFALG_A_CNT_STREAM_NOMEM).
 *
 * So a command is acted upon only when it starts at a real line start of
 * the stream, and its rewrite reaches the peer in one piece.  ALGs with
 * NFALG_ALG_F_NUL_EOL get NUL-terminated fields (rsh, rexec) under the
 * same rules; an ALG that sets ctx->done is handed nothing more of that
 * direction.  When a line's rewrite fails, the core closes the pinholes
 * that line opened (nf_ct_unexpect_related()).
 *
 * Before any of that, every packet of every conversation goes through the
 * core's housekeeping (timeouts.c: sanity checks, SYN defense, inactivity
 * timeouts) and, for ICMP conversations, ping tracking (icmp.c); ICMP
 * errors related to the conversation are left alone.  Basic ALGs (no
 * parser) get only that.
 *
 * Locking: a hashed spinlock per conversation serializes the segments of
 * one conversation (the position update and the rewrite must not race);
 * BHs are off while the per-CPU buffer is in use.  The stream state's
 * pointer in nfalg_conv is read and swapped under a second hashed lock
 * (nfalg_stream_lock(), innermost) because the helper's destroy callback,
 * which detaches it, may run with the conversation's lock held (SYN
 * defense kills under it); the state itself is freed after an RCU grace
 * period, the help function running under rcu_read_lock().  Stream states
 * are also on a global list so that those of conversations conntrack
 * detaches from an unregistered helper (without calling destroy) are
 * freed too (nfalg_streams_unregister()).
 */

#include <linux/hash.h>
#include <linux/moduleparam.h>
#include <linux/percpu.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <net/dst.h>
#include <net/netfilter/nf_conntrack_expect.h>
#include <net/netfilter/nf_conntrack_helper.h>
#include <net/netfilter/nf_conntrack_l4proto.h>
#include <net/netfilter/nf_conntrack_seqadj.h>
#include <net/netfilter/nf_nat_helper.h>

#include "nfalg_core.h"
#include "stream.h"

#define NFALG_LOCK_BITS	6

static spinlock_t nfalg_conv_locks[1 << NFALG_LOCK_BITS];
static spinlock_t nfalg_stream_locks[1 << NFALG_LOCK_BITS];

/* a line, or a datagram of an ALG with NFALG_ALG_F_WHOLE_DGRAM */
struct nfalg_buf {
	char data[NFALG_DGRAM_MAX];
};

/*
 * Allocated at load: a module's static per-CPU variables share a small
 * reserve (8 KiB in all on x86-64)
 */
static struct nfalg_buf __percpu *nfalg_bufs;

/**
 * struct nfalg_stream - TCP stream engine state of one conversation
 * @dir: stream position per direction
 * @hold: per direction, the held unfinished line or message (@hold_max
 *	bytes allocated) or NULL
 * @hold_len: bytes in @hold
 * @hold_max: bytes of a hold buffer: NFALG_STREAM_HOLD_MAX for lines,
 *	NFALG_DGRAM_MAX for messages
 * @joined: per direction (messages), a copy of the bytes [@join_seq,
 *	@join_end) the core last joined from held segments (the held message
 *	and the rest of the segment that completed it; @hold_max bytes
 *	allocated) until the peer acknowledges them, or NULL
 * @join_seq: sequence number of the joined segment (as sent)
 * @join_end: sequence number following it
 * @alg: the ALG whose helper the conversation had
 * @list: on nfalg_streams, under nfalg_streams_lock
 * @rcu: deferred free
 * @state_size: bytes of @state (the ALG's nfalg_alg.state_size; kept here
 *	because the ALG's module may be gone when the state is freed)
 * @state: the ALG's per-conversation state (ctx->state)
 *
 * UDP conversations of an ALG with state have one too, for @state only.
 */
struct nfalg_stream {
	struct nfalg_stream_dir dir[IP_CT_DIR_MAX];
	char *hold[IP_CT_DIR_MAX];
	u16 hold_len[IP_CT_DIR_MAX];
	u16 hold_max;
	u16 state_size;
	char *joined[IP_CT_DIR_MAX];
	u32 join_seq[IP_CT_DIR_MAX];
	u32 join_end[IP_CT_DIR_MAX];
	const struct nfalg_alg *alg;
	struct list_head list;
	struct rcu_head rcu;
	u8 state[] __aligned(8);
};

static LIST_HEAD(nfalg_streams);
static DEFINE_SPINLOCK(nfalg_streams_lock);	/* protects nfalg_streams */
static atomic_long_t nfalg_stream_mem;

static unsigned int stream_mem_kb = 16384;
module_param(stream_mem_kb, uint, 0644);
MODULE_PARM_DESC(stream_mem_kb, "memory for TCP stream state, held lines and ALG state of all conversations, KiB (default 16384)");

int nfalg_helper_init(void)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(nfalg_conv_locks); i++) {
		spin_lock_init(&nfalg_conv_locks[i]);
		spin_lock_init(&nfalg_stream_locks[i]);
	}
	nfalg_bufs = alloc_percpu(struct nfalg_buf);
	return nfalg_bufs ? 0 : -ENOMEM;
}

/* At unload: no helper of ours is registered any more */
void nfalg_helper_exit(void)
{
	free_percpu(nfalg_bufs);
}

/* The lock serializing the packets of @ct (and its keepalive state) */
spinlock_t *nfalg_conv_lock(const struct nf_conn *ct)
{
	return &nfalg_conv_locks[hash_ptr(ct, NFALG_LOCK_BITS)];
}

/* The lock of the stream state pointer of @ct (innermost) */
static spinlock_t *nfalg_stream_lock(const struct nf_conn *ct)
{
	return &nfalg_stream_locks[hash_ptr(ct, NFALG_LOCK_BITS)];
}

/* The ALG of one of its helpers: each points to the ALG's one policy */
struct nfalg_alg *nfalg_helper_alg(const struct nf_conntrack_helper *h)
{
	return container_of(h->expect_policy, struct nfalg_alg, policy);
}

static bool nfalg_stream_charge(struct net *net, size_t n)
{
	if (atomic_long_add_return(n, &nfalg_stream_mem) >
	    (long)READ_ONCE(stream_mem_kb) * 1024) {
		atomic_long_sub(n, &nfalg_stream_mem);
		nfalg_count(net, NFALG_A_CNT_STREAM_NOMEM);
		return false;
	}
	return true;
}

static void nfalg_stream_uncharge(size_t n)
{
	atomic_long_sub(n, &nfalg_stream_mem);
}

static void nfalg_hold_free(struct nfalg_stream *s, int dir)
{
	if (!s->hold[dir])
		return;
	kfree(s->hold[dir]);
	s->hold[dir] = NULL;
	s->hold_len[dir] = 0;
	nfalg_stream_uncharge(s->hold_max);
}

static void nfalg_join_free(struct nfalg_stream *s, int dir)
{
	if (!s->joined[dir])
		return;
	kfree(s->joined[dir]);
	s->joined[dir] = NULL;
	nfalg_stream_uncharge(s->hold_max);
}

/* Free @s, which nothing can reach any more */
static void nfalg_stream_free(struct nfalg_stream *s)
{
	int dir;

	for (dir = 0; dir < IP_CT_DIR_MAX; dir++) {
		nfalg_hold_free(s, dir);
		nfalg_join_free(s, dir);
	}
	nfalg_stream_uncharge(sizeof(*s) + s->state_size);
	kfree(s);
}

static void nfalg_stream_free_rcu(struct rcu_head *head)
{
	nfalg_stream_free(container_of(head, struct nfalg_stream, rcu));
}

/* The stream state of @ct, valid until rcu_read_unlock() */
static struct nfalg_stream *nfalg_stream_get(const struct nf_conn *ct,
					     const struct nfalg_conv *conv)
{
	spinlock_t *lock = nfalg_stream_lock(ct);
	struct nfalg_stream *s;

	spin_lock(lock);
	s = conv->u.line.stream;
	spin_unlock(lock);
	return s;
}

/*
 * A new stream state for @ctx's conversation, on its first SYN (TCP) or
 * its first datagram (UDP, for the ALG's state)
 */
static struct nfalg_stream *nfalg_stream_new(struct nfalg_ctx *ctx,
					     struct nfalg_conv *conv)
{
	spinlock_t *lock = nfalg_stream_lock(ctx->ct);
	unsigned int size = ctx->alg->state_size;
	struct nfalg_stream *s;

	if (!nfalg_stream_charge(nf_ct_net(ctx->ct), sizeof(*s) + size))
		return NULL;
	s = kzalloc(sizeof(*s) + size, GFP_ATOMIC);
	if (!s) {
		nfalg_stream_uncharge(sizeof(*s) + size);
		nfalg_count(nf_ct_net(ctx->ct), NFALG_A_CNT_STREAM_NOMEM);
		return NULL;
	}
	s->alg = ctx->alg;
	s->state_size = size;
	s->hold_max = ctx->alg->msg_len ? NFALG_DGRAM_MAX : NFALG_STREAM_HOLD_MAX;
	s->dir[0].records = s->dir[1].records = !!ctx->alg->msg_len;
	spin_lock(lock);
	/* the destroy callback comes after the dying bit is set */
	if (conv->u.line.stream || nf_ct_is_dying(ctx->ct)) {
		spin_unlock(lock);
		nfalg_stream_free(s);
		return NULL;
	}
	spin_lock(&nfalg_streams_lock);
	list_add(&s->list, &nfalg_streams);
	spin_unlock(&nfalg_streams_lock);
	conv->u.line.stream = s;
	spin_unlock(lock);
	return s;
}

/**
 * nfalg_stream_release - free the stream state of a conversation
 * @ct: the conversation, being destroyed
 * @conv: its nfalg data
 *
 * Called by the helpers' destroy callback, possibly under the
 * conversation's lock; the state goes after a grace period.
 */
void nfalg_stream_release(struct nf_conn *ct, struct nfalg_conv *conv)
{
	spinlock_t *lock = nfalg_stream_lock(ct);
	struct nfalg_stream *s;

	spin_lock_bh(lock);
	s = conv->u.line.stream;
	conv->u.line.stream = NULL;
	if (s) {
		spin_lock(&nfalg_streams_lock);
		list_del(&s->list);
		spin_unlock(&nfalg_streams_lock);
	}
	spin_unlock_bh(lock);
	if (s)
		call_rcu(&s->rcu, nfalg_stream_free_rcu);
}

/**
 * nfalg_streams_unregister - free the stream states of an ALG's
 *	conversations
 * @alg: the ALG, whose helpers conntrack has detached from every
 *	conversation, followed by a grace period
 *
 * No help function or destroy callback of @alg runs any more, so nothing
 * else reaches these states; the conversations keep a stale pointer that
 * nothing reads (their helper is gone).
 */
void nfalg_streams_unregister(const struct nfalg_alg *alg)
{
	struct nfalg_stream *s, *tmp;
	LIST_HEAD(dead);

	spin_lock_bh(&nfalg_streams_lock);
	list_for_each_entry_safe(s, tmp, &nfalg_streams, list)
		if (s->alg == alg)
			list_move(&s->list, &dead);
	spin_unlock_bh(&nfalg_streams_lock);
	list_for_each_entry_safe(s, tmp, &dead, list) {
		nfalg_stream_free(s);
		cond_resched();
	}
}

/* The byte that ends a line of @alg's stream */
static char nfalg_eol(const struct nfalg_alg *alg)
{
	return alg->flags & NFALG_ALG_F_NUL_EOL ? '\0' : '\n';
}

/*
 * The current line (or datagram) is over: close the pinholes it opened if
 * its rewrite failed or its packet is dropped (a retransmission's pinhole
 * replaced one its original still needs: it stays), drop the references.
 */
static void nfalg_ctx_line_end(struct nfalg_ctx *ctx, int verdict)
{
	bool close = !ctx->retrans &&
		     (ctx->rewrite_failed || verdict != NF_ACCEPT);
	unsigned int i;

	for (i = 0; i < ctx->n_exp; i++) {
		if (close)
			nf_ct_unexpect_related(ctx->exp[i]);
		nf_ct_expect_put(ctx->exp[i]);
	}
	ctx->n_exp = 0;
	ctx->rewrite_failed = false;
}

/* Skip to the next end of line of a mid-line stream position, from @pos. */
static unsigned int nfalg_skip_line(struct nfalg_ctx *ctx, char *buf,
				    unsigned int pos, u8 *state)
{
	const struct nfalg_alg *alg = ctx->alg;
	unsigned int n, len;
	const char *nl;
	bool first = true;

	while (pos < ctx->datalen) {
		n = min_t(unsigned int, ctx->datalen - pos, NFALG_LINE_MAX);
		if (skb_copy_bits(ctx->skb, ctx->dataoff + pos, buf, n))
			return ctx->datalen;
		nl = memchr(buf, nfalg_eol(alg), n);
		len = nl ? nl - buf + 1 : n;
		if (first && pos == 0 && alg->is_command &&
		    alg->is_command(ctx, buf, len) && !ctx->retrans) {
			nfalg_count(nf_ct_net(ctx->ct), NFALG_A_CNT_MIDLINE);
			net_info_ratelimited("nfalg-%s: command not at a line start ignored (proto %u, %s)\n",
					     alg->name, nf_ct_protonum(ctx->ct),
					     ctx->dir ? "reply" : "original");
		}
		first = false;
		pos += len;
		if (nl) {
			*state = NFALG_STREAM_LINE_START;
			break;
		}
	}
	return pos;
}

/* Release the held line of @dir unparsed (see the header comment) */
static void nfalg_hold_give_up(struct nfalg_ctx *ctx, struct nfalg_stream *s)
{
	struct nfalg_stream_dir *d = &s->dir[ctx->dir];
	int len = 0;

	/* messages: the next one starts after this one, if its length is known */
	if (d->records)
		len = ctx->alg->msg_len(ctx, (const u8 *)s->hold[ctx->dir],
					s->hold_len[ctx->dir]);
	nfalg_hold_free(s, ctx->dir);
	nfalg_count(nf_ct_net(ctx->ct), NFALG_A_CNT_STREAM_GIVE_UP);
	nfalg_stream_forget(d, d->line_seq);
	d->next_seq = d->line_seq + max(len, 0);
	d->state = !d->records ? NFALG_STREAM_MIDLINE :
		   len > 0 ? NFALG_STREAM_LINE_START : NFALG_STREAM_UNKNOWN;
}

/*
 * Hold back the unfinished line at payload offset @pos (original sequence
 * number @line_seq, @n bytes copied in @buf) of a segment ending at @end.
 * Return: NF_DROP (the segment was all of it), NF_ACCEPT (the segment
 * goes out without it), or -1 when it cannot be held.
 */
static int nfalg_hold(struct nfalg_ctx *ctx, struct nfalg_stream *s,
		      unsigned int pos, const char *buf, unsigned int n,
		      u32 line_seq, u32 end)
{
	struct nfalg_stream_dir *d = &s->dir[ctx->dir];
	struct net *net = nf_ct_net(ctx->ct);
	char *hold;

	if (!nfalg_stream_charge(net, s->hold_max))
		return -1;
	hold = kmalloc(s->hold_max, GFP_ATOMIC);
	if (!hold) {
		nfalg_stream_uncharge(s->hold_max);
		nfalg_count(net, NFALG_A_CNT_STREAM_NOMEM);
		return -1;
	}
	/* the bytes before the line go out now, the line later */
	if (pos && !__nf_nat_mangle_tcp_packet(ctx->skb, ctx->ct, ctx->ctinfo,
					       ctx->protoff, pos, n, "", 0,
					       false)) {
		kfree(hold);
		nfalg_stream_uncharge(s->hold_max);
		return -1;
	}
	memcpy(hold, buf, n);
	s->hold[ctx->dir] = hold;
	s->hold_len[ctx->dir] = n;
	s->dir[ctx->dir].probed = 0;
	d->line_seq = line_seq;
	d->next_seq = end;
	d->state = NFALG_STREAM_HELD;
	nfalg_count(net, NFALG_A_CNT_STREAM_HELD);
	return pos ? NF_ACCEPT : NF_DROP;
}

/*
 * A segment of @dir is parsed from @seq (@mid: inside a line; @off: the
 * message start in it): remembered for its retransmissions, with the
 * sequence offset conntrack applies to it now, when it is new
 */
static void nfalg_note_start(struct nfalg_ctx *ctx, struct nfalg_stream_dir *d,
			     u32 seq, bool mid, u16 off)
{
	bool known = nfalg_stream_find(d, seq) >= 0;
	int i;

	i = d->records ? nfalg_stream_add_start_at(d, seq, off) :
			 nfalg_stream_add_start(d, seq, mid);
	if (!known)
		d->start_adj[i] = nf_ct_seq_offset(ctx->ct, ctx->dir, seq);
}

/*
 * A retransmission of the segment parsed first at @seq, whose sequence
 * offset was then @want.  Conntrack keeps one correction position per
 * direction: once a later segment has been rewritten too, it would shift
 * this one by that later segment's offset instead of its own, and the
 * peer would get its bytes at the wrong place in the stream.  The
 * sequence number is set so that conntrack's adjustment gives the right
 * one.
 */
static void nfalg_seq_fix(struct nfalg_ctx *ctx, u32 seq, s32 want)
{
	s32 applied = nf_ct_seq_offset(ctx->ct, ctx->dir, seq);
	struct sk_buff *skb = ctx->skb;
	struct tcphdr *th;
	__be32 nseq;

	if (applied == want ||
	    skb_ensure_writable(skb, ctx->protoff + sizeof(*th)))
		return;
	th = (struct tcphdr *)(skb->data + ctx->protoff);
	nseq = htonl(seq + want - applied);
	inet_proto_csum_replace4(&th->check, skb, th->seq, nseq, false);
	th->seq = nseq;
}

/*
 * An acknowledgement of the other direction's bytes, which conntrack maps
 * back with one correction position too: acknowledging the start of a
 * segment rewritten before the latest one (lost after the router), it
 * would come out shifted by that segment's own offset, and the sender
 * would resend from inside it.  When the acknowledgement is the adjusted
 * start of a remembered segment before the latest correction, it is set
 * so that conntrack's mapping gives that segment's start.
 */
static void nfalg_ack_fix(struct nfalg_ctx *ctx, struct nfalg_stream *s,
			  const struct tcphdr *th)
{
	struct nfalg_stream_dir *o = &s->dir[!ctx->dir];
	struct nf_conn_seqadj *seqadj = nfct_seqadj(ctx->ct);
	struct sk_buff *skb = ctx->skb;
	u32 ack = ntohl(th->ack_seq), want, cp;
	s32 ob, oa, off;
	struct tcphdr *wth;
	__be32 nack;
	int i;

	if (!seqadj || !test_bit(IPS_SEQ_ADJUST_BIT, &ctx->ct->status))
		return;
	spin_lock_bh(&ctx->ct->lock);
	cp = seqadj->seq[!ctx->dir].correction_pos;
	ob = seqadj->seq[!ctx->dir].offset_before;
	oa = seqadj->seq[!ctx->dir].offset_after;
	spin_unlock_bh(&ctx->ct->lock);
	if (!nfalg_seq_before(ack, cp + ob))
		return;
	for (i = 0; i < o->n_starts; i++)
		if (o->starts[i] + o->start_adj[i] == ack)
			break;
	if (i == o->n_starts)
		return;
	want = o->starts[i];
	/* what conntrack will subtract from the value set here */
	off = nfalg_seq_before(cp, want) ? oa : ob;
	if (want + off == ack ||
	    skb_ensure_writable(skb, ctx->protoff + sizeof(*wth)))
		return;
	wth = (struct tcphdr *)(skb->data + ctx->protoff);
	nack = htonl(want + off);
	inet_proto_csum_replace4(&wth->check, skb, wth->ack_seq, nack, false);
	wth->ack_seq = nack;
}

/*
 * Record the length change of the segment at @seq (ctx->delta).  From
 * then on conntrack tracks the conversation's TCP windows liberally:
 * it corrects a SACK block by the offset of the acknowledgement number,
 * so a receiver that lost a rewritten segment and SACKs the segments
 * after it would have its packets taken as invalid, left untranslated,
 * and answered with a reset by the router's own stack.
 */
static void nfalg_seqadj(struct nfalg_ctx *ctx, u32 seq)
{
	struct nf_conn *ct = ctx->ct;

	nf_ct_seqadj_set(ct, ctx->ctinfo, htonl(seq), ctx->delta);
	if (!(ct->proto.tcp.seen[0].flags & IP_CT_TCP_FLAG_BE_LIBERAL)) {
		spin_lock_bh(&ct->lock);
		nf_ct_set_tcp_be_liberal(ct);
		spin_unlock_bh(&ct->lock);
	}
}

/*
 * Parse a segment starting at sequence number @seq: from its start at a
 * line start (@mid false) or from its first end of line (@mid true).
 * @can_hold: the segment may have its unfinished last line held back.
 */
static int nfalg_parse_segment(struct nfalg_ctx *ctx, struct nfalg_stream *s,
			       u32 seq, bool mid, bool can_hold)
{
	struct nfalg_stream_dir *d = &s->dir[ctx->dir];
	const struct nfalg_alg *alg = ctx->alg;
	unsigned int pos = 0, orig_len, n, len, before;
	u32 head = d->next_seq;
	u8 state = mid ? NFALG_STREAM_MIDLINE : NFALG_STREAM_LINE_START;
	int ret = NF_ACCEPT, held;
	const char *nl;
	char *buf;

	orig_len = ctx->datalen;
	ctx->delta = 0;
	ctx->retrans = nfalg_seq_before(seq, head);
	nfalg_note_start(ctx, d, seq, mid, 0);

	buf = this_cpu_ptr(nfalg_bufs)->data;
	while (pos < ctx->datalen) {
		if (state == NFALG_STREAM_MIDLINE) {
			pos = nfalg_skip_line(ctx, buf, pos, &state);
			continue;
		}
		n = min_t(unsigned int, ctx->datalen - pos, NFALG_LINE_MAX);
		if (skb_copy_bits(ctx->skb, ctx->dataoff + pos, buf, n))
			break;
		nl = memchr(buf, nfalg_eol(alg), n);
		if (!nl) {
			/* overlong or unfinished line: not parsed */
			state = NFALG_STREAM_MIDLINE;
			if (n == NFALG_LINE_MAX) {
				pos += n;
				continue;
			}
			if (!can_hold || !alg->partial ||
			    n > s->hold_max ||
			    !alg->partial(ctx, buf, n))
				break;
			held = nfalg_hold(ctx, s, pos, buf, n,
					  seq + pos - ctx->delta,
					  seq + orig_len);
			if (held < 0)
				break;
			ret = held;
			goto out_held;
		}
		len = nl - buf + 1;
		before = ctx->datalen;
		/* a line wholly before the stream's head was seen already */
		ctx->retrans = !nfalg_seq_before(head,
						 seq + pos - ctx->delta + len);
		ret = alg->line(ctx, pos, buf, len);
		nfalg_ctx_line_end(ctx, ret);
		if (ret != NF_ACCEPT)
			return ret;
		if (ctx->done) {
			/* the ALG wants no more of this direction */
			d->state = NFALG_STREAM_UNKNOWN;
			goto out_held;
		}
		/* a rewrite of this line changed the payload length */
		pos += len + ctx->datalen - before;
	}
	nfalg_stream_end(d, seq + orig_len, state);
out_held:
	/* one sequence delta for all the rewrites of the segment */
	if (ctx->delta && ret == NF_ACCEPT)
		nfalg_seqadj(ctx, seq);
	return ret;
}

/* Count @counter for the current message, not again for its retransmission */
static void nfalg_count_once(const struct nfalg_ctx *ctx, int counter)
{
	if (!ctx->retrans)
		nfalg_count(nf_ct_net(ctx->ct), counter);
}

/* A message stream whose next bytes are no message of its protocol */
static void nfalg_not_protocol(struct nfalg_ctx *ctx)
{
	if (ctx->retrans)
		return;
	nfalg_count(nf_ct_net(ctx->ct), NFALG_A_CNT_STREAM_NOT_PROTOCOL);
	net_info_ratelimited("nfalg-%s: stream is not %s, no longer parsed (proto %u, %s)\n",
			     ctx->alg->name, ctx->alg->name,
			     nf_ct_protonum(ctx->ct),
			     ctx->dir ? "reply" : "original");
}

/*
 * The message of @len bytes at payload offset @pos (sent at @mseq; the
 * direction parsed up to @head) to the ALG: all of it, or (@n < @len) the
 * head of a message longer than NFALG_DGRAM_MAX (%NFALG_ALG_F_MSG_HEAD),
 * @n bytes copied in @buf
 */
static int nfalg_message(struct nfalg_ctx *ctx, unsigned int pos, u8 *buf,
			 unsigned int n, unsigned int len, u32 head, u32 mseq)
{
	int ret;

	ctx->retrans = !nfalg_seq_before(head, mseq + len);
	ctx->msg_total = len;
	ret = ctx->alg->message(ctx, pos, buf, n);
	nfalg_ctx_line_end(ctx, ret);
	return ret;
}

/*
 * Parse a segment of a message stream (nfalg_alg.msg_len) starting at
 * sequence number @seq, from the message start @from bytes into it.
 * Complete messages of at most NFALG_DGRAM_MAX bytes go to
 * nfalg_alg.message; a longer one is skipped (the position moves to its
 * end, possibly beyond the segment); an unfinished last one is held back
 * (@can_hold) or skipped; bytes that are not a message end the parsing of
 * the direction.
 */
static int nfalg_parse_records(struct nfalg_ctx *ctx, struct nfalg_stream *s,
			       u32 seq, unsigned int from, bool can_hold)
{
	struct nfalg_stream_dir *d = &s->dir[ctx->dir];
	const struct nfalg_alg *alg = ctx->alg;
	unsigned int pos = from, orig_len = ctx->datalen, n, before;
	u32 head = d->next_seq, end = seq + orig_len, mseq, next = end;
	u8 state = NFALG_STREAM_LINE_START;
	int ret = NF_ACCEPT, len;
	u8 *buf;

	ctx->delta = 0;
	ctx->retrans = nfalg_seq_before(seq + from, head);
	nfalg_note_start(ctx, d, seq, false, from);
	buf = this_cpu_ptr(nfalg_bufs)->data;
	while (pos < ctx->datalen) {
		n = min_t(unsigned int, ctx->datalen - pos, NFALG_DGRAM_MAX);
		if (skb_copy_bits(ctx->skb, ctx->dataoff + pos, buf, n))
			break;
		/* the message's sequence number as sent */
		mseq = seq + pos - ctx->delta;
		ctx->retrans = nfalg_seq_before(mseq, head);
		len = alg->msg_len(ctx, buf, n);
		if (len < 0) {
			nfalg_not_protocol(ctx);
			state = NFALG_STREAM_UNKNOWN;
			break;
		}
		if (len && len <= n) {
			before = ctx->datalen;
			ret = nfalg_message(ctx, pos, buf, len, len, head,
					    mseq);
			if (ret != NF_ACCEPT)
				return ret;
			if (ctx->done) {
				d->state = NFALG_STREAM_UNKNOWN;
				goto out;
			}
			/* a rewrite of this message changed the payload length */
			pos += len + ctx->datalen - before;
			continue;
		}
		/* the message goes on after this segment */
		if (!len && n == NFALG_DGRAM_MAX) {
			/* no length in its first NFALG_DGRAM_MAX bytes */
			nfalg_count_once(ctx, NFALG_A_CNT_STREAM_GIVE_UP);
			state = NFALG_STREAM_UNKNOWN;
			break;
		}
		if (len > NFALG_DGRAM_MAX) {
			if (alg->flags & NFALG_ALG_F_MSG_HEAD) {
				ret = nfalg_message(ctx, pos, buf, n, len,
						    head, mseq);
				if (ret != NF_ACCEPT)
					return ret;
				if (ctx->done) {
					d->state = NFALG_STREAM_UNKNOWN;
					goto out;
				}
			} else {
				/* too long to be parsed: skipped */
				nfalg_count_once(ctx,
						 NFALG_A_CNT_STREAM_GIVE_UP);
			}
			/* wherever it ends */
			if ((unsigned int)len <= ctx->datalen - pos) {
				pos += len;
				continue;
			}
			next = mseq + len;
			break;
		}
		if (can_hold && !ctx->retrans) {
			ret = nfalg_hold(ctx, s, pos, (char *)buf, n, mseq, end);
			if (ret >= 0)
				goto out;
			ret = NF_ACCEPT;
		}
		/* not held: it passes unparsed */
		nfalg_count_once(ctx, NFALG_A_CNT_STREAM_GIVE_UP);
		if (len)
			next = mseq + len;
		else
			state = NFALG_STREAM_UNKNOWN;
		break;
	}
	if (state == NFALG_STREAM_UNKNOWN) {
		if (!ctx->retrans)
			d->state = NFALG_STREAM_UNKNOWN;
	} else {
		nfalg_stream_end(d, next, state);
	}
out:
	/* one sequence delta for all the rewrites of the segment */
	if (ctx->delta && ret == NF_ACCEPT)
		nfalg_seqadj(ctx, seq);
	return ret;
}

/* Parse a segment at @seq from @from: by lines or by messages */
static int nfalg_parse(struct nfalg_ctx *ctx, struct nfalg_stream *s,
		       u32 seq, unsigned int from, bool mid, bool can_hold)
{
	if (s->dir[ctx->dir].records)
		return nfalg_parse_records(ctx, s, seq, from, can_hold);
	return nfalg_parse_segment(ctx, s, seq, mid, can_hold);
}

/*
 * Segments after a gap in a message stream: dropped (the sender sends
 * them again once the gap is filled), since a message start cannot be
 * found inside the stream, for at most NFALG_GAP_DROP_SECS; then the
 * direction is no longer parsed.
 */
#define NFALG_GAP_DROP_SECS	10

static int nfalg_records_gap(struct nfalg_ctx *ctx, struct nfalg_stream *s)
{
	struct nfalg_stream_dir *d = &s->dir[ctx->dir];
	u32 now = (u32)jiffies ? : 1;

	if (!d->gap_since) {
		d->gap_since = now;
	} else if (time_after32(now, d->gap_since +
				     NFALG_GAP_DROP_SECS * HZ)) {
		if (s->hold[ctx->dir])
			nfalg_hold_give_up(ctx, s);
		else
			nfalg_count(nf_ct_net(ctx->ct),
				    NFALG_A_CNT_STREAM_GIVE_UP);
		d->state = NFALG_STREAM_UNKNOWN;
		d->gap_since = 0;
		return NF_ACCEPT;
	}
	nfalg_count(nf_ct_net(ctx->ct), NFALG_A_CNT_STREAM_RESYNC);
	return NF_DROP;
}

/*
 * Put the held line of @dir in front of the payload of the current
 * segment, which starts where the held bytes end, and move its sequence
 * number back to the line start.  Return: 0, -1 (nothing changed: the
 * segment would outgrow the route's MTU or cannot grow), -2 (the packet
 * is damaged and must be dropped).
 */
static int nfalg_hold_expand(struct nfalg_ctx *ctx, struct nfalg_stream *s)
{
	unsigned int hl = s->hold_len[ctx->dir];
	struct sk_buff *skb = ctx->skb;
	struct dst_entry *dst = skb_dst(skb);
	struct tcphdr *th;

	if (!skb_is_gso(skb) && dst && skb->len + hl > dst_mtu(dst))
		return -1;
	if (skb_ensure_writable(skb, ctx->protoff + sizeof(*th)))
		return -1;
	th = (struct tcphdr *)(skb->data + ctx->protoff);
	/* the checksum is recomputed by the mangling below */
	th->seq = htonl(s->dir[ctx->dir].line_seq);
	if (!__nf_nat_mangle_tcp_packet(skb, ctx->ct, ctx->ctinfo, ctx->protoff,
					0, 0, s->hold[ctx->dir], hl, false))
		return -2;
	ctx->datalen += hl;
	return 0;
}

/*
 * Whether the held bytes of @dir (@hl) and the @n bytes after them make a
 * whole line (the line's end is among the @n), or a whole message whose
 * length is known (a message that is no message at all counts as whole:
 * it is released)
 */
static bool nfalg_hold_complete(struct nfalg_ctx *ctx, struct nfalg_stream *s,
				const char *hold, unsigned int hl,
				unsigned int n)
{
	int len;

	if (!s->dir[ctx->dir].records)
		return memchr(hold + hl, nfalg_eol(ctx->alg), n);
	len = ctx->alg->msg_len(ctx, (const u8 *)hold, hl + n);
	return len < 0 || (len > 0 && len <= hl + n) ||
	       len > s->hold_max;
}

/*
 * After the held message of @dir was released: the rest of the current
 * segment is parsed if it reaches the start of the next message
 */
static int nfalg_after_give_up(struct nfalg_ctx *ctx, struct nfalg_stream *s,
			       u32 seq, bool fin_rst)
{
	struct nfalg_stream_dir *d = &s->dir[ctx->dir];

	if (!d->records || d->state != NFALG_STREAM_LINE_START ||
	    !nfalg_seq_before(seq, d->next_seq) ||
	    !nfalg_seq_before(d->next_seq, seq + ctx->datalen))
		return NF_ACCEPT;
	return nfalg_parse_records(ctx, s, seq, d->next_seq - seq, !fin_rst);
}

/*
 * Retransmissions of a message the core joined from held segments (a
 * message stream): the peer gets it translated in one piece, or not at
 * all if that segment was lost after the router, so its pieces must not
 * reach it on their own.  A segment starting inside it is dropped; one
 * starting at its start but ending before its end gets the rest of it
 * from the copy kept (the sender's own bytes) and is then parsed as a
 * retransmission of the whole.  Return: a verdict, or -1: handle the
 * segment as any other.
 */
static int nfalg_joined_retrans(struct nfalg_ctx *ctx, struct nfalg_stream *s,
				u32 seq)
{
	u32 js = s->join_seq[ctx->dir], je = s->join_end[ctx->dir];
	u32 end = seq + ctx->datalen;
	struct sk_buff *skb = ctx->skb;
	struct dst_entry *dst = skb_dst(skb);

	if (nfalg_seq_before(js, seq) && nfalg_seq_before(seq, je))
		return NF_DROP;
	if (seq != js || !nfalg_seq_before(end, je))
		return -1;
	if (!skb_is_gso(skb) && dst && skb->len + (je - end) > dst_mtu(dst))
		return NF_DROP;
	if (!__nf_nat_mangle_tcp_packet(skb, ctx->ct, ctx->ctinfo, ctx->protoff,
					ctx->datalen, 0,
					s->joined[ctx->dir] + (end - js),
					je - end, false))
		return NF_DROP;
	ctx->datalen += je - end;
	return -1;
}

/*
 * A packet of the other direction acknowledged what the copy of a joined
 * message of @dir covers (its acknowledgement number counts the sequence
 * adjustment): the copy goes
 */
static void nfalg_join_acked(struct nfalg_ctx *ctx, struct nfalg_stream *s,
			     int dir, const struct tcphdr *th)
{
	u32 je = s->join_end[dir];

	if (!th->ack)
		return;
	if (!nfalg_seq_before(ntohl(th->ack_seq),
			      je + nf_ct_seq_offset(ctx->ct, dir, je)))
		nfalg_join_free(s, dir);
}

/* A segment continuing the held line of @dir */
static int nfalg_hold_append(struct nfalg_ctx *ctx, struct nfalg_stream *s,
			     u32 seq, bool fin_rst)
{
	struct nfalg_stream_dir *d = &s->dir[ctx->dir];
	unsigned int hl = s->hold_len[ctx->dir], n;
	char *hold = s->hold[ctx->dir];
	u32 line_seq = d->line_seq, end = seq + ctx->datalen;
	int err;

	n = min_t(unsigned int, ctx->datalen, s->hold_max - hl);
	if (skb_copy_bits(ctx->skb, ctx->dataoff, hold + hl, n))
		goto give_up;
	if (!nfalg_hold_complete(ctx, s, hold, hl, n)) {
		/* still unfinished: hold this part too, if it may matter */
		if (n < ctx->datalen || hl + n >= s->hold_max || fin_rst ||
		    (!d->records && !ctx->alg->partial(ctx, hold, hl + n)))
			goto give_up;
		s->hold_len[ctx->dir] = hl + n;
		d->next_seq = seq + n;
		nfalg_count(nf_ct_net(ctx->ct), NFALG_A_CNT_STREAM_HELD);
		return NF_DROP;
	}
	err = nfalg_hold_expand(ctx, s);
	if (err == -2) {
		nfalg_hold_give_up(ctx, s);
		return NF_DROP;
	}
	if (err)
		goto give_up;
	if (d->records && n == ctx->datalen - hl) {
		/* kept: its pieces may have to be sent again as one */
		nfalg_join_free(s, ctx->dir);
		s->joined[ctx->dir] = hold;
		s->join_seq[ctx->dir] = line_seq;
		s->join_end[ctx->dir] = end;
		s->hold[ctx->dir] = NULL;
		s->hold_len[ctx->dir] = 0;
	} else {
		nfalg_hold_free(s, ctx->dir);
	}
	d->next_seq = line_seq;
	d->state = NFALG_STREAM_LINE_START;
	d->gap_since = 0;
	/* the completed line is not held again, even if more follows */
	return nfalg_parse(ctx, s, line_seq, 0, false, false);

give_up:
	nfalg_hold_give_up(ctx, s);
	return nfalg_after_give_up(ctx, s, seq, fin_rst);
}

/* A retransmission of held bytes of @dir */
static int nfalg_hold_retrans(struct nfalg_ctx *ctx, struct nfalg_stream *s,
			      u32 seq, bool fin_rst)
{
	struct nfalg_stream_dir *d = &s->dir[ctx->dir];
	unsigned int hl = s->hold_len[ctx->dir], n, off;
	char *buf = this_cpu_ptr(nfalg_bufs)->data;

	off = seq - d->line_seq;
	n = min_t(unsigned int, ctx->datalen, hl - off);
	if (skb_copy_bits(ctx->skb, ctx->dataoff, buf, n) ||
	    memcmp(buf, s->hold[ctx->dir] + off, n)) {
		/* other bytes than those held */
		nfalg_hold_give_up(ctx, s);
		return nfalg_after_give_up(ctx, s, seq, fin_rst);
	}
	if (!off && ctx->datalen == hl) {
		/*
		 * A message stream's first copy of all it has sent is taken
		 * for a tail loss probe (about two round trips after the
		 * last segment, whatever the sender does next): dropped, the
		 * rest of the message may still come.
		 */
		if (d->records && !d->probed) {
			d->probed = 1;
			return NF_DROP;
		}
		/*
		 * All it has sent, again: the sender waits for an
		 * acknowledgement (its congestion window is spent, or its
		 * retransmission timer ran out) and sends no more of the line.
		 */
		nfalg_hold_give_up(ctx, s);
		return nfalg_after_give_up(ctx, s, seq, fin_rst);
	}
	if (ctx->datalen <= hl - off)
		return NF_DROP;		/* held already (a tail loss probe) */
	if (off) {
		/* held bytes and new ones, not from the line start */
		nfalg_hold_give_up(ctx, s);
		return nfalg_after_give_up(ctx, s, seq, fin_rst);
	}
	/* the whole held line and more: start again from it */
	nfalg_hold_free(s, ctx->dir);
	d->next_seq = seq;
	d->state = NFALG_STREAM_LINE_START;
	return nfalg_parse(ctx, s, seq, 0, false, !fin_rst);
}

/*
 * Whether the current segment, which follows a gap, may begin with a
 * command: if the gap ends at a line start, parsing from the segment's
 * first line end would miss it.
 */
static bool nfalg_may_start_command(struct nfalg_ctx *ctx)
{
	const struct nfalg_alg *alg = ctx->alg;
	char *buf = this_cpu_ptr(nfalg_bufs)->data;
	unsigned int n;
	const char *nl;

	n = min_t(unsigned int, ctx->datalen, NFALG_LINE_MAX);
	if (skb_copy_bits(ctx->skb, ctx->dataoff, buf, n))
		return false;
	nl = memchr(buf, nfalg_eol(alg), n);
	if (nl)
		return alg->is_command && alg->is_command(ctx, buf, nl - buf + 1);
	return alg->partial && alg->partial(ctx, buf, n);
}

/* A retransmission of a parsed segment: parsed again, shifted as it was */
static int nfalg_parse_retrans(struct nfalg_ctx *ctx, struct nfalg_stream *s,
			       u32 seq)
{
	struct nfalg_stream_dir *d = &s->dir[ctx->dir];
	int i = nfalg_stream_find(d, seq);
	bool mid = d->mid_starts & (1U << i);
	s32 want = d->start_adj[i];
	int ret;

	ret = nfalg_parse(ctx, s, seq, mid ? d->start_off[i] : 0, mid, false);
	if (ret == NF_ACCEPT)
		nfalg_seq_fix(ctx, seq, want);
	return ret;
}

static int nfalg_tcp_segment(struct nfalg_ctx *ctx, struct nfalg_stream *s,
			     const struct tcphdr *th, u32 seq);

/*
 * A TCP packet of a conversation.  A close the ALG asks for (ctx->close)
 * waits until the peer has acknowledged all the ALG saw of the direction
 * (the last answer, whole), so that a segment lost after the router can
 * still be sent again.
 */
static int nfalg_help_tcp(struct nfalg_ctx *ctx, struct nfalg_conv *conv)
{
	struct nfalg_stream_dir *o;
	struct nfalg_stream *s;
	const struct tcphdr *th;
	struct tcphdr _th;
	bool close;
	int ret;
	u32 seq;

	th = skb_header_pointer(ctx->skb, ctx->protoff, sizeof(_th), &_th);
	if (!th)
		return NF_ACCEPT;
	seq = ntohl(th->seq);
	s = nfalg_stream_get(ctx->ct, conv);
	if (th->syn) {
		/* the connection's first SYN: the stream begins */
		if (!s && ctx->ctinfo == IP_CT_NEW &&
		    ctx->dir == IP_CT_DIR_ORIGINAL && !th->ack)
			s = nfalg_stream_new(ctx, conv);
		if (s)
			nfalg_stream_syn(&s->dir[ctx->dir], seq);
		return NF_ACCEPT;
	}
	if (!s) {
		if ((ctx->alg->flags & NFALG_ALG_F_FROM_SYN) &&
		    ctx->ctinfo == IP_CT_NEW) {
			nfalg_count(nf_ct_net(ctx->ct),
				    NFALG_A_CNT_STREAM_NO_SYN);
			return NF_DROP;
		}
		return NF_ACCEPT;
	}
	if (ctx->alg->state_size)
		ctx->state = s->state;
	s->dir[ctx->dir].started = true;
	ctx->dataoff = ctx->protoff + th->doff * 4;
	/* the close the ALG asked for, once the peer has what it was sent */
	o = &s->dir[!ctx->dir];
	close = o->close_at_end && th->ack &&
		!nfalg_seq_before(ntohl(th->ack_seq),
				  o->next_seq + nf_ct_seq_offset(ctx->ct,
								 !ctx->dir,
								 o->next_seq));
	ret = nfalg_tcp_segment(ctx, s, th, seq);
	if (ctx->close) {
		ctx->close = false;
		s->dir[ctx->dir].close_at_end = true;
	}
	ctx->close = close;
	return ret;
}

/*
 * A segment other than a SYN of a conversation with stream state: the
 * acknowledgement side first, then the payload
 */
static int nfalg_tcp_segment(struct nfalg_ctx *ctx, struct nfalg_stream *s,
			     const struct tcphdr *th, u32 seq)
{
	struct nfalg_stream_dir *d = &s->dir[ctx->dir];
	bool fin_rst = th->fin || th->rst;

	if (s->joined[!ctx->dir])
		nfalg_join_acked(ctx, s, !ctx->dir, th);
	/* may move the header: @th is not read after it */
	if (th->ack && s->dir[!ctx->dir].n_starts)
		nfalg_ack_fix(ctx, s, th);
	if (ctx->dataoff >= ctx->skb->len)
		return NF_ACCEPT;
	if (ctx->ctinfo != IP_CT_ESTABLISHED &&
	    ctx->ctinfo != IP_CT_ESTABLISHED_REPLY)
		return NF_ACCEPT;
	ctx->datalen = ctx->skb->len - ctx->dataoff;

	if (s->joined[ctx->dir]) {
		int ret = nfalg_joined_retrans(ctx, s, seq);

		if (ret >= 0)
			return ret;
	}
	switch (nfalg_stream_classify(d, seq, ctx->datalen)) {
	case NFALG_SEG_PASS:
		return NF_ACCEPT;
	case NFALG_SEG_NEW:
		d->gap_since = 0;
		return nfalg_parse(ctx, s, seq, 0, false, !fin_rst);
	case NFALG_SEG_MIDLINE:
		return nfalg_parse_segment(ctx, s, seq, true, !fin_rst);
	case NFALG_SEG_OVERLAP:
		d->gap_since = 0;
		return nfalg_parse_records(ctx, s, seq, d->next_seq - seq,
					   !fin_rst);
	case NFALG_SEG_RESYNC:
		if (d->records)
			return nfalg_records_gap(ctx, s);
		nfalg_count(nf_ct_net(ctx->ct), NFALG_A_CNT_STREAM_RESYNC);
		if (nfalg_may_start_command(ctx))
			return NF_DROP;	/* sent again, in order */
		return nfalg_parse_segment(ctx, s, seq, true, !fin_rst);
	case NFALG_SEG_RETRANS:
	case NFALG_SEG_RETRANS_MID:
		return nfalg_parse_retrans(ctx, s, seq);
	case NFALG_SEG_APPEND:
		d->gap_since = 0;
		return nfalg_hold_append(ctx, s, seq, fin_rst);
	case NFALG_SEG_REHOLD:
		return nfalg_hold_retrans(ctx, s, seq, fin_rst);
	case NFALG_SEG_GIVE_UP:
		nfalg_hold_give_up(ctx, s);
		return nfalg_after_give_up(ctx, s, seq, fin_rst);
	}
	return NF_ACCEPT;
}

static int nfalg_help_udp(struct nfalg_ctx *ctx, struct nfalg_conv *conv)
{
	char *buf = this_cpu_ptr(nfalg_bufs)->data;
	struct nfalg_stream *s;
	unsigned int len;
	int ret;

	ctx->dataoff = ctx->protoff + sizeof(struct udphdr);
	if (ctx->dataoff >= ctx->skb->len)
		return NF_ACCEPT;
	ctx->datalen = ctx->skb->len - ctx->dataoff;
	if (ctx->alg->state_size) {
		s = nfalg_stream_get(ctx->ct, conv);
		if (!s)
			s = nfalg_stream_new(ctx, conv);
		if (s)
			ctx->state = s->state;
	}
	/* the head of a longer one: the ALG sees ctx->datalen */
	len = min_t(unsigned int, ctx->datalen,
		    ctx->alg->flags & NFALG_ALG_F_WHOLE_DGRAM ?
		    NFALG_DGRAM_MAX : NFALG_LINE_MAX);
	if (skb_copy_bits(ctx->skb, ctx->dataoff, buf, len))
		return NF_DROP;
	ret = ctx->alg->datagram(ctx, buf, len);
	nfalg_ctx_line_end(ctx, ret);
	return ret;
}

/* Whether @alg looks at packets of protocol @proto beyond the core's part */
static bool nfalg_alg_inspects(const struct nfalg_alg *alg, u8 proto)
{
	switch (proto) {
	case IPPROTO_TCP:
		return alg->packet || alg->line || alg->message;
	case IPPROTO_UDP:
		return alg->packet || alg->datagram;
	default:
		return alg->packet;
	}
}

/*
 * The core's part of every packet (sanity, SYN defense, timeouts,
 * keepalive, ping tracking); the conversation's lock held
 */
static int nfalg_core_packet(struct sk_buff *skb, unsigned int protoff,
			     struct nf_conn *ct, enum ip_conntrack_info ctinfo,
			     struct nfalg_conv *conv)
{
	int ret = nfalg_conv_packet(skb, protoff, ct, ctinfo, conv);

	if (ret == NF_ACCEPT && (nf_ct_protonum(ct) == IPPROTO_ICMP ||
				 nf_ct_protonum(ct) == IPPROTO_ICMPV6))
		ret = nfalg_ping_packet(skb, protoff, ct, ctinfo, conv);
	return ret;
}

/*
 * A packet of a conversation whose ALG only has the core's part (the basic
 * ALGs): no packet context to fill
 */
static int nfalg_help_basic(struct sk_buff *skb, unsigned int protoff,
			    struct nf_conn *ct, enum ip_conntrack_info ctinfo,
			    struct nfalg_conv *conv)
{
	spinlock_t *lock = nfalg_conv_lock(ct);
	int ret;

	spin_lock_bh(lock);
	ret = nfalg_core_packet(skb, protoff, ct, ctinfo, conv);
	spin_unlock_bh(lock);
	return ret;
}

/* nf_conntrack_helper.help of every nfalg helper; rcu_read_lock() held */
int nfalg_helper_help(struct sk_buff *skb, unsigned int protoff,
		      struct nf_conn *ct, enum ip_conntrack_info ctinfo)
{
	struct nf_conn_help *help = nfct_help(ct);
	const struct nfalg_alg *alg;
	struct nf_conntrack_helper *h;
	struct nfalg_conv *conv;
	struct nfalg_ctx ctx;
	spinlock_t *lock;
	int ret;

	if (!help)
		return NF_ACCEPT;
	h = rcu_dereference(help->helper);
	if (!h)
		return NF_ACCEPT;
	conv = (struct nfalg_conv *)help->data;
	/* an ICMP error conntrack related to @ct: not one of its packets */
	if (nfalg_conv_is_error(ct, ctinfo))
		return NF_ACCEPT;
	alg = nfalg_helper_alg(h);
	if (!nfalg_alg_inspects(alg, nf_ct_protonum(ct)))
		return nfalg_help_basic(skb, protoff, ct, ctinfo, conv);

	memset(&ctx, 0, sizeof(ctx));
	ctx.skb = skb;
	ctx.protoff = protoff;
	ctx.ct = ct;
	ctx.ctinfo = ctinfo;
	ctx.dir = CTINFO2DIR(ctinfo);
	ctx.alg = alg;
	ctx.priv = conv->priv;
	ctx.app_arg = conv->app_arg;
	ctx.input_output = conv->flags & NFALG_CONV_F_INPUT_OUTPUT;
	if (ctx.alg->packet) {
		ret = ctx.alg->packet(&ctx);
		nfalg_ctx_line_end(&ctx, ret);
		if (ret != NF_ACCEPT)
			return ret;
	}

	lock = nfalg_conv_lock(ct);
	spin_lock_bh(lock);
	ret = nfalg_core_packet(skb, protoff, ct, ctinfo, conv);
	if (ret != NF_ACCEPT)
		goto out;
	switch (nf_ct_protonum(ct)) {
	case IPPROTO_TCP:
		if (ctx.alg->line || ctx.alg->message)
			ret = nfalg_help_tcp(&ctx, conv);
		break;
	case IPPROTO_UDP:
		if (ctx.alg->datagram)
			ret = nfalg_help_udp(&ctx, conv);
		break;
	}
out:
	spin_unlock_bh(lock);
	/*
	 * The packet keeps its reference: it still goes out, NATed.  An
	 * entry not confirmed yet is in no table and cannot be removed: it
	 * is given the shortest timeout instead, which starts when it is.
	 */
	if (ctx.close && ret == NF_ACCEPT) {
		if (nf_ct_is_confirmed(ct))
			nf_ct_kill(ct);
		else
			WRITE_ONCE(ct->timeout, 1);
	}
	return ret;
}
