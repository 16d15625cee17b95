import { emit } from "@tauri-apps/api/event";
import { mockIPC } from "@tauri-apps/api/mocks";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent, { PointerEventsCheckLevel } from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { ConnectionInfo } from "../bindings/ConnectionInfo";
import type { SyncProgressInfo } from "../bindings/SyncProgressInfo";
import type { SyncRunInfo } from "../bindings/SyncRunInfo";
import { connectionCommands, isConnectionCommand } from "../mocks/connections";
import { readyStatus, rejectWith, sampleOverview } from "../mocks/sample";
import { renderScreen } from "../test/renderApp";

type Handler = (args: never) => unknown;

/**
 * The mock's tools behind IPC (Clearbit, Customer.io, Facebook Ads connected, MadKudu with a short
 * key, the rest not), with any command answered by `answers` instead; events are mocked too.
 */
function backend(answers: Record<string, Handler> = {}) {
  const mock = connectionCommands(() => new Date(), { batchMs: 10 });
  const calls: { command: string; args: unknown }[] = [];
  mockIPC(
    (command, payload) => {
      calls.push({ command, args: payload });
      const answer = answers[command] as ((args: unknown) => unknown) | undefined;
      if (answer) return answer(payload);
      if (command === "workspace_status") return readyStatus();
      if (command === "overview") return sampleOverview();
      if (isConnectionCommand(command)) return (mock[command] as (args: unknown) => unknown)(payload);
      return rejectWith(`command ${command} not found`);
    },
    { shouldMockEvents: true },
  );
  return {
    mock,
    sent: (command: string) => calls.filter((c) => c.command === command).map((c) => c.args),
  };
}

async function openConnections() {
  const rendered = await renderScreen("Connections");
  await screen.findByTestId("connection-clearbit");
  return rendered;
}

function card(tool: string) {
  return within(screen.getByTestId(`connection-${tool}`));
}

