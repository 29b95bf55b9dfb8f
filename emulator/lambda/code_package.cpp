#include "emulator/lambda/code_package.h"

#include <openssl/evp.h>
#include <zip.h>

#include <array>
#include <fstream>
#include <memory>
#include <sys/stat.h>

#include "emulator/core/base64.h"
#include "emulator/lambda/errors.h"

namespace stepsim::lambda {

namespace {

constexpr std::string_view kUnzipError =
    "Could not unzip uploaded file. Please check your file, then try to upload again.";

// A path that would land outside the directory it is unpacked into.
bool escapes(std::string_view path) {
  if (path.empty()) return false;
  if (path[0] == '/' || path[0] == '\\') return true;
  if (path.size() >= 2 && path[1] == ':') return true;  // "C:..."
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find_first_of("/\\", start);
    if (end == std::string_view::npos) end = path.size();
    if (path.substr(start, end - start) == "..") return true;
    start = end + 1;
  }
  return false;
}

struct ZipCloser {
  void operator()(zip_t* archive) const { zip_discard(archive); }
};



using Archive = std::unique_ptr<zip_t, ZipCloser>;

// Opens `zip` for reading (the bytes must outlive the archive); nullptr when it is not a ZIP.
Archive openArchive(std::string_view zip) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(zip.data(), zip.size(), 0, &error);
  if (!source) {
    zip_error_fini(&error);
    throw std::runtime_error("libzip could not allocate a source");
  }
  Archive archive(zip_open_from_source(source, ZIP_RDONLY, &error));
  zip_error_fini(&error);
  if (!archive) zip_source_free(source);  // still ours when opening failed
  return archive;
}

}  // namespace

std::string sha256Base64(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr) != 1)
    throw std::runtime_error("SHA-256 failed");
  return core::encodeBase64(std::string_view(reinterpret_cast<const char*>(digest), length));
}

void checkZipPackage(std::string_view zip) {
  Archive archive = openArchive(zip);
  if (!archive) invalidParameter(std::string(kUnzipError));
  zip_int64_t entries = zip_get_num_entries(archive.get(), 0);
  for (zip_int64_t i = 0; i < entries; ++i) {
    const char* name = zip_get_name(archive.get(), static_cast<zip_uint64_t>(i), ZIP_FL_ENC_RAW);
    if (!name) invalidParameter(std::string(kUnzipError));
    if (escapes(name)) {
      std::string message(kUnzipError);
      message.append(" (entry '").append(shown(name));
      message.append("' would unpack outside the function's directory)");
      invalidParameter(std::move(message));
    }
  }
}

std::string decodeZipFile(std::string_view base64, std::string_view operation) {
  // 4 base64 characters carry 3 bytes: reject oversized packages before decoding them.
  if (base64.size() / 4 * 3 > kMaxZipFileBytes + 2)
    requestTooLarge("Request must be smaller than " + std::to_string(kMaxZipFileBytes) +
                    " bytes for the " + std::string(operation) + " operation");
  std::optional<std::string> bytes = core::decodeBase64(base64);
  if (!bytes) invalidParameter("ZipFile is not valid base64: " + std::string(kUnzipError));
  if (bytes->size() > kMaxZipFileBytes)
    requestTooLarge("Request must be smaller than " + std::to_string(kMaxZipFileBytes) +
                    " bytes for the " + std::string(operation) + " operation");
  checkZipPackage(*bytes);
  return std::move(*bytes);
}

void unzipPackage(std::string_view zip, const std::filesystem::path& directory) {
  Archive archive = openArchive(zip);
  if (!archive) throw std::runtime_error("the package is not a ZIP archive");
  std::filesystem::create_directories(directory);
  zip_int64_t entries = zip_get_num_entries(archive.get(), 0);
  std::vector<char> buffer(64 * 1024);
  for (zip_int64_t i = 0; i < entries; ++i) {
    auto index = static_cast<zip_uint64_t>(i);
    const char* name = zip_get_name(archive.get(), index, ZIP_FL_ENC_RAW);
    if (!name || escapes(name)) throw std::runtime_error("unsafe entry in the package");
    std::filesystem::path target = directory / name;
    if (std::string_view(name).ends_with('/')) {
      std::filesystem::create_directories(target);
      continue;
    }
    std::filesystem::create_directories(target.parent_path());
    std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> file(zip_fopen_index(archive.get(), index, 0),
                                                           zip_fclose);
    if (!file) throw std::runtime_error(std::string("cannot read '") + name + "' in the package");
    std::ofstream out(target, std::ios::binary | std::ios::trunc);
    zip_int64_t n;
    while ((n = zip_fread(file.get(), buffer.data(), buffer.size())) > 0)
      out.write(buffer.data(), n);
    if (n < 0 || !out) throw std::runtime_error(std::string("cannot unpack '") + name + "'");
    out.close();
    // Keep the execute bits of Unix-made archives (a provided runtime's `bootstrap` needs them).
    zip_uint8_t system = 0;
    zip_uint32_t attributes = 0;
    if (zip_file_get_external_attributes(archive.get(), index, 0, &system, &attributes) == 0 &&
        system == ZIP_OPSYS_UNIX && ((attributes >> 16) & 0111))
      chmod(target.c_str(), 0755);
  }
}

}  // namespace stepsim::lambda
