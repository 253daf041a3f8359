//! The fleet: the hosts `--hosts` picks (from `[[hosts]]` or an Ansible
//! inventory), each running gatewayctl itself over ssh, a bounded number at
//! once, answers kept in host order. Every proof is made on the host it
//! concerns; what a host could not answer is said with its name, never
//! taken for a pass.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use anyhow::Context as _;

use crate::adapters::ssh::{RemoteOutput, Ssh};
use crate::core::inventory::{self, Host};
use crate::ops::error::Refused;
use crate::settings::Settings;

/// The hosts picked and how to reach them.
pub struct Fleet {
    pub hosts: Vec<Host>,
    pub ssh: Ssh,
    pub parallel: usize,
    pub gatewayctl: String,
    /// What the inventory held that gatewayctl ignores.
    pub notes: Vec<String>,
}

impl Fleet {
    /// The hosts `spec` names, from `inventory` (Ansible INI) or the config's `[[hosts]]`.
    pub fn pick(settings: &Settings, spec: &str, inventory: Option<&Path>) -> anyhow::Result<Fleet> {
        let (hosts, notes) = match inventory {
            Some(path) => {
                let text = std::fs::read_to_string(path)
                    .with_context(|| format!("while reading the inventory {}", path.display()))?;
                inventory::from_ansible(&text).map_err(|e| Refused(format!("inventory {}: {e}", path.display())))?
            }
            None => (settings.file.hosts.iter().map(|h| h.host()).collect(), vec![]),
        };
        let hosts = inventory::select(&hosts, spec).map_err(Refused)?;
        let f = &settings.file.fleet;
        Ok(Fleet {
            hosts,
            ssh: Ssh {
                config: (!f.ssh_config.as_os_str().is_empty()).then(|| f.ssh_config.clone()),
                connect_timeout: f.connect_timeout.0,
                command_timeout: f.command_timeout.0,
                control_dir: Ssh::control_dir(),
            },
            parallel: f.parallel.max(1),
            gatewayctl: f.gatewayctl.clone(),
            notes,
        })
    }

    /// gatewayctl's command line on `host`: JSON out, the host's own config and app dir.
    pub fn remote(&self, host: &Host, args: &[&str]) -> Vec<String> {
        self.remote_as(host, "json", args)
    }

    /// The same in `format`: `jsonl` for a watch, read line by line as it comes.
    fn remote_as(&self, host: &Host, format: &str, args: &[&str]) -> Vec<String> {
        let mut out = vec![self.gatewayctl.clone(), "--format".into(), format.into(), "--quiet".into()];
        if let Some(config) = &host.config {
            out.extend(["--config".into(), config.display().to_string()]);
        }
        if let Some(app) = &host.app_dir {
            out.extend(["--app-dir".into(), app.display().to_string()]);
        }
        if let Some(url) = &host.base_url {
            out.extend(["--base-url".into(), url.clone()]);
        }
        out.extend(args.iter().map(|a| a.to_string()));
        out
    }

    /// Runs gatewayctl `args` on every host, `parallel` at once; the
    /// answers in host order.
    pub async fn each(&self, args: &[&str]) -> Vec<(Host, RemoteOutput)> {
        self.each_on(&self.hosts, args).await
    }

    /// As `each`, on some of the hosts.
    pub async fn each_on(&self, hosts: &[Host], args: &[&str]) -> Vec<(Host, RemoteOutput)> {
        self.each_with(hosts.iter().map(|h| (h.clone(), args.iter().map(|a| a.to_string()).collect())).collect()).await
    }

    /// Each host with its own gatewayctl arguments, `parallel` at once.
    pub async fn each_with(&self, jobs: Vec<(Host, Vec<String>)>) -> Vec<(Host, RemoteOutput)> {
        let gate = Arc::new(tokio::sync::Semaphore::new(self.parallel));
        let mut tasks = tokio::task::JoinSet::new();
        for (i, (host, args)) in jobs.into_iter().enumerate() {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let remote = self.remote(&host, &args);
            let (ssh, gate) = (self.ssh.clone(), gate.clone());
            tasks.spawn(async move {
                let _permit = gate.acquire_owned().await.expect("the gate is never closed");
                let answer = ssh.run(&host, &remote).await;
                (i, host, answer)
            });
        }
        let mut out: Vec<(usize, Host, RemoteOutput)> = Vec::new();
        while let Some(done) = tasks.join_next().await {
            out.push(done.expect("a host's task panicked"));
        }
        out.sort_by_key(|(i, _, _)| *i);
        out.into_iter().map(|(_, h, a)| (h, a)).collect()
    }
}

