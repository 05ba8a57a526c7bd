/* Handle inheritance, as Windows has it: CreateProcessA(..., bInheritHandles =
 * TRUE, ...) gives the child every inheritable handle of its parent at the
 * same value, with the same access and flags and naming the same process,
 * and none of the others; the child can use them, and its copies are its
 * own (closing one there leaves the parent's); they are inherited again by a
 * grandchild. With bInheritHandles = FALSE the child gets none.
 *
 * Roles of this program: the parent (no arguments); "sleep", the process
 * most handles name; "check WAIT DEPTH ITEM...", the child, where an ITEM is
 * "y,HANDLE,ACCESS,FLAGS,PID" (inherited) or "n,HANDLE" (not), in hex. With
 * WAIT 1 the child first waits for its parent's mail (the parent inspects
 * the child's table meanwhile); with DEPTH 1 it starts a grandchild to check
 * what it passes on. A child's exit status is the number of its failures.
 * Last line: "handle-inherit: N failures"; the exit status is N. */
#define TEST_NAME "handle-inherit"
#include "check.h"
#include "ob-common.h"
#include <stdlib.h>

#define MARKER     0x1A2B3C4Du
#define MAX_ITEMS  12
#define QUERY_SYNC (PROCESS_QUERY_LIMITED_INFORMATION | SYNCHRONIZE)

static volatile DWORD marker = MARKER;

struct item {
	int inherited;
	DWORD handle, access, flags, pid;
};

static int parse(int argc, char **argv, struct item *items)
{
	int n = 0;

	for (int i = 0; i < argc && n < MAX_ITEMS; i++, n++) {
		char *p = argv[i];
		items[n].inherited = p[0] == 'y';
		items[n].handle = strtoul(p + 2, &p, 16);
		if (items[n].inherited) {
			items[n].access = strtoul(p + 1, &p, 16);
			items[n].flags = strtoul(p + 1, &p, 16);
			items[n].pid = strtoul(p + 1, &p, 16);
		}
	}
	return n;
}

/* The child's side: each inherited handle is there and works, the others
 * are not there; then what it passes on to a grandchild. */
static int child(const char *self, int wait, int depth, int argc, char **argv)
{
	struct item items[MAX_ITEMS];
	int n = parse(argc, argv, items), expected = 0;
	DWORD me = GetCurrentProcessId(), flags, code, value;
	struct vados_handle_info info;
	HANDLE mine;
	SIZE_T got;

	if (wait)
		ob_wait_mail();
	for (int i = 0; i < n; i++) {
		HANDLE h = (HANDLE)items[i].handle;
		if (!items[i].inherited) {
			CHECK_ERR(GetHandleInformation(h, &flags), ERROR_INVALID_HANDLE);
			CHECK_ERR(GetExitCodeProcess(h, &code), ERROR_INVALID_HANDLE);
			continue;
		}
		expected++;
		flags = 0xFF;
		CHECK(GetHandleInformation(h, &flags) && flags == items[i].flags,
		      "child %d: handle %p: flags 0x%lx, want 0x%lx (error %lu)", depth, h, flags,
		      items[i].flags, GetLastError());
		CHECK(ob_handle_info(me, h, &info) && info.access == items[i].access &&
		      info.detail == items[i].pid, "child %d: handle %p: access 0x%x pid %u",
		      depth, h, info.access, info.detail);
		if (items[i].access & PROCESS_QUERY_LIMITED_INFORMATION)
			CHECK(GetExitCodeProcess(h, &code) && code == STILL_ACTIVE,
			      "child %d: exit code through %p: %lu (error %lu)", depth, h, code,
			      GetLastError());
		else
			CHECK_ERR(GetExitCodeProcess(h, &code), ERROR_ACCESS_DENIED);
		if (items[i].access & SYNCHRONIZE)
			CHECK(WaitForSingleObject(h, 0) == WAIT_TIMEOUT,
			      "child %d: wait through %p: error %lu", depth, h, GetLastError());
		if (items[i].access & PROCESS_VM_READ)
			CHECK(ReadProcessMemory(h, (void *)&marker, &value, 4, &got) &&
			      value == MARKER, "child %d: read through %p: error %lu", depth, h,
			      GetLastError());
	}
	CHECK(ob_handle_count(me) == (DWORD)expected, "child %d holds %lu handles, want %d",
	      depth, ob_handle_count(me), expected);

	/* Its own handles go where nothing was inherited. */
	mine = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, me);
	for (int i = 0; i < n; i++)
		CHECK(!items[i].inherited || (DWORD)mine != items[i].handle,
		      "child %d: a new handle %p on an inherited one", depth, mine);
	CloseHandle(mine);
	/* A protected one stays; the others close here only. */
	for (int i = 0; i < n; i++)
		if (items[i].inherited && (items[i].flags & HANDLE_FLAG_PROTECT_FROM_CLOSE))
			CHECK_ERR(CloseHandle((HANDLE)items[i].handle), ERROR_INVALID_HANDLE);
	if (depth == 1) {
		/* The grandchild inherits what is left of them, closed one excepted. */
		char args[256];
		int len = snprintf(args, sizeof(args), "check 0 2");
		PROCESS_INFORMATION pi;
		for (int i = 0; i < n && len < (int)sizeof(args); i++) {
			struct item *it = &items[i];
			if (it->inherited && i == 0) {
				CHECK(CloseHandle((HANDLE)it->handle), "child: close %lx", it->handle);
				it->inherited = 0;
			}
			if (it->inherited)
				len += snprintf(args + len, sizeof(args) - len, " y,%lx,%lx,%lx,%lx",
						it->handle, it->access, it->flags, it->pid);
			else
				len += snprintf(args + len, sizeof(args) - len, " n,%lx", it->handle);
		}
		if (ob_start(self, args, TRUE, &pi)) {
			code = ob_reap(pi.hProcess, FALSE);
			CHECK(code == 0, "the grandchild found %lu failures", code);
		}
	}
	return failures;
}

