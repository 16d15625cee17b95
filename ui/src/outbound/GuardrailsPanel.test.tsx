import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { PipelineRulesInfo } from "../bindings/PipelineRulesInfo";
import { sampleRules } from "../mocks/outbound";
import { rejectWith } from "../mocks/sample";
import { renderScreen } from "../test/renderApp";
import { outboundBackend as backend } from "./testBackend";

async function openGuardrails() {
  await renderScreen("Outbound");
  await screen.findByTestId("rules-threshold");
  return within(screen.getByTestId("guardrails-panel"));
}

async function retype(testId: string, text: string) {
  const input = screen.getByTestId(testId);
  await userEvent.clear(input);
  if (text !== "") await userEvent.type(input, text);
}

/** The rules as the form sends them: budgets in the order the form lists them. */
function sentRules(change: Partial<PipelineRulesInfo> = {}): { rules: PipelineRulesInfo } {
  const rules = sampleRules();
  const perDay = (lookup: string) => rules.budgets.find((b) => b.lookup === lookup)?.perDay ?? 0;
  return {
    rules: {
      ...rules,
      budgets: ["reveal", "company", "score", "prospect"].map((lookup) => ({ lookup, perDay: perDay(lookup) })),
      ...change,
    },
  };
}

/** The suppression table's rows as "domain list". */
function suppressed(): string[] {
  const table = screen.queryByTestId("suppression-table");
  if (!table) return [];
  return [...table.querySelectorAll("tbody tr")].map((tr) => `${tr.getAttribute("data-domain") ?? ""} ${tr.getAttribute("data-list") ?? ""}`);
}

const SAMPLE_SUPPRESSED = [
  "acmerobotics.com customer",
  "globex.com customer",
  "initech.com do_not_contact",
  "rivalmetrics.io competitor",
];