/// A host's error, for a report: ssh's own failure, else gatewayctl's
/// error headline there (`gatewayctl: …`, which a diff or causes may
/// follow), else the last non-empty line of its stderr.
pub fn last_words(answer: &RemoteOutput) -> Option<String> {
    answer.failure.clone().or_else(|| {
        let lines = || answer.stderr.lines().filter(|l| !l.trim().is_empty());
        // The headline, with the indented lines a narrow output wrapped it onto.
        let mut all = answer.stderr.lines().skip_while(|l| !l.starts_with("gatewayctl: "));
        let headline = all.next().map(|first| {
            let rest = all.take_while(|l| l.starts_with("  ") && !l.trim_start().starts_with("caused by:"));
            std::iter::once(&first["gatewayctl: ".len()..]).chain(rest.map(str::trim)).collect::<Vec<_>>().join(" ")
        });
        headline.or_else(|| lines().next_back().map(|l| l.trim().to_string())).map(|l| l.chars().take(300).collect())
    })
}

use crate::core::checks::GoNoGo;
use crate::core::journal::Event;
use crate::ops::door::Door;
use crate::report::activate::ActivateReport;
use crate::report::fleet::{
    FleetActivateReport, FleetCheckReport, FleetPreflightReport, FleetPushReport, FleetRollbackReport,
    FleetStatusReport, HostActivation, HostCheck, HostPreflight, HostPush, HostRollback, HostStatus, Whoami,
};
use crate::report::preflight::PreflightReport;

/// This machine's gatewayctl: version, the running binary's SHA-256, config, app dir.
pub fn whoami(settings: &Settings) -> Whoami {
    let sha256 = std::env::current_exe().ok().and_then(|p| crate::ops::cache::sha256_file(&p));
    Whoami {
        version: env!("CARGO_PKG_VERSION").into(),
        sha256,
        config: settings.source.as_ref().map(|p| p.display().to_string()),
        app_dir: settings.app_dir().display().to_string(),
        host: crate::adapters::state::hostname(),
    }
}

/// `fleet check`: each host reachable, its gatewayctl (same binary as here?), its config.
pub async fn check(fleet: &Fleet, local: Whoami) -> FleetCheckReport {
    let hosts: Vec<HostCheck> = fleet
        .each(&["fleet", "whoami"])
        .await
        .into_iter()
        .map(|(host, answer)| {
            let who: Option<Whoami> =
                (answer.code == Some(0)).then(|| serde_json::from_str(&answer.stdout).ok()).flatten();
            let error = match (&who, answer.code) {
                (Some(w), _) if w.config.is_none() => Some("no gatewayctl.toml found on the host".into()),
                (Some(_), _) => None,
                (None, Some(127)) => {
                    Some(format!("{} is not installed there: `gatewayctl fleet push`", fleet.gatewayctl))
                }
                (None, _) => last_words(&answer).or(Some("no answer".into())),
            };
            HostCheck {
                host: host.name.clone(),
                reachable: answer.code.is_some(),
                same_binary: who.as_ref().map(|w| w.sha256.is_some() && w.sha256 == local.sha256),
                whoami: who,
                error,
            }
        })
        .collect();
    let ok = hosts.iter().all(|h| h.error.is_none() && h.same_binary == Some(true));
    FleetCheckReport { hosts, local, notes: fleet.notes.clone(), ok }
}

/// `preflight --hosts`: every host's preflight, side by side; GO only when
/// every host answered GO.
pub async fn preflight(fleet: &Fleet) -> FleetPreflightReport {
    let hosts: Vec<HostPreflight> = fleet
        .each(&["preflight"])
        .await
        .into_iter()
        .map(|(host, answer)| {
            // preflight exits 0 (GO) or 1 (NO-GO) with its report; anything else is no answer.
            let report: Option<PreflightReport> =
                matches!(answer.code, Some(0 | 1)).then(|| serde_json::from_str(&answer.stdout).ok()).flatten();
            let error = match &report {
                Some(_) => None,
                None => Some(last_words(&answer).unwrap_or_else(|| "no preflight report came back".into())),
            };
            HostPreflight { host: host.name.clone(), reachable: answer.code.is_some(), report, error }
        })
        .collect();
    let go = hosts.iter().all(|h| h.report.as_ref().is_some_and(|r| r.decision == GoNoGo::Go));
    FleetPreflightReport { decision: if go { GoNoGo::Go } else { GoNoGo::NoGo }, hosts, notes: fleet.notes.clone() }
}

