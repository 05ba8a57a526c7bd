/* CreateProcessA and WaitForSingleObject: 8 children at once exit with
 * distinct codes that GetExitCodeProcess reports; then 64 children created
 * and reaped one after another (a second round of them: the first touches
 * this loop's own pages) leave the available physical memory exactly where
 * it was. Children are this program again, started by its argv[0]. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

static const char *self;

static HANDLE spawn(int code)
{
	char cmdline[64];
	STARTUPINFOA si = { .cb = sizeof(si) };
	PROCESS_INFORMATION pi;

	snprintf(cmdline, sizeof(cmdline), "%s child %d", self, code);
	if (!CreateProcessA(NULL, cmdline, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi)) {
		printf("spawn-many: CreateProcessA failed: %lu\n", GetLastError());
		return NULL;
	}
	CloseHandle(pi.hThread);
	return pi.hProcess;
}

static DWORD reap(HANDLE h)
{
	DWORD code = 0xdead;

	if (WaitForSingleObject(h, INFINITE) != WAIT_OBJECT_0 || !GetExitCodeProcess(h, &code))
		printf("spawn-many: waiting failed: %lu\n", GetLastError());
	CloseHandle(h);
	return code;
}

static int concurrent(int n)
{
	HANDLE h[8];
	int ok = 1;

	for (int i = 0; i < n; i++)
		ok &= (h[i] = spawn(100 + i)) != NULL;
	for (int i = 0; i < n && ok; i++) {
		DWORD code = reap(h[i]);
		ok &= code == (DWORD)(100 + i);
	}
	return ok;
}

static DWORDLONG avail(void)
{
	MEMORYSTATUSEX m = { .dwLength = sizeof(m) };

	return GlobalMemoryStatusEx(&m) ? m.ullAvailPhys : 0;
}

int main(int argc, char **argv)
{
	DWORDLONG before = 0, after = 0;
	int ok;

	self = argv[0];
	if (argc == 3 && strcmp(argv[1], "child") == 0)
		return atoi(argv[2]);
	ok = concurrent(8);
	printf("spawn-many: 8 concurrent children exited with their codes: %s\n", ok ? "yes" : "NO");
	/* Twice: the first round also brings in the pages of this loop's own
	 * code and data that nothing ran before (an image page on the standby
	 * list counts as available until it is mapped), so only the second is
	 * measured exactly. */
	for (int round = 0; round < 2 && ok; round++) {
		before = avail();
		for (int i = 0; i < 64 && ok; i++)
			ok &= reap(spawn(i)) == (DWORD)i;
		after = avail();
	}
	printf("spawn-many: 64 children reaped; available memory %llu KiB before, %llu KiB after\n",
	       before / 1024, after / 1024);
	return ok && before == after ? 0 : 1;
}
