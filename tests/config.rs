//! `init` and `config check|show|path`.

use gatewayctl::report::config::{ConfigCheckReport, ConfigShowReport, InitReport};

use crate::harness::{code, gatewayctl, gatewayctl_in, json, stdout, ConfigFile};

#[test]
fn init_writes_a_file_that_checks_clean_and_never_clobbers() {
    let dir = tempfile::tempdir().unwrap();
    let out = gatewayctl_in(dir.path(), &["init", "--format", "json"]);
    assert_eq!(code(&out), 0);
    let report: InitReport = json(&out);
    assert!(report.written);
    let path = dir.path().join("gatewayctl.toml");
    let check: ConfigCheckReport = json(&gatewayctl_in(dir.path(), &["config", "check", "--format", "json"]));
    assert!(check.ok, "{:?}", check.problems);
    assert_eq!(check.file.as_deref(), Some(std::path::Path::new("gatewayctl.toml")));

    std::fs::write(&path, "# mine\n").unwrap();
    let refused = gatewayctl_in(dir.path(), &["init"]);
    assert_eq!(code(&refused), 2);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "# mine\n", "nothing was overwritten");

    let dry = gatewayctl_in(dir.path(), &["init", "--force", "--dry-run"]);
    assert_eq!(code(&dry), 0);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "# mine\n", "dry run changes nothing");

    let forced: InitReport = json(&gatewayctl_in(dir.path(), &["init", "--force", "--format", "json"]));
    let kept = forced.kept.expect("the original is kept");
    assert_eq!(std::fs::read_to_string(dir.path().join(kept)).unwrap(), "# mine\n");
}

#[test]
fn check_reports_each_problem_with_file_and_line() {
    let text = "[redis]\nurl = \"redis://127.0.0.1:6379/0\"\nprefx = \"x\"\n\n[[rate_limit.buckets]]\nname = \"b\"\npaths = [\"*\"]\nlimit = 0\nwindow = \"1m\"\n";
    let config = ConfigFile::new(text);
    let file = config.path.to_str().unwrap();
    let out = gatewayctl(&["config", "check", file, "--format", "json"]);
    assert_eq!(code(&out), 1);
    let report: ConfigCheckReport = json(&out);
    assert!(!report.ok);
    let at: Vec<_> = report.problems.iter().map(|p| (p.line, p.key.clone())).collect();
    assert!(at.contains(&(Some(3), Some("redis.prefx".into()))), "{at:?}");
    assert!(report.problems.iter().any(|p| p.line == Some(8)), "limit = 0 on line 8: {:?}", report.problems);
    let human = stdout(&gatewayctl(&["config", "check", file]));
    assert!(human.contains(&format!("{file}:3: redis.prefx: unknown key")), "{human}");
}

#[test]
fn commands_refuse_a_bad_config_with_its_line() {
    let config = ConfigFile::new("[gateway]\nrequest_timeout = \"soon\"\n");
    let out = gatewayctl(&["--config", config.path.to_str().unwrap(), "simulate", "rate-limit"]);
    assert_eq!(code(&out), 2);
    let err = crate::harness::stderr(&out);
    assert!(err.contains(":2:") && err.contains("malformed duration"), "{err}");
}

#[test]
fn config_from_the_environment() {
    let config = ConfigFile::new("[redis]\nprefix = \"from_env_\"\n");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gatewayctl"))
        .args(["config", "show", "--format", "json"])
        .current_dir(config.dir.path().parent().unwrap())
        .env("GATEWAYCTL_CONFIG", &config.path)
        .output()
        .unwrap();
    let shown: ConfigShowReport = json(&out);
    assert_eq!(shown.config["redis"]["prefix"].as_str(), Some("from_env_"));
}

#[test]
fn show_masks_the_redis_password() {
    let config = ConfigFile::new("[redis]\nurl = \"redis://:topsecret@10.1.2.3:6379/0\"\n");
    let out = gatewayctl(&["--config", config.path.to_str().unwrap(), "config", "show"]);
    assert_eq!(code(&out), 0);
    let text = stdout(&out);
    assert!(text.contains("redis://:***@10.1.2.3:6379/0"), "{text}");
    assert!(!text.contains("topsecret"));
}

#[test]
fn app_dir_flag_overrides_the_file() {
    let out = gatewayctl(&["--app-dir", "/srv/gw", "config", "show", "--format", "json"]);
    let shown: ConfigShowReport = json(&out);
    assert_eq!(shown.config["gateway"]["app_dir"].as_str(), Some("/srv/gw"));
}
