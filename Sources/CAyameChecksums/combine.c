#include "ayame_checksums.h"

// Reflected-CRC arithmetic in GF(2)[x] modulo the polynomial: appending n zero bytes to a
// message multiplies its CRC register by x^(8n), so crc(A||B) = crc(A) * x^(8|B|) + crc(B).

static uint32_t multiply(uint32_t a, uint32_t b, uint32_t polynomial) {
    uint32_t m = 1u << 31, product = 0;
    for (;;) {
        if (a & m) {
            product ^= b;
            if ((a & (m - 1)) == 0) break;
        }
        m >>= 1;
        b = (b & 1) ? (b >> 1) ^ polynomial : b >> 1;
    }
    return product;
}

// x^(8 * bytes) modulo the polynomial, by repeated squaring.
static uint32_t power_of_x(uint64_t bytes, uint32_t polynomial) {
    uint32_t result = 1u << 31;  // x^0
    uint32_t square = 1u << 23;  // x^8: one byte
    while (bytes) {
        if (bytes & 1) result = multiply(square, result, polynomial);
        square = multiply(square, square, polynomial);
        bytes >>= 1;
    }
    return result;
}

// zlib's own combine takes a z_off_t, whose width depends on how zlib was configured.
uint32_t ayame_crc32_combine(uint32_t crc_a, uint32_t crc_b, uint64_t length_b) {
    return multiply(power_of_x(length_b, 0xEDB88320u), crc_a, 0xEDB88320u) ^ crc_b;
}

uint32_t ayame_crc32c_combine(uint32_t crc_a, uint32_t crc_b, uint64_t length_b) {
    return multiply(power_of_x(length_b, 0x82F63B78u), crc_a, 0x82F63B78u) ^ crc_b;
}
