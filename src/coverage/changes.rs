//! An organization's changes from a run over its feeds: the period asked for, and the feeds'
//! events merged into one list, newest first, each once, in words.

use atlas_panel_common::endpoint::utc_date_time;

use crate::api::client::MAX_PAGES;
use crate::coverage::run::{ProjectRow, ProjectState};
use crate::i18n::Lang;
use crate::list::changes::{change_words, who, ChangeKind};
use crate::list::description::Row;
use crate::list::rows::sorted_order;
use crate::paging::MAX_ITEMS_PER_PAGE;

/// How far back the feeds are read, counted from now in hours.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Period {
    Day,
    Week,
    Month,
}

impl Period {
    pub const ALL: [Period; 3] = [Period::Day, Period::Week, Period::Month];

    pub fn hours(self) -> i64 {
        match self {
            Period::Day => 24,
            Period::Week => 7 * 24,
            Period::Month => 30 * 24,
        }
    }

    /// Its name in the address: `?period=24h`.
    pub fn tag(self) -> &'static str {
        match self {
            Period::Day => "24h",
            Period::Week => "7d",
            Period::Month => "30d",
        }
    }

    /// The address's period; the last 7 days when it names none the panel knows.
    pub fn from_tag(tag: Option<&str>) -> Period {
        Period::ALL
            .into_iter()
            .find(|period| Some(period.tag()) == tag)
            .unwrap_or(Period::Week)
    }

    /// "Last 7 days", "最近 7 天".
    pub fn words(self, lang: Lang) -> &'static str {
        match self {
            Period::Day => lang.pick("Last 24 hours", "最近 24 小时"),
            Period::Week => lang.pick("Last 7 days", "最近 7 天"),
            Period::Month => lang.pick("Last 30 days", "最近 30 天"),
        }
    }

    /// The oldest time asked for (`minDate`): `now` less the period, to the minute, so that
    /// opening the same view again within the minute asks the proxy the same URLs (its cache).
    pub fn since(self, now_ms: f64) -> String {
        let now = (now_ms / 1000.0) as i64;
        utc_date_time(now - now.rem_euclid(60) - self.hours() * 3600)
    }
}

/// Every change the run has read, each once (an event both feeds hold, by its `id`), newest
/// first, of `kind` when one is chosen, with what the page shows filled in: who, the kind
/// and the words, the project's name, the team's.
pub fn merged(
    rows: &[ProjectRow],
    kind: Option<ChangeKind>,
    lang: Lang,
    team_name: &dyn Fn(&str) -> Option<String>,
) -> Vec<Row> {
    let feeds: Vec<&Row> = rows
        .iter()
        .filter_map(|row| match &row.state {
            ProjectState::ReadChanges { changes, .. } => Some(changes),
            _ => None,
        })
        .flatten()
        .collect();
    // Each event once, its newest copy (two feeds may stamp one event apart, and a feed read
    // later may stamp it anew): by ID, newest first within an ID, the first of each kept. Then
    // newest first. Both by the kit's one sort.
    let by_id = sorted_order(
        feeds
            .iter()
            .map(|change| format!("{}\u{1}{}", change.text("id"), change.text("created")))
            .collect(),
        true,
    );
    let mut last_id = None;
    let mut once: Vec<&Row> = Vec::with_capacity(feeds.len());
    for index in by_id {
        let id = feeds[index].text("id");
        if id.is_empty() || last_id != Some(id) {
            once.push(feeds[index]);
        }
        last_id = Some(id);
    }
    let by_time = sorted_order(
        once.iter()
            .map(|change| change.text("created").to_string())
            .collect(),
        true,
    );
    let newest_first: Vec<&Row> = by_time.into_iter().map(|index| once[index]).collect();
    newest_first
        .into_iter()
        .filter(|change| {
            kind.is_none_or(|kind| ChangeKind::of(change.text("eventTypeName")) == Some(kind))
        })
        .map(|change| {
            let mut change = change.clone();
            let event_kind = ChangeKind::of(change.text("eventTypeName"));
            change.set("who", who(&change, lang).into());
            change.set("kind", event_kind.map(ChangeKind::tag).into());
            change.set("words", change_words(&change, lang).into());
            let project = change.opt_text("groupId").and_then(|project_id| {
                rows.iter()
                    .find(|row| row.id == project_id)
                    .map(|row| row.name.clone())
            });
            change.set("groupName", project.into());
            if let Some(team_id) = change.opt_text("teamId").map(String::from) {
                let name = team_name(&team_id);
                change.set("team", name.clone().unwrap_or(team_id).into());
                change.set("name", name.into());
            }
            change
        })
        .collect()
}

