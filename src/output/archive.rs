//! The archive copy: one PDF/A-3b file per edition that carries its own sources.
//!
//! Takes an edition compiled on the archive colour route (gray: typst 0.15.1 refuses PDF/A with
//! uncalibrated CMYK) and gives PDF/A bytes. typst-pdf writes and validates the PDF/A (PDF/A-3b,
//! or PDF/A-2b without attachments); this module then adds, with lopdf, what typst-pdf cannot:
//! the edition's facts in XMP (paper, date, issue, pages, sections, story headlines) in a `folio`
//! schema declared by a PDF/A extension schema, and every file the build read (edition.toml,
//! stories, photos, the layouts used, formats.toml) as associated files with relationship
//! `Source`. [`extract`] lays those files out again as a project (`DIR/layouts/…`,
//! `DIR/content/<edition>/…`) from which the same build gives the same bytes. Fonts are not
//! attached (they are large and licensed separately); a rebuild names them with `--font-path`.

use std::path::{Component, Path, PathBuf};

use lopdf::{Dictionary, Document, Object, Stream, dictionary};
use typst::foundations::Smart;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards};

use crate::layout::compile::Compiled;
use crate::input::content::Edition;
use crate::diag::{Diagnostic, Diagnostics};
use crate::output::export::BuildTime;
use crate::output::press::{text, xml, xmp_packet};
use crate::project::Project;

/// The namespace of folio's XMP properties.
pub const FOLIO_NS: &str = "https://folio.invalid/ns/edition/1.0/";

/// Whether the archive carries its sources.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArchiveOptions {
    /// Attach the sources (PDF/A-3b); without them the file is PDF/A-2b.
    pub attach: bool,
}

impl ArchiveOptions {
    /// The standard the archive is made to.
    pub fn standard(&self) -> &'static str {
        if self.attach { "PDF/A-3b" } else { "PDF/A-2b" }
    }
}

/// The file name of an edition's archive copy.
pub fn file_name(name: &str) -> String {
    crate::output::names::Names(name).archive()
}

/// A source file of the build: its path relative to the project root (with `/`) and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// Path relative to the project root, `/`-separated.
    pub path: String,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

