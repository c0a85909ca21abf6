// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the DNS ALG: the input is a sequence of messages
 * (a length byte, then that many bytes), fed to the header parser and, as
 * queries or answers, to the set of waiting queries, which is checked
 * against a model after every step.  Any inconsistency aborts.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dns/dns_parse.h"

#define FAIL(...) do {							\
	fprintf(stderr, "fuzz_dns: " __VA_ARGS__);			\
	fputc('\n', stderr);						\
	abort();							\
} while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nfalg_dns_pending p;
	struct nfalg_dns_hdr h;
	unsigned int model[NFALG_DNS_PENDING_MAX], n = 0, i, j;
	size_t pos = 0;

	memset(&p, 0, sizeof(p));
	while (pos < size) {
		unsigned int len = data[pos++];
		uint8_t *msg;
		int ret;

		if (len > size - pos)
			len = size - pos;
		msg = malloc(len ? len : 1);
		memcpy(msg, data + pos, len);
		pos += len;
		ret = nfalg_dns_parse(msg, len, &h);
		if (ret != (len < NFALG_DNS_HDR_LEN ? -EINVAL : 0))
			FAIL("parse of %u bytes returned %d", len, ret);
		if (!ret && (h.id != (msg[0] << 8 | msg[1]) || h.qr > 1 ||
			     h.opcode > 15))
			FAIL("header fields not from the input");
		free(msg);
		if (ret)
			continue;
		for (i = 0; i < n && model[i] != h.id; i++)
			;
		if (!h.qr) {
			ret = nfalg_dns_query(&p, h.id);
			if (i < n ? ret != -EEXIST :
			    n == NFALG_DNS_PENDING_MAX ? ret != -ENOSPC : ret)
				FAIL("query %u: %d with %u waiting", h.id, ret, n);
			if (!ret)
				model[n++] = h.id;
		} else {
			ret = nfalg_dns_answer(&p, h.id);
			if (i == n ? ret != -ENOENT : ret != (int)n - 1)
				FAIL("answer %u: %d with %u waiting", h.id, ret, n);
			if (i < n) {
				for (j = i; j + 1 < n; j++)
					model[j] = model[j + 1];
				n--;
			}
		}
		if (p.n != n)
			FAIL("set holds %u, model %u", p.n, n);
		for (i = 0; i < n; i++)
			if (p.id[i] != model[i])
				FAIL("set and model differ at %u", i);
	}
	return 0;
}
