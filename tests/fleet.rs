//! The fleet over a real OpenSSH server: two lab gateways as hosts (each
//! its own php-fpm, nginx, Redis) and one host nothing answers on. `fleet
//! check`, `preflight --hosts`, `rollback emergency --hosts`, and the same
//! fleet through an Ansible INI inventory.

use gatewayctl::core::checks::Decision;
use gatewayctl::report::fleet::{FleetCheckReport, FleetPreflightReport, FleetRollbackReport};
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
    assert_eq!(pre.decision, Decision::NoGo);
    let names: Vec<&str> = pre.hosts.iter().map(|h| h.host.as_str()).collect();
    assert_eq!(names, ["gw-a", "gw-b", "gw-dead"]);
    let gone = &pre.hosts[2];
    assert!(!gone.reachable && gone.report.is_none(), "{gone:?}");
    assert!(gone.error.as_deref().is_some_and(|e| e.contains("unreachable")), "{gone:?}");
    for h in &pre.hosts[..2] {
        assert_eq!(h.report.as_ref().map(|r| r.decision), Some(Decision::Go), "{h:?}");
    }
    let human = gatewayctl(&["--config", &config, "preflight", "--hosts", "all"]);
    assert!(stdout(&human).contains("NO-GO: gw-dead"), "{}", stdout(&human));
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
