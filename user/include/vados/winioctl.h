/* I/O beyond ReadFile and WriteFile (user/lib/io_control.c, link_api.c):
 * DeviceIoControl with winioctl.h's codes and structures (the disk,
 * storage and FAT file-system controls vados answers), ReadFileScatter and
 * WriteFileGather, CancelSynchronousIo, GetProcessIoCounters, and
 * CreateSymbolicLink, which a FAT volume refuses. Included by <windows.h>
 * and <winioctl.h>. */
#ifndef _VADOS_WINIOCTL_H
#define _VADOS_WINIOCTL_H

#define CTL_CODE(DeviceType, Function, Method, Access) \
	(((DeviceType) << 16) | ((Access) << 14) | ((Function) << 2) | (Method))
#define DEVICE_TYPE_FROM_CTL_CODE(ctrlCode) (((DWORD)(ctrlCode & 0xffff0000)) >> 16)
#define METHOD_BUFFERED    0
#define METHOD_IN_DIRECT   1
#define METHOD_OUT_DIRECT  2
#define METHOD_NEITHER     3
#define FILE_ANY_ACCESS    0
#define FILE_SPECIAL_ACCESS FILE_ANY_ACCESS
#define FILE_READ_ACCESS   0x0001
#define FILE_WRITE_ACCESS  0x0002
typedef DWORD DEVICE_TYPE;
#define FILE_DEVICE_DISK         0x00000007
#define FILE_DEVICE_FILE_SYSTEM  0x00000009
#define FILE_DEVICE_MASS_STORAGE 0x0000002d
#define IOCTL_DISK_BASE    FILE_DEVICE_DISK
#define IOCTL_STORAGE_BASE FILE_DEVICE_MASS_STORAGE

#define IOCTL_DISK_GET_DRIVE_GEOMETRY    CTL_CODE(IOCTL_DISK_BASE, 0x0000, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define IOCTL_DISK_GET_DRIVE_GEOMETRY_EX CTL_CODE(IOCTL_DISK_BASE, 0x0028, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define IOCTL_DISK_GET_LENGTH_INFO       CTL_CODE(IOCTL_DISK_BASE, 0x0017, METHOD_BUFFERED, FILE_READ_ACCESS)
#define IOCTL_STORAGE_GET_DEVICE_NUMBER  CTL_CODE(IOCTL_STORAGE_BASE, 0x0420, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_LOCK_VOLUME                CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 6, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_UNLOCK_VOLUME              CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 7, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_DISMOUNT_VOLUME            CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 8, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_IS_VOLUME_MOUNTED          CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 10, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_GET_RETRIEVAL_POINTERS     CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 28, METHOD_NEITHER, FILE_ANY_ACCESS)
#define FSCTL_SET_SPARSE                 CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 49, METHOD_BUFFERED, FILE_SPECIAL_ACCESS)

typedef enum _MEDIA_TYPE {
	Unknown, F5_1Pt2_512, F3_1Pt44_512, F3_2Pt88_512, F3_20Pt8_512, F3_720_512,
	F5_360_512, F5_320_512, F5_320_1024, F5_180_512, F5_160_512, RemovableMedia,
	FixedMedia
} MEDIA_TYPE, *PMEDIA_TYPE;

typedef struct _DISK_GEOMETRY {                 /* 24 bytes */
	LARGE_INTEGER Cylinders;
	MEDIA_TYPE MediaType;
	DWORD TracksPerCylinder;
	DWORD SectorsPerTrack;
	DWORD BytesPerSector;
} DISK_GEOMETRY, *PDISK_GEOMETRY;

typedef struct _DISK_GEOMETRY_EX {
	DISK_GEOMETRY Geometry;
	LARGE_INTEGER DiskSize;
	BYTE Data[1];
} DISK_GEOMETRY_EX, *PDISK_GEOMETRY_EX;

typedef struct _GET_LENGTH_INFORMATION {
	LARGE_INTEGER Length;
} GET_LENGTH_INFORMATION, *PGET_LENGTH_INFORMATION;

typedef struct _STORAGE_DEVICE_NUMBER {
	DEVICE_TYPE DeviceType;
	DWORD DeviceNumber;
	DWORD PartitionNumber;
} STORAGE_DEVICE_NUMBER, *PSTORAGE_DEVICE_NUMBER;

typedef struct _STARTING_VCN_INPUT_BUFFER {
	LARGE_INTEGER StartingVcn;
} STARTING_VCN_INPUT_BUFFER, *PSTARTING_VCN_INPUT_BUFFER;

