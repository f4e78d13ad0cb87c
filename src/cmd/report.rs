//! Reports: the preflight's findings and measures, for people and for programs.
//!
//! Takes a finished run ([`crate::session::Report`]) — or the diagnostics of a run that stopped
//! before the preflight — and gives text: the human report of `folio check` (findings grouped by
//! page and story, each with its TOML file, line and column, the source line and a hint), the
//! JSON report of `--format json` (schema `folio-report/1`, documented in README.md), and the
//! one line per page that `folio build` prints.

use std::collections::BTreeMap;
use std::path::PathBuf;

use codespan_reporting::term::termcolor::{Buffer, ColorChoice, StandardStream, WriteColor};
use serde::Serialize;

use crate::cli::ReportFormat as Format;
use crate::diag::{Diagnostic, Severity};
use crate::session::Report;
use crate::check::preflight::{self, Finding};

/// The JSON report's schema identifier.
pub const SCHEMA: &str = "folio-report/1";

/// A photo in the report.
#[derive(Debug, Clone, Serialize)]
pub struct PhotoSummary {
    /// The story file.
    pub story: PathBuf,
    /// The `file = …` value.
    pub file: String,
    /// Pixels as printed (after the EXIF orientation).
    pub pixels: [u32; 2],
    /// Placed image size in mm (width, height).
    pub placed_mm: [f64; 2],
    /// Effective resolution at that size.
    pub ppi: f64,
    /// `gray`, `rgb` or `cmyk`, as delivered.
    pub colour: crate::input::photos::PhotoColour,
    /// EXIF orientation of the file (1 = upright); folio prints the photo upright.
    pub orientation: u8,
    /// Converted to grayscale (mono page).
    pub grayscale: bool,
    /// Downsampled to the edition's target resolution.
    pub downsampled: bool,
    /// Bytes of the file.
    pub bytes_before: u64,
    /// Bytes embedded.
    pub bytes_after: u64,
}

/// A story's block in the report: where it is, who placed it, and the characters it holds
/// against the copy it has.
///
/// Characters are counted as the desk counts space (栏宽 × 行数): lines × the format's
/// `column_chars` (characters per column line), so a paragraph's short last line and a subhead
/// count whole lines. `capacity_lines` are every column's free lines under the head, beside the
/// lead box and photos, to the block's foot (and in continuation blocks, less the jump note's
/// line); `copy_lines` are the lines the copy sets (subheads by the grid lines they take), both
/// as built (with copyfit's tracking and leading, at the story's pitch).
#[derive(Debug, Clone, Serialize)]
pub struct BlockSummary {
    /// The story file.
    pub story: PathBuf,
    /// `hand` (the story file's `[block]`) or `folio` (placed automatically).
    pub placed: &'static str,
    /// First column (1-based).
    pub column: u32,
    /// Columns spanned.
    pub span: u32,
    /// First grid line (0 = the type area's top).
    pub top: u32,
    /// Grid lines deep.
    pub height: u32,
    /// The head area's grid lines where the block sets them (`head = N`), else none.
    pub head: Option<u32>,
    /// The headline's size in pt where the block sets it (`head_size`), else none (the span's).
    pub head_size: Option<f64>,
    /// An L-shaped block's bottom-right corner left to other stories, `[span, height]`.
    pub cutout: Option<[u32; 2]>,
    /// Lines the story takes back by setting paragraphs tighter (`squeeze = N`), else none.
    pub squeeze: Option<u32>,
    /// The block's copy set in columns of its own (变栏, `text_columns = N`), else none.
    pub text_columns: Option<u32>,
    /// The head is set vertically (竖题, `vertical = true`).
    pub vertical: bool,
    /// A photo stands above the head across the block (题上图, `above_head = true`).
    pub photo_above_head: bool,
    /// Continuation blocks (转版) the story also fills.
    pub jumps: usize,
    /// Characters per column line (the format's `column_chars`).
    pub chars_per_line: u32,
    /// Lines the blocks hold for copy.
    pub capacity_lines: u32,
    /// Lines the copy sets.
    pub copy_lines: u32,
    /// `capacity_lines` × `chars_per_line`.
    pub capacity_chars: u32,
    /// `copy_lines` × `chars_per_line`.
    pub copy_chars: u32,
    /// `capacity_chars` − `copy_chars`: characters to add when positive (the copy is short),
    /// to cut when negative (the copy is over).
    pub spare_chars: i64,
    /// Characters of the copy as written (body, sections' subheads and paragraphs, lead box,
    /// attribution; spaces and line breaks not counted): the count a reporter delivers.
    pub text_chars: usize,
    /// Characters folio advises cutting from the story's end for a better page (fewer heads
    /// side by side, narrowed photos, long legs, widows or orphans: a `better-with-cuts`
    /// finding), `folio check` only; none when the page needs no cut.
    pub advised_cut_chars: Option<u32>,
    /// Characters folio advises adding to the story for a better page (its block there has
    /// room for them; the same finding), `folio check` only; none when the page needs none.
    pub advised_add_chars: Option<u32>,
}

