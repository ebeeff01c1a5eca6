//! Course home ("이어서 하기" and every course by level) and one course's lessons.

use std::collections::HashSet;
use std::path::Path;
use std::rc::Rc;

use baeumteo_core::course::Level;
use baeumteo_core::i18n::args;
use slint::{ComponentHandle, ModelRc, VecModel};

use super::context::{Callback, Context, Shared};
use super::fit::{self, Grid, GridSpec, Room};
use super::paging::Paging;
use super::settings::TextScale;
use super::text::joined;
use super::{AppWindow, CourseCard, Home, LessonRow, Nav, Screen};
use crate::player::LessonPlayer;

/// The course home's page on this window: the grid of cards that fits, and whether the
/// screen is short ("compact": the greeting, the course heading and the detail of
/// "이어서 하기" make way so a row of cards fits). Mirrors `screens/courses.slint`.
pub fn courses_grid(room: Room, scale: TextScale) -> (Grid, bool) {
    let rem = fit::rem(scale);
    let line = |size: f32| size * rem * fit::LINE;
    let gap = 16.0;
    let spec = |around_height: f32| GridSpec {
        around_width: 48.0,
        around_height,
        // Three cards a row at 100 % on 1366 px, two at 150 % and 200 %.
        cell_width: 10.0 * rem,
        // The card's essentials (see `CourseCardView`).
        cell_height: 68.0 + 4.4 * rem,
        gap,
        max_columns: 3,
        // One row: a card is at its best tall, with its picture and summary.
        max_rows: 1,
    };
    let pager = 72f32.max(16.0 + line(1.0)) + gap;
    let greeting = if scale == TextScale::Largest {
        0.0
    } else {
        line(1.5) + gap
    };
    let full = 48.0
        + greeting
        + 132f32.max(48.0 + line(1.5) + 2.0 * line(1.0))
        + gap
        + line(1.25)
        + gap
        + pager;
    let full = spec(full);
    if room.height - full.around_height >= full.cell_height {
        return (full.fit(room), false);
    }
    let compact = 48.0 + 88f32.max(24.0 + line(1.5)) + gap + pager;
    (spec(compact).fit(room), true)
}

/// Lessons a page of the course screen holds on this window (`screens/course.slint`).
pub fn lessons_per_page(room: Room, scale: TextScale) -> usize {
    let rem = fit::rem(scale);
    let line = |size: f32| size * rem * fit::LINE;
    let gap = 16.0;
    // At 200 % the course's title and the hint under it may take two lines.
    let lines = if scale == TextScale::Largest {
        2.0
    } else {
        1.0
    };
    GridSpec {
        around_width: 48.0,
        around_height: 48.0
            + lines * line(1.5)
            + gap
            + lines * line(1.0)
            + gap
            + 72f32.max(16.0 + line(1.0))
            + gap,
        cell_width: 0.0,
        cell_height: 72f32.max(16.0 + line(1.0)),
        gap,
        max_columns: 1,
        max_rows: 8,
    }
    .fit(room)
    .rows
}

fn courses_per_page(app: &AppWindow, scale: TextScale) -> usize {
    courses_grid(Room::of(app), scale).0.per_page()
}

/// Courses in the order shown: by level (기초, 생활, 심화), then as loaded.
fn ordered(c: &Context) -> Vec<usize> {
    let mut v: Vec<usize> = (0..c.services.courses.len()).collect();
    v.sort_by_key(|&i| c.services.courses[i].level);
    v
}

