import { describe, expect, it } from "vitest";
import type { SyncProgressInfo } from "../bindings/SyncProgressInfo";
import { connectionCommands, masked } from "./connections";

const NOW = new Date("2025-06-14T12:00:00Z");

describe("the mock's connections", () => {
  it("masks keys as the app does and never sends one back", async () => {
    expect(masked("sk_live_4f1c2d9e8b7a6789")).toBe("…6789");
    expect(masked("short")).toBe("set");
    const list = await connectionCommands(() => NOW).connections(undefined);
    expect(JSON.stringify(list)).not.toContain("sk_live_4f1c2d9e8b7a6789");
    expect(list.find((c) => c.tool === "clearbit")?.fields[0]).toMatchObject({ masked: "…6789", value: null });
  });

  it("keeps a key when the form sends it empty, clears an empty plain field, and forgets all on disconnect", async () => {
    const mock = connectionCommands(() => NOW);
    const values = { site_id: "", track_api_key: "", app_api_key: "app_0123456789abcd", region: "us" };
    const saved = (await mock.connection_save({ tool: "customerio", values, baseUrl: "http://127.0.0.1:9/", schedule: "daily", freshnessDays: null, dailyBudget: null })).find(
      (c) => c.tool === "customerio",
    );
    expect(saved?.fields.map((f) => f.masked ?? f.value)).toEqual([null, "…d1f5", "…abcd", "us"]);
    expect(saved).toMatchObject({ connected: false, baseUrl: "http://127.0.0.1:9", schedule: "daily", nextRun: null });
    await expect(mock.connection_test({ tool: "customerio" })).rejects.toMatchObject({ code: "notConnected" });
    await expect(mock.connection_save({ tool: "customerio", values: { region: "ap" }, baseUrl: null, schedule: "off", freshnessDays: null, dailyBudget: null })).rejects.toMatchObject({
      code: "invalidInput",
      message: "Region must be one of us, eu",
    });
    const after = (await mock.connection_disconnect({ tool: "customerio" })).find((c) => c.tool === "customerio");
    expect(after?.fields.every((f) => f.value === null && f.masked === null)).toBe(true);
    expect(await mock.sync_log({ tool: "customerio", limit: 20 })).toHaveLength(2);
  });

  it("refuses a key with bad in it when tested", async () => {
    const mock = connectionCommands(() => NOW);
    expect(await mock.connection_test({ tool: "clearbit" })).toBe("Clearbit answered: the connection works.");
    await mock.connection_save({ tool: "clearbit", values: { secret_key: "sk_bad_000000000" }, baseUrl: null, schedule: "off", freshnessDays: null, dailyBudget: null });
    await expect(mock.connection_test({ tool: "clearbit" })).rejects.toMatchObject({ code: "vendor" });
  });

  it("syncs in batches with progress, logs the run with its failed and skipped rows, and refuses a second run", async () => {
    const events: SyncProgressInfo[] = [];
    const mock = connectionCommands(() => NOW, { batchMs: 0, onProgress: (p) => events.push(p) });
    const running = mock.sync_now({ tool: "clearbit" });
    await expect(mock.sync_now({ tool: "clearbit" })).rejects.toMatchObject({ code: "busy" });
    const run = await running;
    expect(events.map((e) => e.done)).toEqual([60, 120, 180, 240]);
    expect(events.every((e) => e.total === 240 && e.runId === run.id)).toBe(true);
    expect(run).toMatchObject({ status: "partial", fetched: 240, failed: 6, skipped: 8, written: 226 });
    expect((await mock.sync_log({ tool: "clearbit", limit: 1 }))[0]).toMatchObject({ id: run.id, status: "partial" });
    const rows = await mock.sync_rows({ runId: run.id });
    expect(rows.filter((r) => r.failed)).toHaveLength(6);
    expect(rows[0]?.reason).toContain("422");
    await expect(mock.sync_now({ tool: "segment" })).rejects.toMatchObject({ code: "notConnected" });
  });

  it("stops a run after its current batch when cancelled", async () => {
    const mock = connectionCommands(() => NOW, { batchMs: 0 });
    expect(await mock.sync_cancel({ tool: "clearbit" })).toBe(false);
    const run = mock.sync_now({ tool: "clearbit" });
    expect(await mock.sync_cancel({ tool: "clearbit" })).toBe(true);
    expect(await run).toMatchObject({ status: "cancelled", fetched: 60 });
    expect(await mock.sync_cancel({ tool: "clearbit" })).toBe(false);
  });
});
