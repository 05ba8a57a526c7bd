/* Documented edges of the file, path, environment and command-line calls
 * that the older file tests leave out, each as Microsoft documents it (and
 * Windows does): CreateFileA's CREATE_ALWAYS and TRUNCATE_EXISTING over a
 * hidden file, bad dispositions, a name with a trailing backslash or a
 * wildcard, FILE_FLAG_DELETE_ON_CLOSE (delete pending, sharing), new
 * read-only files; WriteFile at offset 0xFFFFFFFF:0xFFFFFFFF (the end),
 * FILE_APPEND_DATA alone, zero-length writes, SetFilePointer's high part and
 * ERROR_NEGATIVE_SEEK, SetEndOfFile's zero fill; FILE_FLAG_NO_BUFFERING's
 * whole sectors; LockFile(Ex) ranges, shared locks and unlock errors;
 * GetFileInformationByHandleEx's sizes and ERROR_MORE_DATA;
 * SetFileInformationByHandle's rename to a Win32 path, basic and allocation
 * information; directory listings by handle; GetFullPathNameA's relative forms; GetTempFileNameA's names
 * and ERROR_DIRECTORY; GetEnvironmentVariableA's sizes and
 * ExpandEnvironmentStringsA's unknown names; CommandLineToArgvW's program
 * name (shell32's rule, not the C runtime's); the C runtime's errno values;
 * directory, move, copy and find refusals. Last line: "conform2-files-edges:
 * N failures". Runs on C:. */
#include <string.h>
#include <stdlib.h>
#include <stdio.h>
#include <errno.h>
#include <fcntl.h>
#include <io.h>
#include <windows.h>
#include <shellapi.h>
#include <wchar.h>

#define TEST_NAME "conform2-files-edges"
#include "check.h"

#define D "C:\\C2F"

