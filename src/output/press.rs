//! Press plates: one PDF/X-4 file per page, as printing houses ask for them.
//!
//! Takes a compiled edition on the press colour route (text, rules and tints in DeviceCMYK K)
//! and gives one PDF per page. typst-pdf writes each page (PDF 1.6, MediaBox = trim + bleed,
//! TrimBox); typst-pdf 0.15.1 knows no PDF/X, so this module adds what PDF/X-4 (ISO 15930-7)
//! needs by editing the file with lopdf: a BleedBox, the output intent with the bundled
//! `CGATS TR 002` newsprint profile (`icc/`, see its README), the PDF/X identification and the
//! Trapped key in both XMP and the Info dictionary, and, when asked, crop and registration marks
//! in a slug outside the bleed. Nothing else of typst's file changes, and the bytes depend only
//! on the edition (and `SOURCE_DATE_EPOCH`, see [`BuildTime`]).

use std::num::NonZeroUsize;

use lopdf::{Dictionary, Document, Object, ObjectId, Stream, StringFormat, dictionary};
use typst::foundations::Smart;
use typst_library::layout::PageRanges;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards};

use crate::layout::compile::Compiled;
use crate::input::content::Edition;
use crate::colour::ICC_PROFILE;
use crate::diag::{Diagnostic, Diagnostics};
use crate::output::export::BuildTime;
use crate::input::grid::{Formats, PT_PER_MM};

/// The output condition identifier of [`ICC_PROFILE`] in the ICC characterization registry.
pub const OUTPUT_CONDITION_IDENTIFIER: &str = "CGATS TR 002";
/// A human-readable name of the output condition.
pub const OUTPUT_CONDITION: &str = "Coldset offset printing on newsprint (ANSI CGATS/SNAP TR 002-2007)";
/// The registry that defines [`OUTPUT_CONDITION_IDENTIFIER`].
pub const REGISTRY_NAME: &str = "http://www.color.org";
/// The standard the plates conform to, as written in XMP and the Info dictionary.
pub const PDFX_VERSION: &str = "PDF/X-4";
/// The name of the colour space the marks are drawn in (the `All` separation, i.e. every plate).
pub const MARKS_COLOUR_SPACE: &str = "FolioRegistration";

/// How the plates are made.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct PressOptions {
    /// Draw crop and registration marks in a slug outside the bleed.
    pub marks: bool,
    /// Bleed on every side in mm (0 allowed); `None`: the format's (`layouts/formats.toml`).
    pub bleed_mm: Option<f64>,
}

/// Largest bleed folio accepts, in mm.
pub const MAX_BLEED_MM: f64 = 20.0;

/// Whether `mm` is the bleed every format of the edition's pages already has.
pub fn same_bleed(formats: &Formats, edition: &Edition, mm: f64) -> bool {
    (0..edition.file.value.pages.len()).all(|pi| (edition.page_format(formats, pi).spec.bleed - mm).abs() < 1e-9)
}

/// The formats with those of the edition's pages given a bleed of `mm`.
pub fn with_bleed(formats: &Formats, edition: &Edition, mm: f64) -> Result<Formats, Diagnostic> {
    if !(0.0..=MAX_BLEED_MM).contains(&mm) {
        return Err(Diagnostic::error(crate::tr!("press-bleed-impossible", mm = mm))
            .hint(crate::tr!("press-bleed-impossible-hint", max = MAX_BLEED_MM)));
    }
    let e = &edition.file.value;
    let used: Vec<&str> = e.pages.iter().map(|p| p.format_name(&e.edition)).collect();
    let specs = formats
        .names()
        .into_iter()
        .filter_map(|n| formats.get(n).map(|f| (n.to_string(), f.spec.clone())))
        .map(|(n, mut spec)| {
            if used.contains(&n.as_str()) {
                spec.bleed = mm;
            }
            (n, spec)
        })
        .collect();
    Formats::from_specs(specs).map_err(|e| Diagnostic::error(crate::tr!("press-format-bleed", format = e.format, mm = mm, message = e.message)))
}

