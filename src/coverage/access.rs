//! What the access matrix shows of a run over a project's teams: one column per team that
//! holds a role anywhere in the organization, each cell the team's roles in that project, and
//! the CSV. Plain functions over the run's rows.

use crate::coverage::run::ProjectTeam;
use crate::coverage::run::{ProjectRow, ProjectState};
use crate::i18n::Lang;
use crate::labels::role_names;
use crate::list::export::csv_line;

/// The teams that hold a role in some project read so far, by ID, in the order they were
/// first met; only `team` when one is picked.
pub fn team_columns(rows: &[ProjectRow], team: &str) -> Vec<String> {
    let mut columns: Vec<String> = Vec::new();
    for teams in rows.iter().filter_map(read_teams) {
        for found in teams {
            let picked = team.is_empty() || found.team_id == team;
            if picked && !found.roles.is_empty() && !columns.contains(&found.team_id) {
                columns.push(found.team_id.clone());
            }
        }
    }
    if !team.is_empty() && columns.is_empty() {
        columns.push(team.to_string());
    }
    columns
}

fn read_teams(row: &ProjectRow) -> Option<&[ProjectTeam]> {
    match &row.state {
        ProjectState::ReadTeams(teams) => Some(teams),
        _ => None,
    }
}

/// A team's roles in a project, API names: `None` until the project is read, empty when the
/// team holds none there.
pub fn roles<'a>(row: &'a ProjectRow, team_id: &str) -> Option<&'a [String]> {
    let teams = read_teams(row)?;
    Some(
        teams
            .iter()
            .find(|team| team.team_id == team_id)
            .map_or(&[][..], |team| &team.roles[..]),
    )
}

/// The words of a cell: the roles by the Atlas UI's names, or "none".
pub fn cell_text(roles: &[String], lang: Lang) -> String {
    if roles.is_empty() {
        lang.pick("none", "无").to_string()
    } else {
        role_names(roles, lang)
    }
}

/// The rows shown, as a CSV file (UTF-8 with a byte order mark, CRLF, cells quoted and
/// defused as the list exports do): project, ID, status, then one column per team, headed by
/// its name (its ID when it has none), holding its roles' API names joined by spaces.
pub fn csv(
    rows: &[ProjectRow],
    shown: &[usize],
    columns: &[String],
    name_of: &dyn Fn(&str) -> Option<String>,
) -> String {
    let header = ["project", "projectId", "status"]
        .into_iter()
        .map(String::from)
        .chain(
            columns
                .iter()
                .map(|id| name_of(id).unwrap_or_else(|| id.clone())),
        );
    let mut out = String::from("\u{feff}");
    out += &csv_line(header);
    for row in shown.iter().filter_map(|&index| rows.get(index)) {
        let fixed = [row.name.clone(), row.id.clone(), row.state.csv_word()];
        let cells = columns.iter().map(|team| {
            roles(row, team)
                .map(|roles| roles.join(" "))
                .unwrap_or_default()
        });
        out += &csv_line(fixed.into_iter().chain(cells));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::ApiError;
    use crate::coverage::report::{counts, shown, summary_text};
    use crate::coverage::run::Run;
    use crate::coverage::Matrix;

    fn team(id: &str, roles: &[&str]) -> ProjectTeam {
        ProjectTeam {
            team_id: id.into(),
            name: None,
            roles: roles.iter().map(|role| role.to_string()).collect(),
        }
    }

    /// Four projects: prod (Platform owns, Payments reads), dev (Platform manages clusters),
    /// one no team reaches, one that answered 403.
    fn rows() -> Vec<ProjectRow> {
        let mut run = Run::new(
            ["prod", "dev", "lonely", "=forbidden"]
                .iter()
                .enumerate()
                .map(|(i, name)| (format!("{i:024x}"), name.to_string())),
        );
        run.start_next(0.0);
        run.finish(
            0,
            Ok(vec![
                team("t-platform", &["GROUP_OWNER"]),
                team("t-payments", &["GROUP_READ_ONLY"]),
            ]
            .into()),
            0.0,
        );
        run.finish(
            1,
            Ok(vec![team("t-platform", &["GROUP_CLUSTER_MANAGER"])].into()),
            0.0,
        );
        run.finish(2, Ok(Vec::<ProjectTeam>::new().into()), 0.0);
        run.start_next(0.0);
        let forbidden = ApiError::Atlas {
            status: 403,
            reason: None,
            error_code: Some("NOT_IN_GROUP".into()),
            detail: None,
            retry_after: None,
        };
        run.finish(3, Err(forbidden), 0.0);
        run.rows().to_vec()
    }

    #[test]
    fn one_column_per_team_with_a_role_or_the_one_picked() {
        let rows = rows();
        assert_eq!(team_columns(&rows, ""), ["t-platform", "t-payments"]);
        assert_eq!(team_columns(&rows, "t-payments"), ["t-payments"]);
        // A team in no project still has its column when picked: every cell says none.
        assert_eq!(team_columns(&rows, "t-bench"), ["t-bench"]);
        assert_eq!(
            roles(&rows[0], "t-platform"),
            Some(&["GROUP_OWNER".to_string()][..])
        );
        assert_eq!(roles(&rows[1], "t-payments"), Some(&[][..]));
        assert_eq!(roles(&rows[3], "t-platform"), None);
        assert_eq!(
            cell_text(&["GROUP_OWNER".into(), "GROUP_X".into()], Lang::En),
            "Project Owner, GROUP_X"
        );
        assert_eq!(cell_text(&[], Lang::ZhCn), "无");
    }

    #[test]
    fn only_projects_where_a_team_is_project_owner_and_the_summary_says_how_many() {
        let rows = rows();
        assert_eq!(
            shown(&rows, "", Some((Matrix::Access, "")), false, None),
            [0]
        );
        assert_eq!(
            shown(&rows, "", Some((Matrix::Access, "t-platform")), false, None),
            [0]
        );
        assert!(shown(&rows, "", Some((Matrix::Access, "t-payments")), false, None).is_empty());
        assert_eq!(shown(&rows, "", None, false, None), [0, 1, 2, 3]);
        assert_eq!(
            summary_text(Matrix::Access, counts(&rows), Lang::En),
            "1 of 4 projects has a team that is Project Owner. 1 project could not be read."
        );
        assert_eq!(
            summary_text(Matrix::Access, counts(&rows), Lang::ZhCn),
            "4 个项目中有 1 个有担任项目所有者的团队。1 个项目无法读取。"
        );
    }

    #[test]
    fn the_csv_names_teams_and_holds_the_api_s_role_names() {
        let rows = rows();
        let name_of = |id: &str| (id == "t-platform").then(|| "=Platform".to_string());
        let csv = csv(&rows, &[0, 1, 3], &team_columns(&rows, ""), &name_of);
        let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').split("\r\n").collect();
        assert_eq!(lines[0], "project,projectId,status,'=Platform,t-payments");
        assert_eq!(
            lines[1],
            format!("prod,{:024x},read,GROUP_OWNER,GROUP_READ_ONLY", 0)
        );
        assert_eq!(
            lines[2],
            format!("dev,{:024x},read,GROUP_CLUSTER_MANAGER,", 1)
        );
        assert!(
            lines[3].starts_with(&format!("'=forbidden,{:024x},", 3)),
            "{}",
            lines[3]
        );
        assert_eq!(lines[4], "");
    }
}