/// Every file the build read, sorted by path: `edition.toml`, the stories, the photos,
/// `layouts/formats.toml` and the template files the compiles read (`dependencies`: real paths
/// reported by the world).
pub fn sources(project: &Project, edition: &Edition, dependencies: &[PathBuf]) -> Result<Vec<Source>, Diagnostic> {
    let mut paths: Vec<PathBuf> = vec![edition.file.path.clone(), project.layouts.join(crate::input::grid::FORMATS_FILE)];
    for page in &edition.stories {
        for story in page {
            paths.push(story.path.clone());
            for photo in &story.value.photos {
                paths.push(crate::input::photos::photo_path(&edition.dir, photo.file.get_ref()));
            }
        }
    }
    paths.extend(dependencies.iter().cloned());
    let mut out: Vec<Source> = Vec::new();
    for p in paths {
        let real = p.canonicalize().map_err(|e| Diagnostic::error(crate::tr!("source-cannot-read", file = project.display(&p).display(), error = e.to_string())))?;
        if !real.is_file() {
            continue;
        }
        let rel = real.strip_prefix(&project.root).map_err(|_| {
            Diagnostic::error(crate::tr!("archive-outside-root", file = real.display()))
                .hint(crate::tr!("archive-outside-root-hint"))
        })?;
        let path = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/");
        // A name `folio extract` would refuse (a `:` or a control character in a folder's
        // name: content/ed:2023) is refused here, before the archive is made: an archive that
        // cannot be extracted was written with exit 0 until session 40.
        if let Err(e) = safe_relative(&path) {
            return Err(Diagnostic::error(crate::tr!("archive-name-unsafe", file = path.as_str(), why = e.to_string())).hint(crate::tr!("archive-name-unsafe-hint")));
        }
        if out.iter().any(|s| s.path == path) {
            continue;
        }
        let bytes = std::fs::read(&real).map_err(|e| Diagnostic::error(crate::tr!("source-cannot-read", file = path, error = e.to_string())))?;
        out.push(Source { path, bytes });
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

/// Make the archive PDF of `compiled` (which must be the gray colour route). `sources` are
/// attached when `opts.attach`.
pub fn archive(
    compiled: &mut Compiled,
    edition: &Edition,
    ident: &str,
    time: &BuildTime,
    sources: &[Source],
    opts: &ArchiveOptions,
) -> Result<Vec<u8>, Diagnostics> {
    let facts = Facts::of(edition, compiled);
    calibrate_images(compiled).map_err(|e| Diagnostics::from(Diagnostic::error(crate::tr!("archive-failed", error = e))))?;
    let info = compiled.document.info_mut();
    info.title = Some(facts.title().into());
    info.description = Some(facts.description().into());
    info.keywords = facts.sections.iter().map(|s| s.as_str().into()).collect();
    let standard = if opts.attach { PdfStandard::A_3b } else { PdfStandard::A_2b };
    let options = PdfOptions {
        ident: Smart::Custom(format!("{ident}-archive")),
        timestamp: time.timestamp(),
        standards: PdfStandards::new(&[standard]).expect("one PDF/A standard is a valid list"),
        ..PdfOptions::default()
    };
    let bytes = typst_pdf::pdf(&compiled.document, &options).map_err(|errs| {
        Diagnostics(
            errs.iter()
                .map(|e| {
                    let mut d = Diagnostic::error(crate::tr!("archive-standard-failed", standard = opts.standard(), error = e.message.to_string()));
                    for h in &e.hints {
                        d = d.hint(h.v.to_string());
                    }
                    d
                })
                .collect(),
        )
    })?;
    let attach = if opts.attach { sources } else { &[] };
    finish(&bytes, &facts, time, attach).map_err(|e| {
        Diagnostics::from(Diagnostic::error(crate::tr!("archive-failed", error = e)).hint(crate::tr!("archive-bug-hint")))
    })
}

/// PDF/A in typst 0.15.1 cannot carry CMYK (there is no CMYK profile to declare), yet the
/// photos pass 2 draws may be CMYK JPEGs: delivered separated, or made K-only for a `mono` page.
/// For the archive, re-encode each as a gray JPEG (when its pixels are neutral) or an RGB JPEG,
/// which typst writes ICC-based. The press route keeps the CMYK originals.
fn calibrate_images(compiled: &mut Compiled) -> Result<(), String> {
    let mut pages: typst::ecow::EcoVec<typst_layout::Page> = compiled.document.pages().iter().cloned().collect();
    let mut changed = false;
    let mut error = None;
    for page in pages.make_mut() {
        calibrate_frame(&mut page.frame, &mut changed, &mut error);
    }
    if let Some(e) = error {
        return Err(e);
    }
    if changed {
        let info = compiled.document.info_mut().clone();
        compiled.document = typst_layout::PagedDocument::new(pages, info);
    }
    Ok(())
}

fn calibrate_frame(frame: &mut typst::layout::Frame, changed: &mut bool, error: &mut Option<String>) {
    use typst::layout::FrameItem;
    frame.retain(|item| {
        match item {
            FrameItem::Group(group) => calibrate_frame(&mut group.frame, changed, error),
            FrameItem::Image(image, _, _) => match calibrated(image) {
                Some(Ok(new)) => {
                    *image = new;
                    *changed = true;
                }
                Some(Err(e)) => *error = Some(e),
                None => {}
            },
            _ => {}
        }
        true
    });
}

/// A gray or RGB copy of a CMYK JPEG; `None` for any other image.
fn calibrated(image: &typst::visualize::Image) -> Option<Result<typst::visualize::Image, String>> {
    use typst::visualize::{ExchangeFormat, Image, ImageKind, RasterFormat, RasterImage};
    let ImageKind::Raster(raster) = image.kind() else { return None };
    if raster.format() != RasterFormat::Exchange(ExchangeFormat::Jpg)
        || crate::input::photos::jpeg_colour(raster.data()) != Some(crate::input::photos::PhotoColour::Cmyk)
    {
        return None;
    }
    let rgb = raster.dynamic().to_rgb8();
    let (w, h) = rgb.dimensions();
    let raw = rgb.into_raw();
    let mut out = Vec::new();
    let mut encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90);
    let encoded = if raw.chunks(3).all(|p| p[0] == p[1] && p[1] == p[2]) {
        let luma: Vec<u8> = raw.chunks(3).map(|p| p[0]).collect();
        encoder.encode(&luma, w, h, image::ExtendedColorType::L8)
    } else {
        encoder.encode(&raw, w, h, image::ExtendedColorType::Rgb8)
    };
    Some(
        encoded
            .map_err(|e| crate::tr!("archive-cmyk-photo", error = e.to_string()))
            .and_then(|_| RasterImage::plain(typst::foundations::Bytes::new(out), ExchangeFormat::Jpg).map_err(|e| e.to_string()))
            .map(|r| Image::new(r, image.alt().map(Into::into), image.scaling())),
    )
}

/// The edition's facts written into the archive's XMP.
#[derive(Debug, Clone)]
struct Facts {
    paper: String,
    date: String,
    issue: u32,
    pages: usize,
    sections: Vec<String>,
    headlines: Vec<String>,
}

impl Facts {
    fn of(edition: &Edition, compiled: &Compiled) -> Self {
        let info = &edition.file.value.edition;
        let (y, m, d) = edition.date();
        let mut sections: Vec<String> = Vec::new();
        for p in &edition.file.value.pages {
            if !sections.contains(&p.section) {
                sections.push(p.section.clone());
            }
        }
        Self {
            paper: info.paper.clone(),
            date: format!("{y:04}-{m:02}-{d:02}"),
            issue: info.issue,
            pages: compiled.pages,
            sections,
            // The editor's line break in a headline is layout, not text.
            headlines: edition.stories.iter().flatten().map(|s| s.value.headline.replace('\n', "")).collect(),
        }
    }

    fn title(&self) -> String {
        format!("{} {} 第{}期", self.paper, self.date, self.issue)
    }

    fn description(&self) -> String {
        format!("{} {} 第{}期，{}版：{}", self.paper, self.date, self.issue, self.pages, self.sections.join("、"))
    }
}

/// Add the folio XMP schema (with its PDF/A extension schema description) and the attachments.
fn finish(pdf: &[u8], facts: &Facts, time: &BuildTime, sources: &[Source]) -> Result<Vec<u8>, String> {
    let mut doc = Document::load_mem(pdf).map_err(|e| crate::tr!("pdf-post-unreadable", error = e.to_string()))?;
    // Suspects false is the default, and poppler 22 calls it a syntax error (see
    // [`crate::output::export::without_false_suspects`]).
    if let Ok(Object::Dictionary(mark)) = doc.catalog_mut().map_err(|e| e.to_string())?.get_mut(b"MarkInfo") {
        if matches!(mark.get(b"Suspects"), Ok(Object::Boolean(false))) {
            mark.remove(b"Suspects");
        }
    }
    let catalog_meta = doc.catalog().map_err(|e| e.to_string())?.get(b"Metadata").and_then(Object::as_reference).map_err(|_| crate::tr!("pdf-post-no-xmp"))?;
    let old = doc
        .get_object(catalog_meta)
        .and_then(Object::as_stream)
        .map_err(|e| e.to_string())?
        .decompressed_content()
        .or_else(|_| doc.get_object(catalog_meta).and_then(Object::as_stream).map(|s| s.content.clone()))
        .map_err(|e| e.to_string())?;
    let old = String::from_utf8(old).map_err(|_| "typst's XMP is not UTF-8".to_string())?;
    // Keep typst's descriptions (they carry pdfaid, dates, IDs, title) and add folio's.
    let start = old.find("<rdf:Description").ok_or("typst's XMP has no rdf:Description")?;
    let end = old.rfind("</rdf:RDF>").ok_or("typst's XMP has no </rdf:RDF>")?;
    let mut descriptions = old[start..end].to_string();
    // An XMP property may appear once: add folio's schema to typst's extension schema list when
    // there is one (typst declares the pdfaSchema/pdfaProperty prefixes on its description),
    // else declare a list of our own.
    const BAG_END: &str = "</rdf:Bag></pdfaExtension:schemas>";
    let typst_declares = descriptions.contains("xmlns:pdfaSchema=") && descriptions.contains("xmlns:pdfaProperty=");
    match descriptions.find(BAG_END) {
        Some(at) if typst_declares && descriptions.matches(BAG_END).count() == 1 => descriptions.insert_str(at, &folio_schema()),
        _ => {
            descriptions.push_str(&format!(
                "\n<rdf:Description rdf:about=\"\" xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\" xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\" xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n<pdfaExtension:schemas><rdf:Bag>{}</rdf:Bag></pdfaExtension:schemas>\n</rdf:Description>",
                folio_schema()
            ));
        }
    }
    descriptions.push('\n');
    descriptions.push_str(&folio_xmp(facts));
    let xmp = xmp_packet(&descriptions);
    let metadata = Stream::new(dictionary! { "Type" => "Metadata", "Subtype" => "XML" }, xmp.into_bytes()).with_compression(false);
    let metadata_id = doc.add_object(metadata);

    let mut names = Vec::new();
    let mut afs = Vec::new();
    for s in sources {
        let mut file = Stream::new(
            dictionary! {
                "Type" => "EmbeddedFile",
                "Subtype" => Object::Name(mime(&s.path).as_bytes().to_vec()),
                "Params" => dictionary! {
                    "Size" => s.bytes.len() as i64,
                    "ModDate" => Object::string_literal(time.pdf_date()),
                },
            },
            s.bytes.clone(),
        );
        file.compress().map_err(|e| crate::tr!("pdf-post-cannot-compress", what = s.path.as_str(), error = e.to_string()))?;
        let file_id = doc.add_object(file);
        let spec = doc.add_object(dictionary! {
            "Type" => "Filespec",
            "F" => text(&s.path),
            "UF" => text(&s.path),
            "Desc" => text(&format!("source of this edition: {}", s.path)),
            "AFRelationship" => "Source",
            "EF" => dictionary! { "F" => file_id, "UF" => file_id },
        });
        names.push(text(&s.path));
        names.push(Object::Reference(spec));
        afs.push(Object::Reference(spec));
    }

    let catalog = doc.catalog_mut().map_err(|e| e.to_string())?;
    catalog.set("Metadata", metadata_id);
    if !sources.is_empty() {
        let mut tree = match catalog.get(b"Names") {
            Ok(Object::Dictionary(d)) => d.clone(),
            _ => Dictionary::new(),
        };
        // Sources are sorted by path, so the name tree's keys are in order.
        tree.set("EmbeddedFiles", dictionary! { "Names" => names });
        catalog.set("Names", tree);
        catalog.set("AF", afs);
    }
    doc.prune_objects();
    let mut out = Vec::new();
    doc.save_to(&mut out).map_err(|e| crate::tr!("pdf-post-cannot-write", error = e.to_string()))?;
    Ok(out)
}

/// The MIME type of a source file, by extension.
fn mime(path: &str) -> &'static str {
    match Path::new(path).extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
        Some("toml") => "application/toml",
        Some("typ") => "text/plain",
        Some("jpg") | Some("jpeg") => "image/jpeg",
        Some("png") => "image/png",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        Some("svg") => "image/svg+xml",
        Some("json") => "application/json",
        Some("txt") | Some("md") => "text/plain",
        _ => "application/octet-stream",
    }
}

