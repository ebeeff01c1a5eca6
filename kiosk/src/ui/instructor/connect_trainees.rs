//! The activist track: trainees against the rule, the sign-off, the certificate on
//! screen with its QR code, and its PDF saved for printing.

use super::*;
use baeumteo_core::i18n::args;

/// This page family's part of instructor mode's state.
#[derive(Default)]
pub(super) struct Local {
    pub(super) certificate_no: Option<String>,
}

pub(super) fn connect(app: &AppWindow, ctx: &Shared, st: &St) {
    let g = app.global::<Instructor>();
    let (w, s) = (Callback::new(app, ctx), st.clone());
    g.on_sign_off(move |id| w.act(|app, ctx| sign_off(app, ctx, &s, &id)));
    let (w, s) = (Callback::new(app, ctx), st.clone());
    g.on_show_certificate(move |id| w.act(|app, ctx| show_certificate_of(app, ctx, &s, &id)));
    let (w, s) = (Callback::new(app, ctx), st.clone());
    g.on_save_certificate(move || w.act(|app, ctx| save_certificate(app, ctx, &s)));
    let (w, s) = (Callback::new(app, ctx), st.clone());
    g.on_print_certificate(move || w.act(|app, ctx| print_certificate(app, ctx, &s)));
}

/// What a trainee still lacks, in words ("남은 것: 3시간 더, 활동가의 역할"); empty when
/// nothing is left.
pub(super) fn missing_text(
    t: &baeumteo_core::i18n::I18n,
    course: &Course,
    e: &baeumteo_core::projection::Eligibility,
) -> String {
    let title = |id: &str| {
        course
            .lessons
            .iter()
            .find(|l| l.id == id)
            .map_or_else(|| id.to_owned(), |l| l.title.clone())
    };
    let mut items = Vec::new();
    if !e.hours.met() {
        let left = e.hours.required_minutes - e.hours.total_minutes();
        items.push(t.instructor_trainee_missing_hours(left.div_ceil(60)));
    }
    items.extend(
        e.lessons
            .iter()
            .filter(|l| !l.completed)
            .map(|l| title(&l.lesson_id)),
    );
    items.extend(e.assessments.iter().filter(|a| !a.passed()).map(|a| {
        t.instructor_trainee_missing_assessment(args::InstructorTraineeMissingAssessment {
            lesson: title(&a.lesson_id).into(),
            percent: a.pass_percent.into(),
        })
    }));
    if items.is_empty() {
        String::new()
    } else {
        t.instructor_trainee_missing(items.join(", "))
    }
}

pub(super) fn track(ctx: &Shared) -> Option<Course> {
    ctx.borrow()
        .services
        .courses
        .iter()
        .find(|c| c.certification.is_some())
        .cloned()
}

pub(super) fn show_trainees(app: &AppWindow, ctx: &Shared, _st: &St) {
    let Some(snap) = snapshot(ctx) else { return };
    let g = app.global::<Instructor>();
    let Some(course) = track(ctx) else {
        let text = ctx.borrow().services.i18n.instructor_no_track();
        message(app, &text);
        g.set_trainees(model(Vec::new()));
        return;
    };
    let c = ctx.borrow();
    let items: Vec<TraineeItem> =
        snap.directory
            .learners()
            .into_iter()
            .filter_map(|(id, profile)| {
                let e = snap.projections.eligibility(id, &course)?;
                if !e.is_trainee() {
                    return None;
                }
                let (met, total) = e.requirements_met();
                Some(TraineeItem {
                    id: id.to_string().into(),
                    name: joined(&profile.name),
                    hours: joined(&c.services.i18n.instructor_trainee_hours(
                        args::InstructorTraineeHours {
                            hours: e.hours.hours().into(),
                            required: e.hours.required_hours().into(),
                        },
                    )),
                    met: joined(&c.services.i18n.instructor_trainee_met(
                        args::InstructorTraineeMet {
                            met: met.into(),
                            total: total.into(),
                        },
                    )),
                    missing: joined(&missing_text(&c.services.i18n, &course, &e)),
                    can_sign: e.eligible() && e.certificate.is_none(),
                    certificate: e
                        .certificate
                        .as_ref()
                        .map(|k| {
                            joined(
                                &c.services
                                    .i18n
                                    .instructor_trainee_certified(k.certificate_no.as_str()),
                            )
                        })
                        .unwrap_or_default(),
                })
            })
            .collect();
    g.set_trainees(model(items));
}

