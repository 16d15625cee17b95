import { mockIPC } from "@tauri-apps/api/mocks";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { Funnel } from "../bindings/Funnel";
import type { FunnelResult } from "../bindings/FunnelResult";
import type { FunnelStepResult } from "../bindings/FunnelStepResult";
import { readyStatus, rejectWith, sampleOverview } from "../mocks/sample";
import { isSegmentCommand, segmentCommands } from "../mocks/segments";
import { isSpendCommand, spendCommands } from "../mocks/spend";
import { renderScreen } from "../test/renderApp";

type Handler = (args: never) => unknown;

/** The mock's segments and funnels behind IPC, with any command answered by `answers` instead. */
function backend(answers: Record<string, Handler> = {}) {
  const segments = segmentCommands(() => new Date());
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
      ["Signed Up", "1,000", "—", "100.0%", "—", "—"],
      ["Source Connected", "600", "60.0%", "60.0%", "400", "2 hours"],
      ["Destination Enabled", "450", "75.0%", "45.0%", "150", "3 days"],
      ["Report Exported", "90", "20.0%", "9.0%", "360", "42 min"],
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
    // The segment-from-a-step button is not built, so it is not shown.
    for (const part of ["funnel-builder", "funnel-results"]) {
      expect(within(screen.getByTestId(part)).queryByRole("button", { name: /segment/i })).not.toBeInTheDocument();
    }
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