/// The properties of folio's XMP schema: name, value type, description.
const FOLIO_PROPERTIES: [(&str, &str, &str); 6] = [
    ("paper", "Text", "Name of the newspaper"),
    ("date", "Date", "Publication date of the edition"),
    ("issue", "Integer", "Issue number"),
    ("pages", "Integer", "Number of pages of the edition"),
    ("sections", "Seq Text", "Section names of the pages, in page order"),
    ("headlines", "Seq Text", "Headlines of the stories, in page order"),
];

/// The PDF/A extension schema description of folio's schema: one `rdf:li` of the
/// `pdfaExtension:schemas` bag.
fn folio_schema() -> String {
    let mut property_list = String::new();
    for (name, ty, desc) in FOLIO_PROPERTIES {
        property_list.push_str(&format!(
            "<rdf:li rdf:parseType=\"Resource\"><pdfaProperty:name>{name}</pdfaProperty:name><pdfaProperty:valueType>{ty}</pdfaProperty:valueType><pdfaProperty:category>external</pdfaProperty:category><pdfaProperty:description>{desc}</pdfaProperty:description></rdf:li>"
        ));
    }
    format!(
        "<rdf:li rdf:parseType=\"Resource\"><pdfaSchema:schema>folio newspaper edition</pdfaSchema:schema><pdfaSchema:namespaceURI>{FOLIO_NS}</pdfaSchema:namespaceURI><pdfaSchema:prefix>folio</pdfaSchema:prefix><pdfaSchema:property><rdf:Seq>{property_list}</rdf:Seq></pdfaSchema:property></rdf:li>"
    )
}

