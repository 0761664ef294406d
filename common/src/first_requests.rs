//! The API requests a deep link's page makes as it opens, named before the panel has started:
//! the proxy writes them into the page it serves, `boot.js` sends them beside the wasm's
//! download, and the panel takes each answer by its URL instead of asking again. They are
//! the list page's own (`src/pages/list.rs`): the organizations, for names; the project it
//! belongs to; the list's page; an integrations page's alert configurations; a team's
//! organization's teams. The end-to-end test `e2e/preload.test.mjs` shows each reaches the
//! proxy once: a URL here that differs from the panel's by a byte would be asked for twice
//! (once by `boot.js`, once by the panel), and one the panel never asks for would be wasted.

use crate::endpoint::{ApiFlavour, Endpoint, List, Owner, ENDPOINTS};
use crate::id::is_atlas_id;
use crate::paging::PageRequest;
use crate::request::list_url;
use crate::site_config::{resolve_api_base, SiteConfig};

/// The URLs of the first requests of the page at `path` (below the site, which lives at
/// `base`, `""` at the root) with this `query`, when the panel uses `site`. None for a page
/// that is not a list, for IDs that are not Atlas IDs, for a query the panel would read
/// otherwise than plainly, and for a proxy on another origin.
pub fn first_requests(path: &str, query: &str, site: &SiteConfig, base: &str) -> Vec<String> {
    let api_base = resolve_api_base(&site.api_base, base);
    // A path on this origin, of plain characters only: anything else the panel may read
    // otherwise (or refuse, and ask the default), and a preload would be wasted.
    let plain = api_base
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'/' | b'-' | b'_' | b'.'));
    if !plain || !api_base.starts_with('/') || api_base.starts_with("//") {
        return Vec::new();
    }
    let flavour = site.api_version;
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    let Some((endpoint, ids)) = ENDPOINTS.iter().find_map(|endpoint| {
        Some((
            *endpoint,
            endpoint.page_ids(&segments, |id| id.to_string())?,
        ))
    }) else {
        return Vec::new();
    };
    if !ids.iter().all(|id| is_atlas_id(id)) {
        return Vec::new();
    }
    let Some(page) = page_of(query) else {
        return Vec::new();
    };
    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    let owner_id = ids.last().copied().unwrap_or_default();
    let url = |list: List, ids: &[&str], page: PageRequest, extra: &[(&str, &str)]| {
        list_url(
            &api_base,
            list,
            &Endpoint::of(list).path(flavour, ids),
            page,
            extra,
        )
    };
    let mut urls = Vec::new();
    // A team's members in v2 are asked for by status, which the panel reads on its own.
    if !(endpoint.list == List::TeamMembers && flavour == ApiFlavour::V2) {
        urls.push(url(endpoint.list, &ids, page, endpoint.fixed));
    }
    urls.push(url(List::Orgs, &[], PageRequest::largest(), &[]));
    if endpoint.owner == Owner::Project && endpoint.list != List::TeamMembers {
        urls.push(url(List::Project, &[owner_id], PageRequest::default(), &[]));
    }
    match endpoint.list {
        List::Integrations => urls.push(url(
            List::AlertConfigs,
            &[owner_id],
            PageRequest::largest(),
            &[],
        )),
        List::TeamMembers => urls.push(url(List::Teams, &ids[..1], PageRequest::largest(), &[])),
        _ => {}
    }
    urls
}

