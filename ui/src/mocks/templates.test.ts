import { describe, expect, it } from "vitest";
import shipped from "../../../assets/templates/double-forward.json?raw";
import { call } from "../ipc";
import { installMockBackend } from "./backend";
import { SAMPLE_NOW } from "./sample";
import {
  BUILT_IN_TEMPLATE,
  defaultTemplate,
  exportTemplate,
  NO_STACK_PROSPECT,
  renderTemplate,
  searchProspects,
  UNRESOLVED_PROSPECT,
} from "./templates";

/** The shipped template file, its snake_case keys as the IPC's camelCase. */
function shippedTemplate(): unknown {
  return JSON.parse(shipped, function (this: unknown, key, value: unknown) {
    if (this && typeof this === "object" && !Array.isArray(this) && key.includes("_")) {
      (this as Record<string, unknown>)[key.replace(/_(\w)/g, (_, c: string) => c.toUpperCase())] = value;
      return undefined;
    }
    return value;
  });
}

describe("the mock's template renderer", () => {
  it("has the template Switchboard ships", () => {
    expect(defaultTemplate()).toEqual(shippedTemplate());
  });

  it("renders the default template for a prospect with complete data, ready and without issues", () => {
    const email = renderTemplate(defaultTemplate(), 201, SAMPLE_NOW);
    expect(email).toMatchObject({
      from: "Casey Lindgren <casey@switchboard.example>",
      to: "maria.keller@helio-energy.de",
      subject: "Fwd: Fwd: New domain identified: helio-energy.de",
      date: "2025-06-14T15:30:00.000Z",
      issues: [],
      ready: true,
    });
    expect(email?.text).toMatch(/^Hi Maria,\n\nI'll be honest/);
    // The outermost is sent now; the VP's forward 96 minutes before, the bot's notice 41 before that.
    expect(email?.text).toContain("From: Alex Morgan <alex@switchboard.example>\nDate: Sat, Jun 14, 2025 at 1:54 PM\n");
    expect(email?.text).toContain("From: Switchboard Bot <bot@switchboard.example>\nDate: Sat, Jun 14, 2025 at 1:13 PM\n");
    expect(email?.text).toContain("Their site runs on: HubSpot and WordPress\n");
    expect(email?.html).toContain("<p>Hi Maria,</p>");
  });

  it("reports an empty company name as errors, and fallbacks used as warnings, in the app's order", () => {
    const email = renderTemplate(defaultTemplate(), UNRESOLVED_PROSPECT, SAMPLE_NOW);
    expect(email?.ready).toBe(false);
    expect(email?.issues.map((i) => [i.severity, i.layer, i.field, i.line, i.variable])).toEqual([
      ["error", 0, "body", 3, "company.name"],
      ["warning", 0, "body", 4, "company.industry"],
      ["warning", 0, "body", 5, "company.employees"],
      ["warning", 0, "body", 7, "score.fit_segment"],
      ["warning", 0, "body", 7, "score.signals"],
      ["error", 1, "body", 1, "company.name"],
      ["error", 2, "body", 3, "company.name"],
      ["warning", 2, "body", 5, "company.industry"],
    ]);
    expect(email?.issues[0]).toMatchObject({
      layerLabel: "Bot notice",
      column: 10,
      message: '`company.name` is empty and has no fallback; add `| default: "..."` or fill it in',
    });
  });

  it("is ready with a warning when only a value with a fallback is missing", () => {
    const email = renderTemplate(defaultTemplate(), NO_STACK_PROSPECT, SAMPLE_NOW);
    expect(email?.ready).toBe(true);
    expect(email?.issues.map((i) => [i.severity, i.message])).toEqual([
      ["warning", "`company.technologies` is empty; the fallback was used"],
    ]);
    expect(email?.text).toContain("Their site runs on: nothing we could detect\n");
  });

  it("escapes data and template text in the HTML, and reports unknown variables and unclosed outputs", () => {
    const template = defaultTemplate();
    const outer = template.layers[2];
    if (!outer) throw new Error("the default template has three layers");
    template.layers[2] = { ...outer, subject: "{{ prospect.first_name", body: "Hi <b>{{ company.name }}</b> {{ compnay.name }}" };
    const email = renderTemplate(template, NO_STACK_PROSPECT, SAMPLE_NOW);
    expect(email?.html).toContain("<p>Hi &lt;b&gt;Quill &amp; Ink&lt;/b&gt;</p>");
    expect(email?.html).not.toContain("<b>Quill");
    expect(email?.issues.filter((i) => i.severity === "error").map((i) => [i.field, i.variable])).toEqual([
      ["subject", null],
      ["body", "compnay.name"],
    ]);
  });

  it("searches prospects by name, email, company or domain", () => {
    expect(searchProspects("", 3).map((p) => p.id)).toEqual([201, 202, 203]);
    expect(searchProspects("tessera", 10).map((p) => p.name)).toEqual(["Ada Brooks"]);
    expect(searchProspects("northwind", 10).map((p) => p.name)).toEqual(["Priya Raman"]);
    expect(searchProspects("okafor", 10).map((p) => p.company)).toEqual(["Brightpath"]);
  });

  it("exports a ready email, and refuses one with errors in one sentence", () => {
    expect(exportTemplate(defaultTemplate(), UNRESOLVED_PROSPECT, "eml", SAMPLE_NOW)).toEqual({
      refusal: "`Double forward` has 3 unresolved variable(s) or error(s) for ada@tessera.ai; fix them before exporting",
    });
    const eml = exportTemplate(defaultTemplate(), 201, "eml", SAMPLE_NOW);
    expect(eml).toMatchObject({ fileName: "maria.keller@helio-energy.de.eml" });
    expect(eml && "content" in eml ? eml.content : "").toMatch(/^From: Casey Lindgren <casey@switchboard\.example>\r\n/);
    const liquid = exportTemplate(defaultTemplate(), 201, "customerio", SAMPLE_NOW);
    expect(liquid).toMatchObject({ fileName: "double-forward.liquid" });
    const content = liquid && "content" in liquid ? liquid.content : "";
    expect(content).toMatch(/^Hi \{\{ customer\.first_name \}\},/);
    expect(content).toContain('{{ event.company.technologies | join: ", " | default: "nothing we could detect" }}');
    expect(content).toContain("Date: {{ event.dates.layer_1 }}");
  });
});

describe("the mock back end's templates", () => {
  it("saves, lists, previews and deletes templates, and keeps the built-in one", async () => {
    installMockBackend("");
    expect((await call("templates")).map((t) => [t.name, t.builtIn])).toEqual([
      [BUILT_IN_TEMPLATE, true],
      ["Double forward, short note", false],
    ]);
    const copy = { ...(await call("template", { name: BUILT_IN_TEMPLATE })), name: "  Mine  " };
    expect(await call("template_save", { template: copy })).toMatchObject({ name: "Mine", layers: 3, builtIn: false });
    expect((await call("template", { name: "Mine" })).name).toBe("Mine");

    await expect(call("template_save", { template: { ...copy, name: " " } })).rejects.toMatchObject({ code: "invalidInput" });
    await expect(call("template_delete", { name: BUILT_IN_TEMPLATE })).rejects.toMatchObject({ code: "invalidInput" });
    expect(await call("template_delete", { name: "Mine" })).toBeNull();
    await expect(call("template", { name: "Mine" })).rejects.toMatchObject({ code: "notFound" });

    const preview = await call("template_preview", { template: copy, prospectId: UNRESOLVED_PROSPECT });
    expect(preview.ready).toBe(false);
    await expect(
      call("template_export", { name: BUILT_IN_TEMPLATE, prospectId: UNRESOLVED_PROSPECT, format: "customerio" }),
    ).rejects.toMatchObject({ code: "invalidInput", message: expect.stringContaining("fix them before exporting") as unknown });
  });
});
