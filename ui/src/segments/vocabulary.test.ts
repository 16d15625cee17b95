import { describe, expect, it } from "vitest";
import type { SegmentSummary } from "../bindings/SegmentSummary";
import { changeText, estimateText, formatBytes, funnelRuleText, kindLabel, statusText, unitCount } from "./vocabulary";

const NOW = new Date("2025-06-14T15:30:00Z");

function summary(fields: Partial<SegmentSummary>): SegmentSummary {
  return {
    name: "s",
    target: "people",
    description: "",
    status: "ready",
    statusDetail: null,
    computedAt: null,
    updatedAt: "2025-06-01T00:00:00Z",
    latest: null,
    ...fields,
  };
}

describe("segment words", () => {
  it("says where a segment's membership stands", () => {
    expect(statusText(summary({ computedAt: "2025-06-14T12:30:00Z" }), NOW)).toEqual({
      text: "up to date as of 3 hours ago",
      color: undefined,
    });
    expect(statusText(summary({ status: "computing" }), NOW).text).toBe("computing");
    expect(statusText(summary({ status: "failed", statusDetail: "disk full" }), NOW)).toEqual({
      text: "failed: disk full",
      color: "red",
    });
    expect(statusText(summary({ status: "pending" }), NOW).text).toBe("not computed yet");
  });

  it("says who a funnel rule keeps, with the steps' labels when they are known", () => {
    const steps = ["Signed Up", "Source Connected", "Report Exported"];
    expect(funnelRuleText({ funnel: "Activation", step: 2, outcome: "reached" }, steps)).toBe(
      "People who reached step 2 “Source Connected” and every step before it of “Activation”, as the funnel counts them (its window, order and exclusions).",
    );
    expect(funnelRuleText({ funnel: "Activation", step: 1, outcome: "reached" }, steps)).toMatch(
      /^People who reached step 1 “Signed Up” of “Activation”, as/,
    );
    expect(funnelRuleText({ funnel: "Activation", step: 3, outcome: "dropped" }, steps)).toBe(
      "People who reached step 2 “Source Connected” of “Activation” but not step 3 “Report Exported”.",
    );
    expect(funnelRuleText({ funnel: "Gone", step: 3, outcome: "dropped" }, undefined)).toBe(
      "People who reached step 2 of “Gone” but not step 3.",
    );
    expect(funnelRuleText({ funnel: "Activation", step: 1, outcome: "dropped" }, steps)).toBe(
      "Nobody drops out at step 1: choose step 2 or later.",
    );
    expect(funnelRuleText({ funnel: "", step: 2, outcome: "reached" }, undefined)).toBe("Choose a saved funnel.");
    expect(kindLabel("in_funnel", "people").label).toBe("In a funnel");
  });

  it("writes sizes, changes and estimates", () => {
    expect(unitCount(1, "companies")).toBe("1 company");
    expect(unitCount(1_234, "people")).toBe("1,234 people");
    expect(changeText({ entered: 1_200, exited: 3 })).toBe("+1,200 −3");
    expect(formatBytes(512)).toBe("about 512 bytes");
    expect(formatBytes(1_234_567)).toBe("about 1.2 MB");
    expect(formatBytes(45_600)).toBe("about 45.6 kB");
    expect(estimateText(12_345, 1_234_567)).toBe("12,345 rows, about 1.2 MB");
    expect(estimateText(1, 80)).toBe("1 row, about 80 bytes");
  });
});
