/* File objects (NT's FILE_OBJECT) over the FAT driver's FCBs: the File
 * object type with its access rights, NT's share-access rules, delete on
 * close and delete pending, and the operations the Win32 file calls need.
 * Paths here are full Win32 paths ("C:\dir\name", kernel/rtl/path.h made
 * them). Every call takes its volume's lock itself (kernel/io/volume.h) and
 * returns a Win32 error code; buffers are kernel memory. */
#ifndef KERNEL_IO_FILE_H
#define KERNEL_IO_FILE_H

#include "kernel/io/volume.h"
#include "kernel/ke/dispatcher.h"
#include "kernel/ob/ob.h"

/* A File handle's rights (Windows' values). */
#define FILE_READ_DATA        0x0001u
#define FILE_WRITE_DATA       0x0002u
#define FILE_APPEND_DATA      0x0004u
#define FILE_READ_EA          0x0008u
#define FILE_WRITE_EA         0x0010u
#define FILE_EXECUTE          0x0020u
#define FILE_READ_ATTRIBUTES  0x0080u
#define FILE_WRITE_ATTRIBUTES 0x0100u
#define FILE_ALL_ACCESS       0x001f01ffu
#define FILE_GENERIC_READ     0x00120089u
#define FILE_GENERIC_WRITE    0x00120116u
#define FILE_GENERIC_EXECUTE  0x001200a0u

#define FILE_SHARE_READ   0x1u
#define FILE_SHARE_WRITE  0x2u
#define FILE_SHARE_DELETE 0x4u

#define CREATE_NEW        1u
#define CREATE_ALWAYS     2u
#define OPEN_EXISTING     3u
#define OPEN_ALWAYS       4u
#define TRUNCATE_EXISTING 5u

#define FILE_FLAG_OVERLAPPED       0x40000000u
#define FILE_FLAG_BACKUP_SEMANTICS 0x02000000u
#define FILE_FLAG_NO_BUFFERING     0x20000000u
#define FILE_FLAG_DELETE_ON_CLOSE  0x04000000u

struct io_file;
struct mm_control_area;
extern struct ob_type file_type;

/* Registers the File type (once, at boot, before any volume is mounted). */
void file_init(void);

/* What CreateFile asks. access is already mapped (no GENERIC_* bits). */
struct io_open {
	uint32_t access, share, disposition, flags;     /* flags: attributes and FILE_FLAG_* */
	bool volume;            /* \\.\X: (path "X:\"): the volume itself, as its root */
};
/* CreateFile's work: opens or creates path as o says; *out is a new File
 * object (one reference) and *existed whether CREATE_ALWAYS or OPEN_ALWAYS
 * found the file there (ERROR_ALREADY_EXISTS for the caller). Errors:
 * ERROR_FILE_EXISTS (CREATE_NEW), ERROR_FILE_NOT_FOUND, ERROR_PATH_NOT_FOUND,
 * ERROR_ACCESS_DENIED (a directory without FILE_FLAG_BACKUP_SEMANTICS, writing
 * a READONLY file, a file being deleted), ERROR_SHARING_VIOLATION, the FAT
 * driver's. */
uint32_t file_open(const char *path, const struct io_open *o, struct io_file **out,
		   bool *existed);
/* Where a read's or write's data is: kernel memory, or a ring-3 buffer
 * (kernel NULL), which is copied to or from the file cache's frames
 * directly, never under the volume lock. */
struct io_buffer {
	uint8_t *kernel;
	vaddr_t user;
};
/* Reads up to len bytes at the file position into b and moves the
 * position past them; *done says how many (0 at the end). ERROR_NOACCESS
 * when a user buffer faults (the position moves past what was read);
 * ERROR_LOCK_VIOLATION, nothing read, when a byte-range lock of another
 * owner than owner (see file_lock) covers part of the range asked for;
 * ERROR_INVALID_PARAMETER on a FILE_FLAG_NO_BUFFERING handle unless the
 * position and len are whole sectors. */
uint32_t file_read(struct io_file *f, const void *owner, const struct io_buffer *b, uint32_t len,
		   uint32_t *done);
/* Reads up to len bytes at offset into buf (kernel memory) without using
 * or moving the position (a program's image section reads its pages so,
 * kernel/ps/image.c). */
uint32_t file_read_at(struct io_file *f, uint32_t offset, void *buf, uint32_t len,
		      uint32_t *done);
/* Where the image section of f's file is kept while a process runs it
 * (NT: the FCB's ImageSectionObject; mm/image.h's slot). While it is set,
 * DeleteFile fails with ERROR_ACCESS_DENIED, as Windows refuses to delete a
 * running program. */
