//! Opening the kiosk window: the shared context of the learner screens, wiring every
//! global, running the event loop.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::time::Instant;

use baeumteo_core::course::Course;
use baeumteo_core::event::{Event, EventBody, KioskId, LearnerId};
use baeumteo_core::i18n::{I18n, Locale};
use baeumteo_core::projection::Progress;
use chrono::Utc;
use slint::ComponentHandle;

use super::deferred::Deferred;
use super::journal::Journal;
use super::settings::Look;
use super::{AppWindow, Nav};
use crate::idle::IdleWatch;
use crate::narration::Narration;
use crate::player::LessonPlayer;
use crate::signin::{LearnerCard, SignIn, roster};
use crate::store::{Store, StoreError};

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

#[derive(Debug, thiserror::Error)]
pub enum UiError {
    #[error("the window could not be opened: {0}")]
    Platform(#[from] slint::PlatformError),
    #[error("the kiosk's data could not be opened: {0}")]
    Store(#[from] StoreError),
    #[error("the demo data could not be made: {0}")]
    Demo(String),
}

/// The setting key under which a learner's text size and contrast are kept.
pub fn look_key(learner: LearnerId) -> String {
    format!("look.{learner}")
}

/// Everything the learner screens share; owned by the UI thread.
pub struct Context {
    pub i18n: I18n,
    pub courses: Vec<Course>,
    pub kiosk_id: KioskId,
    pub journal: Journal,
    pub narration: Narration,
    /// Read off the UI thread at start-up (see `Deferred`).
    pub progress: Deferred<Progress>,
    pub center_name: Option<String>,
    pub roster: Vec<LearnerCard>,
    pub looks: HashMap<LearnerId, Look>,
    pub look: Look,
    pub learner: Option<LearnerCard>,
    pub signin: SignIn,
    pub courses_page: usize,
    pub course: Option<usize>,
    pub lessons_page: usize,
    pub player: Option<LessonPlayer>,
    pub idle: IdleWatch,
    /// Background sync, once `ui::sync::start` ran (the window, some tests).
    pub sync: Option<super::sync::Background>,
    /// The store's file (the sync worker opens its own connection to it).
    pub store_path: PathBuf,
    /// Where certificates and reports are saved (`None`: a USB stick, else the data dir).
    pub export_dir: Option<PathBuf>,
    /// The command that prints a PDF (CUPS `lp`), when there is one.
    pub print_command: Option<PathBuf>,
    images: HashMap<PathBuf, slint::Image>,
    /// Sequence numbers for the in-memory copy of events recorded in this run; they only
    /// need to keep this kiosk's order for the projection (the store assigns the real ones).
    next_seq: u64,
}

pub type Shared = Rc<RefCell<Context>>;

/// What the store holds that the learner screens need. Read without going through the
/// whole log, so start-up takes the same time after years of classes: learners' progress
/// from the projection snapshot (caught up with what came after it), the name cards
/// from the profile events only, the center from its last set-up.
struct Loaded {
    /// `None` at start-up: the progress is then read on the journal thread.
    progress: Option<Progress>,
    roster: Vec<LearnerCard>,
    center_name: Option<String>,
    last_seq: u64,
    looks: HashMap<LearnerId, Look>,
}

fn load(store: &mut Store, with_progress: bool) -> Result<Loaded, StoreError> {
    let progress = if with_progress {
        Some(store.projections()?.projections.progress)
    } else {
        None
    };
    // Arrival order: the learner-profile rule counts edits in it.
    let roster = roster(&store.profile_events()?);
    let mut looks = HashMap::new();
    for card in &roster {
        if let Some(v) = store.setting(&look_key(card.id))? {
            looks.insert(card.id, Look::decode(&v));
        }
    }
    Ok(Loaded {
        progress,
        roster,
        center_name: store.center()?.map(|c| c.center_name),
        last_seq: store.last_seq()?,
        looks,
    })
}

/// Saves the projection snapshot when start-up had many events to catch up with, so the
/// next start does not (off the UI thread, after the window is up).
const SNAPSHOT_AFTER: usize = 500;

/// The learners' progress, read on the journal thread (after anything handed to it
/// before): the snapshot caught up with the events after it, saved again when that was
/// a long way.
fn progress_in_background(journal: &Journal) -> Deferred<Progress> {
    Deferred::later(
        journal.ask_later(move |store: &mut Store| match store.projections() {
            Ok(cache) => {
                if cache.caught_up() >= SNAPSHOT_AFTER
                    && let Err(e) = store.save_projections(&cache)
                {
                    tracing::warn!(error = %e, "projection snapshot not saved");
                }
                cache.projections.progress
            }
            Err(e) => {
                tracing::error!(error = %e, "learners' progress could not be read");
                Progress::new()
            }
        }),
    )
}

impl Context {
    /// Opens the store in `data_dir` and the courses in `courses_dir`.
    pub fn open(
        data_dir: &Path,
        courses_dir: &Path,
        narration: Narration,
    ) -> Result<Context, UiError> {
        // Checked on the journal thread while the first frame is drawn (see Journal).
        let mut store = Store::open_in_checked_elsewhere(data_dir)?;
        let mut loaded = load(&mut store, false)?;
        let set = baeumteo_core::course::load_courses(courses_dir);
        for problem in &set.problems {
            tracing::warn!("{problem}");
        }
        let kiosk_id = store.kiosk_id();
        let store_path = store.path().to_path_buf();
        let journal = Journal::start(store);
        let progress = progress_in_background(&journal);
        let mut ctx = Context {
            i18n: I18n::new(Locale::Ko),
            courses: set.courses,
            kiosk_id,
            journal,
            narration,
            progress,
            center_name: None,
            roster: Vec::new(),
            looks: std::mem::take(&mut loaded.looks),
            look: Look::default(),
            learner: None,
            signin: SignIn::new(Vec::new(), 8),
            courses_page: 0,
            course: None,
            lessons_page: 0,
            player: None,
            idle: IdleWatch::new(Instant::now()),
            sync: None,
            store_path,
            export_dir: None,
            print_command: None,
            images: HashMap::new(),
            next_seq: 0,
        };
        ctx.absorb(loaded);
        Ok(ctx)
    }

    fn absorb(&mut self, loaded: Loaded) {
        if let Some(progress) = loaded.progress {
            self.progress = Deferred::ready(progress);
        }
        self.roster = loaded.roster;
        self.center_name = loaded.center_name;
        self.next_seq = loaded.last_seq + 1;
    }

    /// Reads the log again (learners registered in instructor mode or pulled by sync).
    pub fn refresh(&mut self) {
        let read = self.journal.query(|store| load(store, true));
        match read {
            Some(Ok(mut loaded)) => {
                self.looks.extend(std::mem::take(&mut loaded.looks));
                self.absorb(loaded);
            }
            Some(Err(e)) => tracing::error!(error = %e, "the store could not be read"),
            None => tracing::error!("the journal thread has stopped"),
        }
    }

    /// Records a fact: on disk via the journal thread, and at once in the projection.
    pub fn record(&mut self, body: EventBody) {
        let event = Event {
            id: uuid::Uuid::now_v7(),
            kiosk_id: self.kiosk_id,
            seq: self.next_seq,
            at: Utc::now(),
            body: body.clone(),
        };
        self.next_seq += 1;
        self.progress.apply(&event);
        self.journal.record(body);
    }

    pub fn record_all(&mut self, bodies: Vec<EventBody>) {
        for b in bodies {
            self.record(b);
        }
    }

    pub fn course_index(&self, id: &str) -> Option<usize> {
        self.courses.iter().position(|c| c.id == id)
    }

    /// A course picture, decoded once.
    pub fn image(&mut self, path: &Path) -> slint::Image {
        if let Some(i) = self.images.get(path) {
            return i.clone();
        }
        let image = slint::Image::load_from_path(path).unwrap_or_else(|_| {
            tracing::warn!(path = %path.display(), "picture could not be read");
            slint::Image::default()
        });
        self.images.insert(path.to_path_buf(), image.clone());
        image
    }

    pub fn touch(&mut self) {
        self.idle.touch(Instant::now());
    }
}

/// A handle for callbacks: the window (weakly) and the context; every action counts as a
/// touch for the idle watch.
#[derive(Clone)]
pub struct Wire {
    weak: slint::Weak<AppWindow>,
    ctx: Shared,
}

impl Wire {
    pub fn new(app: &AppWindow, ctx: &Shared) -> Wire {
        Wire {
            weak: app.as_weak(),
            ctx: ctx.clone(),
        }
    }

    pub fn act(&self, f: impl FnOnce(&AppWindow, &Shared)) {
        if let Some(app) = self.weak.upgrade() {
            self.ctx.borrow_mut().touch();
            f(&app, &self.ctx);
        }
    }
}

/// Wires every global of `app` to `ctx` and shows the welcome screen.
pub fn connect(app: &AppWindow, ctx: &Shared) {
    super::strings::fill(app, &ctx.borrow().i18n);
    super::connect_shell::connect(app, ctx);
    super::connect_signin::connect(app, ctx);
    super::connect_home::connect(app, ctx);
    super::connect_player::connect(app, ctx);
    super::instructor::connect(app, ctx);
    super::setup::connect(app, ctx);
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
    ctx.borrow_mut().export_dir = options.export_dir.clone();
    ctx.borrow_mut().print_command = crate::certificate::find_print_command();
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
            started.borrow().progress.start();
        });
    }
    let _timers = super::connect_shell::start_timers(&app, &ctx);
    // Not enrolled (as with `--demo` alone), the worker only looks at the store.
    super::sync::start(
        &app,
        &ctx,
        super::sync::INTERVAL,
        Some(options.courses_dir.clone()),
    );
    let ran = app.run();
    super::sync::stop(&ctx);
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
