/* ReadProcessMemory and WriteProcessMemory on a child, as Windows has them:
 * whole copies, unaligned and over many pages; a range that runs from a
 * committed page into a PAGE_NOACCESS or reserved one fails with
 * ERROR_PARTIAL_COPY and counts the bytes up to the boundary; a free or
 * reserved address copies nothing (ERROR_PARTIAL_COPY, 0 bytes); the
 * child's code (PAGE_EXECUTE_READ image pages) can be written, as a debugger
 * does, and keeps its protection, while read-only data refuses with
 * ERROR_NOACCESS; kernel addresses fail and touch nothing; size 0 succeeds;
 * a bad local buffer is ERROR_NOACCESS.
 *
 * "process-memory swap" does it on paged-out memory (run it with little RAM
 * and a swap disk): the child's pages are pushed out to swap before every
 * pass, read back and partly overwritten through the calls, and the child
 * then checks every word itself.
 *
 * Roles: the parent (no argument or "swap"); "child", which waits for its
 * mail (1: exit; 2: check the swap pattern, exit with the bad words).
 * Last line: "process-memory: ... M failures"; the exit status is M. */
#define TEST_NAME "process-memory"
#include "check.h"
#include "ob-common.h"
#include "swap-common.h"

#define KERNEL_ADDR  0x80000000u
#define DATA_VALUE   0xDA7A0001u
#define SWAP_PAGES   1024u              /* 4 MB in the child */
#define PRESSURE_MB  24u                /* more than the 16 MB the scenario gives */
#define SEED_A       0xA5A5u
#define SEED_B       0x5A5Au
#define WORDS        (PAGE / 4)

static volatile DWORD data_word = DATA_VALUE;
const DWORD rodata_words[PAGE / 4] = { 0x0D0D0D0D, 1, 2, 3, 4, 5, 6, 7 };
static BYTE local[16 * PAGE], other[16 * PAGE];

/* Never run: its bytes are what the parent writes over in the child. */
__attribute__((noinline, used)) int code_target(int x)
{
	return x * 3 + 7 + rodata_words[x & 7];
}

static void fill(BYTE *p, DWORD n, DWORD seed)
{
	for (DWORD i = 0; i < n; i++)
		p[i] = (BYTE)(i * 7 + seed + (i >> 8));
}

static MEMORY_BASIC_INFORMATION query(HANDLE h, const void *addr)
{
	MEMORY_BASIC_INFORMATION m;

	memset(&m, 0, sizeof(m));
	CHECK(VirtualQueryEx(h, addr, &m, sizeof(m)) == sizeof(m), "query %p: error %lu", addr,
	      GetLastError());
	return m;
}

/* Like CHECK_ERR, and the count of bytes copied must be want_n. */
#define CHECK_PARTIAL(call, err, n, want_n)                                              \
	do {                                                                             \
		(n) = 0xEEEE;                                                            \
		CHECK_ERR(call, err);                                                    \
		CHECK((n) == (want_n), "%lu bytes reported, want %lu", (DWORD)(n),       \
		      (DWORD)(want_n));                                                  \
	} while (0)

static void whole_copies(HANDLE h)
{
	DWORD value = 0, size = 16 * PAGE - 200;
	SIZE_T n = 0;
	char *p = VirtualAllocEx(h, NULL, 16 * PAGE, MEM_COMMIT, PAGE_READWRITE);

	CHECK(p != NULL, "VirtualAllocEx: error %lu", GetLastError());
	CHECK(ReadProcessMemory(h, (void *)&data_word, &value, 4, &n) && n == 4 &&
	      value == DATA_VALUE, "read the child's data: 0x%lx, %lu bytes (error %lu)", value,
	      (DWORD)n, GetLastError());
	fill(local, size, 1);
	CHECK(WriteProcessMemory(h, p + 100, local, size, &n) && n == size,
	      "write %lu bytes at an odd offset: %lu written (error %lu)", size, (DWORD)n,
	      GetLastError());
	memset(other, 0, sizeof(other));
	CHECK(ReadProcessMemory(h, p + 100, other, size, &n) && n == size,
	      "read them back: %lu read (error %lu)", (DWORD)n, GetLastError());
	CHECK(memcmp(local, other, size) == 0, "what was read is not what was written");
	CHECK(ReadProcessMemory(h, p, other, 100, NULL), "without a count: error %lu",
	      GetLastError());
	CHECK(other[0] == 0 && other[99] == 0, "the bytes before the write changed");
	/* The caller's own process, by its pseudo-handle. */
	value = 0;
	CHECK(ReadProcessMemory(GetCurrentProcess(), (void *)&data_word, &value, 4, &n) &&
	      value == DATA_VALUE, "read itself: error %lu", GetLastError());
	VirtualFreeEx(h, p, 0, MEM_RELEASE);
}

