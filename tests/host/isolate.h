/* Test cases that run in a forked child, for inputs that may crash the code
 * under test: a sanitizer abort or a signal would otherwise end the whole
 * binary and hide every later case. The child's first failed check comes back
 * through a pipe; a crash becomes the case's failure (the sanitizer report
 * stays on stderr).
 *
 *   ISOLATED_TEST(name) { ...CHECKs... }    then RUN(suite, name) as usual.
 *
 * Include after tests/host/check.h. */
#ifndef TESTS_HOST_ISOLATE_H
#define TESTS_HOST_ISOLATE_H

#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static inline void isolate_fail(const char *why, int code)
{
	snprintf(check_failure_buf, sizeof(check_failure_buf),
		 "%s %d (crashed; see the report on stderr)", why, code);
	check_failure = check_failure_buf;
}

static inline void isolate_run(void (*body)(void))
{
	size_t got = 0;
	ssize_t n;
	int fd[2], status;
	pid_t pid;

	fflush(stdout);
	fflush(stderr);
	if (pipe(fd) != 0 || (pid = fork()) < 0) {
		check_failure = "isolate: pipe or fork failed";
		return;
	}
	if (pid == 0) {
		close(fd[0]);
		body();
		if (check_failure &&
		    write(fd[1], check_failure, strlen(check_failure)) < 0)
			_exit(3);
		_exit(0);
	}
	close(fd[1]);
	while (got < sizeof(check_failure_buf) - 1 &&
	       (n = read(fd[0], check_failure_buf + got,
			 sizeof(check_failure_buf) - 1 - got)) > 0)
		got += (size_t)n;
	close(fd[0]);
	check_failure_buf[got] = '\0';
	if (waitpid(pid, &status, 0) != pid) {
		check_failure = "isolate: waitpid failed";
	} else if (got) {
		check_failure = check_failure_buf;
	} else if (WIFSIGNALED(status)) {
		isolate_fail("killed by signal", WTERMSIG(status));
	} else if (WEXITSTATUS(status) != 0) {
		isolate_fail("exited with status", WEXITSTATUS(status));
	}
}

#define ISOLATED_TEST(name)                                                   \
	static void isolated_##name(void);                                    \
	TEST(name) { isolate_run(isolated_##name); }                          \
	static void isolated_##name(void)

#endif
