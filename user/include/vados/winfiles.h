/* <windows.h>'s files, directories, disks and time (Windows' fileapi.h,
 * winbase.h, minwinbase.h, sysinfoapi.h and timezoneapi.h parts), with
 * Windows' values and layouts. Included by <windows.h> after its types;
 * not on its own. */
#ifndef VADOS_WINFILES_H
#define VADOS_WINFILES_H

typedef long long LONGLONG;
typedef union _LARGE_INTEGER {
	struct {
		DWORD LowPart;
		LONG HighPart;
	} u;
	struct {
		DWORD LowPart;
		LONG HighPart;
	};
	LONGLONG QuadPart;
} LARGE_INTEGER, *PLARGE_INTEGER;
typedef union _ULARGE_INTEGER {
	struct {
		DWORD LowPart;
		DWORD HighPart;
	} u;
	struct {
		DWORD LowPart;
		DWORD HighPart;
	};
	ULONGLONG QuadPart;
} ULARGE_INTEGER, *PULARGE_INTEGER;

typedef struct _FILETIME {
	DWORD dwLowDateTime;
	DWORD dwHighDateTime;
} FILETIME, *PFILETIME, *LPFILETIME;

typedef struct _SYSTEMTIME {
	WORD wYear, wMonth, wDayOfWeek, wDay, wHour, wMinute, wSecond, wMilliseconds;
} SYSTEMTIME, *PSYSTEMTIME, *LPSYSTEMTIME;

typedef struct _WIN32_FIND_DATAA {                  /* 320 bytes */
	DWORD dwFileAttributes;
	FILETIME ftCreationTime, ftLastAccessTime, ftLastWriteTime;
	DWORD nFileSizeHigh, nFileSizeLow;
	DWORD dwReserved0, dwReserved1;
	CHAR cFileName[MAX_PATH];
	CHAR cAlternateFileName[14];
} WIN32_FIND_DATAA, *PWIN32_FIND_DATAA, *LPWIN32_FIND_DATAA;

/* ReadFile and WriteFile start at Offset/OffsetHigh and complete before
 * returning (with or without FILE_FLAG_OVERLAPPED): Internal gets the
 * status, InternalHigh the count, hEvent (if any) is set. */
typedef struct _OVERLAPPED {
	ULONG_PTR Internal;
	ULONG_PTR InternalHigh;
	union {
		struct {
			DWORD Offset;
			DWORD OffsetHigh;
		};
		PVOID Pointer;
	};
	HANDLE hEvent;
} OVERLAPPED, *LPOVERLAPPED;
#define STATUS_PENDING            ((DWORD)0x00000103L)
#define HasOverlappedIoCompleted(lpOverlapped) ((lpOverlapped)->Internal != STATUS_PENDING)

/* I/O completion ports (user/lib/completion_api.c): overlapped transfers of
 * an associated file post a packet each when they succeed. */
typedef struct _OVERLAPPED_ENTRY {
	ULONG_PTR lpCompletionKey;
	LPOVERLAPPED lpOverlapped;
	ULONG_PTR Internal;
	DWORD dwNumberOfBytesTransferred;
} OVERLAPPED_ENTRY, *LPOVERLAPPED_ENTRY;
#define ERROR_ABANDONED_WAIT_0               735L
#define FILE_SKIP_COMPLETION_PORT_ON_SUCCESS 0x1
#define FILE_SKIP_SET_EVENT_ON_HANDLE        0x2
WINAPI HANDLE CreateIoCompletionPort(HANDLE FileHandle, HANDLE ExistingCompletionPort,
				     ULONG_PTR CompletionKey, DWORD NumberOfConcurrentThreads);
WINAPI BOOL PostQueuedCompletionStatus(HANDLE CompletionPort, DWORD dwNumberOfBytesTransferred,
				       ULONG_PTR dwCompletionKey, LPOVERLAPPED lpOverlapped);
WINAPI BOOL GetQueuedCompletionStatus(HANDLE CompletionPort, LPDWORD lpNumberOfBytesTransferred,
				      PULONG_PTR lpCompletionKey, LPOVERLAPPED *lpOverlapped,
				      DWORD dwMilliseconds);
WINAPI BOOL GetQueuedCompletionStatusEx(HANDLE CompletionPort,
					LPOVERLAPPED_ENTRY lpCompletionPortEntries, ULONG ulCount,
					ULONG *ulNumEntriesRemoved, DWORD dwMilliseconds,
					BOOL fAlertable);
WINAPI BOOL SetFileCompletionNotificationModes(HANDLE FileHandle, UCHAR Flags);

