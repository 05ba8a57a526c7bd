/* Programs as image sections (mm/image.h): the two places a program's bytes
 * come from (a boot module's memory, a file on a volume read through the
 * file cache) and the one path from a program file to its shared image
 * section, the ELF parser (kernel/ps/elf.c) describing it the first time. */
#include "kernel/ps/process.h"
#include "kernel/ps/elf.h"
#include "kernel/io/file.h"
#include "kernel/rtl/string.h"
#include "kernel/rtl/winerror.h"
#include "mm/image.h"
#include "mm/mm.h"
#include "mm/pool.h"
#include "mm/pte.h"

#define HEAD_MAX 4096u          /* the ELF and program headers must lie in the first page */

static bool module_read(void *file, uint32_t offset, uint32_t n, void *dst)
{
	memcpy(dst, (const uint8_t *)file + offset, n);
	return true;
}

static void module_close(void *file)
{
	(void)file;             /* a boot module stays in memory */
}

static const struct mm_image_source module_source = { module_read, module_close };

static bool disk_read(void *file, uint32_t offset, uint32_t n, void *dst)
{
	uint32_t done;

	return file_read_at(file, offset, dst, n, &done) == ERROR_SUCCESS && done == n;
}

static void disk_close(void *file)
{
	ob_dereference(file);
}

static const struct mm_image_source disk_source = { disk_read, disk_close };

struct ps_image_file ps_image_module(const void *bytes, uint32_t size,
				     struct mm_control_area **slot)
{
	return (struct ps_image_file){ &module_source, (void *)bytes, size, slot };
}

struct ps_image_file ps_image_disk(struct io_file *f, uint32_t size)
{
	return (struct ps_image_file){ &disk_source, f, size, file_image_slot(f) };
}

void ps_image_file_close(struct ps_image_file *f)
{
	if (f->file)
		f->src->close(f->file);
	f->file = NULL;
}

/* Win32 protection of a segment's pages: code execute-read, data
 * write-copy (read-write once written, as in Windows), the rest read-only. */
static uint32_t segment_protect(const struct elf_segment *s)
{
	if (s->write)
		return s->exec ? PAGE_EXECUTE_WRITECOPY : PAGE_WRITECOPY;
	return s->exec ? PAGE_EXECUTE_READ : PAGE_READONLY;
}

/* Reads f's headers and describes its image; ELF_OK or the problem (an
 * unreadable file reads as too small). */
static enum elf_error describe(const struct ps_image_file *f, struct vm_image *out)
{
	uint32_t n = f->size < HEAD_MAX ? f->size : HEAD_MAX;
	uint8_t *head = kmalloc(HEAD_MAX);
	struct elf_image *e = kmalloc(sizeof(*e));
	enum elf_error err = ELF_TOO_SMALL;

	if (head && e && f->src->read(f->file, 0, n, head))
		err = elf_check_headers(head, n, f->size, MM_USER_FIRST, MM_USER_END, e);
	if (err == ELF_OK) {
		*out = (struct vm_image){ .entry = e->entry, .count = e->count };
		for (uint32_t i = 0; i < e->count; i++)
			out->seg[i] = (struct vm_image_segment){
				.vaddr = e->seg[i].vaddr, .memsz = e->seg[i].memsz,
				.offset = e->seg[i].offset, .filesz = e->seg[i].filesz,
				.protect = segment_protect(&e->seg[i]),
			};
	}
	kfree(head);
	kfree(e);
	return err;
}

uint32_t ps_image_section(struct ps_image_file *f, const char *name,
			  struct mm_control_area **out, const char **why)
{
	struct vm_image *img;
	enum elf_error e;
	uint32_t err;

	if ((*out = mm_image_lookup(f->slot)) != NULL) {
		ps_image_file_close(f);
		return 0;
	}
	if (!(img = kmalloc(sizeof(*img)))) {
		ps_image_file_close(f);
		return ERROR_NOT_ENOUGH_MEMORY;
	}
	if ((e = describe(f, img)) != ELF_OK) {
		*why = elf_error_text(e);
		kfree(img);
		ps_image_file_close(f);
		return ERROR_BAD_EXE_FORMAT;
	}
	err = mm_image_create(img, f->src, f->file, name, f->slot, out);
	f->file = NULL;         /* the image section's now, or closed */
	kfree(img);
	return err;
}