/* [a: read-write | a + PAGE: no access]   [b: read-write | b + PAGE: reserved] */
static void partial_copies(HANDLE h)
{
	char *a = VirtualAllocEx(h, NULL, 2 * PAGE, MEM_COMMIT, PAGE_READWRITE);
	char *b = VirtualAllocEx(h, NULL, 2 * PAGE, MEM_RESERVE, PAGE_READWRITE);
	char *f = VirtualAllocEx(h, NULL, PAGE, MEM_COMMIT, PAGE_READWRITE);
	DWORD old;
	SIZE_T n;

	CHECK(a && b && f && VirtualAllocEx(h, b, PAGE, MEM_COMMIT, PAGE_READWRITE) &&
	      VirtualProtectEx(h, a + PAGE, PAGE, PAGE_NOACCESS, &old) &&
	      VirtualFreeEx(h, f, 0, MEM_RELEASE), "set up: error %lu", GetLastError());
	fill(local, PAGE, 2);
	CHECK(WriteProcessMemory(h, a, local, PAGE, &n), "write a: error %lu", GetLastError());

	/* Into no-access memory: the bytes up to the boundary, and no more. */
	memset(other, 0xCC, 300);
	CHECK_PARTIAL(ReadProcessMemory(h, a + PAGE - 100, other, 300, &n), ERROR_PARTIAL_COPY,
		      n, 100);
	CHECK(memcmp(other, local + PAGE - 100, 100) == 0, "the 100 bytes read are wrong");
	CHECK(other[100] == (BYTE)0xCC && other[299] == (BYTE)0xCC,
	      "bytes past the boundary were stored");
	CHECK_PARTIAL(ReadProcessMemory(h, a, other, 2 * PAGE, &n), ERROR_PARTIAL_COPY, n, PAGE);
	CHECK_PARTIAL(ReadProcessMemory(h, a + PAGE, other, 16, &n), ERROR_PARTIAL_COPY, n, 0);
	fill(other, 300, 3);
	CHECK_PARTIAL(WriteProcessMemory(h, a + PAGE - 100, other, 300, &n), ERROR_PARTIAL_COPY,
		      n, 100);
	CHECK(ReadProcessMemory(h, a + PAGE - 100, local, 100, &n) &&
	      memcmp(local, other, 100) == 0, "the 100 bytes written did not land");
	CHECK_PARTIAL(WriteProcessMemory(h, a + PAGE, other, 16, &n), ERROR_NOACCESS, n, 0);
	CHECK(query(h, a + PAGE).Protect == PAGE_NOACCESS, "the no-access page is now 0x%lx",
	      query(h, a + PAGE).Protect);

	/* Into reserved memory, and reserved or free memory alone. */
	CHECK_PARTIAL(ReadProcessMemory(h, b + PAGE - 64, other, 128, &n), ERROR_PARTIAL_COPY,
		      n, 64);
	CHECK_PARTIAL(WriteProcessMemory(h, b + PAGE - 64, local, 128, &n), ERROR_PARTIAL_COPY,
		      n, 64);
	CHECK_PARTIAL(ReadProcessMemory(h, b + PAGE, other, 16, &n), ERROR_PARTIAL_COPY, n, 0);
	CHECK_PARTIAL(ReadProcessMemory(h, f, other, 16, &n), ERROR_PARTIAL_COPY, n, 0);
	CHECK_PARTIAL(ReadProcessMemory(h, f + 100, other, 3 * PAGE, &n), ERROR_PARTIAL_COPY,
		      n, 0);
	/* A write there fails and writes nothing; Windows' error comes from
	 * its NtProtectVirtualMemory, vados says ERROR_NOACCESS: not compared. */
	n = 0xEEEE;
	CHECK(!WriteProcessMemory(h, b + PAGE, local, 16, &n) && n == 0,
	      "a write to reserved memory: %lu bytes", (DWORD)n);
	n = 0xEEEE;
	CHECK(!WriteProcessMemory(h, f, local, 16, &n) && n == 0,
	      "a write to free memory: %lu bytes", (DWORD)n);
	VirtualFreeEx(h, a, 0, MEM_RELEASE);
	VirtualFreeEx(h, b, 0, MEM_RELEASE);
}

