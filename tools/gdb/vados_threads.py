"""Kernel-aware gdb commands for vados's threads (kernel/ke/thread.c and
kernel/ps/psthread.c), as WinDbg's !thread and .thread give for Windows.
Sourced by tools/gdb/vados.py, whose helpers (VadosCommand, Problem,
Process, find_process, read, Layout...) it uses.

    vados-threads [PID]       every thread (or those of PID): id, process, state,
                              base and current priority, suspend count, wait
                              reason, and the registers it saved: its kernel
                              context and the ring-3 ones it entered the kernel with
    vados-bt TID [full]       that thread's backtrace: the kernel part, then the
                              ring-3 part when its address space is the current one
    vados-user [PID]          the ring-3 registers a process's thread entered the
                              kernel with; $vados_user_eip, _esp, _ebp

A thread that is not running switched out in arch_switch_context
(arch/switch.asm), which pushed EBP, EBX, ESI and EDI below its return
address and left ESP in the thread's `esp` field. A thread inside a trap
(a system call, a fault, an interrupt) has trap_dispatch's frame on its
kernel stack: the frame-pointer chain from the thread's registers leads to
it, and its argument is the struct trap_frame (arch/trap.h) that holds the
ring-3 registers when the trap came from ring 3. vados-bt shows a switched-
out thread by loading its saved registers into gdb's frame 0 for one
`backtrace` (EIP one byte back, inside the call that switched it out, so
that gdb names that line) and restoring them afterwards (also on error or
Ctrl-C), so `continue` resumes the machine as it was.
"""
import gdb

SWITCH_FRAME = ("edi", "esi", "ebx", "ebp", "eip")   # arch/switch.asm, from the saved ESP up
GDB_REGISTERS = ("eip", "esp", "ebp", "eax", "ebx", "ecx", "edx", "esi", "edi")
SYSCALL_VECTORS = (0x2E, 0x2F)  # int 0x2E and sysenter (arch/sysenter.h: TRAP_SYSENTER)
MAX_FRAMES = 64


def function_at(pc):
    """The name of the function holding pc in the kernel's debug information, or None."""
    if pc < KERNEL_BASE:
        return None
    try:
        block = gdb.block_for_pc(pc)
    except RuntimeError:
        return None
    while block is not None and block.function is None:
        block = block.superblock
    return block.function.name if block is not None else None


def view_pc(pc):
    """Where gdb's frame 0 should say a switched-out thread is: inside the
    call to arch_switch_context (one byte back from its return address), so
    that gdb names the caller's line, not code inlined after the call; a
    thread that never ran returns to the first instruction of its entry
    trampoline, which stays as it is."""
    block, outermost = gdb.block_for_pc(pc) if pc >= KERNEL_BASE else None, None
    while block is not None:
        if block.function is not None:
            outermost = block       # inlined functions' blocks lie inside
        block = block.superblock
    return pc if outermost is not None and outermost.start == pc else pc - 1


def symbolize(pc):
    """'function+offset' for pc, or '?' outside every loaded symbol."""
    where = gdb.execute("info symbol 0x%x" % pc, to_string=True).strip()
    if where.startswith("No symbol"):
        return "?"
    return where.split(" in section")[0].replace(" + ", "+")


class Thread:
    """A struct thread (and its struct ps_thread for a ring-3 one), read once."""

    def __init__(self, value, running):
        k = value.dereference()
        self.addr, self.running = int(value), running
        self.tid = int(k["id"])
        self.name = k["name"].string(length=16).split("\0")[0]
        self.state = state_names("enum thread_state").get(int(k["state"]), "?")
        self.state = self.state.replace("THREAD_", "").lower()
        self.base, self.priority = int(k["base_priority"]), int(k["priority"])
        self.stack, self.esp = int(k["stack"]), int(k["esp"])
        reason = k["wait_reason"]
        self.wait_reason = reason.string() if int(reason) and self.state == "blocked" else "-"
        self.process = Process(k["process"]) if int(k["process"]) else None
        self.suspend_count = None
        if self.process:
            ps = value.cast(gdb.lookup_type("struct ps_thread").pointer()).dereference()
            self.suspend_count = int(ps["suspend_count"])

    def owner(self):
        """'PID NAME', or '- NAME' for a kernel thread."""
        return "%d %s" % (self.process.pid, self.process.name) if self.process else \
            "- %s" % self.name

    def stack_range(self):
        """[low, high) of its kernel stack."""
        if self.stack:
            return self.stack + PAGE, self.stack + (KSTACK_PAGES + 1) * PAGE
        return (int(static("boot_stack_bottom").address),     # the boot thread's
                int(static("boot_stack_top").address))

    def kernel_registers(self):
        """Its kernel registers: gdb's own for the running thread, else the
        context arch_switch_context saved (ESP as after its return)."""
        if self.running:
            return {r: int(gdb.parse_and_eval("$" + r)) & 0xFFFFFFFF for r in GDB_REGISTERS}
        if self.state == "dead":
            raise Problem("thread %d has ended: its stack is gone" % self.tid)
        regs = dict(zip(SWITCH_FRAME, words(read(self.esp, 4 * len(SWITCH_FRAME)))))
        regs["esp"] = self.esp + 4 * len(SWITCH_FRAME)
        return regs

    def frames(self):
        """(pc, ebp) of each frame on its kernel stack, innermost first,
        following the frame-pointer chain while it stays on the stack."""
        regs = self.kernel_registers()
        low, high = self.stack_range()
        result, ebp = [(regs["eip"], regs["ebp"])], regs["ebp"]
        while low <= ebp <= high - 8 and len(result) < MAX_FRAMES:
            caller_ebp, ret = words(read(ebp, 8))
            result.append((ret, caller_ebp))
            if caller_ebp <= ebp:
                break
            ebp = caller_ebp
        return result

    def trap_frame(self):
        """(address, fields) of the outermost trap frame on its kernel stack
        when that trap came from ring 3, else None."""
        frames = self.frames()
        found = None
        for i, (pc, ebp) in enumerate(frames):
            if function_at(pc if i == 0 else pc - 1) == "trap_dispatch":
                found = words(read(ebp + 8, 4))[0]
        if found is None:
            return None
        f = Layout("struct trap_frame").read(found)
        return (found, f) if f["cs"] & 3 == 3 else None


