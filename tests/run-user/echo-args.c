/* tools/run-user test: prints its arguments, returns how many there were. */
#include <stdio.h>

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		printf("arg %d: %s\n", i, argv[i]);
	return argc - 1;
}
