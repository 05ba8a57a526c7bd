/* assert's failure report (<assert.h>), Microsoft's console wording. */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>

void _assert(const char *message, const char *file, unsigned line)
{
	fprintf(stderr, "Assertion failed: %s, file %s, line %u\n", message, file, line);
	abort();
}
