// The page's files, compiled into the binary from web/ (and the npm packages it uses) so that the
// map serves everything itself and the page never fetches from the internet.
#pragma once

#include <string_view>

namespace asemu::map {

struct Asset {
  std::string_view path;  // "/index.html", "/vendor/vis-network.min.js"
  std::string_view content_type;
  std::string_view bytes;
};

// nullptr when no file has that path; "/" is "/index.html".
const Asset* findAsset(std::string_view path);

}  // namespace asemu::map
