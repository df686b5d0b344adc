// The parts of LedgerCrypto that Swift cannot reach without a platform import or compiler flags:
// the SHA-256 compression function on the CPU's SHA extensions (x86-64 SHA-NI), CRC-32C on SSE4.2's
// `crc32` instruction, and random bytes from the kernel a whole buffer at a time.
//
// Everything else of SHA-256 (padding, lengths, HMAC) stays in Swift; this target only compresses
// whole 64-byte blocks. On a CPU without the extensions, and on every other architecture,
// `ledger_sha256_hardware_available` returns 0 and LedgerCrypto compresses in Swift.
#ifndef C_LEDGER_CRYPTO_H
#define C_LEDGER_CRYPTO_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// 1 when this CPU (by `cpuid`) has the SHA, SSE4.1 and SSSE3 instructions the hardware
/// compression uses; 0 otherwise, and always 0 on a CPU that is not x86-64.
int ledger_sha256_hardware_available(void);

/// Compresses `blocks` consecutive 64-byte blocks at `data` (any alignment) into `state` (the eight working
/// words H0…H7, in order). Only call it when `ledger_sha256_hardware_available()` returned 1;
/// elsewhere it does nothing.
void ledger_sha256_compress_hardware(uint32_t state[8], const void *data, size_t blocks);

/// 1 when this CPU (by `cpuid`) has SSE4.2, whose `crc32` instruction computes CRC-32C; 0
/// otherwise, and always 0 on a CPU that is not x86-64.
int ledger_crc32c_hardware_available(void);

/// Continues the CRC-32C register `state` (already inverted: ~crc) over `count` bytes at `data`
/// (any alignment) and returns the new register. Only call it when
/// `ledger_crc32c_hardware_available()` returned 1; elsewhere it returns `state` unchanged.
uint32_t ledger_crc32c_update_hardware(uint32_t state, const void *data, size_t count);

/// Fills `count` bytes at `buffer` from the kernel's CSPRNG (`getrandom(2)` on Linux, retried on
/// `EINTR`; `arc4random_buf` on Darwin). 1 when every byte is written; 0 when the system refused
/// (then the caller draws them another way).
int ledger_random_fill(void *buffer, size_t count);

#ifdef __cplusplus
}
#endif

#endif