static void put(const char *p, const char *s)
{
	HANDLE h = CreateFileA(p, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
	DWORD n;
	CHECK(h != INVALID_HANDLE_VALUE, "%s %lu", p, GetLastError());
	WriteFile(h, s, strlen(s), &n, NULL);
	CloseHandle(h);
}

static void create(void)
{
	HANDLE h;
	DWORD n;
	char buf[16];
	put(D "\\h.txt", "x");
	SetFileAttributesA(D "\\h.txt", FILE_ATTRIBUTE_HIDDEN);
	h = CreateFileA(D "\\h.txt", GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
	CHECK(h == INVALID_HANDLE_VALUE && GetLastError() == ERROR_ACCESS_DENIED, "hidden create_always %lu", GetLastError());
	if (h != INVALID_HANDLE_VALUE) CloseHandle(h);
	h = CreateFileA(D "\\h.txt", GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_HIDDEN, NULL);
	CHECK(h != INVALID_HANDLE_VALUE && GetLastError() == ERROR_ALREADY_EXISTS, "hidden create_always w/ hidden %lu", GetLastError());
	CloseHandle(h);
	CHECK(GetFileAttributesA(D "\\h.txt") == (FILE_ATTRIBUTE_HIDDEN|FILE_ATTRIBUTE_ARCHIVE), "attrs %lx", GetFileAttributesA(D "\\h.txt"));
	h = CreateFileA(D "\\h.txt", GENERIC_WRITE, 0, NULL, TRUNCATE_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
	CHECK(h == INVALID_HANDLE_VALUE && GetLastError() == ERROR_ACCESS_DENIED, "hidden truncate %lu", GetLastError());
	if (h != INVALID_HANDLE_VALUE) CloseHandle(h);
	SetFileAttributesA(D "\\h.txt", FILE_ATTRIBUTE_NORMAL);
	h = CreateFileA(D "\\h.txt", GENERIC_READ, 0, NULL, TRUNCATE_EXISTING, 0, NULL);
	CHECK(h == INVALID_HANDLE_VALUE && GetLastError() == ERROR_INVALID_PARAMETER, "truncate ro %lu", GetLastError());
	if (h != INVALID_HANDLE_VALUE) CloseHandle(h);
	h = CreateFileA(D "\\h.txt\\", GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL);
	CHECK(h == INVALID_HANDLE_VALUE && GetLastError() == ERROR_INVALID_NAME, "trailing bs %lu", GetLastError());
	if (h != INVALID_HANDLE_VALUE) CloseHandle(h);
	h = CreateFileA(D "\\h.txt", GENERIC_READ, 0, NULL, 0, 0, NULL);
	CHECK(h == INVALID_HANDLE_VALUE && GetLastError() == ERROR_INVALID_PARAMETER, "disp 0 %lu", GetLastError());
	h = CreateFileA(D "\\h.txt", GENERIC_READ, 0, NULL, 6, 0, NULL);
	CHECK(h == INVALID_HANDLE_VALUE && GetLastError() == ERROR_INVALID_PARAMETER, "disp 6 %lu", GetLastError());
	h = CreateFileA("", GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL);
	CHECK(h == INVALID_HANDLE_VALUE && GetLastError() == ERROR_PATH_NOT_FOUND, "empty %lu", GetLastError());
	/* delete on close */
	h = CreateFileA(D "\\doc.txt", GENERIC_WRITE, FILE_SHARE_DELETE|FILE_SHARE_READ, NULL, CREATE_ALWAYS, FILE_FLAG_DELETE_ON_CLOSE, NULL);
	CHECK(h != INVALID_HANDLE_VALUE, "doc %lu", GetLastError());
	WriteFile(h, "abc", 3, &n, NULL);
	{
		HANDLE h2 = CreateFileA(D "\\doc.txt", GENERIC_READ, FILE_SHARE_READ|FILE_SHARE_WRITE|FILE_SHARE_DELETE, NULL, OPEN_EXISTING, 0, NULL);
		CHECK(h2 != INVALID_HANDLE_VALUE, "doc open2 %lu", GetLastError());
		CloseHandle(h);
		CHECK(ReadFile(h2, buf, 3, &n, NULL) && n == 3, "doc read %lu", n);
		h = CreateFileA(D "\\doc.txt", GENERIC_READ, FILE_SHARE_READ|FILE_SHARE_WRITE|FILE_SHARE_DELETE, NULL, OPEN_EXISTING, 0, NULL);
		CHECK(h == INVALID_HANDLE_VALUE && GetLastError() == ERROR_ACCESS_DENIED, "delete pending open %lu", GetLastError());
		CloseHandle(h2);
	}
	CHECK(GetFileAttributesA(D "\\doc.txt") == INVALID_FILE_ATTRIBUTES && GetLastError() == ERROR_FILE_NOT_FOUND, "doc gone %lu", GetLastError());
	/* delete on close without share delete for a second opener */
	h = CreateFileA(D "\\doc2.txt", GENERIC_WRITE, FILE_SHARE_READ, NULL, CREATE_ALWAYS, FILE_FLAG_DELETE_ON_CLOSE, NULL);
	{
		HANDLE h2 = CreateFileA(D "\\doc2.txt", GENERIC_READ, FILE_SHARE_READ|FILE_SHARE_WRITE, NULL, OPEN_EXISTING, 0, NULL);
		CHECK(h2 == INVALID_HANDLE_VALUE && GetLastError() == ERROR_SHARING_VIOLATION, "doc2 %lu", GetLastError());
		if (h2 != INVALID_HANDLE_VALUE) CloseHandle(h2);
	}
	CloseHandle(h);
	/* directory */
	h = CreateFileA(D, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
	CHECK(h == INVALID_HANDLE_VALUE && GetLastError() == ERROR_ACCESS_DENIED, "dir nobackup %lu", GetLastError());
	h = CreateFileA(D "\\newdir", GENERIC_WRITE, 0, NULL, CREATE_NEW, FILE_FLAG_BACKUP_SEMANTICS|FILE_ATTRIBUTE_DIRECTORY, NULL);
	CHECK(h != INVALID_HANDLE_VALUE, "create dir flag %lu", GetLastError());
	CloseHandle(h);
	CHECK(GetFileAttributesA(D "\\newdir") == FILE_ATTRIBUTE_ARCHIVE, "newdir is file attrs %lx", GetFileAttributesA(D "\\newdir"));
	DeleteFileA(D "\\newdir");
	/* readonly attribute on create */
	h = CreateFileA(D "\\ro.txt", GENERIC_WRITE, 0, NULL, CREATE_NEW, FILE_ATTRIBUTE_READONLY, NULL);
	CHECK(h != INVALID_HANDLE_VALUE, "ro create %lu", GetLastError());
	CHECK(WriteFile(h, "ab", 2, &n, NULL) && n == 2, "write new ro %lu", GetLastError());
	CloseHandle(h);
	h = CreateFileA(D "\\ro.txt", GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
	CHECK(h == INVALID_HANDLE_VALUE && GetLastError() == ERROR_ACCESS_DENIED, "ro open w %lu", GetLastError());
	FAILS(DeleteFileA(D "\\ro.txt"), FALSE, ERROR_ACCESS_DENIED);
	SetFileAttributesA(D "\\ro.txt", FILE_ATTRIBUTE_NORMAL);
	CHECK(DeleteFileA(D "\\ro.txt"), "del %lu", GetLastError());
	/* open_always last error */
	SetLastError(77);
	h = CreateFileA(D "\\oa.txt", GENERIC_WRITE, 0, NULL, OPEN_ALWAYS, 0, NULL);
	CHECK(h != INVALID_HANDLE_VALUE && GetLastError() == 0, "oa new %lu", GetLastError());
	CloseHandle(h);
	h = CreateFileA(D "\\oa.txt", GENERIC_WRITE, 0, NULL, OPEN_ALWAYS, 0, NULL);
	CHECK(h != INVALID_HANDLE_VALUE && GetLastError() == ERROR_ALREADY_EXISTS, "oa exist %lu", GetLastError());
	CloseHandle(h);
	FAILS(CreateFileA(D "\\oa.txt", GENERIC_WRITE, 0, NULL, CREATE_NEW, 0, NULL), INVALID_HANDLE_VALUE, ERROR_FILE_EXISTS);
	FAILS(CreateFileA(D "\\nodir\\x.txt", GENERIC_WRITE, 0, NULL, CREATE_NEW, 0, NULL), INVALID_HANDLE_VALUE, ERROR_PATH_NOT_FOUND);
	FAILS(CreateFileA(D "\\a*b.txt", GENERIC_WRITE, 0, NULL, CREATE_NEW, 0, NULL), INVALID_HANDLE_VALUE, ERROR_INVALID_NAME);
	FAILS(CreateFileA(D "\\a?b.txt", GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL), INVALID_HANDLE_VALUE, ERROR_INVALID_NAME);
}

static void transfers(void)
{
	HANDLE h;
	DWORD n;
	char buf[32];
	OVERLAPPED ov;
	LARGE_INTEGER li, pos;
	put(D "\\t.txt", "0123456789");
	h = CreateFileA(D "\\t.txt", GENERIC_READ|GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
	memset(&ov, 0, sizeof ov); ov.Offset = 4;
	CHECK(WriteFile(h, "AB", 2, &n, &ov) && n == 2, "ov write");
	CHECK(SetFilePointer(h, 0, NULL, FILE_CURRENT) == 6, "ptr after ov write %lu", SetFilePointer(h, 0, NULL, FILE_CURRENT));
	memset(&ov, 0, sizeof ov); ov.Offset = 0xFFFFFFFF; ov.OffsetHigh = 0xFFFFFFFF;
	CHECK(WriteFile(h, "Z", 1, &n, &ov) && n == 1, "eof write %lu", GetLastError());
	CHECK(GetFileSize(h, NULL) == 11, "size %lu", GetFileSize(h, NULL));
	memset(&ov, 0, sizeof ov); ov.Offset = 100;
	SetLastError(0);
	CHECK(!ReadFile(h, buf, 4, &n, &ov) && GetLastError() == ERROR_HANDLE_EOF && n == 0, "read past eof %lu", GetLastError());
	CHECK(SetFilePointer(h, 0, NULL, FILE_BEGIN) == 0, "sfp");
	CHECK(WriteFile(h, "", 0, &n, NULL) && n == 0, "zero write");
	CHECK(GetFileSize(h, NULL) == 11, "zero write kept size");
	SetFilePointer(h, 100, NULL, FILE_BEGIN);
	CHECK(ReadFile(h, buf, 4, &n, NULL) && n == 0, "read past eof sync no ov");
	FAILS(SetFilePointer(h, -200, NULL, FILE_CURRENT), INVALID_SET_FILE_POINTER, ERROR_NEGATIVE_SEEK);
	CHECK(SetFilePointer(h, 0, NULL, FILE_CURRENT) == 100, "pointer kept after neg seek");
	FAILS(SetFilePointer(h, 0, NULL, 3), INVALID_SET_FILE_POINTER, ERROR_INVALID_PARAMETER);
	li.QuadPart = 0x100000000LL;
	CHECK(SetFilePointerEx(h, li, &pos, FILE_BEGIN) && pos.QuadPart == 0x100000000LL, "ex 4G");
	{
		LONG hi = 0;
		CHECK(SetFilePointer(h, 0, &hi, FILE_CURRENT) == 0 && hi == 1, "hi %ld", hi);
		hi = 1;
		SetLastError(5);
		CHECK(SetFilePointer(h, -1, &hi, FILE_BEGIN) == INVALID_SET_FILE_POINTER && hi == 1 && GetLastError() == 0, "hi %ld le %lu", hi, GetLastError());
		FAILS(SetFilePointer(h, 0, NULL, FILE_CURRENT), INVALID_SET_FILE_POINTER, ERROR_INVALID_PARAMETER);
	}
	SetFilePointer(h, 0, NULL, FILE_BEGIN);
	li.QuadPart = 0;
	CHECK(GetFileSizeEx(h, &li) && li.QuadPart == 11, "sizeex");
	SetFilePointer(h, 20, NULL, FILE_BEGIN);
	CHECK(SetEndOfFile(h) && GetFileSize(h, NULL) == 20, "extend");
	CHECK(SetFilePointer(h, 0, NULL, FILE_CURRENT) == 20, "ptr after seteof");
	SetFilePointer(h, 0, NULL, FILE_BEGIN);
	CHECK(ReadFile(h, buf, 20, &n, NULL) && n == 20 && buf[12] == 0 && buf[19] == 0, "zero filled");
	CloseHandle(h);
	h = CreateFileA(D "\\t.txt", GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
	FAILS(SetEndOfFile(h), FALSE, ERROR_ACCESS_DENIED);
	FAILS(WriteFile(h, "x", 1, &n, NULL), FALSE, ERROR_ACCESS_DENIED);
	CloseHandle(h);
	h = CreateFileA(D "\\t.txt", GENERIC_WRITE, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
	FAILS(ReadFile(h, buf, 1, &n, NULL), FALSE, ERROR_ACCESS_DENIED);
	CloseHandle(h);
	/* append only */
	h = CreateFileA(D "\\t.txt", FILE_APPEND_DATA, 0, NULL, OPEN_EXISTING, 0, NULL);
	CHECK(h != INVALID_HANDLE_VALUE, "append open %lu", GetLastError());
	SetFilePointer(h, 0, NULL, FILE_BEGIN);
	CHECK(WriteFile(h, "QQ", 2, &n, NULL) && n == 2, "append write %lu", GetLastError());
	CloseHandle(h);
	h = CreateFileA(D "\\t.txt", GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL);
	CHECK(GetFileSize(h, NULL) == 22, "append size %lu", GetFileSize(h, NULL));
	ReadFile(h, buf, 22, &n, NULL);
	CHECK(buf[0] == '0' && buf[20] == 'Q', "append at end %c %c", buf[0], buf[20]);
	CloseHandle(h);
}

/* FILE_FLAG_NO_BUFFERING: whole sectors (512 bytes on vados's FAT) at
 * sector offsets, else ERROR_INVALID_PARAMETER; a read may end short at the
 * end of the file. */
static void unbuffered(void)
{
	static char sector[1024] __attribute__((aligned(512)));
	HANDLE h = CreateFileA(D "\\nb.bin", GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS,
			       FILE_FLAG_NO_BUFFERING, NULL);
	OVERLAPPED ov;
	DWORD n;

	CHECK(h != INVALID_HANDLE_VALUE, "open %lu", GetLastError());
	memset(sector, 'u', sizeof(sector));
	FAILS(WriteFile(h, sector, 100, &n, NULL), FALSE, ERROR_INVALID_PARAMETER);
	CHECK(GetFileSize(h, NULL) == 0, "nothing written");
	CHECK(WriteFile(h, sector, 1024, &n, NULL) && n == 1024, "whole sectors %lu", GetLastError());
	SetFilePointer(h, 10, NULL, FILE_BEGIN);
	FAILS(ReadFile(h, sector, 512, &n, NULL), FALSE, ERROR_INVALID_PARAMETER);
	memset(&ov, 0, sizeof(ov));
	ov.Offset = 512;
	CHECK(ReadFile(h, sector, 512, &n, &ov) && n == 512, "at a sector %lu", GetLastError());
	ov.Offset = 100;
	FAILS(ReadFile(h, sector, 512, &n, &ov), FALSE, ERROR_INVALID_PARAMETER);
	SetFilePointer(h, 700, NULL, FILE_BEGIN);
	CHECK(SetEndOfFile(h), "any size %lu", GetLastError());
	ov.Offset = 512;
	CHECK(ReadFile(h, sector, 1024, &n, &ov) && n == 188, "short at the end: %lu", n);
	CloseHandle(h);
	CHECK(DeleteFileA(D "\\nb.bin"), "delete");
}

static void locks(void)
{
	HANDLE h = CreateFileA(D "\\t.txt", GENERIC_READ|GENERIC_WRITE, FILE_SHARE_READ|FILE_SHARE_WRITE, NULL, OPEN_EXISTING, 0, NULL);
	HANDLE h2 = CreateFileA(D "\\t.txt", GENERIC_READ|GENERIC_WRITE, FILE_SHARE_READ|FILE_SHARE_WRITE, NULL, OPEN_EXISTING, 0, NULL);
	OVERLAPPED ov;
	DWORD n;
	char c;
	CHECK(LockFile(h, 2, 0, 4, 0), "lock");
	FAILS(LockFile(h, 3, 0, 1, 0), FALSE, ERROR_LOCK_VIOLATION);
	FAILS(UnlockFile(h, 2, 0, 3, 0), FALSE, ERROR_NOT_LOCKED);
	FAILS(UnlockFile(h2, 2, 0, 4, 0), FALSE, ERROR_NOT_LOCKED);
	SetFilePointer(h2, 3, NULL, FILE_BEGIN);
	FAILS(ReadFile(h2, &c, 1, &n, NULL), FALSE, ERROR_LOCK_VIOLATION);
	SetFilePointer(h, 3, NULL, FILE_BEGIN);
	CHECK(ReadFile(h, &c, 1, &n, NULL) && n == 1, "owner read");
	CHECK(LockFile(h, 1000, 0, 10, 0), "lock beyond eof");
	CHECK(UnlockFile(h, 1000, 0, 10, 0), "unlock beyond");
	CHECK(UnlockFile(h, 2, 0, 4, 0), "unlock");
	memset(&ov, 0, sizeof ov); ov.Offset = 5;
	CHECK(LockFileEx(h, LOCKFILE_EXCLUSIVE_LOCK, 0, 1, 0, &ov), "lockex");
	FAILS(LockFileEx(h2, LOCKFILE_EXCLUSIVE_LOCK|LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, &ov), FALSE, ERROR_LOCK_VIOLATION);
	CHECK(UnlockFileEx(h, 0, 1, 0, &ov), "unlockex");
	CHECK(LockFileEx(h, 0, 0, 1, 0, &ov), "shared");
	CHECK(LockFileEx(h2, LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, &ov), "shared 2 %lu", GetLastError());
	SetFilePointer(h, 5, NULL, FILE_BEGIN);
	FAILS(WriteFile(h, "x", 1, &n, NULL), FALSE, ERROR_LOCK_VIOLATION);
	CHECK(ReadFile(h, &c, 1, &n, NULL), "shared read");
	UnlockFileEx(h, 0, 1, 0, &ov);
	UnlockFileEx(h2, 0, 1, 0, &ov);
	CHECK(LockFile(h, 0, 0, 0, 0), "zero lock %lu", GetLastError());
	CloseHandle(h);
	CloseHandle(h2);
}

static void info(void)
{
	HANDLE h = CreateFileA(D "\\t.txt", GENERIC_READ|GENERIC_WRITE|DELETE, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
	BY_HANDLE_FILE_INFORMATION bi;
	FILE_STANDARD_INFO si;
	char nb[256];
	FILE_NAME_INFO *ni = (FILE_NAME_INFO *)nb;
	FILE_END_OF_FILE_INFO eof;
	CHECK(GetFileInformationByHandle(h, &bi), "gfibh");
	CHECK(bi.nNumberOfLinks == 1 && bi.nFileSizeLow == 22, "links %lu size %lu", bi.nNumberOfLinks, bi.nFileSizeLow);
	CHECK(GetFileInformationByHandleEx(h, FileStandardInfo, &si, sizeof si), "std %lu", GetLastError());
	CHECK(si.EndOfFile.QuadPart == 22 && !si.Directory && !si.DeletePending && si.NumberOfLinks == 1, "std fields");
	FAILS(GetFileInformationByHandleEx(h, FileStandardInfo, &si, sizeof si - 1), FALSE, ERROR_BAD_LENGTH);
	CHECK(GetFileInformationByHandleEx(h, FileNameInfo, ni, sizeof nb), "name %lu", GetLastError());
	CHECK(ni->FileNameLength == 2 * strlen("\\C2F\\t.txt"), "name len %lu", ni->FileNameLength);
	CHECK(ni->FileName[0] == L'\\' && ni->FileName[1] == L'C', "name start");
	SetLastError(0);
	CHECK(!GetFileInformationByHandleEx(h, FileNameInfo, ni, 8) && GetLastError() == ERROR_MORE_DATA && ni->FileNameLength == 20, "name small %lu %lu", GetLastError(), ni->FileNameLength);
	eof.EndOfFile.QuadPart = 5;
	CHECK(SetFileInformationByHandle(h, FileEndOfFileInfo, &eof, sizeof eof), "seteof %lu", GetLastError());
	CHECK(GetFileSize(h, NULL) == 5, "size5");
	CloseHandle(h);
}

/* FILE_RENAME_INFO with a Win32 path (its page allows absolute ones and
 * ones relative to the current directory), ReplaceIfExists, then
 * FileBasicInfo's attributes and FileAllocationInfo's truncation. */
static void set_information(void)
{
	static const WCHAR target[] = L"C:\\C2F\\b.txt";
	union {
		FILE_RENAME_INFO r;
		char bytes[64];
	} buf = { 0 };
	FILE_BASIC_INFO bi;
	FILE_ALLOCATION_INFO ai;
	HANDLE h;

	put(D "\\a.txt", "hello");
	put(D "\\b.txt", "bb");
	h = CreateFileA(D "\\a.txt", GENERIC_READ | GENERIC_WRITE | DELETE, 0, NULL, OPEN_EXISTING,
			0, NULL);
	buf.r.FileNameLength = sizeof(target) - sizeof(WCHAR);
	memcpy(buf.r.FileName, target, sizeof(target));
	FAILS(SetFileInformationByHandle(h, FileRenameInfo, &buf, sizeof(buf)), FALSE,
	      ERROR_ALREADY_EXISTS);
	buf.r.ReplaceIfExists = TRUE;
	CHECK(SetFileInformationByHandle(h, FileRenameInfo, &buf, sizeof(buf)), "rename %lu",
	      GetLastError());
	CHECK(GetFileAttributesA(D "\\a.txt") == INVALID_FILE_ATTRIBUTES, "the old name went");
	FAILS(GetFileInformationByHandleEx(h, FileBasicInfo, &bi, sizeof(bi) - 1), FALSE,
	      ERROR_BAD_LENGTH);
	CHECK(GetFileInformationByHandleEx(h, FileBasicInfo, &bi, sizeof(bi)), "basic");
	bi.FileAttributes = FILE_ATTRIBUTE_HIDDEN;
	bi.CreationTime.QuadPart = bi.LastAccessTime.QuadPart = bi.ChangeTime.QuadPart = 0;
	bi.LastWriteTime.QuadPart = -1;
	CHECK(SetFileInformationByHandle(h, FileBasicInfo, &bi, sizeof(bi)), "set basic");
	CHECK(GetFileAttributesA(D "\\b.txt") == FILE_ATTRIBUTE_HIDDEN, "attributes %lx",
	      GetFileAttributesA(D "\\b.txt"));
	ai.AllocationSize.QuadPart = 2;
	CHECK(SetFileInformationByHandle(h, FileAllocationInfo, &ai, sizeof(ai)) &&
	      GetFileSize(h, NULL) == 2, "an allocation below the size truncates");
	ai.AllocationSize.QuadPart = 10000;
	CHECK(SetFileInformationByHandle(h, FileAllocationInfo, &ai, sizeof(ai)) &&
	      GetFileSize(h, NULL) == 2, "one above keeps the size");
	CloseHandle(h);
	SetFileAttributesA(D "\\b.txt", FILE_ATTRIBUTE_NORMAL);
}

/* GetFileInformationByHandleEx's directory listings: ".", "..", then the
 * entries, 8-byte aligned and chained, across calls; the Restart class
 * starts over; ERROR_NO_MORE_FILES at the end, ERROR_MORE_DATA when the
 * next entry does not fit, ERROR_BAD_LENGTH below the structure's size. */
static void listing(void)
{
	static BYTE buf[4096] __attribute__((aligned(8)));
	HANDLE h = CreateFileA(D "\\LIST", GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL,
			       OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, NULL);
	FILE_ID_BOTH_DIR_INFO *e = (FILE_ID_BOTH_DIR_INFO *)buf;
	FILE_FULL_DIR_INFO *f = (FILE_FULL_DIR_INFO *)buf;
	DWORD per_cluster, per_sector, free_clusters, clusters, cluster;
	int seen = 0;

	GetDiskFreeSpaceA("C:\\", &per_cluster, &per_sector, &free_clusters, &clusters);
	cluster = per_cluster * per_sector;

	CHECK(h != INVALID_HANDLE_VALUE, "open %lu", GetLastError());
	CHECK(GetFileInformationByHandleEx(h, FileIdBothDirectoryInfo, buf, sizeof(buf)), "list %lu",
	      GetLastError());
	CHECK(e->FileNameLength == 2 && e->FileName[0] == L'.' &&
	      (e->FileAttributes & FILE_ATTRIBUTE_DIRECTORY) && e->NextEntryOffset % 8 == 0,
	      "first \".\" %lu", e->FileNameLength);
	for (;; e = (FILE_ID_BOTH_DIR_INFO *)((BYTE *)e + e->NextEntryOffset)) {
		if (e->FileNameLength == 22 && !memcmp(e->FileName, L"Long Name.txt", 22))
			CHECK(0, "names are whole");
		if (e->FileNameLength == 26 && !memcmp(e->FileName, L"Long Name.txt", 26)) {
			seen |= 1;
			CHECK(e->EndOfFile.QuadPart == 5 && e->ShortNameLength == 24 &&
			      !memcmp(e->ShortName, L"LONGNA~1.TXT", 24) &&
			      e->AllocationSize.QuadPart == cluster, "long entry: allocation %lu",
			      (DWORD)e->AllocationSize.QuadPart);
		}
		if (e->FileNameLength == 10 && !memcmp(e->FileName, L"b.txt", 10)) {
			seen |= 2;
			CHECK(e->ShortNameLength == 0, "an 8.3 name has no short one");
		}
		if (!e->NextEntryOffset)
			break;
	}
	CHECK(seen == 3, "both files listed: %d", seen);
	FAILS(GetFileInformationByHandleEx(h, FileIdBothDirectoryInfo, buf, sizeof(buf)), FALSE,
	      ERROR_NO_MORE_FILES);
	FAILS(GetFileInformationByHandleEx(h, FileFullDirectoryRestartInfo, buf, 71), FALSE,
	      ERROR_BAD_LENGTH);
	CHECK(GetFileInformationByHandleEx(h, FileFullDirectoryRestartInfo, buf, 80) &&
	      f->FileNameLength == 2 && f->NextEntryOffset == 0, "one entry fits");
	CHECK(GetFileInformationByHandleEx(h, FileFullDirectoryInfo, buf, 80) &&
	      f->FileNameLength == 4 && f->FileName[1] == L'.', "then \"..\"");
	FAILS(GetFileInformationByHandleEx(h, FileFullDirectoryInfo, buf, 80), FALSE,
	      ERROR_MORE_DATA);
	CHECK(GetFileInformationByHandleEx(h, FileFullDirectoryInfo, buf, 200) &&
	      f->FileNameLength == 26, "the entry that did not fit comes next");
	CloseHandle(h);
	h = CreateFileA(D "\\LIST\\b.txt", GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL);
	FAILS(GetFileInformationByHandleEx(h, FileFullDirectoryInfo, buf, sizeof(buf)), FALSE,
	      ERROR_INVALID_PARAMETER);
	CloseHandle(h);
}

static void paths(void)
{
	char buf[MAX_PATH], *part;
	DWORD n;
	SetCurrentDirectoryA(D);
	n = GetFullPathNameA("a/b\\..\\c.txt", MAX_PATH, buf, &part);
	CHECK(n == strlen(D "\\a\\c.txt") && !strcmp(buf, D "\\a\\c.txt") && part && !strcmp(part, "c.txt"), "%lu %s", n, buf);
	n = GetFullPathNameA("C:\\..\\..\\x", MAX_PATH, buf, &part);
	CHECK(!strcmp(buf, "C:\\x"), "%s", buf);
	n = GetFullPathNameA("x\\", MAX_PATH, buf, &part);
	CHECK(!strcmp(buf, D "\\x\\") && part == NULL, "%s part %p", buf, part);
	n = GetFullPathNameA("abc.txt", 5, buf, &part);
	CHECK(n == strlen(D "\\abc.txt") + 1, "small %lu", n);
	n = GetFullPathNameA("C:x.txt", MAX_PATH, buf, NULL);
	CHECK(!strcmp(buf, D "\\x.txt"), "drive rel %s", buf);
	n = GetFullPathNameA("\\y", MAX_PATH, buf, NULL);
	CHECK(!strcmp(buf, "C:\\y"), "root rel %s", buf);
	n = GetFullPathNameA("a. . .", MAX_PATH, buf, NULL);
	CHECK(!strcmp(buf, D "\\a"), "dots %s", buf);
	n = GetFullPathNameA(".", MAX_PATH, buf, NULL);
	CHECK(!strcmp(buf, D), "dot %s", buf);
	n = GetFullPathNameA("C:", MAX_PATH, buf, NULL);
	CHECK(!strcmp(buf, D), "C: %s", buf);
	/* long / short */
	FAILS(GetLongPathNameA(D "\\nonexist.txt", buf, MAX_PATH), 0, ERROR_FILE_NOT_FOUND);
	n = GetLongPathNameA(D "\\t.txt", buf, 3);
	CHECK(n == strlen(D "\\t.txt") + 1, "long small %lu", n);
	n = GetShortPathNameA(D "\\t.txt", buf, MAX_PATH);
	CHECK(n == strlen(D "\\T.TXT") || n == strlen(D "\\t.txt"), "short %lu %s", n, buf);
	/* temp file names */
	n = GetTempFileNameA(D, "abcdef", 0x1234, buf);
	CHECK(n == 0x1234 && !strcmp(buf, D "\\abc1234.tmp"), "tmp %lu %s", n, buf);
	CHECK(GetFileAttributesA(buf) == INVALID_FILE_ATTRIBUTES, "uunique doesn't create");
	n = GetTempFileNameA(D, "q", 0, buf);
	CHECK(n != 0 && GetFileAttributesA(buf) != INVALID_FILE_ATTRIBUTES, "tmp0 %s", buf);
	DeleteFileA(buf);
	FAILS(GetTempFileNameA(D "\\nodir", "q", 0, buf), 0, ERROR_DIRECTORY);
	n = GetTempFileNameA(D, "", 0xABCDEF12, buf);
	CHECK(n == 0xEF12 && !strcmp(buf, D "\\EF12.tmp"), "tmp16 %lu %s", n, buf);
	SetCurrentDirectoryA("C:\\");
}

static void env(void)
{
	char buf[64];
	DWORD n;
	SetEnvironmentVariableA("C2FVAR", "hello");
	n = GetEnvironmentVariableA("C2FVAR", buf, 3);
	CHECK(n == 6, "small %lu", n);
	n = GetEnvironmentVariableA("c2fvar", buf, 6);
	CHECK(n == 5 && !strcmp(buf, "hello"), "exact %lu", n);
	FAILS(GetEnvironmentVariableA("C2FNONE", buf, 64), 0, ERROR_ENVVAR_NOT_FOUND);
	SetEnvironmentVariableA("C2FEMPTY", "");
	SetLastError(0xdead);
	n = GetEnvironmentVariableA("C2FEMPTY", buf, 64);
	CHECK(n == 0 && GetLastError() != ERROR_ENVVAR_NOT_FOUND && buf[0] == 0, "empty %lu %lu", n, GetLastError());
	FAILS(SetEnvironmentVariableA("A=B", "x"), FALSE, ERROR_INVALID_PARAMETER);
	FAILS(SetEnvironmentVariableA("", "x"), FALSE, ERROR_INVALID_PARAMETER);
	n = ExpandEnvironmentStringsA("<%C2FVAR%|%C2FNONE%|%|%%>", buf, 64);
	CHECK(n == strlen("<hello|%C2FNONE%|%|%%>") + 1 && !strcmp(buf, "<hello|%C2FNONE%|%|%%>"), "expand %lu %s", n, buf);
	n = ExpandEnvironmentStringsA("%C2FVAR%", buf, 2);
	CHECK(n == 6, "expand small %lu", n);
	CHECK(SetEnvironmentVariableA("C2FVAR", NULL), "delete");
	FAILS(GetEnvironmentVariableA("C2FVAR", buf, 64), 0, ERROR_ENVVAR_NOT_FOUND);
}

static int argv_is(const wchar_t *cmd, int want, const wchar_t *const *args)
{
	int n, i, ok;
	LPWSTR *v = CommandLineToArgvW(cmd, &n);
	if (!v) return 0;
	ok = n == want;
	for (i = 0; ok && i < n; i++)
		ok = !wcscmp(v[i], args[i]);
	if (!ok) { printf("argv n=%d:", n); for (i = 0; i < n; i++) printf(" [%ls]", v[i]); printf("\n"); }
	LocalFree(v);
	return ok;
}

static void argv(void)
{
	static const wchar_t *const a1[] = { L"prog", L"a b", L"c\"d", L"e\\\\f" };
	static const wchar_t *const a2[] = { L"C:\\x y\\p.exe", L"a\\\"b", L"\\\\" };
	static const wchar_t *const a3[] = { L"p\\\"q", L"x" };
	static const wchar_t *const a4[] = { L"p", L"a\"b c" };
	static const wchar_t *const a5[] = { L"p", L"", L"x" };
	static const wchar_t *const a6[] = { L"", L"x" };
	CHECK(argv_is(L"prog \"a b\" c\\\"d e\\\\f", 4, a1), "a1");
	CHECK(argv_is(L"\"C:\\x y\\p.exe\" a\\\\\\\"b \"\\\\\\\\\"", 3, a2), "a2");
	CHECK(argv_is(L"p\\\"q x", 2, a3), "a3 program name");
	CHECK(argv_is(L"p \"a\"\"b c\"", 2, a4), "a4 doubled quote");
	CHECK(argv_is(L"p \"\" x", 3, a5), "a5 empty");
	CHECK(argv_is(L"\"\" x", 2, a6), "a6");
	{
		int n = -1;
		LPWSTR *v = CommandLineToArgvW(L"", &n);
		CHECK(v && n == 1, "empty cmd n=%d", n);
		LocalFree(v);
	}
	FAILS(CommandLineToArgvW(L"x", NULL), NULL, ERROR_INVALID_PARAMETER);
}

static void crt(void)
{
	FILE *f;
	int fd;
	char buf[16];
	errno = 0;
	CHECK(fopen(D "\\nope.txt", "r+") == NULL && errno == ENOENT, "r+ errno %d", errno);
	f = fopen(D "\\wx.txt", "wx");
	CHECK(f != NULL, "wx new");
	if (f) fclose(f);
	errno = 0;
	CHECK(fopen(D "\\wx.txt", "wx") == NULL && errno == EEXIST, "wx exist %d", errno);
	f = fopen(D "\\wx.txt", "w");
	fputs("hello", f);
	fclose(f);
	f = fopen(D "\\wx.txt", "a+");
	fseek(f, 0, SEEK_SET);
	CHECK(fgetc(f) == 'h', "a+ read from start");
	fseek(f, 0, SEEK_SET);
	fputs("X", f);
	fclose(f);
	f = fopen(D "\\wx.txt", "rb");
	CHECK(fread(buf, 1, 16, f) == 6 && buf[5] == 'X' && buf[0] == 'h', "append wrote at end");
	fclose(f);
	errno = 0;
	fd = _open(D "\\wx.txt", _O_CREAT | _O_EXCL | _O_WRONLY, 0666);
	CHECK(fd == -1 && errno == EEXIST, "excl %d", errno);
	errno = 0;
	fd = _open(D, _O_RDONLY);
	CHECK(fd == -1 && errno == EACCES, "dir open %d", errno);
	errno = 0;
	fd = _open(D "\\nodir\\x", _O_RDONLY);
	CHECK(fd == -1 && errno == ENOENT, "nodir %d", errno);
	fd = _open(D "\\wx.txt", _O_RDONLY);
	errno = 0;
	CHECK(_write(fd, "x", 1) == -1 && errno == EBADF, "write ro fd %d", errno);
	_close(fd);
	errno = 0;
	CHECK(remove(D "\\nope.txt") == -1 && errno == ENOENT, "remove %d", errno);
	errno = 0;
	CHECK(rename(D "\\nope.txt", D "\\nope2.txt") == -1 && errno == ENOENT, "rename %d", errno);
	put(D "\\r2.txt", "a");
	errno = 0;
	CHECK(rename(D "\\wx.txt", D "\\r2.txt") == -1 && errno == EEXIST, "rename exists %d", errno);
}

static void dirs(void)
{
	FAILS(CreateDirectoryA(D, NULL), FALSE, ERROR_ALREADY_EXISTS);
	FAILS(CreateDirectoryA(D "\\t.txt", NULL), FALSE, ERROR_ALREADY_EXISTS);
	FAILS(RemoveDirectoryA(D), FALSE, ERROR_DIR_NOT_EMPTY);
	FAILS(RemoveDirectoryA(D "\\t.txt"), FALSE, ERROR_DIRECTORY);
	CreateDirectoryA(D "\\sub", NULL);
	FAILS(DeleteFileA(D "\\sub"), FALSE, ERROR_ACCESS_DENIED);
	FAILS(MoveFileExA(D "\\t.txt", D "\\sub", MOVEFILE_REPLACE_EXISTING), FALSE, ERROR_ACCESS_DENIED);
	FAILS(MoveFileExA(D "\\t.txt", D "\\r2.txt", 0), FALSE, ERROR_ALREADY_EXISTS);
	FAILS(MoveFileExA(D "\\nope", D "\\nope2", 0), FALSE, ERROR_FILE_NOT_FOUND);
	FAILS(CopyFileA(D "\\t.txt", D "\\r2.txt", TRUE), FALSE, ERROR_FILE_EXISTS);
	FAILS(CopyFileA(D "\\t.txt", D "\\t.txt", FALSE), FALSE, ERROR_SHARING_VIOLATION);
	FAILS(CopyFileA(D "\\nope", D "\\x.txt", FALSE), FALSE, ERROR_FILE_NOT_FOUND);
	SetFileAttributesA(D "\\r2.txt", FILE_ATTRIBUTE_READONLY);
	FAILS(CopyFileA(D "\\t.txt", D "\\r2.txt", FALSE), FALSE, ERROR_ACCESS_DENIED);
	SetFileAttributesA(D "\\r2.txt", FILE_ATTRIBUTE_NORMAL);
	SetFileAttributesA(D "\\t.txt", FILE_ATTRIBUTE_READONLY);
	CHECK(CopyFileA(D "\\t.txt", D "\\cp.txt", FALSE), "copy ro");
	CHECK(GetFileAttributesA(D "\\cp.txt") & FILE_ATTRIBUTE_READONLY, "copy kept ro %lx", GetFileAttributesA(D "\\cp.txt"));
	SetFileAttributesA(D "\\cp.txt", FILE_ATTRIBUTE_NORMAL);
	SetFileAttributesA(D "\\t.txt", FILE_ATTRIBUTE_NORMAL);
	CHECK(MoveFileExA(D "\\cp.txt", D "\\sub\\cp.txt", 0), "move into dir");
	FAILS(MoveFileExA(D "\\sub", D "\\sub\\inner", 0), FALSE, ERROR_SHARING_VIOLATION);
	{
		WIN32_FIND_DATAA fd;
		HANDLE f;
		FAILS(FindFirstFileA(D "\\nodir\\*", &fd), INVALID_HANDLE_VALUE, ERROR_PATH_NOT_FOUND);
		FAILS(FindFirstFileA(D "\\sub\\", &fd), INVALID_HANDLE_VALUE, ERROR_FILE_NOT_FOUND);
		FAILS(FindFirstFileA(D "\\sub\\zz*", &fd), INVALID_HANDLE_VALUE, ERROR_FILE_NOT_FOUND);
		f = FindFirstFileExA(D "\\*", FindExInfoBasic, &fd, FindExSearchLimitToDirectories, NULL, FIND_FIRST_EX_LARGE_FETCH);
		CHECK(f != INVALID_HANDLE_VALUE && fd.cAlternateFileName[0] == 0, "basic");
		FindClose(f);
		FAILS(FindFirstFileExA(D "\\*", FindExInfoStandard, &fd, FindExSearchNameMatch, NULL, 0x10), INVALID_HANDLE_VALUE, ERROR_INVALID_PARAMETER);
		FAILS(FindFirstFileExA(D "\\*", FindExInfoStandard, &fd, FindExSearchLimitToDevices, NULL, 0), INVALID_HANDLE_VALUE, ERROR_INVALID_PARAMETER);
		FAILS(FindFirstFileExA(D "\\*", FindExInfoStandard, &fd, FindExSearchNameMatch, &fd, 0), INVALID_HANDLE_VALUE, ERROR_INVALID_PARAMETER);
	}
	FAILS(CreateHardLinkA(D "\\hl.txt", D "\\sub", NULL), FALSE, ERROR_ACCESS_DENIED);
	FAILS(ReplaceFileA(D "\\nope", D "\\t.txt", NULL, 0, NULL, NULL), FALSE, ERROR_FILE_NOT_FOUND);
}

int main(void)
{
	CreateDirectoryA(D, NULL);
	create();
	transfers();
	unbuffered();
	locks();
	info();
	set_information();
	CreateDirectoryA(D "\\LIST", NULL);
	put(D "\\LIST\\Long Name.txt", "12345");
	put(D "\\LIST\\b.txt", "b");
	listing();
	paths();
	env();
	argv();
	crt();
	dirs();
	printf("conform2-files-edges: %d failures\n", failures);
	return failures != 0;
}
