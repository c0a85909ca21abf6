// SPDX-License-Identifier: GPL-2.0
/*
 * nfalg core: keepalive of idle TCP conversations.
 *
 * An established TCP conversation carrying an nfalg helper lives for its
 * inactivity timeout T (the application's, else the namespace's
 * tcp-timeout) after its last packet, plus the keepalive lead
 * (P + 1) * I, where P is the namespace's keepalive-probes and I its
 * keepalive-interval (timeouts.c sets that conntrack timeout).  Once it
 * has been idle for T, keepalive probes both sides:
 *
 *  - a round of probes is sent at once and then every I seconds to each
 *    side that has not sent a packet since probing began, at most P
 *    rounds;
 *  - any packet from a side (the answer to a probe, or traffic) counts as
 *    that side's answer;
 *  - when both sides have answered, probing stops; their answers have
 *    already restarted the inactivity timeout, so a conversation whose
 *    ends are alive is kept however long it stays idle;
 *  - I seconds after the P-th round, if a side has still not answered, the
 *    conversation ends: each side that did answer gets a TCP reset, and the
 *    entry, its children and its pinholes are removed (counted and
 *    logged).  Without any answer at all the entry expires by itself at
 *    about the same time.
 *
 * A probe is what a TCP keepalive is (RFC 1122, 4.2.3.6): a bare ACK, no
 * payload, sent to a side as if by its peer, with the peer's address and
 * port as that side sees them (after NAT), sequence number one below the
 * next one the side expects from its peer (after sequence adjustment) and
 * acknowledgment number the next one the side will send.  Such a segment
 * falls left of the receive window, so a live TCP answers it with an ACK
 * of its current state and accepts nothing.  The reset that ends a
 * conversation carries the expected sequence number itself.  Both are
 * sent from the router without conntrack (untracked), so neither NAT nor
 * the conversation's own state sees them; the router's output filter does.
 *
 * The cost follows the conversations, not the conntrack table.  Each
 * namespace keeps a list of its established nfalg TCP conversations, each
 * entered by its first packet once established (a reference held), and
 * one worker that runs only while that list is not empty: it walks the
 * list, drops the entries that have ended or closed, and probes those
 * that are due, then sleeps until the earliest one can be due, at most
 * NFALG_KA_MAX_SLEEP.  A listed conversation that goes away (its
 * helper's destroy callback) brings the worker forward to a second later,
 * so that its reference is dropped soon.  Without such conversations
 * nothing is scheduled.  The work done is counted in keepalive_scans and
 * keepalive_scan_us.  Ending a conversation walks the conntrack table for
 * its children only when it has opened a pinhole (nfalg_conv.u.line.parent).
 * P = 0 turns keepalive off in a namespace.
 */

#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/jiffies.h>
#include <linux/tcp.h>
#include <linux/workqueue.h>
#include <net/ip.h>
#include <net/ip6_checksum.h>
#include <net/ip6_route.h>
#include <net/ipv6.h>
#include <net/route.h>
#include <net/tcp.h>
#include <net/netfilter/nf_conntrack_core.h>
#include <net/netfilter/nf_conntrack_seqadj.h>

#include "nfalg_core.h"

#define NFALG_KA_MAX_SLEEP	(30 * HZ)

/* One conversation on its namespace's list; holds a reference to @ct */
struct nfalg_ka_node {
	struct list_head list;
	struct nf_conn *ct;
};

/* What one segment sent to one side of a conversation carries */
struct nfalg_ka_seg {
	u32 seq, ack;
	u16 win;
	bool rst;
};

/**
 * nfalg_ka_lead - what keepalive adds to the inactivity timeout of an
 *	established TCP conversation, in seconds
 * @p: the namespace's parameters
 */
u32 nfalg_ka_lead(const struct nfalg_params *p)
{
	u32 probes = nfalg_param(p, NFALG_A_PARAM_KEEPALIVE_PROBES);

	if (!probes)
		return 0;
	return (probes + 1) * nfalg_param(p, NFALG_A_PARAM_KEEPALIVE_INTERVAL);
}