#define FILE_READ_DATA            0x0001
#define FILE_LIST_DIRECTORY       0x0001
#define FILE_WRITE_DATA           0x0002
#define FILE_APPEND_DATA          0x0004
#define FILE_READ_EA              0x0008
#define FILE_WRITE_EA             0x0010
#define FILE_EXECUTE              0x0020
#define FILE_READ_ATTRIBUTES      0x0080
#define FILE_WRITE_ATTRIBUTES     0x0100
#define FILE_ALL_ACCESS           0x001F01FFUL
#define FILE_GENERIC_READ         0x00120089UL
#define FILE_GENERIC_WRITE        0x00120116UL
#define FILE_GENERIC_EXECUTE      0x001200A0UL

#define FILE_SHARE_READ           0x00000001
#define FILE_SHARE_WRITE          0x00000002
#define FILE_SHARE_DELETE         0x00000004

#define CREATE_NEW                1
#define CREATE_ALWAYS             2
#define OPEN_EXISTING             3
#define OPEN_ALWAYS               4
#define TRUNCATE_EXISTING         5

#define FILE_ATTRIBUTE_READONLY   0x00000001
#define FILE_ATTRIBUTE_HIDDEN     0x00000002
#define FILE_ATTRIBUTE_SYSTEM     0x00000004
#define FILE_ATTRIBUTE_DIRECTORY  0x00000010
#define FILE_ATTRIBUTE_ARCHIVE    0x00000020
#define FILE_ATTRIBUTE_NORMAL     0x00000080
#define FILE_ATTRIBUTE_TEMPORARY  0x00000100
#define INVALID_FILE_ATTRIBUTES   ((DWORD)-1)
#define FILE_FLAG_WRITE_THROUGH   0x80000000UL
#define FILE_FLAG_OVERLAPPED      0x40000000UL
#define FILE_FLAG_NO_BUFFERING    0x20000000UL
#define FILE_FLAG_RANDOM_ACCESS   0x10000000UL
#define FILE_FLAG_SEQUENTIAL_SCAN 0x08000000UL
#define FILE_FLAG_DELETE_ON_CLOSE 0x04000000UL
#define FILE_FLAG_BACKUP_SEMANTICS 0x02000000UL

#define FILE_BEGIN                0
#define FILE_CURRENT              1
#define FILE_END                  2
#define INVALID_SET_FILE_POINTER  ((DWORD)-1)
#define INVALID_FILE_SIZE         ((DWORD)0xFFFFFFFF)

#define MOVEFILE_REPLACE_EXISTING 0x00000001
#define MOVEFILE_COPY_ALLOWED     0x00000002
#define MOVEFILE_WRITE_THROUGH    0x00000008

#define NO_ERROR                  0L
#define ERROR_PATH_NOT_FOUND      3L
#define ERROR_INVALID_DRIVE       15L
#define ERROR_NOT_SAME_DEVICE     17L
#define ERROR_NO_MORE_FILES       18L
#define ERROR_CRC                 23L
#define ERROR_GEN_FAILURE         31L
#define ERROR_BAD_NETPATH         53L
#define ERROR_IO_PENDING          997L
#define ERROR_SHARING_VIOLATION   32L
#define ERROR_HANDLE_EOF          38L
#define ERROR_FILE_EXISTS         80L
#define ERROR_CANNOT_MAKE         82L
#define ERROR_DISK_FULL           112L
#define ERROR_NEGATIVE_SEEK       131L
#define ERROR_DIR_NOT_EMPTY       145L
#define ERROR_INVALID_NAME        123L
#define ERROR_DIRECTORY           267L
#define ERROR_FILE_INVALID        1006L
#define ERROR_IO_DEVICE           1117L
#define ERROR_BROKEN_PIPE         109L
#define ERROR_NO_DATA             232L

/* Anonymous pipes (user/lib/pipe_api.c). */
WINAPI BOOL CreatePipe(PHANDLE hReadPipe, PHANDLE hWritePipe,
		       LPSECURITY_ATTRIBUTES lpPipeAttributes, DWORD nSize);
WINAPI BOOL PeekNamedPipe(HANDLE hNamedPipe, LPVOID lpBuffer, DWORD nBufferSize,
			  LPDWORD lpBytesRead, LPDWORD lpTotalBytesAvail,
			  LPDWORD lpBytesLeftThisMessage);

