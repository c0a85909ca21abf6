// SPDX-License-Identifier: GPL-2.0
/*
 * nfalg CLI: "status" and "version" commands.
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <linux/genetlink.h>

#include <nfalg/version.h>

#include "json.h"
#include "nfalg.h"

struct nl_ctx *cli_session;

int nfalg_connect(struct nl_ctx *nl, bool quiet_absent)
{
	struct nl_err err;
	int ret;

	if (cli_session) {
		/* one socket for a whole transaction */
		*nl = *cli_session;
		nl->shared = true;
		cli_session->seq += 1024;
		return 0;
	}
	ret = nl_open(nl);
	if (ret) {
		fprintf(stderr, "nfalg: netlink socket: %s\n", strerror(-ret));
		return NFALG_EXIT_ERROR;
	}

	ret = nl_resolve(nl, NFALG_GENL_NAME, &err);
	if (ret == -ENOENT) {
		if (!quiet_absent)
			fprintf(stderr, "nfalg: kernel module not loaded\n");
		nl_close(nl);
		return -ENOENT;
	}
	if (ret) {
		nl_perror(&err, "generic netlink family lookup");
		nl_close(nl);
		return NFALG_EXIT_ERROR;
	}
	return 0;
}

/* --- reply parsing --- */

/* Keep attributes of known types (up to @max) that pass a type check */
struct attr_tab {
	const struct nlattr **tb;
	int max;
	const enum mnl_attr_data_type *types;
};

static int attr_tab_cb(const struct nlattr *attr, void *data)
{
	const struct attr_tab *t = data;
	int type = mnl_attr_get_type(attr);

	/* newer kernels may send more: ignore what we do not know */
	if (type <= 0 || type > t->max)
		return MNL_CB_OK;
	if (mnl_attr_validate(attr, t->types[type]) < 0)
		return MNL_CB_OK;
	t->tb[type] = attr;
	return MNL_CB_OK;
}

static const enum mnl_attr_data_type status_types[NFALG_A_MAX + 1] = {
	[NFALG_A_VERSION]	= MNL_TYPE_NUL_STRING,
	[NFALG_A_GENERATION]	= MNL_TYPE_U32,
	[NFALG_A_PARAMS]	= MNL_TYPE_NESTED,
	[NFALG_A_ALGS]		= MNL_TYPE_NESTED,
	[NFALG_A_COUNTERS]	= MNL_TYPE_NESTED,
};

