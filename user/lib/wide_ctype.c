/* <wctype.h>: classes and case for the scripts it names (ASCII, Latin-1,
 * Latin Extended-A, Greek, Cyrillic; CJK ideographs are letters). */
#include <string.h>
#include <wctype.h>

enum {
	C_UPPER = 0x01, C_LOWER = 0x02, C_DIGIT = 0x04, C_SPACE = 0x08, C_PUNCT = 0x10,
	C_CNTRL = 0x20, C_BLANK = 0x40, C_XDIGIT = 0x80, C_ALPHA = 0x100,
};

/* Whether c is the lower-case partner in Latin Extended-A's alternating
 * pairs (0x100..0x17F; 0x130, 0x131, 0x138, 0x149 and 0x17F stand alone). */
static int ext_a_odd_lower(wint_t c)
{
	if (c == 0x130 || c == 0x131 || c == 0x138 || c == 0x149 || c == 0x17F)
		return -1;
	if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E))
		return !(c & 1);        /* these runs pair odd upper with even lower */
	return c & 1;
}

static unsigned classes(wint_t c)
{
	if (c < 0x80) {
		unsigned k = 0;

		if (c < 0x20 || c == 0x7F)
			k |= C_CNTRL;
		if (c == ' ' || (c >= '\t' && c <= '\r'))
			k |= C_SPACE;
		if (c == ' ' || c == '\t')
			k |= C_BLANK;
		if (c >= '0' && c <= '9')
			k |= C_DIGIT | C_XDIGIT;
		if ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))
			k |= C_XDIGIT;
		if (c >= 'A' && c <= 'Z')
			k |= C_UPPER | C_ALPHA;
		if (c >= 'a' && c <= 'z')
			k |= C_LOWER | C_ALPHA;
		if (c > ' ' && c < 0x7F && !(k & (C_ALPHA | C_DIGIT)))
			k |= C_PUNCT;
		return k;
	}
	if (c < 0xA0)
		return C_CNTRL;
	if (c == 0xA0)
		return C_SPACE | C_BLANK;
	if (c < 0xC0)
		return c == 0xAA || c == 0xB5 || c == 0xBA ? C_ALPHA | C_LOWER : C_PUNCT;
	if (c == 0xD7 || c == 0xF7)
		return C_PUNCT;
	if (c < 0xDF)
		return C_ALPHA | C_UPPER;
	if (c < 0x100)
		return C_ALPHA | C_LOWER;
	if (c < 0x180) {
		int odd = ext_a_odd_lower(c);

		return C_ALPHA | (odd < 0 ? C_LOWER : odd ? C_LOWER : C_UPPER);
	}
	if ((c >= 0x391 && c <= 0x3A9) || (c >= 0x400 && c <= 0x42F))
		return C_ALPHA | C_UPPER;
	if ((c >= 0x3AC && c <= 0x3CE) || (c >= 0x430 && c <= 0x45F))
		return C_ALPHA | C_LOWER;
	if ((c >= 0x180 && c < 0x2B0) || (c >= 0x4E00 && c <= 0x9FFF) ||
	    (c >= 0x3040 && c <= 0x30FF) || (c >= 0xAC00 && c <= 0xD7A3))
		return C_ALPHA;
	if (c == 0x2028 || c == 0x2029 || (c >= 0x2000 && c <= 0x200A) || c == 0x3000)
		return C_SPACE | (c == 0x2028 || c == 0x2029 ? 0 : C_BLANK);
	if ((c >= 0x2010 && c <= 0x2027) || (c >= 0x2030 && c <= 0x205E) ||
	    (c >= 0x3001 && c <= 0x3003))
		return C_PUNCT;
	return 0;
}

