use std::process::ExitCode;

use clap::Parser;
use kiosk::cli::{Cli, Command, CoursesCommand};

fn main() -> ExitCode {
    let _ = kiosk::STARTED.set(std::time::Instant::now());
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let (data, courses) = (data_dir(&cli), courses_dir(&cli));
    match cli.command {
        Some(Command::Courses {
            command: CoursesCommand::Check { dir },
        }) => courses_check(kiosk::paths::courses_dir(dir.or(cli.courses))),
        Some(Command::Screenshots {
            out,
            size,
            scale,
            high_contrast,
            course_samples,
            steps,
        }) => screenshots(
            kiosk::screenshots::ShotOptions {
                out,
                size,
                courses_dir: kiosk::paths::courses_dir(cli.courses.clone()),
                scale,
                high_contrast,
            },
            course_samples,
            &steps,
        ),
        Some(Command::Certificates { json }) => instructor_command(&cli, |store, courses, _| {
            let lines = kiosk::instructor::commands::list_certificates(store, courses)?;
            print!(
                "{}",
                kiosk::instructor::commands::format_certificates(&lines, json)
            );
            Ok(())
        }),
        Some(Command::Certificate {
            ref certificate_no,
            ref out,
        }) => instructor_command(&cli, |store, courses, i18n| {
            kiosk::instructor::commands::write_certificate(
                store,
                courses,
                certificate_no,
                out,
                i18n,
            )?;
            println!("{}", out.display());
            Ok(())
        }),
        Some(Command::Report { ref month, ref out }) => {
            instructor_command(&cli, |store, courses, i18n| {
                let path =
                    kiosk::instructor::commands::write_report(store, courses, month, out, i18n)?;
                println!("{}", path.display());
                Ok(())
            })
        }
        Some(Command::Enroll {
            server,
            code,
            allow_insecure_http,
            adopt_server_center,
        }) => kiosk::sync::commands::enroll(
            &data,
            &server,
            &code,
            allow_insecure_http,
            adopt_server_center,
        ),
        Some(Command::Sync { once }) => kiosk::sync::commands::sync(&data, courses, once),
        Some(Command::Status { json }) => kiosk::sync::commands::status(&data, json),
        Some(Command::Simulate {
            learners,
            days,
            seed,
        }) => kiosk::simulate::run(&data, &courses, learners, days, seed),
        None => open_window(&cli),
    }
}

/// Opens the store (the demo's with `--demo`) and the courses, then runs `f`.
fn instructor_command(
    cli: &Cli,
    f: impl FnOnce(
        &kiosk::store::Store,
        &[baeumteo_core::course::Course],
        &baeumteo_core::i18n::I18n,
    ) -> Result<(), kiosk::instructor::commands::CommandError>,
) -> ExitCode {
    let courses_dir = kiosk::paths::courses_dir(cli.courses.clone());
    let data_dir = data_dir(cli);
    if cli.demo
        && let Err(e) = kiosk::demo::ensure(&data_dir, &courses_dir)
    {
        eprintln!("kiosk: {e}");
        return ExitCode::FAILURE;
    }
    let store = match kiosk::store::Store::open_in(&data_dir) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("kiosk: {e}");
            return ExitCode::FAILURE;
        }
    };
    let courses = kiosk::catalog::load(&courses_dir);
    let i18n = baeumteo_core::i18n::I18n::new(baeumteo_core::i18n::Locale::Ko);
    match f(&store, &courses, &i18n) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("kiosk: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The one data folder of this run, for the window and every subcommand alike:
/// `--data-dir` when given; with `--demo` alone a `demo` folder beside a real center's
/// data, so a demo never mixes with it.
fn data_dir(cli: &Cli) -> std::path::PathBuf {
    match (&cli.data_dir, cli.demo) {
        (None, true) => kiosk::paths::data_dir(None).join("demo"),
        (dir, _) => kiosk::paths::data_dir(dir.clone()),
    }
}

fn courses_dir(cli: &Cli) -> std::path::PathBuf {
    kiosk::paths::courses_dir(cli.courses.clone())
}

fn courses_check(dir: std::path::PathBuf) -> ExitCode {
    let set = baeumteo_core::course::check_courses(&dir);
    for problem in &set.problems {
        println!("{problem}");
    }
    // Warnings (something not read aloud) do not fail the check: the kiosk plays the course.
    for w in &set.warnings {
        println!(
            "{}:{}:{}: warning: {}",
            w.path.display(),
            w.line,
            w.column,
            w.message
        );
    }
    if set.problems.is_empty() {
        match set.warnings.len() {
            0 => println!("{} courses checked, no problems", set.courses.len()),
            n => println!(
                "{} courses checked, no problems, {n} warnings",
                set.courses.len()
            ),
        }
        ExitCode::SUCCESS
    } else {
        eprintln!("{} problems found", set.problems.len());
        ExitCode::FAILURE
    }
}

/// No subcommand: open the learner kiosk.
fn open_window(cli: &Cli) -> ExitCode {
    let options = kiosk::ui::app::RunOptions {
        data_dir: data_dir(cli),
        courses_dir: kiosk::paths::courses_dir(cli.courses.clone()),
        demo: cli.demo,
        fullscreen: cli.fullscreen,
        export_dir: cli.export_dir.clone(),
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

fn screenshots(
    options: kiosk::screenshots::ShotOptions,
    course_samples: bool,
    steps: &[String],
) -> ExitCode {
    let rendered = if course_samples {
        kiosk::screenshots::render_course_samples(&options)
    } else if !steps.is_empty() {
        kiosk::screenshots::render_named_steps(&options, steps)
    } else {
        kiosk::screenshots::render_all(&options)
    };
    match rendered {
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
