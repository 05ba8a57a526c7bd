/* setjmp and longjmp (<setjmp.h>): jmp_buf holds EBX ESI EDI EBP, the stack
 * pointer after setjmp returns, its return address and fs:[0]. */
#include <setjmp.h>

__attribute__((naked, returns_twice)) int _setjmp(jmp_buf env)
{
	(void)env;
	__asm__("movl 4(%esp), %eax\n\t"
		"movl %ebx, 0(%eax)\n\t"
		"movl %esi, 4(%eax)\n\t"
		"movl %edi, 8(%eax)\n\t"
		"movl %ebp, 12(%eax)\n\t"
		"leal 4(%esp), %ecx\n\t"
		"movl %ecx, 16(%eax)\n\t"
		"movl (%esp), %ecx\n\t"
		"movl %ecx, 20(%eax)\n\t"
		"movl %fs:0, %ecx\n\t"
		"movl %ecx, 24(%eax)\n\t"
		"xorl %eax, %eax\n\t"
		"ret");
}

__attribute__((naked, noreturn)) void longjmp(jmp_buf env, int value)
{
	(void)env, (void)value;
	__asm__("movl 4(%esp), %edx\n\t"
		"movl 8(%esp), %eax\n\t"
		"testl %eax, %eax\n\t"
		"jnz 1f\n\t"
		"incl %eax\n"
		"1:\n\t"
		"movl 24(%edx), %ecx\n\t"
		"movl %ecx, %fs:0\n\t"
		"movl 0(%edx), %ebx\n\t"
		"movl 4(%edx), %esi\n\t"
		"movl 8(%edx), %edi\n\t"
		"movl 12(%edx), %ebp\n\t"
		"movl 16(%edx), %esp\n\t"
		"jmp *20(%edx)");
}
