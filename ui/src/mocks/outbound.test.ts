import { describe, expect, it } from "vitest";
import { call } from "../ipc";
import { installMockBackend } from "./backend";
import { outboundCommands } from "./outbound";

const NOW = new Date("2025-06-14T12:00:00Z");

function states(view: { companies: { domain: string; state: string }[] }) {
  return Object.fromEntries(view.companies.map((c) => [c.domain, c.state]));
}

describe("the mock's review queue", () => {
  it("lists every state, newest and best scored first", async () => {
    const view = await outboundCommands(() => NOW).queue_list(undefined);
    expect(view.companies.map((c) => [c.domain, c.state])).toEqual([
      ["northwindlogistics.com", "pending"],
      ["helio-energy.de", "pending"],
      ["brightpath.io", "pending"],
      ["lumenfinance.com", "pending"],
      ["fernbank.health", "approved"],
      ["tessera.ai", "approved"],
      ["quillandink.co", "snoozed"],
      ["acmerobotics.com", "rejected"],
      ["orbitfreight.com", "approved"],
    ]);
    expect(view).toMatchObject({
      reps: ["Casey Lindgren", "Robin Diaz"],
      waitingToSend: 4,
      event: "switchboard_outbound_approved",
      customerioConnected: true,
    });
    expect(view.outreach).toEqual([
      { state: "bounced", count: 1 },
      { state: "opened", count: 1 },
      { state: "replied", count: 1 },
      { state: "sending", count: 1 },
    ]);
  });

  it("approves the named contacts and rejects the others, refusing one it does not know", async () => {
    const mock = outboundCommands(() => NOW);
    await expect(
      mock.queue_approve({ domain: "helio-energy.de", contacts: ["nobody@helio-energy.de"] }),
    ).rejects.toMatchObject({
      code: "invalidInput",
      message:
        "nobody@helio-energy.de is not a contact found at helio-energy.de; its contacts are maria.keller@helio-energy.de, jan.vogt@helio-energy.de.",
    });
    const view = await mock.queue_approve({ domain: "helio-energy.de", contacts: ["maria.keller@helio-energy.de"] });
    const helio = view.companies.find((c) => c.domain === "helio-energy.de");
    expect(helio?.state).toBe("approved");
    expect(helio?.contacts.map((c) => c.state)).toEqual(["approved", "rejected"]);
    expect(view.waitingToSend).toBe(5);
    await expect(mock.queue_approve({ domain: "nope.example", contacts: null })).rejects.toMatchObject({ code: "notFound" });
  });

  it("rejects only with a reason, and snoozes only what is not decided", async () => {
    const mock = outboundCommands(() => NOW);
    await expect(mock.queue_reject({ domain: "brightpath.io", reason: "  " })).rejects.toMatchObject({
      code: "invalidInput",
      message: "Say why the company is rejected.",
    });
    const rejected = await mock.queue_reject({ domain: "brightpath.io", reason: " Competitor " });
    expect(rejected.companies.find((c) => c.domain === "brightpath.io")).toMatchObject({ state: "rejected", reason: "Competitor" });

    await expect(mock.queue_snooze({ domain: "brightpath.io", days: 7 })).rejects.toMatchObject({
      message: "brightpath.io is already decided; reopen it first to snooze it.",
    });
    await expect(mock.queue_snooze({ domain: "lumenfinance.com", days: 0 })).rejects.toMatchObject({ code: "invalidInput" });
    const snoozed = await mock.queue_snooze({ domain: "lumenfinance.com", days: 7 });
    expect(snoozed.companies.find((c) => c.domain === "lumenfinance.com")).toMatchObject({
      state: "snoozed",
      snoozedUntil: "2025-06-21T12:00:00.000Z",
    });
  });

  it("wakes a snoozed company once its time is up", async () => {
    let now = NOW;
    const mock = outboundCommands(() => now);
    await mock.queue_snooze({ domain: "brightpath.io", days: 1 });
    now = new Date(NOW.getTime() + 25 * 3_600_000);
    expect(states(await mock.queue_list(undefined))["brightpath.io"]).toBe("pending");
  });

  it("reopens a decided company, but not one whose contacts were sent", async () => {
    const mock = outboundCommands(() => NOW);
    const reopened = await mock.queue_reopen({ domain: "acmerobotics.com" });
    expect(reopened.companies.find((c) => c.domain === "acmerobotics.com")).toMatchObject({ state: "pending", reason: null });
    await expect(mock.queue_reopen({ domain: "orbitfreight.com" })).rejects.toMatchObject({
      code: "invalidInput",
      message: "orbitfreight.com's contacts were already sent to the campaign; it cannot be reopened.",
    });
  });

  it("assigns, notes and names the campaign's event, clearing with empty text", async () => {
    const mock = outboundCommands(() => NOW);
    const assigned = await mock.queue_assign({ domain: "brightpath.io", rep: " Alex Morgan " });
    expect(assigned.reps).toEqual(["Alex Morgan", "Casey Lindgren", "Robin Diaz"]);
    const cleared = await mock.queue_assign({ domain: "brightpath.io", rep: "" });
    expect(cleared.companies.find((c) => c.domain === "brightpath.io")?.assignedTo).toBeNull();
    const noted = await mock.queue_note({ domain: "brightpath.io", note: "Met at the expo" });
    expect(noted.companies.find((c) => c.domain === "brightpath.io")?.note).toBe("Met at the expo");
    expect((await mock.queue_note({ domain: "brightpath.io", note: null })).companies.find((c) => c.domain === "brightpath.io")?.note).toBeNull();
    await expect(mock.outbound_event_set({ event: "" })).rejects.toMatchObject({ code: "invalidInput" });
    expect((await mock.outbound_event_set({ event: "outbound_go" })).event).toBe("outbound_go");
  });
});

