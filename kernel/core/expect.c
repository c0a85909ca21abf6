// SPDX-License-Identifier: GPL-2.0
/*
 * nfalg core: pinholes, the conntrack expectations of child flows.
 *
 * An ALG reports an address and port the sender of a packet announced for
 * a child flow; the core checks the pinhole policy, then creates the
 * expectation as a child of the control conversation:
 *  - the announced address must be the sender's own address on the control
 *    connection (no third-party hosts): NFALG_A_CNT_THIRD_PARTY;
 *  - the announced port must not be privileged (< 1024); an ALG setting
 *    NFALG_ALG_F_PRIV_PORTS instead requires one of rresvport()'s reserved
 *    ports, 512..1023, and nothing else, one setting NFALG_ALG_F_RESV_PORTS
 *    allows those as well (Sun RPC): NFALG_A_CNT_PRIV_PORT;
 *  - a conversation has at most nfalg_alg.max_pinholes open pinholes
 *    (an ALG declaring none asking for one is a bug: warned once, also
 *    refused): NFALG_A_CNT_CAP;
 *  - the child flow must come from the control connection's peer (the
 *    expectation's source address is that peer, any source port; any
 *    address when the ALG asks for it, nfalg_pinhole.any_src: SIP's media
 *    relays) and expires after nfalg_alg.pinhole_timeout seconds, or the
 *    pinhole's own timeout.
 * A pinhole the ALG asks to keep (nfalg_pinhole.keep) admits every new
 * flow until it expires; one with same_alg hands its child flows the
 * parent's ALG (SIP's calls toward a registered phone).  The ALG may
 * retime or close its pinholes later (nfalg_pinhole_retime()).
 * Every refusal is counted in the netns and logged (rate limited).
 *
 * A line handled again because its TCP segment was retransmitted
 * (ctx->retrans) opens its pinhole again: conntrack replaces the identical
 * expectation, so nothing is counted and the cap is not applied again
 * (conntrack's own limit, the policy's max_expected, still holds).  The
 * pinholes a line opened are remembered in the context; if the line's
 * rewrite fails, the core closes them (nfalg_ctx_line_end(), helper.c).
 *
 * Under NAT (nftables snat/masquerade/dnat of the control conversation) the
 * pinhole is the address the peer sees for the sender, on the announced
 * port or, if taken, a free one; the child conversation then follows the
 * control conversation's NAT (nf_nat_follow_master) back to the announced
 * address and port.  The ALG rewrites the payload when
 * nfalg_pinhole_needs_rewrite() says so.
 */

#include <linux/inet.h>
#include <net/genetlink.h>
#include <net/netfilter/nf_conntrack_expect.h>
#include <net/netfilter/nf_nat_helper.h>

#include "nfalg_core.h"

static void nfalg_refuse(struct nfalg_ctx *ctx, const struct nfalg_pinhole *ph,
			 int counter, const char *why)
{
	const struct nf_conntrack_tuple *t = &ctx->ct->tuplehash[ctx->dir].tuple;

	if (ctx->retrans)
		return;
	nfalg_count(nf_ct_net(ctx->ct), counter);
	nfalg_event_pinhole(ctx, ph, why);
	if (nf_ct_l3num(ctx->ct) == NFPROTO_IPV4)
		net_info_ratelimited("nfalg-%s: pinhole refused (%s): %pI4 -> %pI4 announced %pI4 port %u\n",
				     ctx->alg->name, why, &t->src.u3.ip,
				     &t->dst.u3.ip, &ph->addr.ip, ph->port);
	else
		net_info_ratelimited("nfalg-%s: pinhole refused (%s): %pI6c -> %pI6c announced %pI6c port %u\n",
				     ctx->alg->name, why, &t->src.u3.in6,
				     &t->dst.u3.in6, &ph->addr.in6, ph->port);
}

static bool nfalg_ct_nated(const struct nf_conn *ct)
{
	return ct->status & IPS_NAT_MASK;
}

/* What the ALG asked of the pinhole besides its tuple (RCU held) */
static void nfalg_exp_flags(struct nf_conntrack_expect *exp,
			    struct nf_conn_help *help,
			    const struct nfalg_pinhole *ph)
{
	if (ph->keep)
		exp->flags |= NF_CT_EXPECT_PERMANENT;
	if (ph->same_alg)
		RCU_INIT_POINTER(exp->assign_helper,
				 rcu_dereference(help->helper));
}

