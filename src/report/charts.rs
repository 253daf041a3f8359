//! The review's charts as inline SVG, drawn by plotters' SVG backend (text
//! as SVG `<text>`, no font file): response times before/after per route,
//! 429s per hour against the plan's lines, the breaker's state over time,
//! Redis memory over time. Each returns one `<svg>` element.

use plotters::coord::types::{RangedCoordf64, RangedCoordu64};
use plotters::prelude::*;

use crate::core::debrief::{MemoryPoint, OpenPeriod, RouteChange};

const W: u32 = 880;
const H: u32 = 300;
const BEFORE: RGBColor = RGBColor(140, 160, 200);
const AFTER: RGBColor = RGBColor(30, 80, 170);
const BEFORE_P95: RGBColor = RGBColor(110, 130, 175);
const AFTER_P95: RGBColor = RGBColor(15, 50, 120);
const BAD: RGBColor = RGBColor(200, 50, 40);
const WARN: RGBColor = RGBColor(230, 150, 20);

/// Runs `draw` on a fresh SVG canvas and returns the SVG text; a drawing
/// error becomes a note in the SVG rather than a failed report.
fn svg(draw: impl FnOnce(&DrawingArea<SVGBackend, plotters::coord::Shift>) -> Result<(), String>) -> String {
    let mut out = String::new();
    let result = {
        let root = SVGBackend::with_string(&mut out, (W, H)).into_drawing_area();
        let r = root.fill(&WHITE).map_err(|e| e.to_string()).and_then(|()| draw(&root));
        let presented = root.present().map_err(|e| e.to_string());
        r.and(presented)
    };
    match result {
        Ok(()) => out,
        Err(e) => format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{W}\" height=\"40\"><text x=\"4\" y=\"20\">chart not drawn: {}</text></svg>",
            crate::report::escape::html(&e)
        ),
    }
}

fn hhmm(ms: u64) -> String {
    chrono::DateTime::from_timestamp_millis(ms as i64).map(|t| t.format("%m-%d %H:%M").to_string()).unwrap_or_default()
}

/// `POST /api/v2/availability/simple` as `POST availability/simple`.
fn short_route(route: &str) -> String {
    let (method, path) = route.split_once(' ').unwrap_or(("", route));
    let tail: Vec<&str> = path.rsplit('/').take(2).collect();
    format!("{method} {}", tail.into_iter().rev().collect::<Vec<_>>().join("/"))
}

type TimeChart<'a, 'b> = ChartContext<'a, SVGBackend<'b>, Cartesian2d<RangedCoordu64, RangedCoordf64>>;

/// A chart over time (unix ms on x, labelled `MM-DD HH:MM`): the frame the
/// three time charts share; the caller draws the mesh's y side and the series.
fn over_time<'a, 'b>(
    root: &'a DrawingArea<SVGBackend<'b>, plotters::coord::Shift>,
    caption: &str,
    x: std::ops::Range<u64>,
    y: std::ops::Range<f64>,
    y_area: u32,
) -> Result<TimeChart<'a, 'b>, String> {
    ChartBuilder::on(root)
        .caption(caption, ("sans-serif", 16))
        .margin(10)
        .x_label_area_size(40)
        .y_label_area_size(y_area)
        .build_cartesian_2d(x.start..x.end.max(x.start + 1), y)
        .map_err(|e| e.to_string())
}