typedef struct _RETRIEVAL_POINTERS_BUFFER {     /* 32 bytes with one extent, as MSVC aligns */
	DWORD ExtentCount;
	LARGE_INTEGER StartingVcn __attribute__((aligned(8)));
	struct {
		LARGE_INTEGER NextVcn;
		LARGE_INTEGER Lcn;
	} Extents[1];
} RETRIEVAL_POINTERS_BUFFER, *PRETRIEVAL_POINTERS_BUFFER;
VADOS_STATIC_ASSERT(sizeof(RETRIEVAL_POINTERS_BUFFER) == 32, "RETRIEVAL_POINTERS_BUFFER layout");

/* On a file, directory or volume (\\.\C:) handle of a FAT volume: the disk
 * controls (the volume's disk: DeviceNumber its IDE position, 255 heads of
 * 63 sectors), FSCTL_IS_VOLUME_MOUNTED, FSCTL_GET_RETRIEVAL_POINTERS (a
 * file's clusters), FSCTL_LOCK/UNLOCK/DISMOUNT_VOLUME (a volume handle;
 * dismounting flushes, the volume stays mounted); anything else
 * (FSCTL_SET_SPARSE included) ERROR_INVALID_FUNCTION. Done at once; with
 * an OVERLAPPED, Internal, InternalHigh and hEvent are set and the file's
 * completion port hears of a success. */
WINAPI BOOL DeviceIoControl(HANDLE hDevice, DWORD dwIoControlCode, LPVOID lpInBuffer,
			    DWORD nInBufferSize, LPVOID lpOutBuffer, DWORD nOutBufferSize,
			    LPDWORD lpBytesReturned, LPOVERLAPPED lpOverlapped);

/* A page-sized, page-aligned buffer of ReadFileScatter/WriteFileGather.
 * PVOID64 is a 32-bit pointer in the element's low half here (gcc has no
 * __ptr64); the high half is not read. */
typedef void *PVOID64;
#define PtrToPtr64(p) ((PVOID64)(p))
#define Ptr64ToPtr(p) ((PVOID)(p))
typedef union _FILE_SEGMENT_ELEMENT {
	PVOID64 Buffer;
	ULONGLONG Alignment;
} FILE_SEGMENT_ELEMENT, *PFILE_SEGMENT_ELEMENT;
/* A file opened with FILE_FLAG_NO_BUFFERING and FILE_FLAG_OVERLAPPED, a
 * whole number of sectors at a sector-aligned OVERLAPPED offset, one page
 * per element; else ERROR_INVALID_PARAMETER. Done at once (TRUE), as
 * ReadFile is. */
WINAPI BOOL ReadFileScatter(HANDLE hFile, FILE_SEGMENT_ELEMENT aSegmentArray[],
			    DWORD nNumberOfBytesToRead, LPDWORD lpReserved,
			    LPOVERLAPPED lpOverlapped);
WINAPI BOOL WriteFileGather(HANDLE hFile, FILE_SEGMENT_ELEMENT aSegmentArray[],
			    DWORD nNumberOfBytesToWrite, LPDWORD lpReserved,
			    LPOVERLAPPED lpOverlapped);

/* Ends hThread's wait in a synchronous ReadFile or WriteFile on a pipe,
 * ConnectNamedPipe or WaitNamedPipe (it fails with
 * ERROR_OPERATION_ABORTED); THREAD_TERMINATE; none: ERROR_NOT_FOUND. */
WINAPI BOOL CancelSynchronousIo(HANDLE hThread);

/* The process's read, write and other (DeviceIoControl) calls on files
 * and pipes and their bytes, kept by the kernel (IO_COUNTERS: vados/winjob.h,
 * whose records hold it too). */
WINAPI BOOL GetProcessIoCounters(HANDLE hProcess, PIO_COUNTERS lpIoCounters);

/* FAT keeps no reparse points: a link name that can be made fails with
 * ERROR_INVALID_FUNCTION (nothing left behind), as Windows' FAT driver
 * refuses FSCTL_SET_REPARSE_POINT; one that exists ERROR_ALREADY_EXISTS;
 * unknown flags ERROR_INVALID_PARAMETER. */
#define SYMBOLIC_LINK_FLAG_DIRECTORY                 0x1
#define SYMBOLIC_LINK_FLAG_ALLOW_UNPRIVILEGED_CREATE 0x2
WINAPI BOOLEAN CreateSymbolicLinkA(LPCSTR lpSymlinkFileName, LPCSTR lpTargetFileName,
				   DWORD dwFlags);
WINAPI BOOLEAN CreateSymbolicLinkW(LPCWSTR lpSymlinkFileName, LPCWSTR lpTargetFileName,
				   DWORD dwFlags);
#ifdef UNICODE
#define CreateSymbolicLink CreateSymbolicLinkW
#else
#define CreateSymbolicLink CreateSymbolicLinkA
#endif

#endif
