//! The one wiring of the on-screen keyboard: the same five callbacks (focus a field, a
//! key, backspace, shift, 한/영) on every global whose screen types (the typing step,
//! registration, first-run set-up, instructors). What a key does to the text is the
//! screen's own (`Typed`); shift and 한/영 are handled here alike for all.

use slint::{ComponentHandle, SharedString};

use super::context::{Callback, Shared};
use super::form::Kind;
use super::{AppWindow, Instructor, Player, Setup, Staff};

/// What the keyboard asks of the screen's text.
#[derive(Debug, Clone, PartialEq)]
pub enum Typed {
    /// Field `n` was touched.
    Focus(usize),
    Key(SharedString),
    Backspace,
}

/// A global with the keyboard's callbacks and its shift (and, where the screen has
/// fields of Latin text, 한/영) state.
pub trait KeyboardGlobal {
    fn on_key(app: &AppWindow, f: impl Fn(SharedString) + 'static);
    fn on_backspace(app: &AppWindow, f: impl Fn() + 'static);
    fn on_toggle_shift(app: &AppWindow, f: impl Fn() + 'static);
    fn shift(app: &AppWindow) -> bool;
    fn set_shift(app: &AppWindow, on: bool);
    /// Screens with fields: touching one focuses it.
    fn on_focus_field(_app: &AppWindow, _f: impl Fn(i32) + 'static) {}
    /// Screens with Latin fields: the 한/영 key.
    fn on_toggle_latin(_app: &AppWindow, _f: impl Fn() + 'static) {}
    fn latin(_app: &AppWindow) -> bool {
        false
    }
    fn set_latin(_app: &AppWindow, _on: bool) {}
}

macro_rules! keyboard_global {
    ($global:ident $(, $with:ident)*) => {
        // The lifetime is the window's borrow; the callbacks outlive any one borrow.
        impl KeyboardGlobal for $global<'static> {
            fn on_key(app: &AppWindow, f: impl Fn(SharedString) + 'static) {
                app.global::<$global>().on_key(f)
            }
            fn on_backspace(app: &AppWindow, f: impl Fn() + 'static) {
                app.global::<$global>().on_backspace(f)
            }
            fn on_toggle_shift(app: &AppWindow, f: impl Fn() + 'static) {
                app.global::<$global>().on_toggle_shift(f)
            }
            fn shift(app: &AppWindow) -> bool {
                app.global::<$global>().get_shift()
            }
            fn set_shift(app: &AppWindow, on: bool) {
                app.global::<$global>().set_shift(on)
            }
            $(keyboard_global!(@$with $global);)*
        }
    };
    (@fields $global:ident) => {
        fn on_focus_field(app: &AppWindow, f: impl Fn(i32) + 'static) {
            app.global::<$global>().on_focus_field(f)
        }
    };
    (@latin $global:ident) => {
        fn on_toggle_latin(app: &AppWindow, f: impl Fn() + 'static) {
            app.global::<$global>().on_toggle_latin(f)
        }
        fn latin(app: &AppWindow) -> bool {
            app.global::<$global>().get_latin()
        }
        fn set_latin(app: &AppWindow, on: bool) {
            app.global::<$global>().set_latin(on)
        }
    };
}

keyboard_global!(Player);
keyboard_global!(Instructor, fields);
keyboard_global!(Setup, fields, latin);
keyboard_global!(Staff, fields, latin);

/// Wires the keyboard of global `G`: `typed` changes the screen's text and shows it, and
/// says what kind of field is focused (a Latin one switches the keyboard to 영어).
pub fn connect<G: KeyboardGlobal + 'static>(
    app: &AppWindow,
    ctx: &Shared,
    typed: impl Fn(&AppWindow, &Shared, Typed) -> Kind + 'static,
) {
    let typed = std::rc::Rc::new(typed);
    let (w, t) = (Callback::new(app, ctx), typed.clone());
    G::on_focus_field(app, move |i| {
        w.act(|app, ctx| {
            let kind = t(app, ctx, Typed::Focus(usize::try_from(i).unwrap_or(0)));
            G::set_latin(app, kind == Kind::Latin);
        })
    });
    let (w, t) = (Callback::new(app, ctx), typed.clone());
    G::on_key(app, move |k| {
        w.act(|app, ctx| {
            // A shifted key shifts one letter only.
            G::set_shift(app, false);
            t(app, ctx, Typed::Key(k.clone()));
        })
    });
    let (w, t) = (Callback::new(app, ctx), typed);
    G::on_backspace(app, move || {
        w.act(|app, ctx| {
            t(app, ctx, Typed::Backspace);
        })
    });
    let w = Callback::new(app, ctx);
    G::on_toggle_shift(app, move || {
        w.act(|app, _| G::set_shift(app, !G::shift(app)))
    });
    let w = Callback::new(app, ctx);
    G::on_toggle_latin(app, move || {
        w.act(|app, _| {
            G::set_latin(app, !G::latin(app));
            G::set_shift(app, false);
        })
    });
}
