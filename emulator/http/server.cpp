// The Beast listener and sessions, in the shape of Beast's advanced_server example: accept, then
// per connection read header → (100 Continue) → read body → dispatch → write → read again, with
// timeouts, and a graceful shutdown that lets in-flight requests finish.
#include "emulator/http/server.h"

#include <array>
#include <csignal>
#include <map>
#include <string>
#include <unordered_set>
#include <vector>

#include <spdlog/spdlog.h>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/status.hpp>
#include <boost/beast/http/string_body.hpp>

#include "emulator/app/emulator.h"
#include "emulator/core/aws_error.h"
#include "emulator/core/throw_trace.h"
#include "emulator/core/utf8.h"
#include "emulator/protocol/rest_json.h"
#include "emulator/http/logging.h"
#include "emulator/http/request_guard.h"
#include "emulator/http/request_reader.h"
#include "emulator/http/sim_host.h"
#include "emulator/http/worker_host.h"

namespace stepsim::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using error_code = boost::system::error_code;

namespace {

class Session;

constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
// After answering with Connection: close, what the client still sends is read and dropped for a
// while, so that closing does not reset the connection before the client has read the answer.
constexpr std::chrono::milliseconds kDrainTime{2'000};
constexpr std::size_t kDrainLimit = 64 * 1024 * 1024;
constexpr std::size_t kKeepBufferBytes = 64 * 1024;

bool hasUnsafeChars(std::string_view text) {
  for (char c : text)
    if (c == '\r' || c == '\n' || c == '\0') return true;
  return false;
}

bool isBeastHttpError(const error_code& ec) {
  return ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category();
}

}  // namespace

struct Server::Impl {
  Impl(app::Emulator& emulator, ServerOptions options)
      : emulator(emulator),
        options(std::move(options)),
        ioc(1),
        acceptor(ioc),
        signals(ioc),
        graceTimer(ioc),
        acceptRetry(ioc),
        logFlush(ioc),
        driveTimer(ioc),
        host(ioc, emulator),
        guard({this->options.host, this->options.allowedHosts, this->options.allowedOrigins}) {
    if (this->options.handleSignals) {
      signals.add(SIGINT);
      signals.add(SIGTERM);
    }
  }

  // Sessions still pending when the io_context goes are destroyed with it: they must find the
  // session set alive (declared before ioc) and must not post to the dying context.
  ~Impl() { destroying = true; }

  void doAccept();
  void acceptChannel(std::uint64_t channel);
  std::string openChannel(std::uint64_t channel);
  void closeChannel(std::uint64_t channel);
  std::string publicEndpoint() const;
  void onSignal(const error_code& ec, int signal);
  void beginShutdown();
  void sessionGone(Session* session);
  void finishIfDrained();
  void finishShutdown();
  void scheduleLogFlush();
  void pumpDriver();

  app::Emulator& emulator;
  ServerOptions options;
  std::unordered_set<Session*> sessions;
  bool stopping = false;
  bool finished = false;
  bool destroying = false;
  asio::io_context ioc;
  tcp::acceptor acceptor;
  asio::signal_set signals;
  asio::steady_timer graceTimer;
  asio::steady_timer acceptRetry;
  asio::steady_timer logFlush;
  asio::steady_timer driveTimer;
  bool logFlushArmed = false;
  SimHost host;
  RequestGuard guard;
  // Private Runtime API endpoints of Lambda workers, by channel.
  std::map<std::uint64_t, std::unique_ptr<tcp::acceptor>> channels;
  std::unique_ptr<WorkerHost> workers;
};

namespace {

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket&& socket, Server::Impl& server, std::uint64_t channel = 0)
      : stream_(std::move(socket)), server_(server), channel_(channel) {
    server_.sessions.insert(this);
    error_code ec;
    tcp::endpoint local = stream_.socket().local_endpoint(ec);
    if (!ec) localAddress_ = local.address().to_string();
  }
  ~Session() { server_.sessionGone(this); }

  void start() { readHeader(); }

  // A Lambda worker's connection to its private Runtime API, not a client's.
  bool isWorkerChannel() const { return channel_ != 0; }

  // Shutdown: a connection waiting for its next request closes now; one in the middle of a
  // request finishes it and closes after the response.
  void closeIfIdle() {
    if ((state_ == State::ReadingHeader && buffer_.size() == 0) || state_ == State::Draining)
      closeNow();
  }