/*
 * Expire @exp @secs seconds from now, or unlink it now (@secs 0); false
 * when it is on its way out already.  Caller holds
 * nf_conntrack_expect_lock.
 */
static bool nfalg_exp_retime(struct nf_conntrack_expect *exp,
			     unsigned int secs)
{
	if (!secs) {
		nf_ct_unlink_expect(exp);
		return true;
	}
	/* expired: conntrack's collector unlinks it */
	if (nf_ct_exp_is_expired(exp))
		return false;
	WRITE_ONCE(exp->timeout, nfct_time_stamp + secs * HZ);
	return true;
}

/**
 * nfalg_pinhole_open - open a pinhole for a child flow
 * @ctx: packet context; the sender of ctx->skb announced the child flow
 * @ph: announced address, port and protocol; on success the address and
 *	port the peer will use are filled in
 *
 * If @ph->port is 0 the child flow targets the sender's own port of the
 * control flow (TFTP replies).
 *
 * Return: 0, -EPERM when the policy refuses (counted and logged), -EBUSY
 * when no port is free, -ENOMEM, or an error of nf_ct_expect_related().
 */
int nfalg_pinhole_open(struct nfalg_ctx *ctx, struct nfalg_pinhole *ph)
{
	struct nf_conn *ct = ctx->ct;
	const struct nf_conntrack_tuple *snd = &ct->tuplehash[ctx->dir].tuple;
	const struct nf_conntrack_tuple *rcv = &ct->tuplehash[!ctx->dir].tuple;
	struct nf_conn_help *help = nfct_help(ct);
	bool own_port = ph->port == 0;
	struct nf_conntrack_expect *exp;
	__be16 port;
	int err = 0;

	/* an ALG registered without pinholes calling this is a bug */
	if (WARN_ONCE(!ctx->alg->max_pinholes,
		      "nfalg-%s: pinhole asked for by an ALG declaring none\n",
		      ctx->alg->name)) {
		nfalg_refuse(ctx, ph, NFALG_A_CNT_CAP, "ALG declares no pinholes");
		return -EPERM;
	}
	if (own_port)
		ph->port = ntohs(snd->src.u.all);
	if (!nf_inet_addr_cmp(&ph->addr, &snd->src.u3)) {
		nfalg_refuse(ctx, ph, NFALG_A_CNT_THIRD_PARTY,
			     "third-party address");
		return -EPERM;
	}
	if (ctx->alg->flags & NFALG_ALG_F_PRIV_PORTS ?
	    ph->port < NFALG_RESV_PORT_MIN || ph->port >= NFALG_RESV_PORT_END :
	    ph->port < (ctx->alg->flags & NFALG_ALG_F_RESV_PORTS ?
			NFALG_RESV_PORT_MIN : NFALG_RESV_PORT_END)) {
		nfalg_refuse(ctx, ph, NFALG_A_CNT_PRIV_PORT,
			     ctx->alg->flags & NFALG_ALG_F_PRIV_PORTS ?
			     "not a reserved port 512-1023" : "privileged port");
		return -EPERM;
	}
	if (!ctx->retrans && help->expecting[NF_CT_EXPECT_CLASS_DEFAULT] >=
	    ctx->alg->max_pinholes) {
		nfalg_refuse(ctx, ph, NFALG_A_CNT_CAP, "too many pinholes");
		return -EPERM;
	}

	/* a TCP conversation with children ends with them (keepalive.c) */
	if (nf_ct_protonum(ct) == IPPROTO_TCP)
		WRITE_ONCE(((struct nfalg_conv *)help->data)->u.line.parent, 1);
	exp = nf_ct_expect_alloc(ct);
	if (!exp)
		return -ENOMEM;

	if (!nfalg_ct_nated(ct)) {
		port = htons(ph->port);
		nf_ct_expect_init(exp, NF_CT_EXPECT_CLASS_DEFAULT,
				  nf_ct_l3num(ct),
				  ph->any_src ? NULL : &rcv->src.u3, &ph->addr,
				  ph->l4proto, NULL, &port);
		nfalg_exp_flags(exp, help, ph);
		err = nf_ct_expect_related(exp, 0);
		ph->nat_addr = ph->addr;
		ph->nat_port = ph->port;
		goto out;
	}

	port = own_port ? rcv->dst.u.all : htons(ph->port);
	nf_ct_expect_init(exp, NF_CT_EXPECT_CLASS_DEFAULT, nf_ct_l3num(ct),
			  ph->any_src ? NULL : &rcv->src.u3, &rcv->dst.u3,
			  ph->l4proto, NULL, &port);
	exp->saved_proto.all = htons(ph->port);
	exp->dir = !ctx->dir;
	exp->expectfn = nf_nat_follow_master;
	nfalg_exp_flags(exp, help, ph);
	ph->nat_addr = rcv->dst.u3;
	if (own_port) {
		err = nf_ct_expect_related(exp, 0);
		ph->nat_port = ntohs(port);
	} else {
		ph->nat_port = nf_nat_exp_find_port(exp, ph->port);
		if (!ph->nat_port)
			err = -EBUSY;
	}
out:
	if (!err && ph->timeout) {
		spin_lock_bh(&nf_conntrack_expect_lock);
		nfalg_exp_retime(exp, ph->timeout);
		spin_unlock_bh(&nf_conntrack_expect_lock);
	}
	if (!err && ctx->n_exp < ARRAY_SIZE(ctx->exp))
		ctx->exp[ctx->n_exp++] = exp;	/* the core puts it */
	else
		nf_ct_expect_put(exp);
	if (!err && !ctx->retrans) {
		nfalg_count(nf_ct_net(ct), NFALG_A_CNT_PINHOLES);
		nfalg_event_pinhole(ctx, ph, NULL);
	}
	return err;
}
EXPORT_SYMBOL_GPL(nfalg_pinhole_open);

