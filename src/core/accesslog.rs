//! nginx's access log in its `combined` format, the one place a refused
//! call shows: a 422 from Laravel's validation is not in laravel.log.
//! Shape: `ADDR - USER [TIME] "METHOD TARGET PROTO" STATUS BYTES "REF" "UA"`.

/// The request line's method and path (query dropped) and the status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Access<'a> {
    pub method: &'a str,
    pub path: &'a str,
    pub status: u16,
}

/// Parses one combined-format line; `None` for anything else.
pub fn parse(line: &str) -> Option<Access<'_>> {
    let (_, rest) = line.split_once("] \"")?;
    let (request, rest) = rest.split_once("\" ")?;
    let mut parts = request.split(' ');
    let (method, target) = (parts.next()?, parts.next()?);
    let status = rest.split(' ').next()?.parse().ok()?;
    let path = target.split('?').next().unwrap_or(target);
    Some(Access { method, path, status })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_combined_lines_and_nothing_else() {
        let line = r#"127.0.0.1 - - [26/Nov/2026:14:25:03 +0000] "POST /api/retell/collect-appointment?x=1 HTTP/1.1" 422 143 "-" "Retell-Lab""#;
        assert_eq!(parse(line), Some(Access { method: "POST", path: "/api/retell/collect-appointment", status: 422 }));
        assert_eq!(parse("[2026-11-26 14:25:03] lab.INFO: API request {}"), None);
        assert_eq!(parse(r#"1.2.3.4 - - [x] "\x16\x03" 400 0 "-" "-""#), None);
    }
}
