/* Exceptions and the FPU are per thread: a fault in a secondary thread goes
 * to the vectored handlers on that thread (GetCurrentThreadId inside the
 * handler is the faulting thread, the record carries that thread's own
 * address), which may continue it; eight threads faulting at once each get
 * only their own exceptions while others add and remove handlers; an
 * unhandled exception in a secondary thread ends the whole process with the
 * exception's code and the kernel's one-line report (child "unhandled"); two
 * threads with different x87 control words (rounding, precision) keep them
 * across switches, and a new thread starts with a clean FPU. */
#include <string.h>
#include <windows.h>

#define TEST_NAME "thread-exceptions"
#include "check.h"
#include "thread-common.h"

#define FAULTERS 8
#define FAULTS   200
#define CUSTOM_CODE 0xE0001234u

/* Each faulter reads from an address of its own: 0x100 * (n + 1). */
static volatile DWORD faulter_tid[FAULTERS];
static volatile LONG wrong_thread, wrong_address, handled;

static int faulter_index(DWORD tid)
{
	for (int i = 0; i < FAULTERS; i++)
		if (faulter_tid[i] == tid)
			return i;
	return -1;
}

/* Reads *addr; the handler makes the read yield 0x5A5A and skips it. */
static DWORD read_at(DWORD addr)
{
	DWORD v;

	asm volatile("movl (%1), %0\n\t.globl faulting_read_end\nfaulting_read_end:"
		     : "=a"(v) : "c"(addr) : "memory");
	return v;
}

extern char faulting_read_end[];

static LONG CALLBACK av_handler(PEXCEPTION_POINTERS ep)
{
	PEXCEPTION_RECORD r = ep->ExceptionRecord;
	int me = faulter_index(GetCurrentThreadId());

	if (r->ExceptionCode != STATUS_ACCESS_VIOLATION || me < 0)
		return EXCEPTION_CONTINUE_SEARCH;
	if (r->ExceptionInformation[1] != 0x100u * (me + 1))
		InterlockedIncrement(&wrong_address);
	if (ep->ContextRecord->Ecx != 0x100u * (me + 1))
		InterlockedIncrement(&wrong_thread);    /* another thread's registers */
	InterlockedIncrement(&handled);
	ep->ContextRecord->Eax = 0x5A5A;
	ep->ContextRecord->Eip = (DWORD)faulting_read_end;
	return EXCEPTION_CONTINUE_EXECUTION;
}

static volatile LONG stop_churn;

static DWORD WINAPI fault_repeatedly(LPVOID p)
{
	DWORD me = (DWORD)p, bad = 0;

	while (!faulter_tid[me])
		Sleep(1);
	for (int i = 0; i < FAULTS; i++) {
		if (read_at(0x100u * (me + 1)) != 0x5A5A)
			bad++;
		if (i % 16 == 0)
			Sleep(0);
	}
	return bad;
}

/* A handler for one thread's own raised exception: counts its calls. */
static volatile LONG custom_calls[FAULTERS];

static LONG CALLBACK custom_handler(PEXCEPTION_POINTERS ep)
{
	int me = faulter_index(GetCurrentThreadId());

	if (ep->ExceptionRecord->ExceptionCode != CUSTOM_CODE || me < 0)
		return EXCEPTION_CONTINUE_SEARCH;
	InterlockedIncrement(&custom_calls[me]);
	return EXCEPTION_CONTINUE_EXECUTION;
}

/* Adds and removes a handler over and over while the others fault. */
static DWORD WINAPI churn_handlers(LPVOID p)
{
	DWORD bad = 0;

	(void)p;
	while (!stop_churn) {
		PVOID h = AddVectoredExceptionHandler(0, custom_handler);
		if (!h || !RemoveVectoredExceptionHandler(h))
			bad++;
	}
	return bad;
}

static void faults_on_their_threads(void)
{
	PVOID vh = AddVectoredExceptionHandler(1, av_handler);
	HANDLE h[FAULTERS], churn[2];
	DWORD code, bad = 0, tid;

	for (int i = 0; i < 2; i++)
		churn[i] = CreateThread(NULL, 0, churn_handlers, NULL, 0, NULL);
	for (DWORD i = 0; i < FAULTERS; i++) {
		h[i] = CreateThread(NULL, 0, fault_repeatedly, (LPVOID)i, CREATE_SUSPENDED, &tid);
		faulter_tid[i] = tid;
		ResumeThread(h[i]);
	}
	for (int i = 0; i < FAULTERS; i++) {
		CHECK(WaitForSingleObject(h[i], 30000) == WAIT_OBJECT_0, "faulter %d ends", i);
		if (!GetExitCodeThread(h[i], &code) || code)
			bad++;
		CloseHandle(h[i]);
	}
	stop_churn = 1;
	for (int i = 0; i < 2; i++) {
		WaitForSingleObject(churn[i], 5000);
		CHECK(GetExitCodeThread(churn[i], &code) && code == 0, "handler churn: %lu", code);
		CloseHandle(churn[i]);
	}
	CHECK(bad == 0, "%lu faulters were not continued past their reads", bad);
	CHECK(handled == FAULTERS * FAULTS, "%ld faults handled, want %d", handled,
	      FAULTERS * FAULTS);
	CHECK(wrong_thread == 0 && wrong_address == 0, "a handler saw another thread's "
	      "registers %ld times, address %ld times", wrong_thread, wrong_address);
	RemoveVectoredExceptionHandler(vh);
}

