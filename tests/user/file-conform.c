/* Edge cases of the file, directory, time and mapping calls, each against
 * what Microsoft documents (and Windows does): CreateFileA's last error on
 * every success and its name errors, a new file's attributes, directories
 * opened as files, ReadFile/WriteFile without a count and with an OVERLAPPED
 * on a synchronous handle (its offset, ERROR_HANDLE_EOF), bad handles,
 * DeleteFileA/MoveFileA/CopyFileA/CreateDirectoryA/RemoveDirectoryA errors,
 * FindFirstFileA on odd patterns and cAlternateFileName, the current
 * directory, GetFullPathNameA's trailing dots and file part, SetFileTime's
 * "leave it" times, SystemTimeToFileTime's bounds, GetMappedFileNameA's
 * truncation, CopyFileA from two threads at once, GetFileAttributesExA,
 * GetFileType, GetDriveTypeA, GetTempPathA/GetTempFileNameA, CompareFileTime,
 * mapping refusals, the generic (ANSI) names and fopen's text mode. Last
 * line: "file-conform: N failures". Runs on C:. */
#include <string.h>
#include <windows.h>
#include <psapi.h>
#include <tchar.h>

#define TEST_NAME "file-conform"
#include "check.h"

#define D "C:\\CONFORM"
#define F D "\\abc.txt"

static HANDLE open_file(const char *name, DWORD access, DWORD disposition)
{
	return CreateFileA(name, access, 0, NULL, disposition, FILE_ATTRIBUTE_NORMAL, NULL);
}

static void touch(const char *name, const char *data)
{
	HANDLE h = open_file(name, GENERIC_WRITE, CREATE_ALWAYS);
	DWORD n;

	WriteFile(h, data, strlen(data), &n, NULL);
	CloseHandle(h);
}

static void create_file(void)
{
	HANDLE h;

	SetLastError(0xdead);
	h = open_file(F, GENERIC_READ, OPEN_EXISTING);
	CHECK(h != INVALID_HANDLE_VALUE && GetLastError() == 0, "OPEN_EXISTING: %lu",
	      GetLastError());
	CloseHandle(h);
	SetLastError(0xdead);
	h = open_file(F, GENERIC_WRITE, TRUNCATE_EXISTING);
	CHECK(h != INVALID_HANDLE_VALUE && GetLastError() == 0, "TRUNCATE_EXISTING: %lu",
	      GetLastError());
	CloseHandle(h);
	touch(F, "hello");
	CHECK(GetFileAttributesA(F) == FILE_ATTRIBUTE_ARCHIVE, "a new file: 0x%lx",
	      GetFileAttributesA(F));
	h = CreateFileA(D "\\hid.txt", GENERIC_WRITE, 0, NULL, CREATE_NEW, FILE_ATTRIBUTE_HIDDEN,
			NULL);
	CloseHandle(h);
	CHECK(GetFileAttributesA(D "\\hid.txt") == (FILE_ATTRIBUTE_HIDDEN | FILE_ATTRIBUTE_ARCHIVE),
	      "hidden: 0x%lx", GetFileAttributesA(D "\\hid.txt"));
	SetFileAttributesA(D "\\hid.txt", FILE_ATTRIBUTE_NORMAL);
	DeleteFileA(D "\\hid.txt");
	FAILS(open_file(D "\\nodir\\x", GENERIC_READ, OPEN_EXISTING), INVALID_HANDLE_VALUE,
	      ERROR_PATH_NOT_FOUND);
	FAILS(open_file(D "\\nodir\\x", GENERIC_WRITE, CREATE_NEW), INVALID_HANDLE_VALUE,
	      ERROR_PATH_NOT_FOUND);
	for (const char *bad = "*?<|"; *bad; bad++) {
		char name[32];

		snprintf(name, sizeof(name), D "\\a%cb", *bad);
		FAILS(open_file(name, GENERIC_WRITE, CREATE_ALWAYS), INVALID_HANDLE_VALUE,
		      ERROR_INVALID_NAME);
	}
	FAILS(open_file("", GENERIC_READ, OPEN_EXISTING), INVALID_HANDLE_VALUE,
	      ERROR_PATH_NOT_FOUND);
	FAILS(open_file(NULL, GENERIC_READ, OPEN_EXISTING), INVALID_HANDLE_VALUE,
	      ERROR_PATH_NOT_FOUND);
	FAILS(open_file(D, GENERIC_READ, OPEN_EXISTING), INVALID_HANDLE_VALUE,
	      ERROR_ACCESS_DENIED);
	FAILS(open_file(D, GENERIC_READ, CREATE_NEW), INVALID_HANDLE_VALUE, ERROR_FILE_EXISTS);
	h = open_file(F, 0, OPEN_EXISTING);
	CHECK(h != INVALID_HANDLE_VALUE, "access 0: %lu", GetLastError());
	DWORD n = 5;
	char buf[16];
	FAILS(ReadFile(h, buf, 1, &n, NULL), FALSE, ERROR_ACCESS_DENIED);
	CHECK(n == 0, "a failed read counts 0: %lu", n);
	FAILS(WriteFile(h, buf, 1, &n, NULL), FALSE, ERROR_ACCESS_DENIED);
	CloseHandle(h);
	h = CreateFileA(D, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING,
			FILE_FLAG_BACKUP_SEMANTICS, NULL);
	CHECK(h != INVALID_HANDLE_VALUE, "a directory with backup semantics: %lu", GetLastError());
	FAILS(ReadFile(h, buf, 1, &n, NULL), FALSE, ERROR_INVALID_FUNCTION);
	CloseHandle(h);
}

