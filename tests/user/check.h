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

#endif