/* Each faulter registers its own handler, raises, removes it: the handler
 * list stays whole while threads change it at once. */
static DWORD WINAPI raise_with_own_handler(LPVOID p)
{
	DWORD me = (DWORD)p;

	while (!faulter_tid[me])
		Sleep(1);
	for (int i = 0; i < FAULTS; i++) {
		PVOID h = AddVectoredExceptionHandler(i & 1, custom_handler);
		LONG before = custom_calls[me];
		RaiseException(CUSTOM_CODE, 0, 0, NULL);
		if (custom_calls[me] == before || !RemoveVectoredExceptionHandler(h))
			return 1;
		if (i % 8 == 0)
			Sleep(0);
	}
	return 0;
}

static void handler_list_under_threads(void)
{
	HANDLE h[FAULTERS];
	DWORD code, tid, bad = 0;

	for (DWORD i = 0; i < FAULTERS; i++)
		faulter_tid[i] = 0;
	for (DWORD i = 0; i < FAULTERS; i++) {
		h[i] = CreateThread(NULL, 0, raise_with_own_handler, (LPVOID)i, CREATE_SUSPENDED,
				    &tid);
		faulter_tid[i] = tid;
		ResumeThread(h[i]);
	}
	for (int i = 0; i < FAULTERS; i++) {
		WaitForSingleObject(h[i], 30000);
		if (!GetExitCodeThread(h[i], &code) || code)
			bad++;
		CloseHandle(h[i]);
	}
	CHECK(bad == 0, "%lu threads lost their handler or raised into none", bad);
}

/* The x87 control word per thread: rounding and precision set by one thread
 * survive any number of switches to another with different ones. */
static unsigned short control_word(void)
{
	unsigned short cw;

	asm volatile("fnstcw %0" : "=m"(cw));
	return cw;
}

struct fpu_job {
	unsigned short cw;              /* to load */
	double expect;                  /* 1.0 / 3.0 rounded under it, as a float */
	DWORD wrong;
	unsigned short first_cw;        /* what the thread started with */
};

static double third(void)
{
	volatile double one = 1.0, three = 3.0;

	return one / three;
}

static DWORD WINAPI keep_control_word(LPVOID p)
{
	struct fpu_job *j = p;

	j->first_cw = control_word();
	asm volatile("fldcw %0" : : "m"(j->cw));
	j->expect = third();
	for (int i = 0; i < 2000; i++) {
		if (control_word() != j->cw || third() != j->expect)
			j->wrong++;
		if (i % 4 == 0)
			SwitchToThread();
	}
	return 0;
}

static void fpu_per_thread(void)
{
	/* Single precision rounding down, double precision rounding up. */
	struct fpu_job a = { .cw = 0x047F }, b = { .cw = 0x0A7F };
	unsigned short mine = control_word(), main_cw;
	HANDLE h[2];

	asm volatile("fldcw %0" : : "m"((unsigned short){ 0x0C7F }));  /* truncate, single */
	h[0] = CreateThread(NULL, 0, keep_control_word, &a, 0, NULL);
	h[1] = CreateThread(NULL, 0, keep_control_word, &b, 0, NULL);
	for (int i = 0; i < 2; i++) {
		WaitForSingleObject(h[i], 30000);
		CloseHandle(h[i]);
	}
	main_cw = control_word();
	/* Back to the clean state before looking: QEMU's loads of doubles
	 * follow the precision control, so compare bytes, not values. */
	asm volatile("fldcw %0" : : "m"(mine));
	CHECK(main_cw == 0x0C7F, "the main thread's control word stayed: %#x", main_cw);
	CHECK(a.wrong == 0 && b.wrong == 0, "control words or results changed: %lu, %lu",
	      a.wrong, b.wrong);
	CHECK(memcmp(&a.expect, &b.expect, sizeof(a.expect)) != 0,
	      "the two rounding modes give different thirds");
	CHECK(a.first_cw == mine && b.first_cw == mine,
	      "new threads start with a clean FPU (%#x, %#x), not their creator's 0xc7f (was %#x)",
	      a.first_cw, b.first_cw, mine);
}

/* ---- the unhandled child and its parent ---------------------------------- */

static DWORD WINAPI write_near_null(LPVOID p)
{
	(void)p;
	Sleep(20);
	asm volatile("movl $1, 0x10" ::: "memory");     /* a write near NULL */
	return 0;
}

static int unhandled_child(void)
{
	CreateThread(NULL, 0, write_near_null, NULL, 0, NULL);
	Sleep(INFINITE);
	return 1;
}

static void unhandled_ends_the_process(const char *self)
{
	DWORD first_thread, code = run_child(self, "unhandled", &first_thread);

	CHECK(code == STATUS_ACCESS_VIOLATION, "a secondary thread's unhandled fault ends the "
	      "process with the exception's code: %#lx", code);
	CHECK(first_thread == STATUS_ACCESS_VIOLATION, "its sleeping main thread too: %#lx",
	      first_thread);
}

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "unhandled") == 0)
		return unhandled_child();
	faults_on_their_threads();
	handler_list_under_threads();
	fpu_per_thread();
	unhandled_ends_the_process(argv[0]);
	printf(TEST_NAME ": %d failures\n", failures);
	return failures != 0;
}
