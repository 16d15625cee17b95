import { describe, expect, it } from "vitest";
import type { GuardActionInfo } from "../bindings/GuardActionInfo";
import { fitId, fitLabel, runSummary } from "./vocabulary";

function action(outcome: string): GuardActionInfo {
  return {
    id: 1,
    at: "2026-11-28T10:00:00Z",
    platform: "facebook",
    campaignId: "fb-772",
    campaign: "Social: Webinar invite",
    spend: "$382.20",
    cap: "$320.00",
    mode: outcome === "would pause" ? "dry run" : "live",
    outcome,
    detail: "",
  };
}

describe("the Spend and CAC screen's words", () => {
  it("sums up a run of the guard by outcome, or says nothing needed doing", () => {
    expect(runSummary([action("paused"), action("would pause"), action("would pause")])).toBe("Paused 1, would pause 2, failed 0");
    expect(runSummary([action("failed")])).toBe("Paused 0, would pause 0, failed 1");
    expect(runSummary([])).toBe("No campaign at its cap needed an action");
  });

  it("names fit segments for people and for test ids", () => {
    expect(fitLabel("very good")).toBe("Very good");
    expect(fitId("very good")).toBe("very-good");
  });
});
