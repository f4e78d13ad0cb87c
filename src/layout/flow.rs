//! Copy flow: fitting measured lines into the columns of a story's block.
//!
//! Takes the story's body as [`Unit`]s (paragraphs as counted lines, subheads as unbreakable
//! blocks of lines) and a function that gives, for a candidate bottom line, the free intervals
//! of each column (after the lead box and photos are cut out). Gives a [`Flow`]: which lines of
//! which unit go where, with the columns balanced — they end level within one line — at the
//! lowest bottom that holds everything, or the count of lines that do not fit (overset). A
//! paragraph's short last line does not open a column alone, nor its first line end one alone,
//! where the columns can stay level.
//! Pure arithmetic on whole grid lines; nothing here knows about Typst. A story set at a pitch
//! of its own ([`flow_pitched`], copyfit's leading) still gets its intervals in grid lines;
//! each holds as many of the story's lines as fit from its first grid line down.

/// A unit of body copy in whole grid lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// A paragraph: may be split between columns at any line.
    Para(u32),
    /// A paragraph whose last line is short (a character or two): that line does not open a
    /// column alone where the flow can help it — the column before ends a line early and the
    /// line before goes along, if the columns still end within one line of each other.
    ParaShortEnd(u32),
    /// A subhead: never split, and kept with [`KEEP_WITH_NEXT`] lines of what follows.
    Keep(u32),
}

/// Lines of copy a subhead keeps with it at the foot of a column, unless moving it on to the
/// next column would leave a hole of more than a line in its own (then one line is enough).
pub const KEEP_WITH_NEXT: u32 = 3;

impl Unit {
    /// Lines the unit takes.
    pub fn lines(self) -> u32 {
        match self {
            Unit::Para(n) | Unit::ParaShortEnd(n) | Unit::Keep(n) => n,
        }
    }
}

/// A free run of grid lines `[top, bottom)` in one column (columns count from 0) of one of
/// the story's blocks (0: its block; 1…: the blocks it jumps to).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Interval {
    /// Which block.
    pub block: u32,
    /// Column.
    pub col: u32,
    /// First line.
    pub top: u32,
    /// One past the last line.
    pub bottom: u32,
    /// The interval's foot moves with the bottom line (it ends at the bottom, or on top of a
    /// photo anchored to it): such intervals take the slack when columns are levelled.
    pub flex: bool,
}

/// One placed slice: lines `from..to` of unit `unit`, in column `col` of block `block`,
/// starting at line `top`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slice {
    /// Which block.
    pub block: u32,
    /// Index into the units.
    pub unit: usize,
    /// First line of the unit in this slice.
    pub from: u32,
    /// One past the last line.
    pub to: u32,
    /// Column.
    pub col: u32,
    /// Line of the slice's first line: `start` plus the lines before it in its interval (at
    /// the grid's pitch, a grid line).
    pub top: u32,
    /// First grid line of the interval the slice is in.
    pub start: u32,
}

/// The outcome of a flow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flow {
    /// Placed slices, in reading order.
    pub slices: Vec<Slice>,
    /// The bottom line the columns were balanced to (exclusive).
    pub bottom: u32,
    /// Lines that did not fit (0 when everything fits).
    pub overset: u32,
}

/// Flow `units` into the columns. `frames(bottom)` gives the free intervals, in reading order
/// (column by column, top to bottom), when the copy may run down to `bottom`; `min` and `max`
/// bound the bottom (`max` is the block's foot).
pub fn flow(units: &[Unit], min: u32, max: u32, frames: impl Fn(u32) -> Vec<Interval>) -> Flow {
    flow_pitched(units, min, max, frames, |n| n)
}

/// The lines of a story set at `ratio` × the grid's pitch that an interval of `grid_lines`
/// grid lines holds: its first line on the interval's first grid line, its last at or above
/// the interval's last.
pub fn lines_at_pitch(grid_lines: u32, ratio: f64) -> u32 {
    if grid_lines == 0 {
        return 0;
    }
    ((f64::from(grid_lines - 1) / ratio + 1e-9).floor() as u32) + 1
}

