/* The volumes: FAT partitions found on the IDE disks, mounted at boot over a
 * block device that sleeps on the IDE driver; see kernel/io/volume.h. */
#include "kernel/io/volume.h"
#include "kernel/io/iop.h"
#include "kernel/ke/systime.h"
#include "kernel/ke/thread.h"
#include "kernel/rtl/console.h"
#include "kernel/rtl/format.h"
#include "kernel/rtl/string.h"
#include "kernel/rtl/time.h"
#include "kernel/rtl/winerror.h"
#include "arch/cpu.h"
#include "arch/ide.h"
#include "arch/mbr.h"
#include "arch/mmu.h"
#include "mm/filecache.h"
#include "mm/pool.h"

#define CHUNK_SECTORS (IDE_MAX_PAGES * IDE_SECTORS_PER_PAGE)

static const struct ke_lock_class volume_class = { "volume", KE_RANK_VOLUME, false, NULL };
static struct io_volume *volumes[IO_VOLUMES];

void io_lock(struct io_volume *v)
{
	ke_acquire_guarded_mutex(&v->lock);
}

/* Overlapped change notifications answered meanwhile complete once the
 * lock is dropped (kernel/io/notify.c). */
void io_unlock(struct io_volume *v)
{
	struct io_notify_request *done = v->notify_done;

	v->notify_done = NULL;
	ke_release_guarded_mutex(&v->lock);
	if (done)
		iop_notify_complete(done);
}

struct io_volume *io_volume(char letter)
{
	if (letter >= 'a' && letter <= 'z')
		letter = (char)(letter - 'a' + 'A');
	if (letter < 'C' || letter > 'Z')
		return NULL;
	return volumes[letter - 'C'];
}

uint32_t io_volume_query(struct io_volume *v, uint32_t *serial, char label[12])
{
	uint32_t err;

	io_lock(v);
	*serial = fat_serial(v->fat);
	err = fat_label(v->fat, label);
	io_unlock(v);
	return err;
}

/* One request in flight and the thread sleeping for it. */
struct io_wait {
	struct wait_queue q;
	bool done;
};

static void request_done(struct ide_request *r)
{
	struct io_wait *w = r->ctx;

	w->done = true;
	wait_queue_wake_all(&w->q);
}

/* The Win32 error for a failed request: a medium error is a CRC error to
 * Windows, anything else a device error. */
static uint32_t request_error(const struct ide_request *r)
{
	const uint8_t ata_unc = 0x40;

	if (r->status == IDE_OK)
		return ERROR_SUCCESS;
	kprintf("io: disk %u: %s of %u sector(s) at %u failed: %s\n", r->disk,
		r->write ? "write" : "read", r->sectors, (uint32_t)r->lba,
		ide_status_text(r->status, r->ata_error));
	return r->status == IDE_ERR_DEVICE && (r->ata_error & ata_unc) ? ERROR_CRC
									  : ERROR_IO_DEVICE;
}

/* Moves count sectors (at most CHUNK_SECTORS) at partition sector lba
 * to or from frames, sleeping until the disk is done. */
static uint32_t move_chunk(struct io_volume *v, uint32_t lba, uint32_t count, const pfn_t *frames,
			   bool write)
{
	struct io_wait w = { .done = false };
	struct ide_request r = {
		.disk = v->disk, .lba = (uint64_t)v->first_lba + lba,
		.pages = (count + IDE_SECTORS_PER_PAGE - 1) / IDE_SECTORS_PER_PAGE,
		.sectors = count, .write = write, .done = request_done, .ctx = &w,
	};
	bool irq;

	memcpy(r.frames, frames, r.pages * sizeof(pfn_t));
	ide_submit(&r);
	/* The dispatcher's interrupts-off rule from the test to the sleep: the
	 * completion interrupt cannot slip in between. */
	irq = irq_save();
	while (!w.done)
		wait_queue_sleep_uninterruptible(&w.q);
	irq_restore(irq);
	return request_error(&r);
}

