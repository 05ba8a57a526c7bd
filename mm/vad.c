/* The VAD tree: an augmented AVL tree of page ranges; see mm/vad.h.
 *
 * Augmentation. Every node caches, for the subtree it roots:
 *   min_start  the start of its lowest VAD (the leftmost node's start),
 *   max_end    the end of its highest VAD (the rightmost node's end),
 *   max_gap    the largest free run of pages strictly between two VADs of the
 *              subtree that are neighbours in address order (0 if it has one).
 * VADs never overlap, so all three follow from the children alone (see
 * vad_update): the gap just left of a node is node.start - left.max_end and
 * the one just right is right.min_start - node.end. Every change to the shape
 * of the tree recomputes the nodes it touched bottom-up, and every insert or
 * remove walks from the change to the root, so the cached values are always
 * exact.
 *
 * Gap search. A subtree, together with the end of the VAD just before it and
 * the start of the VAD just after it (or the window's edges), owns a run of
 * gaps: the one before its first VAD, those between its VADs, and the one after
 * its last. vad_gap_search visits subtrees in address order (or in reverse,
 * top-down) and enters one only if it can hold the answer: its two boundary
 * gaps are tested exactly, its inner gaps through max_gap >= npages (and the
 * window meeting [min_start, max_end) in npages or more). An empty subtree is
 * a single gap, tested exactly. The first exact hit is the answer. */
#include "mm/vad.h"

/* What vad_find_gap is looking for, and the answer once found. */
struct vad_gap_query {
	uint32_t npages, align, lo, hi;
	bool top_down;
	uint32_t found;
};

/* The height of subtree n (0 when empty). */
static int32_t vad_height(const struct vad *n)
{
	return n ? n->height : 0;
}

static uint32_t vad_max_u32(uint32_t a, uint32_t b)
{
	return a > b ? a : b;
}

static uint32_t vad_min_u32(uint32_t a, uint32_t b)
{
	return a < b ? a : b;
}

/* n's largest inner gap as its children's cached values say it is. */
static uint32_t vad_gap_of(const struct vad *n)
{
	const struct vad *l = n->left, *r = n->right;
	uint32_t gap = 0;

	if (l)
		gap = vad_max_u32(vad_max_u32(gap, l->max_gap), n->start - l->max_end);
	if (r)
		gap = vad_max_u32(vad_max_u32(gap, r->max_gap), r->min_start - n->end);
	return gap;
}

/* Recomputes n's height and augmentation from its children's. */
static void vad_update(struct vad *n)
{
	int32_t hl = vad_height(n->left), hr = vad_height(n->right);

	n->height = 1 + (hl > hr ? hl : hr);
	n->min_start = n->left ? n->left->min_start : n->start;
	n->max_end = n->right ? n->right->max_end : n->end;
	n->max_gap = vad_gap_of(n);
}

/* Makes child take old's place under parent (the root if parent is NULL). */
static void vad_replace_child(struct vad_tree *t, struct vad *parent,
			      struct vad *old, struct vad *child)
{
	if (child)
		child->parent = parent;
	if (!parent)
		t->root = child;
	else if (parent->left == old)
		parent->left = child;
	else
		parent->right = child;
}

/* Rotates x's right child up into x's place; returns it (both updated). */
static struct vad *vad_rotate_left(struct vad_tree *t, struct vad *x)
{
	struct vad *y = x->right;

	x->right = y->left;
	if (y->left)
		y->left->parent = x;
	vad_replace_child(t, x->parent, x, y);
	y->left = x;
	x->parent = y;
	vad_update(x);
	vad_update(y);
	return y;
}

/* Rotates x's left child up into x's place; returns it (both updated). */
static struct vad *vad_rotate_right(struct vad_tree *t, struct vad *x)
{
	struct vad *y = x->left;

	x->left = y->right;
	if (y->right)
		y->right->parent = x;
	vad_replace_child(t, x->parent, x, y);
	y->right = x;
	x->parent = y;
	vad_update(x);
	vad_update(y);
	return y;
}

/* Updates n and restores AVL balance at n, whose subtrees are balanced and
 * differ in height by at most 2; returns the root of the subtree now in n's
 * place. */
static struct vad *vad_balance(struct vad_tree *t, struct vad *n)
{
	int32_t diff = vad_height(n->left) - vad_height(n->right);

	vad_update(n);
	if (diff > 1) {
		if (vad_height(n->left->left) < vad_height(n->left->right))
			vad_rotate_left(t, n->left);
		return vad_rotate_right(t, n);
	}
	if (diff < -1) {
		if (vad_height(n->right->right) < vad_height(n->right->left))
			vad_rotate_right(t, n->right);
		return vad_rotate_left(t, n);
	}
	return n;
}

