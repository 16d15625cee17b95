import { describe, expect, it } from "vitest";
import { capMinor, defaultModel, fitRows, formatMoney, modelText, parseFraction, parseMoney, readModel, Refusal } from "./cac";
import { spendCommands } from "./spend";

const TODAY = new Date("2026-11-28T12:00:00Z");

describe("the mock's CAC model", () => {
  it("gives the source's case exactly: P 10% x LTV $1,000 x 20% is $20.00", () => {
    const model = readModel({ ...modelText(defaultModel()), ltv: "1000", share: "20%", p: { good: "10%" } });
    expect(formatMoney(capMinor(model, "good", null), model.currency)).toBe("$20.00");
    expect(fitRows(model).find((r) => r.fit === "good")).toMatchObject({ p: "10%", cap: "$20.00" });
  });

  it("reads decimals exactly and refuses what switchboard-core refuses, with its words", () => {
    const usd = defaultModel().currency;
    expect(parseMoney("1,250.5", usd)).toBe(125_050n);
    expect(parseFraction(".25")).toBe(250_000n);
    expect(parseFraction("12.5%")).toBe(125_000n);
    expect(() => parseMoney("19.999", usd)).toThrow('"19.999" is not an amount; write it as 1000 or 1000.50 (at most 2 decimals).');
    expect(() => parseFraction("1.5")).toThrow(Refusal);
    expect(() => readModel({ ...modelText(defaultModel()), currency: "dollars" })).toThrow(
      '"DOLLARS" is not a currency code; use three letters such as USD or EUR.',
    );
    // 1/3 x $10 x 100% rounds down to the cent.
    const third = readModel({ ...modelText(defaultModel()), ltv: "10", share: "1", p: { low: "0.333333" } });
    expect(capMinor(third, "low", null)).toBe(333n);
  });

  it("lets a campaign's override win over its segment's over the model's", () => {
    const model = readModel({
      ...modelText(defaultModel()),
      segments: { good: { ltv: "2000", share: null } },
      campaigns: { retargeting: { ltv: null, share: "0.1" } },
    });
    expect(capMinor(model, "good", null)).toBe(4_000n);
    expect(capMinor(model, "good", "retargeting")).toBe(2_000n);
    expect(capMinor(model, "low", "retargeting")).toBe(50n);
    expect(modelText(model).segments).toEqual({ good: { ltv: "2000.00", share: null } });
  });

  it("moves every campaign's cap with the model, and refuses a bad value with invalidInput", async () => {
    const spend = spendCommands(() => TODAY);
    const before = (await spend.cac_report(undefined)).find((c) => c.campaignId === "ar-301");
    expect(before?.cap).toBe("$1,180.00");
    const { model } = await spend.cac_model(undefined);
    const saved = await spend.cac_model_set({ model: { ...model, ltv: "500" } });
    expect(saved.model.ltv).toBe("500.00");
    expect(saved.fits.map((f) => f.cap)).toEqual(["$20.00", "$10.00", "$3.00", "$0.50"]);
    expect((await spend.cac_report(undefined)).find((c) => c.campaignId === "ar-301")?.cap).toBe("$590.00");
    await expect(spend.cac_model_set({ model: { ...model, share: "ten" } })).rejects.toMatchObject({ code: "invalidInput" });
  });
});

describe("the mock's budget guard", () => {
  it("records a dry run once, pauses live on a connected platform, and fails live on one that is not", async () => {
    const spend = spendCommands(() => TODAY, { connected: (platform) => platform === "facebook" });
    expect(await spend.guard_rules(undefined)).toEqual({ default: "dry run", campaigns: {} });

    const dry = await spend.guard_run(undefined);
    expect(dry.map((a) => [a.campaignId, a.mode, a.outcome])).toEqual([["ar-301", "dry run", "would pause"]]);
    expect(await spend.guard_run(undefined)).toEqual([]);

    await spend.guard_mode_set({ campaignId: "ar-301", mode: "live" });
    const failed = await spend.guard_run(undefined);
    expect(failed.map((a) => a.outcome)).toEqual(["failed"]);
    expect(failed[0]?.detail).toContain("not paused: AdRoll is not connected");
    expect((await spend.guard_run(undefined)).map((a) => a.outcome)).toEqual(["failed"]);

    const { model } = await spend.cac_model(undefined);
    await spend.cac_model_set({ model: { ...model, ltv: "500" } });
    await spend.guard_mode_set({ campaignId: "fb-772", mode: "live" });
    await spend.guard_mode_set({ campaignId: "gg-118", mode: "off" });
    const live = await spend.guard_run(undefined);
    expect(live.map((a) => [a.campaignId, a.outcome])).toEqual([
      ["ar-301", "failed"],
      ["fb-772", "paused"],
    ]);
    expect((await spend.guard_run(undefined)).map((a) => a.campaignId)).toEqual(["ar-301"]);

    const log = await spend.guard_log({ limit: 3 });
    expect(log).toHaveLength(3);
    expect(log[0]?.campaignId).toBe("ar-301");
    expect(log[1]?.outcome).toBe("paused");
  });

  it("sets the default, and refuses a campaign without spend", async () => {
    const spend = spendCommands(() => TODAY);
    expect(await spend.guard_mode_set({ campaignId: null, mode: "off" })).toEqual({ default: "off", campaigns: {} });
    expect(await spend.guard_run(undefined)).toEqual([]);
    await expect(spend.guard_mode_set({ campaignId: "nope", mode: "live" })).rejects.toMatchObject({ code: "invalidInput" });
  });
});
