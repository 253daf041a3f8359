//! Writes a realistic gateway laravel.log of about SIZE megabytes to stdout,
//! for the scan benchmark (`scripts/bench-logs-scan.sh`):
//!
//! - request lines with millisecond timestamps, md5 identities and UUIDs;
//! - Retell and Cal.com payloads with epoch-millisecond times, E.164 phone
//!   numbers, booking and order ids, hashed emails and redacted keys;
//! - SQL query logs with bindings, and exceptions with multi-line stack traces;
//! - one planted real leak every PLANT_EVERY lines, each of a different kind.
//!
//! Every line is drawn afresh (no repeated block). On stderr: how many leaks
//! were planted, so the benchmark can check recall beside speed.
//!
//! With DAYS, the lines span that many days ending 2026-11-26 (full dates,
//! for `report`'s month benchmark): callers come from a pool of 5,000
//! identities, Cal.com has an outage (breaker open, 503s) about once a day.
//!
//! Usage: cargo run --release --example laravel_log -- SIZE_MB [SEED] [DAYS] > laravel.log

use std::io::{self, BufWriter, Write};

const PLANT_EVERY: u64 = 100_000;

use gatewayctl::core::rng::Rng;

/// What only this generator draws, on the shared generator.
trait Draw {
    fn uuid(&mut self) -> String;
    fn alnum(&mut self, n: usize) -> String;
}

impl Draw for Rng {
    fn uuid(&mut self) -> String {
        format!("{}-{}-4{}-a{}-{}", self.hex(8), self.hex(4), self.hex(3), self.hex(3), self.hex(12))
    }
    fn alnum(&mut self, n: usize) -> String {
        let set = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        (0..n).map(|_| char::from(set[self.below(set.len() as u64) as usize])).collect()
    }
}

const PATHS: &[&str] = &[
    "/api/v2/bookings",
    "/api/v2/availability/simple",
    "/api/webhooks/calcom",
    "/api/webhooks/retell",
    "/api/retell/collect-appointment",
    "/api/v2/slots",
    "/health",
];
const NAMES: &[&str] = &["Jo", "Maria", "Ahmed", "Li", "Sven", "Ana Lucia", "Oluwaseun", "Kim"];
const WORDS: &[&str] = &[
    "yes",
    "tomorrow",
    "at",
    "ten",
    "please",
    "the",
    "dentist",
    "appointment",
    "can",
    "I",
    "move",
    "my",
    "to",
    "Friday",
    "morning",
    "thank",
    "you",
    "no",
    "that",
    "works",
    "token",
    "password",
    "reset",
];
const FRAMES: &[&str] = &[
    "/usr/share/php/Illuminate/Database/Connection.php({}): Illuminate\\Database\\Connection->runQueryCallback('select * from `...', Array, Object(Closure))",
    "/usr/share/php/Illuminate/Routing/Pipeline.php({}): Illuminate\\Pipeline\\Pipeline->Illuminate\\Pipeline\\{closure}(Object(Illuminate\\Http\\Request))",
    "/var/www/gateway/app/Http/Middleware/RateLimitMiddleware.php({}): App\\Services\\RateLimiter->attempt('rl:bookings:3a9...', 30)",
    "/var/www/gateway/app/Services/CalcomClient.php({}): Illuminate\\Http\\Client\\PendingRequest->post('https://api.cal...', Array)",
    "/usr/share/php/GuzzleHttp/Handler/CurlHandler.php({}): GuzzleHttp\\Handler\\CurlFactory::finish(Object(GuzzleHttp\\Handler\\CurlHandler), Object(GuzzleHttp\\Handler\\EasyHandle), Object(GuzzleHttp\\Handler\\CurlFactory))",
    "/usr/share/php/Illuminate/Foundation/Http/Kernel.php({}): Illuminate\\Foundation\\Http\\Kernel->sendRequestThroughRouter(Object(Illuminate\\Http\\Request))",
    "/var/www/gateway/public/index.php({}): Illuminate\\Foundation\\Http\\Kernel->handle(Object(Illuminate\\Http\\Request))",
];

