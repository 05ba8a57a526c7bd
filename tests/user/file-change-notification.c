/* FindFirstChangeNotification, FindNextChangeNotification and
 * FindCloseChangeNotification as Microsoft documents them: the handle is
 * signaled when a change its filter names happens in the directory (or,
 * with bWatchSubtree, below it), made by another thread or another
 * process, never by a change of the directory itself; each filter bit
 * answers its own kind of change and no other; FindNextChangeNotification
 * re-arms it, and a change made between the signal and the re-arm is not
 * lost; bad paths, files and filters get their documented errors. */
#include <stdio.h>
#include <string.h>
#include <windows.h>

#define TEST_NAME "file-change-notification"
#include "check.h"
#include "file-common.h"

#define D "C:\\watch"
#define SUB D "\\sub"
#define ALL (FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE)

static BOOL signaled(HANDLE h, DWORD ms)
{
	return WaitForSingleObject(h, ms) == WAIT_OBJECT_0;
}

static void touch(const char *path)
{
	HANDLE f = CreateFileA(path, GENERIC_WRITE, ALL, NULL, CREATE_ALWAYS, 0, NULL);

	CHECK(f != INVALID_HANDLE_VALUE, "create %s: %lu", path, GetLastError());
	CloseHandle(f);
}

static void errors(void)
{
	HANDLE h, ev = CreateEventA(NULL, TRUE, FALSE, NULL);

	FAILS(FindFirstChangeNotificationA(D, FALSE, 0), INVALID_HANDLE_VALUE,
	      ERROR_INVALID_PARAMETER);
	FAILS(FindFirstChangeNotificationA(D, FALSE, 0x80), INVALID_HANDLE_VALUE,
	      ERROR_INVALID_PARAMETER);
	FAILS(FindFirstChangeNotificationA(D, FALSE, 0x200 | FILE_NOTIFY_CHANGE_SIZE),
	      INVALID_HANDLE_VALUE, ERROR_INVALID_PARAMETER);
	FAILS(FindFirstChangeNotificationA("C:\\nosuch", FALSE, FILE_NOTIFY_CHANGE_FILE_NAME),
	      INVALID_HANDLE_VALUE, ERROR_FILE_NOT_FOUND);
	FAILS(FindFirstChangeNotificationA("C:\\nosuch\\deeper", FALSE,
					   FILE_NOTIFY_CHANGE_FILE_NAME),
	      INVALID_HANDLE_VALUE, ERROR_PATH_NOT_FOUND);
	touch("C:\\plain.txt");
	FAILS(FindFirstChangeNotificationA("C:\\plain.txt", FALSE, FILE_NOTIFY_CHANGE_FILE_NAME),
	      INVALID_HANDLE_VALUE, ERROR_DIRECTORY);
	FAILS(FindFirstChangeNotificationW(L"C:\\nosuch", TRUE, FILE_NOTIFY_CHANGE_FILE_NAME),
	      INVALID_HANDLE_VALUE, ERROR_FILE_NOT_FOUND);
	FAILS(FindNextChangeNotification(ev), FALSE, ERROR_INVALID_HANDLE);
	FAILS(FindNextChangeNotification(NULL), FALSE, ERROR_INVALID_HANDLE);
	h = FindFirstChangeNotificationA(D, FALSE, FILE_NOTIFY_CHANGE_SECURITY);
	CHECK(h != INVALID_HANDLE_VALUE, "SECURITY alone is a filter: %lu", GetLastError());
	touch(D "\\sec.txt");
	CHECK(!signaled(h, 100), "a new file is no security change");
	CHECK(FindCloseChangeNotification(h), "close: %lu", GetLastError());
	FAILS(FindCloseChangeNotification(h), FALSE, ERROR_INVALID_HANDLE);
	DeleteFileA(D "\\sec.txt");
	DeleteFileA("C:\\plain.txt");
	CloseHandle(ev);
}

/* A second thread's change, made after a delay while we wait. */
static DWORD WINAPI later_create(LPVOID path)
{
	Sleep(150);
	touch(path);
	return 0;
}