/* Named pipes (user/lib/npipe_api.c). */
#define ERROR_SEM_TIMEOUT         121L
#define ERROR_BAD_PIPE            230L
#define ERROR_PIPE_BUSY           231L
#define ERROR_PIPE_NOT_CONNECTED  233L
#define ERROR_PIPE_CONNECTED      535L
#define ERROR_PIPE_LISTENING      536L
#define PIPE_ACCESS_INBOUND       0x00000001
#define PIPE_ACCESS_OUTBOUND      0x00000002
#define PIPE_ACCESS_DUPLEX        0x00000003
#define FILE_FLAG_FIRST_PIPE_INSTANCE 0x00080000
#define PIPE_WAIT                 0x00000000
#define PIPE_NOWAIT               0x00000001
#define PIPE_READMODE_BYTE        0x00000000
#define PIPE_READMODE_MESSAGE     0x00000002
#define PIPE_TYPE_BYTE            0x00000000
#define PIPE_TYPE_MESSAGE         0x00000004
#define PIPE_ACCEPT_REMOTE_CLIENTS 0x00000000
#define PIPE_REJECT_REMOTE_CLIENTS 0x00000008
#define PIPE_CLIENT_END           0x00000000
#define PIPE_SERVER_END           0x00000001
#define PIPE_UNLIMITED_INSTANCES  255
#define NMPWAIT_USE_DEFAULT_WAIT  0x00000000
#define NMPWAIT_NOWAIT            0x00000001
#define NMPWAIT_WAIT_FOREVER      0xffffffff
WINAPI HANDLE CreateNamedPipeA(LPCSTR lpName, DWORD dwOpenMode, DWORD dwPipeMode,
			       DWORD nMaxInstances, DWORD nOutBufferSize, DWORD nInBufferSize,
			       DWORD nDefaultTimeOut, LPSECURITY_ATTRIBUTES lpSecurityAttributes);
WINAPI BOOL ConnectNamedPipe(HANDLE hNamedPipe, LPOVERLAPPED lpOverlapped);
WINAPI BOOL DisconnectNamedPipe(HANDLE hNamedPipe);
WINAPI BOOL WaitNamedPipeA(LPCSTR lpNamedPipeName, DWORD nTimeOut);
WINAPI BOOL SetNamedPipeHandleState(HANDLE hNamedPipe, LPDWORD lpMode,
				    LPDWORD lpMaxCollectionCount, LPDWORD lpCollectDataTimeout);
WINAPI BOOL GetNamedPipeInfo(HANDLE hNamedPipe, LPDWORD lpFlags, LPDWORD lpOutBufferSize,
			     LPDWORD lpInBufferSize, LPDWORD lpMaxInstances);
WINAPI BOOL GetNamedPipeHandleStateA(HANDLE hNamedPipe, LPDWORD lpState,
				     LPDWORD lpCurInstances, LPDWORD lpMaxCollectionCount,
				     LPDWORD lpCollectDataTimeout, LPSTR lpUserName,
				     DWORD nMaxUserNameSize);
WINAPI BOOL GetNamedPipeClientProcessId(HANDLE Pipe, ULONG *ClientProcessId);
WINAPI BOOL GetNamedPipeServerProcessId(HANDLE Pipe, ULONG *ServerProcessId);
WINAPI BOOL TransactNamedPipe(HANDLE hNamedPipe, LPVOID lpInBuffer, DWORD nInBufferSize,
			      LPVOID lpOutBuffer, DWORD nOutBufferSize, LPDWORD lpBytesRead,
			      LPOVERLAPPED lpOverlapped);
WINAPI BOOL CallNamedPipeA(LPCSTR lpNamedPipeName, LPVOID lpInBuffer, DWORD nInBufferSize,
			   LPVOID lpOutBuffer, DWORD nOutBufferSize, LPDWORD lpBytesRead,
			   DWORD nTimeOut);
#define CreateNamedPipe          CreateNamedPipeA
#define WaitNamedPipe            WaitNamedPipeA
#define GetNamedPipeHandleState  GetNamedPipeHandleStateA
#define CallNamedPipe            CallNamedPipeA
#define ERROR_FILE_CORRUPT        1392L
#define ERROR_DISK_CORRUPT        1393L

WINAPI HANDLE CreateFileA(LPCSTR lpFileName, DWORD dwDesiredAccess, DWORD dwShareMode,
			  LPSECURITY_ATTRIBUTES lpSecurityAttributes, DWORD dwCreationDisposition,
			  DWORD dwFlagsAndAttributes, HANDLE hTemplateFile);
WINAPI BOOL ReadFile(HANDLE hFile, LPVOID lpBuffer, DWORD nNumberOfBytesToRead,
		     LPDWORD lpNumberOfBytesRead, LPOVERLAPPED lpOverlapped);
WINAPI BOOL WriteFile(HANDLE hFile, LPCVOID lpBuffer, DWORD nNumberOfBytesToWrite,
		      LPDWORD lpNumberOfBytesWritten, LPOVERLAPPED lpOverlapped);
WINAPI BOOL GetOverlappedResult(HANDLE hFile, LPOVERLAPPED lpOverlapped,
				LPDWORD lpNumberOfBytesTransferred, BOOL bWait);
WINAPI DWORD SetFilePointer(HANDLE hFile, LONG lDistanceToMove, PLONG lpDistanceToMoveHigh,
			    DWORD dwMoveMethod);
