/* tools/run-user test: never ends, so the runner's timeout must. */
int main(void)
{
	for (;;)
		;
}
