//! The validated configuration every command works from.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::core::breaker::{BreakerConfig, BreakerStore};
use crate::core::limiter::LimiterShape;
use crate::core::sanitizer::SanitizerRules;
use crate::core::thresholds::Thresholds;
use crate::settings::file::FileConfig;

/// How php-fpm is reloaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ServiceManager {
    /// `fpm_binary` runs the config test (`php-fpm8.3 -t`) before a reload.
    Systemd {
        unit: String,
        fpm_binary: String,
    },
    Signal {
        fpm_binary: String,
        fpm_config: PathBuf,
        pid_file: PathBuf,
    },
    None,
}

/// The validated configuration every command works from.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The file it came from; `None` for the built-in production defaults.
    pub source: Option<PathBuf>,
    pub file: FileConfig,
    /// The limiter's shape: the preset with the config's overrides.
    pub limiter: LimiterShape,
    pub breakers: BTreeMap<String, BreakerConfig>,
    /// How the gateway keeps its breakers' state.
    pub breaker_store: BreakerStore,
    pub sanitizer: SanitizerRules,
    pub thresholds: Thresholds,
    pub service: ServiceManager,
}

impl Settings {
    pub fn app_dir(&self) -> &Path {
        &self.file.gateway.app_dir
    }

    /// The gateway's log, relative paths taken from the app dir.
    pub fn log_file(&self) -> PathBuf {
        self.app_dir().join(&self.file.gateway.log_file)
    }

    pub fn breaker(&self, service: &str) -> Option<&BreakerConfig> {
        self.breakers.get(service)
    }
}
