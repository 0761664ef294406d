// The coverage run as a hand-written page would make it, with the panel's requests: the
// organization's projects, then each project's integrations and, where one can carry an alert,
// its alert configurations; `lanes` projects in flight; a row per project as it is read, and a
// <progress>. No filter, sort, words or reactive state: what is left is the browser's own cost
// of each request, the floor under the panel's figure at the same number of lanes.
const params = new URLSearchParams(location.search);
const org = params.get("org");
const lanes = Number(params.get("lanes") ?? 3);
const CHANNELS = new Set(["PAGER_DUTY", "SLACK", "DATADOG", "OPS_GENIE", "VICTOR_OPS", "WEBHOOK", "MICROSOFT_TEAMS"]);
const PAGE = "pageNum=1&itemsPerPage=500&includeCount=true";
const config = await (await fetch("config.json")).json();
const base = new URL(config.apiBase ?? "api", document.baseURI).href.replace(/\/$/, "");
const results = async (path) => {
  const response = await fetch(`${base}${path}?${PAGE}`, { headers: { Accept: "application/json" } });
  return response.ok ? (await response.json()).results : [];
};

const projects = await results(`/atlas/v1.0/orgs/${org}/groups`);
const progress = document.createElement("progress");
progress.id = "coverage-progress";
progress.max = projects.length;
progress.value = 0;
const table = document.createElement("table");
table.className = "coverage-table";
const body = table.createTBody();
document.getElementById("main").append(progress, table);

let next = 0;
async function lane() {
  while (next < projects.length) {
    const project = projects[next++];
    const integrations = await results(`/atlas/v1.0/groups/${project.id}/integrations`);
    const alerting = integrations.some((integration) => CHANNELS.has(integration.type))
      ? (await results(`/atlas/v1.0/groups/${project.id}/alertConfigs`)).some((alert) => alert.enabled)
      : false;
    const row = body.insertRow();
    row.insertCell().textContent = project.name;
    row.insertCell().textContent = integrations.map((integration) => integration.type).join(", ");
    row.insertCell().textContent = alerting ? "alerting" : "no alerting";
    progress.value += 1;
  }
}
await Promise.all(Array.from({ length: lanes }, lane));
