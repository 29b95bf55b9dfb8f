// CreateAlias, GetAlias, ListAliases, UpdateAlias, DeleteAlias.
#include <cctype>

#include "emulator/lambda/errors.h"
#include "emulator/lambda/handlers.h"
#include "emulator/lambda/input.h"
#include "emulator/lambda/paging.h"
#include "emulator/lambda/view.h"

namespace stepsim::lambda {

namespace {

void checkAliasName(const std::string& name) {
  bool valid = !name.empty() && name.size() <= 128 && !isVersionNumber(name);
  for (char c : name)
    valid = valid && (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_');
  if (!valid)
    invalidParameter(
        "Alias name '" + shown(name) +
        "' must be 1-128 letters, digits, '-' or '_' and must not be a version number");
}

// "$LATEST" or a published version of `fn`.
void checkVersionExists(LambdaState& s, const Function& fn, const std::string& version) {
  if (version == "$LATEST") return;
  if (!findVersion(fn, version)) functionNotFound(s.arns.function(fn.name, version));
}

// RoutingConfig.AdditionalVersionWeights: published versions other than the primary, weights 0-1.
json parseRoutingConfig(LambdaState& s, const Function& fn, const json& value,
                        const std::string& primary) {
  if (!value.is_object()) invalidParameter("RoutingConfig must be an object");
  const json* weights = optObject(value, "AdditionalVersionWeights");
  if (!weights) return json::object();
  if (weights->size() > 1)
    invalidParameter("RoutingConfig.AdditionalVersionWeights may route to one additional version");
  for (const auto& [version, weight] : weights->items()) {
    if (version == primary || version == "$LATEST")
      invalidParameter(
          "RoutingConfig: the additional version must be a published version other "
          "than the alias's FunctionVersion");
    checkVersionExists(s, fn, version);
    if (!weight.is_number() || weight.get<double>() < 0 || weight.get<double>() > 1)
      invalidParameter("RoutingConfig.AdditionalVersionWeights." + version +
                       " must be a weight between 0.0 and 1.0");
  }
  return value;
}

Alias& findAlias(LambdaState& s, Function& fn, const std::string& name) {
  auto it = fn.aliases.find(name);
  if (it == fn.aliases.end()) notFound("Cannot find alias arn: " + s.arns.function(fn.name, name));
  return it->second;
}

}  // namespace

json createAlias(LambdaState& s, const json& in) {
  Function& fn = s.unqualified(reqString(in, "FunctionName"));
  std::string name = reqString(in, "Name");
  checkAliasName(name);
  if (name == "LATEST") invalidParameter("Alias name 'LATEST' is reserved");
  if (fn.aliases.count(name)) conflict("Alias already exists: " + s.arns.function(fn.name, name));
  Alias alias;
  alias.name = name;
  alias.functionVersion = reqString(in, "FunctionVersion");
  checkVersionExists(s, fn, alias.functionVersion);
  alias.description = optString(in, "Description").value_or("");
  if (in.contains("RoutingConfig") && !in["RoutingConfig"].is_null())
    alias.routingConfig = parseRoutingConfig(s, fn, in["RoutingConfig"], alias.functionVersion);
  alias.revisionId = s.newRevisionId();
  const Alias& stored = fn.aliases.emplace(name, std::move(alias)).first->second;
  return renderAlias(s, fn, stored);
}

json getAlias(LambdaState& s, const json& in) {
  Function& fn = s.unqualified(reqString(in, "FunctionName"));
  return renderAlias(s, fn, findAlias(s, fn, reqString(in, "Name")));
}

json listAliases(LambdaState& s, const json& in) {
  Function& fn = s.unqualified(reqString(in, "FunctionName"));
  std::optional<std::string> version = optString(in, "FunctionVersion");
  std::vector<const Alias*> selected;
  for (const auto& [name, alias] : fn.aliases)
    if (!version || alias.functionVersion == *version) selected.push_back(&alias);
  Page page = pageOf(selected.size(), in);
  json aliases = json::array();
  for (std::size_t i = page.begin; i < page.end; ++i)
    aliases.push_back(renderAlias(s, fn, *selected[i]));
  json out = {{"Aliases", std::move(aliases)}};
  if (page.nextMarker) out["NextMarker"] = *page.nextMarker;
  return out;
}

json updateAlias(LambdaState& s, const json& in) {
  Function& fn = s.unqualified(reqString(in, "FunctionName"));
  Alias& alias = findAlias(s, fn, reqString(in, "Name"));
  if (auto revision = optString(in, "RevisionId"); revision && *revision != alias.revisionId)
    preconditionFailed(
        "The Revision Id provided does not match the latest Revision Id. Call the "
        "GetFunction/GetAlias API to retrieve the latest Revision Id");
  Alias next = alias;
  if (auto version = optString(in, "FunctionVersion")) {
    checkVersionExists(s, fn, *version);
    next.functionVersion = *version;
  }
  if (auto description = optString(in, "Description")) next.description = *description;
  if (in.contains("RoutingConfig") && !in["RoutingConfig"].is_null())
    next.routingConfig = parseRoutingConfig(s, fn, in["RoutingConfig"], next.functionVersion);
  next.revisionId = s.newRevisionId();
  alias = std::move(next);
  return renderAlias(s, fn, alias);
}

json deleteAlias(LambdaState& s, const json& in) {
  Function& fn = s.unqualified(reqString(in, "FunctionName"));
  fn.aliases.erase(findAlias(s, fn, reqString(in, "Name")).name);
  return json::object();
}

}  // namespace stepsim::lambda
