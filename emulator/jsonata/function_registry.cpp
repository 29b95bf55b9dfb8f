#include "emulator/jsonata/function_registry.h"

#include "emulator/jsonata/functions/function_library.h"

namespace stepsim::jsonata {

void CallContext::fail(const std::string& code, const std::string& message) const {
  throw Error(code, position(), std::string(functionName()), message);
}

void FunctionRegistry::add(std::string_view name, std::string_view signature, BuiltinImplementation implementation) {
  auto builtin = std::make_unique<Builtin>(
      Builtin{std::string(name), Signature::parse(signature), std::move(implementation)});
  Value value = Value::function(std::make_shared<const BuiltinFunction>(builtin.get()));
  entries_[std::string(name)] = Entry{std::move(builtin), std::move(value)};
}

const Builtin* FunctionRegistry::find(std::string_view name) const {
  auto it = entries_.find(name);
  return it == entries_.end() ? nullptr : it->second.builtin.get();
}

Value FunctionRegistry::functionValue(std::string_view name) const {
  auto it = entries_.find(name);
  return it == entries_.end() ? Value() : it->second.value;
}

const FunctionRegistry& FunctionRegistry::standard() {
  static const FunctionRegistry registry = [] {
    FunctionRegistry r;
    registerEvaluatorFunctions(r);
    registerStringFunctions(r);
    registerNumericFunctions(r);
    registerAggregationFunctions(r);
    registerArrayFunctions(r);
    registerObjectFunctions(r);
    registerDateTimeFunctions(r);
    registerStepFunctionsExtras(r);
    return r;
  }();
  return registry;
}

}  // namespace stepsim::jsonata
