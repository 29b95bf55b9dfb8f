// JSONata regexes on PCRE2. JavaScript's syntax is approximated by PCRE2's options: \uXXXX and
// \u{X...} escapes (ALT_BSUX), `$` only at the very end unless `m` (DOLLAR_ENDONLY), a
// backreference to an unset group matches the empty string (MATCH_UNSET_BACKREF), `[]` matches
// nothing and `[^]` anything (ALLOW_EMPTY_CLASS), and \w \d \b stay ASCII as in a JavaScript
// regex without the `u` flag.
#define PCRE2_CODE_UNIT_WIDTH 8
#include "emulator/jsonata/regex.h"

#include <pcre2.h>

#include <cstdio>

namespace stepsim::jsonata {

struct Regex::Code {
  pcre2_code* code = nullptr;
  ~Code() { pcre2_code_free(code); }
};

Regex::~Regex() = default;

namespace {

std::string pcre2Message(int errorCode) {
  PCRE2_UCHAR buffer[256];
  int length = pcre2_get_error_message(errorCode, buffer, sizeof buffer);
  if (length < 0) return "error " + std::to_string(errorCode);
  return std::string(reinterpret_cast<const char*>(buffer), static_cast<std::size_t>(length));
}

struct CompileContext {
  pcre2_compile_context* context = pcre2_compile_context_create(nullptr);
  ~CompileContext() { pcre2_compile_context_free(context); }
};

struct MatchContext {
  pcre2_match_context* context = pcre2_match_context_create(nullptr);
  ~MatchContext() { pcre2_match_context_free(context); }
};

struct MatchData {
  pcre2_match_data* data;
  explicit MatchData(const pcre2_code* code) : data(pcre2_match_data_create_from_pattern(code, nullptr)) {}
  ~MatchData() { pcre2_match_data_free(data); }
};

// JavaScript writes an astral character as a surrogate pair (\uD83D\uDE00), which UTF mode
// rejects: rewrite each pair as the code point it stands for (\u{1F600}, an EXTRA_ALT_BSUX escape).
std::string joinSurrogatePairs(std::string_view pattern) {
  auto hexAt = [&](std::size_t at) -> long {
    if (at + 6 > pattern.size() || pattern[at] != '\\' || pattern[at + 1] != 'u') return -1;
    long value = 0;
    for (std::size_t i = at + 2; i < at + 6; ++i) {
      char c = pattern[i];
      int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (digit < 0) return -1;
      value = value * 16 + digit;
    }
    return value;
  };
  std::string out;
  out.reserve(pattern.size());
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] != '\\' || i + 1 >= pattern.size()) {
      out.push_back(pattern[i]);
      continue;
    }
    long high = hexAt(i), low = hexAt(i + 6);
    if (high >= 0xD800 && high <= 0xDBFF && low >= 0xDC00 && low <= 0xDFFF) {
      long codePoint = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
      char buffer[16];
      std::snprintf(buffer, sizeof buffer, "\\u{%lX}", codePoint);
      out += buffer;
      i += 11;
    } else {  // any other escape is copied whole, so an escaped backslash is not read as one
      out.push_back(pattern[i]);
      out.push_back(pattern[++i]);
    }
  }
  return out;
}

}  // namespace

std::shared_ptr<const Regex> Regex::compile(std::string_view pattern, std::string_view flags, int position) {
  if (pattern.empty()) throw Error("S0301", position, "", "Empty regular expressions are not allowed");
  std::uint32_t options = PCRE2_UTF | PCRE2_ALT_BSUX | PCRE2_DOLLAR_ENDONLY | PCRE2_MATCH_UNSET_BACKREF |
                          PCRE2_ALLOW_EMPTY_CLASS;
  for (char flag : flags) {
    if (flag == 'i') options |= PCRE2_CASELESS;
    if (flag == 'm') options |= PCRE2_MULTILINE;
  }
  CompileContext context;
  pcre2_set_compile_extra_options(context.context, PCRE2_EXTRA_ALT_BSUX);
  // JavaScript's line terminators for `.`, `^` and `$` are \n and \r (and U+2028/9).
  pcre2_set_newline(context.context, PCRE2_NEWLINE_ANYCRLF);
  int errorCode = 0;
  PCRE2_SIZE errorOffset = 0;
  std::string source = joinSurrogatePairs(pattern);
  pcre2_code* code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(source.data()), source.size(), options, &errorCode,
                                   &errorOffset, context.context);
  if (code == nullptr) {
    throw Error("S0302", position, std::string(pattern),
                "Invalid regular expression /" + std::string(pattern) + "/: " + pcre2Message(errorCode) +
                    " at offset " + std::to_string(errorOffset));
  }
  std::shared_ptr<Regex> regex(new Regex());
  regex->pattern_ = std::string(pattern);
  regex->flags_ = std::string(flags);
  regex->code_ = std::make_unique<Code>();
  regex->code_->code = code;
  return regex;
}

std::optional<Regex::Match> Regex::search(std::string_view subject, std::size_t from, const Limits& limits,
                                          int position) const {
  if (from > subject.size()) return std::nullopt;
  MatchContext context;
  pcre2_set_match_limit(context.context, limits.regexMatchLimit);
  pcre2_set_depth_limit(context.context, limits.regexDepthLimit);
  MatchData match(code_->code);
  int rc = pcre2_match(code_->code, reinterpret_cast<PCRE2_SPTR>(subject.data()), subject.size(), from, 0, match.data,
                       context.context);
  if (rc == PCRE2_ERROR_NOMATCH) return std::nullopt;
  if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT || rc == PCRE2_ERROR_HEAPLIMIT) {
    throw Error("U1004", position, pattern_,
                "Regular expression /" + pattern_ + "/ exceeded its matching limits (catastrophic backtracking)");
  }
  if (rc < 0) {
    throw Error("D1004", position, pattern_, "Regular expression /" + pattern_ + "/ failed: " + pcre2Message(rc));
  }
  const PCRE2_SIZE* ovector = pcre2_get_ovector_pointer(match.data);
  std::uint32_t pairs = pcre2_get_ovector_count(match.data);
  std::uint32_t captures = 0;
  pcre2_pattern_info(code_->code, PCRE2_INFO_CAPTURECOUNT, &captures);
  Match result;
  result.start = ovector[0];
  result.end = ovector[1];
  result.groups.reserve(captures);
  for (std::uint32_t i = 1; i <= captures; ++i) {
    if (i < pairs && ovector[2 * i] != PCRE2_UNSET) {
      result.groups.push_back(Group{ovector[2 * i], ovector[2 * i + 1]});
    } else {
      result.groups.push_back(std::nullopt);
    }
  }
  return result;
}

}  // namespace stepsim::jsonata
