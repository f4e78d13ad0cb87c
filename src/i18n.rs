//! Messages in English and Chinese (zh-CN): takes a message ID from `i18n/en.ftl` with its
//! arguments and gives the text in the language of this run ([`lang`]: `--lang`, else
//! `LC_ALL` / `LC_MESSAGES` / `LANG`, else English).
//!
//! The catalogues are Fluent files embedded in the binary (`include_str!`), parsed only when
//! the first message is made, and only the one of the language in use (plus English for an ID
//! the other lacks, which the catalogue test forbids). Codes and locations of diagnostics
//! never depend on the language; only their text does.

use std::borrow::Cow;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, Ordering};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// The English catalogue (every message ID lives here first).
pub const EN_FTL: &str = include_str!("../i18n/en.ftl");
/// The Chinese catalogue: the same IDs with the same placeables.
pub const ZH_CN_FTL: &str = include_str!("../i18n/zh-CN.ftl");

/// A language folio prints its messages in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Lang {
    /// English.
    #[default]
    #[value(name = "en")]
    En,
    /// Simplified Chinese.
    #[value(name = "zh-CN")]
    ZhCn,
}

impl Lang {
    /// Its BCP 47 tag.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhCn => "zh-CN",
        }
    }

    /// The language a POSIX locale name means: `zh_CN.UTF-8`, `zh_TW`, `zh` … → Chinese; any
    /// other (`C`, `POSIX`, `en_GB.UTF-8`, `de_DE`) → English.
    pub fn from_locale(locale: &str) -> Lang {
        let l = locale.trim().to_ascii_lowercase();
        if l == "zh" || l.starts_with("zh_") || l.starts_with("zh-") || l.starts_with("zh.") { Lang::ZhCn } else { Lang::En }
    }

    /// The language of an environment: the first set, non-empty one of `LC_ALL`,
    /// `LC_MESSAGES` and `LANG` (POSIX's order), else English.
    pub fn from_env_vars(lc_all: Option<&str>, lc_messages: Option<&str>, lang: Option<&str>) -> Lang {
        [lc_all, lc_messages, lang].into_iter().flatten().find(|v| !v.trim().is_empty()).map_or(Lang::En, Lang::from_locale)
    }

    /// The language of this process's environment.
    pub fn from_env() -> Lang {
        let var = |k| std::env::var(k).ok();
        Lang::from_env_vars(var("LC_ALL").as_deref(), var("LC_MESSAGES").as_deref(), var("LANG").as_deref())
    }
}

/// 0: not chosen yet (read the environment on first use); 1: English; 2: Chinese.
static LANG: AtomicU8 = AtomicU8::new(0);

/// Print every message of this process in `lang` from now on (`main`, from `--lang` or the
/// environment).
pub fn set_lang(lang: Lang) {
    LANG.store(if lang == Lang::ZhCn { 2 } else { 1 }, Ordering::Relaxed);
}

/// The language of this run's messages: the one [`set_lang`] chose, else the environment's.
pub fn lang() -> Lang {
    match LANG.load(Ordering::Relaxed) {
        1 => Lang::En,
        2 => Lang::ZhCn,
        _ => {
            let l = Lang::from_env();
            set_lang(l);
            l
        }
    }
}

/// A catalogue parsed into a bundle (Unicode isolation marks off: messages go to terminals
/// and logs, where FSI/PDI would show as garbage or break `grep`).
fn bundle(lang: Lang) -> &'static FluentBundle<FluentResource> {
    static EN: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    static ZH: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    let (cell, text) = match lang {
        Lang::En => (&EN, EN_FTL),
        Lang::ZhCn => (&ZH, ZH_CN_FTL),
    };
    cell.get_or_init(|| {
        let tag = lang.tag().parse().expect("a valid language tag");
        let mut b = FluentBundle::new_concurrent(vec![tag]);
        b.set_use_isolating(false);
        // The catalogue test parses both files without errors; a broken entry is skipped.
        let res = FluentResource::try_new(text.to_string()).unwrap_or_else(|(res, _)| res);
        let _ = b.add_resource(res);
        crate::diag::log(&format!("i18n: the {} message catalogue parsed", lang.tag()));
        b
    })
}

