/* File objects: the type, opening and creating (CreateFile's dispositions,
 * NT's share-access rules), data, position, size, times; see
 * kernel/io/file.h. Calls by path are in names.c. */
#include "kernel/io/iop.h"
#include "kernel/rtl/string.h"
#include "kernel/rtl/winerror.h"
#include "arch/spinlock.h"
#include "mm/pool.h"

#define FILE_SIZE_LIMIT 0xffffffffull   /* FAT: a file holds at most 4 GB - 1 */

static void file_remove(void *body);
static void file_handle_closed(void *f, struct ob_handle_table *t, uint32_t handles_left);

static struct dispatcher_header *file_dispatcher(void *body)
{
	return &((struct io_file *)body)->done;
}

struct ob_type file_type = {
	.name = "File",
	.mapping = { FILE_GENERIC_READ, FILE_GENERIC_WRITE, FILE_GENERIC_EXECUTE,
		     FILE_ALL_ACCESS },
	.valid_access = FILE_ALL_ACCESS,
	.close = file_handle_closed,
	.remove = file_remove,
	.dispatcher = file_dispatcher,
};

void file_init(void)
{
	ob_register_type(&file_type);
}

void file_io_start(struct io_file *f)
{
	ke_set_signal(&f->done, 0);
}

void file_io_done(struct io_file *f)
{
	ke_set_signal(&f->done, 1);
}

bool file_is_directory(const struct io_file *f)
{
	return f->directory;
}

/* --- NT's share access (IoCheckShareAccess, IoSetShareAccess,
 * IoRemoveShareAccess): only opens that read, write or delete take part. --- */

struct share_need {
	bool read, write, del;
};

static struct share_need share_need(uint32_t access)
{
	return (struct share_need){ (access & (FILE_READ_DATA | FILE_EXECUTE)) != 0,
				    (access & (FILE_WRITE_DATA | FILE_APPEND_DATA)) != 0,
				    (access & DELETE) != 0 };
}

/* Whether an open with access and share fits those fcb has already. */
static uint32_t share_check(const struct io_fcb *fcb, uint32_t access, uint32_t share)
{
	struct share_need n = share_need(access);

	if (!n.read && !n.write && !n.del)
		return ERROR_SUCCESS;
	if ((n.read && fcb->shared_read < fcb->open_count) ||
	    (n.write && fcb->shared_write < fcb->open_count) ||
	    (n.del && fcb->shared_delete < fcb->open_count) ||
	    (fcb->readers && !(share & FILE_SHARE_READ)) ||
	    (fcb->writers && !(share & FILE_SHARE_WRITE)) ||
	    (fcb->deleters && !(share & FILE_SHARE_DELETE)))
		return ERROR_SHARING_VIOLATION;
	return ERROR_SUCCESS;
}

/* Adds (delta 1) or removes (delta -1) one open's share access. */
static void share_account(struct io_fcb *fcb, uint32_t access, uint32_t share, int delta)
{
	struct share_need n = share_need(access);

	if (!n.read && !n.write && !n.del)
		return;
	fcb->open_count += delta;
	fcb->readers += n.read ? delta : 0;
	fcb->writers += n.write ? delta : 0;
	fcb->deleters += n.del ? delta : 0;
	fcb->shared_read += (share & FILE_SHARE_READ) ? delta : 0;
	fcb->shared_write += (share & FILE_SHARE_WRITE) ? delta : 0;
	fcb->shared_delete += (share & FILE_SHARE_DELETE) ? delta : 0;
}

uint32_t iop_attach_locked(struct io_volume *v, struct fat_file *fat, const char *path,
			  struct io_file *f)
{
	struct io_fcb *fcb = iop_fcb_find_locked(v, fat);
	uint32_t err;

	if (fcb) {
		fat_close(fat);         /* the record holds one already */
		iop_fcb_reference_locked(fcb);
	} else if ((err = iop_fcb_create_locked(v, fat, path, &fcb)) != ERROR_SUCCESS) {
		return err;
	}
	fcb->files++;
	share_account(fcb, f->access, f->share, 1);
	f->fcb = fcb;
	return ERROR_SUCCESS;
}

/* The File type's close procedure: t's byte-range locks through f and,
 * once t holds no handle to it, its change notification requests end. */
static void file_handle_closed(void *f, struct ob_handle_table *t, uint32_t handles_left)
{
	iop_lock_handle_closed(f, t, handles_left);
	if (!handles_left)
		iop_notify_handle_closed(f, t);
}

