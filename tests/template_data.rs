//! The data folio writes for the templates and what the templates read of it (issue 11).
//!
//! folio serves the templates four JSON files under `/.folio/` (galley, pages, proof, output),
//! each with a `schema` version. This test builds both sample editions (and their proof
//! overlays) through the library, collects every key Rust actually writes, per object
//! position (`.pages[].stories[].head`, …, union over both editions), and then checks:
//!
//! 1. every field a template in `layouts/**/*.typ` reads from that data is written by Rust,
//!    in the object the template reads it from (see [`Scan`] for how reads are traced);
//! 2. every template that reads a data file asserts the schema version Rust writes into it;
//! 3. `layouts/DATA.md` documents exactly the objects and fields Rust writes, each with the
//!    JSON type Rust writes it as (so the doc cannot go stale).
//!
//! Positions are written jq-style: `.` is the file's top level, `.pages[]` an element of the
//! array `pages`, `.formats.<name>` a value of the map `formats` (keyed by format name).

mod common;
use common::*;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;
use std::rc::Rc;

use typst::syntax::ast::{self, AstNode};
use typst::syntax::{Source, Span};

/// The data files folio serves under `/.folio/`.
const FILES: [&str; 4] = ["galley.json", "pages.json", "proof.json", "output.json"];

/// Objects whose keys are names, not fields (their values share one shape).
const MAPS: &[(&str, &str)] = &[("galley.json", ".formats")];

/// The editions whose data is collected.
const EDITIONS: [&str; 2] = [SAMPLE, "jiangxi-tabloid"];

/// A position in a data file: (file, jq-style path).
type Pos = (String, String);

fn child(path: &str, key: &str) -> String {
    if path == "." {
        format!(".{key}")
    } else {
        format!("{path}.{key}")
    }
}

fn element(path: &str) -> String {
    format!("{path}[]")
}

/// What Rust wrote, per position.
#[derive(Default, Debug)]
struct Written {
    /// Objects and the union of their keys.
    objects: BTreeMap<Pos, BTreeSet<String>>,
    /// Arrays.
    arrays: BTreeSet<Pos>,
    /// Maps (see [`MAPS`]).
    maps: BTreeSet<Pos>,
    /// The `schema` value of each file.
    schemas: BTreeMap<String, BTreeSet<String>>,
    /// The JSON kinds each field of an object was written as.
    kinds: BTreeMap<(Pos, String), BTreeSet<&'static str>>,
}

/// The kind of a JSON value, as DATA.md's types name them.
fn kind(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "bool",
        serde_json::Value::Number(n) if n.is_f64() => "number",
        serde_json::Value::Number(_) => "int",
        serde_json::Value::String(_) => "string",
        serde_json::Value::Array(_) => "array",
        serde_json::Value::Object(_) => "object",
    }
}

/// The JSON kinds a type of DATA.md allows: `string`, `int`, `number` (an integer too), `bool`,
/// `array of …` or `[…]`, `map of …` or an object's name (`Rect`); `?` after it: or `null`.
fn allowed(ty: &str) -> BTreeSet<&'static str> {
    let (ty, nullable) = match ty.trim().strip_suffix('?') {
        Some(t) => (t, true),
        None => (ty.trim(), false),
    };
    let mut out: BTreeSet<&'static str> = match ty {
        "string" => ["string"].into(),
        "int" => ["int"].into(),
        "number" => ["number", "int"].into(),
        "bool" => ["bool"].into(),
        t if t.starts_with("array") || t.starts_with('[') => ["array"].into(),
        t if t.starts_with("map") || t.starts_with(|c: char| c.is_ascii_uppercase()) => ["object"].into(),
        _ => BTreeSet::new(),
    };
    if nullable {
        out.insert("null");
    }
    out
}

impl Written {
    fn add(&mut self, file: &str, path: &str, v: &serde_json::Value) {
        let pos = (file.to_string(), path.to_string());
        match v {
            serde_json::Value::Object(map) if MAPS.contains(&(file, path)) => {
                self.maps.insert(pos);
                for v in map.values() {
                    self.add(file, &child(path, "<name>"), v);
                }
            }
            serde_json::Value::Object(map) => {
                for (k, v) in map {
                    self.kinds.entry((pos.clone(), k.clone())).or_default().insert(kind(v));
                }
                self.objects.entry(pos).or_default().extend(map.keys().cloned());
                for (k, v) in map {
                    self.add(file, &child(path, k), v);
                }
            }
            serde_json::Value::Array(items) => {
                self.arrays.insert(pos);
                for v in items {
                    self.add(file, &element(path), v);
                }
            }
            _ => {}
        }
    }
}

/// Build both sample editions (and their proof overlays) and collect what folio served.
fn written() -> Written {
    let mut w = Written::default();
    for name in EDITIONS {
        let p = TestProject::with_edition(name);
        // The samples carry no kicker: one is added (TEST DATA), so that its breaks are written.
        if name == SAMPLE {
            p.edit("content/jiangxi-special/stories/xinyu.toml", |t| t.replacen("headline = ", "kicker = \"新余市公安局五聚工程\"\nheadline = ", 1));
        }
        let mut session = folio::session::Session::new(
            folio::session::Options {
                edition: p.edition(name),
                root: Some(p.root().to_path_buf()),
                font_path: Some(common::repo().join("fonts")),
                system_fonts: false,
                out: None,
            },
            Default::default(),
        );
        let report = session.compile().unwrap_or_else(|d| panic!("content/{name}: {d}"));
        let world = session.world().expect("compiled");
        // proof.json is written by `folio proof`; it holds marks only when a finding has one
        // (the samples are clean), so one marked finding is added.
        let mut findings = report.preflight.clone();
        findings.push(folio::check::preflight::Finding {
            code: folio::diag::Code::Overset,
            page: Some(1),
            page_index: Some(0),
            story: None,
            diag: folio::diag::Diagnostic::warning("a mark for the proof overlay's data"),
            mark: Some(folio::check::preflight::Mark { page: 0, rect: [10.0, 20.0, 30.0, 40.0], kind: folio::check::preflight::MarkKind::Overset, label: "+3".into() }),
        });
        let proofs = p.root().join("proofs");
        std::fs::create_dir_all(&proofs).unwrap();
        folio::output::proof::write(world, &report.compiled, &findings, name, 10.0, &proofs)
            .unwrap_or_else(|d| panic!("content/{name}: proof: {d}"));
        for file in FILES {
            let bytes = world.data(file).unwrap_or_else(|| panic!("content/{name}: folio served no /.folio/{file}"));
            let v: serde_json::Value = serde_json::from_slice(bytes.as_slice()).unwrap();
            let schema = v.get("schema").and_then(|s| s.as_str()).unwrap_or_else(|| panic!("{file} carries no schema"));
            w.schemas.entry(file.to_string()).or_default().insert(schema.to_string());
            w.add(file, ".", &v);
        }
    }
    w
}