static void transfers(void)
{
	HANDLE h = open_file(F, GENERIC_READ | GENERIC_WRITE, CREATE_ALWAYS);
	OVERLAPPED ov;
	char buf[16] = { 0 };
	DWORD n;

	CHECK(WriteFile(h, "0123456789", 10, NULL, NULL), "WriteFile without a count: %lu",
	      GetLastError());
	SetFilePointer(h, 0, NULL, FILE_BEGIN);
	CHECK(ReadFile(h, buf, 4, NULL, NULL) && memcmp(buf, "0123", 4) == 0,
	      "ReadFile without a count: %lu", GetLastError());
	CHECK(WriteFile(h, "", 0, &n, NULL) && n == 0, "a null write");
	memset(&ov, 0, sizeof(ov));
	ov.Offset = 6;
	CHECK(ReadFile(h, buf, 3, &n, &ov) && n == 3 && memcmp(buf, "678", 3) == 0,
	      "ReadFile at an OVERLAPPED offset: %lu", GetLastError());
	CHECK(ov.InternalHigh == 3 && ov.Internal == 0, "the OVERLAPPED's count: %lu",
	      (DWORD)ov.InternalHigh);
	CHECK(SetFilePointer(h, 0, NULL, FILE_CURRENT) == 9, "the pointer follows: %lu",
	      SetFilePointer(h, 0, NULL, FILE_CURRENT));
	ov.Offset = 2;
	CHECK(WriteFile(h, "ab", 2, &n, &ov) && n == 2, "WriteFile at an offset: %lu",
	      GetLastError());
	ov.Offset = 10;
	FAILS(ReadFile(h, buf, 3, &n, &ov), FALSE, ERROR_HANDLE_EOF);
	CHECK(n == 0, "nothing read at the end: %lu", n);
	CHECK(!GetOverlappedResult(h, &ov, &n, TRUE) && GetLastError() == ERROR_HANDLE_EOF &&
	      n == 0, "GetOverlappedResult at the end: %lu", GetLastError());
	SetFilePointer(h, 0, NULL, FILE_BEGIN);
	CHECK(ReadFile(h, buf, 10, &n, NULL) && n == 10 && memcmp(buf, "01ab456789", 10) == 0,
	      "the data: %.10s", buf);
	CloseHandle(h);
	/* FILE_FLAG_OVERLAPPED: the transfer is done when ReadFile returns. */
	h = CreateFileA(F, GENERIC_READ, 0, NULL, OPEN_EXISTING, FILE_FLAG_OVERLAPPED, NULL);
	CHECK(h != INVALID_HANDLE_VALUE, "FILE_FLAG_OVERLAPPED: %lu", GetLastError());
	memset(&ov, 0, sizeof(ov));
	ov.Offset = 4;
	ov.hEvent = CreateEventA(NULL, TRUE, FALSE, NULL);
	CHECK((ReadFile(h, buf, 4, NULL, &ov) || GetLastError() == ERROR_IO_PENDING) &&
	      GetOverlappedResult(h, &ov, &n, TRUE) && n == 4 && memcmp(buf, "4567", 4) == 0 &&
	      HasOverlappedIoCompleted(&ov), "an overlapped read: %lu", GetLastError());
	CHECK(WaitForSingleObject(ov.hEvent, 0) == WAIT_OBJECT_0, "its event is set");
	CloseHandle(ov.hEvent);
	CloseHandle(h);
	FAILS(ReadFile(INVALID_HANDLE_VALUE, buf, 1, &n, NULL), FALSE, ERROR_INVALID_HANDLE);
	FAILS(GetFileSize((HANDLE)0x1234, NULL), INVALID_FILE_SIZE, ERROR_INVALID_HANDLE);
	FAILS(SetFilePointer((HANDLE)0x1234, 0, NULL, FILE_BEGIN), INVALID_SET_FILE_POINTER,
	      ERROR_INVALID_HANDLE);
	FAILS(FlushFileBuffers((HANDLE)0x1234), FALSE, ERROR_INVALID_HANDLE);
	FAILS(SetEndOfFile(NULL), FALSE, ERROR_INVALID_HANDLE);
	h = open_file(F, GENERIC_READ, OPEN_EXISTING);
	LONG high = -1;
	FAILS(SetFilePointer(h, -1, &high, FILE_BEGIN), INVALID_SET_FILE_POINTER,
	      ERROR_NEGATIVE_SEEK);
	high = 0;
	SetLastError(0xdead);
	CHECK(SetFilePointer(h, -1, &high, FILE_BEGIN) == 0xffffffff && high == 0 &&
	      GetLastError() == NO_ERROR, "4 GB - 1: %lu", GetLastError());
	LARGE_INTEGER big = { .QuadPart = -20 }, at;
	FAILS(SetFilePointerEx(h, big, &at, FILE_END), FALSE, ERROR_NEGATIVE_SEEK);
	FAILS(SetFilePointerEx(h, big, &at, 7), FALSE, ERROR_INVALID_PARAMETER);
	CloseHandle(h);
}

