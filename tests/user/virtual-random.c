/* Thousands of random VirtualAlloc/VirtualFree/VirtualProtect/VirtualQuery
 * calls (valid and invalid) in a 2 MB window of the address space (across a
 * page table boundary), each one's success or error code checked against a
 * shadow model of the window's pages built from the contract's rules, and
 * after each the regions VirtualQuery reports over the touched area compared
 * with the model field by field (Windows' region rule: a run of pages of one
 * allocation with the same state and protection). Committed read-write pages
 * carry a pattern that must survive protection changes and recommits, and
 * read zero after a decommit; probes of single pages must fault exactly where
 * the model says; NULL-address allocations must land outside the window's
 * allocations.
 *
 *   virtual-random [SEED [CALLS [PROCESSES]]]   (defaults: seed 1, 5000 calls, 1)
 *
 * With PROCESSES > 1, copies of the program run at the same time with seeds
 * SEED+1, SEED+2, ..., each in its own address space at the same window
 * address; their failures count as the first one's. The last line is
 * "virtual-random: seed S, N calls, M failures". */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

#define PAGE          4096ul
#define W             512               /* pages in the window */
#define WINDOW_BASE   0x30300000ul      /* across a page table boundary */
#define WINDOW_END    (WINDOW_BASE + W * PAGE)
#define GRANULE_PAGES 16
#define SAMPLES       16                /* dwords per page, 256 bytes apart */
#define FULL_CHECK    50                /* a whole-window check every so many steps */
#define MAX_FAILURES  20                /* then stop: the model no longer says anything */
#define USER_END      0x7fff0000ul

enum { FREE, RESERVED, COMMITTED };

struct page {
	unsigned char state;
	unsigned char maybe_zero;       /* MEM_RESET: the pattern or zeros */
	short alloc;                    /* its allocation's first page; -1 when free */
	DWORD protect;                  /* committed pages only, with GUARD/NOCACHE */
	DWORD alloc_protect;
	DWORD gen;                      /* content pattern; 0: zeros */
};

static struct page model[W];
static DWORD rng, calls, failures, next_gen = 1;
static DWORD succeeded, refused, faulted, verified;     /* what the run covered */
static DWORD free_top;          /* end of the free run the window sits in */
static int aff_first, aff_end;  /* the pages the last call touched */
static char desc[128];          /* the last call, for failure reports */

static volatile DWORD resume_at, seen_code, seen_rw, seen_addr;

static const DWORD good_protects[] = {
	PAGE_READWRITE, PAGE_READWRITE, PAGE_READWRITE, PAGE_READONLY, PAGE_READONLY,
	PAGE_NOACCESS, PAGE_EXECUTE, PAGE_EXECUTE_READ, PAGE_EXECUTE_READWRITE,
	PAGE_READWRITE | PAGE_GUARD, PAGE_READONLY | PAGE_GUARD, PAGE_READWRITE | PAGE_NOCACHE,
};
static const DWORD reserve_protects[] = {
	PAGE_NOACCESS, PAGE_READONLY, PAGE_READWRITE, PAGE_EXECUTE_READWRITE,
};
static const DWORD bad_protects[] = {
	0, PAGE_READONLY | PAGE_READWRITE, PAGE_WRITECOPY, PAGE_EXECUTE_WRITECOPY, PAGE_GUARD,
	0x03, PAGE_NOACCESS | PAGE_EXECUTE,
};

#define PICK(table) ((table)[rnd(sizeof(table) / sizeof((table)[0]))])

/* xorshift32: the same seed gives the same calls. */
static DWORD rnd(DWORD n)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return n ? rng % n : 0;
}

/* The address of window page i. */
static DWORD page_addr(int i)
{
	return WINDOW_BASE + (DWORD)i * PAGE;
}

/* Counts and (up to MAX_FAILURES) prints one failure, naming the call. */
static void fail(const char *fmt, ...)
{
	char what[160];
	va_list ap;

	if (++failures > MAX_FAILURES)
		return;
	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	printf("virtual-random: call %lu: %s: %s\n", calls, desc, what);
}

/* Checks a call's success or error code against the model's prediction
 * (want 0: success; also: a second acceptable error); returns whether the
 * call succeeded as predicted, so the model may follow it. */
static int outcome(int ok, DWORD want, DWORD also)
{
	DWORD err = ok ? 0 : GetLastError();

	if (err != want && !(also && err == also)) {
		fail("error %lu, want %lu", err, want);
		return 0;
	}
	if (ok)
		succeeded++;
	else
		refused++;
	return ok;
}