/// Where one host of a fleet activation stands.
fn state(host: &Host, batch: Option<usize>, state: &str, detail: String, remote_run: Option<String>) -> HostActivation {
    HostActivation { host: host.name.clone(), batch, state: state.into(), detail, remote_run }
}

/// `activate --hosts`: Phase 1 (preflight) on every host, then the
/// runbook on each batch of hosts in turn, each batch gated on its hosts'
/// own activation (which ends with verify) and on the health of the hosts
/// switched before it. More failures than `max_fail` stop the run, and
/// every host this run switched is rolled back (the emergency rollback,
/// proven off there). Each step is journaled on the operator's machine
/// through `door`; each host journals its own.
pub async fn activate(
    fleet: &Fleet,
    door: &Door,
    batches: &[usize],
    max_fail: usize,
    with: &[String],
    owed: Option<Vec<crate::core::journal::FleetOwed>>,
) -> anyhow::Result<FleetActivateReport> {
    use crate::core::journal::FleetOwed;
    let resume = owed.is_some();
    let started = std::time::Instant::now();
    let record = |host: &Host, step: &str, ok: bool, detail: &str, remote_run: Option<String>| {
        door.record(Event::FleetHost {
            host: host.name.clone(),
            step: step.into(),
            ok,
            detail: detail.into(),
            remote_run,
        })
    };
    let mut states: Vec<Option<HostActivation>> = fleet.hosts.iter().map(|_| None).collect();
    let index = |name: &str| fleet.hosts.iter().position(|h| h.name == name).expect("a host of the fleet");

    // Phase 1 on every host: nothing changes anywhere unless all are GO.
    // A resume finishes what each host's own journal says is owed instead.
    let pre = match resume {
        false => preflight(fleet).await,
        true => FleetPreflightReport { decision: GoNoGo::Go, hosts: vec![], notes: vec![] },
    };
    for h in &pre.hosts {
        let go = h.report.as_ref().is_some_and(|r| r.decision == GoNoGo::Go);
        let detail = match (&h.error, &h.report) {
            (Some(e), _) => e.clone(),
            (None, Some(r)) => crate::ops::preflight::summary(&r.checks),
            (None, None) => String::new(),
        };
        record(&fleet.hosts[index(&h.host)], "preflight", go, &detail, None)?;
        if !go {
            states[index(&h.host)] = Some(state(&fleet.hosts[index(&h.host)], None, "no_go", detail, None));
        }
    }
    // A resume leaves alone the hosts that owe nothing.
    let owed = owed.unwrap_or_else(|| fleet.hosts.iter().map(|_| FleetOwed::Fresh).collect());
    for (i, o) in owed.iter().enumerate() {
        if let FleetOwed::Nothing(why) = o {
            states[i] = Some(state(&fleet.hosts[i], None, "skipped", why.clone(), None));
        }
    }
    let todo: Vec<usize> = (0..fleet.hosts.len()).filter(|&i| states[i].is_none()).collect();
    let mut stopped_at = None;
    let mut switched: Vec<usize> = Vec::new();
    if pre.decision != GoNoGo::Go {
        stopped_at = Some("Phase 1: not every host is GO; nothing was changed on any host".to_string());
    } else {
        let args = |i: usize| -> Vec<String> {
            let mut args: Vec<String> = vec!["--yes".into(), "activate".into()];
            if owed[i] == FleetOwed::Resume {
                args.push("--resume".into());
            }
            for w in with {
                args.extend(["--with".into(), w.clone()]);
            }
            args
        };
        let mut next = 0;
        let mut failures = 0;
        for (b, &size) in batches.iter().enumerate() {
            let batch: Vec<usize> = todo[next..(next + size).min(todo.len())].to_vec();
            next += batch.len();
            if batch.is_empty() {
                break;
            }
            let jobs = batch.iter().map(|&i| (fleet.hosts[i].clone(), args(i))).collect();
            for (host, answer) in fleet.each_with(jobs).await {
                let report: Option<ActivateReport> = serde_json::from_str(&answer.stdout).ok();
                let run = report.as_ref().map(|r| r.run.clone());
                let live = report.as_ref().is_some_and(|r| {
                    r.phases
                        .iter()
                        .flat_map(|p| &p.steps)
                        .any(|s| s.id == "reload" && s.outcome == crate::core::journal::StepOutcome::Ok)
                });
                let i = index(&host.name);
                let (name, detail) = match (answer.code, live) {
                    (Some(0), _) => ("switched", "activated and verified".to_string()),
                    (_, true) => {
                        ("failed_live", format!("live but failed: {}", last_words(&answer).unwrap_or_default()))
                    }
                    (None, _) => ("unknown", format!("{}: see its journal", last_words(&answer).unwrap_or_default())),
                    (Some(_), false) => (
                        "failed_before_reload",
                        format!("nothing signalled: {}", last_words(&answer).unwrap_or_else(|| "failed".into())),
                    ),
                };
                record(&host, "activate", name == "switched", &detail, run.clone())?;
                if name != "switched" {
                    failures += 1;
                }
                if name == "switched" || name == "failed_live" {
                    switched.push(i);
                }
                states[i] = Some(state(&host, Some(b + 1), name, detail, run));
            }
            // The hosts switched before this batch must still be healthy.
            let earlier: Vec<Host> = switched
                .iter()
                .filter(|&&i| states[i].as_ref().is_some_and(|s| s.batch != Some(b + 1)))
                .map(|&i| fleet.hosts[i].clone())
                .collect();
            for (host, answer) in fleet.each_on(&earlier, &["verify"]).await {
                let ok = answer.code == Some(0);
                record(&host, "verify", ok, &last_words(&answer).unwrap_or_default(), None)?;
                if !ok {
                    failures += 1;
                    if let Some(s) = states[index(&host.name)].as_mut() {
                        s.state = "failed_live".into();
                        s.detail =
                            format!("verify failed after batch {}: {}", b + 1, last_words(&answer).unwrap_or_default());
                    }
                }
            }
            if failures > max_fail {
                stopped_at = Some(format!("batch {}: {failures} host(s) failed (max_fail {max_fail})", b + 1));
                break;
            }
        }
        if stopped_at.is_some() && !switched.is_empty() {
            // Roll back every host this run switched, each proven off there.
            let hosts: Vec<Host> = switched.iter().map(|&i| fleet.hosts[i].clone()).collect();
            for (host, answer) in fleet.each_on(&hosts, &["--yes", "rollback", "emergency"]).await {
                let ok = answer.code == Some(0);
                let detail = match ok {
                    true => "rolled back, proven off".to_string(),
                    false => format!("ROLLBACK FAILED: {}", last_words(&answer).unwrap_or_default()),
                };
                record(&host, "rollback", ok, &detail, None)?;
                if let Some(s) = states[index(&host.name)].as_mut() {
                    s.state = if ok { "rolled_back".into() } else { "rollback_failed".into() };
                    s.detail = format!("{}; {detail}", s.detail);
                }
            }
        }
    }
    let hosts: Vec<HostActivation> = fleet
        .hosts
        .iter()
        .zip(states)
        .map(|(h, s)| s.unwrap_or_else(|| state(h, None, "untouched", "nothing was run on it".into(), None)))
        .collect();
    let completed = hosts
        .iter()
        .all(|h| h.state == "switched" || (resume && h.state == "skipped" && h.detail.starts_with("switched")));
    door.record(Event::RunFinished { completed })?;
    Ok(FleetActivateReport {
        run: door.run().to_string(),
        batches: batches.to_vec(),
        hosts,
        completed,
        stopped_at,
        elapsed_ms: started.elapsed().as_millis() as u64,
    })
}

