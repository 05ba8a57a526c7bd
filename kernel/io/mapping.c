/* File mappings' side of kernel/io: CreateFileMapping's checks on a file
 * handle, the calls the memory manager makes for views of a file
 * (mm_file_io): reading a page in for a fault, FlushViewOfFile, the name
 * GetMappedFileName shows, and the reference the file's sections and views
 * hold on its record; and NT's mapped page writer, the thread the modified
 * page writer wakes when memory is short and modified file pages (trimmed
 * from views, or written by WriteFile) wait: it writes them to their files
 * so their frames can be reused (a failed write leaves them dirty, on the
 * modified list, for the next pass, after a pause). That reference keeps the record (and so the control
 * area and the FAT driver's file, which paging I/O needs) after the last
 * handle is closed; it is given back from under the memory manager's locks,
 * where the volume lock cannot be taken (its rank is below them), so the
 * lazy writer settles it, or DeleteFile, or run='s leak check. */
#include "kernel/io/iop.h"
#include "kernel/rtl/format.h"
#include "kernel/rtl/winerror.h"
#include "arch/spinlock.h"
#include "arch/cpu.h"
#include "kernel/ke/thread.h"
#include "kernel/rtl/console.h"
#include "mm/filecache.h"

uint32_t file_map(struct io_file *f, uint32_t need, bool extend, uint32_t *size,
		  struct mm_control_area **out)
{
	struct io_fcb *fcb = f->fcb;
	struct fat_info info;
	uint32_t err = ERROR_SUCCESS;

	if (f->directory || !fcb || !fcb->ca || (f->access & need) != need)
		return ERROR_ACCESS_DENIED;
	io_lock(fcb->vol);
	fat_query(fcb->fat, &info);
	if (*size == 0 && info.size == 0)
		err = ERROR_FILE_INVALID;       /* STATUS_MAPPED_FILE_SIZE_ZERO */
	else if (*size == 0)
		*size = info.size;
	else if (*size > info.size)
		/* Only a writable section grows its file; a read-only one
		 * larger than it is STATUS_SECTION_TOO_BIG. */
		err = extend ? cache_set_size_locked(fcb, *size) : ERROR_NOT_ENOUGH_MEMORY;
	if (!err) {
		if (mm_file_section_reference(fcb->ca, *size / PAGE_SIZE + (*size % PAGE_SIZE != 0)))
			iop_fcb_reference_locked(fcb);
		*out = fcb->ca;
	}
	io_unlock(fcb->vol);
	return err;
}

uint32_t mapping_page_in(void *file, uint32_t page, pfn_t *out)
{
	struct io_fcb *fcb = file;
	uint32_t err;

	io_lock(fcb->vol);
	err = cache_page_in_locked(fcb, page, out);
	io_unlock(fcb->vol);
	return err;
}

uint32_t mapping_flush(void *file, uint32_t first, uint32_t end)
{
	struct io_fcb *fcb = file;
	uint32_t err;

	io_lock(fcb->vol);
	err = mm_file_flush(fcb->ca, first, end, NULL);
	io_unlock(fcb->vol);
	return err;
}

void mapping_release(void *file)
{
	struct io_fcb *fcb = file;

	arch_atomic_add(&fcb->unmapped, 1);
	cache_wake();
}

void mapping_name(void *file, char *buf, uint32_t size)
{
	struct io_fcb *fcb = file;

	ksnprintf(buf, size, "%c:%s", fcb->vol->letter, fcb->path);
}

void mapping_settle_locked(struct io_volume *v)
{
	struct io_fcb *fcb = v->fcbs, *next;

	for (; fcb; fcb = next) {
		next = fcb->next;
		if (fcb->unmapped)
			iop_fcb_settle_locked(fcb);
	}
}

/* --- the mapped page writer --- */

#define MAPPED_RETRY_TICKS 10u  /* the pause after a failed write */

static struct wait_queue mapped_wait;
static bool mapped_woken;

static void mapped_writer_wake(void)
{
	mapped_woken = true;
	wait_queue_wake_all(&mapped_wait);
}

/* Writes the modified pages of every file; false when a write failed. */
static bool mapped_pass(void)
{
	uint32_t err = ERROR_SUCCESS, n;

	for (char letter = 'C'; letter <= 'Z' && mm_file_dirty_pages(); letter++) {
		struct io_volume *v = io_volume(letter);
		if (!v)
			continue;
		io_lock(v);
		for (struct io_fcb *fcb = v->fcbs; fcb; fcb = fcb->next)
			if (fcb->ca && mm_file_is_dirty(fcb->ca) &&
			    mm_file_write_modified(fcb->ca, &n) != ERROR_SUCCESS)
				err = ERROR_IO_DEVICE;
		io_unlock(v);
	}
	return err == ERROR_SUCCESS;
}

static void mapped_writer(void *arg)
{
	(void)arg;
	for (;;) {
		/* The scheduler's lock (interrupts off) from the test to the
		 * sleep: a wake-up in between is not lost. */
		bool irq = irq_save();
		if (!mapped_woken)
			wait_queue_sleep(&mapped_wait);
		mapped_woken = false;
		irq_restore(irq);
		bool ok = true;
		if (cache_pass_enter()) {
			ok = mapped_pass();
			cache_pass_leave();
		}
		if (!ok)
			thread_sleep(MAPPED_RETRY_TICKS);
	}
}

void mapping_init(void)
{
	if (!thread_create("mappedwriter", mapped_writer, NULL))
		kprintf("io: no mapped page writer (out of memory): the lazy writer writes "
			"trimmed file pages\n");
	else
		mm_file_set_writer(mapped_writer_wake);
}
