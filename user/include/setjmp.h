/* <setjmp.h> for i386: jmp_buf is Microsoft's 16 ints; longjmp restores the
 * callee-saved registers, the stack and the thread's SEH chain head
 * (fs:[0]) of the setjmp, and makes it return value (1 for 0). */
#ifndef _SETJMP_H
#define _SETJMP_H

#include "vados/cdefs.h"

VADOS_BEGIN_DECLS

#define _JBLEN 16
typedef int jmp_buf[_JBLEN];

__attribute__((returns_twice)) int _setjmp(jmp_buf env);
__attribute__((noreturn)) void longjmp(jmp_buf env, int value);
#define setjmp(env) _setjmp(env)

VADOS_END_DECLS

#endif
