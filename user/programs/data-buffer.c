/* The data-buffering scenario of "Managing Virtual Memory": a buffer whose top
 * page is PAGE_NOACCESS, so that running into it raises an access violation; a
 * vectored handler makes that page PAGE_READWRITE and continues, and the fill
 * goes on uninterrupted. Any other exception is not the handler's business.
 * When the data has drained, the top page goes back to PAGE_NOACCESS.
 * Last line "data-buffer: N failures"; exit status 1 if N is not 0. */
#include <stdio.h>
#include <windows.h>

#define PAGE   4096u
#define PAGES  16u
#define SIZE   (PAGES * PAGE)

static int failures;
static BYTE *buffer, *top;
static volatile DWORD grown, old_top_protect, others_seen, raising;

#define CHECK(cond)         check(__LINE__, (cond), #cond)
#define CHECK_EQ(got, want) check_eq(__LINE__, #got, (DWORD)(got), (DWORD)(want))

static void check(int line, int ok, const char *what)
{
	if (!ok) {
		printf("data-buffer: FAIL line %d: %s\n", line, what);
		failures++;
	}
}

static void check_eq(int line, const char *what, DWORD got, DWORD want)
{
	if (got != want) {
		printf("data-buffer: FAIL line %d: %s is 0x%lx, want 0x%lx\n", line, what, got, want);
		failures++;
	}
}

/* The buffer's guard: an access violation in the top page opens that page
 * and re-runs the access; everything else goes to the next handler. */
static LONG CALLBACK grow_buffer(PEXCEPTION_POINTERS ep)
{
	const EXCEPTION_RECORD *r = ep->ExceptionRecord;
	DWORD old;

	if (r->ExceptionCode != STATUS_ACCESS_VIOLATION || r->NumberParameters < 2 ||
	    r->ExceptionInformation[1] - (DWORD)top >= PAGE)
		return EXCEPTION_CONTINUE_SEARCH;
	if (!VirtualProtect(top, PAGE, PAGE_READWRITE, &old))
		return EXCEPTION_CONTINUE_SEARCH;
	old_top_protect = old;
	grown++;
	return EXCEPTION_CONTINUE_EXECUTION;
}

/* Last in line: takes what grow_buffer passed on while others_pass_through
 * raises its exceptions (which return by themselves); any other exception
 * ends the process. */
static LONG CALLBACK catch_others(PEXCEPTION_POINTERS ep)
{
	(void)ep;
	if (!raising)
		return EXCEPTION_CONTINUE_SEARCH;
	others_seen++;
	return EXCEPTION_CONTINUE_EXECUTION;
}

static BYTE data_at(DWORD i)
{
	return (BYTE)(i ^ (i >> 8) ^ 0xa5);
}

/* "Receives" SIZE bytes of data into the buffer, one write at a time. */
static void fill(void)
{
	volatile BYTE *p = buffer;

	for (DWORD i = 0; i < SIZE; i++)
		p[i] = data_at(i);
}

/* Returns the index of the first byte that is not the data, or SIZE. */
static DWORD first_wrong(void)
{
	DWORD i = 0;

	while (i < SIZE && buffer[i] == data_at(i))
		i++;
	return i;
}

static DWORD protect_of(const void *addr)
{
	MEMORY_BASIC_INFORMATION m;

	return VirtualQuery(addr, &m, sizeof(m)) == sizeof(m) ? m.Protect : 0;
}

/* Exceptions the buffer's handler must pass on: an access violation
 * elsewhere, and another code naming the top page. */
static void others_pass_through(void)
{
	ULONG_PTR elsewhere[2] = { 1, (ULONG_PTR)buffer }, at_top[2] = { 1, (ULONG_PTR)top };

	raising = 1;
	RaiseException(STATUS_ACCESS_VIOLATION, 0, 2, elsewhere);
	RaiseException(STATUS_IN_PAGE_ERROR, 0, 2, at_top);
	raising = 0;
	printf("data-buffer: other exceptions: %lu reached the next handler, %lu grew the buffer\n",
	       others_seen, grown);
	CHECK_EQ(others_seen, 2);
	CHECK_EQ(grown, 0);
}

int main(void)
{
	DWORD old = 0;

	buffer = VirtualAlloc(NULL, SIZE, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
	if (!buffer) {
		printf("data-buffer: FAIL: VirtualAlloc of %u pages: error %lu\n", PAGES,
		       GetLastError());
		printf("data-buffer: 1 failures\n");
		return 1;
	}
	top = buffer + SIZE - PAGE;
	CHECK(VirtualProtect(top, PAGE, PAGE_NOACCESS, &old));
	CHECK_EQ(old, PAGE_READWRITE);
	printf("data-buffer: %u pages at %p, the top page %p PAGE_NOACCESS (protect 0x%lx)\n",
	       PAGES, (void *)buffer, (void *)top, protect_of(top));
	CHECK(AddVectoredExceptionHandler(1, grow_buffer) != NULL);
	CHECK(AddVectoredExceptionHandler(0, catch_others) != NULL);
	others_pass_through();

	fill();
	printf("data-buffer: filled %u bytes; the handler opened the top page %lu time(s)\n", SIZE,
	       grown);
	CHECK_EQ(grown, 1);
	CHECK_EQ(old_top_protect, PAGE_NOACCESS);
	CHECK_EQ(first_wrong(), SIZE);
	CHECK_EQ(protect_of(top), PAGE_READWRITE);
	CHECK_EQ(others_seen, 2);

	/* The data has drained: the top page guards the buffer again. */
	CHECK(VirtualProtect(top, PAGE, PAGE_NOACCESS, &old));
	CHECK_EQ(old, PAGE_READWRITE);
	CHECK_EQ(protect_of(top), PAGE_NOACCESS);
	CHECK_EQ(protect_of(buffer), PAGE_READWRITE);
	printf("data-buffer: drained; the top page is PAGE_NOACCESS again (protect 0x%lx)\n",
	       protect_of(top));
	CHECK(VirtualFree(buffer, 0, MEM_RELEASE));
	printf("data-buffer: %d failures\n", failures);
	return failures != 0;
}
