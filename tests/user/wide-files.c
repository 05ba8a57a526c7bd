/* The W calls end to end, on C:: a file made by CreateFileW under a
 * non-ASCII name is the A calls' file under its CP437 name (FindFirstFileA
 * finds it) and the reverse; W directory, copy, move, attribute and
 * temp-file calls; the W calls' buffer sizes (GetCurrentDirectoryW,
 * GetFullPathNameW's file part, GetEnvironmentVariableW,
 * GetModuleFileNameW's truncation, LookupPrivilegeNameW); a name CP437
 * cannot hold (ERROR_INVALID_NAME); named events, mutexes, semaphores and
 * mappings made by a W call and opened by an A call and back; and
 * CreateProcessW with a CREATE_UNICODE_ENVIRONMENT block. Last line:
 * "wide-files: N failures". */
#include <string.h>
#include <wchar.h>
#include <windows.h>

#define TEST_NAME "wide-files"
#include "check.h"

#define DIR_W  L"C:\\WIDE"
#define CAFE_W DIR_W L"\\caf\xE9.txt"           /* e-acute: CP437 0x82 */
#define CAFE_A "C:\\WIDE\\caf\x82.txt"

static void files(void)
{
	WIN32_FIND_DATAA fa;
	WIN32_FIND_DATAW fw;
	WIN32_FILE_ATTRIBUTE_DATA info;
	HANDLE h;
	DWORD n;
	int seen = 0;

	CHECK(CreateDirectoryW(DIR_W, NULL), "CreateDirectoryW: %lu", GetLastError());
	FAILS(CreateDirectoryW(DIR_W, NULL), FALSE, ERROR_ALREADY_EXISTS);
	h = CreateFileW(CAFE_W, GENERIC_WRITE, 0, NULL, CREATE_NEW, FILE_ATTRIBUTE_NORMAL, NULL);
	CHECK(h != INVALID_HANDLE_VALUE, "CreateFileW: %lu", GetLastError());
	CHECK(WriteFile(h, "hello", 5, &n, NULL) && n == 5, "write");
	CloseHandle(h);
	SetLastError(0xdead);
	h = CreateFileW(CAFE_W, GENERIC_READ, 0, NULL, OPEN_ALWAYS, 0, NULL);
	CHECK(h != INVALID_HANDLE_VALUE && GetLastError() == ERROR_ALREADY_EXISTS,
	      "OPEN_ALWAYS keeps its last error: %lu", GetLastError());
	CloseHandle(h);

	/* The A calls see the same file under its CP437 name. */
	h = FindFirstFileA(CAFE_A, &fa);
	CHECK(h != INVALID_HANDLE_VALUE && !strcmp(fa.cFileName, "caf\x82.txt") &&
	      fa.nFileSizeLow == 5, "FindFirstFileA: %lu", GetLastError());
	FindClose(h);
	h = FindFirstFileW(DIR_W L"\\*.txt", &fw);
	CHECK(h != INVALID_HANDLE_VALUE, "FindFirstFileW: %lu", GetLastError());
	if (h != INVALID_HANDLE_VALUE) {
		do
			seen += !wcscmp(fw.cFileName, L"caf\xE9.txt") && fw.nFileSizeLow == 5;
		while (FindNextFileW(h, &fw));
		CHECK(GetLastError() == ERROR_NO_MORE_FILES, "end: %lu", GetLastError());
		FindClose(h);
	}
	CHECK(seen == 1, "FindFirstFileW/FindNextFileW saw it %d times", seen);
	CHECK(GetFileAttributesW(CAFE_W) == FILE_ATTRIBUTE_ARCHIVE, "attributes %lx",
	      GetFileAttributesW(CAFE_W));
	CHECK(GetFileAttributesExW(CAFE_W, GetFileExInfoStandard, &info) &&
	      info.nFileSizeLow == 5, "GetFileAttributesExW");
	CHECK(SetFileAttributesW(CAFE_W, FILE_ATTRIBUTE_READONLY) &&
	      GetFileAttributesA(CAFE_A) == FILE_ATTRIBUTE_READONLY, "SetFileAttributesW");
	FAILS(DeleteFileW(CAFE_W), FALSE, ERROR_ACCESS_DENIED);
	SetFileAttributesW(CAFE_W, FILE_ATTRIBUTE_NORMAL);

	/* Copy, move and delete by W names; the A names follow. */
	CHECK(CopyFileW(CAFE_W, DIR_W L"\\copy.txt", TRUE), "CopyFileW: %lu", GetLastError());
	FAILS(CopyFileW(CAFE_W, DIR_W L"\\copy.txt", TRUE), FALSE, ERROR_FILE_EXISTS);
	CHECK(MoveFileW(DIR_W L"\\copy.txt", DIR_W L"\\na\xEFve.txt") &&
	      GetFileAttributesA("C:\\WIDE\\na\x8Bve.txt") != INVALID_FILE_ATTRIBUTES,
	      "MoveFileW: %lu", GetLastError());
	CHECK(MoveFileExW(DIR_W L"\\na\xEFve.txt", CAFE_W, MOVEFILE_REPLACE_EXISTING),
	      "MoveFileExW: %lu", GetLastError());
	FAILS(GetFileAttributesW(DIR_W L"\\na\xEFve.txt"), INVALID_FILE_ATTRIBUTES,
	      ERROR_FILE_NOT_FOUND);

	/* A name CP437 cannot hold. */
	FAILS(CreateFileW(DIR_W L"\\\x4E2D.txt", GENERIC_WRITE, 0, NULL, CREATE_NEW, 0, NULL),
	      INVALID_HANDLE_VALUE, ERROR_INVALID_NAME);
	FAILS(GetFileAttributesW(DIR_W L"\\\x4E2D"), INVALID_FILE_ATTRIBUTES, ERROR_INVALID_NAME);
	FAILS(DeleteFileW(DIR_W L"\\nothere.txt"), FALSE, ERROR_FILE_NOT_FOUND);
}

