/* CreateProcessA's documented edges that the older process tests leave out:
 * CREATE_UNICODE_ENVIRONMENT with a UTF-16 block (and with none: the
 * caller's environment), GetCommandLineA giving the line exactly,
 * CREATE_SUSPENDED's suspend count, DETACHED_PROCESS with
 * CREATE_NEW_CONSOLE refused, STILL_ACTIVE, a program named without its
 * ".exe" on the command line and with it in lpApplicationName, and
 * GetEnvironmentVariableA/SetEnvironmentVariableA's rules a child sees.
 * The program is its own child: its last argument says what to do. Last
 * line: "conform2-files-process: N failures". Runs on C:. */
#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include "file-common.h"

#define TEST_NAME "conform2-files-process"
#include "check.h"

#define SELF "C:\\BIN\\conform2-files-process.exe"
#define NO_START 1000u          /* start()'s result when CreateProcessA fails: + the error */

/* Runs the child to its end; its exit code, or NO_START + the error. */
static DWORD run(const char *app, const char *cmdline, DWORD flags, void *env)
{
	return file_run_ex(app, cmdline, flags, env, NULL);
}

/* The child's part: argv[argc - 1] names it. */
static int child(int argc, char **argv)
{
	const char *what = argv[argc - 1];
	char buf[64];

	if (!strcmp(what, "expect") && argc == 4) {     /* NAME VALUE expect; "-": unset */
		DWORD n = GetEnvironmentVariableA(argv[1], buf, sizeof(buf));

		if (!strcmp(argv[2], "-"))
			return n != 0 || GetLastError() != ERROR_ENVVAR_NOT_FOUND;
		return n != strlen(argv[2]) || strcmp(buf, argv[2]);
	}
	if (!strcmp(what, "line"))                      /* the line, exactly */
		return strcmp(GetCommandLineA(), "conform2-files-process  \"a  b\"\tline") != 0;
	if (!strcmp(what, "exit9"))
		return 9;
	return 100;
}

static void environment_blocks(void)
{
	static const WCHAR wide[] = L"WIDE=wide\0OTHER=1\0";
	DWORD code;

	SetEnvironmentVariableA("C2P", "inherited");
	CHECK((code = run(NULL, "conform2-files-process WIDE wide expect",
			  CREATE_UNICODE_ENVIRONMENT, (void *)wide)) == 0,
	      "a UTF-16 block to CreateProcessA: %lu", code);
	CHECK((code = run(NULL, "conform2-files-process C2P - expect",
			  CREATE_UNICODE_ENVIRONMENT, (void *)wide)) == 0,
	      "the block is all the child gets: %lu", code);
	CHECK((code = run(NULL, "conform2-files-process C2P inherited expect",
			  CREATE_UNICODE_ENVIRONMENT, NULL)) == 0,
	      "the flag without a block: the caller's environment: %lu", code);
}

static void lines_and_flags(void)
{
	char line[] = "conform2-files-process exit9";
	PROCESS_INFORMATION pi;
	DWORD code, count;

	CHECK((code = run(NULL, "conform2-files-process  \"a  b\"\tline", 0, NULL)) == 0,
	      "GetCommandLineA: %lu", code);
	CHECK((code = run(SELF, "anything exit9", 0, NULL)) == 9, "lpApplicationName: %lu",
	      code);
	CHECK((code = run("C:\\BIN\\conform2-files-process", "x exit9", 0, NULL)) ==
	      NO_START + ERROR_FILE_NOT_FOUND, "no .exe added to lpApplicationName: %lu", code);
	CHECK((code = run(NULL, "C:\\BIN\\conform2-files-process exit9", 0, NULL)) == 9,
	      ".exe added to the command line's name: %lu", code);
	CHECK((code = run(NULL, "conform2-files-process exit9",
			  DETACHED_PROCESS | CREATE_NEW_CONSOLE, NULL)) ==
	      NO_START + ERROR_INVALID_PARAMETER, "DETACHED_PROCESS | CREATE_NEW_CONSOLE: %lu", code);
	if (!CreateProcessA(NULL, line, NULL, NULL, FALSE, CREATE_SUSPENDED, NULL, NULL, NULL,
			    &pi)) {
		CHECK(0, "suspended: %lu", GetLastError());
		return;
	}
	CHECK(GetExitCodeProcess(pi.hProcess, &code) && code == STILL_ACTIVE, "still active");
	CHECK(WaitForSingleObject(pi.hProcess, 100) == WAIT_TIMEOUT, "suspended runs");
	CHECK((count = ResumeThread(pi.hThread)) == 1, "suspend count %lu", count);
	WaitForSingleObject(pi.hProcess, INFINITE);
	CHECK(GetExitCodeProcess(pi.hProcess, &code) && code == 9, "code %lu", code);
	CloseHandle(pi.hProcess);
	CloseHandle(pi.hThread);
}

int main(int argc, char **argv)
{
	if (argc > 1)
		return child(argc, argv);
	environment_blocks();
	lines_and_flags();
	printf("conform2-files-process: %d failures\n", failures);
	return failures != 0;
}
