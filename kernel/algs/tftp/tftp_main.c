// SPDX-License-Identifier: GPL-2.0
/*
 * nfalg TFTP ALG (nfalg_tftp.ko): conntrack helper "nfalg-tftp", UDP 69.
 *
 * A read or write request from the client opens one pinhole: the server's
 * reply from its new port (its transfer identifier) back to the client's
 * port, a child of the request's conversation.  Under NAT the child follows
 * the request's NAT; no payload is rewritten.  See Documentation/algs/tftp.md.
 */

#include <linux/module.h>
#include <net/netfilter/nf_conntrack.h>

#include <nfalg/alg.h>
#include <nfalg/version.h>

#include "tftp_parse.h"

static unsigned int pinhole_timeout = 300;
module_param(pinhole_timeout, uint, 0444);
MODULE_PARM_DESC(pinhole_timeout, "seconds the reply pinhole waits (default 300)");

static int tftp_datagram(struct nfalg_ctx *ctx, const u8 *buf,
			 unsigned int len)
{
	struct nfalg_tftp_req req;
	struct nfalg_pinhole ph;

	/* a request is never longer than NFALG_TFTP_MAX_REQ: no need to look */
	if (ctx->dir != IP_CT_DIR_ORIGINAL || len != ctx->datalen ||
	    nfalg_tftp_parse(buf, len, &req) <= 0 || !req.is_request)
		return NF_ACCEPT;

	memset(&ph, 0, sizeof(ph));
	ph.l4proto = IPPROTO_UDP;
	ph.addr = ctx->ct->tuplehash[ctx->dir].tuple.src.u3;
	ph.port = 0;	/* the client's own port */
	nfalg_pinhole_open(ctx, &ph);
	return NF_ACCEPT;
}

static struct nfalg_alg nfalg_tftp = {
	.name		= "tftp",
	.owner		= THIS_MODULE,
	.l4proto	= IPPROTO_UDP,
	.port		= 69,
	.max_pinholes	= 4,
	.datagram	= tftp_datagram,
};

static int __init nfalg_tftp_init(void)
{
	nfalg_tftp.pinhole_timeout = pinhole_timeout;
	return nfalg_alg_register(&nfalg_tftp);
}

static void __exit nfalg_tftp_exit(void)
{
	nfalg_alg_unregister(&nfalg_tftp);
}

module_init(nfalg_tftp_init);
module_exit(nfalg_tftp_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("nfalg developers");
MODULE_DESCRIPTION("nfalg TFTP ALG (conntrack helper nfalg-tftp)");
MODULE_VERSION(NFALG_VERSION);
