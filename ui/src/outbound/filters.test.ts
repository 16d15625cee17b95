import { describe, expect, it } from "vitest";
import { sampleQueue } from "../mocks/outbound";
import { ANY, ANY_REP, DEFAULT_FILTER, industriesOf, isNarrowed, matches, repChoice, repOfChoice, UNASSIGNED } from "./filters";
import { isTypingIn } from "./useQueueKeys";

const QUEUE = sampleQueue(new Date("2025-06-14T12:00:00Z"));

function shown(filter: Partial<typeof DEFAULT_FILTER>) {
  return QUEUE.filter((c) => matches(c, { ...DEFAULT_FILTER, ...filter })).map((c) => c.domain);
}

describe("the review queue's filters", () => {
  it("shows the pending companies to begin with, and every state on request", () => {
    expect(shown({})).toEqual(["northwindlogistics.com", "helio-energy.de", "brightpath.io", "lumenfinance.com"]);
    expect(shown({ state: "all" })).toHaveLength(QUEUE.length);
    expect(isNarrowed(DEFAULT_FILTER)).toBe(false);
  });

  it("narrows by minimum score, leaving out the unscored", () => {
    expect(shown({ minScore: 80 })).toEqual(["northwindlogistics.com", "helio-energy.de"]);
    const unscored = { ...QUEUE[0], score: null } as (typeof QUEUE)[number];
    expect(matches(unscored, { ...DEFAULT_FILTER, minScore: 0 })).toBe(false);
    expect(matches(unscored, DEFAULT_FILTER)).toBe(true);
  });

  it("narrows by industry, employee bucket (bounds included) and rep", () => {
    expect(shown({ industry: "Logistics" })).toEqual(["northwindlogistics.com"]);
    expect(shown({ size: "51-200" })).toEqual(["brightpath.io"]);
    expect(shown({ state: "all", size: "1-50" })).toEqual(["quillandink.co"]);
    expect(shown({ rep: UNASSIGNED })).toEqual(["helio-energy.de", "brightpath.io"]);
    expect(shown({ rep: repChoice("Robin Diaz") })).toEqual(["lumenfinance.com"]);
    expect(shown({ rep: ANY_REP, industry: ANY })).toHaveLength(4);
    expect(repOfChoice(repChoice("any"))).toBe("any");
    expect(repOfChoice(ANY_REP)).toBeNull();
  });

  it("offers each industry once, by name", () => {
    expect(industriesOf(QUEUE)).toEqual([
      "Financial services",
      "Healthcare",
      "Logistics",
      "Manufacturing",
      "Publishing",
      "Renewables",
      "Software",
    ]);
  });
});

describe("the review queue's shortcuts", () => {
  it("leave typing alone, but not a checkbox or a button", () => {
    const make = (html: string) => {
      const holder = document.createElement("div");
      holder.innerHTML = html;
      return holder.firstElementChild;
    };
    expect(isTypingIn(make('<input type="text">'))).toBe(true);
    expect(isTypingIn(make('<input type="number">'))).toBe(true);
    expect(isTypingIn(make("<textarea></textarea>"))).toBe(true);
    expect(isTypingIn(make("<select></select>"))).toBe(true);
    expect(isTypingIn(make('<input type="checkbox">'))).toBe(false);
    expect(isTypingIn(make("<button></button>"))).toBe(false);
    expect(isTypingIn(document.body)).toBe(false);
  });
});
