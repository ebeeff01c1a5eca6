//! What each subcommand of `kiosk` does, and opening the window when none is given; the
//! binary parses the command line and hands it here, so the logic is testable and
//! `main.rs` stays a dispatcher.

use std::process::ExitCode;

use crate::cli::{Cli, Command, CoursesCommand};

/// Runs the command `cli` names (no subcommand: the learner kiosk window).
pub fn run(cli: Cli) -> ExitCode {
    let data = data_dir(&cli);
    let reads_courses_only = matches!(
        cli.command,
        Some(Command::Courses { .. } | Command::Screenshots { .. })
    );
    if !reads_courses_only
        && let Err(e) =
            baeumteo_storage::data_folder::check_owner(&data, &crate::paths::DATA_FOLDER)
    {
        eprintln!("kiosk: {e}");
        return ExitCode::FAILURE;
    }
    match cli.command {
        Some(Command::Courses {
            command: CoursesCommand::Check { dir },
        }) => courses_check(crate::paths::courses_dir(dir.or(cli.courses))),
        Some(Command::Screenshots {
            out,
            size,
            scale,
            high_contrast,
            course_samples,
            steps,
        }) => screenshots(
            crate::screenshots::ShotOptions {
                out,
                size,
                courses_dir: crate::paths::courses_dir(cli.courses.clone()),
                scale,
                high_contrast,
            },
            course_samples,
            &steps,
        ),
        Some(Command::Certificates { json }) => instructor_command(&cli, |store, courses, _| {
            let lines = crate::instructor::commands::list_certificates(store, courses)?;
            print!(
                "{}",
                crate::instructor::commands::format_certificates(&lines, json)
            );
            Ok(())
        }),
        Some(Command::Certificate {
            ref certificate_no,
            ref out,
        }) => instructor_command(&cli, |store, courses, i18n| {
            crate::instructor::commands::write_certificate(
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
            crate::instructor::commands::revoke_certificate(store, certificate_no, reason)?;
            println!("{certificate_no}");
            Ok(())
        }),
        Some(Command::Report { ref month, ref out }) => {
            instructor_command(&cli, |store, courses, i18n| {
                let path =
                    crate::instructor::commands::write_report(store, courses, month, out, i18n)?;
                println!("{}", path.display());
                Ok(())
            })
        }
        Some(Command::Enroll {
            server,
            code,
            allow_insecure_http,
            adopt_server_center,
        }) => crate::sync::commands::enroll(
            &data,
            &server,
            &code,
            allow_insecure_http,
            adopt_server_center,
        ),
        Some(Command::Sync { once }) => {
            crate::sync::commands::sync(&data, courses_dir(&cli, &data), once)
        }
        Some(Command::Status { json }) => {
            crate::sync::commands::status(&data, &courses_dir(&cli, &data), json)
        }
        Some(Command::Simulate {
            learners,
            days,
            seed,
        }) => crate::simulate::run(&data, &courses_dir(&cli, &data), learners, days, seed),
        Some(Command::Backup { ref out }) => done(crate::backup::backup(&data, out), |c| {
            println!(
                "kiosk {} backed up to {} ({} events); the file holds learners' names and the device token: keep it safe",
                c.kiosk_id,
                c.path.display(),
                c.events
            )
        }),
        Some(Command::Restore { ref from, force }) => {
            done(crate::backup::restore(&data, from, force), |c| {
                println!(
                    "kiosk {} restored into {} ({} events); it syncs as before",
                    c.kiosk_id,
                    c.path.display(),
                    c.events
                )
            })
        }
        None => open_window(&cli),
    }
}

/// Says what a command did (`said`), or its error in one line, as the exit code.
fn done<T, E: std::fmt::Display>(result: Result<T, E>, said: impl FnOnce(T)) -> ExitCode {
    match result {
        Ok(v) => {
            said(v);
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("kiosk: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Opens the store (the demo's with `--demo`) and the courses, then runs `f`.
fn instructor_command(
    cli: &Cli,
    f: impl FnOnce(
        &mut crate::store::Store,
        &[baeumteo_core::course::Course],
        &baeumteo_core::i18n::I18n,
    ) -> Result<(), crate::instructor::commands::CommandError>,
) -> ExitCode {
    let data_dir = data_dir(cli);
    let courses_dir = courses_dir(cli, &data_dir);
    if cli.demo
        && let Err(e) = crate::demo::ensure(&data_dir, &courses_dir)
    {
        eprintln!("kiosk: {e}");
        return ExitCode::FAILURE;
    }
    let mut store = match crate::store::Store::open_in(&data_dir) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("kiosk: {e}");
            return ExitCode::FAILURE;
        }
    };
    let courses = crate::catalog::load(&courses_dir);
    let i18n = baeumteo_core::i18n::I18n::new(baeumteo_core::i18n::Locale::Ko);
    done(f(&mut store, &courses, &i18n), |()| {})
}

/// The one data folder of this run, for the window and every subcommand alike:
/// `--data-dir` when given; with `--demo` alone a `demo` folder beside a real center's
/// data, so a demo never mixes with it.
fn data_dir(cli: &Cli) -> std::path::PathBuf {
    match (&cli.data_dir, cli.demo) {
        (None, true) => crate::paths::data_dir(None).join("demo"),
        (dir, _) => crate::paths::data_dir(dir.clone()),
    }
}

/// The courses this run works from: `--courses`; for an installed kiosk a writable
/// copy in its data folder, where sync can install course updates (see
/// `installed_courses`); else the development folders.
fn courses_dir(cli: &Cli, data: &std::path::Path) -> std::path::PathBuf {
    let shipped = crate::paths::installed_share()
        .map(|share| share.join("courses"))
        .filter(|dir| dir.is_dir());
    match (&cli.courses, shipped) {
        (None, Some(shipped)) => crate::installed_courses::working_copy(&shipped, data)
            .unwrap_or_else(|e| {
                tracing::warn!(
                    error = %e,
                    "the courses are used read-only from {}: course updates cannot be installed",
                    shipped.display()
                );
                shipped
            }),
        (explicit, _) => crate::paths::courses_dir(explicit.clone()),
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
    let _lock =
        match baeumteo_storage::DataLock::acquire(&data_dir(cli), &crate::paths::DATA_FOLDER) {
            Ok(lock) => lock,
            Err(e) => {
                eprintln!("kiosk: {e}");
                return ExitCode::FAILURE;
            }
        };
    let data = data_dir(cli);
    let options = crate::ui::app::RunOptions {
        courses_dir: courses_dir(cli, &data),
        data_dir: data,
        demo: cli.demo,
        fullscreen: cli.fullscreen,
        export_dir: cli.export_dir.clone(),
        quit_after_first_frame: cli.quit_after_first_frame,
    };
    done(crate::ui::app::run(options), |()| {})
}

fn screenshots(
    options: crate::screenshots::ShotOptions,
    course_samples: bool,
    steps: &[String],
) -> ExitCode {
    let rendered = if course_samples {
        crate::screenshots::render_course_samples(&options)
    } else if !steps.is_empty() {
        crate::screenshots::render_named_steps(&options, steps)
    } else {
        crate::screenshots::render_all(&options)
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
