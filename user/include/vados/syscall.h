/* The system-call ABI shared by the kernel and ring 3. A call is `int 0x2E`
 * with EAX = the number and EDX = the address of its 32-bit arguments (on the
 * user stack). It returns EAX = a Win32 error code (0: success) and EDX = the
 * result value; every other register is kept.
 *
 * Where SYS_FAST_CALLS returns 1 (a CPU with sysenter), the same call may be
 * made faster by `sysenter`, as NT's KiFastSystemCall: EAX and EDX as above,
 * ECX = ESP and EBX = the address to come back to. It returns EAX = the
 * error and EBX = the value; ECX and EDX are not kept, the rest is. */
#ifndef VADOS_SYSCALL_H
#define VADOS_SYSCALL_H

#define VADOS_SYSCALL_VECTOR 0x2e

enum vados_syscall {
	SYS_EXIT_PROCESS,       /* (uint32 status): does not return */
	SYS_WRITE_CONSOLE,      /* (const char *buf, uint32 len) -> bytes written */
	SYS_GET_PROCESS_ID,     /* () -> pid */
	SYS_SLEEP,              /* (uint32 milliseconds) */
	SYS_GET_TICK_COUNT,     /* () -> milliseconds since boot */
	SYS_SET_DISPATCHER,     /* (entry): where exceptions enter ring 3 */
	SYS_CONTINUE,           /* (CONTEXT *): resume there; returns only on refusal */
	SYS_RAISE_EXCEPTION,    /* (code, flags, nparams, const ULONG_PTR *params) */
	SYS_UNHANDLED_EXCEPTION,/* (EXCEPTION_RECORD *): no handler took it; ends the process */
	SYS_CREATE_PROCESS,     /* (const char *cmdline, uint32 out[4], inherit, const char *image
				 *  or 0, flags, token or 0, const char *environment block or 0,
				 *  const char *current directory or 0, const char *PATH or 0,
				 *  const void *start-up record or 0): out = process handle,
				 *  pid, thread handle, tid; the child gets a copy of the token
				 *  (0: the caller's), the block (0: the default one), the
				 *  directory (0: the caller's) and the record (its first word
				 *  its size, 4..VADOS_STARTUP_MAX bytes; the runtime's, for
				 *  GetStartupInfo); PATH is searched last for a bare program
				 *  name */
	SYS_OPEN_PROCESS,       /* (pid, access, inherit) -> handle */
	SYS_WAIT_FOR_OBJECT,    /* (handle, milliseconds or 0xFFFFFFFF) -> WAIT_OBJECT_0,
				 *  WAIT_ABANDONED or WAIT_TIMEOUT */
	SYS_GET_EXIT_CODE,      /* (handle) -> exit status, or STILL_ACTIVE (259) */
	SYS_TERMINATE_PROCESS,  /* (handle, status) */
	SYS_CLOSE_HANDLE,       /* (handle) */
	SYS_MEMORY_STATUS,      /* (struct vados_memory_status *out) */
	SYS_READ_CONSOLE,       /* (char *buf, uint32 max) -> bytes read; blocks for input
				 *  unless max has VADOS_READ_CONSOLE_NOWAIT (then 0: none;
				 *  max 0 alone: the bytes waiting, at once) */
	SYS_LIST_PROCESSES,     /* (struct vados_process_info *buf, uint32 max) -> entries */
	SYS_SHUTDOWN,           /* (): powers the machine off (QEMU exits); needs
				 *  SeShutdownPrivilege enabled */
	SYS_VIRTUAL_ALLOC,      /* (process, addr, size, type, protect) -> base */
	SYS_VIRTUAL_FREE,       /* (process, addr, size, type) */
	SYS_VIRTUAL_PROTECT,    /* (process, addr, size, protect, uint32 *old) */
	SYS_VIRTUAL_QUERY,      /* (process, addr, struct vados_region *buf, size) -> bytes */
	SYS_VIRTUAL_LOCK,       /* (process, addr, size) */
	SYS_VIRTUAL_UNLOCK,     /* (process, addr, size) */
	SYS_PROCESS_MEMORY,     /* (process, struct vados_process_memory *out) */
	SYS_SET_WORKING_SET,    /* (process, minimum bytes, maximum bytes, QUOTA_LIMITS_HARDWS_*
				 *  flags or 0) */
	SYS_GET_WORKING_SET,    /* (process, uint32 out[3]): minimum, maximum bytes, flags */
	SYS_MM_COUNTERS,        /* (struct vados_mm_counters *out): since boot */
	SYS_FAST_CALLS,         /* () -> 1 when sysenter may be used (see above), else 0 */
	SYS_DUPLICATE_HANDLE,   /* (src process, src handle, dst process, uint32 *out, access,
				 *  inherit, options) */
	SYS_GET_HANDLE_INFO,    /* (handle) -> HANDLE_FLAG_* */
	SYS_SET_HANDLE_INFO,    /* (handle, mask, flags) */
	SYS_READ_VM,            /* (process, addr, buf, size) -> bytes read, also on failure */
	SYS_WRITE_VM,           /* (process, addr, buf, size) -> bytes written, also on failure */
	SYS_LIST_HANDLES,       /* (pid, after, struct vados_handle_info *buf, max) -> entries */
	SYS_CREATE_EVENT,       /* (name or 0, manual, initial, access, inherit, uint32 *existed)
				 * -> handle */
	SYS_OPEN_EVENT,         /* (name, access, inherit) -> handle */
	SYS_SIGNAL_EVENT,       /* (handle, 0 set / 1 reset / 2 pulse) */
	SYS_GET_WRITE_WATCH,    /* (flags, addr, size, uint32 *addresses, max) -> count */
	SYS_RESET_WRITE_WATCH,  /* (addr, size) */
	SYS_QUERY_WORKING_SET,  /* (process, uint32 *blocks, max) -> pages in the working set */
	SYS_QUERY_WORKING_SET_EX, /* (process, uint32 pairs[n][2]: address, attributes, n) */
	SYS_CREATE_THREAD,      /* (process, stack size, entry, start, parameter, flags,
				 *  uint32 out[2]): out = handle, tid; entry(start, parameter) runs */
	SYS_EXIT_THREAD,        /* (status): does not return */
	SYS_OPEN_THREAD,        /* (tid, access, inherit) -> handle */
	SYS_GET_EXIT_CODE_THREAD, /* (handle) -> exit status, or STILL_ACTIVE (259) */
	SYS_SUSPEND_THREAD,     /* (handle) -> previous suspend count */
	SYS_RESUME_THREAD,      /* (handle) -> previous suspend count */
	SYS_TERMINATE_THREAD,   /* (handle, status) */
	SYS_SWITCH_TO_THREAD,   /* () -> 1 when another thread ran */
	SYS_THREAD_PRIORITY,    /* (handle, set, THREAD_PRIORITY_* when set) -> the priority */
	SYS_THREAD_IDS,         /* (handle, uint32 out[2]): out = tid, pid */
	SYS_ZERO_TLS_CELL,      /* (index): that TLS slot becomes 0 in every thread */
	SYS_LIST_THREADS,       /* (pid, struct vados_thread_info *buf, max) -> entries */
	SYS_CREATE_MUTEX,       /* (name or 0, initial owner, access, inherit, uint32 *existed)
				 * -> handle */
	SYS_OPEN_MUTEX,         /* (name, access, inherit) -> handle */
	SYS_RELEASE_MUTEX,      /* (handle) */
	SYS_CREATE_SEMAPHORE,   /* (name or 0, initial, maximum, access, inherit,
				 *  uint32 *existed) -> handle */
	SYS_OPEN_SEMAPHORE,     /* (name, access, inherit) -> handle */
	SYS_RELEASE_SEMAPHORE,  /* (handle, count, int32 *previous or 0) */
	SYS_WAIT_FOR_MULTIPLE,  /* (count, const HANDLE *handles, wait all, milliseconds)
				 * -> WAIT_OBJECT_0 + i, WAIT_ABANDONED_0 + i or WAIT_TIMEOUT */
	SYS_OPEN_PROCESS_TOKEN, /* (process, access, uint32 *handle) */
	SYS_QUERY_TOKEN,        /* (token, information class, buf, size, uint32 *needed) */
	SYS_ADJUST_PRIVILEGES,  /* (token, disable all, const TOKEN_PRIVILEGES *new or 0, size,
				 *  TOKEN_PRIVILEGES *previous or 0, uint32 *needed or 0)
				 *  -> 1 when new names a privilege the token does not hold */
	SYS_FILTER_TOKEN,       /* (token, flags, count, const LUID_AND_ATTRIBUTES *delete,
				 *  uint32 *handle): a restricted copy */
	SYS_CREATE_SECTION,     /* (name or 0, page protection | SEC_*, size high, size low, access,
				 *  inherit, uint32 *existed, file or INVALID_HANDLE_VALUE) ->
				 *  handle: a pagefile-backed or file-backed section */
	SYS_OPEN_SECTION,       /* (name, access, inherit) -> handle */
	SYS_MAP_VIEW,           /* (section, FILE_MAP_*, offset high, offset low, size, base or 0)
				 *  -> the view's address in the caller's process */
	SYS_UNMAP_VIEW,         /* (address in a view of the caller's process) */
	SYS_FLUSH_VIEW,         /* (address, size) */
	/* Files (kernel/sys/sys_file.c, sys_path.c): paths are resolved
	 * against the caller's current directory, as GetFullPathNameA does. */
	SYS_CREATE_FILE,        /* (path, access, share, disposition, flags and attributes,
				 *  inherit, uint32 *existed) -> handle */
	SYS_READ_FILE,          /* (handle, buf, bytes, OVERLAPPED * or 0) -> bytes read; with
				 *  an OVERLAPPED a success reports to the file's port */
	SYS_WRITE_FILE,         /* (handle, buf, bytes, OVERLAPPED * or 0) -> bytes written */
	SYS_SET_FILE_POINTER,   /* (handle, int64 *distance in / new position out, method) */
	SYS_QUERY_FILE,         /* (handle, struct vados_file_info *, size only: 1 fills in the
				 *  size alone, cheaply) */
	SYS_SET_END_OF_FILE,    /* (handle) */
	SYS_FLUSH_FILE,         /* (handle) */
	SYS_SET_FILE_TIME,      /* (handle, const uint64 *created, *accessed, *written; 0: kept) */
	SYS_DELETE_FILE,        /* (path) */
	SYS_MOVE_FILE,          /* (from, to, MOVEFILE_* flags) */
	SYS_CREATE_DIRECTORY,   /* (path) */
	SYS_REMOVE_DIRECTORY,   /* (path) */
	SYS_GET_FILE_ATTRIBUTES, /* (path, struct vados_find_data * or 0) -> attributes */
	SYS_SET_FILE_ATTRIBUTES, /* (path, attributes) */
	SYS_FIND_FIRST_FILE,    /* (pattern, struct vados_find_data *, VADOS_FIND_*) -> handle */
	SYS_FIND_NEXT_FILE,     /* (handle, struct vados_find_data *) */
	SYS_GET_CURRENT_DIRECTORY, /* (buf, size) -> length, or the size needed (with the NUL) */
	SYS_SET_CURRENT_DIRECTORY, /* (path) */
	SYS_GET_FULL_PATH,      /* (path, buf, size) -> length, or the size needed (with the NUL) */
	SYS_DISK_FREE_SPACE,    /* (root or 0, uint32 out[4]: bytes per sector, sectors per
				 *  cluster, free clusters, total clusters) */
	SYS_GET_SYSTEM_TIME,    /* (uint64 *): 100 ns units since 1601, UTC */
	SYS_QUERY_VIEW_NAME,    /* (process, addr, buf, size) -> length, or the size needed (with
				 *  the NUL): the name of the section whose view holds addr ("":
				 *  unnamed); vados's own (walker) */
	SYS_QUERY_MAPPED_FILE,  /* (process, addr, buf, size) -> length: GetMappedFileNameA */
	SYS_PROCESS_ID_OF,      /* (process handle) -> its pid: GetProcessId */
	SYS_SIGNAL_AND_WAIT,    /* (handle to signal, handle to wait on, milliseconds) -> as
				 *  SYS_WAIT_FOR_OBJECT: SignalObjectAndWait */
	SYS_VIRTUAL_DISCARD,    /* (addr, size, VADOS_DISCARD_*, priority): OfferVirtualMemory,
				 *  DiscardVirtualMemory, ReclaimVirtualMemory (-> 1 when
				 *  some page lost its contents) on the caller's pages */
	/* User APCs and waitable timers (kernel/sys/sys_apc.c, sys_timer.c,
	 * sys_wait.c). */
	SYS_QUEUE_APC,          /* (thread, routine, nargs 1 or 3, arg0, arg1, arg2): the
				 *  routine runs on that thread in ring 3 at its next alertable
				 *  wait */
	SYS_NEXT_APC,           /* (uint32 out[5]) -> 1 when one of the caller's APCs was taken:
				 *  out = routine, nargs, arg0, arg1, arg2; 0: none left */
	SYS_WAIT_ALERTABLE,     /* (count, const HANDLE *handles, wait all, milliseconds, signal
				 *  first, handle to signal) -> as SYS_WAIT_FOR_MULTIPLE, or
				 *  WAIT_IO_COMPLETION: the caller then takes its APCs with
				 *  SYS_NEXT_APC and runs them */
	SYS_SLEEP_ALERTABLE,    /* (milliseconds) -> 0, or WAIT_IO_COMPLETION as above */
	SYS_CREATE_TIMER,       /* (name or 0, manual reset, access, inherit, uint32 *existed)
				 *  -> handle */
	SYS_OPEN_TIMER,         /* (name, access, inherit) -> handle */
	SYS_SET_TIMER,          /* (handle, const int64 *due time, period ms, completion routine
				 *  or 0, its argument): the routine becomes an APC of the
				 *  caller's thread, routine(argument, time low, time high) */
	SYS_CANCEL_TIMER,       /* (handle) */
	SYS_PERFORMANCE_COUNTER, /* (uint64 *counter, uint64 *frequency or 0, uint64 *system
				 *  time or 0): a monotonic count since boot, frequency per
				 *  second (fixed), the system time to the counter's resolution */
	SYS_QUERY_TIMES,        /* (kind, handle, uint64 out[4]): 0 process, 1 thread: created,
				 *  exited (0: running), kernel, user; 2 the system: idle,
				 *  kernel (idle included), user, 0. 100 ns units */
	SYS_PRIORITY_CLASS,     /* (process, set, *_PRIORITY_CLASS when set) -> the class */
	SYS_THREAD_CONTEXT,     /* (thread, CONTEXT *, set): the ContextFlags groups read or
				 *  loaded: GetThreadContext, SetThreadContext */
	SYS_PRIORITY_BOOST,     /* (0 process / 1 thread, handle, set, disable when set) ->
				 *  1 when its wait boosts are disabled */
	SYS_PROCESS_IMAGE_NAME, /* (process, native, char *buf, size) -> length: its program
				 *  file's full path, or (native) its device form */
	SYS_CREATE_IO_COMPLETION, /* () -> handle to a new completion port */
	SYS_SET_IO_COMPLETION,  /* (port, key, bytes, OVERLAPPED *): queues a packet */
	SYS_REMOVE_IO_COMPLETION, /* (port, OVERLAPPED_ENTRY *out, max, ms, alertable) ->
				 *  packets taken */
	SYS_FILE_COMPLETION,    /* (file, 0, port, key): associates; (file, 1, modes) */
	/* Byte-range locks (kernel/sys/sys_filelock.c, kernel/io/lock.c). */
	SYS_LOCK_FILE,          /* (handle, const uint64 range[2]: offset, length, LOCKFILE_*
				 *  flags (0x80000000: a grant posts to the file's completion
				 *  port), event or 0, OVERLAPPED * or 0): LockFileEx; waits
				 *  unless FAIL_IMMEDIATELY, or on a FILE_FLAG_OVERLAPPED
				 *  handle with an OVERLAPPED fails with ERROR_IO_PENDING and
				 *  later writes its Internal, InternalHigh and sets the event */
	SYS_UNLOCK_FILE,        /* (handle, const uint64 range[2]: offset, length) */
	SYS_CANCEL_FILE_IO,     /* (handle, OVERLAPPED * or 0: all): CancelIoEx of the
				 *  caller's pending LockFileEx requests (ERROR_NOT_FOUND) */
	/* Open files as a whole and their volumes (kernel/sys/sys_fileinfo.c). */
	SYS_QUERY_FILE_PATH,    /* (handle, nt, buf, size) -> length, or the size needed (with
				 *  the NUL): the file's full path as its entries spell it,
				 *  "C:\DIR\NAME", or (nt 1) "\Device\HarddiskVolume1\DIR\NAME" */
	SYS_QUERY_VOLUME,       /* (a path on the volume or 0, handle when the path is 0,
				 *  struct vados_volume_info *) */
	SYS_SET_FILE_INFO,      /* (handle, FILE_INFO_BY_HANDLE_CLASS, const void *buf, size):
				 *  SetFileInformationByHandle's classes, Windows' layouts */
	/* Windows 10's memory calls (kernel/sys/sys_virtual.c, sys_section.c):
	 * placement is a const struct vados_placement * or 0 (none). */
	SYS_VIRTUAL_ALLOC2,     /* (process, addr, size, type, protect, placement) -> base */
	SYS_MAP_VIEW3,          /* (section, FILE_MAP_*, offset high, offset low, size, base,
				 *  0 or MEM_REPLACE_PLACEHOLDER, placement, process) -> the
				 *  view's address in that process */
	SYS_MEMORY_NOTIFICATION,        /* (high) -> a handle to an event the memory manager
					 *  keeps signalled while memory is high (else low) */
	SYS_CREATE_PIPE,        /* (uint32 handles[2] out: read, write; inherit; size) */
	SYS_PEEK_PIPE,          /* (handle, buf or 0, len, uint32 out[3] or 0: copied,
				 *  available, left in the message) */
	SYS_NOTIFY_CHANGE,      /* (directory handle, buffer, length, FILE_NOTIFY_CHANGE_*,
				 *  flags: 1 subtree, 2 signal the handle (no buffer), 4 to
				 *  the completion port; event handle, OVERLAPPED *,
				 *  completion routine; 0: synchronous) -> bytes */
	SYS_THREAD_DESCRIPTION, /* (handle, WCHAR *buf, units, set) -> the description's
				 *  units (SetThreadDescription, GetThreadDescription) */
	SYS_CREATE_NAMED_PIPE,  /* (name, open mode, pipe mode, max instances, out size,
				 *  in size, default timeout, inherit) -> handle */
	SYS_OPEN_NAMED_PIPE,    /* (name, access, flags, inherit) -> handle */
	SYS_CONNECT_NAMED_PIPE, /* (handle, OVERLAPPED * or 0, event or 0) */
	SYS_DISCONNECT_NAMED_PIPE,      /* (handle) */
	SYS_WAIT_NAMED_PIPE,    /* (name, timeout) */
	SYS_NAMED_PIPE_STATE,   /* (handle, set, mode, uint32 out[8] or 0: flags, out size,
				 *  in size, max instances, mode, instances, client pid,
				 *  server pid) */
	SYS_PIPE_OVERLAPPED,    /* (handle, buf, len, flags: 1 write, 2 may pend, 4 routine;
				 *  OVERLAPPED *, event or 0 or routine) -> bytes */
	SYS_CREATE_JOB,         /* (name or 0, access, inherit, uint32 *existed) -> handle */
	SYS_OPEN_JOB,           /* (name, access, inherit) -> handle */
	SYS_ASSIGN_JOB,         /* (job, process) */
	SYS_TERMINATE_JOB,      /* (job, exit code) */
	SYS_IS_PROCESS_IN_JOB,  /* (process, job or 0) -> 1 or 0 */
	SYS_QUERY_JOB,          /* (job or 0, class, buf, len, uint32 *returned or 0) */
	SYS_SET_JOB,            /* (job, class, buf, len) */
	SYS_WS_WATCH,           /* (process, op: 0 start, 1 take, 2 take _EX; buf, bytes)
				 *  -> the bytes the records need */
	SYS_SETTING,            /* (kind: 0 process, 1 thread; handle, VADOS_SETTING_*,
				 *  set, value) -> the value */
	SYS_FILE_CACHE_LIMITS,  /* (set, uint32 limits[3]: min, max bytes, FILE_CACHE_*) */
	SYS_COMPARE_OBJECTS,    /* (handle, handle): ERROR_NOT_SAME_OBJECT when not one */
	SYS_IO_COUNTERS,        /* (process, uint64 out[6]: IO_COUNTERS) */
	SYS_READ_SCATTER,       /* (handle, FILE_SEGMENT_ELEMENT *, bytes, OVERLAPPED * or 0)
				 *  -> bytes */
	SYS_WRITE_GATHER,       /* (the same) -> bytes */
	SYS_DEVICE_IO_CONTROL,  /* (handle, code, in, in size, out, out size, OVERLAPPED *
				 *  or 0) -> bytes returned */
	SYS_CANCEL_SYNCHRONOUS_IO,      /* (thread) */
	SYS_QUERY_DEVICE,       /* (handle) -> VADOS_DEVICE_* (another object:
				 *  ERROR_INVALID_HANDLE) */
	SYS_UNMAP_VIEW2,        /* (process, address, preserve): the view holding address goes
				 *  (preserve: becomes the placeholder it replaced) */
	SYS_QUERY_DIRECTORY,    /* (handle, VADOS_LIST_* flags, struct vados_find_data *) */
	SYS_COUNT,
};

