"""Kernel-aware gdb commands for vados: the memory manager's view of a stopped
kernel, as WinDbg's !process, !vad, !pte, !pfn give for Windows.

Loaded by `make gdb` and `make debug` (through tools/gdbinit), or by hand:
    gdb -x tools/gdb/vados.py build/kernel.elf

    vados-symbols PROGRAM     add build/user/PROGRAM.exe's symbols (ring-3 breakpoints, lines)
    vados-ps                  every process: pid, name, state, directory, working set,
                              commit, faults
    vados-vad PID             a process's VAD tree in address order, with each node's depth
    vados-pte ADDR [PID]      the PDE and PTE of an address, decoded (hardware or software PTE,
                              or a 4 MB PDE)
    vados-pfn N | 0xADDR [PID]  a PFN database entry: by frame number, or the frame mapping ADDR
    vados-mem                 frames per list, commit charge and limit, swap slots
    vados-ws PID              a process's working set: its present user pages, their age
    $vados_pid()              the pid whose address space CR3 holds (0: none), for conditions
    vados-handles PID, vados-object ADDR   handles and objects (tools/gdb/vados_objects.py)
    vados-section ADDR [PID] | NAME   a section's control area, views and prototype PTEs
                              (tools/gdb/vados_sections.py)
    vados-threads [PID], vados-bt TID, vados-user [PID]   threads: their states, saved
                              registers and stacks, the ring-3 registers of a trap
                              (tools/gdb/vados_threads.py)

Every command only reads memory (nothing runs in the target), so they work
wherever the kernel stopped: in the idle loop, a system call or the page-fault
handler. Structures and enums come from the kernel's DWARF (struct process,
struct vm_space, struct vm_vad, struct pfn_entry, struct trap_frame, enum
pfn_state); the constants below are the headers' macros, which the debug
information does not have.

Physical memory P is read through the kernel's direct window at
0x80000000 + P (P < 512 MB, mm/mm.h); a frame above it is read through the
self-map when it belongs to the current address space, else through QEMU's
physical-memory mode of its gdb stub.
"""
import os
import struct

import gdb

# This file, while gdb sources it (gdb drops __file__ afterwards).
SCRIPT = os.path.abspath(globals()["__file__"]) if "__file__" in globals() else None

# mm/mm.h, arch/mmu.h, mm/pfn.h, mm/pte.h, mm/vm.h
KERNEL_BASE = 0x80000000
DIRECT_MAX = 0x20000000
PTE_BASE = 0xC0000000
PDE_BASE = 0xC0300000
PFN_DB_BASE = 0xC0800000
USER_LOW, USER_HIGH = 0x00010000, 0x7FFF0000
PAGE = 4096
KSTACK_PAGES = 4        # kernel/ke/thread.h: a thread's stack, above its guard page

PFN_FLAGS = [(0x01, "LOCKED"), (0x02, "WRITING"), (0x04, "READING"), (0x08, "FILLED")]
PFN_AGE_SHIFT, PFN_AGE_MAX = 4, 7

PTE_KINDS = ["none", "demand-zero", "decommitted", "(unused)", "held", "paged out",
             "transition", "prototype pointer", "present"]
PROT_BASES = ["PAGE_NOACCESS", "PAGE_READONLY", "PAGE_READWRITE", "PAGE_WRITECOPY",
              "PAGE_EXECUTE", "PAGE_EXECUTE_READ", "PAGE_EXECUTE_READWRITE",
              "PAGE_EXECUTE_WRITECOPY"]
PROT_GUARD, PROT_NOCACHE = 0x08, 0x10
MEM_TYPES = {0x20000: "MEM_PRIVATE", 0x40000: "MEM_MAPPED", 0x1000000: "MEM_IMAGE"}
VAD_COMMITTED, VAD_STACK = 0x1, 0x2

HW_BITS = [(0x001, "P"), (0x002, "RW"), (0x004, "US"), (0x008, "PWT"), (0x010, "PCD"),
           (0x020, "A"), (0x040, "D"), (0x080, "PS"), (0x100, "G")]


class Problem(Exception):
    """A user-facing error; becomes a gdb error with this message."""


# ---- reading the target ----------------------------------------------------------

def read(addr, size):
    """size bytes of kernel virtual memory at addr."""
    try:
        return bytes(gdb.selected_inferior().read_memory(addr, size))
    except gdb.MemoryError:
        raise Problem("cannot read %d bytes at 0x%08x (not mapped in the current "
                      "address space?)" % (size, addr))


