//! A team's members by membership status: the page's "Status" filter, and each status's name.

use atlas_panel_common::endpoint::MEMBERSHIP_STATUSES;
use serde_json::Value;

use crate::i18n::Lang;
use crate::labels::class_token;
use crate::list::description::{Row, WrongType};
use crate::list::read::texts;

/// The choices of the members page's "Status" filter; its query value is `status`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum StatusFilter {
    #[default]
    All,
    Active,
    Pending,
    ExpiredOrRejected,
}

impl StatusFilter {
    pub const ALL: [StatusFilter; 4] = [
        StatusFilter::All,
        StatusFilter::Active,
        StatusFilter::Pending,
        StatusFilter::ExpiredOrRejected,
    ];

    /// Its value in the page's address (`?status=pending`); `all` is the default.
    pub fn tag(self) -> &'static str {
        match self {
            StatusFilter::All => "all",
            StatusFilter::Active => "active",
            StatusFilter::Pending => "pending",
            StatusFilter::ExpiredOrRejected => "expired-or-rejected",
        }
    }

    /// The filter an address names; anything else is All.
    pub fn from_tag(tag: Option<&str>) -> StatusFilter {
        StatusFilter::ALL
            .into_iter()
            .find(|filter| Some(filter.tag()) == tag)
            .unwrap_or_default()
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            StatusFilter::All => lang.pick("All", "全部"),
            StatusFilter::Active => lang.pick("Active", "活跃"),
            StatusFilter::Pending => lang.pick("Pending", "待接受"),
            StatusFilter::ExpiredOrRejected => lang.pick("Expired or rejected", "已过期或已拒绝"),
        }
    }

    /// The statuses v2 is asked for (`orgMembershipStatuses`): every one for All, where
    /// Atlas's default would leave out expired and rejected invitations.
    pub fn statuses(self) -> &'static [&'static str] {
        match self {
            StatusFilter::All => &MEMBERSHIP_STATUSES,
            StatusFilter::Active => &MEMBERSHIP_STATUSES[..1],
            StatusFilter::Pending => &MEMBERSHIP_STATUSES[1..2],
            StatusFilter::ExpiredOrRejected => &MEMBERSHIP_STATUSES[2..],
        }
    }

    /// Whether a member in `status` is shown. v1.0 and Cloud Manager cannot be asked by
    /// status (they list active users only): the page narrows what arrived. All admits a
    /// status newer than the panel too.
    pub fn admits(self, status: &str) -> bool {
        self == StatusFilter::All || self.statuses().contains(&status)
    }
}

/// A member's organization roles, API names (`ORG_MEMBER`), from either form Atlas gives:
/// v2's `{orgRoles, groupRoleAssignments}`, and v1.0's one list of `{orgId | groupId,
/// roleName}`, whose organization roles are those with an `orgId`.
pub fn org_roles(roles: Option<Value>) -> Result<Value, WrongType> {
    match roles {
        Some(Value::Object(mut roles)) => texts(roles.remove("orgRoles")),
        Some(Value::Array(roles)) => {
            let mut org_roles = Vec::new();
            for role in roles {
                let Value::Object(mut role) = role else {
                    return Err(WrongType);
                };
                if role.contains_key("orgId") {
                    match role.remove("roleName") {
                        Some(Value::String(name)) => org_roles.push(Value::String(name)),
                        Some(Value::Null) | None => {}
                        Some(_) => return Err(WrongType),
                    }
                }
            }
            Ok(Value::Array(org_roles))
        }
        Some(Value::Null) | None => Ok(Value::Array(Vec::new())),
        Some(_) => Err(WrongType),
    }
}

/// A member's status in words; anything but an active membership with a visible mark.
pub fn status_cell(member: &Row, lang: Lang) -> (String, bool, String) {
    let status = member.text("orgMembershipStatus");
    (
        class_token(status),
        status != "ACTIVE",
        status_name(status, lang).to_string(),
    )
}

/// A status as people say it; one newer than the panel keeps its API name.
pub fn status_name(status: &str, lang: Lang) -> &str {
    match status {
        "ACTIVE" => lang.pick("Active", "活跃"),
        "PENDING" => lang.pick("Invitation pending", "邀请待接受"),
        "INVITATION_EXPIRED" => lang.pick("Invitation expired", "邀请已过期"),
        "INVITATION_REJECTED" => lang.pick("Invitation rejected", "邀请已拒绝"),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_filter_asks_for_its_statuses_and_reads_back_from_its_tag() {
        assert_eq!(
            StatusFilter::All.statuses(),
            [
                "ACTIVE",
                "PENDING",
                "INVITATION_EXPIRED",
                "INVITATION_REJECTED"
            ]
        );
        assert_eq!(StatusFilter::Active.statuses(), ["ACTIVE"]);
        assert_eq!(StatusFilter::Pending.statuses(), ["PENDING"]);
        assert_eq!(
            StatusFilter::ExpiredOrRejected.statuses(),
            ["INVITATION_EXPIRED", "INVITATION_REJECTED"]
        );
        for filter in StatusFilter::ALL {
            assert_eq!(StatusFilter::from_tag(Some(filter.tag())), filter);
        }
        assert_eq!(StatusFilter::from_tag(None), StatusFilter::All);
        assert_eq!(StatusFilter::from_tag(Some("PENDING")), StatusFilter::All);
        assert!(StatusFilter::ExpiredOrRejected.admits("INVITATION_REJECTED"));
        assert!(!StatusFilter::Active.admits("PENDING"));
        assert!(StatusFilter::All.admits("DELETED"));
    }

    #[test]
    fn statuses_have_readable_names() {
        assert_eq!(status_name("PENDING", Lang::En), "Invitation pending");
        assert_eq!(status_name("INVITATION_EXPIRED", Lang::ZhCn), "邀请已过期");
        assert_eq!(status_name("SUSPENDED", Lang::En), "SUSPENDED");
    }
}
