/* The command interpreter from the C runtime: system, _popen and _pclose
 * (and their wide forms). As Microsoft's, they run "%COMSPEC% /c command"
 * (COMSPEC unset or naming no file: the interpreter found by name, vados's
 * shell, a boot module or C:\BIN\shell.exe, where Windows takes cmd.exe); the shell's /c runs one command line and exits
 * with its status. The child gets the caller's standard handles, or with
 * _popen one end of a pipe in place of its input or output. */
#include <errno.h>
#include <fcntl.h>
#include <io.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "crt_thread.h"
#include "wide_arg.h"

#define INTERPRETER_NAME "shell"      /* unquoted: a boot module's name matches too */
#define COMMAND_LINE_MAX 32767          /* CreateProcess's limit, its NUL included */

/* The interpreter in path (MAX_PATH bytes): COMSPEC's value when it names
 * a file (TRUE, to be quoted), else the interpreter's name for
 * CreateProcess to search (FALSE), as Microsoft's falls back to cmd.exe. */
static BOOL interpreter(char *path)
{
	DWORD n = GetEnvironmentVariableA("COMSPEC", path, MAX_PATH), attr;

	attr = n > 0 && n < MAX_PATH ? GetFileAttributesA(path) : INVALID_FILE_ATTRIBUTES;
	if (attr != INVALID_FILE_ATTRIBUTES && !(attr & FILE_ATTRIBUTE_DIRECTORY))
		return TRUE;
	strcpy(path, INTERPRETER_NAME);
	return FALSE;
}

/* Starts the interpreter on command with the standard handles std[3]
 * (inherited); the process's handle, or NULL with errno set (E2BIG: the
 * line is too long, ENOMEM, else from the Win32 error: ENOENT, ENOEXEC). */
static HANDLE start_interpreter(const char *command, HANDLE std[3])
{
	STARTUPINFOA si = { .cb = sizeof(si), .dwFlags = STARTF_USESTDHANDLES,
			    .hStdInput = std[0], .hStdOutput = std[1], .hStdError = std[2] };
	PROCESS_INFORMATION pi;
	char path[MAX_PATH], *line;
	const char *quote = interpreter(path) ? "\"" : "";
	size_t size;
	BOOL ok;

	size = strlen(path) + strlen(command) + sizeof("\"\" /c ");
	if (size > COMMAND_LINE_MAX) {
		errno = E2BIG;
		return NULL;
	}
	if (!(line = malloc(size))) {
		errno = ENOMEM;
		return NULL;
	}
	snprintf(line, size, "%s%s%s /c %s", quote, path, quote, command);
	ok = CreateProcessA(NULL, line, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi);
	free(line);
	if (!ok) {
		crt_set_errno_from_win32(GetLastError());
		return NULL;
	}
	CloseHandle(pi.hThread);
	return pi.hProcess;
}

/* Waits for process to end and closes its handle: its exit code, or -1
 * with errno set. */
static int exit_status(HANDLE process)
{
	DWORD code = 0;
	BOOL ok = WaitForSingleObject(process, INFINITE) == WAIT_OBJECT_0 &&
		  GetExitCodeProcess(process, &code);

	if (!ok)
		crt_set_errno_from_win32(GetLastError());
	CloseHandle(process);
	return ok ? (int)code : -1;
}

int system(const char *command)
{
	HANDLE std[3], process;
	char path[MAX_PATH];

	for (int i = 0; i < 3; i++)
		std[i] = GetStdHandle(STD_INPUT_HANDLE - (DWORD)i);
	if (!command) {         /* COMSPEC names a file, or the shell starts by name */
		if (interpreter(path) || ((process = start_interpreter("exit 0", std)) &&
					  exit_status(process) == 0))
			return 1;
		errno = ENOENT;
		return 0;
	}
	process = start_interpreter(command, std);
	return process ? exit_status(process) : -1;
}

/* The streams _popen made and their interpreters, under a short spin. */
struct popen_child {
	FILE *stream;
	HANDLE process;
	struct popen_child *next;
};

static struct popen_child *children;
static volatile LONG children_busy;

static void lock_children(void)
{
	while (InterlockedExchange(&children_busy, 1))
		Sleep(0);
}

static void unlock_children(void)
{
	InterlockedExchange(&children_busy, 0);
}

/* The stream's mode for a _popen mode ("r" or "w", then at most one of
 * "t" and "b") in fmode (3 bytes); FALSE for another. */