/// One press plate: a page as a PDF/X-4 file.
#[derive(Debug, Clone)]
pub struct Plate {
    /// The page number printed on the page.
    pub number: u32,
    /// The file name, e.g. `jiangxi-special-p05.pdf`.
    pub file_name: String,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

/// The folder of an edition's plates inside the output folder: `<edition>-press`.
pub fn plate_dir(name: &str) -> String {
    crate::output::names::Names(name).plate_dir()
}

/// Make the plates of every page of `compiled` (which must be the press colour route).
pub fn plates(compiled: &Compiled, edition: &Edition, ident: &str, time: &BuildTime, opts: &PressOptions) -> Result<Vec<Plate>, Diagnostics> {
    let info = &edition.file.value.edition;
    let (y, m, d) = edition.date();
    let mut out = Vec::new();
    for (i, page) in compiled.data.pages.iter().enumerate() {
        let n = NonZeroUsize::new(i + 1).expect("i + 1 > 0");
        let options = PdfOptions {
            ident: Smart::Custom(format!("{ident}-press-{}", i + 1)),
            timestamp: time.timestamp(),
            page_ranges: Some(PageRanges::new(vec![Some(n)..=Some(n)])),
            standards: PdfStandards::new(&[PdfStandard::V_1_6]).expect("PDF 1.6 alone is a valid standard list"),
            tagged: false,
            ..PdfOptions::default()
        };
        let bytes = typst_pdf::pdf(&compiled.document, &options).map_err(|errs| {
            Diagnostics(errs.iter().map(|e| Diagnostic::error(crate::tr!("press-plate-failed", page = page.number, error = e.message.to_string()))).collect())
        })?;
        let title = format!("{} {y:04}-{m:02}-{d:02} 第{}期 第{}版 {}", info.paper, info.issue, page.number, page.section);
        let bytes = to_pdfx4(&bytes, &title, time, opts).map_err(|e| {
            Diagnostics::from(Diagnostic::error(crate::tr!("press-plate-failed", page = page.number, error = e)).hint(crate::tr!("press-bug-hint")))
        })?;
        // Page numbers are unique in an edition (checked on load), so plate names are too.
        let file_name = crate::output::names::Names(&edition.name).plate(page.number, 0);
        out.push(Plate { number: page.number, file_name, bytes });
    }
    Ok(out)
}

/// Geometry of the marks, in pt.
struct Marks {
    /// Distance from the trim edge to where crop marks start (at least the bleed, at least 3 mm).
    offset: f64,
    /// Length of a crop mark.
    length: f64,
    /// Distance from the trim edge to the MediaBox edge.
    slug: f64,
}

impl Marks {
    fn for_bleed(bleed: f64) -> Self {
        let offset = bleed.max(3.0 * PT_PER_MM);
        Self { offset, length: 5.0 * PT_PER_MM, slug: offset + 9.0 * PT_PER_MM }
    }
}

/// Turn a one-page (or more) typst-pdf file into PDF/X-4: see the module documentation.
pub fn to_pdfx4(pdf: &[u8], title: &str, time: &BuildTime, opts: &PressOptions) -> Result<Vec<u8>, String> {
    let mut doc = Document::load_mem(pdf).map_err(|e| crate::tr!("pdf-post-unreadable", error = e.to_string()))?;
    if doc.is_encrypted() {
        return Err(crate::tr!("pdf-post-encrypted"));
    }
    doc.version = "1.6".into();

    let pages: Vec<ObjectId> = doc.page_iter().collect();
    for page in pages {
        boxes_and_marks(&mut doc, page, opts)?;
    }

    // Output intent with the newsprint profile.
    let mut icc = Stream::new(dictionary! { "N" => 4 }, ICC_PROFILE.to_vec());
    icc.compress().map_err(|e| crate::tr!("pdf-post-cannot-compress", what = "ICC", error = e.to_string()))?;
    let icc_id = doc.add_object(icc);
    let intent = dictionary! {
        "Type" => "OutputIntent",
        "S" => "GTS_PDFX",
        "OutputConditionIdentifier" => text(OUTPUT_CONDITION_IDENTIFIER),
        "OutputCondition" => text(OUTPUT_CONDITION),
        "RegistryName" => text(REGISTRY_NAME),
        "Info" => text(OUTPUT_CONDITION),
        "DestOutputProfile" => icc_id,
    };
    let intent_id = doc.add_object(intent);

    // The Info dictionary.
    let creator = info_dict(&doc).and_then(|i| i.get(b"Creator").ok()).and_then(|o| o.as_str().ok()).map(|b| String::from_utf8_lossy(b).into_owned()).unwrap_or_else(|| format!("Typst {}", TYPST_VERSION));
    let producer = producer();
    let info_id = match doc.trailer.get(b"Info").and_then(Object::as_reference) {
        Ok(id) => id,
        Err(_) => {
            let id = doc.add_object(Dictionary::new());
            doc.trailer.set("Info", id);
            id
        }
    };
    {
        let info = doc.get_dictionary_mut(info_id).map_err(|e| crate::tr!("pdf-post-no-part", part = "Info", error = e.to_string()))?;
        info.set("Title", text(title));
        info.set("Creator", text(&creator));
        info.set("Producer", text(&producer));
        info.set("CreationDate", Object::string_literal(time.pdf_date()));
        info.set("ModDate", Object::string_literal(time.pdf_date()));
        info.set("Trapped", Object::Name(b"False".to_vec()));
        info.set("GTS_PDFXVersion", text(PDFX_VERSION));
    }

    // XMP, written whole (typst's packet says "proof" rendition and knows no PDF/X).
    let (doc_id, instance_id) = ids(&doc);
    let xmp = pdfx_xmp(title, &creator, &producer, time, &doc_id, &instance_id);
    let metadata = Stream::new(dictionary! { "Type" => "Metadata", "Subtype" => "XML" }, xmp.into_bytes()).with_compression(false);
    let metadata_id = doc.add_object(metadata);

    let catalog = doc.catalog_mut().map_err(|e| crate::tr!("pdf-post-no-part", part = "Catalog", error = e.to_string()))?;
    catalog.set("OutputIntents", vec![Object::Reference(intent_id)]);
    catalog.set("Metadata", metadata_id);
    doc.prune_objects();

    let mut out = Vec::new();
    doc.save_to(&mut out).map_err(|e| crate::tr!("pdf-post-cannot-write", error = e.to_string()))?;
    Ok(out)
}

/// The version of typst folio is built with.
const TYPST_VERSION: &str = "0.15.1";

/// The Producer written in the files folio post-processes.
pub(crate) fn producer() -> String {
    format!("folio {} (typst-pdf {TYPST_VERSION}, lopdf)", env!("CARGO_PKG_VERSION"))
}

/// The Info dictionary, if any.
pub(crate) fn info_dict(doc: &Document) -> Option<&Dictionary> {
    let r = doc.trailer.get(b"Info").ok()?.as_reference().ok()?;
    doc.get_dictionary(r).ok()
}

/// A page box, following `/Parent` for inherited keys.
pub(crate) fn page_box(doc: &Document, page: ObjectId, key: &[u8]) -> Option<[f64; 4]> {
    let mut dict = doc.get_dictionary(page).ok()?;
    for _ in 0..64 {
        if let Ok(obj) = dict.get(key) {
            let (_, obj) = doc.dereference(obj).ok()?;
            let arr = obj.as_array().ok()?;
            if arr.len() != 4 {
                return None;
            }
            let mut v = [0.0; 4];
            for (slot, o) in v.iter_mut().zip(arr) {
                *slot = number(o)?;
            }
            return Some([v[0].min(v[2]), v[1].min(v[3]), v[0].max(v[2]), v[1].max(v[3])]);
        }
        let parent = dict.get(b"Parent").ok()?.as_reference().ok()?;
        dict = doc.get_dictionary(parent).ok()?;
    }
    None
}

/// A PDF number as f64.
pub(crate) fn number(o: &Object) -> Option<f64> {
    match o {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(f64::from(*r)),
        _ => None,
    }
}

fn box_object(b: [f64; 4]) -> Object {
    // Round to 1/10000 pt so the numbers print the same everywhere.
    Object::Array(b.iter().map(|v| Object::Real(((v * 10000.0).round() / 10000.0) as f32)).collect())
}

/// Set TrimBox and BleedBox; with marks, widen the MediaBox into a slug and draw them there.
fn boxes_and_marks(doc: &mut Document, page: ObjectId, opts: &PressOptions) -> Result<(), String> {
    let media = page_box(doc, page, b"MediaBox").ok_or("a page has no MediaBox")?;
    let trim = page_box(doc, page, b"TrimBox").unwrap_or(media);
    let bleed_box = media;
    let bleed = (trim[0] - media[0]).min(trim[1] - media[1]).min(media[2] - trim[2]).min(media[3] - trim[3]).max(0.0);
    let (mut trim, mut bleed_box, mut media) = (trim, bleed_box, media);

    if opts.marks {
        let marks = Marks::for_bleed(bleed);
        let extra = (marks.slug - bleed).max(0.0);
        // Move the page content up and right by `extra`, so the new MediaBox starts at 0.
        let dx = extra - media[0];
        let dy = extra - media[1];
        let shift = |b: [f64; 4]| [b[0] + dx, b[1] + dy, b[2] + dx, b[3] + dy];
        trim = shift(trim);
        bleed_box = shift(bleed_box);
        media = [0.0, 0.0, bleed_box[2] + extra, bleed_box[3] + extra];

        let before = doc.add_object(Stream::new(Dictionary::new(), format!("q 1 0 0 1 {} {} cm\n", fmt(dx), fmt(dy)).into_bytes()));
        let mut after = Stream::new(Dictionary::new(), format!("Q\n{}", marks_content(trim, &marks)).into_bytes());
        after.compress().map_err(|e| e.to_string())?;
        let after = doc.add_object(after);
        let mut contents = vec![Object::Reference(before)];
        contents.extend(doc.get_page_contents(page).into_iter().map(Object::Reference));
        contents.push(Object::Reference(after));

        // The registration colour: the All separation, shown as 100 % of every process ink.
        let tint = doc.add_object(dictionary! {
            "FunctionType" => 2,
            "Domain" => vec![0.into(), 1.into()],
            "C0" => vec![0.into(), 0.into(), 0.into(), 0.into()],
            "C1" => vec![1.into(), 1.into(), 1.into(), 1.into()],
            "N" => 1,
        });
        let all = doc.add_object(Object::Array(vec!["Separation".into(), "All".into(), "DeviceCMYK".into(), Object::Reference(tint)]));
        let resources = page_resources_mut(doc, page)?;
        let spaces = match resources.get_mut(b"ColorSpace") {
            Ok(Object::Dictionary(d)) => d,
            _ => {
                resources.set("ColorSpace", Dictionary::new());
                resources.get_mut(b"ColorSpace").and_then(Object::as_dict_mut).expect("just set")
            }
        };
        spaces.set(MARKS_COLOUR_SPACE, all);

        // Annotations move with the content.
        let annots: Vec<ObjectId> = match doc.get_dictionary(page).ok().and_then(|p| p.get(b"Annots").ok()) {
            Some(Object::Array(a)) => a.iter().filter_map(|o| o.as_reference().ok()).collect(),
            _ => Vec::new(),
        };
        for a in annots {
            if let Ok(annot) = doc.get_dictionary_mut(a) {
                if let Ok(Object::Array(r)) = annot.get(b"Rect") {
                    let v: Vec<f64> = r.iter().filter_map(number).collect();
                    if v.len() == 4 {
                        annot.set("Rect", box_object(shift([v[0], v[1], v[2], v[3]])));
                    }
                }
            }
        }
        doc.get_dictionary_mut(page).map_err(|e| e.to_string())?.set("Contents", contents);
    }

    let dict = doc.get_dictionary_mut(page).map_err(|e| e.to_string())?;
    dict.set("MediaBox", box_object(media));
    dict.set("BleedBox", box_object(bleed_box));
    dict.set("TrimBox", box_object(trim));
    dict.remove(b"CropBox");
    dict.remove(b"ArtBox");
    // A transparency group must blend in the output intent's CMYK, not in RGB.
    if let Ok(Object::Dictionary(group)) = dict.get_mut(b"Group") {
        if matches!(group.get(b"CS"), Ok(Object::Name(n)) if n == b"DeviceRGB") {
            group.set("CS", "DeviceCMYK");
        }
    }
    Ok(())
}

/// The page's Resources dictionary, made inline-editable (a shared one is edited in place).
fn page_resources_mut(doc: &mut Document, page: ObjectId) -> Result<&mut Dictionary, String> {
    let reference = match doc.get_dictionary(page).map_err(|e| e.to_string())?.get(b"Resources") {
        Ok(Object::Reference(r)) => Some(*r),
        Ok(Object::Dictionary(_)) => None,
        _ => {
            doc.get_dictionary_mut(page).map_err(|e| e.to_string())?.set("Resources", Dictionary::new());
            None
        }
    };
    match reference {
        Some(r) => doc.get_dictionary_mut(r).map_err(|e| e.to_string()),
        None => doc
            .get_dictionary_mut(page)
            .map_err(|e| e.to_string())?
            .get_mut(b"Resources")
            .and_then(Object::as_dict_mut)
            .map_err(|e| e.to_string()),
    }
}

/// A number for a content stream.
fn fmt(v: f64) -> String {
    let s = format!("{:.4}", v);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.to_string() }
}

