// SPDX-License-Identifier: GPL-2.0
/*
 * nfalg CLI: the kinds of configuration objects, the whole configuration
 * (show config) and its atomic load (-f FILE).
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <linux/genetlink.h>

#include "nfalg.h"

static const struct obj_kind kinds[] = {
	{ .word = "application", .get_cmd = NFALG_CMD_GET_APP,
	  .attr = NFALG_A_APP, .maxtype = NFALG_A_APP_MAX,
	  .change = app_change, .print = print_app },
	{ .word = "application-set", .get_cmd = NFALG_CMD_GET_APPSET,
	  .attr = NFALG_A_APPSET, .maxtype = NFALG_A_APPSET_MAX,
	  .change = set_change, .print = print_set,
	  .cont_attr = NFALG_A_APPSET_CONTINUED, .close = close_set },
	{ .word = "rule", .get_cmd = NFALG_CMD_GET_RULE,
	  .attr = NFALG_A_RULE, .maxtype = NFALG_A_RULE_MAX,
	  .change = rule_change, .print = print_rule },
	{ .word = "service-set", .get_cmd = NFALG_CMD_GET_SSET,
	  .attr = NFALG_A_SSET, .maxtype = NFALG_A_SSET_MAX,
	  .change = sset_change, .print = print_sset,
	  .cont_attr = NFALG_A_SSET_APPEND, .close = close_sset },
};

#define N_KINDS		(sizeof(kinds) / sizeof(kinds[0]))
#define KIND_APPSET	(&kinds[1])

const struct obj_kind *obj_kind_find(const char *word)
{
	size_t i;

	for (i = 0; i < N_KINDS; i++) {
		if (!strcmp(word, kinds[i].word))
			return &kinds[i];
	}
	return NULL;
}

/* ---- attribute helpers ---- */

struct tbx {
	const struct nlattr **tb;
	int max;
};

static int tb_cb(const struct nlattr *attr, void *data)
{
	struct tbx *x = data;
	int type = mnl_attr_get_type(attr);

	if (type > 0 && type <= x->max)
		x->tb[type] = attr;
	return MNL_CB_OK;
}

int parse_nest(const struct nlattr *nest, const struct nlattr **tb, int max)
{
	struct tbx x = { .tb = tb, .max = max };

	memset(tb, 0, sizeof(*tb) * (size_t)(max + 1));
	return mnl_attr_parse_nested(nest, tb_cb, &x) < 0 ? -EINVAL : 0;
}

const char *get_str(const struct nlattr *a)
{
	if (!a || mnl_attr_validate(a, MNL_TYPE_NUL_STRING) < 0)
		return "?";
	return mnl_attr_get_str(a);
}

/* ---- listings ---- */

static int dump_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[NFALG_A_APP_MAX + 1];
	struct dump *d = data;
	const struct nlattr *attr;
	bool cont;

	if (nlh->nlmsg_flags & NLM_F_DUMP_INTR)
		d->intr = true;
	mnl_attr_for_each(attr, nlh, sizeof(struct genlmsghdr)) {
		if (mnl_attr_get_type(attr) != d->k->attr ||
		    mnl_attr_validate(attr, MNL_TYPE_NESTED) < 0 ||
		    parse_nest(attr, tb, d->k->maxtype) || !tb[1] ||
		    mnl_attr_validate(tb[1], MNL_TYPE_NUL_STRING) < 0)
			continue;
		if (d->only && strcmp(d->only, mnl_attr_get_str(tb[1])))
			continue;
		cont = d->k->cont_attr && tb[d->k->cont_attr];
		if (!cont && d->open) {
			d->k->close(d);
			d->open = false;
		}
		if (!cont)
			d->count++;
		d->k->print(d, tb);
	}
	return MNL_CB_OK;
}

