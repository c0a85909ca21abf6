// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the ping window: every 3 input bytes are one echo
 * request or reply (low bit of the first byte) with a sequence number
 * (the next two).  A reference list of outstanding sequence numbers must
 * agree with the window: a reply passes exactly when its sequence number
 * is outstanding, a retransmitted request is accepted, a request within
 * the window below the limit is accepted, never more than the limit are
 * outstanding.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ping_window.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint16_t ref[NFALG_PING_MAX_OUTSTANDING];
	struct nfalg_ping_window w;
	unsigned int n = 0, i;
	uint16_t seq;
	int found, err;

	memset(&w, 0, sizeof(w));
	for (; size >= 3; data += 3, size -= 3) {
		seq = (uint16_t)(data[1] << 8 | data[2]);
		found = -1;
		for (i = 0; i < n; i++)
			if (ref[i] == seq)
				found = i;
		if (data[0] & 1) {
			if (nfalg_ping_reply(&w, seq) != (found >= 0))
				abort();
			if (found >= 0)
				ref[found] = ref[--n];
		} else {
			err = nfalg_ping_request(&w, seq);
			if (found >= 0 && err)
				abort();
			if (err && err != -ENOSPC && err != -ERANGE)
				abort();
			if ((err == -ENOSPC) != (found < 0 &&
						 n == NFALG_PING_MAX_OUTSTANDING))
				abort();
			if (n && !err && found < 0 &&
			    (uint16_t)(seq - w.base) >= NFALG_PING_WINDOW)
				abort();
			if (!err && found < 0)
				ref[n++] = seq;
		}
		if (w.count != n)
			abort();
		for (i = 0; i < n; i++)
			if ((uint16_t)(ref[i] - w.base) >= NFALG_PING_WINDOW)
				abort();
	}
	return 0;
}