  void closeNow() {
    if (state_ == State::Closed) return;
    state_ = State::Closed;
    error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.close();
  }

 private:
  enum class State { ReadingHeader, ReadingBody, Handling, Draining, Closed };

  const ServerOptions& options() const { return server_.options; }

  void readHeader() {
    state_ = State::ReadingHeader;
    // Do not keep a large request's memory for the life of the connection.
    if (buffer_.size() == 0 && buffer_.capacity() > kKeepBufferBytes) buffer_.shrink_to_fit();
    parser_.emplace();
    limitParser(*parser_, options().bodyLimit, options().headerLimit);
    stream_.expires_after(options().readTimeout);
    bhttp::async_read_header(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](error_code ec, std::size_t) { self->onHeader(ec); });
  }

  void onHeader(error_code ec) {
    if (ec) return onReadError(ec);
    if (parser_->is_done()) return handleRequest();
    auto& message = parser_->get();
    auto expect = message.find(bhttp::field::expect);
    if (expect != message.end() && beast::iequals(expect->value(), "100-continue")) {
      // The head was acceptable (a too-large Content-Length fails before this): ask for the body.
      state_ = State::ReadingBody;
      asio::async_write(stream_, asio::buffer(kContinue.data(), kContinue.size()),
                        [self = shared_from_this()](error_code ec, std::size_t) {
                          if (ec) return self->closeNow();
                          self->readBody();
                        });
      return;
    }
    readBody();
  }

  void readBody() {
    state_ = State::ReadingBody;
    stream_.expires_after(options().readTimeout);
    bhttp::async_read(stream_, buffer_, *parser_,
                      [self = shared_from_this()](error_code ec, std::size_t) {
                        if (ec) return self->onReadError(ec);
                        self->handleRequest();
                      });
  }

  void onReadError(const error_code& ec) {
    if (state_ == State::Closed) return;
    if (ec == bhttp::error::body_limit)
      return sendError(413, "RequestEntityTooLarge",
                       "The request body exceeds the limit of " +
                           std::to_string(options().bodyLimit) + " bytes");
    if (ec == bhttp::error::header_limit)
      return sendError(431, "RequestHeaderFieldsTooLarge",
                       "The request head exceeds the limit of " +
                           std::to_string(options().headerLimit) + " bytes");
    // The client went away (between requests or in the middle of one), or the timeout closed the
    // socket: nothing to answer.
    if (ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message ||
        !isBeastHttpError(ec)) {
      if (ec != bhttp::error::end_of_stream && ec != asio::error::operation_aborted)
        spdlog::debug("connection closed: {}", ec.message());
      return closeNow();
    }
    sendError(400, "BadRequest", "Malformed HTTP request: " + ec.message());
  }

  void handleRequest() {
    state_ = State::Handling;
    bool logging = requestLoggingEnabled();
    auto started =
        logging ? std::chrono::steady_clock::now() : std::chrono::steady_clock::time_point();
    auto& message = parser_->get();
    readRequest(message, request_);
    request_.channel = channel_;
    bool keepAlive = message.keep_alive();
    bool http10 = message.version() < 11;
    headRequest_ = message.method() == bhttp::verb::head;

    // What a web page may have sent is answered here, before anything is routed.
    if (std::optional<protocol::HttpResponse> screened =
            server_.guard.screen(request_, localAddress_)) {
      app::DispatchResult result{std::move(*screened), "guard", request_.method};
      if (result.response.status >= 400)
        result.response.setHeader("x-amzn-RequestId",
                                  server_.emulator.simulation().ids("http-errors").uuid());
      return answer(result, keepAlive, http10, logging, started);
    }

    // The answer may come now or later (a waiting Invoke, a worker's invocation/next); the reply
    // keeps this session alive until then. The session is a handler boundary: an exception the
    // layers below let through is a bug, answered with a 500 if the reply has not been sent.
    auto replied = std::make_shared<bool>(false);
    try {
      server_.host.dispatch(request_, [self = shared_from_this(), keepAlive, http10, logging,
                                       started, replied](app::DispatchResult result) {
        if (*replied) return;
        *replied = true;
        self->answer(result, keepAlive, http10, logging, started);
      });
    } catch (const std::exception& error) {
      spdlog::error("internal error serving {} {}: {}\n{}", request_.method,
                    core::utf8Truncate(request_.path(), 200), core::describeException(error),
                    core::lastThrowStack());
      if (!*replied) {
        *replied = true;
        sendError(500, "InternalFailure", std::string("Internal error: ") + error.what());
      }
    }
    if (request_.body.capacity() > kKeepBufferBytes) std::string().swap(request_.body);
  }

  void answer(app::DispatchResult& result, bool keepAlive, bool http10, bool logging,
              std::chrono::steady_clock::time_point started) {
    if (state_ != State::Handling) return;  // closed meanwhile
    server_.guard.addCorsHeaders(request_, result.response);
    close_ = !keepAlive || closingForShutdown();
    writeResponse(result.response, http10 && keepAlive);
    if (logging) {
      logRequest(result.service, result.operation, result.response.status,
                 std::chrono::steady_clock::now() - started);
      server_.scheduleLogFlush();
    }
  }

  // An error the HTTP layer answers itself, in the services' error shape; the connection closes.
  void sendError(int status, std::string_view type, const std::string& message) {
    state_ = State::Handling;
    protocol::HttpResponse response =
        protocol::encodeError(core::AwsError(std::string(type), message, status),
                              server_.emulator.simulation().ids("http-errors").uuid());
    close_ = true;
    headRequest_ = false;
    writeResponse(response, false);
    if (requestLoggingEnabled()) {
      logRequest("http", type, status, std::chrono::nanoseconds(0));
      server_.scheduleLogFlush();
    }
  }

  // Serializes the head into a reused buffer and writes head + body without copying the body.
  void writeResponse(protocol::HttpResponse& response, bool http10KeepAlive) {
    int status = response.status;
    if (status < 200 || status > 599) status = 500;
    bool noBody = status == 204 || status == 304;
    head_.clear();
    head_.append("HTTP/1.1 ");
    head_.append(std::to_string(status));
    head_.push_back(' ');
    std::string_view reason = bhttp::obsolete_reason(bhttp::int_to_status(status));
    head_.append(reason.empty() ? std::string_view("Unknown") : reason);
    head_.append("\r\n");
    for (const auto& [name, value] : response.headers) {
      if (name.empty() || hasUnsafeChars(name) || hasUnsafeChars(value)) continue;
      if (protocol::equalsIgnoreCase(name, "content-length") ||
          protocol::equalsIgnoreCase(name, "connection") ||
          protocol::equalsIgnoreCase(name, "transfer-encoding"))
        continue;
      head_.append(name).append(": ").append(value).append("\r\n");
    }
    if (!noBody)
      head_.append("Content-Length: ").append(std::to_string(response.body.size())).append("\r\n");
    if (close_)
      head_.append("Connection: close\r\n");
    else if (http10KeepAlive)
      head_.append("Connection: keep-alive\r\n");
    head_.append("\r\n");
    body_ = std::move(response.body);
    if (noBody || headRequest_) body_.clear();

    std::array<asio::const_buffer, 2> buffers{asio::buffer(head_), asio::buffer(body_)};
    stream_.expires_after(options().readTimeout);
    asio::async_write(stream_, buffers, [self = shared_from_this()](error_code ec, std::size_t) {
      self->onWrite(ec);
    });
  }

  void onWrite(error_code ec) {
    if (ec) return closeNow();
    if (close_) return drainAndClose();
    if (closingForShutdown()) return closeNow();  // shutdown began while this was written
    readHeader();
  }

  void drainAndClose() {
    state_ = State::Draining;
    if (server_.stopping) return closeNow();
    error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.expires_after(kDrainTime);
    drain_.resize(16 * 1024);
    drainSome();
  }

  void drainSome() {
    stream_.async_read_some(asio::buffer(drain_),
                            [self = shared_from_this()](error_code ec, std::size_t n) {
                              self->drained_ += n;
                              if (ec || self->drained_ > kDrainLimit) return self->closeNow();
                              self->drainSome();
                            });
  }

  // Clients' connections close once shutdown begins; workers' stay up until their code has
  // answered what is in flight.
  bool closingForShutdown() const { return server_.stopping && !isWorkerChannel(); }

  beast::tcp_stream stream_;
  Server::Impl& server_;
  std::uint64_t channel_;
  std::string localAddress_;  // the address this connection arrived on
  beast::flat_buffer buffer_;
  std::optional<BeastParser> parser_;
  protocol::HttpRequest request_;
  std::string head_;
  std::string body_;
  std::vector<char> drain_;
  std::size_t drained_ = 0;
  State state_ = State::ReadingHeader;
  bool close_ = false;
  bool headRequest_ = false;
};

}  // namespace

