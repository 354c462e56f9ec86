#ifndef AYAME_BENCH_ALLOCATION_COUNTER_H
#define AYAME_BENCH_ALLOCATION_COUNTER_H

/// Heap allocations (malloc, calloc, realloc, posix_memalign, aligned_alloc) made by every
/// thread of this process since it started; counted only where the C library's allocator
/// can be replaced (glibc), otherwise always 0.
unsigned long long ayame_bench_allocation_count(void);

#endif
