/* The file cache (kernel/io/cache.c, mm/filecache.c): a second read hits
 * memory (the counters say so); data written and not flushed is seen at
 * once by another handle and another process; the lazy writer writes it
 * within seconds and FlushFileBuffers at once; truncation drops cached dirty
 * pages and a cut page's tail reads zero; a file larger than memory written
 * and read back word by word (`file-cache big MB`, the pressure scenario).
 * Leaves C:\CACHE\flushed.bin (10000 bytes, byte i = i * 7 + 3) for the
 * runner to compare on the host. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include "vados/calls.h"

#define TEST_NAME "file-cache"
#include "check.h"
#include "file-common.h"

#define PAGE 4096u

static unsigned char buf[16 * PAGE], back[16 * PAGE];

static unsigned word_at(unsigned i)
{
	return i * 2654435761u ^ 0x5bd1e995u;
}

static void fill(unsigned char *p, unsigned n, unsigned seed)
{
	for (unsigned i = 0; i < n; i++)
		p[i] = (unsigned char)(i * 7 + seed);
}

static HANDLE open_file(const char *path, DWORD disposition)
{
	return CreateFileA(path, GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE,
			   NULL, disposition, 0, NULL);
}

static BOOL read_at(HANDLE h, DWORD at, void *p, DWORD n, DWORD *got)
{
	SetFilePointer(h, (LONG)at, NULL, FILE_BEGIN);
	return ReadFile(h, p, n, got, NULL);
}

/* A file read twice: C:\CACHE\host.bin (the runner's copy of
 * tests/data/interop.bin, 40123 bytes, never read since boot): the first
 * read misses (pages read, in clusters), the second hits. A file written
 * and closed stays cached (closing neither flushes nor drops it): opened
 * again, even its first read hits. */
static void hits(void)
{
	HANDLE h = open_file("C:\\CACHE\\host.bin", OPEN_EXISTING);
	struct vados_mm_counters c0, c1, c2, c3;
	DWORD n, m, size = 40123, pages = (size + PAGE - 1) / PAGE;

	c0 = vados_mm_counters();
	CHECK(read_at(h, 0, buf, sizeof(buf), &n) && n == size, "first read: %lu bytes", n);
	c1 = vados_mm_counters();
	CHECK(read_at(h, 0, back, sizeof(back), &m) && m == size && memcmp(buf, back, n) == 0,
	      "second read: %lu bytes", m);
	c2 = vados_mm_counters();
	CHECK(c1.cache_pages_read - c0.cache_pages_read == pages &&
	      c1.cache_misses - c0.cache_misses < pages,
	      "the first read reads %lu pages in clusters: %u pages, %u misses", pages,
	      c1.cache_pages_read - c0.cache_pages_read, c1.cache_misses - c0.cache_misses);
	CHECK(c2.cache_pages_read == c1.cache_pages_read && c2.cache_hits - c1.cache_hits >= pages,
	      "the second read hits: %u pages read, %u hits", c2.cache_pages_read - c1.cache_pages_read,
	      c2.cache_hits - c1.cache_hits);
	CloseHandle(h);
	printf("file-cache: %lu pages: first read %u pages in %u misses, second read %u hits\n",
	       pages, c1.cache_pages_read - c0.cache_pages_read, c1.cache_misses - c0.cache_misses,
	       c2.cache_hits - c1.cache_hits);
	h = open_file("C:\\CACHE\\hits.bin", CREATE_ALWAYS);
	fill(buf, sizeof(buf), 1);
	CHECK(WriteFile(h, buf, sizeof(buf), &n, NULL) && n == sizeof(buf), "write: %lu",
	      GetLastError());
	CloseHandle(h);         /* closed: its pages stay, dirty until the lazy writer */
	h = open_file("C:\\CACHE\\hits.bin", OPEN_EXISTING);
	c2 = vados_mm_counters();
	CHECK(read_at(h, 0, back, sizeof(back), &n) && n == sizeof(back) &&
	      memcmp(buf, back, n) == 0, "reopened: %lu bytes", n);
	c3 = vados_mm_counters();
	CHECK(c3.cache_pages_read == c2.cache_pages_read && c3.cache_hits - c2.cache_hits >= 16,
	      "a closed file stays cached: %u pages read, %u hits",
	      c3.cache_pages_read - c2.cache_pages_read, c3.cache_hits - c2.cache_hits);
	CloseHandle(h);
	printf("file-cache: closed and opened again: %u pages read, %u hits\n",
	       c3.cache_pages_read - c2.cache_pages_read, c3.cache_hits - c2.cache_hits);
}

