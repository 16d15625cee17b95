// How the Spend and CAC screen words and colours what the Rust side reports: the alerts, the
// share of a cap used, the summary of alerts.

import type { CampaignCap } from "../bindings/CampaignCap";

/** The alerts `cac_report` gives, with their colour. */
export const ALERT_COLORS: Record<string, string> = {
  fine: "teal",
  "near cap": "orange",
  "over cap": "red",
  "no audience": "gray",
};

/** The colour of a share of a cap used: orange from 80%, red from 100%. */
export function shareColor(share: number): string {
  if (share >= 1) return "red";
  if (share >= 0.8) return "orange";
  return "teal";
}

export function alertCounts(campaigns: readonly CampaignCap[]): { over: number; near: number; noAudience: number } {
  const count = (alert: string) => campaigns.filter((c) => c.alert === alert).length;
  return { over: count("over cap"), near: count("near cap"), noAudience: count("no audience") };
}

/** "2 campaigns over their cap, 1 near it". */
export function alertSummary(over: number, near: number): string {
  const overText = over === 1 ? "1 campaign over its cap" : `${String(over)} campaigns over their cap`;
  return `${overText}, ${String(near)} near it`;
}
