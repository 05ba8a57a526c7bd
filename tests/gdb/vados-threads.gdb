# tools/gdb/vados_threads.py's commands on tests/user/parked-threads.c,
# stopped at main's SwitchToThread once its other threads are parked: a
# waiter and a THREAD_PRIORITY_HIGHEST one on an event, a sleeper, and one
# created suspended that never reached ring 3. vados-threads lists every
# thread with its saved registers; vados-bt shows each one's kernel stack
# from its saved context and, in ring 3, its own stack (with the program's
# symbols); gdb's registers are the same afterwards. Bad arguments end in
# gdb errors with a message, never a Python traceback. ASLR is on: the
# ring-3 frames have their names only if vados-symbols found where the image is.
# cmdline: run=parked-threads
#
# Every thread: the kernel's (pid -), main running in its system call.
# expect: ^ +\d+  - idle +ready +0 +0 +-  -
# expect: ^ +\d+  - balance +blocked +8 +\d+ +-  Executive
# expect: ^\* +(\d+)  1 parked-threads +running +8 +\d+ +0  - +0x[0-9a-f]{8}$
# expect: ^      kernel: running \(gdb's registers are its own\)$
# expect: ^      user:   eip 0x0(0[4-9a-f]|1[0-4])[0-9a-f]{5}  esp 0x00[0-3][0-9a-f]{5}  ebp 0x00[0-3][0-9a-f]{5}  \(system call\)$
# expect: ^ +\d+  1 parked-threads +blocked +10 +1[01] +0  Executive +0x[0-9a-f]{8}$
# expect: ^ +\d+  1 parked-threads +blocked +8 +\d+ +0  DelayExecution +0x[0-9a-f]{8}$
# expect: ^ +\d+  1 parked-threads +blocked +8 +\d+ +1  Suspended +0x[0-9a-f]{8}$
# expect: ^      kernel: eip 0x801[0-9a-f]{5} schedule\+\d+  esp 0x[0-9a-f]{8}  ebp 0x[0-9a-f]{8}  ebx
# expect: ^11 thread\(s\)$
# expect: ^vados-symbols: build/user/parked-threads\.exe added \(ring-3 code at 0x0(0[4-9a-f]|1[0-3])[0-9a-f]0000: pid 1's image, linked at 0x00400000\)$
# expect: ^5 thread\(s\)$
#
# The waiter: in ke_wait_multiple through its system call, in ring 3 in
# WaitForSingleObject called by wait_for_stop.
# expect: ^thread \d+ \(pid 1, parked-threads\), blocked: kernel stack$
# expect: ^#0  0x801[0-9a-f]{5} in schedule \(any=.*\) at kernel/ke/thread\.c:\d+$
# expect: ^#\d+ +(0x801[0-9a-f]{5} in )?ke_wait_multiple \(.*\) at kernel/ke/wait\.c:\d+$
# expect: ^#\d+ +0x801[0-9a-f]{5} in sys_wait_for_object \(.*\) at kernel/sys/sys_wait\.c:\d+$
# expect: ^ring 3 \(system call, trap frame at 0x[0-9a-f]{8}\): eip 0x0(0[4-9a-f]|1[0-4])[0-9a-f]{5} WaitForSingleObject\+\d+  esp
# expect: ^#\d+ +0x0(0[4-9a-f]|1[0-4])[0-9a-f]{5} in wait_for_stop \(code=.*\) at tests/user/parked-threads\.c:\d+$
# The sleeper: sys_sleep, Sleep, sleep_hold.
# expect: ^#\d+ +0x801[0-9a-f]{5} in sys_sleep \(.*\) at kernel/sys/sys_process\.c:\d+$
# expect: ^#\d+ +0x0(0[4-9a-f]|1[0-4])[0-9a-f]{5} in sleep_hold \(code=0x3\) at tests/user/parked-threads\.c:\d+$
# The suspended one sleeps in ps_user_return before its first ring-3 instruction.
# expect: ^#\d+ +0x801[0-9a-f]{5} in ps_user_return \(\) at kernel/ps/psthread\.c:\d+$
# expect: ^thread \d+ is not inside a trap from ring 3 \(it has not run ring-3 code yet, or is ending\)$
# The idle thread (it may not have run yet: then it starts in its trampoline,
# which gdb's view keeps as it is, not one byte back).
# expect: ^thread \d+ \(kernel thread idle\), ready: kernel stack$
# expect: ^view_pc: a function's first byte stays, a return address goes one back: yes$
# The running thread: gdb's own backtrace, then its ring-3 one from main.
# expect: ^#0  sys_switch_to_thread \(.*\) at kernel/sys/sys_thread\.c:\d+$
# expect: ^#\d+ +0x0(0[4-9a-f]|1[0-4])[0-9a-f]{5} in main \(argc=.*\) at tests/user/parked-threads\.c:\d+$
# expect: ^registers after vados-bt: the same$
#
# expect: ^error from vados-bt 9999: vados-bt: no thread with id 9999 \(vados-threads lists them\)$
# expect: ^error from vados-bt: vados-bt: usage: vados-bt TID \[full\]$
# expect: ^error from vados-bt x: vados-bt: bad TID 'x'
# expect: ^error from vados-bt 4 most: vados-bt: usage: vados-bt TID \[full\]$
# expect: ^error from vados-threads 99: vados-threads: no process with pid 99
# reject: ^no error from
# reject: ^registers after vados-bt: changed
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

def registers():
    return [int(gdb.parse_and_eval("$" + r)) for r in ("eip", "esp", "ebp", "ebx", "esi", "edi")]
end

hbreak sys_switch_to_thread
continue
delete
vados-threads
vados-threads 1
vados-symbols parked-threads
python
before = registers()
for line in gdb.execute("vados-threads", to_string=True).splitlines():
    cols = line.lstrip("* ").split()
    if len(cols) > 3 and cols[0].isdigit() and cols[1] in ("1", "-") and cols[2] != "main":
        gdb.execute("vados-bt " + cols[0])
print("registers after vados-bt: %s" % ("the same" if registers() == before else "changed"))
entry = int(gdb.parse_and_eval("(unsigned)thread_begin"))
print("view_pc: a function's first byte stays, a return address goes one back: %s" %
      ("yes" if view_pc(entry) == entry and view_pc(entry + 5) == entry + 4 else "no"))
errors("vados-bt 9999", "vados-bt", "vados-bt x", "vados-bt 4 most", "vados-threads 99")
end
kill