/* ALG counters: JSON key, text label */
static const char *const counter_names[NFALG_A_CNT_MAX + 1] = {
	[NFALG_A_CNT_PINHOLES]		= "pinholes",
	[NFALG_A_CNT_THIRD_PARTY]	= "third_party",
	[NFALG_A_CNT_PRIV_PORT]		= "privileged_port",
	[NFALG_A_CNT_CAP]		= "pinhole_cap",
	[NFALG_A_CNT_MIDLINE]		= "midline",
	[NFALG_A_CNT_REWRITES]		= "rewrites",
	[NFALG_A_CNT_REWRITE_FAIL]	= "rewrite_failures",
	[NFALG_A_CNT_NO_MATCH]		= "no_match_discards",
	[NFALG_A_CNT_NO_ALG]		= "alg_not_loaded",
	[NFALG_A_CNT_TRACEROUTE_TTL]	= "traceroute_ttl_drops",
	[NFALG_A_CNT_IP_REPLY]		= "ip_reply_drops",
	[NFALG_A_CNT_IP_NAPT]		= "ip_napt_drops",
	[NFALG_A_CNT_TCP_PORT_ZERO]	= "tcp_port_zero",
	[NFALG_A_CNT_TCP_HDR_LEN]	= "tcp_header_length",
	[NFALG_A_CNT_TCP_SEQ0_NO_FLAGS]	= "tcp_seq_zero_no_flags",
	[NFALG_A_CNT_TCP_SEQ0_FIN_PSH_RST] = "tcp_seq_zero_fin_psh_rst",
	[NFALG_A_CNT_TCP_BAD_FLAGS]	= "tcp_bad_flags",
	[NFALG_A_CNT_UDP_PORT_ZERO]	= "udp_port_zero",
	[NFALG_A_CNT_UDP_LEN]		= "udp_length",
	[NFALG_A_CNT_SYN_DEFENSE]	= "syn_defense",
	[NFALG_A_CNT_ICMP_ERR_NO_FLOW]	= "icmp_error_no_flow",
	[NFALG_A_CNT_PING_UNSOLICITED]	= "ping_unsolicited_reply",
	[NFALG_A_CNT_PING_EXCESS]	= "ping_excess_request",
	[NFALG_A_CNT_KEEPALIVE_PROBES]	= "keepalive_probes",
	[NFALG_A_CNT_KEEPALIVE_ENDED]	= "keepalive_ended",
	[NFALG_A_CNT_KEEPALIVE_SCANS]	= "keepalive_scans",
	[NFALG_A_CNT_KEEPALIVE_SCAN_US]	= "keepalive_scan_us",
	[NFALG_A_CNT_SNMP_DENIED]	= "snmp_denied",
	[NFALG_A_CNT_SNMP_MALFORMED]	= "snmp_malformed",
	[NFALG_A_CNT_SNMP_ENCRYPTED]	= "snmp_encrypted",
	[NFALG_A_CNT_SNMP_AGENT_ADDR]	= "snmp_agent_addr_rewrites",
	[NFALG_A_CNT_DNS_CLOSED]	= "dns_closed",
	[NFALG_A_CNT_DNS_UNSOLICITED]	= "dns_unsolicited_answer",
	[NFALG_A_CNT_DNS_EXCESS]	= "dns_excess_query",
	[NFALG_A_CNT_DNS_MALFORMED]	= "dns_malformed",
	[NFALG_A_CNT_STREAM_RESYNC]	= "stream_resync",
	[NFALG_A_CNT_STREAM_HELD]	= "stream_held",
	[NFALG_A_CNT_STREAM_NOMEM]	= "stream_no_memory",
	[NFALG_A_CNT_STREAM_GIVE_UP]	= "stream_give_up",
	[NFALG_A_CNT_SIP_UNPARSED]	= "sip_unparsed",
	[NFALG_A_CNT_SIP_DIALOG_CAP]	= "sip_dialog_cap",
	[NFALG_A_CNT_SIP_MEDIA_CLOSED]	= "sip_media_closed",
	[NFALG_A_CNT_SIP_MEDIA_PORT]	= "sip_media_port",
	[NFALG_A_CNT_STREAM_NOT_PROTOCOL] = "stream_not_protocol",
	[NFALG_A_CNT_STREAM_NO_SYN] = "stream_no_syn",
	[NFALG_A_CNT_RPC_REFUSED] = "rpc_refused",
	[NFALG_A_CNT_RPC_PROGRAM] = "rpc_program",
	[NFALG_A_CNT_RPC_UNMATCHED] = "rpc_unmatched",
	[NFALG_A_CNT_DCERPC_UUID] = "dcerpc_uuid",
};

static void status_parse_counters(struct nfalg_status *st,
				  const struct nlattr *nest)
{
	const struct nlattr *a;
	int type;

	mnl_attr_for_each_nested(a, nest) {
		type = mnl_attr_get_type(a);
		if (type <= NFALG_A_CNT_PAD || type > NFALG_A_CNT_MAX ||
		    mnl_attr_validate(a, MNL_TYPE_U64) < 0)
			continue;
		st->counter[type] = mnl_attr_get_u64(a);
	}
	st->has_counters = true;
}

static const enum mnl_attr_data_type param_types[NFALG_A_PARAM_MAX + 1] = {
	[NFALG_A_PARAM_SYN_TIMEOUT]	= MNL_TYPE_U32,
	[NFALG_A_PARAM_UDP_TIMEOUT]	= MNL_TYPE_U32,
	[NFALG_A_PARAM_TCP_TIMEOUT]	= MNL_TYPE_U32,
	[NFALG_A_PARAM_KEEPALIVE_PROBES] = MNL_TYPE_U32,
	[NFALG_A_PARAM_KEEPALIVE_INTERVAL] = MNL_TYPE_U32,
};

static const enum mnl_attr_data_type alg_types[NFALG_A_ALG_MAX + 1] = {
	[NFALG_A_ALG_NAME]	= MNL_TYPE_NUL_STRING,
};

static int status_add_alg(struct nfalg_status *st, const struct nlattr *entry)
{
	const struct nlattr *tb[NFALG_A_ALG_MAX + 1] = {};
	struct attr_tab t = { tb, NFALG_A_ALG_MAX, alg_types };
	char **algs, *name;

	if (mnl_attr_parse_nested(entry, attr_tab_cb, &t) < 0 ||
	    !tb[NFALG_A_ALG_NAME])
		return 0;	/* nameless entry: nothing to show */

	name = strdup(mnl_attr_get_str(tb[NFALG_A_ALG_NAME]));
	algs = realloc(st->algs, (st->n_algs + 1) * sizeof(*algs));
	if (!name || !algs) {
		free(name);
		if (algs)
			st->algs = algs;
		return -ENOMEM;
	}
	st->algs = algs;
	st->algs[st->n_algs++] = name;
	return 0;
}

