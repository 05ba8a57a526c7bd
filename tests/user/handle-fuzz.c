/* The handle fuzzer: three processes at once, each making thousands of
 * random (call, handle, access) triples: CloseHandle, DuplicateHandle,
 * Get/SetHandleInformation, WaitForSingleObject(..., 0), GetExitCodeProcess,
 * TerminateProcess, ReadProcessMemory, VirtualQueryEx and OpenProcess, on
 * handle values that are live, closed, -1, -2, 0, tagged, odd, huge, or the
 * parent's. Each worker keeps a model of its own handle table (value, the
 * process named, access, flags) and checks every answer against it: a value
 * it does not hold is ERROR_INVALID_HANDLE and changes nothing, a missing
 * right is ERROR_ACCESS_DENIED, a protected handle does not close. It ends
 * holding exactly no handle. TerminateProcess only ever reaches the worker's
 * own victims (idle children it started), never itself, its siblings or the
 * parent. The run: line then says nothing leaked.
 *
 * Roles: the parent ("[CALLS [SEED]]"), "worker SEED PARENT CALLS", "victim".
 * Last line: "handle-fuzz: 3 workers, CALLS calls each, seed S, N failures". */
#define TEST_NAME "handle-fuzz"
#include "check.h"
#include "ob-common.h"
#include <stdlib.h>

#define WORKERS     3
#define VICTIMS     2
#define MAX_VALUE   4096u               /* model slots: values below 4 * this */
#define MAX_LIVE    200u
#define CLOSED_RING 32u
#define MARKER      0x0F0F1234u
#define SELF        GetCurrentProcess()
#define PSEUDO_THREAD ((HANDLE)(LONG_PTR)-2)

enum kind { FREE, K_SELF, K_PARENT, K_SIBLING, K_VICTIM, K_UNKNOWN };

struct entry {
	enum kind kind;
	int victim;                     /* K_VICTIM: which */
	DWORD access, flags;
	DWORD origin;                   /* the call that made it (for failure lines) */
};

static volatile DWORD marker = MARKER;
static struct entry model[MAX_VALUE];
static DWORD live, peak, duplicated, calls, parent_pid, sibling_pid[WORKERS], parent_values[WORKERS];
static DWORD victim_pid[VICTIMS];
static int victim_ended[VICTIMS];       /* terminated by this worker */
static DWORD closed_ring[CLOSED_RING], closed_next;
static DWORD rng;

static DWORD rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng;
}

static DWORD below(DWORD n)
{
	return rnd() % n;
}

static struct entry *lookup(DWORD value);

/* A failure, printed for the first few only, with what the model and the
 * kernel say of the handle. */
static void wrong(int line, const char *what, DWORD value, DWORD got, DWORD error)
{
	struct entry *e = lookup(value);
	struct vados_handle_info info;
	BOOL there = ob_handle_info(GetCurrentProcessId(), (HANDLE)value, &info);

	failures++;
	if (failures > 20)
		return;
	printf(TEST_NAME ": pid %lu call %lu line %d: %s on 0x%lx: returned 0x%lx, error %lu; "
	       "model: ", GetCurrentProcessId(), calls, line, what, value, got, error);
	if (e)
		printf("kind %d access 0x%lx flags %lu from call %lu; ", e->kind, e->access,
		       e->flags, e->origin);
	else
		printf("none; ");
	if (there)
		printf("kernel: access 0x%x flags %u pid %u\n", info.access, info.flags, info.detail);
	else
		printf("kernel: none\n");
}

#define EXPECT(cond, what, value, got) \
	do { if (!(cond)) wrong(__LINE__, (what), (DWORD)(value), (DWORD)(got), GetLastError()); } \
	while (0)

/* The model's entry for value (tag bits ignored), or NULL when it holds none. */
static struct entry *lookup(DWORD value)
{
	DWORD k = value >> 2;

	if (value == (DWORD)SELF || value == (DWORD)PSEUDO_THREAD || k == 0 || k >= MAX_VALUE)
		return NULL;
	return model[k].kind == FREE ? NULL : &model[k];
}

static DWORD implied(DWORD access)
{
	return access & PROCESS_QUERY_INFORMATION ? access | PROCESS_QUERY_LIMITED_INFORMATION :
						  access;
}

