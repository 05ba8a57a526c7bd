/* The vados shell: runs programs and looks after processes from the serial
 * console. Type "help" for the commands. "shell /c COMMAND LINE" runs one
 * command line and exits with its status, as cmd.exe /c does (the C
 * runtime's system and _popen start it so). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include "vados/calls.h"
#include "shell/shell.h"

#define LINE_MAX  200
#define COMMAND_MAX 8191        /* a command line expanded: cmd.exe's limit */
#define WORDS_MAX 16
#define STATUS_NOT_FOUND 9009   /* cmd.exe's exit code for a command it cannot find */

/* Set by /c: programs get the shell's standard handles, and their exit
 * code is the shell's. */
static BOOL one_shot;
static DWORD last_status;

/* The next typed byte; bytes read past a line stay here for the next one. */
static char next_key(void)
{
	static char buf[64];
	static uint32_t pos, len;

	while (pos == len) {
		uint32_t args[2] = { (uint32_t)buf, sizeof(buf) };
		len = vados_syscall(SYS_READ_CONSOLE, args).value;
		pos = 0;
	}
	return buf[pos++];
}

/* Reads one line with echo; backspace and delete erase. */
static void read_line(char *line)
{
	size_t len = 0;

	for (;;) {
		char c = next_key();
		if (c == '\n') {
			printf("\n");
			line[len] = '\0';
			return;
		}
		if ((c == '\b' || c == 0x7f) && len > 0) {
			len--;
			printf("\b \b");
		} else if (c >= ' ' && c < 0x7f && len < LINE_MAX - 1) {
			line[len++] = c;
			printf("%c", c);
		}
	}
}

static void cmd_help(void)
{
	printf("commands:\n"
	       "  run PROGRAM [ARGS]   run a program and wait for it (or just: PROGRAM [ARGS])\n"
	       "  run -restricted PROGRAM [ARGS]\n"
	       "                       run it with a token that holds no privilege\n"
	       "  ... &                leave it running in the background\n"
	       "  ps                   list processes and their handle and thread counts\n"
	       "  threads [PID]        list a process's threads (all threads without PID)\n"
	       "  handles PID          list a process's handles: value, type, access, name\n"
	       "  kill PID             terminate a process\n"
	       "  walk PID             list the regions of a process's address space\n"
	       "  mem                  physical memory in use, the commit charge, swap, the file cache\n"
	       "  dir [PATTERN]        list a directory (default: the current one)\n"
	       "  type FILE            print a file\n"
	       "  copy FROM TO, ren FROM TO, del FILE, mkdir DIR, rmdir DIR\n"
	       "  cd [DIR]             change (or show) the current directory\n"
	       "  set [PREFIX]         list the environment variables (those starting with PREFIX)\n"
	       "  set NAME=[VALUE]     set a variable (no value: delete it); %%NAME%% expands anywhere\n"
	       "  help                 this list\n"
	       "  exit, shutdown       power off (enables SeShutdownPrivilege first)\n");
}

/* A copy of the shell's token without any privilege (CreateRestrictedToken
 * with DISABLE_MAX_PRIVILEGE), or NULL with the last error set. */
static HANDLE restricted_token(void)
{
	HANDLE mine, restricted = NULL;

	if (!OpenProcessToken(GetCurrentProcess(), TOKEN_DUPLICATE, &mine))
		return NULL;
	if (!CreateRestrictedToken(mine, DISABLE_MAX_PRIVILEGE, 0, NULL, 0, NULL, 0, NULL,
				   &restricted))
		restricted = NULL;
	CloseHandle(mine);
	return restricted;
}

/* Runs cmdline and waits for it; a trailing "&" leaves it in the background.
 * With token, the child gets a copy of it (CreateProcessAsUser), else of the
 * shell's. */