/* Code is written as a debugger writes it, its protection kept; read-only
 * data is refused. other_child runs the same image: its code must not change. */
static void code_and_read_only(HANDLE h, HANDLE other_child)
{
	BYTE original[16], patch[16], seen[16];
	const BYTE *code = (const BYTE *)code_target;
	MEMORY_BASIC_INFORMATION m = query(h, code);
	DWORD words[8];
	SIZE_T n;
	char *r, *x;

	CHECK(m.Protect == PAGE_EXECUTE_READ && m.Type == MEM_IMAGE,
	      "code_target: protect 0x%lx type 0x%lx", m.Protect, m.Type);
	CHECK(ReadProcessMemory(h, code, original, 16, &n) && memcmp(original, code, 16) == 0,
	      "the child's code is not the parent's");
	memset(patch, 0xCC, sizeof(patch));
	CHECK(WriteProcessMemory(h, (void *)code, patch, 16, &n) && n == 16,
	      "write code: %lu bytes (error %lu)", (DWORD)n, GetLastError());
	CHECK(ReadProcessMemory(h, code, seen, 16, &n) && memcmp(seen, patch, 16) == 0,
	      "the code written is not there");
	m = query(h, code);
	CHECK(m.Protect == PAGE_EXECUTE_READ, "code after the write: protect 0x%lx", m.Protect);
	CHECK(memcmp(code, original, 16) == 0, "the parent's own code changed");
	CHECK(ReadProcessMemory(other_child, code, seen, 16, &n) &&
	      memcmp(seen, original, 16) == 0, "another process's code changed");
	CHECK(WriteProcessMemory(h, (void *)code, original, 16, &n), "restore: error %lu",
	      GetLastError());

	/* Across two code pages (their own bytes again: the child runs them). */
	const BYTE *end = (const BYTE *)m.BaseAddress + m.RegionSize;
	const BYTE *edge = (const BYTE *)(((DWORD)code | (PAGE - 1)) + 1);
	if (edge + 8 <= end) {
		memcpy(seen, edge - 8, 16);
		CHECK(WriteProcessMemory(h, (void *)(edge - 8), seen, 16, &n) && n == 16,
		      "write across two code pages: error %lu", GetLastError());
		CHECK(query(h, edge - 8).Protect == PAGE_EXECUTE_READ &&
		      query(h, edge).Protect == PAGE_EXECUTE_READ,
		      "the code pages' protection changed");
	} else {
		printf(TEST_NAME ": no code page follows code_target's; not written across\n");
	}

	/* Read-only image data, and a read-only page of its own. */
	m = query(h, rodata_words);
	CHECK(m.Protect == PAGE_READONLY && m.Type == MEM_IMAGE,
	      "rodata_words: protect 0x%lx type 0x%lx", m.Protect, m.Type);
	memset(words, 0xEE, sizeof(words));
	CHECK_PARTIAL(WriteProcessMemory(h, (void *)rodata_words, words, sizeof(words), &n),
		      ERROR_NOACCESS, n, 0);
	CHECK(ReadProcessMemory(h, rodata_words, words, sizeof(words), &n) &&
	      memcmp(words, rodata_words, sizeof(words)) == 0, "read-only data changed");
	CHECK(query(h, rodata_words).Protect == PAGE_READONLY, "rodata is now 0x%lx",
	      query(h, rodata_words).Protect);
	r = VirtualAllocEx(h, NULL, PAGE, MEM_COMMIT, PAGE_READONLY);
	CHECK_PARTIAL(WriteProcessMemory(h, r, words, 4, &n), ERROR_NOACCESS, n, 0);
	CHECK(query(h, r).Protect == PAGE_READONLY, "the read-only page is now 0x%lx",
	      query(h, r).Protect);
	VirtualFreeEx(h, r, 0, MEM_RELEASE);
	/* Private execute-read memory is written like code. */
	x = VirtualAllocEx(h, NULL, PAGE, MEM_COMMIT, PAGE_EXECUTE_READ);
	CHECK(WriteProcessMemory(h, x, patch, 16, &n) && ReadProcessMemory(h, x, seen, 16, &n) &&
	      memcmp(seen, patch, 16) == 0, "private execute-read memory: error %lu",
	      GetLastError());
	CHECK(query(h, x).Protect == PAGE_EXECUTE_READ, "it is now 0x%lx", query(h, x).Protect);
	VirtualFreeEx(h, x, 0, MEM_RELEASE);
	/* Write-copy image data. */
	words[0] = DATA_VALUE + 1;
	CHECK(WriteProcessMemory(h, (void *)&data_word, words, 4, &n) &&
	      ReadProcessMemory(h, (void *)&data_word, &words[1], 4, &n) &&
	      words[1] == DATA_VALUE + 1, "image data: error %lu", GetLastError());
	words[0] = DATA_VALUE;
	WriteProcessMemory(h, (void *)&data_word, words, 4, &n);
	CHECK(data_word == DATA_VALUE, "the parent's own data changed");
}

