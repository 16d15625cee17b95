// The channel ladder's numbers: spend and people reached per channel, and what one person reached
// costs. A channel is the part of a campaign's name before its colon ("Retargeting: ..."), else its
// platform — as the Rust side groups them for the chart, so that the table matches the picture.

import type { CampaignCap } from "../bindings/CampaignCap";

export interface Rung {
  channel: string;
  currency: string;
  spendMinor: number;
  reached: number;
  /** Minor units per person reached; null when nobody was reached. */
  perPersonMinor: number | null;
}

export function channelOf(campaign: string, platform: string): string {
  const colon = campaign.indexOf(":");
  return (colon === -1 ? platform : campaign.slice(0, colon).trim()).toLowerCase();
}

/** The rungs, cheapest per person first; those that reached nobody last. */
export function channelLadder(campaigns: readonly CampaignCap[]): Rung[] {
  const rungs = new Map<string, Rung>();
  for (const c of campaigns) {
    const channel = channelOf(c.campaign, c.platform);
    const rung = rungs.get(channel) ?? { channel, currency: c.currency, spendMinor: 0, reached: 0, perPersonMinor: null };
    rung.spendMinor += c.spendMinor;
    rung.reached += c.reached;
    rungs.set(channel, rung);
  }
  return [...rungs.values()]
    .map((r) => ({ ...r, perPersonMinor: r.reached === 0 ? null : r.spendMinor / r.reached }))
    .sort((a, b) => (a.perPersonMinor ?? Infinity) - (b.perPersonMinor ?? Infinity) || a.channel.localeCompare(b.channel));
}