// ---------------------------------------------------------------------------------------------
// The scan: an abstract evaluation of the templates that follows data values only.
//
// Every template file is evaluated once from its top level (imports evaluate the imported file,
// once). A value is abstract: the data positions it may be (`json("/.folio/pages.json")` is the
// top level `.` of pages.json; `.pages` of that is `.pages`; an element of it, reached by
// `for p in …`, `.at(i)`, `.first()`, `.filter(f)`'s argument, …, is `.pages[]`), the template
// functions it may be, or an imported module; anything else (lengths, content, strings, Typst's
// own functions and values: `page.width`, `here().position()`) is "other" and never checked.
// A call of a template function evaluates its body with its parameters bound to the abstract
// arguments (memoised per function and arguments), so a parameter is data exactly when a
// caller passes data — `story-head(item.head, w)` makes `h.kicker` a read of `.items[].head`
// in galley.json, `story-head(h.head, …)` one of `.pages[].stories[].head.head` in pages.json.
// A field access `x.f` or `x.at("f")` (`default:` or not) on data is a read of `f` at each
// position `x` may be; a method call (`.at(i)`, `.len()`, `.map(f)`, …) on data is Typst's and
// never a read, except `.at` with a literal key.
//
// Not covered (conservative: such reads go unchecked, they do not fail): a key computed at run
// time (`x.at(k)` on an object that is not a map; reported as a problem instead), data passed
// through a value the scan does not follow (a dictionary or array literal, a function's return
// value other than data, `.map`'s result, a `state`), and template functions no template calls.
// Branches are not told apart: `if h.kind == "head" { h.head }` reads `head` of every kind of
// piece, so a read must be written in the object at some element, not in every variant.
// ---------------------------------------------------------------------------------------------

/// An abstract value.
#[derive(Clone, Default)]
struct Val<'a> {
    /// Data positions it may be.
    data: BTreeSet<Pos>,
    /// Data arrays whose `enumerate()` it may be: pairs (index, element).
    pairs: BTreeSet<Pos>,
    /// Template functions it may be.
    funcs: Vec<Rc<Func<'a>>>,
    /// A module it may be.
    module: Option<Rc<HashMap<String, Val<'a>>>>,
}

impl<'a> Val<'a> {
    fn data(pos: impl IntoIterator<Item = Pos>) -> Self {
        Val { data: pos.into_iter().collect(), ..Default::default() }
    }
    fn join(&mut self, other: Val<'a>) {
        self.data.extend(other.data);
        self.pairs.extend(other.pairs);
        for f in other.funcs {
            if !self.funcs.iter().any(|g| Rc::ptr_eq(g, &f)) {
                self.funcs.push(f);
            }
        }
        if self.module.is_none() {
            self.module = other.module;
        }
    }
    /// A key for memoising calls.
    fn signature(&self) -> String {
        let funcs: Vec<String> = self.funcs.iter().map(|f| f.id.to_string()).collect();
        format!("{:?}{:?}{:?}{}", self.data, self.pairs, funcs, self.module.is_some())
    }
}

/// A template function (a `let f(..) = ..` or a closure) with the scope it was made in.
struct Func<'a> {
    /// Unique per function value made (memo keys; not its address, which a later one may reuse).
    id: usize,
    name: Option<String>,
    params: Vec<ast::Param<'a>>,
    body: ast::Expr<'a>,
    env: Env<'a>,
    file: usize,
    /// Positional arguments bound by `.with(..)`.
    bound: Vec<Val<'a>>,
}

type Env<'a> = Vec<HashMap<String, Val<'a>>>;

/// Arguments of a call, evaluated.
#[derive(Default)]
struct Args<'a> {
    pos: Vec<Val<'a>>,
    named: Vec<(String, Val<'a>)>,
}

/// A read of a field of data.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Read {
    /// `layouts/…:line`.
    at: String,
    /// The positions the object read from may be.
    positions: BTreeSet<Pos>,
    key: String,
    /// Read with `.at(key, default: …)`: the key need only be written at one of the positions.
    defaulted: bool,
}

struct Scan<'a> {
    /// Path relative to `layouts/` and source of every template.
    sources: &'a [(String, Source)],
    written: &'a Written,
    modules: HashMap<usize, Rc<HashMap<String, Val<'a>>>>,
    reads: BTreeSet<Read>,
    problems: Vec<String>,
    memo: HashMap<String, Val<'a>>,
    active: HashSet<String>,
    /// Function values made so far.
    funcs: usize,
    file: usize,
    env: Env<'a>,
    returned: Vec<Val<'a>>,
}

