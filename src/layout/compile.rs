//! Stage 3: compile an edition with Typst, in two passes.
//!
//! Takes a loaded [`Edition`] and a [`FolioWorld`] and gives a [`Compiled`] edition: the Typst
//! documents of the single pages and of the spread sheets, the page data they were drawn from,
//! and how each story fits. Pass 1 sets the galley (`layouts/galley.typ`); folio measures it and
//! flows the copy onto the grid ([`crate::layout::compose`]); pass 2 draws the pages
//! (`layouts/edition.typ`), and the spread sheets are made from them ([`spread_sheets`]; only a
//! sheet with something across its fold is laid out again, by `layouts/spread.typ`). Typst's
//! diagnostics come back as folio [`Diagnostic`]s with the template file, line and source text.

use typst::World;
use typst_layout::PagedDocument;

use crate::layout::compose::{self, PagesData, StoryFit};
use crate::input::content::Edition;
use crate::diag::{log, Diagnostic, Diagnostics};
use crate::layout::galley;
use crate::input::grid::Formats;
use crate::layout::photos;
use crate::layout::world::{convert, DataFile, FolioWorld};

/// Main file of pass 1.
pub const GALLEY_MAIN: &str = "galley.typ";
/// Main file of pass 2 (single pages).
pub const EDITION_MAIN: &str = "edition.typ";
/// Main file of pass 2 (spread sheets).
pub const SPREAD_MAIN: &str = "spread.typ";

/// A compiled edition.
pub struct Compiled {
    /// The pages, one per edition page.
    pub document: PagedDocument,
    /// The spread sheets, one per pair of facing pages.
    pub spreads: PagedDocument,
    /// The galley of pass 1, one page per piece (kept for the reuse guard, `tests/incremental.rs`).
    pub galley: PagedDocument,
    /// Number of pages.
    pub pages: usize,
    /// What pass 2 drew.
    pub data: PagesData,
    /// How each story's copy fits its block.
    pub fits: Vec<StoryFit>,
    /// Typst's warnings.
    pub warnings: Vec<Diagnostic>,
    /// Every placed photo as checked and prepared for pass 2 ([`photos::prepare`]).
    pub photos: Vec<photos::Prepared>,
}

/// The colour route of a compile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Colour {
    /// Press: text, rules and tints in DeviceCMYK K only.
    #[default]
    Cmyk,
    /// Archive: gray (PDF/A in typst 0.15.1 refuses CMYK without an ICC profile).
    Gray,
}

/// Options that change what the templates draw.
#[derive(Debug, Clone, Copy, Default, serde::Serialize)]
pub struct OutputOptions {
    /// Colour route.
    pub colour: Colour,
    /// Separate RGB photos into CMYK through the newsprint profile (the press plates; only on
    /// the [`Colour::Cmyk`] route). Not part of the templates' data: a compile that only
    /// changes this reuses every layout but the photos'.
    #[serde(skip)]
    pub separate_photos: bool,
    /// Serve JPEGs printed as delivered as one-page PDFs that draw them
    /// ([`crate::layout::forms`]): Typst then decodes none of their pixels. For a compile whose
    /// pages only go to PDF (`build`, `watch`, `check`); never for the archive (PDF/A forbids
    /// embedded PDF pages) or the plates, nor for what is rendered to PNG or SVG (proofs,
    /// preview). Not part of the templates' data either.
    #[serde(skip)]
    pub photo_forms: bool,
}

/// Compile an edition (both passes) on the press colour route, photos as delivered (the proofs).
pub fn compile(world: &mut FolioWorld, edition: &Edition, formats: &Formats) -> Result<Compiled, Diagnostics> {
    compile_with(world, edition, formats, OutputOptions::default())
}

/// What pass 1 gives: the galley, what it measured, its document and Typst's warnings.
pub struct Pass1 {
    /// The galley: every story's pieces at their widths.
    pub galley: galley::Galley,
    /// Each galley item's height and lines.
    pub measures: Vec<galley::Measure>,
    /// The galley document, one page per item.
    pub document: PagedDocument,
    /// Typst's warnings.
    pub warnings: Vec<Diagnostic>,
}

