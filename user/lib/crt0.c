/* Program entry: the kernel leaves argc and argv on the stack. */
#include <stdlib.h>
#include "vados/calls.h"
#include "user/lib/runtime.h"

int main(int argc, char **argv);

int __vados_sysenter;

typedef void (*init_fn)(void);
extern init_fn __preinit_array_start[], __preinit_array_end[];
extern init_fn __init_array_start[], __init_array_end[];

/* Runs before main: the runtime's own set-up, then the program's
 * constructors (C++ global objects, __attribute__((constructor))) in order. */
static void __attribute__((used)) runtime_init(int argc, char **argv)
{
	__vados_sysenter = vados_syscall(SYS_FAST_CALLS, NULL).value == 1;
	__vados_exceptions_init();
	__vados_heap_init();
	__vados_args_init(argc, argv);
	for (init_fn *f = __preinit_array_start; f < __preinit_array_end; f++)
		(*f)();
	for (init_fn *f = __init_array_start; f < __init_array_end; f++)
		(*f)();
}

__attribute__((section(".text.start"), naked, noreturn)) void _start(void)
{
	asm volatile("xorl %%ebp, %%ebp\n\t"
		     "movl (%%esp), %%esi\n\t"    /* argc, kept across runtime_init */
		     "movl 4(%%esp), %%edi\n\t"   /* argv, likewise */
		     "andl $-16, %%esp\n\t"
		     "subl $8, %%esp\n\t"
		     "pushl %%edi\n\t"
		     "pushl %%esi\n\t"
		     "call runtime_init\n\t"
		     "movl %%esi, (%%esp)\n\t"    /* a callee may have reused its */
		     "movl %%edi, 4(%%esp)\n\t"   /* argument slots */
		     "call main\n\t"
		     "pushl %%eax\n\t"
		     "call exit\n\t"
		     "ud2" ::: "memory");
}
