/* The IDE request queues: one request at a time per channel, by bus-master
 * DMA or interrupt-driven PIO, completed from the channel's IRQ or, on a
 * timeout, from the timer tick; bring-up and the boot lines; see arch/ide.h. */
#include "arch/ide_hw.h"
#include "arch/arch.h"
#include "arch/cpu.h"
#include "arch/mbr.h"
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

/* The bus master reads a channel's table by physical address (physical =
 * virtual - KERNEL_BASE in the kernel image); it must be dword aligned and
 * must not cross a 64 KB boundary: aligning each to its own 128-byte size
 * does both. */
static struct prd prd_tables[IDE_CHANNELS][IDE_MAX_PAGES]
	__attribute__((aligned(sizeof(struct prd) * IDE_MAX_PAGES)));

struct fifo {
	struct ide_request *head, *tail;
};

/* A channel's requests: its queue and the transfer of the running one. */
struct channel_io {
	struct fifo queue;              /* the head is the running request when busy */
	bool busy, dma;
	uint32_t sector, count;         /* PIO: the next sector to move; all sectors */
	uint32_t started;               /* timer tick of the start */
};

static struct channel_io io[IDE_CHANNELS];
static unsigned temp_slot;
static uint8_t polled_error;

static const char *const positions[IDE_DISKS] = {
	"primary master", "primary slave", "secondary master", "secondary slave",
};

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

bool ide_present(unsigned disk)
{
	return disk < IDE_DISKS && ide_disks[disk].present;
}

uint64_t ide_sectors(unsigned disk)
{
	return ide_present(disk) ? ide_disks[disk].sectors : 0;
}

bool ide_has_dma(unsigned disk)
{
	return ide_present(disk) && ide_disks[disk].dma;
}

bool ide_has_lba48(unsigned disk)
{
	return ide_present(disk) && ide_disks[disk].lba48;
}

const char *ide_position(unsigned disk)
{
	return disk < IDE_DISKS ? positions[disk] : "no such position";
}

/* The channel whose queue takes requests for disk (any number: a refused
 * request for a disk that cannot exist still completes from a queue). */
static unsigned channel_of(unsigned disk)
{
	return disk < IDE_DISKS ? disk / 2 : 0;
}

void ide_get_stats(struct ide_stats *s)
{
	bool irq = irq_save();

	*s = ide_stat;
	irq_restore(irq);
}

/* Whether sectors at lba lie on disk: IDE_OK, or why not. */
static enum ide_status check_range(unsigned disk, uint64_t lba, uint64_t sectors)
{
	uint64_t n = ide_sectors(disk);

	if (!n)
		return IDE_ERR_NO_DEVICE;
	if (sectors == 0 || lba >= n || sectors > n - lba)
		return IDE_ERR_RANGE;
	return IDE_OK;
}

/* The sectors r moves: all of its pages', or r->sectors. */
static uint32_t request_sectors(const struct ide_request *r)
{
	return r->sectors ? r->sectors : r->pages * IDE_SECTORS_PER_PAGE;
}

/* ---- moving data ----------------------------------------------------------- */

/* PIO of sector s of r on channel c: its frame through the direct window, or
 * through the driver's hyperspace slot when it lies beyond (one slot serves
 * both channels: interrupts are off from the map to the unmap). */
static void move_sector(const struct ide_channel *c, struct ide_request *r, uint32_t s)
{
	pfn_t pfn = r->frames[s / IDE_SECTORS_PER_PAGE];
	uint8_t *page = arch_phys_to_virt((paddr_t)pfn << PAGE_SHIFT, PAGE_SIZE);
	bool temp = page == NULL;

	if (temp)
		page = mmu_temp_map(temp_slot, pfn);
	ide_hw_pio_sector(c, page + s % IDE_SECTORS_PER_PAGE * IDE_SECTOR_SIZE, r->write);
	if (temp)
		mmu_temp_unmap(temp_slot);
}

/* Points channel ch's bus master at r's frames (one PRD entry each) and
 * starts the DMA command; the drive interrupts once at the end. */
