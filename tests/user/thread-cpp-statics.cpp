// Function-local statics under threads, as the C++ standard (and g++'s
// -fthreadsafe-statics, the default) require: sixteen threads reaching one
// static whose constructor is slow see it constructed exactly once, and none
// returns before the construction is complete.
#include <stdio.h>
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

static DWORD WINAPI reach(LPVOID)
{
	WaitForSingleObject(go, INFINITE);
	if (!the_slow().ready())
		InterlockedIncrement(&early);
	return 0;
}

int main()
{
	HANDLE h[16];

	go = CreateEventA(NULL, TRUE, FALSE, NULL);
	for (int i = 0; i < 16; i++)
		h[i] = CreateThread(NULL, 0, reach, NULL, 0, NULL);
	Sleep(20);
	SetEvent(go);
	for (int i = 0; i < 16; i++) {
		WaitForSingleObject(h[i], 10000);
		CloseHandle(h[i]);
	}
	CloseHandle(go);
	CHECK(constructed == 1, "the static was constructed %ld times", constructed);
	CHECK(early == 0, "%ld threads used it before its constructor ended", early);
	printf(TEST_NAME ": %d failures\n", failures);
	return failures != 0;
}
