//! Starts what the tests need, for real, on free loopback ports, and runs the
//! gatewayctl binary. A missing dependency fails the test and names the
//! Debian package; nothing is ever skipped.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Fails with the package to install when `program` is not on PATH.
pub fn require(program: &str, package: &str) -> PathBuf {
    let found = std::env::var_os("PATH")
        .and_then(|paths| std::env::split_paths(&paths).map(|d| d.join(program)).find(|p| p.is_file()));
    found.unwrap_or_else(|| {
        panic!("{program} is not installed: run `apt-get install -y {package}` (or `bash .ci/run`, which installs it)")
    })
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free loopback port")
}

/// A private redis-server, killed when dropped.
pub struct RedisServer {
    child: Child,
    pub port: u16,
    pub password: Option<String>,
    _dir: tempfile::TempDir,
}

impl RedisServer {
    pub fn start() -> Self {
        Self::start_with(None)
    }

    pub fn start_with(password: Option<&str>) -> Self {
        let binary = require("redis-server", "redis-server");
        // The port is free when picked; a rare race is retried with another.
        for _ in 0..5 {
            let port = free_port();
            let dir = tempfile::tempdir().expect("temp dir");
            let mut cmd = Command::new(&binary);
            cmd.args(["--bind", "127.0.0.1", "--port", &port.to_string(), "--save", "", "--appendonly", "no"]);
            cmd.arg("--dir").arg(dir.path());
            if let Some(pw) = password {
                cmd.args(["--requirepass", pw]);
            }
            let child = cmd.stdout(Stdio::null()).stderr(Stdio::null()).spawn().expect("spawn redis-server");
            let mut server = RedisServer { child, port, password: password.map(str::to_string), _dir: dir };
            if server.wait_ready() {
                return server;
            }
            let _ = server.child.kill();
        }
        panic!("redis-server did not start on a free loopback port");
    }

    fn wait_ready(&mut self) -> bool {
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return false;
            }
            if std::net::TcpStream::connect(("127.0.0.1", self.port)).is_ok() {
                return true;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        false
    }

    pub fn url(&self) -> String {
        match &self.password {
            Some(pw) => format!("redis://:{pw}@127.0.0.1:{}/0", self.port),
            None => format!("redis://127.0.0.1:{}/0", self.port),
        }
    }

