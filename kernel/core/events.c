// SPDX-License-Identifier: GPL-2.0
/*
 * nfalg core: events for `nfalg monitor`.
 *
 * Each event is one NFALG_CMD_EVENT message to the events multicast group
 * of the namespace it happened in (enum nfalg_event_type): conversations
 * starting and ending, pinholes opened and refused, packets dropped by a
 * sanity check, configuration changes.  The group needs CAP_NET_ADMIN in
 * the namespace's owning user namespace to join (netlink.c).
 *
 * Most events come from the packet path: nothing is built unless the
 * group has a listener, messages are allocated atomically, and a listener
 * that cannot keep up loses events (its socket reports ENOBUFS), never
 * slowing the packet down.
 */

#include <linux/ip.h>
#include <linux/ipv6.h>
#include <asm/unaligned.h>
#include <net/genetlink.h>
#include <net/netfilter/nf_conntrack_acct.h>

#include "nfalg_core.h"

/* netlink.c: index of the events group in nfalg_genl_family.mcgrps */
#define NFALG_EV_GROUP	0

static bool nfalg_ev_wanted(struct net *net)
{
	return genl_has_listeners(&nfalg_genl_family, net, NFALG_EV_GROUP);
}

static void nfalg_ev_send(struct net *net, const struct nfalg_event *ev)
{
	unsigned int alen = ev->family == AF_INET ? 4 : 16;
	struct sk_buff *skb;
	struct nlattr *nest;
	void *hdr;

	skb = genlmsg_new(NLMSG_GOODSIZE, GFP_ATOMIC);
	if (!skb)
		return;
	hdr = genlmsg_put(skb, 0, 0, &nfalg_genl_family, 0, NFALG_CMD_EVENT);
	if (!hdr)
		goto fail;
	nest = nla_nest_start(skb, NFALG_A_EVENT);
	if (!nest || nla_put_u8(skb, NFALG_A_EV_TYPE, ev->type))
		goto fail;
	if (ev->family &&
	    (nla_put_u8(skb, NFALG_A_EV_FAMILY, ev->family) ||
	     nla_put_u8(skb, NFALG_A_EV_PROTO, ev->proto) ||
	     nla_put(skb, NFALG_A_EV_SRC, alen, &ev->src) ||
	     nla_put(skb, NFALG_A_EV_DST, alen, &ev->dst)))
		goto fail;
	if (ev->ports &&
	    (nla_put_u16(skb, NFALG_A_EV_SPORT, ev->sport) ||
	     nla_put_u16(skb, NFALG_A_EV_DPORT, ev->dport)))
		goto fail;
	if ((ev->alg && nla_put_string(skb, NFALG_A_EV_ALG, ev->alg)) ||
	    (ev->app && nla_put_string(skb, NFALG_A_EV_APP, ev->app)) ||
	    (ev->reason && nla_put_string(skb, NFALG_A_EV_REASON, ev->reason)))
		goto fail;
	if (ev->type == NFALG_EV_PINHOLE_REFUSED &&
	    (nla_put(skb, NFALG_A_EV_ADDR, alen, &ev->addr) ||
	     nla_put_u16(skb, NFALG_A_EV_PORT, ev->port)))
		goto fail;
	if (ev->type == NFALG_EV_CONFIG &&
	    nla_put_u32(skb, NFALG_A_EV_GENERATION, ev->generation))
		goto fail;
	if (ev->has_acct &&
	    (nla_put_u64_64bit(skb, NFALG_A_EV_PACKETS, ev->packets,
			       NFALG_A_EV_PAD) ||
	     nla_put_u64_64bit(skb, NFALG_A_EV_BYTES, ev->bytes,
			       NFALG_A_EV_PAD)))
		goto fail;
	nla_nest_end(skb, nest);
	genlmsg_end(skb, hdr);
	genlmsg_multicast_netns(&nfalg_genl_family, net, skb, 0,
				NFALG_EV_GROUP, GFP_ATOMIC);
	return;
fail:
	nlmsg_free(skb);
}

/* Fill the addresses and ports of tuple @t */
static void nfalg_ev_tuple(struct nfalg_event *ev,
			   const struct nf_conntrack_tuple *t)
{
	ev->family = t->src.l3num == NFPROTO_IPV4 ? AF_INET : AF_INET6;
	ev->proto = t->dst.protonum;
	ev->src = t->src.u3;
	ev->dst = t->dst.u3;
	switch (ev->proto) {
	case IPPROTO_TCP:
	case IPPROTO_UDP:
		ev->ports = true;
		ev->sport = ntohs(t->src.u.all);
		ev->dport = ntohs(t->dst.u.all);
		break;
	}
}

