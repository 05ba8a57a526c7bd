/* Time: GetSystemTime/GetLocalTime (the CMOS clock, UTC), GetSystemTimeAsFileTime
 * advancing with Sleep, FileTimeToSystemTime/SystemTimeToFileTime (known
 * instants, weekdays, ERROR_INVALID_PARAMETER for bad fields), and file times:
 * a new file's write time is now (FAT's 2-second grain), SetFileTime sets
 * what GetFileTime and FindFirstFileA report, and needs write access. */
#include <string.h>
#include <windows.h>

#define TEST_NAME "file-time"
#include "check.h"

static ULONGLONG u64(FILETIME t)
{
	return (ULONGLONG)t.dwHighDateTime << 32 | t.dwLowDateTime;
}

static void clock(void)
{
	SYSTEMTIME st, lt;
	FILETIME a, b;

	GetSystemTime(&st);
	GetLocalTime(&lt);
	CHECK(st.wYear >= 2024 && st.wYear < 2100 && st.wMonth >= 1 && st.wMonth <= 12,
	      "a plausible date: %u-%u-%u", st.wYear, st.wMonth, st.wDay);
	CHECK(lt.wYear == st.wYear && lt.wHour == st.wHour, "local time is UTC");
	GetSystemTimeAsFileTime(&a);
	Sleep(300);
	GetSystemTimeAsFileTime(&b);
	CHECK(u64(b) - u64(a) >= 2500000 && u64(b) - u64(a) < 20000000,
	      "300 ms later: %llu units", u64(b) - u64(a));
}

static void conversions(void)
{
	SYSTEMTIME s = { 1970, 1, 0, 1, 0, 0, 0, 0 }, back;
	FILETIME f;

	CHECK(SystemTimeToFileTime(&s, &f) && u64(f) == 116444736000000000ULL,
	      "the Unix epoch: %llu", u64(f));
	s = (SYSTEMTIME){ 2024, 2, 3, 29, 23, 59, 58, 999 };
	CHECK(SystemTimeToFileTime(&s, &f) && FileTimeToSystemTime(&f, &back), "round trip");
	CHECK(back.wYear == 2024 && back.wMonth == 2 && back.wDay == 29 && back.wDayOfWeek == 4 &&
	      back.wHour == 23 && back.wMinute == 59 && back.wSecond == 58 &&
	      back.wMilliseconds == 999, "2024-02-29 was a Thursday: %u", back.wDayOfWeek);
	s = (SYSTEMTIME){ 2023, 2, 0, 29, 0, 0, 0, 0 };
	CHECK(!SystemTimeToFileTime(&s, &f) && GetLastError() == ERROR_INVALID_PARAMETER,
	      "February 29, 2023: %lu", GetLastError());
	s = (SYSTEMTIME){ 2023, 1, 0, 1, 24, 0, 0, 0 };
	CHECK(!SystemTimeToFileTime(&s, &f) && GetLastError() == ERROR_INVALID_PARAMETER,
	      "hour 24");
	f.dwHighDateTime = 0x80000000;
	f.dwLowDateTime = 0;
	CHECK(!FileTimeToSystemTime(&f, &back) && GetLastError() == ERROR_INVALID_PARAMETER,
	      "a FILETIME past 0x7fffffffffffffff");
}

static void file_times(void)
{
	HANDLE h = CreateFileA("C:\\times.txt", GENERIC_READ | GENERIC_WRITE, 0, NULL,
			       CREATE_ALWAYS, 0, NULL);
	FILETIME now, c, a, w, set;
	SYSTEMTIME s = { 2001, 9, 0, 9, 12, 34, 56, 0 };
	WIN32_FIND_DATAA fd;
	HANDLE f;
	DWORD n;

	GetSystemTimeAsFileTime(&now);
	WriteFile(h, "t", 1, &n, NULL);
	CHECK(GetFileTime(h, &c, &a, &w), "GetFileTime: %lu", GetLastError());
	CHECK(u64(w) + 40000000 > u64(now) && u64(w) <= u64(now) + 40000000,
	      "written about now: %lld s apart", ((long long)u64(w) - (long long)u64(now)) / 10000000);
	SystemTimeToFileTime(&s, &set);
	CHECK(SetFileTime(h, NULL, NULL, &set), "SetFileTime: %lu", GetLastError());
	CHECK(GetFileTime(h, NULL, NULL, &w) && u64(w) == u64(set), "read back");
	CloseHandle(h);
	f = FindFirstFileA("C:\\times.txt", &fd);
	CHECK(f != INVALID_HANDLE_VALUE && u64(fd.ftLastWriteTime) == u64(set),
	      "FindFirstFile sees it");
	FindClose(f);
	h = CreateFileA("C:\\times.txt", GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL);
	CHECK(!SetFileTime(h, NULL, NULL, &now) && GetLastError() == ERROR_ACCESS_DENIED,
	      "SetFileTime needs write access: %lu", GetLastError());
	s.wYear = 1975;
	SystemTimeToFileTime(&s, &set);
	CloseHandle(h);
	h = CreateFileA("C:\\times.txt", GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
	CHECK(!SetFileTime(h, NULL, NULL, &set) && GetLastError() == ERROR_INVALID_PARAMETER,
	      "before 1980, which FAT cannot keep: %lu", GetLastError());
	CloseHandle(h);
	DeleteFileA("C:\\times.txt");
}

int main(void)
{
	clock();
	conversions();
	file_times();
	printf("file-time: %d failures\n", failures);
	return failures != 0;
}
