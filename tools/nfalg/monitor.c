// SPDX-License-Identifier: GPL-2.0
/*
 * nfalg CLI: "monitor", a live stream of the events of this network
 * namespace (conversations, pinholes, anomaly drops, configuration
 * changes), one line each, text or JSON (-j: one object per line), until
 * interrupted.
 */

#include <arpa/inet.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/genetlink.h>

#include "json.h"
#include "nfalg.h"

static const char * const ev_names[__NFALG_EV_MAX] = {
	[NFALG_EV_CONV_START]		= "conversation-start",
	[NFALG_EV_CONV_END]		= "conversation-end",
	[NFALG_EV_PINHOLE_OPEN]		= "pinhole-open",
	[NFALG_EV_PINHOLE_REFUSED]	= "pinhole-refused",
	[NFALG_EV_ANOMALY]		= "anomaly",
	[NFALG_EV_CONFIG]		= "config",
};

struct event {
	uint8_t type, family, proto;
	bool has_ports, has_addr, has_port, has_gen, has_acct;
	char src[INET6_ADDRSTRLEN], dst[INET6_ADDRSTRLEN];
	char addr[INET6_ADDRSTRLEN];
	uint16_t sport, dport, port;
	char alg[32], app[64], reason[64];
	uint32_t generation;
	uint64_t packets, bytes;
};

static int ev_attr_cb(const struct nlattr *attr, void *data)
{
	const struct nlattr **tb = data;
	int type = mnl_attr_get_type(attr);

	if (type > 0 && type <= NFALG_A_EV_MAX)
		tb[type] = attr;
	return MNL_CB_OK;
}

static bool ev_addr(const struct nlattr *a, uint8_t af, char *buf)
{
	size_t want = af == AF_INET ? 4 : 16;

	if (!a || mnl_attr_get_payload_len(a) != want)
		return false;
	return inet_ntop(af, mnl_attr_get_payload(a), buf,
			 INET6_ADDRSTRLEN) != NULL;
}

static void ev_str(const struct nlattr *a, char *buf, size_t len)
{
	buf[0] = '\0';
	if (a && mnl_attr_validate(a, MNL_TYPE_NUL_STRING) >= 0)
		snprintf(buf, len, "%s", mnl_attr_get_str(a));
}

static bool ev_u16(const struct nlattr *a, uint16_t *v)
{
	if (!a || mnl_attr_validate(a, MNL_TYPE_U16) < 0)
		return false;
	*v = mnl_attr_get_u16(a);
	return true;
}

static bool ev_u64(const struct nlattr *a, uint64_t *v)
{
	if (!a || mnl_attr_validate(a, MNL_TYPE_U64) < 0)
		return false;
	*v = mnl_attr_get_u64(a);
	return true;
}

static int ev_parse(const struct nlattr *nest, struct event *e)
{
	const struct nlattr *tb[NFALG_A_EV_MAX + 1] = {};

	memset(e, 0, sizeof(*e));
	if (mnl_attr_parse_nested(nest, ev_attr_cb, tb) < 0 ||
	    !tb[NFALG_A_EV_TYPE] ||
	    mnl_attr_validate(tb[NFALG_A_EV_TYPE], MNL_TYPE_U8) < 0)
		return -1;
	e->type = mnl_attr_get_u8(tb[NFALG_A_EV_TYPE]);
	if (!e->type || e->type >= __NFALG_EV_MAX)
		return -1;
	if (tb[NFALG_A_EV_FAMILY] &&
	    mnl_attr_validate(tb[NFALG_A_EV_FAMILY], MNL_TYPE_U8) >= 0) {
		e->family = mnl_attr_get_u8(tb[NFALG_A_EV_FAMILY]);
		if (tb[NFALG_A_EV_PROTO] &&
		    mnl_attr_validate(tb[NFALG_A_EV_PROTO], MNL_TYPE_U8) >= 0)
			e->proto = mnl_attr_get_u8(tb[NFALG_A_EV_PROTO]);
		if (!ev_addr(tb[NFALG_A_EV_SRC], e->family, e->src) ||
		    !ev_addr(tb[NFALG_A_EV_DST], e->family, e->dst))
			e->family = 0;
		e->has_addr = ev_addr(tb[NFALG_A_EV_ADDR], e->family, e->addr);
	}
	e->has_ports = ev_u16(tb[NFALG_A_EV_SPORT], &e->sport) &&
		       ev_u16(tb[NFALG_A_EV_DPORT], &e->dport);
	e->has_port = ev_u16(tb[NFALG_A_EV_PORT], &e->port);
	ev_str(tb[NFALG_A_EV_ALG], e->alg, sizeof(e->alg));
	ev_str(tb[NFALG_A_EV_APP], e->app, sizeof(e->app));
	ev_str(tb[NFALG_A_EV_REASON], e->reason, sizeof(e->reason));
	if (tb[NFALG_A_EV_GENERATION] &&
	    mnl_attr_validate(tb[NFALG_A_EV_GENERATION], MNL_TYPE_U32) >= 0) {
		e->has_gen = true;
		e->generation = mnl_attr_get_u32(tb[NFALG_A_EV_GENERATION]);
	}
	e->has_acct = ev_u64(tb[NFALG_A_EV_PACKETS], &e->packets) &&
		      ev_u64(tb[NFALG_A_EV_BYTES], &e->bytes);
	return 0;
}

