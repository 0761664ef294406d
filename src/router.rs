//! Which page an address shows, and moving between pages without reloading.
//!
//! The panel has a handful of pages, one base path and plain links; this is all the routing it needs,
//! in far fewer bundle bytes than a router crate (`docs/performance.md`).

use atlas_panel_common::endpoint::List;
use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::lists;

/// A page of the panel and what its address names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    Home,
    /// A list page, at its page's address in the endpoint table (`common/src/endpoint.rs`),
    /// with the IDs of its address in order: `/groups/{groupId}/integrations`,
    /// `/orgs/{orgId}/teams/{teamId}`.
    List(List, Vec<String>),
    /// `/orgs/{orgId}`
    Org(String),
    /// `/orgs/{orgId}/coverage`
    Coverage(String),
    /// `/orgs/{orgId}/access`: the access matrix.
    Access(String),
    /// `/orgs/{orgId}/changes`: the organization's changes, every project's included.
    OrgChanges(String),
    Settings,
    NotFound,
}

impl Route {
    /// The page for a path below the site's base: `/orgs/5f…/teams`, with or without a
    /// trailing slash; `None`, a path outside the base, is not a page.
    pub fn from_path(path: Option<&str>) -> Route {
        let Some(path) = path else {
            return Route::NotFound;
        };
        let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
        match segments.as_slice() {
            [""] => Route::Home,
            ["settings"] => Route::Settings,
            ["orgs", id] if !id.is_empty() => Route::Org(decode(id)),
            ["orgs", id, "coverage"] if !id.is_empty() => Route::Coverage(decode(id)),
            ["orgs", id, "access"] if !id.is_empty() => Route::Access(decode(id)),
            ["orgs", id, "changes"] if !id.is_empty() => Route::OrgChanges(decode(id)),
            _ => lists::ALL
                .iter()
                .find_map(|list| Some(Route::List(list.list, list.ids_of(&segments, decode)?)))
                .unwrap_or(Route::NotFound),
        }
    }

    /// The page's path below the site's base; `from_path` reads it back as this route.
    pub fn href(&self) -> String {
        match self {
            Route::Home => "/".to_string(),
            Route::List(list, ids) => lists::of(*list).href(ids, encode),
            Route::Org(org_id) => format!("/orgs/{}", encode(org_id)),
            Route::Coverage(org_id) => format!("/orgs/{}/coverage", encode(org_id)),
            Route::Access(org_id) => format!("/orgs/{}/access", encode(org_id)),
            Route::OrgChanges(org_id) => format!("/orgs/{}/changes", encode(org_id)),
            Route::Settings => "/settings".to_string(),
            Route::NotFound => "/not-found".to_string(),
        }
    }
}

/// Where the reader is: the path below the base (`None` outside it), and the query without
/// its `?`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Address {
    pub path: Option<String>,
    pub query: String,
}

impl Address {
    /// The address of `pathname` and `search` on a site served under `base` (`""` or `/atlas`).
    pub fn within(base: &str, pathname: &str, search: &str) -> Address {
        let path = match pathname.strip_prefix(base) {
            Some("") => Some("/"),
            Some(rest) if rest.starts_with('/') => Some(rest),
            _ => None,
        };
        Address {
            path: path.map(String::from),
            query: search.trim_start_matches('?').to_string(),
        }
    }

    /// The decoded value of a query parameter: `pageNum` in `pageNum=2&itemsPerPage=50`.
    pub fn query_value(&self, name: &str) -> Option<String> {
        self.query.split('&').find_map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(key) == name).then(|| decode(&value.replace('+', " ")))
        })
    }
}

/// A value of the address's query, read while the address is this page's own: leaving for
/// another page must not ask Atlas for page 1 of this list, or for another status, in the
/// moment before this page is gone.
pub fn own_query<T: Clone + PartialEq + Send + Sync + 'static>(
    address: RwSignal<Address>,
    read: fn(&Address) -> T,
) -> Memo<T> {
    let own_path = address.with_untracked(|address| address.path.clone());
    Memo::new(move |previous: Option<&T>| {
        let address = address.read();
        match previous {
            Some(previous) if address.path != own_path => previous.clone(),
            _ => read(&address),
        }
    })
}

/// The reader's address as a signal, and the way to change it.
#[derive(Clone, Copy)]
pub struct Router {
    base: StoredValue<String>,
    address: RwSignal<Address>,
}

