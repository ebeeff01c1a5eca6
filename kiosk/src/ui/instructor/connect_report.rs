//! The monthly report on screen and its CSV export.

use super::*;
use baeumteo_core::i18n::args;

/// This page family's part of instructor mode's state.
#[derive(Default)]
pub(super) struct Local {
    pub(super) month: Option<YearMonth>,
}

pub(super) fn connect(app: &AppWindow, ctx: &Shared, st: &St) {
    let g = app.global::<Instructor>();
    let (w, s) = (Callback::new(app, ctx), st.clone());
    g.on_report_month_step(move |step| {
        w.act(|app, ctx| {
            {
                let mut st = s.borrow_mut();
                let m = st.report.month.unwrap_or_else(this_month);
                st.report.month = Some(step_month(m, step));
            }
            show_report(app, ctx, &s);
        })
    });
    let (w, s) = (Callback::new(app, ctx), st.clone());
    g.on_export_report(move || w.act(|app, ctx| export_report(app, ctx, &s)));
}

pub(super) fn this_month() -> YearMonth {
    YearMonth::of_instant(Utc::now())
}

pub(super) fn step_month(m: YearMonth, step: i32) -> YearMonth {
    let index = m.year * 12 + m.month as i32 - 1 + step;
    YearMonth::new(index.div_euclid(12), index.rem_euclid(12) as u32 + 1).unwrap_or(m)
}

pub(super) fn show_report(app: &AppWindow, ctx: &Shared, st: &St) {
    let month = *st.borrow_mut().report.month.get_or_insert_with(this_month);
    let Some(snap) = snapshot(ctx) else { return };
    let c = ctx.borrow();
    let rows = crate::report::monthly_rows(
        &snap.events,
        &c.services.courses,
        month,
        &c.services.i18n.report_total(),
    );
    // The total comes last; alone, the month has nothing to show.
    let last = rows.len().saturating_sub(1);
    let shown = if rows.len() > 1 { &rows[..] } else { &[] };
    let lines: Vec<ReportLine> = shown
        .iter()
        .enumerate()
        .map(|(i, r)| ReportLine {
            course: joined(&r.course),
            figures: model(
                [
                    r.sessions_held.to_string(),
                    r.learners.to_string(),
                    c.services
                        .i18n
                        .report_hours(crate::report::hours(r.attendance_minutes)),
                    c.services
                        .i18n
                        .report_hours(crate::report::hours(r.self_study_minutes)),
                    r.lessons_completed.to_string(),
                    r.certifications.to_string(),
                ]
                .iter()
                .map(|f| joined(f))
                .collect(),
            ),
            total: i == last,
        })
        .collect();
    let g = app.global::<Instructor>();
    g.set_report_month(joined(&c.services.i18n.report_month(args::ReportMonth {
        month: month.month.into(),
        year: month.year.into(),
    })));
    g.set_report_lines(model(lines));
}

pub(super) fn export_report(app: &AppWindow, ctx: &Shared, st: &St) {
    let month = *st.borrow_mut().report.month.get_or_insert_with(this_month);
    let Some(snap) = snapshot(ctx) else { return };
    let dir = export_dir(ctx, "reports");
    let c = ctx.borrow();
    let text = match crate::report::export(
        &snap.events,
        &c.services.courses,
        month,
        &dir,
        &c.services.i18n,
    ) {
        Ok(path) => c.services.i18n.report_exported(path.display().to_string()),
        Err(e) => c.services.i18n.report_export_failed(e.to_string()),
    };
    drop(c);
    message(app, &text);
}
