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
