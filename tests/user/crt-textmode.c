/* Microsoft's text mode, the same for descriptors and streams: _write and
 * fputs put '\n' as CR LF (the count returned is the caller's bytes), _read
 * and fgets give CR LF as '\n' (a CR ending a read settled by the byte
 * after it, a lone CR kept), CTRL+Z ends the text (reads give 0 until a
 * seek), offsets stay file offsets, _setmode and "b" turn it off, _fmode
 * sets the default; the console is not translated; freopen moves stdout
 * (printf too) to a file; fflush(NULL) flushes every stream. */
#include <windows.h>
#include <errno.h>
#include <fcntl.h>
#include <io.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define TEST_NAME "crt-textmode"
#include "check.h"
#include "ob-common.h"

#define F "C:\\text.txt"

/* The file's bytes, n of them at most; how many. */
static int raw(const char *name, char *buf, int n)
{
	int fd = _open(name, _O_RDONLY | _O_BINARY), got;

	got = _read(fd, buf, (unsigned)n);
	_close(fd);
	return got;
}

static long size_of(const char *name)
{
	struct _stat st;

	return _stat(name, &st) == 0 ? (long)st.st_size : -1;
}

static void descriptors(void)
{
	char buf[64];
	int fd = _open(F, _O_CREAT | _O_TRUNC | _O_RDWR, _S_IREAD | _S_IWRITE), n;

	CHECK(_write(fd, "a\nb\n", 4) == 4, "the caller's count");
	CHECK(_tell(fd) == 6 && _filelength(fd) == 6, "the file got CRs: %ld", _tell(fd));
	CHECK(_write(fd, "x\ry\r\nz\x1a" "tail", 11) == 11, "CR, CR LF and CTRL+Z go as they are");
	n = raw(F, buf, sizeof(buf));
	CHECK(n == 18 && memcmp(buf, "a\r\nb\r\nx\ry\r\r\nz\x1a" "tail", 18) == 0, "bytes: %d", n);
	_lseek(fd, 0, SEEK_SET);
	n = _read(fd, buf, sizeof(buf));
	CHECK(n == 10 && memcmp(buf, "a\nb\nx\ry\r\nz", 10) == 0,
	      "CR CR LF is CR '\\n', CTRL+Z ends the text: %d", n);
	CHECK(_read(fd, buf, sizeof(buf)) == 0 && _read(fd, buf, sizeof(buf)) == 0,
	      "0 after CTRL+Z");
	CHECK(_lseek(fd, 14, SEEK_SET) == 14 && _read(fd, buf, 4) == 4 &&
	      memcmp(buf, "tail", 4) == 0, "a seek clears it");

	/* a CR ending a read looks at the next byte */
	_lseek(fd, 0, SEEK_SET);
	CHECK(_read(fd, buf, 2) == 2 && memcmp(buf, "a\n", 2) == 0 && _tell(fd) == 3,
	      "CR LF across the end of a read: offset %ld", _tell(fd));
	_lseek(fd, 6, SEEK_SET);
	CHECK(_read(fd, buf, 2) == 2 && memcmp(buf, "x\r", 2) == 0 && _tell(fd) == 8,
	      "a lone CR is kept and the next byte put back: %ld", _tell(fd));
	CHECK(_read(fd, buf, 1) == 1 && buf[0] == 'y', "%c", buf[0]);

	CHECK(_setmode(fd, _O_BINARY) == _O_TEXT, "_setmode");
	_lseek(fd, 0, SEEK_SET);
	CHECK(_read(fd, buf, 3) == 3 && memcmp(buf, "a\r\n", 3) == 0, "binary reads every byte");
	_lseek(fd, 0, SEEK_END);
	CHECK(_write(fd, "\n", 1) == 1 && _filelength(fd) == 19, "binary writes '\\n' alone");
	_close(fd);
	CHECK(_write(1, "crt-textmode: the console is not translated\n", 44) == 44,
	      "_write to stdout");
}

static void streams(void)
{
	char line[32];
	FILE *f = fopen(F, "w");
	int fmode;

	for (int i = 0; i < 5000; i++)
		fputc('\n', f);
	CHECK(ftell(f) == 10000, "ftell counts file bytes: %ld", ftell(f));
	fclose(f);
	CHECK(size_of(F) == 10000, "5000 lines across the buffer: %ld", size_of(F));
	f = fopen(F, "r");
	CHECK(fread(line, 1, 1, f) == 1 && line[0] == '\n' && ftell(f) == 2, "ftell: %ld",
	      ftell(f));
	CHECK(fseek(f, 9998, SEEK_SET) == 0 && fgetc(f) == '\n' && fgetc(f) == EOF && feof(f),
	      "fseek to a file offset");
	fclose(f);

	f = fopen(F, "wb");
	fputs("one\r\ntwo\x1athree", f);
	fclose(f);
	CHECK(size_of(F) == 14, "\"wb\" writes as given: %ld", size_of(F));
	f = fopen(F, "rt");
	CHECK(fgets(line, sizeof(line), f) && strcmp(line, "one\n") == 0, "%s", line);
	CHECK(fgets(line, sizeof(line), f) && strcmp(line, "two") == 0 && feof(f), "%s", line);
	fclose(f);

	/* a descriptor's stream */
	f = _fdopen(_open(F, _O_RDONLY | _O_BINARY), "rb");
	CHECK(f && fgets(line, sizeof(line), f) && strcmp(line, "one\r\n") == 0, "_fdopen");
	fclose(f);

	CHECK(_get_fmode(&fmode) == 0 && fmode == _O_TEXT, "_fmode is _O_TEXT: %x", fmode);
	CHECK(_set_fmode(_O_BINARY) == 0, "_set_fmode");
	f = fopen(F, "w");
	fputs("a\n", f);
	fclose(f);
	CHECK(size_of(F) == 2, "binary by default now: %ld", size_of(F));
	_set_fmode(_O_TEXT);
}

