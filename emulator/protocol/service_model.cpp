#include "emulator/protocol/service_model.h"

#include <stdexcept>

#include "emulator/core/json.h"

namespace stepsim::protocol {

namespace {

using json = stepsim::Json;

ShapeType parseShapeType(const std::string& type) {
  static const std::map<std::string, ShapeType, std::less<>> kTypes = {
      {"structure", ShapeType::Structure},
      {"list", ShapeType::List},
      {"map", ShapeType::Map},
      {"string", ShapeType::String},
      {"integer", ShapeType::Integer},
      {"long", ShapeType::Long},
      {"float", ShapeType::Float},
      {"double", ShapeType::Double},
      {"boolean", ShapeType::Boolean},
      {"timestamp", ShapeType::Timestamp},
      {"blob", ShapeType::Blob}};
  auto it = kTypes.find(type);
  return it == kTypes.end() ? ShapeType::Unknown : it->second;
}

Location parseLocation(const std::string& location) {
  if (location == "uri") return Location::Uri;
  if (location == "querystring") return Location::QueryString;
  if (location == "header") return Location::Header;
  if (location == "headers") return Location::Headers;
  if (location == "statusCode") return Location::StatusCode;
  return Location::Body;
}

std::string stringOr(const json& object, const char* key, std::string fallback = {}) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : fallback;
}

std::optional<double> numberOr(const json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_number()) return std::nullopt;
  return it->get<double>();
}

std::vector<PathSegment> splitRoutePath(std::string_view path) {
  std::vector<PathSegment> segments;
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  while (true) {
    size_t slash = path.find('/');
    std::string_view text = path.substr(0, slash);
    PathSegment segment;
    if (text.size() >= 2 && text.front() == '{' && text.back() == '}') {
      text = text.substr(1, text.size() - 2);
      segment.kind = PathSegment::Kind::Label;
      if (!text.empty() && text.back() == '+') {
        segment.kind = PathSegment::Kind::GreedyLabel;
        text.remove_suffix(1);
      }
    }
    segment.text = std::string(text);
    segments.push_back(std::move(segment));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  // "/functions/" and "/functions" are the same route: clients differ on the trailing slash.
  if (segments.back().kind == PathSegment::Kind::Literal && segments.back().text.empty())
    segments.pop_back();
  return segments;
}

std::vector<std::pair<std::string, std::string>> splitRouteQuery(std::string_view query) {
  std::vector<std::pair<std::string, std::string>> pairs;
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view part = query.substr(0, amp);
    size_t eq = part.find('=');
    if (!part.empty())
      pairs.emplace_back(std::string(part.substr(0, eq)), eq == std::string_view::npos
                                                              ? std::string()
                                                              : std::string(part.substr(eq + 1)));
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return pairs;
}

}  // namespace

const Member* Shape::findMember(std::string_view memberName) const {
  for (const Member& m : members)
    if (m.name == memberName) return &m;
  return nullptr;
}

const std::regex* Shape::compiledPattern() const {
  std::call_once(patternOnce_, [this] {
    if (pattern.empty()) return;
    // ECMAScript in std::regex has no lookbehind and no Unicode property classes; such patterns
    // are skipped rather than mis-enforced.
    if (pattern.find("(?<") != std::string::npos || pattern.find("\\p") != std::string::npos ||
        pattern.find("\\P") != std::string::npos)
      return;
    try {
      patternRegex_ = std::make_unique<std::regex>(pattern, std::regex::ECMAScript);
    } catch (const std::regex_error&) {
    }
  });
  return patternRegex_.get();
}

