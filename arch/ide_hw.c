/* The IDE driver's hardware layer: finding the controller, IDENTIFY, the task
 * file, PIO data moves, reset and polled transfers; see arch/ide_hw.h. */
#include "arch/ide_hw.h"
#include "arch/pci.h"
#include "kernel/rtl/format.h"
#include "kernel/rtl/string.h"

#define PCI_CLASS_STORAGE 0x01
#define PCI_SUBCLASS_IDE  0x01
/* Prog-if bit 0: the primary channel in native mode; bit 2: the secondary. */
#define PROGIF_NATIVE(ch) (1u << (2 * (ch)))
#define BAR_BUS_MASTER 4
#define BM_CHANNEL_STRIDE 8             /* the secondary's bus-master registers follow the primary's */
/* Status polls before giving up: a few seconds on ISA timing, well under one
 * second under QEMU. Counted, not timed: interrupts may be off. */
#define SPIN_MAX 4000000u
#define WORDS_PER_SECTOR (IDE_SECTOR_SIZE / 2)
#define POLLED_CHUNK 256u               /* sectors per polled command */

/* IDENTIFY DEVICE words (ATA-6 table 27). */
#define ID_MODEL       27               /* 20 words, two characters each, high byte first */
#define ID_MODEL_WORDS 20
#define ID_CAPS        49               /* bit 8: DMA, bit 9: LBA */
#define ID_LBA28       60               /* two words: sectors addressable by LBA28 */
#define ID_FEATURES    83               /* bit 10: LBA48 */
#define ID_LBA48       100              /* four words: sectors addressable by LBA48 */
#define ID_CAPS_DMA    (1u << 8)
#define ID_CAPS_LBA    (1u << 9)
#define ID_FEAT_LBA48  (1u << 10)

/* Device signatures left in LBA1/LBA2 by a command an ATAPI or SATA device aborts. */
#define SIG_ATAPI 0xeb14
#define SIG_SATA  0xc33c

/* The ISA ports and IRQs of the two channels, also PCI's compatibility mode. */
static const struct ide_channel legacy[IDE_CHANNELS] = {
	{ .cmd = 0x1f0, .ctl = 0x3f6, .irq = 14 },
	{ .cmd = 0x170, .ctl = 0x376, .irq = 15 },
};

struct ide_channel ide_chans[IDE_CHANNELS];
struct ide_disk ide_disks[IDE_DISKS];
struct ide_stats ide_stat;

/* The 400 ns a device may take to show a valid status after a device-register
 * write or a command: four alternate-status reads on any bus. */
static void delay_400ns(const struct ide_channel *c)
{
	for (int i = 0; i < 4; i++)
		ata_alt_status(c);
}

void ide_hw_irq_enable(struct ide_channel *c, bool on)
{
	c->control = on ? 0 : ATA_CTL_NIEN;
	outb(c->ctl, c->control);
}

uint8_t ide_hw_wait_idle(const struct ide_channel *c)
{
	uint8_t st = ata_alt_status(c);

	for (uint32_t i = 0; i < SPIN_MAX && (st & ATA_SR_BSY); i++)
		st = ata_alt_status(c);
	return st;
}

uint8_t ide_hw_wait_drq(const struct ide_channel *c)
{
	uint8_t st = ata_alt_status(c);

	for (uint32_t i = 0; i < SPIN_MAX; i++, st = ata_alt_status(c))
		if (!(st & ATA_SR_BSY) && (st & (ATA_SR_DRQ | ATA_SR_ERR | ATA_SR_DF)))
			break;
	return st;
}

bool ide_hw_needs_lba48(const struct ide_disk *d, uint64_t lba, uint32_t count)
{
	if (!d->lba48)
		return false;
	return ide_debug.force_lba48 || lba + count > LBA28_LIMIT || count > 256;
}

/* LBA48 loads each register twice, the high-order byte first (the device
 * keeps the previous value as the "HOB" half). A count of 0 means 256
 * (LBA28) or 65536 (LBA48). */
