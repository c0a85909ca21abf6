// SPDX-License-Identifier: GPL-2.0
/*
 * nfalg CLI: stateful firewall rules and service sets.
 */

#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <linux/genetlink.h>

#include "json.h"
#include "nfalg.h"

/* More than the kernel accepts, so that the kernel names the limit */
#define CLI_MAX_REFS	64
#define CLI_MAX_TERMS	64
#define CLI_MAX_MARKS	1024
/* Rule names per service-set message: well within 64 KiB and NL_BUF_SIZE */
#define SSET_CHUNK	200

static const char * const directions[] = {
	[NFALG_DIR_INPUT]		= "input",
	[NFALG_DIR_OUTPUT]		= "output",
	[NFALG_DIR_INPUT_OUTPUT]	= "input-output",
};

static const char * const actions[] = {
	[NFALG_ACT_ACCEPT]	= "accept",
	[NFALG_ACT_DISCARD]	= "discard",
	[NFALG_ACT_REJECT]	= "reject",
};

/* ---- which argument did the kernel reject? ---- */

struct rmarks {
	unsigned int n;
	uint32_t offs[CLI_MAX_MARKS];
	const char *what[CLI_MAX_MARKS];
};

static void rmark(struct rmarks *m, const struct nlmsghdr *nlh,
		  const char *arg)
{
	if (m->n >= CLI_MAX_MARKS)
		return;
	m->offs[m->n] = (uint32_t)((char *)mnl_nlmsg_get_payload_tail(nlh) -
				   (char *)nlh);
	m->what[m->n++] = arg;
}

static int rsend(struct nlmsghdr *nlh, struct nl_ctx *nl,
		 const struct rmarks *m, const char *what)
{
	struct nl_err err;
	char buf[256];
	unsigned int i;

	if (!nl_transact(nl, nlh, NULL, NULL, &err))
		return NFALG_EXIT_OK;
	snprintf(buf, sizeof(buf), "%.100s", what);
	for (i = 0; err.has_offs && i < m->n; i++) {
		if (m->offs[i] == err.offs)
			snprintf(buf, sizeof(buf), "%.100s: %.100s", what,
				 m->what[i]);
	}
	nl_perror(&err, buf);
	return NFALG_EXIT_ERROR;
}

/* ---- prefixes ---- */

/* "ADDR[/LEN]"; host bits are left for the kernel to refuse */
static int parse_prefix(const char *s, uint8_t *addr, size_t *alen,
			uint8_t *len)
{
	char buf[INET6_ADDRSTRLEN + 8], *slash;
	uint32_t v;

	if (strlen(s) >= sizeof(buf))
		return -EINVAL;
	strcpy(buf, s);
	slash = strchr(buf, '/');
	if (slash)
		*slash = '\0';
	if (inet_pton(AF_INET, buf, addr) == 1) {
		*alen = 4;
	} else if (inet_pton(AF_INET6, buf, addr) == 1) {
		*alen = 16;
	} else {
		return -EINVAL;
	}
	*len = (uint8_t)(*alen * 8);
	if (slash) {
		if (parse_u32(slash + 1, &v) || v > *alen * 8)
			return -EINVAL;
		*len = (uint8_t)v;
	}
	return 0;
}

/* ---- rule add/replace/del ---- */

struct cli_term {
	const char *name;
	const char *src[CLI_MAX_REFS], *dst[CLI_MAX_REFS];
	bool src_ex[CLI_MAX_REFS], dst_ex[CLI_MAX_REFS];
	const char *apps[CLI_MAX_REFS], *sets[CLI_MAX_REFS];
	unsigned int n_src, n_dst, n_apps, n_sets;
	uint8_t action;
	bool syslog;
};

