//! The county's sync server: HTTP API for kiosks, dashboard and exports.
