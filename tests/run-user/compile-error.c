/* A program that does not compile: tools/run-user names the file and line
 * and exits 2 without booting. */
#include <stdio.h>

int main(void)
{
	printf("never built\n")
	return 0;
}
