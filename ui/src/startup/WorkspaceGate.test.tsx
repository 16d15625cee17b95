import { emit } from "@tauri-apps/api/event";
import { mockIPC } from "@tauri-apps/api/mocks";
import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { WorkspaceStatus } from "../bindings/WorkspaceStatus";
import { creatingStatus, failedStatus, readyStatus, rejectWith, SAMPLE_PATH, sampleOverview } from "../mocks/sample";
import { renderApp } from "../test/renderApp";

describe("startup", () => {
  it("follows workspace-progress events from creating to the Overview", async () => {
    // After the first answer the status command never answers again, so only the event can move things on.
    let statusCalls = 0;
    mockIPC(
      (command) => {
        if (command === "workspace_status") {
          statusCalls += 1;
          return statusCalls === 1 ? creatingStatus(1) : new Promise(() => undefined);
        }
        if (command === "overview") return sampleOverview();
        return rejectWith(`command ${command} not found`);
      },
      { shouldMockEvents: true },
    );
    renderApp();

    expect(await screen.findByText("Setting up your demo workspace")).toBeInTheDocument();
    expect(screen.getByTestId("workspace-step")).toHaveTextContent("Generating companies");
    expect(screen.getByText("1 of 6")).toBeInTheDocument();
    expect(screen.getByTestId("status-state")).toHaveTextContent("Creating");
    expect(screen.queryByTestId("kpi-identified-domains-7")).not.toBeInTheDocument();

    await emit("workspace-progress", creatingStatus(4));
    expect(await screen.findByText("4 of 6")).toBeInTheDocument();
    expect(screen.getByTestId("workspace-step")).toHaveTextContent("Scoring companies");
    expect(screen.getByTestId("workspace-progress")).toHaveAttribute("data-done", "4");

    await emit("workspace-progress", readyStatus());
    expect(await screen.findByTestId("kpi-identified-domains-7")).toHaveAttribute("data-value", "1284.29");
    expect(screen.queryByText("Setting up your demo workspace")).not.toBeInTheDocument();
  });

  it("notices the workspace became ready by polling when no event comes", async () => {
    let status: WorkspaceStatus = creatingStatus(5);
    mockIPC((command) => {
      if (command === "workspace_status") return status;
      if (command === "overview") return sampleOverview();
      return rejectWith(`command ${command} not found`);
    });
    renderApp();

    expect(await screen.findByText("5 of 6")).toBeInTheDocument();
    status = readyStatus();
    expect(await screen.findByTestId("kpi-new-contacts-30", {}, { timeout: 3_000 })).toHaveTextContent("9.8");
  });

  it("shows why the workspace failed, what to do, and where it is", async () => {
    mockIPC((command) => (command === "workspace_status" ? failedStatus() : rejectWith("not expected")));
    renderApp();

    const alert = await screen.findByTestId("workspace-failed");
    expect(alert).toHaveTextContent("The workspace could not be opened");
    expect(alert).toHaveTextContent("the disk is full; free some space and restart Switchboard.");
    expect(alert).toHaveTextContent("has free space");
    expect(alert).toHaveTextContent(SAMPLE_PATH);
    expect(screen.getByTestId("status-state")).toHaveTextContent("Failed");
    expect(screen.queryByTestId("kpi-identified-domains-7")).not.toBeInTheDocument();
  });

  it("shows the error when the status itself cannot be read", async () => {
    mockIPC(() => rejectWith({ code: "internal", message: "The app state is unavailable; restart Switchboard." }));
    renderApp();

    expect(await screen.findByTestId("backend-unreachable")).toHaveTextContent(
      "The app state is unavailable; restart Switchboard.",
    );
  });
});