pub fn connect(app: &AppWindow, ctx: &Shared) {
    let g = app.global::<Home>();
    let w = Callback::new(app, ctx);
    g.on_continue_learning(move || w.act(continue_learning));
    let w = Callback::new(app, ctx);
    g.on_open_course(move |i| {
        w.act(|app, ctx| {
            {
                let mut c = ctx.borrow_mut();
                let per = courses_per_page(app, super::look::shown(app, c.session.look.scale));
                let order = ordered(&c);
                c.session.course = order
                    .get(c.session.courses_page * per + i.max(0) as usize)
                    .copied();
                c.session.lessons_page = 0;
            }
            if ctx.borrow().session.course.is_some() {
                app.global::<Nav>().set_screen(Screen::Course);
                render(app, ctx);
            }
        })
    });
    let w = Callback::new(app, ctx);
    g.on_previous_page(move || {
        w.act(|app, ctx| {
            let mut c = ctx.borrow_mut();
            c.session.courses_page = c.session.courses_page.saturating_sub(1);
            drop(c);
            render(app, ctx);
        })
    });
    let w = Callback::new(app, ctx);
    g.on_next_page(move || {
        w.act(|app, ctx| {
            ctx.borrow_mut().session.courses_page += 1;
            render(app, ctx);
        })
    });
    let w = Callback::new(app, ctx);
    g.on_lessons_previous_page(move || {
        w.act(|app, ctx| {
            let mut c = ctx.borrow_mut();
            c.session.lessons_page = c.session.lessons_page.saturating_sub(1);
            drop(c);
            render(app, ctx);
        })
    });
    let w = Callback::new(app, ctx);
    g.on_lessons_next_page(move || {
        w.act(|app, ctx| {
            ctx.borrow_mut().session.lessons_page += 1;
            render(app, ctx);
        })
    });
    let w = Callback::new(app, ctx);
    g.on_back_to_courses(move || w.act(open));
    let w = Callback::new(app, ctx);
    g.on_open_lesson(move |i| {
        w.act(|app, ctx| {
            let (course, lesson) = {
                let c = ctx.borrow();
                let Some(course) = c.session.course else {
                    return;
                };
                let per =
                    lessons_per_page(Room::of(app), super::look::shown(app, c.session.look.scale));
                (course, c.session.lessons_page * per + i.max(0) as usize)
            };
            let start = {
                let c = ctx.borrow();
                let k = &c.services.courses[course];
                match (c.session.learner.as_ref(), k.lessons.get(lesson)) {
                    // A finished lesson is done again from the start; an unfinished one
                    // opens where the learner stopped in it.
                    (Some(l), Some(les))
                        if !c.services.progress.lesson_completed(l.id, &k.id, &les.id) =>
                    {
                        c.services.progress.step_to_resume(l.id, k, lesson)
                    }
                    _ => 0,
                }
            };
            open_lesson(app, ctx, course, lesson, start);
        })
    });
}

/// The learner's course home.
pub fn open(app: &AppWindow, ctx: &Shared) {
    ctx.borrow_mut().session.course = None;
    app.global::<Nav>().set_screen(Screen::Courses);
    render(app, ctx);
}

/// "이어서 하기": exactly where the learner stopped.
fn continue_learning(app: &AppWindow, ctx: &Shared) {
    let point = {
        let c = ctx.borrow();
        resume_point(&c)
    };
    if let Some((course, lesson, step)) = point {
        open_lesson(app, ctx, course, lesson, step);
    }
}

/// Where "이어서 하기" leads: the course of the learner's latest learning, at its
/// resume point (from the progress projection in core).
pub fn resume_point(c: &Context) -> Option<(usize, usize, usize)> {
    let id = c.session.learner.as_ref()?.id;
    let last = c.services.progress.learner(id)?.last_course()?.to_string();
    let course = c.course_index(&last)?;
    let p = c
        .services
        .progress
        .resume(id, &c.services.courses[course])?;
    Some((course, p.lesson_index, p.step_index))
}

pub fn open_lesson(app: &AppWindow, ctx: &Shared, course: usize, lesson: usize, start: usize) {
    {
        let mut c = ctx.borrow_mut();
        let Some(learner) = c.session.learner.as_ref().map(|l| l.id) else {
            return;
        };
        let Some(l) = c
            .services
            .courses
            .get(course)
            .and_then(|k| k.lessons.get(lesson))
            .cloned()
        else {
            return;
        };
        if l.steps.is_empty() {
            return;
        }
        let course_id = c.services.courses[course].id.clone();
        let done: HashSet<String> = c
            .services
            .progress
            .learner(learner)
            .and_then(|p| p.course(&course_id))
            .and_then(|p| p.lesson(&l.id))
            .map(|p| p.steps_completed().iter().cloned().collect())
            .unwrap_or_default();
        c.session.course = Some(course);
        c.session.player = Some(LessonPlayer::new(learner, &course_id, l, start, done));
    }
    super::connect_player::enter_step(app, ctx);
}

fn level_name(c: &Context, level: Level) -> String {
    match level {
        Level::Basic => c.services.i18n.level_basic(),
        Level::Everyday => c.services.i18n.level_everyday(),
        Level::Advanced => c.services.i18n.level_advanced(),
    }
}

