/* <strsafe.h> for vados: Microsoft's bounded string calls, A and W forms
 * (generic names after UNICODE), inline as in Microsoft's header. Each
 * returns S_OK, STRSAFE_E_INSUFFICIENT_BUFFER (the result cut to the
 * buffer, NUL-ended) or STRSAFE_E_INVALID_PARAMETER (a size of 0 or above
 * STRSAFE_MAX_CCH, or for the Cat calls a destination not NUL-ended within
 * it: the destination emptied where there is room). */
#ifndef _STRSAFE_H_INCLUDED_
#define _STRSAFE_H_INCLUDED_

#include <stdarg.h>
#include <stdio.h>
#include <wchar.h>
#include <windows.h>

typedef LONG HRESULT;
#ifndef S_OK
#define S_OK ((HRESULT)0L)
#endif
#ifndef SUCCEEDED
#define SUCCEEDED(hr) (((HRESULT)(hr)) >= 0)
#define FAILED(hr)    (((HRESULT)(hr)) < 0)
#endif
#define STRSAFE_MAX_CCH               2147483647
#define STRSAFE_E_INSUFFICIENT_BUFFER ((HRESULT)0x8007007AL)
#define STRSAFE_E_INVALID_PARAMETER   ((HRESULT)0x80070057L)
#define STRSAFE_E_END_OF_FILE         ((HRESULT)0x80070026L)
typedef char *STRSAFE_LPSTR;
typedef const char *STRSAFE_LPCSTR;
typedef wchar_t *STRSAFE_LPWSTR;
typedef const wchar_t *STRSAFE_LPCWSTR;

/* One body for both character types: T the type, NAME the suffix. */
#define VADOS_STRSAFE_FUNCTIONS(T, NAME)                                                     \
static inline HRESULT StringCchLength##NAME(const T *psz, size_t cchMax, size_t *pcchLength) \
{                                                                                    \
	size_t n = 0;                                                                \
                                                                                     \
	if (psz && cchMax <= STRSAFE_MAX_CCH)                                        \
		while (n < cchMax && psz[n])                                         \
			n++;                                                         \
	if (!psz || cchMax > STRSAFE_MAX_CCH || n == cchMax) {                       \
		if (pcchLength)                                                      \
			*pcchLength = 0;                                             \
		return STRSAFE_E_INVALID_PARAMETER;                                  \
	}                                                                            \
	if (pcchLength)                                                              \
		*pcchLength = n;                                                     \
	return S_OK;                                                                 \
}                                                                                    \
static inline HRESULT StringCchCopyN##NAME(T *pszDest, size_t cchDest, const T *pszSrc,     \
					   size_t cchToCopy)                                \
{                                                                                    \
	size_t n = 0;                                                                \
                                                                                     \
	if (!cchDest || cchDest > STRSAFE_MAX_CCH || cchToCopy > STRSAFE_MAX_CCH) {  \
		if (cchDest && cchDest <= STRSAFE_MAX_CCH)                           \
			pszDest[0] = 0;                                              \
		return STRSAFE_E_INVALID_PARAMETER;                                  \
	}                                                                            \
	while (n < cchDest - 1 && n < cchToCopy && pszSrc && pszSrc[n]) {            \
		pszDest[n] = pszSrc[n];                                              \
		n++;                                                                 \
	}                                                                            \
	pszDest[n] = 0;                                                              \
	return n < cchToCopy && pszSrc && pszSrc[n] ? STRSAFE_E_INSUFFICIENT_BUFFER : S_OK; \
}                                                                                    \
static inline HRESULT StringCchCopy##NAME(T *pszDest, size_t cchDest, const T *pszSrc)      \
{                                                                                    \
	return StringCchCopyN##NAME(pszDest, cchDest, pszSrc, STRSAFE_MAX_CCH);      \
}                                                                                    \
static inline HRESULT StringCchCatN##NAME(T *pszDest, size_t cchDest, const T *pszSrc,      \
					  size_t cchToAppend)                               \
{                                                                                    \
	size_t used;                                                                 \
                                                                                     \
	if (cchDest > STRSAFE_MAX_CCH ||                                             \
	    FAILED(StringCchLength##NAME(pszDest, cchDest, &used)))                   \
		return STRSAFE_E_INVALID_PARAMETER;                                  \
	return StringCchCopyN##NAME(pszDest + used, cchDest - used, pszSrc, cchToAppend); \
}                                                                                    \
static inline HRESULT StringCchCat##NAME(T *pszDest, size_t cchDest, const T *pszSrc)       \
{                                                                                    \
	return StringCchCatN##NAME(pszDest, cchDest, pszSrc, STRSAFE_MAX_CCH);       \
}                                                                                    \
static inline HRESULT StringCbLength##NAME(const T *psz, size_t cbMax, size_t *pcbLength)   \
{                                                                                    \
	size_t cch;                                                                  \
	HRESULT hr = StringCchLength##NAME(psz, cbMax / sizeof(T), &cch);             \
                                                                                     \
	if (pcbLength)                                                               \
		*pcbLength = SUCCEEDED(hr) ? cch * sizeof(T) : 0;                    \
	return hr;                                                                   \
}                                                                                    \
static inline HRESULT StringCbCopy##NAME(T *pszDest, size_t cbDest, const T *pszSrc)        \
{                                                                                    \
	return StringCchCopy##NAME(pszDest, cbDest / sizeof(T), pszSrc);             \
}                                                                                    \
static inline HRESULT StringCbCopyN##NAME(T *pszDest, size_t cbDest, const T *pszSrc,       \
					  size_t cbToCopy)                                  \
{                                                                                    \
	return StringCchCopyN##NAME(pszDest, cbDest / sizeof(T), pszSrc, cbToCopy / sizeof(T)); \
}                                                                                    \
static inline HRESULT StringCbCat##NAME(T *pszDest, size_t cbDest, const T *pszSrc)         \
{                                                                                    \
	return StringCchCat##NAME(pszDest, cbDest / sizeof(T), pszSrc);              \
}                                                                                    \
static inline HRESULT StringCbCatN##NAME(T *pszDest, size_t cbDest, const T *pszSrc,        \
					 size_t cbToAppend)                                 \
{                                                                                    \
	return StringCchCatN##NAME(pszDest, cbDest / sizeof(T), pszSrc, cbToAppend / sizeof(T)); \
}

