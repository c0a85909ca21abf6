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

static int app_put(struct nlmsghdr *nlh, int argc, char **argv,
		   struct marks *m)
{
	uint32_t lo, hi, v;
	uint8_t u8, uuid[16];
	size_t i;
	int has_hi, k;
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
			if (parse_range(val, UINT32_MAX, &lo, &hi, &has_hi))
				return usage_error("bad program number '%s'",
						   val);
			mark(m, nlh, "rpc-program-number ", val);
			mnl_attr_put_u32(nlh, NFALG_A_APP_RPC_PROG_LO, lo);
			if (has_hi) {
				mark(m, nlh, "rpc-program-number ", val);
				mnl_attr_put_u32(nlh, NFALG_A_APP_RPC_PROG_HI,
						 hi);
			}
		} else if (!strcmp(key, "uuid")) {
			if (parse_uuid(val, uuid))
				return usage_error("bad uuid '%s'", val);
			mark(m, nlh, "uuid ", val);
			mnl_attr_put(nlh, NFALG_A_APP_UUID, sizeof(uuid), uuid);
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

static int app_change(int argc, char **argv, bool del, bool replace)
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

static int set_change(int argc, char **argv, bool del, bool replace)
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

/* ---- dumps ---- */

struct dump {
	bool sets;
	bool json;
	const char *only;	/* print just this name */
	unsigned int count;
	struct json j;
	bool intr;
};

static int nest_cb(const struct nlattr *attr, void *data)
{
	const struct nlattr **tb = data;
	int type = mnl_attr_get_type(attr);

	if (type > 0 && type <= NFALG_A_APP_MAX)
		tb[type] = attr;
	return MNL_CB_OK;
}

static void print_app(struct dump *d, const struct nlattr **tb)
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
		if (tb[NFALG_A_APP_DPORT_LO]) {
			json_obj_open(&d->j, "destination_port");
			json_uint(&d->j, "low", mnl_attr_get_u16(tb[NFALG_A_APP_DPORT_LO]));
			json_uint(&d->j, "high", mnl_attr_get_u16(tb[NFALG_A_APP_DPORT_HI]));
			json_obj_close(&d->j);
		}
		if (tb[NFALG_A_APP_SPORT_LO]) {
			json_obj_open(&d->j, "source_port");
			json_uint(&d->j, "low", mnl_attr_get_u16(tb[NFALG_A_APP_SPORT_LO]));
			json_uint(&d->j, "high", mnl_attr_get_u16(tb[NFALG_A_APP_SPORT_HI]));
			json_obj_close(&d->j);
		}
		if (tb[NFALG_A_APP_ALG])
			json_str(&d->j, "application_protocol",
				 mnl_attr_get_str(tb[NFALG_A_APP_ALG]));
		if (tb[NFALG_A_APP_TIMEOUT])
			json_uint(&d->j, "inactivity_timeout",
				  mnl_attr_get_u32(tb[NFALG_A_APP_TIMEOUT]));
		if (tb[NFALG_A_APP_ICMP_TYPE])
			json_uint(&d->j, "icmp_type",
				  mnl_attr_get_u8(tb[NFALG_A_APP_ICMP_TYPE]));
		if (tb[NFALG_A_APP_ICMP_CODE])
			json_uint(&d->j, "icmp_code",
				  mnl_attr_get_u8(tb[NFALG_A_APP_ICMP_CODE]));
		if (tb[NFALG_A_APP_TTL_THRESHOLD])
			json_uint(&d->j, "ttl_threshold",
				  mnl_attr_get_u8(tb[NFALG_A_APP_TTL_THRESHOLD]));
		if (tb[NFALG_A_APP_RPC_PROG_LO]) {
			json_obj_open(&d->j, "rpc_program_number");
			json_uint(&d->j, "low", mnl_attr_get_u32(tb[NFALG_A_APP_RPC_PROG_LO]));
			json_uint(&d->j, "high", mnl_attr_get_u32(tb[NFALG_A_APP_RPC_PROG_HI]));
			json_obj_close(&d->j);
		}
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

			if (c >= 1 && c <= NFALG_SNMP_TRAP)
				json_str(&d->j, "snmp_command", snmp_cmds[c]);
		}
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
	if (tb[NFALG_A_APP_RPC_PROG_LO]) {
		printf(" rpc-program-number %u",
		       mnl_attr_get_u32(tb[NFALG_A_APP_RPC_PROG_LO]));
		if (mnl_attr_get_u32(tb[NFALG_A_APP_RPC_PROG_HI]) !=
		    mnl_attr_get_u32(tb[NFALG_A_APP_RPC_PROG_LO]))
			printf("-%u", mnl_attr_get_u32(tb[NFALG_A_APP_RPC_PROG_HI]));
	}
	if (tb[NFALG_A_APP_UUID]) {
		memcpy(u, mnl_attr_get_payload(tb[NFALG_A_APP_UUID]), 16);
		printf(" uuid ");
		for (i = 0; i < 16; i++)
			printf("%s%02x", (i == 4 || i == 6 || i == 8 ||
					  i == 10) ? "-" : "", u[i]);
	}
	if (tb[NFALG_A_APP_SNMP_COMMAND]) {
		uint8_t c = mnl_attr_get_u8(tb[NFALG_A_APP_SNMP_COMMAND]);

		if (c >= 1 && c <= NFALG_SNMP_TRAP)
			printf(" snmp-command %s", snmp_cmds[c]);
	}
	if (predef)
		printf(" (predefined)");
	if (over)
		printf(" (overrides predefined)");
	printf("\n");
}

