// A stand-in for the Rust side when the UI runs in a plain browser (development and previews).
// `?mock=` picks a scenario: "" or "ready", "creating", "failed", "error" (overview fails), "loading".

import { emit } from "@tauri-apps/api/event";
import { mockIPC } from "@tauri-apps/api/mocks";
import type { WorkspaceStatus } from "../bindings/WorkspaceStatus";
import { CREATION_STEPS, creatingStatus, failedStatus, readyStatus, rejectWith, sampleOverview } from "./sample";

const STEP_MS = 900;

export function installMockBackend(scenario: string): void {
  let status: WorkspaceStatus =
    scenario === "creating" ? creatingStatus(0) : scenario === "failed" ? failedStatus() : readyStatus();

  mockIPC(
    (command) => {
      switch (command) {
        case "workspace_status":
          return status;
        case "overview":
          if (scenario === "loading") return new Promise(() => undefined);
          if (scenario === "error") {
            return rejectWith({
              code: "io",
              message: "Could not read the workspace file; check that the disk is attached and try again.",
            });
          }
          return sampleOverview(new Date());
        default:
          return rejectWith(`command ${command} not found`);
      }
    },
    { shouldMockEvents: true },
  );

  if (scenario === "creating") {
    let done = 0;
    const timer = window.setInterval(() => {
      done += 1;
      status = done >= CREATION_STEPS.length ? readyStatus() : creatingStatus(done);
      void emit("workspace-progress", status);
      if (status.state === "ready") window.clearInterval(timer);
    }, STEP_MS);
  }
}