struct Clock {
    ms: u64,
    /// Days mode: the largest step between lines (ms), and the start date.
    step: u64,
    days: Option<u64>,
}

/// 2026-11-26 00:00:00 UTC.
const DAY0: u64 = 1_795_651_200_000;

impl Clock {
    /// `[2026-11-26 03:12:45]`, or with milliseconds when the channel logs them.
    fn stamp(&mut self, rng: &mut Rng) -> String {
        self.ms += rng.below(self.step);
        let date = match self.days {
            None => "2026-11-26".to_string(),
            Some(days) => {
                let at = DAY0 + 86_400_000 - days * 86_400_000 + self.ms;
                chrono::DateTime::from_timestamp_millis(at as i64).unwrap().format("%Y-%m-%d").to_string()
            }
        };
        let s = self.ms / 1000;
        let (h, m, sec) = ((s / 3600) % 24, (s / 60) % 60, s % 60);
        match self.ms % 3 {
            0 => format!("[{date} {h:02}:{m:02}:{sec:02}]"),
            _ => format!("[{date} {h:02}:{m:02}:{sec:02}.{:03}]", self.ms % 1000),
        }
    }
    fn epoch_ms(&self) -> u64 {
        1_764_115_200_000 + self.ms
    }
}

fn phone(rng: &mut Rng) -> String {
    match rng.below(4) {
        0 => format!("+49151{}", rng.digits(8)),
        1 => format!("+1{}{}", 200 + rng.below(800), rng.digits(7)),
        2 => format!("+44 7{} {}", rng.digits(3), rng.digits(6)),
        _ => format!("+33{}", rng.digits(9)),
    }
}

fn hashed_email(rng: &mut Rng) -> String {
    format!("{}@{}", rng.hex(12), rng.pick(&["example.com", "gmail.com", "praxis-berlin.de", "web.de"]))
}

/// Who calls: anyone (a fresh md5), or in days mode one of 5,000 callers.
fn caller(rng: &mut Rng, clock: &Clock) -> String {
    match clock.days {
        None => rng.hex(32),
        Some(_) => format!("{:032x}", rng.below(5_000).wrapping_mul(0x9e37_79b9_7f4a_7c15)),
    }
}