/**
 * nfalg_event_conv - a conversation starts or ends
 * @ct: its entry
 * @conv: its nfalg data
 * @alg: its ALG
 * @type: %NFALG_EV_CONV_START or %NFALG_EV_CONV_END
 *
 * Caller holds rcu_read_lock().
 */
void nfalg_event_conv(struct nf_conn *ct, const struct nfalg_conv *conv,
		      const struct nfalg_alg *alg, u8 type)
{
	const struct nf_conn_acct *acct;
	struct nfalg_event ev = {
		.type = type,
		.alg = alg->name,
	};
	struct net *net = nf_ct_net(ct);

	if (!nfalg_ev_wanted(net))
		return;
	nfalg_ev_tuple(&ev, &ct->tuplehash[IP_CT_DIR_ORIGINAL].tuple);
	if (conv->flags & NFALG_CONV_F_CLASSIFIED)
		ev.app = nfalg_app_name_rcu(net, conv->app_id);
	acct = type == NFALG_EV_CONV_END ? nf_conn_acct_find(ct) : NULL;
	if (acct) {
		ev.has_acct = true;
		ev.packets = atomic64_read(&acct->counter[0].packets) +
			     atomic64_read(&acct->counter[1].packets);
		ev.bytes = atomic64_read(&acct->counter[0].bytes) +
			   atomic64_read(&acct->counter[1].bytes);
	}
	nfalg_ev_send(net, &ev);
}

/**
 * nfalg_event_pinhole - a pinhole opened or refused
 * @ctx: the packet that announced it
 * @ph: what it announced (and, once open, where it leads)
 * @why: refusal reason, NULL: opened
 */
void nfalg_event_pinhole(const struct nfalg_ctx *ctx,
			 const struct nfalg_pinhole *ph, const char *why)
{
	const struct nf_conn *ct = ctx->ct;
	struct net *net = nf_ct_net(ct);
	struct nfalg_event ev = {
		.alg = ctx->alg->name,
	};

	if (!nfalg_ev_wanted(net))
		return;
	ev.family = nf_ct_l3num(ct) == NFPROTO_IPV4 ? AF_INET : AF_INET6;
	ev.proto = ph->l4proto;
	if (why) {
		/* the announcing direction of the control connection */
		nfalg_ev_tuple(&ev, &ct->tuplehash[ctx->dir].tuple);
		ev.type = NFALG_EV_PINHOLE_REFUSED;
		ev.reason = why;
		ev.addr = ph->addr;
		ev.port = ph->port;
		ev.proto = ph->l4proto;
	} else {
		/* from the peer (any port) to what the peer was told */
		ev.type = NFALG_EV_PINHOLE_OPEN;
		ev.src = ct->tuplehash[!ctx->dir].tuple.src.u3;
		ev.dst = ph->nat_addr;
		ev.ports = true;
		ev.dport = ph->nat_port;
	}
	nfalg_ev_send(net, &ev);
}

/**
 * nfalg_event_anomaly - a sanity check dropped a packet
 * @net: its namespace
 * @what: the anomaly's name
 * @skb: the packet, network header set
 * @pf: NFPROTO_IPV4 or NFPROTO_IPV6
 * @hdr: the first @n bytes of its transport header
 * @n: how many there are
 * @proto: IPPROTO_TCP or IPPROTO_UDP
 */
void nfalg_event_anomaly(struct net *net, const char *what,
			 const struct sk_buff *skb, u8 pf, const u8 *hdr,
			 unsigned int n, u8 proto)
{
	struct nfalg_event ev = {
		.type = NFALG_EV_ANOMALY,
		.reason = what,
		.proto = proto,
	};

	if (!nfalg_ev_wanted(net))
		return;
	if (pf == NFPROTO_IPV4) {
		ev.family = AF_INET;
		ev.src.ip = ip_hdr(skb)->saddr;
		ev.dst.ip = ip_hdr(skb)->daddr;
	} else {
		ev.family = AF_INET6;
		ev.src.in6 = ipv6_hdr(skb)->saddr;
		ev.dst.in6 = ipv6_hdr(skb)->daddr;
	}
	if (n >= 4) {
		ev.ports = true;
		ev.sport = get_unaligned_be16(hdr);
		ev.dport = get_unaligned_be16(hdr + 2);
	}
	nfalg_ev_send(net, &ev);
}

/**
 * nfalg_event_config - the namespace's generation changed
 * @net: the namespace
 * @generation: the new one
 *
 * Process context.
 */
void nfalg_event_config(struct net *net, u32 generation)
{
	struct nfalg_event ev = {
		.type = NFALG_EV_CONFIG,
		.generation = generation,
	};

	if (nfalg_ev_wanted(net))
		nfalg_ev_send(net, &ev);
}
