// The CAC model and the budget guard for the browser mock and the tests: decimal text read
// exactly (as switchboard-core's `cac` does, with its messages), caps as P(convert) x LTV x share
// rounded down to the cent, and the guard's rule (dry run recorded once per spend, a paused
// campaign left alone, a failed pause tried again). It must not grow into a second engine — the
// app's figures are the truth.

import type { CacFitRow } from "../bindings/CacFitRow";
import type { CacModelText } from "../bindings/CacModelText";
import type { GuardActionInfo } from "../bindings/GuardActionInfo";
import type { GuardMode } from "../ipc";

/** The fit segments, best first, as the Rust side lists them. */
export const FITS = ["very good", "good", "medium", "low"] as const;
export type Fit = (typeof FITS)[number];

const MILLION = 1_000_000n;

export interface Currency {
  code: string;
  digits: number;
}

interface Override {
  ltvMinor: bigint | null;
  ppm: bigint | null;
}

/** The model as the Rust side holds it: money in minor units, fractions in parts per million. */
export interface Model {
  currency: Currency;
  ltvMinor: bigint;
  sharePpm: bigint;
  p: Record<Fit, bigint>;
  segments: Map<Fit, Override>;
  /** Keyed by campaign id, as the report looks them up. */
  campaigns: Map<string, Override>;
}

/** The source's numbers: P by fit 20/10/3/0.5%, LTV $1,000, 20% of it for acquisition. */
export function defaultModel(): Model {
  return {
    currency: { code: "USD", digits: 2 },
    ltvMinor: 100_000n,
    sharePpm: 200_000n,
    p: { "very good": 200_000n, good: 100_000n, medium: 30_000n, low: 5_000n },
    segments: new Map(),
    campaigns: new Map(),
  };
}

/** Why a value was refused, in the Rust side's words (capitalised, quoted, with a full stop). */
export class Refusal extends Error {}

function decimal(text: string, scale: number): bigint | null {
  const dot = text.indexOf(".");
  const whole = dot === -1 ? text : text.slice(0, dot);
  const fraction = dot === -1 ? "" : text.slice(dot + 1);
  const digits = /^\d*$/;
  if ((whole === "" && fraction === "") || !digits.test(whole) || !digits.test(fraction) || fraction.length > scale) return null;
  return BigInt(whole === "" ? "0" : whole) * 10n ** BigInt(scale) + BigInt(fraction.padEnd(scale, "0") || "0");
}

export function parseFraction(text: string): bigint {
  const t = text.trim();
  const percent = t.endsWith("%");
  const ppm = percent ? decimal(t.slice(0, -1).trim(), 4) : decimal(t, 6);
  if (ppm === null || ppm > MILLION) throw new Refusal(`"${t}" is not a fraction between 0 and 1; write it as 0.1 or 10%.`);
  return ppm;
}

export function parseCurrency(text: string): Currency {
  const code = text.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(code)) throw new Refusal(`"${code}" is not a currency code; use three letters such as USD or EUR.`);
  const digits = ["JPY", "KRW", "CLP", "ISK", "VND", "HUF"].includes(code) ? 0 : ["BHD", "KWD", "OMR", "TND", "JOD"].includes(code) ? 3 : 2;
  return { code, digits };
}

export function parseMoney(text: string, currency: Currency): bigint {
  const minor = decimal(text.trim().replace(/^\$+/, "").replace(/,/g, ""), currency.digits);
  if (minor === null) {
    throw new Refusal(`"${text.trim()}" is not an amount; write it as 1000 or 1000.50 (at most ${String(currency.digits)} decimals).`);
  }
  return minor;
}

/** A fraction as a decimal: "0.1", "0.005", "1". */
function fractionDecimal(ppm: bigint): string {
  const whole = ppm / MILLION;
  const rest = ppm % MILLION;
  return rest === 0n ? String(whole) : `${String(whole)}.${String(rest).padStart(6, "0")}`.replace(/0+$/, "");
}

/** A fraction as a percentage: "10%", "12.5%". */
export function fractionPercent(ppm: bigint): string {
  const hundredths = ppm / 100n;
  const whole = hundredths / 100n;
  const rest = hundredths % 100n;
  return rest === 0n ? `${String(whole)}%` : `${`${String(whole)}.${String(rest).padStart(2, "0")}`.replace(/0+$/, "")}%`;
}

/** `Money::decimal`: plain, in the currency's units: "1000.00". */
export function moneyDecimal(minor: bigint, { digits }: Currency): string {
  if (digits === 0) return String(minor);
  const scale = 10n ** BigInt(digits);
  return `${String(minor / scale)}.${String(minor % scale).padStart(digits, "0")}`;
}

const SYMBOLS: Record<string, string> = { USD: "$", EUR: "€", GBP: "£", JPY: "¥" };

/** "$20.00", "€1,250.50", "¥300", or "12.50 CHF". */
export function formatMoney(minor: bigint, currency: Currency): string {
  const negative = minor < 0n;
  const abs = negative ? -minor : minor;
  const scale = 10n ** BigInt(currency.digits);
  let number = String(abs / scale).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  if (currency.digits > 0) number += `.${String(abs % scale).padStart(currency.digits, "0")}`;
  const sign = negative ? "-" : "";
  const symbol = SYMBOLS[currency.code];
  return symbol === undefined ? `${sign}${number} ${currency.code}` : `${sign}${symbol}${number}`;
}

