/* Reading address 0 ends only this process, with STATUS_ACCESS_VIOLATION. */
#include <stdio.h>

int main(void)
{
	volatile int *p = 0;

	printf("null-read: reading address 0\n");
	return *p;
}
