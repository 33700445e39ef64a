#include "asemu/runtime/node_lookup.h"

#include <functional>

#include "asemu/core/error.h"

namespace asemu::runtime {
namespace {

using Matches = std::vector<const plan::Node*>;

bool hasAddress(const plan::Node& n, const std::string& query) {
  for (const auto& i : n.interfaces)
    if (i.address.str() == query) return true;
  return n.loopback && n.loopback->str() == query;
}

Matches matching(const plan::Plan& plan, const std::function<bool(const plan::Node&)>& match) {
  Matches out;
  for (const auto& n : plan.nodes)
    if (match(n)) out.push_back(&n);
  return out;
}

[[noreturn]] void ambiguous(const plan::Plan& plan, const std::string& query, const Matches& m) {
  std::string message = "'" + query + "' matches " + std::to_string(m.size()) + " nodes:";
  for (size_t i = 0; i < m.size(); ++i)
    message += (i ? ", " : " ") + m[i]->id + " (" + plan::seedContainerName(*m[i]) + ")";
  throw Error(plan.name, message + "; give the node id");
}

}  // namespace

const plan::Node& resolveNode(const plan::Plan& plan, const std::string& query) {
  // Each level of exactness decides when it matches anything; a looser level is asked only
  // when the stricter ones match nothing.
  const std::vector<std::function<bool(const plan::Node&)>> levels = {
      [&](const plan::Node& n) { return n.id == query; },
      [&](const plan::Node& n) { return plan::seedContainerName(n) == query; },
      [&](const plan::Node& n) { return n.name == query || hasAddress(n, query); },
      [&](const plan::Node& n) {
        return !query.empty() && (n.id.find(query) != std::string::npos ||
                                  plan::seedContainerName(n).find(query) != std::string::npos);
      },
  };
  for (const auto& level : levels) {
    Matches m = matching(plan, level);
    if (m.size() == 1) return *m.front();
    if (m.size() > 1) ambiguous(plan, query, m);
  }
  std::vector<std::string> ids;
  for (const auto& n : plan.nodes) ids.push_back(n.id);
  std::string message = "no node matches '" + query + "'";
  if (std::string close = closestMatch(query, ids); !close.empty())
    message += " (did you mean '" + close + "'?)";
  throw Error(plan.name, message);
}

}  // namespace asemu::runtime
