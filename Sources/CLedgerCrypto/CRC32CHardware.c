// CRC-32C with the SSE4.2 `crc32` instruction, which computes exactly this polynomial (0x1EDC6F41).
//
// As for SHA-256, the function carries its own `target` attribute, so the rest of the package is
// compiled for the baseline CPU and no unsafe compiler flag is needed; LedgerCrypto calls it only
// after `ledger_crc32c_hardware_available()` has seen SSE4.2 in `cpuid`.
#include "CLedgerCrypto.h"

#include <string.h>

#if defined(__x86_64__)

#include <cpuid.h>
#include <nmmintrin.h>

int ledger_crc32c_hardware_available(void) {
    unsigned int eax = 0, ebx = 0, ecx = 0, edx = 0;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return 0;
    return (ecx >> 20) & 1;
}

__attribute__((target("sse4.2")))
uint32_t ledger_crc32c_update_hardware(uint32_t state, const void *data, size_t count) {
    const unsigned char *bytes = (const unsigned char *)data;
    uint64_t crc = state;
    while (count >= 8) {
        uint64_t word;
        memcpy(&word, bytes, 8); // any alignment
        crc = _mm_crc32_u64(crc, word);
        bytes += 8;
        count -= 8;
    }
    uint32_t crc32 = (uint32_t)crc;
    while (count > 0) {
        crc32 = _mm_crc32_u8(crc32, *bytes);
        bytes += 1;
        count -= 1;
    }
    return crc32;
}

#else

int ledger_crc32c_hardware_available(void) { return 0; }

uint32_t ledger_crc32c_update_hardware(uint32_t state, const void *data, size_t count) {
    (void)data;
    (void)count;
    return state;
}

#endif
