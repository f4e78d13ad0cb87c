//! The command line's help in the run's language: takes the clap definition ([`crate::cli::Cli`])
//! and a [`Lang`], and gives the same command line whose every about, argument help, example
//! block, help heading and `-h`/`--help`/`-V` text comes from the message catalogue (`help-*`
//! IDs of `i18n/*.ftl`), for `--help`, `folio help …` and `folio man`.
//!
//! The IDs follow the definition: `help-<command>-about`, `help-<command>-examples`,
//! `help-<command>-arg-<arg>` (`help-arg-<arg>` for an argument every command describes the
//! same way), `help-value-<arg>-<value>`; [`help_ids`] lists them, so the catalogue test knows
//! every one. The strings are looked up only when help is shown: `main` parses with the plain
//! definition unless the arguments ask for help ([`wants_help`]).

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsStr;

use clap::{Command, CommandFactory, ValueEnum};
use fluent_bundle::FluentValue;

use crate::cli::Cli;
use crate::i18n::{message_in, Lang, ToArg};

/// The language `--lang X` or `--lang=X` asks for in `args` (the program name first), read
/// before clap parses them; `None` when there is none or its value is not a language (clap then
/// reports it). Never fails, whatever the arguments hold.
pub fn lang_of_args<S: AsRef<OsStr>>(args: &[S]) -> Option<Lang> {
    let mut it = args.iter().skip(1).map(|a| a.as_ref().to_str());
    while let Some(arg) = it.next() {
        let value = match arg {
            Some("--") => return None,
            Some("--lang") => it.next().flatten(),
            Some(a) => a.strip_prefix("--lang="),
            None => None,
        };
        if let Some(lang) = value.and_then(|v| Lang::from_str(v, false).ok()) {
            return Some(lang);
        }
    }
    None
}

/// Whether `args` (the program name first) may print help or a manual page: no arguments,
/// `-h`, `--help`, `help` or `man` before a `--`. A false yes only costs the lookups.
pub fn wants_help<S: AsRef<OsStr>>(args: &[S]) -> bool {
    args.len() < 2
        || args.iter().skip(1).map(|a| a.as_ref().to_str()).take_while(|a| *a != Some("--")).any(|a| matches!(a, Some("-h" | "--help" | "help" | "man")))
}

/// A catalogue lookup: an ID and its arguments give the text.
type Lookup<'a> = dyn FnMut(&str, &[(&str, FluentValue<'static>)]) -> String + 'a;

/// [`Cli`]'s command line with its help in `lang`, built (help flags and the `help` command
/// made), ready to parse or to render.
pub fn command(lang: Lang) -> Command {
    localize(&mut |id, args| message_in(lang, id, args))
}

/// Every message ID the help of the command line uses.
pub fn help_ids() -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    localize(&mut |id, _| {
        ids.insert(id.to_string());
        id.to_string()
    });
    ids
}

/// The definition, its texts replaced by `t`'s.
fn localize(t: &mut Lookup) -> Command {
    let cmd = Cli::command();
    let shared = shared_args(&cmd);
    let mut cmd = visit(cmd, "folio", &shared, t);
    cmd.build();
    finish(cmd, t)
}

/// An ID's part for a clap ID: `allow_overset` → `allow-overset`.
fn key(id: &str) -> String {
    id.replace('_', "-")
}

/// The arguments described once for several commands (the flattened project options, the
/// edition, `--out` of build and watch …): an argument and its (English) help that most of the
/// commands having that argument give it, and at least two do. They get one
/// `help-arg-<arg>` ID; the others are `help-<command>-arg-<arg>`.
fn shared_args(cmd: &Command) -> BTreeSet<(String, String)> {
    fn collect(cmd: &Command, helps: &mut BTreeMap<String, BTreeMap<String, usize>>) {
        for a in cmd.get_arguments() {
            if let Some(h) = a.get_help() {
                *helps.entry(a.get_id().to_string()).or_default().entry(h.to_string()).or_default() += 1;
            }
        }
        for s in cmd.get_subcommands() {
            collect(s, helps);
        }
    }
    let mut helps = BTreeMap::new();
    collect(cmd, &mut helps);
    helps
        .into_iter()
        .filter_map(|(id, texts)| {
            let most = texts.values().copied().max().unwrap_or(0);
            let (text, n) = texts.iter().find(|(_, n)| **n == most)?;
            let unique = texts.values().filter(|n| **n == most).count() == 1;
            (*n >= 2 && unique).then(|| (id, text.clone()))
        })
        .collect()
}

