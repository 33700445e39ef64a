// The message of the asemu::Error a call throws, for tests of one-line errors.
#pragma once

#include <functional>
#include <string>

#include "asemu/core/error.h"

namespace asemu::runtime::testing {

// What `f` throws as an Error, or "(no error)".
inline std::string errorOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace asemu::runtime::testing