void Server::Impl::doAccept() {
  acceptor.async_accept(ioc, [this](error_code ec, tcp::socket socket) {
    if (stopping || ec == asio::error::operation_aborted) return;
    if (ec) {
      // Out of descriptors, say: wait a little instead of spinning.
      spdlog::warn("accept failed: {}", ec.message());
      acceptRetry.expires_after(std::chrono::milliseconds(50));
      acceptRetry.async_wait([this](error_code ec) {
        if (!ec && !stopping) doAccept();
      });
      return;
    }
    error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    std::make_shared<Session>(std::move(socket), *this)->start();
    doAccept();
  });
}

void Server::Impl::acceptChannel(std::uint64_t channel) {
  auto it = channels.find(channel);
  if (it == channels.end()) return;
  it->second->async_accept(ioc, [this, channel](error_code ec, tcp::socket socket) {
    if (ec || finished) return;  // closed: the worker is gone, or shutdown finished
    error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    std::make_shared<Session>(std::move(socket), *this, channel)->start();
    acceptChannel(channel);
  });
}

std::string Server::Impl::openChannel(std::uint64_t channel) {
  auto acceptor = std::make_unique<tcp::acceptor>(
      ioc, tcp::endpoint(asio::ip::address_v4::loopback(), 0));
  std::uint16_t port = acceptor->local_endpoint().port();
  channels[channel] = std::move(acceptor);
  acceptChannel(channel);
  return "127.0.0.1:" + std::to_string(port);
}

