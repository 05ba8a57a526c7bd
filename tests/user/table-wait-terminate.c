/* Regression (review): a VirtualProtect that must wait for page-table frames
 * (RAM nearly full of dirty pages that can never be written: every swap
 * write fails) retried with interrupts off; once its process was being
 * terminated its waits no longer slept, so it spun for ever and the machine
 * stopped. Alone, the call gives up after 5 s with ERROR_NOT_ENOUGH_MEMORY
 * and changes nothing; terminated while it waits, the process ends at once
 * and everything else goes on. A commit past the limit (its page tables
 * counted) fails at once instead of waiting first. */
#include <string.h>
#include "swap-common.h"

#define TEST_NAME "table-wait-terminate"
#include "check.h"

#define SPAN (1024u << 20)
#define READY_EVENT "table-wait-terminate-ready"

/* Signaled by the child (when the parent made it) as it starts to wait. */
static HANDLE ready;

/* A commit whose pages fit under the limit but not with their page tables
 * fails at once with ERROR_COMMITMENT_LIMIT: it must not first wait for the
 * frames of those tables (memory is short). */
static void past_the_limit_fails_at_once(void)
{
	struct vados_memory_status st = swap_status();
	uint32_t pages = st.commit_limit_pages - st.commit_charge_pages;
	char *r = VirtualAlloc(NULL, pages * 4096, MEM_RESERVE, PAGE_NOACCESS);
	DWORD t0 = GetTickCount();

	CHECK(r != NULL, "reserving %u pages failed: %lu", pages, GetLastError());
	CHECK(r && !VirtualAlloc(r, pages * 4096, MEM_COMMIT, PAGE_READWRITE) &&
	      GetLastError() == ERROR_COMMITMENT_LIMIT && GetTickCount() - t0 < 1000,
	      "committing the rest of the limit: error %lu after %lu ms, want 1455 at once",
	      GetLastError(), GetTickCount() - t0);
	VirtualFree(r, 0, MEM_RELEASE);
}

/* Fills RAM to 40 pages from the end with dirty pages, then protects 1 GB
 * committed whole: 256 page tables, more than the frames left. */
static int waiter(void)
{
	ready = OpenEventA(EVENT_MODIFY_STATE, FALSE, READY_EVENT);     /* none when alone */
	struct vados_memory_status st = swap_status();
	uint32_t hog_pages = st.phys_avail_pages - 40;
	volatile uint32_t *hog = VirtualAlloc(NULL, hog_pages * 4096, MEM_COMMIT | MEM_RESERVE,
					      PAGE_READWRITE);
	char *span = VirtualAlloc(NULL, SPAN, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
	MEMORY_BASIC_INFORMATION m;
	DWORD old, t0, error;

	if (!hog || !span) {
		printf(TEST_NAME ": setup failed: %lu\n", GetLastError());
		return 1;
	}
	for (uint32_t i = 0; i < hog_pages; i++)
		hog[i * 1024] = i;
	past_the_limit_fails_at_once();
	printf(TEST_NAME ": waiting\n");
	if (ready)
		SetEvent(ready);
	t0 = GetTickCount();
	BOOL ok = VirtualProtect(span, SPAN, PAGE_READONLY, &old);
	DWORD waited = GetTickCount() - t0;
	error = GetLastError();
	printf(TEST_NAME ": protect %s (error %lu) after %lu ms\n", ok ? "done" : "failed", error,
	       waited);
	CHECK(!ok && error == ERROR_NOT_ENOUGH_MEMORY, "want ERROR_NOT_ENOUGH_MEMORY");
	CHECK(waited >= 4900, "gave up after %lu ms, before the 5 s wait", waited);
	CHECK(VirtualQuery(span + SPAN / 2, &m, sizeof(m)) && m.Protect == PAGE_READWRITE,
	      "the failed call changed the protection to 0x%lx", m.Protect);
	printf(TEST_NAME ": %d failures\n", failures);
	return failures != 0;
}

int main(int argc, char **argv)
{
	STARTUPINFOA si = { .cb = sizeof(si) };
	PROCESS_INFORMATION pi;
	char cmd[] = "table-wait-terminate waiter";
	DWORD t0;

	if (argc > 1 && strcmp(argv[1], "waiter") == 0)
		return waiter();
	ready = CreateEventA(NULL, TRUE, FALSE, READY_EVENT);
	if (!CreateProcessA(NULL, cmd, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi)) {
		printf(TEST_NAME ": CreateProcessA failed: %lu\n", GetLastError());
		return 1;
	}
	/* Filling memory takes the child a while (how long depends on the
	 * writer's retries): it says when it starts its wait. */
	CHECK(WaitForSingleObject(ready, 30000) == WAIT_OBJECT_0, "the child never got to its wait");
	Sleep(300);                             /* the child is in its wait by now */
	t0 = GetTickCount();
	CHECK(TerminateProcess(pi.hProcess, 7), "TerminateProcess failed: %lu", GetLastError());
	CHECK(WaitForSingleObject(pi.hProcess, 2000) == WAIT_OBJECT_0,
	      "the child did not end within 2 s of TerminateProcess");
	DWORD code = 0;
	GetExitCodeProcess(pi.hProcess, &code);
	printf(TEST_NAME ": terminated while waiting: ended in %lu ms with status %lu\n",
	       GetTickCount() - t0, code);
	CHECK(code == 7, "exit status %lu, want 7", code);
	CloseHandle(pi.hProcess);
	CloseHandle(pi.hThread);
	CloseHandle(ready);
	printf(TEST_NAME ": %d failures\n", failures);
	return failures != 0;
}