/* The child: C:\CACHE\shared.bin holds 3 pages of fill(.., 9). */
static int child_reads(void)
{
	HANDLE h = CreateFileA("C:\\CACHE\\shared.bin", GENERIC_READ,
			       FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING, 0, NULL);
	DWORD n = 0;

	fill(buf, 3 * PAGE, 9);
	if (h == INVALID_HANDLE_VALUE || !ReadFile(h, back, sizeof(back), &n, NULL))
		return 2;
	CloseHandle(h);
	return n == 3 * PAGE && memcmp(buf, back, n) == 0 ? 0 : 3;
}

/* Written, not flushed: another handle and another process see it; the
 * lazy writer writes it within a few seconds; FlushFileBuffers writes
 * what is dirty at once. */
static void coherence(void)
{
	HANDLE w = open_file("C:\\CACHE\\shared.bin", CREATE_ALWAYS), r;
	struct vados_mm_counters c0, c1;
	DWORD n, code;
	int waited = 0;

	fill(buf, 3 * PAGE, 9);
	c0 = vados_mm_counters();
	CHECK(WriteFile(w, buf, 3 * PAGE, &n, NULL) && n == 3 * PAGE, "write: %lu", GetLastError());
	r = open_file("C:\\CACHE\\shared.bin", OPEN_EXISTING);
	CHECK(read_at(r, 0, back, sizeof(back), &n) && n == 3 * PAGE && memcmp(buf, back, n) == 0,
	      "another handle sees it: %lu bytes", n);
	code = file_run(NULL, "C:\\BIN\\file-cache.exe child");
	CHECK(code == 0, "another process sees it: %lu", code);
	while ((c1 = vados_mm_counters()).cache_lazy_pages - c0.cache_lazy_pages < 3 && waited < 5000) {
		Sleep(100);
		waited += 100;
	}
	CHECK(c1.cache_lazy_pages - c0.cache_lazy_pages >= 3,
	      "the lazy writer wrote the 3 pages within 5 s: %u", c1.cache_lazy_pages - c0.cache_lazy_pages);
	printf("file-cache: the lazy writer wrote 3 dirty pages within %d ms\n", waited);
	/* Another write, flushed at once. */
	fill(buf, PAGE, 11);
	c0 = vados_mm_counters();
	CHECK(WriteFile(w, buf, PAGE, &n, NULL) && FlushFileBuffers(w), "write + flush: %lu",
	      GetLastError());
	c1 = vados_mm_counters();
	CHECK(c1.cache_pages_written - c0.cache_pages_written >= 1,
	      "FlushFileBuffers wrote the page: %u", c1.cache_pages_written - c0.cache_pages_written);
	CHECK(GetFileSize(r, NULL) == 4 * PAGE, "the other handle sees the size: %lu",
	      GetFileSize(r, NULL));
	CloseHandle(r);
	CloseHandle(w);
	CHECK(DeleteFileA("C:\\CACHE\\shared.bin"), "delete: %lu", GetLastError());
}

/* SetEndOfFile below dirty cached pages, then up again: the cut part reads
 * zero, through a handle and through one opened after the file was closed. */
