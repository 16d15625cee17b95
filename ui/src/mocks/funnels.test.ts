import { describe, expect, it } from "vitest";
import type { Definition } from "../bindings/Definition";
import type { Funnel } from "../bindings/Funnel";
import { call } from "../ipc";
import { installMockBackend } from "./backend";
import { funnelCommands, SAMPLE_FUNNELS, savedFunnels } from "./funnels";
import { previewOf, segmentCommands, validate } from "./segments";
import { runFunnel } from "./spend";

const NOBODY = () => undefined;
const NOW = new Date("2025-06-14T15:30:00Z");

function definition(rule: Definition["rule"], target: Definition["target"] = "people"): Definition {
  return { version: 1, name: "Test", target, rule };
}

function mock() {
  const store = savedFunnels(() => NOW);
  const segments = segmentCommands(() => NOW, { funnels: store.reach });
  return { store, segments, funnels: funnelCommands(() => NOW, store, segments) };
}

const ACTIVATION: Funnel = SAMPLE_FUNNELS[0]?.definition ?? { version: 0, steps: [], window_days: 0, range: { last_days: 0 }, order: "ordered" };

describe("the mock's saved funnels", () => {
  it("finds the problems of an in-funnel rule the app finds, at the same paths", () => {
    expect(
      validate(
        definition({
          all: [
            { in_funnel: { funnel: " ", step: 0, outcome: "reached" } },
            { in_funnel: { funnel: "Activation", step: 1, outcome: "dropped" } },
            { in_funnel: { funnel: "Activation", step: 17, outcome: "reached" } },
            { in_funnel: { funnel: "Activation", step: 2, outcome: "dropped" } },
          ],
        }),
      ),
    ).toEqual([
      { path: "/rule/all/0/in_funnel/funnel", message: "name a saved funnel" },
      { path: "/rule/all/0/in_funnel/step", message: "steps count from 1" },
      {
        path: "/rule/all/1/in_funnel/step",
        message: "nobody drops out at step 1: those who did not do it never entered; choose step 2 or later",
      },
      { path: "/rule/all/2/in_funnel/step", message: "a funnel has at most 16 steps" },
    ]);
    expect(validate(definition({ in_funnel: { funnel: "Activation", step: 2, outcome: "reached" } }, "companies"))).toEqual([
      { path: "/rule/in_funnel", message: "a companies segment reads behaviour through a `people` rule" },
    ]);
  });

  it("counts a step's people as the funnel does, and says an unknown funnel cannot be counted", () => {
    const { store } = mock();
    const steps = runFunnel(ACTIVATION, NOW).steps;
    const reached = previewOf(definition({ in_funnel: { funnel: "activation", step: 2, outcome: "reached" } }), NOBODY, store.reach);
    expect(reached.count).toBe(steps[1]?.people);
    expect(reached.explanation?.description).toBe("reached step 2 of funnel “activation”");
    const dropped = previewOf(definition({ in_funnel: { funnel: "Activation", step: 3, outcome: "dropped" } }), NOBODY, store.reach);
    expect(dropped.count).toBe(steps[2]?.dropped);
    expect(dropped.explanation?.description).toBe("dropped out at step 3 of funnel “Activation”");
    expect(previewOf(definition({ in_funnel: { funnel: "Gone", step: 2, outcome: "reached" } }), NOBODY, store.reach)).toMatchObject({
      error: "no saved funnel named `Gone`; `funnel list` shows them",
      count: null,
    });
  });

  it("saves under a name (replacing one of that name, case aside), and refuses what the app refuses", async () => {
    const { funnels } = mock();
    expect((await funnels.funnels_saved(undefined)).map((f) => [f.name, f.steps])).toEqual([
      ["Activation", ["Signed Up", "Source Connected", "Destination Enabled", "Report Exported"]],
      ["Pricing to demo", ["Read pricing", "Demo Requested"]],
    ]);
    const list = await funnels.funnel_save({ name: " activation ", definition: { ...ACTIVATION, window_days: 7 } });
    expect(list.map((f) => f.name)).toEqual(["activation", "Pricing to demo"]);
    expect(list[0]?.definition.window_days).toBe(7);
    await expect(funnels.funnel_save({ name: "  ", definition: ACTIVATION })).rejects.toEqual({
      code: "invalidInput",
      message: "/name: give the funnel a name of 1 to 120 characters",
    });
    await expect(funnels.funnel_save({ name: "One step", definition: { ...ACTIVATION, steps: ACTIVATION.steps.slice(0, 1) } })).rejects.toEqual({
      code: "invalidInput",
      message: "/steps: a funnel needs at least two steps",
    });
  });

  it("makes a live segment of a step, named for what it holds, and keeps its funnel while it is used", async () => {
    const { funnels, segments } = mock();
    const steps = runFunnel(ACTIVATION, NOW).steps;
    const reached = await funnels.funnel_segment({ funnel: "activation", step: 2, outcome: "reached", name: null });
    expect(reached).toMatchObject({ name: "Activation: reached Source Connected", target: "people", status: "ready" });
    expect(reached.latest?.size).toBe(steps[1]?.people);
    const dropped = await funnels.funnel_segment({ funnel: "Activation", step: 4, outcome: "dropped", name: " Lost at the end " });
    expect(dropped.name).toBe("Lost at the end");
    expect(dropped.latest?.size).toBe(steps[3]?.dropped);
    expect((await segments.segment({ name: "Lost at the end" })).definition).toEqual({
      version: 1,
      name: "Lost at the end",
      description:
        "People who dropped out at step 4 (Report Exported) of the funnel “Activation”, counted as the funnel counts; kept up to date.",
      target: "people",
      rule: { in_funnel: { funnel: "Activation", step: 4, outcome: "dropped" } },
    });

    await expect(funnels.funnel_segment({ funnel: "Activation", step: 1, outcome: "dropped", name: null })).rejects.toMatchObject({
      code: "invalidInput",
      message: expect.stringContaining("nobody drops out at step 1") as string,
    });
    await expect(funnels.funnel_segment({ funnel: "Activation", step: 5, outcome: "reached", name: null })).rejects.toEqual({
      code: "invalidInput",
      message: "`Activation` has 4 steps; choose one of 1 to 4",
    });
    await expect(funnels.funnel_segment({ funnel: "Nope", step: 2, outcome: "reached", name: null })).rejects.toMatchObject({
      code: "notFound",
    });
    await expect(
      segments.segment_save({ definition: definition({ in_funnel: { funnel: "Nope", step: 2, outcome: "reached" } }), replacing: null }),
    ).rejects.toEqual({ code: "invalidInput", message: "no saved funnel named `Nope`; `funnel list` shows them" });

    await expect(funnels.funnel_delete({ name: "Activation" })).rejects.toEqual({
      code: "invalidInput",
      message: "`Activation` is used by Activation: reached Source Connected, Lost at the end; remove it from them first",
    });
    await segments.segment_delete({ name: "Activation: reached Source Connected" });
    await segments.segment_delete({ name: "Lost at the end" });
    expect((await funnels.funnel_delete({ name: "activation" })).map((f) => f.name)).toEqual(["Pricing to demo"]);
    await expect(funnels.funnel_delete({ name: "activation" })).rejects.toMatchObject({ code: "invalidInput" });
  });

  it("is wired into the browser mock back end", async () => {
    installMockBackend("");
    expect((await call("funnels_saved")).map((f) => f.name)).toEqual(["Activation", "Pricing to demo"]);
    const made = await call("funnel_segment", { funnel: "Pricing to demo", step: 2, outcome: "dropped", name: null });
    expect(made.name).toBe("Pricing to demo: dropped at Demo Requested");
    expect((await call("segments")).map((s) => s.name)).toContain("Pricing to demo: dropped at Demo Requested");
    installMockBackend("empty");
    expect(await call("funnels_saved")).toEqual([]);
  });
});
