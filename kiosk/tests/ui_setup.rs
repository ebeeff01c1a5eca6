//! First-run set-up and instructor management driven by taps: a kiosk on an empty data
//! folder opens the set-up screen, the center and first instructor are typed on the
//! on-screen keyboard, a server that cannot be reached is reported and set-up finishes
//! without it; then the new PIN opens instructor mode, where an instructor is added and
//! removed again. The store holds exactly those facts.

mod common;

use baeumteo_core::event::EventBody;
use kiosk::instructor::pin::verify_pin;
use kiosk::ui::text::plain;
use kiosk::ui::{Instructor, InstructorPage, Nav, Screen, Setup, Staff, StaffMode};
use slint::ComponentHandle;

/// A kiosk on an empty data folder, as on its first start.
fn empty_kiosk() -> common::Kiosk {
    common::seeded(&common::fixture_courses(), |_| uuid::Uuid::nil())
}

fn setup_message(k: &common::Kiosk) -> String {
    plain(&k.app.global::<Setup>().get_message())
}

#[test]
fn an_empty_kiosk_is_set_up_on_the_screen_keyboard_and_its_instructor_manages_instructors() {
    let k = empty_kiosk();
    let nav = k.app.global::<Nav>();
    assert_eq!(
        nav.get_screen(),
        Screen::Setup,
        "an empty kiosk opens set-up"
    );

    // Step 1: an empty field is named.
    k.tap("다음");
    assert!(
        setup_message(&k).contains("배움터 이름"),
        "{}",
        setup_message(&k)
    );
    k.type_text("남면 디지털배움터");
    k.tap("군");
    k.type_text("배움군");
    k.tap("읍·면");
    k.type_text("남면");
    k.tap("다음");

    // Step 2: the PIN typed twice must match.
    k.type_text("박강사");
    k.tap("선생님 번호 (숫자 4~8자리)");
    k.type_text("1357");
    k.tap("선생님 번호 한 번 더");
    k.type_text("1358");
    k.tap("다음");
    assert!(
        setup_message(&k).contains("서로 다릅니다"),
        "{}",
        setup_message(&k)
    );
    k.tap("지우기");
    k.type_text("7");
    k.tap("다음");
    assert_eq!(k.app.global::<Setup>().get_step(), 2);

    // Step 3: a server nobody answers at; the failure is told, set-up is not lost.
    k.tap("서버 주소");
    assert!(
        k.app.global::<Setup>().get_latin(),
        "addresses start in 영어"
    );
    k.type_text("127.0.0.1:9");
    k.tap("등록 코드");
    k.type_text("abcd");
    k.tap("연결하고 마치기");
    let setup = k.app.global::<Setup>();
    k.wait_for("the enrollment answer", || {
        !setup.get_busy() && plain(&setup.get_message()).contains("서버에 연결하지 못했습니다")
    });
    assert_eq!(nav.get_screen(), Screen::Setup);
    assert_eq!(k.count("center_configured"), 1);
    k.tap("서버 없이 마치기");
    assert_eq!(nav.get_screen(), Screen::Welcome);
    assert_eq!(plain(&nav.get_center_name()), "남면 디지털배움터");
    let center = k.stored().into_iter().find_map(|e| match e.body {
        EventBody::CenterConfigured {
            center_name,
            county,
            township,
        } => Some((center_name, county, township)),
        _ => None,
    });
    assert_eq!(
        center,
        Some(("남면 디지털배움터".into(), "배움군".into(), "남면".into()))
    );

    // The new PIN opens instructor mode.
    k.tap("강사 모드");
    k.type_text("1357");
    k.tap("확인");
    let instructor = k.app.global::<Instructor>();
    k.wait_for("the PIN check", || {
        instructor.get_page() == InstructorPage::Menu
    });
    k.tap("선생님 관리");
    assert_eq!(instructor.get_page(), InstructorPage::Instructors);
    let staff = k.app.global::<Staff>();
    assert_eq!(slint::Model::row_count(&staff.get_rows()), 1);

    // Add an instructor: name, PIN twice.
    k.tap("선생님 추가");
    assert_eq!(staff.get_mode(), StaffMode::Add);
    k.type_text("이서포터");
    k.tap("선생님 번호 (숫자 4~8자리)");
    k.type_text("2468");
    k.tap("선생님 번호 한 번 더");
    k.type_text("2468");
    k.tap("추가하기");
    k.wait_for("the new instructor", || {
        staff.get_mode() == StaffMode::List && slint::Model::row_count(&staff.get_rows()) == 2
    });

    // Remove them again, after the confirmation (the signed-in one has no button).
    k.tap("명단에서 빼기");
    assert_eq!(staff.get_mode(), StaffMode::ConfirmRemove);
    assert!(plain(&staff.get_confirm_text()).contains("이서포터"));
    k.tap("네, 뺍니다");
    assert_eq!(staff.get_mode(), StaffMode::List);
    assert_eq!(slint::Model::row_count(&staff.get_rows()), 1);

    let events = k.stored();
    let added: Vec<_> = events
        .iter()
        .filter_map(|e| match &e.body {
            EventBody::InstructorAdded {
                instructor_id,
                name,
                pin_hash,
            } => Some((*instructor_id, name.clone(), pin_hash.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(added.len(), 2);
    assert_eq!(added[0].1, "박강사");
    assert!(verify_pin("1357", &added[0].2));
    assert_eq!(added[1].1, "이서포터");
    assert!(verify_pin("2468", &added[1].2));
    let removed: Vec<_> = events
        .iter()
        .filter_map(|e| match e.body {
            EventBody::InstructorRemoved { instructor_id } => Some(instructor_id),
            _ => None,
        })
        .collect();
    assert_eq!(removed, vec![added[1].0]);
}
