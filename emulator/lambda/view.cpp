#include "emulator/lambda/view.h"

namespace stepsim::lambda {

json renderConfiguration(const LambdaState& s, const Function& fn, const FunctionConfig& c,
                         std::string_view version, std::string_view arnQualifier) {
  json out = {
      {"FunctionName", fn.name},
      {"FunctionArn", s.arns.function(fn.name, arnQualifier)},
      {"Runtime", c.runtime},
      {"Role", c.role},
      {"Handler", c.handler},
      {"CodeSize", c.codeSize},
      {"Description", c.description},
      {"Timeout", c.timeout},
      {"MemorySize", c.memorySize},
      {"LastModified", c.lastModified},
      {"CodeSha256", c.codeSha256},
      {"Version", version},
      {"TracingConfig", {{"Mode", c.tracingMode}}},
      {"RevisionId", c.revisionId},
      {"State", "Active"},
      {"LastUpdateStatus", "Successful"},
      {"PackageType", "Zip"},
      {"Architectures", c.architectures},
      {"EphemeralStorage", {{"Size", c.ephemeralStorage}}},
      {"LoggingConfig", {{"LogFormat", "Text"}, {"LogGroup", "/aws/lambda/" + fn.name}}},
  };
  if (c.environment) out["Environment"] = {{"Variables", *c.environment}};
  return out;
}

json renderConfiguration(const LambdaState& s, const Resolved& r) {
  return renderConfiguration(s, *r.function, *r.config, r.version, r.arnQualifier);
}

json renderAlias(const LambdaState& s, const Function& fn, const Alias& alias) {
  json out = {{"AliasArn", s.arns.function(fn.name, alias.name)},
              {"Name", alias.name},
              {"FunctionVersion", alias.functionVersion},
              {"Description", alias.description},
              {"RevisionId", alias.revisionId}};
  if (!alias.routingConfig.is_null()) out["RoutingConfig"] = alias.routingConfig;
  return out;
}

}  // namespace stepsim::lambda
