/* Byte-range locks as Microsoft documents LockFile, LockFileEx, UnlockFile
 * and UnlockFileEx: an exclusive lock keeps every other handle (of this
 * process or another) from reading and writing its bytes, a shared lock
 * keeps everyone, its owner too, from writing them; ReadFile and WriteFile
 * across them fail with ERROR_LOCK_VIOLATION and move nothing; conflicting
 * locks are refused at once or waited for, and the wait ends when the lock
 * goes (UnlockFile, CloseHandle, the owning process's end); UnlockFile
 * names exactly one lock (ERROR_NOT_LOCKED); 64-bit ranges past the end of
 * the file, zero-length locks, and every bad argument. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

#define TEST_NAME "file-locks"
#include "check.h"

#define F "C:\\locks.bin"
#define ALL (FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE)
#define SIZE 1000

static HANDLE op(DWORD access)
{
	return CreateFileA(F, access, ALL, NULL, OPEN_ALWAYS, 0, NULL);
}

/* ReadFile or WriteFile of n bytes at at through h: TRUE, or FALSE with the
 * error left and *moved the count the call reported. */
static BOOL io(HANDLE h, BOOL write, DWORD at, DWORD n, DWORD *moved)
{
	char buf[64];

	memset(buf, 'w', sizeof(buf));
	*moved = 12345;
	SetFilePointer(h, (LONG)at, NULL, FILE_BEGIN);
	return write ? WriteFile(h, buf, n, moved, NULL) : ReadFile(h, buf, n, moved, NULL);
}

/* Whether io is refused with ERROR_LOCK_VIOLATION, having moved nothing
 * (and, for a read, not the file pointer either). */
static BOOL refused(HANDLE h, BOOL write, DWORD at, DWORD n)
{
	DWORD moved;
	LARGE_INTEGER zero = { .QuadPart = 0 }, pos;
	BOOL ok = io(h, write, at, n, &moved);

	SetFilePointerEx(h, zero, &pos, FILE_CURRENT);
	return !ok && GetLastError() == ERROR_LOCK_VIOLATION && moved == 0 && pos.QuadPart == at;
}

static BOOL allowed(HANDLE h, BOOL write, DWORD at, DWORD n)
{
	DWORD moved;

	return io(h, write, at, n, &moved) && moved == n;
}

static BOOL lock_ex(HANDLE h, DWORD flags, DWORD at, DWORD n)
{
	OVERLAPPED ov = { .Offset = at };

	return LockFileEx(h, flags, 0, n, 0, &ov);
}

