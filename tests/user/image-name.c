/* A process's program file name as Windows gives it: GetModuleFileNameA/W
 * (the program's own), QueryFullProcessImageNameA/W (the full path, or the
 * device form with PROCESS_NAME_NATIVE), psapi's GetProcessImageFileNameA/W
 * and GetModuleFileNameExA/W; too small buffers, bad flags, modules and
 * handles, a handle without query access, a process that has ended.
 *
 *   image-name           (run= from the boot image) starts C:\BIN\image-name.exe
 *                        child and checks it from outside
 *   image-name child     checks its own names, then waits for the parent's
 *                        checks while it lives
 */
#include <windows.h>
#include <psapi.h>
#include <string.h>
#include <wchar.h>

#define TEST_NAME "image-name"
#include "check.h"

#define PATH   "C:\\BIN\\image-name.exe"
#define DEVICE "\\Device\\HarddiskVolume1\\BIN\\image-name.exe"

/* The child's own names: the full path of the file it runs from. */
static int child(void)
{
	char name[MAX_PATH], small[8];
	WCHAR wname[MAX_PATH];
	DWORD n = sizeof(name);

	CHECK(GetModuleFileNameA(NULL, name, sizeof(name)) == strlen(PATH) &&
	      !_stricmp(name, PATH), "GetModuleFileNameA: \"%s\"", name);
	CHECK(GetModuleFileNameA(GetModuleHandleA(NULL), name, sizeof(name)) == strlen(PATH),
	      "by the module's handle");
	CHECK(GetModuleHandleA("IMAGE-NAME.EXE") == GetModuleHandleA(NULL) &&
	      GetModuleHandleA("c:\\bin\\image-name.exe") == GetModuleHandleA(NULL),
	      "GetModuleHandleA by its file's name and path");
	FAILS(GetModuleHandleA("image-name"), NULL, ERROR_MOD_NOT_FOUND);      /* .dll added */
	FAILS(GetModuleHandleA("C:\\image-name.exe"), NULL, ERROR_MOD_NOT_FOUND);
	FAILS(GetModuleFileNameA(NULL, small, sizeof(small)), sizeof(small),
	      ERROR_INSUFFICIENT_BUFFER);
	CHECK(small[7] == 0 && !_strnicmp(small, PATH, 7), "cut: \"%s\"", small);
	CHECK(GetModuleFileNameW(NULL, wname, MAX_PATH) == strlen(PATH) &&
	      !_wcsicmp(wname, L"" PATH), "GetModuleFileNameW");
	CHECK(QueryFullProcessImageNameA(GetCurrentProcess(), 0, name, &n) && n == strlen(PATH) &&
	      !_stricmp(name, PATH), "QueryFullProcessImageNameA(self): %lu \"%s\"", n, name);
	printf("image-name child: %s\n", name);
	fflush(stdout);
	SetEvent(OpenEventA(EVENT_MODIFY_STATE, FALSE, "image-name-ready"));
	WaitForSingleObject(OpenEventA(SYNCHRONIZE, FALSE, "image-name-go"), INFINITE);
	return failures;
}

/* hProcess's names from outside, by every call; its module's handle only
 * while it lives (an ended process has no address space to list). */