struct mm_control_area **file_image_slot(struct io_file *f);
/* The full path (C:\...) of f's file into buf[size], for making its image
 * section as the loader does (CreateFileMapping with SEC_IMAGE): 0, or
 * ERROR_ACCESS_DENIED when f is a directory or its handle may not read
 * (FILE_READ_DATA). */
uint32_t file_image_path(struct io_file *f, char *buf, uint32_t size);
/* Writes len bytes at the position (at the end for an append-only handle);
 * ERROR_LOCK_VIOLATION, nothing written, when a shared lock or another
 * owner's exclusive lock covers part of the range; FILE_FLAG_NO_BUFFERING's
 * rule as file_read's. */
uint32_t file_write(struct io_file *f, const void *owner, const struct io_buffer *b,
		    uint32_t len, uint32_t *done);
/* SetFilePointerEx: method 0 begin, 1 current, 2 end; ERROR_NEGATIVE_SEEK
 * before the start (the position stays). */
uint32_t file_seek(struct io_file *f, int64_t distance, uint32_t method, uint64_t *position);
/* The file's attributes, size and times. */
uint32_t file_query(struct io_file *f, struct fat_info *info);
/* SetEndOfFile (IO_SIZE_AT_POSITION: the size becomes the position; size
 * unused), FileEndOfFileInfo (IO_SIZE_EXACT) and FileAllocationInfo
 * (IO_SIZE_AT_MOST: a smaller size cuts the file, a larger one changes
 * nothing, FAT keeping no clusters past the end). Past 4 GB - 1
 * ERROR_DISK_FULL; a directory ERROR_INVALID_FUNCTION. */
enum io_size { IO_SIZE_AT_POSITION, IO_SIZE_EXACT, IO_SIZE_AT_MOST };
uint32_t file_set_size(struct io_file *f, enum io_size how, uint64_t size);
/* FlushFileBuffers. */
uint32_t file_flush(struct io_file *f);
/* Byte-range locks (LockFileEx, UnlockFileEx; kernel/io/lock.c), kept on
 * the file's open-file record under its volume lock. A lock's owner is f
 * with owner (the caller's process: its handle table), so another handle,
 * or another process sharing f, is held back by it. A range is length
 * bytes from offset (unsigned; past the end of the file is allowed; one
 * wrapping past 2^64 is ERROR_INVALID_PARAMETER, as is a directory).
 * file_lock: an exclusive lock may overlap no other lock, a shared one
 * only shared locks and its owner's own exclusive ones; a length of 0
 * locks no byte but conflicts with a lock covering its offset. A conflict
 * is ERROR_LOCK_VIOLATION unless wait: then the caller sleeps until the
 * range is granted (another owner's unlock or close), or
 * ERROR_OPERATION_ABORTED when its thread is terminated or the owner's
 * last handle to f closes meanwhile; on a FILE_FLAG_OVERLAPPED handle,
 * given async, the request is queued instead (ERROR_IO_PENDING) and
 * async->complete(async, status) is called once, by whichever thread
 * answers it and with no lock held: 0 when granted, ERROR_OPERATION_ABORTED
 * when its owner's last handle to f closes or file_cancel_locks cancels
 * it. file_unlock: the owner's lock of exactly that range (the exclusive
 * one first), else ERROR_NOT_LOCKED. file_cancel_locks: the owner's
 * queued requests through f (tag 0) or the one with tag, of issuer's
 * only unless issuer is NULL, else ERROR_NOT_FOUND. A process's locks through f go when its last handle to
 * f closes (NT's IopCloseFile), and every lock through f when f goes. */
struct io_lock_async {
	void (*complete)(struct io_lock_async *a, uint32_t status);
	uint32_t tag;                   /* not 0 */
	const void *issuer;             /* the thread that asked */
};
uint32_t file_lock(struct io_file *f, const void *owner, uint64_t offset, uint64_t length,
		   bool exclusive, bool wait, struct io_lock_async *async);
uint32_t file_unlock(struct io_file *f, const void *owner, uint64_t offset, uint64_t length);
uint32_t file_cancel_locks(struct io_file *f, const void *owner, uint32_t tag,
			   const void *issuer);

