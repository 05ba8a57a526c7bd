/* <tchar.h>: the generic-text names of Microsoft's examples. With _UNICODE
 * defined, _TCHAR is wchar_t, _T("x") is L"x" and each name is the wide C
 * function (<wchar.h>); without, char and the narrow one. A name whose
 * function the library lacks fails where it is used, as any undeclared
 * call would. _tmain is main or wmain (crt0 calls whichever the program
 * defines). */
#ifndef _TCHAR_H
#define _TCHAR_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#ifdef _UNICODE
typedef wchar_t _TCHAR;
typedef wchar_t _TSCHAR, _TUCHAR, _TXCHAR;
typedef wint_t _TINT;
#define __T(x)      L##x
#define _TEOF       WEOF
#define _tmain       wmain
#define _tprintf     wprintf
#define _vtprintf    vwprintf
#define _ftprintf    fwprintf
#define _vftprintf   vfwprintf
#define _stprintf    _swprintf
#define _vstprintf   _vswprintf
#define _sntprintf   _snwprintf
#define _vsntprintf  _vsnwprintf
#define _stprintf_s  swprintf_s
#define _sctprintf   _scwprintf
#define _tfopen      _wfopen
#define _topen       _wopen
#define _tsopen      _wsopen
#define _tsopen_s    _wsopen_s
#define _taccess     _waccess
#define _taccess_s   _waccess_s
#define _tunlink     _wunlink
#define _tchmod      _wchmod
#define _tmkdir      _wmkdir
#define _trmdir      _wrmdir
#define _tchdir      _wchdir
#define _tgetcwd     _wgetcwd
#define _tstat       _wstat
#define _tstat64     _wstat64
#define _tutime      _wutime
#define _fgetts      fgetws
#define _fputts      fputws
#define _fgettc      fgetwc
#define _fputtc      fputwc
#define _puttc       putwc
#define _puttchar    putwchar
#define _putts       _putws
#define _tcslen      wcslen
#define _tcsnlen     wcsnlen
#define _tcscpy      wcscpy
#define _tcsncpy     wcsncpy
#define _tcscpy_s    wcscpy_s
#define _tcsncpy_s   wcsncpy_s
#define _tcscat      wcscat
#define _tcsncat     wcsncat
#define _tcscat_s    wcscat_s
#define _tcsncat_s   wcsncat_s
#define _tcscmp      wcscmp
#define _tcsncmp     wcsncmp
#define _tcsicmp     _wcsicmp
#define _tcsnicmp    _wcsnicmp
#define _tcschr      wcschr
#define _tcsrchr     wcsrchr
#define _tcsstr      wcsstr
#define _tcsspn      wcsspn
#define _tcscspn     wcscspn
#define _tcspbrk     wcspbrk
#define _tcstok      _wcstok
#define _tcstok_s    wcstok_s
#define _tcsdup      _wcsdup
#define _tcslwr      _wcslwr
#define _tcsupr      _wcsupr
#define _tcsrev      _wcsrev
#define _tcstol      wcstol
#define _tcstoul     wcstoul
#define _tcstoi64    _wcstoi64
#define _tcstoui64   _wcstoui64
#define _ttoi        _wtoi
#define _ttol        _wtol
#define _ttoi64      _wtoi64
#define _tstoi       _wtoi
#define _tstol       _wtol
#define _tgetenv     _wgetenv
#define _istalpha    iswalpha
#define _istdigit    iswdigit
#define _istalnum    iswalnum
#define _istspace    iswspace
#define _istupper    iswupper
#define _istlower    iswlower
#define _istpunct    iswpunct
#define _istprint    iswprint
#define _istgraph    iswgraph
#define _istcntrl    iswcntrl
#define _istxdigit   iswxdigit
#define _istascii    iswascii
#define _totupper    towupper
#define _totlower    towlower
#else
typedef char _TCHAR;
typedef signed char _TSCHAR;
typedef unsigned char _TUCHAR;
typedef char _TXCHAR;
typedef int _TINT;
#define __T(x)      x
#define _TEOF       EOF
#define _tmain       main
#define _tprintf     printf
#define _vtprintf    vprintf
#define _ftprintf    fprintf
#define _vftprintf   vfprintf
#define _stprintf    sprintf
#define _vstprintf   vsprintf
#define _sntprintf   _snprintf
#define _vsntprintf  _vsnprintf
#define _stprintf_s  sprintf_s
#define _sctprintf   _scprintf
#define _tfopen      fopen
#define _topen       _open
#define _tsopen      _sopen
#define _tsopen_s    _sopen_s
#define _taccess     _access
#define _taccess_s   _access_s
#define _tunlink     _unlink
#define _tchmod      _chmod
#define _tmkdir      _mkdir
#define _trmdir      _rmdir
#define _tchdir      _chdir
#define _tgetcwd     _getcwd
#define _tstat       _stat
#define _tstat64     _stat64
#define _tutime      _utime
#define _fgetts      fgets
#define _fputts      fputs
#define _fgettc      fgetc
#define _fputtc      fputc
#define _puttc       putc
#define _puttchar    putchar
#define _putts       puts
#define _tcslen      strlen
#define _tcsnlen     strnlen
#define _tcscpy      strcpy
#define _tcsncpy     strncpy
#define _tcscpy_s    strcpy_s
#define _tcsncpy_s   strncpy_s
#define _tcscat      strcat
#define _tcsncat     strncat
#define _tcscat_s    strcat_s
#define _tcsncat_s   strncat_s
#define _tcscmp      strcmp
#define _tcsncmp     strncmp
#define _tcsicmp     _stricmp
#define _tcsnicmp    _strnicmp
#define _tcschr      strchr
#define _tcsrchr     strrchr
#define _tcsstr      strstr
#define _tcsspn      strspn
#define _tcscspn     strcspn
#define _tcspbrk     strpbrk
#define _tcstok      strtok
#define _tcstok_s    strtok_s
#define _tcsdup      _strdup
#define _tcslwr      _strlwr
#define _tcsupr      _strupr
#define _tcsrev      _strrev
#define _tcstol      strtol
#define _tcstoul     strtoul
#define _tcstoi64    _strtoi64
#define _tcstoui64   _strtoui64
#define _ttoi        atoi
#define _ttol        atol
#define _ttoi64      _atoi64
#define _tstoi       atoi
#define _tstol       atol
#define _tgetenv     getenv
#define _istalpha    isalpha
#define _istdigit    isdigit
#define _istalnum    isalnum
#define _istspace    isspace
#define _istupper    isupper
#define _istlower    islower
#define _istpunct    ispunct
#define _istprint    isprint
#define _istgraph    isgraph
#define _istcntrl    iscntrl
#define _istxdigit   isxdigit
#define _istascii    isascii
#define _totupper    toupper
#define _totlower    tolower
#endif
#define _T(x)       __T(x)
#define _TEXT(x)    __T(x)

#endif