static struct nfalg_ka_net *nfalg_ka_net(struct net *net)
{
	return &nfalg_pernet(net)->ka;
}

/*
 * Run the worker of @ka no later than @when (jiffies); under @ka->lock.
 */
static void nfalg_ka_arm(struct nfalg_ka_net *ka, unsigned long when)
{
	unsigned long now = jiffies;

	if (ka->dead || (ka->armed && !time_before(when, ka->next_run)))
		return;
	ka->armed = true;
	ka->next_run = when;
	mod_delayed_work(system_power_efficient_wq, &ka->work,
			 time_after(when, now) ? when - now : 0);
}

/*
 * When @ct, not being probed, will be idle for its inactivity timeout
 * (the lead is what keepalive added to it), in jiffies
 */
static unsigned long nfalg_ka_due(const struct nf_conn *ct,
				  const struct nfalg_params *p)
{
	s32 left = nf_ct_expires(ct) - nfalg_ka_lead(p) * HZ;

	return jiffies + max(left, 0);
}

/**
 * nfalg_ka_packet - a packet of an established TCP conversation
 * @ct: the conversation
 * @conv: its nfalg data; its lock held
 * @dir: the side that sent the packet
 * @p: the namespace's parameters
 * @idle: its inactivity timeout, in seconds
 *
 * Records the side's answer while the conversation is being probed, and
 * puts the conversation on its namespace's keepalive list the first time.
 */
void nfalg_ka_packet(struct nf_conn *ct, struct nfalg_conv *conv,
		     enum ip_conntrack_dir dir, const struct nfalg_params *p,
		     u32 idle)
{
	struct nfalg_ka_node *node;
	struct nfalg_ka_net *ka;

	if (conv->u.line.ka_sent)
		conv->flags |= NFALG_CONV_F_KA_ANSWERED(dir);
	if (likely(conv->flags & NFALG_CONV_F_KA_LISTED) ||
	    !nfalg_param(p, NFALG_A_PARAM_KEEPALIVE_PROBES) ||
	    !nf_ct_is_confirmed(ct))
		return;
	node = kmalloc(sizeof(*node), GFP_ATOMIC | __GFP_NOWARN);
	if (!node)
		return;		/* the next packet tries again */
	ka = nfalg_ka_net(nf_ct_net(ct));
	spin_lock(&ka->lock);
	if (ka->dead) {
		spin_unlock(&ka->lock);
		kfree(node);
		return;
	}
	nf_conntrack_get(&ct->ct_general);
	node->ct = ct;
	list_add_tail(&node->list, &ka->list);
	conv->flags |= NFALG_CONV_F_KA_LISTED;
	/* due @idle from now: timeouts.c refreshes the timeout after this */
	nfalg_ka_arm(ka, jiffies + idle * HZ);
	spin_unlock(&ka->lock);
}

/**
 * nfalg_ka_gone - a conversation is being destroyed
 * @ct: the conversation, dying
 * @conv: its nfalg data
 *
 * A listed one is taken off by the worker, a second from now at the latest.
 */
void nfalg_ka_gone(struct nf_conn *ct, const struct nfalg_conv *conv)
{
	struct nfalg_ka_net *ka;

	if (!(READ_ONCE(conv->flags) & NFALG_CONV_F_KA_LISTED))
		return;
	ka = nfalg_ka_net(nf_ct_net(ct));
	spin_lock_bh(&ka->lock);
	nfalg_ka_arm(ka, jiffies + HZ);
	spin_unlock_bh(&ka->lock);
}

static u8 nfalg_ka_now(void)
{
	return (u8)(jiffies / HZ);
}

/*
 * Take @ct off the list: it may be entered again (conversation lock).  A
 * dying entry is left alone: it is out of the table, so an ALG module
 * unloaded since did not detach it and its helper pointer may be stale.
 */
