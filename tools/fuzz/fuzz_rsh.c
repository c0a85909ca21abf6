// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the rsh/rexec secondary-port field parser.
 *
 * Besides memory safety (ASan, UBSan), checks that an accepted field is
 * what the grammar allows and that the port formats back to the same
 * digits; any inconsistency aborts.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rsh/rsh_parse.h"

#define FAIL(...) do {							\
	fprintf(stderr, "fuzz_rsh: " __VA_ARGS__);			\
	fputc('\n', stderr);						\
	abort();							\
} while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char text[NFALG_RSH_PORT_MAX];
	u16 port = 0;
	int ret, n;

	ret = nfalg_rsh_parse_port((const char *)data, size, &port);
	if (ret < 0) {
		if (ret != -EINVAL && ret != -EAGAIN)
			FAIL("unexpected error %d", ret);
		if (ret == -EAGAIN && (size >= NFALG_RSH_PORT_MAX ||
				       memchr(data, 0, size)))
			FAIL("-EAGAIN for %zu bytes", size);
		return 0;
	}
	if (ret < 1 || ret > NFALG_RSH_PORT_MAX || (size_t)ret > size ||
	    data[ret - 1] || memchr(data, 0, ret - 1))
		FAIL("field of %d bytes", ret);
	if (ret == 1 || (ret == 2 && data[0] == '0')) {
		if (port)
			FAIL("port %u for an empty field", port);
		return 0;
	}
	n = nfalg_rsh_format_port(text, sizeof(text), port);
	if (n != ret - 1 || memcmp(text, data, n))
		FAIL("port %u does not format back to the field", port);
	return 0;
}
