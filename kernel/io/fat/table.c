/* The file allocation table: entries through a one-sector cache written to
 * every FAT copy, chains walked with bounds, and cluster allocation that keeps
 * files contiguous. See kernel/io/fat/fatp.h. */
#include "kernel/io/fat/fatp.h"
#include "kernel/rtl/winerror.h"

/* Whether c names a data cluster of the volume. */
bool fat_cluster_valid(const struct fat_volume *v, uint32_t c)
{
	return c >= 2 && c - 2 < v->clusters;
}

/* The first device sector of data cluster c (valid). */
uint32_t fat_cluster_lba(const struct fat_volume *v, uint32_t c)
{
	return v->data_lba + (c - 2) * v->cluster_sectors;
}

/* One metadata sector through the device's metadata path (see struct
 * fat_blockdev). */
uint32_t fat_meta_read(struct fat_volume *v, uint32_t lba, void *buf)
{
	return v->dev.meta_read ? v->dev.meta_read(v->dev.ctx, lba, buf)
				: v->dev.read(v->dev.ctx, lba, 1, buf);
}

uint32_t fat_meta_write(struct fat_volume *v, uint32_t lba, const void *buf)
{
	return v->dev.meta_write ? v->dev.meta_write(v->dev.ctx, lba, buf)
				 : v->dev.write(v->dev.ctx, lba, 1, buf);
}

/* Writes the cached FAT sector, when changed, to every FAT copy in order. */
uint32_t fat_table_flush(struct fat_volume *v)
{
	uint32_t err;

	if (!v->fat_dirty)
		return ERROR_SUCCESS;
	for (uint32_t k = 0; k < v->fat_copies; k++) {
		err = fat_meta_write(v, v->fat_lba + k * v->fat_stride + v->fat_cached, v->fat_buf);
		if (err)
			return err;
	}
	v->fat_dirty = false;
	return ERROR_SUCCESS;
}

/* Brings the FAT sector holding entry c into the cache (writing the one it
 * replaces first) and returns the entry's byte offset there. */
static uint32_t load(struct fat_volume *v, uint32_t c, uint32_t *offset)
{
	uint32_t sector = c / FAT_ENTRIES_PER_SECTOR, err;

	*offset = c % FAT_ENTRIES_PER_SECTOR * 4;
	if (sector == v->fat_cached)
		return ERROR_SUCCESS;
	if ((err = fat_table_flush(v)))
		return err;
	v->fat_cached = ~0u;
	if ((err = fat_meta_read(v, v->fat_lba + sector, v->fat_buf)))
		return err;
	v->fat_cached = sector;
	return ERROR_SUCCESS;
}

