/* Access tokens; see kernel/se/token.h. */
#include "kernel/se/token.h"
#include "kernel/rtl/panic.h"
#include "kernel/rtl/string.h"
#include "arch/cpu.h"

/* NT's generic mapping for tokens (ReactOS's measurements); the valid mask
 * adds SYNCHRONIZE, as Windows' does. Tokens cannot be waited on. */
struct ob_type token_type = {
	.name = "Token",
	.mapping = { TOKEN_READ, 0x000200e0u, 0x00020000u, TOKEN_ALL_ACCESS },
	.valid_access = TOKEN_ALL_ACCESS | SYNCHRONIZE,
};

static struct token *system_token;

void se_init(void)
{
	static const uint32_t first[] = { SE_LOCK_MEMORY_PRIVILEGE, SE_SHUTDOWN_PRIVILEGE,
					  SE_INC_WORKING_SET_PRIVILEGE, SE_DEBUG_PRIVILEGE };
	struct se_privilege_set set = { 0 };

	ob_register_type(&token_type);
	for (uint32_t i = 0; i < ARRAY_SIZE(first); i++)
		se_privset_add(&set, first[i], 0);
	system_token = se_token_create(&set);
	if (!system_token)
		panic("se_init: no memory for the system's first token");
}

struct token *se_system_token(void)
{
	return system_token;
}

struct token *se_token_create(const struct se_privilege_set *set)
{
	struct token *t = ob_create(&token_type, sizeof(*t));

	if (t)
		t->privileges = *set;
	return t;
}

struct token *se_token_copy(struct token *t)
{
	struct se_privilege_set set;
	uint32_t generation;

	se_token_read(t, &set, &generation);
	return se_token_create(&set);
}

void se_token_read(struct token *t, struct se_privilege_set *out, uint32_t *generation)
{
	bool irq = irq_save();

	*out = t->privileges;
	*generation = t->generation;
	irq_restore(irq);
}

bool se_token_write(struct token *t, const struct se_privilege_set *set, uint32_t generation)
{
	bool irq = irq_save(), current = t->generation == generation;

	if (current) {
		t->privileges = *set;
		t->generation++;
	}
	irq_restore(irq);
	return current;
}

bool se_privilege_enabled(struct token *t, uint32_t luid)
{
	bool irq = irq_save(), enabled = se_privset_enabled(&t->privileges, luid);

	irq_restore(irq);
	return enabled;
}

bool se_token_within(struct token *t, struct token *of)
{
	bool irq = irq_save(), within = se_privset_subset(&t->privileges, &of->privileges);

	irq_restore(irq);
	return within;
}

uint32_t se_access_ceiling(struct token *caller, struct token *target, uint32_t limited)
{
	return se_token_within(target, caller) ? 0xffffffffu : limited;
}
