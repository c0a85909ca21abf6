// SPDX-License-Identifier: GPL-2.0
/*
 * nfalg basic UDP ALG (nfalg_udp.ko): conntrack helper "nfalg-udp".
 *
 * No payload parser and no pinholes: attaching the helper subjects the
 * conversation to the core's per-packet checks for
 * UDP flows: sanity checks on every datagram and the udp-timeout (or
 * the application's) as inactivity timeout of the bidirectional flow.
 * The core attaches it to conversations whose application has no
 * application protocol; nftables or the CT target can attach it too.
 * See Documentation/algs/udp.md and Documentation/datapath-sanity.md.
 */

#include <linux/module.h>

#include <nfalg/alg.h>
#include <nfalg/version.h>

static struct nfalg_alg nfalg_udp = {
	.name		= "udp",
	.owner		= THIS_MODULE,
	.l4proto	= IPPROTO_UDP,
	.flags		= NFALG_ALG_F_BASIC,
};

module_nfalg_alg(nfalg_udp);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("nfalg developers");
MODULE_DESCRIPTION("nfalg basic UDP ALG (conntrack helper nfalg-udp)");
MODULE_VERSION(NFALG_VERSION);
