/* MBR partition tables; see arch/mbr.h. */
#include "arch/mbr.h"

#define MBR_TABLE      446u             /* four 16-byte entries */
#define MBR_ENTRY_SIZE 16u
#define MBR_SIGNATURE  510u             /* 0x55 0xAA */
#define ENTRY_STATUS   0u               /* 0x00, or 0x80: bootable */
#define ENTRY_TYPE     4u
#define ENTRY_LBA      8u
#define ENTRY_SECTORS  12u

static uint32_t le32(const uint8_t *p)
{
	return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

const char *mbr_table_problem(const uint8_t sector[MBR_SIZE])
{
	if (sector[MBR_SIGNATURE] != 0x55 || sector[MBR_SIGNATURE + 1] != 0xaa)
		return "no partition table (no 55 AA signature in sector 0)";
	return NULL;
}

const char *mbr_entry(const uint8_t sector[MBR_SIZE], uint32_t number, struct mbr_partition *p)
{
	const char *why = mbr_table_problem(sector);
	const uint8_t *e;
	uint32_t first, n;

	if (why)
		return why;
	if (number < 1 || number > MBR_ENTRIES)
		return "no such partition entry";
	e = sector + MBR_TABLE + (number - 1) * MBR_ENTRY_SIZE;
	if (e[ENTRY_TYPE] == 0)
		return "an empty partition entry";
	first = le32(e + ENTRY_LBA);
	n = le32(e + ENTRY_SECTORS);
	if (e[ENTRY_STATUS] != 0 && e[ENTRY_STATUS] != 0x80)
		return "the partition entry has a bad status byte";
	if (first == 0 || n == 0)
		return "the partition starts at sector 0 or has no sectors";
	if (first + n < first)
		return "the partition runs past sector 2^32";
	*p = (struct mbr_partition){ number, e[ENTRY_TYPE], first, n };
	return NULL;
}

uint32_t mbr_find(const uint8_t sector[MBR_SIZE], uint8_t type)
{
	if (mbr_table_problem(sector))
		return 0;
	for (uint32_t i = 0; i < MBR_ENTRIES; i++)
		if (sector[MBR_TABLE + i * MBR_ENTRY_SIZE + ENTRY_TYPE] == type)
			return i + 1;
	return 0;
}

const char *mbr_fat_kind(uint8_t type)
{
	switch (type) {
	case MBR_TYPE_FAT32_CHS:
	case MBR_TYPE_FAT32_LBA:
		return "FAT32";
	case MBR_TYPE_FAT16_SMALL:
	case MBR_TYPE_FAT16:
	case MBR_TYPE_FAT16_LBA:
		return "FAT16";
	case MBR_TYPE_FAT12:
		return "FAT12";
	}
	return NULL;
}
