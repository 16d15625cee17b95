import { describe, expect, it } from "vitest";
import { type Channel, channelOf, EMAIL, ladder, perPersonMinor, WEB } from "./ladder";

function channel(name: string, minor: number, people: number[]): Channel {
  return { name, spendMinor: BigInt(minor), people };
}

// The cases of switchboard-core's `cac::ladder` tests, so that the mock places people as the app does.
describe("the mock's channel ladder", () => {
  it("puts rungs cheapest first and each person on their cheapest", () => {
    // email: $100 / 4 = $25; web: $90 / 3 = $30; retargeting: $300 / 2 = $150.
    const channels = [
      channel("retargeting", 20_000, [1, 5]),
      channel(EMAIL, 10_000, [1, 2, 3, 4]),
      channel(WEB, 9_000, [3, 5, 6]),
      channel("retargeting", 10_000, [5]),
      channel("display", 5_000, []),
    ];
    const all = ladder(channels, null);
    expect(all.map((r) => r.channel)).toEqual([EMAIL, WEB, "retargeting", "display"]);
    // Campaigns of a channel add up; people count once per channel.
    expect(all[2]).toMatchObject({ spendMinor: 30_000n, reached: 2 });
    expect(perPersonMinor(all[0] ?? { spendMinor: 0n, reached: 0 })).toBe(2_500n);
    expect(perPersonMinor(all[3] ?? { spendMinor: 1n, reached: 1 })).toBeNull();
    // 1-4 by email, 5 and 6 by web (5 is cheaper there than on retargeting).
    expect(all.map((r) => r.people)).toEqual([4, 2, 0, 0]);
    // 9 is on no rung; 5 counts once.
    expect(ladder(channels, [1, 5, 5, 9]).map((r) => r.people)).toEqual([1, 1, 0, 0]);
  });

  it("compares prices exactly, then by name, and rounds a person's cost toward zero", () => {
    // $1 / 3 and $2 / 6 are the same price.
    const rungs = ladder([channel("b", 200, [1, 2, 3, 4, 5, 6]), channel("a", 100, [7, 8, 9])], null);
    expect(rungs.map((r) => r.channel)).toEqual(["a", "b"]);
    expect(perPersonMinor({ spendMinor: 100n, reached: 3 })).toBe(33n);
  });

  it("takes a campaign's channel from its name before the colon, else its platform", () => {
    expect(channelOf("Retargeting: pricing page visitors", "facebook")).toBe("retargeting");
    expect(channelOf("Display: product launch", "adroll")).toBe("display");
    expect(channelOf("Brand awareness", "google_ads")).toBe("google_ads");
    expect(channelOf(" : no head", "adroll")).toBe("adroll");
  });
});
