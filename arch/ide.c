/* The IDE request queue: one request at a time on the primary master, by
 * bus-master DMA or interrupt-driven PIO, completed from IRQ 14 or, on a
 * timeout, from the timer tick; see arch/ide.h. */
#include "arch/ide_hw.h"
#include "arch/arch.h"
#include "arch/cpu.h"
#include "arch/mmu.h"
#include "arch/trap.h"
#include "kernel/rtl/console.h"

#define TIMEOUT_SECONDS 2
#define PRD_EOT 0x8000u                 /* the table's last entry */
#define BM_ST_KEEP 0x60                 /* "drive 0/1 DMA capable": read/write, kept */
/* Status polls while the bus master drains after the drive's interrupt. */
#define DRAIN_SPINS 10000u

struct ide_debug ide_debug;

/* A physical region descriptor: one frame per entry. */
struct prd {
	uint32_t addr;
	uint16_t bytes;
	uint16_t flags;
};

/* The bus master reads the table by physical address (physical = virtual -
 * KERNEL_BASE in the kernel image); it must be dword aligned and must not
 * cross a 64 KB boundary: aligning it to its own 128-byte size does both. */
static struct prd prd_table[IDE_MAX_PAGES]
	__attribute__((aligned(sizeof(struct prd) * IDE_MAX_PAGES)));

struct fifo {
	struct ide_request *head, *tail;
};

static struct fifo queue;               /* the head is the running request when busy */
static struct {
	bool busy, dma;
	uint32_t sector, count;         /* PIO: the next sector to move; all sectors */
	uint32_t started;               /* timer tick of the start */
} xfer;
static unsigned temp_slot;
static uint8_t polled_error;

/* Appends r to q. */
static void fifo_push(struct fifo *q, struct ide_request *r)
{
	r->next = NULL;
	if (q->tail)
		q->tail->next = r;
	else
		q->head = r;
	q->tail = r;
}

/* Takes q's first request (NULL when empty). */
static struct ide_request *fifo_pop(struct fifo *q)
{
	struct ide_request *r = q->head;

	if (r && !(q->head = r->next))
		q->tail = NULL;
	if (r)
		r->next = NULL;
	return r;
}

bool ide_present(void)
{
	return ide_dev.present;
}

uint64_t ide_sectors(void)
{
	return ide_dev.present ? ide_dev.sectors : 0;
}

bool ide_has_dma(void)
{
	return ide_dev.present && ide_dev.dma;
}

bool ide_has_lba48(void)
{
	return ide_dev.present && ide_dev.lba48;
}

void ide_get_stats(struct ide_stats *s)
{
	bool irq = irq_save();

	*s = ide_stat;
	irq_restore(irq);
}

/* Whether sectors at lba lie on the disk: IDE_OK, or why not. */
static enum ide_status check_range(uint64_t lba, uint64_t sectors)
{
	if (!ide_dev.present)
		return IDE_ERR_NO_DEVICE;
	if (sectors == 0 || lba >= ide_dev.sectors || sectors > ide_dev.sectors - lba)
		return IDE_ERR_RANGE;
	return IDE_OK;
}

/* ---- moving data ----------------------------------------------------------- */

/* PIO of sector s of r: its frame through the direct window, or through the
 * driver's hyperspace slot when it lies beyond. */
static void move_sector(struct ide_request *r, uint32_t s)
{
	pfn_t pfn = r->frames[s / IDE_SECTORS_PER_PAGE];
	uint8_t *page = arch_phys_to_virt((paddr_t)pfn << PAGE_SHIFT, PAGE_SIZE);
	bool temp = page == NULL;

	if (temp)
		page = mmu_temp_map(temp_slot, pfn);
	ide_hw_pio_sector(page + s % IDE_SECTORS_PER_PAGE * IDE_SECTOR_SIZE, r->write);
	if (temp)
		mmu_temp_unmap(temp_slot);
}

/* Points the bus master at r's frames (one PRD entry each) and starts the
 * DMA command; the drive interrupts once at the end. */
