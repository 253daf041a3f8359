//! A unified diff of two texts, by lines: what `rollback --dry-run` shows,
//! and what `rollback undo` shows when someone edited the file since.

/// Lines of context around each change.
const CONTEXT: usize = 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Same,
    Del,
    Add,
}

/// `---`/`+++` headers, then `@@` hunks; empty when the texts are equal.
pub fn unified(old: &str, new: &str, old_name: &str, new_name: &str) -> String {
    if old == new {
        return String::new();
    }
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    let ops = script(&a, &b);
    let mut out = format!("--- {old_name}\n+++ {new_name}\n");
    let changed: Vec<usize> =
        ops.iter().enumerate().filter(|(_, (op, _, _))| *op != Op::Same).map(|(i, _)| i).collect();
    let mut i = 0;
    while i < changed.len() {
        let start = changed[i].saturating_sub(CONTEXT);
        let mut end = changed[i];
        while i + 1 < changed.len() && changed[i + 1] <= end + 2 * CONTEXT + 1 {
            i += 1;
            end = changed[i];
        }
        let end = (end + CONTEXT + 1).min(ops.len());
        let (old_line, new_line) = (ops[start].1 + 1, ops[start].2 + 1);
        out.push_str(&format!("@@ -{old_line} +{new_line} @@\n"));
        for (op, ai, bi) in &ops[start..end] {
            match op {
                Op::Same => out.push_str(&format!(" {}\n", a[*ai])),
                Op::Del => out.push_str(&format!("-{}\n", a[*ai])),
                Op::Add => out.push_str(&format!("+{}\n", b[*bi])),
            }
        }
        i += 1;
    }
    out
}

/// The edit script from the longest common subsequence: (op, index in a, index in b).
fn script(a: &[&str], b: &[&str]) -> Vec<(Op, usize, usize)> {
    let (n, m) = (a.len(), b.len());
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if a[i] == b[j] { lcs[i + 1][j + 1] + 1 } else { lcs[i + 1][j].max(lcs[i][j + 1]) };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut ops = Vec::with_capacity(n + m);
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            ops.push((Op::Same, i, j));
            i += 1;
            j += 1;
        } else if i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1]) {
            // Deletions before additions, as diff -u shows them.
            ops.push((Op::Del, i, j.min(m.saturating_sub(1))));
            i += 1;
        } else {
            ops.push((Op::Add, i.min(n.saturating_sub(1)), j));
            j += 1;
        }
    }
    ops
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_a_removed_line_with_context() {
        let old = "a\nb\n'api.rate-limit',\nc\nd\ne\n";
        let new = "a\nb\nc\nd\ne\n";
        let diff = unified(old, new, "routes/api.php", "routes/api.php (rolled back)");
        assert_eq!(
            diff,
            "--- routes/api.php\n+++ routes/api.php (rolled back)\n@@ -1 +1 @@\n a\n b\n-'api.rate-limit',\n c\n d\n"
        );
        assert!(unified(old, old, "x", "y").is_empty());
    }
}
