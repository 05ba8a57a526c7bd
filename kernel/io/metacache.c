/* The metadata cache: a volume's FAT, FSInfo and directory sectors, kept in
 * memory and written back (NT's FAT driver reads them through the cache
 * manager as the volume's metadata streams; here the FAT driver's
 * struct fat_blockdev meta_read/meta_write). Sector-sized entries, since
 * FAT metadata is written a sector at a time and a page of the volume may
 * hold a file's data next to a directory's sectors (512-byte clusters): a
 * page-granular stream would write data sectors it does not own.
 *
 * Written back, in sector order (FSInfo, the FAT copies, then the
 * directories: a FAT entry before the entry that uses it), by io_meta_flush,
 * which the lazy writer, FlushFileBuffers and shutdown call after the file
 * data: data, then FAT, then directory entry (issue 18's power-loss order).
 * Only when every entry is dirty does a miss write them all at once, ahead
 * of the data the cache holds. A sector written as file data (a freed
 * directory cluster reused) drops its entry: a stale directory sector must
 * never be written over it. Everything runs under the volume lock. */
#include "kernel/io/iop.h"
#include "arch/ide.h"
#include "kernel/rtl/string.h"
#include "kernel/rtl/winerror.h"
#include "mm/pool.h"

#define META_SECTORS  256u              /* 128 KB per volume */
#define META_BUCKETS  128u
#define META_NONE     0xffffu
#define META_GROUP    8u                /* a miss reads the 4 KB around the sector */

struct meta_entry {
	uint32_t lba;
	uint16_t next;                  /* the bucket's chain */
	bool used, dirty, recent;
};

struct io_meta {
	uint8_t *data;                  /* META_SECTORS sectors */
	struct meta_entry e[META_SECTORS];
	uint16_t bucket[META_BUCKETS];
	uint32_t hand;                  /* the clock's */
	uint32_t dirty;
	uint8_t group[META_GROUP * IDE_SECTOR_SIZE];    /* a miss's read */
};

static uint8_t *sector_of(struct io_meta *m, uint32_t i)
{
	return m->data + i * IDE_SECTOR_SIZE;
}

uint32_t io_meta_create(struct io_volume *v)
{
	struct io_meta *m = kmalloc(sizeof(*m));

	if (!m)
		return ERROR_NOT_ENOUGH_MEMORY;
	memset(m, 0, sizeof(*m));
	if (!(m->data = kpage_alloc(META_SECTORS * IDE_SECTOR_SIZE / PAGE_SIZE))) {
		kfree(m);
		return ERROR_NOT_ENOUGH_MEMORY;
	}
	for (uint32_t b = 0; b < META_BUCKETS; b++)
		m->bucket[b] = META_NONE;
	v->meta = m;
	return ERROR_SUCCESS;
}

void io_meta_free(struct io_volume *v)
{
	if (!v->meta)
		return;
	kpage_free(v->meta->data);
	kfree(v->meta);
	v->meta = NULL;
}

/* The entry of sector lba, or META_NONE. */
static uint32_t find(const struct io_meta *m, uint32_t lba)
{
	uint32_t i = m->bucket[lba % META_BUCKETS];

	while (i != META_NONE && m->e[i].lba != lba)
		i = m->e[i].next;
	return i;
}

static void unhash(struct io_meta *m, uint32_t i)
{
	uint16_t *link = &m->bucket[m->e[i].lba % META_BUCKETS];

	while (*link != i)
		link = &m->e[*link].next;
	*link = m->e[i].next;
	m->e[i].used = false;
}

/* Writes every dirty entry, in sector order, consecutive sectors in one
 * request; entries that fail stay dirty. The first error. */
uint32_t io_meta_flush(struct io_volume *v)
{
	struct io_meta *m = v->meta;
	uint32_t err = ERROR_SUCCESS, e, last = 0;

	while (m && m->dirty) {
		/* The lowest dirty sector above the last one written, then
		 * the run of dirty sectors after it (at most the bounce). */
		uint32_t first = META_NONE, n = 0, i;
		for (i = 0; i < META_SECTORS; i++)
			if (m->e[i].used && m->e[i].dirty && m->e[i].lba >= last &&
			    (first == META_NONE || m->e[i].lba < m->e[first].lba))
				first = i;
		if (first == META_NONE)
			break;
		last = m->e[first].lba;
		while (n < IDE_MAX_PAGES * IDE_SECTORS_PER_PAGE &&
		       (i = find(m, last + n)) != META_NONE && m->e[i].dirty) {
			memcpy(v->bounce + n * IDE_SECTOR_SIZE, sector_of(m, i), IDE_SECTOR_SIZE);
			n++;
		}
		if ((e = iop_disk_move(v, last, n, NULL, true)) == ERROR_SUCCESS) {
			for (uint32_t k = 0; k < n; k++)
				m->e[find(m, last + k)].dirty = false;
			m->dirty -= n;
		} else if (!err) {
			err = e;
		}
		last += n;
	}
	return err;
}

