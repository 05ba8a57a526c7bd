/* Self-tests of the IDE disk driver (arch/ide.h) on a disk made by
 * tools/mkswapdisk.sh (tests/scenarios/disk.txt attaches one): IDENTIFY, the
 * partition table and swap header mkswap and sfdisk wrote, patterned pages
 * written by DMA and read back by PIO and the other way round (LBA28 and
 * LBA48, single pages and 16-page requests, frames inside and beyond the
 * direct window), queued requests completing in order, refused requests,
 * lost interrupts, the 2^28 boundary on a big disk, throughput, and injected
 * read errors (blkdebug). Scratch writes go to the gap between the MBR and the
 * swap partition; sectors inside the partition are restored afterwards. */
#include "tests/kernel/selftest.h"
#include "kernel/rtl/console.h"
#include "kernel/rtl/string.h"
#include "kernel/ke/thread.h"
#include "arch/arch.h"
#include "arch/cpu.h"
#include "arch/ide.h"
#include "arch/mmu.h"
#include "arch/trap.h"
#include "mm/mm.h"
#include "mm/pfn.h"
#include "mm/pool.h"
#include "mm/swaphdr.h"

#define DISK           0                /* the primary master */
#define SPP            IDE_SECTORS_PER_PAGE
#define REGION_SECTORS (IDE_MAX_PAGES * SPP)    /* 128: one full request */
#define SCRATCH_LBA    128u             /* regions 0..14 fill sectors 128..2047 */
#define SWAP_LBA       2048u            /* where tools/mkswapdisk.sh puts the partition */
#define LOW_FRAMES     48
#define HIGH_FRAMES    16
#define WORDS_PER_SECTOR (IDE_SECTOR_SIZE / 4)
#define POISON         0xdeadbeefu
#define BENCH_REQUESTS 64               /* of 64 KB: 4 MiB each way */
#define QUEUED         9                /* requests in flight at once, one refused */
/* The sector tests/data/disk-read-error.blkdebug fails on every read; in
 * region 6 (sectors 896..1023), fourth sector of its page 13. */
#define BAD_LBA        1003u
#define BAD_REGION     6u

enum how { BY_DMA = 0, BY_PIO = 1, LBA48 = 2 };

static struct {
	pfn_t low[LOW_FRAMES], high[HIGH_FRAMES];
	uint32_t nlow, nhigh;
} frames;

/* ok, saying what failed when it did not. */
/* The first sector of scratch region 0..14 (128 sectors each). */
static uint64_t region_lba(uint32_t region)
{
	return SCRATCH_LBA + (uint64_t)region * REGION_SECTORS;
}

/* ---- frames and patterns ------------------------------------------------------ */

/* Whether frame p has a direct-window address (else PIO needs hyperspace). */
static bool in_direct_window(pfn_t p)
{
	return arch_phys_to_virt((paddr_t)p << PAGE_SHIFT, PAGE_SIZE) != NULL;
}

/* LOW_FRAMES frames, and up to HIGH_FRAMES beyond the direct window when RAM
 * reaches past it (frames come lowest first: the ones in between are chained
 * through their first word and given back). */
static bool frames_get(void)
{
	struct pfn_totals t;
	pfn_t chain = PFN_NONE, p;
	bool want_high;

	pfn_get_totals(&t);
	want_high = !in_direct_window(t.highest);
	while (frames.nlow < LOW_FRAMES || (want_high && frames.nhigh < HIGH_FRAMES)) {
		if ((p = pfn_alloc(0)) == PFN_NONE)
			break;
		if (!in_direct_window(p) && frames.nhigh < HIGH_FRAMES) {
			frames.high[frames.nhigh++] = p;
		} else if (in_direct_window(p) && frames.nlow < LOW_FRAMES) {
			frames.low[frames.nlow++] = p;
		} else {
			*(pfn_t *)mmu_temp_map(TEMP_SELFTEST, p) = chain;
			mmu_temp_unmap(TEMP_SELFTEST);
			chain = p;
		}
	}
	for (; chain != PFN_NONE; chain = p) {
		p = *(pfn_t *)mmu_temp_map(TEMP_SELFTEST, chain);
		mmu_temp_unmap(TEMP_SELFTEST);
		pfn_free(chain);
	}
	return frames.nlow == LOW_FRAMES;
}

