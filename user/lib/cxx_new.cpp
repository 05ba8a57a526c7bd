// C++'s new and delete on the C library's heap, as seed 004 says ("the new
// and delete operators, which map directly to malloc() and free()").
#include <new>
#include <stdint.h>
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

// ---- over-aligned types (C++17's align_val_t forms) --------------------------
// A block of the heap, 8-aligned, big enough to hold size bytes at the first
// multiple of align past one pointer; that pointer, just below the object,
// keeps the block's own address for delete. nullptr when it cannot be had.
static void *aligned_block(size_t size, std::align_val_t align) noexcept
{
	size_t a = static_cast<size_t>(align);

	if (a <= 8)
		return malloc(size ? size : 1);
	if (size > (size_t)-1 - a - sizeof(void *))
		return nullptr;
	char *block = static_cast<char *>(malloc(size + a + sizeof(void *)));
	if (!block)
		return nullptr;
	uintptr_t at = ((uintptr_t)block + sizeof(void *) + a - 1) & ~(uintptr_t)(a - 1);
	reinterpret_cast<void **>(at)[-1] = block;
	return reinterpret_cast<void *>(at);
}

static void aligned_free(void *p, std::align_val_t align) noexcept
{
	if (p && static_cast<size_t>(align) > 8)
		p = static_cast<void **>(p)[-1];
	free(p);
}

static void *aligned_allocate(size_t size, std::align_val_t align)
{
	void *p = aligned_block(size, align);

	if (!p)
		no_memory(size);
	return p;
}

void *operator new(size_t size, std::align_val_t align)
{
	return aligned_allocate(size, align);
}

void *operator new[](size_t size, std::align_val_t align)
{
	return aligned_allocate(size, align);
}

void *operator new(size_t size, std::align_val_t align, const std::nothrow_t &) noexcept
{
	return aligned_block(size, align);
}

void *operator new[](size_t size, std::align_val_t align, const std::nothrow_t &) noexcept
{
	return aligned_block(size, align);
}

void operator delete(void *p, std::align_val_t align) noexcept
{
	aligned_free(p, align);
}

void operator delete[](void *p, std::align_val_t align) noexcept
{
	aligned_free(p, align);
}

void operator delete(void *p, size_t, std::align_val_t align) noexcept
{
	aligned_free(p, align);
}

void operator delete[](void *p, size_t, std::align_val_t align) noexcept
{
	aligned_free(p, align);
}

void operator delete(void *p, std::align_val_t align, const std::nothrow_t &) noexcept
{
	aligned_free(p, align);
}

void operator delete[](void *p, std::align_val_t align, const std::nothrow_t &) noexcept
{
	aligned_free(p, align);
}
