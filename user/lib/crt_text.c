/* Text mode's two rules (crt_text.h), shared by streams and descriptors. */
#include "crt_text.h"

int crt_text_next(const unsigned char *raw, size_t n, size_t *used)
{
	*used = 0;
	if (raw[0] == CRT_CTRL_Z)
		return CRT_TEXT_END;
	if (raw[0] == '\r') {
		if (n == 1)
			return CRT_TEXT_MORE;
		if (raw[1] == '\n') {
			*used = 2;
			return '\n';
		}
	}
	*used = 1;
	return raw[0];
}

size_t crt_text_encode(const unsigned char *src, size_t n, unsigned char *out, size_t cap,
		       size_t *made)
{
	size_t taken = 0, len = 0;

	while (taken < n && len < cap) {
		if (src[taken] == '\n') {
			if (cap - len < 2)
				break;
			out[len++] = '\r';
		}
		out[len++] = src[taken++];
	}
	*made = len;
	return taken;
}
