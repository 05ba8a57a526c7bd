/* The rest of winnls.h's calls: GetCPInfoExA/W (GetCPInfo's answer with
 * the code page's number and name) and MulDiv. */
#include <stdio.h>
#include <string.h>
#include <windows.h>
#include "user/lib/nls.h"

/* The code page's Windows name ("437   (OEM - United States)"). */
static const char *page_name(UINT page)
{
	return page == CP_UTF8 ? "65001 (UTF-8)" : "437   (OEM - United States)";
}

/* The actual page a CP_ constant stands for (GetCPInfo has checked it). */
static UINT page_number(UINT page)
{
	if (page == CP_ACP || page == CP_THREAD_ACP)
		return GetACP();
	return page == CP_OEMCP ? GetOEMCP() : page;
}

/* GetCPInfo's part into info; FALSE (last error set) when it fails. */
static BOOL cpinfo_ex(UINT page, DWORD flags, void *info, size_t size)
{
	CPINFO base;

	if (!info)
		return nls_fail(ERROR_INVALID_PARAMETER);
	if (flags)
		return nls_fail(ERROR_INVALID_FLAGS);
	if (IsBadWritePtr(info, size))
		return nls_fail(ERROR_NOACCESS);
	if (!GetCPInfo(page, &base))
		return FALSE;
	memcpy(info, &base, sizeof(base));
	return TRUE;
}

BOOL WINAPI GetCPInfoExA(UINT CodePage, DWORD dwFlags, LPCPINFOEXA lpCPInfoEx)
{
	if (!cpinfo_ex(CodePage, dwFlags, lpCPInfoEx, sizeof(*lpCPInfoEx)))
		return FALSE;
	lpCPInfoEx->CodePage = page_number(CodePage);
	lpCPInfoEx->UnicodeDefaultChar = lpCPInfoEx->CodePage == CP_UTF8 ? 0xFFFD : '?';
	strcpy(lpCPInfoEx->CodePageName, page_name(lpCPInfoEx->CodePage));
	return TRUE;
}

BOOL WINAPI GetCPInfoExW(UINT CodePage, DWORD dwFlags, LPCPINFOEXW lpCPInfoEx)
{
	const char *name;
	int i = 0;

	if (!cpinfo_ex(CodePage, dwFlags, lpCPInfoEx, sizeof(*lpCPInfoEx)))
		return FALSE;
	lpCPInfoEx->CodePage = page_number(CodePage);
	lpCPInfoEx->UnicodeDefaultChar = lpCPInfoEx->CodePage == CP_UTF8 ? 0xFFFD : '?';
	name = page_name(lpCPInfoEx->CodePage);
	do
		lpCPInfoEx->CodePageName[i] = (WCHAR)(unsigned char)name[i];
	while (name[i++]);
	return TRUE;
}

int WINAPI MulDiv(int nNumber, int nNumerator, int nDenominator)
{
	long long product = (long long)nNumber * nNumerator, d = nDenominator, result;

	if (!d)
		return -1;
	if (d < 0)
		product = -product, d = -d;
	result = (product >= 0 ? product + d / 2 : product - d / 2) / d;
	if (result > 2147483647LL || result < -2147483647LL)
		return -1;
	return (int)result;
}