uint32_t io_meta_flush_dev(void *ctx)
{
	return io_meta_flush(ctx);
}

/* A free entry for sector lba (not cached), hashed, clean: the clock passes
 * over recently used and dirty entries; when all are dirty, they are
 * written first. */
static uint32_t take(struct io_volume *v, uint32_t lba)
{
	struct io_meta *m = v->meta;
	uint32_t i;

	for (uint32_t seen = 0;; seen++) {
		if (seen == 2 * META_SECTORS && io_meta_flush(v) != ERROR_SUCCESS)
			return META_NONE;
		i = m->hand;
		m->hand = (m->hand + 1) % META_SECTORS;
		if (!m->e[i].used)
			break;
		if (m->e[i].dirty)
			continue;
		if (m->e[i].recent) {
			m->e[i].recent = false;
			continue;
		}
		unhash(m, i);
		break;
	}
	m->e[i] = (struct meta_entry){ .lba = lba, .next = m->bucket[lba % META_BUCKETS],
				       .used = true, .recent = true };
	m->bucket[lba % META_BUCKETS] = (uint16_t)i;
	return i;
}

/* Reads the group of sectors around lba into the cache (those not cached
 * already), or lba alone when the group fails (a bad data sector beside a
 * directory's must not fail the directory); the entry of lba, or
 * META_NONE with *err. */
static uint32_t fill(struct io_volume *v, uint32_t lba, uint32_t *err)
{
	uint32_t first = lba - lba % META_GROUP, n = META_GROUP, i, at = META_NONE, absent = 0;

	if (first + n > v->sectors)
		n = v->sectors - first;
	/* Only the sectors absent now are the disk's: taking an entry below
	 * may write and evict one that was dirty, whose copy read here is old. */
	for (uint32_t k = 0; k < n; k++)
		absent |= (find(v->meta, first + k) == META_NONE) << k;
	if (iop_disk_move(v, first, n, v->meta->group, false) != ERROR_SUCCESS) {
		absent = 1u << (lba - first);
		if ((*err = iop_disk_move(v, lba, 1,
					  v->meta->group + (lba - first) * IDE_SECTOR_SIZE, false)))
			return META_NONE;
	}
	/* lba's own entry last: taking another's cannot evict it. */
	for (uint32_t j = 1; j <= n; j++) {
		uint32_t k = (lba - first + j) % n;
		if (!(absent & (1u << k)))
			continue;
		if ((i = take(v, first + k)) == META_NONE) {
			*err = ERROR_IO_DEVICE;
			return META_NONE;
		}
		memcpy(sector_of(v->meta, i), v->meta->group + k * IDE_SECTOR_SIZE, IDE_SECTOR_SIZE);
		at = i;
	}
	return at;
}

uint32_t io_meta_read(void *ctx, uint32_t lba, void *buf)
{
	struct io_volume *v = ctx;
	uint32_t i, err = ERROR_SUCCESS;

	if (lba >= v->sectors)
		return ERROR_IO_DEVICE;
	if ((i = find(v->meta, lba)) == META_NONE && (i = fill(v, lba, &err)) == META_NONE)
		return err;
	v->meta->e[i].recent = true;
	memcpy(buf, sector_of(v->meta, i), IDE_SECTOR_SIZE);
	return ERROR_SUCCESS;
}

uint32_t io_meta_write(void *ctx, uint32_t lba, const void *buf)
{
	struct io_volume *v = ctx;
	struct io_meta *m = v->meta;
	uint32_t i;

	if (lba >= v->sectors)
		return ERROR_IO_DEVICE;
	if ((i = find(m, lba)) == META_NONE && (i = take(v, lba)) == META_NONE)
		return ERROR_IO_DEVICE;
	memcpy(sector_of(m, i), buf, IDE_SECTOR_SIZE);
	m->e[i].recent = true;
	if (!m->e[i].dirty) {
		m->e[i].dirty = true;
		m->dirty++;
	}
	return ERROR_SUCCESS;
}

void io_meta_forget(struct io_volume *v, uint32_t lba, uint32_t count)
{
	struct io_meta *m = v->meta;
	uint32_t i;

	for (uint32_t k = 0; m && k < count; k++) {
		if ((i = find(m, lba + k)) == META_NONE)
			continue;
		if (m->e[i].dirty)
			m->dirty--;
		unhash(m, i);
	}
}

bool io_meta_dirty(const struct io_volume *v)
{
	return v->meta && v->meta->dirty;
}
