/* CreateFileA's five dispositions and their last errors, ReadFile and
 * WriteFile at the file pointer, SetFilePointer(Ex) (negative seeks, past
 * the end), GetFileSize(Ex), SetEndOfFile, FlushFileBuffers, CloseHandle,
 * DeleteFileA, attributes (READONLY refuses writing and deleting), and bad
 * arguments: each with Windows' documented error codes. Runs on C:. */
#include <string.h>
#include <windows.h>

#define TEST_NAME "file-basics"
#include "check.h"

#define F "C:\\basics.txt"

static HANDLE open_file(const char *name, DWORD access, DWORD share, DWORD disposition)
{
	return CreateFileA(name, access, share, NULL, disposition, FILE_ATTRIBUTE_NORMAL, NULL);
}

static DWORD size_of(HANDLE h)
{
	DWORD high = 7, low = GetFileSize(h, &high);

	return high ? 0xdeadbeef : low;
}

static void dispositions(void)
{
	HANDLE h;
	DWORD n;

	DeleteFileA(F);
	h = open_file(F, GENERIC_READ, 0, OPEN_EXISTING);
	CHECK(h == INVALID_HANDLE_VALUE && GetLastError() == ERROR_FILE_NOT_FOUND,
	      "OPEN_EXISTING on nothing: %lu", GetLastError());
	h = open_file(F, GENERIC_WRITE, 0, TRUNCATE_EXISTING);
	CHECK(h == INVALID_HANDLE_VALUE && GetLastError() == ERROR_FILE_NOT_FOUND,
	      "TRUNCATE_EXISTING on nothing: %lu", GetLastError());
	h = open_file(F, GENERIC_READ | GENERIC_WRITE, 0, CREATE_NEW);
	CHECK(h != INVALID_HANDLE_VALUE && GetLastError() == ERROR_SUCCESS, "CREATE_NEW: %lu",
	      GetLastError());
	CHECK(WriteFile(h, "hello, disk", 11, &n, NULL) && n == 11, "WriteFile: %lu", GetLastError());
	CHECK(size_of(h) == 11, "size after writing: %lu", size_of(h));
	CHECK(CloseHandle(h), "CloseHandle");
	h = open_file(F, GENERIC_READ, 0, CREATE_NEW);
	CHECK(h == INVALID_HANDLE_VALUE && GetLastError() == ERROR_FILE_EXISTS,
	      "CREATE_NEW on a file: %lu", GetLastError());
	h = open_file(F, GENERIC_READ, 0, OPEN_ALWAYS);
	CHECK(h != INVALID_HANDLE_VALUE && GetLastError() == ERROR_ALREADY_EXISTS,
	      "OPEN_ALWAYS on a file: %lu", GetLastError());
	CHECK(size_of(h) == 11, "OPEN_ALWAYS keeps the data: %lu", size_of(h));
	CloseHandle(h);
	h = open_file(F, GENERIC_READ, 0, TRUNCATE_EXISTING);
	CHECK(h == INVALID_HANDLE_VALUE && GetLastError() == ERROR_INVALID_PARAMETER,
	      "TRUNCATE_EXISTING without GENERIC_WRITE: %lu", GetLastError());
	h = open_file(F, GENERIC_WRITE, 0, TRUNCATE_EXISTING);
	CHECK(h != INVALID_HANDLE_VALUE && GetLastError() == ERROR_SUCCESS && size_of(h) == 0,
	      "TRUNCATE_EXISTING: %lu, size %lu", GetLastError(), size_of(h));
	WriteFile(h, "abc", 3, &n, NULL);
	CloseHandle(h);
	h = open_file(F, GENERIC_WRITE, 0, CREATE_ALWAYS);
	CHECK(h != INVALID_HANDLE_VALUE && GetLastError() == ERROR_ALREADY_EXISTS &&
	      size_of(h) == 0, "CREATE_ALWAYS on a file: %lu", GetLastError());
	CloseHandle(h);
	CHECK(DeleteFileA(F), "DeleteFile: %lu", GetLastError());
	h = open_file(F, GENERIC_WRITE, 0, CREATE_ALWAYS);
	CHECK(h != INVALID_HANDLE_VALUE && GetLastError() == ERROR_SUCCESS,
	      "CREATE_ALWAYS on nothing: %lu", GetLastError());
	CloseHandle(h);
	h = open_file(F, GENERIC_READ, 0, 0);
	CHECK(h == INVALID_HANDLE_VALUE && GetLastError() == ERROR_INVALID_PARAMETER,
	      "disposition 0: %lu", GetLastError());
	h = open_file(F, GENERIC_READ, 0, 6);
	CHECK(h == INVALID_HANDLE_VALUE && GetLastError() == ERROR_INVALID_PARAMETER,
	      "disposition 6: %lu", GetLastError());
	h = open_file(F, GENERIC_READ, 8, OPEN_EXISTING);
	CHECK(h == INVALID_HANDLE_VALUE && GetLastError() == ERROR_INVALID_PARAMETER,
	      "share mode 8: %lu", GetLastError());
	CHECK(DeleteFileA(F), "DeleteFile: %lu", GetLastError());
	CHECK(!DeleteFileA(F) && GetLastError() == ERROR_FILE_NOT_FOUND, "deleting twice: %lu",
	      GetLastError());
}

