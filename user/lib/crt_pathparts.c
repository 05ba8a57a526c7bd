/* _splitpath, _makepath, their _s forms and the wide forms of the four
 * (<stdlib.h>): one engine over strings of either width, w 1 (char) or
 * 2 (wchar_t). The _s forms check as Microsoft documents: a NULL buffer
 * with a nonzero size or a size 0 with a buffer is EINVAL, a buffer too
 * small ERANGE (buffers emptied), both through the invalid-parameter
 * handler. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include "crt_thread.h"

enum { DRIVE, DIR, FNAME, EXT, PARTS };

static unsigned char_at(const void *s, int w, size_t i)
{
	return w == 1 ? ((const unsigned char *)s)[i] : ((const wchar_t *)s)[i];
}

static void put_char(void *s, int w, size_t i, unsigned c)
{
	if (w == 1)
		((char *)s)[i] = (char)c;
	else
		((wchar_t *)s)[i] = (wchar_t)c;
}

static size_t length_of(const void *s, int w)
{
	size_t n = 0;

	while (char_at(s, w, n))
		n++;
	return n;
}

/* ERANGE through the invalid-parameter handler. */
static errno_t too_small(void)
{
	crt_invalid_parameter();
	return errno = ERANGE;
}

/* Splits path into part[i] of size[i] characters with the NUL (a NULL part
 * is skipped). cut: a part too long is cut to fit (_splitpath); else none
 * is filled, each emptied, ERANGE. 0, EINVAL or ERANGE. */
static errno_t split(const void *path, int w, void *part[PARTS], const size_t size[PARTS],
		     BOOL cut)
{
	size_t start[PARTS], n[PARTS], end, name, dot, i;

	for (i = 0; i < PARTS; i++)
		if (!path || !part[i] != !size[i])
			return crt_invalid_parameter();
	end = length_of(path, w);
	start[DRIVE] = 0;
	n[DRIVE] = end >= 2 && char_at(path, w, 1) == ':' ? 2 : 0;
	start[DIR] = name = n[DRIVE];
	for (i = name; i < end; i++)
		if (char_at(path, w, i) == '\\' || char_at(path, w, i) == '/')
			name = i + 1;
	dot = end;
	for (i = name; i < end; i++)
		if (char_at(path, w, i) == '.')
			dot = i;
	n[DIR] = name - start[DIR];
	start[FNAME] = name;
	n[FNAME] = dot - name;
	start[EXT] = dot;
	n[EXT] = end - dot;
	for (i = 0; i < PARTS && !cut; i++)
		if (part[i] && n[i] >= size[i]) {
			for (i = 0; i < PARTS; i++)
				if (part[i])
					put_char(part[i], w, 0, 0);
			return too_small();
		}
	for (i = 0; i < PARTS; i++) {
		if (!part[i])
			continue;
		if (n[i] > size[i] - 1)
			n[i] = size[i] - 1;
		memcpy(part[i], (const char *)path + start[i] * (size_t)w, n[i] * (size_t)w);
		put_char(part[i], w, n[i], 0);
	}
	return 0;
}

/* Appends n characters of from to out (size characters) at *at; FALSE when
 * they and a NUL would not fit. */
static BOOL append(void *out, int w, size_t size, size_t *at, const void *from, size_t n)
{
	if (*at + n >= size)
		return FALSE;
	memcpy((char *)out + *at * (size_t)w, from, n * (size_t)w);
	*at += n;
	return TRUE;
}

/* Joins the parts into out of size characters: the drive's letter and ':',
 * the directory with a '\' unless it ends in one (or '/'), the name, a '.'
 * unless the extension starts with one, the extension. 0, or EINVAL or
 * ERANGE (out emptied) through the handler. */
