#include "emulator/stepfunctions/engine/data_flow.h"

#include "emulator/core/json_text.h"
#include "emulator/stepfunctions/asl/errors.h"
#include "emulator/stepfunctions/asl/variables.h"

namespace stepsim::sfn {

namespace {

// A PathFilter::Path's selection, or States.Runtime when it matches nothing.
stepsim::Json select(const PathFilter& filter, const stepsim::Json& data, std::string_view field,
                      const stepsim::Json& context, const VariableLookup* variables) {
  const stepsim::Json& root = pathRoot(*filter.path, data, context, variables);
  std::optional<stepsim::Json> value = filter.path->evaluate(root);
  if (!value) throw invalidPathError(*filter.path, root);
  return std::move(*value);
}

const Data& emptyObject() {
  static const Data empty = makeData(stepsim::Json::object());
  return empty;
}

}  // namespace

namespace {

constexpr std::size_t kTooDeep = static_cast<std::size_t>(-1);

// An upper bound of the serialized size, stopping once it passes `limit`; kTooDeep when the value
// nests deeper than kMaxDataDepth (the walk stops descending there).
std::size_t sizeBound(const stepsim::Json& value, std::size_t limit, std::size_t depth) {
  if (value.is_structured() && depth == kMaxDataDepth) return kTooDeep;
  switch (value.type()) {
    case stepsim::Json::value_t::string:
      return 6 * value.get_ref<const std::string&>().size() + 2;  // every byte escaped at worst
    case stepsim::Json::value_t::object: {
      std::size_t total = 2;
      for (const auto& [key, member] : value.items()) {
        std::size_t inner = sizeBound(member, limit, depth + 1);
        if (inner == kTooDeep) return kTooDeep;
        total += 6 * key.size() + 4 + inner;
        if (total > limit) return total;
      }
      return total;
    }
    case stepsim::Json::value_t::array: {
      std::size_t total = 2;
      for (const stepsim::Json& element : value) {
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

std::optional<std::string> payloadLimitCause(const stepsim::Json& value,
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

stepsim::Json applyPathFilter(const PathFilter& filter, const stepsim::Json& data,
                               std::string_view field, const stepsim::Json& context,
                               const VariableLookup* variables) {
  switch (filter.kind) {
    case PathFilter::All: return data;
    case PathFilter::Empty: return stepsim::Json::object();
    case PathFilter::Path: break;
  }
  return select(filter, data, field, context, variables);
}

Data applyPathFilter(const PathFilter& filter, const Data& data, std::string_view field,
                     const stepsim::Json& context, const VariableLookup* variables) {
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

stepsim::Json applyResultPath(const ResultPathSpec& spec, stepsim::Json stateInput,
                               stepsim::Json result) {
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
  stepsim::Json merged = *stateInput;  // shared with the history: copied, not changed
  spec.path->assign(merged, *result);
  return makeData(std::move(merged));
}

}  // namespace stepsim::sfn
