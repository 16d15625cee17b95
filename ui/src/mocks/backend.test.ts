import { describe, expect, it } from "vitest";
import { call } from "../ipc";
import { installMockBackend } from "./backend";

describe("the browser mock back end", () => {
  it("adds sources with a fresh 32-character key and refuses a name twice", async () => {
    installMockBackend("");
    const added = await call("source_add", { name: "android" });
    expect(added.writeKey).toMatch(/^[A-Za-z0-9]{32}$/);
    expect((await call("sources")).sources.map((s) => s.name)).toContain("android");
    await expect(call("source_add", { name: "android" })).rejects.toMatchObject({
      code: "invalidInput",
      message: "A source named \"android\" already exists; choose another name.",
    });
  });

  it("starts and stops the collector where it was asked to listen", async () => {
    installMockBackend("");
    const started = await call("collector_start", { port: 9090, bind: "0.0.0.0" });
    expect(started).toMatchObject({ running: true, address: "http://0.0.0.0:9090", error: null });
    expect((await call("sources")).collector.running).toBe(true);
    expect(await call("collector_stop")).toMatchObject({ running: false, address: null, port: 9090 });

    await expect(call("collector_start", { port: 80, bind: "127.0.0.1" })).rejects.toMatchObject({
      code: "invalidInput",
      message: "Port 80 needs privileges; choose a port above 1023",
    });
    expect((await call("sources")).collector).toMatchObject({
      running: false,
      error: "Port 80 needs privileges; choose a port above 1023",
    });
  });

  it("imports a plan and refuses text that is not JSON", async () => {
    installMockBackend("empty");
    expect((await call("tracking_plan")).plan).toBeNull();
    await expect(call("plan_import", { json: "{ nope" })).rejects.toMatchObject({ code: "invalidInput" });
    await call("plan_import", { json: '{"name": "Web", "events": [{"name": "Signed Up"}]}' });
    expect((await call("tracking_plan")).plan?.events.map((e) => e.name)).toEqual(["Signed Up"]);
  });

  it("finds people by what was typed and opens one", async () => {
    installMockBackend("");
    const found = await call("people", { query: "keller", limit: 100 });
    expect(found.map((p) => p.name)).toEqual(["Maria Keller"]);
    const detail = await call("person", { id: found[0]?.id ?? -1 });
    expect(detail.identities.map((i) => i.kind)).toContain("anonymous_id");
    await expect(call("person", { id: 999 })).rejects.toMatchObject({ code: "notFound" });
  });
});