/// A rollback (`args`, e.g. `rollback emergency`) on every host at once;
/// each host proves its own off over HTTP. Done only when every host says so.
pub async fn rollback(
    fleet: &Fleet,
    door: Option<&Door>,
    what: &str,
    args: &[&str],
    skip: Vec<Option<String>>,
) -> anyhow::Result<FleetRollbackReport> {
    let mut report = each_skipping(fleet, door, what, args, skip, false).await?;
    report.what = what.into();
    report.dry_run = args.contains(&"--dry-run");
    Ok(report)
}

/// What stands on each host, as its own `status` says: feature → state
/// (`on`, `rolled_back`, `rollback_half_done`, `undo_half_done`, …), or why
/// the host could not say. What `--resume` acts on: the hosts, not the
/// operator's journal.
pub async fn feature_states(fleet: &Fleet) -> Vec<Result<BTreeMap<String, String>, String>> {
    status(fleet)
        .await
        .hosts
        .into_iter()
        .map(|h| match h.report {
            Some(r) => Ok(r.features.into_iter().map(|f| (f.feature.name().to_string(), f.state)).collect()),
            None => Err(h.error.unwrap_or_else(|| "no status report".into())),
        })
        .collect()
}

/// Runs `args` on every host `skip` leaves (`Some(why)`: left alone), each
/// host's outcome journaled as `step` when there is a door, and the run's end.
async fn each_skipping(
    fleet: &Fleet,
    door: Option<&Door>,
    step: &str,
    args: &[&str],
    skip: Vec<Option<String>>,
    undo: bool,
) -> anyhow::Result<FleetRollbackReport> {
    let started = std::time::Instant::now();
    let todo: Vec<Host> = fleet.hosts.iter().zip(&skip).filter(|(_, s)| s.is_none()).map(|(h, _)| h.clone()).collect();
    let mut answers = fleet.each_on(&todo, args).await.into_iter();
    let mut hosts = Vec::new();
    for (host, skipped) in fleet.hosts.iter().zip(skip) {
        if let Some(why) = skipped {
            hosts.push(HostRollback {
                host: host.name.clone(),
                reachable: true,
                code: None,
                report: None,
                error: None,
                elapsed_ms: 0,
                detail: String::new(),
                skipped: Some(why),
            });
            continue;
        }
        let (host, answer) = answers.next().expect("an answer per host acted on");
        let h = host_rollback(&host, &answer, undo);
        if let Some(door) = door {
            let ok = h.code == Some(0);
            let detail = match &h.error {
                Some(e) if h.detail.is_empty() => e.clone(),
                Some(e) => format!("{}; {e}", h.detail),
                None => h.detail.clone(),
            };
            door.record(Event::FleetHost { host: host.name.clone(), step: step.into(), ok, detail, remote_run: None })?;
        }
        hosts.push(h);
    }
    let ok = hosts.iter().all(|h| h.code == Some(0) || h.skipped.is_some());
    if let Some(door) = door {
        door.record(Event::RunFinished { completed: ok })?;
    }
    Ok(FleetRollbackReport {
        what: step.into(),
        dry_run: door.is_none(),
        undo,
        run: door.map(|d| d.run().to_string()),
        hosts,
        ok,
        elapsed_ms: started.elapsed().as_millis() as u64,
    })
}

