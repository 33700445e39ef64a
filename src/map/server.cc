// The map's network side. Every connection is a strand-bound session. Each request passes the
// gate (Host, Origin, access token: access.h) first; plain HTTP requests are then answered by
// Api (or from the embedded files), WebSocket upgrades become an event stream (a client of the
// one shared capture, EventHub) or a console (one shell on a pty per connection).
#include "asemu/map/server.h"

#include <signal.h>
#include <unistd.h>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>
#include <deque>
#include <iostream>
#include <memory>
#include <thread>

#include "asemu/core/error.h"
#include "asemu/map/api.h"
#include "asemu/map/assets.h"
#include "asemu/map/capture.h"
#include "asemu/map/console.h"
#include "asemu/map/hub.h"

namespace asemu::map {

namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using tcp = net::ip::tcp;

using HttpRequest = http::request<http::string_body>;
using HttpResponse = http::response<http::string_body>;
using WebSocket = websocket::stream<beast::tcp_stream>;

constexpr auto kFlushInterval = std::chrono::milliseconds(100);

Request toRequest(const HttpRequest& req) {
  Request r;
  r.method = std::string(req.method_string());
  r.target = std::string(req.target());
  for (const auto& field : req) {
    std::string name(field.name_string());
    for (char& c : name) c = char(std::tolower(static_cast<unsigned char>(c)));
    r.headers[name] = std::string(field.value());
  }
  r.body = req.body();
  return r;
}

HttpResponse toHttp(const Response& r, const HttpRequest& req) {
  HttpResponse res{static_cast<http::status>(r.status), req.version()};
  res.set(http::field::server, "asemu-map");
  res.set(http::field::content_type, r.content_type);
  res.set(http::field::cache_control, "no-store");
  res.set("X-Content-Type-Options", "nosniff");
  for (const auto& [k, v] : r.headers) res.set(k, v);
  res.keep_alive(req.keep_alive());
  res.body() = r.body;
  res.prepare_payload();
  return res;
}

struct Shared {
  Emulation& emulation;
  Api api;
  EventHub hub;
  Gate gate;  // set once the socket listens, before the first connection
};

// --- WebSocket streams -------------------------------------------------------------------

// A WebSocket with a queue of outgoing messages (Beast allows one write at a time) and a reader
// that takes messages of any size in pieces and hands on at most kMaxMessageBytes + 1 bytes of
// each, so that a huge message is answered like any other bad one.
class Channel : public std::enable_shared_from_this<Channel> {
 public:
  explicit Channel(tcp::socket&& socket) : ws_(std::move(socket)) {}
  virtual ~Channel() = default;

  void accept(HttpRequest req) {
    ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
    ws_.async_accept(req, [self = shared_from_this()](beast::error_code ec) {
      if (!ec) self->onOpen();
    });
  }

 protected:
  virtual void onOpen() = 0;
  virtual void onMessage(const std::string& text) = 0;
  virtual void onClosed() {}
  virtual void onSent() {}

  // Queues a message; replies to a client that does not read are dropped past a bound.
  void send(std::string text, bool binary = false) {
    if (closing_ || queue_.size() >= kMaxQueued) return;
    queue_.push_back({std::move(text), binary});
    if (queue_.size() == 1) writeNext();
  }
  // Sends what is queued, then closes with `code`.
  void closeAfterSending(websocket::close_code code) {
    if (closing_) return;
    closing_ = true;
    closeCode_ = code;
    if (queue_.empty()) closeNow();
  }
  size_t queued() const { return queue_.size(); }
  void readMessages() {
    ws_.async_read_some(in_, 16384, [self = shared_from_this()](beast::error_code ec, size_t) {
      if (ec) {
        self->closed_ = true;
        self->onClosed();
        return;
      }
      size_t room = kMaxMessageBytes + 1 - std::min(self->message_.size(), kMaxMessageBytes + 1);
      std::string piece = beast::buffers_to_string(self->in_.data());
      self->message_.append(piece, 0, std::min(room, piece.size()));
      self->in_.consume(self->in_.size());
      if (self->ws_.is_message_done()) {
        std::string text = std::move(self->message_);
        self->message_.clear();
        self->onMessage(text);
      }
      self->readMessages();
    });
  }