/* Gives frames_get's frames back. */
static void frames_put(void)
{
	for (uint32_t i = 0; i < frames.nlow; i++)
		pfn_free(frames.low[i]);
	for (uint32_t i = 0; i < frames.nhigh; i++)
		pfn_free(frames.high[i]);
	frames.nlow = frames.nhigh = 0;
}

/* n distinct frames from low[first..]; with high, the even ones (the first
 * included) lie beyond the direct window where there are such frames. */
static void pick(pfn_t *out, uint32_t n, uint32_t first, bool high)
{
	for (uint32_t i = 0; i < n; i++)
		out[i] = high && !(i & 1) && i / 2 < frames.nhigh ? frames.high[i / 2]
								  : frames.low[first + i];
}

/* Whether any of the n frames lies beyond the direct window. */
static bool has_high(const pfn_t *f, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		if (!in_direct_window(f[i]))
			return true;
	return false;
}

/* The word each sector holds: its absolute sector number mixed with the word
 * index and a seed, so a sector in the wrong place shows. */
static uint32_t pattern(uint64_t lba, uint32_t word, uint32_t seed)
{
	return (uint32_t)lba * 0x9e3779b1u ^ word * 0x85ebca77u ^ seed ^ (uint32_t)(lba >> 32);
}

/* Fills a buffer of n sectors as the disk at lba should hold it (seed), or
 * counts the words that differ. */
static uint32_t pattern_buf(uint32_t *w, uint64_t lba, uint32_t n, uint32_t seed, bool fill)
{
	uint32_t bad = 0;

	for (uint32_t i = 0; i < n * WORDS_PER_SECTOR; i++) {
		uint32_t v = pattern(lba + i / WORDS_PER_SECTOR, i % WORDS_PER_SECTOR, seed);
		if (fill)
			w[i] = v;
		else
			bad += w[i] != v;
	}
	return bad;
}

/* The same for frame pfn holding the page at lba. */
static uint32_t pattern_frame(pfn_t pfn, uint64_t lba, uint32_t seed, bool fill)
{
	uint32_t bad = pattern_buf(mmu_temp_map(TEMP_SELFTEST, pfn), lba, SPP, seed, fill);

	mmu_temp_unmap(TEMP_SELFTEST);
	return bad;
}

/* pattern_frame over n frames holding consecutive pages from lba. */
static uint32_t pattern_frames(const pfn_t *f, uint32_t n, uint64_t lba, uint32_t seed, bool fill)
{
	uint32_t bad = 0;

	for (uint32_t i = 0; i < n; i++)
		bad += pattern_frame(f[i], lba + i * SPP, seed, fill);
	return bad;
}

/* Fills n frames with POISON, so a read that moves nothing shows. */
static void poison(const pfn_t *f, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		uint32_t *w = mmu_temp_map(TEMP_SELFTEST, f[i]);
		for (uint32_t j = 0; j < PAGE_SIZE / 4; j++)
			w[j] = POISON;
		mmu_temp_unmap(TEMP_SELFTEST);
	}
}

/* ---- requests ----------------------------------------------------------------- */

struct waiter {
	struct wait_queue q;
	uint32_t count;
	struct ide_request *order[QUEUED];
};

/* done(): records the completion order and wakes the test thread. */
static void note_done(struct ide_request *r)
{
	struct waiter *w = r->ctx;

	if (w->count < QUEUED)
		w->order[w->count] = r;
	w->count++;
	wait_queue_wake_all(&w->q);
}

/* Sleeps until w has seen n completions (checked with interrupts off, so a
 * completion cannot slip in between). */
static void wait_for(struct waiter *w, uint32_t n)
{
	bool irq = irq_save();

	while (w->count < n)
		wait_queue_sleep(&w->q);
	irq_restore(irq);
}

