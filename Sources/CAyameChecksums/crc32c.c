#include "ayame_checksums.h"
#include <string.h>

#define CASTAGNOLI 0x82F63B78u

static uint32_t table[8][256];

// Filled before main runs, so the lookups need no synchronisation.
__attribute__((constructor)) static void build_table(void) {
    for (uint32_t n = 0; n < 256; n++) {
        uint32_t c = n;
        for (int k = 0; k < 8; k++) c = (c & 1) ? (c >> 1) ^ CASTAGNOLI : c >> 1;
        table[0][n] = c;
    }
    for (uint32_t n = 0; n < 256; n++) {
        uint32_t c = table[0][n];
        for (int k = 1; k < 8; k++) {
            c = table[0][c & 0xFF] ^ (c >> 8);
            table[k][n] = c;
        }
    }
}

uint32_t ayame_crc32c_software(uint32_t crc, const void *bytes, size_t length) {
    const uint8_t *p = bytes;
    uint32_t c = ~crc;
    while (length > 0 && ((uintptr_t)p & 7) != 0) {
        c = table[0][(c ^ *p++) & 0xFF] ^ (c >> 8);
        length--;
    }
    while (length >= 8) {
        uint64_t word;
        memcpy(&word, p, 8);
        // Little-endian layout assumed: every platform Ayame builds for is.
        uint32_t low = (uint32_t)word ^ c;
        uint32_t high = (uint32_t)(word >> 32);
        c = table[7][low & 0xFF] ^ table[6][(low >> 8) & 0xFF] ^ table[5][(low >> 16) & 0xFF] ^ table[4][low >> 24]
            ^ table[3][high & 0xFF] ^ table[2][(high >> 8) & 0xFF] ^ table[1][(high >> 16) & 0xFF] ^ table[0][high >> 24];
        p += 8;
        length -= 8;
    }
    while (length-- > 0) c = table[0][(c ^ *p++) & 0xFF] ^ (c >> 8);
    return ~c;
}

#if defined(__x86_64__)
#include <nmmintrin.h>

// Three independent streams hide the instruction's three-cycle latency; their CRCs are joined
// with the combine below, so the loop runs at the instruction's throughput.
__attribute__((target("sse4.2"))) static uint32_t hardware(uint32_t crc, const uint8_t *p, size_t length) {
    uint64_t c = ~crc;
    while (length > 0 && ((uintptr_t)p & 7) != 0) {
        c = _mm_crc32_u8((uint32_t)c, *p++);
        length--;
    }
    enum { stride = 8192 };
    while (length >= 3 * stride) {
        uint64_t c1 = 0xFFFFFFFFu, c2 = 0xFFFFFFFFu;
        const uint8_t *p1 = p + stride, *p2 = p + 2 * stride;
        for (size_t i = 0; i < stride; i += 8) {
            uint64_t w0, w1, w2;
            memcpy(&w0, p + i, 8);
            memcpy(&w1, p1 + i, 8);
            memcpy(&w2, p2 + i, 8);
            c = _mm_crc32_u64(c, w0);
            c1 = _mm_crc32_u64(c1, w1);
            c2 = _mm_crc32_u64(c2, w2);
        }
        uint32_t joined = ayame_crc32c_combine(~(uint32_t)c, ~(uint32_t)c1, stride);
        joined = ayame_crc32c_combine(joined, ~(uint32_t)c2, stride);
        c = ~joined;
        p += 3 * stride;
        length -= 3 * stride;
    }
    while (length >= 8) {
        uint64_t word;
        memcpy(&word, p, 8);
        c = _mm_crc32_u64(c, word);
        p += 8;
        length -= 8;
    }
    while (length-- > 0) c = _mm_crc32_u8((uint32_t)c, *p++);
    return ~(uint32_t)c;
}

static int has_hardware(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("sse4.2");
}
#elif defined(__aarch64__) && defined(__ARM_FEATURE_CRC32)
#include <arm_acle.h>

static uint32_t hardware(uint32_t crc, const uint8_t *p, size_t length) {
    uint32_t c = ~crc;
    while (length >= 8) {
        uint64_t word;
        memcpy(&word, p, 8);
        c = __crc32cd(c, word);
        p += 8;
        length -= 8;
    }
    while (length-- > 0) c = __crc32cb(c, *p++);
    return ~c;
}

static int has_hardware(void) { return 1; }
#else
static uint32_t hardware(uint32_t crc, const uint8_t *p, size_t length) {
    return ayame_crc32c_software(crc, p, length);
}

static int has_hardware(void) { return 0; }
#endif

int ayame_crc32c_is_hardware(void) {
    static int cached = -1;
    // A benign race: every thread computes the same answer.
    if (cached < 0) cached = has_hardware();
    return cached;
}

uint32_t ayame_crc32c(uint32_t crc, const void *bytes, size_t length) {
    if (ayame_crc32c_is_hardware()) return hardware(crc, bytes, length);
    return ayame_crc32c_software(crc, bytes, length);
}
