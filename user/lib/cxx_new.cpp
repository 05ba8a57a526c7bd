// C++'s new and delete on the C library's heap, as seed 004 says ("the new
// and delete operators, which map directly to malloc() and free()").
#include <new>
#include <stdlib.h>
#include <windows.h>

const std::nothrow_t std::nothrow{};

// Out of memory with no exceptions to throw: STATUS_NO_MEMORY with the size,
// non-continuable (operator new may not return nullptr), as HeapAlloc's
// HEAP_GENERATE_EXCEPTIONS raises it.
[[noreturn]] static void no_memory(size_t size)
{
	ULONG_PTR info[1] = { size };

	RaiseException(STATUS_NO_MEMORY, EXCEPTION_NONCONTINUABLE, 1, info);
	_Exit((int)STATUS_NO_MEMORY);
}

// malloc(size), never nullptr (a zero size still gets a unique block).
static void *allocate(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (!p)
		no_memory(size);
	return p;
}

void *operator new(size_t size)
{
	return allocate(size);
}

void *operator new[](size_t size)
{
	return allocate(size);
}

void *operator new(size_t size, const std::nothrow_t &) noexcept
{
	return malloc(size ? size : 1);
}

void *operator new[](size_t size, const std::nothrow_t &) noexcept
{
	return malloc(size ? size : 1);
}

void operator delete(void *p) noexcept
{
	free(p);
}

void operator delete[](void *p) noexcept
{
	free(p);
}

void operator delete(void *p, size_t) noexcept
{
	free(p);
}

void operator delete[](void *p, size_t) noexcept
{
	free(p);
}

void operator delete(void *p, const std::nothrow_t &) noexcept
{
	free(p);
}

void operator delete[](void *p, const std::nothrow_t &) noexcept
{
	free(p);
}
