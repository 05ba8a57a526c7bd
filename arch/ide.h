/* The IDE disks: up to four, at the four ATA positions of a PCI IDE controller
 * (class 01:01; QEMU's -M pc has a PIIX3, real i386 boards a PIIX or PIIX4),
 * or of the ISA ports when there is no PCI. Disk n is position n: 0 the
 * primary master, 1 the primary slave (ports 0x1F0/0x3F6, IRQ 14), 2 the
 * secondary master, 3 the secondary slave (0x170/0x376, IRQ 15), as QEMU's
 * -drive index=n. LBA28 and LBA48, bus-master DMA through a PRD table where
 * the controller has it (BAR4), interrupt-driven PIO otherwise, a FIFO
 * request queue per channel (the two channels work at once, the two disks of
 * a channel in turn), 2-second timeouts with a channel reset, and ATA
 * status/error decoding. One CPU: the driver's state is guarded by disabling
 * interrupts. Calls arch (PCI, MMU hyperspace, traps) and the console. */
#ifndef ARCH_IDE_H
#define ARCH_IDE_H

#include "arch/types.h"

#define IDE_SECTOR_SIZE      512u
#define IDE_SECTORS_PER_PAGE (PAGE_SIZE / IDE_SECTOR_SIZE)
#define IDE_MAX_PAGES        16         /* one request moves up to 64 KB */
#define IDE_DISKS            4          /* the four ATA positions */

enum ide_status {
	IDE_OK,
	IDE_ERR_NO_DEVICE,      /* no disk at that position */
	IDE_ERR_TIMEOUT,        /* no completion within 2 s: the channel was reset */
	IDE_ERR_DEVICE,         /* the drive said ERR or DF: see ata_error */
	IDE_ERR_DMA,            /* the bus master reported an error */
	IDE_ERR_RANGE,          /* past the end of the disk, or a bad size; nothing moved */
};

struct ide_request {
	unsigned disk;                  /* 0..IDE_DISKS-1 */
	uint64_t lba;                   /* first 512-byte sector */
	uint32_t pages;                 /* 1..IDE_MAX_PAGES pages of 4 KB (8 sectors each) */
	uint32_t sectors;               /* 0: every sector of the pages; else fewer, the
					 * last page only partly moved (a file system's
					 * sector-sized metadata) */
	pfn_t frames[IDE_MAX_PAGES];    /* physical frames, any (also beyond the direct window) */
	bool write;
	void (*done)(struct ide_request *r);    /* called once, interrupts off */
	void *ctx;                      /* the caller's */
	enum ide_status status;         /* set before done() */
	uint8_t ata_error;              /* the ATA error register when status is IDE_ERR_DEVICE */
	struct ide_request *next;       /* the driver's queue link */
};

/* Finds the controller and probes the four positions (IDENTIFY: model, size,
 * LBA48, DMA), sets up bus-master DMA when the controller has BAR4 (else
 * PIO), and takes IRQ 14 and 15 (or the native-mode line) for the channels
 * with a disk. Prints one "ide: disk N (position): ..." line per disk, one
 * line per device that is no usable disk (a CD drive), "ide: no disk (...)"
 * when there is none, and one line per FAT partition of a disk's MBR (the
 * volumes are mounted later). temp_slot is a hyperspace slot (arch/mmu.h) the
 * driver owns from now on, for PIO to frames outside the direct window. Call
 * once, after the memory manager and the PIT are up, interrupts on. Returns
 * whether any disk was found. */
bool ide_init(unsigned temp_slot);
/* Whether disk (any number) is a usable disk. */
bool ide_present(unsigned disk);
/* The disk's size in sectors (0 without a disk). */
uint64_t ide_sectors(unsigned disk);
/* The disk's position in words: "primary master" ... "secondary slave". */
const char *ide_position(unsigned disk);
/* Queues r (FIFO, on its disk's channel) and starts it at once if the channel is idle. Callable with
 * interrupts on or off. done(r) runs exactly once, from the IRQ handler or
 * ide_tick, never inside ide_submit: even a request refused at once
 * (IDE_ERR_RANGE, IDE_ERR_NO_DEVICE) completes at the next tick. Requests
 * on one channel complete in submission order. r belongs to the driver until
 * done(). */
void ide_submit(struct ide_request *r);
/* Call on every timer tick (interrupts off): completes refused requests and
 * fails a request running for more than 2 s with IDE_ERR_TIMEOUT after
 * resetting the channel (SRST), then starts the next one. */
void ide_tick(void);
/* Moves sectors between disk and the kernel virtual buffer buf by polled
 * PIO, with interrupts off throughout: for boot-time reads (MBR, swap header)
 * before anything sleeps. When requests are in flight on the disk's channel
 * it first waits for them to drain if interrupts are on, and fails with
 * IDE_ERR_TIMEOUT if they are off. */
enum ide_status ide_rw_polled(unsigned disk, uint64_t lba, void *buf, uint32_t sectors,
			      bool write);
/* The ATA error register behind ide_rw_polled's last IDE_ERR_DEVICE. */
uint8_t ide_polled_ata_error(void);
/* A status in words, e.g. "device error: uncorrectable data (UNC)"; for
 * IDE_ERR_DEVICE it names the most telling bit of ata_error. Static text. */
const char *ide_status_text(enum ide_status s, uint8_t ata_error);

/* For the self-tests (tests/kernel/selftest_disk.c). */
struct ide_debug {
	bool force_pio;         /* requests use PIO even where DMA works */
	bool force_lba48;       /* LBA48 commands even for low sectors */
	uint32_t drop_irqs;     /* ignore this many disk interrupts (a lost IRQ) */
};
extern struct ide_debug ide_debug;

struct ide_stats {              /* all disks together */
	uint32_t commands;      /* ATA commands issued */
	uint32_t dma, pio, lba48;       /* requests and polled commands by kind */
	uint32_t errors, timeouts, spurious_irqs;
};
void ide_get_stats(struct ide_stats *s);
/* Whether disk's requests go by bus-master DMA (unless ide_debug.force_pio). */
bool ide_has_dma(unsigned disk);
/* Whether disk takes LBA48 commands. */
bool ide_has_lba48(unsigned disk);

#endif