/* A request for pages at lba with frames f, completing into w. */
static void prepare(struct ide_request *r, struct waiter *w, uint64_t lba, const pfn_t *f,
		    uint32_t pages, bool write)
{
	*r = (struct ide_request){ .disk = DISK, .lba = lba, .pages = pages, .write = write,
				   .done = note_done, .ctx = w };
	memcpy(r->frames, f, (pages <= IDE_MAX_PAGES ? pages : IDE_MAX_PAGES) * sizeof(pfn_t));
}

/* One request, the way the swap code makes them: submit, sleep until done. */
static struct ide_request transfer(uint64_t lba, const pfn_t *f, uint32_t pages, bool write,
				   unsigned how)
{
	struct waiter w = { 0 };
	struct ide_request r;

	prepare(&r, &w, lba, f, pages, write);
	ide_debug.force_pio = how & BY_PIO;
	ide_debug.force_lba48 = how & LBA48;
	ide_submit(&r);
	wait_for(&w, 1);
	ide_debug.force_pio = ide_debug.force_lba48 = false;
	return r;
}

/* What the driver should do when asked for how at lba: PIO without DMA,
 * LBA48 when forced or past 2^28 (and the disk has it). */
static unsigned expected(unsigned how, uint64_t lba, uint32_t pages)
{
	if (!ide_has_dma(DISK))
		how |= BY_PIO;
	if (lba + pages * SPP > 1ull << 28)
		how |= LBA48;
	return ide_has_lba48(DISK) ? how : how & ~LBA48;
}

/* "DMA LBA28" and the like. */
static const char *how_text(unsigned how)
{
	static const char *const t[] = { "DMA LBA28", "PIO LBA28", "DMA LBA48", "PIO LBA48" };

	return t[how & (BY_PIO | LBA48)];
}

/* Whether a stats delta shows one request of kind w and one of kind r. */
static bool counted(const struct ide_stats *a, const struct ide_stats *b, unsigned w, unsigned r)
{
	uint32_t pio = (w & BY_PIO) + (r & BY_PIO), lba48 = !!(w & LBA48) + !!(r & LBA48);

	return b->pio - a->pio == pio && b->dma - a->dma == 2 - pio &&
	       b->lba48 - a->lba48 == lba48 && b->commands - a->commands == 2;
}

/* Writes a pattern to pages at lba one way, poisons the frames, reads them
 * back the other way and compares; the driver's counters must show the
 * modes asked for. */
static bool round_trip(uint64_t lba, uint32_t pages, unsigned w, unsigned r, bool high)
{
	pfn_t f[IDE_MAX_PAGES];
	uint32_t seed = (uint32_t)lba * 31 + pages + w * 7 + r, bad;
	struct ide_stats a, b;
	struct ide_request wr, rd;

	pick(f, pages, 0, high);
	w = expected(w, lba, pages);
	r = expected(r, lba, pages);
	pattern_frames(f, pages, lba, seed, true);
	ide_get_stats(&a);
	wr = transfer(lba, f, pages, true, w);
	poison(f, pages);
	rd = transfer(lba, f, pages, false, r);
	ide_get_stats(&b);
	bad = pattern_frames(f, pages, lba, seed, false);
	kprintf("selftest: disk: %2u page(s) at sector %llu, %s frames: written by %s, "
		"read by %s: %s, %s, %u words differ\n", pages, lba,
		has_high(f, pages) ? "low and high" : "low", how_text(w), how_text(r),
		ide_status_text(wr.status, wr.ata_error), ide_status_text(rd.status, rd.ata_error),
		bad);
	return selftest_expect(wr.status == IDE_OK && rd.status == IDE_OK && bad == 0, "round trip") &
	       selftest_expect(counted(&a, &b, w, r), "the driver used other modes than asked");
}

/* Eight round trips crossing DMA with PIO, LBA28 with LBA48, 1 and 16 pages,
 * frames inside and beyond the direct window, in regions 0..7. */
