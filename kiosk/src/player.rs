//! The lesson player: which step is showing, what the learner did on it, and which
//! facts to record. Plain Rust, no window: the UI renders its state and writes the
//! events it returns to the store at once.

use std::collections::HashSet;
use std::path::Path;

use baeumteo_core::course::{Direction, Gesture, Lesson, Step, StepKind};
use baeumteo_core::event::{EventBody, LearnerId};

use crate::hangul::Composer;

/// Misses after which a gesture step shows its hint, and after which "다음" opens anyway
/// (nobody gets stuck on a step they cannot do yet).
pub const HINT_AFTER_MISSES: u32 = 2;
pub const NEXT_AFTER_MISSES: u32 = 3;
/// A swipe must travel this far (logical px) along its direction.
pub const SWIPE_MIN_DISTANCE: f32 = 120.0;

/// What the box under a practice says. The UI turns it into words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Feedback {
    None,
    /// The quiz's own "right" text.
    QuizRight,
    /// The quiz's own "wrong" text (try again).
    QuizWrong,
    /// A gesture or simulation step was done right.
    PracticeDone,
    /// After a miss: the course's hint when it has one, else a general one.
    Hint(Option<String>),
    TypingDone,
    /// Typing: some keys pressed, not finished yet.
    TypingKeepGoing,
}

#[derive(Debug, Clone)]
enum StepState {
    Slide,
    Quiz {
        selected: Option<usize>,
        right: bool,
        wrong: u32,
    },
    Practice {
        done: bool,
        misses: u32,
        drag_picked: bool,
    },
    Typing {
        composer: Composer,
        done: bool,
        keys: u32,
    },
}

/// Where the lesson went after "다음".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Advance {
    /// Now showing the next step.
    Step,
    /// That was the last step: the lesson is complete.
    Finished,
    /// "다음" is not open yet on this step.
    NotYet,
}

#[derive(Debug, Clone)]
pub struct LessonPlayer {
    learner: LearnerId,
    course_id: String,
    lesson: Lesson,
    index: usize,
    /// Steps completed before or during this run.
    completed: HashSet<String>,
    /// The current step's completion is already recorded in this visit.
    recorded: bool,
    state: StepState,
    feedback: Feedback,
}

impl LessonPlayer {
    /// Opens `lesson` at step `start` (clamped), knowing which steps were completed before.
    pub fn new(
        learner: LearnerId,
        course_id: &str,
        lesson: Lesson,
        start: usize,
        completed: HashSet<String>,
    ) -> LessonPlayer {
        let index = start.min(lesson.steps.len().saturating_sub(1));
        let mut p = LessonPlayer {
            learner,
            course_id: course_id.to_string(),
            lesson,
            index,
            completed,
            recorded: false,
            state: StepState::Slide,
            feedback: Feedback::None,
        };
        p.enter();
        p
    }

    pub fn lesson(&self) -> &Lesson {
        &self.lesson
    }

    pub fn course_id(&self) -> &str {
        &self.course_id
    }

    pub fn index(&self) -> usize {
        self.index
    }

    pub fn len(&self) -> usize {
        self.lesson.steps.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lesson.steps.is_empty()
    }

    pub fn step(&self) -> Option<&Step> {
        self.lesson.steps.get(self.index)
    }

    pub fn feedback(&self) -> &Feedback {
        &self.feedback
    }

    /// The audio that reads the current feedback aloud: a quiz's right or wrong text, when
    /// the course ships it. The UI plays it in place of the question's narration.
    pub fn feedback_narration(&self) -> Option<&Path> {
        let Some(StepKind::Quiz {
            right_narration,
            wrong_narration,
            ..
        }) = self.step().map(|s| &s.kind)
        else {
            return None;
        };
        match self.feedback {
            Feedback::QuizRight => right_narration.as_deref(),
            Feedback::QuizWrong => wrong_narration.as_deref(),
            _ => None,
        }
    }

    pub fn is_last(&self) -> bool {
        self.index + 1 >= self.len()
    }

    pub fn can_previous(&self) -> bool {
        self.index > 0
    }

    pub fn selected_choice(&self) -> Option<usize> {
        match &self.state {
            StepState::Quiz { selected, .. } => *selected,
            _ => None,
        }
    }

    pub fn practice_done(&self) -> bool {
        match &self.state {
            StepState::Slide => true,
            StepState::Quiz { right, .. } => *right,
            StepState::Practice { done, .. } | StepState::Typing { done, .. } => *done,
        }
    }

    pub fn drag_picked(&self) -> bool {
        matches!(
            self.state,
            StepState::Practice {
                drag_picked: true,
                ..
            }
        )
    }

    pub fn typed(&self) -> String {
        match &self.state {
            StepState::Typing { composer, .. } => composer.text(),
            _ => String::new(),
        }
    }