WINAPI BOOL SetFilePointerEx(HANDLE hFile, LARGE_INTEGER liDistanceToMove,
			     PLARGE_INTEGER lpNewFilePointer, DWORD dwMoveMethod);
WINAPI DWORD GetFileSize(HANDLE hFile, LPDWORD lpFileSizeHigh);
WINAPI BOOL GetFileSizeEx(HANDLE hFile, PLARGE_INTEGER lpFileSize);
WINAPI BOOL SetEndOfFile(HANDLE hFile);
WINAPI BOOL FlushFileBuffers(HANDLE hFile);
WINAPI BOOL GetFileTime(HANDLE hFile, LPFILETIME lpCreationTime, LPFILETIME lpLastAccessTime,
			LPFILETIME lpLastWriteTime);
WINAPI BOOL SetFileTime(HANDLE hFile, const FILETIME *lpCreationTime,
			const FILETIME *lpLastAccessTime, const FILETIME *lpLastWriteTime);
WINAPI BOOL DeleteFileA(LPCSTR lpFileName);
WINAPI BOOL MoveFileA(LPCSTR lpExistingFileName, LPCSTR lpNewFileName);
WINAPI BOOL MoveFileExA(LPCSTR lpExistingFileName, LPCSTR lpNewFileName, DWORD dwFlags);
WINAPI BOOL CopyFileA(LPCSTR lpExistingFileName, LPCSTR lpNewFileName, BOOL bFailIfExists);
WINAPI BOOL CreateDirectoryA(LPCSTR lpPathName, LPSECURITY_ATTRIBUTES lpSecurityAttributes);
WINAPI BOOL RemoveDirectoryA(LPCSTR lpPathName);
WINAPI DWORD GetFileAttributesA(LPCSTR lpFileName);
WINAPI BOOL SetFileAttributesA(LPCSTR lpFileName, DWORD dwFileAttributes);
WINAPI HANDLE FindFirstFileA(LPCSTR lpFileName, LPWIN32_FIND_DATAA lpFindFileData);
WINAPI BOOL FindNextFileA(HANDLE hFindFile, LPWIN32_FIND_DATAA lpFindFileData);
WINAPI BOOL FindClose(HANDLE hFindFile);
WINAPI DWORD GetCurrentDirectoryA(DWORD nBufferLength, LPSTR lpBuffer);
WINAPI BOOL SetCurrentDirectoryA(LPCSTR lpPathName);
WINAPI DWORD GetFullPathNameA(LPCSTR lpFileName, DWORD nBufferLength, LPSTR lpBuffer,
			      LPSTR *lpFilePart);
WINAPI BOOL GetDiskFreeSpaceA(LPCSTR lpRootPathName, LPDWORD lpSectorsPerCluster,
			      LPDWORD lpBytesPerSector, LPDWORD lpNumberOfFreeClusters,
			      LPDWORD lpTotalNumberOfClusters);
WINAPI BOOL GetDiskFreeSpaceExA(LPCSTR lpDirectoryName, PULARGE_INTEGER lpFreeBytesAvailableToCaller,
				PULARGE_INTEGER lpTotalNumberOfBytes,
				PULARGE_INTEGER lpTotalNumberOfFreeBytes);

WINAPI VOID GetSystemTime(LPSYSTEMTIME lpSystemTime);
WINAPI VOID GetLocalTime(LPSYSTEMTIME lpSystemTime);
WINAPI VOID GetSystemTimeAsFileTime(LPFILETIME lpSystemTimeAsFileTime);
WINAPI BOOL FileTimeToSystemTime(const FILETIME *lpFileTime, LPSYSTEMTIME lpSystemTime);
WINAPI BOOL SystemTimeToFileTime(const SYSTEMTIME *lpSystemTime, LPFILETIME lpFileTime);

WINAPI LONG CompareFileTime(const FILETIME *lpFileTime1, const FILETIME *lpFileTime2);
WINAPI BOOL FileTimeToLocalFileTime(const FILETIME *lpFileTime, LPFILETIME lpLocalFileTime);
WINAPI BOOL LocalFileTimeToFileTime(const FILETIME *lpLocalFileTime, LPFILETIME lpFileTime);
/* Local time is UTC (user/lib/time_api.c): its zone, without daylight
 * saving (TIME_ZONE_ID_UNKNOWN). */