static bool round_trips(void)
{
	static const struct { uint32_t pages; unsigned w, r; bool high; } t[] = {
		{ 1, BY_DMA, BY_PIO, false },
		{ 1, BY_PIO, BY_DMA, true },
		{ 16, BY_DMA, BY_PIO, true },
		{ 16, BY_PIO, BY_DMA, true },
		{ 1, BY_DMA | LBA48, BY_PIO | LBA48, true },
		{ 1, BY_PIO | LBA48, BY_DMA | LBA48, false },
		{ 16, BY_DMA | LBA48, BY_PIO, true },   /* LBA48 and LBA28 name the same sectors */
		{ 16, BY_PIO, BY_DMA | LBA48, true },
	};
	bool ok = true;

	for (uint32_t i = 0; i < ARRAY_SIZE(t); i++)
		ok &= round_trip(region_lba(i), t[i].pages, t[i].w, t[i].r, t[i].high);
	return ok;
}

/* ---- polled I/O, the partition table and the swap header ---------------------- */

/* ide_rw_polled one way, a request the other, 16 pages in region 8. */
static bool polled_round_trips(uint8_t *buf)
{
	uint64_t lba = region_lba(8);
	pfn_t f[IDE_MAX_PAGES];
	enum ide_status s;
	struct ide_request r;
	bool ok = true;

	pick(f, IDE_MAX_PAGES, 0, true);
	for (unsigned lba48 = 0; lba48 <= 1; lba48++) {
		pattern_buf((uint32_t *)buf, lba, REGION_SECTORS, 11 + lba48, true);
		ide_debug.force_lba48 = lba48;
		s = ide_rw_polled(DISK, lba, buf, REGION_SECTORS, true);
		ide_debug.force_lba48 = false;
		poison(f, IDE_MAX_PAGES);
		r = transfer(lba, f, IDE_MAX_PAGES, false, BY_DMA);
		ok &= selftest_expect(s == IDE_OK && r.status == IDE_OK &&
			     !pattern_frames(f, IDE_MAX_PAGES, lba, 11 + lba48, false),
			     "polled write, DMA read");
		pattern_frames(f, IDE_MAX_PAGES, lba, 21 + lba48, true);
		r = transfer(lba, f, IDE_MAX_PAGES, true, BY_DMA | (lba48 ? LBA48 : 0));
		memset(buf, 0, REGION_SECTORS * IDE_SECTOR_SIZE);
		s = ide_rw_polled(DISK, lba, buf, REGION_SECTORS, false);
		ok &= selftest_expect(s == IDE_OK && r.status == IDE_OK &&
			     !pattern_buf((uint32_t *)buf, lba, REGION_SECTORS, 21 + lba48, false),
			     "DMA write, polled read");
	}
	kprintf("selftest: disk: 16 pages by polled PIO (LBA28, LBA48) against requests: %s\n",
		ok ? "match" : "DIFFER");
	return ok;
}

/* The MBR and swap header tools/mkswapdisk.sh wrote, read by polled PIO; the
 * header page is read by a DMA request too and must match. */
static bool swap_layout(uint8_t *buf)
{
	struct mbr_partition p = { 0 };
	uint32_t lba, sectors, pages = 0;
	const char *why;
	pfn_t f;
	struct ide_request r;
	bool ok;

	ok = selftest_expect(ide_rw_polled(DISK, 0, buf, 1, false) == IDE_OK, "MBR read");
	why = mbr_swap_partition(buf, &p);
	ok &= selftest_expect(why == NULL, why ? why : "mbr_swap_partition");
	lba = p.first_lba;
	sectors = p.sectors;
	ok &= selftest_expect(lba == SWAP_LBA && lba + (uint64_t)sectors == ide_sectors(DISK),
		     "the swap partition is not sectors 2048 to the end");
	ok &= selftest_expect(ide_rw_polled(DISK, lba, buf, SPP, false) == IDE_OK, "swap header read");
	why = swap_header_problem(buf, sectors);
	ok &= selftest_expect(swap_header_valid(buf, sectors, &pages), why ? why : "swap_header_valid");
	ok &= selftest_expect(memcmp(buf + 4086, "SWAPSPACE2", 10) == 0, "SWAPSPACE2 at byte 4086");
	pick(&f, 1, 0, false);
	r = transfer(lba, &f, 1, false, BY_DMA);
	ok &= selftest_expect(r.status == IDE_OK, "the header page by DMA");
	ok &= selftest_expect(memcmp(mmu_temp_map(TEMP_SELFTEST, f), buf, PAGE_SIZE) == 0,
		     "the header page by DMA differs");
	mmu_temp_unmap(TEMP_SELFTEST);
	kprintf("selftest: disk: MBR: partition of type 0x82 at sector %u, %u sectors; swap "
		"header %.10s version 1, %u pages (label \"%.16s\")\n", lba, sectors,
		(const char *)buf + 4086, pages, (const char *)buf + 1052);
	return ok;
}

