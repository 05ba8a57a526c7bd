/* The MBR partition table (pure; host-tested): the four primary entries of
 * sector 0 as sfdisk writes them, and which types are FAT volumes and Linux
 * swap. Used by the IDE driver's boot log, the swap partition's search
 * (mm/swaphdr.c) and the volume mount. Calls nothing. */
#ifndef ARCH_MBR_H
#define ARCH_MBR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MBR_SIZE            512u
#define MBR_ENTRIES         4u
#define MBR_TYPE_FAT12      0x01
#define MBR_TYPE_FAT16_SMALL 0x04       /* under 32 MiB */
#define MBR_TYPE_FAT16      0x06
#define MBR_TYPE_FAT32_CHS  0x0b
#define MBR_TYPE_FAT32_LBA  0x0c        /* what tools/mkdisk.sh writes */
#define MBR_TYPE_FAT16_LBA  0x0e
#define MBR_TYPE_LINUX_SWAP 0x82

struct mbr_partition {
	uint32_t number;                /* 1..4: the entry's place in the table */
	uint8_t type;
	uint32_t first_lba, sectors;
};

/* Why sector holds no partition table (no 55 AA signature); NULL when it does. */
const char *mbr_table_problem(const uint8_t sector[MBR_SIZE]);
/* Entry number (1..4) of the table in sector: NULL and *p filled when it is a
 * usable partition; else why not (no table, an empty entry, a bad status
 * byte, a start at sector 0, no sectors, an end past sector 2^32), *p
 * untouched. */
const char *mbr_entry(const uint8_t sector[MBR_SIZE], uint32_t number, struct mbr_partition *p);
/* The number (1..4) of the table's first entry of type `type`; 0 when there
 * is none or no table. */
uint32_t mbr_find(const uint8_t sector[MBR_SIZE], uint8_t type);
/* "FAT32", "FAT16" or "FAT12" for the types DOS and Windows give FAT volumes;
 * NULL for any other. */
const char *mbr_fat_kind(uint8_t type);

#endif