/* List the objects of kind d->k through @nl */
int obj_dump(struct nl_ctx *nl, struct dump *d)
{
	struct nlmsghdr *nlh;
	struct nl_err err;
	int ret;

	nlh = nl_req(nl, d->k->get_cmd, NLM_F_DUMP);
	if (d->defaults)
		mnl_attr_put(nlh, NFALG_A_DEFAULTS, 0, NULL);
	ret = nl_transact(nl, nlh, dump_cb, d, &err);
	if (d->open) {
		d->k->close(d);
		d->open = false;
	}
	if (ret) {
		nl_perror(&err, NULL);
		return NFALG_EXIT_ERROR;
	}
	if (d->intr) {
		fprintf(stderr, "nfalg: configuration changed during the listing; run again\n");
		return NFALG_EXIT_ERROR;
	}
	return NFALG_EXIT_OK;
}

static int obj_show(const struct obj_kind *k, const char *only,
		    const struct opts *o)
{
	struct dump d = { .k = k, .json = o->json, .only = only };
	struct nl_ctx nl;
	int ret;

	if (nfalg_connect(&nl, false))
		return NFALG_EXIT_ERROR;
	if (d.json) {
		json_init(&d.j, stdout);
		json_arr_open(&d.j, NULL);
	}
	ret = obj_dump(&nl, &d);
	nl_close(&nl);
	if (d.json) {
		json_arr_close(&d.j);
		json_finish(&d.j);
	}
	if (!ret && only && !d.count) {
		fprintf(stderr, "nfalg: no %s '%s'\n", k->word, only);
		return NFALG_EXIT_ERROR;
	}
	return ret;
}

/* KIND {add|replace|del|show} ... */
int cmd_object(int argc, char **argv, const struct opts *o)
{
	const struct obj_kind *k = obj_kind_find(argv[0]);
	const char *verb = argc > 1 ? argv[1] : "show";

	if (!k)
		return usage_error("unknown command '%s'", argv[0]);
	if (!strcmp(verb, "add"))
		return k->change(argc - 1, argv + 1, false, false);
	if (!strcmp(verb, "replace"))
		return k->change(argc - 1, argv + 1, false, true);
	if (!strcmp(verb, "del"))
		return k->change(argc - 1, argv + 1, true, false);
	if (!strcmp(verb, "show")) {
		if (argc > 3)
			return usage_error("%s show takes at most a NAME",
					   k->word);
		return obj_show(k, argc > 2 ? argv[2] : NULL, o);
	}
	return usage_error("unknown %s command '%s'", k->word, verb);
}

/* ---- show config ---- */

/* Application sets are collected and printed once their members are */
static void collect_set(struct dump *d, const struct nlattr **tb)
{
	bool cont = tb[NFALG_A_APPSET_CONTINUED] && d->n_sets;
	const struct nlattr *mem;
	size_t len = 0, cap = 256;
	char *line;
	char **l, **n;
	int w;

	if (!tb[NFALG_A_APPSET_MEMBERS])
		return;
	if (cont) {
		/* more members of the last set */
		line = d->set_lines[d->n_sets - 1];
		len = strlen(line);
		while (cap <= len)
			cap *= 2;
	} else {
		line = malloc(cap);
		if (!line)
			return;
		line[0] = '\0';
	}
	mnl_attr_for_each_nested(mem, tb[NFALG_A_APPSET_MEMBERS]) {
		const char *m = get_str(mem);

		while (len + strlen(m) + 2 > cap) {
			char *p = realloc(line, cap * 2);

			if (!p) {
				if (cont)
					d->set_lines[d->n_sets - 1] = NULL;
				free(line);
				return;
			}
			line = p;
			cap *= 2;
		}
		w = sprintf(line + len, " %s", m);
		len += (size_t)w;
	}
	if (cont) {
		d->set_lines[d->n_sets - 1] = line;
		return;
	}
	l = realloc(d->set_lines, (d->n_sets + 1) * sizeof(*l));
	if (l)
		d->set_lines = l;
	n = realloc(d->set_names, (d->n_sets + 1) * sizeof(*n));
	if (n)
		d->set_names = n;
	if (!l || !n) {
		free(line);
		return;
	}
	d->set_names[d->n_sets] = strdup(get_str(tb[NFALG_A_APPSET_NAME]));
	d->set_lines[d->n_sets++] = line;
}

