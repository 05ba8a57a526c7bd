/* Device objects: what CreateFile opens for a Win32 device name
 * (kernel/rtl/devname.h) that is no file of a volume: the null device and
 * the console's input buffer and screen buffer. NT opens a File object on
 * the device's driver (\Device\Null, the console driver); vados has no
 * drivers for them, so the handle's object is the Device itself: held,
 * inherited, duplicated and closed like any object. The null device's
 * reads and writes are done here (kernel/sys/sys_device.c); the console
 * lives in ring 3 (user/lib/console_*.c), which asks the kernel only what
 * a handle is. */
#ifndef KERNEL_IO_DEVICE_H
#define KERNEL_IO_DEVICE_H

#include <stdint.h>
#include "kernel/ke/dispatcher.h"
#include "kernel/ob/ob.h"

/* Which device (Windows' names; the ABI's VADOS_DEVICE_* values). */
enum io_device_kind { IO_DEVICE_NUL = 1, IO_DEVICE_CONIN, IO_DEVICE_CONOUT };

struct io_device {
	enum io_device_kind kind;
	uint64_t position;      /* the file position SetFilePointer moves (NUL's) */
	/* NT's file object event, which a wait on the handle waits for: always
	 * signaled, no request ever pending. The console's input buffer has
	 * none here (its input is ring 3's, which the kernel cannot signal):
	 * a wait on a CONIN$ handle fails. */
	struct dispatcher_header event;
};

extern struct ob_type device_type;

/* Registers the Device type (once, at boot). */
void device_init(void);
/* A new device object of kind, one reference; NULL when the pool is
 * exhausted. */
struct io_device *device_create(enum io_device_kind kind);

#endif
