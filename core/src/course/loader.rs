//! Loading and checking course folders. One pass both builds the typed course and
//! collects every problem, so the validator and the kiosk share one set of rules.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs;
use std::ops::Range;
use std::path::{Component, Path, PathBuf};

use toml_edit::Document;

use super::assets::{AssetKind, check_asset};
use super::reader::{Fields, Source};
use super::{
    CertificationTrack, Course, Direction, Gesture, Hotspot, Lesson, Level, Problem, Step, StepKind,
};

/// The file every course folder holds.
pub const COURSE_FILE: &str = "course.toml";
/// The folder of lesson files inside a course folder.
pub const LESSONS_DIR: &str = "lessons";

/// Every course of a folder that loaded cleanly, every problem found, and every warning:
/// something a shipped course should not have (a step or a quiz's feedback that is not
/// read aloud) but that does not keep the course from being played.
#[derive(Debug, Default)]
pub struct CourseSet {
    pub courses: Vec<Course>,
    pub problems: Vec<Problem>,
    pub warnings: Vec<Problem>,
}

impl CourseSet {
    pub fn course(&self, id: &str) -> Option<&Course> {
        self.courses.iter().find(|c| c.id == id)
    }
}

/// How deeply asset files are checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AssetCheck {
    /// Every image and narration file is decoded completely (`kiosk courses check`).
    Decode,
    /// Only that each file exists: fast enough for the kiosk's start-up.
    Exists,
}

/// Checks every course under `root`, decoding every asset, and returns every problem
/// with its file, line and column, sorted.
pub fn check_courses(root: &Path) -> CourseSet {
    load_courses_with(root, AssetCheck::Decode)
}

/// Loads every course folder under `root` for use, checking that assets exist but not
/// decoding them (that is `check_courses`' job; a start-up must stay well under a second).
pub fn load_courses(root: &Path) -> CourseSet {
    load_courses_with(root, AssetCheck::Exists)
}

/// Loads every course folder under `root`. A course with any problem is left out (and its
/// problems reported); the others load, so one broken course never hides the rest.
pub fn load_courses_with(root: &Path, assets: AssetCheck) -> CourseSet {
    let mut set = CourseSet::default();
    let entries = match fs::read_dir(root) {
        Ok(e) => e,
        Err(e) => {
            set.problems.push(Problem::at_start(
                root,
                format!("cannot read the courses folder: {e}"),
            ));
            return set;
        }
    };
    let mut dirs: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .filter(|p| {
            !p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.'))
        })
        .collect();
    dirs.sort();

    // Cross-course checks run over every course whose id could be read, even one with
    // problems of its own, so that all its problems are reported at once.
    let mut metas: Vec<Meta> = Vec::new();
    let mut courses: Vec<Option<Course>> = Vec::new();
    for dir in dirs {
        let mut problems = Vec::new();
        let (course, meta) = load_with_meta(&dir, assets, &mut problems, &mut set.warnings);
        if let Some(meta) = meta {
            metas.push(meta);
            courses.push(course.filter(|_| problems.is_empty()));
        }
        set.problems.extend(problems);
    }
    let rejected = check_set(&metas, &mut set.problems);
    set.courses = courses
        .into_iter()
        .enumerate()
        .filter(|(i, _)| !rejected.contains(i))
        .filter_map(|(_, c)| c)
        .collect();
    set.problems.sort();
    set.warnings.sort();
    set
}

/// Loads one course folder on its own (no checks against other courses). Warnings do not
/// keep a course from loading and are not returned.
pub fn load_course(dir: &Path, assets: AssetCheck) -> Result<Course, Vec<Problem>> {
    let mut problems = Vec::new();
    match load_with_meta(dir, assets, &mut problems, &mut Vec::new()) {
        (Some(course), _) if problems.is_empty() => Ok(course),
        _ => Err(problems),
    }
}

/// What cross-course checks need to point back into `course.toml`.
struct Meta {
    id: String,
    prerequisites: Vec<String>,
    path: PathBuf,
    text: String,
    id_span: Option<Range<usize>>,
    prerequisite_spans: Vec<Option<Range<usize>>>,
}

