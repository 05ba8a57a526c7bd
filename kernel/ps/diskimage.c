/* Programs read from their files: a program that is no boot module is looked
 * for on disk as Windows' CreateProcess looks (a name with a drive or a
 * backslash is a path; a bare name is tried in the creator's current
 * directory, then in C:\BIN, where the system's programs live; ".exe" is
 * added to a last component without an extension) and read whole into
 * kernel pages that stay for the life of the process (the sections issue
 * will make them a shared image section instead). */
#include "kernel/ps/process.h"
#include "kernel/io/file.h"
#include "kernel/rtl/format.h"
#include "kernel/rtl/string.h"
#include "kernel/rtl/winerror.h"
#include "mm/pool.h"

#define IMAGE_MAX (16u << 20)           /* a larger program file is refused */

/* Reads the file at full path into kernel pages; NULL with *err. */
static uint8_t *read_image(const char *full, uint32_t *size, uint32_t *err)
{
	struct io_open o = { FILE_GENERIC_READ, FILE_SHARE_READ, OPEN_EXISTING, 0 };
	struct io_file *f;
	struct fat_info *info = kmalloc(sizeof(*info));
	uint8_t *image = NULL;
	uint32_t done = 0;
	bool existed;

	if (!info || (*err = file_open(full, &o, &f, &existed)) != ERROR_SUCCESS) {
		*err = info ? *err : ERROR_NOT_ENOUGH_MEMORY;
		kfree(info);
		return NULL;
	}
	file_query(f, info);
	*size = info->size;
	if (file_is_directory(f) || *size == 0 || *size > IMAGE_MAX)
		*err = ERROR_BAD_EXE_FORMAT;
	else if (!(image = kpage_alloc((*size + PAGE_SIZE - 1) / PAGE_SIZE)))
		*err = ERROR_NOT_ENOUGH_MEMORY;
	else if ((*err = file_read(f, &(struct io_buffer){ .kernel = image }, *size, &done)) ==
		 ERROR_SUCCESS && done != *size)
		*err = ERROR_BAD_EXE_FORMAT;
	if (*err && image) {
		kpage_free(image);
		image = NULL;
	}
	ob_dereference(f);
	kfree(info);
	return image;
}

/* Tries dir\name (dir NULL: name alone), with ".exe" added when name's last
 * component has no extension. */
static uint8_t *try_one(const char *cwd, const char *dir, const char *name, uint32_t *size,
			uint32_t *err)
{
	char *path = kmalloc(2 * RTL_PATH_WORK), *full = path ? path + RTL_PATH_WORK : NULL;
	const char *last = strrchr(name, '\\');
	uint8_t *image = NULL;

	if (!path) {
		*err = ERROR_NOT_ENOUGH_MEMORY;
		return NULL;
	}
	last = last ? last + 1 : name;
	ksnprintf(path, RTL_PATH_WORK, "%s%s%s%s", dir ? dir : "", dir ? "\\" : "", name,
		  strchr(last, '.') ? "" : ".exe");
	if (rtl_full_path(cwd, path, full) - 1 >= RTL_MAX_PATH - 1)
		*err = ERROR_FILE_NOT_FOUND;
	else
		image = read_image(full, size, err);
	kfree(path);
	return image;
}

const void *ps_image_from_disk(struct process *creator, const char *name, uint32_t *size,
			       uint32_t *err)
{
	char cwd[RTL_MAX_PATH] = "C:\\";
	uint8_t *image;

	if (creator)
		ps_get_cwd(creator, cwd);
	if (strchr(name, '\\') || strchr(name, ':') || strchr(name, '/'))
		return try_one(cwd, NULL, name, size, err);
	image = try_one(cwd, NULL, name, size, err);
	if (!image && (*err == ERROR_FILE_NOT_FOUND || *err == ERROR_PATH_NOT_FOUND))
		image = try_one(cwd, "C:\\BIN", name, size, err);
	if (!image && *err == ERROR_PATH_NOT_FOUND)
		*err = ERROR_FILE_NOT_FOUND;
	return image;
}
