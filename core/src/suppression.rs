//! The one small-cell rule for every published count of people (statistics page, CSV,
//! XLSX, JSON, open data, committee summary).
//!
//! - **Primary suppression:** a count of people from 1 to [`MIN_SHOWN`]` - 1` (1–4) is
//!   never shown. Zero is shown: it names nobody.
//! - **Complementary suppression:** a shown total must not let anyone work a hidden
//!   count out by subtraction. Every *line* (a set of cells with the total they add up
//!   to: a row with its row total, a column with its column total, the totals row with
//!   the grand total) that hides exactly one of its numbers hides one more: the smallest
//!   shown non-zero cell of the line (the first one on a tie), or the line's total when
//!   no cell is left. This repeats until no line hides exactly one number, since hiding
//!   a cell of a row can leave its column with a single hidden number.
//!
//! Counts of distinct people do not always add up (a learner of two courses counts once
//! in the total): the rule treats every line as if it did, which can only hide more.
//!
//! The rule hides; it never changes a shown number, so a table read back from any
//! output has the same shown figures.

use serde::{Deserialize, Serialize};

/// Counts of people below this (and above zero) are never shown.
pub const MIN_SHOWN: u32 = 5;

/// A published count: its number, or hidden by the small-cell rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Published {
    Shown(u32),
    /// Serialised as `null`.
    Hidden(Hidden),
}

/// Marker of a hidden count (`null` in JSON).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hidden;

impl Published {
    pub fn shown(self) -> Option<u32> {
        match self {
            Published::Shown(n) => Some(n),
            Published::Hidden(_) => None,
        }
    }

    pub fn is_hidden(self) -> bool {
        matches!(self, Published::Hidden(_))
    }
}

/// Whether a count on its own is too small to show.
pub fn is_small(count: u32) -> bool {
    (1..MIN_SHOWN).contains(&count)
}

/// One relation between published numbers: `members` add up to `total` (indices into
/// the values).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub total: usize,
    pub members: Vec<usize>,
}

/// Which of `values` to hide, given the lines that tie them together. Indices in a line
/// out of range are ignored.
pub fn suppress(values: &[u32], lines: &[Line]) -> Vec<bool> {
    let mut hidden: Vec<bool> = values.iter().map(|v| is_small(*v)).collect();
    loop {
        let mut changed = false;
        for line in lines {
            let in_range = |i: &&usize| **i < values.len();
            let numbers = line
                .members
                .iter()
                .chain(std::iter::once(&line.total))
                .filter(in_range);
            if numbers.filter(|i| hidden[**i]).count() != 1 {
                continue;
            }
            let complement = line
                .members
                .iter()
                .filter(in_range)
                .filter(|i| !hidden[**i] && values[**i] > 0)
                .min_by_key(|i| (values[**i], **i))
                .copied();
            match complement {
                Some(i) => hidden[i] = true,
                None if line.total < values.len() && !hidden[line.total] => {
                    hidden[line.total] = true
                }
                // Only zero cells are left shown beside one hidden number: the hidden one
                // equals the total minus nothing, which is hidden already or is that
                // number. Nothing more can be hidden usefully.
                None => continue,
            }
            changed = true;
        }
        if !changed {
            return hidden;
        }
    }
}

fn published(value: u32, hidden: bool) -> Published {
    if hidden {
        Published::Hidden(Hidden)
    } else {
        Published::Shown(value)
    }
}

/// A list of counts with their total, suppressed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OneWay {
    pub cells: Vec<Published>,
    pub total: Published,
}

/// Suppresses a list of counts and its total.
pub fn one_way(cells: &[u32], total: u32) -> OneWay {
    let mut values = cells.to_vec();
    values.push(total);
    let line = Line {
        total: cells.len(),
        members: (0..cells.len()).collect(),
    };
    let hidden = suppress(&values, &[line]);
    OneWay {
        cells: cells
            .iter()
            .zip(&hidden)
            .map(|(v, h)| published(*v, *h))
            .collect(),
        total: published(total, hidden[cells.len()]),
    }
}

/// A table of counts (rows × columns) with its row totals, column totals and grand
/// total, suppressed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TwoWay {
    pub cells: Vec<Vec<Published>>,
    pub row_totals: Vec<Published>,
    pub column_totals: Vec<Published>,
    pub total: Published,
}

