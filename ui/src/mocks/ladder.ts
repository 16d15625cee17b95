// The channel ladder for the browser mock and the tests, as switchboard-core's `cac::ladder` builds
// it: channels of one name merged, each channel's people counted once, rungs cheapest per person
// first (compared exactly, then by name; those that reached nobody last), and each person of the
// segment in view (everyone reached, without one) on the first rung that reached them. It must not
// grow into a second engine — the app's figures are the truth.

/** The channels whose cost is a tool's monthly subscription. */
export const EMAIL = "email";
export const WEB = "web personalisation";
export const SUBSCRIPTION_CHANNELS: readonly string[] = [EMAIL, WEB];

/** A channel's spend (minor units) and the people it reached, by id (any order, repeats allowed). */
export interface Channel {
  name: string;
  spendMinor: bigint;
  people: readonly number[];
}

export interface Rung {
  channel: string;
  spendMinor: bigint;
  reached: number;
  /** People of the segment in view whose cheapest channel this is. */
  people: number;
}

/** `channel_of`: the part of a campaign's name before its colon, else its platform; lower case. */
export function channelOf(campaign: string, platform: string): string {
  const colon = campaign.indexOf(":");
  const head = colon === -1 ? "" : campaign.slice(0, colon).trim();
  return (head === "" ? platform : head).toLowerCase();
}

/** Spend per person reached, rounded toward zero to the minor unit; null when nobody was reached. */
export function perPersonMinor(rung: Pick<Rung, "spendMinor" | "reached">): bigint | null {
  return rung.reached === 0 ? null : rung.spendMinor / BigInt(rung.reached);
}

function cheaper(a: Rung, b: Rung): number {
  let order: number;
  if (a.reached === 0 || b.reached === 0) {
    order = (a.reached === 0 ? 1 : 0) - (b.reached === 0 ? 1 : 0);
  } else {
    const left = a.spendMinor * BigInt(b.reached);
    const right = b.spendMinor * BigInt(a.reached);
    order = left < right ? -1 : left > right ? 1 : 0;
  }
  // Rust compares names by bytes; the mock's names are ASCII lower case, where that is the same.
  return order !== 0 ? order : a.channel < b.channel ? -1 : a.channel > b.channel ? 1 : 0;
}

/** The ladder, cheapest rung first; `segment` is the people in view, null for everyone reached. */
export function ladder(channels: readonly Channel[], segment: readonly number[] | null): Rung[] {
  const merged = new Map<string, { spendMinor: bigint; people: Set<number> }>();
  for (const c of channels) {
    const m = merged.get(c.name) ?? { spendMinor: 0n, people: new Set<number>() };
    m.spendMinor += c.spendMinor;
    for (const p of c.people) m.people.add(p);
    merged.set(c.name, m);
  }
  const rungs = [...merged].map(([channel, m]) => ({
    rung: { channel, spendMinor: m.spendMinor, reached: m.people.size, people: 0 },
    people: m.people,
  }));
  rungs.sort((a, b) => cheaper(a.rung, b.rung));
  // Each person sits on the first (cheapest) rung that reached them.
  const rungOf = new Map<number, number>();
  rungs.forEach(({ people }, i) => {
    for (const p of people) if (!rungOf.has(p)) rungOf.set(p, i);
  });
  const placed = segment === null ? [...rungOf.keys()] : [...new Set(segment)];
  for (const p of placed) {
    const i = rungOf.get(p);
    const at = i === undefined ? undefined : rungs[i];
    if (at) at.rung.people += 1;
  }
  return rungs.map((r) => r.rung);
}