static enum kind kind_of_pid(DWORD pid, int *victim)
{
	if (pid == GetCurrentProcessId())
		return K_SELF;
	if (pid == parent_pid)
		return K_PARENT;
	for (int i = 0; i < WORKERS; i++)
		if (pid == sibling_pid[i])
			return K_SIBLING;
	for (int i = 0; i < VICTIMS; i++)
		if (pid == victim_pid[i]) {
			*victim = i;
			return K_VICTIM;
		}
	return K_UNKNOWN;
}

/* Records a handle the kernel just gave out; it must have been free. */
static void add(HANDLE h, enum kind kind, int victim, DWORD access, DWORD flags)
{
	DWORD k = (DWORD)h >> 2;

	if (((DWORD)h & 3) || k == 0 || k >= MAX_VALUE) {
		wrong(__LINE__, "a new handle's value", (DWORD)h, 0, 0);
		CloseHandle(h);
		return;
	}
	if (model[k].kind != FREE) {
		wrong(__LINE__, "a new handle on one held already", (DWORD)h, 0, 0);
		return;
	}
	model[k] = (struct entry){ kind, victim, access, flags, calls };
	if (++live > peak)
		peak = live;
}

static void forget(DWORD value)
{
	model[value >> 2].kind = FREE;
	live--;
	closed_ring[closed_next++ % CLOSED_RING] = value & ~3u;
}

/* A live value of the model (with random tag bits), or 0 when there is none. */
static DWORD live_value(void)
{
	DWORD start = below(MAX_VALUE);

	for (DWORD i = 0; live && i < MAX_VALUE; i++) {
		DWORD k = (start + i) % MAX_VALUE;
		if (k && model[k].kind != FREE)
			return k * 4 | (below(4) == 0 ? below(4) : 0);
	}
	return 0;
}

/* A handle value to try: mostly live ones, else anything a caller might pass. */
static DWORD any_value(void)
{
	switch (below(16)) {
	case 0: return (DWORD)SELF;
	case 1: return (DWORD)PSEUDO_THREAD;
	case 2: return 0;
	case 3: return closed_ring[below(CLOSED_RING)];
	case 4: return parent_values[below(WORKERS)];
	case 5: return below(0x400) * 4 + 1 + below(3);          /* odd or tagged */
	case 6: return below(0x400) * 4;
	case 7: return rnd();
	case 8: return 0x7FFFFFFCu - below(4) * 4;
	case 9: return 0xFFFFFFFCu - below(16) * 4;
	default: {
		DWORD v = live_value();
		return v ? v : below(64) * 4;
	}
	}
}

static DWORD any_access(void)
{
	switch (below(6)) {
	case 0: return GENERIC_READ;
	case 1: return GENERIC_EXECUTE | below(2) * PROCESS_QUERY_LIMITED_INFORMATION;
	case 2: return MAXIMUM_ALLOWED;
	case 3: return 0;
	default: return rnd() & PROCESS_ALL_ACCESS & ~(below(2) ? PROCESS_TERMINATE : 0);
	}
}

/* What OpenProcess or DuplicateHandle asks for, generic rights mapped and
 * MAXIMUM_ALLOWED made every right (what a duplicate's source must grant). */
static DWORD asked(DWORD access)
{
	DWORD m = access & ~(GENERIC_READ | GENERIC_WRITE | GENERIC_EXECUTE | GENERIC_ALL |
			     MAXIMUM_ALLOWED);

	if (access & GENERIC_READ)
		m |= 0x00020410;
	if (access & GENERIC_EXECUTE)
		m |= 0x00120000;
	if (access & MAXIMUM_ALLOWED)
		m |= PROCESS_ALL_ACCESS;
	return m;
}

/* What the new handle then grants. */
static DWORD mapped(DWORD access)
{
	return implied(asked(access));
}

/* Whether the process an entry (NULL: -1, this one) names still runs for sure. */
static BOOL surely_running(const struct entry *e)
{
	return !e || e->kind == K_SELF || e->kind == K_PARENT ||
	       (e->kind == K_VICTIM && !victim_ended[e->victim]);
}

/* ---- the calls ---------------------------------------------------------- */

static void do_close(DWORD v)
{
	struct entry *e = lookup(v);
	BOOL ok = CloseHandle((HANDLE)v);

	if (v == (DWORD)SELF || v == (DWORD)PSEUDO_THREAD)
		EXPECT(ok, "CloseHandle of a pseudo-handle", v, ok);
	else if (!e || (e->flags & HANDLE_FLAG_PROTECT_FROM_CLOSE))
		EXPECT(!ok && GetLastError() == ERROR_INVALID_HANDLE, "CloseHandle", v, ok);
	else {
		EXPECT(ok, "CloseHandle of a live handle", v, ok);
		if (ok)
			forget(v);
	}
}

