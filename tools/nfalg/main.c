// SPDX-License-Identifier: GPL-2.0
/*
 * nfalg: command line interface to the nfalg kernel modules.
 */

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <nfalg/version.h>

#include "nfalg.h"

static int cmd_help(int argc, char **argv, const struct opts *o);

static const struct command commands[] = {
	{ "status",	cmd_status },
	{ "set",	cmd_set },
	{ "version",	cmd_version },
	{ "help",	cmd_help },
	{ "application", cmd_application },
	{ "application-set", cmd_application_set },
	{ "show",	cmd_show },
	{ "flush",	cmd_flush },
	{ "rule",	cmd_rule },
	{ "service-set", cmd_service_set },
	{ "classify",	cmd_classify },
	{ "clear",	cmd_clear },
	{ "monitor",	cmd_monitor },
};

/* The column the descriptions of the help text start in, and its width. */
#define HELP_COL	25
#define HELP_WIDTH	79

/*
 * One parameter of the help text: its name, then its description from
 * HELP_COL on (on a line of its own when the name reaches that far),
 * wrapped at word boundaries within HELP_WIDTH columns.
 */
static void print_param(FILE *out, const char *name, const char *help)
{
	int col = fprintf(out, "  %s", name);
	const char *p = help;

	if (col > HELP_COL - 1) {
		fputc('\n', out);
		col = 0;
	}
	while (*p) {
		size_t len = strcspn(p, " ");

		if (col > HELP_COL && col + 1 + (int)len > HELP_WIDTH) {
			fputc('\n', out);
			col = 0;
		}
		if (col < HELP_COL)
			col += fprintf(out, "%*s", HELP_COL - col, "");
		else
			col += fprintf(out, " ");
		col += fprintf(out, "%.*s", (int)len, p);
		p += len;
		while (*p == ' ')
			p++;
	}
	fputc('\n', out);
}

void usage(FILE *out)
{
	size_t i;

	fprintf(out,
		"Usage: nfalg [-j] COMMAND [ARGS] | nfalg [-j] -b FILE | nfalg -f FILE\n"
		"\n"
		"Commands:\n"
		"  status                 module version, parameters, generation, ALGs\n"
		"  set PARAM VALUE [PARAM VALUE]...\n"
		"                         change parameters of this network namespace\n"
		"  version                CLI and kernel module versions\n"
		"  show pinholes          open ALG pinholes of this network namespace\n"
		"  show counters          ALG counters of this network namespace\n"
		"  help                   this help\n"
		"  application {add|replace} NAME [KEYWORD VALUE]...\n"
		"  application del NAME\n"
		"  application show [NAME]\n"
		"                         applications (see Documentation/config.md)\n"
		"  application-set {add|replace} NAME MEMBER...\n"
		"  application-set del NAME\n"
		"  application-set show [NAME]\n"
		"                         named lists of applications and sets\n"
		"  show {defaults | applications | application-sets}\n"
		"                         predefined or effective objects\n"
		"  show config            the whole configuration, in the -f format\n"
		"  flush                  delete every user application, set, rule and\n"
		"                         service-set\n"
		"  rule {add|replace} NAME match-direction {input|output|input-output}\n"
		"       term NAME [from] [source-address PREFIX [except]]...\n"
		"       [destination-address PREFIX [except]]... [application NAME]...\n"
		"       [application-set NAME]... then {accept|discard|reject} [syslog]\n"
		"       [term ...]\n"
		"  rule del NAME | rule show [NAME]\n"
		"                         stateful firewall rules, first matching term wins\n"
		"  service-set {add|replace} NAME {interface IF... | global} rule NAME...\n"
		"  service-set del NAME | service-set show [NAME]\n"
		"                         ordered rules bound to interfaces\n"
		"  classify iface IF dir {input|output} from ADDR to ADDR proto P\n"
		"       [sport N] [dport N] [icmp-type T] [icmp-code C]\n"
		"       [rpc-program N]\n"
		"                         which service-set, rule, term and application\n"
		"                         a packet matches\n"
		"  show conversations     conversations (connections with an nfalg ALG,\n"
		"                         their children and pinholes) as a tree\n"
		"  clear conversations [application NAME] [alg NAME] [address ADDR]\n"
		"                         remove conversations with children and pinholes\n"
		"  show rule-counters     new connections per rule term\n"
		"  monitor                events as they happen (conversations,\n"
		"                         pinholes, anomaly drops, configuration\n"
		"                         changes) until interrupted; -j: one JSON\n"
		"                         object per line\n"
		"\n"
		"Parameters:\n");
	for (i = 0; i < n_param_descs; i++)
		print_param(out, param_descs[i].name, param_descs[i].help);
	fprintf(out,
		"\n"
		"Options:\n"
		"  -j, --json   print JSON (status, version, every show)\n"
		"  -b, --batch FILE\n"
		"               run the commands of FILE ('-': stdin), one per line,\n"
		"               in one process; stop at the first failing line\n"
		"  -f, --file FILE\n"
		"               replace the whole configuration with FILE (the\n"
		"               format of 'show config'), all or nothing\n"
		"  -h, --help   this help\n"
		"\n"
		"Exit status: 0 success, 1 runtime error, 2 usage error.\n");
}

