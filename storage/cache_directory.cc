#include "storage/cache_directory.h"

#include <algorithm>
#include <cstdio>

#include "ctq/internal/status_macros.h"
#include "ctq/internal/strings.h"
#include "storage/cache_lock.h"

namespace ctq {
namespace {

constexpr std::string_view kIdentityHeader = "ctq cache\nformat 1\nid ";
constexpr size_t kCacheIdDigits = 32;
constexpr size_t kCacheIdInNames = 12;
constexpr std::string_view kWriterPrefix = "WRITER.";

bool IsLowerHex(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

bool IsToken(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z');
  });
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool IsOwnSegmentName(std::string_view name, std::string_view cache_id) {
  return IsSegmentFileName(name) && cache_id.size() >= kCacheIdInNames &&
         name.substr(4, kCacheIdInNames + 1) == StrCat(cache_id.substr(0, kCacheIdInNames), "-");
}

}  // namespace

absl::StatusOr<std::string> ReadCacheId(const std::string& dir, Env* env) {
  const std::string path = dir + "/" + kIdentityFileName;
  CTQ_ASSIGN_OR_RETURN(std::string text, ReadWholeFile(env, path, 4096));
  std::string_view view(text);
  if (view.size() != kIdentityHeader.size() + kCacheIdDigits + 1 ||
      view.substr(0, kIdentityHeader.size()) != kIdentityHeader || view.back() != '\n' ||
      !IsLowerHex(view.substr(kIdentityHeader.size(), kCacheIdDigits))) {
    return absl::DataLossError(StrCat(path, ": not a ctq cache identity file (format 1)"));
  }
  return std::string(view.substr(kIdentityHeader.size(), kCacheIdDigits));
}

absl::StatusOr<std::string> OpenOrCreateCacheId(const std::string& dir, Env* env) {
  absl::StatusOr<std::string> id = ReadCacheId(dir, env);
  if (!absl::IsNotFound(id.status())) return id;
  CTQ_ASSIGN_OR_RETURN(std::vector<std::string> names, env->ListDirectory(dir));
  // What a first ingest that failed while creating CTQCACHE left: the
  // directory is as good as empty.
  const std::string identity_temporary = StrCat(kIdentityFileName, ".");
  std::erase_if(names, [&](const std::string& name) {
    if (name.rfind(identity_temporary, 0) != 0 || !EndsWith(name, ".tmp") ||
        WriterTokenOf(name).empty() ||
        name.size() != identity_temporary.size() + WriterTokenOf(name).size() + 4) {
      return false;
    }
    return env->Delete(dir + "/" + name).ok();
  });
  if (!names.empty()) {
    std::sort(names.begin(), names.end());
    const bool old_cache = std::find(names.begin(), names.end(), kManifestFileName) != names.end();
    return absl::FailedPreconditionError(StrCat(
        "cache directory ", dir, " is not a ctq cache: it holds ", names.size(),
        names.size() == 1 ? " entry" : " entries", " (", names.front(), names.size() > 1 ? ", ..." : "",
        ") and no ", kIdentityFileName, " file. ",
        old_cache ? "It looks like a cache made by an older ctq; delete it and ingest again, or "
                  : "",
        "ctq creates a cache only in a new or empty directory, and never writes into or "
        "deletes from one it did not create: give --cache a new directory"));
  }
  std::string fresh = RandomHex(kCacheIdDigits / 2);
  CTQ_RETURN_IF_ERROR(WriteFileAtomically(env, dir + "/" + kIdentityFileName,
                                          StrCat(kIdentityHeader, fresh, "\n"), RandomHex(8)));
  return fresh;
}

absl::StatusOr<Manifest> ReadCacheManifest(const std::string& dir, ManifestIdentity* identity,
                                           Env* env) {
  absl::StatusOr<std::string> id = ReadCacheId(dir, env);
  if (absl::IsNotFound(id.status())) {
    // No identity: nothing of ours is here, but say so precisely when the
    // directory has something else in it.
    absl::StatusOr<FileIdentity> manifest = env->Stat(dir + "/" + kManifestFileName);
    if (manifest.ok()) {
      return absl::FailedPreconditionError(
          StrCat(dir, " is not a ctq cache of this version (it has a MANIFEST but no ",
                 kIdentityFileName, " file); delete it and ingest again"));
    }
    return absl::NotFoundError(StrCat("no cache at ", dir));
  }
  CTQ_RETURN_IF_ERROR(id.status());
  CTQ_ASSIGN_OR_RETURN(Manifest read, ReadManifest(dir, identity, env));
  if (read.cache_id != *id) {
    return absl::DataLossError(StrCat("manifest ", dir, "/", kManifestFileName,
                                      " belongs to another cache (id ", read.cache_id, "; ",
                                      kIdentityFileName, " says ", *id, ")"));
  }
  return read;
}

std::string SegmentFileName(std::string_view cache_id, uint64_t generation, size_t run,
                            std::string_view token) {
  char numbers[48];
  std::snprintf(numbers, sizeof(numbers), "%06llu-%05zu",
                static_cast<unsigned long long>(generation), run);
  return StrCat("seg-", cache_id.substr(0, kCacheIdInNames), "-", numbers, "-", token, ".ctqseg");
}

std::string WriterFileName(std::string_view token) { return StrCat(kWriterPrefix, token); }

std::string_view WriterTokenOf(std::string_view name) {
  if (name.substr(0, kWriterPrefix.size()) == kWriterPrefix) return name.substr(kWriterPrefix.size());
  if (EndsWith(name, ".tmp")) {
    std::string_view rest = name.substr(0, name.size() - 4);
    const size_t dot = rest.rfind('.');
    return dot == std::string_view::npos ? std::string_view() : rest.substr(dot + 1);
  }
  if (EndsWith(name, ".ctqseg")) {
    std::string_view rest = name.substr(0, name.size() - 7);
    const size_t dash = rest.rfind('-');
    return dash == std::string_view::npos ? std::string_view() : rest.substr(dash + 1);
  }
  return {};
}

bool IsOwnedLeftover(std::string_view name, std::string_view cache_id) {
  if (IsOwnSegmentName(name, cache_id)) return true;
  if (name.substr(0, kWriterPrefix.size()) == kWriterPrefix) {
    return IsToken(name.substr(kWriterPrefix.size()));
  }
  if (!EndsWith(name, ".tmp")) return false;
  // "<base>.<token>.tmp"
  std::string_view rest = name.substr(0, name.size() - 4);
  const size_t dot = rest.rfind('.');
  if (dot == std::string_view::npos || !IsToken(rest.substr(dot + 1))) return false;
  std::string_view base = rest.substr(0, dot);
  return base == kManifestFileName || base == kIdentityFileName || base == kLockFileName ||
         IsOwnSegmentName(base, cache_id);
}

}  // namespace ctq