static void do_get_info(DWORD v)
{
	struct entry *e = lookup(v);
	DWORD flags = 0xFF;
	BOOL ok = GetHandleInformation((HANDLE)v, &flags);

	if (e)
		EXPECT(ok && flags == e->flags, "GetHandleInformation", v, flags);
	else if (v != (DWORD)SELF && v != (DWORD)PSEUDO_THREAD)
		EXPECT(!ok && GetLastError() == ERROR_INVALID_HANDLE, "GetHandleInformation", v, ok);
}

static void do_set_info(DWORD v)
{
	struct entry *e = lookup(v);
	DWORD mask = below(4), flags = below(4);
	BOOL ok = SetHandleInformation((HANDLE)v, mask, flags);

	if (e) {
		EXPECT(ok, "SetHandleInformation", v, ok);
		if (ok)
			e->flags = (e->flags & ~mask) | (flags & mask);
	} else if (v != (DWORD)SELF && v != (DWORD)PSEUDO_THREAD) {
		EXPECT(!ok && GetLastError() == ERROR_INVALID_HANDLE, "SetHandleInformation", v, ok);
	}
}

/* The answers every process call shares: a value this worker does not hold
 * is ERROR_INVALID_HANDLE, a handle without the right ERROR_ACCESS_DENIED.
 * Whether the call met one of those (checked here); else the caller checks
 * what a granted call returns. */
static BOOL refused(int line, const char *what, DWORD v, const struct entry *e, DWORD right,
		    BOOL failed, DWORD got)
{
	DWORD want = !e ? ERROR_INVALID_HANDLE : ERROR_ACCESS_DENIED;

	if (e && (e->access & right))
		return FALSE;
	if (!failed || GetLastError() != want)
		wrong(line, what, v, got, GetLastError());
	return TRUE;
}

#define REFUSED(what, v, e, right, failed, got) \
	refused(__LINE__, (what), (DWORD)(v), (e), (right), (failed), (DWORD)(got))

static void do_wait(DWORD v)
{
	struct entry *e = lookup(v);
	DWORD r = WaitForSingleObject((HANDLE)v, 0);

	if (v == (DWORD)PSEUDO_THREAD)      /* a thread on Windows: not compared */
		return;
	if (v == (DWORD)SELF)
		EXPECT(r == WAIT_TIMEOUT, "WaitForSingleObject(-1)", v, r);
	else if (!REFUSED("WaitForSingleObject", v, e, SYNCHRONIZE, r == WAIT_FAILED, r))
		EXPECT(r == WAIT_TIMEOUT || (r == WAIT_OBJECT_0 && !surely_running(e)),
		       "WaitForSingleObject", v, r);
}

static void do_exit_code(DWORD v)
{
	struct entry *e = lookup(v);
	DWORD code = 0xEEEE;
	BOOL ok = GetExitCodeProcess((HANDLE)v, &code);

	if (v == (DWORD)SELF)
		EXPECT(ok && code == STILL_ACTIVE, "GetExitCodeProcess(-1)", v, code);
	else if (!REFUSED("GetExitCodeProcess", v, e, PROCESS_QUERY_LIMITED_INFORMATION, !ok, ok))
		EXPECT(ok && (!surely_running(e) || code == STILL_ACTIVE), "GetExitCodeProcess",
		       v, code);
}

static void do_terminate(DWORD v)
{
	struct entry *e = lookup(v);
	BOOL ok;

	if (v == (DWORD)SELF)
		return;                 /* never itself */
	if (e && (e->access & PROCESS_TERMINATE) && e->kind != K_VICTIM)
		return;                 /* nor its parent, its siblings or the unknown */
	ok = TerminateProcess((HANDLE)v, 0xF0);
	if (REFUSED("TerminateProcess", v, e, PROCESS_TERMINATE, !ok, ok))
		return;
	if (!victim_ended[e->victim]) {
		EXPECT(ok, "TerminateProcess of a victim", v, ok);
		victim_ended[e->victim] = 1;
	} else {
		EXPECT(ok || GetLastError() == ERROR_ACCESS_DENIED, "TerminateProcess again", v, ok);
	}
}

