//! A kiosk for UI tests: a store in a temporary folder with a center and two learners,
//! the test course fixture, the real window wired to the real context, no audio.

#![allow(dead_code)]

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use baeumteo_core::event::{Consent, Event, EventBody, LearnerId, LearnerProfile};
use i_slint_backend_testing::ElementHandle;
use kiosk::narration::Narration;
pub use kiosk::screenshots::ScreenSize;
use kiosk::store::Store;
use kiosk::ui::AppWindow;
use kiosk::ui::app::{Context, Shared};
use kiosk::ui::text::joined;
use slint::ComponentHandle;
use slint::platform::PointerEventButton;
use uuid::Uuid;

pub fn fixture_courses() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/courses")
}

pub struct Kiosk {
    pub dir: tempfile::TempDir,
    pub app: AppWindow,
    pub ctx: Shared,
    pub learner: LearnerId,
}

pub fn profile(name: &str, icon: &str) -> LearnerProfile {
    LearnerProfile {
        name: name.into(),
        birth_year: 1948,
        township: "남면".into(),
        gender: None,
        phone: None,
        icon: icon.into(),
        pin_hash: None,
        consent: Consent {
            version: "2026-01".into(),
            required: true,
            gender: false,
            phone: false,
        },
    }
}

/// The center every seeded kiosk serves.
pub fn seed_center(store: &mut Store) {
    store
        .append(EventBody::CenterConfigured {
            center_name: "남면 디지털배움터".into(),
            county: "배움군".into(),
            township: "남면".into(),
        })
        .unwrap();
}

/// The instructor 김강사 with `pin`.
pub fn seed_instructor(store: &mut Store, pin: &str) {
    store
        .append(EventBody::InstructorAdded {
            instructor_id: Uuid::now_v7(),
            name: "김강사".into(),
            pin_hash: kiosk::instructor::pin::hash_pin(pin).unwrap(),
        })
        .unwrap();
}

pub fn register(store: &mut Store, name: &str, icon: &str) -> LearnerId {
    let learner_id = Uuid::now_v7();
    store
        .append(EventBody::LearnerRegistered {
            learner_id,
            profile: profile(name, icon),
        })
        .unwrap();
    learner_id
}

/// Opens a kiosk on a fresh store: the center, 김순자 (the learner of `Kiosk::learner`)
/// and 이영희. Call once per test (each test has its own thread).
pub fn kiosk() -> Kiosk {
    seeded(&fixture_courses(), |store| {
        seed_center(store);
        let learner = register(store, "김순자", "flower");
        register(store, "이영희", "sun");
        learner
    })
}

/// Opens a kiosk on a store that `seed` fills first; `seed` returns the learner the test
/// follows.
pub fn seeded(courses: &Path, seed: impl FnOnce(&mut Store) -> LearnerId) -> Kiosk {
    i_slint_backend_testing::init_no_event_loop();
    let dir = tempfile::tempdir().unwrap();
    let learner = {
        let mut store = Store::open_in(dir.path()).unwrap();
        seed(&mut store)
    };
    open(dir, courses, learner)
}

/// Opens the kiosk again on the same data, like a restart.
pub fn reopen(dir: tempfile::TempDir, learner: LearnerId) -> Kiosk {
    open(dir, &fixture_courses(), learner)
}

/// The real window wired to a context on the store in `dir`, on the reference panel.
/// (The testing backend must be set up on this thread already, as `seeded` does.)
pub fn open(dir: tempfile::TempDir, courses: &Path, learner: LearnerId) -> Kiosk {
    open_sized(dir, courses, learner, ScreenSize::REFERENCE)
}

/// `open` on a window of `size` pixels.
pub fn open_sized(
    dir: tempfile::TempDir,
    courses: &Path,
    learner: LearnerId,
    size: ScreenSize,
) -> Kiosk {
    let ctx: Shared = Rc::new(RefCell::new(
        Context::open(dir.path(), courses, Narration::silent()).unwrap(),
    ));
    let app = AppWindow::new().unwrap();
    // Sized before it is wired, so the first pages are cut for this window.
    app.window().set_size(slint::LogicalSize::new(
        size.width as f32,
        size.height as f32,
    ));
    kiosk::ui::app::connect(&app, &ctx);
    app.show().unwrap();
    Kiosk {
        dir,
        app,
        ctx,
        learner,
    }
}

impl Kiosk {
    /// The visible element labelled `label` (as the learner reads it).
    pub fn element(&self, label: &str) -> ElementHandle {
        let wanted = joined(label);
        let found: Vec<_> = ElementHandle::find_by_accessible_label(&self.app, &wanted).collect();
        assert!(!found.is_empty(), "nothing labelled {label:?} on screen");
        found.into_iter().next().unwrap()
    }

    pub fn has(&self, label: &str) -> bool {
        ElementHandle::find_by_accessible_label(&self.app, &joined(label))
            .next()
            .is_some()
    }

    /// A finger tap in the middle of the element.
    pub fn tap(&self, label: &str) {
        self.element(label)
            .mock_single_click(PointerEventButton::Left);
    }

    /// A finger slide from the middle of the element by (dx, dy).
    pub fn slide(&self, label: &str, dx: f32, dy: f32) {
        let e = self.element(label);
        let p = e.absolute_position();
        let s = e.size();
        let target =
            slint::LogicalPosition::new(p.x + s.width / 2.0 + dx, p.y + s.height / 2.0 + dy);
        e.mock_drag(target, PointerEventButton::Left);
    }

    /// Every event in the store, once the journal has written what it was given.
    pub fn stored(&self) -> Vec<Event> {
        self.ctx.borrow().services.journal.flush();
        Store::open_in(self.dir.path())
            .unwrap()
            .all_events()
            .unwrap()
    }

    /// How many events of `kind` ("checked_in", …) the store holds.
    pub fn count(&self, kind: &str) -> usize {
        self.stored()
            .iter()
            .filter(|e| e.body.kind() == kind)
            .count()
    }

    /// Types `text` key by key on the on-screen keyboard that is showing.
    pub fn type_text(&self, text: &str) {
        for k in kiosk::hangul::keys_for(text) {
            match k {
                ' ' => self.tap("띄어쓰기"),
                k => self.tap(&k.to_string()),
            }
        }
    }

    /// Lets mocked time pass until `done` holds (a worker thread answers via a timer).
    pub fn wait_for(&self, what: &str, done: impl Fn() -> bool) {
        for _ in 0..1500 {
            if done() {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
            i_slint_backend_testing::mock_elapsed_time(std::time::Duration::from_millis(40));
        }
        panic!("{what} did not happen");
    }

    /// From the welcome screen through the PIN keypad to the instructor menu, by taps.
    pub fn enter_instructor_mode(&self, pin: &str) {
        use kiosk::ui::{Instructor, InstructorPage};
        self.tap("강사 모드");
        assert_eq!(self.screen(), kiosk::ui::Screen::Instructor);
        let g = self.app.global::<Instructor>();
        assert_eq!(g.get_page(), InstructorPage::Pin);
        for d in pin.chars() {
            self.tap(&d.to_string());
        }
        self.tap("확인");
        // The PIN is checked on a worker thread.
        kiosk::ui::background::settle();
        assert_eq!(
            g.get_page(),
            InstructorPage::Menu,
            "the PIN was not accepted"
        );
    }

    pub fn screen(&self) -> kiosk::ui::Screen {
        self.app.global::<kiosk::ui::Nav>().get_screen()
    }

    pub fn progress_text(&self) -> String {
        kiosk::ui::text::plain(&self.app.global::<kiosk::ui::Player>().get_progress_text())
    }
}
