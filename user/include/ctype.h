/* <ctype.h>: character classes of the "C" locale for EOF and 0..255 (bytes
 * 128..255 belong to no class), with Microsoft's additions. */
#ifndef _CTYPE_H
#define _CTYPE_H

#include "vados/cdefs.h"

VADOS_BEGIN_DECLS

/* Microsoft's class bits (_isctype's mask). */
#define _UPPER   0x1
#define _LOWER   0x2
#define _DIGIT   0x4
#define _SPACE   0x8
#define _PUNCT   0x10
#define _CONTROL 0x20
#define _BLANK   0x40
#define _HEX     0x80
#define _ALPHA   (0x0100 | _UPPER | _LOWER)

int _isctype(int c, int mask);
int isalnum(int c);
int isalpha(int c);
int isblank(int c);
int iscntrl(int c);
int isdigit(int c);
int isgraph(int c);
int islower(int c);
int isprint(int c);
int ispunct(int c);
int isspace(int c);
int isupper(int c);
int isxdigit(int c);
int tolower(int c);
int toupper(int c);
int __iscsym(int c);                    /* letter, digit or '_' */
int __iscsymf(int c);                   /* letter or '_' */
#define iscsym   __iscsym
#define iscsymf  __iscsymf
#define __isascii(c) ((unsigned)(c) < 0x80)
#define isascii      __isascii
#define __toascii(c) ((c) & 0x7f)
#define toascii      __toascii
/* Microsoft's unconditional forms: c must be a letter of the other case. */
#define _tolower(c)  ((c) - 'A' + 'a')
#define _toupper(c)  ((c) - 'a' + 'A')

VADOS_END_DECLS

#endif
