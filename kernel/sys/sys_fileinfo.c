/* The calls on an open file as a whole and on volumes:
 * GetFileInformationByHandle(Ex)'s figures, GetFinalPathNameByHandle's
 * path, GetVolumeInformation's serial number and label, and
 * SetFileInformationByHandle's classes in Windows' layouts. kernel/io does
 * the work (kernel/io/info.c). */
#include "kernel/sys/syscalls.h"
#include "kernel/io/file.h"
#include "kernel/ps/process.h"
#include "kernel/rtl/codepage.h"
#include "kernel/rtl/path.h"
#include "kernel/rtl/string.h"
#include "kernel/rtl/time.h"
#include "arch/uaccess.h"
#include "mm/pool.h"
#include "user/include/vados/syscall.h"

#define FILE_ATTRIBUTE_NORMAL 0x80u

uint32_t sys_fat_time(uint64_t ft, struct fat_time *t, bool *given)
{
	struct rtl_time_fields fl;

	*given = !(ft == 0 || ft == ~0ull || ft == ~1ull);
	if (!*given)
		return ERROR_SUCCESS;
	if (!rtl_time_to_fields(ft, &fl) || fl.year < 1980 || fl.year > 2107)
		return ERROR_INVALID_PARAMETER;
	*t = (struct fat_time){ fl.year, fl.month, fl.day, fl.hour, fl.minute, fl.second,
				fl.milliseconds };
	return ERROR_SUCCESS;
}

/* (handle, struct vados_file_info *, size only): any File handle; the
 * attributes and times need FILE_READ_ATTRIBUTES. */
struct sysret sys_query_file(const uint32_t *a, struct trap_frame *f)
{
	struct vados_file_info d = { 0 };
	struct io_file_facts facts;
	struct io_file *file;
	uint32_t granted, err = sys_file_ref(a[0], 0, &file, &granted);

	(void)f;
	if (err)
		return (struct sysret){ err, 0 };
	if (a[2]) {
		err = file_query_size(file, &d.size_low);
		ob_dereference(file);
		return err ? (struct sysret){ err, 0 }
			   : sys_copy_out(a[1] + offsetof(struct vados_file_info, size_high),
					  &d.size_high, 2 * sizeof(d.size_high));
	}
	err = file_query_facts(file, &facts);
	ob_dereference(file);
	if (err)
		return (struct sysret){ err, 0 };
	d.readable = (granted & FILE_READ_ATTRIBUTES) != 0;
	if (d.readable) {
		d.attributes = facts.info.attributes ? facts.info.attributes
						     : FILE_ATTRIBUTE_NORMAL;
		sys_filetime_out(&facts.info.created, d.created);
		sys_filetime_out(&facts.info.accessed, d.accessed);
		sys_filetime_out(&facts.info.written, d.written);
	}
	d.serial = facts.serial;
	d.size_low = facts.info.size;
	d.links = 1;
	d.index_high = facts.id_high;
	d.index_low = facts.id_low;
	d.allocation_high = (unsigned int)(facts.allocation >> 32);
	d.allocation_low = (unsigned int)facts.allocation;
	d.delete_pending = facts.delete_pending;
	d.directory = (facts.info.attributes & FAT_ATTR_DIRECTORY) != 0;
	return sys_copy_out(a[1], &d, sizeof(d));
}

/* (handle, nt, buf, size) -> length, or the size needed with the
 * terminator; any File handle. */
struct sysret sys_query_file_path(const uint32_t *a, struct trap_frame *f)
{
	char path[RTL_MAX_PATH], device[RTL_MAX_PATH + 32];
	const char *out = path;
	struct io_file *file;
	uint32_t err = sys_file_ref(a[0], 0, &file, NULL);

	(void)f;
	if (err)
		return (struct sysret){ err, 0 };
	err = file_path(file, path);
	ob_dereference(file);
	if (err)
		return (struct sysret){ err, 0 };
	if (a[1]) {
		io_device_path(path, device, sizeof(device));
		out = device;
	}
	return sys_string_out(a[2], a[3], out);
}

