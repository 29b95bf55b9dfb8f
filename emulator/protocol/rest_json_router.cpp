#include "emulator/protocol/rest_json_router.h"

#include <algorithm>

namespace stepsim::protocol {

namespace {

bool literalMatches(std::string_view raw, const std::string& literal) {
  if (raw == literal) return true;
  return raw.find('%') != std::string_view::npos && percentDecode(raw) == literal;
}

bool matches(const Operation& op, const std::vector<std::string_view>& segments,
             const QueryParams& query) {
  const auto& route = op.path;
  size_t i = 0;
  for (; i < route.size(); ++i) {
    const PathSegment& r = route[i];
    if (r.kind == PathSegment::Kind::GreedyLabel) {
      // Takes the rest of the path, which must not be empty.
      return i < segments.size() && !segments[i].empty() && i + 1 == route.size() &&
             std::all_of(op.requiredQuery.begin(), op.requiredQuery.end(), [&](const auto& kv) {
               return std::find(query.begin(), query.end(), kv) != query.end();
             });
    }
    if (i >= segments.size()) return false;
    if (r.kind == PathSegment::Kind::Label ? segments[i].empty()
                                           : !literalMatches(segments[i], r.text))
      return false;
  }
  if (i != segments.size()) return false;
  for (const auto& kv : op.requiredQuery)
    if (std::find(query.begin(), query.end(), kv) == query.end()) return false;
  return true;
}

// True when `a` is the more specific route: at the first position where the kinds differ, the
// literal (then the plain label) wins; then the one requiring more literal query parameters.
bool moreSpecific(const Operation& a, const Operation& b) {
  size_t n = std::min(a.path.size(), b.path.size());
  for (size_t i = 0; i < n; ++i)
    if (a.path[i].kind != b.path[i].kind) return a.path[i].kind < b.path[i].kind;
  if (a.path.size() != b.path.size()) return a.path.size() > b.path.size();
  return a.requiredQuery.size() > b.requiredQuery.size();
}

}  // namespace

const Operation* matchRoute(const ServiceModel& model, std::string_view method,
                            const std::vector<std::string_view>& segments,
                            const QueryParams& query) {
  std::string_view firstTwo;
  if (segments.size() >= 2)
    firstTwo = std::string_view(segments[0].data(),
                                segments[1].data() + segments[1].size() - segments[0].data());
  auto candidates = model.routeCandidates(method, firstTwo);
  const Operation* best = nullptr;
  for (auto list : {candidates.indexed, candidates.unindexed})
    for (const Operation* op : list)
      if (matches(*op, segments, query) && (!best || moreSpecific(*op, *best))) best = op;
  return best;
}

}  // namespace stepsim::protocol