/// folio's XMP properties of an edition.
fn folio_xmp(f: &Facts) -> String {
    let seq = |items: &[String]| -> String {
        let mut s = String::from("<rdf:Seq>");
        for i in items {
            s.push_str(&format!("<rdf:li>{}</rdf:li>", xml(i)));
        }
        s.push_str("</rdf:Seq>");
        s
    };
    format!(
        "<rdf:Description rdf:about=\"\" xmlns:folio=\"{FOLIO_NS}\">\n\
<folio:paper>{paper}</folio:paper>\n<folio:date>{date}</folio:date>\n<folio:issue>{issue}</folio:issue>\n<folio:pages>{pages}</folio:pages>\n\
<folio:sections>{sections}</folio:sections>\n<folio:headlines>{headlines}</folio:headlines>\n\
</rdf:Description>\n",
        paper = xml(&f.paper),
        date = f.date,
        issue = f.issue,
        pages = f.pages,
        sections = seq(&f.sections),
        headlines = seq(&f.headlines),
    )
}

/// Largest archive file `folio extract` reads: 384 MiB (the file is parsed in memory).
pub const MAX_ARCHIVE_BYTES: u64 = 384 * 1024 * 1024;

/// Largest attachment `folio extract` inflates, declared (`/Params /Size`) or inflated: 128 MiB.
pub const MAX_ATTACHMENT_BYTES: u64 = 128 * 1024 * 1024;

/// Largest total of the attachments of one archive, declared or inflated: 1 GiB.
pub const MAX_EXTRACT_BYTES: u64 = 1024 * 1024 * 1024;

