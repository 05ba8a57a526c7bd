/* Mutexes and semaphores as system calls: CreateMutex, OpenMutex,
 * ReleaseMutex, CreateSemaphore, OpenSemaphore, ReleaseSemaphore. Named like
 * events (kernel/sys/sys_named.c); the waits that acquire them are
 * kernel/sys/sys_wait.c's. */
#include "kernel/sys/syscalls.h"
#include "kernel/ex/mutant.h"
#include "kernel/ex/semaphore.h"
#include "kernel/ps/process.h"
#include "arch/uaccess.h"

/* (name or 0, initial owner, access, inherit, uint32 *existed) -> handle;
 * an existing mutant's name opens it, not owned (bInitialOwner ignored). */
struct sysret sys_create_mutex(const uint32_t *a, struct trap_frame *f)
{
	char name[OB_NAME_MAX];
	uint32_t err = sys_named_in(name, a[0], a[4]);

	(void)f;
	if (err)
		return (struct sysret){ err, 0 };
	return sys_named_create(mutant_create(a[1] != 0), name, a[2], a[3], a[4]);
}

/* (name, access, inherit) -> handle */
struct sysret sys_open_mutex(const uint32_t *a, struct trap_frame *f)
{
	(void)f;
	return sys_named_open(&mutant_type, a[0], a[1], a[2]);
}

/* (handle): by the owning thread only (ERROR_NOT_OWNER). Windows demands no
 * right of the handle: MUTEX_MODIFY_STATE is documented as reserved, and a
 * handle opened with any one right releases. */
struct sysret sys_release_mutex(const uint32_t *a, struct trap_frame *f)
{
	struct mutant *m;
	uint32_t err = ob_reference_by_handle(process_handles(), a[0], &mutant_type, 0,
					      (void **)&m, NULL);

	(void)f;
	if (err)
		return (struct sysret){ err, 0 };
	err = ke_release_mutant(&m->km, thread_current());
	ob_dereference(m);
	return (struct sysret){ err, 0 };
}

/* (name or 0, initial, maximum, access, inherit, uint32 *existed) -> handle;
 * 0 <= initial <= maximum and maximum > 0, else ERROR_INVALID_PARAMETER.
 * An existing semaphore's name opens it (the counts ignored). */
struct sysret sys_create_semaphore(const uint32_t *a, struct trap_frame *f)
{
	char name[OB_NAME_MAX];
	int32_t initial = (int32_t)a[1], maximum = (int32_t)a[2];
	uint32_t err = 0;

	(void)f;
	if (maximum <= 0 || initial < 0 || initial > maximum)
		err = ERROR_INVALID_PARAMETER;
	if (!err)
		err = sys_named_in(name, a[0], a[5]);
	if (err)
		return (struct sysret){ err, 0 };
	return sys_named_create(semaphore_create(initial, maximum), name, a[3], a[4], a[5]);
}

/* (name, access, inherit) -> handle */
struct sysret sys_open_semaphore(const uint32_t *a, struct trap_frame *f)
{
	(void)f;
	return sys_named_open(&semaphore_type, a[0], a[1], a[2]);
}

/* (handle, count, int32 *previous or 0): SEMAPHORE_MODIFY_STATE. In NT's
 * order: the previous-count pointer is probed, count <= 0 is
 * ERROR_INVALID_PARAMETER, then the handle; past the maximum,
 * ERROR_TOO_MANY_POSTS with nothing changed (and nothing written). */
struct sysret sys_release_semaphore(const uint32_t *a, struct trap_frame *f)
{
	struct semaphore *s;
	int32_t previous;
	uint32_t err = 0;

	(void)f;
	if (a[2] && !sys_probe_word(a[2]))
		err = ERROR_NOACCESS;
	else if ((int32_t)a[1] <= 0)
		err = ERROR_INVALID_PARAMETER;
	else
		err = ob_reference_by_handle(process_handles(), a[0], &semaphore_type,
					     SEMAPHORE_MODIFY_STATE, (void **)&s, NULL);
	if (err)
		return (struct sysret){ err, 0 };
	err = ke_release_semaphore(&s->ks, (int32_t)a[1], &previous);
	ob_dereference(s);
	if (!err && a[2] && !copy_to_user(a[2], &previous, sizeof(previous)))
		err = ERROR_NOACCESS;
	return (struct sysret){ err, 0 };
}
