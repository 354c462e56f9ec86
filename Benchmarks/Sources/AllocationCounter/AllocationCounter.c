// Counts heap allocations by replacing glibc's allocation entry points in the benchmark
// executable: symbols defined in the executable take precedence over libc's for every shared
// library (Swift runtime, Foundation, libcurl, libcrypto), so one counter sees them all. Each
// replacement forwards to glibc's own implementation, so memory is still managed (and freed)
// by glibc.
#include "AllocationCounter.h"

// Before the check below: __GLIBC__ is defined by the C library's own headers.
#include <errno.h>
#include <stdatomic.h>
#include <stddef.h>

#if defined(__linux__) && defined(__GLIBC__)
extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t count, size_t size);
extern void *__libc_realloc(void *pointer, size_t size);
extern void *__libc_memalign(size_t alignment, size_t size);

static _Atomic unsigned long long allocations;

static inline void count_one(void) {
    atomic_fetch_add_explicit(&allocations, 1, memory_order_relaxed);
}

void *malloc(size_t size) {
    count_one();
    return __libc_malloc(size);
}

void *calloc(size_t count, size_t size) {
    count_one();
    return __libc_calloc(count, size);
}

void *realloc(void *pointer, size_t size) {
    count_one();
    return __libc_realloc(pointer, size);
}

int posix_memalign(void **result, size_t alignment, size_t size) {
    count_one();
    void *pointer = __libc_memalign(alignment, size);
    if (pointer == NULL) return ENOMEM;
    *result = pointer;
    return 0;
}

void *aligned_alloc(size_t alignment, size_t size) {
    count_one();
    return __libc_memalign(alignment, size);
}

unsigned long long ayame_bench_allocation_count(void) {
    return atomic_load_explicit(&allocations, memory_order_relaxed);
}
#else
unsigned long long ayame_bench_allocation_count(void) { return 0; }
#endif