/// Largest object or cross-reference stream (the PDF's own structure) inflated while reading an
/// archive: 16 MiB (folio's archives need a few KiB).
const MAX_STRUCTURE_BYTES: usize = 16 * 1024 * 1024;

/// Most attachments one archive may carry.
pub const MAX_ATTACHMENTS: usize = 10_000;

/// Bytes for people: `128 MiB`, `1 GiB`, `3.2 KiB`, `17 bytes`.
pub fn human_bytes(n: u64) -> String {
    const K: u64 = 1024;
    let unit = |size: u64, name: &str| if n % size == 0 { format!("{} {name}", n / size) } else { format!("{:.1} {name}", n as f64 / size as f64) };
    match n {
        n if n >= K * K * K => unit(K * K * K, "GiB"),
        n if n >= K * K => unit(K * K, "MiB"),
        n if n >= K => unit(K, "KiB"),
        n => crate::tr!("unit-bytes", n = n),
    }
}

/// Why an archive's attachments cannot be extracted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AttachmentError {
    /// The file is not a PDF folio can read.
    Unreadable(String),
    /// An attachment has no file name, or no embedded file.
    Malformed(String),
    /// A name that is not a plain relative path (absolute, `..`, `.`, `\`, `:`, empty parts).
    NotRelative(String),
    /// A name with a control character or a bidi control.
    ControlCharacter {
        /// The name.
        name: String,
        /// The character.
        ch: char,
    },
    /// Two attachments with the same path, or one that would be a folder holding the other.
    Duplicate {
        /// The later one.
        name: String,
        /// The earlier one.
        other: String,
    },
    /// An attachment that declares more than the limit.
    DeclaredTooLarge {
        /// The name.
        name: String,
        /// What it declares.
        declared: u64,
    },
    /// An attachment that inflates to more than the limit, or than it declares.
    InflatesTooLarge {
        /// The name.
        name: String,
        /// The bound it broke.
        limit: u64,
        /// Whether the bound is its own declared size (else the limit per attachment).
        declared: bool,
    },
    /// An attachment that inflates to less than it declares.
    Short {
        /// The name.
        name: String,
        /// What it declares.
        declared: u64,
        /// What it inflates to.
        actual: u64,
    },
    /// More attachments, or more bytes in all, than one archive may carry.
    TotalTooLarge {
        /// The number of attachments, or bytes in all.
        total: u64,
        /// Whether `total` counts attachments (else bytes).
        count: bool,
    },
    /// An attachment whose embedded file cannot be decoded.
    Damaged {
        /// The name.
        name: String,
        /// What the decoder said.
        why: String,
    },
}

impl std::fmt::Display for AttachmentError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let per = human_bytes(MAX_ATTACHMENT_BYTES);
        match self {
            Self::Unreadable(e) => write!(f, "{}", crate::tr!("attachment-unreadable", error = e)),
            Self::Malformed(e) => write!(f, "{e}"),
            Self::NotRelative(n) => write!(f, "{}", crate::tr!("attachment-not-relative", name = format!("{n:?}"))),
            Self::ControlCharacter { name, ch } => {
                write!(f, "{}", crate::tr!("attachment-control-character", name = format!("{name:?}"), code = format!("U+{:04X}", u32::from(*ch))))
            }
            Self::Duplicate { name, other } if name == other => write!(f, "{}", crate::tr!("attachment-duplicate", name = format!("{name:?}"))),
            Self::Duplicate { name, other } => {
                write!(f, "{}", crate::tr!("attachment-folder-clash", other = format!("{other:?}"), name = format!("{name:?}")))
            }
            Self::DeclaredTooLarge { name, declared } => {
                write!(f, "{}", crate::tr!("attachment-declares-too-much", name = format!("{name:?}"), size = human_bytes(*declared), limit = per))
            }
            Self::InflatesTooLarge { name, limit, declared: true } => {
                write!(f, "{}", crate::tr!("attachment-inflates-beyond-declared", name = format!("{name:?}"), size = human_bytes(*limit), limit = per))
            }
            Self::InflatesTooLarge { name, limit, declared: false } => {
                write!(f, "{}", crate::tr!("attachment-inflates-beyond-limit", name = format!("{name:?}"), limit = human_bytes(*limit)))
            }
            Self::Short { name, declared, actual } => {
                write!(f, "{}", crate::tr!("attachment-short", name = format!("{name:?}"), actual = *actual, declared = *declared))
            }
            Self::TotalTooLarge { total, count: true } => {
                write!(f, "{}", crate::tr!("attachment-too-many", total = *total, limit = MAX_ATTACHMENTS))
            }
            Self::TotalTooLarge { total, count: false } => {
                write!(f, "{}", crate::tr!("attachment-total-too-large", total = human_bytes(*total), limit = human_bytes(MAX_EXTRACT_BYTES)))
            }
            Self::Damaged { name, why } => write!(f, "{}", crate::tr!("attachment-damaged", name = format!("{name:?}"), error = why)),
        }
    }
}