static void threads_and_rearm(void)
{
	HANDLE h = FindFirstChangeNotificationA(D, FALSE, FILE_NOTIFY_CHANGE_FILE_NAME), t;

	CHECK(h != INVALID_HANDLE_VALUE, "watch " D ": %lu", GetLastError());
	CHECK(!signaled(h, 0), "nothing changed yet");
	t = CreateThread(NULL, 0, later_create, (LPVOID)D "\\t1.txt", 0, NULL);
	CHECK(signaled(h, 5000), "a second thread's new file signals the handle");
	WaitForSingleObject(t, INFINITE);
	CloseHandle(t);
	CHECK(signaled(h, 0), "it stays signaled until re-armed");
	CHECK(FindNextChangeNotification(h), "re-arm: %lu", GetLastError());
	CHECK(!signaled(h, 100), "re-armed, nothing new");
	CHECK(DeleteFileA(D "\\t1.txt"), "delete");
	CHECK(signaled(h, 1000), "deleting is a file-name change");
	CHECK(MoveFileA(D "\\t1x.txt", D "\\t2.txt") == FALSE, "no such file");
	touch(D "\\t2.txt");            /* between the signal and the re-arm */
	CHECK(FindNextChangeNotification(h), "re-arm");
	CHECK(signaled(h, 0), "the change made before the re-arm is kept");
	CHECK(FindNextChangeNotification(h), "re-arm");
	CHECK(MoveFileA(D "\\t2.txt", D "\\t3.txt"), "rename: %lu", GetLastError());
	CHECK(signaled(h, 1000), "renaming is a file-name change");
	CHECK(FindNextChangeNotification(h), "re-arm");
	CHECK(CreateDirectoryA(D "\\d1", NULL), "mkdir");
	CHECK(SetFileAttributesA(D "\\t3.txt", FILE_ATTRIBUTE_HIDDEN), "attributes");
	CHECK(!signaled(h, 100), "a directory and an attribute are no file-name changes");
	CHECK(RemoveDirectoryA(D "\\d1") && DeleteFileA(D "\\t3.txt"), "clean up");
	CHECK(FindCloseChangeNotification(h), "close");
}

/* Sets up a watch with filter, runs change, and says whether it signaled. */
static BOOL answers(DWORD filter, BOOL subtree, void (*change)(void))
{
	HANDLE h = FindFirstChangeNotificationA(D, subtree, filter);
	BOOL s;

	if (h == INVALID_HANDLE_VALUE)
		return FALSE;
	change();
	s = signaled(h, 300);
	FindCloseChangeNotification(h);
	return s;
}

static HANDLE target;           /* D\f.txt, open for writing */

static void make_dir(void) { CreateDirectoryA(D "\\d2", NULL); }
static void remove_dir(void) { RemoveDirectoryA(D "\\d2"); }
static void make_file(void) { touch(D "\\f2.txt"); }
static void remove_file(void) { DeleteFileA(D "\\f2.txt"); }
static void hide(void) { SetFileAttributesA(D "\\f.txt", FILE_ATTRIBUTE_HIDDEN); }
static void unhide(void) { SetFileAttributesA(D "\\f.txt", FILE_ATTRIBUTE_NORMAL); }
static void grow(void)
{
	DWORD n;

	SetFilePointer(target, 0, NULL, FILE_END);
	WriteFile(target, "grow", 4, &n, NULL);
}
static void set_time(int which)
{
	FILETIME t = { 0x12345678, 0x01d00000 };

	SetFileTime(target, which == 0 ? &t : NULL, which == 1 ? &t : NULL, which == 2 ? &t : NULL);
}
static void created(void) { set_time(0); }
static void accessed(void) { set_time(1); }
static void written(void) { set_time(2); }
static void sub_file(void) { touch(SUB "\\deep.txt"); }
static void sub_remove(void) { DeleteFileA(SUB "\\deep.txt"); }
static void sub_self(void) { SetFileAttributesA(SUB, FILE_ATTRIBUTE_HIDDEN); }