static void names(void)
{
	WIN32_FIND_DATAA fd;
	HANDLE h;

	FAILS(DeleteFileA(D), FALSE, ERROR_ACCESS_DENIED);
	FAILS(DeleteFileA(D "\\nodir\\x"), FALSE, ERROR_PATH_NOT_FOUND);
	FAILS(RemoveDirectoryA(F), FALSE, ERROR_DIRECTORY);
	FAILS(RemoveDirectoryA(D "\\nothing"), FALSE, ERROR_FILE_NOT_FOUND);
	FAILS(RemoveDirectoryA(D), FALSE, ERROR_DIR_NOT_EMPTY);
	FAILS(CreateDirectoryA(D, NULL), FALSE, ERROR_ALREADY_EXISTS);
	FAILS(CreateDirectoryA(F, NULL), FALSE, ERROR_ALREADY_EXISTS);
	FAILS(CreateDirectoryA(D "\\nodir\\sub", NULL), FALSE, ERROR_PATH_NOT_FOUND);
	CHECK(CreateDirectoryA(D "\\sub\\", NULL), "a trailing backslash: %lu", GetLastError());
	CHECK(GetFileAttributesA(D "\\sub\\") == FILE_ATTRIBUTE_DIRECTORY, "0x%lx",
	      GetFileAttributesA(D "\\sub\\"));
	CHECK(RemoveDirectoryA(D "\\sub"), "RemoveDirectory: %lu", GetLastError());
	touch(D "\\two.txt", "2");
	FAILS(MoveFileA(F, D "\\two.txt"), FALSE, ERROR_ALREADY_EXISTS);
	FAILS(MoveFileA(D "\\none.txt", D "\\three.txt"), FALSE, ERROR_FILE_NOT_FOUND);
	FAILS(CopyFileA(F, D "\\two.txt", TRUE), FALSE, ERROR_FILE_EXISTS);
	FAILS(CopyFileA(D "\\none.txt", D "\\three.txt", FALSE), FALSE, ERROR_FILE_NOT_FOUND);
	CHECK(CopyFileA(F, D "\\two.txt", FALSE), "CopyFile over: %lu", GetLastError());
	CHECK(GetFileAttributesA(D "\\two.txt") == FILE_ATTRIBUTE_ARCHIVE, "copy: 0x%lx",
	      GetFileAttributesA(D "\\two.txt"));
	SetFileAttributesA(D "\\two.txt", FILE_ATTRIBUTE_READONLY);
	FAILS(CopyFileA(F, D "\\two.txt", FALSE), FALSE, ERROR_ACCESS_DENIED);
	SetFileAttributesA(D "\\two.txt", FILE_ATTRIBUTE_NORMAL);
	DeleteFileA(D "\\two.txt");
	touch(D "\\A long file name.text", "long");
	h = FindFirstFileA(D "\\a long*", &fd);
	CHECK(h != INVALID_HANDLE_VALUE && strcmp(fd.cFileName, "A long file name.text") == 0 &&
	      strcmp(fd.cAlternateFileName, "ALONGF~1.TEX") == 0 && fd.nFileSizeLow == 4 &&
	      fd.nFileSizeHigh == 0, "a long name: \"%s\" \"%s\"", fd.cFileName,
	      fd.cAlternateFileName);
	FAILS(FindNextFileA(h, &fd), FALSE, ERROR_NO_MORE_FILES);
	FindClose(h);
	DeleteFileA(D "\\A long file name.text");
	h = FindFirstFileA(F, &fd);
	CHECK(h != INVALID_HANDLE_VALUE && strcmp(fd.cFileName, "abc.txt") == 0 &&
	      fd.cAlternateFileName[0] == 0 && fd.dwFileAttributes == FILE_ATTRIBUTE_ARCHIVE,
	      "an 8.3 name: \"%s\" \"%s\" 0x%lx", fd.cFileName, fd.cAlternateFileName,
	      fd.dwFileAttributes);
	FindClose(h);
	h = FindFirstFileA(D, &fd);
	CHECK(h != INVALID_HANDLE_VALUE && strcmp(fd.cFileName, "CONFORM") == 0 &&
	      fd.dwFileAttributes == FILE_ATTRIBUTE_DIRECTORY, "the directory itself: \"%s\"",
	      fd.cFileName);
	FindClose(h);
	FAILS(FindFirstFileA(D "\\", &fd), INVALID_HANDLE_VALUE, ERROR_FILE_NOT_FOUND);
	FAILS(FindFirstFileA("", &fd), INVALID_HANDLE_VALUE, ERROR_PATH_NOT_FOUND);
	FAILS(FindFirstFileA(D "\\nodir\\*", &fd), INVALID_HANDLE_VALUE, ERROR_PATH_NOT_FOUND);
	FAILS(FindFirstFileA(D "\\*.none", &fd), INVALID_HANDLE_VALUE, ERROR_FILE_NOT_FOUND);
	FAILS(FindFirstFileA("C:\\*\\abc.txt", &fd), INVALID_HANDLE_VALUE, ERROR_INVALID_NAME);
	FAILS(FindClose(INVALID_HANDLE_VALUE), FALSE, ERROR_INVALID_HANDLE);
	FAILS(FindFirstFileA("C:\\", &fd), INVALID_HANDLE_VALUE, ERROR_FILE_NOT_FOUND);
	h = FindFirstFileA(D "\\*", &fd);
	CHECK(h != INVALID_HANDLE_VALUE && strcmp(fd.cFileName, ".") == 0 &&
	      fd.dwFileAttributes == FILE_ATTRIBUTE_DIRECTORY, "first \"%s\"", fd.cFileName);
	CHECK(FindNextFileA(h, &fd) && strcmp(fd.cFileName, "..") == 0, "then \"%s\"",
	      fd.cFileName);
	CHECK(FindNextFileA(h, &fd) && strcmp(fd.cFileName, "abc.txt") == 0 &&
	      fd.nFileSizeLow == 10, "then \"%s\" %lu", fd.cFileName, fd.nFileSizeLow);
	FAILS(FindNextFileA(h, &fd), FALSE, ERROR_NO_MORE_FILES);
	FAILS(FindNextFileA(h, &fd), FALSE, ERROR_NO_MORE_FILES);
	CHECK(FindClose(h), "FindClose");
	h = open_file(F, GENERIC_READ, OPEN_EXISTING);
	FAILS(FindNextFileA(h, &fd), FALSE, ERROR_INVALID_HANDLE);
	CloseHandle(h);
	CHECK(GetFileAttributesA("C:") == FILE_ATTRIBUTE_DIRECTORY, "C: 0x%lx",
	      GetFileAttributesA("C:"));
	CHECK(MoveFileA(F, D "\\moved.txt") && MoveFileA(D "\\moved.txt", F), "MoveFile: %lu",
	      GetLastError());
	CHECK(MoveFileExA(F, F, 0), "MoveFileEx onto itself: %lu", GetLastError());
	touch(D "\\two.txt", "2");
	h = open_file(D "\\two.txt", GENERIC_READ, OPEN_EXISTING);
	FAILS(DeleteFileA(D "\\two.txt"), FALSE, ERROR_SHARING_VIOLATION);
	CloseHandle(h);
	DeleteFileA(D "\\two.txt");
	CHECK(!CopyFileA(F, F, FALSE) && GetLastError() == ERROR_SHARING_VIOLATION,
	      "CopyFile onto itself: %lu", GetLastError());
	CHECK(GetFileAttributesA(F) == FILE_ATTRIBUTE_ARCHIVE, "the source stays");
	FAILS(GetFileAttributesA(D "\\*.txt"), INVALID_FILE_ATTRIBUTES, ERROR_INVALID_NAME);
	FAILS(SetFileAttributesA(D "\\none.txt", FILE_ATTRIBUTE_NORMAL), FALSE,
	      ERROR_FILE_NOT_FOUND);
}