/**
 * nfalg_pinhole_retime - give pinholes of the conversation a new lifetime
 * @ctx: packet context (of any packet of the conversation)
 * @dir: direction of the packets that announced them
 *	(nfalg_pinhole_open()'s ctx->dir then)
 * @l4proto: protocol of their child flow
 * @nat_port: the port the peer was to use (nfalg_pinhole.nat_port)
 * @timeout: seconds from now they stay open; 0 closes them
 *
 * Acts on the pinholes of the conversation still open toward @nat_port
 * at the address the peer knows the announcing side by: one waiting for
 * its child flow, or kept open for every new one (nfalg_pinhole.keep).
 * A child flow that has begun already is not touched.
 *
 * Return: how many were retimed or closed.
 */
int nfalg_pinhole_retime(struct nfalg_ctx *ctx, enum ip_conntrack_dir dir,
			 u8 l4proto, u16 nat_port, unsigned int timeout)
{
	const union nf_inet_addr *addr =
		&ctx->ct->tuplehash[!dir].tuple.dst.u3;
	struct nf_conn_help *help = nfct_help(ctx->ct);
	struct nf_conntrack_expect *exp;
	struct hlist_node *next;
	int n = 0;

	if (!help)
		return 0;
	spin_lock_bh(&nf_conntrack_expect_lock);
	hlist_for_each_entry_safe(exp, next, &help->expectations, lnode) {
		if (exp->tuple.dst.protonum != l4proto ||
		    exp->tuple.dst.u.all != htons(nat_port) ||
		    !nf_inet_addr_cmp(&exp->tuple.dst.u3, addr))
			continue;
		/* linked: not taken by a child flow, not expired */
		n += nfalg_exp_retime(exp, timeout);
	}
	spin_unlock_bh(&nf_conntrack_expect_lock);
	return n;
}
EXPORT_SYMBOL_GPL(nfalg_pinhole_retime);

/**
 * nfalg_pinhole_close - close pinholes of the conversation again
 * @ctx: packet context (of any packet of the conversation)
 * @dir: direction of the packets that announced them
 * @l4proto: protocol of their child flow
 * @nat_port: the port the peer was to use (nfalg_pinhole.nat_port)
 *
 * nfalg_pinhole_retime() with no time left: for a session that ended,
 * media moved elsewhere.
 *
 * Return: how many were closed.
 */
