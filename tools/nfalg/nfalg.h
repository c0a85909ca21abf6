/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nfalg CLI: declarations shared by the command implementations.
 */
#ifndef NFALG_CLI_H
#define NFALG_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <linux/nfalg.h>

#include "json.h"
#include "nl.h"

/* Exit codes */
#define NFALG_EXIT_OK		0
#define NFALG_EXIT_ERROR	1	/* runtime: netlink, kernel refusal */
#define NFALG_EXIT_USAGE	2	/* bad command line */

struct opts {
	bool json;
};

struct command {
	const char *name;
	int (*run)(int argc, char **argv, const struct opts *o);
};

/*
 * objects.c: the kinds of configuration objects.  One table drives the
 * add/replace/del/show commands of every kind, their listings, the whole
 * configuration (show config) and its atomic load (-f FILE).
 */
struct obj_kind;

/* A listing in progress */
struct dump {
	const struct obj_kind *k;
	bool json;
	bool config;		/* the words of the -f file format */
	bool defaults;		/* list the predefined objects */
	const char *only;	/* print just this name */
	unsigned int count;
	struct json j;
	bool intr;
	bool open;		/* an object continues in the next message */
	bool set_predef, set_over;	/* flags of the open set */
	/* show config: application sets are printed members first */
	char **set_lines;
	char **set_names;
	size_t n_sets;
};

struct obj_kind {
	const char *word;	/* "application": command and file keyword */
	uint8_t get_cmd;	/* dump command */
	int attr;		/* nest of one object in dumps */
	int maxtype;		/* highest attribute of the nest */
	/* argv[0]: verb, argv[1]: name */
	int (*change)(int argc, char **argv, bool del, bool replace);
	void (*print)(struct dump *d, const struct nlattr **tb);
	/* objects split over messages: the continuation flag, the closer */
	int cont_attr;
	void (*close)(struct dump *d);
};

extern struct nl_ctx *cli_session;	/* status.c: open transaction, or NULL */
const struct obj_kind *obj_kind_find(const char *word);
int cmd_object(int argc, char **argv, const struct opts *o);
int obj_dump(struct nl_ctx *nl, struct dump *d);
int show_config(const struct opts *o);
int run_lines(const char *path, int (*fn)(int argc, char **argv, void *priv),
	      void *priv);
int run_file(const char *path);
int txn_open(struct nl_ctx *s);
int txn_close(struct nl_ctx *s, int ret);
int parse_nest(const struct nlattr *nest, const struct nlattr **tb, int max);
const char *get_str(const struct nlattr *a);

/* main.c */
void usage(FILE *out);
int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int parse_u32(const char *s, uint32_t *val);

/* params.c: the per-netns parameters known to this CLI */
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

struct param_desc {
	const char *name;	/* command line and human output */
	const char *json_key;
	int attr;		/* NFALG_A_PARAM_* */
	const char *unit;	/* after the value in human output */
	const char *help;
};

extern const struct param_desc param_descs[];
extern const size_t n_param_descs;
const struct param_desc *param_by_name(const char *name);
const struct param_desc *param_by_attr(int attr);

/* status.c */
struct nfalg_status {
	char version[64];
	uint32_t generation;
	bool has_param[NFALG_A_PARAM_MAX + 1];
	uint32_t param[NFALG_A_PARAM_MAX + 1];
	char **algs;
	size_t n_algs;
	bool has_counters;
	uint64_t counter[NFALG_A_CNT_MAX + 1];
};

/*
 * Open a socket and resolve the nfalg family.  Returns 0, -ENOENT when the
 * module is not loaded (message printed unless @quiet_absent), or
 * NFALG_EXIT_ERROR after printing an error.
 */
int nfalg_connect(struct nl_ctx *nl, bool quiet_absent);
int status_parse(const struct nlmsghdr *nlh, struct nfalg_status *st);
void status_free(struct nfalg_status *st);
int status_query(struct nl_ctx *nl, struct nfalg_status *st);
int status_counters(const struct opts *o);

/* show_alg.c */
/* one dump printed as text lines or one JSON array (show_alg.c) */
struct listing {
	struct json *j;		/* NULL: text output */
	int n;			/* objects printed */
};

int show_listing(const struct opts *o, uint8_t cmd, mnl_cb_t cb,
		 const char *what, const char *none);
int show_pinholes(const struct opts *o);

int cmd_status(int argc, char **argv, const struct opts *o);
int cmd_version(int argc, char **argv, const struct opts *o);

/* set.c */
int cmd_set(int argc, char **argv, const struct opts *o);

/* config.c */
int cmd_application(int argc, char **argv, const struct opts *o);
int cmd_application_set(int argc, char **argv, const struct opts *o);
int app_change(int argc, char **argv, bool del, bool replace);
int set_change(int argc, char **argv, bool del, bool replace);
void print_app(struct dump *d, const struct nlattr **tb);
void print_set(struct dump *d, const struct nlattr **tb);
int cmd_show(int argc, char **argv, const struct opts *o);
int cmd_flush(int argc, char **argv, const struct opts *o);
int parse_proto_name(const char *s, uint8_t *p);

/* rules.c */
int cmd_rule(int argc, char **argv, const struct opts *o);
int cmd_service_set(int argc, char **argv, const struct opts *o);
int rule_change(int argc, char **argv, bool del, bool replace);
int sset_change(int argc, char **argv, bool del, bool replace);
void print_rule(struct dump *d, const struct nlattr **tb);
void print_sset(struct dump *d, const struct nlattr **tb);
void close_sset(struct dump *d);
void close_set(struct dump *d);
int cmd_classify(int argc, char **argv, const struct opts *o);

/* conv.c */
int show_conversations(const struct opts *o);
int show_rule_counters(const struct opts *o);
int clear_conversations(int argc, char **argv);
int cmd_clear(int argc, char **argv, const struct opts *o);

/* monitor.c */
int cmd_monitor(int argc, char **argv, const struct opts *o);

#endif /* NFALG_CLI_H */
