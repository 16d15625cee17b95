import { emit } from "@tauri-apps/api/event";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { rejectWith } from "../mocks/sample";
import { renderScreen } from "../test/renderApp";
import { outboundBackend as backend } from "./testBackend";

const PENDING = ["northwindlogistics.com", "helio-energy.de", "brightpath.io", "lumenfinance.com"];

async function openOutbound() {
  await renderScreen("Outbound");
  await screen.findByTestId("queue-table");
}

function rows() {
  return screen.queryAllByTestId("queue-row");
}

function domains() {
  return rows().map((r) => r.dataset.domain);
}

function selectedDomain() {
  return rows().find((r) => r.getAttribute("aria-selected") === "true")?.dataset.domain;
}

function pendingCount() {
  return screen.getByTestId("queue-pending-count").textContent;
}

/** Presses keys with the focus on the page itself, as a rep going through the queue would. */
async function press(keys: string) {
  await userEvent.keyboard(keys);
}

describe("Outbound: the review queue", () => {
  it("lists the pending companies with the first one selected and shown in full", async () => {
    backend();
    await openOutbound();

    expect(screen.getByTestId("outbound-screen")).toBeInTheDocument();
    expect(pendingCount()).toBe("4");
    expect(domains()).toEqual(PENDING);
    expect(rows().map((r) => r.dataset.state)).toEqual(["pending", "pending", "pending", "pending"]);
    expect(selectedDomain()).toBe("northwindlogistics.com");
    expect(rows().filter((r) => r.getAttribute("aria-selected") === "true")).toHaveLength(1);

    const first = within(rows()[0] ?? document.body);
    expect(first.getByText("Northwind Logistics")).toBeInTheDocument();
    expect(first.getByText("92")).toBeInTheDocument();
    expect(first.getByText("very good")).toBeInTheDocument();
    expect(first.getByText("4,200")).toBeInTheDocument();
    expect(first.getByText("Chicago, US")).toBeInTheDocument();
    expect(first.getByText("Casey Lindgren")).toBeInTheDocument();

    const detail = screen.getByTestId("queue-detail");
    expect(detail).toHaveAttribute("data-domain", "northwindlogistics.com");
    expect(within(detail).getByText("Snowflake", { selector: ".mantine-Badge-label" })).toBeInTheDocument();
    expect(screen.getByTestId("queue-detail-signals")).toHaveTextContent("pricing page visits");
    expect(screen.getByTestId("queue-detail-visits")).toHaveTextContent("31 visits; the latest 3 hours ago, 7 pages");
    expect(screen.getByTestId("queue-detail-pages")).toHaveTextContent("Most viewed: Pricing (16), Home (10)");
    const contacts = screen.getAllByTestId("queue-contact");
    expect(contacts.map((c) => c.dataset.email)).toEqual([
      "priya.raman@northwindlogistics.com",
      "marcus.bell@northwindlogistics.com",
      "lena.ortiz@northwindlogistics.com",
    ]);
    expect(within(contacts[2] ?? document.body).getByText("Unverified")).toBeInTheDocument();
    expect(screen.getAllByTestId("queue-contact-check").every((c) => (c as HTMLInputElement).checked)).toBe(true);
  });

  it("clears a queue from the keyboard alone: approve, reject with a reason, snooze", async () => {
    const ipc = backend();
    await openOutbound();

    await press("a");
    await waitFor(() => {
      expect(selectedDomain()).toBe("helio-energy.de");
    });

    // Typed as soon as the field is there, as a fast typist (or WebDriver) would.
    await press("r");
    expect(await screen.findByTestId("reject-reason")).toHaveFocus();
    await press("Bought a competitor last year{Enter}");
    await waitFor(() => {
      expect(selectedDomain()).toBe("brightpath.io");
    });
    expect(screen.queryByTestId("reject-reason")).not.toBeInTheDocument();

    await press("s");
    await waitFor(() => {
      expect(selectedDomain()).toBe("lumenfinance.com");
    });

    // A quick reason by its number, then Enter.
    await press("r");
    await waitFor(() => {
      expect(screen.getByTestId("reject-reason")).toHaveFocus();
    });
    await press("2");
    expect(screen.getByTestId("reject-reason")).toHaveValue("Existing customer");
    await press("{Enter}");

    await waitFor(() => {
      expect(pendingCount()).toBe("0");
    });
    expect(rows()).toHaveLength(0);
    expect(screen.getByTestId("queue-empty")).toHaveTextContent("Nothing pending");
    expect(ipc.sent("queue_approve")).toEqual([{ domain: "northwindlogistics.com", contacts: null }]);
    expect(ipc.sent("queue_reject")).toEqual([
      { domain: "helio-energy.de", reason: "Bought a competitor last year" },
      { domain: "lumenfinance.com", reason: "Existing customer" },
    ]);
    expect(ipc.sent("queue_snooze")).toEqual([{ domain: "brightpath.io", days: 7 }]);
    const states = await ipc.states();
    expect(PENDING.map((d) => states[d])).toEqual(["approved", "rejected", "snoozed", "rejected"]);
  });

  it("approves only the checked contacts, and rejects the others", async () => {
    const ipc = backend();
    await openOutbound();

    // The second contact by its key, the third with the mouse.
    await press("2");
    expect(screen.getAllByTestId("queue-contact-check").map((c) => (c as HTMLInputElement).checked)).toEqual([true, false, true]);
    await userEvent.click(screen.getByRole("checkbox", { name: "Include Lena Ortiz" }));
    expect(screen.getByTestId("queue-approve")).toHaveTextContent("Approve 1 of 3");
    await press("a");

    await waitFor(() => {
      expect(ipc.sent("queue_approve")).toEqual([
        { domain: "northwindlogistics.com", contacts: ["priya.raman@northwindlogistics.com"] },
      ]);
    });
    const northwind = (await ipc.outbound.queue_list(undefined)).companies.find((c) => c.domain === "northwindlogistics.com");
    expect(northwind?.contacts.map((c) => c.state)).toEqual(["approved", "rejected", "rejected"]);
    await waitFor(() => {
      expect(screen.getByTestId("send-approved")).toHaveTextContent("Send 5 approved contacts");
    });
  });

  it("refuses to approve with no contact checked, and says why", async () => {
    const ipc = backend();
    await openOutbound();
    await press("123");
    expect(screen.getByTestId("queue-approve")).toBeDisabled();
    await press("a");
    expect(screen.getByTestId("queue-error")).toHaveTextContent("Check at least one contact at Northwind Logistics");
    expect(ipc.sent("queue_approve")).toEqual([]);
    expect(selectedDomain()).toBe("northwindlogistics.com");
  });

  it("moves with j, k and the arrows, and selects a row on a click", async () => {
    backend();
    await openOutbound();
    await press("j");
    expect(selectedDomain()).toBe("helio-energy.de");
    await press("{ArrowDown}{ArrowDown}{ArrowDown}{ArrowDown}");
    expect(selectedDomain()).toBe("lumenfinance.com");
    await press("k{ArrowUp}");
    expect(selectedDomain()).toBe("helio-energy.de");
    await userEvent.click(within(rows()[2] ?? document.body).getByText("Brightpath"));
    expect(selectedDomain()).toBe("brightpath.io");
    expect(screen.getByTestId("queue-detail")).toHaveAttribute("data-domain", "brightpath.io");
  });

  it("ignores the shortcuts while a note is typed, and saves it with Ctrl+Enter", async () => {
    const ipc = backend();
    await openOutbound();

    await press("n");
    const note = await screen.findByTestId("note-text");
    await waitFor(() => {
      expect(note).toHaveFocus();
    });
    await press("ask about an api trial; send specs; jk 123 ? g u");
    expect(ipc.sent("queue_approve")).toEqual([]);
    expect(ipc.sent("queue_snooze")).toEqual([]);
    expect(ipc.sent("queue_reopen")).toEqual([]);
    expect(screen.queryByTestId("reject-reason")).not.toBeInTheDocument();
    expect(screen.queryByTestId("queue-shortcuts")).not.toBeInTheDocument();
    await press("{Control>}{Enter}{/Control}");

    await waitFor(() => {
      expect(screen.getByTestId("queue-detail-note")).toHaveTextContent("ask about an api trial; send specs; jk 123 ? g u");
    });
    expect(screen.queryByTestId("note-text")).not.toBeInTheDocument();
    expect(ipc.sent("queue_note")).toEqual([
      { domain: "northwindlogistics.com", note: "ask about an api trial; send specs; jk 123 ? g u" },
    ]);
    expect(selectedDomain()).toBe("northwindlogistics.com");
    expect(pendingCount()).toBe("4");
  });

  it("ignores the shortcuts while typing in a filter, until Escape leaves it", async () => {
    const ipc = backend();
    await openOutbound();
    await userEvent.click(screen.getByTestId("queue-min-score"));
    await press("80");
    await waitFor(() => {
      expect(domains()).toEqual(["northwindlogistics.com", "helio-energy.de"]);
    });
    await press("a");
    expect(ipc.sent("queue_approve")).toEqual([]);
    await press("{Escape}j");
    expect(selectedDomain()).toBe("helio-energy.de");
  });

  it("assigns with the rep dialog, a new name typed and confirmed with Enter", async () => {
    const ipc = backend();
    await openOutbound();
    await press("j");
    await press("g");
    const input = await screen.findByTestId("assign-rep");
    await waitFor(() => {
      expect(input).toHaveFocus();
    });
    expect(within(screen.getByTestId("assign-reps")).getAllByRole("button").map((b) => b.textContent)).toEqual([
      "Casey Lindgren",
      "Robin Diaz",
    ]);
    await press("Alex Morgan{Enter}");
    await waitFor(() => {
      expect(within(rows()[1] ?? document.body).getByText("Alex Morgan")).toBeInTheDocument();
    });
    expect(ipc.sent("queue_assign")).toEqual([{ domain: "helio-energy.de", rep: "Alex Morgan" }]);
    expect(screen.getByTestId("queue-rep-filter")).toHaveTextContent("Alex Morgan");
  });

  it("filters by state, industry, size and rep", async () => {
    backend();
    await openOutbound();

    await userEvent.selectOptions(screen.getByTestId("queue-state-filter"), "all");
    expect(domains()).toHaveLength(9);
    await userEvent.selectOptions(screen.getByTestId("queue-industry-filter"), "Logistics");
    expect(domains()).toEqual(["northwindlogistics.com", "orbitfreight.com"]);
    await userEvent.selectOptions(screen.getByTestId("queue-size-filter"), "1001+");
    expect(domains()).toEqual(["northwindlogistics.com", "orbitfreight.com"]);
    await userEvent.selectOptions(screen.getByTestId("queue-rep-filter"), "Robin Diaz");
    expect(domains()).toEqual(["orbitfreight.com"]);
    await userEvent.click(screen.getByTestId("queue-clear-filters"));
    expect(domains()).toHaveLength(9);
    await userEvent.selectOptions(screen.getByTestId("queue-rep-filter"), "Unassigned");
    expect(domains()).toEqual(["helio-energy.de", "brightpath.io", "tessera.ai", "quillandink.co", "acmerobotics.com"]);
    await userEvent.selectOptions(screen.getByTestId("queue-state-filter"), "snoozed");
    expect(domains()).toEqual(["quillandink.co"]);
    expect(screen.getByTestId("queue-detail-snoozed")).toHaveTextContent("Snoozed until");
  });

  it("reopens a rejected company, and says why one already sent cannot be", async () => {
    const ipc = backend();
    await openOutbound();
    await userEvent.selectOptions(screen.getByTestId("queue-state-filter"), "rejected");
    expect(domains()).toEqual(["acmerobotics.com"]);
    expect(screen.getByTestId("queue-detail-reason")).toHaveTextContent("Rejected: Existing customer");
    // Escape leaves the filter, so the shortcuts work again.
    await press("{Escape}u");
    await waitFor(() => {
      expect(pendingCount()).toBe("5");
    });
    expect(rows()).toHaveLength(0);

    await userEvent.selectOptions(screen.getByTestId("queue-state-filter"), "approved");
    await userEvent.click(within(rows().find((r) => r.dataset.domain === "orbitfreight.com") ?? document.body).getByText("Orbit Freight"));
    await userEvent.click(screen.getByTestId("queue-reopen"));
    expect(await screen.findByTestId("queue-error")).toHaveTextContent(
      "Orbit Freight was not reopened: orbitfreight.com's contacts were already sent to the campaign; it cannot be reopened.",
    );
    expect((await ipc.states())["orbitfreight.com"]).toBe("approved");
  });

  it("shows a refused decision on one line and keeps the company as it was", async () => {
    backend({ queue_approve: () => rejectWith({ code: "io", message: "Could not write the workspace file." }) });
    await openOutbound();
    await press("a");
    expect(await screen.findByTestId("queue-error")).toHaveTextContent(
      "Northwind Logistics was not approved: Could not write the workspace file.",
    );
    expect(domains()).toEqual(PENDING);
    expect(pendingCount()).toBe("4");
  });

  it("keeps the reason of a refused rejection for the next try", async () => {
    backend({ queue_reject: () => rejectWith({ code: "io", message: "Could not write the workspace file." }) });
    await openOutbound();
    await press("r");
    expect(await screen.findByTestId("reject-reason")).toHaveFocus();
    await press("Too small for us{Enter}");

    expect(await screen.findByTestId("queue-error")).toHaveTextContent(
      "Northwind Logistics was not rejected: Could not write the workspace file.",
    );
    expect(domains()).toEqual(PENDING);
    await press("k");
    expect(selectedDomain()).toBe("northwindlogistics.com");
    await press("r");
    expect(await screen.findByTestId("reject-reason")).toHaveValue("Too small for us");
    await press("{Escape}");
    await waitFor(() => {
      expect(screen.queryByTestId("reject-reason")).not.toBeInTheDocument();
    });
    // Another company's dialog starts empty.
    await press("jr");
    expect(await screen.findByTestId("reject-reason")).toHaveValue("");
  });

  it("lists the shortcuts on ?", async () => {
    backend();
    await openOutbound();
    await press("?");
    const list = await screen.findByTestId("queue-shortcuts");
    expect(list).toHaveTextContent("Approve the checked contacts");
    expect(list).toHaveTextContent("Snooze for 7 days");
    expect(screen.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeInTheDocument();
    await press("{Escape}");
    await waitFor(() => {
      expect(screen.queryByTestId("queue-shortcuts")).not.toBeInTheDocument();
    });
  });

  it("opens the Templates screen on a contact's email", async () => {
    const ipc = backend();
    await openOutbound();
    await userEvent.click(screen.getByRole("button", { name: "Preview email to Priya Raman" }));

    await waitFor(() => {
      expect(screen.getByTestId("preview-to")).toHaveTextContent("priya.raman@northwindlogistics.com");
    });
    expect(ipc.sent("template_preview").every((args) => (args as { prospectId: number }).prospectId === 204)).toBe(true);
    expect(screen.queryByTestId("outbound-screen")).not.toBeInTheDocument();
  });
});

describe("Outbound: sending", () => {
  it("sends the approved contacts and says what came of it", async () => {
    const ipc = backend();
    await openOutbound();
    const send = screen.getByTestId("send-approved");
    expect(send).toHaveTextContent("Send 4 approved contacts");
    expect(screen.getByTestId("outreach-opened")).toHaveTextContent("1");

    await userEvent.click(send);

    const result = await screen.findByTestId("send-result");
    expect(within(result).getByTestId("send-result-sent")).toHaveTextContent(
      "Sent 3 contacts as “switchboard_outbound_approved”, 1 of them resumed from a send that stopped.",
    );
    expect(within(result).getByTestId("send-result-failed")).toHaveTextContent("info@fernbank.health");
    expect(within(result).getByTestId("send-result-notified")).toHaveTextContent("Told Customer.io of 1 stopped address");
    await waitFor(() => {
      expect(screen.getByTestId("send-approved")).toHaveTextContent("Send 1 approved contact");
    });
    expect(screen.getByTestId("outreach-sent")).toHaveTextContent("3");
    expect(ipc.sent("queue_send")).toHaveLength(1);
  });

  it("cannot send before Customer.io is connected, says so and links to Connections", async () => {
    const ipc = backend({}, { customerioConnected: () => false });
    await openOutbound();
    const send = screen.getByTestId("send-approved");
    expect(send).toBeDisabled();
    expect(screen.getByTestId("send-blocked")).toHaveTextContent("Connect Customer.io on the Connections screen first.");
    expect(send).toHaveAttribute("aria-describedby", "send-blocked");
    expect(ipc.sent("queue_send")).toEqual([]);

    await userEvent.click(screen.getByTestId("send-open-connections"));
    const nav = screen.getByRole("navigation", { name: "Screens" });
    await waitFor(() => {
      expect(within(nav).getByRole("button", { name: "Connections" })).toHaveAttribute("aria-current", "page");
    });
  });

  it("saves the campaign's event, and shows a refused one", async () => {
    const ipc = backend();
    await openOutbound();
    const input = screen.getByTestId("outbound-event");
    expect(input).toHaveValue("switchboard_outbound_approved");
    expect(screen.getByTestId("outbound-event-save")).toBeDisabled();

    await userEvent.clear(input);
    await userEvent.type(input, " ");
    await userEvent.click(screen.getByTestId("outbound-event-save"));
    expect(await screen.findByTestId("outbound-event-error")).toHaveTextContent("1 to 100 bytes");

    await userEvent.clear(input);
    await userEvent.type(input, "outbound_start");
    await userEvent.click(screen.getByTestId("outbound-event-save"));
    await waitFor(() => {
      expect(screen.getByTestId("outbound-event-save")).toBeDisabled();
    });
    expect(ipc.sent("outbound_event_set")).toEqual([{ event: " " }, { event: "outbound_start" }]);
    expect(input).toHaveValue("outbound_start");
  });
});

describe("Outbound: the pipeline", () => {
  it("previews what a run would spend, lookup by lookup", async () => {
    const ipc = backend();
    await openOutbound();
    await userEvent.click(screen.getByTestId("pipeline-preview"));

    const table = await screen.findByTestId("pipeline-preview-lookups");
    const cells = [...table.querySelectorAll("tbody tr")].map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent));
    expect(cells).toEqual([
      ["Reveal (IP to company)", "42", "200"],
      ["Company enrichment", "42", "150"],
      ["Fit score", "42", "500"],
      ["Contact search", "42", "100"],
    ]);
    expect(within(table).getByRole("columnheader", { name: "At most" })).toBeInTheDocument();
    expect(screen.getByTestId("pipeline-preview-result")).toHaveTextContent("nothing was called. 42 IPs wait to be revealed.");
    expect(ipc.sent("pipeline_run")).toEqual([{ dryRun: true, retryInterrupted: false }]);
  });

  it("runs, shows what it did and queues the companies it qualified", async () => {
    backend();
    await openOutbound();
    await userEvent.click(screen.getByTestId("pipeline-run"));

    const result = await screen.findByTestId("pipeline-run-result");
    expect(result).toHaveTextContent("The run queued 3 companies with 7 contacts for review above.");
    expect(screen.getByTestId("pipeline-figure-ips-revealed")).toHaveTextContent("41");
    expect(screen.getByTestId("pipeline-figure-below-threshold")).toHaveTextContent("9");
    expect(screen.getByTestId("pipeline-failed")).toHaveTextContent("198.51.100.23");
    expect(within(screen.getByTestId("pipeline-run-lookups")).getByRole("columnheader", { name: "Spent" })).toBeInTheDocument();
    await waitFor(() => {
      expect(pendingCount()).toBe("7");
    });
    // Queued today, among today's by score.
    expect(domains()).toEqual([
      "northwindlogistics.com",
      "harborline.com",
      "helio-energy.de",
      "vantaworks.io",
      "brightpath.io",
      "copperleaf.co",
      "lumenfinance.com",
    ]);
  });

  it("offers to ask interrupted lookups again, paid, and asks them once told", async () => {
    const ipc = backend();
    await openOutbound();
    await userEvent.click(screen.getByTestId("pipeline-preview"));

    const interrupted = await screen.findByTestId("pipeline-interrupted");
    expect(interrupted).toHaveTextContent("2 interrupted lookups");
    expect(interrupted).toHaveTextContent("203.0.113.7 · Reveal (IP to company)");
    expect(interrupted).toHaveTextContent("kestrel.io · Company enrichment");
    await userEvent.click(within(interrupted).getByRole("button", { name: "Ask again (paid)" }));

    await waitFor(() => {
      expect(screen.queryByTestId("pipeline-interrupted")).not.toBeInTheDocument();
    });
    expect(ipc.sent("pipeline_run")).toEqual([
      { dryRun: true, retryInterrupted: false },
      { dryRun: false, retryInterrupted: true },
    ]);
    expect(screen.getByTestId("pipeline-run-result")).toHaveTextContent("2 interrupted lookups were asked again.");
  });

  it("shows where a run is while it looks things up", async () => {
    let finish: (run: unknown) => void = () => undefined;
    backend({ pipeline_run: () => new Promise((resolve) => (finish = resolve)) });
    await openOutbound();
    await userEvent.click(screen.getByTestId("pipeline-run"));
    await screen.findByTestId("pipeline-running");
    await emit("pipeline-progress", { stage: "reveal", done: 120, total: 1000 });
    expect(await screen.findByTestId("pipeline-progress")).toHaveTextContent("Revealing visitor IPs: 120 of 1,000");
    await emit("pipeline-progress", { stage: "score", done: 3, total: 12 });
    await waitFor(() => {
      expect(screen.getByTestId("pipeline-progress")).toHaveTextContent("Scoring companies: 3 of 12");
    });
    await emit("pipeline-progress", { stage: "done", done: 0, total: 0 });
    await waitFor(() => {
      expect(screen.queryByTestId("pipeline-progress")).not.toBeInTheDocument();
    });
    finish({
      dryRun: false, revealed: 1000, ipsWaiting: 0, identified: 12, enriched: 12, scored: 12, qualified: 3,
      belowThreshold: 9, prospected: 3, contacts: 11, skipped: 40, failed: [], interrupted: [], retried: 0,
      lookups: [{ lookup: "reveal", count: 1000, budgetLeft: 0 }],
    });
    await screen.findByTestId("pipeline-run-result");
  });

  it("shows a run that failed", async () => {
    backend({
      pipeline_run: () =>
        rejectWith({ code: "notConnected", message: "Clearbit is not connected: Secret API key is missing. Add it in the form above." }),
    });
    await openOutbound();
    await userEvent.click(screen.getByTestId("pipeline-run"));
    expect(await screen.findByTestId("pipeline-error")).toHaveTextContent("Clearbit is not connected");
  });

  it("draws the daily chart and lists the last 14 days with the source report below", async () => {
    const ipc = backend();
    await openOutbound();
    const chart = await screen.findByTestId("pipeline-chart");
    expect(chart.tagName).toBe("IMG");
    expect(ipc.sent("chart")).toContainEqual({ name: "pipeline", funnel: null, format: "svg" });

    const table = await screen.findByTestId("pipeline-days");
    expect(table.querySelectorAll("tbody tr")).toHaveLength(14);
    expect(ipc.sent("pipeline_stats")).toEqual([{ days: 14 }]);
    const reference = [...screen.getByTestId("pipeline-reference").querySelectorAll("td")].map((td) => td.textContent);
    expect(reference).toEqual(["Source report", "—", "1,000", "60", "300", "—", "—", "—", "—", "71.0%"]);
  });
});

