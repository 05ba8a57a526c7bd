/* Where a new process's program comes from, as Windows' CreateProcess finds
 * it (kernel/ps/process.h, ps_find_program): a boot module named by the
 * command line's first word, or a file on a volume, held open until its
 * image section (kernel/ps/image.c) takes it. The one place of the search
 * order. */
#include "kernel/ps/process.h"
#include "kernel/io/file.h"
#include "kernel/rtl/format.h"
#include "kernel/rtl/string.h"
#include "kernel/rtl/winerror.h"
#include "arch/arch.h"
#include "mm/pool.h"

#define IMAGE_MAX (16u << 20)           /* a larger program file is refused */
#define SYSTEM_DIRECTORY "C:\\BIN"      /* plays Windows' system directory */

static const struct boot_info *programs;
/* Each boot module's image section while a process runs it (mm/image.h). */
static struct mm_control_area *module_images[BOOT_MODULES_MAX];

void process_set_programs(const struct boot_info *bi)
{
	programs = bi;
}

/* What a search needs, kmalloc'd (two paths are too much for a kernel stack). */
struct search {
	char cwd[RTL_MAX_PATH];         /* the creator's current directory */
	char home[RTL_MAX_PATH];        /* the creator's program directory, "" if none */
	const char *path;               /* the PATH value to search last, or NULL */
	char name[RTL_MAX_PATH];        /* the candidate being looked for */
	char file[RTL_PATH_WORK];       /* dir\name[.exe] */
	char full[RTL_PATH_WORK];       /* file as a full path */
};

/* The length of s's first run of characters not in set. */
static size_t span_to(const char *s, const char *set)
{
	size_t n = 0;

	while (s[n] && !strchr(set, s[n]))
		n++;
	return n;
}

/* The boot module named name as a program file; false if there is none. */
static bool find_module(const char *name, struct ps_image_file *out)
{
	for (uint32_t i = 0; programs && i < programs->module_count; i++) {
		const struct boot_module *m = &programs->modules[i];
		uint32_t size = m->end - m->start;
		if (strcmp(m->name, name) == 0) {
			*out = ps_image_module(arch_phys_to_virt(m->start, size), size,
					       &module_images[i]);
			return true;
		}
	}
	return false;
}

/* Opens the file at full path as a program file: for reading and
 * executing, sharing reading and deleting (a running program's file can be
 * read and renamed, not written: Windows' rules); a Win32 error or 0. */
static uint32_t read_image(const char *full, struct ps_program *out)
{
	struct io_open o = { FILE_GENERIC_READ | FILE_EXECUTE, FILE_SHARE_READ | FILE_SHARE_DELETE,
			     OPEN_EXISTING, 0, false };
	struct io_file *f;
	struct fat_info *info = kmalloc(sizeof(*info));
	uint32_t err, size;
	bool existed;

	if (!info || (err = file_open(full, &o, &f, &existed)) != ERROR_SUCCESS) {
		kfree(info);
		return info ? err : ERROR_NOT_ENOUGH_MEMORY;
	}
	file_query(f, info);
	size = info->size;
	kfree(info);
	if (file_is_directory(f) || size == 0 || size > IMAGE_MAX) {
		ob_dereference(f);
		return ERROR_BAD_EXE_FORMAT;
	}
	out->image = ps_image_disk(f, size);
	strlcpy(out->path, full, sizeof(out->path));
	return 0;
}

uint32_t ps_image_of_file(struct io_file *f, struct mm_control_area **out)
{
	struct ps_program *prog = kmalloc(sizeof(*prog));
	char *full = kmalloc(RTL_MAX_PATH);
	const char *why = "";
	uint32_t err = prog && full ? file_image_path(f, full, RTL_MAX_PATH) :
				      ERROR_NOT_ENOUGH_MEMORY;

	if (!err)
		err = ps_image_check_file(f);
	if (!err)
		err = read_image(full, prog);
	if (!err)
		err = ps_image_section(&prog->image, prog->path, out, &why);
	kfree(prog);
	kfree(full);
	return err;
}

/* Tries dir\name (dir NULL or "": name alone against the current directory),
 * with ".exe" added when exe is set and name's last component has no dot. */
static uint32_t try_one(struct search *s, const char *dir, const char *name, bool exe,
			struct ps_program *out)
{
	const char *last = strrchr(name, '\\');
	size_t n;

	last = last ? last + 1 : name;
	n = ksnprintf(s->file, sizeof(s->file), "%s%s%s%s", dir ? dir : "",
		      dir && *dir && dir[strlen(dir) - 1] != '\\' ? "\\" : "", name,
		      exe && !strchr(last, '.') ? ".exe" : "");
	if (n >= RTL_MAX_PATH || rtl_full_path(s->cwd, s->file, s->full) - 1 >= RTL_MAX_PATH - 1)
		return ERROR_FILE_NOT_FOUND;
	return read_image(s->full, out);
}

