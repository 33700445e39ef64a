// Helpers for tests that expect user errors: every one-line message a call or a render throws.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "asemu/core/error.h"
#include "asemu/layers/emulator.h"

namespace asemu::testing {

// The messages of the Error or ErrorList that `action` throws; empty when it throws none.
inline std::vector<std::string> errorsOf(const std::function<void()>& action) {
  try {
    action();
  } catch (const ErrorList& list) {
    std::vector<std::string> out;
    for (const auto& e : list.errors()) out.push_back(e.what());
    return out;
  } catch (const Error& e) {
    return {e.what()};
  }
  return {};
}

inline std::vector<std::string> renderErrors(const Emulator& emu) {
  return errorsOf([&] { emu.render(); });
}

}  // namespace asemu::testing
