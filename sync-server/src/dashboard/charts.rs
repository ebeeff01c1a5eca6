//! Bar charts drawn on the server as SVG, inline in the page (no script, no other
//! origin, so the strict Content-Security-Policy holds; colours are presentation
//! attributes, not inline style). Every chart is placed beside a table with its numbers,
//! which is what a screen reader reads; the chart itself is one labelled image.

use super::escape;

/// One series of bars: its name (the legend) and a value per category (`None` where the
/// small-cell rule hides it; drawn as `*`).
#[derive(Debug, Clone)]
pub struct Series {
    pub name: String,
    pub color: &'static str,
    pub values: Vec<Option<u32>>,
}

/// The kiosk's calm palette: deep blue, teal, warm grey.
pub const COLORS: [&str; 3] = ["#0b4a85", "#0d5c63", "#8a8577"];

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 280.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 34.0;
const BOTTOM: f64 = 40.0;

/// A round upper end for the axis: 1, 2 or 5 times a power of ten.
fn nice_max(max: u32) -> u32 {
    let max = max.max(1);
    let mut step = 1u32;
    loop {
        for m in [1u32, 2, 5] {
            let top = step.saturating_mul(m);
            if top >= max {
                return top;
            }
        }
        step = step.saturating_mul(10);
    }
}

/// A vertical bar chart of `categories` (one group of bars per category, one bar per
/// series), with a legend when there is more than one series.
pub fn bar_chart(id: &str, title: &str, categories: &[String], series: &[Series]) -> String {
    let max = series
        .iter()
        .flat_map(|s| s.values.iter().flatten())
        .copied()
        .max()
        .unwrap_or(0);
    let top = nice_max(max);
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let y = |v: u32| TOP + plot_h - plot_h * f64::from(v) / f64::from(top);
    let mut svg = format!(
        "<svg id=\"{id}\" class=\"chart\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" width=\"{WIDTH}\" height=\"{HEIGHT}\" \
         role=\"img\" aria-labelledby=\"{id}-title\" xmlns=\"http://www.w3.org/2000/svg\" \
         font-family=\"'Baeumteo Hangul', 'Noto Sans KR', sans-serif\">\
         <title id=\"{id}-title\">{title}</title>\
         <rect x=\"0\" y=\"0\" width=\"{WIDTH}\" height=\"{HEIGHT}\" fill=\"#ffffff\"/>",
        id = escape(id),
        title = escape(title),
    );
    // Grid and axis labels on whole numbers: quarters of the top, or fifths (50 →
    // 10, 20, …), or every unit of a tiny axis.
    let ticks = if top.is_multiple_of(4) {
        4
    } else if top.is_multiple_of(5) {
        5
    } else {
        top
    };
    for i in 0..=ticks {
        let v = top / ticks * i;
        let yy = y(v);
        svg.push_str(&format!(
            "<line x1=\"{LEFT}\" x2=\"{x2}\" y1=\"{yy:.1}\" y2=\"{yy:.1}\" stroke=\"#d8d3c4\" stroke-width=\"1\"/>\
             <text x=\"{tx}\" y=\"{ty:.1}\" font-size=\"12\" text-anchor=\"end\" fill=\"#333333\">{v}</text>",
            x2 = WIDTH - RIGHT,
            tx = LEFT - 6.0,
            ty = yy + 4.0,
        ));
    }
    let n = categories.len().max(1) as f64;
    let group = plot_w / n;
    let per = series.len().max(1) as f64;
    let bar = (group * 0.75 / per).min(48.0);
    let label_size = if group < 40.0 { 10 } else { 12 };
    for (ci, cat) in categories.iter().enumerate() {
        let gx = LEFT + group * ci as f64;
        let start = gx + (group - bar * per) / 2.0;
        for (si, s) in series.iter().enumerate() {
            let x = start + bar * si as f64;
            let cx = x + bar / 2.0;
            match s.values.get(ci).copied().flatten() {
                Some(v) => {
                    let yy = y(v);
                    svg.push_str(&format!(
                        "<rect x=\"{x:.1}\" y=\"{yy:.1}\" width=\"{w:.1}\" height=\"{h:.1}\" fill=\"{c}\"/>",
                        w = (bar - 2.0).max(1.0),
                        h = (TOP + plot_h - yy).max(0.0),
                        c = s.color,
                    ));
                    if v > 0 {
                        svg.push_str(&format!(
                            "<text x=\"{cx:.1}\" y=\"{ty:.1}\" font-size=\"{label_size}\" text-anchor=\"middle\" fill=\"#1a1a1a\">{v}</text>",
                            ty = yy - 3.0,
                        ));
                    }
                }
                None => svg.push_str(&format!(
                    "<text x=\"{cx:.1}\" y=\"{ty:.1}\" font-size=\"12\" text-anchor=\"middle\" fill=\"#1a1a1a\">*</text>",
                    ty = TOP + plot_h - 3.0,
                )),
            }
        }
        svg.push_str(&format!(
            "<text x=\"{tx:.1}\" y=\"{ty}\" font-size=\"{label_size}\" text-anchor=\"middle\" fill=\"#1a1a1a\">{label}</text>",
            tx = gx + group / 2.0,
            ty = HEIGHT - BOTTOM + 18.0,
            label = escape(cat),
        ));
    }
    svg.push_str(&format!(
        "<line x1=\"{LEFT}\" x2=\"{x2}\" y1=\"{yy}\" y2=\"{yy}\" stroke=\"#55524a\" stroke-width=\"1.5\"/>",
        x2 = WIDTH - RIGHT,
        yy = TOP + plot_h,
    ));
    if series.len() > 1 {
        let mut x = LEFT;
        for s in series {
            svg.push_str(&format!(
                "<rect x=\"{x:.1}\" y=\"8\" width=\"14\" height=\"14\" fill=\"{c}\"/>\
                 <text x=\"{tx:.1}\" y=\"20\" font-size=\"13\" fill=\"#1a1a1a\">{name}</text>",
                c = s.color,
                tx = x + 18.0,
                name = escape(&s.name),
            ));
            x += 30.0 + 14.0 * s.name.chars().count() as f64;
        }
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_axis_ends_on_a_round_number() {
        assert_eq!(nice_max(0), 1);
        assert_eq!(nice_max(7), 10);
        assert_eq!(nice_max(13), 20);
        assert_eq!(nice_max(380), 500);
    }

    #[test]
    fn axis_labels_are_whole_numbers_up_to_the_top() {
        let svg = bar_chart(
            "c",
            "t",
            &["a".into()],
            &[Series {
                name: "s".into(),
                color: COLORS[0],
                values: vec![Some(28)],
            }],
        );
        for label in [">0<", ">10<", ">20<", ">30<", ">40<", ">50<"] {
            assert!(svg.contains(label), "{label}");
        }
    }

    #[test]
    fn a_chart_has_its_title_a_bar_per_value_and_a_star_per_hidden_value() {
        let svg = bar_chart(
            "c",
            "학습자 <수>",
            &["1월".into(), "2월".into()],
            &[Series {
                name: "학습자".into(),
                color: COLORS[0],
                values: vec![Some(12), None],
            }],
        );
        assert!(svg.contains("<title id=\"c-title\">학습자 &lt;수&gt;</title>"));
        assert_eq!(svg.matches("fill=\"#0b4a85\"").count(), 1);
        assert!(svg.contains(">*</text>"));
        assert!(svg.contains(">2월</text>"));
    }
}
