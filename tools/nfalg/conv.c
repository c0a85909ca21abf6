// SPDX-License-Identifier: GPL-2.0
/*
 * nfalg CLI: "show conversations", "clear conversations" and
 * "show rule-counters".
 */

#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/genetlink.h>

#include "json.h"
#include "nfalg.h"

/* One conversation entry (connection or pinhole) of the dump */
struct conv {
	uint32_t id, parent;
	bool pinhole, has_parent;
	uint8_t family, proto;
	char src[INET6_ADDRSTRLEN], dst[INET6_ADDRSTRLEN];
	char rsrc[INET6_ADDRSTRLEN], rdst[INET6_ADDRSTRLEN];
	bool ports;
	uint16_t sport, dport, rsport, rdport;
	char app[64], alg[32];
	bool has_age, has_idle, has_inact, has_acct;
	uint32_t age, idle, timeout, inact;
	uint64_t pkts[2], bytes[2];
};

struct conv_list {
	struct conv *v;
	size_t n, cap;
	bool oom;
};

static bool get_addr(const struct nlattr *a, uint8_t af, char *buf)
{
	size_t want = af == AF_INET ? 4 : 16;

	if (!a || mnl_attr_get_payload_len(a) != want)
		return false;
	return inet_ntop(af, mnl_attr_get_payload(a), buf,
			 INET6_ADDRSTRLEN) != NULL;
}

static uint32_t get_u32(const struct nlattr *a)
{
	return a && mnl_attr_validate(a, MNL_TYPE_U32) >= 0 ?
		mnl_attr_get_u32(a) : 0;
}

static uint16_t get_u16(const struct nlattr *a)
{
	return a && mnl_attr_validate(a, MNL_TYPE_U16) >= 0 ?
		mnl_attr_get_u16(a) : 0;
}

static uint64_t get_u64(const struct nlattr *a)
{
	return a && mnl_attr_validate(a, MNL_TYPE_U64) >= 0 ?
		mnl_attr_get_u64(a) : 0;
}

static void copy_str(const struct nlattr *a, char *buf, size_t len)
{
	buf[0] = '\0';
	if (a && mnl_attr_validate(a, MNL_TYPE_NUL_STRING) >= 0)
		snprintf(buf, len, "%s", mnl_attr_get_str(a));
}

static int conv_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[NFALG_A_CONV_MAX + 1] = {};
	const struct nlattr *attr, *nest = NULL;
	struct conv_list *l = data;
	struct conv *c, *nv;

	mnl_attr_for_each(attr, nlh, sizeof(struct genlmsghdr))
		if (mnl_attr_get_type(attr) == NFALG_A_CONV)
			nest = attr;
	if (!nest || parse_nest(nest, tb, NFALG_A_CONV_MAX) ||
	    !tb[NFALG_A_CONV_FAMILY] || !tb[NFALG_A_CONV_PROTO])
		return MNL_CB_OK;
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 64;
		nv = realloc(l->v, l->cap * sizeof(*nv));
		if (!nv) {
			l->oom = true;
			return MNL_CB_ERROR;
		}
		l->v = nv;
	}
	c = &l->v[l->n];
	memset(c, 0, sizeof(*c));
	c->family = mnl_attr_get_u8(tb[NFALG_A_CONV_FAMILY]);
	if (c->family != AF_INET && c->family != AF_INET6)
		return MNL_CB_OK;
	c->proto = mnl_attr_get_u8(tb[NFALG_A_CONV_PROTO]);
	c->pinhole = tb[NFALG_A_CONV_PINHOLE];
	c->id = get_u32(tb[NFALG_A_CONV_ID]);
	c->has_parent = tb[NFALG_A_CONV_PARENT];
	c->parent = get_u32(tb[NFALG_A_CONV_PARENT]);
	if (!get_addr(tb[NFALG_A_CONV_SRC], c->family, c->src) ||
	    !get_addr(tb[NFALG_A_CONV_DST], c->family, c->dst))
		return MNL_CB_OK;
	get_addr(tb[NFALG_A_CONV_REPLY_SRC], c->family, c->rsrc);
	get_addr(tb[NFALG_A_CONV_REPLY_DST], c->family, c->rdst);
	c->ports = tb[NFALG_A_CONV_SPORT] || tb[NFALG_A_CONV_DPORT];
	c->sport = get_u16(tb[NFALG_A_CONV_SPORT]);
	c->dport = get_u16(tb[NFALG_A_CONV_DPORT]);
	c->rsport = get_u16(tb[NFALG_A_CONV_REPLY_SPORT]);
	c->rdport = get_u16(tb[NFALG_A_CONV_REPLY_DPORT]);
	copy_str(tb[NFALG_A_CONV_APP], c->app, sizeof(c->app));
	copy_str(tb[NFALG_A_CONV_ALG], c->alg, sizeof(c->alg));
	c->has_age = tb[NFALG_A_CONV_AGE];
	c->age = get_u32(tb[NFALG_A_CONV_AGE]);
	c->has_idle = tb[NFALG_A_CONV_IDLE];
	c->idle = get_u32(tb[NFALG_A_CONV_IDLE]);
	c->timeout = get_u32(tb[NFALG_A_CONV_TIMEOUT]);
	c->has_inact = tb[NFALG_A_CONV_INACTIVITY];
	c->inact = get_u32(tb[NFALG_A_CONV_INACTIVITY]);
	c->has_acct = tb[NFALG_A_CONV_PKTS_ORIG];
	c->pkts[0] = get_u64(tb[NFALG_A_CONV_PKTS_ORIG]);
	c->bytes[0] = get_u64(tb[NFALG_A_CONV_BYTES_ORIG]);
	c->pkts[1] = get_u64(tb[NFALG_A_CONV_PKTS_REPLY]);
	c->bytes[1] = get_u64(tb[NFALG_A_CONV_BYTES_REPLY]);
	l->n++;
	return MNL_CB_OK;
}

