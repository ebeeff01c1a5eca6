//! The course format: a folder `courses/<id>/` with `course.toml` and one TOML file per
//! lesson under `lessons/`. See `docs/course-format.md` for the author's view.

mod assets;
mod loader;
mod problem;
mod reader;

use std::path::PathBuf;

pub use loader::{
    AssetCheck, CourseSet, check_courses, load_course, load_courses, load_courses_with,
};
pub use problem::Problem;

/// A course as the kiosk plays it. Built only by the loader, which has checked it.
#[derive(Debug, Clone, PartialEq)]
pub struct Course {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub level: Level,
    pub minutes: u32,
    pub version: u32,
    pub prerequisites: Vec<String>,
    pub lessons: Vec<Lesson>,
    pub certification: Option<CertificationTrack>,
    /// The course folder; every asset path below is already resolved against it.
    pub dir: PathBuf,
}

impl Course {
    pub fn lesson(&self, lesson_id: &str) -> Option<&Lesson> {
        self.lessons.iter().find(|l| l.id == lesson_id)
    }

    pub fn lesson_index(&self, lesson_id: &str) -> Option<usize> {
        self.lessons.iter().position(|l| l.id == lesson_id)
    }
}

/// The three levels of 디지털배움터 courses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// 기초
    Basic,
    /// 생활
    Everyday,
    /// 심화
    Advanced,
}

impl Level {
    pub const ALL: [Level; 3] = [Level::Basic, Level::Everyday, Level::Advanced];

    pub fn korean(self) -> &'static str {
        match self {
            Level::Basic => "기초",
            Level::Everyday => "생활",
            Level::Advanced => "심화",
        }
    }

    pub fn from_korean(s: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.korean() == s)
    }
}

/// Settings of a certification-track course (디지털 지역활동가 양성 과정).
#[derive(Debug, Clone, PartialEq)]
pub struct CertificationTrack {
    /// Attendance hours needed, counted over class sessions of this course.
    pub required_hours: u32,
    /// Lessons that must be completed.
    pub required_lessons: Vec<String>,
    /// Lessons whose quizzes form an assessment; each must be passed.
    pub assessments: Vec<String>,
    /// Share of an assessment's quiz questions answered right on the first try, in percent.
    pub pass_percent: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Lesson {
    pub id: String,
    pub title: String,
    /// What the learner has learned, shown on the lesson-complete screen.
    pub summary: String,
    pub minutes: u32,
    pub steps: Vec<Step>,
}

impl Lesson {
    pub fn step_index(&self, step_id: &str) -> Option<usize> {
        self.steps.iter().position(|s| s.id == step_id)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub id: String,
    /// Narration audio (Ogg Vorbis), resolved against the course folder.
    pub narration: Option<PathBuf>,
    pub kind: StepKind,
}

impl Step {
    /// The text that is shown as the step's main sentence and read aloud.
    pub fn spoken_text(&self) -> &str {
        match &self.kind {
            StepKind::Slide { text, .. }
            | StepKind::Gesture { text, .. }
            | StepKind::Simulation { text, .. }
            | StepKind::Typing { text, .. } => text,
            StepKind::Quiz { question, .. } => question,
        }
    }

    pub fn kind_name(&self) -> &'static str {
        match self.kind {
            StepKind::Slide { .. } => "slide",
            StepKind::Quiz { .. } => "quiz",
            StepKind::Gesture { .. } => "gesture",
            StepKind::Simulation { .. } => "simulation",
            StepKind::Typing { .. } => "typing",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum StepKind {
    Slide {
        text: String,
        image: Option<PathBuf>,
    },
    Quiz {
        question: String,
        image: Option<PathBuf>,
        choices: Vec<String>,
        /// Index into `choices`.
        answer: usize,
        right: String,
        wrong: String,
        /// `right` read aloud, played after a right answer in place of the question.
        right_narration: Option<PathBuf>,
        /// `wrong` read aloud, played after a wrong answer.
        wrong_narration: Option<PathBuf>,
    },
    Gesture {
        text: String,
        gesture: Gesture,
        /// Shown after repeated misses; a general hint is used when absent.
        hint: Option<String>,
    },
    Simulation {
        text: String,
        /// Heading of the mock screen when it is drawn as a simple layout.
        screen_title: Option<String>,
        /// The mock screen; without it the hotspots are drawn as labelled buttons.
        image: Option<PathBuf>,
        /// Gentle hint after a wrong tap; a general hint is used when absent.
        hint: Option<String>,
        hotspots: Vec<Hotspot>,
    },
    Typing {
        text: String,
        phrase: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Gesture {
    Tap,
    LongPress,
    Swipe(Direction),
    /// Drag an object onto the zone labelled `target` (the UI always offers a tap
    /// alternative: tap the object, then tap the zone).
    Drag {
        target: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Left,
    Right,
    Up,
    Down,
}

/// A tappable area of a simulated screen, in fractions (0.0–1.0) of the screen.
#[derive(Debug, Clone, PartialEq)]
pub struct Hotspot {
    pub label: String,
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
    pub correct: bool,
    /// A hint specific to tapping this wrong hotspot.
    pub hint: Option<String>,
}