/// [`flow`] for a story set at its own pitch: `capacity(n)` gives how many of its lines an
/// interval of `n` grid lines holds (see [`lines_at_pitch`]). Units count the story's lines.
pub fn flow_pitched(units: &[Unit], min: u32, max: u32, frames: impl Fn(u32) -> Vec<Interval>, capacity: impl Fn(u32) -> u32) -> Flow {
    let total: u32 = units.iter().map(|u| u.lines()).sum();
    let size = |i: &Interval| capacity(i.bottom - i.top);
    // The slices at one bottom line, if everything fits there, with subheads kept with `keep`
    // lines, and the lines of holes they leave.
    let attempt_with = |bottom: u32, keep: u32| -> Option<(Vec<Slice>, u32)> {
        let intervals = frames(bottom);
        let full: Vec<u32> = intervals.iter().map(size).collect();
        let cap: u32 = full.iter().sum();
        if cap < total {
            return None;
        }
        // Level the columns: frames that reach the bottom give up one line each, the last
        // columns first; if a subhead then leaves a hole, other columns giving up the lines
        // may close it.
        let mut best: Option<(Vec<Slice>, u32)> = None;
        for give in levelling_choices(&intervals, &full, cap - total) {
            let mut targets = full.clone();
            for &i in &give {
                targets[i] -= 1;
            }
            let (slices, left) = fill(units, &intervals, &targets, None, keep);
            if left != 0 {
                continue;
            }
            // Short last lines of paragraphs kept from opening a column, where that keeps the
            // columns level.
            let (better, left) = fill(units, &intervals, &targets, Some(&full), keep);
            let slices = if left == 0 && level(&better, &intervals) { better } else { slices };
            let gap = gaps(&slices, &intervals, &full);
            if gap == 0 && level(&slices, &intervals) {
                return Some((slices, 0));
            }
            if best.as_ref().is_none_or(|b| gap < b.1) {
                best = Some((slices, gap));
            }
        }
        if best.is_some() {
            return best;
        }
        // Slack not given up (a subhead pushed to the next column) may still make it fit.
        let (slices, left) = fill(units, &intervals, &full, None, keep);
        (left == 0).then(|| {
            let gap = gaps(&slices, &intervals, &full);
            (slices, gap)
        })
    };
    // The lowest bottom where the copy fits; then, a few lines lower at most, the first where
    // every subhead keeps KEEP_WITH_NEXT lines under it and no column has a hole. Failing
    // that, the layout with the fewest lines of holes (the lowest bottom first, subheads kept
    // with KEEP_WITH_NEXT lines before those kept with one).
    if let Some((b0, first)) = (min..=max).find_map(|b| attempt_with(b, 1).map(|r| (b, r))) {
        let mut first = Some(first);
        let mut best: Option<(u32, Vec<Slice>, u32)> = None;
        for b in b0..=max.min(b0 + GAP_SEARCH) {
            for keep in [KEEP_WITH_NEXT, 1] {
                let attempt = if b == b0 && keep == 1 { first.take() } else { attempt_with(b, keep) };
                if let Some((slices, gap)) = attempt {
                    if gap == 0 && keep == KEEP_WITH_NEXT {
                        return Flow { slices, bottom: b, overset: 0 };
                    }
                    if best.as_ref().is_none_or(|x| gap < x.2) {
                        best = Some((b, slices, gap));
                    }
                }
            }
        }
        if let Some((bottom, slices, _)) = best {
            return Flow { slices, bottom, overset: 0 };
        }
    }
    let intervals = frames(max);
    let full: Vec<u32> = intervals.iter().map(size).collect();
    let (slices, overset) = fill(units, &intervals, &full, None, 1);
    Flow { slices, bottom: max, overset }
}

/// Which frames give up one line each to level the columns when `slack` lines are spare: the
/// last flex frames first (the usual choice), then other sets of as many flex frames (up to
/// [`LEVELLING_TRIES`] in all). With more slack than flex frames, every flex frame gives one.
fn levelling_choices(frames: &[Interval], full: &[u32], slack: u32) -> Vec<Vec<usize>> {
    let flex: Vec<usize> = (0..frames.len()).filter(|&i| frames[i].flex && full[i] > 0).collect();
    let s = slack as usize;
    if s == 0 {
        return vec![vec![]];
    }
    if s >= flex.len() || flex.len() > 16 {
        return vec![flex.iter().rev().take(s).copied().collect()];
    }
    let m = flex.len();
    let mut masks: Vec<u32> = (0u32..1 << m).filter(|mask| mask.count_ones() as usize == s).collect();
    // The last frames first: higher masks hold later frames.
    masks.sort_by(|a, b| b.cmp(a));
    masks
        .into_iter()
        .take(LEVELLING_TRIES)
        .map(|mask| (0..m).filter(|k| mask & (1 << k) != 0).map(|k| flex[k]).collect())
        .collect()
}

/// How many ways of levelling the flow tries at one bottom line.
const LEVELLING_TRIES: usize = 64;