static void start_dma(struct ide_request *r, bool lba48)
{
	uint8_t direction = r->write ? 0 : BM_CMD_TO_MEMORY;

	for (uint32_t i = 0; i < r->pages; i++)
		prd_table[i] = (struct prd){ (paddr_t)r->frames[i] << PAGE_SHIFT, PAGE_SIZE,
					     i + 1 == r->pages ? PRD_EOT : 0 };
	/* The table must be in memory before the bus master may read it. */
	asm volatile("" ::: "memory");
	ide_stat.dma++;
	outb(ide_chan.bm + BM_COMMAND, 0);
	outl(ide_chan.bm + BM_PRDT, (uint32_t)prd_table - KERNEL_BASE);
	outb(ide_chan.bm + BM_COMMAND, direction);
	outb(ide_chan.bm + BM_STATUS, BM_ST_KEEP | BM_ST_ERROR | BM_ST_IRQ);
	ide_hw_issue(r->lba, xfer.count, lba48, true, r->write);
	/* SFF-8038i order: the command first, then the engine. */
	outb(ide_chan.bm + BM_COMMAND, direction | BM_CMD_START);
}

/* Starts r's PIO command; the interrupts move the sectors. */
static void start_pio(struct ide_request *r, bool lba48)
{
	uint8_t st;

	ide_stat.pio++;
	ide_hw_issue(r->lba, xfer.count, lba48, false, r->write);
	if (!r->write)
		return;
	/* The drive asks for the first sector by DRQ alone; only the later ones
	 * are announced by interrupts. An error instead raises an interrupt, and
	 * silence ends in the timeout. */
	st = ide_hw_wait_drq();
	if ((st & ATA_SR_DRQ) && !(st & (ATA_SR_ERR | ATA_SR_DF)))
		move_sector(r, xfer.sector++);
}

/* Starts r, the head of the queue, which the range check accepted. */
static void start(struct ide_request *r)
{
	uint32_t count = r->pages * IDE_SECTORS_PER_PAGE;
	bool dma = ide_dev.dma && !ide_debug.force_pio;

	xfer.busy = true;
	xfer.dma = dma;
	xfer.sector = 0;
	xfer.count = count;
	xfer.started = timer_ticks();
	if (dma)
		start_dma(r, ide_hw_needs_lba48(r->lba, count));
	else
		start_pio(r, ide_hw_needs_lba48(r->lba, count));
}

/* Starts the head of the queue if the disk is idle. A refused request at the
 * head is completed on the way when complete_refused (never inside
 * ide_submit, whose caller does not expect done() yet). */
static void run_queue(bool complete_refused)
{
	struct ide_request *r;

	while (!xfer.busy && (r = queue.head) != NULL) {
		if (r->status == IDE_OK) {
			start(r);
			return;
		}
		if (!complete_refused)
			return;
		fifo_pop(&queue);
		r->done(r);
	}
}

/* Ends the running request with s, then moves the queue on. */
static void complete(enum ide_status s, uint8_t ata_error)
{
	struct ide_request *r = fifo_pop(&queue);

	xfer.busy = false;
	if (s != IDE_OK)
		ide_stat.errors++;
	r->status = s;
	r->ata_error = s == IDE_ERR_DEVICE ? ata_error : 0;
	r->done(r);
	run_queue(true);
}

void ide_submit(struct ide_request *r)
{
	bool irq = irq_save();

	r->ata_error = 0;
	r->status = r->pages >= 1 && r->pages <= IDE_MAX_PAGES
		    ? check_range(r->lba, (uint64_t)r->pages * IDE_SECTORS_PER_PAGE)
		    : ide_dev.present ? IDE_ERR_RANGE : IDE_ERR_NO_DEVICE;
	fifo_push(&queue, r);
	run_queue(false);
	irq_restore(irq);
}

/* ---- interrupts and timeouts ----------------------------------------------- */

/* The end of a DMA request: stop the engine, acknowledge the drive, and
 * complete with what the drive and the bus master say. */
static void dma_interrupt(void)
{
	uint8_t bms = inb(ide_chan.bm + BM_STATUS), st = ata_alt_status();

	/* The controller latches the drive's interrupt here; without it the
	 * interrupt came from another device on a shared native-mode line. */
	if (!(bms & BM_ST_IRQ)) {
		ide_stat.spurious_irqs++;
		return;
	}
	/* The drive may raise INTRQ while the bus master still drains its FIFO
	 * to memory: the data are all there only once Active clears. A drive
	 * that failed leaves the engine active for good, so do not wait then. */
	for (uint32_t i = 0; i < DRAIN_SPINS && (bms & BM_ST_ACTIVE) &&
	     !(bms & BM_ST_ERROR) && !(st & (ATA_SR_ERR | ATA_SR_DF)); i++)
		bms = inb(ide_chan.bm + BM_STATUS);
	outb(ide_chan.bm + BM_COMMAND, 0);
	st = ata_in(ATA_STATUS);                /* acknowledges INTRQ */
	outb(ide_chan.bm + BM_STATUS, (bms & BM_ST_KEEP) | BM_ST_ERROR | BM_ST_IRQ);
	if (st & (ATA_SR_ERR | ATA_SR_DF))
		complete(IDE_ERR_DEVICE, ata_in(ATA_ERROR));
	else if (bms & (BM_ST_ERROR | BM_ST_ACTIVE))
		complete(IDE_ERR_DMA, 0);
	else
		complete(IDE_OK, 0);
}