int iswalpha(wint_t c) { return (classes(c) & C_ALPHA) != 0; }
int iswdigit(wint_t c) { return (classes(c) & C_DIGIT) != 0; }
int iswalnum(wint_t c) { return (classes(c) & (C_ALPHA | C_DIGIT)) != 0; }
int iswspace(wint_t c) { return (classes(c) & C_SPACE) != 0; }
int iswupper(wint_t c) { return (classes(c) & C_UPPER) != 0; }
int iswlower(wint_t c) { return (classes(c) & C_LOWER) != 0; }
int iswpunct(wint_t c) { return (classes(c) & C_PUNCT) != 0; }
int iswcntrl(wint_t c) { return (classes(c) & C_CNTRL) != 0; }
int iswxdigit(wint_t c) { return (classes(c) & C_XDIGIT) != 0; }
int iswblank(wint_t c) { return (classes(c) & C_BLANK) != 0; }
int iswascii(wint_t c) { return c < 0x80; }

/* Printable: anything but a control character or WEOF (a space is one). */
int iswprint(wint_t c)
{
	return c != WEOF && !(classes(c) & C_CNTRL) && !(c >= 0xD800 && c <= 0xDFFF);
}

int iswgraph(wint_t c)
{
	return iswprint(c) && !(classes(c) & C_SPACE);
}

static const struct { const char *name; wctype_t mask; } class_names[] = {
	{ "alpha", C_ALPHA }, { "digit", C_DIGIT }, { "alnum", C_ALPHA | C_DIGIT },
	{ "space", C_SPACE }, { "upper", C_UPPER }, { "lower", C_LOWER },
	{ "punct", C_PUNCT }, { "cntrl", C_CNTRL }, { "xdigit", C_XDIGIT },
	{ "blank", C_BLANK }, { "print", 0x200 }, { "graph", 0x400 },
};

/* A class's name ("alpha" ...) as iswctype takes it; 0 for an unknown one. */
wctype_t wctype(const char *property)
{
	for (unsigned i = 0; i < sizeof(class_names) / sizeof(class_names[0]); i++)
		if (!strcmp(property, class_names[i].name))
			return class_names[i].mask;
	return 0;
}

int iswctype(wint_t c, wctype_t desc)
{
	if (desc == 0x200)
		return iswprint(c);
	if (desc == 0x400)
		return iswgraph(c);
	return (classes(c) & desc) != 0;
}

wint_t towupper(wint_t c)
{
	unsigned k = classes(c);

	if (!(k & C_LOWER) || c == 0xDF || c == 0xAA || c == 0xB5 || c == 0xBA)
		return c;
	if (c < 0x100)
		return c == 0xFF ? 0x178 : c - 0x20;
	if (c < 0x180)
		return ext_a_odd_lower(c) == 1 ? c - 1 : c;
	if (c == 0x3C2)
		return 0x3A3;                   /* final sigma */
	if (c >= 0x3AC && c <= 0x3AF)
		return c == 0x3AC ? 0x386 : c - 0x25;
	if (c >= 0x3CC)
		return c == 0x3CC ? 0x38C : c - 0x3F;
	if (c >= 0x3B1 && c <= 0x3C9)
		return c - 0x20;
	if (c >= 0x430 && c <= 0x44F)
		return c - 0x20;
	if (c >= 0x450 && c <= 0x45F)
		return c - 0x50;
	return c;
}

wint_t towlower(wint_t c)
{
	if (c == 0x178)
		return 0xFF;
	if (c == 0x386)
		return 0x3AC;
	if (c >= 0x388 && c <= 0x38A)
		return c + 0x25;
	if (c == 0x38C)
		return 0x3CC;
	if (c == 0x38E || c == 0x38F)
		return c + 0x3F;
	if (!(classes(c) & C_UPPER))
		return c;
	if (c < 0x100)
		return c + 0x20;
	if (c < 0x180)
		return ext_a_odd_lower(c + 1) == 1 ? c + 1 : c;
	if (c >= 0x391 && c <= 0x3A9)
		return c + 0x20;
	if (c >= 0x400 && c <= 0x40F)
		return c + 0x50;
	return c + 0x20;                        /* 0x410..0x42F */
}

wctrans_t wctrans(const char *property)
{
	return !strcmp(property, "toupper") ? 1 : !strcmp(property, "tolower") ? 2 : 0;
}

wint_t towctrans(wint_t c, wctrans_t desc)
{
	return desc == 1 ? towupper(c) : desc == 2 ? towlower(c) : c;
}
