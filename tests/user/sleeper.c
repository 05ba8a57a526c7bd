/* A process that stays: reserves 1 MB at 0x10000000, commits its first page
 * read-write, says so, and sleeps until it is killed. The target of the
 * shell's "walk PID" scenario, which must see that region in another process. */
#include <stdio.h>
#include <windows.h>

#define AT 0x10000000u

int main(void)
{
	BYTE *p = VirtualAlloc((LPVOID)AT, 1024 * 1024, MEM_RESERVE, PAGE_NOACCESS);

	if (!p || VirtualAlloc(p, 4096, MEM_COMMIT, PAGE_READWRITE) != p)
		printf("sleeper: VirtualAlloc at 0x%08x failed: error %lu\n", AT, GetLastError());
	else
		printf("sleeper: pid %lu, 1 MB reserved at %p, first page committed\n",
		       GetCurrentProcessId(), (void *)p);
	for (;;)
		Sleep(INFINITE);
}
