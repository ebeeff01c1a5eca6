//! Opening the kiosk window: builds the shared context, wires every global, runs.

use std::cell::RefCell;
use std::path::PathBuf;
use std::rc::Rc;

use baeumteo_core::i18n::{I18n, Locale};
use slint::ComponentHandle;

use super::{AppWindow, Nav, Screen};

/// How the window is opened (from the command line).
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    pub data_dir: PathBuf,
    pub courses_dir: PathBuf,
    /// Use the demo data folder (created on first use).
    pub demo: bool,
    /// Kiosk mode: full screen, no frame, no mouse cursor.
    pub fullscreen: bool,
    /// Exit as soon as the first frame was shown (start-up measurement).
    pub quit_after_first_frame: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum UiError {
    #[error("the window could not be opened: {0}")]
    Platform(#[from] slint::PlatformError),
}

/// Everything the learner screens share; owned by the UI thread.
pub struct Context {
    pub i18n: I18n,
}

pub type Shared = Rc<RefCell<Context>>;

pub fn run(options: RunOptions) -> Result<(), UiError> {
    let app = AppWindow::new()?;
    let ctx: Shared = Rc::new(RefCell::new(Context {
        i18n: I18n::new(Locale::Ko),
    }));
    super::strings::fill(&app, &ctx.borrow().i18n);
    super::connect_shell::connect(&app, &ctx);
    app.global::<Nav>().set_kiosk_mode(options.fullscreen);
    if options.fullscreen {
        app.window().set_fullscreen(true);
    }
    if options.quit_after_first_frame {
        quit_after_first_frame(&app);
    }
    app.global::<Nav>().set_screen(Screen::Welcome);
    app.run()?;
    Ok(())
}

fn quit_after_first_frame(app: &AppWindow) {
    let result = app.window().set_rendering_notifier(|state, _| {
        if matches!(state, slint::RenderingState::AfterRendering) {
            let _ = slint::quit_event_loop();
        }
    });
    if result.is_err() {
        // The software renderer has no notifier: the first frame is drawn before timers run.
        slint::Timer::single_shot(std::time::Duration::ZERO, || {
            let _ = slint::quit_event_loop();
        });
    }
}