/* Records a fault in a guarded access and resumes after it. */
static LONG CALLBACK on_fault(PEXCEPTION_POINTERS ep)
{
	if (!resume_at)
		return EXCEPTION_CONTINUE_SEARCH;
	seen_code = ep->ExceptionRecord->ExceptionCode;
	seen_rw = ep->ExceptionRecord->ExceptionInformation[0];
	seen_addr = ep->ExceptionRecord->ExceptionInformation[1];
	ep->ContextRecord->Eip = resume_at;
	return EXCEPTION_CONTINUE_EXECUTION;
}

/* Reads *p; a fault is left in seen_* and reads as 0. */
static DWORD guarded_read(DWORD addr)
{
	DWORD v = 0;

	seen_code = 0;
	asm volatile("movl $1f, %1\n\tmovl (%2), %0\n1:\n\tmovl $0, %1"
		     : "+r"(v), "=m"(resume_at) : "r"(addr) : "memory");
	return v;
}

/* Writes *p = v; a fault is left in seen_*. */
static void guarded_write(DWORD addr, DWORD v)
{
	seen_code = 0;
	asm volatile("movl $1f, %0\n\tmovl %2, (%1)\n1:\n\tmovl $0, %0"
		     : "=m"(resume_at) : "r"(addr), "r"(v) : "memory");
}

/* The pattern dword k of page i carries for generation gen (never 0). */
static DWORD pattern(int i, DWORD gen, int k)
{
	return (gen * 0x9e3779b1u) ^ ((DWORD)i << 12) ^ ((DWORD)k << 4) ^ 1u;
}

/* The protection without PAGE_GUARD and PAGE_NOCACHE. */
static DWORD base_protect(DWORD p)
{
	return p & 0xff;
}

/* Whether a read of the page must succeed (PAGE_EXECUTE is left out: i386
 * without PAE cannot refuse it). */
static int readable(const struct page *p)
{
	DWORD b = base_protect(p->protect);

	return p->state == COMMITTED && !(p->protect & PAGE_GUARD) &&
	       (b == PAGE_READONLY || b == PAGE_READWRITE || b == PAGE_EXECUTE_READ ||
		b == PAGE_EXECUTE_READWRITE);
}

/* Whether a write to the page must succeed. */
static int writable(const struct page *p)
{
	DWORD b = base_protect(p->protect);

	return readable(p) && (b == PAGE_READWRITE || b == PAGE_EXECUTE_READWRITE);
}

/* Records the pages a call touched, for check_step. */
static void affected(int first, int end)
{
	aff_first = first;
	aff_end = end;
}

/* ---- the model's rules ---- */

/* Whether pages [first, end) are all free. */
static int all_free(int first, int end)
{
	for (int i = first; i < end; i++)
		if (model[i].state != FREE)
			return 0;
	return 1;
}

/* Whether pages [first, end) lie in one allocation (and are all committed). */
static int within_one(int first, int end, int committed)
{
	int a = model[first].alloc;

	if (a < 0)
		return 0;
	for (int i = first; i < end; i++)
		if (model[i].alloc != a || (committed && model[i].state != COMMITTED))
			return 0;
	return 1;
}

/* The page after the allocation whose first page is a. */
static int alloc_end(int a)
{
	int i = a;

	while (i < W && model[i].alloc == a)
		i++;
	return i;
}

/* Whether two neighbouring pages belong to one region. */
static int same_region(const struct page *a, const struct page *b)
{
	return a->state == b->state && a->alloc == b->alloc && a->protect == b->protect;
}

/* Moves page i to a state; leaving the committed state drops its contents. */
static void set_state(int i, int state, DWORD protect)
{
	if (state != COMMITTED || model[i].state != COMMITTED) {
		model[i].gen = 0;
		model[i].maybe_zero = 0;
	}
	model[i].state = state;
	model[i].protect = protect;
	if (state == FREE) {
		model[i].alloc = -1;
		model[i].alloc_protect = 0;
	}
}

/* A random allocation's first page, or -1 when the window has none. */
static int some_allocation(void)
{
	int start = rnd(W);

	for (int k = 0; k < W; k++) {
		int i = (start + k) % W;
		if (model[i].alloc >= 0)
			return model[i].alloc;
	}
	return -1;
}

/* A random page range: mostly inside one allocation, sometimes anywhere. */
static void pick_range(int *first, int *end)
{
	int a = some_allocation();
	int lo = 0, hi = W, max = 24;

	if (a >= 0 && rnd(4) != 0) {
		lo = a;
		hi = alloc_end(a);
	} else if (rnd(2)) {
		max = 80;
	}
	*first = lo + rnd(hi - lo);
	int n = 1 + rnd(max);
	*end = *first + n > hi ? hi : *first + n;
}

