// SPDX-License-Identifier: GPL-2.0
/*
 * nfalg FTP ALG (nfalg_ftp.ko): conntrack helper "nfalg-ftp", TCP port 21.
 *
 * Client lines PORT and EPRT and server replies 227 (PASV) and 229 (EPSV)
 * open a pinhole for the data connection, which becomes a child of the
 * control conversation.  Under NAT the announced address and port are
 * rewritten to those the peer must use.  See Documentation/algs/ftp.md.
 */

#include <linux/module.h>
#include <net/netfilter/nf_conntrack.h>

#include <nfalg/alg.h>
#include <nfalg/version.h>

#include "ftp_parse.h"

static unsigned int max_pinholes = 8;
module_param(max_pinholes, uint, 0444);
MODULE_PARM_DESC(max_pinholes, "open data pinholes per control connection (1-255, default 8)");

static unsigned int pinhole_timeout = 300;
module_param(pinhole_timeout, uint, 0444);
MODULE_PARM_DESC(pinhole_timeout, "seconds a data pinhole waits (default 300)");

static bool ftp_family_ok(const struct nf_conn *ct,
			  const struct nfalg_ftp_cmd *cmd)
{
	switch (cmd->type) {
	case NFALG_FTP_PORT:
	case NFALG_FTP_PASV227:
		return nf_ct_l3num(ct) == NFPROTO_IPV4;
	case NFALG_FTP_EPRT:
		return (cmd->family == NFALG_FTP_AF_INET) ==
		       (nf_ct_l3num(ct) == NFPROTO_IPV4);
	default:
		return true;
	}
}

static int ftp_line(struct nfalg_ctx *ctx, unsigned int off, const char *buf,
		    unsigned int len)
{
	const struct nf_conn *ct = ctx->ct;
	char text[NFALG_FTP_FMT_MAX];
	struct nfalg_ftp_cmd cmd;
	struct nfalg_pinhole ph;
	int n;

	n = nfalg_ftp_parse_line(buf, len, ctx->dir == IP_CT_DIR_ORIGINAL,
				 &cmd);
	if (n <= 0 || cmd.type == NFALG_FTP_NONE || !ftp_family_ok(ct, &cmd))
		return NF_ACCEPT;

	memset(&ph, 0, sizeof(ph));
	ph.l4proto = IPPROTO_TCP;
	ph.port = cmd.port;
	if (cmd.type == NFALG_FTP_EPSV229)
		ph.addr = ct->tuplehash[ctx->dir].tuple.src.u3;
	else if (nf_ct_l3num(ct) == NFPROTO_IPV4)
		memcpy(&ph.addr.ip, cmd.addr, 4);
	else
		memcpy(&ph.addr.in6, cmd.addr, 16);

	/* a refused pinhole leaves the line as it is: the transfer fails */
	if (nfalg_pinhole_open(ctx, &ph))
		return NF_ACCEPT;

	if (cmd.type == NFALG_FTP_EPSV229 ? ph.nat_port == ph.port :
	    !nfalg_pinhole_needs_rewrite(ctx, &ph))
		return NF_ACCEPT;

	n = nfalg_ftp_format(text, sizeof(text), cmd.type,
			     nf_ct_l3num(ct) == NFPROTO_IPV4 ?
			     NFALG_FTP_AF_INET : NFALG_FTP_AF_INET6,
			     (const u8 *)&ph.nat_addr, ph.nat_port, cmd.delim);
	if (n < 0 || nfalg_rewrite(ctx, off + cmd.off, cmd.len, text, n))
		return NF_DROP;
	return NF_ACCEPT;
}

static bool ftp_is_command(const struct nfalg_ctx *ctx, const char *buf,
			   unsigned int len)
{
	struct nfalg_ftp_cmd cmd;
	int n;

	n = nfalg_ftp_parse_line(buf, len, ctx->dir == IP_CT_DIR_ORIGINAL,
				 &cmd);
	return n != 0 && n != -EMSGSIZE && cmd.type != NFALG_FTP_NONE;
}

static bool ftp_partial(const struct nfalg_ctx *ctx, const char *buf,
			unsigned int len)
{
	return nfalg_ftp_partial(buf, len, ctx->dir == IP_CT_DIR_ORIGINAL);
}

static struct nfalg_alg nfalg_ftp = {
	.name		= "ftp",
	.owner		= THIS_MODULE,
	.l4proto	= IPPROTO_TCP,
	.port		= 21,
	.line		= ftp_line,
	.is_command	= ftp_is_command,
	.partial	= ftp_partial,
};

static int __init nfalg_ftp_init(void)
{
	nfalg_ftp.max_pinholes = max_pinholes;
	nfalg_ftp.pinhole_timeout = pinhole_timeout;
	return nfalg_alg_register(&nfalg_ftp);
}

static void __exit nfalg_ftp_exit(void)
{
	nfalg_alg_unregister(&nfalg_ftp);
}

module_init(nfalg_ftp_init);
module_exit(nfalg_ftp_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("nfalg developers");
MODULE_DESCRIPTION("nfalg FTP ALG (conntrack helper nfalg-ftp)");
MODULE_VERSION(NFALG_VERSION);
