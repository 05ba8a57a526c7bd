/* CreateProcessA maps the child's program before it returns, as Windows
 * does: VirtualQueryEx and ReadProcessMemory on the new child at once find
 * its image (MEM_IMAGE at the parent's base: one program, one base; the ELF magic) and its stack, with no
 * wait for the child to run; and a file that is not a program fails the
 * creation itself with ERROR_BAD_EXE_FORMAT (the scenario adds a text file
 * as the module "notelf"), leaving nothing behind. */
#include <string.h>
#include <windows.h>

#define TEST_NAME "create-process-maps-first"
#include "check.h"

int main(int argc, char **argv)
{
	PROCESS_INFORMATION pi;
	MEMORY_BASIC_INFORMATION mbi;
	char magic[4] = { 0 }, cmdline[64];
	SIZE_T got = 0;

	if (argc == 2 && strcmp(argv[1], "child") == 0) {
		Sleep(INFINITE);
		return 0;
	}
	strcpy(cmdline, argv[0]);
	strcat(cmdline, " child");
	for (int i = 0; i < 20; i++) {
		CHECK(CreateProcessA(NULL, cmdline, NULL, NULL, FALSE, 0, NULL, NULL, NULL, &pi),
		      "CreateProcessA: %lu", GetLastError());
		/* The child runs this program: its image is at this one's base. */
		CHECK(VirtualQueryEx(pi.hProcess, GetModuleHandleA(NULL), &mbi, sizeof(mbi)) &&
		      mbi.Type == MEM_IMAGE && mbi.State == MEM_COMMIT, "round %d: image at once", i);
		CHECK(ReadProcessMemory(pi.hProcess, GetModuleHandleA(NULL), magic, 4, &got) &&
		      got == 4 && memcmp(magic, "\x7f" "ELF", 4) == 0, "round %d: ELF magic", i);
		CHECK(VirtualQueryEx(pi.hProcess, (LPCVOID)0x002ff000, &mbi, sizeof(mbi)) &&
		      mbi.State == MEM_COMMIT, "round %d: stack top committed", i);
		TerminateProcess(pi.hProcess, 0);
		WaitForSingleObject(pi.hProcess, INFINITE);
		CloseHandle(pi.hProcess);
		CloseHandle(pi.hThread);
	}
	CHECK(!CreateProcessA(NULL, "notelf", NULL, NULL, FALSE, 0, NULL, NULL, NULL, &pi) &&
	      GetLastError() == ERROR_BAD_EXE_FORMAT, "not a program: error %lu", GetLastError());
	CHECK(!CreateProcessA(NULL, "no-such-program", NULL, NULL, FALSE, 0, NULL, NULL, NULL, &pi) &&
	      GetLastError() == ERROR_FILE_NOT_FOUND, "no such program: error %lu", GetLastError());
	printf("create-process-maps-first: %d failures\n", failures);
	return failures;
}
