/* DuplicateHandle, GetHandleInformation, SetHandleInformation and CloseHandle
 * as Windows has them: duplicates within the process (same access, a reduced
 * mask, more than the source has refused, the inherit flag), of the
 * pseudo-handle GetCurrentProcess() (a real handle), into a child and back
 * out of it and closed in it, DUPLICATE_CLOSE_SOURCE (the source goes even
 * when the duplicate fails), process handles without PROCESS_DUP_HANDLE; the
 * flags, protect-from-close, tag bits and closing twice. The child is this
 * program again ("handle-duplicate child"): told a handle value through its
 * mailbox, it checks what it can do with it and exits with the number of
 * checks that failed.
 * Last line: "handle-duplicate: N failures"; the exit status is N. */
#define TEST_NAME "handle-duplicate"
#include "check.h"
#include "ob-common.h"

#define SELF GetCurrentProcess()
#define QUERY_SYNC (PROCESS_QUERY_LIMITED_INFORMATION | SYNCHRONIZE)

static volatile DWORD marker = 0x3A3A3A3A;

/* The child's side: mailbox = { handle, its flags, its access, pid it names }. */
static int child_checks(void)
{
	HANDLE h;
	DWORD flags = 0xFF, code = 0, value = 0;
	SIZE_T n;

	ob_wait_mail();
	h = (HANDLE)mailbox[0];
	CHECK(GetHandleInformation(h, &flags) && flags == mailbox[1],
	      "child: flags 0x%lx, want 0x%lx (error %lu)", flags, mailbox[1], GetLastError());
	CHECK(ob_access(GetCurrentProcessId(), h) == mailbox[2], "child: access 0x%lx",
	      ob_access(GetCurrentProcessId(), h));
	CHECK(GetExitCodeProcess(h, &code) && code == STILL_ACTIVE,
	      "child: the parent's exit code %lu (error %lu)", code, GetLastError());
	CHECK(WaitForSingleObject(h, 0) == WAIT_TIMEOUT, "child: wait on the parent: error %lu",
	      GetLastError());
	CHECK_ERR(ReadProcessMemory(h, (void *)&marker, &value, 4, &n), ERROR_ACCESS_DENIED);
	return failures;
}

/* flags of h, or 0xFF when GetHandleInformation fails. */
static DWORD flags_of(HANDLE h)
{
	DWORD flags = 0xFF;

	return GetHandleInformation(h, &flags) ? flags : 0xFF;
}

static BOOL valid(HANDLE h)
{
	DWORD flags;

	return GetHandleInformation(h, &flags);
}

