/* The pieces of the C++ ABI that g++'s code calls besides new and delete:
 * pure and deleted virtual calls, and the guards of function-local statics
 * (the Itanium ABI's: byte 0 of the guard says done; here byte 1 says a
 * thread is constructing it, and the others wait). */
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

/* Non-zero: the caller constructs the object, then calls the release (or
 * the abort). Zero once it is constructed; while another thread constructs
 * it, waits. */
int __cxa_guard_acquire(uint64_t *guard)
{
	uint8_t *g = (uint8_t *)guard;

	for (;;) {
		if (__atomic_load_n(&g[0], __ATOMIC_ACQUIRE))
			return 0;
		if (__atomic_exchange_n(&g[1], 1, __ATOMIC_ACQ_REL) == 0) {
			if (!__atomic_load_n(&g[0], __ATOMIC_ACQUIRE))
				return 1;
			/* Done between our two looks. */
			__atomic_store_n(&g[1], 0, __ATOMIC_RELEASE);
			return 0;
		}
		Sleep(1);               /* another thread constructs it */
	}
}

void __cxa_guard_release(uint64_t *guard)
{
	uint8_t *g = (uint8_t *)guard;

	__atomic_store_n(&g[0], 1, __ATOMIC_RELEASE);
	__atomic_store_n(&g[1], 0, __ATOMIC_RELEASE);
}

/* The constructor did not complete: the next thread to come tries again. */
void __cxa_guard_abort(uint64_t *guard)
{
	__atomic_store_n(&((uint8_t *)guard)[1], 0, __ATOMIC_RELEASE);
}
