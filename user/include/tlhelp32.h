/* <tlhelp32.h>: the Tool Help snapshot (user/lib/toolhelp.c). A snapshot
 * is a section holding what CreateToolhelp32Snapshot saw (as on NT: its
 * handle closes with CloseHandle); the First/Next calls walk it. Processes
 * and threads are the machine's, modules the program's image (vados loads
 * no DLLs), heaps the calling process's own. */
#ifndef _VADOS_TLHELP32_H
#define _VADOS_TLHELP32_H

#include <windows.h>

#define MAX_MODULE_NAME32 255

#define TH32CS_SNAPHEAPLIST 0x00000001
#define TH32CS_SNAPPROCESS  0x00000002
#define TH32CS_SNAPTHREAD   0x00000004
#define TH32CS_SNAPMODULE   0x00000008
#define TH32CS_SNAPMODULE32 0x00000010
#define TH32CS_SNAPALL      (TH32CS_SNAPHEAPLIST | TH32CS_SNAPPROCESS | TH32CS_SNAPTHREAD | \
			     TH32CS_SNAPMODULE)
#define TH32CS_INHERIT      0x80000000

typedef struct tagPROCESSENTRY32 {                  /* 296 bytes */
	DWORD dwSize;
	DWORD cntUsage;
	DWORD th32ProcessID;
	ULONG_PTR th32DefaultHeapID;
	DWORD th32ModuleID;
	DWORD cntThreads;
	DWORD th32ParentProcessID;
	LONG pcPriClassBase;
	DWORD dwFlags;
	CHAR szExeFile[MAX_PATH];
} PROCESSENTRY32, *PPROCESSENTRY32, *LPPROCESSENTRY32;

typedef struct tagPROCESSENTRY32W {                 /* 556 bytes */
	DWORD dwSize;
	DWORD cntUsage;
	DWORD th32ProcessID;
	ULONG_PTR th32DefaultHeapID;
	DWORD th32ModuleID;
	DWORD cntThreads;
	DWORD th32ParentProcessID;
	LONG pcPriClassBase;
	DWORD dwFlags;
	WCHAR szExeFile[MAX_PATH];
} PROCESSENTRY32W, *PPROCESSENTRY32W, *LPPROCESSENTRY32W;

typedef struct tagTHREADENTRY32 {                   /* 28 bytes */
	DWORD dwSize;
	DWORD cntUsage;
	DWORD th32ThreadID;
	DWORD th32OwnerProcessID;
	LONG tpBasePri;
	LONG tpDeltaPri;
	DWORD dwFlags;
} THREADENTRY32, *PTHREADENTRY32, *LPTHREADENTRY32;

typedef struct tagMODULEENTRY32 {                   /* 548 bytes */
	DWORD dwSize;
	DWORD th32ModuleID;
	DWORD th32ProcessID;
	DWORD GlblcntUsage;
	DWORD ProccntUsage;
	BYTE *modBaseAddr;
	DWORD modBaseSize;
	HMODULE hModule;
	char szModule[MAX_MODULE_NAME32 + 1];
	char szExePath[MAX_PATH];
} MODULEENTRY32, *PMODULEENTRY32, *LPMODULEENTRY32;

typedef struct tagMODULEENTRY32W {                  /* 1064 bytes */
	DWORD dwSize;
	DWORD th32ModuleID;
	DWORD th32ProcessID;
	DWORD GlblcntUsage;
	DWORD ProccntUsage;
	BYTE *modBaseAddr;
	DWORD modBaseSize;
	HMODULE hModule;
	WCHAR szModule[MAX_MODULE_NAME32 + 1];
	WCHAR szExePath[MAX_PATH];
} MODULEENTRY32W, *PMODULEENTRY32W, *LPMODULEENTRY32W;

#define HF32_DEFAULT 1                  /* the process's default heap */
#define HF32_SHARED  2

