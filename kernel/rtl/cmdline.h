/* Kernel command-line options. Words are separated by spaces; each is `name` or
 * `name=value`. Unknown or malformed words are collected for one warning line.
 * A lone `--` ends the options: the rest are the arguments of run=PROGRAM. */
#ifndef KERNEL_CMDLINE_H
#define KERNEL_CMDLINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CMDLINE_NAME_MAX 32
#define CMDLINE_ARGS_MAX 200

enum panic_action {
	PANIC_HALT,             /* panic=halt (default): stop the CPU, keep the screen */
	PANIC_EXIT,             /* panic=exit: leave QEMU with the panic status */
};

struct kernel_options {
	char test[CMDLINE_NAME_MAX];    /* test=NAME: run that self-test, then exit */
	enum panic_action panic;
	uint64_t mem_bytes;             /* mem=SIZE: ignore RAM at and above (0: all) */
	char run[CMDLINE_NAME_MAX];     /* run=PROGRAM: start it first, exit with it */
	char run_args[CMDLINE_ARGS_MAX];/* the words after " -- ": PROGRAM's arguments */
	bool verbose;                   /* verbose: the memory map and module list at boot */
	bool aslr_off;                  /* aslr=off: every process gets the fixed layout */
	bool lockcheck_off;             /* lockcheck=off: no run-time lock-order checks */
};

#define CMDLINE_MEM_MIN (4ull << 20)    /* mem= below this is malformed */

/* Fills opt from cmdline (defaults for anything absent). Describes every word it
 * rejects in bad (e.g. "'foo' (unknown) 'panic=x' (malformed)"), truncated to
 * badsize. Returns the number of rejected words. */
int cmdline_parse(const char *cmdline, struct kernel_options *opt, char *bad,
		  size_t badsize);

#endif
