// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the TCP/UDP sanity checks: the first two bytes pick
 * the segment length the IP header would claim; the rest is the header
 * bytes actually available (the checks must never read past them).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sanity_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	enum nfalg_anomaly t, u;
	size_t claimed;
	uint8_t *hdr;

	if (size < 2)
		return 0;
	claimed = (size_t)data[0] << 8 | data[1];
	size -= 2;
	/* an exact-size heap copy so ASan catches any read past it */
	hdr = malloc(size ? size : 1);
	if (!hdr)
		return 0;
	memcpy(hdr, data + 2, size);
	t = nfalg_tcp_check(hdr, size, claimed);
	u = nfalg_udp_check(hdr, size, claimed);
	if (t >= __NFALG_ANOM_MAX || u >= __NFALG_ANOM_MAX)
		abort();
	/* a clean verdict needs the whole fixed header */
	if (t == NFALG_ANOM_NONE && (size < 20 || claimed < 20))
		abort();
	if (u == NFALG_ANOM_NONE && (size < 8 || claimed < 8))
		abort();
	free(hdr);
	return 0;
}
