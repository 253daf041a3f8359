//! The lean load engine behind `stress --max` and `--rate`: one HTTP/1.1
//! connection per task, each request's bytes written once at setup and
//! sent again as they are, each answer read where it lands in the
//! connection's buffer (its head parsed with `httparse`, the body skipped by
//! its length or chunks; nothing allocated per request); one current-thread
//! runtime per core; TCP_NODELAY; latencies and statuses counted per thread
//! in flat tables and merged at the end. On two cores the load tool shares
//! the CPU with the server it measures, so a lean client is a truer one.
//! Ordinary single requests keep reqwest (`adapters::http`).

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::net::{SocketAddr, ToSocketAddrs};
use std::pin::Pin;
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use hdrhistogram::Histogram;
use http::Method;
use reqwest::Url;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, ReadBuf};
use tokio::net::TcpStream;

/// How long past its duration a closed-pace run waits for answers in flight.
const GRACE: Duration = Duration::from_secs(1);

/// One request, sent again and again.
pub struct Target {
    pub method: Method,
    pub url: Url,
    pub headers: Vec<(String, String)>,
    /// A request (or a connect) that takes longer counts as `timeout`.
    pub timeout: Duration,
}

/// How requests are paced.
#[derive(Debug, Clone, Copy)]
pub enum Pace {
    /// Back to back on every connection until `duration` has passed.
    Closed { duration: Duration },
    /// `total` requests, request `i` due at `i / rate` seconds; its latency
    /// counts from when it was due (coordinated omission corrected).
    Open { rate: f64, total: u64 },
}

/// What a run measured.
pub struct Outcome {
    /// Microseconds.
    pub latencies: Histogram<u64>,
    /// By status code, or `unreachable`, `timeout`, `error`.
    pub statuses: BTreeMap<String, u64>,
    pub elapsed: Duration,
    /// Open pace: from the start to the last send, and the latest a send was.
    pub sent_in: Duration,
    pub max_lag: Duration,
}

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("cannot send load to {url}: {reason}")]
    Setup { url: String, reason: String },
}

/// Everything a connection task needs, shared by all threads.
struct Plan {
    addr: SocketAddr,
    tls: Option<(tokio_rustls::TlsConnector, rustls_name::ServerName)>,
    /// The whole request, written once.
    request: Vec<u8>,
    /// A HEAD request: its answer has a length and no body.
    head: bool,
    timeout: Duration,
    pace: Pace,
    start: Instant,
    next: AtomicU64,
}

mod rustls_name {
    pub type ServerName = tokio_rustls::rustls::pki_types::ServerName<'static>;
}

/// How an exchange ended, counted by kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Status(u16),
    Unreachable,
    Timeout,
    Error,
}

/// Counted by one thread.
struct Tally {
    latencies: Histogram<u64>,
    /// By status code, 100 to 999.
    statuses: Box<[u64; 1000]>,
    unreachable: u64,
    timeout: u64,
    error: u64,
    /// A thread whose runtime would not start, and why.
    failed: Option<String>,
    last_send: Option<Instant>,
    max_lag: Duration,
}

impl Tally {
    fn new() -> Tally {
        Tally {
            latencies: Histogram::new_with_bounds(1, 60_000_000, 3).expect("valid bounds"),
            statuses: Box::new([0; 1000]),
            unreachable: 0,
            timeout: 0,
            error: 0,
            failed: None,
            last_send: None,
            max_lag: Duration::ZERO,
        }
    }

    fn record(&mut self, kind: Kind, latency: Duration) {
        let _ = self.latencies.record((latency.as_micros() as u64).clamp(1, 60_000_000));
        match kind {
            Kind::Status(code) if (100..1000).contains(&code) => self.statuses[code as usize] += 1,
            Kind::Status(_) | Kind::Error => self.error += 1,
            Kind::Unreachable => self.unreachable += 1,
            Kind::Timeout => self.timeout += 1,
        }
    }

