//! A model of the few Redis commands the gateway uses (INCR, EXPIRE, SET EX,
//! EXISTS, PTTL), with Redis's expiry rules, so the model's keys can be held
//! against a real Redis key by key.

use std::collections::BTreeMap;

/// One key: an integer value and its absolute expiry in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    pub value: i64,
    pub expires_at_ms: Option<u64>,
}

/// The keys one identity's requests touch, keyed by full name (no prefix).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Keyspace {
    entries: BTreeMap<String, Entry>,
}

impl Keyspace {
    pub fn new() -> Self {
        Self::default()
    }

    /// Redis treats a key as gone once `now > expire time` (db.c keyIsExpired).
    fn live(&mut self, key: &str, now_ms: u64) -> Option<&mut Entry> {
        let expired = matches!(self.entries.get(key), Some(e) if e.expires_at_ms.is_some_and(|t| now_ms > t));
        if expired {
            self.entries.remove(key);
        }
        self.entries.get_mut(key)
    }

    pub fn get(&mut self, key: &str, now_ms: u64) -> Option<Entry> {
        self.live(key, now_ms).copied()
    }

    pub fn exists(&mut self, key: &str, now_ms: u64) -> bool {
        self.live(key, now_ms).is_some()
    }

    /// INCR: a missing key starts at 0 and has no expiry.
    pub fn incr(&mut self, key: &str, now_ms: u64) -> i64 {
        if let Some(entry) = self.live(key, now_ms) {
            entry.value += 1;
            return entry.value;
        }
        self.entries.insert(key.to_string(), Entry { value: 1, expires_at_ms: None });
        1
    }

    pub fn expire(&mut self, key: &str, now_ms: u64, ttl_ms: u64) {
        if let Some(entry) = self.live(key, now_ms) {
            entry.expires_at_ms = Some(now_ms + ttl_ms);
        }
    }

    pub fn set_ex(&mut self, key: &str, value: i64, now_ms: u64, ttl_ms: u64) {
        self.entries.insert(key.to_string(), Entry { value, expires_at_ms: Some(now_ms + ttl_ms) });
    }

    /// DEL.
    pub fn remove(&mut self, key: &str) {
        self.entries.remove(key);
    }

    /// Places a key as found in a live Redis (value and PTTL read from it).
    pub fn insert(&mut self, key: &str, value: i64, now_ms: u64, pttl_ms: Option<u64>) {
        let expires_at_ms = pttl_ms.map(|ttl| now_ms + ttl);
        self.entries.insert(key.to_string(), Entry { value, expires_at_ms });
    }

    /// PTTL in milliseconds; `None` for a missing key or one without expiry.
    pub fn pttl_ms(&mut self, key: &str, now_ms: u64) -> Option<u64> {
        self.live(key, now_ms)?.expires_at_ms.map(|t| t - now_ms)
    }

    /// Every key's absolute expiry (for keeping a real request off the edge
    /// where a key expires, which timing alone cannot decide).
    pub fn expiries(&self) -> Vec<u64> {
        self.entries.values().filter_map(|e| e.expires_at_ms).collect()
    }

    /// The live keys at `now_ms`, with their values.
    pub fn snapshot(&mut self, now_ms: u64) -> BTreeMap<String, i64> {
        self.entries.retain(|_, e| e.expires_at_ms.is_none_or(|t| now_ms <= t));
        self.entries.iter().map(|(k, e)| (k.clone(), e.value)).collect()
    }
}

/// TTL in whole seconds as Redis's TTL command reports it: the remaining
/// milliseconds rounded to the nearest second (expire.c: `(ttl+500)/1000`).
pub fn ttl_seconds(pttl_ms: u64) -> u64 {
    (pttl_ms + 500) / 1000
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn incr_and_expire_follow_redis() {
        let mut ks = Keyspace::new();
        assert_eq!(ks.incr("k", 0), 1);
        ks.expire("k", 0, 1_000);
        assert_eq!(ks.incr("k", 500), 2);
        assert_eq!(ks.pttl_ms("k", 1_000), Some(0), "alive at the exact expiry millisecond");
        assert_eq!(ks.incr("k", 1_001), 1, "gone one millisecond later");
        assert_eq!(ks.pttl_ms("k", 1_001), None);
    }

    #[test]
    fn ttl_rounds_to_nearest_second() {
        assert_eq!(ttl_seconds(45_000), 45);
        assert_eq!(ttl_seconds(44_500), 45);
        assert_eq!(ttl_seconds(44_499), 44);
        assert_eq!(ttl_seconds(400), 0);
    }
}
