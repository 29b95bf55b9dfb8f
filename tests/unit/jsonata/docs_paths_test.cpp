// Acceptance tests from docs.jsonata.org: Simple Queries, Navigating JSON Arrays, Predicate
// Queries, Path Operators (. [ ] { } ^( ) * ** % # @), through the public API only.
#include "jsonata_test_support.h"

using namespace jsonata_test;

TEST_CASE("docs: simple queries on the person document", "[jsonata][docs][paths]") {
  static const DocCase cases[] = {
      {"Surname", R"("Smith")"},
      {"Age", "28"},
      {"Address.City", R"("Winchester")"},
      {"Other.Misc", "null"},
      {"Other.Nothing", nullptr},
      {"Other.`Over 18 ?`", "true"},
      {"Other.`Alternative.Address`.City", R"("London")"},
      {"Address.Postcode", R"("SO21 2JN")"},
      {"FirstName & ' ' & Surname", R"("Fred Smith")"},
      {"Address.(Street & ', ' & City)", R"("Hursley Park, Winchester")"},
      {"Nothing", nullptr},
      {"Nothing.Deeper.Still", nullptr},
      {"$.Surname", R"("Smith")"},
      {"$$.Address.City", R"("Winchester")"},
  };
  CHECK_JSONATA_TABLE(cases, kAddress);
}

TEST_CASE("docs: navigating JSON arrays", "[jsonata][docs][paths]") {
  static const DocCase cases[] = {
      {"Phone[0]", R"({ "type": "home", "number": "0203 544 1234" })"},
      {"Phone[1]", R"({ "type": "office", "number": "01962 001234" })"},
      {"Phone[-1]", R"({ "type": "mobile", "number": "077 7700 1234" })"},
      {"Phone[-2]", R"({ "type": "office", "number": "01962 001235" })"},
      {"Phone[8]", nullptr},
      {"Phone[0].number", R"("0203 544 1234")"},
      {"Phone.number", R"(["0203 544 1234", "01962 001234", "01962 001235", "077 7700 1234"])"},
      {"Phone.number[0]", R"(["0203 544 1234", "01962 001234", "01962 001235", "077 7700 1234"])"},
      {"(Phone.number)[0]", R"("0203 544 1234")"},
      {"Phone[[0..1]]",
       R"([{ "type": "home", "number": "0203 544 1234" }, { "type": "office", "number": "01962 001234" }])"},
      {"Phone[[1..2]].number", R"(["01962 001234", "01962 001235"])"},
      {"Phone[0.9]", R"({ "type": "home", "number": "0203 544 1234" })"},  // index rounded down
      {"Phone[1.5].number", R"("01962 001234")"},
      {"Email.address",
       R"(["fred.smith@my-work.com", "fsmith@my-work.com", "freddy@my-social.com", "frederic.smith@very-serious.com"])"},
      {"Email.[address]",
       R"([["fred.smith@my-work.com", "fsmith@my-work.com"], ["freddy@my-social.com", "frederic.smith@very-serious.com"]])"},
      {"[Address, Other.`Alternative.Address`].City", R"(["Winchester", "London"])"},
      {"Address.City[]", R"(["Winchester"])"},
      {"Address[].City", R"(["Winchester"])"},
      {"Phone[type='mobile'].number[]", R"(["077 7700 1234"])"},
      {"$count(Phone)", "4"},
      {"Email[0].address[1]", R"("fsmith@my-work.com")"},
  };
  CHECK_JSONATA_TABLE(cases, kAddress);
}

TEST_CASE("docs: top level arrays, nested arrays and flattening", "[jsonata][docs][paths]") {
  const char* input = R"([ { "ref": [1, 2] }, { "ref": [3, 4] } ])";
  static const DocCase cases[] = {
      {"$[0]", R"({ "ref": [1, 2] })"},
      {"$[0].ref", "[1, 2]"},
      {"$[0].ref[0]", "1"},
      {"$.ref", "[1, 2, 3, 4]"},
      {"ref", "[1, 2, 3, 4]"},
      {"$[-1].ref[-1]", "4"},
      {"$.ref[0]", "[1, 3]"},
      {"$.[ref]", "[[1, 2], [3, 4]]"},
  };
  CHECK_JSONATA_TABLE(cases, input);
  CHECK_JSONATA("$[0]", "[[1, 2], [3, 4]]", "[1, 2]");
  CHECK_JSONATA("$[1][0]", "[[1, 2], [3, 4]]", "3");
  CHECK_JSONATA("$", "[[1, 2], [3, 4]]", "[[1, 2], [3, 4]]");
  CHECK_JSONATA("$.$", "[[1, 2], [3, 4]]", "[1, 2, 3, 4]");
  CHECK_JSONATA("nested.a", R"({"nested": [{"a": [1, [2]]}, {"a": 3}]})", "[1, [2], 3]");
}

