/* DeviceIoControl on File objects (file_control, kernel/io/file.h): the
 * file-system controls FAT answers (FSCTL_*) and the disk and storage
 * controls its volume's device answers (IOCTL_DISK_*, IOCTL_STORAGE_*), as
 * Windows' FastFat and disk drivers do. A volume handle (\\.\X:, io_file's
 * volume) is the one FSCTL_LOCK/UNLOCK/DISMOUNT_VOLUME take; the disk
 * controls answer for any handle on the volume. Every other code is
 * ERROR_INVALID_FUNCTION (FastFat's STATUS_INVALID_DEVICE_REQUEST). */
#include "kernel/io/iop.h"
#include "kernel/io/volume.h"
#include "kernel/rtl/string.h"
#include "kernel/rtl/winerror.h"
#include "arch/ide.h"

#define IOCTL_DISK_GET_DRIVE_GEOMETRY    0x00070000u
#define IOCTL_DISK_GET_DRIVE_GEOMETRY_EX 0x000700a0u
#define IOCTL_DISK_GET_LENGTH_INFO       0x0007405cu
#define IOCTL_STORAGE_GET_DEVICE_NUMBER  0x002d1080u
#define FSCTL_LOCK_VOLUME                0x00090018u
#define FSCTL_UNLOCK_VOLUME              0x0009001cu
#define FSCTL_DISMOUNT_VOLUME            0x00090020u
#define FSCTL_IS_VOLUME_MOUNTED          0x00090028u
#define FSCTL_GET_RETRIEVAL_POINTERS     0x00090073u

#define SECTOR_BYTES         512u
#define FIXED_MEDIA          12u        /* MEDIA_TYPE FixedMedia */
#define FILE_DEVICE_DISK     7u
#define GEOMETRY_HEADS       255u       /* the translated geometry Windows reports */
#define GEOMETRY_SECTORS     63u

struct disk_geometry {                  /* DISK_GEOMETRY: 24 bytes */
	int64_t cylinders;
	uint32_t media_type, tracks_per_cylinder, sectors_per_track, bytes_per_sector;
};

/* Puts the n bytes of answer into c's output: ERROR_INSUFFICIENT_BUFFER
 * (nothing written) when it does not fit. */
static uint32_t answer(struct io_control *c, const void *answer, uint32_t n)
{
	if (c->out_len < n)
		return ERROR_INSUFFICIENT_BUFFER;
	memcpy(c->out, answer, n);
	c->returned = n;
	return ERROR_SUCCESS;
}

static struct disk_geometry geometry_of(struct io_volume *v, uint64_t *disk_bytes)
{
	uint64_t sectors = ide_sectors(v->disk);

	*disk_bytes = sectors * SECTOR_BYTES;
	return (struct disk_geometry){ (int64_t)(sectors / (GEOMETRY_HEADS * GEOMETRY_SECTORS)),
				       FIXED_MEDIA, GEOMETRY_HEADS, GEOMETRY_SECTORS,
				       SECTOR_BYTES };
}

/* The disk and storage controls: the volume's disk and partition. */
static uint32_t disk_control(struct io_volume *v, struct io_control *c)
{
	uint64_t disk_bytes, length = (uint64_t)v->sectors * SECTOR_BYTES;
	struct disk_geometry g = geometry_of(v, &disk_bytes);
	struct { struct disk_geometry g; uint64_t size; } ex = { g, disk_bytes };
	uint32_t number[3] = { FILE_DEVICE_DISK, v->disk, v->partition };

	switch (c->code) {
	case IOCTL_DISK_GET_DRIVE_GEOMETRY:
		return answer(c, &g, sizeof(g));
	case IOCTL_DISK_GET_DRIVE_GEOMETRY_EX:       /* up to DISK_GEOMETRY_EX's Data */
		return answer(c, &ex, sizeof(ex));
	case IOCTL_DISK_GET_LENGTH_INFO:
		return answer(c, &length, sizeof(length));
	default:                                /* IOCTL_STORAGE_GET_DEVICE_NUMBER */
		return answer(c, number, sizeof(number));
	}
}

/* Whether a File object other than f is open on v (volume lock held). */
static bool others_open_locked(struct io_volume *v, struct io_file *f)
{
	uint32_t files = 0;

	for (struct io_fcb *fcb = v->fcbs; fcb; fcb = fcb->next)
		files += fcb->files;
	return files > 1 || f->fcb->files != 1;
}

/* FSCTL_LOCK/UNLOCK/DISMOUNT_VOLUME on the volume handle f. Locking needs
 * no other open file (ERROR_ACCESS_DENIED; a second lock too) and keeps
 * every new open out until f unlocks or closes (unlocking an unlocked
 * volume: ERROR_NOT_LOCKED). Dismounting flushes the volume; vados then
 * keeps it mounted, its handles working. */