/* (path or 0, handle when the path is 0, struct vados_volume_info *): a
 * path on no mounted volume ERROR_PATH_NOT_FOUND. */
struct sysret sys_query_volume(const uint32_t *a, struct trap_frame *f)
{
	struct vados_volume_info out = { 0 };
	struct io_volume *v = NULL;
	struct io_file *file;
	uint32_t err;
	char *full;

	(void)f;
	if (a[0] && (err = sys_path_in(a[0], &full)) == ERROR_SUCCESS) {
		v = io_volume(full[0]);
		kfree(full);
	} else if (!a[0] && (err = sys_file_ref(a[1], 0, &file, NULL)) == ERROR_SUCCESS) {
		v = file_volume(file);          /* mounted until shutdown */
		ob_dereference(file);
	}
	if (!err && !v)
		err = ERROR_PATH_NOT_FOUND;
	if (!err)
		err = io_volume_query(v, &out.serial, out.label);
	if (err)
		return (struct sysret){ err, 0 };
	return sys_copy_out(a[2], &out, sizeof(out));
}

/* SetFileInformationByHandle's classes (FILE_INFO_BY_HANDLE_CLASS) vados
 * takes: their structures' sizes and the right each needs. */
enum { FILE_BASIC_INFO_CLASS = 0, FILE_RENAME_INFO_CLASS = 3, FILE_DISPOSITION_INFO_CLASS = 4,
       FILE_ALLOCATION_INFO_CLASS = 5, FILE_END_OF_FILE_INFO_CLASS = 6 };
#define RENAME_NAME_AT 12u                                      /* FILE_RENAME_INFO.FileName */
static const struct {
	uint32_t size, right;
} set_classes[] = {
	[FILE_BASIC_INFO_CLASS] = { 40, FILE_WRITE_ATTRIBUTES },      /* FILE_BASIC_INFO */
	[FILE_RENAME_INFO_CLASS] = { 16, DELETE },                    /* FILE_RENAME_INFO */
	[FILE_DISPOSITION_INFO_CLASS] = { 1, DELETE },                /* FILE_DISPOSITION_INFO */
	[FILE_ALLOCATION_INFO_CLASS] = { 8, FILE_WRITE_DATA },        /* FILE_ALLOCATION_INFO */
	[FILE_END_OF_FILE_INFO_CLASS] = { 8, FILE_WRITE_DATA },       /* FILE_END_OF_FILE_INFO */
};

/* FILE_BASIC_INFO: three times (ChangeTime, which FAT lacks, is ignored)
 * and attributes, 0 leaving each alone; FILE_ATTRIBUTE_NORMAL clears them. */
static uint32_t set_basic(struct io_file *file, const uint8_t *buf)
{
	struct fat_time t[3];
	bool given[3];
	uint64_t ft;
	uint32_t attr, err = ERROR_SUCCESS;

	for (unsigned i = 0; i < 3 && !err; i++) {
		memcpy(&ft, buf + 8 * i, sizeof(ft));
		err = sys_fat_time(ft, &t[i], &given[i]);
	}
	memcpy(&attr, buf + 32, sizeof(attr));
	if (err)
		return err;
	return file_set_basic(file, given[0] ? &t[0] : NULL, given[1] ? &t[1] : NULL,
			      given[2] ? &t[2] : NULL, attr != 0, attr & FAT_ATTR_SETTABLE);
}

/* The full path in to[RTL_PATH_WORK] of name, an NT path "\??\X:\..." or a
 * Win32 one (absolute, or relative to the current directory, as
 * FILE_RENAME_INFO's page allows); ERROR_INVALID_NAME when it is none. */
static uint32_t rename_target(const char *name, char *to)
{
	char cwd[RTL_MAX_PATH];
	bool nt = !strncmp(name, "\\??\\", 4);
	size_t n;

	if (nt && !(name[4] && name[5] == ':'))
		return ERROR_INVALID_NAME;
	ps_get_cwd(process_current(), cwd);
	n = rtl_full_path(nt ? "C:\\" : cwd, nt ? name + 4 : name, to);
	return n == 0 || n >= RTL_MAX_PATH ? ERROR_INVALID_NAME : ERROR_SUCCESS;
}