/* Rebalances and recomputes every node from n up to the root. */
static void vad_fix_upward(struct vad_tree *t, struct vad *n)
{
	while (n)
		n = vad_balance(t, n)->parent;
}

/* The lowest VAD of subtree n (n non-NULL). */
static struct vad *vad_leftmost(const struct vad *n)
{
	while (n->left)
		n = n->left;
	return (struct vad *)n;
}

/* The highest VAD of subtree n (n non-NULL). */
static struct vad *vad_rightmost(const struct vad *n)
{
	while (n->right)
		n = n->right;
	return (struct vad *)n;
}

void vad_tree_init(struct vad_tree *t)
{
	t->root = NULL;
	t->hint = NULL;
	t->count = 0;
}

struct vad *vad_find(struct vad_tree *t, uint32_t page)
{
	struct vad *n = t->hint;

	if (n && page >= n->start && page < n->end)
		return n;
	n = vad_first_at_or_after(t, page);
	if (!n || page < n->start)
		return NULL;
	t->hint = n;
	return n;
}

struct vad *vad_first_at_or_after(const struct vad_tree *t, uint32_t page)
{
	struct vad *n = t->root, *best = NULL;

	while (n) {
		if (n->end > page) {
			best = n;
			n = n->left;
		} else {
			n = n->right;
		}
	}
	return best;
}

struct vad *vad_first(const struct vad_tree *t)
{
	return t->root ? vad_leftmost(t->root) : NULL;
}

struct vad *vad_next(const struct vad *v)
{
	if (v->right)
		return vad_leftmost(v->right);
	while (v->parent && v->parent->right == v)
		v = v->parent;
	return v->parent;
}

struct vad *vad_prev(const struct vad *v)
{
	if (v->left)
		return vad_rightmost(v->left);
	while (v->parent && v->parent->left == v)
		v = v->parent;
	return v->parent;
}

bool vad_conflicts(const struct vad_tree *t, uint32_t start, uint32_t end)
{
	const struct vad *n;

	if (start >= end)
		return false;
	n = vad_first_at_or_after(t, start);
	return n && n->start < end;
}

/* Makes v a lone leaf hanging from parent. */
static void vad_init_leaf(struct vad *v, struct vad *parent)
{
	v->left = v->right = NULL;
	v->parent = parent;
	v->height = 1;
	v->max_gap = 0;
	v->min_start = v->start;
	v->max_end = v->end;
}

/* Descending by address meets, among others, both in-order neighbours of
 * v's place, so an overlap, if any, shows up on the way down. */
bool vad_insert(struct vad_tree *t, struct vad *v)
{
	struct vad **link = &t->root, *parent = NULL;

	if (v->start >= v->end)
		return false;
	while (*link) {
		parent = *link;
		if (v->end <= parent->start)
			link = &parent->left;
		else if (v->start >= parent->end)
			link = &parent->right;
		else
			return false;
	}
	vad_init_leaf(v, parent);
	*link = v;
	t->count++;
	vad_fix_upward(t, parent);
	return true;
}

/* Puts s, the leftmost node of v's right subtree, in the place of v (which
 * has two children); returns the lowest node whose subtree changed. */
static struct vad *vad_swap_in_successor(struct vad_tree *t, struct vad *v, struct vad *s)
{
	struct vad *fix = s;

	if (s->parent != v) {
		fix = s->parent;
		fix->left = s->right;
		if (s->right)
			s->right->parent = fix;
		s->right = v->right;
		v->right->parent = s;
	}
	s->left = v->left;
	v->left->parent = s;
	vad_replace_child(t, v->parent, v, s);
	return fix;
}

void vad_remove(struct vad_tree *t, struct vad *v)
{
	struct vad *fix;

	if (v->left && v->right) {
		fix = vad_swap_in_successor(t, v, vad_leftmost(v->right));
	} else {
		fix = v->parent;
		vad_replace_child(t, v->parent, v, v->left ? v->left : v->right);
	}
	vad_fix_upward(t, fix);
	if (t->hint == v)
		t->hint = NULL;
	t->count--;
	v->left = v->right = v->parent = NULL;
}

/* Whether [a, b) clipped to the window holds an aligned run of npages; if so
 * records the lowest (or, top-down, highest) such run's start in q->found. */
