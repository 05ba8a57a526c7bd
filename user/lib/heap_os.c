/* The heap engine's page provider in ring 3: the VirtualAlloc family, and
 * RaiseException for a corrupt heap. */
#include <windows.h>
#include "user/lib/heap_core.h"

void *heap_os_reserve(size_t size)
{
	return VirtualAlloc(NULL, size, MEM_RESERVE, PAGE_READWRITE);
}

bool heap_os_commit(void *addr, size_t size, bool executable)
{
	return VirtualAlloc(addr, size, MEM_COMMIT,
			    executable ? PAGE_EXECUTE_READWRITE : PAGE_READWRITE) != NULL;
}

/* The last committed, readable run VirtualQuery showed heap_os_readable, so
 * that checks within it need no system call; forgotten whenever the heap
 * decommits or releases anything. */
static uintptr_t known_lo, known_hi;

void heap_os_decommit(void *addr, size_t size)
{
	known_lo = known_hi = 0;
	VirtualFree(addr, size, MEM_DECOMMIT);
}

void heap_os_release(void *addr)
{
	known_lo = known_hi = 0;
	VirtualFree(addr, 0, MEM_RELEASE);
}

bool heap_os_readable(const void *addr, size_t size)
{
	const DWORD readable = PAGE_READONLY | PAGE_READWRITE | PAGE_WRITECOPY |
			       PAGE_EXECUTE_READ | PAGE_EXECUTE_READWRITE |
			       PAGE_EXECUTE_WRITECOPY;
	uintptr_t a = (uintptr_t)addr;
	MEMORY_BASIC_INFORMATION m;

	if (a >= known_lo && a + size <= known_hi && a + size >= a)
		return true;
	if (!VirtualQuery(addr, &m, sizeof(m)) || m.State != MEM_COMMIT ||
	    !(m.Protect & readable) || (m.Protect & PAGE_GUARD))
		return false;
	known_lo = (uintptr_t)m.BaseAddress;
	known_hi = known_lo + m.RegionSize;
	return a + size <= known_hi;
}

size_t heap_os_committed(const void *addr, size_t size)
{
	const char *at = addr, *end = at + size;
	MEMORY_BASIC_INFORMATION m;
	size_t n = 0;

	while (at < end && VirtualQuery(at, &m, sizeof(m)) && m.RegionSize) {
		const char *next = (const char *)m.BaseAddress + m.RegionSize;
		if (m.State == MEM_COMMIT)
			n += (size_t)((next < end ? next : end) - at);
		at = next;
	}
	return n;
}

uint32_t heap_os_entropy(void)
{
	return GetTickCount() * 2654435761u ^ GetCurrentProcessId() << 16;
}

/* STATUS_HEAP_CORRUPTION, non-continuable, with the heap and the block as its
 * parameters; no handler can resume it, so the process ends with that code. */
void heap_os_corrupt(struct heap *h, const void *addr)
{
	ULONG_PTR info[2] = { (ULONG_PTR)h, (ULONG_PTR)addr };

	RaiseException(STATUS_HEAP_CORRUPTION, EXCEPTION_NONCONTINUABLE, 2, info);
	ExitProcess(STATUS_HEAP_CORRUPTION);
}