TEST_CASE("docs: predicate queries", "[jsonata][docs][paths]") {
  static const DocCase cases[] = {
      {"Phone[type='mobile']", R"({ "type": "mobile", "number": "077 7700 1234" })"},
      {"Phone[type='mobile'].number", R"("077 7700 1234")"},
      {"Phone[type='office'].number", R"(["01962 001234", "01962 001235"])"},
      {"Phone[type='office' and $contains(number, '5')].number", R"("01962 001235")"},
      {"Phone[type!='office'].type", R"(["home", "mobile"])"},
      {"Phone[type='fax']", nullptr},
      {"Phone[type in ['home', 'mobile']].number", R"(["0203 544 1234", "077 7700 1234"])"},
      {"Phone[type='office'][1].number", R"("01962 001235")"},
      {"Phone[type='office'][-1].number", R"("01962 001235")"},
      {"Phone[number][0].type", R"("home")"},  // a truthy predicate keeps every item
      {"Email[type='home'].address[0]", R"("freddy@my-social.com")"},
      {"Phone[false]", nullptr},
      {"Phone[true].type", R"(["home", "office", "office", "mobile"])"},
  };
  CHECK_JSONATA_TABLE(cases, kAddress);
}

TEST_CASE("docs: wildcards * and descendants **", "[jsonata][docs][paths]") {
  static const DocCase cases[] = {
      {"Address.*", R"(["Hursley Park", "Winchester", "SO21 2JN"])"},  // document order
      {"*.Postcode", R"("SO21 2JN")"},
      {"**.Postcode", R"(["SO21 2JN", "E1 6RF"])"},
      {"**.City", R"(["Winchester", "London"])"},
      {"Other.*.City", R"("London")"},
      {"$count(*)", "11"},  // arrays met by * are flattened
  };
  CHECK_JSONATA_TABLE(cases, kAddress);
  CHECK_JSONATA("**", R"({"a": {"b": 1}})", R"([{"a": {"b": 1}}, {"b": 1}, 1])");  // as jsonata-js: the context too
  CHECK_JSONATA("*", R"({"a": 1, "b": [2, 3]})", "[1, 2, 3]");
  CHECK_JSONATA("a.*", R"({"a": 5})", nullptr);
}

TEST_CASE("docs: the invoice document (home page examples)", "[jsonata][docs][paths]") {
  static const DocCase cases[] = {
      {"Account.`Account Name`", R"("Firefly")"},
      {"Account.Order[0].OrderID", R"("order103")"},
      {"Account.Order.OrderID", R"(["order103", "order104"])"},
      {"Account.Order[0].Product[0].Description.Colour", R"("Purple")"},
      {"Account.Order.Product.`Product Name`", R"(["Bowler Hat", "Trilby hat", "Bowler Hat", "Cloak"])"},
      {"Account.Order.Product.(Price * Quantity)", "[68.9, 21.67, 137.8, 107.99]"},
      {"$sum(Account.Order.Product.(Price * Quantity))", "336.36"},
      {"Account.Order.$sum(Product.(Price * Quantity))", "[90.57, 245.79]"},
      {"Account.Order.Product[Price > 30].SKU", R"(["0406654608", "040657863", "0406654603"])"},
      {"Account.Order.Product.Description.Weight", "[0.75, 0.6, 0.75, 2]"},
      {"Account.Order.Product[Quantity > 1].`Product Name`", R"(["Bowler Hat", "Bowler Hat"])"},
      {"Account.Order[OrderID='order104'].Product.ProductID", "[858383, 345664]"},
  };
  CHECK_JSONATA_TABLE(cases, kInvoice);
}

TEST_CASE("docs: object constructors and grouping", "[jsonata][docs][paths]") {
  static const DocCase cases[] = {
      {"Phone.{type: number}",
       R"([{"home": "0203 544 1234"}, {"office": "01962 001234"}, {"office": "01962 001235"}, {"mobile": "077 7700 1234"}])"},
      {"Phone{type: number}",
       R"({"home": "0203 544 1234", "office": ["01962 001234", "01962 001235"], "mobile": "077 7700 1234"})"},
      {"Phone{type: number[]}",
       R"({"home": ["0203 544 1234"], "office": ["01962 001234", "01962 001235"], "mobile": ["077 7700 1234"]})"},
      {"{'name': FirstName, 'city': Address.City}", R"({"name": "Fred", "city": "Winchester"})"},
      {"{'missing': Nothing, 'age': Age}", R"({"age": 28})"},
      {"Phone{type: $count(number)}", R"({"home": 1, "office": 2, "mobile": 1})"},
      {"{}", "{}"},
      {"[]", "[]"},
  };
  CHECK_JSONATA_TABLE(cases, kAddress);
}

