//! Instructor mode driven by taps, as an instructor would: enter the PIN, open today's
//! class and check in fifteen learners, register a learner with consent on the on-screen
//! keyboard, sign off an activist trainee and issue a certificate. Then the store holds
//! each fact.

use std::cell::RefCell;
use std::path::Path;
use std::rc::Rc;

use baeumteo_core::event::{Consent, Event, EventBody, LearnerProfile};
use i_slint_backend_testing::ElementHandle;
use kiosk::instructor::pin::hash_pin;
use kiosk::narration::Narration;
use kiosk::store::Store;
use kiosk::ui::app::{Context, Shared};
use kiosk::ui::text::joined;
use kiosk::ui::{AppWindow, Instructor, InstructorPage, Nav};
use slint::ComponentHandle;
use slint::platform::PointerEventButton;

const NAMES: [&str; 15] = [
    "강순이",
    "고말순",
    "김복자",
    "남정희",
    "도영숙",
    "류옥분",
    "문금례",
    "박순례",
    "서말자",
    "안복순",
    "오정자",
    "윤영자",
    "이춘자",
    "장덕희",
    "최옥순",
];

struct Kiosk {
    dir: tempfile::TempDir,
    app: AppWindow,
    ctx: Shared,
}

fn profile(name: &str) -> LearnerProfile {
    LearnerProfile {
        name: name.into(),
        birth_year: 1950,
        township: "남면".into(),
        gender: None,
        phone: None,
        icon: "flower".into(),
        pin_hash: None,
        consent: Consent {
            version: "2026-01".into(),
            required: true,
            gender: false,
            phone: false,
        },
    }
}

/// A certification-track course of one lesson, needing 3 hours.
fn write_track_course(root: &Path) {
    let c = root.join("activist");
    std::fs::create_dir_all(c.join("lessons")).unwrap();
    std::fs::write(
        c.join("course.toml"),
        "id = \"activist\"\ntitle = \"디지털 지역활동가 양성\"\nsummary = \"활동가 과정\"\n\
         level = \"심화\"\nminutes = 60\nversion = 1\nlessons = [\"role\"]\n\n\
         [certification]\nrequired_hours = 3\nrequired_lessons = [\"role\"]\n",
    )
    .unwrap();
    std::fs::write(
        c.join("lessons/role.toml"),
        "title = \"활동가의 역할\"\nsummary = \"역할을 배웠습니다.\"\nminutes = 10\n\n\
         [[steps]]\nid = \"intro\"\nkind = \"slide\"\ntext = \"활동가는 이웃을 돕습니다.\"\n",
    )
    .unwrap();
}

fn kiosk(trainees: bool) -> Kiosk {
    i_slint_backend_testing::init_no_event_loop();
    let dir = tempfile::tempdir().unwrap();
    let courses = dir.path().join("courses");
    write_track_course(&courses);
    {
        let mut store = Store::open_in(&dir.path().join("data")).unwrap();
        store
            .append(EventBody::CenterConfigured {
                center_name: "남면 디지털배움터".into(),
                county: "배움군".into(),
                township: "남면".into(),
            })
            .unwrap();
        store
            .append(EventBody::InstructorAdded {
                instructor_id: uuid::Uuid::now_v7(),
                name: "김강사".into(),
                pin_hash: hash_pin("2580").unwrap(),
            })
            .unwrap();
        for name in NAMES {
            store
                .append(EventBody::LearnerRegistered {
                    learner_id: uuid::Uuid::now_v7(),
                    profile: profile(name),
                })
                .unwrap();
        }
        if trainees {
            let set = baeumteo_core::course::load_courses(&courses);
            kiosk::instructor::demo::populate(&mut store, &set.courses).unwrap();
        }
    }
    let ctx: Shared = Rc::new(RefCell::new(
        Context::open(&dir.path().join("data"), &courses, Narration::silent()).unwrap(),
    ));
    let app = AppWindow::new().unwrap();
    kiosk::ui::app::connect(&app, &ctx);
    app.window()
        .set_size(slint::LogicalSize::new(1920.0, 1080.0));
    app.show().unwrap();
    Kiosk { dir, app, ctx }
}

impl Kiosk {
    fn element(&self, label: &str) -> ElementHandle {
        let found: Vec<_> =
            ElementHandle::find_by_accessible_label(&self.app, &joined(label)).collect();
        assert!(!found.is_empty(), "nothing labelled {label:?} on screen");
        found.into_iter().next().unwrap()
    }

    fn tap(&self, label: &str) {
        self.element(label)
            .mock_single_click(PointerEventButton::Left);
    }

    fn page(&self) -> InstructorPage {
        self.app.global::<Instructor>().get_page()
    }

    fn stored(&self) -> Vec<Event> {
        self.ctx.borrow().journal.flush();
        Store::open_in(&self.dir.path().join("data"))
            .unwrap()
            .all_events()
            .unwrap()
    }

