//! Opening the kiosk window: wiring every global to the context (`context`), running the
//! event loop. Nothing in the UI depends on this module; it depends on them all.

use std::cell::RefCell;
use std::path::PathBuf;
use std::rc::Rc;

use slint::ComponentHandle;

// Re-exported: the window is opened with these (`kiosk::ui::app::{Context, Shared}`).
pub use super::context::{Context, Shared, UiError};
use super::{AppWindow, Nav};
use crate::narration::Narration;

/// How the window is opened (from the command line).
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    pub data_dir: PathBuf,
    pub courses_dir: PathBuf,
    /// Use the demo data folder (created on first use).
    pub demo: bool,
    /// Kiosk mode: full screen, no frame, no mouse cursor.
    pub fullscreen: bool,
    /// Where certificates and reports are saved (`None`: a USB stick, else the data dir).
    pub export_dir: Option<PathBuf>,
    /// Exit as soon as the first frame was shown (start-up measurement).
    pub quit_after_first_frame: bool,
}

/// Wires every global of `app` to `ctx` and shows the welcome screen.
pub fn connect(app: &AppWindow, ctx: &Shared) {
    super::strings::fill(app, &ctx.borrow().services.i18n);
    super::connect_shell::connect(app, ctx);
    super::connect_signin::connect(app, ctx);
    super::connect_home::connect(app, ctx);
    super::connect_player::connect(app, ctx);
    super::instructor::connect(app, ctx);
    super::connect_setup::connect(app, ctx);
    // The welcome screen, or first-run set-up while the kiosk has no center.
    super::connect_shell::show_welcome(app, ctx);
}

pub fn run(options: RunOptions) -> Result<(), UiError> {
    let data_dir = if options.demo {
        crate::demo::ensure(&options.data_dir, &options.courses_dir)
            .map_err(|e| UiError::Demo(e.to_string()))?
    } else {
        options.data_dir.clone()
    };
    let ctx: Shared = Rc::new(RefCell::new(Context::open(
        &data_dir,
        &options.courses_dir,
        Narration::start(),
    )?));
    ctx.borrow_mut().services.export_dir = options.export_dir.clone();
    ctx.borrow_mut().services.print_command = crate::certificate::find_print_command();
    select_renderer();
    let app = AppWindow::new()?;
    connect(&app, &ctx);
    app.global::<Nav>().set_kiosk_mode(options.fullscreen);
    if options.fullscreen {
        app.window().set_fullscreen(true);
        fill_monitor(&app);
    }
    // After the first frame (the software renderer draws it before timers run): the
    // learners' progress, so neither its time nor its memory delays the window.
    // (A start-up measurement ends at the first frame and never reads it.)
    if options.quit_after_first_frame {
        quit_after_first_frame(&app);
    } else {
        let started = ctx.clone();
        slint::Timer::single_shot(std::time::Duration::ZERO, move || {
            started.borrow().services.progress.start();
        });
    }
    let _timers = super::connect_shell::start_timers(&app, &ctx);
    // Not enrolled (as with `--demo` alone), the worker only looks at the store.
    super::background_sync::start(
        &app,
        &ctx,
        super::background_sync::INTERVAL,
        Some(options.courses_dir.clone()),
        super::instructor::connect_sync_page::status_changed,
    );
    let ran = app.run();
    super::background_sync::stop(&ctx);
    ran?;
    Ok(())
}

/// The kiosk draws with Slint's software renderer, the only one it is built with: it is
/// the renderer the reviewed screenshots are made with, it needs no GPU driver (many
/// center PCs have none that works), it starts in a quarter of the memory of the OpenGL
/// renderer (39 MiB against 141 MiB under Xvfb), and leaving OpenGL out makes the
/// package smaller (docs/performance.md). The screens are calm, with no continuous
/// animation, so software drawing keeps up. `SLINT_BACKEND` still chooses the backend.
fn select_renderer() {
    if std::env::var_os("SLINT_BACKEND").is_some() {
        return;
    }
    if let Err(e) = slint::BackendSelector::new()
        .backend_name("winit".into())
        .renderer_name("software".into())
        .select()
    {
        tracing::warn!(error = %e, "software renderer not available; Slint picks one");
    }
}

/// Full screen without a window manager: on an X session started straight into the kiosk
/// (`xinit`), nobody grants the request for full screen and the window stays at its first
/// size in a corner. So, once the event loop runs and the winit window exists, the window
/// is also moved to its monitor's corner and sized to the monitor. Where full screen was
/// granted (a window manager, `cage` on Wayland) this asks for what it already has.
fn fill_monitor(app: &AppWindow) {
    use slint::winit_030::WinitWindowAccessor;
    let weak = app.as_weak();
    slint::Timer::single_shot(std::time::Duration::from_millis(100), move || {
        let Some(app) = weak.upgrade() else { return };
        let filled = app.window().with_winit_window(|w| {
            let monitor = w.current_monitor().or_else(|| w.primary_monitor())?;
            let size = monitor.size();
            if w.inner_size() != size {
                w.set_outer_position(monitor.position());
                // `None` means the resize comes as an event later; either way is fine.
                let _ = w.request_inner_size(size);
            }
            Some((size.width, size.height))
        });
        match filled.flatten() {
            Some((width, height)) => tracing::info!(width, height, "full screen on the monitor"),
            None => tracing::warn!("no monitor found: the window keeps its size"),
        }
    });
}

/// Quits once the first frame is drawn, saying on stderr how long after the start of the
/// process that was (`scripts/bench` reads it; shutting down is not part of it).
fn quit_after_first_frame(app: &AppWindow) {
    let reported = std::rc::Rc::new(std::cell::Cell::new(false));
    let report = move || {
        // Frames may follow before the loop ends: say it once.
        if !reported.replace(true) {
            use std::io::Write;
            let ms = crate::STARTED.get().map_or(0, |t| t.elapsed().as_millis());
            let _ = writeln!(std::io::stderr(), "first frame after {ms} ms");
        }
        let _ = slint::quit_event_loop();
    };
    let on_frame = report.clone();
    let result = app.window().set_rendering_notifier(move |state, _| {
        if matches!(state, slint::RenderingState::AfterRendering) {
            on_frame();
        }
    });
    if result.is_err() {
        // The software renderer has no notifier: the first frame is drawn before timers run.
        slint::Timer::single_shot(std::time::Duration::ZERO, report);
    }
}
