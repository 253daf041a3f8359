//! The lean load engine behind `stress --max` and `--rate` (oha's design):
//! one raw hyper HTTP/1.1 connection per task, with no pool, no redirect or
//! retry layers and no boxed future per request; one current-thread runtime
//! per core; the request prepared once; TCP_NODELAY; latencies and statuses
//! counted per thread and merged at the end. On two cores the load tool
//! shares the CPU with the server it measures, so a lean client is a truer
//! one. Ordinary single requests keep reqwest (`adapters::http`).

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::net::{SocketAddr, ToSocketAddrs};
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use bytes::Bytes;
use hdrhistogram::Histogram;
use http::header::{HeaderName, HeaderValue, ACCEPT, HOST, USER_AGENT};
use http::{HeaderMap, Method, Request, Uri};
use http_body_util::{BodyExt, Empty};
use hyper::client::conn::http1::{self, SendRequest};
use hyper_util::rt::TokioIo;
use reqwest::Url;
use tokio::io::{AsyncRead, AsyncWrite};
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
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    timeout: Duration,
    pace: Pace,
    start: Instant,
    next: AtomicU64,
}

mod rustls_name {
    pub type ServerName = tokio_rustls::rustls::pki_types::ServerName<'static>;
}

/// Counted by one thread.
struct Tally {
    latencies: Histogram<u64>,
    statuses: BTreeMap<String, u64>,
    last_send: Option<Instant>,
    max_lag: Duration,
}

impl Tally {
    fn new() -> Tally {
        Tally {
            latencies: Histogram::new_with_bounds(1, 60_000_000, 3).expect("valid bounds"),
            statuses: BTreeMap::new(),
            last_send: None,
            max_lag: Duration::ZERO,
        }
    }

    fn record(&mut self, outcome: &str, latency: Duration) {
        let _ = self.latencies.record((latency.as_micros() as u64).clamp(1, 60_000_000));
        match self.statuses.get_mut(outcome) {
            Some(n) => *n += 1,
            None => {
                self.statuses.insert(outcome.to_string(), 1);
            }
        }
    }
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
    let mut headers = HeaderMap::new();
    let authority = match target.url.port() {
        Some(p) => format!("{host}:{p}"),
        None => host.clone(),
    };
    headers.insert(HOST, HeaderValue::from_str(&authority).map_err(|e| setup(e.to_string()))?);
    headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
    headers.insert(USER_AGENT, HeaderValue::from_static(concat!("gatewayctl/", env!("CARGO_PKG_VERSION"))));
    for (name, value) in &target.headers {
        let name = HeaderName::from_bytes(name.as_bytes()).map_err(|e| setup(e.to_string()))?;
        headers.insert(name, HeaderValue::from_str(value).map_err(|e| setup(e.to_string()))?);
    }
    let path = match target.url.query() {
        Some(q) => format!("{}?{q}", target.url.path()),
        None => target.url.path().to_string(),
    };
    let uri: Uri = path.parse().map_err(|e: http::uri::InvalidUri| setup(e.to_string()))?;

