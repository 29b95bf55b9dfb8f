#pragma once
// Marker/NextMarker paging: the marker is the base64 of an offset into a list kept in a defined
// order; NextMarker is omitted on the last page, as botocore's paginators expect.
#include <cstddef>
#include <optional>
#include <string>

#include "emulator/lambda/model.h"

namespace stepsim::lambda {

// Lambda returns at most 50 items a page whatever MaxItems says.
constexpr int kMaxPageItems = 50;

struct Page {
  std::size_t begin = 0, end = 0;
  std::optional<std::string> nextMarker;
};

// The slice of `total` items the request's Marker and MaxItems select.
Page pageOf(std::size_t total, const json& input);

}  // namespace stepsim::lambda