#define TIME_ZONE_ID_INVALID  ((DWORD)0xFFFFFFFF)
#define TIME_ZONE_ID_UNKNOWN  0
#define TIME_ZONE_ID_STANDARD 1
#define TIME_ZONE_ID_DAYLIGHT 2
typedef struct _TIME_ZONE_INFORMATION {             /* 172 bytes */
	LONG Bias;
	WCHAR StandardName[32];
	SYSTEMTIME StandardDate;
	LONG StandardBias;
	WCHAR DaylightName[32];
	SYSTEMTIME DaylightDate;
	LONG DaylightBias;
} TIME_ZONE_INFORMATION, *PTIME_ZONE_INFORMATION, *LPTIME_ZONE_INFORMATION;
typedef struct _TIME_DYNAMIC_ZONE_INFORMATION {     /* 432 bytes */
	LONG Bias;
	WCHAR StandardName[32];
	SYSTEMTIME StandardDate;
	LONG StandardBias;
	WCHAR DaylightName[32];
	SYSTEMTIME DaylightDate;
	LONG DaylightBias;
	WCHAR TimeZoneKeyName[128];
	BOOLEAN DynamicDaylightTimeDisabled;
} DYNAMIC_TIME_ZONE_INFORMATION, *PDYNAMIC_TIME_ZONE_INFORMATION;
WINAPI DWORD GetTimeZoneInformation(LPTIME_ZONE_INFORMATION lpTimeZoneInformation);
WINAPI DWORD GetDynamicTimeZoneInformation(PDYNAMIC_TIME_ZONE_INFORMATION pTimeZoneInformation);

typedef enum _GET_FILEEX_INFO_LEVELS {
	GetFileExInfoStandard,
	GetFileExMaxInfoLevel
} GET_FILEEX_INFO_LEVELS;
typedef struct _WIN32_FILE_ATTRIBUTE_DATA {
	DWORD dwFileAttributes;
	FILETIME ftCreationTime, ftLastAccessTime, ftLastWriteTime;
	DWORD nFileSizeHigh, nFileSizeLow;
} WIN32_FILE_ATTRIBUTE_DATA, *LPWIN32_FILE_ATTRIBUTE_DATA;
WINAPI BOOL GetFileAttributesExA(LPCSTR lpFileName, GET_FILEEX_INFO_LEVELS fInfoLevelId,
				 LPVOID lpFileInformation);

#define FILE_TYPE_UNKNOWN         0x0000
#define FILE_TYPE_DISK            0x0001
#define FILE_TYPE_CHAR            0x0002
#define FILE_TYPE_PIPE            0x0003
WINAPI DWORD GetFileType(HANDLE hFile);

#define DRIVE_UNKNOWN             0
#define DRIVE_NO_ROOT_DIR         1
#define DRIVE_FIXED               3
WINAPI UINT GetDriveTypeA(LPCSTR lpRootPathName);
WINAPI DWORD GetLogicalDrives(VOID);

#define ERROR_BUFFER_OVERFLOW     111L
WINAPI DWORD GetTempPathA(DWORD nBufferLength, LPSTR lpBuffer);
WINAPI UINT GetTempFileNameA(LPCSTR lpPathName, LPCSTR lpPrefixString, UINT uUnique,
			     LPSTR lpTempFileName);

/* Byte-range locks (user/lib/file_lock.c, kernel/io/lock.c): per file,
 * owned by a handle's File object and process; see README's Files. */
#define LOCKFILE_FAIL_IMMEDIATELY 0x00000001
#define LOCKFILE_EXCLUSIVE_LOCK   0x00000002
#define ERROR_LOCK_VIOLATION      33L
#define ERROR_OPERATION_ABORTED   995L
WINAPI BOOL LockFile(HANDLE hFile, DWORD dwFileOffsetLow, DWORD dwFileOffsetHigh,
		     DWORD nNumberOfBytesToLockLow, DWORD nNumberOfBytesToLockHigh);
WINAPI BOOL UnlockFile(HANDLE hFile, DWORD dwFileOffsetLow, DWORD dwFileOffsetHigh,
		       DWORD nNumberOfBytesToUnlockLow, DWORD nNumberOfBytesToUnlockHigh);
WINAPI BOOL LockFileEx(HANDLE hFile, DWORD dwFlags, DWORD dwReserved,
		       DWORD nNumberOfBytesToLockLow, DWORD nNumberOfBytesToLockHigh,
		       LPOVERLAPPED lpOverlapped);
WINAPI BOOL UnlockFileEx(HANDLE hFile, DWORD dwReserved, DWORD nNumberOfBytesToUnlockLow,
			 DWORD nNumberOfBytesToUnlockHigh, LPOVERLAPPED lpOverlapped);