TEST_CASE("docs: sorting, grouping and aggregation on the invoice", "[jsonata][docs][paths]") {
  static const DocCase cases[] = {
      {"Account.Order.Product^(Price).`Product Name`", R"(["Trilby hat", "Bowler Hat", "Bowler Hat", "Cloak"])"},
      {"Account.Order.Product^(>Price).`Product Name`", R"(["Cloak", "Bowler Hat", "Bowler Hat", "Trilby hat"])"},
      {"Account.Order.Product^(>Price, <Quantity).SKU", R"(["0406654603", "0406654608", "040657863", "0406634348"])"},
      {"Account.Order.Product^(>Price, >Quantity).Quantity", "[1, 4, 2, 1]"},
      {"Account.Order.Product^(`Product Name`).ProductID", "[858383, 858383, 345664, 858236]"},
      {"Account.Order.Product{`Product Name`: Price}",
       R"({"Bowler Hat": [34.45, 34.45], "Trilby hat": 21.67, "Cloak": 107.99})"},
      {"Account.Order.Product{`Product Name`: $.(Price * Quantity)}",
       R"({"Bowler Hat": [68.9, 137.8], "Trilby hat": 21.67, "Cloak": 107.99})"},
      {"Account.Order.Product{`Product Name`: $sum($.(Price * Quantity))}",
       R"({"Bowler Hat": 206.7, "Trilby hat": 21.67, "Cloak": 107.99})"},
      {"(Account.Order.Product{`Product Name`: Quantity}).`Bowler Hat`", "[2, 4]"},
      {"$sum(Account.Order.Product.Quantity)", "8"},
      {"$max(Account.Order.Product.Price)", "107.99"},
      {"$min(Account.Order.Product.Price)", "21.67"},
      {"$count(Account.Order.Product)", "4"},
      {"Account.Order.{ 'id': OrderID, 'total': $sum(Product.(Price * Quantity)) }",
       R"([{"id": "order103", "total": 90.57}, {"id": "order104", "total": 245.79}])"},
  };
  CHECK_JSONATA_TABLE(cases, kInvoice);
  CHECK_JSONATA("$^($)", "[3, 1, 2]", "[1, 2, 3]");
  CHECK_JSONATA("$^(>$)", R"(["b", "c", "a"])", R"(["c", "b", "a"])");
  // the sort is stable
  CHECK_JSONATA("$^(k).v", R"([{"k": 2, "v": "a"}, {"k": 1, "v": "b"}, {"k": 2, "v": "c"}, {"k": 1, "v": "d"}])",
                R"(["b", "d", "a", "c"])");
}

TEST_CASE("docs: parent operator %", "[jsonata][docs][paths]") {
  CHECK_JSONATA("Account.Order.Product.{ 'Product': `Product Name`, 'Order': %.OrderID, 'Account': %.%.`Account Name` }",
                kInvoice,
                R"([{"Product": "Bowler Hat", "Order": "order103", "Account": "Firefly"},
                    {"Product": "Trilby hat", "Order": "order103", "Account": "Firefly"},
                    {"Product": "Bowler Hat", "Order": "order104", "Account": "Firefly"},
                    {"Product": "Cloak", "Order": "order104", "Account": "Firefly"}])");
  CHECK_JSONATA("Account.Order.Product[Price > 100].%.OrderID", kInvoice, R"("order104")");
  CHECK_JSONATA("Account.Order.Product.Description[Colour='Orange'].%.`Product Name`", kInvoice,
                R"("Trilby hat")");
  CHECK_JSONATA("Address.City.%.%.Surname", kAddress, R"("Smith")");
}

TEST_CASE("docs: positional variable binding #", "[jsonata][docs][paths]") {
  CHECK_JSONATA("library.books#$i['Kernighan' in authors].{ 'title': title, 'index': $i }", kLibrary,
                R"([{"title": "The C Programming Language", "index": 1},
                    {"title": "The AWK Programming Language", "index": 2}])");
  CHECK_JSONATA("Phone#$i.{ 'n': $i, 'type': type }[n > 1].type", kAddress, R"(["office", "mobile"])");
  CHECK_JSONATA("Phone#$i[$i < 2].number", kAddress, R"(["0203 544 1234", "01962 001234"])");
  CHECK_JSONATA("Account.Order#$o.Product.{ 'order': $o, 'sku': SKU }", kInvoice,
                R"([{"order": 0, "sku": "0406654608"}, {"order": 0, "sku": "0406634348"},
                    {"order": 1, "sku": "040657863"}, {"order": 1, "sku": "0406654603"}])");
}