static void print_set(struct dump *d, const struct nlattr **tb)
{
	const struct nlattr *mem;

	if (d->json) {
		json_obj_open(&d->j, NULL);
		json_str(&d->j, "name", mnl_attr_get_str(tb[NFALG_A_APPSET_NAME]));
		json_arr_open(&d->j, "members");
	} else {
		printf("%s [", mnl_attr_get_str(tb[NFALG_A_APPSET_NAME]));
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
	if (d->json) {
		json_arr_close(&d->j);
		json_bool(&d->j, "predefined", tb[NFALG_A_APPSET_PREDEFINED]);
		json_bool(&d->j, "override", tb[NFALG_A_APPSET_OVERRIDE]);
		json_obj_close(&d->j);
		return;
	}
	printf(" ]");
	if (tb[NFALG_A_APPSET_PREDEFINED])
		printf(" (predefined)");
	if (tb[NFALG_A_APPSET_OVERRIDE])
		printf(" (overrides predefined)");
	printf("\n");
}

static int dump_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[NFALG_A_APP_MAX + 1] = {};
	struct dump *d = data;
	const struct nlattr *attr;
	int want = d->sets ? NFALG_A_APPSET : NFALG_A_APP;

	if (nlh->nlmsg_flags & NLM_F_DUMP_INTR)
		d->intr = true;
	mnl_attr_for_each(attr, nlh, sizeof(struct genlmsghdr)) {
		if (mnl_attr_get_type(attr) != want ||
		    mnl_attr_validate(attr, MNL_TYPE_NESTED) < 0)
			continue;
		if (mnl_attr_parse_nested(attr, nest_cb, tb) < 0 || !tb[1] ||
		    mnl_attr_validate(tb[1], MNL_TYPE_NUL_STRING) < 0)
			continue;
		if (d->only && strcmp(d->only, mnl_attr_get_str(tb[1])))
			continue;
		d->count++;
		if (d->sets)
			print_set(d, tb);
		else
			print_app(d, tb);
	}
	return MNL_CB_OK;
}

