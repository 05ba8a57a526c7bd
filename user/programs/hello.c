/* The smallest ring-3 program: prints its arguments and exits with 0. */
#include <stdio.h>

int main(int argc, char **argv)
{
	printf("hello from ring 3: %s with %d argument(s)\n", argv[0], argc - 1);
	for (int i = 1; i < argc; i++)
		printf("  argv[%d] = \"%s\"\n", i, argv[i]);
	return 0;
}
