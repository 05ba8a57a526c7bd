/* The SDK's functions by name, for GetProcAddress on the system modules
 * (user/lib/module.c): a table tools/gen-exports.py writes from the SDK's
 * objects at build time. */
#ifndef USER_LIB_EXPORTS_H
#define USER_LIB_EXPORTS_H

enum sdk_export_kind {
	SDK_EXPORT_WIN32,       /* kernel32's, ntdll's and their kin's */
	SDK_EXPORT_CRT,         /* the C runtime's (msvcrt, ucrtbase) */
};

struct sdk_export {
	const char *name;
	void *fn;
	enum sdk_export_kind kind;
};

/* Sorted by name (strcmp). */
extern const struct sdk_export sdk_exports[];
extern const unsigned sdk_export_count;

#endif