/* Directory change notifications (kernel/io/notify.c; NT's
 * NtNotifyChangeDirectoryFile). A directory File object's first request
 * sets up its watch: filter (FILE_NOTIFY_CHANGE_*), subtree, and a buffer
 * of the request's length (at most 64 KB) where changes wait as
 * FILE_NOTIFY_INFORMATION records (UTF-16 names relative to the directory)
 * between requests; later requests' filter and subtree are not used. A
 * request is answered at once when changes wait, else at the next change:
 * status 0 with the records in data (kmalloc'd, bytes long; the answerer
 * frees it after complete returns), ERROR_NOTIFY_ENUM_DIR with none when
 * changes were lost (the buffer filled) or do not fit the request's
 * length, ERROR_OPERATION_ABORTED when cancelled (file_notify_cancel, its
 * thread's end), ERROR_NOTIFY_CLEANUP when its process's last handle to f
 * closes. complete NULL: synchronous, the caller sleeps in file_notify
 * until the answer (or its thread's termination: ERROR_OPERATION_ABORTED)
 * and returns 0 with r's fields set, the data its to free. Otherwise
 * file_notify returns ERROR_IO_PENDING, or 0 when it was answered in the
 * call, and complete(r) is called once, with no lock held. Errors:
 * ERROR_INVALID_PARAMETER for what is not a directory (an enumeration
 * too), ERROR_NOT_ENOUGH_MEMORY. file_notify_cancel: file_cancel_locks'
 * rules for the requests through f. */
#define FILE_NOTIFY_CHANGE_FILE_NAME   0x001u
#define FILE_NOTIFY_CHANGE_DIR_NAME    0x002u
#define FILE_NOTIFY_CHANGE_ATTRIBUTES  0x004u
#define FILE_NOTIFY_CHANGE_SIZE        0x008u
#define FILE_NOTIFY_CHANGE_LAST_WRITE  0x010u
#define FILE_NOTIFY_CHANGE_LAST_ACCESS 0x020u
#define FILE_NOTIFY_CHANGE_CREATION    0x040u
#define FILE_NOTIFY_CHANGE_SECURITY    0x100u
#define FILE_NOTIFY_VALID_MASK         0x17fu
#define FILE_ACTION_ADDED              1u
#define FILE_ACTION_REMOVED            2u
#define FILE_ACTION_MODIFIED           3u
#define FILE_ACTION_RENAMED_OLD_NAME   4u
#define FILE_ACTION_RENAMED_NEW_NAME   5u
struct io_notify_request {
	struct io_notify_request *next;
	void (*complete)(struct io_notify_request *r);
	uint32_t length;                /* of the caller's buffer */
	uint32_t tag;                   /* not 0 (an overlapped one's OVERLAPPED) */
	const void *owner, *issuer;     /* its handle table and thread */
	uint32_t status, bytes;         /* the answer */
	uint8_t *data;
	struct dispatcher_header answered;      /* a synchronous one's */
};
uint32_t file_notify(struct io_file *f, uint32_t filter, bool subtree,
		     struct io_notify_request *r);
uint32_t file_notify_cancel(struct io_file *f, const void *owner, uint32_t tag,
			    const void *issuer);

/* A File object is waitable, as NT's (its FileObject->Event, a
 * notification event, not signaled at first): file_io_start resets it as a
 * read, write or lock request on f begins, file_io_done sets it when that
 * request completes (a pending one: when it is answered), so that a wait
 * on the handle (GetOverlappedResult without hEvent) ends with it. */
void file_io_start(struct io_file *f);
void file_io_done(struct io_file *f);

/* SetFileTime and FileBasicInfo: the times that are not NULL, and the
 * FAT_ATTR_SETTABLE bits when set_attributes; the root ERROR_ACCESS_DENIED. */
uint32_t file_set_basic(struct io_file *f, const struct fat_time *created,
			const struct fat_time *accessed, const struct fat_time *written,
			bool set_attributes, uint32_t attributes);
/* FileDispositionInfo: delete makes the file (or empty directory) delete
 * pending, gone at its last close (iop_deletable_locked's errors), and
 * !delete undoes that. */
uint32_t file_set_disposition(struct io_file *f, bool delete);
/* What GetFileInformationByHandle(Ex) reports of an open file: its
 * attributes, size and times (info's names are unused), the volume's serial
 * number, the file's identity (fat_file_id), the bytes its clusters hold
 * and whether it is delete pending. ERROR_INVALID_HANDLE for an
 * enumeration (FindFirstFile's handle). */
struct io_file_facts {
	struct fat_info info;
	uint32_t serial, id_high, id_low;
	uint64_t allocation;
	bool delete_pending;
};
uint32_t file_query_facts(struct io_file *f, struct io_file_facts *out);
/* The size alone (GetFileSize: cheap, nothing else is read); the same errors. */
uint32_t file_query_size(struct io_file *f, uint32_t *size);
/* f's full path into buf[RTL_MAX_PATH] (GetFinalPathNameByHandle,
 * FileNameInfo): "C:\DIR\NAME" with each component as its entry spells it
 * (the long name, its case), as Windows' FAT names an open file whichever
 * way it was opened; as opened when a component cannot be looked up (the
 * path of a directory renamed while the file was open). ERROR_INVALID_HANDLE
 * for an enumeration. */
