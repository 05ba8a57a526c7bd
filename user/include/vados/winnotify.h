/* Directory change notifications (<windows.h> includes this):
 * FindFirstChangeNotificationA/W, FindNextChangeNotification,
 * FindCloseChangeNotification, ReadDirectoryChangesW and
 * ReadDirectoryChangesExW (ReadDirectoryNotifyInformation), as Microsoft
 * documents them. Implemented in user/lib/notify_api.c over
 * SYS_NOTIFY_CHANGE (kernel/sys/sys_notify.c, kernel/io/notify.c). */
#ifndef VADOS_WINNOTIFY_H
#define VADOS_WINNOTIFY_H

#define FILE_NOTIFY_CHANGE_FILE_NAME   0x00000001
#define FILE_NOTIFY_CHANGE_DIR_NAME    0x00000002
#define FILE_NOTIFY_CHANGE_ATTRIBUTES  0x00000004
#define FILE_NOTIFY_CHANGE_SIZE        0x00000008
#define FILE_NOTIFY_CHANGE_LAST_WRITE  0x00000010
#define FILE_NOTIFY_CHANGE_LAST_ACCESS 0x00000020
#define FILE_NOTIFY_CHANGE_CREATION    0x00000040
#define FILE_NOTIFY_CHANGE_SECURITY    0x00000100

#define FILE_ACTION_ADDED            0x00000001
#define FILE_ACTION_REMOVED          0x00000002
#define FILE_ACTION_MODIFIED         0x00000003
#define FILE_ACTION_RENAMED_OLD_NAME 0x00000004
#define FILE_ACTION_RENAMED_NEW_NAME 0x00000005

#define ERROR_NOTIFY_CLEANUP  745L
#define ERROR_NOTIFY_ENUM_DIR 1022L

typedef struct _FILE_NOTIFY_INFORMATION {
	DWORD NextEntryOffset;
	DWORD Action;
	DWORD FileNameLength;           /* bytes, no terminator */
	WCHAR FileName[1];
} FILE_NOTIFY_INFORMATION, *PFILE_NOTIFY_INFORMATION;

typedef enum _READ_DIRECTORY_NOTIFY_INFORMATION_CLASS {
	ReadDirectoryNotifyInformation = 1,
	ReadDirectoryNotifyExtendedInformation,
	ReadDirectoryNotifyFullInformation,
	ReadDirectoryNotifyMaximumInformation
} READ_DIRECTORY_NOTIFY_INFORMATION_CLASS, *PREAD_DIRECTORY_NOTIFY_INFORMATION_CLASS;

WINAPI HANDLE FindFirstChangeNotificationA(LPCSTR lpPathName, BOOL bWatchSubtree,
					   DWORD dwNotifyFilter);
WINAPI HANDLE FindFirstChangeNotificationW(LPCWSTR lpPathName, BOOL bWatchSubtree,
					   DWORD dwNotifyFilter);
WINAPI BOOL FindNextChangeNotification(HANDLE hChangeHandle);
WINAPI BOOL FindCloseChangeNotification(HANDLE hChangeHandle);
WINAPI BOOL ReadDirectoryChangesW(HANDLE hDirectory, LPVOID lpBuffer, DWORD nBufferLength,
				  BOOL bWatchSubtree, DWORD dwNotifyFilter,
				  LPDWORD lpBytesReturned, LPOVERLAPPED lpOverlapped,
				  LPOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine);
WINAPI BOOL ReadDirectoryChangesExW(HANDLE hDirectory, LPVOID lpBuffer, DWORD nBufferLength,
				    BOOL bWatchSubtree, DWORD dwNotifyFilter,
				    LPDWORD lpBytesReturned, LPOVERLAPPED lpOverlapped,
				    LPOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine,
				    READ_DIRECTORY_NOTIFY_INFORMATION_CLASS
				    ReadDirectoryNotifyInformationClass);

#ifdef UNICODE
#define FindFirstChangeNotification FindFirstChangeNotificationW
#else
#define FindFirstChangeNotification FindFirstChangeNotificationA
#endif

#endif
