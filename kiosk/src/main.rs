use std::process::ExitCode;

use clap::Parser;
use kiosk::cli::{Cli, Command, CoursesCommand};

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Courses {
            command: CoursesCommand::Check { dir },
        }) => courses_check(kiosk::paths::courses_dir(dir.or(cli.courses))),
        None => {
            eprintln!("the kiosk window is not built yet; try `kiosk courses check`");
            ExitCode::FAILURE
        }
    }
}

fn courses_check(dir: std::path::PathBuf) -> ExitCode {
    let set = baeumteo_core::course::load_courses(&dir);
    for problem in &set.problems {
        println!("{problem}");
    }
    if set.problems.is_empty() {
        println!("{} courses checked, no problems", set.courses.len());
        ExitCode::SUCCESS
    } else {
        eprintln!("{} problems found", set.problems.len());
        ExitCode::FAILURE
    }
}
