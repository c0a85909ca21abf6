// SPDX-License-Identifier: GPL-2.0
/*
 * nfalg CLI: applications, application sets, predefined objects, flush.
 */

#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <linux/genetlink.h>

#include "json.h"
#include "nfalg.h"

/* ---- names ---- */

static const struct {
	const char *name;
	uint8_t num;
} protos[] = {
	{ "icmp", 1 }, { "tcp", 6 }, { "udp", 17 }, { "gre", 47 },
	{ "esp", 50 }, { "icmp6", 58 }, { "sctp", 132 },
};

static const char * const snmp_cmds[] = {
	[NFALG_SNMP_GET]		= "get",
	[NFALG_SNMP_GET_NEXT]		= "get-next",
	[NFALG_SNMP_GET_RESPONSE]	= "get-response",
	[NFALG_SNMP_TRAP]		= "trap",
	[NFALG_SNMP_SET]		= "set",
};

static int parse_proto(const char *s, uint8_t *p)
{
	uint32_t v;
	size_t i;

	for (i = 0; i < sizeof(protos) / sizeof(protos[0]); i++) {
		if (!strcmp(s, protos[i].name)) {
			*p = protos[i].num;
			return 0;
		}
	}
	if (parse_u32(s, &v) || v > 255)
		return -EINVAL;
	*p = (uint8_t)v;
	return 0;
}

int parse_proto_name(const char *s, uint8_t *p)
{
	return parse_proto(s, p);
}

static void proto_str(uint8_t p, char *buf, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof(protos) / sizeof(protos[0]); i++) {
		if (protos[i].num == p) {
			snprintf(buf, len, "%s", protos[i].name);
			return;
		}
	}
	snprintf(buf, len, "%u", p);
}

/* "N" or "N-M", each <= @max; the order is checked by the kernel */
static int parse_range(const char *s, uint32_t max, uint32_t *lo,
		       uint32_t *hi, int *has_hi)
{
	char buf[32], *dash;

	if (strlen(s) >= sizeof(buf))
		return -EINVAL;
	strcpy(buf, s);
	dash = strchr(buf, '-');
	*has_hi = 0;
	if (dash) {
		*dash = '\0';
		if (parse_u32(dash + 1, hi) || *hi > max)
			return -EINVAL;
		*has_hi = 1;
	}
	if (parse_u32(buf, lo) || *lo > max)
		return -EINVAL;
	return 0;
}

static int parse_uuid(const char *s, uint8_t *u)
{
	unsigned int i, n = 0;
	char hex[3] = "";

	for (i = 0; s[i]; i++) {
		if (s[i] == '-' && (i == 8 || i == 13 || i == 18 || i == 23))
			continue;
		if (n >= 32 || !strchr("0123456789abcdefABCDEF", s[i]))
			return -EINVAL;
		hex[n % 2] = s[i];
		if (n % 2)
			u[n / 2] = (uint8_t)strtoul(hex, NULL, 16);
		n++;
	}
	return n == 32 ? 0 : -EINVAL;
}

/* ---- error mapping: which argument did the kernel reject? ---- */

#define MAX_MARKS	(NFALG_MAX_SET_MEMBERS + 32)

struct marks {
	unsigned int n;
	uint32_t offs[MAX_MARKS];
	char what[MAX_MARKS][160];
};

static void mark(struct marks *m, const struct nlmsghdr *nlh,
		 const char *prefix, const char *arg)
{
	if (m->n >= MAX_MARKS)
		return;
	m->offs[m->n] = (uint32_t)((char *)mnl_nlmsg_get_payload_tail(nlh) -
				   (char *)nlh);
	snprintf(m->what[m->n], sizeof(m->what[0]), "%s%s", prefix, arg);
	m->n++;
}

static int report(const struct nl_err *err, const struct marks *m,
		  const char *what)
{
	unsigned int i;

	for (i = 0; err->has_offs && i < m->n; i++) {
		if (m->offs[i] == err->offs)
			what = m->what[i];
	}
	nl_perror(err, what);
	return NFALG_EXIT_ERROR;
}

