#pragma once
// The containers training logs come in: gzip-compressed files (zlib) and zip archives such as
// Strava's bulk export (libarchive, which reads a zip entry by entry, so that a zip cut short
// still gives every entry before the cut).

#include <functional>
#include <string>
#include <string_view>

namespace runback::training {

// The gzip (or zlib) stream in `compressed` inflated; a multi-member gzip file is read whole.
// Throws runback::Error with the reason when it is damaged or cut short.
std::string gunzip(std::string_view compressed);

// Calls `entry(name, content)` for each regular file in the zip archive at `path`, in archive
// order. Returns "" when the whole archive was read, else why reading stopped (a damaged or
// truncated archive), after every entry before the damage.
std::string read_zip(const std::string& path,
                     const std::function<void(const std::string& name, std::string& content)>& entry);

}  // namespace runback::training
