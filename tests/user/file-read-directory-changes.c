/* ReadDirectoryChangesW (and ReadDirectoryChangesExW's
 * ReadDirectoryNotifyInformation) as Microsoft documents it: records of
 * FILE_NOTIFY_INFORMATION, DWORD-aligned, names relative to the watched
 * directory in bytes without a terminator, the rename pair, changes kept
 * between calls, a buffer too small (or overflowed) answered with no
 * records and ERROR_NOTIFY_ENUM_DIR; synchronous calls woken by another
 * thread and another process; overlapped ones answered through an event,
 * GetOverlappedResult, a completion routine and a completion port,
 * cancelled by CancelIoEx and by a closed handle; every error. */
#include <stdio.h>
#include <string.h>
#include <windows.h>

#define TEST_NAME "file-read-directory-changes"
#include "check.h"
#include "file-common.h"

#define D "C:\\rdc"
#define ALL (FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE)
#define NAMES (FILE_NOTIFY_CHANGE_FILE_NAME | FILE_NOTIFY_CHANGE_DIR_NAME)

static DWORD buf[1024];          /* DWORD-aligned, 4 KB */

static HANDLE open_dir(const char *path, DWORD access, DWORD flags)
{
	return CreateFileA(path, access, ALL, NULL, OPEN_EXISTING,
			   FILE_FLAG_BACKUP_SEMANTICS | flags, NULL);
}

static void touch(const char *path)
{
	HANDLE f = CreateFileA(path, GENERIC_WRITE, ALL, NULL, CREATE_ALWAYS, 0, NULL);

	CHECK(f != INVALID_HANDLE_VALUE, "create %s: %lu", path, GetLastError());
	CloseHandle(f);
}

/* The records of buf[0..bytes) as "action:name;" (names in ASCII), the
 * layout checked on the way. */
static const char *records(const void *base, DWORD bytes)
{
	static char out[1024];
	const BYTE *p = base;
	size_t used = 0;

	out[0] = '\0';
	while (bytes) {
		const FILE_NOTIFY_INFORMATION *r = (const void *)p;
		DWORD next = r->NextEntryOffset;

		CHECK(next % 4 == 0, "NextEntryOffset %lu is DWORD-aligned", next);
		CHECK(next == 0 || next >= 12 + r->FileNameLength, "records do not overlap");
		CHECK(r->FileNameLength % 2 == 0 && 12 + r->FileNameLength <= bytes,
		      "FileNameLength %lu in bytes", r->FileNameLength);
		used += (size_t)snprintf(out + used, sizeof(out) - used, "%lu:", r->Action);
		for (DWORD i = 0; i < r->FileNameLength / 2 && used < sizeof(out) - 2; i++)
			out[used++] = (char)r->FileName[i];
		out[used++] = ';';
		out[used] = '\0';
		if (!next)
			break;
		CHECK(next < bytes, "the next record is inside the answer");
		p += next;
		bytes -= next;
	}
	return out;
}

static DWORD WINAPI later(LPVOID what)
{
	Sleep(150);
	if (!strcmp(what, "create"))
		touch(D "\\thread.txt");
	else
		DeleteFileA(D "\\thread.txt");
	return 0;
}