    /// Runs a command on this server with redis-cli.
    pub fn cli(&self, args: &[&str]) -> String {
        let mut cmd = Command::new(require("redis-cli", "redis-tools"));
        cmd.args(["-h", "127.0.0.1", "-p", &self.port.to_string()]);
        if let Some(pw) = &self.password {
            cmd.env("REDISCLI_AUTH", pw);
        }
        let out = cmd.args(args).output().expect("run redis-cli");
        assert!(out.status.success(), "redis-cli {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A config file in a temp dir, for one test.
pub struct ConfigFile {
    pub dir: tempfile::TempDir,
    pub path: PathBuf,
}

impl ConfigFile {
    pub fn new(text: &str) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("gatewayctl.toml");
        std::fs::write(&path, text).expect("write config");
        ConfigFile { dir, path }
    }

    pub fn for_redis(redis: &RedisServer, prefix: &str) -> Self {
        Self::new(&format!("[redis]\nurl = \"{}\"\nprefix = \"{prefix}\"\nscan_count = 7\n", redis.url()))
    }
}

/// The gatewayctl binary, run in an empty directory so no stray
/// ./gatewayctl.toml is picked up. Tests are scripts: `--yes` answers every
/// confirmation (`gatewayctl_unconfirmed` tests the refusal without it).
pub fn gatewayctl(args: &[&str]) -> Output {
    gatewayctl_in(Path::new(env!("CARGO_TARGET_TMPDIR")), args)
}

pub fn gatewayctl_in(dir: &Path, args: &[&str]) -> Output {
    let mut all = args.to_vec();
    if !all.contains(&"--yes") && !all.contains(&"--help") && !all.contains(&"--version") {
        all.push("--yes");
    }
    unconfirmed_in(dir, &all)
}

/// As `gatewayctl`, with no `--yes`: a change must then be refused.
pub fn gatewayctl_unconfirmed(args: &[&str]) -> Output {
    unconfirmed_in(Path::new(env!("CARGO_TARGET_TMPDIR")), args)
}

fn unconfirmed_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gatewayctl"))
        .args(args)
        .current_dir(dir)
        .env_remove("GATEWAYCTL_CONFIG")
        .env("NO_COLOR", "1")
        .output()
        .expect("run gatewayctl")
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// stderr as said: piped, gatewayctl wraps its lines to 100 columns, each
/// continuation indented two spaces more; joined back here, so a test reads
/// what was said, not where the width broke it (the width tests read the
/// raw bytes).
pub fn stderr(out: &Output) -> String {
    unwrap_lines(&String::from_utf8_lossy(&out.stderr))
}

fn unwrap_lines(text: &str) -> String {
    const PIPED: usize = 100;
    // (the joined line, its first line's indent, its last physical line's width,
    // whether that physical line held one word alone)
    let mut joined: Vec<(String, usize, usize, bool)> = Vec::new();
    for line in text.split('\n') {
        let indent = line.len() - line.trim_start().len();
        let body = line.trim_start();
        let word = body.split(' ').next().map_or(0, |w| w.chars().count());
        match joined.last_mut() {
            // Greedy wrapping broke here: the next word did not fit on the
            // line before, which is indented two less; a full line broke a word.
            // Only a word longer than a line is broken, so only a full line of one
            // word continues without a space; a full line of words ended at a word.
            Some((prev, base, last, alone)) if indent == *base + 2 && *last + 1 + word > PIPED => {
                if *last < PIPED || !*alone {
                    prev.push(' ');
                }
                prev.push_str(body);
                *last = line.chars().count();
                *alone = !body.contains(' ');
            }
            _ => joined.push((line.to_string(), indent, line.chars().count(), !body.contains(' '))),
        }
    }
    joined.into_iter().map(|(l, ..)| l).collect::<Vec<_>>().join("\n")
}

/// Parses stdout as JSON into a report type, failing with both streams shown.
pub fn json<T: serde::de::DeserializeOwned>(out: &Output) -> T {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("stdout is not the expected JSON ({e}):\n{}\nstderr:\n{}", stdout(out), stderr(out)))
}

pub fn code(out: &Output) -> i32 {
    out.status.code().expect("exited, not killed")
}

/// A real OpenSSH server on a loopback port, with a generated host key and
/// client key: the fleet's hosts are reached through it as root. Killed
/// when dropped.
pub struct Sshd {
    child: Child,
    pub port: u16,
    /// An ssh_config (`ssh -F`) with the client key and a known_hosts that
    /// holds this server's host key (strict checking passes, nothing is asked).
    pub ssh_config: PathBuf,
    pub dir: tempfile::TempDir,
}

impl Sshd {
    pub fn start() -> Self {
        let sshd = std::path::Path::new("/usr/sbin/sshd");
        assert!(sshd.is_file(), "sshd is not installed: run `apt-get install -y openssh-server` (or `bash .ci/run`)");
        require("ssh", "openssh-client");
        let keygen = require("ssh-keygen", "openssh-client");
        let dir = tempfile::tempdir().expect("temp dir");
        let d = dir.path();
        for key in ["host", "client"] {
            let out = Command::new(&keygen)
                .args(["-q", "-t", "ed25519", "-N", "", "-C", key, "-f"])
                .arg(d.join(key))
                .output()
                .expect("ssh-keygen");
            assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        }
        std::fs::copy(d.join("client.pub"), d.join("authorized_keys")).unwrap();
        // Privilege separation wants its empty directory.
        let _ = std::fs::create_dir_all("/run/sshd");
        for _ in 0..5 {
            let port = free_port();
            let config = format!(
                "Port {port}\nListenAddress 127.0.0.1\nHostKey {d}/host\nPidFile {d}/sshd.pid\nAuthorizedKeysFile {d}/authorized_keys\n\
                 PasswordAuthentication no\nKbdInteractiveAuthentication no\nPubkeyAuthentication yes\nPermitRootLogin prohibit-password\n\
                 StrictModes no\nUsePAM no\nMaxStartups 64\nMaxSessions 64\nLogLevel ERROR\nAcceptEnv GATEWAYCTL_CRASH_AFTER_STEP\n",
                d = d.display()
            );
            std::fs::write(d.join("sshd_config"), config).unwrap();
            let host_key = std::fs::read_to_string(d.join("host.pub")).unwrap();
            std::fs::write(d.join("known_hosts"), format!("[127.0.0.1]:{port} {host_key}")).unwrap();
            std::fs::write(
                d.join("ssh_config"),
                format!(
                    "Host *\n  User root\n  IdentityFile {d}/client\n  IdentitiesOnly yes\n  UserKnownHostsFile {d}/known_hosts\n  GlobalKnownHostsFile /dev/null\n  SendEnv GATEWAYCTL_CRASH_AFTER_STEP\n",
                    d = d.display()
                ),
            )
            .unwrap();
            let mut child = Command::new(sshd)
                .args(["-D", "-e", "-f"])
                .arg(d.join("sshd_config"))
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("spawn sshd");
            let deadline = Instant::now() + Duration::from_secs(5);
            while Instant::now() < deadline {
                if let Ok(Some(_)) = child.try_wait() {
                    break;
                }
                if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                    return Sshd { child, port, ssh_config: d.join("ssh_config"), dir };
                }
                std::thread::sleep(Duration::from_millis(10));
            }
            let _ = child.kill();
            let _ = child.wait();
        }
        panic!("sshd did not start on a free loopback port");
    }