def words(data):
    return struct.unpack("<%dI" % (len(data) // 4), data)


def target_running():
    try:
        return gdb.selected_inferior().pid != 0 and gdb.selected_thread() is not None
    except gdb.error:
        return False


def need_target():
    """Raises unless a stopped vados with paging on is attached: before
    paging, kernel data is not at its addresses."""
    if not target_running():
        raise Problem("no target: attach to vados first (make gdb, or "
                      "target remote localhost:1234)")
    try:
        cr0 = int(gdb.parse_and_eval("$cr0"))
    except gdb.error:
        return
    if not cr0 & 0x80000000:
        raise Problem("paging is off (the boot code has not turned it on yet): kernel "
                      "data is not at its addresses; stop later (e.g. hbreak kernel_main)")


def cr3():
    try:
        return int(gdb.parse_and_eval("$cr3")) & 0xFFFFFFFF
    except gdb.error:
        raise Problem("cannot read CR3 (QEMU's gdb stub gives it; is this QEMU?)")


def phys_read(paddr, size):
    """size bytes of physical memory at paddr (within one page)."""
    if paddr + size <= DIRECT_MAX:
        return read(KERNEL_BASE + paddr, size)
    try:
        gdb.execute("maintenance packet Qqemu.PhyMemMode:1", to_string=True)
        try:
            return bytes(gdb.selected_inferior().read_memory(paddr, size))
        finally:
            gdb.execute("maintenance packet Qqemu.PhyMemMode:0", to_string=True)
    except gdb.error:
        raise Problem("frame 0x%x lies beyond the direct window (512 MB) and QEMU's "
                      "physical-memory mode failed" % (paddr >> 12))


def static(name, source=None):
    """The kernel variable name (a static of source, e.g. 'mm/pfn.c', when given)."""
    expr = "'%s'::%s" % (source, name) if source else name
    try:
        return gdb.parse_and_eval(expr)
    except gdb.error:
        raise Problem("kernel symbol %s not found: load build/kernel.elf (the ELF "
                      "that booted)" % expr)


class Layout:
    """Offsets of a struct's scalar fields (nested structs flattened with
    dots) from the DWARF, to decode a whole struct read in one go."""
    cache = {}

    def __new__(cls, typename):
        if typename not in cls.cache:
            obj = super().__new__(cls)
            try:
                t = gdb.lookup_type(typename)
            except gdb.error:
                raise Problem("type %s not in the kernel's debug information" % typename)
            obj.size, obj.fields = t.sizeof, {}
            obj._add(t, 0, "")
            cls.cache[typename] = obj
        return cls.cache[typename]

    def _add(self, t, base, prefix):
        for f in t.strip_typedefs().fields():
            ft = f.type.strip_typedefs()
            off = base + f.bitpos // 8
            if ft.code == gdb.TYPE_CODE_STRUCT:
                self._add(ft, off, prefix + f.name + ".")
            elif ft.sizeof in (1, 2, 4) and ft.code != gdb.TYPE_CODE_ARRAY:
                signed = getattr(ft, "is_signed", False)
                fmt = {1: "B", 2: "H", 4: "I"}[ft.sizeof]
                self.fields[prefix + f.name] = (off, fmt.lower() if signed else fmt)

    def decode(self, data):
        return {name: struct.unpack_from("<" + fmt, data, off)[0]
                for name, (off, fmt) in self.fields.items()}

    def read(self, addr):
        return self.decode(read(addr, self.size))


# ---- decoding ---------------------------------------------------------------------

def prot_name(p):
    """A 5-bit protection (mm/pte.h) in Win32 names."""
    s = PROT_BASES[p & 7]
    if p & PROT_GUARD:
        s += "|PAGE_GUARD"
    if p & PROT_NOCACHE:
        s += "|PAGE_NOCACHE"
    return s


def win32_prot_name(v):
    """A Win32 protection value in names."""
    names = [n for i, n in enumerate(PROT_BASES) if v & (1 << i)]
    if v & 0x100:
        names.append("PAGE_GUARD")
    if v & 0x200:
        names.append("PAGE_NOCACHE")
    rest = v & ~0x3FF
    if rest or not names:
        names.append("0x%x" % v)
    return "|".join(names)


def hw_flags(raw):
    return " ".join(n for bit, n in HW_BITS if raw & bit) or "-"


def pte_describe(raw):
    """One line saying what a PTE holds (hardware or mm/pte.h software format)."""
    if raw == 0:
        return "0: nothing recorded (the VAD says what the page is)"
    if raw & 1:
        return "present: frame 0x%x, %s" % (raw >> 12, hw_flags(raw))
    kind, prot, index = raw >> 1 & 7, raw >> 4 & 0x1F, raw >> 12
    if kind == 0 or raw & 0x0E00:
        return "not a valid software PTE (kind %d)" % kind
    if kind == 7:
        return "prototype pointer: the view's section page %d (its prototype PTE; " \
               "protection: the view's)" % index
    what = PTE_KINDS[kind]
    if kind in (4, 6):
        what += " (frame 0x%x)" % index
    elif kind == 5:
        what += " (swap slot %d)" % index
    elif index:
        what += " (index 0x%x: should be 0)" % index
    return "%s, %s" % (what, prot_name(prot))


def pfn_flags_text(flags):
    names = [n for bit, n in PFN_FLAGS if flags & bit]
    return "%s age %d" % ("|".join(names) or "no flags", flags >> PFN_AGE_SHIFT & PFN_AGE_MAX)


# ---- processes and address spaces --------------------------------------------------

def state_names(enum):
    try:
        return {f.enumval: f.name for f in gdb.lookup_type(enum).fields()}
    except gdb.error:
        return {}


class Process:
    """A struct process, read once."""

    def __init__(self, value):
        self.addr = int(value)
        p = value.dereference()
        self.pid = int(p["pid"])
        self.name = p["name"].string(length=32).split("\0")[0]
        self.exited, self.terminating = bool(p["exited"]), bool(p["terminating"])
        self.exit_status = int(p["exit_status"])
        self.vm_addr = int(p["vm"])
        self.pd = int(p["pd"])
        self.thread = p["threads"]        # the newest thread (struct ps_thread *)
        self.vm = p["vm"].dereference() if self.vm_addr else None

    def state(self):
        if self.exited:
            return "exited"
        if self.terminating:
            return "terminating"
        if not int(self.thread):
            return "gone"
        t = state_names("enum thread_state").get(int(self.thread.dereference()["k"]["state"]), "?")
        return t.replace("THREAD_", "").lower()

    def space(self):
        if not self.vm_addr or not self.pd:
            raise Problem("pid %d (%s) has no address space any more (%s)"
                          % (self.pid, self.name, self.state()))
        return Space(self.pd, self)


def processes():
    result, p, seen = [], static("all_processes", "kernel/ps/process.c"), set()
    while int(p) and int(p) not in seen and len(seen) < 100000:
        seen.add(int(p))
        result.append(Process(p))
        p = p.dereference()["all_next"]
    return result


def find_process(arg):
    try:
        pid = int(arg, 0)
    except ValueError:
        raise Problem("bad PID %r: give a number (vados-ps lists them)" % arg)
    for p in processes():
        if p.pid == pid:
            return p
    raise Problem("no process with pid %d (vados-ps lists them)" % pid)


def current_process():
    pd = cr3() >> 12
    return next((p for p in processes() if p.pd == pd), None)


class Space:
    """An address space: its page directory frame, read-only."""

    def __init__(self, pd, process=None):
        self.pd, self.process = pd, process
        self.current = (cr3() >> 12) == pd

    def _table_read(self, frame, index_va, size, offset):
        """Reads size bytes at offset of frame; index_va: the self-map address
        of the same bytes, used when this space is current."""
        if frame * PAGE + PAGE > DIRECT_MAX and self.current:
            return read(index_va, size)
        return phys_read(frame * PAGE + offset, size)

    def pde(self, va):
        i = va >> 22
        return words(self._table_read(self.pd, PDE_BASE + i * 4, 4, i * 4))[0]

    def directory(self):
        return words(self._table_read(self.pd, PDE_BASE, PAGE, 0))

    def table(self, pde_index, pde):
        """The 1024 PTEs of the table pde (present) points at."""
        return words(self._table_read(pde >> 12, PTE_BASE + pde_index * PAGE, PAGE, 0))

    def where(self, selfmap_va, frame, index):
        """Where entry index of table frame is: its self-map address when this
        space is current, else its physical address."""
        if self.current:
            return hex32(selfmap_va)
        return "physical " + hex32(frame * PAGE + index * 4)

    def pte(self, va):
        """The PDE of va and its PTE (None: no page table, absent or a large PDE)."""
        pde = self.pde(va)
        if not pde & 1 or pde_large(pde):
            return pde, None
        i = va >> 12 & 1023
        raw = self._table_read(pde >> 12, PTE_BASE + (va >> 12) * 4, 4, i * 4)
        return pde, words(raw)[0]


# ---- VADs ---------------------------------------------------------------------------

def vad_layout():
    return Layout("struct vm_vad")


def vad_root(proc):
    """The root node's address and the node count of proc's VAD tree."""
    proc.space()                # raises when proc has no address space
    return int(proc.vm["vads"]["root"]), int(proc.vm["vads"]["count"])


def vads_in_order(proc):
    """(node address, fields, depth) for every VAD of proc, lowest first."""
    root, count = vad_root(proc)
    lay, out, stack, node, depth = vad_layout(), [], [], root, 0
    while stack or node:
        while node:
            f = lay.read(node)
            stack.append((node, f, depth))
            node, depth = f["node.left"], depth + 1
            if len(stack) > 64:
                raise Problem("pid %d's VAD tree is deeper than 64: corrupt?" % proc.pid)
        node_addr, f, d = stack.pop()
        out.append((node_addr, f, d))
        if len(out) > count + 1000:
            raise Problem("pid %d's VAD tree has more nodes than its count %d: corrupt?"
                          % (proc.pid, count))
        node, depth = f["node.right"], d + 1
    return out


def vad_at(proc, page):
    """The fields of the VAD of proc holding page, or None."""
    node, lay = vad_root(proc)[0], vad_layout()
    for _ in range(64):
        if not node:
            return None
        f = lay.read(node)
        if page < f["node.start"]:
            node = f["node.left"]
        elif page >= f["node.end"]:
            node = f["node.right"]
        else:
            return f
    raise Problem("pid %d's VAD tree is deeper than 64: corrupt?" % proc.pid)


def vad_type(f):
    return MEM_TYPES.get(f["node.type"], "type 0x%x" % f["node.type"])


def vad_says(proc, va):
    """What the VAD of proc says about va, whose PTE is 0."""
    if proc is None:
        return "no process owns this address space: no VAD to ask"
    f = vad_at(proc, va >> 12)
    if f is None:
        return "no VAD holds 0x%08x: free (an access is an access violation)" % va
    where = "VAD 0x%08x-0x%08x %s" % (f["node.start"] << 12, f["node.end"] << 12, vad_type(f))
    if f["view"]:
        return "%s, a view: its prototype PTE says what the page is" % where
    if f["node.flags"] & VAD_COMMITTED:
        return "%s, committed whole: committed demand-zero, %s" % (
            where, prot_name(f["node.protect"]))
    return "%s, not committed whole: reserved (an access is an access violation)" % where


# ---- PFN database -------------------------------------------------------------------

def pfn_highest():
    return int(static("db_highest", "mm/pfn.c"))


def pfn_entry(frame):
    if frame > pfn_highest():
        raise Problem("frame 0x%x is beyond the PFN database (highest frame 0x%x)"
                      % (frame, pfn_highest()))
    lay = Layout("struct pfn_entry")
    return lay.read(PFN_DB_BASE + frame * lay.size)


def pfn_state_name(state):
    """enum pfn_state's name for state, lower case: zeroed ... active, unmanaged."""
    return state_names("enum pfn_state").get(state, "state %d" % state) \
        .replace("PFN_", "").lower()


def pfn_list_names():
    """The states that are lists (those below PFN_LISTS), in order."""
    names = state_names("enum pfn_state")
    limit = next((v for v, n in names.items() if n == "PFN_LISTS"), 5)
    return [pfn_state_name(v) for v in range(limit)]


def pte_owner(pte_va, pt_frame):
    """Who maps through the PTE at self-map address pte_va in table pt_frame."""
    va = ((pte_va - PTE_BASE) // 4) << 12
    if va >= KERNEL_BASE:
        return "%s (%s)" % (hex32(va), kernel_region(va))
    for p in processes():
        if p.pd and p.vm_addr:
            try:
                pde = p.space().pde(va)
            except Problem:
                continue
            if pde & 1 and pde >> 12 == pt_frame:
                return "%s in pid %d (%s)" % (hex32(va), p.pid, p.name)
    return "%s (no process's directory holds table 0x%x)" % (hex32(va), pt_frame)


KERNEL_REGIONS = [   # README's memory map
    (0x80000000, 0xA0000000, "the kernel's direct window on physical memory"),
    (0xA0000000, 0xC0000000, "kernel pool"),
    (0xC0000000, 0xC0400000, "a page table, through the self-map"),
    (0xC0400000, 0xC0410000, "hyperspace"),
    (0xC0800000, 0xC2800000, "the PFN database"),
]


def kernel_region(va):
    return next((name for lo, hi, name in KERNEL_REGIONS if lo <= va < hi), "kernel")


def hex32(v):
    return "0x%08x" % v


# ---- commands -----------------------------------------------------------------------

class VadosCommand(gdb.Command):
    """Base: turns every failure into a gdb error with a clear message."""
    usage = ""

    def __init__(self, name):
        super().__init__(name, gdb.COMMAND_USER)
        self.name = name

    def invoke(self, arg, from_tty):
        try:
            self.run(gdb.string_to_argv(arg))
        except Problem as e:
            raise gdb.GdbError("%s: %s" % (self.name, e))
        except gdb.GdbError:
            raise
        except gdb.error as e:
            raise gdb.GdbError("%s: %s" % (self.name, e))
        except Exception as e:     # a bug here: still no traceback
            raise gdb.GdbError("%s: internal error: %s: %s" % (self.name, type(e).__name__, e))

    def args(self, argv, least, most):
        if not least <= len(argv) <= most:
            raise Problem("usage: %s %s" % (self.name, self.usage) if self.usage
                          else "takes no arguments")

    def number(self, text, what):
        try:
            return int(gdb.parse_and_eval(text)) & 0xFFFFFFFF
        except gdb.error:
            raise Problem("bad %s %r" % (what, text))


class Symbols(VadosCommand):
    """vados-symbols PROGRAM [PID]: add a ring-3 program's symbols where its
image is. PROGRAM is a name (build/user/PROGRAM.exe, or build/run-user/PROGRAM.exe
that tools/run-user made) or a path to the ELF. Programs are linked at
0x00400000 and ASLR moves each one's image to a base of its own, one per
program per boot: the base is read from the kernel, the MEM_IMAGE VAD of
process PID, else of the current process when it runs PROGRAM, else of any
process that does (none: the linked base), and the symbols are added at that
offset. A program added before is removed first. A breakpoint in ring-3 code
hits in any process running code at that address: add `if $vados_pid() == PID`
to tell them apart."""
    usage = "PROGRAM [PID]"
    loaded = None

    def __init__(self):
        super().__init__("vados-symbols")

    def run(self, argv):
        self.args(argv, 1, 2)
        path = self.find(argv[0])
        linked = self.linked_base(path)
        proc, base = self.image_of(path, argv[1] if len(argv) > 1 else None)
        if Symbols.loaded:
            try:
                gdb.execute("remove-symbol-file %s" % Symbols.loaded, to_string=True)
            except gdb.error:
                pass
        gdb.execute("add-symbol-file %s -o %#x" % (path, (base - linked) & 0xFFFFFFFF),
                    from_tty=False, to_string=True)
        Symbols.loaded = path
        here = os.getcwd() + os.sep
        shown = path[len(here):] if path.startswith(here) else path
        whose = ("pid %d's image" % proc.pid) if proc else "no process runs it"
        print("vados-symbols: %s added (ring-3 code at %s: %s, linked at %s)"
              % (shown, hex32(base), whose, hex32(linked)))

    @staticmethod
    def linked_base(path):
        """The page of the ELF's first PT_LOAD: where it was linked."""
        with open(path, "rb") as f:
            head = f.read(4096)
        if head[:4] != b"\x7fELF" or len(head) < 52:
            raise Problem("%s is not an ELF file" % path)
        phoff, = struct.unpack_from("<I", head, 28)
        phnum, = struct.unpack_from("<H", head, 44)
        for i in range(phnum):
            at = phoff + 32 * i
            if at + 32 <= len(head) and struct.unpack_from("<I", head, at)[0] == 1:
                return struct.unpack_from("<I", head, at + 8)[0] & ~0xFFF
        raise Problem("%s has no loadable segment" % path)

    @staticmethod
    def image_of(path, pid):
        """(the process whose image is read, the image's base): process pid's,
        else the current process's or any process's running the program at
        path; (None, its linked base) when none does."""
        program = os.path.basename(path).lower()
        program = program[:-4] if program.endswith(".exe") else program

        def runs_it(p):
            name = p.name.replace("\\", "/").split("/")[-1].lower()
            return (name[:-4] if name.endswith(".exe") else name) == program

        if pid is not None:
            need_target()
            candidates = [find_process(pid)]
        elif target_running():
            here = current_process()
            candidates = ([here] if here else []) + [
                p for p in processes() if not here or p.pid != here.pid]
            candidates = [p for p in candidates if runs_it(p) and p.vm_addr and p.pd]
        else:
            candidates = []
        for proc in candidates:
            for _, f, _ in vads_in_order(proc):
                if f["node.type"] == 0x1000000:         # MEM_IMAGE
                    return proc, f["node.start"] << 12
        if pid is not None:
            raise Problem("pid %s has no image mapped" % pid)
        return None, Symbols.linked_base(path)

    @staticmethod
    def find(name):
        """The ELF file of program name: built by make or tools/run-user, or a path."""
        base = name[:-4] if name.endswith(".exe") else name
        for top in tops():
            for sub in ("user", "run-user"):
                path = os.path.join(top, "build", sub, base + ".exe")
                if os.path.isfile(path):
                    return path
        if os.path.isfile(name):
            return os.path.abspath(name)
        raise Problem("no program %r: not a file, and no build/user/%s.exe "
                      "(make builds every program)" % (name, base))


def tops():
    """Candidate repository tops: this script's, the kernel ELF's, the cwd."""
    found = []
    if SCRIPT:
        found.append(os.path.dirname(os.path.dirname(os.path.dirname(SCRIPT))))
    for obj in gdb.objfiles():
        if obj.filename and obj.filename.endswith("kernel.elf"):
            d = os.path.dirname(os.path.abspath(obj.filename))
            while d != "/" and os.path.basename(d) != "build":
                d = os.path.dirname(d)
            if d != "/":
                found.append(os.path.dirname(d))
    found.append(os.getcwd())
    return [d for i, d in enumerate(found) if d not in found[:i]]


class Ps(VadosCommand):
    """vados-ps: one line per process.
PID, NAME, STATE (running, ready, blocked, terminating, exited), PD (the page
directory's physical address), WS (working-set pages), COMMIT (private
committed pages, stack included: what GetProcessMemoryInfo calls
PagefileUsage), FAULTS (page faults). '*' marks the process whose directory
CR3 holds (kernel threads keep the last process's directory loaded)."""

    def __init__(self):
        super().__init__("vados-ps")

    def run(self, argv):
        self.args(argv, 0, 0)
        need_target()
        current = cr3() >> 12
        print("%-1s %4s  %-20s %-11s %-10s %6s %7s %8s" % (
            "", "PID", "NAME", "STATE", "PD", "WS", "COMMIT", "FAULTS"))
        procs = processes()
        for p in sorted(procs, key=lambda p: p.pid):
            if p.vm is not None:
                c = p.vm["c"]
                ws, commit, faults = (str(int(c[k])) for k in ("resident", "private_commit", "faults"))
            else:
                ws = commit = faults = "-"
            pd = hex32(p.pd * PAGE) if p.pd else "-"
            print("%-1s %4d  %-20s %-11s %-10s %6s %7s %8s" % (
                "*" if p.pd and p.pd == current else "", p.pid, p.name, p.state(), pd,
                ws, commit, faults))
        print("%d process(es)" % len(procs))


class Vad(VadosCommand):
    """vados-vad PID: the VAD tree of a process in address order.
Each line: [START, END) (END excluded), PAGES reserved, COMMIT (pages
committed), TYPE (MEM_PRIVATE, MEM_IMAGE), PROTECT (the protection given at
reservation), FLAGS (committed: a zero PTE is a committed page with that
protection; stack: guard faults grow it), DEPTH (0: the root). Then the
count and the maximum depth."""
    usage = "PID"

    def __init__(self):
        super().__init__("vados-vad")

    def run(self, argv):
        self.args(argv, 1, 1)
        need_target()
        proc = find_process(argv[0])
        nodes = vads_in_order(proc)
        count = vad_root(proc)[1]
        print("VADs of pid %d (%s), in address order:" % (proc.pid, proc.name))
        print("%-10s %-10s %7s %7s %-11s %-24s %-30s %5s" % (
            "START", "END", "PAGES", "COMMIT", "TYPE", "PROTECT", "FLAGS", "DEPTH"))
        for _, f, depth in nodes:
            flags = []
            if f["node.flags"] & VAD_COMMITTED:
                flags.append("committed " + prot_name(f["node.protect"]))
            if f["node.flags"] & VAD_STACK:
                flags.append("stack")
            print("%-10s %-10s %7d %7d %-11s %-24s %-30s %5d" % (
                hex32(f["node.start"] << 12), hex32(f["node.end"] << 12),
                f["node.end"] - f["node.start"], f["committed"], vad_type(f),
                win32_prot_name(f["alloc_protect"]), ",".join(flags) or "-", depth))
        deepest = max((d for _, _, d in nodes), default=-1)
        note = "" if count == len(nodes) else " (the tree's count says %d!)" % count
        print("%d VAD(s), maximum depth %d%s" % (len(nodes), deepest, note))


class Pte(VadosCommand):
    """vados-pte ADDR [PID]: the PDE and PTE of a virtual address.
Without PID: the address space CR3 holds. Raw values, then what they mean:
hardware bits of a present entry (with the Win32 protection its PFN entry
keeps), or the software kind of mm/pte.h (demand-zero, decommitted, image,
held with its frame, paged out with its swap slot, transition with its
frame, prototype pointer) and its protection. A zero PTE is what the VAD
says; in a view, a zero PTE or a prototype pointer leads to the page's
prototype PTE, which is shown decoded (vados-section). A large PDE
(PS: the kernel's direct window, MEM_LARGE_PAGES) has no PTE: its frames
and the one holding the address are shown."""
    usage = "ADDR [PID]"

    def __init__(self):
        super().__init__("vados-pte")

    def run(self, argv):
        self.args(argv, 1, 2)
        need_target()
        va = self.number(argv[0], "address")
        if len(argv) == 2:
            proc = find_process(argv[1])
            space = proc.space()
        else:
            proc = current_process()
            space = Space(cr3() >> 12, proc)
            if va < KERNEL_BASE and proc is None:
                raise Problem("CR3 holds no process's directory (a kernel thread runs): "
                              "give a PID")
        who = "pid %d (%s)" % (proc.pid, proc.name) if proc else "the kernel"
        print("%s in %s, directory at %s%s:" % (hex32(va), who, hex32(space.pd * PAGE),
                                                " (current)" if space.current else ""))
        pde, pte = space.pte(va)
        print("  PDE %4d at %s: 0x%08x  %s" % (
            va >> 22, space.where(PDE_BASE + (va >> 22) * 4, space.pd, va >> 22), pde,
            pde_describe(pde)))
        if pte is None and pde_large(pde):
            frame = (pde >> 22 << 10) + (va >> 12 & 1023)
            print("  PTE: none (a 4 MB page); the address is in frame 0x%x" % frame)
            self.present_details(frame << 12)
            return
        if pte is None:
            print("  PTE: none (no page table covers this address)")
            if va < KERNEL_BASE:
                print("  VAD: " + vad_says(proc, va))
            return
        print("  PTE at %s: 0x%08x  %s" % (
            space.where(PTE_BASE + (va >> 12) * 4, pde >> 12, va >> 12 & 1023), pte,
            pte_describe(pte)))
        if pte & 1:
            self.present_details(pte)
        elif pte == 0 and va < KERNEL_BASE:
            print("  VAD: " + vad_says(proc, va))
        if va < KERNEL_BASE and (pte == 0 or pte >> 1 & 7 == 7):
            hit = view_proto(proc, va)
            if hit:
                raw = words(read(hit[0], 4))[0]
                print("  prototype PTE at %s (%s): 0x%08x  %s" % (
                    hex32(hit[0]), proto_owner(hit[0]), raw, proto_describe(raw)))

    @staticmethod
    def present_details(pte):
        frame = pte >> 12
        if frame > pfn_highest():
            return
        e = pfn_entry(frame)
        active = pfn_state_name(e["state"]) == "active"
        prot = "protection %s, " % prot_name(e["original_pte"] >> 4 & 0x1F) \
            if active and e["original_pte"] else ""
        print("  frame 0x%x: %s%s, share %d, %s" % (frame, prot, pfn_state_name(e["state"]),
                                                    e["share"], pfn_flags_text(e["flags"])))


def pde_large(pde):
    """Whether pde maps a 4 MB page (PS set; arch/mmu.h)."""
    return pde & 0x81 == 0x81


def pde_describe(pde):
    if not pde & 1:
        return "not present" if pde == 0 else "not present (0x%08x)" % pde
    if pde_large(pde):
        first = pde >> 22 << 10
        return "4 MB page: frames 0x%x-0x%x, %s" % (first, first + 1023, hw_flags(pde))
    return "page table at frame 0x%x, %s" % (pde >> 12, hw_flags(pde))


class Pfn(VadosCommand):
    """vados-pfn N | 0xADDR [PID]: a PFN database entry.
N (decimal) is a frame number; 0xADDR (hexadecimal) a virtual address, whose
frame is looked up through the address space CR3 holds (or PID's): present,
transition and held PTEs name one. Shows the state (a list, active or
unmanaged), share count (a section's frame: the process PTEs mapping it),
flags and age, list links, the back pointer (the self-map address of the PTE
that maps the frame, and the page table holding it; for a section's frame,
its prototype PTE and the control area's page), and the original PTE. A view's
page whose PTE is 0 or a prototype pointer is found through its prototype PTE."""
    usage = "N | 0xADDR [PID]"

    def __init__(self):
        super().__init__("vados-pfn")

    def run(self, argv):
        self.args(argv, 1, 2)
        need_target()
        if argv[0].lower().startswith("0x"):
            frame = self.frame_of(self.number(argv[0], "address"), argv[1:])
        else:
            if len(argv) > 1:
                raise Problem("a PID goes with an address (0x...), not a frame number")
            try:
                frame = int(argv[0], 10)
            except ValueError:
                raise Problem("bad frame number %r: N (decimal) or 0xADDR" % argv[0])
        e = pfn_entry(frame)
        state = pfn_state_name(e["state"])
        print("PFN 0x%x (%d), physical %s: %s, share %d, %s" % (
            frame, frame, hex32(frame * PAGE), state, e["share"], pfn_flags_text(e["flags"])))
        if state in pfn_list_names():
            print("  list links: flink 0x%x, blink 0x%x" % (e["flink"], e["blink"]))
        if POOL_BASE <= e["pte"] < POOL_END:
            print("  back pointer: prototype PTE at %s: %s" % (hex32(e["pte"]),
                                                            proto_owner(e["pte"])))
        elif e["pte"]:
            print("  back pointer: PTE at %s in page table frame 0x%x: maps %s" % (
                hex32(e["pte"]), e["pt_frame"], pte_owner(e["pte"], e["pt_frame"])))
        else:
            print("  back pointer: none")
        orig = e["original_pte"]
        print("  original PTE: 0x%08x  %s" % (orig, self.original(orig, state)))

    @staticmethod
    def original(orig, state):
        """What the original PTE means: the page's protection while the frame
        is active, its swap slot once the writer saved it."""
        if orig == 0:
            return "none"
        if state in ("standby", "modified") and orig >> 1 & 7 == 5:
            return "saved in swap slot %d" % (orig >> 12)
        if state == "active" and orig >> 1 & 7 == 1:
            return "protection %s (the page's Win32 protection)" % prot_name(orig >> 4 & 0x1F)
        return pte_describe(orig)

    def frame_of(self, va, rest):
        proc = find_process(rest[0]) if len(rest) == 1 else current_process()
        space = proc.space() if len(rest) == 1 else Space(cr3() >> 12)
        pde, pte = space.pte(va)
        if pte is None:
            raise Problem("%s has no page table (PDE 0x%08x)" % (hex32(va), pde))
        if pte & 1 or (pte >> 1 & 7) in (4, 6):
            print("%s: PTE 0x%08x, frame 0x%x" % (hex32(va), pte, pte >> 12))
            return pte >> 12
        hit = view_proto(proc, va) if va < KERNEL_BASE and (pte == 0 or pte >> 1 & 7 == 7) \
            else None
        proto = words(read(hit[0], 4))[0] if hit else 0
        if proto & 1 or proto >> 1 & 7 == 6:
            print("%s: PTE 0x%08x, prototype PTE at %s: 0x%08x, frame 0x%x" % (
                hex32(va), pte, hex32(hit[0]), proto, proto >> 12))
            return proto >> 12
        raise Problem("%s has no frame: its PTE 0x%08x says %s" % (hex32(va), pte,
                                                                   pte_describe(pte)))


class Mem(VadosCommand):
    """vados-mem: frames per PFN list, commit charge and limit, swap slots."""

    def __init__(self):
        super().__init__("vados-mem")

    def run(self, argv):
        self.args(argv, 0, 0)
        need_target()
        lists = static("lists", "mm/pfn.c")
        names = pfn_list_names()
        counts = dict((n, int(lists[i]["count"])) for i, n in enumerate(names))
        managed, active = int(static("managed", "mm/pfn.c")), int(static("active", "mm/pfn.c"))
        print("frames: %d managed, %d active, %s" % (
            managed, active, ", ".join("%s %d" % (n, counts[n]) for n in names)))
        print("  available (zeroed + free + standby): %d" % (
            counts["zeroed"] + counts["free"] + counts["standby"]))
        limit, charged = int(static("limit", "mm/commit.c")), int(static("charged", "mm/commit.c"))
        if limit == 0xFFFFFFFF:
            print("commit: %d pages charged, no limit yet (commit_init has not run)" % charged)
        else:
            print("commit: %d pages charged of a limit of %d (%d KB of %d KB), %d left" % (
                charged, limit, charged * 4, limit * 4, limit - charged))
        slots, stats = static("slots", "mm/swap.c"), static("stats", "mm/swap.c")
        if not bool(static("present", "mm/swap.c")):
            print("swap: none (no swap partition)")
            return
        count, used, bad = (int(slots[k]) for k in ("count", "used", "bad"))
        print("swap: %d slots, %d used, %d free, %d bad" % (count, used - bad, count - used, bad))
        print("  written %d pages in %d requests, read %d pages in %d requests, %d errors" % tuple(
            int(stats[k]) for k in ("pages_written", "write_requests", "pages_read",
                                    "read_requests", "errors")))


class Ws(VadosCommand):
    """vados-ws PID: a process's working set.
Its present user pages, found by walking its page tables: address, frame,
age (sweeps of the balance set manager without an access, PFN flags bits
4..6), locked (VirtualLock), the accessed and dirty bits."""
    usage = "PID"

    def __init__(self):
        super().__init__("vados-ws")

    def run(self, argv):
        self.args(argv, 1, 1)
        need_target()
        proc = find_process(argv[0])
        space = proc.space()
        vm = proc.vm
        print("working set of pid %d (%s): %d pages counted, minimum %d, maximum %d" % (
            proc.pid, proc.name, int(vm["c"]["resident"]), int(vm["ws_min"]),
            int(vm["ws_max"])))
        print("%-10s %-8s %3s %-6s %-8s %-5s" % ("ADDRESS", "FRAME", "AGE", "LOCKED",
                                                  "ACCESSED", "DIRTY"))
        pages = 0
        directory = space.directory()
        for i in range(USER_LOW >> 22, (USER_HIGH - 1 >> 22) + 1):
            if not directory[i] & 1:
                continue
            for j, pte in enumerate(space.table(i, directory[i])):
                va = i << 22 | j << 12
                if not pte & 1 or not USER_LOW <= va < USER_HIGH:
                    continue
                e = pfn_entry(pte >> 12)
                pages += 1
                print("%-10s 0x%-6x %3d %-6s %-8s %-5s" % (
                    hex32(va), pte >> 12, e["flags"] >> PFN_AGE_SHIFT & PFN_AGE_MAX,
                    "yes" if e["flags"] & 1 else "no", "yes" if pte & 0x20 else "no",
                    "yes" if pte & 0x40 else "no"))
        print("%d present user page(s)" % pages)


class VadosPid(gdb.Function):
    """$vados_pid(): the pid whose page directory CR3 holds; 0 when none (a
kernel thread's). For breakpoint conditions in ring-3 code, which every
process runs at the same addresses: break main if $vados_pid() == 3"""

    def __init__(self):
        super().__init__("vados_pid")

    def invoke(self):
        try:
            need_target()
            p = current_process()
        except Problem as e:
            raise gdb.GdbError("$vados_pid: %s" % e)
        except gdb.error as e:
            raise gdb.GdbError("$vados_pid: %s" % e)
        return 0 if p is None else p.pid


for command in (Symbols, Ps, Vad, Pte, Pfn, Mem, Ws):
    command()
VadosPid()

# The object manager's commands (vados-handles, vados-object), the threads'
# (vados-threads, vados-bt, vados-user) and the sections' (vados-section)
# share these helpers; vados-pte and vados-pfn use the sections' too.
if SCRIPT:
    for part in ("vados_objects.py", "vados_threads.py", "vados_sections.py"):
        exec(open(os.path.join(os.path.dirname(SCRIPT), part)).read())
