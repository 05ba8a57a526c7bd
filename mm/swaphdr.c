/* The swap partition's MBR entry and Linux swap headers; see mm/swaphdr.h. */
#include "mm/swaphdr.h"
#include "kernel/rtl/string.h"

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

const char *mbr_swap_partition(const uint8_t sector[MBR_SIZE], struct mbr_partition *p)
{
	uint32_t number = mbr_find(sector, MBR_TYPE_LINUX_SWAP);
	struct mbr_partition found;
	const char *why;

	if (!number)
		return mbr_table_problem(sector) ? mbr_table_problem(sector)
						 : "no partition of type 0x82 (Linux swap)";
	if ((why = mbr_entry(sector, number, &found)))
		return why;
	if (found.sectors < SWAP_MIN_PAGES * SWAP_SECTORS_PER_PAGE)
		return "the type-0x82 partition is too small for a swap area";
	*p = found;
	return NULL;
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
