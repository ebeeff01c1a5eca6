//! `kiosk enroll`, `kiosk sync`, `kiosk status`: sync from the command line (English is
//! fine here; the instructor's view says the same in Korean).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use serde::Serialize;

use super::{
    SyncOptions, SyncProgress, SyncStatus, SyncWorker, WorkerOptions, enroll as enroll_kiosk,
};
use crate::store::{STORE_FILE, Store};

const CLI_TIMEOUT: Duration = Duration::from_secs(30);

fn open(data_dir: &Path) -> Result<Store, ExitCode> {
    Store::open_in(data_dir).map_err(|e| {
        eprintln!("kiosk: {e}");
        ExitCode::FAILURE
    })
}

pub fn enroll(
    data_dir: &Path,
    server: &str,
    code: &str,
    allow_insecure_http: bool,
    adopt_server_center: bool,
) -> ExitCode {
    let mut store = match open(data_dir) {
        Ok(s) => s,
        Err(code) => return code,
    };
    match enroll_kiosk(
        &mut store,
        server,
        code,
        allow_insecure_http,
        CLI_TIMEOUT,
        adopt_server_center,
    ) {
        Ok(center) => {
            println!(
                "kiosk {} enrolled with {server} for {} ({} {})",
                store.kiosk_id(),
                center.center_name,
                center.county,
                center.township
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("kiosk: enrollment failed: {e}");
            ExitCode::FAILURE
        }
    }
}

pub fn sync(data_dir: &Path, courses_dir: PathBuf, once: bool) -> ExitCode {
    let mut options = SyncOptions {
        timeout: CLI_TIMEOUT,
        courses_dir: Some(courses_dir),
        ..SyncOptions::default()
    };
    if !once {
        // Keep syncing in the foreground the way the kiosk does in the background.
        let worker = SyncWorker::spawn(
            WorkerOptions {
                store_path: data_dir.join(STORE_FILE),
                sync: options,
                interval: Duration::from_secs(5 * 60),
                first_attempt_after: Duration::ZERO,
                check_store: true,
            },
            |status| {
                if !status.running {
                    let t = baeumteo_core::i18n::I18n::new(baeumteo_core::i18n::Locale::Ko);
                    println!("{}", status.lines(&t).join(" / "));
                }
            },
        );
        loop {
            std::thread::park();
            let _ = &worker;
        }
    }
    // Without the `quick_check` (a full read of the file, most of a sync with nothing to
    // do on years of history): the window checks the store at every start and `kiosk
    // status` on demand, SQLite refuses a damaged page it reads, and the server checks
    // every event it is sent.
    let mut store = match Store::open_in_checked_elsewhere(data_dir) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("kiosk: {e}");
            return ExitCode::FAILURE;
        }
    };
    let watched = std::io::stderr().is_terminal();
    if watched {
        options.progress = Some(progress_bar());
    }
    let outcome = super::sync_once(&mut store, &options);
    if watched {
        eprintln!();
    }
    match outcome {
        Ok(report) => {
            println!(
                "pushed {} events, pulled {} changes, installed {} courses",
                report.pushed, report.pulled, report.courses_installed
            );
            if report.refused_from_server > 0 {
                eprintln!(
                    "kiosk: {} changes from the server were not stored: they would not read back",
                    report.refused_from_server
                );
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("kiosk: sync did not finish: {e}");
            ExitCode::FAILURE
        }
    }
}

/// One line on the terminal, redrawn after every answer: events sent of those waiting,
/// changes received, the rate and the time left.
fn progress_bar() -> super::ProgressSink {
    let started = Instant::now();
    super::ProgressSink(std::sync::Arc::new(move |p: SyncProgress| {
        let secs = started.elapsed().as_secs_f64().max(0.001);
        let rate = (p.sent + p.received) as f64 / secs;
        let width = 24usize;
        let done = if p.to_send == 0 {
            width
        } else {
            (p.sent as usize * width) / p.to_send as usize
        };
        let left = if p.sent < p.to_send && p.sent > 0 {
            let per_event = secs / p.sent as f64;
            format!(
                ", about {:.0} s left",
                per_event * (p.to_send - p.sent) as f64
            )
        } else {
            String::new()
        };
        eprint!(
            "\r[{}{}] sent {}/{} events, received {} changes, {:.0}/s{left}   ",
            "#".repeat(done.min(width)),
            "-".repeat(width - done.min(width)),
            p.sent,
            p.to_send,
            p.received,
            rate
        );
        let _ = std::io::stderr().flush();
    }))
}

#[derive(Debug, Serialize)]
struct StatusReport {
    version: &'static str,
    kiosk_id: uuid::Uuid,
    data_dir: PathBuf,
    courses_dir: PathBuf,
    database: String,
    events: u64,
    last_seq: u64,
    #[serde(flatten)]
    sync: SyncStatus,
    last_failure_message: Option<String>,
}

pub fn status(data_dir: &Path, courses_dir: &Path, json: bool) -> ExitCode {
    let store = match open(data_dir) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let report = (|| -> Result<StatusReport, crate::store::StoreError> {
        let sync = SyncStatus::load(&store)?;
        Ok(StatusReport {
            version: env!("CARGO_PKG_VERSION"),
            kiosk_id: store.kiosk_id(),
            data_dir: data_dir.to_path_buf(),
            courses_dir: courses_dir.to_path_buf(),
            database: store.quick_check()?,
            events: store.event_count()?,
            last_seq: store.last_seq()?,
            last_failure_message: sync.last_failure.as_ref().map(ToString::to_string),
            sync,
        })
    })();
    let report = match report {
        Ok(r) => r,
        Err(e) => {
            eprintln!("kiosk: {e}");
            return ExitCode::FAILURE;
        }
    };
    let healthy = report.database == "ok";
    if json {
        match serde_json::to_string_pretty(&report) {
            Ok(s) => println!("{s}"),
            Err(e) => {
                eprintln!("kiosk: {e}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        let s = &report.sync;
        let when = |t: Option<chrono::DateTime<chrono::Utc>>| {
            t.map(|t| {
                t.with_timezone(&baeumteo_core::time::kst())
                    .format("%Y-%m-%d %H:%M:%S KST")
                    .to_string()
            })
            .unwrap_or_else(|| "never".into())
        };
        println!("version:        {}", report.version);
        println!("kiosk:          {}", report.kiosk_id);
        println!("data folder:    {}", report.data_dir.display());
        println!("courses folder: {}", report.courses_dir.display());
        println!(
            "database:       {} ({} events)",
            report.database, report.events
        );
        match (&s.server_url, &s.center) {
            (Some(url), Some(c)) => println!(
                "server:         {url} ({} {} {}){}",
                c.county,
                c.township,
                c.center_name,
                if s.revoked { " — REVOKED" } else { "" }
            ),
            _ => println!("server:         not enrolled"),
        }
        println!("events waiting: {}", s.events_waiting);
        println!("last sync:      {}", when(s.last_success_at));
        println!("last attempt:   {}", when(s.last_attempt_at));
        if let Some(msg) = &report.last_failure_message {
            println!("last failure:   {msg}");
        }
        if let Some(ms) = s.clock_offset_ms {
            println!(
                "clock offset:   {:+.1} s{}",
                ms as f64 / 1000.0,
                if s.clock_is_off() {
                    " — set the clock"
                } else {
                    ""
                }
            );
        }
    }
    if healthy {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
