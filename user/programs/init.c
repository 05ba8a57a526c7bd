/* The first process of an interactive boot: keeps a shell running on the
 * console. The shell's exit and shutdown commands power off. */
#include <stdio.h>
#include <windows.h>

#define RESTARTS_MAX 5

int main(void)
{
	for (int restarts = 0; restarts <= RESTARTS_MAX; restarts++) {
		PROCESS_INFORMATION pi;
		DWORD status = 0;

		if (!CreateProcessA(NULL, "shell", NULL, NULL, FALSE, 0, NULL, NULL, NULL, &pi)) {
			printf("init: cannot start the shell (error %lu)\n", GetLastError());
			return 1;
		}
		CloseHandle(pi.hThread);
		WaitForSingleObject(pi.hProcess, INFINITE);
		GetExitCodeProcess(pi.hProcess, &status);
		CloseHandle(pi.hProcess);
		printf("init: the shell ended with status 0x%lx; starting a new one\n", status);
		Sleep(500);
	}
	printf("init: the shell keeps failing; giving up\n");
	return 1;
}