/// Duplicate ids, missing prerequisites and prerequisite cycles. Returns the indexes of
/// courses to leave out.
fn check_set(loaded: &[Meta], problems: &mut Vec<Problem>) -> HashSet<usize> {
    let mut rejected = HashSet::new();
    let mut first_by_id: HashMap<&str, usize> = HashMap::new();
    for (i, meta) in loaded.iter().enumerate() {
        if let Some(&first) = first_by_id.get(meta.id.as_str()) {
            problems.push(Problem::at_offset(
                &meta.path,
                &meta.text,
                meta.id_span.as_ref().map_or(0, |s| s.start),
                format!(
                    "duplicate course id `{}`: also used by {}",
                    meta.id,
                    loaded[first].path.display()
                ),
            ));
            rejected.insert(i);
        } else {
            first_by_id.insert(&meta.id, i);
        }
    }
    for (i, meta) in loaded.iter().enumerate() {
        for (p, span) in meta.prerequisites.iter().zip(&meta.prerequisite_spans) {
            if !first_by_id.contains_key(p.as_str()) {
                problems.push(Problem::at_offset(
                    &meta.path,
                    &meta.text,
                    span.as_ref().map_or(0, |s| s.start),
                    format!("prerequisite `{p}` is not a course"),
                ));
                rejected.insert(i);
            }
        }
    }
    // A course is on a cycle when following prerequisites from it leads back to it.
    let graph: BTreeMap<&str, Vec<&str>> = first_by_id
        .iter()
        .map(|(id, &i)| {
            let deps = loaded[i].prerequisites.iter().map(String::as_str).collect();
            (*id, deps)
        })
        .collect();
    for (id, &i) in &first_by_id {
        if let Some(path) = cycle_through(&graph, id) {
            let meta = &loaded[i];
            let next = path[1];
            let at = meta
                .prerequisites
                .iter()
                .position(|p| p == next)
                .and_then(|k| meta.prerequisite_spans[k].clone());
            problems.push(Problem::at_offset(
                &meta.path,
                &meta.text,
                at.map_or(0, |s| s.start),
                format!("prerequisites form a cycle: {}", path.join(" → ")),
            ));
            rejected.insert(i);
        }
    }
    rejected
}

/// The shortest path `start → … → start` along prerequisites, if there is one.
fn cycle_through<'a>(
    graph: &BTreeMap<&'a str, Vec<&'a str>>,
    start: &'a str,
) -> Option<Vec<&'a str>> {
    let mut previous: HashMap<&str, &str> = HashMap::new();
    let mut queue = std::collections::VecDeque::from([start]);
    while let Some(node) = queue.pop_front() {
        for &next in graph.get(node).into_iter().flatten() {
            if next == start {
                let mut path = vec![start];
                let mut cur = node;
                while cur != start {
                    path.push(cur);
                    cur = previous[cur];
                }
                path.push(start);
                let n = path.len();
                path[1..n - 1].reverse();
                return Some(path);
            }
            if !previous.contains_key(next) && graph.contains_key(next) {
                previous.insert(next, node);
                queue.push_back(next);
            }
        }
    }
    None
}

/// Reads a text file the way the validator wants: missing, empty and not-UTF-8 files are
/// problems with a location, never panics.
fn read_text(path: &Path, problems: &mut Vec<Problem>, what: &str) -> Option<String> {
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            problems.push(Problem::at_start(path, format!("{what} not found")));
            return None;
        }
        Err(e) => {
            problems.push(Problem::at_start(path, format!("cannot read {what}: {e}")));
            return None;
        }
    };
    match String::from_utf8(bytes) {
        Ok(text) if text.trim().is_empty() => {
            problems.push(Problem::at_start(path, format!("{what} is empty")));
            None
        }
        Ok(text) => Some(text),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
            problems.push(Problem::at_offset(
                path,
                &prefix,
                valid,
                format!("{what} is not valid UTF-8"),
            ));
            None
        }
    }
}