static void within_the_process(DWORD cpid)
{
	DWORD me = GetCurrentProcessId(), code = 0, value = 0;
	HANDLE src = OpenProcess(QUERY_SYNC | PROCESS_VM_READ, FALSE, cpid), d = NULL, d2 = NULL;
	HANDLE d3 = (HANDLE)0x5555;
	DWORD count;
	SIZE_T n;

	CHECK(src != NULL, "open: error %lu", GetLastError());
	CHECK_OK(DuplicateHandle(SELF, src, SELF, &d, 0, FALSE, DUPLICATE_SAME_ACCESS));
	CHECK(d && d != src && ((DWORD)d & 3) == 0, "duplicate %p of %p", d, src);
	CHECK(ob_access(me, d) == ob_access(me, src), "same access: 0x%lx, source 0x%lx",
	      ob_access(me, d), ob_access(me, src));
	CHECK(flags_of(d) == 0, "flags 0x%lx", flags_of(d));
	CHECK(ReadProcessMemory(d, (void *)&marker, &value, 4, &n) && value == 0x3A3A3A3A,
	      "read through the duplicate: error %lu", GetLastError());

	/* A reduced mask; the duplicate is a handle of its own. */
	CHECK_OK(DuplicateHandle(SELF, src, SELF, &d2, PROCESS_QUERY_LIMITED_INFORMATION, TRUE, 0));
	CHECK(ob_access(me, d2) == PROCESS_QUERY_LIMITED_INFORMATION, "reduced: 0x%lx",
	      ob_access(me, d2));
	CHECK(flags_of(d2) == HANDLE_FLAG_INHERIT, "inheritable duplicate: flags 0x%lx",
	      flags_of(d2));
	CHECK_ERR(ReadProcessMemory(d2, (void *)&marker, &value, 4, &n), ERROR_ACCESS_DENIED);
	CHECK_ERR(WaitForSingleObject(d2, 0) != WAIT_FAILED, ERROR_ACCESS_DENIED);
	CHECK(GetExitCodeProcess(d2, &code) && code == STILL_ACTIVE, "exit code %lu", code);
	CHECK_OK(CloseHandle(d));
	CHECK(valid(src) && valid(d2), "closing a duplicate closed another handle");
	CHECK(GetExitCodeProcess(src, &code), "the source after its duplicate closed: error %lu",
	      GetLastError());

	/* More than the source grants is refused, and makes no handle. */
	count = ob_handle_count(me);
	CHECK_ERR(DuplicateHandle(SELF, src, SELF, &d3, PROCESS_VM_WRITE, FALSE, 0),
		  ERROR_ACCESS_DENIED);
	CHECK_ERR(DuplicateHandle(SELF, d2, SELF, &d3, SYNCHRONIZE, FALSE, 0),
		  ERROR_ACCESS_DENIED);
	CHECK_ERR(DuplicateHandle(SELF, d2, SELF, &d3, PROCESS_ALL_ACCESS, FALSE, 0),
		  ERROR_ACCESS_DENIED);
	CHECK(ob_handle_count(me) == count, "%lu handles, %lu before", ob_handle_count(me), count);
	CHECK(d3 == NULL || d3 == (HANDLE)0x5555, "a refused duplicate's out value %p", d3);
	/* A subset of what it grants, named generically or not, is given. */
	CHECK_OK(DuplicateHandle(SELF, src, SELF, &d3, SYNCHRONIZE, FALSE, 0));
	CHECK(ob_access(me, d3) == SYNCHRONIZE, "SYNCHRONIZE alone: 0x%lx", ob_access(me, d3));
	CHECK_OK(CloseHandle(d3));
	CHECK_OK(DuplicateHandle(SELF, src, SELF, &d3, 0, FALSE, 0));
	CHECK(ob_access(me, d3) == 0, "no access asked: 0x%lx", ob_access(me, d3));
	CHECK_OK(CloseHandle(d3));

	/* Bad source handles, and a bad or missing target process. */
	CHECK_ERR(DuplicateHandle(SELF, (HANDLE)0x1230, SELF, &d3, 0, FALSE,
				  DUPLICATE_SAME_ACCESS), ERROR_INVALID_HANDLE);
	CHECK_ERR(DuplicateHandle(SELF, NULL, SELF, &d3, 0, FALSE, DUPLICATE_SAME_ACCESS),
		  ERROR_INVALID_HANDLE);
	CHECK_ERR(DuplicateHandle(SELF, src, (HANDLE)0x1230, &d3, 0, FALSE,
				  DUPLICATE_SAME_ACCESS), ERROR_INVALID_HANDLE);
	CHECK_ERR(DuplicateHandle(SELF, src, NULL, &d3, 0, FALSE, DUPLICATE_SAME_ACCESS),
		  ERROR_INVALID_HANDLE);
	CHECK_ERR(DuplicateHandle((HANDLE)0x1230, src, SELF, &d3, 0, FALSE,
				  DUPLICATE_SAME_ACCESS), ERROR_INVALID_HANDLE);
	CHECK(valid(src), "a failed duplicate without DUPLICATE_CLOSE_SOURCE closed its source");
	CHECK(ob_handle_count(me) == count, "%lu handles, %lu before", ob_handle_count(me), count);
	CloseHandle(d2);
	CloseHandle(src);
}