static void start_dma(unsigned ch, struct ide_request *r, bool lba48)
{
	const struct ide_channel *c = &ide_chans[ch];
	struct prd *prd = prd_tables[ch];
	uint8_t direction = r->write ? 0 : BM_CMD_TO_MEMORY;

	uint32_t left = io[ch].count * IDE_SECTOR_SIZE;

	for (uint32_t i = 0; i < r->pages; i++, left -= PAGE_SIZE) {
		uint32_t bytes = left < PAGE_SIZE ? left : PAGE_SIZE;
		prd[i] = (struct prd){ (paddr_t)r->frames[i] << PAGE_SHIFT, (uint16_t)bytes,
				       i + 1 == r->pages ? PRD_EOT : 0 };
	}
	/* The table must be in memory before the bus master may read it. */
	asm volatile("" ::: "memory");
	ide_stat.dma++;
	outb(c->bm + BM_COMMAND, 0);
	outl(c->bm + BM_PRDT, (uint32_t)prd - KERNEL_BASE);
	outb(c->bm + BM_COMMAND, direction);
	outb(c->bm + BM_STATUS, BM_ST_KEEP | BM_ST_ERROR | BM_ST_IRQ);
	ide_hw_issue(&ide_disks[r->disk], r->lba, io[ch].count, lba48, true, r->write);
	/* SFF-8038i order: the command first, then the engine. */
	outb(c->bm + BM_COMMAND, direction | BM_CMD_START);
}

/* Starts r's PIO command on channel ch; the interrupts move the sectors. */
static void start_pio(unsigned ch, struct ide_request *r, bool lba48)
{
	const struct ide_channel *c = &ide_chans[ch];
	uint8_t st;

	ide_stat.pio++;
	ide_hw_issue(&ide_disks[r->disk], r->lba, io[ch].count, lba48, false, r->write);
	if (!r->write)
		return;
	/* The drive asks for the first sector by DRQ alone; only the later ones
	 * are announced by interrupts. An error instead raises an interrupt, and
	 * silence ends in the timeout. */
	st = ide_hw_wait_drq(c);
	if ((st & ATA_SR_DRQ) && !(st & (ATA_SR_ERR | ATA_SR_DF)))
		move_sector(c, r, io[ch].sector++);
}

/* Starts r, the head of channel ch's queue, which the range check accepted. */
static void start(unsigned ch, struct ide_request *r)
{
	const struct ide_disk *d = &ide_disks[r->disk];
	struct channel_io *x = &io[ch];
	uint32_t count = request_sectors(r);
	bool dma = d->dma && !ide_debug.force_pio;

	x->busy = true;
	x->dma = dma;
	x->sector = 0;
	x->count = count;
	x->started = timer_ticks();
	if (dma)
		start_dma(ch, r, ide_hw_needs_lba48(d, r->lba, count));
	else
		start_pio(ch, r, ide_hw_needs_lba48(d, r->lba, count));
}

/* Starts the head of channel ch's queue if the channel is idle. A refused
 * request at the head is completed on the way when complete_refused (never
 * inside ide_submit, whose caller does not expect done() yet). */
static void run_queue(unsigned ch, bool complete_refused)
{
	struct channel_io *x = &io[ch];
	struct ide_request *r;

	while (!x->busy && (r = x->queue.head) != NULL) {
		if (r->status == IDE_OK) {
			start(ch, r);
			return;
		}
		if (!complete_refused)
			return;
		fifo_pop(&x->queue);
		r->done(r);
	}
}

/* Ends channel ch's running request with s, then moves its queue on. */
static void complete(unsigned ch, enum ide_status s, uint8_t ata_error)
{
	struct ide_request *r = fifo_pop(&io[ch].queue);

	io[ch].busy = false;
	if (s != IDE_OK)
		ide_stat.errors++;
	r->status = s;
	r->ata_error = s == IDE_ERR_DEVICE ? ata_error : 0;
	r->done(r);
	run_queue(ch, true);
}

void ide_submit(struct ide_request *r)
{
	unsigned ch = channel_of(r->disk);
	bool irq = irq_save();

	r->ata_error = 0;
	r->status = r->pages >= 1 && r->pages <= IDE_MAX_PAGES &&
		    request_sectors(r) > (r->pages - 1) * IDE_SECTORS_PER_PAGE &&
		    request_sectors(r) <= r->pages * IDE_SECTORS_PER_PAGE
		    ? check_range(r->disk, r->lba, request_sectors(r))
		    : ide_present(r->disk) ? IDE_ERR_RANGE : IDE_ERR_NO_DEVICE;
	fifo_push(&io[ch].queue, r);
	run_queue(ch, false);
	irq_restore(irq);
}

/* ---- interrupts and timeouts ----------------------------------------------- */

/* The end of a DMA request on channel ch: stop the engine, acknowledge the
 * drive, and complete with what the drive and the bus master say. */
