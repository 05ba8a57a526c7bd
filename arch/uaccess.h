/* Fault-safe access to user memory from the kernel. Every user pointer goes
 * through these: a bad address makes the call fail instead of faulting the
 * kernel. With SMAP on, these are the only places the kernel may touch user
 * pages (they set EFLAGS.AC around the access). */
#ifndef ARCH_UACCESS_H
#define ARCH_UACCESS_H

#include "arch/types.h"

#define UACCESS_USER_END 0x7fff0000u   /* user addresses lie below */

/* Copies n bytes from user address src; false if any byte is outside user
 * space or unreadable (dst then holds an unspecified prefix). */
bool copy_from_user(void *dst, vaddr_t src, size_t n);
/* Copies n bytes to user address dst; false if any byte is outside user space
 * or not writable. */
bool copy_to_user(vaddr_t dst, const void *src, size_t n);

/* Whether every byte of [user, user + n) can be read (write: and written),
 * touching one byte a page in one SMAP window; a write probe writes nothing
 * (an atomic OR of zero, so a byte another thread writes meanwhile keeps
 * its value). Faults on the way are resolved as any access's (demand
 * paging, copy-on-write). n 0: true. */
bool probe_user(vaddr_t user, size_t n, bool write);

/* One piece of a scattered kernel buffer. */
struct uaccess_piece {
	void *kernel;
	size_t len;
};

/* Copies the n pieces, in order, to (to_user) or from the consecutive user
 * bytes at user, in one SMAP window (each stac or clac costs a pass through
 * QEMU's main loop, so a run of pages pays for two, not two a page).
 * Returns how many pieces were copied whole before a fault or the end of
 * user space (n: all of them). */
uint32_t copy_pieces_user(vaddr_t user, const struct uaccess_piece *p, uint32_t n, bool to_user);

#endif
