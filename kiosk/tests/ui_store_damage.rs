//! The window opens a store without waiting for its check (a full read of the file); the
//! journal thread checks it while the first frame is drawn. A damaged store must then
//! stop the kiosk plainly: a notice over every screen, and nothing more written.

mod common;

use std::time::Instant;

use baeumteo_core::event::EventBody;
use kiosk::store::Store;
use kiosk::ui::Nav;
use slint::ComponentHandle;

#[test]
fn a_store_found_damaged_after_the_window_opened_covers_every_screen_and_records_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let learner = {
        let mut store = Store::open_in(dir.path()).unwrap();
        common::seed_center(&mut store);
        let learner = common::register(&mut store, "김순자", "flower");
        let at = chrono::Utc::now();
        let steps = (0..3000)
            .map(|n| {
                let body = EventBody::StepCompleted {
                    learner_id: learner,
                    course_id: "c".into(),
                    lesson_id: "l".into(),
                    step_id: format!("s{n}"),
                };
                (body, at)
            })
            .collect();
        store.append_many(steps).unwrap();
        // The projection snapshot is written last: its pages end the file.
        store.save_current_projections().unwrap();
        store
            .conn()
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
            .unwrap();
        learner
    };
    // Garbage over the last pages of the file (the projection snapshot, which the first
    // screen does not read): the window opens, and only the full check sees the damage.
    let path = dir.path().join("kiosk.sqlite3");
    let mut bytes = std::fs::read(&path).unwrap();
    let end = bytes.len();
    for b in &mut bytes[end - 16 * 1024..end] {
        *b = 0x5a;
    }
    std::fs::write(&path, bytes).unwrap();

    i_slint_backend_testing::init_no_event_loop();
    let k = common::open(dir, &common::fixture_courses(), learner);
    assert!(k.has("시작하기"), "the window came up before the check");
    k.wait_for("the journal's check", || {
        k.ctx.borrow().services.journal.damage().is_some()
    });
    kiosk::ui::connect_shell::tick(&k.app, &k.ctx, Instant::now());
    let detail = k.app.global::<Nav>().get_store_damage();
    assert!(detail.contains("damaged"), "{detail}");
    assert!(k.has("이 키오스크의 기록 파일이 손상되었어요"));
    k.ctx.borrow_mut().record(EventBody::HelpRequested {
        learner_id: None,
        course_id: None,
        lesson_id: None,
        step_id: None,
    });
    assert_eq!(
        k.ctx.borrow().services.journal.query(|_| ()),
        None,
        "no job runs on a damaged store"
    );
}
