//! The Cal.com stand-in: a small HTTP server on loopback whose behaviour a
//! test or an operator switches while the lab runs. Cal.com itself cannot be
//! reached from the lab; this is the one stand-in, everything else is real.
//!
//! Modes: `ok` (200 JSON), `fail` (500), `refuse` (the port is closed, so
//! connections are refused) and `slow:<duration>` (answers ok after a delay).
//! A control port takes `PUT /mode` with the mode as the body, and `GET /mode`
//! reports the mode and how many calls were served.

use std::fmt;
use std::net::SocketAddr;
use std::str::FromStr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

use crate::core::duration;

const MAX_REQUEST: usize = 256 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Ok,
    Fail,
    /// Answers 422, as Cal.com does to a request it refuses: a 4xx, which
    /// one gateway's breaker counts as a failure and another's does not.
    Reject,
    Refuse,
    Slow(Duration),
}

impl FromStr for Mode {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim() {
            "ok" => Ok(Mode::Ok),
            "fail" => Ok(Mode::Fail),
            "reject" => Ok(Mode::Reject),
            "refuse" => Ok(Mode::Refuse),
            other => match other.strip_prefix("slow:") {
                Some(d) => duration::parse(d).map(Mode::Slow).map_err(|e| e.to_string()),
                None => Err(format!("unknown upstream mode {other:?}: use ok, fail, reject, refuse or slow:DURATION")),
            },
        }
    }
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Mode::Ok => f.write_str("ok"),
            Mode::Fail => f.write_str("fail"),
            Mode::Reject => f.write_str("reject"),
            Mode::Refuse => f.write_str("refuse"),
            Mode::Slow(d) => write!(f, "slow:{}", duration::format(*d)),
        }
    }
}

/// What `GET /mode` on the control port answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpstreamStatus {
    pub mode: String,
    /// Requests served on the upstream port since start.
    pub calls: u64,
}

struct Shared {
    listen: SocketAddr,
    mode: Mutex<Mode>,
    calls: AtomicU64,
    serving: Mutex<Option<JoinHandle<()>>>,
}

/// Runs the stand-in until the process is stopped.
pub async fn serve(listen: SocketAddr, control: SocketAddr) -> std::io::Result<()> {
    let control_listener = TcpListener::bind(control).await?;
    let shared =
        Arc::new(Shared { listen, mode: Mutex::new(Mode::Ok), calls: AtomicU64::new(0), serving: Mutex::new(None) });
    start_serving(&shared).await?;
    loop {
        let (stream, _) = control_listener.accept().await?;
        let shared = shared.clone();
        tokio::spawn(async move {
            let _ = handle_control(stream, &shared).await;
        });
    }
}

async fn start_serving(shared: &Arc<Shared>) -> std::io::Result<()> {
    let listener = TcpListener::bind(shared.listen).await?;
    let worker = shared.clone();
    let task = tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let shared = worker.clone();
            tokio::spawn(async move {
                let _ = handle_upstream(stream, &shared).await;
            });
        }
    });
    *shared.serving.lock().expect("lock") = Some(task);
    Ok(())
}

async fn set_mode(shared: &Arc<Shared>, mode: Mode) -> std::io::Result<()> {
    let previous = std::mem::replace(&mut *shared.mode.lock().expect("lock"), mode);
    match (previous == Mode::Refuse, mode == Mode::Refuse) {
        (false, true) => {
            // Dropping the listener closes the port: connections are refused.
            let task = shared.serving.lock().expect("lock").take();
            if let Some(task) = task {
                task.abort();
                let _ = task.await;
            }
        }
        (true, false) => start_serving(shared).await?,
        _ => {}
    }
    Ok(())
}

async fn handle_upstream(mut stream: TcpStream, shared: &Shared) -> std::io::Result<()> {
    let (head, _body) = read_request(&mut stream).await?;
    shared.calls.fetch_add(1, Ordering::SeqCst);
    let mode = *shared.mode.lock().expect("lock");
    if let Mode::Slow(delay) = mode {
        tokio::time::sleep(delay).await;
    }
    let (status, body) = match mode {
        Mode::Fail => (500, r#"{"error":"simulated Cal.com failure"}"#.to_string()),
        Mode::Reject => (422, r#"{"error":"simulated Cal.com refusal"}"#.to_string()),
        _ if head.starts_with("GET /v2/slots") => (200, r#"{"slots":["09:00","10:00","11:30"]}"#.to_string()),
        // A new booking; a booking of its own (`/v2/bookings/<uid>/cancel`)
        // the stand-in does not know: 404, as Cal.com answers.
        _ if head.starts_with("POST /v2/bookings ") => {
            (200, format!(r#"{{"id":{},"status":"accepted"}}"#, shared.calls.load(Ordering::SeqCst)))
        }
        _ => (404, r#"{"error":"not found"}"#.to_string()),
    };
    respond(&mut stream, status, &body).await
}

async fn handle_control(mut stream: TcpStream, shared: &Arc<Shared>) -> std::io::Result<()> {
    let (head, body) = read_request(&mut stream).await?;
    if head.starts_with("PUT /mode") {
        match String::from_utf8_lossy(&body).trim().trim_matches('"').parse::<Mode>() {
            Ok(mode) => set_mode(shared, mode).await?,
            Err(e) => return respond(&mut stream, 400, &serde_json::json!({ "error": e }).to_string()).await,
        }
    } else if !head.starts_with("GET /mode") {
        return respond(&mut stream, 404, r#"{"error":"use GET or PUT /mode"}"#).await;
    }
    let mode = shared.mode.lock().expect("lock").to_string();
    let status = UpstreamStatus { mode, calls: shared.calls.load(Ordering::SeqCst) };
    respond(&mut stream, 200, &serde_json::to_string(&status).expect("serializable")).await
}

/// Reads one request: the head up to the blank line and a Content-Length body.
async fn read_request(stream: &mut TcpStream) -> std::io::Result<(String, Vec<u8>)> {
    let mut buf = Vec::with_capacity(1024);
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(pos) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break pos + 4;
        }
        let n = stream.read(&mut chunk).await?;
        if n == 0 || buf.len() > MAX_REQUEST {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let length = head
        .lines()
        .find_map(|l| l.split_once(':').filter(|(k, _)| k.eq_ignore_ascii_case("content-length")))
        .and_then(|(_, v)| v.trim().parse::<usize>().ok())
        .unwrap_or(0)
        .min(MAX_REQUEST);
    let mut body = buf[head_end..].to_vec();
    while body.len() < length {
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            break;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    Ok((head, body))
}

async fn respond(stream: &mut TcpStream, status: u16, body: &str) -> std::io::Result<()> {
    let reason = match status {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        422 => "Unprocessable Entity",
        _ => "Internal Server Error",
    };
    let response = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(response.as_bytes()).await?;
    stream.shutdown().await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_round_trip() {
        for text in ["ok", "fail", "reject", "refuse", "slow:3s", "slow:250ms"] {
            assert_eq!(text.parse::<Mode>().unwrap().to_string(), text);
        }
        assert!("explode".parse::<Mode>().is_err());
        assert!("slow:soon".parse::<Mode>().is_err());
    }
}
