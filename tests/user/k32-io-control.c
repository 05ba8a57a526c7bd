/* kernel32's I/O gaps as Microsoft documents them, on a FAT volume:
 * CompareObjectHandles (one object through two handles, pseudo-handles;
 * ERROR_NOT_SAME_OBJECT, ERROR_INVALID_HANDLE); GetProcessIoCounters (the
 * kernel's counts of reads, writes and controls and their bytes);
 * ReadFileScatter and WriteFileGather (page segments, one completion
 * packet, ERROR_HANDLE_EOF, ERROR_INVALID_PARAMETER without
 * FILE_FLAG_NO_BUFFERING, for odd sizes, offsets and buffers);
 * DeviceIoControl on \\.\C: and on files (the disk and storage controls,
 * FSCTL_IS_VOLUME_MOUNTED, FSCTL_LOCK/UNLOCK_VOLUME with their errors,
 * FSCTL_GET_RETRIEVAL_POINTERS, FSCTL_SET_SPARSE and unknown codes
 * ERROR_INVALID_FUNCTION, ERROR_INSUFFICIENT_BUFFER, rights);
 * CreateSymbolicLinkA/W (FAT: ERROR_INVALID_FUNCTION, nothing left;
 * ERROR_ALREADY_EXISTS; bad flags); CancelSynchronousIo (a blocked pipe
 * read ends with ERROR_OPERATION_ABORTED; none: ERROR_NOT_FOUND). Prints
 * "k32-io-control: N failures". */
#include <stdio.h>
#include <string.h>
#include <windows.h>
#include <winioctl.h>

#define TEST_NAME "k32-io-control"
#include "check.h"

#define PAGE 4096

static void test_compare(void)
{
	HANDLE e = CreateEventA(NULL, TRUE, FALSE, "k32-io-control-event");
	HANDLE e2 = OpenEventA(SYNCHRONIZE, FALSE, "k32-io-control-event");
	HANDLE other = CreateEventA(NULL, TRUE, FALSE, NULL), dup = NULL, self;

	DuplicateHandle(GetCurrentProcess(), e, GetCurrentProcess(), &dup, 0, FALSE,
			DUPLICATE_SAME_ACCESS);
	CHECK(CompareObjectHandles(e, e2) && CompareObjectHandles(e, dup), "one event");
	FAILS(CompareObjectHandles(e, other), FALSE, ERROR_NOT_SAME_OBJECT);
	self = OpenProcess(SYNCHRONIZE, FALSE, GetCurrentProcessId());
	CHECK(self && CompareObjectHandles(GetCurrentProcess(), self), "the process itself");
	FAILS(CompareObjectHandles(GetCurrentThread(), self), FALSE, ERROR_NOT_SAME_OBJECT);
	FAILS(CompareObjectHandles(e, (HANDLE)0x1234), FALSE, ERROR_INVALID_HANDLE);
	FAILS(CompareObjectHandles(NULL, e), FALSE, ERROR_INVALID_HANDLE);
	CloseHandle(self);
	CloseHandle(dup);
	CloseHandle(other);
	CloseHandle(e2);
	CloseHandle(e);
}

