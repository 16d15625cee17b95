// Words for templates, their layers, prospects and render issues.

import type { EmailTemplate } from "../bindings/EmailTemplate";
import type { ProspectOption } from "../bindings/ProspectOption";
import type { RenderIssue } from "../bindings/RenderIssue";
import type { TemplateLayer } from "../bindings/TemplateLayer";

/** A layer's offset as it reads beside the field: "2 h later", "1 day 3 h later", "at the same time". */
export function offsetText(minutes: number): string {
  if (!Number.isFinite(minutes) || minutes <= 0) return "at the same time";
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = Math.floor(minutes % 60);
  const parts = [
    days > 0 ? `${days} ${days === 1 ? "day" : "days"}` : "",
    hours > 0 ? `${hours} h` : "",
    rest > 0 ? `${rest} min` : "",
  ].filter((part) => part !== "");
  return `${parts.join(" ")} later`;
}

/** "Layer 2 · VP's forward": layers are numbered from 1, innermost first, as the issues count them. */
export function layerTitle(index: number, label: string): string {
  const number = `Layer ${index + 1}`;
  return label.trim() === "" ? number : `${number} · ${label}`;
}

const FIELDS: Record<string, string> = {
  subject: "subject",
  body: "body",
  from_name: "from name",
  from_address: "from address",
  to: "to",
};

/** Where an issue is: "Layer 2 · VP's forward · body line 3". */
export function issuePlace(issue: RenderIssue): string {
  const field = FIELDS[issue.field] ?? issue.field;
  return `${layerTitle(issue.layer, issue.layerLabel)} · ${field} line ${issue.line}`;
}

export function isError(issue: RenderIssue): boolean {
  return issue.severity === "error";
}

export function countText(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** A prospect as the picker lists it: "Maria Keller · Helio Energy" (the domain when the company is unknown). */
export function prospectLabel(prospect: ProspectOption): string {
  const company = prospect.company || prospect.domain;
  return company === "" ? prospect.name : `${prospect.name} · ${company}`;
}

const LAYER_KEYS: readonly (keyof TemplateLayer)[] = [
  "label",
  "fromName",
  "fromAddress",
  "to",
  "offsetMinutes",
  "subject",
  "body",
];

/** "Double forward copy", or "Double forward copy 2" when that is taken. */
export function copyName(name: string, taken: readonly string[]): string {
  const base = `${name} copy`;
  if (!taken.includes(base)) return base;
  let n = 2;
  while (taken.includes(`${base} ${n}`)) n += 1;
  return `${base} ${n}`;
}

/** Same content: the editor compares the draft with the saved template to know whether anything changed. */
export function sameTemplate(a: EmailTemplate, b: EmailTemplate): boolean {
  return (
    a.name === b.name &&
    a.layers.length === b.layers.length &&
    a.layers.every((layer, i) => {
      const other = b.layers[i];
      return other !== undefined && LAYER_KEYS.every((key) => layer[key] === other[key]);
    })
  );
}
