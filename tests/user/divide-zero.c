/* An integer divide by zero ends the process with
 * STATUS_INTEGER_DIVIDE_BY_ZERO. */
#include <stdio.h>

int main(int argc, char **argv)
{
	volatile int zero = argc - 1;

	(void)argv;
	printf("divide-zero: dividing by %d\n", zero);
	return 10 / zero;
}
