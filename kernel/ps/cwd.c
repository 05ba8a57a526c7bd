/* Each process's current directory (NT keeps it in the PEB; vados in the
 * process record, so that path resolution is the kernel's one place). One
 * spinlock for all of them: reads and writes are a short copy. */
#include "kernel/ps/process.h"
#include "kernel/ke/lock.h"
#include "arch/cpu.h"
#include "kernel/rtl/string.h"

static const struct ke_lock_class cwd_class = { "current directories",
						 KE_RANK_CURRENT_DIRECTORY, true, NULL };
static struct ke_spin_lock cwd_lock = { .cls = &cwd_class };

void ps_get_cwd(struct process *p, char out[RTL_MAX_PATH])
{
	ke_acquire_spin_lock(&cwd_lock);
	memcpy(out, p->cwd, RTL_MAX_PATH);
	ke_release_spin_lock(&cwd_lock);
}

void ps_set_cwd(struct process *p, const char *cwd)
{
	ke_acquire_spin_lock(&cwd_lock);
	strlcpy(p->cwd, cwd, RTL_MAX_PATH);
	ke_release_spin_lock(&cwd_lock);
}

void ps_cwd_inherit(struct process *p, struct process *creator)
{
	char cwd[RTL_MAX_PATH] = "C:\\";

	if (creator)
		ps_get_cwd(creator, cwd);
	ps_set_cwd(p, cwd);
}

struct cwd_search {
	bool (*match)(const char *cwd, const void *ctx);
	const void *ctx;
	bool found;
};

static void cwd_visit(const struct process *p, void *ctx)
{
	struct cwd_search *s = ctx;

	if (!s->found && !p->exited) {
		ke_acquire_spin_lock(&cwd_lock);
		s->found = s->match(p->cwd, s->ctx);
		ke_release_spin_lock(&cwd_lock);
	}
}

bool ps_cwd_any(bool (*match)(const char *cwd, const void *ctx), const void *ctx)
{
	struct cwd_search s = { match, ctx, false };
	bool irq = irq_save();          /* the process list, as process_find reads it */

	process_for_each(cwd_visit, &s);
	irq_restore(irq);
	return s.found;
}
