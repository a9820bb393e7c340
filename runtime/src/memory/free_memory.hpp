// Internal: hands memory the allocator keeps after large frees back to the system.
#pragma once

// Sanitizers replace malloc: glibc's own heap is not the one in use, and walking it
// (malloc_trim) from several threads crashes under ASan. WIREKIT_SANITIZED is set for them.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define WIREKIT_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || \
    __has_feature(memory_sanitizer)
#define WIREKIT_SANITIZED 1
#endif
#endif

namespace wirekit::detail {

/// glibc keeps freed heap memory for reuse (and raises its mmap threshold after a large
/// free, so the next large block comes from the heap too): after a large message or when
/// the last connection has gone, return what is free. A no-op on other C libraries and under
/// sanitizers.
void return_free_memory() noexcept;

/// Has blocks of 1 MiB or more mapped on their own, returned to the system when freed
/// (glibc: a fixed M_MMAP_THRESHOLD, which also stops glibc raising it after each large free,
/// the reason a trim alone leaves a large message's buffers resident). Process-wide; a no-op
/// on other C libraries and under sanitizers.
void map_large_blocks() noexcept;

}  // namespace wirekit::detail
