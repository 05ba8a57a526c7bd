/* MBR partition tables and Linux swap headers; see mm/swaphdr.h. */
#include "mm/swaphdr.h"
#include "kernel/rtl/string.h"

#define MBR_TABLE      446u             /* four 16-byte entries */
#define MBR_ENTRY_SIZE 16u
#define MBR_ENTRIES    4u
#define MBR_SIGNATURE  510u             /* 0x55 0xAA */
#define ENTRY_STATUS   0u               /* 0x00, or 0x80: bootable */
#define ENTRY_TYPE     4u
#define ENTRY_LBA      8u
#define ENTRY_SECTORS  12u

#define SWAP_VERSION   1024u            /* union swap_header, Linux include/linux/swap.h */
#define SWAP_LAST_PAGE 1028u
#define SWAP_NR_BAD    1032u
#define SWAP_BAD_LIST  1536u
#define SWAP_MAGIC     4086u            /* "SWAPSPACE2" ends the page */
#define SWAP_MAGIC_LEN 10u
#define SWAP_MAX_BAD   ((SWAP_MAGIC - SWAP_BAD_LIST) / 4)
#define SWAP_MIN_PAGES 10u              /* mkswap's minimum, header included */

static uint32_t le32(const uint8_t *p)
{
	return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* The first type-0x82 entry of the table, or NULL. */
static const uint8_t *swap_entry(const uint8_t *sector)
{
	for (uint32_t i = 0; i < MBR_ENTRIES; i++) {
		const uint8_t *e = sector + MBR_TABLE + i * MBR_ENTRY_SIZE;
		if (e[ENTRY_TYPE] == MBR_TYPE_LINUX_SWAP)
			return e;
	}
	return NULL;
}

const char *mbr_swap_problem(const uint8_t sector[MBR_SIZE])
{
	const uint8_t *e;
	uint32_t first, n;

	if (sector[MBR_SIGNATURE] != 0x55 || sector[MBR_SIGNATURE + 1] != 0xaa)
		return "no partition table (no 55 AA signature in sector 0)";
	if (!(e = swap_entry(sector)))
		return "no partition of type 0x82 (Linux swap)";
	first = le32(e + ENTRY_LBA);
	n = le32(e + ENTRY_SECTORS);
	if (e[ENTRY_STATUS] != 0 && e[ENTRY_STATUS] != 0x80)
		return "the type-0x82 entry has a bad status byte";
	if (first == 0 || n < SWAP_MIN_PAGES * SWAP_SECTORS_PER_PAGE)
		return "the type-0x82 partition starts at sector 0 or is too small";
	if (first + n < first)
		return "the type-0x82 partition runs past sector 2^32";
	return NULL;
}

bool mbr_find_swap(const uint8_t sector[MBR_SIZE], uint32_t *first_lba, uint32_t *sectors)
{
	const uint8_t *e;

	if (mbr_swap_problem(sector))
		return false;
	e = swap_entry(sector);
	*first_lba = le32(e + ENTRY_LBA);
	*sectors = le32(e + ENTRY_SECTORS);
	return true;
}

/* Whether every bad-page entry names a page of the area (not the header). */
static bool bad_list_valid(const uint8_t *page, uint32_t last_page)
{
	for (uint32_t i = 0; i < le32(page + SWAP_NR_BAD); i++) {
		uint32_t p = le32(page + SWAP_BAD_LIST + 4 * i);
		if (p == 0 || p > last_page)
			return false;
	}
	return true;
}

const char *swap_header_problem(const uint8_t page[SWAP_HEADER_SIZE],
				uint32_t partition_sectors)
{
	uint32_t last = le32(page + SWAP_LAST_PAGE);

	if (memcmp(page + SWAP_MAGIC, "SWAP-SPACE", SWAP_MAGIC_LEN) == 0)
		return "an old version-0 swap area (SWAP-SPACE): run mkswap again";
	if (memcmp(page + SWAP_MAGIC, "SWAPSPACE2", SWAP_MAGIC_LEN) != 0)
		return "no swap signature (SWAPSPACE2 at byte 4086): run mkswap";
	if (le32(page + SWAP_VERSION) != 1)
		return le32(page + SWAP_VERSION) == 0x01000000u
		       ? "a big-endian swap header" : "swap header version is not 1";
	if (last >= partition_sectors / SWAP_SECTORS_PER_PAGE)
		return "the swap area is larger than its partition";
	if (last + 1 < SWAP_MIN_PAGES)
		return "the swap area has fewer than 10 pages";
	if (le32(page + SWAP_NR_BAD) > SWAP_MAX_BAD)
		return "the swap header's bad-page count is impossible";
	if (!bad_list_valid(page, last))
		return "the swap header's bad-page list names pages outside the area";
	return NULL;
}

bool swap_header_valid(const uint8_t page[SWAP_HEADER_SIZE], uint32_t partition_sectors,
		       uint32_t *pages)
{
	if (swap_header_problem(page, partition_sectors))
		return false;
	*pages = le32(page + SWAP_LAST_PAGE) + 1;
	return true;
}

uint32_t swap_header_bad_count(const uint8_t page[SWAP_HEADER_SIZE])
{
	return le32(page + SWAP_NR_BAD);
}

uint32_t swap_header_bad_page(const uint8_t page[SWAP_HEADER_SIZE], uint32_t i)
{
	return le32(page + SWAP_BAD_LIST + 4 * i);
}
