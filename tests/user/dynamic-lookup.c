/* Dynamic linking as a Windows program uses it to find optional calls:
 * GetModuleHandle and LoadLibrary give the system DLLs (kernel32, ntdll,
 * msvcrt, ... by name, any case, ".dll" optional, with a directory) one
 * handle each; GetProcAddress finds their functions (the very ones the
 * program links: called through the pointer they work), Win32 names in
 * kernel32, C runtime names in msvcrt, both in ntdll; a missing name or an
 * ordinal is ERROR_PROC_NOT_FOUND, an unknown module ERROR_MOD_NOT_FOUND, a
 * missing DLL ERROR_MOD_NOT_FOUND and a file that is no DLL
 * ERROR_BAD_EXE_FORMAT; FreeLibrary, GetModuleHandleEx (by name and by
 * address), GetModuleFileName of a system DLL; kernel32's K32 psapi names;
 * the calls programs commonly look up this way (IsWow64Process(2),
 * RtlGetVersion, QueryUnbiasedInterruptTime). Prints
 * "dynamic-lookup: N failures". */
#include <stdio.h>
#include <string.h>
#include <windows.h>

#define TEST_NAME "dynamic-lookup"
#include "check.h"

/* FARPROC to the real type: through void (*)(void), which GCC's
 * -Wcast-function-type lets convert to any function pointer. */
#define PROC(type, module, name) ((type)(void (*)(void))GetProcAddress(module, name))

typedef DWORD(WINAPI *pid_fn)(void);
typedef LPVOID(WINAPI *valloc_fn)(LPVOID, SIZE_T, DWORD, DWORD);
typedef size_t (*strlen_fn)(const char *);

static void check_system_modules(void)
{
	HMODULE k32 = GetModuleHandleA("kernel32.dll"), h;
	char path[MAX_PATH];
	pid_fn pid;
	valloc_fn valloc;
	strlen_fn len;
	void *p;

	CHECK(k32 != NULL, "kernel32: %lu", GetLastError());
	CHECK(GetModuleHandleA("KERNEL32") == k32 && GetModuleHandleW(L"Kernel32.DLL") == k32,
	      "any case, .dll optional");
	CHECK(LoadLibraryA("C:\\Windows\\System32\\kernel32.dll") == k32, "with a directory");
	CHECK(LoadLibraryW(L"kernel32") == k32, "LoadLibraryW");
	FAILS(GetModuleHandleA("kernel32."), NULL, ERROR_MOD_NOT_FOUND);     /* no extension */
	CHECK(GetModuleHandleA("ntdll.dll") && GetModuleHandleA("ntdll.dll") != k32, "ntdll");
	CHECK(GetModuleHandleA(NULL) != k32, "the program is another module");

	pid = PROC(pid_fn, k32, "GetCurrentProcessId");
	CHECK(pid && pid() == GetCurrentProcessId(), "GetCurrentProcessId through the pointer");
	valloc = PROC(valloc_fn, k32, "VirtualAlloc");
	p = valloc ? valloc(NULL, 4096, MEM_COMMIT, PAGE_READWRITE) : NULL;
	CHECK(p != NULL, "VirtualAlloc through the pointer");
	if (p) {
		memset(p, 1, 4096);
		VirtualFree(p, 0, MEM_RELEASE);
	}
	len = PROC(strlen_fn, LoadLibraryA("msvcrt.dll"), "strlen");
	CHECK(len && len("vados") == 5, "msvcrt's strlen");
	CHECK(GetProcAddress(GetModuleHandleA("ntdll"), "strlen") != NULL, "ntdll has the CRT's");
	CHECK(GetProcAddress(GetModuleHandleA("ntdll"), "GetLastError") != NULL, "and Win32's");
	FAILS(GetProcAddress(k32, "strlen"), NULL, ERROR_PROC_NOT_FOUND);
	FAILS(GetProcAddress(LoadLibraryA("ucrtbase.dll"), "VirtualAlloc"), NULL,
	      ERROR_PROC_NOT_FOUND);
	FAILS(GetProcAddress(k32, "NoSuchFunctionAnywhere"), NULL, ERROR_PROC_NOT_FOUND);
	FAILS(GetProcAddress(k32, "getcurrentprocessid"), NULL, ERROR_PROC_NOT_FOUND);
	FAILS(GetProcAddress(k32, (LPCSTR)1), NULL, ERROR_PROC_NOT_FOUND);  /* an ordinal */
	FAILS(GetProcAddress(NULL, "main"), NULL, ERROR_PROC_NOT_FOUND);     /* the program */
	FAILS(GetProcAddress((HMODULE)0x12345678, "GetLastError"), NULL, ERROR_MOD_NOT_FOUND);

	CHECK(FreeLibrary(k32) && GetModuleHandleA("kernel32") == k32, "system DLLs stay");
	FAILS(FreeLibrary((HMODULE)0x12345678), FALSE, ERROR_MOD_NOT_FOUND);
	CHECK(GetModuleFileNameA(k32, path, sizeof(path)) &&
	      !_stricmp(path, "C:\\Windows\\System32\\kernel32.dll"), "file name %s", path);

	CHECK(GetModuleHandleExA(0, "kernel32.dll", &h) && h == k32, "GetModuleHandleEx by name");
	CHECK(GetModuleHandleExA(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS |
				 GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
				 (LPCSTR)check_system_modules, &h) && h == GetModuleHandleA(NULL),
	      "by an address in the program");
	FAILS(GetModuleHandleExA(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS, (LPCSTR)16, &h), FALSE,
	      ERROR_MOD_NOT_FOUND);
	CHECK(h == NULL, "nothing found: NULL");
	FAILS(GetModuleHandleExA(GET_MODULE_HANDLE_EX_FLAG_PIN |
				 GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT, "kernel32", &h),
	      FALSE, ERROR_INVALID_PARAMETER);
	FAILS(GetModuleHandleExA(0, "kernel32", NULL), FALSE, ERROR_INVALID_PARAMETER);
}