static void test_counters(void)
{
	IO_COUNTERS a, b;
	char buf[1000];
	DWORD n;
	HANDLE f = CreateFileA("C:\\counted.txt", GENERIC_READ | GENERIC_WRITE, 0, NULL,
			       CREATE_ALWAYS, 0, NULL);

	memset(buf, 'x', sizeof(buf));
	CHECK(GetProcessIoCounters(GetCurrentProcess(), &a), "counters %lu", GetLastError());
	WriteFile(f, buf, 1000, &n, NULL);
	WriteFile(f, buf, 234, &n, NULL);
	SetFilePointer(f, 0, NULL, FILE_BEGIN);
	ReadFile(f, buf, 600, &n, NULL);
	DeviceIoControl(f, FSCTL_IS_VOLUME_MOUNTED, NULL, 0, NULL, 0, &n, NULL);
	CHECK(GetProcessIoCounters(GetCurrentProcess(), &b), "counters again");
	CHECK(b.WriteOperationCount - a.WriteOperationCount == 2 &&
	      b.WriteTransferCount - a.WriteTransferCount == 1234, "writes %llu, %llu bytes",
	      b.WriteOperationCount - a.WriteOperationCount,
	      b.WriteTransferCount - a.WriteTransferCount);
	CHECK(b.ReadOperationCount - a.ReadOperationCount == 1 &&
	      b.ReadTransferCount - a.ReadTransferCount == 600, "reads %llu, %llu bytes",
	      b.ReadOperationCount - a.ReadOperationCount,
	      b.ReadTransferCount - a.ReadTransferCount);
	CHECK(b.OtherOperationCount - a.OtherOperationCount == 1, "other %llu",
	      b.OtherOperationCount - a.OtherOperationCount);
	CloseHandle(f);
	DeleteFileA("C:\\counted.txt");
	FAILS(GetProcessIoCounters((HANDLE)0x1234, &a), FALSE, ERROR_INVALID_HANDLE);
	FAILS(GetProcessIoCounters(GetCurrentProcess(), (PIO_COUNTERS)16), FALSE, ERROR_NOACCESS);
}

static void test_scatter_gather(void)
{
	BYTE *pages = VirtualAlloc(NULL, 6 * PAGE, MEM_COMMIT, PAGE_READWRITE);
	FILE_SEGMENT_ELEMENT seg[4], back[4];
	OVERLAPPED ov;
	HANDLE f, port, plain;
	DWORD n = 0, size;
	ULONG_PTR key = 0;
	LPOVERLAPPED got = NULL;
	const DWORD len = 2 * PAGE + 512;

	memset(seg, 0, sizeof(seg));
	memset(back, 0, sizeof(back));
	for (int i = 0; i < 3; i++) {
		memset(pages + i * PAGE, 'a' + i, PAGE);
		seg[i].Buffer = PtrToPtr64(pages + i * PAGE);
		back[i].Buffer = PtrToPtr64(pages + (3 + i) * PAGE);
	}
	f = CreateFileA("C:\\gather.bin", GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS,
			FILE_FLAG_NO_BUFFERING | FILE_FLAG_OVERLAPPED, NULL);
	CHECK(f != INVALID_HANDLE_VALUE, "open %lu", GetLastError());
	port = CreateIoCompletionPort(f, NULL, 77, 0);
	memset(&ov, 0, sizeof(ov));
	ov.hEvent = CreateEventA(NULL, TRUE, FALSE, NULL);
	CHECK(WriteFileGather(f, seg, len, NULL, &ov) || GetLastError() == ERROR_IO_PENDING,
	      "gather %lu", GetLastError());
	CHECK(GetOverlappedResult(f, &ov, &n, TRUE) && n == len, "gathered %lu", n);
	CHECK(GetQueuedCompletionStatus(port, &n, &key, &got, 0) && n == len && key == 77 &&
	      got == &ov, "one packet: %lu bytes key %lu", n, (DWORD)key);
	CHECK(!GetQueuedCompletionStatus(port, &n, &key, &got, 0) && !got, "only one");
	size = GetFileSize(f, NULL);
	CHECK(size == len, "size %lu", size);

	memset(pages + 3 * PAGE, 0, 3 * PAGE);
	CHECK(ReadFileScatter(f, back, len, NULL, &ov) || GetLastError() == ERROR_IO_PENDING,
	      "scatter %lu", GetLastError());
	CHECK(GetOverlappedResult(f, &ov, &n, TRUE) && n == len, "scattered %lu", n);
	CHECK(!memcmp(pages, pages + 3 * PAGE, len) && pages[3 * PAGE + len] == 0,
	      "the pages came back, no more");
	GetQueuedCompletionStatus(port, &n, &key, &got, 0);
	ov.Offset = 2 * PAGE;
	CHECK(ReadFileScatter(f, back, 2 * PAGE, NULL, &ov) &&
	      GetOverlappedResult(f, &ov, &n, TRUE) && n == 512, "to the end: %lu", n);
	GetQueuedCompletionStatus(port, &n, &key, &got, 0);
	ov.Offset = 4 * PAGE;
	FAILS(ReadFileScatter(f, back, PAGE, NULL, &ov), FALSE, ERROR_HANDLE_EOF);
	ov.Offset = 0;
	FAILS(ReadFileScatter(f, back, 1000, NULL, &ov), FALSE, ERROR_INVALID_PARAMETER);
	ov.Offset = 100;
	FAILS(ReadFileScatter(f, back, 512, NULL, &ov), FALSE, ERROR_INVALID_PARAMETER);
	ov.Offset = 0;
	FAILS(ReadFileScatter(f, back, 512, NULL, NULL), FALSE, ERROR_INVALID_PARAMETER);
	FAILS(ReadFileScatter(f, back, 512, &n, &ov), FALSE, ERROR_INVALID_PARAMETER);
	back[0].Buffer = PtrToPtr64(pages + 3 * PAGE + 16);
	FAILS(ReadFileScatter(f, back, 512, NULL, &ov), FALSE, ERROR_INVALID_PARAMETER);
	CloseHandle(port);
	CloseHandle(f);

	plain = CreateFileA("C:\\gather.bin", GENERIC_READ, 0, NULL, OPEN_EXISTING,
			    FILE_FLAG_OVERLAPPED, NULL);
	FAILS(ReadFileScatter(plain, seg, 512, NULL, &ov), FALSE, ERROR_INVALID_PARAMETER);
	CloseHandle(plain);
	CloseHandle(ov.hEvent);
	DeleteFileA("C:\\gather.bin");
	VirtualFree(pages, 0, MEM_RELEASE);
}

