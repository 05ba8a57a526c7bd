/* The shell's commands that look at processes and memory: ps, threads,
 * handles, kill, mem (user/programs/shell/shell.h). Calls the kernel's list
 * calls (vados/calls.h) and kernel32. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include "vados/calls.h"
#include "shell.h"

#define PROCESSES_MAX 64

/* The processes, at most PROCESSES_MAX; returns how many. */
static uint32_t list_processes(struct vados_process_info *info)
{
	uint32_t args[2] = { (uint32_t)info, PROCESSES_MAX };

	return vados_syscall(SYS_LIST_PROCESSES, args).value;
}

void cmd_ps(void)
{
	static struct vados_process_info info[PROCESSES_MAX];
	uint32_t n = list_processes(info);

	printf("  PID  STATE    STATUS      HANDLES  THREADS  NAME\n");
	for (uint32_t i = 0; i < n; i++)
		printf("%5u  %-7s  0x%08x  %7u  %7u  %s\n", info[i].pid,
		       info[i].exited ? "exited" : "running", info[i].exit_status, info[i].handles,
		       info[i].threads, info[i].name);
}

unsigned long parse_pid(const char *cmd, const char *usage, const char *arg)
{
	char *end;
	unsigned long pid = arg ? strtoul(arg, &end, 10) : 0;

	if (!arg || *end || pid == 0) {
		printf("%s: usage: %s %s\n", cmd, cmd, usage);
		return 0;
	}
	return pid;
}

void cmd_kill(const char *arg)
{
	unsigned long pid = parse_pid("kill", "PID", arg);
	HANDLE h;

	if (!pid)
		return;
	if (!(h = OpenProcess(PROCESS_TERMINATE, FALSE, pid))) {
		printf("kill: no process %lu\n", pid);
		return;
	}
	if (TerminateProcess(h, 1))
		printf("kill: terminated %lu\n", pid);
	else
		printf("kill: %lu: error %lu\n", pid, GetLastError());
	CloseHandle(h);
}

/* One handle: a process also shows its pid, a named object its name. */
static void print_handle(const struct vados_handle_info *h)
{
	printf("  0x%06x  %-8s  0x%08x  %s%s", h->handle, h->type, h->access,
	       h->flags & HANDLE_FLAG_INHERIT ? "i" : "-",
	       h->flags & HANDLE_FLAG_PROTECT_FROM_CLOSE ? "p" : "-");
	if (h->name[0])
		printf("  %s", h->name);
	else if (strcmp(h->type, "Process") == 0)
		printf("  pid %u", h->detail);
	printf("\n");
}

void cmd_handles(const char *arg)
{
	static struct vados_handle_info h[32];
	unsigned long pid = parse_pid("handles", "PID", arg);
	uint32_t after = 0, total = 0;
	struct vados_result r;

	if (!pid)
		return;
	do {
		uint32_t args[4] = { pid, after, (uint32_t)h, 32 };
		r = vados_syscall(SYS_LIST_HANDLES, args);
		if (!r.error && after == 0)
			printf("  HANDLE    TYPE      ACCESS      FLAGS  OBJECT\n");
		for (uint32_t i = 0; !r.error && i < r.value; i++)
			print_handle(&h[i]);
		if (!r.error && r.value)
			after = h[r.value - 1].handle;
		total += r.error ? 0 : r.value;
	} while (!r.error && r.value == 32);
	if (r.error)
		printf("handles: no process %lu\n", pid);
	else
		printf("%u handles\n", total);
}

/* Whether process pid is in the process list. */
static BOOL process_listed(unsigned long pid)
{
	static struct vados_process_info info[PROCESSES_MAX];
	uint32_t n = list_processes(info);

	for (uint32_t i = 0; i < n; i++)
		if (info[i].pid == pid)
			return TRUE;
	return FALSE;
}

#define THREADS_MAX 64

/* One thread: its state and priorities, why it waits, its TEB and stack. */
static void print_thread(const struct vados_thread_info *t)
{
	static const char *const states[] = { "ready", "running", "waiting", "ended" };

	printf("%5u  %5u  %-7s  %4u  %4u  %7u  %-15s  0x%08x  0x%08x  0x%08x\n", t->tid, t->pid,
	       t->state < 4 ? states[t->state] : "?", t->base_priority, t->priority,
	       t->suspend_count, t->wait_reason[0] ? t->wait_reason : "-", t->teb,
	       t->stack_base, t->stack_limit);
}

static int by_pid_and_tid(const void *a, const void *b)
{
	const struct vados_thread_info *x = a, *y = b;

	if (x->pid != y->pid)
		return x->pid < y->pid ? -1 : 1;
	return (x->tid > y->tid) - (x->tid < y->tid);
}

void cmd_threads(const char *arg)
{
	static struct vados_thread_info t[THREADS_MAX];
	unsigned long pid = arg ? parse_pid("threads", "[PID]", arg) : 0;
	uint32_t args[3] = { pid, (uint32_t)t, THREADS_MAX }, n;
	struct vados_result r;

	if (arg && !pid)
		return;
	r = vados_syscall(SYS_LIST_THREADS, args);
	if (r.error) {
		printf("threads: error %u\n", r.error);
		return;
	}
	n = r.value;
	if (pid && n == 0) {
		printf(process_listed(pid) ? "threads: process %lu has no threads left\n" :
		       "threads: no process %lu\n", pid);
		return;
	}
	qsort(t, n, sizeof(t[0]), by_pid_and_tid);
	printf("%5s  %5s  %-7s  %4s  %4s  %7s  %-15s  %-10s  %-10s  %s\n", "TID", "PID", "STATE",
	       "BASE", "PRIO", "SUSPEND", "WAIT REASON", "TEB", "STACK BASE", "STACK LIMIT");
	for (uint32_t i = 0; i < n; i++)
		print_thread(&t[i]);
	printf("%u threads%s\n", n, n == THREADS_MAX ? " (the first 64)" : "");
}

void cmd_mem(void)
{
	MEMORYSTATUSEX m = { .dwLength = sizeof(m) };

	if (!GlobalMemoryStatusEx(&m)) {
		printf("mem: error %lu\n", GetLastError());
		return;
	}
	printf("physical memory: %llu KiB in all, %llu KiB available (%lu%% in use)\n",
	       m.ullTotalPhys / 1024, m.ullAvailPhys / 1024, m.dwMemoryLoad);
	printf("commit: %llu KiB of a %llu KiB limit (RAM and swap) charged\n",
	       (m.ullTotalPageFile - m.ullAvailPageFile) / 1024, m.ullTotalPageFile / 1024);

	struct vados_memory_status s = { 0 };
	uint32_t args[1] = { (uint32_t)&s };
	if (vados_syscall(SYS_MEMORY_STATUS, args).error || !s.swap_slots)
		printf("swap: none\n");
	else
		printf("swap: %u KiB of %u KiB in use, %u KiB of it copies of resident pages\n",
		       s.swap_slots_used * 4, s.swap_slots * 4, s.swap_slots_copies * 4);
	struct vados_mm_counters c = vados_mm_counters();
	printf("file cache: %u hits, %u misses, %u pages read, %u written (%u by the lazy "
	       "writer)\n", c.cache_hits, c.cache_misses, c.cache_pages_read,
	       c.cache_pages_written, c.cache_lazy_pages);
}
