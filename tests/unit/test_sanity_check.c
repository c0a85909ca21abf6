// SPDX-License-Identifier: GPL-2.0
/* Unit tests for the TCP/UDP sanity checks (kernel/core/sanity_check.c). */

#include <string.h>

#include "unit.h"
#include "sanity_check.h"

#define FIN 0x01
#define SYN 0x02
#define RST 0x04
#define PSH 0x08
#define ACK 0x10
#define URG 0x20
#define ECE 0x40

static void tcp_hdr(unsigned char *h, unsigned int sport, unsigned int dport,
		    unsigned int seq, unsigned int doff_words, unsigned char flags)
{
	memset(h, 0, 60);
	h[0] = sport >> 8; h[1] = sport;
	h[2] = dport >> 8; h[3] = dport;
	h[4] = seq >> 24; h[5] = seq >> 16; h[6] = seq >> 8; h[7] = seq;
	h[12] = doff_words << 4;
	h[13] = flags;
}

static enum nfalg_anomaly tcp(unsigned int sport, unsigned int dport,
			      unsigned int seq, unsigned char flags)
{
	unsigned char h[60];

	tcp_hdr(h, sport, dport, seq, 5, flags);
	return nfalg_tcp_check(h, 20, 20);
}

static void tcp_normal_segments_pass(void)
{
	EXPECT_EQ(tcp(40000, 21, 12345, SYN), NFALG_ANOM_NONE);
	EXPECT_EQ(tcp(21, 40000, 999, SYN | ACK), NFALG_ANOM_NONE);
	EXPECT_EQ(tcp(40000, 21, 1, ACK), NFALG_ANOM_NONE);
	EXPECT_EQ(tcp(40000, 21, 1, ACK | PSH), NFALG_ANOM_NONE);
	EXPECT_EQ(tcp(40000, 21, 1, FIN | ACK), NFALG_ANOM_NONE);
	EXPECT_EQ(tcp(40000, 21, 1, RST), NFALG_ANOM_NONE);
	EXPECT_EQ(tcp(40000, 21, 1, SYN | ECE | 0x80), NFALG_ANOM_NONE);
	/* a SYN with sequence number zero is legal (ISN 0) */
	EXPECT_EQ(tcp(40000, 21, 0, SYN), NFALG_ANOM_NONE);
	/* ACK with sequence zero after wrap-around is legal */
	EXPECT_EQ(tcp(40000, 21, 0, ACK), NFALG_ANOM_NONE);
}

static void tcp_port_zero(void)
{
	EXPECT_EQ(tcp(0, 21, 1, SYN), NFALG_ANOM_TCP_PORT_ZERO);
	EXPECT_EQ(tcp(40000, 0, 1, SYN), NFALG_ANOM_TCP_PORT_ZERO);
	EXPECT_EQ(tcp(0, 0, 1, ACK), NFALG_ANOM_TCP_PORT_ZERO);
}

static void tcp_header_length(void)
{
	unsigned char h[60];
	unsigned int d;

	for (d = 0; d < 5; d++) {
		tcp_hdr(h, 1, 2, 3, d, ACK);
		EXPECT_EQ(nfalg_tcp_check(h, 20, 100), NFALG_ANOM_TCP_HDR_LEN);
	}
	/* options claimed beyond the segment */
	tcp_hdr(h, 1, 2, 3, 15, ACK);
	EXPECT_EQ(nfalg_tcp_check(h, 20, 59), NFALG_ANOM_TCP_HDR_LEN);
	EXPECT_EQ(nfalg_tcp_check(h, 20, 60), NFALG_ANOM_NONE);
	/* segment shorter than the fixed header */
	tcp_hdr(h, 1, 2, 3, 5, ACK);
	EXPECT_EQ(nfalg_tcp_check(h, 20, 19), NFALG_ANOM_TCP_HDR_LEN);
	EXPECT_EQ(nfalg_tcp_check(h, 19, 40), NFALG_ANOM_TCP_HDR_LEN);
	EXPECT_EQ(nfalg_tcp_check(h, 0, 0), NFALG_ANOM_TCP_HDR_LEN);
}

static void tcp_seq_zero(void)
{
	EXPECT_EQ(tcp(1, 2, 0, 0), NFALG_ANOM_TCP_SEQ0_NO_FLAGS);
	EXPECT_EQ(tcp(1, 2, 0, ECE), NFALG_ANOM_TCP_SEQ0_NO_FLAGS);
	EXPECT_EQ(tcp(1, 2, 0, FIN), NFALG_ANOM_TCP_SEQ0_FIN_PSH_RST);
	EXPECT_EQ(tcp(1, 2, 0, PSH), NFALG_ANOM_TCP_SEQ0_FIN_PSH_RST);
	EXPECT_EQ(tcp(1, 2, 0, RST), NFALG_ANOM_TCP_SEQ0_FIN_PSH_RST);
	EXPECT_EQ(tcp(1, 2, 0, FIN | PSH), NFALG_ANOM_TCP_SEQ0_FIN_PSH_RST);
	EXPECT_EQ(tcp(1, 2, 0, RST | PSH | ECE), NFALG_ANOM_TCP_SEQ0_FIN_PSH_RST);
	EXPECT_EQ(tcp(1, 2, 0, FIN | URG), NFALG_ANOM_TCP_SEQ0_FIN_PSH_RST);
	/* the reset refusing a SYN to a closed port */
	EXPECT_EQ(tcp(1, 2, 0, RST | ACK), NFALG_ANOM_NONE);
	/* no flags with a non-zero sequence number is not this anomaly */
	EXPECT_EQ(tcp(1, 2, 7, 0), NFALG_ANOM_NONE);
}