static void dma_interrupt(unsigned ch)
{
	const struct ide_channel *c = &ide_chans[ch];
	uint8_t bms = inb(c->bm + BM_STATUS), st = ata_alt_status(c);

	/* The controller latches the drive's interrupt here; without it the
	 * interrupt came from another device on a shared line. */
	if (!(bms & BM_ST_IRQ)) {
		ide_stat.spurious_irqs++;
		return;
	}
	/* The drive may raise INTRQ while the bus master still drains its FIFO
	 * to memory: the data are all there only once Active clears. A drive
	 * that failed leaves the engine active for good, so do not wait then. */
	for (uint32_t i = 0; i < DRAIN_SPINS && (bms & BM_ST_ACTIVE) &&
	     !(bms & BM_ST_ERROR) && !(st & (ATA_SR_ERR | ATA_SR_DF)); i++)
		bms = inb(c->bm + BM_STATUS);
	outb(c->bm + BM_COMMAND, 0);
	st = ata_in(c, ATA_STATUS);             /* acknowledges INTRQ */
	outb(c->bm + BM_STATUS, (bms & BM_ST_KEEP) | BM_ST_ERROR | BM_ST_IRQ);
	if (st & (ATA_SR_ERR | ATA_SR_DF))
		complete(ch, IDE_ERR_DEVICE, ata_in(c, ATA_ERROR));
	else if (bms & (BM_ST_ERROR | BM_ST_ACTIVE))
		complete(ch, IDE_ERR_DMA, 0);
	else
		complete(ch, IDE_OK, 0);
}

/* The PIO protocol on channel ch, one interrupt per sector: a read's says
 * the next sector is ready to fetch, a write's that the last one is taken
 * (then the next goes out, or the request is done). */
static void pio_interrupt(unsigned ch)
{
	const struct ide_channel *c = &ide_chans[ch];
	struct channel_io *x = &io[ch];
	struct ide_request *r = x->queue.head;
	uint8_t st = ata_in(c, ATA_STATUS);     /* acknowledges INTRQ */

	if (c->bm)                              /* the PIIX latches every interrupt */
		outb(c->bm + BM_STATUS, BM_ST_KEEP | BM_ST_IRQ);
	if (st & ATA_SR_BSY)
		return;
	if (st & (ATA_SR_ERR | ATA_SR_DF))
		complete(ch, IDE_ERR_DEVICE, ata_in(c, ATA_ERROR));
	else if (x->sector == x->count)         /* a write's last sector is on disk */
		complete(ch, IDE_OK, 0);
	else if (!(st & ATA_SR_DRQ))
		complete(ch, IDE_ERR_DEVICE, ata_in(c, ATA_ERROR));
	else {
		move_sector(c, r, x->sector++);
		if (!r->write && x->sector == x->count)
			complete(ch, IDE_OK, 0);
	}
}

/* Channel ch's interrupt: the running request's next step. */
static void channel_interrupt(unsigned ch)
{
	if (!io[ch].busy) {
		(void)ata_in(&ide_chans[ch], ATA_STATUS);
		ide_stat.spurious_irqs++;
		return;
	}
	if (ide_debug.drop_irqs) {              /* a lost interrupt, for the self-test */
		ide_debug.drop_irqs--;
		return;
	}
	if (io[ch].dma)
		dma_interrupt(ch);
	else
		pio_interrupt(ch);
}

/* IRQ 14 and 15 (or the one native-mode line of both channels). On a line
 * both channels share, a channel with a bus master latched its own drive's
 * interrupt (for PIO too); the others cannot tell and take every one. */
static void ide_interrupt(struct trap_frame *f)
{
	unsigned irq = f->vector - T_IRQ_BASE;
	bool shared = ide_chans[0].irq == ide_chans[1].irq;

	for (unsigned ch = 0; ch < IDE_CHANNELS; ch++) {
		const struct ide_channel *c = &ide_chans[ch];
		if (!c->used || c->irq != irq)
			continue;
		if (shared && c->bm && !(inb(c->bm + BM_STATUS) & BM_ST_IRQ))
			continue;
		channel_interrupt(ch);
	}
}

