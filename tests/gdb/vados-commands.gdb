# tools/gdb/vados.py's commands on tests/user/gdb-target.c, which lays out a
# region at 0x20000000 (page 0 locked, pages 1..15 paged out, page 16 a guard
# page, page 17 demand-zero, the rest reserved) on a 16 MB machine with swap.
# gdb stops in the modified page writer (a kernel thread: the pages in
# transition), in the program's VirtualQuery (a system call: every state), in
# vm_fault on page 1 (the page-fault handler: paged out), back in ring-3 code
# (vados-user, vados-symbols) and at the program's end (status 0: its pages
# came back intact). Bad arguments end in gdb errors with a message, never a
# Python traceback.
# cmdline: aslr=off run=gdb-target
# mem: 16
# disk: 64
#
# In the writer: the process sleeps; CR3 may still hold its directory (kernel
# threads keep whichever is loaded), so its PTE is read either way.
# expect: ^\*? +1  gdb-target +(blocked|ready) +0x[0-9a-f]{8} +\d+ +\d+ +\d+$
# expect: ^writer:   PTE at (physical 0x[0-9a-f]{5}004|0xc0080004): 0x[0-9a-f]{5}02c  transition \(frame 0x[0-9a-f]+\), PAGE_READWRITE$
# expect: ^writer: PFN 0x[0-9a-f]+ \(\d+\), physical 0x[0-9a-f]{8}: modified, share 1, WRITING age 0$
# expect: ^writer:   back pointer: PTE at 0xc0080004 in page table frame 0x[0-9a-f]+: maps 0x20001000 in pid 1 \(gdb-target\)$
#
# In the system call: the process runs and CR3 is its directory.
# expect: ^\* +1  gdb-target +running +0x[0-9a-f]{8} +\d+ +\d+ +\d+$
# expect: ^1 process\(es\)$
# expect: ^0x00200000 0x00300000 +256 +\d+ MEM_PRIVATE PAGE_READWRITE +stack +\d$
# expect: ^0x00400000 0x004[0-9a-f]{5} +\d+ +\d+ MEM_IMAGE +PAGE_EXECUTE_WRITECOPY +- +\d$
# expect: ^0x20000000 0x20040000 +64 +18 MEM_PRIVATE PAGE_READWRITE +- +\d$
# expect: ^0x7ffdf000 0x7ffe0000 +1 +1 MEM_PRIVATE PAGE_READWRITE +committed PAGE_READWRITE +\d$
# expect: ^4 VAD\(s\), maximum depth 2$
# expect: ^syscall:   PTE at 0xc0080000: 0x[0-9a-f]{5}0[67]7  present: frame 0x[0-9a-f]+, P RW US A( D)?$
# expect: ^syscall:   frame 0x[0-9a-f]+: protection PAGE_READWRITE, active, share \d, LOCKED\S* age \d$
# expect: ^syscall:   PTE at 0xc0080004: 0x[0-9a-f]{5}02a  paged out \(swap slot \d+\), PAGE_READWRITE$
# expect: ^syscall:   PTE at 0xc008003c: 0x[0-9a-f]{5}02a  paged out \(swap slot \d+\), PAGE_READWRITE$
# expect: ^syscall:   PTE at 0xc0080040: 0x000000a2  demand-zero, PAGE_READWRITE\|PAGE_GUARD$
# expect: ^syscall:   PTE at 0xc0080044: 0x00000022  demand-zero, PAGE_READWRITE$
# expect: ^syscall:   VAD: VAD 0x20000000-0x20040000 MEM_PRIVATE, not committed whole: reserved
# expect: ^syscall:   PTE: none \(no page table covers this address\)$
# expect: ^syscall:   VAD: no VAD holds 0x30000000: free
# expect: ^syscall:   PTE at 0xc0200400: 0x00100[0-9a-f]{3}  present: frame 0x100, P A G$
# The direct window's second 4 MB is one global large page (the CPU has PSE).
# expect: ^syscall:   PDE  513 at 0xc0300804: 0x004001[0-9a-f]{2}  4 MB page: frames 0x400-0x7ff, P RW (A )?(D )?PS G$
# expect: ^syscall:   PTE: none \(a 4 MB page\); the address is in frame 0x401$
# expect: ^syscall: PFN 0x[0-9a-f]+ \(\d+\), physical 0x[0-9a-f]{8}: active, share \d, LOCKED\S* age \d$
# expect: ^syscall:   back pointer: PTE at 0xc0080000 in page table frame 0x[0-9a-f]+: maps 0x20000000 in pid 1 \(gdb-target\)$
# expect: ^syscall:   original PTE: 0x00000022  protection PAGE_READWRITE
# expect: ^PFN 0x100 \(256\), physical 0x00100000: unmanaged, share 0, no flags age 0$
# expect: ^frames: \d+ managed, \d+ active, zeroed \d+, free \d+, standby \d+, modified \d+, bad 0$
# expect: ^commit: \d+ pages charged of a limit of \d+ \(\d+ KB of \d+ KB\), \d+ left$
# expect: ^swap: \d+ slots, (1[5-9]|[2-9]\d|\d{3,}) used, \d+ free, 0 bad$
# expect: ^working set of pid 1 \(gdb-target\): \d+ pages counted, minimum 50, maximum 345$
# expect: ^0x20000000 0x[0-9a-f]+ +\d yes +yes +yes *$
# expect: ^\d+ present user page\(s\)$
# reject: ^0x2000[1-9a-f]000 0x[0-9a-f]+ +\d (yes|no)
#
# In the page-fault handler, then back in ring 3.
# expect: ^Breakpoint \d+, vm_fault \(vm=0x[0-9a-f]+, addr=536875008, write=false, pc=\d+\)
# expect: ^fault:   PTE at 0xc0080004: 0x[0-9a-f]{5}02a  paged out \(swap slot \d+\), PAGE_READWRITE$
# expect: ^pid 1 \(gdb-target\) left ring 3 by a page fault at 0x20001000, error 0x4; frame at 0x[0-9a-f]{8}:$
# expect: ^vados-symbols: build/user/gdb-target.exe added \(ring-3 code at 0x00400000: pid 1's image, linked at 0x00400000\)$
# expect: ^  eip is main \+ \d+ in section \.text of .*gdb-target\.exe$
# expect: ^Temporary breakpoint \d+, main \(\) at tests/user/gdb-target\.c:\d+$
# expect: ^\d+\s+page1 = \*\(volatile uint32_t \*\)page_at\(1\);$
# expect: ^#0 +main \(\) at tests/user/gdb-target\.c:\d+$
# expect: ^\$1 = 0x1b$
# expect: ^ring3:   PTE at 0xc0080004: 0x[0-9a-f]{5}0[0-9a-f][57]  present: frame
# expect: ^gdb-target exits with status 0$
#
# Bad arguments.
# expect: ^error from vados-vad 99: vados-vad: no process with pid 99 \(vados-ps lists them\)$
# expect: ^error from vados-vad one: vados-vad: bad PID 'one': give a number
# expect: ^error from vados-ws: vados-ws: usage: vados-ws PID$
# expect: ^error from vados-pte nonsense: vados-pte: bad address 'nonsense'$
# expect: ^error from vados-pte 0x20000000 99: vados-pte: no process with pid 99
# expect: ^error from vados-pfn 99999999: vados-pfn: frame 0x5f5e0ff is beyond the PFN database
# expect: ^error from vados-pfn 0x30000000: vados-pfn: 0x30000000 has no page table
# expect: ^error from vados-pfn 0x20012000: vados-pfn: 0x20012000 has no frame: its PTE 0x00000000 says 0: nothing recorded
# expect: ^error from vados-symbols no-such-program: vados-symbols: no program 'no-such-program'
# expect: ^error from vados-ps extra: vados-ps: takes no arguments$
# reject: ^no error from
# reject: Traceback|Python Exception|internal error
set confirm off
source tools/gdb/vados.py
python
def errors(*commands):
    """Runs each command, printing the gdb error it ends with."""
    for cmd in commands:
        try:
            gdb.execute(cmd)
            print("no error from " + cmd)
        except gdb.error as e:
            print("error from %s: %s" % (cmd, e))

