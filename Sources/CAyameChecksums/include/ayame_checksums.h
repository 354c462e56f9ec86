#ifndef AYAME_CHECKSUMS_H
#define AYAME_CHECKSUMS_H

#include <stddef.h>
#include <stdint.h>

/// CRC-32 (IEEE 802.3, as in zlib and gzip) of `length` bytes, continuing from `crc`
/// (start with 0). Folds with the CPU's carry-less multiply (PCLMULQDQ on x86-64) when present,
/// zlib's implementation (which libcurl already links) otherwise and for short inputs.
uint32_t ayame_crc32(uint32_t crc, const void *bytes, size_t length);

/// CRC-32 through zlib only, whatever the CPU: for tests and benchmarks.
uint32_t ayame_crc32_zlib(uint32_t crc, const void *bytes, size_t length);

/// Whether `ayame_crc32` folds with a CPU instruction on this machine.
int ayame_crc32_is_folded(void);

/// CRC-32C (Castagnoli) of `length` bytes, continuing from `crc` (start with 0). Uses the
/// CPU's crc32 instruction (SSE4.2 on x86-64, the CRC extension on 64-bit Arm) when present,
/// a slicing-by-8 table otherwise.
uint32_t ayame_crc32c(uint32_t crc, const void *bytes, size_t length);

/// CRC-32C through the table only, whatever the CPU: for tests and benchmarks.
uint32_t ayame_crc32c_software(uint32_t crc, const void *bytes, size_t length);

/// Whether `ayame_crc32c` uses a CPU instruction on this machine.
int ayame_crc32c_is_hardware(void);

/// The CRC-32 of A followed by B, from the CRC of A, the CRC of B and B's length.
uint32_t ayame_crc32_combine(uint32_t crc_a, uint32_t crc_b, uint64_t length_b);

/// The CRC-32C of A followed by B, from the CRC of A, the CRC of B and B's length.
uint32_t ayame_crc32c_combine(uint32_t crc_a, uint32_t crc_b, uint64_t length_b);

#endif