/* Byte arguments that round out to exactly pages [first, end). */
static void bytes_for(int first, int end, DWORD *addr, DWORD *size)
{
	DWORD lo = rnd(4) == 0 ? rnd(PAGE) : 0;
	DWORD hi = rnd(4) == 0 ? rnd(end - first == 1 ? PAGE - lo : PAGE) : 0;

	*addr = page_addr(first) + lo;
	*size = (DWORD)(end - first) * PAGE - lo - hi;
}

/* ---- checking the window against the model ---- */

/* What VirtualQuery must say about page i; returns the region's pages. */
static int expected_region(int i, MEMORY_BASIC_INFORMATION *m)
{
	const struct page *p = &model[i];
	int j = i + 1;

	while (j < W && same_region(&model[j], p))
		j++;
	memset(m, 0, sizeof(*m));
	m->BaseAddress = (PVOID)page_addr(i);
	m->RegionSize = (DWORD)(j - i) * PAGE;
	if (p->state == FREE) {
		if (j == W)
			m->RegionSize = free_top - page_addr(i);
		m->State = MEM_FREE;
		m->Protect = PAGE_NOACCESS;
		return j - i;
	}
	m->AllocationBase = (PVOID)page_addr(p->alloc);
	m->AllocationProtect = p->alloc_protect;
	m->State = p->state == COMMITTED ? MEM_COMMIT : MEM_RESERVE;
	m->Protect = p->protect;
	m->Type = MEM_PRIVATE;
	return j - i;
}

/* Prints a region, unless failures are no longer printed. */
static void print_mbi(const char *what, const MEMORY_BASIC_INFORMATION *m)
{
	if (failures <= MAX_FAILURES)
		printf("  %s: base %p alloc %p/0x%lx size 0x%lx state 0x%lx protect 0x%lx "
		       "type 0x%lx\n", what, m->BaseAddress, m->AllocationBase,
		       m->AllocationProtect, m->RegionSize, m->State, m->Protect, m->Type);
}

/* Queries page i (at a random offset) and compares; returns the pages to skip. */
static int check_region(int i)
{
	MEMORY_BASIC_INFORMATION want, got;
	DWORD at = page_addr(i) + rnd(PAGE);
	int n = expected_region(i, &want);

	memset(&got, 0xee, sizeof(got));
	if (VirtualQuery((LPCVOID)at, &got, sizeof(got)) != sizeof(got)) {
		fail("VirtualQuery(0x%08lx) failed with %lu", at, GetLastError());
	} else if (memcmp(&got, &want, sizeof(got)) != 0) {
		fail("VirtualQuery(0x%08lx) disagrees with the model", at);
		print_mbi("got ", &got);
		print_mbi("want", &want);
		return 1;
	}
	return n;
}

/* Checks every region from the one holding page first through page end. */
static void walk(int first, int end)
{
	int i = first;

	while (i > 0 && same_region(&model[i - 1], &model[first]))
		i--;
	while (i < end)
		i += check_region(i);
}

/* Checks the pattern of page i if it is readable. */
static void check_page(int i)
{
	const struct page *p = &model[i];

	if (!readable(p))
		return;
	DWORD first = guarded_read(page_addr(i));
	int zeros = p->gen == 0 || (p->maybe_zero && first == 0);
	for (int k = 0; k < SAMPLES; k++) {
		DWORD a = page_addr(i) + (DWORD)k * (PAGE / SAMPLES);
		DWORD want = zeros ? 0 : pattern(i, p->gen, k);
		DWORD got = guarded_read(a);
		if (seen_code || got != want) {
			fail("page 0x%08lx (protect 0x%lx) holds 0x%lx at 0x%08lx, want 0x%lx "
			     "(exception 0x%lx)", page_addr(i), p->protect, got, a, want, seen_code);
			return;
		}
	}
	verified++;
}

/* Checks the patterns of the readable pages in [first, end). */
static void check_contents(int first, int end)
{
	for (int i = first; i < end; i++)
		check_page(i);
}

/* Writes a new pattern into page i if it is writable. */
static void fill_page(int i)
{
	struct page *p = &model[i];

	if (!writable(p))
		return;
	p->gen = next_gen++;
	p->maybe_zero = 0;
	for (int k = 0; k < SAMPLES; k++) {
		guarded_write(page_addr(i) + (DWORD)k * (PAGE / SAMPLES), pattern(i, p->gen, k));
		if (seen_code) {
			fail("writing page 0x%08lx (protect 0x%lx) raised 0x%lx", page_addr(i),
			     p->protect, seen_code);
			return;
		}
	}
}