static int put_prefixes(struct nlmsghdr *nlh, int type, const char **p,
			const bool *ex, unsigned int n, struct rmarks *m)
{
	struct nlattr *nest, *pn;
	uint8_t addr[16], len;
	unsigned int i;
	size_t alen;

	if (!n)
		return 0;
	nest = mnl_attr_nest_start(nlh, type);
	for (i = 0; i < n; i++) {
		if (parse_prefix(p[i], addr, &alen, &len))
			return usage_error("bad address prefix '%s'", p[i]);
		rmark(m, nlh, p[i]);
		pn = mnl_attr_nest_start(nlh, NFALG_A_PREFIX);
		rmark(m, nlh, p[i]);
		mnl_attr_put(nlh, NFALG_A_PREFIX_ADDR, alen, addr);
		rmark(m, nlh, p[i]);
		mnl_attr_put_u8(nlh, NFALG_A_PREFIX_LEN, len);
		if (ex[i])
			mnl_attr_put(nlh, NFALG_A_PREFIX_EXCEPT, 0, NULL);
		mnl_attr_nest_end(nlh, pn);
	}
	mnl_attr_nest_end(nlh, nest);
	return 0;
}

static void put_names(struct nlmsghdr *nlh, int type, const char **names,
		      unsigned int n, struct rmarks *m)
{
	struct nlattr *nest;
	unsigned int i;

	if (!n)
		return;
	nest = mnl_attr_nest_start(nlh, type);
	for (i = 0; i < n; i++) {
		rmark(m, nlh, names[i]);
		mnl_attr_put_strz(nlh, NFALG_A_APPSET_MEMBER, names[i]);
	}
	mnl_attr_nest_end(nlh, nest);
}

static int add_ref(const char **arr, unsigned int *n, const char *v)
{
	if (*n >= CLI_MAX_REFS)
		return usage_error("too many values in a term (limit %d)",
				   NFALG_MAX_TERM_REFS);
	arr[(*n)++] = v;
	return 0;
}

/* Parse the words after "rule add NAME" into @terms */
static int rule_words(int argc, char **argv, uint8_t *dir,
		      struct cli_term *terms, unsigned int *n_terms)
{
	struct cli_term *t = NULL;
	const char *key;
	unsigned int i;
	bool then = false;
	int k, ret;

	for (k = 2; k < argc; k++) {
		key = argv[k];
		if (!strcmp(key, "match-direction")) {
			if (++k >= argc)
				return usage_error("missing value for '%s'", key);
			for (i = 1; i <= NFALG_DIR_INPUT_OUTPUT; i++) {
				if (!strcmp(argv[k], directions[i]))
					break;
			}
			if (i > NFALG_DIR_INPUT_OUTPUT)
				return usage_error("bad match-direction '%s'",
						   argv[k]);
			*dir = (uint8_t)i;
			continue;
		}
		if (!strcmp(key, "term")) {
			if (++k >= argc)
				return usage_error("missing term name");
			if (*n_terms >= CLI_MAX_TERMS)
				return usage_error("too many terms (limit %d)",
						   NFALG_MAX_TERMS);
			t = &terms[(*n_terms)++];
			t->name = argv[k];
			then = false;
			continue;
		}
		if (!t)
			return usage_error("'%s' outside a term", key);
		if (!strcmp(key, "from")) {
			then = false;
			continue;
		}
		if (!strcmp(key, "then")) {
			then = true;
			continue;
		}
		if (then) {
			for (i = 1; i <= NFALG_ACT_REJECT; i++) {
				if (!strcmp(key, actions[i]))
					break;
			}
			if (i <= NFALG_ACT_REJECT)
				t->action = (uint8_t)i;
			else if (!strcmp(key, "syslog"))
				t->syslog = true;
			else
				return usage_error("unknown action '%s'", key);
			continue;
		}
		if (k + 1 >= argc)
			return usage_error("missing value for '%s'", key);
		if (!strcmp(key, "source-address") ||
		    !strcmp(key, "destination-address")) {
			bool s = key[0] == 's';
			unsigned int *n = s ? &t->n_src : &t->n_dst;

			ret = add_ref(s ? t->src : t->dst, n, argv[++k]);
			if (ret)
				return ret;
			if (k + 1 < argc && !strcmp(argv[k + 1], "except")) {
				(s ? t->src_ex : t->dst_ex)[*n - 1] = true;
				k++;
			}
		} else if (!strcmp(key, "application")) {
			ret = add_ref(t->apps, &t->n_apps, argv[++k]);
			if (ret)
				return ret;
		} else if (!strcmp(key, "application-set")) {
			ret = add_ref(t->sets, &t->n_sets, argv[++k]);
			if (ret)
				return ret;
		} else {
			return usage_error("unknown rule keyword '%s'", key);
		}
	}
	return 0;
}

