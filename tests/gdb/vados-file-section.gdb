# tools/gdb/vados_sections.py's vados-section on a file-backed control area
# (the file cache's, which file sections map), on tests/user/mapfile.c
# stopped in its first GetMappedFileNameA (SYS_QUERY_MAPPED_FILE): a view of
# C:\MAP\DATA.BIN (four pages, every byte read; its section and file handles
# closed: only the file's own section reference is left; dirty until the lazy
# writer runs: closing no longer flushes), named by its file. Each page is
# mapped once (share 1), or twice while the lazy writer holds it for its write
# (it takes one reference and clears the dirty bit before the I/O: a boot where
# gdb stops the machine in the middle of that write shows "0 dirty, share 2"),
# and once a CI run under load showed "0 dirty, share 3": a second write-back
# reference overlapping the lazy writer's (not yet explained which; the
# closing note of 2026-12-07 asks for it to be found).
# fat: 64
# cmdline: aslr=off run=mapfile
# expect: ^control area 0x[0-9a-f]{8} of C:\\MAP\\DATA\.BIN: file-backed, 4 page\(s\) \(4 committed, [0-4] dirty\), PAGE_READWRITE, 1 section reference\(s\), 1 view\(s\)$
# expect: ^  view 0x[0-9a-f]{8}-0x[0-9a-f]{8} in pid 1 \(mapfile\): pages 0-3$
# expect: ^  page 3 +at 0x[0-9a-f]{8}: 0x[0-9a-f]{7}[13579bdf]  valid: frame 0x[0-9a-f]+, share [123], .*$
# reject: Traceback|Python Exception|internal error
set confirm off
source tools/gdb/vados.py
hbreak sys_query_mapped_file
continue
python
gdb.execute("vados-section 0x%x 1" % (int(gdb.parse_and_eval("a[1]")) & 0xFFFFF000))
end
delete
kill