static void load_taskfile(const struct ide_channel *c, uint64_t lba, uint32_t count, bool lba48)
{
	if (lba48) {
		ata_out(c, ATA_COUNT, (count >> 8) & 0xff);
		ata_out(c, ATA_LBA0, (lba >> 24) & 0xff);
		ata_out(c, ATA_LBA1, (lba >> 32) & 0xff);
		ata_out(c, ATA_LBA2, (lba >> 40) & 0xff);
	}
	ata_out(c, ATA_COUNT, count & 0xff);
	ata_out(c, ATA_LBA0, lba & 0xff);
	ata_out(c, ATA_LBA1, (lba >> 8) & 0xff);
	ata_out(c, ATA_LBA2, (lba >> 16) & 0xff);
}

/* The ATA command for a transfer of that kind. */
static uint8_t opcode(bool lba48, bool dma, bool write)
{
	static const uint8_t ops[2][2][2] = {   /* [lba48][dma][write] */
		{ { ATA_CMD_READ_PIO, ATA_CMD_WRITE_PIO },
		  { ATA_CMD_READ_DMA, ATA_CMD_WRITE_DMA } },
		{ { ATA_CMD_READ_PIO_EXT, ATA_CMD_WRITE_PIO_EXT },
		  { ATA_CMD_READ_DMA_EXT, ATA_CMD_WRITE_DMA_EXT } },
	};
	return ops[lba48][dma][write];
}

void ide_hw_issue(const struct ide_disk *d, uint64_t lba, uint32_t count, bool lba48, bool dma,
		  bool write)
{
	const struct ide_channel *c = d->chan;
	uint8_t device = d->device | (lba48 ? 0 : (lba >> 24) & 0x0f);

	ata_out(c, ATA_DEVICE, device);
	delay_400ns(c);
	/* The device ignores task-file writes while BSY is set: wait out the
	 * previous command (bounded; a wedged device then times out). */
	ide_hw_wait_idle(c);
	load_taskfile(c, lba, count, lba48);
	ata_out(c, ATA_COMMAND, opcode(lba48, dma, write));
	ide_stat.commands++;
	ide_stat.lba48 += lba48;
	/* Until BSY shows, the status is the previous command's: an old ERR
	 * would end a wait for DRQ at once. */
	delay_400ns(c);
}

void ide_hw_pio_sector(const struct ide_channel *c, void *buf, bool write)
{
	uint32_t n = WORDS_PER_SECTOR;
	uint16_t port = c->cmd + ATA_DATA;

	if (write)
		asm volatile("rep outsw" : "+S"(buf), "+c"(n) : "d"(port) : "memory");
	else
		asm volatile("rep insw" : "+D"(buf), "+c"(n) : "d"(port) : "memory");
}

void ide_hw_reset(struct ide_channel *c)
{
	if (c->bm) {
		outb(c->bm + BM_COMMAND, 0);
		outb(c->bm + BM_STATUS, BM_ST_ERROR | BM_ST_IRQ);
	}
	/* SRST must stay asserted for at least 5 us: each ISA-speed port access
	 * takes about one. */
	outb(c->ctl, c->control | ATA_CTL_SRST);
	for (int i = 0; i < 10; i++)
		io_wait();
	outb(c->ctl, c->control);
	delay_400ns(c);
	ide_hw_wait_idle(c);
	(void)ata_in(c, ATA_STATUS);            /* drops any pending INTRQ */
}

/* What a polled wait ended with: still busy (or nothing to show) is a
 * timeout and resets the channel; ERR or DF is the device's error. */
static enum ide_status polled_verdict(struct ide_channel *c, uint8_t st, uint8_t want,
				      uint8_t *err)
{
	if ((st & ATA_SR_BSY) || (want && !(st & (want | ATA_SR_ERR | ATA_SR_DF)))) {
		ide_hw_reset(c);
		return IDE_ERR_TIMEOUT;
	}
	if (st & (ATA_SR_ERR | ATA_SR_DF)) {
		*err = ata_in(c, ATA_ERROR);
		(void)ata_in(c, ATA_STATUS);
		return IDE_ERR_DEVICE;
	}
	return IDE_OK;
}

