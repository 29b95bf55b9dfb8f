#include "emulator/stepfunctions/definition/variable_scopes.h"

#include "emulator/core/json.h"
#include "emulator/stepfunctions/asl/variables.h"

namespace stepsim::sfn {

using json = stepsim::Json;

namespace {

bool endsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// The "$name" references in a path or an intrinsic call ('quoted' text and "$$" skipped).
void scanPathText(const std::string& text, std::set<std::string>& out) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\'') {
      for (++i; i < text.size() && text[i] != '\''; ++i)
        if (text[i] == '\\') ++i;
      continue;
    }
    if (c != '$') continue;
    if (i + 1 < text.size() && text[i + 1] == '$') {
      ++i;
      continue;
    }
    std::size_t begin = i + 1, end = begin;
    while (end < text.size() && isVariableChar(static_cast<unsigned char>(text[end]))) ++end;
    if (end > begin && isVariableStart(static_cast<unsigned char>(text[begin])))
      out.insert(text.substr(begin, end - begin));
    i = end - 1;
  }
}

// JSONPath fields whose strings are paths: "x.$" template keys, *Path fields (not ResultPath, which
// cannot name a variable) and a Choice rule's Variable. Nested machines and literal data skipped.
void scanJsonPathFields(const json& node, std::set<std::string>& out) {
  if (node.is_array()) {
    for (const json& item : node) scanJsonPathFields(item, out);
    return;
  }
  if (!node.is_object()) return;
  for (const auto& [key, value] : node.items()) {
    if (key == "Branches" || key == "ItemProcessor" || key == "Iterator" || key == "Result" ||
        key == "Comment" || key == "ResultPath")
      continue;
    bool pathField = endsWith(key, ".$") || endsWith(key, "Path") || key == "Variable";
    if (pathField && value.is_string()) scanPathText(value.get<std::string>(), out);
    else scanJsonPathFields(value, out);
  }
}

void assignedNames(const AssignAndOutput& ao, const json* assign, std::set<std::string>& out) {
  if (!ao.hasAssign() || !assign || !assign->is_object()) return;
  for (const auto& [key, value] : assign->items())
    out.insert(endsWith(key, ".$") && ao.assign ? key.substr(0, key.size() - 2) : key);
}

void jsonataReads(const AssignAndOutput& ao, std::set<std::string>& out) {
  if (ao.assignJsonata) ao.assignJsonata->collectVariables(out);
  if (ao.output) ao.output->collectVariables(out);
}

const json* member(const json& node, const char* key) {
  auto it = node.is_object() ? node.find(key) : node.end();
  return it == node.end() ? nullptr : &*it;
}

}  // namespace

StateVariables stateVariables(const State& st, const json& node, std::string location) {
  StateVariables vars;
  vars.location = std::move(location);
  assignedNames(st.assignOutput, member(node, "Assign"), vars.assigns);
  const json* choices = member(node, "Choices");
  for (std::size_t i = 0; i < st.choices.size() && choices && i < choices->size(); ++i)
    assignedNames(st.choices[i].assignOutput, member((*choices)[i], "Assign"), vars.assigns);
  const json* catches = member(node, "Catch");
  for (std::size_t i = 0; i < st.catches.size() && catches && i < catches->size(); ++i)
    assignedNames(st.catches[i].assignOutput, member((*catches)[i], "Assign"), vars.assigns);

  if (st.queryLanguage == QueryLanguage::JSONPath) {
    scanJsonPathFields(node, vars.reads);
    vars.readsMustBeAssigned = true;
    return vars;
  }
  jsonataReads(st.assignOutput, vars.reads);
  for (const ChoiceBranch& branch : st.choices) {
    if (branch.condition) branch.condition->collectVariables(vars.reads);
    jsonataReads(branch.assignOutput, vars.reads);
  }
  for (const Catcher& catcher : st.catches) jsonataReads(catcher.assignOutput, vars.reads);
  if (const JsonataFields* f = st.jsonata.get())
    for (const auto* field : {&f->arguments, &f->timeoutSeconds, &f->heartbeatSeconds, &f->seconds,
                              &f->timestamp, &f->error, &f->cause, &f->items, &f->itemSelector,
                              &f->maxConcurrency})
      if (*field) (*field)->collectVariables(vars.reads);
  return vars;
}

namespace {

void checkScope(const Program& program, const std::map<const State*, StateVariables>& variables,
                const std::set<std::string>& outer, bool nested, const VariableError& error) {
  std::set<std::string> visible = outer;
  for (const State& st : program.states) {
    auto it = variables.find(&st);
    if (it == variables.end()) continue;
    for (const std::string& name : it->second.assigns) {
      if (nested && outer.count(name))
        error("The variable '" + name +
                  "' is assigned in an outer scope: a Parallel branch or Map iteration can read "
                  "it but not assign it",
              it->second.location + "/Assign");
      visible.insert(name);
    }
  }
  for (const State& st : program.states) {
    auto it = variables.find(&st);
    if (it == variables.end()) continue;
    for (const std::string& name : it->second.reads)
      if (it->second.readsMustBeAssigned && !visible.count(name))
        error("The variable '$" + name +
                  "' is not assigned by any state of this scope or of a scope around it",
              it->second.location);
    for (const auto& branch : st.branches) checkScope(*branch, variables, visible, true, error);
    if (st.iterator) checkScope(*st.iterator, variables, visible, true, error);
  }
}

}  // namespace

void checkVariableScopes(const Program& machine,
                         const std::map<const State*, StateVariables>& variables,
                         const std::set<std::string>& predefined, const VariableError& error) {
  checkScope(machine, variables, predefined, false, error);
}

}  // namespace stepsim::sfn