/// One attachment of an archive, found but not yet inflated.
struct Attachment<'a> {
    /// Its name, as in the file specification.
    name: String,
    /// The name as a relative path (checked).
    path: PathBuf,
    /// The embedded file stream.
    stream: &'a lopdf::Stream,
    /// `/Params /Size`, if given.
    declared: Option<u64>,
}

/// Read an archive PDF, with the PDF's own streams bounded.
fn load(pdf: &[u8]) -> Result<Document, AttachmentError> {
    let options = lopdf::LoadOptions::with_max_decompressed_size(MAX_STRUCTURE_BYTES);
    Document::load_mem_with_options(pdf, options).map_err(|e| AttachmentError::Unreadable(e.to_string()))
}

/// The attachments of an archive, in the order of its name tree, with every name checked (a
/// plain relative path, no control character, no duplicate) and every declared size within
/// the limits. Nothing is inflated yet.
fn attachment_list(doc: &Document) -> Result<Vec<Attachment<'_>>, AttachmentError> {
    let catalog = doc.catalog().map_err(|e| AttachmentError::Unreadable(crate::tr!("attachment-no-catalog", error = e.to_string())))?;
    let Ok(names) = catalog.get_deref(b"Names", doc).and_then(Object::as_dict) else {
        return Ok(Vec::new());
    };
    let Ok(root) = names.get_deref(b"EmbeddedFiles", doc).and_then(Object::as_dict) else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    walk(doc, root, &mut out, 0)?;
    let mut seen: std::collections::BTreeMap<PathBuf, String> = std::collections::BTreeMap::new();
    let mut total = 0u64;
    for a in &out {
        if let Some(other) = seen.get(&a.path) {
            return Err(AttachmentError::Duplicate { name: a.name.clone(), other: other.clone() });
        }
        // A file named like a folder another one goes into.
        for (p, other) in &seen {
            if p.starts_with(&a.path) || a.path.starts_with(p) {
                return Err(AttachmentError::Duplicate { name: a.name.clone(), other: other.clone() });
            }
        }
        seen.insert(a.path.clone(), a.name.clone());
        if let Some(declared) = a.declared {
            if declared > MAX_ATTACHMENT_BYTES {
                return Err(AttachmentError::DeclaredTooLarge { name: a.name.clone(), declared });
            }
            total = total.saturating_add(declared);
        }
    }
    if total > MAX_EXTRACT_BYTES {
        return Err(AttachmentError::TotalTooLarge { total, count: false });
    }
    Ok(out)
}

/// Collect the leaves of a name tree node.
fn walk<'a>(doc: &'a Document, node: &'a Dictionary, out: &mut Vec<Attachment<'a>>, depth: usize) -> Result<(), AttachmentError> {
    let malformed = |e: String| AttachmentError::Malformed(e);
    if depth > 32 {
        return Err(malformed(crate::tr!("attachment-tree-too-deep")));
    }
    if let Ok(kids) = node.get_deref(b"Kids", doc).and_then(Object::as_array) {
        for kid in kids {
            let (_, kid) = doc.dereference(kid).map_err(|e| malformed(e.to_string()))?;
            walk(doc, kid.as_dict().map_err(|e| malformed(e.to_string()))?, out, depth + 1)?;
        }
    }
    if let Ok(names) = node.get_deref(b"Names", doc).and_then(Object::as_array) {
        for pair in names.chunks(2) {
            let [_, spec] = pair else { continue };
            if out.len() >= MAX_ATTACHMENTS {
                return Err(AttachmentError::TotalTooLarge { total: (out.len() + 1) as u64, count: true });
            }
            let (_, spec) = doc.dereference(spec).map_err(|e| malformed(e.to_string()))?;
            let spec = spec.as_dict().map_err(|e| malformed(e.to_string()))?;
            let raw = spec.get(b"UF").or_else(|_| spec.get(b"F")).and_then(Object::as_str).map_err(|_| malformed(crate::tr!("attachment-no-name")))?;
            let name = decode_text(raw).ok_or_else(|| malformed(crate::tr!("attachment-name-not-text", name = String::from_utf8_lossy(raw))))?;
            let path = safe_relative(&name)?;
            let ef = spec.get_deref(b"EF", doc).and_then(Object::as_dict).map_err(|_| malformed(crate::tr!("attachment-no-file", name = format!("{name:?}"))))?;
            let stream = ef
                .get_deref(b"UF", doc)
                .or_else(|_| ef.get_deref(b"F", doc))
                .and_then(Object::as_stream)
                .map_err(|_| malformed(crate::tr!("attachment-no-file", name = format!("{name:?}"))))?;
            let declared = match stream.dict.get_deref(b"Params", doc).and_then(Object::as_dict).and_then(|p| p.get_deref(b"Size", doc)) {
                Ok(size) => Some(size.as_i64().ok().and_then(|n| u64::try_from(n).ok()).ok_or_else(|| malformed(crate::tr!("attachment-bad-size", name = format!("{name:?}"))))?),
                Err(_) => None,
            };
            out.push(Attachment { name, path, stream, declared });
        }
    }
    Ok(())
}

