// SPDX-License-Identifier: GPL-2.0
/*
 * nfalg SNMP ALG (nfalg_snmp.ko): conntrack helper "nfalg-snmp", UDP.
 *
 * SNMP keeps no session of its own: the ALG judges every message of a
 * conversation by its PDU type.  The applications of the rule term that
 * admitted the conversation say which types its initiator may send
 * (snmp-command get, get-next, set, trap or get-response); the other end
 * may only answer (Response, Report).  Without a command (plain nft "ct helper", or an application
 * that names none) a conversation to port 162 carries notifications and
 * any other one reads.  Malformed messages and PDU types not allowed are
 * dropped, counted and logged.  Encrypted SNMPv3 PDUs pass: their type
 * cannot be read.  Under source NAT, the agent-addr of an SNMPv1 Trap
 * that names the sender's own address is translated with it.  See
 * Documentation/algs/snmp.md.
 */

#include <linux/module.h>
#include <net/netfilter/nf_conntrack.h>

#include <linux/nfalg.h>
#include <nfalg/alg.h>
#include <nfalg/version.h>

#include "snmp_parse.h"

#define SNMP_TRAP_PORT	162

/* v1 Trap from behind source NAT: its agent-addr names the sender */
static int snmp_agent_addr(struct nfalg_ctx *ctx, unsigned int off,
			   const u8 *buf)
{
	const struct nf_conn *ct = ctx->ct;
	__be32 orig = ct->tuplehash[IP_CT_DIR_ORIGINAL].tuple.src.u3.ip;
	__be32 nat = ct->tuplehash[IP_CT_DIR_REPLY].tuple.dst.u3.ip;

	if (nf_ct_l3num(ct) != NFPROTO_IPV4 || !(ct->status & IPS_SRC_NAT) ||
	    orig == nat || memcmp(buf + off, &orig, sizeof(orig)))
		return NF_ACCEPT;
	if (nfalg_rewrite(ctx, off, sizeof(nat), (const char *)&nat,
			  sizeof(nat))) {
		nfalg_alg_log_drop(ctx, "snmp-agent-addr-not-translated");
		return NF_DROP;
	}
	nfalg_alg_count(ctx->ct, NFALG_A_CNT_SNMP_AGENT_ADDR);
	return NF_ACCEPT;
}

static int snmp_datagram(struct nfalg_ctx *ctx, const u8 *buf,
			 unsigned int len)
{
	const struct nf_conntrack_tuple *t =
		&ctx->ct->tuplehash[IP_CT_DIR_ORIGINAL].tuple;
	bool reply = ctx->dir == IP_CT_DIR_REPLY;
	struct nfalg_snmp_msg m;
	bool notify;

	if (nfalg_snmp_parse(buf, len, ctx->datalen, &m)) {
		nfalg_alg_count(ctx->ct, NFALG_A_CNT_SNMP_MALFORMED);
		nfalg_alg_log_drop(ctx, "snmp-malformed");
		return NF_DROP;
	}
	notify = ntohs(t->dst.u.udp.port) == SNMP_TRAP_PORT;
	if (!nfalg_snmp_allowed(ctx->app_arg, notify, reply, m.pdu)) {
		nfalg_alg_count(ctx->ct, NFALG_A_CNT_SNMP_DENIED);
		nfalg_alg_log_drop(ctx, "snmp-pdu-type-not-allowed");
		return NF_DROP;
	}
	if (m.pdu == NFALG_SNMP_PDU_ENCRYPTED)
		nfalg_alg_count(ctx->ct, NFALG_A_CNT_SNMP_ENCRYPTED);
	if (m.agent_addr_off && !reply)
		return snmp_agent_addr(ctx, m.agent_addr_off, buf);
	return NF_ACCEPT;
}

static struct nfalg_alg nfalg_snmp = {
	.name		= "snmp",
	.owner		= THIS_MODULE,
	.l4proto	= IPPROTO_UDP,
	.port		= 161,
	.datagram	= snmp_datagram,
};

module_nfalg_alg(nfalg_snmp);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("nfalg developers");
MODULE_DESCRIPTION("nfalg SNMP ALG (conntrack helper nfalg-snmp)");
MODULE_VERSION(NFALG_VERSION);