static void names_of(HANDLE h, BOOL alive)
{
	char name[MAX_PATH], small[8];
	WCHAR wname[MAX_PATH];
	HMODULE module;
	DWORD n = sizeof(name), cb;

	CHECK(QueryFullProcessImageNameA(h, 0, name, &n) && n == strlen(PATH) &&
	      !_stricmp(name, PATH), "Win32 form: %lu \"%s\"", n, name);
	n = sizeof(name);
	CHECK(QueryFullProcessImageNameA(h, PROCESS_NAME_NATIVE, name, &n) &&
	      n == strlen(DEVICE) && !_stricmp(name, DEVICE), "native form: %lu \"%s\"", n, name);
	n = strlen(PATH);
	FAILS(QueryFullProcessImageNameA(h, 0, name, &n), FALSE, ERROR_INSUFFICIENT_BUFFER);
	CHECK(n == strlen(PATH), "the size is left: %lu", n);
	n = sizeof(name);
	FAILS(QueryFullProcessImageNameA(h, 2, name, &n), FALSE, ERROR_INVALID_PARAMETER);
	n = MAX_PATH;
	CHECK(QueryFullProcessImageNameW(h, 0, wname, &n) && n == strlen(PATH) &&
	      !_wcsicmp(wname, L"" PATH), "QueryFullProcessImageNameW: %lu", n);

	CHECK(GetProcessImageFileNameA(h, name, sizeof(name)) == strlen(DEVICE) &&
	      !_stricmp(name, DEVICE), "GetProcessImageFileNameA: \"%s\"", name);
	FAILS(GetProcessImageFileNameA(h, small, sizeof(small)), 0, ERROR_INSUFFICIENT_BUFFER);
	CHECK(GetProcessImageFileNameW(h, wname, MAX_PATH) == strlen(DEVICE) &&
	      !_wcsicmp(wname, L"" DEVICE), "GetProcessImageFileNameW");

	CHECK(GetModuleFileNameExA(h, NULL, name, sizeof(name)) == strlen(PATH) &&
	      !_stricmp(name, PATH), "GetModuleFileNameExA: \"%s\"", name);
	CHECK(!alive || (EnumProcessModules(h, &module, sizeof(module), &cb) &&
			 GetModuleFileNameExA(h, module, name, sizeof(name)) == strlen(PATH)),
	      "by its module");
	CHECK(GetModuleFileNameExA(h, NULL, small, sizeof(small)) == sizeof(small) - 1 &&
	      !_strnicmp(small, PATH, sizeof(small) - 1) && small[7] == 0,
	      "cut, and it still succeeds: \"%s\"", small);
	FAILS(GetModuleFileNameExA(h, (HMODULE)0x7000000, name, sizeof(name)), 0,
	      ERROR_INVALID_HANDLE);
	CHECK(GetModuleFileNameExW(h, NULL, wname, MAX_PATH) == strlen(PATH) &&
	      !_wcsicmp(wname, L"" PATH), "GetModuleFileNameExW");
}

int main(int argc, char **argv)
{
	char cmd[] = PATH " child", name[MAX_PATH];
	STARTUPINFOA si;
	PROCESS_INFORMATION pi;
	DWORD n = sizeof(name), status;
	HANDLE weak, ready, go;

	(void)argv;
	if (argc > 1)
		return child();
	memset(&si, 0, sizeof(si));
	si.cb = sizeof(si);
	ready = CreateEventA(NULL, FALSE, FALSE, "image-name-ready");
	go = CreateEventA(NULL, TRUE, FALSE, "image-name-go");
	/* The parent, a boot module, has its module's name for a path. */
	CHECK(GetModuleFileNameA(NULL, name, sizeof(name)) == strlen("image-name") &&
	      !strcmp(name, "image-name"), "a boot module: \"%s\"", name);
	CHECK(QueryFullProcessImageNameA(GetCurrentProcess(), 0, name, &n) &&
	      !strcmp(name, "image-name"), "itself: \"%s\"", name);
	if (!CreateProcessA(NULL, cmd, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi)) {
		printf("image-name: CreateProcessA: error %lu\n", GetLastError());
		return 1;
	}
	WaitForSingleObject(ready, INFINITE);
	names_of(pi.hProcess, TRUE);
	SetEvent(go);
	WaitForSingleObject(pi.hProcess, INFINITE);
	CHECK(GetExitCodeProcess(pi.hProcess, &status) && status == 0, "the child: %lu", status);
	names_of(pi.hProcess, FALSE);   /* it has ended: the names stay */

	weak = OpenProcess(SYNCHRONIZE, FALSE, pi.dwProcessId);
	n = sizeof(name);
	FAILS(weak ? QueryFullProcessImageNameA(weak, 0, name, &n) : TRUE, FALSE,
	      ERROR_ACCESS_DENIED);
	FAILS(GetProcessImageFileNameA(NULL, name, sizeof(name)), 0, ERROR_INVALID_HANDLE);
	n = sizeof(name);
	FAILS(QueryFullProcessImageNameA(pi.hProcess, 0, name, NULL), FALSE, ERROR_NOACCESS);
	FAILS(QueryFullProcessImageNameA(pi.hProcess, 0, (LPSTR)0xC0000000, &n), FALSE,
	      ERROR_NOACCESS);
	if (weak)
		CloseHandle(weak);
	CloseHandle(ready);
	CloseHandle(go);
	CloseHandle(pi.hThread);
	CloseHandle(pi.hProcess);
	printf("image-name: %d failures\n", failures);
	return failures != 0;
}
