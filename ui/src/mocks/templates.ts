// Email templates and prospects for the browser mock and the tests: the built-in "double forward"
// template (the text of assets/templates/double-forward.json), a handful of prospects (one whose
// company was never resolved) and a naive renderer shaped like switchboard-core's `template::render`:
// same variables, same issue messages and order, same nesting and dates. It only substitutes
// `{{ variable | filter }}`; it must not grow into a Liquid implementation — the app's preview is the truth.

import type { EmailTemplate } from "../bindings/EmailTemplate";
import type { ProspectOption } from "../bindings/ProspectOption";
import type { RenderedEmail } from "../bindings/RenderedEmail";
import type { RenderIssue } from "../bindings/RenderIssue";
import type { TemplateExport } from "../bindings/TemplateExport";
import type { TemplateLayer } from "../bindings/TemplateLayer";
import type { ExportFormat } from "../ipc";

export const BUILT_IN_TEMPLATE = "Double forward";

/** The template Switchboard ships: the bot's notice, forwarded by the VP, forwarded by the rep. */
export function defaultTemplate(): EmailTemplate {
  return {
    name: BUILT_IN_TEMPLATE,
    layers: [
      {
        label: "Bot notice",
        fromName: "{{ sender.bot.name }}",
        fromAddress: "{{ sender.bot.email }}",
        to: "{{ sender.vp.email }}",
        offsetMinutes: 0,
        subject: "New domain identified: {{ company.domain }}",
        body: `A new company is reading our site.

Company: {{ company.name }} ({{ company.domain }})
Industry: {{ company.industry | default: "not known yet" }}
Employees: {{ company.employees | default: "not known yet" }}
Their site runs on: {{ company.technologies | sentence | default: "nothing we could detect" }}
Fit: {{ score.fit_segment | default: "not scored yet" }}, because of {{ score.signals | sentence | default: "no signals yet" }}

First visit: {{ visit.first_seen | default: "in the last few days" }}, {{ visit.pages | default: "a few" }} pages so far.
Suggested contact: {{ prospect.name }}, {{ prospect.title }}.`,
      },
      {
        label: "VP's forward",
        fromName: "{{ sender.vp.name }}",
        fromAddress: "{{ sender.vp.email }}",
        to: "{{ sender.rep.email }}",
        offsetMinutes: 41,
        subject: "Fwd: New domain identified: {{ company.domain }}",
        body: `{{ sender.rep.first_name }}, this one looks promising. Could you reach out to {{ prospect.first_name }} at {{ company.name }} today? Keep it short and personal.

{{ sender.vp.first_name }}`,
      },
      {
        label: "Rep's forward",
        fromName: "{{ sender.rep.name }}",
        fromAddress: "{{ sender.rep.email }}",
        to: "{{ prospect.email }}",
        offsetMinutes: 96,
        subject: "Fwd: Fwd: New domain identified: {{ company.domain }}",
        body: `Hi {{ prospect.first_name }},

I'll be honest: our VP of Growth forwarded me the note below this morning, so I thought it fairer to show it to you than to pretend I found {{ company.name }} on my own.

If you are looking at tools like ours, would 20 minutes next week help? I can show how teams in {{ company.industry | default: "your field" }} set it up, and answer anything the site didn't.

If the timing is wrong, just say so and I won't follow up.

{{ sender.rep.first_name }}`,
      },
    ],
  };
}

/** A saved variation of the default, with a shorter note from the rep. */
export function shortNoteTemplate(): EmailTemplate {
  const [bot, vp, rep] = defaultTemplate().layers as [TemplateLayer, TemplateLayer, TemplateLayer];
  return {
    name: "Double forward, short note",
    layers: [
      bot,
      { ...vp, offsetMinutes: 15 },
      {
        ...rep,
        offsetMinutes: 60,
        subject: "Fwd: {{ company.name }}",
        body: "{{ prospect.first_name }}, this came through about {{ company.name }} (below). Worth a quick call?\n\n{{ sender.rep.first_name }}",
      },
    ],
  };
}

// ---- Prospects -------------------------------------------------------------------------------

interface ProspectRecord {
  option: ProspectOption;
  industry: string | null;
  employees: number | null;
  country: string | null;
  technologies: string[];
  firstVisitHoursAgo: number;
  pages: number;
  fitSegment: string | null;
  score: number | null;
  signals: string[];
}

