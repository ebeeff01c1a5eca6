//! Schema versions. Each entry is applied once, in order, inside one transaction, and
//! `PRAGMA user_version` records how many have been applied. Never edit a shipped file:
//! add the next one.

pub(super) const MIGRATIONS: &[(&str, &str)] = &[
    ("0001_events", include_str!("migrations/0001_events.sql")),
    ("0002_sync", include_str!("migrations/0002_sync.sql")),
    (
        "0003_hardening",
        include_str!("migrations/0003_hardening.sql"),
    ),
    ("0004_kinds", include_str!("migrations/0004_kinds.sql")),
];
