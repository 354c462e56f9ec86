#include "ayame_checksums.h"
#include <zlib.h>

uint32_t ayame_crc32(uint32_t crc, const void *bytes, size_t length) {
    // crc32_z takes a size_t, so bodies over 4 GiB need no splitting.
    return (uint32_t)crc32_z(crc, (const Bytef *)bytes, length);
}