static void test_volume_controls(void)
{
	HANDLE v = CreateFileA("\\\\.\\C:", GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL,
			       OPEN_EXISTING, 0, NULL), f, other, noread;
	GET_LENGTH_INFORMATION len;
	DISK_GEOMETRY g;
	DISK_GEOMETRY_EX gx;
	STORAGE_DEVICE_NUMBER num;
	DWORD n = 0, spc, bps, free_c, total_c;

	CHECK(v != INVALID_HANDLE_VALUE, "\\\\.\\C: %lu", GetLastError());
	GetDiskFreeSpaceA("C:\\", &spc, &bps, &free_c, &total_c);
	CHECK(DeviceIoControl(v, IOCTL_DISK_GET_LENGTH_INFO, NULL, 0, &len, sizeof(len), &n, NULL) &&
	      n == sizeof(len) && len.Length.QuadPart >= (LONGLONG)total_c * spc * bps &&
	      len.Length.QuadPart < (LONGLONG)(total_c + 10000) * spc * bps,
	      "length %lld for %lu clusters", len.Length.QuadPart, total_c);
	CHECK(DeviceIoControl(v, IOCTL_DISK_GET_DRIVE_GEOMETRY, NULL, 0, &g, sizeof(g), &n, NULL) &&
	      n == sizeof(g) && g.BytesPerSector == 512 && g.MediaType == FixedMedia &&
	      g.Cylinders.QuadPart * g.TracksPerCylinder * g.SectorsPerTrack * 512 <= 64ll << 20,
	      "geometry");
	CHECK(DeviceIoControl(v, IOCTL_DISK_GET_DRIVE_GEOMETRY_EX, NULL, 0, &gx, sizeof(gx), &n,
			      NULL) && n == FIELD_OFFSET(DISK_GEOMETRY_EX, Data) &&
	      gx.DiskSize.QuadPart >= len.Length.QuadPart, "geometry ex: %lu bytes", n);
	CHECK(DeviceIoControl(v, IOCTL_STORAGE_GET_DEVICE_NUMBER, NULL, 0, &num, sizeof(num), &n,
			      NULL) && num.DeviceType == FILE_DEVICE_DISK && num.DeviceNumber == 0 &&
	      num.PartitionNumber == 1, "device %lu %lu %lu", num.DeviceType, num.DeviceNumber,
	      num.PartitionNumber);
	FAILS(DeviceIoControl(v, IOCTL_DISK_GET_DRIVE_GEOMETRY, NULL, 0, &g, 10, &n, NULL), FALSE,
	      ERROR_INSUFFICIENT_BUFFER);
	FAILS(DeviceIoControl(v, IOCTL_DISK_GET_LENGTH_INFO, NULL, 0, (void *)16, 8, &n, NULL),
	      FALSE, ERROR_NOACCESS);
	CHECK(DeviceIoControl(v, FSCTL_IS_VOLUME_MOUNTED, NULL, 0, NULL, 0, &n, NULL), "mounted");
	FAILS(DeviceIoControl(v, CTL_CODE(0x22, 0x800, METHOD_BUFFERED, 0), NULL, 0, NULL, 0, &n,
			      NULL), FALSE, ERROR_INVALID_FUNCTION);
	noread = CreateFileA("\\\\.\\C:", 0, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL,
			     OPEN_EXISTING, 0, NULL);
	FAILS(DeviceIoControl(noread, IOCTL_DISK_GET_LENGTH_INFO, NULL, 0, &len, sizeof(len), &n,
			      NULL), FALSE, ERROR_ACCESS_DENIED);
	CHECK(DeviceIoControl(noread, IOCTL_STORAGE_GET_DEVICE_NUMBER, NULL, 0, &num, sizeof(num),
			      &n, NULL), "FILE_ANY_ACCESS needs no right");
	CloseHandle(noread);

	f = CreateFileA("C:\\locked.txt", GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0,
			NULL);
	FAILS(DeviceIoControl(v, FSCTL_LOCK_VOLUME, NULL, 0, NULL, 0, &n, NULL), FALSE,
	      ERROR_ACCESS_DENIED);
	FAILS(DeviceIoControl(f, FSCTL_LOCK_VOLUME, NULL, 0, NULL, 0, &n, NULL), FALSE,
	      ERROR_INVALID_PARAMETER);
	FAILS(DeviceIoControl(f, FSCTL_SET_SPARSE, NULL, 0, NULL, 0, &n, NULL), FALSE,
	      ERROR_INVALID_FUNCTION);
	CloseHandle(f);
	CHECK(DeviceIoControl(v, FSCTL_LOCK_VOLUME, NULL, 0, NULL, 0, &n, NULL), "lock %lu",
	      GetLastError());
	other = CreateFileA("C:\\locked.txt", GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0,
			    NULL);
	CHECK(other == INVALID_HANDLE_VALUE && GetLastError() == ERROR_ACCESS_DENIED,
	      "a locked volume opens nothing: %lu", GetLastError());
	FAILS(DeviceIoControl(v, FSCTL_LOCK_VOLUME, NULL, 0, NULL, 0, &n, NULL), FALSE,
	      ERROR_ACCESS_DENIED);
	CHECK(DeviceIoControl(v, FSCTL_UNLOCK_VOLUME, NULL, 0, NULL, 0, &n, NULL), "unlock");
	FAILS(DeviceIoControl(v, FSCTL_UNLOCK_VOLUME, NULL, 0, NULL, 0, &n, NULL), FALSE,
	      ERROR_NOT_LOCKED);
	CHECK(DeviceIoControl(v, FSCTL_LOCK_VOLUME, NULL, 0, NULL, 0, &n, NULL), "lock again");
	CloseHandle(v);         /* its lock goes with it */
	other = CreateFileA("C:\\locked.txt", GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0,
			    NULL);
	CHECK(other != INVALID_HANDLE_VALUE, "unlocked by the close: %lu", GetLastError());
	CloseHandle(other);
	DeleteFileA("C:\\locked.txt");
}

