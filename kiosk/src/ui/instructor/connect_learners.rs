//! The learner records of instructor mode: the paged list of the center's learners,
//! editing (the registration page, prefilled), the erasure request with its confirmation,
//! the consent read aloud, and the slow writes
//! (argon2 PIN hashing, the store's fsync) done off the UI thread.

use crate::ui::paging::Paging;
use std::path::PathBuf;

use baeumteo_core::event::{EventBody, LearnerId, LearnerProfile};
use baeumteo_core::i18n::args;
use slint::{ComponentHandle, SharedString};

use super::connect_register::{form_of, show_register};
use super::{FIELDS, St, State, message, model, snapshot};
use crate::hangul::{Composer, keys_for};
use crate::instructor::InstructorError;
use crate::instructor::registration::{
    CONSENT_AUDIO, CONSENT_VERSION, consent_audio_name, erase, form_of_profile, registration_event,
    update_event,
};
use crate::store::{Store, StoreError};
use crate::ui::background;
use crate::ui::context::{Callback, Shared};
use crate::ui::text::joined;
use crate::ui::{AppWindow, Instructor, InstructorPage, LearnerRow};

/// This module's part of instructor mode's state.
#[derive(Default)]
pub struct Local {
    page: usize,
    /// The learner being edited, with the profile the edit started from.
    editing: Option<(LearnerId, LearnerProfile)>,
    consent_audio: Option<PathBuf>,
}

// ---- wiring --------------------------------------------------------------------------

pub(super) fn connect(app: &AppWindow, ctx: &Shared, st: &St) {
    let g = app.global::<Instructor>();
    let (w, s) = (Callback::new(app, ctx), st.clone());
    g.on_learners_page_step(move |step| {
        w.act(|app, ctx| {
            {
                let mut st = s.borrow_mut();
                st.learners.page = Paging::stepped(st.learners.page, step);
            }
            show_list(app, ctx, &s);
        })
    });
    let (w, s) = (Callback::new(app, ctx), st.clone());
    g.on_edit_learner(move |id| w.act(|app, ctx| edit(app, ctx, &s, &id)));
    let (w, s) = (Callback::new(app, ctx), st.clone());
    g.on_save_learner(move || w.act(|app, ctx| save_edit(app, ctx, &s)));
    let (w, s) = (Callback::new(app, ctx), st.clone());
    g.on_ask_erase(move || w.act(|app, ctx| ask_erase(app, ctx, &s)));
    let (w, s) = (Callback::new(app, ctx), st.clone());
    g.on_confirm_erase(move || w.act(|app, ctx| confirm_erase(app, ctx, &s)));
    let (w, s) = (Callback::new(app, ctx), st.clone());
    g.on_read_consent(move || w.act(|_, ctx| read_consent(ctx, &s)));
}

/// Shows one of this module's pages (called by `go`).
pub(super) fn show(app: &AppWindow, ctx: &Shared, st: &St, page: InstructorPage) {
    match page {
        InstructorPage::Learners => {
            st.borrow_mut().learners.editing = None;
            show_list(app, ctx, st);
        }
        // Back from the erasure question: the edit as it was.
        InstructorPage::LearnerEdit => show_register(app, ctx, st),
        InstructorPage::Register => {
            st.borrow_mut().learners.editing = None;
        }
        _ => {}
    }
}

fn show_list(app: &AppWindow, ctx: &Shared, st: &St) {
    let Some(snap) = snapshot(ctx) else { return };
    let learners = snap.directory.learners();
    let per_page = super::page_size::learner_rows(app, ctx);
    let paging = Paging::new(learners.len(), per_page, st.borrow().learners.page);
    st.borrow_mut().learners.page = paging.page;
    let c = ctx.borrow();
    let rows: Vec<LearnerRow> = learners[paging.start..paging.end]
        .iter()
        .map(|(id, p)| LearnerRow {
            id: id.to_string().into(),
            name: joined(&p.name),
            icon: p.icon.as_str().into(),
            details: joined(&c.services.i18n.instructor_learner_details(
                args::InstructorLearnerDetails {
                    township: p.township.as_str().into(),
                    year: p.birth_year.to_string().into(),
                },
            )),
        })
        .collect();
    let g = app.global::<Instructor>();
    g.set_learner_rows(model(rows));
    g.set_learners_page_text(paging.text(&c.services.i18n));
    g.set_learners_has_prev(paging.has_prev());
    g.set_learners_has_next(paging.has_next());
}

