// Writing deployment packages: from a list of files (CloudFormation's inline ZipFile source), or
// from a directory, for scenario files that point at real code.
#include <zip.h>

#include <sys/stat.h>
#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>
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

struct PackedFile {
  fs::path path;     // where to read it (a link is read through)
  std::string name;  // its name in the archive: its path under the directory, as listed
};

// Every file to pack, sorted by name. A symbolic link to a file is packed as that file under the
// link's own name (as `zip` does by default); a link to a directory, a dangling link or anything
// else that is not a regular file is refused, and so is more than Lambda unpacks (250 MB).
std::vector<PackedFile> filesToPack(const fs::path& directory) {
  std::vector<PackedFile> files;
  std::uintmax_t total = 0;
  for (const auto& entry : fs::recursive_directory_iterator(directory)) {
    fs::path relative = entry.path().lexically_relative(directory);
    if (skipped(relative)) continue;
    std::error_code ec;
    if (entry.is_directory(ec) && !entry.is_symlink(ec)) continue;
    if (!entry.is_regular_file(ec))
      throw std::runtime_error(relative.generic_string() +
                               (entry.is_symlink(ec) ? " is a symbolic link to no regular file"
                                                     : " is not a regular file") +
                               "; only files and links to files can be packed");
    total += entry.file_size(ec);
    if (total > kMaxUnzippedCodeBytes)
      throw std::runtime_error("the files come to more than " +
                               std::to_string(kMaxUnzippedCodeBytes) +
                               " bytes, Lambda's limit for unzipped code");
    files.push_back({entry.path(), relative.generic_string()});
  }
  std::sort(files.begin(), files.end(),
            [](const PackedFile& a, const PackedFile& b) { return a.name < b.name; });
  return files;
}

// Adds `entry` to `archive` with the fixed timestamp and its mode; false when libzip refuses.
bool addEntry(zip_t* archive, const ZipEntry& entry) {
  // Not copied: libzip reads the bytes at zip_close, while `entry` is still the caller's.
  zip_source_t* source =
      zip_source_buffer(archive, entry.bytes.data(), entry.bytes.size(), /*freep=*/0);
  if (!source) return false;
  zip_int64_t index = zip_file_add(archive, entry.name.c_str(), source, ZIP_FL_ENC_UTF_8);
  if (index < 0) {
    zip_source_free(source);
    return false;
  }
  auto at = static_cast<zip_uint64_t>(index);
  zip_file_set_mtime(archive, at, kFixedMtime, 0);
  zip_file_set_external_attributes(
      archive, at, 0, ZIP_OPSYS_UNIX,
      static_cast<zip_uint32_t>((S_IFREG | (entry.mode & 0777)) << 16));
  return true;
}

// The bytes libzip wrote into `target`, an in-memory source.
std::string writtenBytes(zip_source_t* target) {
  std::string out;
  zip_stat_t stat;
  if (zip_source_stat(target, &stat) == 0 && zip_source_open(target) == 0) {
    out.resize(stat.size);
    zip_int64_t got = zip_source_read(target, out.data(), stat.size);
    zip_source_close(target);
    out.resize(got < 0 ? 0 : static_cast<std::size_t>(got));
  }
  return out;
}

}  // namespace

std::string_view emptyZipPackage() {
  static const std::string zip = std::string("PK\x05\x06", 4) + std::string(18, '\0');
  return zip;
}

std::string zipFiles(const std::vector<ZipEntry>& entries) {
  if (entries.empty()) return std::string(emptyZipPackage());

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
  for (const ZipEntry& entry : entries)
    if (!addEntry(archive, entry)) throw fail("libzip could not add " + entry.name);
  if (zip_close(archive) != 0) throw fail("libzip could not write the archive");
  std::string out = writtenBytes(target);
  zip_source_free(target);
  if (out.size() > kMaxZipFileBytes)
    throw std::runtime_error("the package is " + std::to_string(out.size()) +
                             " bytes zipped, over Lambda's limit of " +
                             std::to_string(kMaxZipFileBytes) + " for a direct upload");
  return out;
}

std::string zipDirectory(const fs::path& directory) {
  std::vector<ZipEntry> entries;
  for (const PackedFile& packed : filesToPack(directory)) {
    struct stat info {};
    ::stat(packed.path.c_str(), &info);  // through a link: the file's own mode
    entries.push_back(
        {packed.name, readAll(packed.path), static_cast<std::uint32_t>(info.st_mode)});
  }
  return zipFiles(entries);
}

}  // namespace stepsim::lambda
