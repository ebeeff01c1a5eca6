//! One broken-course fixture for every problem the validator knows, each asserting the
//! reported file, line and message. Fixtures start from a clean course and break one
//! thing, so each test shows exactly what it guards.

use std::fs;
use std::path::{Path, PathBuf};

use baeumteo_core::course::{Gesture, Problem, StepKind, check_courses, load_courses};

const ASSETS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/assets");

const COURSE: &str = r#"id = "demo"
title = "화면 누르기"
summary = "처음 배우는 분을 위한 수업"
level = "기초"
minutes = 10
version = 1
lessons = ["one"]
"#;

const LESSON: &str = r#"title = "첫 수업"
summary = "누르는 법을 배웠습니다."
minutes = 5

[[steps]]
id = "intro"
kind = "slide"
text = "안녕하세요."
image = "images/tiny.png"
narration = "audio/beep.ogg"

[[steps]]
id = "q"
kind = "quiz"
question = "어느 것을 누를까요?"
choices = ["빨강", "파랑"]
answer = "파랑"
right = "맞아요."
wrong = "다시 해 보세요."

[[steps]]
id = "swipe"
kind = "gesture"
gesture = "swipe"
direction = "left"
text = "왼쪽으로 밀어 보세요."

[[steps]]
id = "drag"
kind = "gesture"
gesture = "drag"
target = "휴지통"
text = "사진을 휴지통으로 옮겨 보세요."

[[steps]]
id = "sim"
kind = "simulation"
text = "포장을 누르세요."
image = "images/screen.svg"

[[steps.hotspots]]
label = "포장"
x = 0.5
y = 0.5
w = 0.4
h = 0.4
correct = true

[[steps]]
id = "type"
kind = "typing"
text = "안녕을 써 보세요."
phrase = "안녕"
"#;

struct Fixture {
    dir: tempfile::TempDir,
}

impl Fixture {
    /// A courses folder holding one clean course, `demo`.
    fn new() -> Fixture {
        let f = Fixture {
            dir: tempfile::tempdir().unwrap(),
        };
        f.write("demo/course.toml", COURSE);
        f.write("demo/lessons/one.toml", LESSON);
        for (from, to) in [
            ("tiny.png", "demo/images/tiny.png"),
            ("screen.svg", "demo/images/screen.svg"),
            ("beep.ogg", "demo/audio/beep.ogg"),
        ] {
            let to = f.path(to);
            fs::create_dir_all(to.parent().unwrap()).unwrap();
            fs::copy(Path::new(ASSETS).join(from), to).unwrap();
        }
        f
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    fn write(&self, rel: &str, content: impl AsRef<[u8]>) {
        let p = self.path(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, content).unwrap();
    }

    /// Replaces the first occurrence of `from` in a file.
    fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = fs::read_to_string(self.path(rel)).unwrap();
        assert!(text.contains(from), "fixture text `{from}` not in {rel}");
        self.write(rel, text.replacen(from, to, 1));
    }

    fn problems(&self) -> Vec<Problem> {
        check_courses(self.dir.path()).problems
    }

    /// Asserts there is exactly one problem, in `rel` at `line`, whose message contains
    /// `message`.
    fn expect_one(&self, rel: &str, line: usize, message: &str) -> Problem {
        let problems = self.problems();
        assert_eq!(problems.len(), 1, "expected one problem, got {problems:#?}");
        let p = problems.into_iter().next().unwrap();
        assert_eq!(p.path, self.path(rel), "{p}");
        assert_eq!(p.line, line, "{p}");
        assert!(
            p.message.contains(message),
            "`{}` lacks `{message}`",
            p.message
        );
        p
    }
}

