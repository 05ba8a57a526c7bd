/* Program entry: the kernel leaves argc and argv on the stack. */
#include <stdlib.h>

int main(int argc, char **argv);

__attribute__((section(".text.start"), naked, noreturn)) void _start(void)
{
	asm volatile("xorl %%ebp, %%ebp\n\t"
		     "movl (%%esp), %%eax\n\t"    /* argc */
		     "movl 4(%%esp), %%edx\n\t"   /* argv */
		     "andl $-16, %%esp\n\t"
		     "subl $8, %%esp\n\t"
		     "pushl %%edx\n\t"
		     "pushl %%eax\n\t"
		     "call main\n\t"
		     "pushl %%eax\n\t"
		     "call exit\n\t"
		     "ud2" ::: "memory");
}
