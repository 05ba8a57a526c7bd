/* <locale.h>: the library has only the "C" locale. setlocale names it for
 * NULL, "C", "" (the user's default, which here is "C") and "POSIX"; any
 * other name gets NULL (not available). */
#ifndef _LOCALE_H
#define _LOCALE_H

#include "vados/cdefs.h"

VADOS_BEGIN_DECLS

#define LC_ALL      0
#define LC_COLLATE  1
#define LC_CTYPE    2
#define LC_MONETARY 3
#define LC_NUMERIC  4
#define LC_TIME     5
#define LC_MIN      LC_ALL
#define LC_MAX      LC_TIME

struct lconv {
	char *decimal_point, *thousands_sep, *grouping;
	char *int_curr_symbol, *currency_symbol, *mon_decimal_point, *mon_thousands_sep;
	char *mon_grouping, *positive_sign, *negative_sign;
	char int_frac_digits, frac_digits, p_cs_precedes, p_sep_by_space, n_cs_precedes,
	     n_sep_by_space, p_sign_posn, n_sign_posn;
};

/* The category's locale name, "C", or NULL for an unknown category or name. */
char *setlocale(int category, const char *locale);
/* The "C" locale's conventions: "." and nothing else. */
struct lconv *localeconv(void);

VADOS_END_DECLS

#endif