/* Every handle of process pid (at most max). */
static DWORD table_of(DWORD pid, struct vados_handle_info *out, DWORD max)
{
	uint32_t args[4] = { pid, 0, (uint32_t)out, max };
	struct vados_result r = vados_syscall(SYS_LIST_HANDLES, args);

	return r.error ? 0 : r.value;
}

/* Starts the checking child with the parent's table described on its
 * command line; with inherit, the parent first compares the child's table
 * with its own inheritable handles. The child's failures. */
static DWORD run_child(const char *self, BOOL inherit, const DWORD *not_there, int extra)
{
	static struct vados_handle_info mine[MAX_ITEMS * 2], theirs[MAX_ITEMS * 2];
	DWORD n = table_of(GetCurrentProcessId(), mine, MAX_ITEMS * 2), count = 0, code;
	char args[256];
	int len = snprintf(args, sizeof(args), "check 1 %d", inherit ? 1 : 0);
	PROCESS_INFORMATION pi;
	DWORD go = 1;

	for (DWORD i = 0; i < n; i++) {
		if (inherit && (mine[i].flags & HANDLE_FLAG_INHERIT)) {
			len += snprintf(args + len, sizeof(args) - len, " y,%x,%x,%x,%x",
					mine[i].handle, mine[i].access, mine[i].flags,
					mine[i].detail);
			count++;
		} else {
			len += snprintf(args + len, sizeof(args) - len, " n,%x", mine[i].handle);
		}
	}
	for (int i = 0; i < extra; i++)
		len += snprintf(args + len, sizeof(args) - len, " n,%lx", not_there[i]);
	CHECK(len < (int)sizeof(args), "the command line is %d characters", len);
	CHECK(!inherit || count >= 5, "only %lu inheritable handles", count);
	if (!ob_start(self, args, inherit, &pi))
		return 1;

	/* What the child holds, seen from here before it does anything. */
	DWORD m = table_of(pi.dwProcessId, theirs, MAX_ITEMS * 2);
	CHECK(m == count, "the child holds %lu handles, want %lu", m, count);
	for (DWORD i = 0, j = 0; i < n; i++) {
		if (!inherit || !(mine[i].flags & HANDLE_FLAG_INHERIT))
			continue;
		for (j = 0; j < m && theirs[j].handle != mine[i].handle; j++)
			;
		CHECK(j < m && theirs[j].access == mine[i].access &&
		      theirs[j].flags == mine[i].flags && theirs[j].detail == mine[i].detail &&
		      strcmp(theirs[j].type, mine[i].type) == 0,
		      "handle 0x%x in the child: %s", mine[i].handle,
		      j < m ? "access, flags or process differ" : "missing");
	}
	CHECK(ob_send_mail(pi.hProcess, &go, 1), "mail: error %lu", GetLastError());
	code = ob_reap(pi.hProcess, FALSE);
	CHECK(code == 0, "the %s child found %lu failures", inherit ? "inheriting" : "other", code);
	return code;
}

