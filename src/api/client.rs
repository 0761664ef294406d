//! The one fetch every list page uses: a list's URL from the endpoint table, its answer read
//! into rows or an error.

use atlas_panel_common::endpoint::{ApiFlavour, Endpoint, List};
pub use atlas_panel_common::request::{encode_query_value, list_url};
use web_sys::{AbortController, AbortSignal};

use super::error::{parse_retry_after, ApiError};
use super::types::{parse_rows, Page};
use crate::browser::http::{self, Failure};
use crate::list::description::Row;
use crate::paging::PageRequest;

/// One list request: which proxy, which list, which page.
#[derive(Clone, Debug, PartialEq)]
pub struct ListRequest {
    pub api_base: String,
    pub list: List,
    /// The list's path below `api_base`, e.g. `/atlas/v1.0/groups/{id}/integrations`.
    pub path: String,
    pub page: PageRequest,
    /// The `name` to look for, on the lists that take one (checked with `is_name_filter`).
    pub name: Option<String>,
    /// The membership statuses to list, on a team's members (`orgMembershipStatuses`).
    pub statuses: &'static [&'static str],
    /// The oldest time an activity feed is asked for (`minDate`, ISO 8601 UTC).
    pub since: Option<String>,
}

impl ListRequest {
    /// `ids` fill the path's placeholders in order: none for the organizations, the
    /// organization's then the team's for a team's members, the owner's for every other list.
    pub fn new(
        api_base: String,
        list: List,
        flavour: ApiFlavour,
        ids: &[&str],
        page: PageRequest,
    ) -> ListRequest {
        ListRequest {
            api_base,
            list,
            path: Endpoint::of(list).path(flavour, ids),
            page,
            name: None,
            statuses: &[],
            since: None,
        }
    }

    /// The same request, for the events since `date_time` (ISO 8601 UTC).
    pub fn since(self, date_time: String) -> ListRequest {
        ListRequest {
            since: Some(date_time),
            ..self
        }
    }

    /// The same request, for the items whose name is (or starts with) `name`.
    pub fn named(self, name: &str) -> ListRequest {
        ListRequest {
            name: Some(name.to_string()),
            ..self
        }
    }

    /// The same request, for the members in these statuses.
    pub fn in_statuses(self, statuses: &'static [&'static str]) -> ListRequest {
        ListRequest { statuses, ..self }
    }

    /// The request's URL, as `list_url` writes it: the name, statuses, fixed parameters and
    /// the feed's oldest time after the page.
    pub fn url(&self) -> String {
        let mut extra: Vec<(&str, &str)> = Vec::new();
        if let Some(name) = &self.name {
            extra.push(("name", name));
        }
        extra.extend(
            self.statuses
                .iter()
                .map(|status| ("orgMembershipStatuses", *status)),
        );
        // What the list is always asked with (an activity feed's event types).
        extra.extend(Endpoint::of(self.list).fixed.iter().copied());
        if let Some(since) = &self.since {
            extra.push(("minDate", since));
        }
        list_url(&self.api_base, self.list, &self.path, self.page, &extra)
    }
}

/// What the proxy said about the answer besides the rows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AnswerMeta {
    /// `RateLimit-Remaining` and `RateLimit-Limit`, when Atlas sent them.
    pub quota: Option<(u32, u32)>,
    /// When Atlas produced the answer: now less `Age`, in milliseconds since the epoch.
    pub fetched_at_ms: f64,
}

/// Fetches one page. `fresh` asks the proxy to look past its cache.
pub async fn fetch_page(
    request: &ListRequest,
    fresh: bool,
    signal: Option<&AbortSignal>,
) -> Result<(Page<Vec<Row>>, AnswerMeta), ApiError> {
    let (status, body, meta) = fetch_answer(request, fresh, signal).await?;
    Ok((parse_rows(request.list, status, &body)?, meta))
}

/// Fetches a 2xx answer's status and body; any other answer is an error.
pub async fn fetch_answer(
    request: &ListRequest,
    fresh: bool,
    signal: Option<&AbortSignal>,
) -> Result<(u16, String, AnswerMeta), ApiError> {
    let mut headers = vec![("Accept", "application/json")];
    if fresh {
        headers.push(("Cache-Control", "no-cache"));
    }
    let answer =
        http::get(&request.url(), &headers, signal)
            .await
            .map_err(|failure| match failure {
                Failure::Aborted => ApiError::Aborted,
                Failure::Unreachable => ApiError::Unreachable {
                    api_base: request.api_base.clone(),
                },
            })?;
    let quota = answer
        .number("ratelimit-remaining")
        .zip(answer.number("ratelimit-limit"));
    let age_ms = f64::from(answer.number("age").unwrap_or(0)) * 1000.0;
    let meta = AnswerMeta {
        quota,
        fetched_at_ms: js_sys::Date::now() - age_ms,
    };
    let retry_after = parse_retry_after(answer.header("retry-after").as_deref());
    let (status, ok) = (answer.status, answer.ok());
    // A body that is not UTF-8 is not JSON; read as empty, it is reported as such.
    let body = answer.text().unwrap_or_default();
    if ok {
        Ok((status, body, meta))
    } else {
        Err(ApiError::from_response(status, &body, retry_after))
    }
}

/// How far a whole list is read: 100 pages of 500.
pub const MAX_PAGES: u32 = 100;