static void errors(void)
{
	HANDLE no_list = open_dir(D, FILE_READ_ATTRIBUTES, 0), dir = open_dir(D, FILE_LIST_DIRECTORY, 0);
	HANDLE file = CreateFileA(D "\\plain.txt", GENERIC_READ | GENERIC_WRITE, ALL, NULL,
				  CREATE_ALWAYS, 0, NULL);
	HANDLE ev = CreateEventA(NULL, TRUE, FALSE, NULL);
	DWORD n;

	CHECK(no_list != INVALID_HANDLE_VALUE && dir != INVALID_HANDLE_VALUE &&
	      file != INVALID_HANDLE_VALUE, "opens: %lu", GetLastError());
	FAILS(ReadDirectoryChangesW(no_list, buf, sizeof(buf), FALSE, NAMES, &n, NULL, NULL),
	      FALSE, ERROR_ACCESS_DENIED);
	FAILS(ReadDirectoryChangesW(file, buf, sizeof(buf), FALSE, NAMES, &n, NULL, NULL), FALSE,
	      ERROR_INVALID_PARAMETER);
	FAILS(ReadDirectoryChangesW(dir, buf, sizeof(buf), FALSE, 0, &n, NULL, NULL), FALSE,
	      ERROR_INVALID_PARAMETER);
	FAILS(ReadDirectoryChangesW(dir, buf, sizeof(buf), FALSE, 0x1000 | NAMES, &n, NULL, NULL),
	      FALSE, ERROR_INVALID_PARAMETER);
	FAILS(ReadDirectoryChangesW(dir, (BYTE *)buf + 2, 64, FALSE, NAMES, &n, NULL, NULL), FALSE,
	      ERROR_NOACCESS);
	FAILS(ReadDirectoryChangesW(ev, buf, sizeof(buf), FALSE, NAMES, &n, NULL, NULL), FALSE,
	      ERROR_INVALID_HANDLE);
	FAILS(ReadDirectoryChangesExW(dir, buf, sizeof(buf), FALSE, NAMES, &n, NULL, NULL,
				      (READ_DIRECTORY_NOTIFY_INFORMATION_CLASS)7),
	      FALSE, ERROR_INVALID_PARAMETER);
	CloseHandle(no_list);
	CloseHandle(dir);
	CloseHandle(file);
	CloseHandle(ev);
	DeleteFileA(D "\\plain.txt");
}

/* Synchronous calls: woken by another thread; what happens between calls
 * is kept, in order, the rename as its pair; subtree names are relative. */
static void synchronous(void)
{
	HANDLE dir = open_dir(D, FILE_LIST_DIRECTORY, 0), t;
	DWORD n = 0;

	CHECK(dir != INVALID_HANDLE_VALUE, "open " D ": %lu", GetLastError());
	t = CreateThread(NULL, 0, later, "create", 0, NULL);
	CHECK(ReadDirectoryChangesW(dir, buf, sizeof(buf), TRUE, NAMES, &n, NULL, NULL),
	      "sync: %lu", GetLastError());
	CHECK(!strcmp(records(buf, n), "1:thread.txt;"), "a thread's new file: %s", records(buf, n));
	WaitForSingleObject(t, INFINITE);
	CloseHandle(t);

	CHECK(MoveFileA(D "\\thread.txt", D "\\renamed.txt"), "rename: %lu", GetLastError());
	CHECK(CreateDirectoryA(D "\\sub", NULL), "mkdir");
	touch(D "\\sub\\deep.txt");
	CHECK(MoveFileA(D "\\sub\\deep.txt", D "\\up.txt"), "move up");
	CHECK(DeleteFileA(D "\\renamed.txt"), "delete");
	CHECK(ReadDirectoryChangesW(dir, buf, sizeof(buf), TRUE, NAMES, &n, NULL, NULL),
	      "kept changes: %lu", GetLastError());
	CHECK(!strcmp(records(buf, n), "4:thread.txt;5:renamed.txt;1:sub;1:sub\\deep.txt;"
				       "2:sub\\deep.txt;1:up.txt;2:renamed.txt;"),
	      "in order: %s", records(buf, n));

	/* Too small for what waits: success, no records, ERROR_NOTIFY_ENUM_DIR. */
	touch(D "\\a-long-name-for-a-record.txt");
	SetLastError(0);
	n = 99;
	CHECK(ReadDirectoryChangesW(dir, buf, 16, TRUE, NAMES, &n, NULL, NULL) && n == 0 &&
	      GetLastError() == ERROR_NOTIFY_ENUM_DIR, "too small: n %lu, error %lu", n,
	      GetLastError());
	CHECK(DeleteFileA(D "\\a-long-name-for-a-record.txt"), "delete");
	CHECK(ReadDirectoryChangesExW(dir, buf, sizeof(buf), TRUE, NAMES, &n, NULL, NULL,
				      ReadDirectoryNotifyInformation),
	      "Ex: %lu", GetLastError());
	CHECK(!strcmp(records(buf, n), "2:a-long-name-for-a-record.txt;"), "after: %s",
	      records(buf, n));

	/* A rename over an existing file removes it first. */
	touch(D "\\src.txt");
	touch(D "\\dst.txt");
	CHECK(MoveFileExA(D "\\src.txt", D "\\dst.txt", MOVEFILE_REPLACE_EXISTING), "replace");
	CHECK(ReadDirectoryChangesW(dir, buf, sizeof(buf), TRUE, NAMES, &n, NULL, NULL) &&
	      !strcmp(records(buf, n), "1:src.txt;1:dst.txt;2:dst.txt;4:src.txt;5:dst.txt;"),
	      "replaced: %s", records(buf, n));
	CloseHandle(dir);
	CHECK(DeleteFileA(D "\\dst.txt"), "delete");
}

