/* <signal.h> as Microsoft's C runtime: signal and raise for its signal
 * numbers. A handler runs once (the signal returns to SIG_DFL first);
 * SIG_DFL ends the process with status 3, SIG_IGN ignores. Only raise (and
 * abort, which raises SIGABRT) delivers a signal here. */
#ifndef _SIGNAL_H
#define _SIGNAL_H

#include "vados/cdefs.h"

VADOS_BEGIN_DECLS

typedef int sig_atomic_t;
typedef void (*_crt_signal_t)(int);

#define SIGINT   2
#define SIGILL   4
#define SIGABRT_COMPAT 6
#define SIGFPE   8
#define SIGSEGV  11
#define SIGTERM  15
#define SIGBREAK 21
#define SIGABRT  22
#define NSIG     23

#define SIG_DFL ((_crt_signal_t)0)
#define SIG_IGN ((_crt_signal_t)1)
#define SIG_GET ((_crt_signal_t)2)
#define SIG_SGE ((_crt_signal_t)3)
#define SIG_ACK ((_crt_signal_t)4)
#define SIG_ERR ((_crt_signal_t)-1)

/* The previous handler, or SIG_ERR with errno = EINVAL for a number that is
 * not one of the above. */
_crt_signal_t signal(int sig, _crt_signal_t handler);
/* 0, or nonzero for an unknown number (the invalid-parameter handler). */
int raise(int sig);

VADOS_END_DECLS

#endif
