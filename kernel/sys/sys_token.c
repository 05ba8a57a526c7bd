/* The token calls: OpenProcessToken, GetTokenInformation (TokenPrivileges),
 * AdjustTokenPrivileges and CreateRestrictedToken (NT's NtOpenProcessToken,
 * NtQueryInformationToken, NtAdjustPrivilegesToken, NtFilterToken). A
 * token's privileges are read whole, edited in a copy while ring-3 memory is
 * read and written, and written back only if no other call changed them
 * meanwhile (kernel/se/token.h), so a bad buffer changes nothing. */
#include "kernel/sys/syscalls.h"
#include "kernel/ps/process.h"
#include "kernel/se/token.h"
#include "arch/uaccess.h"
#include "user/include/vados/syscall.h"

#define TOKEN_PRIVILEGES_CLASS  3u      /* TokenPrivileges */
#define DISABLE_MAX_PRIVILEGE   0x1u
/* DISABLE_MAX_PRIVILEGE, SANDBOX_INERT, LUA_TOKEN, WRITE_RESTRICTED: the
 * last three concern AppLocker and SIDs, which vados does not have. */
#define RESTRICTED_TOKEN_FLAGS  0xfu
#define ENTRY_BYTES             12u     /* LUID_AND_ATTRIBUTES */
#define ADJUST_RETRY            0xffffffffu

/* TOKEN_PRIVILEGES's size for count privileges. */
static uint32_t privileges_size(uint32_t count)
{
	return 4 + count * ENTRY_BYTES;
}

/* Writes set as a TOKEN_PRIVILEGES at user address out: 0 or ERROR_NOACCESS. */
static uint32_t privileges_out(uint32_t out, const struct se_privilege_set *set)
{
	uint32_t words[1 + 3 * SE_PRIVILEGES_MAX];

	words[0] = set->count;
	for (uint32_t i = 0; i < set->count; i++) {
		words[1 + 3 * i] = set->p[i].luid;
		words[2 + 3 * i] = 0;
		words[3 + 3 * i] = set->p[i].attributes;
	}
	return copy_to_user(out, words, privileges_size(set->count)) ? 0 : ERROR_NOACCESS;
}

/* The token behind handle in the caller's table, referenced, if it grants
 * desired. */
static uint32_t token_by_handle(uint32_t handle, uint32_t desired, struct token **out)
{
	return ob_reference_by_handle(process_handles(), handle, &token_type, desired,
				      (void **)out, NULL);
}

/* (process, access, uint32 *handle): the process handle needs
 * PROCESS_QUERY_LIMITED_INFORMATION (Microsoft's page); a token holding a
 * privilege the caller's lacks opens only for reading (se_access_ceiling). */
struct sysret sys_open_process_token(const uint32_t *a, struct trap_frame *f)
{
	struct process *p;
	uint32_t h = 0, err;

	(void)f;
	if (!sys_probe_word(a[2]))      /* written only on success, as NT's probe */
		return (struct sysret){ ERROR_NOACCESS, 0 };
	if ((err = process_by_handle(a[0], PROCESS_QUERY_LIMITED_INFORMATION, &p)) != 0)
		return (struct sysret){ err, 0 };
	err = ob_open_object_within(process_handles(), p->token, a[1],
				    se_access_ceiling(process_current()->token, p->token,
						      TOKEN_READ | TOKEN_QUERY_SOURCE), 0, &h);
	ob_dereference(p);
	return err ? (struct sysret){ err, 0 } : sys_handle_out(a[2], h);
}

/* (token, information class, buf, size, uint32 *needed): TokenPrivileges
 * only (another class: ERROR_INVALID_PARAMETER); TOKEN_QUERY. *needed gets
 * the size the answer takes, also when size is too small for it
 * (ERROR_INSUFFICIENT_BUFFER, buf untouched). */
struct sysret sys_query_token(const uint32_t *a, struct trap_frame *f)
{
	struct se_privilege_set set;
	struct token *t;
	uint32_t generation, need, err;

	(void)f;
	if (!sys_probe_word(a[4]))
		return (struct sysret){ ERROR_NOACCESS, 0 };
	if ((err = token_by_handle(a[0], TOKEN_QUERY, &t)) != 0)
		return (struct sysret){ err, 0 };
	se_token_read(t, &set, &generation);
	ob_dereference(t);
	if (a[1] != TOKEN_PRIVILEGES_CLASS)
		return (struct sysret){ ERROR_INVALID_PARAMETER, 0 };
	need = privileges_size(set.count);
	if (a[3] >= need && (err = privileges_out(a[2], &set)) != 0)
		return (struct sysret){ err, 0 };
	if (!copy_to_user(a[4], &need, sizeof(need)))
		return (struct sysret){ ERROR_NOACCESS, 0 };
	return (struct sysret){ a[3] < need ? ERROR_INSUFFICIENT_BUFFER : ERROR_SUCCESS, 0 };
}

/* Applies the TOKEN_PRIVILEGES at user address new to set, an entry at a
 * time; *not_all when one names a privilege set does not hold. */