static void directories(void)
{
	WCHAR buf[MAX_PATH], *part = NULL;
	ULARGE_INTEGER avail, total, free_bytes;
	DWORD n;
	UINT u;

	CHECK(SetCurrentDirectoryW(DIR_W), "SetCurrentDirectoryW: %lu", GetLastError());
	/* "C:\WIDE" is 7 characters: 8 needed with the NUL. */
	CHECK(GetCurrentDirectoryW(0, NULL) == 8, "size query %lu", GetCurrentDirectoryW(0, NULL));
	CHECK(GetCurrentDirectoryW(7, buf) == 8, "short buffer");
	n = GetCurrentDirectoryW(8, buf);
	CHECK(n == 7 && !wcscmp(buf, DIR_W), "GetCurrentDirectoryW %lu", n);
	n = GetFullPathNameW(L"caf\xE9.txt", MAX_PATH, buf, &part);
	CHECK(n == wcslen(CAFE_W) && !wcscmp(buf, CAFE_W) && part == buf + 8,
	      "GetFullPathNameW %lu part %d", n, part ? (int)(part - buf) : -1);
	CHECK(GetFullPathNameW(L"x", 3, buf, NULL) == 10, "GetFullPathNameW size");
	n = GetTempPathW(MAX_PATH, buf);
	CHECK(n && n < MAX_PATH && buf[n - 1] == L'\\' && wcslen(buf) == n, "GetTempPathW %lu", n);
	u = GetTempFileNameW(DIR_W, L"wd", 0, buf);
	CHECK(u && !wcsncmp(buf, DIR_W L"\\wd", 10) && GetFileAttributesW(buf) !=
	      INVALID_FILE_ATTRIBUTES, "GetTempFileNameW %u", u);
	CHECK(DeleteFileW(buf), "delete temp: %lu", GetLastError());
	CHECK(GetDiskFreeSpaceExW(L"C:\\", &avail, &total, &free_bytes) && total.QuadPart,
	      "GetDiskFreeSpaceExW: %lu", GetLastError());
	CHECK(GetDriveTypeW(L"C:\\") == DRIVE_FIXED, "GetDriveTypeW");
	CHECK(SetCurrentDirectoryW(L"C:\\"), "back to C:\\");
	FAILS(RemoveDirectoryW(DIR_W), FALSE, ERROR_DIR_NOT_EMPTY);
	CHECK(DeleteFileW(CAFE_W), "DeleteFileW: %lu", GetLastError());
	CHECK(RemoveDirectoryW(DIR_W), "RemoveDirectoryW: %lu", GetLastError());
	FAILS(GetFileAttributesA(CAFE_A), INVALID_FILE_ATTRIBUTES, ERROR_PATH_NOT_FOUND);
}