fn parse_toml(path: &Path, text: &str, problems: &mut Vec<Problem>) -> Option<Document<String>> {
    match Document::parse(text.to_string()) {
        Ok(doc) => Some(doc),
        Err(e) => {
            let message = e.message().trim().replace('\n', " ");
            problems.push(Problem::at_offset(
                path,
                text,
                e.span().map_or(0, |s| s.start),
                format!("TOML syntax error: {message}"),
            ));
            None
        }
    }
}

fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

fn load_with_meta(
    dir: &Path,
    assets: AssetCheck,
    problems: &mut Vec<Problem>,
    warnings: &mut Vec<Problem>,
) -> (Option<Course>, Option<Meta>) {
    let path = dir.join(COURSE_FILE);
    let Some(text) = read_text(&path, problems, "course file") else {
        return (None, None);
    };
    let Some(doc) = parse_toml(&path, &text, problems) else {
        return (None, None);
    };
    let mut src = Source {
        path: &path,
        text: &text,
        problems,
        warnings,
        decode_assets: assets == AssetCheck::Decode,
    };
    let root = doc.as_table();
    let mut f = Fields::new(root, None, "course.toml");

    let id = f.req_str(&mut src, "id");
    let id_span = f.value_span("id");
    if let Some(id) = &id
        && !is_valid_id(id)
    {
        src.report(
            id_span.clone(),
            format!("course id `{id}` may hold only a-z, 0-9, - and _"),
        );
    }
    let title = f.req_str(&mut src, "title");
    let summary = f.req_str(&mut src, "summary");
    let level = f.req_str(&mut src, "level").and_then(|l| {
        let level = Level::from_korean(&l);
        if level.is_none() {
            src.report(
                f.value_span("level"),
                format!("level must be 기초, 생활 or 심화, found `{l}`"),
            );
        }
        level
    });
    let minutes = f.req_u32(&mut src, "minutes");
    let version = f.req_u32(&mut src, "version");
    if version == Some(0) {
        src.report(f.value_span("version"), "version must be 1 or more");
    }
    let lesson_ids = f.req_str_list(&mut src, "lessons").unwrap_or_default();
    if f.value_span("lessons").is_some() && lesson_ids.is_empty() && src.problems.is_empty() {
        src.report(
            f.value_span("lessons"),
            "a course needs at least one lesson",
        );
    }
    let prerequisites = f
        .opt_str_list(&mut src, "prerequisites")
        .unwrap_or_default();
    for (p, span) in &prerequisites {
        if Some(p) == id.as_ref() {
            src.report(
                span.clone(),
                format!("course `{p}` cannot be its own prerequisite"),
            );
        }
    }
    let certification = f
        .opt_table(&mut src, "certification")
        .and_then(|t| read_certification(t, &lesson_ids, &mut src));
    f.finish(&mut src);

    let mut seen = HashSet::new();
    let mut lessons = Vec::new();
    for (lesson_id, span) in &lesson_ids {
        if !is_valid_id(lesson_id) {
            src.report(
                span.clone(),
                format!("lesson id `{lesson_id}` may hold only a-z, 0-9, - and _"),
            );
            continue;
        }
        if !seen.insert(lesson_id.clone()) {
            src.report(span.clone(), format!("duplicate lesson id `{lesson_id}`"));
            continue;
        }
        let lesson_path = dir.join(LESSONS_DIR).join(format!("{lesson_id}.toml"));
        if !lesson_path.exists() {
            src.report(
                span.clone(),
                format!(
                    "lesson file {LESSONS_DIR}/{lesson_id}.toml of lesson `{lesson_id}` not found"
                ),
            );
            continue;
        }
        if let Some(lesson) = load_lesson(
            dir,
            lesson_id,
            &lesson_path,
            assets,
            src.problems,
            src.warnings,
        ) {
            lessons.push(lesson);
        }
    }

    let prerequisite_ids: Vec<String> = prerequisites.iter().map(|(p, _)| p.clone()).collect();
    let course = (|| {
        Some(Course {
            id: id.clone()?,
            title: title?,
            summary: summary?,
            level: level?,
            minutes: minutes?,
            version: version?,
            prerequisites: prerequisite_ids.clone(),
            lessons,
            certification,
            dir: dir.to_path_buf(),
        })
    })();
    let meta = id.map(|id| Meta {
        id,
        prerequisites: prerequisite_ids,
        path: path.clone(),
        id_span,
        prerequisite_spans: prerequisites.into_iter().map(|(_, s)| s).collect(),
        text,
    });
    (course, meta)
}