static void do_read(DWORD v)
{
	struct entry *e = lookup(v);
	DWORD value = 0;
	SIZE_T n;
	BOOL ok = ReadProcessMemory((HANDLE)v, (void *)&marker, &value, 4, &n);

	if (v == (DWORD)SELF)
		EXPECT(ok && value == MARKER, "ReadProcessMemory(-1)", v, ok);
	else if (!REFUSED("ReadProcessMemory", v, e, PROCESS_VM_READ, !ok, ok) &&
		 (e->kind == K_SELF || e->kind == K_PARENT))
		EXPECT(ok && value == MARKER, "ReadProcessMemory", v, value);
}

static void do_query(DWORD v)
{
	struct entry *e = lookup(v);
	MEMORY_BASIC_INFORMATION m;
	SIZE_T r = VirtualQueryEx((HANDLE)v, (void *)&marker, &m, sizeof(m));

	if (v == (DWORD)SELF)
		EXPECT(r == sizeof(m), "VirtualQueryEx(-1)", v, r);
	else if (!REFUSED("VirtualQueryEx", v, e, PROCESS_QUERY_INFORMATION, r == 0, r) &&
		 surely_running(e))
		EXPECT(r == sizeof(m), "VirtualQueryEx", v, r);
}

static void do_open(void)
{
	DWORD pid, access = any_access(), inherit = below(2);
	enum kind kind;
	int victim = 0;
	HANDLE h;

	switch (below(6)) {
	case 0: pid = GetCurrentProcessId(); break;
	case 1: pid = parent_pid; break;
	case 2: pid = sibling_pid[below(WORKERS)]; break;
	case 3: pid = victim_pid[below(VICTIMS)]; break;
	case 4: pid = below(2) ? 0 : 0x7FFF0000u + below(100); break;
	default: pid = 1 + below(40); break;
	}
	kind = kind_of_pid(pid, &victim);
	h = OpenProcess(access, inherit, pid);
	if (pid == 0 || pid >= 0x7FFF0000u) {
		EXPECT(!h && GetLastError() == ERROR_INVALID_PARAMETER, "OpenProcess of no process",
		       pid, h);
	} else if (kind == K_SELF || kind == K_PARENT || kind == K_SIBLING ||
		   (kind == K_VICTIM && !victim_ended[victim])) {
		EXPECT(h != NULL, "OpenProcess", pid, h);
	} else {
		EXPECT(h || GetLastError() == ERROR_INVALID_PARAMETER, "OpenProcess", pid, h);
	}
	if (h)
		add(h, kind, victim, mapped(access), inherit ? HANDLE_FLAG_INHERIT : 0);
}

/* A process handle for DuplicateHandle's ends: -1, a handle this worker holds
 * (to itself or a victim when it may be written to, to anything when it is
 * only read from), or a value it does not hold. */
static DWORD process_value(BOOL source, struct entry **e)
{
	DWORD v;

	*e = NULL;
	switch (below(4)) {
	case 0:
	case 1:
		return (DWORD)SELF;
	case 2:
		v = live_value();
		*e = lookup(v);
		if (*e && (source || (*e)->kind == K_SELF || (*e)->kind == K_VICTIM))
			return v;
		*e = NULL;
		return (DWORD)SELF;
	default:
		v = any_value();
		*e = lookup(v);
		if (v == (DWORD)SELF || !*e)
			return v;
		*e = NULL;
		return 0x1230;
	}
}

static BOOL is_self(DWORD v, const struct entry *e)
{
	return v == (DWORD)SELF || (e && e->kind == K_SELF);
}