  WebSocket ws_;
  bool closed_ = false;

 private:
  static constexpr size_t kMaxQueued = 64;

  void writeNext() {
    ws_.binary(queue_.front().second);
    ws_.async_write(net::buffer(queue_.front().first),
                    [self = shared_from_this()](beast::error_code ec, size_t) {
                      if (ec) {
                        self->closed_ = true;
                        self->queue_.clear();
                        return;
                      }
                      self->queue_.pop_front();
                      if (!self->queue_.empty()) return self->writeNext();
                      if (self->closing_) return self->closeNow();
                      self->onSent();
                    });
  }
  void closeNow() {
    ws_.async_close(closeCode_, [self = shared_from_this()](beast::error_code) {});
  }

  std::deque<std::pair<std::string, bool>> queue_;
  bool closing_ = false;
  websocket::close_code closeCode_ = websocket::close_code::normal;
  beast::flat_buffer in_;
  std::string message_;
};

// --- event stream -------------------------------------------------------------------------

class EventsSession : public Channel {
 public:
  EventsSession(tcp::socket&& socket, Shared& shared)
      : Channel(std::move(socket)), shared_(shared), timer_(ws_.get_executor()) {}

  void start(HttpRequest req) {
    filter_ = parseTarget(std::string(req.target())).query["filter"];
    accept(std::move(req));
  }

 private:
  std::shared_ptr<EventsSession> self() {
    return std::static_pointer_cast<EventsSession>(shared_from_this());
  }

  void onOpen() override {
    try {
      subscription_ = shared_.hub.subscribe(filter_);
    } catch (const Error& e) {
      send(errorMessage(e.what()));
      closeAfterSending(websocket::close_code::try_again_later);
      return;
    }
    send(nlohmann::json{{"type", "ready"}, {"filter", filter_}}.dump());
    readMessages();
    scheduleFlush();
  }

  void onMessage(const std::string&) override {
    send(errorMessage(
        "the event stream takes no messages: connect with ?filter=EXPR to choose the packets"));
  }

  void onClosed() override {
    timer_.cancel();
    subscription_.reset();
  }

  void scheduleFlush() {
    if (closed_) return;
    timer_.expires_after(kFlushInterval);
    timer_.async_wait([self = self()](beast::error_code ec) {
      if (ec || self->closed_) return;
      // A page that reads slowly gets fewer, fuller batches: the aggregator caps each.
      if (self->queued() == 0) {
        Batch b = self->subscription_->events().flush();
        if (!b.events.empty() || b.dropped != 0) {
          nlohmann::json events = nlohmann::json::array();
          for (const auto& e : b.events) events.push_back(toJson(e));
          self->send(nlohmann::json{{"type", "events"},
                                    {"events", events},
                                    {"packets", b.packets},
                                    {"dropped", b.dropped}}
                         .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
        }
      }
      self->scheduleFlush();
    });
  }

  Shared& shared_;
  net::steady_timer timer_;
  std::string filter_;
  std::unique_ptr<EventHub::Subscription> subscription_;
};

// --- console ------------------------------------------------------------------------------

class ConsoleSession : public Channel {
 public:
  ConsoleSession(tcp::socket&& socket, Shared& shared)
      : Channel(std::move(socket)), shared_(shared), pty_(ws_.get_executor()) {}

  void start(HttpRequest req) {
    node_ = &shared_.api.node(parseTarget(std::string(req.target())).query["node"]);
    accept(std::move(req));
  }

  ~ConsoleSession() override {
    // The Console owns the descriptor and closes it.
    if (pty_.is_open()) pty_.release();
  }