/* The generic names of an ANSI build. */
#define WIN32_FIND_DATA     WIN32_FIND_DATAA
#define PWIN32_FIND_DATA    PWIN32_FIND_DATAA
#define LPWIN32_FIND_DATA   LPWIN32_FIND_DATAA
#define CreateFile          CreateFileA
#define DeleteFile          DeleteFileA
#define MoveFile            MoveFileA
#define MoveFileEx          MoveFileExA
#define CopyFile            CopyFileA
#define CreateDirectory     CreateDirectoryA
#define RemoveDirectory     RemoveDirectoryA
#define GetFileAttributes   GetFileAttributesA
#define GetFileAttributesEx GetFileAttributesExA
#define SetFileAttributes   SetFileAttributesA
#define FindFirstFile       FindFirstFileA
#define FindNextFile        FindNextFileA
#define GetCurrentDirectory GetCurrentDirectoryA
#define SetCurrentDirectory SetCurrentDirectoryA
#define GetFullPathName     GetFullPathNameA
#define GetDiskFreeSpace    GetDiskFreeSpaceA
#define GetDiskFreeSpaceEx  GetDiskFreeSpaceExA
#define GetDriveType        GetDriveTypeA
#define GetTempPath         GetTempPathA
#define GetTempFileName     GetTempFileNameA


/* Open files as a whole and their volumes (user/lib/file_handle_info.c). */
typedef struct _BY_HANDLE_FILE_INFORMATION {               /* 52 bytes */
	DWORD dwFileAttributes;
	FILETIME ftCreationTime, ftLastAccessTime, ftLastWriteTime;
	DWORD dwVolumeSerialNumber;
	DWORD nFileSizeHigh, nFileSizeLow;
	DWORD nNumberOfLinks;
	DWORD nFileIndexHigh, nFileIndexLow;
} BY_HANDLE_FILE_INFORMATION, *PBY_HANDLE_FILE_INFORMATION, *LPBY_HANDLE_FILE_INFORMATION;
WINAPI BOOL GetFileInformationByHandle(HANDLE hFile,
				       LPBY_HANDLE_FILE_INFORMATION lpFileInformation);

typedef enum _FILE_INFO_BY_HANDLE_CLASS {
	FileBasicInfo, FileStandardInfo, FileNameInfo, FileRenameInfo, FileDispositionInfo,
	FileAllocationInfo, FileEndOfFileInfo, FileStreamInfo, FileCompressionInfo,
	FileAttributeTagInfo, FileIdBothDirectoryInfo, FileIdBothDirectoryRestartInfo,
	FileIoPriorityHintInfo, FileRemoteProtocolInfo, FileFullDirectoryInfo,
	FileFullDirectoryRestartInfo, FileStorageInfo, FileAlignmentInfo, FileIdInfo,
	FileIdExtdDirectoryInfo, FileIdExtdDirectoryRestartInfo, FileDispositionInfoEx,
	FileRenameInfoEx, FileCaseSensitiveInfo, FileNormalizedNameInfo,
	MaximumFileInfoByHandleClass
} FILE_INFO_BY_HANDLE_CLASS, *PFILE_INFO_BY_HANDLE_CLASS;
/* Windows aligns their 64-bit members to 8 bytes (gcc's i386 ABI, to 4):
 * so FILE_BASIC_INFO is 40 bytes, as SetFileInformationByHandle expects. */
typedef struct __attribute__((aligned(8))) _FILE_BASIC_INFO {
	LARGE_INTEGER CreationTime, LastAccessTime, LastWriteTime, ChangeTime;
	DWORD FileAttributes;
} FILE_BASIC_INFO, *PFILE_BASIC_INFO;
typedef struct __attribute__((aligned(8))) _FILE_STANDARD_INFO {       /* 24 bytes */
	LARGE_INTEGER AllocationSize, EndOfFile;
	DWORD NumberOfLinks;
	BOOLEAN DeletePending;
	BOOLEAN Directory;
} FILE_STANDARD_INFO, *PFILE_STANDARD_INFO;
typedef struct _FILE_NAME_INFO {
	DWORD FileNameLength;                               /* bytes, no terminator */
	WCHAR FileName[1];
} FILE_NAME_INFO, *PFILE_NAME_INFO;
typedef struct _FILE_ATTRIBUTE_TAG_INFO {
	DWORD FileAttributes;
	DWORD ReparseTag;
} FILE_ATTRIBUTE_TAG_INFO, *PFILE_ATTRIBUTE_TAG_INFO;
typedef struct _FILE_ID_128 {
	BYTE Identifier[16];
} FILE_ID_128, *PFILE_ID_128;
typedef struct __attribute__((aligned(8))) _FILE_ID_INFO {     /* 24 bytes */
	ULONGLONG VolumeSerialNumber;
	FILE_ID_128 FileId;
} FILE_ID_INFO, *PFILE_ID_INFO;
typedef struct __attribute__((aligned(8))) _FILE_END_OF_FILE_INFO {
	LARGE_INTEGER EndOfFile;
} FILE_END_OF_FILE_INFO, *PFILE_END_OF_FILE_INFO;
typedef struct __attribute__((aligned(8))) _FILE_ALLOCATION_INFO {
	LARGE_INTEGER AllocationSize;
} FILE_ALLOCATION_INFO, *PFILE_ALLOCATION_INFO;
typedef struct _FILE_DISPOSITION_INFO {
	union {         /* DeleteFile, which the generic name makes one of these */
		BOOLEAN DeleteFileA;
		BOOLEAN DeleteFileW;
	};
} FILE_DISPOSITION_INFO, *PFILE_DISPOSITION_INFO;
typedef struct _FILE_RENAME_INFO {                          /* 16 bytes */
	union {
		BOOLEAN ReplaceIfExists;
		DWORD Flags;
	};
	HANDLE RootDirectory;
	DWORD FileNameLength;                               /* bytes */
	WCHAR FileName[1];
} FILE_RENAME_INFO, *PFILE_RENAME_INFO;
/* GetFileInformationByHandleEx's directory listings (FileFullDirectoryInfo,
 * FileIdBothDirectoryInfo and their Restart forms): entries 8-byte aligned,
 * each NextEntryOffset bytes from the last, the last's 0. */
