// The SDK's C++ runtime, as a C++ programmer uses it (no exceptions, no RTTI):
//
//   cpp-runtime                 global objects are constructed in order before
//       main; classes with virtual calls through base pointers; a growable
//       array and a linked list on new/delete, new[]/delete[] (blocks of the
//       process heap: HeapSize knows them); nothrow new of 3 GB is nullptr;
//       types aligned past the heap's 8 bytes (alignas(16), alignas(64))
//       come back aligned from new and new[] and go back with delete (no block left behind).
//       After main returns, a local static, the globals and an atexit
//       function end newest first, then the __attribute__((destructor))
//       function checks that order (status 1 if wrong).
//   cpp-runtime exit-process    the same, ending through ExitProcess(0) in
//       the middle of main: the destructors still run
//   cpp-runtime pure-virtual    a base constructor calls a pure virtual
//       function: one line "pid N cpp-runtime: pure virtual function call
//       from eip 0x...", status 3, and no destructor runs
//   cpp-runtime new-fails       new of 3 GB: STATUS_NO_MEMORY ends the process
#include <new>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

#define TEST_NAME "cpp-runtime"
#include "check.h"

static char events[128];        // what started and ended, in order
static volatile size_t three_gb = 3u << 30;     // more than the address space has free

static void note(const char *what)
{
	size_t n = strlen(events);

	snprintf(events + n, sizeof(events) - n, "%s%s", n ? " " : "", what);
}

class Global {
public:
	explicit Global(const char *name) : name_(name)
	{
		note(name_);
	}
	~Global()
	{
		char buf[16];

		snprintf(buf, sizeof(buf), "~%s", name_);
		note(buf);
	}

private:
	const char *name_;
};

static void at_exit_fn()
{
	note("atexit");
}

static Global first("A");
static Global second("B");
static int registered = atexit(at_exit_fn);     // after B's constructor: runs before ~B
static Global third("C");

// Runs after every destructor and atexit function: checks their order.
__attribute__((destructor)) static void check_the_end()
{
	const char *want = "A B C local ~local ~C atexit ~B ~A";

	printf("cpp-runtime: events: %s\n", events);
	if (strcmp(events, want) != 0) {
		printf("cpp-runtime: wrong order, want: %s\n", want);
		_Exit(1);
	}
	printf("cpp-runtime: destructors ran newest first\n");
}

// ---- virtual calls ---------------------------------------------------------

class Shape {
public:
	virtual ~Shape()
	{
		destroyed++;
	}
	virtual long area() const = 0;
	virtual const char *name() const
	{
		return "shape";
	}
	static int destroyed;
};
int Shape::destroyed;

class Rect : public Shape {
public:
	Rect(long w, long h) : w_(w), h_(h) {}
	long area() const override
	{
		return w_ * h_;
	}
	const char *name() const override
	{
		return "rect";
	}

private:
	long w_, h_;
};

class Square : public Rect {
public:
	explicit Square(long s) : Rect(s, s) {}
	const char *name() const override
	{
		return "square";
	}
};

class Triangle : public Shape {
public:
	Triangle(long b, long h) : b_(b), h_(h) {}
	long area() const override
	{
		return b_ * h_ / 2;
	}

private:
	long b_, h_;
};

static void virtual_calls()
{
	Shape *shapes[3] = { new Rect(3, 4), new Square(5), new Triangle(6, 7) };
	long total = 0;

	for (Shape *s : shapes)
		total += s->area();
	CHECK(total == 12 + 25 + 21, "total area %ld", total);
	CHECK(strcmp(shapes[1]->name(), "square") == 0, "%s", shapes[1]->name());
	CHECK(strcmp(shapes[2]->name(), "shape") == 0, "%s", shapes[2]->name());
	for (Shape *s : shapes)
		delete s;
	CHECK(Shape::destroyed == 3, "%d destructors ran", Shape::destroyed);
}

// ---- containers on new and delete --------------------------------------------

template <typename T> class Array {
public:
	Array() = default;
	Array(const Array &) = delete;
	Array &operator=(const Array &) = delete;
	~Array()
	{
		delete[] items_;
	}
	void push(const T &v)
	{
		if (size_ == capacity_)
			grow();
		items_[size_++] = v;
	}
	T &operator[](size_t i)
	{
		return items_[i];
	}
	size_t size() const
	{
		return size_;
	}
	const T *data() const
	{
		return items_;
	}

private:
	void grow()
	{
		size_t cap = capacity_ ? capacity_ * 2 : 4;
		T *bigger = new T[cap];

		for (size_t i = 0; i < size_; i++)
			bigger[i] = items_[i];
		delete[] items_;
		items_ = bigger;
		capacity_ = cap;
	}
	T *items_ = nullptr;
	size_t size_ = 0, capacity_ = 0;
};

