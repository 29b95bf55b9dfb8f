#include "emulator/stepfunctions/asl/intrinsics.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <set>
#include <vector>

#include "emulator/core/base64.h"
#include "emulator/core/json.h"
#include "emulator/core/json_text.h"
#include "emulator/core/random.h"
#include "emulator/core/utf8.h"
#include "emulator/jsonata/functions/sfn_extras.h"
#include "emulator/stepfunctions/asl/errors.h"
#include "emulator/stepfunctions/asl/json_path.h"
#include "emulator/stepfunctions/asl/variables.h"

namespace stepsim::sfn {

using json = stepsim::Json;

namespace {

enum class Fn : std::uint8_t {
  Format,
  StringToJson,
  JsonToString,
  Array,
  ArrayPartition,
  ArrayContains,
  ArrayRange,
  ArrayGetItem,
  ArrayLength,
  ArrayUnique,
  Base64Encode,
  Base64Decode,
  Hash,
  JsonMerge,
  MathRandom,
  MathAdd,
  StringSplit,
  UUID
};

struct FnInfo {
  std::string_view name;  // without "States."
  Fn fn;
  int minArgs, maxArgs;  // maxArgs < 0: any number
};

constexpr FnInfo kFunctions[] = {
    {"Format", Fn::Format, 1, -1},
    {"StringToJson", Fn::StringToJson, 1, 1},
    {"JsonToString", Fn::JsonToString, 1, 1},
    {"Array", Fn::Array, 0, -1},
    {"ArrayPartition", Fn::ArrayPartition, 2, 2},
    {"ArrayContains", Fn::ArrayContains, 2, 2},
    {"ArrayRange", Fn::ArrayRange, 3, 3},
    {"ArrayGetItem", Fn::ArrayGetItem, 2, 2},
    {"ArrayLength", Fn::ArrayLength, 1, 1},
    {"ArrayUnique", Fn::ArrayUnique, 1, 1},
    {"Base64Encode", Fn::Base64Encode, 1, 1},
    {"Base64Decode", Fn::Base64Decode, 1, 1},
    {"Hash", Fn::Hash, 2, 2},
    {"JsonMerge", Fn::JsonMerge, 3, 3},
    {"MathRandom", Fn::MathRandom, 2, 3},
    {"MathAdd", Fn::MathAdd, 2, 2},
    {"StringSplit", Fn::StringSplit, 2, 2},
    {"UUID", Fn::UUID, 0, 0},
};

constexpr int kMaxFunctionsPerField = 10;
constexpr size_t kMaxInputChars = 10000;  // Base64Encode/Decode and Hash
constexpr std::int64_t kMaxArrayRangeItems = 1000;

// A failure inside the call tree; IntrinsicCall::evaluate wraps it with the whole expression.
struct InnerError {
  std::string message;
};

}  // namespace

struct IntrinsicCall::Node {
  enum class Kind : std::uint8_t { Literal, Path, Call } kind = Kind::Literal;
  json literal;
  bool stringLiteral = false;
  std::string raw;  // a string literal as written between the quotes, escapes kept
  JsonPath path;
  const FnInfo* fn = nullptr;
  std::vector<Node> args;
};

namespace {

using Node = IntrinsicCall::Node;

// ---------------------------------------------------------------------------------------------
// Parsing

class Parser {
 public:
  explicit Parser(std::string_view text) : s_(text) {}

  Node parseWhole() {
    skipSpaces();
    Node root = parseCall();
    skipSpaces();
    if (pos_ != s_.size()) failAt("unexpected text after the call:");
    return root;
  }

 private:
  [[noreturn]] void fail(const std::string& why) const {
    throw AslSyntaxError("Invalid intrinsic function call '" + std::string(s_) + "': " + why);
  }
  [[noreturn]] void failAt(const std::string& why) const {
    if (pos_ >= s_.size()) fail(why + " the end of the text");
    fail(why + " '" + std::string(s_.substr(pos_, 12)) + "' at position " + std::to_string(pos_));
  }

