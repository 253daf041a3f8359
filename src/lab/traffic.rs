//! The lab's own Retell traffic: `collect-appointment` calls as a voice
//! agent sends them, most valid, some that CollectAppointmentRequest's
//! rules refuse (a phone in parentheses, markup or SQL in the name, a
//! date in another format, a missing service), and some with emails the
//! sanitizer hashes. Sent through the lab gateway at `lab up`, so the app
//! logs them itself and the input-validation preview has traffic to read.

use std::io::{Read, Write};
use std::time::Duration;

use crate::core::rng::Rng;

const FIRST: &[&str] =
    &["Anna", "José", "Mette", "O'Brien", "Anne-Marie", "Łukasz", "Chloé", "Dr. Weber", "Yuki", "Ivan"];
const LAST: &[&str] = &["Berg", "Müller", "Ng", "Dubois", "Kowalski", "Silva", "Okafor", "Schmidt"];

/// `count` payloads; about a third is refused by the lab's rules.
pub fn payloads(count: usize, seed: u64) -> Vec<serde_json::Value> {
    let mut rng = Rng::new(seed);
    (0..count)
        .map(|i| {
            let name = format!("{} {}", rng.pick(FIRST), rng.pick(LAST));
            let phone = format!("+49 30 {:07}", rng.below(10_000_000));
            let date = format!("2026-12-{:02}", 1 + rng.below(28));
            let time = format!("{:02}:{}", 8 + rng.below(10), rng.pick(&["00", "15", "30", "45"]));
            let mut p = serde_json::json!({
                "name": name, "phone": phone, "date": date, "time": time,
                "service_id": 1 + rng.below(5), "call_id": format!("call_{:016x}", rng.next()),
            });
            if rng.below(3) == 0 {
                let local = name.to_lowercase().replace([' ', '\''], ".");
                p["email"] = serde_json::json!(format!("{local}@example.com"));
            }
            match rng.below(16) {
                0 | 1 => {
                    p["phone"] = serde_json::json!(format!("(030) {:03} {:04}", rng.below(1000), rng.below(10_000)))
                }
                2 => p["name"] = serde_json::json!(format!("<b>{name}</b>")),
                3 => p["name"] = serde_json::json!(format!("{name}'); DROP TABLE appointments;--")),
                4 => p["date"] = serde_json::json!(format!("{:02}/12/2026", 1 + rng.below(28))),
                5 if i % 2 == 0 => {
                    p.as_object_mut().expect("object").remove("service_id");
                }
                5 => p["email"] = serde_json::json!("anna.berg@"),
                _ => {}
            }
            p
        })
        .collect()
}

/// POSTs each payload to the lab's collect-appointment route, four at a
/// time (php-fpm's workers); returns how many were answered.
pub fn send(addr: &str, payloads: &[serde_json::Value]) -> usize {
    let per = payloads.len().div_ceil(4).max(1);
    std::thread::scope(|s| {
        let senders: Vec<_> =
            payloads.chunks(per).map(|part| s.spawn(move || part.iter().filter(|p| post(addr, p)).count())).collect();
        senders.into_iter().map(|h| h.join().unwrap_or(0)).sum()
    })
}

fn post(addr: &str, payload: &serde_json::Value) -> bool {
    let Ok(mut stream) = std::net::TcpStream::connect(addr) else { return false };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let body = payload.to_string();
    let request = format!(
        "POST /api/retell/collect-appointment HTTP/1.0\r\nHost: {addr}\r\nContent-Type: application/json\r\nUser-Agent: Retell-Lab\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    if stream.write_all(request.as_bytes()).is_err() {
        return false;
    }
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    answer.starts_with("HTTP/1.1 ")
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_traffic_is_deterministic_and_mixed() {
        let a = super::payloads(200, 7);
        assert_eq!(a, super::payloads(200, 7));
        let odd = |p: &serde_json::Value| {
            p["phone"].as_str().is_some_and(|s| s.starts_with('('))
                || p["name"].as_str().is_some_and(|s| s.contains('<') || s.contains(';'))
                || p.get("service_id").is_none()
        };
        let refused = a.iter().filter(|p| odd(p)).count();
        assert!((20..100).contains(&refused), "{refused}");
        assert!(a.iter().any(|p| p.get("email").is_some()));
    }
}
