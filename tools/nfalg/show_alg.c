// SPDX-License-Identifier: GPL-2.0
/*
 * nfalg CLI: "show pinholes" and "show counters".
 */

#include <arpa/inet.h>
#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/genetlink.h>

#include "json.h"
#include "nfalg.h"

static const char *proto_name(uint8_t p)
{
	return p == 6 ? "tcp" : p == 17 ? "udp" : "other";
}

static int ph_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[NFALG_A_PH_MAX + 1] = {};
	const struct nlattr *attr, *nest = NULL;
	struct listing *l = data;
	char src[INET6_ADDRSTRLEN], dst[INET6_ADDRSTRLEN];
	int af;

	mnl_attr_for_each(attr, nlh, sizeof(struct genlmsghdr))
		if (mnl_attr_get_type(attr) == NFALG_A_PINHOLE)
			nest = attr;
	if (!nest || parse_nest(nest, tb, NFALG_A_PH_MAX))
		return MNL_CB_OK;
	if (!tb[NFALG_A_PH_ALG] || !tb[NFALG_A_PH_FAMILY] ||
	    !tb[NFALG_A_PH_PROTO] || !tb[NFALG_A_PH_SRC] ||
	    !tb[NFALG_A_PH_DST] || !tb[NFALG_A_PH_DPORT] ||
	    !tb[NFALG_A_PH_TIMEOUT] ||
	    mnl_attr_validate(tb[NFALG_A_PH_ALG], MNL_TYPE_NUL_STRING) < 0)
		return MNL_CB_OK;
	af = mnl_attr_get_u8(tb[NFALG_A_PH_FAMILY]);
	if ((af != AF_INET && af != AF_INET6) ||
	    mnl_attr_get_payload_len(tb[NFALG_A_PH_SRC]) !=
	    (af == AF_INET ? 4 : 16) ||
	    mnl_attr_get_payload_len(tb[NFALG_A_PH_DST]) !=
	    mnl_attr_get_payload_len(tb[NFALG_A_PH_SRC]))
		return MNL_CB_OK;
	inet_ntop(af, mnl_attr_get_payload(tb[NFALG_A_PH_SRC]), src,
		  sizeof(src));
	inet_ntop(af, mnl_attr_get_payload(tb[NFALG_A_PH_DST]), dst,
		  sizeof(dst));

	if (l->j) {
		json_obj_open(l->j, NULL);
		json_str(l->j, "alg", mnl_attr_get_str(tb[NFALG_A_PH_ALG]));
		json_str(l->j, "proto",
			 proto_name(mnl_attr_get_u8(tb[NFALG_A_PH_PROTO])));
		json_str(l->j, "src", src);
		json_str(l->j, "dst", dst);
		json_uint(l->j, "dport", mnl_attr_get_u16(tb[NFALG_A_PH_DPORT]));
		json_uint(l->j, "timeout",
			  mnl_attr_get_u32(tb[NFALG_A_PH_TIMEOUT]));
		json_obj_close(l->j);
	} else {
		printf("%-6s %-4s %s -> %s%s%s port %u, expires in %u s\n",
		       mnl_attr_get_str(tb[NFALG_A_PH_ALG]),
		       proto_name(mnl_attr_get_u8(tb[NFALG_A_PH_PROTO])), src,
		       af == AF_INET6 ? "[" : "", dst,
		       af == AF_INET6 ? "]" : "",
		       mnl_attr_get_u16(tb[NFALG_A_PH_DPORT]),
		       mnl_attr_get_u32(tb[NFALG_A_PH_TIMEOUT]));
	}
	l->n++;
	return MNL_CB_OK;
}

/**
 * show_listing - dump one kind of object and print it
 * @o: output options
 * @cmd: the dump command
 * @cb: prints one message's objects (data: struct listing)
 * @what: names the listing in an error message
 * @none: printed in text mode when the dump is empty
 */
int show_listing(const struct opts *o, uint8_t cmd, mnl_cb_t cb,
		 const char *what, const char *none)
{
	struct listing l = {};
	struct nlmsghdr *nlh;
	struct nl_ctx nl;
	struct nl_err err;
	struct json j;
	int ret;

	if (nfalg_connect(&nl, false))
		return NFALG_EXIT_ERROR;
	if (o->json) {
		json_init(&j, stdout);
		json_arr_open(&j, NULL);
		l.j = &j;
	}
	nlh = nl_req(&nl, cmd, NLM_F_DUMP);
	ret = nl_transact(&nl, nlh, cb, &l, &err);
	nl_close(&nl);
	if (o->json) {
		json_arr_close(&j);
		json_finish(&j);
	}
	if (ret) {
		nl_perror(&err, what);
		return NFALG_EXIT_ERROR;
	}
	if (!o->json && !l.n)
		printf("%s\n", none);
	return NFALG_EXIT_OK;
}

int show_pinholes(const struct opts *o)
{
	return show_listing(o, NFALG_CMD_GET_PINHOLES, ph_cb, "pinholes",
			    "(no pinholes)");
}