type Details = Omit<ProspectRecord, "option">;

function prospect(id: number, name: string, title: string, email: string, company: string, details: Details): ProspectRecord {
  const domain = email.slice(email.indexOf("@") + 1);
  return { option: { id, name, title, email, company, domain }, ...details };
}

/** Newest first, as `prospects` lists them for an empty query. */
const PROSPECTS: readonly ProspectRecord[] = [
  prospect(201, "Maria Keller", "Head of Operations", "maria.keller@helio-energy.de", "Helio Energy", {
    industry: "Renewables", employees: 860, country: "DE", technologies: ["HubSpot", "WordPress"],
    firstVisitHoursAgo: 50, pages: 14, fitSegment: "very good", score: 88, signals: ["pricing page visits", "Renewables", "HubSpot"],
  }),
  prospect(202, "Sam Okafor", "VP Engineering", "sam.okafor@brightpath.io", "Brightpath", {
    industry: "Software", employees: 140, country: "GB", technologies: ["Intercom", "Stripe", "Next.js", "Segment"],
    firstVisitHoursAgo: 75, pages: 9, fitSegment: "good", score: 76, signals: ["docs visits", "Segment"],
  }),
  prospect(203, "Ada Brooks", "Founder", "ada@tessera.ai", "", {
    industry: null, employees: null, country: null, technologies: ["Vercel", "PostHog"],
    firstVisitHoursAgo: 20, pages: 4, fitSegment: null, score: null, signals: [],
  }),
  prospect(204, "Priya Raman", "Director of Data", "priya.raman@northwindlogistics.com", "Northwind Logistics", {
    industry: "Logistics", employees: 4200, country: "US", technologies: ["Salesforce", "Segment", "Snowflake"],
    firstVisitHoursAgo: 120, pages: 31, fitSegment: "very good", score: 92, signals: ["pricing page visits", "4,200 employees", "Snowflake"],
  }),
  prospect(205, "Owen Hart", "Managing Editor", "owen@quillandink.co", "Quill & Ink", {
    industry: "Publishing", employees: 45, country: "CA", technologies: [],
    firstVisitHoursAgo: 160, pages: 3, fitSegment: "low", score: 31, signals: ["blog visits"],
  }),
  prospect(206, "Jonas Varga", "CFO", "j.varga@lumenfinance.com", "Lumen Finance", {
    industry: "Financial services", employees: 2300, country: "NL", technologies: ["Salesforce", "Marketo", "Okta"],
    firstVisitHoursAgo: 210, pages: 6, fitSegment: "medium", score: 58, signals: ["security page visits"],
  }),
];

/** The prospect whose company was never resolved: the default template has 3 errors for them. */
export const UNRESOLVED_PROSPECT = 203;
/** The prospect without known technologies: a warning (a fallback used), but ready. */
export const NO_STACK_PROSPECT = 205;

/** Prospects whose name, email, company or domain contains `query`, newest first. */
export function searchProspects(query: string, limit: number): ProspectOption[] {
  const needle = query.trim().toLowerCase();
  return PROSPECTS.map((p) => p.option)
    .filter((p) => needle === "" || [p.name, p.email, p.company, p.domain].some((v) => v.toLowerCase().includes(needle)))
    .slice(0, limit);
}

export function findProspect(id: number): ProspectOption | undefined {
  return PROSPECTS.find((p) => p.option.id === id)?.option;
}

/** Switchboard's default senders, as the app uses them until the workspace names its own. */
function person(name: string, email: string) {
  return { name, first_name: name.split(" ")[0] ?? "", email };
}
const SENDER = {
  bot: person("Switchboard Bot", "bot@switchboard.example"),
  vp: person("Alex Morgan", "alex@switchboard.example"),
  rep: person("Casey Lindgren", "casey@switchboard.example"),
};

