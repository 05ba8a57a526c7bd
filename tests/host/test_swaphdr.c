/* Host unit tests for arch/mbr.c and mm/swaphdr.c: reading MBR partition
 * entries, finding the type-0x82 partition and checking a Linux version-1 swap
 * header (the layouts sfdisk, mkswap and tools/mkdisk.sh write;
 * tests/scenarios/disk.txt checks real ones in QEMU), and for
 * arch/ide_text.c: IDE results in words. */
#include "mm/swaphdr.h"
#include "arch/ide.h"

#include "tests/host/check.h"

#define PART_LBA     2048u
#define PART_SECTORS 129024u            /* a 64 MB disk made by tools/mkswapdisk.sh */
#define PART_PAGES   (PART_SECTORS / 8)

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = v, p[1] = v >> 8, p[2] = v >> 16, p[3] = v >> 24;
}

/* Partition entry i (0..3): status, type, first sector, length. */
static void set_entry(uint8_t *mbr, int i, uint8_t status, uint8_t type, uint32_t lba,
		      uint32_t n)
{
	uint8_t *e = mbr + 446 + 16 * i;

	e[0] = status;
	e[4] = type;
	put32(e + 8, lba);
	put32(e + 12, n);
}

/* An MBR as sfdisk writes "start=2048, type=82" on a 64 MB image. */
static void make_mbr(uint8_t *mbr)
{
	memset(mbr, 0, 512);
	set_entry(mbr, 0, 0, 0x82, PART_LBA, PART_SECTORS);
	mbr[510] = 0x55;
	mbr[511] = 0xaa;
}

/* A header as mkswap writes it for a partition of PART_PAGES pages. */
static void make_header(uint8_t *page)
{
	memset(page, 0, 4096);
	put32(page + 1024, 1);                  /* version */
	put32(page + 1028, PART_PAGES - 1);     /* last_page */
	put32(page + 1032, 0);                  /* nr_badpages */
	memcpy(page + 1052, "vados-swap", 10);  /* volume name */
	memcpy(page + 4086, "SWAPSPACE2", 10);
}

TEST(sfdisk_layout_finds_the_swap_partition)
{
	uint8_t mbr[512];
	struct mbr_partition p = { 7, 7, 7, 7 };

	make_mbr(mbr);
	CHECK(mbr_swap_partition(mbr, &p) == NULL);
	CHECK_EQ_U(p.number, 1);
	CHECK_EQ_U(p.type, 0x82);
	CHECK_EQ_U(p.first_lba, PART_LBA);
	CHECK_EQ_U(p.sectors, PART_SECTORS);
}

TEST(swap_partition_found_in_any_slot_first_one_wins)
{
	uint8_t mbr[512];
	struct mbr_partition p;

	make_mbr(mbr);
	set_entry(mbr, 0, 0x80, 0x83, 2048, 4096);      /* a bootable Linux partition */
	set_entry(mbr, 2, 0, 0x82, 8192, 16384);
	set_entry(mbr, 3, 0, 0x82, 65536, 16384);
	CHECK(mbr_swap_partition(mbr, &p) == NULL);
	CHECK_EQ_U(p.number, 3);
	CHECK_EQ_U(p.first_lba, 8192);
	CHECK_EQ_U(p.sectors, 16384);
	set_entry(mbr, 2, 0x80, 0x82, 8192, 16384);     /* bootable swap: odd but valid */
	CHECK(mbr_swap_partition(mbr, &p) == NULL);
}

/* The table tools/mkdisk.sh writes by default: FAT32 (LBA) from sector 2048,
 * swap right after it. */
TEST(mkdisk_layout_fat32_first_swap_second)
{
	uint8_t mbr[512];
	struct mbr_partition p;

	make_mbr(mbr);
	set_entry(mbr, 0, 0, 0x0c, 2048, 512 * 2048);
	set_entry(mbr, 1, 0, 0x82, 2048 + 512 * 2048, 64 * 2048);
	CHECK(mbr_swap_partition(mbr, &p) == NULL);
	CHECK_EQ_U(p.number, 2);
	CHECK_EQ_U(p.first_lba, 2048 + 512 * 2048);
	CHECK_EQ_U(mbr_find(mbr, MBR_TYPE_FAT32_LBA), 1);
	CHECK(mbr_entry(mbr, 1, &p) == NULL);
	CHECK_EQ_U(p.type, 0x0c);
	CHECK_EQ_U(p.sectors, 512 * 2048);
	CHECK_STR(mbr_fat_kind(p.type), "FAT32");
	CHECK(strstr(mbr_entry(mbr, 3, &p), "empty") != NULL);
	CHECK(strstr(mbr_entry(mbr, 5, &p), "no such") != NULL);
	CHECK(strstr(mbr_entry(mbr, 0, &p), "no such") != NULL);
	set_entry(mbr, 1, 0, 0, 0, 0);                  /* FAT only */
	CHECK(strstr(mbr_swap_partition(mbr, &p), "no partition of type 0x82") != NULL);
	CHECK_EQ_U(p.number, 1);                        /* untouched */
}

