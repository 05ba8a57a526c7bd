/* The pieces of the C++ ABI that g++'s code calls besides new and delete:
 * pure and deleted virtual calls, and the guards of function-local statics
 * (one thread per process, so a guard is just its "done" byte). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <windows.h>
#include "user/lib/runtime.h"

/* One line, as an unhandled exception's, then abort's end (status 3, no
 * destructors): the program called what has no body. */
static void __attribute__((noreturn)) bad_virtual_call(const char *what, void *from)
{
	printf("pid %lu %s: %s virtual function call from eip 0x%08lx\n", GetCurrentProcessId(),
	       __vados_program_name(), what, (DWORD)from);
	abort();
}

void __cxa_pure_virtual(void)
{
	bad_virtual_call("pure", __builtin_return_address(0));
}

void __cxa_deleted_virtual(void)
{
	bad_virtual_call("deleted", __builtin_return_address(0));
}

/* Non-zero: the caller constructs the object, then calls the release. */
int __cxa_guard_acquire(uint64_t *guard)
{
	return *(volatile uint8_t *)guard == 0;
}

void __cxa_guard_release(uint64_t *guard)
{
	*(volatile uint8_t *)guard = 1;
}

void __cxa_guard_abort(uint64_t *guard)
{
	(void)guard;
}