/** What the template's variables hold for one prospect (switchboard-core's `template::variables`). */
function variablesFor(record: ProspectRecord, now: Date): Record<string, unknown> {
  const { option } = record;
  const [firstName = "", ...rest] = option.name.split(" ");
  return {
    prospect: { name: option.name, first_name: firstName, last_name: rest.join(" "), title: option.title, email: option.email },
    company: {
      name: option.company,
      domain: option.domain,
      employees: record.employees,
      industry: record.industry,
      country: record.country,
      technologies: record.technologies,
    },
    visit: { first_seen: forwardDate(new Date(now.getTime() - record.firstVisitHoursAgo * 3_600_000)), pages: record.pages },
    score: { fit_segment: record.fitSegment, score: record.score, signals: record.signals.slice(0, 3) },
    sender: SENDER,
  };
}

// ---- The naive renderer ----------------------------------------------------------------------

const FIELDS = [
  ["from_name", "fromName"],
  ["from_address", "fromAddress"],
  ["to", "to"],
  ["subject", "subject"],
  ["body", "body"],
] as const;

type Field = (typeof FIELDS)[number][0];

const ROOTS = ["prospect", "company", "visit", "score", "sender"];

/** Liquid's blank: nothing, an empty string or an empty list. */
function isBlank(value: unknown): boolean {
  return value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0);
}

function asText(value: unknown): string {
  if (Array.isArray(value)) return value.map(asText).join("");
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return "";
}

function sentence(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  const items = value.map(asText);
  if (items.length < 2) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1] ?? ""}`;
}

function lookup(variables: Record<string, unknown>, path: string): { known: boolean; value: unknown } {
  const [root = "", ...steps] = path.split(".");
  if (!ROOTS.includes(root)) return { known: false, value: undefined };
  let value: unknown = variables[root];
  for (const step of steps) {
    if (typeof value !== "object" || value === null || !(step in value)) return { known: false, value: undefined };
    value = (value as Record<string, unknown>)[step];
  }
  return { known: true, value };
}

function literal(text: string): string | undefined {
  const match = /^"([^"]*)"$|^'([^']*)'$/.exec(text.trim());
  return match ? (match[1] ?? match[2] ?? "") : undefined;
}

/** Renders one field's `{{ }}` outputs, adding what went wrong to `issues`. Tags are left out. */
function renderField(
  source: string,
  variables: Record<string, unknown>,
  place: { layer: number; layerLabel: string; field: Field },
  issues: RenderIssue[],
): string {
  const issue = (at: number, severity: "error" | "warning", variable: string | null, message: string) => {
    const before = source.slice(0, at);
    issues.push({
      severity,
      ...place,
      line: before.split("\n").length,
      column: at - before.lastIndexOf("\n"),
      variable,
      message,
    });
  };
  let out = "";
  let at = 0;
  for (;;) {
    const found = /\{\{|\{%/.exec(source.slice(at));
    if (!found) break;
    const start = at + found.index;
    const tag = found[0] === "{%";
    const end = source.indexOf(tag ? "%}" : "}}", start + 2);
    out += source.slice(at, start);
    if (end < 0) {
      issue(start, "error", null, `Liquid syntax error: \`${found[0]}\` is never closed`);
      return "";
    }
    const inside = source.slice(start + 2, end);
    at = end + 2;
    if (tag) continue;
    const [head = "", ...filters] = inside.split("|").map((part) => part.trim());
    const resolved = lookup(variables, head);
    if (!resolved.known) {
      issue(start, "error", head, `\`${head}\` is not a variable; use one of prospect.*, company.*, visit.*, score.* or sender.*`);
      continue;
    }
    let value = resolved.value;
    const hasDefault = filters.some((f) => f.startsWith("default"));
    if (isBlank(value)) {
      issue(
        start,
        hasDefault ? "warning" : "error",
        head,
        hasDefault
          ? `\`${head}\` is empty; the fallback was used`
          : `\`${head}\` is empty and has no fallback; add \`| default: "..."\` or fill it in`,
      );
    }
    for (const filter of filters) {
      const [name = "", argument = ""] = filter.split(/:(.*)/s).map((part) => part.trim());
      if (name === "sentence") value = sentence(value);
      else if (name === "first_name") value = asText(value).split(" ")[0] ?? "";
      else if (name === "upcase") value = asText(value).toUpperCase();
      else if (name === "downcase") value = asText(value).toLowerCase();
      else if (name === "default" && isBlank(value)) value = literal(argument) ?? "";
    }
    out += asText(value);
  }
  return out + source.slice(at);
}

