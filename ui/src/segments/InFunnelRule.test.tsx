import { mockIPC } from "@tauri-apps/api/mocks";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { Definition } from "../bindings/Definition";
import { formatCount } from "../format";
import { funnelCommands, isFunnelCommand, savedFunnels } from "../mocks/funnels";
import { readyStatus, rejectWith, sampleOverview } from "../mocks/sample";
import { isSegmentCommand, segmentCommands } from "../mocks/segments";
import { renderScreen } from "../test/renderApp";

type Handler = (args: never) => unknown;

/**
 * The mock's segments and saved funnels ("Activation": Signed Up, Source Connected, Destination
 * Enabled, Report Exported; "Pricing to demo": Read pricing, Demo Requested) behind IPC, with any
 * command answered by `answers` instead.
 */
function backend(answers: Record<string, Handler> = {}) {
  const store = savedFunnels(() => new Date());
  const segments = segmentCommands(() => new Date(), { funnels: store.reach });
  const funnels = funnelCommands(() => new Date(), store, segments);
  const calls: { command: string; args: unknown }[] = [];
  mockIPC((command, payload) => {
    calls.push({ command, args: payload });
    const answer = answers[command] as ((args: unknown) => unknown) | undefined;
    if (answer) return answer(payload);
    if (command === "workspace_status") return readyStatus();
    if (command === "overview") return sampleOverview();
    if (isSegmentCommand(command)) return (segments[command] as (args: unknown) => unknown)(payload);
    if (isFunnelCommand(command)) return (funnels[command] as (args: unknown) => unknown)(payload);
    return rejectWith(`command ${command} not found`);
  });
  return {
    store,
    sent: (command: string) => calls.filter((c) => c.command === command).map((c) => c.args),
    /** The rule of the definition last sent for a count. */
    lastRule: () => (calls.filter((c) => c.command === "segment_preview").at(-1)?.args as { definition: Definition } | undefined)?.definition.rule,
  };
}

async function newPeopleSegment() {
  await renderScreen("Segments");
  await userEvent.click(await screen.findByTestId("segments-new-people"));
}

async function addRule(kind: string, button = screen.getByTestId("add-rule-/rule/all")) {
  await userEvent.click(button);
  await userEvent.click(await screen.findByTestId(`segment-kind-${kind}`));
}

/** Opens a searchable picker and chooses the option named `name`. */
async function pick(testId: string, name: string) {
  const input = screen.getByTestId(testId);
  await userEvent.click(input);
  const list = await waitFor(() => {
    const id = input.getAttribute("aria-controls");
    const found = id === null ? null : document.getElementById(id);
    if (!found) throw new Error(`${testId} controls no list`);
    return found;
  });
  // Floating UI finds the input detached in jsdom (nothing has a size) and hides the open dropdown.
  await userEvent.click(within(list).getByRole("option", { name, hidden: true }));
}

const RULE = "/rule/all/0/in_funnel";

