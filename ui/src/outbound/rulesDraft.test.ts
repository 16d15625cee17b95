import { describe, expect, it } from "vitest";
import { sampleRules } from "../mocks/outbound";
import { draftOf, rulesOf, sameRules } from "./rulesDraft";

describe("the rules draft", () => {
  it("lists every budget in the order runs ask them, a missing one as none", () => {
    const rules = { ...sampleRules(), budgets: [{ lookup: "score", perDay: 9 }] };
    expect(draftOf(rules).budgets).toEqual({ reveal: 0, company: 0, score: 9, prospect: 0 });
  });

  it("tells a change from the saved rules, whatever order the skip kinds are in", () => {
    const saved = draftOf(sampleRules());
    expect(sameRules({ ...saved, skipKinds: ["isp", "education", "government"] }, saved)).toBe(true);
    expect(sameRules({ ...saved, threshold: "70" }, saved)).toBe(true);
    expect(sameRules({ ...saved, threshold: "" }, saved)).toBe(false);
    expect(sameRules({ ...saved, roles: ["sales", "marketing"] }, saved)).toBe(false);
    expect(sameRules({ ...saved, budgets: { ...saved.budgets, prospect: 101 } }, saved)).toBe(false);
  });

  it("sends numbers, and names the first empty field instead", () => {
    const saved = draftOf(sampleRules());
    const out = rulesOf({ ...saved, threshold: "62.5", cooldownDays: 30 });
    expect(out).toMatchObject({ rules: { threshold: 62.5, cooldownDays: 30 } });
    expect(rulesOf({ ...saved, maxContacts: "" })).toEqual({ empty: "Contacts per company" });
    expect(rulesOf({ ...saved, budgets: { ...saved.budgets, company: "" } })).toEqual({ empty: "Company enrichment budget" });
  });
});