/* The last reference to a File object: its share access goes, delete on
 * close takes effect, and its record is released. May sleep (the disk). */
static void file_remove(void *body)
{
	struct io_file *f = body;
	struct io_fcb *fcb = f->fcb;
	struct io_lock_wait *done = NULL;
	struct io_volume *v;

	kfree(f->find);
	if (f->port)
		ob_dereference(f->port);
	if (!fcb)
		return;                 /* never opened */
	v = fcb->vol;
	io_lock(v);
	iop_lock_rundown_locked(f, &done);
	iop_notify_rundown_locked(f);
	share_account(fcb, f->access, f->share, -1);
	if (f->delete_on_close)
		fcb->delete_pending = true;
	if (v->locked_by == f)
		v->locked_by = NULL;    /* its lock ends with it */
	fcb->files--;
	iop_fcb_release_locked(fcb);
	io_unlock(v);
	iop_lock_complete(done);
}

/* --- CreateFile --- */

/* Whether o may open the existing file fat (attributes in info). */
static uint32_t check_existing_locked(struct io_volume *v, struct fat_file *fat,
				      const struct fat_info *info, const struct io_open *o)
{
	struct io_fcb *fcb = iop_fcb_find_locked(v, fat);
	bool dir = info->attributes & FAT_ATTR_DIRECTORY;
	bool replaces = o->disposition == CREATE_ALWAYS || o->disposition == TRUNCATE_EXISTING;
	uint32_t hidden_system = FAT_ATTR_HIDDEN | FAT_ATTR_SYSTEM;

	if (o->disposition == CREATE_NEW)
		return ERROR_FILE_EXISTS;
	if (fcb && fcb->delete_pending)
		return ERROR_ACCESS_DENIED;
	if (dir && (!(o->flags & FILE_FLAG_BACKUP_SEMANTICS) || replaces ||
		    (o->access & (FILE_WRITE_DATA | FILE_APPEND_DATA))))
		return ERROR_ACCESS_DENIED;
	if ((info->attributes & FAT_ATTR_READONLY) &&
	    ((o->access & (FILE_WRITE_DATA | FILE_APPEND_DATA | DELETE)) || replaces ||
	     (o->flags & FILE_FLAG_DELETE_ON_CLOSE)))
		return ERROR_ACCESS_DENIED;
	/* CREATE_ALWAYS or TRUNCATE_EXISTING (NT's FILE_OVERWRITE) over a hidden
	 * or system file must name those attributes. */
	if (replaces &&
	    (info->attributes & hidden_system & ~o->flags) != 0)
		return ERROR_ACCESS_DENIED;
	return fcb ? share_check(fcb, o->access, o->share) : ERROR_SUCCESS;
}

/* Truncates (and for CREATE_ALWAYS re-attributes) an existing file, its
 * cached pages with it when it is open. */
static uint32_t replace_locked(struct io_volume *v, struct fat_file *fat, const char *path,
			       const struct io_open *o)
{
	struct io_fcb *fcb = iop_fcb_find_locked(v, fat);
	uint32_t err = fcb ? cache_set_size_locked(fcb, 0) : fat_set_size(fat, 0);

	if (!err && o->disposition == CREATE_ALWAYS)
		err = fat_set_attributes(v->fat, path, (o->flags & FAT_ATTR_SETTABLE) |
						       FAT_ATTR_ARCHIVE);
	if (!err)
		iop_notify_locked(v, FILE_NOTIFY_CHANGE_SIZE | FILE_NOTIFY_CHANGE_LAST_WRITE |
				     FILE_NOTIFY_CHANGE_ATTRIBUTES, FILE_ACTION_MODIFIED, path, 0, NULL);
	return err;
}

static uint32_t open_locked(struct io_volume *v, const char *path, const struct io_open *o,
			    struct io_file *f, bool *existed)
{
	struct fat_file *fat;
	struct fat_info info;
	uint32_t err = fat_open(v->fat, path, &fat);

	if (err == ERROR_FILE_NOT_FOUND && o->disposition != OPEN_EXISTING &&
	    o->disposition != TRUNCATE_EXISTING) {
		if ((err = fat_create(v->fat, path, o->flags & FAT_ATTR_SETTABLE, &fat)))
			return err;
		iop_notify_locked(v, FILE_NOTIFY_CHANGE_FILE_NAME, FILE_ACTION_ADDED, path, 0, NULL);
		return iop_attach_locked(v, fat, path, f);
	}
	if (err)
		return err;
	fat_query(fat, &info);
	err = check_existing_locked(v, fat, &info, o);
	if (!err && (o->disposition == CREATE_ALWAYS || o->disposition == TRUNCATE_EXISTING))
		err = replace_locked(v, fat, path, o);
	if (err) {
		fat_close(fat);
		return err;
	}
	*existed = o->disposition == CREATE_ALWAYS || o->disposition == OPEN_ALWAYS;
	f->directory = info.attributes & FAT_ATTR_DIRECTORY;
	return iop_attach_locked(v, fat, path, f);
}