/* Kernel addresses, size 0 and bad local buffers. */
static void bad_addresses(HANDLE h)
{
	char *p = VirtualAllocEx(h, NULL, PAGE, MEM_COMMIT, PAGE_READWRITE);
	char *f = VirtualAllocEx(h, NULL, PAGE, MEM_COMMIT, PAGE_READWRITE);
	DWORD before = 0, after = 0;
	SIZE_T n;

	CHECK(p && f && VirtualFreeEx(h, f, 0, MEM_RELEASE), "set up: error %lu", GetLastError());
	memset(other, 0xCC, 64);
	CHECK_PARTIAL(ReadProcessMemory(h, (void *)KERNEL_ADDR, other, 16, &n), ERROR_NOACCESS,
		      n, 0);
	CHECK_PARTIAL(ReadProcessMemory(h, (void *)0x7FFFFFF0, other, 32, &n), ERROR_NOACCESS,
		      n, 0);
	CHECK_PARTIAL(ReadProcessMemory(h, (void *)0xFFFFF000, other, 0x2000, &n),
		      ERROR_NOACCESS, n, 0);
	CHECK_PARTIAL(ReadProcessMemory(h, (void *)0x7FFEF000, other, 0x2000, &n),
		      ERROR_NOACCESS, n, 0);
	CHECK(other[0] == (BYTE)0xCC && other[63] == (BYTE)0xCC,
	      "a refused read stored bytes");
	n = 0xEEEE;
	CHECK(!WriteProcessMemory(h, (void *)KERNEL_ADDR, local, 16, &n) && n == 0,
	      "write to the kernel: %lu bytes (error %lu)", (DWORD)n, GetLastError());
	n = 0xEEEE;
	CHECK(!WriteProcessMemory(h, (void *)0xC0000000, local, 4096, &n) && n == 0,
	      "write to the kernel: %lu bytes (error %lu)", (DWORD)n, GetLastError());

	/* Size 0. */
	n = 0xEEEE;
	CHECK(ReadProcessMemory(h, p, other, 0, &n) && n == 0, "read 0 bytes: %lu (error %lu)",
	      (DWORD)n, GetLastError());
	n = 0xEEEE;
	CHECK(WriteProcessMemory(h, p, local, 0, &n) && n == 0, "write 0 bytes: %lu (error %lu)",
	      (DWORD)n, GetLastError());
	n = 0xEEEE;
	CHECK(ReadProcessMemory(h, f, other, 0, &n) && n == 0,
	      "read 0 bytes of free memory: %lu (error %lu)", (DWORD)n, GetLastError());

	/* Bad local buffers: nothing is copied either way. */
	before = 0x600D;
	CHECK(WriteProcessMemory(h, p, &before, 4, &n), "write: error %lu", GetLastError());
	CHECK_ERR(ReadProcessMemory(h, p, NULL, 16, &n), ERROR_NOACCESS);
	CHECK_ERR(ReadProcessMemory(h, p, (void *)(KERNEL_ADDR + PAGE), 16, &n), ERROR_NOACCESS);
	CHECK_ERR(ReadProcessMemory(h, p, (void *)rodata_words, 16, &n), ERROR_NOACCESS);
	CHECK(rodata_words[0] == 0x0D0D0D0D, "the caller's read-only data changed");
	CHECK_ERR(WriteProcessMemory(h, p, NULL, 16, &n), ERROR_NOACCESS);
	CHECK_ERR(WriteProcessMemory(h, p, (void *)KERNEL_ADDR, 16, &n), ERROR_NOACCESS);
	CHECK(ReadProcessMemory(h, p, &after, 4, &n) && after == 0x600D,
	      "a refused write changed the child: 0x%lx", after);
	VirtualFreeEx(h, p, 0, MEM_RELEASE);
}

