// C++ against the wide SDK: wmain (C linkage, as MSVC gives it) started
// with wide arguments, wchar_t a distinct 16-bit type that overloads apart
// from unsigned short, L"" literals as LPCWSTR, MSVC's two-argument
// swprintf overload beside the standard one, and a W call. Run as
// "wide-cxx one". Last line: "wide-cxx: N failures".
#include <wchar.h>
#include <windows.h>

#define TEST_NAME "wide-cxx"
#include "check.h"

static int kind(wchar_t) { return 1; }
static int kind(unsigned short) { return 2; }

int wmain(int argc, wchar_t **argv)
{
	wchar_t buf[32];

	CHECK(argc == 2 && !wcscmp(argv[1], L"one"), "argc %d", argc);
	CHECK(sizeof(wchar_t) == 2 && kind(L'x') == 1 && kind((WORD)1) == 2, "wchar_t");
	CHECK(swprintf(buf, 32, L"%d-%s", 4, L"w") == 3 && !wcscmp(buf, L"4-w"), "swprintf");
	CHECK(swprintf(buf, L"%S", "legacy") == 6 && !wcscmp(buf, L"legacy"), "legacy swprintf");
	LPCWSTR name = L"wide-cxx-mutex";
	HANDLE h = CreateMutexW(nullptr, FALSE, name);
	HANDLE a = OpenMutexA(SYNCHRONIZE, FALSE, "wide-cxx-mutex");
	CHECK(h != nullptr && a != nullptr, "mutex");
	CloseHandle(a);
	CloseHandle(h);
	printf("wide-cxx: %d failures\n", failures);
	return failures != 0;
}
