// SPDX-License-Identifier: GPL-2.0
/*
 * ctfill N [TIMEOUT]: insert N conntrack entries into the current network
 * namespace over ctnetlink (IPCTNL_MSG_CT_NEW), for `make bench-scale`
 * (tools/bench/scale.sh): a full conntrack table without N connections.
 *
 * Entry i is a UDP flow 10.A.B.C:40000 -> 203.0.113.53:53 (A.B.C is i + 1),
 * its reply the inverse, timeout TIMEOUT seconds (default 7200).  They are
 * unrelated to anything nfalg does: no helper, never seen by a packet.
 * Requests go in batches of BATCH messages, each acknowledged; any error is
 * fatal (exit 1).  Prints "N SECONDS".
 *
 * Built on the host by tools/bench/run-scale (libmnl).
 */

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libmnl/libmnl.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nfnetlink_conntrack.h>

#define BATCH	128

static void tuple(struct nlmsghdr *nlh, int type, uint32_t src, uint32_t dst,
		  uint16_t sport, uint16_t dport)
{
	struct nlattr *t, *n;

	t = mnl_attr_nest_start(nlh, type);
	n = mnl_attr_nest_start(nlh, CTA_TUPLE_IP);
	mnl_attr_put_u32(nlh, CTA_IP_V4_SRC, src);
	mnl_attr_put_u32(nlh, CTA_IP_V4_DST, dst);
	mnl_attr_nest_end(nlh, n);
	n = mnl_attr_nest_start(nlh, CTA_TUPLE_PROTO);
	mnl_attr_put_u8(nlh, CTA_PROTO_NUM, IPPROTO_UDP);
	mnl_attr_put_u16(nlh, CTA_PROTO_SRC_PORT, htons(sport));
	mnl_attr_put_u16(nlh, CTA_PROTO_DST_PORT, htons(dport));
	mnl_attr_nest_end(nlh, n);
	mnl_attr_nest_end(nlh, t);
}

int main(int argc, char **argv)
{
	static char buf[BATCH * 256], rbuf[65536];
	unsigned long n, done = 0, i, acked;
	uint32_t timeout = 7200, seq = 1, src, dst;
	struct mnl_socket *nl;
	struct timespec t0, t1;
	struct nlmsghdr *nlh;
	struct nfgenmsg *nfg;
	ssize_t got;
	char *p;
	int len;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: ctfill N [TIMEOUT]\n");
		return 2;
	}
	n = strtoul(argv[1], NULL, 10);
	if (argc == 3)
		timeout = strtoul(argv[2], NULL, 10);
	if (n > 0xfffffe) {
		fprintf(stderr, "ctfill: at most %d entries\n", 0xfffffe);
		return 2;
	}
	nl = mnl_socket_open(NETLINK_NETFILTER);
	if (!nl || mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) < 0) {
		perror("ctfill: netlink");
		return 1;
	}
	dst = htonl(0xcb007135);	/* 203.0.113.53 */
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (done < n) {
		p = buf;
		for (i = 0; i < BATCH && done + i < n; i++) {
			src = htonl(0x0a000000 | (uint32_t)(done + i + 1));
			nlh = mnl_nlmsg_put_header(p);
			nlh->nlmsg_type = (NFNL_SUBSYS_CTNETLINK << 8) |
					  IPCTNL_MSG_CT_NEW;
			nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_CREATE |
					   NLM_F_EXCL | NLM_F_ACK;
			nlh->nlmsg_seq = seq++;
			nfg = mnl_nlmsg_put_extra_header(nlh, sizeof(*nfg));
			nfg->nfgen_family = AF_INET;
			nfg->version = NFNETLINK_V0;
			nfg->res_id = 0;
			tuple(nlh, CTA_TUPLE_ORIG, src, dst, 40000, 53);
			tuple(nlh, CTA_TUPLE_REPLY, dst, src, 53, 40000);
			mnl_attr_put_u32(nlh, CTA_TIMEOUT, htonl(timeout));
			p += nlh->nlmsg_len;
		}
		if (mnl_socket_sendto(nl, buf, p - buf) < 0) {
			perror("ctfill: send");
			return 1;
		}
		/* one acknowledgment (error 0) or error per message */
		for (acked = 0; acked < i;) {
			got = mnl_socket_recvfrom(nl, rbuf, sizeof(rbuf));
			if (got < 0) {
				perror("ctfill: receive");
				return 1;
			}
			len = (int)got;
			for (nlh = (struct nlmsghdr *)rbuf;
			     mnl_nlmsg_ok(nlh, len);
			     nlh = mnl_nlmsg_next(nlh, &len)) {
				const struct nlmsgerr *e;

				if (nlh->nlmsg_type != NLMSG_ERROR)
					continue;
				e = mnl_nlmsg_get_payload(nlh);
				if (e->error) {
					fprintf(stderr,
						"ctfill: entry %lu: %s\n",
						done + acked + 1,
						strerror(-e->error));
					return 1;
				}
				acked++;
			}
		}
		done += i;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("%lu %.3f\n", done, (t1.tv_sec - t0.tv_sec) +
	       (t1.tv_nsec - t0.tv_nsec) / 1e9);
	mnl_socket_close(nl);
	return 0;
}
