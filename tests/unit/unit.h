/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Minimal unit test harness for the nfalg parsers.
 *
 * Each test case reports one KTAP-style line, "ok N - name" or
 * "not ok N - name"; failed checks print "# " diagnostics before it.
 * Numbering starts after $UNIT_BASE so that the Makefile can number the
 * cases of several binaries consecutively.  The binary exits 1 if any case
 * failed.  Counting and the summary line are left to the Makefile.
 */
#ifndef _NFALG_UNIT_H
#define _NFALG_UNIT_H

#include <stdio.h>
#include <stdlib.h>

static int unit_base = -1;
static int unit_count;
static int unit_failed;
static int unit_cur_fail;

#define CHECK(cond) do {						\
	if (!(cond)) {							\
		unit_cur_fail++;					\
		printf("# %s:%d: CHECK(%s) failed\n",			\
		       __FILE__, __LINE__, #cond);			\
	}								\
} while (0)

#define EXPECT_EQ(a, b) do {						\
	long long _a = (long long)(a), _b = (long long)(b);		\
	if (_a != _b) {							\
		unit_cur_fail++;					\
		printf("# %s:%d: EXPECT_EQ(%s, %s): %lld != %lld\n",	\
		       __FILE__, __LINE__, #a, #b, _a, _b);		\
	}								\
} while (0)

#define EXPECT_MEM(a, b, n) do {					\
	if (memcmp((a), (b), (n))) {					\
		unit_cur_fail++;					\
		printf("# %s:%d: EXPECT_MEM(%s, %s, %s) differ\n",	\
		       __FILE__, __LINE__, #a, #b, #n);			\
	}								\
} while (0)

#define EXPECT_STR(a, b) do {						\
	const char *_a = (a), *_b = (b);				\
	if (strcmp(_a, _b)) {						\
		unit_cur_fail++;					\
		printf("# %s:%d: EXPECT_STR(%s, %s): \"%s\" != \"%s\"\n", \
		       __FILE__, __LINE__, #a, #b, _a, _b);		\
	}								\
} while (0)

/* Close the current test case and report it. */
static inline void unit_report(const char *name)
{
	if (unit_base < 0) {
		const char *e = getenv("UNIT_BASE");

		unit_base = e ? atoi(e) : 0;
	}
	unit_count++;
	printf("%sok %d - %s\n", unit_cur_fail ? "not " : "",
	       unit_base + unit_count, name);
	if (unit_cur_fail)
		unit_failed++;
	unit_cur_fail = 0;
	fflush(stdout);
}

#define RUN(fn) do { fn(); unit_report(#fn); } while (0)

static inline int unit_exit(void)
{
	return unit_failed ? 1 : 0;
}

#endif /* _NFALG_UNIT_H */