static void cmd_run(char *cmdline, HANDLE token)
{
	STARTUPINFOA si = { .cb = sizeof(si), .dwFlags = STARTF_USESTDHANDLES,
			    .hStdInput = GetStdHandle(STD_INPUT_HANDLE),
			    .hStdOutput = GetStdHandle(STD_OUTPUT_HANDLE),
			    .hStdError = GetStdHandle(STD_ERROR_HANDLE) };
	PROCESS_INFORMATION pi;
	DWORD status = 0;
	size_t len = strlen(cmdline);
	BOOL background = len > 0 && cmdline[len - 1] == '&';

	if (background)
		for (cmdline[--len] = '\0'; len > 0 && cmdline[len - 1] == ' ';)
			cmdline[--len] = '\0';
	if (!CreateProcessAsUserA(token, NULL, cmdline, NULL, NULL, one_shot, 0, NULL, NULL,
				  one_shot ? &si : NULL, &pi)) {
		DWORD err = GetLastError();
		fprintf(stderr, "shell: %s: %s (error %lu)\n", cmdline,
			err == ERROR_FILE_NOT_FOUND ? "no such program" : "cannot start", err);
		last_status = err == ERROR_FILE_NOT_FOUND ? STATUS_NOT_FOUND : 1;
		return;
	}
	CloseHandle(pi.hThread);
	if (background) {
		CloseHandle(pi.hProcess);
		printf("[pid %lu started]\n", pi.dwProcessId);
		return;
	}
	WaitForSingleObject(pi.hProcess, INFINITE);
	GetExitCodeProcess(pi.hProcess, &status);
	CloseHandle(pi.hProcess);
	last_status = status;
	if (!one_shot)
		printf("[pid %lu exited with status 0x%lx]\n", pi.dwProcessId, status);
}

/* run [-restricted] PROGRAM [ARGS] */
static void cmd_run_command(char *arg)
{
	HANDLE token = NULL;

	if (arg && strncmp(arg, "-restricted", 11) == 0 && (arg[11] == ' ' || !arg[11])) {
		for (arg += 11; *arg == ' '; arg++)
			;
		if (!*arg)
			arg = NULL;
		else if (!(token = restricted_token())) {
			printf("run: no restricted token (error %lu)\n", GetLastError());
			return;
		}
	}
	if (arg)
		cmd_run(arg, token);
	else
		printf("run: usage: run [-restricted] PROGRAM [ARGS]\n");
	if (token)
		CloseHandle(token);
}

/* Enables SeShutdownPrivilege in the shell's token, as a Windows program
 * must before ExitWindowsEx, and powers off; a shell without the privilege
 * (started with run -restricted) says so. */
static void cmd_shutdown(void)
{
	TOKEN_PRIVILEGES tp = { 1, { { { 0, 0 }, SE_PRIVILEGE_ENABLED } } };
	HANDLE token;
	BOOL enabled;

	if (!LookupPrivilegeValueA(NULL, SE_SHUTDOWN_NAME, &tp.Privileges[0].Luid) ||
	    !OpenProcessToken(GetCurrentProcess(), TOKEN_ADJUST_PRIVILEGES, &token)) {
		printf("shutdown: error %lu\n", GetLastError());
		return;
	}
	enabled = AdjustTokenPrivileges(token, FALSE, &tp, 0, NULL, NULL) &&
		  GetLastError() == ERROR_SUCCESS;
	CloseHandle(token);
	if (enabled)
		printf("shell: powering off\n");
	ExitWindowsEx(EWX_POWEROFF, 0);
	printf("shutdown: error %lu (the shell's token does not hold %s)\n", GetLastError(),
	       SE_SHUTDOWN_NAME);
}

/* Runs the walker on process PID and waits for it. */
static void cmd_walk(const char *arg)
{
	char cmdline[32];
	unsigned long pid = parse_pid("walk", "PID", arg);

	if (!pid)
		return;
	snprintf(cmdline, sizeof(cmdline), "walker %lu", pid);
	cmd_run(cmdline, NULL);
}

