// SPDX-License-Identifier: GPL-2.0
/*
 * nfalg CLI: "set" command, change per-netns parameters.
 */

#include <errno.h>
#include <string.h>

#include "nfalg.h"

int cmd_set(int argc, char **argv, const struct opts *o)
{
	uint32_t val[NFALG_A_PARAM_MAX + 1];
	bool given[NFALG_A_PARAM_MAX + 1] = {};
	uint32_t offs[NFALG_A_PARAM_MAX + 1] = {};
	const struct param_desc *pd;
	const char *what = NULL;
	struct nlmsghdr *nlh;
	struct nlattr *nest;
	struct nl_err err;
	struct nl_ctx nl;
	int i, ret;

	(void)o;
	if (argc < 2)
		return usage_error("set needs at least one PARAM VALUE pair");

	for (i = 1; i < argc; i += 2) {
		pd = param_by_name(argv[i]);
		if (!pd)
			return usage_error("unknown parameter '%s'", argv[i]);
		if (i + 1 >= argc)
			return usage_error("missing value for %s", pd->name);
		if (given[pd->attr])
			return usage_error("%s given twice", pd->name);
		if (parse_u32(argv[i + 1], &val[pd->attr]))
			return usage_error("invalid value '%s' for %s",
					   argv[i + 1], pd->name);
		given[pd->attr] = true;
	}

	ret = nfalg_connect(&nl, false);
	if (ret)
		return NFALG_EXIT_ERROR;

	nlh = nl_req(&nl, NFALG_CMD_SET_PARAMS, 0);
	nest = mnl_attr_nest_start(nlh, NFALG_A_PARAMS);
	for (i = 1; i <= NFALG_A_PARAM_MAX; i++) {
		if (!given[i])
			continue;
		/* remember where it goes, to name it in kernel errors */
		offs[i] = (char *)mnl_nlmsg_get_payload_tail(nlh) - (char *)nlh;
		mnl_attr_put_u32(nlh, i, val[i]);
	}
	mnl_attr_nest_end(nlh, nest);

	ret = nl_transact(&nl, nlh, NULL, NULL, &err);
	nl_close(&nl);
	if (!ret)
		return NFALG_EXIT_OK;

	for (i = 1; err.has_offs && i <= NFALG_A_PARAM_MAX; i++) {
		if (given[i] && offs[i] == err.offs) {
			pd = param_by_attr(i);
			what = pd ? pd->name : NULL;
		}
	}
	nl_perror(&err, what);
	return NFALG_EXIT_ERROR;
}