int main(int argc, char **argv)
{
	SECURITY_ATTRIBUTES sa = { sizeof(sa), NULL, TRUE };
	PROCESS_INFORMATION b;
	HANDLE i1, i2, i3 = NULL, i4, i5, n1, n2, gone;
	DWORD me = GetCurrentProcessId(), flags = 0, code = 0, not_there[2];

	ob_started();
	if (argc == 2 && strcmp(argv[1], "sleep") == 0) {
		Sleep(INFINITE);
		return 1;
	}
	if (argc >= 4 && strcmp(argv[1], "check") == 0)
		return child(argv[0], atoi(argv[2]), atoi(argv[3]), argc - 4, argv + 4);

	/* CreateProcessA's handle is inheritable when the attributes say so. */
	if (!ob_start_sa(argv[0], "sleep", FALSE, &sa, &b))
		return 1;
	CHECK(GetHandleInformation(b.hProcess, &flags) && flags == HANDLE_FLAG_INHERIT,
	      "CreateProcessA's handle with bInheritHandle: flags 0x%lx", flags);
	i1 = OpenProcess(QUERY_SYNC, TRUE, b.dwProcessId);
	i2 = OpenProcess(PROCESS_VM_READ | PROCESS_QUERY_LIMITED_INFORMATION, TRUE, b.dwProcessId);
	n1 = OpenProcess(PROCESS_ALL_ACCESS, FALSE, b.dwProcessId);
	CHECK(DuplicateHandle(GetCurrentProcess(), GetCurrentProcess(), GetCurrentProcess(), &i3,
			      QUERY_SYNC, TRUE, 0), "duplicate -1: error %lu", GetLastError());
	i4 = OpenProcess(PROCESS_TERMINATE, FALSE, b.dwProcessId);
	CHECK(SetHandleInformation(i4, HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT),
	      "make inheritable: error %lu", GetLastError());
	n2 = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, TRUE, b.dwProcessId);
	CHECK(SetHandleInformation(n2, HANDLE_FLAG_INHERIT, 0), "make not inheritable: error %lu",
	      GetLastError());
	i5 = OpenProcess(QUERY_SYNC, TRUE, b.dwProcessId);
	CHECK(SetHandleInformation(i5, HANDLE_FLAG_PROTECT_FROM_CLOSE,
				   HANDLE_FLAG_PROTECT_FROM_CLOSE), "protect: error %lu",
	      GetLastError());
	CHECK(i1 && i2 && n1 && i3 && i4 && n2 && i5, "open: error %lu", GetLastError());
	/* Values never or no longer in use are not in the child either. */
	gone = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, TRUE, b.dwProcessId);
	not_there[0] = (DWORD)gone + 64;
	CloseHandle(gone);
	not_there[1] = (DWORD)gone;

	run_child(argv[0], TRUE, not_there, 2);
	run_child(argv[0], FALSE, not_there, 2);

	/* The children's copies were theirs: the parent's are as they were. */
	CHECK(GetHandleInformation(i1, &flags) && flags == HANDLE_FLAG_INHERIT &&
	      GetExitCodeProcess(i1, &code) && code == STILL_ACTIVE,
	      "the parent's handle after the child closed its copy: error %lu", GetLastError());
	CHECK(ob_access(me, i5) == QUERY_SYNC && GetHandleInformation(i5, &flags) &&
	      flags == (HANDLE_FLAG_INHERIT | HANDLE_FLAG_PROTECT_FROM_CLOSE),
	      "the protected handle: flags 0x%lx", flags);
	SetHandleInformation(i5, HANDLE_FLAG_PROTECT_FROM_CLOSE, 0);
	CloseHandle(i1);
	CloseHandle(i2);
	CloseHandle(i3);
	CloseHandle(i4);
	CloseHandle(i5);
	CloseHandle(n1);
	CloseHandle(n2);
	ob_reap(b.hProcess, TRUE);
	printf("handle-inherit: %d failures\n", failures);
	return failures;
}
