//! The command line. Each subcommand's work lives in the module named after it.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "kiosk",
    version,
    about = "배움터 키오스크 — digital learning kiosk"
)]
pub struct Cli {
    /// Folder for the local store and settings (default: `baeumteo` under the user's data dir).
    #[arg(long, global = true)]
    pub data_dir: Option<PathBuf>,
    /// Folder holding the courses (default: `<prefix>/share/baeumteo/courses` beside the
    /// installed binary, else ./courses).
    #[arg(long, global = true)]
    pub courses: Option<PathBuf>,
    /// Open the kiosk on a demo data folder (a demo center, learners, some progress).
    #[arg(long)]
    pub demo: bool,
    /// Folder where instructor mode saves certificates and monthly reports (default: the
    /// first USB stick mounted under /media, else the data folder).
    #[arg(long)]
    pub export_dir: Option<PathBuf>,
    /// Kiosk mode: full screen, no window frame, no mouse cursor.
    #[arg(long)]
    pub fullscreen: bool,
    /// Exit as soon as the first frame has been shown (start-up measurement).
    #[arg(long)]
    pub quit_after_first_frame: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Render every learner screen to PNG files, without a display.
    Screenshots {
        /// Folder for the PNG files.
        #[arg(long)]
        out: PathBuf,
        /// Screen size in pixels (supported: 1920x1080, 1366x768, 1280x800, 1280x1024).
        #[arg(long, default_value = "1920x1080")]
        size: crate::screenshots::ScreenSize,
        /// Text size: 1.0, 1.5 or 2.0.
        #[arg(long, default_value_t = 1.0)]
        scale: f32,
        /// Use the high-contrast theme.
        #[arg(long)]
        high_contrast: bool,
        /// Instead of the screen tour, one characteristic step of each course, as
        /// `<course-id>.png`.
        #[arg(long)]
        course_samples: bool,
        /// Instead of the screen tour, this step (repeatable), as
        /// `<course>-<lesson>-<step>.png`.
        #[arg(long = "step", value_name = "COURSE/LESSON/STEP")]
        steps: Vec<String>,
    },
    /// List the certificates issued on this kiosk (number, name, course, date).
    Certificates {
        /// Print JSON instead of a tab-separated table.
        #[arg(long)]
        json: bool,
    },
    /// Write one certificate as an A4 PDF with its verification QR code.
    Certificate {
        /// The certificate number, as `kiosk certificates` lists it.
        certificate_no: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// Revoke a certificate (issued in error, to the wrong person, or withdrawn): it
    /// stays in the history, `/verify` says it was revoked, and a new one can be issued.
    RevokeCertificate {
        /// The certificate number, as `kiosk certificates` lists it.
        certificate_no: String,
        /// Why it is revoked (kept with the revocation).
        #[arg(long)]
        reason: String,
    },
    /// Export the monthly report as CSV (UTF-8 with BOM, for Excel) into a folder.
    Report {
        /// The month, YYYY-MM (Korean time).
        #[arg(long)]
        month: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// Work with course folders.
    Courses {
        #[command(subcommand)]
        command: CoursesCommand,
    },
    /// Enroll this kiosk with the county's sync server, using a one-time code.
    Enroll {
        /// The server's address, e.g. https://sync.example.go.kr
        #[arg(long)]
        server: String,
        /// The enrollment code made with `sync-server enroll-code`.
        #[arg(long)]
        code: String,
        /// Allow plain http to a server that is not on this machine (testing only).
        #[arg(long)]
        allow_insecure_http: bool,
        /// When the code was made for another center than the one set up on this
        /// kiosk, take the server's center instead of refusing.
        #[arg(long)]
        adopt_server_center: bool,
    },
    /// Sync with the server: with --once, one attempt; otherwise keep syncing.
    Sync {
        #[arg(long)]
        once: bool,
    },
    /// Show the version, the folders used, events waiting, last sync, server and a
    /// database check.
    Status {
        #[arg(long)]
        json: bool,
    },
    /// Copy this kiosk (its store: records, identity, enrollment) into a folder, e.g.
    /// on a USB stick, as `kiosk.sqlite3`; safe while the kiosk runs.
    Backup {
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// Put a backup made by `kiosk backup` in place, keeping the kiosk's identity (on a
    /// replacement PC). Refused while the kiosk runs here, and over recorded events
    /// without --force (they are kept beside it).
    Restore {
        #[arg(long, value_name = "DIR")]
        from: PathBuf,
        #[arg(long)]
        force: bool,
    },
    /// Write a realistic activity history into the local store (demos, load tests).
    Simulate {
        #[arg(long)]
        learners: u32,
        #[arg(long)]
        days: u32,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

#[derive(Debug, Subcommand)]
pub enum CoursesCommand {
    /// Check every course and print each problem as `path:line:column: message`.
    Check {
        /// The courses folder (default: as `--courses`).
        dir: Option<PathBuf>,
    },
}
