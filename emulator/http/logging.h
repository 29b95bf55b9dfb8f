#pragma once
// Logging to stderr through spdlog: plain text lines, or one JSON object per line. Request lines
// go through logRequest, which costs one level check when info is off.
#include <chrono>
#include <optional>
#include <string_view>

namespace stepsim::http {

enum class LogFormat { Text, Json };
enum class LogLevel { Trace, Debug, Info, Warn, Error, Off };

std::optional<LogLevel> parseLogLevel(std::string_view text);
std::optional<LogFormat> parseLogFormat(std::string_view text);

// Installs the stderr loggers (the default one, and the one request lines use). Call once, early,
// from the thread that serves: the loggers do not lock.
void setupLogging(LogLevel level, LogFormat format);

// Request lines are buffered; the server calls flushLogs() shortly after logging some.
bool logsPending();
void flushLogs();

bool requestLoggingEnabled();
// One line per request: service, operation, HTTP status, latency.
void logRequest(std::string_view service, std::string_view operation, int status,
                std::chrono::nanoseconds latency);

}  // namespace stepsim::http
