/* Self-test of the IDE driver's four positions (test=disks; the scenario
 * attaches a disk at each): one page of a pattern that names its disk is
 * written to every disk present, all requests queued at once (both channels
 * busy together, master and slave in turn on each), by DMA; then read back
 * from every disk at once by interrupt-driven PIO, so IRQ 14 and 15 move
 * sectors side by side. Each disk must give back its own pattern: a request
 * that went to the other device of its channel, or to the other channel,
 * shows. The page written is sector 64, in the gap before the first
 * partition of tools/mkdisk.sh's layouts. And test=fat-wipe, which breaks a
 * FAT volume on purpose. */
#include "tests/kernel/selftest.h"
#include "kernel/rtl/console.h"
#include "kernel/rtl/string.h"
#include "kernel/ke/thread.h"
#include "arch/cpu.h"
#include "arch/ide.h"
#include "arch/mbr.h"
#include "arch/mmu.h"
#include "mm/mm.h"
#include "mm/pfn.h"

#define SCRATCH_LBA 64u
#define WORDS       (PAGE_SIZE / 4)
#define POISON      0xdeadbeefu

struct batch {
	struct ide_request r[IDE_DISKS];
	pfn_t frame[IDE_DISKS];
	struct wait_queue q;
	uint32_t left;
};

/* done(): the last request of the batch wakes the test thread. */
static void batch_done(struct ide_request *r)
{
	struct batch *b = r->ctx;

	if (--b->left == 0)
		wait_queue_wake_all(&b->q);
}

/* Word i of disk's page: the disk number in the top byte, so another disk's
 * page differs in every word. */
static uint32_t pattern(unsigned disk, uint32_t i)
{
	return (uint32_t)(disk + 1) << 24 ^ i * 0x9e3779b1u;
}

/* Fills (fill) or counts the words that differ from disk's pattern in frame f;
 * poison fills POISON instead. */
static uint32_t frame_words(pfn_t f, unsigned disk, bool fill, bool poison)
{
	uint32_t *w = mmu_temp_map(TEMP_SELFTEST, f), bad = 0;

	for (uint32_t i = 0; i < WORDS; i++) {
		if (poison)
			w[i] = POISON;
		else if (fill)
			w[i] = pattern(disk, i);
		else
			bad += w[i] != pattern(disk, i);
	}
	mmu_temp_unmap(TEMP_SELFTEST);
	return bad;
}

/* Queues one page request per present disk with interrupts off (so all are
 * queued before the first completes), then sleeps until all are done. */
static void run_batch(struct batch *b, bool write, bool pio)
{
	bool irq = irq_save();

	b->left = 0;
	ide_debug.force_pio = pio;
	for (unsigned n = 0; n < IDE_DISKS; n++) {
		if (!ide_present(n))
			continue;
		b->r[n] = (struct ide_request){ .disk = n, .lba = SCRATCH_LBA, .pages = 1,
						.write = write, .done = batch_done, .ctx = b };
		b->r[n].frames[0] = b->frame[n];
		b->left++;
	}
	for (unsigned n = 0; n < IDE_DISKS; n++)
		if (ide_present(n))
			ide_submit(&b->r[n]);
	while (b->left)
		wait_queue_sleep(&b->q);
	ide_debug.force_pio = false;
	irq_restore(irq);
}

/* test=disks: every present disk keeps its own page. */
bool selftest_disks(const struct boot_info *bi, const struct kernel_options *opt)
{
	struct batch b = { 0 };
	unsigned disks = 0;
	bool ok = true;

	(void)bi, (void)opt;
	for (unsigned n = 0; n < IDE_DISKS; n++) {
		if (!ide_present(n))
			continue;
		disks++;
		b.frame[n] = pfn_alloc(0);
		if (!selftest_expect(b.frame[n] != PFN_NONE, "no frame for the test"))
			return false;
		frame_words(b.frame[n], n, true, false);
	}
	run_batch(&b, true, false);
	for (unsigned n = 0; n < IDE_DISKS; n++)
		if (ide_present(n)) {
			ok &= selftest_expect(b.r[n].status == IDE_OK, "a write failed");
			frame_words(b.frame[n], n, false, true);
		}
	run_batch(&b, false, true);
	for (unsigned n = 0; n < IDE_DISKS; n++) {
		if (!ide_present(n))
			continue;
		uint32_t bad = frame_words(b.frame[n], n, false, false);
		kprintf("selftest: disks: disk %u (%s): written by %s, read back by PIO: %s, "
			"%u words differ\n", n, ide_position(n), ide_has_dma(n) ? "DMA" : "PIO",
			ide_status_text(b.r[n].status, b.r[n].ata_error), bad);
		ok &= selftest_expect(b.r[n].status == IDE_OK && bad == 0, "a disk's own page");
		pfn_free(b.frame[n]);
	}
	kprintf("selftest: disks: %u disks, each with its own page\n", disks);
	return ok & selftest_expect(disks > 0, "no disk attached");
}

/* test=fat-wipe: zeroes the boot sector of disk 0's first FAT partition, so
 * the volume is broken for fsck.fat: its scenario proves that the test
 * runner's fsck check fails a test (fsck = errors). */
bool selftest_fat_wipe(const struct boot_info *bi, const struct kernel_options *opt)
{
	uint8_t sector[MBR_SIZE];
	struct mbr_partition p = { 0 };
	uint32_t i = 1;

	(void)bi, (void)opt;
	if (!selftest_expect(ide_rw_polled(0, 0, sector, 1, false) == IDE_OK, "MBR read"))
		return false;
	while (i <= MBR_ENTRIES && (mbr_entry(sector, i, &p) || !mbr_fat_kind(p.type)))
		i++;
	if (!selftest_expect(i <= MBR_ENTRIES, "no FAT partition on disk 0"))
		return false;
	memset(sector, 0, sizeof(sector));
	if (!selftest_expect(ide_rw_polled(0, p.first_lba, sector, 1, true) == IDE_OK,
			     "writing the boot sector"))
		return false;
	kprintf("selftest: fat-wipe: zeroed the boot sector of disk 0's partition %u at LBA %u\n",
		p.number, p.first_lba);
	return true;
}