/// The page a list page's query asks for, when its every parameter is plain: `pageNum` and
/// `itemsPerPage` in digits, nothing the panel would decode first.
fn page_of(query: &str) -> Option<PageRequest> {
    let mut page_num = None;
    let mut items_per_page = None;
    for pair in query.split('&').filter(|pair| !pair.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        if !value.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        // A key given twice: the panel reads the first; named nothing rather than guessed.
        let slot = match key {
            "pageNum" => &mut page_num,
            "itemsPerPage" => &mut items_per_page,
            _ => return None,
        };
        if slot.replace(value).is_some() {
            return None;
        }
    }
    Some(PageRequest::from_query(page_num, items_per_page))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PROJECT: &str = "6500000000000000000d0003";
    const ORG: &str = "6500000000000000000000c1";
    const TEAM: &str = "6500000000000000000c0003";

    fn site(version: ApiFlavour) -> SiteConfig {
        SiteConfig {
            api_version: version,
            ..SiteConfig::default()
        }
    }

    #[test]
    fn an_integrations_page_names_its_list_the_organizations_its_project_and_its_alerts() {
        let urls = first_requests(
            &format!("/groups/{PROJECT}/integrations"),
            "pageNum=2&itemsPerPage=50",
            &site(ApiFlavour::V1),
            "",
        );
        assert_eq!(
            urls,
            [
                format!("/api/atlas/v1.0/groups/{PROJECT}/integrations?pageNum=2&itemsPerPage=50&includeCount=true"),
                "/api/atlas/v1.0/orgs?pageNum=1&itemsPerPage=500&includeCount=true".to_string(),
                format!("/api/atlas/v1.0/groups/{PROJECT}"),
                format!("/api/atlas/v1.0/groups/{PROJECT}/alertConfigs?pageNum=1&itemsPerPage=500&includeCount=true"),
            ]
        );
    }

    #[test]
    fn a_feed_carries_its_event_types_and_a_team_its_organization_s_teams() {
        let changes = first_requests(
            &format!("/groups/{PROJECT}/changes"),
            "",
            &site(ApiFlavour::V2),
            "",
        );
        assert!(changes[0].starts_with(&format!("/api/atlas/v2/groups/{PROJECT}/events?pageNum=1&itemsPerPage=100&includeCount=true&eventType=INTEGRATION_CONFIGURED&")));
        let members = first_requests(
            &format!("/orgs/{ORG}/teams/{TEAM}"),
            "",
            &site(ApiFlavour::V1),
            "",
        );
        assert_eq!(
            members,
            [
                format!("/api/public/v1.0/orgs/{ORG}/teams/{TEAM}/users?pageNum=1&itemsPerPage=100"),
                "/api/atlas/v1.0/orgs?pageNum=1&itemsPerPage=500&includeCount=true".to_string(),
                format!("/api/public/v1.0/orgs/{ORG}/teams?pageNum=1&itemsPerPage=500&includeCount=true"),
            ]
        );
        let v2_members = first_requests(
            &format!("/orgs/{ORG}/teams/{TEAM}"),
            "",
            &site(ApiFlavour::V2),
            "",
        );
        assert_eq!(v2_members.len(), 2, "{v2_members:?}");
        assert!(!v2_members.iter().any(|url| url.contains("/users")));
    }

    #[test]
    fn names_nothing_it_cannot_be_sure_of() {
        let v1 = site(ApiFlavour::V1);
        for (path, query) in [
            ("/", ""),
            ("/settings", ""),
            (&format!("/orgs/{ORG}") as &str, ""),
            ("/groups/not-an-id/integrations", ""),
            (&format!("/groups/{PROJECT}/integrations"), "pageNum=%32"),
            (&format!("/groups/{PROJECT}/integrations"), "status=ACTIVE"),
            (
                &format!("/groups/{PROJECT}/integrations"),
                "pageNum=2&pageNum=3",
            ),
        ] {
            assert_eq!(
                first_requests(path, query, &v1, ""),
                Vec::<String>::new(),
                "{path}?{query}"
            );
        }
        let elsewhere = SiteConfig {
            api_base: "https://proxy.example/api".into(),
            ..SiteConfig::default()
        };
        assert!(first_requests(
            &format!("/groups/{PROJECT}/integrations"),
            "",
            &elsewhere,
            ""
        )
        .is_empty());
        let odd = SiteConfig {
            api_base: "/\\evil.example/api".into(),
            ..SiteConfig::default()
        };
        let integrations = format!("/groups/{PROJECT}/integrations");
        assert!(first_requests(&integrations, "", &odd, "").is_empty());
        let below = first_requests(&format!("/groups/{PROJECT}/teams"), "", &v1, "/atlas");
        assert_eq!(below.len(), 3, "{below:?}");
        assert!(
            below.iter().all(|url| url.starts_with("/atlas/api/")),
            "{below:?}"
        );
    }
}
