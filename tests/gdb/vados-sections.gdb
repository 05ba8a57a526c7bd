# tools/gdb/vados_sections.py's vados-section, and vados-pfn and vados-pte on
# views, on tests/user/section-share.c stopped in the walker's queries of its
# views' section names (SYS_QUERY_VIEW_NAME; both views are mapped at the
# second query, whichever order they come in): the named counters' section
# (256 pages, every one written through one view and read through another:
# share 2; its handle closed: 0 section references), then an unnamed one (8
# untouched pages: demand-zero; a handle still open). Bad arguments end in
# gdb errors with a message, never a Python traceback.
# cmdline: aslr=off run=section-share
# expect: ^control area 0x[0-9a-f]{8} "section-share-counters": pagefile-backed, 256 page\(s\) \(256 committed, SEC_COMMIT\), PAGE_READWRITE, 0 section reference\(s\), 2 view\(s\)$
# expect: ^  view 0x[0-9a-f]{8}-0x[0-9a-f]{8} in pid 1 \(section-share\): pages 0-255$
# expect: ^  prototype PTEs at 0x[0-9a-f]{8}:$
# expect: ^  page 5 +at 0x[0-9a-f]{8}: 0x[0-9a-f]{5}[0-9a-f]{2}[13579bdf]  valid: frame 0x[0-9a-f]+, share 2, \S+ age \d$
# expect: ^by address: control area 0x[0-9a-f]{8} "section-share-counters"
# expect: ^PFN 0x[0-9a-f]+ \(\d+\), physical 0x[0-9a-f]{8}: active, share 2, \S+ age \d$
# expect: ^  back pointer: prototype PTE at 0x[0-9a-f]{8}: page 5 of control area 0x[0-9a-f]{8} "section-share-counters"$
# expect: ^control area 0x[0-9a-f]{8} \(unnamed\): pagefile-backed, 8 page\(s\) \(8 committed, SEC_COMMIT\), PAGE_READWRITE, 1 section reference\(s\), 1 view\(s\)$
# expect: ^  pages 0-7 +at 0x[0-9a-f]{8}: 0x00000022  demand-zero, PAGE_READWRITE$
# expect: ^by object: control area 0x[0-9a-f]{8} \(unnamed\)
# expect: ^  VAD: VAD 0x[0-9a-f]{8}-0x[0-9a-f]{8} MEM_MAPPED, a view: its prototype PTE says what the page is$
# expect: ^  prototype PTE at 0x[0-9a-f]{8} \(page 3 of control area 0x[0-9a-f]{8} \(unnamed\)\): 0x00000022  demand-zero, PAGE_READWRITE$
# expect: ^error from vados-section no-such-section: vados-section: no section called 'no-such-section'
# expect: ^error from vados-section 0x1000 1: vados-section: 0x00001000 is in no view of pid 1$
# expect: ^error from vados-section 0x80001000: vados-section: 0x80001000 is neither a control area nor a section object$
# expect: ^error from vados-section: vados-section: usage: vados-section ADDR \[PID\] \| NAME$
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

def prefixed(prefix, cmd):
    for line in gdb.execute(cmd, to_string=True).splitlines():
        print(prefix + line)

def queried():
    """The user address the walker asks about."""
    return int(gdb.parse_and_eval("a[1]")) & 0xFFFFFFFF
end

hbreak sys_query_view_name
continue
python
first = queried()
end
continue
python
# Both views are mapped by now; the walker asks in address order, which
# depends on where the process's other allocations went: sort them by name.
views = [first, queried()]
def named(view):
    return "section-share-counters" in gdb.execute("vados-section 0x%x 1" % view,
                                                   to_string=True).splitlines()[0]
counters = [v for v in views if named(v)][0]
other = [v for v in views if v != counters][0]
gdb.execute("vados-section section-share-counters")
prefixed("by address: ", "vados-section 0x%x 1" % counters)
gdb.execute("vados-pfn 0x%x 1" % (counters + 5 * 4096))
gdb.execute("vados-section 0x%x 1" % other)
for line in gdb.execute("vados-handles 1", to_string=True).splitlines():
    if " Section " in line:
        prefixed("by object: ", "vados-section " + line.split()[4])
gdb.execute("vados-pte 0x%x 1" % (other + 3 * 4096))
errors("vados-section no-such-section", "vados-section 0x1000 1",
       "vados-section 0x80001000", "vados-section")
end
delete
kill
