//! `folio import`: takes a reporter's copy (`.docx`, `.txt`, `.md`) and gives the stories in it
//! as folio story files (TOML text), with what was guessed about each line, by its line number
//! in the input, for the editor to check. Nothing is dropped or invented: a line that is not
//! recognised as a head, byline, box, subhead, caption or attribution stays body copy.
//!
//! [`text`] decodes plain text (UTF-8, UTF-16 or UTF-32 with a BOM, GB18030/GBK, Big5) and Markdown into
//! [`Line`]s, [`docx`] reads a Word file's paragraphs with their styles and sizes, [`classify`]
//! turns the lines into [`Imported`] stories, and [`write`] sets them as TOML.

pub mod classify;
pub mod docx;
pub mod plan;
pub mod text;
pub mod write;

use std::path::Path;

use crate::diag::Diagnostic;

/// The kind of input file, from its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A Word document (Office Open XML).
    Docx,
    /// Plain text.
    Text,
    /// Markdown (`#` heads; otherwise read as plain text).
    Markdown,
}

impl Format {
    /// The format named by a file's extension (case-insensitive).
    pub fn of(path: &Path) -> Option<Self> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "docx" => Some(Self::Docx),
            "txt" | "text" => Some(Self::Text),
            "md" | "markdown" => Some(Self::Markdown),
            _ => None,
        }
    }

    /// What a location in this format is called in the report (`line`, `paragraph`; 行, 段).
    pub fn unit(self) -> String {
        match self {
            Self::Docx => crate::tr!("import-unit-paragraph"),
            Self::Text | Self::Markdown => crate::tr!("import-unit-line"),
        }
    }
}

/// The character encoding a text input was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 without a byte-order mark.
    Utf8,
    /// UTF-8 with a byte-order mark.
    Utf8Bom,
    /// UTF-16, little-endian, with a byte-order mark.
    Utf16Le,
    /// UTF-16, big-endian, with a byte-order mark.
    Utf16Be,
    /// GB18030 (a superset of GBK and GB2312).
    Gb18030,
    /// UTF-32, little-endian, with a byte-order mark.
    Utf32Le,
    /// UTF-32, big-endian, with a byte-order mark.
    Utf32Be,
    /// Big5 (Traditional Chinese), told from GBK by chardetng.
    Big5,
}

impl Encoding {
    /// Its name in the report.
    pub fn name(self) -> &'static str {
        match self {
            Self::Utf8 => "UTF-8",
            Self::Utf8Bom => "UTF-8 (with BOM)",
            Self::Utf16Le => "UTF-16LE",
            Self::Utf16Be => "UTF-16BE",
            Self::Gb18030 => "GB18030/GBK",
            Self::Utf32Le => "UTF-32LE",
            Self::Utf32Be => "UTF-32BE",
            Self::Big5 => "Big5",
        }
    }
}

/// What the input's formatting says about a line, where it says anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mark {
    /// Nothing: plain text.
    #[default]
    None,
    /// A title style (Word's Title / 标题, Markdown `#`).
    Title,
    /// A subtitle style (Word's Subtitle / 副标题).
    Subtitle,
    /// A heading of this level (Word's Heading N / 标题 N, Markdown `##` = 2 …).
    Heading(u8),
}

/// One line of the input (a paragraph of a .docx), trimmed, with where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// 1-based line number (paragraph number in a .docx).
    pub no: usize,
    /// Its text, without leading and trailing white space (full-width spaces included).
    pub text: String,
    /// Whether it began with indentation (spaces, full-width spaces or a tab).
    pub indented: bool,
    /// Whether a blank line (or a .docx paragraph boundary) precedes it.
    pub after_blank: bool,
    /// Whether white precedes it: a blank line of a text, an empty paragraph of a .docx (where
    /// every paragraph is `after_blank`): what parts two stanzas of verse.
    pub blank_before: bool,
    /// Style information from the input's formatting.
    pub mark: Mark,
    /// The largest font size of its text, in points (.docx only).
    pub size: Option<f32>,
    /// Whether a story separator (a `---` line, a page break in a .docx) precedes it.
    pub after_break: bool,
    /// Whether the input sets it apart as a box: a Markdown `>` quote; in a .docx, a paragraph
    /// with a border or shading, in a table or in a text box.
    pub boxed: bool,
    /// A row of a Markdown table, its cells parted by full-width spaces (folio sets no tables):
    /// a paragraph of its own, never a head.
    pub table: bool,
}

/// An input read into lines.
#[derive(Debug, Clone)]
pub struct Input {
    /// The input's kind.
    pub format: Format,
    /// The encoding of a text input.
    pub encoding: Option<Encoding>,
    /// Its non-blank lines, in order.
    pub lines: Vec<Line>,
    /// Images embedded in a .docx, in document order: (file name inside the document, bytes).
    pub images: Vec<(String, Vec<u8>)>,
    /// HTML taken out of its lines (a web page's or a newsroom system's `&ldquo;`, `<p>`): the
    /// line, the markup and what replaced it (nothing for a tag).
    pub html: Vec<(usize, String, String)>,
    /// Markdown images left out of a text input (the photos come with `--photo`): the line and
    /// the markup.
    pub images_left: Vec<(usize, String)>,
}

