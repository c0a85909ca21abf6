// SPDX-License-Identifier: GPL-2.0
/*
 * nfalg core: SYN defense.
 *
 * A TCP conversation carrying an nfalg helper must complete its three-way
 * handshake within the namespace's syn-timeout (default 4 s).  While it has
 * not (conntrack state SYN_SENT, SYN_RECV or simultaneous open), every
 * packet sets the conntrack timeout to the time left until that deadline,
 * so the entry expires at the deadline even when no further packet
 * arrives; a packet arriving after the deadline is dropped and the entry
 * removed at once.  Removals are counted (NFALG_A_CNT_SYN_DEFENSE) when the
 * entry goes away.
 *
 * The deadline counts from the first packet's last pass through the helper
 * before its entry is confirmed (nfalg_conv.born, set again on every such
 * pass), not from classification: something may hold that packet for a
 * while in between (an IPS reading it from NFQUEUE, a slow userspace
 * queue), and until confirmation the entry is in no table, so its timeout
 * is relative and starts running only when it is confirmed.  An entry that
 * is not confirmed is never removed here (conntrack cannot delete what it
 * has not inserted; the packet owns it): at worst its packet is dropped.
 */

#include <net/netfilter/nf_conntrack.h>

#include "nfalg_core.h"

static bool nfalg_tcp_handshaking(const struct nf_conn *ct)
{
	switch (READ_ONCE(ct->proto.tcp.state)) {
	case TCP_CONNTRACK_SYN_SENT:
	case TCP_CONNTRACK_SYN_RECV:
	case TCP_CONNTRACK_SYN_SENT2:
		return true;
	default:
		return false;
	}
}

/* Jiffies left until the handshake deadline; <= 0: passed */
static s32 nfalg_syndef_left(const struct nfalg_conv *conv, u32 syn_timeout)
{
	return (s32)(conv->born + syn_timeout * HZ - (u32)jiffies);
}

/**
 * nfalg_syndef_packet - SYN defense for one packet of a TCP conversation
 * @skb: the packet
 * @ct: its conversation (conntrack has already handled @skb)
 * @conv: the conversation's nfalg data
 * @syn_timeout: the namespace's syn-timeout in seconds
 *
 * Return: NF_ACCEPT, or NF_DROP when the handshake is late (the
 * conversation is removed).
 */
int nfalg_syndef_packet(struct sk_buff *skb, struct nf_conn *ct,
			struct nfalg_conv *conv, u32 syn_timeout)
{
	s32 left;

	if (!nfalg_tcp_handshaking(ct))
		return NF_ACCEPT;
	if (!nf_ct_is_confirmed(ct)) {
		/* relative until confirmed: the deadline starts then */
		conv->born = (u32)jiffies ? : 1;
		nf_ct_refresh(ct, skb, syn_timeout * HZ);
		return NF_ACCEPT;
	}
	left = nfalg_syndef_left(conv, syn_timeout);
	if (left <= 0) {
		nf_ct_kill(ct);
		return NF_DROP;
	}
	nf_ct_refresh(ct, skb, left);
	return NF_ACCEPT;
}

/**
 * nfalg_syndef_removed - whether a conversation going away is one SYN
 *	defense removed (its handshake did not complete in time)
 * @ct: the conversation being destroyed
 * @conv: its nfalg data
 * @syn_timeout: the namespace's syn-timeout in seconds
 */
bool nfalg_syndef_removed(const struct nf_conn *ct,
			  const struct nfalg_conv *conv, u32 syn_timeout)
{
	return nf_ct_protonum(ct) == IPPROTO_TCP && conv->born &&
	       nfalg_tcp_handshaking(ct) &&
	       nfalg_syndef_left(conv, syn_timeout) <= 0;
}