/* dir [PATTERN]: a directory's entries, as cmd.exe lists them. */
static void cmd_dir(const char *arg)
{
	char pattern[MAX_PATH];
	WIN32_FIND_DATAA fd;
	ULARGE_INTEGER free_bytes;
	unsigned long files = 0, dirs = 0, bytes = 0;
	DWORD attr = arg ? GetFileAttributesA(arg) : FILE_ATTRIBUTE_DIRECTORY;
	HANDLE h;

	snprintf(pattern, sizeof(pattern), "%s%s", arg ? arg : "*",
		 arg && attr != INVALID_FILE_ATTRIBUTES && (attr & FILE_ATTRIBUTE_DIRECTORY)
		 ? "\\*" : "");
	if ((h = FindFirstFileA(pattern, &fd)) == INVALID_HANDLE_VALUE) {
		printf("dir: %s: error %lu\n", pattern, GetLastError());
		return;
	}
	do {
		SYSTEMTIME t;
		BOOL dir = fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY;

		FileTimeToSystemTime(&fd.ftLastWriteTime, &t);
		printf("%04u-%02u-%02u %02u:%02u  %s %10lu  %s\n", t.wYear, t.wMonth, t.wDay,
		       t.wHour, t.wMinute, dir ? "<DIR>" : "     ", dir ? 0 : fd.nFileSizeLow,
		       fd.cFileName);
		dirs += dir != 0;
		files += dir == 0;
		bytes += dir ? 0 : fd.nFileSizeLow;
	} while (FindNextFileA(h, &fd));
	FindClose(h);
	printf("%lu file(s), %lu bytes; %lu dir(s)", files, bytes, dirs);
	if (GetDiskFreeSpaceExA(NULL, &free_bytes, NULL, NULL))
		printf(", %llu bytes free", free_bytes.QuadPart);
	printf("\n");
}

/* type FILE: its bytes on the console. */
static void cmd_type(const char *arg)
{
	char buf[512];
	DWORD n;
	HANDLE h = CreateFileA(arg, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);

	if (h == INVALID_HANDLE_VALUE) {
		printf("type: %s: error %lu\n", arg, GetLastError());
		return;
	}
	while (ReadFile(h, buf, sizeof(buf), &n, NULL) && n)
		WriteFile(GetStdHandle(STD_OUTPUT_HANDLE), buf, n, &n, NULL);
	CloseHandle(h);
}

/* cd [DIR]: shows or changes the current directory. */
static void cmd_cd(const char *arg)
{
	char cwd[MAX_PATH];

	if (arg && !SetCurrentDirectoryA(arg))
		printf("cd: %s: error %lu\n", arg, GetLastError());
	else if (!arg && GetCurrentDirectoryA(sizeof(cwd), cwd))
		printf("%s\n", cwd);
}