/* Without the subtree, below is not seen; the filters pick their kinds:
 * SIZE and ATTRIBUTES see a write that grows the file and an attribute,
 * not a new file below, nor a write that keeps the size. */
static DWORD WINAPI later_changes(LPVOID unused)
{
	HANDLE f = CreateFileA(D "\\data.bin", GENERIC_WRITE, ALL, NULL, OPEN_EXISTING, 0, NULL);
	DWORD n;

	(void)unused;
	Sleep(150);
	touch(D "\\sub\\below.bin");
	WriteFile(f, "same", 4, &n, NULL);
	WriteFile(f, "more", 4, &n, NULL);
	CloseHandle(f);
	SetFileAttributesA(D "\\data.bin", FILE_ATTRIBUTE_HIDDEN);
	return 0;
}

static void filters(void)
{
	HANDLE dir = open_dir(D, GENERIC_READ, 0), t, f;
	DWORD n = 0, filter = FILE_NOTIFY_CHANGE_SIZE | FILE_NOTIFY_CHANGE_ATTRIBUTES;

	CHECK(dir != INVALID_HANDLE_VALUE, "GENERIC_READ holds FILE_LIST_DIRECTORY");
	f = CreateFileA(D "\\data.bin", GENERIC_WRITE, ALL, NULL, CREATE_ALWAYS, 0, NULL);
	CHECK(WriteFile(f, "init", 4, &n, NULL) && CloseHandle(f), "data.bin");
	t = CreateThread(NULL, 0, later_changes, NULL, 0, NULL);
	CHECK(ReadDirectoryChangesW(dir, buf, sizeof(buf), FALSE, filter, &n, NULL, NULL) &&
	      !strcmp(records(buf, n), "3:data.bin;"), "the write that grew it: %s",
	      records(buf, n));
	WaitForSingleObject(t, INFINITE);
	CloseHandle(t);
	CHECK(ReadDirectoryChangesW(dir, buf, sizeof(buf), FALSE, filter, &n, NULL, NULL) &&
	      !strcmp(records(buf, n), "3:data.bin;"), "the attribute: %s", records(buf, n));
	CloseHandle(dir);
	CHECK(SetFileAttributesA(D "\\data.bin", FILE_ATTRIBUTE_NORMAL) &&
	      DeleteFileA(D "\\data.bin") && DeleteFileA(D "\\sub\\below.bin"), "clean up");
}

struct routine_seen {
	DWORD error, bytes;
	LPOVERLAPPED ov;
	int calls;
} seen;

static VOID WINAPI routine(DWORD error, DWORD bytes, LPOVERLAPPED ov)
{
	seen.error = error;
	seen.bytes = bytes;
	seen.ov = ov;
	seen.calls++;
}