static void nfalg_ka_unlist(struct nf_conn *ct)
{
	struct nfalg_conv *conv;
	spinlock_t *lock;

	rcu_read_lock();
	conv = nf_ct_is_dying(ct) ? NULL : nfalg_conv_of(ct, NULL);
	if (conv) {
		lock = nfalg_conv_lock(ct);
		spin_lock_bh(lock);
		conv->flags &= ~NFALG_CONV_F_KA_LISTED;
		spin_unlock_bh(lock);
	}
	rcu_read_unlock();
}

/*
 * The segment keepalive sends to side @to of @ct, from its peer; under
 * @ct's conversation lock.  Sequence numbers in conntrack's window
 * tracking are each sender's own, before sequence adjustment: the
 * sequence number is moved into @to's view, the acknowledgment number
 * already is in it.
 */
static void nfalg_ka_seg(struct nf_conn *ct, enum ip_conntrack_dir to,
			 bool rst, struct nfalg_ka_seg *s)
{
	const struct ip_ct_tcp_state *peer, *side;
	u32 seq;

	spin_lock_bh(&ct->lock);
	peer = &ct->proto.tcp.seen[!to];
	side = &ct->proto.tcp.seen[to];
	seq = peer->td_end - !rst;
	s->seq = seq + nf_ct_seq_offset(ct, !to, seq);
	s->ack = side->td_end;
	s->win = min_t(u32, peer->td_maxwin >> peer->td_scale, U16_MAX);
	s->rst = rst;
	spin_unlock_bh(&ct->lock);
}

static void nfalg_ka_tcphdr(struct tcphdr *th,
			    const struct nf_conntrack_tuple *t,
			    const struct nfalg_ka_seg *s)
{
	memset(th, 0, sizeof(*th));
	th->source = t->dst.u.tcp.port;
	th->dest = t->src.u.tcp.port;
	th->seq = htonl(s->seq);
	th->ack_seq = htonl(s->ack);
	th->doff = sizeof(*th) / 4;
	th->ack = 1;
	th->rst = s->rst;
	th->window = htons(s->win);
}

static struct sk_buff *nfalg_ka_alloc(unsigned int nhlen)
{
	struct sk_buff *skb;

	skb = alloc_skb(LL_MAX_HEADER + nhlen + sizeof(struct tcphdr),
			GFP_ATOMIC);
	if (!skb)
		return NULL;
	skb_reserve(skb, LL_MAX_HEADER);
	skb_reset_network_header(skb);
	skb_put(skb, nhlen);
	skb_set_transport_header(skb, nhlen);
	skb_put(skb, sizeof(struct tcphdr));
	skb->ip_summed = CHECKSUM_NONE;
	/* neither conntrack nor NAT: the addresses are final */
	nf_ct_set(skb, NULL, IP_CT_UNTRACKED);
	return skb;
}

/*
 * Send @s to the side whose packets carry tuple @t, from the address and
 * port they are sent to.
 */
static int nfalg_ka_send4(struct net *net, const struct nf_conntrack_tuple *t,
			  const struct nfalg_ka_seg *s)
{
	struct flowi4 fl4 = {
		.daddr = t->src.u3.ip,
		.saddr = t->dst.u3.ip,
		.flowi4_proto = IPPROTO_TCP,
		.flowi4_flags = FLOWI_FLAG_ANYSRC,
		.fl4_sport = t->dst.u.tcp.port,
		.fl4_dport = t->src.u.tcp.port,
	};
	struct sk_buff *skb;
	struct tcphdr *th;
	struct iphdr *iph;
	struct rtable *rt;

	rt = ip_route_output_key(net, &fl4);
	if (IS_ERR(rt))
		return PTR_ERR(rt);
	skb = nfalg_ka_alloc(sizeof(*iph));
	if (!skb) {
		ip_rt_put(rt);
		return -ENOMEM;
	}
	skb_dst_set(skb, &rt->dst);
	skb->protocol = htons(ETH_P_IP);

	th = tcp_hdr(skb);
	nfalg_ka_tcphdr(th, t, s);
	th->check = tcp_v4_check(sizeof(*th), fl4.saddr, fl4.daddr,
				 csum_partial(th, sizeof(*th), 0));

	iph = ip_hdr(skb);
	memset(iph, 0, sizeof(*iph));
	iph->version = 4;
	iph->ihl = sizeof(*iph) / 4;
	iph->frag_off = htons(IP_DF);
	iph->ttl = ip4_dst_hoplimit(&rt->dst);
	iph->protocol = IPPROTO_TCP;
	iph->saddr = fl4.saddr;
	iph->daddr = fl4.daddr;
	iph->tot_len = htons(skb->len);
	/* __ip_local_out() computes the header checksum */
	return ip_local_out(net, NULL, skb);
}