/// Inflate one attachment, bounded by its declared size (which it must then have exactly) or
/// else by the limit per attachment.
fn inflate(a: &Attachment<'_>) -> Result<Vec<u8>, AttachmentError> {
    let limit = a.declared.unwrap_or(MAX_ATTACHMENT_BYTES).min(MAX_ATTACHMENT_BYTES);
    let data = match a.stream.filters() {
        Ok(f) if !f.is_empty() => a.stream.decompressed_content_with_limit(usize::try_from(limit).unwrap_or(usize::MAX)).map_err(|e| match e {
            lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. }) => {
                AttachmentError::InflatesTooLarge { name: a.name.clone(), limit, declared: a.declared.is_some() }
            }
            e => AttachmentError::Damaged { name: a.name.clone(), why: e.to_string() },
        })?,
        _ if a.stream.content.len() as u64 > limit => {
            return Err(AttachmentError::InflatesTooLarge { name: a.name.clone(), limit, declared: a.declared.is_some() });
        }
        _ => a.stream.content.clone(),
    };
    if let Some(declared) = a.declared {
        if data.len() as u64 != declared {
            return Err(AttachmentError::Short { name: a.name.clone(), declared, actual: data.len() as u64 });
        }
    }
    Ok(data)
}

/// The files attached to an archive PDF, as (path, bytes), in the order of its name tree; with
/// the names and sizes checked as [`extract`] checks them (for tests and tools; [`extract`]
/// inflates one at a time).
pub fn attachments(pdf: &[u8]) -> Result<Vec<(String, Vec<u8>)>, AttachmentError> {
    let doc = load(pdf)?;
    let list = attachment_list(&doc)?;
    let mut total = 0u64;
    let mut out = Vec::new();
    for a in &list {
        let data = inflate(a)?;
        total += data.len() as u64;
        if total > MAX_EXTRACT_BYTES {
            return Err(AttachmentError::TotalTooLarge { total, count: false });
        }
        out.push((a.name.clone(), data));
    }
    Ok(out)
}

/// Decode a PDF text string (UTF-16BE with BOM, UTF-8 with BOM, or PDFDocEncoding read as
/// Latin-1); `None` when it is not valid text.
fn decode_text(b: &[u8]) -> Option<String> {
    if let Some(rest) = b.strip_prefix(&[0xfe, 0xff]) {
        if rest.len() % 2 != 0 {
            return None;
        }
        let units: Vec<u16> = rest.chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
        String::from_utf16(&units).ok()
    } else if let Some(rest) = b.strip_prefix(&[0xef, 0xbb, 0xbf]) {
        String::from_utf8(rest.to_vec()).ok()
    } else {
        Some(b.iter().map(|&c| c as char).collect())
    }
}

/// Check an attachment name and give it as a relative path: a plain relative path, `/`
/// separated, with no control or bidi-control character.
fn safe_relative(name: &str) -> Result<PathBuf, AttachmentError> {
    let bidi = |c: char| matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}');
    if let Some(ch) = name.chars().find(|&c| c.is_control() || bidi(c)) {
        return Err(AttachmentError::ControlCharacter { name: name.to_string(), ch });
    }
    let plain = !name.is_empty()
        && !name.contains('\\')
        && !name.contains(':')
        && name.split('/').all(|part| !part.is_empty() && part != "." && part != "..");
    let p = Path::new(name);
    if !plain || p.components().any(|c| !matches!(c, Component::Normal(_))) {
        return Err(AttachmentError::NotRelative(name.to_string()));
    }
    Ok(p.to_path_buf())
}

