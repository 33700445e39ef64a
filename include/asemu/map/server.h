// `asemu map`: the HTTP and WebSocket server (Boost.Beast) in front of the API, the packet
// event streams and the node consoles.
#pragma once

#include <functional>
#include <string>

#include "asemu/map/emulation.h"

namespace asemu::map {

struct ServerOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;
  bool console = false;
  int threads = 2;
  // Called once the socket listens, with the URL to open (including the access token).
  std::function<void(const std::string& url)> on_listen;
};

// Serves until SIGINT or SIGTERM. Throws asemu::Error when the address cannot be bound.
void serve(Emulation& emulation, const ServerOptions& options);

}  // namespace asemu::map