#[test]
fn a_clean_course_loads_with_every_step_kind_and_resolved_assets() {
    let f = Fixture::new();
    let set = load_courses(f.dir.path());
    assert_eq!(set.problems, vec![]);
    let course = &set.courses[0];
    let steps = &course.lessons[0].steps;
    let kinds: Vec<_> = steps.iter().map(|s| s.kind_name()).collect();
    assert_eq!(
        kinds,
        [
            "slide",
            "quiz",
            "gesture",
            "gesture",
            "simulation",
            "typing"
        ]
    );
    assert_eq!(steps[0].narration, Some(f.path("demo/audio/beep.ogg")));
    assert!(matches!(&steps[1].kind, StepKind::Quiz { answer: 1, .. }));
    assert!(matches!(
        &steps[3].kind,
        StepKind::Gesture { gesture: Gesture::Drag { target }, .. } if target == "휴지통"
    ));
}

#[test]
fn a_toml_syntax_error_is_reported_at_its_line() {
    let f = Fixture::new();
    f.edit("demo/lessons/one.toml", "kind = \"quiz\"", "kind = \"quiz");
    f.expect_one("demo/lessons/one.toml", 14, "TOML syntax error");
}

#[test]
fn an_unknown_key_is_reported_at_the_key() {
    let f = Fixture::new();
    f.edit(
        "demo/lessons/one.toml",
        "text = \"안녕하세요.\"",
        "txet = \"안녕하세요.\"",
    );
    // The misspelt key is unknown, and the real one is missing.
    let problems = f.problems();
    assert_eq!(problems.len(), 2, "{problems:#?}");
    let unknown = problems
        .iter()
        .find(|p| p.message.contains("unknown field `txet`"))
        .unwrap();
    assert_eq!((unknown.line, unknown.column), (8, 1));
    let missing = problems
        .iter()
        .find(|p| p.message.contains("missing field `text`"))
        .unwrap();
    assert_eq!(missing.line, 5, "reported at the step's [[steps]] header");
}

#[test]
fn an_unknown_key_in_course_toml_is_reported() {
    let f = Fixture::new();
    f.edit(
        "demo/course.toml",
        "version = 1\n",
        "version = 1\nauthor = \"누구\"\n",
    );
    f.expect_one(
        "demo/course.toml",
        7,
        "unknown field `author` in course.toml",
    );
}

#[test]
fn a_missing_field_is_reported() {
    let f = Fixture::new();
    f.edit(
        "demo/course.toml",
        "summary = \"처음 배우는 분을 위한 수업\"\n",
        "",
    );
    f.expect_one("demo/course.toml", 1, "missing field `summary`");
}

#[test]
fn a_mistyped_field_is_reported_at_its_value() {
    let f = Fixture::new();
    f.edit("demo/course.toml", "minutes = 10", "minutes = \"열\"");
    let p = f.expect_one(
        "demo/course.toml",
        5,
        "field `minutes` in course.toml must be a whole number, found string",
    );
    assert_eq!(p.column, 11);
}

#[test]
fn a_mistyped_level_is_reported() {
    let f = Fixture::new();
    f.edit("demo/course.toml", "level = \"기초\"", "level = \"쉬움\"");
    f.expect_one("demo/course.toml", 4, "level must be 기초, 생활 or 심화");
}

#[test]
fn a_duplicate_lesson_id_is_reported() {
    let f = Fixture::new();
    f.edit(
        "demo/course.toml",
        "lessons = [\"one\"]",
        "lessons = [\"one\", \"one\"]",
    );
    let p = f.expect_one("demo/course.toml", 7, "duplicate lesson id `one`");
    assert_eq!(p.column, 19);
}

#[test]
fn a_duplicate_step_id_is_reported() {
    let f = Fixture::new();
    f.edit("demo/lessons/one.toml", "id = \"q\"", "id = \"intro\"");
    f.expect_one("demo/lessons/one.toml", 13, "duplicate step id `intro`");
}

#[test]
fn a_duplicate_course_id_is_reported_on_the_second_course() {
    let f = Fixture::new();
    f.write("zz-copy/course.toml", COURSE);
    f.write(
        "zz-copy/lessons/one.toml",
        LESSON
            .replace("image = \"images/tiny.png\"\n", "")
            .replace("narration = \"audio/beep.ogg\"\n", "")
            .replace("image = \"images/screen.svg\"\n", ""),
    );
    let p = f.expect_one("zz-copy/course.toml", 1, "duplicate course id `demo`");
    assert!(p.message.contains("demo/course.toml"));
    assert_eq!(
        load_courses(f.dir.path()).courses.len(),
        1,
        "the first one still loads"
    );
}