/* A miss that lets the search go on to the next place. */
static bool missing(uint32_t err)
{
	return err == ERROR_FILE_NOT_FOUND || err == ERROR_PATH_NOT_FOUND ||
	       err == ERROR_INVALID_NAME || err == ERROR_FILENAME_EXCED_RANGE ||
	       err == ERROR_DIRECTORY;
}

/* The directories of s->path (';'-separated, empty entries skipped) in turn. */
static uint32_t try_path(struct search *s, const char *name, struct ps_program *out)
{
	char dir[RTL_MAX_PATH];
	const char *p = s->path;
	uint32_t err = ERROR_FILE_NOT_FOUND;

	while (p && *p && missing(err)) {
		size_t n = span_to(p, ";");

		if (n > 0 && n < sizeof(dir)) {
			memcpy(dir, p, n);
			dir[n] = '\0';
			err = try_one(s, dir, name, true, out);
		}
		p += n + (p[n] == ';');
	}
	return err;
}

/* s->name as CreateProcess's command line names it: a name with a path is
 * tried alone; a bare one in the creator's program directory, its current
 * directory, C:\BIN, then PATH. */
static uint32_t search_name(struct search *s, struct ps_program *out)
{
	const char *name = s->name;
	uint32_t err;

	if (name[span_to(name, "\\/:")])
		return try_one(s, NULL, name, true, out);
	err = s->home[0] ? try_one(s, s->home, name, true, out) : ERROR_FILE_NOT_FOUND;
	if (missing(err))
		err = try_one(s, NULL, name, true, out);
	if (missing(err))
		err = try_one(s, SYSTEM_DIRECTORY, name, true, out);
	if (missing(err))
		err = try_path(s, name, out);
	return missing(err) ? ERROR_FILE_NOT_FOUND : err;
}

/* The program of the command line at line (no leading blank): a quoted first token is the name; an
 * unquoted line is tried word by word as Windows does ("c:\program
 * files\sub dir\x" tries c:\program, then c:\program files\sub, ...). */
static uint32_t search_cmdline(struct search *s, const char *line, struct ps_program *out)
{
	uint32_t err = ERROR_FILE_NOT_FOUND;
	size_t n;

	if (*line == '"') {
		n = span_to(line + 1, "\"");
		if (n == 0 || n >= sizeof(s->name))
			return ERROR_FILE_NOT_FOUND;
		memcpy(s->name, line + 1, n);
		s->name[n] = '\0';
		return search_name(s, out);
	}
	for (n = span_to(line, " \t"); n > 0 && n < sizeof(s->name) && missing(err);) {
		memcpy(s->name, line, n);
		s->name[n] = '\0';
		err = search_name(s, out);
		if (!line[n])
			break;
		n += 1 + span_to(line + n + 1, " \t");
	}
	return missing(err) ? ERROR_FILE_NOT_FOUND : err;
}

/* The directory part of a program's full path ("C:\BIN\x.exe" -> "C:\BIN"). */
static void directory_of(const char *full, char out[RTL_MAX_PATH])
{
	const char *slash = strrchr(full, '\\');
	size_t n = slash ? (size_t)(slash - full) : 0;

	if (n == 2)             /* "C:\x.exe": the root keeps its separator */
		n = 3;
	memcpy(out, full, n);
	out[n] = '\0';
}

/* The boot module pp names (lpApplicationName, or the command line's first
 * word at line): true with out filled when there is one. */
static bool find_module_of(const struct process_params *pp, const char *line,
			   struct ps_program *out)
{
	char module[PROCESS_NAME_MAX];
	size_t n = pp->image ? (size_t)strlen(pp->image) : span_to(line, " \t");
	if (n >= sizeof(module))
		return false;
	memcpy(module, pp->image ? pp->image : line, n);
	module[n] = '\0';
	out->path[0] = '\0';
	return find_module(module, &out->image);
}

uint32_t ps_find_program(const struct process_params *pp, struct ps_program *out)
{
	const char *line = pp->cmdline;
	struct search *s;
	uint32_t err;

	while (*line == ' ' || *line == '\t')
		line++;
	if (find_module_of(pp, line, out))
		return 0;
	if (!(s = kmalloc(sizeof(*s))))
		return ERROR_NOT_ENOUGH_MEMORY;
	strlcpy(s->cwd, "C:\\", sizeof(s->cwd));
	s->home[0] = '\0';
	s->path = pp->search_path;
	if (pp->creator) {
		ps_get_cwd(pp->creator, s->cwd);
		directory_of(pp->creator->image_path, s->home);
	}
	/* lpApplicationName: a full or partial path, no search, no ".exe". */
	err = pp->image ? try_one(s, NULL, pp->image, false, out) : search_cmdline(s, line, out);
	kfree(s);
	return err;
}