def threads():
    """Every thread the scheduler knows, lowest id first."""
    now = int(static("thread_now"))
    t, seen, result = static("all", "kernel/ke/thread.c"), set(), []
    while int(t) and int(t) not in seen and len(seen) < 100000:
        seen.add(int(t))
        result.append(Thread(t, int(t) == now))
        t = t.dereference()["all_next"]
    return sorted(result, key=lambda x: x.tid)


def find_thread(arg):
    try:
        tid = int(arg, 0)
    except ValueError:
        raise Problem("bad TID %r: give a number (vados-threads lists them)" % arg)
    for t in threads():
        if t.tid == tid:
            return t
    raise Problem("no thread with id %d (vados-threads lists them)" % tid)


def trap_cause(f):
    if f["vector"] in SYSCALL_VECTORS:
        return "system call"
    if f["vector"] == 14:
        return "page fault at 0x%08x" % f["cr2"]
    return "vector %d" % f["vector"]


class Registers:
    """Loads registers into gdb's frame 0 and puts the real ones back on exit."""

    def __init__(self, values):
        self.values, self.saved = values, {}

    def __enter__(self):
        gdb.newest_frame().select()
        self.saved = {r: int(gdb.parse_and_eval("$" + r)) & 0xFFFFFFFF for r in GDB_REGISTERS}
        for r, v in self.values.items():
            gdb.execute("set $%s = 0x%x" % (r, v), to_string=True)
        return self

    def __exit__(self, *exc):
        gdb.newest_frame().select()
        for r, v in self.saved.items():
            gdb.execute("set $%s = 0x%x" % (r, v), to_string=True)
        gdb.newest_frame().select()
        return False


class Threads(VadosCommand):
    """vados-threads [PID]: every thread, or those of process PID, by id.
TID, PID and PROCESS ('-' and their name for kernel threads), STATE
(ready, running, blocked, dead), BASE and PRIO (the base priority and the
current one, boosts included), SUSP (suspend count), WAIT REASON (while
blocked), THREAD (the struct thread's address). Then its registers: the
kernel context it switched out with (eip is where it resumes, in schedule),
and for a thread inside a trap from ring 3 the ring-3 eip, esp and ebp and
the trap's cause. '*' marks the running thread, whose registers are gdb's."""
    usage = "[PID]"

    def __init__(self):
        super().__init__("vados-threads")

    def run(self, argv):
        self.args(argv, 0, 1)
        need_target()
        rows = threads()
        if argv:
            pid = find_process(argv[0]).pid
            rows = [t for t in rows if t.process and t.process.pid == pid]
        print("%-1s %4s  %-20s %-8s %4s %4s %4s  %-15s %s" % (
            "", "TID", "PID PROCESS", "STATE", "BASE", "PRIO", "SUSP", "WAIT REASON", "THREAD"))
        for t in rows:
            self.show(t)
        print("%d thread(s)" % len(rows))

    @staticmethod
    def show(t):
        print("%-1s %4d  %-20s %-8s %4d %4d %4s  %-15s %s" % (
            "*" if t.running else "", t.tid, t.owner(), t.state, t.base, t.priority,
            "-" if t.suspend_count is None else t.suspend_count, t.wait_reason,
            hex32(t.addr)))
        if t.state == "dead":
            return
        if t.running:
            print("      kernel: running (gdb's registers are its own)")
        else:
            r = t.kernel_registers()
            print("      kernel: eip %s %s  esp %s  ebp %s  ebx %s  esi %s  edi %s" % (
                hex32(r["eip"]), symbolize(r["eip"]), hex32(r["esp"]), hex32(r["ebp"]),
                hex32(r["ebx"]), hex32(r["esi"]), hex32(r["edi"])))
        trap = t.trap_frame() if t.process else None
        if trap:
            f = trap[1]
            print("      user:   eip %s  esp %s  ebp %s  (%s)" % (
                hex32(f["eip"]), hex32(f["user_esp"]), hex32(f["ebp"]), trap_cause(f)))


