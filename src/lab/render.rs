//! The lab's generated files: the gateway's own config (limits, breakers,
//! sanitizer rules and Redis, from gatewayctl's settings, so the lab is the
//! gateway the model describes), php-fpm's and nginx's configs, and the
//! gatewayctl.toml that points gatewayctl at the lab. Pure text.

use std::fmt::Write as _;
use std::path::Path;

use crate::lab::layout::{Layout, Ports};
use crate::settings::file::{FileConfig, ManagerKind};
use crate::settings::Settings;

/// A PHP single-quoted string literal.
fn php_str(s: &str) -> String {
    format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'"))
}

fn php_list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| php_str(s)).collect();
    format!("[{}]", quoted.join(", "))
}

/// `config/gateway.php`: every number the gateway's code reads.
/// `cluster`: the primaries' ports when the lab runs a Redis Cluster.
pub fn gateway_php(settings: &Settings, ports: &Ports, upstream_timeout_s: f64, cluster: &[u16]) -> String {
    let mut php = String::from(
        "<?php\n\n// Written by `gatewayctl lab up` from the gatewayctl config the lab was built with.\n\nreturn [\n",
    );
    let prefix = php_str(&settings.file.redis.prefix);
    let nodes: Vec<String> = cluster.iter().map(|p| p.to_string()).collect();
    let _ = writeln!(
        php,
        "    'redis' => ['host' => '127.0.0.1', 'port' => {}, 'password' => null, 'database' => 0, 'prefix' => {prefix}, 'cluster' => [{}]],",
        ports.redis,
        nodes.join(", ")
    );
    php.push_str("    'rate_limit' => [\n        'buckets' => [\n");
    for b in &settings.limiter.buckets {
        let _ = writeln!(
            php,
            "            ['name' => {}, 'paths' => {}, 'limit' => {}, 'window' => {}],",
            php_str(&b.name),
            php_list(&b.paths),
            b.limit,
            b.window_ms / 1000
        );
    }
    let abuse = settings.limiter.abuse;
    let _ = writeln!(
        php,
        "        ],\n        'abuse' => ['threshold' => {}, 'counter_ttl' => {}, 'block' => {}],\n    ],",
        abuse.threshold,
        abuse.counter_ttl_ms.unwrap_or(0) / 1000,
        abuse.block_ms / 1000
    );
    php.push_str("    'breakers' => [\n");
    for (name, b) in &settings.breakers {
        let _ = writeln!(
            php,
            "        {} => ['failure_threshold' => {}, 'recovery_timeout' => {}, 'success_threshold' => {}],",
            php_str(name),
            b.failure_threshold,
            b.recovery_timeout_s,
            b.success_threshold
        );
    }
    php.push_str("    ],\n");
    let _ = writeln!(
        php,
        "    'calcom' => ['base_url' => 'http://127.0.0.1:{}', 'timeout' => {upstream_timeout_s:.1}],",
        ports.upstream
    );
    let needles: Vec<String> = settings.sanitizer.keys.iter().flat_map(|r| r.key_contains.clone()).collect();
    let _ = writeln!(
        php,
        "    'sanitizer' => ['keys' => {}, 'redaction' => {}, 'email_hash_chars' => {}],",
        php_list(&needles),
        php_str(&settings.sanitizer.redaction),
        settings.sanitizer.email_hash_chars
    );
    let slow = settings.thresholds.response_time_ms.alert_above;
    let _ = writeln!(php, "    'slow_response_ms' => {slow},\n];");
    php
}

/// The `.env` Laravel reads (only until config:cache).
pub fn dotenv() -> &'static str {
    "APP_ENV=lab\nAPP_DEBUG=false\n"
}

/// php-fpm: foreground master, one static pool on loopback, graceful reloads.
pub fn fpm_conf(layout: &Layout, ports: &Ports) -> String {
    let run = layout.run();
    format!(
        "; Written by `gatewayctl lab up`.\n[global]\npid = {pid}\nerror_log = {log}\n\
         ; Reloads wait for in-flight requests instead of killing them (a 502).\nprocess_control_timeout = 30s\n\
         daemonize = no\n\n[lab]\nlisten = 127.0.0.1:{port}\npm = static\npm.max_children = 4\n\
         catch_workers_output = yes\nclear_env = no\n",
        pid = layout.fpm_pid().display(),
        log = run.join("php-fpm-error.log").display(),
        port = ports.fpm,
    )
}

