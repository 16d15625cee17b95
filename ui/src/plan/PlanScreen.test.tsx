import { mockIPC } from "@tauri-apps/api/mocks";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { PlanView } from "../bindings/PlanView";
import type { ArgsOf } from "../ipc";
import { emptyPlanView, readyStatus, rejectWith, sampleOverview, samplePlanView } from "../mocks/sample";
import { renderScreen } from "../test/renderApp";

/** A back end holding a plan; `imported` records the text each `plan_import` was sent. */
function backend(initial: () => unknown, importPlan: (json: string) => unknown = () => samplePlanView(new Date())) {
  let plan = initial;
  const imported: string[] = [];
  mockIPC((command, payload) => {
    if (command === "workspace_status") return readyStatus();
    if (command === "overview") return sampleOverview();
    if (command === "tracking_plan") return plan();
    if (command === "plan_import") {
      const { json } = payload as ArgsOf<"plan_import">;
      imported.push(json);
      const answer = importPlan(json);
      if (!(answer instanceof Promise)) plan = () => answer;
      return answer;
    }
    return rejectWith(`command ${command} not found`);
  });
  return imported;
}

const PLAN_FILE = JSON.stringify({ name: "Website and app", events: [{ name: "Signed Up" }] });

/** The body rows of a table. */
function rows(testId: string) {
  return within(screen.getByTestId(testId)).getAllByRole("row").slice(1) as HTMLTableRowElement[];
}

/** The cells of one body row, to query within. */
function bodyRow(testId: string, index: number) {
  const row = rows(testId)[index];
  if (!row) throw new Error(`${testId} has no body row ${String(index)}`);
  return within(row);
}

describe("Tracking plan", () => {
  it("shows the plan's events with their properties, and what arrived against them", async () => {
    backend(() => samplePlanView(new Date()));
    await renderScreen("Tracking plan");

    expect(await screen.findByTestId("plan-name")).toHaveTextContent("Website and app");
    expect(screen.getByTestId("plan-imported-at")).toHaveTextContent("last week");
    expect(rows("plan-events")).toHaveLength(4);

    const signedUp = within(screen.getByTestId("plan-event-Signed Up"));
    expect(signedUp.getByText("A visitor created an account.")).toBeInTheDocument();
    expect(signedUp.getByText("plan")).toBeInTheDocument();
    expect(signedUp.getByText("string | null")).toBeInTheDocument();
    // Only "plan" is required.
    expect(signedUp.getAllByText("required")).toHaveLength(1);
    expect(signedUp.getByText("1,204")).toBeInTheDocument();
    expect(signedUp.getByText("37")).toBeInTheDocument();
    expect(signedUp.getByText("3.1%")).toBeInTheDocument();
    expect(within(screen.getByTestId("plan-event-Webinar Registered")).getByText("any type")).toBeInTheDocument();
  });

  it("counts violations by event and kind, and shows the newest examples, in words", async () => {
    backend(() => samplePlanView(new Date()));
    await renderScreen("Tracking plan");
    await screen.findByTestId("plan-name");

    const counts = rows("violation-counts").map((row) => Array.from(row.cells, (cell) => cell.textContent));
    expect(counts).toEqual([
      ["Trial Started", "Unplanned event", "57"],
      ["Signed Up", "Missing property", "31"],
      ["Demo Requested", "Extra property", "12"],
      ["Signed Up", "Wrong type", "6"],
      ["Demo Requested", "Invalid value", "2"],
    ]);

    expect(rows("violation-examples")).toHaveLength(5);
    const missing = bodyRow("violation-examples", 1);
    expect(missing.getByText("Signed Up")).toBeInTheDocument();
    expect(missing.getByText("Missing property")).toBeInTheDocument();
    expect(missing.getByText("plan")).toBeInTheDocument();
    expect(missing.getByText("plan is required and was not sent.")).toBeInTheDocument();
    expect(missing.getByText("msg-9e77")).toBeInTheDocument();
    // An unplanned event concerns no property.
    expect(bodyRow("violation-examples", 0).getByText("—")).toBeInTheDocument();
  });

  it("explains what a plan is, and imports the chosen file's text", async () => {
    const imported = backend(() => emptyPlanView());
    await renderScreen("Tracking plan");

    const empty = await screen.findByTestId("plan-empty");
    expect(empty).toHaveTextContent("A tracking plan lists the events your apps should send");
    expect(screen.queryByTestId("plan-events")).not.toBeInTheDocument();

    await userEvent.upload(screen.getByTestId("plan-file"), new File([PLAN_FILE], "plan.json", { type: "application/json" }));

    expect(await screen.findByTestId("plan-name")).toHaveTextContent("Website and app");
    expect(imported).toEqual([PLAN_FILE]);
    expect(screen.queryByTestId("plan-empty")).not.toBeInTheDocument();
  });

  it("shows why a file was refused, naming it", async () => {
    backend(
      () => emptyPlanView(),
      () => rejectWith({ code: "invalidInput", message: "The file is not JSON: expected value at line 1 column 1." }),
    );
    await renderScreen("Tracking plan");

    await userEvent.upload(await screen.findByTestId("plan-file"), new File(["not json"], "broken.json"));

    const alert = await screen.findByTestId("plan-import-error");
    expect(alert).toHaveTextContent("broken.json could not be imported");
    expect(alert).toHaveTextContent("The file is not JSON: expected value at line 1 column 1.");
    expect(screen.getByTestId("plan-empty")).toBeInTheDocument();
  });

  it("imports pasted JSON", async () => {
    const imported = backend(() => emptyPlanView());
    await renderScreen("Tracking plan");

    expect(await screen.findByTestId("plan-import")).toBeDisabled();
    await userEvent.click(screen.getByTestId("plan-json"));
    await userEvent.paste(PLAN_FILE);
    await userEvent.click(screen.getByTestId("plan-import"));

    expect(await screen.findByTestId("plan-name")).toHaveTextContent("Website and app");
    expect(imported).toEqual([PLAN_FILE]);
  });

  it("replaces a plan with a new one", async () => {
    const replacement: PlanView = {
      ...emptyPlanView(),
      plan: { name: "App v2", importedAt: new Date().toISOString(), events: [] },
    };
    backend(
      () => samplePlanView(new Date()),
      () => replacement,
    );
    await renderScreen("Tracking plan");

    await userEvent.click(await screen.findByTestId("plan-replace"));
    await userEvent.upload(screen.getByTestId("plan-file"), new File([PLAN_FILE], "v2.json"));

    expect(await screen.findByText("App v2")).toBeInTheDocument();
    expect(screen.queryByTestId("plan-file")).not.toBeInTheDocument();
  });

  it("shows the error when the plan cannot be loaded", async () => {
    backend(() => rejectWith({ code: "io", message: "Could not read the workspace file; try again." }));
    await renderScreen("Tracking plan");

    const alert = await screen.findByTestId("plan-error");
    expect(alert).toHaveTextContent("The tracking plan could not be loaded");
    expect(alert).toHaveTextContent("Could not read the workspace file; try again.");
  });
});