static void objects(void)
{
	HANDLE w, a, m;
	char *view_w, *view_a;

	w = CreateEventW(NULL, TRUE, FALSE, L"wide-caf\xE9");
	a = OpenEventA(EVENT_ALL_ACCESS, FALSE, "wide-caf\x82");
	CHECK(w && a, "event W then A: %lu", GetLastError());
	SetEvent(a);
	CHECK(WaitForSingleObject(w, 0) == WAIT_OBJECT_0, "one event");
	CloseHandle(a);
	SetLastError(0xdead);
	a = CreateEventA(NULL, TRUE, FALSE, "wide-caf\x82");
	CHECK(a && GetLastError() == ERROR_ALREADY_EXISTS, "CreateEventA finds it: %lu",
	      GetLastError());
	CloseHandle(a);
	CloseHandle(w);
	FAILS(OpenEventW(EVENT_ALL_ACCESS, FALSE, L"wide-caf\xE9"), NULL, ERROR_FILE_NOT_FOUND);
	FAILS(CreateEventW(NULL, TRUE, FALSE, L"wide-\x4E2D"), NULL, ERROR_INVALID_NAME);
	w = CreateEventExW(NULL, L"wide-ex", CREATE_EVENT_INITIAL_SET, EVENT_ALL_ACCESS);
	CHECK(w && WaitForSingleObject(w, 0) == WAIT_OBJECT_0, "CreateEventExW");
	CloseHandle(w);

	a = CreateMutexA(NULL, FALSE, "wide-mutex");
	SetLastError(0xdead);
	w = CreateMutexW(NULL, FALSE, L"wide-mutex");
	CHECK(w && GetLastError() == ERROR_ALREADY_EXISTS, "CreateMutexW: %lu", GetLastError());
	CloseHandle(w);
	w = OpenMutexW(SYNCHRONIZE, FALSE, L"wide-mutex");
	CHECK(w != NULL, "OpenMutexW: %lu", GetLastError());
	CloseHandle(w);
	CloseHandle(a);
	w = CreateMutexExW(NULL, NULL, 0, MUTEX_ALL_ACCESS);
	CHECK(w != NULL, "CreateMutexExW unnamed");
	CloseHandle(w);

	w = CreateSemaphoreW(NULL, 0, 2, L"wide-sem");
	a = OpenSemaphoreA(SEMAPHORE_ALL_ACCESS, FALSE, "wide-sem");
	CHECK(w && a && ReleaseSemaphore(a, 1, NULL) && WaitForSingleObject(w, 0) == WAIT_OBJECT_0,
	      "semaphore W/A: %lu", GetLastError());
	CloseHandle(a);
	a = OpenSemaphoreW(SEMAPHORE_ALL_ACCESS, FALSE, L"wide-sem");
	CHECK(a != NULL, "OpenSemaphoreW");
	CloseHandle(a);
	CloseHandle(w);
	w = CreateSemaphoreExW(NULL, 1, 1, L"wide-semex", 0, SEMAPHORE_ALL_ACCESS);
	CHECK(w != NULL, "CreateSemaphoreExW");
	CloseHandle(w);

	m = CreateFileMappingW(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 4096, L"wide-map");
	a = OpenFileMappingA(FILE_MAP_ALL_ACCESS, FALSE, "wide-map");
	w = OpenFileMappingW(FILE_MAP_READ, FALSE, L"wide-map");
	view_w = m ? MapViewOfFile(m, FILE_MAP_WRITE, 0, 0, 0) : NULL;
	view_a = a ? MapViewOfFile(a, FILE_MAP_READ, 0, 0, 0) : NULL;
	CHECK(view_w && view_a && w, "mapping W/A: %lu", GetLastError());
	if (view_w && view_a) {
		view_w[10] = 'x';
		CHECK(view_a[10] == 'x', "one section");
	}
	UnmapViewOfFile(view_w);
	UnmapViewOfFile(view_a);
	CloseHandle(w);
	CloseHandle(a);
	CloseHandle(m);
}