describe("An “In a funnel” rule", () => {
  it("starts on the first saved funnel's step 2, and edits funnel, outcome and step with what it keeps in words", async () => {
    const ipc = backend();
    await newPeopleSegment();
    await addRule("in_funnel");

    await waitFor(() => {
      expect(screen.getByTestId(`field-${RULE}/funnel`)).toHaveValue("Activation");
    });
    const step = screen.getByTestId(`field-${RULE}/step`);
    expect(step).toHaveValue("2");
    expect([...step.querySelectorAll("option")].map((o) => o.textContent)).toEqual([
      "1. Signed Up",
      "2. Source Connected",
      "3. Destination Enabled",
      "4. Report Exported",
    ]);
    expect(screen.getByTestId(`describe-${RULE}`)).toHaveTextContent(
      "People who reached step 2 “Source Connected” and every step before it of “Activation”",
    );
    await waitFor(() => {
      expect(ipc.lastRule()).toEqual({ all: [{ in_funnel: { funnel: "Activation", step: 2, outcome: "reached" } }] });
    });
    // Counted as the funnel counts that step.
    const reached = ipc.store.reach("Activation", 2, "reached") ?? -1;
    await waitFor(() => {
      expect(screen.getByTestId("segment-count")).toHaveTextContent(new RegExp(`^${formatCount(reached)}$`));
    });

    await userEvent.click(within(screen.getByTestId(`field-${RULE}/outcome`)).getByLabelText("Dropped out at"));
    expect(within(step).getByRole("option", { name: "1. Signed Up" })).toBeDisabled();
    await userEvent.selectOptions(step, "3");
    expect(screen.getByTestId(`describe-${RULE}`)).toHaveTextContent(
      "People who reached step 2 “Source Connected” of “Activation” but not step 3 “Destination Enabled”.",
    );
    await waitFor(() => {
      expect(ipc.lastRule()).toEqual({ all: [{ in_funnel: { funnel: "Activation", step: 3, outcome: "dropped" } }] });
    });
    const dropped = ipc.store.reach("Activation", 3, "dropped") ?? -1;
    await waitFor(() => {
      expect(screen.getByTestId("segment-count")).toHaveTextContent(new RegExp(`^${formatCount(dropped)}$`));
    });

    // A funnel of two steps keeps the step within it.
    await pick(`field-${RULE}/funnel`, "Pricing to demo");
    expect(screen.getByTestId(`field-${RULE}/step`)).toHaveValue("2");
    expect(screen.getByTestId(`describe-${RULE}`)).toHaveTextContent(
      "People who reached step 1 “Read pricing” of “Pricing to demo” but not step 2 “Demo Requested”.",
    );

    const name = screen.getByTestId("segment-name");
    await userEvent.clear(name);
    await userEvent.type(name, "Priced, no demo");
    await waitFor(() => {
      expect(screen.getByTestId("segment-save")).toBeEnabled();
    });
    await userEvent.click(screen.getByTestId("segment-save"));
    await waitFor(() => {
      expect(ipc.sent("segment_save")).toEqual([
        {
          definition: {
            version: 1,
            name: "Priced, no demo",
            description: "",
            target: "people",
            rule: { all: [{ in_funnel: { funnel: "Pricing to demo", step: 2, outcome: "dropped" } }] },
          },
          replacing: null,
        },
      ]);
    });
  });

  it("never asks for those who dropped out at step 1", async () => {
    const ipc = backend();
    await newPeopleSegment();
    await addRule("in_funnel");
    await waitFor(() => {
      expect(screen.getByTestId(`field-${RULE}/funnel`)).toHaveValue("Activation");
    });

    await userEvent.selectOptions(screen.getByTestId(`field-${RULE}/step`), "1");
    expect(screen.getByTestId(`describe-${RULE}`)).toHaveTextContent(/^People who reached step 1 “Signed Up” of “Activation”, as/);
    await userEvent.click(within(screen.getByTestId(`field-${RULE}/outcome`)).getByLabelText("Dropped out at"));

    expect(screen.getByTestId(`field-${RULE}/step`)).toHaveValue("2");
    await waitFor(() => {
      expect(ipc.lastRule()).toEqual({ all: [{ in_funnel: { funnel: "Activation", step: 2, outcome: "dropped" } }] });
    });
  });

  it("is offered in a companies segment only inside its people's rules", async () => {
    backend();
    await renderScreen("Segments");
    await userEvent.click(await screen.findByTestId("segments-new-companies"));

    await userEvent.click(screen.getByTestId("add-rule-/rule/all"));
    expect(await screen.findByTestId("segment-kind-people")).toBeInTheDocument();
    expect(screen.queryByTestId("segment-kind-in_funnel")).not.toBeInTheDocument();
    await userEvent.click(screen.getByTestId("segment-kind-people"));

    await addRule("in_funnel", screen.getByTestId("add-rule-/rule/all/0/people/rule/all"));
    const inner = "/rule/all/0/people/rule/all/1/in_funnel";
    await waitFor(() => {
      expect(screen.getByTestId(`field-${inner}/funnel`)).toHaveValue("Activation");
    });
    expect(screen.getByTestId(`rule-${inner}`)).toHaveTextContent("In a funnel");
  });

  it("shows the app's problems at the rule's fields, and says when no funnel is saved", async () => {
    const problems = [
      { path: `${RULE}/funnel`, message: "name a saved funnel" },
      { path: `${RULE}/step`, message: "nobody drops out at step 1: those who did not do it never entered; choose step 2 or later" },
    ];
    backend({
      funnels_saved: () => [],
      segment_preview: () => ({ problems, error: null, count: null, explanation: null, sample: [] }),
    });
    await newPeopleSegment();
    await addRule("in_funnel");

    await waitFor(() => {
      expect(screen.getByTestId(`problems-${RULE}`)).toHaveTextContent("nobody drops out at step 1");
    });
    expect(screen.getByTestId(`problems-${RULE}`)).toHaveTextContent("name a saved funnel");
    expect(screen.getByTestId(`field-${RULE}/funnel`)).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByTestId(`field-${RULE}/step`)).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByTestId(`field-${RULE}/funnel`)).toHaveAttribute("placeholder", "No funnel is saved yet");
    expect(screen.getByTestId(`field-${RULE}/funnel`)).toHaveValue("");
    expect(screen.getByTestId(`describe-${RULE}`)).toHaveTextContent("Choose a saved funnel.");
    expect(screen.getByTestId("segment-problems")).toHaveTextContent("In a funnel: name a saved funnel");
  });
});
