// SPDX-License-Identifier: GPL-2.0
/*
 * nfalg: TCP and UDP header sanity checks.
 *
 * The caller copies the fixed part of the transport header out of the
 * packet (however the packet is laid out) and passes how many of its bytes
 * it got (@avail) and how long the whole transport segment is according to
 * the IP header (@seglen / @dgramlen). Nothing past @avail is read.
 */

#include "sanity_check.h"

#define TCPF_FIN	0x01
#define TCPF_SYN	0x02
#define TCPF_RST	0x04
#define TCPF_PSH	0x08
#define TCPF_ACK	0x10
#define TCPF_URG	0x20
/* The six classic flags; ECE and CWR do not count as "flags set" here */
#define TCPF_CLASSIC	0x3f

static const char * const nfalg_anomaly_names[__NFALG_ANOM_MAX] = {
	[NFALG_ANOM_NONE]		= "none",
	[NFALG_ANOM_TCP_PORT_ZERO]	= "tcp-port-zero",
	[NFALG_ANOM_TCP_HDR_LEN]	= "tcp-header-length",
	[NFALG_ANOM_TCP_SEQ0_NO_FLAGS]	= "tcp-seq-zero-no-flags",
	[NFALG_ANOM_TCP_SEQ0_FIN_PSH_RST] = "tcp-seq-zero-fin-psh-rst",
	[NFALG_ANOM_TCP_BAD_FLAGS]	= "tcp-bad-flags",
	[NFALG_ANOM_UDP_PORT_ZERO]	= "udp-port-zero",
	[NFALG_ANOM_UDP_LEN]		= "udp-length",
};

const char *nfalg_anomaly_name(enum nfalg_anomaly a)
{
	if ((unsigned int)a >= __NFALG_ANOM_MAX)
		return "unknown";
	return nfalg_anomaly_names[a];
}

static u16 get_be16(const u8 *p)
{
	return (u16)p[0] << 8 | p[1];
}

static u32 get_be32(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

/*
 * Checks in order of trust: the header must be whole before its fields
 * mean anything, then the ports, then the flag combinations.
 *
 * "Sequence number zero" is only an anomaly without ACK: a segment
 * without ACK is the first of its flow or a reset answering one, where the
 * sender chose or copied the sequence number, and zero there is a
 * crafted probe.  A segment carrying ACK belongs to a synchronized
 * connection, whose sequence numbers wrap through zero every 4 GiB; zero
 * there is just where the stream happens to be (and RST+ACK with sequence
 * zero is also how a host refuses a SYN to a closed port).
 */
enum nfalg_anomaly nfalg_tcp_check(const u8 *hdr, size_t avail,
				   size_t seglen)
{
	unsigned int doff;
	u8 flags;
	u32 seq;

	if (avail < NFALG_TCP_FIXED_HDR || seglen < NFALG_TCP_FIXED_HDR)
		return NFALG_ANOM_TCP_HDR_LEN;
	doff = (hdr[12] >> 4) * 4;
	if (doff < NFALG_TCP_FIXED_HDR || doff > seglen)
		return NFALG_ANOM_TCP_HDR_LEN;

	if (!get_be16(hdr) || !get_be16(hdr + 2))
		return NFALG_ANOM_TCP_PORT_ZERO;

	seq = get_be32(hdr + 4);
	flags = hdr[13] & TCPF_CLASSIC;
	if (!seq && !flags)
		return NFALG_ANOM_TCP_SEQ0_NO_FLAGS;
	if (!seq && !(flags & TCPF_ACK) &&
	    (flags & (TCPF_FIN | TCPF_PSH | TCPF_RST)))
		return NFALG_ANOM_TCP_SEQ0_FIN_PSH_RST;
	if ((flags & (TCPF_FIN | TCPF_RST)) == (TCPF_FIN | TCPF_RST))
		return NFALG_ANOM_TCP_BAD_FLAGS;
	if ((flags & TCPF_SYN) && (flags & (TCPF_URG | TCPF_FIN | TCPF_RST)))
		return NFALG_ANOM_TCP_BAD_FLAGS;
	return NFALG_ANOM_NONE;
}

/*
 * The UDP length field must cover at least the header and at most what the
 * IP header says the datagram holds; either port zero is an anomaly.
 */
enum nfalg_anomaly nfalg_udp_check(const u8 *hdr, size_t avail,
				   size_t dgramlen)
{
	u16 ulen;

	if (avail < NFALG_UDP_HDR || dgramlen < NFALG_UDP_HDR)
		return NFALG_ANOM_UDP_LEN;
	ulen = get_be16(hdr + 4);
	if (ulen < NFALG_UDP_HDR || ulen > dgramlen)
		return NFALG_ANOM_UDP_LEN;
	if (!get_be16(hdr) || !get_be16(hdr + 2))
		return NFALG_ANOM_UDP_PORT_ZERO;
	return NFALG_ANOM_NONE;
}