int rule_change(int argc, char **argv, bool del, bool replace)
{
	struct nlattr *nest, *tnest, *tn;
	struct cli_term *terms = NULL;
	unsigned int n_terms = 0, n_words = 0, i;
	struct rmarks *m = NULL;
	struct nlmsghdr *nlh;
	struct nl_ctx nl;
	uint8_t dir = 0;
	int k;
	char what[96];
	int ret;

	if (argc < 2)
		return usage_error("rule %s needs a NAME", argv[0]);
	if (del && argc > 2)
		return usage_error("rule del takes only a NAME");
	/* a term is large: room for as many as the words can name */
	for (k = 2; k < argc; k++)
		n_words += !strcmp(argv[k], "term");
	terms = calloc(n_words < CLI_MAX_TERMS ? n_words + 1 : CLI_MAX_TERMS,
		       sizeof(*terms));
	m = calloc(1, sizeof(*m));
	if (!terms || !m) {
		ret = NFALG_EXIT_ERROR;
		goto out;
	}
	ret = rule_words(argc, argv, &dir, terms, &n_terms);
	if (ret)
		goto out;
	if (nfalg_connect(&nl, false)) {
		ret = NFALG_EXIT_ERROR;
		goto out;
	}
	snprintf(what, sizeof(what), "rule '%.64s'", argv[1]);
	nlh = nl_req(&nl, del ? NFALG_CMD_DEL_RULE : NFALG_CMD_NEW_RULE, 0);
	if (replace)
		mnl_attr_put(nlh, NFALG_A_REPLACE, 0, NULL);
	nest = mnl_attr_nest_start(nlh, NFALG_A_RULE);
	mnl_attr_put_strz(nlh, NFALG_A_RULE_NAME, argv[1]);
	if (dir)
		mnl_attr_put_u8(nlh, NFALG_A_RULE_DIRECTION, dir);
	if (n_terms) {
		tnest = mnl_attr_nest_start(nlh, NFALG_A_RULE_TERMS);
		for (i = 0; i < n_terms; i++) {
			struct cli_term *t = &terms[i];

			rmark(m, nlh, t->name);
			tn = mnl_attr_nest_start(nlh, NFALG_A_RULE_TERM);
			rmark(m, nlh, t->name);
			mnl_attr_put_strz(nlh, NFALG_A_TERM_NAME, t->name);
			ret = put_prefixes(nlh, NFALG_A_TERM_SOURCE, t->src,
					   t->src_ex, t->n_src, m);
			if (!ret)
				ret = put_prefixes(nlh, NFALG_A_TERM_DESTINATION,
						   t->dst, t->dst_ex, t->n_dst,
						   m);
			if (ret) {
				nl_close(&nl);
				goto out;
			}
			put_names(nlh, NFALG_A_TERM_APPS, t->apps, t->n_apps,
				  m);
			put_names(nlh, NFALG_A_TERM_APPSETS, t->sets, t->n_sets,
				  m);
			if (t->action)
				mnl_attr_put_u8(nlh, NFALG_A_TERM_ACTION,
						t->action);
			if (t->syslog)
				mnl_attr_put(nlh, NFALG_A_TERM_SYSLOG, 0, NULL);
			mnl_attr_nest_end(nlh, tn);
		}
		mnl_attr_nest_end(nlh, tnest);
	}
	mnl_attr_nest_end(nlh, nest);
	ret = rsend(nlh, &nl, m, what);
	nl_close(&nl);
out:
	free(terms);
	free(m);
	return ret;
}

/* ---- service-set add/replace/del ---- */