static char upper(char c)
{
	return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

/* Whether entry's name ("NAME=value") starts with prefix, case aside. */
static BOOL name_starts_with(const char *entry, const char *prefix)
{
	for (; *prefix; prefix++, entry++)
		if (upper(*entry) != upper(*prefix) || *entry == '=')
			return FALSE;
	return TRUE;
}

/* set [PREFIX] lists the variables (those whose names start with PREFIX),
 * as cmd.exe does, hiding the "=C:" kind; set NAME=VALUE sets one, and
 * set NAME= deletes it. */
static void cmd_set(const char *arg)
{
	const char *eq = arg ? strchr(arg + 1, '=') : NULL;
	char name[COMMAND_MAX], *block;
	BOOL any = FALSE;

	if (eq) {
		memcpy(name, arg, (size_t)(eq - arg));
		name[eq - arg] = '\0';
		if (!SetEnvironmentVariableA(name, eq[1] ? eq + 1 : NULL))
			printf("set: %s: error %lu\n", name, GetLastError());
		return;
	}
	if (!(block = GetEnvironmentStringsA())) {
		printf("set: error %lu\n", GetLastError());
		return;
	}
	for (const char *p = block; *p; p += strlen(p) + 1)
		if (*p != '=' && (!arg || name_starts_with(p, arg))) {
			printf("%s\n", p);
			any = TRUE;
		}
	FreeEnvironmentStringsA(block);
	if (arg && !any)
		printf("Environment variable %s not defined\n", arg);
}

/* The commands of one or two path arguments: copy, ren, del, mkdir, rmdir. */
static void cmd_paths(const char *word, char *arg)
{
	char *second = arg ? strchr(arg, ' ') : NULL;
	BOOL two = strcmp(word, "copy") == 0 || strcmp(word, "ren") == 0, ok;

	if (second)
		for (*second++ = '\0'; *second == ' '; second++)
			;
	if (!arg || (two && (!second || !*second)) || (!two && second)) {
		printf("%s: usage: %s %s\n", word, word, two ? "FROM TO" : "NAME");
		return;
	}
	if (strcmp(word, "copy") == 0)
		ok = CopyFileA(arg, second, FALSE);
	else if (strcmp(word, "ren") == 0)
		ok = MoveFileA(arg, second);
	else if (strcmp(word, "del") == 0)
		ok = DeleteFileA(arg);
	else if (strcmp(word, "mkdir") == 0)
		ok = CreateDirectoryA(arg, NULL);
	else
		ok = RemoveDirectoryA(arg);
	if (!ok)
		printf("%s: %s: error %lu\n", word, arg, GetLastError());
}

/* Runs one command line, its %NAME%s expanded; the first word is the
 * command. */
static void execute(const char *typed)
{
	char line[COMMAND_MAX], *rest, *word = line, *arg;

	if (ExpandEnvironmentStringsA(typed, line, sizeof(line)) > sizeof(line)) {
		printf("shell: the line is too long once expanded\n");
		last_status = 1;        /* what /c reports */
		return;
	}

	while (*word == ' ')
		word++;
	if (!*word)
		return;
	rest = strchr(word, ' ');
	arg = rest;
	if (rest) {
		*rest = '\0';
		for (arg = rest + 1; *arg == ' '; arg++)
			;
		if (!*arg)
			arg = NULL;
	}
	if (strcmp(word, "help") == 0) {
		cmd_help();
	} else if (strcmp(word, "ps") == 0) {
		cmd_ps();
	} else if (strcmp(word, "threads") == 0) {
		cmd_threads(arg);
	} else if (strcmp(word, "handles") == 0) {
		cmd_handles(arg);
	} else if (strcmp(word, "kill") == 0) {
		cmd_kill(arg);
	} else if (strcmp(word, "walk") == 0) {
		cmd_walk(arg);
	} else if (strcmp(word, "mem") == 0) {
		cmd_mem();
	} else if (one_shot && strcmp(word, "exit") == 0) {
		last_status = arg ? strtoul(arg, NULL, 10) : 0;  /* cmd /c's exit N */
	} else if (strcmp(word, "exit") == 0 || strcmp(word, "shutdown") == 0) {
		cmd_shutdown();
	} else if (strcmp(word, "run") == 0) {
		cmd_run_command(arg);
	} else if (strcmp(word, "dir") == 0) {
		cmd_dir(arg);
	} else if (strcmp(word, "type") == 0 && arg) {
		cmd_type(arg);
	} else if (strcmp(word, "cd") == 0) {
		cmd_cd(arg);
	} else if (strcmp(word, "set") == 0) {
		cmd_set(arg);
	} else if (strcmp(word, "copy") == 0 || strcmp(word, "ren") == 0 ||
		   strcmp(word, "del") == 0 || strcmp(word, "mkdir") == 0 ||
		   strcmp(word, "rmdir") == 0) {
		cmd_paths(word, arg);
	} else {
		if (rest)
			*rest = ' ';
		cmd_run(word, NULL);
	}
}

/* The command line after "/c" in the shell's own, or NULL without one:
 * past the program's name (quoted or up to a blank) and blanks, "/c" or
 * "/C" alone, then the rest of the line as it is. */
static char *one_command(void)
{
	char *p = GetCommandLineA();

	if (*p == '"')
		p = strchr(p + 1, '"') ? strchr(p + 1, '"') + 1 : p + strlen(p);
	while (*p && *p != ' ' && *p != '\t')
		p++;
	while (*p == ' ' || *p == '\t')
		p++;
	if (p[0] != '/' || (p[1] != 'c' && p[1] != 'C') || (p[2] && p[2] != ' ' && p[2] != '\t'))
		return NULL;
	for (p += 2; *p == ' ' || *p == '\t';)
		p++;
	return p;
}

int main(void)
{
	char line[LINE_MAX], *command = one_command();

	if (command) {
		one_shot = TRUE;
		execute(command);
		return (int)last_status;
	}

	printf("vados shell. Type \"help\" for the commands.\n");
	for (;;) {
		printf("vados> ");
		read_line(line);
		execute(line);
	}
}
