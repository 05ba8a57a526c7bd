/* Share modes (NT's share-access rules: each opener's access against the
 * others' sharing, both ways; opens for attributes only take no part),
 * ERROR_SHARING_VIOLATION; FILE_FLAG_DELETE_ON_CLOSE (the file goes with the
 * last handle, and later opens must share delete); DeleteFileA of an open
 * file (delete pending: gone at the last close, opens refused meanwhile);
 * MoveFileA of an open file; handles inherited and duplicated keep one File
 * object; closing does not lose written data. */
#include <string.h>
#include <windows.h>

#define TEST_NAME "file-sharing"
#include "check.h"

#define F "C:\\share.txt"
#define ALL (FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE)

static HANDLE op(DWORD access, DWORD share, DWORD disposition, DWORD flags)
{
	return CreateFileA(F, access, share, NULL, disposition, flags, NULL);
}

static BOOL exists(const char *name)
{
	return GetFileAttributesA(name) != INVALID_FILE_ATTRIBUTES;
}

/* Whether a second open (access2, share2) succeeds beside (access1, share1). */
static BOOL second_open(DWORD access1, DWORD share1, DWORD access2, DWORD share2)
{
	HANDLE a = op(access1, share1, OPEN_ALWAYS, 0), b;
	BOOL ok;

	b = op(access2, share2, OPEN_EXISTING, 0);
	ok = b != INVALID_HANDLE_VALUE;
	CHECK(ok || GetLastError() == ERROR_SHARING_VIOLATION, "refused with %lu", GetLastError());
	if (ok)
		CloseHandle(b);
	CloseHandle(a);
	return ok;
}

static void share_modes(void)
{
	const DWORD R = GENERIC_READ, W = GENERIC_WRITE;

	CHECK(second_open(R, FILE_SHARE_READ, R, FILE_SHARE_READ), "two readers sharing read");
	CHECK(!second_open(R, 0, R, FILE_SHARE_READ), "the first does not share read");
	CHECK(!second_open(R, FILE_SHARE_READ, R, 0), "the second does not share the first's read");
	CHECK(!second_open(R, FILE_SHARE_READ, W, FILE_SHARE_READ), "a writer, write not shared");
	CHECK(second_open(R, FILE_SHARE_WRITE, W, FILE_SHARE_READ), "reader sharing write, writer sharing read");
	CHECK(!second_open(W, FILE_SHARE_WRITE, W, FILE_SHARE_READ), "writer beside writer, write not shared by the second");
	CHECK(second_open(W, FILE_SHARE_WRITE, W, FILE_SHARE_WRITE), "two writers sharing write");
	CHECK(second_open(R, 0, FILE_READ_ATTRIBUTES, 0), "attributes only take no part");
	CHECK(second_open(R | W, ALL, R | W, ALL), "all shared");
	CHECK(!second_open(R, FILE_SHARE_READ, DELETE, ALL), "DELETE needs FILE_SHARE_DELETE");
	CHECK(second_open(R, ALL, DELETE, ALL), "DELETE with FILE_SHARE_DELETE");
	CHECK(DeleteFileA(F), "cleanup: %lu", GetLastError());
}

static void delete_on_close(void)
{
	HANDLE a = op(GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_DELETE, CREATE_NEW,
		      FILE_FLAG_DELETE_ON_CLOSE), b;
	DWORD n;

	CHECK(a != INVALID_HANDLE_VALUE, "create with DELETE_ON_CLOSE: %lu", GetLastError());
	CHECK(WriteFile(a, "temp", 4, &n, NULL), "write");
	b = op(GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, OPEN_EXISTING, 0);
	CHECK(b == INVALID_HANDLE_VALUE && GetLastError() == ERROR_SHARING_VIOLATION,
	      "an open not sharing delete: %lu", GetLastError());
	b = op(GENERIC_READ, ALL, OPEN_EXISTING, 0);
	CHECK(b != INVALID_HANDLE_VALUE, "an open sharing delete: %lu", GetLastError());
	CloseHandle(a);
	CHECK(exists(F), "still there while another handle is open");
	CloseHandle(b);
	CHECK(!exists(F) && GetLastError() == ERROR_FILE_NOT_FOUND, "gone with the last handle");
}

