//! The browser's side of an organization-wide run: lists the organization's projects, then
//! asks for each one's integrations, teams or changes as the [`Run`] says, one `AbortController` per request, with a timer
//! while Atlas's pause lasts. Leaving the page aborts everything.

use std::time::Duration;

use atlas_panel_common::endpoint::{ApiFlavour, Endpoint, List};
use atlas_panel_common::integration::ALERT_CHANNEL_TYPES;
use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::{AbortController, AbortSignal};

use crate::api::client::{fetch_answer, fetch_page, next_page, read_every_page, ListRequest};
use crate::api::types::parse_rows;
use crate::api::ApiError;
use crate::coverage::run::ProjectTeam;
use crate::coverage::run::{IntegrationsFound, Phase, ProjectState, Run};
use crate::list::alerts::mark_alert_use;
use crate::list::alerts::AlertUse;
use crate::list::description::Row;
use crate::paging::{PageRequest, MAX_ITEMS_PER_PAGE};

/// Where listing the organization's projects stands.
#[derive(Clone, Debug, PartialEq)]
pub enum Listing {
    /// So many listed so far.
    Listing(usize),
    Failed(ApiError),
    Listed,
}

#[derive(Clone, Copy)]
pub struct CoverageReader {
    pub listing: RwSignal<Listing>,
    /// The run, once the projects are listed.
    pub run: RwSignal<Option<Run>>,
    /// Moved when the run's phase and progress are to be judged again (at `Date.now()`): at
    /// most every 200 ms while answers arrive, at once when the run ends, stops or pauses,
    /// and every second of a pause. A count, not the time itself: a `u32` signal is in the
    /// bundle anyway, an `f64` one would be a type of its own.
    pub clock: RwSignal<u32>,
    pub stop: Callback<()>,
    pub resume: Callback<()>,
    /// Lists the projects again after a failure.
    pub retry_listing: Callback<()>,
}

impl CoverageReader {
    pub fn phase(&self) -> Option<Phase> {
        self.clock.track();
        let now = js_sys::Date::now();
        self.run.with(|run| run.as_ref().map(|run| run.phase(now)))
    }
}

/// Everything the tasks share; all of it is gone once the page is.
#[derive(Clone, Copy)]
struct Parts {
    /// Where the requests go, fixed for the page's life: two strings and the flavour rather
    /// than a stored value of a type of its own (less code).
    api_base: StoredValue<String>,
    org_id: StoredValue<String>,
    flavour: ApiFlavour,
    /// What is read of each project: its integrations, its teams, or its changes.
    list: List,
    /// What is read of the organization itself, if anything, as the run's first row.
    org_list: Option<List>,
    /// For changes: the oldest time asked for.
    since: StoredValue<Option<String>>,
    listing: RwSignal<Listing>,
    run: RwSignal<Option<Run>>,
    clock: RwSignal<u32>,
    /// One controller per request in flight, by the project's index in the run.
    in_flight: StoredValue<Vec<(usize, AbortController)>, LocalStorage>,
    /// The changes of a feed read before Stop or Atlas's pause, and the page to go on from, by
    /// the project's index: Resume does not ask for those pages again.
    feeds_begun: StoredValue<Vec<(usize, Vec<Row>, u32)>, LocalStorage>,
    listing_request: StoredValue<Option<AbortController>, LocalStorage>,
    ticking: StoredValue<Option<IntervalHandle>, LocalStorage>,
    /// When the clock last moved, and whether a move is waiting for its turn.
    last_judged_ms: StoredValue<f64>,
    judge_pending: StoredValue<bool>,
}

