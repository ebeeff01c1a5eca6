//! A kiosk for UI tests: a store in a temporary folder with a center and two learners,
//! the test course fixture, the real window wired to the real context, no audio.

#![allow(dead_code)]

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use baeumteo_core::event::{Consent, Event, EventBody, LearnerId, LearnerProfile};
use i_slint_backend_testing::ElementHandle;
use kiosk::narration::Narration;
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

/// Opens a kiosk on a fresh store. Call once per test (each test has its own thread).
pub fn kiosk() -> Kiosk {
    i_slint_backend_testing::init_no_event_loop();
    let dir = tempfile::tempdir().unwrap();
    let learner = Uuid::now_v7();
    {
        let mut store = Store::open_in(dir.path()).unwrap();
        store
            .append(EventBody::CenterConfigured {
                center_name: "남면 디지털배움터".into(),
                county: "배움군".into(),
                township: "남면".into(),
            })
            .unwrap();
        store
            .append(EventBody::LearnerRegistered {
                learner_id: learner,
                profile: profile("김순자", "flower"),
            })
            .unwrap();
        store
            .append(EventBody::LearnerRegistered {
                learner_id: Uuid::now_v7(),
                profile: profile("이영희", "sun"),
            })
            .unwrap();
    }
    reopen(dir, learner)
}

/// Opens the kiosk again on the same data, like a restart.
pub fn reopen(dir: tempfile::TempDir, learner: LearnerId) -> Kiosk {
    let ctx: Shared = Rc::new(RefCell::new(
        Context::open(dir.path(), &fixture_courses(), Narration::silent()).unwrap(),
    ));
    let app = AppWindow::new().unwrap();
    kiosk::ui::app::connect(&app, &ctx);
    app.window()
        .set_size(slint::LogicalSize::new(1920.0, 1080.0));
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
        self.ctx.borrow().journal.flush();
        Store::open_in(self.dir.path())
            .unwrap()
            .all_events()
            .unwrap()
    }

    pub fn screen(&self) -> kiosk::ui::Screen {
        self.app.global::<kiosk::ui::Nav>().get_screen()
    }

    pub fn progress_text(&self) -> String {
        kiosk::ui::text::plain(&self.app.global::<kiosk::ui::Player>().get_progress_text())
    }
}