#define COPY_BYTES 40000

/* One thread's copies: its own pattern each time, read back whole. */
static DWORD WINAPI copier(LPVOID arg)
{
	int me = (int)(ULONG_PTR)arg, bad = 0;
	char from[32], to[32], *data = HeapAlloc(GetProcessHeap(), 0, 2 * COPY_BYTES);
	HANDLE h;
	DWORD n;

	snprintf(from, sizeof(from), D "\\from%d", me);
	snprintf(to, sizeof(to), D "\\to%d", me);
	for (int round = 0; round < 4; round++) {
		for (int i = 0; i < COPY_BYTES; i++)
			data[i] = (char)(i * 7 + me * 31 + round);
		h = open_file(from, GENERIC_WRITE, CREATE_ALWAYS);
		WriteFile(h, data, COPY_BYTES, &n, NULL);
		CloseHandle(h);
		bad += !CopyFileA(from, to, FALSE);
		h = open_file(to, GENERIC_READ, OPEN_EXISTING);
		bad += !ReadFile(h, data + COPY_BYTES, COPY_BYTES, &n, NULL) || n != COPY_BYTES ||
		       memcmp(data, data + COPY_BYTES, COPY_BYTES) != 0;
		CloseHandle(h);
	}
	DeleteFileA(from);
	DeleteFileA(to);
	HeapFree(GetProcessHeap(), 0, data);
	return bad;
}

/* CopyFileA from two threads at once: each copy is its own. */
static void copies(void)
{
	HANDLE t[2];
	DWORD code;

	for (int i = 0; i < 2; i++)
		t[i] = CreateThread(NULL, 0, copier, (LPVOID)(ULONG_PTR)i, 0, NULL);
	WaitForMultipleObjects(2, t, TRUE, INFINITE);
	for (int i = 0; i < 2; i++) {
		CHECK(GetExitCodeThread(t[i], &code) && code == 0, "copier %d: %lu bad", i, code);
		CloseHandle(t[i]);
	}
}

static void directories(void)
{
	char buf[MAX_PATH], *part = (char *)1;
	DWORD n;

	FAILS(SetCurrentDirectoryA(D "\\nothing"), FALSE, ERROR_FILE_NOT_FOUND);
	FAILS(SetCurrentDirectoryA(F), FALSE, ERROR_DIRECTORY);
	CHECK(SetCurrentDirectoryA(D), "SetCurrentDirectory: %lu", GetLastError());
	n = GetCurrentDirectoryA(0, NULL);
	CHECK(n == strlen(D) + 1, "the size needed: %lu", n);
	n = GetCurrentDirectoryA(strlen(D), buf);
	CHECK(n == strlen(D) + 1, "one short: %lu", n);
	n = GetCurrentDirectoryA(sizeof(buf), buf);
	CHECK(n == strlen(D) && strcmp(buf, D) == 0, "%lu \"%s\"", n, buf);
	n = GetFullPathNameA("x\\..\\y.txt", sizeof(buf), buf, &part);
	CHECK(n == strlen(D "\\y.txt") && strcmp(buf, D "\\y.txt") == 0 &&
	      part == buf + strlen(D) + 1, "%lu \"%s\"", n, buf);
	n = GetFullPathNameA("name. . ", sizeof(buf), buf, &part);
	CHECK(n == strlen(D "\\name") && strcmp(buf, D "\\name") == 0, "trailing dots: \"%s\"",
	      buf);
	n = GetFullPathNameA("C:\\a\\b\\", sizeof(buf), buf, &part);
	CHECK(n == 7 && strcmp(buf, "C:\\a\\b\\") == 0 && part == NULL, "a directory: %lu", n);
	part = (char *)1;
	n = GetFullPathNameA("C:\\abc", 4, buf, &part);
	CHECK(n == 7 && part == (char *)1, "too small: %lu", n);
	CHECK(SetCurrentDirectoryA("C:\\"), "back to the root");
}

