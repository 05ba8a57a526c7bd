/* Microsoft's C runtime threads (<process.h>) over CreateThread. */
#include <errno.h>
#include <process.h>
#include <windows.h>
#include "crt_thread.h"

uintptr_t _beginthreadex(void *security, unsigned stack_size,
			 unsigned (__stdcall *start)(void *), void *arg, unsigned flags,
			 unsigned *thread_id)
{
	HANDLE h;

	if (!start) {
		crt_invalid_parameter();
		return 0;
	}
	h = CreateThread(security, stack_size, (LPTHREAD_START_ROUTINE)start, arg, flags,
			 (LPDWORD)thread_id);
	if (!h)
		crt_set_errno_from_win32(GetLastError());
	return (uintptr_t)h;
}

void _endthreadex(unsigned code)
{
	ExitThread(code);
}

/* _beginthread's thread: start and argument, then its own handle. */
struct begun {
	void (*start)(void *);
	void *arg;
	HANDLE self;
};

static DWORD WINAPI begun_thread(LPVOID p)
{
	struct begun b = *(struct begun *)p;

	free(p);
	crt_thread()->own_handle = b.self;
	b.start(b.arg);
	_endthread();
}

uintptr_t _beginthread(void (__cdecl *start)(void *), unsigned stack_size, void *arg)
{
	struct begun *b;

	if (!start) {
		crt_invalid_parameter();
		return (uintptr_t)-1;
	}
	b = malloc(sizeof(*b));
	if (!b)
		return (uintptr_t)-1;
	*b = (struct begun){ start, arg, NULL };
	b->self = CreateThread(NULL, stack_size, begun_thread, b, CREATE_SUSPENDED, NULL);
	if (!b->self) {
		crt_set_errno_from_win32(GetLastError());
		free(b);
		return (uintptr_t)-1;
	}
	HANDLE h = b->self;
	ResumeThread(h);
	return (uintptr_t)h;
}

void _endthread(void)
{
	HANDLE self = crt_thread()->own_handle;

	if (self)
		CloseHandle(self);
	ExitThread(0);
}

int _getpid(void) { return (int)GetCurrentProcessId(); }
int getpid(void) { return _getpid(); }