/// The projects (and the organization's own feed, the run's first row) that could not be
/// read, with why.
pub fn failures(rows: &[ProjectRow], lang: Lang) -> Vec<String> {
    rows.iter()
        .enumerate()
        .filter_map(|(index, row)| {
            let ProjectState::Failed(error) = &row.state else {
                return None;
            };
            let summary = error.summary(lang);
            let why = summary.trim_end_matches(['.', '。']);
            let name = feed_name(index, row, lang);
            Some(match lang {
                Lang::En => format!("{name} ({why})"),
                Lang::ZhCn => format!("{name}（{why}）"),
            })
        })
        .collect()
}

/// The feeds read only in part: more changes in the period than the panel reads of one feed.
pub fn read_in_part(rows: &[ProjectRow], lang: Lang) -> Vec<String> {
    rows.iter()
        .enumerate()
        .filter(|(_, row)| matches!(row.state, ProjectState::ReadChanges { whole: false, .. }))
        .map(|(index, row)| feed_name(index, row, lang))
        .collect()
}

/// How the summary names the feed of the run's row at `index`: the first is the
/// organization's own.
fn feed_name(index: usize, row: &ProjectRow, lang: Lang) -> String {
    match (lang, index == 0) {
        (Lang::En, true) => "the organization's own feed".to_string(),
        (Lang::ZhCn, true) => "组织自身的活动记录".to_string(),
        (_, false) => row.name.clone(),
    }
}