/// Most bytes a text input may have: a page's copy is some 30 KB, and a story file at most
/// 1 MiB ([`crate::project::limits::TOML`]).
pub const MAX_TEXT_INPUT: crate::project::limits::Limit = crate::project::limits::Limit { bytes: 16 * crate::project::limits::MIB, what: "limit-import-text" };
/// Most bytes a `.docx` input may have (its photos included).
pub const MAX_DOCX_INPUT: crate::project::limits::Limit = crate::project::limits::Limit { bytes: 256 * crate::project::limits::MIB, what: "limit-import-docx" };

/// Read an input file into lines; an error names the file and what is wrong with it. An input
/// that is not a file folio imports (by its extension), is missing or is a folder is a usage
/// error; anything wrong with
/// what an input holds is a content error ([`crate::diag::Code::Content`]: `folio import` exits
/// 1 for it, session 40: a damaged .docx exited 2, as a mistyped command does).
pub fn read(path: &Path) -> Result<Input, Diagnostic> {
    let format = Format::of(path).ok_or_else(|| {
        Diagnostic::error(crate::tr!("import-not-importable", file = path.display()))
            .at_path(path)
            .hint(crate::tr!("import-not-importable-hint"))
    })?;
    let limit = if format == Format::Docx { MAX_DOCX_INPUT } else { MAX_TEXT_INPUT };
    let bytes = crate::project::read_regular(path, limit).map_err(|e| match e {
        // A path that names no file (or a folder) is the command line's mistake.
        crate::project::ReadError::NotFound | crate::project::ReadError::NotRegular(_) => e.diagnostic(path),
        e => e.diagnostic(path).code(crate::diag::Code::Content),
    })?;
    read_as(path, format, &bytes).map_err(|d| d.code(crate::diag::Code::Content))
}

/// [`read`] the bytes of an input of a known format.
fn read_as(path: &Path, format: Format, bytes: &[u8]) -> Result<Input, Diagnostic> {
    let mut input = match format {
        Format::Docx => docx::read(path, bytes)?,
        Format::Text | Format::Markdown => {
            let (text, encoding) = text::decode(path, bytes)?;
            let (lines, images_left) = text::lines_and_images(&text, format == Format::Markdown);
            Input { format, encoding: Some(encoding), lines, images: vec![], html: vec![], images_left }
        }
    };
    // HTML left in the copy by a web page or a newsroom system: what it stands for, as the
    // import turns any encoding into UTF-8 (the report names each piece); a line of nothing
    // else goes, its paragraph break (a `&nbsp;` line between paragraphs) passed on to the
    // next. A line with a paragraph's tag (<p>, </p>, <br>) starts a paragraph, and so does
    // the line after it; a line with such a tag between its copy (`…。</p><p>…`, an export
    // of one line a story) is parted there first.
    input.lines = input.lines.into_iter().flat_map(parted_at_block_tags).collect();
    // (A line emptied so is white before the next, as a blank line is: a stanza break.)
    let (mut starts, mut white) = (false, false);
    for line in &mut input.lines {
        line.after_blank |= std::mem::take(&mut starts);
        line.blank_before |= std::mem::take(&mut white);
        let (text, done) = crate::input::punctuation::without_html(&line.text);
        if done.is_empty() {
            continue;
        }
        line.text = text.trim().to_string();
        white = line.text.is_empty();
        if line.text.is_empty() || done.iter().any(|(m, _)| crate::input::punctuation::html_block_tag(m)) {
            line.after_blank = true;
            starts = true;
        }
        input.html.extend(done.into_iter().map(|(m, w)| (line.no, m, w)));
    }
    input.lines.retain(|l| !l.text.is_empty());
    Ok(input)
}

/// A line parted before each paragraph tag (`<p>`, `</p>`, `<br>`) that has copy on both sides:
/// each part a line of the same number, the tag starting the part after it (which then starts
/// a paragraph).
fn parted_at_block_tags(line: Line) -> Vec<Line> {
    use crate::input::punctuation::{html_block_tag, html_markup, without_html};
    let cuts: Vec<usize> = html_markup(&line.text)
        .into_iter()
        .filter(|r| html_block_tag(&line.text[r.clone()]))
        .map(|r| r.start)
        .filter(|&at| {
            let copy = |t: &str| !without_html(t).0.trim().is_empty();
            copy(&line.text[..at]) && copy(&line.text[at..])
        })
        .collect();
    if cuts.is_empty() {
        return vec![line];
    }
    let bounds: Vec<usize> = std::iter::once(0).chain(cuts).chain(std::iter::once(line.text.len())).collect();
    bounds
        .windows(2)
        .enumerate()
        .map(|(k, w)| {
            let mut part = line.clone();
            part.text = line.text[w[0]..w[1]].to_string();
            if k > 0 {
                part.after_break = false;
                part.blank_before = false;
                part.indented = false;
            }
            part
        })
        .collect()
}