describe("the mock's sends", () => {
  it("refuses to send while Customer.io is not connected", async () => {
    const mock = outboundCommands(() => NOW, { customerioConnected: () => false });
    expect((await mock.queue_list(undefined)).customerioConnected).toBe(false);
    await expect(mock.queue_send(undefined)).rejects.toMatchObject({ code: "notConnected" });
  });

  it("sends the approved contacts, resumes a stopped send, keeps a refused one waiting and tells of stopped addresses", async () => {
    const mock = outboundCommands(() => NOW);
    const result = await mock.queue_send(undefined);
    expect(result).toMatchObject({ event: "switchboard_outbound_approved", sent: 3, resumed: 1, notified: 1, waiting: 0 });
    expect(result.failed.map((f) => f.key)).toEqual(["info@fernbank.health"]);
    const view = await mock.queue_list(undefined);
    expect(view.waitingToSend).toBe(1);
    expect(view.outreach.find((s) => s.state === "sent")?.count).toBe(3);
    expect((await mock.queue_send(undefined)).notified).toBe(0);
  });
});

describe("the mock's pipeline", () => {
  it("says what a run would spend at most and spends nothing", async () => {
    const mock = outboundCommands(() => NOW);
    const dry = await mock.pipeline_run({ dryRun: true, retryInterrupted: true });
    expect(dry.lookups).toEqual([
      { lookup: "reveal", count: 42, budgetLeft: 200 },
      { lookup: "company", count: 42, budgetLeft: 150 },
      { lookup: "score", count: 42, budgetLeft: 500 },
      { lookup: "prospect", count: 42, budgetLeft: 100 },
    ]);
    expect(dry).toMatchObject({ dryRun: true, revealed: 0, retried: 0 });
    expect(dry.interrupted).toHaveLength(2);
    expect((await mock.queue_list(undefined)).companies).toHaveLength(9);
  });

  it("queues the companies a run qualifies, and asks interrupted lookups again only when told", async () => {
    const mock = outboundCommands(() => NOW);
    const run = await mock.pipeline_run({ dryRun: false, retryInterrupted: false });
    expect(run).toMatchObject({ revealed: 41, identified: 12, qualified: 3, belowThreshold: 9, contacts: 7, retried: 0 });
    expect(run.interrupted).toHaveLength(2);
    expect(run.lookups.find((l) => l.lookup === "reveal")).toEqual({ lookup: "reveal", count: 41, budgetLeft: 159 });
    expect(states(await mock.queue_list(undefined))["harborline.com"]).toBe("pending");

    const retry = await mock.pipeline_run({ dryRun: false, retryInterrupted: true });
    expect(retry).toMatchObject({ retried: 2, interrupted: [], qualified: 0 });
    expect(retry.lookups.find((l) => l.lookup === "company")?.count).toBe(1);
  });

  it("gives the days asked for with the source report's figures, refusing a span out of range", async () => {
    const mock = outboundCommands(() => NOW);
    const stats = await mock.pipeline_stats({ days: 14 });
    expect(stats.days).toHaveLength(14);
    expect(stats.days.at(-1)?.day).toBe("2025-06-14");
    expect(stats).toMatchObject({ referenceDomains: 1_000, referenceQualified: 60, referenceContacts: 300, referenceOpenRate: 0.71 });
    await expect(mock.pipeline_stats({ days: 0 })).rejects.toMatchObject({ code: "invalidInput" });
  });

  it("shows webhooks masked, or not set up", async () => {
    const set = await outboundCommands(() => NOW).webhook_info(undefined);
    expect(set).toMatchObject({ configured: true, signed: true, customerioPath: "/webhooks/••••ab12/customerio" });
    expect(set.recent.length).toBeGreaterThan(0);
    const unset = await outboundCommands(() => NOW, { webhooks: false }).webhook_info(undefined);
    expect(unset).toMatchObject({ configured: false, recent: [] });
  });
});

