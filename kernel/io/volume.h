/* kernel/io: I/O and the file system (NT's Io): the volumes, the File object
 * type and the Win32 file calls' kernel halves. Owns the mounted FAT32
 * volumes (drive letters C: to Z:, in disk and partition order), the block
 * device each one reads through (the IDE driver, sleeping I/O), the open-file
 * records above the FAT driver's FCBs (share access, delete-pending) and
 * File objects. It may call kernel/io/fat, ob, ke, the pool and arch's IDE
 * driver; sys calls it.
 *
 * Locking: one guarded mutex per volume ("volume", rank KE_RANK_VOLUME, below
 * every memory-manager lock) serializes every call into the FAT driver on that
 * volume, its open-file records, the positions of its File objects, its
 * directories' change watches (kernel/io/notify.c) and the
 * file cache's work on its files (kernel/io/cache.c). It is held across disk
 * I/O (the caller sleeps, others run) and never while touching user memory:
 * the cache gives it up around each run of copies to or from a user buffer, so a page
 * fault on a user buffer never waits behind it. */
#ifndef KERNEL_IO_VOLUME_H
#define KERNEL_IO_VOLUME_H

#include "kernel/io/fat/fat.h"
#include "kernel/ke/lock.h"
#include "arch/types.h"

#define IO_VOLUMES 24                   /* C: to Z: */

struct io_fcb;
struct io_notify;
struct io_notify_request;

struct io_volume {
	char letter;                    /* 'C' ... */
	unsigned disk;                  /* IDE position */
	uint32_t partition, first_lba, sectors;
	struct fat_volume *fat;
	struct fat_blockdev dev;
	struct ke_guarded_mutex lock;
	uint8_t *bounce;                /* IDE_MAX_PAGES pages the disk moves data through */
	pfn_t frames[16];               /* their frames */
	uint8_t *cache_buf;             /* 16 pages the file cache's paging I/O moves through */
	struct io_meta *meta;           /* the metadata cache (kernel/io/metacache.c) */
	struct io_fcb *fcbs;            /* the open and the cached closed files (kernel/io/fcb.c) */
	uint32_t closed;                /* of those, closed files kept cached */
	struct io_notify *watches;      /* directories' change watches (kernel/io/notify.c) */
	struct io_notify_request *notify_done;  /* answered, for io_unlock to complete */
	struct io_file *locked_by;      /* FSCTL_LOCK_VOLUME's volume handle, or NULL
					 * (kernel/io/fsctl.c); no other open meanwhile */
};

/* Mounts every FAT partition of every IDE disk (after ide_init and the
 * scheduler; interrupts on), C: first, logging one line per volume or why a
 * partition was not mounted. */
void io_init(void);
/* The volume with drive letter (either case), or NULL. */
struct io_volume *io_volume(char letter);
/* GetVolumeInformation's figures of v: its serial number and label
 * (fat_serial, fat_label); a device error reading the root directory. */
uint32_t io_volume_query(struct io_volume *v, uint32_t *serial, char label[12]);
/* The NT device form ("\Device\HarddiskVolume1\DIR\FILE") of the full path
 * path ("C:\DIR\FILE"), as GetMappedFileName shows it, into buf[size]; a
 * path on no volume (a boot module's name) as it is. */
void io_device_path(const char *path, char *buf, uint32_t size);
/* Settles now what the lazy writer would within a tick: the references of
 * file mappings given back (run= calls it before counting leaks). */
void io_settle(void);
/* Flushes and unmounts every volume (shutdown): afterwards no file call may
 * be made. Open files are reported and their volume left mounted but flushed. */
void io_shutdown(void);

/* Writes and frees every closed file's cached pages and records, on every
 * volume: what stays of the file cache once nothing is open (the leak
 * check's before and after agree exactly). */
void io_cache_purge(void);

void io_lock(struct io_volume *v);
void io_unlock(struct io_volume *v);

#endif