/// A field of a story the importer fills, for the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// 引题.
    Kicker,
    /// 主题.
    Headline,
    /// 副题.
    Deck,
    /// Reporters' names.
    Byline,
    /// 本报讯 and the like.
    Dateline,
    /// The 核心提示 / 编者按 box.
    Lead,
    /// A first-level subhead.
    Head,
    /// A second-level subhead.
    Subhead,
    /// A photo caption with its credit.
    Caption,
    /// （…） after the last paragraph.
    Attribution,
    /// Two lines joined where a column or line broke a sentence.
    Joined,
    /// A new story starts.
    NewStory,
    /// A page banner (版头 / 通栏) before a story's heads: `主题·地方`.
    Banner,
    /// A row of a Markdown table, set as a paragraph of its cells.
    TableRow,
}

impl Role {
    /// Its name in the report (the Chinese term first in English too: editors know them so).
    pub fn name(self) -> String {
        match self {
            Self::Kicker => crate::tr!("import-role-kicker"),
            Self::Headline => crate::tr!("import-role-headline"),
            Self::Deck => crate::tr!("import-role-deck"),
            Self::Byline => crate::tr!("import-role-byline"),
            Self::Dateline => crate::tr!("import-role-dateline"),
            Self::Lead => crate::tr!("import-role-lead"),
            Self::Head => crate::tr!("import-role-head"),
            Self::Subhead => crate::tr!("import-role-subhead"),
            Self::TableRow => crate::tr!("import-role-table-row"),
            Self::Caption => crate::tr!("import-role-caption"),
            Self::Attribution => crate::tr!("import-role-attribution"),
            Self::Joined => crate::tr!("import-role-joined"),
            Self::NewStory => crate::tr!("import-role-new-story"),
            Self::Banner => crate::tr!("import-role-banner"),
        }
    }
}

/// One guess the importer made, for the editor to check.
#[derive(Debug, Clone, PartialEq)]
pub struct Guess {
    /// The input line it is about.
    pub line: usize,
    /// What the line was taken for.
    pub role: Role,
    /// The text concerned (or, for a join, the two ends that were joined).
    pub text: String,
}

/// A photo caption found in the copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caption {
    /// The input line.
    pub line: usize,
    /// The caption.
    pub caption: String,
    /// The photographer, from `… 某某摄`.
    pub credit: Option<String>,
}

/// A section: subheads and paragraphs.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Section {
    /// First-level subhead.
    pub head: String,
    /// Second-level subhead.
    pub subhead: Option<String>,
    /// Paragraphs.
    pub paragraphs: Vec<String>,
}

/// A story as imported.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Story {
    /// The first input line of the story.
    pub first_line: usize,
    /// The last input line of the story.
    pub last_line: usize,
    /// 引题.
    pub kicker: Option<String>,
    /// 主题.
    pub headline: String,
    /// 副题.
    pub deck: Option<String>,
    /// Byline.
    pub byline: Option<String>,
    /// Dateline.
    pub dateline: Option<String>,
    /// Attribution (without its brackets).
    pub attribution: Option<String>,
    /// The lead box: its label and its paragraphs.
    pub lead: Option<(String, Vec<String>)>,
    /// A page banner standing before the story's heads (its input line and text): not part of
    /// the story; the story file names it in a comment and `--page` sets it on the page.
    pub banner: Option<(usize, String)>,
    /// Paragraphs before the first subhead.
    pub paragraphs: Vec<String>,
    /// Sections.
    pub sections: Vec<Section>,
    /// Photo captions.
    pub captions: Vec<Caption>,
    /// Set as verse (`verse = true`): each paragraph a stanza, its lines parted by `\n`.
    pub verse: bool,
}

/// What one input gave.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The stories, in order.
    pub stories: Vec<Story>,
    /// The guesses, in input order.
    pub guesses: Vec<Guess>,
}

/// Read and classify one input (`verse`: as verse, every line of its body kept).
pub fn import(path: &Path, verse: bool) -> Result<(Input, Imported), Diagnostic> {
    let input = read(path)?;
    if input.lines.is_empty() {
        return Err(Diagnostic::error(crate::tr!("import-no-text")).at_path(path).hint(crate::tr!("import-no-text-hint")).code(crate::diag::Code::Content));
    }
    let imported = classify::classify(&input.lines, verse);
    if let Some(s) = imported.stories.iter().find(|s| s.headline.is_empty()) {
        return Err(Diagnostic::error(crate::tr!("import-no-headline", unit = input.format.unit(), line = s.first_line))
            .at_path(path)
            .hint(crate::tr!("import-no-headline-hint"))
            .code(crate::diag::Code::Content));
    }
    Ok((input, imported))
}
