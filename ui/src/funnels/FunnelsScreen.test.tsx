import { mockIPC } from "@tauri-apps/api/mocks";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { Funnel } from "../bindings/Funnel";
import type { FunnelResult } from "../bindings/FunnelResult";
import type { FunnelStepResult } from "../bindings/FunnelStepResult";
import { funnelCommands, isFunnelCommand, savedFunnels } from "../mocks/funnels";
import { readyStatus, rejectWith, sampleOverview } from "../mocks/sample";
import { isSegmentCommand, segmentCommands } from "../mocks/segments";
import { isSpendCommand, spendCommands } from "../mocks/spend";
import { renderScreen } from "../test/renderApp";

type Handler = (args: never) => unknown;

/**
 * The mock's segments, funnels and saved funnels ("Activation" and "Pricing to demo") behind IPC,
 * with any command answered by `answers` instead.
 */
function backend(answers: Record<string, Handler> = {}) {
  const store = savedFunnels(() => new Date());
  const segments = segmentCommands(() => new Date(), { funnels: store.reach });
  const funnels = funnelCommands(() => new Date(), store, segments);
  const spend = spendCommands(() => new Date());
  const calls: { command: string; args: unknown }[] = [];
  mockIPC((command, payload) => {
    calls.push({ command, args: payload });
    const answer = answers[command] as ((args: unknown) => unknown) | undefined;
    if (answer) return answer(payload);
    if (command === "workspace_status") return readyStatus();
    if (command === "overview") return sampleOverview();
    if (isSegmentCommand(command)) return (segments[command] as (args: unknown) => unknown)(payload);
    if (isSpendCommand(command)) return (spend[command] as (args: unknown) => unknown)(payload);
    if (isFunnelCommand(command)) return (funnels[command] as (args: unknown) => unknown)(payload);
    return rejectWith(`command ${command} not found`);
  });
  return { sent: (command: string) => calls.filter((c) => c.command === command).map((c) => c.args) };
}

/** The funnel the screen starts from over the mock's events, exactly as it must be sent. */
const DEFAULT_FUNNEL: Funnel = {
  version: 1,
  steps: [
    { event: "Signed Up", type: "track" },
    { event: "Source Connected", type: "track" },
    { event: "Destination Enabled", type: "track" },
    { event: "Report Exported", type: "track" },
  ],
  window_days: 14,
  range: { last_days: 30 },
  order: "ordered",
};

function step(label: string, people: number, fromPrevious: number, fromFirst: number, dropped: number, medianMs: number | null): FunnelStepResult {
  return {
    label,
    people,
    fromPrevious,
    fromFirst,
    dropped,
    medianMs,
    distribution: [
      { bucket: "< 1 h", people: medianMs === null ? 0 : 7 },
      { bucket: "1–6 h", people: medianMs === null ? 0 : 3 },
    ],
  };
}

const STEPS = [
  step("Signed Up", 1_000, 1, 1, 0, null),
  step("Source Connected", 600, 0.6, 0.6, 400, 2 * 3_600_000),
  step("Destination Enabled", 450, 0.75, 0.45, 150, 3 * 86_400_000),
  step("Report Exported", 90, 0.2, 0.09, 360, 42 * 60_000),
];

const RESULT: FunnelResult = {
  problems: [],
  from: "2025-05-16",
  to: "2025-06-14",
  steps: STEPS,
  breakdown: [],
  rules: ["A person enters at a step-1 event and has 14 days.", "Steps count in order."],
};

/** The cells of each body row of a table, as text. */
function rows(table: HTMLElement): string[][] {
  const body = table.querySelector("tbody");
  if (!body) throw new Error("the table has no body");
  return [...body.querySelectorAll("tr")].map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent));
}

