// The map's network side. Every connection is a strand-bound session; plain HTTP requests are
// answered by Api (or from the embedded files), WebSocket upgrades become an event stream (one
// capture in the fabric per stream) or a console (one shell on a pty per connection).
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
  std::vector<runtime::Port> ports;
};

// --- event stream -------------------------------------------------------------------------

class EventsSession : public std::enable_shared_from_this<EventsSession> {
 public:
  EventsSession(tcp::socket&& socket, Shared& shared)
      : ws_(std::move(socket)), shared_(shared), timer_(ws_.get_executor()) {}

  void start(HttpRequest req) {
    filter_ = parseTarget(std::string(req.target())).query["filter"];
    ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
    ws_.async_accept(req, beast::bind_front_handler(&EventsSession::onAccept, shared_from_this()));
  }

  ~EventsSession() {
    if (capture_) capture_->stop();
  }

 private:
  void onAccept(beast::error_code ec) {
    if (ec) return;
    try {
      CaptureOptions o;
      o.netns = shared_.emulation.fabricNamespace();
      o.filter = filter_;
      auto aggregator = aggregator_;
      capture_ = std::make_unique<Capture>(
          o, shared_.ports, [aggregator](Event e) { aggregator->add(std::move(e)); });
    } catch (const Error& e) {
      send(nlohmann::json{{"type", "error"}, {"error", e.what()}}.dump(), true);
      return;
    }
    send(nlohmann::json{{"type", "ready"}, {"filter", filter_}}.dump(), false);
    readLoop();
  }

  void readLoop() {
    // Incoming messages are ignored; reading notices when the page goes away.
    ws_.async_read(in_, [self = shared_from_this()](beast::error_code ec, size_t) {
      if (ec) {
        self->closed_ = true;
        self->timer_.cancel();
        return;
      }
      self->in_.consume(self->in_.size());
      self->readLoop();
    });
  }

  void scheduleFlush() {
    if (closed_) return;
    timer_.expires_after(kFlushInterval);
    timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
      if (ec || self->closed_) return;
      Batch b = self->aggregator_->flush();
      if (b.events.empty() && b.dropped == 0) return self->scheduleFlush();
      nlohmann::json events = nlohmann::json::array();
      for (const auto& e : b.events) events.push_back(toJson(e));
      self->send(nlohmann::json{{"type", "events"},
                                {"events", events},
                                {"packets", b.packets},
                                {"dropped", b.dropped}}
                     .dump(),
                 false);
    });
  }

  void send(std::string text, bool thenClose) {
    out_ = std::move(text);
    ws_.text(true);
    ws_.async_write(net::buffer(out_), [self = shared_from_this(), thenClose](beast::error_code ec,
                                                                              size_t) {
      if (ec) {
        self->closed_ = true;
        return;
      }
      if (thenClose) {
        self->ws_.async_close(websocket::close_code::policy_error, [self](beast::error_code) {});
        return;
      }
      self->scheduleFlush();
    });
  }

  WebSocket ws_;
  Shared& shared_;
  net::steady_timer timer_;
  std::string filter_;
  std::shared_ptr<Aggregator> aggregator_ = std::make_shared<Aggregator>();
  std::unique_ptr<Capture> capture_;
  beast::flat_buffer in_;
  std::string out_;
  bool closed_ = false;
};

// --- console ------------------------------------------------------------------------------

class ConsoleSession : public std::enable_shared_from_this<ConsoleSession> {
 public:
  ConsoleSession(tcp::socket&& socket, Shared& shared)
      : ws_(std::move(socket)), shared_(shared), pty_(ws_.get_executor()) {}

  void start(HttpRequest req) {
    node_ = &shared_.api.node(parseTarget(std::string(req.target())).query["node"]);
    ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
    ws_.async_accept(req, beast::bind_front_handler(&ConsoleSession::onAccept, shared_from_this()));
  }

  ~ConsoleSession() {
    // The Console owns the descriptor and closes it.
    if (pty_.is_open()) pty_.release();
  }

 private:
  void onAccept(beast::error_code ec) {
    if (ec) return;
    try {
      console_ = std::make_unique<Console>(shared_.emulation, *node_);
    } catch (const Error& e) {
      out_ = std::string("\r\n") + e.what() + "\r\n";
      ws_.binary(true);
      ws_.async_write(net::buffer(out_), [self = shared_from_this()](beast::error_code, size_t) {
        self->ws_.async_close(websocket::close_code::internal_error, [self](beast::error_code) {});
      });
      return;
    }
    pty_.assign(console_->fd());
    readPty();
    readSocket();
  }