/// Suppresses a table of counts. `cells[r][c]`; every row must have
/// `column_totals.len()` cells (missing cells count as zero).
pub fn two_way(
    cells: &[Vec<u32>],
    row_totals: &[u32],
    column_totals: &[u32],
    total: u32,
) -> TwoWay {
    let (rows, cols) = (row_totals.len(), column_totals.len());
    let cell = |r: usize, c: usize| r * cols + c;
    let row_total = |r: usize| rows * cols + r;
    let column_total = |c: usize| rows * cols + rows + c;
    let grand = rows * cols + rows + cols;
    let mut values = vec![0; grand + 1];
    for r in 0..rows {
        for c in 0..cols {
            values[cell(r, c)] = cells
                .get(r)
                .and_then(|row| row.get(c))
                .copied()
                .unwrap_or(0);
        }
        values[row_total(r)] = row_totals[r];
    }
    for c in 0..cols {
        values[column_total(c)] = column_totals[c];
    }
    values[grand] = total;
    let mut lines = Vec::new();
    for r in 0..rows {
        lines.push(Line {
            total: row_total(r),
            members: (0..cols).map(|c| cell(r, c)).collect(),
        });
    }
    for c in 0..cols {
        lines.push(Line {
            total: column_total(c),
            members: (0..rows).map(|r| cell(r, c)).collect(),
        });
    }
    lines.push(Line {
        total: grand,
        members: (0..rows).map(row_total).collect(),
    });
    lines.push(Line {
        total: grand,
        members: (0..cols).map(column_total).collect(),
    });
    let hidden = suppress(&values, &lines);
    let at = |i: usize| published(values[i], hidden[i]);
    TwoWay {
        cells: (0..rows)
            .map(|r| (0..cols).map(|c| at(cell(r, c))).collect())
            .collect(),
        row_totals: (0..rows).map(|r| at(row_total(r))).collect(),
        column_totals: (0..cols).map(|c| at(column_total(c))).collect(),
        total: at(grand),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const H: Published = Published::Hidden(Hidden);
    fn s(n: u32) -> Published {
        Published::Shown(n)
    }

    #[test]
    fn counts_of_one_to_four_are_hidden_zero_and_five_are_shown() {
        assert!(!is_small(0));
        for n in 1..=4 {
            assert!(is_small(n));
        }
        assert!(!is_small(5));
    }

    #[test]
    fn a_lone_hidden_cell_takes_the_smallest_other_cell_with_it() {
        let t = one_way(&[12, 3, 7, 9], 31);
        assert_eq!(t.cells, vec![s(12), H, H, s(9)]);
        assert_eq!(t.total, s(31));
    }

    #[test]
    fn two_small_cells_hide_each_other_and_nothing_else() {
        let t = one_way(&[2, 3, 40], 45);
        assert_eq!(t.cells, vec![H, H, s(40)]);
        assert_eq!(t.total, s(45));
    }

    #[test]
    fn with_no_other_cell_the_total_is_hidden() {
        let t = one_way(&[3, 0, 0], 3);
        assert_eq!(t.cells, vec![H, s(0), s(0)]);
        assert_eq!(t.total, H);
        let t = one_way(&[30, 0], 30);
        assert_eq!(t.cells, vec![s(30), s(0)]);
        assert_eq!(t.total, s(30));
    }

    #[test]
    fn a_hidden_total_alone_hides_a_cell_too() {
        // A total of 4 over cells 4 and 0: both hidden, the zero stays.
        let t = one_way(&[4, 0], 4);
        assert_eq!(t.cells, vec![H, s(0)]);
        assert_eq!(t.total, H);
    }

    #[test]
    fn hiding_in_a_row_spreads_to_the_columns_it_touches() {
        // Rows: townships; columns: sex.
        //        여   남  | 합
        //  A     20   3   | 23
        //  B     15   9   | 24
        //  합    35  12   | 47
        let t = two_way(&[vec![20, 3], vec![15, 9]], &[23, 24], &[35, 12], 47);
        // 3 is hidden; row A then hides 20; column 남 hides 9; column 여 has 20 and 15
        // hidden... every line then has two hidden numbers or none.
        assert_eq!(t.cells, vec![vec![H, H], vec![H, H]]);
        assert_eq!(t.row_totals, vec![s(23), s(24)]);
        assert_eq!(t.column_totals, vec![s(35), s(12)]);
        assert_eq!(t.total, s(47));
    }

    fn lines_of_two_way(rows: usize, cols: usize) -> Vec<Vec<usize>> {
        // Each line as indices into a flat list: members then total, same layout as
        // `two_way`.
        let cell = |r: usize, c: usize| r * cols + c;
        let mut lines = Vec::new();
        for r in 0..rows {
            let mut l: Vec<usize> = (0..cols).map(|c| cell(r, c)).collect();
            l.push(rows * cols + r);
            lines.push(l);
        }
        for c in 0..cols {
            let mut l: Vec<usize> = (0..rows).map(|r| cell(r, c)).collect();
            l.push(rows * cols + rows + c);
            lines.push(l);
        }
        lines
    }

    proptest! {
        /// Whatever the table: no small count is shown, no shown number changes, and no
        /// line hides exactly one of its numbers (so no subtraction reveals one).
        #[test]
        fn no_small_count_shown_and_no_line_hides_exactly_one(
            grid in proptest::collection::vec(proptest::collection::vec(0u32..12, 1..5), 1..5)
        ) {
            let cols = grid.iter().map(Vec::len).max().unwrap_or(0);
            let grid: Vec<Vec<u32>> = grid
                .into_iter()
                .map(|mut r| { r.resize(cols, 0); r })
                .collect();
            let rows = grid.len();
            let row_totals: Vec<u32> = grid.iter().map(|r| r.iter().sum()).collect();
            let column_totals: Vec<u32> =
                (0..cols).map(|c| grid.iter().map(|r| r[c]).sum()).collect();
            let total: u32 = row_totals.iter().sum();
            let t = two_way(&grid, &row_totals, &column_totals, total);
            let mut flat: Vec<(u32, Published)> = Vec::new();
            for (row, published) in grid.iter().zip(&t.cells) {
                for (value, p) in row.iter().zip(published) {
                    flat.push((*value, *p));
                }
            }
            for (value, p) in row_totals.iter().zip(&t.row_totals) { flat.push((*value, *p)); }
            for (value, p) in column_totals.iter().zip(&t.column_totals) {
                flat.push((*value, *p));
            }
            for (value, p) in &flat {
                match p {
                    Published::Shown(n) => {
                        prop_assert_eq!(n, value);
                        prop_assert!(!is_small(*n));
                    }
                    Published::Hidden(_) => {}
                }
            }
            for line in lines_of_two_way(rows, cols) {
                let hidden = line.iter().filter(|i| flat[**i].1.is_hidden()).count();
                prop_assert!(hidden != 1, "line {:?} of {:?}", line, grid);
            }
        }
    }
}
