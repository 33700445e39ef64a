// The one way asemu writes YAML (topology files, compose projects).
//
// It is yaml-cpp's Emitter, so escaping is yaml-cpp's and no text can leave its scalar. On top of
// it, one rule decides which strings are written plain: only those YAML reads back as exactly that
// string, never as a number, a boolean or null (PyYAML, which docker-compose uses, reads YAML 1.1
// words such as `yes` and `off` as booleans).
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace YAML {
class Emitter;
}

namespace asemu {

class YamlWriter {
 public:
  YamlWriter();
  ~YamlWriter();
  YamlWriter(const YamlWriter&) = delete;
  YamlWriter& operator=(const YamlWriter&) = delete;

  // '#' lines before the document, one per line of `text`, each kept on its line.
  void comment(std::string_view text);

  // Block collections by default; `flow` writes {a: 1, b: 2} and [a, b].
  void beginMap(bool flow = false);
  void endMap();
  void beginSeq(bool flow = false);
  void endSeq();

  void key(const std::string& k);           // the next map key; quoted when it needs to be
  void string(const std::string& s);        // plain when safe, double-quoted otherwise
  void quotedString(const std::string& s);  // always double-quoted
  void integer(long long n);
  void number(double d);  // the shortest text that reads back as `d`
  void boolean(bool b);
  // An empty flow map, {}.
  void emptyMap();

  // The document so far (comments first), ending with a newline.
  std::string str() const;

 private:
  std::string comments_;
  std::unique_ptr<YAML::Emitter> out_;
};

// True when `s` can be written as a plain YAML scalar and read back as that same string.
bool isPlainYamlString(std::string_view s);

}  // namespace asemu
