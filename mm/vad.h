/* The VAD tree: NT's Virtual Address Descriptor tree, the single authority on
 * what a user address means in a process. One struct vad per reserved range
 * of pages; the tree keeps them ordered, non-overlapping and findable in
 * O(log n). Pure logic (no allocation, no locking, no console): callers own
 * the nodes, which must stay put while they are in a tree.
 *
 * An AVL tree with parent links, augmented so that free ranges can be found
 * without a scan: every node knows its subtree's lowest start, highest end and
 * largest free gap between two of its VADs (see mm/vad.c). Page numbers are
 * whole 32-bit values; ranges are half-open, [start, end), so page 0xFFFFFFFF
 * can never be covered. */
#ifndef MM_VAD_H
#define MM_VAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct vad {
	uint32_t start, end;            /* page numbers: the VAD covers pages [start, end) */
	struct vad *left, *right, *parent;
	int32_t height;                 /* AVL: 1 for a leaf */
	uint32_t max_gap;               /* augmentation, see mm/vad.c; private to vad.c */
	uint32_t min_start, max_end;    /* subtree span; private to vad.c */
	uint32_t type, protect, flags;  /* the memory manager's payload; vad.c never reads them */
};

struct vad_tree {
	struct vad *root;
	struct vad *hint;               /* the last VAD vad_find returned, or NULL */
	uint32_t count;                 /* VADs in the tree */
};

/* Makes t an empty tree. */
void vad_tree_init(struct vad_tree *t);

/* The VAD containing page, or NULL. O(log n); checks the last-hit hint first
 * and makes a hit the new hint. */
struct vad *vad_find(struct vad_tree *t, uint32_t page);

/* The lowest VAD with end > page (the one containing page, else the first one
 * after it), or NULL if there is none. Leaves the hint alone. */
struct vad *vad_first_at_or_after(const struct vad_tree *t, uint32_t page);

/* The lowest VAD of t, or NULL if t is empty. */
struct vad *vad_first(const struct vad_tree *t);

/* The in-order successor (next higher VAD) of v, a VAD in a tree, or NULL. */
struct vad *vad_next(const struct vad *v);

/* The in-order predecessor (next lower VAD) of v, a VAD in a tree, or NULL. */
struct vad *vad_prev(const struct vad *v);

/* Whether any VAD of t overlaps pages [start, end); false if start >= end. */
bool vad_conflicts(const struct vad_tree *t, uint32_t start, uint32_t end);

/* Links v, whose start and end the caller has set, into t; the payload is
 * left alone, every other field is overwritten. false (t unchanged) if
 * start >= end or v overlaps a VAD of t; touching neighbours are fine. */
bool vad_insert(struct vad_tree *t, struct vad *v);

/* Unlinks v, which must be in t; clears the hint if it was v. v's links are
 * stale afterwards (the caller may reuse or free it). */
void vad_remove(struct vad_tree *t, struct vad *v);

/* Finds the lowest (top_down false) or highest (true) start s with
 * s % align == 0 (align in pages, a power of two) such that [s, s + npages)
 * lies within [lo, hi) and overlaps no VAD; stores it in *start. Returns false
 * (*start untouched) if there is none, or npages is 0, or align is not a power
 * of two. O(log n) when every free gap of npages or more in the window can
 * host an aligned run (always so for align 1); each gap that is long enough
 * but defeated by alignment costs up to O(log n) more. */
bool vad_find_gap(const struct vad_tree *t, uint32_t npages, uint32_t align,
		  uint32_t lo, uint32_t hi, bool top_down, uint32_t *start);

/* Checks every invariant (BST order, no overlap, start < end, AVL balance and
 * heights, parent links, augmentation values, count, the hint being a node of
 * t); returns true if all hold. O(n); for tests and the kernel's invariant
 * checker. */
bool vad_check(const struct vad_tree *t);

#endif