/* Is member list @line free of sets not printed yet (@done false)? */
static bool set_ready(const struct dump *d, const char *line,
		      const bool *done)
{
	size_t i, len;
	const char *p;

	for (i = 0; i < d->n_sets; i++) {
		if (done[i] || !d->set_names[i])
			continue;
		len = strlen(d->set_names[i]);
		for (p = strstr(line, d->set_names[i]); p;
		     p = strstr(p + 1, d->set_names[i])) {
			if (p[-1] == ' ' && (p[len] == ' ' || !p[len]))
				return false;
		}
	}
	return true;
}

static void print_sets(struct dump *d)
{
	bool *done = calloc(d->n_sets + 1, sizeof(*done));
	size_t i, left = d->n_sets;
	bool progress = true;

	while (done && left && progress) {
		progress = false;
		for (i = 0; i < d->n_sets; i++) {
			if (done[i] || !d->set_lines[i] ||
			    !set_ready(d, d->set_lines[i], done))
				continue;
			printf("application-set %s%s\n", d->set_names[i],
			       d->set_lines[i]);
			done[i] = true;
			progress = true;
			left--;
		}
	}
	for (i = 0; i < d->n_sets; i++) {
		free(d->set_lines[i]);
		free(d->set_names[i]);
	}
	free(d->set_lines);
	free(d->set_names);
	free(done);
}

/* User applications only: predefined ones are not configuration */
static void print_user_app(struct dump *d, const struct nlattr **tb)
{
	if (tb[NFALG_A_APP_PREDEFINED])
		return;
	if (!d->json)
		printf("application ");
	print_app(d, tb);
}

static void print_user_set(struct dump *d, const struct nlattr **tb)
{
	if (tb[NFALG_A_APPSET_PREDEFINED])
		return;
	if (d->json)
		print_set(d, tb);
	else
		collect_set(d, tb);
}

static void print_config_rule(struct dump *d, const struct nlattr **tb)
{
	if (!d->json)
		printf("rule ");
	print_rule(d, tb);
}

static void print_config_sset(struct dump *d, const struct nlattr **tb)
{
	if (!d->json && !tb[NFALG_A_SSET_APPEND])
		printf("service-set ");
	print_sset(d, tb);
}

/*
 * The whole user configuration in the -f file format: applications, then
 * sets (each after the sets it contains), rules, service sets.  With -j:
 * {"applications": [...], "application_sets": [...], "rules": [...],
 * "service_sets": [...]}.
 */
int show_config(const struct opts *o)
{
	static const char * const keys[] = {
		"applications", "application_sets", "rules", "service_sets",
	};
	void (* const printers[])(struct dump *, const struct nlattr **) = {
		print_user_app, print_user_set, print_config_rule,
		print_config_sset,
	};
	struct obj_kind k;
	struct dump d = { .k = &k, .json = o->json, .config = true };
	struct nl_ctx nl;
	int ret = NFALG_EXIT_OK;
	size_t i;

	if (nfalg_connect(&nl, false))
		return NFALG_EXIT_ERROR;
	if (d.json) {
		json_init(&d.j, stdout);
		json_obj_open(&d.j, NULL);
	}
	for (i = 0; i < N_KINDS && !ret; i++) {
		k = kinds[i];
		k.print = printers[i];
		if (d.json)
			json_arr_open(&d.j, keys[i]);
		ret = obj_dump(&nl, &d);
		if (d.json)
			json_arr_close(&d.j);
		else if (i == 1)
			print_sets(&d);
	}
	nl_close(&nl);
	if (d.json) {
		json_obj_close(&d.j);
		json_finish(&d.j);
	}
	return ret;
}

/* ---- transactions ---- */

static int txn_cmd(struct nl_ctx *s, uint8_t cmd, const char *what)
{
	struct nl_err err;

	if (nl_transact(s, nl_req(s, cmd, 0), NULL, NULL, &err)) {
		nl_perror(&err, what);
		return NFALG_EXIT_ERROR;
	}
	return NFALG_EXIT_OK;
}

/*
 * Open a transaction on a new socket @s and make it the session every
 * command uses until txn_close().
 */