    fn count(&self, kind: &str) -> usize {
        self.stored()
            .iter()
            .filter(|e| e.body.kind() == kind)
            .count()
    }

    /// From the welcome screen through the PIN keypad to the instructor menu.
    fn enter(&self) {
        self.tap("강사 모드");
        assert_eq!(
            self.app.global::<Nav>().get_screen(),
            kiosk::ui::Screen::Instructor
        );
        assert_eq!(self.page(), InstructorPage::Pin);
        for d in ["2", "5", "8", "0"] {
            self.tap(d);
        }
        self.tap("확인");
        // The PIN is checked on a worker thread; its answer arrives through a timer.
        for _ in 0..1000 {
            if self.page() == InstructorPage::Menu {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
            i_slint_backend_testing::mock_elapsed_time(std::time::Duration::from_millis(40));
        }
        panic!("the PIN was not accepted");
    }
}

#[test]
fn an_instructor_opens_a_class_and_checks_in_fifteen_learners() {
    let k = kiosk(false);
    k.enter();
    k.tap("오늘 수업");
    k.tap("디지털 지역활동가 양성");
    k.tap("수업 시작");
    assert_eq!(k.count("session_opened"), 1);
    for name in NAMES {
        k.tap(name);
    }
    assert_eq!(k.count("checked_in"), 15);
    assert!(
        k.app
            .global::<Instructor>()
            .get_present_text()
            .contains('1')
    );
    // A wrong tap is corrected by tapping again.
    k.tap(NAMES[0]);
    assert_eq!(k.count("checked_out"), 1);
    k.tap("수업 마치기");
    assert_eq!(k.count("session_closed"), 1);
    assert!(!k.app.global::<Instructor>().get_session_open());
}

#[test]
fn an_instructor_registers_a_learner_with_consent_on_the_screen_keyboard() {
    let k = kiosk(false);
    k.enter();
    k.tap("학습자 등록");
    assert_eq!(k.page(), InstructorPage::Register);
    for key in ["ㅂ", "ㅏ", "ㄱ", "ㅇ", "ㅗ", "ㄱ", "ㅅ", "ㅜ", "ㄴ"] {
        k.tap(key);
    }
    k.tap("태어난 해");
    for key in ["1", "9", "4", "9"] {
        k.tap(key);
    }
    k.tap("사는 곳 (읍·면)");
    for key in ["ㄴ", "ㅏ", "ㅁ", "ㅁ", "ㅕ", "ㄴ"] {
        k.tap(key);
    }
    // Without the required consent nothing is recorded.
    k.tap("등록하기");
    // Validation and the PIN hash run off the UI thread; wait for the answer.
    kiosk::ui::background::settle();
    assert_eq!(k.count("learner_registered"), 15);
    k.tap("동의합니다"); // the first: the required items
    k.tap("등록하기");
    // Validation and the PIN hash run off the UI thread; wait for the answer.
    kiosk::ui::background::settle();
    let registered: Vec<LearnerProfile> = k
        .stored()
        .into_iter()
        .filter_map(|e| match e.body {
            EventBody::LearnerRegistered { profile, .. } => Some(profile),
            _ => None,
        })
        .collect();
    let msg = kiosk::ui::text::plain(&k.app.global::<Instructor>().get_message());
    let p = registered
        .iter()
        .find(|p| p.name == "박옥순")
        .unwrap_or_else(|| panic!("not registered: {msg}"));
    assert_eq!(p.birth_year, 1949);
    assert_eq!(p.township, "남면");
    assert_eq!(
        p.consent.version,
        kiosk::instructor::registration::CONSENT_VERSION
    );
    assert!(p.consent.required && !p.consent.gender && !p.consent.phone);
}

#[test]
fn an_instructor_signs_off_a_trainee_and_the_certificate_shows_with_its_qr() {
    let k = kiosk(true);
    k.enter();
    k.tap("활동가 과정");
    assert_eq!(
        k.count("certification_issued"),
        1,
        "the demo's first certificate"
    );
    k.tap("확인하고 수료증 발급");
    assert_eq!(k.count("certification_issued"), 2);
    assert_eq!(k.page(), InstructorPage::Certificate);
    let g = k.app.global::<Instructor>();
    assert!(g.get_qr().size().width > 0, "the QR code is on screen");
    use slint::Model;
    let lines: Vec<String> = g
        .get_certificate_lines()
        .iter()
        .map(|l| kiosk::ui::text::plain(&l))
        .collect();
    assert!(lines.iter().any(|l| l.contains("서미경")), "{lines:?}");
    // A second sign-off of the same trainee is impossible: her row shows the certificate.
    k.tap("돌아가기");
    k.tap("활동가 과정");
    assert!(
        ElementHandle::find_by_accessible_label(&k.app, &joined("확인하고 수료증 발급"))
            .next()
            .is_none()
    );
}
