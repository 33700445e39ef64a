#include "asemu/map/capture.h"

#include <fcntl.h>
#include <net/if.h>
#include <pcap/pcap.h>
#include <sched.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <future>
#include <unordered_map>

#include "asemu/core/error.h"
#include "asemu/map/packet_summary.h"

namespace asemu::map {

namespace {

double unixNow(const timeval& tv) {
  return double(tv.tv_sec) + double(tv.tv_usec) / 1e6;
}

// The link type every capture uses; filters are checked against the same one.
constexpr int kLinkType = DLT_LINUX_SLL2;

}  // namespace

std::string filterProblem(const std::string& filter) {
  pcap_t* dead = pcap_open_dead(kLinkType, 65535);
  if (!dead) return "libpcap cannot open a capture handle";
  bpf_program prog{};
  std::string problem;
  if (pcap_compile(dead, &prog, filter.c_str(), 1, PCAP_NETMASK_UNKNOWN) != 0)
    problem = pcap_geterr(dead);
  else
    pcap_freecode(&prog);
  pcap_close(dead);
  return problem;
}

struct PacketFilter::Program {
  bpf_program code{};
  ~Program() { pcap_freecode(&code); }
};

PacketFilter::PacketFilter(const std::string& expression) : expression_(expression) {
  if (expression.empty()) return;
  pcap_t* dead = pcap_open_dead(kLinkType, 65535);
  if (!dead) throw Error("filter", "libpcap cannot open a capture handle");
  auto program = std::make_unique<Program>();
  if (pcap_compile(dead, &program->code, expression.c_str(), 1, PCAP_NETMASK_UNKNOWN) != 0) {
    std::string why = pcap_geterr(dead);
    pcap_close(dead);
    throw Error("filter", "invalid filter '" + expression + "': " + why);
  }
  pcap_close(dead);
  program_ = std::move(program);
}

PacketFilter::~PacketFilter() = default;

bool PacketFilter::matches(const Packet& p) const {
  if (!program_) return true;
  pcap_pkthdr h{};
  h.caplen = p.caplen;
  h.len = p.length;
  return pcap_offline_filter(&program_->code, &h, p.bytes) != 0;
}

struct Capture::Impl {
  CaptureOptions options;
  std::vector<runtime::Port> ports;
  PacketSink sink;
  std::thread thread;
  std::atomic<bool> stopping{false};
  std::atomic<pcap_t*> handle{nullptr};
  std::unordered_map<uint32_t, const runtime::Port*> byIndex;
  std::atomic<uint64_t> packets{0}, unmatched{0}, kernelDrops{0};

  void open(std::promise<void>& opened);
  void run();
  void onPacket(const pcap_pkthdr* h, const u_char* bytes);
};

void Capture::Impl::open(std::promise<void>& opened) {
  std::string path = "/run/netns/" + options.netns;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    throw Error(options.netns,
                std::string("cannot open the fabric namespace: ") + std::strerror(errno));
  // setns() changes the namespace of this thread only: the capture socket is made inside the
  // fabric while the server's threads stay where they are.
  int rc = setns(fd, CLONE_NEWNET);
  int err = errno;
  ::close(fd);
  if (rc != 0)
    throw Error(options.netns,
                std::string("cannot enter the fabric namespace: ") + std::strerror(err));
  for (const auto& p : ports)
    if (unsigned idx = if_nametoindex(p.port.c_str())) byIndex[idx] = &p;

  char err_buf[PCAP_ERRBUF_SIZE] = {};
  pcap_t* h = pcap_create("any", err_buf);
  if (!h) throw Error("capture", err_buf);
  pcap_set_snaplen(h, options.snaplen);
  pcap_set_buffer_size(h, options.buffer_bytes);
  pcap_set_timeout(h, 50);
  if (int st = pcap_activate(h); st < 0) {
    std::string msg =
        st == PCAP_ERROR_PERM_DENIED ? "permission denied (run as root)" : pcap_geterr(h);
    pcap_close(h);
    throw Error("capture", msg);
  }
  if (pcap_set_datalink(h, kLinkType) != 0) {
    std::string msg = pcap_geterr(h);
    pcap_close(h);
    throw Error("capture", "cannot use the LINUX_SLL2 link type: " + msg);
  }
  bpf_program prog{};
  if (pcap_compile(h, &prog, options.filter.c_str(), 1, PCAP_NETMASK_UNKNOWN) != 0) {
    std::string msg = pcap_geterr(h);
    pcap_close(h);
    throw Error("filter", msg);
  }
  int setRc = pcap_setfilter(h, &prog);
  pcap_freecode(&prog);
  if (setRc != 0) {
    std::string msg = pcap_geterr(h);
    pcap_close(h);
    throw Error("filter", msg);
  }
  handle = h;
  opened.set_value();
}

void Capture::Impl::onPacket(const pcap_pkthdr* h, const u_char* bytes) {
  auto sll = decodeSll2(bytes, h->caplen);
  if (!sll) return;
  auto it = byIndex.find(sll->ifindex);
  if (it == byIndex.end()) {
    ++unmatched;
    return;
  }
  ++packets;
  const runtime::Port& port = *it->second;
  Event e;
  e.time = unixNow(h->ts);
  e.node = port.node;
  e.network = port.network;
  e.interface = port.interface;
  e.to_node = sll->toNode();
  e.summary = summarizePacket(sll->protocol, sll->payload, sll->length);
  sink(std::move(e), Packet{bytes, h->caplen, h->len});
}

void Capture::Impl::run() {
  pcap_t* h = handle;
  auto callback = [](u_char* self, const pcap_pkthdr* hdr, const u_char* bytes) {
    reinterpret_cast<Impl*>(self)->onPacket(hdr, bytes);
  };
  while (!stopping) {
    int n = pcap_dispatch(h, -1, callback, reinterpret_cast<u_char*>(this));
    if (n == PCAP_ERROR) break;  // the device went away (emulation stopped)
  }
  pcap_stat st{};
  if (pcap_stats(h, &st) == 0) kernelDrops = st.ps_drop;
}

Capture::Capture(CaptureOptions options, std::vector<runtime::Port> ports, PacketSink sink)
    : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  impl_->ports = std::move(ports);
  impl_->sink = std::move(sink);
  std::promise<void> opened;
  std::future<void> ready = opened.get_future();
  Impl* impl = impl_.get();
  impl_->thread = std::thread([impl, &opened] {
    try {
      impl->open(opened);
    } catch (...) {
      opened.set_exception(std::current_exception());
      return;
    }
    impl->run();
  });
  try {
    ready.get();
  } catch (...) {
    impl_->thread.join();
    throw;
  }
}

Capture::~Capture() {
  stop();
  if (pcap_t* h = impl_->handle.exchange(nullptr)) pcap_close(h);
}

void Capture::stop() {
  if (!impl_->stopping.exchange(true))
    if (pcap_t* h = impl_->handle.load()) pcap_breakloop(h);
  if (impl_->thread.joinable()) impl_->thread.join();
}

CaptureStats Capture::stats() const {
  return {impl_->packets.load(), impl_->unmatched.load(), impl_->kernelDrops.load()};
}

}  // namespace asemu::map