static void exclusive_and_shared(HANDLE a, HANDLE b)
{
	char byte = 0;
	DWORD n;

	CHECK(LockFile(a, 10, 0, 10, 0), "LockFile 10,10: %lu", GetLastError());
	CHECK(allowed(a, FALSE, 10, 10) && allowed(a, TRUE, 12, 4), "the owner reads and writes");
	CHECK(refused(b, FALSE, 10, 1), "another handle may not read");
	CHECK(refused(b, FALSE, 5, 10), "nor read across the start");
	CHECK(refused(b, TRUE, 19, 5), "nor write across the end");
	CHECK(allowed(b, FALSE, 0, 10) && allowed(b, FALSE, 20, 10), "the bytes around are free");
	CHECK(allowed(b, TRUE, 20, 1), "and writable");
	SetFilePointer(a, 15, NULL, FILE_BEGIN);
	CHECK(ReadFile(a, &byte, 1, &n, NULL) && byte == 'w', "nothing written through the lock");
	FAILS(LockFile(b, 15, 0, 1, 0), FALSE, ERROR_LOCK_VIOLATION);
	FAILS(LockFile(a, 15, 0, 1, 0), FALSE, ERROR_LOCK_VIOLATION);   /* not even its owner */
	FAILS(lock_ex(b, LOCKFILE_FAIL_IMMEDIATELY, 12, 2), FALSE, ERROR_LOCK_VIOLATION);
	FAILS(lock_ex(a, LOCKFILE_FAIL_IMMEDIATELY | LOCKFILE_EXCLUSIVE_LOCK, 0, 11), FALSE,
	      ERROR_LOCK_VIOLATION);
	/* A shared lock over its own handle's exclusive one: only reads by
	 * the owner are left, and two unlocks free the range, exclusive first. */
	CHECK(lock_ex(a, LOCKFILE_FAIL_IMMEDIATELY, 10, 10), "shared over own exclusive: %lu",
	      GetLastError());
	CHECK(allowed(a, FALSE, 10, 10), "the owner reads");
	CHECK(refused(a, TRUE, 10, 1), "the owner may not write under its shared lock");
	CHECK(refused(b, FALSE, 10, 1), "the exclusive lock still holds others back");
	CHECK(UnlockFile(a, 10, 0, 10, 0), "first unlock: %lu", GetLastError());
	CHECK(allowed(b, FALSE, 10, 10), "the exclusive lock went first: others read");
	CHECK(refused(b, TRUE, 10, 1) && refused(a, TRUE, 10, 1), "the shared one denies writes");
	CHECK(UnlockFile(a, 10, 0, 10, 0), "second unlock: %lu", GetLastError());
	FAILS(UnlockFile(a, 10, 0, 10, 0), FALSE, ERROR_NOT_LOCKED);
	CHECK(allowed(b, TRUE, 10, 10), "free again");

	/* Shared locks overlap each other; an exclusive one overlaps none. */
	CHECK(lock_ex(a, 0, 50, 10) && lock_ex(b, 0, 55, 10) && lock_ex(b, 0, 55, 10),
	      "overlapping shared locks: %lu", GetLastError());
	FAILS(LockFile(b, 58, 0, 1, 0), FALSE, ERROR_LOCK_VIOLATION);
	FAILS(lock_ex(a, LOCKFILE_FAIL_IMMEDIATELY | LOCKFILE_EXCLUSIVE_LOCK, 64, 1), FALSE,
	      ERROR_LOCK_VIOLATION);
	CHECK(allowed(a, FALSE, 50, 15) && allowed(b, FALSE, 50, 15), "everyone reads");
	CHECK(refused(a, TRUE, 59, 1) && refused(b, TRUE, 50, 1), "no one writes");
	CHECK(UnlockFile(a, 50, 0, 10, 0) && UnlockFile(b, 55, 0, 10, 0) &&
	      UnlockFile(b, 55, 0, 10, 0), "each shared lock unlocked: %lu", GetLastError());
	CHECK(allowed(a, TRUE, 50, 15), "all gone");
}

static void unlock_rules(HANDLE a, HANDLE b)
{
	OVERLAPPED ov = { .Offset = 100 };

	CHECK(LockFile(a, 100, 0, 10, 0) && LockFile(a, 110, 0, 10, 0), "two adjacent locks");
	FAILS(UnlockFile(a, 100, 0, 20, 0), FALSE, ERROR_NOT_LOCKED);  /* both at once */
	FAILS(UnlockFile(a, 100, 0, 5, 0), FALSE, ERROR_NOT_LOCKED);   /* part of one */
	FAILS(UnlockFile(a, 101, 0, 10, 0), FALSE, ERROR_NOT_LOCKED);
	FAILS(UnlockFile(b, 100, 0, 10, 0), FALSE, ERROR_NOT_LOCKED);  /* another handle's */
	FAILS(UnlockFile(a, 130, 0, 10, 0), FALSE, ERROR_NOT_LOCKED);  /* nothing there */
	CHECK(UnlockFileEx(a, 0, 10, 0, &ov), "UnlockFileEx 100,10: %lu", GetLastError());
	FAILS(UnlockFileEx(a, 0, 10, 0, &ov), FALSE, ERROR_NOT_LOCKED);
	CHECK(UnlockFile(a, 110, 0, 10, 0), "UnlockFile 110,10: %lu", GetLastError());
}