    let connections = connections.max(1);
    let threads = threads.clamp(1, connections);
    // Every thread starts its clock from the same instant, a moment ahead
    // so the runtimes are up when it comes.
    let plan = Arc::new(Plan {
        addr,
        tls,
        method: target.method.clone(),
        uri,
        headers,
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
                    tally.record(&format!("error: {e}"), Duration::ZERO);
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
        for (k, v) in tally.statuses {
            *outcome.statuses.entry(k).or_default() += v;
        }
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
    let mut sender: Option<SendRequest<Empty<Bytes>>> = None;
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
        // A connection the server closed after its last answer (nginx's
        // keepalive_requests) takes no request: connect again, once.
        // Closed pace ends at its duration (and a moment's grace), whatever
        // a hung server does: what is still in flight then is a timeout.
        let limit = match plan.pace {
            Pace::Closed { duration } => {
                plan.timeout.min((plan.start + duration + GRACE).saturating_duration_since(Instant::now()))
            }
            Pace::Open { .. } => plan.timeout,
        };
        let mut outcome = Err("unreachable");
        for _ in 0..2 {
            if sender.is_none() {
                match tokio::time::timeout(limit, connect(&plan)).await {
                    Ok(Ok(s)) => sender = Some(s),
                    Ok(Err(_)) | Err(_) => break,
                }
            }
            let Some(s) = sender.as_mut() else { break };
            outcome = match tokio::time::timeout(limit, exchange(&plan, s)).await {
                Ok(Ok(status)) => Ok(status),
                Ok(Err(Failure::NotSent)) => {
                    sender = None;
                    continue;
                }
                Ok(Err(Failure::Failed)) => Err("error"),
                Err(_) => Err("timeout"),
            };
            break;
        }
        let latency = due.elapsed();
        let mut digits = [0u8; 3];
        let kind = match outcome {
            Ok(status) => status_text(status, &mut digits),
            Err(kind) => {
                sender = None;
                kind
            }
        };
        tally.borrow_mut().record(kind, latency);
        // A refused connect returns at once: do not spin on it.
        if kind == "unreachable" && matches!(plan.pace, Pace::Closed { .. }) {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }
}

/// A status code as text without allocating: every request records one.
fn status_text(status: u16, buf: &mut [u8; 3]) -> &str {
    if (100..1000).contains(&status) {
        buf[0] = b'0' + (status / 100) as u8;
        buf[1] = b'0' + (status / 10 % 10) as u8;
        buf[2] = b'0' + (status % 10) as u8;
        std::str::from_utf8(buf).unwrap_or("error")
    } else {
        "error"
    }
}

/// A fresh connection with TCP_NODELAY, through TLS for https.
async fn connect(plan: &Plan) -> std::io::Result<SendRequest<Empty<Bytes>>> {
    let tcp = TcpStream::connect(plan.addr).await?;
    tcp.set_nodelay(true)?;
    match &plan.tls {
        None => handshake(tcp).await,
        Some((connector, name)) => handshake(connector.connect(name.clone(), tcp).await?).await,
    }
}

async fn handshake<S>(io: S) -> std::io::Result<SendRequest<Empty<Bytes>>>
where
    S: AsyncRead + AsyncWrite + Unpin + 'static,
{
    let (sender, connection) =
        http1::handshake(TokioIo::new(io)).await.map_err(|e| std::io::Error::other(e.to_string()))?;
    // Drives the connection; ends when the sender is dropped or the peer closes.
    tokio::task::spawn_local(async move {
        let _ = connection.await;
    });
    Ok(sender)
}

/// Why an exchange gave no status.
enum Failure {
    /// The connection was closed before the request went out.
    NotSent,
    /// Sent, and no whole answer came back.
    Failed,
}

/// One request; its status once the body is read to the end (so the
/// connection can carry the next).
async fn exchange(plan: &Plan, sender: &mut SendRequest<Empty<Bytes>>) -> Result<u16, Failure> {
    sender.ready().await.map_err(|_| Failure::NotSent)?;
    let mut request = Request::new(Empty::<Bytes>::new());
    *request.method_mut() = plan.method.clone();
    *request.uri_mut() = plan.uri.clone();
    *request.headers_mut() = plan.headers.clone();
    let response = sender.send_request(request).await.map_err(|e| match e.is_canceled() {
        // hyper had not started writing it: the connection was already closing.
        true => Failure::NotSent,
        false => Failure::Failed,
    })?;
    let status = response.status().as_u16();
    let mut body = response.into_body();
    while let Some(frame) = body.frame().await {
        frame.map_err(|_| Failure::Failed)?;
    }
    Ok(status)
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
    fn status_text_is_the_code() {
        let mut buf = [0u8; 3];
        assert_eq!(status_text(200, &mut buf), "200");
        assert_eq!(status_text(429, &mut buf), "429");
        assert_eq!(status_text(42, &mut buf), "error");
    }
}