int txn_open(struct nl_ctx *s)
{
	if (nfalg_connect(s, false))
		return NFALG_EXIT_ERROR;
	if (txn_cmd(s, NFALG_CMD_BEGIN, "begin")) {
		nl_close(s);
		return NFALG_EXIT_ERROR;
	}
	cli_session = s;
	return NFALG_EXIT_OK;
}

/* Commit (@ret 0) or abort the transaction; closes the socket */
int txn_close(struct nl_ctx *s, int ret)
{
	cli_session = NULL;
	if (!ret)
		ret = txn_cmd(s, NFALG_CMD_COMMIT, "commit");
	else
		txn_cmd(s, NFALG_CMD_ABORT, "abort");
	nl_close(s);
	return ret;
}

/* ---- files ---- */

/*
 * Call @fn for each line of @path ("-": standard input) split into words
 * (blanks separate them, '#' starts a comment, empty lines are skipped),
 * with nl_where naming the line.  Stops at the first non-zero return.
 */
int run_lines(const char *path, int (*fn)(int argc, char **argv, void *priv),
	      void *priv)
{
	char *line = NULL, **words = NULL, **nw, *w, *save;
	size_t cap = 0, wcap = 0, n;
	unsigned long lineno = 0;
	char where[4096];
	FILE *f;
	int ret = NFALG_EXIT_OK;

	f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	if (!f) {
		fprintf(stderr, "nfalg: %s: %s\n", path, strerror(errno));
		return NFALG_EXIT_ERROR;
	}
	while (!ret && getline(&line, &cap, f) > 0) {
		lineno++;
		w = strchr(line, '#');
		if (w)
			*w = '\0';
		n = 0;
		for (w = strtok_r(line, " \t\r\n", &save); w;
		     w = strtok_r(NULL, " \t\r\n", &save)) {
			if (n + 1 >= wcap) {
				wcap = wcap ? 2 * wcap : 64;
				nw = realloc(words, wcap * sizeof(*words));
				if (!nw) {
					ret = NFALG_EXIT_ERROR;
					break;
				}
				words = nw;
			}
			words[n++] = w;
		}
		if (ret || !n)
			continue;
		words[n] = NULL;
		snprintf(where, sizeof(where), "%s:%lu", path, lineno);
		nl_where = where;
		optind = 1;
		ret = fn((int)n, words, priv);
		nl_where = NULL;
	}
	free(words);
	free(line);
	if (f != stdin)
		fclose(f);
	return ret;
}

/* One line of a configuration file: KIND NAME WORDS... */
static int file_line(int argc, char **argv, void *priv)
{
	const struct obj_kind *k = obj_kind_find(argv[0]);

	(void)priv;
	if (!k)
		return usage_error("unknown object '%s' (application, application-set, rule, service-set)",
				   argv[0]);
	if (argc < 2)
		return usage_error("%s needs a NAME", k->word);
	/* the line is the add command without its verb */
	argv[0] = (char *)"add";
	return k->change(argc, argv, false, false);
}

/*
 * Replace the whole configuration with the one in @path, atomically: one
 * transaction that flushes the candidate, adds every object of the file
 * and commits; any error aborts it and nothing changes.
 */
int run_file(const char *path)
{
	struct nl_ctx s;
	FILE *f;
	int ret;

	f = strcmp(path, "-") ? fopen(path, "r") : NULL;
	if (strcmp(path, "-") && !f) {
		fprintf(stderr, "nfalg: %s: %s\n", path, strerror(errno));
		return NFALG_EXIT_ERROR;
	}
	if (f)
		fclose(f);
	nl_where = path;
	ret = txn_open(&s);
	if (ret)
		goto out;
	ret = txn_cmd(&s, NFALG_CMD_FLUSH, "flush");
	if (!ret)
		ret = run_lines(path, file_line, NULL);
	nl_where = path;
	ret = txn_close(&s, ret);
out:
	nl_where = NULL;
	if (ret)
		fprintf(stderr, "nfalg: %s: not loaded, the configuration is unchanged\n",
			path);
	return ret;
}