    /// A loopback port nothing listens on: a host that cannot be reached.
    pub fn dead_port() -> u16 {
        free_port()
    }
}

impl Drop for Sshd {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A private three-primary Redis Cluster (`redis-cli --cluster create`, with
/// or without a replica per primary), every node killed when dropped.
pub struct RedisCluster {
    nodes: Vec<Child>,
    pub ports: Vec<u16>,
    pub password: Option<String>,
    _dir: tempfile::TempDir,
}

impl RedisCluster {
    pub fn start(password: Option<&str>) -> Self {
        Self::start_with(password, 0)
    }

    /// `replicas` per primary: 0, or 1 for six nodes (the first three primaries).
    pub fn start_with(password: Option<&str>, replicas: usize) -> Self {
        let binary = require("redis-server", "redis-server");
        require("redis-cli", "redis-tools");
        let dir = tempfile::tempdir().expect("temp dir");
        let mut cluster =
            RedisCluster { nodes: Vec::new(), ports: Vec::new(), password: password.map(str::to_string), _dir: dir };
        let count = 3 * (1 + replicas);
        // A port is free when picked, but another test's server may take it
        // before ours binds (ours then exits, and the port answers for
        // someone else): the nodes are started again on new ports, a bounded
        // number of times, until each port is served by our own node.
        for attempt in 1..=5 {
            cluster.spawn_nodes(&binary, count);
            if cluster.nodes_are_ours() {
                break;
            }
            assert!(attempt < 5, "cluster nodes did not start on free loopback ports (5 attempts)");
            cluster.stop_nodes();
        }
        let deadline = Instant::now() + Duration::from_secs(10);
        let mut create = cluster.cli_command();
        create.args(["--cluster", "create"]);
        create.args(cluster.ports.iter().map(|p| format!("127.0.0.1:{p}")));
        let replicas = replicas.to_string();
        let out = create
            .args(["--cluster-replicas", &replicas, "--cluster-yes"])
            .output()
            .expect("redis-cli --cluster create");
        assert!(out.status.success(), "cluster create: {}", String::from_utf8_lossy(&out.stdout));
        let synced = |i: usize| {
            let replica = cluster.cli(i, &["ROLE"]).starts_with("slave");
            cluster.cli(i, &["CLUSTER", "INFO"]).contains("cluster_state:ok")
                && (!replica || cluster.cli(i, &["INFO", "replication"]).contains("master_link_status:up"))
        };
        let replicas_up = || {
            (0..count).filter(|&i| cluster.cli(i, &["INFO", "replication"]).contains("master_link_status:up")).count()
                == count - 3
        };
        while !((0..count).all(synced) && replicas_up()) {
            assert!(Instant::now() < deadline, "the cluster did not reach cluster_state:ok");
            std::thread::sleep(Duration::from_millis(50));
        }
        cluster
    }

    /// `count` nodes on distinct free ports (data and bus), waited for until
    /// each port answers or its node has exited.
    fn spawn_nodes(&mut self, binary: &Path, count: usize) {
        // All the ports held at once, so that no two are the same.
        let held: Vec<TcpListener> =
            (0..2 * count).map(|_| TcpListener::bind("127.0.0.1:0").expect("a free loopback port")).collect();
        let ports: Vec<u16> = held.iter().map(|l| l.local_addr().expect("bound").port()).collect();
        drop(held);
        for i in 0..count {
            // Both ports chosen: the default bus port (port + 10000) may not exist.
            let (port, bus) = (ports[2 * i], ports[2 * i + 1]);
            let d = self._dir.path();
            let mut cmd = Command::new(binary);
            cmd.args(["--bind", "127.0.0.1", "--port", &port.to_string(), "--save", "", "--appendonly", "no"])
                .args([
                    "--cluster-enabled",
                    "yes",
                    "--cluster-port",
                    &bus.to_string(),
                    "--cluster-node-timeout",
                    "2000",
                ])
                // A replica syncs at once rather than after 5 s.
                .args(["--repl-diskless-sync-delay", "0"])
                .arg("--cluster-config-file")
                .arg(d.join(format!("nodes-{port}.conf")))
                .arg("--dir")
                .arg(d);
            if let Some(pw) = &self.password {
                cmd.args(["--requirepass", pw, "--masterauth", pw]);
            }
            let child = cmd.stdout(Stdio::null()).stderr(Stdio::null()).spawn().expect("spawn redis-server");
            self.nodes.push(child);
            self.ports.push(port);
        }
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let exited = self.nodes.iter_mut().any(|c| matches!(c.try_wait(), Ok(Some(_))));
            if exited || self.ports.iter().all(|p| std::net::TcpStream::connect(("127.0.0.1", *p)).is_ok()) {
                return;
            }
            assert!(Instant::now() < deadline, "cluster nodes did not start in 10 s");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Is every port answered by the node we started on it (its pid)?
    fn nodes_are_ours(&mut self) -> bool {
        for i in 0..self.nodes.len() {
            if !matches!(self.nodes[i].try_wait(), Ok(None)) {
                return false;
            }
            let mut cmd = self.cli_command();
            let out = cmd.args(["-h", "127.0.0.1", "-p", &self.ports[i].to_string(), "INFO", "server"]).output();
            let pid = format!("process_id:{}", self.nodes[i].id());
            if !out.is_ok_and(|o| String::from_utf8_lossy(&o.stdout).lines().any(|l| l.trim() == pid)) {
                return false;
            }
        }
        true
    }

    fn stop_nodes(&mut self) {
        for child in &mut self.nodes {
            let _ = child.kill();
            let _ = child.wait();
        }
        self.nodes.clear();
        self.ports.clear();
    }

    fn cli_command(&self) -> Command {
        let mut cmd = Command::new("redis-cli");
        if let Some(pw) = &self.password {
            cmd.env("REDISCLI_AUTH", pw);
        }
        cmd
    }

    /// redis-cli on node `i` (no redirection followed).
    pub fn cli(&self, i: usize, args: &[&str]) -> String {
        let out = self.cli_command().args(["-h", "127.0.0.1", "-p", &self.ports[i].to_string()]).args(args).output();
        String::from_utf8_lossy(&out.expect("run redis-cli").stdout).trim().to_string()
    }

    /// redis-cli following MOVED (`-c`), for key commands.
    pub fn cli_c(&self, args: &[&str]) -> String {
        let out =
            self.cli_command().args(["-c", "-h", "127.0.0.1", "-p", &self.ports[0].to_string()]).args(args).output();
        String::from_utf8_lossy(&out.expect("run redis-cli").stdout).trim().to_string()
    }

    /// The slot ranges node `i` serves, from its own CLUSTER NODES line.
    fn slots_of(&self, i: usize) -> Vec<(u16, u16)> {
        let nodes = self.cli(i, &["CLUSTER", "NODES"]);
        let mine = nodes.lines().find(|l| l.contains("myself")).expect("a myself line");
        mine.split_whitespace()
            .skip(8)
            .filter_map(|s| match s.split_once('-') {
                Some((a, b)) => Some((a.parse().ok()?, b.parse().ok()?)),
                None => s.parse().ok().map(|n| (n, n)),
            })
            .collect()
    }

    /// SET each key to "1" on the primary that owns its slot, through
    /// `redis-cli --pipe` per primary (fast enough for 600,000 keys).
    pub fn fill(&self, keys: impl Iterator<Item = String>) {
        let owners: Vec<Vec<(u16, u16)>> = (0..self.ports.len()).map(|i| self.slots_of(i)).collect();
        let mut streams = vec![Vec::new(); self.ports.len()];
        for key in keys {
            let slot = gatewayctl::adapters::redis::key_slot(key.as_bytes());
            let node =
                owners.iter().position(|r| r.iter().any(|&(a, b)| (a..=b).contains(&slot))).expect("a covered slot");
            let s = &mut streams[node];
            s.extend_from_slice(format!("*3\r\n$3\r\nSET\r\n${}\r\n", key.len()).as_bytes());
            s.extend_from_slice(key.as_bytes());
            s.extend_from_slice(b"\r\n$1\r\n1\r\n");
        }
        for (i, stream) in streams.into_iter().enumerate().filter(|(_, s)| !s.is_empty()) {
            use std::io::Write;
            let mut child = self
                .cli_command()
                .args(["-h", "127.0.0.1", "-p", &self.ports[i].to_string(), "--pipe"])
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .spawn()
                .expect("redis-cli --pipe");
            child.stdin.take().unwrap().write_all(&stream).unwrap();
            let out = child.wait_with_output().unwrap();
            assert!(out.status.success(), "pipe to node {i}: {}", String::from_utf8_lossy(&out.stdout));
        }
    }

    /// Kills node `i` at once (SIGKILL): a primary that dies.
    pub fn kill(&mut self, i: usize) {
        let _ = self.nodes[i].kill();
        let _ = self.nodes[i].wait();
    }

    /// The seed list and URL a gatewayctl config needs.
    pub fn config(&self, seeds: &[usize], prefix: &str, extra: &str) -> String {
        let seeds: Vec<String> = seeds.iter().map(|&i| format!("\"127.0.0.1:{}\"", self.ports[i])).collect();
        let auth = self.password.as_ref().map(|pw| format!(":{pw}@")).unwrap_or_default();
        format!(
            "[redis]\nmode = \"cluster\"\nurl = \"redis://{auth}127.0.0.1:{}/0\"\nnodes = [{}]\nprefix = \"{prefix}\"\nconnect_timeout = \"1s\"\n{extra}",
            self.ports[0],
            seeds.join(", ")
        )
    }
}

impl Drop for RedisCluster {
    fn drop(&mut self) {
        self.stop_nodes();
    }
}

/// The names the labs' limiter answers to, as both presets configure them.
pub fn limiter() -> gatewayctl::core::limiter::Attachment {
    gatewayctl::core::limiter::Attachment::from_names(&[
        "api.rate-limit".into(),
        "App\\Http\\Middleware\\RateLimitMiddleware".into(),
    ])
}

#[test]
fn unwrapping_keeps_the_space_after_a_full_line_of_words() {
    // The CI's longer paths once put "their" at column 100: "theiroriginal".
    let head = format!("gatewayctl: {} their", "x".repeat(82));
    assert_eq!(head.chars().count(), 100);
    let text = format!("{head}\n  original bytes");
    assert_eq!(unwrap_lines(&text), format!("{head} original bytes"));
    let word = "y".repeat(98);
    assert_eq!(unwrap_lines(&format!("a:\n  {word}\n  zz")), format!("a: {word}zz"));
}
