//! Registering a learner in two steps: the details typed on the Hangul keyboard, then
//! the name-card picture and the consent.

use super::*;
use crate::ui::connect_keyboard::Typed;
use crate::ui::form::Kind;

/// This page family's part of instructor mode's state.
#[derive(Default)]
pub(super) struct Local {
    pub(super) composers: Vec<Composer>,
    pub(super) focus: usize,
    pub(super) consents: [bool; 3],
    /// The name-card picture chosen (an id of `ui::icons::ICONS`).
    pub(super) icon: String,
    /// Registration's second step (picture and consent) is showing.
    pub(super) consent_step: bool,
}

pub(super) fn connect(app: &AppWindow, ctx: &Shared, st: &St) {
    let g = app.global::<Instructor>();
    let s = st.clone();
    crate::ui::connect_keyboard::connect::<Instructor>(app, ctx, move |app, ctx, typed| {
        {
            let mut st = s.borrow_mut();
            let focus = st.register.focus;
            match typed {
                Typed::Focus(i) => st.register.focus = i,
                Typed::Key(k) => {
                    if let Some(c) = st.register.composers.get_mut(focus) {
                        k.chars().for_each(|ch| c.press(ch));
                    }
                }
                Typed::Backspace => {
                    if let Some(c) = st.register.composers.get_mut(focus) {
                        c.backspace();
                    }
                }
            }
        }
        show_register(app, ctx, &s);
        Kind::Text
    });
    let (w, s) = (Callback::new(app, ctx), st.clone());
    g.on_toggle_consent(move |i| {
        w.act(|app, ctx| {
            if let Some(c) = s.borrow_mut().register.consents.get_mut(i as usize) {
                *c = !*c;
            }
            show_register(app, ctx, &s);
        })
    });
    let (w, s) = (Callback::new(app, ctx), st.clone());
    g.on_register(move || w.act(|app, ctx| do_register(app, ctx, &s)));
    let (w, s) = (Callback::new(app, ctx), st.clone());
    g.on_register_next(move || w.act(|app, ctx| register_next(app, ctx, &s)));
    let (w, s) = (Callback::new(app, ctx), st.clone());
    g.on_register_back(move || {
        w.act(|app, ctx| {
            s.borrow_mut().register.consent_step = false;
            ctx.borrow().services.narration.stop();
            app.global::<Instructor>().set_message("".into());
            show_register(app, ctx, &s);
        })
    });
    let (w, s) = (Callback::new(app, ctx), st.clone());
    g.on_choose_icon(move |id| {
        w.act(|app, ctx| {
            if crate::ui::icons::ICONS.contains(&id.as_str()) {
                s.borrow_mut().register.icon = id.to_string();
            }
            show_register(app, ctx, &s);
        })
    });
}

pub(super) fn show_register(app: &AppWindow, ctx: &Shared, st: &St) {
    let g = app.global::<Instructor>();
    let s = st.borrow();
    let c = ctx.borrow();
    let fields: Vec<FormField> = FIELDS
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let label = match f {
                Field::Name => c.services.i18n.instructor_field_name(),
                Field::BirthYear => c.services.i18n.instructor_field_birth_year(),
                Field::Township => c.services.i18n.instructor_field_township(),
                Field::Gender => c.services.i18n.instructor_field_gender(),
                Field::Phone => c.services.i18n.instructor_field_phone(),
                Field::Pin => c.services.i18n.instructor_field_pin(),
            };
            let text = s
                .register
                .composers
                .get(i)
                .map(Composer::text)
                .unwrap_or_default();
            let shown = if matches!(f, Field::Pin) {
                "●".repeat(text.chars().count())
            } else {
                text
            };
            FormField {
                label: joined(&label),
                value: joined(&shown),
                focused: i == s.register.focus,
            }
        })
        .collect();
    let consent_texts = [
        c.services.i18n.instructor_consent_required(),
        c.services.i18n.instructor_consent_gender(),
        c.services.i18n.instructor_consent_phone(),
    ];
    let consents: Vec<ConsentItem> = consent_texts
        .iter()
        .zip(s.register.consents)
        .map(|(t, agreed)| ConsentItem {
            text: joined(t),
            agreed,
        })
        .collect();
    let icons: Vec<ChoiceItem> = crate::ui::icons::ICONS
        .iter()
        .map(|id| ChoiceItem {
            id: (*id).into(),
            title: joined(&crate::ui::icons::icon_name(&c.services.i18n, id)),
            selected: *id == s.register.icon,
        })
        .collect();
    g.set_fields(model(fields));
    g.set_consents(model(consents));
    g.set_icon_choices(model(icons));
    g.set_register_consent_step(s.register.consent_step);
}

/// An empty registration form on its first step, with `icon` suggested.
pub(super) fn clear_register(s: &mut State, icon: &str) {
    s.register.composers = vec![Composer::new(); FIELDS.len()];
    s.register.focus = 0;
    s.register.consents = [false; 3];
    s.register.icon = icon.to_owned();
    s.register.consent_step = false;
}

/// A picture for the next learner that the fewest name cards use yet, so cards differ.
pub(super) fn suggested_icon(ctx: &Shared) -> &'static str {
    let c = ctx.borrow();
    let used = |id: &str| c.services.roster.iter().filter(|l| l.icon == id).count();
    crate::ui::icons::ICONS
        .iter()
        .copied()
        .min_by_key(|id| used(id))
        .unwrap_or("flower")
}

/// "다음": the typed details are checked at once; then the picture and the consent,
/// read aloud.
pub(super) fn register_next(app: &AppWindow, ctx: &Shared, st: &St) {
    let checked = form_of(&st.borrow()).check_typed(crate::instructor::registration::this_year());
    match checked {
        Ok(_) => {
            st.borrow_mut().register.consent_step = true;
            app.global::<Instructor>().set_message("".into());
            show_register(app, ctx, st);
            connect_learners::read_consent(ctx, st);
        }
        Err(i) => {
            let text = ctx.borrow().services.i18n.tr(i.message_id());
            message(app, &text);
        }
    }
}

pub(super) fn form_of(st: &State) -> RegistrationForm {
    let text = |f: Field| {
        st.register
            .composers
            .get(f as usize)
            .map(Composer::text)
            .unwrap_or_default()
    };
    RegistrationForm {
        name: text(Field::Name),
        birth_year: text(Field::BirthYear),
        township: text(Field::Township),
        gender: text(Field::Gender),
        phone: text(Field::Phone),
        icon: st.register.icon.clone(),
        pin: text(Field::Pin),
        consent_required: st.register.consents[0],
        consent_gender: st.register.consents[1],
        consent_phone: st.register.consents[2],
    }
}

pub(super) fn do_register(app: &AppWindow, ctx: &Shared, st: &St) {
    // Validating and hashing the PIN take a moment: off the UI thread.
    connect_learners::register(app, ctx, st);
}
