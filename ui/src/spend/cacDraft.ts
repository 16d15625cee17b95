// The CAC model as it is edited: every value as typed, an empty override field meaning "none".
// It turns the saved model into a draft and a draft back into what `cac_model_set` is sent; it
// reads no number — whether a value is a decimal, a fraction or a currency is the Rust side's call.

import type { CacModelText } from "../bindings/CacModelText";
import type { CampaignCap } from "../bindings/CampaignCap";

/** An LTV and a share as typed; empty for none. */
export interface OverrideDraft {
  ltv: string;
  share: string;
}

export interface CacDraft {
  currency: string;
  ltv: string;
  share: string;
  /** P(convert) by fit segment. */
  p: Record<string, string>;
  /** Every fit segment's override, empty when it has none. */
  segments: Record<string, OverrideDraft>;
  /** The campaigns with an override, in the order they are listed. */
  campaigns: ({ key: string } & OverrideDraft)[];
}

/**
 * The key of a campaign's override in the model. The report looks overrides up by campaign id
 * (`cac::report::campaign`), so that is the key that moves a campaign's cap.
 */
export function overrideKey(campaign: CampaignCap): string {
  return campaign.campaignId;
}

const NO_OVERRIDE: OverrideDraft = { ltv: "", share: "" };

/** The saved model as a draft, with a row for every fit segment in `fits`. */
export function draftOf(model: CacModelText, fits: readonly string[]): CacDraft {
  const typed = (o: { ltv: string | null; share: string | null }): OverrideDraft => ({ ltv: o.ltv ?? "", share: o.share ?? "" });
  const segments: Record<string, OverrideDraft> = {};
  for (const fit of new Set([...fits, ...Object.keys(model.segments)])) {
    const saved = model.segments[fit];
    segments[fit] = saved ? typed(saved) : NO_OVERRIDE;
  }
  return {
    currency: model.currency,
    ltv: model.ltv,
    share: model.share,
    p: { ...model.p },
    segments,
    campaigns: Object.entries(model.campaigns).map(([key, o]) => ({ key, ...typed(o) })),
  };
}

function sorted<T>(entries: [string, T][]): Record<string, T> {
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** An override as sent: trimmed, empty as null; none at all when both are empty. */
function overrideOf({ ltv, share }: OverrideDraft): { ltv: string | null; share: string | null } | null {
  const l = ltv.trim();
  const s = share.trim();
  return l === "" && s === "" ? null : { ltv: l === "" ? null : l, share: s === "" ? null : s };
}

function overrides(entries: [string, OverrideDraft][]) {
  return sorted(entries.flatMap(([key, o]) => {
    const sent = overrideOf(o);
    return sent === null ? [] : [[key, sent] as [string, NonNullable<typeof sent>]];
  }));
}

/** What `cac_model_set` is sent: values trimmed, keys in order, empty overrides left out. */
export function modelOf(draft: CacDraft): CacModelText {
  return {
    currency: draft.currency.trim(),
    ltv: draft.ltv.trim(),
    share: draft.share.trim(),
    p: sorted(Object.entries(draft.p).map(([fit, p]) => [fit, p.trim()])),
    segments: overrides(Object.entries(draft.segments)),
    campaigns: overrides(draft.campaigns.map(({ key, ...o }) => [key, o])),
  };
}

/** Whether two drafts would save the same model. */
export function sameModel(a: CacDraft, b: CacDraft): boolean {
  return JSON.stringify(modelOf(a)) === JSON.stringify(modelOf(b));
}

export const UNSAVED_MODEL = "Your changes to the CAC model were not saved. Leaving discards them.";