def prefixed(tag, cmd):
    """Runs cmd with tag before each line of its output."""
    for line in gdb.execute(cmd, to_string=True).splitlines():
        print("%s: %s" % (tag, line))
end

# 1. The modified page writer's first write with page 1 in transition (the
# program trims its pages over several calls: the writer may start between).
hbreak swap_io if write
python
for _ in range(10):
    gdb.execute("continue")
    if "transition" in gdb.execute("vados-pte 0x20001000 1", to_string=True):
        break
end
vados-ps
python prefixed("writer", "vados-pte 0x20001000 1")
python prefixed("writer", "vados-pfn 0x20001000 1")
delete

# 2. The program's VirtualQuery(0x20000000).
hbreak sys_virtual_query if a[1] == 0x20000000
continue
vados-ps
vados-vad 1
python prefixed("syscall", "vados-pte 0x20000000")
python prefixed("syscall", "vados-pte 0x20001000")
python prefixed("syscall", "vados-pte 0x2000f000")
python prefixed("syscall", "vados-pte 0x20010000")
python prefixed("syscall", "vados-pte 0x20011000")
python prefixed("syscall", "vados-pte 0x20012000")
python prefixed("syscall", "vados-pte 0x30000000")
python prefixed("syscall", "vados-pte 0x80100000")
python prefixed("syscall", "vados-pte 0x80401000")
python prefixed("syscall", "vados-pfn 0x20000000")
vados-pfn 256
vados-mem
vados-ws 1
delete

# 3. The read of page 1, in the page-fault handler; then back to ring 3.
hbreak vm_fault if addr == 0x20001000 && !write
continue
python prefixed("fault", "vados-pte 0x20001000")
vados-user
vados-symbols gdb-target
vados-user
tbreak *$vados_user_eip
continue
bt
print/x $cs
python prefixed("ring3", "vados-pte 0x20001000")

# 4. The program ends well: its pages came back intact.
delete
hbreak process_exit
continue
printf "gdb-target exits with status %u\n", status

python errors("vados-vad 99", "vados-vad one", "vados-ws", "vados-pte nonsense", "vados-pte 0x20000000 99", "vados-pfn 99999999", "vados-pfn 0x30000000", "vados-pfn 0x20012000", "vados-symbols no-such-program", "vados-ps extra")
kill
