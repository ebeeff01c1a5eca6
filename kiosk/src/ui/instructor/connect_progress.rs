//! The class progress grid (learners × lessons, in pages), one learner's answers, and
//! help calls answered.

use super::*;
use crate::ui::paging::Paging;
use baeumteo_core::i18n::args;

/// This page family's part of instructor mode's state.
#[derive(Default)]
pub(super) struct Local {
    /// The learners of the grid's page, in row order.
    pub(super) grid_learners: Vec<LearnerId>,
    pub(super) grid_course: Option<String>,
    pub(super) grid_page: usize,
}

pub(super) fn connect(app: &AppWindow, ctx: &Shared, st: &St) {
    let g = app.global::<Instructor>();
    let (w, s) = (Callback::new(app, ctx), st.clone());
    g.on_cell_tapped(move |r, c| w.act(|app, ctx| cell_tapped(app, ctx, &s, r, c)));
    let (w, s) = (Callback::new(app, ctx), st.clone());
    g.on_help_answered(move |r| {
        w.act(|app, ctx| {
            let learner = s.borrow().progress.grid_learners.get(r as usize).copied();
            if let Some(learner_id) = learner {
                ctx.borrow_mut().record(EventBody::HelpAnswered {
                    learner_id: Some(learner_id),
                });
                show_progress(app, ctx, &s);
            }
        })
    });
    let (w, s) = (Callback::new(app, ctx), st.clone());
    g.on_progress_page_step(move |step| {
        w.act(|app, ctx| {
            {
                let mut st = s.borrow_mut();
                st.progress.grid_page = Paging::stepped(st.progress.grid_page, step);
            }
            show_progress(app, ctx, &s);
        })
    });
}

pub(super) fn show_progress(app: &AppWindow, ctx: &Shared, st: &St) {
    let Some(snap) = snapshot(ctx) else { return };
    let per_page = page_size::grid_rows(app, ctx);
    let g = app.global::<Instructor>();
    g.set_answers_text("".into());
    let attendance = &snap.projections.attendance;
    let open = attendance.open_sessions();
    let Some((session, course_id)) = open.first() else {
        let text = ctx.borrow().services.i18n.instructor_no_session();
        message(app, &text);
        g.set_grid(model(Vec::new()));
        g.set_lesson_titles(model(Vec::new()));
        g.set_help_text("".into());
        return;
    };
    let Some(course) = ctx
        .borrow()
        .services
        .courses
        .iter()
        .find(|c| c.id == *course_id)
        .cloned()
    else {
        return;
    };
    let learners = attendance.class_list(*session);
    let status = class_status(&snap.events, &course, &learners, Utc::now());
    let c = ctx.borrow();
    let label = |state: LessonState| match state {
        LessonState::Done => c.services.i18n.instructor_state_done(),
        LessonState::InProgress => c.services.i18n.instructor_state_in_progress(),
        LessonState::NotStarted => c.services.i18n.instructor_state_not_started(),
        LessonState::Stuck => c.services.i18n.instructor_state_stuck(),
    };
    let paging = Paging::new(status.rows.len(), per_page, st.borrow().progress.grid_page);
    let page_rows = &status.rows[paging.start..paging.end];
    let rows: Vec<GridRow> = page_rows
        .iter()
        .map(|row| GridRow {
            name: joined(snap.directory.name(row.learner_id).unwrap_or("?")),
            help: row.help_open,
            cells: model(
                row.cells
                    .iter()
                    .map(|cell| GridCell {
                        label: joined(&label(cell.state)),
                        state: match cell.state {
                            LessonState::NotStarted => 0,
                            LessonState::InProgress => 1,
                            LessonState::Done => 2,
                            LessonState::Stuck => 3,
                        },
                    })
                    .collect(),
            ),
        })
        .collect();
    let titles: Vec<SharedString> = course.lessons.iter().map(|l| joined(&l.title)).collect();
    let helpers: Vec<&str> = status
        .help
        .iter()
        .filter_map(|h| h.learner_id.and_then(|l| snap.directory.name(l)))
        .collect();
    let help = if status.help.is_empty() {
        String::new()
    } else {
        c.services.i18n.instructor_help_waiting(helpers.join(", "))
    };
    drop(c);
    g.set_lesson_titles(model(titles));
    g.set_grid(model(rows));
    g.set_help_text(joined(&help));
    g.set_progress_page_text(paging.text(&ctx.borrow().services.i18n));
    g.set_progress_has_prev(paging.has_prev());
    g.set_progress_has_next(paging.has_next());
    let mut s = st.borrow_mut();
    s.progress.grid_page = paging.page;
    s.progress.grid_learners = page_rows.iter().map(|r| r.learner_id).collect();
    s.progress.grid_course = Some(course.id.clone());
}

pub(super) fn cell_tapped(app: &AppWindow, ctx: &Shared, st: &St, row: i32, col: i32) {
    let (learner, course_id) = {
        let s = st.borrow();
        let Some(l) = s.progress.grid_learners.get(row as usize).copied() else {
            return;
        };
        (l, s.progress.grid_course.clone())
    };
    let Some(snap) = snapshot(ctx) else { return };
    let c = ctx.borrow();
    let Some(course) = c
        .services
        .courses
        .iter()
        .find(|k| Some(&k.id) == course_id.as_ref())
    else {
        return;
    };
    let Some(lesson) = course.lessons.get(col as usize) else {
        return;
    };
    let name = snap.directory.name(learner).unwrap_or("?");
    let mut lines = vec![
        c.services
            .i18n
            .instructor_answers_title(args::InstructorAnswersTitle {
                lesson: lesson.title.as_str().into(),
                name: name.into(),
            }),
    ];
    if let Some(progress) = snap
        .projections
        .progress
        .lesson(learner, &course.id, &lesson.id)
    {
        for step in &lesson.steps {
            for a in progress.answers(&step.id) {
                let result = if a.correct {
                    c.services.i18n.instructor_answer_right()
                } else {
                    c.services.i18n.instructor_answer_wrong()
                };
                lines.push(
                    c.services
                        .i18n
                        .instructor_answer_line(args::InstructorAnswerLine {
                            choice: (a.choice + 1).into(),
                            result: result.into(),
                            step: step.spoken_text().into(),
                        }),
                );
            }
        }
    }
    app.global::<Instructor>()
        .set_answers_text(joined(&lines.join("\n")));
}
