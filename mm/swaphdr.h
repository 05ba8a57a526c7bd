/* The on-disk formats that locate swap (pure; host-tested): the swap entry of
 * an MBR partition table (arch/mbr.h) and the Linux swap header (version 1,
 * "SWAPSPACE2"), as sfdisk and mkswap write them. All fields are
 * little-endian. */
#ifndef MM_SWAPHDR_H
#define MM_SWAPHDR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arch/mbr.h"

#define SWAP_HEADER_SIZE      4096u
#define SWAP_SECTORS_PER_PAGE 8u

/* The first primary partition of type 0x82 (Linux swap) in the MBR sector:
 * NULL and *p filled when it is usable (mbr_entry) and holds at least the 10
 * pages of the smallest swap area; else why not, *p untouched. */
const char *mbr_swap_partition(const uint8_t sector[MBR_SIZE], struct mbr_partition *p);

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