/// Replace the about, examples and argument helps of `cmd` (its catalogue name `name`) and of
/// its subcommands.
fn visit(mut cmd: Command, name: &str, shared: &BTreeSet<(String, String)>, t: &mut Lookup) -> Command {
    if cmd.get_about().is_some() {
        cmd = cmd.about(t(&format!("help-{name}-about"), &[])).long_about(clap::builder::Resettable::Reset);
    }
    if cmd.get_after_help().is_some() {
        cmd = cmd.after_help(t(&format!("help-{name}-examples"), &[]));
    }
    let args: Vec<clap::Arg> = cmd.get_arguments().filter(|a| a.get_help().is_some()).cloned().collect();
    for a in args {
        let id = a.get_id().to_string();
        let english = a.get_help().map(ToString::to_string).unwrap_or_default();
        let help_id = if shared.contains(&(id.clone(), english)) { format!("help-arg-{}", key(&id)) } else { format!("help-{name}-arg-{}", key(&id)) };
        let text = t(&help_id, &[]);
        let (mut short, mut long) = (text.clone(), text);
        let takes_values = a.get_action().takes_values();
        let values: Vec<clap::builder::PossibleValue> = a.get_possible_values().into_iter().filter(|v| !v.is_hide_set()).collect();
        let defaults: Vec<String> = a.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect();
        if takes_values && !defaults.is_empty() {
            let d = t("help-default", &[("value", defaults.join(" ").to_arg())]);
            short = format!("{short} {d}");
            long = format!("{long}\n\n{d}");
        }
        if takes_values && !values.is_empty() {
            let names: Vec<&str> = values.iter().map(|v| v.get_name()).collect();
            short = format!("{short} {}", t("help-possible-values", &[("values", names.join(", ").to_arg())]));
            if values.iter().any(|v| v.get_help().is_some()) {
                long.push_str("\n\n");
                long.push_str(&t("help-possible-values-heading", &[]));
                for v in &values {
                    let help = t(&format!("help-value-{}-{}", key(&id), v.get_name()), &[]);
                    long.push('\n');
                    long.push_str(&t("help-possible-value", &[("value", v.get_name().to_arg()), ("help", help.to_arg())]));
                }
            } else {
                long = format!("{long}\n\n{}", t("help-possible-values", &[("values", names.join(", ").to_arg())]));
            }
        }
        let has_long = long != short;
        cmd = cmd.mut_arg(&id, |a| {
            let a = a.hide_default_value(true).hide_possible_values(true).help(short);
            if has_long { a.long_help(long) } else { a.long_help(clap::builder::Resettable::Reset) }
        });
    }
    let subs: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_string()).collect();
    for s in subs {
        let sub_name = if name == "folio" { s.clone() } else { format!("{name}-{s}") };
        cmd = cmd.mut_subcommand(&s, |c| visit(c, &sub_name, shared, t));
    }
    cmd
}

