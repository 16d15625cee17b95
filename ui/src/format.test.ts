import { describe, expect, it } from "vitest";
import { formatCount, formatDuration, formatMoney, formatPerDay, formatRate, formatRelative, formatScore } from "./format";

describe("formatPerDay", () => {
  it("shows whole numbers with thousands separators from 100 up", () => {
    expect(formatPerDay(1284.29)).toBe("1,284");
    expect(formatPerDay(12345.5)).toBe("12,346");
    expect(formatPerDay(100)).toBe("100");
    expect(formatPerDay(100.4)).toBe("100");
  });

  it("shows one decimal below 100", () => {
    expect(formatPerDay(46.71)).toBe("46.7");
    expect(formatPerDay(99.94)).toBe("99.9");
    expect(formatPerDay(9.8)).toBe("9.8");
    expect(formatPerDay(3)).toBe("3.0");
    expect(formatPerDay(0)).toBe("0.0");
  });
});

describe("formatRate", () => {
  it("shows a fraction as a percentage with one decimal", () => {
    expect(formatRate(0.4127)).toBe("41.3%");
    expect(formatRate(1)).toBe("100.0%");
    expect(formatRate(0)).toBe("0.0%");
  });

  it("shows a dash when there was nothing to measure", () => {
    expect(formatRate(null)).toBe("—");
  });
});

describe("formatCount and formatScore", () => {
  it("group thousands and drop needless decimals", () => {
    expect(formatCount(1_204_877)).toBe("1,204,877");
    expect(formatCount(0)).toBe("0");
    expect(formatScore(92)).toBe("92");
    expect(formatScore(71.25)).toBe("71.3");
    expect(formatScore(null)).toBe("—");
  });
});

describe("formatRelative", () => {
  const now = new Date("2025-06-14T15:30:00Z");

  it("says how long ago, in the largest whole unit", () => {
    expect(formatRelative("2025-06-14T15:29:30Z", now)).toBe("just now");
    expect(formatRelative("2025-06-14T15:18:00Z", now)).toBe("12 minutes ago");
    expect(formatRelative("2025-06-14T12:30:00Z", now)).toBe("3 hours ago");
    expect(formatRelative("2025-06-13T12:00:00Z", now)).toBe("yesterday");
    expect(formatRelative("2025-06-04T15:30:00Z", now)).toBe("last week");
    expect(formatRelative("2025-03-01T00:00:00Z", now)).toBe("3 months ago");
  });

  it("passes through what is not a time", () => {
    expect(formatRelative("soon", now)).toBe("soon");
  });
});

describe("formatDuration", () => {
  it("reads in minutes, hours or days, whichever fits", () => {
    expect(formatDuration(null)).toBe("—");
    expect(formatDuration(20_000)).toBe("under a minute");
    expect(formatDuration(42 * 60_000)).toBe("42 min");
    expect(formatDuration(3_600_000)).toBe("1 hour");
    expect(formatDuration(5.5 * 3_600_000)).toBe("5.5 hours");
    expect(formatDuration(3.2 * 86_400_000)).toBe("3.2 days");
  });
});

describe("formatMoney", () => {
  it("formats minor units with the currency's decimals", () => {
    expect(formatMoney(124_595, "USD")).toBe("$1,245.95");
    expect(formatMoney(1_200, "JPY")).toBe("¥1,200");
  });
});