    /// "다음" is open: the step is done, was done before, or was tried enough times.
    pub fn can_next(&self) -> bool {
        let before = self.step().is_some_and(|s| self.completed.contains(&s.id));
        before
            || match &self.state {
                StepState::Slide => true,
                StepState::Quiz { right, wrong, .. } => *right || *wrong >= NEXT_AFTER_MISSES,
                StepState::Practice { done, misses, .. } => *done || *misses >= NEXT_AFTER_MISSES,
                StepState::Typing { done, keys, .. } => {
                    let needed = self.phrase().chars().count() as u32 * 3;
                    *done || *keys >= needed.max(30)
                }
            }
    }

    fn phrase(&self) -> &str {
        match self.step().map(|s| &s.kind) {
            Some(StepKind::Typing { phrase, .. }) => phrase,
            _ => "",
        }
    }

    fn enter(&mut self) {
        self.recorded = false;
        self.feedback = Feedback::None;
        self.state = match self.step().map(|s| &s.kind) {
            Some(StepKind::Quiz { .. }) => StepState::Quiz {
                selected: None,
                right: false,
                wrong: 0,
            },
            Some(StepKind::Gesture { .. }) | Some(StepKind::Simulation { .. }) => {
                StepState::Practice {
                    done: false,
                    misses: 0,
                    drag_picked: false,
                }
            }
            Some(StepKind::Typing { .. }) => StepState::Typing {
                composer: Composer::new(),
                done: false,
                keys: 0,
            },
            Some(StepKind::Slide { .. }) | None => StepState::Slide,
        };
    }

    fn step_event(
        &self,
        f: impl FnOnce(LearnerId, String, String, String) -> EventBody,
    ) -> Vec<EventBody> {
        match self.step() {
            Some(s) => vec![f(
                self.learner,
                self.course_id.clone(),
                self.lesson.id.clone(),
                s.id.clone(),
            )],
            None => Vec::new(),
        }
    }

    fn completed_now(&mut self) -> Vec<EventBody> {
        if self.recorded {
            return Vec::new();
        }
        self.recorded = true;
        if let Some(s) = self.step() {
            self.completed.insert(s.id.clone());
        }
        self.step_event(
            |learner_id, course_id, lesson_id, step_id| EventBody::StepCompleted {
                learner_id,
                course_id,
                lesson_id,
                step_id,
            },
        )
    }

    fn missed_now(&self) -> Vec<EventBody> {
        self.step_event(
            |learner_id, course_id, lesson_id, step_id| EventBody::StepMissed {
                learner_id,
                course_id,
                lesson_id,
                step_id,
            },
        )
    }

    /// "다음": records the step (if not yet) and moves on, or completes the lesson.
    pub fn go_next(&mut self) -> (Advance, Vec<EventBody>) {
        if !self.can_next() {
            return (Advance::NotYet, Vec::new());
        }
        let mut events = self.completed_now();
        if self.is_last() {
            events.push(EventBody::LessonCompleted {
                learner_id: self.learner,
                course_id: self.course_id.clone(),
                lesson_id: self.lesson.id.clone(),
            });
            return (Advance::Finished, events);
        }
        self.index += 1;
        self.enter();
        (Advance::Step, events)
    }

    /// "이전": shows the step before; records nothing.
    pub fn previous(&mut self) {
        if self.index > 0 {
            self.index -= 1;
            self.enter();
        }
    }

    /// Quiz: tapping an answer only selects it.
    pub fn choose(&mut self, choice: usize) {
        if let StepState::Quiz {
            selected, right, ..
        } = &mut self.state
            && !*right
        {
            *selected = Some(choice);
        }
    }

    /// Quiz: "확인" answers with the selected choice; a wrong answer can be tried again.
    pub fn check(&mut self) -> Vec<EventBody> {
        let answer = match self.step().map(|s| &s.kind) {
            Some(StepKind::Quiz { answer, .. }) => *answer,
            _ => return Vec::new(),
        };
        let StepState::Quiz {
            selected: Some(choice),
            right: false,
            ..
        } = self.state
        else {
            return Vec::new();
        };
        let correct = choice == answer;
        let mut events =
            self.step_event(
                |learner_id, course_id, lesson_id, step_id| EventBody::QuizAnswered {
                    learner_id,
                    course_id,
                    lesson_id,
                    step_id,
                    choice: choice as u32,
                    correct,
                },
            );
        if let StepState::Quiz {
            right,
            wrong,
            selected,
        } = &mut self.state
        {
            if correct {
                *right = true;
            } else {
                *wrong += 1;
                *selected = None;
            }
        }
        if correct {
            self.feedback = Feedback::QuizRight;
            events.extend(self.completed_now());
        } else {
            self.feedback = Feedback::QuizWrong;
        }
        events
    }