static void environment_and_module(void)
{
	WCHAR buf[MAX_PATH];
	char a[MAX_PATH];
	LPWCH block;
	LUID luid_w, luid_a;
	DWORD n, len;
	int found = 0;

	CHECK(SetEnvironmentVariableW(L"WIDEVAR", L"val\xE9"), "SetEnvironmentVariableW");
	CHECK(GetEnvironmentVariableA("WIDEVAR", a, sizeof(a)) == 4 && !strcmp(a, "val\x82"),
	      "A sees %s", a);
	CHECK(GetEnvironmentVariableW(L"WIDEVAR", NULL, 0) == 5, "size query");
	CHECK(GetEnvironmentVariableW(L"WIDEVAR", buf, 4) == 5, "short buffer");
	n = GetEnvironmentVariableW(L"WIDEVAR", buf, 5);
	CHECK(n == 4 && !wcscmp(buf, L"val\xE9"), "GetEnvironmentVariableW %lu", n);
	FAILS(GetEnvironmentVariableW(L"NO_SUCH_VAR", buf, MAX_PATH), 0, ERROR_ENVVAR_NOT_FOUND);
	n = ExpandEnvironmentStringsW(L"<%WIDEVAR%>", buf, MAX_PATH);
	CHECK(n == 7 && !wcscmp(buf, L"<val\xE9>"), "ExpandEnvironmentStringsW %lu", n);
	block = GetEnvironmentStringsW();
	CHECK(block != NULL, "GetEnvironmentStringsW");
	for (LPWCH p = block; p && *p; p += wcslen(p) + 1)
		found += !wcscmp(p, L"WIDEVAR=val\xE9");
	CHECK(found == 1, "the block holds it %d times", found);
	CHECK(FreeEnvironmentStringsW(block), "FreeEnvironmentStringsW");
	CHECK(SetEnvironmentVariableW(L"WIDEVAR", NULL) &&
	      !GetEnvironmentVariableA("WIDEVAR", a, sizeof(a)), "delete");

	len = GetModuleFileNameA(NULL, a, sizeof(a));
	n = GetModuleFileNameW(NULL, buf, MAX_PATH);
	CHECK(n == len && n && buf[0] == (WCHAR)(unsigned char)a[0] && !buf[n],
	      "GetModuleFileNameW %lu, A %lu", n, len);
	SetLastError(0xdead);
	n = GetModuleFileNameW(NULL, buf, 3);
	CHECK(n == 3 && GetLastError() == ERROR_INSUFFICIENT_BUFFER && !buf[2] &&
	      buf[1] == (WCHAR)(unsigned char)a[1], "truncated: %lu %lu", n, GetLastError());
	CHECK(GetModuleHandleW(NULL) == GetModuleHandleA(NULL), "GetModuleHandleW");
	CHECK(wcslen(GetCommandLineW()) == strlen(GetCommandLineA()) &&
	      GetCommandLineW() == GetCommandLineW(), "GetCommandLineW");

	CHECK(LookupPrivilegeValueW(NULL, L"SeShutdownPrivilege", &luid_w) &&
	      LookupPrivilegeValueA(NULL, "SeShutdownPrivilege", &luid_a) &&
	      luid_w.LowPart == luid_a.LowPart, "LookupPrivilegeValueW");
	n = 5;
	FAILS(LookupPrivilegeNameW(NULL, &luid_w, buf, &n), FALSE, ERROR_INSUFFICIENT_BUFFER);
	CHECK(n == 20, "needs 20 with the NUL: %lu", n);
	CHECK(LookupPrivilegeNameW(NULL, &luid_w, buf, &n) && n == 19 &&
	      !wcscmp(buf, L"SeShutdownPrivilege"), "LookupPrivilegeNameW %lu", n);
}

/* The child: its environment is the UTF-16 block its parent gave. */
static int child(void)
{
	WCHAR buf[8];

	return GetEnvironmentVariableW(L"WCHILD", buf, 8) == 2 && !wcscmp(buf, L"\xE9z") ? 7 : 1;
}

static void process(void)
{
	WCHAR cmd[] = L"wide-files child";
	STARTUPINFOW si = { .cb = sizeof(si) };
	PROCESS_INFORMATION pi;
	DWORD code = 0;

	CHECK(CreateProcessW(NULL, cmd, NULL, NULL, FALSE, CREATE_UNICODE_ENVIRONMENT,
			     (LPVOID)L"WCHILD=\xE9z\0OTHER=1\0", NULL, &si, &pi),
	      "CreateProcessW: %lu", GetLastError());
	WaitForSingleObject(pi.hProcess, INFINITE);
	CHECK(GetExitCodeProcess(pi.hProcess, &code) && code == 7, "child said %lu", code);
	CloseHandle(pi.hThread);
	CloseHandle(pi.hProcess);
	FAILS(CreateProcessW(L"C:\\BIN\\\x4E2D.exe", NULL, NULL, NULL, FALSE, 0, NULL, NULL, &si,
			     &pi), FALSE, ERROR_INVALID_NAME);
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "child"))
		return child();
	files();
	directories();
	objects();
	environment_and_module();
	process();
	printf("wide-files: %d failures\n", failures);
	return failures != 0;
}
