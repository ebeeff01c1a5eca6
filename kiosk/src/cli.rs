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
    /// Folder holding the courses (default: ./courses).
    #[arg(long, global = true)]
    pub courses: Option<PathBuf>,
    /// Open the kiosk on a demo data folder (a demo center, learners, some progress).
    #[arg(long)]
    pub demo: bool,
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
    /// Render every learner screen to 1920×1080 PNG files, without a display.
    Screenshots {
        /// Folder for the PNG files.
        #[arg(long)]
        out: PathBuf,
        /// Text size: 1.0, 1.5 or 2.0.
        #[arg(long, default_value_t = 1.0)]
        scale: f32,
        /// Use the high-contrast theme.
        #[arg(long)]
        high_contrast: bool,
    },
    /// Work with course folders.
    Courses {
        #[command(subcommand)]
        command: CoursesCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum CoursesCommand {
    /// Check every course and print each problem as `path:line:column: message`.
    Check {
        /// The courses folder (default: ./courses).
        dir: Option<PathBuf>,
    },
}
