/* Time (<windows.h>): GetSystemTime, GetLocalTime (vados has no time zones:
 * local time is UTC), GetSystemTimeAsFileTime, FileTimeToSystemTime,
 * SystemTimeToFileTime, CompareFileTime and the local-time conversions of
 * FILETIMEs, with the kernel's own conversions (kernel/rtl/time.c,
 * compiled in). */
#include <string.h>
#include <windows.h>
#include "kernel/rtl/time.h"
#include "win32call.h"

VOID WINAPI GetSystemTimeAsFileTime(LPFILETIME lpSystemTimeAsFileTime)
{
	uint64_t now = 0;
	uint32_t args[1] = { (uint32_t)&now };

	vados_syscall(SYS_GET_SYSTEM_TIME, args);
	lpSystemTimeAsFileTime->dwLowDateTime = (DWORD)now;
	lpSystemTimeAsFileTime->dwHighDateTime = (DWORD)(now >> 32);
}

BOOL WINAPI FileTimeToSystemTime(const FILETIME *lpFileTime, LPSYSTEMTIME lpSystemTime)
{
	uint64_t t = (uint64_t)lpFileTime->dwHighDateTime << 32 | lpFileTime->dwLowDateTime;
	struct rtl_time_fields f;

	if (!rtl_time_to_fields(t, &f)) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	*lpSystemTime = (SYSTEMTIME){ f.year, f.month, f.weekday, f.day, f.hour, f.minute,
				      f.second, f.milliseconds };
	return TRUE;
}

/* wDayOfWeek is ignored, as on Windows. */
BOOL WINAPI SystemTimeToFileTime(const SYSTEMTIME *lpSystemTime, LPFILETIME lpFileTime)
{
	const SYSTEMTIME *s = lpSystemTime;
	struct rtl_time_fields f = { s->wYear, s->wMonth, 0, s->wDay, s->wHour, s->wMinute,
				     s->wSecond, s->wMilliseconds };
	uint64_t t;

	if (!rtl_fields_to_time(&f, &t)) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	lpFileTime->dwLowDateTime = (DWORD)t;
	lpFileTime->dwHighDateTime = (DWORD)(t >> 32);
	return TRUE;
}

VOID WINAPI GetSystemTime(LPSYSTEMTIME lpSystemTime)
{
	FILETIME now;

	GetSystemTimeAsFileTime(&now);
	FileTimeToSystemTime(&now, lpSystemTime);
}

VOID WINAPI GetLocalTime(LPSYSTEMTIME lpSystemTime)
{
	GetSystemTime(lpSystemTime);
}

static uint64_t filetime_u64(const FILETIME *t)
{
	return (uint64_t)t->dwHighDateTime << 32 | t->dwLowDateTime;
}

/* -1, 0 or 1 as the first time is earlier than, equal to or later than the
 * second. */
LONG WINAPI CompareFileTime(const FILETIME *lpFileTime1, const FILETIME *lpFileTime2)
{
	uint64_t a = filetime_u64(lpFileTime1), b = filetime_u64(lpFileTime2);

	return a < b ? -1 : a > b ? 1 : 0;
}

/* Local time is UTC: both conversions copy. */
BOOL WINAPI FileTimeToLocalFileTime(const FILETIME *lpFileTime, LPFILETIME lpLocalFileTime)
{
	*lpLocalFileTime = *lpFileTime;
	return TRUE;
}

BOOL WINAPI LocalFileTimeToFileTime(const FILETIME *lpLocalFileTime, LPFILETIME lpFileTime)
{
	*lpFileTime = *lpLocalFileTime;
	return TRUE;
}

/* The zone local time is in: UTC, no daylight saving (TIME_ZONE_ID_UNKNOWN),
 * the names Windows gives its UTC zone. */
static void utc_zone(LPTIME_ZONE_INFORMATION z)
{
	static const WCHAR name[] = L"Coordinated Universal Time";

	memset(z, 0, sizeof(*z));
	memcpy(z->StandardName, name, sizeof(name));
	memcpy(z->DaylightName, name, sizeof(name));
}

DWORD WINAPI GetTimeZoneInformation(LPTIME_ZONE_INFORMATION lpTimeZoneInformation)
{
	if (IsBadWritePtr(lpTimeZoneInformation, sizeof(*lpTimeZoneInformation))) {
		SetLastError(ERROR_NOACCESS);
		return TIME_ZONE_ID_INVALID;
	}
	utc_zone(lpTimeZoneInformation);
	return TIME_ZONE_ID_UNKNOWN;
}

/* The same zone, its key name "UTC". */
DWORD WINAPI GetDynamicTimeZoneInformation(PDYNAMIC_TIME_ZONE_INFORMATION pTimeZoneInformation)
{
	static const WCHAR key[] = L"UTC";

	if (IsBadWritePtr(pTimeZoneInformation, sizeof(*pTimeZoneInformation))) {
		SetLastError(ERROR_NOACCESS);
		return TIME_ZONE_ID_INVALID;
	}
	memset(pTimeZoneInformation, 0, sizeof(*pTimeZoneInformation));
	utc_zone((LPTIME_ZONE_INFORMATION)pTimeZoneInformation);
	memcpy(pTimeZoneInformation->TimeZoneKeyName, key, sizeof(key));
	return TIME_ZONE_ID_UNKNOWN;
}
