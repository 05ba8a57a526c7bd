/* For ring-3 tests: where another process's image is, now that ASLR moves
 * each program's image (one base per program per boot). */
#ifndef TESTS_USER_IMAGE_BASE_H
#define TESTS_USER_IMAGE_BASE_H

#include <windows.h>

/* The base of process h's image: the first MEM_IMAGE region from 0x00400000
 * up (where images go); 0 when there is none. */
static inline DWORD image_base_of(HANDLE h)
{
	MEMORY_BASIC_INFORMATION m;

	for (DWORD a = 0x00400000; a < 0x7fff0000 && VirtualQueryEx(h, (void *)a, &m, sizeof(m));
	     a += m.RegionSize)
		if (m.Type == MEM_IMAGE)
			return (DWORD)m.AllocationBase;
	return 0;
}

#endif
