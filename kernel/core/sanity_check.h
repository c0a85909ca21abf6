/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nfalg: TCP and UDP header sanity checks (the anomalies of the Basic TCP
 * and Basic UDP ALGs), as pure functions over header bytes so that they
 * build into nfalg.ko, the unit tests and a fuzz target alike.
 */
#ifndef _NFALG_SANITY_CHECK_H
#define _NFALG_SANITY_CHECK_H

#include <nfalg/types.h>

/* Bytes of the fixed TCP and UDP headers the checks read */
#define NFALG_TCP_FIXED_HDR	20
#define NFALG_UDP_HDR		8

enum nfalg_anomaly {
	NFALG_ANOM_NONE,
	NFALG_ANOM_TCP_PORT_ZERO,
	NFALG_ANOM_TCP_HDR_LEN,
	NFALG_ANOM_TCP_SEQ0_NO_FLAGS,
	NFALG_ANOM_TCP_SEQ0_FIN_PSH_RST,
	NFALG_ANOM_TCP_BAD_FLAGS,
	NFALG_ANOM_UDP_PORT_ZERO,
	NFALG_ANOM_UDP_LEN,

	__NFALG_ANOM_MAX
};

const char *nfalg_anomaly_name(enum nfalg_anomaly a);

enum nfalg_anomaly nfalg_tcp_check(const u8 *hdr, size_t avail,
				   size_t seglen);
enum nfalg_anomaly nfalg_udp_check(const u8 *hdr, size_t avail,
				   size_t dgramlen);

#endif /* _NFALG_SANITY_CHECK_H */