/* Writes new patterns into the writable pages in [first, end). */
static void fill_range(int first, int end)
{
	for (int i = first; i < end; i++)
		fill_page(i);
}

/* ---- the calls ---- */

/* MEM_RESERVE (and MEM_COMMIT) at an address: the base rounds down to 64 KB,
 * the end up to a page, and every page of that must be free. */
static void op_reserve(int commit)
{
	int first = rnd(W / GRANULE_PAGES) * GRANULE_PAGES;
	int lead = rnd(3) == 0 ? (int)rnd(GRANULE_PAGES) : 0;
	int end = first + lead + 1 + rnd(rnd(4) == 0 ? 64 : 20);
	DWORD prot = commit ? PICK(good_protects) : PICK(reserve_protects);
	DWORD type = MEM_RESERVE | (commit ? MEM_COMMIT : 0);
	DWORD addr, size;

	if (end > W)
		end = W;
	bytes_for(first + lead, end, &addr, &size);
	DWORD want = all_free(first, end) ? 0 : ERROR_INVALID_ADDRESS;
	snprintf(desc, sizeof(desc), "VirtualAlloc(0x%08lx, 0x%lx, 0x%lx, 0x%lx)", addr, size,
		 type, prot);
	LPVOID r = VirtualAlloc((LPVOID)addr, size, type, prot);
	affected(first, end);
	if (!outcome(r != NULL, want, 0))
		return;
	if ((DWORD)r != page_addr(first))
		fail("returned %p, want 0x%08lx", r, page_addr(first));
	for (int i = first; i < end; i++) {
		set_state(i, commit ? COMMITTED : RESERVED, commit ? prot : 0);
		model[i].alloc = first;
		model[i].alloc_protect = prot;
	}
	if (rnd(2))
		fill_range(first, end);
}

/* MEM_COMMIT at an address: the pages must lie in one allocation; committed
 * pages keep their contents and take the new protection. */
static void op_commit(void)
{
	int first, end;
	DWORD addr, size, prot = PICK(good_protects);

	pick_range(&first, &end);
	bytes_for(first, end, &addr, &size);
	DWORD want = within_one(first, end, 0) ? 0 : ERROR_INVALID_ADDRESS;
	snprintf(desc, sizeof(desc), "VirtualAlloc(0x%08lx, 0x%lx, MEM_COMMIT, 0x%lx)", addr,
		 size, prot);
	LPVOID r = VirtualAlloc((LPVOID)addr, size, MEM_COMMIT, prot);
	affected(first, end);
	if (!outcome(r != NULL, want, 0))
		return;
	if ((DWORD)r != page_addr(first))
		fail("returned %p, want 0x%08lx", r, page_addr(first));
	for (int i = first; i < end; i++)
		set_state(i, COMMITTED, prot);
	if (rnd(2))
		fill_range(first, end);
}

/* MEM_DECOMMIT: size 0 at the base decommits the whole allocation; a range
 * must lie in one allocation (ERROR_INVALID_PARAMETER), and one starting in
 * free memory is refused (ERROR_INVALID_ADDRESS as Windows, or the contract's
 * ERROR_INVALID_PARAMETER). */
static void op_decommit(void)
{
	int first, end, a = some_allocation();
	DWORD addr, size, want;

	if (a >= 0 && rnd(5) == 0) {
		first = a;
		end = alloc_end(a);
		addr = page_addr(a);
		size = 0;
		want = 0;
	} else {
		pick_range(&first, &end);
		bytes_for(first, end, &addr, &size);
		want = model[first].alloc < 0 ? ERROR_INVALID_ADDRESS :
		       within_one(first, end, 0) ? 0 : ERROR_INVALID_PARAMETER;
	}
	snprintf(desc, sizeof(desc), "VirtualFree(0x%08lx, 0x%lx, MEM_DECOMMIT)", addr, size);
	BOOL ok = VirtualFree((LPVOID)addr, size, MEM_DECOMMIT);
	affected(first, end);
	if (!outcome(ok, want, want == ERROR_INVALID_ADDRESS ? ERROR_INVALID_PARAMETER : 0))
		return;
	for (int i = first; i < end; i++)
		set_state(i, RESERVED, 0);
}

/* MEM_RELEASE: size 0 and an address in the allocation's first page release
 * it all; a later page or free memory is ERROR_INVALID_ADDRESS; a size or a
 * free type other than exactly MEM_DECOMMIT/MEM_RELEASE is
 * ERROR_INVALID_PARAMETER. */
