// Function-local statics under threads, as the C++ standard (and g++'s
// -fthreadsafe-statics, the default) require: sixteen threads reaching one
// static whose constructor is slow see it constructed exactly once, and none
// returns before the construction is complete. The same sixteen threads
// register 100 atexit functions each at once, as g++'s code registers each
// static's destructor when its construction ends: all 1600 run at exit.
#include <stdio.h>
#include <stdlib.h>
#include <windows.h>

#define TEST_NAME "thread-cpp-statics"
#include "check.h"

static volatile LONG constructed, early;

class Slow {
public:
	Slow() : ready_(0)
	{
		InterlockedIncrement(&constructed);
		Sleep(50);              // every other thread arrives meanwhile
		ready_ = 1;
	}
	int ready() const { return ready_; }

private:
	volatile int ready_;
};

static const Slow &the_slow()
{
	static Slow s;
	return s;
}

static HANDLE go;

#define THREADS 16
#define EXIT_FNS_EACH 100

static volatile LONG exit_fns_ran;

static void exit_fn()
{
	exit_fns_ran++;                 // one thread runs them all, at exit
}

// After every exit function (a .fini_array destructor): were all there?
__attribute__((destructor)) static void count_exit_fns()
{
	printf(TEST_NAME ": %ld exit functions ran\n", exit_fns_ran);
}

static DWORD WINAPI reach(LPVOID)
{
	WaitForSingleObject(go, INFINITE);
	if (!the_slow().ready())
		InterlockedIncrement(&early);
	for (int i = 0; i < EXIT_FNS_EACH; i++)
		if (atexit(exit_fn) != 0)
			InterlockedIncrement(&early);
	return 0;
}

int main()
{
	HANDLE h[THREADS];

	go = CreateEventA(NULL, TRUE, FALSE, NULL);
	for (int i = 0; i < THREADS; i++)
		h[i] = CreateThread(NULL, 0, reach, NULL, 0, NULL);
	Sleep(20);
	SetEvent(go);
	for (int i = 0; i < THREADS; i++) {
		WaitForSingleObject(h[i], 10000);
		CloseHandle(h[i]);
	}
	CloseHandle(go);
	CHECK(constructed == 1, "the static was constructed %ld times", constructed);
	CHECK(early == 0, "%ld threads used it before its constructor ended (or atexit failed)",
	      early);
	printf(TEST_NAME ": %d failures\n", failures);
	return failures != 0;
}