/* What a Device handle (CreateFile of "NUL", "CONIN$", "CONOUT$"...) is. */
#define VADOS_DEVICE_NUL    1
#define VADOS_DEVICE_CONIN  2
#define VADOS_DEVICE_CONOUT 3

/* SYS_SETTING's words, which the kernel keeps per process or thread for
 * Get/SetProcessInformation and Get/SetThreadInformation (user/lib/
 * procinfo.c checks them). POWER holds the control mask in its low half,
 * the state mask in its high half. THREAD_BASE is the thread's base
 * priority level (setting it picks the THREAD_PRIORITY_* that gives it). */
#define VADOS_SETTING_MEMORY_PRIORITY  0
#define VADOS_SETTING_POWER            1
#define VADOS_SETTING_LEAP_SECONDS     2       /* a process's */
#define VADOS_SETTING_EXHAUSTION       3       /* a process's */
#define VADOS_SETTING_DYNAMIC_CODE     2       /* a thread's */
#define VADOS_SETTING_THREAD_BASE      3       /* a thread's, not stored */
#define VADOS_SETTINGS                 4
#define VADOS_MEMORY_PRIORITY_NORMAL   5

/* MEM_ADDRESS_REQUIREMENTS' fields, for SYS_VIRTUAL_ALLOC2 and SYS_MAP_VIEW3. */
struct vados_placement {
	unsigned int lowest, highest, alignment;
};

