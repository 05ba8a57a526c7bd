/* Privilege sets; see kernel/se/privset.h. */
#include "kernel/se/privset.h"

static bool well_known(uint32_t luid, uint32_t luid_high)
{
	return luid_high == 0 && luid >= SE_MIN_WELL_KNOWN_PRIVILEGE &&
	       luid <= SE_MAX_WELL_KNOWN_PRIVILEGE;
}

bool se_privset_add(struct se_privilege_set *set, uint32_t luid, uint32_t attributes)
{
	if (!well_known(luid, 0) || se_privset_find(set, luid, 0) || set->count == SE_PRIVILEGES_MAX)
		return false;
	set->p[set->count++] = (struct se_privilege){ luid, attributes };
	return true;
}

struct se_privilege *se_privset_find(struct se_privilege_set *set, uint32_t luid,
				     uint32_t luid_high)
{
	if (luid_high != 0)
		return NULL;
	for (uint32_t i = 0; i < set->count; i++)
		if (set->p[i].luid == luid)
			return &set->p[i];
	return NULL;
}

bool se_privset_enabled(const struct se_privilege_set *set, uint32_t luid)
{
	for (uint32_t i = 0; i < set->count; i++)
		if (set->p[i].luid == luid)
			return (set->p[i].attributes & SE_PRIVILEGE_ENABLED) != 0;
	return false;
}

bool se_privset_subset(const struct se_privilege_set *a, const struct se_privilege_set *b)
{
	for (uint32_t i = 0; i < a->count; i++) {
		bool held = false;
		for (uint32_t j = 0; j < b->count && !held; j++)
			held = b->p[j].luid == a->p[i].luid;
		if (!held)
			return false;
	}
	return true;
}

/* Removes the entry at e, keeping the others in order (NT keeps the array
 * contiguous). */
static void remove_entry(struct se_privilege_set *set, struct se_privilege *e)
{
	uint32_t i = (uint32_t)(e - set->p);

	for (; i + 1 < set->count; i++)
		set->p[i] = set->p[i + 1];
	set->count--;
}

/* Notes e's attributes before its first change. */
static void record(struct se_privilege_set *previous, const struct se_privilege *e)
{
	if (previous && !se_privset_find(previous, e->luid, 0))
		previous->p[previous->count++] = *e;
}

bool se_privset_adjust(struct se_privilege_set *set, struct se_privilege_set *previous,
		       uint32_t luid, uint32_t luid_high, uint32_t attributes)
{
	struct se_privilege *e = se_privset_find(set, luid, luid_high), *noted;

	if (!e)
		return false;
	if (attributes & SE_PRIVILEGE_REMOVED) {
		if (previous && (noted = se_privset_find(previous, luid, 0)))
			remove_entry(previous, noted);
		remove_entry(set, e);
		return true;
	}
	if ((e->attributes ^ attributes) & SE_PRIVILEGE_ENABLED) {
		record(previous, e);
		e->attributes ^= SE_PRIVILEGE_ENABLED;
	}
	return true;
}

void se_privset_disable_all(struct se_privilege_set *set, struct se_privilege_set *previous)
{
	for (uint32_t i = 0; i < set->count; i++)
		if (set->p[i].attributes & SE_PRIVILEGE_ENABLED) {
			record(previous, &set->p[i]);
			set->p[i].attributes &= ~SE_PRIVILEGE_ENABLED;
		}
}

void se_privset_delete(struct se_privilege_set *set, uint32_t luid, uint32_t luid_high)
{
	struct se_privilege *e = se_privset_find(set, luid, luid_high);

	if (e)
		remove_entry(set, e);
}

void se_privset_delete_max(struct se_privilege_set *set)
{
	uint32_t kept = 0;

	for (uint32_t i = 0; i < set->count; i++)
		if (set->p[i].luid == SE_CHANGE_NOTIFY_PRIVILEGE)
			set->p[kept++] = set->p[i];
	set->count = kept;
}
