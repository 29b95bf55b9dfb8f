// zipFiles writes the packages CloudFormation makes from inline source: deterministic bytes that
// unpack to the files given, with their modes.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "emulator/lambda/code_package.h"

namespace fs = std::filesystem;
using stepsim::lambda::checkZipPackage;
using stepsim::lambda::emptyZipPackage;
using stepsim::lambda::unzipPackage;
using stepsim::lambda::ZipEntry;
using stepsim::lambda::zipFiles;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    std::random_device seed;  // test scaffolding only: a unique name for a scratch directory
    path = fs::temp_directory_path() / ("stepsim-zip-files-test-" + std::to_string(seed()));
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

std::string read(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

TEST_CASE("zipFiles packs the entries given and unpacks to the same files") {
  TempDir out;
  std::string binary("a\0b\xff", 4);
  std::vector<ZipEntry> entries = {{"index.py", "def handler(e, c):\n  return e\n", 0644},
                                   {"lib/data.bin", binary, 0600},
                                   {"run.sh", "#!/bin/sh\n", 0755}};
  std::string zip = zipFiles(entries);
  checkZipPackage(zip);
  unzipPackage(zip, out.path);
  CHECK(read(out.path / "index.py") == "def handler(e, c):\n  return e\n");
  CHECK(read(out.path / "lib" / "data.bin") == binary);
  CHECK(read(out.path / "run.sh") == "#!/bin/sh\n");
}

TEST_CASE("zipFiles gives the same bytes for the same entries") {
  std::vector<ZipEntry> entries = {{"index.js", "exports.handler = async e => e;\n", 0644}};
  CHECK(zipFiles(entries) == zipFiles(entries));
  std::vector<ZipEntry> changed = {{"index.js", "exports.handler = async e => 1;\n", 0644}};
  CHECK(zipFiles(entries) != zipFiles(changed));
}

TEST_CASE("zipFiles keeps each entry's mode") {
  TempDir out;
  unzipPackage(zipFiles({{"tool", "#!/bin/sh\n", 0755}, {"plain.txt", "x", 0644}}), out.path);
  struct stat info {};
  REQUIRE(::stat((out.path / "tool").c_str(), &info) == 0);
  CHECK((info.st_mode & 0100) != 0);
  REQUIRE(::stat((out.path / "plain.txt").c_str(), &info) == 0);
  CHECK((info.st_mode & 0100) == 0);
}

TEST_CASE("zipFiles of nothing is the empty package; a repeated name is refused") {
  CHECK(zipFiles({}) == emptyZipPackage());
  CHECK_THROWS_AS(zipFiles({{"a.py", "1"}, {"a.py", "2"}}), std::runtime_error);
}