int status_parse(const struct nlmsghdr *nlh, struct nfalg_status *st)
{
	const struct genlmsghdr *genl = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *tb[NFALG_A_MAX + 1] = {};
	const struct nlattr *ptb[NFALG_A_PARAM_MAX + 1] = {};
	struct attr_tab t = { tb, NFALG_A_MAX, status_types };
	struct attr_tab pt = { ptb, NFALG_A_PARAM_MAX, param_types };
	const struct nlattr *entry;
	int type;

	if (nlh->nlmsg_len < mnl_nlmsg_size(sizeof(*genl)))
		return -EBADMSG;
	if (genl->cmd != NFALG_CMD_GET_STATUS &&
	    genl->cmd != NFALG_CMD_SET_PARAMS)
		return -EBADMSG;
	if (mnl_attr_parse(nlh, sizeof(*genl), attr_tab_cb, &t) < 0)
		return -EBADMSG;
	if (!tb[NFALG_A_VERSION] || !tb[NFALG_A_GENERATION] ||
	    !tb[NFALG_A_PARAMS])
		return -EBADMSG;

	snprintf(st->version, sizeof(st->version), "%s",
		 mnl_attr_get_str(tb[NFALG_A_VERSION]));
	st->generation = mnl_attr_get_u32(tb[NFALG_A_GENERATION]);

	if (mnl_attr_parse_nested(tb[NFALG_A_PARAMS], attr_tab_cb, &pt) < 0)
		return -EBADMSG;
	for (type = 1; type <= NFALG_A_PARAM_MAX; type++) {
		if (!ptb[type])
			continue;
		st->has_param[type] = true;
		st->param[type] = mnl_attr_get_u32(ptb[type]);
	}

	if (tb[NFALG_A_COUNTERS])
		status_parse_counters(st, tb[NFALG_A_COUNTERS]);

	if (tb[NFALG_A_ALGS]) {
		mnl_attr_for_each_nested(entry, tb[NFALG_A_ALGS]) {
			if (mnl_attr_get_type(entry) != NFALG_ALGS_ENTRY ||
			    mnl_attr_validate(entry, MNL_TYPE_NESTED) < 0)
				continue;
			if (status_add_alg(st, entry))
				return -ENOMEM;
		}
	}
	return 0;
}

void status_free(struct nfalg_status *st)
{
	size_t i;

	for (i = 0; i < st->n_algs; i++)
		free(st->algs[i]);
	free(st->algs);
	st->algs = NULL;
	st->n_algs = 0;
}

struct status_req {
	struct nfalg_status *st;
	int err;
	bool seen;
};

static int status_reply_cb(const struct nlmsghdr *nlh, void *data)
{
	struct status_req *req = data;

	if (req->seen)
		return MNL_CB_OK;	/* only one reply is expected */
	req->seen = true;
	req->err = status_parse(nlh, req->st);
	return MNL_CB_OK;
}

/* GET_STATUS on an open connection; returns an exit code */
int status_query(struct nl_ctx *nl, struct nfalg_status *st)
{
	struct status_req req = { .st = st };
	struct nlmsghdr *nlh;
	struct nl_err err;

	memset(st, 0, sizeof(*st));
	nlh = nl_req(nl, NFALG_CMD_GET_STATUS, 0);
	if (nl_transact(nl, nlh, status_reply_cb, &req, &err)) {
		nl_perror(&err, NULL);
		return NFALG_EXIT_ERROR;
	}
	if (!req.seen)
		req.err = -ENODATA;
	if (req.err) {
		fprintf(stderr, "nfalg: bad status reply from kernel: %s\n",
			strerror(-req.err));
		return NFALG_EXIT_ERROR;
	}
	return NFALG_EXIT_OK;
}

/* --- output --- */

static void status_print_json(const struct nfalg_status *st)
{
	const struct param_desc *pd;
	struct json j;
	size_t i;

	json_init(&j, stdout);
	json_obj_open(&j, NULL);
	json_str(&j, "module_version", st->version);
	json_uint(&j, "generation", st->generation);

	json_obj_open(&j, "params");
	for (i = 0; i < n_param_descs; i++) {
		pd = &param_descs[i];
		if (st->has_param[pd->attr])
			json_uint(&j, pd->json_key, st->param[pd->attr]);
	}
	json_obj_close(&j);

	json_arr_open(&j, "algs");
	for (i = 0; i < st->n_algs; i++) {
		json_obj_open(&j, NULL);
		json_str(&j, "name", st->algs[i]);
		json_obj_close(&j);
	}
	json_arr_close(&j);

	if (st->has_counters) {
		json_obj_open(&j, "counters");
		for (i = NFALG_A_CNT_PINHOLES; i <= NFALG_A_CNT_MAX; i++)
			json_uint(&j, counter_names[i], st->counter[i]);
		json_obj_close(&j);
	}

	json_obj_close(&j);
	json_finish(&j);
}