/* ---- the queue, refusals, timeouts ------------------------------------------------ */

/* QUEUED requests submitted at once (writes, a refused one, reads of what
 * the writes wrote, all of region 9 or 10): the done() calls come in order. */
static bool queued(bool pio)
{
	uint64_t lba = region_lba(pio ? 10 : 9);
	struct ide_request r[QUEUED];
	struct waiter w = { 0 };
	pfn_t f[32];
	uint32_t bad, in_order = 0;
	bool irq, ok = true;

	pick(f, 32, 0, true);
	pattern_frames(f, 16, lba, 77, true);
	poison(f + 16, 16);
	for (uint32_t i = 0; i < 4; i++) {
		prepare(&r[i], &w, lba + i * 4 * SPP, f + 4 * i, 4, true);
		prepare(&r[5 + i], &w, lba + i * 4 * SPP, f + 16 + 4 * i, 4, false);
	}
	prepare(&r[4], &w, ide_sectors(DISK), f, 1, false);
	ide_debug.force_pio = pio;
	irq = irq_save();                       /* nothing completes before all are queued */
	for (uint32_t i = 0; i < QUEUED; i++)
		ide_submit(&r[i]);
	irq_restore(irq);
	wait_for(&w, QUEUED);
	ide_debug.force_pio = false;
	for (uint32_t i = 0; i < QUEUED; i++) {
		in_order += w.order[i] == &r[i];
		ok &= selftest_expect(r[i].status == (i == 4 ? IDE_ERR_RANGE : IDE_OK), "queued status");
	}
	bad = pattern_frames(f + 16, 16, lba, 77, false);
	kprintf("selftest: disk: %u requests queued at once (%s): %u done() calls, %u in "
		"submission order, %u words differ\n", QUEUED,
		how_text(expected(pio ? BY_PIO : BY_DMA, lba, 4)), w.count, in_order, bad);
	return ok & selftest_expect(w.count == QUEUED && in_order == QUEUED && bad == 0, "queue order");
}

/* A refused request completes with `want` from the next tick, never inside
 * ide_submit, and touches nothing. */
static bool refused(uint64_t lba, uint32_t pages, enum ide_status want)
{
	struct waiter w = { 0 };
	struct ide_request r;
	pfn_t f[IDE_MAX_PAGES];
	bool irq, early;

	pick(f, IDE_MAX_PAGES, 0, false);
	prepare(&r, &w, lba, f, pages, false);
	irq = irq_save();
	ide_submit(&r);
	early = w.count != 0;
	irq_restore(irq);
	wait_for(&w, 1);
	return selftest_expect(!early, "done() ran inside ide_submit") &
	       selftest_expect(r.status == want && w.count == 1, "a refused request's status");
}