/// One host's answer to a rollback or an undo.
fn host_rollback(host: &Host, answer: &RemoteOutput, undo: bool) -> HostRollback {
    let report: Option<serde_json::Value> = serde_json::from_str(&answer.stdout).ok();
    let error = match answer.code {
        Some(0) => None,
        _ => last_words(answer).or(Some(format!("the {} did not finish", if undo { "undo" } else { "rollback" }))),
    };
    let detail = match (undo, &report) {
        (true, Some(r)) => undo_detail(r),
        _ => String::new(),
    };
    HostRollback {
        host: host.name.clone(),
        reachable: answer.code.is_some(),
        code: answer.code,
        report,
        error,
        elapsed_ms: answer.elapsed.as_millis() as u64,
        detail,
        skipped: None,
    }
}

/// What a host's undo report says in a few words: each feature's outcome
/// with the files it restores, and the checks that did not pass.
fn undo_detail(report: &serde_json::Value) -> String {
    let mut said: Vec<String> = Vec::new();
    for f in report["features"].as_array().into_iter().flatten() {
        let files: Vec<&str> = f["diffs"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|d| d.as_str()?.lines().find_map(|l| l.strip_prefix("+++ ")))
            .map(|l| l.trim_end_matches(" (restored)"))
            .collect();
        let feature = f["feature"].as_str().unwrap_or("?");
        said.push(match f["status"].as_str().unwrap_or("?") {
            "would_restore" => format!("{feature}: would restore {}", files.join(", ")),
            "restored" => format!("{feature}: restored {}", files.join(", ")),
            "nothing_to_undo" => format!("{feature}: nothing to undo (not rolled back here)"),
            other => format!("{feature}: {}", other.replace('_', " ")),
        });
    }
    for c in report["checks"].as_array().into_iter().flatten() {
        if !matches!(c["verdict"].as_str(), Some("pass") | Some("skip")) {
            said.push(format!(
                "{} {}: {}",
                c["name"].as_str().unwrap_or("?"),
                c["verdict"].as_str().unwrap_or("?"),
                c["evidence"].as_str().unwrap_or("")
            ));
        }
    }
    said.join("; ")
}

