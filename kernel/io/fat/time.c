/* Directory-entry time stamps: FAT's packed dates and times from and to
 * struct fat_time, and the clock. See kernel/io/fat/fatp.h. */
#include "kernel/io/fat/fatp.h"
#include "kernel/rtl/string.h"

/* Packs t into FAT's date (days since 1980), time (two-second units) and, when
 * tenth is not NULL, the creation time's hundredths (0..199). Years outside
 * 1980..2107 are clamped to the range's ends. */
void fat_time_set(const struct fat_time *t, uint16_t *date, uint16_t *time, uint8_t *tenth)
{
	struct fat_time c = *t;

	if (c.year < 1980)
		c = (struct fat_time){ .year = 1980, .month = 1, .day = 1 };
	else if (c.year > 2107)
		c = (struct fat_time){ .year = 2107, .month = 12, .day = 31, .hour = 23,
				       .minute = 59, .second = 58 };
	*date = (uint16_t)((c.year - 1980) << 9 | c.month << 5 | c.day);
	*time = (uint16_t)(c.hour << 11 | c.minute << 5 | c.second / 2);
	if (tenth)
		*tenth = (uint8_t)(c.second % 2 * 100 + c.milliseconds / 10);
}

/* Unpacks a FAT date and time (a date of 0 means none: all zeros). */
static struct fat_time unpack(uint16_t date, uint16_t time, uint8_t tenth)
{
	struct fat_time t = { 0 };

	if (date == 0)
		return t;
	t.year = 1980 + (date >> 9);
	t.month = date >> 5 & 15;
	t.day = date & 31;
	t.hour = time >> 11;
	t.minute = time >> 5 & 63;
	t.second = (time & 31) * 2 + tenth / 100;
	t.milliseconds = tenth % 100 * 10;
	return t;
}

/* Stamps de with the clock's time: its access date always, its creation time
 * when create, its write time when write. */
void fat_stamp(struct fat_volume *v, struct fat_dirent *de, bool create, bool write)
{
	struct fat_time now;
	uint16_t unused;

	v->clock(&now);
	fat_time_set(&now, &de->adate, &unused, NULL);
	if (create)
		fat_time_set(&now, &de->cdate, &de->ctime, &de->ctime_tenth);
	if (write)
		fat_time_set(&now, &de->wdate, &de->wtime, NULL);
}

/* Fills info's attributes, size and times from de (names are the caller's). */
void fat_info_fill(const struct fat_dirent *de, struct fat_info *info)
{
	memset(info, 0, sizeof(*info));
	info->attributes = de->attr & (FAT_ATTR_SETTABLE | FAT_ATTR_DIRECTORY);
	info->size = de->attr & FAT_ATTR_DIRECTORY ? 0 : de->size;
	info->created = unpack(de->cdate, de->ctime, de->ctime_tenth);
	info->accessed = unpack(de->adate, 0, 0);
	info->written = unpack(de->wdate, de->wtime, 0);
}
