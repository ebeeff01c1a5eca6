//! A walk through every page of instructor mode, the way an instructor would use it, for
//! the screenshots and the touch-target test: the menu, learner records, registration,
//! a class with its check-in pages, the progress grid and one learner's answers, the
//! activist trainees with a sign-off and its certificate, the monthly report, and the
//! instructors. It records what an instructor would (a class, a check-in, a sign-off when
//! a trainee waits for one) but never erases anyone.

use slint::{ComponentHandle, Model};

use crate::screenshots::{ShotError, Visit};
use crate::ui::background;
use crate::ui::{AppWindow, Instructor, InstructorPage, Nav};

/// Enters instructor mode with `pin` and visits every page. Stops quietly when the PIN is
/// not accepted.
pub fn tour(app: &AppWindow, pin: &str, visit: &mut Visit<'_>) -> Result<(), ShotError> {
    let g = app.global::<Instructor>();
    app.global::<Nav>().invoke_open_instructor();
    for d in pin.chars() {
        g.invoke_pin_digit(d.to_string().into());
    }
    g.invoke_pin_ok();
    background::settle();
    if g.get_page() != InstructorPage::Menu {
        return Ok(());
    }
    visit("instructor-menu")?;
    learner_records(app, visit)?;
    class_and_progress(app, visit)?;
    trainees(app, visit)?;
    g.invoke_go(InstructorPage::Report);
    visit("instructor-report")?;
    g.invoke_go(InstructorPage::Instructors);
    visit("instructor-instructors")?;
    g.invoke_leave();
    Ok(())
}

fn learner_records(app: &AppWindow, visit: &mut Visit<'_>) -> Result<(), ShotError> {
    let g = app.global::<Instructor>();
    g.invoke_go(InstructorPage::Learners);
    visit("instructor-learners")?;
    if g.get_learners_has_next() {
        g.invoke_learners_page_step(1);
        visit("instructor-learners-page2")?;
        g.invoke_learners_page_step(-1);
    }
    if let Some(first) = g.get_learner_rows().row_data(0) {
        g.invoke_edit_learner(first.id);
        visit("instructor-learner-edit")?;
        g.invoke_register_next();
        visit("instructor-learner-edit-consent")?;
        g.invoke_register_back();
        g.invoke_ask_erase();
        visit("instructor-learner-erase")?;
        g.invoke_go(InstructorPage::LearnerEdit);
    }
    g.invoke_go(InstructorPage::Register);
    visit("instructor-register")?;
    // The details of a new learner, typed, then the picture and consent step.
    for (field, text) in [(0, "홍길순"), (1, "1948"), (2, "남면")] {
        g.invoke_focus_field(field);
        for k in crate::hangul::keys_for(text) {
            g.invoke_key(k.to_string().into());
        }
    }
    g.invoke_register_next();
    visit("instructor-register-consent")?;
    g.invoke_go(InstructorPage::Menu);
    Ok(())
}

/// Opens a class of the first course, checks in the first learner, shows the last
/// check-in page, the progress grid and the first learner's answers, then closes it.
fn class_and_progress(app: &AppWindow, visit: &mut Visit<'_>) -> Result<(), ShotError> {
    let g = app.global::<Instructor>();
    g.invoke_go(InstructorPage::Class);
    visit("instructor-class-choose")?;
    let Some(course) = g.get_courses().row_data(0) else {
        return Ok(());
    };
    g.invoke_choose_course(course.id);
    g.invoke_open_session();
    background::settle();
    if let Some(card) = g
        .get_attendee_rows()
        .row_data(0)
        .and_then(|r| r.cards.row_data(0))
    {
        g.invoke_toggle_attendee(card.id);
    }
    visit("instructor-class")?;
    if g.get_class_has_next() {
        while g.get_class_has_next() {
            g.invoke_class_page_step(1);
        }
        visit("instructor-class-last-page")?;
    }
    g.invoke_go(InstructorPage::Progress);
    visit("instructor-progress")?;
    if g.get_grid().row_count() > 0 {
        g.invoke_cell_tapped(0, 0);
        visit("instructor-progress-answers")?;
    }
    g.invoke_go(InstructorPage::Class);
    g.invoke_close_session();
    g.invoke_go(InstructorPage::Menu);
    Ok(())
}

/// The trainees of the certification track; signs off the first one waiting and shows
/// the certificate, or shows an issued one.
fn trainees(app: &AppWindow, visit: &mut Visit<'_>) -> Result<(), ShotError> {
    let g = app.global::<Instructor>();
    g.invoke_go(InstructorPage::Trainees);
    visit("instructor-trainees")?;
    let trainees: Vec<_> = g.get_trainees().iter().collect();
    if let Some(t) = trainees.iter().find(|t| t.can_sign) {
        g.invoke_sign_off(t.id.clone());
    } else if let Some(t) = trainees.iter().find(|t| !t.certificate.is_empty()) {
        g.invoke_show_certificate(t.id.clone());
    }
    if g.get_page() == InstructorPage::Certificate {
        visit("instructor-certificate")?;
    }
    g.invoke_go(InstructorPage::Menu);
    Ok(())
}
