/* The generic call names of a UNICODE build: each the W form. Included by
 * vados/winwide.h when UNICODE is defined; the A forms' headers define the
 * names first, for ANSI builds. */
#undef CreateFile
#define CreateFile               CreateFileW
#undef CreateNamedPipe
#define CreateNamedPipe          CreateNamedPipeW
#undef WaitNamedPipe
#define WaitNamedPipe            WaitNamedPipeW
#undef GetNamedPipeHandleState
#define GetNamedPipeHandleState  GetNamedPipeHandleStateW
#undef CallNamedPipe
#define CallNamedPipe            CallNamedPipeW
#undef DeleteFile
#define DeleteFile               DeleteFileW
#undef MoveFile
#define MoveFile                 MoveFileW
#undef MoveFileEx
#define MoveFileEx               MoveFileExW
#undef CopyFile
#define CopyFile                 CopyFileW
#undef CreateDirectory
#define CreateDirectory          CreateDirectoryW
#undef RemoveDirectory
#define RemoveDirectory          RemoveDirectoryW
#undef GetFileAttributes
#define GetFileAttributes        GetFileAttributesW
#undef GetFileAttributesEx
#define GetFileAttributesEx      GetFileAttributesExW
#undef SetFileAttributes
#define SetFileAttributes        SetFileAttributesW
#undef FindFirstFile
#define FindFirstFile            FindFirstFileW
#undef FindNextFile
#define FindNextFile             FindNextFileW
#undef GetCurrentDirectory
#define GetCurrentDirectory      GetCurrentDirectoryW
#undef SetCurrentDirectory
#define SetCurrentDirectory      SetCurrentDirectoryW
#undef GetFullPathName
#define GetFullPathName          GetFullPathNameW
#undef GetDiskFreeSpace
#define GetDiskFreeSpace         GetDiskFreeSpaceW
#undef GetDiskFreeSpaceEx
#define GetDiskFreeSpaceEx       GetDiskFreeSpaceExW
#undef GetDriveType
#define GetDriveType             GetDriveTypeW
#undef GetTempPath
#define GetTempPath              GetTempPathW
#undef GetTempFileName
#define GetTempFileName          GetTempFileNameW
#undef GetVolumeInformation
#define GetVolumeInformation     GetVolumeInformationW
#undef GetFinalPathNameByHandle
#define GetFinalPathNameByHandle GetFinalPathNameByHandleW
#undef CreateEvent
#define CreateEvent              CreateEventW
#undef CreateEventEx
#define CreateEventEx            CreateEventExW
#undef OpenEvent
#define OpenEvent                OpenEventW
#undef CreateMutex
#define CreateMutex              CreateMutexW
#undef CreateMutexEx
#define CreateMutexEx            CreateMutexExW
#undef CreateWaitableTimer
#define CreateWaitableTimer      CreateWaitableTimerW
#undef CreateWaitableTimerEx
#define CreateWaitableTimerEx    CreateWaitableTimerExW
#undef OpenWaitableTimer
#define OpenWaitableTimer        OpenWaitableTimerW
#undef OpenMutex
#define OpenMutex                OpenMutexW
#undef CreateSemaphore
#define CreateSemaphore          CreateSemaphoreW
#undef CreateSemaphoreEx
#define CreateSemaphoreEx        CreateSemaphoreExW
#undef OpenSemaphore
#define OpenSemaphore            OpenSemaphoreW
#undef CreateFileMapping
#define CreateFileMapping        CreateFileMappingW
#undef OpenFileMapping
#define OpenFileMapping          OpenFileMappingW
#undef CreateFileMappingNuma
#define CreateFileMappingNuma    CreateFileMappingNumaW
#undef CreateProcess
#define CreateProcess            CreateProcessW
#undef CreateProcessAsUser
#define CreateProcessAsUser      CreateProcessAsUserW
#undef GetCommandLine
#define GetCommandLine           GetCommandLineW
#undef GetModuleHandle
#define GetModuleHandle          GetModuleHandleW
#undef LoadLibrary
#define LoadLibrary              LoadLibraryW
#undef LoadLibraryEx
#define LoadLibraryEx            LoadLibraryExW
#undef GetModuleHandleEx
#define GetModuleHandleEx        GetModuleHandleExW
#undef GetModuleFileName
#define GetModuleFileName        GetModuleFileNameW
#undef QueryFullProcessImageName
#define QueryFullProcessImageName QueryFullProcessImageNameW
#undef GetEnvironmentVariable
#define GetEnvironmentVariable   GetEnvironmentVariableW
#undef SetEnvironmentVariable
#define SetEnvironmentVariable   SetEnvironmentVariableW
#undef GetEnvironmentStrings
#define GetEnvironmentStrings    GetEnvironmentStringsW
#undef FreeEnvironmentStrings
#define FreeEnvironmentStrings   FreeEnvironmentStringsW
#undef ExpandEnvironmentStrings
#define ExpandEnvironmentStrings ExpandEnvironmentStringsW
#undef WriteConsole
#define WriteConsole             WriteConsoleW
#undef LookupPrivilegeValue
#define LookupPrivilegeValue     LookupPrivilegeValueW
#undef LookupPrivilegeName
#define LookupPrivilegeName      LookupPrivilegeNameW
#undef IsBadStringPtr
#define IsBadStringPtr           IsBadStringPtrW
#undef lstrlen
#define lstrlen                  lstrlenW
#undef lstrcpy
#define lstrcpy                  lstrcpyW
#undef lstrcpyn
#define lstrcpyn                 lstrcpynW
#undef lstrcat
#define lstrcat                  lstrcatW
#undef lstrcmp
#define lstrcmp                  lstrcmpW
#undef lstrcmpi
#define lstrcmpi                 lstrcmpiW
#undef wsprintf
#define wsprintf                 wsprintfW
#undef wvsprintf
#define wvsprintf                wvsprintfW
#undef GetVersionEx
#define GetVersionEx             GetVersionExW
#undef OutputDebugString
#define OutputDebugString        OutputDebugStringW
#undef FormatMessage
#define FormatMessage            FormatMessageW
#undef GetStartupInfo
#define GetStartupInfo           GetStartupInfoW
#undef GetComputerName
#define GetComputerName          GetComputerNameW
#undef GetUserName
#define GetUserName              GetUserNameW
#undef GetSystemDirectory
#define GetSystemDirectory       GetSystemDirectoryW
#undef GetWindowsDirectory
#define GetWindowsDirectory      GetWindowsDirectoryW
#undef GetSystemWindowsDirectory
#define GetSystemWindowsDirectory GetSystemWindowsDirectoryW
#undef SearchPath
#define SearchPath               SearchPathW
#undef GetShortPathName
#define GetShortPathName         GetShortPathNameW
#undef GetLongPathName
#define GetLongPathName          GetLongPathNameW
#undef FindFirstFileEx
#define FindFirstFileEx          FindFirstFileExW
#undef CopyFileEx
#define CopyFileEx               CopyFileExW
#undef CreateHardLink
#define CreateHardLink           CreateHardLinkW
#undef ReplaceFile
#define ReplaceFile              ReplaceFileW
