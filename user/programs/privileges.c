/* privileges [PID]: the privileges of a process's token (its own without
 * PID), each with its state, as Windows' "whoami /priv" lists them. */
#include <stdio.h>
#include <stdlib.h>
#include <windows.h>

/* Prints the privileges of the token behind token; 0 or a Win32 error. */
static DWORD print_privileges(HANDLE token)
{
	union {
		TOKEN_PRIVILEGES tp;
		char bytes[4 + 64 * sizeof(LUID_AND_ATTRIBUTES)];
	} u;
	DWORD size = 0;

	if (!GetTokenInformation(token, TokenPrivileges, &u, sizeof(u), &size))
		return GetLastError();
	for (DWORD i = 0; i < u.tp.PrivilegeCount; i++) {
		char name[64];
		DWORD len = sizeof(name);
		const LUID_AND_ATTRIBUTES *p = &u.tp.Privileges[i];

		if (!LookupPrivilegeNameA(NULL, (PLUID)&p->Luid, name, &len))
			snprintf(name, sizeof(name), "LUID %lu", p->Luid.LowPart);
		printf("  %-32s %s\n", name,
		       p->Attributes & SE_PRIVILEGE_ENABLED ? "Enabled" : "Disabled");
	}
	printf("%lu privileges\n", u.tp.PrivilegeCount);
	return 0;
}

int main(int argc, char **argv)
{
	DWORD pid = argc > 1 ? strtoul(argv[1], NULL, 10) : GetCurrentProcessId();
	HANDLE process = argc > 1 ? OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, pid) :
		GetCurrentProcess();
	HANDLE token = NULL;
	DWORD err = 0;

	if (!process || !OpenProcessToken(process, TOKEN_QUERY, &token))
		err = GetLastError();
	else
		err = print_privileges(token);
	if (err)
		printf("privileges: pid %lu: error %lu\n", pid, err);
	if (token)
		CloseHandle(token);
	if (process && argc > 1)
		CloseHandle(process);
	return err != 0;
}