describe("the mock's guardrails", () => {
  it("saves rules as the app reads them back, and the dry run spends within their budgets", async () => {
    const mock = outboundCommands(() => NOW);
    const rules = await mock.pipeline_rules(undefined);
    expect(rules).toMatchObject({ threshold: 70, skipKinds: ["education", "government", "isp"], maxContacts: 5 });
    const saved = await mock.pipeline_rules_set({
      rules: {
        ...rules,
        threshold: 55.5,
        skipKinds: ["isp", "government", "isp"],
        budgets: [{ lookup: "reveal", perDay: 30 }],
      },
    });
    expect(saved.skipKinds).toEqual(["government", "isp"]);
    expect(saved.threshold).toBe(55.5);
    expect(saved.budgets).toEqual([
      { lookup: "company", perDay: 150 },
      { lookup: "prospect", perDay: 100 },
      { lookup: "reveal", perDay: 30 },
      { lookup: "score", perDay: 500 },
    ]);
    expect(await mock.pipeline_rules(undefined)).toEqual(saved);
    const dry = await mock.pipeline_run({ dryRun: true, retryInterrupted: false });
    expect(dry.lookups.find((l) => l.lookup === "reveal")).toEqual({ lookup: "reveal", count: 30, budgetLeft: 30 });
  });

  it("refuses rules that make no sense, with what to use, and keeps the saved ones", async () => {
    const mock = outboundCommands(() => NOW);
    const rules = await mock.pipeline_rules(undefined);
    const refusals: [Partial<typeof rules>, string][] = [
      [{ threshold: 150 }, "The threshold is a score from 0 to 100, not 150."],
      [{ threshold: -0.5 }, "The threshold is a score from 0 to 100, not -0.5."],
      [{ maxContacts: 0 }, "Contacts per company are 1 to 100."],
      [{ cooldownDays: 3_651 }, "The cool-down is at most 3,650 days."],
      [{ skipKinds: ["agency"] }, '"agency" is not a Reveal type to skip; use isp, education or government.'],
      [{ budgets: [{ lookup: "lunch", perDay: 3 }] }, '"lunch" is not a lookup; budgets are for reveal, company, score and prospect.'],
      [{ roles: ["sales", " "] }, "Roles and seniorities cannot be empty names."],
    ];
    for (const [change, message] of refusals) {
      await expect(mock.pipeline_rules_set({ rules: { ...rules, ...change } })).rejects.toEqual({ code: "invalidInput", message });
    }
    expect(await mock.pipeline_rules(undefined)).toEqual(rules);
  });

  it("adds pasted domains, emails and URLs, skips a header, refuses lines without a domain and counts those already listed", async () => {
    const mock = outboundCommands(() => NOW);
    expect((await mock.suppressions(undefined)).map((s) => s.domain)).toEqual([
      "acmerobotics.com",
      "globex.com",
      "initech.com",
      "rivalmetrics.io",
    ]);
    const text = [
      "Company,Website,Contact",
      "Hooli,https://www.Hooli.com/about,gavin@hooli.com",
      "Pied Piper,,richard@piedpiper.com",
      "",
      "no domain here,42",
      "GLOBEX.com",
      '"Umbrella";"umbrella.co.uk"',
      "hooli.com",
    ].join("\r\n");
    const added = await mock.suppression_add({ list: "customer", text, note: " Q2 export " });
    expect(added).toMatchObject({ added: 3, already: 2, refused: [{ key: "5", reason: "no domain here,42" }] });
    expect(added.all.filter((s) => s.list === "customer").map((s) => [s.domain, s.note])).toEqual([
      ["acmerobotics.com", "Signed in March"],
      ["globex.com", null],
      ["hooli.com", " Q2 export "],
      ["piedpiper.com", " Q2 export "],
      ["umbrella.co.uk", " Q2 export "],
    ]);
    // The same domain may be on another list.
    expect((await mock.suppression_add({ list: "competitor", text: "hooli.com", note: "  " })).all).toContainEqual({
      domain: "hooli.com",
      list: "competitor",
      note: null,
      addedAt: NOW.toISOString(),
    });
    await expect(mock.suppression_add({ list: "partners", text: "a.com", note: null })).rejects.toMatchObject({
      code: "invalidInput",
      message: '"partners" is not a suppression list; use customer, competitor or do_not_contact.',
    });
  });

  it("takes a domain off one list only", async () => {
    const mock = outboundCommands(() => NOW);
    await mock.suppression_add({ list: "competitor", text: "globex.com", note: null });
    const left = await mock.suppression_remove({ domain: " Globex.com ", list: "customer" });
    expect(left.filter((s) => s.domain === "globex.com").map((s) => s.list)).toEqual(["competitor"]);
    expect(await mock.suppression_remove({ domain: "nowhere.example", list: "customer" })).toEqual(left);
  });
});

describe("the browser mock's outbound commands", () => {
  it("answers through IPC and sends while the mock's Customer.io is connected", async () => {
    installMockBackend("");
    expect((await call("queue_list")).customerioConnected).toBe(true);
    expect((await call("queue_send")).sent).toBe(3);
    await call("connection_disconnect", { tool: "customerio" });
    await expect(call("queue_send")).rejects.toMatchObject({ code: "notConnected" });
  });
});