/// Crop marks at the four corners and registration targets at the middle of each side, all
/// outside the bleed, in the registration colour.
fn marks_content(trim: [f64; 4], m: &Marks) -> String {
    let [x0, y0, x1, y1] = trim;
    let (o, l) = (m.offset, m.length);
    let mut s = format!("q\n0.25 w 0 J [] 0 d\n/{MARKS_COLOUR_SPACE} CS 1 SCN\n");
    let mut line = |a: (f64, f64), b: (f64, f64)| {
        s.push_str(&format!("{} {} m {} {} l S\n", fmt(a.0), fmt(a.1), fmt(b.0), fmt(b.1)));
    };
    // Crop marks: each corner gets a horizontal and a vertical stroke on the trim lines.
    for (x, sx) in [(x0, -1.0), (x1, 1.0)] {
        for (y, sy) in [(y0, -1.0), (y1, 1.0)] {
            line((x + sx * o, y), (x + sx * (o + l), y));
            line((x, y + sy * o), (x, y + sy * (o + l)));
        }
    }
    // Registration targets: a circle with a cross, centred in the slug on each side.
    let r = 2.0 * PT_PER_MM;
    let c = o + 4.5 * PT_PER_MM;
    let (mx, my) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
    for (cx, cy) in [(mx, y1 + c), (mx, y0 - c), (x0 - c, my), (x1 + c, my)] {
        let k = 0.552_284_75 * r;
        s.push_str(&format!(
            "{} {} m {} {} {} {} {} {} c {} {} {} {} {} {} c {} {} {} {} {} {} c {} {} {} {} {} {} c S\n",
            fmt(cx + r), fmt(cy),
            fmt(cx + r), fmt(cy + k), fmt(cx + k), fmt(cy + r), fmt(cx), fmt(cy + r),
            fmt(cx - k), fmt(cy + r), fmt(cx - r), fmt(cy + k), fmt(cx - r), fmt(cy),
            fmt(cx - r), fmt(cy - k), fmt(cx - k), fmt(cy - r), fmt(cx), fmt(cy - r),
            fmt(cx + k), fmt(cy - r), fmt(cx + r), fmt(cy - k), fmt(cx + r), fmt(cy),
        ));
        let arm = r + 1.0 * PT_PER_MM;
        s.push_str(&format!(
            "{} {} m {} {} l S {} {} m {} {} l S\n",
            fmt(cx - arm), fmt(cy), fmt(cx + arm), fmt(cy),
            fmt(cx), fmt(cy - arm), fmt(cx), fmt(cy + arm),
        ));
    }
    s.push_str("Q\n");
    s
}

