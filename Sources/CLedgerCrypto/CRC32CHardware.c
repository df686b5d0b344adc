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
#include <pthread.h>

int ledger_crc32c_hardware_available(void) {
    unsigned int eax = 0, ebx = 0, ecx = 0, edx = 0;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return 0;
    return (ecx >> 20) & 1;
}

// The `crc32` instruction takes three cycles to give its result but can start one every cycle,
// so one register runs at a third of what the CPU can do. Longer buffers are cut into rounds of
// three blocks, each block run on its own register, and the three registers joined: the register
// after A then B is (the register after A, times x^(8 * |B|)) xor (the register of B from 0), all
// modulo the polynomial. This is how the Linux kernel and Mark Adler's crc32c.c run it.

#define LEDGER_CRC32C_POLY 0x82F63B78u // reflected

// a * b modulo the polynomial, both reflected (bit 31 is x^0).
static uint32_t ledger_crc32c_multiply(uint32_t a, uint32_t b) {
    uint32_t product = 0;
    for (uint32_t bit = 1u << 31; bit != 0; bit >>= 1) {
        if (a & bit) product ^= b;
        b = (b & 1) ? (b >> 1) ^ LEDGER_CRC32C_POLY : b >> 1;
    }
    return product;
}

// x^(8 * count) modulo the polynomial, reflected.
static uint32_t ledger_crc32c_shift_by(size_t count) {
    uint32_t result = 1u << 31; // x^0
    uint32_t square = 1u << 23; // x^8: one byte
    for (size_t n = count; n != 0; n >>= 1) {
        if (n & 1) result = ledger_crc32c_multiply(result, square);
        square = ledger_crc32c_multiply(square, square);
    }
    return result;
}

// Blocks of 4 KiB for long buffers, 256 bytes for the rest of them; below three short blocks
// one register is as fast.
#define LEDGER_CRC32C_LONG 4096
#define LEDGER_CRC32C_SHORT 256

// Multiplying a register by x^(8 * block) is linear, so it is four table look-ups, one per byte
// of the register: table[k][b] = (b << 8k) * x^(8 * block). Made once per process (8 KiB).
static uint32_t ledger_crc32c_long_table[4][256], ledger_crc32c_short_table[4][256];
static pthread_once_t ledger_crc32c_tables_once = PTHREAD_ONCE_INIT;

// Only the single bits need a multiplication; every other entry is the xor of two before it.
static void ledger_crc32c_make_table(uint32_t table[4][256], uint32_t shift) {
    for (int k = 0; k < 4; k++) {
        table[k][0] = 0;
        for (uint32_t b = 1; b < 256; b++) {
            uint32_t low = b & (~b + 1);
            table[k][b] = b == low ? ledger_crc32c_multiply(shift, b << (8 * k)) : table[k][low] ^ table[k][b ^ low];
        }
    }
}

static void ledger_crc32c_make_tables(void) {
    ledger_crc32c_make_table(ledger_crc32c_long_table, ledger_crc32c_shift_by(LEDGER_CRC32C_LONG));
    ledger_crc32c_make_table(ledger_crc32c_short_table, ledger_crc32c_shift_by(LEDGER_CRC32C_SHORT));
}

static uint32_t ledger_crc32c_shift(const uint32_t table[4][256], uint32_t crc) {
    return table[0][crc & 0xff] ^ table[1][(crc >> 8) & 0xff] ^ table[2][(crc >> 16) & 0xff] ^ table[3][crc >> 24];
}

__attribute__((target("sse4.2")))
static uint64_t ledger_crc32c_rounds(uint64_t crc, const unsigned char **bytes, size_t *count, size_t block,
                                     const uint32_t table[4][256]) {
    while (*count >= 3 * block) {
        const unsigned char *a = *bytes, *b = a + block, *c = b + block;
        uint64_t crc_b = 0, crc_c = 0;
        for (size_t offset = 0; offset < block; offset += 8) {
            uint64_t word_a, word_b, word_c;
            memcpy(&word_a, a + offset, 8);
            memcpy(&word_b, b + offset, 8);
            memcpy(&word_c, c + offset, 8);
            crc = _mm_crc32_u64(crc, word_a);
            crc_b = _mm_crc32_u64(crc_b, word_b);
            crc_c = _mm_crc32_u64(crc_c, word_c);
        }
        crc = ledger_crc32c_shift(table, (uint32_t)crc) ^ (uint32_t)crc_b;
        crc = ledger_crc32c_shift(table, (uint32_t)crc) ^ (uint32_t)crc_c;
        *bytes += 3 * block;
        *count -= 3 * block;
    }
    return crc;
}

__attribute__((target("sse4.2")))
uint32_t ledger_crc32c_update_hardware(uint32_t state, const void *data, size_t count) {
    const unsigned char *bytes = (const unsigned char *)data;
    uint64_t crc = state;
    if (count >= 3 * LEDGER_CRC32C_SHORT) {
        pthread_once(&ledger_crc32c_tables_once, ledger_crc32c_make_tables);
        crc = ledger_crc32c_rounds(crc, &bytes, &count, LEDGER_CRC32C_LONG, ledger_crc32c_long_table);
        crc = ledger_crc32c_rounds(crc, &bytes, &count, LEDGER_CRC32C_SHORT, ledger_crc32c_short_table);
    }
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
