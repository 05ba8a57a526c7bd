# tools/gdb/vados_objects.py's commands on tests/user/named-events.c, stopped
# at its first SetEvent: it holds two handles to one named manual-reset event.
# Then the child's OpenEvent by name: the parent's handles to the events and
# to the child, the child's own. Bad arguments end in gdb errors with a
# message, never a Python traceback.
# cmdline: run=named-events
# expect: ^0x000004  Event     0x001f0003  --     0x[0-9a-f]{8}  vados-named-events$
# expect: ^0x000008  Event     0x001f0003  --     0x[0-9a-f]{8}  vados-named-events$
# expect: ^2 handle\(s\) in pid 1 \(named-events\)$
# expect: ^object 0x[0-9a-f]{8}: Event, 2 reference\(s\), 2 handle\(s\), name "vados-named-events"$
# expect: ^  manual-reset, reset$
# expect: ^child: 0x[0-9a-f]{6}  Process   0x001fffff  --     0x[0-9a-f]{8}  pid 2 \(named-events\)$
# expect: ^error from vados-handles 99: vados-handles: no process with pid 99
# expect: ^error from vados-handles: vados-handles: usage: vados-handles PID$
# expect: ^error from vados-object 0x1000: vados-object: 0x00001000 is not a kernel address
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
end

hbreak sys_signal_event
continue
vados-handles 1
python
out = gdb.execute("vados-handles 1", to_string=True)
body = out.splitlines()[1].split()[4]
gdb.execute("vados-object " + body)
end
delete

hbreak sys_open_event if thread_now->process->pid == 2
continue
python
for line in gdb.execute("vados-handles 1", to_string=True).splitlines():
    print("child: " + line)
end
python errors("vados-handles 99", "vados-handles", "vados-object 0x1000")
delete
kill