/// p50 and p95 per route, before (light) and after (dark).
pub fn response_times(routes: &[RouteChange]) -> String {
    let shown: Vec<&RouteChange> = routes.iter().filter(|r| r.before.is_some() || r.after.is_some()).take(12).collect();
    let value = |r: &RouteChange, after: bool, q: usize| {
        let f = if after { r.after.as_ref() } else { r.before.as_ref() };
        f.and_then(|f| if q == 50 { f.p50_ms } else { f.p95_ms }).unwrap_or(0.0)
    };
    let top = shown.iter().flat_map(|r| [value(r, false, 95), value(r, true, 95)]).fold(1.0f64, f64::max) * 1.15;
    svg(|root| {
        let n = shown.len().max(1);
        let mut chart = ChartBuilder::on(root)
            .caption("Response time per route: p50 and p95 (ms), before and after", ("sans-serif", 16))
            .margin(10)
            .x_label_area_size(40)
            .y_label_area_size(50)
            .build_cartesian_2d(0f64..n as f64, 0f64..top)
            .map_err(|e| e.to_string())?;
        chart.configure_mesh().disable_x_mesh().x_labels(0).y_desc("ms").draw().map_err(|e| e.to_string())?;
        let bars: Vec<(f64, f64, f64, RGBColor)> = shown
            .iter()
            .enumerate()
            .flat_map(|(i, r)| {
                let x = i as f64;
                [
                    (x + 0.10, value(r, false, 50), 0.18, BEFORE),
                    (x + 0.30, value(r, true, 50), 0.18, AFTER),
                    (x + 0.52, value(r, false, 95), 0.18, BEFORE_P95),
                    (x + 0.72, value(r, true, 95), 0.18, AFTER_P95),
                ]
            })
            .collect();
        chart
            .draw_series(bars.iter().map(|&(x, v, w, c)| Rectangle::new([(x, 0.0), (x + w, v)], c.filled())))
            .map_err(|e| e.to_string())?;
        // Each group named above its bars (long routes do not fit an axis).
        chart
            .draw_series(shown.iter().enumerate().map(|(i, r)| {
                Text::new(short_route(&r.route), (i as f64 + 0.08, top * 0.97), ("sans-serif", 12).into_font())
            }))
            .map_err(|e| e.to_string())?;
        chart
            .draw_series(std::iter::once(Rectangle::new([(0.0, 0.0), (0.0, 0.0)], BEFORE.filled())))
            .map_err(|e| e.to_string())?
            .label("before (p50, then p95)")
            .legend(|(x, y)| Rectangle::new([(x, y - 5), (x + 12, y + 5)], BEFORE.filled()));
        chart
            .draw_series(std::iter::once(Rectangle::new([(0.0, 0.0), (0.0, 0.0)], AFTER.filled())))
            .map_err(|e| e.to_string())?
            .label("after")
            .legend(|(x, y)| Rectangle::new([(x, y - 5), (x + 12, y + 5)], AFTER.filled()));
        chart
            .configure_series_labels()
            .background_style(WHITE.mix(0.8))
            .border_style(BLACK)
            .draw()
            .map_err(|e| e.to_string())
    })
}

/// "Rate limit exceeded" per hour, with watch's warning and alert lines
/// (thresholds.rate_limit_hits_per_hour) drawn across.
pub fn violations_per_hour(per_hour: &[(u64, u64)], from_ms: u64, to_ms: u64, warn: f64, alert: f64) -> String {
    let start = per_hour.first().map_or(from_ms, |p| p.0).min(from_ms - from_ms % 3_600_000);
    let end = per_hour.last().map_or(to_ms, |p| p.0 + 3_600_000).max(to_ms).max(start + 3_600_000);
    let top = per_hour.iter().map(|p| p.1 as f64).fold(alert, f64::max) * 1.15;
    svg(|root| {
        let caption = "Rate-limit violations per hour, against the warning and alert lines";
        let mut chart = over_time(root, caption, start..end, 0f64..top, 50)?;
        chart
            .configure_mesh()
            .x_labels(6)
            .x_label_formatter(&|x| hhmm(*x))
            .y_desc("429s")
            .draw()
            .map_err(|e| e.to_string())?;
        chart
            .draw_series(per_hour.iter().map(|&(h, n)| {
                let colour = if n as f64 > alert {
                    BAD
                } else if n as f64 >= warn {
                    WARN
                } else {
                    AFTER
                };
                Rectangle::new([(h + 120_000, 0.0), (h + 3_480_000, n as f64)], colour.filled())
            }))
            .map_err(|e| e.to_string())?;
        for (value, colour, name) in [(warn, WARN, "warning"), (alert, BAD, "alert")] {
            chart
                .draw_series(LineSeries::new([(start, value), (end, value)], colour.stroke_width(2)))
                .map_err(|e| e.to_string())?
                .label(format!("{name} ({value:.0}/h)"))
                .legend(move |(x, y)| PathElement::new([(x, y), (x + 14, y)], colour.stroke_width(2)));
        }
        chart
            .configure_series_labels()
            .background_style(WHITE.mix(0.8))
            .border_style(BLACK)
            .draw()
            .map_err(|e| e.to_string())
    })
}

