/* Every bad pointer handed to a system call fails it with ERROR_NOACCESS
 * (998): NULL, the kernel half, unmapped memory, a buffer running into an
 * unmapped page, and the argument block itself. The process keeps running. */
#include <stdio.h>
#include "vados/calls.h"

#define ERROR_NOACCESS 998u
/* The top of the main thread's stack, where ASLR put it: the TEB's StackBase
 * (FS:[4]). */
static uint32_t stack_top(void)
{
	uint32_t top;

	__asm__ __volatile__("movl %%fs:4, %0" : "=r"(top));
	return top;
}
#define STACK_TOP stack_top()

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
	const uint32_t crossing_buf[2] = { STACK_TOP - 4, 64 };
	const uint32_t wrapping_buf[2] = { (uint32_t)text, 0xffffffffu };
	const uint32_t good[2] = { (uint32_t)text, 5 };

	expect_noaccess("a NULL buffer", SYS_WRITE_CONSOLE, null_buf);
	expect_noaccess("a kernel buffer", SYS_WRITE_CONSOLE, kernel_buf);
	expect_noaccess("an unmapped buffer", SYS_WRITE_CONSOLE, unmapped_buf);
	expect_noaccess("a buffer crossing the stack top", SYS_WRITE_CONSOLE, crossing_buf);
	expect_noaccess("a wrapping length", SYS_WRITE_CONSOLE, wrapping_buf);
	expect_noaccess("a NULL argument block", SYS_WRITE_CONSOLE, NULL);
	expect_noaccess("a kernel argument block", SYS_SLEEP, (const uint32_t *)0x80100000u);
	expect_noaccess("an argument block crossing the stack top", SYS_WRITE_CONSOLE,
			(const uint32_t *)(STACK_TOP - 4));
	/* The stack's last bytes (argv's strings, no longer needed) become a
	 * string with no end before the unmapped page above. */
	for (char *p = (char *)(STACK_TOP - 16); p < (char *)STACK_TOP; p++)
		*p = 'x';
	/* Every other call that takes a pointer, with each kind of bad one. */
	const uint32_t bad[] = { 0, 0x80100000u, 0x10000000u, STACK_TOP - 4 };
	static const uint32_t calls[][2] = {
		{ SYS_READ_CONSOLE, 64 }, { SYS_LIST_PROCESSES, 8 }, { SYS_MEMORY_STATUS, 0 },
		{ SYS_CONTINUE, 0 }, { SYS_UNHANDLED_EXCEPTION, 0 }, { SYS_CREATE_PROCESS, 0 },
		{ SYS_RAISE_EXCEPTION, 0 },
	};
	static char name[] = "hello";
	uint32_t out[4];
	for (unsigned c = 0; c < sizeof(calls) / sizeof(calls[0]); c++) {
		for (unsigned b = 0; b < sizeof(bad) / sizeof(bad[0]); b++) {
			uint32_t args[VADOS_SYSCALL_MAX_ARGS] = { bad[b], calls[c][1] };
			char what[64];
			if (calls[c][0] == SYS_CREATE_PROCESS && bad[b] == STACK_TOP - 4)
				args[0] = STACK_TOP - 16;      /* the unterminated string */
			if (calls[c][0] == SYS_RAISE_EXCEPTION) {
				args[0] = 0xE0000001u;
				args[2] = 2;
				args[3] = bad[b];
			}
			snprintf(what, sizeof(what), "call %u with pointer 0x%x", calls[c][0], bad[b]);
			expect_noaccess(what, calls[c][0], args);
			if (calls[c][0] == SYS_CREATE_PROCESS) {   /* good name, bad out */
				uint32_t args2[VADOS_SYSCALL_MAX_ARGS] = { (uint32_t)name, bad[b] };
				expect_noaccess("create-process output", SYS_CREATE_PROCESS, args2);
			}
		}
	}
	uint32_t good_create[VADOS_SYSCALL_MAX_ARGS] = { (uint32_t)name, (uint32_t)out };
	if (vados_syscall(SYS_CREATE_PROCESS, good_create).error != 0) {
		printf("syscall-bad-pointers: a good CreateProcess failed\n");
		failures++;
	}
	if (vados_syscall(SYS_WRITE_CONSOLE, good).error != 0) {
		printf("syscall-bad-pointers: a good write failed\n");
		failures++;
	}
	printf("syscall-bad-pointers: %d failures\n", failures);
	return failures;
}
