/* <ctype.h>'s classes in the "C" locale, from one table of Microsoft's bits. */
#include <ctype.h>

#define C _CONTROL
#define S (_SPACE | _CONTROL)
#define P _PUNCT
#define D (_DIGIT | _HEX)
#define U (0x100 | _UPPER)
#define UX (0x100 | _UPPER | _HEX)
#define L (0x100 | _LOWER)
#define LX (0x100 | _LOWER | _HEX)

static const unsigned short classes[128] = {
	C, C, C, C, C, C, C, C, C, S | _BLANK, S, S, S, S, C, C,
	C, C, C, C, C, C, C, C, C, C, C, C, C, C, C, C,
	_SPACE | _BLANK, P, P, P, P, P, P, P, P, P, P, P, P, P, P, P,
	D, D, D, D, D, D, D, D, D, D, P, P, P, P, P, P,
	P, UX, UX, UX, UX, UX, UX, U, U, U, U, U, U, U, U, U,
	U, U, U, U, U, U, U, U, U, U, U, P, P, P, P, P,
	P, LX, LX, LX, LX, LX, LX, L, L, L, L, L, L, L, L, L,
	L, L, L, L, L, L, L, L, L, L, L, P, P, P, P, C,
};

/* EOF and bytes 128..255 have no class; so has anything else (undefined). */
int _isctype(int c, int mask)
{
	return c >= 0 && c < 128 ? classes[c] & mask : 0;
}

int isalnum(int c) { return _isctype(c, _ALPHA | _DIGIT); }
int isalpha(int c) { return _isctype(c, _ALPHA); }
int isblank(int c) { return _isctype(c, _BLANK); }
int iscntrl(int c) { return _isctype(c, _CONTROL); }
int isdigit(int c) { return _isctype(c, _DIGIT); }
int isgraph(int c) { return _isctype(c, _PUNCT | _ALPHA | _DIGIT); }
int islower(int c) { return _isctype(c, _LOWER); }
int isprint(int c) { return c == ' ' || isgraph(c); }
int ispunct(int c) { return _isctype(c, _PUNCT); }
int isspace(int c) { return _isctype(c, _SPACE); }
int isupper(int c) { return _isctype(c, _UPPER); }
int isxdigit(int c) { return _isctype(c, _HEX); }
int tolower(int c) { return isupper(c) ? c - 'A' + 'a' : c; }
int toupper(int c) { return islower(c) ? c - 'a' + 'A' : c; }
int __iscsym(int c) { return c == '_' || isalnum(c); }
int __iscsymf(int c) { return c == '_' || isalpha(c); }
