#include "emulator/http/logging.h"

#include <memory>

#include <cstdio>

#include <spdlog/details/null_mutex.h>
#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

#include "emulator/core/json_text.h"
#include "emulator/core/utf8.h"

namespace stepsim::http {
namespace {

// Request lines log through their own logger: in JSON mode its message is already a run of JSON
// members, while the default logger's messages are escaped into "msg".
std::shared_ptr<spdlog::logger> g_requestLogger;
LogFormat g_format = LogFormat::Text;

// Request lines are buffered and written in batches (flushLogs(), at most a few ms later), so a
// busy server does not pay a write(2) per request. Everything else is written at once, after what
// is buffered, so the order of lines is kept. Single-threaded, like the rest of the server.
spdlog::memory_buf_t g_pending;
constexpr std::size_t kPendingLimit = 32 * 1024;

void writePending() {
  if (g_pending.size() == 0) return;
  std::fwrite(g_pending.data(), 1, g_pending.size(), stderr);
  std::fflush(stderr);
  g_pending.clear();
}

class StderrSink : public spdlog::sinks::base_sink<spdlog::details::null_mutex> {
 public:
  explicit StderrSink(bool buffered) : buffered_(buffered) {}

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    if (buffered_ && msg.level < spdlog::level::warn) {
      formatter_->format(msg, g_pending);
      if (g_pending.size() >= kPendingLimit) writePending();
      return;
    }
    writePending();
    spdlog::memory_buf_t line;
    formatter_->format(msg, line);
    std::fwrite(line.data(), 1, line.size(), stderr);
    std::fflush(stderr);
  }
  void flush_() override { writePending(); }

 private:
  bool buffered_;
};

void appendJsonEscaped(std::string_view text, spdlog::memory_buf_t& out) {
  static constexpr char kHex[] = "0123456789abcdef";
  if (!core::isValidUtf8(text)) {
    // A log line quoting what a client sent: JSON log readers need valid UTF-8.
    std::string quoted = core::serializeJson(stepsim::Json(std::string(text)));
    out.append(std::string_view(quoted).substr(1, quoted.size() - 2));
    return;
  }
  for (unsigned char c : text) {
    switch (c) {
      case '"':
        out.append(std::string_view("\\\""));
        break;
      case '\\':
        out.append(std::string_view("\\\\"));
        break;
      case '\n':
        out.append(std::string_view("\\n"));
        break;
      case '\r':
        out.append(std::string_view("\\r"));
        break;
      case '\t':
        out.append(std::string_view("\\t"));
        break;
      default:
        if (c < 0x20 || c == 0x7f) {
          const char esc[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
          out.append(esc, esc + sizeof esc);
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
}

// %j: the message payload, JSON-escaped.
class JsonPayloadFlag : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& msg, const std::tm&,
              spdlog::memory_buf_t& dest) override {
    appendJsonEscaped(std::string_view(msg.payload.data(), msg.payload.size()), dest);
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<JsonPayloadFlag>();
  }
};

constexpr const char* kTextPattern = "%Y-%m-%dT%H:%M:%S.%eZ %l %v";
constexpr const char* kJsonPattern = R"({"time":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l","msg":"%j"})";
constexpr const char* kJsonRequestPattern = R"({"time":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l",%v})";

std::unique_ptr<spdlog::formatter> makeFormatter(const char* pattern) {
  auto formatter = std::make_unique<spdlog::pattern_formatter>(spdlog::pattern_time_type::utc,
                                                               std::string("\n"));
  formatter->add_flag<JsonPayloadFlag>('j');
  formatter->set_pattern(pattern);
  return formatter;
}

spdlog::level::level_enum toSpdlog(LogLevel level) {
  switch (level) {
    case LogLevel::Trace:
      return spdlog::level::trace;
    case LogLevel::Debug:
      return spdlog::level::debug;
    case LogLevel::Info:
      return spdlog::level::info;
    case LogLevel::Warn:
      return spdlog::level::warn;
    case LogLevel::Error:
      return spdlog::level::err;
    case LogLevel::Off:
      return spdlog::level::off;
  }
  return spdlog::level::info;
}

}  // namespace

std::optional<LogLevel> parseLogLevel(std::string_view text) {
  if (text == "trace") return LogLevel::Trace;
  if (text == "debug") return LogLevel::Debug;
  if (text == "info") return LogLevel::Info;
  if (text == "warn" || text == "warning") return LogLevel::Warn;
  if (text == "error") return LogLevel::Error;
  if (text == "off") return LogLevel::Off;
  return std::nullopt;
}

std::optional<LogFormat> parseLogFormat(std::string_view text) {
  if (text == "text") return LogFormat::Text;
  if (text == "json") return LogFormat::Json;
  return std::nullopt;
}

void setupLogging(LogLevel level, LogFormat format) {
  g_format = format;
  auto mainSink = std::make_shared<StderrSink>(false);
  auto logger = std::make_shared<spdlog::logger>("stepsim", mainSink);
  logger->set_formatter(makeFormatter(format == LogFormat::Json ? kJsonPattern : kTextPattern));
  logger->set_level(toSpdlog(level));
  logger->flush_on(spdlog::level::trace);
  spdlog::set_default_logger(logger);

  // A sink of its own, since a formatter belongs to a sink; both write to the same FILE*.
  auto requestSink = std::make_shared<StderrSink>(true);
  g_requestLogger = std::make_shared<spdlog::logger>("request", requestSink);
  g_requestLogger->set_formatter(
      makeFormatter(format == LogFormat::Json ? kJsonRequestPattern : kTextPattern));
  g_requestLogger->set_level(toSpdlog(level));
}

bool logsPending() {
  return g_pending.size() != 0;
}

void flushLogs() {
  writePending();
}

bool requestLoggingEnabled() {
  return g_requestLogger && g_requestLogger->should_log(spdlog::level::info);
}

void logRequest(std::string_view service, std::string_view operation, int status,
                std::chrono::nanoseconds latency) {
  if (!requestLoggingEnabled()) return;
  long long us = std::chrono::duration_cast<std::chrono::microseconds>(latency).count();
  if (g_format == LogFormat::Json) {
    spdlog::memory_buf_t buf;
    buf.append(std::string_view(R"("service":")"));
    appendJsonEscaped(service, buf);
    buf.append(std::string_view(R"(","operation":")"));
    appendJsonEscaped(operation, buf);
    fmt::format_to(std::back_inserter(buf), R"(","status":{},"latencyUs":{})", status, us);
    g_requestLogger->info(std::string_view(buf.data(), buf.size()));
  } else {
    // Control paths and operation names come from the client: keep one request on one line.
    spdlog::memory_buf_t op;
    for (unsigned char c : operation)
      op.push_back(c < 0x20 || c == 0x7f ? '?' : static_cast<char>(c));
    g_requestLogger->info("{} {} {} {}us", service, std::string_view(op.data(), op.size()), status,
                          us);
  }
}

}  // namespace stepsim::http
