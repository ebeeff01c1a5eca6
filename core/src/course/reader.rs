//! Reading a TOML document field by field with spans, so that every problem in a file is
//! reported with its line and column, not only the first one serde would stop at.

use std::collections::HashSet;
use std::ops::Range;
use std::path::Path;

use toml_edit::{Item, TableLike, Value};

use super::Problem;

/// A parsed file and the problems found in it so far.
pub(crate) struct Source<'a> {
    pub path: &'a Path,
    pub text: &'a str,
    pub problems: &'a mut Vec<Problem>,
    /// Things that do not stop the course from loading but that a shipped course should
    /// not have (a step that is not read aloud).
    pub warnings: &'a mut Vec<Problem>,
    /// Decode every asset completely, or only check that it exists.
    pub decode_assets: bool,
}

impl Source<'_> {
    pub fn report(&mut self, span: Option<Range<usize>>, message: impl Into<String>) {
        let offset = span.map_or(0, |s| s.start);
        self.problems
            .push(Problem::at_offset(self.path, self.text, offset, message));
    }

    pub fn warn(&mut self, span: Option<Range<usize>>, message: impl Into<String>) {
        let offset = span.map_or(0, |s| s.start);
        self.warnings
            .push(Problem::at_offset(self.path, self.text, offset, message));
    }
}

/// A table being read; remembers which keys were asked for so the rest are "unknown".
pub(crate) struct Fields<'t> {
    table: &'t dyn TableLike,
    span: Option<Range<usize>>,
    /// How the table is named in messages, e.g. "step 3 (`intro`)".
    what: String,
    used: HashSet<&'static str>,
}

impl<'t> Fields<'t> {
    pub fn new(
        table: &'t dyn TableLike,
        span: Option<Range<usize>>,
        what: impl Into<String>,
    ) -> Self {
        Fields {
            table,
            span,
            what: what.into(),
            used: HashSet::new(),
        }
    }

    pub fn what(&self) -> &str {
        &self.what
    }

    pub fn span(&self) -> Option<Range<usize>> {
        self.span.clone()
    }

