/* What the crt-* tests share: an invalid-parameter handler that counts its
 * calls, and FAILS_ERRNO, which checks a C runtime failure. Include after
 * check.h. */
#ifndef TESTS_USER_CRT_COMMON_H
#define TESTS_USER_CRT_COMMON_H

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>

static int handled;

static void count_handler(const wchar_t *e, const wchar_t *f, const wchar_t *file, unsigned l,
			  uintptr_t r)
{
	(void)e, (void)f, (void)file, (void)l, (void)r;
	handled++;
}

/* call returns bad with errno err, the invalid-parameter handler having
 * run (through_handler 1) or not (0). */
#define FAILS_ERRNO(call, bad, err, through_handler)                                     \
	do {                                                                             \
		int h0 = handled;                                                        \
		errno = 0;                                                               \
		CHECK((call) == (bad) && errno == (err) &&                               \
		      (handled > h0) == (through_handler),                               \
		      "errno %d, want %d; handler ran %d times", errno, (err), handled - h0); \
	} while (0)

#endif
