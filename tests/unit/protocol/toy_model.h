#pragma once
// A small botocore-format model exercising every route and member location the decoder supports.
#include <stdexcept>

#include <catch2/catch.hpp>

#include "emulator/core/json.h"
#include "emulator/protocol/rest_json.h"

namespace stepsim::protocol::test {

inline const stepsim::Json& toyModelJson() {
  static const stepsim::Json model = stepsim::Json::parse(R"({
  "metadata": {"protocol": "rest-json", "serviceId": "Toy", "signingName": "toy"},
  "operations": {
    "GetThing": {"name": "GetThing", "http": {"method": "GET", "requestUri": "/v1/things/{Name}"},
                 "input": {"shape": "GetThingRequest"}, "output": {"shape": "ThingOutput"}},
    "GetThingVersions": {"name": "GetThingVersions",
                 "http": {"method": "GET", "requestUri": "/v1/things/{Name}/versions"},
                 "input": {"shape": "GetThingRequest"}},
    "GetObject": {"name": "GetObject", "http": {"method": "GET", "requestUri": "/v1/objects/{Key+}"},
                  "input": {"shape": "GetObjectRequest"}},
    "GetObjectAcl": {"name": "GetObjectAcl",
                  "http": {"method": "GET", "requestUri": "/v1/objects/acl/{Key+}"},
                  "input": {"shape": "GetObjectRequest"}},
    "ListLayers": {"name": "ListLayers", "http": {"method": "GET", "requestUri": "/v1/layers"}},
    "FindLayer": {"name": "FindLayer",
                  "http": {"method": "GET", "requestUri": "/v1/layers?find=LayerVersion"}},
    "PutThing": {"name": "PutThing", "http": {"method": "PUT", "requestUri": "/v1/things/{Name}",
                 "responseCode": 201},
                 "input": {"shape": "PutThingRequest"}, "output": {"shape": "PutThingOutput"}},
    "Invoke": {"name": "Invoke", "http": {"method": "POST", "requestUri": "/v1/fn/{Fn}/invoke"},
               "input": {"shape": "InvokeRequest"}, "output": {"shape": "InvokeResponse"}},
    "Delete": {"name": "Delete", "http": {"method": "DELETE", "requestUri": "/v1/things/{Name}",
               "responseCode": 204}, "input": {"shape": "GetThingRequest"}},
    "Root": {"name": "Root", "http": {"method": "POST", "requestUri": "/"}}
  },
  "shapes": {
    "String": {"type": "string"},
    "Name": {"type": "string", "min": 1, "max": 12},
    "Int": {"type": "integer"},
    "Bool": {"type": "boolean"},
    "Strings": {"type": "list", "member": {"shape": "String"}},
    "Ints": {"type": "list", "member": {"shape": "Int"}},
    "Blob": {"type": "blob"},
    "GetThingRequest": {"type": "structure", "required": ["Name"], "members": {
      "Name": {"shape": "Name", "location": "uri", "locationName": "Name"},
      "MaxItems": {"shape": "Int", "location": "querystring", "locationName": "maxItems"},
      "Marker": {"shape": "String", "location": "querystring", "locationName": "Marker"},
      "Verbose": {"shape": "Bool", "location": "querystring", "locationName": "verbose"},
      "Tags": {"shape": "Strings", "location": "querystring", "locationName": "tag"},
      "Sizes": {"shape": "Ints", "location": "querystring", "locationName": "size"},
      "Trace": {"shape": "String", "location": "header", "locationName": "X-Toy-Trace"},
      "Count": {"shape": "Int", "location": "header", "locationName": "X-Toy-Count"}
    }},
    "GetObjectRequest": {"type": "structure", "required": ["Key"], "members": {
      "Key": {"shape": "String", "location": "uri", "locationName": "Key"}
    }},
    "ThingOutput": {"type": "structure", "members": {
      "Name": {"shape": "String"},
      "Etag": {"shape": "String", "location": "header", "locationName": "ETag"},
      "Size": {"shape": "Int", "location": "header", "locationName": "X-Toy-Size"}
    }},
    "PutThingRequest": {"type": "structure", "required": ["Name", "Color"], "members": {
      "Name": {"shape": "Name", "location": "uri", "locationName": "Name"},
      "Color": {"shape": "String"},
      "Weight": {"shape": "Int"}
    }},
    "PutThingOutput": {"type": "structure", "members": {"Color": {"shape": "String"}}},
    "InvokeRequest": {"type": "structure", "required": ["Fn"], "payload": "Payload", "members": {
      "Fn": {"shape": "String", "location": "uri", "locationName": "Fn"},
      "Payload": {"shape": "Blob"}
    }},
    "InvokeResponse": {"type": "structure", "payload": "Payload", "members": {
      "StatusCode": {"shape": "Int", "location": "statusCode"},
      "FunctionError": {"shape": "String", "location": "header", "locationName": "X-Amz-Function-Error"},
      "Payload": {"shape": "Blob"}
    }}
  }})");
  return model;
}

inline const ServiceModel& toyModel() {
  static const ServiceModel model(toyModelJson());
  return model;
}

inline RestJsonService toyService() {
  return {&toyModel(), "SerializationException", "ValidationException"};
}

inline HttpRequest request(std::string method, std::string target, std::string body = {},
                           HeaderList headers = {}) {
  HttpRequest r;
  r.method = std::move(method);
  r.target = std::move(target);
  r.body = std::move(body);
  r.headers = std::move(headers);
  return r;
}

inline DecodedRequest decode(std::string method, std::string target, std::string body = {},
                             HeaderList headers = {}) {
  return decodeRestJson(toyService(), request(std::move(method), std::move(target), std::move(body),
                                              std::move(headers)));
}

// The AwsError thrown by `f`; fails the test when it throws nothing or something else.
template <class F>
core::AwsError awsErrorFrom(F&& f) {
  try {
    f();
  } catch (const core::AwsError& e) {
    return e;
  }
  FAIL("expected an AwsError");
  throw std::logic_error("unreachable");
}

}  // namespace stepsim::protocol::test
