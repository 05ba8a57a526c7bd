"""Kernel-aware gdb commands for sections (mm/section.c, mm/sectionp.h), as
WinDbg's !ca gives for Windows. Sourced by tools/gdb/vados.py, whose helpers
(VadosCommand, Problem, Layout, pfn_entry, find_process, vad_at...) it uses,
and which uses proto_owner and view_proto from here (vados-pfn, vados-pte).

    vados-section ADDR [PID] | NAME   a control area: by its address, a section
                              object's, a view's user address (in PID, or the
                              address space CR3 holds) or the name its section
                              was created with; its counts, its views and each
                              prototype PTE's state

A control area is read from the kernel's DWARF (struct mm_control_area, its
struct mm_segment, struct mm_view); the list of them is mm_control_areas.
"""
import gdb

POOL_BASE, POOL_END = 0xA0000000, 0xC0000000     # mm/mm.h: the kernel pool
BACKINGS = {0: "pagefile-backed", 1: "file-backed"}  # enum mm_backing


def control_areas():
    """(address, fields) of every control area, newest first."""
    lay, out, seen = Layout("struct mm_control_area"), [], set()
    ca = int(static("mm_control_areas"))
    while ca and ca not in seen and len(seen) < 100000:
        seen.add(ca)
        f = lay.read(ca)
        out.append((ca, f))
        ca = f["next"]
    return out


def ca_name(f):
    """The name the control area's section was created with ('' if none)."""
    if not f["name"]:
        return ""
    return gdb.Value(f["name"]).cast(gdb.lookup_type("char").pointer()).string()


def ca_file(f):
    """A file-backed control area's file: its volume path (kernel/io's
    struct io_fcb, which mm_file_io's calls are given), or ''."""
    if f["backing"] != 1 or not f["file"]:
        return ""
    fcb = gdb.Value(f["file"]).cast(gdb.lookup_type("struct io_fcb").pointer())
    return "%s:%s" % (chr(int(fcb["vol"]["letter"])), fcb["path"].string())


def ca_title(addr, f):
    name, path = ca_name(f), ca_file(f)
    if path:
        return "control area %s of %s" % (hex32(addr), path)
    return "control area %s %s" % (hex32(addr), '"%s"' % name if name else "(unnamed)")


def views_of(f):
    """(address, fields) of the control area's views."""
    lay, out, w = Layout("struct mm_view"), [], f["views"]
    while w and len(out) < 100000:
        v = lay.read(w)
        out.append((w, v))
        w = v["next"]
    return out


def view_owner(v):
    """Which process the view's address space is."""
    p = next((p for p in processes() if p.vm_addr == v["vm"]), None)
    return "pid %d (%s)" % (p.pid, p.name) if p else "address space %s" % hex32(v["vm"])


def proto_describe(pte):
    """What a prototype PTE holds: valid, transition, paged out, demand-zero."""
    if pte == 0:
        return "not committed (SEC_RESERVE: a view commits it)"
    if pte & 1:
        frame = pte >> 12
        e = pfn_entry(frame)
        return "valid: frame 0x%x, share %d, %s%s" % (frame, e["share"],
                                                      pfn_flags_text(e["flags"]),
                                                      ", dirty" if pte & 0x40 else "")
    kind, index = pte >> 1 & 7, pte >> 12
    if kind == 7:       # PTE_SUBSECTION: a file's page not in memory
        return "on the file"
    if kind == 6:
        e = pfn_entry(index)
        return "transition: frame 0x%x (%s, %s)" % (index, pfn_state_name(e["state"]),
                                                    pfn_flags_text(e["flags"]))
    if kind == 5:
        return "in swap slot %d, %s" % (index, prot_name(pte >> 4 & 0x1F))
    return pte_describe(pte)