static void truncation(void)
{
	HANDLE h = open_file("C:\\CACHE\\cut.bin", CREATE_ALWAYS);
	const DWORD cut = PAGE + PAGE / 2;
	DWORD n;
	int bad = 0;

	fill(buf, 5 * PAGE, 5);
	CHECK(WriteFile(h, buf, 5 * PAGE, &n, NULL), "write: %lu", GetLastError());
	SetFilePointer(h, (LONG)cut, NULL, FILE_BEGIN);
	CHECK(SetEndOfFile(h) && GetFileSize(h, NULL) == cut, "cut: %lu", GetFileSize(h, NULL));
	SetFilePointer(h, 5 * PAGE, NULL, FILE_BEGIN);
	CHECK(SetEndOfFile(h) && GetFileSize(h, NULL) == 5 * PAGE, "grown: %lu",
	      GetFileSize(h, NULL));
	for (int pass = 0; pass < 2; pass++) {
		memset(back, 0xee, sizeof(back));
		CHECK(read_at(h, 0, back, sizeof(back), &n) && n == 5 * PAGE, "read: %lu", n);
		for (DWORD i = 0; i < n; i++)
			bad += back[i] != (i < cut ? buf[i] : 0);
		CHECK(bad == 0, "pass %d: %d bytes wrong", pass, bad);
		CloseHandle(h);         /* closed and opened again: the pages stay cached */
		h = open_file("C:\\CACHE\\cut.bin", OPEN_EXISTING);
	}
	CloseHandle(h);
	CHECK(DeleteFileA("C:\\CACHE\\cut.bin"), "delete: %lu", GetLastError());
}

/* One thread writes and reads 64 KB at a time while another cuts and
 * grows the file through its own handle: copies to and from user buffers run
 * without the volume lock, and the truncations wait for them. Every read
 * sees, per byte, what was written or zero. */
static volatile LONG racing;
static unsigned char racer_buf[16 * PAGE], racer_back[16 * PAGE];

static DWORD WINAPI cutter(void *arg)
{
	HANDLE h = open_file("C:\\CACHE\\race.bin", OPEN_EXISTING);
	unsigned seed = 1;

	(void)arg;
	while (racing) {
		seed = seed * 1103515245u + 12345u;
		SetFilePointer(h, (LONG)(seed >> 8) % (20 * PAGE), NULL, FILE_BEGIN);
		SetEndOfFile(h);
		Sleep(1);
	}
	CloseHandle(h);
	return 0;
}

static void race(void)
{
	HANDLE h = open_file("C:\\CACHE\\race.bin", CREATE_ALWAYS), t;
	unsigned bad = 0, rounds = 0;
	DWORD n;

	fill(racer_buf, sizeof(racer_buf), 13);
	racing = 1;
	t = CreateThread(NULL, 0, cutter, NULL, 0, NULL);
	CHECK(t != NULL, "CreateThread: %lu", GetLastError());
	for (DWORD start = GetTickCount(); GetTickCount() - start < 1500; rounds++) {
		SetFilePointer(h, 0, NULL, FILE_BEGIN);
		CHECK(WriteFile(h, racer_buf, sizeof(racer_buf), &n, NULL) && n == sizeof(racer_buf),
		      "write: %lu", GetLastError());
		if (!read_at(h, 0, racer_back, sizeof(racer_back), &n))
			CHECK(0, "read: %lu", GetLastError());
		for (DWORD i = 0; i < n; i++)
			bad += racer_back[i] != racer_buf[i] && racer_back[i] != 0;
	}
	racing = 0;
	WaitForSingleObject(t, INFINITE);
	CloseHandle(t);
	CloseHandle(h);
	CHECK(bad == 0, "%u bytes neither written nor zero", bad);
	CHECK(DeleteFileA("C:\\CACHE\\race.bin"), "delete: %lu", GetLastError());
	printf("file-cache: %u rounds of 64 KB against a cutting thread, %u bad bytes\n", rounds, bad);
}

/* Writes n bytes of fill(.., seed) to a new file at path and closes it:
 * closed, its pages stay cached, dirty. */
static void write_closed(const char *path, DWORD n, unsigned seed)
{
	HANDLE h = open_file(path, CREATE_ALWAYS);

	fill(buf, n, seed);
	CHECK(h != INVALID_HANDLE_VALUE && WriteFile(h, buf, n, &n, NULL), "write %s: %lu", path,
	      GetLastError());
	CloseHandle(h);
}

