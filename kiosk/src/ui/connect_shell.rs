//! The parts of every screen: navigation, "도움 요청", text size and contrast, the clock.

use slint::ComponentHandle;

use super::app::Shared;
use super::settings::Look;
use super::text::joined;
use super::{AppWindow, Nav, Screen, Settings};

pub fn connect(app: &AppWindow, ctx: &Shared) {
    let nav = app.global::<Nav>();
    let weak = app.as_weak();
    nav.on_start(move || {
        if let Some(app) = weak.upgrade() {
            app.global::<Nav>().set_screen(Screen::SignIn);
        }
    });
    let weak = app.as_weak();
    nav.on_go_home(move || {
        if let Some(app) = weak.upgrade() {
            app.global::<Nav>().set_screen(Screen::Welcome);
        }
    });
    let weak = app.as_weak();
    let c = ctx.clone();
    nav.on_request_help(move || {
        if let Some(app) = weak.upgrade() {
            let text = c.borrow().i18n.help_sent();
            app.global::<Nav>().set_notice(joined(&text));
        }
    });
    nav.on_open_instructor(|| {
        tracing::info!("instructor mode requested");
    });

    let settings = app.global::<Settings>();
    let weak = app.as_weak();
    let c = ctx.clone();
    settings.on_cycle_text_scale(move || {
        if let Some(app) = weak.upgrade() {
            let mut look = current_look(&app);
            look.scale = look.scale.next();
            apply_look(&app, &c, look);
        }
    });
    let weak = app.as_weak();
    let c = ctx.clone();
    settings.on_toggle_contrast(move || {
        if let Some(app) = weak.upgrade() {
            let mut look = current_look(&app);
            look.high_contrast = !look.high_contrast;
            apply_look(&app, &c, look);
        }
    });
    apply_look(app, ctx, Look::default());
}

fn current_look(app: &AppWindow) -> Look {
    let s = app.global::<Settings>();
    let scale = [
        super::settings::TextScale::Normal,
        super::settings::TextScale::Large,
        super::settings::TextScale::Largest,
    ]
    .into_iter()
    .find(|t| (t.factor() - s.get_text_scale()).abs() < 0.01)
    .unwrap_or_default();
    Look {
        scale,
        high_contrast: s.get_high_contrast(),
    }
}

/// Shows `look` and labels the two switches with what they do now.
pub fn apply_look(app: &AppWindow, ctx: &Shared, look: Look) {
    let i18n = &ctx.borrow().i18n;
    let s = app.global::<Settings>();
    s.set_text_scale(look.scale.factor());
    s.set_high_contrast(look.high_contrast);
    s.set_text_size_label(joined(&i18n.text_size_button(look.scale.percent())));
    s.set_contrast_label(joined(&i18n.contrast_button()));
}
