// Bytes from the kernel's CSPRNG, a whole buffer per call, for LedgerCrypto's salt pool.
//
// Swift's `SystemRandomNumberGenerator` makes one `getrandom` system call per eight bytes; the
// pool of salts is 4 KiB, so filling it that way cost 512 system calls (two per fact imported).
#include "CLedgerCrypto.h"

#if defined(__APPLE__)

#include <stdlib.h>

int ledger_random_fill(void *buffer, size_t count) {
    arc4random_buf(buffer, count);
    return 1;
}

#elif defined(__linux__)

#include <errno.h>
#include <sys/random.h>

int ledger_random_fill(void *buffer, size_t count) {
    unsigned char *bytes = (unsigned char *)buffer;
    size_t filled = 0;
    while (filled < count) {
        ssize_t got = getrandom(bytes + filled, count - filled, 0);
        if (got > 0) {
            filled += (size_t)got;
        } else if (got < 0 && errno == EINTR) {
            continue;
        } else {
            return 0;
        }
    }
    return 1;
}

#else

int ledger_random_fill(void *buffer, size_t count) {
    (void)buffer;
    (void)count;
    return 0;
}

#endif