static int nfalg_ka_send6(struct net *net, const struct nf_conntrack_tuple *t,
			  const struct nfalg_ka_seg *s)
{
	struct flowi6 fl6 = {
		.daddr = t->src.u3.in6,
		.saddr = t->dst.u3.in6,
		.flowi6_proto = IPPROTO_TCP,
		.fl6_sport = t->dst.u.tcp.port,
		.fl6_dport = t->src.u.tcp.port,
	};
	struct dst_entry *dst;
	struct ipv6hdr *ip6h;
	struct sk_buff *skb;
	struct tcphdr *th;
	int err;

	dst = ip6_route_output(net, NULL, &fl6);
	err = dst->error;
	if (err) {
		dst_release(dst);
		return err;
	}
	skb = nfalg_ka_alloc(sizeof(*ip6h));
	if (!skb) {
		dst_release(dst);
		return -ENOMEM;
	}
	skb_dst_set(skb, dst);
	skb->protocol = htons(ETH_P_IPV6);

	th = tcp_hdr(skb);
	nfalg_ka_tcphdr(th, t, s);
	th->check = csum_ipv6_magic(&fl6.saddr, &fl6.daddr, sizeof(*th),
				    IPPROTO_TCP,
				    csum_partial(th, sizeof(*th), 0));

	ip6h = ipv6_hdr(skb);
	ip6_flow_hdr(ip6h, 0, 0);
	ip6h->payload_len = htons(sizeof(*th));
	ip6h->nexthdr = IPPROTO_TCP;
	ip6h->hop_limit = ip6_dst_hoplimit(dst);
	ip6h->saddr = fl6.saddr;
	ip6h->daddr = fl6.daddr;
	return ip6_local_out(net, NULL, skb);
}

/* Send a probe (or, with @rst, a reset) to side @to of @ct */
static void nfalg_ka_send(struct nf_conn *ct, enum ip_conntrack_dir to,
			  bool rst)
{
	const struct nf_conntrack_tuple *t = &ct->tuplehash[to].tuple;
	struct net *net = nf_ct_net(ct);
	struct nfalg_ka_seg s;

	nfalg_ka_seg(ct, to, rst, &s);
	if (nf_ct_l3num(ct) == NFPROTO_IPV4)
		nfalg_ka_send4(net, t, &s);
	else
		nfalg_ka_send6(net, t, &s);
	if (!rst)
		nfalg_count(net, NFALG_A_CNT_KEEPALIVE_PROBES);
}

static void nfalg_ka_log_end(const struct nf_conn *ct, u8 answered,
			     u32 probes)
{
	char tuple[NFALG_TUPLE_STRLEN];
	const char *who;

	if (!net_ratelimit())
		return;
	who = answered & NFALG_CONV_F_KA_ANSWERED(IP_CT_DIR_ORIGINAL) ?
	      "responder" : answered ? "initiator" : "either side";
	pr_info("nfalg: keepalive: no answer from %s to %u probes: TCP %s ended\n",
		who, probes,
		nfalg_tuple_fmt(&ct->tuplehash[IP_CT_DIR_ORIGINAL].tuple,
				tuple, sizeof(tuple)));
}

/* What one scan does to one conversation */
enum { KA_NONE, KA_PROBE, KA_END };