describe("Outbound: the pipeline's rules", () => {
  it("shows the saved rules, with nothing to save", async () => {
    backend();
    const panel = await openGuardrails();

    expect(screen.getByTestId("rules-threshold")).toHaveValue("70");
    expect(screen.getByTestId("rules-skip-isp")).toBeChecked();
    expect(screen.getByTestId("rules-skip-education")).toBeChecked();
    expect(screen.getByTestId("rules-skip-government")).toBeChecked();
    expect(screen.getByTestId("rules-skip-fuzzy")).toBeChecked();
    expect(screen.getByTestId("rules-cooldown")).toHaveValue("90");
    expect(screen.getByTestId("rules-max-contacts")).toHaveValue("5");
    expect(screen.getByTestId("rules-budget-reveal")).toHaveValue("200");
    expect(screen.getByTestId("rules-budget-company")).toHaveValue("150");
    expect(screen.getByTestId("rules-budget-score")).toHaveValue("500");
    expect(screen.getByTestId("rules-budget-prospect")).toHaveValue("100");
    for (const tag of ["marketing", "sales", "executive", "director"]) {
      expect(panel.getByText(tag)).toBeInTheDocument();
    }
    expect(screen.getByTestId("rules-save")).toBeDisabled();
    expect(screen.getByTestId("rules-reset")).toBeDisabled();
    expect(screen.queryByTestId("rules-error")).not.toBeInTheDocument();
  });

  it("saves the changed values, then has nothing left to save", async () => {
    const ipc = backend();
    await openGuardrails();

    await retype("rules-threshold", "65");
    await userEvent.click(screen.getByTestId("rules-skip-education"));
    await userEvent.click(screen.getByTestId("rules-skip-fuzzy"));
    expect(screen.getByTestId("rules-save")).toBeEnabled();
    await userEvent.click(screen.getByTestId("rules-save"));

    expect(await screen.findByTestId("rules-saved")).toHaveTextContent("Saved; the next run follows these rules.");
    expect(ipc.sent("pipeline_rules_set")).toEqual([
      sentRules({ threshold: 65, skipKinds: ["government", "isp"], skipFuzzy: false }),
    ]);
    expect(screen.getByTestId("rules-threshold")).toHaveValue("65");
    expect(screen.getByTestId("rules-skip-education")).not.toBeChecked();
    expect(screen.getByTestId("rules-save")).toBeDisabled();
    expect(await ipc.outbound.pipeline_rules(undefined)).toMatchObject({ threshold: 65, skipFuzzy: false });
  });

  it("shows the refusal of an invalid threshold on one line and keeps what was typed", async () => {
    const ipc = backend();
    await openGuardrails();

    await retype("rules-threshold", "150");
    await userEvent.click(screen.getByTestId("rules-save"));

    expect(await screen.findByTestId("rules-error")).toHaveTextContent("The threshold is a score from 0 to 100, not 150.");
    expect(screen.getByTestId("rules-threshold")).toHaveValue("150");
    expect(screen.getByTestId("rules-save")).toBeEnabled();
    expect(ipc.sent("pipeline_rules_set")).toEqual([sentRules({ threshold: 150 })]);
    expect((await ipc.outbound.pipeline_rules(undefined)).threshold).toBe(70);

    // Reset goes back to the saved rules and clears the refusal.
    await userEvent.click(screen.getByTestId("rules-reset"));
    expect(screen.getByTestId("rules-threshold")).toHaveValue("70");
    expect(screen.queryByTestId("rules-error")).not.toBeInTheDocument();
    expect(screen.getByTestId("rules-save")).toBeDisabled();
  });

  it("says which field is empty instead of sending it", async () => {
    const ipc = backend();
    await openGuardrails();
    await retype("rules-budget-score", "");
    await userEvent.click(screen.getByTestId("rules-save"));
    expect(screen.getByTestId("rules-error")).toHaveTextContent("Fit score budget needs a number.");
    expect(ipc.sent("pipeline_rules_set")).toEqual([]);
  });

  it("asks for the cost preview again once saved budgets change it", async () => {
    const ipc = backend();
    await openGuardrails();
    await userEvent.click(screen.getByTestId("pipeline-preview"));
    const reveal = () =>
      [...(screen.getByTestId("pipeline-preview-lookups").querySelector('[data-lookup="reveal"]')?.querySelectorAll("td") ?? [])].map(
        (td) => td.textContent,
      );
    await waitFor(() => {
      expect(reveal()).toEqual(["Reveal (IP to company)", "42", "200"]);
    });

    await retype("rules-budget-reveal", "30");
    await userEvent.click(screen.getByTestId("rules-save"));

    await waitFor(() => {
      expect(reveal()).toEqual(["Reveal (IP to company)", "30", "30"]);
    });
    expect(ipc.sent("pipeline_run")).toEqual([
      { dryRun: true, retryInterrupted: false },
      { dryRun: true, retryInterrupted: false },
    ]);
  });

  it("asks before leaving the screen with unsaved rules", async () => {
    backend();
    await openGuardrails();
    await retype("rules-cooldown", "30");
    const nav = within(screen.getByRole("navigation", { name: "Screens" }));
    await userEvent.click(nav.getByRole("button", { name: "Overview" }));
    const dialog = await screen.findByRole("dialog", { name: "Discard your changes?" });
    expect(dialog).toHaveTextContent("Your changes to the pipeline's rules were not saved.");
    await userEvent.click(within(dialog).getByTestId("leave-discard-cancel"));
    expect(screen.getByTestId("rules-cooldown")).toHaveValue("30");
  });
});