/// How many lines lower than its neighbours the bottom may go to close holes in the columns.
const GAP_SEARCH: u32 = 4;

/// Lines left empty inside the copy: in every frame before the last one that holds copy, the
/// lines unused beyond the one line levelling may leave.
fn gaps(slices: &[Slice], frames: &[Interval], full: &[u32]) -> u32 {
    let used: Vec<u32> = frames
        .iter()
        .map(|f| slices.iter().filter(|s| s.block == f.block && s.col == f.col && s.start == f.top).map(|s| s.to - s.from).sum())
        .collect();
    let Some(last) = used.iter().rposition(|&u| u > 0) else { return 0 };
    (0..last).map(|i| full[i].saturating_sub(used[i]).saturating_sub(1)).sum()
}

/// Whether the columns that end at the bottom (flex frames holding copy) end within one line
/// of each other.
fn level(slices: &[Slice], frames: &[Interval]) -> bool {
    let ends: Vec<u32> = frames
        .iter()
        .filter(|f| f.flex)
        .filter_map(|f| {
            slices
                .iter()
                .filter(|s| s.block == f.block && s.col == f.col && s.start == f.top)
                .map(|s| s.top + (s.to - s.from))
                .max()
        })
        .collect();
    match (ends.iter().min(), ends.iter().max()) {
        (Some(lo), Some(hi)) => hi - lo <= 1,
        _ => true,
    }
}

