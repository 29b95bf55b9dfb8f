// The function library as builtins: each call goes through the registered signature (validation,
// context, array wrapping) and implementation, with a stand-in for the evaluator's CallContext,
// so these tests do not depend on the parser or the evaluator.
#include <catch2/catch.hpp>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "emulator/jsonata/function_registry.h"
#include "emulator/jsonata/functions/function_library.h"
#include "emulator/jsonata/regex.h"

using namespace stepsim::jsonata;

namespace {

// The standard registry; the functions tested here never call back into the evaluator.
const FunctionRegistry& library() { return FunctionRegistry::standard(); }

// A function value written in C++, standing in for a JSONata lambda.
struct TestLambda final : Callable {
  std::function<Value(std::span<const Value>)> body;
  std::size_t parameters;
  TestLambda(std::function<Value(std::span<const Value>)> b, std::size_t n)
      : Callable(Kind::Lambda), body(std::move(b)), parameters(n) {}
  std::size_t arity() const override { return parameters; }
};

class TestContext final : public CallContext {
 public:
  explicit TestContext(Environment environment) : environment_(std::move(environment)) {}
  const Environment& environment() const override { return environment_; }
  int position() const override { return 5; }
  std::string_view functionName() const override { return name_; }
  const Value& input() const override { return input_; }
  Value apply(const Value& function, std::span<const Value> args) override {
    if (auto* lambda = dynamic_cast<const TestLambda*>(function.callable())) return lambda->body(args);
    if (auto* builtin = dynamic_cast<const BuiltinFunction*>(function.callable())) return call(*builtin->builtin, args);
    throw Error("T1006", position(), "", "not callable in this test");
  }
  void countSteps(std::uint64_t) override {}
  void checkResultSize(std::uint64_t items) override {
    if (items > environment_.limits.maxResultItems) fail("U1003", "result too large");
  }

  Value call(const Builtin& builtin, std::span<const Value> args) {
    name_ = builtin.name;
    ArgumentList validated = builtin.signature.validate(args, input_, builtin.name, position());
    return builtin.implementation(*this, view(validated));
  }
  Value input_;

 private:
  Environment environment_;
  std::string name_;
};

Environment testEnvironment() {
  Environment env;
  env.nowMillis = 1521801216617;  // 2018-03-23T10:33:36.617Z
  auto state = std::make_shared<double>(0.0);
  env.random = [state] { return *state = *state + 0.37 >= 1 ? *state - 0.63 : *state + 0.37; };
  return env;
}

Value json(const char* text) { return Value::fromJson(Json::parse(text)); }
Value str(const char* s) { return Value::string(s); }
Value num(double n) { return Value::number(n); }
Value regex(const char* pattern, const char* flags = "") {
  return Value::function(std::make_shared<RegexMatcher>(Regex::compile(pattern, flags, 0)));
}
Value lambda(std::function<Value(std::span<const Value>)> body, std::size_t arity = 1) {
  return Value::function(std::make_shared<TestLambda>(std::move(body), arity));
}

Value call(const char* name, std::vector<Value> args, Environment env = testEnvironment()) {
  const Builtin* builtin = library().find(name);
  REQUIRE(builtin != nullptr);
  TestContext context(std::move(env));
  return context.call(*builtin, args);
}

// The result as JSON text ("undefined" for nothing); a singleton sequence is its item.
std::string result(const char* name, std::vector<Value> args, Environment env = testEnvironment()) {
  Value value = call(name, std::move(args), std::move(env));
  if (value.isUndefined()) return "undefined";
  if (value.isSequence() && value.size() == 1) value = value.at(0);
  if (value.isSequence() && value.empty()) return "undefined";
  return value.toJson().dump();
}

std::string errorOf(const char* name, std::vector<Value> args) {
  try {
    call(name, std::move(args));
  } catch (const Error& e) {
    CHECK(e.position() == 5);
    return e.code();
  }
  return "no error";
}

}  // namespace