static uint32_t apply_new_state(struct se_privilege_set *set, struct se_privilege_set *previous,
				uint32_t new, bool *not_all)
{
	uint32_t count, e[3];

	if (!copy_from_user(&count, new, sizeof(count)))
		return ERROR_NOACCESS;
	for (uint32_t i = 0; i < count; i++) {
		if (!copy_from_user(e, new + privileges_size(i), ENTRY_BYTES))
			return ERROR_NOACCESS;
		if (!se_privset_adjust(set, previous, e[0], e[1], e[2]))
			*not_all = true;
	}
	return 0;
}

/* One attempt at sys_adjust_privileges' change: 0, an error (nothing
 * changed), or ADJUST_RETRY when the token changed meanwhile. */
static uint32_t adjust_once(struct token *t, const uint32_t *a, bool *not_all)
{
	struct se_privilege_set set, previous = { 0 };
	uint32_t generation, need, err = 0;

	se_token_read(t, &set, &generation);
	*not_all = false;
	if (a[1])
		se_privset_disable_all(&set, &previous);
	else
		err = apply_new_state(&set, &previous, a[2], not_all);
	if (!err && a[4]) {
		need = privileges_size(previous.count);
		if (!copy_to_user(a[5], &need, sizeof(need)))
			err = ERROR_NOACCESS;
		else if (a[3] < need)
			err = ERROR_INSUFFICIENT_BUFFER;
		else
			err = privileges_out(a[4], &previous);
	}
	if (err)
		return err;
	return se_token_write(t, &set, generation) ? 0 : ADJUST_RETRY;
}

/* (token, disable all, const TOKEN_PRIVILEGES *new or 0, size,
 * TOKEN_PRIVILEGES *previous or 0, uint32 *needed) -> 1 when new names a
 * privilege the token does not hold (the others are applied: Windows'
 * ERROR_NOT_ALL_ASSIGNED, a success). TOKEN_ADJUST_PRIVILEGES, and
 * TOKEN_QUERY with previous, which gets the privileges whose state changed as
 * they were before, *needed its size; too small (ERROR_INSUFFICIENT_BUFFER)
 * or a bad buffer, and nothing changes. */
struct sysret sys_adjust_privileges(const uint32_t *a, struct trap_frame *f)
{
	struct token *t;
	bool not_all = false;
	uint32_t err;

	(void)f;
	if (a[4] && !sys_probe_word(a[5]))
		return (struct sysret){ ERROR_NOACCESS, 0 };
	if (!a[1] && !a[2])
		return (struct sysret){ ERROR_INVALID_PARAMETER, 0 };
	err = token_by_handle(a[0], TOKEN_ADJUST_PRIVILEGES | (a[4] ? TOKEN_QUERY : 0), &t);
	if (err)
		return (struct sysret){ err, 0 };
	while ((err = adjust_once(t, a, &not_all)) == ADJUST_RETRY)
		;
	ob_dereference(t);
	return (struct sysret){ err, !err && not_all };
}

/* Deletes the count LUID_AND_ATTRIBUTES at user address list from set. */
static uint32_t delete_listed(struct se_privilege_set *set, uint32_t count, uint32_t list)
{
	uint32_t e[3];

	for (uint32_t i = 0; i < count; i++) {
		if (!copy_from_user(e, list + i * ENTRY_BYTES, ENTRY_BYTES))
			return ERROR_NOACCESS;
		se_privset_delete(set, e[0], e[1]);
	}
	return 0;
}

/* (token, flags, count, const LUID_AND_ATTRIBUTES *delete, uint32 *handle):
 * a new token with the privileges of token (TOKEN_DUPLICATE) but those
 * listed (not held: ignored), or with DISABLE_MAX_PRIVILEGE but
 * SeChangeNotifyPrivilege (the list ignored); the handle has every right. */
struct sysret sys_filter_token(const uint32_t *a, struct trap_frame *f)
{
	struct se_privilege_set set;
	struct token *t, *restricted;
	uint32_t generation, h = 0, err;

	(void)f;
	if (a[1] & ~RESTRICTED_TOKEN_FLAGS)
		return (struct sysret){ ERROR_INVALID_PARAMETER, 0 };
	if (!copy_to_user(a[4], &h, sizeof(h)))
		return (struct sysret){ ERROR_NOACCESS, 0 };
	if ((err = token_by_handle(a[0], TOKEN_DUPLICATE, &t)) != 0)
		return (struct sysret){ err, 0 };
	se_token_read(t, &set, &generation);
	ob_dereference(t);
	if (a[1] & DISABLE_MAX_PRIVILEGE)
		se_privset_delete_max(&set);
	else if ((err = delete_listed(&set, a[2], a[3])) != 0)
		return (struct sysret){ err, 0 };
	if (!(restricted = se_token_create(&set)))
		return (struct sysret){ ERROR_NOT_ENOUGH_MEMORY, 0 };
	err = ob_open_object(process_handles(), restricted, TOKEN_ALL_ACCESS, 0, &h);
	ob_dereference(restricted);
	return err ? (struct sysret){ err, 0 } : sys_handle_out(a[4], h);
}