int sset_change(int argc, char **argv, bool del, bool replace)
{
	unsigned int n_rules = 0, n_ifaces = 0, done = 0, chunk;
	const char **rules, **ifaces;
	bool global = false, own_txn = false;
	struct rmarks *m = NULL;
	struct nl_ctx nl, txn;
	struct nlmsghdr *nlh;
	struct nlattr *nest;
	char what[96];
	int k, ret;

	if (argc < 2)
		return usage_error("service-set %s needs a NAME", argv[0]);
	if (del && argc > 2)
		return usage_error("service-set del takes only a NAME");
	rules = calloc((size_t)argc, sizeof(*rules));
	ifaces = calloc((size_t)argc, sizeof(*ifaces));
	m = calloc(1, sizeof(*m));
	if (!rules || !ifaces || !m) {
		ret = NFALG_EXIT_ERROR;
		goto out;
	}
	for (k = 2; k < argc; k++) {
		if (!strcmp(argv[k], "global")) {
			global = true;
			continue;
		}
		if (k + 1 >= argc) {
			ret = usage_error("missing value for '%s'", argv[k]);
			goto out;
		}
		if (!strcmp(argv[k], "rule")) {
			rules[n_rules++] = argv[++k];
		} else if (!strcmp(argv[k], "interface")) {
			ifaces[n_ifaces++] = argv[++k];
		} else {
			ret = usage_error("unknown service-set keyword '%s'",
					  argv[k]);
			goto out;
		}
	}
	/* a long rule list takes several messages: one transaction */
	if (n_rules > SSET_CHUNK && !cli_session) {
		if (txn_open(&txn)) {
			ret = NFALG_EXIT_ERROR;
			goto out;
		}
		own_txn = true;
	}
	if (nfalg_connect(&nl, false)) {
		ret = own_txn ? txn_close(&txn, NFALG_EXIT_ERROR) :
			NFALG_EXIT_ERROR;
		goto out;
	}
	snprintf(what, sizeof(what), "service-set '%.64s'", argv[1]);
	do {
		chunk = n_rules - done < SSET_CHUNK ? n_rules - done :
			SSET_CHUNK;
		m->n = 0;
		nlh = nl_req(&nl, del ? NFALG_CMD_DEL_SSET : NFALG_CMD_NEW_SSET,
			     0);
		if (replace && !done)
			mnl_attr_put(nlh, NFALG_A_REPLACE, 0, NULL);
		nest = mnl_attr_nest_start(nlh, NFALG_A_SSET);
		mnl_attr_put_strz(nlh, NFALG_A_SSET_NAME, argv[1]);
		put_names(nlh, NFALG_A_SSET_RULES, rules + done, chunk, m);
		if (done)
			mnl_attr_put(nlh, NFALG_A_SSET_APPEND, 0, NULL);
		else
			put_names(nlh, NFALG_A_SSET_IFACES, ifaces, n_ifaces,
				  m);
		if (global && !done) {
			rmark(m, nlh, "global");
			mnl_attr_put(nlh, NFALG_A_SSET_GLOBAL, 0, NULL);
		}
		mnl_attr_nest_end(nlh, nest);
		ret = rsend(nlh, &nl, m, what);
		done += chunk;
	} while (!ret && done < n_rules);
	nl_close(&nl);
	if (own_txn)
		ret = txn_close(&txn, ret);
out:
	free(rules);
	free(ifaces);
	free(m);
	return ret;
}

/* ---- dumps ---- */

static void print_names(struct dump *d, const struct nlattr *nest,
			const char *key, const char *word)
{
	const struct nlattr *a;

	if (d->json)
		json_arr_open(&d->j, key);
	if (nest) {
		mnl_attr_for_each_nested(a, nest) {
			if (d->json)
				json_str(&d->j, NULL, get_str(a));
			else
				printf(" %s %s", word, get_str(a));
		}
	}
	if (d->json)
		json_arr_close(&d->j);
}

static void print_prefixes(struct dump *d, const struct nlattr *nest,
			   const char *key, const char *word)
{
	const struct nlattr *tb[NFALG_A_PREFIX_MAX + 1], *a;
	char addr[INET6_ADDRSTRLEN], buf[INET6_ADDRSTRLEN + 8];
	uint16_t alen;

	if (d->json)
		json_arr_open(&d->j, key);
	if (nest) {
		mnl_attr_for_each_nested(a, nest) {
			if (parse_nest(a, tb, NFALG_A_PREFIX_MAX) ||
			    !tb[NFALG_A_PREFIX_ADDR] || !tb[NFALG_A_PREFIX_LEN])
				continue;
			alen = mnl_attr_get_payload_len(tb[NFALG_A_PREFIX_ADDR]);
			if ((alen != 4 && alen != 16) ||
			    !inet_ntop(alen == 4 ? AF_INET : AF_INET6,
				       mnl_attr_get_payload(tb[NFALG_A_PREFIX_ADDR]),
				       addr, sizeof(addr)))
				continue;
			snprintf(buf, sizeof(buf), "%s/%u", addr,
				 mnl_attr_get_u8(tb[NFALG_A_PREFIX_LEN]));
			if (d->json) {
				json_obj_open(&d->j, NULL);
				json_str(&d->j, "prefix", buf);
				json_bool(&d->j, "except",
					  tb[NFALG_A_PREFIX_EXCEPT]);
				json_obj_close(&d->j);
			} else {
				printf(" %s %s%s", word, buf,
				       tb[NFALG_A_PREFIX_EXCEPT] ? " except" : "");
			}
		}
	}
	if (d->json)
		json_arr_close(&d->j);
}

