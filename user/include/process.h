/* <process.h>: Microsoft's C runtime threads and process calls. */
#ifndef _PROCESS_H
#define _PROCESS_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include "vados/cdefs.h"

VADOS_BEGIN_DECLS

/* A thread running start(arg) (CreateThread's security, stack size, flags
 * such as CREATE_SUSPENDED and thread id): its handle, which the caller
 * closes; 0 with errno set from the Win32 error on failure. Returning from
 * start or _endthreadex(code) ends it with that exit code. */
uintptr_t _beginthreadex(void *security, unsigned stack_size,
			 unsigned (__stdcall *start)(void *), void *arg, unsigned flags,
			 unsigned *thread_id);
__attribute__((noreturn)) void _endthreadex(unsigned code);
/* A thread running start(arg) whose handle closes itself when it ends
 * (returning from start or _endthread); (uintptr_t)-1 with errno on
 * failure (EINVAL for a NULL start). */
uintptr_t _beginthread(void (__cdecl *start)(void *), unsigned stack_size, void *arg);
__attribute__((noreturn)) void _endthread(void);
int _getpid(void);
int getpid(void);
void _cexit(void);
void _c_exit(void);

VADOS_END_DECLS

#endif
