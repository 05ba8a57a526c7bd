"""Kernel-aware gdb commands for vados's object manager (kernel/ob), as
WinDbg's !handle and !object give for Windows. Sourced by tools/gdb/vados.py,
whose helpers (VadosCommand, Problem, find_process, read...) it uses.

    vados-handles PID         a process's handles: value, type, granted access,
                              flags (i inherit, p protect from close), object, name
    vados-object ADDR         an object body: its type, pointer and handle counts,
                              name, and what its type adds (a process's pid,
                              an event's state)

Objects are read from the kernel's DWARF: struct ob_header sits just before
every body, struct ob_handle_table in each struct process.
"""
import gdb

HANDLE_FLAGS = 3          # kernel/ob/table.h: OB_HANDLE_FLAGS
LEAF_ENTRIES = 512        # kernel/ob/table.h: OB_LEAF_ENTRIES


def ob_header(body):
    """The struct ob_header before the object body at address body."""
    header_type = gdb.lookup_type("struct ob_header")
    return gdb.Value(body - header_type.sizeof).cast(header_type.pointer()).dereference()


def ob_describe(body):
    """Type name, pointer count, handle count, name ('' when unnamed)."""
    h = ob_header(body)
    type_name = h["type"].dereference()["name"].string()
    name = ""
    if int(h["name"]):
        # text[] is a flexible array member: gdb sees no length, so read it
        # as a C string from its address.
        text = h["name"].dereference()["text"].address
        name = text.cast(gdb.lookup_type("char").pointer()).string()
    return type_name, int(h["pointer_count"]), int(h["handle_count"]), name


def ob_detail(body, type_name):
    """What the object's own type adds, one short phrase."""
    if type_name == "Process":
        p = gdb.Value(body).cast(gdb.lookup_type("struct process").pointer()).dereference()
        return "pid %d (%s)" % (int(p["pid"]), p["name"].string(length=32).split("\0")[0])
    if type_name == "Event":
        e = gdb.Value(body).cast(gdb.lookup_type("struct event").pointer()).dereference()
        hdr = e["header"]
        kind = "manual" if int(hdr["kind"]) == 0 else "auto"
        return "%s-reset, %s" % (kind, "signaled" if int(hdr["signal_state"]) > 0 else "reset")
    return ""


def handles_of(process):
    """(handle, access, flags, body) for every handle in the process's table."""
    p = gdb.Value(process.addr).cast(gdb.lookup_type("struct process").pointer()).dereference()
    t = p["handles"]
    result = []
    for leaf_index in range(int(t["leaf_count"])):
        leaf = t["leaves"][leaf_index]
        for i in range(LEAF_ENTRIES):
            e = leaf[i]
            word = int(e["word"])
            if word:
                index = leaf_index * LEAF_ENTRIES + i
                result.append(((index + 1) * 4, int(e["access"]), word & HANDLE_FLAGS,
                               word & ~HANDLE_FLAGS))
    return result


class Handles(VadosCommand):
    """vados-handles PID: a process's handles, lowest first.
HANDLE (NT-style value), TYPE, ACCESS (the granted mask), FLAGS (i: inherit,
p: protect from close), OBJECT (the body's address, for vados-object), and
the object's name or what its type says of it."""
    usage = "PID"

    def __init__(self):
        super().__init__("vados-handles")

    def run(self, argv):
        self.args(argv, 1, 1)
        need_target()
        proc = find_process(argv[0])
        rows = handles_of(proc)
        print("%-8s  %-8s  %-10s  %-5s  %-10s  %s" % ("HANDLE", "TYPE", "ACCESS", "FLAGS",
                                                     "OBJECT", "NAME / DETAIL"))
        for handle, access, flags, body in rows:
            type_name, _, _, name = ob_describe(body)
            print("0x%06x  %-8s  0x%08x  %-5s  %s  %s" % (
                handle, type_name, access,
                ("i" if flags & 1 else "-") + ("p" if flags & 2 else "-"),
                hex32(body), name or ob_detail(body, type_name)))
        print("%d handle(s) in pid %d (%s)" % (len(rows), proc.pid, proc.name))


class Object(VadosCommand):
    """vados-object ADDR: the object whose body is at ADDR (vados-handles shows
the addresses): type, pointer count (references, handles included), handle
count, name, and what its type adds."""
    usage = "ADDR"

    def __init__(self):
        super().__init__("vados-object")

    def run(self, argv):
        self.args(argv, 1, 1)
        need_target()
        body = self.number(argv[0], "address")
        if body < KERNEL_BASE:
            raise Problem("%s is not a kernel address: objects live in the kernel pool"
                          % hex32(body))
        try:
            type_name, pointers, handles, name = ob_describe(body)
        except gdb.MemoryError:
            raise Problem("nothing readable at %s" % hex32(body))
        print("object %s: %s, %d reference(s), %d handle(s)%s" % (
            hex32(body), type_name, pointers, handles, ", name \"%s\"" % name if name else ""))
        detail = ob_detail(body, type_name)
        if detail:
            print("  %s" % detail)


for command in (Handles, Object):
    command()