static int send_change(struct nl_ctx *nl, struct nlmsghdr *nlh,
		       const struct marks *m, const char *what)
{
	struct nl_err err;
	int ret;

	ret = nl_transact(nl, nlh, NULL, NULL, &err);
	nl_close(nl);
	if (ret)
		return report(&err, m, what);
	return NFALG_EXIT_OK;
}

/* ---- application add/replace/del ---- */

/*
 * "N[-M][,N[-M]]..." (the keyword may also repeat, in a row): one
 * NFALG_A_RPC_RANGE each, inside the NFALG_A_APP_RPC_PROGS nest.
 */
static int rpc_put(struct nlmsghdr *nlh, const char *val, struct marks *m)
{
	char buf[512], *tok, *save;
	uint32_t lo, hi;
	struct nlattr *r;
	int has_hi;

	if (strlen(val) >= sizeof(buf))
		return usage_error("bad program number list '%s'", val);
	strcpy(buf, val);
	for (tok = strtok_r(buf, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		if (parse_range(tok, UINT32_MAX, &lo, &hi, &has_hi))
			return usage_error("bad program number '%s'", tok);
		mark(m, nlh, "rpc-program-number ", tok);
		r = mnl_attr_nest_start(nlh, NFALG_A_RPC_RANGE);
		mark(m, nlh, "rpc-program-number ", tok);
		mnl_attr_put_u32(nlh, NFALG_A_RPC_RANGE_LO, lo);
		if (has_hi) {
			mark(m, nlh, "rpc-program-number ", tok);
			mnl_attr_put_u32(nlh, NFALG_A_RPC_RANGE_HI, hi);
		}
		mnl_attr_nest_end(nlh, r);
	}
	return 0;
}

static int app_put(struct nlmsghdr *nlh, int argc, char **argv,
		   struct marks *m)
{
	struct nlattr *rpc = NULL, *tail = NULL;
	uint32_t lo, hi, v;
	uint8_t u8, uuid[16];
	size_t i;
	int has_hi, k, ret;
	const char *key, *val;

	for (k = 2; k < argc; k += 2) {
		key = argv[k];
		if (k + 1 >= argc)
			return usage_error("missing value for '%s'", key);
		val = argv[k + 1];
		if (!strcmp(key, "protocol")) {
			if (parse_proto(val, &u8))
				return usage_error("bad protocol '%s'", val);
			mark(m, nlh, "protocol ", val);
			mnl_attr_put_u8(nlh, NFALG_A_APP_PROTOCOL, u8);
		} else if (!strcmp(key, "destination-port") ||
			   !strcmp(key, "source-port")) {
			bool d = key[0] == 'd';

			if (parse_range(val, 65535, &lo, &hi, &has_hi))
				return usage_error("bad port or range '%s'", val);
			mark(m, nlh, d ? "destination-port " :
			     "source-port ", val);
			mnl_attr_put_u16(nlh, d ? NFALG_A_APP_DPORT_LO :
					 NFALG_A_APP_SPORT_LO, (uint16_t)lo);
			if (has_hi) {
				mark(m, nlh, d ? "destination-port " :
				     "source-port ", val);
				mnl_attr_put_u16(nlh, d ? NFALG_A_APP_DPORT_HI :
						 NFALG_A_APP_SPORT_HI,
						 (uint16_t)hi);
			}
		} else if (!strcmp(key, "application-protocol")) {
			mark(m, nlh, "application-protocol ", val);
			mnl_attr_put_strz(nlh, NFALG_A_APP_ALG, val);
		} else if (!strcmp(key, "inactivity-timeout")) {
			if (parse_u32(val, &v))
				return usage_error("bad timeout '%s'", val);
			mark(m, nlh, "inactivity-timeout ", val);
			mnl_attr_put_u32(nlh, NFALG_A_APP_TIMEOUT, v);
		} else if (!strcmp(key, "icmp-type") ||
			   !strcmp(key, "icmp-code") ||
			   !strcmp(key, "ttl-threshold")) {
			if (parse_u32(val, &v) || v > 255)
				return usage_error("bad %s '%s'", key, val);
			mark(m, nlh, key[0] == 't' ? "ttl-threshold " :
			     key[5] == 't' ? "icmp-type " : "icmp-code ",
			     val);
			mnl_attr_put_u8(nlh, key[0] == 't' ?
					NFALG_A_APP_TTL_THRESHOLD :
					key[5] == 't' ? NFALG_A_APP_ICMP_TYPE :
					NFALG_A_APP_ICMP_CODE, (uint8_t)v);
		} else if (!strcmp(key, "rpc-program-number")) {
			if (rpc && tail != mnl_nlmsg_get_payload_tail(nlh))
				return usage_error("rpc-program-number: give the numbers together");
			if (!rpc)
				rpc = mnl_attr_nest_start(nlh,
							  NFALG_A_APP_RPC_PROGS);
			ret = rpc_put(nlh, val, m);
			if (ret)
				return ret;
			mnl_attr_nest_end(nlh, rpc);
			tail = mnl_nlmsg_get_payload_tail(nlh);
		} else if (!strcmp(key, "uuid")) {
			if (parse_uuid(val, uuid))
				return usage_error("bad uuid '%s'", val);
			mark(m, nlh, "uuid ", val);
			mnl_attr_put(nlh, NFALG_A_APP_UUID, sizeof(uuid), uuid);
		} else if (!strcmp(key, "dns-close-after-answer")) {
			if (strcmp(val, "yes") && strcmp(val, "no"))
				return usage_error("bad dns-close-after-answer '%s' (yes or no)",
						   val);
			mark(m, nlh, "dns-close-after-answer ", val);
			if (val[0] == 'n')
				mnl_attr_put(nlh, NFALG_A_APP_DNS_KEEP_OPEN, 0,
					     NULL);
		} else if (!strcmp(key, "snmp-command")) {
			for (i = 1; i < sizeof(snmp_cmds) / sizeof(snmp_cmds[0]); i++) {
				if (!strcmp(val, snmp_cmds[i]))
					break;
			}
			if (i == sizeof(snmp_cmds) / sizeof(snmp_cmds[0]))
				return usage_error("bad snmp-command '%s'", val);
			mark(m, nlh, "snmp-command ", val);
			mnl_attr_put_u8(nlh, NFALG_A_APP_SNMP_COMMAND,
					(uint8_t)i);
		} else {
			return usage_error("unknown application keyword '%s'",
					   key);
		}
	}
	return 0;
}

int app_change(int argc, char **argv, bool del, bool replace)
{
	struct marks *m;
	struct nlmsghdr *nlh;
	struct nlattr *nest;
	struct nl_ctx nl;
	char what[96];
	int ret;

	if (argc < 2)
		return usage_error("application %s needs a NAME", argv[0]);
	if (del && argc > 2)
		return usage_error("application del takes only a NAME");
	m = calloc(1, sizeof(*m));
	if (!m)
		return NFALG_EXIT_ERROR;
	if (nfalg_connect(&nl, false)) {
		free(m);
		return NFALG_EXIT_ERROR;
	}
	nlh = nl_req(&nl, del ? NFALG_CMD_DEL_APP : NFALG_CMD_NEW_APP,
		     0);
	if (replace)
		mnl_attr_put(nlh, NFALG_A_REPLACE, 0, NULL);
	nest = mnl_attr_nest_start(nlh, NFALG_A_APP);
	mnl_attr_put_strz(nlh, NFALG_A_APP_NAME, argv[1]);
	ret = app_put(nlh, argc, argv, m);
	if (ret) {
		nl_close(&nl);
		free(m);
		return ret;
	}
	mnl_attr_nest_end(nlh, nest);
	snprintf(what, sizeof(what), "application '%s'", argv[1]);
	ret = send_change(&nl, nlh, m, what);
	free(m);
	return ret;
}

/* ---- application-set add/replace/del ---- */

int set_change(int argc, char **argv, bool del, bool replace)
{
	struct nlattr *nest, *mnest;
	struct nlmsghdr *nlh;
	struct marks *m;
	struct nl_ctx nl;
	char what[96];
	int i, ret;

	if (argc < 2)
		return usage_error("application-set %s needs a NAME", argv[0]);
	if (del && argc > 2)
		return usage_error("application-set del takes only a NAME");
	if (!del && argc < 3)
		return usage_error("application-set %s needs members", argv[0]);
	if (argc - 2 > NFALG_MAX_SET_MEMBERS)
		return usage_error("too many members (limit %d)",
				   NFALG_MAX_SET_MEMBERS);
	m = calloc(1, sizeof(*m));
	if (!m)
		return NFALG_EXIT_ERROR;
	if (nfalg_connect(&nl, false)) {
		free(m);
		return NFALG_EXIT_ERROR;
	}
	snprintf(what, sizeof(what), "application-set '%s'", argv[1]);
	nlh = nl_req(&nl, del ? NFALG_CMD_DEL_APPSET : NFALG_CMD_NEW_APPSET,
		     0);
	if (replace)
		mnl_attr_put(nlh, NFALG_A_REPLACE, 0, NULL);
	nest = mnl_attr_nest_start(nlh, NFALG_A_APPSET);
	mnl_attr_put_strz(nlh, NFALG_A_APPSET_NAME, argv[1]);
	if (!del) {
		mnest = mnl_attr_nest_start(nlh, NFALG_A_APPSET_MEMBERS);
		for (i = 2; i < argc; i++) {
			char w[96];

			snprintf(w, sizeof(w), "%.80s member ", what);
			mark(m, nlh, w, argv[i]);
			mnl_attr_put_strz(nlh, NFALG_A_APPSET_MEMBER, argv[i]);
		}
		mnl_attr_nest_end(nlh, mnest);
	}
	mnl_attr_nest_end(nlh, nest);
	ret = send_change(&nl, nlh, m, what);
	free(m);
	return ret;
}

/* ---- listings ---- */

/* "rpc-program-number N-M,N" or, with -j, an array of {"low", "high"} */
static void print_rpc(struct dump *d, const struct nlattr *list)
{
	const struct nlattr *tb[NFALG_A_RPC_RANGE_MAX + 1], *r;
	const char *sep = " rpc-program-number ";
	uint32_t lo, hi;

	if (d->json)
		json_arr_open(&d->j, "rpc_program_number");
	mnl_attr_for_each_nested(r, list) {
		if (parse_nest(r, tb, NFALG_A_RPC_RANGE_MAX) ||
		    !tb[NFALG_A_RPC_RANGE_LO] || !tb[NFALG_A_RPC_RANGE_HI])
			continue;
		lo = mnl_attr_get_u32(tb[NFALG_A_RPC_RANGE_LO]);
		hi = mnl_attr_get_u32(tb[NFALG_A_RPC_RANGE_HI]);
		if (d->json) {
			json_obj_open(&d->j, NULL);
			json_uint(&d->j, "low", lo);
			json_uint(&d->j, "high", hi);
			json_obj_close(&d->j);
			continue;
		}
		printf("%s%u", sep, lo);
		if (hi != lo)
			printf("-%u", hi);
		sep = ",";
	}
	if (d->json)
		json_arr_close(&d->j);
}

/* An unsigned attribute of 1, 2 or 4 bytes (validated when parsed) */
static unsigned int attr_uint(const struct nlattr *a)
{
	switch (mnl_attr_get_payload_len(a)) {
	case 1:
		return mnl_attr_get_u8(a);
	case 2:
		return mnl_attr_get_u16(a);
	default:
		return mnl_attr_get_u32(a);
	}
}

/* JSON members of an application: port ranges, then plain numbers */
static const struct {
	int lo, hi;
	const char *key;
} app_json_ranges[] = {
	{ NFALG_A_APP_DPORT_LO, NFALG_A_APP_DPORT_HI, "destination_port" },
	{ NFALG_A_APP_SPORT_LO, NFALG_A_APP_SPORT_HI, "source_port" },
};

static const struct {
	int attr;
	const char *key;
} app_json_uints[] = {
	{ NFALG_A_APP_TIMEOUT, "inactivity_timeout" },
	{ NFALG_A_APP_ICMP_TYPE, "icmp_type" },
	{ NFALG_A_APP_ICMP_CODE, "icmp_code" },
	{ NFALG_A_APP_TTL_THRESHOLD, "ttl_threshold" },
};

void print_app(struct dump *d, const struct nlattr **tb)
{
	char proto[16];
	uint8_t u[16];
	unsigned int i;
	bool predef = tb[NFALG_A_APP_PREDEFINED];
	bool over = tb[NFALG_A_APP_OVERRIDE];

	if (tb[NFALG_A_APP_PROTOCOL])
		proto_str(mnl_attr_get_u8(tb[NFALG_A_APP_PROTOCOL]), proto,
			  sizeof(proto));

	if (d->json) {
		json_obj_open(&d->j, NULL);
		json_str(&d->j, "name", mnl_attr_get_str(tb[NFALG_A_APP_NAME]));
		if (tb[NFALG_A_APP_PROTOCOL])
			json_str(&d->j, "protocol", proto);
		for (i = 0; i < ARRAY_SIZE(app_json_ranges); i++) {
			if (!tb[app_json_ranges[i].lo])
				continue;
			json_obj_open(&d->j, app_json_ranges[i].key);
			json_uint(&d->j, "low", attr_uint(tb[app_json_ranges[i].lo]));
			json_uint(&d->j, "high",
				  attr_uint(tb[app_json_ranges[i].hi] ?:
					    tb[app_json_ranges[i].lo]));
			json_obj_close(&d->j);
		}
		if (tb[NFALG_A_APP_ALG])
			json_str(&d->j, "application_protocol",
				 mnl_attr_get_str(tb[NFALG_A_APP_ALG]));
		for (i = 0; i < ARRAY_SIZE(app_json_uints); i++)
			if (tb[app_json_uints[i].attr])
				json_uint(&d->j, app_json_uints[i].key,
					  attr_uint(tb[app_json_uints[i].attr]));
		if (tb[NFALG_A_APP_RPC_PROGS])
			print_rpc(d, tb[NFALG_A_APP_RPC_PROGS]);
		if (tb[NFALG_A_APP_UUID]) {
			char s[40];

			memcpy(u, mnl_attr_get_payload(tb[NFALG_A_APP_UUID]), 16);
			snprintf(s, sizeof(s),
				 "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
				 u[0], u[1], u[2], u[3], u[4], u[5], u[6], u[7],
				 u[8], u[9], u[10], u[11], u[12], u[13], u[14],
				 u[15]);
			json_str(&d->j, "uuid", s);
		}
		if (tb[NFALG_A_APP_SNMP_COMMAND]) {
			uint8_t c = mnl_attr_get_u8(tb[NFALG_A_APP_SNMP_COMMAND]);

			if (c >= 1 && c <= NFALG_SNMP_MAX)
				json_str(&d->j, "snmp_command", snmp_cmds[c]);
		}
		if (tb[NFALG_A_APP_DNS_KEEP_OPEN])
			json_bool(&d->j, "dns_close_after_answer", false);
		json_bool(&d->j, "predefined", predef);
		json_bool(&d->j, "override", over);
		json_obj_close(&d->j);
		return;
	}

	printf("%s", mnl_attr_get_str(tb[NFALG_A_APP_NAME]));
	if (tb[NFALG_A_APP_PROTOCOL])
		printf(" protocol %s", proto);
	if (tb[NFALG_A_APP_DPORT_LO]) {
		printf(" destination-port %u",
		       mnl_attr_get_u16(tb[NFALG_A_APP_DPORT_LO]));
		if (tb[NFALG_A_APP_DPORT_HI] &&
		    mnl_attr_get_u16(tb[NFALG_A_APP_DPORT_HI]) !=
		    mnl_attr_get_u16(tb[NFALG_A_APP_DPORT_LO]))
			printf("-%u", mnl_attr_get_u16(tb[NFALG_A_APP_DPORT_HI]));
	}
	if (tb[NFALG_A_APP_SPORT_LO]) {
		printf(" source-port %u",
		       mnl_attr_get_u16(tb[NFALG_A_APP_SPORT_LO]));
		if (tb[NFALG_A_APP_SPORT_HI] &&
		    mnl_attr_get_u16(tb[NFALG_A_APP_SPORT_HI]) !=
		    mnl_attr_get_u16(tb[NFALG_A_APP_SPORT_LO]))
			printf("-%u", mnl_attr_get_u16(tb[NFALG_A_APP_SPORT_HI]));
	}
	if (tb[NFALG_A_APP_ALG])
		printf(" application-protocol %s",
		       mnl_attr_get_str(tb[NFALG_A_APP_ALG]));
	if (tb[NFALG_A_APP_TIMEOUT])
		printf(" inactivity-timeout %u",
		       mnl_attr_get_u32(tb[NFALG_A_APP_TIMEOUT]));
	if (tb[NFALG_A_APP_ICMP_TYPE])
		printf(" icmp-type %u", mnl_attr_get_u8(tb[NFALG_A_APP_ICMP_TYPE]));
	if (tb[NFALG_A_APP_ICMP_CODE])
		printf(" icmp-code %u", mnl_attr_get_u8(tb[NFALG_A_APP_ICMP_CODE]));
	if (tb[NFALG_A_APP_TTL_THRESHOLD])
		printf(" ttl-threshold %u",
		       mnl_attr_get_u8(tb[NFALG_A_APP_TTL_THRESHOLD]));
	if (tb[NFALG_A_APP_RPC_PROGS])
		print_rpc(d, tb[NFALG_A_APP_RPC_PROGS]);
	if (tb[NFALG_A_APP_UUID]) {
		memcpy(u, mnl_attr_get_payload(tb[NFALG_A_APP_UUID]), 16);
		printf(" uuid ");
		for (i = 0; i < 16; i++)
			printf("%s%02x", (i == 4 || i == 6 || i == 8 ||
					  i == 10) ? "-" : "", u[i]);
	}
	if (tb[NFALG_A_APP_SNMP_COMMAND]) {
		uint8_t c = mnl_attr_get_u8(tb[NFALG_A_APP_SNMP_COMMAND]);

		if (c >= 1 && c <= NFALG_SNMP_MAX)
			printf(" snmp-command %s", snmp_cmds[c]);
	}
	if (tb[NFALG_A_APP_DNS_KEEP_OPEN])
		printf(" dns-close-after-answer no");
	if (predef && !d->config)
		printf(" (predefined)");
	if (over && !d->config)
		printf(" (overrides predefined)");
	printf("\n");
}

/*
 * A set's member list may continue in the next messages (flag
 * NFALG_A_APPSET_CONTINUED), so the object stays open until close_set();
 * its flags come in the first message.
 */
void print_set(struct dump *d, const struct nlattr **tb)
{
	const struct nlattr *mem;

	if (!tb[NFALG_A_APPSET_CONTINUED]) {
		if (d->json) {
			json_obj_open(&d->j, NULL);
			json_str(&d->j, "name",
				 mnl_attr_get_str(tb[NFALG_A_APPSET_NAME]));
			json_bool(&d->j, "predefined",
				  tb[NFALG_A_APPSET_PREDEFINED]);
			json_bool(&d->j, "override",
				  tb[NFALG_A_APPSET_OVERRIDE]);
			json_arr_open(&d->j, "members");
		} else {
			printf("%s [", mnl_attr_get_str(tb[NFALG_A_APPSET_NAME]));
		}
		d->set_predef = tb[NFALG_A_APPSET_PREDEFINED];
		d->set_over = tb[NFALG_A_APPSET_OVERRIDE];
		d->open = true;
	}
	if (tb[NFALG_A_APPSET_MEMBERS]) {
		mnl_attr_for_each_nested(mem, tb[NFALG_A_APPSET_MEMBERS]) {
			if (mnl_attr_validate(mem, MNL_TYPE_NUL_STRING) < 0)
				continue;
			if (d->json)
				json_str(&d->j, NULL, mnl_attr_get_str(mem));
			else
				printf(" %s", mnl_attr_get_str(mem));
		}
	}
}

void close_set(struct dump *d)
{
	if (d->json) {
		json_arr_close(&d->j);
		json_obj_close(&d->j);
		return;
	}
	if (d->config)
		return;		/* show config: collected (objects.c) */
	printf(" ]");
	if (d->set_predef)
		printf(" (predefined)");
	if (d->set_over)
		printf(" (overrides predefined)");
	printf("\n");
}

int cmd_application(int argc, char **argv, const struct opts *o)
{
	return cmd_object(argc, argv, o);
}

int cmd_application_set(int argc, char **argv, const struct opts *o)
{
	return cmd_object(argc, argv, o);
}

static int show_defaults(const struct opts *o)
{
	struct dump d = { .json = o->json, .defaults = true };
	struct nl_ctx nl;
	int ret;

	if (nfalg_connect(&nl, false))
		return NFALG_EXIT_ERROR;
	d.k = obj_kind_find("application");
	if (d.json) {
		json_init(&d.j, stdout);
		json_obj_open(&d.j, NULL);
		json_arr_open(&d.j, "applications");
	} else {
		printf("applications:\n");
	}
	ret = obj_dump(&nl, &d);
	if (d.json) {
		json_arr_close(&d.j);
		json_arr_open(&d.j, "application_sets");
	} else {
		printf("application-sets:\n");
	}
	d.k = obj_kind_find("application-set");
	if (!ret)
		ret = obj_dump(&nl, &d);
	nl_close(&nl);
	if (d.json) {
		json_arr_close(&d.j);
		json_obj_close(&d.j);
		json_finish(&d.j);
	}
	return ret;
}

int cmd_show(int argc, char **argv, const struct opts *o)
{
	if (argc < 2)
		return usage_error("show needs what to show");
	if (!strcmp(argv[1], "defaults")) {
		if (argc > 2)
			return usage_error("show defaults takes no arguments");
		return show_defaults(o);
	}
	if (!strcmp(argv[1], "applications") && argc == 2)
		return cmd_object(2, (char *[]){ "application", "show", NULL },
				  o);
	if (!strcmp(argv[1], "application-sets") && argc == 2)
		return cmd_object(2, (char *[]){ "application-set", "show",
				  NULL }, o);
	if (!strcmp(argv[1], "config") && argc == 2)
		return show_config(o);
	if (!strcmp(argv[1], "pinholes") && argc == 2)
		return show_pinholes(o);
	if (!strcmp(argv[1], "counters") && argc == 2)
		return status_counters(o);
	if (!strcmp(argv[1], "conversations") && argc == 2)
		return show_conversations(o);
	if (!strcmp(argv[1], "rule-counters") && argc == 2)
		return show_rule_counters(o);
	return usage_error("unknown show command '%s' (defaults, applications, application-sets, config, pinholes, counters, conversations, rule-counters)",
			   argv[1]);
}

int cmd_flush(int argc, char **argv, const struct opts *o)
{
	struct marks m = { .n = 0 };
	struct nlmsghdr *nlh;
	struct nl_ctx nl;

	(void)argv;
	(void)o;
	if (argc > 1)
		return usage_error("flush takes no arguments");
	if (nfalg_connect(&nl, false))
		return NFALG_EXIT_ERROR;
	nlh = nl_req(&nl, NFALG_CMD_FLUSH, 0);
	return send_change(&nl, nlh, &m, "flush");
}