/// `rollback undo <what> --hosts`: the undo on every host at once (each
/// restores its file only if it still holds what the rollback wrote, then
/// rebuilds caches, reloads and proves the feature on there), one record
/// per host in the operator's journal through `door` (none on a dry run).
/// `skip` (from `--resume`) leaves alone the hosts already back on, saying why.
pub async fn undo(
    fleet: &Fleet,
    door: Option<&Door>,
    what: &str,
    args: &[&str],
    skip: Vec<Option<String>>,
) -> anyhow::Result<FleetRollbackReport> {
    let mut report = each_skipping(fleet, door, &format!("undo {what}"), args, skip, true).await?;
    report.what = format!("rollback undo {what}");
    Ok(report)
}

/// `status --hosts`: each host's own status (its journal, lock, breakers).
pub async fn status(fleet: &Fleet) -> FleetStatusReport {
    let hosts = fleet
        .each(&["status"])
        .await
        .into_iter()
        .map(|(host, answer)| {
            let report = (answer.code == Some(0)).then(|| serde_json::from_str(&answer.stdout).ok()).flatten();
            let error = match &report {
                Some(_) => None,
                None => last_words(&answer).or(Some("no status report".into())),
            };
            HostStatus { host: host.name.clone(), report, error }
        })
        .collect();
    FleetStatusReport { hosts }
}

/// The remote half of a push: the bytes land beside the binary, are
/// checked against the SHA-256 sent, and are renamed into place (atomic on
/// one filesystem); anything else leaves the old binary as it was.
const PUSH_SCRIPT: &str = r#"set -e
dest="$1"; want="$2"; tmp="$dest.gatewayctl-push.$$"
trap 'rm -f "$tmp"' EXIT
mkdir -p "$(dirname "$dest")"
cat > "$tmp"
got=$(sha256sum "$tmp" | cut -d' ' -f1)
if [ "$got" != "$want" ]; then echo "received sha256 $got, sent $want: not installed" >&2; exit 4; fi
chmod 755 "$tmp"
mv -f "$tmp" "$dest"
trap - EXIT
echo "$got""#;

/// `fleet push`: this binary onto every host that lacks it or runs another
/// (by SHA-256), each copy verified before it is moved into place, then
/// checked again by running it there. Journaled through `door`.
pub async fn push(
    fleet: &Fleet,
    door: Option<&Door>,
    local: &Whoami,
    dry_run: bool,
) -> anyhow::Result<FleetPushReport> {
    let target = std::path::PathBuf::from(&fleet.gatewayctl);
    if !target.is_absolute() {
        return Err(Refused(format!(
            "[fleet] gatewayctl is {:?}: set it to the absolute path to install to (e.g. /usr/local/bin/gatewayctl)",
            fleet.gatewayctl
        ))
        .into());
    }
    let exe = std::env::current_exe().context("while finding this binary")?;
    let want = local.sha256.clone().context("this binary's SHA-256 is unknown")?;
    let before = check(fleet, local.clone()).await;
    let mut hosts = Vec::new();
    let bytes = if dry_run {
        Vec::new()
    } else {
        std::fs::read(&exe).with_context(|| format!("while reading {}", exe.display()))?
    };
    for (host, seen) in fleet.hosts.iter().zip(&before.hosts) {
        let had = seen.whoami.as_ref().and_then(|w| w.sha256.clone());
        let line = |action: &str, detail: String| HostPush {
            host: host.name.clone(),
            before: had.clone(),
            action: action.into(),
            detail,
        };
        if !seen.reachable {
            hosts.push(line("failed", seen.error.clone().unwrap_or_else(|| "unreachable".into())));
            continue;
        }
        if had.as_deref() == Some(want.as_str()) {
            hosts.push(line("up_to_date", "the same binary".into()));
            continue;
        }
        if dry_run {
            hosts.push(line("would_push", format!("{} to {}", &want[..12], target.display())));
            continue;
        }
        let remote: Vec<String> = vec![
            "sh".into(),
            "-c".into(),
            PUSH_SCRIPT.into(),
            "push".into(),
            target.display().to_string(),
            want.clone(),
        ];
        let answer = fleet.ssh.run_with(host, &remote, Some(bytes.clone())).await;
        let after = fleet.ssh.run(host, &fleet.remote(host, &["fleet", "whoami"])).await;
        let now: Option<Whoami> = serde_json::from_str(&after.stdout).ok();
        let ok = answer.code == Some(0) && now.as_ref().and_then(|w| w.sha256.as_deref()) == Some(want.as_str());
        let detail = match ok {
            true => format!("installed {} and ran it", &want[..12]),
            false => last_words(&answer).or_else(|| last_words(&after)).unwrap_or_else(|| "not installed".into()),
        };
        if let Some(door) = door {
            door.record(Event::FleetHost {
                host: host.name.clone(),
                step: "push".into(),
                ok,
                detail: detail.clone(),
                remote_run: None,
            })?;
        }
        hosts.push(line(if ok { "pushed" } else { "failed" }, detail));
    }
    let ok = hosts.iter().all(|h| h.action != "failed");
    Ok(FleetPushReport { sha256: want, target: target.display().to_string(), dry_run, hosts, ok })
}

