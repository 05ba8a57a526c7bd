/* The idle child whose address space virtual-conformance works on through the
 * Ex calls: started as "virtual-child wait" it sleeps until it is terminated.
 * Started any other way (say booted alone with run=virtual-child) it has
 * nothing to do, says so and exits with 0. */
#include <stdio.h>
#include <string.h>
#include <windows.h>

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "wait") == 0)
		Sleep(INFINITE);
	printf("virtual-child: started without \"wait\": nothing to do\n");
	return 0;
}
