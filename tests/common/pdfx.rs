//! A structural PDF/X-4 checker (ISO 15930-7:2010), for the requirements folio claims for its
//! press plates. It reads the file with lopdf and gives every violation it finds as a sentence;
//! an empty list means the file passed. It checks structure, not colour science: it does not
//! judge the ICC profile's tables, only that there is a CMYK output profile.
//!
//! Checked: header version ≤ 1.6; no encryption; a trailer /ID; exactly one GTS_PDFX output
//! intent with an OutputConditionIdentifier and an embedded ICC output profile (class `prtr`,
//! CMYK, N 4, version 2 or 4); an unfiltered XMP stream that names PDF/X-4 (pdfxid), has
//! DocumentID, VersionID, RenditionClass, CreateDate, ModifyDate, MetadataDate, dc:title and
//! pdf:Trapped; an Info dictionary with GTS_PDFXVersion PDF/X-4, Title, CreationDate, ModDate
//! and Trapped True/False, matching XMP; on every page a TrimBox and BleedBox with
//! TrimBox ⊆ BleedBox ⊆ MediaBox; every font embedded (FontFile, FontFile2 or FontFile3, through
//! Type0 descendants, in pages and form XObjects); no DeviceRGB anywhere (images, colour space
//! resources, transparency groups, `rg`/`RG`); text and rules DeviceCMYK K only (`k`/`K` with
//! C = M = Y = 0; no `g`/`G`/`rg`/`RG`; `cs`/`CS` only DeviceCMYK or the `All` separation);
//! no annotation except PrinterMark/TrapNet; no JavaScript; no transfer functions or halftones
//! in graphics states.
#![allow(dead_code)]

use std::collections::BTreeSet;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};

/// Check a PDF file's bytes; give the violations.
pub fn check(bytes: &[u8]) -> Vec<String> {
    let mut v = Vec::new();
    let header = String::from_utf8_lossy(&bytes[..bytes.len().min(16)]).to_string();
    match header.strip_prefix("%PDF-").and_then(|r| r.get(..3)) {
        Some(ver) if ver <= "1.6" && ver >= "1.0" => {}
        other => v.push(format!("header version must be 1.6 or lower, is {other:?}")),
    }
    let doc = match Document::load_mem(bytes) {
        Ok(d) => d,
        Err(e) => return vec![format!("not a readable PDF: {e}")],
    };
    if doc.trailer.has(b"Encrypt") {
        v.push("the file is encrypted".into());
    }
    match doc.trailer.get(b"ID") {
        Ok(Object::Array(a)) if a.len() == 2 => {}
        _ => v.push("the trailer has no /ID with two strings".into()),
    }
    let catalog = match doc.catalog() {
        Ok(c) => c,
        Err(_) => return vec!["no catalog".into()],
    };
    output_intent(&doc, catalog, &mut v);
    let xmp = xmp(&doc, catalog, &mut v);
    info(&doc, &xmp, &mut v);
    if let Ok(names) = catalog.get_deref(b"Names", &doc).and_then(Object::as_dict) {
        if names.has(b"JavaScript") {
            v.push("the document has JavaScript".into());
        }
    }
    if catalog.has(b"OpenAction") || catalog.has(b"AA") {
        v.push("the catalog has actions".into());
    }

    let pages: Vec<ObjectId> = doc.page_iter().collect();
    if pages.is_empty() {
        v.push("no pages".into());
    }
    let mut fonts_seen = BTreeSet::new();
    let mut forms_seen = BTreeSet::new();
    for (i, &page) in pages.iter().enumerate() {
        let n = i + 1;
        let media = page_box(&doc, page, b"MediaBox");
        let trim = own_box(&doc, page, b"TrimBox");
        let bleed = own_box(&doc, page, b"BleedBox");
        match (media, trim, bleed) {
            (Some(m), Some(t), Some(b)) => {
                if !inside(t, b) {
                    v.push(format!("page {n}: TrimBox {t:?} is not inside BleedBox {b:?}"));
                }
                if !inside(b, m) {
                    v.push(format!("page {n}: BleedBox {b:?} is not inside MediaBox {m:?}"));
                }
            }
            _ => v.push(format!("page {n}: MediaBox, TrimBox and BleedBox must all be present")),
        }
        let dict = doc.get_dictionary(page).unwrap();
        if let Ok(annots) = dict.get_deref(b"Annots", &doc).and_then(Object::as_array) {
            for a in annots {
                let sub = doc.dereference(a).ok().and_then(|(_, o)| o.as_dict().ok()).and_then(|d| d.get(b"Subtype").ok()).and_then(|s| s.as_name().ok());
                if !matches!(sub, Some(b"PrinterMark") | Some(b"TrapNet")) {
                    v.push(format!("page {n}: annotation {:?} is not allowed on a plate", sub.map(String::from_utf8_lossy)));
                }
            }
        }
        if let Ok(group) = dict.get_deref(b"Group", &doc).and_then(Object::as_dict) {
            if is_rgb(&doc, group.get(b"CS").ok()) {
                v.push(format!("page {n}: transparency group blends in DeviceRGB"));
            }
        }
        let resources = page_resources(&doc, page);
        let content = doc.get_page_content(page);
        check_content(&doc, &content, resources.as_ref(), &format!("page {n}"), &mut fonts_seen, &mut forms_seen, &mut v);
    }
    v
}

