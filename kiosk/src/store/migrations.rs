//! The kiosk store's schema versions, run by `baeumteo_storage::migrate` (once each, in
//! order, in one transaction). Never edit a shipped file: add the next one.

use baeumteo_storage::Migration;

pub(super) const MIGRATIONS: &[Migration] = &[
    ("0001_events", include_str!("migrations/0001_events.sql")),
    ("0002_sync", include_str!("migrations/0002_sync.sql")),
    (
        "0003_hardening",
        include_str!("migrations/0003_hardening.sql"),
    ),
    ("0004_kinds", include_str!("migrations/0004_kinds.sql")),
];
