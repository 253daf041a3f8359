//! Operations several commands share (after cargo's `ops`): the checks,
//! cache rebuild, reload with its proof, verify, a feature's rollback and
//! undo, breaker reads. Each takes the settings and an options value and
//! returns a typed report value; none prints. Every operation that changes
//! the gateway takes a `&Door`: proof that the caller holds the operator
//! lock and journals, so activate, rollback, watch's guard and a fleet run
//! all get the same guarantees without repeating them.

pub mod blocking;
pub mod breaker;
pub mod cache;
pub mod door;
pub mod preflight;
pub mod reload;
pub mod rollback;
pub mod routes;
pub mod verify;