static void op_release(void)
{
	static const DWORD bad_types[] = { 0, MEM_DECOMMIT | MEM_RELEASE, MEM_COMMIT, MEM_FREE };
	int a = some_allocation(), kind = rnd(10);
	DWORD addr, size = 0, type = MEM_RELEASE, want = 0;
	int end = a >= 0 ? alloc_end(a) : 0;

	if (a < 0 || kind == 7) {               /* a free page */
		int i = rnd(W);
		while (model[i].state != FREE && ++i < W)
			;
		if (i == W)
			return;
		addr = page_addr(i) + rnd(PAGE);
		want = ERROR_INVALID_ADDRESS;
		affected(i, i + 1);
	} else {
		addr = page_addr(a) + (rnd(3) == 0 ? rnd(PAGE) : 0);
		affected(a, end);
		if (kind == 6 && end - a > 1) {
			addr = page_addr(a + 1 + rnd(end - a - 1)) + rnd(PAGE);
			want = ERROR_INVALID_ADDRESS;
		} else if (kind == 8) {
			size = 1 + rnd(2 * PAGE);
			want = ERROR_INVALID_PARAMETER;
		} else if (kind == 9) {
			type = PICK(bad_types);
			want = ERROR_INVALID_PARAMETER;
		}
	}
	snprintf(desc, sizeof(desc), "VirtualFree(0x%08lx, 0x%lx, 0x%lx)", addr, size, type);
	if (!outcome(VirtualFree((LPVOID)addr, size, type), want, 0) || want)
		return;
	for (int i = a; i < end; i++)
		set_state(i, FREE, 0);
}

/* A range of committed pages around a random committed page (or a random
 * range when the page is not committed). */
static void pick_committed(int *first, int *end)
{
	int p = rnd(W), lo = p, hi = p + 1;

	if (model[p].state != COMMITTED) {
		pick_range(first, end);
		return;
	}
	while (lo > 0 && model[lo - 1].state == COMMITTED && model[lo - 1].alloc == model[p].alloc)
		lo--;
	while (hi < W && model[hi].state == COMMITTED && model[hi].alloc == model[p].alloc)
		hi++;
	*first = lo + rnd(hi - lo);
	*end = *first + 1 + rnd(hi - *first);
}

/* VirtualProtect: every page committed and in one allocation, else
 * ERROR_INVALID_ADDRESS; a bad protection is ERROR_INVALID_PARAMETER, a NULL
 * old-protection pointer ERROR_NOACCESS; the old value is the first page's. */
static void op_protect(void)
{
	int first, end, kind = rnd(10);
	DWORD addr, size, prot = PICK(good_protects), old = 0xdeadbeef, want;
	PDWORD oldp = &old;

	pick_committed(&first, &end);
	if (kind == 9 && end < W)
		end++;                          /* one page past the committed run */
	bytes_for(first, end, &addr, &size);
	want = within_one(first, end, 1) ? 0 : ERROR_INVALID_ADDRESS;
	if (want == 0 && kind == 7) {
		prot = PICK(bad_protects);
		want = ERROR_INVALID_PARAMETER;
	} else if (want == 0 && kind == 8) {
		oldp = NULL;
		want = ERROR_NOACCESS;
	}
	snprintf(desc, sizeof(desc), "VirtualProtect(0x%08lx, 0x%lx, 0x%lx, %s)", addr, size,
		 prot, oldp ? "&old" : "NULL");
	BOOL ok = VirtualProtect((LPVOID)addr, size, prot, oldp);
	affected(first, end);
	if (!outcome(ok, want, 0))
		return;
	if (old != model[first].protect)
		fail("old protection 0x%lx, want 0x%lx", old, model[first].protect);
	for (int i = first; i < end; i++)
		model[i].protect = prot;
	if (rnd(2))
		fill_range(first, end);
}

/* MEM_RESET: committed or reserved pages of one allocation; contents may be
 * kept or dropped; state and protection stay. */
static void op_reset(void)
{
	int first, end;
	DWORD addr, size, prot = PICK(good_protects);

	pick_range(&first, &end);
	bytes_for(first, end, &addr, &size);
	DWORD want = within_one(first, end, 0) ? 0 : ERROR_INVALID_ADDRESS;
	snprintf(desc, sizeof(desc), "VirtualAlloc(0x%08lx, 0x%lx, MEM_RESET, 0x%lx)", addr,
		 size, prot);
	LPVOID r = VirtualAlloc((LPVOID)addr, size, MEM_RESET, prot);
	affected(first, end);
	if (!outcome(r != NULL, want, 0))
		return;
	for (int i = first; i < end; i++)
		if (model[i].state == COMMITTED && model[i].gen)
			model[i].maybe_zero = 1;
}

