#include "emulator/stepfunctions/asl/json_path.h"

#include <cstdint>
#include <limits>

#include "emulator/core/json.h"
#include "emulator/core/json_text.h"
#include "emulator/stepfunctions/asl/errors.h"
#include "emulator/stepfunctions/asl/variables.h"

namespace stepsim::sfn {

using json = stepsim::Json;

namespace {

enum class Sel : std::uint8_t { Name, Index, Wildcard, Slice, Union, Filter };

struct UnionItem {
  bool isName;
  std::string name;
  std::int64_t index;
};

struct FilterExpr;

struct Segment {
  Sel kind = Sel::Name;
  bool deep = false;  // "..": applies at the current node and at every descendant
  std::string name;
  std::int64_t index = 0;
  std::optional<std::int64_t> start, end;
  std::int64_t step = 1;
  std::vector<UnionItem> items;
  std::shared_ptr<const FilterExpr> filter;
};

}  // namespace

struct JsonPath::Impl {
  std::string text;
  bool context = false;
  std::string variable;  // "$name...": the workflow variable the path starts from
  bool reference = true;
  bool definite = true;
  std::vector<Segment> segments;
};

namespace {

using Impl = JsonPath::Impl;

enum class FOp : std::uint8_t { Or, And, Not, Eq, Ne, Lt, Le, Gt, Ge, Exists, Literal, Path };

struct FilterExpr {
  FOp op = FOp::Literal;
  std::vector<FilterExpr> kids;
  json literal;
  bool fromRoot = false;  // "$..." rather than "@..."
  std::shared_ptr<const Impl> path;
};

// ---------------------------------------------------------------------------------------------
// Parsing

bool isNameChar(char c) {
  switch (c) {
    case '.':
    case '[':
    case ']':
    case '(':
    case ')':
    case '\'':
    case '"':
    case ',':
    case '*':
    case '?':
    case '@':
    case '!':
    case '=':
    case '<':
    case '>':
    case '&':
    case '|':
    case ' ':
    case '\t':
    case '\r':
    case '\n':
    case '\\':
      return false;
    default:
      return true;
  }
}

class Parser {
 public:
  explicit Parser(std::string_view text) : s_(text) {}

  std::shared_ptr<Impl> parseWhole() {
    auto impl = std::make_shared<Impl>();
    impl->text = std::string(s_);
    if (s_.empty()) fail("a JSONPath must start with '$'");
    if (s_[0] != '$') fail("a JSONPath must start with '$'");
    pos_ = 1;
    if (pos_ < s_.size() && s_[pos_] == '$') {
      impl->context = true;
      ++pos_;
    } else if (pos_ < s_.size() && isVariableStart(static_cast<unsigned char>(s_[pos_]))) {
      std::size_t begin = pos_;
      while (pos_ < s_.size() && isVariableChar(static_cast<unsigned char>(s_[pos_]))) ++pos_;
      impl->variable = std::string(s_.substr(begin, pos_ - begin));
      if (std::string why = variableNameProblem(impl->variable); !why.empty()) fail(why);
    }
    parseSegments(impl->segments, false);
    if (pos_ != s_.size()) failAt("unexpected character");
    finish(*impl);
    return impl;
  }

 private:
  [[noreturn]] void fail(const std::string& why) const {
    throw AslSyntaxError("Invalid JSONPath '" + std::string(s_) + "': " + why);
  }
  [[noreturn]] void failAt(const std::string& why) const {
    if (pos_ >= s_.size()) fail(why + " at the end of the path");
    fail(why + " '" + std::string(1, s_[pos_]) + "' at position " + std::to_string(pos_));
  }

  static void finish(Impl& impl) {
    for (const Segment& seg : impl.segments) {
      bool single = !seg.deep && (seg.kind == Sel::Name || seg.kind == Sel::Index);
      if (!single) impl.definite = false;
      if (!single || (seg.kind == Sel::Index && seg.index < 0)) impl.reference = false;
    }
  }

