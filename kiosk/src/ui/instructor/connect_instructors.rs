//! Wires the `Staff` global: the instructors of this kiosk in instructor mode. Add one
//! (name and PIN twice; the PIN is compared with the others' and hashed off the UI
//! thread), remove one after a confirmation (`instructor::setup::can_remove`: never the
//! last one, never the one signed in), and connect the kiosk to the county's server.

use std::cell::RefCell;
use std::rc::Rc;

use baeumteo_core::event::InstructorId;
use slint::{ComponentHandle, ModelRc, VecModel};

use super::super::background;
use super::super::context::{Callback, Shared};
use super::super::form::{Form, Kind};
use super::super::text::joined;
use super::super::{AppWindow, Staff, StaffMode, StaffRow};
use crate::instructor::directory::Directory;
use crate::instructor::setup::{
    can_remove, check_instructor, hash_new_pin, others, record_instructor, remove_instructor,
};
use crate::instructor::{InstructorError, Invalid};
use crate::store::Store;
use crate::ui::paging::Paging;

/// Who is signed in to instructor mode right now (asked at the moment of each action).
pub type SignedIn = Rc<dyn Fn() -> Option<InstructorId>>;

struct State {
    form: Form,
    removing: Option<InstructorId>,
}

type St = Rc<RefCell<State>>;

fn add_form() -> Form {
    Form::new(&[Kind::Text, Kind::Pin, Kind::Pin])
}

fn server_form() -> Form {
    Form::new(&[Kind::Latin, Kind::Latin]).with_text(0, "https://")
}

pub fn connect(app: &AppWindow, ctx: &Shared, signed_in: SignedIn) {
    let st: St = Rc::new(RefCell::new(State {
        form: add_form(),
        removing: None,
    }));
    let g = app.global::<Staff>();

    let (w, who) = (Callback::new(app, ctx), signed_in.clone());
    g.on_show_list(move || w.act(|app, ctx| show(app, ctx, who())));
    let (w, who) = (Callback::new(app, ctx), signed_in.clone());
    g.on_page_step(move |step| {
        w.act(|app, ctx| {
            let g = app.global::<Staff>();
            let page = Paging::stepped(usize::try_from(g.get_page()).unwrap_or(0), step);
            g.set_page(i32::try_from(page).unwrap_or(0));
            show(app, ctx, who());
        })
    });
    let (w, s) = (Callback::new(app, ctx), st.clone());
    g.on_start_add(move || {
        w.act(|app, ctx| {
            s.borrow_mut().form = add_form();
            open_form(app, ctx, &s, StaffMode::Add);
        })
    });
    let (w, s) = (Callback::new(app, ctx), st.clone());
    g.on_start_server(move || {
        w.act(|app, ctx| {
            s.borrow_mut().form = server_form();
            open_form(app, ctx, &s, StaffMode::Server);
        })
    });
    let (w, s, who) = (Callback::new(app, ctx), st.clone(), signed_in.clone());
    g.on_ask_remove(move |id| w.act(|app, ctx| ask_remove(app, ctx, &s, who(), &id)));
    let (w, s, who) = (Callback::new(app, ctx), st.clone(), signed_in.clone());
    g.on_confirm_remove(move || w.act(|app, ctx| confirm_remove(app, ctx, &s, who())));
    let (w, s, who) = (Callback::new(app, ctx), st.clone(), signed_in);
    g.on_save(move || w.act(|app, ctx| save(app, ctx, &s, who.clone())));
    let (w, s) = (Callback::new(app, ctx), st.clone());
    g.on_enroll(move || w.act(|app, ctx| enroll(app, ctx, &s)));

    crate::ui::connect_keyboard::connect::<Staff>(app, ctx, move |app, ctx, typed| {
        let kind = st.borrow_mut().form.typed(typed);
        show_form(app, ctx, &st);
        kind
    });
}

