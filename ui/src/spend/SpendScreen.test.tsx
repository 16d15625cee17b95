import { mockIPC } from "@tauri-apps/api/mocks";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { readyStatus, rejectWith, sampleOverview } from "../mocks/sample";
import { isSegmentCommand, segmentCommands } from "../mocks/segments";
import { isSpendCommand, spendCommands } from "../mocks/spend";
import { renderScreen } from "../test/renderApp";

type Handler = (args: never) => unknown;

/**
 * The mock's campaigns (one over its cap, one near it, one fine, one without an audience) and
 * segments behind IPC, with any command answered by `answers` instead.
 */
function backend(answers: Record<string, Handler> = {}) {
  const segments = segmentCommands(() => new Date());
  const spend = spendCommands(() => new Date());
  const calls: { command: string; args: unknown }[] = [];
  mockIPC((command, payload) => {
    calls.push({ command, args: payload });
    const answer = answers[command] as ((args: unknown) => unknown) | undefined;
    if (answer) return answer(payload);
    if (command === "workspace_status") return readyStatus();
    if (command === "overview") return sampleOverview();
    if (isSegmentCommand(command)) return (segments[command] as (args: unknown) => unknown)(payload);
    if (isSpendCommand(command)) return (spend[command] as (args: unknown) => unknown)(payload);
    return rejectWith(`command ${command} not found`);
  });
  return {
    sent: (command: string) => calls.filter((c) => c.command === command).map((c) => c.args),
    charts: (name: string) => calls.filter((c) => c.command === "chart" && (c.args as { name: string }).name === name),
  };
}

/** The cells of each body row of a table, as text. */
function rows(table: HTMLElement): string[][] {
  const body = table.querySelector("tbody");
  if (!body) throw new Error("the table has no body");
  return [...body.querySelectorAll("tr")].map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent));
}

function row(campaignId: string) {
  return within(screen.getByTestId(`spend-row-${campaignId}`));
}

async function openSpend() {
  await renderScreen("Spend and CAC");
  return screen.findByTestId("spend-table");
}