typedef BOOL(WINAPI *wow64_fn)(HANDLE, PBOOL);
typedef NTSTATUS(WINAPI *version_fn)(PRTL_OSVERSIONINFOW);
typedef BOOL(WINAPI *unbiased_fn)(PULONGLONG);

static void check_common_lookups(void)
{
	HMODULE k32 = GetModuleHandleA("kernel32.dll"), ntdll = GetModuleHandleA("ntdll.dll");
	wow64_fn wow64 = PROC(wow64_fn, k32, "IsWow64Process");
	version_fn version = PROC(version_fn, ntdll, "RtlGetVersion");
	unbiased_fn unbiased = PROC(unbiased_fn, k32, "QueryUnbiasedInterruptTime");
	BOOL is_wow64 = TRUE;
	USHORT process_machine = 1, native_machine = 0;
	RTL_OSVERSIONINFOW v = { .dwOSVersionInfoSize = sizeof(v) };
	OSVERSIONINFOW w = { .dwOSVersionInfoSize = sizeof(w) };
	ULONGLONG t0 = 0, t1 = 0;

	CHECK(GetProcAddress(k32, "K32GetProcessMemoryInfo") ==
	      GetProcAddress(k32, "GetProcessMemoryInfo") && GetProcAddress(k32,
	      "K32EnumProcesses"), "K32 names");
	CHECK(wow64 && wow64(GetCurrentProcess(), &is_wow64) && !is_wow64, "not WOW64");
	CHECK(IsWow64Process2(GetCurrentProcess(), &process_machine, &native_machine) &&
	      process_machine == IMAGE_FILE_MACHINE_UNKNOWN &&
	      native_machine == IMAGE_FILE_MACHINE_I386, "IsWow64Process2: %x %x",
	      process_machine, native_machine);
	FAILS(IsWow64Process((HANDLE)0x1234, &is_wow64), FALSE, ERROR_INVALID_HANDLE);
	CHECK(version && version(&v) == 0 && GetVersionExW(&w) &&
	      v.dwMajorVersion == w.dwMajorVersion && v.dwBuildNumber == w.dwBuildNumber,
	      "RtlGetVersion %lu.%lu", v.dwMajorVersion, v.dwMinorVersion);
	v.dwOSVersionInfoSize = 12;
	CHECK(RtlGetVersion(&v) == (NTSTATUS)0xC000000D, "bad size: STATUS_INVALID_PARAMETER");
	CHECK(unbiased && unbiased(&t0), "QueryUnbiasedInterruptTime");
	Sleep(50);
	QueryUnbiasedInterruptTime(&t1);
	CHECK(t1 - t0 >= 400000 && t1 - t0 < 10000000, "50 ms: %llu units of 100 ns", t1 - t0);
}

/* DLLs that are not system ones: missing, or a file vados cannot run. */
static void check_other_dlls(void)
{
	HANDLE f;
	DWORD n;

	FAILS(LoadLibraryA("nosuchlibrary.dll"), NULL, ERROR_MOD_NOT_FOUND);
	FAILS(LoadLibraryA(NULL), NULL, ERROR_INVALID_PARAMETER);
	f = CreateFileA("C:\\NOTADLL.DLL", GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
	if (f == INVALID_HANDLE_VALUE) {
		printf(TEST_NAME ": no disk: the file case skipped\n");
		return;
	}
	WriteFile(f, "not an image", 12, &n, NULL);
	CloseHandle(f);
	FAILS(LoadLibraryA("C:\\NOTADLL.DLL"), NULL, ERROR_BAD_EXE_FORMAT);
	FAILS(LoadLibraryA("C:\\NOTADLL"), NULL, ERROR_BAD_EXE_FORMAT);      /* .dll appended */
	CHECK(DeleteFileA("C:\\NOTADLL.DLL"), "delete: %lu", GetLastError());
}

int main(void)
{
	check_system_modules();
	check_common_lookups();
	check_other_dlls();
	printf(TEST_NAME ": %d failures\n", failures);
	return failures != 0;
}