fn read_certification(
    mut t: Fields<'_>,
    lesson_ids: &[(String, Option<Range<usize>>)],
    src: &mut Source,
) -> Option<CertificationTrack> {
    let required_hours = t.req_u32(src, "required_hours");
    let check_lessons = |t: &mut Fields, key: &'static str, src: &mut Source| {
        let list = t.opt_str_list(src, key).unwrap_or_default();
        for (l, span) in &list {
            if !lesson_ids.iter().any(|(id, _)| id == l) {
                src.report(
                    span.clone(),
                    format!("`{key}` names `{l}`, which is not a lesson of this course"),
                );
            }
        }
        list.into_iter().map(|(l, _)| l).collect::<Vec<_>>()
    };
    let required_lessons = check_lessons(&mut t, "required_lessons", src);
    let assessments = check_lessons(&mut t, "assessments", src);
    let pass_percent = t.opt_u32(src, "pass_percent").unwrap_or(80);
    if pass_percent > 100 {
        src.report(
            t.value_span("pass_percent"),
            "pass_percent must be at most 100",
        );
    }
    t.finish(src);
    Some(CertificationTrack {
        required_hours: required_hours?,
        required_lessons,
        assessments,
        pass_percent,
    })
}

fn load_lesson(
    course_dir: &Path,
    lesson_id: &str,
    path: &Path,
    assets: AssetCheck,
    problems: &mut Vec<Problem>,
    warnings: &mut Vec<Problem>,
) -> Option<Lesson> {
    let text = read_text(path, problems, "lesson file")?;
    let doc = parse_toml(path, &text, problems)?;
    let before = problems.len();
    let mut src = Source {
        path,
        text: &text,
        problems,
        warnings,
        decode_assets: assets == AssetCheck::Decode,
    };
    let mut f = Fields::new(doc.as_table(), None, format!("lesson `{lesson_id}`"));
    let title = f.req_str(&mut src, "title");
    let summary = f.req_str(&mut src, "summary");
    let minutes = f.req_u32(&mut src, "minutes");
    let step_tables = f.table_list(&mut src, "steps", "step");
    let steps_span = f.value_span("steps");
    f.finish(&mut src);
    let step_tables = match step_tables {
        Some(s) if !s.is_empty() => s,
        Some(_) => {
            src.report(steps_span, format!("lesson `{lesson_id}` has no steps"));
            Vec::new()
        }
        None => {
            src.report(
                None,
                format!("lesson `{lesson_id}` has no steps (add [[steps]] tables)"),
            );
            Vec::new()
        }
    };
    let mut ids = HashSet::new();
    let mut steps = Vec::new();
    for t in step_tables {
        if let Some(step) = read_step(course_dir, t, &mut ids, &mut src) {
            steps.push(step);
        }
    }
    let clean = src.problems.len() == before;
    clean.then(|| Lesson {
        id: lesson_id.to_string(),
        title: title.unwrap_or_default(),
        summary: summary.unwrap_or_default(),
        minutes: minutes.unwrap_or_default(),
        steps,
    })
}

fn read_step(
    course_dir: &Path,
    mut f: Fields<'_>,
    ids: &mut HashSet<String>,
    src: &mut Source,
) -> Option<Step> {
    let id = f.req_str(src, "id");
    if let Some(id) = &id {
        f.rename(format!("{} (`{id}`)", f.what()));
        if !is_valid_id(id) {
            src.report(
                f.value_span("id"),
                format!("step id `{id}` may hold only a-z, 0-9, - and _"),
            );
        } else if !ids.insert(id.clone()) {
            src.report(f.value_span("id"), format!("duplicate step id `{id}`"));
        }
    }
    let narration = asset(course_dir, &mut f, src, "narration", AssetKind::Audio);
    if !f.has("narration") {
        src.warn(
            f.value_span("id"),
            format!(
                "{} is not read aloud: add `narration` (scripts/narrate makes it)",
                f.what()
            ),
        );
    }
    let kind_name = f.req_str(src, "kind");
    let kind = match kind_name.as_deref() {
        Some("slide") => read_slide(course_dir, &mut f, src),
        Some("quiz") => read_quiz(course_dir, &mut f, src),
        Some("gesture") => read_gesture(&mut f, src),
        Some("simulation") => read_simulation(course_dir, &mut f, src),
        Some("typing") => read_typing(&mut f, src),
        Some(other) => {
            src.report(
                f.value_span("kind"),
                format!(
                    "unknown step kind `{other}` in {} (use slide, quiz, gesture, simulation or typing)",
                    f.what()
                ),
            );
            // Which keys are unknown depends on the kind, so stop here.
            return None;
        }
        None => return None,
    };
    f.finish(src);
    Some(Step {
        id: id?,
        narration,
        kind: kind?,
    })
}

