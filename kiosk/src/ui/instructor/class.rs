//! Today's class: choose the course, open the session, check learners in and out by
//! their name cards (in pages), close the session.

use super::*;
use baeumteo_core::i18n::args;

pub(super) fn connect(app: &AppWindow, ctx: &Shared, st: &St) {
    let g = app.global::<Instructor>();
    let (w, s) = (Wire::new(app, ctx), st.clone());
    g.on_courses_page_step(move |step| {
        w.act(|app, ctx| {
            {
                let mut st = s.borrow_mut();
                st.course_page = learners::Paging::stepped(st.course_page, step);
            }
            show_class(app, ctx, &s);
        })
    });
    let (w, s) = (Wire::new(app, ctx), st.clone());
    g.on_choose_course(move |id| {
        w.act(|app, ctx| {
            s.borrow_mut().course = Some(id.to_string());
            show_class(app, ctx, &s);
        })
    });
    let (w, s) = (Wire::new(app, ctx), st.clone());
    g.on_open_session(move || w.act(|app, ctx| open_session(app, ctx, &s)));
    let (w, s) = (Wire::new(app, ctx), st.clone());
    g.on_toggle_attendee(move |id| w.act(|app, ctx| toggle_attendee(app, ctx, &s, &id)));
    let (w, s) = (Wire::new(app, ctx), st.clone());
    g.on_close_session(move || w.act(|app, ctx| close_session(app, ctx, &s)));
}

pub(super) fn show_class(app: &AppWindow, ctx: &Shared, st: &St) {
    let Some(snap) = snapshot(ctx) else { return };
    let g = app.global::<Instructor>();
    let attendance = &snap.projections.attendance;
    // An open session of this kiosk's log is today's class.
    let open = attendance.open_sessions();
    let mut s = st.borrow_mut();
    if s.session.is_none_or(|id| !attendance.is_open(id)) {
        s.session = open.first().map(|(id, _)| *id);
    }
    if let Some(id) = s.session {
        s.course = attendance.session_course(id).map(str::to_owned);
    }
    let chosen = s.course.clone();
    let session = s.session;
    drop(s);

    let courses: Vec<ChoiceItem> = ctx
        .borrow()
        .courses
        .iter()
        .map(|c| ChoiceItem {
            id: c.id.as_str().into(),
            title: joined(&c.title),
            selected: chosen.as_deref() == Some(c.id.as_str()),
        })
        .collect();
    let grid = page_size::course_choice(app, ctx);
    g.set_course_columns(grid.columns as i32);
    let paging = learners::Paging::new(courses.len(), grid.per_page(), st.borrow().course_page);
    st.borrow_mut().course_page = paging.page;
    let rows: Vec<ChoiceRow> = courses[paging.start..paging.end]
        .chunks(grid.columns)
        .map(|row| ChoiceRow {
            items: model(row.to_vec()),
        })
        .collect();
    g.set_course_rows(model(rows));
    g.set_courses_page_text(paging.text(&ctx.borrow().i18n));
    g.set_courses_has_prev(paging.has_prev());
    g.set_courses_has_next(paging.has_next());
    g.set_courses(model(courses));
    g.set_session_open(session.is_some());
    let Some(session) = session else {
        g.set_attendee_rows(model(Vec::new()));
        return;
    };
    g.set_session_title(joined(&course_title(ctx, chosen.as_deref().unwrap_or(""))));
    let present = attendance.class_list(session);
    let learners = snap.directory.learners();
    let cards: Vec<AttendeeCard> = learners
        .iter()
        .map(|(id, p)| AttendeeCard {
            id: id.to_string().into(),
            name: joined(&p.name),
            present: present.contains(id),
        })
        .collect();
    let grid = page_size::attendees(app, ctx);
    g.set_attendee_columns(grid.columns as i32);
    let cards = learners::class_page(app, ctx, st, cards, grid.per_page());
    let rows: Vec<AttendeeRow> = cards
        .chunks(grid.columns)
        .map(|c| AttendeeRow {
            cards: model(c.to_vec()),
        })
        .collect();
    g.set_attendee_rows(model(rows));
    let text = ctx
        .borrow()
        .i18n
        .instructor_class_present(args::InstructorClassPresent {
            present: present.len().into(),
            total: learners.len().into(),
        });
    g.set_present_text(joined(&text));
}

pub(super) fn open_session(app: &AppWindow, ctx: &Shared, st: &St) {
    let (course, instructor) = {
        let s = st.borrow();
        (s.course.clone(), s.instructor)
    };
    let Some(course) = course else {
        let text = ctx.borrow().i18n.instructor_class_choose_course();
        message(app, &text);
        return;
    };
    let opened = write(ctx, move |store| {
        let attendance = store.projections()?.projections.attendance;
        session::open_session(store, &attendance, &course, instructor)
    });
    match opened {
        Ok(id) => st.borrow_mut().session = Some(id),
        Err(e) => message(app, &e),
    }
    show_class(app, ctx, st);
}

pub(super) fn toggle_attendee(app: &AppWindow, ctx: &Shared, st: &St, id: &SharedString) {
    let Some(session) = st.borrow().session else {
        return;
    };
    let Ok(learner) = uuid::Uuid::parse_str(id) else {
        return;
    };
    let done = write(ctx, move |store| {
        let attendance = store.projections()?.projections.attendance;
        if attendance.class_list(session).contains(&learner) {
            session::check_out(store, &attendance, session, learner)
        } else {
            session::check_in(store, &attendance, session, learner)
        }
    });
    if let Err(e) = done {
        message(app, &e);
    }
    show_class(app, ctx, st);
}

pub(super) fn close_session(app: &AppWindow, ctx: &Shared, st: &St) {
    let Some(session) = st.borrow_mut().session.take() else {
        return;
    };
    let closed = write(ctx, move |store| {
        let attendance = store.projections()?.projections.attendance;
        session::close_session(store, &attendance, session)
    });
    show_class(app, ctx, st);
    match closed {
        Ok(()) => {
            crate::ui::sync::sync_now(ctx);
            let text = ctx.borrow().i18n.instructor_class_closed();
            message(app, &text);
        }
        Err(e) => message(app, &e),
    }
}
