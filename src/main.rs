//! The binary: parse, build the runtime, run the library, map the outcome to
//! an exit code. Nothing else lives here.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    // A write past a file-size limit must fail as an error the journal can
    // handle (EFBIG), not kill the process mid-change with SIGXFSZ.
    // SAFETY: setting a signal's disposition to ignore, before any thread starts.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
    let cli = gatewayctl::cli::Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("gatewayctl: cannot start the async runtime: {e}");
            return ExitCode::from(gatewayctl::exit::FAILED);
        }
    };
    let outcome = runtime.block_on(gatewayctl::run(cli));
    ExitCode::from(gatewayctl::finish(outcome))
}
