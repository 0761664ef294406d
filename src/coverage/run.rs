//! One reading of an organization's projects' integrations: which project waits, is being read,
//! was read or failed; what to start next, at most [`MAX_IN_FLIGHT`] at a time; Stop, Resume
//! and the pause a 429 asks for. No DOM and no clock: the page passes the time in.

use atlas_panel_common::integration::ALERTING_TYPES;

use crate::api::ApiError;
use crate::list::alerts::AlertUse;
use crate::list::description::Row;

/// A team that holds roles in a project, as the access matrix keeps it from the kit's row.
#[derive(Clone, Debug, PartialEq)]
pub struct ProjectTeam {
    pub team_id: String,
    /// The team's name, once the organization's teams are read and if it is among them.
    pub name: Option<String>,
    /// API names (`GROUP_OWNER`).
    pub roles: Vec<String>,
}

impl From<&Row> for ProjectTeam {
    fn from(row: &Row) -> ProjectTeam {
        ProjectTeam {
            team_id: row.text("teamId").to_string(),
            name: row.opt_text("name").map(String::from),
            roles: row.texts("roleNames"),
        }
    }
}

/// Requests in flight at once: enough to read 140 projects in seconds, few enough to leave
/// Atlas's rate-limit buckets to the rest of the team.
pub const MAX_IN_FLIGHT: usize = 3;

/// One integration a project has: its type, where the type has one its region, and whether
/// enabled alerts use it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub kind: String,
    pub region: Option<String>,
    pub alerts: AlertUse,
}

/// What a project's integrations page says, with every setting left out: only types and
/// regions, so no secret, masked or not, is kept.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IntegrationsFound(pub Vec<Found>);

impl IntegrationsFound {
    /// Types with their regions, as the tests write them.
    pub fn of_kinds(kinds: &[(&str, Option<&str>)]) -> IntegrationsFound {
        IntegrationsFound(
            kinds
                .iter()
                .map(|(kind, region)| Found {
                    kind: kind.to_string(),
                    region: region.map(String::from),
                    alerts: AlertUse::Unread,
                })
                .collect(),
        )
    }

    pub fn of(integrations: &[Row]) -> IntegrationsFound {
        IntegrationsFound(
            integrations
                .iter()
                .map(|integration| Found {
                    kind: integration.text("type").to_string(),
                    region: integration.opt_text("region").map(String::from),
                    alerts: AlertUse::of(integration),
                })
                .collect(),
        )
    }

    /// The integration of type `kind`, if the project has one (Atlas allows one per type).
    pub fn get(&self, kind: &str) -> Option<&Found> {
        self.0.iter().find(|found| found.kind == kind)
    }

    pub fn has_alerting(&self) -> bool {
        self.0
            .iter()
            .any(|found| ALERTING_TYPES.contains(&found.kind.as_str()))
    }

