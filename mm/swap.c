/* The swap partition and its I/O; see mm/swap.h. */
#include "mm/swap.h"
#include "mm/commit.h"
#include "mm/pool.h"
#include "mm/slots.h"
#include "mm/swaphdr.h"
#include "arch/cpu.h"
#include "arch/ide.h"
#include "arch/mmu.h"
#include "kernel/rtl/console.h"
#include "kernel/rtl/format.h"
#include "kernel/rtl/string.h"
#include "kernel/ke/lock.h"

static struct slot_map slots;
static unsigned swap_disk;      /* the IDE disk holding the partition */
static uint32_t swap_partition; /* its number in the disk's partition table (1..4) */
static uint64_t first_lba;      /* the partition's first sector: its header page */
static bool present;
static struct swap_stats stats;
#define SWAP_SLOTS_MAX 0x80000u /* 2 GB: as much as one user address space */
static uint32_t *check_bits;
static const struct ke_lock_class swap_class = { "swap slots", KE_RANK_SWAP, true, NULL };
static struct ke_spin_lock swap_lock = { .cls = &swap_class };

bool swap_present(void)
{
	return present;
}

bool swap_keep_copies(void)
{
	return present && slots.used < slots.count / 2;
}

/* Checks disk's partition table and swap header (page: a scratch page, left
 * holding the header); on success the partition becomes the swap area
 * (swap_disk, swap_partition, first_lba) and the result is its number of
 * slots, page 0 being the header. 0 with *why saying what is missing. */
static uint32_t try_disk(unsigned disk, uint8_t *page, const char **why)
{
	struct mbr_partition p;
	uint32_t pages;

	if (ide_rw_polled(disk, 0, page, 1, false) != IDE_OK) {
		*why = "the partition table cannot be read";
		return 0;
	}
	if ((*why = mbr_swap_partition(page, &p)))
		return 0;
	if (ide_rw_polled(disk, p.first_lba, page, IDE_SECTORS_PER_PAGE, false) != IDE_OK) {
		*why = "the swap header cannot be read";
		return 0;
	}
	if (!swap_header_valid(page, p.sectors, &pages)) {
		*why = swap_header_problem(page, p.sectors);
		return 0;
	}
	swap_disk = disk;
	swap_partition = p.number;
	first_lba = p.first_lba;
	if (pages - 1 > SWAP_SLOTS_MAX)
		kprintf("swap: using %u of the partition's %u pages\n", SWAP_SLOTS_MAX, pages - 1);
	return pages - 1 > SWAP_SLOTS_MAX ? SWAP_SLOTS_MAX : pages - 1;
}

/* The swap partition of the first disk that has a usable one; the slot
 * count, or 0 with why[] saying, disk by disk, why there is none. */
static uint32_t find_partition(uint8_t *page, char *why, size_t why_size)
{
	size_t used = 0;
	const char *problem;
	uint32_t n;

	ksnprintf(why, why_size, "no disk");
	for (unsigned disk = 0; disk < IDE_DISKS; disk++) {
		if (!ide_present(disk))
			continue;
		if ((n = try_disk(disk, page, &problem)))
			return n;
		if (used < why_size)
			used += ksnprintf(why + used, why_size - used, "%sdisk %u: %s",
					  used ? "; " : "", disk, problem);
	}
	return 0;
}

void swap_init(void)
{
	uint8_t *page = kpage_alloc(1);
	char why[256] = "no memory for the swap header";
	uint32_t n = page ? find_partition(page, why, sizeof(why)) : 0;
	uint32_t words = (n + 31) / 32, pages = (2 * words * 4 + PAGE_SIZE - 1) / PAGE_SIZE;
	uint32_t *bits = n ? kpage_alloc(pages) : NULL;

	if (n && bits) {
		slots_init(&slots, bits, n);
		/* The header's bad pages (mkswap -c), every one of them. */
		for (uint32_t i = 0, bad; i < swap_header_bad_count(page); i++)
			if ((bad = swap_header_bad_page(page, i)) >= 1 && bad <= n)
				slots_mark_bad(&slots, bad - 1);
	}
	if (page)
		kpage_free(page);
	if (!n || !bits) {
		kprintf("swap: none (%s); the commit limit is RAM only\n", n ? "no memory" : why);
		return;
	}
	check_bits = bits + words;     /* swap_check's scratch map */
	stats.slots = n;
	commit_add_limit(n);
	present = true;
	kprintf("swap: %u KiB on disk %u (%s), partition %u at sector %u, %u slots\n", n * 4,
		swap_disk, ide_position(swap_disk), swap_partition, (uint32_t)first_lba, n);
}