static uint32_t volume_control_locked(struct io_volume *v, struct io_file *f, uint32_t code)
{
	if (code == FSCTL_LOCK_VOLUME) {
		if (v->locked_by || others_open_locked(v, f))
			return ERROR_ACCESS_DENIED;
		v->locked_by = f;
		return ERROR_SUCCESS;
	}
	if (code == FSCTL_UNLOCK_VOLUME) {
		if (v->locked_by != f)
			return ERROR_NOT_LOCKED;
		v->locked_by = NULL;
		return ERROR_SUCCESS;
	}
	return fat_flush(v->fat);
}

struct retrieval_header {               /* RETRIEVAL_POINTERS_BUFFER's head */
	uint32_t extent_count, pad;
	int64_t starting_vcn;
};
struct retrieval_extent {
	int64_t next_vcn, lcn;
};

/* FSCTL_GET_RETRIEVAL_POINTERS of a file (a directory or volume:
 * ERROR_INVALID_PARAMETER): its clusters from the starting VCN on, one
 * extent per run of consecutive clusters, LCNs counted from cluster 2.
 * Past its clusters (an empty file has none): ERROR_HANDLE_EOF; room for
 * fewer than all: ERROR_MORE_DATA with those that fit. */
static uint32_t retrieval_pointers_locked(struct io_volume *v, struct io_file *f,
					  struct io_control *c)
{
	struct retrieval_header *h = c->out;
	struct retrieval_extent *e = (struct retrieval_extent *)(h + 1);
	uint32_t cluster_bytes, free_clusters, total, lba, bytes, clusters, size;
	uint32_t room = c->out_len < sizeof(*h) ? 0 : (c->out_len - sizeof(*h)) / sizeof(*e);
	int64_t vcn;

	if (f->directory || f->volume || c->in_len < sizeof(vcn))
		return ERROR_INVALID_PARAMETER;
	if (!room)
		return ERROR_INSUFFICIENT_BUFFER;
	memcpy(&vcn, c->in, sizeof(vcn));
	fat_space(v->fat, &cluster_bytes, &free_clusters, &total);
	size = fat_size(f->fcb->fat);
	clusters = (uint32_t)(((uint64_t)size + cluster_bytes - 1) / cluster_bytes);
	if (vcn < 0 || vcn >= clusters)
		return ERROR_HANDLE_EOF;
	*h = (struct retrieval_header){ 0, 0, vcn };
	c->returned = sizeof(*h);
	for (; vcn < clusters; h->extent_count++, e++) {
		uint32_t offset = (uint32_t)vcn * cluster_bytes, err;

		if (h->extent_count == room)
			return ERROR_MORE_DATA;
		if ((err = fat_map(f->fcb->fat, offset, clusters * cluster_bytes - offset, &lba,
				   &bytes)))
			return err;
		e->lcn = (lba - fat_data_lba(v->fat)) / (cluster_bytes / SECTOR_BYTES);
		vcn += (bytes + cluster_bytes - 1) / cluster_bytes;
		e->next_vcn = vcn;
		c->returned += sizeof(*e);
	}
	return ERROR_SUCCESS;
}

uint32_t file_control(struct io_file *f, struct io_control *c)
{
	struct io_volume *v = f->fcb->vol;
	uint32_t err;

	c->returned = 0;
	switch (c->code) {
	case IOCTL_DISK_GET_DRIVE_GEOMETRY:
	case IOCTL_DISK_GET_DRIVE_GEOMETRY_EX:
	case IOCTL_DISK_GET_LENGTH_INFO:
	case IOCTL_STORAGE_GET_DEVICE_NUMBER:
		return disk_control(v, c);
	case FSCTL_IS_VOLUME_MOUNTED:
		return ERROR_SUCCESS;
	case FSCTL_LOCK_VOLUME:
	case FSCTL_UNLOCK_VOLUME:
	case FSCTL_DISMOUNT_VOLUME:
		if (!f->volume)
			return ERROR_INVALID_PARAMETER;
		io_lock(v);
		err = volume_control_locked(v, f, c->code);
		io_unlock(v);
		return err;
	case FSCTL_GET_RETRIEVAL_POINTERS:
		io_lock(v);
		err = retrieval_pointers_locked(v, f, c);
		io_unlock(v);
		return err;
	default:                /* FSCTL_SET_SPARSE too: FAT keeps no sparse files */
		return ERROR_INVALID_FUNCTION;
	}
}

bool file_segments_allowed(const struct io_file *f)
{
	return f->no_buffering && f->overlapped && !f->directory;
}