/* Requests past the end or of a bad size are refused without a command. */
static bool ranges(uint8_t *buf)
{
	uint64_t n = ide_sectors(DISK);
	struct ide_stats a, b;
	bool ok = true;

	ide_get_stats(&a);
	ok &= refused(n - SPP + 1, 1, IDE_ERR_RANGE);   /* straddles the end */
	ok &= refused(n, 1, IDE_ERR_RANGE);
	ok &= refused(~0ull - 3, 1, IDE_ERR_RANGE);     /* lba + count overflows */
	ok &= refused(0, 0, IDE_ERR_RANGE);
	ok &= refused(0, IDE_MAX_PAGES + 1, IDE_ERR_RANGE);
	ok &= selftest_expect(ide_rw_polled(DISK, n - 1, buf, 2, false) == IDE_ERR_RANGE, "polled past the end");
	ok &= selftest_expect(ide_rw_polled(DISK, 0, buf, 0, false) == IDE_ERR_RANGE, "polled 0 sectors");
	ide_get_stats(&b);
	ok &= selftest_expect(b.commands == a.commands && b.errors == a.errors,
		     "a refused request reached the disk");
	kprintf("selftest: disk: 7 requests past the end or of a bad size: IDE_ERR_RANGE "
		"(\"%s\"), %u commands reached the disk\n", ide_status_text(IDE_ERR_RANGE, 0),
		b.commands - a.commands);
	return ok;
}

/* Round trips at pages the partition owns: their contents are saved first
 * and written back after. */
static bool preserving_round_trip(uint64_t lba, uint32_t pages, unsigned w, unsigned r)
{
	pfn_t saved[IDE_MAX_PAGES];
	struct ide_request a, b;
	bool ok;

	pick(saved, pages, 32, false);
	a = transfer(lba, saved, pages, false, BY_DMA);
	ok = round_trip(lba, pages, w, r, true);
	b = transfer(lba, saved, pages, true, BY_DMA);
	return ok & selftest_expect(a.status == IDE_OK && b.status == IDE_OK, "saving or restoring");
}

/* The last page of the disk, and where the disk is large enough, requests
 * ending at 2^28 (still LBA28) and crossing it (LBA48 unasked: round_trip
 * checks the driver's counters). */
static bool edges(void)
{
	const uint64_t lba28_end = 1ull << 28;
	uint64_t n = ide_sectors(DISK);
	bool ok = preserving_round_trip(n - SPP, 1, BY_DMA, BY_PIO);

	if (n < lba28_end + REGION_SECTORS) {
		kprintf("selftest: disk: the disk ends below sector 2^28 + 128: "
			"the LBA28/LBA48 boundary is not tried\n");
		return ok;
	}
	ok &= preserving_round_trip(lba28_end - REGION_SECTORS, 16, BY_DMA, BY_PIO);
	ok &= preserving_round_trip(lba28_end - REGION_SECTORS / 2, 16, BY_DMA, BY_PIO);
	return ok;
}

/* A request whose interrupt is lost fails with IDE_ERR_TIMEOUT after 2 s,
 * the channel is reset, and the next request works. */
static bool lost_interrupt(unsigned how)
{
	uint64_t lba = region_lba(11);
	uint32_t start, took;
	pfn_t f[2];
	struct ide_request r;

	pick(f, 2, 0, false);
	ide_debug.drop_irqs = 1;
	start = timer_ticks();
	r = transfer(lba, f, 2, false, how);
	took = timer_ticks() - start;
	ide_debug.drop_irqs = 0;
	kprintf("selftest: disk: %s read with its interrupt lost: \"%s\" after %u ms\n",
		how_text(expected(how, lba, 2)), ide_status_text(r.status, r.ata_error),
		took * 1000 / timer_hz());
	return selftest_expect(r.status == IDE_ERR_TIMEOUT, "a lost interrupt did not time out") &
	       selftest_expect(took >= 2 * timer_hz() && took <= 3 * timer_hz(), "timeout length") &
	       round_trip(lba, 2, how, how ^ BY_PIO, false);
}

/* ---- throughput --------------------------------------------------------------------- */

/* Moves BENCH_REQUESTS full requests one way by how; returns TSC cycles (or,
 * without a TSC, timer ticks in *ticks). */
static uint64_t bench(unsigned how, bool write, uint32_t *ticks)
{
	uint32_t start = timer_ticks();
	uint64_t tsc = cpu_rdtsc();
	pfn_t f[IDE_MAX_PAGES];

	pick(f, IDE_MAX_PAGES, 0, false);
	for (uint32_t i = 0; i < BENCH_REQUESTS; i++)
		transfer(region_lba(12), f, IDE_MAX_PAGES, write, how);
	*ticks = timer_ticks() - start;
	return cpu_rdtsc() - tsc;
}