/// One page in the report.
#[derive(Debug, Clone, Serialize)]
pub struct PageSummary {
    /// Printed page number.
    pub number: u32,
    /// The page's format (a key of `layouts/formats.toml`).
    pub format: String,
    /// Stories on the page.
    pub stories: usize,
    /// Body lines of copy.
    pub body_lines: u32,
    /// Lines that do not fit, over all stories.
    pub overset_lines: u32,
    /// Empty lines under the columns, over all stories.
    pub underset_lines: u32,
    /// Photos.
    pub photos: Vec<PhotoSummary>,
    /// Every story's block, hand-placed or not, in the page's order.
    pub blocks: Vec<BlockSummary>,
    /// Maximum total area coverage, percent.
    pub max_ink: f64,
    /// Photos delivered in RGB (separated into CMYK through the newsprint profile on the plates).
    pub rgb_photos: usize,
    /// Errors on the page.
    pub errors: usize,
    /// Warnings on the page.
    pub warnings: usize,
}

/// One finding in the JSON report.
#[derive(Debug, Clone, Serialize)]
pub struct FindingJson {
    /// `error` or `warning`.
    pub severity: Severity,
    /// Stable code, e.g. `overset`.
    pub code: crate::diag::Code,
    /// Printed page number, if the finding concerns a page.
    pub page: Option<u32>,
    /// Story file, if the finding concerns a story.
    pub story: Option<PathBuf>,
    /// File the finding points into.
    pub file: Option<PathBuf>,
    /// 1-based line in `file`.
    pub line: Option<usize>,
    /// 1-based column in `file`.
    pub column: Option<usize>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hints: Vec<String>,
}

/// The whole JSON report.
#[derive(Debug, Clone, Serialize)]
pub struct JsonReport {
    /// Always [`SCHEMA`].
    pub schema: &'static str,
    /// The edition's directory name.
    pub edition: String,
    /// True when there are no errors.
    pub ok: bool,
    /// Number of errors.
    pub errors: usize,
    /// Number of warnings.
    pub warnings: usize,
    /// Pages in order (empty when the edition did not compile).
    pub pages: Vec<PageSummary>,
    /// Every finding, in report order.
    pub findings: Vec<FindingJson>,
}

