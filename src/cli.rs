//! The command line's types: takes nothing and gives the clap definitions of every command and
//! flag ([`Cli`]; their help in each language is `i18n/*.ftl`'s `help-*`, see [`crate::help`]); `main.rs` parses them and dispatches to [`crate::cmd`], whose exit codes are
//! 0 on success, 1 when the content or a template has errors, 2 on usage errors.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// The lowest resolution folio renders PNGs at (`folio proof --dpi`, `folio watch --png`).
pub const MIN_DPI: f32 = 10.0;
/// The highest: a broadsheet spread at 600 dpi is a 16 800 × 11 900 pixel image, which keeps a
/// proof run under 1 GiB resident (see README, "Limits").
pub const MAX_DPI: f32 = 600.0;

/// Parse a resolution in dots per inch, within [`MIN_DPI`]–[`MAX_DPI`] (a usage error otherwise).
fn dpi(s: &str) -> Result<f32, String> {
    let v: f32 = s.trim().parse().map_err(|_| crate::tr!("cli-dpi-not-number", value = s))?;
    if v.is_finite() && (MIN_DPI..=MAX_DPI).contains(&v) {
        Ok(v)
    } else {
        Err(crate::tr!("cli-dpi-range", value = s, min = MIN_DPI, max = MAX_DPI))
    }
}

/// folio: newspaper editions in TOML → print-ready PDF pages through Typst.
#[derive(Debug, Parser)]
#[command(name = "folio", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
    /// How errors and warnings are printed: human (the source line and hints, as Typst does)
    /// or short (one line each, `file:line:col: error: message`, for editors and CI logs).
    #[arg(long, global = true, value_enum, default_value_t = crate::diag::Style::Human)]
    pub diagnostic_format: crate::diag::Style,
    /// Language of messages, hints, reports and this help: en or zh-CN (default: from LC_ALL,
    /// LC_MESSAGES or LANG, zh_* meaning zh-CN, else en).
    #[arg(long, global = true, value_enum)]
    pub lang: Option<crate::i18n::Lang>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build editions into PDF pages and spreads (and press plates and archive copies when asked).
    #[command(after_help = "Examples:\n  folio build content/jiangxi-special\n  folio build content/* --press --marks --archive --out dist")]
    Build(BuildArgs),
    /// Validate and compile an edition without writing anything.
    #[command(after_help = "Examples:\n  folio check content/jiangxi-special\n  folio check content/jiangxi-special --format json > report.json")]
    Check(CheckArgs),
    /// Render proofs: every page and spread as PNG with the findings drawn on, and a contact sheet.
    #[command(after_help = "Examples:\n  folio proof content/jiangxi-special\n  folio proof content/jiangxi-special --dpi 150 --out proofs")]
    Proof(ProofArgs),
    /// List the font families folio sees.
    #[command(after_help = "Examples:\n  folio fonts --variants\n  folio fonts --char 堃\n  folio fonts --font-path /srv/paper/fonts")]
    Fonts(FontArgs),
    /// Start a new edition as a copy of an existing one, dated today.
    #[command(after_help = "Examples:\n  folio new content/2026-12-02\n  folio new content/tabloid-0612 --from content/jiangxi-tabloid\n  folio new content/2026-12-02 --format tabloid --front\n  folio new story content/2026-12-02/stories/dushan.toml")]
    New(NewArgs),
    /// Write the sources attached to an archive PDF back out as a project.
    #[command(after_help = "Examples:\n  folio extract out/jiangxi-special-archive.pdf restored")]
    Extract(ExtractArgs),
    /// Rebuild an edition on every change to its TOML, photos, layouts or fonts.
    #[command(after_help = "Examples:\n  folio watch content/jiangxi-special\n  folio watch content/jiangxi-special --png 50 --out preview")]
    Watch(WatchArgs),
    /// Show the edition's pages in the browser, updated in place on every change, with every
    /// story's block, capacity and findings drawn over them.
    #[command(after_help = "Examples:\n  folio serve content/jiangxi-special --open\n  folio serve content/jiangxi-special --port 8080")]
    Serve(ServeArgs),
    /// Place the stories that have no [block] (自动组版) and print the blocks chosen; with
    /// --write, write them into the story files.
    #[command(after_help = "Examples:\n  folio place content/jiangxi-special\n  folio place content/jiangxi-special --write")]
    Place(PlaceArgs),
    /// Turn copy (.docx, .txt, .md) into story files of an edition, guessing heads, byline,
    /// lead box, subheads, captions and attribution; print the guesses with the input's lines.
    #[command(after_help = "Examples:\n  folio import dushan.docx --into content/2026-12-02 --page 1\n  folio import a.txt b.md --into content/2026-12-02 --dry-run")]
    Import(ImportArgs),
    /// Print the JSON Schema of edition.toml, of a story file or of layouts/formats.toml (for
    /// TOML editors), or write all three into a folder.
    #[command(after_help = "Examples:\n  folio schema edition\n  folio schema story --out story.schema.json\n  folio schema --out schema")]
    Schema(SchemaArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    #[command(after_help = "Examples:\n  folio completions bash > ~/.local/share/bash-completion/completions/folio\n  folio completions zsh > ~/.zfunc/_folio")]
    Completions(CompletionsArgs),
    /// Print folio's manual page (roff), or write one per command into a folder.
    #[command(after_help = "Examples:\n  folio man | man -l -\n  folio man --out /usr/local/share/man/man1")]
    Man(ManArgs),
}