/// Pass 1 alone: the galley of `edition`, heads and lead boxes at the widths `spans` asks for,
/// set and measured in `world`. A compile runs it with [`galley::Spans::Own`]; a placement
/// search with [`galley::Spans::All`], then fits blocks with [`compose::Fitter`].
pub fn measure_galley(world: &mut FolioWorld, edition: &Edition, formats: &Formats, spans: galley::Spans) -> Result<Pass1, Diagnostics> {
    let (y, m, d) = edition.date();
    world.set_today(y as i32, m, d);
    let mut galley = galley::build_with(edition, formats, spans);
    // Every paragraph whose numbers keep their units is also set with them parted: the
    // setting it keeps is chosen once both are measured ([`galley::Galley::settle_parted`]).
    let parted = galley.add_parted();
    let galley_json = serde_json::json!({ "formats": formats, "item_formats": galley.item_formats, "items": galley.items });
    world.set_versioned(DataFile::Galley, &galley_json);
    world.set_main(FolioWorld::layout_id(GALLEY_MAIN));
    let t = std::time::Instant::now();
    let (document, warnings) = run(world)?;
    log(&format!("pass 1 in {:?}", t.elapsed()));
    let mut measures = galley::measure(&galley, &document).map_err(|e| {
        Diagnostics::from(Diagnostic::error(crate::tr!("template-error", file = GALLEY_MAIN, error = e.to_string())).hint(crate::tr!("galley-order-hint")))
    })?;
    galley.settle_parted(&mut measures, parted);
    Ok(Pass1 { galley, measures, document, warnings })
}

/// Compile an edition (both passes) with the given output options.
pub fn compile_with(
    world: &mut FolioWorld,
    edition: &Edition,
    formats: &Formats,
    output: OutputOptions,
) -> Result<Compiled, Diagnostics> {
    compile_then(world, edition, formats, output, &|_| ())
}