/* TSC cycles per millisecond, timed against 10 PIT ticks (0 without a TSC). */
static uint64_t tsc_per_ms(void)
{
	uint32_t t0 = timer_ticks();
	uint64_t c0;

	while (timer_ticks() == t0)             /* start on a tick edge */
		cpu_relax_until_irq();
	c0 = cpu_rdtsc();
	t0 = timer_ticks();
	while (timer_ticks() - t0 < 10)
		cpu_relax_until_irq();
	return (cpu_rdtsc() - c0) * timer_hz() / 10 / 1000;
}

/* DMA against PIO, 4 MiB each way, in microseconds by the TSC where there is
 * one (the 10 ms tick is too coarse for DMA under QEMU). */
static void throughput(void)
{
	const uint64_t kib = BENCH_REQUESTS * IDE_MAX_PAGES * PAGE_SIZE / 1024;
	uint64_t per_ms = tsc_per_ms(), us;

	for (unsigned how = BY_DMA; how <= BY_PIO; how++)
		for (int write = 1; write >= 0; write--) {
			uint32_t ticks;
			uint64_t cycles = bench(expected(how, 0, 0), write, &ticks);
			us = per_ms ? cycles * 1000 / per_ms
				    : (uint64_t)ticks * 1000000 / timer_hz();
			kprintf("selftest: disk: throughput: %s %s %llu KiB in %llu us: %llu KiB/s "
				"(%llu TSC cycles per KiB)\n", how_text(expected(how, 0, 0)),
				write ? "write" : "read ", kib, us, us ? kib * 1000000 / us : 0,
				cycles / kib);
		}
}

/* ---- the tests ------------------------------------------------------------------------ */

/* Without a disk every call fails cleanly with IDE_ERR_NO_DEVICE. */
static bool no_disk(uint8_t *buf)
{
	bool ok = refused(0, 1, IDE_ERR_NO_DEVICE) &
		  selftest_expect(ide_rw_polled(DISK, 0, buf, 1, false) == IDE_ERR_NO_DEVICE, "polled, no disk") &
		  selftest_expect(ide_sectors(DISK) == 0, "a size without a disk");

	kprintf("selftest: disk: skipped: no disk attached (requests fail with \"%s\")\n",
		ide_status_text(IDE_ERR_NO_DEVICE, 0));
	return ok;
}

/* Runs body with the frames and a 64 KB kernel buffer, then gives them back. */
static bool with_resources(bool (*body)(uint8_t *buf))
{
	uint8_t *buf = kpage_alloc(IDE_MAX_PAGES);
	bool ok = selftest_expect(buf != NULL && frames_get(), "no memory for the test");

	if (ok)
		ok = ide_present(DISK) ? body(buf) : no_disk(buf);
	frames_put();
	if (buf)
		kpage_free(buf);
	return ok;
}

/* test=disk with a disk attached: everything above in turn. */
static bool disk_body(uint8_t *buf)
{
	struct ide_stats s;
	bool ok = swap_layout(buf);

	kprintf("selftest: disk: %u low frames, %u beyond the direct window\n", frames.nlow,
		frames.nhigh);
	ok &= round_trips();
	ok &= polled_round_trips(buf);
	ok &= queued(false) & queued(true);
	ok &= ranges(buf);
	ok &= edges();
	ok &= lost_interrupt(BY_DMA) & lost_interrupt(BY_PIO);
	throughput();
	ide_get_stats(&s);
	kprintf("selftest: disk: %u commands (%u DMA, %u PIO, %u LBA48), %u errors, %u "
		"timeouts, %u spurious interrupts\n", s.commands, s.dma, s.pio, s.lba48,
		s.errors, s.timeouts, s.spurious_irqs);
	return ok & selftest_expect(s.errors == 2 && s.timeouts == 2,
				    "errors other than the two timeouts");
}

