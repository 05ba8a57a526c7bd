/* Thread descriptions as Microsoft documents them: SetThreadDescription
 * keeps a thread's text with the thread (read back through any handle with
 * THREAD_QUERY_LIMITED_INFORMATION, by another thread too), a thread never
 * described reads "", a long one comes back whole, GetThreadDescription's
 * copy is the caller's to LocalFree; failures are HRESULT_FROM_NT of NT's
 * status (an invalid handle 0xD0000008, a handle without the right
 * 0xD0000022). Prints "thread-description: N failures". */
#include <stdio.h>
#include <wchar.h>
#include <windows.h>

#define TEST_NAME "thread-description"
#include "check.h"

static HANDLE go;

static DWORD WINAPI worker(LPVOID arg)
{
	(void)arg;
	WaitForSingleObject(go, INFINITE);
	return 0;
}

int main(void)
{
	HANDLE t, q;
	PWSTR text = NULL;
	WCHAR long_text[301];
	HRESULT hr;

	CHECK(SetThreadDescription(GetCurrentThread(), L"main worker") == S_OK, "set");
	CHECK(GetThreadDescription(GetCurrentThread(), &text) == S_OK && text &&
	      !wcscmp(text, L"main worker"), "read back");
	LocalFree(text);

	go = CreateEventA(NULL, TRUE, FALSE, NULL);
	t = CreateThread(NULL, 0, worker, NULL, 0, NULL);
	CHECK(GetThreadDescription(t, &text) == S_OK && text && !text[0], "a new thread's is empty");
	LocalFree(text);
	for (int i = 0; i < 300; i++)
		long_text[i] = (WCHAR)(L'a' + i % 26);
	long_text[300] = 0;
	CHECK(SetThreadDescription(t, long_text) == S_OK, "another thread's, 300 characters");
	q = OpenThread(THREAD_QUERY_LIMITED_INFORMATION, FALSE, GetThreadId(t));
	CHECK(GetThreadDescription(q, &text) == S_OK && text && !wcscmp(text, long_text),
	      "read through another handle");
	LocalFree(text);
	hr = SetThreadDescription(q, L"denied");
	CHECK(hr == (HRESULT)0xD0000022, "no THREAD_SET_LIMITED_INFORMATION: 0x%lx", hr);
	CHECK(SetThreadDescription(t, L"") == S_OK && GetThreadDescription(t, &text) == S_OK &&
	      text && !text[0], "cleared");
	LocalFree(text);
	hr = SetThreadDescription((HANDLE)0x1234, L"x");
	CHECK(hr == (HRESULT)0xD0000008, "invalid handle: 0x%lx", hr);
	hr = GetThreadDescription((HANDLE)0x1234, &text);
	CHECK(hr == (HRESULT)0xD0000008 && text == NULL, "invalid handle (get): 0x%lx", hr);
	SetEvent(go);
	WaitForSingleObject(t, INFINITE);
	CHECK(GetThreadDescription(t, &text) == S_OK, "an ended thread's still reads");
	LocalFree(text);
	CloseHandle(q);
	CloseHandle(t);
	CloseHandle(go);
	printf(TEST_NAME ": %d failures\n", failures);
	return failures != 0;
}