pub fn render(app: &AppWindow, ctx: &Shared) {
    let mut c = ctx.borrow_mut();
    let g = app.global::<Home>();
    let Some(learner) = c.session.learner.clone() else {
        return;
    };
    let room = Room::of(app);
    let scale = super::look::shown(app, c.session.look.scale);
    let (grid, compact) = courses_grid(room, scale);
    g.set_columns(grid.columns as i32);
    g.set_rows(grid.rows as i32);
    g.set_compact(compact);
    let per = grid.per_page();
    let order = ordered(&c);
    let course_paging = Paging::new(order.len(), per, c.session.courses_page);
    c.session.courses_page = course_paging.page;
    let lesson_per = lessons_per_page(room, scale);
    let lesson_paging = c.session.course.map(|course| {
        Paging::new(
            c.services.courses[course].lessons.len(),
            lesson_per,
            c.session.lessons_page,
        )
    });
    if let Some(paging) = lesson_paging {
        c.session.lessons_page = paging.page;
    }
    // Course pictures are decoded once and kept (Context::image).
    let pictures: Vec<slint::Image> = order[course_paging.start..course_paging.end]
        .iter()
        .map(
            |&i| match crate::catalog::picture(&c.services.courses[i]).map(Path::to_path_buf) {
                Some(path) => c.image(&path),
                None => slint::Image::default(),
            },
        )
        .collect();
    let c: &Context = &c;

    g.set_greeting(joined(&c.services.i18n.home_greeting(learner.name.clone())));
    match resume_point(c) {
        Some((course, lesson, step)) => {
            let k = &c.services.courses[course];
            let l = &k.lessons[lesson];
            // Typed accessors take the variables in alphabetical order.
            g.set_continue_detail(joined(&c.services.i18n.home_continue_detail(
                args::HomeContinueDetail {
                    course: k.title.clone().into(),
                    current: (step + 1).into(),
                    lesson: l.title.clone().into(),
                    total: l.steps.len().into(),
                },
            )));
            g.set_has_continue(true);
        }
        None => g.set_has_continue(false),
    }
    g.set_empty_text(joined(&if c.services.courses.is_empty() {
        c.services.i18n.home_no_courses()
    } else {
        c.services.i18n.home_nothing_yet()
    }));
    let cards: Vec<CourseCard> = order[course_paging.start..course_paging.end]
        .iter()
        .zip(pictures)
        .map(|(&i, picture)| {
            let k = &c.services.courses[i];
            let done = k
                .lessons
                .iter()
                .filter(|l| {
                    c.services
                        .progress
                        .lesson_completed(learner.id, &k.id, &l.id)
                })
                .count();
            CourseCard {
                picture,
                title: joined(&k.title),
                summary: joined(&k.summary),
                level: joined(&level_name(c, k.level)),
                progress_text: joined(&c.services.i18n.course_progress(args::CourseProgress {
                    done: done.into(),
                    total: k.lessons.len().into(),
                })),
                progress: c.services.progress.percent(learner.id, k) as f32 / 100.0,
            }
        })
        .collect();
    g.set_courses(ModelRc::from(Rc::new(VecModel::from(cards))));
    g.set_page_text(course_paging.learner_text(&c.services.i18n));
    g.set_has_previous_page(course_paging.has_prev());
    g.set_has_next_page(course_paging.has_next());

    if let (Some(course), Some(paging)) = (c.session.course, lesson_paging) {
        let k = &c.services.courses[course];
        g.set_course_title(joined(&k.title));
        let progress = c
            .services
            .progress
            .learner(learner.id)
            .and_then(|p| p.course(&k.id));
        let rows: Vec<LessonRow> = k.lessons[paging.start..paging.end]
            .iter()
            .map(|l| {
                let lp = progress.and_then(|p| p.lesson(&l.id));
                let done = lp.is_some_and(|p| p.is_completed());
                let started = lp.is_some_and(|p| !p.steps_completed().is_empty());
                let status = if done {
                    c.services.i18n.course_lesson_done()
                } else if started {
                    c.services.i18n.course_lesson_started()
                } else {
                    c.services.i18n.course_lesson_new()
                };
                LessonRow {
                    title: joined(&l.title),
                    status: joined(&status),
                    done,
                }
            })
            .collect();
        g.set_lessons(ModelRc::from(Rc::new(VecModel::from(rows))));
        g.set_lessons_page_text(paging.learner_text(&c.services.i18n));
        g.set_lessons_has_previous_page(paging.has_prev());
        g.set_lessons_has_next_page(paging.has_next());
    }
}