describe("Outbound: webhooks", () => {
  it("shows the masked paths, the template to copy and the latest calls", async () => {
    backend();
    await openOutbound();
    await screen.findByTestId("webhooks-configured");
    expect(screen.getByTestId("webhooks-customerio-path")).toHaveTextContent("/webhooks/••••ab12/customerio");
    expect(screen.getByTestId("webhooks-mailparser-path")).toHaveTextContent("/webhooks/••••ab12/mailparser");
    expect(screen.getByTestId("webhooks-signed")).toHaveTextContent("Checked");
    expect(screen.getByTestId("webhooks-template")).toHaveTextContent('"from": "{{from_email}}"');
    expect(screen.getByRole("button", { name: "Copy the Mailparser template" })).toBeInTheDocument();
    const calls = screen.getByTestId("webhook-calls");
    expect(calls.querySelectorAll("tbody tr")).toHaveLength(5);
    expect(calls).toHaveTextContent("dana.wells@orbitfreight.com");
    expect(calls).toHaveTextContent("Mailparser");
    expect(calls).toHaveTextContent("ignored: not an outbound contact");
    expect(screen.queryByTestId("webhooks-not-configured")).not.toBeInTheDocument();
  });

  it("says how to set them up when they are not", async () => {
    backend({}, { webhooks: false });
    await openOutbound();
    expect(await screen.findByTestId("webhooks-not-configured")).toHaveTextContent(
      "Run switchboard-cli webhook setup --workspace FILE to create the webhook secret, then start the collector.",
    );
    expect(screen.queryByTestId("webhook-calls")).not.toBeInTheDocument();
  });
});