typedef struct __attribute__((aligned(8))) _FILE_FULL_DIR_INFO {       /* 72 bytes */
	DWORD NextEntryOffset;
	DWORD FileIndex;
	LARGE_INTEGER CreationTime, LastAccessTime, LastWriteTime, ChangeTime;
	LARGE_INTEGER EndOfFile, AllocationSize;
	DWORD FileAttributes;
	DWORD FileNameLength;                               /* bytes, no terminator */
	DWORD EaSize;
	WCHAR FileName[1];
} FILE_FULL_DIR_INFO, *PFILE_FULL_DIR_INFO;
typedef struct __attribute__((aligned(8))) _FILE_ID_BOTH_DIR_INFO {    /* 112 bytes */
	DWORD NextEntryOffset;
	DWORD FileIndex;
	LARGE_INTEGER CreationTime, LastAccessTime, LastWriteTime, ChangeTime;
	LARGE_INTEGER EndOfFile, AllocationSize;
	DWORD FileAttributes;
	DWORD FileNameLength;
	DWORD EaSize;
	CHAR ShortNameLength;                               /* bytes */
	WCHAR ShortName[12];
	LARGE_INTEGER FileId __attribute__((aligned(8)));
	WCHAR FileName[1];
} FILE_ID_BOTH_DIR_INFO, *PFILE_ID_BOTH_DIR_INFO;
WINAPI BOOL GetFileInformationByHandleEx(HANDLE hFile,
					 FILE_INFO_BY_HANDLE_CLASS FileInformationClass,
					 LPVOID lpFileInformation, DWORD dwBufferSize);
WINAPI BOOL SetFileInformationByHandle(HANDLE hFile,
				       FILE_INFO_BY_HANDLE_CLASS FileInformationClass,
				       LPVOID lpFileInformation, DWORD dwBufferSize);

#define FILE_CASE_SENSITIVE_SEARCH 0x00000001
#define FILE_CASE_PRESERVED_NAMES 0x00000002
#define FILE_UNICODE_ON_DISK      0x00000004
#define FILE_PERSISTENT_ACLS      0x00000008
#define FILE_FILE_COMPRESSION     0x00000010
#define ERROR_DIR_NOT_ROOT        144L
WINAPI BOOL GetVolumeInformationA(LPCSTR lpRootPathName, LPSTR lpVolumeNameBuffer,
				  DWORD nVolumeNameSize, LPDWORD lpVolumeSerialNumber,
				  LPDWORD lpMaximumComponentLength, LPDWORD lpFileSystemFlags,
				  LPSTR lpFileSystemNameBuffer, DWORD nFileSystemNameSize);

#define FILE_NAME_NORMALIZED      0x0
#define FILE_NAME_OPENED          0x8
#define VOLUME_NAME_DOS           0x0
#define VOLUME_NAME_GUID          0x1
#define VOLUME_NAME_NT            0x2
#define VOLUME_NAME_NONE          0x4
WINAPI DWORD GetFinalPathNameByHandleA(HANDLE hFile, LPSTR lpszFilePath, DWORD cchFilePath,
				       DWORD dwFlags);
#define GetVolumeInformation      GetVolumeInformationA
#define GetFinalPathNameByHandle  GetFinalPathNameByHandleA
/* Paths, searches and moves (lane paths): SearchPath, GetShortPathName,
 * GetLongPathName, FindFirstFileEx, MoveFileEx's other flags, CopyFileEx,
 * ReplaceFile, CreateHardLink (user/lib/path_api.c, dir_api.c). */
#define MOVEFILE_DELAY_UNTIL_REBOOT   0x00000004
#define MOVEFILE_CREATE_HARDLINK      0x00000010
#define MOVEFILE_FAIL_IF_NOT_TRACKABLE 0x00000020

