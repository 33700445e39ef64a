#include "asemu/runtime/node_lookup.h"

#include "asemu/core/error.h"

namespace asemu::runtime {

const plan::Node& resolveNode(const plan::Plan& plan, const std::string& query) {
  for (const auto& n : plan.nodes)
    if (n.id == query) return n;
  for (const auto& n : plan.nodes)
    if (plan::seedContainerName(n) == query) return n;

  std::vector<const plan::Node*> matches;
  for (const auto& n : plan.nodes)
    if (!query.empty() && (n.id.find(query) != std::string::npos ||
                           plan::seedContainerName(n).find(query) != std::string::npos))
      matches.push_back(&n);
  if (matches.size() == 1) return *matches.front();
  if (matches.empty()) {
    std::vector<std::string> ids;
    for (const auto& n : plan.nodes) ids.push_back(n.id);
    std::string message = "no node matches '" + query + "'";
    if (std::string close = closestMatch(query, ids); !close.empty())
      message += " (did you mean '" + close + "'?)";
    throw Error(plan.name, message);
  }
  std::string message = "'" + query + "' matches " + std::to_string(matches.size()) + " nodes:";
  for (size_t i = 0; i < matches.size(); ++i)
    message +=
        (i ? ", " : " ") + matches[i]->id + " (" + plan::seedContainerName(*matches[i]) + ")";
  throw Error(plan.name, message);
}

}  // namespace asemu::runtime
