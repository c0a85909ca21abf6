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

/* main.c */
void usage(FILE *out);
int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int parse_u32(const char *s, uint32_t *val);

/* params.c: the per-netns parameters known to this CLI */
struct param_desc {
	const char *name;	/* command line and human output */
	const char *json_key;
	int attr;		/* NFALG_A_PARAM_* */
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
int show_pinholes(const struct opts *o);

int cmd_status(int argc, char **argv, const struct opts *o);
int cmd_version(int argc, char **argv, const struct opts *o);

/* set.c */
int cmd_set(int argc, char **argv, const struct opts *o);

/* config.c */
int cmd_application(int argc, char **argv, const struct opts *o);
int cmd_application_set(int argc, char **argv, const struct opts *o);
int cmd_show(int argc, char **argv, const struct opts *o);
int cmd_flush(int argc, char **argv, const struct opts *o);
int parse_proto_name(const char *s, uint8_t *p);

/* rules.c */
int cmd_rule(int argc, char **argv, const struct opts *o);
int cmd_service_set(int argc, char **argv, const struct opts *o);
int cmd_classify(int argc, char **argv, const struct opts *o);

/* conv.c */
int show_conversations(const struct opts *o);
int show_rule_counters(const struct opts *o);
int clear_conversations(int argc, char **argv);
int cmd_clear(int argc, char **argv, const struct opts *o);

#endif /* NFALG_CLI_H */