/// nginx: its own prefix, pid and temp paths; PHP through php-fpm.
pub fn nginx_conf(layout: &Layout, ports: &Ports, as_root: bool) -> String {
    let run = layout.run();
    let tmp = |name: &str| run.join("nginx-tmp").join(name).display().to_string();
    let user = if as_root { "user root root;\n" } else { "" };
    format!(
        "# Written by `gatewayctl lab up`.\n{user}worker_processes 1;\npid {pid};\nerror_log {err};\n\
         events {{ worker_connections 1024; }}\nhttp {{\n  \
         map $request_uri $validated {{ ~^/api/retell/collect-appointment 1; default 0; }}\n  \
         access_log {access} combined if=$validated;\n  \
         client_body_temp_path {body};\n  fastcgi_temp_path {fastcgi};\n  proxy_temp_path {proxy};\n  \
         uwsgi_temp_path {uwsgi};\n  scgi_temp_path {scgi};\n  server {{\n    listen 127.0.0.1:{http};\n    \
         root {root};\n    location / {{ try_files $uri /index.php?$query_string; }}\n    \
         location ~ \\.php$ {{\n      include /etc/nginx/fastcgi_params;\n      \
         fastcgi_param SCRIPT_FILENAME $document_root$fastcgi_script_name;\n      \
         fastcgi_pass 127.0.0.1:{fpm};\n    }}\n  }}\n}}\n",
        pid = layout.nginx_pid().display(),
        err = run.join("nginx-error.log").display(),
        // Only the route input validation guards is logged (watch reads its
        // 422s): a full access log would slow the load benchmarks down.
        access = run.join("nginx-access.log").display(),
        body = tmp("body"),
        fastcgi = tmp("fastcgi"),
        proxy = tmp("proxy"),
        uwsgi = tmp("uwsgi"),
        scgi = tmp("scgi"),
        http = ports.http,
        root = layout.app().join("public").display(),
        fpm = ports.fpm,
    )
}

/// The gatewayctl config for this lab: the model's numbers as given, the
/// places and the service manager pointed at the lab, marked non-production.
pub fn lab_config(base: &FileConfig, layout: &Layout, ports: &Ports, fpm_binary: &str) -> FileConfig {
    let mut cfg = base.clone();
    cfg.gateway.app_dir = layout.app();
    cfg.gateway.php = "php".into();
    cfg.gateway.base_url = format!("http://127.0.0.1:{}", ports.http);
    cfg.gateway.production = false;
    cfg.gateway.upstream_control = format!("127.0.0.1:{}", ports.upstream_control);
    cfg.service.manager = ManagerKind::Signal;
    cfg.service.fpm_binary = fpm_binary.into();
    cfg.service.fpm_config = layout.fpm_config();
    cfg.service.pid_file = layout.fpm_pid();
    cfg.redis.url = format!("redis://127.0.0.1:{}/0", ports.redis);
    // The lab's own Redis, whatever the base config pointed at.
    cfg.redis.mode = crate::settings::file::RedisMode::Standalone;
    cfg.redis.sentinels.clear();
    cfg.redis.nodes.clear();
    cfg.state.dir = layout.dir.join("state");
    cfg.watch.access_log = layout.run().join("nginx-access.log");
    cfg
}

pub fn lab_config_text(cfg: &FileConfig, dir: &Path) -> String {
    let body = toml::to_string_pretty(cfg).expect("config serializes");
    format!(
        "# gatewayctl config for the lab in {} (written by `gatewayctl lab up`).\n\
         # Use it with --config; `gatewayctl lab down --dir {}` stops the lab.\n\n{body}",
        dir.display(),
        dir.display()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gateway_php_carries_the_models_numbers() {
        let settings = Settings::defaults();
        let ports = Ports::from_base(20000).unwrap();
        let php = gateway_php(&settings, &ports, 2.0, &[]);
        assert!(
            php.contains(
                "['name' => 'bookings', 'paths' => ['v2/bookings', 'v2/bookings/*'], 'limit' => 30, 'window' => 60]"
            ),
            "{php}"
        );
        assert!(php.contains("'abuse' => ['threshold' => 20, 'counter_ttl' => 600, 'block' => 900]"));
        assert!(php.contains(
            "'calcom_api' => ['failure_threshold' => 5, 'recovery_timeout' => 60, 'success_threshold' => 2]"
        ));
        assert!(php.contains("'port' => 20002"));
        assert!(
            php.contains("'keys' => ['password', 'secret', 'token', 'api_key', 'apikey', 'authorization', 'cookie']")
        );
    }

    #[test]
    fn php_strings_are_escaped() {
        assert_eq!(php_str(r"it's a \ path"), r"'it\'s a \\ path'");
    }

    #[test]
    fn the_lab_config_is_valid_and_non_production() {
        let layout = Layout::new(Path::new("/srv/lab"));
        let cfg = lab_config(&FileConfig::default(), &layout, &Ports::from_base(20000).unwrap(), "php-fpm8.2");
        let text = lab_config_text(&cfg, &layout.dir);
        let parsed = crate::settings::parse(&text, None).expect("the lab config parses");
        assert!(!parsed.file.gateway.production);
        assert_eq!(parsed.file.gateway.base_url, "http://127.0.0.1:20000");
        assert_eq!(parsed.limiter, Settings::defaults().limiter);
    }
}