impl Router {
    /// Starts following the browser's address: links inside the site and the back and forward
    /// buttons change the page without a reload.
    pub fn start(base: String) -> Router {
        let router = Router {
            address: RwSignal::new(current_address(&base)),
            base: StoredValue::new(base),
        };
        let popstate = window_event_listener(ev::popstate, move |_| {
            crate::browser::http::forget_preloaded();
            router
                .address
                .set(current_address(&router.base.read_value()));
        });
        let click = window_event_listener(ev::click, move |event| router.follow_link(&event));
        on_cleanup(move || {
            popstate.remove();
            click.remove();
        });
        provide_context(router);
        router
    }

    /// The signal itself, not a `ReadSignal` of it: one signal type fewer in the bundle; only
    /// the router sets it.
    pub fn address(&self) -> RwSignal<Address> {
        self.address
    }

    pub fn route(&self) -> Memo<Route> {
        let address = self.address;
        Memo::new(move |_| Route::from_path(address.read().path.as_deref()))
    }

    /// Opens a page of the panel: `path` is below the base and may end in a query.
    pub fn navigate(&self, path: &str) {
        self.go(&format!("{}{path}", self.base.read_value()), true);
    }

    /// The same page with another query: paging, which keeps the scroll position.
    pub fn navigate_query(&self, query: &str) {
        if let Some(path) = self.address.with_untracked(|address| address.path.clone()) {
            self.go(&format!("{}{path}?{query}", self.base.read_value()), false);
        }
    }

    fn go(&self, href: &str, scroll_to_top: bool) {
        let Some(window) = web_sys::window() else {
            return;
        };
        let pushed = window.history().and_then(|history| {
            history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(href))
        });
        if pushed.is_err() {
            // Without history, the browser still follows the link the ordinary way.
            let _ = window.location().assign(href);
            return;
        }
        crate::browser::http::forget_preloaded();
        self.address.set(current_address(&self.base.read_value()));
        if scroll_to_top {
            window.scroll_to_with_x_and_y(0.0, 0.0);
        }
    }

    /// A plain left click on a link to a page of this site moves there without a reload; any
    /// other click (a new tab, a download, another site, `#main`) is the browser's.
    fn follow_link(&self, event: &ev::MouseEvent) {
        if event.default_prevented()
            || event.button() != 0
            || event.ctrl_key()
            || event.meta_key()
            || event.shift_key()
            || event.alt_key()
        {
            return;
        }
        let Some(link) = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
            .and_then(|element| element.closest("a[href]").ok().flatten())
            .and_then(|element| element.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        else {
            return;
        };
        let pathname = link.pathname();
        let plain = link.target().is_empty()
            && !link.has_attribute("download")
            && !link
                .get_attribute("href")
                .unwrap_or_default()
                .starts_with('#');
        let same_site = web_sys::window()
            .is_some_and(|window| window.location().origin().ok() == Some(link.origin()));
        let below_base = self
            .base
            .with_value(|base| Address::within(base, &pathname, "").path.is_some());
        if plain && same_site && below_base {
            event.prevent_default();
            self.go(&format!("{pathname}{}{}", link.search(), link.hash()), true);
        }
    }
}

pub fn use_router() -> Router {
    expect_context::<Router>()
}

fn current_address(base: &str) -> Address {
    let location = web_sys::window().map(|window| window.location());
    let part = |read: fn(&web_sys::Location) -> Result<String, wasm_bindgen::JsValue>| {
        location
            .as_ref()
            .and_then(|location| read(location).ok())
            .unwrap_or_default()
    };
    Address::within(
        base,
        &part(web_sys::Location::pathname),
        &part(web_sys::Location::search),
    )
}

/// Percent-decoding as the browser does it; text that does not decode is kept as it is.
fn decode(text: &str) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::decode_uri_component(text)
            .map(String::from)
            .unwrap_or_else(|_| text.to_string())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        text.to_string()
    }
}

