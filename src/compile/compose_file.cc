// The compose emitter: the typed records in the order compose users expect, written through the
// project's one YAML writer. Every string value is double-quoted, so label values such as "150"
// stay strings and addresses never read as numbers.
#include "compose_file.h"

#include "asemu/core/yaml_writer.h"

namespace asemu::compile {

namespace {

// Compose file format 3.8: the newest that both docker-compose 1.x and `docker stack deploy`
// read, and the first with every key used here (sysctls and cap_add in swarm, configs).
constexpr const char* kComposeVersion = "3.8";

// Compose replaces ${VAR} and $VAR in values by the environment's values and reads "$$" as one
// '$', so every '$' is doubled to keep the text as the plan has it.
std::string literal(const std::string& v) {
  std::string out;
  out.reserve(v.size());
  for (char c : v) {
    if (c == '$') out += '$';
    out += c;
  }
  return out;
}

class Writer {
 public:
  explicit Writer(YamlWriter& y) : y_(y) {}
  void open(const std::string& k) {
    y_.key(k);
    y_.beginMap();
  }
  void close() { y_.endMap(); }
  void string(const std::string& k, const std::string& v) {
    y_.key(k);
    value(v);
  }
  void value(const std::string& v) { y_.quotedString(literal(v)); }
  void map(const std::string& k, const KeyValues& kv) {
    if (kv.empty()) return;
    open(k);
    for (const auto& [name, v] : kv) string(name, v);
    close();
  }
  void list(const std::string& k, const std::vector<std::string>& items) {
    if (items.empty()) return;
    y_.key(k);
    y_.beginSeq();
    for (const auto& i : items) value(i);
    y_.endSeq();
  }
  YamlWriter& yaml() { return y_; }

 private:
  YamlWriter& y_;
};

void emitService(Writer& w, const ComposeService& s) {
  YamlWriter& y = w.yaml();
  w.open(s.name);
  if (s.build) w.string("build", *s.build);
  if (s.image) w.string("image", *s.image);
  if (s.container_name) w.string("container_name", *s.container_name);
  w.list("cap_add", s.cap_add);
  w.map("sysctls", s.sysctls);
  if (s.networks.empty()) {
    // Without networks compose would attach the default one, a way out of the emulation.
    w.string("network_mode", "none");
  } else {
    w.open("networks");
    for (const auto& a : s.networks) {
      if (a.ipv4_address) {
        w.open(a.network);
        w.string("ipv4_address", *a.ipv4_address);
        w.close();
      } else {
        y.key(a.network);
        y.emptyMap();
      }
    }
    w.close();
  }
  w.map("labels", s.labels);
  if (!s.configs.empty()) {
    y.key("configs");
    y.beginSeq();
    for (const auto& c : s.configs) {
      y.beginMap();
      w.string("source", c.source);
      w.string("target", c.target);
      y.endMap();
    }
    y.endSeq();
  }
  if (s.swarm) {
    w.open("deploy");
    y.key("replicas");
    y.integer(1);
    // No virtual IP: a service address would be taken from the placeholder subnet.
    w.string("endpoint_mode", "dnsrr");
    w.open("restart_policy");
    w.string("condition", "on-failure");
    w.close();
    if (!s.placement_constraints.empty()) {
      w.open("placement");
      w.list("constraints", s.placement_constraints);
      w.close();
    }
    w.close();
  }
  w.close();
}

void emitNetwork(Writer& w, const ComposeNetwork& n) {
  YamlWriter& y = w.yaml();
  w.open(n.name);
  w.string("driver", n.driver);
  if (n.attachable) {
    y.key("attachable");
    y.boolean(true);
  }
  if (n.internal) {
    y.key("internal");
    y.boolean(true);
  }
  w.map("driver_opts", n.driver_opts);
  w.open("ipam");
  y.key("config");
  y.beginSeq();
  y.beginMap();
  w.string("subnet", n.subnet);
  if (!n.gateway.empty()) w.string("gateway", n.gateway);
  y.endMap();
  y.endSeq();
  w.close();
  w.map("labels", n.labels);
  w.close();
}

// `key` and a map of `items`, {} when there are none (compose wants both sections).
template <class Item, class Emit>
void section(YamlWriter& y, const char* key, const std::vector<Item>& items, Emit emit) {
  y.key(key);
  if (items.empty()) {
    y.emptyMap();
    return;
  }
  y.beginMap();
  for (const auto& item : items) emit(item);
  y.endMap();
}

}  // namespace

std::string emitCompose(const ComposeProject& project) {
  YamlWriter y;
  y.comment(project.header_comment);
  Writer w(y);
  y.beginMap();
  w.string("version", kComposeVersion);
  section(y, "services", project.services, [&](const ComposeService& s) { emitService(w, s); });
  section(y, "networks", project.networks, [&](const ComposeNetwork& n) { emitNetwork(w, n); });
  if (!project.configs.empty()) {
    w.open("configs");
    for (const auto& c : project.configs) {
      w.open(c.name);
      w.string("file", c.file);
      w.close();
    }
    w.close();
  }
  y.endMap();
  return y.str();
}

}  // namespace asemu::compile
