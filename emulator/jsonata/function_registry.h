// INTERFACE READY
#pragma once
// The built-in functions by name. A builtin receives its arguments already validated against its
// signature (see signature.h): its implementation may trust their types, but must accept
// undefined wherever the signature lets `m` through (every simple type, `a`, `j`, `x`) —
// jsonata-js functions return undefined for an undefined input.
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>

#include "emulator/jsonata/signature.h"
#include "emulator/jsonata/value.h"

namespace stepsim::jsonata {

// What a builtin may ask of the evaluation calling it.
class CallContext {
 public:
  virtual ~CallContext() = default;

  virtual const Environment& environment() const = 0;
  const Limits& limits() const { return environment().limits; }
  // The call's position in the expression text and the function's name (without `$`), for errors.
  virtual int position() const = 0;
  virtual std::string_view functionName() const = 0;
  // The context value `$` at the call.
  virtual const Value& input() const = 0;

  // Calls a function value (lambda, builtin, partial application, regex matcher) with `args`.
  // Extra arguments beyond its arity are dropped for lambdas, as jsonata-js does.
  virtual Value apply(const Value& function, std::span<const Value> args) = 0;
  std::size_t arity(const Value& function) const {
    return function.isFunction() ? function.callable()->arity() : 0;
  }

  // Accounting for work a builtin does in loops (U1002 when the step budget is spent).
  virtual void countSteps(std::uint64_t steps) = 0;
  // Call before building an array or string of `items` items/bytes (U1003 above the limit).
  virtual void checkResultSize(std::uint64_t items) = 0;

  // Throws Error(code, position(), functionName(), message) (jsonata-js: the token is the name).
  [[noreturn]] void fail(const std::string& code, const std::string& message) const;
};

using BuiltinImplementation = std::function<Value(CallContext& context, std::span<const Value> args)>;

struct Builtin {
  std::string name;  // without `$`
  Signature signature;
  BuiltinImplementation implementation;
};

// A builtin as a function value.
struct BuiltinFunction final : Callable {
  explicit BuiltinFunction(const Builtin* b) : Callable(Kind::Builtin), builtin(b) {}
  std::size_t arity() const override { return builtin->signature.requiredCount(); }
  const Builtin* builtin;
};

// A function made by the evaluator at run time (a regex match's `next`, `$f ~> $g` composition).
struct NativeFunction final : Callable {
  NativeFunction(std::size_t n, BuiltinImplementation f) : Callable(Kind::Native), parameters(n), implementation(std::move(f)) {}
  std::size_t arity() const override { return parameters; }
  std::size_t parameters;
  BuiltinImplementation implementation;
};

class FunctionRegistry {
 public:
  // Registers `$name` (name without `$`). The signature must parse (a bad one throws Error S0401/
  // S0402, a programming mistake caught by the unit tests). Re-registering a name replaces it.
  void add(std::string_view name, std::string_view signature, BuiltinImplementation implementation);

  const Builtin* find(std::string_view name) const;
  // The builtin as a function value (shared, made once), or undefined when there is none.
  Value functionValue(std::string_view name) const;

  // Every builtin: the evaluator's own and all groups of functions/function_library.h. Built
  // once, immutable afterwards, safe to share between threads.
  static const FunctionRegistry& standard();

 private:
  struct Entry {
    std::unique_ptr<Builtin> builtin;
    Value value;
  };
  struct NameHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view name) const { return std::hash<std::string_view>()(name); }
  };
  std::unordered_map<std::string, Entry, NameHash, std::equal_to<>> entries_;
};

// The evaluator's own builtins ($string, $map, $sort, $eval, ...), registered by the evaluator.
void registerEvaluatorFunctions(FunctionRegistry& registry);

}  // namespace stepsim::jsonata