/// Reads `list` (a project's integrations, its teams or, with `since`, its changes from then
/// on) of every project of `org_id`, after `org_list` of the organization itself when given.
pub fn use_coverage_reader(
    api_base: String,
    flavour: ApiFlavour,
    org_id: String,
    org_list: Option<List>,
    list: List,
    since: Option<String>,
) -> CoverageReader {
    let parts = Parts {
        api_base: StoredValue::new(api_base),
        org_id: StoredValue::new(org_id),
        flavour,
        list,
        org_list,
        since: StoredValue::new(since),
        listing: RwSignal::new(Listing::Listing(0)),
        run: RwSignal::new(None),
        clock: RwSignal::new(0),
        in_flight: StoredValue::new_local(Vec::new()),
        feeds_begun: StoredValue::new_local(Vec::new()),
        listing_request: StoredValue::new_local(None),
        ticking: StoredValue::new_local(None),
        last_judged_ms: StoredValue::new(f64::NEG_INFINITY),
        judge_pending: StoredValue::new(false),
    };
    spawn_local(list_projects(parts));
    on_cleanup(move || {
        abort_all(parts);
        if let Some(controller) = parts
            .listing_request
            .try_update_value(Option::take)
            .flatten()
        {
            controller.abort();
        }
        if let Some(interval) = parts.ticking.try_update_value(Option::take).flatten() {
            interval.clear();
        }
    });
    CoverageReader {
        listing: parts.listing,
        run: parts.run,
        clock: parts.clock,
        stop: Callback::new(move |()| {
            parts.run.update(|run| {
                if let Some(run) = run {
                    run.stop();
                }
            });
            abort_all(parts);
            judge_at_once(parts);
        }),
        resume: Callback::new(move |()| {
            parts.run.update(|run| {
                if let Some(run) = run {
                    run.resume();
                }
            });
            judge_at_once(parts);
            pump(parts);
        }),
        retry_listing: Callback::new(move |()| {
            if !matches!(parts.listing.get_untracked(), Listing::Listing(_)) {
                parts.listing.set(Listing::Listing(0));
                spawn_local(list_projects(parts));
            }
        }),
    }
}

/// A request of the page's, 500 to a page; `None` once the page is gone. A list that takes
/// `minDate` (an activity feed) is asked for the run's period.
fn request(parts: Parts, list: List, owner_id: &str, page_num: u32) -> Option<ListRequest> {
    let page = PageRequest {
        page_num,
        items_per_page: MAX_ITEMS_PER_PAGE,
    };
    let request = parts.api_base.try_with_value(|api_base| {
        ListRequest::new(api_base.clone(), list, parts.flavour, &[owner_id], page)
    })?;
    match parts.since.try_get_value()? {
        Some(since) if Endpoint::of(list).query_key("minDate").is_some() => {
            Some(request.since(since))
        }
        _ => Some(request),
    }
}

/// What is read for the run's row at `index`: the organization's own list first, when the
/// run reads one.
fn list_of(parts: Parts, index: usize) -> List {
    match (parts.org_list, index) {
        (Some(org_list), 0) => org_list,
        _ => parts.list,
    }
}

/// Has the run's phase judged again.
/// At once when the run is not reading (it ended, stopped or paused: said at once), else at
/// most every [`JUDGE_EVERY_MS`], the answers between judged together: the page's words and
/// progress set at every answer made the browser lay out and paint a frame per answer, a
/// fifth of a warm run's time (`docs/performance.md`).
fn judge_again(parts: Parts) {
    let now = js_sys::Date::now();
    let reading = parts
        .run
        .try_with_untracked(|run| {
            run.as_ref()
                .is_some_and(|run| run.phase(now) == Phase::Reading)
        })
        .unwrap_or(false);
    let Some(last) = parts.last_judged_ms.try_get_value() else {
        return;
    };
    let wait = last + JUDGE_EVERY_MS - now;
    if !reading || !(0.0..=JUDGE_EVERY_MS).contains(&wait) {
        judge_at_once(parts);
    } else if parts.judge_pending.try_get_value() == Some(false) {
        parts.judge_pending.try_set_value(true);
        set_timeout(
            move || {
                if parts.judge_pending.try_get_value() == Some(true) {
                    judge_at_once(parts);
                }
            },
            Duration::from_millis(wait as u64),
        );
    }
}

/// Has the run judged again now: what the reader did (Stop, Resume) is said at once.
fn judge_at_once(parts: Parts) {
    parts.judge_pending.try_set_value(false);
    parts.last_judged_ms.try_set_value(js_sys::Date::now());
    parts.clock.try_update(|n| *n = n.wrapping_add(1));
}

/// The least time between two judgements of the run while it reads, in milliseconds.
const JUDGE_EVERY_MS: f64 = 200.0;

/// Aborts every request in flight; their projects come back as waiting.
fn abort_all(parts: Parts) {
    let controllers = parts
        .in_flight
        .try_update_value(std::mem::take)
        .unwrap_or_default();
    for (_, controller) in &controllers {
        controller.abort();
    }
}