def proto_owner(addr):
    """Whose prototype PTE address addr is: 'page N of control area ...'."""
    for ca, f in control_areas():
        first, pages = f["segment.proto"], f["segment.pages"]
        if first <= addr < first + pages * 4 and (addr - first) % 4 == 0:
            return "page %d of %s" % ((addr - first) // 4, ca_title(ca, f))
    return "no control area's (a stale pointer?)"


def view_proto(proc, va):
    """(prototype PTE address, control area address) for user address va of a
    view of proc, or None when no view holds it."""
    f = vad_at(proc, va >> 12) if proc else None
    if not f or not f["view"]:
        return None
    v = Layout("struct mm_view").read(f["view"])
    ca = Layout("struct mm_control_area").read(v["ca"])
    page = v["first"] + (va >> 12) - f["node.start"]
    return ca["segment.proto"] + page * 4, v["ca"]


class Section(VadosCommand):
    """vados-section ADDR [PID] | NAME: a section's control area.
ADDR: a control area's address, a section object's (vados-handles shows
them) or a user address inside a view (in PID, or the address space CR3
holds); NAME: the name the section was created with (kept while views map
it). Shows the backing, size, commit, section references and views, then
each prototype PTE: valid (frame and share count; dirty for a file's page
written since read), transition (frame and its list), in swap slot N,
demand-zero, not committed, or on the file (a file-backed control area: the
file cache's, which file sections map). Runs of equal
PTEs that are not valid share one line."""
    usage = "ADDR [PID] | NAME"

    def __init__(self):
        super().__init__("vados-section")

    def run(self, argv):
        self.args(argv, 1, 2)
        need_target()
        ca, f = self.find(argv)
        kind = "SEC_RESERVE" if f["reserve"] else "SEC_COMMIT"
        if f["backing"] == 1:
            kind = "%d dirty" % f["dirty"]
        print("%s: %s, %d page(s) (%d committed, %s), %s, %d section reference(s), "
              "%d view(s)" % (ca_title(ca, f), BACKINGS.get(f["backing"], "backing %d"
                                                             % f["backing"]),
                              f["segment.pages"], f["segment.committed"], kind,
                              prot_name(f["prot"]), f["section_refs"], f["mapped_views"]))
        for _, v in views_of(f):
            print("  view %s-%s in %s: pages %d-%d" % (
                hex32(v["start"] << 12), hex32((v["start"] + v["pages"]) << 12),
                view_owner(v), v["first"], v["first"] + v["pages"] - 1))
        self.protos(f["segment.proto"], f["segment.pages"])

    @staticmethod
    def protos(base, pages):
        print("  prototype PTEs at %s:" % hex32(base))
        ptes = words(read(base, pages * 4)) if pages else ()
        i = 0
        while i < len(ptes):
            j = i + 1
            while j < len(ptes) and ptes[j] == ptes[i] and not ptes[i] & 1:
                j += 1
            which = "page %d" % i if j == i + 1 else "pages %d-%d" % (i, j - 1)
            print("  %-12s at %s: 0x%08x  %s" % (which, hex32(base + i * 4), ptes[i],
                                                proto_describe(ptes[i])))
            i = j

    def find(self, argv):
        """(address, fields) of the control area argv names."""
        text = argv[0]
        if not text[:1].isdigit():
            if len(argv) > 1:
                raise Problem("a PID goes with a user address, not a name")
            found = [(ca, f) for ca, f in control_areas() if ca_name(f) == text]
            if not found:
                raise Problem("no section called %r maps or is open" % text)
            return found[0]
        addr = self.number(text, "address")
        if addr < KERNEL_BASE:
            proc = find_process(argv[1]) if len(argv) > 1 else current_process()
            hit = view_proto(proc, addr)
            if hit is None:
                raise Problem("%s is in no view of %s" % (
                    hex32(addr), "pid %d" % proc.pid if proc else "the current space"))
            addr = hit[1]
        elif len(argv) > 1:
            raise Problem("a PID goes with a user address, not a kernel one")
        areas = dict(control_areas())
        if addr in areas:
            return addr, areas[addr]
        try:
            if ob_describe(addr)[0] == "Section":
                ca = int(gdb.Value(addr).cast(gdb.lookup_type("struct section").pointer())
                         .dereference()["ca"])
                if ca in areas:
                    return ca, areas[ca]
        except gdb.error:
            pass
        raise Problem("%s is neither a control area nor a section object" % hex32(addr))


Section()