/* 64-bit offsets, ranges past the end of the file, zero lengths. */
static void ranges(HANDLE a, HANDLE b)
{
	LARGE_INTEGER size;

	CHECK(LockFile(a, 5000, 0, 10, 0), "past the end: %lu", GetLastError());
	CHECK(refused(b, TRUE, 5000, 4), "another handle may not write there");
	CHECK(GetFileSizeEx(a, &size) && size.QuadPart == SIZE, "the file did not grow: %lld",
	      size.QuadPart);
	CHECK(UnlockFile(a, 5000, 0, 10, 0), "unlocked");
	CHECK(LockFile(a, 0, 1, 100, 0) && UnlockFile(a, 0, 1, 100, 0), "at 4 GB");
	CHECK(LockFile(a, 0, 0x10000000, 0, 0xf0000000), "to the end of the 64-bit space: %lu",
	      GetLastError());
	FAILS(LockFile(b, ~0u, ~0u, 1, 0), FALSE, ERROR_LOCK_VIOLATION);
	FAILS(LockFile(b, 0, 0x20000000, 20, 0), FALSE, ERROR_LOCK_VIOLATION);
	CHECK(UnlockFile(a, 0, 0x10000000, 0, 0xf0000000), "unlocked");
	FAILS(LockFile(a, 0, 0x10000000, 0, 0xf0000001), FALSE, ERROR_INVALID_PARAMETER);
	CHECK(LockFile(a, ~0u, ~0u, 1, 0) && UnlockFile(a, ~0u, ~0u, 1, 0),
	      "the last byte: %lu", GetLastError());
	/* A zero-length lock covers no byte, but a lock over its offset
	 * conflicts with it. */
	CHECK(LockFile(a, 100, 0, 0, 0), "zero bytes at 100: %lu", GetLastError());
	FAILS(LockFile(a, 98, 0, 4, 0), FALSE, ERROR_LOCK_VIOLATION);
	FAILS(LockFile(b, 100, 0, 10, 0), FALSE, ERROR_LOCK_VIOLATION);
	CHECK(LockFile(a, 90, 0, 10, 0), "90,10 ends before it: %lu", GetLastError());
	CHECK(allowed(b, TRUE, 100, 10), "zero bytes lock no byte");
	CHECK(UnlockFile(a, 90, 0, 10, 0), "90,10");
	FAILS(UnlockFile(a, 100, 0, 10, 0), FALSE, ERROR_NOT_LOCKED);
	CHECK(UnlockFile(a, 100, 0, 0, 0), "zero bytes unlocked: %lu", GetLastError());
}

static void bad_arguments(HANDLE a)
{
	OVERLAPPED ov = { .Offset = 0 };
	HANDLE attr = op(FILE_READ_ATTRIBUTES), ev = CreateEventA(NULL, TRUE, FALSE, NULL);
	HANDLE dir = CreateFileA("C:\\", GENERIC_READ, ALL, NULL, OPEN_EXISTING,
				 FILE_FLAG_BACKUP_SEMANTICS, NULL);

	FAILS(LockFile(INVALID_HANDLE_VALUE, 0, 0, 1, 0), FALSE, ERROR_INVALID_HANDLE);
	FAILS(UnlockFile(NULL, 0, 0, 1, 0), FALSE, ERROR_INVALID_HANDLE);
	FAILS(LockFile(ev, 0, 0, 1, 0), FALSE, ERROR_INVALID_HANDLE);
	FAILS(LockFile(attr, 0, 0, 1, 0), FALSE, ERROR_ACCESS_DENIED);
	FAILS(UnlockFile(attr, 0, 0, 1, 0), FALSE, ERROR_ACCESS_DENIED);
	FAILS(LockFile(dir, 0, 0, 1, 0), FALSE, ERROR_INVALID_PARAMETER);
	FAILS(LockFileEx(a, LOCKFILE_EXCLUSIVE_LOCK, 1, 1, 0, &ov), FALSE, ERROR_INVALID_PARAMETER);
	FAILS(LockFileEx(a, LOCKFILE_EXCLUSIVE_LOCK, 0, 1, 0, NULL), FALSE,
	      ERROR_INVALID_PARAMETER);
	FAILS(UnlockFileEx(a, 1, 1, 0, &ov), FALSE, ERROR_INVALID_PARAMETER);
	FAILS(UnlockFileEx(a, 0, 1, 0, NULL), FALSE, ERROR_INVALID_PARAMETER);
	CHECK(LockFile(a, 0, 0, 1, 0), "none of that locked anything: %lu", GetLastError());
	CHECK(UnlockFile(a, 0, 0, 1, 0), "unlocked");
	CloseHandle(attr);
	CloseHandle(ev);
	CloseHandle(dir);
}

