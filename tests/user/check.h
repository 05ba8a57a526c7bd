/* The ring-3 tests' assertion. Define TEST_NAME (the program's name, a
 * string) before including: CHECK(cond, fmt, ...) counts a failure in
 * `failures` and prints "NAME: line N: cond: details". */
#ifndef TESTS_USER_CHECK_H
#define TESTS_USER_CHECK_H

#include <stdio.h>

static int failures;

#define CHECK(cond, fmt, ...)                                                            \
	do {                                                                             \
		if (!(cond)) {                                                           \
			failures++;                                                      \
			printf(TEST_NAME ": line %d: %s: " fmt "\n", __LINE__, #cond,    \
			       ##__VA_ARGS__);                                           \
		}                                                                        \
	} while (0)

/* FAILS(call, bad, error): the call returns bad and sets last error error
 * (the last error is set to 0xdead first, so a call that sets none fails
 * the check). Only for programs that include <windows.h> first. */
#define FAILS(call, bad, error)                                                          \
	do {                                                                             \
		SetLastError(0xdead);                                                    \
		CHECK((call) == (bad) && GetLastError() == (error), "error %lu, want %lu", \
		      GetLastError(), (DWORD)(error));                                   \
	} while (0)

#endif