/** Opens an event picker and chooses the option whose name matches. */
async function pickEvent(testId: string, name: RegExp) {
  const input = screen.getByTestId(testId);
  await userEvent.click(input);
  // Every picker keeps its options in the page; this one's are in the list the input controls.
  const list = await waitFor(() => {
    const id = input.getAttribute("aria-controls");
    const found = id === null ? null : document.getElementById(id);
    if (!found) throw new Error(`${testId} controls no list`);
    return found;
  });
  // Floating UI finds the input detached in jsdom (nothing has a size) and hides the open dropdown.
  await userEvent.click(within(list).getByRole("option", { name, hidden: true }));
}

async function openFunnels() {
  await renderScreen("Funnels");
  return screen.findByTestId("funnel-builder");
}

describe("Funnels", () => {
  it("starts from the activation funnel and sends it exactly; shows its figures with the counting rules", async () => {
    const ipc = backend({ funnel_run: () => RESULT });
    await openFunnels();

    await waitFor(() => {
      expect(ipc.sent("funnel_run")).toHaveLength(1);
    });
    expect(ipc.sent("funnel_run")[0]).toStrictEqual({ definition: DEFAULT_FUNNEL });
    expect(screen.getByTestId("funnel-step-0-event")).toHaveValue("Signed Up");
    expect(screen.getByTestId("funnel-step-3-event")).toHaveValue("Report Exported");

    const table = await screen.findByTestId("funnel-table");
    expect(rows(table)).toEqual([
      ["Signed Up", "1,000", "—", "100.0%", "—", "—", "Segment…"],
      ["Source Connected", "600", "60.0%", "60.0%", "400", "2 hours", "Segment…"],
      ["Destination Enabled", "450", "75.0%", "45.0%", "150", "3 days", "Segment…"],
      ["Report Exported", "90", "20.0%", "9.0%", "360", "42 min", "Segment…"],
    ]);
    const rules = screen.getByTestId("funnel-rules");
    expect(rules).toHaveTextContent("A person enters at a step-1 event and has 14 days.");
    expect(rules).toHaveTextContent("Steps count in order.");
    expect(rows(screen.getByTestId("funnel-distribution"))).toEqual([
      ["Source Connected", "7", "3"],
      ["Destination Enabled", "7", "3"],
      ["Report Exported", "7", "3"],
    ]);
    expect(screen.getByText("People who entered from 2025-05-16 to 2025-06-14")).toBeInTheDocument();
    // Each step of the funnel's own table can become a segment; the breakdown's tables cannot.
    for (const n of [1, 2, 3, 4]) expect(screen.getByTestId(`funnel-step-segment-${String(n)}`)).toBeEnabled();
    expect(screen.queryByTestId("funnel-step-segment-5")).not.toBeInTheDocument();
  });

  it("sends every part of the funnel as edited: order, window, moved step, exclusion, breakdown, constant", async () => {
    const ipc = backend();
    await openFunnels();
    await screen.findByTestId("funnel-table");

    await userEvent.click(screen.getByTestId("funnel-step-1-down"));
    const days = screen.getByTestId("funnel-window-days");
    await userEvent.clear(days);
    await userEvent.type(days, "7");
    await userEvent.click(screen.getByTestId("funnel-order-any"));
    await userEvent.click(screen.getByTestId("funnel-add-exclusion"));
    await pickEvent("funnel-exclusion-0-event", /^Pricing/);
    await userEvent.selectOptions(screen.getByTestId("funnel-exclusion-0-before"), "2");
    await userEvent.selectOptions(screen.getByTestId("funnel-breakdown-kind"), "company");
    await userEvent.selectOptions(screen.getByTestId("funnel-breakdown-key"), "country");
    await userEvent.type(screen.getByTestId("funnel-hold-constant"), "workspace_id");

    const expected: Funnel = {
      version: 1,
      steps: [
        { event: "Signed Up", type: "track" },
        { event: "Destination Enabled", type: "track" },
        { event: "Source Connected", type: "track" },
        { event: "Report Exported", type: "track" },
      ],
      window_days: 7,
      range: { last_days: 30 },
      order: "any",
      exclusions: [{ event: "Pricing", type: "page", after: 1, before: 2 }],
      breakdown: { company: "country" },
      hold_constant: "workspace_id",
    };
    await waitFor(() => {
      expect(ipc.sent("funnel_run").at(-1)).toStrictEqual({ definition: expected });
    });
    // One run per pause in editing, not one per keystroke.
    expect(ipc.sent("funnel_run").length).toBeLessThan(8);
    // The breakdown's groups each get a table.
    const breakdown = await screen.findByTestId("funnel-breakdown");
    expect(within(breakdown).getByText("Software")).toBeInTheDocument();
    expect(rows(screen.getByTestId("funnel-breakdown-0"))[0]?.[0]).toBe("Signed Up");
  });

  it("writes each problem beside the field it is about", async () => {
    backend();
    await openFunnels();
    await screen.findByTestId("funnel-table");

    await userEvent.click(screen.getByTestId("funnel-add-step"));
    await userEvent.clear(screen.getByTestId("funnel-window-days"));

    const stepProblems = await screen.findByTestId("funnel-step-4-problems");
    expect(stepProblems).toHaveTextContent("name the event");
    expect(within(screen.getByTestId("funnel-step-4")).getByTestId("funnel-step-4-event")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByTestId("funnel-window-days-problems")).toHaveTextContent("the conversion window is at least 1 day");
    expect(screen.getByTestId("funnel-problems")).toHaveTextContent("2 things to fix");
    // The other steps are fine.
    expect(screen.queryByTestId("funnel-step-0-problems")).not.toBeInTheDocument();
    // No figures for a funnel that cannot be counted; the rules stay.
    expect(screen.queryByTestId("funnel-table")).not.toBeInTheDocument();
    expect(screen.getByTestId("funnel-rules")).toBeInTheDocument();
  });

  it("draws the funnel chart for the counted definition as an SVG image", async () => {
    const ipc = backend();
    await openFunnels();

    const chart = await screen.findByTestId("funnel-chart");
    expect(chart.tagName).toBe("IMG");
    const src = chart.getAttribute("src") ?? "";
    expect(src.startsWith("data:image/svg+xml;charset=utf-8,")).toBe(true);
    const svg = decodeURIComponent(src.slice(src.indexOf(",") + 1));
    expect(svg).toMatch(/^<svg /);
    expect(svg).toContain("Signed Up");
    expect(svg).toContain("Report Exported");
    const funnelCharts = ipc.sent("chart").filter((args) => (args as { name: string }).name === "funnel");
    expect(funnelCharts).toStrictEqual([{ name: "funnel", funnel: DEFAULT_FUNNEL, format: "svg" }]);
    expect(chart.getAttribute("alt")).toMatch(/^Funnel chart\. Signed Up: [\d,]+ people; Source Connected/);
  });

  it("saves the chart where the person chose", async () => {
    const ipc = backend({ "plugin:dialog|save": () => "/home/alex/Desktop/activation.png" });
    await openFunnels();
    await screen.findByTestId("funnel-chart");

    await userEvent.click(screen.getByTestId("funnel-chart-save-png"));

    expect(await screen.findByTestId("funnel-chart-saved")).toHaveTextContent("/home/alex/Desktop/activation.png");
    expect(ipc.sent("plugin:dialog|save")[0]).toMatchObject({
      options: { defaultPath: "funnel.png", filters: [{ name: "PNG image", extensions: ["png"] }] },
    });
    expect(ipc.sent("chart_save")).toStrictEqual([
      { name: "funnel", funnel: DEFAULT_FUNNEL, format: "png", path: "/home/alex/Desktop/activation.png" },
    ]);
  });

  it("writes nothing when the save dialog is cancelled", async () => {
    const ipc = backend({ "plugin:dialog|save": () => null });
    await openFunnels();
    await screen.findByTestId("funnel-chart");

    await userEvent.click(screen.getByTestId("funnel-chart-save-svg"));

    await waitFor(() => {
      expect(ipc.sent("plugin:dialog|save")).toHaveLength(1);
    });
    expect(ipc.sent("chart_save")).toEqual([]);
    expect(screen.queryByTestId("funnel-chart-saved")).not.toBeInTheDocument();
  });
});

