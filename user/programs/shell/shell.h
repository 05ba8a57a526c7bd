/* The shell's parts (user/programs/shell.c: the command loop, programs,
 * files and the environment; shell/inspect.c: processes and memory). */
#ifndef USER_PROGRAMS_SHELL_H
#define USER_PROGRAMS_SHELL_H

/* Reads a PID argument; 0 (after cmd's usage line, its arguments in
 * usage) if there is none. */
unsigned long parse_pid(const char *cmd, const char *usage, const char *arg);

/* ps: every process's PID, state, exit status, handle and thread counts,
 * name. */
void cmd_ps(void);
/* threads [PID]: the threads of process PID, or of every process. */
void cmd_threads(const char *arg);
/* handles PID: process PID's handles. */
void cmd_handles(const char *arg);
/* kill PID: terminates process PID. */
void cmd_kill(const char *arg);
/* mem: physical memory, the commit charge, swap and the file cache. */
void cmd_mem(void);

#endif