/// Per-page figures of a finished run.
pub fn pages(report: &Report) -> Vec<PageSummary> {
    let c = &report.compiled;
    let e = &report.edition;
    e.file
        .value
        .pages
        .iter()
        .enumerate()
        .map(|(pi, spec)| {
            let fits: Vec<_> = c.fits.iter().filter(|f| f.page == pi).collect();
            let on_page = |f: &&Finding| f.page_index == Some(pi);
            let photos = c
                .photos
                .iter()
                .filter(|p| p.page == pi)
                .map(|p| PhotoSummary {
                    story: e.stories[pi].get(p.story).map(|s| s.display.clone()).unwrap_or_default(),
                    file: p.file.clone(),
                    pixels: p.pixels,
                    placed_mm: [round1(p.placed_pt[0] / crate::input::grid::PT_PER_MM), round1(p.placed_pt[1] / crate::input::grid::PT_PER_MM)],
                    ppi: round1(p.ppi),
                    colour: p.colour,
                    orientation: p.orientation,
                    grayscale: p.actions.grayscale,
                    downsampled: p.actions.downsampled,
                    bytes_before: p.bytes_before,
                    bytes_after: p.bytes_after,
                })
                .collect();
            let ink = report.measures.ink.get(pi);
            let format = report.compiled.data.pages.get(pi).map(|p| &p.format);
            let blocks = e.stories[pi]
                .iter()
                .enumerate()
                .filter_map(|(si, story)| {
                    let fit = fits.iter().find(|f| f.story == si)?;
                    let b = story.value.block.as_ref()?.get_ref();
                    let by_folio = report.placed.iter().any(|pl| pl.page == pi && pl.blocks.iter().any(|b| b.story == si));
                    Some(BlockSummary {
                        story: story.display.clone(),
                        placed: if by_folio { "folio" } else { "hand" },
                        column: b.column,
                        span: b.span,
                        top: b.top,
                        height: format.map_or(0, |f| crate::input::content::block_lines(b, f)),
                        head: b.head,
                        head_size: b.head_size,
                        cutout: b.cutout.map(|c| [c.span, c.height]),
                        squeeze: b.squeeze,
                        text_columns: b.text_columns,
                        vertical: story.value.vertical,
                        photo_above_head: story.value.photos.iter().any(|p| p.is_above_head()),
                        jumps: story.value.jumps.len(),
                        chars_per_line: fit.chars_per_line,
                        capacity_lines: fit.capacity,
                        copy_lines: fit.lines,
                        capacity_chars: fit.capacity * fit.chars_per_line,
                        copy_chars: fit.lines * fit.chars_per_line,
                        spare_chars: (i64::from(fit.capacity) - i64::from(fit.lines)) * i64::from(fit.chars_per_line),
                        text_chars: story.value.text_chars(),
                        advised_cut_chars: report.placed.iter().filter(|pl| pl.page == pi).filter_map(|pl| pl.advice.as_ref()).flat_map(|a| &a.cuts).find(|c| c.story == si).map(|c| c.chars),
                        advised_add_chars: report.placed.iter().filter(|pl| pl.page == pi).filter_map(|pl| pl.advice.as_ref()).flat_map(|a| &a.adds).find(|c| c.story == si).map(|c| c.chars),
                    })
                })
                .collect();
            PageSummary {
                number: spec.number,
                format: spec.format_name(&report.edition.file.value.edition).to_string(),
                stories: report.edition.stories[pi].len(),
                body_lines: fits.iter().map(|f| f.lines).sum(),
                overset_lines: fits.iter().map(|f| f.overset).sum(),
                underset_lines: fits.iter().map(|f| f.underset).sum(),
                photos,
                blocks,
                max_ink: ink.map_or(0.0, |i| round1(i.max_tac)),
                rgb_photos: ink.map_or(0, |i| i.rgb_photos),
                errors: report.preflight.iter().filter(on_page).filter(|f| f.is_error()).count(),
                warnings: report.preflight.iter().filter(on_page).filter(|f| !f.is_error()).count(),
            }
        })
        .collect()
}

/// A number with its thousands set off by a space, as the desk writes them: 1 230.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(' ');
        }
        out.push(ch);
    }
    out
}

/// A block's line of the human report: `duchang: block 3 cols × 40 lines (folio) holds ~1 230
/// characters, copy 1 180 (50 short)`.
pub fn block_line(b: &BlockSummary) -> String {
    let name = b.story.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let jumps = match b.jumps {
        0 => String::new(),
        n => crate::tr!("report-jump-blocks", n = n),
    };
    let balance = match b.spare_chars {
        0 => crate::tr!("report-balance-exact"),
        d if d > 0 => crate::tr!("report-balance-short", chars = thousands(d.unsigned_abs())),
        d => crate::tr!("report-balance-over", chars = thousands(d.unsigned_abs())),
    };
    let advised = match (b.advised_cut_chars, b.advised_add_chars) {
        (Some(n), _) => crate::tr!("report-advised-cut", chars = thousands(u64::from(n))),
        (None, Some(n)) => crate::tr!("report-advised-add", chars = thousands(u64::from(n))),
        (None, None) => String::new(),
    };
    crate::tr!(
        "report-block-line",
        advised = advised,
        name = name,
        cols = crate::tr!("count-cols", n = b.span as usize),
        lines = b.height,
        jumps = jumps,
        placed = if b.placed == "folio" { crate::tr!("report-placed-by-folio") } else { crate::tr!("report-placed-by-hand") },
        capacity = thousands(u64::from(b.capacity_chars)),
        copy = thousands(u64::from(b.copy_chars)),
        balance = balance,
    )
}

fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1_000_000.0)
}

/// The one-line summary of a page, as `folio build` prints it.
pub fn page_line(p: &PageSummary) -> String {
    let mut parts = vec![crate::tr!("count-stories", n = p.stories), crate::tr!("count-body-lines", n = p.body_lines)];
    if p.overset_lines > 0 {
        parts.push(crate::tr!("count-overset-lines", n = p.overset_lines));
    }
    if !p.photos.is_empty() {
        let min = p.photos.iter().map(|ph| ph.ppi).fold(f64::INFINITY, f64::min);
        let mut s = crate::tr!("report-photos", photos = crate::tr!("count-photos", n = p.photos.len()), ppi = format!("{min:.0}"));
        let saved: u64 = p.photos.iter().filter(|ph| ph.downsampled).map(|ph| ph.bytes_before.saturating_sub(ph.bytes_after)).sum();
        if saved > 0 {
            s.push_str(&crate::tr!("report-downsampled", size = megabytes(saved)));
        }
        if p.photos.iter().any(|ph| ph.grayscale) {
            s.push_str(&crate::tr!("report-grayscale"));
        }
        parts.push(s);
    }
    parts.push(crate::tr!("report-ink-max", percent = format!("{:.0}", p.max_ink)));
    let verdict = match (p.errors, p.warnings) {
        (0, 0) => crate::tr!("report-ok"),
        (0, w) => crate::tr!("count-warnings", n = w),
        (e, 0) => crate::tr!("count-errors", n = e),
        (e, w) => crate::tr!("report-list-two", a = crate::tr!("count-errors", n = e), b = crate::tr!("count-warnings", n = w)),
    };
    crate::tr!("report-page-line", page = p.number, parts = parts.join(&crate::tr!("report-separator")), verdict = verdict)
}

/// Print `folio build`'s summary: one line per page on stdout.
pub fn print_build_summary(report: &Report) {
    for p in pages(report) {
        crate::outln!("{}", page_line(&p));
    }
}

/// When a build's preflight found errors: print the page lines and the failure, and give the
/// exit code (nothing was written). `None` when the build may go on.
pub fn build_failed(report: &Report) -> Option<i32> {
    let errors = report.preflight.iter().filter(|f| f.is_error()).count();
    if errors == 0 {
        return None;
    }
    print_build_summary(report);
    eprintln!("{}", crate::tr!("report-build-failed", errors = crate::tr!("count-errors", n = errors)));
    Some(crate::cmd::FAILED)
}

/// Print findings to stderr in typst's style (for `build`).
pub fn emit(findings: &[Finding]) {
    let choice = if std::io::IsTerminal::is_terminal(&std::io::stderr()) { ColorChoice::Auto } else { ColorChoice::Never };
    let mut stderr = StandardStream::stderr(choice);
    for f in findings {
        f.diag.emit(&mut stderr);
    }
}

fn render(d: &Diagnostic, colour: bool) -> String {
    let mut buf = if colour { Buffer::ansi() } else { Buffer::no_color() };
    d.emit(&mut buf as &mut dyn WriteColor);
    String::from_utf8_lossy(buf.as_slice()).into_owned()
}

fn indent(text: &str, by: &str) -> String {
    text.lines().map(|l| if l.is_empty() { String::from("\n") } else { format!("{by}{l}\n") }).collect()
}