/** A promise the test settles, for a command that takes as long as the test wants. */
function pending<T>() {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

function progressOf(tool: string, runId: number, done: number, total: number | null): SyncProgressInfo {
  return {
    tool,
    runId,
    stream: "people",
    fetched: done,
    written: done - 3,
    skipped: 2,
    failed: 1,
    done,
    total,
    rate: 40,
    etaMs: total === null ? null : ((total - done) / 40) * 1000,
  };
}

function finishedRun(tool: string, id: number): SyncRunInfo {
  return {
    id,
    tool,
    trigger: "manual",
    status: "partial",
    startedAt: new Date(Date.now() - 10_000).toISOString(),
    finishedAt: new Date().toISOString(),
    fetched: 240,
    written: 226,
    skipped: 8,
    failed: 6,
    credits: 232,
    error: null,
  };
}

describe("Connections", () => {
  it("shows one card per tool with its fields under the vendor's names, its state and its log", async () => {
    backend();
    await openConnections();

    const tools = ["clearbit", "madkudu", "customerio", "facebook", "google_ads", "adroll", "segment"];
    for (const tool of tools) expect(screen.getByTestId(`connection-${tool}`)).toBeInTheDocument();

    expect(screen.getByTestId("status-clearbit")).toHaveAttribute("data-status", "connected");
    expect(screen.getByTestId("status-customerio")).toHaveAttribute("data-status", "interrupted");
    expect(screen.getByTestId("status-google_ads")).toHaveAttribute("data-status", "notConnected");
    expect(screen.getByTestId("status-google_ads")).toHaveTextContent("Not connected");

    // A saved key is never shown: a password box, empty, saying which key is kept.
    const key = screen.getByTestId("field-clearbit-secret_key");
    expect(key).toHaveAttribute("type", "password");
    expect(key).toHaveValue("");
    expect(card("clearbit").getByText("Saved key …6789 — leave empty to keep it")).toBeInTheDocument();
    expect(card("madkudu").getByText("A key is saved — leave empty to keep it")).toBeInTheDocument();
    expect(card("clearbit").getByText("Secret API key")).toBeInTheDocument();

    // Plain fields show their value; a choice is a list.
    expect(screen.getByTestId("field-customerio-site_id")).toHaveValue("3f9a61c2e8d4");
    const region = screen.getByTestId("field-customerio-region");
    expect(region.tagName).toBe("SELECT");
    expect(region).toHaveValue("eu");
    expect(within(region).getAllByRole("option").map((o) => o.textContent)).toEqual(["Not set", "US", "EU"]);
    expect(screen.getByTestId("schedule-facebook")).toHaveValue("hourly");
    expect(screen.getByTestId("base-url-facebook")).toHaveAttribute("placeholder", "https://graph.facebook.com");

    expect(screen.getByTestId("last-sync-clearbit")).toHaveTextContent("succeeded");
    expect(screen.getByTestId("last-sync-google_ads")).toHaveTextContent("Never");
    expect(screen.getByTestId("next-sync-google_ads")).toHaveTextContent("Not scheduled");
    expect(screen.getByTestId("next-sync-facebook")).toHaveTextContent(/in \d+ minutes|Due now/);

    const log = await screen.findByTestId("log-clearbit");
    const rows = within(log).getAllByRole("row").slice(1);
    expect(rows.map((r) => r.getAttribute("data-status"))).toEqual(["succeeded", "partial", "failed"]);
    expect(within(rows[0] ?? log).getByText("Schedule")).toBeInTheDocument();
    expect(within(rows[2] ?? log).getByText(/refused the key \(401 Unauthorized\)/)).toBeInTheDocument();
    expect(await screen.findByTestId("log-adroll")).toHaveTextContent("No syncs yet.");
  });

  it("opens a run to list the rows it failed or skipped, with the reason", async () => {
    const { sent } = backend();
    await openConnections();

    const log = await screen.findByTestId("log-clearbit");
    const partial = within(log).getAllByRole("row").find((r) => r.getAttribute("data-status") === "partial");
    if (!partial) throw new Error("the log has a partial run");
    const id = Number(partial.getAttribute("data-testid")?.replace("log-row-", ""));
    expect(sent("sync_rows")).toEqual([]);
    await userEvent.click(within(partial).getByTestId(`log-expand-${String(id)}`));

    const opened = await screen.findByTestId(`log-rows-table-${String(id)}`);
    expect(sent("sync_rows")).toEqual([{ runId: id }]);
    const body = within(opened).getAllByRole("row").slice(1);
    expect(body).toHaveLength(6 + 8);
    expect(within(opened).getAllByText("failed")).toHaveLength(6);
    expect(within(opened).getAllByText("skipped")).toHaveLength(8);
    expect(within(opened).getAllByText("Clearbit answered 422: the record is not valid; it was left out.")).toHaveLength(6);
    expect(within(opened).getByText("person:contact40@example.com")).toBeInTheDocument();

    await userEvent.click(within(partial).getByTestId(`log-expand-${String(id)}`));
    expect(screen.queryByTestId(`log-rows-${String(id)}`)).not.toBeInTheDocument();
  });

  it("saves what was typed: a new key, a changed field, the schedule and base URL; an untouched key is sent empty", async () => {
    const { sent } = backend();
    await openConnections();

    await userEvent.clear(screen.getByTestId("field-customerio-site_id"));
    await userEvent.type(screen.getByTestId("field-customerio-site_id"), "77aa01");
    await userEvent.type(screen.getByTestId("field-customerio-app_api_key"), "app_newkey_1234wxyz");
    await userEvent.selectOptions(screen.getByTestId("field-customerio-region"), "us");
    await userEvent.selectOptions(screen.getByTestId("schedule-customerio"), "daily");
    await userEvent.type(screen.getByTestId("base-url-customerio"), "http://127.0.0.1:9555/");
    await userEvent.click(screen.getByTestId("save-customerio"));

    await waitFor(() => {
      expect(sent("connection_save")).toEqual([
        {
          tool: "customerio",
          values: { site_id: "77aa01", track_api_key: "", app_api_key: "app_newkey_1234wxyz", region: "us" },
          baseUrl: "http://127.0.0.1:9555/",
          schedule: "daily",
          freshnessDays: null,
          dailyBudget: null,
        },
      ]);
    });
    // The form now shows what was saved: the new key only by its last characters, the kept one as before.
    expect(await card("customerio").findByText("Saved key …wxyz — leave empty to keep it")).toBeInTheDocument();
    expect(card("customerio").getByText("Saved key …d1f5 — leave empty to keep it")).toBeInTheDocument();
    expect(screen.getByTestId("field-customerio-app_api_key")).toHaveValue("");
    expect(screen.getByTestId("base-url-customerio")).toHaveValue("http://127.0.0.1:9555");
    expect(screen.getByTestId("message-customerio")).toHaveTextContent("Saved");
    expect(screen.getByTestId("save-customerio")).toBeDisabled();
  });

  it("shows why a save was refused beside the card and keeps what was typed", async () => {
    backend();
    await openConnections();

    await userEvent.type(screen.getByTestId("base-url-clearbit"), "ftp://proxy");
    await userEvent.click(screen.getByTestId("save-clearbit"));

    const message = await screen.findByText("The base URL `ftp://proxy` must start with http:// or https://");
    expect(screen.getByTestId("message-clearbit")).toContainElement(message);
    expect(screen.getByTestId("message-clearbit")).toHaveAttribute("data-code", "invalidInput");
    expect(screen.getByTestId("base-url-clearbit")).toHaveValue("ftp://proxy");
  });

  it("tests a connection and says what the vendor answered, or why it failed", async () => {
    let refuse = false;
    const { sent } = backend({
      connection_test: ({ tool }: { tool: string }) =>
        refuse
          ? rejectWith({ code: "vendor", message: "Clearbit refused the key (401 Unauthorized); check the Secret API key." })
          : `${tool} answered: the connection works.`,
    });
    await openConnections();

    await userEvent.click(screen.getByTestId("test-clearbit"));
    const message = screen.getByTestId("message-clearbit");
    await waitFor(() => {
      expect(message).toHaveTextContent("Connection works");
    });
    expect(message).toHaveTextContent("clearbit answered: the connection works.");
    expect(message).toHaveAttribute("data-tone", "success");

    refuse = true;
    await userEvent.click(screen.getByTestId("test-clearbit"));
    await waitFor(() => {
      expect(message).toHaveTextContent("Connection test failed");
    });
    expect(message).toHaveTextContent("Clearbit refused the key (401 Unauthorized); check the Secret API key.");
    expect(message).toHaveAttribute("data-code", "vendor");
    expect(message).toHaveAttribute("data-tone", "error");
    expect(sent("connection_test")).toEqual([{ tool: "clearbit" }, { tool: "clearbit" }]);
    // Only the card tested says anything.
    expect(screen.getByTestId("message-customerio")).toBeEmptyDOMElement();
  });

  it("saves typed keys before testing them", async () => {
    const { sent } = backend();
    await openConnections();

    await userEvent.type(screen.getByTestId("field-clearbit-secret_key"), "sk_bad_1234567890");
    expect(screen.getByTestId("test-clearbit")).toHaveTextContent("Save and test");
    await userEvent.click(screen.getByTestId("test-clearbit"));

    await waitFor(() => {
      expect(screen.getByTestId("message-clearbit")).toHaveAttribute("data-code", "vendor");
    });
    expect(sent("connection_save")).toHaveLength(1);
    expect(sent("connection_test")).toEqual([{ tool: "clearbit" }]);
    expect(screen.getByTestId("test-clearbit")).toHaveTextContent("Test connection");
  });

  it("turns Test and Sync now off until a tool is connected, and says what is missing", async () => {
    const { sent } = backend();
    await openConnections();

    expect(screen.getByTestId("test-segment")).toBeDisabled();
    expect(screen.getByTestId("sync-segment")).toBeDisabled();
    expect(card("segment").getByTestId("blocked-segment")).toHaveTextContent(
      "Not connected: enter the Space ID and Access token, then save.",
    );
    expect(screen.getByTestId("disconnect-segment")).toBeDisabled();
    expect(screen.getByTestId("save-segment")).toBeDisabled();
    // Even a click that gets through does nothing.
    await userEvent.setup({ pointerEventsCheck: PointerEventsCheckLevel.Never }).click(screen.getByTestId("sync-segment"));
    expect(sent("sync_now")).toEqual([]);

    // A connected tool can be tested and synced.
    expect(screen.getByTestId("test-clearbit")).toBeEnabled();
    expect(screen.getByTestId("sync-clearbit")).toBeEnabled();
    expect(card("clearbit").queryByTestId("blocked-clearbit")).not.toBeInTheDocument();

    // Once saved with what was missing, it is connected.
    await userEvent.type(screen.getByTestId("field-segment-space_id"), "spa_8f2k");
    expect(screen.getByTestId("sync-segment")).toBeDisabled();
    await userEvent.type(screen.getByTestId("field-segment-access_token"), "seg_tok_0123456789");
    await userEvent.click(screen.getByTestId("save-segment"));
    await waitFor(() => {
      expect(screen.getByTestId("sync-segment")).toBeEnabled();
    });
    expect(screen.getByTestId("status-segment")).toHaveAttribute("data-status", "connected");
    expect(screen.getByTestId("message-segment")).toHaveTextContent("Segment Profiles is connected");
  });

  it("follows a sync from its progress events to its end, then reads the log again", async () => {
    const run = pending<SyncRunInfo>();
    let finished: SyncRunInfo | null = null;
    const { mock, sent } = backend({
      sync_now: () => run.promise,
      sync_log: async (args: { tool: string | null; limit: number }) => {
        const runs = await mock.sync_log(args);
        return finished && args.tool === "clearbit" ? [finished, ...runs] : runs;
      },
    });
    await openConnections();
    await screen.findByTestId("log-clearbit");
    const logReads = sent("sync_log").length;

    await userEvent.click(screen.getByTestId("sync-clearbit"));
    expect(sent("sync_now")).toEqual([{ tool: "clearbit" }]);
    const progress = await screen.findByTestId("progress-clearbit");
    expect(progress).toHaveTextContent("Starting… waiting for the first batch");
    expect(screen.getByTestId("sync-clearbit")).toBeDisabled();
    expect(screen.getByTestId("status-clearbit")).toHaveAttribute("data-status", "syncing");

    await emit("sync-progress", { ...progressOf("clearbit", 42, 120, 240), etaMs: 150_000 });
    await waitFor(() => {
      expect(progress).toHaveAttribute("data-done", "120");
    });
    expect(progress).toHaveAttribute("data-total", "240");
    expect(progress).toHaveTextContent("Syncing people");
    expect(within(progress).getByRole("progressbar", { name: "Sync progress" })).toHaveAttribute("aria-valuenow", "50");
    expect(screen.getByTestId("progress-done-clearbit")).toHaveTextContent("120 of 240 rows · 50%");
    expect(screen.getByTestId("progress-counts-clearbit")).toHaveTextContent(
      "Fetched 120 · written 117 · skipped 2 · failed 1",
    );
    expect(screen.getByTestId("progress-pace-clearbit")).toHaveTextContent("40 rows/s · about 3 min left");
    // Another tool's progress is its own.
    expect(screen.queryByTestId("progress-customerio")).not.toBeInTheDocument();

    finished = finishedRun("clearbit", 42);
    run.resolve(finished);
    await waitFor(() => {
      expect(screen.queryByTestId("progress-clearbit")).not.toBeInTheDocument();
    });
    expect(screen.getByTestId("message-clearbit")).toHaveTextContent("Sync finished with problems");
    expect(screen.getByTestId("message-clearbit")).toHaveTextContent("240 fetched, 226 written, 8 skipped, 6 failed.");
    const newest = await screen.findByTestId("log-row-42");
    expect(newest).toHaveAttribute("data-status", "partial");
    expect(sent("sync_log").length).toBeGreaterThan(logReads);
    expect(screen.getByTestId("sync-clearbit")).toBeEnabled();
    // What the sync wrote shows on the other screens: the Overview is read again.
    await waitFor(() => {
      expect(sent("overview").length).toBeGreaterThan(0);
    });
  });

  it("counts rows when the vendor does not say how many there are", async () => {
    backend({ sync_now: () => pending<SyncRunInfo>().promise });
    await openConnections();

    await userEvent.click(screen.getByTestId("sync-facebook"));
    await emit("sync-progress", { ...progressOf("facebook", 90, 360, null), stream: "insights" });
    const progress = await screen.findByTestId("progress-facebook");
    await waitFor(() => {
      expect(screen.getByTestId("progress-done-facebook")).toHaveTextContent("360 rows so far");
    });
    expect(progress).not.toHaveAttribute("data-total");
    expect(within(progress).queryByRole("progressbar", { name: "Sync progress" })).not.toBeInTheDocument();
    expect(screen.getByTestId("progress-pace-facebook")).toHaveTextContent("40 rows/s");
    expect(screen.getByTestId("progress-pace-facebook")).not.toHaveTextContent("left");
  });

  it("cancels a running sync, which then stops after its batch", async () => {
    const run = pending<SyncRunInfo>();
    const { sent } = backend({ sync_now: () => run.promise, sync_cancel: () => true });
    await openConnections();

    await userEvent.click(screen.getByTestId("sync-clearbit"));
    await emit("sync-progress", progressOf("clearbit", 43, 60, 240));
    await userEvent.click(await screen.findByTestId("cancel-clearbit"));

    expect(sent("sync_cancel")).toEqual([{ tool: "clearbit" }]);
    await waitFor(() => {
      expect(screen.getByTestId("cancel-clearbit")).toHaveTextContent("Stopping…");
    });
    expect(screen.getByTestId("cancel-clearbit")).toBeDisabled();
    expect(screen.getByTestId("progress-clearbit")).toHaveTextContent("Stopping after the current batch…");

    run.resolve({ ...finishedRun("clearbit", 43), status: "cancelled", fetched: 60, written: 60, skipped: 0, failed: 0 });
    await waitFor(() => {
      expect(screen.getByTestId("message-clearbit")).toHaveTextContent("Sync cancelled");
    });
    expect(screen.queryByTestId("cancel-clearbit")).not.toBeInTheDocument();
  });

  it("says so when a sync is refused because one is already running", async () => {
    backend({
      sync_now: () => rejectWith({ code: "busy", message: "A sync of Clearbit is already running; wait for it or cancel it." }),
    });
    await openConnections();

    await userEvent.click(screen.getByTestId("sync-clearbit"));
    const message = screen.getByTestId("message-clearbit");
    await waitFor(() => {
      expect(message).toHaveAttribute("data-code", "busy");
    });
    expect(message).toHaveTextContent("A sync is already running");
    expect(message).toHaveTextContent("A sync of Clearbit is already running; wait for it or cancel it.");
  });

  it("shows a scheduled sync's progress, and its end when the connections are read again", async () => {
    let list: ConnectionInfo[] | null = null;
    const { mock, sent } = backend({
      connections: async () => list ?? mock.connections(undefined),
    });
    await openConnections();

    await emit("sync-progress", { ...progressOf("facebook", 77, 300, null), stream: "insights" });
    expect(await screen.findByTestId("progress-facebook")).toHaveTextContent("Syncing insights");
    expect(screen.getByTestId("status-facebook")).toHaveAttribute("data-status", "syncing");
    const logReads = sent("sync_log").filter((a) => (a as { tool: string }).tool === "facebook").length;

    // The schedule's run ends; the app finds out on its next look at the connections.
    const ended = { ...finishedRun("facebook", 77), trigger: "schedule", status: "succeeded", failed: 0, skipped: 0 };
    list = (await mock.connections(undefined)).map((c) => (c.tool === "facebook" ? { ...c, lastRun: ended, running: false } : c));
    await waitFor(
      () => {
        expect(screen.queryByTestId("progress-facebook")).not.toBeInTheDocument();
      },
      { timeout: 5_000 },
    );
    expect(screen.getByTestId("status-facebook")).toHaveAttribute("data-status", "connected");
    await waitFor(() => {
      expect(sent("sync_log").filter((a) => (a as { tool: string }).tool === "facebook").length).toBeGreaterThan(logReads);
    });
  });

  it("disconnects only once that is confirmed", async () => {
    const { sent } = backend();
    await openConnections();

    await userEvent.click(screen.getByTestId("disconnect-clearbit"));
    const dialog = await screen.findByRole("dialog", { name: "Disconnect Clearbit?" });
    expect(dialog).toHaveTextContent("its run log");
    await userEvent.click(within(dialog).getByTestId("disconnect-clearbit-cancel"));
    await waitFor(() => {
      expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    });
    expect(sent("connection_disconnect")).toEqual([]);
    expect(screen.getByTestId("status-clearbit")).toHaveAttribute("data-status", "connected");

    await userEvent.click(screen.getByTestId("disconnect-clearbit"));
    await userEvent.click(await screen.findByTestId("disconnect-clearbit-confirm"));
    await waitFor(() => {
      expect(screen.getByTestId("status-clearbit")).toHaveAttribute("data-status", "notConnected");
    });
    expect(sent("connection_disconnect")).toEqual([{ tool: "clearbit" }]);
    expect(card("clearbit").queryByText(/Saved key/)).not.toBeInTheDocument();
    expect(screen.getByTestId("sync-clearbit")).toBeDisabled();
    expect(screen.getByTestId("message-clearbit")).toHaveTextContent("Disconnected");
    // Its history stays.
    expect(within(screen.getByTestId("log-clearbit")).getAllByRole("row")).toHaveLength(1 + 3);
  });

  it("asks before leaving the screen with unsaved changes, and discards them on request", async () => {
    backend();
    await openConnections();

    await userEvent.type(screen.getByTestId("field-adroll-advertisable_eid"), "ADV123");
    expect(screen.getByTestId("sync-clearbit")).toBeEnabled();
    expect(screen.getByTestId("sync-facebook")).toBeEnabled();
    await userEvent.click(within(screen.getByRole("navigation", { name: "Screens" })).getByRole("button", { name: "Overview" }));

    const dialog = await screen.findByRole("dialog", { name: "Discard your changes?" });
    expect(dialog).toHaveTextContent("Your changes to the AdRoll connection were not saved.");
    await userEvent.click(within(dialog).getByTestId("leave-discard-cancel"));
    expect(screen.getByTestId("field-adroll-advertisable_eid")).toHaveValue("ADV123");

    await userEvent.click(screen.getByTestId("discard-adroll"));
    expect(screen.getByTestId("field-adroll-advertisable_eid")).toHaveValue("");
    await userEvent.click(within(screen.getByRole("navigation", { name: "Screens" })).getByRole("button", { name: "Overview" }));
    // Nothing unsaved now: the app goes to the Overview without asking.
    await waitFor(() => {
      expect(screen.queryByTestId("connection-clearbit")).not.toBeInTheDocument();
    });
    await waitFor(() => {
      expect(screen.queryByTestId("leave-discard-confirm")).not.toBeInTheDocument();
    });
  });

  it("shows the error when the connections cannot be loaded", async () => {
    backend({ connections: () => rejectWith({ code: "secrets", message: "The system keychain is locked; unlock it and try again." }) });
    await renderScreen("Connections");

    const alert = await screen.findByTestId("connections-error");
    expect(alert).toHaveTextContent("The connections could not be loaded");
    expect(alert).toHaveTextContent("The system keychain is locked; unlock it and try again.");
  });
});