/* VirtualQuery of a random page. */
static void op_query(void)
{
	int i = rnd(W);

	snprintf(desc, sizeof(desc), "VirtualQuery(page %d)", i);
	affected(i, i + 1);
	check_region(i);
}

/* One read or write of a page: it faults exactly when the model says, with
 * the right code, direction and address; a guard page faults once. */
static void op_probe(void)
{
	int i = rnd(W), write = rnd(2);
	struct page *p = &model[i];
	DWORD b = base_protect(p->protect), a = page_addr(i) + 4 * rnd(PAGE / 4);
	DWORD want = 0;

	if (p->state == COMMITTED && b == PAGE_EXECUTE)
		return;                         /* readable or not: i386 cannot say */
	if (write && writable(p))
		return;                         /* fill_page's business */
	if (p->state != COMMITTED || b == PAGE_NOACCESS)
		want = STATUS_ACCESS_VIOLATION;
	else if (p->protect & PAGE_GUARD)
		want = STATUS_GUARD_PAGE_VIOLATION;
	else if (write)
		want = STATUS_ACCESS_VIOLATION; /* read-only */
	snprintf(desc, sizeof(desc), "%s 0x%08lx (state %d protect 0x%lx)",
		 write ? "write" : "read", a, p->state, p->protect);
	affected(i, i + 1);
	if (write)
		guarded_write(a, 0x5a5a5a5a);
	else
		guarded_read(a);
	if (seen_code != want || (want && (seen_addr != a || seen_rw != (DWORD)write)))
		fail("raised 0x%lx (rw %lu, address 0x%08lx), want 0x%lx", seen_code, seen_rw,
		     seen_addr, want);
	if (want)
		faulted++;
	if (want == STATUS_GUARD_PAGE_VIOLATION)
		p->protect &= ~PAGE_GUARD;
}

/* NULL-address allocations: somewhere free, on a 64 KB boundary, exactly the
 * size asked rounded to pages, never over the window's allocations; top-down
 * ones above the window. Released at once. */
static void op_null_alloc(void)
{
	static const DWORD types[] = {
		MEM_RESERVE, MEM_RESERVE | MEM_COMMIT, MEM_COMMIT,
		MEM_RESERVE | MEM_TOP_DOWN, MEM_RESERVE | MEM_COMMIT | MEM_TOP_DOWN,
	};
	DWORD type = PICK(types), prot = PICK(good_protects);
	DWORD size = 1 + rnd(40 * PAGE), pages = (size + PAGE - 1) / PAGE;
	MEMORY_BASIC_INFORMATION got, want;

	snprintf(desc, sizeof(desc), "VirtualAlloc(NULL, 0x%lx, 0x%lx, 0x%lx)", size, type, prot);
	calls++;
	DWORD r = (DWORD)VirtualAlloc(NULL, size, type, prot);
	affected(0, 0);
	if (!outcome(r != 0, 0, 0))
		return;
	if (r % 0x10000 || r < 0x10000 || r + pages * PAGE > USER_END ||
	    ((type & MEM_TOP_DOWN) && r < WINDOW_END))
		fail("returned 0x%08lx", r);
	for (DWORD i = 0; i < pages; i++)
		if (r + i * PAGE >= WINDOW_BASE && r + i * PAGE < WINDOW_END &&
		    model[(r + i * PAGE - WINDOW_BASE) / PAGE].state != FREE)
			fail("returned 0x%08lx, over the window's allocations", r);
	int commit = (type & MEM_COMMIT) != 0;
	want = (MEMORY_BASIC_INFORMATION){ (PVOID)r, (PVOID)r, prot, pages * PAGE,
		commit ? MEM_COMMIT : MEM_RESERVE, commit ? prot : 0, MEM_PRIVATE };
	if (VirtualQuery((LPCVOID)r, &got, sizeof(got)) != sizeof(got) ||
	    memcmp(&got, &want, sizeof(got)) != 0) {
		fail("VirtualQuery of the new allocation is wrong");
		print_mbi("got ", &got);
		print_mbi("want", &want);
	}
	snprintf(desc, sizeof(desc), "VirtualFree(0x%08lx, 0, MEM_RELEASE)", r);
	calls++;
	if (outcome(VirtualFree((LPVOID)r, 0, MEM_RELEASE), 0, 0) &&
	    (VirtualQuery((LPCVOID)r, &got, sizeof(got)) != sizeof(got) || got.State != MEM_FREE))
		fail("0x%08lx is not free after the release", r);
}

