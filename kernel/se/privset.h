/* Privilege sets (kernel/se; the folder is described in kernel/se/token.h):
 * a token's privileges, NT's LUID_AND_ATTRIBUTES array, and the edits
 * AdjustTokenPrivileges and CreateRestrictedToken make to it. Pure logic,
 * unit-tested on the host; the token's lock is the caller's. */
#ifndef KERNEL_SE_PRIVSET_H
#define KERNEL_SE_PRIVSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Privilege LUIDs (LowPart; HighPart 0), Windows' values (ddk/wdm.h). */
#define SE_MIN_WELL_KNOWN_PRIVILEGE     2u
#define SE_LOCK_MEMORY_PRIVILEGE        4u
#define SE_INCREASE_QUOTA_PRIVILEGE     5u
#define SE_SHUTDOWN_PRIVILEGE           19u
#define SE_DEBUG_PRIVILEGE              20u
#define SE_CHANGE_NOTIFY_PRIVILEGE      23u
#define SE_INC_WORKING_SET_PRIVILEGE    33u
#define SE_MAX_WELL_KNOWN_PRIVILEGE     35u

/* A privilege's attributes (winnt.h). */
#define SE_PRIVILEGE_ENABLED_BY_DEFAULT 0x00000001u
#define SE_PRIVILEGE_ENABLED            0x00000002u
#define SE_PRIVILEGE_REMOVED            0x00000004u

/* Room for every well-known privilege, each held at most once. */
#define SE_PRIVILEGES_MAX (SE_MAX_WELL_KNOWN_PRIVILEGE - SE_MIN_WELL_KNOWN_PRIVILEGE + 1)

/* One held privilege: its LUID's low part and its attributes. */
struct se_privilege {
	uint32_t luid;
	uint32_t attributes;
};

/* The privileges a token holds, in the order they were given. */
struct se_privilege_set {
	uint32_t count;
	struct se_privilege p[SE_PRIVILEGES_MAX];
};

/* Adds luid (well-known, not yet held) with attributes; false when it is
 * not well-known or already held. */
bool se_privset_add(struct se_privilege_set *set, uint32_t luid, uint32_t attributes);
/* The entry for a LUID (low and high parts), NULL when set does not hold it. */
struct se_privilege *se_privset_find(struct se_privilege_set *set, uint32_t luid,
				     uint32_t luid_high);
/* Whether set holds luid with SE_PRIVILEGE_ENABLED. */
bool se_privset_enabled(const struct se_privilege_set *set, uint32_t luid);
/* Whether every privilege of a is held by b too (enabled or not). */
bool se_privset_subset(const struct se_privilege_set *a, const struct se_privilege_set *b);

/* One entry of AdjustTokenPrivileges' NewState applied to set: attributes
 * with SE_PRIVILEGE_REMOVED delete the privilege (for good), else
 * SE_PRIVILEGE_ENABLED enables it and its absence disables it. A privilege
 * whose enabled state changes is recorded, with its attributes from before,
 * in previous (once, however often it changes; a removed one is not recorded
 * and leaves previous). Returns false when set does not hold it (Windows'
 * ERROR_NOT_ALL_ASSIGNED), changing nothing. */
bool se_privset_adjust(struct se_privilege_set *set, struct se_privilege_set *previous,
		       uint32_t luid, uint32_t luid_high, uint32_t attributes);
/* AdjustTokenPrivileges with DisableAllPrivileges: every enabled privilege
 * is disabled and recorded in previous as se_privset_adjust does. */
void se_privset_disable_all(struct se_privilege_set *set, struct se_privilege_set *previous);
/* Deletes luid from set if held (CreateRestrictedToken's PrivilegesToDelete:
 * a privilege not held is ignored). */
void se_privset_delete(struct se_privilege_set *set, uint32_t luid, uint32_t luid_high);
/* CreateRestrictedToken's DISABLE_MAX_PRIVILEGE: deletes every privilege but
 * SeChangeNotifyPrivilege. */
void se_privset_delete_max(struct se_privilege_set *set);

#endif