static errno_t join(void *out, int w, size_t size, const void *part[PARTS])
{
	static const char colon = ':', backslash = '\\', dot = '.';
	static const wchar_t wcolon = L':', wbackslash = L'\\', wdot = L'.';
	const void *sep[3] = { w == 1 ? (const void *)&colon : &wcolon,
			       w == 1 ? (const void *)&backslash : &wbackslash,
			       w == 1 ? (const void *)&dot : &wdot };
	size_t at = 0, n;
	BOOL ok = TRUE;
	unsigned last;

	if (!out || !size)
		return crt_invalid_parameter();
	if (part[DRIVE] && char_at(part[DRIVE], w, 0))
		ok = append(out, w, size, &at, part[DRIVE], 1) && append(out, w, size, &at, sep[0], 1);
	if (ok && part[DIR] && (n = length_of(part[DIR], w))) {
		last = char_at(part[DIR], w, n - 1);
		ok = append(out, w, size, &at, part[DIR], n) &&
		     (last == '\\' || last == '/' || append(out, w, size, &at, sep[1], 1));
	}
	if (ok && part[FNAME])
		ok = append(out, w, size, &at, part[FNAME], length_of(part[FNAME], w));
	if (ok && part[EXT] && (n = length_of(part[EXT], w)))
		ok = (char_at(part[EXT], w, 0) == '.' || append(out, w, size, &at, sep[2], 1)) &&
		     append(out, w, size, &at, part[EXT], n);
	put_char(out, w, ok ? at : 0, 0);
	return ok ? 0 : too_small();
}

/* The _MAX_* size of each part the plain forms fill, 0 for one skipped. */
#define PLAIN_SIZES(drive, dir, fname, ext)                                              \
	(const size_t[PARTS]) { (drive) ? _MAX_DRIVE : 0, (dir) ? _MAX_DIR : 0,           \
				(fname) ? _MAX_FNAME : 0, (ext) ? _MAX_EXT : 0 }

void _splitpath(const char *path, char *drive, char *dir, char *fname, char *ext)
{
	split(path, 1, (void *[]){ drive, dir, fname, ext }, PLAIN_SIZES(drive, dir, fname, ext),
	      TRUE);
}

void _wsplitpath(const wchar_t *path, wchar_t *drive, wchar_t *dir, wchar_t *fname,
		 wchar_t *ext)
{
	split(path, 2, (void *[]){ drive, dir, fname, ext }, PLAIN_SIZES(drive, dir, fname, ext),
	      TRUE);
}

errno_t _splitpath_s(const char *path, char *drive, size_t drive_size, char *dir,
		     size_t dir_size, char *fname, size_t fname_size, char *ext, size_t ext_size)
{
	return split(path, 1, (void *[]){ drive, dir, fname, ext },
		     (const size_t[]){ drive_size, dir_size, fname_size, ext_size }, FALSE);
}

errno_t _wsplitpath_s(const wchar_t *path, wchar_t *drive, size_t drive_size, wchar_t *dir,
		      size_t dir_size, wchar_t *fname, size_t fname_size, wchar_t *ext,
		      size_t ext_size)
{
	return split(path, 2, (void *[]){ drive, dir, fname, ext },
		     (const size_t[]){ drive_size, dir_size, fname_size, ext_size }, FALSE);
}

/* The plain forms trust the caller's buffer. */
void _makepath(char *path, const char *drive, const char *dir, const char *fname,
	       const char *ext)
{
	join(path, 1, (size_t)-1, (const void *[]){ drive, dir, fname, ext });
}

void _wmakepath(wchar_t *path, const wchar_t *drive, const wchar_t *dir, const wchar_t *fname,
		const wchar_t *ext)
{
	join(path, 2, (size_t)-1 / 2, (const void *[]){ drive, dir, fname, ext });
}

errno_t _makepath_s(char *path, size_t size, const char *drive, const char *dir,
		    const char *fname, const char *ext)
{
	return join(path, 1, size, (const void *[]){ drive, dir, fname, ext });
}

errno_t _wmakepath_s(wchar_t *path, size_t size, const wchar_t *drive, const wchar_t *dir,
		     const wchar_t *fname, const wchar_t *ext)
{
	return join(path, 2, size, (const void *[]){ drive, dir, fname, ext });
}