fn inside(a: [f64; 4], b: [f64; 4]) -> bool {
    let e = 0.01;
    a[0] >= b[0] - e && a[1] >= b[1] - e && a[2] <= b[2] + e && a[3] <= b[3] + e
}

fn num(o: &Object) -> Option<f64> {
    match o {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(*r as f64),
        _ => None,
    }
}

fn array_box(doc: &Document, o: &Object) -> Option<[f64; 4]> {
    let (_, o) = doc.dereference(o).ok()?;
    let a = o.as_array().ok()?;
    let v: Vec<f64> = a.iter().filter_map(num).collect();
    (v.len() == 4).then(|| [v[0].min(v[2]), v[1].min(v[3]), v[0].max(v[2]), v[1].max(v[3])])
}

/// A box set on the page itself (TrimBox and BleedBox are not inheritable).
fn own_box(doc: &Document, page: ObjectId, key: &[u8]) -> Option<[f64; 4]> {
    array_box(doc, doc.get_dictionary(page).ok()?.get(key).ok()?)
}

/// MediaBox, which is inheritable.
fn page_box(doc: &Document, page: ObjectId, key: &[u8]) -> Option<[f64; 4]> {
    let mut d = doc.get_dictionary(page).ok()?;
    loop {
        if let Ok(o) = d.get(key) {
            return array_box(doc, o);
        }
        d = doc.get_dictionary(d.get(b"Parent").ok()?.as_reference().ok()?).ok()?;
    }
}

fn page_resources(doc: &Document, page: ObjectId) -> Option<Dictionary> {
    let mut d = doc.get_dictionary(page).ok()?;
    loop {
        if let Ok(o) = d.get(b"Resources") {
            return doc.dereference(o).ok()?.1.as_dict().ok().cloned();
        }
        d = doc.get_dictionary(d.get(b"Parent").ok()?.as_reference().ok()?).ok()?;
    }
}

fn output_intent(doc: &Document, catalog: &Dictionary, v: &mut Vec<String>) {
    let intents = match catalog.get_deref(b"OutputIntents", doc).and_then(Object::as_array) {
        Ok(a) => a,
        Err(_) => return v.push("no OutputIntents in the catalog".into()),
    };
    let pdfx: Vec<&Dictionary> = intents
        .iter()
        .filter_map(|o| doc.dereference(o).ok()?.1.as_dict().ok())
        .filter(|d| d.get(b"S").and_then(Object::as_name).map(|n| n == b"GTS_PDFX").unwrap_or(false))
        .collect();
    if pdfx.len() != 1 {
        return v.push(format!("there must be exactly one GTS_PDFX output intent, there are {}", pdfx.len()));
    }
    let oi = pdfx[0];
    match oi.get(b"OutputConditionIdentifier").and_then(Object::as_str) {
        Ok(s) if !s.is_empty() => {}
        _ => v.push("the output intent has no OutputConditionIdentifier".into()),
    }
    let profile = match oi.get_deref(b"DestOutputProfile", doc).and_then(Object::as_stream) {
        Ok(s) => s,
        Err(_) => return v.push("the output intent has no embedded DestOutputProfile".into()),
    };
    if profile.dict.get(b"N").ok().and_then(num) != Some(4.0) {
        v.push("the output profile stream must have N 4".into());
    }
    let data = profile.decompressed_content().unwrap_or_else(|_| profile.content.clone());
    if data.len() < 128 || &data[36..40] != b"acsp" {
        return v.push("the output profile is not an ICC profile".into());
    }
    if &data[12..16] != b"prtr" {
        v.push(format!("the output profile class must be prtr (output), is {:?}", String::from_utf8_lossy(&data[12..16])));
    }
    if &data[16..20] != b"CMYK" {
        v.push(format!("the output profile must be CMYK, is {:?}", String::from_utf8_lossy(&data[16..20])));
    }
    if !matches!(data[8], 2 | 4) {
        v.push(format!("the output profile version must be 2 or 4, is {}", data[8]));
    }
}

