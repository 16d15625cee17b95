import { describe, expect, it } from "vitest";
import type { CacModelText } from "../bindings/CacModelText";
import { draftOf, modelOf, sameModel } from "./cacDraft";

const FITS = ["very good", "good", "medium", "low"];

const SAVED: CacModelText = {
  currency: "USD",
  ltv: "1000.00",
  share: "0.2",
  p: { "very good": "0.2", good: "0.1", medium: "0.03", low: "0.005" },
  segments: { medium: { ltv: null, share: "0.3" } },
  campaigns: { "fb-772": { ltv: "1500.00", share: null } },
};

describe("the CAC model draft", () => {
  it("gives every fit segment a row, empty where it has no override, and sends the saved model back unchanged", () => {
    const draft = draftOf(SAVED, FITS);
    expect(draft.segments).toEqual({
      "very good": { ltv: "", share: "" },
      good: { ltv: "", share: "" },
      medium: { ltv: "", share: "0.3" },
      low: { ltv: "", share: "" },
    });
    expect(draft.campaigns).toEqual([{ key: "fb-772", ltv: "1500.00", share: "" }]);
    expect(modelOf(draft)).toEqual(SAVED);
    expect(sameModel(draft, draftOf(SAVED, FITS))).toBe(true);
  });

  it("sends values trimmed, an empty field as null and an override with nothing in it not at all", () => {
    const draft = draftOf(SAVED, FITS);
    const edited = {
      ...draft,
      ltv: " 500 ",
      segments: { ...draft.segments, good: { ltv: "2000", share: " " }, medium: { ltv: "", share: "" } },
      campaigns: [...draft.campaigns, { key: "ar-301", ltv: "", share: "" }, { key: "gg-118", ltv: "", share: "10%" }],
    };
    expect(modelOf(edited)).toEqual({
      ...SAVED,
      ltv: "500",
      segments: { good: { ltv: "2000", share: null } },
      campaigns: { "fb-772": { ltv: "1500.00", share: null }, "gg-118": { ltv: null, share: "10%" } },
    });
    expect(sameModel(edited, draft)).toBe(false);
  });

  it("counts an added override with nothing in it, or a space typed, as no change", () => {
    const draft = draftOf(SAVED, FITS);
    expect(sameModel({ ...draft, campaigns: [...draft.campaigns, { key: "ar-301", ltv: "", share: "" }] }, draft)).toBe(true);
    expect(sameModel({ ...draft, share: "0.2 " }, draft)).toBe(true);
    expect(sameModel({ ...draft, share: "20%" }, draft)).toBe(false);
  });
});
