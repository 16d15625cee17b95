import { describe, expect, it } from "vitest";
import type { Definition } from "../bindings/Definition";
import type { SegmentFields } from "../bindings/SegmentFields";
import {
  copyName,
  defaultLeaf,
  LEAF_KINDS,
  newSegmentName,
  problemsByRule,
  rulePaths,
  sameDefinition,
} from "./rules";

const FIELDS: SegmentFields = {
  events: [
    { eventType: "track", name: "Signed Up", count: 40 },
    { eventType: "page", name: "Pricing", count: 900 },
    { eventType: "screen", name: "Dashboard", count: 120 },
  ],
  personFields: ["email"],
  traitKeys: [{ value: "plan", count: 10 }],
  companyFields: ["industry"],
  campaigns: ["Activation day 1"],
  segments: [
    { name: "Trial users", target: "people" },
    { name: "Big companies", target: "companies" },
    { name: "Pricing readers", target: "people" },
  ],
  peopleColumns: [],
  companyColumns: [],
};

const TREE: Definition = {
  version: 1,
  name: "x",
  target: "companies",
  rule: {
    all: [
      { company_trait: { key: "industry", op: "exists" } },
      { people: { match: "any", rule: { any: [{ performed: { event: "Pricing" } }] } } },
    ],
  },
};

describe("the rule tree", () => {
  it("offers the leaves each target can use", () => {
    expect(LEAF_KINDS.companies).toEqual(["company_trait", "score", "people", "in_segment"]);
    expect(LEAF_KINDS.people).not.toContain("people");
    expect(LEAF_KINDS.people).toContain("sequence");
  });

  it("starts a behaviour rule on the most common event, at least once in the last 30 days", () => {
    expect(defaultLeaf("performed", "people", FIELDS, null)).toEqual({
      performed: { event: "Pricing", type: "page", count: { op: "at_least", n: 1 }, window: { last_days: 30 } },
    });
    expect(defaultLeaf("sequence", "people", FIELDS, null)).toEqual({
      sequence: { first: { event: "Pricing", type: "page" }, then: { event: "Dashboard", type: "screen" }, within_days: 7 },
    });
    expect(defaultLeaf("email", "people", FIELDS, null)).toEqual({
      email: { action: "opened", campaign: "Activation day 1", window: { last_days: 30 } },
    });
  });

  it("points an in-segment rule at another segment of the same target, never at itself", () => {
    expect(defaultLeaf("in_segment", "people", FIELDS, "trial USERS")).toEqual({ in_segment: { segment: "Pricing readers" } });
    expect(defaultLeaf("in_segment", "companies", FIELDS, null)).toEqual({ in_segment: { segment: "Big companies" } });
    expect(defaultLeaf("in_segment", "companies", FIELDS, "Big companies")).toEqual({ in_segment: { segment: "" } });
  });

  it("offers a funnel's step to people segments only, starting at those who reached step 2", () => {
    expect(LEAF_KINDS.people).toContain("in_funnel");
    expect(LEAF_KINDS.companies).not.toContain("in_funnel");
    expect(defaultLeaf("in_funnel", "people", FIELDS, null)).toEqual({ in_funnel: { funnel: "", step: 2, outcome: "reached" } });
  });

  it("knows every rule's pointer, through groups and a company's people", () => {
    expect(rulePaths(TREE.rule)).toEqual([
      "/rule/all",
      "/rule/all/0/company_trait",
      "/rule/all/1/people",
      "/rule/all/1/people/rule/any",
      "/rule/all/1/people/rule/any/0/performed",
    ]);
  });

  it("puts each problem beside the deepest rule its path is in", () => {
    const { byRule, general } = problemsByRule(
      [
        { path: "/name", message: "give the segment a name" },
        { path: "/rule/all/1/people/rule/any/0/performed/event", message: "name the event" },
        { path: "/rule/all/1/people", message: "people problem" },
        { path: "/rule/all/0/company_trait/value", message: "needs a value" },
        { path: "/rule/all", message: "group problem" },
      ],
      TREE.rule,
    );
    expect(general.map((p) => p.message)).toEqual(["give the segment a name"]);
    expect(Object.fromEntries([...byRule].map(([path, list]) => [path, list.map((p) => p.message)]))).toEqual({
      "/rule/all/1/people/rule/any/0/performed": ["name the event"],
      "/rule/all/1/people": ["people problem"],
      "/rule/all/0/company_trait": ["needs a value"],
      "/rule/all": ["group problem"],
    });
  });

  it("sees no change where only what Rust leaves out differs", () => {
    const saved: Definition = { ...TREE, rule: { all: [{ performed: { event: "Pricing", window: { last_days: 7 } } }] } };
    const edited: Definition = {
      ...saved,
      description: "",
      rule: { all: [{ performed: { event: "Pricing", type: "track", window: { last_days: 7 }, where: [], count: null } }] },
    };
    expect(sameDefinition(saved, edited)).toBe(true);
    expect(sameDefinition(saved, { ...saved, rule: { all: [{ performed: { event: "Pricing", window: { last_days: 8 } } }] } })).toBe(
      false,
    );
    expect(sameDefinition(saved, { ...saved, description: "now described" })).toBe(false);
  });

  it("names a new segment or a copy after the ones taken", () => {
    expect(newSegmentName("people", [])).toBe("People segment");
    expect(newSegmentName("companies", ["companies segment", "Companies segment 2"])).toBe("Companies segment 3");
    expect(copyName("Trial users", ["Trial users copy"])).toBe("Trial users copy 2");
  });
});