/// `folio completions`.
#[derive(Debug, Clone, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// `folio man`.
#[derive(Debug, Clone, Args)]
pub struct ManArgs {
    /// Write `folio.1` and a page per command (`folio-build.1`, …) into this folder instead.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// Where the project and its fonts are: every edition command takes these.
#[derive(Debug, Clone, Args)]
pub struct ProjectArgs {
    /// Project root; default: the nearest parent folder with layouts/.
    #[arg(long)]
    pub root: Option<PathBuf>,
    /// Fonts folder; default: <root>/fonts.
    #[arg(long)]
    pub font_path: Option<PathBuf>,
    /// Also use the system's fonts (output then depends on the machine).
    #[arg(long)]
    pub system_fonts: bool,
}

/// Options every single-edition command takes.
#[derive(Debug, Clone, Args)]
pub struct CommonArgs {
    /// The edition directory (it holds edition.toml).
    pub edition: PathBuf,
    /// Project root and fonts.
    #[command(flatten)]
    pub project: ProjectArgs,
}

/// `folio check`.
#[derive(Debug, Clone, Args)]
pub struct CheckArgs {
    /// Edition and project.
    #[command(flatten)]
    pub common: CommonArgs,
    /// Report format: human (grouped by page and story) or json (schema folio-report/1).
    #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
    pub format: ReportFormat,
    /// Report overset copy as a warning instead of an error.
    #[arg(long)]
    pub allow_overset: bool,
    /// Check as folio build --press does: white the copy leaves in the type area (a hole, an
    /// underset block) is an error, as it is on the plates.
    #[arg(long)]
    pub press: bool,
}

/// `folio place`.
#[derive(Debug, Clone, Args)]
pub struct PlaceArgs {
    /// Edition and project.
    #[command(flatten)]
    pub common: CommonArgs,
    /// Write the chosen blocks into the story files' [block] tables (comments and layout kept;
    /// `vertical = true` where folio set a head vertically), so the editor can refine them and
    /// the next build is stable.
    #[arg(long)]
    pub write: bool,
}

/// `folio import`.
#[derive(Debug, Clone, Args)]
pub struct ImportArgs {
    /// The copy: .docx, .txt or .md files (text in UTF-8, UTF-16 or UTF-32 with a BOM, GB18030/GBK or Big5).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The edition the stories go into (its folder, with edition.toml); story files are written
    /// to its stories/ folder, named after the input (dushan.txt → stories/dushan.toml).
    #[arg(long, value_name = "EDITION")]
    pub into: PathBuf,
    /// Add the stories to this page's list in edition.toml.
    #[arg(long, value_name = "N")]
    pub page: Option<u32>,
    /// A photo for the next caption that has none (in the order of the inputs; repeatable);
    /// it is copied into the edition's photos/ folder. A .docx's own images come first.
    #[arg(long, value_name = "FILE")]
    pub photo: Vec<PathBuf>,
    /// Overwrite story and photo files that exist.
    #[arg(long)]
    pub force: bool,
    /// Print what would be written and guessed, and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// The copy is verse (a poem for a 副刊 page): its body keeps every line, a blank line
    /// parts two stanzas, and the stories are set as verse (`verse = true`).
    #[arg(long)]
    pub verse: bool,
}

/// `folio proof`.
#[derive(Debug, Clone, Args)]
pub struct ProofArgs {
    /// Edition and project.
    #[command(flatten)]
    pub common: CommonArgs,
    /// Output folder for the PNGs.
    #[arg(long, default_value = "out/proof")]
    pub out: PathBuf,
    /// Resolution of the page and spread PNGs (dots per inch, 10–600).
    #[arg(long, default_value_t = 150.0, value_parser = dpi)]
    pub dpi: f32,
    /// Report format of the findings printed alongside.
    #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
    pub format: ReportFormat,
    /// Report overset copy as a warning instead of an error.
    #[arg(long)]
    pub allow_overset: bool,
}

/// `folio build`.
#[derive(Debug, Clone, Args)]
pub struct BuildArgs {
    /// Edition directories (each holds edition.toml). Several, e.g. content/*, build in
    /// parallel; one that fails does not stop the others.
    #[arg(required = true, value_name = "EDITION")]
    pub editions: Vec<PathBuf>,
    /// Project root and fonts.
    #[command(flatten)]
    pub project: ProjectArgs,
    /// Also write press plates: one PDF/X-4 file per page in OUT/<edition>-press/.
    #[arg(long)]
    pub press: bool,
    /// Bleed of the press plates in mm (0 allowed); default: the format's (layouts/formats.toml).
    #[arg(long, value_name = "MM", requires = "press")]
    pub bleed: Option<f64>,
    /// Draw crop and registration marks on the press plates, in a slug outside the bleed.
    #[arg(long, requires = "press")]
    pub marks: bool,
    /// Also write the archive copy OUT/<edition>-archive.pdf: PDF/A-3b with the sources attached.
    #[arg(long)]
    pub archive: bool,
    /// Archive without the sources attached (PDF/A-2b).
    #[arg(long, requires = "archive")]
    pub no_attach: bool,
    /// Editions built at once when several are given; default: one per CPU core.
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
    /// Write the PDFs even when copy is overset (the overset stays a warning in the report).
    #[arg(long)]
    pub allow_overset: bool,
    /// Write the press plates even where the copy leaves white in the type area (a hole, an
    /// underset block), kept for something placed later; without it that white is an error
    /// with --press.
    #[arg(long, requires = "press")]
    pub allow_holes: bool,
    /// Output folder.
    #[arg(long, default_value = "out")]
    pub out: PathBuf,
    /// Also write a self-contained Typst file per document (templates and data inlined, photos
    /// copied) to this folder, for plain `typst compile`.
    #[arg(long, value_name = "DIR")]
    pub emit_typst: Option<PathBuf>,
}

impl BuildArgs {
    /// The common options of one of the editions.
    pub fn common(&self, edition: &std::path::Path) -> CommonArgs {
        CommonArgs { edition: edition.to_path_buf(), project: self.project.clone() }
    }
}

/// `folio extract`.
#[derive(Debug, Clone, Args)]
pub struct ExtractArgs {
    /// An archive PDF written by `folio build --archive`.
    pub archive: PathBuf,
    /// A new or empty folder; the sources are laid out in it as a project
    /// (DIR/layouts/…, DIR/content/<edition>/…).
    pub dir: PathBuf,
}

/// `folio watch`.
#[derive(Debug, Clone, Args)]
pub struct WatchArgs {
    /// Edition and project.
    #[command(flatten)]
    pub common: CommonArgs,
    /// Output folder.
    #[arg(long, default_value = "out")]
    pub out: PathBuf,
    /// Also write a PNG proof of each changed page at this resolution (dots per inch, 10–600).
    #[arg(long, value_name = "DPI", value_parser = dpi)]
    pub png: Option<f32>,
    /// Overset copy is a warning, not an error (the pages are still written).
    #[arg(long)]
    pub allow_overset: bool,
}

/// `folio serve`.
#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Edition and project.
    #[command(flatten)]
    pub common: CommonArgs,
    /// Port to listen on (0: any free port; the URL printed says which).
    #[arg(long, default_value_t = 7070)]
    pub port: u16,
    /// Address to listen on. Default: loopback only. Any other address lets other machines see
    /// the pages (folio warns).
    #[arg(long, default_value = "127.0.0.1")]
    pub host: String,
    /// Open the preview in the default browser.
    #[arg(long)]
    pub open: bool,
    /// Output folder: the pages and spread PDFs are written there on every good build, as
    /// `folio watch` does.
    #[arg(long, default_value = "out")]
    pub out: PathBuf,
    /// Overset copy is a warning, not an error (the pages are still shown and written).
    #[arg(long)]
    pub allow_overset: bool,
}