TEST_CASE("builtins: string functions", "[jsonata][functions][builtins]") {
  CHECK(result("length", {str("Hello World")}) == "11");
  CHECK(result("length", {str("\xF0\x9F\x98\x80" "ab")}) == "3");
  CHECK(result("length", {Value()}) == "undefined");
  CHECK(errorOf("length", {num(3)}) == "T0410");
  CHECK(result("substring", {str("Hello World"), num(3)}) == R"("lo World")");
  CHECK(result("substring", {str("Hello World"), num(3), num(5)}) == R"("lo Wo")");
  CHECK(result("substring", {str("Hello World"), num(-4)}) == R"("orld")");
  CHECK(result("substring", {str("Hello World"), num(-4), num(2)}) == R"("or")");
  CHECK(result("substring", {str("\xF0\x9F\x98\x80" "abc"), num(1), num(2)}) == R"("ab")");
  CHECK(result("substringBefore", {str("Hello World"), str(" ")}) == R"("Hello")");
  CHECK(result("substringBefore", {str("Hello World"), str("x")}) == R"("Hello World")");
  CHECK(result("substringAfter", {str("Hello World"), str(" ")}) == R"("World")");
  CHECK(result("uppercase", {str("Hello World \xC3\xA9\xC3\x9F")}) == "\"HELLO WORLD \xC3\x89SS\"");
  CHECK(result("lowercase", {str("Hello World")}) == R"("hello world")");
  CHECK(result("trim", {str(" Hello  \n \t World ")}) == R"("Hello World")");
  CHECK(result("pad", {str("foo"), num(5)}) == R"("foo  ")");
  CHECK(result("pad", {str("foo"), num(-5)}) == R"("  foo")");
  CHECK(result("pad", {str("foo"), num(-5), str("#")}) == R"("##foo")");
  CHECK(result("pad", {str("5"), num(-3), str("0")}) == R"("005")");
  CHECK(result("pad", {str("foo"), num(8), str("-+")}) == R"("foo-+-+-")");
  CHECK(result("contains", {str("abracadabra"), str("bra")}) == "true");
  CHECK(result("contains", {str("abracadabra"), regex("a.*a")}) == "true");
  CHECK(result("contains", {str("abracadabra"), regex("ar")}) == "false");
  CHECK(result("contains", {str("Hello World"), regex("wo", "i")}) == "true");
  CHECK(result("split", {str("so many words"), str(" ")}) == R"(["so","many","words"])");
  CHECK(result("split", {str("so many words"), str(" "), num(2)}) == R"(["so","many"])");
  CHECK(result("split", {str("too much, punctuation. hard; to read"), regex("[ ,.;]+")}) ==
        R"(["too","much","punctuation","hard","to","read"])");
  CHECK(result("split", {str("abc"), str("")}) == R"(["a","b","c"])");
  CHECK(errorOf("split", {str("a b"), str(" "), num(-1)}) == "D3020");
  CHECK(result("join", {json(R"(["a","b","c"])")}) == R"("abc")");
  CHECK(result("join", {json(R"(["a","b","c"])"), str(", ")}) == R"("a, b, c")");
  CHECK(result("join", {str("a")}) == R"("a")");
  CHECK(errorOf("join", {json("[1,2]")}) == "T0412");
}

TEST_CASE("builtins: $match and $replace", "[jsonata][functions][builtins]") {
  CHECK(result("match", {str("ababbabbcc"), regex("a(b+)")}) ==
        R"([{"match":"ab","index":0,"groups":["b"]},{"match":"abb","index":2,"groups":["bb"]},)"
        R"({"match":"abb","index":5,"groups":["bb"]}])");
  CHECK(result("match", {str("ababbabbcc"), regex("a(b+)"), num(1)}) ==
        R"({"match":"ab","index":0,"groups":["b"]})");
  CHECK(result("match", {str("xyz"), regex("a")}) == "undefined");
  CHECK(result("match", {str("\xF0\x9F\x98\x80" "a"), regex("a")}) == R"({"match":"a","index":2,"groups":[]})");
  // As jsonata-js: the first match may be empty; an empty match after it would never progress.
  CHECK(result("match", {str("aaa"), regex("a*")}) == R"({"match":"aaa","index":0,"groups":[]})");
  CHECK(result("match", {str(""), regex("x*")}) == R"({"match":"","index":0,"groups":[]})");
  CHECK(errorOf("match", {str("abc"), regex("x*")}) == "D1004");
  CHECK(errorOf("match", {str("abc"), regex("x*"), num(1)}) == "D1004");  // the next match is still sought
  CHECK(result("contains", {str("abc"), regex("x*")}) == "true");
  CHECK(errorOf("match", {str("aaa"), regex("a"), num(-1)}) == "D3040");

  CHECK(result("replace", {str("John Smith and John Jones"), str("John"), str("Mr")}) ==
        R"("Mr Smith and Mr Jones")");
  CHECK(result("replace", {str("John Smith and John Jones"), str("John"), str("Mr"), num(1)}) ==
        R"("Mr Smith and John Jones")");
  CHECK(result("replace", {str("abracadabra"), regex("a.*?a"), str("*")}) == R"("*c*bra")");
  CHECK(result("replace", {str("John Smith"), regex("(\\w+)\\s(\\w+)"), str("$2, $1")}) == R"("Smith, John")");
  CHECK(result("replace", {str("265USD"), regex("([0-9]+)USD"), str("$$$1")}) == R"("$265")");
  CHECK(result("replace", {str("abc"), regex("(b)"), str("[$0|$1|$2|$12|$]")}) == R"("a[b|b||b2|$]c")");
  CHECK(result("replace", {str("$ $ $"), str("$"), str("$$")}) == R"("$$ $$ $$")");  // literal pattern
  Value doubler = lambda([](std::span<const Value> args) {
    double n = std::stod(std::string(args[0].get("groups").at(0).string()));
    return Value::string(std::to_string(static_cast<int>(n * 2)));
  });
  CHECK(result("replace", {str("temp 20 and 35"), regex("(\\d+)"), doubler}) == R"("temp 40 and 70")");
  Value notString = lambda([](std::span<const Value>) { return Value::number(1); });
  CHECK(errorOf("replace", {str("abc"), regex("b"), notString}) == "D3012");
  CHECK(errorOf("replace", {str("abc"), str(""), str("x")}) == "D3010");
  CHECK(errorOf("replace", {str("abc"), str("b"), str("x"), num(-2)}) == "D3011");
  CHECK(errorOf("replace", {str("abc"), regex("x*"), str("y")}) == "D1004");
  Value catastrophic = regex("(a+)+$");
  CHECK(errorOf("replace", {Value::string(std::string(40, 'a') + "!"), catastrophic, str("x")}) == "U1004");
}

TEST_CASE("builtins: encoding functions", "[jsonata][functions][builtins]") {
  CHECK(result("base64encode", {str("myuser:mypass")}) == R"("bXl1c2VyOm15cGFzcw==")");
  CHECK(result("base64decode", {str("bXl1c2VyOm15cGFzcw==")}) == R"("myuser:mypass")");
  CHECK(result("encodeUrlComponent", {str("?x=test")}) == R"("%3Fx%3Dtest")");
  CHECK(result("encodeUrl", {str("https://mozilla.org/?x=\xD1\x88")}) == R"("https://mozilla.org/?x=%D1%88")");
  CHECK(result("decodeUrlComponent", {str("%3Fx%3Dtest")}) == R"("?x=test")");
  CHECK(result("decodeUrl", {str("https://mozilla.org/?x=%D1%88")}) == "\"https://mozilla.org/?x=\xD1\x88\"");
  CHECK(errorOf("decodeUrlComponent", {str("%E0%A4%A")}) == "D3140");
}

TEST_CASE("builtins: numeric functions", "[jsonata][functions][builtins]") {
  CHECK(result("number", {str("5")}) == "5");
  CHECK(result("number", {str("-0.05e2")}) == "-5");
  CHECK(result("number", {str("0x12")}) == "18");
  CHECK(result("number", {Value::boolean(true)}) == "1");
  CHECK(errorOf("number", {str("1 2")}) == "D3030");
  CHECK(result("number", {str("05")}) == "5");  // jsonata 2.x allows leading zeros
  CHECK(result("number", {str("0.5")}) == "0.5");
  CHECK(errorOf("number", {str("Infinity")}) == "D3030");
  CHECK(result("abs", {num(-5)}) == "5");
  CHECK(result("floor", {num(-5.3)}) == "-6");
  CHECK(result("ceil", {num(5.3)}) == "6");
  CHECK(result("round", {num(123.456)}) == "123");
  CHECK(result("round", {num(123.456), num(2)}) == "123.46");
  CHECK(result("round", {num(123.456), num(-1)}) == "120");
  CHECK(result("round", {num(12.5)}) == "12");
  CHECK(result("power", {num(2), num(8)}) == "256");
  CHECK(result("power", {num(2), num(0.5)}) == "1.4142135623730951");
  CHECK(errorOf("power", {num(10), num(400)}) == "D3061");
  CHECK(result("sqrt", {num(4)}) == "2");
  CHECK(errorOf("sqrt", {num(-1)}) == "D3060");
  CHECK(result("formatNumber", {num(12345.6), str("#,###.00")}) == R"("12,345.60")");
  CHECK(result("formatNumber", {num(0.14), str("###pm"), json(R"({"per-mille":"pm"})")}) == R"("140pm")");
  CHECK(errorOf("formatNumber", {num(1), str("0;0;0")}) == "D3080");
  CHECK(result("formatBase", {num(100), num(2)}) == R"("1100100")");
  CHECK(result("formatBase", {num(2555), num(16)}) == R"("9fb")");
  CHECK(result("formatBase", {num(10)}) == R"("10")");
  CHECK(errorOf("formatBase", {num(10), num(1)}) == "D3100");
  CHECK(result("formatInteger", {num(2789), str("w")}) == R"("two thousand, seven hundred and eighty-nine")");
  CHECK(result("formatInteger", {num(1999), str("I")}) == R"("MCMXCIX")");
  CHECK(result("parseInteger", {str("twelve thousand, four hundred and seventy-six"), str("w")}) == "12476");
  CHECK(result("parseInteger", {str("12,345,678"), str("#,##0")}) == "12345678");
}

TEST_CASE("builtins: aggregation functions", "[jsonata][functions][builtins]") {
  CHECK(result("sum", {json("[5,1,3,7,4]")}) == "20");
  CHECK(result("sum", {num(5)}) == "5");
  CHECK(result("sum", {json("[]")}) == "0");
  CHECK(result("max", {json("[5,1,3,7,4]")}) == "7");
  CHECK(result("min", {json("[5,1,3,7,4]")}) == "1");
  CHECK(result("max", {json("[]")}) == "undefined");
  CHECK(result("average", {json("[5,1,3,7,4]")}) == "4");
  CHECK(result("average", {json("[]")}) == "undefined");
  CHECK(errorOf("sum", {json(R"([1,"2"])")}) == "T0412");
}

TEST_CASE("builtins: array functions", "[jsonata][functions][builtins]") {
  CHECK(result("count", {json("[1,2,3,1]")}) == "4");
  CHECK(result("count", {str("hello")}) == "1");
  CHECK(result("count", {json("[]")}) == "0");
  CHECK(result("count", {Value()}) == "0");
  CHECK(result("append", {json("[1,2,3]"), json("[4,5,6]")}) == "[1,2,3,4,5,6]");
  CHECK(result("append", {json("[1,2,3]"), num(4)}) == "[1,2,3,4]");
  CHECK(result("append", {str("Hello"), str("World")}) == R"(["Hello","World"])");
  CHECK(result("append", {Value(), num(4)}) == "4");
  CHECK(result("reverse", {json(R"(["Hello","World"])")}) == R"(["World","Hello"])");
  CHECK(result("reverse", {json("[1,2,3,4,5]")}) == "[5,4,3,2,1]");
  CHECK(result("distinct", {json(R"([1,2,3,3,4,3,5])")}) == "[1,2,3,4,5]");
  CHECK(result("distinct", {json(R"([{"a":1},{"a":1},[1],[1]])")}) == R"([{"a":1},[1]])");
  CHECK(result("zip", {json("[1,2,3]"), json("[4,5,6]")}) == "[[1,4],[2,5],[3,6]]");
  CHECK(result("zip", {json("[1,2,3]"), json("[4,5]"), json("[7,8,9]")}) == "[[1,4,7],[2,5,8]]");
  CHECK(result("zip", {num(1), num(2)}) == "[[1,2]]");

  Value shuffled = call("shuffle", {json("[1,2,3,4,5,6,7,8,9]")});
  REQUIRE(shuffled.size() == 9);
  CHECK(result("sum", {shuffled}) == "45");
  CHECK(shuffled.toJson() == call("shuffle", {json("[1,2,3,4,5,6,7,8,9]")}).toJson());  // same seed, same order
}

TEST_CASE("builtins: object functions", "[jsonata][functions][builtins]") {
  CHECK(result("keys", {json(R"({"a":1,"b":2})")}) == R"(["a","b"])");
  CHECK(result("keys", {json(R"([{"a":1},{"b":2,"a":3}])")}) == R"(["a","b"])");
  CHECK(result("keys", {json(R"({"only":1})")}) == R"("only")");
  CHECK(result("keys", {str("x")}) == "undefined");
  CHECK(result("spread", {json(R"({"a":1,"b":2})")}) == R"([{"a":1},{"b":2}])");
  CHECK(result("spread", {json(R"([{"a":1},{"b":2,"c":3}])")}) == R"([{"a":1},{"b":2},{"c":3}])");
  CHECK(result("merge", {json(R"([{"a":1},{"b":2},{"a":3}])")}) == R"({"a":3,"b":2})");
  CHECK(result("merge", {json(R"({"a":1})")}) == R"({"a":1})");
}

TEST_CASE("builtins: date/time functions read the virtual clock", "[jsonata][functions][builtins]") {
  CHECK(result("millis", {}) == "1521801216617");
  CHECK(result("now", {}) == R"("2018-03-23T10:33:36.617Z")");
  CHECK(result("now", {str("[Y0001]-[M01]-[D01]")}) == R"("2018-03-23")");
  CHECK(result("now", {str("[H01]:[m01] [Z]"), str("+0100")}) == R"("11:33 +01:00")");
  CHECK(result("fromMillis", {num(1510067274972)}) == R"("2017-11-07T15:07:54.972Z")");
  CHECK(result("fromMillis", {num(1510067557121), str("[M01]/[D01]/[Y0001] [h#1]:[m01][P]")}) ==
        R"("11/07/2017 3:12pm")");
  CHECK(result("fromMillis", {num(1510067557121), str("[H01]:[m01]:[s01] [z]"), str("-0500")}) ==
        R"("10:12:37 GMT-05:00")");
  CHECK(result("toMillis", {str("2017-11-07T15:07:54.972Z")}) == "1510067274972");
  CHECK(result("toMillis", {str("13/09/2018"), str("[D]/[M]/[Y]")}) == "1536796800000");
  CHECK(result("toMillis", {str("10:00"), str("[H]:[m]")}) == "1521799200000");  // today, from the clock
  CHECK(errorOf("toMillis", {str("yesterday")}) == "D3110");
  CHECK(errorOf("fromMillis", {num(0), str("[Q]")}) == "D3132");
}

TEST_CASE("builtins: Step Functions extras", "[jsonata][functions][builtins]") {
  CHECK(result("partition", {json("[1,2,3,4,5,6,7,8,9]"), num(3)}) == "[[1,2,3],[4,5,6],[7,8,9]]");
  CHECK(result("partition", {json("[1,2,3,4,5]"), num(2)}) == "[[1,2],[3,4],[5]]");
  CHECK(result("partition", {json("[]"), num(2)}) == "[]");
  CHECK(errorOf("partition", {json("[1]"), num(0)}) == "D3200");
  CHECK(errorOf("partition", {json("[1]"), num(1.5)}) == "D3200");
  CHECK(result("range", {num(0), num(10), num(2)}) == "[0,2,4,6,8,10]");
  CHECK(result("range", {num(1), num(3)}) == "[1,2,3]");
  CHECK(result("range", {num(10), num(0), num(-5)}) == "[10,5,0]");
  CHECK(result("range", {num(0), num(10), num(-1)}) == "[]");
  CHECK(errorOf("range", {num(0), num(10), num(0)}) == "D3201");
  CHECK(result("hash", {str("abc"), str("SHA-256")}) ==
        R"("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")");
  CHECK(result("hash", {str(""), str("MD5")}) == R"("d41d8cd98f00b204e9800998ecf8427e")");
  CHECK(errorOf("hash", {str("abc"), str("SHA-3")}) == "D3203");
  CHECK(result("random", {num(42)}) == result("random", {num(42)}));
  CHECK(result("random", {}) == "0.37");
  CHECK(result("uuid", {}) == result("uuid", {}));  // the same seeded source, the same id
  CHECK(result("uuid", {}).size() == 38);
  CHECK(result("parse", {str(R"({"a":[1,2,{"b":null}]})")}) == R"({"a":[1,2,{"b":null}]})");
  CHECK(result("parse", {str("42")}) == "42");
  CHECK(errorOf("parse", {str("{oops")}) == "D3202");
}

TEST_CASE("builtins: extreme arguments give results or JSONata errors, never crashes", "[jsonata][functions][builtins]") {
  auto survives = [](const char* name, std::vector<Value> args) {
    try {
      call(name, std::move(args));
    } catch (const Error&) {
    }
  };
  for (double n : {0.0, -0.0, 1e-300, -1e-300, 1e300, -1e300, 1.7976931348623157e308, 123456789.987654321}) {
    survives("round", {num(n), num(400)});
    survives("round", {num(n), num(-400)});
    survives("formatBase", {num(n), num(2)});
    survives("formatBase", {num(n), num(36)});
    survives("formatInteger", {num(n), str("w;o")});
    survives("formatInteger", {num(n), str("I")});
    survives("formatInteger", {num(n), str("A")});
    survives("formatInteger", {num(n), str("#,##0;o")});
    survives("formatNumber", {num(n), str("#,##0.00")});
    survives("formatNumber", {num(n), str("0.0e0")});
    survives("formatNumber", {num(n), str("00.0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000")});
    survives("fromMillis", {num(n)});
    survives("fromMillis", {num(n), str("[Y,2]-[M]-[D] [W] [w] [X] [x] [d] [F]"), str("-2359")});
    survives("range", {num(0), num(n), num(1)});
    survives("partition", {json("[1,2,3]"), num(n)});
    survives("power", {num(n), num(n)});
    survives("pad", {str("x"), num(n)});
    survives("substring", {str("hello"), num(n), num(n)});
    survives("split", {str("a,b"), str(","), num(n)});
  }
  CHECK(result("round", {num(1e300), num(100)}) == "1e+300");
  CHECK(errorOf("range", {num(0), num(1e12)}) == "U1003");
  CHECK(errorOf("pad", {str("x"), num(1e12)}) == "U1003");
  CHECK(errorOf("parse", {Value::string(std::string(1000, '[') + std::string(1000, ']'))}) == "U1001");
  CHECK(result("toMillis", {str("99999999999999999999/1/1"), str("[Y]/[M]/[D]")}) != "");
  CHECK(result("parseInteger", {str("one trillion trillion"), str("w")}) == "1e+24");
}

TEST_CASE("builtins: a custom matcher function stands in for a regex", "[jsonata][functions][builtins]") {
  // Matches every "ab", as jsonata-js matcher objects: {match, start, end, groups, next}.
  std::function<Value(std::string, std::size_t)> matchFrom = [&matchFrom](std::string subject, std::size_t from) {
    std::size_t at = subject.find("ab", from);
    if (at == std::string::npos) return Value();
    ObjectData object;
    object.set("match", Value::string("ab"));
    object.set("start", Value::number(static_cast<double>(at)));
    object.set("end", Value::number(static_cast<double>(at + 2)));
    object.set("groups", Value::array({}));
    object.set("next", lambda([=](std::span<const Value>) { return matchFrom(subject, at + 2); }, 0));
    return Value::object(std::move(object));
  };
  Value matcher = lambda([&](std::span<const Value> args) { return matchFrom(std::string(args[0].string()), 0); });
  CHECK(result("split", {str("xabyabz"), matcher}) == R"(["x","y","z"])");
  CHECK(result("replace", {str("xabyabz"), matcher, str("-")}) == R"("x-y-z")");
  CHECK(result("contains", {str("xaby"), matcher}) == "true");
  CHECK(result("match", {str("xaby"), matcher}) == R"({"match":"ab","index":1,"groups":[]})");
}
