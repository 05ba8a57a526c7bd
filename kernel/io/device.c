/* The Device object type (kernel/io/device.h). */
#include "kernel/io/device.h"

/* A device's rights are a file's (FILE_GENERIC_* of kernel/io/file.h). */
struct ob_type device_type = {
	.name = "Device",
	.mapping = { 0x00120089u, 0x00120116u, 0x001200a0u, 0x001f01ffu },
	.valid_access = 0x001f01ffu,
};

void device_init(void)
{
	ob_register_type(&device_type);
}

struct io_device *device_create(enum io_device_kind kind)
{
	struct io_device *d = ob_create(&device_type, sizeof(*d));

	if (d)
		d->kind = kind;
	return d;
}
