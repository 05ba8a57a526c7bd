/* Writing the kernel half (the kernel image at 0x80100000) from ring 3 ends
 * only this process, with STATUS_ACCESS_VIOLATION on a write. */
#include <stdio.h>

int main(void)
{
	printf("kernel-write: writing 0x80100000\n");
	*(volatile int *)0x80100000 = 1;
	printf("kernel-write: the write went through\n");
	return 0;
}
