// Helper macros for absl::Status plumbing, used by every ctq module.
#pragma once

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define CTQ_STATUS_CONCAT_INNER(a, b) a##b
#define CTQ_STATUS_CONCAT(a, b) CTQ_STATUS_CONCAT_INNER(a, b)

// Returns from the enclosing function if `expr` (an absl::Status) is not OK.
#define CTQ_RETURN_IF_ERROR(expr)                  \
  do {                                             \
    ::absl::Status ctq_status_ = (expr);           \
    if (!ctq_status_.ok()) return ctq_status_;     \
  } while (false)

// `CTQ_ASSIGN_OR_RETURN(auto x, F())` assigns the value of the StatusOr F()
// to x, or returns its error from the enclosing function.
#define CTQ_ASSIGN_OR_RETURN(lhs, expr) \
  CTQ_ASSIGN_OR_RETURN_IMPL(CTQ_STATUS_CONCAT(ctq_statusor_, __LINE__), lhs, expr)
#define CTQ_ASSIGN_OR_RETURN_IMPL(statusor, lhs, expr) \
  auto statusor = (expr);                              \
  if (!statusor.ok()) return statusor.status();        \
  lhs = std::move(statusor).value()

// Programmer invariants only; never for user input (that is a Status).
#ifdef NDEBUG
#define CTQ_DCHECK(cond) \
  do {                   \
  } while (false && (cond))
#else
#include <cstdio>
#include <cstdlib>
#define CTQ_DCHECK(cond)                                                          \
  do {                                                                            \
    if (!(cond)) {                                                                \
      std::fprintf(stderr, "%s:%d: CTQ_DCHECK failed: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                               \
    }                                                                             \
  } while (false)
#endif
