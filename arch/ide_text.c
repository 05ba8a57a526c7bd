/* ide_status_text: IDE results in words (pure; host-tested); see arch/ide.h. */
#include "arch/ide.h"
#include "arch/ide_hw.h"

/* Most telling first: a drive sets ABRT beside the specific reason. */
static const struct {
	uint8_t bit;
	const char *text;
} error_bits[] = {
	{ ATA_ER_UNC, "device error: uncorrectable data (UNC)" },
	{ ATA_ER_IDNF, "device error: sector ID not found (IDNF)" },
	{ ATA_ER_BBK, "device error: bad block (BBK)" },
	{ ATA_ER_AMNF, "device error: address mark not found (AMNF)" },
	{ ATA_ER_TK0NF, "device error: track 0 not found (TK0NF)" },
	{ ATA_ER_MC, "device error: media changed (MC)" },
	{ ATA_ER_MCR, "device error: media change requested (MCR)" },
	{ ATA_ER_ABRT, "device error: command aborted (ABRT)" },
};

const char *ide_status_text(enum ide_status s, uint8_t ata_error)
{
	switch (s) {
	case IDE_OK:
		return "ok";
	case IDE_ERR_NO_DEVICE:
		return "no disk";
	case IDE_ERR_TIMEOUT:
		return "timeout: no answer within 2 s, channel reset";
	case IDE_ERR_DMA:
		return "bus-master DMA error";
	case IDE_ERR_RANGE:
		return "outside the disk or a bad request size";
	case IDE_ERR_DEVICE:
		for (unsigned i = 0; i < sizeof(error_bits) / sizeof(error_bits[0]); i++)
			if (ata_error & error_bits[i].bit)
				return error_bits[i].text;
		return "device error: device fault (DF) or no error bit";
	}
	return "unknown IDE status";
}