static ULONGLONG u64(FILETIME t)
{
	return (ULONGLONG)t.dwHighDateTime << 32 | t.dwLowDateTime;
}

static void times(void)
{
	HANDLE h = open_file(F, GENERIC_READ | GENERIC_WRITE, OPEN_EXISTING);
	FILETIME before, after, zero = { 0, 0 }, keep = { 0xffffffff, 0xffffffff };
	SYSTEMTIME st = { 2024, 2, 0, 29, 23, 59, 59, 999 };
	FILETIME ft;

	GetFileTime(h, NULL, NULL, &before);
	CHECK(SetFileTime(h, NULL, NULL, &zero), "a zero time leaves it: %lu", GetLastError());
	CHECK(SetFileTime(h, NULL, NULL, &keep), "an all-ones time: %lu", GetLastError());
	GetFileTime(h, NULL, NULL, &after);
	CHECK(u64(before) == u64(after), "the write time stayed");
	CloseHandle(h);
	FAILS(GetFileTime((HANDLE)0x1234, NULL, NULL, &ft), FALSE, ERROR_INVALID_HANDLE);
	CHECK(SystemTimeToFileTime(&st, &ft), "Feb 29 of a leap year");
	st.wYear = 2023;
	FAILS(SystemTimeToFileTime(&st, &ft), FALSE, ERROR_INVALID_PARAMETER);
	st = (SYSTEMTIME){ 1601, 1, 0, 1, 0, 0, 0, 0 };
	CHECK(SystemTimeToFileTime(&st, &ft) && u64(ft) == 0, "1601: %llu", u64(ft));
	st.wYear = 1600;
	FAILS(SystemTimeToFileTime(&st, &ft), FALSE, ERROR_INVALID_PARAMETER);
	st = (SYSTEMTIME){ 30827, 12, 0, 31, 23, 59, 59, 999 };
	CHECK(SystemTimeToFileTime(&st, &ft), "30827");
	st = (SYSTEMTIME){ 2000, 1, 0, 1, 24, 0, 0, 0 };
	FAILS(SystemTimeToFileTime(&st, &ft), FALSE, ERROR_INVALID_PARAMETER);
	st = (SYSTEMTIME){ 2000, 1, 0, 1, 0, 0, 0, 1000 };
	FAILS(SystemTimeToFileTime(&st, &ft), FALSE, ERROR_INVALID_PARAMETER);
	ft = (FILETIME){ 0xffffffff, 0x7fffffff };
	CHECK(FileTimeToSystemTime(&ft, &st) && st.wYear == 30828, "the last FILETIME: %u",
	      st.wYear);
	CHECK(st.wDayOfWeek == 4 && st.wMonth == 9 && st.wDay == 14, "%u-%u dow %u", st.wMonth,
	      st.wDay, st.wDayOfWeek);
	ft = (FILETIME){ 0, 0 };
	CHECK(FileTimeToSystemTime(&ft, &st) && st.wYear == 1601 && st.wDayOfWeek == 1,
	      "1601-01-01 was a Monday: %u", st.wDayOfWeek);
	ft.dwHighDateTime = 0x80000000;
	FAILS(FileTimeToSystemTime(&ft, &st), FALSE, ERROR_INVALID_PARAMETER);
}

static void mapped_name(void)
{
	HANDLE h = open_file(F, GENERIC_READ, OPEN_EXISTING);
	HANDLE s = CreateFileMappingA(h, NULL, PAGE_READONLY, 0, 0, NULL);
	char *v = MapViewOfFile(s, FILE_MAP_READ, 0, 0, 0), name[MAX_PATH];
	const char *want = "\\Device\\HarddiskVolume1\\CONFORM\\abc.txt";
	DWORD n;

	CHECK(v != NULL, "MapViewOfFile: %lu", GetLastError());
	n = GetMappedFileNameA(GetCurrentProcess(), v, name, sizeof(name));
	CHECK(n == strlen(want) && strcmp(name, want) == 0, "%lu \"%s\"", n, name);
	memset(name, 'x', sizeof(name));
	n = GetMappedFileNameA(GetCurrentProcess(), v, name, 1);
	CHECK(n == 1 && name[0] == 0, "nSize 1: %lu", n);
	n = GetMappedFileNameA(GetCurrentProcess(), v, name, 8);
	CHECK(n == 8 && strcmp(name, "\\Device") == 0, "nSize 8: %lu \"%s\"", n, name);
	FAILS(GetMappedFileNameA(GetCurrentProcess(), v, name, 0), 0, ERROR_INSUFFICIENT_BUFFER);
	UnmapViewOfFile(v);
	CloseHandle(s);
	CloseHandle(h);
}

/* GetFileAttributesExA, GetFileType, drives, temporary names, CompareFileTime,
 * and the generic (ANSI) names of the calls. */