static void test_retrieval_pointers(void)
{
	static char data[20000];
	struct {
		RETRIEVAL_POINTERS_BUFFER b;
		LARGE_INTEGER more[30];
	} rp;
	STARTING_VCN_INPUT_BUFFER in = { { { 0, 0 } } };
	DWORD n = 0, spc, bps, free_c, total_c, clusters;
	HANDLE f = CreateFileA("C:\\extents.bin", GENERIC_READ | GENERIC_WRITE, 0, NULL,
			       CREATE_ALWAYS, 0, NULL);

	GetDiskFreeSpaceA("C:\\", &spc, &bps, &free_c, &total_c);
	clusters = (sizeof(data) + spc * bps - 1) / (spc * bps);
	FAILS(DeviceIoControl(f, FSCTL_GET_RETRIEVAL_POINTERS, &in, sizeof(in), &rp, sizeof(rp),
			      &n, NULL), FALSE, ERROR_HANDLE_EOF);
	WriteFile(f, data, sizeof(data), &n, NULL);
	FlushFileBuffers(f);
	CHECK(DeviceIoControl(f, FSCTL_GET_RETRIEVAL_POINTERS, &in, sizeof(in), &rp, sizeof(rp),
			      &n, NULL), "pointers %lu", GetLastError());
	CHECK(rp.b.ExtentCount >= 1 && rp.b.StartingVcn.QuadPart == 0 &&
	      rp.b.Extents[rp.b.ExtentCount - 1].NextVcn.QuadPart == clusters &&
	      n == 16 + 16 * rp.b.ExtentCount, "%lu extents to %lld of %lu clusters, %lu bytes",
	      rp.b.ExtentCount, rp.b.Extents[0].NextVcn.QuadPart, clusters, n);
	CHECK(rp.b.Extents[0].Lcn.QuadPart >= 0 && rp.b.Extents[0].Lcn.QuadPart < total_c,
	      "LCN %lld", rp.b.Extents[0].Lcn.QuadPart);
	in.StartingVcn.QuadPart = clusters - 1;
	CHECK(DeviceIoControl(f, FSCTL_GET_RETRIEVAL_POINTERS, &in, sizeof(in), &rp, sizeof(rp),
			      &n, NULL) && rp.b.StartingVcn.QuadPart == clusters - 1 &&
	      rp.b.Extents[0].NextVcn.QuadPart == clusters, "from the last cluster");
	in.StartingVcn.QuadPart = clusters;
	FAILS(DeviceIoControl(f, FSCTL_GET_RETRIEVAL_POINTERS, &in, sizeof(in), &rp, sizeof(rp),
			      &n, NULL), FALSE, ERROR_HANDLE_EOF);
	FAILS(DeviceIoControl(f, FSCTL_GET_RETRIEVAL_POINTERS, &in, 4, &rp, sizeof(rp), &n, NULL),
	      FALSE, ERROR_INVALID_PARAMETER);
	in.StartingVcn.QuadPart = 0;
	FAILS(DeviceIoControl(f, FSCTL_GET_RETRIEVAL_POINTERS, &in, sizeof(in), &rp, 16, &n, NULL),
	      FALSE, ERROR_INSUFFICIENT_BUFFER);
	CloseHandle(f);
	DeleteFileA("C:\\extents.bin");
}