/// The breaker's state over the period: 0 closed, 1 half-open, 2 open,
/// from the logged open periods and watch's samples.
pub fn breaker_states(periods: &[OpenPeriod], series: &[(u64, String)], from_ms: u64, to_ms: u64) -> String {
    let mut points: Vec<(u64, i32)> = Vec::new();
    for p in periods {
        let opened = p.opened_ms.unwrap_or(from_ms);
        let closed = p.closed_ms.unwrap_or(to_ms);
        points.push((opened.saturating_sub(1), 0));
        points.push((opened, 2));
        points.push((closed, 2));
        points.push((closed + 1, 0));
    }
    for (at, state) in series {
        let level = match state.as_str() {
            "open" => 2,
            "half_open" => 1,
            _ => 0,
        };
        points.push((*at, level));
    }
    points.retain(|p| (from_ms..=to_ms).contains(&p.0));
    points.sort_by_key(|p| p.0);
    if points.first().is_none_or(|p| p.0 > from_ms) {
        points.insert(0, (from_ms, 0));
    }
    let last = points.last().map_or(0, |p| p.1);
    points.push((to_ms, last));
    svg(|root| {
        let mut chart = over_time(root, "Circuit breaker state over the period", from_ms..to_ms, -0.2f64..2.4, 80)?;
        chart
            .configure_mesh()
            .x_labels(6)
            .x_label_formatter(&|x| hhmm(*x))
            .y_labels(3)
            .y_label_formatter(&|y| match y.round() as i32 {
                0 => "closed".into(),
                1 => "half-open".into(),
                2 => "open".into(),
                _ => String::new(),
            })
            .draw()
            .map_err(|e| e.to_string())?;
        // A step line: each state holds until the next point.
        let mut steps = Vec::new();
        for w in points.windows(2) {
            steps.push((w[0].0, f64::from(w[0].1)));
            steps.push((w[1].0, f64::from(w[0].1)));
        }
        chart.draw_series(LineSeries::new(steps, BAD.stroke_width(3))).map_err(|e| e.to_string())?;
        Ok(())
    })
}

/// Redis used memory over time (MB).
pub fn memory(points: &[MemoryPoint]) -> String {
    let from = points.first().map_or(0, |p| p.at_ms);
    let to = points.last().map_or(1, |p| p.at_ms).max(from + 1);
    let top = points.iter().map(|p| p.memory_mb).fold(0.0f64, f64::max) * 1.2 + 0.1;
    svg(|root| {
        let mut chart = over_time(root, "Redis memory (MB)", from..to, 0f64..top, 50)?;
        chart
            .configure_mesh()
            .x_labels(6)
            .x_label_formatter(&|x| hhmm(*x))
            .y_desc("MB")
            .draw()
            .map_err(|e| e.to_string())?;
        chart
            .draw_series(LineSeries::new(points.iter().map(|p| (p.at_ms, p.memory_mb)), AFTER.stroke_width(2)))
            .map_err(|e| e.to_string())?;
        chart
            .draw_series(points.iter().map(|p| Circle::new((p.at_ms, p.memory_mb), 3, AFTER.filled())))
            .map_err(|e| e.to_string())?;
        Ok(())
    })
}