static void more_calls(void)
{
	WIN32_FILE_ATTRIBUTE_DATA a;
	WIN32_FIND_DATA fd;
	TCHAR path[MAX_PATH], name[MAX_PATH];
	FILETIME t1 = { 5, 1 }, t2 = { 4, 2 }, local;
	HANDLE h, e;
	UINT u;
	DWORD n;

	CHECK(GetFileAttributesEx(F, GetFileExInfoStandard, &a) &&
	      a.dwFileAttributes == FILE_ATTRIBUTE_ARCHIVE && a.nFileSizeLow == 10 &&
	      a.nFileSizeHigh == 0, "GetFileAttributesEx: 0x%lx %lu", a.dwFileAttributes,
	      a.nFileSizeLow);
	h = FindFirstFile(_T(F), &fd);
	CHECK(h != INVALID_HANDLE_VALUE && CompareFileTime(&fd.ftLastWriteTime,
							   &a.ftLastWriteTime) == 0,
	      "the same write time");
	FindClose(h);
	FAILS(GetFileAttributesExA(F, GetFileExMaxInfoLevel, &a), FALSE, ERROR_INVALID_PARAMETER);
	FAILS(GetFileAttributesExA(D "\\none", GetFileExInfoStandard, &a), FALSE,
	      ERROR_FILE_NOT_FOUND);
	h = CreateFile(F, GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL);
	CHECK(GetFileType(h) == FILE_TYPE_DISK, "a file is FILE_TYPE_DISK");
	CloseHandle(h);
	CHECK(GetFileType(GetStdHandle(STD_OUTPUT_HANDLE)) == FILE_TYPE_CHAR, "the console");
	e = CreateEventA(NULL, FALSE, FALSE, NULL);
	FAILS(GetFileType(e), FILE_TYPE_UNKNOWN, ERROR_INVALID_HANDLE);
	CloseHandle(e);
	CHECK(GetDriveType("C:\\") == DRIVE_FIXED && GetDriveTypeA(NULL) == DRIVE_FIXED &&
	      GetDriveTypeA("Q:\\") == DRIVE_NO_ROOT_DIR &&
	      GetDriveTypeA(D) == DRIVE_NO_ROOT_DIR, "GetDriveType");
	CHECK(GetLogicalDrives() & (1 << 2), "C: among the drives: 0x%lx", GetLogicalDrives());
	n = GetTempPath(0, NULL);
	CHECK(n > 3 && GetTempPath(n, path) == n - 1 && path[n - 2] == '\\',
	      "GetTempPath: %lu \"%s\"", n, path);
	CHECK(GetTempFileName(D, "pre", 0x1a2b, name) == 0x1a2b &&
	      strcmp(name, D "\\pre1A2B.tmp") == 0 &&
	      GetFileAttributesA(name) == INVALID_FILE_ATTRIBUTES, "a given number: \"%s\"", name);
	u = GetTempFileName(TEXT(D "\\"), TEXT("prefix"), 0, name);
	CHECK(u != 0 && strncmp(name, D "\\pre", strlen(D) + 4) == 0 &&
	      GetFileAttributesA(name) == FILE_ATTRIBUTE_ARCHIVE, "a new file: %u \"%s\"", u, name);
	DeleteFile(name);
	CHECK(CompareFileTime(&t1, &t2) == -1 && CompareFileTime(&t2, &t1) == 1 &&
	      CompareFileTime(&t1, &t1) == 0, "CompareFileTime");
	CHECK(FileTimeToLocalFileTime(&t1, &local) && LocalFileTimeToFileTime(&local, &t2) &&
	      CompareFileTime(&t1, &t2) == 0, "local time and back");
}

/* CreateFileMapping and MapViewOfFile on a file: the documented refusals. */
static void mappings(void)
{
	HANDLE h = open_file(F, GENERIC_READ, OPEN_EXISTING), s, w;
	DWORD n;
	char *v;

	FAILS(CreateFileMappingA(h, NULL, PAGE_READWRITE, 0, 0, NULL), NULL, ERROR_ACCESS_DENIED);
	FAILS(CreateFileMappingA(h, NULL, PAGE_READONLY, 0, 100000, NULL), NULL,
	      ERROR_NOT_ENOUGH_MEMORY);
	s = CreateFileMappingA(h, NULL, PAGE_READONLY, 0, 0, NULL);
	CHECK(s != NULL, "a read-only mapping: %lu", GetLastError());
	FAILS(MapViewOfFile(s, FILE_MAP_WRITE, 0, 0, 0), NULL, ERROR_ACCESS_DENIED);
	FAILS(MapViewOfFile(s, FILE_MAP_READ, 0, 4096, 0), NULL, ERROR_MAPPED_ALIGNMENT);
	FAILS(MapViewOfFile(s, FILE_MAP_READ, 0, 0, 8192), NULL, ERROR_ACCESS_DENIED);
	v = MapViewOfFile(s, FILE_MAP_READ, 0, 0, 0);
	CHECK(v && memcmp(v, "01ab456789", 10) == 0, "the view: %lu", GetLastError());
	FAILS(UnmapViewOfFile(NULL), FALSE, ERROR_INVALID_ADDRESS);
	FAILS(FlushViewOfFile(&n, 4), FALSE, ERROR_INVALID_ADDRESS);
	CHECK(FlushViewOfFile(v, 0), "FlushViewOfFile of the whole view: %lu", GetLastError());
	CHECK(UnmapViewOfFile(v + 100), "UnmapViewOfFile inside the view: %lu", GetLastError());
	FAILS(UnmapViewOfFile(v), FALSE, ERROR_INVALID_ADDRESS);
	CloseHandle(s);
	CloseHandle(h);
	FAILS(OpenFileMappingA(FILE_MAP_READ, FALSE, "file-conform-none"), NULL,
	      ERROR_FILE_NOT_FOUND);
	FAILS(CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 0, NULL), NULL,
	      ERROR_INVALID_PARAMETER);
	h = open_file(D "\\empty", GENERIC_READ | GENERIC_WRITE, CREATE_ALWAYS);
	FAILS(CreateFileMappingA(h, NULL, PAGE_READWRITE, 0, 0, NULL), NULL, ERROR_FILE_INVALID);
	s = CreateFileMappingA(h, NULL, PAGE_READWRITE, 0, 5000, "file-conform-map");
	CHECK(s && GetLastError() == 0 && GetFileSize(h, NULL) == 5000,
	      "a larger read-write mapping grows the file: %lu", GetFileSize(h, NULL));
	w = CreateFileMappingA(h, NULL, PAGE_READWRITE, 0, 5000, "file-conform-map");
	CHECK(w && GetLastError() == ERROR_ALREADY_EXISTS, "the name again: %lu", GetLastError());
	CloseHandle(w);
	w = OpenFileMappingA(FILE_MAP_READ, FALSE, "file-conform-map");
	CHECK(w != NULL, "OpenFileMapping: %lu", GetLastError());
	CloseHandle(w);
	CloseHandle(s);
	CloseHandle(h);
	DeleteFileA(D "\\empty");
}