/* DUPLICATE_CLOSE_SOURCE closes the source whatever becomes of the duplicate. */
static void close_source(DWORD cpid)
{
	HANDLE s, d = NULL;
	DWORD code = 0;

	s = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, cpid);
	CHECK_OK(DuplicateHandle(SELF, s, SELF, &d, 0, FALSE,
				 DUPLICATE_SAME_ACCESS | DUPLICATE_CLOSE_SOURCE));
	CHECK(d != s && !valid(s), "the source %p is still open beside %p", s, d);
	CHECK(GetExitCodeProcess(d, &code) && code == STILL_ACTIVE, "the duplicate: error %lu",
	      GetLastError());
	CloseHandle(d);

	s = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, cpid);
	CHECK_ERR(DuplicateHandle(SELF, s, SELF, &d, PROCESS_VM_WRITE, FALSE,
				  DUPLICATE_CLOSE_SOURCE), ERROR_ACCESS_DENIED);
	CHECK(!valid(s), "a duplicate refused for its access left the source open");

	s = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, cpid);
	CHECK_ERR(DuplicateHandle(SELF, s, (HANDLE)0x1230, &d, 0, FALSE,
				  DUPLICATE_SAME_ACCESS | DUPLICATE_CLOSE_SOURCE),
		  ERROR_INVALID_HANDLE);
	CHECK(!valid(s), "a duplicate refused for its target left the source open");

	/* No target process: only the close. */
	s = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, cpid);
	CHECK_OK(DuplicateHandle(SELF, s, NULL, NULL, 0, FALSE, DUPLICATE_CLOSE_SOURCE));
	CHECK(!valid(s), "DUPLICATE_CLOSE_SOURCE without a target left the source open");
	CHECK(!DuplicateHandle(SELF, s, NULL, NULL, 0, FALSE, DUPLICATE_CLOSE_SOURCE) &&
	      GetLastError() == ERROR_INVALID_HANDLE, "closing a closed handle that way: %lu",
	      GetLastError());
}

/* GetCurrentProcess() duplicates into a real handle with every right. */
static void pseudo_handle(void)
{
	struct vados_handle_info info;
	HANDLE real = NULL;
	DWORD code = 0;

	CHECK_OK(DuplicateHandle(SELF, SELF, SELF, &real, 0, FALSE, DUPLICATE_SAME_ACCESS));
	CHECK(real != NULL && real != SELF && ((DWORD)real & 3) == 0, "real handle %p", real);
	CHECK(ob_handle_info(GetCurrentProcessId(), real, &info) &&
	      info.detail == GetCurrentProcessId() && info.access == PROCESS_ALL_ACCESS &&
	      strcmp(info.type, "Process") == 0, "names %s %u with access 0x%x", info.type,
	      info.detail, info.access);
	CHECK(GetExitCodeProcess(real, &code) && code == STILL_ACTIVE, "exit code %lu", code);
	CHECK_OK(CloseHandle(real));
	/* Closing the pseudo-handle does nothing, and succeeds. */
	CHECK_OK(CloseHandle(SELF));
	CHECK(GetExitCodeProcess(SELF, &code) && code == STILL_ACTIVE, "after closing -1: %lu",
	      GetLastError());
}

/* A handle duplicated into the child is there, at the value returned, with
 * the access and flags asked; the child can use it; it duplicates back out
 * of the child; one closed in the child by DUPLICATE_CLOSE_SOURCE is gone. */
