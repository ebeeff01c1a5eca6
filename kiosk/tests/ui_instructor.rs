//! Instructor mode driven by taps, as an instructor would: enter the PIN, open today's
//! class and check in fifteen learners, register a learner with consent on the on-screen
//! keyboard, sign off an activist trainee and issue a certificate. Then the store holds
//! each fact.

mod common;

use std::path::{Path, PathBuf};

use baeumteo_core::event::{EventBody, LearnerProfile};
use i_slint_backend_testing::ElementHandle;
use kiosk::ui::text::{joined, plain};
use kiosk::ui::{Instructor, InstructorPage};
use slint::{ComponentHandle, Model};

const PIN: &str = "2580";

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

/// The folder with the certification-track course (one lesson, 3 hours).
fn track_courses() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/track")
}

/// A center with 김강사 (PIN 2580) and fifteen learners on `courses`; with `trainees`, the
/// demo's two activist trainees too.
fn kiosk_on(courses: &Path, trainees: bool) -> common::Kiosk {
    common::seeded(courses, |store| {
        common::seed_center(store);
        common::seed_instructor(store, PIN);
        let ids: Vec<_> = NAMES
            .iter()
            .map(|n| common::register(store, n, "flower"))
            .collect();
        if trainees {
            let set = baeumteo_core::course::load_courses(courses);
            kiosk::instructor::demo::populate(store, &set.courses).unwrap();
        }
        ids[0]
    })
}

fn kiosk(trainees: bool) -> common::Kiosk {
    kiosk_on(&track_courses(), trainees)
}

fn page(k: &common::Kiosk) -> InstructorPage {
    k.app.global::<Instructor>().get_page()
}

#[test]
fn an_instructor_opens_a_class_and_checks_in_fifteen_learners() {
    let k = kiosk(false);
    k.enter_instructor_mode(PIN);
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
    k.enter_instructor_mode(PIN);
    k.tap("학습자 등록");
    assert_eq!(page(&k), InstructorPage::Register);
    // An empty form does not go on, and says what is missing.
    k.tap("다음: 그림과 동의");
    let g = k.app.global::<Instructor>();
    assert!(!g.get_register_consent_step());
    assert!(
        plain(&g.get_message()).contains("이름"),
        "{}",
        plain(&g.get_message())
    );
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
    k.tap("다음: 그림과 동의");
    assert!(k.has("나무"), "the pictures are offered");
    k.tap("나무");
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
    let msg = plain(&k.app.global::<Instructor>().get_message());
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
    assert_eq!(p.icon, "tree", "the picture chosen");
}

#[test]
fn an_instructor_signs_off_a_trainee_and_the_certificate_shows_with_its_qr() {
    let k = kiosk(true);
    k.enter_instructor_mode(PIN);
    k.tap("활동가 과정");
    assert_eq!(
        k.count("certification_issued"),
        1,
        "the demo's first certificate"
    );
    k.tap("확인하고 수료증 발급");
    assert_eq!(k.count("certification_issued"), 2);
    assert_eq!(page(&k), InstructorPage::Certificate);
    let g = k.app.global::<Instructor>();
    assert!(g.get_qr().size().width > 0, "the QR code is on screen");
    let lines: Vec<String> = g
        .get_certificate_lines()
        .iter()
        .map(|l| plain(&l))
        .collect();
    assert!(lines.iter().any(|l| l.contains("서미경")), "{lines:?}");
    // Saved for printing, as an A4 PDF in the export folder.
    let out = k.dir.path().join("usb");
    k.ctx.borrow_mut().services.export_dir = Some(out.clone());
    k.tap("인쇄용 파일 저장");
    kiosk::ui::background::settle();
    let pdf = std::fs::read_dir(&out)
        .unwrap()
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().ends_with(".pdf"))
        .expect("a PDF in the export folder");
    assert!(std::fs::read(pdf.path()).unwrap().starts_with(b"%PDF"));
    assert!(plain(&g.get_message()).contains("수료증을 저장했습니다"));
    assert!(!k.has("인쇄하기"), "no printer command, no print button");

    // With a printer (a stand-in for CUPS `lp` that keeps what it was given).
    let printed = k.dir.path().join("printed.pdf");
    let lp = k.dir.path().join("lp");
    std::fs::write(&lp, format!("#!/bin/sh\ncp \"$1\" {}\n", printed.display())).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&lp, std::fs::Permissions::from_mode(0o755)).unwrap();
    k.ctx.borrow_mut().services.print_command = Some(lp);
    k.tap("돌아가기");
    k.tap("활동가 과정");
    let certified = g
        .get_trainees()
        .iter()
        .find(|t| plain(&t.name) == "서미경")
        .expect("서미경 in the list");
    g.invoke_show_certificate(certified.id);
    k.tap("인쇄하기");
    kiosk::ui::background::settle();
    assert!(std::fs::read(&printed).unwrap().starts_with(b"%PDF"));
    assert!(
        plain(&g.get_message()).contains("프린터로 보냈습니다"),
        "{}",
        plain(&g.get_message())
    );
    // A second sign-off of the same trainee is impossible: her row shows the certificate.
    k.tap("돌아가기");
    k.tap("활동가 과정");
    assert!(
        ElementHandle::find_by_accessible_label(&k.app, &joined("확인하고 수료증 발급"))
            .next()
            .is_none()
    );
}

