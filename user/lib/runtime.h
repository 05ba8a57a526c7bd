/* The runtime's own entry points between its files (not part of the SDK's
 * headers): start-up and the end of a process. */
#ifndef USER_LIB_RUNTIME_H
#define USER_LIB_RUNTIME_H

#include <stdbool.h>
#include <windows.h>
#include "vados/ntabi.h"

/* CreateFile of \\.\pipe\NAME: a client's end of the named pipe
 * (npipe_api.c), the last error 0; INVALID_HANDLE_VALUE with the error. */
HANDLE __vados_pipe_open(LPCSTR name, DWORD access, DWORD flags, BOOL inherit);

/* The Win32 error of a transfer's NTSTATUS, as an OVERLAPPED records it
 * (file_api.c; an unknown one: ERROR_GEN_FAILURE). */
DWORD __vados_io_error(DWORD status);
/* The NTSTATUS an OVERLAPPED's Internal gets for a Win32 error
 * (file_api.c), the reverse of __vados_io_error. */
DWORD __vados_io_status(DWORD error);
/* ReadFile's or WriteFile's work on a file for call nr (buffer and bytes
 * its arguments) with the OVERLAPPED ov (file_api.c). */
BOOL __vados_file_transfer(uint32_t nr, HANDLE hFile, LPCVOID buffer, DWORD bytes,
			   LPOVERLAPPED ov);

struct vados_file_info;
/* An open file's figures (SYS_QUERY_FILE; file_api.c), or with size_only
 * its size alone: false with the error (ERROR_INVALID_HANDLE, ...). */
/* Whether h is a console input (output: the screen buffer) handle, a
 * pseudo-handle or CreateFile's (user/lib/console_session.c); the last
 * error is kept. */
BOOL __vados_console_is(HANDLE h, BOOL output);
bool __vados_query_file(void *file, struct vados_file_info *info, bool size_only);
/* __vados_query_file for the attributes and times, which need the handle's
 * FILE_READ_ATTRIBUTES: without it, false with ERROR_ACCESS_DENIED. */
bool __vados_query_attributes(void *file, struct vados_file_info *info);

/* Registers the exception dispatcher with the kernel (exception.c). */
void __vados_exceptions_init(void);

/* Sets up the lock of the list of heaps (heap.c). */
void __vados_heap_init(void);

/* Keeps the command line for GetCommandLineA and main's arguments split
 * from it (cmdline.c); all three stay for the life of the process. */
void __vados_args_init(char *line, int argc, char **argv);

/* CreateProcess's start-up record (SYS_CREATE_PROCESS): the creator's
 * STARTUPINFOA with lpDesktop and lpTitle as offsets from the record's
 * start (0: NULL), those strings after it; sysnames.c reads it back. */
struct vados_startup {
	uint32_t size;                  /* the record's bytes, strings included */
	STARTUPINFOA info;
};

/* Keeps the start-up record the kernel placed (NULL: none) for
 * GetStartupInfo (sysnames.c). */
void __vados_startup_init(void *record);

/* Takes the environment block the kernel placed (environ.c). */
void __vados_env_init(char *block);

/* The program's name: argv[0]. */
const char *__vados_program_name(void);

/* Runs the atexit and __cxa_atexit functions, newest first, then the
 * .fini_array destructors (atexit.c); exit and ExitProcess call it once. */
void __vados_run_exit_handlers(void);

/* Frees the calling thread's TLS expansion block, as Windows' ExitThread
 * does (tls.c); the thread must call no Tls function afterwards. */
void __vados_tls_thread_exit(void);

/* Runs the FLS callbacks of a fiber's FLS block (NULL: none) for its
 * values and frees it (fls.c): DeleteFiber's; the thread-exit form does the
 * running fiber's, as ExitThread must. */
void __vados_fls_release(void *block);
void __vados_fls_thread_exit(void);

/* Takes an exception raised by a probing instruction of IsBadReadPtr and
 * friends: records it and moves the context past it (probe.c). */
bool __vados_probe_catch(const struct _EXCEPTION_RECORD *rec, struct _CONTEXT *ctx);

/* Runs the calling thread's queued user APCs, oldest first, until none is
 * left (apc_api.c): after an alertable wait returned WAIT_IO_COMPLETION,
 * and before a new thread's start routine (APCs queued before it ran). */
void __vados_run_apcs(void);

/* What an alertable wait's system call returned: WAIT_IO_COMPLETION runs
 * the APCs first (apc_api.c). */
unsigned long __vados_alerted(unsigned long status);

/* Whether the caller's token has the privilege name (SE_..._NAME) enabled
 * (token_api.c). */
bool __vados_privilege_enabled(const char *name);

#endif