/* Overlapped calls: queued (TRUE), answered by the next change. */
static void overlapped(const char *self)
{
	HANDLE dir = open_dir(D, FILE_LIST_DIRECTORY, FILE_FLAG_OVERLAPPED), port;
	OVERLAPPED ov = { 0 }, *got;
	ULONG_PTR key;
	char line[300];
	DWORD n = 0;

	CHECK(dir != INVALID_HANDLE_VALUE, "overlapped open: %lu", GetLastError());
	ov.hEvent = CreateEventA(NULL, TRUE, TRUE, NULL);
	CHECK(ReadDirectoryChangesW(dir, buf, sizeof(buf), FALSE,
				    NAMES | FILE_NOTIFY_CHANGE_ATTRIBUTES, NULL, &ov, NULL),
	      "queued: %lu", GetLastError());
	CHECK(WaitForSingleObject(ov.hEvent, 0) == WAIT_TIMEOUT, "the event was reset");
	FAILS(GetOverlappedResult(dir, &ov, &n, FALSE), FALSE, ERROR_IO_INCOMPLETE);
	snprintf(line, sizeof(line), "%s touch " D "\\child.txt", self);
	CHECK(file_run(NULL, line) == 0, "the child ran");
	CHECK(WaitForSingleObject(ov.hEvent, 5000) == WAIT_OBJECT_0, "a child's change answers");
	CHECK(GetOverlappedResult(dir, &ov, &n, TRUE), "result: %lu", GetLastError());
	CHECK(!strcmp(records(buf, n), "1:child.txt;"), "the child's file: %s", records(buf, n));

	/* A completion routine, run by an alertable wait of this thread; the
	 * watch keeps its first call's filter (ATTRIBUTES too). */
	CHECK(ReadDirectoryChangesW(dir, buf, sizeof(buf), FALSE, NAMES, NULL, &ov, routine),
	      "with a routine: %lu", GetLastError());
	CHECK(SleepEx(100, TRUE) == 0 && seen.calls == 0, "nothing yet");
	CHECK(SetFileAttributesA(D "\\child.txt", FILE_ATTRIBUTE_READONLY), "attributes");
	CHECK(SleepEx(5000, TRUE) == WAIT_IO_COMPLETION, "the routine ran");
	CHECK(seen.calls == 1 && seen.error == 0 && seen.ov == &ov &&
	      !strcmp(records(buf, seen.bytes), "3:child.txt;"),
	      "routine: %d calls, error %lu, %s", seen.calls, seen.error,
	      records(buf, seen.bytes));
	CHECK(SetFileAttributesA(D "\\child.txt", FILE_ATTRIBUTE_NORMAL) &&
	      DeleteFileA(D "\\child.txt"), "delete");

	/* A completion port: what waits answers at once, then the next change. */
	port = CreateIoCompletionPort(dir, NULL, 77, 0);
	CHECK(port != NULL, "port: %lu", GetLastError());
	ov.hEvent = NULL;
	CHECK(ReadDirectoryChangesW(dir, buf, sizeof(buf), FALSE, NAMES, NULL, &ov, NULL), "queued");
	CHECK(GetQueuedCompletionStatus(port, &n, &key, &got, 0) && key == 77 && got == &ov,
	      "the port's packet: %lu", GetLastError());
	CHECK(!strcmp(records(buf, n), "3:child.txt;2:child.txt;"), "kept: %s", records(buf, n));
	CHECK(ReadDirectoryChangesW(dir, buf, sizeof(buf), FALSE, NAMES, NULL, &ov, NULL), "queued");
	CHECK(GetQueuedCompletionStatus(port, &n, &key, &got, 100) == FALSE &&
	      GetLastError() == WAIT_TIMEOUT, "pending");
	CHECK(CreateDirectoryA(D "\\portdir", NULL), "mkdir");
	CHECK(GetQueuedCompletionStatus(port, &n, &key, &got, 5000) && got == &ov &&
	      !strcmp(records(buf, n), "1:portdir;"), "via the port: %s", records(buf, n));
	CHECK(RemoveDirectoryA(D "\\portdir"), "rmdir");
	CHECK(ReadDirectoryChangesW(dir, buf, sizeof(buf), FALSE, NAMES, NULL, &ov, NULL) &&
	      GetQueuedCompletionStatus(port, &n, &key, &got, 0) && got == &ov &&
	      !strcmp(records(buf, n), "2:portdir;"), "answered at once: %s", records(buf, n));

	/* A cancelled call's packet reaches the port too: FALSE with its
	 * OVERLAPPED and ERROR_OPERATION_ABORTED (what a program waits for
	 * before freeing the OVERLAPPED). */
	CHECK(ReadDirectoryChangesW(dir, buf, sizeof(buf), FALSE, NAMES, NULL, &ov, NULL), "queued");
	CHECK(CancelIoEx(dir, &ov), "cancel: %lu", GetLastError());
	got = NULL;
	CHECK(GetQueuedCompletionStatus(port, &n, &key, &got, 5000) == FALSE && got == &ov &&
	      key == 77 && n == 0 && GetLastError() == ERROR_OPERATION_ABORTED,
	      "the cancel's packet: %p, error %lu", (void *)got, GetLastError());

	/* CancelIoEx ends a pending call; closing the handle ends another. */
	ov.hEvent = CreateEventA(NULL, TRUE, FALSE, NULL);
	ov.hEvent = (HANDLE)((ULONG_PTR)ov.hEvent | 1);
	CHECK(ReadDirectoryChangesW(dir, buf, sizeof(buf), FALSE, NAMES, NULL, &ov, NULL), "queued");
	CHECK(CancelIoEx(dir, &ov), "cancel: %lu", GetLastError());
	FAILS(GetOverlappedResult(dir, &ov, &n, TRUE), FALSE, ERROR_OPERATION_ABORTED);
	FAILS(CancelIoEx(dir, &ov), FALSE, ERROR_NOT_FOUND);
	CHECK(ReadDirectoryChangesW(dir, buf, sizeof(buf), FALSE, NAMES, NULL, &ov, NULL), "queued");
	CloseHandle(dir);
	CHECK(WaitForSingleObject((HANDLE)((ULONG_PTR)ov.hEvent & ~1), 5000) == WAIT_OBJECT_0,
	      "closing the handle answers it");
	CHECK(GetOverlappedResult(dir, &ov, &n, FALSE) && n == 0 &&
	      ov.Internal == 0x10b, "STATUS_NOTIFY_CLEANUP: %lx", (unsigned long)ov.Internal);
	CHECK(GetQueuedCompletionStatus(port, &n, &key, &got, 0) == FALSE &&
	      GetLastError() == WAIT_TIMEOUT, "no packet for what asked for none");
	CloseHandle((HANDLE)((ULONG_PTR)ov.hEvent & ~1));
	CloseHandle(port);
}