int nfalg_pinhole_close(struct nfalg_ctx *ctx, enum ip_conntrack_dir dir,
			u8 l4proto, u16 nat_port)
{
	return nfalg_pinhole_retime(ctx, dir, l4proto, nat_port, 0);
}
EXPORT_SYMBOL_GPL(nfalg_pinhole_close);

/**
 * nfalg_pinhole_needs_rewrite - does the payload have to change?
 * @ctx: packet context
 * @ph: an opened pinhole
 *
 * Return: true if the peer must be told another address or port than the
 * one announced (the sender is behind NAT).
 */
bool nfalg_pinhole_needs_rewrite(const struct nfalg_ctx *ctx,
				 const struct nfalg_pinhole *ph)
{
	return ph->port != ph->nat_port ||
	       !nf_inet_addr_cmp(&ph->addr, &ph->nat_addr);
}
EXPORT_SYMBOL_GPL(nfalg_pinhole_needs_rewrite);

/* GET_PINHOLES dump: state of one walk over the netns' expectations */
struct nfalg_ph_walk {
	struct sk_buff *skb;
	struct netlink_callback *cb;
	long skip;		/* pinholes sent by earlier messages */
	long idx;
	bool full;
};

static int nfalg_ph_fill(struct sk_buff *skb, struct netlink_callback *cb,
			 const struct nf_conntrack_expect *exp,
			 const struct nfalg_alg *alg)
{
	const struct nf_conntrack_tuple *t = &exp->tuple;
	unsigned int alen = t->src.l3num == NFPROTO_IPV4 ? 4 : 16;
	s32 left = (s32)(READ_ONCE(exp->timeout) - nfct_time_stamp);
	struct nlattr *nest;
	void *hdr;

	hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			  &nfalg_genl_family, NLM_F_MULTI,
			  NFALG_CMD_GET_PINHOLES);
	if (!hdr)
		return -EMSGSIZE;
	nest = nla_nest_start(skb, NFALG_A_PINHOLE);
	if (!nest ||
	    nla_put_string(skb, NFALG_A_PH_ALG, alg->name) ||
	    nla_put_u8(skb, NFALG_A_PH_FAMILY,
		       t->src.l3num == NFPROTO_IPV4 ? AF_INET : AF_INET6) ||
	    nla_put_u8(skb, NFALG_A_PH_PROTO, t->dst.protonum) ||
	    nla_put(skb, NFALG_A_PH_SRC, alen, &t->src.u3) ||
	    nla_put(skb, NFALG_A_PH_DST, alen, &t->dst.u3) ||
	    nla_put_u16(skb, NFALG_A_PH_DPORT, ntohs(t->dst.u.all)) ||
	    nla_put_u32(skb, NFALG_A_PH_TIMEOUT,
			left > 0 ? left / HZ : 0)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	genlmsg_end(skb, hdr);
	return 0;
}

/* Called under the expectation lock for every expectation of the netns */
static bool nfalg_ph_walk_one(struct nf_conntrack_expect *exp, void *data)
{
	struct nfalg_ph_walk *w = data;
	const struct nf_conntrack_helper *h;
	const struct nf_conn_help *help;

	if (w->full)
		return false;
	rcu_read_lock();
	help = nfct_help(exp->master);
	h = help ? rcu_dereference(help->helper) : NULL;
	if (h && h->help == nfalg_helper_help && w->idx++ >= w->skip) {
		if (nfalg_ph_fill(w->skb, w->cb, exp, nfalg_helper_alg(h)))
			w->full = true;
		else
			w->cb->args[0]++;
	}
	rcu_read_unlock();
	return false;	/* never remove anything */
}

/*
 * GET_PINHOLES dumpit: the expectations of nfalg helpers in the caller's
 * netns.  Each message restarts the walk and skips what was already sent;
 * expectations come and go meanwhile, so a dump is not a snapshot.
 */
int nfalg_pinholes_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct nfalg_ph_walk w = {
		.skb = skb,
		.cb = cb,
		.skip = cb->args[0],
	};

	nf_ct_expect_iterate_net(sock_net(skb->sk), nfalg_ph_walk_one, &w,
				 0, 0);
	return skb->len;
}
