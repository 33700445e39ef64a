// Names a node or network gets in a compose project.
//
// Container names and compose network names are the ones SEED's compiler gives, because SEED's
// Internet Map and users' scripts find containers by them (`docker exec
// as150h-host_0-10.150.0.71`). Service names only have to be unique and stable; they double as the
// per-node directory name.
#pragma once

#include <string>

#include "asemu/plan/plan.h"

namespace asemu::compile {

// As SEED names services: "hnode_150_host_0" for a host, "brdnode_180_router0" for a border
// router (one on an exchange or with a cross-connect), "rnode_2_r1" for any other router,
// "rs_ix_ix100" for a route server.
std::string composeServiceName(const plan::Node& node);

// "net_180_net0" for a local network, "net_ix_ix100" for an exchange, "net_xc_xc0" for a
// cross-connect (SEED's net_{scope}_{name}).
std::string composeNetworkName(const plan::Network& network);

// Any character outside [a-zA-Z0-9_.-] replaced by '_', as Docker requires.
std::string dockerSafeName(std::string name);

}  // namespace asemu::compile
