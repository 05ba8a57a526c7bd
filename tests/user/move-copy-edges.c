/* MoveFileExA/W, CopyFileExA/W and CreateHardLinkA/W at their edges, on C:
 * and a second FAT volume D:: a target open by another handle
 * (ERROR_ACCESS_DENIED, both files unchanged), MOVEFILE_REPLACE_EXISTING
 * onto a directory (ERROR_ACCESS_DENIED), a directory moved into its own
 * subtree (refused, nothing moved), MOVEFILE_COPY_ALLOWED across volumes
 * (without it ERROR_NOT_SAME_DEVICE), MOVEFILE_WRITE_THROUGH,
 * MOVEFILE_DELAY_UNTIL_REBOOT without an administrator (ERROR_ACCESS_DENIED;
 * with COPY_ALLOWED ERROR_INVALID_PARAMETER), unknown flags; CopyFileEx with
 * no progress routine, COPY_FILE_FAIL_IF_EXISTS, a routine's calls and its
 * PROGRESS_CANCEL / STOP / QUIET answers and *pbCancel
 * (ERROR_REQUEST_ABORTED); ReplaceFile's merge, backup, refusals and
 * ERROR_UNABLE_TO_MOVE_REPLACEMENT; hard links on FAT
 * (ERROR_INVALID_FUNCTION).
 * Last line: "move-copy-edges: N failures". */
#include <string.h>
#include <windows.h>

#define TEST_NAME "move-copy-edges"
#include "check.h"

#define BIG (150 * 1024)                /* three of CopyFileEx's 64 KB chunks */

