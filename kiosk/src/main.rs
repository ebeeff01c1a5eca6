use std::process::ExitCode;

use clap::Parser;
use kiosk::cli::Cli;

fn main() -> ExitCode {
    let _ = kiosk::STARTED.set(std::time::Instant::now());
    // SAFETY: first thing in main, before any other thread exists.
    unsafe { kiosk::fonts::use_bundled() };
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    kiosk::commands::run(Cli::parse())
}
