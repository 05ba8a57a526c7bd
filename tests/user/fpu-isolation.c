/* Regression (review): the x87 state was shared by every process. A child
 * that changes the control word and fills the register stack must leave its
 * parent's FPU exactly as it was, and double precision intact. */
#include <stdio.h>
#include <string.h>
#include <windows.h>

static unsigned short control_word(void)
{
	unsigned short cw;
	asm volatile("fnstcw %0" : "=m"(cw));
	return cw;
}

static unsigned short status_word(void)
{
	unsigned short sw;
	asm volatile("fnstsw %0" : "=m"(sw));
	return sw;
}

int main(int argc, char **argv)
{
	PROCESS_INFORMATION pi;
	char cmdline[64];
	volatile double tiny = 1.0 / (1 << 30), one = 1.0;
	unsigned short cw, sw;

	if (argc == 2 && strcmp(argv[1], "child") == 0) {
		unsigned short single = 0x007f;  /* single precision, all masked */
		asm volatile("fldcw %0\n\tfld1\n\tfld1\n\tfld1\n\tfld1\n\tfld1" : : "m"(single));
		Sleep(100);
		return 0;
	}
	asm volatile("fninit");
	snprintf(cmdline, sizeof(cmdline), "%s child", argv[0]);
	if (!CreateProcessA(NULL, cmdline, NULL, NULL, FALSE, 0, NULL, NULL, NULL, &pi))
		return 2;
	Sleep(40);                      /* the child has set its FPU up by now */
	cw = control_word();
	sw = status_word();
	int precise = (one + tiny) - one != 0.0;
	WaitForSingleObject(pi.hProcess, INFINITE);
	printf("fpu-isolation: control word 0x%04x, status word 0x%04x, double precision %s\n",
	       cw, sw, precise ? "intact" : "LOST");
	return cw == 0x037f && (sw & 0x3800) == 0 && precise ? 0 : 1;
}