static const char *proto_str(uint8_t p, char *buf, size_t len)
{
	switch (p) {
	case 1:
		return "icmp";
	case 6:
		return "tcp";
	case 17:
		return "udp";
	case 58:
		return "icmpv6";
	}
	snprintf(buf, len, "%u", p);
	return buf;
}

/* "ADDR" or "ADDR:PORT" / "[ADDR]:PORT" */
static const char *endpoint(const struct conv *c, const char *a, bool ports,
			    uint16_t port, char *buf, size_t len)
{
	if (!ports)
		snprintf(buf, len, "%s", a);
	else if (c->family == AF_INET6)
		snprintf(buf, len, "[%s]:%u", a, port);
	else
		snprintf(buf, len, "%s:%u", a, port);
	return buf;
}

static void print_conn_text(const struct conv *c, const char *kind,
			    const char *indent)
{
	char e1[64], e2[64], pb[8];

	printf("%s%s %u %s %s -> %s", indent, kind, c->id,
	       proto_str(c->proto, pb, sizeof(pb)),
	       endpoint(c, c->src, c->ports, c->sport, e1, sizeof(e1)),
	       endpoint(c, c->dst, c->ports, c->dport, e2, sizeof(e2)));
	if (c->rsrc[0] && (strcmp(c->rsrc, c->dst) || strcmp(c->rdst, c->src) ||
			   c->rsport != c->dport || c->rdport != c->sport))
		printf(" (reply %s -> %s)",
		       endpoint(c, c->rsrc, c->ports, c->rsport, e1, sizeof(e1)),
		       endpoint(c, c->rdst, c->ports, c->rdport, e2, sizeof(e2)));
	if (c->app[0])
		printf(" application %s", c->app);
	if (c->alg[0])
		printf(" alg %s", c->alg);
	if (c->has_age)
		printf(" age %us", c->age);
	if (c->has_idle)
		printf(" idle %us", c->idle);
	if (c->has_inact)
		printf(" inactivity-timeout %us", c->inact);
	printf(" expires %us", c->timeout);
	if (c->has_acct)
		printf(" packets %llu/%llu bytes %llu/%llu",
		       (unsigned long long)c->pkts[0],
		       (unsigned long long)c->pkts[1],
		       (unsigned long long)c->bytes[0],
		       (unsigned long long)c->bytes[1]);
	printf("\n");
}

static void print_pinhole_text(const struct conv *c)
{
	char pb[8];

	printf("    pinhole %s %s -> %s%s%s port %u, expires in %us\n",
	       proto_str(c->proto, pb, sizeof(pb)), c->src,
	       c->family == AF_INET6 ? "[" : "", c->dst,
	       c->family == AF_INET6 ? "]" : "", c->dport, c->timeout);
}