static void do_duplicate(void)
{
	struct entry *se, *de, *he, before = { 0 }, source_copy, target_copy;
	DWORD sp = process_value(TRUE, &se), dp = process_value(FALSE, &de);
	DWORD v = any_value(), access = any_access(), options = below(4), inherit = below(2);
	DWORD want = 0, source_access, flags;

	/* -2 duplicates into a real thread handle, which the model (of process
	 * handles) does not follow: thread-basics proves that duplication. */
	if (v == (DWORD)PSEUDO_THREAD)
		v = (DWORD)SELF;
	HANDLE out = (HANDLE)0x5555;
	BOOL ok, close_source, source_here, source_ok, target_here, there;

	if (below(8) == 0)
		dp = 0, de = NULL;      /* no target: only DUPLICATE_CLOSE_SOURCE */
	source_here = is_self(sp, se);
	source_ok = sp == (DWORD)SELF || (se && (se->access & PROCESS_DUP_HANDLE));
	/* Handles are closed only in this worker's own table. */
	if (!source_here)
		options &= ~DUPLICATE_CLOSE_SOURCE;
	close_source = (options & DUPLICATE_CLOSE_SOURCE) != 0;
	he = source_here ? lookup(v) : NULL;
	if (he)
		before = *he;
	source_access = he ? before.access : PROCESS_ALL_ACCESS;
	/* Decided now: either process handle may be the source, closed by the call. */
	target_here = dp && is_self(dp, de);
	if (se)
		source_copy = *se, se = &source_copy;
	if (de)
		target_copy = *de, de = &target_copy;
	ok = DuplicateHandle((HANDLE)sp, (HANDLE)v, (HANDLE)dp, dp ? &out : NULL, access,
			     inherit, options);
	duplicated += ok && dp;

	/* What the kernel must have said, in the order it checks. */
	if (sp != (DWORD)SELF && !se)
		want = ERROR_INVALID_HANDLE;
	else if (!source_ok)
		want = ERROR_ACCESS_DENIED;
	else if (!dp && !close_source)
		want = ERROR_INVALID_HANDLE;
	else if (dp && dp != (DWORD)SELF && !de)
		want = ERROR_INVALID_HANDLE;
	else if (de && !(de->access & PROCESS_DUP_HANDLE))
		want = ERROR_ACCESS_DENIED;
	else if (!dp && !lookup(v))
		want = 0xFFFF;          /* only the close, of nothing: Windows may say so */
	else if (!dp)
		want = 0;               /* only the close */
	else if (!source_here || (de && de->kind == K_VICTIM))
		want = 0xFFFF;          /* another table, or into a victim: not modelled */
	else if (v != (DWORD)SELF && !he)
		want = ERROR_INVALID_HANDLE;
	else if (!(options & DUPLICATE_SAME_ACCESS) && (asked(access) & ~source_access))
		want = ERROR_ACCESS_DENIED;
	if (want == 0xFFFF)
		EXPECT(ok || GetLastError() == ERROR_INVALID_HANDLE ||
		       GetLastError() == ERROR_ACCESS_DENIED, "DuplicateHandle", v, ok);
	else if (want ? ok || GetLastError() != want : !ok) {
		wrong(__LINE__, "DuplicateHandle", v, ok, GetLastError());
		if (failures <= 20)
			printf(TEST_NAME ": (source process 0x%lx kind %d access 0x%lx, target "
			       "0x%lx kind %d access 0x%lx, access 0x%lx options %lu: want error "
			       "%lu)\n", sp, se ? (int)se->kind : -1, se ? se->access : 0, dp,
			       de ? (int)de->kind : -1, de ? de->access : 0, access, options, want);
	}

	/* The source, when it is this worker's: closed when asked and its
	 * process could be reached, else as it was. (A protected source asked
	 * to close: vados keeps it; Windows is not compared.) */
	if (he) {
		there = GetHandleInformation((HANDLE)v, &flags);
		if (!(close_source && (before.flags & HANDLE_FLAG_PROTECT_FROM_CLOSE)))
			EXPECT(there == !(close_source && source_ok), "the duplicated source", v,
			       there);
		if (!there)
			forget(v);
	}
	/* A new handle in this worker's table. */
	if (ok && target_here) {
		enum kind kind = K_UNKNOWN;
		int victim = 0;
		DWORD got = ob_access(GetCurrentProcessId(), out);
		if (source_here && v == (DWORD)SELF)
			kind = K_SELF;
		else if (source_here)
			kind = before.kind, victim = before.victim;
		else if (v == (DWORD)SELF)      /* -1 of the source process */
			kind = se->kind, victim = se->victim;
		if (want == 0)
			EXPECT(got == (options & DUPLICATE_SAME_ACCESS ? source_access :
				       mapped(access)), "a duplicate's access", (DWORD)out, got);
		add(out, kind, victim, got, inherit ? HANDLE_FLAG_INHERIT : 0);
	}
}

/* ---- the roles ------------------------------------------------------------ */

