/* Programs on disk as Windows runs them: environment variables (sizes,
 * case, '=' names, deletion, expansion, the C library's getenv), children
 * found through PATH, by a quoted path with spaces, word by word through an
 * unquoted one and in their creator's program directory, lpApplicationName
 * taken as it is, lpCurrentDirectory and lpEnvironment, the environment
 * inherited, argv split by the C runtime's rules (a child prints it) and
 * the bad input CreateProcessA refuses. The same program is the child: its
 * last argument says what to do. */
#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include "file-common.h"

#define TEST_NAME "env-path"
#include "check.h"

#define NO_START 1000u          /* run()'s result when CreateProcessA fails: + the error */

/* Runs the child; its exit code, or NO_START + the error. */
static DWORD run(const char *app, const char *cmdline, void *env, const char *cwd)
{
	return file_run_ex(app, cmdline, 0, env, cwd);
}

/* The child's part: argv[argc - 1] names it. */
static int child(int argc, char **argv)
{
	const char *what = argv[argc - 1];
	char buf[MAX_PATH];

	if (strcmp(what, "exit7") == 0)
		return 7;
	if (strcmp(what, "argv") == 0) {        /* prints every argument but the last */
		printf("env-path child: line {%s}\n", GetCommandLineA());
		for (int i = 1; i < argc - 1; i++)
			printf("env-path child: argv[%d] {%s}\n", i, argv[i]);
		return argc - 2;
	}
	if (strcmp(what, "expect") == 0 && argc == 4) {  /* NAME VALUE expect; "-": unset */
		const char *value = getenv(argv[1]);

		return strcmp(argv[2], "-") == 0 ? value != NULL :
		       !value || strcmp(value, argv[2]) != 0;
	}
	if (strcmp(what, "big") == 0) {                  /* BIG: 3000 x's */
		const char *value = getenv("BIG");
		size_t n = 0;

		while (value && value[n] == 'x')
			n++;
		return !value || n != 3000 || value[n];
	}
	if (strcmp(what, "cwd") == 0 && argc == 3) {     /* DIR cwd */
		GetCurrentDirectoryA(sizeof(buf), buf);
		return strcmp(buf, argv[1]) != 0;
	}
	if (strcmp(what, "spawn") == 0 && argc == 3)     /* NAME spawn: NAME exit7's code */
		return (int)run(NULL, strcat(strcpy(buf, argv[1]), " exit7"), NULL, NULL);
	return 100;
}

static void variables(void)
{
	char buf[64], *block;
	DWORD n;

	n = GetEnvironmentVariableA("path", buf, sizeof(buf));
	CHECK(n == 6 && strcmp(buf, "C:\\BIN") == 0, "the default PATH: %lu %s", n, buf);
	CHECK(GetEnvironmentVariableA("COMSPEC", NULL, 0) == sizeof("C:\\BIN\\shell.exe"),
	      "COMSPEC's size");
	CHECK(GetEnvironmentVariableA("PATH", buf, 6) == 7, "a buffer one short: the size");
	CHECK(GetEnvironmentVariableA("PATH", buf, 7) == 6, "an exact buffer: the length");
	SetLastError(0);
	CHECK(GetEnvironmentVariableA("NOSUCH", buf, sizeof(buf)) == 0 &&
	      GetLastError() == ERROR_ENVVAR_NOT_FOUND, "missing: %lu", GetLastError());
	CHECK(GetEnvironmentVariableA("PATH", (LPSTR)16, 64) == 0 &&
	      GetLastError() == ERROR_NOACCESS, "a bad buffer: %lu", GetLastError());
	CHECK(GetEnvironmentVariableA((LPCSTR)16, buf, 64) == 0 &&
	      GetLastError() == ERROR_NOACCESS, "a bad name: %lu", GetLastError());

	CHECK(!SetEnvironmentVariableA("A=B", "x") && GetLastError() == ERROR_INVALID_PARAMETER,
	      "a name with '=': %lu", GetLastError());
	CHECK(!SetEnvironmentVariableA("", "x") && GetLastError() == ERROR_INVALID_PARAMETER,
	      "an empty name: %lu", GetLastError());
	CHECK(!SetEnvironmentVariableA("X", (LPCSTR)16) && GetLastError() == ERROR_NOACCESS,
	      "a bad value: %lu", GetLastError());
	CHECK(SetEnvironmentVariableA("=C:", "C:\\"), "a name starting with '='");
	CHECK(SetEnvironmentVariableA("Greeting", "hello world"), "set");
	CHECK(GetEnvironmentVariableA("GREETING", buf, sizeof(buf)) == 11 &&
	      strcmp(buf, "hello world") == 0, "any case: %s", buf);
	CHECK(getenv("greeting") && strcmp(getenv("greeting"), "hello world") == 0, "getenv");
	n = ExpandEnvironmentStringsA("%GREETING%, 100% %NOPE%", buf, sizeof(buf));
	CHECK(n == sizeof("hello world, 100% %NOPE%") &&
	      strcmp(buf, "hello world, 100% %NOPE%") == 0, "expanded: %lu %s", n, buf);
	CHECK(ExpandEnvironmentStringsA("%GREETING%", buf, 4) == 12, "a short buffer: the size");
	block = GetEnvironmentStringsA();
	n = 0;
	for (char *p = block; *p; p += strlen(p) + 1)
		n += strcmp(p, "Greeting=hello world") == 0 || strcmp(p, "PATH=C:\\BIN") == 0;
	CHECK(n == 2, "GetEnvironmentStringsA lists them: %lu", n);
	CHECK(FreeEnvironmentStringsA(block), "FreeEnvironmentStringsA");
	CHECK(SetEnvironmentVariableA("greeting", NULL), "delete");
	CHECK(GetEnvironmentVariableA("Greeting", buf, sizeof(buf)) == 0 &&
	      GetLastError() == ERROR_ENVVAR_NOT_FOUND && !getenv("Greeting"), "deleted");
	CHECK(SetEnvironmentVariableA("greeting", NULL), "deleting a missing one succeeds");
}

