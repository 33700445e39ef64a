// The example topology files (examples/*.yaml), compiled into the library by
// embed_examples.cmake so that the built-in examples work from any directory.
#pragma once

#include <cstddef>
#include <string_view>

namespace asemu::topo::detail {

struct EmbeddedFile {
  std::string_view name;  // the file's name under examples/: "ip-anycast.yaml"
  std::string_view text;
};

extern const EmbeddedFile kEmbeddedFiles[];
extern const size_t kEmbeddedFileCount;

}  // namespace asemu::topo::detail
