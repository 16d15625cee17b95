import { describe, expect, it } from "vitest";
import type { ConnectionInfo } from "../bindings/ConnectionInfo";
import { connectionCommands } from "../mocks/connections";
import { missingFields, notConnectedReason, numberProblem, sameDraft, saveArgs, savedDraft, unsavedReason } from "./draft";

const NOW = new Date("2025-06-14T12:00:00Z");

async function connection(tool: string): Promise<ConnectionInfo> {
  const found = (await connectionCommands(() => NOW).connections(undefined)).find((c) => c.tool === tool);
  if (!found) throw new Error(`the mock has no ${tool}`);
  return found;
}

describe("a connection form", () => {
  it("starts from what is saved, with every secret empty", async () => {
    const io = await connection("customerio");
    expect(savedDraft(io)).toEqual({
      values: { site_id: "3f9a61c2e8d4", track_api_key: "", app_api_key: "", region: "eu" },
      baseUrl: "",
      schedule: "off",
      freshnessDays: "",
      dailyBudget: "",
    });
  });

  it("counts an edit as a change, and an edit undone (or only spaces added) as none", async () => {
    const io = await connection("customerio");
    const saved = savedDraft(io);
    expect(sameDraft({ ...saved, values: { ...saved.values, app_api_key: "app_x" } }, saved)).toBe(false);
    expect(sameDraft({ ...saved, schedule: "daily" }, saved)).toBe(false);
    expect(sameDraft({ ...saved, baseUrl: "http://127.0.0.1:9000" }, saved)).toBe(false);
    expect(sameDraft({ ...saved, baseUrl: "  ", values: { ...saved.values, site_id: "3f9a61c2e8d4 " } }, saved)).toBe(true);
  });

  it("sends every field trimmed, an empty secret as empty (kept) and an empty base URL as null", async () => {
    const io = await connection("customerio");
    const saved = savedDraft(io);
    const draft = { ...saved, values: { ...saved.values, site_id: " 77aa ", region: "" }, baseUrl: " http://127.0.0.1:9000 " };
    expect(saveArgs(io, draft)).toEqual({
      tool: "customerio",
      values: { site_id: "77aa", track_api_key: "", app_api_key: "", region: "" },
      baseUrl: "http://127.0.0.1:9000",
      schedule: "off",
      freshnessDays: null,
      dailyBudget: null,
    });
    expect(saveArgs(io, saved).baseUrl).toBeNull();
  });

  it("sends freshness and a paid tool's budget as numbers, and refuses what is not a whole number", async () => {
    const clearbit = await connection("clearbit");
    const saved = savedDraft(clearbit);
    expect(saved.dailyBudget).toBe("500");
    const draft = { ...saved, freshnessDays: " 7 ", dailyBudget: "25" };
    expect(sameDraft(draft, saved)).toBe(false);
    expect(saveArgs(clearbit, draft)).toMatchObject({ freshnessDays: 7, dailyBudget: 25 });
    expect(numberProblem(clearbit, draft)).toBeNull();
    expect(numberProblem(clearbit, { ...draft, dailyBudget: "-1" })).toMatch(/daily budget/);
    expect(numberProblem(clearbit, { ...draft, freshnessDays: "2.5" })).toMatch(/Freshness/);
  });

  it("names the required fields nothing is saved for", async () => {
    const google = await connection("google_ads");
    expect(missingFields(google)).toEqual(["Customer ID", "Developer token", "OAuth access token"]);
    expect(notConnectedReason(google)).toBe("Not connected: enter the Customer ID, Developer token, and OAuth access token, then save.");
    expect(notConnectedReason(await connection("clearbit"))).toBeNull();
  });

  it("says which connections leaving would lose changes to", () => {
    expect(unsavedReason([])).toBeNull();
    expect(unsavedReason(["Clearbit"])).toBe("Your changes to the Clearbit connection were not saved. Leaving discards them.");
    expect(unsavedReason(["Clearbit", "AdRoll"])).toBe(
      "Your changes to the Clearbit and AdRoll connections were not saved. Leaving discards them.",
    );
  });
});