/* The PIO protocol, one interrupt per sector: a read's says the next sector
 * is ready to fetch, a write's that the last one is taken (then the next goes
 * out, or the request is done). */
static void pio_interrupt(void)
{
	struct ide_request *r = queue.head;
	uint8_t st = ata_in(ATA_STATUS);        /* acknowledges INTRQ */

	if (ide_chan.bm)                        /* the PIIX latches every interrupt */
		outb(ide_chan.bm + BM_STATUS, BM_ST_KEEP | BM_ST_IRQ);
	if (st & ATA_SR_BSY)
		return;
	if (st & (ATA_SR_ERR | ATA_SR_DF))
		complete(IDE_ERR_DEVICE, ata_in(ATA_ERROR));
	else if (xfer.sector == xfer.count)     /* a write's last sector is on disk */
		complete(IDE_OK, 0);
	else if (!(st & ATA_SR_DRQ))
		complete(IDE_ERR_DEVICE, ata_in(ATA_ERROR));
	else {
		move_sector(r, xfer.sector++);
		if (!r->write && xfer.sector == xfer.count)
			complete(IDE_OK, 0);
	}
}

/* IRQ 14 (or the native-mode line): the running request's next step. */
static void ide_interrupt(struct trap_frame *f)
{
	(void)f;
	if (!xfer.busy) {
		(void)ata_in(ATA_STATUS);
		ide_stat.spurious_irqs++;
		return;
	}
	if (ide_debug.drop_irqs) {              /* a lost interrupt, for the self-test */
		ide_debug.drop_irqs--;
		return;
	}
	if (xfer.dma)
		dma_interrupt();
	else
		pio_interrupt();
}

void ide_tick(void)
{
	bool irq = irq_save();

	run_queue(true);
	if (xfer.busy && timer_ticks() - xfer.started >= TIMEOUT_SECONDS * timer_hz()) {
		ide_stat.timeouts++;
		ide_hw_reset();
		complete(IDE_ERR_TIMEOUT, 0);
	}
	irq_restore(irq);
}

/* ---- polled I/O and bring-up -------------------------------------------------- */

enum ide_status ide_rw_polled(uint64_t lba, void *buf, uint32_t sectors, bool write)
{
	bool irq = irq_save();
	enum ide_status s = check_range(lba, sectors);

	/* Requests own the channel until they complete. */
	while (s == IDE_OK && xfer.busy) {
		if (!irq) {
			s = IDE_ERR_TIMEOUT;
			break;
		}
		cpu_relax_until_irq();
		irq_disable();
	}
	if (s == IDE_OK)
		s = ide_hw_polled(lba, buf, sectors, write, &polled_error);
	if (s != IDE_OK && s != IDE_ERR_RANGE && s != IDE_ERR_NO_DEVICE)
		ide_stat.errors++;
	irq_restore(irq);
	return s;
}

uint8_t ide_polled_ata_error(void)
{
	return polled_error;
}

/* The one "ide:" boot line for a disk found at where. */
static void print_disk(const char *where)
{
	uint64_t mib = ide_dev.sectors >> 11;

	kprintf("ide: \"%s\", %llu sectors (%llu MiB), %s, %s; %s, ports 0x%x/0x%x, ",
		ide_dev.model, ide_dev.sectors, mib, ide_dev.lba48 ? "LBA48" : "LBA28",
		ide_dev.dma ? "bus-master DMA" : "PIO", where, ide_chan.cmd, ide_chan.ctl);
	if (ide_chan.bm)
		kprintf("bus master 0x%x, ", ide_chan.bm);
	kprintf("IRQ %u\n", ide_chan.irq);
}

bool ide_init(unsigned slot)
{
	const char *why = "";
	char where[48] = "";

	temp_slot = slot;
	if (!ide_hw_find_controller(&why, where, sizeof(where)) || !ide_hw_identify(&why)) {
		kprintf("ide: no disk (%s%s%s)\n", why, where[0] ? "; " : "", where);
		return false;
	}
	ide_dev.present = true;
	irq_set_handler(ide_chan.irq, ide_interrupt);
	ide_hw_irq_enable(true);
	print_disk(where);
	return true;
}
