#include "json_errors.h"

#include <CLI/CLI.hpp>
#include <iostream>
#include <nlohmann/json.hpp>

#include "asemu/core/error.h"

namespace asemu::cli {
namespace {

nlohmann::json errorJson(const Error& e) {
  nlohmann::json j = {{"object", e.object()}, {"message", e.message()}, {"text", e.what()}};
  if (e.where().known()) {
    j["file"] = e.where().file;
    j["line"] = e.where().line;
    j["column"] = e.where().column;
  }
  return j;
}

}  // namespace

void reportErrorsAsJson(const std::string& topology, const std::function<void()>& action) {
  std::vector<Error> errors;
  try {
    action();
    return;
  } catch (const ErrorList& e) {
    errors = e.errors();
  } catch (const Error& e) {
    errors.push_back(e);
  }
  nlohmann::json out = {{"ok", false}, {"topology", topology}, {"errors", nlohmann::json::array()}};
  for (const auto& e : errors) out["errors"].push_back(errorJson(e));
  std::cout << out.dump(2) << "\n";
  throw CLI::RuntimeError(1);
}

}  // namespace asemu::cli
