#pragma once
// The credentials a function's real code runs with. On AWS they are temporary credentials of the
// function's execution role, so every call the code makes is that role's; the composition root
// issues them the same way (through STS's session store), and calls signed with them are checked
// against the role when permission checks are on.
#include <functional>
#include <string>

namespace stepsim::lambda {

struct RoleCredentials {
  std::string accessKeyId, secretAccessKey, sessionToken;
};

// Issues credentials for `roleArn`, the session named after the function, as Lambda names it.
using CredentialIssuer =
    std::function<RoleCredentials(const std::string& roleArn, const std::string& functionName)>;

}  // namespace stepsim::lambda
