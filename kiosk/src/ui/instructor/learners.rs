//! The learner records of instructor mode: the paged list of the center's learners,
//! editing (the registration page, prefilled), the erasure request with its confirmation,
//! the consent read aloud, the pages of the class check-in, and the slow writes
//! (argon2 PIN hashing, the store's fsync) done off the UI thread.

use std::path::PathBuf;

use baeumteo_core::event::{EventBody, LearnerId, LearnerProfile};
use baeumteo_core::i18n::args;
use slint::{ComponentHandle, SharedString};

use super::register::{form_of, show_register};
use super::{FIELDS, St, State, message, model, snapshot};
use crate::hangul::{Composer, keys_for};
use crate::instructor::InstructorError;
use crate::instructor::registration::{
    CONSENT_AUDIO, CONSENT_VERSION, consent_audio_name, erase, form_of_profile, registration_event,
    update_event,
};
use crate::store::{Store, StoreError};
use crate::ui::app::{Shared, Wire};
use crate::ui::background;
use crate::ui::text::joined;
use crate::ui::{AppWindow, AttendeeCard, Instructor, InstructorPage, LearnerRow};

/// Name cards per page of the class check-in on the reference panel: four rows of five
/// (other panels: `page_size::attendees`).
pub const CLASS_PER_PAGE: usize = 20;

/// This module's part of instructor mode's state.
#[derive(Default)]
pub struct Local {
    page: usize,
    class_page: usize,
    /// The learner being edited, with the profile the edit started from.
    editing: Option<(LearnerId, LearnerProfile)>,
    consent_audio: Option<PathBuf>,
}

/// Which slice of a list a page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    /// 0-based, clamped to the last page.
    pub page: usize,
    /// At least 1, even for an empty list.
    pub pages: usize,
    pub start: usize,
    pub end: usize,
}

impl Paging {
    pub fn new(len: usize, per_page: usize, page: usize) -> Paging {
        let per_page = per_page.max(1);
        let pages = len.div_ceil(per_page).max(1);
        let page = page.min(pages - 1);
        let start = page * per_page;
        Paging {
            page,
            pages,
            start,
            end: (start + per_page).min(len),
        }
    }

    /// "2 / 3 쪽", ready for the screen.
    pub fn text(&self, t: &baeumteo_core::i18n::I18n) -> SharedString {
        joined(&t.instructor_page_of(args::InstructorPageOf {
            page: (self.page + 1).into(),
            pages: self.pages.into(),
        }))
    }

    pub fn has_prev(&self) -> bool {
        self.page > 0
    }

    pub fn has_next(&self) -> bool {
        self.page + 1 < self.pages
    }

    /// The page `step` pages on, never below the first.
    pub fn stepped(page: usize, step: i32) -> usize {
        page.saturating_add_signed(step as isize)
    }
}

// ---- wiring --------------------------------------------------------------------------

pub(super) fn connect(app: &AppWindow, ctx: &Shared, st: &St) {
    let g = app.global::<Instructor>();
    let (w, s) = (Wire::new(app, ctx), st.clone());
    g.on_learners_page_step(move |step| {
        w.act(|app, ctx| {
            {
                let mut st = s.borrow_mut();
                st.learners.page = Paging::stepped(st.learners.page, step);
            }
            show_list(app, ctx, &s);
        })
    });
    let (w, s) = (Wire::new(app, ctx), st.clone());
    g.on_edit_learner(move |id| w.act(|app, ctx| edit(app, ctx, &s, &id)));
    let (w, s) = (Wire::new(app, ctx), st.clone());
    g.on_save_learner(move || w.act(|app, ctx| save_edit(app, ctx, &s)));
    let (w, s) = (Wire::new(app, ctx), st.clone());
    g.on_ask_erase(move || w.act(|app, ctx| ask_erase(app, ctx, &s)));
    let (w, s) = (Wire::new(app, ctx), st.clone());
    g.on_confirm_erase(move || w.act(|app, ctx| confirm_erase(app, ctx, &s)));
    let (w, s) = (Wire::new(app, ctx), st.clone());
    g.on_read_consent(move || w.act(|_, ctx| read_consent(ctx, &s)));
    let (w, s) = (Wire::new(app, ctx), st.clone());
    g.on_class_page_step(move |step| {
        w.act(|app, ctx| {
            {
                let mut st = s.borrow_mut();
                st.learners.class_page = Paging::stepped(st.learners.class_page, step);
            }
            super::class::show_class(app, ctx, &s);
        })
    });
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
        InstructorPage::Class => {
            st.borrow_mut().learners.class_page = 0;
            super::class::show_class(app, ctx, st);
        }
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
            details: joined(
                &c.i18n
                    .instructor_learner_details(args::InstructorLearnerDetails {
                        township: p.township.as_str().into(),
                        year: p.birth_year.to_string().into(),
                    }),
            ),
        })
        .collect();
    let g = app.global::<Instructor>();
    g.set_learner_rows(model(rows));
    g.set_learners_page_text(paging.text(&c.i18n));
    g.set_learners_has_prev(paging.has_prev());
    g.set_learners_has_next(paging.has_next());
}