void Server::Impl::closeChannel(std::uint64_t channel) {
  auto it = channels.find(channel);
  if (it == channels.end()) return;
  error_code ignored;
  it->second->close(ignored);
  channels.erase(it);
}

// Where real function code calls back: the public port, on loopback when listening on all
// interfaces.
std::string Server::Impl::publicEndpoint() const {
  error_code ec;
  tcp::endpoint local = acceptor.local_endpoint(ec);
  if (ec) return "";
  asio::ip::address address = local.address();
  if (address.is_unspecified())
    address = address.is_v6() ? asio::ip::address(asio::ip::address_v6::loopback())
                              : asio::ip::address(asio::ip::address_v4::loopback());
  std::string host = address.to_string();
  if (address.is_v6()) host = "[" + host + "]";
  return "http://" + host + ":" + std::to_string(local.port());
}

void Server::Impl::scheduleLogFlush() {
  if (logFlushArmed || !logsPending()) return;
  logFlushArmed = true;
  logFlush.expires_after(std::chrono::milliseconds(20));
  logFlush.async_wait([this](const error_code&) {
    logFlushArmed = false;
    flushLogs();
  });
}

void Server::Impl::onSignal(const error_code& ec, int signal) {
  if (ec) return;
  if (stopping) {
    spdlog::warn("second signal: stopping now");
    ioc.stop();
    return;
  }
  spdlog::info("signal {}: shutting down", signal);
  // Listen on: a second signal stops at once. finishShutdown() cancels this wait.
  signals.async_wait([this](const error_code& ec, int signal) { onSignal(ec, signal); });
  beginShutdown();
}

// No new clients; clients' requests in flight are answered first (the clock and real code keep
// running for them, up to the grace time), then finishShutdown() stops the rest.
void Server::Impl::beginShutdown() {
  if (stopping) return;
  stopping = true;
  error_code ignored;
  acceptor.close(ignored);
  acceptRetry.cancel();
  driveTimer.cancel();
  emulator.answerLongPolls();
  std::vector<Session*> current(sessions.begin(), sessions.end());
  for (Session* session : current)
    if (!session->isWorkerChannel()) session->closeIfIdle();
  graceTimer.expires_after(options.shutdownGrace);
  graceTimer.async_wait([this](const error_code& ec) {
    if (ec) return;
    spdlog::warn("{} connection(s) still busy after {} ms: stopping anyway", sessions.size(),
                 options.shutdownGrace.count());
    finishShutdown();
    ioc.stop();
  });
  finishIfDrained();
}

