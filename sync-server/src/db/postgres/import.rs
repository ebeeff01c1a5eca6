//! Moving a county: `sync-server migrate --from sqlite:DIR --to postgres://…`.