/* A handle's locks go with its process's last handle to its File object:
 * a duplicate keeps them, the last close frees them. */
static void closing(HANDLE a)
{
	HANDLE c = op(GENERIC_READ | GENERIC_WRITE), dup;

	CHECK(LockFile(c, 300, 0, 10, 0), "locked through c");
	CloseHandle(c);
	CHECK(LockFile(a, 300, 0, 10, 0) && UnlockFile(a, 300, 0, 10, 0), "gone with c: %lu",
	      GetLastError());
	c = op(GENERIC_READ | GENERIC_WRITE);
	CHECK(DuplicateHandle(GetCurrentProcess(), c, GetCurrentProcess(), &dup, 0, FALSE,
			      DUPLICATE_SAME_ACCESS), "duplicate");
	CHECK(LockFile(dup, 300, 0, 10, 0), "locked through the duplicate");
	CloseHandle(dup);
	FAILS(LockFile(a, 300, 0, 10, 0), FALSE, ERROR_LOCK_VIOLATION);
	CHECK(UnlockFile(c, 300, 0, 10, 0), "the duplicate's lock is c's: %lu", GetLastError());
	CHECK(LockFile(c, 300, 0, 10, 0), "locked again");
	CloseHandle(c);
	CHECK(LockFile(a, 300, 0, 10, 0) && UnlockFile(a, 300, 0, 10, 0), "gone with the last");
}

struct waiter {
	HANDLE file, event;
	DWORD flags, at, len;
	volatile LONG done;
	DWORD error;
};

static DWORD WINAPI wait_for_lock(LPVOID p)
{
	struct waiter *w = p;
	OVERLAPPED ov = { .Offset = w->at, .hEvent = w->event };
	BOOL ok = LockFileEx(w->file, w->flags, 0, w->len, 0, &ov);

	w->error = ok ? 0 : GetLastError();
	if (ok && ov.Internal != 0)
		w->error = 0xbad;
	InterlockedExchange(&w->done, 1);
	return ok;
}

/* Starts a thread waiting in LockFileEx for at,len through file; checks it
 * is still waiting 100 ms later. */
static HANDLE start_waiter(struct waiter *w, HANDLE file, DWORD flags, DWORD at, DWORD len)
{
	HANDLE t;

	*w = (struct waiter){ file, CreateEventA(NULL, TRUE, FALSE, NULL), flags, at, len, 0, 0 };
	t = CreateThread(NULL, 0, wait_for_lock, w, 0, NULL);
	Sleep(100);
	CHECK(!w->done && WaitForSingleObject(t, 0) == WAIT_TIMEOUT, "not waiting: %lu", w->error);
	CHECK(WaitForSingleObject(w->event, 0) == WAIT_TIMEOUT, "its event is not set yet");
	return t;
}

/* Whether the waiter got its lock (its event set) within a second. */
static BOOL granted(HANDLE t, struct waiter *w)
{
	BOOL ok = WaitForSingleObject(t, 1000) == WAIT_OBJECT_0 && w->done && w->error == 0 &&
		  WaitForSingleObject(w->event, 0) == WAIT_OBJECT_0;

	CloseHandle(t);
	CloseHandle(w->event);
	return ok;
}