/* A polled command of count sectors (1..POLLED_CHUNK) at lba of d, to or from buf. */
static enum ide_status polled_chunk(const struct ide_disk *d, uint64_t lba, uint8_t *buf,
				    uint32_t count, bool write, uint8_t *err)
{
	struct ide_channel *c = d->chan;
	enum ide_status s = IDE_OK;

	ide_stat.pio++;
	ide_hw_issue(d, lba, count, ide_hw_needs_lba48(d, lba, count), false, write);
	for (uint32_t i = 0; i < count && s == IDE_OK; i++) {
		if (i)                          /* BSY may show only after a sector moved */
			delay_400ns(c);
		s = polled_verdict(c, ide_hw_wait_drq(c), ATA_SR_DRQ, err);
		if (s == IDE_OK)
			ide_hw_pio_sector(c, buf + i * IDE_SECTOR_SIZE, write);
	}
	if (s == IDE_OK && write) {             /* the drive takes the last sector */
		delay_400ns(c);
		s = polled_verdict(c, ide_hw_wait_idle(c), 0, err);
	}
	(void)ata_in(c, ATA_STATUS);            /* acknowledge: clears INTRQ */
	return s;
}

enum ide_status ide_hw_polled(const struct ide_disk *d, uint64_t lba, uint8_t *buf,
			      uint32_t sectors, bool write, uint8_t *err)
{
	enum ide_status s = IDE_OK;

	ide_hw_irq_enable(d->chan, false);
	while (sectors && s == IDE_OK) {
		uint32_t n = sectors < POLLED_CHUNK ? sectors : POLLED_CHUNK;
		s = polled_chunk(d, lba, buf, n, write, err);
		lba += n, buf += n * IDE_SECTOR_SIZE, sectors -= n;
	}
	ide_hw_irq_enable(d->chan, true);
	return s;
}

/* ---- finding the disks ---------------------------------------------------- */

/* Native-mode channel ch: ports from BAR(2ch) and BAR(2ch+1), the IRQ from the
 * interrupt line register (one line for both channels). */
static bool native_ports(const struct pci_function *f, unsigned ch, const char **why)
{
	uint32_t bar0 = pci_read32(f->bus, f->dev, f->fn, PCI_BAR0 + 8 * ch);
	uint32_t bar1 = pci_read32(f->bus, f->dev, f->fn, PCI_BAR0 + 8 * ch + 4);
	uint32_t line = pci_read32(f->bus, f->dev, f->fn, PCI_INTERRUPT) & 0xff;

	if (!(bar0 & PCI_BAR_IO) || !(bar1 & PCI_BAR_IO) || line >= 16) {
		*why = "native-mode controller without I/O ports or an ISA IRQ";
		return false;
	}
	ide_chans[ch] = (struct ide_channel){ .cmd = bar0 & 0xfffc, .ctl = (bar1 & 0xfffc) + 2,
					      .irq = line };
	return true;
}

/* Ports, IRQs and bus-master bases of the PCI controller f's two channels;
 * turns on its I/O decoding and bus mastering. */
static bool pci_channels(const struct pci_function *f, const char **why)
{
	uint32_t bar4 = pci_read32(f->bus, f->dev, f->fn, PCI_BAR0 + 4 * BAR_BUS_MASTER);
	uint32_t command = pci_read32(f->bus, f->dev, f->fn, PCI_COMMAND) & 0xffff;
	bool bm = (bar4 & PCI_BAR_IO) && (bar4 & 0xfffc);

	for (unsigned ch = 0; ch < IDE_CHANNELS; ch++) {
		if (!(f->prog_if & PROGIF_NATIVE(ch)))
			ide_chans[ch] = legacy[ch];
		else if (!native_ports(f, ch, why))
			return false;
		if (bm)
			ide_chans[ch].bm = (bar4 & 0xfffc) + ch * BM_CHANNEL_STRIDE;
	}
	command |= PCI_CMD_IO | (bm ? PCI_CMD_BUS_MASTER : 0);
	/* The status half written as zero: its bits are write-one-to-clear. */
	pci_write32(f->bus, f->dev, f->fn, PCI_COMMAND, command);
	return true;
}

bool ide_hw_find_controller(const char **why, char *where, size_t where_size)
{
	struct pci_function f;

	if (!pci_find_class(PCI_CLASS_STORAGE, PCI_SUBCLASS_IDE, &f)) {
		/* ISA machines put the channels at the same legacy ports. */
		for (unsigned ch = 0; ch < IDE_CHANNELS; ch++)
			ide_chans[ch] = legacy[ch];
		ksnprintf(where, where_size, "ISA ports");
		return true;
	}
	ksnprintf(where, where_size, "PCI %04x:%04x at %02x:%02x.%x", f.vendor, f.device,
		  f.bus, f.dev, f.fn);
	return pci_channels(&f, why);
}