/* FILE_RENAME_INFO at user address user (size bytes; head its first 16):
 * ReplaceIfExists, RootDirectory (vados takes none: ERROR_INVALID_PARAMETER),
 * and FileName, FileNameLength bytes of UTF-16: a name alone renames the file
 * in its directory, a path (rename_target) moves it there (on its volume). */
static uint32_t set_rename(struct io_file *file, const uint8_t *head, uint32_t user,
			   uint32_t size)
{
	uint32_t root, bytes, err = ERROR_SUCCESS;
	char *name = kmalloc(RTL_MAX_PATH), *to = kmalloc(RTL_PATH_WORK);
	uint16_t c;

	memcpy(&root, head + 4, sizeof(root));
	memcpy(&bytes, head + 8, sizeof(bytes));
	if (root || bytes == 0 || bytes % 2 || bytes > size - RENAME_NAME_AT)
		err = ERROR_INVALID_PARAMETER;
	else if (bytes / 2 >= RTL_MAX_PATH)
		err = ERROR_FILENAME_EXCED_RANGE;
	else if (!name || !to)
		err = ERROR_NOT_ENOUGH_MEMORY;
	for (uint32_t i = 0; !err && i < bytes / 2; i++) {
		if (!copy_from_user(&c, user + RENAME_NAME_AT + 2 * i, sizeof(c)))
			err = ERROR_NOACCESS;
		else if (!c || !(name[i] = (char)cp437_from_unicode(c)))
			err = ERROR_INVALID_NAME;
		name[i + 1] = '\0';
	}
	if (!err && !strchr(name, '\\') && !strchr(name, '/') && !strchr(name, ':')) {
		if (!(err = file_path(file, to))) {
			strrchr(to, '\\')[1] = '\0';  /* its directory */
			if (strlen(to) + strlen(name) >= RTL_MAX_PATH)
				err = ERROR_FILENAME_EXCED_RANGE;
			else
				strcat(to, name);
		}
	} else if (!err) {
		err = rename_target(name, to);
	}
	if (!err)
		err = file_rename(file, to, head[0] != 0);
	kfree(name);
	kfree(to);
	return err;
}

/* (handle, class, buf, size): as NtSetInformationFile checks them, the
 * class (ERROR_INVALID_PARAMETER), the size (ERROR_BAD_LENGTH), the buffer
 * (ERROR_NOACCESS), then the handle and its right. */
struct sysret sys_set_file_info(const uint32_t *a, struct trap_frame *f)
{
	uint8_t buf[40];
	uint32_t class = a[1], err;
	struct io_file *file;
	int64_t size;

	(void)f;
	if (class >= sizeof(set_classes) / sizeof(set_classes[0]) || !set_classes[class].size)
		return (struct sysret){ ERROR_INVALID_PARAMETER, 0 };
	if (a[3] < set_classes[class].size)
		return (struct sysret){ ERROR_BAD_LENGTH, 0 };
	if (!copy_from_user(buf, a[2], set_classes[class].size))
		return (struct sysret){ ERROR_NOACCESS, 0 };
	if ((err = sys_file_ref(a[0], set_classes[class].right, &file, NULL)))
		return (struct sysret){ err, 0 };
	memcpy(&size, buf, sizeof(size));
	switch (class) {
	case FILE_BASIC_INFO_CLASS:
		err = set_basic(file, buf);
		break;
	case FILE_RENAME_INFO_CLASS:
		err = set_rename(file, buf, a[2], a[3]);
		break;
	case FILE_DISPOSITION_INFO_CLASS:
		err = file_set_disposition(file, buf[0] != 0);
		break;
	default:
		err = size < 0 ? ERROR_INVALID_PARAMETER
		      : file_set_size(file, class == FILE_ALLOCATION_INFO_CLASS ? IO_SIZE_AT_MOST
										: IO_SIZE_EXACT,
				      (uint64_t)size);
	}
	ob_dereference(file);
	return (struct sysret){ err, 0 };
}