static uint32_t get_le32(const uint8_t *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

static void put_le32(uint8_t *p, uint32_t x)
{
	p[0] = x;
	p[1] = x >> 8;
	p[2] = x >> 16;
	p[3] = x >> 24;
}

/* The 28-bit FAT entry of cluster c (c below clusters + 2). */
uint32_t fat_get(struct fat_volume *v, uint32_t c, uint32_t *value)
{
	uint32_t offset, err = load(v, c, &offset);

	if (!err)
		*value = get_le32(v->fat_buf + offset) & FAT_MASK;
	return err;
}

/* Sets cluster c's entry to value, keeping the reserved high four bits. The
 * sector reaches the disk when the cache moves on or at fat_table_flush. */
uint32_t fat_set(struct fat_volume *v, uint32_t c, uint32_t value)
{
	uint32_t offset, err = load(v, c, &offset);

	if (err)
		return err;
	put_le32(v->fat_buf + offset, (get_le32(v->fat_buf + offset) & ~FAT_MASK) | value);
	v->fat_dirty = true;
	return ERROR_SUCCESS;
}

/* The cluster after c in its chain (c valid), 0 when c ends it; a free, bad or
 * out-of-range entry in a chain gives ERROR_FILE_CORRUPT. */
uint32_t fat_next(struct fat_volume *v, uint32_t c, uint32_t *next)
{
	uint32_t value, err = fat_get(v, c, &value);

	if (err)
		return err;
	if (value >= FAT_EOC_MIN)
		value = 0;
	else if (!fat_cluster_valid(v, value))
		return ERROR_FILE_CORRUPT;
	*next = value;
	return ERROR_SUCCESS;
}

/* Walks the chain from first (valid) to its end: *last and *length. A chain
 * longer than max clusters (a loop, or more than its owner can hold) gives
 * ERROR_FILE_CORRUPT. */
uint32_t fat_chain_end(struct fat_volume *v, uint32_t first, uint32_t max, uint32_t *last,
		       uint32_t *length)
{
	uint32_t c = first, next, n = 1, err;

	for (;;) {
		if ((err = fat_next(v, c, &next)))
			return err;
		if (!next)
			break;
		if (++n > max)
			return ERROR_FILE_CORRUPT;
		c = next;
	}
	*last = c;
	*length = n;
	return ERROR_SUCCESS;
}

/* Finds free clusters without taking them: the first free cluster at or after
 * near (else after the FSInfo hint; wrapping once round the volume), and the
 * free ones right after it, up to want. ERROR_DISK_FULL when none is free. */
uint32_t fat_find_run(struct fat_volume *v, uint32_t near, uint32_t want, uint32_t *first,
		      uint32_t *count)
{
	uint32_t c, value, n, err;

	if ((err = fat_reclaim(v, 1)))
		return err;
	if (v->free_count == 0)
		return ERROR_DISK_FULL;
	if (!fat_cluster_valid(v, near))
		near = fat_cluster_valid(v, v->next_free) ? v->next_free : 2;
	c = near;
	for (uint32_t seen = 0;; seen++) {
		if (seen == v->clusters)
			return ERROR_DISK_CORRUPT;      /* free_count said otherwise */
		if ((err = fat_get(v, c, &value)))
			return err;
		if (value == 0)
			break;
		c = fat_cluster_valid(v, c + 1) ? c + 1 : 2;
	}
	for (n = 1; n < want && fat_cluster_valid(v, c + n); n++) {
		if ((err = fat_get(v, c + n, &value)))
			return err;
		if (value != 0)
			break;
	}
	*first = c;
	*count = n;
	return ERROR_SUCCESS;
}

/* Takes the free run first..first+count-1 as a chain (no longer counted
 * free), then links it after prev (0: it starts a chain). The run's entries
 * change before prev's, so the link reaches the disk last. */
uint32_t fat_link_run(struct fat_volume *v, uint32_t prev, uint32_t first, uint32_t count)
{
	uint32_t err;

	for (uint32_t i = 0; i < count; i++)
		if ((err = fat_set(v, first + i, i + 1 < count ? first + i + 1 : FAT_EOC)))
			return err;
	v->free_count -= count;
	v->next_free = first + count - 1;
	return prev ? fat_set(v, prev, first) : ERROR_SUCCESS;
}

/* Frees the chain from first, length clusters long, now, and counts them free. */
static uint32_t chain_release(struct fat_volume *v, uint32_t first, uint32_t length)
{
	uint32_t c = first, next, err;

	for (uint32_t i = 0; i < length && c; i++) {
		if ((err = fat_next(v, c, &next)) || (err = fat_set(v, c, 0)))
			return err;
		v->free_count++;
		c = next;
	}
	return ERROR_SUCCESS;
}

/* Frees the chain from first, length clusters long (as fat_chain_end found).
 * Under a metadata cache (meta_flush) the chain only waits, linked, for
 * fat_release_freed: the entry that no longer holds it must reach the disk
 * first, and the cache's own write-back takes it there without a write per
 * delete. */
uint32_t fat_free_chain(struct fat_volume *v, uint32_t first, uint32_t length)
{
	uint32_t err;

	if (!v->dev.meta_flush)
		return chain_release(v, first, length);
	if (v->freed_count == FAT_FREED_MAX && (err = fat_reclaim(v, ~0u)))
		return err;
	v->freed[v->freed_count++] = (struct fat_chain){ first, length };
	v->freed_clusters += length;
	return ERROR_SUCCESS;
}

uint32_t fat_release_freed(struct fat_volume *v)
{
	uint32_t err = ERROR_SUCCESS;

	/* Each chain leaves the list before it is released: one that fails
	 * half way is not walked again (its clusters stay lost). */
	while (v->freed_count && !err) {
		struct fat_chain ch = v->freed[--v->freed_count];
		v->freed_clusters -= ch.length;
		err = chain_release(v, ch.first, ch.length);
	}
	return err;
}

bool fat_has_freed(const struct fat_volume *v)
{
	return v->freed_count != 0;
}

/* Makes the freed chains free now when fewer than need clusters are free
 * (~0u: in any case): the metadata cache is written first (an erased entry
 * before the FAT that frees its clusters), then they are released. Called
 * where no operation is half done in the cache. */
uint32_t fat_reclaim(struct fat_volume *v, uint32_t need)
{
	uint32_t err;

	if (!v->freed_count || (need != ~0u && v->free_count >= need))
		return ERROR_SUCCESS;
	if ((err = fat_table_flush(v)) || (err = v->dev.meta_flush(v->dev.ctx)))
		return err;
	return fat_release_freed(v);
}

/* Counts the free clusters into v->free_count (at mount). */
uint32_t fat_count_free(struct fat_volume *v)
{
	uint32_t value, err, n = 0;

	for (uint32_t c = 2; fat_cluster_valid(v, c); c++) {
		if ((err = fat_get(v, c, &value)))
			return err;
		n += value == 0;
	}
	v->free_count = n;
	return ERROR_SUCCESS;
}