/// An optional asset path: relative, inside the course folder, and decodable.
fn asset(
    course_dir: &Path,
    f: &mut Fields<'_>,
    src: &mut Source,
    key: &'static str,
    kind: AssetKind,
) -> Option<PathBuf> {
    let rel = f.opt_str(src, key)?;
    let rel_path = Path::new(&rel);
    if rel_path.is_absolute()
        || rel_path
            .components()
            .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir))
    {
        src.report(
            f.value_span(key),
            format!("`{key}` path `{rel}` must be relative and stay inside the course folder"),
        );
        return None;
    }
    let full = course_dir.join(rel_path);
    let checked = if src.decode_assets {
        check_asset(&full, kind)
    } else if full.is_file() {
        Ok(())
    } else {
        Err("file not found".to_string())
    };
    if let Err(e) = checked {
        src.report(f.value_span(key), format!("`{key}` file `{rel}`: {e}"));
        return None;
    }
    Some(full)
}

fn read_slide(course_dir: &Path, f: &mut Fields<'_>, src: &mut Source) -> Option<StepKind> {
    let text = f.req_str(src, "text");
    let image = asset(course_dir, f, src, "image", AssetKind::Image);
    Some(StepKind::Slide { text: text?, image })
}

fn read_quiz(course_dir: &Path, f: &mut Fields<'_>, src: &mut Source) -> Option<StepKind> {
    let question = f.req_str(src, "question");
    let image = asset(course_dir, f, src, "image", AssetKind::Image);
    let choices = f.req_str_list(src, "choices");
    let answer = f.req_str(src, "answer");
    let right = f.req_str(src, "right");
    let wrong = f.req_str(src, "wrong");
    let right_narration = asset(course_dir, f, src, "right_narration", AssetKind::Audio);
    let wrong_narration = asset(course_dir, f, src, "wrong_narration", AssetKind::Audio);
    for (key, text) in [("right_narration", "right"), ("wrong_narration", "wrong")] {
        if !f.has(key) {
            src.warn(
                f.value_span(text),
                format!(
                    "the `{text}` feedback of {} is not read aloud: add `{key}` (scripts/narrate makes it)",
                    f.what()
                ),
            );
        }
    }
    let choices: Vec<String> = choices?.into_iter().map(|(c, _)| c).collect();
    if !(2..=4).contains(&choices.len()) {
        src.report(
            f.value_span("choices"),
            format!("a quiz needs 2 to 4 choices, found {}", choices.len()),
        );
        return None;
    }
    let mut unique = HashSet::new();
    if let Some(dup) = choices.iter().find(|c| !unique.insert(c.as_str())) {
        src.report(
            f.value_span("choices"),
            format!("choice `{dup}` appears twice"),
        );
        return None;
    }
    let answer = answer?;
    let Some(index) = choices.iter().position(|c| *c == answer) else {
        src.report(
            f.value_span("answer"),
            format!("answer `{answer}` is not among the choices"),
        );
        return None;
    };
    Some(StepKind::Quiz {
        question: question?,
        image,
        choices,
        answer: index,
        right: right?,
        wrong: wrong?,
        right_narration,
        wrong_narration,
    })
}