interface RenderedLayer {
  from_name: string;
  from_address: string;
  to: string;
  subject: string;
  body: string;
  date: Date;
}

/** The outermost layer is sent at `now`, each inner one its offset earlier. */
function renderLayers(template: EmailTemplate, variables: Record<string, unknown>, now: Date) {
  const issues: RenderIssue[] = [];
  const { layers } = template;
  const dates = layers.map(() => now.getTime());
  for (let i = layers.length - 2; i >= 0; i--) {
    dates[i] = (dates[i + 1] ?? now.getTime()) - Math.max(0, layers[i + 1]?.offsetMinutes ?? 0) * 60_000;
  }
  const rendered = layers.map((layer, index): RenderedLayer => {
    const place = { layer: index, layerLabel: layer.label };
    const text = (field: Field, key: keyof TemplateLayer) => {
      const out = renderField(String(layer[key]), variables, { ...place, field }, issues);
      return field === "body" ? out.trimEnd() : out.trim();
    };
    const [fromName, fromAddress, to, subject, body] = FIELDS.map(([field, key]) => text(field, key));
    return {
      from_name: fromName ?? "",
      from_address: fromAddress ?? "",
      to: to ?? "",
      subject: subject ?? "",
      body: body ?? "",
      date: new Date(dates[index] ?? now.getTime()),
    };
  });
  return { layers: rendered, issues };
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/** "Sat, Jun 14, 2025 at 3:30 PM" (UTC), as mail clients date a forward. */
function forwardDate(date: Date): string {
  const hours = date.getUTCHours();
  const minutes = String(date.getUTCMinutes()).padStart(2, "0");
  const clock = `${String(hours % 12 === 0 ? 12 : hours % 12)}:${minutes} ${hours < 12 ? "AM" : "PM"}`;
  const day = `${WEEKDAYS[date.getUTCDay()] ?? ""}, ${MONTHS[date.getUTCMonth()] ?? ""} ${String(date.getUTCDate())}`;
  return `${day}, ${String(date.getUTCFullYear())} at ${clock}`;
}

function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/** `Name <address>`, or whichever of the two there is. */
function mailbox(name: string, address: string): string {
  if (name === "") return address;
  if (address === "") return name;
  return `${name} <${address}>`;
}

const FORWARDED = "---------- Forwarded message ---------";

/** The header block of a forwarded message: each line's label and value. */
function forwardHeader(from: string, date: string, subject: string, to: string): [string, string][] {
  return [
    ["From", from],
    ["Date", date],
    ["Subject", subject],
    ["To", to],
  ];
}

function headerText(lines: [string, string][]): string {
  return [FORWARDED, ...lines.map(([label, value]) => `${label}: ${value}`)].join("\n");
}

/** The outermost layer's body, each inner one below it as a forwarded message. */
function nestText(layers: readonly RenderedLayer[]): string {
  let text = "";
  for (let i = layers.length - 1; i >= 0; i--) {
    const layer = layers[i];
    if (!layer) continue;
    if (i + 1 < layers.length) {
      const from = mailbox(layer.from_name, layer.from_address);
      text += `\n\n${headerText(forwardHeader(from, forwardDate(layer.date), layer.subject, layer.to))}\n\n`;
    }
    text += layer.body;
  }
  return `${text}\n`;
}

function paragraphs(body: string): string {
  return body
    .split("\n\n")
    .filter((p) => p.trim() !== "")
    .map((p) => `<p>${escapeHtml(p.replace(/^\n+|\n+$/g, "")).replaceAll("\n", "<br>\n")}</p>`)
    .join("\n");
}

const EMAIL_STYLE =
  "body{font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:1.45;color:#222;margin:16px}" +
  ".forward{color:#555;margin:18px 0 10px}p{margin:0 0 10px}";

function nestHtml(layers: readonly RenderedLayer[]): string {
  let inner = "";
  for (let i = layers.length - 1; i >= 0; i--) {
    const layer = layers[i];
    if (!layer) continue;
    if (i + 1 < layers.length) {
      const from = `<b>${escapeHtml(layer.from_name)}</b> &lt;${escapeHtml(layer.from_address)}&gt;`;
      const date = escapeHtml(forwardDate(layer.date));
      const lines = forwardHeader(from, date, escapeHtml(layer.subject), escapeHtml(layer.to));
      const header = [FORWARDED, ...lines.map(([label, value]) => `${label}: ${value}`)].join("<br>\n");
      inner += `<div class="forward">${header}<br></div>\n`;
    }
    inner += `${paragraphs(layer.body)}\n`;
  }
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<style>${EMAIL_STYLE}</style></head>
<body>
${inner}</body></html>
`;
}

/** The email `template` makes for prospect `id`, sent at `now`; undefined for an unknown prospect. */
export function renderTemplate(template: EmailTemplate, id: number, now: Date): RenderedEmail | undefined {
  const record = PROSPECTS.find((p) => p.option.id === id);
  if (!record) return undefined;
  const { layers, issues } = renderLayers(template, variablesFor(record, now), now);
  if (template.layers.length === 0) {
    issues.push({
      severity: "error",
      layer: 0,
      layerLabel: "",
      field: "body",
      line: 1,
      column: null,
      variable: null,
      message: "the template has no layers; add at least the innermost message",
    });
  }
  const outer = layers[layers.length - 1];
  return {
    from: outer ? mailbox(outer.from_name, outer.from_address) : "",
    to: outer?.to ?? "",
    subject: outer?.subject ?? "",
    date: now.toISOString(),
    text: nestText(layers),
    html: nestHtml(layers),
    issues,
    ready: issues.every((i) => i.severity !== "error"),
  };
}

/** Customer.io's names: the prospect is the customer, the rest is data of the triggering event. */
function forCustomerIo(source: string): string {
  return source.replace(/\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g, (liquid) =>
    liquid
      .replace(/\bprospect\./g, "customer.")
      .replace(/\b(company|visit|score|sender)\./g, "event.$1.")
      .replace(/\|\s*sentence\b/g, '| join: ", "'),
  );
}

/** The export the app would make, or the sentence it refuses with when the email has errors. */
export function exportTemplate(
  template: EmailTemplate,
  id: number,
  format: ExportFormat,
  now: Date,
): TemplateExport | { refusal: string } | undefined {
  const email = renderTemplate(template, id, now);
  const option = findProspect(id);
  if (!email || !option) return undefined;
  const errors = email.issues.filter((i) => i.severity === "error").length;
  if (errors > 0) {
    return {
      refusal:
        `\`${template.name}\` has ${String(errors)} unresolved variable(s) or error(s) for ${option.email}; ` +
        "fix them before exporting",
    };
  }
  if (format === "eml") {
    const headers = [`From: ${email.from}`, `To: ${email.to}`, `Subject: ${email.subject}`, `Date: ${now.toUTCString()}`];
    return {
      fileName: `${option.email}.eml`,
      content: [...headers, "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "", email.text]
        .join("\n")
        .replaceAll("\n", "\r\n"),
      notes: [`Rendered for ${option.email} as if sent now; open it in a mail client to send a test.`],
    };
  }
  let body = "";
  for (let i = template.layers.length - 1; i >= 0; i--) {
    const layer = template.layers[i];
    if (!layer) continue;
    if (i + 1 < template.layers.length) {
      const from = forCustomerIo(mailbox(layer.fromName, layer.fromAddress));
      const date = `{{ event.dates.layer_${String(i)} }}`;
      body += `\n\n${headerText(forwardHeader(from, date, forCustomerIo(layer.subject), forCustomerIo(layer.to)))}\n\n`;
    }
    body += forCustomerIo(layer.body);
  }
  const outer = template.layers[template.layers.length - 1];
  return {
    fileName: `${template.name.replace(/[^A-Za-z0-9]/g, "-").toLowerCase()}.liquid`,
    content: `${body}\n`,
    notes: [
      `Subject: ${forCustomerIo(outer?.subject ?? "")}`,
      `From: ${forCustomerIo(mailbox(outer?.fromName ?? "", outer?.fromAddress ?? ""))}`,
      "Identify each prospect with the attributes email, name, first_name, last_name and title (customer.*).",
      "Send the event that triggers the campaign with data company, visit, score, sender and dates: " +
        "each forwarded layer's date line (event.*).",
    ],
  };
}