/// On the built command: the headings of every help page, the texts of `-h`/`--help`,
/// `-V`/`--version` and of the `help` command clap made.
fn finish(mut cmd: Command, t: &mut Lookup) -> Command {
    let style = cmd.get_styles().clone();
    let head = |s: &str| format!("{}{s}{}", style.get_header().render(), style.get_header().render_reset());
    let usage_text = t("help-heading-usage", &[]);
    let usage = format!("{}{usage_text}{}", style.get_usage().render(), style.get_usage().render_reset());
    let (commands, arguments, options) = (head(&t("help-heading-commands", &[])), head(&t("help-heading-arguments", &[])), head(&t("help-heading-options", &[])));
    let (help_short, help_long, help_only) = (t("help-flag-short", &[]), t("help-flag-long", &[]), t("help-flag", &[]));
    let (version, help_about, help_arg) = (t("help-flag-version", &[]), t("help-help-about", &[]), t("help-help-arg", &[]));
    fn walk(cmd: Command, f: &dyn Fn(Command) -> Command) -> Command {
        let mut cmd = f(cmd);
        let subs: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_string()).collect();
        for s in subs {
            cmd = cmd.mut_subcommand(&s, |c| walk(c, f));
        }
        cmd
    }
    let f = |mut c: Command| -> Command {
        // `Usage: folio …`, `用法：folio …` (no space after a full-width colon).
        let gap = if usage_text.ends_with('：') { "" } else { " " };
        let mut tpl = format!("{{before-help}}{{about-with-newline}}\n{usage}{gap}{{usage}}");
        if c.has_subcommands() && c.get_subcommands().any(|s| !s.is_hide_set()) {
            tpl.push_str(&format!("\n\n{commands}\n{{subcommands}}"));
        }
        if c.get_positionals().any(|a| !a.is_hide_set()) {
            tpl.push_str(&format!("\n\n{arguments}\n{{positionals}}"));
        }
        if c.get_arguments().any(|a| !a.is_positional() && !a.is_hide_set()) {
            tpl.push_str(&format!("\n\n{options}\n{{options}}"));
        }
        tpl.push_str("{after-help}");
        c = c.help_template(tpl);
        if c.get_arguments().any(|a| a.get_id() == "help") {
            let long = c.get_arguments().find(|a| a.get_id() == "help").is_some_and(|a| a.get_long_help().is_some());
            c = c.mut_arg("help", |a| if long { a.help(help_short.clone()).long_help(help_long.clone()) } else { a.help(help_only.clone()) });
        }
        if c.get_arguments().any(|a| a.get_id() == "version") {
            c = c.mut_arg("version", |a| a.help(version.clone()));
        }
        if c.get_name() == "help" {
            c = c.about(help_about.clone());
            if c.get_arguments().any(|a| a.get_id() == "subcommand") {
                c = c.mut_arg("subcommand", |a| a.help(help_arg.clone()));
            }
        }
        c
    };
    cmd = walk(cmd, &f);
    cmd
}

/// A manual page rendered by clap_mangen with its section names in the run's language.
pub fn localize_man(roff: &str, lang: Lang) -> String {
    let mut out = String::with_capacity(roff.len());
    for line in roff.split_inclusive('\n') {
        let id = match line.trim_end() {
            ".SH NAME" => Some("help-section-name"),
            ".SH SYNOPSIS" => Some("help-section-synopsis"),
            ".SH DESCRIPTION" => Some("help-section-description"),
            ".SH OPTIONS" => Some("help-section-options"),
            ".SH SUBCOMMANDS" => Some("help-section-subcommands"),
            ".SH EXTRA" => Some("help-section-extra"),
            ".SH VERSION" => Some("help-section-version"),
            ".SH AUTHORS" => Some("help-section-authors"),
            _ => None,
        };
        match id {
            Some(id) => out.push_str(&format!(".SH {}\n", message_in(lang, id, &[]))),
            None => out.push_str(line),
        }
    }
    out
}