fn composer_of(text: &str) -> Composer {
    let mut c = Composer::new();
    keys_for(text).into_iter().for_each(|k| c.press(k));
    c
}

fn fill_form(s: &mut State, profile: &LearnerProfile) {
    let form = form_of_profile(profile);
    let texts = [
        &form.name,
        &form.birth_year,
        &form.township,
        &form.gender,
        &form.phone,
        &form.pin,
    ];
    debug_assert_eq!(texts.len(), FIELDS.len());
    s.register.composers = texts.iter().map(|t| composer_of(t)).collect();
    s.register.focus = 0;
    s.register.consents = [
        form.consent_required,
        form.consent_gender,
        form.consent_phone,
    ];
    s.register.icon = form.icon;
    s.register.consent_step = false;
}

fn edit(app: &AppWindow, ctx: &Shared, st: &St, id: &SharedString) {
    let Ok(learner) = uuid::Uuid::parse_str(id) else {
        return;
    };
    let Some(snap) = snapshot(ctx) else { return };
    let Some(profile) = snap.directory.learner(learner).cloned() else {
        return;
    };
    {
        let mut s = st.borrow_mut();
        fill_form(&mut s, &profile);
        s.learners.editing = Some((learner, profile));
    }
    ctx.borrow().services.narration.stop();
    let g = app.global::<Instructor>();
    g.set_page(InstructorPage::LearnerEdit);
    show_register(app, ctx, st);
    let hint = ctx.borrow().services.i18n.instructor_edit_pin_kept();
    message(app, &hint);
}

/// The words for a refused form or a failed write.
fn failure_text(ctx: &Shared, e: &InstructorError) -> String {
    match e {
        InstructorError::Invalid(i) => ctx.borrow().services.i18n.tr(i.message_id()),
        other => other.to_string(),
    }
}

fn set_busy(app: &AppWindow, busy: bool) {
    app.global::<Instructor>().set_learner_busy(busy);
}

/// Writes `body` on the journal thread without waiting; `done` gets the outcome on the UI
/// thread.
fn append_then(ctx: &Shared, body: EventBody, done: impl FnOnce(Result<(), StoreError>) + 'static) {
    let rx = ctx
        .borrow()
        .services
        .journal
        .ask(move |store: &mut Store| store.append(body).map(|_| ()));
    background::when_ready(rx, done);
}

/// A slow form (the PIN hash) is turned into its event on a worker, written by the
/// journal, and answered on the UI thread; the page shows "저장하는 중" meanwhile.
fn save_in_background(
    app: &AppWindow,
    ctx: &Shared,
    make: impl FnOnce() -> Result<EventBody, InstructorError> + Send + 'static,
    saved: impl FnOnce(&AppWindow, &Shared) + 'static,
) {
    // One save at a time: a second tap while the first is under way does nothing.
    if app.global::<Instructor>().get_learner_busy() {
        return;
    }
    set_busy(app, true);
    let weak = app.as_weak();
    let ctx = ctx.clone();
    background::run("save-learner", make, move |made| {
        let Some(app) = weak.upgrade() else { return };
        let body = match made {
            Ok(body) => body,
            Err(e) => {
                set_busy(&app, false);
                message(&app, &failure_text(&ctx, &e));
                return;
            }
        };
        let weak = app.as_weak();
        let ctx2 = ctx.clone();
        append_then(&ctx, body, move |written| {
            let Some(app) = weak.upgrade() else { return };
            set_busy(&app, false);
            match written {
                Ok(()) => {
                    ctx2.borrow_mut().refresh();
                    saved(&app, &ctx2);
                }
                Err(e) => message(&app, &e.to_string()),
            }
        });
    });
}

/// "등록하기": validated and hashed off the UI thread.
pub(super) fn register(app: &AppWindow, ctx: &Shared, st: &St) {
    let form = form_of(&st.borrow());
    let name = form.name.trim().to_owned();
    let st = st.clone();
    save_in_background(
        app,
        ctx,
        move || registration_event(&form),
        move |app, ctx| {
            // Read after the refresh `save_in_background` did: the new name card counts
            // for the next suggested picture.
            let icon = super::connect_register::suggested_icon(ctx);
            super::connect_register::clear_register(&mut st.borrow_mut(), icon);
            show_register(app, ctx, &st);
            let text = ctx.borrow().services.i18n.instructor_registered(name);
            message(app, &text);
        },
    );
}

