//! The Debian packages a lab is built from, what is missing, and installing
//! them (`lab up --install`, as root).

use std::path::{Path, PathBuf};

/// Everything the lab needs, as one apt-get line.
pub const APT_PACKAGES: &[&str] =
    &["php8.2-cli", "php8.2-fpm", "php-redis", "php-laravel-framework", "nginx", "redis-server"];

const ILLUMINATE_AUTOLOAD: &str = "/usr/share/php/Illuminate/autoload.php";

#[derive(Debug, thiserror::Error)]
pub enum PackageError {
    #[error("the lab needs packages that are missing: {}; run `apt-get install -y {}` (or `gatewayctl lab up --install` as root)", missing.join(", "), APT_PACKAGES.join(" "))]
    Missing { missing: Vec<&'static str> },
    #[error("installing {} needs root; run `sudo apt-get install -y {}`", missing.join(", "), APT_PACKAGES.join(" "))]
    NotRoot { missing: Vec<&'static str> },
    #[error("`{command}` failed: {output}")]
    Apt { command: String, output: String },
}

/// Finds `program` on PATH or in the sbin directories (php-fpm and nginx live there).
pub fn which(program: &str) -> Option<PathBuf> {
    let mut dirs: Vec<PathBuf> =
        std::env::var_os("PATH").map(|p| std::env::split_paths(&p).collect()).unwrap_or_default();
    dirs.extend(["/usr/sbin", "/sbin", "/usr/bin"].map(PathBuf::from));
    dirs.into_iter().map(|d| d.join(program)).find(|p| p.is_file())
}

/// The php-fpm binary, newest PHP first.
pub fn find_fpm() -> Option<PathBuf> {
    ["php-fpm8.4", "php-fpm8.3", "php-fpm8.2", "php-fpm"].iter().find_map(|p| which(p))
}

fn php_has_redis() -> bool {
    duct::cmd!("php", "-r", "exit(extension_loaded('redis') ? 0 : 1);")
        .stdout_null()
        .stderr_null()
        .unchecked()
        .run()
        .is_ok_and(|o| o.status.success())
}

/// The packages whose files are not there.
pub fn missing() -> Vec<&'static str> {
    let mut missing = Vec::new();
    let php = which("php").is_some();
    if !php {
        missing.push("php8.2-cli");
    }
    if find_fpm().is_none() {
        missing.push("php8.2-fpm");
    }
    if !php || !php_has_redis() {
        missing.push("php-redis");
    }
    if !Path::new(ILLUMINATE_AUTOLOAD).is_file() {
        missing.push("php-laravel-framework");
    }
    if which("nginx").is_none() {
        missing.push("nginx");
    }
    if which("redis-server").is_none() {
        missing.push("redis-server");
    }
    missing
}

pub fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

/// Installs the lab's packages with apt-get (root only).
pub fn install(missing: Vec<&'static str>) -> Result<(), PackageError> {
    if !is_root() {
        return Err(PackageError::NotRoot { missing });
    }
    let apt = |args: Vec<&str>| {
        let command = format!("apt-get {}", args.join(" "));
        let out = duct::cmd("apt-get", &args)
            .env("DEBIAN_FRONTEND", "noninteractive")
            .stdout_capture()
            .stderr_capture()
            .unchecked()
            .run()
            .map_err(|e| PackageError::Apt { command: command.clone(), output: e.to_string() })?;
        if out.status.success() {
            Ok(())
        } else {
            let output = String::from_utf8_lossy(&out.stderr)
                .chars()
                .rev()
                .take(2000)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            Err(PackageError::Apt { command, output })
        }
    };
    apt(vec!["update", "-qq"])?;
    let mut args = vec!["install", "-y", "-qq"];
    args.extend_from_slice(APT_PACKAGES);
    apt(args)
}