#[test]
fn a_missing_lesson_file_is_reported_where_the_lesson_is_named() {
    let f = Fixture::new();
    f.edit(
        "demo/course.toml",
        "lessons = [\"one\"]",
        "lessons = [\"one\", \"two\"]",
    );
    f.expect_one(
        "demo/course.toml",
        7,
        "lesson file lessons/two.toml of lesson `two` not found",
    );
}

#[test]
fn an_empty_lesson_file_is_reported() {
    let f = Fixture::new();
    f.write("demo/lessons/one.toml", "\n  \n");
    f.expect_one("demo/lessons/one.toml", 1, "lesson file is empty");
}

#[test]
fn a_lesson_file_that_is_not_utf8_is_reported_at_the_bad_byte() {
    let f = Fixture::new();
    let mut bytes = b"title = \"a\"\nsummary = \"".to_vec();
    bytes.extend_from_slice(&[0xc7, 0xd1, 0xb1, 0xdb]); // "한글" in EUC-KR
    bytes.extend_from_slice(b"\"\n");
    f.write("demo/lessons/one.toml", bytes);
    let p = f.expect_one("demo/lessons/one.toml", 2, "not valid UTF-8");
    assert_eq!(p.column, 12);
}

#[test]
fn a_missing_image_is_reported_at_its_field() {
    let f = Fixture::new();
    fs::remove_file(f.path("demo/images/tiny.png")).unwrap();
    f.expect_one(
        "demo/lessons/one.toml",
        9,
        "`image` file `images/tiny.png`: file not found",
    );
}

#[test]
fn an_image_that_does_not_decode_is_reported() {
    let f = Fixture::new();
    f.write("demo/images/tiny.png", b"\x89PNG\r\n\x1a\n truncated");
    f.expect_one("demo/lessons/one.toml", 9, "does not decode as PNG");
}

#[test]
fn a_missing_narration_file_is_reported() {
    let f = Fixture::new();
    fs::remove_file(f.path("demo/audio/beep.ogg")).unwrap();
    f.expect_one(
        "demo/lessons/one.toml",
        10,
        "`narration` file `audio/beep.ogg`: file not found",
    );
}

#[test]
fn a_step_or_quiz_feedback_that_is_not_read_aloud_is_a_warning_and_the_course_still_loads() {
    let f = Fixture::new();
    let set = check_courses(f.dir.path());
    assert_eq!(set.problems, vec![]);
    assert_eq!(set.courses.len(), 1, "warnings never keep a course out");
    let lesson = f.path("demo/lessons/one.toml");
    let at: Vec<(usize, &str)> = set
        .warnings
        .iter()
        .inspect(|w| assert_eq!(w.path, lesson, "{w}"))
        .map(|w| (w.line, w.message.as_str()))
        .collect();
    // The quiz (line 13) names no narration, and neither of its feedback texts is read
    // aloud; each warning points where the missing sound belongs.
    assert!(at.contains(&(
        18,
        "the `right` feedback of step 2 (`q`) is not read aloud: add `right_narration` (scripts/narrate makes it)"
    )), "{at:#?}");
    assert!(at.contains(&(
        19,
        "the `wrong` feedback of step 2 (`q`) is not read aloud: add `wrong_narration` (scripts/narrate makes it)"
    )), "{at:#?}");
    assert!(
        at.contains(&(
            13,
            "step 2 (`q`) is not read aloud: add `narration` (scripts/narrate makes it)"
        )),
        "{at:#?}"
    );
    // Only the first step is narrated: one warning for each of the other five, plus two.
    assert_eq!(at.len(), 7, "{at:#?}");
}