void Server::Impl::pumpDriver() {
  if (stopping) return;
  switch (options.drive()) {
    case ServerOptions::DriveStep::Done:
      return beginShutdown();
    case ServerOptions::DriveStep::Again:
      return asio::post(ioc, [this] { pumpDriver(); });
    case ServerOptions::DriveStep::AfterIo:
      driveTimer.expires_after(std::chrono::milliseconds(1));
      driveTimer.async_wait([this](const error_code& ec) {
        if (!ec) pumpDriver();
      });
  }
}

void Server::Impl::sessionGone(Session* session) {
  sessions.erase(session);
  if (destroying) return;
  // Not from inside a session's destructor: finishing destroys workers and closes sessions.
  if (stopping) asio::post(ioc, [this] { finishIfDrained(); });
}

// Drained when no client connection is left; idle warm workers do not hold shutdown up.
void Server::Impl::finishIfDrained() {
  if (!stopping || finished) return;
  for (Session* session : sessions)
    if (!session->isWorkerChannel()) return;
  finishShutdown();
}

void Server::Impl::finishShutdown() {
  if (finished) return;
  finished = true;
  graceTimer.cancel();
  error_code ignored;
  signals.cancel(ignored);
  host.stop();
  // Workers last: killed, their private endpoints and connections closed, their directory removed.
  emulator.setProcessHost(nullptr);
  for (auto& [channel, acceptor] : channels) acceptor->close(ignored);
  channels.clear();
  std::vector<Session*> current(sessions.begin(), sessions.end());
  for (Session* session : current) session->closeNow();
}

Server::Server(app::Emulator& emulator, ServerOptions options)
    : impl_(std::make_unique<Impl>(emulator, std::move(options))) {}

Server::~Server() {
  impl_->emulator.setProcessHost(nullptr);
}

std::uint16_t Server::listen() {
  Impl& s = *impl_;
  error_code ec;
  asio::ip::address address = asio::ip::make_address(s.options.host, ec);
  tcp::endpoint endpoint;
  if (!ec) {
    endpoint = tcp::endpoint(address, s.options.port);
  } else {
    tcp::resolver resolver(s.ioc);
    auto results = resolver.resolve(s.options.host, std::to_string(s.options.port),
                                    tcp::resolver::passive, ec);
    if (ec || results.empty())
      throw std::system_error(ec ? ec : asio::error::host_not_found,
                              "cannot resolve host '" + s.options.host + "'");
    endpoint = *results.begin();
  }
  s.acceptor.open(endpoint.protocol());
  s.acceptor.set_option(asio::socket_base::reuse_address(true));
  s.acceptor.bind(endpoint);
  s.acceptor.listen(asio::socket_base::max_listen_connections);
  return s.acceptor.local_endpoint().port();
}

void Server::run() {
  Impl& s = *impl_;
  if (s.options.handleSignals)
    s.signals.async_wait([&s](const error_code& ec, int signal) { s.onSignal(ec, signal); });
  s.workers = std::make_unique<WorkerHost>(
      s.ioc, s.host,
      WorkerHost::Channels{[&s](std::uint64_t c) { return s.openChannel(c); },
                           [&s](std::uint64_t c) { s.closeChannel(c); }},
      s.publicEndpoint(), s.options.nodeSdk, s.options.warmRuntimes.get());
  s.emulator.setProcessHost(s.workers.get());
  s.host.start();
  s.doAccept();
  if (s.options.warmUp) asio::post(s.ioc, [&s] { s.options.warmUp(); });
  if (s.options.drive) asio::post(s.ioc, [&s] { s.pumpDriver(); });
  // The last boundary: a handler that throws (a bug the boundaries below missed) loses its own
  // work, not the server. Asio lets run() go on after an exception escapes it.
  for (;;) {
    try {
      s.ioc.run();
      break;
    } catch (const std::exception& error) {
      spdlog::error("internal error in an I/O handler: {}\n{}", core::describeException(error),
                    core::lastThrowStack());
    }
  }
  flushLogs();
}

void Server::stop() {
  impl_->beginShutdown();
}

}  // namespace stepsim::http