class Backtrace(VadosCommand):
    """vados-bt TID [full]: the backtrace of thread TID (vados-threads lists them).
A thread that is not running is shown from the context it switched out with:
its saved registers go into gdb's frame 0 for one `backtrace` (`full`: with
locals), and gdb's own registers are put back afterwards. Then, for a thread
inside a trap from ring 3, its ring-3 registers and, when its process's
directory is the one CR3 holds, its ring-3 backtrace (vados-symbols PROGRAM
names the frames)."""
    usage = "TID [full]"

    def __init__(self):
        super().__init__("vados-bt")

    def run(self, argv):
        self.args(argv, 1, 2)
        if len(argv) == 2 and argv[1] != "full":
            raise Problem("usage: vados-bt TID [full]")
        need_target()
        t = find_thread(argv[0])
        bt = "backtrace full" if len(argv) == 2 else "backtrace"
        who = "pid %d, %s" % (t.process.pid, t.process.name) if t.process else \
            "kernel thread %s" % t.name
        print("thread %d (%s), %s: kernel stack" % (t.tid, who, t.state))
        if t.running:
            gdb.execute(bt)
        else:
            regs = t.kernel_registers()
            regs["eip"] = view_pc(regs["eip"])
            with Registers(regs):
                gdb.execute(bt)
        trap = t.trap_frame() if t.process else None
        if t.process and not trap:
            print("thread %d is not inside a trap from ring 3 (it has not run ring-3 code "
                  "yet, or is ending)" % t.tid)
        if trap:
            self.user_part(t, trap)

    @staticmethod
    def user_part(t, trap):
        addr, f = trap
        print("ring 3 (%s, trap frame at %s): eip %s %s  esp %s  ebp %s" % (
            trap_cause(f), hex32(addr), hex32(f["eip"]), symbolize(f["eip"]),
            hex32(f["user_esp"]), hex32(f["ebp"])))
        if t.process.pd != cr3() >> 12:
            print("its ring-3 stack lies in pid %d's address space, which CR3 does not hold: "
                  "stop while pid %d runs to see it" % (t.process.pid, t.process.pid))
            return
        regs = {"eip": f["eip"], "esp": f["user_esp"], "ebp": f["ebp"]}
        regs.update((r, f[r]) for r in ("eax", "ebx", "ecx", "edx", "esi", "edi"))
        with Registers(regs):
            gdb.execute("backtrace")


class User(VadosCommand):
    """vados-user [PID]: the ring-3 registers a process entered the kernel with.
The trap frame (struct trap_frame, arch/trap.h) that the system call, fault
or interrupt that took it out of ring 3 saved on its thread's kernel stack:
the running thread's when it belongs to the process, else its newest
thread's. Without PID: the process whose directory CR3 holds. Sets
$vados_user_eip, $vados_user_esp and $vados_user_ebp, so that after
vados-symbols PROGRAM, `tbreak *$vados_user_eip` and `continue` stop back in
user code (at the faulting instruction, which runs again, or after the
system call). vados-threads shows every thread's."""
    usage = "[PID]"

    def __init__(self):
        super().__init__("vados-user")

    def run(self, argv):
        self.args(argv, 0, 1)
        need_target()
        proc = find_process(argv[0]) if argv else current_process()
        if proc is None:
            raise Problem("CR3 holds no process's directory (a kernel thread runs): "
                          "give a PID")
        mine = [t for t in threads() if t.process and t.process.pid == proc.pid and
                t.state != "dead"]
        if not mine:
            raise Problem("pid %d (%s) has no thread any more" % (proc.pid, proc.name))
        t = next((t for t in mine if t.running), None) or \
            next(t for t in mine if t.addr == int(proc.thread))
        trap = t.trap_frame()
        if not trap:
            raise Problem("pid %d (%s) is not inside a trap from ring 3 (thread %d)"
                          % (proc.pid, proc.name, t.tid))
        addr, f = trap
        print("pid %d (%s) left ring 3 by a %s, error 0x%x; frame at %s:" % (
            proc.pid, proc.name, trap_cause(f), f["error"], hex32(addr)))
        print("  eip %s  esp %s  ebp %s  eflags 0x%08x" % (
            hex32(f["eip"]), hex32(f["user_esp"]), hex32(f["ebp"]), f["eflags"]))
        print("  eax %s  ebx %s  ecx %s  edx %s  esi %s  edi %s" % tuple(
            hex32(f[r]) for r in ("eax", "ebx", "ecx", "edx", "esi", "edi")))
        where = gdb.execute("info symbol 0x%x" % f["eip"], to_string=True).strip()
        print("  eip is " + (where if "No symbol" not in where else
                             "not in any loaded symbols (vados-symbols %s)" % proc.name))
        for reg, key in (("eip", "eip"), ("esp", "user_esp"), ("ebp", "ebp")):
            gdb.set_convenience_variable("vados_user_" + reg, f[key])


for command in (Threads, Backtrace, User):
    command()