#[test]
fn a_fully_narrated_quiz_has_no_warning_and_plays_its_feedback_files() {
    let f = Fixture::new();
    for name in ["q", "q-right", "q-wrong"] {
        fs::copy(
            f.path("demo/audio/beep.ogg"),
            f.path(&format!("demo/audio/{name}.ogg")),
        )
        .unwrap();
    }
    f.edit(
        "demo/lessons/one.toml",
        "wrong = \"다시 해 보세요.\"\n",
        "wrong = \"다시 해 보세요.\"\nnarration = \"audio/q.ogg\"\nright_narration = \"audio/q-right.ogg\"\nwrong_narration = \"audio/q-wrong.ogg\"\n",
    );
    let set = check_courses(f.dir.path());
    assert_eq!(set.problems, vec![]);
    assert!(
        !set.warnings.iter().any(|w| w.message.contains("`q`")),
        "{:#?}",
        set.warnings
    );
    let StepKind::Quiz {
        right_narration,
        wrong_narration,
        ..
    } = &set.courses[0].lessons[0].steps[1].kind
    else {
        panic!("step 2 is the quiz");
    };
    assert_eq!(right_narration, &Some(f.path("demo/audio/q-right.ogg")));
    assert_eq!(wrong_narration, &Some(f.path("demo/audio/q-wrong.ogg")));
}

#[test]
fn a_missing_feedback_narration_file_is_reported_at_its_field() {
    let f = Fixture::new();
    f.edit(
        "demo/lessons/one.toml",
        "wrong = \"다시 해 보세요.\"\n",
        "wrong = \"다시 해 보세요.\"\nwrong_narration = \"audio/q-wrong.ogg\"\n",
    );
    f.expect_one(
        "demo/lessons/one.toml",
        20,
        "`wrong_narration` file `audio/q-wrong.ogg`: file not found",
    );
}

#[test]
fn narration_that_does_not_decode_is_reported() {
    let f = Fixture::new();
    let ogg = fs::read(f.path("demo/audio/beep.ogg")).unwrap();
    f.write("demo/audio/beep.ogg", &ogg[..200]);
    f.expect_one("demo/lessons/one.toml", 10, "does not decode as Ogg Vorbis");
}

#[test]
fn an_asset_path_leaving_the_course_folder_is_refused() {
    let f = Fixture::new();
    f.edit(
        "demo/lessons/one.toml",
        "images/tiny.png",
        "../../etc/passwd.png",
    );
    f.expect_one(
        "demo/lessons/one.toml",
        9,
        "must be relative and stay inside the course folder",
    );
}

#[test]
fn a_quiz_answer_not_among_the_choices_is_reported() {
    let f = Fixture::new();
    f.edit(
        "demo/lessons/one.toml",
        "answer = \"파랑\"",
        "answer = \"노랑\"",
    );
    f.expect_one(
        "demo/lessons/one.toml",
        17,
        "answer `노랑` is not among the choices",
    );
}

#[test]
fn a_quiz_with_one_choice_is_reported() {
    let f = Fixture::new();
    f.edit(
        "demo/lessons/one.toml",
        "choices = [\"빨강\", \"파랑\"]",
        "choices = [\"파랑\"]",
    );
    f.expect_one(
        "demo/lessons/one.toml",
        16,
        "a quiz needs 2 to 4 choices, found 1",
    );
}

#[test]
fn a_prerequisite_that_does_not_exist_is_reported() {
    let f = Fixture::new();
    f.edit(
        "demo/course.toml",
        "lessons = [\"one\"]\n",
        "lessons = [\"one\"]\nprerequisites = [\"kakao\"]\n",
    );
    let p = f.expect_one(
        "demo/course.toml",
        8,
        "prerequisite `kakao` is not a course",
    );
    assert_eq!(p.column, 18);
    assert!(load_courses(f.dir.path()).courses.is_empty());
}

#[test]
fn a_cycle_of_prerequisites_is_reported_for_each_course_on_it() {
    let f = Fixture::new();
    f.edit(
        "demo/course.toml",
        "lessons = [\"one\"]\n",
        "lessons = [\"one\"]\nprerequisites = [\"other\"]\n",
    );
    let other = COURSE.replace("id = \"demo\"", "id = \"other\"") + "prerequisites = [\"demo\"]\n";
    f.write("other/course.toml", other);
    f.write("other/lessons/one.toml", "title = \"t\"\nsummary = \"s\"\nminutes = 1\n[[steps]]\nid = \"a\"\nkind = \"slide\"\ntext = \"가\"\n");
    let problems = f.problems();
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert_eq!(problems[0].path, f.path("demo/course.toml"));
    assert_eq!(problems[0].line, 8);
    assert!(
        problems[0].message.contains("cycle: demo → other → demo"),
        "{}",
        problems[0]
    );
    assert_eq!(problems[1].path, f.path("other/course.toml"));
    assert!(
        problems[1].message.contains("cycle: other → demo → other"),
        "{}",
        problems[1]
    );
}

