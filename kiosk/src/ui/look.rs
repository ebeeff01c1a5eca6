//! How the screens look for the learner at the kiosk: the text size their setting shows
//! at in this window, and the `Settings` global filled from it. Apart from the shell so
//! every screen can show the look without depending on the shell.

use slint::ComponentHandle;

use super::context::Context;
use super::fit;
use super::settings::TextScale;
use super::text::joined;
use super::{AppWindow, Nav, Screen, Settings};

/// The largest text size of the screen showing: instructor mode and set-up are forms with
/// a keyboard on screen and stop at 150 % (`app.slint` caps them the same way); so does
/// every screen on a panel lower than the reference (`shown`).
pub fn max_scale(app: &AppWindow) -> TextScale {
    let screen = match app.global::<Nav>().get_screen() {
        Screen::Instructor | Screen::Setup => TextScale::Large,
        _ => TextScale::Largest,
    };
    shown(app, screen)
}

/// The text size a learner's `scale` shows at in this window: 200 % needs the height of
/// the reference panel (a lesson step at 200 % fills 1080 px); on 1366×768, 1280×800
/// and 1280×1024 text stops at 150 %, where every screen fits.
pub fn shown(app: &AppWindow, scale: TextScale) -> TextScale {
    if fit::window_height(app) < fit::FULL_TEXT_HEIGHT {
        scale.at_most(TextScale::Large)
    } else {
        scale
    }
}

pub fn show_look(app: &AppWindow, c: &Context) {
    let s = app.global::<Settings>();
    s.set_text_scale(shown(app, c.session.look.scale).factor());
    s.set_high_contrast(c.session.look.high_contrast);
    let shown = c.session.look.scale.at_most(max_scale(app));
    s.set_text_size_label(joined(&c.services.i18n.text_size_button(shown.percent())));
    s.set_contrast_label(joined(&c.services.i18n.contrast_button()));
}
