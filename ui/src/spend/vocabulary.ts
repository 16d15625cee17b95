// How the Spend and CAC screen words and colours what the Rust side reports: the alerts, the
// share of a cap used, the summary of alerts, the fit segments, the budget guard's modes and
// outcomes, the channel ladder's channels.

import type { CampaignCap } from "../bindings/CampaignCap";
import type { GuardActionInfo } from "../bindings/GuardActionInfo";
import type { GuardMode, SubscriptionChannel } from "../ipc";

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

// ---- the CAC model -------------------------------------------------------------------------------

/** "very good" → "Very good". */
export function fitLabel(fit: string): string {
  return fit.charAt(0).toUpperCase() + fit.slice(1);
}

/** A fit segment in a test id: "very good" → "very-good". */
export function fitId(fit: string): string {
  return fit.replace(/ /g, "-");
}

// ---- the budget guard ----------------------------------------------------------------------------

/** The guard's modes (`GuardMode`), as the selects offer them. */
export const GUARD_MODE_LABELS: Record<GuardMode, string> = {
  off: "Off",
  "dry run": "Dry run — record only",
  live: "Live — pause on the platform",
};

export const GUARD_MODES = Object.keys(GUARD_MODE_LABELS) as GuardMode[];

export function isGuardMode(value: string): value is GuardMode {
  return (GUARD_MODES as readonly string[]).includes(value);
}

/** The outcomes of a guard action (`GuardActionInfo.outcome`), with their colour. */
export const OUTCOME_COLORS: Record<string, string> = {
  "would pause": "blue",
  paused: "teal",
  failed: "red",
};

/** The ad platforms by `platform` as the Rust side writes it, named as on the Connections screen. */
const PLATFORMS: Record<string, string> = { facebook: "Facebook Ads", google_ads: "Google Ads", adroll: "AdRoll" };

export function platformName(platform: string): string {
  return PLATFORMS[platform] ?? platform;
}

/** What one run of the guard did: "Paused 1, would pause 2, failed 0", or that nothing needed doing. */
export function runSummary(actions: readonly GuardActionInfo[]): string {
  if (actions.length === 0) return "No campaign at its cap needed an action";
  const count = (outcome: string) => actions.filter((a) => a.outcome === outcome).length;
  return `Paused ${String(count("paused"))}, would pause ${String(count("would pause"))}, failed ${String(count("failed"))}`;
}

// ---- the channel ladder --------------------------------------------------------------------------

/** A channel as the ladder names it: "web personalisation" → "Web personalisation". */
export function channelLabel(channel: string): string {
  return channel.charAt(0).toUpperCase() + channel.slice(1);
}

/** The subscription channels `channel_cost_set` takes, with how the costs form labels them. */
export const SUBSCRIPTION_CHANNELS: readonly { channel: SubscriptionChannel; label: string; testId: string }[] = [
  { channel: "email", label: "Email", testId: "ladder-cost-email" },
  { channel: "web personalisation", label: "Web personalisation", testId: "ladder-cost-web" },
];

/** Why channels are missing from the ladder (`costsMissing`): "Email is left off the ladder until …". */
export function missingCostsSentence(channels: readonly string[]): string {
  const names = channels.map((c, i) => (i === 0 ? channelLabel(c) : c));
  const list = names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1] ?? ""}`;
  return names.length === 1
    ? `${list} is left off the ladder until its monthly cost is set below.`
    : `${list} are left off the ladder until their monthly cost is set below.`;
}