/// The XMP text (empty if missing).
fn xmp(doc: &Document, catalog: &Dictionary, v: &mut Vec<String>) -> String {
    let stream = match catalog.get_deref(b"Metadata", doc).and_then(Object::as_stream) {
        Ok(s) => s,
        Err(_) => {
            v.push("the catalog has no XMP Metadata stream".into());
            return String::new();
        }
    };
    if stream.dict.has(b"Filter") {
        v.push("the XMP metadata stream is compressed".into());
    }
    let text = String::from_utf8_lossy(&stream.content).into_owned();
    let xml = match roxmltree::Document::parse(&text) {
        Ok(x) => x,
        Err(e) => {
            v.push(format!("XMP is not well-formed XML: {e}"));
            return text;
        }
    };
    for (ns, name) in [
        (PDFXID, "GTS_PDFXVersion"),
        (XMP_MM, "DocumentID"),
        (XMP_MM, "VersionID"),
        (XMP_MM, "RenditionClass"),
        (XMP, "CreateDate"),
        (XMP, "ModifyDate"),
        (XMP, "MetadataDate"),
        (DC, "title"),
        (PDF, "Trapped"),
    ] {
        if xmp_property(&xml, ns, name).is_none() {
            v.push(format!("XMP lacks {name} ({ns})"));
        }
    }
    if let Some(version) = xmp_property(&xml, PDFXID, "GTS_PDFXVersion") {
        if version != "PDF/X-4" {
            v.push(format!("XMP pdfxid:GTS_PDFXVersion is {version:?}, not PDF/X-4"));
        }
    }
    text
}

const PDFXID: &str = "http://www.npes.org/pdfx/ns/id/";
const XMP_MM: &str = "http://ns.adobe.com/xap/1.0/mm/";
const XMP: &str = "http://ns.adobe.com/xap/1.0/";
const DC: &str = "http://purl.org/dc/elements/1.1/";
const PDF: &str = "http://ns.adobe.com/pdf/1.3/";

/// An XMP property's text by namespace and local name (element form or attribute form of an
/// rdf:Description; for dc:title, the text of its first rdf:li).
pub fn xmp_property(xml: &roxmltree::Document, ns: &str, name: &str) -> Option<String> {
    for node in xml.descendants() {
        if node.is_element() && node.tag_name().namespace() == Some(ns) && node.tag_name().name() == name {
            let text: String = node.descendants().filter(|n| n.is_text()).map(|n| n.text().unwrap_or("")).collect();
            let li = node.descendants().find(|n| n.tag_name().name() == "li").and_then(|n| n.text());
            return Some(li.map(str::to_string).unwrap_or_else(|| text.trim().to_string()));
        }
        if node.is_element() {
            if let Some(a) = node.attributes().find(|a| a.namespace() == Some(ns) && a.name() == name) {
                return Some(a.value().to_string());
            }
        }
    }
    None
}