/* Calls that are wrong whatever the window holds. */
static void op_invalid(void)
{
	MEMORY_BASIC_INFORMATION m;
	DWORD type, prot = PICK(bad_protects);
	int kind = rnd(9);
	SIZE_T n;

	affected(0, 0);
	switch (kind) {
	case 0: case 1: case 2: case 3: {
		static const DWORD bad[][2] = {         /* address, size */
			{ 0x00001000, PAGE }, { USER_END, PAGE }, { 0x7ffe0000, 0x20000 },
			{ WINDOW_BASE, 0 }, { 0x20000000, 0xf0000000 }, { 0x0000f000, 0x2000 },
		};
		const DWORD *b = bad[rnd(sizeof(bad) / sizeof(bad[0]))];
		type = rnd(2) ? MEM_RESERVE : MEM_RESERVE | MEM_COMMIT;
		snprintf(desc, sizeof(desc), "VirtualAlloc(0x%08lx, 0x%lx, 0x%lx, PAGE_READWRITE)",
			 b[0], b[1], type);
		outcome(VirtualAlloc((LPVOID)b[0], b[1], type, PAGE_READWRITE) != NULL,
			ERROR_INVALID_PARAMETER, 0);
		break;
	}
	case 4:
		type = rnd(2) ? MEM_RESERVE : MEM_RESERVE | MEM_COMMIT;
		snprintf(desc, sizeof(desc), "VirtualAlloc(NULL, 0x10000, 0x%lx, 0x%lx)", type, prot);
		outcome(VirtualAlloc(NULL, 0x10000, type, prot) != NULL, ERROR_INVALID_PARAMETER, 0);
		break;
	case 5: {
		static const DWORD bad_types[] = {
			0, MEM_DECOMMIT, MEM_RELEASE, MEM_RESET | MEM_COMMIT, MEM_FREE,
		};
		type = PICK(bad_types);
		snprintf(desc, sizeof(desc), "VirtualAlloc(NULL, 0x1000, 0x%lx, PAGE_READWRITE)",
			 type);
		outcome(VirtualAlloc(NULL, PAGE, type, PAGE_READWRITE) != NULL,
			ERROR_INVALID_PARAMETER, 0);
		break;
	}
	case 6:
		snprintf(desc, sizeof(desc), "VirtualAlloc(NULL, 0, MEM_COMMIT, PAGE_READWRITE)");
		outcome(VirtualAlloc(NULL, 0, MEM_COMMIT, PAGE_READWRITE) != NULL,
			ERROR_INVALID_PARAMETER, 0);
		break;
	case 7: {
		DWORD at = rnd(2) ? USER_END + rnd(0x10000) : 0x80000000u + rnd(0x7fffffff);
		snprintf(desc, sizeof(desc), "VirtualQuery(0x%08lx)", at);
		n = VirtualQuery((LPCVOID)at, &m, sizeof(m));
		if (n != 0 || GetLastError() != ERROR_INVALID_PARAMETER)
			fail("returned %lu with error %lu, want 0 and 87", n, GetLastError());
		break;
	}
	default:
		snprintf(desc, sizeof(desc), "VirtualQuery(window, buffer, 27)");
		n = VirtualQuery((LPCVOID)WINDOW_BASE, &m, sizeof(m) - 1);
		if (n != 0 || GetLastError() != ERROR_BAD_LENGTH)
			fail("returned %lu with error %lu, want 0 and 24", n, GetLastError());
	}
	calls++;
}

/* Writes patterns into a few random pages (no system call). */
static void op_fill(void)
{
	int i = rnd(W), end = i + 1 + rnd(8);

	snprintf(desc, sizeof(desc), "fill pages %d-%d", i, end - 1);
	affected(i, end > W ? W : end);
	fill_range(aff_first, aff_end);
}

/* One random step; calls counts the Virtual* calls made. */
static void step(void)
{
	DWORD r = rnd(100);

	if (r < 10)
		calls++, op_reserve(0);
	else if (r < 16)
		calls++, op_reserve(1);
	else if (r < 32)
		calls++, op_commit();
	else if (r < 42)
		calls++, op_decommit();
	else if (r < 50)
		calls++, op_release();
	else if (r < 68)
		calls++, op_protect();
	else if (r < 73)
		calls++, op_reset();
	else if (r < 78)
		calls++, op_query();
	else if (r < 86)
		op_probe();
	else if (r < 92)
		op_fill();
	else if (r < 96)
		op_null_alloc();
	else
		op_invalid();
}

