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

#endif