typedef struct tagHEAPLIST32 {                      /* 16 bytes */
	SIZE_T dwSize;
	DWORD th32ProcessID;
	ULONG_PTR th32HeapID;
	DWORD dwFlags;
} HEAPLIST32, *PHEAPLIST32, *LPHEAPLIST32;

#define LF32_FIXED    0x00000001
#define LF32_FREE     0x00000002
#define LF32_MOVEABLE 0x00000004

typedef struct tagHEAPENTRY32 {                     /* 36 bytes */
	SIZE_T dwSize;
	HANDLE hHandle;
	ULONG_PTR dwAddress;
	SIZE_T dwBlockSize;
	DWORD dwFlags;
	DWORD dwLockCount;
	DWORD dwResvd;
	DWORD th32ProcessID;
	ULONG_PTR th32HeapID;
} HEAPENTRY32, *PHEAPENTRY32, *LPHEAPENTRY32;

/* dwFlags names what to take; th32ProcessID (0: the caller) whose modules
 * and heaps. A process that does not exist: ERROR_INVALID_PARAMETER; heaps
 * of another process: none are listed. */
WINAPI HANDLE CreateToolhelp32Snapshot(DWORD dwFlags, DWORD th32ProcessID);
/* Each First restarts its walk, each Next goes on; none (left):
 * FALSE with ERROR_NO_MORE_FILES; dwSize below the structure's:
 * ERROR_BAD_LENGTH. */
WINAPI BOOL Process32First(HANDLE hSnapshot, LPPROCESSENTRY32 lppe);
WINAPI BOOL Process32Next(HANDLE hSnapshot, LPPROCESSENTRY32 lppe);
WINAPI BOOL Process32FirstW(HANDLE hSnapshot, LPPROCESSENTRY32W lppe);
WINAPI BOOL Process32NextW(HANDLE hSnapshot, LPPROCESSENTRY32W lppe);
WINAPI BOOL Thread32First(HANDLE hSnapshot, LPTHREADENTRY32 lpte);
WINAPI BOOL Thread32Next(HANDLE hSnapshot, LPTHREADENTRY32 lpte);
WINAPI BOOL Module32First(HANDLE hSnapshot, LPMODULEENTRY32 lpme);
WINAPI BOOL Module32Next(HANDLE hSnapshot, LPMODULEENTRY32 lpme);
WINAPI BOOL Module32FirstW(HANDLE hSnapshot, LPMODULEENTRY32W lpme);
WINAPI BOOL Module32NextW(HANDLE hSnapshot, LPMODULEENTRY32W lpme);
WINAPI BOOL Heap32ListFirst(HANDLE hSnapshot, LPHEAPLIST32 lphl);
WINAPI BOOL Heap32ListNext(HANDLE hSnapshot, LPHEAPLIST32 lphl);
/* The blocks of heap th32HeapID of process th32ProcessID (the caller's
 * own: others ERROR_ACCESS_DENIED), live, as HeapWalk sees them. */
WINAPI BOOL Heap32First(LPHEAPENTRY32 lphe, DWORD th32ProcessID, ULONG_PTR th32HeapID);
WINAPI BOOL Heap32Next(LPHEAPENTRY32 lphe);
/* ReadProcessMemory on th32ProcessID (PROCESS_VM_READ). */
WINAPI BOOL Toolhelp32ReadProcessMemory(DWORD th32ProcessID, LPCVOID lpBaseAddress,
					PVOID lpBuffer, SIZE_T cbRead,
					SIZE_T *lpNumberOfBytesRead);

#ifdef UNICODE
#define Process32First Process32FirstW
#define Process32Next  Process32NextW
#define Module32First  Module32FirstW
#define Module32Next   Module32NextW
#define PROCESSENTRY32 PROCESSENTRY32W
#define PPROCESSENTRY32 PPROCESSENTRY32W
#define LPPROCESSENTRY32 LPPROCESSENTRY32W
#define MODULEENTRY32 MODULEENTRY32W
#define PMODULEENTRY32 PMODULEENTRY32W
#define LPMODULEENTRY32 LPMODULEENTRY32W
#endif

#endif