static void into_a_child(HANDLE child, DWORD cpid)
{
	DWORD me = GetCurrentProcessId(), code = 0xFFFF;
	struct vados_handle_info info;
	HANDLE theirs = NULL, other = NULL, back = NULL, no_dup, dup_only;
	DWORD count = ob_handle_count(cpid);

	CHECK_OK(DuplicateHandle(SELF, SELF, child, &theirs, QUERY_SYNC, TRUE, 0));
	CHECK(theirs && ((DWORD)theirs & 3) == 0, "handle in the child %p", theirs);
	CHECK(ob_handle_info(cpid, theirs, &info) && info.detail == me &&
	      info.access == QUERY_SYNC && info.flags == HANDLE_FLAG_INHERIT,
	      "the child's entry: pid %u access 0x%x flags 0x%x", info.detail, info.access,
	      info.flags);
	CHECK(ob_handle_count(cpid) == count + 1, "the child holds %lu handles, %lu before",
	      ob_handle_count(cpid), count);

	CHECK_OK(DuplicateHandle(child, theirs, SELF, &back, 0, FALSE, DUPLICATE_SAME_ACCESS));
	CHECK(ob_handle_info(me, back, &info) && info.detail == me && info.access == QUERY_SYNC &&
	      info.flags == 0, "back out: pid %u access 0x%x flags 0x%x", info.detail,
	      info.access, info.flags);
	CloseHandle(back);
	/* -1 in the child's table is the child. */
	CHECK_OK(DuplicateHandle(child, SELF, SELF, &back, PROCESS_QUERY_LIMITED_INFORMATION,
				 FALSE, 0));
	CHECK(ob_handle_info(me, back, &info) && info.detail == cpid,
	      "the child's -1 names pid %u", info.detail);
	CloseHandle(back);

	CHECK_OK(DuplicateHandle(SELF, SELF, child, &other, SYNCHRONIZE, FALSE, 0));
	CHECK(ob_handle_info(cpid, other, &info), "the second handle is not in the child");
	CHECK_OK(DuplicateHandle(child, other, NULL, NULL, 0, FALSE, DUPLICATE_CLOSE_SOURCE));
	CHECK(!ob_handle_info(cpid, other, &info), "closed in the child, it is still there");
	CHECK_ERR(DuplicateHandle(child, other, SELF, &back, 0, FALSE, DUPLICATE_SAME_ACCESS),
		  ERROR_INVALID_HANDLE);

	/* Without PROCESS_DUP_HANDLE neither end may be that process; the source
	 * is not closed then. With it alone, both may. */
	no_dup = OpenProcess(PROCESS_ALL_ACCESS & ~PROCESS_DUP_HANDLE, FALSE, cpid);
	dup_only = OpenProcess(PROCESS_DUP_HANDLE, FALSE, cpid);
	CHECK(no_dup && dup_only, "open: error %lu", GetLastError());
	CHECK_ERR(DuplicateHandle(no_dup, theirs, SELF, &back, 0, FALSE, DUPLICATE_SAME_ACCESS),
		  ERROR_ACCESS_DENIED);
	CHECK_ERR(DuplicateHandle(SELF, SELF, no_dup, &back, 0, FALSE, DUPLICATE_SAME_ACCESS),
		  ERROR_ACCESS_DENIED);
	CHECK_ERR(DuplicateHandle(no_dup, theirs, NULL, NULL, 0, FALSE, DUPLICATE_CLOSE_SOURCE),
		  ERROR_ACCESS_DENIED);
	CHECK(ob_handle_info(cpid, theirs, &info), "refused, it closed the child's handle");
	CHECK_OK(DuplicateHandle(dup_only, theirs, dup_only, &other, 0, FALSE,
				 DUPLICATE_SAME_ACCESS));
	CHECK(other != theirs && ob_access(cpid, other) == QUERY_SYNC,
	      "within the child: %p, access 0x%lx", other, ob_access(cpid, other));
	CHECK_OK(DuplicateHandle(dup_only, other, NULL, NULL, 0, FALSE, DUPLICATE_CLOSE_SOURCE));
	CloseHandle(no_dup);
	CloseHandle(dup_only);
	CHECK(ob_handle_count(cpid) == count + 1, "the child holds %lu handles, want %lu",
	      ob_handle_count(cpid), count + 1);

	/* The child uses it, and says how that went. */
	DWORD letter[3] = { (DWORD)theirs, HANDLE_FLAG_INHERIT, QUERY_SYNC };
	CHECK(ob_send_mail(child, letter, 3), "mail: error %lu", GetLastError());
	CHECK(WaitForSingleObject(child, INFINITE) == WAIT_OBJECT_0 &&
	      GetExitCodeProcess(child, &code) && code == 0,
	      "the child found %lu things wrong with the handle", code);
}

