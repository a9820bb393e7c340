// Internal: hands memory the allocator keeps after large frees back to the system.
#pragma once

namespace wirekit::detail {

/// glibc keeps freed heap memory for reuse (and raises its mmap threshold after a large
/// free, so the next large block comes from the heap too): after a large message or when
/// the last connection has gone, return what is free. A no-op on other C libraries.
void return_free_memory() noexcept;

/// Has blocks of 1 MiB or more mapped on their own, returned to the system when freed
/// (glibc: a fixed M_MMAP_THRESHOLD, which also stops glibc raising it after each large free,
/// the reason a trim alone leaves a large message's buffers resident). Process-wide; a no-op
/// on other C libraries.
void map_large_blocks() noexcept;

}  // namespace wirekit::detail
