//! The gateway's own bugs, as preflight, verify and report show them: one
//! row per finding, its evidence whole (the table wraps, never cuts).

use std::io::{self, Write};

use comfy_table::Cell;

use crate::core::findings::Finding;
use crate::report::{table, Style};

/// The heading and the table; nothing when there is no finding.
pub fn write(w: &mut dyn Write, style: &Style, findings: &[Finding]) -> io::Result<()> {
    if findings.is_empty() {
        return Ok(());
    }
    writeln!(w, "{}", style.bold("The gateway's own bugs"))?;
    let mut t = table::Noted::new(&["bug", "seen, what it will do, what to do instead"]);
    for f in findings {
        let bug = match f.harmful {
            true => style.bad(&format!("{}\n(harmful today)", f.kind)),
            false => style.warn(&format!("{}\n(latent)", f.kind)),
        };
        let row = vec![Cell::new(bug), t.cell(&format!("seen: {}\nwill: {}\nfix:  {}", f.seen, f.effect, f.fix))];
        t.add_row(row);
    }
    writeln!(w, "{t}")
}
