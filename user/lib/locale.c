/* <locale.h>: the one "C" locale. */
#include <limits.h>
#include <locale.h>
#include <string.h>

char *setlocale(int category, const char *locale)
{
	if (category < LC_MIN || category > LC_MAX)
		return NULL;
	if (locale && *locale && strcmp(locale, "C") != 0 && strcmp(locale, "POSIX") != 0)
		return NULL;
	return (char *)"C";
}

struct lconv *localeconv(void)
{
	static char dot[] = ".", none[] = "";
	static struct lconv c = { dot, none, none, none, none, none, none, none, none, none,
				  CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX,
				  CHAR_MAX, CHAR_MAX };
	return &c;
}
