import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, it } from "vitest";
import { call, IpcFailure } from "./ipc";
import { readyStatus, rejectWith } from "./mocks/sample";

describe("call", () => {
  it("resolves with what the command returned", async () => {
    mockIPC((command) => (command === "workspace_status" ? readyStatus() : undefined));
    await expect(call("workspace_status")).resolves.toEqual(readyStatus());
  });

  it("passes a command's arguments to Tauri as they were given", async () => {
    const received: unknown[] = [];
    mockIPC((command, payload) => {
      received.push([command, payload]);
      return command === "people" ? [] : undefined;
    });
    await expect(call("people", { query: "maria", limit: 100 })).resolves.toEqual([]);
    await call("collector_start", { port: 9090, bind: "0.0.0.0" });
    await call("template_export", { name: "Double forward", prospectId: 201, format: "eml" });
    expect(received).toEqual([
      ["people", { query: "maria", limit: 100 }],
      ["collector_start", { port: 9090, bind: "0.0.0.0" }],
      ["template_export", { name: "Double forward", prospectId: 201, format: "eml" }],
    ]);
  });

  it("checks at compile time that a command gets exactly the arguments it takes", () => {
    // Never run: `npm run typecheck` fails if any of these lines stops being an error.
    const misuses = () => {
      // @ts-expect-error person needs an id
      void call("person");
      // @ts-expect-error the id is a number
      void call("person", { id: "3" });
      // @ts-expect-error overview takes no arguments
      void call("overview", { id: 3 });
      // @ts-expect-error collector_start needs a bind address too
      void call("collector_start", { port: 8088 });
      // @ts-expect-error a preview needs the prospect it is rendered for
      void call("template_preview", { template: { name: "x", layers: [] } });
      // @ts-expect-error the export formats are customerio and eml
      void call("template_export", { name: "x", prospectId: 1, format: "pdf" });
      // @ts-expect-error prospectId is camelCase, as Tauri expects
      void call("template_export", { name: "x", prospect_id: 1, format: "eml" });
    };
    expect(misuses).toBeTypeOf("function");
  });

  it("turns a rejected IpcError into an IpcFailure with its code and message", async () => {
    mockIPC(() => rejectWith({ code: "newerSchema", message: "Update Switchboard to open this workspace." }));
    const failure = await call("overview").catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(IpcFailure);
    expect(failure).toMatchObject({ code: "newerSchema", message: "Update Switchboard to open this workspace." });
  });

  it("keeps the invalidInput code, whose message says what was wrong with the input", async () => {
    mockIPC(() => rejectWith({ code: "invalidInput", message: "A source named `web` already exists" }));
    await expect(call("source_add", { name: "web" })).rejects.toMatchObject({
      code: "invalidInput",
      message: "A source named `web` already exists",
    });
  });

  it("keeps the codes of the connection commands (vendor, notConnected, secrets, busy)", async () => {
    for (const code of ["vendor", "notConnected", "secrets", "busy"] as const) {
      mockIPC(() => rejectWith({ code, message: "Clearbit refused the key (401); check the Secret API key." }));
      await expect(call("connection_test", { tool: "clearbit" })).rejects.toMatchObject({
        code,
        message: "Clearbit refused the key (401); check the Secret API key.",
      });
    }
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