/* The flags, protect-from-close, tag bits and closing twice. */
static void handle_flags(DWORD cpid)
{
	HANDLE h = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, cpid);
	HANDLE i = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, TRUE, cpid);
	DWORD me = GetCurrentProcessId(), count, code = 0;

	CHECK(flags_of(h) == 0 && flags_of(i) == HANDLE_FLAG_INHERIT, "flags 0x%lx and 0x%lx",
	      flags_of(h), flags_of(i));
	CHECK_OK(SetHandleInformation(h, HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT));
	CHECK(flags_of(h) == HANDLE_FLAG_INHERIT, "inherit set: 0x%lx", flags_of(h));
	CHECK_OK(SetHandleInformation(h, HANDLE_FLAG_INHERIT, 0));
	CHECK(flags_of(h) == 0, "inherit cleared: 0x%lx", flags_of(h));
	/* Only the bits in the mask change. */
	CHECK_OK(SetHandleInformation(h, HANDLE_FLAG_INHERIT,
				      HANDLE_FLAG_INHERIT | HANDLE_FLAG_PROTECT_FROM_CLOSE));
	CHECK(flags_of(h) == HANDLE_FLAG_INHERIT, "mask INHERIT: 0x%lx", flags_of(h));
	CHECK_OK(SetHandleInformation(h, HANDLE_FLAG_INHERIT | HANDLE_FLAG_PROTECT_FROM_CLOSE,
				      HANDLE_FLAG_PROTECT_FROM_CLOSE));
	CHECK(flags_of(h) == HANDLE_FLAG_PROTECT_FROM_CLOSE, "protect alone: 0x%lx", flags_of(h));

	/* A protected handle: CloseHandle fails and closes nothing. */
	count = ob_handle_count(me);
	CHECK_ERR(CloseHandle(h), ERROR_INVALID_HANDLE);
	CHECK_ERR(CloseHandle((HANDLE)((DWORD)h | 3)), ERROR_INVALID_HANDLE);
	CHECK(ob_handle_count(me) == count && flags_of(h) == HANDLE_FLAG_PROTECT_FROM_CLOSE,
	      "a protected handle was closed");
	CHECK(GetExitCodeProcess(h, &code) && code == STILL_ACTIVE, "protected, it still works");
	CHECK_OK(SetHandleInformation(h, HANDLE_FLAG_PROTECT_FROM_CLOSE, 0));
	CHECK_OK(CloseHandle(h));
	CHECK(ob_handle_count(me) == count - 1, "unprotected, it did not close");
	CHECK_ERR(CloseHandle(h), ERROR_INVALID_HANDLE);
	CHECK_ERR(GetHandleInformation(h, &code), ERROR_INVALID_HANDLE);
	CHECK_ERR(SetHandleInformation(h, HANDLE_FLAG_INHERIT, 0), ERROR_INVALID_HANDLE);

	/* The low two bits are tags: h | 1, 2 or 3 is h. */
	for (DWORD tag = 1; tag < 4; tag++) {
		HANDLE t = (HANDLE)((DWORD)i | tag);
		CHECK(flags_of(t) == HANDLE_FLAG_INHERIT, "tag %lu: flags 0x%lx", tag, flags_of(t));
		CHECK(GetExitCodeProcess(t, &code), "tag %lu: error %lu", tag, GetLastError());
	}
	CHECK_OK(SetHandleInformation((HANDLE)((DWORD)i | 2), HANDLE_FLAG_INHERIT, 0));
	CHECK(flags_of(i) == 0, "set through a tagged value: 0x%lx", flags_of(i));
	CHECK_OK(CloseHandle((HANDLE)((DWORD)i | 1)));
	CHECK(!valid(i), "closed through a tagged value, it is still open");
	CHECK_ERR(CloseHandle(i), ERROR_INVALID_HANDLE);

	CHECK_ERR(CloseHandle(NULL), ERROR_INVALID_HANDLE);
	CHECK_ERR(CloseHandle((HANDLE)0x7FFFFFFC), ERROR_INVALID_HANDLE);
	CHECK_ERR(GetHandleInformation(NULL, &code), ERROR_INVALID_HANDLE);
	CHECK_ERR(SetHandleInformation((HANDLE)0x1234, HANDLE_FLAG_INHERIT, 0),
		  ERROR_INVALID_HANDLE);
}

/* A process that has ended keeps its record while handles name it, but its
 * handle table is gone: nothing can be duplicated into it (Windows:
 * STATUS_PROCESS_IS_TERMINATING, ERROR_ACCESS_DENIED), else the handle would
 * never be closed and what it names never freed. Out of it, nothing is left. */