static void waiting(HANDLE a, HANDLE b)
{
	struct waiter w;
	HANDLE t, c;

	CHECK(LockFile(a, 400, 0, 10, 0), "a locks 400,10");
	t = start_waiter(&w, b, LOCKFILE_EXCLUSIVE_LOCK, 405, 10);
	CHECK(UnlockFile(a, 400, 0, 10, 0), "UnlockFile ends the wait");
	CHECK(granted(t, &w), "granted after UnlockFile: %lu", w.error);
	FAILS(LockFile(a, 410, 0, 1, 0), FALSE, ERROR_LOCK_VIOLATION);   /* b holds it now */
	CHECK(refused(a, FALSE, 405, 1), "and it holds a back");
	CHECK(UnlockFile(b, 405, 0, 10, 0), "b unlocks");

	/* A shared request waits for an exclusive lock, and CloseHandle of
	 * the lock's handle ends the wait. */
	c = op(GENERIC_READ | GENERIC_WRITE);
	CHECK(LockFile(c, 500, 0, 10, 0), "c locks 500,10");
	t = start_waiter(&w, b, 0, 500, 1);
	CloseHandle(c);
	CHECK(granted(t, &w), "granted after CloseHandle: %lu", w.error);
	CHECK(refused(a, TRUE, 500, 1) && allowed(a, FALSE, 500, 1), "b's shared lock holds");
	CHECK(UnlockFile(b, 500, 0, 1, 0), "b unlocks");

	/* A terminated waiter leaves nothing behind. */
	CHECK(LockFile(a, 600, 0, 10, 0), "a locks 600,10");
	t = start_waiter(&w, b, LOCKFILE_EXCLUSIVE_LOCK, 600, 10);
	CHECK(TerminateThread(t, 7), "terminate the waiter");
	CHECK(WaitForSingleObject(t, 1000) == WAIT_OBJECT_0, "it ended");
	CloseHandle(t);
	CloseHandle(w.event);
	CHECK(UnlockFile(a, 600, 0, 10, 0), "a unlocks");
	CHECK(LockFile(a, 600, 0, 10, 0) && UnlockFile(a, 600, 0, 10, 0),
	      "the terminated request took nothing");
	FAILS(UnlockFile(b, 600, 0, 10, 0), FALSE, ERROR_NOT_LOCKED);
}

/* A FILE_FLAG_OVERLAPPED handle's LockFileEx that must wait pends: the
 * kernel answers it later, writing Internal and setting hEvent, when the
 * range frees, CancelIoEx cancels it or its handle closes. */