/// `folio fonts`.
#[derive(Debug, Clone, Args)]
pub struct FontArgs {
    /// Fonts folder; default: ./fonts.
    #[arg(long, default_value = "fonts")]
    pub font_path: PathBuf,
    /// Also list the system's fonts.
    #[arg(long)]
    pub system_fonts: bool,
    /// List every face (family, weight, style, width) with its file, not only the families.
    #[arg(long)]
    pub variants: bool,
    /// List the faces that have a glyph for every one of these characters, e.g. --char 堃.
    #[arg(long, value_name = "CHARS")]
    pub char: Option<String>,
}

/// `folio new`.
#[derive(Debug, Clone, Args)]
#[command(subcommand_negates_reqs = true, args_conflicts_with_subcommands = true)]
pub struct NewArgs {
    /// `folio new story FILE`: a commented story file instead of an edition.
    #[command(subcommand)]
    pub what: Option<NewWhat>,
    /// The new edition's directory (must not exist).
    #[arg(required = true)]
    pub edition: Option<PathBuf>,
    /// The edition to copy; default: content/jiangxi-special of the project (unless --format
    /// asks for a fresh skeleton).
    #[arg(long, conflicts_with_all = ["format", "front"])]
    pub from: Option<PathBuf>,
    /// Write a fresh skeleton in this format (a name from layouts/formats.toml, e.g. tabloid or
    /// broadsheet) instead of copying an edition: edition.toml with its keys commented, one page
    /// and one story that builds at once.
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// With --format: page 1 is a front page, with masthead (报头), ear (报眼) and [masthead] lines.
    #[arg(long, requires = "format")]
    pub front: bool,
    /// Project root; default: the nearest parent folder with layouts/.
    #[arg(long)]
    pub root: Option<PathBuf>,
}

/// `folio schema`.
#[derive(Debug, Clone, Args)]
pub struct SchemaArgs {
    /// Which file's schema; without it, --out names a folder and all three are written there.
    #[arg(value_enum)]
    pub kind: Option<crate::input::schema::SchemaKind>,
    /// Write to this file (with a kind) or into this folder (without one) instead of printing.
    #[arg(long, value_name = "FILE|DIR")]
    pub out: Option<PathBuf>,
}

/// What else `folio new` makes.
#[derive(Debug, Clone, Subcommand)]
pub enum NewWhat {
    /// Write a story file with every key folio reads, commented, to fill in.
    Story {
        /// The new story file (must not exist), e.g. content/2026-12-02/stories/dushan.toml.
        file: PathBuf,
    },
}

/// Output format of `folio check` and `folio proof`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ReportFormat {
    /// Findings grouped by page and story, with source lines and hints.
    #[default]
    Human,
    /// One JSON document (schema `folio-report/1`, see README.md).
    Json,
}

#[cfg(test)]
mod tests {
    #[test]
    fn cli_definition_is_consistent() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }
}