    /// Gesture: done right.
    pub fn practice_hit(&mut self) -> Vec<EventBody> {
        match &mut self.state {
            StepState::Practice { done, .. } if !*done => *done = true,
            _ => return Vec::new(),
        }
        self.feedback = Feedback::PracticeDone;
        self.completed_now()
    }

    /// Gesture or simulation: a try that missed, with an optional specific hint.
    fn miss(&mut self, specific: Option<String>) -> Vec<EventBody> {
        let misses = match &mut self.state {
            StepState::Practice { done, misses, .. } if !*done => {
                *misses += 1;
                *misses
            }
            _ => return Vec::new(),
        };
        let general = match self.step().map(|s| &s.kind) {
            Some(StepKind::Gesture { hint, .. }) => {
                // A gesture's own hint comes after repeated misses; first a calm "again".
                if misses >= HINT_AFTER_MISSES {
                    hint.clone()
                } else {
                    None
                }
            }
            Some(StepKind::Simulation { hint, .. }) => hint.clone(),
            _ => None,
        };
        self.feedback = Feedback::Hint(specific.or(general));
        self.missed_now()
    }

    pub fn practice_miss(&mut self) -> Vec<EventBody> {
        self.miss(None)
    }

    /// Swipe practice: a finished slide of (dx, dy) logical pixels.
    pub fn swipe(&mut self, dx: f32, dy: f32) -> Vec<EventBody> {
        let Some(StepKind::Gesture {
            gesture: Gesture::Swipe(direction),
            ..
        }) = self.step().map(|s| &s.kind)
        else {
            return Vec::new();
        };
        if swipe_matches(*direction, dx, dy) {
            self.practice_hit()
        } else {
            self.miss(None)
        }
    }

    /// Drag practice, tap alternative: the object was tapped (picked up).
    pub fn drag_pick(&mut self) {
        if let StepState::Practice {
            done: false,
            drag_picked,
            ..
        } = &mut self.state
        {
            *drag_picked = true;
        }
    }

    /// Drag practice: the object was dropped (or the zone tapped after picking).
    pub fn drag_drop(&mut self, on_target: bool) -> Vec<EventBody> {
        if on_target {
            self.practice_hit()
        } else {
            if let StepState::Practice { drag_picked, .. } = &mut self.state {
                *drag_picked = false;
            }
            self.miss(None)
        }
    }

    /// Simulation: a hotspot was tapped.
    pub fn hotspot(&mut self, i: usize) -> Vec<EventBody> {
        let Some(StepKind::Simulation { hotspots, .. }) = self.step().map(|s| &s.kind) else {
            return Vec::new();
        };
        let Some(h) = hotspots.get(i) else {
            return Vec::new();
        };
        if h.correct {
            self.practice_hit()
        } else {
            let hint = h.hint.clone();
            self.miss(hint)
        }
    }

    /// Simulation: a tap on the mock screen outside every hotspot.
    pub fn hotspot_miss(&mut self) -> Vec<EventBody> {
        if matches!(
            self.step().map(|s| &s.kind),
            Some(StepKind::Simulation { .. })
        ) {
            self.miss(None)
        } else {
            Vec::new()
        }
    }

    /// Typing: one key of the on-screen keyboard (a jamo, digit, space or mark).
    pub fn key(&mut self, key: char) -> Vec<EventBody> {
        self.edit(|c| c.press(key))
    }

    pub fn backspace(&mut self) -> Vec<EventBody> {
        self.edit(Composer::backspace)
    }

    fn edit(&mut self, f: impl FnOnce(&mut Composer)) -> Vec<EventBody> {
        let phrase = self.phrase().to_string();
        let StepState::Typing {
            composer,
            done,
            keys,
        } = &mut self.state
        else {
            return Vec::new();
        };
        if *done {
            return Vec::new();
        }
        f(composer);
        *keys += 1;
        if composer.text() == phrase {
            *done = true;
            self.feedback = Feedback::TypingDone;
            self.completed_now()
        } else {
            self.feedback = if *keys >= phrase.chars().count() as u32 * 2 {
                Feedback::TypingKeepGoing
            } else {
                Feedback::None
            };
            Vec::new()
        }
    }
}

/// A swipe counts when it travelled far enough, mostly in the asked direction.
pub fn swipe_matches(direction: Direction, dx: f32, dy: f32) -> bool {
    let (along, across) = match direction {
        Direction::Left => (-dx, dy),
        Direction::Right => (dx, dy),
        Direction::Up => (-dy, dx),
        Direction::Down => (dy, dx),
    };
    along >= SWIPE_MIN_DISTANCE && along > across.abs()
}

#[cfg(test)]
mod tests;
