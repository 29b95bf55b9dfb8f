#include "emulator/console/console_assets.h"

#include <algorithm>

namespace stepsim::console {

const ConsoleAsset* findConsoleAsset(std::string_view path) {
  const auto& assets = consoleAssets();
  auto it = std::lower_bound(
      assets.begin(), assets.end(), path,
      [](const ConsoleAsset& asset, std::string_view p) { return asset.path < p; });
  return it != assets.end() && it->path == path ? &*it : nullptr;
}

}  // namespace stepsim::console