/// What one host's remote watch said.
enum Heard {
    Line(Box<crate::report::watch::WatchLine>),
    End(Option<i32>, Option<String>),
}

/// `watch --hosts`: each host runs its own watch (its log, its health, its
/// guard), streamed back over ssh; every round of samples becomes one fleet
/// line (figures summed, the worst p95, the hosts at alert named), and the
/// end one summary: ok only when every host watched to the end and met the
/// criteria.
pub async fn watch(
    fleet: &Fleet,
    args: &[String],
    emit: &mut dyn FnMut(&crate::report::fleet::FleetWatchLine) -> std::io::Result<()>,
) -> anyhow::Result<crate::report::fleet::FleetWatchSummary> {
    use crate::core::thresholds::Level;
    use crate::report::fleet::{
        FleetWatchLine, FleetWatchSample, FleetWatchSummary, HostWatchSample, HostWatchSummary,
    };
    use crate::report::watch::{WatchLine, WatchSample, WatchSummary};
    let n = fleet.hosts.len();
    let (tx, mut rx) = tokio::sync::mpsc::channel::<(usize, Heard)>(64);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    for (i, host) in fleet.hosts.iter().enumerate() {
        let tx = tx.clone();
        match fleet.ssh.stream(host, &fleet.remote_as(host, "jsonl", &args)) {
            Err(e) => {
                let _ = tx.send((i, Heard::End(None, Some(format!("cannot run ssh: {e}"))))).await;
            }
            Ok(mut stream) => {
                tokio::spawn(async move {
                    while let Ok(Some(line)) = stream.lines.next_line().await {
                        if let Ok(parsed) = serde_json::from_str::<WatchLine>(&line) {
                            if tx.send((i, Heard::Line(Box::new(parsed)))).await.is_err() {
                                return;
                            }
                        }
                    }
                    let (code, why) = stream.finish().await;
                    let _ = tx.send((i, Heard::End(code, why))).await;
                });
            }
        }
    }
    drop(tx);
    let mut latest: Vec<Option<WatchSample>> = vec![None; n];
    let mut counts = vec![0u64; n];
    let mut ended: Vec<Option<(Option<i32>, Option<String>)>> = vec![None; n];
    let mut summaries: Vec<Option<WatchSummary>> = vec![None; n];
    let mut alerted: Vec<String> = Vec::new();
    let mut emitted = 0u64;
    while let Some((i, heard)) = rx.recv().await {
        match heard {
            Heard::Line(line) => match *line {
                WatchLine::Sample(sample) => {
                    for (metric, level) in &sample.levels {
                        let note = format!("{}: {metric}", fleet.hosts[i].name);
                        if *level == Level::Alert && !alerted.contains(&note) {
                            alerted.push(note);
                        }
                    }
                    latest[i] = Some(*sample);
                    counts[i] += 1;
                }
                WatchLine::Summary(summary) => summaries[i] = Some(summary),
            },
            Heard::End(code, why) => ended[i] = Some((code, why)),
        }
        // A round is complete when every host still watching has sampled again.
        let live: Vec<u64> = (0..n).filter(|&i| ended[i].is_none()).map(|i| counts[i]).collect();
        let round = live.iter().copied().min().unwrap_or_else(|| counts.iter().copied().max().unwrap_or(0));
        if round > emitted {
            emitted = round;
            let hosts: Vec<HostWatchSample> = fleet
                .hosts
                .iter()
                .zip(&latest)
                .filter_map(|(h, s)| {
                    let s = s.as_ref()?;
                    let f = &s.figures;
                    Some(HostWatchSample {
                        host: h.name.clone(),
                        requests: f.requests,
                        server_errors: f.server_errors,
                        error_rate_percent: (f.requests > 0).then_some(f.error_rate_percent),
                        p95_ms: f.response_p95_ms,
                        overall: format!("{:?}", s.overall).to_lowercase(),
                        alerting: s
                            .levels
                            .iter()
                            .filter(|(_, l)| **l == Level::Alert)
                            .map(|(m, _)| m.clone())
                            .collect(),
                    })
                })
                .collect();
            let requests: u64 = hosts.iter().map(|h| h.requests).sum();
            let server_errors: u64 = hosts.iter().map(|h| h.server_errors).sum();
            let alerts =
                hosts.iter().flat_map(|h| h.alerting.iter().map(move |m| format!("{}: {m}", h.host))).collect();
            emit(&FleetWatchLine::Sample(FleetWatchSample {
                n: emitted,
                requests,
                server_errors,
                error_rate_percent: (requests > 0).then(|| server_errors as f64 * 100.0 / requests as f64),
                worst_p95_ms: hosts.iter().map(|h| h.p95_ms).fold(0.0, f64::max),
                hosts,
                alerts,
            }))?;
        }
    }
    let hosts: Vec<HostWatchSummary> = fleet
        .hosts
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let (code, why) = ended[i].clone().unwrap_or((None, Some("no end was heard".into())));
            match &summaries[i] {
                Some(s) => HostWatchSummary {
                    host: h.name.clone(),
                    reachable: true,
                    ok: s.ok && code == Some(0),
                    judgement: s.judgement.clone(),
                    requests: s.requests,
                    server_errors: s.server_errors,
                },
                None => HostWatchSummary {
                    host: h.name.clone(),
                    reachable: code.is_some(),
                    ok: false,
                    judgement: why.unwrap_or_else(|| "its watch ended without a summary".into()),
                    requests: 0,
                    server_errors: 0,
                },
            }
        })
        .collect();
    let ok = hosts.iter().all(|h| h.ok);
    Ok(FleetWatchSummary { hosts, ok, alerted })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_remote_error_wrapped_to_the_width_is_read_whole() {
        let answer = |stderr: &str| RemoteOutput {
            code: Some(2),
            stdout: String::new(),
            stderr: stderr.into(),
            elapsed: std::time::Duration::ZERO,
            failure: None,
        };
        let wrapped = "config: /etc/g.toml\ngatewayctl: rate-limit: routes/api.php changed since the\n  rollback wrote it: refused\n  caused by: x\n";
        assert_eq!(
            last_words(&answer(wrapped)).as_deref(),
            Some("rate-limit: routes/api.php changed since the rollback wrote it: refused")
        );
        assert_eq!(last_words(&answer("one\n  last line\n")).as_deref(), Some("last line"));
    }

    #[test]
    fn each_host_runs_gatewayctl_with_its_own_config_app_dir_and_base_url() {
        let fleet = Fleet {
            hosts: vec![],
            ssh: Ssh {
                config: None,
                connect_timeout: std::time::Duration::from_secs(1),
                command_timeout: std::time::Duration::from_secs(1),
                control_dir: "/tmp/x".into(),
            },
            parallel: 1,
            gatewayctl: "/usr/local/bin/gatewayctl".into(),
            notes: vec![],
        };
        let host = Host {
            config: Some("/etc/gatewayctl/gw1.toml".into()),
            app_dir: Some("/srv/gw".into()),
            base_url: Some("http://10.0.1.11".into()),
            ..Host::new("gw1")
        };
        assert_eq!(
            fleet.remote(&host, &["preflight"]).join(" "),
            "/usr/local/bin/gatewayctl --format json --quiet --config /etc/gatewayctl/gw1.toml --app-dir /srv/gw --base-url http://10.0.1.11 preflight"
        );
        assert_eq!(fleet.remote(&Host::new("gw2"), &["preflight"]).len(), 5, "no override: the host's own search");
    }
}