/// A PDF text string: PDFDocEncoding-safe ASCII as is, anything else as UTF-16BE with a BOM.
pub(crate) fn text(s: &str) -> Object {
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        Object::String(s.as_bytes().to_vec(), StringFormat::Literal)
    } else {
        let mut bytes = vec![0xfe, 0xff];
        for unit in s.encode_utf16() {
            bytes.extend(unit.to_be_bytes());
        }
        Object::String(bytes, StringFormat::Hexadecimal)
    }
}

/// Escape text for XML.
pub(crate) fn xml(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The document and instance IDs of the file as `uuid:` URIs, from the trailer's /ID (which
/// typst-pdf derives from the ident, so they are stable).
pub(crate) fn ids(doc: &Document) -> (String, String) {
    let parts: Vec<Vec<u8>> = match doc.trailer.get(b"ID") {
        Ok(Object::Array(a)) => a.iter().filter_map(|o| o.as_str().ok().map(<[u8]>::to_vec)).collect(),
        _ => Vec::new(),
    };
    let uuid = |b: Option<&Vec<u8>>| -> String {
        let mut bytes = [0u8; 16];
        if let Some(b) = b {
            for (i, v) in b.iter().take(16).enumerate() {
                bytes[i] = *v;
            }
        }
        let h: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        format!("uuid:{}-{}-{}-{}-{}", &h[0..8], &h[8..12], &h[12..16], &h[16..20], &h[20..32])
    };
    (uuid(parts.first()), uuid(parts.get(1).or(parts.first())))
}

/// Wrap rdf:Description elements into a complete, writable XMP packet.
pub(crate) fn xmp_packet(descriptions: &str) -> String {
    let mut s = String::from("<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n");
    s.push_str("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n");
    s.push_str(descriptions);
    s.push_str("</rdf:RDF>\n</x:xmpmeta>\n");
    // Room for in-place edits by other tools, as XMP recommends.
    for _ in 0..20 {
        s.push_str(&" ".repeat(99));
        s.push('\n');
    }
    s.push_str("<?xpacket end=\"w\"?>");
    s
}

/// The XMP of a plate.
fn pdfx_xmp(title: &str, creator: &str, producer: &str, time: &BuildTime, doc_id: &str, instance_id: &str) -> String {
    let date = time.xmp_date();
    let d = format!(
        "<rdf:Description rdf:about=\"\"\n xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n xmlns:xmpMM=\"http://ns.adobe.com/xap/1.0/mm/\"\n xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n xmlns:pdfxid=\"http://www.npes.org/pdfx/ns/id/\">\n\
<dc:format>application/pdf</dc:format>\n\
<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{title}</rdf:li></rdf:Alt></dc:title>\n\
<xmp:CreateDate>{date}</xmp:CreateDate>\n<xmp:ModifyDate>{date}</xmp:ModifyDate>\n<xmp:MetadataDate>{date}</xmp:MetadataDate>\n\
<xmp:CreatorTool>{creator}</xmp:CreatorTool>\n\
<pdf:Producer>{producer}</pdf:Producer>\n<pdf:Trapped>False</pdf:Trapped>\n\
<xmpMM:DocumentID>{doc_id}</xmpMM:DocumentID>\n<xmpMM:InstanceID>{instance_id}</xmpMM:InstanceID>\n\
<xmpMM:VersionID>1</xmpMM:VersionID>\n<xmpMM:RenditionClass>default</xmpMM:RenditionClass>\n\
<pdfxid:GTS_PDFXVersion>{PDFX_VERSION}</pdfxid:GTS_PDFXVersion>\n\
</rdf:Description>\n",
        title = xml(title),
        creator = xml(creator),
        producer = xml(producer),
    );
    xmp_packet(&d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_print_without_noise() {
        assert_eq!(fmt(1.0), "1");
        assert_eq!(fmt(8.503937), "8.5039");
        assert_eq!(fmt(-0.00001), "0");
    }

    #[test]
    fn text_strings_use_utf16_for_chinese() {
        assert_eq!(text("PDF/X-4"), Object::String(b"PDF/X-4".to_vec(), StringFormat::Literal));
        match text("示例") {
            Object::String(b, _) => assert_eq!(b, vec![0xfe, 0xff, 0x79, 0x3a, 0x4f, 0x8b]),
            _ => panic!("not a string"),
        }
    }

    #[test]
    fn profile_is_a_cmyk_output_profile() {
        assert_eq!(&ICC_PROFILE[36..40], b"acsp");
        assert_eq!(&ICC_PROFILE[12..16], b"prtr");
        assert_eq!(&ICC_PROFILE[16..20], b"CMYK");
    }
}