/// Lines of one log event (a stack trace spans many).
fn event(rng: &mut Rng, clock: &mut Clock, out: &mut Vec<String>) {
    let t = clock.stamp(rng);
    let ms = clock.epoch_ms();
    if clock.days.is_some() {
        // A pool of callers, and about one Cal.com outage a day.
        let id = caller(rng, clock);
        match rng.below(200_000) {
            0 => {
                out.push(format!("{t} production.WARNING: Circuit breaker opened {{\"service\":\"calcom_api\"}} []"));
                return;
            }
            1 => {
                out.push(format!("{t} production.INFO: Circuit breaker closed {{\"service\":\"calcom_api\"}} []"));
                return;
            }
            2..=40_000 => {
                out.push(format!(
                    "{t} production.INFO: API request {{\"method\":\"POST\",\"path\":\"{}\",\"status\":{},\"duration_ms\":{}.{:02},\"identity\":\"{id}\"}} []",
                    rng.pick(&["/api/v2/bookings", "/api/v2/availability/simple", "/api/v2/bookings/4711/reschedule"]),
                    rng.pick(&["200", "201", "200", "422", "503"]),
                    rng.below(400),
                    rng.below(100),
                ));
                return;
            }
            40_001..=41_000 => {
                out.push(format!(
                    "{t} production.WARNING: Rate limit exceeded {{\"identity\":\"{id}\",\"bucket\":\"bookings\",\"limit\":30,\"count\":{}}} []",
                    31 + rng.below(20)
                ));
                return;
            }
            _ => {}
        }
    }
    match rng.below(100) {
        0..=44 => out.push(format!(
            "{t} production.INFO: API request {{\"method\":\"{}\",\"path\":\"{}\",\"status\":{},\"duration_ms\":{}.{:02},\"identity\":\"{}\",\"request_id\":\"{}\",\"ua\":\"{}\"}}",
            rng.pick(&["GET", "POST", "POST", "PATCH"]),
            rng.pick(PATHS),
            rng.pick(&["200", "201", "201", "204", "422", "429"]),
            rng.below(900),
            rng.below(100),
            caller(rng, clock),
            rng.uuid(),
            rng.pick(&["Retell/2.1", "Cal.com-Webhook/1.0", "okhttp/4.12.0", "Mozilla/5.0 (X11; Linux x86_64)"]),
        )),
        45..=56 => out.push(format!(
            "{t} production.INFO: Retell webhook received {{\"event\":\"call_ended\",\"call\":{{\"call_id\":\"{}\",\"agent_id\":\"agent_{}\",\"start_timestamp\":{},\"end_timestamp\":{},\"from_number\":\"{}\",\"to_number\":\"{}\",\"transcript\":\"{}\",\"metadata\":{{\"api_key\":\"[REDACTED]\",\"token\":\"[REDACTED]\"}}}}}}",
            rng.hex(32),
            rng.hex(24),
            ms - 90_000 - rng.below(300_000),
            ms,
            phone(rng),
            phone(rng),
            (0..8 + rng.below(20)).map(|_| *rng.pick(WORDS)).collect::<Vec<_>>().join(" "),
        )),
        57..=66 => out.push(format!(
            "{t} production.INFO: Cal.com webhook received {{\"triggerEvent\":\"BOOKING_CREATED\",\"createdAt\":\"2026-11-26T03:12:45.{:03}Z\",\"payload\":{{\"bookingId\":{},\"uid\":\"{}\",\"startTime\":\"2026-12-0{}T{:02}:00:00.000Z\",\"attendees\":[{{\"email\":\"{}\",\"name\":\"{}\",\"timeZone\":\"Europe/Berlin\",\"phoneNumber\":\"{}\"}}],\"password\":\"[REDACTED]\",\"order_id\":\"{}\",\"created_ms\":{ms}}}}}",
            rng.below(1000),
            rng.digits(7),
            rng.alnum(22),
            1 + rng.below(9),
            8 + rng.below(10),
            hashed_email(rng),
            rng.pick(NAMES),
            phone(rng),
            rng.digits(16),
        )),
        67..=76 => out.push(format!(
            "{t} production.DEBUG: select * from `bookings` where `uid` = ? and `attendee_phone` = ? and `created_ms` > ? limit 1 {{\"bindings\":[\"{}\",\"{}\",{}],\"time\":{}.{:02},\"connection\":\"mysql\"}}",
            rng.alnum(22),
            phone(rng),
            ms - rng.below(86_400_000),
            rng.below(20),
            rng.below(100),
        )),
        77..=84 => out.push(format!(
            "{t} production.WARNING: Rate limit exceeded {{\"identity\":\"{}\",\"bucket\":\"{}\",\"limit\":30,\"count\":{},\"retry_after\":{},\"reset_at_ms\":{}}}",
            rng.hex(32),
            rng.pick(&["bookings", "availability", "webhooks"]),
            31 + rng.below(40),
            rng.below(60),
            ms + 60_000,
        )),
        85..=89 => out.push(format!(
            "{t} production.INFO: Outgoing request {{\"url\":\"https://api.cal.com/v2/bookings/{}\",\"headers\":{{\"Authorization\":\"[REDACTED]\",\"Cookie\":\"[REDACTED]\",\"X-Request-Id\":\"{}\",\"cal-api-version\":\"2024-08-13\"}},\"elapsed_ms\":{}}}",
            rng.digits(7),
            rng.uuid(),
            rng.below(2000),
        )),
        90..=93 => out.push(format!(
            "{t} production.DEBUG: cache hit tenant:{}:slots version 1.{}.{} etag W/\"{}\" sha1 {}",
            rng.digits(14),
            rng.below(9),
            rng.below(40),
            rng.hex(16),
            rng.hex(40),
        )),
        94..=95 => out.push(format!(
            "{t} production.INFO: Password reset requested; token expired for user {} (redacted token: [REDACTED])",
            rng.digits(8)
        )),
        _ => {
            out.push(format!(
                "{t} production.ERROR: SQLSTATE[23000]: Integrity constraint violation: 1062 Duplicate entry '{}' for key 'bookings_uid_unique' (SQL: insert into `bookings` (`uid`, `phone`, `created_ms`) values ({}, {}, {ms})) {{\"exception\":\"[object] (Illuminate\\\\Database\\\\QueryException(code: 23000): SQLSTATE[23000] at /usr/share/php/Illuminate/Database/Connection.php:{})",
                rng.alnum(22),
                rng.alnum(22),
                phone(rng),
                600 + rng.below(200),
            ));
            out.push("[stacktrace]".into());
            let depth = 8 + rng.below(25);
            for i in 0..depth {
                let frame = rng.pick(FRAMES).replace("{}", &(20 + rng.below(800)).to_string());
                out.push(format!("#{i} {frame}"));
            }
            out.push(format!("#{depth} {{main}}"));
            out.push("\"} ".into());
        }
    }
}