/// The message `id` with `args` in `lang`: from its catalogue, else English, else the ID
/// itself (never a panic: a missing message is a bug the catalogue test catches).
pub fn message_in(lang: Lang, id: &str, args: &[(&str, FluentValue<'static>)]) -> String {
    let mut fargs = FluentArgs::with_capacity(args.len());
    for (k, v) in args {
        fargs.set(*k, v.clone());
    }
    for l in [lang, Lang::En] {
        let b = bundle(l);
        if let Some(pattern) = b.get_message(id).and_then(|m| m.value()) {
            let mut errors = vec![];
            return b.format_pattern(pattern, Some(&fargs), &mut errors).into_owned();
        }
    }
    id.to_string()
}

/// The message `id` with `args` in this run's language (see [`tr!`](crate::tr)).
pub fn message(id: &str, args: &[(&str, FluentValue<'static>)]) -> String {
    message_in(lang(), id, args)
}

/// The messages of the English catalogue whose ID starts with `prefix`, each with the names of
/// the variables its text uses (`ui-built = built in { $ms } ms` → `("ui-built", ["ms"])`): for
/// a table of messages a program other than folio fills in (the browser page of `folio serve`).
/// Reads the catalogue's lines, not the bundle: a table's messages are one line each.
pub fn messages_with_prefix(prefix: &str) -> Vec<(&'static str, Vec<&'static str>)> {
    EN_FTL
        .lines()
        .filter(|l| l.starts_with(prefix))
        .filter_map(|l| l.split_once(" = "))
        .map(|(id, text)| {
            let vars = text
                .split('$')
                .skip(1)
                .map(|rest| &rest[..rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-')).unwrap_or(rest.len())])
                .collect();
            (id.trim_end(), vars)
        })
        .collect()
}

/// A value a message shows: numbers stay numbers (so the catalogue can choose a plural form),
/// everything else is its text.
pub trait ToArg {
    /// The value as Fluent takes it.
    fn to_arg(&self) -> FluentValue<'static>;
}

impl<T: ToArg + ?Sized> ToArg for &T {
    fn to_arg(&self) -> FluentValue<'static> {
        (**self).to_arg()
    }
}

impl ToArg for str {
    fn to_arg(&self) -> FluentValue<'static> {
        FluentValue::String(Cow::Owned(self.to_string()))
    }
}

impl ToArg for String {
    fn to_arg(&self) -> FluentValue<'static> {
        self.as_str().to_arg()
    }
}

impl ToArg for Cow<'_, str> {
    fn to_arg(&self) -> FluentValue<'static> {
        self.as_ref().to_arg()
    }
}

impl ToArg for char {
    fn to_arg(&self) -> FluentValue<'static> {
        self.to_string().to_arg()
    }
}

impl ToArg for std::path::Display<'_> {
    fn to_arg(&self) -> FluentValue<'static> {
        self.to_string().to_arg()
    }
}

impl ToArg for std::path::Path {
    fn to_arg(&self) -> FluentValue<'static> {
        self.display().to_string().to_arg()
    }
}

impl ToArg for std::path::PathBuf {
    fn to_arg(&self) -> FluentValue<'static> {
        self.display().to_string().to_arg()
    }
}

macro_rules! number_arg {
    ($($t:ty),*) => {$(
        impl ToArg for $t {
            fn to_arg(&self) -> FluentValue<'static> {
                FluentValue::from(*self)
            }
        }
    )*};
}
number_arg!(u8, u16, u32, u64, usize, i8, i16, i32, i64, isize);

impl ToArg for f64 {
    /// Shown as [`crate::diag::num`] writes it (an exponent when huge or tiny), so a message
    /// never prints three hundred digits.
    fn to_arg(&self) -> FluentValue<'static> {
        crate::diag::num(*self).to_arg()
    }
}

impl ToArg for f32 {
    fn to_arg(&self) -> FluentValue<'static> {
        f64::from(*self).to_arg()
    }
}

/// A message of the catalogue in this run's language: `tr!("content-no-pages")`,
/// `tr!("content-unknown-format", name = f, formats = list)`. The IDs are literals, so the
/// catalogue test finds every one in the source.
#[macro_export]
macro_rules! tr {
    ($id:literal $(, $k:ident = $v:expr)* $(,)?) => {
        $crate::i18n::message($id, &[$((stringify!($k), $crate::i18n::ToArg::to_arg(&$v))),*])
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_names_choose_the_language() {
        assert_eq!(Lang::from_locale("zh_CN.UTF-8"), Lang::ZhCn);
        assert_eq!(Lang::from_locale("zh_TW"), Lang::ZhCn);
        assert_eq!(Lang::from_locale("zh"), Lang::ZhCn);
        assert_eq!(Lang::from_locale("C.UTF-8"), Lang::En);
        assert_eq!(Lang::from_locale("en_GB.UTF-8"), Lang::En);
        assert_eq!(Lang::from_locale("POSIX"), Lang::En);
        // LC_ALL wins over LC_MESSAGES over LANG; an empty one is skipped.
        assert_eq!(Lang::from_env_vars(Some("C"), Some("zh_CN.UTF-8"), Some("zh_CN.UTF-8")), Lang::En);
        assert_eq!(Lang::from_env_vars(Some(""), Some("zh_CN.UTF-8"), Some("en_US.UTF-8")), Lang::ZhCn);
        assert_eq!(Lang::from_env_vars(None, None, Some("zh_CN.UTF-8")), Lang::ZhCn);
        assert_eq!(Lang::from_env_vars(None, None, None), Lang::En);
    }

    #[test]
    fn messages_are_formatted_without_isolation_marks() {
        let en = message_in(Lang::En, "content-story-missing", &[("file", "stories/a.toml".to_arg())]);
        let zh = message_in(Lang::ZhCn, "content-story-missing", &[("file", "stories/a.toml".to_arg())]);
        assert_eq!(en, "story file stories/a.toml does not exist");
        assert!(zh.contains("stories/a.toml") && zh.contains("稿件"), "{zh}");
        assert!(!zh.contains('\u{2068}') && !zh.contains('\u{2069}'), "{zh:?}");
        // An unknown ID gives itself, not a panic.
        assert_eq!(message_in(Lang::ZhCn, "no-such-message", &[]), "no-such-message");
    }
}
