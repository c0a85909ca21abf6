// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the TFTP first-datagram parser.
 *
 * Besides memory safety (ASan, UBSan), checks that what the parser reports
 * is consistent with the input and with the limits it promises; any
 * inconsistency aborts.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tftp/tftp_parse.h"

#define FAIL(...) do {							\
	fprintf(stderr, "fuzz_tftp: " __VA_ARGS__);			\
	fputc('\n', stderr);						\
	abort();							\
} while (0)

static void check_request(const uint8_t *d, size_t size,
			  const struct nfalg_tftp_req *r)
{
	size_t end = (size_t)r->filename_off + r->filename_len;

	if (r->opcode != NFALG_TFTP_RRQ && r->opcode != NFALG_TFTP_WRQ)
		FAIL("request with opcode %u", r->opcode);
	if (size > NFALG_TFTP_MAX_REQ)
		FAIL("request of %zu bytes accepted", size);
	if (r->filename_off != 2 || !r->filename_len || end >= size ||
	    d[end] || memchr(d + 2, 0, r->filename_len))
		FAIL("bad filename span %u+%u", r->filename_off,
		     r->filename_len);
	if (r->mode < NFALG_TFTP_MODE_NETASCII ||
	    r->mode > NFALG_TFTP_MODE_MAIL)
		FAIL("bad mode %d", r->mode);
	if (r->opts & ~(NFALG_TFTP_OPT_BLKSIZE | NFALG_TFTP_OPT_TIMEOUT |
			NFALG_TFTP_OPT_TSIZE | NFALG_TFTP_OPT_WINDOWSIZE))
		FAIL("unknown option bits %#x", r->opts);
	if (!(r->opts & NFALG_TFTP_OPT_BLKSIZE) != !r->blksize ||
	    (r->blksize && (r->blksize < 8 || r->blksize > 65464)))
		FAIL("bad blksize %u", r->blksize);
	if (!(r->opts & NFALG_TFTP_OPT_TIMEOUT) != !r->timeout)
		FAIL("bad timeout %u", r->timeout);
	if (!(r->opts & NFALG_TFTP_OPT_WINDOWSIZE) != !r->windowsize)
		FAIL("bad windowsize %u", r->windowsize);
	if (!(r->opts & NFALG_TFTP_OPT_TSIZE) && r->tsize)
		FAIL("tsize without option");
	if (__builtin_popcount(r->opts) > r->nr_opts ||
	    (size_t)r->nr_opts * 3 > size - 2)
		FAIL("bad option count %u", r->nr_opts);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nfalg_tftp_req r;
	int ret;

	ret = nfalg_tftp_parse(data, size, &r);
	if (size >= 2 && r.opcode != (data[0] << 8 | data[1]))
		FAIL("opcode %u not from the input", r.opcode);
	if (ret < 0) {
		if (ret != -EINVAL && ret != -EMSGSIZE)
			FAIL("unexpected error %d", ret);
		if (r.is_request || r.mode || r.filename_off ||
		    r.filename_len || r.nr_opts || r.opts)
			FAIL("fields set on error");
		return 0;
	}
	if (ret != r.opcode || ret < NFALG_TFTP_RRQ || ret > NFALG_TFTP_OACK)
		FAIL("returned %d for opcode %u", ret, r.opcode);
	if (r.is_request)
		check_request(data, size, &r);
	else if (r.opcode == NFALG_TFTP_RRQ || r.opcode == NFALG_TFTP_WRQ)
		FAIL("RRQ/WRQ accepted but not a request");
	return 0;
}