/* Paths, disks and times at their edges. */
static void edges(void)
{
	HANDLE h = CreateFileA(D "\\ro.txt", GENERIC_WRITE, 0, NULL, CREATE_NEW,
			       FILE_ATTRIBUTE_READONLY, NULL);
	ULARGE_INTEGER avail, total, free;
	DWORD spc, bps, fc, tc, n;
	char buf[MAX_PATH], *part = (char *)1;
	SYSTEMTIME st = { 2023, 4, 0, 31, 0, 0, 0, 0 };
	FILETIME ft;

	CHECK(WriteFile(h, "x", 1, &n, NULL) && n == 1, "the creating handle writes a READONLY file");
	CloseHandle(h);
	CHECK(GetFileAttributesA(D "\\ro.txt") == (FILE_ATTRIBUTE_READONLY | FILE_ATTRIBUTE_ARCHIVE),
	      "0x%lx", GetFileAttributesA(D "\\ro.txt"));
	SetFileAttributesA(D "\\ro.txt", 0);
	CHECK(GetFileAttributesA(D "\\ro.txt") == FILE_ATTRIBUTE_NORMAL, "0 clears: 0x%lx",
	      GetFileAttributesA(D "\\ro.txt"));
	DeleteFileA(D "\\ro.txt");
	FAILS(CreateDirectoryA("", NULL), FALSE, ERROR_PATH_NOT_FOUND);
	h = CreateFileA(D "\\hid.txt", GENERIC_WRITE, 0, NULL, CREATE_NEW, FILE_ATTRIBUTE_HIDDEN,
			NULL);
	CloseHandle(h);
	FAILS(open_file(D "\\hid.txt", GENERIC_WRITE, CREATE_ALWAYS), INVALID_HANDLE_VALUE,
	      ERROR_ACCESS_DENIED);
	h = open_file(D "\\hid.txt", GENERIC_WRITE, TRUNCATE_EXISTING);
	CloseHandle(h);
	CHECK(GetFileAttributesA(D "\\hid.txt") == (FILE_ATTRIBUTE_HIDDEN | FILE_ATTRIBUTE_ARCHIVE),
	      "TRUNCATE_EXISTING keeps the attributes: 0x%lx", GetFileAttributesA(D "\\hid.txt"));
	DeleteFileA(D "\\hid.txt");
	CreateDirectoryA(D "\\rodir", NULL);
	CHECK(SetFileAttributesA(D "\\rodir", FILE_ATTRIBUTE_READONLY) &&
	      GetFileAttributesA(D "\\rodir") == (FILE_ATTRIBUTE_DIRECTORY | FILE_ATTRIBUTE_READONLY),
	      "a READONLY directory: 0x%lx", GetFileAttributesA(D "\\rodir"));
	FAILS(RemoveDirectoryA(D "\\rodir"), FALSE, ERROR_ACCESS_DENIED);
	SetFileAttributesA(D "\\rodir", FILE_ATTRIBUTE_NORMAL);
	CHECK(RemoveDirectoryA(D "\\rodir"), "then it goes: %lu", GetLastError());
	n = GetFullPathNameA("C:\\a\\*.txt", sizeof(buf), buf, &part);
	CHECK(n == 10 && strcmp(buf, "C:\\a\\*.txt") == 0 && part == buf + 5,
	      "GetFullPathName keeps wildcards: \"%s\"", buf);
	/* The device namespace's drive paths name the same files; GetFullPathName
	 * keeps a "\\?\" name as it is and resolves a "\\.\" one. */
	n = GetFullPathNameA("\\\\?\\C:\\a\\..\\b", sizeof(buf), buf, &part);
	CHECK(n == 13 && strcmp(buf, "\\\\?\\C:\\a\\..\\b") == 0, "\\\\?\\ kept: \"%s\"", buf);
	n = GetFullPathNameA("\\\\.\\c:\\a\\..\\b", sizeof(buf), buf, &part);
	CHECK(n == 8 && strcmp(buf, "\\\\.\\C:\\b") == 0 && part == buf + 7,
	      "\\\\.\\ resolved: \"%s\"", buf);
	CloseHandle(CreateFileA("\\\\?\\" D "\\dev.txt", GENERIC_WRITE, 0, NULL, CREATE_NEW, 0, NULL));
	CHECK(GetFileAttributesA(D "\\dev.txt") != INVALID_FILE_ATTRIBUTES, "made through \\\\?\\");
	CHECK(DeleteFileA("\\\\.\\" D "\\dev.txt"), "deleted through \\\\.\\: %lu", GetLastError());
	/* No network: a UNC name's server is not found; no such device. */
	FAILS(GetFileAttributesA("\\\\?\\UNC\\server\\share\\x"), INVALID_FILE_ATTRIBUTES,
	      ERROR_BAD_NETPATH);
	FAILS(CreateFileA("\\\\server\\share\\x", GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL),
	      INVALID_HANDLE_VALUE, ERROR_BAD_NETPATH);
	FAILS(CreateFileA("\\\\.\\NoSuchDevice", GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL),
	      INVALID_HANDLE_VALUE, ERROR_FILE_NOT_FOUND);
	FAILS(GetDiskFreeSpaceA("Q:\\", &spc, &bps, &fc, &tc), FALSE, ERROR_PATH_NOT_FOUND);
	CHECK(GetDiskFreeSpaceA(NULL, &spc, &bps, &fc, &tc) && bps == 512 && fc <= tc,
	      "GetDiskFreeSpace: %lu %lu %lu %lu", spc, bps, fc, tc);
	CHECK(GetDiskFreeSpaceExA(D "\\", &avail, &total, &free) &&
	      total.QuadPart == (ULONGLONG)tc * spc * bps && avail.QuadPart == free.QuadPart,
	      "GetDiskFreeSpaceEx of a directory: %lu", GetLastError());
	/* Windows opens the directory: a missing one or a file fails. */
	FAILS(GetDiskFreeSpaceExA(D "\\nope\\", &avail, &total, &free), FALSE, ERROR_FILE_NOT_FOUND);
	FAILS(GetDiskFreeSpaceExA(D "\\nope\\x\\", &avail, &total, &free), FALSE,
	      ERROR_PATH_NOT_FOUND);
	CloseHandle(CreateFileA(D "\\space.txt", GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL));
	FAILS(GetDiskFreeSpaceA(D "\\space.txt", &spc, &bps, &fc, &tc), FALSE, ERROR_DIRECTORY);
	DeleteFileA(D "\\space.txt");
	CHECK(SetCurrentDirectoryA(D "\\") && GetCurrentDirectoryA(sizeof(buf), buf) == strlen(D) &&
	      strcmp(buf, D) == 0, "a trailing backslash: \"%s\"", buf);
	n = GetFullPathNameA("C:", sizeof(buf), buf, &part);
	CHECK(n == strlen(D) && strcmp(buf, D) == 0, "C: is its current directory: \"%s\"", buf);
	n = GetFullPathNameA("C:\\..", sizeof(buf), buf, &part);
	CHECK(n == 3 && strcmp(buf, "C:\\") == 0 && part == NULL, "above the root: \"%s\"", buf);
	SetCurrentDirectoryA("C:\\");
	FAILS(SystemTimeToFileTime(&st, &ft), FALSE, ERROR_INVALID_PARAMETER);
	st = (SYSTEMTIME){ 2023, 13, 0, 1, 0, 0, 0, 0 };
	FAILS(SystemTimeToFileTime(&st, &ft), FALSE, ERROR_INVALID_PARAMETER);
	st = (SYSTEMTIME){ 2023, 1, 0, 0, 0, 0, 0, 0 };
	FAILS(SystemTimeToFileTime(&st, &ft), FALSE, ERROR_INVALID_PARAMETER);
	st = (SYSTEMTIME){ 2023, 1, 9, 1, 0, 60, 0, 0 };
	FAILS(SystemTimeToFileTime(&st, &ft), FALSE, ERROR_INVALID_PARAMETER);
	st.wMinute = 0;
	CHECK(SystemTimeToFileTime(&st, &ft), "wDayOfWeek 9 is ignored");
	CHECK(FileTimeToSystemTime(&ft, &st) && st.wDayOfWeek == 0, "2023-01-01 was a Sunday: %u",
	      st.wDayOfWeek);
}

