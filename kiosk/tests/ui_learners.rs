//! Instructor mode's learner records, driven through the `Instructor` global as the
//! screens' taps call it: an edit shows on the sign-in card, an erasure removes the
//! person from sign-in and their personal data from the store (the erasure itself stays,
//! waiting to be pushed), and a learner on page 3 of a 60-learner class is checked in.

mod common;

use baeumteo_core::event::EventBody;
use kiosk::store::Store;
use kiosk::ui::background::settle;
use kiosk::ui::text::plain;
use kiosk::ui::{Instructor, InstructorPage};
use slint::{ComponentHandle, Model};

fn kiosk_with(extra: usize) -> common::Kiosk {
    common::seeded(&common::fixture_courses(), |store| {
        common::seed_center(store);
        common::seed_instructor(store, "2580");
        let learner = common::register(store, "가순자", "flower");
        kiosk::screenshots::crowd(store, extra).unwrap();
        learner
    })
}

fn enter(k: &common::Kiosk) {
    k.enter_instructor_mode("2580");
}

fn sign_in_names(k: &common::Kiosk) -> Vec<String> {
    k.ctx
        .borrow()
        .services
        .roster
        .iter()
        .map(|c| c.name.clone())
        .collect()
}

#[test]
fn an_edited_name_shows_on_the_learners_sign_in_card() {
    let k = kiosk_with(0);
    enter(&k);
    let g = k.app.global::<Instructor>();
    g.invoke_go(InstructorPage::Learners);
    let row = g.get_learner_rows().row_data(0).unwrap();
    assert_eq!(plain(&row.name), "가순자");
    g.invoke_edit_learner(row.id);
    assert_eq!(g.get_page(), InstructorPage::LearnerEdit);
    // Add "희" to the name on the keyboard: 가순자 → 가순자희.
    g.invoke_focus_field(0);
    g.invoke_key("ㅎ".into());
    g.invoke_key("ㅢ".into());
    g.invoke_save_learner();
    settle();
    assert_eq!(
        g.get_page(),
        InstructorPage::Learners,
        "{}",
        plain(&g.get_message())
    );
    let updated = k
        .stored()
        .into_iter()
        .filter(|e| matches!(e.body, EventBody::LearnerUpdated { .. }))
        .count();
    assert_eq!(updated, 1);
    g.invoke_leave();
    assert!(
        sign_in_names(&k).contains(&"가순자희".to_string()),
        "{:?}",
        sign_in_names(&k)
    );
    k.app.global::<kiosk::ui::Nav>().invoke_start();
    assert!(k.has("가순자희"), "the card shows the new name");
}

#[test]
fn an_erased_learner_leaves_sign_in_and_the_store_keeps_only_the_erasure_to_push() {
    let k = kiosk_with(0);
    enter(&k);
    let g = k.app.global::<Instructor>();
    g.invoke_go(InstructorPage::Learners);
    let row = g.get_learner_rows().row_data(0).unwrap();
    g.invoke_edit_learner(row.id);
    g.invoke_ask_erase();
    assert_eq!(g.get_page(), InstructorPage::LearnerErase);
    assert!(plain(&g.get_erase_title()).contains("가순자"));
    g.invoke_confirm_erase();
    settle();
    assert_eq!(g.get_page(), InstructorPage::Learners);
    assert!(!sign_in_names(&k).contains(&"가순자".to_string()));
    let events = k.stored();
    let raw = serde_json::to_string(&events).unwrap();
    assert!(!raw.contains("가순자"), "the name is gone from the store");
    assert!(events.iter().any(|e| e.body
        == EventBody::LearnerErased {
            learner_id: k.learner
        }));
    // The sync engine pushes own events after the pushed seq: the erasure is among them.
    let store = Store::open_in(k.dir.path()).unwrap();
    let to_push = store.events_after(0, 1000).unwrap();
    assert!(
        to_push
            .iter()
            .any(|e| matches!(e.body, EventBody::LearnerErased { .. }))
    );
    g.invoke_leave();
    k.app.global::<kiosk::ui::Nav>().invoke_start();
    assert!(!k.has("가순자"));
}

#[test]
fn a_learner_on_page_3_of_a_sixty_learner_class_is_checked_in() {
    let k = kiosk_with(59);
    enter(&k);
    let g = k.app.global::<Instructor>();
    g.invoke_go(InstructorPage::Class);
    let course = g.get_courses().row_data(0).unwrap();
    g.invoke_choose_course(course.id);
    g.invoke_open_session();
    assert!(g.get_session_open());
    g.invoke_class_page_step(1);
    g.invoke_class_page_step(1);
    assert_eq!(plain(&g.get_class_page_text()), "3 / 3 쪽");
    assert!(!g.get_class_has_next());
    let rows = g.get_attendee_rows();
    let last_row = rows.row_data(rows.row_count() - 1).unwrap();
    let card = last_row
        .cards
        .row_data(last_row.cards.row_count() - 1)
        .unwrap();
    let name = plain(&card.name);
    k.tap(&name);
    let checked: Vec<_> = k
        .stored()
        .into_iter()
        .filter_map(|e| match e.body {
            EventBody::CheckedIn { learner_id, .. } => Some(learner_id.to_string()),
            _ => None,
        })
        .collect();
    assert_eq!(checked, vec![card.id.to_string()], "{name} is checked in");
}
