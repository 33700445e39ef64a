// The compose emitter writes YAML itself rather than through yaml-cpp's Emitter, which needed
// about half a second for a 1,000-AS project; the subset used here (block maps and sequences of
// double-quoted strings, numbers and booleans) is small enough to write exactly. The tests parse
// every output back with yaml-cpp and run docker-compose on it.
#include "compose_file.h"

#include <sstream>

#include "asemu/core/error.h"

namespace asemu::compile {

namespace {

// Compose file format 3.8: the newest that both docker-compose 1.x and `docker stack deploy`
// read, and the first with every key used here (sysctls and cap_add in swarm, configs).
constexpr const char* kComposeVersion = "3.8";

// A YAML double-quoted scalar: only '"', '\' and control characters need escapes.
std::string quote(const std::string& s) {
  std::string q = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        q += "\\\"";
        break;
      case '\\':
        q += "\\\\";
        break;
      case '\n':
        q += "\\n";
        break;
      case '\t':
        q += "\\t";
        break;
      default:
        if (c < 0x20 || c == 0x7f) {
          const char* hex = "0123456789abcdef";
          q += "\\x";
          q += hex[c >> 4];
          q += hex[c & 15];
        } else {
          q += char(c);
        }
    }
  }
  return q + "\"";
}

// A value as compose reads it: compose replaces ${VAR} and $VAR by the environment's values
// and reads "$$" as one '$', so every '$' is doubled to keep the text as the plan has it.
std::string value(const std::string& v) {
  std::string out;
  out.reserve(v.size());
  for (char c : v) {
    if (c == '$') out += '$';
    out += c;
  }
  return quote(out);
}

// Keys stay plain when YAML cannot read them as anything but that string (no numbers, no
// YAML 1.1 booleans or nulls, which PyYAML-based docker-compose would convert).
std::string key(const std::string& k) {
  static const char* kReserved[] = {"y",     "Y",     "yes",  "Yes",  "YES",  "n",    "N",
                                    "no",    "No",    "NO",   "true", "True", "TRUE", "false",
                                    "False", "FALSE", "on",   "On",   "ON",   "off",  "Off",
                                    "OFF",   "null",  "Null", "NULL"};
  bool plain = !k.empty() && ((k[0] >= 'a' && k[0] <= 'z') || (k[0] >= 'A' && k[0] <= 'Z'));
  for (char c : k)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
          c == '.' || c == '-'))
      plain = false;
  for (const char* r : kReserved)
    if (k == r) plain = false;
  return plain ? k : quote(k);
}

class Writer {
 public:
  explicit Writer(std::ostringstream& out) : out_(out) {}
  void open(int depth, const std::string& k) { indent(depth) << key(k) << ":\n"; }
  void string(int depth, const std::string& k, const std::string& v) {
    indent(depth) << key(k) << ": " << value(v) << "\n";
  }
  void raw(int depth, const std::string& k, const std::string& v) {
    indent(depth) << key(k) << ": " << v << "\n";
  }
  void item(int depth, const std::string& v) { indent(depth) << "- " << value(v) << "\n"; }
  // The first key of a map that is a sequence item: "- key: value".
  void itemString(int depth, const std::string& k, const std::string& v) {
    indent(depth) << "- " << key(k) << ": " << value(v) << "\n";
  }
  void map(int depth, const std::string& k, const KeyValues& kv) {
    if (kv.empty()) return;
    open(depth, k);
    for (const auto& [name, value] : kv) string(depth + 1, name, value);
  }
  void list(int depth, const std::string& k, const std::vector<std::string>& items) {
    if (items.empty()) return;
    open(depth, k);
    for (const auto& i : items) item(depth + 1, i);
  }

 private:
  std::ostringstream& indent(int depth) {
    for (int i = 0; i < depth; ++i) out_ << "  ";
    return out_;
  }
  std::ostringstream& out_;
};

void emitService(Writer& w, const ComposeService& s) {
  w.open(1, s.name);
  if (s.build) w.string(2, "build", *s.build);
  if (s.image) w.string(2, "image", *s.image);
  if (s.container_name) w.string(2, "container_name", *s.container_name);
  w.list(2, "cap_add", s.cap_add);
  w.map(2, "sysctls", s.sysctls);
  if (s.networks.empty()) {
    // Without networks compose would attach the default one, a way out of the emulation.
    w.string(2, "network_mode", "none");
  } else {
    w.open(2, "networks");
    for (const auto& a : s.networks) {
      if (a.ipv4_address) {
        w.open(3, a.network);
        w.string(4, "ipv4_address", *a.ipv4_address);
      } else {
        w.raw(3, a.network, "{}");
      }
    }
  }
  w.map(2, "labels", s.labels);
  if (!s.configs.empty()) {
    w.open(2, "configs");
    for (const auto& c : s.configs) {
      w.itemString(3, "source", c.source);
      w.string(4, "target", c.target);
    }
  }
  if (s.swarm) {
    w.open(2, "deploy");
    w.raw(3, "replicas", "1");
    // No virtual IP: a service address would be taken from the placeholder subnet.
    w.string(3, "endpoint_mode", "dnsrr");
    w.open(3, "restart_policy");
    w.string(4, "condition", "on-failure");
    if (!s.placement_constraints.empty()) {
      w.open(3, "placement");
      w.list(4, "constraints", s.placement_constraints);
    }
  }
}

void emitNetwork(Writer& w, const ComposeNetwork& n) {
  w.open(1, n.name);
  w.string(2, "driver", n.driver);
  if (n.attachable) w.raw(2, "attachable", "true");
  // No route to the outside from any emulated network.
  w.raw(2, "internal", "true");
  w.open(2, "ipam");
  w.open(3, "config");
  w.itemString(4, "subnet", n.subnet);
  w.string(5, "gateway", n.gateway);
  w.map(2, "labels", n.labels);
}

}  // namespace

std::string emitCompose(const ComposeProject& project) {
  std::ostringstream out;
  std::istringstream comment(project.header_comment);
  // printable() keeps a comment line one line: YAML also ends lines at '\r' and NEL.
  for (std::string line; std::getline(comment, line);) out << "# " << printable(line) << "\n";
  Writer w(out);
  w.string(0, "version", kComposeVersion);
  if (project.services.empty())
    w.raw(0, "services", "{}");
  else
    w.open(0, "services");
  for (const auto& s : project.services) emitService(w, s);
  if (project.networks.empty())
    w.raw(0, "networks", "{}");
  else
    w.open(0, "networks");
  for (const auto& n : project.networks) emitNetwork(w, n);
  if (!project.configs.empty()) {
    w.open(0, "configs");
    for (const auto& c : project.configs) {
      w.open(1, c.name);
      w.string(2, "file", c.file);
    }
  }
  return out.str();
}

}  // namespace asemu::compile