/// The IDs [`localize_man`] uses (for the catalogue test).
pub const MAN_IDS: [&str; 8] =
    ["help-section-name", "help-section-synopsis", "help-section-description", "help-section-options", "help-section-subcommands", "help-section-extra", "help-section-version", "help-section-authors"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_is_read_from_the_arguments_without_failing() {
        assert_eq!(lang_of_args(&["folio", "--lang", "zh-CN", "build"]), Some(Lang::ZhCn));
        assert_eq!(lang_of_args(&["folio", "build", "--lang=en"]), Some(Lang::En));
        assert_eq!(lang_of_args(&["folio", "build", "--", "--lang", "zh-CN"]), None);
        assert_eq!(lang_of_args(&["folio", "--lang"]), None);
        assert_eq!(lang_of_args(&["folio", "--lang", "fr", "--lang", "zh-CN"]), Some(Lang::ZhCn));
        assert_eq!(lang_of_args::<&str>(&[]), None);
        let odd = [std::ffi::OsString::from("folio"), std::ffi::OsString::from("--lang"), {
            use std::os::unix::ffi::OsStringExt;
            std::ffi::OsString::from_vec(vec![0xff, 0xfe])
        }];
        assert_eq!(lang_of_args(&odd), None);
        assert!(wants_help(&["folio"]) && wants_help(&["folio", "build", "-h"]) && wants_help(&["folio", "man"]));
        assert!(!wants_help(&["folio", "build", "content/x"]) && !wants_help(&["folio", "build", "--", "-h"]));
    }

    #[test]
    fn the_localized_command_line_is_consistent_and_parses_as_the_plain_one() {
        for lang in [Lang::En, Lang::ZhCn] {
            let cmd = command(lang);
            cmd.clone().debug_assert();
            let m = cmd.try_get_matches_from(["folio", "build", "content/x", "--press", "--lang", "zh-CN"]).expect("parses");
            let cli = <Cli as clap::FromArgMatches>::from_arg_matches(&m).expect("matches");
            assert!(matches!(cli.command, crate::cli::Command::Build(ref b) if b.press));
        }
    }
}

#[cfg(test)]
mod english {
    use std::collections::BTreeMap;

    /// The English help of the definition (its doc comments, as clap derives them), by the IDs
    /// [`super::localize`] asks for.
    fn derived() -> BTreeMap<String, String> {
        use clap::CommandFactory;
        fn walk(c: &clap::Command, name: &str, shared: &std::collections::BTreeSet<(String, String)>, out: &mut BTreeMap<String, String>) {
            if let Some(a) = c.get_about() {
                out.insert(format!("help-{name}-about"), a.to_string());
            }
            if let Some(a) = c.get_after_help() {
                out.insert(format!("help-{name}-examples"), a.to_string());
            }
            for a in c.get_arguments() {
                let Some(h) = a.get_help() else { continue };
                let id = a.get_id().to_string();
                let key = if shared.contains(&(id.clone(), h.to_string())) { format!("help-arg-{}", super::key(&id)) } else { format!("help-{name}-arg-{}", super::key(&id)) };
                out.insert(key, h.to_string());
                for v in a.get_possible_values() {
                    if let Some(h) = v.get_help() {
                        out.insert(format!("help-value-{}-{}", super::key(&id), v.get_name()), h.to_string());
                    }
                }
            }
            for s in c.get_subcommands() {
                let n = if name == "folio" { s.get_name().to_string() } else { format!("{name}-{}", s.get_name()) };
                walk(s, &n, shared, out);
            }
        }
        let cmd = crate::cli::Cli::command();
        let shared = super::shared_args(&cmd);
        let mut out = BTreeMap::new();
        walk(&cmd, "folio", &shared, &mut out);
        out
    }

    /// `i18n/en.ftl`'s help is the definition's doc comments, word for word: the two cannot
    /// drift apart (edit both), and English help reads as it did before the catalogue had it.
    #[test]
    fn the_english_help_is_the_definitions() {
        let derived = derived();
        assert!(derived.len() > 80, "{}", derived.len());
        let mut differ = vec![];
        for (id, text) in &derived {
            assert!(super::help_ids().contains(id), "{id} is not asked for");
            let en = crate::i18n::message_in(crate::i18n::Lang::En, id, &[]);
            if &en != text {
                differ.push(format!("{id}:\n  src/cli.rs: {text:?}\n  en.ftl:     {en:?}"));
            }
        }
        assert!(differ.is_empty(), "i18n/en.ftl differs from the doc comments of src/cli.rs:\n{}", differ.join("\n"));
    }
}
