//! Which slice of a list a page shows, for every paged list of the kiosk (courses and
//! lessons of the course home, the name cards of sign-in, the instructor pages), so the
//! clamping and the "2 / 3" text are the same everywhere.

use baeumteo_core::i18n::{I18n, args};
use slint::SharedString;

use super::text::joined;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    /// 0-based, clamped to the last page.
    pub page: usize,
    /// At least 1, even for an empty list.
    pub pages: usize,
    pub start: usize,
    pub end: usize,
}

impl Paging {
    pub fn new(len: usize, per_page: usize, page: usize) -> Paging {
        let per_page = per_page.max(1);
        let pages = len.div_ceil(per_page).max(1);
        let page = page.min(pages - 1);
        let start = page * per_page;
        Paging {
            page,
            pages,
            start,
            end: (start + per_page).min(len),
        }
    }

    /// "2 / 3 쪽" of the instructor pages, ready for the screen.
    pub fn text(&self, t: &I18n) -> SharedString {
        joined(&t.instructor_page_of(args::InstructorPageOf {
            page: (self.page + 1).into(),
            pages: self.pages.into(),
        }))
    }

    /// The learner screens' words for the same ("2 / 3").
    pub fn learner_text(&self, t: &I18n) -> SharedString {
        joined(&t.signin_page(args::SigninPage {
            page: (self.page + 1).into(),
            pages: self.pages.into(),
        }))
    }

    pub fn has_prev(&self) -> bool {
        self.page > 0
    }

    pub fn has_next(&self) -> bool {
        self.page + 1 < self.pages
    }

    /// The page `step` pages on, never below the first.
    pub fn stepped(page: usize, step: i32) -> usize {
        page.saturating_add_signed(step as isize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_past_the_end_shows_the_last_page_and_an_empty_list_one_page() {
        let p = Paging::new(21, 20, 9);
        assert_eq!((p.page, p.start, p.end), (1, 20, 21));
        let empty = Paging::new(0, 20, 3);
        assert_eq!(
            (empty.page, empty.pages, empty.start, empty.end),
            (0, 1, 0, 0)
        );
        assert_eq!(Paging::stepped(0, -1), 0);
        assert_eq!(Paging::stepped(1, 1), 2);
    }
}