ServiceModel::ServiceModel(const json& model) {
  const json empty = json::object();
  const json& metadata = model.contains("metadata") ? model.at("metadata") : empty;
  protocol_ = stringOr(metadata, "protocol");
  jsonVersion_ = stringOr(metadata, "jsonVersion");
  targetPrefix_ = stringOr(metadata, "targetPrefix");
  serviceId_ = stringOr(metadata, "serviceId");
  signingName_ = stringOr(metadata, "signingName", stringOr(metadata, "endpointPrefix"));
  apiVersion_ = stringOr(metadata, "apiVersion");
  xmlNamespace_ = stringOr(metadata, "xmlNamespace");

  const json& shapes = model.contains("shapes") ? model.at("shapes") : empty;
  // Two passes: create every shape, then link references (shapes refer to each other freely).
  for (const auto& [name, _] : shapes.items()) {
    auto shape = std::make_unique<Shape>();
    shape->name = name;
    shapes_.emplace(name, std::move(shape));
  }
  auto resolve = [this](const json& ref, std::string_view context) -> const Shape* {
    std::string name = ref.is_object() ? stringOr(ref, "shape") : std::string();
    const Shape* shape = findShape(name);
    if (!shape)
      throw std::invalid_argument("service model: " + std::string(context) +
                                  " refers to undefined shape '" + name + "'");
    return shape;
  };
  for (const auto& [name, spec] : shapes.items()) {
    Shape& shape = *shapes_.find(name)->second;
    shape.type = parseShapeType(stringOr(spec, "type"));
    shape.payload = stringOr(spec, "payload");
    shape.min = numberOr(spec, "min");
    shape.max = numberOr(spec, "max");
    shape.pattern = stringOr(spec, "pattern");
    shape.timestampFormat = stringOr(spec, "timestampFormat");
    shape.exception = spec.value("exception", false);
    shape.flattened = spec.value("flattened", false);
    if (auto it = spec.find("enum"); it != spec.end() && it->is_array())
      for (const json& v : *it)
        if (v.is_string()) shape.enumValues.push_back(v.get<std::string>());
    if (auto it = spec.find("error"); it != spec.end() && it->is_object()) {
      shape.errorHttpStatus = it->value("httpStatusCode", 0);
      shape.errorCode = stringOr(*it, "code");
    }
    if (spec.contains("member")) {
      shape.member = resolve(spec.at("member"), name);
      shape.memberName = stringOr(spec.at("member"), "locationName", shape.memberName);
    }
    if (spec.contains("key")) {
      shape.key = resolve(spec.at("key"), name);
      shape.keyName = stringOr(spec.at("key"), "locationName", shape.keyName);
    }
    if (spec.contains("value")) {
      shape.value = resolve(spec.at("value"), name);
      shape.valueName = stringOr(spec.at("value"), "locationName", shape.valueName);
    }
    if (auto it = spec.find("members"); it != spec.end() && it->is_object()) {
      for (const auto& [memberName, memberSpec] : it->items()) {
        Member member;
        member.name = memberName;
        member.shape = resolve(memberSpec, name + "." + memberName);
        member.location = parseLocation(stringOr(memberSpec, "location"));
        member.locationName = stringOr(memberSpec, "locationName", memberName);
        member.jsonValue = memberSpec.value("jsonvalue", false);
        member.idempotencyToken = memberSpec.value("idempotencyToken", false);
        member.flattened = memberSpec.value("flattened", false);
        if (member.location != Location::Body) shape.hasNonBodyMembers = true;
        shape.members.push_back(std::move(member));
      }
    }
    if (auto it = spec.find("required"); it != spec.end() && it->is_array())
      for (const json& r : *it)
        for (Member& m : shape.members)
          if (r.is_string() && m.name == r.get<std::string>()) m.required = true;
    if (!shape.payload.empty()) shape.hasNonBodyMembers = true;
  }

  const json& operations = model.contains("operations") ? model.at("operations") : empty;
  for (const auto& [name, spec] : operations.items()) {
    auto op = std::make_unique<Operation>();
    op->name = stringOr(spec, "name", name);
    const json& http = spec.contains("http") ? spec.at("http") : empty;
    op->method = stringOr(http, "method", "POST");
    op->requestUri = stringOr(http, "requestUri", "/");
    op->responseCode = http.value("responseCode", 200);
    if (auto it = spec.find("endpoint"); it != spec.end()) op->hostPrefix = stringOr(*it, "hostPrefix");
    std::string_view uri = op->requestUri;
    size_t q = uri.find('?');
    op->path = splitRoutePath(uri.substr(0, q));
    if (q != std::string_view::npos) op->requiredQuery = splitRouteQuery(uri.substr(q + 1));
    if (spec.contains("input")) op->input = resolve(spec.at("input"), op->name + " input");
    if (spec.contains("output")) {
      op->output = resolve(spec.at("output"), op->name + " output");
      op->resultWrapper = stringOr(spec.at("output"), "resultWrapper");
    }
    if (auto it = spec.find("errors"); it != spec.end() && it->is_array())
      for (const json& e : *it) op->errors.push_back(stringOr(e, "shape"));
    operationsByName_.emplace(op->name, op.get());

    MethodRoutes& routes = routes_[op->method];
    const auto& p = op->path;
    if (p.size() >= 2 && p[0].kind == PathSegment::Kind::Literal &&
        p[1].kind == PathSegment::Kind::Literal)
      routes.byPrefix[p[0].text + "/" + p[1].text].push_back(op.get());
    else
      routes.unindexed.push_back(op.get());
    operations_.push_back(std::move(op));
  }
}

const Operation* ServiceModel::findOperation(std::string_view name) const {
  auto it = operationsByName_.find(name);
  return it == operationsByName_.end() ? nullptr : it->second;
}

const Shape* ServiceModel::findShape(std::string_view name) const {
  auto it = shapes_.find(name);
  return it == shapes_.end() ? nullptr : it->second.get();
}

ServiceModel::RouteCandidates ServiceModel::routeCandidates(
    std::string_view method, std::string_view firstTwoSegments) const {
  RouteCandidates candidates;
  auto m = routes_.find(method);
  if (m == routes_.end()) return candidates;
  candidates.unindexed = m->second.unindexed;
  auto b = m->second.byPrefix.find(firstTwoSegments);
  if (b != m->second.byPrefix.end()) candidates.indexed = b->second;
  return candidates;
}

}  // namespace stepsim::protocol
