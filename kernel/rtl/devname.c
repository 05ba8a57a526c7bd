/* Win32 device names (kernel/rtl/devname.h). */
#include "kernel/rtl/devname.h"

static const struct {
	const char *name;
	enum rtl_device device;
} devices[] = {
	{ "NUL", RTL_DEVICE_NUL },
	{ "CON", RTL_DEVICE_CON },
	{ "CONIN$", RTL_DEVICE_CONIN },
	{ "CONOUT$", RTL_DEVICE_CONOUT },
};

/* The device whose name s[0, n) is, any case. */
static enum rtl_device device_of(const char *s, size_t n)
{
	for (size_t i = 0; i < sizeof(devices) / sizeof(devices[0]); i++) {
		const char *d = devices[i].name;
		size_t k = 0;

		while (k < n && d[k] && (s[k] == d[k] || (s[k] ^ 0x20) == d[k]))
			k++;
		if (k == n && !d[k])
			return devices[i].device;
	}
	return RTL_DEVICE_NONE;
}

static int is_separator(char c)
{
	return c == '\\' || c == '/';
}

enum rtl_device rtl_device_name(const char *path, size_t *at, size_t *len)
{
	size_t n = 0, start = 0, end;
	enum rtl_device d;
	int space;

	while (path[n])
		n++;
	end = n;
	space = n > 4 && path[0] == '\\' && path[1] == '\\' &&
		(path[2] == '.' || path[2] == '?') && path[3] == '\\';
	if (space) {
		start = 4;              /* the device namespace: the exact name */
	} else {
		for (size_t i = 0; i < n; i++)
			if (is_separator(path[i]) || (i == 1 && path[1] == ':'))
				start = i + 1;
		while (end > start && (path[end - 1] == '.' || path[end - 1] == ' '))
			end--;
	}
	d = device_of(path + start, end - start);
	if (d != RTL_DEVICE_NUL && start && !space)
		d = RTL_DEVICE_NONE;    /* only NUL is a device in a directory */
	if (!space && is_separator(path[0]) && is_separator(path[1]))
		d = RTL_DEVICE_NONE;    /* a UNC name's last component is a file's */
	*at = start;
	*len = end - start;
	return d;
}
