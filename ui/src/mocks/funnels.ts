// Saved funnels for the browser mock and the tests: a store of funnels by name (case aside), the
// commands that save, list and delete them, and the one that turns a step of one into a live
// segment (saved through the segments mock, so it shows up there). What a step counts comes from
// the funnel mock's stand-in engine (`runFunnel`), so a segment's size matches the funnel's table.
// Messages and refusals follow switchboard-store's `funnels` and the workspace's
// `segment_from_funnel`; it must not grow into a second engine.

import type { Funnel } from "../bindings/Funnel";
import type { Problem } from "../bindings/Problem";
import type { SavedFunnelInfo } from "../bindings/SavedFunnelInfo";
import type { Step } from "../bindings/Step";
import type { ArgsOf, ResultOf } from "../ipc";
import { hoursBefore, rejectWith } from "./sample";
import { funnelReferences, type FunnelReach, type segmentCommands } from "./segments";
import { runFunnel, validateFunnel } from "./spend";

type SegmentCommands = ReturnType<typeof segmentCommands>;

const track = (event: string): Step => ({ event, type: "track" });

/** The funnels a sample workspace has saved. */
export const SAMPLE_FUNNELS: readonly { name: string; definition: Funnel }[] = [
  {
    name: "Activation",
    definition: {
      version: 1,
      steps: [track("Signed Up"), track("Source Connected"), track("Destination Enabled"), track("Report Exported")],
      window_days: 14,
      range: { last_days: 30 },
      order: "ordered",
    },
  },
  {
    name: "Pricing to demo",
    definition: {
      version: 1,
      steps: [{ event: "Pricing", type: "page", label: "Read pricing" }, track("Demo Requested")],
      window_days: 7,
      range: { last_days: 60 },
      order: "ordered",
    },
  },
];

/** A step's label as the app writes it: its own, or its event's name. */
function stepLabel(step: Step): string {
  return step.label ?? step.event;
}

function key(name: string): string {
  return name.trim().toLowerCase();
}

function problemsText(problems: readonly Problem[]): string {
  const each = problems.map((p) => `${p.path}: ${p.message}`);
  return each.length === 1 ? (each[0] ?? "") : `${each.length} problems: ${each.join("; ")}`;
}

function noFunnel(name: string): string {
  return `no saved funnel named \`${name}\`; \`funnel list\` shows them`;
}

/** The saved funnels, and how many people each step of one counts (what `in_funnel` rules read). */
export function savedFunnels(now: () => Date, { empty = false }: { empty?: boolean } = {}) {
  const saved = new Map<string, SavedFunnelInfo>();

  function put(name: string, definition: Funnel, updatedAt: string): void {
    saved.set(key(name), { name: name.trim(), definition, steps: definition.steps.map(stepLabel), updatedAt });
  }

  if (!empty) {
    SAMPLE_FUNNELS.forEach(({ name, definition }, i) => {
      put(name, definition, hoursBefore(now(), 24 * (5 + i)));
    });
  }

  /** Those who reached the step, or reached the one before and not it, as the funnel counts now. */
  const reach: FunnelReach = (name, step, outcome) => {
    const funnel = saved.get(key(name));
    if (!funnel) return null;
    const at = runFunnel(funnel.definition, now()).steps[step - 1];
    if (!at) return 0;
    return outcome === "reached" ? at.people : step === 1 ? 0 : at.dropped;
  };

  return {
    reach,
    get: (name: string) => saved.get(key(name)),
    list: (): SavedFunnelInfo[] => [...saved.values()].sort((a, b) => a.name.localeCompare(b.name, "en", { sensitivity: "base" })),
    put,
    remove: (name: string) => saved.delete(key(name)),
  };
}

export type SavedFunnelStore = ReturnType<typeof savedFunnels>;

/** The saved-funnel commands over `store`; a funnel's segment is saved through `segments`. */
export function funnelCommands(now: () => Date, store: SavedFunnelStore, segments: SegmentCommands) {
  /** The saved segments that read the funnel `name`. */
  async function usedBy(name: string): Promise<string[]> {
    const users: string[] = [];
    for (const summary of await segments.segments(undefined)) {
      const detail = await segments.segment({ name: summary.name });
      if (funnelReferences(detail.definition.rule).some((f) => key(f) === key(name))) users.push(summary.name);
    }
    return users;
  }

  function save({ name, definition }: ArgsOf<"funnel_save">) {
    const problems = validateFunnel(definition);
    if (problems.length > 0) return rejectWith({ code: "invalidInput", message: problemsText(problems) });
    const trimmed = name.trim();
    if (trimmed === "" || Array.from(trimmed).length > 120) {
      return rejectWith({ code: "invalidInput", message: "/name: give the funnel a name of 1 to 120 characters" });
    }
    store.put(trimmed, definition, hoursBefore(now(), 0));
    return store.list();
  }

  async function remove({ name }: ArgsOf<"funnel_delete">) {
    const users = await usedBy(name);
    if (users.length > 0) {
      return rejectWith({ code: "invalidInput", message: `\`${name}\` is used by ${users.join(", ")}; remove it from them first` });
    }
    if (!store.remove(name)) return rejectWith({ code: "invalidInput", message: noFunnel(name) });
    return store.list();
  }

  function segment({ funnel, step, outcome, name }: ArgsOf<"funnel_segment">) {
    if ((outcome as string) !== "reached" && (outcome as string) !== "dropped") {
      return rejectWith({ code: "invalidInput", message: "Choose reached or dropped." });
    }
    const saved = store.get(funnel);
    if (!saved) return rejectWith({ code: "notFound", message: `No saved funnel named \`${funnel}\`; save it first` });
    const label = saved.steps[Math.max(step, 1) - 1];
    if (label === undefined) {
      const n = saved.steps.length;
      return rejectWith({ code: "invalidInput", message: `\`${saved.name}\` has ${n} steps; choose one of 1 to ${n}` });
    }
    const verb = outcome === "reached" ? "reached" : "dropped out at";
    const chosen = name?.trim() ?? "";
    const segmentName = chosen !== "" ? chosen : `${saved.name}: ${outcome === "reached" ? "reached" : "dropped at"} ${label}`;
    return segments.segment_save({
      definition: {
        version: 1,
        name: segmentName,
        description: `People who ${verb} step ${step} (${label}) of the funnel “${saved.name}”, counted as the funnel counts; kept up to date.`,
        target: "people",
        rule: { in_funnel: { funnel: saved.name, step, outcome } },
      },
      replacing: null,
    });
  }

  const commands: { [C in FunnelCommand]: (args: ArgsOf<C>) => ResultOf<C> | Promise<ResultOf<C>> } = {
    funnels_saved: () => store.list(),
    funnel_save: save,
    funnel_delete: remove,
    funnel_segment: segment,
  };
  return commands;
}

type FunnelCommand = "funnels_saved" | "funnel_save" | "funnel_delete" | "funnel_segment";

const FUNNEL_COMMANDS: readonly string[] = ["funnels_saved", "funnel_save", "funnel_delete", "funnel_segment"];

export function isFunnelCommand(command: string): command is FunnelCommand {
  return FUNNEL_COMMANDS.includes(command);
}