static void overlapped(HANDLE a)
{
	const DWORD rw = GENERIC_READ | GENERIC_WRITE, x = LOCKFILE_EXCLUSIVE_LOCK;
	HANDLE o = CreateFileA(F, rw, ALL, NULL, OPEN_EXISTING, FILE_FLAG_OVERLAPPED, NULL);
	HANDLE o2 = CreateFileA(F, rw, ALL, NULL, OPEN_EXISTING, FILE_FLAG_OVERLAPPED, NULL);
	OVERLAPPED ov = { .Offset = 950, .hEvent = CreateEventA(NULL, TRUE, TRUE, NULL) };
	OVERLAPPED ov2 = { .Offset = 955, .hEvent = CreateEventA(NULL, TRUE, FALSE, NULL) };
	OVERLAPPED at972 = { .Offset = 972 };
	DWORD n = 77;
	char byte;

	CHECK(LockFile(a, 950, 0, 10, 0), "a locks 950,10");
	FAILS(LockFileEx(o, x, 0, 10, 0, &ov), FALSE, ERROR_IO_PENDING);
	CHECK(!HasOverlappedIoCompleted(&ov), "pending: 0x%lx", (unsigned long)ov.Internal);
	CHECK(WaitForSingleObject(ov.hEvent, 100) == WAIT_TIMEOUT, "its event was reset");
	FAILS(GetOverlappedResult(o, &ov, &n, FALSE), FALSE, ERROR_IO_INCOMPLETE);
	FAILS(lock_ex(o, x | LOCKFILE_FAIL_IMMEDIATELY, 950, 1), FALSE, ERROR_LOCK_VIOLATION);
	CHECK(UnlockFile(a, 950, 0, 10, 0), "a unlocks");
	CHECK(WaitForSingleObject(ov.hEvent, 1000) == WAIT_OBJECT_0, "set when granted");
	CHECK(GetOverlappedResult(o, &ov, &n, TRUE) && n == 0 && ov.Internal == 0,
	      "granted: %lu", GetLastError());
	FAILS(LockFile(a, 955, 0, 1, 0), FALSE, ERROR_LOCK_VIOLATION);

	FAILS(LockFileEx(o, x, 0, 1, 0, &ov2), FALSE, ERROR_IO_PENDING);  /* under its own */
	FAILS(CancelIoEx(o, &ov), FALSE, ERROR_NOT_FOUND);              /* that one is done */
	CHECK(CancelIoEx(o, &ov2), "CancelIoEx: %lu", GetLastError());
	CHECK(WaitForSingleObject(ov2.hEvent, 1000) == WAIT_OBJECT_0, "set when cancelled");
	FAILS(GetOverlappedResult(o, &ov2, &n, TRUE), FALSE, ERROR_OPERATION_ABORTED);

	/* Closing o frees its lock: o2's request is granted. */
	FAILS(LockFileEx(o2, x, 0, 1, 0, &ov2), FALSE, ERROR_IO_PENDING);
	CloseHandle(o);
	CHECK(GetOverlappedResultEx(o2, &ov2, &n, 1000, FALSE), "granted by the close: %lu",
	      GetLastError());
	/* A pending request goes with its own handle, cancelled. */
	CHECK(LockFile(a, 970, 0, 10, 0), "a locks 970,10");
	FAILS(ReadFile(o2, &byte, 1, NULL, &at972), FALSE, ERROR_LOCK_VIOLATION);
	ov.Offset = 970;
	FAILS(LockFileEx(o2, 0, 0, 1, 0, &ov), FALSE, ERROR_IO_PENDING);
	CloseHandle(o2);
	CHECK(WaitForSingleObject(ov.hEvent, 1000) == WAIT_OBJECT_0 &&
	      ov.Internal == 0xC0000120, "cancelled by the close: 0x%lx", (unsigned long)ov.Internal);
	CHECK(UnlockFile(a, 970, 0, 10, 0), "a unlocks");
	CHECK(LockFile(a, 950, 0, 30, 0) && UnlockFile(a, 950, 0, 30, 0), "nothing left");
	CloseHandle(ov.hEvent);
	CloseHandle(ov2.hEvent);
}

static HANDLE spawn(const char *self, const char *args, BOOL inherit)
{
	char line[300];
	PROCESS_INFORMATION pi;

	snprintf(line, sizeof(line), "%s %s", self, args);
	if (!CreateProcessA(NULL, line, NULL, NULL, inherit, 0, NULL, NULL, NULL, &pi))
		return NULL;
	CloseHandle(pi.hThread);
	return pi.hProcess;
}

static DWORD finish(HANDLE p)
{
	DWORD code = 12345;

	WaitForSingleObject(p, 10000);
	GetExitCodeProcess(p, &code);
	CloseHandle(p);
	return code;
}

/* Another process: its LockFileEx waits for ours; a lock it holds goes
 * when it ends, ending our wait; through an inherited handle (one File
 * object) its reads are held back by our lock, as the docs say. */