/*
 * With ACK the connection is synchronized and its sequence numbers wrap
 * through zero: a data segment, its end or a reset landing exactly on
 * zero is ordinary traffic and must pass.
 */
static void tcp_seq_zero_after_wrap(void)
{
	EXPECT_EQ(tcp(40000, 21, 0, PSH | ACK), NFALG_ANOM_NONE);
	EXPECT_EQ(tcp(21, 40000, 0, FIN | ACK), NFALG_ANOM_NONE);
	EXPECT_EQ(tcp(21, 40000, 0, FIN | PSH | ACK), NFALG_ANOM_NONE);
	EXPECT_EQ(tcp(40000, 21, 0, RST | ACK | PSH), NFALG_ANOM_NONE);
	EXPECT_EQ(tcp(40000, 21, 0, PSH | ACK | URG), NFALG_ANOM_NONE);
	/* the other checks still apply at sequence zero */
	EXPECT_EQ(tcp(40000, 21, 0, FIN | RST | ACK), NFALG_ANOM_TCP_BAD_FLAGS);
	EXPECT_EQ(tcp(0, 21, 0, PSH | ACK), NFALG_ANOM_TCP_PORT_ZERO);
}

static void tcp_bad_flags(void)
{
	EXPECT_EQ(tcp(1, 2, 5, FIN | RST), NFALG_ANOM_TCP_BAD_FLAGS);
	EXPECT_EQ(tcp(1, 2, 5, FIN | RST | ACK), NFALG_ANOM_TCP_BAD_FLAGS);
	EXPECT_EQ(tcp(1, 2, 5, SYN | URG), NFALG_ANOM_TCP_BAD_FLAGS);
	EXPECT_EQ(tcp(1, 2, 5, SYN | FIN), NFALG_ANOM_TCP_BAD_FLAGS);
	EXPECT_EQ(tcp(1, 2, 5, SYN | RST), NFALG_ANOM_TCP_BAD_FLAGS);
	EXPECT_EQ(tcp(1, 2, 5, SYN | ACK | URG), NFALG_ANOM_TCP_BAD_FLAGS);
	EXPECT_EQ(tcp(1, 2, 5, 0x3f), NFALG_ANOM_TCP_BAD_FLAGS);
	EXPECT_EQ(tcp(1, 2, 5, URG | ACK), NFALG_ANOM_NONE);
}

static void udp_checks(void)
{
	unsigned char h[8] = { 0x9c, 0x40, 0x00, 0x45, 0x00, 0x0c, 0, 0 };

	EXPECT_EQ(nfalg_udp_check(h, 8, 12), NFALG_ANOM_NONE);
	/* trailing bytes after the UDP length are tolerated */
	EXPECT_EQ(nfalg_udp_check(h, 8, 13), NFALG_ANOM_NONE);
	EXPECT_EQ(nfalg_udp_check(h, 8, 11), NFALG_ANOM_UDP_LEN);
	EXPECT_EQ(nfalg_udp_check(h, 7, 12), NFALG_ANOM_UDP_LEN);
	EXPECT_EQ(nfalg_udp_check(h, 8, 7), NFALG_ANOM_UDP_LEN);
	h[5] = 7;
	EXPECT_EQ(nfalg_udp_check(h, 8, 12), NFALG_ANOM_UDP_LEN);
	h[5] = 8;
	EXPECT_EQ(nfalg_udp_check(h, 8, 8), NFALG_ANOM_NONE);
	h[0] = 0;
	h[1] = 0;
	EXPECT_EQ(nfalg_udp_check(h, 8, 8), NFALG_ANOM_UDP_PORT_ZERO);
	h[1] = 1;
	h[2] = 0;
	h[3] = 0;
	EXPECT_EQ(nfalg_udp_check(h, 8, 8), NFALG_ANOM_UDP_PORT_ZERO);
}

static void names(void)
{
	int a;

	for (a = 0; a < __NFALG_ANOM_MAX; a++)
		CHECK(strcmp(nfalg_anomaly_name(a), "unknown") != 0);
	EXPECT_STR(nfalg_anomaly_name(__NFALG_ANOM_MAX), "unknown");
	EXPECT_STR(nfalg_anomaly_name(NFALG_ANOM_TCP_PORT_ZERO), "tcp-port-zero");
}

int main(void)
{
	RUN(tcp_normal_segments_pass);
	RUN(tcp_port_zero);
	RUN(tcp_header_length);
	RUN(tcp_seq_zero);
	RUN(tcp_seq_zero_after_wrap);
	RUN(tcp_bad_flags);
	RUN(udp_checks);
	RUN(names);
	return unit_exit();
}