/* After the child has ended: the calls fail, and nothing breaks. */
static void after_exit(HANDLE h)
{
	DWORD value = 0;
	SIZE_T n = 0xEEEE;

	CHECK(!ReadProcessMemory(h, (void *)&data_word, &value, 4, &n) && n == 0,
	      "read an ended process: %lu bytes", (DWORD)n);
	n = 0xEEEE;
	CHECK(!WriteProcessMemory(h, (void *)&data_word, &value, 4, &n) && n == 0,
	      "write an ended process: %lu bytes", (DWORD)n);
}

/* ---- on paged-out memory ------------------------------------------------ */

/* Pushes the child's pages out: its working set emptied, then more memory
 * than the machine has touched here, so the frames it left go to others. */
static void evict(HANDLE h)
{
	char *q = VirtualAlloc(NULL, PRESSURE_MB << 20, MEM_COMMIT, PAGE_READWRITE);

	CHECK(SetProcessWorkingSetSize(h, (SIZE_T)-1, (SIZE_T)-1), "empty: error %lu",
	      GetLastError());
	CHECK(q != NULL, "the pressure's memory: error %lu", GetLastError());
	for (DWORD i = 0; q && i < (PRESSURE_MB << 20); i += PAGE)
		q[i] = 1;
	VirtualFree(q, 0, MEM_RELEASE);
}

static DWORD child_resident_pages(HANDLE h)
{
	PROCESS_MEMORY_COUNTERS c = { 0 };

	GetProcessMemoryInfo(h, &c, sizeof(c));
	return c.WorkingSetSize / PAGE;
}

/* The pattern: word j of page i is the seed-B word in the first half of
 * the page once the halves have been overwritten, else the seed-A word. */
static DWORD expected(DWORD i, DWORD j, BOOL halves)
{
	return swap_word(i * WORDS + j, halves && j < WORDS / 2 ? SEED_B : SEED_A);
}

/* Reads the whole buffer back 16 pages at a time; its bad words. */
static DWORD read_back(HANDLE h, char *p, BOOL halves)
{
	DWORD *w = (DWORD *)local, bad = 0;
	SIZE_T n;

	for (DWORD i = 0; i < SWAP_PAGES; i += 16) {
		if (!ReadProcessMemory(h, p + i * PAGE, w, 16 * PAGE, &n)) {
			CHECK(0, "read pages %lu..: %lu bytes (error %lu)", i, (DWORD)n,
			      GetLastError());
			return SWAP_PAGES * WORDS;
		}
		for (DWORD k = 0; k < 16 * WORDS; k++)
			bad += w[k] != expected(i + k / WORDS, k % WORDS, halves);
	}
	return bad;
}