void ide_tick(void)
{
	bool irq = irq_save();

	for (unsigned ch = 0; ch < IDE_CHANNELS; ch++) {
		run_queue(ch, true);
		if (io[ch].busy && timer_ticks() - io[ch].started >= TIMEOUT_SECONDS * timer_hz()) {
			ide_stat.timeouts++;
			ide_hw_reset(&ide_chans[ch]);
			complete(ch, IDE_ERR_TIMEOUT, 0);
		}
	}
	irq_restore(irq);
}

/* ---- polled I/O and bring-up -------------------------------------------------- */

enum ide_status ide_rw_polled(unsigned disk, uint64_t lba, void *buf, uint32_t sectors,
			      bool write)
{
	bool irq = irq_save();
	enum ide_status s = check_range(disk, lba, sectors);
	struct channel_io *x = &io[channel_of(disk)];

	/* Requests own the channel until they complete. */
	while (s == IDE_OK && x->busy) {
		if (!irq) {
			s = IDE_ERR_TIMEOUT;
			break;
		}
		cpu_relax_until_irq();
		irq_disable();
	}
	if (s == IDE_OK)
		s = ide_hw_polled(&ide_disks[disk], lba, buf, sectors, write, &polled_error);
	if (s != IDE_OK && s != IDE_ERR_RANGE && s != IDE_ERR_NO_DEVICE)
		ide_stat.errors++;
	irq_restore(irq);
	return s;
}

uint8_t ide_polled_ata_error(void)
{
	return polled_error;
}

/* The "ide:" boot line of disk n, found on the controller at where. */
static void print_disk(unsigned n, const char *where)
{
	const struct ide_disk *d = &ide_disks[n];

	kprintf("ide: disk %u (%s): \"%s\", %llu sectors (%llu MiB), %s, %s; %s, ports "
		"0x%x/0x%x, ", n, positions[n], d->model, d->sectors, d->sectors >> 11,
		d->lba48 ? "LBA48" : "LBA28", d->dma ? "bus-master DMA" : "PIO", where,
		d->chan->cmd, d->chan->ctl);
	if (d->chan->bm)
		kprintf("bus master 0x%x, ", d->chan->bm);
	kprintf("IRQ %u\n", d->chan->irq);
}

/* One "ide:" line for each FAT partition in disk n's partition table: the
 * volumes it holds are mounted later. */
static void print_fat_partitions(unsigned n)
{
	uint8_t sector[MBR_SIZE];
	struct mbr_partition p;
	enum ide_status s = ide_rw_polled(n, 0, sector, 1, false);

	if (s != IDE_OK) {
		kprintf("ide: disk %u: the partition table cannot be read: %s\n", n,
			ide_status_text(s, ide_polled_ata_error()));
		return;
	}
	for (uint32_t i = 1; i <= MBR_ENTRIES; i++)
		if (!mbr_entry(sector, i, &p) && mbr_fat_kind(p.type))
			kprintf("ide: disk %u: %s partition %u (type 0x%02x) at LBA %u, %u MiB\n",
				n, mbr_fat_kind(p.type), p.number, p.type, p.first_lba,
				p.sectors >> 11);
}

/* Probes the four positions, printing a line for each disk and each device
 * that is none; marks the channels with a disk used. Returns how many disks. */
static unsigned probe(const char *where)
{
	unsigned found = 0;
	const char *why;

	for (unsigned n = 0; n < IDE_DISKS; n++) {
		switch (ide_hw_identify(n, &why)) {
		case IDE_PROBE_DISK:
			ide_disks[n].present = true;
			ide_disks[n].chan->used = true;
			print_disk(n, where);
			found++;
			break;
		case IDE_PROBE_OTHER:
			kprintf("ide: %s: %s; not used\n", positions[n], why);
			break;
		case IDE_PROBE_EMPTY:
			break;
		}
	}
	return found;
}

bool ide_init(unsigned slot)
{
	const char *why = "";
	char where[48] = "";

	temp_slot = slot;
	if (!ide_hw_find_controller(&why, where, sizeof(where))) {
		kprintf("ide: no disk (%s; %s)\n", why, where);
		return false;
	}
	if (!probe(where)) {
		kprintf("ide: no disk at any of the four positions (%s)\n", where);
		return false;
	}
	for (unsigned ch = 0; ch < IDE_CHANNELS; ch++)
		if (ide_chans[ch].used) {
			irq_set_handler(ide_chans[ch].irq, ide_interrupt);
			ide_hw_irq_enable(&ide_chans[ch], true);
		}
	for (unsigned n = 0; n < IDE_DISKS; n++)
		if (ide_disks[n].present)
			print_fat_partitions(n);
	return true;
}