  void readPty() {
    pty_.async_read_some(
        net::buffer(ptyBuf_), [self = shared_from_this()](beast::error_code ec, size_t n) {
          if (ec) {  // the shell ended
            self->ws_.async_close(websocket::close_code::normal, [self](beast::error_code) {});
            return;
          }
          self->out_.assign(self->ptyBuf_.data(), n);
          self->ws_.binary(true);
          self->ws_.async_write(net::buffer(self->out_), [self](beast::error_code ec, size_t) {
            if (!ec) self->readPty();
          });
        });
  }

  void readSocket() {
    ws_.async_read(in_, [self = shared_from_this()](beast::error_code ec, size_t) {
      if (ec) return;  // closing the session drops the console and hangs up the shell
      std::string msg = beast::buffers_to_string(self->in_.data());
      self->in_.consume(self->in_.size());
      self->onMessage(msg);
      self->readSocket();
    });
  }

  void onMessage(const std::string& msg) {
    nlohmann::json j = nlohmann::json::parse(msg, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return;
    std::string type = j.value("type", "");
    if (type == "input" && j.contains("data") && j["data"].is_string()) {
      std::string data = j["data"];
      size_t off = 0;
      while (off < data.size()) {
        ssize_t w = ::write(console_->fd(), data.data() + off, data.size() - off);
        if (w <= 0) break;
        off += size_t(w);
      }
    } else if (type == "resize") {
      int cols = j.value("cols", 0), rows = j.value("rows", 0);
      if (cols > 0 && rows > 0 && cols < 1000 && rows < 1000)
        console_->resize((unsigned short)cols, (unsigned short)rows);
    }
  }

  WebSocket ws_;
  Shared& shared_;
  const plan::Node* node_ = nullptr;
  std::unique_ptr<Console> console_;
  net::posix::stream_descriptor pty_;
  std::array<char, 8192> ptyBuf_{};
  beast::flat_buffer in_;
  std::string out_;
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
    if (ec) return;
    Request r = toRequest(req_);
    if (websocket::is_upgrade(req_)) {
      if (auto denied = shared_.api.checkUpgrade(r)) return write(*denied);
      stream_.expires_never();
      Target t = parseTarget(r.target);
      if (t.path == "/api/events")
        std::make_shared<EventsSession>(stream_.release_socket(), shared_)->start(std::move(req_));
      else
        std::make_shared<ConsoleSession>(stream_.release_socket(), shared_)->start(std::move(req_));
      return;
    }
    write(answer(r));
  }

  Response answer(const Request& r) {
    if (auto denied = shared_.api.checkAccess(r)) return *denied;
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
    // A browser that came with ?access=TOKEN keeps it as a cookie for the page's own requests.
    const std::string& token = shared_.api.access().access_token;
    if (!token.empty()) {
      auto q = parseTarget(r.target).query;
      if (q.count("access") && sameToken(q["access"], token))
        res.headers["Set-Cookie"] = "asemu_access=" + token + "; Path=/; HttpOnly; SameSite=Strict";
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
  Access access;
  access.session_token = randomToken();
  if (!isLoopbackHost(address.to_string())) access.access_token = randomToken();
  Shared shared{emulation, Api(emulation, access, o.console), emulation.ports()};

  signal(SIGPIPE, SIG_IGN);
  net::io_context ioc(o.threads);
  auto listener = std::make_shared<Listener>(ioc, tcp::endpoint(address, o.port), shared);
  listener->accept();
  net::signal_set signals(ioc, SIGINT, SIGTERM);
  signals.async_wait([&](beast::error_code, int) { ioc.stop(); });

  std::string host = address.is_v6() ? "[" + address.to_string() + "]" : address.to_string();
  std::string url = "http://" + host + ":" + std::to_string(listener->port()) + "/";
  if (!access.access_token.empty()) url += "?access=" + access.access_token;
  if (o.on_listen) o.on_listen(url);

  std::vector<std::thread> workers;
  for (int i = 1; i < o.threads; ++i) workers.emplace_back([&ioc] { ioc.run(); });
  ioc.run();
  for (auto& t : workers) t.join();
}

}  // namespace asemu::map
