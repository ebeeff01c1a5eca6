//! How many cards or buttons a page holds, from the window's size and the text size: the
//! one rule of every paged list (issue #18). A list's screen gives the room everything
//! else on it takes and the smallest a cell may be; the columns follow the width left,
//! the rows the height left, and what does not fit goes to the next page. The Slint side
//! then shares the list's area out among exactly these columns and rows, so a cell is
//! never pushed off the screen and never smaller than the minimum given here.

use slint::ComponentHandle;

use super::AppWindow;
use super::settings::TextScale;

/// The room the screens have (the window below the top bar), in logical pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Room {
    pub width: f32,
    pub height: f32,
}

impl Room {
    /// The reference panel of DESIGN.md.
    pub const REFERENCE: Room = Room {
        width: 1920.0,
        height: 1080.0,
    };

    /// The room below `app`'s top bar, as laid out at the window's size and the text
    /// size showing; the reference panel's while the window has no size yet.
    pub fn of(app: &AppWindow) -> Room {
        let (width, height) = (app.get_content_width(), app.get_content_height());
        if width < 1.0 || height < 1.0 {
            Room {
                width: Room::REFERENCE.width,
                height: Room::REFERENCE.height - 112.0,
            }
        } else {
            Room { width, height }
        }
    }
}

/// The window's height in logical pixels (the reference panel's before it has a size).
pub fn window_height(app: &AppWindow) -> f32 {
    let window = app.window();
    let height = window.size().to_logical(window.scale_factor()).height;
    if height < 1.0 {
        Room::REFERENCE.height
    } else {
        height
    }
}

/// The lowest window in which text may grow to 200 % (`look::shown`).
pub const FULL_TEXT_HEIGHT: f32 = 1050.0;

/// The body text size (`rem` in Slint) at a text size: `Theme.body-size` × the scale.
pub fn rem(scale: TextScale) -> f32 {
    32.0 * scale.factor()
}

/// How tall a line of text is, as a multiple of its font size (the Hangul font's ascent
/// and descent, rounded up so a page is never cut a line too short).
pub const LINE: f32 = 1.25;

/// A paged list laid out as a grid, in logical pixels at the text size showing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GridSpec {
    /// The width everything beside the list takes (the screen's padding).
    pub around_width: f32,
    /// The height everything above and below the list takes (titles, the pager,
    /// padding and spacing).
    pub around_height: f32,
    /// The smallest cell that still holds its text and the touch minimum.
    pub cell_width: f32,
    pub cell_height: f32,
    /// Between cells.
    pub gap: f32,
    /// More columns or rows than this would only make cells needlessly small or pages
    /// needlessly long to scan.
    pub max_columns: usize,
    pub max_rows: usize,
}

/// Columns and rows of one page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Grid {
    pub columns: usize,
    pub rows: usize,
}

impl Grid {
    pub fn per_page(self) -> usize {
        self.columns * self.rows
    }
}

impl GridSpec {
    /// The page that fits `room`: at least one cell, so a list is never without a page
    /// even on a screen too small for it (which the kiosk says).
    pub fn fit(&self, room: Room) -> Grid {
        let count = |space: f32, cell: f32, max: usize| {
            let n = ((space + self.gap) / (cell + self.gap)).floor();
            if n.is_finite() && n >= 1.0 {
                (n as usize).min(max.max(1))
            } else {
                1
            }
        };
        Grid {
            columns: count(
                room.width - self.around_width,
                self.cell_width,
                self.max_columns,
            ),
            rows: count(
                room.height - self.around_height,
                self.cell_height,
                self.max_rows,
            ),
        }
    }
}

/// The smallest window the kiosk lays out (issue #18): below it, it says the screen is
/// too small (`app.slint` checks the same numbers).
pub const SMALLEST: Room = Room {
    width: 1280.0,
    height: 720.0,
};

#[cfg(test)]
mod tests {
    use super::*;

    /// Cards of 12 rem, 100 px + 1 rem tall, under 200 px + 2 rem of titles.
    fn spec(rem: f32) -> GridSpec {
        GridSpec {
            around_width: 48.0,
            around_height: 200.0 + 2.0 * rem,
            cell_width: 12.0 * rem,
            cell_height: 100.0 + rem,
            gap: 16.0,
            max_columns: 4,
            max_rows: 8,
        }
    }

    const SIZES: [(f32, f32); 4] = [
        (1920.0, 1080.0),
        (1366.0, 768.0),
        (1280.0, 800.0),
        (1280.0, 1024.0),
    ];

    #[test]
    fn columns_follow_the_width_and_rows_the_height() {
        let wide = spec(32.0).fit(Room::REFERENCE);
        let narrow = spec(32.0).fit(Room {
            width: 1366.0,
            height: 768.0,
        });
        assert_eq!(wide.columns, 4);
        assert_eq!(narrow.columns, 3);
        assert!(narrow.rows < wide.rows, "{narrow:?} {wide:?}");
    }

    #[test]
    fn larger_text_means_fewer_cells_a_page_but_never_none() {
        let room = SMALLEST;
        assert!(spec(64.0).fit(room).per_page() < spec(32.0).fit(room).per_page());
        let tiny = Room {
            width: 10.0,
            height: 10.0,
        };
        assert_eq!(spec(64.0).fit(tiny).per_page(), 1);
    }

    #[test]
    fn a_cell_of_the_page_found_is_never_smaller_than_the_minimum() {
        for (width, height) in SIZES {
            for rem in [32.0, 48.0, 64.0] {
                let s = spec(rem);
                let g = s.fit(Room { width, height });
                let gaps = |n: usize| (n - 1) as f32 * s.gap;
                let w = (width - s.around_width - gaps(g.columns)) / g.columns as f32;
                let h = (height - s.around_height - gaps(g.rows)) / g.rows as f32;
                assert!(w >= s.cell_width, "{width}×{height} at {rem}: {w}");
                assert!(h >= s.cell_height, "{width}×{height} at {rem}: {h}");
            }
        }
    }
}
