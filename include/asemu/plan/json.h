// The Plan's one stable serialized form. Field names are snake_case; addresses are strings.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "asemu/plan/plan.h"

namespace asemu::plan {

// Bumped when a field changes meaning; readers refuse other versions with a clear error.
inline constexpr int kPlanFormatVersion = 1;

nlohmann::json toJson(const Plan& plan);
// Throws asemu::Error naming the field on malformed input. A well-formed plan is then checked
// as a whole: names follow the rules of core/names.h (node and network ids are two object names
// joined by '/', "as150/host_0"), session names follow sessionNameProblem, and every reference
// (an interface's network, OSPF and direct interfaces, a session's neighbor node) resolves. All
// problems are thrown together, each named by its JSON path
// ("plan.nodes[3].bird.sessions[0].name").
Plan planFromJson(const nlohmann::json& j);

// BIRD's symbols are at most 64 characters.
inline constexpr size_t kMaxSessionName = 64;

// Empty when `name` can name a BGP session, otherwise why not. The name becomes a BIRD protocol
// name, so BIRD's rule for symbols applies: a letter or '_', then letters, digits and '_'.
std::string sessionNameProblem(std::string_view name);

std::string toJsonText(const Plan& plan, int indent = 2);
Plan planFromJsonText(const std::string& text);
// The plan in the file at `path`; every error starts with the file's name, then the JSON path:
// "out/plan.json: plan.nodes[3].bird.sessions[0].name: ...".
Plan planFromJsonFile(const std::string& path);

}  // namespace asemu::plan