/* The model string: byte pairs swapped, trailing blanks dropped. */
static void copy_model(const uint16_t *id, char *out)
{
	int n = 0;

	for (int i = 0; i < ID_MODEL_WORDS; i++) {
		out[n++] = (char)(id[ID_MODEL + i] >> 8);
		out[n++] = (char)(id[ID_MODEL + i] & 0xff);
	}
	while (n > 0 && (out[n - 1] == ' ' || out[n - 1] == 0))
		n--;
	out[n] = 0;
}

/* Fills d from IDENTIFY DEVICE data; false with *why for a disk vados
 * cannot use. */
static bool parse_identify(struct ide_disk *d, const uint16_t *id, const char **why)
{
	uint64_t lba48 = 0;

	if (!(id[ID_CAPS] & ID_CAPS_LBA)) {
		*why = "a disk without LBA addressing (CHS only)";
		return false;
	}
	copy_model(id, d->model);
	for (int i = 3; i >= 0; i--)
		lba48 = lba48 << 16 | id[ID_LBA48 + i];
	d->lba48 = (id[ID_FEATURES] & ID_FEAT_LBA48) && lba48;
	d->sectors = d->lba48 ? lba48 : (uint32_t)id[ID_LBA28 + 1] << 16 | id[ID_LBA28];
	d->dma = (id[ID_CAPS] & ID_CAPS_DMA) && d->chan->bm;
	if (!d->sectors) {
		*why = "a disk that reports 0 sectors";
		return false;
	}
	return true;
}

/* Whether a device answers at the selected position: it latches task-file
 * registers; an empty channel (or a floating bus) does not. */
static bool device_answers(const struct ide_channel *c)
{
	ata_out(c, ATA_COUNT, 0x55);
	ata_out(c, ATA_LBA0, 0xaa);
	return ata_in(c, ATA_COUNT) == 0x55 && ata_in(c, ATA_LBA0) == 0xaa;
}

/* What refused IDENTIFY DEVICE, from the signature the device left. */
static const char *not_a_disk(const struct ide_channel *c)
{
	uint16_t sig = ata_in(c, ATA_LBA1) | ata_in(c, ATA_LBA2) << 8;

	if (sig == SIG_ATAPI)
		return "an ATAPI device (a CD or DVD drive)";
	if (sig == SIG_SATA)
		return "a SATA device in native mode";
	return "a device that refused IDENTIFY";
}

enum ide_probe ide_hw_identify(unsigned disk, const char **why)
{
	struct ide_disk *d = &ide_disks[disk];
	struct ide_channel *c = &ide_chans[disk / 2];
	uint16_t id[256];
	uint8_t st;

	d->chan = c;
	d->device = ATA_DEV_LBA | (disk & 1 ? ATA_DEV_SLAVE : 0);
	ide_hw_irq_enable(c, false);
	ata_out(c, ATA_DEVICE, d->device);
	delay_400ns(c);
	if (ata_alt_status(c) == 0xff || !device_answers(c))
		return IDE_PROBE_EMPTY;
	load_taskfile(c, 0, 0, false);
	ata_out(c, ATA_COMMAND, ATA_CMD_IDENTIFY);
	ide_stat.commands++;
	delay_400ns(c);
	/* An absent slave beside a present master shares its registers but
	 * takes no command: its status stays 0. */
	if (ata_alt_status(c) == 0)
		return IDE_PROBE_EMPTY;
	st = ide_hw_wait_drq(c);
	if (st & ATA_SR_BSY) {
		ide_hw_reset(c);
		*why = "a device whose IDENTIFY timed out";
		return IDE_PROBE_OTHER;
	}
	if (!(st & ATA_SR_DRQ) || (st & ATA_SR_ERR)) {
		*why = not_a_disk(c);
		return IDE_PROBE_OTHER;
	}
	ide_hw_pio_sector(c, id, false);
	(void)ata_in(c, ATA_STATUS);
	return parse_identify(d, id, why) ? IDE_PROBE_DISK : IDE_PROBE_OTHER;
}
