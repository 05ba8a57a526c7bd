/* The environment a new process starts with. Windows keeps a process's
 * environment in the process's own memory (the PEB's
 * ProcessParameters->Environment) and so does vados: the user library
 * owns it (user/lib/environ.c). The kernel only carries a block across
 * CreateProcess: copied in from the creator's memory and placed in the
 * child's address space (on its first stack page beside the command line
 * when small, else in a fresh allocation, kernel/ps/process.c), whose
 * address the child's runtime finds on that stack. */
#include "kernel/ps/process.h"
#include "kernel/rtl/string.h"
#include "arch/uaccess.h"
#include "mm/pool.h"
#include "mm/pte.h"

/* The first process's (and every one a kernel thread starts): C:\BIN plays
 * the system directory and holds the shell. No SystemRoot: vados has no
 * Windows directory. */
static const char default_env[] = "COMSPEC=C:\\BIN\\shell.exe\0PATH=C:\\BIN\0";

const char *ps_env_default(uint32_t *size)
{
	*size = sizeof(default_env);    /* the literal's own NUL ends the block */
	return default_env;
}

uint32_t ps_env_copy_in(vaddr_t user, char **out, uint32_t *size)
{
	char *block = kmalloc(PS_ENV_MAX);
	uint32_t n = 0;

	if (!block)
		return ERROR_NOT_ENOUGH_MEMORY;
	/* Page by page: the block may end just before an unmapped page. */
	while (n < PS_ENV_MAX) {
		uint32_t chunk = PAGE_SIZE - ((user + n) & (PAGE_SIZE - 1));

		if (chunk > PS_ENV_MAX - n)
			chunk = PS_ENV_MAX - n;
		if (!copy_from_user(block + n, user + n, chunk)) {
			kfree(block);
			return ERROR_NOACCESS;
		}
		for (uint32_t i = n; i < n + chunk; i++)
			if (block[i] == '\0' && (i == 0 || block[i - 1] == '\0')) {
				/* A lone NUL (an empty block) becomes the double one. */
				block[i + (i == 0)] = '\0';
				*size = i + 1 + (i == 0);
				*out = block;
				return 0;
			}
		n += chunk;
	}
	kfree(block);
	return ERROR_INVALID_PARAMETER;
}

vaddr_t ps_env_place(struct process *p, const char *env, uint32_t size)
{
	vaddr_t va = 0;
	uint32_t err;

	while ((err = vm_allocate(p->vm, &va, size, MEM_RESERVE | MEM_COMMIT,
				  PAGE_READWRITE)) == VM_RETRY && vm_wait_for_tables())
		;
	if (err)
		return 0;
	return copy_to_user(va, env, size) ? va : 0;
}
