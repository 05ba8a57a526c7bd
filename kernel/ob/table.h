/* A process's handle table (NT's HANDLE_TABLE): a directory of leaves, each
 * one page of 512 eight-byte entries, grown a leaf at a time up to 16 M
 * handles. A handle is (index + 1) * 4; its low two bits are tag bits, ignored
 * as NT ignores them. Freed entries are reused first, last freed first. Pure
 * bookkeeping, unit-tested on the host: reference counts, locking and types
 * are ob.c's. */
#ifndef KERNEL_OB_TABLE_H
#define KERNEL_OB_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define HANDLE_FLAG_INHERIT            1u
#define HANDLE_FLAG_PROTECT_FROM_CLOSE 2u
#define OB_HANDLE_FLAGS                3u       /* kept in the object word's low bits */
#define OB_LEAF_ENTRIES                512u
#define OB_HANDLE_MAX                  (1u << 24)

/* An entry in use holds the object body's address (16-byte aligned) ORed
 * with its flags, and the granted access; a free one holds 0 and the index
 * + 1 of the next free entry (0: none). */
struct ob_handle_entry {
	uintptr_t word;
	uint32_t access;
};

struct ob_handle_table {
	struct ob_handle_entry **leaves;
	uint32_t leaf_count, leaf_room;         /* leaves in use, directory slots */
	uint32_t free_head;                     /* index + 1 of the first free entry */
	uint32_t count;                         /* entries in use */
	uint32_t bytes, peak_bytes;             /* pool memory, charged to the process */
	bool closed;                            /* its process has ended: no new handles */
};

static inline uint32_t ob_handle_of(uint32_t index) { return (index + 1) * 4; }

/* Takes a free entry (growing by a leaf when none is left) and returns its
 * index; false when the table is at OB_HANDLE_MAX or memory runs out. The
 * entry is the caller's to fill: word must become non-zero. */
bool ob_table_alloc(struct ob_handle_table *t, uint32_t *index);
/* Gives back the entry at index (in use). */
void ob_table_release(struct ob_handle_table *t, uint32_t index);
/* The entry in use behind handle, or NULL (free, zero, beyond the table). */
struct ob_handle_entry *ob_table_lookup(struct ob_handle_table *t, uint32_t handle);
/* Takes the entry at index, free in a table that has only ever been filled
 * by ob_table_take (a child inheriting at the same values), growing the table
 * to hold it; false when memory runs out. */
bool ob_table_take(struct ob_handle_table *t, uint32_t index);
/* Links every free entry into the free list lowest first (after ob_table_take). */
void ob_table_relink(struct ob_handle_table *t);
/* The entry at index, in use or not (index < leaf_count * OB_LEAF_ENTRIES). */
struct ob_handle_entry *ob_table_at(struct ob_handle_table *t, uint32_t index);
/* Frees the table's memory (every entry must have been released or dropped). */
void ob_table_free(struct ob_handle_table *t);

#endif