static bool vad_gap_fit(struct vad_gap_query *q, uint32_t a, uint32_t b)
{
	uint32_t s;

	a = vad_max_u32(a, q->lo);
	b = vad_min_u32(b, q->hi);
	if (a >= b || b - a < q->npages)
		return false;
	if (q->top_down) {
		s = (b - q->npages) & ~(q->align - 1);
		if (s < a)
			return false;
	} else {
		s = (0u - a) & (q->align - 1);          /* padding up to alignment */
		if (s > b - a - q->npages)
			return false;
		s += a;
	}
	q->found = s;
	return true;
}

/* How many pages of [a, b) lie in the window. */
static uint32_t vad_gap_clipped(const struct vad_gap_query *q, uint32_t a, uint32_t b)
{
	a = vad_max_u32(a, q->lo);
	b = vad_min_u32(b, q->hi);
	return a < b ? b - a : 0;
}

/* Whether subtree n, lying between gap_lo (the end of the VAD before it) and
 * gap_hi (the start of the VAD after it), may hold the answer: never false
 * when it does; true when it does not only through alignment or a big inner
 * gap outside the window. May overwrite q->found. */
static bool vad_gap_may_fit(struct vad_gap_query *q, const struct vad *n,
			    uint32_t gap_lo, uint32_t gap_hi)
{
	if (vad_gap_clipped(q, gap_lo, gap_hi) < q->npages)
		return false;
	if (n->max_gap >= q->npages &&
	    vad_gap_clipped(q, n->min_start, n->max_end) >= q->npages)
		return true;
	return vad_gap_fit(q, gap_lo, n->min_start) || vad_gap_fit(q, n->max_end, gap_hi);
}

/* Searches the gaps owned by subtree n lying between gap_lo and gap_hi (see
 * vad_gap_may_fit) in address order, or in reverse top-down. Recurses at most
 * the tree's height deep. */
static bool vad_gap_search(struct vad_gap_query *q, const struct vad *n,
			   uint32_t gap_lo, uint32_t gap_hi)
{
	if (!n)
		return vad_gap_fit(q, gap_lo, gap_hi);
	if (!vad_gap_may_fit(q, n, gap_lo, gap_hi))
		return false;
	if (q->top_down)
		return vad_gap_search(q, n->right, n->end, gap_hi) ||
		       vad_gap_search(q, n->left, gap_lo, n->start);
	return vad_gap_search(q, n->left, gap_lo, n->start) ||
	       vad_gap_search(q, n->right, n->end, gap_hi);
}

bool vad_find_gap(const struct vad_tree *t, uint32_t npages, uint32_t align,
		  uint32_t lo, uint32_t hi, bool top_down, uint32_t *start)
{
	struct vad_gap_query q = {
		.npages = npages, .align = align, .lo = lo, .hi = hi, .top_down = top_down,
	};

	if (npages == 0 || align == 0 || (align & (align - 1)) != 0 || lo >= hi)
		return false;
	if (!vad_gap_search(&q, t->root, lo, hi))
		return false;
	*start = q.found;
	return true;
}

/* Whether n's cached fields match what its children say they must be. */
static bool vad_check_cached(const struct vad *n)
{
	int32_t hl = vad_height(n->left), hr = vad_height(n->right);

	return n->height == 1 + (hl > hr ? hl : hr) && hl - hr <= 1 && hr - hl <= 1 &&
	       n->min_start == (n->left ? n->left->min_start : n->start) &&
	       n->max_end == (n->right ? n->right->max_end : n->end) &&
	       n->max_gap == vad_gap_of(n);
}

/* Checks subtree n, hanging from parent, in address order: every VAD must be
 * non-empty and start at or after *floor (the end of the VAD before it), which
 * is advanced past the subtree. Counts its nodes into *count. */
static bool vad_check_subtree(const struct vad *n, const struct vad *parent,
			      uint32_t *floor, uint32_t *count)
{
	if (!n)
		return true;
	if (n->parent != parent || !vad_check_subtree(n->left, n, floor, count))
		return false;
	if (n->start >= n->end || n->start < *floor)
		return false;
	*floor = n->end;
	(*count)++;
	return vad_check_subtree(n->right, n, floor, count) && vad_check_cached(n);
}

/* Whether v is a node of t (found by address). */
static bool vad_check_member(const struct vad_tree *t, const struct vad *v)
{
	const struct vad *n = vad_first_at_or_after(t, v->start);

	return n == v;
}

bool vad_check(const struct vad_tree *t)
{
	uint32_t floor = 0, count = 0;

	if (!vad_check_subtree(t->root, NULL, &floor, &count) || count != t->count)
		return false;
	return !t->hint || vad_check_member(t, t->hint);
}
