//! The context of the UI thread, split by concern: the services every screen draws on
//! (the journal and what it holds, the catalogue, narration, sync, translations) and the
//! learner's session (who is signed in and where they are). Wiring modules take it through
//! `Shared`, and every callback captures it through a `Callback`.

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

use super::AppWindow;
use super::deferred::Deferred;
use super::journal::Journal;
use super::settings::Look;
use crate::idle::IdleWatch;
use crate::narration::Narration;
use crate::player::LessonPlayer;
use crate::signin::{LearnerCard, SignIn, roster};
use crate::store::{Store, StoreError};
use crate::sync::SyncWorker;

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

/// The UI thread's context: the services and the learner's session, apart so that a page
/// that only reads the log (instructor mode) borrows no learner state, and ending a session
/// never touches a service.
pub struct Context {
    pub services: Services,
    pub session: Session,
}

/// What every screen draws on: the journal and what it holds, the catalogue, narration,
/// background sync, translations and where files go.
pub struct Services {
    pub i18n: I18n,
    /// The catalogue (`crate::catalog::load`).
    pub courses: Vec<Course>,
    pub kiosk_id: KioskId,
    pub journal: Journal,
    pub narration: Narration,
    /// Read off the UI thread at start-up (see `Deferred`).
    pub progress: Deferred<Progress>,
    pub center_name: Option<String>,
    pub roster: Vec<LearnerCard>,
    /// Each learner's text size and contrast (see `look_key`).
    pub looks: HashMap<LearnerId, Look>,
    /// Background sync, once `ui::background_sync::start` ran (the window, some tests).
    pub sync: Option<Background>,
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

/// The learner at the kiosk: who signed in, how the screens look for them, and where they
/// are (sign-in, course pages, the lesson); ended by signing out or the idle watch.
pub struct Session {
    pub look: Look,
    pub learner: Option<LearnerCard>,
    pub signin: SignIn,
    pub courses_page: usize,
    pub course: Option<usize>,
    pub lessons_page: usize,
    pub player: Option<LessonPlayer>,
    pub idle: IdleWatch,
}

/// The background sync worker (`background_sync`), owned by the UI thread's `Services`.
pub struct Background {
    pub(super) worker: SyncWorker,
    /// The worker's `pulled_since_start` when the context last read the log again.
    pub(super) absorbed: u64,
}

impl std::fmt::Debug for Background {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Background")
    }
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
        let courses = crate::catalog::load(courses_dir);
        let kiosk_id = store.kiosk_id();
        let store_path = store.path().to_path_buf();
        let journal = Journal::start(store);
        let progress = progress_in_background(&journal);
        let mut services = Services {
            i18n: I18n::new(Locale::Ko),
            courses,
            kiosk_id,
            journal,
            narration,
            progress,
            center_name: None,
            roster: Vec::new(),
            looks: std::mem::take(&mut loaded.looks),
            sync: None,
            store_path,
            export_dir: None,
            print_command: None,
            images: HashMap::new(),
            next_seq: 0,
        };
        services.absorb(loaded);
        Ok(Context {
            services,
            session: Session {
                look: Look::default(),
                learner: None,
                signin: SignIn::new(Vec::new(), 8),
                courses_page: 0,
                course: None,
                lessons_page: 0,
                player: None,
                idle: IdleWatch::new(Instant::now()),
            },
        })
    }

    /// Reads the log again (learners registered in instructor mode or pulled by sync).
    pub fn refresh(&mut self) {
        self.services.refresh();
    }

    /// Records a fact (see `Services::record`).
    pub fn record(&mut self, body: EventBody) {
        self.services.record(body);
    }

    pub fn record_all(&mut self, bodies: Vec<EventBody>) {
        self.services.record_all(bodies);
    }

    pub fn course_index(&self, id: &str) -> Option<usize> {
        self.services.course_index(id)
    }

    /// A course picture, decoded once.
    pub fn image(&mut self, path: &Path) -> slint::Image {
        self.services.image(path)
    }

    pub fn touch(&mut self) {
        self.session.idle.touch(Instant::now());
    }
}

impl Services {
    fn absorb(&mut self, loaded: Loaded) {
        if let Some(progress) = loaded.progress {
            self.progress = Deferred::ready(progress);
        }
        self.roster = loaded.roster;
        self.center_name = loaded.center_name;
        self.next_seq = loaded.last_seq + 1;
    }

    /// Reads the log again (learners registered in instructor mode or pulled by sync).
    fn refresh(&mut self) {
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
}

/// What a UI callback captures: the window (weakly, so the callback does not keep it
/// alive) and the context; every action counts as a touch for the idle watch. (Named apart
/// from `baeumteo_core::wire`, the network protocol.)
#[derive(Clone)]
pub struct Callback {
    weak: slint::Weak<AppWindow>,
    ctx: Shared,
}

impl Callback {
    pub fn new(app: &AppWindow, ctx: &Shared) -> Callback {
        Callback {
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
