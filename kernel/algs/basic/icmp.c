// SPDX-License-Identifier: GPL-2.0
/*
 * nfalg basic ICMP ALG (nfalg_icmp.ko): conntrack helper "nfalg-icmp".
 *
 * No payload parser and no pinholes: attaching the helper subjects the
 * conversation to the core's per-packet checks for
 * ping flows (ICMP for IPv4, ICMPv6 for IPv6): an echo reply passes
 * only for an outstanding request with its sequence number, at most 20
 * requests may be outstanding.
 * The core attaches it to conversations whose application has no
 * application protocol; nftables or the CT target can attach it too.
 * See Documentation/algs/icmp.md and Documentation/datapath-sanity.md.
 */

#include <linux/module.h>

#include <nfalg/alg.h>
#include <nfalg/version.h>

static struct nfalg_alg nfalg_icmp = {
	.name		= "icmp",
	.owner		= THIS_MODULE,
	.l4proto	= IPPROTO_ICMP,
	.flags		= NFALG_ALG_F_BASIC,
};

module_nfalg_alg(nfalg_icmp);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("nfalg developers");
MODULE_DESCRIPTION("nfalg basic ICMP ALG (conntrack helper nfalg-icmp)");
MODULE_VERSION(NFALG_VERSION);
