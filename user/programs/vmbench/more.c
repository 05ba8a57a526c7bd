/* vmbench --more DIR [ROUNDS]: the rows added later to the Linux peer's
 * benchmark (../shared/peer/linux686/README.md defines each), in make bench's
 * second boot, DIR being the FAT32 test volume (the primary slave: C:).
 * Processes, threads and events, then shared memory through pagefile-backed
 * sections (the peer's shared anonymous memory and memfd), then files.
 *
 * Every row checks what it did outside its timed calls (every word read
 * against H, every call's result) and prints "check FAILED: ..." for a wrong
 * one; the last line is "check ok: ..." or "check FAILED: N ...". The
 * CPU-bound rows run ROUNDS rounds; the file rows once: file_read_cold and
 * mapped_read_cold need pages never read since boot, and the test disk has one
 * such file for each. A row this kernel cannot run yet is printed as
 * missing, with the reason (missing()). */
#include <stdio.h>
#include <string.h>
#include <windows.h>
#include "user/programs/vmbench/bench.h"

#define SPAWN_LOOPS    200
#define THREAD_LOOPS   2000
#define PINGPONG_LOOPS 20000
#define SHM_LOOPS      2000
#define SMALL_LOOPS    500
#define MB16           (16u << 20)
#define NPG16          (MB16 / PG)     /* 4096 pages */
#define CH             (64u << 10)     /* file I/O chunk */

/* Adds the cycles of statement x to acc (the peer's TIMED). */
#define TIMED(acc, x) do { uint64_t t_ = rdtsc(); x; (acc) += rdtsc() - t_; } while (0)

static const char *dir;
static unsigned int nfail;
static char path[MAX_PATH];
static char iobuf[CH] __attribute__((aligned(4096)));

/* Word i of a test file of seed s (COLD1.BIN 1, COLD2.BIN 2, WRITE.BIN 3; 4:
 * the sections), as the peer's H and tools/mkbenchdisk.py. */
static inline uint32_t H(uint32_t s, uint32_t i)
{
	uint32_t h = i * 0x9E3779B1u + s * 0x85EBCA77u + 1u;

	h ^= h >> 16;
	h *= 0x85EBCA6Bu;
	h ^= h >> 13;
	h *= 0xC2B2AE35u;
	h ^= h >> 16;
	return h;
}

/* How many of the n words w are not H(s, first + i). */
static unsigned long bad_words(const uint32_t *w, uint32_t n, uint32_t s, uint32_t first)
{
	unsigned long bad = 0;

	for (uint32_t i = 0; i < n; i++)
		bad += w[i] != H(s, first + i);
	return bad;
}

/* Reports row's bad results, if any. */
static void check(const char *row, unsigned long bad)
{
	if (bad) {
		nfail++;
		printf("check FAILED: %s: %lu wrong words or failed calls\n", row, bad);
	}
}

/* DIR\name, in path. */
static const char *file(const char *name)
{
	snprintf(path, sizeof(path), "%s\\%s", dir, name);
	return path;
}

/* Starts this program with --exit (its main returns 0 at once), waits for it,
 * checks its exit code (the peer's waitpid status) and closes both handles. */
static void work_spawn(void)
{
	char cmdline[] = "vmbench --exit";
	unsigned long bad = 0;
	uint64_t t0 = rdtsc();

	for (int i = 0; i < SPAWN_LOOPS; i++) {
		PROCESS_INFORMATION pi;
		STARTUPINFOA si = { .cb = sizeof(si) };
		DWORD code = 1;

		if (!CreateProcessA(NULL, cmdline, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi)) {
			bad++;
			continue;
		}
		bad += WaitForSingleObject(pi.hProcess, INFINITE) != WAIT_OBJECT_0 ||
		       !GetExitCodeProcess(pi.hProcess, &code) || code != 0;
		bad += !CloseHandle(pi.hThread) + !CloseHandle(pi.hProcess);
	}
	record(SPAWN_EXIT_WAIT, per(t0, SPAWN_LOOPS));
	check("spawn_exit_wait", bad);
}

static DWORD returned[THREAD_LOOPS];

/* A thread that returns at once, leaving its parameter where the creator
 * checks it (the peer's pthread_join result). */
static DWORD WINAPI return_at_once(LPVOID parameter)
{
	returned[(uintptr_t)parameter - 1] = (uintptr_t)parameter;
	return 0;
}

