//! The app's code run on gatewayctl's behalf (the middleware dry run, a
//! rollback's proof with its breaker probe) is sealed: code that tries to
//! write into the real app, /tmp and /var/tmp, to talk to a Unix socket on
//! the host, and to INCR a key on a Redis that listens only on a Unix
//! socket changes nothing, and the listener hears nothing.

use std::io::Read;
use std::os::unix::net::UnixListener;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::harness::{code, gatewayctl, require, stderr};
use crate::lab::Lab;

const BREAKER: &str =
    "[breakers.calcom_api]\nfailure_threshold = 2\nrecovery_timeout = \"30s\"\nsuccess_threshold = 2\n";

/// PHP that tries every escape, only in a shadow (never when the lab serves).
fn hostile(real_app: &str, tag: &str, listener: &str, redis: &str) -> String {
    format!(
        "if (str_contains(base_path(), '/shadow-')) {{ \
@file_put_contents('{real_app}/storage/logs/PWNED-{tag}.txt', 'x'); \
@file_put_contents('/tmp/gatewayctl-pwned-{tag}', 'x'); \
@file_put_contents('/var/tmp/gatewayctl-pwned-{tag}', 'x'); \
$s = @stream_socket_client('unix://{listener}', $en, $em, 1); if ($s) {{ fwrite($s, 'hello from the app'); fclose($s); }} \
$r = @stream_socket_client('unix://{redis}', $en, $em, 1); if ($r) {{ fwrite($r, \"INCR pwned\\r\\n\"); fread($r, 16); fclose($r); }} \
}}\n"
    )
}

#[test]
fn the_apps_code_run_on_our_behalf_touches_nothing_outside_its_shadow() {
    let lab = Lab::start("sealed", Some(BREAKER));
    let app = lab.dir.join("app");
    let tag = format!("{}", std::process::id());
    // A listener on a Unix socket of the host, and a Redis on a Unix socket only.
    let listener_path = lab.dir.join("listener.sock");
    let listener = UnixListener::bind(&listener_path).unwrap();
    listener.set_nonblocking(true).unwrap();
    let heard = Arc::new(Mutex::new(Vec::<u8>::new()));
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let (h, st) = (heard.clone(), stop.clone());
    let listening = std::thread::spawn(move || {
        while !st.load(std::sync::atomic::Ordering::Relaxed) {
            match listener.accept() {
                Ok((mut c, _)) => {
                    let mut buf = Vec::new();
                    let _ = c.set_read_timeout(Some(Duration::from_secs(1)));
                    let _ = c.read_to_end(&mut buf);
                    h.lock().unwrap().extend(buf);
                    h.lock().unwrap().extend(b"<connected>");
                }
                Err(_) => std::thread::sleep(Duration::from_millis(20)),
            }
        }
    });
    let redis_sock = lab.dir.join("redis.sock");
    let mut redis = Command::new(require("redis-server", "redis-server"))
        .args(["--port", "0", "--unixsocket"])
        .arg(&redis_sock)
        .args(["--unixsocketperm", "777", "--save", "", "--appendonly", "no"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(5);
    while !redis_sock.exists() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let redis_get = || {
        let out = Command::new("redis-cli").arg("-s").arg(&redis_sock).args(["GET", "pwned"]).output().unwrap();
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    };
    assert_eq!(redis_get(), "", "the socket's Redis answers, and holds no key yet");

    // The limiter (run by the dry run) and CalcomService (by the breaker probe) try everything.
    let code_of = hostile(
        &app.display().to_string(),
        &tag,
        &listener_path.display().to_string(),
        &redis_sock.display().to_string(),
    );
    for (file, at) in [
        (
            "app/Http/Middleware/RateLimitMiddleware.php",
            "    public function handle(Request $request, Closure $next)\n    {\n",
        ),
        ("app/Services/CalcomService.php", "    public function __construct()\n    {\n"),
        (
            "app/Http/Controllers/RetellFunctionCallHandler.php",
            "    public function collectAppointment(Request $request)\n    {\n",
        ),
    ] {
        let path = app.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(at), "{file}");
        std::fs::write(&path, text.replacen(at, &format!("{at}        {code_of}"), 1)).unwrap();
    }

    let config = lab.report.config.display().to_string();
    let pre = gatewayctl(&["--config", &config, "preflight", "--format", "json"]);
    let report: gatewayctl::report::preflight::PreflightReport = crate::harness::json(&pre);
    let bugs = report.checks.iter().find(|c| c.name == "the gateway's own bugs").unwrap();
    assert_ne!(bugs.verdict, gatewayctl::core::checks::CheckVerdict::Unknown, "the dry run ran: {bugs:?}");
    // Preflight names what was attempted.
    let tried = report.findings.iter().find(|f| f.kind == "reaches-outside").expect("named");
    for attempt in [
        format!("wrote /tmp/gatewayctl-pwned-{tag}"),
        format!("wrote /var/tmp/gatewayctl-pwned-{tag}"),
        format!("PWNED-{tag}.txt"),
        listener_path.display().to_string(),
        redis_sock.display().to_string(),
    ] {
        assert!(tried.seen.contains(&attempt), "{attempt} not in {}", tried.seen);
    }
    let proof = gatewayctl(&["--config", &config, "rollback", "circuit-breaker", "--dry-run", "--format", "json"]);
    assert_eq!(code(&proof), 0, "{}", stderr(&proof));
    let proof: gatewayctl::report::rollback::RollbackReport = crate::harness::json(&proof);
    assert!(proof.checks.iter().any(|c| c.name == "breaker off probe"), "the probe ran: {:#?}", proof.checks);
    let replay = gatewayctl(&["--config", &config, "rollback", "log-sanitizer", "--dry-run", "--format", "json"]);
    let replay: gatewayctl::report::rollback::RollbackReport = crate::harness::json(&replay);
    let replayed = replay.checks.iter().find(|c| c.name == "handler replay").expect("the replay ran");
    assert!(replayed.verdict.is_good(), "{replayed:?}");

    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    listening.join().unwrap();
    let got = redis_get();
    let _ = redis.kill();
    let _ = redis.wait();
    assert!(
        heard.lock().unwrap().is_empty(),
        "the host's listener heard {:?}",
        String::from_utf8_lossy(&heard.lock().unwrap())
    );
    assert_eq!(got, "", "the Unix-socket Redis was not reached");
    for leaked in [
        app.join(format!("storage/logs/PWNED-{tag}.txt")),
        format!("/tmp/gatewayctl-pwned-{tag}").into(),
        format!("/var/tmp/gatewayctl-pwned-{tag}").into(),
    ] {
        assert!(!leaked.exists(), "{} was written", leaked.display());
    }
}
