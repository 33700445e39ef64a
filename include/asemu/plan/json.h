// The Plan's one stable serialized form. Field names are snake_case; addresses are strings.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "asemu/plan/plan.h"

namespace asemu::plan {

// Bumped when a field changes meaning; readers refuse other versions with a clear error.
inline constexpr int kPlanFormatVersion = 1;

nlohmann::json toJson(const Plan& plan);
// Throws asemu::Error naming the field on malformed input.
Plan planFromJson(const nlohmann::json& j);

std::string toJsonText(const Plan& plan, int indent = 2);
Plan planFromJsonText(const std::string& text);

}  // namespace asemu::plan