describe("Outbound: suppression lists", () => {
  it("lists the suppressed domains, and filters them by list", async () => {
    backend();
    await openGuardrails();
    await waitFor(() => {
      expect(suppressed()).toEqual(SAMPLE_SUPPRESSED);
    });
    const initech = screen.getByTestId("suppression-table").querySelector('[data-domain="initech.com"]');
    expect(initech).toHaveTextContent("Do not contact");
    expect(initech).toHaveTextContent("Asked not to be contacted");

    await userEvent.selectOptions(screen.getByTestId("suppression-filter"), "customer");
    expect(suppressed()).toEqual(["acmerobotics.com customer", "globex.com customer"]);
    await userEvent.type(screen.getByTestId("suppression-search"), "glob");
    expect(suppressed()).toEqual(["globex.com customer"]);
  });

  it("adds pasted CSV rows and says what was added, already listed and refused, by line", async () => {
    const ipc = backend();
    await openGuardrails();
    await waitFor(() => {
      expect(suppressed()).toHaveLength(4);
    });

    const csv = ["name,website", "Hooli,https://www.hooli.com/about", "Rival Metrics,rivalmetrics.io", "just a name", "x,jo@piedpiper.com"].join(
      "\n",
    );
    await userEvent.selectOptions(screen.getByTestId("suppression-list-select"), "competitor");
    await userEvent.click(screen.getByTestId("suppression-text"));
    await userEvent.paste(csv);
    await userEvent.type(screen.getByTestId("suppression-note"), "From the board deck");
    await userEvent.click(screen.getByTestId("suppression-add"));

    const result = await screen.findByTestId("suppression-result");
    expect(result).toHaveTextContent("2 added, 1 already on the list");
    expect(result).toHaveTextContent("1 line held no domain and was skipped:");
    const refused = within(result).getAllByRole("listitem");
    expect(refused.map((li) => li.textContent)).toEqual(["Line 4: just a name"]);
    expect(refused[0]).toHaveAttribute("data-line", "4");
    expect(ipc.sent("suppression_add")).toEqual([{ list: "competitor", text: csv, note: "From the board deck" }]);

    expect(suppressed()).toEqual([
      "acmerobotics.com customer",
      "globex.com customer",
      "hooli.com competitor",
      "initech.com do_not_contact",
      "piedpiper.com competitor",
      "rivalmetrics.io competitor",
    ]);
    expect(screen.getByTestId("suppression-table").querySelector('[data-domain="hooli.com"]')).toHaveTextContent(
      "From the board deck",
    );
    // Ready for the next batch; the list stays chosen.
    expect(screen.getByTestId("suppression-text")).toHaveValue("");
    expect(screen.getByTestId("suppression-note")).toHaveValue("");
    expect(screen.getByTestId("suppression-list-select")).toHaveValue("competitor");
  });

  it("imports a CSV file through the file input", async () => {
    const ipc = backend();
    await openGuardrails();
    const csv = "Email,Company\nceo@umbrella.co.uk,Umbrella\nbuyer@globex.com,Globex\n";

    await userEvent.upload(screen.getByTestId("suppression-file"), new File([csv], "customers.csv", { type: "text/csv" }));

    const result = await screen.findByTestId("suppression-result");
    expect(result).toHaveTextContent("1 added, 1 already on the list (from customers.csv)");
    expect(within(result).queryAllByRole("listitem")).toHaveLength(0);
    expect(ipc.sent("suppression_add")).toEqual([{ list: "customer", text: csv, note: null }]);
    await waitFor(() => {
      expect(suppressed()).toContain("umbrella.co.uk customer");
    });
    expect(screen.getByTestId("suppression-file")).toHaveAttribute("accept", ".csv,.txt");
  });

  it("says why an add was refused", async () => {
    backend({ suppression_add: () => rejectWith({ code: "io", message: "Could not write the workspace file." }) });
    await openGuardrails();
    await userEvent.click(screen.getByTestId("suppression-text"));
    await userEvent.paste("hooli.com");
    await userEvent.click(screen.getByTestId("suppression-add"));
    expect(await screen.findByTestId("suppression-error")).toHaveTextContent(
      "The domains could not be added: Could not write the workspace file.",
    );
    expect(screen.getByTestId("suppression-text")).toHaveValue("hooli.com");
    expect(screen.queryByTestId("suppression-result")).not.toBeInTheDocument();
  });

  it("takes a domain off its list", async () => {
    const ipc = backend();
    await openGuardrails();
    await userEvent.click(await screen.findByRole("button", { name: "Remove initech.com from Do not contact" }));
    await waitFor(() => {
      expect(suppressed()).toEqual(SAMPLE_SUPPRESSED.filter((s) => !s.startsWith("initech.com")));
    });
    expect(ipc.sent("suppression_remove")).toEqual([{ domain: "initech.com", list: "do_not_contact" }]);
  });

  it("keeps the row and says why when a removal is refused", async () => {
    backend({ suppression_remove: () => rejectWith({ code: "io", message: "Could not write the workspace file." }) });
    await openGuardrails();
    await userEvent.click(await screen.findByRole("button", { name: "Remove globex.com from Customers" }));
    expect(await screen.findByTestId("suppression-remove-error")).toHaveTextContent(
      "globex.com was not taken off Customers: Could not write the workspace file.",
    );
    expect(suppressed()).toEqual(SAMPLE_SUPPRESSED);
  });
});
