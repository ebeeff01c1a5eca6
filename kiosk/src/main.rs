use std::process::ExitCode;

use clap::Parser;
use kiosk::cli::{Cli, Command, CoursesCommand};

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
    let cli = Cli::parse();
    let data = data_dir(&cli);
    let reads_courses_only = matches!(
        cli.command,
        Some(Command::Courses { .. } | Command::Screenshots { .. })
    );
    if !reads_courses_only && let Err(e) = kiosk::owner::check(&data) {
        eprintln!("kiosk: {e}");
        return ExitCode::FAILURE;
    }
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
        Some(Command::RevokeCertificate {
            ref certificate_no,
            ref reason,
        }) => instructor_command(&cli, |store, _, _| {
            kiosk::instructor::commands::revoke_certificate(store, certificate_no, reason)?;
            println!("{certificate_no}");
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
        Some(Command::Sync { once }) => {
            kiosk::sync::commands::sync(&data, courses_dir(&cli, &data), once)
        }
        Some(Command::Status { json }) => {
            kiosk::sync::commands::status(&data, &courses_dir(&cli, &data), json)
        }
        Some(Command::Simulate {
            learners,
            days,
            seed,
        }) => kiosk::simulate::run(&data, &courses_dir(&cli, &data), learners, days, seed),
        Some(Command::Backup { ref out }) => match kiosk::backup::backup(&data, out) {
            Ok(c) => {
                println!(
                    "kiosk {} backed up to {} ({} events); the file holds learners' names and the device token: keep it safe",
                    c.kiosk_id,
                    c.path.display(),
                    c.events
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("kiosk: {e}");
                ExitCode::FAILURE
            }
        },
        Some(Command::Restore { ref from, force }) => {
            match kiosk::backup::restore(&data, from, force) {
                Ok(c) => {
                    println!(
                        "kiosk {} restored into {} ({} events); it syncs as before",
                        c.kiosk_id,
                        c.path.display(),
                        c.events
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("kiosk: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        None => open_window(&cli),
    }
}

/// Opens the store (the demo's with `--demo`) and the courses, then runs `f`.
fn instructor_command(
    cli: &Cli,
    f: impl FnOnce(
        &mut kiosk::store::Store,
        &[baeumteo_core::course::Course],
        &baeumteo_core::i18n::I18n,
    ) -> Result<(), kiosk::instructor::commands::CommandError>,
) -> ExitCode {
    let data_dir = data_dir(cli);
    let courses_dir = courses_dir(cli, &data_dir);
    if cli.demo
        && let Err(e) = kiosk::demo::ensure(&data_dir, &courses_dir)
    {
        eprintln!("kiosk: {e}");
        return ExitCode::FAILURE;
    }
    let mut store = match kiosk::store::Store::open_in(&data_dir) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("kiosk: {e}");
            return ExitCode::FAILURE;
        }
    };
    let courses = kiosk::catalog::load(&courses_dir);
    let i18n = baeumteo_core::i18n::I18n::new(baeumteo_core::i18n::Locale::Ko);
    match f(&mut store, &courses, &i18n) {
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

/// The courses this run works from: `--courses`; for an installed kiosk a writable
/// copy in its data folder, where sync can install course updates (see
/// `installed_courses`); else the development folders.
fn courses_dir(cli: &Cli, data: &std::path::Path) -> std::path::PathBuf {
    let shipped = kiosk::paths::installed_share()
        .map(|share| share.join("courses"))
        .filter(|dir| dir.is_dir());
    match (&cli.courses, shipped) {
        (None, Some(shipped)) => kiosk::installed_courses::working_copy(&shipped, data)
            .unwrap_or_else(|e| {
                tracing::warn!(
                    error = %e,
                    "the courses are used read-only from {}: course updates cannot be installed",
                    shipped.display()
                );
                shipped
            }),
        (explicit, _) => kiosk::paths::courses_dir(explicit.clone()),
    }
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
    // Held while the window is open, so a restore cannot replace the store under it.
    let _lock = match kiosk::data_lock::DataLock::acquire(&data_dir(cli)) {
        Ok(lock) => lock,
        Err(e) => {
            eprintln!("kiosk: {e}");
            return ExitCode::FAILURE;
        }
    };
    let data = data_dir(cli);
    let options = kiosk::ui::app::RunOptions {
        courses_dir: courses_dir(cli, &data),
        data_dir: data,
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
