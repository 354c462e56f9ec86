#include "ayame_checksums.h"
#include <string.h>
#include <zlib.h>

// zlib's crc32_z (what libcurl links) runs at about a third of SHA-256's cost on the upload
// path; on x86-64 with PCLMULQDQ the bulk of a buffer is instead folded 64 bytes at a time with
// carry-less multiplies, as in Intel's white paper "Fast CRC Computation for Generic Polynomials
// Using PCLMULQDQ Instruction", and only the last 16 to 79 bytes go through zlib.

uint32_t ayame_crc32_zlib(uint32_t crc, const void *bytes, size_t length) {
    // crc32_z takes a size_t, so bodies over 4 GiB need no splitting.
    return (uint32_t)crc32_z(crc, (const Bytef *)bytes, length);
}

#if defined(__x86_64__)
#include <emmintrin.h>
#include <wmmintrin.h>

// Folding constants for the bit-reflected CRC-32 polynomial 0x04C11DB7: a 128-bit lane moved
// D bits forward is lane.low64 * (x^(D+32) mod P) + lane.high64 * (x^(D-32) mod P), each
// remainder stored reflected in bits 32-t (so bit 0 is clear), which lines the 127-bit
// carry-less product up with the lane it is folded into. D is 512 (four lanes in flight) and 128.
#define FOLD_512_LOW 0x154442bd4ull   // x^544 mod P
#define FOLD_512_HIGH 0x1c6e41596ull  // x^480 mod P
#define FOLD_128_LOW 0x1751997d0ull   // x^160 mod P
#define FOLD_128_HIGH 0x0ccaa009eull  // x^96 mod P

__attribute__((target("pclmul,sse2"))) static inline __m128i fold(__m128i lane, __m128i constants, __m128i next) {
    __m128i low = _mm_clmulepi64_si128(lane, constants, 0x00);
    __m128i high = _mm_clmulepi64_si128(lane, constants, 0x11);
    return _mm_xor_si128(_mm_xor_si128(low, high), next);
}

__attribute__((target("pclmul,sse2"))) static uint32_t folded(uint32_t crc, const uint8_t *p, size_t length) {
    // The running CRC is the complement of the register; XORing the register into the first
    // 32 bits of the message is the same as starting the division from it.
    __m128i x0 = _mm_loadu_si128((const __m128i *)p);
    __m128i x1 = _mm_loadu_si128((const __m128i *)(p + 16));
    __m128i x2 = _mm_loadu_si128((const __m128i *)(p + 32));
    __m128i x3 = _mm_loadu_si128((const __m128i *)(p + 48));
    x0 = _mm_xor_si128(x0, _mm_cvtsi32_si128((int)~crc));
    p += 64;
    length -= 64;
    const __m128i by512 = _mm_set_epi64x((long long)FOLD_512_HIGH, (long long)FOLD_512_LOW);
    while (length >= 64) {
        x0 = fold(x0, by512, _mm_loadu_si128((const __m128i *)p));
        x1 = fold(x1, by512, _mm_loadu_si128((const __m128i *)(p + 16)));
        x2 = fold(x2, by512, _mm_loadu_si128((const __m128i *)(p + 32)));
        x3 = fold(x3, by512, _mm_loadu_si128((const __m128i *)(p + 48)));
        p += 64;
        length -= 64;
    }
    const __m128i by128 = _mm_set_epi64x((long long)FOLD_128_HIGH, (long long)FOLD_128_LOW);
    x1 = fold(x0, by128, x1);
    x2 = fold(x1, by128, x2);
    x3 = fold(x2, by128, x3);
    while (length >= 16) {
        x3 = fold(x3, by128, _mm_loadu_si128((const __m128i *)p));
        p += 16;
        length -= 16;
    }
    // The remaining lane is congruent to everything before it: run it through the table from a
    // zero register (zlib's complemented form of zero is all ones), then the tail.
    uint8_t lane[16];
    _mm_storeu_si128((__m128i *)lane, x3);
    uint32_t value = ayame_crc32_zlib(0xFFFFFFFFu, lane, sizeof lane);
    return ayame_crc32_zlib(value, p, length);
}

static int has_pclmul(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("pclmul") && __builtin_cpu_supports("sse2");
}

int ayame_crc32_is_folded(void) {
    static int cached = -1;
    // A benign race: every thread computes the same answer.
    if (cached < 0) cached = has_pclmul();
    return cached;
}

uint32_t ayame_crc32(uint32_t crc, const void *bytes, size_t length) {
    // Below 256 bytes the set-up and the 16-byte lane through the table cost more than they save.
    if (length >= 256 && ayame_crc32_is_folded()) return folded(crc, bytes, length);
    return ayame_crc32_zlib(crc, bytes, length);
}
#else
int ayame_crc32_is_folded(void) { return 0; }

uint32_t ayame_crc32(uint32_t crc, const void *bytes, size_t length) {
    return ayame_crc32_zlib(crc, bytes, length);
}
#endif
