/* <wctype.h> for vados: wide-character classes and case (user/lib/wide_ctype.c).
 * The classes know ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic
 * letters (and CJK ideographs as letters); case maps those scripts. */
#ifndef _WCTYPE_H
#define _WCTYPE_H

#include <stddef.h>
#include "vados/cdefs.h"

VADOS_BEGIN_DECLS

#ifndef _WINT_T_DEFINED
#define _WINT_T_DEFINED
typedef unsigned short wint_t;          /* Windows': wchar_t's range and WEOF */
#endif
#ifndef WEOF
#define WEOF ((wint_t)0xFFFF)
#endif
typedef unsigned short wctype_t;
typedef wchar_t wctrans_t;

int iswalpha(wint_t c);
int iswdigit(wint_t c);
int iswalnum(wint_t c);
int iswspace(wint_t c);
int iswupper(wint_t c);
int iswlower(wint_t c);
int iswpunct(wint_t c);
int iswprint(wint_t c);
int iswgraph(wint_t c);
int iswcntrl(wint_t c);
int iswxdigit(wint_t c);
int iswblank(wint_t c);
int iswascii(wint_t c);
int iswctype(wint_t c, wctype_t desc);
wctype_t wctype(const char *property);
wint_t towupper(wint_t c);
wint_t towlower(wint_t c);
wctrans_t wctrans(const char *property);
wint_t towctrans(wint_t c, wctrans_t desc);

VADOS_END_DECLS

#endif
