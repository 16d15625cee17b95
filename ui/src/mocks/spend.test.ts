import { describe, expect, it } from "vitest";
import type { Funnel } from "../bindings/Funnel";
import { runFunnel, spendCommands, validateFunnel } from "./spend";

const TODAY = new Date("2025-06-14T12:00:00Z");

const FUNNEL: Funnel = {
  version: 1,
  steps: [
    { event: "Signed Up", type: "track" },
    { event: "Trial Started", type: "track" },
  ],
  window_days: 14,
  range: { last_days: 30 },
  order: "ordered",
};

describe("the mock's funnels", () => {
  it("finds the problems switchboard-core finds, at the same paths", () => {
    const bad: Funnel = {
      ...FUNNEL,
      steps: [{ event: " ", type: "track", where: [{ key: "plan", op: "equals" }] }],
      window_days: 0,
      order: "strict",
      exclusions: [{ event: "Docs", type: "page", after: 2, before: 1 }],
      hold_constant: "",
    };
    expect(validateFunnel(bad)).toEqual([
      { path: "/steps", message: "a funnel needs at least two steps" },
      { path: "/steps/0/event", message: "name the event" },
      { path: "/steps/0/where/0/value", message: "give a value for this operator, or none for exists" },
      { path: "/window_days", message: "the conversion window is at least 1 day" },
      { path: "/exclusions/0", message: "an exclusion sits between two steps: after < before, both steps of the funnel" },
      { path: "/exclusions", message: "a strict funnel allows no other event between steps; exclusions add nothing" },
      { path: "/hold_constant", message: "name the event property, or leave it out" },
    ]);
    expect(validateFunnel(FUNNEL)).toEqual([]);
  });

  it("counts the same funnel the same way, each step no bigger than the one before", () => {
    const run = runFunnel(FUNNEL, TODAY);
    expect(runFunnel(FUNNEL, TODAY)).toEqual(run);
    expect(run.from).toBe("2025-05-16");
    expect(run.to).toBe("2025-06-14");
    const [first, second] = run.steps;
    expect(second?.people).toBeLessThanOrEqual(first?.people ?? 0);
    expect(second?.dropped).toBe((first?.people ?? 0) - (second?.people ?? 0));
    expect(run.rules[0]).toContain("has 14 days");
  });
});

describe("the mock's campaigns", () => {
  it("gives a campaign a cap when it gets an audience, and takes it away when cleared", async () => {
    const spend = spendCommands(() => TODAY);
    expect((await spend.cac_report(undefined)).find((c) => c.campaignId === "gg-240")).toMatchObject({ alert: "no audience", cap: null });
    const set = await spend.campaign_audience_set({ campaignId: "gg-240", segment: "Trial users" });
    expect(set.find((c) => c.campaignId === "gg-240")).toMatchObject({ audience: "Trial users", cap: "$1,180.00", alert: "fine" });
    const cleared = await spend.campaign_audience_set({ campaignId: "ar-301", segment: null });
    expect(cleared.find((c) => c.campaignId === "ar-301")).toMatchObject({ audience: null, shareUsed: null, alert: "no audience" });
    await expect(spend.campaign_audience_set({ campaignId: "nope", segment: null })).rejects.toMatchObject({ code: "notFound" });
  });

  it("draws a chart from its input and saves only to an absolute path", async () => {
    const spend = spendCommands(() => TODAY);
    const svg = spend.chart({ name: "funnel", funnel: FUNNEL, format: "svg" });
    expect(svg).toMatch(/^<svg [^]*Signed Up[^]*<\/svg>$/);
    expect(spend.chart({ name: "funnel", funnel: FUNNEL, format: "svg" })).toBe(svg);
    await expect(spend.chart_save({ name: "pipeline", funnel: null, format: "png", path: "chart.png" })).rejects.toMatchObject({
      code: "invalidInput",
    });
    expect(await spend.chart_save({ name: "pipeline", funnel: null, format: "png", path: "/tmp/chart.png" })).toBe("/tmp/chart.png");
  });
});

describe("the mock's channel ladder", () => {
  it("places ad channels from their audiences and email by its monthly cost, cheapest first", async () => {
    const spend = spendCommands(() => TODAY);
    const all = await spend.channel_ladder({ segment: null });
    expect(all.rungs.map((r) => [r.channel, r.spend, r.reached, r.perPerson, r.people])).toEqual([
      ["email", "$300.00", 900, "$0.33", 900],
      ["retargeting", "$1,245.00", 95, "$13.10", 23],
      ["social", "$382.20", 24, "$15.92", 24],
      ["display", "$892.50", 55, "$16.22", 10],
      // "Search: Brand terms" has no audience: it reached nobody the workspace knows.
      ["search", "$663.00", 0, null, 0],
    ]);
    expect(all).toMatchObject({ segment: null, costsMissing: ["web personalisation"], costs: { email: "$300.00" } });

    const trial = await spend.channel_ladder({ segment: "Trial users" });
    expect(trial.segment).toBe("Trial users");
    expect(trial.rungs.map((r) => r.people)).toEqual([72, 23, 0, 0, 0]);
    // Each of the 95 trial users counts once.
    expect(trial.rungs.reduce((sum, r) => sum + r.people, 0)).toBe(95);
  });

  it("puts web personalisation on the ladder once its cost is set, and takes email off when cleared", async () => {
    const spend = spendCommands(() => TODAY);
    const set = await spend.channel_cost_set({ channel: "web personalisation", monthly: " 480 ", segment: null });
    expect(set.costsMissing).toEqual([]);
    expect(set.costs).toEqual({ email: "$300.00", "web personalisation": "$480.00" });
    expect(set.rungs.map((r) => [r.channel, r.perPerson, r.people])).toEqual([
      ["email", "$0.33", 900],
      ["web personalisation", "$0.60", 688],
      ["retargeting", "$13.10", 12],
      ["social", "$15.92", 24],
      ["display", "$16.22", 0],
      ["search", null, 0],
    ]);
    // The chart is drawn from the ladder of everyone reached.
    expect(spend.chart({ name: "channel-ladder", funnel: null, format: "svg" })).toContain("web personalisation $0.60");

    const cleared = await spend.channel_cost_set({ channel: "email", monthly: null, segment: "Trial users" });
    expect(cleared).toMatchObject({ segment: "Trial users", costsMissing: ["email"], costs: { "web personalisation": "$480.00" } });
    expect(cleared.rungs.map((r) => r.channel)).not.toContain("email");
  });

  it("refuses an amount that is not a decimal, and a channel without a monthly cost", async () => {
    const spend = spendCommands(() => TODAY);
    await expect(spend.channel_cost_set({ channel: "email", monthly: "ten", segment: null })).rejects.toMatchObject({
      code: "invalidInput",
      message: '"ten" is not an amount; write it as 1000 or 1000.50 (at most 2 decimals).',
    });
    await expect(
      spend.channel_cost_set({ channel: "retargeting" as "email", monthly: "10", segment: null }),
    ).rejects.toMatchObject({ code: "invalidInput" });
    expect((await spend.channel_ladder({ segment: null })).costs).toEqual({ email: "$300.00" });
  });
});