/** The saved funnels the select offers, by value. */
function savedOptions(): string[] {
  const select = screen.getByTestId("funnel-saved-select");
  return [...select.querySelectorAll("option")].map((o) => o.value).filter((v) => v !== "");
}

/** Waits for the saved funnels to be read, so the select can open one. */
async function savedLoaded() {
  await waitFor(() => {
    expect(screen.getByTestId("funnel-saved-select")).toBeEnabled();
  });
}

/** Chooses "Segment…" on step `n` (1 for the first) and then one of its menu's items. */
async function segmentFromStep(n: number, item: "funnel-segment-reached" | "funnel-segment-dropped") {
  await userEvent.click(screen.getByTestId(`funnel-step-segment-${String(n)}`));
  await userEvent.click(await screen.findByTestId(item));
}

/** A cell of the funnel's own table (row and column from 0). */
function cell(row: number, column: number): string {
  return rows(screen.getByTestId("funnel-table"))[row]?.[column] ?? "";
}

describe("Saved funnels", () => {
  it("saves the funnel under a name, asking before it replaces another saved funnel of that name", async () => {
    const ipc = backend();
    await openFunnels();
    await savedLoaded();
    expect(savedOptions()).toEqual(["Activation", "Pricing to demo"]);
    expect(screen.getByTestId("funnel-delete")).toBeDisabled();

    await userEvent.click(screen.getByTestId("funnel-save"));
    const input = await screen.findByTestId("funnel-name-input");
    expect(input).toHaveValue("Signed Up to Report Exported");
    await userEvent.clear(input);
    await userEvent.type(input, "activation");
    await userEvent.click(screen.getByTestId("funnel-name-confirm"));

    // The name is taken (case aside): nothing is saved until replacing it is confirmed.
    expect(await screen.findByTestId("funnel-name-exists")).toHaveTextContent("A funnel named “Activation” is already saved");
    expect(ipc.sent("funnel_save")).toEqual([]);
    expect(screen.getByTestId("funnel-name-confirm")).toHaveTextContent("Replace “Activation”");
    await userEvent.click(screen.getByTestId("funnel-name-confirm"));

    await waitFor(() => {
      expect(ipc.sent("funnel_save")).toEqual([{ name: "activation", definition: DEFAULT_FUNNEL }]);
    });
    await waitFor(() => {
      expect(screen.queryByTestId("funnel-name-input")).not.toBeInTheDocument();
    });
    expect(screen.getByTestId("funnel-saved-select")).toHaveValue("activation");
    expect(screen.getByTestId("funnel-saved-note")).toHaveTextContent("Saved as “activation”");
    expect(screen.getByTestId("funnel-delete")).toBeEnabled();

    // An edit of the open funnel saves in its place without asking; another new name, as new.
    const days = screen.getByTestId("funnel-window-days");
    await userEvent.clear(days);
    await userEvent.type(days, "7");
    expect(screen.getByTestId("funnel-unsaved")).toHaveTextContent("Unsaved changes");
    await userEvent.click(screen.getByTestId("funnel-save"));
    expect(await screen.findByTestId("funnel-name-input")).toHaveValue("activation");
    await userEvent.click(screen.getByTestId("funnel-name-confirm"));
    await waitFor(() => {
      expect(ipc.sent("funnel_save")).toHaveLength(2);
    });
    expect(ipc.sent("funnel_save")[1]).toEqual({ name: "activation", definition: { ...DEFAULT_FUNNEL, window_days: 7 } });
    expect(screen.queryByTestId("funnel-name-exists")).not.toBeInTheDocument();
    await waitFor(() => {
      expect(screen.queryByTestId("funnel-unsaved")).not.toBeInTheDocument();
    });

    await userEvent.click(screen.getByTestId("funnel-save"));
    const again = await screen.findByTestId("funnel-name-input");
    await userEvent.clear(again);
    await userEvent.type(again, "Weekly activation");
    await userEvent.click(screen.getByTestId("funnel-name-confirm"));
    await waitFor(() => {
      expect(savedOptions()).toEqual(["activation", "Pricing to demo", "Weekly activation"]);
    });
    expect(ipc.sent("funnel_save")[2]).toEqual({ name: "Weekly activation", definition: { ...DEFAULT_FUNNEL, window_days: 7 } });
  });

  it("shows why a funnel was not saved", async () => {
    backend({ funnel_save: () => rejectWith({ code: "invalidInput", message: "/name: give the funnel a name of 1 to 120 characters" }) });
    await openFunnels();
    await savedLoaded();

    await userEvent.click(screen.getByTestId("funnel-save"));
    await userEvent.click(await screen.findByTestId("funnel-name-confirm"));

    expect(await screen.findByTestId("funnel-name-error")).toHaveTextContent("give the funnel a name of 1 to 120 characters");
    expect(screen.getByTestId("funnel-saved-select")).toHaveValue("");
  });

  it("opens a saved funnel into the editor, asking first when edits would be lost, here and for another screen", async () => {
    const ipc = backend();
    await openFunnels();
    await savedLoaded();

    // The funnel it starts from is not work to lose.
    await userEvent.selectOptions(screen.getByTestId("funnel-saved-select"), "Pricing to demo");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(screen.getByTestId("funnel-step-0-event")).toHaveValue("Pricing");
    expect(screen.getByTestId("funnel-step-0-label")).toHaveValue("Read pricing");
    expect(screen.getByTestId("funnel-step-1-event")).toHaveValue("Demo Requested");
    expect(screen.queryByTestId("funnel-step-2")).not.toBeInTheDocument();
    await waitFor(() => {
      expect(ipc.sent("funnel_run").at(-1)).toEqual({
        definition: {
          version: 1,
          steps: [
            { event: "Pricing", type: "page", label: "Read pricing" },
            { event: "Demo Requested", type: "track" },
          ],
          window_days: 7,
          range: { last_days: 60 },
          order: "ordered",
        },
      });
    });

    const days = screen.getByTestId("funnel-window-days");
    await userEvent.clear(days);
    await userEvent.type(days, "3");
    await userEvent.selectOptions(screen.getByTestId("funnel-saved-select"), "Activation");
    const dialog = await screen.findByRole("dialog", { name: "Discard your changes?" });
    expect(dialog).toHaveTextContent("“Pricing to demo” has changes that were not saved");
    await userEvent.click(within(dialog).getByTestId("funnel-discard-cancel"));
    expect(screen.getByTestId("funnel-window-days")).toHaveValue("3");
    expect(screen.getByTestId("funnel-saved-select")).toHaveValue("Pricing to demo");

    // Leaving the screen asks too.
    const nav = screen.getByRole("navigation", { name: "Screens" });
    await userEvent.click(within(nav).getByRole("button", { name: "Segments" }));
    await userEvent.click(await screen.findByTestId("leave-discard-cancel"));
    expect(screen.getByTestId("funnel-builder")).toBeInTheDocument();

    await userEvent.selectOptions(screen.getByTestId("funnel-saved-select"), "Activation");
    await userEvent.click(await screen.findByTestId("funnel-discard-confirm"));
    expect(screen.getByTestId("funnel-saved-select")).toHaveValue("Activation");
    expect(screen.getByTestId("funnel-step-3-event")).toHaveValue("Report Exported");
    expect(screen.getByTestId("funnel-window-days")).toHaveValue("14");
    expect(screen.queryByTestId("funnel-unsaved")).not.toBeInTheDocument();
  });

  it("deletes a saved funnel once confirmed, and says why one a segment reads is kept", async () => {
    const ipc = backend();
    await openFunnels();
    await savedLoaded();
    await userEvent.selectOptions(screen.getByTestId("funnel-saved-select"), "Activation");
    await screen.findByTestId("funnel-table");
    await segmentFromStep(2, "funnel-segment-reached");
    await screen.findByTestId("funnel-segment-notice");

    await userEvent.click(screen.getByTestId("funnel-delete"));
    await userEvent.click(await screen.findByTestId("funnel-delete-dialog-cancel"));
    expect(ipc.sent("funnel_delete")).toEqual([]);

    await userEvent.click(screen.getByTestId("funnel-delete"));
    await userEvent.click(await screen.findByTestId("funnel-delete-dialog-confirm"));
    expect(await screen.findByTestId("funnel-delete-dialog-error")).toHaveTextContent(
      "`Activation` is used by Activation: reached Source Connected; remove it from them first",
    );
    expect(savedOptions()).toEqual(["Activation", "Pricing to demo"]);
    await userEvent.click(screen.getByTestId("funnel-delete-dialog-cancel"));

    await userEvent.selectOptions(screen.getByTestId("funnel-saved-select"), "Pricing to demo");
    await userEvent.click(screen.getByTestId("funnel-delete"));
    await userEvent.click(await screen.findByTestId("funnel-delete-dialog-confirm"));
    await waitFor(() => {
      expect(savedOptions()).toEqual(["Activation"]);
    });
    expect(ipc.sent("funnel_delete")).toEqual([{ name: "Activation" }, { name: "Pricing to demo" }]);
    await waitFor(() => {
      expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    });
    // The funnel stays in the editor, no longer saved.
    expect(screen.getByTestId("funnel-saved-select")).toHaveValue("");
    expect(screen.getByTestId("funnel-step-0-event")).toHaveValue("Pricing");
    expect(screen.getByTestId("funnel-delete")).toBeDisabled();
  });
});

