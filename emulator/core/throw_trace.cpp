#include "emulator/core/throw_trace.h"

#include <cxxabi.h>
#include <dlfcn.h>
#include <execinfo.h>
#include <unistd.h>

#include <cstdio>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <typeinfo>
#include <vector>

namespace {

constexpr int kMaxFrames = 48;

struct RecordedStack {
  void* frames[kMaxFrames];
  int count = 0;
};

thread_local RecordedStack lastThrow;

}  // namespace

extern "C" {

// Provided by the linker under -Wl,--wrap=__cxa_throw (the real __cxa_throw); weak, so a program
// linked without the wrap, which never calls the function below, still links.
[[noreturn]] void __real___cxa_throw(void* exception, std::type_info* type,
                                     void (*destroy)(void*)) __attribute__((weak));

[[noreturn]] void __wrap___cxa_throw(void* exception, std::type_info* type,
                                     void (*destroy)(void*)) {
  lastThrow.count = backtrace(lastThrow.frames, kMaxFrames);
  __real___cxa_throw(exception, type, destroy);
}

}  // extern "C"

namespace stepsim::core {

namespace {

std::string hex(std::uintptr_t value) {
  char text[24];
  std::snprintf(text, sizeof text, "0x%zx", static_cast<std::size_t>(value));
  return text;
}

std::string executablePath() {
  char path[4096];
  ssize_t n = readlink("/proc/self/exe", path, sizeof path - 1);
  return n > 0 ? std::string(path, static_cast<std::size_t>(n)) : std::string();
}

std::string shellQuoted(std::string_view text) {
  std::string quoted = "'";
  for (char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

// "function at file:line" for each offset into the executable, in order; empty when addr2line is
// missing or says something else.
std::vector<std::string> addr2line(const std::vector<std::uintptr_t>& offsets) {
  std::string executable = executablePath();
  if (offsets.empty() || executable.empty()) return {};
  std::string command = "addr2line -C -f -p -e " + shellQuoted(executable);
  for (std::uintptr_t offset : offsets) command += " " + hex(offset);
  command += " 2>/dev/null";
  std::vector<std::string> lines;
  if (FILE* pipe = popen(command.c_str(), "r")) {
    char buffer[4096];
    while (std::fgets(buffer, sizeof buffer, pipe)) {
      std::string line(buffer);
      while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
      lines.push_back(std::move(line));
    }
    pclose(pipe);
  }
  if (lines.size() != offsets.size()) return {};
  return lines;
}

}  // namespace

std::string lastThrowStack() {
  const RecordedStack& stack = lastThrow;
  // Frame 0 is the wrap itself. Return addresses point after the call: one byte back is the call.
  struct Frame {
    std::string module;
    std::uintptr_t offset;
    bool inExecutable;
  };
  Dl_info self{};
  dladdr(reinterpret_cast<void*>(&lastThrowStack), &self);
  std::vector<Frame> frames;
  std::vector<std::uintptr_t> executableOffsets;
  for (int i = 1; i < stack.count; ++i) {
    auto address = reinterpret_cast<std::uintptr_t>(stack.frames[i]) - 1;
    Dl_info info{};
    if (!dladdr(reinterpret_cast<void*>(address), &info) || !info.dli_fname) {
      frames.push_back({"?", address, false});
      continue;
    }
    auto offset = address - reinterpret_cast<std::uintptr_t>(info.dli_fbase);
    bool inExecutable = info.dli_fbase == self.dli_fbase;
    frames.push_back({info.dli_fname, offset, inExecutable});
    if (inExecutable) executableOffsets.push_back(offset);
  }
  std::vector<std::string> symbolized = addr2line(executableOffsets);
  std::string out;
  std::size_t next = 0;
  for (std::size_t i = 0; i < frames.size(); ++i) {
    const Frame& frame = frames[i];
    std::string where = frame.module + "+" + hex(frame.offset);
    if (frame.inExecutable && !symbolized.empty()) where = symbolized[next++];
    out += "  #" + std::to_string(i) + " " + where + "\n";
  }
  return out;
}

std::string describeException(const std::exception& error) {
  const char* mangled = typeid(error).name();
  int status = 0;
  char* demangled = abi::__cxa_demangle(mangled, nullptr, nullptr, &status);
  std::string type = status == 0 && demangled ? demangled : mangled;
  std::free(demangled);
  return type + ": " + error.what();
}

}  // namespace stepsim::core