/// Who is who (center, instructors, learners), read from the store.
pub fn directory(ctx: &Shared) -> Option<Directory> {
    let read = ctx
        .borrow()
        .services
        .journal
        .query(|store: &mut Store| store.all_events());
    match read {
        Some(Ok(events)) => Some(Directory::from_events(&events)),
        Some(Err(e)) => {
            tracing::error!(error = %e, "the store could not be read");
            None
        }
        None => None,
    }
}

fn say(app: &AppWindow, text: &str) {
    app.global::<Staff>().set_message(joined(text));
}

fn invalid(app: &AppWindow, ctx: &Shared, i: Invalid) {
    let text = ctx.borrow().services.i18n.tr(i.message_id());
    say(app, &text);
}

/// The list of instructors (the page's first view), keeping the message line.
pub fn show(app: &AppWindow, ctx: &Shared, signed_in: Option<InstructorId>) {
    let g = app.global::<Staff>();
    g.set_mode(StaffMode::List);
    g.set_busy(false);
    let Some(d) = directory(ctx) else { return };
    let mut rows: Vec<StaffRow> = d
        .instructors()
        .map(|i| StaffRow {
            id: i.instructor_id.to_string().into(),
            name: joined(&i.name),
            you: signed_in == Some(i.instructor_id),
        })
        .collect();
    rows.sort_by(|a, b| a.name.cmp(&b.name));
    let paging = Paging::new(
        rows.len(),
        super::page_size::instructor_rows(app, ctx),
        usize::try_from(g.get_page()).unwrap_or(0),
    );
    let c = ctx.borrow();
    g.set_count_text(joined(&c.services.i18n.instructors_count(rows.len())));
    g.set_page(i32::try_from(paging.page).unwrap_or(0));
    g.set_page_text(paging.text(&c.services.i18n));
    g.set_has_prev(paging.has_prev());
    g.set_has_next(paging.has_next());
    g.set_rows(ModelRc::new(VecModel::from(
        rows[paging.start..paging.end].to_vec(),
    )));
}

/// Opens the page fresh from the menu.
pub fn open(app: &AppWindow, ctx: &Shared, signed_in: Option<InstructorId>) {
    say(app, "");
    app.global::<Staff>().set_page(0);
    show(app, ctx, signed_in);
}

fn open_form(app: &AppWindow, ctx: &Shared, st: &St, mode: StaffMode) {
    let g = app.global::<Staff>();
    g.set_mode(mode);
    g.set_shift(false);
    g.set_latin(st.borrow().form.focused_kind() == Kind::Latin);
    say(app, "");
    if mode == StaffMode::Server {
        let url = ctx
            .borrow()
            .services
            .journal
            .query(|store: &mut Store| store.sync_state().map(|s| s.server_url))
            .and_then(Result::ok)
            .flatten();
        let c = ctx.borrow();
        let text = match url {
            Some(url) => c.services.i18n.instructors_server_now(url),
            None => c.services.i18n.instructors_server_none(),
        };
        g.set_server_text(joined(&text));
    }
    show_form(app, ctx, st);
}

fn show_form(app: &AppWindow, ctx: &Shared, st: &St) {
    let g = app.global::<Staff>();
    let c = ctx.borrow();
    let t = &c.services.i18n;
    let labels = if g.get_mode() == StaffMode::Server {
        vec![t.setup_field_server(), t.setup_field_code()]
    } else {
        vec![
            t.setup_field_instructor_name(),
            t.setup_field_pin(),
            t.setup_field_pin_again(),
        ]
    };
    let fields = st.borrow().form.fields(&labels);
    g.set_fields(ModelRc::new(VecModel::from(fields)));
}

fn ask_remove(app: &AppWindow, ctx: &Shared, st: &St, signed_in: Option<InstructorId>, id: &str) {
    let Ok(id) = uuid::Uuid::parse_str(id) else {
        return;
    };
    let Some(d) = directory(ctx) else { return };
    if let Err(i) = can_remove(&d, id, signed_in) {
        invalid(app, ctx, i);
        return show(app, ctx, signed_in);
    }
    let name = d.instructor(id).map(|i| i.name.clone()).unwrap_or_default();
    st.borrow_mut().removing = Some(id);
    let text = ctx.borrow().services.i18n.instructors_remove_confirm(name);
    let g = app.global::<Staff>();
    g.set_confirm_text(joined(&text));
    say(app, "");
    g.set_mode(StaffMode::ConfirmRemove);
}

