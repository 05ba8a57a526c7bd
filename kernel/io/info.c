/* An open file as a whole: what GetFileInformationByHandle(Ex) and
 * GetFinalPathNameByHandle report of it, and what SetFileInformationByHandle
 * changes (times and attributes, size, delete on close); see
 * kernel/io/file.h. */
#include "kernel/io/iop.h"
#include "kernel/rtl/string.h"
#include "kernel/rtl/winerror.h"
#include "mm/pool.h"

uint32_t file_query_facts(struct io_file *f, struct io_file_facts *out)
{
	struct io_volume *v = f->fcb->vol;
	uint32_t cluster, free_clusters, total;

	if (f->find)
		return ERROR_INVALID_HANDLE;    /* an enumeration, not an open file */
	io_lock(v);
	fat_query(f->fcb->fat, &out->info);
	fat_file_id(f->fcb->fat, &out->id_high, &out->id_low);
	fat_space(v->fat, &cluster, &free_clusters, &total);
	out->serial = fat_serial(v->fat);
	out->delete_pending = f->fcb->delete_pending;
	io_unlock(v);
	out->allocation = ((uint64_t)out->info.size + cluster - 1) / cluster * cluster;
	return ERROR_SUCCESS;
}

uint32_t file_query_size(struct io_file *f, uint32_t *size)
{
	if (f->find)
		return ERROR_INVALID_HANDLE;
	io_lock(f->fcb->vol);
	*size = fat_size(f->fcb->fat);
	io_unlock(f->fcb->vol);
	return ERROR_SUCCESS;
}

struct io_volume *file_volume(const struct io_file *f)
{
	return f->fcb->vol;
}

/* Appends "\" and name to out[RTL_MAX_PATH] at *len; false when it does
 * not fit. */
static bool path_append(char *out, size_t *len, const char *name, size_t n)
{
	if (*len + 1 + n >= RTL_MAX_PATH)
		return false;
	out[(*len)++] = '\\';
	memcpy(out + *len, name, n);
	*len += n;
	out[*len] = '\0';
	return true;
}

/* out = "X:" and path with each component as its entry spells it (the long
 * name, else the short one); false when a component cannot be looked up or
 * the result does not fit. */
static bool normalize_locked(struct io_volume *v, const char *path, char *out)
{
	struct fat_info *info = kmalloc(sizeof(*info));
	char prefix[RTL_MAX_PATH];
	const char *c = path + 1, *end;
	size_t len = 2;
	bool ok = info != NULL;

	out[0] = v->letter;
	out[1] = ':';
	out[2] = '\0';
	while (ok && *c) {
		end = strchr(c, '\\');
		end = end ? end : c + strlen(c);
		strlcpy(prefix, path, (size_t)(end - path) + 1);
		ok = fat_stat(v->fat, prefix, info) == ERROR_SUCCESS;
		if (ok) {
			const char *name = info->name[0] ? info->name : info->short_name;
			ok = path_append(out, &len, name, strlen(name));
		}
		c = *end ? end + 1 : end;
	}
	if (ok && len == 2)
		ok = path_append(out, &len, "", 0);    /* the root: "X:\" */
	kfree(info);
	return ok;
}

uint32_t file_path(struct io_file *f, char *buf)
{
	struct io_volume *v = f->fcb->vol;

	if (f->find)
		return ERROR_INVALID_HANDLE;
	io_lock(v);
	if (!normalize_locked(v, f->fcb->path, buf)) {
		buf[0] = v->letter;
		buf[1] = ':';
		strlcpy(buf + 2, f->fcb->path, RTL_MAX_PATH - 2);
	}
	io_unlock(v);
	return ERROR_SUCCESS;
}

uint32_t file_set_basic(struct io_file *f, const struct fat_time *created,
			const struct fat_time *accessed, const struct fat_time *written,
			bool set_attributes, uint32_t attributes)
{
	struct io_volume *v = f->fcb->vol;
	uint32_t err = ERROR_SUCCESS;

	if (f->find)
		return ERROR_INVALID_HANDLE;
	io_lock(v);
	if (created || accessed || written)
		err = fat_set_times(f->fcb->fat, created, accessed, written);
	if (!err && set_attributes)
		err = fat_set_attributes(v->fat, f->fcb->path, attributes);
	if (!err)
		iop_notify_locked(v, (created ? FILE_NOTIFY_CHANGE_CREATION : 0) |
				     (accessed ? FILE_NOTIFY_CHANGE_LAST_ACCESS : 0) |
				     (written ? FILE_NOTIFY_CHANGE_LAST_WRITE : 0) |
				     (set_attributes ? FILE_NOTIFY_CHANGE_ATTRIBUTES : 0),
				  FILE_ACTION_MODIFIED, f->fcb->path, 0, NULL);
	io_unlock(v);
	return err;
}

uint32_t file_set_disposition(struct io_file *f, bool delete)
{
	struct io_volume *v = f->fcb->vol;
	struct fat_info info;
	uint32_t err = ERROR_SUCCESS;

	if (f->find)
		return ERROR_INVALID_HANDLE;
	io_lock(v);
	if (delete) {
		fat_query(f->fcb->fat, &info);
		err = iop_deletable_locked(f->fcb, &info);
	}
	if (!err)
		f->fcb->delete_pending = delete;
	io_unlock(v);
	return err;
}