#[test]
fn tapping_a_progress_cell_shows_that_learners_answers_and_help_requests_show_by_name() {
    let k = common::seeded(&common::fixture_courses(), |store| {
        common::seed_center(store);
        common::seed_instructor(store, PIN);
        let learner = common::register(store, "강순이", "flower");
        for (choice, correct) in [(0, false), (1, true)] {
            store
                .append(EventBody::QuizAnswered {
                    learner_id: learner,
                    course_id: "ui-sampler".into(),
                    lesson_id: "quiz".into(),
                    step_id: "how-hard".into(),
                    choice,
                    correct,
                })
                .unwrap();
        }
        store
            .append(EventBody::HelpRequested {
                learner_id: Some(learner),
                course_id: Some("ui-sampler".into()),
                lesson_id: Some("quiz".into()),
                step_id: Some("how-hard".into()),
            })
            .unwrap();
        learner
    });
    k.enter_instructor_mode(PIN);
    k.tap("오늘 수업");
    k.tap("화면 연습 모음");
    k.tap("수업 시작");
    k.tap("강순이");
    k.tap("돌아가기");
    k.tap("수업 진도");
    assert_eq!(page(&k), InstructorPage::Progress);
    let g = k.app.global::<Instructor>();
    let grid: Vec<_> = g.get_grid().iter().collect();
    assert_eq!(grid.len(), 1, "one learner checked in");
    assert_eq!(plain(&grid[0].name), "강순이");
    assert!(grid[0].help, "her help request is marked on her row");
    assert!(plain(&g.get_help_text()).contains("강순이"));
    assert_eq!(grid[0].cells.row_count(), 5, "one cell per lesson");
    let quiz_cell = grid[0].cells.row_data(1).unwrap();
    assert_ne!(quiz_cell.state, 0, "the quiz lesson is started");

    // The cell is tapped like a button: its label is the lesson state.
    g.invoke_cell_tapped(0, 1);
    let answers = plain(&g.get_answers_text());
    assert!(
        answers.contains("강순이") && answers.contains("화면 누르기 퀴즈"),
        "{answers}"
    );
    assert!(answers.contains("1번 틀림"), "{answers}");
    assert!(answers.contains("2번 맞음"), "{answers}");
    // A lesson without answers shows only its title.
    g.invoke_cell_tapped(0, 0);
    assert!(!plain(&g.get_answers_text()).contains("번"));

    // Once helped, the instructor says so and the call is answered.
    k.tap("강순이 도왔어요");
    assert!(!g.get_grid().row_data(0).unwrap().help);
    assert_eq!(plain(&g.get_help_text()), "");
    assert_eq!(k.count("help_answered"), 1);
}

#[test]
fn the_monthly_report_counts_todays_class_and_exports_a_csv_excel_reads_as_hangul() {
    let k = kiosk(false);
    let out = k.dir.path().join("usb");
    k.ctx.borrow_mut().services.export_dir = Some(out.clone());
    k.enter_instructor_mode(PIN);
    k.tap("오늘 수업");
    k.tap("디지털 지역활동가 양성");
    k.tap("수업 시작");
    for name in &NAMES[..3] {
        k.tap(name);
    }
    k.tap("수업 마치기");
    k.tap("돌아가기");
    k.tap("월간 보고서");
    assert_eq!(page(&k), InstructorPage::Report);
    let g = k.app.global::<Instructor>();
    let month = baeumteo_core::projection::month::YearMonth::of_instant(chrono::Utc::now());
    assert_eq!(
        plain(&g.get_report_month()),
        format!("{}년 {}월", month.year, month.month)
    );
    let lines: Vec<(String, Vec<String>)> = g
        .get_report_lines()
        .iter()
        .map(|l| {
            (
                plain(&l.course),
                l.figures.iter().map(|f| plain(&f)).collect(),
            )
        })
        .collect();
    let course = lines
        .iter()
        .find(|(c, _)| c == "디지털 지역활동가 양성")
        .unwrap_or_else(|| panic!("{lines:?}"));
    assert_eq!(&course.1[..2], ["1", "3"], "sessions, learners: {course:?}");
    assert_eq!(lines.last().map(|l| l.0.as_str()), Some("합계"));
    let month = month.to_string();

    k.tap("USB로 내보내기");
    let file = out.join(format!("report-{month}.csv"));
    let bytes = std::fs::read(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "UTF-8 with BOM");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let row = text
        .lines()
        .find(|l| l.contains("디지털 지역활동가 양성"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(
        row.starts_with(&format!("{month},디지털 지역활동가 양성,1,3,")),
        "month, course, sessions 1, learners 3: {row}"
    );
    assert!(
        plain(&g.get_message()).contains("report-"),
        "the saved file is named"
    );
    // The month before has nothing.
    g.invoke_report_month_step(-1);
    assert_eq!(
        g.get_report_lines().row_count(),
        0,
        "an empty month has no table rows"
    );
}

#[test]
fn in_instructor_mode_the_text_size_button_stops_at_150_percent() {
    let k = kiosk(false);
    k.enter_instructor_mode(PIN);
    let label = || plain(&k.app.global::<kiosk::ui::Settings>().get_text_size_label());
    assert_eq!(label(), "글자 크기 100%");
    k.tap("글자 크기 100%");
    assert_eq!(label(), "글자 크기 150%");
    k.tap("글자 크기 150%");
    assert_eq!(
        label(),
        "글자 크기 100%",
        "no 200 % that would look like 150 %"
    );
}