/* Whether path holds exactly n bytes of fill(.., seed). */
static bool holds(const char *path, DWORD n, unsigned seed)
{
	HANDLE h = open_file(path, OPEN_EXISTING);
	DWORD got = 0;
	bool ok;

	fill(buf, n, seed);
	ok = h != INVALID_HANDLE_VALUE && ReadFile(h, back, sizeof(back), &got, NULL) &&
	     got == n && memcmp(buf, back, n) == 0;
	CloseHandle(h);
	return ok;
}

/* Closed files kept cached meet the calls by path: a deleted one comes
 * back empty when made again (its cached pages went with it), a renamed
 * one keeps its data under the new name, a replaced one gives way to the
 * file moved over it, and one replacing another keeps its own data. */
static void closed_files(void)
{
	HANDLE h;
	DWORD size;

	write_closed("C:\\CACHE\\gone.bin", 3 * PAGE, 21);
	CHECK(DeleteFileA("C:\\CACHE\\gone.bin"), "delete a cached file: %lu", GetLastError());
	h = open_file("C:\\CACHE\\gone.bin", CREATE_NEW);
	size = GetFileSize(h, NULL);
	CHECK(h != INVALID_HANDLE_VALUE && size == 0, "made again: %lu bytes", size);
	CloseHandle(h);
	CHECK(DeleteFileA("C:\\CACHE\\gone.bin"), "delete: %lu", GetLastError());
	write_closed("C:\\CACHE\\old.bin", 2 * PAGE + 100, 22);
	CHECK(MoveFileA("C:\\CACHE\\old.bin", "C:\\CACHE\\new.bin"), "rename: %lu", GetLastError());
	CHECK(holds("C:\\CACHE\\new.bin", 2 * PAGE + 100, 22), "the renamed file's data");
	CHECK(GetFileAttributesA("C:\\CACHE\\old.bin") == INVALID_FILE_ATTRIBUTES,
	      "the old name is gone");
	write_closed("C:\\CACHE\\over.bin", 5 * PAGE, 23);
	CHECK(MoveFileExA("C:\\CACHE\\over.bin", "C:\\CACHE\\new.bin", MOVEFILE_REPLACE_EXISTING),
	      "replace a cached file: %lu", GetLastError());
	CHECK(holds("C:\\CACHE\\new.bin", 5 * PAGE, 23), "the replacing file's data");
	CHECK(DeleteFileA("C:\\CACHE\\new.bin"), "delete: %lu", GetLastError());
	printf("file-cache: closed files deleted, renamed and replaced\n");
}

/* The file the runner compares on the host: a tail page that is not whole. */
static void for_the_host(void)
{
	HANDLE h = open_file("C:\\CACHE\\flushed.bin", CREATE_ALWAYS);
	DWORD n;

	fill(buf, 10000, 3);
	CHECK(WriteFile(h, buf, 5000, &n, NULL) && WriteFile(h, buf + 5000, 5000, &n, NULL),
	      "write: %lu", GetLastError());
	CHECK(FlushFileBuffers(h), "flush: %lu", GetLastError());
	CloseHandle(h);
}

/* Writes chunks of 64 KB at h's pointer, word i = word_at(i). */
static void chunks_write(HANDLE h, unsigned chunks)
{
	unsigned *words = (unsigned *)buf, per = sizeof(buf) / 4;
	DWORD n;

	for (unsigned c = 0; c < chunks; c++) {
		for (unsigned i = 0; i < per; i++)
			words[i] = word_at(c * per + i);
		if (!WriteFile(h, buf, sizeof(buf), &n, NULL) || n != sizeof(buf)) {
			CHECK(0, "write of chunk %u: %lu", c, GetLastError());
			break;
		}
	}
}

/* Reads chunks of 64 KB from h's start; returns the words that differ
 * from chunks_write's. */
