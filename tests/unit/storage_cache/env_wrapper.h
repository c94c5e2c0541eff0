// An Env (storage/env.h) that passes every call to another one: tests
// derive from it and override only the operations they fail, delay or fake.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "storage/env.h"

namespace ctq::testing {

class EnvWrapper : public Env {
 public:
  explicit EnvWrapper(Env* target = Env::Default()) : target_(target) {}
  Env* target() const { return target_; }

  absl::StatusOr<std::unique_ptr<RandomAccessFile>> OpenForRead(const std::string& path) override {
    return target_->OpenForRead(path);
  }
  absl::StatusOr<std::unique_ptr<WritableFile>> CreateExclusive(const std::string& path) override {
    return target_->CreateExclusive(path);
  }
  absl::Status Rename(const std::string& from, const std::string& to) override {
    return target_->Rename(from, to);
  }
  absl::Status SyncDirectory(const std::string& dir) override {
    return target_->SyncDirectory(dir);
  }
  absl::Status Delete(const std::string& path) override { return target_->Delete(path); }
  absl::StatusOr<std::vector<std::string>> ListDirectory(const std::string& dir) override {
    return target_->ListDirectory(dir);
  }
  absl::Status CreateDirectories(const std::string& dir) override {
    return target_->CreateDirectories(dir);
  }
  absl::StatusOr<std::unique_ptr<DirectoryLock>> LockFile(const std::string& path) override {
    return target_->LockFile(path);
  }
  absl::StatusOr<std::unique_ptr<DirectoryLock>> LockDirectory(const std::string& dir) override {
    return target_->LockDirectory(dir);
  }
  absl::StatusOr<FileIdentity> Stat(const std::string& path) override {
    return target_->Stat(path);
  }

 private:
  Env* const target_;
};

}  // namespace ctq::testing
