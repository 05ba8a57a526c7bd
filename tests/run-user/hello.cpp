// tools/run-user test: a C++ program from elsewhere, with a class hierarchy,
// a global object and new/delete; argv is unused.
#include <stdio.h>

class Greeter {
public:
	virtual ~Greeter() = default;
	virtual const char *who() const = 0;
	void greet() const
	{
		printf("hello from %s\n", who());
	}
};

class World : public Greeter {
public:
	const char *who() const override
	{
		return "C++";
	}
};

struct Counter {
	int n = 41;
	Counter()
	{
		n++;
	}
};

static Counter counter;

int main(int argc, char **argv)
{
	Greeter *g = new World;

	g->greet();
	delete g;
	printf("global constructed: %d, argc %d\n", counter.n, argc);
	return 0;
}