/* One line of text, conntrack -E style: the event, then key=value pairs */
static void ev_print_text(const struct event *e)
{
	printf("%s", ev_names[e->type]);
	if (e->reason[0])
		printf(" reason=%s", e->reason);
	if (e->alg[0])
		printf(" alg=%s", e->alg);
	if (e->app[0])
		printf(" application=%s", e->app);
	if (e->family)
		printf(" proto=%u src=%s dst=%s", e->proto, e->src, e->dst);
	if (e->has_ports) {
		if (e->type == NFALG_EV_PINHOLE_OPEN)
			printf(" dport=%u", e->dport);
		else
			printf(" sport=%u dport=%u", e->sport, e->dport);
	}
	if (e->has_addr)
		printf(" announced=%s", e->addr);
	if (e->has_port)
		printf(" port=%u", e->port);
	if (e->has_gen)
		printf(" generation=%u", e->generation);
	if (e->has_acct)
		printf(" packets=%llu bytes=%llu",
		       (unsigned long long)e->packets,
		       (unsigned long long)e->bytes);
	putchar('\n');
}

static void ev_print_json(const struct event *e)
{
	struct json j;

	json_init(&j, stdout);
	json_obj_open(&j, NULL);
	json_str(&j, "event", ev_names[e->type]);
	if (e->reason[0])
		json_str(&j, "reason", e->reason);
	if (e->alg[0])
		json_str(&j, "alg", e->alg);
	if (e->app[0])
		json_str(&j, "application", e->app);
	if (e->family) {
		json_str(&j, "family", e->family == AF_INET ? "ipv4" : "ipv6");
		json_uint(&j, "proto", e->proto);
		json_str(&j, "src", e->src);
		json_str(&j, "dst", e->dst);
	}
	if (e->has_ports) {
		if (e->type != NFALG_EV_PINHOLE_OPEN)
			json_uint(&j, "sport", e->sport);
		json_uint(&j, "dport", e->dport);
	}
	if (e->has_addr)
		json_str(&j, "announced", e->addr);
	if (e->has_port)
		json_uint(&j, "port", e->port);
	if (e->has_gen)
		json_uint(&j, "generation", e->generation);
	if (e->has_acct) {
		json_uint(&j, "packets", e->packets);
		json_uint(&j, "bytes", e->bytes);
	}
	json_obj_close(&j);
	json_finish(&j);
}

static int ev_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct opts *o = data;
	const struct nlattr *attr;
	struct genlmsghdr *g = mnl_nlmsg_get_payload(nlh);
	struct event e;

	if (g->cmd != NFALG_CMD_EVENT)
		return MNL_CB_OK;	/* status notifications */
	mnl_attr_for_each(attr, nlh, sizeof(*g)) {
		if (mnl_attr_get_type(attr) != NFALG_A_EVENT ||
		    ev_parse(attr, &e))
			continue;
		if (o->json)
			ev_print_json(&e);
		else
			ev_print_text(&e);
	}
	fflush(stdout);
	return MNL_CB_OK;
}

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

int cmd_monitor(int argc, char **argv, const struct opts *o)
{
	struct sigaction sa = { .sa_handler = on_signal };
	struct nl_ctx nl;
	unsigned int grp;
	ssize_t n;
	int ret;

	(void)argv;
	if (argc > 1)
		return usage_error("monitor takes no arguments");
	if (nfalg_connect(&nl, false))
		return NFALG_EXIT_ERROR;
	if (!nl.mcgrp_events) {
		fprintf(stderr, "nfalg: the kernel module has no event group\n");
		nl_close(&nl);
		return NFALG_EXIT_ERROR;
	}
	grp = nl.mcgrp_events;
	if (mnl_socket_setsockopt(nl.sock, NETLINK_ADD_MEMBERSHIP, &grp,
				  sizeof(grp))) {
		fprintf(stderr, "nfalg: cannot listen to events: %s\n",
			strerror(errno));
		nl_close(&nl);
		return NFALG_EXIT_ERROR;
	}
	/* SIGINT/SIGTERM end the loop (no SA_RESTART: recv returns EINTR) */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	ret = NFALG_EXIT_OK;
	while (!stop) {
		n = mnl_socket_recvfrom(nl.sock, nl.buf, NL_BUF_SIZE);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno == ENOBUFS) {
				/* the kernel dropped events: say so, go on */
				fprintf(stderr, "nfalg: events lost (receive buffer full)\n");
				continue;
			}
			fprintf(stderr, "nfalg: monitor: %s\n", strerror(errno));
			ret = NFALG_EXIT_ERROR;
			break;
		}
		if (mnl_cb_run(nl.buf, n, 0, 0, ev_cb, (void *)o) < 0 &&
		    errno != ENOENT) {
			fprintf(stderr, "nfalg: monitor: %s\n", strerror(errno));
			ret = NFALG_EXIT_ERROR;
			break;
		}
	}
	nl_close(&nl);
	return ret;
}
