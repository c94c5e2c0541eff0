#include "tests/unit/storage_cache/fault_injection_env.h"

#include <cerrno>

#include "ctq/internal/strings.h"

namespace ctq::testing {
namespace {

// A file being written whose Append, Sync and Close count as operations.
class FaultInjectionFile final : public WritableFile {
 public:
  FaultInjectionFile(FaultInjectionEnv* env, std::string path, std::unique_ptr<WritableFile> base)
      : env_(env), path_(std::move(path)), base_(std::move(base)) {}
  absl::Status Append(std::string_view bytes) override {
    if (absl::Status fault = env_->Step(StrCat("Append ", path_)); !fault.ok()) return fault;
    return base_->Append(bytes);
  }
  absl::Status Sync() override {
    if (absl::Status fault = env_->Step(StrCat("Sync ", path_)); !fault.ok()) return fault;
    return base_->Sync();
  }
  absl::Status Close() override {
    absl::Status fault = env_->Step(StrCat("Close ", path_));
    absl::Status closed = base_->Close();  // the descriptor goes either way
    return fault.ok() ? closed : fault;
  }

 private:
  FaultInjectionEnv* const env_;
  const std::string path_;
  std::unique_ptr<WritableFile> base_;
};

}  // namespace

std::string FaultInjectionEnv::failed_operation() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return failed_operation_;
}

absl::Status FaultInjectionEnv::Step(const std::string& what) {
  const uint64_t number = operations_.fetch_add(1) + 1;
  if (number != fail_at_) return absl::OkStatus();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    failed_operation_ = what;
  }
  fault_hit_ = true;
  // The status a real EIO gets (storage/env.cc), so the ingest takes the
  // path a failing disk makes it take.
  return absl::ErrnoToStatus(EIO, StrCat("injected I/O error at operation ", number, ": ", what));
}

absl::StatusOr<std::unique_ptr<WritableFile>> FaultInjectionEnv::CreateExclusive(
    const std::string& path) {
  if (absl::Status fault = Step(StrCat("CreateExclusive ", path)); !fault.ok()) return fault;
  absl::StatusOr<std::unique_ptr<WritableFile>> file = target()->CreateExclusive(path);
  if (!file.ok()) return file.status();
  return std::make_unique<FaultInjectionFile>(this, path, std::move(*file));
}

absl::Status FaultInjectionEnv::Rename(const std::string& from, const std::string& to) {
  if (absl::Status fault = Step(StrCat("Rename ", from, " ", to)); !fault.ok()) return fault;
  return target()->Rename(from, to);
}

absl::Status FaultInjectionEnv::SyncDirectory(const std::string& dir) {
  if (absl::Status fault = Step(StrCat("SyncDirectory ", dir)); !fault.ok()) return fault;
  return target()->SyncDirectory(dir);
}

absl::Status FaultInjectionEnv::Delete(const std::string& path) {
  if (absl::Status fault = Step(StrCat("Delete ", path)); !fault.ok()) return fault;
  if (deletes_fail_after_fault_ && fault_hit()) {
    return absl::ErrnoToStatus(EIO, StrCat("injected I/O error (deletes fail): Delete ", path));
  }
  return target()->Delete(path);
}

absl::Status FaultInjectionEnv::CreateDirectories(const std::string& dir) {
  if (absl::Status fault = Step(StrCat("CreateDirectories ", dir)); !fault.ok()) return fault;
  return target()->CreateDirectories(dir);
}

}  // namespace ctq::testing