describe("Segments from a funnel's steps", () => {
  it("saves an unsaved funnel first, makes the segment of those who reached a step, and opens it", async () => {
    const ipc = backend();
    await openFunnels();
    await savedLoaded();
    await screen.findByTestId("funnel-table");
    const reachedStep2 = cell(1, 1);

    await segmentFromStep(2, "funnel-segment-reached");
    const input = await screen.findByTestId("funnel-name-input");
    expect(screen.getByRole("dialog", { name: "Save the funnel first" })).toBeInTheDocument();
    expect(ipc.sent("funnel_segment")).toEqual([]);
    await userEvent.clear(input);
    await userEvent.type(input, "Onboarding");
    await userEvent.click(screen.getByTestId("funnel-name-confirm"));

    const notice = await screen.findByTestId("funnel-segment-notice");
    expect(ipc.sent("funnel_save")).toEqual([{ name: "Onboarding", definition: DEFAULT_FUNNEL }]);
    expect(ipc.sent("funnel_segment")).toEqual([{ funnel: "Onboarding", step: 2, outcome: "reached", name: null }]);
    expect(notice).toHaveTextContent("“Onboarding: reached Source Connected” holds");
    // The segment holds the people the table counts at that step.
    expect(screen.getByTestId("funnel-segment-size")).toHaveTextContent(`${reachedStep2} people`);
    expect(screen.getByTestId("funnel-saved-select")).toHaveValue("Onboarding");

    await userEvent.click(within(notice).getByTestId("funnel-segment-open"));
    expect(await screen.findByTestId("segment-name")).toHaveValue("Onboarding: reached Source Connected");
    expect(screen.getByTestId("segment-title")).toHaveTextContent("Onboarding: reached Source Connected");
    expect(await screen.findByTestId("describe-/rule/in_funnel")).toHaveTextContent(
      "People who reached step 2 “Source Connected” and every step before it of “Onboarding”",
    );
    expect(screen.getByTestId("field-/rule/in_funnel/step")).toHaveValue("2");
    // The segments list was read again, with the new segment in it.
    await userEvent.click(screen.getByTestId("segment-back"));
    expect(await screen.findByTestId("segment-row-Onboarding: reached Source Connected")).toBeInTheDocument();
  });

  it("makes the segment of those who dropped out at once from a saved funnel, and never at step 1", async () => {
    const ipc = backend();
    await openFunnels();
    await savedLoaded();
    await userEvent.selectOptions(screen.getByTestId("funnel-saved-select"), "Activation");
    await screen.findByTestId("funnel-table");
    const droppedAtStep3 = cell(2, 4);

    await userEvent.click(screen.getByTestId("funnel-step-segment-1"));
    expect(await screen.findByTestId("funnel-segment-reached")).toBeInTheDocument();
    expect(screen.queryByTestId("funnel-segment-dropped")).not.toBeInTheDocument();
    await userEvent.keyboard("{Escape}");

    const fieldReads = ipc.sent("segment_fields").length;
    await segmentFromStep(3, "funnel-segment-dropped");
    const notice = await screen.findByTestId("funnel-segment-notice");
    // What the segments read is read again (the builder's pickers list the new segment).
    await waitFor(() => {
      expect(ipc.sent("segment_fields").length).toBeGreaterThan(fieldReads);
    });
    expect(screen.queryByTestId("funnel-name-input")).not.toBeInTheDocument();
    expect(ipc.sent("funnel_save")).toEqual([]);
    expect(ipc.sent("funnel_segment")).toEqual([{ funnel: "Activation", step: 3, outcome: "dropped", name: null }]);
    expect(notice).toHaveTextContent("“Activation: dropped at Destination Enabled” holds");
    expect(screen.getByTestId("funnel-segment-size")).toHaveTextContent(`${droppedAtStep3} people`);

    // The same segment again is refused, and says why.
    await segmentFromStep(3, "funnel-segment-dropped");
    expect(await screen.findByTestId("funnel-segment-error")).toHaveTextContent(
      "a segment named `Activation: dropped at Destination Enabled` already exists",
    );
    expect(screen.queryByTestId("funnel-segment-notice")).not.toBeInTheDocument();
  });

  it("saves a saved funnel's edits in its place before making a segment of them", async () => {
    const ipc = backend();
    await openFunnels();
    await savedLoaded();
    await userEvent.selectOptions(screen.getByTestId("funnel-saved-select"), "Activation");
    const days = screen.getByTestId("funnel-window-days");
    await userEvent.clear(days);
    await userEvent.type(days, "7");
    await waitFor(() => {
      expect(ipc.sent("funnel_run").at(-1)).toEqual({ definition: { ...DEFAULT_FUNNEL, window_days: 7 } });
    });
    await waitFor(() => {
      expect(screen.getByTestId("funnel-step-segment-4")).toBeEnabled();
    });

    await segmentFromStep(4, "funnel-segment-reached");
    const dialog = await screen.findByRole("dialog", { name: "Save the funnel first" });
    expect(dialog).toHaveTextContent("Saving it as “Activation” changes the segments that already read it");
    expect(screen.getByTestId("funnel-name-input")).toHaveValue("Activation");
    await userEvent.click(screen.getByTestId("funnel-name-confirm"));

    await screen.findByTestId("funnel-segment-notice");
    expect(ipc.sent("funnel_save")).toEqual([{ name: "Activation", definition: { ...DEFAULT_FUNNEL, window_days: 7 } }]);
    expect(ipc.sent("funnel_segment")).toEqual([{ funnel: "Activation", step: 4, outcome: "reached", name: null }]);
    expect(screen.queryByTestId("funnel-unsaved")).not.toBeInTheDocument();
  });
});
