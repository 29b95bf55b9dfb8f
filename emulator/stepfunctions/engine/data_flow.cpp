#include "emulator/stepfunctions/engine/data_flow.h"

#include "emulator/core/json_text.h"
#include "emulator/stepfunctions/asl/errors.h"
#include "emulator/stepfunctions/asl/variables.h"

namespace stepsim::sfn {

namespace {

// A PathFilter::Path's selection, or States.Runtime when it matches nothing.
nlohmann::json select(const PathFilter& filter, const nlohmann::json& data, std::string_view field,
                      const nlohmann::json& context, const VariableLookup* variables) {
  const nlohmann::json& root = pathRoot(*filter.path, data, context, variables);
  std::optional<nlohmann::json> value = filter.path->evaluate(root);
  if (!value) throw invalidPathError(*filter.path, root);
  return std::move(*value);
}

const Data& emptyObject() {
  static const Data empty = makeData(nlohmann::json::object());
  return empty;
}

}  // namespace

namespace {

constexpr std::size_t kTooDeep = static_cast<std::size_t>(-1);

// An upper bound of the serialized size, stopping once it passes `limit`; kTooDeep when the value
// nests deeper than kMaxDataDepth (the walk stops descending there).
std::size_t sizeBound(const nlohmann::json& value, std::size_t limit, std::size_t depth) {
  if (value.is_structured() && depth == kMaxDataDepth) return kTooDeep;
  switch (value.type()) {
    case nlohmann::json::value_t::string:
      return 6 * value.get_ref<const std::string&>().size() + 2;  // every byte escaped at worst
    case nlohmann::json::value_t::object: {
      std::size_t total = 2;
      for (const auto& [key, member] : value.items()) {
        std::size_t inner = sizeBound(member, limit, depth + 1);
        if (inner == kTooDeep) return kTooDeep;
        total += 6 * key.size() + 4 + inner;
        if (total > limit) return total;
      }
      return total;
    }
    case nlohmann::json::value_t::array: {
      std::size_t total = 2;
      for (const nlohmann::json& element : value) {
        std::size_t inner = sizeBound(element, limit, depth + 1);
        if (inner == kTooDeep) return kTooDeep;
        total += 1 + inner;
        if (total > limit) return total;
      }
      return total;
    }
    default:
      return 32;  // numbers, booleans, null
  }
}

}  // namespace

std::optional<std::string> payloadLimitCause(const nlohmann::json& value,
                                             std::string_view stateName) {
  std::size_t bound = sizeBound(value, kMaxPayloadBytes, 0);
  if (bound == kTooDeep)
    return "The state/task '" + std::string(stateName) + "' returned a result nested deeper than " +
           std::to_string(kMaxDataDepth) + " levels.";
  if (bound > kMaxPayloadBytes && core::serializeJson(value).size() > kMaxPayloadBytes)
    return "The state/task '" + std::string(stateName) +
           "' returned a result with a size exceeding the maximum number of bytes service limit.";
  return std::nullopt;
}

nlohmann::json applyPathFilter(const PathFilter& filter, const nlohmann::json& data,
                               std::string_view field, const nlohmann::json& context,
                               const VariableLookup* variables) {
  switch (filter.kind) {
    case PathFilter::All: return data;
    case PathFilter::Empty: return nlohmann::json::object();
    case PathFilter::Path: break;
  }
  return select(filter, data, field, context, variables);
}

Data applyPathFilter(const PathFilter& filter, const Data& data, std::string_view field,
                     const nlohmann::json& context, const VariableLookup* variables) {
  switch (filter.kind) {
    case PathFilter::All: return data;
    case PathFilter::Empty: return emptyObject();
    case PathFilter::Path: break;
  }
  return makeData(select(filter, *data, field, context, variables));
}

std::optional<Assignments> assignJsonPath(const AssignAndOutput& ao, const EvalContext& ctx,
                                          const VariableScope& variables) {
  if (!ao.assign) return std::nullopt;
  return variables.prepare(ao.assign->evaluate(ctx));
}

nlohmann::json applyResultPath(const ResultPathSpec& spec, nlohmann::json stateInput,
                               nlohmann::json result) {
  switch (spec.kind) {
    case ResultPathSpec::Replace: return result;
    case ResultPathSpec::Discard: return stateInput;
    case ResultPathSpec::Path: break;
  }
  spec.path->assign(stateInput, std::move(result));
  return stateInput;
}

Data applyResultPath(const ResultPathSpec& spec, const Data& stateInput, Data result) {
  switch (spec.kind) {
    case ResultPathSpec::Replace: return result;
    case ResultPathSpec::Discard: return stateInput;
    case ResultPathSpec::Path: break;
  }
  nlohmann::json merged = *stateInput;  // shared with the history: copied, not changed
  spec.path->assign(merged, *result);
  return makeData(std::move(merged));
}

}  // namespace stepsim::sfn
