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
        Some(Command::Screenshots {
            out,
            scale,
            high_contrast,
        }) => screenshots(kiosk::screenshots::ShotOptions {
            out,
            courses_dir: kiosk::paths::courses_dir(cli.courses.clone()),
            scale,
            high_contrast,
        }),
        None => open_window(&cli),
    }
}

fn courses_check(dir: std::path::PathBuf) -> ExitCode {
    let set = baeumteo_core::course::check_courses(&dir);
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

/// No subcommand: open the learner kiosk.
fn open_window(cli: &Cli) -> ExitCode {
    let options = kiosk::ui::app::RunOptions {
        data_dir: kiosk::paths::data_dir(cli.data_dir.clone()),
        courses_dir: kiosk::paths::courses_dir(cli.courses.clone()),
        demo: cli.demo,
        fullscreen: cli.fullscreen,
        quit_after_first_frame: cli.quit_after_first_frame,
    };
    match kiosk::ui::app::run(options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("kiosk: {e}");
            ExitCode::FAILURE
        }
    }
}

fn screenshots(options: kiosk::screenshots::ShotOptions) -> ExitCode {
    match kiosk::screenshots::render_all(&options) {
        Ok(files) => {
            println!("{} screenshots in {}", files.len(), options.out.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("kiosk screenshots: {e}");
            ExitCode::FAILURE
        }
    }
}