static void short_usage(void)
{
	fprintf(stderr,
		"Usage: nfalg [-j] {status | set PARAM VALUE... | version | help |\n"
		"                   application ... | application-set ... | show ... | flush}\n"
		"Try 'nfalg help' for more information.\n");
}

int usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("nfalg: ", stderr);
	if (nl_where)
		fprintf(stderr, "%s: ", nl_where);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	short_usage();
	return NFALG_EXIT_USAGE;
}

/* Decimal number 0..UINT32_MAX, digits only; returns 0 or -EINVAL */
int parse_u32(const char *s, uint32_t *val)
{
	unsigned long long v;
	char *end;

	if (*s < '0' || *s > '9')
		return -EINVAL;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *end || v > UINT32_MAX)
		return -EINVAL;
	*val = (uint32_t)v;
	return 0;
}

static int cmd_help(int argc, char **argv, const struct opts *o)
{
	(void)argc;
	(void)argv;
	(void)o;
	usage(stdout);
	return NFALG_EXIT_OK;
}

static int run_command(int argc, char **argv, const struct opts *o)
{
	size_t i;

	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		if (!strcmp(argv[0], commands[i].name))
			return commands[i].run(argc, argv, o);
	}
	return usage_error("unknown command '%s'", argv[0]);
}

static int batch_line(int argc, char **argv, void *priv)
{
	int ret = run_command(argc, argv, priv);

	if (ret)
		fprintf(stderr, "nfalg: %s: command failed\n", nl_where);
	return ret;
}

/*
 * Batch mode: one command per line of @path ("-": standard input), words
 * separated by blanks, '#' starts a comment.  Stops at the first failing
 * line and names it.
 */
static int run_batch(const char *path, const struct opts *o)
{
	return run_lines(path, batch_line, (void *)o);
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ "batch", required_argument, NULL, 'b' },
		{ "file", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	struct opts o = { .json = false };
	const char *batch = NULL, *file = NULL;
	int c;

	opterr = 0;
	/* '+': options end at the command name */
	while ((c = getopt_long(argc, argv, "+jhb:f:", longopts, NULL)) != -1) {
		switch (c) {
		case 'j':
			o.json = true;
			break;
		case 'h':
			usage(stdout);
			return NFALG_EXIT_OK;
		case 'b':
			batch = optarg;
			break;
		case 'f':
			file = optarg;
			break;
		default:
			if (optopt)
				return usage_error("unknown option '-%c'",
						   optopt);
			return usage_error("unknown option '%s'",
					   argv[optind - 1]);
		}
	}

	if (file) {
		if (optind < argc || batch)
			return usage_error("-f takes no command");
		return run_file(file);
	}
	if (batch) {
		if (optind < argc)
			return usage_error("-b takes no command");
		return run_batch(batch, &o);
	}
	if (optind >= argc)
		return usage_error("no command given");
	return run_command(argc - optind, argv + optind, &o);
}