describe("Spend and CAC", () => {
  it("sums up the alerts and lists every campaign against its cap", async () => {
    backend();
    const table = await openSpend();

    const alerts = screen.getByTestId("spend-alerts");
    expect(alerts).toHaveTextContent("1 campaign over its cap, 1 near it");
    expect(alerts).toHaveTextContent("1 campaign has no audience, so no cap");
    expect(alerts).toHaveTextContent("Pausing a campaign at its cap comes with the platform connections.");

    expect(rows(table).map((cells) => cells[0])).toEqual([
      "Retargeting: Pricing visitors",
      "Display: Energy ICP",
      "Social: Webinar invite",
      "Search: Brand terms",
    ]);
    const over = row("ar-301");
    expect(over.getByTestId("spend-audience-ar-301")).toHaveValue("Trial users");
    expect(over.getByText("$1,245.00")).toBeInTheDocument();
    expect(over.getByText("$1,180.00")).toBeInTheDocument();
    expect(over.getByText("105.5%")).toBeInTheDocument();
    expect(over.getByText("over cap")).toBeInTheDocument();
    expect(row("gg-118").getByText("81.5%")).toBeInTheDocument();
    expect(row("gg-118").getByText("near cap")).toBeInTheDocument();
    expect(row("fb-772").getByText("fine")).toBeInTheDocument();
    const none = row("gg-240");
    expect(none.getByTestId("spend-audience-gg-240")).toHaveValue("");
    expect(none.getByText("needs an audience")).toBeInTheDocument();
    expect(none.getByText("no audience")).toBeInTheDocument();

    // The budget guard is not built: no button pretends it is.
    expect(screen.queryByRole("button", { name: /pause/i })).not.toBeInTheDocument();
  });

  it("sets a campaign's audience and shows the refreshed report and charts", async () => {
    const ipc = backend();
    await openSpend();
    await screen.findByTestId("spend-chart");
    const drawnBefore = ipc.charts("spend-vs-cap").length;

    const input = screen.getByTestId("spend-audience-gg-240");
    await userEvent.click(input);
    const list = await waitFor(() => {
      const found = document.getElementById(input.getAttribute("aria-controls") ?? "");
      if (!found) throw new Error("the audience select controls no list");
      return found;
    });
    await userEvent.click(within(list).getByRole("option", { name: "Trial users", hidden: true }));

    await waitFor(() => {
      expect(ipc.sent("campaign_audience_set")).toEqual([{ campaignId: "gg-240", segment: "Trial users" }]);
    });
    await waitFor(() => {
      expect(row("gg-240").getByText("$1,180.00")).toBeInTheDocument();
    });
    expect(row("gg-240").getByText("56.2%")).toBeInTheDocument();
    expect(row("gg-240").getByText("fine")).toBeInTheDocument();
    expect(screen.queryByTestId("spend-no-audience")).not.toBeInTheDocument();
    // The chart is drawn again from the new caps.
    await waitFor(() => {
      expect(ipc.charts("spend-vs-cap").length).toBeGreaterThan(drawnBefore);
    });
  });

  it("clears a campaign's audience", async () => {
    const ipc = backend();
    await openSpend();
    const select = screen.getByTestId("spend-audience-fb-772");
    const clear = select.closest(".mantine-InputWrapper-root")?.querySelector("button");
    if (!clear) throw new Error("the audience select has no clear button");
    await userEvent.click(clear);

    await waitFor(() => {
      expect(ipc.sent("campaign_audience_set")).toEqual([{ campaignId: "fb-772", segment: null }]);
    });
    await waitFor(() => {
      expect(screen.getByTestId("spend-alerts")).toHaveTextContent("2 campaigns have no audience");
    });
  });

  it("shows a refused change and keeps the table", async () => {
    backend({
      campaign_audience_set: () => rejectWith({ code: "notFound", message: "No campaign with id fb-772; it may have been removed on the platform." }),
    });
    await openSpend();
    const select = screen.getByTestId("spend-audience-fb-772");
    const clear = select.closest(".mantine-InputWrapper-root")?.querySelector("button");
    if (!clear) throw new Error("the audience select has no clear button");
    await userEvent.click(clear);

    expect(await screen.findByTestId("spend-audience-error")).toHaveTextContent("it may have been removed on the platform");
    expect(screen.getByTestId("spend-audience-fb-772")).toHaveValue("Enterprise accounts");
  });

  it("draws spend against cap and the channel ladder as SVG images, the ladder's numbers beside it", async () => {
    const ipc = backend();
    await openSpend();

    for (const [testId, name] of [
      ["spend-chart", "spend-vs-cap"],
      ["ladder-chart", "channel-ladder"],
    ] as const) {
      const chart = await screen.findByTestId(testId);
      expect(chart.tagName).toBe("IMG");
      const src = chart.getAttribute("src") ?? "";
      expect(src.startsWith("data:image/svg+xml;charset=utf-8,")).toBe(true);
      expect(decodeURIComponent(src.slice(src.indexOf(",") + 1))).toMatch(/^<svg [^]*<\/svg>$/);
      expect(ipc.charts(name)[0]?.args).toStrictEqual({ name, funnel: null, format: "svg" });
    }
    // Cheapest per person reached first.
    expect(rows(screen.getByTestId("ladder-table"))).toEqual([
      ["social", "$382.20", "3,960", "$0.10"],
      ["display", "$892.50", "5,210", "$0.17"],
      ["search", "$663.00", "2,480", "$0.27"],
      ["retargeting", "$1,245.00", "1,840", "$0.68"],
    ]);
  });

  it("saves the spend chart where the person chose", async () => {
    const ipc = backend({ "plugin:dialog|save": () => "/home/alex/spend.svg" });
    await openSpend();
    await screen.findByTestId("spend-chart");

    await userEvent.click(screen.getByTestId("spend-chart-save-svg"));

    expect(await screen.findByTestId("spend-chart-saved")).toHaveTextContent("/home/alex/spend.svg");
    expect(ipc.sent("chart_save")).toStrictEqual([{ name: "spend-vs-cap", funnel: null, format: "svg", path: "/home/alex/spend.svg" }]);
  });
});