#define COPY_FILE_FAIL_IF_EXISTS              0x00000001
#define COPY_FILE_RESTARTABLE                 0x00000002
#define COPY_FILE_OPEN_SOURCE_FOR_WRITE       0x00000004
#define COPY_FILE_ALLOW_DECRYPTED_DESTINATION 0x00000008
#define COPY_FILE_COPY_SYMLINK                0x00000800
#define COPY_FILE_NO_BUFFERING                0x00001000
#define PROGRESS_CONTINUE         0
#define PROGRESS_CANCEL           1
#define PROGRESS_STOP             2
#define PROGRESS_QUIET            3
#define CALLBACK_CHUNK_FINISHED   0x00000000
#define CALLBACK_STREAM_SWITCH    0x00000001
#define ERROR_BAD_PATHNAME        161L
#define ERROR_REQUEST_ABORTED     1235L
typedef DWORD (WINAPI *LPPROGRESS_ROUTINE)(LARGE_INTEGER TotalFileSize,
					   LARGE_INTEGER TotalBytesTransferred,
					   LARGE_INTEGER StreamSize,
					   LARGE_INTEGER StreamBytesTransferred,
					   DWORD dwStreamNumber, DWORD dwCallbackReason,
					   HANDLE hSourceFile, HANDLE hDestinationFile,
					   LPVOID lpData);

typedef enum _FINDEX_INFO_LEVELS {
	FindExInfoStandard,
	FindExInfoBasic,
	FindExInfoMaxInfoLevel
} FINDEX_INFO_LEVELS;
typedef enum _FINDEX_SEARCH_OPS {
	FindExSearchNameMatch,
	FindExSearchLimitToDirectories,
	FindExSearchLimitToDevices,
	FindExSearchMaxSearchOp
} FINDEX_SEARCH_OPS;
#define FIND_FIRST_EX_CASE_SENSITIVE       0x00000001
#define FIND_FIRST_EX_LARGE_FETCH          0x00000002
#define FIND_FIRST_EX_ON_DISK_ENTRIES_ONLY 0x00000004

#define BASE_SEARCH_PATH_ENABLE_SAFE_SEARCHMODE  0x00000001
#define BASE_SEARCH_PATH_DISABLE_SAFE_SEARCHMODE 0x00010000
#define BASE_SEARCH_PATH_PERMANENT               0x00008000

WINAPI DWORD SearchPathA(LPCSTR lpPath, LPCSTR lpFileName, LPCSTR lpExtension,
			 DWORD nBufferLength, LPSTR lpBuffer, LPSTR *lpFilePart);
WINAPI BOOL SetSearchPathMode(DWORD Flags);
WINAPI DWORD GetShortPathNameA(LPCSTR lpszLongPath, LPSTR lpszShortPath, DWORD cchBuffer);
WINAPI DWORD GetLongPathNameA(LPCSTR lpszShortPath, LPSTR lpszLongPath, DWORD cchBuffer);
WINAPI HANDLE FindFirstFileExA(LPCSTR lpFileName, FINDEX_INFO_LEVELS fInfoLevelId,
			       LPVOID lpFindFileData, FINDEX_SEARCH_OPS fSearchOp,
			       LPVOID lpSearchFilter, DWORD dwAdditionalFlags);
WINAPI BOOL CopyFileExA(LPCSTR lpExistingFileName, LPCSTR lpNewFileName,
			LPPROGRESS_ROUTINE lpProgressRoutine, LPVOID lpData, LPBOOL pbCancel,
			DWORD dwCopyFlags);
WINAPI BOOL CreateHardLinkA(LPCSTR lpFileName, LPCSTR lpExistingFileName,
			    LPSECURITY_ATTRIBUTES lpSecurityAttributes);
#define REPLACEFILE_WRITE_THROUGH        0x00000001
#define REPLACEFILE_IGNORE_MERGE_ERRORS  0x00000002
#define REPLACEFILE_IGNORE_ACL_ERRORS    0x00000004
#define ERROR_UNABLE_TO_REMOVE_REPLACED  1175L
#define ERROR_UNABLE_TO_MOVE_REPLACEMENT 1176L
#define ERROR_UNABLE_TO_MOVE_REPLACEMENT_2 1177L
WINAPI BOOL ReplaceFileA(LPCSTR lpReplacedFileName, LPCSTR lpReplacementFileName,
			 LPCSTR lpBackupFileName, DWORD dwReplaceFlags, LPVOID lpExclude,
			 LPVOID lpReserved);
#define SearchPath          SearchPathA
#define GetShortPathName    GetShortPathNameA
#define GetLongPathName     GetLongPathNameA
#define FindFirstFileEx     FindFirstFileExA
#define CopyFileEx          CopyFileExA
#define CreateHardLink      CreateHardLinkA
#define ReplaceFile         ReplaceFileA

#endif