/* Checks the pages the step touched and their neighbours. */
static void check_step(void)
{
	if (aff_end <= aff_first)
		return;
	int first = aff_first > 0 ? aff_first - 1 : 0;
	int end = aff_end < W ? aff_end + 1 : W;
	walk(first, end);
	check_contents(first, end);
}

/* The window must start out free; free_top is where that free run ends. */
static int window_is_free(void)
{
	MEMORY_BASIC_INFORMATION m;

	if (VirtualQuery((LPCVOID)WINDOW_BASE, &m, sizeof(m)) != sizeof(m) ||
	    m.State != MEM_FREE || (DWORD)m.BaseAddress + m.RegionSize < WINDOW_END) {
		printf("virtual-random: the window at 0x%08lx is not free (error %lu)\n",
		       WINDOW_BASE, GetLastError());
		return 0;
	}
	free_top = (DWORD)m.BaseAddress + m.RegionSize;
	return 1;
}

/* Releases every allocation left in the window; then it must be free again. */
static void release_all(void)
{
	for (int i = 0; i < W; i++) {
		if (model[i].alloc != i)
			continue;
		int end = alloc_end(i);
		snprintf(desc, sizeof(desc), "VirtualFree(0x%08lx, 0, MEM_RELEASE)", page_addr(i));
		if (outcome(VirtualFree((LPVOID)page_addr(i), 0, MEM_RELEASE), 0, 0))
			for (int j = i; j < end; j++)
				set_state(j, FREE, 0);
	}
	snprintf(desc, sizeof(desc), "the window after releasing everything");
	walk(0, W);
}

/* Starts copies of this program with seeds seed+1 .. seed+n-1. */
static int start_copies(const char *self, DWORD seed, DWORD target, int n, HANDLE *h)
{
	for (int k = 1; k < n; k++) {
		char cmdline[80];
		STARTUPINFOA si = { .cb = sizeof(si) };
		PROCESS_INFORMATION pi;

		snprintf(cmdline, sizeof(cmdline), "%s %lu %lu", self, seed + k, target);
		if (!CreateProcessA(NULL, cmdline, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi)) {
			printf("virtual-random: starting \"%s\" failed: %lu\n", cmdline,
			       GetLastError());
			return k - 1;
		}
		CloseHandle(pi.hThread);
		h[k - 1] = pi.hProcess;
	}
	return n - 1;
}

/* Waits for the copies; each that did not exit with 0 is a failure. */
static void reap_copies(HANDLE *h, int n)
{
	for (int k = 0; k < n; k++) {
		DWORD code = 0xdead;
		if (WaitForSingleObject(h[k], INFINITE) != WAIT_OBJECT_0 ||
		    !GetExitCodeProcess(h[k], &code) || code != 0) {
			printf("virtual-random: copy %d exited with 0x%lx\n", k + 1, code);
			failures++;
		}
		CloseHandle(h[k]);
	}
}

/* The random calls, each checked, then everything released. */
static void run(DWORD seed, DWORD target)
{
	rng = seed * 2654435761u ^ 0x6d2b79f5u;
	if (!rng)
		rng = 1;
	for (int i = 0; i < W; i++)
		model[i].alloc = -1;
	for (DWORD steps = 1; calls < target && failures <= MAX_FAILURES; steps++) {
		step();
		check_step();
		if (steps % FULL_CHECK == 0) {
			walk(0, W);
			check_contents(0, W);
		}
	}
	if (failures > MAX_FAILURES)
		printf("virtual-random: stopped after %d failures\n", MAX_FAILURES);
	else
		release_all();
	printf("virtual-random: seed %lu: %lu calls succeeded, %lu refused, %lu faults, "
	       "%lu page checks\n", seed, succeeded, refused, faulted, verified);
}

int main(int argc, char **argv)
{
	DWORD seed = argc > 1 ? strtoul(argv[1], NULL, 0) : 1;
	DWORD target = argc > 2 ? strtoul(argv[2], NULL, 0) : 5000;
	int processes = argc > 3 ? atoi(argv[3]) : 1;
	HANDLE copies[8];

	if (processes > 9)
		processes = 9;
	int started = processes > 1 ? start_copies(argv[0], seed, target, processes, copies) : 0;
	if (processes > 1 && started != processes - 1)
		failures++;
	AddVectoredExceptionHandler(1, on_fault);
	if (window_is_free())
		run(seed, target);
	else
		failures++;
	reap_copies(copies, started);
	printf("virtual-random: seed %lu, %lu calls, %lu failures\n", seed, calls, failures);
	return failures != 0;
}
