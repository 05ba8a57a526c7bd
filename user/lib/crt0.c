/* Program entry: the kernel leaves argc and argv on the stack. */
#include <stdlib.h>
#include "vados/calls.h"

int main(int argc, char **argv);
void __vados_exceptions_init(void);

int __vados_sysenter;

/* Runs before main: the runtime's own set-up. */
static void __attribute__((used)) runtime_init(void)
{
	__vados_sysenter = vados_syscall(SYS_FAST_CALLS, NULL).value == 1;
	__vados_exceptions_init();
}

__attribute__((section(".text.start"), naked, noreturn)) void _start(void)
{
	asm volatile("xorl %%ebp, %%ebp\n\t"
		     "movl (%%esp), %%eax\n\t"    /* argc */
		     "movl 4(%%esp), %%edx\n\t"   /* argv */
		     "andl $-16, %%esp\n\t"
		     "subl $8, %%esp\n\t"
		     "pushl %%edx\n\t"
		     "pushl %%eax\n\t"
		     "call runtime_init\n\t"
		     "call main\n\t"
		     "pushl %%eax\n\t"
		     "call exit\n\t"
		     "ud2" ::: "memory");
}
