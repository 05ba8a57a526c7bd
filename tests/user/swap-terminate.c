/* Terminating a process in the middle of paging: it may be asleep in a
 * page-in, which must end before it does; then the machine goes on paging
 * for others. That every frame, slot and charge came back the kernel checks
 * itself: swap_check at every exit, the baselines after the run. */
#include "swap-common.h"

/* Starts cmd and returns its process handle (NULL on failure). */
static HANDLE start(char *cmd)
{
	STARTUPINFOA si = { .cb = sizeof(si) };
	PROCESS_INFORMATION pi;

	if (!CreateProcessA(NULL, cmd, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi))
		return NULL;
	CloseHandle(pi.hThread);
	return pi.hProcess;
}

int main(void)
{
	char victim[] = "swap-pattern 4 9 shared", after[] = "swap-pattern 2 10 shared";
	uint32_t failures = 0;
	HANDLE h = start(victim);
	DWORD code = 0;

	if (!h)
		return 1;
	Sleep(700);                     /* well into its paging */
	if (!TerminateProcess(h, 0x77) || WaitForSingleObject(h, 20000) != WAIT_OBJECT_0 ||
	    !GetExitCodeProcess(h, &code) || code != 0x77) {
		printf("swap-terminate: the victim did not end as told (0x%lx)\n", code);
		failures++;
	}
	HANDLE h2 = start(after);
	if (!h2 || WaitForSingleObject(h2, 60000) != WAIT_OBJECT_0 ||
	    !GetExitCodeProcess(h2, &code) || code != 0) {
		printf("swap-terminate: paging afterwards failed (0x%lx)\n", code);
		failures++;
	}
	printf("swap-terminate: %u failures\n", failures);
	return failures != 0;
}