static void test_symlinks(void)
{
	HANDLE f = CreateFileA("C:\\target.txt", GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);

	CloseHandle(f);
	FAILS(CreateSymbolicLinkA("C:\\link.txt", "C:\\target.txt", 0), FALSE,
	      ERROR_INVALID_FUNCTION);
	CHECK(GetFileAttributesA("C:\\link.txt") == INVALID_FILE_ATTRIBUTES, "no link left");
	FAILS(CreateSymbolicLinkW(L"C:\\linkdir", L"C:\\", SYMBOLIC_LINK_FLAG_DIRECTORY), FALSE,
	      ERROR_INVALID_FUNCTION);
	CHECK(GetFileAttributesA("C:\\linkdir") == INVALID_FILE_ATTRIBUTES, "no directory left");
	FAILS(CreateSymbolicLinkA("C:\\target.txt", "C:\\x", 0), FALSE, ERROR_ALREADY_EXISTS);
	FAILS(CreateSymbolicLinkA("C:\\nodir\\link", "C:\\x", 0), FALSE, ERROR_PATH_NOT_FOUND);
	FAILS(CreateSymbolicLinkA("C:\\link.txt", "C:\\target.txt", 0x10), FALSE,
	      ERROR_INVALID_PARAMETER);
	FAILS(CreateHardLinkA("C:\\hard.txt", "C:\\target.txt", NULL), FALSE,
	      ERROR_INVALID_FUNCTION);
	DeleteFileA("C:\\target.txt");
}