TEST(fat_kinds_by_partition_type)
{
	CHECK_STR(mbr_fat_kind(0x0b), "FAT32");
	CHECK_STR(mbr_fat_kind(0x0c), "FAT32");
	CHECK_STR(mbr_fat_kind(0x06), "FAT16");
	CHECK_STR(mbr_fat_kind(0x04), "FAT16");
	CHECK_STR(mbr_fat_kind(0x0e), "FAT16");
	CHECK_STR(mbr_fat_kind(0x01), "FAT12");
	CHECK(mbr_fat_kind(0x07) == NULL);              /* NTFS/exFAT */
	CHECK(mbr_fat_kind(0x82) == NULL);
	CHECK(mbr_fat_kind(0x00) == NULL);
}

TEST(bad_mbrs_are_refused_with_a_reason_and_outputs_untouched)
{
	uint8_t mbr[512];
	struct mbr_partition p = { 7, 7, 7, 9 };

	make_mbr(mbr);
	mbr[511] = 0;
	CHECK(strstr(mbr_swap_partition(mbr, &p), "55 AA") != NULL);
	CHECK(strstr(mbr_entry(mbr, 1, &p), "55 AA") != NULL);
	CHECK_EQ_U(mbr_find(mbr, 0x82), 0);
	make_mbr(mbr);
	set_entry(mbr, 0, 0, 0x83, PART_LBA, PART_SECTORS);
	CHECK(strstr(mbr_swap_partition(mbr, &p), "no partition of type 0x82") != NULL);
	set_entry(mbr, 1, 0x12, 0x82, PART_LBA, PART_SECTORS);
	CHECK(strstr(mbr_swap_partition(mbr, &p), "status") != NULL);
	set_entry(mbr, 1, 0, 0x82, 0, PART_SECTORS);
	CHECK(strstr(mbr_swap_partition(mbr, &p), "sector 0") != NULL);
	set_entry(mbr, 1, 0, 0x82, PART_LBA, 0);
	CHECK(strstr(mbr_swap_partition(mbr, &p), "no sectors") != NULL);
	set_entry(mbr, 1, 0, 0x82, PART_LBA, 79);
	CHECK(strstr(mbr_swap_partition(mbr, &p), "too small") != NULL);
	set_entry(mbr, 1, 0, 0x82, 0xfffff000u, 0x2000);
	CHECK(strstr(mbr_swap_partition(mbr, &p), "2^32") != NULL);
	CHECK_EQ_U(p.number, 7);
	CHECK_EQ_U(p.type, 7);
	CHECK_EQ_U(p.first_lba, 7);
	CHECK_EQ_U(p.sectors, 9);
}

TEST(mkswap_header_is_valid_and_gives_its_size)
{
	uint8_t page[4096];
	uint32_t pages = 0;

	make_header(page);
	CHECK(swap_header_valid(page, PART_SECTORS, &pages));
	CHECK_EQ_U(pages, PART_PAGES);
	CHECK(swap_header_problem(page, PART_SECTORS) == NULL);
	CHECK_EQ_U(swap_header_bad_count(page), 0);
	/* a partition with a partial last page, and one larger than the area */
	CHECK(swap_header_valid(page, PART_SECTORS + 7, &pages));
	CHECK(swap_header_valid(page, PART_SECTORS * 2, &pages));
	CHECK_EQ_U(pages, PART_PAGES);
}

