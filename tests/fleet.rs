//! The fleet over a real OpenSSH server: two lab gateways as hosts (each
//! its own php-fpm, nginx, Redis) and one host nothing answers on. `fleet
//! check`, `preflight --hosts`, `rollback emergency --hosts`, and the same
//! fleet through an Ansible INI inventory.

use std::os::unix::process::CommandExt;

use gatewayctl::core::checks::GoNoGo;
use gatewayctl::core::journal::{Entry, Event};
use gatewayctl::report::fleet::{
    FleetActivateReport, FleetCheckReport, FleetPreflightReport, FleetRollbackReport, FleetStatusReport,
};
use gatewayctl::report::status::StatusReport;

use crate::harness::{code, gatewayctl, json, stderr, stdout, Sshd};
use crate::lab::Lab;

fn operator_config(sshd: &Sshd, hosts: &[(&str, u16, &Lab)], dead: u16) -> String {
    let bin = env!("CARGO_BIN_EXE_gatewayctl");
    let mut text = format!(
        "[gateway]\napp_dir = \"{app}\"\n\n[state]\ndir = \"{state}\"\n\n[fleet]\nssh_config = \"{cfg}\"\ngatewayctl = \"{bin}\"\nconnect_timeout = \"3s\"\n",
        app = hosts[0].2.dir.join("app").display(),
        state = sshd.dir.path().join("operator-state").display(),
        cfg = sshd.ssh_config.display(),
    );
    for (name, port, lab) in hosts {
        text.push_str(&format!(
            "\n[[hosts]]\nname = \"{name}\"\nssh = \"127.0.0.1\"\nport = {port}\ngroups = [\"eu\"]\nconfig = \"{}\"\n",
            lab.report.config.display()
        ));
    }
    text.push_str(&format!("\n[[hosts]]\nname = \"gw-dead\"\nssh = \"127.0.0.1\"\nport = {dead}\n"));
    text
}

