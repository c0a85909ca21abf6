// SPDX-License-Identifier: GPL-2.0
/*
 * memchr() and memcmp() for parser_cost, in place of the C library's.
 *
 * The x86-64 kernel has no assembly versions of these two: the parsers
 * get the generic C ones (lib/string.c), a byte loop for memchr() and,
 * with efficient unaligned access, a word-at-a-time loop then a byte loop
 * for memcmp().  These do the same work per byte, so that the counts do
 * not depend on which vectorised variant the C library picks for the CPU
 * (and are not lower than the kernel's for that reason).  memcpy() and
 * memset() stay the C library's: the kernel's are string instructions,
 * and of the two the parsers call only memcpy() out of line, in the NAT
 * formatters.
 */
#include <stddef.h>
#include <stdint.h>

void *memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;
	unsigned char ch = c;

	for (; n; n--, p++)
		if (*p == ch)
			return (void *)p;
	return NULL;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;
	uint64_t u, v;

	for (; n >= sizeof(u); n -= sizeof(u), x += sizeof(u), y += sizeof(u)) {
		__builtin_memcpy(&u, x, sizeof(u));
		__builtin_memcpy(&v, y, sizeof(v));
		if (u != v)
			break;
	}
	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}