uint32_t swap_alloc(uint32_t want, uint32_t *first)
{
	uint32_t n;

	ke_acquire_spin_lock(&swap_lock);
	n = slots_alloc(&slots, want, first);
	ke_release_spin_lock(&swap_lock);
	return n;
}

void swap_free(uint32_t slot)
{
	ke_acquire_spin_lock(&swap_lock);
	slots_free(&slots, slot, 1);
	ke_release_spin_lock(&swap_lock);
}

void swap_retire(uint32_t slot)
{
	ke_acquire_spin_lock(&swap_lock);
	slots_mark_bad(&slots, slot);
	ke_release_spin_lock(&swap_lock);
}

#define SWAP_REQUESTS (SWAP_CLUSTER / IDE_MAX_PAGES)

/* The requests of one swap_io: all queued at once, so the driver starts
 * each as the one before ends, with no round trip through the caller. */
struct io_batch {
	struct ide_request r[SWAP_REQUESTS];
	struct wait_queue q;
	uint32_t left;          /* requests not done yet */
};

/* The driver's completion (interrupts off): the last one wakes the caller. */
static void io_done(struct ide_request *r)
{
	struct io_batch *b = r->ctx;

	if (--b->left == 0)
		wait_queue_wake_all(&b->q);
}

/* A dying disk must not flood the console: the first failures are logged,
 * then one in every ERRORS_EVERY. */
#define ERRORS_LOGGED 8u
#define ERRORS_EVERY 1000u

/* Logs a failed request (the first few, then a line now and then with the
 * count); false if r failed. */
static bool io_ok(const struct ide_request *r, uint32_t slot)
{
	uint32_t errors;

	if (r->status == IDE_OK)
		return true;
	ke_acquire_spin_lock(&swap_lock);
	errors = ++stats.errors;
	ke_release_spin_lock(&swap_lock);
	if (errors <= ERRORS_LOGGED || errors % ERRORS_EVERY == 0)
		kprintf("swap: %s of %u page(s) at slot %u failed: %s (%u failed requests)\n",
			r->write ? "write" : "read", r->pages, slot,
			ide_status_text(r->status, r->ata_error), errors);
	return false;
}

bool swap_io(const pfn_t *frames, uint32_t n, uint32_t first, bool write)
{
	struct io_batch b = { .left = (n + IDE_MAX_PAGES - 1) / IDE_MAX_PAGES };
	uint32_t count = b.left;
	bool ok = true, irq;

	for (uint32_t i = 0, done = 0; i < count; i++, done += IDE_MAX_PAGES) {
		struct ide_request *r = &b.r[i];
		*r = (struct ide_request){
			.disk = swap_disk,
			.lba = first_lba + (uint64_t)(first + done + 1) * IDE_SECTORS_PER_PAGE,
			.pages = n - done < IDE_MAX_PAGES ? n - done : IDE_MAX_PAGES,
			.write = write, .done = io_done, .ctx = &b,
		};
		memcpy(r->frames, frames + done, r->pages * sizeof(pfn_t));
		ide_submit(r);
	}
	/* Uninterruptible: the requests use b, on this stack, until they end.
	 * Interrupts off (the dispatcher's lock) from the test to the sleep:
	 * the completion interrupt cannot slip in between. */
	irq = irq_save();
	while (b.left)
		wait_queue_sleep_uninterruptible(&b.q);
	irq_restore(irq);
	for (uint32_t i = 0; i < count; i++)
		ok &= io_ok(&b.r[i], first + i * IDE_MAX_PAGES);
	ke_acquire_spin_lock(&swap_lock);
	if (write) {
		stats.write_requests += count;
		stats.pages_written += n;
	} else {
		stats.read_requests += count;
		stats.pages_read += n;
	}
	ke_release_spin_lock(&swap_lock);
	return ok;
}

void swap_get_stats(struct swap_stats *s)
{
	ke_acquire_spin_lock(&swap_lock);
	*s = stats;
	s->used = slots.used;
	s->bad = slots.bad;
	ke_release_spin_lock(&swap_lock);
}

bool swap_slot_in_use(uint32_t slot)
{
	bool used;

	ke_acquire_spin_lock(&swap_lock);
	used = slots_in_use(&slots, slot);
	ke_release_spin_lock(&swap_lock);
	return used;
}

uint32_t *swap_check_bitmap(void)
{
	return check_bits;
}