#[test]
fn a_fleet_over_real_sshd_is_checked_preflighted_and_rolled_back_host_by_host() {
    let sshd = Sshd::start();
    let a = Lab::start("fleet-a", None);
    let b = Lab::start("fleet-b", None);
    let dead = Sshd::dead_port();
    let config = sshd.dir.path().join("operator.toml");
    std::fs::write(&config, operator_config(&sshd, &[("gw-a", sshd.port, &a), ("gw-b", sshd.port, &b)], dead)).unwrap();
    let config = config.display().to_string();

    // Each host reachable, the same binary as here, its own config found.
    let out = gatewayctl(&["--config", &config, "fleet", "check", "--hosts", "eu", "--format", "json"]);
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    let check: FleetCheckReport = json(&out);
    assert_eq!(check.hosts.len(), 2);
    for (h, lab) in check.hosts.iter().zip([&a, &b]) {
        assert!(h.reachable && h.same_binary == Some(true), "{h:?}");
        assert_eq!(h.whoami.as_ref().unwrap().config.as_deref(), Some(lab.report.config.to_str().unwrap()));
    }

    // A host that cannot be reached makes the fleet NO-GO, named.
    let out = gatewayctl(&["--config", &config, "preflight", "--hosts", "all", "--format", "json"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let pre: FleetPreflightReport = json(&out);
    assert_eq!(pre.decision, GoNoGo::NoGo);
    let names: Vec<&str> = pre.hosts.iter().map(|h| h.host.as_str()).collect();
    assert_eq!(names, ["gw-a", "gw-b", "gw-dead"]);
    let gone = &pre.hosts[2];
    assert!(!gone.reachable && gone.report.is_none(), "{gone:?}");
    assert!(gone.error.as_deref().is_some_and(|e| e.contains("unreachable")), "{gone:?}");
    for h in &pre.hosts[..2] {
        assert_eq!(h.report.as_ref().map(|r| r.decision), Some(GoNoGo::Go), "{h:?}");
    }
    let human = gatewayctl(&["--config", &config, "preflight", "--hosts", "all"]);
    assert!(stdout(&human).contains("NO-GO: gw-dead"), "{}", stdout(&human));
    // The fleet's tables at 80 columns, an unreachable host's error among them.
    for args in [
        &["fleet", "check", "--hosts", "all"][..],
        &["preflight", "--hosts", "all"],
        &["status", "--hosts", "all"],
        &["rollback", "rate-limit", "--hosts", "all", "--dry-run"],
    ] {
        let out = crate::width::run(&config, args, Some("80"), false);
        for text in [&out.stdout, &out.stderr] {
            let wide = crate::width::too_wide(&String::from_utf8_lossy(text), 80);
            assert!(wide.is_empty(), "{args:?}: over 80 columns: {wide:#?}");
        }
    }
    let dry = gatewayctl(&["--config", &config, "rollback", "rate-limit", "--hosts", "eu", "--dry-run"]);
    assert_eq!(code(&dry), 0, "{}", stderr(&dry));
    assert!(stdout(&dry).contains("dry run") && !stdout(&dry).contains("proven off"), "{}", stdout(&dry));

    // The reachable ones: GO. The same fleet from an Ansible inventory: the same answer.
    let out = gatewayctl(&["--config", &config, "preflight", "--hosts", "eu", "--format", "json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let inventory = sshd.dir.path().join("hosts.ini");
    std::fs::write(
        &inventory,
        format!(
            "[gateways]\ngw-a ansible_host=127.0.0.1 ansible_port={p} gatewayctl_config={ca}\ngw-b ansible_host=127.0.0.1 ansible_port={p} gatewayctl_config={cb}\n\n[gateways:vars]\nansible_user=root\nansible_python_interpreter=/usr/bin/python3\n",
            p = sshd.port,
            ca = a.report.config.display(),
            cb = b.report.config.display()
        ),
    )
    .unwrap();
    let inv = inventory.display().to_string();
    let out =
        gatewayctl(&["--config", &config, "preflight", "--hosts", "gateways", "--inventory", &inv, "--format", "json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let from_ini: FleetPreflightReport = json(&out);
    assert_eq!(from_ini.hosts.iter().map(|h| h.host.as_str()).collect::<Vec<_>>(), ["gw-a", "gw-b"]);
    assert!(from_ini.notes.iter().any(|n| n.contains("ansible_python_interpreter")), "{:?}", from_ini.notes);
    // And from the YAML form of the same inventory.
    let yaml = sshd.dir.path().join("hosts.yml");
    std::fs::write(
        &yaml,
        format!(
            "all:\n  children:\n    gateways:\n      vars:\n        ansible_user: root\n      hosts:\n        gw-a: {{ansible_host: 127.0.0.1, ansible_port: {p}, gatewayctl_config: {ca}}}\n        gw-b: {{ansible_host: 127.0.0.1, ansible_port: {p}, gatewayctl_config: {cb}}}\n",
            p = sshd.port,
            ca = a.report.config.display(),
            cb = b.report.config.display()
        ),
    )
    .unwrap();
    let yml = yaml.display().to_string();
    let out =
        gatewayctl(&["--config", &config, "preflight", "--hosts", "gateways", "--inventory", &yml, "--format", "json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let from_yaml: FleetPreflightReport = json(&out);
    assert_eq!(from_yaml.hosts.iter().map(|h| h.host.as_str()).collect::<Vec<_>>(), ["gw-a", "gw-b"]);
    // -i before the subcommand, as Ansible users type it: the same hosts.
    let out = gatewayctl(&["--config", &config, "-i", &yml, "preflight", "--hosts", "gateways", "--format", "json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let global: FleetPreflightReport = json(&out);
    assert_eq!(global.hosts.iter().map(|h| h.host.as_str()).collect::<Vec<_>>(), ["gw-a", "gw-b"]);
    let out = gatewayctl(&["--config", &config, "preflight", "--hosts", "gw-z", "--format", "json"]);
    assert_eq!(code(&out), 2, "an unknown host is a usage error: {}", stderr(&out));

    // The emergency rollback on all: the two reachable hosts are proven off
    // there; the third is named and the command fails, never "done".
    let out = gatewayctl(&["--config", &config, "rollback", "emergency", "--hosts", "all", "--format", "json"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let rb: FleetRollbackReport = json(&out);
    assert!(!rb.ok);
    assert_eq!(rb.hosts.iter().map(|h| h.code).collect::<Vec<_>>(), [Some(0), Some(0), None], "{rb:#?}");
    assert!(!rb.hosts[2].reachable && rb.hosts[2].error.is_some());
    for lab in [&a, &b] {
        let out = gatewayctl(&["--config", lab.report.config.to_str().unwrap(), "status", "--format", "json"]);
        let status: StatusReport = json(&out);
        let rl = status.features.iter().find(|f| f.feature.name() == "rate-limit").unwrap();
        assert_eq!(rl.state, "rolled_back", "each host's own journal says it: {status:#?}");
    }
    // Nothing of the keys leaks into what the operator sees.
    let key = std::fs::read_to_string(sshd.dir.path().join("client")).unwrap();
    let secret_line = key.lines().nth(1).unwrap();
    assert!(!stdout(&out).contains(secret_line) && !stderr(&out).contains(secret_line));
}

fn journal(path: &std::path::Path) -> Vec<Entry> {
    std::fs::read_to_string(path).unwrap_or_default().lines().filter_map(|l| serde_json::from_str(l).ok()).collect()
}

/// Three labs (each its own Redis) behind one test sshd: a host can be
/// broken alone.
fn three_labs(name: &str) -> (Sshd, Vec<Lab>, String) {
    let sshd = Sshd::start();
    let labs: Vec<Lab> = ["a", "b", "c"].iter().map(|l| Lab::start(&format!("{name}-{l}"), None)).collect();
    let config = sshd.dir.path().join("operator.toml");
    let hosts: Vec<(&str, u16, &Lab)> =
        ["gw-a", "gw-b", "gw-c"].iter().zip(&labs).map(|(n, l)| (*n, sshd.port, l)).collect();
    let mut text = operator_config(&sshd, &hosts, Sshd::dead_port());
    // No dead host in these fleets: cut it off.
    text.truncate(text.find("\n[[hosts]]\nname = \"gw-dead\"").unwrap());
    std::fs::write(&config, text).unwrap();
    (sshd, labs, config.display().to_string())
}

/// `lab up --hosts 3`: three hosts sharing one Redis and one stand-in,
/// behind the lab's own sshd; stopped (and checked stopped) when dropped.
struct FleetLab {
    dir: std::path::PathBuf,
    report: gatewayctl::report::lab::FleetLabUpReport,
}

impl FleetLab {
    fn start(name: &str) -> FleetLab {
        let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("labs").join(name);
        let d = dir.display().to_string();
        let _ = gatewayctl(&["lab", "down", "--dir", &d]);
        let _ = std::fs::remove_dir_all(&dir);
        let out = gatewayctl(&["lab", "up", "--hosts", "3", "--dir", &d, "--format", "json"]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        FleetLab { dir, report: json(&out) }
    }
}

impl Drop for FleetLab {
    fn drop(&mut self) {
        let out = gatewayctl(&["lab", "down", "--dir", &self.dir.display().to_string(), "--format", "json"]);
        if !std::thread::panicking() {
            assert_eq!(code(&out), 0, "lab down left something running: {}", stdout(&out));
        }
    }
}

#[test]
fn a_rolling_activation_on_a_three_host_lab_switches_host_after_host() {
    let lab = FleetLab::start("fleet-roll");
    assert_eq!(lab.report.hosts.len(), 3);
    let redis: Vec<u16> = lab.report.hosts.iter().map(|h| h.ports.redis).collect();
    assert!(redis.iter().all(|&p| p == redis[0]), "one Redis shared: {redis:?}");
    assert_eq!(lab.report.hosts.iter().flat_map(|h| &h.processes).filter(|p| p.name == "redis-server").count(), 1);
    let config = lab.report.config.display().to_string();
    let out = gatewayctl(&["--config", &config, "activate", "--hosts", "all", "--format", "json"]);
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    let report: FleetActivateReport = json(&out);
    assert!(report.completed && report.stopped_at.is_none(), "{report:#?}");
    assert_eq!(report.batches, [1, 1, 1]);
    assert!(report.hosts.iter().all(|h| h.state == "switched"), "{report:#?}");
    // Batch order: each host's own run finished before the next one's began.
    let mut last_end = String::new();
    for (host, h) in lab.report.hosts.iter().zip(&report.hosts) {
        let entries = journal(&host.dir.join("state/journal.jsonl"));
        let run = h.remote_run.as_deref().expect("the host's run id");
        let mine: Vec<&Entry> = entries.iter().filter(|e| e.run == run).collect();
        assert!(matches!(mine.first().unwrap().event, Event::RunStarted { .. }), "{mine:#?}");
        assert!(mine.iter().any(|e| matches!(&e.event, Event::StepFinished { step, .. } if step == "reload")));
        assert!(mine.first().unwrap().ts > last_end, "{} started before the batch before it ended", h.host);
        last_end = mine.last().unwrap().ts.clone();
    }
    // The operator's journal holds the fleet run, host by host.
    let ops = journal(&lab.dir.join("state/journal.jsonl"));
    let order: Vec<String> = ops
        .iter()
        .filter_map(|e| match &e.event {
            Event::FleetHost { host, step, .. } if step == "activate" => Some(host.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(order, ["gw1", "gw2", "gw3"]);
    // The same fleet through the lab's Ansible inventory: all three, GO.
    let inv = lab.report.inventory.display().to_string();
    let out =
        gatewayctl(&["--config", &config, "preflight", "--hosts", "gateways", "--inventory", &inv, "--format", "json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let pre: FleetPreflightReport = json(&out);
    assert_eq!(pre.hosts.iter().map(|h| h.host.as_str()).collect::<Vec<_>>(), ["gw1", "gw2", "gw3"]);
}

#[test]
fn a_failing_host_stops_the_fleet_and_what_was_switched_is_rolled_back() {
    let (_sshd, labs, config) = three_labs("stop");
    // Host b's gatewayctl expects another limit than its gateway enforces:
    // Phase 1 cannot see it; its own verify (Phase 4) fails after its reload.
    let b = &labs[1].report.config;
    let text = std::fs::read_to_string(b).unwrap().replacen("limit = 60", "limit = 61", 2);
    std::fs::write(b, text).unwrap();
    let out = gatewayctl(&["--config", &config, "activate", "--hosts", "all", "--format", "json"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let report: FleetActivateReport = json(&out);
    let states: Vec<&str> = report.hosts.iter().map(|h| h.state.as_str()).collect();
    assert_eq!(states, ["rolled_back", "rolled_back", "untouched"], "{report:#?}");
    assert!(report.stopped_at.as_deref().is_some_and(|s| s.starts_with("batch 2")), "{report:#?}");
    for lab in &labs[..2] {
        let out = gatewayctl(&["--config", lab.report.config.to_str().unwrap(), "status", "--format", "json"]);
        let status: StatusReport = json(&out);
        let rl = status.features.iter().find(|f| f.feature.name() == "rate-limit").unwrap();
        assert_eq!(rl.state, "rolled_back");
    }
    assert!(
        journal(&labs[2].dir.join("state/journal.jsonl")).iter().all(|e| !matches!(e.event, Event::RunStarted { .. })),
        "host c was never touched"
    );

    // A broken php-fpm config is seen by Phase 1: NO-GO, nothing changed anywhere.
    let conf = labs[2].dir.join("run/php-fpm.conf");
    let good = std::fs::read_to_string(&conf).unwrap();
    std::fs::write(&conf, format!("{good}pm = bogus\n")).unwrap();
    let before: Vec<usize> = labs.iter().map(|l| journal(&l.dir.join("state/journal.jsonl")).len()).collect();
    let out = gatewayctl(&["--config", &config, "activate", "--hosts", "gw-c", "--format", "json"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let report: FleetActivateReport = json(&out);
    assert_eq!(report.hosts[0].state, "no_go", "{report:#?}");
    assert!(report.stopped_at.as_deref().is_some_and(|s| s.contains("nothing was changed")));
    let after: Vec<usize> = labs.iter().map(|l| journal(&l.dir.join("state/journal.jsonl")).len()).collect();
    assert_eq!(before, after, "no host journaled a change");
}

#[test]
fn push_installs_this_binary_where_it_is_missing_verified() {
    let sshd = Sshd::start();
    let target = sshd.dir.path().join("bin/gatewayctl");
    let config = sshd.dir.path().join("operator.toml");
    std::fs::write(
        &config,
        format!(
            "[state]\ndir = \"{}\"\n[fleet]\nssh_config = \"{}\"\ngatewayctl = \"{}\"\n\n[[hosts]]\nname = \"gw-1\"\nssh = \"127.0.0.1\"\nport = {}\n",
            sshd.dir.path().join("state").display(),
            sshd.ssh_config.display(),
            target.display(),
            sshd.port
        ),
    )
    .unwrap();
    let config = config.display().to_string();
    let out = gatewayctl(&["--config", &config, "fleet", "check", "--format", "json"]);
    assert_eq!(code(&out), 1);
    let check: FleetCheckReport = json(&out);
    assert!(check.hosts[0].error.as_deref().is_some_and(|e| e.contains("not installed")), "{check:?}");

    let out = gatewayctl(&["--config", &config, "fleet", "push", "--dry-run", "--format", "json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stdout(&out).contains("would_push") && !target.exists(), "a dry run copies nothing");

    let out = gatewayctl(&["--config", &config, "fleet", "push", "--format", "json"]);
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    assert!(stdout(&out).contains("\"pushed\""), "{}", stdout(&out));
    let ours = std::fs::read(env!("CARGO_BIN_EXE_gatewayctl")).unwrap();
    assert_eq!(std::fs::read(&target).unwrap(), ours, "the bytes arrived whole");
    let left: Vec<_> = std::fs::read_dir(target.parent().unwrap()).unwrap().flatten().map(|e| e.file_name()).collect();
    assert_eq!(left.len(), 1, "no temporary file left: {left:?}");
    let out = gatewayctl(&["--config", &config, "fleet", "check", "--format", "json"]);
    let check: FleetCheckReport = json(&out);
    assert_eq!(check.hosts[0].same_binary, Some(true), "{check:?}");
    // Again: nothing to do.
    let out = gatewayctl(&["--config", &config, "fleet", "push", "--format", "json"]);
    assert!(stdout(&out).contains("up_to_date"), "{}", stdout(&out));
}

#[test]
fn an_interrupted_fleet_run_is_resumed_host_by_host() {
    let (_sshd, labs, config) = three_labs("resume");
    // Host a's gatewayctl dies right after its cache rebuild (the env var
    // travels over ssh: SendEnv/AcceptEnv); the fleet stops there.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gatewayctl"))
        .args(["--config", &config, "--yes", "activate", "--hosts", "all", "--format", "json"])
        .env("GATEWAYCTL_CRASH_AFTER_STEP", "cache.rebuild")
        .output()
        .unwrap();
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let report: FleetActivateReport = json(&out);
    let states: Vec<&str> = report.hosts.iter().map(|h| h.state.as_str()).collect();
    assert_eq!(states[1..], ["untouched", "untouched"], "{report:#?}");
    assert_ne!(states[0], "switched");

    // Resume: host a finishes what its journal owes (the reload, verify),
    // b and c get their whole activation, batch by batch.
    let out = gatewayctl(&["--config", &config, "activate", "--resume", "--hosts", "all", "--format", "json"]);
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    let report: FleetActivateReport = json(&out);
    assert!(report.hosts.iter().all(|h| h.state == "switched"), "{report:#?}");
    let a = journal(&labs[0].dir.join("state/journal.jsonl"));
    let resumed = report.hosts[0].remote_run.as_deref().unwrap();
    let steps: Vec<&str> = a
        .iter()
        .filter(|e| e.run == resumed)
        .filter_map(|e| match &e.event {
            Event::StepFinished { step, .. } => Some(step.as_str()),
            _ => None,
        })
        .collect();
    assert!(
        !steps.contains(&"cache.rebuild") && steps.contains(&"reload"),
        "host a only finished what was owed: {steps:?}"
    );

    // Nothing left: a second resume skips every host.
    let out = gatewayctl(&["--config", &config, "activate", "--resume", "--hosts", "all", "--format", "json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let report: FleetActivateReport = json(&out);
    assert!(report.hosts.iter().all(|h| h.state == "skipped"), "{report:#?}");
}

#[test]
fn a_fleet_watch_names_the_host_with_a_5xx_spike() {
    use gatewayctl::report::fleet::FleetWatchLine;
    let lab = FleetLab::start("fleet-watch");
    let config = lab.report.config.display().to_string();
    let watch = std::process::Command::new(env!("CARGO_BIN_EXE_gatewayctl"))
        .args([
            "--config",
            &config,
            "watch",
            "--hosts",
            "all",
            "--duration",
            "6s",
            "--interval",
            "2s",
            "--format",
            "jsonl",
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(800));
    // Cal.com fails; only host 2 gets traffic that asks it: a 5xx spike there alone.
    let first = lab.report.hosts[0].dir.display().to_string();
    assert_eq!(code(&gatewayctl(&["lab", "upstream", "fail", "--dir", &first])), 0);
    let second = lab.report.hosts[1].config.display().to_string();
    let _ = gatewayctl(&[
        "--config",
        &second,
        "stress",
        "rate-limit",
        "--route",
        "POST /api/v2/availability/simple",
        "--requests",
        "12",
        "--interval",
        "20ms",
    ]);
    let out = watch.wait_with_output().unwrap();
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let lines: Vec<FleetWatchLine> =
        stdout(&out).lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"))).collect();
    let samples: Vec<_> =
        lines.iter().filter_map(|l| if let FleetWatchLine::Sample(s) = l { Some(s) } else { None }).collect();
    assert!(samples.len() >= 2, "{lines:#?}");
    assert!(samples.iter().all(|s| s.hosts.len() == 3));
    let spiked = samples.iter().find(|s| !s.alerts.is_empty()).expect("a sample with an alert");
    assert_eq!(spiked.alerts, ["gw2: error_rate_percent"], "{spiked:#?}");
    assert!(spiked.server_errors >= 1 && spiked.hosts[1].server_errors == spiked.server_errors);
    let Some(FleetWatchLine::Summary(summary)) = lines.last() else { panic!("no summary: {lines:#?}") };
    assert!(!summary.ok);
    assert!(summary.alerted.iter().all(|a| a.starts_with("gw2:")), "only gw2 is named: {:?}", summary.alerted);
    assert!(summary.hosts.iter().all(|h| h.reachable));
}

/// A limited route on one host of a fleet lab: does it answer with the
/// limiter's headers (rate limiting on there)?
fn limited(rt: &tokio::runtime::Runtime, base_url: &str) -> bool {
    let http = gatewayctl::adapters::http::Http::new(base_url, std::time::Duration::from_secs(10), None).unwrap();
    let body = serde_json::json!({"service_id": 1, "date": "2025-10-02"});
    let got = rt
        .block_on(http.send("POST", "/api/v2/availability/simple", &[("X-Api-Key", "fleet-undo")], Some(&body)))
        .unwrap();
    got.header("x-ratelimit-limit").is_some()
}

/// A fleet lab's operator side: its config, each host's routes file as it
/// was, and a runtime for the HTTP checks.
struct Operator {
    lab: FleetLab,
    rt: tokio::runtime::Runtime,
    config: String,
    original: Vec<Vec<u8>>,
}

impl Operator {
    fn start(name: &str) -> Operator {
        let lab = FleetLab::start(name);
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        let config = lab.report.config.display().to_string();
        let mut fleet = Operator { lab, rt, config, original: Vec::new() };
        fleet.original = (0..3).map(|i| std::fs::read(fleet.api(i)).unwrap()).collect();
        fleet
    }

    fn api(&self, i: usize) -> std::path::PathBuf {
        self.lab.report.hosts[i].dir.join("app/routes/api.php")
    }

    fn undo(&self, extra: &[&str]) -> std::process::Output {
        let mut args =
            vec!["--config", &self.config, "rollback", "undo", "rate-limit", "--hosts", "all", "--format", "json"];
        args.extend(extra);
        gatewayctl(&args)
    }

    /// A command on every host, in JSON, confirmed.
    fn fleet(&self, args: &[&str]) -> std::process::Output {
        let mut all = vec!["--config", self.config.as_str(), "--yes"];
        all.extend(args);
        all.extend(["--hosts", "all", "--format", "json"]);
        gatewayctl(&all)
    }

    /// The rate limiter's state on each host, as `status --hosts` reports it.
    fn states(&self) -> Vec<String> {
        let status: FleetStatusReport = json(&self.fleet(&["status"]));
        status
            .hosts
            .iter()
            .map(|h| h.report.as_ref().unwrap().features.iter().find(|f| f.feature.name() == "rate-limit").unwrap())
            .map(|f| f.state.clone())
            .collect()
    }

    /// Does every host's limiter answer (`on`), or none?
    fn all_limited(&self, on: bool) -> bool {
        self.lab.report.hosts.iter().all(|h| limited(&self.rt, &h.base_url) == on)
    }

    /// The emergency rollback on every host: each proven off.
    fn emergency(&self) {
        let out =
            gatewayctl(&["--config", &self.config, "rollback", "emergency", "--hosts", "all", "--format", "json"]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        for (i, h) in self.lab.report.hosts.iter().enumerate() {
            assert_ne!(std::fs::read(self.api(i)).unwrap(), self.original[i]);
            assert!(!limited(&self.rt, &h.base_url), "{i}: off");
        }
    }
}

#[test]
fn a_fleet_undo_switches_every_host_back_on() {
    let fleet = Operator::start("fleet-undo");
    let (config, lab) = (&fleet.config, &fleet.lab);
    let inv = lab.report.inventory.display().to_string();
    fleet.emergency();

    // The dry run, -i before the subcommand as Ansible users type it: a plan per host, nothing touched.
    let out =
        gatewayctl(&["--config", config, "-i", &inv, "rollback", "undo", "rate-limit", "--hosts", "all", "--dry-run"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let shown = stdout(&out);
    for host in ["gw1", "gw2", "gw3"] {
        assert!(shown.contains(host), "{shown}");
    }
    assert_eq!(shown.matches("rate-limit: would restore routes/api.php").count(), 3, "{shown}");
    assert!((0..3).all(|i| std::fs::read(fleet.api(i)).unwrap() != fleet.original[i]), "a dry run touches nothing");

    // The undo on all three: byte-exact, and each host's limiter answers again.
    let out = fleet.undo(&[]);
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    let report: FleetRollbackReport = json(&out);
    assert!(report.undo && report.ok && !report.dry_run, "{report:#?}");
    for (i, h) in lab.report.hosts.iter().enumerate() {
        assert_eq!(std::fs::read(fleet.api(i)).unwrap(), fleet.original[i], "{}: byte-exact", h.config.display());
        assert!(limited(&fleet.rt, &h.base_url), "{i}: X-RateLimit-Limit again");
        assert_eq!(report.hosts[i].detail, "rate-limit: restored routes/api.php", "{report:#?}");
    }
}

/// gw3's sshd gone (its port answers nothing): named, the others switched
/// back on, exit 1; `status --hosts` and `history` say where each host
/// stands, and `--resume` finishes gw3 alone.
#[test]
fn a_fleet_undo_with_a_host_down_is_finished_by_resume() {
    let fleet = Operator::start("fleet-undo-down");
    let (config, lab) = (&fleet.config, &fleet.lab);
    fleet.emergency();
    let text = std::fs::read_to_string(config).unwrap();
    let port = format!("port = {}", lab.report.sshd_port);
    let third = text.rfind(&port).expect("gw3's ssh port");
    let down = format!("{}port = {}{}", &text[..third], Sshd::dead_port(), &text[third + port.len()..]);
    std::fs::write(config, &down).unwrap();
    let out = fleet.undo(&[]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let report: FleetRollbackReport = json(&out);
    assert_eq!(report.hosts.iter().map(|h| h.code).collect::<Vec<_>>(), [Some(0), Some(0), None], "{report:#?}");
    assert!(!report.hosts[2].reachable && report.hosts[2].error.is_some(), "{report:#?}");
    assert!(limited(&fleet.rt, &lab.report.hosts[0].base_url) && limited(&fleet.rt, &lab.report.hosts[1].base_url));
    assert_ne!(std::fs::read(fleet.api(2)).unwrap(), fleet.original[2], "gw3 untouched");

    // The host is back. `status --hosts` and `history` say where each host stands.
    std::fs::write(config, &text).unwrap();
    let out = gatewayctl(&["--config", config, "status", "--hosts", "all", "--format", "json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let status: FleetStatusReport = json(&out);
    let rate_limit: Vec<&str> = status
        .hosts
        .iter()
        .map(|h| h.report.as_ref().unwrap().features.iter().find(|f| f.feature.name() == "rate-limit").unwrap())
        .map(|f| f.state.as_str())
        .collect();
    assert_eq!(rate_limit, ["on", "on", "rolled_back"]);
    let history = stdout(&gatewayctl(&["--config", config, "history"]));
    assert!(history.contains("gw3: undo rate-limit FAILED"), "{history}");

    // --resume acts on gw3 alone.
    let out = fleet.undo(&["--resume"]);
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    let report: FleetRollbackReport = json(&out);
    let skipped: Vec<bool> = report.hosts.iter().map(|h| h.skipped.is_some()).collect();
    assert_eq!(skipped, [true, true, false], "{report:#?}");
    assert_eq!(std::fs::read(fleet.api(2)).unwrap(), fleet.original[2]);
    assert!(limited(&fleet.rt, &lab.report.hosts[2].base_url));
    // The operator's journal holds one record per host and attempt.
    let records: Vec<(String, bool)> = journal(&lab.dir.join("state/journal.jsonl"))
        .iter()
        .filter_map(|e| match &e.event {
            Event::FleetHost { host, step, ok, .. } if step == "undo rate-limit" => Some((host.clone(), *ok)),
            _ => None,
        })
        .collect();
    let want = [("gw1", true), ("gw2", true), ("gw3", false), ("gw3", true)];
    assert_eq!(records, want.map(|(h, ok)| (h.to_string(), ok)));
    // Nothing owed any more: a second resume touches no host.
    let out = fleet.undo(&["--resume"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let report: FleetRollbackReport = json(&out);
    assert!(report.hosts.iter().all(|h| h.skipped.is_some()), "{report:#?}");
}

/// A host whose file was edited by hand since its rollback: the fleet's
/// undo dry run says it would be refused, and why; the others have nothing
/// to undo.
#[test]
fn a_fleet_undo_dry_run_names_a_host_edited_by_hand() {
    let fleet = Operator::start("fleet-undo-edited");
    let config = &fleet.config;
    let out = gatewayctl(&["--config", config, "rollback", "emergency", "--hosts", "gw1", "--format", "json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let mut edited = std::fs::read(fleet.api(0)).unwrap();
    edited.extend_from_slice(b"// a hand edit\n");
    std::fs::write(fleet.api(0), &edited).unwrap();
    let out = fleet.undo(&["--dry-run"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let report: FleetRollbackReport = json(&out);
    assert_eq!(report.hosts[0].code, Some(2), "{report:#?}");
    assert!(report.hosts[0].error.as_deref().unwrap().contains("changed since the rollback"), "{report:#?}");
    assert!(report.hosts[1].undid_nothing() && report.hosts[2].undid_nothing(), "{report:#?}");
    assert_eq!(std::fs::read(fleet.api(0)).unwrap(), edited);
}

/// The operator's fleet undo killed at a random moment (its ssh sessions
/// with it): `--resume` finishes it, and every host ends back on,
/// byte-exact, whatever each host's own undo had reached.
#[test]
fn a_fleet_undo_killed_at_a_random_moment_is_finished_by_resume() {
    let lab = FleetLab::start("fleet-undo-kill");
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let config = lab.report.config.display().to_string();
    let api = |i: usize| lab.report.hosts[i].dir.join("app/routes/api.php");
    let original: Vec<Vec<u8>> = (0..3).map(|i| std::fs::read(api(i)).unwrap()).collect();
    let mut rng =
        crate::lab::Rng::new(std::env::var("GATEWAYCTL_FAULT_SEED").ok().and_then(|v| v.parse().ok()).unwrap_or(7));
    // A bounded slice; scripts/faults.sh runs GATEWAYCTL_FAULT_ROUNDS of them.
    let rounds: u64 = std::env::var("GATEWAYCTL_FAULT_ROUNDS").ok().and_then(|v| v.parse().ok()).unwrap_or(2);
    for round in 0..rounds {
        let out = gatewayctl(&["--config", &config, "rollback", "emergency", "--hosts", "all", "--format", "json"]);
        assert_eq!(code(&out), 0, "round {round}: {}", stderr(&out));
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_gatewayctl"))
            .args(["--config", &config, "--yes", "rollback", "undo", "rate-limit", "--hosts", "all"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .process_group(0)
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(rng.below(1500)));
        // SAFETY: SIGKILL to the process group the child leads (it and its ssh sessions).
        unsafe { libc::kill(-(child.id() as libc::pid_t), libc::SIGKILL) };
        let _ = child.wait();
        // A host's own undo may outlive the operator's ssh session: until it
        // ends, that host answers LOCKED (exit 5), and the resume owes it still.
        let resume =
            ["--config", &config, "rollback", "undo", "rate-limit", "--hosts", "all", "--resume", "--format", "json"];
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        let out = loop {
            let out = gatewayctl(&resume);
            let report: FleetRollbackReport = json(&out);
            if !report.hosts.iter().any(|h| h.code == Some(5)) || std::time::Instant::now() > deadline {
                break out;
            }
            std::thread::sleep(std::time::Duration::from_millis(500));
        };
        assert_eq!(code(&out), 0, "round {round}: {}{}", stdout(&out), stderr(&out));
        for (i, h) in lab.report.hosts.iter().enumerate() {
            assert_eq!(std::fs::read(api(i)).unwrap(), original[i], "round {round}: host {i} byte-exact");
            assert!(limited(&rt, &h.base_url), "round {round}: host {i} limited again");
        }
    }
}

/// `--resume` asks each host what stands there. An undo, then the
/// emergency on every host, then the undo resumed: every host is back on
/// (the operator's journal said "back on" for all three, the hosts say
/// off).
#[test]
fn a_resume_acts_on_what_each_host_says_stands_there() {
    let op = Operator::start("fleet-resume");
    let (config, lab) = (&op.config, &op.lab);
    let fleet = |args: &[&str]| op.fleet(args);
    let all_limited = |on: bool| op.all_limited(on);
    assert_eq!(code(&fleet(&["rollback", "emergency"])), 0);
    assert_eq!(code(&fleet(&["rollback", "undo", "rate-limit"])), 0);
    assert!(all_limited(true));
    let out = fleet(&["rollback", "emergency"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(all_limited(false));
    let out = fleet(&["rollback", "undo", "rate-limit", "--resume"]);
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    let report: FleetRollbackReport = json(&out);
    assert!(report.hosts.iter().all(|h| h.skipped.is_none() && h.code == Some(0)), "{report:#?}");
    assert!(stderr(&out).contains("the journal says back on since"), "the difference is named: {}", stderr(&out));
    assert!(all_limited(true), "every host back on");
    assert_eq!(op.states(), ["on", "on", "on"]);
    // The emergency is journaled on the operator's side, finished, as a fleet run.
    let history = stdout(&gatewayctl(&["--config", config, "history"]));
    assert!(history.contains("gw1: rollback emergency ok"), "{history}");
    let entries = journal(&lab.dir.join("state/journal.jsonl"));
    let runs: Vec<&str> = entries
        .iter()
        .filter(|e| matches!(&e.event, Event::RunStarted { runbook, .. } if runbook == "fleet rollback emergency of gw1, gw2, gw3"))
        .map(|e| e.run.as_str())
        .collect();
    assert_eq!(runs.len(), 2, "each emergency is a run of its own");
    for run in runs {
        assert!(
            entries.iter().any(|e| e.run == run && matches!(e.event, Event::RunFinished { completed: true })),
            "{run} finished"
        );
    }
}

/// A fleet rollback killed at a random moment (its ssh sessions with it):
/// its resume finishes it, whatever each host's own run had reached.
#[test]
fn a_fleet_rollback_killed_at_a_random_moment_is_finished_by_resume() {
    let op = Operator::start("fleet-rollback-kill");
    let mut rng =
        crate::lab::Rng::new(std::env::var("GATEWAYCTL_FAULT_SEED").ok().and_then(|v| v.parse().ok()).unwrap_or(11));
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_gatewayctl"))
        .args(["--config", &op.config, "--yes", "rollback", "rate-limit", "--hosts", "all"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .process_group(0)
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(rng.below(1500)));
    // SAFETY: SIGKILL to the process group the child leads (it and its ssh sessions).
    unsafe { libc::kill(-(child.id() as libc::pid_t), libc::SIGKILL) };
    let _ = child.wait();
    // A host's own run may outlive the operator's ssh session: until it ends, it answers LOCKED (5).
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let out = loop {
        let out = op.fleet(&["rollback", "rate-limit", "--resume"]);
        let report: FleetRollbackReport = json(&out);
        if !report.hosts.iter().any(|h| h.code == Some(5)) || std::time::Instant::now() > deadline {
            break out;
        }
        std::thread::sleep(std::time::Duration::from_millis(500));
    };
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    assert!(op.all_limited(false), "every host rolled back");
    assert_eq!(op.states(), ["rolled_back", "rolled_back", "rolled_back"]);
    // Nothing left: a second resume leaves every host alone.
    let report: FleetRollbackReport = json(&op.fleet(&["rollback", "rate-limit", "--resume"]));
    assert!(report.hosts.iter().all(|h| h.skipped.is_some()), "{report:#?}");
}