fn confirm_remove(app: &AppWindow, ctx: &Shared, st: &St, signed_in: Option<InstructorId>) {
    let Some(id) = st.borrow_mut().removing.take() else {
        return show(app, ctx, signed_in);
    };
    let name = directory(ctx)
        .and_then(|d| d.instructor(id).map(|i| i.name.clone()))
        .unwrap_or_default();
    let removed = ctx
        .borrow()
        .services
        .journal
        .query(move |store| remove_instructor(store, id, signed_in));
    match removed {
        Some(Ok(())) => {
            let text = ctx.borrow().services.i18n.instructors_removed(name);
            say(app, &text);
        }
        Some(Err(InstructorError::Invalid(i))) => invalid(app, ctx, i),
        Some(Err(e)) => say(app, &e.to_string()),
        None => {}
    }
    show(app, ctx, signed_in);
}

fn save(app: &AppWindow, ctx: &Shared, st: &St, signed_in: SignedIn) {
    let (name, pin, again) = {
        let s = st.borrow();
        (s.form.text(0), s.form.text(1), s.form.text(2))
    };
    if let Err(i) = check_instructor(&name, &pin, &again) {
        return invalid(app, ctx, i);
    }
    let Some(d) = directory(ctx) else { return };
    let others = others(&d);
    let text = ctx.borrow().services.i18n.setup_saving();
    say(app, &text);
    app.global::<Staff>().set_busy(true);
    let wire = Callback::new(app, ctx);
    background::run(
        "instructor-pin",
        move || hash_new_pin(&pin, &others),
        move |hashed| {
            wire.act(|app, ctx| {
                app.global::<Staff>().set_busy(false);
                let recorded = hashed.and_then(|hash| {
                    let name = name.clone();
                    ctx.borrow()
                        .services
                        .journal
                        .query(move |store| record_instructor(store, &name, hash))
                        .unwrap_or_else(|| Err(InstructorError::Hash("journal stopped".into())))
                });
                match recorded {
                    Ok(_) => {
                        let text = ctx.borrow().services.i18n.instructors_added(name);
                        say(app, &text);
                        show(app, ctx, signed_in());
                    }
                    Err(InstructorError::Invalid(i)) => invalid(app, ctx, i),
                    Err(e) => say(app, &e.to_string()),
                }
            })
        },
    );
}

fn enroll(app: &AppWindow, ctx: &Shared, st: &St) {
    let (server, code) = {
        let s = st.borrow();
        (s.form.text(0), s.form.text(1))
    };
    if server.is_empty() || server == "https://" {
        return invalid(app, ctx, Invalid::ServerMissing);
    }
    if code.is_empty() {
        return invalid(app, ctx, Invalid::CodeMissing);
    }
    let text = ctx.borrow().services.i18n.setup_enrolling();
    say(app, &text);
    app.global::<Staff>().set_busy(true);
    let wire = Callback::new(app, ctx);
    let st = st.clone();
    super::super::connect_setup::enroll_in_background(ctx, server, code, move |result| {
        wire.act(|app, ctx| {
            app.global::<Staff>().set_busy(false);
            let c = ctx.borrow();
            let text = match &result {
                Ok(center) => c
                    .services
                    .i18n
                    .instructors_enrolled(center.center_name.clone()),
                Err(f) => c
                    .services
                    .i18n
                    .instructors_enroll_failed(f.message(&c.services.i18n)),
            };
            drop(c);
            if result.is_ok() {
                st.borrow_mut().form = server_form();
                open_form(app, ctx, &st, StaffMode::Server);
            }
            say(app, &text);
        })
    });
}