void print_rule(struct dump *d, const struct nlattr **tb)
{
	const struct nlattr *tt[NFALG_A_TERM_MAX + 1], *a;
	uint8_t dir = tb[NFALG_A_RULE_DIRECTION] ?
		mnl_attr_get_u8(tb[NFALG_A_RULE_DIRECTION]) : 0;
	const char *ds = dir >= 1 && dir <= NFALG_DIR_INPUT_OUTPUT ?
		directions[dir] : "?";

	if (d->json) {
		json_obj_open(&d->j, NULL);
		json_str(&d->j, "name", get_str(tb[NFALG_A_RULE_NAME]));
		json_str(&d->j, "match_direction", ds);
		json_arr_open(&d->j, "terms");
	} else {
		printf("%s match-direction %s", get_str(tb[NFALG_A_RULE_NAME]),
		       ds);
	}
	if (tb[NFALG_A_RULE_TERMS]) {
		mnl_attr_for_each_nested(a, tb[NFALG_A_RULE_TERMS]) {
			uint8_t act;
			const char *as;

			if (parse_nest(a, tt, NFALG_A_TERM_MAX))
				continue;
			act = tt[NFALG_A_TERM_ACTION] ?
				mnl_attr_get_u8(tt[NFALG_A_TERM_ACTION]) : 0;
			as = act >= 1 && act <= NFALG_ACT_REJECT ?
				actions[act] : "?";
			if (d->json) {
				json_obj_open(&d->j, NULL);
				json_str(&d->j, "name",
					 get_str(tt[NFALG_A_TERM_NAME]));
			} else {
				printf(" term %s from",
				       get_str(tt[NFALG_A_TERM_NAME]));
			}
			print_prefixes(d, tt[NFALG_A_TERM_SOURCE], "source",
				       "source-address");
			print_prefixes(d, tt[NFALG_A_TERM_DESTINATION],
				       "destination", "destination-address");
			print_names(d, tt[NFALG_A_TERM_APPS], "applications",
				    "application");
			print_names(d, tt[NFALG_A_TERM_APPSETS],
				    "application_sets", "application-set");
			if (d->json) {
				json_str(&d->j, "action", as);
				json_bool(&d->j, "syslog",
					  tt[NFALG_A_TERM_SYSLOG]);
				if (tt[NFALG_A_TERM_HITS])
					json_uint(&d->j, "hits",
						  mnl_attr_get_u64(tt[NFALG_A_TERM_HITS]));
				json_obj_close(&d->j);
			} else {
				printf(" then %s%s", as,
				       tt[NFALG_A_TERM_SYSLOG] ? " syslog" : "");
			}
		}
	}
	if (d->json) {
		json_arr_close(&d->j);
		json_obj_close(&d->j);
	} else {
		printf("\n");
	}
}

/*
 * A service set's rule list may continue in the next messages (flag
 * NFALG_A_SSET_APPEND), so the object stays open until close_sset().
 */
void print_sset(struct dump *d, const struct nlattr **tb)
{
	const struct nlattr *a;

	if (!tb[NFALG_A_SSET_APPEND]) {
		if (d->json) {
			json_obj_open(&d->j, NULL);
			json_str(&d->j, "name", get_str(tb[NFALG_A_SSET_NAME]));
			json_bool(&d->j, "global", tb[NFALG_A_SSET_GLOBAL]);
		} else {
			printf("%s", get_str(tb[NFALG_A_SSET_NAME]));
			if (tb[NFALG_A_SSET_GLOBAL])
				printf(" global");
		}
		print_names(d, tb[NFALG_A_SSET_IFACES], "interfaces",
			    "interface");
		if (d->json)
			json_arr_open(&d->j, "rules");
		d->open = true;
	}
	if (!tb[NFALG_A_SSET_RULES])
		return;
	mnl_attr_for_each_nested(a, tb[NFALG_A_SSET_RULES]) {
		if (d->json)
			json_str(&d->j, NULL, get_str(a));
		else
			printf(" rule %s", get_str(a));
	}
}