/// Every page of the organization's projects, then the run over them.
async fn list_projects(parts: Parts) {
    let mut projects: Vec<(String, String)> = Vec::new();
    let request_for = |page_num| {
        parts
            .org_id
            .try_with_value(|org_id| request(parts, List::Projects, org_id, page_num))
            .flatten()
    };
    let in_flight = |controller| {
        parts.listing_request.try_set_value(controller);
    };
    let listed = read_every_page(&request_for, &in_flight, &mut |rows| {
        add_new(&mut projects, &rows);
        parts.listing.try_set(Listing::Listing(projects.len()));
    })
    .await;
    match listed {
        Ok(()) => {}
        Err(ApiError::Aborted) => return,
        Err(error) => {
            parts.listing.try_set(Listing::Failed(error));
            return;
        }
    }
    let organization = parts
        .org_id
        .try_get_value()
        .filter(|_| parts.org_list.is_some())
        .map(|org_id| (org_id, String::new()));
    let run = Run::new(organization.into_iter().chain(projects));
    if parts.run.try_set(Some(run)).is_none() {
        parts.listing.try_set(Listing::Listed);
        judge_again(parts);
        pump(parts);
    }
}

/// Adds the projects not listed yet: a project created while the pages are read can shift
/// one onto the next page twice, and it must not be read twice.
fn add_new(projects: &mut Vec<(String, String)>, rows: &[Row]) {
    for row in rows {
        let id = row.text("id");
        if !projects.iter().any(|(project, _)| project == id) {
            projects.push((id.to_string(), row.text("name").to_string()));
        }
    }
}

/// Starts what the run lets start, and keeps time while it is paused.
fn pump(parts: Parts) {
    let now = js_sys::Date::now();
    let Some(started) = parts
        .run
        .try_update(|run| run.as_mut().map(|run| run.start_next(now)))
        .flatten()
    else {
        return;
    };
    for (index, project_id) in started {
        let begun = parts
            .feeds_begun
            .try_update_value(|feeds| {
                let at = feeds.iter().position(|(of, _, _)| *of == index)?;
                let (_, changes, next_page) = feeds.swap_remove(at);
                Some((changes, next_page))
            })
            .flatten();
        let page_num = begun.as_ref().map_or(1, |(_, next_page)| *next_page);
        let Some(request) = request(parts, list_of(parts, index), &project_id, page_num) else {
            return;
        };
        let controller = AbortController::new().ok();
        let signal = controller.as_ref().map(AbortController::signal);
        if let Some(controller) = controller {
            parts
                .in_flight
                .try_update_value(|in_flight| in_flight.push((index, controller)));
        }
        spawn_local(async move {
            let begun = begun.map(|(changes, _)| changes).unwrap_or_default();
            let found =
                read_project(parts, index, &request, &project_id, signal.as_ref(), begun).await;
            // Gone with the page: nothing to record, nothing to start.
            if parts
                .in_flight
                .try_update_value(|in_flight| in_flight.retain(|(of, _)| *of != index))
                .is_none()
            {
                return;
            }
            let now = js_sys::Date::now();
            parts.run.try_update(|run| {
                if let Some(run) = run {
                    run.finish(index, found, now);
                }
            });
            judge_again(parts);
            pump(parts);
        });
    }
    keep_time(parts, now);
}

/// A project's state from its answers: its teams; or its integrations, then (when it has one
/// an alert can notify through) its alert configurations, to tell which integrations serve an
/// enabled alert. One request after the other, so that the run's bound on requests in flight
/// holds. The second is not sent while Atlas's pause lasts (the project waits again, and its
/// integrations come from the proxy's cache next time); a failure of it other than a pause
/// leaves the integrations read and their alerts unknown. A feed goes on after `begun`, the
/// changes read of it before a stop or a pause.
async fn read_project(
    parts: Parts,
    index: usize,
    request: &ListRequest,
    project_id: &str,
    signal: Option<&AbortSignal>,
    begun: Vec<Row>,
) -> Result<ProjectState, ApiError> {
    if request.since.is_some() {
        return read_changes(parts, index, request.clone(), signal, begun).await;
    }
    let (status, body, _) = fetch_answer(request, false, signal).await?;
    let mut integrations = parse_rows(parts.list, status, &body)?.results;
    if parts.list == List::ProjectTeams {
        let teams = integrations
            .iter()
            .map(ProjectTeam::from)
            .collect::<Vec<_>>();
        return Ok(ProjectState::from(teams));
    }
    let channels = integrations
        .iter()
        .any(|row| ALERT_CHANNEL_TYPES.contains(&row.text("type")));
    if channels {
        if !may_ask(parts) {
            return Err(ApiError::Aborted);
        }
        match read_alert_configs(parts, project_id, signal).await {
            Ok((configs, complete)) => mark_alert_use(&mut integrations, &configs, complete),
            Err(error) if error == ApiError::Aborted || error.rate_limit_wait().is_some() => {
                return Err(error)
            }
            Err(_) => {
                for integration in &mut integrations {
                    AlertUse::Unknown.set(integration);
                }
            }
        }
    }
    Ok(ProjectState::from(IntegrationsFound::of(&integrations)))
}

