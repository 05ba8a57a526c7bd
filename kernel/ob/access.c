/* Access masks; see kernel/ob/access.h. */
#include "kernel/ob/access.h"
#include "kernel/rtl/winerror.h"


uint32_t ob_map_generic(uint32_t desired, const struct ob_generic_mapping *m)
{
	uint32_t mapped = desired & ~(GENERIC_READ | GENERIC_WRITE | GENERIC_EXECUTE | GENERIC_ALL);

	if (desired & GENERIC_READ)
		mapped |= m->read;
	if (desired & GENERIC_WRITE)
		mapped |= m->write;
	if (desired & GENERIC_EXECUTE)
		mapped |= m->execute;
	if (desired & GENERIC_ALL)
		mapped |= m->all;
	return mapped;
}

uint32_t ob_grant_access(uint32_t desired, const struct ob_generic_mapping *m, uint32_t valid,
			 uint32_t *granted)
{
	uint32_t mask = ob_map_generic(desired, m);

	if (mask & ACCESS_SYSTEM_SECURITY)
		return ERROR_PRIVILEGE_NOT_HELD;
	if (mask & MAXIMUM_ALLOWED)
		mask = (mask & ~MAXIMUM_ALLOWED) | valid;
	if (mask & ~valid)
		return ERROR_ACCESS_DENIED;
	*granted = mask;
	return 0;
}