uint32_t iop_disk_move(struct io_volume *v, uint32_t lba, uint32_t count, uint8_t *buf,
		       bool write)
{
	if (lba >= v->sectors || count > v->sectors - lba || (!buf && count > CHUNK_SECTORS))
		return ERROR_IO_DEVICE;
	while (count) {
		uint32_t n = count < CHUNK_SECTORS ? count : CHUNK_SECTORS, err;

		if (write && buf)
			memcpy(v->bounce, buf, n * IDE_SECTOR_SIZE);
		if ((err = move_chunk(v, lba, n, v->frames, write)) != ERROR_SUCCESS)
			return err;
		if (!write && buf)
			memcpy(buf, v->bounce, n * IDE_SECTOR_SIZE);
		if (!buf)
			break;
		buf += n * IDE_SECTOR_SIZE;
		lba += n;
		count -= n;
	}
	return ERROR_SUCCESS;
}

uint32_t iop_disk_frames(struct io_volume *v, uint32_t lba, const pfn_t *frames,
			 uint32_t sectors, bool write)
{
	if (lba >= v->sectors || sectors > v->sectors - lba)
		return ERROR_IO_DEVICE;
	if (write)
		io_meta_forget(v, lba, sectors);
	while (sectors) {
		uint32_t n = sectors < CHUNK_SECTORS ? sectors : CHUNK_SECTORS, err;

		if ((err = move_chunk(v, lba, n, frames, write)) != ERROR_SUCCESS)
			return err;
		frames += IDE_MAX_PAGES;
		lba += n;
		sectors -= n;
	}
	return ERROR_SUCCESS;
}

static uint32_t blk_read(void *ctx, uint32_t lba, uint32_t count, void *buf)
{
	return iop_disk_move(ctx, lba, count, buf, false);
}

/* The FAT driver's data writes (its metadata goes through metacache.c). */
static uint32_t blk_write(void *ctx, uint32_t lba, uint32_t count, const void *buf)
{
	struct io_volume *v = ctx;

	if (lba < v->sectors && count <= v->sectors - lba)
		io_meta_forget(v, lba, count);
	return iop_disk_move(v, lba, count, (uint8_t *)buf, true);
}

/* The FAT driver's clock: the system time (local time is UTC). */
static void fat_clock(struct fat_time *t)
{
	struct rtl_time_fields f;

	rtl_time_to_fields(ke_system_time(), &f);
	*t = (struct fat_time){ f.year, f.month, f.day, f.hour, f.minute, f.second,
				f.milliseconds };
}

/* A volume record for partition p of disk with its bounce pages; NULL when
 * memory is short. */
static struct io_volume *volume_new(unsigned disk, const struct mbr_partition *p)
{
	struct io_volume *v = kmalloc(sizeof(*v));

	if (!v)
		return NULL;
	memset(v, 0, sizeof(*v));
	if (!(v->bounce = kpage_alloc(IDE_MAX_PAGES))) {
		kfree(v);
		return NULL;
	}
	if (!(v->cache_buf = kpage_alloc(MM_FILE_CLUSTER)) || io_meta_create(v)) {
		kpage_free(v->bounce);
		if (v->cache_buf)
			kpage_free(v->cache_buf);
		kfree(v);
		return NULL;
	}
	for (unsigned i = 0; i < IDE_MAX_PAGES; i++)
		v->frames[i] = mmu_query((vaddr_t)v->bounce + i * PAGE_SIZE).pfn;
	v->disk = disk;
	v->partition = p->number;
	v->first_lba = p->first_lba;
	v->sectors = p->sectors;
	v->dev = (struct fat_blockdev){ blk_read, blk_write, v, p->sectors, io_meta_read,
					io_meta_write, io_meta_flush_dev };
	ke_init_guarded_mutex(&v->lock, &volume_class);
	return v;
}

static void volume_free(struct io_volume *v)
{
	io_meta_free(v);
	kpage_free(v->bounce);
	kpage_free(v->cache_buf);
	kfree(v);
}