#[test]
fn a_course_folder_without_course_toml_is_reported() {
    let f = Fixture::new();
    fs::create_dir_all(f.path("empty")).unwrap();
    f.expect_one("empty/course.toml", 1, "course file not found");
}

#[test]
fn a_swipe_without_direction_and_an_unknown_step_kind_are_both_reported() {
    let f = Fixture::new();
    f.edit("demo/lessons/one.toml", "direction = \"left\"\n", "");
    f.edit(
        "demo/lessons/one.toml",
        "kind = \"typing\"",
        "kind = \"video\"",
    );
    let problems = f.problems();
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(problems[0].message.contains("missing field `direction`"));
    assert_eq!(problems[1].line, 50);
    assert!(problems[1].message.contains("unknown step kind `video`"));
}

#[test]
fn a_simulation_without_a_correct_hotspot_is_reported() {
    let f = Fixture::new();
    f.edit("demo/lessons/one.toml", "correct = true\n", "");
    f.expect_one(
        "demo/lessons/one.toml",
        41,
        "has no hotspot with `correct = true`",
    );
}

#[test]
fn a_hotspot_outside_the_screen_is_reported() {
    let f = Fixture::new();
    f.edit("demo/lessons/one.toml", "w = 0.4", "w = 0.6");
    f.expect_one("demo/lessons/one.toml", 45, "reaches past the right edge");
}

#[test]
fn loading_for_use_checks_that_assets_exist_without_decoding_them() {
    let f = Fixture::new();
    f.write("demo/images/tiny.png", b"not really a png");
    assert_eq!(load_courses(f.dir.path()).courses.len(), 1);
    assert_eq!(check_courses(f.dir.path()).courses.len(), 0);
    fs::remove_file(f.path("demo/images/tiny.png")).unwrap();
    assert!(load_courses(f.dir.path()).courses.is_empty());
}

#[test]
fn a_broken_course_never_hides_the_clean_ones() {
    let f = Fixture::new();
    f.write("aa-broken/course.toml", "id = \"broken\"\n");
    let set = load_courses(f.dir.path());
    assert_eq!(set.courses.len(), 1);
    assert_eq!(set.courses[0].id, "demo");
    assert!(
        set.problems.len() >= 5,
        "every missing field is listed: {:#?}",
        set.problems
    );
    assert!(
        set.problems
            .iter()
            .all(|p| p.path == f.path("aa-broken/course.toml"))
    );
}

#[test]
fn problems_print_as_path_line_column_message() {
    let f = Fixture::new();
    f.edit(
        "demo/lessons/one.toml",
        "answer = \"파랑\"",
        "answer = \"노랑\"",
    );
    let line = f.problems()[0].to_string();
    let expected = format!(
        "{}:17:10: answer `노랑` is not among the choices",
        f.path("demo/lessons/one.toml").display()
    );
    assert_eq!(line, expected);
}

mod never_panics {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Whatever bytes a lesson file holds, the validator answers with problems.
        #[test]
        fn the_validator_never_panics_on_arbitrary_lesson_files(
            bytes in proptest::collection::vec(any::<u8>(), 0..400),
            cut in 0usize..1400,
        ) {
            let f = Fixture::new();
            f.write("demo/lessons/one.toml", &bytes);
            let _ = f.problems();
            // A clean file cut anywhere, possibly in the middle of a syllable.
            let cut = cut.min(LESSON.len());
            f.write("demo/lessons/one.toml", &LESSON.as_bytes()[..cut]);
            let _ = f.problems();
        }
    }
}