static int dump(struct nl_ctx *nl, struct dump *d, bool defaults)
{
	struct nlmsghdr *nlh;
	struct nl_err err;

	nlh = nl_req(nl, d->sets ? NFALG_CMD_GET_APPSET : NFALG_CMD_GET_APP,
		     NLM_F_DUMP);
	if (defaults)
		mnl_attr_put(nlh, NFALG_A_DEFAULTS, 0, NULL);
	if (nl_transact(nl, nlh, dump_cb, d, &err)) {
		nl_perror(&err, NULL);
		return NFALG_EXIT_ERROR;
	}
	if (d->intr) {
		fprintf(stderr, "nfalg: configuration changed during the listing; run again\n");
		return NFALG_EXIT_ERROR;
	}
	return NFALG_EXIT_OK;
}

static int show(bool sets, const char *only, const struct opts *o)
{
	struct dump d = { .sets = sets, .json = o->json, .only = only };
	struct nl_ctx nl;
	int ret;

	if (nfalg_connect(&nl, false))
		return NFALG_EXIT_ERROR;
	if (d.json) {
		json_init(&d.j, stdout);
		json_arr_open(&d.j, NULL);
	}
	ret = dump(&nl, &d, false);
	nl_close(&nl);
	if (d.json) {
		json_arr_close(&d.j);
		json_finish(&d.j);
	}
	if (!ret && only && !d.count) {
		fprintf(stderr, "nfalg: no %s '%s'\n",
			sets ? "application-set" : "application", only);
		return NFALG_EXIT_ERROR;
	}
	return ret;
}

int cmd_application(int argc, char **argv, const struct opts *o)
{
	const char *verb = argc > 1 ? argv[1] : "show";

	if (!strcmp(verb, "add"))
		return app_change(argc - 1, argv + 1, false, false);
	if (!strcmp(verb, "replace"))
		return app_change(argc - 1, argv + 1, false, true);
	if (!strcmp(verb, "del"))
		return app_change(argc - 1, argv + 1, true, false);
	if (!strcmp(verb, "show")) {
		if (argc > 3)
			return usage_error("application show takes at most a NAME");
		return show(false, argc > 2 ? argv[2] : NULL, o);
	}
	return usage_error("unknown application command '%s'", verb);
}

int cmd_application_set(int argc, char **argv, const struct opts *o)
{
	const char *verb = argc > 1 ? argv[1] : "show";

	if (!strcmp(verb, "add"))
		return set_change(argc - 1, argv + 1, false, false);
	if (!strcmp(verb, "replace"))
		return set_change(argc - 1, argv + 1, false, true);
	if (!strcmp(verb, "del"))
		return set_change(argc - 1, argv + 1, true, false);
	if (!strcmp(verb, "show")) {
		if (argc > 3)
			return usage_error("application-set show takes at most a NAME");
		return show(true, argc > 2 ? argv[2] : NULL, o);
	}
	return usage_error("unknown application-set command '%s'", verb);
}

static int show_defaults(const struct opts *o)
{
	struct dump d = { .json = o->json };
	struct nl_ctx nl;
	int ret;

	if (nfalg_connect(&nl, false))
		return NFALG_EXIT_ERROR;
	if (d.json) {
		json_init(&d.j, stdout);
		json_obj_open(&d.j, NULL);
		json_arr_open(&d.j, "applications");
	} else {
		printf("applications:\n");
	}
	ret = dump(&nl, &d, true);
	if (d.json) {
		json_arr_close(&d.j);
		json_arr_open(&d.j, "application_sets");
	} else {
		printf("application-sets:\n");
	}
	d.sets = true;
	if (!ret)
		ret = dump(&nl, &d, true);
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
		return show(false, NULL, o);
	if (!strcmp(argv[1], "application-sets") && argc == 2)
		return show(true, NULL, o);
	if (!strcmp(argv[1], "pinholes") && argc == 2)
		return show_pinholes(o);
	if (!strcmp(argv[1], "counters") && argc == 2)
		return status_counters(o);
	if (!strcmp(argv[1], "conversations") && argc == 2)
		return show_conversations(o);
	if (!strcmp(argv[1], "rule-counters") && argc == 2)
		return show_rule_counters(o);
	return usage_error("unknown show command '%s' (defaults, applications, application-sets, pinholes, counters, conversations, rule-counters)",
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