static void json_conn(struct json *j, const struct conv *c)
{
	char pb[8];

	json_uint(j, "id", c->id);
	json_str(j, "protocol", proto_str(c->proto, pb, sizeof(pb)));
	json_str(j, "src", c->src);
	json_str(j, "dst", c->dst);
	if (c->ports) {
		json_uint(j, "sport", c->sport);
		json_uint(j, "dport", c->dport);
	}
	json_str(j, "reply_src", c->rsrc);
	json_str(j, "reply_dst", c->rdst);
	if (c->ports) {
		json_uint(j, "reply_sport", c->rsport);
		json_uint(j, "reply_dport", c->rdport);
	}
	if (c->app[0])
		json_str(j, "application", c->app);
	else
		json_null(j, "application");
	if (c->alg[0])
		json_str(j, "alg", c->alg);
	else
		json_null(j, "alg");
	if (c->has_age)
		json_uint(j, "age", c->age);
	if (c->has_idle)
		json_uint(j, "idle", c->idle);
	if (c->has_inact)
		json_uint(j, "inactivity_timeout", c->inact);
	json_uint(j, "expires", c->timeout);
	if (c->has_acct) {
		json_uint(j, "packets_orig", c->pkts[0]);
		json_uint(j, "bytes_orig", c->bytes[0]);
		json_uint(j, "packets_reply", c->pkts[1]);
		json_uint(j, "bytes_reply", c->bytes[1]);
	}
}

static void json_pinhole(struct json *j, const struct conv *c)
{
	char pb[8];

	json_obj_open(j, NULL);
	json_str(j, "protocol", proto_str(c->proto, pb, sizeof(pb)));
	json_str(j, "src", c->src);
	json_str(j, "dst", c->dst);
	json_uint(j, "dport", c->dport);
	json_uint(j, "expires", c->timeout);
	json_obj_close(j);
}

static bool known_parent(const struct conv_list *l, const struct conv *c)
{
	size_t i;

	if (!c->has_parent)
		return false;
	for (i = 0; i < l->n; i++)
		if (!l->v[i].pinhole && l->v[i].id == c->parent &&
		    &l->v[i] != c)
			return true;
	return false;
}

/* Parents and connections whose parent is gone are printed at the top */
static void print_tree(const struct conv_list *l, struct json *j)
{
	const struct conv *p, *c;
	size_t i, k;

	if (j)
		json_arr_open(j, NULL);
	for (i = 0; i < l->n; i++) {
		p = &l->v[i];
		if (p->pinhole || known_parent(l, p))
			continue;
		if (j) {
			json_obj_open(j, NULL);
			json_conn(j, p);
			json_arr_open(j, "children");
		} else {
			print_conn_text(p, "conversation", "");
		}
		for (k = 0; k < l->n; k++) {
			c = &l->v[k];
			if (c->pinhole || !c->has_parent || c->parent != p->id ||
			    c == p)
				continue;
			if (j) {
				json_obj_open(j, NULL);
				json_conn(j, c);
				json_obj_close(j);
			} else {
				print_conn_text(c, "child", "    ");
			}
		}
		if (j) {
			json_arr_close(j);
			json_arr_open(j, "pinholes");
		}
		for (k = 0; k < l->n; k++) {
			c = &l->v[k];
			if (!c->pinhole || c->parent != p->id)
				continue;
			if (j)
				json_pinhole(j, c);
			else
				print_pinhole_text(c);
		}
		if (j) {
			json_arr_close(j);
			json_obj_close(j);
		}
	}
	if (j) {
		json_arr_close(j);
		json_finish(j);
	}
}

int show_conversations(const struct opts *o)
{
	struct conv_list l = {};
	struct nlmsghdr *nlh;
	struct nl_ctx nl;
	struct nl_err err;
	struct json j;
	int ret;

	if (nfalg_connect(&nl, false))
		return NFALG_EXIT_ERROR;
	nlh = nl_req(&nl, NFALG_CMD_GET_CONV, NLM_F_DUMP);
	ret = nl_transact(&nl, nlh, conv_cb, &l, &err);
	nl_close(&nl);
	if (ret || l.oom) {
		if (l.oom)
			fprintf(stderr, "nfalg: out of memory\n");
		else
			nl_perror(&err, "conversations");
		free(l.v);
		return NFALG_EXIT_ERROR;
	}
	if (o->json) {
		json_init(&j, stdout);
		print_tree(&l, &j);
	} else if (!l.n) {
		printf("(no conversations)\n");
	} else {
		print_tree(&l, NULL);
	}
	free(l.v);
	return NFALG_EXIT_OK;
}