    fn get(&mut self, key: &'static str) -> Option<&'t Item> {
        self.used.insert(key);
        self.table.get(key)
    }

    /// Whether the table holds `key` at all (whatever its value).
    pub fn has(&self, key: &str) -> bool {
        self.table.get(key).is_some()
    }

    /// The span of a key's value, for problems found after reading it.
    pub fn value_span(&self, key: &str) -> Option<Range<usize>> {
        self.table
            .get(key)
            .and_then(Item::span)
            .or(self.span.clone())
    }

    fn missing(&self, src: &mut Source, key: &str, kind: &str) {
        src.report(
            self.span.clone(),
            format!("missing field `{key}` ({kind}) in {}", self.what),
        );
    }

    fn mistyped(&self, src: &mut Source, key: &str, kind: &str, item: &Item) {
        src.report(
            item.span().or(self.span.clone()),
            format!(
                "field `{key}` in {} must be {kind}, found {}",
                self.what,
                item.type_name()
            ),
        );
    }

    pub fn opt_str(&mut self, src: &mut Source, key: &'static str) -> Option<String> {
        let item = self.get(key)?;
        match item.as_str() {
            Some(s) if s.trim().is_empty() => {
                src.report(
                    item.span(),
                    format!("field `{key}` in {} is empty", self.what),
                );
                None
            }
            Some(s) => Some(s.to_string()),
            None => {
                self.mistyped(src, key, "a string", item);
                None
            }
        }
    }

    pub fn req_str(&mut self, src: &mut Source, key: &'static str) -> Option<String> {
        if self.table.get(key).is_none() {
            self.used.insert(key);
            self.missing(src, key, "a string");
            return None;
        }
        self.opt_str(src, key)
    }

    pub fn opt_u32(&mut self, src: &mut Source, key: &'static str) -> Option<u32> {
        let item = self.get(key)?;
        match item.as_integer() {
            Some(n) if (0..=i64::from(u32::MAX)).contains(&n) => Some(n as u32),
            Some(n) => {
                src.report(
                    item.span(),
                    format!(
                        "field `{key}` in {} must not be negative, found {n}",
                        self.what
                    ),
                );
                None
            }
            None => {
                self.mistyped(src, key, "a whole number", item);
                None
            }
        }
    }

    pub fn req_u32(&mut self, src: &mut Source, key: &'static str) -> Option<u32> {
        if self.table.get(key).is_none() {
            self.used.insert(key);
            self.missing(src, key, "a whole number");
            return None;
        }
        self.opt_u32(src, key)
    }

    /// A fraction of the screen, 0.0–1.0 (integers 0 and 1 are accepted too).
    pub fn req_fraction(&mut self, src: &mut Source, key: &'static str) -> Option<f32> {
        let Some(item) = self.get(key) else {
            self.missing(src, key, "a number between 0 and 1");
            return None;
        };
        let value = item
            .as_float()
            .or_else(|| item.as_integer().map(|n| n as f64));
        match value {
            Some(v) if (0.0..=1.0).contains(&v) => Some(v as f32),
            Some(v) => {
                src.report(
                    item.span(),
                    format!(
                        "field `{key}` in {} must be between 0 and 1, found {v}",
                        self.what
                    ),
                );
                None
            }
            None => {
                self.mistyped(src, key, "a number between 0 and 1", item);
                None
            }
        }
    }

    pub fn opt_bool(&mut self, src: &mut Source, key: &'static str) -> Option<bool> {
        let item = self.get(key)?;
        let b = item.as_bool();
        if b.is_none() {
            self.mistyped(src, key, "true or false", item);
        }
        b
    }

    /// A list of strings; each element's span comes along for later checks.
    pub fn opt_str_list(
        &mut self,
        src: &mut Source,
        key: &'static str,
    ) -> Option<Vec<(String, Option<Range<usize>>)>> {
        let item = self.get(key)?;
        let Some(array) = item.as_array() else {
            self.mistyped(src, key, "a list of strings", item);
            return None;
        };
        let mut out = Vec::new();
        for value in array.iter() {
            match value.as_str() {
                Some(s) => out.push((s.to_string(), value.span())),
                None => src.report(
                    value.span(),
                    format!(
                        "every element of `{key}` in {} must be a string, found {}",
                        self.what,
                        value.type_name()
                    ),
                ),
            }
        }
        Some(out)
    }

    pub fn req_str_list(
        &mut self,
        src: &mut Source,
        key: &'static str,
    ) -> Option<Vec<(String, Option<Range<usize>>)>> {
        if self.table.get(key).is_none() {
            self.used.insert(key);
            self.missing(src, key, "a list of strings");
            return None;
        }
        self.opt_str_list(src, key)
    }

    /// A sub-table, written as `[key]` or as an inline table.
    pub fn opt_table(&mut self, src: &mut Source, key: &'static str) -> Option<Fields<'t>> {
        let item = self.get(key)?;
        let what = format!("`{key}` of {}", self.what);
        match item {
            Item::Table(t) => Some(Fields::new(t, t.span(), what)),
            Item::Value(Value::InlineTable(t)) => Some(Fields::new(t, t.span(), what)),
            _ => {
                self.mistyped(src, key, "a table", item);
                None
            }
        }
    }

    /// A list of tables, written as `[[key]]` or as an array of inline tables.
    pub fn table_list(
        &mut self,
        src: &mut Source,
        key: &'static str,
        name: &str,
    ) -> Option<Vec<Fields<'t>>> {
        let item = self.get(key)?;
        let mut out = Vec::new();
        match item {
            Item::ArrayOfTables(list) => {
                for (i, t) in list.iter().enumerate() {
                    out.push(Fields::new(t, t.span(), format!("{name} {}", i + 1)));
                }
            }
            Item::Value(Value::Array(array)) => {
                for (i, value) in array.iter().enumerate() {
                    match value.as_inline_table() {
                        Some(t) => out.push(Fields::new(t, t.span(), format!("{name} {}", i + 1))),
                        None => src.report(
                            value.span(),
                            format!(
                                "every element of `{key}` must be a table, found {}",
                                value.type_name()
                            ),
                        ),
                    }
                }
            }
            _ => {
                self.mistyped(src, key, "a list of tables", item);
                return None;
            }
        }
        Some(out)
    }

    pub fn rename(&mut self, what: String) {
        self.what = what;
    }

    /// Reports every key that no reader asked for.
    pub fn finish(self, src: &mut Source) {
        for (key, item) in self.table.iter() {
            if !self.used.contains(key) {
                let span = self
                    .table
                    .key(key)
                    .and_then(|k| k.span())
                    .or_else(|| item.span());
                src.report(span, format!("unknown field `{key}` in {}", self.what));
            }
        }
    }
}