/* Mounts partition p of disk as the next drive letter, or logs why not. */
static void mount_partition(unsigned disk, const struct mbr_partition *p, unsigned *next)
{
	struct io_volume *v = volume_new(disk, p);
	const char *why = "out of memory";
	uint32_t err = ERROR_NOT_ENOUGH_MEMORY, cluster, free, total;

	if (*next >= IO_VOLUMES) {
		kprintf("io: disk %u partition %u: not mounted: no drive letter left\n", disk,
			p->number);
		if (v)
			volume_free(v);
		return;
	}
	if (v && (err = fat_mount(&v->dev, fat_clock, &v->fat, &why)) == ERROR_SUCCESS) {
		v->letter = (char)('C' + *next);
		volumes[(*next)++] = v;
		fat_space(v->fat, &cluster, &free, &total);
		kprintf("io: %c: is disk %u (%s) partition %u, FAT32, %u MiB, %u-byte clusters, "
			"%u of %u free\n", v->letter, disk, ide_position(disk), p->number,
			p->sectors / 2048, cluster, free, total);
		return;
	}
	kprintf("io: disk %u partition %u: not mounted (error %u): %s\n", disk, p->number, err,
		why ? why : "");
	if (v)
		volume_free(v);
}

/* Reads disk's partition table through a temporary volume over the whole disk. */
static void mount_disk(unsigned disk, unsigned *next)
{
	struct mbr_partition whole = { 0, 0, 0, (uint32_t)ide_sectors(disk) };
	struct io_volume *tmp = volume_new(disk, &whole);
	uint8_t *mbr = kmalloc(MBR_SIZE);
	struct mbr_partition p;

	if (tmp && mbr && blk_read(tmp, 0, 1, mbr) == ERROR_SUCCESS && !mbr_table_problem(mbr))
		for (uint32_t n = 1; n <= MBR_ENTRIES; n++)
			if (!mbr_entry(mbr, n, &p) && mbr_fat_kind(p.type))
				mount_partition(disk, &p, next);
	kfree(mbr);
	if (tmp)
		volume_free(tmp);
}

void io_init(void)
{
	unsigned next = 0;

	cache_init();
	mapping_init();
	for (unsigned disk = 0; disk < IDE_DISKS; disk++)
		if (ide_present(disk))
			mount_disk(disk, &next);
}

void io_device_path(const char *path, char *buf, uint32_t size)
{
	struct io_volume *v = path[0] && path[1] == ':' && path[2] == '\\' ? io_volume(path[0]) : NULL;

	/* Windows numbers the volumes HarddiskVolume1...; vados's C: is the first. */
	if (v)
		ksnprintf(buf, size, "\\Device\\HarddiskVolume%u%s", (unsigned)(v->letter - 'C' + 1),
			  path + 2);
	else
		strlcpy(buf, path, size);
}

void io_settle(void)
{
	cache_settle();
}

void io_cache_purge(void)
{
	for (unsigned i = 0; i < IO_VOLUMES; i++) {
		struct io_volume *v = volumes[i];
		if (!v)
			continue;
		io_lock(v);
		mapping_settle_locked(v);
		iop_evict_all_locked(v);
		io_unlock(v);
	}
}

void io_shutdown(void)
{
	cache_shutdown();       /* the flushes below are the last writes */
	for (unsigned i = 0; i < IO_VOLUMES; i++) {
		struct io_volume *v = volumes[i];
		uint32_t err;

		if (!v)
			continue;
		io_lock(v);
		mapping_settle_locked(v);
		iop_evict_all_locked(v);
		err = file_flush_volume_locked(v, NULL);
		if (!err && !v->fcbs && (err = fat_unmount(v->fat)) == ERROR_SUCCESS &&
		    (err = io_meta_flush(v)) == ERROR_SUCCESS)
			volumes[i] = NULL;
		io_unlock(v);
		if (volumes[i])
			kprintf("io: %c: flushed but left mounted (%s, error %u)\n", v->letter,
				v->fcbs ? "files are open" : "the flush failed", err);
		else {
			kprintf("io: %c: flushed and unmounted\n", v->letter);
			volume_free(v);
		}
	}
}