fn save_edit(app: &AppWindow, ctx: &Shared, st: &St) {
    let Some((learner, previous)) = st.borrow().learners.editing.clone() else {
        return;
    };
    let form = form_of(&st.borrow());
    let name = form.name.trim().to_owned();
    let st = st.clone();
    save_in_background(
        app,
        ctx,
        move || update_event(learner, &previous, &form),
        move |app, ctx| {
            app.global::<Instructor>()
                .set_page(InstructorPage::Learners);
            show(app, ctx, &st, InstructorPage::Learners);
            let text = ctx.borrow().services.i18n.instructor_updated(name);
            message(app, &text);
        },
    );
}

fn ask_erase(app: &AppWindow, ctx: &Shared, st: &St) {
    let Some((_, profile)) = st.borrow().learners.editing.clone() else {
        return;
    };
    ctx.borrow().services.narration.stop();
    let g = app.global::<Instructor>();
    let title = ctx
        .borrow()
        .services
        .i18n
        .instructor_erase_title(profile.name.as_str());
    g.set_erase_title(joined(&title));
    g.set_message("".into());
    g.set_page(InstructorPage::LearnerErase);
}

fn confirm_erase(app: &AppWindow, ctx: &Shared, st: &St) {
    if app.global::<Instructor>().get_learner_busy() {
        return;
    }
    let Some((learner, _)) = st.borrow().learners.editing.clone() else {
        return;
    };
    set_busy(app, true);
    let rx = ctx
        .borrow()
        .services
        .journal
        .ask(move |store: &mut Store| erase(store, learner));
    let (weak, ctx, st) = (app.as_weak(), ctx.clone(), st.clone());
    background::when_ready(rx, move |erased| {
        let Some(app) = weak.upgrade() else { return };
        set_busy(&app, false);
        match erased {
            Ok(()) => {
                {
                    let mut s = st.borrow_mut();
                    s.register.composers = vec![Composer::new(); FIELDS.len()];
                    s.register.consents = [false; 3];
                }
                // The name card leaves sign-in now: the roster is read again.
                ctx.borrow_mut().refresh();
                app.global::<Instructor>()
                    .set_page(InstructorPage::Learners);
                show(&app, &ctx, &st, InstructorPage::Learners);
                let text = ctx.borrow().services.i18n.instructor_erased();
                message(&app, &text);
            }
            Err(e) => message(&app, &failure_text(&ctx, &e)),
        }
    });
}

// ---- consent read aloud --------------------------------------------------------------

/// Reads the consent text aloud (the registration page opens with it, "읽어 주기"
/// replays it). The audio is embedded; it is written once into the data folder because
/// the player reads files.
pub(super) fn read_consent(ctx: &Shared, st: &St) {
    let known = st.borrow().learners.consent_audio.clone();
    let path = match known {
        Some(p) => p,
        None => {
            let written = ctx.borrow().services.journal.query(|store: &mut Store| {
                let dir = store.path().parent()?.join("narration");
                let path = dir.join(consent_audio_name(CONSENT_VERSION));
                let current = std::fs::read(&path).is_ok_and(|b| b == CONSENT_AUDIO);
                if !current {
                    let part = path.with_extension("ogg.part");
                    let wrote = std::fs::create_dir_all(&dir)
                        .and_then(|()| std::fs::write(&part, CONSENT_AUDIO))
                        .and_then(|()| std::fs::rename(&part, &path));
                    if let Err(e) = wrote {
                        tracing::warn!(error = %e, "the consent narration could not be written");
                        return None;
                    }
                }
                Some(path)
            });
            let Some(Some(path)) = written else { return };
            st.borrow_mut().learners.consent_audio = Some(path.clone());
            path
        }
    };
    ctx.borrow().services.narration.play_once(&path);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_edit_starts_from_the_profile_typed_back_on_the_keyboard() {
        for text in ["박옥순", "1949", "010-1234-5678", "읍·면 남면", "닭갈비"] {
            assert_eq!(composer_of(text).text(), text);
        }
    }
}
