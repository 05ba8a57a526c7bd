/* An overlapped request's references and answer; see
 * kernel/sys/sys_overlapped.h. */
#include "kernel/sys/sys_overlapped.h"
#include "kernel/sys/syscalls.h"
#include "kernel/ex/event.h"
#include "kernel/io/file.h"
#include "kernel/ps/process.h"
#include "arch/uaccess.h"

#define STATUS_ACCESS_VIOLATION 0xc0000005u

uint32_t sys_overlapped_start(struct sys_overlapped *o, struct io_file *file, uint32_t event,
			      uint32_t ov)
{
	uint32_t err;

	if (ov && !probe_user(ov, 2 * sizeof(uint32_t), true))
		return ERROR_NOACCESS;
	o->event = NULL;
	if (event && (err = ob_reference_by_handle(process_handles(), event, &event_type,
						   EVENT_MODIFY_STATE, (void **)&o->event, NULL)))
		return err;
	o->process = process_current();
	o->file = file;
	o->ov = ov;
	ob_reference(o->process);
	ob_reference(o->file);
	ke_io_start(&o->io, thread_current());
	return ERROR_SUCCESS;
}

void sys_overlapped_drop(struct sys_overlapped *o)
{
	if (o->event)
		ob_dereference(o->event);
	ob_dereference(o->file);
	ob_dereference(o->process);
}

uint32_t sys_overlapped_answer(struct sys_overlapped *o, uint32_t status, const void *data,
			       uint32_t buffer, uint32_t bytes)
{
	uint32_t iosb[2];

	if (o->ov && process_attach(o->process)) {
		if (bytes && !copy_to_user(buffer, data, bytes)) {
			status = STATUS_ACCESS_VIOLATION;
			bytes = 0;
		}
		iosb[0] = status;
		iosb[1] = bytes;
		(void)copy_to_user(o->ov, iosb, sizeof(iosb));
		process_detach(o->process);
	}
	if (o->event)
		event_set(o->event);
	file_io_done(o->file);
	return bytes;
}