static void processes(const char *self, HANDLE a, HANDLE b)
{
	SECURITY_ATTRIBUTES sa = { sizeof(sa), NULL, TRUE };
	HANDLE child, held, inh;
	struct waiter w;
	char args[64];
	HANDLE t;

	CHECK(LockFile(a, 700, 0, 10, 0), "a locks 700,10");
	child = spawn(self, "wait", FALSE);
	CHECK(child != NULL, "spawn: %lu", GetLastError());
	Sleep(300);
	CHECK(WaitForSingleObject(child, 0) == WAIT_TIMEOUT, "the child waits for the lock");
	CHECK(UnlockFile(a, 700, 0, 10, 0), "a unlocks");
	CHECK(finish(child) == 0, "the child got the lock and wrote under it");

	held = CreateEventA(NULL, TRUE, FALSE, "file-locks-held");
	child = spawn(self, "hold", FALSE);
	CHECK(WaitForSingleObject(held, 5000) == WAIT_OBJECT_0, "the child holds 800,10");
	t = start_waiter(&w, b, LOCKFILE_EXCLUSIVE_LOCK, 800, 10);
	CHECK(finish(child) == 0, "the child ends without unlocking");
	CHECK(granted(t, &w), "its end freed the lock for b: %lu", w.error);
	CHECK(UnlockFile(b, 800, 0, 10, 0), "b unlocks");
	CloseHandle(held);

	inh = CreateFileA(F, GENERIC_READ | GENERIC_WRITE, ALL, &sa, OPEN_EXISTING, 0, NULL);
	CHECK(LockFile(inh, 900, 0, 10, 0), "locked through the inheritable handle");
	snprintf(args, sizeof(args), "inherit %lu", (unsigned long)(ULONG_PTR)inh);
	CHECK(finish(spawn(self, args, TRUE)) == 0, "the child's reads are held back");
	CHECK(allowed(inh, FALSE, 900, 10), "ours are not");
	CloseHandle(inh);
}

/* The children: 0 when what they test held. */
static int child(int argc, char **argv)
{
	HANDLE f = op(GENERIC_READ | GENERIC_WRITE), held;
	OVERLAPPED ov = { .Offset = 700 };
	DWORD moved;

	if (strcmp(argv[1], "wait") == 0)
		return !(LockFileEx(f, LOCKFILE_EXCLUSIVE_LOCK, 0, 10, 0, &ov) &&
			 allowed(f, TRUE, 700, 10) && UnlockFile(f, 700, 0, 10, 0));
	if (strcmp(argv[1], "hold") == 0) {
		held = OpenEventA(EVENT_MODIFY_STATE, FALSE, "file-locks-held");
		if (!LockFile(f, 800, 0, 10, 0) || !SetEvent(held))
			return 1;
		Sleep(300);
		return 0;               /* the lock goes with the process */
	}
	if (strcmp(argv[1], "inherit") == 0 && argc == 3) {
		f = (HANDLE)(ULONG_PTR)strtoul(argv[2], NULL, 10);
		return !(refused(f, FALSE, 900, 1) && refused(f, TRUE, 905, 1) &&
			 io(f, FALSE, 0, 10, &moved));
	}
	return 2;
}

int main(int argc, char **argv)
{
	HANDLE a, b;
	DWORD n;
	char fill[SIZE];

	if (argc >= 2)
		return child(argc, argv);
	a = op(GENERIC_READ | GENERIC_WRITE);
	b = op(GENERIC_READ | GENERIC_WRITE);
	memset(fill, 'f', sizeof(fill));
	CHECK(a != INVALID_HANDLE_VALUE && b != INVALID_HANDLE_VALUE, "open: %lu", GetLastError());
	CHECK(WriteFile(a, fill, sizeof(fill), &n, NULL) && n == SIZE, "fill");
	exclusive_and_shared(a, b);
	unlock_rules(a, b);
	ranges(a, b);
	bad_arguments(a);
	closing(a);
	waiting(a, b);
	overlapped(a);
	processes(argv[0], a, b);
	CloseHandle(a);
	CloseHandle(b);
	CHECK(DeleteFileA(F), "delete: %lu", GetLastError());
	printf("file-locks: %d failures\n", failures);
	return failures != 0;
}
