/* Program entry: the kernel leaves the command line's, the environment
 * block's and the creator's start-up record's addresses on the stack. */
#include <stdlib.h>
#include "vados/calls.h"
#include "user/lib/argv.h"
#include "user/lib/runtime.h"

int main(int argc, char **argv);

int __vados_sysenter;

typedef void (*init_fn)(void);
extern init_fn __preinit_array_start[], __preinit_array_end[];
extern init_fn __init_array_start[], __init_array_end[];

/* The runtime's set-up, then the program's constructors (C++ global
 * objects, __attribute__((constructor))) in order, then main and exit. The
 * kernel leaves the command line (at the stack's top) and the environment
 * block's address on the stack. argv lives in this frame, which lasts as
 * long as the process: no heap is made before the program asks for one. */
static void __attribute__((used, noreturn)) runtime_start(char *cmdline, char *env,
							   void *startup)
{
	size_t words, chars;

	argv_measure(cmdline, &words, &chars, ARGV_CRT);
	char *argv[words + 1], strings[chars];
	int argc = argv_split(cmdline, argv, strings, ARGV_CRT);

	__vados_sysenter = vados_syscall(SYS_FAST_CALLS, NULL).value == 1;
	__vados_exceptions_init();
	__vados_heap_init();
	__vados_env_init(env);
	__vados_args_init(cmdline, argc, argv);
	__vados_startup_init(startup);
	__vados_run_apcs();     /* queued to a process created suspended */
	for (init_fn *f = __preinit_array_start; f < __preinit_array_end; f++)
		(*f)();
	for (init_fn *f = __init_array_start; f < __init_array_end; f++)
		(*f)();
	exit(main(argc, argv));
}

__attribute__((section(".text.start"), naked, noreturn)) void _start(void)
{
	asm volatile("xorl %%ebp, %%ebp\n\t"
		     "movl (%%esp), %%esi\n\t"    /* the command line */
		     "movl 4(%%esp), %%edi\n\t"   /* the environment block */
		     "movl 8(%%esp), %%ebx\n\t"   /* the start-up record, or 0 */
		     "andl $-16, %%esp\n\t"
		     "subl $4, %%esp\n\t"
		     "pushl %%ebx\n\t"
		     "pushl %%edi\n\t"
		     "pushl %%esi\n\t"
		     "call runtime_start\n\t"
		     "ud2" ::: "memory");
}
