import { describe, expect, it } from "vitest";
import type { Definition } from "../bindings/Definition";
import { call } from "../ipc";
import { installMockBackend } from "./backend";
import { COMPANIES_TOTAL, previewOf, SAMPLE_SEGMENTS, validate } from "./segments";

const NOBODY = () => undefined;

function definition(rule: Definition["rule"], target: Definition["target"] = "people"): Definition {
  return { version: 1, name: "Test", target, rule };
}

describe("the mock's segments", () => {
  it("finds the problems the app finds, at the same paths, in its words", () => {
    const problems = validate({
      version: 1,
      name: " ",
      target: "companies",
      rule: {
        all: [
          { performed: { event: "" } },
          { company_trait: { key: "technologies", op: "equals", value: "React" } },
          { any: [] },
          { people: { match: "any", rule: { all: [{ performed: { event: "x", window: { last_days: 0 } } }] } } },
        ],
      },
    });
    expect(problems).toEqual([
      { path: "/name", message: "give the segment a name" },
      { path: "/rule/all/0/performed", message: "a companies segment reads behaviour through a `people` rule" },
      { path: "/rule/all/0/performed/event", message: "name the event" },
      { path: "/rule/all/1/company_trait/op", message: "`technologies` is a list: use contains or does not contain" },
      { path: "/rule/all/2/any", message: "add at least one rule to `any`" },
      { path: "/rule/all/3/people/rule/all/0/performed/window/last_days", message: "a window is at least 1 day" },
    ]);
    for (const sample of SAMPLE_SEGMENTS) expect(validate(sample)).toEqual([]);
  });

  it("counts deterministically, and explains each rule with the app's pointers", () => {
    const def = definition(
      {
        all: [
          { company_trait: { key: "employees", op: "at_least", value: 200 } },
          { people: { match: "any", rule: { none: [{ not_performed: { event: "Signed Up", window: { last_days: 30 } } }] } } },
        ],
      },
      "companies",
    );
    const first = previewOf(def, NOBODY);
    expect(previewOf(def, NOBODY)).toEqual(first);
    const root = first.explanation;
    expect(root?.path).toBe("/rule/all");
    expect(root?.input).toBe(COMPANIES_TOTAL);
    expect(first.count).toBe(root?.kept);
    const [trait, people] = root?.children ?? [];
    expect(trait?.path).toBe("/rule/all/0/company_trait");
    expect(people?.path).toBe("/rule/all/1/people");
    expect(people?.input).toBe(trait?.kept);
    const notPerformed = people?.children[0]?.children[0];
    expect(notPerformed).toMatchObject({
      path: "/rule/all/1/people/rule/none/0/not_performed",
      unit: "people",
      negated: true,
      description: "did not perform “Signed Up” in the last 30 days",
    });
    expect(notPerformed?.tooNew).toBeGreaterThanOrEqual(0);
  });

  it("says an unknown segment cannot be counted, rather than failing", () => {
    const preview = previewOf(definition({ in_segment: { segment: "Gone" } }), NOBODY);
    expect(preview).toMatchObject({ error: "segment `Gone` does not exist; save it first", count: null });
  });

  it("saves, renames with references following, and refuses to delete a segment in use", async () => {
    installMockBackend("");
    const before = await call("segments");
    expect(before.map((s) => s.name)).toEqual([
      "Churn risk",
      "Did not open activation",
      "Engaged companies",
      "Enterprise accounts",
      "Trial users",
    ]);
    await expect(call("segment_delete", { name: "Trial users" })).rejects.toMatchObject({
      code: "invalidInput",
      message: "`Trial users` is used by Did not open activation; remove it from them first",
    });
    await call("segment_rename", { name: "Trial users", newName: "Trialists" });
    const user = await call("segment", { name: "Did not open activation" });
    expect(user.definition.rule).toEqual({
      all: [
        { in_segment: { segment: "Trialists" } },
        { email: { action: "not_opened", campaign: "Activation day 1", within_days: 3 } },
      ],
    });

    const saved = await call("segment_save", {
      definition: definition({ all: [{ performed: { event: "Pricing", type: "page" } }] }),
      replacing: null,
    });
    expect(saved).toMatchObject({ name: "Test", status: "ready", latest: { version: 1, reason: "saved" } });
    await expect(
      call("segment_save", { definition: definition({ all: [] }), replacing: null }),
    ).rejects.toMatchObject({ message: "a segment named `Test` already exists; choose another name" });
  });

  it("estimates and writes exports, and answers the save dialog with a file in Downloads", async () => {
    installMockBackend("");
    const estimate = await call("segment_export_estimate", { name: "Trial users", columns: ["id", "email"], format: "csv" });
    expect(estimate.rows).toBeGreaterThan(0);
    expect(estimate.bytes).toBeGreaterThan(estimate.rows);
    await expect(
      call("segment_export_estimate", { name: "Trial users", columns: ["nope"], format: "csv" }),
    ).rejects.toMatchObject({ code: "invalidInput" });
    const { chooseSavePath } = await import("../ipc");
    const path = await chooseSavePath({ title: "t", defaultPath: "Trial users.csv", filters: [] });
    expect(path).toBe("/home/alex/Downloads/Trial users.csv");
    expect(await call("segment_export", { name: "Trial users", columns: [], format: "csv", path: path ?? "" })).toEqual({
      rows: estimate.rows,
      path,
    });
  });
});