/* C:\TOOLS\pathprog.exe and sib.exe, "C:\Program Files\Env Test\child prog.exe":
 * copies of this program. */
static void install(const char *self)
{
	CHECK(CreateDirectoryA("C:\\TOOLS", NULL) && CreateDirectoryA("C:\\Program Files", NULL) &&
	      CreateDirectoryA("C:\\Program Files\\Env Test", NULL), "mkdir: %lu", GetLastError());
	CHECK(CopyFileA(self, "C:\\TOOLS\\pathprog.exe", FALSE) &&
	      CopyFileA(self, "C:\\TOOLS\\sib.exe", FALSE) &&
	      CopyFileA(self, "C:\\Program Files\\Env Test\\child prog.exe", FALSE),
	      "copy: %lu", GetLastError());
}

static void children(void)
{
	static char only[] = "ONLY=1\0X=2\0";
	DWORD code;

	CHECK(run(NULL, "pathprog exit7", NULL, NULL) == NO_START + ERROR_FILE_NOT_FOUND,
	      "not on PATH yet");
	SetEnvironmentVariableA("PATH", "C:\\NOWHERE;;C:\\TOOLS");
	SetEnvironmentVariableA("Inherited", "yes");
	CHECK((code = run(NULL, "pathprog exit7", NULL, NULL)) == 7, "through PATH: %lu", code);
	CHECK((code = run(NULL, "pathprog INHERITED yes expect", NULL, NULL)) == 0,
	      "the environment inherited: %lu", code);
	CHECK((code = run(NULL, "\"C:\\Program Files\\Env Test\\child prog.exe\" exit7", NULL,
			  NULL)) == 7, "a quoted path with spaces: %lu", code);
	CHECK((code = run(NULL, "C:\\Program Files\\Env Test\\child prog.exe exit7", NULL,
			  NULL)) == 7, "an unquoted one, word by word: %lu", code);
	code = run(NULL, "\"C:\\Program Files\\Env Test\\child prog.exe\" \"a b\" a\\\\\\\"b "
		   "\"c\"\"d\" e\\f \"\" argv", NULL, NULL);
	CHECK(code == 5, "argv: %lu arguments", code);
	CHECK((code = run(NULL, "pathprog ONLY 1 expect", only, NULL)) == 0,
	      "lpEnvironment: %lu", code);
	CHECK((code = run(NULL, "pathprog PATH - expect", only, NULL)) == 0,
	      "lpEnvironment replaces everything: %lu", code);
	/* A block too big for the child's first stack page gets its own allocation. */
	static char big[4 + 3000 + 2] = "BIG=";
	memset(big + 4, 'x', 3000);
	CHECK((code = run(NULL, "pathprog big", big, NULL)) == 0, "a 3 KB block: %lu", code);
	CHECK((code = run(NULL, "pathprog C:\\TOOLS cwd", NULL, "C:\\TOOLS\\")) == 0,
	      "lpCurrentDirectory: %lu", code);
	/* The child, in C:\TOOLS, finds sib.exe in its own directory, though
	 * neither its current directory nor its PATH (it has none) lead there. */
	CHECK((code = run(NULL, "pathprog sib spawn", only, "C:\\")) == 7,
	      "the program's directory first: %lu", code);
	CHECK((code = run("C:\\TOOLS\\pathprog.exe", "anything exit7", NULL, NULL)) == 7,
	      "lpApplicationName: %lu", code);
	CHECK((code = run("C:\\TOOLS\\pathprog", "anything exit7", NULL, NULL)) ==
	      NO_START + ERROR_FILE_NOT_FOUND, "lpApplicationName gets no .exe: %lu", code);
}

static void refusals(void)
{
	DWORD code;

	CHECK((code = run(NULL, "pathprog exit7", NULL, "C:\\NOPE")) ==
	      NO_START + ERROR_DIRECTORY, "a missing directory: %lu", code);
	CHECK((code = run(NULL, "pathprog exit7", NULL, "C:\\TOOLS\\sib.exe")) ==
	      NO_START + ERROR_DIRECTORY, "a file as the directory: %lu", code);
	CHECK((code = run(NULL, "pathprog exit7", NULL, (const char *)16)) ==
	      NO_START + ERROR_NOACCESS, "a bad directory pointer: %lu", code);
	CHECK((code = run(NULL, "pathprog exit7", (void *)16, NULL)) ==
	      NO_START + ERROR_NOACCESS, "a bad environment pointer: %lu", code);
	CHECK((code = run(NULL, "no-such-program exit7", NULL, NULL)) ==
	      NO_START + ERROR_FILE_NOT_FOUND, "a missing program: %lu", code);
}

int main(int argc, char **argv)
{
	if (argc > 1)
		return child(argc, argv);
	variables();
	install("C:\\BIN\\env-path.exe");
	children();
	refusals();
	printf("env-path: %d failures\n", failures);
	return failures != 0;
}