/// Percent-encoding of one path segment, as the browser does it. Text the browser would leave
/// as it is (Atlas's hexadecimal IDs) is not handed to it: a table of 500 rows builds 500 links.
fn encode(text: &str) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        let unreserved = |byte: u8| byte.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&byte);
        if text.bytes().all(unreserved) {
            return text.to_string();
        }
        js_sys::encode_uri_component(text).into()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_name_pages() {
        let route = |path: &str| Route::from_path(Some(path));
        assert_eq!(route("/"), Route::Home);
        assert_eq!(route("/settings"), Route::Settings);
        assert_eq!(route("/settings/"), Route::Settings);
        assert_eq!(
            route("/groups/abc/integrations"),
            Route::List(List::Integrations, vec!["abc".into()])
        );
        assert_eq!(
            route("/orgs/x/teams/"),
            Route::List(List::Teams, vec!["x".into()])
        );
        assert_eq!(route("/orgs//teams"), Route::NotFound);
        assert_eq!(route("/orgs/x"), Route::Org("x".into()));
        assert_eq!(route("/orgs/x/"), Route::Org("x".into()));
        assert_eq!(
            route("/orgs/x/groups"),
            Route::List(List::Projects, vec!["x".into()])
        );
        assert_eq!(route("/orgs/x/coverage/"), Route::Coverage("x".into()));
        assert_eq!(route("/orgs/x/access"), Route::Access("x".into()));
        assert_eq!(route("/orgs/x/changes"), Route::OrgChanges("x".into()));
        assert_eq!(route("/orgs"), Route::NotFound);
        assert_eq!(route("/orgs//groups"), Route::NotFound);
        assert_eq!(route("/orgs/x/groups/y"), Route::NotFound);
        assert_eq!(route("/groups/x"), Route::NotFound);
        assert_eq!(
            route("/orgs/x/teams/y"),
            Route::List(List::TeamMembers, vec!["x".into(), "y".into()])
        );
        assert_eq!(
            route("/orgs/x/teams//"),
            Route::List(List::Teams, vec!["x".into()])
        );
        assert_eq!(route("/orgs/x/teams/y/z"), Route::NotFound);
        assert_eq!(
            route("/groups/x/teams"),
            Route::List(List::ProjectTeams, vec!["x".into()])
        );
        assert_eq!(
            route("/groups/x/alerts-config"),
            Route::List(List::AlertConfigs, vec!["x".into()])
        );
        assert_eq!(route("/nothing"), Route::NotFound);
        assert_eq!(Route::from_path(None), Route::NotFound);
    }

    #[test]
    fn every_route_reads_back_from_its_href() {
        for route in [
            Route::Home,
            Route::List(List::Integrations, vec!["6500000000000000000000a1".into()]),
            Route::List(List::Teams, vec!["6500000000000000000000b1".into()]),
            Route::List(
                List::TeamMembers,
                vec![
                    "6500000000000000000000b1".into(),
                    "6500000000000000000c0001".into(),
                ],
            ),
            Route::List(List::ProjectTeams, vec!["6500000000000000000000a1".into()]),
            Route::List(List::AlertConfigs, vec!["6500000000000000000000a1".into()]),
            Route::Org("6500000000000000000000c1".into()),
            Route::List(List::Projects, vec!["6500000000000000000000c1".into()]),
            Route::Coverage("6500000000000000000000c2".into()),
            Route::Access("6500000000000000000000c2".into()),
            Route::OrgChanges("6500000000000000000000c2".into()),
            Route::Settings,
            Route::NotFound,
        ] {
            assert_eq!(Route::from_path(Some(&route.href())), route, "{route:?}");
        }
    }

    #[test]
    fn the_base_is_taken_off_and_nothing_outside_it_is_a_page() {
        let address = Address::within("/atlas", "/atlas/orgs/x/teams", "?pageNum=2");
        assert_eq!(address.path.as_deref(), Some("/orgs/x/teams"));
        assert_eq!(address.query, "pageNum=2");
        assert_eq!(
            Address::within("/atlas", "/atlas", "").path.as_deref(),
            Some("/")
        );
        assert_eq!(Address::within("", "/", "").path.as_deref(), Some("/"));
        for outside in ["/atlasx/settings", "/other/settings"] {
            assert_eq!(
                Address::within("/atlas", outside, "").path,
                None,
                "{outside}"
            );
        }
    }

    #[test]
    fn query_values_are_found_by_name() {
        // Percent-decoding is the browser's; natively, values come back as they are.
        let address = Address::within("", "/", "?pageNum=3&itemsPerPage=50&flag");
        assert_eq!(address.query_value("pageNum").as_deref(), Some("3"));
        assert_eq!(address.query_value("itemsPerPage").as_deref(), Some("50"));
        assert_eq!(address.query_value("flag").as_deref(), Some(""));
        assert_eq!(address.query_value("page"), None);
    }
}