static void pointer_and_size(void)
{
	HANDLE h = open_file(F, GENERIC_READ | GENERIC_WRITE, 0, CREATE_ALWAYS);
	LARGE_INTEGER d, at, size;
	char buf[64];
	DWORD n;
	LONG high;

	CHECK(WriteFile(h, "0123456789", 10, &n, NULL), "write");
	CHECK(SetFilePointer(h, 0, NULL, FILE_CURRENT) == 10, "pointer after writing");
	CHECK(SetFilePointer(h, 2, NULL, FILE_BEGIN) == 2, "FILE_BEGIN");
	CHECK(ReadFile(h, buf, 3, &n, NULL) && n == 3 && memcmp(buf, "234", 3) == 0,
	      "read at 2: %lu bytes", n);
	CHECK(SetFilePointer(h, -2, NULL, FILE_END) == 8, "FILE_END - 2");
	CHECK(ReadFile(h, buf, sizeof(buf), &n, NULL) && n == 2 && memcmp(buf, "89", 2) == 0,
	      "short read at the end: %lu", n);
	CHECK(ReadFile(h, buf, sizeof(buf), &n, NULL) && n == 0, "read at the end: TRUE, 0 bytes");
	CHECK(SetFilePointer(h, -11, NULL, FILE_END) == INVALID_SET_FILE_POINTER &&
	      GetLastError() == ERROR_NEGATIVE_SEEK, "negative seek: %lu", GetLastError());
	CHECK(SetFilePointer(h, 0, NULL, FILE_CURRENT) == 10, "a failed seek leaves the pointer");
	CHECK(SetFilePointer(h, 0, NULL, 3) == INVALID_SET_FILE_POINTER &&
	      GetLastError() == ERROR_INVALID_PARAMETER, "method 3: %lu", GetLastError());
	d.QuadPart = 20;
	CHECK(SetFilePointerEx(h, d, &at, FILE_BEGIN) && at.QuadPart == 20, "past the end");
	CHECK(WriteFile(h, "X", 1, &n, NULL) && n == 1, "write past the end");
	CHECK(GetFileSizeEx(h, &size) && size.QuadPart == 21, "the gap counts: %lld",
	      size.QuadPart);
	SetFilePointer(h, 10, NULL, FILE_BEGIN);
	CHECK(ReadFile(h, buf, 11, &n, NULL) && n == 11 && buf[0] == 0 && buf[9] == 0 &&
	      buf[10] == 'X', "the gap reads as zeros");
	SetFilePointer(h, 5, NULL, FILE_BEGIN);
	CHECK(SetEndOfFile(h) && size_of(h) == 5, "SetEndOfFile shrinks: %lu", size_of(h));
	SetFilePointer(h, 5000, NULL, FILE_BEGIN);
	CHECK(SetEndOfFile(h) && size_of(h) == 5000, "SetEndOfFile grows: %lu", size_of(h));
	high = 1;
	CHECK(SetFilePointer(h, 0, &high, FILE_BEGIN) == 0 && high == 1,
	      "a 64-bit position past 4 GB: high %ld", high);
	CHECK(ReadFile(h, buf, 4, &n, NULL) && n == 0, "reading past 4 GB reads nothing");
	CHECK(!WriteFile(h, "Y", 1, &n, NULL) && GetLastError() == ERROR_DISK_FULL && n == 0,
	      "writing past 4 GB on FAT: %lu", GetLastError());
	CHECK(FlushFileBuffers(h), "FlushFileBuffers: %lu", GetLastError());
	CloseHandle(h);
	h = open_file(F, GENERIC_READ, FILE_SHARE_READ, OPEN_EXISTING);
	CHECK(!WriteFile(h, "Z", 1, &n, NULL) && GetLastError() == ERROR_ACCESS_DENIED,
	      "WriteFile without GENERIC_WRITE: %lu", GetLastError());
	CHECK(!SetEndOfFile(h) && GetLastError() == ERROR_ACCESS_DENIED, "SetEndOfFile read-only");
	CHECK(!FlushFileBuffers(h) && GetLastError() == ERROR_ACCESS_DENIED,
	      "FlushFileBuffers needs write access: %lu", GetLastError());
	CloseHandle(h);
	h = open_file(F, GENERIC_WRITE, 0, OPEN_EXISTING);
	CHECK(!ReadFile(h, buf, 1, &n, NULL) && GetLastError() == ERROR_ACCESS_DENIED,
	      "ReadFile without GENERIC_READ: %lu", GetLastError());
	CloseHandle(h);
	CHECK(!ReadFile(h, buf, 1, &n, NULL) && GetLastError() == ERROR_INVALID_HANDLE,
	      "a closed handle: %lu", GetLastError());
	CHECK(!ReadFile(GetCurrentProcess(), buf, 1, &n, NULL) &&
	      GetLastError() == ERROR_INVALID_HANDLE, "a process handle: %lu", GetLastError());
	DeleteFileA(F);
}

