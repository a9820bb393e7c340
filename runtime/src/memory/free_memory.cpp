#include "memory/free_memory.hpp"

#include <cstdlib>  // defines __GLIBC__ on glibc

#if defined(__GLIBC__) && !defined(WIREKIT_SANITIZED)
#define WIREKIT_GLIBC_MALLOC 1
#include <malloc.h>
#endif

namespace wirekit::detail {

void return_free_memory() noexcept {
#if defined(WIREKIT_GLIBC_MALLOC)
  malloc_trim(0);
#endif
}

void map_large_blocks() noexcept {
#if defined(WIREKIT_GLIBC_MALLOC)
  mallopt(M_MMAP_THRESHOLD, 1 << 20);
#endif
}

}  // namespace wirekit::detail