/// Every page of a feed from `request`'s on, after `changes` (those read before), up to
/// [`next_page`]'s cap: a project with more than 500 changes in the period is read page after
/// page. Its own loop rather than [`read_every_page`]'s: the project's one `AbortController`
/// stops every page of it, no page is asked for while Atlas's pause lasts, and a feed stopped
/// or paused after a page keeps what it read for the run to go on from.
async fn read_changes(
    parts: Parts,
    index: usize,
    mut request: ListRequest,
    signal: Option<&AbortSignal>,
    mut changes: Vec<Row>,
) -> Result<ProjectState, ApiError> {
    let keep = |changes: Vec<Row>, next_page: u32| {
        parts
            .feeds_begun
            .try_update_value(|feeds| feeds.push((index, changes, next_page)));
    };
    let first_page = request.page.page_num;
    loop {
        if request.page.page_num > first_page && !may_ask(parts) {
            keep(changes, request.page.page_num);
            return Err(ApiError::Aborted);
        }
        let (page, _) = match fetch_page(&request, false, signal).await {
            Ok(answer) => answer,
            Err(error) => {
                let waits = error == ApiError::Aborted || error.rate_limit_wait().is_some();
                if waits && request.page.page_num > 1 {
                    keep(changes, request.page.page_num);
                }
                return Err(error);
            }
        };
        changes.extend(page.results);
        match next_page(request.page.page_num, page.has_next) {
            Some(next) => request.page.page_num = next,
            None => {
                return Ok(ProjectState::ReadChanges {
                    changes,
                    whole: !page.has_next,
                })
            }
        }
    }
}

/// Whether the run lets a request leave now: it is neither stopped nor paused. The first request
/// of a project is started by the run itself; this is for those that follow it.
fn may_ask(parts: Parts) -> bool {
    let now = js_sys::Date::now();
    parts
        .run
        .try_with_untracked(|run| run.as_ref().is_some_and(|run| run.may_ask(now)))
        .unwrap_or(false)
}

/// A project's alert configurations, and whether they are all of them (one page of 500).
async fn read_alert_configs(
    parts: Parts,
    project_id: &str,
    signal: Option<&AbortSignal>,
) -> Result<(Vec<Row>, bool), ApiError> {
    let request =
        self::request(parts, List::AlertConfigs, project_id, 1).ok_or(ApiError::Aborted)?;
    let (status, body, _) = fetch_answer(&request, false, signal).await?;
    let page = parse_rows(List::AlertConfigs, status, &body)?;
    Ok((page.results, !page.has_next))
}

/// While Atlas's pause lasts, moves the clock every second, and goes on when it is over.
fn keep_time(parts: Parts, now: f64) {
    let paused = move |now: f64| {
        parts
            .run
            .try_with_untracked(|run| {
                run.as_ref()
                    .is_some_and(|run| matches!(run.phase(now), Phase::Paused { .. }))
            })
            .unwrap_or(false)
    };
    if !paused(now) || parts.ticking.try_with_value(Option::is_some) != Some(false) {
        return;
    }
    let tick = move || {
        let now = js_sys::Date::now();
        judge_again(parts);
        if !paused(now) {
            if let Some(interval) = parts.ticking.try_update_value(Option::take).flatten() {
                interval.clear();
            }
            pump(parts);
        }
    };
    if let Ok(interval) = set_interval_with_handle(tick, Duration::from_secs(1)) {
        parts.ticking.try_set_value(Some(interval));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::list::rows::tests::rows;

    #[test]
    fn a_project_listed_twice_is_kept_once() {
        let listed = |ids: &[&str]| {
            let items: Vec<String> = ids
                .iter()
                .map(|id| format!(r#"{{"id":"{id}","name":"name of {id}"}}"#))
                .collect();
            rows(List::Projects, &format!("[{}]", items.join(",")))
        };
        let mut projects = Vec::new();
        add_new(&mut projects, &listed(&["a", "b"]));
        add_new(&mut projects, &listed(&["b", "c"]));
        let ids: Vec<&str> = projects.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c"]);
    }
}