/* fopen's text mode (no "b"), as Microsoft's C library: '\n' goes to the
 * file as CR LF and comes back as '\n'; CTRL+Z ends the text. */
static void text_mode(void)
{
	char line[32], raw[32];
	FILE *f = fopen(F, "w");
	DWORD n;
	HANDLE h;

	CHECK(fputs("one\ntwo\n", f) == 0 && ftell(f) == 10, "ftell counts the CRs: %ld",
	      ftell(f));
	fwrite("\x1a" "after", 1, 6, f);
	fclose(f);
	h = open_file(F, GENERIC_READ, OPEN_EXISTING);
	CHECK(ReadFile(h, raw, sizeof(raw), &n, NULL) && n == 16 &&
	      memcmp(raw, "one\r\ntwo\r\n\x1a" "after", 16) == 0, "the bytes: %lu", n);
	CloseHandle(h);
	f = fopen(F, "rt");
	CHECK(fgets(line, sizeof(line), f) && strcmp(line, "one\n") == 0, "\"%s\"", line);
	CHECK(ftell(f) == 5, "ftell: %ld", ftell(f));
	CHECK(fread(line, 1, sizeof(line), f) == 4 && memcmp(line, "two\n", 4) == 0 && feof(f),
	      "CTRL+Z ends the text");
	fclose(f);
	f = fopen(F, "rb");
	CHECK(fread(line, 1, sizeof(line), f) == 16, "binary reads every byte");
	fclose(f);
	touch(F, "0123456789");
}

int main(void)
{
	CreateDirectoryA(D, NULL);
	touch(F, "hello");
	create_file();
	transfers();
	names();
	copies();
	directories();
	times();
	mapped_name();
	more_calls();
	mappings();
	edges();
	text_mode();
	DeleteFileA(F);
	CHECK(RemoveDirectoryA(D), "cleanup: %lu", GetLastError());
	printf("file-conform: %d failures\n", failures);
	return failures != 0;
}