 private:
  std::shared_ptr<ConsoleSession> self() {
    return std::static_pointer_cast<ConsoleSession>(shared_from_this());
  }

  void onOpen() override {
    try {
      console_ = std::make_unique<Console>(shared_.emulation, *node_);
    } catch (const Error& e) {
      send(errorMessage(e.what()));
      closeAfterSending(websocket::close_code::internal_error);
      return;
    }
    pty_.assign(console_->fd());
    readPty();
    readMessages();
  }

  void readPty() {
    pty_.async_read_some(net::buffer(ptyBuf_), [self = self()](beast::error_code ec, size_t n) {
      if (ec) {  // the shell ended
        self->closeAfterSending(websocket::close_code::normal);
        return;
      }
      self->send(std::string(self->ptyBuf_.data(), n), true);
      // Output waits in the pty while the page is behind.
      if (self->queued() < 4)
        self->readPty();
      else
        self->ptyPaused_ = true;
    });
  }

  void onSent() override {
    if (ptyPaused_) {
      ptyPaused_ = false;
      readPty();
    }
  }

  void onMessage(const std::string& text) override {
    ConsoleMessage m = parseConsoleMessage(text);
    if (m.kind == ConsoleMessage::Input) {
      typeIn(std::move(m.data));
    } else if (m.kind == ConsoleMessage::Resize) {
      console_->resize(m.cols, m.rows);
    } else {
      send(errorMessage(m.error));
    }
  }

  // Input goes to the shell without blocking the server: a shell that does not read (busy, or
  // stopped) holds up its own input only, up to a bound past which input is refused.
  void typeIn(std::string data) {
    if (inputBytes_ + data.size() > kMaxPendingInput) {
      send(errorMessage("input dropped: the shell has not read the last " +
                        std::to_string(inputBytes_) + " bytes yet"));
      return;
    }
    inputBytes_ += data.size();
    input_.push_back(std::move(data));
    if (input_.size() == 1) writeInput();
  }
  void writeInput() {
    net::async_write(pty_, net::buffer(input_.front()),
                     [self = self()](beast::error_code ec, size_t) {
                       self->inputBytes_ -= self->input_.front().size();
                       self->input_.pop_front();
                       if (ec) {
                         self->input_.clear();
                         self->inputBytes_ = 0;
                         return;
                       }
                       if (!self->input_.empty()) self->writeInput();
                     });
  }

  static constexpr size_t kMaxPendingInput = 1 << 20;

  Shared& shared_;
  const plan::Node* node_ = nullptr;
  std::unique_ptr<Console> console_;
  std::deque<std::string> input_;
  size_t inputBytes_ = 0;
  net::posix::stream_descriptor pty_;
  std::array<char, 8192> ptyBuf_{};
  bool ptyPaused_ = false;
};

// --- plain HTTP ---------------------------------------------------------------------------

class HttpSession : public std::enable_shared_from_this<HttpSession> {
 public:
  HttpSession(tcp::socket&& socket, Shared& shared) : stream_(std::move(socket)), shared_(shared) {}

  void start() { read(); }

 private:
  void read() {
    req_ = {};
    stream_.expires_after(std::chrono::seconds(60));
    http::async_read(stream_, buffer_, req_,
                     beast::bind_front_handler(&HttpSession::onRead, shared_from_this()));
  }

  void onRead(beast::error_code ec, size_t) {
    if (ec == http::error::body_limit || ec == http::error::header_limit) {
      req_.keep_alive(false);
      return write(errorResponse(413, "request too large (headers up to 8 KiB, body up to 1 MiB)"));
    }
    if (ec) return;
    // Nothing a client sends may end the server: every step that reads the request is inside.
    try {
      Request r = toRequest(req_);
      r.upgrade = websocket::is_upgrade(req_);
      // Host, Origin and the token, before anything else looks at the request.
      if (auto refused = admit(shared_.gate, r)) return write(*refused);
      if (r.upgrade) {
        if (auto denied = shared_.api.checkUpgrade(r)) return write(*denied);
        stream_.expires_never();
        Target t = parseTarget(r.target);
        if (t.path == "/api/events")
          std::make_shared<EventsSession>(stream_.release_socket(), shared_)
              ->start(std::move(req_));
        else
          std::make_shared<ConsoleSession>(stream_.release_socket(), shared_)
              ->start(std::move(req_));
        return;
      }
      write(answer(r));
    } catch (const std::exception& e) {  // a bug, not the client's doing: answer, keep serving
      write(errorResponse(500, std::string("internal error: ") + e.what()));
    }
  }

