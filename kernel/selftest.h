/* In-kernel self-tests chosen with test=NAME on the command line. */
#ifndef KERNEL_SELFTEST_H
#define KERNEL_SELFTEST_H

/* Runs the named self-test, prints "selftest NAME: PASS" or "FAIL", and exits QEMU
 * with EXIT_PASS or EXIT_FAIL. A test that panics on purpose exits with EXIT_PANIC. */
__attribute__((noreturn)) void selftest_run(const char *name);

#endif