    /// The counts by name: each status code, `unreachable`, `timeout`, `error`.
    fn add_to(&self, statuses: &mut BTreeMap<String, u64>) {
        for (code, &n) in self.statuses.iter().enumerate().filter(|(_, &n)| n > 0) {
            *statuses.entry(code.to_string()).or_default() += n;
        }
        for (name, n) in [("unreachable", self.unreachable), ("timeout", self.timeout), ("error", self.error)] {
            if n > 0 {
                *statuses.entry(name.to_string()).or_default() += n;
            }
        }
        if let Some(why) = &self.failed {
            *statuses.entry(format!("error: {why}")).or_default() += 1;
        }
    }
}

/// The request's bytes: request line, `Host`, `Accept`, `User-Agent`, the
/// target's headers, and `Content-Length: 0` on a method that may carry a
/// body. A header that could split the request (CR, LF) is refused.
fn request_bytes(target: &Target, authority: &str, path: &str) -> Result<Vec<u8>, String> {
    let mut head = format!(
        "{} {path} HTTP/1.1\r\nHost: {authority}\r\nAccept: application/json\r\nUser-Agent: gatewayctl/{}\r\n",
        target.method,
        env!("CARGO_PKG_VERSION")
    );
    for (name, value) in &target.headers {
        http::header::HeaderName::from_bytes(name.as_bytes()).map_err(|e| format!("header {name}: {e}"))?;
        http::header::HeaderValue::from_str(value).map_err(|e| format!("header {name}: {e}"))?;
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if !matches!(target.method, Method::GET | Method::HEAD | Method::OPTIONS | Method::DELETE) {
        head.push_str("Content-Length: 0\r\n");
    }
    head.push_str("\r\n");
    Ok(head.into_bytes())
}

/// Runs the load on `threads` threads with `connections` connections in
/// all; blocks until it is done (call it from a blocking context).
pub fn run(target: &Target, connections: usize, threads: usize, pace: Pace) -> Result<Outcome, LoadError> {
    let setup = |reason: String| LoadError::Setup { url: target.url.to_string(), reason };
    let host = target.url.host_str().ok_or_else(|| setup("no host".into()))?.to_string();
    let port = target.url.port_or_known_default().ok_or_else(|| setup("no port".into()))?;
    let addr = (host.as_str(), port)
        .to_socket_addrs()
        .map_err(|e| setup(e.to_string()))?
        .next()
        .ok_or_else(|| setup(format!("{host} resolves to no address")))?;
    let tls = match target.url.scheme() {
        "http" => None,
        "https" => {
            let roots = tokio_rustls::rustls::RootCertStore { roots: webpki_roots::TLS_SERVER_ROOTS.to_vec() };
            let config = tokio_rustls::rustls::ClientConfig::builder_with_provider(Arc::new(
                tokio_rustls::rustls::crypto::ring::default_provider(),
            ))
            .with_safe_default_protocol_versions()
            .map_err(|e| setup(e.to_string()))?
            .with_root_certificates(roots)
            .with_no_client_auth();
            let name = rustls_name::ServerName::try_from(host.clone()).map_err(|e| setup(e.to_string()))?;
            Some((tokio_rustls::TlsConnector::from(Arc::new(config)), name))
        }
        other => return Err(setup(format!("unsupported scheme {other}"))),
    };
    let authority = match target.url.port() {
        Some(p) => format!("{host}:{p}"),
        None => host.clone(),
    };
    let path = match target.url.query() {
        Some(q) => format!("{}?{q}", target.url.path()),
        None => target.url.path().to_string(),
    };
    let request = request_bytes(target, &authority, &path).map_err(setup)?;

    let connections = connections.max(1);
    let threads = threads.clamp(1, connections);
    // Every thread starts its clock from the same instant, a moment ahead
    // so the runtimes are up when it comes.
    let plan = Arc::new(Plan {
        addr,
        tls,
        request,
        head: target.method == Method::HEAD,
        timeout: target.timeout,
        pace,
        start: Instant::now() + Duration::from_millis(20),
        next: AtomicU64::new(0),
    });
    let tallies: Arc<Mutex<Vec<Tally>>> = Arc::default();
    let mut handles = Vec::new();
    for t in 0..threads {
        let share = connections / threads + usize::from(t < connections % threads);
        let (plan, tallies) = (plan.clone(), tallies.clone());
        let spawned = std::thread::Builder::new().name(format!("load-{t}")).spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build();
            let tally = match runtime {
                Ok(runtime) => runtime.block_on(thread_load(plan, share)),
                Err(e) => {
                    let mut tally = Tally::new();
                    tally.failed = Some(e.to_string());
                    tally
                }
            };
            tallies.lock().expect("a load thread panicked").push(tally);
        });
        handles.push(spawned.map_err(|e| setup(e.to_string()))?);
    }
    for handle in handles {
        let _ = handle.join();
    }
    let elapsed = plan.start.elapsed();
    let mut outcome = Outcome {
        latencies: Histogram::new_with_bounds(1, 60_000_000, 3).expect("valid bounds"),
        statuses: BTreeMap::new(),
        elapsed,
        sent_in: Duration::ZERO,
        max_lag: Duration::ZERO,
    };
    for tally in tallies.lock().expect("a load thread panicked").drain(..) {
        let _ = outcome.latencies.add(&tally.latencies);
        tally.add_to(&mut outcome.statuses);
        if let Some(last) = tally.last_send {
            outcome.sent_in = outcome.sent_in.max(last.saturating_duration_since(plan.start));
        }
        outcome.max_lag = outcome.max_lag.max(tally.max_lag);
    }
    Ok(outcome)
}

