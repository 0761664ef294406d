// config.json, then the list, then the same table markup as the panel's integrations table,
// with plain DOM calls and nothing else.
const NAMES = {
  PAGER_DUTY: "PagerDuty", SLACK: "Slack", DATADOG: "Datadog", OPS_GENIE: "Opsgenie", VICTOR_OPS: "VictorOps",
  WEBHOOK: "Webhook", MICROSOFT_TEAMS: "Microsoft Teams", PROMETHEUS: "Prometheus", NEW_RELIC: "New Relic", FLOWDOCK: "Flowdock",
};
const label = (name) => name.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/^./, (c) => c.toUpperCase());
const project = new URLSearchParams(location.search).get("project");
const config = await (await fetch("config.json")).json();
const base = new URL(config.apiBase ?? "api", document.baseURI).href.replace(/\/$/, "");
const response = await fetch(`${base}/atlas/v1.0/groups/${project}/integrations?pageNum=1&itemsPerPage=100&includeCount=true`);
const page = await response.json();
const table = document.createElement("table");
table.className = "results";
table.createCaption().textContent = `Integrations of project ${project}: 1–${page.results.length} of ${page.totalCount}`;
const head = table.createTHead().insertRow();
for (const name of ["Type", "Region", "Alerts", "Settings"]) {
  const th = document.createElement("th");
  th.scope = "col";
  th.textContent = name;
  head.appendChild(th);
}
const body = table.createTBody();
for (const integration of page.results) {
  const row = body.insertRow();
  const th = document.createElement("th");
  th.scope = "row";
  const badge = document.createElement("span");
  badge.className = `badge badge-${integration.type.toLowerCase().replaceAll("_", "-")}`;
  badge.textContent = NAMES[integration.type] ?? integration.type;
  th.appendChild(badge);
  row.appendChild(th);
  const region = row.insertCell();
  region.className = "region";
  region.textContent = integration.region ?? "—";
  row.insertCell().className = "alerts";
  const settings = document.createElement("dl");
  settings.className = "settings";
  for (const [name, value] of Object.entries(integration)) {
    if (name === "type" || name === "region") continue;
    const dt = document.createElement("dt");
    dt.textContent = name === "id" ? "ID" : label(name);
    const dd = document.createElement("dd");
    dd.textContent = typeof value === "string" ? value : JSON.stringify(value);
    settings.append(dt, dd);
  }
  row.insertCell().appendChild(settings);
}
document.getElementById("main").appendChild(table);
