/* Shared by the object-manager tests (handle-*, process-memory): starting a
 * child of this program, asserting a failure and its error, what the kernel
 * says a handle grants (the shell's `handles` call), and a mailbox through
 * which a parent tells its child what to do. Include after check.h. */
#ifndef TESTS_USER_OB_COMMON_H
#define TESTS_USER_OB_COMMON_H

#include <stdio.h>
#include <string.h>
#include <windows.h>
#include "vados/calls.h"

#define PAGE 4096u

/* Set by ob_started() in the child's main. vados loads a child's image in
 * the child's own thread, after CreateProcessA has returned (Windows maps it
 * before), so a parent that reads or changes the child's memory waits for
 * this first. */
static volatile DWORD ob_ready __attribute__((unused));

static inline void ob_started(void)
{
	ob_ready = 1;
}

/* Starts "self args" (self is argv[0]; sa as CreateProcessA's process
 * attributes) and waits until its main has called ob_started() or it has
 * ended; FALSE, with a line saying why, when it cannot start. pi->hThread is
 * closed: processes have one thread. */
static inline BOOL ob_start_sa(const char *self, const char *args, BOOL inherit,
			       SECURITY_ATTRIBUTES *sa, PROCESS_INFORMATION *pi)
{
	char cmdline[256];
	DWORD ready = 0;
	SIZE_T n;

	snprintf(cmdline, sizeof(cmdline), "%s %s", self, args);
	if (!CreateProcessA(NULL, cmdline, sa, NULL, inherit, 0, NULL, NULL, NULL, pi)) {
		failures++;
		printf(TEST_NAME ": cannot start \"%s\": error %lu\n", cmdline, GetLastError());
		return FALSE;
	}
	CloseHandle(pi->hThread);
	pi->hThread = NULL;
	while (!(ReadProcessMemory(pi->hProcess, (void *)&ob_ready, &ready, 4, &n) && ready) &&
	       WaitForSingleObject(pi->hProcess, 0) == WAIT_TIMEOUT)
		Sleep(1);
	return TRUE;
}

static inline BOOL ob_start(const char *self, const char *args, BOOL inherit,
			    PROCESS_INFORMATION *pi)
{
	return ob_start_sa(self, args, inherit, NULL, pi);
}

/* How many of the n processes h[] names have ended. */
static inline int ob_ended(const HANDLE *h, int n)
{
	int count = 0;

	for (int i = 0; i < n; i++)
		count += WaitForSingleObject(h[i], 0) == WAIT_OBJECT_0;
	return count;
}

/* Waits up to ms until at least k of the n processes have ended; how many have. */
static inline int ob_wait_ended(const HANDLE *h, int n, int k, DWORD ms)
{
	DWORD start = GetTickCount();

	while (ob_ended(h, n) < k && GetTickCount() - start < ms)
		Sleep(10);
	return ob_ended(h, n);
}

/* Terminates (when still running) and waits for a child, closes its handle;
 * its exit code. */
static inline DWORD ob_reap(HANDLE h, BOOL terminate)
{
	DWORD code = 0xDEADDEAD;

	if (terminate)
		TerminateProcess(h, 0);
	WaitForSingleObject(h, INFINITE);
	GetExitCodeProcess(h, &code);
	CloseHandle(h);
	return code;
}

static inline void ob_check_err(int line, const char *call, DWORD got, DWORD error, DWORD want)
{
	if (got == 0 && error == want)
		return;
	failures++;
	printf(TEST_NAME ": line %d: %s returned 0x%lx with error %lu, want 0 with error %lu\n",
	       line, call, got, error, want);
}

static inline void ob_check_ok(int line, const char *call, DWORD got, DWORD error)
{
	if (got != 0)
		return;
	failures++;
	printf(TEST_NAME ": line %d: %s failed with error %lu\n", line, call, error);
}

/* call must fail (return 0, FALSE or NULL) with GetLastError() == err. */
#define CHECK_ERR(call, err)                                                             \
	do {                                                                             \
		SetLastError(0xE0E0);                                                    \
		DWORD got_ = (DWORD)(call);                                              \
		ob_check_err(__LINE__, #call, got_, GetLastError(), (DWORD)(err));       \
	} while (0)

/* call must succeed (return non-zero). */
#define CHECK_OK(call)                                                                   \
	do {                                                                             \
		SetLastError(0xE0E0);                                                    \
		DWORD got_ = (DWORD)(call);                                              \
		ob_check_ok(__LINE__, #call, got_, GetLastError());                      \
	} while (0)

/* The entry for handle h (tag bits ignored) in process pid's table, as the
 * shell's `handles` shows it (vados's SYS_LIST_HANDLES): whether there is one. */
static inline BOOL ob_handle_info(DWORD pid, HANDLE h, struct vados_handle_info *out)
{
	uint32_t value = (uint32_t)h & ~3u;
	uint32_t args[4] = { pid, value - 4, (uint32_t)out, 1 };
	struct vados_result r;

	if (value < 4)
		return FALSE;
	r = vados_syscall(SYS_LIST_HANDLES, args);
	return r.error == 0 && r.value == 1 && out->handle == value;
}

/* The access handle h grants in process pid; 0xFFFFFFFF when there is no such handle. */
static inline DWORD ob_access(DWORD pid, HANDLE h)
{
	struct vados_handle_info info;

	return ob_handle_info(pid, h, &info) ? info.access : 0xFFFFFFFFu;
}

/* How many handles process pid holds (the shell's `ps`); 0xFFFFFFFF when
 * there is no such process. */
static inline DWORD ob_handle_count(DWORD pid)
{
	static struct vados_process_info list[64];
	uint32_t args[2] = { (uint32_t)list, 64 };
	struct vados_result r = vados_syscall(SYS_LIST_PROCESSES, args);

	for (uint32_t i = 0; r.error == 0 && i < r.value; i++)
		if (list[i].pid == pid)
			return list[i].handles;
	return 0xFFFFFFFFu;
}

/* The mailbox: a child waits until its parent writes a non-zero first word
 * into the child's copy (same image, same address) with WriteProcessMemory. */
#define MAIL_WORDS 8
static volatile DWORD mailbox[MAIL_WORDS] __attribute__((unused));

static inline void ob_wait_mail(void)
{
	while (mailbox[0] == 0)
		Sleep(5);
}

/* Sends the child words[0 .. n) (words[0] must be non-zero). */
static inline BOOL ob_send_mail(HANDLE child, const DWORD *words, DWORD n)
{
	SIZE_T done = 0;

	/* The first word last: the child sees a complete letter. */
	if (n > 1 && !WriteProcessMemory(child, (void *)&mailbox[1], &words[1],
					 (n - 1) * sizeof(DWORD), &done))
		return FALSE;
	return WriteProcessMemory(child, (void *)&mailbox[0], &words[0], sizeof(DWORD), &done);
}

#endif