  bool at(char c) const { return pos_ < s_.size() && s_[pos_] == c; }
  void skipSpaces() {
    while (pos_ < s_.size() &&
           (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r'))
      ++pos_;
  }
  void expect(char c, const char* what) {
    if (!at(c)) failAt(std::string("expected ") + what + ", found");
    ++pos_;
  }

  void parseSegments(std::vector<Segment>& out, bool inFilter) {
    while (pos_ < s_.size()) {
      char c = s_[pos_];
      if (c == '.') {
        bool deep = pos_ + 1 < s_.size() && s_[pos_ + 1] == '.';
        pos_ += deep ? 2 : 1;
        Segment seg;
        seg.deep = deep;
        if (deep && at('[')) {
          parseBracket(seg);
        } else if (at('*')) {
          ++pos_;
          seg.kind = Sel::Wildcard;
        } else {
          size_t begin = pos_;
          while (pos_ < s_.size() && isNameChar(s_[pos_])) ++pos_;
          if (pos_ == begin) {
            failAt(deep ? "expected a name, '*' or '[' after '..', found"
                        : "expected a name or '*' after '.', found");
          }
          seg.kind = Sel::Name;
          seg.name = std::string(s_.substr(begin, pos_ - begin));
        }
        out.push_back(std::move(seg));
      } else if (c == '[') {
        Segment seg;
        parseBracket(seg);
        out.push_back(std::move(seg));
      } else {
        if (inFilter) return;
        failAt("unexpected character");
      }
    }
  }

  // A quoted name in brackets, as AWS reads it: a backslash keeps the next character from ending
  // the name but stays in it (`$['Test\"Name']` names the key `Test\"Name`, as recorded on AWS).
  std::string parseBracketName() {
    const char quote = s_[pos_++];
    const std::size_t begin = pos_;
    for (bool escaped = false;; ++pos_) {
      if (pos_ >= s_.size()) fail("unterminated quoted name");
      if (escaped)
        escaped = false;
      else if (s_[pos_] == '\\')
        escaped = true;
      else if (s_[pos_] == quote)
        break;
    }
    return std::string(s_.substr(begin, pos_++ - begin));
  }

  // A string literal in a filter: the usual escapes stand for the characters they name.
  std::string parseQuoted() {
    char quote = s_[pos_++];
    std::string out;
    while (true) {
      if (pos_ >= s_.size()) fail("unterminated quoted name");
      char c = s_[pos_++];
      if (c == quote) break;
      if (c == '\\') {
        if (pos_ >= s_.size()) fail("unterminated quoted name");
        char e = s_[pos_++];
        switch (e) {
          case '\'':
          case '"':
          case '\\':
          case '/':
            out += e;
            break;
          case 'n':
            out += '\n';
            break;
          case 't':
            out += '\t';
            break;
          case 'r':
            out += '\r';
            break;
          case 'b':
            out += '\b';
            break;
          case 'f':
            out += '\f';
            break;
          default:
            --pos_;
            failAt("unknown escape sequence in quoted name:");
        }
        continue;
      }
      out += c;
    }
    return out;
  }

  std::optional<std::int64_t> parseInt() {
    size_t begin = pos_;
    if (at('-') || at('+')) ++pos_;
    size_t digits = pos_;
    while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') ++pos_;
    if (pos_ == digits) {
      pos_ = begin;
      return std::nullopt;
    }
    if (pos_ - digits > 18) fail("index out of range");
    std::int64_t v = 0;
    for (size_t i = digits; i < pos_; ++i) v = v * 10 + (s_[i] - '0');
    return s_[begin] == '-' ? -v : v;
  }

  void parseBracket(Segment& seg) {
    ++pos_;  // '['
    skipSpaces();
    if (at('*')) {
      ++pos_;
      skipSpaces();
      expect(']', "']' after '*'");
      seg.kind = Sel::Wildcard;
      return;
    }
    if (at('?')) {
      ++pos_;
      skipSpaces();
      seg.kind = Sel::Filter;
      seg.filter = std::make_shared<FilterExpr>(parseOr());
      skipSpaces();
      expect(']', "']' to close the filter, found");
      return;
    }
    if (at('\'') || at('"')) {
      std::vector<std::string> names;
      while (true) {
        if (!at('\'') && !at('"')) failAt("expected a quoted name, found");
        names.push_back(parseBracketName());
        skipSpaces();
        if (at(',')) {
          ++pos_;
          skipSpaces();
          continue;
        }
        expect(']', "']' or ',' after a quoted name, found");
        break;
      }
      if (names.size() == 1) {
        seg.kind = Sel::Name;
        seg.name = std::move(names[0]);
      } else {
        seg.kind = Sel::Union;
        for (auto& n : names) seg.items.push_back({true, std::move(n), 0});
      }
      return;
    }
    auto first = parseInt();
    skipSpaces();
    if (at(':')) {
      seg.kind = Sel::Slice;
      seg.start = first;
      ++pos_;
      skipSpaces();
      seg.end = parseInt();
      skipSpaces();
      if (at(':')) {
        ++pos_;
        skipSpaces();
        auto step = parseInt();
        if (step) {
          if (*step == 0) fail("a slice step must not be 0");
          seg.step = *step;
        }
        skipSpaces();
      }
      expect(']', "']' to close the slice, found");
      return;
    }
    if (!first) failAt("expected an index, a slice, a quoted name, '*' or '?' in brackets, found");
    if (at(',')) {
      seg.kind = Sel::Union;
      seg.items.push_back({false, {}, *first});
      while (at(',')) {
        ++pos_;
        skipSpaces();
        auto next = parseInt();
        if (!next) failAt("expected an index after ',', found");
        seg.items.push_back({false, {}, *next});
        skipSpaces();
      }
      expect(']', "']' to close the index list, found");
      return;
    }
    expect(']', "']' after the index, found");
    seg.kind = Sel::Index;
    seg.index = *first;
  }

  // Filter expressions -------------------------------------------------------------------------

  bool consume(std::string_view token) {
    if (s_.substr(pos_, token.size()) == token) {
      pos_ += token.size();
      return true;
    }
    return false;
  }

  FilterExpr parseOr() { return parseChain("||", FOp::Or, &Parser::parseAnd); }
  FilterExpr parseAnd() { return parseChain("&&", FOp::And, &Parser::parseUnary); }

  // operand (token operand)*, left-associative.
  FilterExpr parseChain(std::string_view token, FOp op, FilterExpr (Parser::*operand)()) {
    FilterExpr left = (this->*operand)();
    skipSpaces();
    while (consume(token)) {
      FilterExpr node;
      node.op = op;
      node.kids.push_back(std::move(left));
      node.kids.push_back((this->*operand)());
      left = std::move(node);
      skipSpaces();
    }
    return left;
  }

  FilterExpr parseUnary() {
    skipSpaces();
    if (at('!') && !(pos_ + 1 < s_.size() && s_[pos_ + 1] == '=')) {
      ++pos_;
      FilterExpr node;
      node.op = FOp::Not;
      node.kids.push_back(parseUnary());
      return node;
    }
    if (at('(')) {
      ++pos_;
      FilterExpr inner = parseOr();
      skipSpaces();
      expect(')', "')' in the filter, found");
      return inner;
    }
    FilterExpr left = parseOperand();
    skipSpaces();
    FOp op;
    if (consume("=="))
      op = FOp::Eq;
    else if (consume("!="))
      op = FOp::Ne;
    else if (consume("<="))
      op = FOp::Le;
    else if (consume(">="))
      op = FOp::Ge;
    else if (consume("<"))
      op = FOp::Lt;
    else if (consume(">"))
      op = FOp::Gt;
    else if (at('='))
      failAt("unsupported filter operator starting with");
    else {
      if (left.op != FOp::Path) fail("a filter term must be a comparison or a path");
      left.op = FOp::Exists;
      return left;
    }
    skipSpaces();
    FilterExpr node;
    node.op = op;
    node.kids.push_back(std::move(left));
    node.kids.push_back(parseOperand());
    return node;
  }

  FilterExpr parseOperand() {
    skipSpaces();
    FilterExpr node;
    if (at('@') || at('$')) {
      node.op = FOp::Path;
      node.fromRoot = at('$');
      ++pos_;
      if (node.fromRoot && at('$')) failAt("the context object cannot be used in a filter:");
      auto impl = std::make_shared<Impl>();
      parseSegments(impl->segments, true);
      finish(*impl);
      node.path = std::move(impl);
      return node;
    }
    node.op = FOp::Literal;
    if (at('\'') || at('"')) {
      node.literal = parseQuoted();
      return node;
    }
    if (consume("true")) {
      node.literal = true;
      return node;
    }
    if (consume("false")) {
      node.literal = false;
      return node;
    }
    if (consume("null")) {
      node.literal = nullptr;
      return node;
    }
    size_t begin = pos_;
    if (at('-')) ++pos_;
    size_t digits = pos_;
    while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') ++pos_;
    if (pos_ == digits) {
      pos_ = begin;
      failAt("expected a path, a string, a number, true, false or null in the filter, found");
    }
    bool isFloat = false;
    if (at('.')) {
      isFloat = true;
      ++pos_;
      size_t fracBegin = pos_;
      while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') ++pos_;
      if (pos_ == fracBegin) failAt("expected digits after the decimal point, found");
    }
    if (at('e') || at('E')) {
      isFloat = true;
      ++pos_;
      if (at('+') || at('-')) ++pos_;
      size_t expBegin = pos_;
      while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') ++pos_;
      if (pos_ == expBegin) failAt("expected digits in the exponent, found");
    }
    std::string number(s_.substr(begin, pos_ - begin));
    try {
      if (isFloat)
        node.literal = std::stod(number);
      else
        node.literal = std::stoll(number);
    } catch (const std::exception&) {
      fail("number out of range: " + number);
    }
    return node;
  }

  std::string_view s_;
  size_t pos_ = 0;
};

// ---------------------------------------------------------------------------------------------
// Evaluation

using Out = std::vector<const json*>;

void walk(const json& node, const std::vector<Segment>& segs, size_t i, const json& root, Out& out);

bool testFilter(const FilterExpr& e, const json& current, const json& root);

void applyFilterTo(const json& node, const Segment& seg, const std::vector<Segment>& segs, size_t i,
                   const json& root, Out& out) {
  if (node.is_array()) {
    for (const json& el : node) {
      if (testFilter(*seg.filter, el, root)) walk(el, segs, i + 1, root, out);
    }
  } else if (node.is_object()) {
    // Jayway: a filter on an object tests the object itself.
    if (testFilter(*seg.filter, node, root)) walk(node, segs, i + 1, root, out);
  }
}

void sliceIndexes(const Segment& seg, std::int64_t n, std::int64_t& start, std::int64_t& end) {
  if (seg.step > 0) {
    start = seg.start.value_or(0);
    end = seg.end.value_or(n);
    if (start < 0) start = std::max<std::int64_t>(0, start + n);
    if (end < 0) end = std::max<std::int64_t>(0, end + n);
    start = std::min(start, n);
    end = std::min(end, n);
  } else {
    start = seg.start.value_or(n - 1);
    end = seg.end ? *seg.end : -n - 1;
    if (start < 0) start += n;
    if (end < 0) end += n;
    start = std::clamp<std::int64_t>(start, -1, n - 1);
    end = std::clamp<std::int64_t>(end, -1, n - 1);
  }
}

// One selector applied at `node` (not descending).
void apply(const json& node, const Segment& seg, const std::vector<Segment>& segs, size_t i,
           const json& root, Out& out) {
  switch (seg.kind) {
    case Sel::Name: {
      if (!node.is_object()) return;
      const auto& obj = node.get_ref<const json::object_t&>();
      auto it = obj.find(seg.name);
      if (it != obj.end()) walk(it->second, segs, i + 1, root, out);
      return;
    }
    case Sel::Index: {
      if (!node.is_array()) return;
      auto n = static_cast<std::int64_t>(node.size());
      std::int64_t idx = seg.index < 0 ? seg.index + n : seg.index;
      if (idx >= 0 && idx < n) walk(node[static_cast<size_t>(idx)], segs, i + 1, root, out);
      return;
    }
    case Sel::Wildcard:
      if (node.is_object() || node.is_array()) {
        for (const json& child : node) walk(child, segs, i + 1, root, out);
      }
      return;
    case Sel::Slice: {
      if (!node.is_array()) return;
      auto n = static_cast<std::int64_t>(node.size());
      std::int64_t start, end;
      sliceIndexes(seg, n, start, end);
      if (seg.step > 0) {
        for (std::int64_t k = start; k < end; k += seg.step)
          walk(node[static_cast<size_t>(k)], segs, i + 1, root, out);
      } else {
        for (std::int64_t k = start; k > end; k += seg.step)
          walk(node[static_cast<size_t>(k)], segs, i + 1, root, out);
      }
      return;
    }
    case Sel::Union:
      for (const UnionItem& item : seg.items) {
        if (item.isName) {
          if (!node.is_object()) continue;
          const auto& obj = node.get_ref<const json::object_t&>();
          auto it = obj.find(item.name);
          if (it != obj.end()) walk(it->second, segs, i + 1, root, out);
        } else {
          if (!node.is_array()) continue;
          auto n = static_cast<std::int64_t>(node.size());
          std::int64_t idx = item.index < 0 ? item.index + n : item.index;
          if (idx >= 0 && idx < n) walk(node[static_cast<size_t>(idx)], segs, i + 1, root, out);
        }
      }
      return;
    case Sel::Filter:
      applyFilterTo(node, seg, segs, i, root, out);
      return;
  }
}

void applyDeep(const json& node, const Segment& seg, const std::vector<Segment>& segs, size_t i,
               const json& root, Out& out) {
  if (seg.kind == Sel::Filter) {
    // Every object at any depth (pre-order) is tested, as Jayway's deep scan does.
    if (node.is_object() && testFilter(*seg.filter, node, root)) walk(node, segs, i + 1, root, out);
  } else {
    apply(node, seg, segs, i, root, out);
  }
  if (node.is_object() || node.is_array()) {
    for (const json& child : node) applyDeep(child, seg, segs, i, root, out);
  }
}

void walk(const json& node, const std::vector<Segment>& segs, size_t i, const json& root,
          Out& out) {
  if (i == segs.size()) {
    out.push_back(&node);
    return;
  }
  const Segment& seg = segs[i];
  if (seg.deep)
    applyDeep(node, seg, segs, i, root, out);
  else
    apply(node, seg, segs, i, root, out);
}

enum class Miss : std::uint8_t { None, Missing, LeafIndexOutOfRange };

// Definite paths only. On a miss, `missAt` is the index of the segment that matched nothing.
const json* resolveDefinite(const json& root, const std::vector<Segment>& segs, Miss& miss,
                            std::size_t* missAt = nullptr) {
  const json* node = &root;
  for (size_t i = 0; i < segs.size(); ++i) {
    const Segment& seg = segs[i];
    if (missAt) *missAt = i;
    if (seg.kind == Sel::Name) {
      if (!node->is_object()) {
        miss = Miss::Missing;
        return nullptr;
      }
      const auto& obj = node->get_ref<const json::object_t&>();
      auto it = obj.find(seg.name);
      if (it == obj.end()) {
        miss = Miss::Missing;
        return nullptr;
      }
      node = &it->second;
    } else {
      if (!node->is_array()) {
        miss = Miss::Missing;
        return nullptr;
      }
      auto n = static_cast<std::int64_t>(node->size());
      std::int64_t idx = seg.index < 0 ? seg.index + n : seg.index;
      if (idx < 0 || idx >= n) {
        miss = i + 1 == segs.size() ? Miss::LeafIndexOutOfRange : Miss::Missing;
        return nullptr;
      }
      node = &(*node)[static_cast<size_t>(idx)];
    }
  }
  miss = Miss::None;
  return node;
}

// Jayway's normalized form of the first `count` segments of a definite path: $['a'][0].
std::string normalizedPath(const std::vector<Segment>& segs, std::size_t count) {
  std::string out = "$";
  for (std::size_t i = 0; i < count; ++i)
    out += segs[i].kind == Sel::Name ? "['" + segs[i].name + "']" : "[" + std::to_string(segs[i].index) + "]";
  return out;
}

// Filter operands ------------------------------------------------------------------------------

struct Operand {
  const json* value = nullptr;  // nullptr: no such value
  json holder;                  // owns the value of an indefinite path
};

void operandValue(const FilterExpr& e, const json& current, const json& root, Operand& op) {
  if (e.op == FOp::Literal) {
    op.value = &e.literal;
    return;
  }
  const json& start = e.fromRoot ? root : current;
  const Impl& path = *e.path;
  if (path.definite) {
    Miss miss;
    op.value = resolveDefinite(start, path.segments, miss);
    return;
  }
  Out matches;
  walk(start, path.segments, 0, root, matches);
  op.holder = json::array();
  for (const json* m : matches) op.holder.push_back(*m);
  op.value = &op.holder;
}

int compareNumbers(const json& a, const json& b) {
  if (a.is_number_integer() && b.is_number_integer()) {
    if (a.is_number_unsigned() || b.is_number_unsigned()) {
      // Mixed signedness: compare as doubles unless both are unsigned.
      if (a.is_number_unsigned() && b.is_number_unsigned()) {
        auto x = a.get<std::uint64_t>(), y = b.get<std::uint64_t>();
        return x < y ? -1 : (x > y ? 1 : 0);
      }
    } else {
      auto x = a.get<std::int64_t>(), y = b.get<std::int64_t>();
      return x < y ? -1 : (x > y ? 1 : 0);
    }
  }
  double x = a.get<double>(), y = b.get<double>();
  return x < y ? -1 : (x > y ? 1 : 0);
}

bool compare(FOp op, const json* a, const json* b) {
  if (!a || !b) return op == FOp::Ne;
  if (a->is_number() && b->is_number()) {
    int c = compareNumbers(*a, *b);
    switch (op) {
      case FOp::Eq:
        return c == 0;
      case FOp::Ne:
        return c != 0;
      case FOp::Lt:
        return c < 0;
      case FOp::Le:
        return c <= 0;
      case FOp::Gt:
        return c > 0;
      case FOp::Ge:
        return c >= 0;
      default:
        return false;
    }
  }
  if (op == FOp::Eq) return *a == *b;
  if (op == FOp::Ne) return *a != *b;
  if (a->is_string() && b->is_string()) {
    const auto& x = a->get_ref<const std::string&>();
    const auto& y = b->get_ref<const std::string&>();
    int c = x.compare(y);
    switch (op) {
      case FOp::Lt:
        return c < 0;
      case FOp::Le:
        return c <= 0;
      case FOp::Gt:
        return c > 0;
      case FOp::Ge:
        return c >= 0;
      default:
        return false;
    }
  }
  return false;
}

bool testFilter(const FilterExpr& e, const json& current, const json& root) {
  switch (e.op) {
    case FOp::Or:
      return testFilter(e.kids[0], current, root) || testFilter(e.kids[1], current, root);
    case FOp::And:
      return testFilter(e.kids[0], current, root) && testFilter(e.kids[1], current, root);
    case FOp::Not:
      return !testFilter(e.kids[0], current, root);
    case FOp::Exists: {
      const json& start = e.fromRoot ? root : current;
      if (e.path->definite) {
        Miss miss;
        return resolveDefinite(start, e.path->segments, miss) != nullptr;
      }
      Out matches;
      walk(start, e.path->segments, 0, root, matches);
      return !matches.empty();
    }
    case FOp::Literal:
    case FOp::Path:
      return false;
    default: {
      Operand a, b;
      operandValue(e.kids[0], current, root, a);
      operandValue(e.kids[1], current, root, b);
      return compare(e.op, a.value, b.value);
    }
  }
}

std::shared_ptr<const Impl> rootImpl() {
  static const std::shared_ptr<const Impl> impl = [] {
    auto p = std::make_shared<Impl>();
    p->text = "$";
    return p;
  }();
  return impl;
}

}  // namespace

// -----------------------------------------------------------------------------------------------

JsonPath::JsonPath() : impl_(rootImpl()) {}

JsonPath JsonPath::parse(std::string_view text) {
  return JsonPath(Parser(text).parseWhole());
}

const std::string& JsonPath::text() const {
  return impl_->text;
}
bool JsonPath::isContext() const {
  return impl_->context;
}
bool JsonPath::isVariable() const {
  return !impl_->variable.empty();
}
const std::string& JsonPath::variable() const {
  return impl_->variable;
}
bool JsonPath::isReference() const {
  return impl_->reference;
}
bool JsonPath::isDefinite() const {
  return impl_->definite;
}

void JsonPath::select(const json& root, std::vector<const json*>& out) const {
  if (impl_->definite) {
    Miss miss;
    if (const json* node = resolveDefinite(root, impl_->segments, miss)) out.push_back(node);
    return;
  }
  walk(root, impl_->segments, 0, root, out);
}

std::vector<const json*> JsonPath::select(const json& root) const {
  std::vector<const json*> out;
  select(root, out);
  return out;
}

const json* JsonPath::find(const json& root) const {
  if (!impl_->definite) return nullptr;
  Miss miss;
  return resolveDefinite(root, impl_->segments, miss);
}

const json* JsonPath::evaluate(const json& root, json& scratch) const {
  if (impl_->definite) {
    Miss miss;
    if (const json* node = resolveDefinite(root, impl_->segments, miss)) return node;
    if (miss == Miss::LeafIndexOutOfRange) {
      scratch = nullptr;
      return &scratch;
    }
    return nullptr;
  }
  Out matches;
  walk(root, impl_->segments, 0, root, matches);
  json result = json::array();
  auto& arr = result.get_ref<json::array_t&>();
  arr.reserve(matches.size());
  for (const json* m : matches) arr.push_back(*m);
  scratch = std::move(result);
  return &scratch;
}

std::string JsonPath::describeMiss(const json& root) const {
  if (!impl_->definite) return "No results for path: " + impl_->text;
  Miss miss;
  std::size_t at = 0;
  if (resolveDefinite(root, impl_->segments, miss, &at)) return "";
  const auto& segs = impl_->segments;
  if (at + 1 == segs.size()) return "No results for path: " + normalizedPath(segs, segs.size());
  return "Missing property in path " + normalizedPath(segs, at + 1);
}

std::optional<json> JsonPath::evaluate(const json& root) const {
  json scratch;
  const json* value = evaluate(root, scratch);
  if (!value) return std::nullopt;
  if (value == &scratch) return std::optional<json>(std::move(scratch));
  return *value;
}

void JsonPath::assign(json& target, json value) const {
  const Impl& impl = *impl_;
  if (!impl.reference || impl.context || !impl.variable.empty()) {
    throw std::logic_error("JsonPath::assign needs a reference path on the input, not '" +
                           impl.text + "'");
  }
  const auto& segs = impl.segments;
  if (segs.empty()) {
    target = std::move(value);
    return;
  }
  auto failure = [&] {
    return StatesError(
        std::string(kStatesResultPathMatchFailure),
        "Unable to apply ReferencePath " + impl.text + " to input " + core::serializeJson(target));
  };
  // Check first, so that a failure leaves the target untouched.
  const json* node = &target;
  for (size_t i = 0; i < segs.size(); ++i) {
    const Segment& seg = segs[i];
    if (seg.kind == Sel::Name) {
      if (!node->is_object()) throw failure();
      const auto& obj = node->get_ref<const json::object_t&>();
      auto it = obj.find(seg.name);
      if (it == obj.end()) {
        // Everything from here on is created as objects; an index cannot be.
        for (size_t k = i + 1; k < segs.size(); ++k) {
          if (segs[k].kind != Sel::Name) throw failure();
        }
        break;
      }
      node = &it->second;
    } else {
      if (!node->is_array() || static_cast<std::uint64_t>(seg.index) >= node->size())
        throw failure();
      node = &(*node)[static_cast<size_t>(seg.index)];
    }
  }
  json* cur = &target;
  for (size_t i = 0; i + 1 < segs.size(); ++i) {
    const Segment& seg = segs[i];
    if (seg.kind == Sel::Name) {
      auto& obj = cur->get_ref<json::object_t&>();
      auto it = obj.find(seg.name);
      if (it == obj.end()) it = obj.emplace(seg.name, json::object()).first;
      cur = &it->second;
    } else {
      cur = &(*cur)[static_cast<size_t>(seg.index)];
    }
  }
  const Segment& last = segs.back();
  if (last.kind == Sel::Name) {
    auto& obj = cur->get_ref<json::object_t&>();
    obj.insert_or_assign(last.name, std::move(value));
  } else {
    (*cur)[static_cast<size_t>(last.index)] = std::move(value);
  }
}

JsonPath parseReferencePath(std::string_view text) {
  JsonPath path = JsonPath::parse(text);
  if (!path.isReference()) {
    throw AslSyntaxError("Invalid Reference Path '" + std::string(text) +
                         "': a reference path may only use names and non-negative indexes "
                         "(no '*', '..', slices, unions, filters or negative indexes)");
  }
  return path;
}

}  // namespace stepsim::sfn
