#include "emulator/stepfunctions/mock_config/mock_config.h"

#include "emulator/core/invocation_keys.h"

#include <algorithm>
#include <initializer_list>
#include <optional>
#include <utility>

namespace stepsim::sfn {

using json = stepsim::Json;

namespace {

std::string withPrefix(const std::string& file, int line, const std::string& pointer,
                       const std::string& message) {
  std::string text;
  if (!file.empty()) text += file + (line > 0 ? ":" + std::to_string(line) : "") + ": ";
  if (!pointer.empty()) text += pointer + ": ";
  return text + message;
}

[[noreturn]] void invalid(const std::string& pointer, std::string message) {
  throw MockConfigError(pointer, std::move(message));
}

// "/a" + "b/c" → "/a/b~1c" (RFC 6901 escaping).
std::string child(const std::string& pointer, const std::string& key) {
  return (json::json_pointer(pointer) / key).to_string();
}

const char* typeName(const json& value) {
  return value.is_object()    ? "an object"
         : value.is_array()   ? "an array"
         : value.is_string()  ? "a string"
         : value.is_boolean() ? "a boolean"
         : value.is_number()  ? "a number"
                              : "null";
}

void requireObject(const json& value, const std::string& pointer, const char* what) {
  if (!value.is_object())
    invalid(pointer, std::string("must be an object (") + what + "), not " + typeName(value));
}

void rejectUnknownKeys(const json& object, std::initializer_list<std::string_view> known,
                       const std::string& pointer) {
  for (auto it = object.begin(); it != object.end(); ++it)
    if (std::find(known.begin(), known.end(), it.key()) == known.end()) {
      std::string allowed;
      for (std::string_view k : known) allowed += (allowed.empty() ? "" : ", ") + std::string(k);
      invalid(child(pointer, it.key()), "unknown field (allowed here: " + allowed + ")");
    }
}

const json& required(const json& object, const char* key, const std::string& pointer) {
  auto it = object.find(key);
  if (it == object.end()) invalid(pointer, std::string("missing required field ") + key);
  return *it;
}

// "3" → {3, 3}; "1-2" → {1, 2}.
std::pair<std::int64_t, std::int64_t> parseInvocationKey(const std::string& key,
                                                         const std::string& pointer) {
  std::variant<core::InvocationRange, std::string> range = core::parseInvocationKey(key, kMaxMockedInvocation);
  if (const std::string* why = std::get_if<std::string>(&range)) invalid(pointer, *why);
  const core::InvocationRange& r = std::get<core::InvocationRange>(range);
  return {r.first, r.last};
}

MockedAnswer parseThrow(const json& value, const std::string& pointer) {
  requireObject(value, pointer, "{\"Error\": \"...\", \"Cause\": \"...\"}");
  rejectUnknownKeys(value, {"Error", "Cause"}, pointer);
  MockedAnswer answer;
  answer.isThrow = true;
  for (const char* key : {"Error", "Cause"}) {
    const json& field = required(value, key, pointer);
    if (!field.is_string())
      invalid(child(pointer, key), std::string("must be a string, not ") + typeName(field));
    (key[0] == 'E' ? answer.error : answer.cause) = field.get<std::string>();
  }
  return answer;
}

MockedAnswer parseAnswer(const json& value, const std::string& pointer) {
  requireObject(value, pointer, "exactly one of Return or Throw");
  rejectUnknownKeys(value, {"Return", "Throw"}, pointer);
  if (value.size() != 1)
    invalid(pointer, value.empty() ? "must have one of Return or Throw"
                                   : "must have only one of Return or Throw, not both");
  if (auto it = value.find("Return"); it != value.end()) return {false, *it, {}, {}};
  return parseThrow(value["Throw"], child(pointer, "Throw"));
}

MockedResponse parseResponse(const json& value, const std::string& pointer) {
  requireObject(value, pointer, "invocation numbers to Return or Throw");
  MockedResponse response;
  for (auto it = value.begin(); it != value.end(); ++it) {
    std::string at = child(pointer, it.key());
    auto [first, last] = parseInvocationKey(it.key(), at);
    response.entries.push_back({first, last, parseAnswer(it.value(), at)});
  }
  // Keys come as the file wrote them, in any order: sort by number, then look for overlaps.
  std::sort(response.entries.begin(), response.entries.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  for (std::size_t i = 1; i < response.entries.size(); ++i) {
    const auto& before = response.entries[i - 1];
    const auto& entry = response.entries[i];
    if (entry.first <= before.last) {
      auto key = [](const MockedResponse::Entry& e) {
        return e.first == e.last ? std::to_string(e.first)
                                 : std::to_string(e.first) + "-" + std::to_string(e.last);
      };
      invalid(child(pointer, key(entry)), "overlaps \"" + key(before) + "\": invocation " +
                                              std::to_string(entry.first) +
                                              " would have two answers");
    }
  }
  return response;
}

MockTestCase parseTestCase(const json& value, const std::string& pointer, const MockConfig& config,
                           const std::string& machine, const std::string& name) {
  requireObject(value, pointer, "Task state names to MockedResponses names");
  MockTestCase testCase{machine, name, {}};
  for (auto it = value.begin(); it != value.end(); ++it) {
    std::string at = child(pointer, it.key());
    if (!it->is_string())
      invalid(at, std::string("must be the name of a mocked response (a string), not ") +
                      typeName(*it));
    const std::string& response = it->get_ref<const std::string&>();
    if (!config.response(response))
      invalid(at, "names the mocked response \"" + response +
                      "\", which MockedResponses does not define");
    testCase.states.emplace(it.key(), response);
  }
  return testCase;
}

}  // namespace

MockConfigError::MockConfigError(std::string pointer, std::string message, std::string file, int line)
    : std::runtime_error(withPrefix(file, line, pointer, message)),
      file(std::move(file)),
      pointer(std::move(pointer)),
      message(std::move(message)),
      line(line) {}

const MockedAnswer* MockedResponse::find(std::int64_t n) const {
  const Entry* entry = core::findInvocation(entries, n);
  return entry ? &entry->answer : nullptr;
}

const MockTestCase* MockConfig::testCase(std::string_view machine, std::string_view name) const {
  auto m = machines.find(machine);
  if (m == machines.end()) return nullptr;
  auto t = m->second.find(name);
  return t == m->second.end() ? nullptr : &t->second;
}

const MockedResponse* MockConfig::response(std::string_view name) const {
  auto it = responses.find(name);
  return it == responses.end() ? nullptr : &it->second;
}

MockConfig parseMockConfig(const json& document) {
  requireObject(document, "", "with StateMachines and MockedResponses");
  rejectUnknownKeys(document, {"StateMachines", "MockedResponses"}, "");
  MockConfig config;

  // Responses first: test cases are checked against them.
  const json& responses = required(document, "MockedResponses", "");
  requireObject(responses, "/MockedResponses", "mocked response names to their answers");
  for (auto it = responses.begin(); it != responses.end(); ++it)
    config.responses.emplace(it.key(),
                             parseResponse(it.value(), child("/MockedResponses", it.key())));

  const json& machines = required(document, "StateMachines", "");
  requireObject(machines, "/StateMachines", "state machine names to their TestCases");
  for (auto m = machines.begin(); m != machines.end(); ++m) {
    std::string at = child("/StateMachines", m.key());
    requireObject(m.value(), at, "with TestCases");
    rejectUnknownKeys(m.value(), {"TestCases"}, at);
    const json& testCases = required(m.value(), "TestCases", at);
    std::string casesAt = child(at, "TestCases");
    requireObject(testCases, casesAt, "test case names to their mocked states");
    auto& cases = config.machines[m.key()];
    for (auto t = testCases.begin(); t != testCases.end(); ++t)
      cases.emplace(t.key(),
                    parseTestCase(t.value(), child(casesAt, t.key()), config, m.key(), t.key()));
  }
  return config;
}

}  // namespace stepsim::sfn
