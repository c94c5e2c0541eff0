// CTQ_SANITIZED: defined when the test is built with ASan or TSan (GCC
// defines __SANITIZE_*__, clang answers __has_feature). Their runtimes
// reserve address space and keep freed memory (ASan's quarantine holds up to
// 256 MB by default), so tests that measure a process's memory cannot hold
// it to ctq's own numbers under them.
#pragma once

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define CTQ_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define CTQ_SANITIZED 1
#endif
#endif
