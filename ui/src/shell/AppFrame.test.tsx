import { mockIPC } from "@tauri-apps/api/mocks";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { readyStatus, SAMPLE_PATH, sampleOverview } from "../mocks/sample";
import { renderApp } from "../test/renderApp";

function backend() {
  mockIPC((command) => (command === "workspace_status" ? readyStatus() : sampleOverview()));
}

describe("app frame", () => {
  it("offers only the screens that work", async () => {
    backend();
    renderApp();

    const nav = await screen.findByRole("navigation", { name: "Screens" });
    const links = within(nav).getAllByRole("button");
    expect(links.map((link) => link.textContent)).toEqual([
      "Overview",
      "Sources",
      "Connections",
      "People",
      "Segments",
      "Funnels",
      "Spend and CAC",
      "Outbound",
      "Tracking plan",
      "Templates",
    ]);
    expect(links[0]).toHaveAttribute("aria-current", "page");
  });

  it("shows the workspace path in the status bar", async () => {
    backend();
    renderApp();

    expect(await screen.findByTestId("status-path")).toHaveTextContent(SAMPLE_PATH);
  });

  it("switches the theme and remembers the choice", async () => {
    backend();
    renderApp();

    await userEvent.click(await screen.findByText("Dark theme"));
    expect(document.documentElement).toHaveAttribute("data-mantine-color-scheme", "dark");
    expect(localStorage.getItem("switchboard-color-scheme")).toBe("dark");

    await userEvent.click(screen.getByText("Light theme"));
    expect(document.documentElement).toHaveAttribute("data-mantine-color-scheme", "light");
    expect(localStorage.getItem("switchboard-color-scheme")).toBe("light");
  });
});
