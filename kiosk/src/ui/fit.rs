//! How many cards or buttons a page holds, from the window's size and the text size: the
//! one rule of every paged list (issue #18). A list's screen gives the room everything
//! else on it takes and the smallest a cell may be; the columns follow the width left,
//! the rows the height left, and what does not fit goes to the next page. The Slint side
//! then shares the list's area out among exactly these columns and rows, so a cell is
//! never pushed off the screen and never smaller than the minimum given here.

use slint::ComponentHandle;

use super::AppWindow;
use super::settings::TextScale;

/// The window's size in logical pixels.
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

    /// The size of `app`'s window; the reference panel while the window has no size yet
    /// (before it is shown), so a first page is never empty.
    pub fn of(app: &AppWindow) -> Room {
        let window = app.window();
        let size = window.size().to_logical(window.scale_factor());
        if size.width < 1.0 || size.height < 1.0 {
            Room::REFERENCE
        } else {
            Room {
                width: size.width,
                height: size.height,
            }
        }
    }
}

/// The body text size (`rem` in Slint) at a text size: `Theme.body-size` × the scale.
pub fn rem(scale: TextScale) -> f32 {
    32.0 * scale.factor()
}

/// A length as the Slint files write it: pixels plus a multiple of the text size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Len {
    pub px: f32,
    pub rem: f32,
}

impl Len {
    pub const fn new(px: f32, rem: f32) -> Len {
        Len { px, rem }
    }

    fn at(self, rem: f32) -> f32 {
        self.px + self.rem * rem
    }
}

/// A paged list laid out as a grid.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GridSpec {
    /// The width everything beside the list takes (the screen's padding).
    pub around_width: Len,
    /// The height everything above and below the list takes (bars, titles, the pager,
    /// padding and spacing).
    pub around_height: Len,
    /// The smallest cell that still holds its text and the touch minimum.
    pub cell_width: Len,
    pub cell_height: Len,
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
    /// The page that fits `room` at text size `rem`: at least one cell, so a list is
    /// never without a page even on a screen too small for it (which the kiosk says).
    pub fn fit(&self, room: Room, rem: f32) -> Grid {
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
                room.width - self.around_width.at(rem),
                self.cell_width.at(rem),
                self.max_columns,
            ),
            rows: count(
                room.height - self.around_height.at(rem),
                self.cell_height.at(rem),
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

    const SPEC: GridSpec = GridSpec {
        around_width: Len::new(48.0, 0.0),
        around_height: Len::new(200.0, 2.0),
        cell_width: Len::new(0.0, 12.0),
        cell_height: Len::new(100.0, 1.0),
        gap: 16.0,
        max_columns: 4,
        max_rows: 3,
    };

    #[test]
    fn columns_follow_the_width_and_rows_the_height() {
        let wide = SPEC.fit(Room::REFERENCE, 32.0);
        let narrow = SPEC.fit(
            Room {
                width: 1366.0,
                height: 768.0,
            },
            32.0,
        );
        assert_eq!(wide.columns, 4);
        assert_eq!(narrow.columns, 3);
        assert!(narrow.rows < wide.rows, "{narrow:?} {wide:?}");
    }

    #[test]
    fn larger_text_means_fewer_cells_a_page_but_never_none() {
        let room = Room {
            width: 1280.0,
            height: 720.0,
        };
        let normal = SPEC.fit(room, 32.0).per_page();
        let largest = SPEC.fit(room, 64.0).per_page();
        assert!(largest < normal);
        let tiny = SPEC.fit(
            Room {
                width: 10.0,
                height: 10.0,
            },
            64.0,
        );
        assert_eq!(tiny.per_page(), 1);
    }

    #[test]
    fn a_cell_of_the_page_found_is_never_smaller_than_the_minimum() {
        for (w, h) in [(1920.0, 1080.0), (1366.0, 768.0), (1280.0, 800.0), (1280.0, 1024.0)] {
            for rem in [32.0, 48.0, 64.0] {
                let room = Room {
                    width: w,
                    height: h,
                };
                let g = SPEC.fit(room, rem);
                let width = room.width - SPEC.around_width.at(rem);
                let cell = (width - (g.columns - 1) as f32 * SPEC.gap) / g.columns as f32;
                assert!(cell >= SPEC.cell_width.at(rem), "{w}×{h} at {rem}: {cell}");
            }
        }
    }
}