static void bad_pointers(void)
{
	HANDLE h = open_file(F, GENERIC_READ | GENERIC_WRITE, 0, CREATE_ALWAYS);
	char *page = VirtualAlloc(NULL, 8192, MEM_COMMIT, PAGE_READWRITE);
	DWORD n = 99;

	memset(page, 'p', 8192);
	VirtualProtect(page + 4096, 4096, PAGE_NOACCESS, &n);
	CHECK(!WriteFile(h, page, 8192, &n, NULL) && GetLastError() == ERROR_NOACCESS && n == 0,
	      "WriteFile from a half-bad buffer: %lu, %lu written", GetLastError(), n);
	CHECK(size_of(h) == 0, "nothing reached the file: %lu", size_of(h));
	CHECK(WriteFile(h, page, 4096, &n, NULL) && n == 4096, "the good half: %lu",
	      GetLastError());
	SetFilePointer(h, 0, NULL, FILE_BEGIN);
	CHECK(!ReadFile(h, page + 100, 4096, &n, NULL) && GetLastError() == ERROR_NOACCESS,
	      "ReadFile into a half-bad buffer: %lu", GetLastError());
	CHECK(SetFilePointer(h, 0, NULL, FILE_CURRENT) == 0, "the pointer did not move");
	VirtualProtect(page, 4096, PAGE_READONLY, &n);
	CHECK(!ReadFile(h, page + 8, 16, &n, NULL) && GetLastError() == ERROR_NOACCESS &&
	      page[8] == 'p', "ReadFile into a read-only page: %lu", GetLastError());
	CHECK(SetFilePointer(h, 0, NULL, FILE_CURRENT) == 0, "the pointer still did not move");
	CHECK(!WriteFile(h, (void *)0xc0000000, 1, &n, NULL) && GetLastError() == ERROR_NOACCESS,
	      "a kernel address: %lu", GetLastError());
	CHECK(CreateFileA((LPCSTR)16, GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL) ==
	      INVALID_HANDLE_VALUE && GetLastError() == ERROR_NOACCESS, "a bad name pointer: %lu",
	      GetLastError());
	CloseHandle(h);
	DeleteFileA(F);
	VirtualFree(page, 0, MEM_RELEASE);
}

static void readonly(void)
{
	HANDLE h = open_file(F, GENERIC_WRITE, 0, CREATE_ALWAYS);
	DWORD n;

	WriteFile(h, "ro", 2, &n, NULL);
	CloseHandle(h);
	CHECK(SetFileAttributesA(F, FILE_ATTRIBUTE_READONLY), "SetFileAttributes");
	CHECK(GetFileAttributesA(F) == FILE_ATTRIBUTE_READONLY, "attributes: 0x%lx",
	      GetFileAttributesA(F));
	h = open_file(F, GENERIC_WRITE, 0, OPEN_EXISTING);
	CHECK(h == INVALID_HANDLE_VALUE && GetLastError() == ERROR_ACCESS_DENIED,
	      "GENERIC_WRITE on READONLY: %lu", GetLastError());
	h = open_file(F, GENERIC_READ, 0, CREATE_ALWAYS);
	CHECK(h == INVALID_HANDLE_VALUE && GetLastError() == ERROR_ACCESS_DENIED,
	      "CREATE_ALWAYS on READONLY: %lu", GetLastError());
	CHECK(!DeleteFileA(F) && GetLastError() == ERROR_ACCESS_DENIED, "deleting READONLY: %lu",
	      GetLastError());
	h = open_file(F, GENERIC_READ, 0, OPEN_EXISTING);
	CHECK(h != INVALID_HANDLE_VALUE, "GENERIC_READ on READONLY: %lu", GetLastError());
	CloseHandle(h);
	CHECK(SetFileAttributesA(F, FILE_ATTRIBUTE_NORMAL) &&
	      GetFileAttributesA(F) == FILE_ATTRIBUTE_NORMAL, "NORMAL clears: 0x%lx",
	      GetFileAttributesA(F));
	CHECK(GetFileAttributesA("C:\\") == FILE_ATTRIBUTE_DIRECTORY, "the root: 0x%lx",
	      GetFileAttributesA("C:\\"));
	CHECK(GetFileAttributesA("C:\\nothing-here") == INVALID_FILE_ATTRIBUTES &&
	      GetLastError() == ERROR_FILE_NOT_FOUND, "a missing file: %lu", GetLastError());
	CHECK(GetFileAttributesA("C:\\no-dir\\x") == INVALID_FILE_ATTRIBUTES &&
	      GetLastError() == ERROR_PATH_NOT_FOUND, "a missing directory: %lu", GetLastError());
	CHECK(GetFileAttributesA("Q:\\x") == INVALID_FILE_ATTRIBUTES &&
	      GetLastError() == ERROR_PATH_NOT_FOUND, "a missing drive: %lu", GetLastError());
	CHECK(DeleteFileA(F), "DeleteFile");
}

int main(void)
{
	dispositions();
	pointer_and_size();
	bad_pointers();
	readonly();
	printf("file-basics: %d failures\n", failures);
	return failures != 0;
}
