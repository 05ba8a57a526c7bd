/* A minimal host unit-test harness. Each TEST(name) is one test case; main()
 * runs them with RUN(name) and returns check_summary(). Every case prints one
 * line, "PASS <suite>/<name>" or "FAIL <suite>/<name>: <first failed check>",
 * which tools/run-tests.py counts. Built with ASan/UBSan (see the Makefile). */
#ifndef TESTS_HOST_CHECK_H
#define TESTS_HOST_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_failed_cases;
static const char *check_failure;
static char check_failure_buf[512];

#define TEST(name) static void test_##name(void)

#define CHECK(cond)                                                           \
	do {                                                                  \
		if (!(cond) && !check_failure) {                              \
			snprintf(check_failure_buf, sizeof(check_failure_buf), \
				 "%s:%d: CHECK(%s)", __FILE__, __LINE__, #cond);  \
			check_failure = check_failure_buf;                    \
		}                                                             \
	} while (0)

#define CHECK_EQ_U(a, b)                                                      \
	do {                                                                  \
		unsigned long long va_ = (a), vb_ = (b);                      \
		if (va_ != vb_ && !check_failure) {                           \
			snprintf(check_failure_buf, sizeof(check_failure_buf), \
				 "%s:%d: %s == %s: 0x%llx != 0x%llx", __FILE__,  \
				 __LINE__, #a, #b, va_, vb_);                 \
			check_failure = check_failure_buf;                    \
		}                                                             \
	} while (0)

#define CHECK_STR(a, b)                                                       \
	do {                                                                  \
		const char *sa_ = (a), *sb_ = (b);                            \
		if ((!sa_ || !sb_ || strcmp(sa_, sb_) != 0) && !check_failure) { \
			snprintf(check_failure_buf, sizeof(check_failure_buf), \
				 "%s:%d: %s == %s: \"%.200s\" != \"%.200s\"", __FILE__,  \
				 __LINE__, #a, #b, sa_ ? sa_ : "(null)",       \
				 sb_ ? sb_ : "(null)");                        \
			check_failure = check_failure_buf;                    \
		}                                                             \
	} while (0)

#define RUN(suite, name)                                                      \
	do {                                                                  \
		check_failure = NULL;                                         \
		test_##name();                                                \
		if (check_failure) {                                          \
			check_failed_cases++;                                 \
			printf("FAIL %s/%s: %s\n", suite, #name, check_failure); \
		} else {                                                      \
			printf("PASS %s/%s\n", suite, #name);                  \
		}                                                             \
		fflush(stdout);                                               \
	} while (0)

static inline int check_summary(void)
{
	return check_failed_cases ? 1 : 0;
}

#endif
