/* One-time initialization as Microsoft documents InitOnceBeginInitialize
 * and InitOnceComplete: INIT_ONCE_CHECK_ONLY reports (ERROR_GEN_FAILURE
 * until done), a synchronous attempt is the only one while it runs (a
 * second thread waits for it and gets its context), INIT_ONCE_INIT_FAILED
 * lets the next caller try, asynchronous attempts run side by side and the
 * first to complete wins (a later one: ERROR_GEN_FAILURE), modes do not
 * mix and bad flags or a context with its reserved bits set are
 * ERROR_INVALID_PARAMETER; InitOnceExecuteOnce runs a failing function
 * again on the next call. */
#define TEST_NAME "init-once"
#include <windows.h>
#include "check.h"

static INIT_ONCE shared = INIT_ONCE_STATIC_INIT;
static LPVOID waiter_context;
static BOOL waiter_pending = TRUE;

static DWORD WINAPI begin_in_thread(LPVOID p)
{
	(void)p;
	return InitOnceBeginInitialize(&shared, 0, &waiter_pending, &waiter_context);
}

static void synchronous(void)
{
	static int data;
	BOOL pending = FALSE;
	LPVOID ctx = (LPVOID)1;
	HANDLE t;

	FAILS(InitOnceBeginInitialize(&shared, INIT_ONCE_CHECK_ONLY, &pending, &ctx), FALSE,
	      ERROR_GEN_FAILURE);
	CHECK(InitOnceBeginInitialize(&shared, 0, &pending, &ctx) && pending, "begin: pending");
	FAILS(InitOnceBeginInitialize(&shared, INIT_ONCE_ASYNC, &pending, &ctx), FALSE,
	      ERROR_INVALID_PARAMETER);
	FAILS(InitOnceComplete(&shared, INIT_ONCE_ASYNC, &data), FALSE, ERROR_INVALID_PARAMETER);
	FAILS(InitOnceComplete(&shared, 0, (LPVOID)((ULONG_PTR)&data | 1)), FALSE,
	      ERROR_INVALID_PARAMETER);
	CHECK(InitOnceComplete(&shared, INIT_ONCE_INIT_FAILED, NULL), "failed attempt");
	CHECK(InitOnceBeginInitialize(&shared, 0, &pending, &ctx) && pending, "tried again");
	t = CreateThread(NULL, 0, begin_in_thread, NULL, 0, NULL);
	CHECK(WaitForSingleObject(t, 200) == WAIT_TIMEOUT, "a second caller waits");
	CHECK(InitOnceComplete(&shared, 0, &data), "complete: %lu", GetLastError());
	CHECK(WaitForSingleObject(t, 5000) == WAIT_OBJECT_0, "and is released");
	CHECK(!waiter_pending && waiter_context == &data, "with the context");
	CloseHandle(t);
	CHECK(InitOnceBeginInitialize(&shared, INIT_ONCE_CHECK_ONLY, &pending, &ctx) &&
	      !pending && ctx == &data, "done");
	FAILS(InitOnceComplete(&shared, 0, &data), FALSE, ERROR_INVALID_PARAMETER);
}

static void asynchronous(void)
{
	static int first, second;
	INIT_ONCE once = INIT_ONCE_STATIC_INIT;
	BOOL pending = FALSE;
	LPVOID ctx = NULL;

	CHECK(InitOnceBeginInitialize(&once, INIT_ONCE_ASYNC, &pending, &ctx) && pending, "a");
	CHECK(InitOnceBeginInitialize(&once, INIT_ONCE_ASYNC, &pending, &ctx) && pending, "b");
	FAILS(InitOnceBeginInitialize(&once, 0, &pending, &ctx), FALSE, ERROR_INVALID_PARAMETER);
	FAILS(InitOnceComplete(&once, 0, &first), FALSE, ERROR_INVALID_PARAMETER);
	CHECK(InitOnceComplete(&once, INIT_ONCE_ASYNC, &first), "first wins");
	FAILS(InitOnceComplete(&once, INIT_ONCE_ASYNC, &second), FALSE, ERROR_GEN_FAILURE);
	CHECK(InitOnceBeginInitialize(&once, INIT_ONCE_ASYNC, &pending, &ctx) && !pending &&
	      ctx == &first, "the first's context");
}

static void bad_flags(void)
{
	INIT_ONCE once = INIT_ONCE_STATIC_INIT;
	BOOL pending;
	LPVOID ctx;

	FAILS(InitOnceBeginInitialize(&once, INIT_ONCE_CHECK_ONLY | INIT_ONCE_ASYNC, &pending,
				      &ctx), FALSE, ERROR_INVALID_PARAMETER);
	FAILS(InitOnceBeginInitialize(&once, 0x10, &pending, &ctx), FALSE,
	      ERROR_INVALID_PARAMETER);
	FAILS(InitOnceComplete(&once, INIT_ONCE_ASYNC | INIT_ONCE_INIT_FAILED, NULL), FALSE,
	      ERROR_INVALID_PARAMETER);
	FAILS(InitOnceComplete(&once, 0, NULL), FALSE, ERROR_INVALID_PARAMETER);    /* not begun */
}

static int calls;

static BOOL CALLBACK fail_first(PINIT_ONCE once, PVOID parameter, PVOID *context)
{
	(void)once;
	(void)parameter;
	*context = &calls;
	return ++calls > 1;
}

static void execute_once_retries_a_failure(void)
{
	INIT_ONCE once = INIT_ONCE_STATIC_INIT;
	LPVOID ctx = NULL;

	CHECK(!InitOnceExecuteOnce(&once, fail_first, NULL, &ctx) && calls == 1, "fails once");
	CHECK(InitOnceExecuteOnce(&once, fail_first, NULL, &ctx) && calls == 2 && ctx == &calls,
	      "runs again");
	CHECK(InitOnceExecuteOnce(&once, fail_first, NULL, &ctx) && calls == 2, "then never");
}

int main(void)
{
	synchronous();
	asynchronous();
	bad_flags();
	execute_once_retries_a_failure();
	printf("init-once: %d failures\n", failures);
	return failures != 0;
}