fn read_gesture(f: &mut Fields<'_>, src: &mut Source) -> Option<StepKind> {
    let text = f.req_str(src, "text");
    let hint = f.opt_str(src, "hint");
    let name = f.req_str(src, "gesture");
    let gesture = match name.as_deref() {
        Some("tap") => Some(Gesture::Tap),
        Some("long-press") => Some(Gesture::LongPress),
        Some("swipe") => {
            let dir = f.req_str(src, "direction");
            let d = match dir.as_deref() {
                Some("left") => Some(Direction::Left),
                Some("right") => Some(Direction::Right),
                Some("up") => Some(Direction::Up),
                Some("down") => Some(Direction::Down),
                Some(other) => {
                    src.report(
                        f.value_span("direction"),
                        format!("direction must be left, right, up or down, found `{other}`"),
                    );
                    None
                }
                None => None,
            };
            d.map(Gesture::Swipe)
        }
        Some("drag") => f
            .req_str(src, "target")
            .map(|target| Gesture::Drag { target }),
        Some(other) => {
            src.report(
                f.value_span("gesture"),
                format!("gesture must be tap, long-press, swipe or drag, found `{other}`"),
            );
            None
        }
        None => None,
    };
    Some(StepKind::Gesture {
        text: text?,
        gesture: gesture?,
        hint,
    })
}

fn read_simulation(course_dir: &Path, f: &mut Fields<'_>, src: &mut Source) -> Option<StepKind> {
    let text = f.req_str(src, "text");
    let screen_title = f.opt_str(src, "screen_title");
    let image = asset(course_dir, f, src, "image", AssetKind::Image);
    let hint = f.opt_str(src, "hint");
    let tables = f.table_list(src, "hotspots", "hotspot");
    let hotspots_span = f.value_span("hotspots");
    let Some(tables) = tables else {
        src.report(f.span(), format!("{} needs [[steps.hotspots]]", f.what()));
        return None;
    };
    let mut hotspots = Vec::new();
    let mut ok = true;
    for mut h in tables {
        let label = h.req_str(src, "label");
        let (x, y, w, hh) = (
            h.req_fraction(src, "x"),
            h.req_fraction(src, "y"),
            h.req_fraction(src, "w"),
            h.req_fraction(src, "h"),
        );
        let correct = h.opt_bool(src, "correct").unwrap_or(false);
        let hint = h.opt_str(src, "hint");
        if let (Some(x), Some(w)) = (x, w)
            && x + w > 1.0001
        {
            src.report(
                h.value_span("w"),
                format!("{} reaches past the right edge (x + w > 1)", h.what()),
            );
            ok = false;
        }
        if let (Some(y), Some(hh)) = (y, hh)
            && y + hh > 1.0001
        {
            src.report(
                h.value_span("h"),
                format!("{} reaches past the bottom edge (y + h > 1)", h.what()),
            );
            ok = false;
        }
        let span = h.span();
        h.finish(src);
        match (label, x, y, w, hh) {
            (Some(label), Some(x), Some(y), Some(w), Some(hh)) => hotspots.push(Hotspot {
                label,
                x,
                y,
                w,
                h: hh,
                correct,
                hint,
            }),
            _ => {
                let _ = span;
                ok = false;
            }
        }
    }
    if ok && !hotspots.iter().any(|h| h.correct) {
        src.report(
            hotspots_span,
            format!("{} has no hotspot with `correct = true`", f.what()),
        );
        ok = false;
    }
    if !ok {
        return None;
    }
    Some(StepKind::Simulation {
        text: text?,
        screen_title,
        image,
        hint,
        hotspots,
    })
}

fn read_typing(f: &mut Fields<'_>, src: &mut Source) -> Option<StepKind> {
    let text = f.req_str(src, "text");
    let phrase = f.req_str(src, "phrase");
    if let Some(p) = &phrase {
        let typable = p.chars().all(|c| {
            c == ' ' || ('가'..='힣').contains(&c) || c.is_ascii_digit() || ".,?!".contains(c)
        });
        if !typable {
            src.report(
                f.value_span("phrase"),
                format!("phrase `{p}` must be complete Hangul syllables, digits, spaces and . , ? ! only"),
            );
            return None;
        }
    }
    Some(StepKind::Typing {
        text: text?,
        phrase: phrase?,
    })
}