function isFit(key: string): key is Fit {
  return (FITS as readonly string[]).includes(key);
}

/** `CacModel::from_json`: every value read exactly, or the first refusal. */
export function readModel(text: CacModelText): Model {
  const currency = parseCurrency(text.currency);
  const override = (o: { ltv: string | null; share: string | null }): Override => ({
    ltvMinor: o.ltv === null ? null : parseMoney(o.ltv, currency),
    ppm: o.share === null ? null : parseFraction(o.share),
  });
  const model: Model = {
    currency,
    ltvMinor: parseMoney(text.ltv, currency),
    sharePpm: parseFraction(text.share),
    p: { ...defaultModel().p },
    segments: new Map(),
    campaigns: new Map(),
  };
  for (const [fit, p] of Object.entries(text.p)) {
    if (!isFit(fit)) throw new Refusal(`The stored CAC model is not valid: unknown fit segment ${fit}.`);
    model.p[fit] = parseFraction(p);
  }
  for (const [fit, o] of Object.entries(text.segments)) {
    if (!isFit(fit)) throw new Refusal(`The stored CAC model is not valid: unknown fit segment ${fit}.`);
    model.segments.set(fit, override(o));
  }
  for (const [campaign, o] of Object.entries(text.campaigns)) model.campaigns.set(campaign, override(o));
  return model;
}

/** `CacModel::to_json`: decimals as the Rust side writes them ("1000.00", "0.2"). */
export function modelText(model: Model): CacModelText {
  const override = (o: Override) => ({
    ltv: o.ltvMinor === null ? null : moneyDecimal(o.ltvMinor, model.currency),
    share: o.ppm === null ? null : fractionDecimal(o.ppm),
  });
  return {
    currency: model.currency.code,
    ltv: moneyDecimal(model.ltvMinor, model.currency),
    share: fractionDecimal(model.sharePpm),
    p: Object.fromEntries(FITS.map((fit) => [fit, fractionDecimal(model.p[fit])])),
    segments: Object.fromEntries([...model.segments].map(([fit, o]) => [fit, override(o)])),
    campaigns: Object.fromEntries([...model.campaigns].map(([campaign, o]) => [campaign, override(o)])),
  };
}

/** The cap of one prospect of this fit, reached through this campaign: a campaign's override wins over its segment's. */
export function capMinor(model: Model, fit: Fit, campaignId: string | null): bigint {
  const segment = model.segments.get(fit);
  const campaign = campaignId === null ? undefined : model.campaigns.get(campaignId);
  const ltv = campaign?.ltvMinor ?? segment?.ltvMinor ?? model.ltvMinor;
  const share = campaign?.ppm ?? segment?.ppm ?? model.sharePpm;
  return (ltv * model.p[fit] * share) / (MILLION * MILLION);
}

/** What the sample workspace observed per fit: companies scored and those with a person who signed up. */
const OBSERVED: Record<Fit, [number, number]> = {
  "very good": [40, 9],
  good: [120, 14],
  medium: [310, 8],
  low: [0, 0],
};

export function fitRows(model: Model, { empty = false }: { empty?: boolean } = {}): CacFitRow[] {
  return FITS.map((fit) => {
    const [scored, signedUp] = empty ? [0, 0] : OBSERVED[fit];
    return {
      fit,
      p: fractionPercent(model.p[fit]),
      cap: formatMoney(capMinor(model, fit, null), model.currency),
      scored,
      signedUp,
      observed: scored > 0 ? signedUp / scored : null,
    };
  });
}

// ---- the budget guard ----------------------------------------------------------------------------

export interface GuardRules {
  default: GuardMode;
  campaigns: Map<string, GuardMode>;
}

export const GUARD_MODES: readonly GuardMode[] = ["off", "dry run", "live"];

/** A campaign as the guard sees it: spend against cap, in minor units. */
export interface AtCap {
  platform: string;
  campaignId: string;
  campaign: string;
  spendMinor: number;
  capMinor: number | null;
}

/** The platforms Switchboard can pause a campaign on, by `ad_spend.platform`. */
export const PAUSABLE: Record<string, string> = { facebook: "Facebook Ads", google_ads: "Google Ads", adroll: "AdRoll" };

/** `guard::plan`: the campaigns at or over their cap to act on now. */
export function planGuard(
  campaigns: readonly AtCap[],
  rules: GuardRules,
  log: readonly GuardActionInfo[],
  spendOf: (action: GuardActionInfo) => number,
): (AtCap & { mode: GuardMode; capMinor: number })[] {
  const planned: (AtCap & { mode: GuardMode; capMinor: number })[] = [];
  for (const c of campaigns) {
    const cap = c.capMinor;
    if (cap === null || c.spendMinor < cap || (cap <= 0 && c.spendMinor === 0)) continue;
    const mode = rules.campaigns.get(c.campaignId) ?? rules.default;
    // The log is newest first: the first entry is the latest.
    const last = log.find((a) => a.platform === c.platform && a.campaignId === c.campaignId);
    const skip =
      mode === "off" ||
      last?.outcome === "paused" ||
      (mode === "dry run" && last?.outcome === "would pause" && spendOf(last) === c.spendMinor);
    if (!skip) planned.push({ ...c, capMinor: cap, mode });
  }
  return planned;
}