static int worker(const char *self, DWORD seed, DWORD count)
{
	PROCESS_INFORMATION pi;
	DWORD me = GetCurrentProcessId(), left;

	rng = seed * 2654435761u | 1;
	ob_wait_mail();
	for (int i = 0; i < WORKERS; i++) {
		sibling_pid[i] = mailbox[1 + i];
		parent_values[i] = mailbox[4 + i];
	}
	for (int i = 0; i < VICTIMS; i++) {
		if (!ob_start(self, "victim", FALSE, &pi))
			return failures;
		victim_pid[i] = pi.dwProcessId;
		add(pi.hProcess, K_VICTIM, i, PROCESS_ALL_ACCESS, 0);
	}
	for (calls = 0; calls < count; calls++) {
		DWORD v = any_value();
		switch (below(live > MAX_LIVE ? 4 : 12)) {
		case 0: case 1: do_close(v); break;
		case 2: do_get_info(v); break;
		case 3: do_set_info(v); break;
		case 4: do_wait(v); break;
		case 5: do_exit_code(v); break;
		case 6: do_terminate(v); break;
		case 7: do_read(v); break;
		case 8: do_query(v); break;
		case 9: do_open(); break;
		default: do_duplicate(); break;
		}
	}
	/* Everything closes, and then nothing is left. */
	for (DWORD k = 1; k < MAX_VALUE; k++) {
		if (model[k].kind == FREE)
			continue;
		SetHandleInformation((HANDLE)(k * 4), HANDLE_FLAG_PROTECT_FROM_CLOSE, 0);
		EXPECT(CloseHandle((HANDLE)(k * 4)), "the last CloseHandle", k * 4, 0);
		model[k].kind = FREE;
	}
	left = ob_handle_count(me);
	EXPECT(left == 0, "handles left at the end", left, left);
	printf("handle-fuzz: worker pid %lu: %lu calls, %lu duplicates made, %lu handles at the "
	       "peak, victims terminated: %d of %d, %d failures\n", me, count, duplicated, peak,
	       victim_ended[0] + victim_ended[1], VICTIMS, failures);
	for (int i = 0; i < VICTIMS; i++) {
		HANDLE h = OpenProcess(PROCESS_TERMINATE | SYNCHRONIZE, FALSE, victim_pid[i]);
		if (h) {
			TerminateProcess(h, 0);
			WaitForSingleObject(h, INFINITE);
			CloseHandle(h);
		}
	}
	return failures;
}

int main(int argc, char **argv)
{
	PROCESS_INFORMATION pi[WORKERS];
	DWORD count = argc >= 2 ? strtoul(argv[1], NULL, 10) : 5000, mail[1 + 2 * WORKERS];
	DWORD seed = argc >= 3 ? strtoul(argv[2], NULL, 10) : 1;
	char args[64];
	int started = 0;

	ob_started();
	if (argc == 2 && strcmp(argv[1], "victim") == 0) {
		Sleep(INFINITE);
		return 1;
	}
	if (argc == 5 && strcmp(argv[1], "worker") == 0) {
		parent_pid = strtoul(argv[3], NULL, 10);
		return worker(argv[0], strtoul(argv[2], NULL, 10), strtoul(argv[4], NULL, 10));
	}
	if (count == 0)
		count = 5000;
	for (int i = 0; i < WORKERS; i++) {
		snprintf(args, sizeof(args), "worker %lu %lu %lu", seed * WORKERS + i,
			 GetCurrentProcessId(), count);
		if (!ob_start(argv[0], args, FALSE, &pi[i]))
			break;
		started++;
	}
	mail[0] = 1;
	for (int i = 0; i < WORKERS; i++) {
		mail[1 + i] = i < started ? pi[i].dwProcessId : 0;
		mail[4 + i] = i < started ? (DWORD)pi[i].hProcess : 0;
	}
	for (int i = 0; i < started; i++)
		CHECK(ob_send_mail(pi[i].hProcess, mail, 1 + 2 * WORKERS), "mail: error %lu",
		      GetLastError());
	for (int i = 0; i < started; i++) {
		DWORD code = ob_reap(pi[i].hProcess, FALSE);
		CHECK(code == 0, "worker %d found %lu failures", i + 1, code);
	}
	CHECK(started == WORKERS, "only %d workers started", started);
	CHECK(ob_handle_count(GetCurrentProcessId()) == 0, "the parent holds %lu handles",
	      ob_handle_count(GetCurrentProcessId()));
	printf("handle-fuzz: %d workers, %lu calls each, seed %lu, %d failures\n", started, count,
	       seed, failures);
	return failures;
}