/* Writes bytes (n of them) to F as they are. */
static void put_raw(const char *bytes, int n)
{
	int fd = _open(F, _O_CREAT | _O_TRUNC | _O_WRONLY | _O_BINARY, _S_IREAD | _S_IWRITE);

	_write(fd, bytes, (unsigned)n);
	_close(fd);
}

/* A text-mode open to read and write (_O_RDWR, "r+", "a+") drops one
 * CTRL+Z ending the file; read-only, write-only ("a") and binary opens
 * keep it. */
static void ctrl_z_at_the_end(void)
{
	char buf[16];
	FILE *f;
	int fd;

	put_raw("ab\x1a\x1a", 4);
	fd = _open(F, _O_RDWR | _O_TEXT);
	CHECK(_filelength(fd) == 3 && _tell(fd) == 0, "_O_RDWR text: one CTRL+Z gone: %ld",
	      _filelength(fd));
	_close(fd);
	fd = _open(F, _O_RDWR | _O_BINARY);
	CHECK(_filelength(fd) == 3, "binary keeps it: %ld", _filelength(fd));
	_close(fd);
	fd = _open(F, _O_RDONLY | _O_TEXT);
	CHECK(_filelength(fd) == 3, "read-only keeps it: %ld", _filelength(fd));
	_close(fd);
	f = fopen(F, "a");
	fclose(f);
	CHECK(size_of(F) == 3, "\"a\" keeps it: %ld", size_of(F));
	f = fopen(F, "r+");
	CHECK(size_of(F) == 2 && ftell(f) == 0, "\"r+\" drops it: %ld", size_of(F));
	fclose(f);

	put_raw("x\x1a", 2);
	f = fopen(F, "a+");
	fputs("y", f);
	fclose(f);
	CHECK(raw(F, buf, sizeof(buf)) == 2 && memcmp(buf, "xy", 2) == 0,
	      "\"a+\" appends where the CTRL+Z was");
	put_raw("", 0);
	f = fopen(F, "r+");
	CHECK(f && size_of(F) == 0, "an empty file stays empty");
	fclose(f);
}

static void reopen_and_flush(void)
{
	FILE *a, *b;

	a = fopen("C:\\flush-a.txt", "w");
	b = fopen("C:\\flush-b.txt", "wb");
	fputs("pending\n", a);
	fputs("pending\n", b);
	CHECK(size_of("C:\\flush-a.txt") == 0, "buffered");
	CHECK(fflush(NULL) == 0, "fflush(NULL)");
	CHECK(size_of("C:\\flush-a.txt") == 9 && size_of("C:\\flush-b.txt") == 8,
	      "every stream flushed: %ld %ld", size_of("C:\\flush-a.txt"),
	      size_of("C:\\flush-b.txt"));
	CHECK(_flushall() == 5, "_flushall counts the open streams: %d", _flushall());
	CHECK(_fcloseall() == 2, "_fcloseall closes both");
	remove("C:\\flush-a.txt");
	remove("C:\\flush-b.txt");

	CHECK(_fileno(stdin) == 0 && _fileno(stdout) == 1 && _fileno(stderr) == 2, "_fileno");
	CHECK(freopen("C:\\no\\such\\dir\\x", "r", stdin) == NULL && errno == ENOENT,
	      "a failed freopen: %d", errno);
}

/* The child's part: stdout, printf and descriptor 1 moved to F. */
static int reopened_stdout(void)
{
	if (freopen(F, "w", stdout) != stdout || _fileno(stdout) != 1)
		return 1;
	printf("to the file %d\n", 7);
	fputs("and more\n", stdout);
	fflush(stdout);
	_write(1, "fd 1\n", 5);
	return fclose(stdout) != 0;
}

static void reopen_in_child(const char *self)
{
	PROCESS_INFORMATION pi;
	DWORD code = 1;
	char buf[64];
	int n;

	if (!ob_start(self, "reopen", FALSE, &pi))
		return;
	WaitForSingleObject(pi.hProcess, INFINITE);
	GetExitCodeProcess(pi.hProcess, &code);
	CloseHandle(pi.hProcess);
	n = raw(F, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = '\0';
	CHECK(code == 0 && n == 31 && strcmp(buf, "to the file 7\r\nand more\r\nfd 1\r\n") == 0,
	      "freopen moved stdout, printf and descriptor 1 to the file: %lu %d", code, n);
}

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "reopen") == 0)
		return reopened_stdout();
	descriptors();
	streams();
	ctrl_z_at_the_end();
	reopen_and_flush();
	reopen_in_child(argv[0]);
	_unlink(F);
	printf("crt-textmode: %d failures\n", failures);
	return failures != 0;
}