/// One thread's connections, on its own runtime.
async fn thread_load(plan: Arc<Plan>, connections: usize) -> Tally {
    let tally = Rc::new(RefCell::new(Tally::new()));
    let local = tokio::task::LocalSet::new();
    for _ in 0..connections {
        local.spawn_local(connection_loop(plan.clone(), tally.clone()));
    }
    local.await;
    Rc::try_unwrap(tally).map(RefCell::into_inner).unwrap_or_else(|_| Tally::new())
}

/// One connection: sends its share until the pace is done, reconnecting
/// when the server closes it.
async fn connection_loop(plan: Arc<Plan>, tally: Rc<RefCell<Tally>>) {
    tokio::time::sleep_until(plan.start.into()).await;
    let mut conn: Option<Conn> = None;
    loop {
        // When this request is due (open pace), or now (closed pace).
        let due = match plan.pace {
            Pace::Closed { duration } => {
                let now = Instant::now();
                if now >= plan.start + duration {
                    return;
                }
                now
            }
            Pace::Open { rate, total } => {
                let i = plan.next.fetch_add(1, Ordering::Relaxed);
                if i >= total {
                    return;
                }
                let due = plan.start + Duration::from_secs_f64(i as f64 / rate);
                let now = Instant::now();
                if due > now {
                    tokio::time::sleep_until(due.into()).await;
                } else {
                    let mut t = tally.borrow_mut();
                    t.max_lag = t.max_lag.max(now - due);
                }
                let sent = Instant::now();
                let mut t = tally.borrow_mut();
                t.last_send = Some(t.last_send.map_or(sent, |l| l.max(sent)));
                due
            }
        };
        // A connection the server closed after its last answer takes no
        // request: connect again, once. Closed pace ends at its duration
        // (and a moment's grace), whatever a hung server does: what is
        // still in flight then is a timeout.
        let now = Instant::now();
        let limit = match plan.pace {
            Pace::Closed { duration } => {
                plan.timeout.min((plan.start + duration + GRACE).saturating_duration_since(now))
            }
            Pace::Open { .. } => plan.timeout,
        };
        let deadline = tokio::time::Instant::from(now) + limit;
        // A connect that fails or never completes is `unreachable`.
        let mut kind = Kind::Unreachable;
        for _ in 0..2 {
            if conn.is_none() {
                match tokio::time::timeout_at(deadline, Conn::open(&plan)).await {
                    Ok(Ok(c)) => conn = Some(c),
                    Ok(Err(_)) | Err(_) => break,
                }
            }
            let Some(c) = conn.as_mut() else { break };
            kind = match tokio::time::timeout_at(deadline, c.exchange(&plan)).await {
                Ok(Ok(Answer { status, reusable })) => {
                    if !reusable {
                        conn = None;
                    }
                    Kind::Status(status)
                }
                Ok(Err(Failure::NotSent)) => {
                    conn = None;
                    continue;
                }
                Ok(Err(Failure::Failed)) => Kind::Error,
                Err(_) => Kind::Timeout,
            };
            break;
        }
        if !matches!(kind, Kind::Status(_)) {
            conn = None;
        }
        tally.borrow_mut().record(kind, due.elapsed());
        // A refused connect returns at once: do not spin on it.
        if kind == Kind::Unreachable && matches!(plan.pace, Pace::Closed { .. }) {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }
}

/// A connection's stream: plain TCP, or TLS over it for https.
enum Io {
    Plain(TcpStream),
    Tls(Box<tokio_rustls::client::TlsStream<TcpStream>>),
}

impl AsyncRead for Io {
    fn poll_read(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<std::io::Result<()>> {
        match self.get_mut() {
            Io::Plain(s) => Pin::new(s).poll_read(cx, buf),
            Io::Tls(s) => Pin::new(s.as_mut()).poll_read(cx, buf),
        }
    }
}

impl AsyncWrite for Io {
    fn poll_write(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<std::io::Result<usize>> {
        match self.get_mut() {
            Io::Plain(s) => Pin::new(s).poll_write(cx, buf),
            Io::Tls(s) => Pin::new(s.as_mut()).poll_write(cx, buf),
        }
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        match self.get_mut() {
            Io::Plain(s) => Pin::new(s).poll_flush(cx),
            Io::Tls(s) => Pin::new(s.as_mut()).poll_flush(cx),
        }
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        match self.get_mut() {
            Io::Plain(s) => Pin::new(s).poll_shutdown(cx),
            Io::Tls(s) => Pin::new(s.as_mut()).poll_shutdown(cx),
        }
    }
}

/// One read from a plain connection. A read that leaves room in `buf` has
/// taken all the kernel held, so the socket is marked not ready at once:
/// the next read waits for the poller's word instead of asking the kernel
/// first and hearing "would block" (a system call saved per request).
async fn read_drained(tcp: &TcpStream, buf: &mut [u8]) -> std::io::Result<usize> {
    use std::os::fd::AsRawFd;
    loop {
        tcp.readable().await?;
        let mut got = None;
        let tried = tcp.try_io(tokio::io::Interest::READABLE, || {
            // SAFETY: reads at most `buf.len()` bytes into `buf`, from the
            // socket `tcp` owns, open while it is borrowed.
            let n = unsafe { libc::recv(tcp.as_raw_fd(), buf.as_mut_ptr().cast(), buf.len(), 0) };
            if n < 0 {
                return Err(std::io::Error::last_os_error());
            }
            got = Some(n as usize);
            match (n as usize) < buf.len() && n > 0 {
                // Drained: tokio clears the readiness on "would block".
                true => Err(std::io::ErrorKind::WouldBlock.into()),
                false => Ok(()),
            }
        });
        match (got, tried) {
            (Some(n), _) => return Ok(n),
            (None, Err(e)) if !matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::Interrupted) => {
                return Err(e)
            }
            (None, _) => continue,
        }
    }
}

/// One connection and the bytes it has read and not yet used.
struct Conn {
    io: Io,
    buf: Vec<u8>,
    /// `buf[at..end]` is read and unused.
    at: usize,
    end: usize,
    /// Answers it has carried: a closed connection that carried some was
    /// closed between requests, and the request may go on a new one.
    served: u64,
}

/// Why an exchange gave no status.
#[derive(Debug, PartialEq, Eq)]
enum Failure {
    /// The connection had been closed before the request could be answered:
    /// nothing of an answer came on a connection that carried answers before.
    NotSent,
    /// Sent, and no whole answer came back.
    Failed,
}

/// A whole answer's status, and whether the connection may carry the next request.
#[derive(Debug, PartialEq, Eq)]
struct Answer {
    status: u16,
    reusable: bool,
}

/// An answer's head as parsed, and what it says of its body.
#[derive(Debug, PartialEq, Eq)]
struct Head {
    status: u16,
    /// Bytes of the head, blank line included.
    len: usize,
    body: Body,
    close: bool,
}

#[derive(Debug, PartialEq, Eq)]
enum Body {
    Length(u64),
    Chunked,
    /// Until the server closes the connection.
    ToClose,
}

/// Parses an answer's head from `bytes`: None while it is incomplete.
fn parse_head(bytes: &[u8], head_request: bool) -> Result<Option<Head>, Failure> {
    let mut headers = [httparse::EMPTY_HEADER; 64];
    let mut response = httparse::Response::new(&mut headers);
    let len = match response.parse(bytes) {
        Ok(httparse::Status::Complete(len)) => len,
        Ok(httparse::Status::Partial) => return Ok(None),
        Err(_) => return Err(Failure::Failed),
    };
    let status = response.code.ok_or(Failure::Failed)?;
    let mut length = None;
    let mut chunked = false;
    let mut close = response.version == Some(0);
    for h in response.headers.iter() {
        let value = || std::str::from_utf8(h.value).unwrap_or("").trim();
        if h.name.eq_ignore_ascii_case("content-length") {
            length = Some(value().parse::<u64>().map_err(|_| Failure::Failed)?);
        } else if h.name.eq_ignore_ascii_case("transfer-encoding") {
            chunked = value().to_ascii_lowercase().ends_with("chunked");
        } else if h.name.eq_ignore_ascii_case("connection") {
            let v = value().to_ascii_lowercase();
            close = v.contains("close") || (response.version == Some(0) && !v.contains("keep-alive"));
        }
    }
    let body = match () {
        _ if head_request || status == 204 || status == 304 || (100..200).contains(&status) => Body::Length(0),
        _ if chunked => Body::Chunked,
        _ => match length {
            Some(n) => Body::Length(n),
            None => Body::ToClose,
        },
    };
    let close = close || body == Body::ToClose;
    Ok(Some(Head { status, len, body, close }))
}

impl Conn {
    /// A fresh connection with TCP_NODELAY, through TLS for https.
    async fn open(plan: &Plan) -> std::io::Result<Conn> {
        let tcp = TcpStream::connect(plan.addr).await?;
        tcp.set_nodelay(true)?;
        let io = match &plan.tls {
            None => Io::Plain(tcp),
            Some((connector, name)) => Io::Tls(Box::new(connector.connect(name.clone(), tcp).await?)),
        };
        Ok(Conn { io, buf: vec![0; 16 * 1024], at: 0, end: 0, served: 0 })
    }

    /// Reads more into the buffer (moving the unused bytes to its front,
    /// growing it when full); false at the end of the stream.
    async fn fill(&mut self) -> Result<bool, Failure> {
        if self.at > 0 {
            self.buf.copy_within(self.at..self.end, 0);
            self.end -= self.at;
            self.at = 0;
        }
        if self.end == self.buf.len() {
            if self.buf.len() >= 1 << 20 {
                // A head over a megabyte is no answer this tool waits for.
                return Err(Failure::Failed);
            }
            self.buf.resize(self.buf.len() * 2, 0);
        }
        let n = match &mut self.io {
            Io::Plain(tcp) => read_drained(tcp, &mut self.buf[self.end..]).await,
            io => io.read(&mut self.buf[self.end..]).await,
        };
        let n = n.map_err(|_| Failure::Failed)?;
        self.end += n;
        Ok(n > 0)
    }

    /// Skips `n` bytes of body.
    async fn skip(&mut self, mut n: u64) -> Result<(), Failure> {
        loop {
            let here = ((self.end - self.at) as u64).min(n);
            self.at += here as usize;
            n -= here;
            if n == 0 {
                return Ok(());
            }
            if !self.fill().await? {
                return Err(Failure::Failed);
            }
        }
    }

    /// One request; its status once the whole answer is read (so the
    /// connection can carry the next).
    async fn exchange(&mut self, plan: &Plan) -> Result<Answer, Failure> {
        let reused = self.served > 0;
        if self.io.write_all(&plan.request).await.is_err() {
            return Err(if reused { Failure::NotSent } else { Failure::Failed });
        }
        let head = loop {
            if let Some(head) = parse_head(&self.buf[self.at..self.end], plan.head)? {
                break head;
            }
            match self.fill().await {
                Ok(true) => {}
                // Closed with nothing of an answer on a connection that
                // carried answers: closed between requests.
                Ok(false) | Err(_) if reused && self.end == self.at => return Err(Failure::NotSent),
                Ok(false) | Err(_) => return Err(Failure::Failed),
            }
        };
        self.at += head.len;
        match head.body {
            Body::Length(n) => self.skip(n).await?,
            Body::Chunked => loop {
                let size = loop {
                    match httparse::parse_chunk_size(&self.buf[self.at..self.end]) {
                        Ok(httparse::Status::Complete((used, size))) => {
                            self.at += used;
                            break size;
                        }
                        Ok(httparse::Status::Partial) if self.fill().await? => {}
                        _ => return Err(Failure::Failed),
                    }
                };
                if size == 0 {
                    // No trailers are asked for: the last chunk ends with an empty line.
                    self.skip(2).await?;
                    break;
                }
                self.skip(size + 2).await?;
            },
            Body::ToClose => {
                while self.fill().await? {
                    self.at = self.end;
                }
            }
        }
        self.served += 1;
        Ok(Answer { status: head.status, reusable: !head.close })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_listening_is_unreachable_over_http_and_https() {
        // A port nothing listens on: bound, then closed.
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        for scheme in ["http", "https"] {
            let target = Target {
                method: Method::GET,
                url: Url::parse(&format!("{scheme}://127.0.0.1:{port}/x?y=1")).unwrap(),
                headers: vec![("X-Api-Key".into(), "k".into())],
                timeout: Duration::from_secs(2),
            };
            let outcome = run(&target, 3, 2, Pace::Open { rate: 100.0, total: 5 }).unwrap();
            assert_eq!(outcome.statuses.get("unreachable"), Some(&5), "{scheme}");
            assert_eq!(outcome.latencies.len(), 5);
        }
    }

    #[test]
    fn a_hung_server_ends_a_max_run_at_its_duration_with_timeouts() {
        // Accepts connections and never answers.
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let (stop, stopped) = std::sync::mpsc::channel::<()>();
        let held = std::thread::spawn(move || {
            let mut open = Vec::new();
            listener.set_nonblocking(true).unwrap();
            // Bounded: the test stops it, or 20 s pass.
            for _ in 0..4000 {
                if let Ok((s, _)) = listener.accept() {
                    open.push(s);
                }
                if stopped.recv_timeout(Duration::from_millis(5)).is_ok() {
                    break;
                }
            }
        });
        let target = Target {
            method: Method::GET,
            url: Url::parse(&format!("http://127.0.0.1:{port}/")).unwrap(),
            headers: Vec::new(),
            timeout: Duration::from_secs(30),
        };
        let started = Instant::now();
        let outcome = run(&target, 2, 1, Pace::Closed { duration: Duration::from_millis(300) }).unwrap();
        // Not a speed figure: the run must end by its duration and grace,
        // not after the 30 s request timeout.
        assert!(started.elapsed() < Duration::from_secs(10), "{:?}", started.elapsed());
        assert_eq!(outcome.statuses.get("timeout"), Some(&2), "{:?}", outcome.statuses);
        stop.send(()).unwrap();
        held.join().unwrap();
    }

    #[test]
    fn an_answers_head_says_its_status_and_how_its_body_ends() {
        let head = |text: &str, head_request: bool| parse_head(text.as_bytes(), head_request);
        let got = head("HTTP/1.1 200 OK\r\nContent-Length: 12\r\n\r\nhello world!", false).unwrap().unwrap();
        assert_eq!(got, Head { status: 200, len: 39, body: Body::Length(12), close: false });
        let got = head("HTTP/1.1 429 Too Many\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n", false);
        assert_eq!(got.unwrap().unwrap(), Head { status: 429, len: 72, body: Body::Chunked, close: true });
        // No length and not chunked: the body runs to the close.
        let got = head("HTTP/1.1 500 Oops\r\n\r\n", false).unwrap().unwrap();
        assert_eq!((got.body, got.close), (Body::ToClose, true));
        // HEAD and 204 have no body whatever their headers say; HTTP/1.0 closes unless kept alive.
        assert_eq!(head("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\n", true).unwrap().unwrap().body, Body::Length(0));
        assert_eq!(head("HTTP/1.1 204 No\r\n\r\n", false).unwrap().unwrap().body, Body::Length(0));
        assert!(head("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n", false).unwrap().unwrap().close);
        assert!(
            !head("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n", false)
                .unwrap()
                .unwrap()
                .close
        );
        // Incomplete: read more. Garbage or a bad length: a failure.
        assert_eq!(head("HTTP/1.1 200 OK\r\nContent-Le", false), Ok(None));
        assert_eq!(head("SSH-2.0-OpenSSH\r\n\r\n", false), Err(Failure::Failed));
        assert_eq!(head("HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n", false), Err(Failure::Failed));
    }

    #[test]
    fn the_request_is_written_once_and_refuses_a_header_that_splits_it() {
        let target = |method: Method, headers: Vec<(String, String)>| Target {
            method,
            url: Url::parse("http://127.0.0.1:8080/api/x?y=1").unwrap(),
            headers,
            timeout: Duration::from_secs(1),
        };
        let get =
            request_bytes(&target(Method::GET, vec![("X-Api-Key".into(), "k".into())]), "127.0.0.1:8080", "/api/x?y=1")
                .unwrap();
        let get = String::from_utf8(get).unwrap();
        assert!(get.starts_with("GET /api/x?y=1 HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n"), "{get}");
        assert!(get.ends_with("X-Api-Key: k\r\n\r\n") && !get.contains("Content-Length"), "{get}");
        let post = request_bytes(&target(Method::POST, vec![]), "h", "/").unwrap();
        assert!(String::from_utf8(post).unwrap().ends_with("Content-Length: 0\r\n\r\n"));
        let split = target(Method::GET, vec![("X-Api-Key".into(), "k\r\nX-Evil: 1".into())]);
        assert!(request_bytes(&split, "h", "/").is_err());
    }

    /// A server that answers each request with a chunked body, then one
    /// with Content-Length, closes after the third: every answer is read
    /// whole, the connection reused, and the closed one replaced.
    #[test]
    fn chunked_and_sized_answers_are_read_whole_over_one_connection() {
        use std::io::{BufRead, BufReader, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let server = std::thread::spawn(move || {
            let mut connections = 0;
            // Bounded: two connections at most are expected.
            while connections < 2 {
                let (stream, _) = listener.accept().unwrap();
                connections += 1;
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut writer = stream;
                for n in 0..3 {
                    let mut line = String::new();
                    loop {
                        line.clear();
                        if reader.read_line(&mut line).unwrap_or(0) == 0 {
                            return;
                        }
                        if line == "\r\n" {
                            break;
                        }
                    }
                    let answer = match n {
                        0 => "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n".to_string(),
                        1 => "HTTP/1.1 429 Too Many Requests\r\nContent-Length: 4\r\n\r\nslow".to_string(),
                        _ => "HTTP/1.1 201 Created\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok".to_string(),
                    };
                    writer.write_all(answer.as_bytes()).unwrap();
                }
            }
        });
        let target = Target {
            method: Method::POST,
            url: Url::parse(&format!("http://127.0.0.1:{port}/x")).unwrap(),
            headers: Vec::new(),
            timeout: Duration::from_secs(5),
        };
        let outcome = run(&target, 1, 1, Pace::Open { rate: 1000.0, total: 6 }).unwrap();
        let want: BTreeMap<String, u64> = [("200", 2), ("429", 2), ("201", 2)].map(|(k, v)| (k.to_string(), v)).into();
        assert_eq!(outcome.statuses, want);
        server.join().unwrap();
    }
}
