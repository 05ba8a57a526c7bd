/* The thread pool's I/O completion objects (vados/winpool.h): a TP_IO
 * binds its file to the process's one pool port under its own address as
 * the key; a dispatcher thread takes the port's packets and queues each to
 * its object's pool as one callback with the packet's OVERLAPPED, Win32
 * result and count (tpool.h's tp_result). StartThreadpoolIo counts an
 * I/O the object waits for before it may be freed; CancelThreadpoolIo
 * takes one back (the I/O failed at once, no packet comes). Packets of an
 * object freed already, or never made, are dropped. */
#include "user/lib/tpool.h"

static HANDLE io_port;                  /* made with the first TP_IO */
static struct tp_item *io_objects;      /* the live TP_IOs, by next_io */

static void invoke_io(struct tp_item *it, PTP_CALLBACK_INSTANCE inst, const struct tp_result *r)
{
	((PTP_WIN32_IO_CALLBACK)it->callback)(inst, it->context, r->overlapped, r->result,
					       r->bytes, (PTP_IO)it);
}

/* Whether key is a live TP_IO. */
static BOOL io_live_locked(ULONG_PTR key)
{
	for (struct tp_item *it = io_objects; it; it = it->next_io)
		if ((ULONG_PTR)it == key)
			return TRUE;
	return FALSE;
}

void tp_io_forget_locked(struct tp_item *it)
{
	struct tp_item **p = &io_objects;

	while (*p && *p != it)
		p = &(*p)->next_io;
	if (*p)
		*p = it->next_io;
}

/* The dispatcher: every packet becomes a callback of its object (run here
 * when there is no memory to queue it), until the port is closed. */
static DWORD WINAPI io_dispatcher(LPVOID port)
{
	for (;;) {
		struct tp_result r = { NULL, NO_ERROR, NULL, 0 };
		ULONG_PTR key = 0;
		DWORD bytes = 0;
		BOOL ok = GetQueuedCompletionStatus(port, &bytes, &key, &r.overlapped, INFINITE);

		r.result = ok ? NO_ERROR : GetLastError();
		r.bytes = bytes;
		if (!ok && !r.overlapped && r.result == ERROR_ABANDONED_WAIT_0)
			return 0;       /* the port is gone */
		if (!ok && !r.overlapped)
			continue;       /* no packet */
		AcquireSRWLockExclusive(&tp_lock);
		if (io_live_locked(key)) {
			struct tp_item *it = (struct tp_item *)key;

			if (it->io_started)
				it->io_started--;
			if (!tp_submit_result_locked(it, &r))
				tp_run_here_locked(it, &r);
		}
		ReleaseSRWLockExclusive(&tp_lock);
	}
}

/* The pool port, made with its dispatcher the first time; NULL with the
 * error when they cannot be. */
static HANDLE io_port_locked(void)
{
	HANDLE port, t;

	if (io_port)
		return io_port;
	if (!(port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0)))
		return NULL;
	if (!(t = CreateThread(NULL, 0, io_dispatcher, port, 0, NULL))) {
		DWORD error = GetLastError();

		CloseHandle(port);
		SetLastError(error);
		return NULL;
	}
	CloseHandle(t);
	return io_port = port;
}

/* fl is bound to the pool's port: a handle bound to a port already fails
 * (ERROR_INVALID_PARAMETER), as does a bad one (ERROR_INVALID_HANDLE). */
PTP_IO WINAPI CreateThreadpoolIo(HANDLE fl, PTP_WIN32_IO_CALLBACK pfnio, PVOID pv,
				 PTP_CALLBACK_ENVIRON pcbe)
{
	struct tp_item *it = tp_object_new(pcbe, invoke_io, pfnio, pv);
	HANDLE port;

	if (!it)
		return NULL;
	AcquireSRWLockExclusive(&tp_lock);
	port = io_port_locked();
	if (port && CreateIoCompletionPort(fl, port, (ULONG_PTR)it, 0)) {
		it->next_io = io_objects;
		io_objects = it;
		ReleaseSRWLockExclusive(&tp_lock);
		return (PTP_IO)it;
	}
	{
		DWORD error = GetLastError();

		tp_item_free_locked(it);
		ReleaseSRWLockExclusive(&tp_lock);
		SetLastError(error);
	}
	return NULL;
}

VOID WINAPI StartThreadpoolIo(PTP_IO pio)
{
	AcquireSRWLockExclusive(&tp_lock);
	((struct tp_item *)pio)->io_started++;
	ReleaseSRWLockExclusive(&tp_lock);
}

/* For an I/O that failed at once (no ERROR_IO_PENDING and no packet). */
VOID WINAPI CancelThreadpoolIo(PTP_IO pio)
{
	struct tp_item *it = (struct tp_item *)pio;

	AcquireSRWLockExclusive(&tp_lock);
	if (it->io_started)
		it->io_started--;
	tp_settle_locked(it);
	ReleaseSRWLockExclusive(&tp_lock);
}

VOID WINAPI WaitForThreadpoolIoCallbacks(PTP_IO pio, BOOL fCancelPendingCallbacks)
{
	tp_object_wait((struct tp_item *)pio, fCancelPendingCallbacks);
}

/* Freed once its started I/O has completed and its callbacks are done. */
VOID WINAPI CloseThreadpoolIo(PTP_IO pio)
{
	tp_object_close((struct tp_item *)pio);
}
