#pragma once
// A botocore service model (the API spec), parsed once into linked, immutable C++ values: shapes
// point at their member shapes, operations at their input/output shapes, and the rest-json routes
// are pre-split so a request is matched without touching JSON.
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <regex>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "emulator/core/json_fwd.h"

namespace stepsim::protocol {

enum class ShapeType {
  Structure,
  List,
  Map,
  String,
  Integer,
  Long,
  Float,
  Double,
  Boolean,
  Timestamp,
  Blob,
  Unknown
};

// Where a member travels on the wire (botocore "location"); Body when the model says nothing.
enum class Location { Body, Uri, QueryString, Header, Headers, StatusCode };

struct Shape;

struct Member {
  std::string name;  // model name: the key in the decoded input / handler output
  const Shape* shape = nullptr;
  Location location = Location::Body;
  std::string locationName;  // wire name (label, query key, header); the model name when absent
  bool required = false;
  bool jsonValue = false;
  bool idempotencyToken = false;
  bool flattened = false;  // Query/XML: a list member written without its wrapper element
};

struct Shape {
  std::string name;
  ShapeType type = ShapeType::Unknown;
  std::vector<Member> members;  // structures, in model order
  std::string payload;          // structure: the member that is the whole HTTP body, if any
  std::optional<double> min, max;
  std::vector<std::string> enumValues;
  std::string pattern;
  const Shape* member = nullptr;  // list element
  const Shape* key = nullptr;     // map key
  const Shape* value = nullptr;   // map value
  // Query/XML names: a list's element ("member"), a map's key and value ("key", "value").
  std::string memberName = "member", keyName = "key", valueName = "value";
  bool flattened = false;  // Query/XML: elements written without the wrapper element
  bool exception = false;
  int errorHttpStatus = 0;  // exception shapes: error.httpStatusCode, 0 when unmodeled
  std::string errorCode;    // exception shapes: error.code, the Query protocol's name for it
  std::string timestampFormat;
  bool hasNonBodyMembers = false;  // lets encoders skip copying plain JSON outputs

  const Member* findMember(std::string_view memberName) const;
  // The pattern compiled on first use (thread-safe); null when there is none or std::regex cannot
  // compile it (lookbehind, \p{...}), in which case the pattern is not enforced.
  const std::regex* compiledPattern() const;

 private:
  mutable std::once_flag patternOnce_;
  mutable std::unique_ptr<std::regex> patternRegex_;
};

struct PathSegment {
  enum class Kind { Literal, Label, GreedyLabel };
  Kind kind = Kind::Literal;
  std::string text;  // the literal, or the label name without braces and '+'
};

struct Operation {
  std::string name;
  std::string method;             // "POST", "GET", ...
  std::string requestUri;         // as in the model
  std::vector<PathSegment> path;  // requestUri path split on '/', trailing empty segment dropped
  // Literal "?key=value" parts of the requestUri: the request must carry them (Lambda uses these to
  // tell apart operations that share a path).
  std::vector<std::pair<std::string, std::string>> requiredQuery;
  const Shape* input = nullptr;   // null when the operation takes no input
  const Shape* output = nullptr;  // null when it returns nothing
  std::string resultWrapper;      // Query: the element around the output ("CreateRoleResult")
  int responseCode = 200;
  std::vector<std::string> errors;  // exception shape names
  // What SDKs put before the endpoint's host name for this operation ("sync-" for Step Functions'
  // StartSyncExecution); empty for most.
  std::string hostPrefix;
};

class ServiceModel {
 public:
  // `model` is a botocore service-2.json document (full or trimmed). Throws std::invalid_argument
  // when it references a shape it does not define.
  explicit ServiceModel(const stepsim::Json& model);
  ServiceModel(const ServiceModel&) = delete;
  ServiceModel& operator=(const ServiceModel&) = delete;

  const std::string& protocol() const { return protocol_; }  // "rest-json", "json", "query"
  const std::string& jsonVersion() const { return jsonVersion_; }
  const std::string& targetPrefix() const { return targetPrefix_; }
  const std::string& serviceId() const { return serviceId_; }
  const std::string& signingName() const { return signingName_; }
  const std::string& apiVersion() const { return apiVersion_; }
  const std::string& xmlNamespace() const { return xmlNamespace_; }  // Query: the answers' xmlns

  const std::vector<std::unique_ptr<Operation>>& operations() const { return operations_; }
  const Operation* findOperation(std::string_view name) const;  // null when unknown
  const Shape* findShape(std::string_view name) const;          // null when unknown

  // Operations that may serve `method` on a path whose first two raw segments are
  // `firstTwoSegments` (e.g. "v1/submitjob"): the indexed bucket plus the operations whose route
  // does not start with two literals. Callers still match every segment.
  struct RouteCandidates {
    std::span<const Operation*const> indexed, unindexed;
  };
  RouteCandidates routeCandidates(std::string_view method, std::string_view firstTwoSegments) const;

 private:
  struct MethodRoutes {
    std::map<std::string, std::vector<const Operation*>, std::less<>> byPrefix;
    std::vector<const Operation*> unindexed;
  };

  std::string protocol_, jsonVersion_, targetPrefix_, serviceId_, signingName_, apiVersion_,
      xmlNamespace_;
  std::map<std::string, std::unique_ptr<Shape>, std::less<>> shapes_;
  std::vector<std::unique_ptr<Operation>> operations_;
  std::map<std::string, const Operation*, std::less<>> operationsByName_;
  std::map<std::string, MethodRoutes, std::less<>> routes_;
};

// The model embedded at build time for `service` ("batch", "iam", "lambda", "logs",
// "stepfunctions", "sts", and the integration-only "dynamodb", "events", "kms", "s3", "sns",
// "sqs"), parsed on first use. Throws std::invalid_argument for a service that is not embedded;
// findServiceModel gives null.
const ServiceModel& serviceModel(std::string_view service);
const ServiceModel* findServiceModel(std::string_view service);
// The services stepsim serves (not the integration-only models).
std::vector<std::string_view> embeddedServices();

// Generated by tools/embed_service_model.py: the trimmed botocore JSON of each embedded service.
std::string_view embeddedServiceModel_batch();
std::string_view embeddedServiceModel_cloudformation();
std::string_view embeddedServiceModel_iam();
std::string_view embeddedServiceModel_lambda();
std::string_view embeddedServiceModel_logs();
std::string_view embeddedServiceModel_stepfunctions();
std::string_view embeddedServiceModel_sts();
std::string_view embeddedServiceModel_dynamodb();
std::string_view embeddedServiceModel_events();
std::string_view embeddedServiceModel_kms();
std::string_view embeddedServiceModel_s3();
std::string_view embeddedServiceModel_sns();
std::string_view embeddedServiceModel_sqs();

}  // namespace stepsim::protocol
