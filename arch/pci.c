/* PCI configuration mechanism 1; see arch/pci.h. */
#include "arch/pci.h"
#include "arch/cpu.h"
#include "arch/io.h"

#define PCI_ADDRESS  0xcf8
#define PCI_DATA     0xcfc
#define PCI_ENABLE   0x80000000u
#define PCI_DEVICES  32
#define PCI_FUNCTIONS 8
#define HEADER_MULTI 0x00800000u        /* bit 7 of the header type byte */

/* The dword written to 0xCF8 to reach register off of bus:dev.fn. */
static uint32_t config_address(uint8_t bus, uint8_t dev, uint8_t fn, uint8_t off)
{
	return PCI_ENABLE | (uint32_t)bus << 16 | (uint32_t)(dev & 31) << 11 |
	       (uint32_t)(fn & 7) << 8 | (off & 0xfc);
}

/* The address and data ports are one shared pair: an interrupt handler using
 * them between our two accesses would redirect the second one. */
uint32_t pci_read32(uint8_t bus, uint8_t dev, uint8_t fn, uint8_t off)
{
	bool irq = irq_save();
	uint32_t v;

	outl(PCI_ADDRESS, config_address(bus, dev, fn, off));
	v = inl(PCI_DATA);
	irq_restore(irq);
	return v;
}

void pci_write32(uint8_t bus, uint8_t dev, uint8_t fn, uint8_t off, uint32_t value)
{
	bool irq = irq_save();

	outl(PCI_ADDRESS, config_address(bus, dev, fn, off));
	outl(PCI_DATA, value);
	irq_restore(irq);
}

bool pci_present(void)
{
	bool irq = irq_save();
	uint32_t saved = inl(PCI_ADDRESS), echo;

	/* Mechanism 1 latches a dword written to 0xCF8; an ISA bus does not. */
	outl(PCI_ADDRESS, PCI_ENABLE);
	echo = inl(PCI_ADDRESS);
	outl(PCI_ADDRESS, saved);
	irq_restore(irq);
	return echo == PCI_ENABLE;
}

/* Fills f from the configuration space of bus:dev.fn; false if it is absent. */
static bool read_function(uint8_t bus, uint8_t dev, uint8_t fn, struct pci_function *f)
{
	uint32_t id = pci_read32(bus, dev, fn, PCI_VENDOR_ID);
	uint32_t class = pci_read32(bus, dev, fn, PCI_CLASS);

	if ((id & 0xffff) == 0xffff)
		return false;
	*f = (struct pci_function){ bus, dev, fn, id & 0xffff, id >> 16, class >> 24,
				    (class >> 16) & 0xff, (class >> 8) & 0xff };
	return true;
}

bool pci_find_class(uint8_t class, uint8_t subclass, struct pci_function *out)
{
	struct pci_function f;

	if (!pci_present())
		return false;
	for (unsigned bus = 0; bus < 256; bus++)
		for (uint8_t dev = 0; dev < PCI_DEVICES; dev++)
			for (uint8_t fn = 0; fn < PCI_FUNCTIONS; fn++) {
				if (!read_function(bus, dev, fn, &f)) {
					if (fn == 0)
						break;          /* no device here */
					continue;
				}
				if (f.class == class && f.subclass == subclass) {
					*out = f;
					return true;
				}
				if (fn == 0 && !(pci_read32(bus, dev, 0, PCI_HEADER_TYPE) &
						 HEADER_MULTI))
					break;
			}
	return false;
}
