/* The on-disk formats that locate swap (pure; host-tested): the MBR partition
 * table and the Linux swap header (version 1, "SWAPSPACE2"), as sfdisk and
 * mkswap write them. All fields are little-endian. */
#ifndef MM_SWAPHDR_H
#define MM_SWAPHDR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MBR_SIZE              512u
#define MBR_TYPE_LINUX_SWAP   0x82
#define SWAP_HEADER_SIZE      4096u
#define SWAP_SECTORS_PER_PAGE 8u

/* Finds the first primary partition of type 0x82 (Linux swap) in the MBR
 * sector: its first sector and length. false, outputs untouched, when the
 * sector has no MBR signature or no usable swap entry. */
bool mbr_find_swap(const uint8_t sector[MBR_SIZE], uint32_t *first_lba, uint32_t *sectors);
/* Why mbr_find_swap fails on sector, in words; NULL when it succeeds. */
const char *mbr_swap_problem(const uint8_t sector[MBR_SIZE]);

/* Whether page, the first page of a swap partition of partition_sectors
 * sectors, is a valid version-1 Linux swap header that fits the partition:
 * *pages gets last_page + 1, the area's size in pages with the header page 0
 * (slots are pages 1 .. *pages - 1). Untouched when invalid. */
bool swap_header_valid(const uint8_t page[SWAP_HEADER_SIZE], uint32_t partition_sectors,
		       uint32_t *pages);
/* Why swap_header_valid fails, in words; NULL when it succeeds. */
const char *swap_header_problem(const uint8_t page[SWAP_HEADER_SIZE],
				uint32_t partition_sectors);
/* The header's bad-page list (mkswap -c): its length, and entry i (a page
 * number in 1 .. last_page; valid headers only). */
uint32_t swap_header_bad_count(const uint8_t page[SWAP_HEADER_SIZE]);
uint32_t swap_header_bad_page(const uint8_t page[SWAP_HEADER_SIZE], uint32_t i);

#endif
