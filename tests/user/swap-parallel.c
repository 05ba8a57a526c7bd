/* Four processes each commit and check the machine's RAM worth of patterned
 * memory at once (4x RAM in all, each with its own seed): paging for one
 * must never hand another its pages. */
#include <stdlib.h>
#include "swap-common.h"

#define CHILDREN 4

int main(void)
{
	PROCESS_INFORMATION pi[CHILDREN];
	STARTUPINFOA si = { .cb = sizeof(si) };
	int failures = 0;

	for (int i = 0; i < CHILDREN; i++) {
		char cmd[48];
		snprintf(cmd, sizeof(cmd), "swap-pattern 1 %d shared", 1000 + i);
		if (!CreateProcessA(NULL, cmd, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi[i])) {
			printf("swap-parallel: cannot start child %d: error %lu\n", i, GetLastError());
			return 1;
		}
	}
	for (int i = 0; i < CHILDREN; i++) {
		DWORD code = 1;
		WaitForSingleObject(pi[i].hProcess, INFINITE);
		GetExitCodeProcess(pi[i].hProcess, &code);
		if (code != 0) {
			printf("swap-parallel: child %d ended with 0x%lx\n", i, code);
			failures++;
		}
		CloseHandle(pi[i].hProcess);
		CloseHandle(pi[i].hThread);
	}
	printf("swap-parallel: %d children, %d failures\n", CHILDREN, failures);
	return failures != 0;
}
