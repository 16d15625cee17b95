import { mockIPC } from "@tauri-apps/api/mocks";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { Definition } from "../bindings/Definition";
import type { SegmentPreview } from "../bindings/SegmentPreview";
import type { SegmentSummary } from "../bindings/SegmentSummary";
import type { ArgsOf } from "../ipc";
import { hoursBefore, readyStatus, rejectWith, sampleOverview } from "../mocks/sample";
import { isSegmentCommand, segmentCommands } from "../mocks/segments";
import { renderScreen } from "../test/renderApp";

type Handler = (args: never) => unknown;

/**
 * The mock's segments (five saved ones, computed two hours ago) behind IPC, with any command
 * answered by `answers` instead; `sent(command)` is what each call of that command was given.
 */
function backend({ empty = false, answers = {} }: { empty?: boolean; answers?: Record<string, Handler> } = {}) {
  const segments = segmentCommands(() => new Date(), { empty });
  const calls: { command: string; args: unknown }[] = [];
  mockIPC((command, payload) => {
    calls.push({ command, args: payload });
    const answer = answers[command] as ((args: unknown) => unknown) | undefined;
    if (answer) return answer(payload);
    if (command === "workspace_status") return readyStatus();
    if (command === "overview") return sampleOverview();
    if (isSegmentCommand(command)) return (segments[command] as (args: unknown) => unknown)(payload);
    return rejectWith(`command ${command} not found`);
  });
  return {
    sent: (command: string) => calls.filter((c) => c.command === command).map((c) => c.args),
    order: () => calls.map((c) => c.command),
  };
}

function summary(name: string, fields: Partial<SegmentSummary>): SegmentSummary {
  return {
    name,
    target: "people",
    description: "",
    status: "ready",
    statusDetail: null,
    computedAt: null,
    updatedAt: "2025-06-01T10:00:00Z",
    latest: null,
    ...fields,
  };
}

const VERSION = { version: 7, computedAt: "2025-06-14T12:00:00Z", reason: "import", tooNew: 0 };

async function openSegments() {
  const rendered = await renderScreen("Segments");
  await screen.findByTestId("segment-list");
  return rendered;
}

/** Picks an option of a native select by its value. */
async function choose(testId: string, value: string) {
  await userEvent.selectOptions(screen.getByTestId(testId), value);
}

async function addRule(kind: string, button = screen.getByTestId("add-rule-/rule/all")) {
  await userEvent.click(button);
  await userEvent.click(await screen.findByTestId(`segment-kind-${kind}`));
}

/** The companies segment of the builder test: a company trait, and its people's behaviour. */
const COMPANIES_DEFINITION: Definition = {
  version: 1,
  name: "Companies segment",
  description: "",
  target: "companies",
  rule: {
    all: [
      { company_trait: { key: "industry", op: "equals", value: "Software" } },
      {
        people: {
          match: "any",
          rule: {
            all: [
              { performed: { event: "Pricing", type: "page", count: { op: "at_least", n: 3 }, window: { last_days: 14 } } },
            ],
          },
        },
      },
    ],
  },
};

const COMPANIES_PREVIEW: SegmentPreview = {
  problems: [],
  error: null,
  count: 1_234,
  explanation: {
    path: "/rule/all",
    kind: "all",
    description: "all of these",
    unit: "companies",
    input: 6_370,
    kept: 1_234,
    dropped: 5_136,
    negated: false,
    tooNew: null,
    children: [
      {
        path: "/rule/all/0/company_trait",
        kind: "company_trait",
        description: "company's industry is “Software”",
        unit: "companies",
        input: 6_370,
        kept: 1_820,
        dropped: 4_550,
        negated: false,
        tooNew: null,
        children: [],
      },
      {
        path: "/rule/all/1/people",
        kind: "people",
        description: "any of its people",
        unit: "companies",
        input: 1_820,
        kept: 1_234,
        dropped: 586,
        negated: false,
        tooNew: null,
        children: [
          {
            path: "/rule/all/1/people/rule/all",
            kind: "all",
            description: "all of these",
            unit: "people",
            input: 14_100,
            kept: 3_002,
            dropped: 11_098,
            negated: false,
            tooNew: null,
            children: [
              {
                path: "/rule/all/1/people/rule/all/0/performed",
                kind: "performed",
                description: "performed “Pricing” (page) at least 3 times in the last 14 days",
                unit: "people",
                input: 14_100,
                kept: 3_002,
                dropped: 11_098,
                negated: false,
                tooNew: null,
                children: [],
              },
            ],
          },
        ],
      },
    ],
  },
  sample: [
    { id: 41, title: "Cedarloop Labs", subtitle: "cedarloop.com · Software · 420 employees" },
    { id: 42, title: "Northwind Logistics", subtitle: "northwindlogistics.com · Software · 4,200 employees" },
  ],
};