TEST(bad_headers_are_refused_with_a_reason)
{
	uint8_t page[4096];
	uint32_t pages = 5;

	make_header(page);
	memcpy(page + 4086, "SWAP-SPACE", 10);
	CHECK(strstr(swap_header_problem(page, PART_SECTORS), "version-0") != NULL);
	memcpy(page + 4086, "SWAPSPACE3", 10);
	CHECK(strstr(swap_header_problem(page, PART_SECTORS), "no swap signature") != NULL);
	memset(page, 0, 4096);
	CHECK(strstr(swap_header_problem(page, PART_SECTORS), "no swap signature") != NULL);
	make_header(page);
	put32(page + 1024, 2);
	CHECK(strstr(swap_header_problem(page, PART_SECTORS), "version") != NULL);
	put32(page + 1024, 0x01000000u);
	CHECK(strstr(swap_header_problem(page, PART_SECTORS), "big-endian") != NULL);
	make_header(page);
	CHECK(strstr(swap_header_problem(page, PART_SECTORS - 8), "larger") != NULL);
	put32(page + 1028, 0xffffffffu);
	CHECK(strstr(swap_header_problem(page, PART_SECTORS), "larger") != NULL);
	put32(page + 1028, 8);
	CHECK(strstr(swap_header_problem(page, PART_SECTORS), "fewer than 10") != NULL);
	CHECK(!swap_header_valid(page, PART_SECTORS, &pages));
	CHECK_EQ_U(pages, 5);
}

TEST(bad_page_list_is_checked_and_readable)
{
	uint8_t page[4096];
	uint32_t pages;

	make_header(page);
	put32(page + 1032, 2);
	put32(page + 1536, 5);
	put32(page + 1540, PART_PAGES - 1);
	CHECK(swap_header_valid(page, PART_SECTORS, &pages));
	CHECK_EQ_U(swap_header_bad_count(page), 2);
	CHECK_EQ_U(swap_header_bad_page(page, 0), 5);
	CHECK_EQ_U(swap_header_bad_page(page, 1), PART_PAGES - 1);
	put32(page + 1540, PART_PAGES);         /* past last_page */
	CHECK(strstr(swap_header_problem(page, PART_SECTORS), "outside") != NULL);
	put32(page + 1540, 0);                  /* the header itself */
	CHECK(strstr(swap_header_problem(page, PART_SECTORS), "outside") != NULL);
	put32(page + 1032, 638);                /* more than fit before the signature */
	CHECK(strstr(swap_header_problem(page, PART_SECTORS), "impossible") != NULL);
}

TEST(ide_results_in_words)
{
	CHECK_STR(ide_status_text(IDE_OK, 0), "ok");
	CHECK_STR(ide_status_text(IDE_ERR_DEVICE, 0x40), "device error: uncorrectable data (UNC)");
	CHECK_STR(ide_status_text(IDE_ERR_DEVICE, 0x04), "device error: command aborted (ABRT)");
	/* the specific reason wins over ABRT beside it */
	CHECK_STR(ide_status_text(IDE_ERR_DEVICE, 0x14),
		  "device error: sector ID not found (IDNF)");
	CHECK_STR(ide_status_text(IDE_ERR_DEVICE, 0x84), "device error: bad block (BBK)");
	CHECK_STR(ide_status_text(IDE_ERR_DEVICE, 0x01),
		  "device error: address mark not found (AMNF)");
	CHECK_STR(ide_status_text(IDE_ERR_DEVICE, 0x02), "device error: track 0 not found (TK0NF)");
	CHECK_STR(ide_status_text(IDE_ERR_DEVICE, 0x20), "device error: media changed (MC)");
	CHECK_STR(ide_status_text(IDE_ERR_DEVICE, 0x08),
		  "device error: media change requested (MCR)");
	CHECK_STR(ide_status_text(IDE_ERR_DEVICE, 0),
		  "device error: device fault (DF) or no error bit");
	CHECK(strstr(ide_status_text(IDE_ERR_TIMEOUT, 0), "timeout") != NULL);
	CHECK(strstr(ide_status_text(IDE_ERR_RANGE, 0), "outside the disk") != NULL);
	CHECK(strstr(ide_status_text(IDE_ERR_DMA, 0), "DMA") != NULL);
	CHECK_STR(ide_status_text(IDE_ERR_NO_DEVICE, 0), "no disk");
	CHECK_STR(ide_status_text((enum ide_status)99, 0), "unknown IDE status");
}

int main(void)
{
	RUN("swaphdr", sfdisk_layout_finds_the_swap_partition);
	RUN("swaphdr", swap_partition_found_in_any_slot_first_one_wins);
	RUN("mbr", mkdisk_layout_fat32_first_swap_second);
	RUN("mbr", fat_kinds_by_partition_type);
	RUN("swaphdr", bad_mbrs_are_refused_with_a_reason_and_outputs_untouched);
	RUN("swaphdr", mkswap_header_is_valid_and_gives_its_size);
	RUN("swaphdr", bad_headers_are_refused_with_a_reason);
	RUN("swaphdr", bad_page_list_is_checked_and_readable);
	RUN("ide", ide_results_in_words);
	return check_summary();
}