static HANDLE pipe_read_end;
static DWORD read_error;

static DWORD WINAPI blocked_reader(LPVOID p)
{
	char c;
	DWORD n;

	(void)p;
	read_error = ReadFile(pipe_read_end, &c, 1, &n, NULL) ? 0 : GetLastError();
	return 0;
}

static DWORD WINAPI blocked_connect(LPVOID server)
{
	read_error = ConnectNamedPipe(server, NULL) ? 0 : GetLastError();
	return 0;
}

/* A synchronous ConnectNamedPipe and WaitNamedPipe end as cancelled too. */
static void test_cancel_pipe_waits(void)
{
	HANDLE s = CreateNamedPipeA("\\\\.\\pipe\\k32-cancel", PIPE_ACCESS_DUPLEX, PIPE_TYPE_BYTE,
				    1, 512, 512, 0, NULL);
	HANDLE t = CreateThread(NULL, 0, blocked_connect, s, 0, NULL);

	Sleep(200);
	CHECK(CancelSynchronousIo(t), "cancel the connect %lu", GetLastError());
	CHECK(WaitForSingleObject(t, 5000) == WAIT_OBJECT_0 &&
	      read_error == ERROR_OPERATION_ABORTED, "the connect: %lu", read_error);
	CloseHandle(t);
	CloseHandle(s);
}

static void test_cancel_synchronous(void)
{
	HANDLE w, t, limited;

	CreatePipe(&pipe_read_end, &w, NULL, 0);
	t = CreateThread(NULL, 0, blocked_reader, NULL, 0, NULL);
	Sleep(200);
	CHECK(WaitForSingleObject(t, 0) == WAIT_TIMEOUT, "the reader waits");
	DuplicateHandle(GetCurrentProcess(), t, GetCurrentProcess(), &limited, SYNCHRONIZE, FALSE,
			0);
	FAILS(CancelSynchronousIo(limited), FALSE, ERROR_ACCESS_DENIED);
	CHECK(CancelSynchronousIo(t), "cancel %lu", GetLastError());
	CHECK(WaitForSingleObject(t, 5000) == WAIT_OBJECT_0 &&
	      read_error == ERROR_OPERATION_ABORTED, "the read: %lu", read_error);
	FAILS(CancelSynchronousIo(t), FALSE, ERROR_NOT_FOUND);
	FAILS(DeviceIoControl(w, FSCTL_IS_VOLUME_MOUNTED, NULL, 0, NULL, 0, NULL, NULL), FALSE,
	      ERROR_INVALID_FUNCTION);
	FAILS(DeviceIoControl(t, FSCTL_IS_VOLUME_MOUNTED, NULL, 0, NULL, 0, NULL, NULL), FALSE,
	      ERROR_INVALID_HANDLE);
	FAILS(CancelSynchronousIo(GetCurrentThread()), FALSE, ERROR_NOT_FOUND);
	CloseHandle(limited);
	CloseHandle(t);
	CloseHandle(w);
	CloseHandle(pipe_read_end);
}

int main(void)
{
	test_compare();
	test_counters();
	test_scatter_gather();
	test_volume_controls();
	test_retrieval_pointers();
	test_symlinks();
	test_cancel_synchronous();
	test_cancel_pipe_waits();
	printf("k32-io-control: %d failures\n", failures);
	return failures != 0;
}