uint32_t file_path(struct io_file *f, char *buf);
/* The volume f's file is on. */
struct io_volume *file_volume(const struct io_file *f);
/* The rights the handle was opened with are checked by the caller (ob);
 * these say what the object itself allows: */
bool file_is_directory(const struct io_file *f);

/* DeleteFile: a file open by others with FILE_SHARE_DELETE becomes delete
 * pending (gone at its last close), else ERROR_SHARING_VIOLATION. */
uint32_t file_delete(const char *path);
/* MoveFileEx within a volume (ERROR_NOT_SAME_DEVICE across). */
uint32_t file_move(const char *from, const char *to, bool replace);
/* FileRenameInfo: MoveFileEx of f's own file (a full path on its volume)
 * through f, whose DELETE right the caller checked. */
uint32_t file_rename(struct io_file *f, const char *to, bool replace);
uint32_t file_mkdir(const char *path);
uint32_t file_rmdir(const char *path);
uint32_t file_stat(const char *path, struct fat_info *info);
uint32_t file_set_attributes(const char *path, uint32_t attr);
/* GetDiskFreeSpace of the volume path is on. */
uint32_t file_disk_space(const char *path, uint32_t *cluster_bytes, uint32_t *free_clusters,
			 uint32_t *total_clusters);
/* FindFirstFile: a File object enumerating the directory of pattern (a full
 * path whose last component is the pattern), with the first match in *info;
 * ERROR_FILE_NOT_FOUND when nothing matches. flags, for every answer of the
 * enumeration: FILE_FIND_NO_SHORT_NAMES (FindExInfoBasic) leaves the short
 * name "", FILE_FIND_DIRECTORIES (FindExSearchLimitToDirectories) passes
 * over what is not a directory. */
#define FILE_FIND_NO_SHORT_NAMES 0x1u
#define FILE_FIND_DIRECTORIES    0x2u
uint32_t file_find_first(const char *pattern, uint32_t flags, struct io_file **out,
			 struct fat_info *info);
/* FindNextFile: ERROR_NO_MORE_FILES at the end; ERROR_INVALID_HANDLE when f
 * is no enumeration. */
uint32_t file_find_next(struct io_file *f, struct fat_info *info);
/* GetFileInformationByHandleEx's directory classes (NtQueryDirectoryFile):
 * the next entry of the directory open as f ("." and ".." too) in *info,
 * the listing started on the first call and when restart; peek leaves the
 * position where it was. ERROR_NO_MORE_FILES at the end,
 * ERROR_INVALID_PARAMETER when f is no directory. A FindFirstFile handle
 * goes on with its own pattern. */
uint32_t file_list_next(struct io_file *f, bool restart, bool peek, struct fat_info *info);

/* Writes what the volume holds pending: every dirty file page, then the
 * metadata (the lazy writer, FlushFileBuffers, io_shutdown). *written (may
 * be NULL) counts the file pages. The first error. */
uint32_t file_flush_volume_locked(struct io_volume *v, uint32_t *written);

struct mm_control_area;
/* CreateFileMapping's file half: f's handle must hold need (FILE_READ_DATA,
 * FILE_WRITE_DATA, FILE_EXECUTE as the protection asks; else, and for a
 * directory, ERROR_ACCESS_DENIED). *size 0 is the file's size
 * (ERROR_FILE_INVALID for an empty file); a larger one extends the file
 * when extend (a writable section), else ERROR_NOT_ENOUGH_MEMORY. On success
 * *out is the file's control area with one more section reference
 * (mm_section_dereference gives it back) and *size the section's. */
uint32_t file_map(struct io_file *f, uint32_t need, bool extend, uint32_t *size,
		  struct mm_control_area **out);

/* DeviceIoControl's request (kernel/io/fsctl.c): code, its input and room
 * for its output (kernel memory), and the bytes the answer wrote. */
struct io_control {
	uint32_t code;
	const void *in;
	uint32_t in_len;
	void *out;
	uint32_t out_len;
	uint32_t returned;
};
/* Answers c on f: ERROR_INVALID_FUNCTION for a code FAT and its disk do
 * not know; ERROR_INSUFFICIENT_BUFFER, ERROR_MORE_DATA (part written),
 * ERROR_INVALID_PARAMETER, ERROR_ACCESS_DENIED, ERROR_NOT_LOCKED and
 * ERROR_HANDLE_EOF as fsctl.c's controls document. May sleep. */
uint32_t file_control(struct io_file *f, struct io_control *c);
/* Whether ReadFileScatter and WriteFileGather may use f: a file opened
 * with FILE_FLAG_NO_BUFFERING and FILE_FLAG_OVERLAPPED. */
bool file_segments_allowed(const struct io_file *f);

#endif