static unsigned chunks_check(HANDLE h, unsigned chunks)
{
	unsigned per = sizeof(back) / 4, bad = 0;
	DWORD n;

	SetFilePointer(h, 0, NULL, FILE_BEGIN);
	for (unsigned c = 0; c < chunks; c++) {
		if (!ReadFile(h, back, sizeof(back), &n, NULL) || n != sizeof(back)) {
			CHECK(0, "read of chunk %u: %lu", c, GetLastError());
			break;
		}
		for (unsigned i = 0; i < per; i++)
			bad += ((unsigned *)back)[i] != word_at(c * per + i);
	}
	return bad;
}

/* A file of mb megabytes, word i = word_at(i), written then read back. */
static void big(unsigned mb, bool pressure)
{
	HANDLE h = open_file("C:\\CACHE\\big.bin", CREATE_ALWAYS);
	unsigned chunks = mb * 1024u * 1024u / sizeof(buf), bad;
	struct vados_mm_counters c0 = vados_mm_counters(), c1;

	chunks_write(h, chunks);
	bad = chunks_check(h, chunks);
	c1 = vados_mm_counters();
	CHECK(bad == 0, "%u words wrong", bad);
	CHECK(!pressure || c1.cache_pages_read > c0.cache_pages_read,
	      "pages were dropped and read again");
	CloseHandle(h);
	CHECK(DeleteFileA("C:\\CACHE\\big.bin"), "delete: %lu", GetLastError());
	printf("file-cache: %u MB written and read back, %u bad words, %u pages read again, "
	       "%u written back\n", mb, bad, c1.cache_pages_read - c0.cache_pages_read,
	       c1.cache_pages_written - c0.cache_pages_written);
}

/* A file of mb megabytes written, flushed and read twice (its pages stay
 * valid in the file cache's working set), then private memory of pct
 * percent of the machine's touched page by page with no swap: the working
 * set must give its pages back; the file then reads back whole. */
static void give_back(unsigned mb, unsigned pct)
{
	HANDLE h = open_file("C:\\CACHE\\kept.bin", CREATE_ALWAYS);
	unsigned chunks = mb * 1024u * 1024u / sizeof(buf), bad;
	MEMORYSTATUSEX ms;
	SIZE_T size;
	char *mem;

	ms.dwLength = sizeof(ms);
	chunks_write(h, chunks);
	CHECK(FlushFileBuffers(h), "flush: %lu", GetLastError());
	bad = chunks_check(h, chunks) + chunks_check(h, chunks);
	CHECK(GlobalMemoryStatusEx(&ms), "status: %lu", GetLastError());
	size = (SIZE_T)(ms.ullTotalPhys / 100 * pct) & ~(SIZE_T)0xffff;
	mem = VirtualAlloc(NULL, size, MEM_COMMIT, PAGE_READWRITE);
	CHECK(mem != NULL, "commit of %lu KB: %lu", (unsigned long)(size >> 10), GetLastError());
	for (SIZE_T at = 0; mem && at < size; at += PAGE)
		mem[at] = 1;
	CHECK(!mem || VirtualFree(mem, 0, MEM_RELEASE), "release: %lu", GetLastError());
	bad += chunks_check(h, chunks);
	CHECK(bad == 0, "%u words wrong", bad);
	CloseHandle(h);
	CHECK(DeleteFileA("C:\\CACHE\\kept.bin"), "delete: %lu", GetLastError());
	printf("file-cache: %u MB read twice, then %lu KB of private memory touched, %u bad words\n",
	       mb, (unsigned long)(size >> 10), bad);
}

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "child") == 0)
		return child_reads();
	/* The runner made it for host.bin, unless big. */
	CHECK(CreateDirectoryA("C:\\CACHE", NULL) || GetLastError() == ERROR_ALREADY_EXISTS,
	      "mkdir: %lu", GetLastError());
	if (argc == 3 && strcmp(argv[1], "big") == 0) {
		big((unsigned)atoi(argv[2]), true);
	} else if (argc == 4 && strcmp(argv[1], "give-back") == 0) {
		give_back((unsigned)atoi(argv[2]), (unsigned)atoi(argv[3]));
	} else {
		hits();
		closed_files();
		coherence();
		truncation();
		race();
		for_the_host();
		big(2, false);
	}
	printf("file-cache: %d failures\n", failures);
	return failures != 0;
}