static void status_print_text(const struct nfalg_status *st)
{
	const struct param_desc *pd;
	char label[64];
	size_t i;

	printf("%-20s%s\n", "module-version:", st->version);
	printf("%-20s%u\n", "generation:", st->generation);
	for (i = 0; i < n_param_descs; i++) {
		pd = &param_descs[i];
		if (!st->has_param[pd->attr])
			continue;
		snprintf(label, sizeof(label), "%s:", pd->name);
		printf("%-20s%u%s\n", label, st->param[pd->attr], pd->unit);
	}
	printf("%-20s", "algs:");
	if (!st->n_algs)
		printf("(none)");
	for (i = 0; i < st->n_algs; i++)
		printf("%s%s", i ? ", " : "", st->algs[i]);
	printf("\n");
	if (!st->has_counters)
		return;
	for (i = NFALG_A_CNT_PINHOLES; i <= NFALG_A_CNT_MAX; i++) {
		snprintf(label, sizeof(label), "%s:", counter_names[i]);
		printf("%-26s%llu\n", label,
		       (unsigned long long)st->counter[i]);
	}
}

int cmd_status(int argc, char **argv, const struct opts *o)
{
	struct nfalg_status st;
	struct nl_ctx nl;
	int ret;

	(void)argv;
	if (argc > 1)
		return usage_error("status takes no arguments");

	ret = nfalg_connect(&nl, false);
	if (ret)
		return NFALG_EXIT_ERROR;

	ret = status_query(&nl, &st);
	nl_close(&nl);
	if (ret == NFALG_EXIT_OK) {
		if (o->json)
			status_print_json(&st);
		else
			status_print_text(&st);
	}
	status_free(&st);
	return ret;
}

int cmd_version(int argc, char **argv, const struct opts *o)
{
	struct nfalg_status st = {};
	bool loaded = false;
	struct nl_ctx nl;
	struct json j;
	int ret;

	(void)argv;
	if (argc > 1)
		return usage_error("version takes no arguments");

	ret = nfalg_connect(&nl, true);
	if (ret > 0)
		return ret;
	if (!ret) {
		ret = status_query(&nl, &st);
		nl_close(&nl);
		if (ret) {
			status_free(&st);
			return ret;
		}
		loaded = true;
	}

	if (o->json) {
		json_init(&j, stdout);
		json_obj_open(&j, NULL);
		json_str(&j, "cli_version", NFALG_VERSION);
		if (loaded)
			json_str(&j, "module_version", st.version);
		else
			json_null(&j, "module_version");
		json_obj_close(&j);
		json_finish(&j);
	} else {
		printf("%-20s%s\n", "cli-version:", NFALG_VERSION);
		printf("%-20s%s\n", "module-version:",
		       loaded ? st.version : "(not loaded)");
	}
	status_free(&st);
	return NFALG_EXIT_OK;
}

/* "show counters": the ALG counters of this network namespace */
int status_counters(const struct opts *o)
{
	struct nfalg_status st;
	struct nl_ctx nl;
	struct json j;
	int ret, i;

	if (nfalg_connect(&nl, false))
		return NFALG_EXIT_ERROR;
	ret = status_query(&nl, &st);
	nl_close(&nl);
	if (ret == NFALG_EXIT_OK && !st.has_counters) {
		/* the kernel gives them to CAP_NET_ADMIN requesters only */
		fprintf(stderr, "nfalg: show counters: %s (needs CAP_NET_ADMIN)\n",
			strerror(EPERM));
		ret = NFALG_EXIT_ERROR;
	}
	if (ret == NFALG_EXIT_OK && o->json) {
		json_init(&j, stdout);
		json_obj_open(&j, NULL);
		for (i = NFALG_A_CNT_PINHOLES; i <= NFALG_A_CNT_MAX; i++)
			json_uint(&j, counter_names[i], st.counter[i]);
		json_obj_close(&j);
		json_finish(&j);
	} else if (ret == NFALG_EXIT_OK) {
		for (i = NFALG_A_CNT_PINHOLES; i <= NFALG_A_CNT_MAX; i++)
			printf("%-26s%llu\n", counter_names[i],
			       (unsigned long long)st.counter[i]);
	}
	status_free(&st);
	return ret;
}