    /// Whether an integration of the project is known to serve no enabled alert.
    pub fn has_unused(&self) -> bool {
        self.0.iter().any(|found| found.alerts.unused())
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum ProjectState {
    /// Not asked yet, or asked and stopped, or rate-limited: asked when the run goes on.
    Waiting,
    Reading,
    Read(IntegrationsFound),
    /// The teams that hold roles in the project, for the access matrix.
    ReadTeams(Vec<ProjectTeam>),
    /// The changes in its feed in the period, for the organization's changes: every one, or
    /// (`whole` false) as many as the panel reads of one feed, [`MAX_PAGES`] pages.
    ///
    /// [`MAX_PAGES`]: crate::api::client::MAX_PAGES
    ReadChanges {
        changes: Vec<Row>,
        whole: bool,
    },
    /// Atlas or the proxy refused; not asked again in this run.
    Failed(ApiError),
}

impl ProjectState {
    /// Whether it was read or failed: not asked again in this run.
    pub fn answered(&self) -> bool {
        matches!(
            self,
            ProjectState::Read(_)
                | ProjectState::ReadTeams(_)
                | ProjectState::ReadChanges { .. }
                | ProjectState::Failed(_)
        )
    }

    /// Its word in a CSV file: `waiting`, `reading`, `read`, or what went wrong.
    pub fn csv_word(&self) -> String {
        match self {
            ProjectState::Waiting => "waiting".to_string(),
            ProjectState::Reading => "reading".to_string(),
            ProjectState::Read(_)
            | ProjectState::ReadTeams(_)
            | ProjectState::ReadChanges { .. } => "read".to_string(),
            ProjectState::Failed(error) => error.to_string(),
        }
    }
}

impl From<IntegrationsFound> for ProjectState {
    fn from(found: IntegrationsFound) -> ProjectState {
        ProjectState::Read(found)
    }
}

impl From<Vec<ProjectTeam>> for ProjectState {
    fn from(teams: Vec<ProjectTeam>) -> ProjectState {
        ProjectState::ReadTeams(teams)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct ProjectRow {
    pub id: String,
    /// Upstream text: shown as text, never as markup.
    pub name: String,
    pub state: ProjectState,
    /// Moves whenever `state` does: the page redraws only the rows whose version moved.
    pub version: u32,
}

impl ProjectRow {
    /// Whether the project alerts anyone; `None` until it is read.
    pub fn has_alerting(&self) -> Option<bool> {
        match &self.state {
            ProjectState::Read(found) => Some(found.has_alerting()),
            _ => None,
        }
    }

    /// Whether it has an integration known to serve no enabled alert.
    pub fn has_unused(&self) -> bool {
        matches!(&self.state, ProjectState::Read(found) if found.has_unused())
    }

    /// Whether a team is Project Owner of it (`team`, when not empty: that team); `false`
    /// until its teams are read.
    pub fn has_owner_team(&self, team: &str) -> bool {
        match &self.state {
            ProjectState::ReadTeams(teams) => teams.iter().any(|found| {
                (team.is_empty() || found.team_id == team)
                    && found.roles.iter().any(|role| role == "GROUP_OWNER")
            }),
            _ => false,
        }
    }

    fn set(&mut self, state: ProjectState) {
        self.state = state;
        self.version += 1;
    }
}

/// Where the run stands, as the page words it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    Reading,
    /// Atlas said 429: nothing new starts until the pause is over.
    Paused {
        seconds_left: u32,
    },
    /// Stopped by the reader with projects still unread.
    Stopped,
    /// Every project was answered.
    Finished,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Run {
    rows: Vec<ProjectRow>,
    stopped: bool,
    /// Milliseconds since the epoch before which nothing new starts.
    paused_until_ms: Option<f64>,
}

impl Run {
    /// A run over `projects` (ID, name), in the order Atlas listed them.
    pub fn new(projects: impl IntoIterator<Item = (String, String)>) -> Run {
        Run {
            rows: projects
                .into_iter()
                .map(|(id, name)| ProjectRow {
                    id,
                    name,
                    state: ProjectState::Waiting,
                    version: 0,
                })
                .collect(),
            stopped: false,
            paused_until_ms: None,
        }
    }

    pub fn rows(&self) -> &[ProjectRow] {
        &self.rows
    }

    pub fn total(&self) -> usize {
        self.rows.len()
    }

    pub fn in_flight(&self) -> usize {
        self.count(|state| matches!(state, ProjectState::Reading))
    }

    /// Projects read or failed: the run's progress.
    pub fn answered(&self) -> usize {
        self.count(ProjectState::answered)
    }

    fn count(&self, test: impl Fn(&ProjectState) -> bool) -> usize {
        self.rows.iter().filter(|row| test(&row.state)).count()
    }

    /// The projects to ask for now, by index and ID, marked as being read: the first waiting
    /// ones, up to [`MAX_IN_FLIGHT`] in flight; none while stopped or paused.
    pub fn start_next(&mut self, now_ms: f64) -> Vec<(usize, String)> {
        if self.paused_until_ms.is_some_and(|until| now_ms < until) {
            return Vec::new();
        }
        self.paused_until_ms = None;
        if self.stopped {
            return Vec::new();
        }
        let room = MAX_IN_FLIGHT.saturating_sub(self.in_flight());
        let mut started = Vec::new();
        for (index, row) in self.rows.iter_mut().enumerate() {
            if started.len() == room {
                break;
            }
            if row.state == ProjectState::Waiting {
                row.set(ProjectState::Reading);
                started.push((index, row.id.clone()));
            }
        }
        started
    }

    /// Records the answer for the project at `index`. A rate limit puts it back in line and
    /// pauses the run; an aborted request (Stop, or the page left) puts it back in line.
    pub fn finish(&mut self, index: usize, answer: Result<ProjectState, ApiError>, now_ms: f64) {
        let Some(row) = self.rows.get_mut(index) else {
            return;
        };
        if row.state != ProjectState::Reading {
            return;
        }
        match answer {
            Ok(state) => row.set(state),
            Err(ApiError::Aborted) => row.set(ProjectState::Waiting),
            Err(error) => match error.rate_limit_wait() {
                Some(seconds) => {
                    row.set(ProjectState::Waiting);
                    let until = now_ms + f64::from(seconds) * 1000.0;
                    self.paused_until_ms =
                        Some(self.paused_until_ms.map_or(until, |p| p.max(until)));
                }
                None => row.set(ProjectState::Failed(error)),
            },
        }
    }

    /// Ends the run: nothing new starts. The page aborts what is in flight; those answers come
    /// back as [`ApiError::Aborted`] and their projects wait again.
    pub fn stop(&mut self) {
        self.stopped = true;
    }

    /// Goes on with the projects not answered yet; a pause Atlas asked for still holds.
    pub fn resume(&mut self) {
        self.stopped = false;
    }

    /// Whether a request may be sent now: the run is neither stopped nor paused.
    pub fn may_ask(&self, now_ms: f64) -> bool {
        !self.stopped && self.paused_until_ms.is_none_or(|until| now_ms >= until)
    }

    pub fn phase(&self, now_ms: f64) -> Phase {
        let unanswered = self.answered() < self.total();
        match self.paused_until_ms {
            _ if !unanswered => Phase::Finished,
            _ if self.stopped => Phase::Stopped,
            Some(until) if now_ms < until => Phase::Paused {
                seconds_left: ((until - now_ms) / 1000.0).ceil() as u32,
            },
            _ => Phase::Reading,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use atlas_panel_common::endpoint::List;

    #[test]
    fn asks_nothing_while_stopped_or_paused() {
        let mut run = run(2);
        assert!(run.may_ask(0.0));
        run.start_next(0.0);
        run.finish(0, Err(atlas_error(429, Some(2))), 0.0);
        assert!(!run.may_ask(1_999.0), "within Atlas's pause");
        assert!(run.may_ask(2_000.0));
        run.stop();
        assert!(!run.may_ask(5_000.0));
        run.resume();
        assert!(run.may_ask(5_000.0));
    }

    fn run(n: usize) -> Run {
        Run::new((0..n).map(|i| (format!("{i:024x}"), format!("Project {i}"))))
    }

    fn found(kinds: &[(&str, Option<&str>)]) -> IntegrationsFound {
        IntegrationsFound::of_kinds(kinds)
    }

    fn atlas_error(status: u16, retry_after: Option<u32>) -> ApiError {
        ApiError::Atlas {
            status,
            reason: None,
            error_code: None,
            detail: None,
            retry_after,
        }
    }

    fn indices(started: &[(usize, String)]) -> Vec<usize> {
        started.iter().map(|(index, _)| *index).collect()
    }

    #[test]
    fn keeps_only_types_and_regions_of_what_was_read() {
        let body = r#"{"results":[
            {"id":"x","type":"PAGER_DUTY","region":"EU","serviceKey":"clear-service-key-1234"},
            {"type":"DATADOG","apiKey":"clear-datadog-key"}
        ]}"#;
        let page = crate::api::types::parse_rows(List::Integrations, 200, body).unwrap();
        let found = IntegrationsFound::of(&page.results);
        assert_eq!(found, found_of_pager_duty_and_datadog());
        assert!(!format!("{found:?}").contains("clear"));
        assert!(!format!("{found:?}").contains("****"));
    }

    fn found_of_pager_duty_and_datadog() -> IntegrationsFound {
        found(&[("PAGER_DUTY", Some("EU")), ("DATADOG", None)])
    }

    #[test]
    fn alerting_is_any_of_the_six_types() {
        for kind in ALERTING_TYPES {
            assert!(
                found(&[("DATADOG", None), (kind, None)]).has_alerting(),
                "{kind}"
            );
        }
        for kinds in [
            &[][..],
            &[
                ("DATADOG", Some("US")),
                ("PROMETHEUS", None),
                ("NEW_RELIC", None),
            ][..],
            &[("HIP_CHAT", None), ("FLOWDOCK", None), ("pager_duty", None)][..],
        ] {
            assert!(!found(kinds).has_alerting(), "{kinds:?}");
        }
    }

    #[test]
    fn starts_at_most_three_in_list_order() {
        let mut run = run(5);
        assert_eq!(indices(&run.start_next(0.0)), [0, 1, 2]);
        assert_eq!(run.start_next(0.0), []);
        assert_eq!(run.in_flight(), 3);
        run.finish(1, Ok(found(&[]).into()), 0.0);
        assert_eq!(run.start_next(0.0), [(3, format!("{:024x}", 3))]);
        run.finish(0, Ok(found(&[]).into()), 0.0);
        run.finish(2, Err(atlas_error(403, None)), 0.0);
        assert_eq!(indices(&run.start_next(0.0)), [4]);
        assert_eq!(run.in_flight(), 2);
        assert_eq!(run.phase(0.0), Phase::Reading);
        run.finish(3, Ok(found(&[]).into()), 0.0);
        run.finish(4, Ok(found(&[]).into()), 0.0);
        assert_eq!(run.phase(0.0), Phase::Finished);
        assert_eq!(run.answered(), 5);
        assert_eq!(run.start_next(0.0), []);
    }

    #[test]
    fn a_failure_stays_in_its_row_and_the_run_goes_on() {
        let mut run = run(4);
        run.start_next(0.0);
        run.finish(0, Err(ApiError::NotJson { status: 502 }), 0.0);
        assert_eq!(
            run.rows()[0].state,
            ProjectState::Failed(ApiError::NotJson { status: 502 })
        );
        assert_eq!(indices(&run.start_next(0.0)), [3]);
        assert_eq!(run.answered(), 1);
        assert_eq!(run.rows()[0].has_alerting(), None);
    }

    #[test]
    fn stop_starts_nothing_and_resume_reads_only_what_is_missing() {
        let mut run = run(6);
        run.start_next(0.0);
        run.finish(0, Ok(found(&[("SLACK", None)]).into()), 0.0);
        run.stop();
        assert_eq!(run.start_next(0.0), []);
        assert_eq!(run.phase(0.0), Phase::Stopped);
        // The page aborts the two in flight.
        run.finish(1, Err(ApiError::Aborted), 0.0);
        run.finish(2, Err(ApiError::Aborted), 0.0);
        assert_eq!(run.in_flight(), 0);
        assert_eq!(run.start_next(0.0), []);
        run.resume();
        assert_eq!(indices(&run.start_next(0.0)), [1, 2, 3]);
        assert_eq!(
            run.rows()[0].state,
            ProjectState::Read(found(&[("SLACK", None)]))
        );
    }

    #[test]
    fn an_answer_that_beat_the_abort_is_kept() {
        let mut run = run(3);
        run.start_next(0.0);
        run.stop();
        run.finish(1, Ok(found(&[]).into()), 0.0);
        run.finish(0, Err(ApiError::Aborted), 0.0);
        run.finish(2, Err(ApiError::Aborted), 0.0);
        run.resume();
        assert_eq!(indices(&run.start_next(0.0)), [0, 2]);
    }

    #[test]
    fn a_rate_limit_pauses_everything_then_reads_that_project_first() {
        let mut run = run(6);
        run.start_next(1_000.0);
        run.finish(1, Err(atlas_error(429, Some(55))), 1_000.0);
        assert_eq!(run.rows()[1].state, ProjectState::Waiting);
        assert_eq!(run.phase(1_000.0), Phase::Paused { seconds_left: 55 });
        assert_eq!(run.phase(55_500.0), Phase::Paused { seconds_left: 1 });
        // What was in flight still lands.
        run.finish(0, Ok(found(&[]).into()), 2_000.0);
        assert_eq!(run.start_next(2_000.0), []);
        assert_eq!(run.start_next(55_999.0), []);
        assert_eq!(run.phase(56_000.0), Phase::Reading);
        assert_eq!(indices(&run.start_next(56_000.0)), [1, 3]);
    }

    #[test]
    fn a_second_rate_limit_extends_the_pause_never_shortens_it() {
        let mut run = run(4);
        run.start_next(0.0);
        run.finish(0, Err(atlas_error(429, Some(30))), 0.0);
        run.finish(1, Err(atlas_error(429, Some(5))), 1_000.0);
        assert_eq!(run.phase(10_000.0), Phase::Paused { seconds_left: 20 });
        run.finish(2, Err(atlas_error(429, None)), 20_000.0);
        // No Retry-After: the default 30 s.
        assert_eq!(run.phase(20_000.0), Phase::Paused { seconds_left: 30 });
    }

    #[test]
    fn stop_during_a_pause_and_resume_still_waits_for_atlas() {
        let mut run = run(3);
        run.start_next(0.0);
        run.finish(0, Err(atlas_error(429, Some(10))), 0.0);
        run.stop();
        assert_eq!(run.phase(1_000.0), Phase::Stopped);
        run.resume();
        assert_eq!(run.phase(1_000.0), Phase::Paused { seconds_left: 9 });
        assert_eq!(run.start_next(1_000.0), []);
        // 1 and 2 are still in flight: only project 0 may start.
        assert_eq!(indices(&run.start_next(10_000.0)), [0]);
    }

    #[test]
    fn stray_answers_change_nothing() {
        let mut run = run(2);
        run.finish(0, Ok(found(&[]).into()), 0.0);
        run.finish(7, Ok(found(&[]).into()), 0.0);
        assert_eq!(run.answered(), 0);
        run.start_next(0.0);
        run.finish(0, Ok(found(&[("SLACK", None)]).into()), 0.0);
        let version = run.rows()[0].version;
        run.finish(0, Err(atlas_error(500, None)), 0.0);
        assert_eq!(run.rows()[0].version, version);
        assert!(matches!(run.rows()[0].state, ProjectState::Read(_)));
    }

    #[test]
    fn an_empty_organization_is_finished_at_once() {
        let mut run = run(0);
        assert_eq!(run.start_next(0.0), []);
        assert_eq!(run.phase(0.0), Phase::Finished);
    }

    /// A whole run against an Atlas that rate-limits, fails, and gets stopped and resumed at
    /// random, then left to finish: never more than three in flight, every project answered,
    /// none read twice. (proptest is a native dev-dependency only.)
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn a_random_run_reads_every_project_exactly_once() {
        use proptest::prelude::*;
        proptest!(|(steps in proptest::collection::vec(0u8..10, 0..300), n in 0usize..40)| {
            let mut run = run(n);
            let mut now = 0.0;
            let mut in_flight: Vec<usize> = Vec::new();
            let mut reads = vec![0u32; n];
            let mut answered = vec![false; n];
            // The random steps, then Resume and good answers until the end.
            let mut steps = steps.into_iter().chain(std::iter::repeat(7));
            for _ in 0..10_000 {
                if run.phase(now) == Phase::Finished {
                    break;
                }
                for (index, _) in run.start_next(now) {
                    prop_assert!(!answered[index], "project {} asked again", index);
                    in_flight.push(index);
                }
                prop_assert!(in_flight.len() <= MAX_IN_FLIGHT);
                prop_assert_eq!(in_flight.len(), run.in_flight());
                let step = steps.next().unwrap_or(7);
                match step {
                    8 => run.stop(),
                    9 => run.resume(),
                    _ if in_flight.is_empty() => {
                        now += 1_000.0;
                        run.resume();
                    }
                    _ => {
                        let index = in_flight.remove(usize::from(step) % in_flight.len());
                        let answer = match step {
                            0 => Err(atlas_error(429, Some(2))),
                            1 => Err(atlas_error(403, None)),
                            2 => Err(ApiError::Aborted),
                            _ => Ok(found(&[("SLACK", None)]).into()),
                        };
                        reads[index] += u32::from(answer.is_ok());
                        answered[index] = matches!(step, 1 | 3..=7);
                        run.finish(index, answer, now);
                    }
                }
            }
            prop_assert_eq!(run.phase(now), Phase::Finished);
            prop_assert_eq!(run.answered(), n);
            for (index, row) in run.rows().iter().enumerate() {
                let read = matches!(row.state, ProjectState::Read(_));
                prop_assert_eq!(reads[index], u32::from(read), "project {}", index);
            }
        });
    }
}
