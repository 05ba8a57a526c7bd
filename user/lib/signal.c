/* signal and raise (<signal.h>): a handler table per process, Microsoft's
 * rules (one-shot handlers, SIG_DFL ending the process with status 3). */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include "crt_thread.h"

static _crt_signal_t handlers[NSIG];

static int known(int sig)
{
	return sig == SIGINT || sig == SIGILL || sig == SIGFPE || sig == SIGSEGV ||
	       sig == SIGTERM || sig == SIGBREAK || sig == SIGABRT || sig == SIGABRT_COMPAT;
}

static int slot(int sig)
{
	return sig == SIGABRT_COMPAT ? SIGABRT : sig;
}

_crt_signal_t signal(int sig, _crt_signal_t handler)
{
	if (!known(sig) || handler == SIG_GET || handler == SIG_SGE || handler == SIG_ACK) {
		errno = EINVAL;
		return SIG_ERR;
	}
	return (_crt_signal_t)InterlockedExchangePointer((PVOID volatile *)&handlers[slot(sig)],
							 (PVOID)handler);
}

int raise(int sig)
{
	_crt_signal_t h;

	if (!known(sig))
		return crt_invalid_parameter(), -1;
	h = (_crt_signal_t)InterlockedExchangePointer((PVOID volatile *)&handlers[slot(sig)],
						      (PVOID)SIG_DFL);
	if (h == SIG_IGN) {
		handlers[slot(sig)] = SIG_IGN;
		return 0;
	}
	if (h == SIG_DFL)
		_exit(3);
	h(sig);
	return 0;
}