void close_sset(struct dump *d)
{
	if (d->json) {
		json_arr_close(&d->j);
		json_obj_close(&d->j);
	} else {
		printf("\n");
	}
}

int cmd_rule(int argc, char **argv, const struct opts *o)
{
	return cmd_object(argc, argv, o);
}

int cmd_service_set(int argc, char **argv, const struct opts *o)
{
	return cmd_object(argc, argv, o);
}

/* ---- classify ---- */

struct cls_out {
	const struct opts *o;
	bool got;
};

static int cls_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[NFALG_A_CLS_MAX + 1];
	struct cls_out *out = data;
	const struct nlattr *attr;
	uint8_t act;
	struct json j;

	mnl_attr_for_each(attr, nlh, sizeof(struct genlmsghdr)) {
		if (mnl_attr_get_type(attr) != NFALG_A_CLS ||
		    parse_nest(attr, tb, NFALG_A_CLS_MAX))
			continue;
		out->got = true;
		act = tb[NFALG_A_CLS_ACTION] ?
			mnl_attr_get_u8(tb[NFALG_A_CLS_ACTION]) : 0;
		if (out->o->json) {
			json_init(&j, stdout);
			json_obj_open(&j, NULL);
			json_bool(&j, "match", tb[NFALG_A_CLS_SSET]);
			if (tb[NFALG_A_CLS_SSET]) {
				json_str(&j, "service_set", get_str(tb[NFALG_A_CLS_SSET]));
				json_str(&j, "rule", get_str(tb[NFALG_A_CLS_RULE]));
				json_str(&j, "term", get_str(tb[NFALG_A_CLS_TERM]));
				if (tb[NFALG_A_CLS_APP])
					json_str(&j, "application",
						 get_str(tb[NFALG_A_CLS_APP]));
				else
					json_null(&j, "application");
				if (tb[NFALG_A_CLS_ALG])
					json_str(&j, "alg",
						 get_str(tb[NFALG_A_CLS_ALG]));
				else
					json_null(&j, "alg");
				json_str(&j, "action", act >= 1 && act <= NFALG_ACT_REJECT ?
					 actions[act] : "?");
				json_bool(&j, "syslog", tb[NFALG_A_CLS_SYSLOG]);
			}
			json_obj_close(&j);
			json_finish(&j);
			continue;
		}
		if (!tb[NFALG_A_CLS_SSET]) {
			printf("no match\n");
			continue;
		}
		printf("service-set %s rule %s term %s",
		       get_str(tb[NFALG_A_CLS_SSET]), get_str(tb[NFALG_A_CLS_RULE]),
		       get_str(tb[NFALG_A_CLS_TERM]));
		if (tb[NFALG_A_CLS_APP])
			printf(" application %s", get_str(tb[NFALG_A_CLS_APP]));
		if (tb[NFALG_A_CLS_ALG])
			printf(" alg %s", get_str(tb[NFALG_A_CLS_ALG]));
		printf(" action %s%s\n", act >= 1 && act <= NFALG_ACT_REJECT ?
		       actions[act] : "?",
		       tb[NFALG_A_CLS_SYSLOG] ? " syslog" : "");
	}
	return MNL_CB_OK;
}

static int parse_addr(const char *s, uint8_t *a, size_t *len)
{
	if (inet_pton(AF_INET, s, a) == 1)
		*len = 4;
	else if (inet_pton(AF_INET6, s, a) == 1)
		*len = 16;
	else
		return -EINVAL;
	return 0;
}

