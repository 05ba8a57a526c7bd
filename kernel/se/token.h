/* kernel/se: security (NT's Se). Owns access tokens (objects of type Token:
 * each process's primary token, and the system's first token every other
 * descends from), the privileges they hold (kernel/se/privset.h: pure
 * logic), the privilege checks other components make (se_privilege_enabled)
 * and the access ceiling between processes of unequal tokens. There are no
 * SIDs, groups or security descriptors yet: a token is its privileges. It may
 * call ob (a token is an object), mm's pool and the runtime library; ps and
 * sys call it, never the reverse.
 *
 * Locking: a token's privileges change under interrupts off (one CPU; a spin
 * lock per token later), copied in and out whole; nothing under it sleeps or
 * touches user memory. */
#ifndef KERNEL_SE_TOKEN_H
#define KERNEL_SE_TOKEN_H

#include "kernel/ob/ob.h"
#include "kernel/se/privset.h"

/* The rights of a token handle (Windows' values). */
#define TOKEN_ASSIGN_PRIMARY    0x0001u
#define TOKEN_DUPLICATE         0x0002u
#define TOKEN_IMPERSONATE       0x0004u
#define TOKEN_QUERY             0x0008u
#define TOKEN_QUERY_SOURCE      0x0010u
#define TOKEN_ADJUST_PRIVILEGES 0x0020u
#define TOKEN_ADJUST_GROUPS     0x0040u
#define TOKEN_ADJUST_DEFAULT    0x0080u
#define TOKEN_ADJUST_SESSIONID  0x0100u
#define TOKEN_ALL_ACCESS        0x000f01ffu
#define TOKEN_READ              0x00020008u

/* An access token (NT's TOKEN): a primary token, held by one process (its
 * creator keeps a reference) and named by handles. */
struct token {
	struct se_privilege_set privileges;
	uint32_t generation;            /* counts the changes to privileges */
};

extern struct ob_type token_type;

/* Registers the Token type and makes the system's first token: SeLockMemory,
 * SeShutdown, SeIncreaseWorkingSet and SeDebug privileges, all disabled (once,
 * at boot, before any process exists). */
void se_init(void);
/* The system's first token (NT's System process's): what processes started
 * by the kernel get a copy of. The kernel's own reference; never freed. */
struct token *se_system_token(void);

/* A new token holding set, referenced once; NULL when the pool is exhausted. */
struct token *se_token_create(const struct se_privilege_set *set);
/* A new token with t's privileges as they are now (NT's SeSubProcessToken:
 * a process's token at CreateProcess), or NULL as se_token_create. */
struct token *se_token_copy(struct token *t);

/* A consistent copy of t's privileges and the generation they belong to. */
void se_token_read(struct token *t, struct se_privilege_set *out, uint32_t *generation);
/* Replaces t's privileges with set, unless they changed since the read that
 * gave generation: then false, and nothing changes (read again and retry). */
bool se_token_write(struct token *t, const struct se_privilege_set *set, uint32_t generation);

/* NT's SeSinglePrivilegeCheck: whether t holds luid enabled. The check a
 * privileged operation makes of the caller's token, e.g.
 * se_privilege_enabled(process_current()->token, SE_SHUTDOWN_PRIVILEGE). */
bool se_privilege_enabled(struct token *t, uint32_t luid);
/* Whether t holds no privilege that of does not (enabled or not). */
bool se_token_within(struct token *t, struct token *of);

/* The rights a caller whose token is caller may get to an object of a
 * process whose token is target: any (all bits set) when target holds no
 * privilege caller lacks, else only limited. The rule stands in for Windows'
 * mandatory integrity check ("no write up, no read up": a less privileged
 * process gets only query-limited and synchronize rights to a more
 * privileged one's process, threads and token). OpenProcess and OpenThread
 * waive it for a caller with SeDebugPrivilege enabled, as NT's PsOpenProcess
 * does; opening a token never does. */
uint32_t se_access_ceiling(struct token *caller, struct token *target, uint32_t limited);

#endif