/* SYS_READ_CONSOLE's max: take what was typed, without waiting. */
#define VADOS_READ_CONSOLE_NOWAIT 0x80000000u

/* SYS_VIRTUAL_DISCARD's operations. */
#define VADOS_DISCARD_OFFER   1
#define VADOS_DISCARD_DISCARD 2
#define VADOS_DISCARD_RECLAIM 3

#define VADOS_SYSCALL_MAX_ARGS 10
/* SYS_CREATE_PROCESS's start-up record: at most this many bytes. */
#define VADOS_STARTUP_MAX 1024

/* SYS_FIND_FIRST_FILE's and SYS_FIND_NEXT_FILE's answer: WIN32_FIND_DATAA's
 * layout (320 bytes); times are FILETIMEs split in two words. */
struct vados_find_data {
	unsigned int attributes;
	unsigned int created[2], accessed[2], written[2];
	unsigned int size_high, size_low;
	unsigned int reserved0, reserved1;
	char name[260];
	char short_name[14];
};

/* SYS_FIND_FIRST_FILE's flags: FindExInfoBasic (no short names) and
 * FindExSearchLimitToDirectories (directories only). */
#define VADOS_FIND_BASIC       0x1u
#define VADOS_FIND_DIRECTORIES 0x2u
/* SYS_QUERY_DIRECTORY's flags: start the listing over; leave its position. */
#define VADOS_LIST_RESTART 0x1u
#define VADOS_LIST_PEEK    0x2u