/// What a compile hands the caller's work beside it (see [`compile_then`]).
pub enum Beside<'a> {
    /// During passes 1 and 2: the photos made ready for pass 2 ([`photos::prewarm`]).
    Photos(&'a [photos::Ahead]),
    /// During the spread sheets' layout: the pages.
    Pages(&'a PagedDocument),
}

/// [`compile_with`], running `beside` on a thread of its own with the photos made ready for
/// pass 2 (from pass 1 to the end of pass 2), and on the other core with the pages while the
/// spread sheets are made: the session measures the photos' ink there for the preflight.
pub fn compile_then(
    world: &mut FolioWorld,
    edition: &Edition,
    formats: &Formats,
    output: OutputOptions,
    beside: &(dyn Fn(Beside<'_>) + Sync),
) -> Result<Compiled, Diagnostics> {
    world.set_versioned(DataFile::Output, &output);
    let font_files = world.font_files();
    std::thread::scope(|scope| {
        // The photos' work runs on a thread of its own from here to the end of pass 2, beside the
        // galley, the flow and the pages' layout: their headers are read (the flow needs them),
        // the photos Typst will draw made ready for it (wrapped as forms, or decoded through its
        // memoized decoder), their ink measured (`beside`), and every photo decoded in full,
        // strictly (a truncated file is an error; a form's ink decode is its verification). A
        // photo's error comes first, as if the photos were checked before anything else.
        let (tx, rx) = std::sync::mpsc::channel();
        // Pass 1 done (or failed: the sender dropped): the fonts it maps are mapped.
        let (pass1_done, after_pass1) = std::sync::mpsc::channel::<()>();
        let photo_work = scope.spawn(move || {
            let infos = crate::input::photos::inspect_all(edition);
            let ok = infos.is_ok();
            let ahead = if ok { photos::prewarm(edition, formats, output.photo_forms) } else { Vec::new() };
            let _ = tx.send(infos);
            if !ok {
                return Ok(());
            }
            beside(Beside::Photos(&ahead));
            let verified = crate::input::photos::verify_all(edition);
            log("photos measured and verified");
            // Then, once pass 1 has mapped the fonts, their mappings cut for the export's reads
            // while pass 2 runs.
            let _ = after_pass1.recv();
            font_files.split_mapped();
            log("font mappings cut");
            verified
        });
        // Pass 1: the galley.
        let pass1 = measure_galley(world, edition, formats, galley::Spans::Own);
        drop(pass1_done);
        let infos = match rx.recv() {
            Ok(infos) => infos,
            Err(_) => match photo_work.join() {
                Err(panic) => std::panic::resume_unwind(panic),
                Ok(_) => unreachable!("the photos' thread sends their headers before it ends"),
            },
        };
        let infos = infos.map_err(Diagnostics)?;
        // Every photo is decoded in full (strictly: a truncated file is an error) beside pass 2;
        // an error before that is reported after the photos' own, as if they were checked first.
        let verified = |e: Diagnostics| match crate::input::photos::verify_all(edition) {
            Err(photos) => Diagnostics(photos),
            Ok(()) => e,
        };
        let Pass1 { galley, measures, document: doc, mut warnings } = pass1.map_err(verified)?;

        // Flow onto the grid.
        let locate = |story: &crate::input::content::Loaded<crate::input::content::Story>, i: usize| -> Option<crate::input::photos::PhotoInfo> {
            edition.stories.iter().zip(&infos).find_map(|(page, pinfos)| {
                page.iter().position(|s| std::ptr::eq(s, story)).and_then(|si| pinfos[si].get(i).copied())
            })
        };
        let t = std::time::Instant::now();
        let (mut data, fits) = compose::compose(edition, formats, &galley, &measures, &locate, world.root());
        log(&format!("compose in {:?}", t.elapsed()));
        // Every display text is segmented (galley and banners): the word dictionary, if this
        // build loaded it, is freed before pass 2 and the export (unless a session keeps it).
        crate::input::phrases::release_dictionary();
        let outside = photos_outside(edition, &fits);
        if !outside.is_empty() {
            return Err(verified(Diagnostics(outside)));
        }

        // Photos at their placed size: resolution, grayscale for mono pages, downsampling, and
        // CMYK for the plates.
        let separate = output.separate_photos && output.colour == Colour::Cmyk;
        let t = std::time::Instant::now();
        let (prepared, ears) = photos::prepare(world, edition, &mut data, separate, output.photo_forms && !separate);
        log(&format!("photos in {:?}", t.elapsed()));
        // Over the edition's photo budget: refused before Typst decodes any of them.
        let mut over: Vec<Diagnostic> = prepared
            .iter()
            .filter(|p| p.over_budget)
            .filter_map(|p| {
                let story = edition.stories.get(p.page)?.get(p.story)?;
                let photo = story.value.photos.get(p.photo)?;
                Some(story.error(photo.file.span(), crate::tr!("photo-error", file = p.file, error = p.error.as_deref().unwrap_or_default())).code(crate::diag::Code::PhotoUnreadable)
                    .hint(crate::tr!("photo-budget-hint")))
            })
            .collect();
        // An ear photo over the budget, or one that could not be made ready for print (never its
        // delivered colours on the plates): an error at its key in edition.toml.
        for p in ears.iter().filter(|p| p.error.is_some()) {
            let file = &edition.file;
            let at = file.key_span(&["pages", &p.page.to_string(), "ear", "photo"], 0..0);
            let name = edition.file.value.pages.get(p.page).and_then(|d| d.ear.as_ref()).and_then(|e| e.photo.clone()).unwrap_or_default();
            let d = file.error(at, crate::tr!("photo-error", file = name, error = p.error.as_deref().unwrap_or_default())).code(crate::diag::Code::PhotoUnreadable);
            over.push(if p.over_budget { d.hint(crate::tr!("photo-budget-hint")) } else { d });
        }
        if !over.is_empty() {
            return Err(verified(Diagnostics(over)));
        }

        // Pass 2: the pages and spreads.
        world.set_versioned(DataFile::Pages, &data);
        world.set_main(FolioWorld::layout_id(EDITION_MAIN));
        let t = std::time::Instant::now();
        let pages = run(world);
        let checked = photo_work.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        checked.map_err(Diagnostics)?;
        let (document, more) = pages.map_err(|e| photo_errors(world, edition, &data, &prepared).unwrap_or(e))?;
        log(&format!("pass 2 pages in {:?}", t.elapsed()));
        warnings.extend(more);
        // The spread sheets: the pages' frames side by side (a sheet with a banner or a story across
        // the fold is laid out by `spread.typ`, which draws them whole), while the other core
        // measures any image on the pages not measured yet.
        let t = std::time::Instant::now();
        let ((), spreads) = rayon::join(|| beside(Beside::Pages(&document)), || spread_sheets(world, &document, &data));
        let (spreads, more) = spreads.map_err(|e| photo_errors(world, edition, &data, &prepared).unwrap_or(e))?;
        log(&format!("spread sheets in {:?}", t.elapsed()));
        warnings.extend(more);
        let pages = data.pages.len();
        for (main, doc, want) in [(EDITION_MAIN, &document, pages), (SPREAD_MAIN, &spreads, data.spreads.len())] {
            if doc.pages().len() != want {
                return Err(Diagnostic::error(crate::tr!("template-page-count", file = main, made = doc.pages().len(), want = want))
                    .hint(crate::tr!("template-page-count-hint"))
                    .into());
            }
        }
        Ok(Compiled { document, spreads, galley: doc, pages, data, fits, warnings, photos: prepared })
    })
}

/// The spread sheets of `data` (its `spreads`: pairs of indices into the pages, left then
/// right). Each sheet is two trims wide with the pages' bleed around it.
///
/// A sheet with nothing across its fold is made from the pages as laid out in `document`: the
/// left page at its left, the right page one trim width in, each clipped at the fold so that
/// what it draws into its bleed there is not drawn over its neighbour. Nothing is laid out
/// again: it takes no time, and the sheet cannot differ from its pages. A sheet with a banner
/// or a story across the fold (跨版) is laid out by `layouts/spread.typ`, which draws them once
/// and whole (two halves side by side would show a hairline at the fold in a proof).
/// `tests/tabloid_sample.rs` checks that every sheet looks as `spread.typ` lays it out.
fn spread_sheets(world: &mut FolioWorld, document: &PagedDocument, data: &PagesData) -> Result<(PagedDocument, Vec<Diagnostic>), Diagnostics> {
    use typst::foundations::Content;
    use typst::layout::{Abs, Frame, FrameItem, GroupItem, Point, Size};
    use typst::visualize::Curve;
    let pages = document.pages();
    let across = |pair: &[Option<usize>; 2]| {
        pair.iter().flatten().any(|&p| data.pages.get(p).is_some_and(|pg| pg.banner_fold.is_some() || pg.stories.iter().any(|s| s.mirror)))
    };
    let mut sheets: Vec<Option<typst_layout::Page>> = data
        .spreads
        .iter()
        .enumerate()
        .map(|(i, pair)| {
            if across(pair) {
                return None;
            }
            let first = pair.iter().flatten().find_map(|&p| pages.get(p))?;
            let (w, h) = (first.frame.width(), first.frame.height());
            let bleed = first.bleed;
            let mut frame = Frame::hard(Size::new(2.0 * w, h));
            for (side, p) in pair.iter().enumerate() {
                let Some(page) = p.and_then(|p| pages.get(p)) else { continue };
                // The page's own box with its bleed, except on the side of the fold.
                let (x0, x1) = if side == 0 { (-bleed.left, w) } else { (Abs::zero(), w + bleed.right) };
                let mut clip = Curve::new();
                clip.move_(Point::new(x0, -bleed.top));
                clip.line(Point::new(x1, -bleed.top));
                clip.line(Point::new(x1, h + bleed.bottom));
                clip.line(Point::new(x0, h + bleed.bottom));
                clip.close();
                let mut group = GroupItem::new(page.frame.clone());
                group.clip = Some(clip);
                frame.push(Point::with_x(if side == 0 { Abs::zero() } else { w }), FrameItem::Group(group));
            }
            Some(typst_layout::Page { frame, bleed, fill: first.fill.clone(), numbering: None, supplement: Content::empty(), number: i as u64 + 1 })
        })
        .collect();
    let mut warnings = Vec::new();
    let laid: Vec<usize> = (0..sheets.len()).filter(|&i| sheets[i].is_none()).collect();
    if !laid.is_empty() {
        let mut only = data.clone();
        only.spreads = laid.iter().map(|&i| data.spreads[i]).collect();
        world.set_versioned(DataFile::Pages, &only);
        world.set_main(FolioWorld::layout_id(SPREAD_MAIN));
        let result = run(world);
        // What pass 2 drew stays the world's data (`--emit-typst` writes it).
        world.set_versioned(DataFile::Pages, data);
        let (doc, more) = result?;
        warnings = more;
        if doc.pages().len() != laid.len() {
            return Err(Diagnostic::error(crate::tr!("template-sheet-count", file = SPREAD_MAIN, made = doc.pages().len(), want = laid.len()))
                .hint(crate::tr!("template-sheet-count-hint"))
                .into());
        }
        for (&i, page) in laid.iter().zip(doc.pages()) {
            sheets[i] = Some(typst_layout::Page { number: i as u64 + 1, ..page.clone() });
        }
    }
    let sheets = sheets.into_iter().flatten().collect();
    Ok((PagedDocument::new(sheets, typst::model::Document::info(document).clone()), warnings))
}

/// Photos that would be drawn outside their story's block, as errors on their `row` or
/// `height` key (or, when neither is given, on `file`: its aspect ratio made it too tall), or
/// over another photo of the story or its lead box (on the `row` that puts it there).
fn photos_outside(edition: &Edition, fits: &[StoryFit]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for fit in fits {
        let Some(story) = edition.stories.get(fit.page).and_then(|p| p.get(fit.story)) else { continue };
        if let Some(clash) = fit.cutout_clash {
            let what = match clash {
                compose::CutoutClash::Head => crate::tr!("cutout-what-head"),
                compose::CutoutClash::Lead => crate::tr!("cutout-what-lead"),
                compose::CutoutClash::Photo => crate::tr!("cutout-what-photo"),
            };
            let span = story.value.block.as_ref().map_or(0..0, |b| b.span());
            out.push(story.error(story.key_span(&["block", "cutout"], span), crate::tr!("story-cutout-clash", what = what)).hint(crate::tr!("story-cutout-clash-hint")));
        }
        if let Some((j, under)) = fit.photo_over {
            let over = story.value.photos.get(j);
            let d = match (over, under) {
                (Some(over), compose::Under::Photo(i)) => story.value.photos.get(i).map(|other| {
                    let at = over.row.as_ref().map(|r| r.span()).or_else(|| other.row.as_ref().map(|r| r.span())).unwrap_or(over.file.span());
                    story.error(at, crate::tr!("photos-overlap", file = over.file.get_ref(), other = other.file.get_ref())).hint(crate::tr!("photos-overlap-hint"))
                }),
                (Some(over), compose::Under::Lead) => {
                    let at = over.row.as_ref().map_or(over.file.span(), |r| r.span());
                    Some(story.error(at, crate::tr!("photo-over-lead", file = over.file.get_ref())).hint(crate::tr!("photo-over-lead-hint")))
                }
                (None, _) => None,
            };
            out.extend(d);
        }
        for o in &fit.photos_outside {
            let Some(photo) = story.value.photos.get(o.photo) else { continue };
            let file = photo.file.get_ref();
            let avail = o.available;
            let d = if o.lines < o.min_lines {
                let span = photo.height.as_ref().map_or(photo.file.span(), |h| h.span());
                story
                    .error(span, crate::tr!("photo-height-no-room", file = file, lines = o.lines))
                    .hint(crate::tr!("photo-height-no-room-hint", min = o.min_lines))
            } else if let Some(row) = o.row {
                let span = photo.row.as_ref().map_or(photo.file.span(), |r| r.span());
                let fix = if o.lines <= avail {
                    crate::tr!("photo-row-fix", avail = avail, row = avail - o.lines)
                } else {
                    crate::tr!("photo-row-fix-height", avail = avail)
                };
                story
                    .error(span, crate::tr!(
                        "photo-row-outside",
                        file = file,
                        row = row,
                        lines = o.lines,
                        reaches = u64::from(row) + u64::from(o.lines),
                        avail = avail,
                        last = avail.saturating_sub(1),
                    ))
                    .hint(fix)
            } else if let (Some(h), true) = (&photo.height, o.above) {
                story
                    .error(h.span(), crate::tr!("photo-too-tall-above", file = file, lines = o.lines, avail = avail))
                    .hint(crate::tr!("photo-too-tall-hint", avail = avail))
            } else if o.above {
                story
                    .error(photo.file.span(), crate::tr!("photo-aspect-too-tall-above", file = file, lines = o.lines, avail = avail))
                    .hint(crate::tr!("photo-aspect-too-tall-above-hint", avail = avail))
            } else if let Some(h) = &photo.height {
                story
                    .error(h.span(), crate::tr!("photo-too-tall", file = file, lines = o.lines, avail = avail))
                    .hint(crate::tr!("photo-too-tall-hint", avail = avail))
            } else {
                story
                    .error(photo.file.span(), crate::tr!(
                        "photo-aspect-too-tall",
                        file = file,
                        lines = o.lines,
                        columns = crate::layout::galley::photo_place_in(photo, o.photo, story.value.block().get_ref().span).1,
                        avail = avail,
                    ))
                    .hint(crate::tr!("photo-aspect-too-tall-hint", avail = avail))
            };
            out.push(d);
        }
    }
    out
}

/// When pass 2 fails, the photos Typst cannot read, as errors on their story's `file` key
/// (Typst itself would point at the template line that draws every photo). `None` when every
/// photo reads: the failure was something else.
fn photo_errors(world: &FolioWorld, edition: &Edition, data: &PagesData, prepared: &[photos::Prepared]) -> Option<Diagnostics> {
    use typst::visualize::{ExchangeFormat, RasterImage};
    let mut out: Vec<Diagnostic> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for p in prepared {
        let Some(story) = edition.stories.get(p.page).and_then(|s| s.get(p.story)) else { continue };
        let Some(photo) = story.value.photos.get(p.photo) else { continue };
        // What pass 2 draws: the path in the pages' data (the photo's, or folio's copy of it).
        let Some(path) = data.pages.get(p.page).and_then(|pg| pg.stories.get(p.story)).and_then(|s| s.photos.get(p.photo)).map(|ph| ph.path.clone()) else { continue };
        if !seen.insert(path.clone()) {
            continue;
        }
        let problem = if path.is_empty() {
            Some(crate::tr!("photo-not-in-project"))
        } else {
            match world.file(FolioWorld::project_id(&path)) {
                Err(e) => Some(format!("Typst cannot open it: {e}")),
                // A photo folio serves as a one-page PDF: its JPEG is what Typst would decode.
                Ok(bytes) if crate::layout::forms::jpeg_of(bytes.as_slice()).is_some() => {
                    let form = crate::layout::forms::jpeg_of(bytes.as_slice()).expect("just found");
                    RasterImage::plain(typst::foundations::Bytes::new(form.jpeg().to_vec()), ExchangeFormat::Jpg).err().map(|e| format!("Typst cannot decode it: {e}"))
                }
                Ok(bytes) => {
                    // Typst's own rule: the name's extension, else the content.
                    let ext = std::path::Path::new(&path).extension().and_then(|e| e.to_str()).unwrap_or("");
                    let format = match ext {
                        "png" => Some(ExchangeFormat::Png),
                        "jpg" | "jpeg" => Some(ExchangeFormat::Jpg),
                        "gif" => Some(ExchangeFormat::Gif),
                        "webp" => Some(ExchangeFormat::Webp),
                        _ => ExchangeFormat::detect(&bytes),
                    };
                    match format {
                        Some(f) => RasterImage::plain(bytes, f).err().map(|e| format!("Typst cannot decode it: {e}")),
                        None => Some("Typst does not take it for an image".to_string()),
                    }
                }
            }
        };
        if let Some(problem) = problem {
            out.push(
                story
                    .error(photo.file.span(), crate::tr!("photo-error", file = p.file, error = problem))
                    .code(crate::diag::Code::PhotoUnreadable)
                    .hint(crate::tr!("photo-typst-unreadable-hint")),
            );
        }
    }
    (!out.is_empty()).then_some(Diagnostics(out))
}

/// One Typst compile of the world's current main file. A face the templates asked for that the
/// fonts lack is an error before anything else (see [`crate::layout::fonts`]).
fn run(world: &mut FolioWorld) -> Result<(PagedDocument, Vec<Diagnostic>), Diagnostics> {
    let result = world.compile_checked();
    let (font_errors, font_warnings): (Vec<Diagnostic>, Vec<Diagnostic>) =
        result.fonts.into_iter().partition(|d| d.severity == crate::diag::Severity::Error);
    if !font_errors.is_empty() {
        return Err(Diagnostics(font_errors));
    }
    let mut warnings: Vec<Diagnostic> = result.warnings.iter().map(|d| convert(world, d)).collect();
    warnings.extend(font_warnings);
    match result.output {
        Ok(doc) => Ok((doc, warnings)),
        Err(errors) => {
            let mut all: Vec<Diagnostic> = errors.iter().map(|d| convert(world, d)).collect();
            all.extend(warnings);
            Err(Diagnostics(all))
        }
    }
}

