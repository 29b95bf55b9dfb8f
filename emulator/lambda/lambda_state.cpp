#include "emulator/lambda/lambda_state.h"

#include "emulator/core/time_types.h"
#include "emulator/lambda/errors.h"

namespace stepsim::lambda {

LambdaState::LambdaState(core::Simulation& simulation)
    : sim(simulation), arns(simulation.config().region, simulation.config().account) {}

std::string LambdaState::newRevisionId() {
  return sim.ids("lambda-revisions").uuid();
}

std::string LambdaState::nowText() const {
  return core::formatIso8601Offset(sim.now());
}

Function& LambdaState::function(const FunctionRef& ref, std::string_view unqualifiedAs) {
  // Lambda reaches only its own region's functions, and says so in these words.
  if (ref.region != arns.region())
    notFound("Functions from '" + ref.region + "' are not reachable in this region ('" +
             arns.region() + "')");
  auto it = ref.foreign ? functions.end() : functions.find(ref.name);
  if (it == functions.end())
    functionNotFound(
        arns.function(ref, ref.qualifier ? std::string_view(*ref.qualifier) : unqualifiedAs));
  return *it->second;
}

Function& LambdaState::unqualified(std::string_view functionName) {
  FunctionRef ref = arns.parse(functionName);
  if (ref.qualifier && *ref.qualifier != "$LATEST")
    invalidParameter("FunctionName '" + shown(functionName) +
                     "' must name the function without a version or alias qualifier");
  return function(ref);
}

Resolved LambdaState::resolve(const FunctionRef& ref, std::string_view unqualifiedAs) {
  Function& fn = function(ref, unqualifiedAs);
  Resolved out{&fn, &fn.latest, "$LATEST", ""};
  if (!ref.qualifier) return out;
  const std::string& q = *ref.qualifier;
  out.arnQualifier = q;
  if (q == "$LATEST") return out;
  if (isVersionNumber(q)) {
    out.config = findVersion(fn, q);
    if (!out.config) functionNotFound(arns.function(fn.name, q));
    out.version = q;
    return out;
  }
  auto alias = fn.aliases.find(q);
  if (alias == fn.aliases.end()) functionNotFound(arns.function(fn.name, q));
  out.version = alias->second.functionVersion;
  if (out.version != "$LATEST") {
    // An alias's version exists while the alias does (DeleteFunction refuses it otherwise).
    out.config = findVersion(fn, out.version);
    if (!out.config) functionNotFound(arns.function(fn.name, out.version));
  }
  return out;
}

const FunctionConfig* findVersion(const Function& fn, std::string_view text) {
  std::optional<std::int64_t> number = versionNumber(text);
  auto it = number ? fn.versions.find(*number) : fn.versions.end();
  return it == fn.versions.end() ? nullptr : &it->second;
}

}  // namespace stepsim::lambda
