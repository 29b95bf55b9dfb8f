#pragma once
// Internal to emulator/http (includes Beast): a request Beast has parsed, as the plain HttpRequest
// the emulator takes. Shared by the server's sessions and the HTTP fuzz target
// (tools/fuzz/fuzz_http_request.cpp), so the fuzzer feeds the emulator what a session would.
#include <cstddef>

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include "emulator/protocol/http_message.h"

namespace stepsim::http {

using BeastRequest = boost::beast::http::request<boost::beast::http::string_body>;
using BeastParser = boost::beast::http::request_parser<boost::beast::http::string_body>;

// Holds `parser` to the server's limits on a request's body and head (ServerOptions).
void limitParser(BeastParser& parser, std::size_t bodyLimit, std::size_t headerLimit);

// Method, target and headers copied into `out` (reusing the capacity of its strings: sessions
// read many requests into one HttpRequest); the body moved. `out.channel` is left as it is.
void readRequest(BeastRequest& message, protocol::HttpRequest& out);

}  // namespace stepsim::http
