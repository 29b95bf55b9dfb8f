#include "emulator/stepfunctions/engine/data_flow.h"

#include "emulator/core/json_text.h"
#include "emulator/stepfunctions/asl/errors.h"
#include "emulator/stepfunctions/asl/variables.h"

namespace stepsim::sfn {

namespace {

// A PathFilter::Path's selection, or States.Runtime when it matches nothing.
nlohmann::json select(const PathFilter& filter, const nlohmann::json& data, std::string_view field,
                      const nlohmann::json& context, const VariableLookup* variables) {
  std::optional<nlohmann::json> value =
      filter.path->evaluate(pathRoot(*filter.path, data, context, variables));
  if (!value)
    throw StatesError{"States.Runtime",
                      "Invalid path '" + filter.path->text() + "' : The JSONPath '" +
                          filter.path->text() + "' specified for the field '" + std::string(field) +
                          "' could not be found in the input '" + core::serializeJson(data) + "'"};
  return std::move(*value);
}

const Data& emptyObject() {
  static const Data empty = makeData(nlohmann::json::object());
  return empty;
}

}  // namespace

namespace {

// An upper bound of the serialized size, stopping once it passes `limit`.
std::size_t sizeBound(const nlohmann::json& value, std::size_t limit) {
  switch (value.type()) {
    case nlohmann::json::value_t::string:
      return 6 * value.get_ref<const std::string&>().size() + 2;  // every byte escaped at worst
    case nlohmann::json::value_t::object: {
      std::size_t total = 2;
      for (const auto& [key, member] : value.items()) {
        total += 6 * key.size() + 4 + sizeBound(member, limit);
        if (total > limit) return total;
      }
      return total;
    }
    case nlohmann::json::value_t::array: {
      std::size_t total = 2;
      for (const nlohmann::json& element : value) {
        total += 1 + sizeBound(element, limit);
        if (total > limit) return total;
      }
      return total;
    }
    default:
      return 32;  // numbers, booleans, null
  }
}

}  // namespace

bool exceedsPayloadLimit(const nlohmann::json& value) {
  return sizeBound(value, kMaxPayloadBytes) > kMaxPayloadBytes &&
         core::serializeJson(value).size() > kMaxPayloadBytes;
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
