// SPDX-License-Identifier: GPL-2.0
/*
 * nfalg basic TCP ALG (nfalg_tcp.ko): conntrack helper "nfalg-tcp".
 *
 * No payload parser and no pinholes: attaching the helper subjects the
 * conversation to the core's per-packet checks for
 * TCP conversations: sanity checks on every segment, SYN defense
 * (the handshake must complete within the namespace's syn-timeout) and the
 * tcp-timeout (or the application's) as inactivity timeout once
 * established.
 * The core attaches it to conversations whose application has no
 * application protocol; nftables or the CT target can attach it too.
 * See Documentation/algs/tcp.md and Documentation/datapath-sanity.md.
 */

#include <linux/module.h>

#include <nfalg/alg.h>
#include <nfalg/version.h>

static struct nfalg_alg nfalg_tcp = {
	.name		= "tcp",
	.owner		= THIS_MODULE,
	.l4proto	= IPPROTO_TCP,
	.flags		= NFALG_ALG_F_BASIC,
};

module_nfalg_alg(nfalg_tcp);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("nfalg developers");
MODULE_DESCRIPTION("nfalg basic TCP ALG (conntrack helper nfalg-tcp)");
MODULE_VERSION(NFALG_VERSION);
