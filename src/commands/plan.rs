//! `gatewayctl plan review PLAN.md`: reads a hand-written activation plan
//! and flags, line by line, what the gateway says is wrong with it, before
//! anyone runs it. Read-only: nothing is sent, run or changed.

use std::ops::Range;
use std::path::{Path, PathBuf};

use anyhow::Context as _;

use crate::cli::plan::PlanCommand;
use crate::commands::Context;
use crate::core::planreview::{self, Knowledge};
use crate::exit;
use crate::report::plan::PlanDebriefReport;

/// A plan larger than this is refused rather than read.
const MAX_PLAN_BYTES: u64 = 16 * 1024 * 1024;

pub fn exec(cmd: PlanCommand, ctx: &mut Context) -> anyhow::Result<u8> {
    let PlanCommand::Review(args) = cmd;
    let settings = ctx.settings()?;
    let size = std::fs::metadata(&args.plan).with_context(|| format!("while reading {}", args.plan.display()))?.len();
    if size > MAX_PLAN_BYTES {
        return Err(exit::UsageError(format!(
            "{} is {size} bytes: not a hand-written plan (the limit is {MAX_PLAN_BYTES})",
            args.plan.display()
        ))
        .into());
    }
    let bytes = std::fs::read(&args.plan).with_context(|| format!("while reading {}", args.plan.display()))?;
    let text = String::from_utf8_lossy(&bytes);
    let app_dir = settings.app_dir().to_path_buf();
    let app_lines = |file: &str, range: Range<usize>| read_app_lines(&app_dir, file, range);
    // The framework the app runs: its own vendor copy, else Debian's.
    let framework = |rel: &str| {
        [app_dir.join("vendor/laravel/framework/src/Illuminate"), PathBuf::from("/usr/share/php/Illuminate")]
            .iter()
            .find_map(|root| std::fs::read_to_string(root.join(rel)).ok())
    };
    let app = crate::ops::limiter::shape(&settings);
    if let Some(warning) = &app.warning {
        ctx.out.warn(warning);
    }
    let limiter = app.shape;
    // Where the limiter's keys live: the shape's database and prefixes.
    let limiter_prefix = limiter.stored_name(&settings.file.redis.prefix, "");
    // The gateway's own bugs, where an app is at hand: the plan's claims are held against them.
    let app_findings = match crate::ops::limiter::has_app(&settings) {
        true => crate::ops::findings::gather(&settings).findings,
        false => vec![],
    };
    let know = Knowledge {
        limiter: &limiter,
        breakers: &settings.breakers,
        redis_prefix: &limiter_prefix,
        redis_db: limiter.storage.database.unwrap_or_else(|| crate::ops::redis_db(&settings.file.redis.url)),
        fpm_unit: &settings.file.service.unit,
        app_lines: &app_lines,
        framework: &framework,
        app_findings: &app_findings,
    };
    let report = PlanDebriefReport {
        plan: args.plan.display().to_string(),
        blocks: planreview::blocks(&text).len(),
        findings: planreview::review(&text, &know),
    };
    ctx.out.emit(&report)?;
    Ok(if report.failed() { exit::CHECK_FAILED } else { exit::OK })
}

/// The lines a plan's path names, read from the app: the path as written
/// when it is inside the app, else its longest tail that exists in the app
/// (`/var/www/api-gateway/routes/api.php` is the app's `routes/api.php`).
fn read_app_lines(app_dir: &Path, file: &str, range: Range<usize>) -> Option<Vec<String>> {
    let path = Path::new(file);
    let candidates = path.components().count();
    let found = (0..candidates).find_map(|skip| {
        let tail: PathBuf =
            path.components().skip(skip).filter(|c| matches!(c, std::path::Component::Normal(_))).collect();
        let p = app_dir.join(&tail);
        (!tail.as_os_str().is_empty() && p.is_file()).then_some(p)
    })?;
    let text = std::fs::read_to_string(found).ok()?;
    Some(text.lines().skip(range.start.saturating_sub(1)).take(range.len()).map(str::to_string).collect())
}