/* A buffer that fills between calls: the next answer has no records. */
static void overflow(void)
{
	HANDLE dir = open_dir(D, FILE_LIST_DIRECTORY, FILE_FLAG_OVERLAPPED);
	OVERLAPPED ov = { 0 };
	DWORD n = 9;

	ov.hEvent = CreateEventA(NULL, TRUE, FALSE, NULL);
	CHECK(ReadDirectoryChangesW(dir, buf, 32, FALSE, NAMES, NULL, &ov, NULL), "queued");
	touch(D "\\o1");
	CHECK(GetOverlappedResult(dir, &ov, &n, TRUE) && !strcmp(records(buf, n), "1:o1;"),
	      "first: %s", records(buf, n));
	touch(D "\\o2");
	touch(D "\\o3");
	touch(D "\\o4");                /* 3 x 16 bytes > 32 */
	SetLastError(0);
	CHECK(ReadDirectoryChangesW(dir, buf, 32, FALSE, NAMES, NULL, &ov, NULL), "queued");
	CHECK(GetOverlappedResult(dir, &ov, &n, TRUE) && n == 0 &&
	      GetLastError() == ERROR_NOTIFY_ENUM_DIR && ov.Internal == 0x10c,
	      "overflowed: n %lu, error %lu", n, GetLastError());
	CHECK(DeleteFileA(D "\\o1"), "delete");
	CHECK(ReadDirectoryChangesW(dir, buf, 32, FALSE, NAMES, NULL, &ov, NULL) &&
	      GetOverlappedResult(dir, &ov, &n, TRUE) && !strcmp(records(buf, n), "2:o1;"),
	      "after the overflow: %s", records(buf, n));
	DeleteFileA(D "\\o2");
	DeleteFileA(D "\\o3");
	DeleteFileA(D "\\o4");
	CloseHandle(ov.hEvent);
	CloseHandle(dir);
}