struct Node {
	int value;
	Node *next;
	static int live;
	Node(int v, Node *n) : value(v), next(n)
	{
		live++;
	}
	~Node()
	{
		live--;
	}
};
int Node::live;

static void containers()
{
	Array<int> a;
	Node *list = nullptr;
	long sum = 0;

	for (int i = 0; i < 10000; i++)
		a.push(i * 3);
	for (size_t i = 0; i < a.size(); i++)
		sum += a[i];
	CHECK(a.size() == 10000 && sum == 3L * 9999 * 10000 / 2, "size %u sum %ld",
	      (unsigned)a.size(), sum);
	CHECK(HeapSize(GetProcessHeap(), 0, a.data()) >= 10000 * sizeof(int),
	      "new[] is no process-heap block: HeapSize %lu",
	      HeapSize(GetProcessHeap(), 0, a.data()));
	for (int i = 0; i < 1000; i++)
		list = new Node(i, list);
	CHECK(Node::live == 1000 && list->value == 999, "%d nodes", Node::live);
	while (list) {
		Node *next = list->next;
		delete list;
		list = next;
	}
	CHECK(Node::live == 0, "%d nodes left", Node::live);
	char *none = new (std::nothrow) char[three_gb];
	CHECK(none == nullptr, "nothrow new of 3 GB gave %p", none);
	Array<char> *empty = new Array<char>[0];
	CHECK(empty != nullptr, "new T[0] gave nullptr");
	delete[] empty;
}

// ---- over-aligned types -------------------------------------------------------

struct alignas(64) Line {
	unsigned char bytes[64];
	static int live;
	Line()
	{
		live++;
	}
	~Line()
	{
		live--;
	}
};
int Line::live;

struct alignas(16) Quad {
	double d[2];
};

// The process heap's busy blocks, by HeapWalk.
static int busy_blocks()
{
	PROCESS_HEAP_ENTRY e = {};
	int n = 0;

	while (HeapWalk(GetProcessHeap(), &e))
		n += (e.wFlags & PROCESS_HEAP_ENTRY_BUSY) != 0;
	return n;
}

// Types aligned past the heap's 8 bytes come back aligned, one at a time or
// in arrays, nothrow too, and their delete finds the block (the heap stays
// sound and HeapWalk sees no block left behind).
static void over_aligned()
{
	int before = busy_blocks();
	Line *one = new Line;
	Line *many = new Line[7];
	Quad *quads[16];
	bool aligned = (uintptr_t)one % 64 == 0 && (uintptr_t)many % 64 == 0;

	for (Quad *&q : quads) {
		q = new Quad();
		aligned &= (uintptr_t)q % 16 == 0 && q->d[0] == 0.0;
	}
	Line *nothrow_line = new (std::nothrow) Line;
	CHECK(aligned && nothrow_line && (uintptr_t)nothrow_line % 64 == 0 && Line::live == 9,
	      "alignas(64) at %p, %p, %p; %d live", (void *)one, (void *)many,
	      (void *)nothrow_line, Line::live);
	delete one;
	delete[] many;
	delete nothrow_line;
	for (Quad *q : quads)
		delete q;
	CHECK(Line::live == 0 && HeapValidate(GetProcessHeap(), 0, nullptr) &&
	      busy_blocks() == before, "after delete: %d live, %d blocks (%d before)", Line::live,
	      busy_blocks(), before);
	CHECK(new (std::nothrow) Line[three_gb / 64] == nullptr, "nothrow aligned new of 3 GB");
}

// ---- the failures ------------------------------------------------------------

class Abstract {
public:
	Abstract()
	{
		call_it();      // during construction: the pure function itself
	}
	virtual ~Abstract() = default;
	void call_it()
	{
		act();
	}
	virtual void act() = 0;
};

class Concrete : public Abstract {
public:
	void act() override {}
};

static int local_static_user()
{
	static Global local("local");
	return 1;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";

	CHECK(strcmp(events, "A B C") == 0 && registered == 0, "before main: %s", events);
	local_static_user();
	local_static_user();
	if (strcmp(mode, "pure-virtual") == 0) {
		Concrete c;
		printf("cpp-runtime: survived a pure virtual call\n");
		return 0;
	}
	if (strcmp(mode, "new-fails") == 0) {
		char *p = new char[three_gb];
		printf("cpp-runtime: new of 3 GB returned %p\n", p);
		return 0;
	}
	virtual_calls();
	containers();
	over_aligned();
	printf("cpp-runtime: %d failures\n", failures);
	if (strcmp(mode, "exit-process") == 0 && !failures) {
		printf("cpp-runtime: ExitProcess(0) from main\n");
		ExitProcess(0);
	}
	return failures != 0;
}