static void put(const char *path, const char *text, DWORD size)
{
	HANDLE h = CreateFileA(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
	DWORD n, i;
	char c;

	CHECK(h != INVALID_HANDLE_VALUE, "create %s: %lu", path, GetLastError());
	for (i = 0; i < size; i++) {
		c = text ? text[i] : (char)(i * 7);
		WriteFile(h, &c, 1, &n, NULL);
	}
	CloseHandle(h);
}

/* Whether path holds exactly size bytes of text (NULL: put's pattern). */
static BOOL holds(const char *path, const char *text, DWORD size)
{
	HANDLE h = CreateFileA(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
	static char buf[BIG + 1];
	DWORD n = 0, i;
	BOOL ok;

	if (h == INVALID_HANDLE_VALUE)
		return FALSE;
	ok = ReadFile(h, buf, sizeof(buf), &n, NULL) && n == size;
	for (i = 0; ok && i < size; i++)
		ok = buf[i] == (text ? text[i] : (char)(i * 7));
	CloseHandle(h);
	return ok;
}

static BOOL exists(const char *path)
{
	return GetFileAttributesA(path) != INVALID_FILE_ATTRIBUTES;
}

static void moves(void)
{
	HANDLE h;

	CHECK(CreateDirectoryA("C:\\MV", NULL) && CreateDirectoryA("C:\\MV\\dir", NULL) &&
	      CreateDirectoryA("C:\\MV\\dir\\sub", NULL), "mkdir: %lu", GetLastError());
	put("C:\\MV\\src.txt", "source", 6);
	put("C:\\MV\\dst.txt", "target", 6);

	/* The target open by another handle, even one sharing everything. */
	h = CreateFileA("C:\\MV\\dst.txt", GENERIC_READ,
			FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL, OPEN_EXISTING,
			0, NULL);
	CHECK(h != INVALID_HANDLE_VALUE, "open: %lu", GetLastError());
	FAILS(MoveFileExA("C:\\MV\\src.txt", "C:\\MV\\dst.txt", MOVEFILE_REPLACE_EXISTING), FALSE,
	      ERROR_ACCESS_DENIED);
	FAILS(MoveFileExW(L"C:\\MV\\src.txt", L"C:\\MV\\dst.txt", MOVEFILE_REPLACE_EXISTING),
	      FALSE, ERROR_ACCESS_DENIED);
	CloseHandle(h);
	CHECK(holds("C:\\MV\\src.txt", "source", 6) && holds("C:\\MV\\dst.txt", "target", 6),
	      "both unchanged");
	FAILS(MoveFileExA("C:\\MV\\src.txt", "C:\\MV\\dst.txt", 0), FALSE, ERROR_ALREADY_EXISTS);

	/* Onto a directory; a directory into its own subtree. */
	FAILS(MoveFileExA("C:\\MV\\src.txt", "C:\\MV\\dir", MOVEFILE_REPLACE_EXISTING), FALSE,
	      ERROR_ACCESS_DENIED);
	FAILS(MoveFileExA("C:\\MV\\dir", "C:\\MV\\dir\\sub\\dir", 0), FALSE,
	      ERROR_SHARING_VIOLATION);
	FAILS(MoveFileExA("C:\\MV\\dir", "C:\\MV\\dir\\moved", MOVEFILE_REPLACE_EXISTING), FALSE,
	      ERROR_SHARING_VIOLATION);
	CHECK(GetFileAttributesA("C:\\MV\\dir\\sub") == FILE_ATTRIBUTE_DIRECTORY &&
	      exists("C:\\MV\\src.txt"), "nothing moved");

	/* Flags: WRITE_THROUGH is taken; DELAY_UNTIL_REBOOT needs an administrator. */
	CHECK(MoveFileExA("C:\\MV\\src.txt", "C:\\MV\\dst.txt",
			  MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH) &&
	      holds("C:\\MV\\dst.txt", "source", 6) && !exists("C:\\MV\\src.txt"),
	      "write through: %lu", GetLastError());
	FAILS(MoveFileExA("C:\\MV\\dst.txt", "C:\\MV\\later.txt", MOVEFILE_DELAY_UNTIL_REBOOT),
	      FALSE, ERROR_ACCESS_DENIED);
	FAILS(MoveFileExA("C:\\MV\\dst.txt", NULL, MOVEFILE_DELAY_UNTIL_REBOOT), FALSE,
	      ERROR_ACCESS_DENIED);
	FAILS(MoveFileExA("C:\\MV\\dst.txt", "C:\\MV\\later.txt",
			  MOVEFILE_DELAY_UNTIL_REBOOT | MOVEFILE_COPY_ALLOWED), FALSE,
	      ERROR_INVALID_PARAMETER);
	FAILS(MoveFileExA("C:\\MV\\dst.txt", "C:\\MV\\later.txt", 0x40), FALSE,
	      ERROR_INVALID_PARAMETER);
	FAILS(MoveFileExW(L"C:\\MV\\dst.txt", L"C:\\MV\\later.txt", MOVEFILE_DELAY_UNTIL_REBOOT),
	      FALSE, ERROR_ACCESS_DENIED);
	CHECK(exists("C:\\MV\\dst.txt") && !exists("C:\\MV\\later.txt"), "nothing moved");
	FAILS(MoveFileExA("C:\\MV\\none.txt", "C:\\MV\\x.txt", 0), FALSE, ERROR_FILE_NOT_FOUND);

	/* Across volumes: a copy and a delete only when allowed. */
	put("C:\\MV\\far.bin", NULL, BIG);
	FAILS(MoveFileExA("C:\\MV\\far.bin", "D:\\far.bin", 0), FALSE, ERROR_NOT_SAME_DEVICE);
	CHECK(MoveFileExA("C:\\MV\\far.bin", "D:\\far.bin", MOVEFILE_COPY_ALLOWED) &&
	      holds("D:\\far.bin", NULL, BIG) && !exists("C:\\MV\\far.bin"),
	      "COPY_ALLOWED: %lu", GetLastError());
	put("C:\\MV\\back.txt", "back", 4);
	CHECK(MoveFileExW(L"C:\\MV\\back.txt", L"D:\\far.bin",
			  MOVEFILE_COPY_ALLOWED | MOVEFILE_REPLACE_EXISTING |
			  MOVEFILE_WRITE_THROUGH) &&
	      holds("D:\\far.bin", "back", 4), "COPY_ALLOWED, REPLACE: %lu", GetLastError());
	CHECK(DeleteFileA("D:\\far.bin"), "cleanup");
}

/* A progress routine's record, and what it answers. */
struct progress {
	int calls, switches, chunks;
	DWORD answer, answer_at;        /* answer at that call (1-based); else CONTINUE */
	LONGLONG last_done, total;
	BOOL handles_ok;
};

static DWORD WINAPI progress(LARGE_INTEGER total, LARGE_INTEGER done, LARGE_INTEGER stream,
			     LARGE_INTEGER stream_done, DWORD number, DWORD reason, HANDLE in,
			     HANDLE out, LPVOID data)
{
	struct progress *p = data;

	p->calls++;
	p->switches += reason == CALLBACK_STREAM_SWITCH;
	p->chunks += reason == CALLBACK_CHUNK_FINISHED;
	p->last_done = done.QuadPart;
	p->total = total.QuadPart;
	p->handles_ok &= in && out && in != INVALID_HANDLE_VALUE && out != INVALID_HANDLE_VALUE &&
			 number == 1 && stream.QuadPart == total.QuadPart &&
			 stream_done.QuadPart == done.QuadPart;
	return (DWORD)p->calls == p->answer_at ? p->answer : PROGRESS_CONTINUE;
}

static void copies(void)
{
	struct progress p = { .handles_ok = TRUE };
	BOOL cancel = FALSE;

	put("C:\\MV\\big.bin", NULL, BIG);
	CHECK(CopyFileExA("C:\\MV\\big.bin", "C:\\MV\\copy.bin", NULL, NULL, NULL, 0) &&
	      holds("C:\\MV\\copy.bin", NULL, BIG), "no routine: %lu", GetLastError());
	put("C:\\MV\\small.txt", "small", 5);
	FAILS(CopyFileExA("C:\\MV\\small.txt", "C:\\MV\\copy.bin", NULL, NULL, NULL,
			  COPY_FILE_FAIL_IF_EXISTS), FALSE, ERROR_FILE_EXISTS);
	CHECK(holds("C:\\MV\\copy.bin", NULL, BIG), "the existing file stays");
	CHECK(CopyFileExW(L"C:\\MV\\small.txt", L"C:\\MV\\copy.bin", NULL, NULL, NULL, 0) &&
	      holds("C:\\MV\\copy.bin", "small", 5), "replaced: %lu", GetLastError());

	/* The routine: one stream switch, then a chunk at a time to the end. */
	CHECK(CopyFileExA("C:\\MV\\big.bin", "C:\\MV\\p.bin", progress, &p, &cancel, 0) &&
	      holds("C:\\MV\\p.bin", NULL, BIG), "routine: %lu", GetLastError());
	CHECK(p.switches == 1 && p.chunks == 3 && p.last_done == BIG && p.total == BIG &&
	      p.handles_ok, "calls: %d switches %d chunks, done %lld of %lld", p.switches,
	      p.chunks, p.last_done, p.total);
	DeleteFileA("C:\\MV\\p.bin");

	p = (struct progress){ .answer = PROGRESS_CANCEL, .answer_at = 2, .handles_ok = TRUE };
	FAILS(CopyFileExA("C:\\MV\\big.bin", "C:\\MV\\p.bin", progress, &p, NULL, 0), FALSE,
	      ERROR_REQUEST_ABORTED);
	CHECK(!exists("C:\\MV\\p.bin") && p.calls == 2, "cancelled: no copy (%d calls)", p.calls);
	p = (struct progress){ .answer = PROGRESS_STOP, .answer_at = 2, .handles_ok = TRUE };
	FAILS(CopyFileExA("C:\\MV\\big.bin", "C:\\MV\\p.bin", progress, &p, NULL, 0), FALSE,
	      ERROR_REQUEST_ABORTED);
	CHECK(exists("C:\\MV\\p.bin") && DeleteFileA("C:\\MV\\p.bin"), "stopped: the part stays");
	p = (struct progress){ .answer = PROGRESS_QUIET, .answer_at = 1, .handles_ok = TRUE };
	CHECK(CopyFileExA("C:\\MV\\big.bin", "C:\\MV\\p.bin", progress, &p, NULL, 0) &&
	      p.calls == 1 && holds("C:\\MV\\p.bin", NULL, BIG), "quiet: %d calls", p.calls);
	DeleteFileA("C:\\MV\\p.bin");
	cancel = TRUE;
	FAILS(CopyFileExA("C:\\MV\\big.bin", "C:\\MV\\p.bin", NULL, NULL, &cancel, 0), FALSE,
	      ERROR_REQUEST_ABORTED);
	CHECK(!exists("C:\\MV\\p.bin"), "*pbCancel: no copy");

	FAILS(CopyFileExA("C:\\MV\\none", "C:\\MV\\p.bin", NULL, NULL, NULL, 0), FALSE,
	      ERROR_FILE_NOT_FOUND);
	FAILS(CopyFileExA("C:\\MV\\big.bin", "C:\\MV\\p.bin", NULL, NULL, NULL, 0x40000000), FALSE,
	      ERROR_INVALID_PARAMETER);
	CHECK(SetFileAttributesA("C:\\MV\\small.txt", FILE_ATTRIBUTE_READONLY), "read-only");
	FAILS(CopyFileExA("C:\\MV\\small.txt", "C:\\MV\\p.bin", NULL, NULL, NULL,
			  COPY_FILE_OPEN_SOURCE_FOR_WRITE), FALSE, ERROR_ACCESS_DENIED);
	CHECK(CopyFileExA("C:\\MV\\small.txt", "C:\\MV\\p.bin", NULL, NULL, NULL,
			  COPY_FILE_RESTARTABLE | COPY_FILE_NO_BUFFERING) &&
	      GetFileAttributesA("C:\\MV\\p.bin") & FILE_ATTRIBUTE_READONLY,
	      "attributes copied: %lu", GetLastError());
	CHECK(SetFileAttributesA("C:\\MV\\p.bin", 0) && DeleteFileA("C:\\MV\\p.bin") &&
	      SetFileAttributesA("C:\\MV\\small.txt", 0), "cleanup");
	FAILS(CopyFileExW(L"C:\\MV\\big.bin", L"C:\\MV\\copy.bin", NULL, NULL, NULL,
			  COPY_FILE_FAIL_IF_EXISTS), FALSE, ERROR_FILE_EXISTS);
}

/* The creation time of path (0 when it cannot be read). */
static ULONGLONG created(const char *path)
{
	HANDLE h = CreateFileA(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
	ULARGE_INTEGER t = { .QuadPart = 0 };
	FILETIME ft;

	if (h != INVALID_HANDLE_VALUE && GetFileTime(h, &ft, NULL, NULL))
		t = (ULARGE_INTEGER){ .LowPart = ft.dwLowDateTime, .HighPart = ft.dwHighDateTime };
	CloseHandle(h);
	return t.QuadPart;
}

static void replaces(void)
{
	SYSTEMTIME st = { 2001, 2, 6, 3, 4, 5, 6, 70 };
	FILETIME old_time;
	ULARGE_INTEGER want;
	HANDLE h;

	put("C:\\MV\\r.txt", "old", 3);
	put("C:\\MV\\n.txt", "new!", 4);
	SystemTimeToFileTime(&st, &old_time);
	want = (ULARGE_INTEGER){ .LowPart = old_time.dwLowDateTime,
				 .HighPart = old_time.dwHighDateTime };
	h = CreateFileA("C:\\MV\\r.txt", GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
	CHECK(SetFileTime(h, &old_time, NULL, NULL), "creation time: %lu", GetLastError());
	CloseHandle(h);
	CHECK(SetFileAttributesA("C:\\MV\\r.txt", FILE_ATTRIBUTE_HIDDEN), "hidden");

	/* Refused before anything changes. */
	FAILS(ReplaceFileA("C:\\MV\\r.txt", "C:\\MV\\n.txt", NULL, 0, (void *)1, NULL), FALSE,
	      ERROR_INVALID_PARAMETER);
	FAILS(ReplaceFileA("C:\\MV\\r.txt", "C:\\MV\\n.txt", NULL, 0, NULL, (void *)1), FALSE,
	      ERROR_INVALID_PARAMETER);
	FAILS(ReplaceFileA("C:\\MV\\r.txt", "C:\\MV\\n.txt", NULL, 8, NULL, NULL), FALSE,
	      ERROR_INVALID_PARAMETER);
	FAILS(ReplaceFileA("C:\\MV\\none.txt", "C:\\MV\\n.txt", NULL, 0, NULL, NULL), FALSE,
	      ERROR_FILE_NOT_FOUND);
	FAILS(ReplaceFileA("C:\\MV\\r.txt", "C:\\MV\\none.txt", NULL, 0, NULL, NULL), FALSE,
	      ERROR_FILE_NOT_FOUND);
	h = CreateFileA("C:\\MV\\r.txt", GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0,
			NULL);
	FAILS(ReplaceFileA("C:\\MV\\r.txt", "C:\\MV\\n.txt", NULL, 0, NULL, NULL), FALSE,
	      ERROR_SHARING_VIOLATION);
	CloseHandle(h);
	h = CreateFileA("C:\\MV\\n.txt", GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0,
			NULL);
	FAILS(ReplaceFileA("C:\\MV\\r.txt", "C:\\MV\\n.txt", NULL, 0, NULL, NULL), FALSE,
	      ERROR_SHARING_VIOLATION);
	CloseHandle(h);
	CHECK(holds("C:\\MV\\r.txt", "old", 3) && holds("C:\\MV\\n.txt", "new!", 4),
	      "both unchanged");

	/* With a backup: the new data under the old name, time and attributes. */
	put("C:\\MV\\b.txt", "stale backup", 12);
	CHECK(ReplaceFileA("C:\\MV\\r.txt", "C:\\MV\\n.txt", "C:\\MV\\b.txt",
			   REPLACEFILE_WRITE_THROUGH, NULL, NULL), "ReplaceFileA: %lu",
	      GetLastError());
	CHECK(holds("C:\\MV\\r.txt", "new!", 4) && holds("C:\\MV\\b.txt", "old", 3) &&
	      !exists("C:\\MV\\n.txt"), "names");
	CHECK(created("C:\\MV\\r.txt") == want.QuadPart &&
	      GetFileAttributesA("C:\\MV\\r.txt") == FILE_ATTRIBUTE_HIDDEN,
	      "merged: %llx %lx", created("C:\\MV\\r.txt"), GetFileAttributesA("C:\\MV\\r.txt"));

	/* Without one the old file goes; W the same. */
	put("C:\\MV\\n.txt", "newer", 5);
	CHECK(ReplaceFileW(L"C:\\MV\\r.txt", L"C:\\MV\\n.txt", NULL, 0, NULL, NULL) &&
	      holds("C:\\MV\\r.txt", "newer", 5) && !exists("C:\\MV\\n.txt"),
	      "ReplaceFileW: %lu", GetLastError());

	/* The replacement on another volume cannot take the name: the
	 * replaced file comes back from its backup. */
	put("D:\\n.txt", "far", 3);
	FAILS(ReplaceFileA("C:\\MV\\r.txt", "D:\\n.txt", "C:\\MV\\b.txt", 0, NULL, NULL), FALSE,
	      ERROR_UNABLE_TO_MOVE_REPLACEMENT);
	CHECK(holds("C:\\MV\\r.txt", "newer", 5) && holds("D:\\n.txt", "far", 3) &&
	      !exists("C:\\MV\\b.txt"), "names as they were");
	CHECK(DeleteFileA("D:\\n.txt") && SetFileAttributesA("C:\\MV\\r.txt", 0), "cleanup");
}

static void hard_links(void)
{
	FAILS(CreateHardLinkA("C:\\MV\\link.bin", "C:\\MV\\big.bin", NULL), FALSE,
	      ERROR_INVALID_FUNCTION);
	FAILS(CreateHardLinkW(L"C:\\MV\\link.bin", L"C:\\MV\\big.bin", NULL), FALSE,
	      ERROR_INVALID_FUNCTION);
	FAILS(CreateHardLinkA("C:\\MV\\link.bin", "C:\\MV\\none.bin", NULL), FALSE,
	      ERROR_FILE_NOT_FOUND);
	FAILS(CreateHardLinkA("C:\\MV\\link.bin", "C:\\NODIR\\x.bin", NULL), FALSE,
	      ERROR_PATH_NOT_FOUND);
	CHECK(!exists("C:\\MV\\link.bin"), "no link made");
}

int main(void)
{
	moves();
	copies();
	replaces();
	hard_links();
	printf(TEST_NAME ": %d failures\n", failures);
	return failures != 0;
}