uint32_t file_open(const char *path, const struct io_open *o, struct io_file **out,
		   bool *existed)
{
	struct io_volume *v;
	struct io_file *f;
	const char *rest;
	uint32_t err = iop_split(path, &v, &rest);

	*existed = false;
	if (err)
		return err;
	if (!(f = ob_create(&file_type, sizeof(*f))))
		return ERROR_NOT_ENOUGH_MEMORY;
	f->access = o->access;
	f->share = o->share;
	f->delete_on_close = o->flags & FILE_FLAG_DELETE_ON_CLOSE;
	f->overlapped = o->flags & FILE_FLAG_OVERLAPPED;
	f->no_buffering = o->flags & FILE_FLAG_NO_BUFFERING;
	f->volume = o->volume;
	f->done.kind = DISPATCHER_NOTIFICATION;
	io_lock(v);
	/* A locked volume opens for its locker alone (NT: access denied). */
	err = v->locked_by ? ERROR_ACCESS_DENIED : open_locked(v, rest, o, f, existed);
	io_unlock(v);
	if (err) {
		ob_dereference(f);      /* no record: its removal does nothing */
		return err;
	}
	*out = f;
	return ERROR_SUCCESS;
}

/* --- data, position, size, times --- */

/* Whether a transfer of len bytes at f's position breaks FILE_FLAG_NO_BUFFERING's
 * rule (File Buffering: whole sectors at sector offsets), which NT's FAT
 * answers with ERROR_INVALID_PARAMETER. */
static bool unbuffered_misaligned_locked(const struct io_file *f, uint32_t len)
{
	return f->no_buffering && ((f->position | len) & (FAT_SECTOR_SIZE - 1));
}

uint32_t file_read(struct io_file *f, const void *owner, const struct io_buffer *b, uint32_t len,
		   uint32_t *done)
{
	struct io_volume *v = f->fcb->vol;
	uint32_t err = ERROR_SUCCESS;

	*done = 0;
	if (f->directory)
		return ERROR_INVALID_FUNCTION;
	io_lock(v);
	if (unbuffered_misaligned_locked(f, len))
		err = ERROR_INVALID_PARAMETER;
	else if (f->position < FILE_SIZE_LIMIT &&
		 !(err = iop_lock_check_locked(f, owner, f->position, len, false))) {
		if (len > FILE_SIZE_LIMIT - f->position)
			len = (uint32_t)(FILE_SIZE_LIMIT - f->position);
		err = cache_read_locked(f->fcb, (uint32_t)f->position, b, len, done);
		f->position += *done;
	}
	io_unlock(v);
	return err;
}

uint32_t file_read_at(struct io_file *f, uint32_t offset, void *buf, uint32_t len,
		      uint32_t *done)
{
	struct io_volume *v = f->fcb->vol;
	uint32_t err;

	*done = 0;
	if (f->directory)
		return ERROR_INVALID_FUNCTION;
	io_lock(v);
	err = cache_read_locked(f->fcb, offset, &(struct io_buffer){ .kernel = buf }, len, done);
	io_unlock(v);
	return err;
}

struct mm_control_area **file_image_slot(struct io_file *f)
{
	return &f->fcb->image;
}

uint32_t file_image_path(struct io_file *f, char *buf, uint32_t size)
{
	if (f->directory || !f->fcb || !(f->access & FILE_READ_DATA))
		return ERROR_ACCESS_DENIED;
	mapping_name(f->fcb, buf, size);
	return 0;
}