bool selftest_disk(const struct boot_info *bi, const struct kernel_options *opt)
{
	(void)bi, (void)opt;
	return with_resources(disk_body);
}

/* A read of pages that include BAD_LBA by `how`: IDE_ERR_DEVICE; PIO has
 * moved the sectors before it. */
static bool read_over_bad(unsigned how, const pfn_t *f)
{
	uint64_t lba = region_lba(BAD_REGION);
	uint32_t good = (BAD_LBA - lba) / SPP, bad = 0;
	struct ide_request r;

	poison(f, IDE_MAX_PAGES);
	r = transfer(lba, f, IDE_MAX_PAGES, false, how);
	how = expected(how, lba, IDE_MAX_PAGES);
	if (how & BY_PIO)
		bad = pattern_frames(f, good, lba, 5, false);
	kprintf("selftest: disk: %s read over injected bad sector %u: %s (error register "
		"0x%02x)", how_text(how), BAD_LBA, ide_status_text(r.status, r.ata_error),
		r.ata_error);
	if (how & BY_PIO)
		kprintf("; the %u pages before it arrived, %u words differ", good, bad);
	kprintf("\n");
	return selftest_expect(r.status == IDE_ERR_DEVICE && r.ata_error != 0, "no device error") &
	       selftest_expect(bad == 0, "PIO lost the sectors before the error");
}

/* test=disk-read-error: reads over the blkdebug-failed sector by DMA, PIO
 * and polled PIO fail with a decoded device error; everything beside it,
 * and the disk afterwards, still works. */
static bool read_error_body(uint8_t *buf)
{
	uint64_t lba = region_lba(BAD_REGION);
	uint32_t page = (BAD_LBA - lba) / SPP;
	pfn_t f[IDE_MAX_PAGES];
	enum ide_status s;
	bool ok;

	pick(f, IDE_MAX_PAGES, 0, true);
	pattern_frames(f, IDE_MAX_PAGES, lba, 5, true);
	ok = selftest_expect(transfer(lba, f, IDE_MAX_PAGES, true, BY_DMA).status == IDE_OK,
		    "writing over the bad sector");
	ok &= read_over_bad(BY_DMA, f) & read_over_bad(BY_PIO, f);
	s = ide_rw_polled(DISK, BAD_LBA, buf, 1, false);
	kprintf("selftest: disk: polled read of sector %u: %s\n", BAD_LBA,
		ide_status_text(s, ide_polled_ata_error()));
	ok &= selftest_expect(s == IDE_ERR_DEVICE, "polled read of the bad sector");
	ok &= selftest_expect(ide_rw_polled(DISK, BAD_LBA - 1, buf, 1, false) == IDE_OK &&
		     !pattern_buf((uint32_t *)buf, BAD_LBA - 1, 1, 5, false),
		     "polled read of the sector before it");
	/* The channel still works: the pages around the bad one, and a fresh round trip. */
	poison(f, IDE_MAX_PAGES);
	ok &= selftest_expect(transfer(lba, f, page, false, BY_DMA).status == IDE_OK &&
		     transfer(lba + (page + 1) * SPP, f + page + 1, IDE_MAX_PAGES - page - 1,
			      false, BY_PIO).status == IDE_OK, "reads beside the bad page");
	ok &= selftest_expect(!pattern_frames(f, page, lba, 5, false) &&
		     !pattern_frames(f + page + 1, IDE_MAX_PAGES - page - 1,
				     lba + (page + 1) * SPP, 5, false), "data beside the bad page");
	ok &= round_trip(region_lba(0), 16, BY_DMA, BY_PIO, true);
	kprintf("selftest: disk: after the errors the disk %s\n", ok ? "still works" : "FAILS");
	return ok;
}

bool selftest_disk_read_error(const struct boot_info *bi, const struct kernel_options *opt)
{
	(void)bi, (void)opt;
	if (!ide_present(DISK))
		return selftest_expect(false, "test=disk-read-error needs a disk");
	return with_resources(read_error_body);
}
