/* 1000 threads created and reaped in batches of 50 leave nothing behind:
 * the process's commit (GetProcessMemoryInfo's PagefileUsage), the free
 * address space (no stack or TEB left), the handles (but the events locks
 * make on contention) and the kernel's list of our threads come back to
 * what they were, the machine's commit (GlobalMemoryStatusEx) within the
 * kernel pool's cache; the threads end every way a thread ends by itself
 * (return, ExitThread, created suspended then resumed), each using its
 * stack, a TLS expansion slot and the heap. The run= line checks the kernel's
 * objects per type. */
#include <psapi.h>
#include <windows.h>

#define TEST_NAME "thread-thousand-reaped"
#include "check.h"
#include "ob-common.h"

#define TOTAL 1000
#define BATCH 50

struct figures {
	SIZE_T private_usage;
	DWORDLONG machine_commit;
	DWORD free_pages, regions, handles, events, threads;
};

/* Our handles but events (a critical section makes its event on its first
 * contention and keeps it: the heap's and TLS's locks may do so meanwhile);
 * *events gets those. */
static DWORD handles_but_events(DWORD *events)
{
	struct vados_handle_info info;
	uint32_t after = 0, n = 0;

	*events = 0;
	for (;;) {
		uint32_t args[4] = { GetCurrentProcessId(), after, (uint32_t)&info, 1 };
		struct vados_result r = vados_syscall(SYS_LIST_HANDLES, args);
		if (r.error || r.value == 0)
			return n;
		after = info.handle;
		if (strcmp(info.type, "Event") == 0)
			(*events)++;
		else
			n++;
	}
}

static DWORD our_threads(void)
{
	static struct vados_thread_info info[64];
	uint32_t args[3] = { GetCurrentProcessId(), (uint32_t)info, 64 };
	struct vados_result r = vados_syscall(SYS_LIST_THREADS, args);

	return r.error ? 0xFFFFFFFF : r.value;
}

static struct figures measure(void)
{
	struct figures f = { 0 };
	PROCESS_MEMORY_COUNTERS pmc = { .cb = sizeof(pmc) };
	MEMORYSTATUSEX ms = { .dwLength = sizeof(ms) };
	MEMORY_BASIC_INFORMATION m;

	GetProcessMemoryInfo(GetCurrentProcess(), &pmc, sizeof(pmc));
	GlobalMemoryStatusEx(&ms);
	f.private_usage = pmc.PagefileUsage;
	f.machine_commit = ms.ullTotalPageFile - ms.ullAvailPageFile;
	for (DWORD at = 0x10000; at < 0x7FFF0000 &&
	     VirtualQuery((LPCVOID)at, &m, sizeof(m)) == sizeof(m); at += m.RegionSize) {
		f.regions++;
		if (m.State == MEM_FREE)
			f.free_pages += m.RegionSize / PAGE;
	}
	f.handles = handles_but_events(&f.events);
	f.threads = our_threads();
	return f;
}

static DWORD tls_index;

/* Uses what a thread owns: stack pages, a TLS expansion block, heap. */
static DWORD use_everything(DWORD n)
{
	volatile char deep[12 * 1024];
	char *block = HeapAlloc(GetProcessHeap(), 0, 100 + n % 300);

	deep[0] = deep[sizeof(deep) - 1] = (char)n;
	if (!block || !TlsSetValue(tls_index, block) || TlsGetValue(tls_index) != block)
		return 0xBAD;
	HeapFree(GetProcessHeap(), 0, block);
	return n + deep[0] - (char)n;
}

static DWORD WINAPI by_return(LPVOID p)
{
	return use_everything((DWORD)p);
}

static DWORD WINAPI by_exit_thread(LPVOID p)
{
	ExitThread(use_everything((DWORD)p));
}

/* One batch: BATCH threads, a third of each kind; the wrong exit codes. */
static DWORD batch(DWORD first)
{
	HANDLE h[BATCH];
	DWORD wrong = 0, code;

	for (DWORD i = 0; i < BATCH; i++) {
		DWORD n = first + i;
		h[i] = CreateThread(NULL, 0, n % 2 ? by_return : by_exit_thread, (LPVOID)n,
				    n % 3 == 0 ? CREATE_SUSPENDED : 0, NULL);
		if (!h[i])
			return BATCH;
	}
	for (DWORD i = 0; i < BATCH; i++) {
		if ((first + i) % 3 == 0)
			ResumeThread(h[i]);
	}
	for (DWORD i = 0; i < BATCH; i++) {
		if (WaitForSingleObject(h[i], 30000) != WAIT_OBJECT_0 ||
		    !GetExitCodeThread(h[i], &code) || code != first + i)
			wrong++;
		CloseHandle(h[i]);
	}
	return wrong;
}

int main(void)
{
	struct figures before, after;
	DWORD wrong = 0, start;

	tls_index = TlsAlloc();
	for (DWORD i = 0; i < 64; i++)          /* past the 64 slots */
		tls_index = TlsAlloc();
	wrong += batch(TOTAL);                  /* the heap and TLS warm up */
	Sleep(10);
	before = measure();
	start = GetTickCount();
	for (DWORD first = 0; first < TOTAL; first += BATCH)
		wrong += batch(first);
	Sleep(10);                              /* the last ones are reaped */
	after = measure();
	printf(TEST_NAME ": %d threads in %lu ms\n", TOTAL, GetTickCount() - start);
	CHECK(wrong == 0, "%lu threads failed or ended with the wrong code", wrong);
	CHECK(after.private_usage == before.private_usage, "PagefileUsage %lu, was %lu",
	      (DWORD)after.private_usage, (DWORD)before.private_usage);
	/* The machine's commit counts the kernel's pool, whose object heap may
	 * keep a page or two cached (the run= line checks the rest exactly);
	 * a thread's leak would be pages a thread. */
	CHECK(after.machine_commit <= before.machine_commit + 4 * PAGE,
	      "machine commit %lu KB, was %lu KB", (DWORD)(after.machine_commit / 1024),
	      (DWORD)(before.machine_commit / 1024));
	CHECK(after.free_pages == before.free_pages && after.regions == before.regions,
	      "free address space %lu pages in %lu regions, was %lu in %lu", after.free_pages,
	      after.regions, before.free_pages, before.regions);
	CHECK(after.handles == before.handles, "%lu handles, was %lu (events %lu, %lu)",
	      after.handles, before.handles, after.events, before.events);
	CHECK(after.events <= 2, "%lu events: more than the heap's and TLS's locks",
	      after.events);
	CHECK(before.threads == 1 && after.threads == 1, "threads listed: %lu before, %lu after",
	      before.threads, after.threads);
	printf(TEST_NAME ": %d failures\n", failures);
	return failures != 0;
}
