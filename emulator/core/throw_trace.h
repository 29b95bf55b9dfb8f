#pragma once
// Where an unexpected exception was thrown. A handler boundary that catches something it did not
// expect answers 500 and logs it; the stack at the catch says little, the stack at the throw says
// where the bug is. The stepsim executable links with -Wl,--wrap=__cxa_throw, so every throw
// compiled into it (ours and header-only libraries' such as nlohmann's) records the thread's
// return addresses first (about a microsecond). Throws from inside shared libraries
// (libstdc++'s std::out_of_range, bad_alloc) and programs linked without the wrap record nothing.
//
//   catch (const std::exception& error) {
//     spdlog::error("internal error: {}\n{}", describeException(error), lastThrowStack());
//   }
#include <exception>
#include <string>

namespace stepsim::core {

// The stack recorded at this thread's most recent throw, one frame a line
// ("  #3 emulator/app/emulator.cpp:120 (stepsim::app::Emulator::dispatch(...))"), symbolized with
// addr2line when it is installed, as "binary+0xOFFSET" otherwise; empty when nothing was recorded.
std::string lastThrowStack();

// "<demangled dynamic type>: <what()>" of a caught exception.
std::string describeException(const std::exception& error);

}  // namespace stepsim::core
