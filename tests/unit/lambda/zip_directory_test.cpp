// zipDirectory packs a scenario's code directory. Links and limits are where it used to break: a
// link to a file made two entries of one name (libzip refused, the exception escaped).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>

#include "emulator/lambda/code_package.h"

namespace fs = std::filesystem;
using stepsim::lambda::unzipPackage;
using stepsim::lambda::zipDirectory;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    std::random_device seed;  // test scaffolding only: a unique name for a scratch directory
    path = fs::temp_directory_path() / ("stepsim-zip-test-" + std::to_string(seed()));
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

void write(const fs::path& file, const std::string& text) {
  fs::create_directories(file.parent_path());
  std::ofstream(file) << text;
}

std::string read(const fs::path& file) {
  std::ifstream in(file);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::string failure(const fs::path& directory) {
  try {
    zipDirectory(directory);
  } catch (const std::runtime_error& error) {
    return error.what();
  }
  return "";
}

}  // namespace

TEST_CASE("a link to a file is packed as the file under the link's name") {
  TempDir code, out;
  write(code.path / "app.py", "def handler(e, c): return 1\n");
  fs::create_symlink("app.py", code.path / "alias.py");
  write(code.path / "lib" / "util.py", "X = 2\n");
  fs::create_symlink("../app.py", code.path / "lib" / "again.py");
  std::string zip = zipDirectory(code.path);
  CHECK(zip == zipDirectory(code.path));  // the same bytes every time
  unzipPackage(zip, out.path);
  CHECK(read(out.path / "alias.py") == "def handler(e, c): return 1\n");
  CHECK(read(out.path / "lib" / "again.py") == read(out.path / "app.py"));
  CHECK_FALSE(fs::is_symlink(out.path / "alias.py"));
}

TEST_CASE("links to directories and dangling links are refused, saying which") {
  TempDir code, target;
  write(code.path / "app.py", "");
  fs::create_directory_symlink(target.path, code.path / "vendor");
  CHECK(failure(code.path) == "vendor is a symbolic link to no regular file; only files and links to files can be packed");
  fs::remove(code.path / "vendor");
  fs::create_symlink("missing.py", code.path / "gone.py");
  CHECK(failure(code.path).find("gone.py is a symbolic link to no regular file") == 0);
}

TEST_CASE("code over Lambda's unzipped limit is refused before it is read") {
  TempDir code;
  // A sparse file: the size counts, no disk is used.
  std::ofstream(code.path / "big.bin").close();
  fs::resize_file(code.path / "big.bin", stepsim::lambda::kMaxUnzippedCodeBytes + 1);
  CHECK(failure(code.path).find("more than 262144000 bytes") != std::string::npos);
}
