/* <tchar.h> of an ANSI build (vados has no UNICODE one): the generic-text
 * names Microsoft's examples use, each the plain C name it stands for. Only
 * names whose C function the library has are here. */
#ifndef _TCHAR_H
#define _TCHAR_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef char _TCHAR;
#define _T(x)       x
#define _TEXT(x)    x
#define _tmain      main
#define _tprintf    printf
#define _ftprintf   fprintf
#define _tfopen     fopen
#define _fgetts     fgets
#define _fputts     fputs
#define _tcslen     strlen
#define _tcscpy     strcpy
#define _tcsncpy    strncpy
#define _tcscat     strcat
#define _tcscmp     strcmp
#define _tcsncmp    strncmp
#define _tcschr     strchr
#define _tcsrchr    strrchr
#define _tcsstr     strstr
#define _ttoi       atoi
#define _tgetenv    getenv

#endif
