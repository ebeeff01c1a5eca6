//! Fluent translations. Korean is the default; every other locale must have exactly the
//! same message ids and variables (checked by a test). The FTL files are embedded at build
//! time and each message of the default locale has a generated typed accessor
//! (`i18n.welcome_start()`), so code that asks for a missing id does not compile. A
//! message with several variables takes them by name in a struct of [`args`].

pub use baeumteo_ftl_scan as scan;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

mod generated {
    include!(concat!(env!("OUT_DIR"), "/i18n_gen.rs"));
}

pub use generated::{MESSAGE_IDS, args};

/// A language the kiosk and the dashboard can speak.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Locale {
    #[default]
    Ko,
    En,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::Ko, Locale::En];

    pub fn code(self) -> &'static str {
        match self {
            Locale::Ko => "ko",
            Locale::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Locale> {
        Locale::ALL.into_iter().find(|l| l.code() == code)
    }

    fn langid(self) -> LanguageIdentifier {
        match self {
            Locale::Ko => unic_langid::langid!("ko"),
            Locale::En => unic_langid::langid!("en"),
        }
    }
}

/// Formats messages in one locale, falling back to Korean for anything missing.
pub struct I18n {
    locale: Locale,
    bundle: FluentBundle<FluentResource>,
    fallback: Option<FluentBundle<FluentResource>>,
}

impl std::fmt::Debug for I18n {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("I18n")
            .field("locale", &self.locale)
            .finish()
    }
}

fn bundle(locale: Locale) -> FluentBundle<FluentResource> {
    let mut bundle = FluentBundle::new_concurrent(vec![locale.langid()]);
    // Bidi isolation marks would show up as boxes in Slint and in CSV exports.
    bundle.set_use_isolating(false);
    for (code, name, source) in generated::FILES {
        if *code != locale.code() {
            continue;
        }
        let resource = match FluentResource::try_new(source.to_string()) {
            Ok(r) => r,
            Err((r, errors)) => {
                tracing::error!(file = name, locale = code, ?errors, "FTL parse errors");
                r
            }
        };
        if let Err(errors) = bundle.add_resource(resource) {
            tracing::error!(
                file = name,
                locale = code,
                ?errors,
                "duplicate FTL messages"
            );
        }
    }
    bundle
}

impl I18n {
    pub fn new(locale: Locale) -> I18n {
        I18n {
            locale,
            bundle: bundle(locale),
            fallback: (locale != Locale::Ko).then(|| bundle(Locale::Ko)),
        }
    }

    pub fn locale(&self) -> Locale {
        self.locale
    }

    /// The message `id` without variables. Prefer the generated accessors.
    pub fn tr(&self, id: &str) -> String {
        self.format(id, None)
    }

    /// The message `id` with variables. Prefer the generated accessors.
    pub fn tr_args<'a>(
        &self,
        id: &str,
        args: impl IntoIterator<Item = (&'a str, FluentValue<'a>)>,
    ) -> String {
        let mut fluent_args = FluentArgs::new();
        for (k, v) in args {
            fluent_args.set(k, v);
        }
        self.format(id, Some(&fluent_args))
    }

    fn format(&self, id: &str, args: Option<&FluentArgs>) -> String {
        let found = [Some(&self.bundle), self.fallback.as_ref()]
            .into_iter()
            .flatten()
            .find_map(|b| b.get_message(id).and_then(|m| m.value()).map(|p| (b, p)));
        let Some((bundle, pattern)) = found else {
            tracing::warn!(id, "missing Fluent message");
            return id.to_string();
        };
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, args, &mut errors);
        if !errors.is_empty() {
            tracing::warn!(id, ?errors, "Fluent formatting errors");
        }
        text.into_owned()
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    /// locale → message id → variables, from the embedded files.
    fn messages_by_locale() -> BTreeMap<&'static str, scan::Messages> {
        let mut out: BTreeMap<&str, scan::Messages> = BTreeMap::new();
        for (locale, name, source) in generated::FILES {
            let messages = scan::scan(source)
                .unwrap_or_else(|e| panic!("i18n/{locale}/{name} does not parse: {e:?}"));
            let all = out.entry(locale).or_default();
            for (id, vars) in messages {
                assert!(
                    all.insert(id.clone(), vars).is_none(),
                    "i18n/{locale}: message `{id}` is defined twice"
                );
            }
        }
        out
    }

    #[test]
    fn every_locale_has_the_same_messages_with_the_same_variables() {
        let all = messages_by_locale();
        let ko = &all["ko"];
        for locale in Locale::ALL {
            let other = all
                .get(locale.code())
                .unwrap_or_else(|| panic!("no FTL files for locale {}", locale.code()));
            for (id, vars) in ko {
                match other.get(id) {
                    None => panic!("i18n/{}: missing message `{id}`", locale.code()),
                    Some(v) => assert_eq!(
                        v,
                        vars,
                        "i18n/{}: message `{id}` uses other variables than Korean",
                        locale.code()
                    ),
                }
            }
            for id in other.keys() {
                assert!(
                    ko.contains_key(id),
                    "i18n/{}: extra message `{id}` that Korean does not have",
                    locale.code()
                );
            }
        }
    }

    #[test]
    fn every_message_formats_in_every_locale_without_errors() {
        for locale in Locale::ALL {
            let i18n = I18n::new(locale);
            for id in MESSAGE_IDS {
                let message = i18n.bundle.get_message(id);
                assert!(message.is_some(), "{}: `{id}` missing", locale.code());
                assert!(
                    message.and_then(|m| m.value()).is_some(),
                    "{}: `{id}` has no value",
                    locale.code()
                );
            }
        }
    }

    #[test]
    fn typed_accessors_fill_in_variables() {
        let ko = I18n::new(Locale::Ko);
        assert_eq!(ko.app_name(), "배움터 키오스크");
        assert_eq!(
            ko.step_progress(crate::i18n::args::StepProgress {
                current: 3.into(),
                total: 12.into()
            }),
            "3 / 12"
        );
        let en = I18n::new(Locale::En);
        assert_eq!(en.app_name(), "Baeumteo Learning Kiosk");
    }

    #[test]
    fn an_unknown_id_comes_back_as_itself_instead_of_failing() {
        assert_eq!(
            I18n::new(Locale::En).tr("no-such-message"),
            "no-such-message"
        );
    }

    #[test]
    fn the_scanner_finds_variables_inside_selectors_and_functions() {
        let m =
            scan::scan("a = { $n ->\n [one] one { $x }\n *[other] { NUMBER($y) }\n}\nb = plain\n")
                .unwrap();
        assert_eq!(m["a"].iter().collect::<Vec<_>>(), vec!["n", "x", "y"]);
        assert!(m["b"].is_empty());
        assert!(scan::scan("a = { $").is_err());
    }
}