/// The human report: a heading per page with its summary line, its findings grouped by story
/// (each with file, line, column, source line and hint), then findings that concern no page.
pub fn human(edition: &str, pages: &[PageSummary], findings: &[Finding], colour: bool) -> String {
    let mut out = String::new();
    // page index → story → findings; None page last.
    let mut by_page: BTreeMap<Option<usize>, BTreeMap<Option<PathBuf>, Vec<&Finding>>> = BTreeMap::new();
    for f in findings {
        by_page.entry(f.page_index).or_default().entry(f.story.clone()).or_default().push(f);
    }
    for (pi, p) in pages.iter().enumerate() {
        out.push_str(&page_line(p));
        out.push('\n');
        for b in &p.blocks {
            out.push_str(&format!("  {}\n", block_line(b)));
        }
        if let Some(stories) = by_page.remove(&Some(pi)) {
            for (story, fs) in stories {
                let head = story.map_or_else(|| crate::tr!("report-the-page"), |s| s.display().to_string());
                out.push_str(&format!("  {head}\n"));
                // Of each kind of typographic warning, the first few of a story in full and
                // a line for the rest, as `build` prints them (a story's eight short columns
                // each in full until session 40; `--format json` lists every one).
                let mut seen = [0usize; crate::cmd::SUMMARISED.len()];
                for f in fs {
                    if let Some(k) = crate::cmd::summarised(&f.diag) {
                        seen[k] += 1;
                        if seen[k] > crate::cmd::SHOWN {
                            continue;
                        }
                    }
                    out.push_str(&indent(&format!("[{}] {}", f.code, render(&f.diag, colour)), "    "));
                }
                for (code, n) in crate::cmd::SUMMARISED.iter().zip(seen).filter(|(_, n)| *n > crate::cmd::SHOWN) {
                    out.push_str(&format!("    {}\n", crate::tr!("more-warnings", n = n - crate::cmd::SHOWN, code = code.as_str())));
                }
            }
        }
    }
    let rest: Vec<&Finding> = by_page.into_values().flat_map(|m| m.into_values().flatten()).collect();
    if !rest.is_empty() {
        out.push_str(&if pages.is_empty() { crate::tr!("report-the-edition") } else { crate::tr!("report-not-on-page") });
        out.push('\n');
        for f in rest {
            out.push_str(&indent(&format!("[{}] {}", f.code, render(&f.diag, colour)), "    "));
        }
    }
    let errors = findings.iter().filter(|f| f.is_error()).count();
    let warnings = findings.len() - errors;
    out.push_str(&crate::tr!(
        "report-edition-line",
        edition = edition,
        pages = crate::tr!("count-pages", n = pages.len()),
        errors = crate::tr!("count-errors", n = errors),
        warnings = crate::tr!("count-warnings", n = warnings)
    ));
    out.push('\n');
    out
}

/// The JSON report.
pub fn json(edition: &str, pages: Vec<PageSummary>, findings: &[Finding]) -> JsonReport {
    let errors = findings.iter().filter(|f| f.is_error()).count();
    JsonReport {
        schema: SCHEMA,
        edition: edition.to_string(),
        ok: errors == 0,
        errors,
        warnings: findings.len() - errors,
        pages,
        findings: findings
            .iter()
            .map(|f| {
                let lc = f.diag.line_col();
                FindingJson {
                    severity: f.diag.severity,
                    code: f.code,
                    page: f.page,
                    story: f.story.clone(),
                    file: f.diag.path.clone(),
                    line: lc.map(|(l, _)| l),
                    column: lc.map(|(_, c)| c),
                    message: f.diag.message.clone(),
                    hints: f.diag.hints.clone(),
                }
            })
            .collect(),
    }
}

/// Findings of a run that stopped before the preflight (content or template errors).
pub fn early_findings(diags: Vec<Diagnostic>) -> Vec<Finding> {
    diags.into_iter().map(|d| preflight::from_diagnostic(d, None)).collect()
}

/// The edition's name as a report shows it, from its directory.
pub fn edition_name(dir: &std::path::Path) -> String {
    dir.canonicalize()
        .ok()
        .as_deref()
        .unwrap_or(dir)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "edition".into())
}

/// Print a report in `format` to stdout: the finished run's, or the findings of a run that
/// stopped early. Gives the exit code: 1 when there are errors.
pub fn print(format: Format, edition: &str, report: Option<&Report>, findings: &[Finding]) -> i32 {
    let pages = report.map(pages).unwrap_or_default();
    match format {
        Format::Json => {
            let j = json(edition, pages, findings);
            crate::outln!("{}", serde_json::to_string_pretty(&j).expect("serializable"));
        }
        Format::Human => {
            let colour = std::io::IsTerminal::is_terminal(&std::io::stdout());
            crate::out!("{}", human(edition, &pages, findings, colour));
        }
    }
    if findings.iter().any(Finding::is_error) { crate::cmd::FAILED } else { crate::cmd::OK }
}
