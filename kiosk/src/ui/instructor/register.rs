//! Registering a learner in two steps: the details typed on the Hangul keyboard, then
//! the name-card picture and the consent.

use super::*;

pub(super) fn connect(app: &AppWindow, ctx: &Shared, st: &St) {
    let g = app.global::<Instructor>();
    let (w, s) = (Wire::new(app, ctx), st.clone());
    g.on_focus_field(move |i| {
        w.act(|app, ctx| {
            s.borrow_mut().focus = usize::try_from(i).unwrap_or(0);
            show_register(app, ctx, &s);
        })
    });
    let (w, s) = (Wire::new(app, ctx), st.clone());
    g.on_key(move |k| {
        w.act(|app, ctx| {
            {
                let mut st = s.borrow_mut();
                let focus = st.focus;
                if let Some(c) = st.composers.get_mut(focus) {
                    k.chars().for_each(|ch| c.press(ch));
                }
            }
            app.global::<Instructor>().set_shift(false);
            show_register(app, ctx, &s);
        })
    });
    let (w, s) = (Wire::new(app, ctx), st.clone());
    g.on_backspace(move || {
        w.act(|app, ctx| {
            {
                let mut st = s.borrow_mut();
                let focus = st.focus;
                if let Some(c) = st.composers.get_mut(focus) {
                    c.backspace();
                }
            }
            show_register(app, ctx, &s);
        })
    });
    let w = Wire::new(app, ctx);
    g.on_toggle_shift(move || {
        w.act(|app, _| {
            let g = app.global::<Instructor>();
            g.set_shift(!g.get_shift());
        })
    });
    let (w, s) = (Wire::new(app, ctx), st.clone());
    g.on_toggle_consent(move |i| {
        w.act(|app, ctx| {
            if let Some(c) = s.borrow_mut().consents.get_mut(i as usize) {
                *c = !*c;
            }
            show_register(app, ctx, &s);
        })
    });
    let (w, s) = (Wire::new(app, ctx), st.clone());
    g.on_register(move || w.act(|app, ctx| do_register(app, ctx, &s)));
    let (w, s) = (Wire::new(app, ctx), st.clone());
    g.on_register_next(move || w.act(|app, ctx| register_next(app, ctx, &s)));
    let (w, s) = (Wire::new(app, ctx), st.clone());
    g.on_register_back(move || {
        w.act(|app, ctx| {
            s.borrow_mut().consent_step = false;
            ctx.borrow().narration.stop();
            app.global::<Instructor>().set_message("".into());
            show_register(app, ctx, &s);
        })
    });
    let (w, s) = (Wire::new(app, ctx), st.clone());
    g.on_choose_icon(move |id| {
        w.act(|app, ctx| {
            if crate::ui::icons::ICONS.contains(&id.as_str()) {
                s.borrow_mut().icon = id.to_string();
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
                Field::Name => c.i18n.instructor_field_name(),
                Field::BirthYear => c.i18n.instructor_field_birth_year(),
                Field::Township => c.i18n.instructor_field_township(),
                Field::Gender => c.i18n.instructor_field_gender(),
                Field::Phone => c.i18n.instructor_field_phone(),
                Field::Pin => c.i18n.instructor_field_pin(),
            };
            let text = s.composers.get(i).map(Composer::text).unwrap_or_default();
            let shown = if matches!(f, Field::Pin) {
                "●".repeat(text.chars().count())
            } else {
                text
            };
            FormField {
                label: joined(&label),
                value: joined(&shown),
                focused: i == s.focus,
            }
        })
        .collect();
    let consent_texts = [
        c.i18n.instructor_consent_required(),
        c.i18n.instructor_consent_gender(),
        c.i18n.instructor_consent_phone(),
    ];
    let consents: Vec<ConsentItem> = consent_texts
        .iter()
        .zip(s.consents)
        .map(|(t, agreed)| ConsentItem {
            text: joined(t),
            agreed,
        })
        .collect();
    let icons: Vec<ChoiceItem> = crate::ui::icons::ICONS
        .iter()
        .map(|id| ChoiceItem {
            id: (*id).into(),
            title: joined(&crate::ui::icons::icon_name(&c.i18n, id)),
            selected: *id == s.icon,
        })
        .collect();
    g.set_fields(model(fields));
    g.set_consents(model(consents));
    g.set_icon_choices(model(icons));
    g.set_register_consent_step(s.consent_step);
}

/// An empty registration form on its first step, with `icon` suggested.
pub(super) fn clear_register(s: &mut State, icon: &str) {
    s.composers = vec![Composer::new(); FIELDS.len()];
    s.focus = 0;
    s.consents = [false; 3];
    s.icon = icon.to_owned();
    s.consent_step = false;
}

/// A picture for the next learner that the fewest name cards use yet, so cards differ.
pub(super) fn suggested_icon(ctx: &Shared) -> &'static str {
    let c = ctx.borrow();
    let used = |id: &str| c.roster.iter().filter(|l| l.icon == id).count();
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
            st.borrow_mut().consent_step = true;
            app.global::<Instructor>().set_message("".into());
            show_register(app, ctx, st);
            learners::read_consent(ctx, st);
        }
        Err(i) => {
            let text = ctx.borrow().i18n.tr(i.message_id());
            message(app, &text);
        }
    }
}

pub(super) fn form_of(st: &State) -> RegistrationForm {
    let text = |f: Field| {
        st.composers
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
        icon: st.icon.clone(),
        pin: text(Field::Pin),
        consent_required: st.consents[0],
        consent_gender: st.consents[1],
        consent_phone: st.consents[2],
    }
}

pub(super) fn do_register(app: &AppWindow, ctx: &Shared, st: &St) {
    // Validating and hashing the PIN take a moment: off the UI thread.
    learners::register(app, ctx, st);
}