TEST_CASE("docs: context variable binding @ (joins)", "[jsonata][docs][paths]") {
  CHECK_JSONATA("library.loans@$l.books@$b[$l.isbn=$b.isbn].{ 'title': $b.title, 'customer': $l.customer }",
                kLibrary,
                R"([{"title": "Structure and Interpretation of Computer Programs", "customer": "10001"},
                    {"title": "Compilers: Principles, Techniques, and Tools", "customer": "10003"},
                    {"title": "Structure and Interpretation of Computer Programs", "customer": "10003"}])");
  CHECK_JSONATA(
      "library.loans@$L.books@$B[$L.isbn=$B.isbn].customers[$L.customer=id].{ 'customer': name, 'book': $B.title, "
      "'due': $L.return }",
      kLibrary,
      R"([{"customer": "Joe Doe", "book": "Structure and Interpretation of Computer Programs", "due": "2016-12-05"},
          {"customer": "Jason Arthur", "book": "Compilers: Principles, Techniques, and Tools", "due": "2016-10-22"},
          {"customer": "Jason Arthur", "book": "Structure and Interpretation of Computer Programs", "due": "2016-12-22"}])");
}

TEST_CASE("docs: path results are flattened, singletons unwrapped", "[jsonata][docs][paths]") {
  CHECK_JSONATA("a.b", R"({"a": [{"b": 1}, {"b": [2, 3]}, {"c": 4}]})", "[1, 2, 3]");
  CHECK_JSONATA("a.b", R"({"a": [{"b": 1}, {"c": 4}]})", "1");
  CHECK_JSONATA("a[].b", R"({"a": [{"b": 1}, {"c": 4}]})", "[1]");  // [] on any step keeps the result an array
  CHECK_JSONATA("a.b[]", R"({"a": [{"b": 1}, {"c": 4}]})", "[1]");
  CHECK_JSONATA("a.b", R"({"a": {"b": [[1, 2], [3]]}})", "[[1, 2], [3]]");
  CHECK_JSONATA("a.b.c", R"({"a": {"b": [{"c": [1, 2]}, {"c": [3]}]}})", "[1, 2, 3]");
  CHECK_JSONATA("a", R"({"a": []})", "[]");
  CHECK_JSONATA("a.x", R"({"a": []})", nullptr);
  CHECK_JSONATA("a.b", R"({"a": "text"})", nullptr);
  CHECK_JSONATA("`hello world`", R"({"hello world": 7})", "7");
  CHECK_JSONATA("\"quoted name\"", R"({"quoted name": 8})", R"("quoted name")");  // a string literal
}

TEST_CASE("docs: building result structures (JSON literals with embedded expressions)", "[jsonata][docs][paths]") {
  static const DocCase cases[] = {
      {"{ \"name\": FirstName & \" \" & Surname, \"mobile\": Phone[type = \"mobile\"].number }",
       R"({"name": "Fred Smith", "mobile": "077 7700 1234"})"},
      {"{ 'emails': Email.address[], 'count': $count(Email.address) }",
       R"({"emails": ["fred.smith@my-work.com", "fsmith@my-work.com", "freddy@my-social.com",
                      "frederic.smith@very-serious.com"], "count": 4})"},
      {"[{'a': Age}, [Address.City], 'x' & 1]", R"([{"a": 28}, ["Winchester"], "x1"])"},
      {"Email.{ 'kind': type, 'first': address[0] }",
       R"([{"kind": "work", "first": "fred.smith@my-work.com"}, {"kind": "home", "first": "freddy@my-social.com"}])"},
      {"{ 'phones': Phone.number ~> $join(', ') }",
       R"({"phones": "0203 544 1234, 01962 001234, 01962 001235, 077 7700 1234"})"},
  };
  CHECK_JSONATA_TABLE(cases, kAddress);
}

TEST_CASE("docs: a value is equivalent to a singleton array", "[jsonata][docs][paths]") {
  static const DocCase cases[] = {
      {"Address[0].City", R"("Winchester")"},
      {"Age[0]", "28"},
      {"Surname[-1]", R"("Smith")"},
      {"Surname[1]", nullptr},
      {"$count(Phone[type='mobile'])", "1"},
      {"Phone[type='mobile'][0].number", R"("077 7700 1234")"},
      {"[Surname][0]", R"("Smith")"},
  };
  CHECK_JSONATA_TABLE(cases, kAddress);
}
