import { mockIPC } from "@tauri-apps/api/mocks";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { readyStatus, rejectWith, SAMPLE_NAME, sampleOverview } from "../mocks/sample";
import { renderApp } from "../test/renderApp";

/** The cells of a table's body row, to query within. */
function bodyRow(table: HTMLElement, index: number) {
  const row = within(table).getAllByRole("row")[index + 1];
  if (!row) throw new Error(`the table has no body row ${String(index)}`);
  return within(row);
}

function backend(overview: () => unknown = () => sampleOverview()) {
  const charts: unknown[] = [];
  mockIPC((command, payload) => {
    if (command === "workspace_status") return readyStatus();
    if (command === "overview") return overview();
    if (command === "chart") {
      charts.push(payload);
      const { name } = payload as { name: string };
      return `<svg xmlns="http://www.w3.org/2000/svg"><title>${name}</title></svg>`;
    }
    return rejectWith(`command ${command} not found`);
  });
  return { charts };
}

describe("Overview", () => {
  it("shows each KPI for 7 and 30 days, formatted, with the raw number in data-value", async () => {
    backend();
    renderApp();

    const expected: [string, string, string][] = [
      ["kpi-identified-domains-7", "1,284", "1284.29"],
      ["kpi-identified-domains-30", "1,191", "1190.6"],
      ["kpi-qualified-companies-7", "46.7", "46.71"],
      ["kpi-qualified-companies-30", "41.2", "41.2"],
      ["kpi-new-contacts-7", "12.4", "12.43"],
      ["kpi-new-contacts-30", "9.8", "9.8"],
      ["kpi-open-rate-7", "—", ""],
      ["kpi-open-rate-30", "41.3%", "0.4127"],
    ];
    for (const [testId, text, value] of expected) {
      const element = await screen.findByTestId(testId);
      expect(element, testId).toHaveTextContent(text);
      expect(element, testId).toHaveAttribute("data-value", value);
    }
  });

  it("explains a missing open rate on hover", async () => {
    backend();
    renderApp();

    await userEvent.hover(await screen.findByTestId("kpi-open-rate-7"));
    expect(await screen.findByText("No outbound email delivered in this window")).toBeInTheDocument();
  });

  it("shows the totals and the events by type", async () => {
    backend();
    renderApp();

    const counts: Record<string, string> = {
      "count-people": "48213",
      "count-companies": "6532",
      "count-events": "1204877",
      "count-events-identify": "61240",
      "count-events-track": "702118",
      "count-events-page": "421307",
      "count-events-screen": "12004",
      "count-events-group": "6532",
      "count-events-alias": "1676",
    };
    for (const [testId, value] of Object.entries(counts)) {
      expect(await screen.findByTestId(testId), testId).toHaveAttribute("data-value", value);
    }
    expect(screen.getByTestId("count-events")).toHaveTextContent("1,204,877");
  });

  it("says how fresh the data is, in the subtitle, the header and the status bar", async () => {
    backend();
    renderApp();

    expect(await screen.findByTestId("overview-subtitle")).toHaveTextContent(
      "Data through 2025-06-14 · 30 days of data",
    );
    expect(screen.getByTestId("workspace-name")).toHaveTextContent(SAMPLE_NAME);
    expect(screen.getByTestId("status-as-of")).toHaveTextContent("Data through 2025-06-14");
    expect(screen.getByTestId("status-events")).toHaveTextContent("1,204,877 events");
    expect(screen.getByTestId("status-state")).toHaveTextContent("Ready");
  });

  it("lists the top companies with fit, technologies and missing values", async () => {
    backend();
    renderApp();

    const table = await screen.findByTestId("top-companies");
    expect(within(table).getAllByRole("row")).toHaveLength(1 + 8);

    const northwind = bodyRow(table, 0);
    expect(northwind.getByText("Northwind Logistics")).toBeInTheDocument();
    expect(northwind.getByText("northwindlogistics.com")).toBeInTheDocument();
    expect(northwind.getByText("4,200")).toBeInTheDocument();
    expect(northwind.getByText("very good")).toBeInTheDocument();
    // Five technologies: three shown, the rest counted.
    expect(northwind.getByText("Snowflake")).toBeInTheDocument();
    expect(northwind.queryByText("React")).not.toBeInTheDocument();
    expect(northwind.getByText("+2")).toBeInTheDocument();

    const tessera = bodyRow(table, 7);
    expect(tessera.getByText("Tessera AI")).toBeInTheDocument();
    expect(tessera.getAllByText("—").length).toBeGreaterThanOrEqual(4);
  });

  it("lists the latest events", async () => {
    backend();
    renderApp();

    const table = await screen.findByTestId("latest-events");
    expect(within(table).getAllByRole("row")).toHaveLength(1 + 10);
    const second = bodyRow(table, 1);
    expect(second.getByText("track")).toBeInTheDocument();
    expect(second.getByText("Demo Requested")).toBeInTheDocument();
    expect(second.getByText("maria.keller@helio-energy.de")).toBeInTheDocument();
    expect(second.getByText("198.51.100.7")).toBeInTheDocument();
    expect(second.getByText("helio-energy.de")).toBeInTheDocument();
  });

  it("draws the daily pipeline and the open rates as SVG images, with their numbers beside", async () => {
    const { charts } = backend();
    renderApp();

    for (const [testId, name] of [
      ["overview-pipeline-chart", "pipeline"],
      ["overview-open-rates-chart", "open-rates"],
    ] as const) {
      const chart = await screen.findByTestId(testId);
      expect(chart.tagName).toBe("IMG");
      expect(chart).toHaveAttribute(
        "src",
        `data:image/svg+xml;charset=utf-8,${encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg"><title>${name}</title></svg>`)}`,
      );
      expect(chart.getAttribute("alt")).not.toBe("");
    }
    expect(charts).toEqual(
      expect.arrayContaining([
        { name: "pipeline", funnel: null, format: "svg" },
        { name: "open-rates", funnel: null, format: "svg" },
      ]),
    );
    expect(screen.getByTestId("daily-kpis")).toBeInTheDocument();
    expect(screen.getByTestId("overview-open-rate")).toHaveTextContent("41.3%");
  });

  it("shows skeletons while the overview loads", async () => {
    backend(() => new Promise(() => undefined));
    renderApp();

    expect(await screen.findByTestId("overview-loading")).toBeInTheDocument();
    expect(screen.queryByTestId("kpi-identified-domains-7")).not.toBeInTheDocument();
  });

  it("shows the error when the overview cannot be loaded", async () => {
    backend(() => rejectWith({ code: "io", message: "Could not read the workspace file; try again." }));
    renderApp();

    const alert = await screen.findByTestId("overview-error");
    expect(alert).toHaveTextContent("The overview could not be loaded");
    expect(alert).toHaveTextContent("Could not read the workspace file; try again.");
  });
});
