/* Program entry: the kernel leaves argc and argv on the stack. */
#include <stdlib.h>

int main(int argc, char **argv);
void __vados_exceptions_init(void);

/* Runs before main: the runtime's own set-up. */
static void __attribute__((used)) runtime_init(void)
{
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