/* SYS_QUERY_FILE's answer: BY_HANDLE_FILE_INFORMATION's layout (52 bytes),
 * then what FILE_STANDARD_INFO adds. A handle without FILE_READ_ATTRIBUTES
 * gets 0 for the attributes and times, and readable 0. */
struct vados_file_info {
	unsigned int attributes;
	unsigned int created[2], accessed[2], written[2];
	unsigned int serial;
	unsigned int size_high, size_low;
	unsigned int links, index_high, index_low;
	unsigned int allocation_high, allocation_low;   /* the bytes its clusters hold */
	unsigned int delete_pending, directory;
	unsigned int readable;
};

/* SYS_QUERY_VOLUME's answer: the serial number and the label ("" for none). */
struct vados_volume_info {
	unsigned int serial;
	char label[12];
};

/* One SYS_LIST_PROCESSES entry. */
struct vados_process_info {
	unsigned int pid;
	unsigned int exited;            /* 1 once it has ended */
	unsigned int exit_status;
	unsigned int handles;           /* handles in its table */
	char name[32];
	unsigned int threads;           /* threads that have not ended */
	unsigned int parent_pid;        /* its creator's (0: the kernel started it) */
	unsigned int priority_base;     /* its priority class's base level (NORMAL: 8) */
};

/* One SYS_LIST_THREADS entry. */
struct vados_thread_info {
	unsigned int tid, pid;
	unsigned int state;             /* 0 ready, 1 running, 2 waiting, 3 ended */
	unsigned int base_priority, priority, suspend_count;
	char wait_reason[16];           /* while waiting: "UserRequest", "Suspended"... */
	unsigned int teb, stack_base, stack_limit;
};

