/* Every bad pointer handed to a system call fails it with ERROR_NOACCESS
 * (998): NULL, the kernel half, unmapped memory, a buffer running into an
 * unmapped page, and the argument block itself. The process keeps running. */
#include <stdio.h>
#include "vados/calls.h"

#define ERROR_NOACCESS 998u
#define STACK_TOP 0x00300000u

static int failures;

static void expect_noaccess(const char *what, uint32_t nr, const uint32_t *args)
{
	struct vados_result r = vados_syscall(nr, args);

	if (r.error != ERROR_NOACCESS) {
		printf("syscall-bad-pointers: %s gave error %u, want 998\n", what, r.error);
		failures++;
	}
}

int main(void)
{
	static const char text[] = "fine\n";
	const uint32_t null_buf[2] = { 0, 4 };
	const uint32_t kernel_buf[2] = { 0x80100000u, 4 };
	const uint32_t unmapped_buf[2] = { 0x10000000u, 4 };
	const uint32_t crossing_buf[2] = { STACK_TOP - 8, 64 };
	const uint32_t wrapping_buf[2] = { (uint32_t)text, 0xffffffffu };
	const uint32_t good[2] = { (uint32_t)text, 5 };

	expect_noaccess("a NULL buffer", SYS_WRITE_CONSOLE, null_buf);
	expect_noaccess("a kernel buffer", SYS_WRITE_CONSOLE, kernel_buf);
	expect_noaccess("an unmapped buffer", SYS_WRITE_CONSOLE, unmapped_buf);
	expect_noaccess("a buffer crossing the stack top", SYS_WRITE_CONSOLE, crossing_buf);
	expect_noaccess("a wrapping length", SYS_WRITE_CONSOLE, wrapping_buf);
	expect_noaccess("a NULL argument block", SYS_WRITE_CONSOLE, NULL);
	expect_noaccess("a kernel argument block", SYS_SLEEP, (const uint32_t *)0x80100000u);
	if (vados_syscall(SYS_WRITE_CONSOLE, good).error != 0) {
		printf("syscall-bad-pointers: a good write failed\n");
		failures++;
	}
	printf("syscall-bad-pointers: %d failures\n", failures);
	return failures;
}