/// The class check-in's page of name cards; sets the page line and buttons.
pub(super) fn class_page(
    app: &AppWindow,
    ctx: &Shared,
    st: &St,
    cards: Vec<AttendeeCard>,
    per_page: usize,
) -> Vec<AttendeeCard> {
    let paging = Paging::new(cards.len(), per_page, st.borrow().learners.class_page);
    st.borrow_mut().learners.class_page = paging.page;
    let g = app.global::<Instructor>();
    g.set_class_page_text(paging.text(&ctx.borrow().i18n));
    g.set_class_has_prev(paging.has_prev());
    g.set_class_has_next(paging.has_next());
    cards[paging.start..paging.end].to_vec()
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
    s.composers = texts.iter().map(|t| composer_of(t)).collect();
    s.focus = 0;
    s.consents = [
        form.consent_required,
        form.consent_gender,
        form.consent_phone,
    ];
    s.icon = form.icon;
    s.consent_step = false;
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
    ctx.borrow().narration.stop();
    let g = app.global::<Instructor>();
    g.set_page(InstructorPage::LearnerEdit);
    show_register(app, ctx, st);
    let hint = ctx.borrow().i18n.instructor_edit_pin_kept();
    message(app, &hint);
}

/// The words for a refused form or a failed write.
fn failure_text(ctx: &Shared, e: &InstructorError) -> String {
    match e {
        InstructorError::Invalid(i) => ctx.borrow().i18n.tr(i.message_id()),
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
    if app.global::<Instructor>().get_learner_busy() {
        return;
    }
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
            let icon = super::register::suggested_icon(ctx);
            super::register::clear_register(&mut st.borrow_mut(), icon);
            show_register(app, ctx, &st);
            let text = ctx.borrow().i18n.instructor_registered(name);
            message(app, &text);
        },
    );
}

fn save_edit(app: &AppWindow, ctx: &Shared, st: &St) {
    if app.global::<Instructor>().get_learner_busy() {
        return;
    }
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
            let text = ctx.borrow().i18n.instructor_updated(name);
            message(app, &text);
        },
    );
}

fn ask_erase(app: &AppWindow, ctx: &Shared, st: &St) {
    let Some((_, profile)) = st.borrow().learners.editing.clone() else {
        return;
    };
    ctx.borrow().narration.stop();
    let g = app.global::<Instructor>();
    let title = ctx
        .borrow()
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
                    s.composers = vec![Composer::new(); FIELDS.len()];
                    s.consents = [false; 3];
                }
                // The name card leaves sign-in now: the roster is read again.
                ctx.borrow_mut().refresh();
                app.global::<Instructor>()
                    .set_page(InstructorPage::Learners);
                show(&app, &ctx, &st, InstructorPage::Learners);
                let text = ctx.borrow().i18n.instructor_erased();
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
            let written = ctx.borrow().journal.query(|store: &mut Store| {
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
    ctx.borrow().narration.play_once(&path);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sixty_learners_make_three_class_pages_of_twenty() {
        let p = Paging::new(60, CLASS_PER_PAGE, 2);
        assert_eq!((p.page, p.pages, p.start, p.end), (2, 3, 40, 60));
        assert!(p.has_prev() && !p.has_next());
        let first = Paging::new(60, CLASS_PER_PAGE, 0);
        assert!(!first.has_prev() && first.has_next());
    }

    #[test]
    fn a_page_past_the_end_shows_the_last_page_and_an_empty_list_one_page() {
        let p = Paging::new(21, 20, 9);
        assert_eq!((p.page, p.start, p.end), (1, 20, 21));
        let empty = Paging::new(0, 20, 3);
        assert_eq!(
            (empty.page, empty.pages, empty.start, empty.end),
            (0, 1, 0, 0)
        );
        assert_eq!(Paging::stepped(0, -1), 0);
        assert_eq!(Paging::stepped(1, 1), 2);
    }

    #[test]
    fn an_edit_starts_from_the_profile_typed_back_on_the_keyboard() {
        for text in ["박옥순", "1949", "010-1234-5678", "읍·면 남면", "닭갈비"] {
            assert_eq!(composer_of(text).text(), text);
        }
    }
}