/* CreateThread, WaitForSingleObject, CloseHandle. */
static void work_thread_create_join(void)
{
	unsigned long bad = 0;
	uint64_t t0 = rdtsc();

	for (uintptr_t i = 1; i <= THREAD_LOOPS; i++) {
		HANDLE h = CreateThread(NULL, 0, return_at_once, (LPVOID)i, 0, NULL);

		if (!h) {
			bad++;
			continue;
		}
		bad += WaitForSingleObject(h, INFINITE) != WAIT_OBJECT_0;
		bad += !CloseHandle(h);
	}
	record(THREAD_CREATE_JOIN, per(t0, THREAD_LOOPS));
	for (uintptr_t i = 1; i <= THREAD_LOOPS; i++)
		bad += returned[i - 1] != i;
	memset(returned, 0, sizeof(returned));
	check("thread_create_join", bad);
}

static HANDLE ping, pong;
static volatile unsigned pongs;

/* The second thread of the ping-pong: waits for ping, answers with pong. */
static DWORD WINAPI ponger(LPVOID unused)
{
	(void)unused;
	for (int i = 0; i < PINGPONG_LOOPS; i++) {
		WaitForSingleObject(ping, INFINITE);
		pongs++;
		SetEvent(pong);
	}
	return 0;
}

/* Two threads alternate through two auto-reset events: SetEvent(ping),
 * WaitForSingleObject(pong) here (the peer's two semaphores). */
static void work_event_pingpong(void)
{
	HANDLE th;
	uint64_t t0;

	ping = CreateEventA(NULL, FALSE, FALSE, NULL);
	pong = CreateEventA(NULL, FALSE, FALSE, NULL);
	pongs = 0;
	if (!ping || !pong || !(th = CreateThread(NULL, 0, ponger, NULL, 0, NULL)))
		die("the ping-pong's events and thread");
	t0 = rdtsc();
	for (int i = 0; i < PINGPONG_LOOPS; i++) {
		SetEvent(ping);
		WaitForSingleObject(pong, INFINITE);
	}
	record(EVENT_PINGPONG, per(t0, PINGPONG_LOOPS));
	check("event_pingpong", (WaitForSingleObject(th, INFINITE) != WAIT_OBJECT_0) +
	      (pongs != PINGPONG_LOOPS) + !CloseHandle(th) + !CloseHandle(ping) +
	      !CloseHandle(pong));
}

/* A pagefile-backed section of bytes (the peer's shared anonymous memory and
 * memfd), or NULL. */
static HANDLE shared_memory(uint32_t bytes)
{
	return CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, bytes, NULL);
}

/* A 1 MB section mapped read-write, a word written at the start of each of
 * its first 16 pages, unmapped and closed. */
static void work_shm(void)
{
	unsigned long bad = 0;
	uint64_t t0 = rdtsc();

	for (int i = 0; i < SHM_LOOPS; i++) {
		HANDLE s = shared_memory(1u << 20);
		volatile uint32_t *q = s ? MapViewOfFile(s, FILE_MAP_WRITE, 0, 0, 1u << 20) : NULL;

		if (!q) {
			bad += 1 + (s && !CloseHandle(s));
			continue;
		}
		for (uint32_t k = 0; k < 16; k++)
			q[k * (PG / 4)] = k + 1;
		bad += !UnmapViewOfFile((LPCVOID)q) + !CloseHandle(s);
	}
	record(SHM_MAP_TOUCH16, per(t0, SHM_LOOPS));
	check("shm_map_touch16_unmap", bad);
}

/* A section of bytes made resident through a read-write view (word 0 of page
 * p = H(4, p); untimed), then a second view: cow 0, FILE_MAP_READ, word 0 of
 * every page read (soft faults on resident pages); cow 1, FILE_MAP_COPY, word
 * 1 of every page written (copy-on-write faults). Only that loop is timed. */
static void shared_views(int cow)
{
	const uint32_t bytes = cow ? MB16 / 2 : MB16, np = bytes / PG;
	HANDLE s = shared_memory(bytes);
	uint32_t *a = s ? MapViewOfFile(s, FILE_MAP_WRITE, 0, 0, bytes) : NULL;
	volatile uint32_t *v;
	unsigned long bad = 0;
	uint32_t x = 0;
	uint64_t t0;

	if (!a)
		die("CreateFileMappingA/MapViewOfFile of a section");
	for (uint32_t p = 0; p < np; p++)
		a[p * (PG / 4)] = H(4, p);
	v = MapViewOfFile(s, cow ? FILE_MAP_COPY : FILE_MAP_READ, 0, 0, bytes);
	if (!v)
		die("MapViewOfFile of the second view");
	t0 = rdtsc();
	if (!cow) {
		for (uint32_t p = 0; p < np; p++)
			x ^= v[p * (PG / 4)];
		record(SHARED_SOFT_FAULT, per(t0, np));
		for (uint32_t p = 0; p < np; p++) {
			x ^= H(4, p);
			bad += v[p * (PG / 4)] != H(4, p);
		}
		bad += x != 0;
	} else {
		for (uint32_t p = 0; p < np; p++)
			v[p * (PG / 4) + 1] = p ^ 0x5a5a0000u;
		record(COW_FAULT, per(t0, np));
		for (uint32_t p = 0; p < np; p++)
			bad += (v[p * (PG / 4)] != H(4, p)) + (v[p * (PG / 4) + 1] != (p ^ 0x5a5a0000u)) +
			       (a[p * (PG / 4) + 1] != 0);
	}
	bad += !UnmapViewOfFile((LPCVOID)v) + !UnmapViewOfFile(a) + !CloseHandle(s);
	check(cow ? "cow_fault" : "shared_soft_fault", bad);
}