  bool at(char c) const { return pos_ < s_.size() && s_[pos_] == c; }
  void skipSpaces() {
    while (pos_ < s_.size() &&
           (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r'))
      ++pos_;
  }
  bool startsWithWord(std::string_view word) const {
    if (s_.substr(pos_, word.size()) != word) return false;
    size_t after = pos_ + word.size();
    return after == s_.size() || !std::isalnum(static_cast<unsigned char>(s_[after]));
  }

  Node parseCall() {
    if (s_.substr(pos_, 7) != "States.")
      failAt("expected an intrinsic function (States.name), found");
    if (++calls_ > kMaxFunctionsPerField) {
      fail("a field can use at most " + std::to_string(kMaxFunctionsPerField) +
           " intrinsic functions");
    }
    pos_ += 7;
    size_t begin = pos_;
    while (pos_ < s_.size() && std::isalnum(static_cast<unsigned char>(s_[pos_]))) ++pos_;
    std::string_view name = s_.substr(begin, pos_ - begin);
    Node node;
    node.kind = Node::Kind::Call;
    for (const FnInfo& info : kFunctions) {
      if (info.name == name) node.fn = &info;
    }
    if (!node.fn) fail("unknown intrinsic function 'States." + std::string(name) + "'");
    skipSpaces();
    if (!at('(')) failAt("expected '(' after States." + std::string(name) + ", found");
    ++pos_;
    skipSpaces();
    if (at(')')) {
      ++pos_;
      return node;
    }
    while (true) {
      node.args.push_back(parseArg());
      skipSpaces();
      if (at(',')) {
        ++pos_;
        continue;
      }
      if (at(')')) {
        ++pos_;
        return node;
      }
      failAt("expected ',' or ')' in the arguments of States." + std::string(name) + ", found");
    }
  }

  Node parseArg() {
    skipSpaces();
    if (pos_ >= s_.size()) failAt("expected an argument, found");
    char c = s_[pos_];
    if (c == '\'') return parseString();
    if (c == '$') return parsePath();
    if (c == 'S') return parseCall();
    if (c == '-' || (c >= '0' && c <= '9')) return parseNumber();
    Node node;
    if (startsWithWord("true")) {
      pos_ += 4;
      node.literal = true;
    } else if (startsWithWord("false")) {
      pos_ += 5;
      node.literal = false;
    } else if (startsWithWord("null")) {
      pos_ += 4;
      node.literal = nullptr;
    } else {
      failAt("expected a 'string', a number, true, false, null, a path or a States. call, found");
    }
    return node;
  }

  Node parseString() {
    ++pos_;  // opening quote
    size_t begin = pos_;
    std::string value;
    while (true) {
      if (pos_ >= s_.size()) fail("unterminated string literal");
      char c = s_[pos_];
      if (c == '\'') break;
      if (c == '\\') {
        if (pos_ + 1 >= s_.size()) fail("unterminated string literal");
        char e = s_[pos_ + 1];
        if (e != '\'' && e != '{' && e != '}' && e != '\\') {
          fail(std::string("invalid escape sequence '\\") + e +
               "' in a string literal (only \\', \\{, \\} and \\\\ are allowed)");
        }
        value += e;
        pos_ += 2;
        continue;
      }
      value += c;
      ++pos_;
    }
    Node node;
    node.stringLiteral = true;
    node.raw = std::string(s_.substr(begin, pos_ - begin));
    node.literal = std::move(value);
    ++pos_;  // closing quote
    return node;
  }

  Node parsePath() {
    size_t begin = pos_;
    int brackets = 0, parens = 0;
    char quote = 0;
    while (pos_ < s_.size()) {
      char c = s_[pos_];
      if (quote) {
        if (c == '\\' && pos_ + 1 < s_.size())  // an escape; a trailing backslash ends the text
          ++pos_;
        else if (c == quote)
          quote = 0;
      } else if (brackets > 0 && (c == '\'' || c == '"')) {
        quote = c;
      } else if (c == '[') {
        ++brackets;
      } else if (c == ']') {
        --brackets;
      } else if (c == '(') {
        ++parens;
      } else if (c == ')') {
        if (parens == 0 && brackets == 0) break;
        --parens;
      } else if (c == ',' && brackets == 0 && parens == 0) {
        break;
      }
      ++pos_;
    }
    size_t end = pos_;
    while (end > begin && (s_[end - 1] == ' ' || s_[end - 1] == '\t')) --end;
    Node node;
    node.kind = Node::Kind::Path;
    try {
      node.path = JsonPath::parse(s_.substr(begin, end - begin));
    } catch (const AslSyntaxError& e) {
      fail(e.what());
    }
    return node;
  }

  Node parseNumber() {
    size_t begin = pos_;
    if (at('-')) ++pos_;
    auto digits = [&] {
      size_t b = pos_;
      while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') ++pos_;
      return pos_ - b;
    };
    if (digits() == 0) failAt("expected digits in a number, found");
    if (at('.')) {
      ++pos_;
      if (digits() == 0) failAt("expected digits after the decimal point, found");
    }
    if (at('e') || at('E')) {
      ++pos_;
      if (at('+') || at('-')) ++pos_;
      if (digits() == 0) failAt("expected digits in the exponent, found");
    }
    Node node;
    try {
      node.literal = json::parse(s_.substr(begin, pos_ - begin));
    } catch (const json::exception&) {
      fail("invalid number '" + std::string(s_.substr(begin, pos_ - begin)) + "'");
    }
    return node;
  }

  std::string_view s_;
  size_t pos_ = 0;
  int calls_ = 0;
};

// ---------------------------------------------------------------------------------------------
// Helpers

[[noreturn]] void invalidArguments(const FnInfo& fn) {
  throw InnerError{"Invalid arguments in States." + std::string(fn.name)};
}

// Java's (int) cast of a double: truncates toward zero, saturates, NaN -> 0. AWS truncates the
// numeric arguments of ArrayRange, ArrayPartition, ArrayGetItem and MathRandom this way.
std::int64_t truncateToInt(const json& v) {
  if (v.is_number_integer()) {
    if (v.is_number_unsigned()) {
      return static_cast<std::int64_t>(std::min<std::uint64_t>(
          v.get<std::uint64_t>(), std::numeric_limits<std::int32_t>::max()));
    }
    return std::clamp<std::int64_t>(v.get<std::int64_t>(), std::numeric_limits<std::int32_t>::min(),
                                    std::numeric_limits<std::int32_t>::max());
  }
  double d = v.get<double>();
  if (std::isnan(d)) return 0;
  d = std::trunc(d);
  if (d <= std::numeric_limits<std::int32_t>::min())
    return std::numeric_limits<std::int32_t>::min();
  if (d >= std::numeric_limits<std::int32_t>::max())
    return std::numeric_limits<std::int32_t>::max();
  return static_cast<std::int64_t>(d);
}

// Java's Math.round: floor(x + 0.5), saturating at the 64-bit limits. AWS rounds States.MathAdd's
// arguments this way.
std::int64_t javaRound(const json& v) {
  constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
  if (v.is_number_unsigned())
    return static_cast<std::int64_t>(std::min<std::uint64_t>(v.get<std::uint64_t>(), kMax));
  if (v.is_number_integer()) return v.get<std::int64_t>();
  double d = v.get<double>();
  if (std::isnan(d)) return 0;
  d = std::floor(d + 0.5);
  if (d <= static_cast<double>(std::numeric_limits<std::int64_t>::min()))
    return std::numeric_limits<std::int64_t>::min();
  if (d >= static_cast<double>(kMax)) return kMax;
  return static_cast<std::int64_t>(d);
}

// Decodes one UTF-8 sequence at `pos`; returns its length, or 0 when invalid.
size_t utf8SequenceLength(std::string_view s, size_t pos) {
  auto byte = [&](size_t i) { return static_cast<unsigned char>(s[i]); };
  unsigned char b0 = byte(pos);
  if (b0 < 0x80) return 1;
  size_t len;
  std::uint32_t cp;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2;
    cp = b0 & 0x1F;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3;
    cp = b0 & 0x0F;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4;
    cp = b0 & 0x07;
  } else {
    return 0;
  }
  if (pos + len > s.size()) return 0;
  for (size_t i = 1; i < len; ++i) {
    if ((byte(pos + i) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(pos + i) & 0x3F);
  }
  static constexpr std::uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

// Bytes decoded from base64 become a string the way Java's new String(bytes, UTF_8) does:
// invalid sequences turn into U+FFFD.
std::string toValidUtf8(std::string bytes) {
  if (core::isValidUtf8(bytes)) return bytes;
  std::string out;
  out.reserve(bytes.size() + 8);
  size_t pos = 0;
  while (pos < bytes.size()) {
    size_t len = utf8SequenceLength(bytes, pos);
    if (len == 0) {
      out += "\xEF\xBF\xBD";
      ++pos;
    } else {
      out.append(bytes, pos, len);
      pos += len;
    }
  }
  return out;
}

// Lenient like Java's MIME decoder, which AWS uses: characters outside the alphabet are skipped,
// padding is optional, decoding stops at '='. Only a dangling single character is an error.
std::optional<std::string> decodeBase64Lenient(std::string_view text) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  std::string out;
  out.reserve(text.size() * 3 / 4);
  std::uint32_t acc = 0;
  int count = 0;
  for (char c : text) {
    if (c == '=') break;
    int v = value(c);
    if (v < 0) continue;
    acc = (acc << 6) | static_cast<std::uint32_t>(v);
    if (++count == 4) {
      out += static_cast<char>((acc >> 16) & 0xFF);
      out += static_cast<char>((acc >> 8) & 0xFF);
      out += static_cast<char>(acc & 0xFF);
      acc = 0;
      count = 0;
    }
  }
  if (count == 1) return std::nullopt;
  if (count == 2) out += static_cast<char>((acc >> 4) & 0xFF);
  if (count == 3) {
    out += static_cast<char>((acc >> 10) & 0xFF);
    out += static_cast<char>((acc >> 2) & 0xFF);
  }
  return toValidUtf8(std::move(out));
}

// States.Hash takes the algorithm names JSONata's $hash takes, and hashes the same way.
using jsonata::sfn::hashHex;

// How States.Format writes a value: Java's toString of the parsed JSON (AWS's behaviour):
// strings bare, null as "null", arrays as "[a, b]", objects as "{k=v, k2=v2}".
void appendFormatted(std::string& out, const json& v) {
  switch (v.type()) {
    case json::value_t::string:
      out += v.get_ref<const std::string&>();
      return;
    case json::value_t::array: {
      out += '[';
      bool first = true;
      for (const json& el : v) {
        if (!first) out += ", ";
        first = false;
        appendFormatted(out, el);
      }
      out += ']';
      return;
    }
    case json::value_t::object: {
      out += '{';
      bool first = true;
      for (const auto& [key, el] : v.items()) {
        if (!first) out += ", ";
        first = false;
        out += key;
        out += '=';
        appendFormatted(out, el);
      }
      out += '}';
      return;
    }
    default:
      out += core::serializeJson(v);
      return;
  }
}

// The template of States.Format: "{}" is a placeholder, a backslash escapes the next character,
// and a lone brace is an error. Returns the literal pieces around the placeholders.
std::optional<std::vector<std::string>> splitTemplate(std::string_view tmpl) {
  std::vector<std::string> pieces(1);
  for (size_t i = 0; i < tmpl.size(); ++i) {
    char c = tmpl[i];
    if (c == '\\') {
      if (i + 1 >= tmpl.size()) return std::nullopt;
      pieces.back() += tmpl[++i];
    } else if (c == '{') {
      if (i + 1 >= tmpl.size() || tmpl[i + 1] != '}') return std::nullopt;
      ++i;
      pieces.emplace_back();
    } else if (c == '}') {
      return std::nullopt;
    } else {
      pieces.back() += c;
    }
  }
  return pieces;
}

// Splits on any of the code points in `delimiters`, dropping empty tokens (Java's StringTokenizer).
json splitString(std::string_view text, std::string_view delimiters) {
  std::vector<std::string_view> delims;
  for (size_t pos = 0; pos < delimiters.size();) {
    size_t len = std::max<size_t>(1, utf8SequenceLength(delimiters, pos));
    delims.push_back(delimiters.substr(pos, len));
    pos += len;
  }
  json out = json::array();
  size_t tokenStart = 0, pos = 0;
  while (pos < text.size()) {
    size_t len = std::max<size_t>(1, utf8SequenceLength(text, pos));
    std::string_view cp = text.substr(pos, len);
    if (std::find(delims.begin(), delims.end(), cp) != delims.end()) {
      if (pos > tokenStart) out.push_back(std::string(text.substr(tokenStart, pos - tokenStart)));
      tokenStart = pos + len;
    }
    pos += len;
  }
  if (pos > tokenStart) out.push_back(std::string(text.substr(tokenStart, pos - tokenStart)));
  return out;
}

bool isBlank(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

// ---------------------------------------------------------------------------------------------
// Evaluation

json evalNode(const Node& node, const EvalContext& ctx);

json call(const Node& node, const EvalContext& ctx) {
  const FnInfo& fn = *node.fn;
  int argc = static_cast<int>(node.args.size());
  if (argc < fn.minArgs || (fn.maxArgs >= 0 && argc > fn.maxArgs)) invalidArguments(fn);
  std::vector<json> args;
  args.reserve(node.args.size());
  for (const Node& arg : node.args) args.push_back(evalNode(arg, ctx));

  switch (fn.fn) {
    case Fn::Format: {
      std::optional<std::vector<std::string>> pieces;
      if (node.args[0].stringLiteral) {
        pieces = splitTemplate(node.args[0].raw);
      } else if (args[0].is_string()) {
        pieces = splitTemplate(args[0].get_ref<const std::string&>());
      }
      if (!pieces || pieces->size() != args.size()) invalidArguments(fn);
      std::string out = std::move((*pieces)[0]);
      for (size_t i = 1; i < pieces->size(); ++i) {
        appendFormatted(out, args[i]);
        out += (*pieces)[i];
      }
      return out;
    }
    case Fn::StringToJson: {
      if (args[0].is_null()) return nullptr;
      if (!args[0].is_string()) invalidArguments(fn);
      const auto& text = args[0].get_ref<const std::string&>();
      if (isBlank(text)) return nullptr;
      json parsed = core::parseClientJson(text);
      if (parsed.is_discarded()) invalidArguments(fn);
      return parsed;
    }
    case Fn::JsonToString:
      return core::serializeJson(args[0]);
    case Fn::Array:
      return json(json::array_t(std::make_move_iterator(args.begin()),
                                std::make_move_iterator(args.end())));
    case Fn::ArrayPartition: {
      if (!args[0].is_array() || !args[1].is_number()) invalidArguments(fn);
      std::int64_t size = truncateToInt(args[1]);
      if (size < 1) invalidArguments(fn);
      auto& items = args[0].get_ref<json::array_t&>();
      json out = json::array();
      for (size_t i = 0; i < items.size(); i += static_cast<size_t>(size)) {
        size_t end = std::min(items.size(), i + static_cast<size_t>(size));
        out.push_back(json::array_t(std::make_move_iterator(items.begin() + i),
                                    std::make_move_iterator(items.begin() + end)));
      }
      return out;
    }
    case Fn::ArrayContains: {
      if (!args[0].is_array()) invalidArguments(fn);
      const auto& items = args[0].get_ref<const json::array_t&>();
      return std::find(items.begin(), items.end(), args[1]) != items.end();
    }
    case Fn::ArrayRange: {
      if (!args[0].is_number() || !args[1].is_number() || !args[2].is_number())
        invalidArguments(fn);
      std::int64_t start = truncateToInt(args[0]), end = truncateToInt(args[1]),
                   step = truncateToInt(args[2]);
      if (step == 0) invalidArguments(fn);
      std::int64_t count = 0;
      if (step > 0 && end >= start) count = (end - start) / step + 1;
      if (step < 0 && start >= end) count = (start - end) / -step + 1;
      if (count > kMaxArrayRangeItems) invalidArguments(fn);
      json out = json::array();
      for (std::int64_t i = 0; i < count; ++i) out.push_back(start + i * step);
      return out;
    }
    case Fn::ArrayGetItem: {
      if (!args[0].is_array() || !args[1].is_number()) invalidArguments(fn);
      std::int64_t index = truncateToInt(args[1]);
      if (index < 0 || static_cast<std::uint64_t>(index) >= args[0].size()) invalidArguments(fn);
      return std::move(args[0][static_cast<size_t>(index)]);
    }
    case Fn::ArrayLength:
      if (!args[0].is_array()) invalidArguments(fn);
      return args[0].size();
    case Fn::ArrayUnique: {
      if (!args[0].is_array()) invalidArguments(fn);
      json out = json::array();
      std::set<json> seen;
      for (json& el : args[0]) {
        if (seen.insert(el).second) out.push_back(std::move(el));
      }
      return out;
    }
    case Fn::Base64Encode: {
      if (!args[0].is_string()) invalidArguments(fn);
      const auto& text = args[0].get_ref<const std::string&>();
      if (core::utf8Length(text) > kMaxInputChars) invalidArguments(fn);
      return core::encodeBase64(text);
    }
    case Fn::Base64Decode: {
      if (!args[0].is_string()) invalidArguments(fn);
      const auto& text = args[0].get_ref<const std::string&>();
      if (core::utf8Length(text) > kMaxInputChars) invalidArguments(fn);
      auto decoded = decodeBase64Lenient(text);
      if (!decoded) invalidArguments(fn);
      return *decoded;
    }
    case Fn::Hash: {
      if (!args[1].is_string()) invalidArguments(fn);
      std::string data =
          args[0].is_string() ? args[0].get<std::string>() : core::serializeJson(args[0]);
      if (core::utf8Length(data) > kMaxInputChars) invalidArguments(fn);
      auto digest = hashHex(data, args[1].get_ref<const std::string&>());
      if (!digest) invalidArguments(fn);
      return *digest;
    }
    case Fn::JsonMerge: {
      if (!args[0].is_object() || !args[1].is_object() || !args[2].is_boolean())
        invalidArguments(fn);
      // Only the shallow mode exists: the third argument must be false.
      if (args[2].get<bool>()) invalidArguments(fn);
      json out = std::move(args[0]);
      for (auto& [key, value] : args[1].get_ref<json::object_t&>()) out[key] = std::move(value);
      return out;
    }
    case Fn::MathRandom: {
      for (const json& a : args) {
        if (!a.is_number()) invalidArguments(fn);
      }
      std::int64_t start = truncateToInt(args[0]), end = truncateToInt(args[1]);
      if (start >= end) invalidArguments(fn);
      auto range = static_cast<std::uint64_t>(end - start);
      if (args.size() == 3) {
        // The same seed gives the same number, independent of everything else.
        std::int64_t seed =
            args[2].is_number_integer() ? args[2].get<std::int64_t>() : truncateToInt(args[2]);
        core::Random seeded(static_cast<std::uint64_t>(seed));
        return start + static_cast<std::int64_t>(seeded.below(range));
      }
      return start + static_cast<std::int64_t>(ctx.random.below(range));
    }
    case Fn::MathAdd: {
      if (!args[0].is_number() || !args[1].is_number()) invalidArguments(fn);
      // A sum past the 64-bit range is refused rather than wrapped (signed overflow is undefined).
      std::int64_t sum = 0;
      if (__builtin_add_overflow(javaRound(args[0]), javaRound(args[1]), &sum)) invalidArguments(fn);
      return sum;
    }
    case Fn::StringSplit:
      if (!args[0].is_string() || !args[1].is_string()) invalidArguments(fn);
      return splitString(args[0].get_ref<const std::string&>(),
                         args[1].get_ref<const std::string&>());
    case Fn::UUID:
      return ctx.random.uuid();
  }
  invalidArguments(fn);
}

json evalNode(const Node& node, const EvalContext& ctx) {
  switch (node.kind) {
    case Node::Kind::Literal:
      return node.literal;
    case Node::Kind::Path: {
      const json& root = pathRoot(node.path, ctx);
      if (node.path.isDefinite()) {
        if (const json* value = node.path.find(root)) return *value;
        throw InnerError{"The JsonPath argument for the field '" + node.path.text() +
                         "' could not be found in the input '" + core::serializeJson(root) + "'"};
      }
      return *node.path.evaluate(root);
    }
    case Node::Kind::Call:
      return call(node, ctx);
  }
  return nullptr;
}

}  // namespace

IntrinsicCall IntrinsicCall::parse(std::string_view text) {
  auto root = std::make_shared<Node>(Parser(text).parseWhole());
  return IntrinsicCall(std::string(text), std::move(root));
}

json IntrinsicCall::evaluate(const EvalContext& ctx) const {
  try {
    return evalNode(*root_, ctx);
  } catch (const InnerError& e) {
    // AWS fails the execution with States.Runtime (uncatchable by States.ALL) and this cause, e.g.
    // "... The function 'States.Array($.x)' had the following error: The JsonPath argument for the
    // field '$.x' could not be found in the input ..." as users quote it from real executions. The
    // States.IntrinsicFailure name of the ASL specification is not what AWS reports for JSONPath
    // intrinsics; no recorded AWS output shows it.
    throw StatesError(std::string(kStatesRuntime),
                      "The function '" + text_ + "' had the following error: " + e.message);
  }
}

const std::string& IntrinsicCall::text() const {
  return text_;
}

bool looksLikeIntrinsic(std::string_view text) {
  return text.substr(0, 7) == "States.";
}

}  // namespace stepsim::sfn
