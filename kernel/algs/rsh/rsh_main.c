// SPDX-License-Identifier: GPL-2.0
/*
 * nfalg remote-shell ALGs (nfalg_rsh.ko): conntrack helpers "nfalg-rsh"
 * (TCP 514), "nfalg-rexec" (TCP 512) and "nfalg-rlogin" (TCP 513).
 *
 * rsh and rexec clients start their stream with the port of a secondary
 * connection that the server opens back to them for standard error.  The
 * ALG reads that first NUL-terminated field only, opens a pinhole from the
 * server to the client on that port (a child of the control conversation)
 * and, under NAT, rewrites the port to the one the router forwards.  rsh
 * uses a reserved port for it (rresvport(): 512..1023), the only ports the
 * pinhole policy allows for rsh.  rlogin needs no pinhole: its helper only gives the
 * conversation the core's TCP checks.  See Documentation/algs/rsh.md.
 */

#include <linux/module.h>
#include <net/netfilter/nf_conntrack.h>

#include <nfalg/alg.h>
#include <nfalg/version.h>

#include "rsh_parse.h"

static unsigned int pinhole_timeout = 60;
module_param(pinhole_timeout, uint, 0444);
MODULE_PARM_DESC(pinhole_timeout, "seconds the secondary-connection pinhole waits (default 60)");

static int rsh_line(struct nfalg_ctx *ctx, unsigned int off, const char *buf,
		    unsigned int len)
{
	const struct nf_conn *ct = ctx->ct;
	char text[NFALG_RSH_PORT_MAX];
	struct nfalg_pinhole ph;
	u16 port;
	int n;

	/* the port is the client's first field; nothing after it matters */
	ctx->done = true;
	if (ctx->dir != IP_CT_DIR_ORIGINAL)
		return NF_ACCEPT;
	if (nfalg_rsh_parse_port(buf, len, &port) < 0 || !port)
		return NF_ACCEPT;

	memset(&ph, 0, sizeof(ph));
	ph.l4proto = IPPROTO_TCP;
	ph.port = port;
	ph.addr = ct->tuplehash[IP_CT_DIR_ORIGINAL].tuple.src.u3;
	/* a refused pinhole leaves the field as it is: stderr is lost */
	if (nfalg_pinhole_open(ctx, &ph) || ph.nat_port == ph.port)
		return NF_ACCEPT;

	n = nfalg_rsh_format_port(text, sizeof(text), ph.nat_port);
	/* the field's NUL stays where it is */
	if (n < 0 || nfalg_rewrite(ctx, off, len - 1, text, n))
		return NF_DROP;
	return NF_ACCEPT;
}

static struct nfalg_alg nfalg_rsh_algs[] = {
	{
		.name		= "rsh",
		.owner		= THIS_MODULE,
		.l4proto	= IPPROTO_TCP,
		.port		= 514,
		/* rresvport(): the client listens on 512-1023 */
		.flags		= NFALG_ALG_F_NUL_EOL | NFALG_ALG_F_PRIV_PORTS,
		.max_pinholes	= 1,
		.line		= rsh_line,
	},
	{
		.name		= "rexec",
		.owner		= THIS_MODULE,
		.l4proto	= IPPROTO_TCP,
		.port		= 512,
		.flags		= NFALG_ALG_F_NUL_EOL,
		.max_pinholes	= 1,
		.line		= rsh_line,
	},
	{
		.name		= "rlogin",
		.owner		= THIS_MODULE,
		.l4proto	= IPPROTO_TCP,
		.port		= 513,
		.flags		= NFALG_ALG_F_BASIC,
	},
};

static int __init nfalg_rsh_init(void)
{
	int i, err;

	for (i = 0; i < ARRAY_SIZE(nfalg_rsh_algs); i++) {
		if (!(nfalg_rsh_algs[i].flags & NFALG_ALG_F_BASIC))
			nfalg_rsh_algs[i].pinhole_timeout = pinhole_timeout;
		err = nfalg_alg_register(&nfalg_rsh_algs[i]);
		if (err)
			goto fail;
	}
	return 0;

fail:
	while (i--)
		nfalg_alg_unregister(&nfalg_rsh_algs[i]);
	return err;
}

static void __exit nfalg_rsh_exit(void)
{
	int i = ARRAY_SIZE(nfalg_rsh_algs);

	while (i--)
		nfalg_alg_unregister(&nfalg_rsh_algs[i]);
}

module_init(nfalg_rsh_init);
module_exit(nfalg_rsh_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("nfalg developers");
MODULE_DESCRIPTION("nfalg remote-shell ALGs (conntrack helpers nfalg-rsh, nfalg-rexec, nfalg-rlogin)");
MODULE_VERSION(NFALG_VERSION);