VADOS_STRSAFE_FUNCTIONS(char, A)
VADOS_STRSAFE_FUNCTIONS(wchar_t, W)
#undef VADOS_STRSAFE_FUNCTIONS

/* The printf forms: the narrow printf's conventions for A, the wide one's
 * (%s wide) for W. */
static inline HRESULT StringCchVPrintfA(char *pszDest, size_t cchDest, const char *pszFormat,
					va_list ap)
{
	int n;

	if (!cchDest || cchDest > STRSAFE_MAX_CCH)
		return STRSAFE_E_INVALID_PARAMETER;
	n = vsnprintf(pszDest, cchDest, pszFormat, ap);
	pszDest[cchDest - 1] = 0;
	return n < 0 || (size_t)n >= cchDest ? STRSAFE_E_INSUFFICIENT_BUFFER : S_OK;
}

static inline HRESULT StringCchVPrintfW(wchar_t *pszDest, size_t cchDest,
					const wchar_t *pszFormat, va_list ap)
{
	int n;

	if (!cchDest || cchDest > STRSAFE_MAX_CCH)
		return STRSAFE_E_INVALID_PARAMETER;
	n = _vsnwprintf(pszDest, cchDest - 1, pszFormat, ap);
	if (n < 0) {
		pszDest[cchDest - 1] = 0;
		return STRSAFE_E_INSUFFICIENT_BUFFER;
	}
	pszDest[n] = 0;
	return S_OK;
}

static inline HRESULT StringCchPrintfA(char *pszDest, size_t cchDest, const char *pszFormat, ...)
{
	va_list ap;
	va_start(ap, pszFormat);
	HRESULT hr = StringCchVPrintfA(pszDest, cchDest, pszFormat, ap);
	va_end(ap);
	return hr;
}

static inline HRESULT StringCchPrintfW(wchar_t *pszDest, size_t cchDest,
				       const wchar_t *pszFormat, ...)
{
	va_list ap;
	va_start(ap, pszFormat);
	HRESULT hr = StringCchVPrintfW(pszDest, cchDest, pszFormat, ap);
	va_end(ap);
	return hr;
}

static inline HRESULT StringCbPrintfA(char *pszDest, size_t cbDest, const char *pszFormat, ...)
{
	va_list ap;
	va_start(ap, pszFormat);
	HRESULT hr = StringCchVPrintfA(pszDest, cbDest, pszFormat, ap);
	va_end(ap);
	return hr;
}

static inline HRESULT StringCbPrintfW(wchar_t *pszDest, size_t cbDest,
				      const wchar_t *pszFormat, ...)
{
	va_list ap;
	va_start(ap, pszFormat);
	HRESULT hr = StringCchVPrintfW(pszDest, cbDest / sizeof(wchar_t), pszFormat, ap);
	va_end(ap);
	return hr;
}

static inline HRESULT StringCbVPrintfA(char *pszDest, size_t cbDest, const char *pszFormat,
				       va_list ap)
{
	return StringCchVPrintfA(pszDest, cbDest, pszFormat, ap);
}

static inline HRESULT StringCbVPrintfW(wchar_t *pszDest, size_t cbDest,
				       const wchar_t *pszFormat, va_list ap)
{
	return StringCchVPrintfW(pszDest, cbDest / sizeof(wchar_t), pszFormat, ap);
}

#ifdef UNICODE
#define StringCchLength  StringCchLengthW
#define StringCchCopy    StringCchCopyW
#define StringCchCopyN   StringCchCopyNW
#define StringCchCat     StringCchCatW
#define StringCchCatN    StringCchCatNW
#define StringCchPrintf  StringCchPrintfW
#define StringCchVPrintf StringCchVPrintfW
#define StringCbLength   StringCbLengthW
#define StringCbCopy     StringCbCopyW
#define StringCbCopyN    StringCbCopyNW
#define StringCbCat      StringCbCatW
#define StringCbCatN     StringCbCatNW
#define StringCbPrintf   StringCbPrintfW
#define StringCbVPrintf  StringCbVPrintfW
#else
#define StringCchLength  StringCchLengthA
#define StringCchCopy    StringCchCopyA
#define StringCchCopyN   StringCchCopyNA
#define StringCchCat     StringCchCatA
#define StringCchCatN    StringCchCatNA
#define StringCchPrintf  StringCchPrintfA
#define StringCchVPrintf StringCchVPrintfA
#define StringCbLength   StringCbLengthA
#define StringCbCopy     StringCbCopyA
#define StringCbCopyN    StringCbCopyNA
#define StringCbCat      StringCbCatA
#define StringCbCatN     StringCbCatNA
#define StringCbPrintf   StringCbPrintfA
#define StringCbVPrintf  StringCbVPrintfA
#endif

#endif