  Response answer(const Request& r) {
    Response res;
    if (auto api = shared_.api.handle(r)) {
      res = *api;
    } else if (r.method != "GET" && r.method != "HEAD") {
      res = errorResponse(405, "only GET is served outside /api/");
    } else if (parseTarget(r.target).path == "/favicon.ico") {
      res.status = 204;  // browsers ask for it; the page has none
      res.content_type = "image/x-icon";
    } else if (const Asset* a = findAsset(parseTarget(r.target).path)) {
      res.content_type = std::string(a->content_type);
      res.body = std::string(a->bytes);
    } else {
      res = errorResponse(404, "not found: " + parseTarget(r.target).path);
    }
    return res;
  }

  void write(const Response& r) {
    auto res = std::make_shared<HttpResponse>(toHttp(r, req_));
    http::async_write(stream_, *res,
                      [self = shared_from_this(), res](beast::error_code ec, size_t) {
                        if (ec) return;
                        if (!res->keep_alive()) {
                          beast::error_code ignored;
                          self->stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
                          return;
                        }
                        self->read();
                      });
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  HttpRequest req_;
  Shared& shared_;
};

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(net::io_context& ioc, tcp::endpoint at, Shared& shared)
      : ioc_(ioc), acceptor_(ioc), shared_(shared) {
    beast::error_code ec;
    acceptor_.open(at.protocol(), ec);
    if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(at, ec);
    if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
    if (ec)
      throw Error(at.address().to_string() + ":" + std::to_string(at.port()),
                  "cannot listen: " + ec.message());
  }
  unsigned short port() const { return acceptor_.local_endpoint().port(); }
  void accept() {
    acceptor_.async_accept(net::make_strand(ioc_),
                           [self = shared_from_this()](beast::error_code ec, tcp::socket s) {
                             if (!ec)
                               std::make_shared<HttpSession>(std::move(s), self->shared_)->start();
                             self->accept();
                           });
  }

 private:
  net::io_context& ioc_;
  tcp::acceptor acceptor_;
  Shared& shared_;
};

}  // namespace

void serve(Emulation& emulation, const ServerOptions& o) {
  beast::error_code ec;
  auto address = net::ip::make_address(o.host == "localhost" ? "127.0.0.1" : o.host, ec);
  if (ec) throw Error(o.host, "not an IP address to listen on");
  makeGate(address.to_string(), o.port, "");  // refuses 0.0.0.0 and :: before binding
  Shared shared{emulation, Api(emulation, o.console), EventHub(fabricCapture(emulation)), {}};

  signal(SIGPIPE, SIG_IGN);
  net::io_context ioc(o.threads);
  auto listener = std::make_shared<Listener>(ioc, tcp::endpoint(address, o.port), shared);
  shared.gate = makeGate(address.to_string(), listener->port(), randomToken());
  listener->accept();
  net::signal_set signals(ioc, SIGINT, SIGTERM);
  signals.async_wait([&](beast::error_code, int) { ioc.stop(); });

  std::string url = "http://" + shared.gate.hosts.front() + "/?access=" + shared.gate.token;
  if (o.on_listen) o.on_listen(url);

  std::vector<std::thread> workers;
  for (int i = 1; i < o.threads; ++i) workers.emplace_back([&ioc] { ioc.run(); });
  ioc.run();
  for (auto& t : workers) t.join();
}

}  // namespace asemu::map
