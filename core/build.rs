//! Embeds the Fluent files of `../i18n/<locale>/*.ftl` and generates one typed accessor
//! per message of the default locale (Korean), so that asking for an id that does not
//! exist is a compile error (as Anki's rslib/i18n does).

use baeumteo_ftl_scan as scan;

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::PathBuf;
use std::{env, fs};

fn main() {
    let root =
        PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets this")).join("../i18n");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    let mut locales: Vec<_> = fs::read_dir(&root)
        .expect("the i18n folder exists")
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .map(|e| e.path())
        .collect();
    locales.sort();
    for dir in &locales {
        println!("cargo:rerun-if-changed={}", dir.display());
        let locale = dir
            .file_name()
            .and_then(|n| n.to_str())
            .expect("utf-8 locale folder")
            .to_string();
        let mut ftl: Vec<_> = fs::read_dir(dir)
            .expect("readable locale folder")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "ftl"))
            .collect();
        ftl.sort();
        for path in ftl {
            println!("cargo:rerun-if-changed={}", path.display());
            files.push((locale.clone(), path));
        }
    }

    // Accessors come from the default locale; the locale-comparison test makes sure the
    // others have exactly the same ids and variables.
    let mut messages = BTreeMap::new();
    for (locale, path) in &files {
        if locale != "ko" {
            continue;
        }
        let source = fs::read_to_string(path).expect("readable FTL file");
        match scan::scan(&source) {
            Ok(m) => messages.extend(m),
            Err(errors) => panic!("{}: {}", path.display(), errors.join("; ")),
        }
    }

    let mut out = String::new();
    out.push_str("/// Every embedded FTL file: (locale, file name, contents).\n");
    out.push_str("pub(crate) const FILES: &[(&str, &str, &str)] = &[\n");
    for (locale, path) in &files {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .expect("utf-8 file name");
        let abs = fs::canonicalize(path).expect("existing file");
        writeln!(
            out,
            "    ({locale:?}, {name:?}, include_str!({:?})),",
            abs.display().to_string()
        )
        .unwrap();
    }
    out.push_str("];\n\n");
    out.push_str("/// Every message id of the default locale.\n");
    out.push_str("pub const MESSAGE_IDS: &[&str] = &[\n");
    for id in messages.keys() {
        writeln!(out, "    {id:?},").unwrap();
    }
    out.push_str("];\n\nimpl super::I18n {\n");
    // A message with several variables takes them by name, in a struct of `args`:
    // positional arguments of one type were swapped unnoticed (a date read "22년 11월
    // 2026일").
    let mut structs = String::new();
    for (id, vars) in &messages {
        let name = scan::accessor_name(id);
        match vars.len() {
            0 => writeln!(
                out,
                "    /// `{id}`\n    pub fn {name}(&self) -> String {{\n        self.tr({id:?})\n    }}"
            )
            .unwrap(),
            1 => {
                let Some(v) = vars.iter().next() else { continue };
                let p = scan::accessor_name(v);
                writeln!(
                    out,
                    "    /// `{id}`\n    pub fn {name}<'a>(&self, {p}: impl Into<fluent_bundle::FluentValue<'a>>) -> String {{\n        self.tr_args({id:?}, [({v:?}, {p}.into())])\n    }}"
                )
                .unwrap();
            }
            _ => {
                let ty = struct_name(id);
                let fields: Vec<String> = vars
                    .iter()
                    .map(|v| format!("        pub {}: fluent_bundle::FluentValue<'a>,", scan::accessor_name(v)))
                    .collect();
                writeln!(
                    structs,
                    "    /// The variables of `{id}`.\n    pub struct {ty}<'a> {{\n{}\n    }}",
                    fields.join("\n")
                )
                .unwrap();
                let args: Vec<String> = vars
                    .iter()
                    .map(|v| format!("({v:?}, args.{})", scan::accessor_name(v)))
                    .collect();
                writeln!(
                    out,
                    "    /// `{id}`\n    pub fn {name}<'a>(&self, args: args::{ty}<'a>) -> String {{\n        self.tr_args({id:?}, [{}])\n    }}",
                    args.join(", ")
                )
                .unwrap();
            }
        }
    }
    out.push_str("}\n\n/// Named variables of the messages that have several.\npub mod args {\n");
    out.push_str(&structs);
    out.push_str("}\n");
    let dest = PathBuf::from(env::var("OUT_DIR").expect("cargo sets this")).join("i18n_gen.rs");
    fs::write(dest, out).expect("writable OUT_DIR");
}

/// `instructor-date` → `InstructorDate`.
fn struct_name(id: &str) -> String {
    id.split('-')
        .map(|part| {
            let mut c = part.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect()
}