int cmd_classify(int argc, char **argv, const struct opts *o)
{
	uint8_t sa[16], da[16], proto = 0, dir = 0;
	struct cls_out out = { .o = o };
	const char *ifname = NULL;
	size_t slen = 0, dlen = 0;
	bool have_proto = false;
	uint32_t sport = 0, dport = 0, it = 0, ic = 0, prog = 0;
	bool has_sport = false, has_dport = false, has_it = false;
	bool has_ic = false, has_prog = false;
	struct nlmsghdr *nlh;
	struct nlattr *nest;
	struct nl_err err;
	struct nl_ctx nl;
	const char *key, *val;
	int k, ret;

	for (k = 1; k < argc; k += 2) {
		key = argv[k];
		if (k + 1 >= argc)
			return usage_error("missing value for '%s'", key);
		val = argv[k + 1];
		if (!strcmp(key, "iface")) {
			ifname = val;
		} else if (!strcmp(key, "dir")) {
			if (!strcmp(val, "input"))
				dir = NFALG_DIR_INPUT;
			else if (!strcmp(val, "output"))
				dir = NFALG_DIR_OUTPUT;
			else
				return usage_error("bad dir '%s'", val);
		} else if (!strcmp(key, "from")) {
			if (parse_addr(val, sa, &slen))
				return usage_error("bad address '%s'", val);
		} else if (!strcmp(key, "to")) {
			if (parse_addr(val, da, &dlen))
				return usage_error("bad address '%s'", val);
		} else if (!strcmp(key, "proto")) {
			if (parse_proto_name(val, &proto))
				return usage_error("bad protocol '%s'", val);
			have_proto = true;
		} else if (!strcmp(key, "sport")) {
			if (parse_u32(val, &sport) || sport > 65535)
				return usage_error("bad port '%s'", val);
			has_sport = true;
		} else if (!strcmp(key, "dport")) {
			if (parse_u32(val, &dport) || dport > 65535)
				return usage_error("bad port '%s'", val);
			has_dport = true;
		} else if (!strcmp(key, "icmp-type")) {
			if (parse_u32(val, &it) || it > 255)
				return usage_error("bad icmp-type '%s'", val);
			has_it = true;
		} else if (!strcmp(key, "icmp-code")) {
			if (parse_u32(val, &ic) || ic > 255)
				return usage_error("bad icmp-code '%s'", val);
			has_ic = true;
		} else if (!strcmp(key, "rpc-program")) {
			if (parse_u32(val, &prog))
				return usage_error("bad rpc-program '%s'", val);
			has_prog = true;
		} else {
			return usage_error("unknown classify keyword '%s'", key);
		}
	}
	if (!ifname || !dir || !slen || !dlen || !have_proto)
		return usage_error("classify needs iface, dir, from, to and proto");
	if (slen != dlen)
		return usage_error("from and to must be of the same family");
	if (nfalg_connect(&nl, false))
		return NFALG_EXIT_ERROR;
	nlh = nl_req(&nl, NFALG_CMD_CLASSIFY, 0);
	nest = mnl_attr_nest_start(nlh, NFALG_A_CLS);
	mnl_attr_put_strz(nlh, NFALG_A_CLS_IFNAME, ifname);
	mnl_attr_put_u8(nlh, NFALG_A_CLS_DIRECTION, dir);
	mnl_attr_put(nlh, NFALG_A_CLS_SADDR, slen, sa);
	mnl_attr_put(nlh, NFALG_A_CLS_DADDR, dlen, da);
	mnl_attr_put_u8(nlh, NFALG_A_CLS_PROTOCOL, proto);
	if (has_sport)
		mnl_attr_put_u16(nlh, NFALG_A_CLS_SPORT, (uint16_t)sport);
	if (has_dport)
		mnl_attr_put_u16(nlh, NFALG_A_CLS_DPORT, (uint16_t)dport);
	if (has_it)
		mnl_attr_put_u8(nlh, NFALG_A_CLS_ICMP_TYPE, (uint8_t)it);
	if (has_ic)
		mnl_attr_put_u8(nlh, NFALG_A_CLS_ICMP_CODE, (uint8_t)ic);
	if (has_prog)
		mnl_attr_put_u32(nlh, NFALG_A_CLS_RPC_PROG, prog);
	mnl_attr_nest_end(nlh, nest);
	ret = nl_transact(&nl, nlh, cls_cb, &out, &err);
	nl_close(&nl);
	if (ret) {
		nl_perror(&err, "classify");
		return NFALG_EXIT_ERROR;
	}
	return out.got ? NFALG_EXIT_OK : NFALG_EXIT_ERROR;
}
