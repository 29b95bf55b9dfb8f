// The Emulator's accounts and regions: each made on first use with its own services, IAM shared
// by an account's regions, all dropped by reset, and a bound on how many a client may make.
#include <catch2/catch.hpp>

#include "emulator/app/emulator.h"
#include "emulator/app/iam_binding.h"
#include "emulator/core/aws_error.h"
#include "emulator/stepfunctions/api/sfn_service.h"

using namespace stepsim;
using namespace stepsim::app;

namespace {
core::SimulationConfig manualClock() {
  core::SimulationConfig config;
  config.mode = core::ClockMode::Manual;
  return config;
}
}  // namespace

TEST_CASE("each account and region has its own services, seen from there") {
  Emulator emulator(manualClock());
  AccountRegion& home = emulator.defaultAccountRegion();
  AccountRegion& west = emulator.accountRegion("123456789012", "eu-west-1");
  AccountRegion& other = emulator.accountRegion("111122223333");
  CHECK(&emulator.accountRegion("123456789012") == &home);
  CHECK(&emulator.accountRegion("123456789012", "eu-west-1") == &west);
  CHECK(west.place().region == "eu-west-1");
  CHECK(other.place().region == "us-east-1");
  CHECK(other.place().account == "111122223333");
  CHECK(&west.sfn() != &home.sfn());
  CHECK(emulator.accountRegions().size() == 3);
  CHECK(emulator.accountRegions().front() == &home);
  // One clock for all.
  CHECK(&west.simulation().clock() == &emulator.simulation().clock());
}

TEST_CASE("IAM is one per account, kept in its home region") {
  Emulator emulator(manualClock());
  AccountRegion& west = emulator.accountRegion("111122223333", "eu-west-1");
  AccountRegion& east = emulator.accountRegion("111122223333");
  CHECK(east.isAccountHome());
  CHECK_FALSE(west.isAccountHome());
  CHECK(&identityStore(west) == &identityStore(east));
  CHECK(&identityStore(east) != &identityStore(emulator.defaultAccountRegion()));
  CHECK(identityStore(west).account() == "111122223333");
}

TEST_CASE("reset drops every account and region but the default") {
  Emulator emulator(manualClock());
  emulator.accountRegion("111122223333", "eu-west-1");
  emulator.reset();
  CHECK(emulator.accountRegions().size() == 1);
}

TEST_CASE("past the bound, a new account or region is refused and nothing is made") {
  Emulator emulator(manualClock());
  for (std::size_t i = 0; i < Emulator::kMaxAccountRegions; ++i)
    emulator.accountRegion(std::to_string(100000000000 + i));
  CHECK_THROWS_AS(emulator.accountRegion("999999999999"), core::AwsError);
  CHECK(emulator.accountRegions().size() == Emulator::kMaxAccountRegions + 1);
  // Those already made are still there.
  CHECK_NOTHROW(emulator.accountRegion("100000000000"));
}