pub(super) fn sign_off(app: &AppWindow, ctx: &Shared, st: &St, id: &SharedString) {
    let Ok(learner) = uuid::Uuid::parse_str(id) else {
        return;
    };
    let Some(course) = track(ctx) else { return };
    let instructor = st.borrow().instructor;
    let issued = write(ctx, move |store| {
        let projections = store.projections()?.projections;
        let directory = Directory::from_events(&store.all_events()?);
        certification::issue(
            store,
            &projections,
            &directory,
            &course,
            learner,
            instructor,
        )
    });
    match issued {
        Ok((number, _)) => show_certificate(app, ctx, st, &number),
        Err(e) => message(app, &e),
    }
}

pub(super) fn show_certificate_of(app: &AppWindow, ctx: &Shared, st: &St, id: &SharedString) {
    let Ok(learner) = uuid::Uuid::parse_str(id) else {
        return;
    };
    let (Some(snap), Some(course)) = (snapshot(ctx), track(ctx)) else {
        return;
    };
    if let Some(c) = snap
        .projections
        .certifications
        .certificate(learner, &course.id)
    {
        let number = c.certificate_no.clone();
        show_certificate(app, ctx, st, &number);
    }
}

pub(super) fn show_certificate(app: &AppWindow, ctx: &Shared, st: &St, number: &str) {
    let Some(snap) = snapshot(ctx) else { return };
    let Some(issued) = snap.projections.certifications.by_number(number) else {
        return;
    };
    let c = ctx.borrow();
    let Some(cert) = certification::certificate(issued, &snap.directory, &c.services.courses)
    else {
        return;
    };
    let text = certification::certificate_text(&cert, &c.services.i18n);
    drop(c);
    let server = ctx
        .borrow()
        .services
        .journal
        .query(|store| certification::server_url(store))
        .flatten();
    let target = crate::certificate::verification_target(
        server.as_deref(),
        &cert.certificate_no,
        &cert.verification_code,
    );
    let g = app.global::<Instructor>();
    let mut lines = vec![text.number_line.clone()];
    lines.extend(text.rows.iter().map(|(l, v)| format!("{l}: {v}")));
    lines.extend(text.qr_caption.iter().cloned());
    g.set_certificate_lines(model(lines.iter().map(|l| joined(l)).collect()));
    g.set_qr(qr_image(&target));
    g.set_can_print(ctx.borrow().services.print_command.is_some());
    g.set_message("".into());
    g.set_page(InstructorPage::Certificate);
    st.borrow_mut().trainees.certificate_no = Some(number.to_owned());
}

/// The QR code as a picture, 8 pixels a module with the quiet zone.
pub(super) fn qr_image(payload: &str) -> slint::Image {
    const SCALE: usize = 8;
    const QUIET: usize = 4;
    let Ok((modules, width)) = crate::certificate::qr_modules(payload) else {
        return slint::Image::default();
    };
    let side = (width + 2 * QUIET) * SCALE;
    let mut buffer = slint::SharedPixelBuffer::<slint::Rgb8Pixel>::new(side as u32, side as u32);
    let pixels = buffer.make_mut_slice();
    for (i, px) in pixels.iter_mut().enumerate() {
        let (x, y) = (i % side / SCALE, i / side / SCALE);
        let dark = x >= QUIET
            && y >= QUIET
            && x < QUIET + width
            && y < QUIET + width
            && modules[(y - QUIET) * width + (x - QUIET)];
        let v = if dark { 0 } else { 255 };
        *px = slint::Rgb8Pixel { r: v, g: v, b: v };
    }
    slint::Image::from_rgb8(buffer)
}

