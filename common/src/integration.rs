//! What the panel and the proxy know of integration types.

/// The types that page or message someone: a project with none of them alerts no one.
pub const ALERTING_TYPES: [&str; 6] = [
    "PAGER_DUTY",
    "OPS_GENIE",
    "VICTOR_OPS",
    "SLACK",
    "MICROSOFT_TEAMS",
    "WEBHOOK",
];

/// The types an alert configuration can notify through, each its notification's `typeName`
/// too: an integration of any other type (Prometheus, New Relic) serves no alert.
pub const ALERT_CHANNEL_TYPES: [&str; 7] = [
    "PAGER_DUTY",
    "SLACK",
    "DATADOG",
    "OPS_GENIE",
    "VICTOR_OPS",
    "WEBHOOK",
    "MICROSOFT_TEAMS",
];