/// A real leak, each time of the next kind.
fn leak(n: u64, rng: &mut Rng, clock: &mut Clock) -> String {
    let t = clock.stamp(rng);
    let body = match n % 8 {
        0 => format!("{{\"password\":\"Spring-{}!\"}}", rng.alnum(8)),
        1 => "{\"note\":\"pay with 4111 1111 1111 1111 please\"}".to_string(),
        2 => format!("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.{}.{}", rng.alnum(20), rng.alnum(16)),
        3 => format!("{{\"contact\":\"{}.schmidt@example.de\"}}", rng.pick(&["maria", "jo", "sven"])),
        4 => "{\"card_number\":\"5555555555554444\"}".to_string(),
        5 => format!("GET /api/v2/bookings?api_key=sk_live_{}&x=1", rng.alnum(16)),
        6 => format!("{{\"client_secret\":\"cs_{}\"}}", rng.alnum(12)),
        _ => "amex 3782-822463-10005 on file".to_string(),
    };
    format!("{t} production.INFO: leak {body}")
}

fn main() -> io::Result<()> {
    let mut args = std::env::args().skip(1);
    let mb: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1024);
    let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(0x005e_ed0f_1095);
    let days: Option<u64> = args.next().and_then(|a| a.parse().ok());
    let mut rng = Rng::new(seed);
    let target = mb * 1024 * 1024;
    // Days mode: steps that spread about target/250 lines over the days.
    let step = days.map_or(40, |d| (2 * d * 86_400_000 / (target / 360).max(1)).max(1));
    let mut clock = Clock { ms: if days.is_some() { 0 } else { 3 * 3_600_000 }, step, days };
    let mut out = BufWriter::with_capacity(1 << 20, io::stdout().lock());
    let (mut written, mut lines, mut planted) = (0u64, 0u64, 0u64);
    let mut event_lines = Vec::new();
    while written < target {
        event_lines.clear();
        if lines / PLANT_EVERY > planted {
            event_lines.push(leak(planted, &mut rng, &mut clock));
            planted += 1;
        } else {
            event(&mut rng, &mut clock, &mut event_lines);
        }
        for l in &event_lines {
            out.write_all(l.as_bytes())?;
            out.write_all(b"\n")?;
            written += l.len() as u64 + 1;
            lines += 1;
        }
    }
    out.flush()?;
    eprintln!("lines {lines} planted_leaks {planted}");
    Ok(())
}