static void delete_pending(void)
{
	HANDLE a = op(GENERIC_READ | GENERIC_WRITE, ALL, CREATE_NEW, 0), b;
	DWORD n;

	WriteFile(a, "data", 4, &n, NULL);
	CHECK(DeleteFileA(F), "DeleteFile of a file open with FILE_SHARE_DELETE: %lu",
	      GetLastError());
	b = op(GENERIC_READ, ALL, OPEN_EXISTING, 0);
	CHECK(b == INVALID_HANDLE_VALUE && GetLastError() == ERROR_ACCESS_DENIED,
	      "opening a delete-pending file: %lu", GetLastError());
	CHECK(exists(F), "listed until the last handle closes");
	CloseHandle(a);
	CHECK(!exists(F), "gone at the last close");
	a = op(GENERIC_READ, FILE_SHARE_READ, CREATE_NEW, 0);
	CHECK(!DeleteFileA(F) && GetLastError() == ERROR_SHARING_VIOLATION,
	      "DeleteFile without FILE_SHARE_DELETE: %lu", GetLastError());
	CHECK(!MoveFileA(F, "C:\\moved.txt") && GetLastError() == ERROR_SHARING_VIOLATION,
	      "MoveFile without FILE_SHARE_DELETE: %lu", GetLastError());
	CloseHandle(a);
	a = op(GENERIC_READ | GENERIC_WRITE, ALL, OPEN_EXISTING, 0);
	CHECK(MoveFileA(F, "C:\\moved.txt"), "MoveFile of a file open with share delete: %lu",
	      GetLastError());
	CHECK(WriteFile(a, "after", 5, &n, NULL), "the handle follows the move");
	CloseHandle(a);
	CHECK(!exists(F) && exists("C:\\moved.txt"), "renamed");
	CHECK(DeleteFileA("C:\\moved.txt"), "cleanup: %lu", GetLastError());
}

static void duplicates_share_one_object(void)
{
	HANDLE a = op(GENERIC_READ | GENERIC_WRITE, 0, CREATE_NEW, 0), b;
	char buf[8] = { 0 };
	DWORD n;

	CHECK(DuplicateHandle(GetCurrentProcess(), a, GetCurrentProcess(), &b, 0, FALSE,
			      DUPLICATE_SAME_ACCESS), "DuplicateHandle: %lu", GetLastError());
	WriteFile(a, "abcdef", 6, &n, NULL);
	CHECK(SetFilePointer(b, 0, NULL, FILE_CURRENT) == 6, "a duplicate shares the pointer");
	SetFilePointer(b, 1, NULL, FILE_BEGIN);
	CHECK(ReadFile(a, buf, 2, &n, NULL) && n == 2 && strcmp(buf, "bc") == 0,
	      "moved through the other handle: %s", buf);
	CloseHandle(a);
	CHECK(op(GENERIC_READ, ALL, OPEN_EXISTING, 0) == INVALID_HANDLE_VALUE &&
	      GetLastError() == ERROR_SHARING_VIOLATION, "the duplicate keeps the share access");
	CloseHandle(b);
	a = op(GENERIC_READ, 0, OPEN_EXISTING, 0);
	CHECK(a != INVALID_HANDLE_VALUE && GetFileSize(a, NULL) == 6,
	      "closing kept the data: %lu", GetFileSize(a, NULL));
	CloseHandle(a);
	DeleteFileA(F);
}

int main(void)
{
	DeleteFileA(F);
	share_modes();
	delete_on_close();
	delete_pending();
	duplicates_share_one_object();
	printf("file-sharing: %d failures\n", failures);
	return failures != 0;
}
