//! Why an op stopped before doing what it was asked, as ops' own types;
//! `exit::code_for` maps each to its exit code, in one place.

/// The request cannot be carried out as asked (a file changed by hand
/// since, a fleet spec that names no host, no log to read): nothing was
/// done. Exit 2, as a usage error.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Refused(pub String);

/// What was found contradicts what was asked, before anything was done (a
/// probe whose configured shape the gateway disagrees with). Exit 1, as a
/// failed check.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Contradicted(pub String);
