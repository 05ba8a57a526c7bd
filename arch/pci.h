/* PCI configuration space through configuration mechanism 1 (ports 0xCF8 and
 * 0xCFC), as every PCI chipset since the i430 provides. */
#ifndef ARCH_PCI_H
#define ARCH_PCI_H

#include "arch/types.h"

#define PCI_VENDOR_ID    0x00   /* 16 bits; device id above it */
#define PCI_COMMAND      0x04   /* 16 bits; status above it */
#define PCI_CLASS        0x08   /* revision, prog-if, subclass, class (low to high) */
#define PCI_HEADER_TYPE  0x0c   /* byte 2 of this dword; bit 7: multi-function */
#define PCI_BAR0         0x10   /* BARn at PCI_BAR0 + 4 * n */
#define PCI_INTERRUPT    0x3c   /* interrupt line in the low byte */

#define PCI_CMD_IO          0x0001
#define PCI_CMD_BUS_MASTER  0x0004
#define PCI_BAR_IO          0x1u        /* an I/O-space BAR; the address is bits 2..31 */

struct pci_function {
	uint8_t bus, dev, fn;
	uint16_t vendor, device;
	uint8_t class, subclass, prog_if;
};

/* Reads the dword at off (a multiple of 4) of a function's configuration
 * space; all ones when the function does not exist. */
uint32_t pci_read32(uint8_t bus, uint8_t dev, uint8_t fn, uint8_t off);
/* Writes the dword at off (a multiple of 4). */
void pci_write32(uint8_t bus, uint8_t dev, uint8_t fn, uint8_t off, uint32_t value);
/* Whether configuration mechanism 1 answers (false on ISA-only machines). */
bool pci_present(void);
/* The first function (by bus, device, function) of class and subclass, e.g.
 * 0x01/0x01 for IDE. Returns false, *out untouched, when there is none. */
bool pci_find_class(uint8_t class, uint8_t subclass, struct pci_function *out);

#endif