/*
 * Decide under the conversation's lock; @sides gets the sides to probe
 * (KA_PROBE) or to reset (KA_END), as NFALG_CONV_F_KA_ANSWERED bits.
 */
static int nfalg_ka_step(struct nf_conn *ct, u8 *sides, u32 *probes)
{
	const struct nfalg_params *p;
	struct nfalg_conv *conv;
	spinlock_t *lock;
	u8 answered, now = nfalg_ka_now();
	int what = KA_NONE;
	u32 interval;

	rcu_read_lock();
	/* dying: see nfalg_ka_unlist() */
	conv = nf_ct_is_dying(ct) ? NULL : nfalg_conv_of(ct, NULL);
	p = rcu_dereference(nfalg_pernet(nf_ct_net(ct))->params);
	if (!conv || !p)
		goto out;
	*probes = nfalg_param(p, NFALG_A_PARAM_KEEPALIVE_PROBES);
	interval = nfalg_param(p, NFALG_A_PARAM_KEEPALIVE_INTERVAL);

	lock = nfalg_conv_lock(ct);
	spin_lock_bh(lock);
	answered = conv->flags & NFALG_CONV_F_KA_BOTH;
	if (!*probes || nf_ct_is_dying(ct) ||
	    READ_ONCE(ct->proto.tcp.state) != TCP_CONNTRACK_ESTABLISHED ||
	    (conv->u.line.ka_sent && answered == NFALG_CONV_F_KA_BOTH)) {
		/* keepalive off, conversation closing, or both sides alive */
		conv->u.line.ka_sent = 0;
		conv->flags &= ~NFALG_CONV_F_KA_BOTH;
	} else if (!conv->u.line.ka_sent) {
		if (nf_ct_expires(ct) <= nfalg_ka_lead(p) * HZ) {
			conv->flags &= ~NFALG_CONV_F_KA_BOTH;
			conv->u.line.ka_sent = 1;
			conv->u.line.ka_last = now;
			*sides = NFALG_CONV_F_KA_BOTH;
			what = KA_PROBE;
		}
	} else if ((u8)(now - conv->u.line.ka_last) >= interval) {
		conv->u.line.ka_last = now;
		if (conv->u.line.ka_sent >= *probes) {
			*sides = answered;
			what = KA_END;
		} else {
			conv->u.line.ka_sent++;
			*sides = NFALG_CONV_F_KA_BOTH & ~answered;
			what = KA_PROBE;
		}
	}
	spin_unlock_bh(lock);
out:
	rcu_read_unlock();
	return what;
}

/* One conversation of the batch; process context, a reference held */
static void nfalg_ka_handle(struct nf_conn *ct)
{
	u32 probes = 0;
	u8 sides = 0;
	int what, dir;

	what = nfalg_ka_step(ct, &sides, &probes);
	if (what == KA_NONE)
		return;
	rcu_read_lock();
	local_bh_disable();
	for (dir = IP_CT_DIR_ORIGINAL; dir < IP_CT_DIR_MAX; dir++)
		if (sides & NFALG_CONV_F_KA_ANSWERED(dir))
			nfalg_ka_send(ct, dir, what == KA_END);
	local_bh_enable();
	rcu_read_unlock();
	if (what != KA_END)
		return;
	nfalg_ka_log_end(ct, sides, probes);
	nfalg_count(nf_ct_net(ct), NFALG_A_CNT_KEEPALIVE_ENDED);
	nfalg_conv_end(ct);
}

/*
 * Whether listed @ct stays on the list; *@due is lowered to when it needs
 * looking at, and it is put in @batch (a reference taken) when that is
 * now.  Under the list's lock and rcu_read_lock().
 */