/* clear conversations [application NAME] [alg NAME] [address ADDR] */
int clear_conversations(int argc, char **argv)
{
	const char *app = NULL, *alg = NULL, *addr = NULL;
	unsigned char buf[16];
	struct nlattr *nest;
	struct nlmsghdr *nlh;
	struct nl_err err;
	struct nl_ctx nl;
	int i, ret, alen = 0;

	for (i = 0; i < argc; i += 2) {
		if (i + 1 >= argc)
			return usage_error("'%s' needs a value", argv[i]);
		if (!strcmp(argv[i], "application"))
			app = argv[i + 1];
		else if (!strcmp(argv[i], "alg"))
			alg = argv[i + 1];
		else if (!strcmp(argv[i], "address"))
			addr = argv[i + 1];
		else
			return usage_error("unknown filter '%s' (application, alg, address)",
					   argv[i]);
	}
	if (addr) {
		if (inet_pton(AF_INET, addr, buf) == 1)
			alen = 4;
		else if (inet_pton(AF_INET6, addr, buf) == 1)
			alen = 16;
		else
			return usage_error("bad address '%s'", addr);
	}
	if (nfalg_connect(&nl, false))
		return NFALG_EXIT_ERROR;
	nlh = nl_req(&nl, NFALG_CMD_DEL_CONV, 0);
	nest = mnl_attr_nest_start(nlh, NFALG_A_CONV);
	if (app)
		mnl_attr_put_strz(nlh, NFALG_A_CONV_APP, app);
	if (alg)
		mnl_attr_put_strz(nlh, NFALG_A_CONV_ALG, alg);
	if (alen)
		mnl_attr_put(nlh, NFALG_A_CONV_ADDR, alen, buf);
	mnl_attr_nest_end(nlh, nest);
	ret = nl_transact(&nl, nlh, NULL, NULL, &err);
	nl_close(&nl);
	if (ret) {
		nl_perror(&err, "clear conversations");
		return NFALG_EXIT_ERROR;
	}
	return NFALG_EXIT_OK;
}

int cmd_clear(int argc, char **argv, const struct opts *o)
{
	(void)o;
	if (argc < 2 || strcmp(argv[1], "conversations"))
		return usage_error("clear needs what to clear (conversations)");
	return clear_conversations(argc - 2, argv + 2);
}

/* ---- show rule-counters ---- */

static int rc_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *rt[NFALG_A_RULE_MAX + 1];
	const struct nlattr *tt[NFALG_A_TERM_MAX + 1];
	const struct nlattr *attr, *a;
	struct listing *d = data;
	char rule[64], term[64];

	mnl_attr_for_each(attr, nlh, sizeof(struct genlmsghdr)) {
		if (mnl_attr_get_type(attr) != NFALG_A_RULE)
			continue;
		if (parse_nest(attr, rt, NFALG_A_RULE_MAX))
			continue;
		copy_str(rt[NFALG_A_RULE_NAME], rule, sizeof(rule));
		if (!rt[NFALG_A_RULE_TERMS])
			continue;
		mnl_attr_for_each_nested(a, rt[NFALG_A_RULE_TERMS]) {
			if (parse_nest(a, tt, NFALG_A_TERM_MAX))
				continue;
			copy_str(tt[NFALG_A_TERM_NAME], term, sizeof(term));
			if (d->j) {
				json_obj_open(d->j, NULL);
				json_str(d->j, "rule", rule);
				json_str(d->j, "term", term);
				json_uint(d->j, "hits",
					  get_u64(tt[NFALG_A_TERM_HITS]));
				json_obj_close(d->j);
			} else {
				printf("rule %s term %s hits %llu\n", rule,
				       term, (unsigned long long)
				       get_u64(tt[NFALG_A_TERM_HITS]));
			}
			d->n++;
		}
	}
	return MNL_CB_OK;
}

int show_rule_counters(const struct opts *o)
{
	return show_listing(o, NFALG_CMD_GET_RULE, rc_cb, "rule counters",
			    "(no rules)");
}
