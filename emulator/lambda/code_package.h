#pragma once
// Deployment packages: the base64 ZipFile of a request decoded, checked to be a ZIP that unpacks
// safely, and identified by its SHA-256 as Lambda reports it.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace stepsim::lambda {

// Lambda's limit for a direct upload (ZipFile), decoded.
constexpr std::size_t kMaxZipFileBytes = 50 * 1024 * 1024;
// Lambda's limit for a function's code unzipped.
constexpr std::uintmax_t kMaxUnzippedCodeBytes = 262'144'000;

// base64 of the SHA-256 digest of `bytes` (FunctionConfiguration.CodeSha256).
std::string sha256Base64(std::string_view bytes);

// Throws InvalidParameterValueException when `zip` is not a ZIP archive or an entry has an
// absolute path or a ".." component (it would unpack outside its directory).
void checkZipPackage(std::string_view zip);

// ZipFile as the request carries it (base64) → the package bytes, checked: not base64 or not a
// safe ZIP → InvalidParameterValueException; over kMaxZipFileBytes → RequestTooLargeException.
std::string decodeZipFile(std::string_view base64, std::string_view operation);

// One file of an archive zipFiles writes: its name in the archive ("lib/util.py"), its bytes and
// its unix permission bits.
struct ZipEntry {
  std::string name;
  std::string bytes;
  std::uint32_t mode = 0644;
};

// A ZIP of `entries`, in the order given, with fixed timestamps: the same bytes for the same
// entries on every run. No entries gives emptyZipPackage(). Throws std::runtime_error when
// libzip refuses an entry (a second entry of one name) or the archive is over kMaxZipFileBytes.
std::string zipFiles(const std::vector<ZipEntry>& entries);

// A ZIP of every file under `directory` (paths relative to it, sorted, fixed timestamps, the
// executable bit kept; __pycache__ and .git skipped), the same bytes every time. A symbolic link
// to a file is packed as a copy of the file under the link's name. Throws std::runtime_error,
// saying why, when a file cannot be read, an entry is neither a file nor a link to one (a link
// to a directory, a dangling link, a socket), the files add up to more than
// kMaxUnzippedCodeBytes or the archive to more than kMaxZipFileBytes.
std::string zipDirectory(const std::filesystem::path& directory);

// A package with nothing in it: built-in fakes and scripted functions need one, not its contents.
std::string_view emptyZipPackage();

// Unpacks a checked package into `directory` (created if needed). Throws std::runtime_error.
void unzipPackage(std::string_view zip, const std::filesystem::path& directory);

}  // namespace stepsim::lambda
