import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, it } from "vitest";
import { call, IpcFailure } from "./ipc";
import { readyStatus, rejectWith } from "./mocks/sample";

describe("call", () => {
  it("resolves with what the command returned", async () => {
    mockIPC((command) => (command === "workspace_status" ? readyStatus() : undefined));
    await expect(call("workspace_status")).resolves.toEqual(readyStatus());
  });

  it("turns a rejected IpcError into an IpcFailure with its code and message", async () => {
    mockIPC(() => rejectWith({ code: "newerSchema", message: "Update Switchboard to open this workspace." }));
    const failure = await call("overview").catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(IpcFailure);
    expect(failure).toMatchObject({ code: "newerSchema", message: "Update Switchboard to open this workspace." });
  });

  it("treats Tauri's own string rejections as internal failures", async () => {
    mockIPC(() => rejectWith("command overview not found"));
    await expect(call("overview")).rejects.toMatchObject({ code: "internal", message: "command overview not found" });
  });

  it("fails with a clear message outside the app", async () => {
    // No mockIPC: as in a plain browser, there is no Tauri bridge at all.
    delete (window as { __TAURI_INTERNALS__?: unknown }).__TAURI_INTERNALS__;
    await expect(call("workspace_status")).rejects.toMatchObject({
      code: "internal",
      message: expect.stringContaining("not connected to Switchboard") as unknown,
    });
  });
});