uint32_t file_write(struct io_file *f, const void *owner, const struct io_buffer *b,
		    uint32_t len, uint32_t *done)
{
	struct io_volume *v = f->fcb->vol;
	struct fat_info info;
	uint32_t err = ERROR_DISK_FULL;

	*done = 0;
	if (f->directory)
		return ERROR_INVALID_FUNCTION;
	io_lock(v);
	if (!(f->access & FILE_WRITE_DATA)) {   /* append only */
		fat_query(f->fcb->fat, &info);
		f->position = info.size;
	}
	if (unbuffered_misaligned_locked(f, len))
		err = ERROR_INVALID_PARAMETER;
	else if ((f->position < FILE_SIZE_LIMIT || len == 0) &&
		 !(err = iop_lock_check_locked(f, owner, f->position, len, true))) {
		uint32_t size = fat_size(f->fcb->fat);

		err = len ? cache_write_locked(f->fcb, (uint32_t)f->position, b, len, done)
			  : ERROR_SUCCESS;
		f->position += *done;
		if (*done)
			iop_notify_locked(v, FILE_NOTIFY_CHANGE_LAST_WRITE |
					     (fat_size(f->fcb->fat) != size ? FILE_NOTIFY_CHANGE_SIZE : 0),
					  FILE_ACTION_MODIFIED, f->fcb->path, 0, NULL);
	}
	io_unlock(v);
	return err;
}

uint32_t file_seek(struct io_file *f, int64_t distance, uint32_t method, uint64_t *position)
{
	struct io_volume *v = f->fcb->vol;
	struct fat_info info;
	uint32_t err = ERROR_SUCCESS;
	int64_t base;

	if (method > 2)
		return ERROR_INVALID_PARAMETER;
	io_lock(v);
	if (method == 2)
		fat_query(f->fcb->fat, &info);
	base = method == 0 ? 0 : method == 1 ? (int64_t)f->position : (int64_t)info.size;
	if (base + distance < 0)
		err = ERROR_NEGATIVE_SEEK;
	else
		f->position = (uint64_t)(base + distance);
	*position = f->position;
	io_unlock(v);
	return err;
}

uint32_t file_query(struct io_file *f, struct fat_info *info)
{
	io_lock(f->fcb->vol);
	fat_query(f->fcb->fat, info);
	io_unlock(f->fcb->vol);
	return ERROR_SUCCESS;
}

uint32_t file_set_size(struct io_file *f, enum io_size how, uint64_t size)
{
	uint32_t err = ERROR_DISK_FULL;

	if (f->directory)
		return ERROR_INVALID_FUNCTION;
	io_lock(f->fcb->vol);
	if (how == IO_SIZE_AT_POSITION)
		size = f->position;
	if (how == IO_SIZE_AT_MOST && size >= fat_size(f->fcb->fat))
		err = ERROR_SUCCESS;            /* room to grow: FAT keeps none ahead */
	else if (size <= FILE_SIZE_LIMIT) {
		uint32_t was = fat_size(f->fcb->fat);

		err = cache_set_size_locked(f->fcb, (uint32_t)size);
		if (!err && size != was)
			iop_notify_locked(f->fcb->vol, FILE_NOTIFY_CHANGE_SIZE |
					  FILE_NOTIFY_CHANGE_LAST_WRITE, FILE_ACTION_MODIFIED,
					  f->fcb->path, 0, NULL);
	}
	io_unlock(f->fcb->vol);
	return err;
}

/* Writes the volume's metadata: the FAT driver's pending sectors into the
 * metadata cache, that to the disk (FAT before directories); then, the
 * erasures of deleted entries being on the disk, the clusters they held are
 * released (fat_release_freed) and that change written too. */
static uint32_t meta_write_back_locked(struct io_volume *v)
{
	uint32_t err = fat_flush(v->fat), e = io_meta_flush(v);

	if (e && !err)
		err = e;
	if (err || !fat_has_freed(v->fat))
		return err;
	if ((err = fat_release_freed(v->fat)) || (err = fat_flush(v->fat)))
		return err;
	return io_meta_flush(v);
}

uint32_t file_flush(struct io_file *f)
{
	uint32_t err;

	/* The file's dirty pages, then the volume's metadata (other files'
	 * entries with it: those may reach the disk ahead of their data, which
	 * a power cut then leaves reading stale bytes, never cross-linked). A
	 * page of another file that cannot be written fails no one else. */
	io_lock(f->fcb->vol);
	err = cache_flush_locked(f->fcb, NULL);
	if (!err)
		err = meta_write_back_locked(f->fcb->vol);
	io_unlock(f->fcb->vol);
	return err;
}

uint32_t file_flush_volume_locked(struct io_volume *v, uint32_t *written)
{
	uint32_t err = cache_flush_volume_locked(v, written), e;

	/* The data, then the metadata. A page that cannot be written (a bad
	 * sector) holds back no metadata: its file's entry may then reach the
	 * disk ahead of it. */
	if ((e = meta_write_back_locked(v)) && !err)
		err = e;
	return err;
}
