/* What the Create* and Open* calls of named object types share (events,
 * mutexes, semaphores): the name copied in, create-or-open in the object
 * manager's one namespace, and open by name. */
#include "kernel/sys/syscalls.h"
#include "kernel/ps/process.h"
#include "arch/uaccess.h"

/* A name argument: "" when the pointer is 0; else copied into name[]. */
static uint32_t name_in(char *name, uint32_t user)
{
	uint32_t err;

	name[0] = '\0';
	if (!user)
		return 0;
	err = sys_copy_string_in(name, user, OB_NAME_MAX);
	return err == ERROR_INVALID_PARAMETER ? ERROR_FILENAME_EXCED_RANGE : err;
}

uint32_t sys_named_in(char *name, uint32_t user_name, uint32_t existed_out)
{
	uint32_t err = name_in(name, user_name), zero = 0;

	if (!err && !copy_to_user(existed_out, &zero, sizeof(zero)))
		err = ERROR_NOACCESS;
	return err;
}

struct sysret sys_named_create(void *body, const char *name, uint32_t access, uint32_t inherit,
			       uint32_t existed_out)
{
	uint32_t err, h = 0, existed_word;
	bool existed;

	if (!body)
		return (struct sysret){ ERROR_NOT_ENOUGH_MEMORY, 0 };
	err = ob_create_named(process_handles(), body, name, access,
			      inherit ? HANDLE_FLAG_INHERIT : 0, &h, &existed);
	existed_word = existed;
	if (!err && !copy_to_user(existed_out, &existed_word, sizeof(existed_word))) {
		ob_close_handle(process_handles(), h);
		err = ERROR_NOACCESS;
	}
	return (struct sysret){ err, err ? 0 : h };
}

struct sysret sys_named_open(const struct ob_type *type, uint32_t user_name, uint32_t access,
			     uint32_t inherit)
{
	char name[OB_NAME_MAX];
	uint32_t err = name_in(name, user_name), h = 0;

	if (!err && !user_name)
		err = ERROR_INVALID_PARAMETER;
	if (!err)
		err = ob_open_named(process_handles(), name, type, access,
				    inherit ? HANDLE_FLAG_INHERIT : 0, &h);
	return (struct sysret){ err, err ? 0 : h };
}
