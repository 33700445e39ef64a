# Writes a C++ source holding the given files as byte arrays (see embedded_examples.h).
# Run as: cmake -DOUTPUT=file.cc -DINPUTS="a.yaml;b.yaml" -P embed_examples.cmake
# Every byte is written as an escape, so that no file content can end the literal early.
set(arrays "")
set(entries "")
set(index 0)
foreach(input IN LISTS INPUTS)
  get_filename_component(name "${input}" NAME)
  file(READ "${input}" hex HEX)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "\\\\x\\1" bytes "${hex}")
  # 16 bytes per line.
  string(REGEX REPLACE "(................................................................)"
         "\\1\"\n    \"" bytes "${bytes}")
  string(LENGTH "${hex}" hexLength)
  math(EXPR size "${hexLength} / 2")
  string(APPEND arrays "const char kFile${index}[] =\n    \"${bytes}\";\n")
  string(APPEND entries "    {\"${name}\", std::string_view(kFile${index}, ${size})},\n")
  math(EXPR index "${index} + 1")
endforeach()
file(WRITE "${OUTPUT}.tmp" "// Generated from examples/*.yaml by src/topo/embed_examples.cmake; do not edit.
#include \"embedded_examples.h\"

namespace asemu::topo::detail {
namespace {
${arrays}}  // namespace

const EmbeddedFile kEmbeddedFiles[] = {
${entries}};
const size_t kEmbeddedFileCount = ${index};

}  // namespace asemu::topo::detail
")
# Only touch the output when it changed, so that an unrelated reconfigure rebuilds nothing.
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different "${OUTPUT}.tmp" "${OUTPUT}")
file(REMOVE "${OUTPUT}.tmp")