static BOOL popen_mode(const char *mode, char *fmode)
{
	if ((mode[0] != 'r' && mode[0] != 'w') ||
	    (mode[1] && ((mode[1] != 't' && mode[1] != 'b') || mode[2])))
		return FALSE;
	fmode[0] = mode[0];
	fmode[1] = mode[1];     /* none: _fdopen takes _fmode's */
	fmode[2] = '\0';
	return TRUE;
}

/* The interpreter's end of a new pipe in *theirs (inheritable) and a
 * stream on ours (not); NULL with errno set. */
static FILE *pipe_stream(const char *fmode, HANDLE *theirs)
{
	SECURITY_ATTRIBUTES sa = { sizeof(sa), NULL, TRUE };
	HANDLE rd, wr, ours;
	BOOL reading = fmode[0] == 'r';
	int fd;
	FILE *f = NULL;

	if (!CreatePipe(&rd, &wr, &sa, 0)) {
		crt_set_errno_from_win32(GetLastError());
		return NULL;
	}
	ours = reading ? rd : wr;
	*theirs = reading ? wr : rd;
	SetHandleInformation(ours, HANDLE_FLAG_INHERIT, 0);
	/* No 't' or 'b': neither flag, so _fmode decides, as for _pipe. */
	fd = _open_osfhandle((intptr_t)ours, (reading ? _O_RDONLY : 0) |
				   (fmode[1] == 'b' ? _O_BINARY : fmode[1] == 't' ? _O_TEXT : 0));
	if (fd >= 0 && !(f = _fdopen(fd, fmode)))
		_close(fd);
	else if (fd < 0)
		CloseHandle(ours);
	if (!f)
		CloseHandle(*theirs);
	return f;
}

FILE *_popen(const char *command, const char *mode)
{
	struct popen_child *c;
	HANDLE std[3], theirs;
	char fmode[3];
	FILE *f;

	if (!command || !mode || !popen_mode(mode, fmode))
		return crt_invalid_parameter(), NULL;
	if (!(c = malloc(sizeof(*c)))) {
		errno = ENOMEM;
		return NULL;
	}
	if (!(f = pipe_stream(fmode, &theirs))) {
		free(c);
		return NULL;
	}
	for (int i = 0; i < 3; i++)
		std[i] = GetStdHandle(STD_INPUT_HANDLE - (DWORD)i);
	std[fmode[0] == 'r' ? 1 : 0] = theirs;
	c->process = start_interpreter(command, std);
	CloseHandle(theirs);
	if (!c->process) {
		int err = errno;
		fclose(f);
		free(c);
		errno = err;
		return NULL;
	}
	c->stream = f;
	lock_children();
	c->next = children;
	children = c;
	unlock_children();
	return f;
}

int _pclose(FILE *stream)
{
	struct popen_child **p, *c = NULL;
	HANDLE process;

	if (!stream)
		return crt_invalid_parameter(), -1;
	lock_children();
	for (p = &children; *p && (*p)->stream != stream; p = &(*p)->next)
		;
	if ((c = *p))
		*p = c->next;
	unlock_children();
	if (!c) {               /* no stream of _popen's */
		errno = EINVAL;
		return -1;
	}
	process = c->process;
	free(c);
	fclose(stream);         /* the interpreter sees its input end, or a broken pipe */
	return exit_status(process);
}

/* The wide forms: the command (and mode) in CP437, as the A calls take it;
 * one that does not convert: EINVAL. */
int _wsystem(const wchar_t *command)
{
	char *a;
	int r;

	if (!command)
		return system(NULL);
	if (!wide_arg(command, &a)) {
		errno = GetLastError() == ERROR_NOT_ENOUGH_MEMORY ? ENOMEM : EINVAL;
		return -1;
	}
	r = system(a);
	wide_free(a);
	return r;
}

FILE *_wpopen(const wchar_t *command, const wchar_t *mode)
{
	char *a = NULL, *m = NULL;
	FILE *f = NULL;

	if (!command || !mode)
		return crt_invalid_parameter(), NULL;
	if (wide_arg(command, &a) && wide_arg(mode, &m))
		f = _popen(a, m);
	else
		errno = EINVAL;
	wide_free(a);
	wide_free(m);
	return f;
}

FILE *popen(const char *command, const char *mode) __attribute__((alias("_popen")));
int pclose(FILE *stream) __attribute__((alias("_pclose")));