/// Where exports go: the first USB stick mounted under /media, else the data folder.
pub(super) fn save_certificate(app: &AppWindow, ctx: &Shared, st: &St) {
    let dir = export_dir(ctx, "certificates");
    write_pdf_then(app, ctx, st, dir, |app, ctx, written| {
        let c = ctx.borrow();
        let text = match written {
            Ok(out) => c.services.i18n.certificate_saved(out.display().to_string()),
            Err(reason) => c.services.i18n.certificate_save_failed(reason),
        };
        drop(c);
        message(app, &text);
    });
}

/// Writes the PDF into the data folder and hands it to the printer command (CUPS `lp`).
pub(super) fn print_certificate(app: &AppWindow, ctx: &Shared, st: &St) {
    let Some(command) = ctx.borrow().services.print_command.clone() else {
        return;
    };
    let dir = data_dir(ctx).join("certificates");
    write_pdf_then(app, ctx, st, dir, move |app, ctx, written| {
        let out = match written {
            Ok(out) => out,
            Err(reason) => {
                let text = ctx.borrow().services.i18n.certificate_print_failed(reason);
                return message(app, &text);
            }
        };
        let text = ctx.borrow().services.i18n.certificate_printing();
        message(app, &text);
        let wire = Callback::new(app, ctx);
        crate::ui::background::run(
            "print",
            move || crate::certificate::print(&command, &out),
            move |printed| {
                wire.act(|app, ctx| {
                    let c = ctx.borrow();
                    let text = match printed {
                        Ok(()) => c.services.i18n.certificate_printed(),
                        Err(e) => c.services.i18n.certificate_print_failed(e.to_string()),
                    };
                    drop(c);
                    message(app, &text);
                })
            },
        );
    });
}

/// Writes the shown certificate's PDF into `dir` on the journal thread (laying it out
/// and embedding the font takes a moment), then calls `then` on the UI thread.
fn write_pdf_then(
    app: &AppWindow,
    ctx: &Shared,
    st: &St,
    dir: std::path::PathBuf,
    then: impl FnOnce(&AppWindow, &Shared, Result<std::path::PathBuf, String>) + 'static,
) {
    let Some(number) = st.borrow().trainees.certificate_no.clone() else {
        return;
    };
    let out = dir.join(format!("certificate-{number}.pdf"));
    let courses = ctx.borrow().services.courses.clone();
    let locale = ctx.borrow().services.i18n.locale();
    let rx = ctx.borrow().services.journal.ask(move |store| {
        let i18n = baeumteo_core::i18n::I18n::new(locale);
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        commands::write_certificate(store, &courses, &number, &out, &i18n)
            .map(|()| out)
            .map_err(|e| e.to_string())
    });
    let wire = Callback::new(app, ctx);
    crate::ui::background::when_ready(rx, move |written| {
        wire.act(|app, ctx| then(app, ctx, written))
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use baeumteo_core::i18n::{I18n, Locale};
    use baeumteo_core::projection::{
        AssessmentRequirement, Eligibility, HoursRequirement, LessonRequirement,
    };

    fn eligibility(minutes: u32, completed: bool, best: Option<u32>) -> Eligibility {
        Eligibility {
            learner_id: uuid::Uuid::nil(),
            course_id: "activist".into(),
            hours: HoursRequirement {
                attended_minutes: minutes,
                activist_minutes: 0,
                required_minutes: 180,
            },
            lessons: vec![LessonRequirement {
                lesson_id: "role".into(),
                completed,
            }],
            assessments: vec![AssessmentRequirement {
                lesson_id: "role".into(),
                best_percent: best,
                pass_percent: 80,
            }],
            certificate: None,
        }
    }

    #[test]
    fn a_trainee_is_told_the_hours_lessons_and_assessments_still_missing() {
        let dir =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/track/activist");
        let course =
            baeumteo_core::course::load_course(&dir, baeumteo_core::course::AssetCheck::Exists)
                .unwrap();
        let t = I18n::new(Locale::Ko);
        assert_eq!(
            missing_text(&t, &course, &eligibility(90, false, Some(50))),
            "남은 것: 2시간 더, 활동가의 역할, 활동가의 역할 80점 이상"
        );
        assert_eq!(
            missing_text(&t, &course, &eligibility(180, true, Some(80))),
            ""
        );
    }
}