static int swap_parent(const char *self)
{
	PROCESS_INFORMATION pi;
	DWORD *w = (DWORD *)local, bad, in, in_reads, in_writes, resident, code;
	DWORD slots, mail[3];
	struct vados_memory_status s;
	BYTE patch[16], seen[16];
	SIZE_T n;
	char *p;

	if (!ob_start(self, "child", FALSE, &pi))
		return 1;
	p = VirtualAllocEx(pi.hProcess, NULL, SWAP_PAGES * PAGE, MEM_COMMIT, PAGE_READWRITE);
	CHECK(p != NULL, "VirtualAllocEx: error %lu", GetLastError());
	for (DWORD i = 0; p && i < SWAP_PAGES; i += 16) {
		for (DWORD k = 0; k < 16 * WORDS; k++)
			w[k] = expected(i + k / WORDS, k % WORDS, FALSE);
		CHECK(WriteProcessMemory(pi.hProcess, p + i * PAGE, w, 16 * PAGE, &n),
		      "fill pages %lu..: error %lu", i, GetLastError());
	}

	/* Out, then read back. */
	evict(pi.hProcess);
	resident = child_resident_pages(pi.hProcess);
	s = swap_status();
	slots = swap_slots_holding(&s);
	CHECK(resident < SWAP_PAGES / 4, "the child kept %lu pages resident", resident);
	CHECK(slots >= SWAP_PAGES / 2, "only %lu swap slots hold pages", slots);
	in = vados_mm_counters().swap_pages_read;
	bad = read_back(pi.hProcess, p, FALSE);
	in_reads = vados_mm_counters().swap_pages_read - in;
	CHECK(bad == 0, "%lu words read back wrong", bad);
	CHECK(in_reads >= SWAP_PAGES / 2, "reading brought only %lu pages in from swap",
	      in_reads);

	/* Out again; the first half of every page overwritten, page by page. */
	evict(pi.hProcess);
	in = vados_mm_counters().swap_pages_read;
	for (DWORD i = 0; i < SWAP_PAGES; i++) {
		for (DWORD j = 0; j < WORDS / 2; j++)
			w[j] = expected(i, j, TRUE);
		if (!WriteProcessMemory(pi.hProcess, p + i * PAGE, w, PAGE / 2, &n)) {
			CHECK(0, "write page %lu: error %lu", i, GetLastError());
			break;
		}
	}
	in_writes = vados_mm_counters().swap_pages_read - in;
	CHECK(in_writes >= SWAP_PAGES / 2, "writing brought only %lu pages in from swap",
	      in_writes);

	/* Code, its page dropped from memory meanwhile. */
	evict(pi.hProcess);
	memset(patch, 0xCC, sizeof(patch));
	CHECK(WriteProcessMemory(pi.hProcess, (void *)code_target, patch, 16, &n) &&
	      ReadProcessMemory(pi.hProcess, (void *)code_target, seen, 16, &n) &&
	      memcmp(seen, patch, 16) == 0, "write paged-out code: error %lu", GetLastError());
	CHECK(query(pi.hProcess, (void *)code_target).Protect == PAGE_EXECUTE_READ,
	      "paged-out code's protection changed");

	/* Out once more: both halves come back right, here and in the child. */
	evict(pi.hProcess);
	bad = read_back(pi.hProcess, p, TRUE);
	CHECK(bad == 0, "%lu words wrong after the half-page writes", bad);
	evict(pi.hProcess);
	mail[0] = 2, mail[1] = (DWORD)p, mail[2] = SWAP_PAGES;
	CHECK(ob_send_mail(pi.hProcess, mail, 3), "mail: error %lu", GetLastError());
	code = ob_reap(pi.hProcess, FALSE);
	CHECK(code == 0, "the child found %lu words wrong", code);
	printf("process-memory: swap: %u pages paged out (%lu slots held), %lu pages swapped in "
	       "to read them, %lu to half-write them, %lu bad words, %d failures\n", SWAP_PAGES,
	       slots, in_reads, in_writes, bad + code, failures);
	return failures;
}

/* The child's check of the swap pattern: its bad words. */
static int child(void)
{
	DWORD bad = 0;
	const DWORD *w;

	ob_wait_mail();
	if (mailbox[0] != 2)
		return 0;
	w = (const DWORD *)mailbox[1];
	for (DWORD i = 0; i < mailbox[2]; i++)
		for (DWORD j = 0; j < WORDS; j++)
			bad += w[i * WORDS + j] != expected(i, j, TRUE);
	return (int)bad;
}

int main(int argc, char **argv)
{
	PROCESS_INFORMATION pi, pi2;
	DWORD stop = 1;

	ob_started();
	if (argc == 2 && strcmp(argv[1], "child") == 0)
		return child();
	if (argc == 2 && strcmp(argv[1], "swap") == 0)
		return swap_parent(argv[0]);
	if (!ob_start(argv[0], "child", FALSE, &pi) || !ob_start(argv[0], "child", FALSE, &pi2))
		return 1;
	whole_copies(pi.hProcess);
	partial_copies(pi.hProcess);
	code_and_read_only(pi.hProcess, pi2.hProcess);
	bad_addresses(pi.hProcess);
	CHECK(ob_send_mail(pi2.hProcess, &stop, 1), "mail: error %lu", GetLastError());
	CHECK(ob_reap(pi2.hProcess, FALSE) == 0, "the second child did not exit as told");
	TerminateProcess(pi.hProcess, 0);
	WaitForSingleObject(pi.hProcess, INFINITE);
	after_exit(pi.hProcess);
	CloseHandle(pi.hProcess);
	printf("process-memory: %d failures\n", failures);
	return failures;
}