static bool nfalg_ka_keep(struct nf_conn *ct, const struct nfalg_params *p,
			  struct nf_conn **batch, unsigned int *n,
			  unsigned long *due)
{
	const struct nfalg_conv *conv;
	unsigned long when;

	if (nf_ct_is_dying(ct) ||
	    READ_ONCE(ct->proto.tcp.state) != TCP_CONNTRACK_ESTABLISHED)
		return false;
	conv = nfalg_conv_of(ct, NULL);
	if (!conv || !p || !nfalg_param(p, NFALG_A_PARAM_KEEPALIVE_PROBES))
		return false;
	if (!READ_ONCE(conv->u.line.ka_sent)) {
		when = nfalg_ka_due(ct, p);
		if (time_after(when, jiffies)) {
			if (time_before(when, *due))
				*due = when;
			return true;
		}
	}
	/* due, or being probed: looked at again a second from now */
	if (time_before(jiffies + HZ, *due))
		*due = jiffies + HZ;
	if (*n < NFALG_KA_BATCH && refcount_inc_not_zero(&ct->ct_general.use))
		batch[(*n)++] = ct;
	return true;
}

static void nfalg_ka_work(struct work_struct *work)
{
	struct nfalg_ka_net *ka = container_of(to_delayed_work(work),
					       struct nfalg_ka_net, work);
	struct nfalg_net *nn = container_of(ka, struct nfalg_net, ka);
	unsigned long due = jiffies + NFALG_KA_MAX_SLEEP;
	struct nf_conn **batch = ka->batch;
	struct nfalg_ka_node *node, *tmp;
	const struct nfalg_params *p;
	u64 t0 = local_clock();
	unsigned int n = 0, i = 0;
	LIST_HEAD(mine);
	LIST_HEAD(gone);

	/* only this worker takes nodes off: walk them without the lock */
	spin_lock_bh(&ka->lock);
	ka->armed = false;
	list_splice_init(&ka->list, &mine);
	spin_unlock_bh(&ka->lock);

	rcu_read_lock();
	p = rcu_dereference(nn->params);
	list_for_each_entry_safe(node, tmp, &mine, list) {
		if (!nfalg_ka_keep(node->ct, p, batch, &n, &due))
			list_move(&node->list, &gone);
		if (!(++i % 256)) {
			rcu_read_unlock();
			cond_resched();
			rcu_read_lock();
			p = rcu_dereference(nn->params);
		}
	}
	rcu_read_unlock();

	spin_lock_bh(&ka->lock);
	list_splice(&mine, &ka->list);
	if (!list_empty(&ka->list))
		nfalg_ka_arm(ka, due);
	spin_unlock_bh(&ka->lock);

	for (i = 0; i < n; i++) {
		nfalg_ka_handle(batch[i]);
		nf_ct_put(batch[i]);
		cond_resched();
	}
	list_for_each_entry_safe(node, tmp, &gone, list) {
		nfalg_ka_unlist(node->ct);
		nf_ct_put(node->ct);
		kfree(node);
		cond_resched();
	}
	ka->scan_ns += local_clock() - t0;
	atomic64_inc(&nn->counters[NFALG_A_CNT_KEEPALIVE_SCANS]);
	atomic64_set(&nn->counters[NFALG_A_CNT_KEEPALIVE_SCAN_US],
		     div_u64(ka->scan_ns, NSEC_PER_USEC));
}

void nfalg_ka_net_init(struct nfalg_net *nn)
{
	struct nfalg_ka_net *ka = &nn->ka;

	spin_lock_init(&ka->lock);
	INIT_LIST_HEAD(&ka->list);
	INIT_DELAYED_WORK(&ka->work, nfalg_ka_work);
}

/*
 * The namespace goes, or the module: no more entries, the worker stopped,
 * the references dropped (before conntrack's own exit waits for its
 * entries to be freed).
 */
void nfalg_ka_net_exit(struct nfalg_net *nn)
{
	struct nfalg_ka_net *ka = &nn->ka;
	struct nfalg_ka_node *node, *tmp;

	spin_lock_bh(&ka->lock);
	ka->dead = true;
	spin_unlock_bh(&ka->lock);
	cancel_delayed_work_sync(&ka->work);
	list_for_each_entry_safe(node, tmp, &ka->list, list) {
		nf_ct_put(node->ct);
		kfree(node);
	}
	INIT_LIST_HEAD(&ka->list);
}
