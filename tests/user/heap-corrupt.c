/* Heap corruption is detected, not spread: each misuse below, in a child
 * process of its own, raises STATUS_HEAP_CORRUPTION (0xc0000374), which a
 * vectored handler sees as non-continuable. The handler's attempt to
 * continue raises STATUS_NONCONTINUABLE_EXCEPTION (0xc0000025) pointing
 * back at it, and continuing that too ends the child with 0xc0000025 and
 * the kernel's one-line report; unhandled, the child ends with 0xc0000374.
 *   heap-corrupt                 runs every misuse as a child and checks each
 *                                exit status ("clean" must exit 0)
 *   heap-corrupt MODE            does one misuse under a handler
 *   heap-corrupt MODE unhandled  the same with no handler */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

static const char *mode = "";

static LONG CALLBACK on_exception(PEXCEPTION_POINTERS ep)
{
	EXCEPTION_RECORD *r = ep->ExceptionRecord;

	printf("heap-corrupt: %s: caught 0x%08lx, %s, %lu parameters, nested in 0x%08lx\n",
	       mode, r->ExceptionCode,
	       r->ExceptionFlags & EXCEPTION_NONCONTINUABLE ? "non-continuable" : "continuable",
	       r->NumberParameters, r->ExceptionRecord ? r->ExceptionRecord->ExceptionCode : 0);
	return EXCEPTION_CONTINUE_EXECUTION;    /* refused: it is non-continuable */
}

static void double_free(void)
{
	char *p = malloc(100);

	free(p);
	free(p);
}

/* Writing 8 bytes past a block overwrites the next block's tag; freeing the
 * next block sees it. */
static void overrun_then_free_next(void)
{
	char *a = malloc(24), *b = malloc(24);

	memset(a, 'A', 24 + 8);
	free(b);
}

/* ... and so does freeing the overrun block itself, which looks at its
 * neighbour to merge. */
static void overrun_then_free_it(void)
{
	char *a = malloc(24), *b = malloc(24);

	memset(a, 'A', 24 + 4);
	(void)b;
	free(a);
}

static void underrun_own_tag(void)
{
	char *a = malloc(64);

	a[-3] ^= 0x40;
	free(a);
}

static void big_double_free(void)
{
	char *p = malloc(1 << 20);

	free(p);
	free(p);
}

static void realloc_freed(void)
{
	HANDLE h = HeapCreate(0, 0, 0);
	char *p = HeapAlloc(h, 0, 300);

	HeapFree(h, 0, p);
	HeapReAlloc(h, 0, p, 600);
}

static void free_foreign(void)
{
	char local[32];

	free(local + 8);
}

static void clean(void)
{
	char *p = malloc(100);

	free(realloc(p, 5000));
}

static const struct {
	const char *name;
	void (*run)(void);
} modes[] = {
	{ "clean", clean },
	{ "double-free", double_free },
	{ "overrun-then-free-next", overrun_then_free_next },
	{ "overrun-then-free-it", overrun_then_free_it },
	{ "underrun-own-tag", underrun_own_tag },
	{ "big-double-free", big_double_free },
	{ "realloc-freed", realloc_freed },
	{ "free-foreign", free_foreign },
};
#define NMODES (sizeof(modes) / sizeof(modes[0]))

/* Runs "heap-corrupt NAME" and returns its exit status. */
static DWORD child(const char *name)
{
	STARTUPINFOA si;
	PROCESS_INFORMATION pi;
	char cmdline[64];
	DWORD code = 0;

	snprintf(cmdline, sizeof(cmdline), "heap-corrupt %s", name);
	memset(&si, 0, sizeof(si));
	si.cb = sizeof(si);
	if (!CreateProcessA(NULL, cmdline, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi))
		return 0xffffffff;
	WaitForSingleObject(pi.hProcess, INFINITE);
	GetExitCodeProcess(pi.hProcess, &code);
	CloseHandle(pi.hThread);
	CloseHandle(pi.hProcess);
	return code;
}

static int parent(void)
{
	int failures = 0;

	for (unsigned i = 0; i < NMODES; i++) {
		DWORD want = i ? STATUS_NONCONTINUABLE_EXCEPTION : 0, got = child(modes[i].name);
		printf("heap-corrupt: %s exited with 0x%08lx: %s\n", modes[i].name, got,
		       got == want ? "ok" : "WRONG");
		failures += got != want;
	}
	printf("heap-corrupt: %d failures\n", failures);
	return failures != 0;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return parent();
	mode = argv[1];
	if (argc < 3 || strcmp(argv[2], "unhandled"))
		AddVectoredExceptionHandler(1, on_exception);
	for (unsigned i = 0; i < NMODES; i++)
		if (!strcmp(mode, modes[i].name)) {
			modes[i].run();
			printf("heap-corrupt: %s: went on\n", mode);
			return 0;
		}
	printf("heap-corrupt: no mode %s\n", mode);
	return 2;
}