static void work_shared_soft_fault(void)
{
	shared_views(0);
}

static void work_cow_fault(void)
{
	shared_views(1);
}

/* CreateFileA for reading an existing file, or for writing a new one. */
static HANDLE open_file(const char *name, int create)
{
	return CreateFileA(file(name), create ? GENERIC_WRITE : GENERIC_READ, FILE_SHARE_READ,
			   NULL, create ? CREATE_NEW : OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
}

/* WRITE.BIN made new, 16 MB written in 64 KB chunks (word i = H(3, i)),
 * flushed, closed: cycles inside those calls. */
static void work_file_write_seq(void)
{
	unsigned long bad = 0;
	uint64_t acc = 0;
	DWORD n;
	HANDLE h;
	BOOL ok;

	DeleteFileA(file("WRITE.BIN"));
	TIMED(acc, h = open_file("WRITE.BIN", 1));
	if (h == INVALID_HANDLE_VALUE) {
		bad++;
	} else {
		for (uint32_t k = 0; k < MB16 / CH; k++) {
			uint32_t *w = (uint32_t *)iobuf;

			for (uint32_t i = 0; i < CH / 4; i++)
				w[i] = H(3, k * (CH / 4) + i);
			TIMED(acc, ok = WriteFile(h, iobuf, CH, &n, NULL));
			bad += !ok || n != CH;
		}
		TIMED(acc, ok = FlushFileBuffers(h));
		bad += !ok;
		TIMED(acc, ok = CloseHandle(h));
		bad += !ok;
	}
	record(FILE_WRITE_SEQ, acc / NPG16);
	check("file_write_seq", bad);
}

/* Opens name, reads its 16 MB in 64 KB chunks into iobuf, closes it: cycles
 * inside those calls only; adds to *bad the words that are not H(seed, i)
 * and the calls that failed (the checks between reads are not timed). */
static uint64_t read_file(const char *name, uint32_t seed, unsigned long *bad)
{
	uint64_t acc = 0;
	DWORD n;
	HANDLE h;
	BOOL ok;

	TIMED(acc, h = open_file(name, 0));
	if (h == INVALID_HANDLE_VALUE) {
		(*bad)++;
		return 0;
	}
	for (uint32_t k = 0; k < MB16 / CH; k++) {
		memset(iobuf, 0, CH);
		TIMED(acc, ok = ReadFile(h, iobuf, CH, &n, NULL));
		*bad += !ok || n != CH ? CH / 4 :
			bad_words((const uint32_t *)iobuf, CH / 4, seed, k * (CH / 4));
	}
	TIMED(acc, ok = CloseHandle(h));
	*bad += !ok;
	return acc;
}

/* WRITE.BIN read back, every page of it read before: the peer checks with
 * mincore that all of it is in the page cache; Win32 has no such query, so
 * an untimed read first makes it so, whatever a cache keeps of what was
 * written. Then WARM_ROUNDS timed reads, each the peer's whole work (a
 * warm read changes nothing, so it can be a round like the CPU-bound
 * rows': one pass is ~10 ms, which one slow moment of the host decides).
 * Then WRITE.BIN is deleted (untimed). */
#define WARM_ROUNDS 3
static void work_file_read_warm(void)
{
	unsigned long bad = 0;

	read_file("WRITE.BIN", 3, &bad);
	for (int r = 0; r < WARM_ROUNDS; r++)
		record(FILE_READ_WARM, read_file("WRITE.BIN", 3, &bad) / NPG16);
	bad += !DeleteFileA(file("WRITE.BIN"));
	check("file_read_warm", bad);
}

/* COLD1.BIN read, none of it read since boot (the peer then drops its pages
 * with POSIX_FADV_DONTNEED; Win32 has no such call, and no later row reads
 * COLD1.BIN). */
static void work_file_read_cold(void)
{
	unsigned long bad = 0;

	record(FILE_READ_COLD, read_file("COLD1.BIN", 1, &bad) / NPG16);
	check("file_read_cold", bad);
}

/* COLD2.BIN (never read since boot) mapped read-only through a file-backed
 * section, word 0 of each of its 4096 pages read: cycles of that loop only;
 * then every word checked. */
static void work_mapped_read_cold(void)
{
	HANDLE h = open_file("COLD2.BIN", 0), s;
	const volatile uint32_t *m;
	unsigned long bad = 0;
	uint32_t x = 0;
	uint64_t t0;

	if (h == INVALID_HANDLE_VALUE) {
		check("mapped_read_cold: CreateFileA", 1);
		return;
	}
	s = CreateFileMappingA(h, NULL, PAGE_READONLY, 0, 0, NULL);
	if (!s) {
		check("mapped_read_cold: CreateFileMappingA", 1);
		check("mapped_read_cold: CloseHandle", !CloseHandle(h));
		return;
	}
	m = MapViewOfFile(s, FILE_MAP_READ, 0, 0, MB16);
	if (m) {
		t0 = rdtsc();
		for (uint32_t p = 0; p < NPG16; p++)
			x ^= m[p * (PG / 4)];
		record(MAPPED_READ_COLD, per(t0, NPG16));
		for (uint32_t p = 0; p < NPG16; p++)
			x ^= H(2, p * (PG / 4));
		bad = (x != 0) + bad_words((const uint32_t *)m, MB16 / 4, 2, 0) +
		      !UnmapViewOfFile((LPCVOID)m);
	}
	check("mapped_read_cold", bad + !m + !CloseHandle(s) + !CloseHandle(h));
}

/* SMALL.TMP made new, 1 KB written, closed, deleted. */
static void work_small_file(void)
{
	unsigned long bad = 0;
	uint64_t t0;
	DWORD n;

	DeleteFileA(file("SMALL.TMP"));
	for (int i = 0; i < 1024; i++)
		iobuf[i] = (char)(i * 7 + 1);
	t0 = rdtsc();
	for (int i = 0; i < SMALL_LOOPS; i++) {
		HANDLE h = open_file("SMALL.TMP", 1);

		if (h == INVALID_HANDLE_VALUE) {
			bad++;
			continue;
		}
		bad += !WriteFile(h, iobuf, 1024, &n, NULL) || n != 1024;
		bad += !CloseHandle(h) + !DeleteFileA(path);
	}
	record(SMALL_FILE_CREATE_DELETE, per(t0, SMALL_LOOPS));
	bad += GetFileAttributesA(file("SMALL.TMP")) != INVALID_FILE_ATTRIBUTES;
	check("small_file_create_delete", bad);
}

/* The CPU-bound rows (ROUNDS rounds), then the file rows (once), in the
 * peer's order. */
static struct workload work[] = {
	{ .name = "spawn_exit_wait", .run = work_spawn },
	{ .name = "thread_create_join", .run = work_thread_create_join },
	{ .name = "event_pingpong", .run = work_event_pingpong },
	{ .name = "shm_map_touch16", .run = work_shm },
	{ .name = "shared_soft_fault", .run = work_shared_soft_fault },
	{ .name = "cow_fault", .run = work_cow_fault },
	{ .name = "file_write_seq", .run = work_file_write_seq },
	{ .name = "file_read_warm", .run = work_file_read_warm },
	{ .name = "file_read_cold", .run = work_file_read_cold },
	{ .name = "mapped_read_cold", .run = work_mapped_read_cold },
	{ .name = "small_file", .run = work_small_file },
};

#define WORKLOADS  (sizeof(work) / sizeof(work[0]))
#define CPU_BOUND  6

int more_main(const char *d, uint32_t rounds)
{
	unsigned int start[COUNTERS], end[COUNTERS];

	dir = d;
	printf("vmbench --more: %u rounds, files in %s\n", rounds, dir);
	counters(start);
	run_rounds(work, CPU_BOUND, rounds);
	if (GetFileAttributesA(file("COLD1.BIN")) == INVALID_FILE_ATTRIBUTES) {
		printf("check FAILED: no %s (error %lu; the FAT32 test volume is missing): "
		       "the file rows did not run\n", path, GetLastError());
		nfail++;
	} else {
		run_rounds(work + CPU_BOUND, WORKLOADS - CPU_BOUND, 1);
	}
	counters(end);
	print_results(work, WORKLOADS);
	print_counters(start, end);
	if (nfail)
		printf("check FAILED: %u of the checks above failed\n", nfail);
	else
		printf("check ok: every added row's calls and data verified\n");
	return nfail != 0;
}