/* One SYS_LIST_HANDLES entry: handles above `after`, lowest first. */
struct vados_handle_info {
	unsigned int handle, access, flags;
	char type[16];                  /* "Process"... */
	char name[64];                  /* the object's name, "" when unnamed */
	unsigned int detail;            /* a process: its pid */
};

/* SYS_MEMORY_STATUS: the machine's figures, in pages; the virtual ones are
 * the calling process's user address space. */
struct vados_memory_status {
	unsigned int phys_pages, phys_avail_pages;
	unsigned int commit_limit_pages, commit_charge_pages;
	unsigned int virtual_pages, virtual_free_pages;
	unsigned int swap_slots, swap_slots_used;       /* the swap partition (0: none) */
	unsigned int swap_slots_copies;  /* of those used, copies of resident pages: given back
					  * when they are written or swap runs short */
	unsigned int large_page_minimum; /* bytes: GetLargePageMinimum */
	unsigned int commit_peak_pages;  /* the highest commit charge since boot */
	unsigned int cache_pages;        /* standby and modified: the system cache */
	unsigned int kernel_pages;       /* the kernel's pool, all nonpaged */
};

/* SYS_PROCESS_MEMORY's answer: PROCESS_MEMORY_COUNTERS's layout (40 bytes),
 * sizes in bytes; the pool figures are 0. */
