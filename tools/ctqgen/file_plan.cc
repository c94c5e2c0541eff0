#include "tools/ctqgen/file_plan.h"

#include <algorithm>

#include "tools/ctqgen/civil_time.h"
#include "tools/ctqgen/prng.h"
#include "tools/ctqgen/weighted_choice.h"

namespace ctq::gen {
namespace {

constexpr int64_t kSlotSeconds = 300;

// A skewed size with mean close to `mean`: four bands in thousandths of the mean, from tiny
// files (most of them) to a few files ten times the mean.
int64_t DrawFileSize(int64_t mean, Rng& rng) {
  static const WeightedChoice bands = {45, 35, 15, 5};
  static constexpr int64_t kLow[] = {10, 150, 1200, 3500};
  static constexpr int64_t kHigh[] = {150, 1200, 3800, 10800};
  const size_t band = bands.Pick(rng);
  const int64_t per_mille = rng.Between(kLow[band], kHigh[band]);
  return std::max<int64_t>(1, mean * per_mille / 1000);
}

// Busy during the (UTC) working day, quiet at night.
const WeightedChoice& HourChoice() {
  static const WeightedChoice hours = {3,  2,  2,  2,  2,  3, 4, 6, 8, 10, 12, 12,
                                       12, 12, 12, 11, 10, 9, 7, 6, 5, 4,  4,  3};
  return hours;
}

WeightedChoice DayChoice(int64_t first_day, int64_t day_count) {
  WeightedChoice days;
  for (int64_t d = 0; d < day_count; ++d) days.Add(DayOfWeek(first_day + d) >= 5 ? 4 : 10);
  return days;
}

WeightedChoice DecayingChoice(int count) {
  WeightedChoice choice;
  for (int i = 0; i < count; ++i) choice.Add(static_cast<uint32_t>(1200 / (i + 2)));
  return choice;
}

void FinishWindow(int64_t range_end, PlannedFile* file) {
  file->window_end = std::min(file->window_end, range_end);
  // CloudTrail names a file after its delivery, which follows its last event. Clamping keeps
  // the name inside the range when the window reaches the range end.
  file->delivery_time = std::min(file->window_end, range_end - 60);
}

}  // namespace

std::vector<PlannedFile> PlanFiles(const PlanOptions& options,
                                   const std::vector<PlantedEvent>& planted) {
  Rng rng = Rng::For(options.seed, RngStream::kPlan, 0);
  const int64_t first_day = options.start_seconds / kSecondsPerDay;
  const int64_t day_count =
      std::max<int64_t>(1, (options.end_seconds - options.start_seconds) / kSecondsPerDay);
  const WeightedChoice days = DayChoice(first_day, day_count);
  const WeightedChoice accounts = DecayingChoice(options.accounts);
  const WeightedChoice regions = DecayingChoice(options.regions);
  const WeightedChoice window_lengths = {5, 3, 2};  // 5, 10 or 15 minutes.

  std::vector<PlannedFile> files;
  int64_t remaining = options.events - static_cast<int64_t>(planted.size());
  while (remaining > 0) {
    PlannedFile file;
    file.random_events = std::min(remaining, DrawFileSize(options.events_per_file, rng));
    remaining -= file.random_events;
    file.account = static_cast<uint32_t>(accounts.Pick(rng));
    file.region = static_cast<uint32_t>(regions.Pick(rng));
    const int64_t day = first_day + static_cast<int64_t>(days.Pick(rng));
    const int64_t hour = static_cast<int64_t>(HourChoice().Pick(rng));
    file.window_start =
        std::max(options.start_seconds, day * kSecondsPerDay + hour * 3600 +
                                            static_cast<int64_t>(rng.Below(12)) * kSlotSeconds);
    if (file.window_start >= options.end_seconds) file.window_start = options.start_seconds;
    file.window_end =
        file.window_start + kSlotSeconds * static_cast<int64_t>(1 + window_lengths.Pick(rng));
    FinishWindow(options.end_seconds, &file);
    files.push_back(std::move(file));
  }

  for (const PlantedEvent& event : planted) {
    auto holder = std::find_if(files.begin(), files.end(), [&](const PlannedFile& file) {
      return file.account == kIncidentAccount && file.region == kIncidentRegion &&
             file.window_start <= event.time && event.time < file.window_end;
    });
    if (holder == files.end()) {
      PlannedFile file;
      file.account = kIncidentAccount;
      file.region = kIncidentRegion;
      file.window_start = std::max(options.start_seconds, event.time - event.time % kSlotSeconds);
      file.window_end = file.window_start + kSlotSeconds;
      FinishWindow(options.end_seconds, &file);
      files.push_back(std::move(file));
      holder = files.end() - 1;
    }
    holder->planted.push_back(event);
  }
  return files;
}

}  // namespace ctq::gen
