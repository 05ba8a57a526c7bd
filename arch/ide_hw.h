/* The IDE driver's hardware layer, shared by arch/ide.c (requests and the
 * queue) and arch/ide_hw.c (registers, probing, polled transfers). Register
 * names follow ATA-6 and SFF-8038i (bus-master IDE). */
#ifndef ARCH_IDE_HW_H
#define ARCH_IDE_HW_H

#include "arch/ide.h"
#include "arch/io.h"

/* Command block registers: offsets from the channel's command base. */
enum ata_reg {
	ATA_DATA = 0, ATA_ERROR = 1, ATA_COUNT = 2, ATA_LBA0 = 3,
	ATA_LBA1 = 4, ATA_LBA2 = 5, ATA_DEVICE = 6, ATA_STATUS = 7, ATA_COMMAND = 7,
};

enum ata_status_bits {
	ATA_SR_ERR = 0x01, ATA_SR_DRQ = 0x08, ATA_SR_DF = 0x20,
	ATA_SR_BSY = 0x80,
};

enum ata_error_bits {
	ATA_ER_AMNF = 0x01, ATA_ER_TK0NF = 0x02, ATA_ER_ABRT = 0x04, ATA_ER_MCR = 0x08,
	ATA_ER_IDNF = 0x10, ATA_ER_MC = 0x20, ATA_ER_UNC = 0x40, ATA_ER_BBK = 0x80,
};

/* Device control register (the control block's only writable register). */
enum ata_control_bits { ATA_CTL_NIEN = 0x02, ATA_CTL_SRST = 0x04 };

#define ATA_DEV_LBA     0xe0    /* LBA addressing (and the obsolete bits 7 and 5) */
#define ATA_DEV_SLAVE   0x10    /* DEV: device 1 */

enum ata_command {
	ATA_CMD_READ_PIO = 0x20, ATA_CMD_READ_PIO_EXT = 0x24,
	ATA_CMD_WRITE_PIO = 0x30, ATA_CMD_WRITE_PIO_EXT = 0x34,
	ATA_CMD_READ_DMA = 0xc8, ATA_CMD_READ_DMA_EXT = 0x25,
	ATA_CMD_WRITE_DMA = 0xca, ATA_CMD_WRITE_DMA_EXT = 0x35,
	ATA_CMD_IDENTIFY = 0xec,
};

/* Bus-master registers: offsets from the channel's eight (BAR4, BAR4 + 8). */
enum bm_reg { BM_COMMAND = 0, BM_STATUS = 2, BM_PRDT = 4 };
enum bm_bits {
	BM_CMD_START = 0x01, BM_CMD_TO_MEMORY = 0x08,   /* command: engine on; ATA read */
	BM_ST_ACTIVE = 0x01, BM_ST_ERROR = 0x02, BM_ST_IRQ = 0x04,  /* status (W1C: 2, 4) */
};

#define LBA28_LIMIT (1ull << 28)        /* LBA28 addresses sectors below this */

#define IDE_CHANNELS 2          /* primary, secondary: two disks each */

struct ide_channel {
	uint16_t cmd, ctl;      /* command block base, device control / alt status */
	uint16_t bm;            /* bus-master base (0: no DMA) */
	unsigned irq;
	uint8_t control;        /* what we last wrote to ctl (nIEN) */
	bool used;              /* a disk is on it: its IRQ is taken */
};

struct ide_disk {
	bool present, lba48, dma;
	uint8_t device;         /* device register: ATA_DEV_LBA, plus ATA_DEV_SLAVE for a slave */
	struct ide_channel *chan;
	uint64_t sectors;
	char model[41];
};

extern struct ide_channel ide_chans[IDE_CHANNELS];
extern struct ide_disk ide_disks[IDE_DISKS];
extern struct ide_stats ide_stat;

static inline uint8_t ata_in(const struct ide_channel *c, enum ata_reg r)
{
	return inb(c->cmd + r);
}
static inline void ata_out(const struct ide_channel *c, enum ata_reg r, uint8_t v)
{
	outb(c->cmd + r, v);
}
static inline uint8_t ata_alt_status(const struct ide_channel *c)
{
	return inb(c->ctl);
}

/* What probing a position found. */
enum ide_probe {
	IDE_PROBE_DISK,         /* a usable ATA disk: ide_disks[n] is filled */
	IDE_PROBE_EMPTY,        /* nothing answers there */
	IDE_PROBE_OTHER,        /* a device that is no usable disk (*why says what) */
};

/* Finds the controller and fills ide_chans (ports, IRQ, bus master); false
 * with *why when there is none. where gets the controller's place in words. */
bool ide_hw_find_controller(const char **why, char *where, size_t where_size);
/* IDENTIFY DEVICE at position disk (polled, nIEN set); fills ide_disks[disk]
 * (all but present) for a disk, sets *why for IDE_PROBE_OTHER. */
enum ide_probe ide_hw_identify(unsigned disk, const char **why);
/* Sets or clears nIEN (the channel's interrupt line enable, inverted). */
void ide_hw_irq_enable(struct ide_channel *c, bool on);
/* Polls until BSY clears (bounded); returns the last status (BSY still set
 * on timeout). */
uint8_t ide_hw_wait_idle(const struct ide_channel *c);
/* Polls until BSY clears and DRQ or ERR/DF is set (bounded); returns the
 * last status. */
uint8_t ide_hw_wait_drq(const struct ide_channel *c);
/* Whether a transfer of count sectors at lba on d needs an LBA48 command. */
bool ide_hw_needs_lba48(const struct ide_disk *d, uint64_t lba, uint32_t count);
/* Selects d and loads the task file for count sectors at lba (0: the
 * maximum), writes the command for a PIO or DMA read or write, and waits
 * the 400 ns until the status is the new command's. */
void ide_hw_issue(const struct ide_disk *d, uint64_t lba, uint32_t count, bool lba48, bool dma,
		  bool write);
/* Moves one sector between the channel's data port and buf (PIO). */
void ide_hw_pio_sector(const struct ide_channel *c, void *buf, bool write);
/* Software reset of the channel (SRST: both its devices) and its bus
 * master: ends whatever command was running. */
void ide_hw_reset(struct ide_channel *c);
/* The polled-PIO transfer behind ide_rw_polled; *err gets the ATA error register. */
enum ide_status ide_hw_polled(const struct ide_disk *d, uint64_t lba, uint8_t *buf,
			      uint32_t sectors, bool write, uint8_t *err);

#endif