static void filters(void)
{
	target = CreateFileA(D "\\f.txt", GENERIC_READ | GENERIC_WRITE, ALL, NULL, CREATE_ALWAYS,
			     0, NULL);
	CHECK(target != INVALID_HANDLE_VALUE, "f.txt: %lu", GetLastError());
	CHECK(answers(FILE_NOTIFY_CHANGE_DIR_NAME, FALSE, make_dir), "DIR_NAME: mkdir");
	CHECK(!answers(FILE_NOTIFY_CHANGE_FILE_NAME, FALSE, remove_dir), "FILE_NAME: not rmdir");
	CHECK(answers(FILE_NOTIFY_CHANGE_FILE_NAME, FALSE, make_file), "FILE_NAME: a new file");
	CHECK(!answers(FILE_NOTIFY_CHANGE_DIR_NAME, FALSE, remove_file), "DIR_NAME: not a file");
	CHECK(answers(FILE_NOTIFY_CHANGE_ATTRIBUTES, FALSE, hide), "ATTRIBUTES");
	CHECK(!answers(FILE_NOTIFY_CHANGE_SIZE | FILE_NOTIFY_CHANGE_FILE_NAME, FALSE, unhide),
	      "SIZE | FILE_NAME: not an attribute");
	CHECK(answers(FILE_NOTIFY_CHANGE_SIZE, FALSE, grow), "SIZE: a write that grows");
	CHECK(!answers(FILE_NOTIFY_CHANGE_ATTRIBUTES, FALSE, grow), "ATTRIBUTES: not a write");
	CHECK(answers(FILE_NOTIFY_CHANGE_LAST_WRITE, FALSE, grow), "LAST_WRITE: a write");
	CHECK(answers(FILE_NOTIFY_CHANGE_LAST_WRITE, FALSE, written), "LAST_WRITE: SetFileTime");
	CHECK(answers(FILE_NOTIFY_CHANGE_CREATION, FALSE, created), "CREATION: SetFileTime");
	CHECK(!answers(FILE_NOTIFY_CHANGE_CREATION, FALSE, accessed), "CREATION: not access");
	CHECK(answers(FILE_NOTIFY_CHANGE_LAST_ACCESS, FALSE, accessed), "LAST_ACCESS");
	CHECK(!answers(FILE_NOTIFY_CHANGE_LAST_ACCESS, FALSE, written), "LAST_ACCESS: not write");
	CloseHandle(target);
	CHECK(!answers(FILE_NOTIFY_CHANGE_FILE_NAME, FALSE, sub_file), "no subtree: not below");
	CHECK(answers(FILE_NOTIFY_CHANGE_FILE_NAME, TRUE, sub_remove), "subtree: below");
	CHECK(answers(FILE_NOTIFY_CHANGE_ATTRIBUTES, FALSE, sub_self),
	      "a subdirectory's attributes are a change in its parent");
	DeleteFileA(D "\\f.txt");
}

/* The directory itself is not reported on; a child process's changes are. */
static void itself_and_processes(const char *self)
{
	HANDLE h = FindFirstChangeNotificationA(SUB, TRUE, FILE_NOTIFY_CHANGE_ATTRIBUTES |
							    FILE_NOTIFY_CHANGE_DIR_NAME);
	HANDLE two[2];
	char line[300];

	CHECK(h != INVALID_HANDLE_VALUE, "watch " SUB ": %lu", GetLastError());
	SetFileAttributesA(SUB, FILE_ATTRIBUTE_NORMAL);
	CHECK(!signaled(h, 200), "a change of the watched directory itself is not reported");
	FindCloseChangeNotification(h);

	two[0] = FindFirstChangeNotificationW(L"C:\\watch", FALSE, FILE_NOTIFY_CHANGE_DIR_NAME);
	two[1] = FindFirstChangeNotificationA(D, TRUE, FILE_NOTIFY_CHANGE_FILE_NAME);
	CHECK(two[0] != INVALID_HANDLE_VALUE && two[1] != INVALID_HANDLE_VALUE, "two watches");
	snprintf(line, sizeof(line), "%s touch " SUB "\\child.txt", self);
	CHECK(file_run(NULL, line) == 0, "the child ran");
	CHECK(WaitForMultipleObjects(2, two, FALSE, 2000) == WAIT_OBJECT_0 + 1,
	      "the child's file signals the subtree watch only");
	CHECK(!signaled(two[0], 0), "not the directory-name watch");
	CHECK(DeleteFileA(SUB "\\child.txt"), "delete");
	FindCloseChangeNotification(two[0]);
	FindCloseChangeNotification(two[1]);
}

/* The root and a path with a trailing backslash are directories too. */
static void root_and_trailing(void)
{
	HANDLE root = FindFirstChangeNotificationA("C:\\", FALSE, FILE_NOTIFY_CHANGE_FILE_NAME);
	HANDLE trail = FindFirstChangeNotificationA(D "\\", FALSE, FILE_NOTIFY_CHANGE_FILE_NAME);

	CHECK(root != INVALID_HANDLE_VALUE && trail != INVALID_HANDLE_VALUE, "opens: %lu",
	      GetLastError());
	touch(D "\\t.txt");
	CHECK(signaled(trail, 1000), "a file in " D);
	CHECK(!signaled(root, 100), "not in the root");
	touch("C:\\rootfile.txt");
	CHECK(signaled(root, 1000), "a file in the root");
	CHECK(DeleteFileA("C:\\rootfile.txt") && DeleteFileA(D "\\t.txt"), "clean up");
	FindCloseChangeNotification(root);
	FindCloseChangeNotification(trail);
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "touch")) {
		touch(argv[2]);
		return failures;
	}
	CHECK(CreateDirectoryA(D, NULL) && CreateDirectoryA(SUB, NULL), "mkdir: %lu",
	      GetLastError());
	errors();
	threads_and_rearm();
	filters();
	itself_and_processes(argv[0]);
	root_and_trailing();
	CHECK(RemoveDirectoryA(SUB) && RemoveDirectoryA(D), "rmdir: %lu", GetLastError());
	printf(TEST_NAME ": %d failures\n", failures);
	return failures;
}
