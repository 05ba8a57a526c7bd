/* Code written elsewhere, as it often is: it draws warnings (an unused
 * variable and function, a missing return value; argv is unused too), yet it
 * is a working program. tools/vados-cc shows the warnings and builds it; with
 * -Werror it refuses. */
#include <stdio.h>
#include <string.h>

static int helper(int x)
{
	if (x > 0)
		return x;
}

int main(int argc, char **argv)
{
	int unused;
	unsigned n = strlen("vados");

	if (argc < n)
		printf("warnings: built and ran, argc %d\n", argc);
	return 0;
}