describe("Segments", () => {
  it("lists the segments with their target, size, last change and status", async () => {
    backend({
      answers: {
        segments: () => [
          summary("Engaged companies", {
            target: "companies",
            description: "Mid-size and up",
            computedAt: hoursBefore(new Date(), 3),
            latest: { ...VERSION, size: 12_345, entered: 120, exited: 45 },
          }),
          summary("Trial users", { status: "computing", latest: { ...VERSION, size: 980, entered: 0, exited: 3 } }),
          summary("Churn risk", { status: "failed", statusDetail: "the workspace file was locked; close it and recompute" }),
          summary("Enterprise accounts", { target: "companies", status: "pending" }),
        ],
      },
    });
    await openSegments();

    const engaged = screen.getByTestId("segment-row-Engaged companies");
    expect(engaged).toHaveTextContent("Mid-size and up");
    expect(engaged).toHaveTextContent("Companies");
    expect(screen.getByTestId("segment-size-Engaged companies")).toHaveTextContent("12,345");
    expect(screen.getByTestId("segment-change-Engaged companies")).toHaveTextContent("+120 −45");
    expect(screen.getByTestId("segment-status-Engaged companies")).toHaveTextContent("up to date as of 3 hours ago");
    expect(screen.getByTestId("segment-row-Trial users")).toHaveTextContent("People");
    expect(screen.getByTestId("segment-status-Trial users")).toHaveTextContent(/^computing$/);
    const failed = screen.getByTestId("segment-status-Churn risk");
    expect(failed).toHaveTextContent("failed: the workspace file was locked; close it and recompute");
    expect(failed).toHaveAttribute("data-status", "failed");
    expect(screen.getByTestId("segment-size-Churn risk")).toHaveTextContent("—");
    expect(screen.getByTestId("segment-status-Enterprise accounts")).toHaveTextContent("not computed yet");
  });

  it("explains what a segment is when there is none, and starts one", async () => {
    backend({ empty: true });
    await renderScreen("Segments");

    const empty = await screen.findByTestId("segments-empty");
    expect(empty).toHaveTextContent("A segment is a list of people or companies that match rules you choose");
    await userEvent.click(within(empty).getByTestId("segments-new-people"));
    expect(await screen.findByTestId("segment-name")).toHaveValue("People segment");
    expect(screen.getByTestId("empty-/rule/all")).toHaveTextContent("No rules yet, so every one of the people is in it");
  });

  it("builds a companies segment from a company field and its people's behaviour, with the count and each rule's part", async () => {
    const ipc = backend({
      answers: {
        segment_preview: ({ definition }: ArgsOf<"segment_preview">) =>
          JSON.stringify(definition) === JSON.stringify(COMPANIES_DEFINITION)
            ? COMPANIES_PREVIEW
            : { problems: [], error: null, count: 6_370, explanation: null, sample: [] },
      },
    });
    await openSegments();

    await userEvent.click(screen.getByTestId("segments-new-companies"));
    expect(screen.getByTestId("segment-name")).toHaveValue("Companies segment");
    expect(screen.getByTestId("segment-unsaved")).toHaveTextContent("New, not saved yet");

    await addRule("company_trait", screen.getByTestId("add-rule-/rule/all"));
    await choose("field-/rule/all/0/company_trait/key", "industry");
    await choose("field-/rule/all/0/company_trait/op", "equals");
    await userEvent.type(screen.getByTestId("field-/rule/all/0/company_trait/value"), "Software");

    await addRule("people");
    // It starts with the most common event, at least once, in the last 30 days.
    expect(screen.getByTestId("field-/rule/all/1/people/match")).toHaveValue("any");
    const performed = "/rule/all/1/people/rule/all/0/performed";
    expect(screen.getByTestId(`field-${performed}/event`)).toHaveValue("Pricing");
    expect(screen.getByTestId(`field-${performed}/count/n`)).toHaveValue("1");
    expect(screen.getByTestId(`field-${performed}/window/last_days`)).toHaveValue("30");
    const times = screen.getByTestId(`field-${performed}/count/n`);
    await userEvent.clear(times);
    await userEvent.type(times, "3");
    const days = screen.getByTestId(`field-${performed}/window/last_days`);
    await userEvent.clear(days);
    await userEvent.type(days, "14");

    await waitFor(() => {
      expect(screen.getByTestId("segment-count")).toHaveTextContent(/^1,234$/);
    });
    expect(ipc.sent("segment_preview").at(-1)).toEqual({ definition: COMPANIES_DEFINITION });
    expect(screen.getByTestId("segment-preview")).toHaveTextContent("1,234companies");
    expect(screen.getByTestId("explain-/rule/all")).toHaveTextContent("kept 1,234 of 6,370");
    expect(screen.getByTestId("explain-/rule/all/0/company_trait")).toHaveTextContent("kept 1,820 of 6,370");
    expect(screen.getByTestId("explain-/rule/all/1/people")).toHaveTextContent("kept 1,234 of 1,820");
    expect(screen.getByTestId(`explain-${performed}`)).toHaveTextContent("kept 3,002 of 14,100");
    expect(screen.getByTestId("segment-sample")).toHaveTextContent("Cedarloop Labscedarloop.com · Software · 420 employees");
    // Editing paused more than once, but not once per keystroke.
    expect(ipc.sent("segment_preview").length).toBeLessThan(12);
  });

  it("suggests the chosen field's values as they are typed, once typing pauses", async () => {
    const ipc = backend();
    await openSegments();
    await userEvent.click(screen.getByTestId("segments-new-companies"));
    await addRule("company_trait");
    await choose("field-/rule/all/0/company_trait/op", "equals");
    await userEvent.type(screen.getByTestId("field-/rule/all/0/company_trait/value"), "So");

    await waitFor(() => {
      expect(ipc.sent("segment_values").at(-1)).toEqual({ target: "companies", key: "industry", prefix: "So" });
    });
    // Not one request per keystroke: the empty prefix on focus, then what was typed.
    expect(ipc.sent("segment_values").length).toBeLessThanOrEqual(3);
    // Floating UI finds the input detached in jsdom (nothing has a size) and hides the open dropdown.
    const option = await screen.findByRole("option", { name: /Software/, hidden: true });
    expect(option).toHaveTextContent("Software182");
    await userEvent.click(option);
    await waitFor(() => {
      expect(ipc.sent("segment_preview").at(-1)).toMatchObject({
        definition: { rule: { all: [{ company_trait: { key: "industry", op: "equals", value: "Software" } }] } },
      });
    });
  });

  it("shows what a none group drops and who is too new for a did-not-do window", async () => {
    backend({
      answers: {
        segment_preview: () => ({
          ...COMPANIES_PREVIEW,
          count: 40,
          explanation: {
            ...COMPANIES_PREVIEW.explanation,
            path: "/rule/none",
            kind: "none",
            kept: 40,
            children: [
              {
                path: "/rule/none/0/not_performed",
                kind: "not_performed",
                description: "did not perform “Signed Up” in the last 30 days",
                unit: "people",
                input: 100,
                kept: 60,
                dropped: 40,
                negated: true,
                tooNew: 12,
                children: [],
              },
            ],
          },
        }),
      },
    });
    await openSegments();
    await userEvent.click(screen.getByTestId("segments-new-people"));
    await choose("group-kind-/rule/all", "none");
    await addRule("not_performed", screen.getByTestId("add-rule-/rule/none"));

    const badge = await screen.findByTestId("explain-/rule/none/0/not_performed");
    expect(badge).toHaveTextContent("matches 60, dropped");
    expect(badge).toHaveTextContent("12 too new for the window");
  });

  it("shows each problem beside its rule and sums them up above the count", async () => {
    const problems = [
      { path: "/name", message: "give the segment a name" },
      { path: "/rule/all/1/people/rule/all/0/performed/event", message: "name the event" },
    ];
    backend({ answers: { segment_preview: () => ({ problems, error: null, count: null, explanation: null, sample: [] }) } });
    await openSegments();
    await userEvent.click(screen.getByTestId("segments-new-companies"));
    await addRule("company_trait");
    await addRule("people");

    const performed = "/rule/all/1/people/rule/all/0/performed";
    await waitFor(() => {
      expect(screen.getByTestId(`problems-${performed}`)).toHaveTextContent("name the event");
    });
    expect(screen.getByTestId(`rule-${performed}`)).toHaveAttribute("data-invalid");
    expect(screen.getByTestId(`field-${performed}/event`)).toHaveAttribute("aria-invalid", "true");
    expect(screen.queryByTestId("problems-/rule/all/0/company_trait")).not.toBeInTheDocument();
    expect(screen.queryByTestId("problems-/rule/all/1/people")).not.toBeInTheDocument();
    expect(screen.getByTestId("segment-name")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByText("give the segment a name", { selector: ".mantine-InputWrapper-error" })).toBeInTheDocument();

    const summaryBox = screen.getByTestId("segment-problems");
    expect(summaryBox).toHaveTextContent("2 things to fix before it can be counted");
    expect(summaryBox).toHaveTextContent("Name: give the segment a name");
    expect(summaryBox).toHaveTextContent("Did an event: name the event");
    expect(screen.getByTestId("segment-save")).toBeDisabled();
    expect(screen.getByTestId("segment-save-blocked")).toHaveTextContent("Fix the 2 problems shown beside the rules first.");
  });

  it("shows an error that is about no rule above the count", async () => {
    backend({
      answers: {
        segment_preview: () => ({
          problems: [],
          error: "segment `Gone` does not exist; save it first",
          count: null,
          explanation: null,
          sample: [],
        }),
      },
    });
    await openSegments();
    await userEvent.click(screen.getByTestId("segments-new-people"));
    const error = await screen.findByTestId("segment-preview-error");
    expect(error).toHaveTextContent("segment Gone does not exist; save it first");
    expect(within(error).getByText("Gone").tagName).toBe("CODE");
  });

  it("saves a new segment as new, then an edit as a replacement of the old name", async () => {
    const ipc = backend();
    await openSegments();

    await userEvent.click(screen.getByTestId("segments-new-people"));
    const name = screen.getByTestId("segment-name");
    await userEvent.clear(name);
    await userEvent.type(name, "Pricing readers");
    await addRule("performed");
    await waitFor(() => {
      expect(screen.getByTestId("segment-save")).toBeEnabled();
    });
    await userEvent.click(screen.getByTestId("segment-save"));

    await waitFor(() => {
      expect(screen.queryByTestId("segment-unsaved")).not.toBeInTheDocument();
    });
    expect(ipc.sent("segment_save")).toEqual([
      {
        definition: {
          version: 1,
          name: "Pricing readers",
          description: "",
          target: "people",
          rule: { all: [{ performed: { event: "Pricing", type: "page", count: { op: "at_least", n: 1 }, window: { last_days: 30 } } }] },
        },
        replacing: null,
      },
    ]);
    expect(screen.getByTestId("segment-title")).toHaveTextContent("Pricing readers");
    expect(screen.getByTestId("segment-save")).toBeDisabled();
    expect(screen.getByTestId("segment-tab-history")).toBeInTheDocument();

    // Renaming it in the builder saves it in place of the old name.
    await userEvent.type(screen.getByTestId("segment-name"), " (30 days)");
    expect(screen.getByTestId("segment-unsaved")).toHaveTextContent("Unsaved changes");
    await waitFor(() => {
      expect(screen.getByTestId("segment-save")).toBeEnabled();
    });
    await userEvent.click(screen.getByTestId("segment-save"));
    await waitFor(() => {
      expect(ipc.sent("segment_save")).toHaveLength(2);
    });
    expect(ipc.sent("segment_save")[1]).toMatchObject({
      definition: { name: "Pricing readers (30 days)" },
      replacing: "Pricing readers",
    });
    await waitFor(() => {
      expect(screen.getByTestId("segment-title")).toHaveTextContent("Pricing readers (30 days)");
    });
  });

  it("opens a saved segment with its rules, and saves an edit in its place", async () => {
    const ipc = backend();
    await openSegments();

    await userEvent.click(within(screen.getByTestId("segment-row-Trial users")).getByText("Trial users"));
    expect(await screen.findByTestId("segment-name")).toHaveValue("Trial users");
    expect(screen.getByTestId("field-/rule/all/0/performed/event")).toHaveValue("Trial Started");
    expect(screen.getByTestId("segment-save")).toBeDisabled();
    expect(screen.queryByTestId("segment-unsaved")).not.toBeInTheDocument();

    const days = screen.getByTestId("field-/rule/all/0/performed/window/last_days");
    await userEvent.clear(days);
    await userEvent.type(days, "7");
    await waitFor(() => {
      expect(screen.getByTestId("segment-save")).toBeEnabled();
    });
    await userEvent.click(screen.getByTestId("segment-save"));
    await waitFor(() => {
      expect(ipc.sent("segment_save")).toEqual([
        {
          definition: {
            version: 1,
            name: "Trial users",
            description: "Started a trial in the last two weeks",
            target: "people",
            rule: { all: [{ performed: { event: "Trial Started", window: { last_days: 7 } } }] },
          },
          replacing: "Trial users",
        },
      ]);
    });
  });

  it("asks before leaving unsaved changes, in the screen and for another screen", async () => {
    backend();
    await openSegments();
    await userEvent.click(screen.getByTestId("segments-new-people"));
    await addRule("score");

    await userEvent.click(screen.getByTestId("segment-back"));
    const dialog = await screen.findByRole("dialog", { name: "Discard your changes?" });
    expect(dialog).toHaveTextContent("“People segment” has changes that were not saved");
    await userEvent.click(within(dialog).getByTestId("segment-discard-cancel"));
    expect(screen.getByTestId("rule-/rule/all/0/score")).toBeInTheDocument();

    const nav = screen.getByRole("navigation", { name: "Screens" });
    await userEvent.click(within(nav).getByRole("button", { name: "People" }));
    await userEvent.click(await screen.findByTestId("leave-discard-cancel"));
    expect(screen.getByTestId("rule-/rule/all/0/score")).toBeInTheDocument();

    await userEvent.click(screen.getByTestId("segment-back"));
    await userEvent.click(await screen.findByTestId("segment-discard-confirm"));
    expect(await screen.findByTestId("segment-list")).toBeInTheDocument();
  });

  it("deletes a segment only once that is confirmed, and says why one in use is kept", async () => {
    const ipc = backend();
    await openSegments();

    await userEvent.click(screen.getByTestId("segment-menu-Churn risk"));
    await userEvent.click(await screen.findByTestId("segment-delete-Churn risk"));
    const dialog = await screen.findByRole("dialog", { name: "Delete the segment?" });
    expect(dialog).toHaveTextContent("“Churn risk”, its history and its members are removed");
    await userEvent.click(within(dialog).getByTestId("segment-delete-cancel"));
    await waitFor(() => {
      expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    });
    expect(ipc.sent("segment_delete")).toEqual([]);

    await userEvent.click(screen.getByTestId("segment-menu-Churn risk"));
    await userEvent.click(await screen.findByTestId("segment-delete-Churn risk"));
    await userEvent.click(await screen.findByTestId("segment-delete-confirm"));
    await waitFor(() => {
      expect(screen.queryByTestId("segment-row-Churn risk")).not.toBeInTheDocument();
    });
    expect(ipc.sent("segment_delete")).toEqual([{ name: "Churn risk" }]);

    await userEvent.click(screen.getByTestId("segment-menu-Trial users"));
    await userEvent.click(await screen.findByTestId("segment-delete-Trial users"));
    await userEvent.click(await screen.findByTestId("segment-delete-confirm"));
    expect(await screen.findByTestId("segment-delete-error")).toHaveTextContent(
      "`Trial users` is used by Did not open activation; remove it from them first",
    );
    expect(screen.getByTestId("segment-row-Trial users")).toBeInTheDocument();
  });

  it("duplicates and renames under the name asked for, and recomputes", async () => {
    const ipc = backend();
    await openSegments();

    await userEvent.click(screen.getByTestId("segment-menu-Trial users"));
    await userEvent.click(await screen.findByTestId("segment-duplicate-Trial users"));
    expect(await screen.findByTestId("segment-new-name")).toHaveValue("Trial users copy");
    await userEvent.click(screen.getByTestId("segment-name-confirm"));
    expect(await screen.findByTestId("segment-row-Trial users copy")).toBeInTheDocument();
    expect(ipc.sent("segment_duplicate")).toEqual([{ name: "Trial users", newName: "Trial users copy" }]);

    await userEvent.click(screen.getByTestId("segment-menu-Trial users copy"));
    await userEvent.click(await screen.findByTestId("segment-rename-Trial users copy"));
    const input = await screen.findByTestId("segment-new-name");
    await userEvent.clear(input);
    await userEvent.type(input, "Recent trials");
    await userEvent.click(screen.getByTestId("segment-name-confirm"));
    expect(await screen.findByTestId("segment-row-Recent trials")).toBeInTheDocument();
    expect(ipc.sent("segment_rename")).toEqual([{ name: "Trial users copy", newName: "Recent trials" }]);

    await userEvent.click(screen.getByTestId("segment-recompute-Recent trials"));
    await waitFor(() => {
      expect(ipc.sent("segment_recompute")).toEqual([{ name: "Recent trials" }]);
    });
  });

  it("shows a saved segment's history, who changed in a version, and its members", async () => {
    const ipc = backend();
    await openSegments();
    await userEvent.click(within(screen.getByTestId("segment-row-Trial users")).getByText("Trial users"));
    await userEvent.click(await screen.findByTestId("segment-tab-history"));

    expect(await screen.findByTestId("segment-history-chart")).toHaveAttribute("role", "img");
    const rows = within(screen.getByTestId("segment-versions")).getAllByRole("row");
    expect(rows).toHaveLength(22);
    expect(rows[1]).toHaveTextContent(/^21/);
    await userEvent.click(screen.getByTestId("segment-version-20"));
    const diff = await screen.findByTestId("segment-diff");
    expect(ipc.sent("segment_diff")).toEqual([{ name: "Trial users", version: 20 }]);
    expect(diff).toHaveTextContent("Version 20: who changed");
    const entered = within(diff).getByTestId("segment-diff-entered-count").textContent;
    expect(entered).toMatch(/^Entered: \d+$/);

    await userEvent.click(screen.getByTestId("segment-tab-members"));
    await screen.findByTestId("segment-members");
    expect(ipc.sent("segment_members")).toEqual([{ name: "Trial users", limit: 100 }]);
  });

  it("shows the size of an export before writing it, then writes where the save dialog says", async () => {
    const path = "/home/alex/Exports/Engaged companies.csv";
    const ipc = backend({
      answers: {
        segment_export_estimate: () => ({ rows: 12_345, bytes: 1_234_567 }),
        "plugin:dialog|save": () => path,
        segment_export: ({ path: written }: ArgsOf<"segment_export">) => ({ rows: 12_345, path: written }),
      },
    });
    await openSegments();

    await userEvent.click(screen.getByTestId("segment-menu-Engaged companies"));
    await userEvent.click(await screen.findByTestId("segment-export-Engaged companies"));
    const dialog = await screen.findByRole("dialog", { name: "Export “Engaged companies”" });
    await waitFor(() => {
      expect(within(dialog).getByTestId("export-estimate")).toHaveTextContent("12,345 rows, about 1.2 MB");
    });
    const columns = ["id", "name", "domain", "employees", "industry", "country", "score"];
    expect(ipc.sent("segment_export_estimate").at(-1)).toEqual({ name: "Engaged companies", columns, format: "csv" });
    expect(ipc.sent("segment_export")).toEqual([]);

    await userEvent.click(within(dialog).getByTestId("export-write"));
    expect(await within(dialog).findByTestId("export-done")).toHaveTextContent("12,345 rows written to");
    expect(within(dialog).getByTestId("export-path")).toHaveTextContent(path);
    expect(ipc.sent("plugin:dialog|save")).toEqual([
      {
        options: {
          title: "Export “Engaged companies”",
          defaultPath: "Engaged companies.csv",
          filters: [{ name: "CSV", extensions: ["csv"] }],
        },
      },
    ]);
    expect(ipc.sent("segment_export")).toEqual([{ name: "Engaged companies", columns, format: "csv", path }]);
    const order = ipc.order();
    expect(order.indexOf("segment_export_estimate")).toBeLessThan(order.indexOf("plugin:dialog|save"));
  });

  it("writes nothing when the save dialog is cancelled", async () => {
    const ipc = backend({ answers: { "plugin:dialog|save": () => null } });
    await openSegments();
    await userEvent.click(screen.getByTestId("segment-menu-Trial users"));
    await userEvent.click(await screen.findByTestId("segment-export-Trial users"));
    const dialog = await screen.findByRole("dialog");
    await userEvent.click(within(dialog).getByText("JSON Lines"));
    await waitFor(() => {
      expect(within(dialog).getByTestId("export-write")).toBeEnabled();
    });
    await userEvent.click(within(dialog).getByTestId("export-write"));
    await waitFor(() => {
      expect(ipc.sent("plugin:dialog|save")).toHaveLength(1);
    });
    expect(ipc.sent("plugin:dialog|save")[0]).toMatchObject({ options: { defaultPath: "Trial users.jsonl" } });
    expect(ipc.sent("segment_export")).toEqual([]);
    expect(within(dialog).getByTestId("export-write")).toBeInTheDocument();
  });
});