/// Greedy fill with a target line count per frame; gives the slices and the lines left over.
/// With `widows` (each frame's full capacity), a short last line ([`Unit::ParaShortEnd`]) that
/// would open a column alone takes the line before it along, and a paragraph's first line that
/// would end a column alone goes on with the rest: the column ends a line early and a later
/// column that gave up a line to levelling takes it back.
fn fill(units: &[Unit], frames: &[Interval], targets: &[u32], widows: Option<&[u32]>, keep: u32) -> (Vec<Slice>, u32) {
    let mut targets = targets.to_vec();
    let mut slices = Vec::new();
    let (mut f, mut y) = (0usize, 0u32);
    for (ui, unit) in units.iter().enumerate() {
        let n = unit.lines();
        match unit {
            Unit::Keep(_) => {
                // Needs its own lines plus a few lines of what follows, in the same frame.
                let follow = units[ui + 1..].iter().map(|u| u.lines()).sum::<u32>().min(keep);
                let need = n + follow;
                loop {
                    if f >= frames.len() {
                        return (slices, units[ui..].iter().map(|u| u.lines()).sum());
                    }
                    if targets[f] - y >= need || (y == 0 && targets[f] >= n) {
                        break;
                    }
                    f += 1;
                    y = 0;
                }
                slices.push(Slice { block: frames[f].block, unit: ui, from: 0, to: n, col: frames[f].col, top: frames[f].top + y, start: frames[f].top });
                y += n;
            }
            Unit::Para(_) | Unit::ParaShortEnd(_) => {
                let short_end = widows.is_some() && matches!(unit, Unit::ParaShortEnd(_));
                let mut from = 0;
                while from < n {
                    if f >= frames.len() {
                        let rest: u32 = units[ui + 1..].iter().map(|u| u.lines()).sum();
                        return (slices, n - from + rest);
                    }
                    let avail = targets[f].saturating_sub(y);
                    if avail == 0 {
                        f += 1;
                        y = 0;
                        continue;
                    }
                    let mut take = avail.min(n - from);
                    // A paragraph's first line alone at the foot of a column (an orphan) goes on
                    // to the next column with the rest, where a later column that gave up a line
                    // to levelling can take it back.
                    if widows.is_some() && from == 0 && take == 1 && n >= 2 && y > 0 && frames[f].flex {
                        let full = widows.unwrap_or(&[]);
                        if let Some(k) = (f + 1..frames.len()).find(|&k| frames[k].flex && targets[k] < full[k]) {
                            targets[k] += 1;
                            f += 1;
                            y = 0;
                            continue;
                        }
                    }
                    let mut widow = false;
                    if short_end && n - from - take == 1 && take >= 2 && frames[f].flex {
                        let full = widows.unwrap_or(&[]);
                        if let Some(k) = (f + 1..frames.len()).find(|&k| frames[k].flex && targets[k] < full[k]) {
                            targets[k] += 1;
                            take -= 1;
                            widow = true;
                        }
                    }
                    slices.push(Slice { block: frames[f].block, unit: ui, from, to: from + take, col: frames[f].col, top: frames[f].top + y, start: frames[f].top });
                    from += take;
                    y += take;
                    if widow {
                        // The frame ends here, a line short.
                        f += 1;
                        y = 0;
                    }
                }
            }
        }
    }
    (slices, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cols(n: u32, top: u32) -> impl Fn(u32) -> Vec<Interval> {
        move |bottom| (0..n).map(|col| Interval { block: 0, col, top, bottom, flex: true }).collect()
    }

    fn ends(f: &Flow, n: u32) -> Vec<u32> {
        (0..n).map(|c| f.slices.iter().filter(|s| s.col == c).map(|s| s.top + s.to - s.from).max().unwrap_or(0)).collect()
    }

    #[test]
    fn balances_columns_within_one_line() {
        let units = [Unit::Para(10), Unit::Keep(3), Unit::Para(40), Unit::Para(7), Unit::Para(33)];
        let f = flow(&units, 0, 100, cols(4, 0));
        assert_eq!(f.overset, 0);
        let e = ends(&f, 4);
        let (lo, hi) = (*e.iter().min().unwrap(), *e.iter().max().unwrap());
        assert!(hi - lo <= 1 + 2, "ends {e:?}");
        assert!(hi < 100);
        let placed: u32 = f.slices.iter().map(|s| s.to - s.from).sum();
        assert_eq!(placed, 93);
    }

    #[test]
    fn plain_text_levels_exactly() {
        let units = [Unit::Para(793)];
        let f = flow(&units, 0, 200, cols(8, 0));
        let e = ends(&f, 8);
        assert_eq!(*e.iter().max().unwrap() - *e.iter().min().unwrap(), 1, "{e:?}");
    }

    #[test]
    fn reports_overset() {
        let units = [Unit::Para(50), Unit::Para(30)];
        let f = flow(&units, 0, 30, cols(2, 0));
        assert_eq!(f.overset, 20);
    }

    #[test]
    fn a_tighter_pitch_holds_more_lines_per_interval() {
        // 34 grid lines hold 35 lines at 97% of the pitch (the 35th line's top is 33.98
        // pitches down), 34 at 98%, and 33 at 103%.
        assert_eq!(lines_at_pitch(34, 0.97), 35);
        assert_eq!(lines_at_pitch(34, 0.98), 34);
        assert_eq!(lines_at_pitch(34, 1.03), 33);
        assert_eq!(lines_at_pitch(1, 0.97), 1);
        assert_eq!(lines_at_pitch(0, 0.97), 0);
        // Two columns of 34 lines: 70 lines fit at 97%, not at the grid's pitch.
        let units = [Unit::Para(70)];
        assert_eq!(flow(&units, 0, 34, cols(2, 0)).overset, 2);
        let f = flow_pitched(&units, 0, 34, cols(2, 0), |n| lines_at_pitch(n, 0.97));
        assert_eq!(f.overset, 0);
        // Each column's slice starts on its interval's first grid line.
        assert!(f.slices.iter().all(|s| s.start == 0 && s.top == 0), "{:?}", f.slices);
    }

    #[test]
    fn a_short_last_line_takes_the_line_before_it_along() {
        // 21 lines in two columns: 11 + 10, which would open column 2 with the first
        // paragraph's last line alone.
        let units = [Unit::ParaShortEnd(12), Unit::Para(9)];
        let f = flow(&units, 0, 30, cols(2, 0));
        assert_eq!(f.overset, 0);
        let second = f.slices.iter().find(|s| s.col == 1).unwrap();
        assert_eq!((second.unit, second.from, second.to), (0, 10, 12), "{:?}", f.slices);
        let e = ends(&f, 2);
        assert!(e[0].abs_diff(e[1]) <= 1, "{e:?}");
        // A plain paragraph is split where the balance puts it.
        let f = flow(&[Unit::Para(12), Unit::Para(9)], 0, 30, cols(2, 0));
        let second = f.slices.iter().find(|s| s.col == 1).unwrap();
        assert_eq!((second.from, second.to), (11, 12));
    }

    #[test]
    fn subhead_never_ends_a_column() {
        // Column 1 would have room for the subhead and one line under it: it moves on.
        let units = [Unit::Para(8), Unit::Keep(3), Unit::Para(12)];
        let f = flow(&units, 0, 14, cols(2, 0));
        assert_eq!(f.overset, 0);
        let keep = f.slices.iter().find(|s| s.unit == 1).unwrap();
        let under: u32 = f.slices.iter().filter(|s| s.unit == 2 && s.col == keep.col).map(|s| s.to - s.from).sum();
        assert!(under >= KEEP_WITH_NEXT, "a subhead with {under} lines under it: {:?}", f.slices);
    }
}