/// Decode a PDF text string.
pub fn pdf_text(b: &[u8]) -> String {
    if b.starts_with(&[0xfe, 0xff]) {
        let u: Vec<u16> = b[2..].chunks(2).filter(|c| c.len() == 2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
        String::from_utf16_lossy(&u)
    } else {
        b.iter().map(|&c| c as char).collect()
    }
}

/// `D:YYYYMMDDHHmmSS…` → `YYYY-MM-DDTHH:mm:SS`.
fn pdf_date_to_xmp(d: &str) -> Option<String> {
    let d = d.strip_prefix("D:")?;
    if d.len() < 14 {
        return None;
    }
    Some(format!("{}-{}-{}T{}:{}:{}", &d[0..4], &d[4..6], &d[6..8], &d[8..10], &d[10..12], &d[12..14]))
}

fn info(doc: &Document, xmp: &str, v: &mut Vec<String>) {
    let info = match doc.trailer.get(b"Info").and_then(Object::as_reference).and_then(|r| doc.get_dictionary(r)) {
        Ok(i) => i,
        Err(_) => return v.push("no Info dictionary".into()),
    };
    let xml = roxmltree::Document::parse(xmp).ok();
    let prop = |ns: &str, name: &str| xml.as_ref().and_then(|x| xmp_property(x, ns, name));
    let s = |k: &[u8]| info.get(k).and_then(Object::as_str).ok().map(pdf_text);
    if s(b"GTS_PDFXVersion").as_deref() != Some("PDF/X-4") {
        v.push(format!("Info GTS_PDFXVersion must be PDF/X-4, is {:?}", s(b"GTS_PDFXVersion")));
    }
    match info.get(b"Trapped").and_then(Object::as_name) {
        Ok(t) if t == b"True" || t == b"False" => {
            let t = String::from_utf8_lossy(t).into_owned();
            if prop(PDF, "Trapped").as_deref() != Some(t.as_str()) {
                v.push(format!("Info Trapped {t} differs from XMP pdf:Trapped {:?}", prop(PDF, "Trapped")));
            }
        }
        _ => v.push("Info Trapped must be /True or /False".into()),
    }
    match s(b"Title") {
        Some(t) if !t.is_empty() => {
            if prop(DC, "title").as_deref() != Some(t.as_str()) {
                v.push(format!("Info Title {t:?} differs from XMP dc:title {:?}", prop(DC, "title")));
            }
        }
        _ => v.push("Info has no Title".into()),
    }
    for (key, name) in [(&b"CreationDate"[..], "CreateDate"), (&b"ModDate"[..], "ModifyDate")] {
        match s(key).as_deref().and_then(pdf_date_to_xmp) {
            Some(d) => {
                if !prop(XMP, name).is_some_and(|x| x.starts_with(&d)) {
                    v.push(format!("Info {} differs from XMP xmp:{name}", String::from_utf8_lossy(key)));
                }
            }
            None => v.push(format!("Info has no valid {}", String::from_utf8_lossy(key))),
        }
    }
    for (key, ns, name) in [(&b"Producer"[..], PDF, "Producer"), (&b"Creator"[..], XMP, "CreatorTool")] {
        if let Some(value) = s(key) {
            if prop(ns, name).as_deref() != Some(value.as_str()) {
                v.push(format!("Info {} {value:?} differs from XMP {name} {:?}", String::from_utf8_lossy(key), prop(ns, name)));
            }
        }
    }
}

fn is_rgb(doc: &Document, cs: Option<&Object>) -> bool {
    let Some(cs) = cs else { return false };
    let Ok((_, cs)) = doc.dereference(cs) else { return false };
    match cs {
        Object::Name(n) => n == b"DeviceRGB" || n == b"RGB",
        Object::Array(a) => a.first().and_then(|o| o.as_name().ok()).is_some_and(|n| n == b"DeviceRGB"),
        _ => false,
    }
}

/// Whether a colour space resource is the `All` separation.
fn is_all_separation(doc: &Document, cs: &Object) -> bool {
    let Ok((_, cs)) = doc.dereference(cs) else { return false };
    let Ok(a) = cs.as_array() else { return false };
    a.len() == 4 && a[0].as_name().ok() == Some(b"Separation") && a[1].as_name().ok() == Some(b"All")
}

#[allow(clippy::too_many_arguments)]
fn check_content(
    doc: &Document,
    content: &[u8],
    resources: Option<&Dictionary>,
    place: &str,
    fonts_seen: &mut BTreeSet<ObjectId>,
    forms_seen: &mut BTreeSet<ObjectId>,
    v: &mut Vec<String>,
) {
    let empty = Dictionary::new();
    let res = resources.unwrap_or(&empty);
    let sub = |key: &[u8]| res.get_deref(key, doc).and_then(Object::as_dict).ok();
    let colour_spaces = sub(b"ColorSpace");
    let xobjects = sub(b"XObject");
    let ext = sub(b"ExtGState");

    // Colour spaces declared as resources.
    if let Some(cs) = colour_spaces {
        for (name, space) in cs.iter() {
            if is_rgb(doc, Some(space)) {
                v.push(format!("{place}: colour space /{} is DeviceRGB", String::from_utf8_lossy(name)));
            }
        }
    }
    // Graphics states: no transfer functions or halftones.
    if let Some(ext) = ext {
        for (name, gs) in ext.iter() {
            if let Ok((_, Object::Dictionary(gs))) = doc.dereference(gs) {
                for key in [&b"TR"[..], b"TR2", b"HT"] {
                    if gs.get(key).is_ok_and(|o| o.as_name().map(|n| n != b"Default" && n != b"Identity").unwrap_or(true)) {
                        v.push(format!("{place}: graphics state /{} sets {}", String::from_utf8_lossy(name), String::from_utf8_lossy(key)));
                    }
                }
            }
        }
    }
    // Fonts.
    if let Some(fonts) = sub(b"Font") {
        for (_, f) in fonts.iter() {
            if let Ok(id) = f.as_reference() {
                if fonts_seen.insert(id) {
                    check_font(doc, id, place, v);
                }
            }
        }
    }
    // Operators.
    let ops = match Content::decode(content) {
        Ok(c) => c.operations,
        Err(e) => return v.push(format!("{place}: content stream does not parse: {e}")),
    };
    let mut fill_cs_ok;
    for op in &ops {
        let nums: Vec<f64> = op.operands.iter().filter_map(num).collect();
        match op.operator.as_str() {
            "k" | "K" => {
                if nums.len() == 4 && (nums[0] != 0.0 || nums[1] != 0.0 || nums[2] != 0.0) {
                    v.push(format!("{place}: colour {} {} {} {} {} is not K only", nums[0], nums[1], nums[2], nums[3], op.operator));
                }
            }
            "g" | "G" => v.push(format!("{place}: DeviceGray colour ({}) instead of DeviceCMYK K", op.operator)),
            "rg" | "RG" => v.push(format!("{place}: DeviceRGB colour ({})", op.operator)),
            "cs" | "CS" => {
                let name = op.operands.first().and_then(|o| o.as_name().ok()).unwrap_or(b"");
                fill_cs_ok = name == b"DeviceCMYK"
                    || colour_spaces.and_then(|c| c.get(name).ok()).is_some_and(|s| is_all_separation(doc, s));
                if !fill_cs_ok {
                    v.push(format!("{place}: colour space /{} set with {} is neither DeviceCMYK nor the All separation", String::from_utf8_lossy(name), op.operator));
                }
            }
            "Do" => {
                let name = op.operands.first().and_then(|o| o.as_name().ok()).unwrap_or(b"");
                let Some(r) = xobjects.and_then(|x| x.get(name).ok()).and_then(|o| o.as_reference().ok()) else { continue };
                let Ok(stream) = doc.get_object(r).and_then(Object::as_stream) else { continue };
                match stream.dict.get(b"Subtype").and_then(Object::as_name) {
                    Ok(b"Image") => {
                        if is_rgb(doc, stream.dict.get(b"ColorSpace").ok()) {
                            v.push(format!("{place}: image /{} is DeviceRGB", String::from_utf8_lossy(name)));
                        }
                    }
                    Ok(b"Form") => {
                        if forms_seen.insert(r) {
                            if let Ok(group) = stream.dict.get_deref(b"Group", doc).and_then(Object::as_dict) {
                                if is_rgb(doc, group.get(b"CS").ok()) {
                                    v.push(format!("{place}: form /{} blends in DeviceRGB", String::from_utf8_lossy(name)));
                                }
                            }
                            let data = stream.decompressed_content().unwrap_or_else(|_| stream.content.clone());
                            let res = stream.dict.get_deref(b"Resources", doc).and_then(Object::as_dict).ok().cloned();
                            let inner = format!("{place} form /{}", String::from_utf8_lossy(name));
                            check_content(doc, &data, res.as_ref().or(Some(res_or(resources))), &inner, fonts_seen, forms_seen, v);
                        }
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
}

fn res_or(r: Option<&Dictionary>) -> &Dictionary {
    static EMPTY: std::sync::OnceLock<Dictionary> = std::sync::OnceLock::new();
    r.unwrap_or_else(|| EMPTY.get_or_init(Dictionary::new))
}

fn check_font(doc: &Document, id: ObjectId, place: &str, v: &mut Vec<String>) {
    let Ok(font) = doc.get_dictionary(id) else { return };
    let name = font.get(b"BaseFont").and_then(Object::as_name).map(|n| String::from_utf8_lossy(n).into_owned()).unwrap_or_default();
    match font.get(b"Subtype").and_then(Object::as_name) {
        Ok(b"Type3") => {}
        Ok(b"Type0") => {
            let kids = font.get_deref(b"DescendantFonts", doc).and_then(Object::as_array);
            match kids {
                Ok(k) if !k.is_empty() => {
                    for kid in k {
                        if let Ok(kid) = kid.as_reference() {
                            check_font(doc, kid, place, v);
                        }
                    }
                }
                _ => v.push(format!("{place}: Type0 font {name} has no descendant font")),
            }
        }
        _ => {
            let embedded = font
                .get_deref(b"FontDescriptor", doc)
                .and_then(Object::as_dict)
                .is_ok_and(|d| d.has(b"FontFile") || d.has(b"FontFile2") || d.has(b"FontFile3"));
            if !embedded {
                v.push(format!("{place}: font {name} is not embedded"));
            }
        }
    }
}