/* A thread terminated in a synchronous call leaves nothing behind. */
static DWORD WINAPI waits_forever(LPVOID dir)
{
	DWORD n;

	ReadDirectoryChangesW(dir, buf, sizeof(buf), FALSE, FILE_NOTIFY_CHANGE_SECURITY, &n, NULL,
			      NULL);
	return 1;
}

static void terminated(void)
{
	HANDLE dir = open_dir(D, FILE_LIST_DIRECTORY, 0);
	HANDLE t = CreateThread(NULL, 0, waits_forever, dir, 0, NULL);

	CHECK(WaitForSingleObject(t, 200) == WAIT_TIMEOUT, "it waits");
	CHECK(TerminateThread(t, 7), "terminate");
	CHECK(WaitForSingleObject(t, 5000) == WAIT_OBJECT_0, "it ended");
	CloseHandle(t);
	CloseHandle(dir);
}

/* A child that leaves its watches pending: one that returns from main
 * (its handles close at its end) and one terminated in a synchronous call;
 * the runner's leak check sees whether anything stayed. */
static int leave_pending(BOOL wait)
{
	HANDLE dir = open_dir(D, FILE_LIST_DIRECTORY, FILE_FLAG_OVERLAPPED);
	HANDLE h = FindFirstChangeNotificationA(D, TRUE, FILE_NOTIFY_CHANGE_FILE_NAME);
	static OVERLAPPED ov;
	DWORD n;

	ov.hEvent = CreateEventA(NULL, TRUE, FALSE, NULL);
	if (dir == INVALID_HANDLE_VALUE || h == INVALID_HANDLE_VALUE ||
	    !ReadDirectoryChangesW(dir, buf, sizeof(buf), TRUE, NAMES, NULL, &ov, NULL))
		return 1;
	if (wait)
		ReadDirectoryChangesW(open_dir(D, FILE_LIST_DIRECTORY, 0), buf, sizeof(buf), FALSE,
				      FILE_NOTIFY_CHANGE_SECURITY, &n, NULL, NULL);
	return 0;
}

static void processes_leave(const char *self)
{
	char line[300];
	PROCESS_INFORMATION pi;
	DWORD code = 1;

	snprintf(line, sizeof(line), "%s leave", self);
	CHECK(file_run(NULL, line) == 0, "a child leaving its requests pending");
	snprintf(line, sizeof(line), "%s wait", self);
	CHECK(CreateProcessA(NULL, line, NULL, NULL, FALSE, 0, NULL, NULL, NULL, &pi), "spawn");
	CHECK(WaitForSingleObject(pi.hProcess, 300) == WAIT_TIMEOUT, "it waits");
	CHECK(TerminateProcess(pi.hProcess, 9) &&
	      WaitForSingleObject(pi.hProcess, 5000) == WAIT_OBJECT_0 &&
	      GetExitCodeProcess(pi.hProcess, &code) && code == 9, "terminated: %lu", code);
	CloseHandle(pi.hProcess);
	CloseHandle(pi.hThread);
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "touch")) {
		touch(argv[2]);
		return failures;
	}
	if (argc == 2)
		return leave_pending(!strcmp(argv[1], "wait"));
	CHECK(CreateDirectoryA(D, NULL), "mkdir: %lu", GetLastError());
	errors();
	synchronous();
	filters();
	overlapped(argv[0]);
	overflow();
	terminated();
	processes_leave(argv[0]);
	CHECK(RemoveDirectoryA(D "\\sub") && DeleteFileA(D "\\up.txt") && RemoveDirectoryA(D),
	      "rmdir: %lu", GetLastError());
	printf(TEST_NAME ": %d failures\n", failures);
	return failures;
}