/// "57 changes in the last 7 days." and what could not be read, or was read in part; while
/// projects are unread, `unread` (projects read, of how many), so that a stopped run's count
/// is not taken for the period's.
pub fn summary(
    shown: usize,
    kind: Option<ChangeKind>,
    period: Period,
    failed: &[String],
    in_part: &[String],
    unread: Option<(usize, usize)>,
    lang: Lang,
) -> String {
    let n = crate::paging::group_thousands(shown as u64);
    let last = period.words(lang);
    let mut text = match (lang, kind) {
        (Lang::En, None) => format!(
            "{n} {} in the {}.",
            if shown == 1 { "change" } else { "changes" },
            crate::list::rows::lowercase(last)
        ),
        (Lang::En, Some(kind)) => format!(
            "{n} {} to {} in the {}.",
            if shown == 1 { "change" } else { "changes" },
            crate::list::rows::lowercase(kind.words(lang)),
            crate::list::rows::lowercase(last)
        ),
        (Lang::ZhCn, None) => format!("{last}内有 {n} 项变更。"),
        (Lang::ZhCn, Some(kind)) => format!("{last}内有 {n} 项{}变更。", kind.words(lang)),
    };
    if !failed.is_empty() {
        let list = failed.join(lang.pick("; ", "；"));
        text += &match (lang, failed.len()) {
            (Lang::En, 1) => format!(" Could not be read: {list}."),
            (Lang::En, n) => format!(" {n} could not be read: {list}."),
            (Lang::ZhCn, _) => format!("无法读取：{list}。"),
        };
    }
    if !in_part.is_empty() {
        let list = in_part.join(lang.pick("; ", "；"));
        let most = crate::paging::group_thousands(u64::from(MAX_PAGES * MAX_ITEMS_PER_PAGE));
        text += &match lang {
            Lang::En => format!(" Read in part (more than {most} changes in the period): {list}."),
            Lang::ZhCn => format!("仅读取了部分（该时间范围内超过 {most} 项变更）：{list}。"),
        };
    }
    if let Some((read, of)) = unread {
        text += &match lang {
            Lang::En => format!(" So far: {read} of {of} projects read."),
            Lang::ZhCn => format!("目前已读取 {of} 个项目中的 {read} 个。"),
        };
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::ApiError;
    use crate::coverage::run::Run;
    use crate::list::rows::tests::rows;
    use atlas_panel_common::endpoint::List;

    #[test]
    fn a_period_is_counted_back_in_hours_to_the_minute() {
        // 2026-12-07T07:05:45Z
        let now_ms = 1_796_627_145_000.0;
        assert_eq!(Period::Week.since(now_ms), "2026-11-30T07:05:00Z");
        assert_eq!(Period::Day.since(now_ms), "2026-12-06T07:05:00Z");
        assert_eq!(Period::Month.since(now_ms), "2026-11-07T07:05:00Z");
        assert_eq!(Period::from_tag(Some("30d")), Period::Month);
        assert_eq!(Period::from_tag(Some("1y")), Period::Week);
        assert_eq!(Period::from_tag(None), Period::Week);
    }

    fn feed(list: List, events: &str) -> ProjectState {
        ProjectState::ReadChanges {
            changes: rows(list, events),
            whole: true,
        }
    }

    #[test]
    fn feeds_are_merged_newest_first_each_change_once_in_words() {
        let mut run = Run::new([
            ("o".to_string(), String::new()),
            ("p1".to_string(), "payments <b>".to_string()),
            ("p2".to_string(), "search".to_string()),
        ]);
        run.start_next(0.0);
        run.finish(0, Ok(feed(List::OrgEvents, r#"[
            {"id":"e3","created":"2026-12-07T03:00:00Z","eventTypeName":"TEAM_ADDED_TO_GROUP","groupId":"p1","teamId":"t1","username":"ada"},
            {"id":"e9","created":"2026-12-01T00:00:00Z","eventTypeName":"JOINED_TEAM","teamId":"t2","targetUsername":"bo","username":"ada"}
        ]"#)), 0.0);
        run.finish(1, Ok(feed(List::ProjectEvents, r#"[
            {"id":"e4","created":"2026-12-07T03:00:01Z","eventTypeName":"TEAM_ROLES_MODIFIED","groupId":"p1","teamId":"t1","username":"ada"},
            {"id":"e3","created":"2026-12-07T03:00:02Z","eventTypeName":"TEAM_ADDED_TO_GROUP","groupId":"p1","teamId":"t1","username":"ada"},
            {"id":"e1","created":"2026-12-02T00:00:00Z","eventTypeName":"INTEGRATION_REMOVED","groupId":"p1","publicKey":"qpwnzcvd"}
        ]"#)), 0.0);
        run.finish(2, Err(ApiError::NotJson { status: 502 }), 0.0);
        let team = |id: &str| (id == "t1").then(|| "Payments".to_string());
        let all = merged(run.rows(), None, Lang::En, &team);
        let ids: Vec<&str> = all.iter().map(|c| c.text("id")).collect();
        assert_eq!(ids, ["e3", "e4", "e1", "e9"]);
        assert_eq!(
            all[0].text("created"),
            "2026-12-07T03:00:02Z",
            "the newest copy"
        );
        assert_eq!(all[0].text("team"), "Payments");
        assert_eq!(all[0].text("groupName"), "payments <b>");
        assert_eq!(all[2].text("who"), "API key qpwnzcvd");
        assert_eq!(all[2].text("words"), "Integration removed");
        assert_eq!(all[2].text("kind"), "integrations");
        assert_eq!(
            all[3].text("team"),
            "t2",
            "a team not among the organization's by its ID"
        );
        assert_eq!(all[3].opt_text("groupName"), None);
        let teams = merged(run.rows(), Some(ChangeKind::Teams), Lang::En, &team);
        assert_eq!(teams.len(), 3);
        let failed = failures(run.rows(), Lang::En);
        assert_eq!(failed.len(), 1);
        assert!(failed[0].starts_with("search ("), "{failed:?}");
        assert_eq!(
            summary(3, None, Period::Week, &[], &[], None, Lang::En),
            "3 changes in the last 7 days."
        );
        assert_eq!(
            summary(
                1,
                Some(ChangeKind::AlertSettings),
                Period::Day,
                &failed,
                &[],
                None,
                Lang::En
            ),
            format!(
                "1 change to alert settings in the last 24 hours. Could not be read: {}.",
                failed[0]
            )
        );
        assert_eq!(
            summary(
                57,
                Some(ChangeKind::Teams),
                Period::Month,
                &[],
                &[],
                None,
                Lang::ZhCn
            ),
            "最近 30 天内有 57 项团队变更。"
        );
        assert_eq!(
            summary(12, None, Period::Week, &[], &[], Some((9, 140)), Lang::En),
            "12 changes in the last 7 days. So far: 9 of 140 projects read."
        );
    }

    #[test]
    fn a_feed_cut_at_the_pages_the_panel_reads_is_said_to_be_read_in_part() {
        let mut run = Run::new([
            ("o".to_string(), String::new()),
            ("p1".to_string(), "payments".to_string()),
            ("p2".to_string(), "search".to_string()),
        ]);
        run.start_next(0.0);
        let cut = || ProjectState::ReadChanges {
            changes: Vec::new(),
            whole: false,
        };
        run.finish(0, Ok(cut()), 0.0);
        run.finish(1, Ok(cut()), 0.0);
        run.finish(2, Ok(feed(List::ProjectEvents, "[]")), 0.0);
        let in_part = read_in_part(run.rows(), Lang::En);
        assert_eq!(in_part, ["the organization's own feed", "payments"]);
        assert_eq!(
            summary(50_000, None, Period::Month, &[], &in_part, None, Lang::En),
            "50,000 changes in the last 30 days. Read in part (more than 50,000 changes in the \
             period): the organization's own feed; payments."
        );
        assert_eq!(
            summary(
                9,
                None,
                Period::Day,
                &[],
                &read_in_part(run.rows(), Lang::ZhCn),
                None,
                Lang::ZhCn
            ),
            "最近 24 小时内有 9 项变更。仅读取了部分（该时间范围内超过 50,000 项变更）：组织自身的活动记录；payments。"
        );
    }
}
