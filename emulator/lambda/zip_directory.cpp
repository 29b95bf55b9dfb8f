// Packing a directory into a deployment package, for scenario files that point at real code.
#include <zip.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <sys/stat.h>
#include <vector>

#include "emulator/lambda/code_package.h"

namespace stepsim::lambda {

namespace fs = std::filesystem;

namespace {

constexpr time_t kFixedMtime = 1767225600;  // 2026-01-01: the same package bytes on every run

std::string readAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

bool skipped(const fs::path& relative) {
  for (const fs::path& part : relative)
    if (part == "__pycache__" || part == ".git") return true;
  return false;
}

}  // namespace

std::string_view emptyZipPackage() {
  static const std::string zip = std::string("PK\x05\x06", 4) + std::string(18, '\0');
  return zip;
}

std::string zipDirectory(const fs::path& directory) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(directory))
    if (entry.is_regular_file() && !skipped(fs::relative(entry.path(), directory)))
      files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  if (files.empty()) return std::string(emptyZipPackage());

  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* target = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_t* archive = target ? zip_open_from_source(target, ZIP_TRUNCATE, &error) : nullptr;
  zip_error_fini(&error);
  if (!archive) {
    if (target) zip_source_free(target);
    throw std::runtime_error("libzip could not create an archive");
  }
  zip_source_keep(target);  // read back after zip_close
  auto fail = [&](const std::string& why) -> std::runtime_error {
    zip_discard(archive);
    zip_source_free(target);
    return std::runtime_error(why);
  };
  for (const fs::path& file : files) {
    std::string bytes = readAll(file);
    void* copy = std::malloc(bytes.size() ? bytes.size() : 1);
    std::memcpy(copy, bytes.data(), bytes.size());
    zip_source_t* source = zip_source_buffer(archive, copy, bytes.size(), /*freep=*/1);
    if (!source) {
      std::free(copy);
      throw fail("libzip could not add " + file.string());
    }
    std::string name = fs::relative(file, directory).generic_string();
    zip_int64_t index = zip_file_add(archive, name.c_str(), source, ZIP_FL_ENC_UTF_8);
    if (index < 0) {
      zip_source_free(source);
      throw fail("libzip could not add " + name);
    }
    struct stat info {};
    ::stat(file.c_str(), &info);
    zip_file_set_mtime(archive, static_cast<zip_uint64_t>(index), kFixedMtime, 0);
    zip_file_set_external_attributes(archive, static_cast<zip_uint64_t>(index), 0, ZIP_OPSYS_UNIX,
                                     static_cast<zip_uint32_t>((S_IFREG | (info.st_mode & 0777)) << 16));
  }
  if (zip_close(archive) != 0) {
    zip_discard(archive);
    zip_source_free(target);
    throw std::runtime_error("libzip could not write the archive");
  }
  std::string out;
  zip_stat_t stat;
  if (zip_source_stat(target, &stat) == 0 && zip_source_open(target) == 0) {
    out.resize(stat.size);
    zip_int64_t got = zip_source_read(target, out.data(), stat.size);
    zip_source_close(target);
    out.resize(got < 0 ? 0 : static_cast<std::size_t>(got));
  }
  zip_source_free(target);
  return out;
}

}  // namespace stepsim::lambda