/// Write the sources attached to the archive `pdf` as a project in `dir` (which must be new or
/// empty). Gives the written files, sorted.
///
/// All or nothing: the archive's names and declared sizes are checked first; then every file
/// is inflated (one at a time, bounded: [`MAX_ATTACHMENT_BYTES`] each, [`MAX_EXTRACT_BYTES`] in
/// all) and written into a temporary folder beside `dir` (`.folio-extract-…`), which is renamed
/// to `dir` only when all of them are written. On any error the temporary folder is removed
/// and `dir` is as it was; a process killed meanwhile leaves only that temporary folder.
pub fn extract(pdf: &Path, dir: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    let shown = pdf.display();
    let hint = crate::tr!("extract-not-folio-hint");
    let size = std::fs::metadata(pdf)
        .map_err(|e| Diagnostic::error(crate::tr!("source-cannot-read", file = shown, error = e.to_string())).hint(crate::tr!("extract-name-archive-hint")))?
        .len();
    if size > MAX_ARCHIVE_BYTES {
        return Err(Diagnostic::error(crate::tr!("extract-too-large", file = shown, size = human_bytes(size), limit = human_bytes(MAX_ARCHIVE_BYTES)))
            .hint(crate::tr!("extract-name-archive-hint")));
    }
    let bytes = std::fs::read(pdf)
        .map_err(|e| Diagnostic::error(crate::tr!("source-cannot-read", file = shown, error = e.to_string())).hint(crate::tr!("extract-name-archive-hint")))?;
    let fail = |e: AttachmentError| Diagnostic::error(format!("{shown}: {e}")).hint(hint.clone());
    let doc = load(&bytes).map_err(fail)?;
    let list = attachment_list(&doc).map_err(fail)?;
    if list.is_empty() {
        return Err(Diagnostic::error(crate::tr!("extract-no-sources", file = shown)).hint(crate::tr!("extract-no-sources-hint")));
    }
    let empty_dir = match std::fs::symlink_metadata(dir) {
        Err(_) => false,
        Ok(m) if m.is_dir() => std::fs::read_dir(dir).map(|mut d| d.next().is_none()).unwrap_or(false),
        Ok(_) => {
            return Err(Diagnostic::error(crate::tr!("extract-not-folder", dir = dir.display())).hint(crate::tr!("extract-not-folder-hint")));
        }
    };
    if std::fs::symlink_metadata(dir).is_ok() && !empty_dir {
        return Err(Diagnostic::error(crate::tr!("extract-not-empty", dir = dir.display())).hint(crate::tr!("extract-not-empty-hint")));
    }
    let parent = dir.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(|e| Diagnostic::error(crate::tr!("project-cannot-create", path = parent.display(), error = e.to_string())))?;
    let tmp = tempfile::Builder::new()
        .prefix(".folio-extract-")
        .tempdir_in(parent)
        .map_err(|e| Diagnostic::error(crate::tr!("out-cannot-write-in", dir = parent.display(), error = e.to_string())))?;
    let mut total = 0u64;
    let mut rels = Vec::new();
    for a in &list {
        let data = inflate(a).map_err(fail)?;
        total += data.len() as u64;
        if total > MAX_EXTRACT_BYTES {
            return Err(fail(AttachmentError::TotalTooLarge { total, count: false }));
        }
        let path = tmp.path().join(&a.path);
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|_| std::fs::OpenOptions::new().write(true).create_new(true).open(&path))
            .and_then(|mut f| {
                std::io::Write::write_all(&mut f, &data)?;
                f.sync_all()
            });
        written.map_err(|e| {
            Diagnostic::error(crate::tr!("extract-cannot-write", file = dir.join(&a.path).display(), name = format!("{:?}", a.name), error = e.to_string()))
                .hint(crate::tr!("nothing-written-hint"))
        })?;
        rels.push(a.path.clone());
    }
    // Folders are made owner-only by tempfile; the project is an ordinary folder.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o755));
    }
    if empty_dir {
        // Renaming onto an empty folder replaces it; a file that appeared meanwhile stops it.
        let _ = std::fs::remove_dir(dir);
    }
    let kept = tmp.keep();
    std::fs::rename(&kept, dir).map_err(|e| {
        let _ = std::fs::remove_dir_all(&kept);
        Diagnostic::error(crate::tr!("project-cannot-create", path = dir.display(), error = e.to_string())).hint(crate::tr!("extract-create-hint"))
    })?;
    let mut written: Vec<PathBuf> = rels.into_iter().map(|r| dir.join(r)).collect();
    written.sort();
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attachment_names_must_stay_inside() {
        assert!(safe_relative("content/a/edition.toml").is_ok());
        for bad in ["/etc/passwd", "../x", "a/../../x", "C:\\x", "a\\b", "", "./a", "a//b", "a/", "a/.", "a\nb", "a\u{1b}b", "a\u{202e}b"] {
            assert!(safe_relative(bad).is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn text_strings_round_trip() {
        for s in ["content/新余/edition.toml", "layouts/style.typ"] {
            let Object::String(b, _) = text(s) else { panic!() };
            assert_eq!(decode_text(&b).as_deref(), Some(s));
        }
    }
}