impl<'a> Scan<'a> {
    fn at(&self, span: Span) -> String {
        let (name, source) = &self.sources[self.file];
        let line = source.find(span).and_then(|n| source.lines().byte_to_line(n.offset())).map_or(0, |l| l + 1);
        format!("layouts/{name}:{line}")
    }

    fn lookup(&self, name: &str) -> Val<'a> {
        self.env.iter().rev().find_map(|s| s.get(name).cloned()).unwrap_or_default()
    }
    fn define(&mut self, name: &str, v: Val<'a>) {
        self.env.last_mut().expect("a scope").insert(name.to_string(), v);
    }
    fn assign(&mut self, name: &str, v: Val<'a>) {
        if let Some(s) = self.env.iter_mut().rev().find(|s| s.contains_key(name)) {
            s.get_mut(name).unwrap().join(v);
        }
    }

    /// Evaluate the template at `index` from its top level; gives its top-level bindings.
    fn module(&mut self, index: usize) -> Rc<HashMap<String, Val<'a>>> {
        if let Some(m) = self.modules.get(&index) {
            return m.clone();
        }
        // Guard against cyclic imports: an empty module while it is evaluated.
        self.modules.insert(index, Rc::new(HashMap::new()));
        let saved_env = std::mem::replace(&mut self.env, vec![HashMap::new()]);
        let saved_file = std::mem::replace(&mut self.file, index);
        let markup = self.sources[index].1.root().cast::<ast::Markup>().expect("a template is markup");
        for e in markup.exprs() {
            self.eval(e);
        }
        let scope = Rc::new(self.env.pop().unwrap());
        self.env = saved_env;
        self.file = saved_file;
        self.modules.insert(index, scope.clone());
        scope
    }

    fn import(&mut self, import: ast::ModuleImport<'a>) {
        let ast::Expr::Str(path) = import.source() else { return };
        let here = Path::new(&self.sources[self.file].0).parent().unwrap_or(Path::new("")).to_path_buf();
        let target = normalise(&here.join(path.get().as_str()));
        let Some(index) = self.sources.iter().position(|(n, _)| *n == target) else {
            let at = self.at(import.span());
            self.problems.push(format!("{at}: imports {target}, which is not a template in layouts/"));
            return;
        };
        let module = self.module(index);
        if let Some(alias) = import.new_name() {
            self.define(alias.get(), Val { module: Some(module.clone()), ..Default::default() });
        } else if import.imports().is_none() {
            if let Ok(name) = import.bare_name() {
                self.define(&name, Val { module: Some(module.clone()), ..Default::default() });
            }
        }
        match import.imports() {
            Some(ast::Imports::Wildcard) => {
                for (k, v) in module.iter() {
                    self.define(k, v.clone());
                }
            }
            Some(ast::Imports::Items(items)) => {
                for item in items.iter() {
                    let v = module.get(item.original_name().get().as_str()).cloned().unwrap_or_default();
                    self.define(item.bound_name().get(), v);
                }
            }
            None => {}
        }
    }

    fn eval_all(&mut self, exprs: impl Iterator<Item = ast::Expr<'a>>) -> Val<'a> {
        let mut v = Val::default();
        for e in exprs {
            let x = self.eval(e);
            v.join(x);
        }
        v
    }

    fn scoped<T>(&mut self, f: impl FnOnce(&mut Self) -> T) -> T {
        self.env.push(HashMap::new());
        let t = f(self);
        self.env.pop();
        t
    }

    fn eval(&mut self, e: ast::Expr<'a>) -> Val<'a> {
        use ast::Expr as E;
        match e {
            E::Ident(i) => self.lookup(i.get()),
            E::CodeBlock(b) => self.scoped(|s| s.eval_all(b.body().exprs())),
            E::ContentBlock(b) => {
                self.scoped(|s| s.eval_all(b.body().exprs()));
                Val::default()
            }
            E::Parenthesized(p) => self.eval(p.expr()),
            E::Array(a) => {
                for item in a.items() {
                    match item {
                        ast::ArrayItem::Pos(x) => self.eval(x),
                        ast::ArrayItem::Spread(s) => self.eval(s.expr()),
                    };
                }
                Val::default()
            }
            E::Dict(d) => {
                for item in d.items() {
                    match item {
                        ast::DictItem::Named(n) => self.eval(n.expr()),
                        ast::DictItem::Keyed(k) => {
                            self.eval(k.key());
                            self.eval(k.expr())
                        }
                        ast::DictItem::Spread(s) => self.eval(s.expr()),
                    };
                }
                Val::default()
            }
            E::Unary(u) => {
                self.eval(u.expr());
                Val::default()
            }
            E::Binary(b) => {
                let rhs = self.eval(b.rhs());
                match (b.op(), b.lhs()) {
                    (ast::BinOp::Assign, E::Ident(i)) => self.assign(i.get(), rhs),
                    _ => {
                        self.eval(b.lhs());
                    }
                }
                Val::default()
            }
            E::FieldAccess(access) => {
                let target = self.eval(access.target());
                self.field(&target, access.field().get(), access.span(), false)
            }
            E::FuncCall(call) => self.call(call),
            E::Closure(c) => self.closure(c, None),
            E::LetBinding(binding) => {
                match binding.kind() {
                    ast::LetBindingKind::Closure(name) => {
                        let Some(ast::Expr::Closure(c)) = binding.init() else { return Val::default() };
                        let f = self.closure(c, Some(name.get().to_string()));
                        self.define(name.get(), f);
                    }
                    ast::LetBindingKind::Normal(pattern) => {
                        let v = binding.init().map(|i| self.eval(i)).unwrap_or_default();
                        self.bind(pattern, v);
                    }
                }
                Val::default()
            }
            E::DestructAssignment(d) => {
                self.eval(d.value());
                Val::default()
            }
            E::SetRule(rule) => {
                self.eval(rule.target());
                self.args(rule.args());
                if let Some(c) = rule.condition() {
                    self.eval(c);
                }
                Val::default()
            }
            E::ShowRule(rule) => {
                if let Some(sel) = rule.selector() {
                    self.eval(sel);
                }
                let t = self.eval(rule.transform());
                self.call_with_other(&t);
                Val::default()
            }
            E::Contextual(c) => self.eval(c.body()),
            E::Conditional(c) => {
                self.eval(c.condition());
                let mut v = self.eval(c.if_body());
                if let Some(e) = c.else_body() {
                    let x = self.eval(e);
                    v.join(x);
                }
                v
            }
            E::WhileLoop(w) => {
                self.eval(w.condition());
                self.scoped(|s| s.eval(w.body()));
                Val::default()
            }
            E::ForLoop(f) => {
                let iterable = self.eval(f.iterable());
                let mut item = Val::data(iterable.data.iter().filter_map(|p| self.element_of(p, f.iterable().span())));
                // `for (i, x) in a.enumerate()`: x is an element of a.
                item.pairs = iterable.pairs.clone();
                self.scoped(|s| {
                    s.bind(f.pattern(), item);
                    s.eval(f.body())
                });
                Val::default()
            }
            E::ModuleImport(i) => {
                self.import(i);
                Val::default()
            }
            E::FuncReturn(r) => {
                let v = r.body().map(|b| self.eval(b)).unwrap_or_default();
                if let Some(top) = self.returned.last_mut() {
                    top.join(v);
                }
                Val::default()
            }
            other => {
                // Markup, math and the like: what they embed may read data.
                for node in other.to_untyped().children() {
                    if let Some(x) = node.cast::<ast::Expr>() {
                        self.eval(x);
                    }
                }
                Val::default()
            }
        }
    }

    /// Bind a pattern to a value: `x`, `_`, `(i, x)` (an index and an element when the value
    /// is an `enumerate()` of data; otherwise every name is other).
    fn bind(&mut self, pattern: ast::Pattern<'a>, v: Val<'a>) {
        match pattern {
            ast::Pattern::Normal(ast::Expr::Ident(i)) => self.define(i.get(), v),
            ast::Pattern::Parenthesized(p) => self.bind(p.pattern(), v),
            ast::Pattern::Destructuring(d) => {
                let items: Vec<_> = d.items().collect();
                for (n, item) in items.into_iter().enumerate() {
                    let value = if n == 1 && !v.pairs.is_empty() {
                        Val::data(v.pairs.iter().map(|(f, p)| (f.clone(), element(p))))
                    } else {
                        Val::default()
                    };
                    match item {
                        ast::DestructuringItem::Pattern(p) => self.bind(p, value),
                        ast::DestructuringItem::Named(named) => self.bind(named.pattern(), Val::default()),
                        ast::DestructuringItem::Spread(s) => {
                            if let Some(i) = s.sink_ident() {
                                self.define(i.get(), Val::default());
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }

    fn closure(&mut self, c: ast::Closure<'a>, name: Option<String>) -> Val<'a> {
        self.funcs += 1;
        let f = Func { id: self.funcs, name, params: c.params().children().collect(), body: c.body(), env: self.env.clone(), file: self.file, bound: Vec::new() };
        Val { funcs: vec![Rc::new(f)], ..Default::default() }
    }

    fn args(&mut self, args: ast::Args<'a>) -> Args<'a> {
        let mut out = Args::default();
        for arg in args.items() {
            match arg {
                ast::Arg::Pos(e) => {
                    let v = self.eval(e);
                    out.pos.push(v);
                }
                ast::Arg::Named(n) => {
                    let v = self.eval(n.expr());
                    out.named.push((n.name().get().to_string(), v));
                }
                ast::Arg::Spread(s) => {
                    // Unknown positions: the spread's functions are still analysed.
                    let v = self.eval(s.expr());
                    self.call_with_other(&v);
                }
            }
        }
        out
    }

    /// A function value handed to Typst (a show rule, an argument of a builtin): its body is
    /// evaluated with every parameter other, for the data it reaches through its scope.
    fn call_with_other(&mut self, v: &Val<'a>) {
        for f in v.funcs.clone() {
            self.invoke(&f, &Args::default());
        }
    }

    fn call(&mut self, call: ast::FuncCall<'a>) -> Val<'a> {
        match call.callee() {
            ast::Expr::FieldAccess(access) => {
                let target = self.eval(access.target());
                let name = access.field().get().to_string();
                let name = name.as_str();
                if let Some(m) = &target.module {
                    let f = m.get(name).cloned().unwrap_or_default();
                    let args = self.args(call.args());
                    return self.apply(&f, args);
                }
                if !target.data.is_empty() || !target.pairs.is_empty() {
                    return self.method(&target, name, call);
                }
                let args = self.args(call.args());
                if name == "with" && !target.funcs.is_empty() {
                    // `f.with(x)`: f with x bound; analysed once with the rest other.
                    let mut out = Val::default();
                    for f in &target.funcs {
                        let mut bound = f.bound.clone();
                        bound.extend(args.pos.iter().cloned());
                        self.funcs += 1;
                        let g = Func { id: self.funcs, name: f.name.clone(), params: f.params.clone(), body: f.body, env: f.env.clone(), file: f.file, bound };
                        let g = Rc::new(g);
                        self.invoke(&g, &Args { pos: Vec::new(), named: args.named.clone() });
                        out.funcs.push(g);
                    }
                    return out;
                }
                // A method of another value (string, content, length, …): its arguments may
                // still read data or be template functions it calls.
                for v in args.pos.iter().chain(args.named.iter().map(|(_, v)| v)) {
                    self.call_with_other(v);
                }
                Val::default()
            }
            ast::Expr::Ident(i) if i.get().as_str() == "json" => {
                let args: Vec<ast::Arg> = call.args().items().collect();
                if let [ast::Arg::Pos(ast::Expr::Str(s))] = args.as_slice() {
                    if let Some(file) = s.get().strip_prefix("/.folio/") {
                        return Val::data([(file.to_string(), ".".to_string())]);
                    }
                }
                self.args(call.args());
                Val::default()
            }
            callee => {
                let f = self.eval(callee);
                let args = self.args(call.args());
                self.apply(&f, args)
            }
        }
    }

    fn apply(&mut self, f: &Val<'a>, args: Args<'a>) -> Val<'a> {
        if f.funcs.is_empty() {
            // Typst's own function: any template function passed to it is analysed.
            for v in args.pos.iter().chain(args.named.iter().map(|(_, v)| v)) {
                self.call_with_other(v);
            }
            return Val::default();
        }
        let mut out = Val::default();
        for func in &f.funcs {
            let v = self.invoke(func, &args);
            out.join(v);
        }
        out
    }

    /// Evaluate a template function's body with its parameters bound to `args`.
    fn invoke(&mut self, func: &Rc<Func<'a>>, args: &Args<'a>) -> Val<'a> {
        let sig: Vec<String> = args.pos.iter().map(Val::signature).chain(args.named.iter().map(|(n, v)| format!("{n}={}", v.signature()))).collect();
        let key = format!("{}({})", func.id, sig.join(","));
        if let Some(v) = self.memo.get(&key) {
            return v.clone();
        }
        if !self.active.insert(key.clone()) {
            return Val::default(); // recursion
        }
        let saved_env = std::mem::replace(&mut self.env, func.env.clone());
        let saved_file = std::mem::replace(&mut self.file, func.file);
        self.env.push(HashMap::new());
        if let Some(name) = &func.name {
            self.define(name, Val { funcs: vec![func.clone()], ..Default::default() });
        }
        let mut positional = func.bound.iter().chain(&args.pos).cloned();
        for param in &func.params {
            match param {
                ast::Param::Pos(pattern) => {
                    let v = positional.next().unwrap_or_default();
                    self.bind(*pattern, v);
                }
                ast::Param::Named(named) => {
                    let name = named.name().get().to_string();
                    let v = match args.named.iter().find(|(n, _)| *n == name) {
                        Some((_, v)) => v.clone(),
                        None => self.eval(named.expr()),
                    };
                    self.define(&name, v);
                }
                ast::Param::Spread(s) => {
                    if let Some(i) = s.sink_ident() {
                        self.define(i.get(), Val::default());
                    }
                }
            }
        }
        self.returned.push(Val::default());
        let mut v = self.eval(func.body);
        let r = self.returned.pop().unwrap();
        v.join(r);
        self.env = saved_env;
        self.file = saved_file;
        self.active.remove(&key);
        self.memo.insert(key, v.clone());
        v
    }

    /// The element position of a data array (`None` for anything else).
    fn element_of(&self, pos: &Pos, _span: Span) -> Option<Pos> {
        self.written.arrays.contains(pos).then(|| (pos.0.clone(), element(&pos.1)))
    }

    /// A field read: `x.key` or `x.at("key")`.
    fn field(&mut self, target: &Val<'a>, key: &str, span: Span, defaulted: bool) -> Val<'a> {
        if let Some(m) = &target.module {
            return m.get(key).cloned().unwrap_or_default();
        }
        if target.data.is_empty() {
            return Val::default();
        }
        let at = self.at(span);
        self.reads.insert(Read { at, positions: target.data.clone(), key: key.to_string(), defaulted });
        // Only where the key is written: a read of an unwritten key is reported once, not
        // again for every field read of it.
        let written = self.written;
        Val::data(
            target.data.iter().filter(|pos| written.objects.get(*pos).is_some_and(|k| k.contains(key))).map(|(f, p)| (f.clone(), child(p, key))),
        )
    }

    /// A method called on data: Typst's array, dictionary and string methods.
    fn method(&mut self, target: &Val<'a>, name: &str, call: ast::FuncCall<'a>) -> Val<'a> {
        let items: Vec<ast::Arg> = call.args().items().collect();
        let elements: BTreeSet<Pos> = target.data.iter().filter_map(|p| self.element_of(p, call.span())).collect();
        if name == "at" {
            if let Some(ast::Arg::Pos(ast::Expr::Str(key))) = items.first() {
                let defaulted = items.iter().any(|a| matches!(a, ast::Arg::Named(n) if n.name().get().as_str() == "default"));
                self.args(call.args());
                return self.field(target, key.get().as_str(), key.span(), defaulted);
            }
            self.args(call.args());
            let mut out = Val::data(elements);
            for pos in &target.data {
                if self.written.maps.contains(pos) {
                    out.data.insert((pos.0.clone(), child(&pos.1, "<name>")));
                } else if self.written.objects.contains_key(pos) {
                    let at = self.at(call.span());
                    self.problems.push(format!(
                        "{at}: reads a field of {} `{}` by a computed key; only maps ({MAPS:?}) may be read so — read fields by name",
                        pos.0, pos.1
                    ));
                }
            }
            return out;
        }
        let args = self.args(call.args());
        let each = Val::data(elements.clone());
        // Functions given to the method are called with an element.
        for v in args.pos.iter().chain(args.named.iter().map(|(_, v)| v)) {
            for f in v.funcs.clone() {
                self.invoke(&f, &Args { pos: vec![each.clone()], named: Vec::new() });
            }
        }
        match name {
            "first" | "last" | "find" => each,
            "filter" | "rev" | "slice" | "sorted" | "dedup" => target.clone(),
            "enumerate" => Val { pairs: target.data.iter().filter(|p| self.written.arrays.contains(p)).cloned().collect(), ..Default::default() },
            _ => Val::default(),
        }
    }
}

/// `a/./b/../c` as `a/c`, with `/` separators.
fn normalise(p: &Path) -> String {
    let mut parts: Vec<String> = Vec::new();
    for c in p.components() {
        match c {
            std::path::Component::ParentDir => {
                parts.pop();
            }
            std::path::Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
            _ => {}
        }
    }
    parts.join("/")
}

/// Every `*.typ` under `layouts/`, as (path relative to `layouts/`, source).
fn templates(layouts: &Path) -> Vec<(String, Source)> {
    fn walk(dir: &Path, base: &Path, out: &mut Vec<(String, Source)>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(&path, base, out);
            } else if path.extension().is_some_and(|e| e == "typ") {
                let rel = path.strip_prefix(base).unwrap().to_string_lossy().replace('\\', "/");
                out.push((rel, Source::detached(std::fs::read_to_string(&path).unwrap())));
            }
        }
    }
    let mut out = Vec::new();
    walk(layouts, layouts, &mut out);
    out
}

/// Scan the templates: the reads of data and the problems found.
fn scan(sources: &[(String, Source)], written: &Written) -> (BTreeSet<Read>, Vec<String>) {
    let mut scan = Scan {
        sources,
        written,
        modules: HashMap::new(),
        reads: BTreeSet::new(),
        problems: Vec::new(),
        memo: HashMap::new(),
        active: HashSet::new(),
        funcs: 0,
        file: 0,
        env: Vec::new(),
        returned: Vec::new(),
    };
    for i in 0..sources.len() {
        scan.module(i);
    }
    (scan.reads, scan.problems)
}

/// Reads of fields Rust does not write there: one message per read.
fn unwritten(reads: &BTreeSet<Read>, written: &Written) -> Vec<String> {
    let mut out = Vec::new();
    for r in reads {
        let has = |p: &Pos| written.objects.get(p).is_some_and(|keys| keys.contains(&r.key));
        let missing: Vec<&Pos> = r.positions.iter().filter(|p| !has(p)).collect();
        let bad = if r.defaulted { missing.len() == r.positions.len() } else { !missing.is_empty() };
        if bad {
            let where_: Vec<String> = missing.iter().map(|(f, p)| {
                let what = match written.objects.get(&(f.clone(), p.clone())) {
                    Some(keys) => format!("which has {}", keys.iter().cloned().collect::<Vec<_>>().join(", ")),
                    None if written.arrays.contains(&(f.clone(), p.clone())) => "an array, not an object".into(),
                    None => "not an object Rust writes".into(),
                };
                format!("{f} `{p}` ({what})")
            }).collect();
            out.push(format!("{}: reads `{}` of {}, which Rust does not write", r.at, r.key, where_.join(" and ")));
        }
    }
    out
}

/// Each template that reads a data file must assert its schema: `let d = json("/.folio/x.json")`
/// followed by `assert.eq(d.at("schema", default: none), "<schema>", …)` with the schema Rust
/// writes. Gives the problems.
fn schema_asserts(sources: &[(String, Source)], written: &Written) -> (Vec<String>, BTreeSet<String>) {
    let mut problems = Vec::new();
    let mut read_files = BTreeSet::new();
    for (name, source) in sources {
        let line = |span: Span| source.find(span).and_then(|n| source.lines().byte_to_line(n.offset())).map_or(0, |l| l + 1);
        let mut bound: Vec<(String, String, Span)> = Vec::new(); // (variable, data file, where)
        let mut asserted: Vec<(String, String)> = Vec::new(); // (variable, schema)
        let mut stack = vec![source.root()];
        while let Some(node) = stack.pop() {
            stack.extend(node.children());
            if let Some(call) = node.cast::<ast::FuncCall>() {
                // json("/.folio/x.json")
                if let (ast::Expr::Ident(f), Some(ast::Arg::Pos(ast::Expr::Str(s)))) = (call.callee(), call.args().items().next()) {
                    if f.get().as_str() == "json" {
                        if let Some(file) = s.get().strip_prefix("/.folio/") {
                            read_files.insert(file.to_string());
                            let var = node_parent_let(source, call.span());
                            match var {
                                Some(v) => bound.push((v, file.to_string(), call.span())),
                                None => problems.push(format!("layouts/{name}:{}: reads /.folio/{file} without binding it to a name whose schema it asserts", line(call.span()))),
                            }
                        }
                    }
                }
                // assert.eq(d.at("schema", …), "…", …)
                if let ast::Expr::FieldAccess(a) = call.callee() {
                    if matches!(a.target(), ast::Expr::Ident(i) if i.get().as_str() == "assert") && a.field().get().as_str() == "eq" {
                        let args: Vec<ast::Arg> = call.args().items().collect();
                        if let (Some(ast::Arg::Pos(first)), Some(ast::Arg::Pos(ast::Expr::Str(want)))) = (args.first(), args.get(1)) {
                            let var = match first {
                                ast::Expr::FuncCall(c) => match (c.callee(), c.args().items().next()) {
                                    (ast::Expr::FieldAccess(at), Some(ast::Arg::Pos(ast::Expr::Str(k)))) if at.field().get().as_str() == "at" && k.get().as_str() == "schema" => {
                                        if let ast::Expr::Ident(v) = at.target() { Some(v.get().to_string()) } else { None }
                                    }
                                    _ => None,
                                },
                                ast::Expr::FieldAccess(fa) if fa.field().get().as_str() == "schema" => {
                                    if let ast::Expr::Ident(v) = fa.target() { Some(v.get().to_string()) } else { None }
                                }
                                _ => None,
                            };
                            if let Some(v) = var {
                                asserted.push((v, want.get().to_string()));
                            }
                        }
                    }
                }
            }
        }
        for (var, file, span) in bound {
            let Some(schemas) = written.schemas.get(&file) else {
                problems.push(format!("layouts/{name}:{}: reads /.folio/{file}, which folio does not write", line(span)));
                continue;
            };
            let wants: Vec<&String> = asserted.iter().filter(|(v, _)| *v == var).map(|(_, s)| s).collect();
            if wants.is_empty() {
                problems.push(format!(
                    "layouts/{name}:{}: reads /.folio/{file} as `{var}` but never asserts its schema: add #assert.eq({var}.at(\"schema\", default: none), {:?}, …)",
                    line(span),
                    schemas.iter().next().unwrap()
                ));
            }
            for w in wants {
                if !schemas.contains(w) {
                    problems.push(format!("layouts/{name}:{}: asserts {file} is {w:?}, but folio writes {schemas:?}", line(span)));
                }
            }
        }
    }
    (problems, read_files)
}

/// The name a `let name = json(…)` binds, for the call at `span`.
fn node_parent_let(source: &Source, span: Span) -> Option<String> {
    let node = source.find(span)?;
    let parent = node.parent()?;
    let binding = parent.cast::<ast::LetBinding>()?;
    match binding.kind() {
        ast::LetBindingKind::Normal(ast::Pattern::Normal(ast::Expr::Ident(i))) => Some(i.get().to_string()),
        _ => None,
    }
}

/// `layouts/DATA.md`: per `## \`file\`` section, object sections `### Name` with a line
/// `At: \`.path\` …` and a table whose rows start with `` | `field` ``.
struct DocObject {
    line: usize,
    name: String,
    at: Vec<Pos>,
    /// Field → (line, type).
    fields: BTreeMap<String, (usize, String)>,
}

fn parse_doc(text: &str) -> (Vec<DocObject>, BTreeMap<String, String>) {
    let mut objects: Vec<DocObject> = Vec::new();
    let mut schemas = BTreeMap::new();
    let mut file: Option<String> = None;
    let ticked = |s: &str| -> Vec<String> { s.split('`').skip(1).step_by(2).map(str::to_string).collect() };
    for (n, line) in text.lines().enumerate() {
        let n = n + 1;
        if let Some(h) = line.strip_prefix("## ") {
            file = ticked(h).into_iter().find(|t| t.ends_with(".json"));
            if let (Some(f), Some(s)) = (&file, ticked(h).into_iter().find(|t| t.starts_with("folio-"))) {
                schemas.insert(f.clone(), s);
            }
        } else if let Some(h) = line.strip_prefix("### ") {
            objects.push(DocObject { line: n, name: h.trim().to_string(), at: Vec::new(), fields: BTreeMap::new() });
        } else if let Some(at) = line.strip_prefix("At: ") {
            // `.path` in the section's file, or `file.json:.path` (an object of several files).
            if let Some(o) = objects.last_mut() {
                for t in ticked(at) {
                    match t.split_once(':') {
                        Some((f, p)) => o.at.push((f.to_string(), p.to_string())),
                        None => o.at.push((file.clone().unwrap_or_default(), t)),
                    }
                }
            }
        } else if line.starts_with("| `") {
            let cells: Vec<&str> = line.split('|').collect();
            if let (Some(o), Some(field)) = (objects.last_mut(), ticked(cells.get(1).copied().unwrap_or_default()).first()) {
                o.fields.insert(field.clone(), (n, cells.get(2).copied().unwrap_or_default().trim().to_string()));
            }
        }
    }
    (objects, schemas)
}

/// DATA.md against what Rust writes: each object documented once, at its positions, with
/// exactly the fields written there.
fn doc_problems(text: &str, written: &Written) -> Vec<String> {
    let (objects, schemas) = parse_doc(text);
    let mut problems = Vec::new();
    for (file, written_schemas) in &written.schemas {
        match schemas.get(file) {
            Some(s) if written_schemas.contains(s) && written_schemas.len() == 1 => {}
            other => problems.push(format!("layouts/DATA.md: {file} is documented with schema {other:?}; folio writes {written_schemas:?}")),
        }
    }
    let mut documented: BTreeMap<Pos, &DocObject> = BTreeMap::new();
    for o in &objects {
        if o.at.is_empty() {
            problems.push(format!("layouts/DATA.md:{}: object {} has no `At:` line naming its positions", o.line, o.name));
        }
        let mut union = BTreeSet::new();
        for pos in &o.at {
            let (file, path) = pos;
            if let Some(prev) = documented.insert(pos.clone(), o) {
                problems.push(format!("layouts/DATA.md:{}: {file} `{path}` is documented twice (also as {} at line {})", o.line, prev.name, prev.line));
            }
            let Some(keys) = written.objects.get(pos) else {
                problems.push(format!("layouts/DATA.md:{}: {file} `{path}` ({}) is not an object folio writes", o.line, o.name));
                continue;
            };
            for k in keys {
                let Some((line, ty)) = o.fields.get(k) else {
                    problems.push(format!("layouts/DATA.md:{}: {file} `{path}` ({}): field `{k}` is written by Rust but not documented", o.line, o.name));
                    continue;
                };
                let kinds = &written.kinds[&(pos.clone(), k.clone())];
                let allowed = allowed(ty);
                if !kinds.is_subset(&allowed) {
                    problems.push(format!("layouts/DATA.md:{line}: {} `{k}` is documented as `{ty}` but Rust writes it as {kinds:?} at {file} `{path}`", o.name));
                }
            }
            union.extend(keys.iter().cloned());
        }
        for (f, (line, _)) in &o.fields {
            if !union.contains(f) {
                problems.push(format!("layouts/DATA.md:{line}: {} documents field `{f}`, which Rust does not write at {:?}", o.name, o.at));
            }
        }
    }
    for pos in written.objects.keys() {
        if !documented.contains_key(pos) {
            problems.push(format!("layouts/DATA.md: {} object `{}` is written by Rust but documented nowhere", pos.0, pos.1));
        }
    }
    problems
}

#[test]
fn templates_read_only_what_rust_writes_and_data_md_documents_it() {
    let written = written();
    let layouts = repo().join("layouts");
    let sources = templates(&layouts);
    let (reads, mut problems) = scan(&sources, &written);
    problems.extend(unwritten(&reads, &written));
    let (schema_problems, read_files) = schema_asserts(&sources, &written);
    problems.extend(schema_problems);
    let doc = std::fs::read_to_string(layouts.join("DATA.md")).expect("layouts/DATA.md documents the templates' data");
    problems.extend(doc_problems(&doc, &written));

    // The scan must see reads through every path the templates take to the data (top-level
    // loops, template functions' parameters, closures given to .filter/.map, imported modules),
    // or it checks nothing: a few reads it must find.
    let found = |file: &str, path: &str, key: &str| reads.iter().any(|r| r.key == key && r.positions.contains(&(file.to_string(), path.to_string())));
    for (file, path, key) in [
        ("galley.json", ".items[]", "kind"),
        ("galley.json", ".items[].head", "kicker"),
        ("galley.json", ".formats.<name>", "body_size"),
        ("galley.json", ".items[].runs[]", "style"),
        ("pages.json", ".pages[].stories[]", "head_clip"),
        ("pages.json", ".pages[].stories[].head.head", "fold"),
        ("pages.json", ".pages[].stories[].items[].lines[][]", "text"),
        ("pages.json", ".pages[].stories[].photos[]", "credit"),
        ("pages.json", ".edition", "paper"),
        ("pages.json", ".pages[].ear", "title"),
        ("proof.json", ".pages[][]", "label"),
        ("proof.json", ".sizes[]", "label_size"),
        ("output.json", ".", "colour"),
    ] {
        if !found(file, path, key) {
            problems.push(format!("the scan did not see a template read `{key}` of {file} `{path}`: it lost track of the data"));
        }
    }
    for file in FILES {
        if !read_files.contains(file) {
            problems.push(format!("no template reads /.folio/{file}"));
        }
    }

    // What Rust writes that no template reads (not an error: data for other readers, or room).
    let mut unread = Vec::new();
    for (pos, keys) in &written.objects {
        for k in keys {
            if k != "schema" && !reads.iter().any(|r| r.key == *k && r.positions.contains(pos)) {
                unread.push(format!("{} {}.{k}", pos.0, pos.1));
            }
        }
    }
    eprintln!("{} reads of data checked; written but read by no template: {}", reads.len(), unread.join(", "));
    // TEMPLATE_DATA_READS=1 lists every read the scan saw (to see what it follows).
    if std::env::var_os("TEMPLATE_DATA_READS").is_some() {
        for r in &reads {
            let at: Vec<String> = r.positions.iter().map(|(f, p)| format!("{f} {p}")).collect();
            eprintln!("{}: `{}`{} of {}", r.at, r.key, if r.defaulted { " (default)" } else { "" }, at.join(" | "));
        }
    }
    assert!(problems.is_empty(), "the templates and their data disagree:\n{}", problems.join("\n"));
}

/// The scan on a made-up template: reads through parameters, closures and loops are found
/// with their lines; Typst's own values and methods (`page.width`, `here().position()`,
/// `.len()`, `.map`) are not taken for data.
#[test]
fn the_scan_follows_data_and_only_data() {
    let mut written = Written::default();
    let json = serde_json::json!({
        "schema": "folio-pages/1",
        "pages": [{ "number": 1, "stories": [{ "block": { "x": 0, "y": 0 }, "title": "t", "maybe": null }] }],
    });
    written.add("pages.json", ".", &json);
    written.schemas.entry("pages.json".into()).or_default().insert("folio-pages/1".into());
    let template = r#"#let data = json("/.folio/pages.json")
#assert.eq(data.at("schema", default: none), "folio-pages/1", message: "…")
#let corner(s) = s.block.x + s.blok.y
#let label(t, n: 1) = t.title + str(n)
#for p in data.pages {
  let pos = context here().position().x
  let w = page.width
  for s in p.stories { corner(s); label(s, n: p.number) }
  p.stories.map(s => s.nope).len()
  p.stories.at(0).at("maybe", default: none)
  p.stories.first().at("never", default: none)
  str(p.number) + p.stories.at(0).title.replace("a", "b")
}
"#;
    let lib = r#"#let data = json("/.folio/pages.json")
#let f(x) = x.number
"#;
    let sources = vec![("t.typ".to_string(), Source::detached(template)), ("lib.typ".to_string(), Source::detached(lib))];
    let (reads, problems) = scan(&sources, &written);
    assert!(problems.is_empty(), "{problems:?}");
    let mut messages = unwritten(&reads, &written);
    messages.sort();
    assert_eq!(
        messages,
        [
            "layouts/t.typ:11: reads `never` of pages.json `.pages[].stories[]` (which has block, maybe, title), which Rust does not write",
            "layouts/t.typ:3: reads `blok` of pages.json `.pages[].stories[]` (which has block, maybe, title), which Rust does not write",
            "layouts/t.typ:9: reads `nope` of pages.json `.pages[].stories[]` (which has block, maybe, title), which Rust does not write",
        ]
    );
    let keys: BTreeSet<&str> = reads.iter().map(|r| r.key.as_str()).collect();
    assert_eq!(keys, ["block", "blok", "maybe", "never", "nope", "number", "pages", "schema", "stories", "title", "x"].into_iter().collect());
    // lib.typ reads /.folio/pages.json without asserting its schema.
    let (schema, read) = schema_asserts(&sources, &written);
    assert_eq!(read, ["pages.json".to_string()].into_iter().collect());
    assert_eq!(schema.len(), 1, "{schema:?}");
    assert!(schema[0].starts_with("layouts/lib.typ:1: reads /.folio/pages.json as `data` but never asserts its schema"), "{schema:?}");
}
