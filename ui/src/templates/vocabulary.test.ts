import { describe, expect, it } from "vitest";
import type { TemplateLayer } from "../bindings/TemplateLayer";
import { defaultTemplate } from "../mocks/templates";
import { copyName, issuePlace, offsetText, prospectLabel, sameTemplate } from "./vocabulary";

describe("template words", () => {
  it("reads an offset in minutes as a delay", () => {
    expect(offsetText(0)).toBe("at the same time");
    expect(offsetText(45)).toBe("45 min later");
    expect(offsetText(120)).toBe("2 h later");
    expect(offsetText(96)).toBe("1 h 36 min later");
    expect(offsetText(1_500)).toBe("1 day 1 h later");
    expect(offsetText(2 * 1_440)).toBe("2 days later");
  });

  it("places an issue by layer (numbered from 1), label, field and line", () => {
    const issue = {
      severity: "error",
      layer: 1,
      layerLabel: "VP's forward",
      field: "from_address",
      line: 3,
      column: 5,
      variable: "sender.vp.email",
      message: "",
    };
    expect(issuePlace(issue)).toBe("Layer 2 · VP's forward · from address line 3");
    expect(issuePlace({ ...issue, layer: 0, layerLabel: "", field: "body" })).toBe("Layer 1 · body line 3");
  });

  it("names a prospect by company, or by domain when the company is unknown", () => {
    const maria = { id: 1, name: "Maria Keller", title: "", email: "m@helio.de", company: "Helio Energy", domain: "helio.de" };
    expect(prospectLabel(maria)).toBe("Maria Keller · Helio Energy");
    expect(prospectLabel({ ...maria, company: "" })).toBe("Maria Keller · helio.de");
  });

  it("names a copy so that it does not replace another template", () => {
    expect(copyName("Double forward", ["Double forward"])).toBe("Double forward copy");
    expect(copyName("Double forward", ["Double forward copy", "Double forward copy 2"])).toBe("Double forward copy 3");
  });

  it("tells an edited template from the saved one", () => {
    const saved = defaultTemplate();
    expect(sameTemplate(defaultTemplate(), saved)).toBe(true);
    const [bot, vp, rep] = saved.layers as [TemplateLayer, TemplateLayer, TemplateLayer];
    const edited = { ...saved, layers: [bot, { ...vp, offsetMinutes: 40 }, rep] };
    expect(sameTemplate(edited, saved)).toBe(false);
    expect(sameTemplate({ ...saved, name: "Other" }, saved)).toBe(false);
  });
});
