// User errors as JSON, for the verbs whose --json output a program reads: a failure is reported
// on stdout as {"ok": false, "topology": TOPO, "errors": [{"file", "line", "column", "object",
// "message", "text"}, ...]} (file, line and column when the error has a place), exit code 1.
#pragma once

#include <functional>
#include <string>

namespace asemu::cli {

// Runs `action`; when it throws asemu::Error or ErrorList, prints them as above and ends the verb
// with exit code 1.
void reportErrorsAsJson(const std::string& topology, const std::function<void()>& action);

}  // namespace asemu::cli
