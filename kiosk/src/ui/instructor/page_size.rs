//! How much of each paged list of instructor mode fits the window (`ui::fit`): the
//! heights around each list mirror its page in `screens/instructor/`. Instructor mode's
//! text stops at 150 % (`app.slint`).

use crate::ui::AppWindow;
use crate::ui::context::Shared;
use crate::ui::fit::{self, Grid, GridSpec, LINE, Room};
use crate::ui::settings::TextScale;

const GAP: f32 = 16.0;
/// The page's padding, on each side.
const PADDING: f32 = 24.0;

/// The text size (`rem`) instructor mode shows for the look in `ctx`.
fn rem(ctx: &Shared) -> f32 {
    fit::rem(ctx.borrow().session.look.scale.at_most(TextScale::Large))
}

fn line(rem: f32, size: f32) -> f32 {
    size * rem * LINE
}

/// The title row with "돌아가기" (`PageTitle`) and the spacing under it.
fn title(rem: f32) -> f32 {
    72f32.max(16.0 + line(rem, 1.0)).max(line(rem, 1.4)) + GAP
}

/// "이전 쪽 · 1 / 3 쪽 · 다음 쪽" (primary buttons) and the spacing above it.
fn pager(rem: f32) -> f32 {
    88f32.max(16.0 + line(rem, 1.0)) + GAP
}

/// A row of one line of text in a button.
fn button(rem: f32, min: f32, lines: f32) -> f32 {
    min.max(16.0 + lines * line(rem, 1.0))
}

fn room_and_rem(app: &AppWindow, ctx: &Shared) -> (Room, f32) {
    (Room::of(app), rem(ctx))
}

/// Today's class, before it is opened: the course buttons (a title may take two lines)
/// under the title and "수업 시작" (`class.slint`).
pub fn course_choice(app: &AppWindow, ctx: &Shared) -> Grid {
    let (room, rem) = room_and_rem(app, ctx);
    GridSpec {
        around_width: 2.0 * PADDING,
        around_height: 2.0 * PADDING + title(rem) + button(rem, 88.0, 2.0) + GAP + pager(rem),
        cell_width: 10.0 * rem,
        cell_height: button(rem, 72.0, 2.0),
        gap: GAP,
        max_columns: 3,
        max_rows: 4,
    }
    .fit(room)
}

/// Today's class, opened: the learners' name buttons under the title, "수업 마치기" and
/// the hint of two lines (`class.slint`).
pub fn attendees(app: &AppWindow, ctx: &Shared) -> Grid {
    let (room, rem) = room_and_rem(app, ctx);
    GridSpec {
        around_width: 2.0 * PADDING,
        around_height: 2.0 * PADDING
            + title(rem)
            + button(rem, 88.0, 1.0)
            + GAP
            + 2.0 * line(rem, 1.0)
            + GAP
            + pager(rem),
        cell_width: 7.0 * rem,
        cell_height: button(rem, 72.0, 1.0),
        gap: GAP,
        max_columns: 5,
        max_rows: 4,
    }
    .fit(room)
}

/// The learner records: one row a learner under the title and the hint (`learners.slint`).
pub fn learner_rows(app: &AppWindow, ctx: &Shared) -> usize {
    let (room, rem) = room_and_rem(app, ctx);
    GridSpec {
        around_width: 2.0 * PADDING,
        around_height: 2.0 * PADDING + title(rem) + 2.0 * line(rem, 1.0) + GAP + pager(rem),
        cell_width: 0.0,
        cell_height: 88f32.max(2.2 * rem),
        gap: GAP,
        max_columns: 1,
        max_rows: 6,
    }
    .fit(room)
    .rows
}

/// The progress grid: one row a learner under the title, the help line, the lesson
/// titles (up to three lines) and above the pager and one learner's answers
/// (`progress.slint`).
pub fn grid_rows(app: &AppWindow, ctx: &Shared) -> usize {
    let (room, rem) = room_and_rem(app, ctx);
    GridSpec {
        around_width: 2.0 * PADDING,
        around_height: 2.0 * PADDING
            + title(rem)
            + (24.0 + line(rem, 1.0) + GAP)
            + 3.0 * line(rem, 0.8)
            + GAP
            + pager(rem)
            + 2.0 * line(rem, 1.0)
            + GAP,
        cell_width: 0.0,
        cell_height: 72.0,
        gap: 8.0,
        max_columns: 1,
        max_rows: 8,
    }
    .fit(room)
    .rows
}

/// The instructors: one row each under the title and the count (`instructors.slint`).
pub fn instructor_rows(app: &AppWindow, ctx: &Shared) -> usize {
    let (room, rem) = room_and_rem(app, ctx);
    GridSpec {
        around_width: 2.0 * PADDING,
        around_height: 2.0 * PADDING
            + title(rem)
            + 2.0 * line(rem, 1.0)
            + GAP
            + button(rem, 88.0, 1.0)
            + GAP
            + pager(rem),
        cell_width: 0.0,
        cell_height: button(rem, 88.0, 1.0),
        gap: GAP,
        max_columns: 1,
        max_rows: 6,
    }
    .fit(room)
    .rows
}
