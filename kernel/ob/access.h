/* Access masks (NT's ACCESS_MASK): the standard and generic rights, the
 * mapping of GENERIC_* onto a type's own rights, and the one rule that
 * decides what a handle grants. Pure logic, unit-tested on the host. */
#ifndef KERNEL_OB_ACCESS_H
#define KERNEL_OB_ACCESS_H

#include <stdint.h>

#define DELETE                   0x00010000u
#define READ_CONTROL             0x00020000u
#define WRITE_DAC                0x00040000u
#define WRITE_OWNER              0x00080000u
#define SYNCHRONIZE              0x00100000u
#define STANDARD_RIGHTS_REQUIRED 0x000f0000u
#define STANDARD_RIGHTS_ALL      0x001f0000u
#define ACCESS_SYSTEM_SECURITY   0x01000000u
#define MAXIMUM_ALLOWED          0x02000000u
#define GENERIC_ALL              0x10000000u
#define GENERIC_EXECUTE          0x20000000u
#define GENERIC_WRITE            0x40000000u
#define GENERIC_READ             0x80000000u

/* What each GENERIC_* right means for one type (NT's GENERIC_MAPPING). */
struct ob_generic_mapping {
	uint32_t read, write, execute, all;
};

/* desired with every GENERIC_* bit replaced by the type's rights. */
uint32_t ob_map_generic(uint32_t desired, const struct ob_generic_mapping *m);

/* The access a new handle gets when desired is asked of an object whose type
 * knows valid rights (MAXIMUM_ALLOWED: all of them). Every caller owns every
 * object it can name (there are no security descriptors yet), so anything
 * the type knows is granted; ACCESS_SYSTEM_SECURITY needs a privilege nobody
 * holds (ERROR_PRIVILEGE_NOT_HELD), and a right the type does not know is
 * refused (ERROR_ACCESS_DENIED). Returns 0 or the Win32 error. */
uint32_t ob_grant_access(uint32_t desired, const struct ob_generic_mapping *m, uint32_t valid,
			 uint32_t *granted);

#endif