static void into_an_ended_process(const char *self)
{
	PROCESS_INFORMATION pi;
	HANDLE d = NULL;

	if (!ob_start(self, "exit", FALSE, &pi))
		return;
	WaitForSingleObject(pi.hProcess, INFINITE);
	CHECK_ERR(DuplicateHandle(SELF, SELF, pi.hProcess, &d, 0, FALSE, DUPLICATE_SAME_ACCESS),
		  ERROR_ACCESS_DENIED);
	CHECK_ERR(DuplicateHandle(SELF, pi.hProcess, pi.hProcess, &d, 0, FALSE,
				  DUPLICATE_SAME_ACCESS), ERROR_ACCESS_DENIED);
	CHECK(ob_handle_count(pi.dwProcessId) == 0, "the ended process holds %lu handles",
	      ob_handle_count(pi.dwProcessId));
	CHECK_ERR(DuplicateHandle(pi.hProcess, (HANDLE)4, SELF, &d, 0, FALSE,
				  DUPLICATE_SAME_ACCESS), ERROR_INVALID_HANDLE);
	CloseHandle(pi.hProcess);
}

/* Children that exit at once while handles are duplicated into and out of
 * them: each duplicate in succeeds until the child's table closes, then
 * ERROR_ACCESS_DENIED; out of it, its inherited handle or
 * ERROR_INVALID_HANDLE. Whatever went in is closed with the child (the run:
 * line says so). */
static void while_a_process_ends(const char *self)
{
	char cmdline[64];
	HANDLE inheritable = OpenProcess(SYNCHRONIZE, TRUE, GetCurrentProcessId()), d;
	DWORD in = 0, out = 0, wrong = 0;

	snprintf(cmdline, sizeof(cmdline), "%s exit", self);
	for (int i = 0; i < 40; i++) {
		PROCESS_INFORMATION pi;
		if (!CreateProcessA(NULL, cmdline, NULL, NULL, TRUE, 0, NULL, NULL, NULL, &pi))
			break;
		CloseHandle(pi.hThread);
		for (int k = 0; k < 2000; k++) {
			BOOL into = DuplicateHandle(SELF, SELF, pi.hProcess, &d, SYNCHRONIZE, FALSE, 0);
			DWORD into_error = GetLastError();
			if (DuplicateHandle(pi.hProcess, inheritable, SELF, &d, 0, FALSE,
					    DUPLICATE_SAME_ACCESS)) {
				out++;
				CloseHandle(d);
			} else if (GetLastError() != ERROR_INVALID_HANDLE) {
				wrong++;
			}
			if (into)
				in++;
			else if (into_error == ERROR_ACCESS_DENIED)
				break;
			else
				wrong++;
		}
		WaitForSingleObject(pi.hProcess, INFINITE);
		CHECK_ERR(DuplicateHandle(SELF, SELF, pi.hProcess, &d, 0, FALSE,
					  DUPLICATE_SAME_ACCESS), ERROR_ACCESS_DENIED);
		CloseHandle(pi.hProcess);
	}
	CHECK(wrong == 0, "%lu duplicates failed with another error", wrong);
	CHECK(in > 0 && out > 0, "%lu duplicated in, %lu out: the race was never run", in, out);
	printf("handle-duplicate: while 40 children ended: %lu handles duplicated into them, %lu "
	       "out of them\n", in, out);
	CloseHandle(inheritable);
}

int main(int argc, char **argv)
{
	PROCESS_INFORMATION pi;
	DWORD count;

	ob_started();
	if (argc == 2 && strcmp(argv[1], "child") == 0)
		return child_checks();
	if (argc == 2 && strcmp(argv[1], "exit") == 0)
		return 0;
	if (!ob_start(argv[0], "child", FALSE, &pi))
		return 1;
	count = ob_handle_count(GetCurrentProcessId());
	within_the_process(pi.dwProcessId);
	close_source(pi.dwProcessId);
	pseudo_handle();
	handle_flags(pi.dwProcessId);
	CHECK(ob_handle_count(GetCurrentProcessId()) == count, "%lu handles left, %lu before",
	      ob_handle_count(GetCurrentProcessId()), count);
	into_a_child(pi.hProcess, pi.dwProcessId);
	ob_reap(pi.hProcess, TRUE);
	into_an_ended_process(argv[0]);
	while_a_process_ends(argv[0]);
	printf("handle-duplicate: %d failures\n", failures);
	return failures;
}