/// Reads every page of a list, 500 to a page, while Atlas links a next one, up to
/// [`MAX_PAGES`]: `totalCount` is an estimate, and a page may be short (a proxy with an ID
/// scope takes items out of it) with more to follow. `request_for` gives the request for a
/// page number, or `None` when the page asking is gone; `in_flight` is handed each request's
/// `AbortController`; `each` gets every page's rows. One function, not generic, for the
/// organizations and the coverage page's projects alike.
pub async fn read_every_page(
    request_for: &dyn Fn(u32) -> Option<ListRequest>,
    in_flight: &dyn Fn(Option<AbortController>),
    each: &mut dyn FnMut(Vec<Row>),
) -> Result<(), ApiError> {
    let mut page_num = 1;
    while let Some(request) = request_for(page_num) {
        let controller = AbortController::new().ok();
        let signal = controller.as_ref().map(AbortController::signal);
        in_flight(controller);
        let answer = fetch_page(&request, false, signal.as_ref()).await;
        in_flight(None);
        let (page, _) = answer?;
        each(page.results);
        match next_page(page_num, page.has_next) {
            Some(next) => page_num = next,
            None => break,
        }
    }
    Ok(())
}

/// The page to read after `page_num`: the next one while Atlas links one, up to the cap.
pub fn next_page(page_num: u32, has_next: bool) -> Option<u32> {
    (has_next && page_num < MAX_PAGES).then_some(page_num + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_on_while_a_next_page_is_linked_and_no_further_than_the_cap() {
        assert_eq!(next_page(1, true), Some(2));
        assert_eq!(next_page(1, false), None);
        assert_eq!(next_page(MAX_PAGES - 1, true), Some(MAX_PAGES));
        assert_eq!(next_page(MAX_PAGES, true), None);
    }

    #[test]
    fn builds_list_urls_below_any_api_base() {
        let request = ListRequest::new(
            "/api/".into(),
            List::Teams,
            ApiFlavour::V1,
            &["5f1a2b3c4d5e6f7a8b9c0d1e"],
            PageRequest {
                page_num: 2,
                items_per_page: 500,
            },
        );
        assert_eq!(
            request.url(),
            "/api/public/v1.0/orgs/5f1a2b3c4d5e6f7a8b9c0d1e/teams?pageNum=2&itemsPerPage=500&includeCount=true"
        );
        let remote = ListRequest::new(
            "https://proxy.example:8443/api".into(),
            List::Integrations,
            ApiFlavour::V1,
            &["ab"],
            PageRequest::default(),
        );
        assert_eq!(
            remote.url(),
            "https://proxy.example:8443/api/atlas/v1.0/groups/ab/integrations?pageNum=1&itemsPerPage=100&includeCount=true"
        );
        let v2 = ListRequest::new(
            "/api".into(),
            List::Teams,
            ApiFlavour::V2,
            &["cd"],
            PageRequest::default(),
        );
        assert_eq!(v2.path, "/atlas/v2/orgs/cd/teams");
    }

    #[test]
    fn builds_estate_urls() {
        let page = PageRequest {
            page_num: 3,
            items_per_page: 500,
        };
        let orgs = ListRequest::new("/api".into(), List::Orgs, ApiFlavour::V2, &[], page);
        assert_eq!(
            orgs.url(),
            "/api/atlas/v2/orgs?pageNum=3&itemsPerPage=500&includeCount=true"
        );
        let project = ListRequest::new(
            "/api".into(),
            List::Project,
            ApiFlavour::Public,
            &["ab"],
            page,
        );
        assert_eq!(project.url(), "/api/public/v1.0/groups/ab");
        let named = ListRequest::new(
            "/api".into(),
            List::Projects,
            ApiFlavour::V1,
            &["cd"],
            PageRequest::default(),
        )
        .named("prod eu&x=1+#生");
        assert_eq!(
            named.url(),
            "/api/atlas/v1.0/orgs/cd/groups?pageNum=1&itemsPerPage=100&includeCount=true&name=prod%20eu%26x%3D1%2B%23%E7%94%9F"
        );
    }

    #[test]
    fn asks_for_a_team_s_members_in_statuses_and_without_a_count() {
        let members = ListRequest::new(
            "/api".into(),
            List::TeamMembers,
            ApiFlavour::V2,
            &["6500000000000000000000c1", "6500000000000000000c0001"],
            PageRequest::default(),
        );
        assert_eq!(
            members.url(),
            "/api/atlas/v2/orgs/6500000000000000000000c1/teams/6500000000000000000c0001/users?pageNum=1&itemsPerPage=100"
        );
        let pending = members.in_statuses(&["INVITATION_EXPIRED", "INVITATION_REJECTED"]);
        assert!(pending.url().ends_with(
            "?pageNum=1&itemsPerPage=100&orgMembershipStatuses=INVITATION_EXPIRED&orgMembershipStatuses=INVITATION_REJECTED"
        ));
    }

    #[test]
    fn encodes_all_but_unreserved_characters_in_common() {
        assert_eq!(encode_query_value("prod-eu_1.x~"), "prod-eu_1.x~");
        assert_eq!(encode_query_value("a/b?c%"), "a%2Fb%3Fc%25");
        assert_eq!(encode_query_value(""), "");
    }
}
