/* The Device object type (kernel/io/device.h). */
#include "kernel/io/device.h"

static struct dispatcher_header *device_dispatcher(void *body)
{
	struct io_device *d = body;

	return d->kind == IO_DEVICE_CONIN ? NULL : &d->event;
}

/* A device's rights are a file's (FILE_GENERIC_* of kernel/io/file.h). */
struct ob_type device_type = {
	.name = "Device",
	.mapping = { 0x00120089u, 0x00120116u, 0x001200a0u, 0x001f01ffu },
	.valid_access = 0x001f01ffu,
	.dispatcher = device_dispatcher,
};

void device_init(void)
{
	ob_register_type(&device_type);
}

struct io_device *device_create(enum io_device_kind kind)
{
	struct io_device *d = ob_create(&device_type, sizeof(*d));

	if (d) {
		d->kind = kind;
		d->event.kind = DISPATCHER_NOTIFICATION;
		d->event.signal_state = 1;
	}
	return d;
}