struct vados_process_memory {
	unsigned int cb, page_faults;
	unsigned int peak_working_set, working_set;
	unsigned int pool[4];
	unsigned int commit, peak_commit;
};

/* SYS_MM_COUNTERS: the memory manager's work since boot, machine-wide. */
struct vados_mm_counters {
	unsigned int demand_zero_faults, image_faults, soft_faults, hard_faults;
	unsigned int collided_faults, guard_faults, access_violations, in_page_errors;
	unsigned int pages_trimmed, clean_pages_dropped, swap_copies_kept, swap_copies_dropped;
	unsigned int zeroed_by_idle, zeroed_on_fault_path;
	unsigned int swap_pages_written, swap_pages_read, swap_write_requests, swap_read_requests;
	unsigned int tlb_page_flushes, tlb_full_flushes, address_space_switches;
	unsigned int large_pages_made, large_page_moves;   /* runs that needed moves, pages moved */
	unsigned int cache_hits, cache_misses;  /* file cache: pages found in memory, not */
	unsigned int cache_pages_read, cache_pages_written, cache_lazy_pages;   /* from and to
					  * files; of the written, by the lazy writer */
};

/* SYS_VIRTUAL_QUERY's answer: MEMORY_BASIC_INFORMATION's layout (28 bytes). */
struct vados_region {
	unsigned int base, allocation_base, allocation_protect, size;
	unsigned int state, protect, type;
};

/* Exceptions reach ring 3 at the entry registered with SYS_SET_DISPATCHER,
 * called as void entry(EXCEPTION_RECORD *, CONTEXT *) (cdecl) with both
 * structures on the user stack below the faulting ESP (vados/ntabi.h). */

#endif
