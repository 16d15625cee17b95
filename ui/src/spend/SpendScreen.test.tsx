import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { rejectWith } from "../mocks/sample";
import { renderScreen } from "../test/renderApp";
import { bodyRows as rows, spendBackend as backend } from "./testBackend";

function row(campaignId: string) {
  return within(screen.getByTestId(`spend-row-${campaignId}`));
}

/** Picks `option` in the Mantine select with test id `testId`. */
async function pick(testId: string, option: string) {
  const input = screen.getByTestId(testId);
  await userEvent.click(input);
  const list = await waitFor(() => {
    const found = document.getElementById(input.getAttribute("aria-controls") ?? "");
    if (!found) throw new Error(`the select ${testId} controls no list`);
    return found;
  });
  await userEvent.click(within(list).getByRole("option", { name: option, hidden: true }));
}

/** The ladder's rows once it has loaded. */
async function ladderRows() {
  return rows(await screen.findByTestId("ladder-table"));
}

/** The mock's ladder for everyone reached: email's cost is set, web personalisation's is not. */
const LADDER = [
  ["Email", "$300.00", "900", "$0.33", "900"],
  ["Retargeting", "$1,245.00", "95", "$13.10", "23"],
  ["Social", "$382.20", "24", "$15.92", "24"],
  ["Display", "$892.50", "55", "$16.22", "10"],
  ["Search", "$663.00", "0", "—", "0"],
];

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
    expect(alerts).toHaveTextContent("The budget guard below pauses a campaign at its cap");

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
    expect(await ladderRows()).toContainEqual(["Search", "$663.00", "0", "—", "0"]);
    await userEvent.click(within(list).getByRole("option", { name: "Trial users", hidden: true }));

    await waitFor(() => {
      expect(ipc.sent("campaign_audience_set")).toEqual([{ campaignId: "gg-240", segment: "Trial users" }]);
    });
    // Search now reaches the trial users, more cheaply than retargeting: they move to its rung.
    await waitFor(async () => {
      expect(await ladderRows()).toContainEqual(["Search", "$663.00", "95", "$6.97", "23"]);
    });
    expect(await ladderRows()).toContainEqual(["Retargeting", "$1,245.00", "95", "$13.10", "0"]);
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
    expect(screen.getByTestId("ladder-chart")).toHaveAttribute("alt", expect.stringContaining("for everyone reached"));
    expect(screen.getByTestId("ladder-chart-caption")).toHaveTextContent("The chart is drawn for everyone reached.");
  });

  it("shows the ladder the Rust side sends: cheapest first, each person on one rung", async () => {
    const ipc = backend();
    await openSpend();

    // Cheapest per person reached first; a channel that reached nobody last.
    expect(await ladderRows()).toEqual(LADDER);
    expect(ipc.sent("channel_ladder")).toEqual([{ segment: null }]);
    const table = screen.getByTestId("ladder-table");
    expect(within(table).getByRole("columnheader", { name: "People on this rung" })).toBeInTheDocument();
    expect(screen.getByTestId("ladder-segment")).toHaveValue("");
    expect(screen.getByTestId("ladder-segment")).toHaveAttribute("placeholder", "Everyone reached");
    expect(screen.getByTestId("ladder-explain")).toHaveTextContent(
      "Each person sits on one rung only: the cheapest channel that reached them, so a dearer channel's rung holds just those no cheaper channel reached. 957 people were reached in all.",
    );
    expect(screen.getByTestId("ladder-missing")).toHaveTextContent(
      "Web personalisation is left off the ladder until its monthly cost is set below.",
    );
  });

  it("counts the people of a chosen segment on each rung, and everyone again once cleared", async () => {
    const ipc = backend();
    await openSpend();
    await ladderRows();

    await pick("ladder-segment", "Trial users");

    await waitFor(async () => {
      expect((await ladderRows()).map((cells) => cells[4])).toEqual(["72", "23", "0", "0", "0"]);
    });
    expect(ipc.sent("channel_ladder")).toContainEqual({ segment: "Trial users" });
    // Spend, reach and price are the channel's, whoever is counted.
    expect((await ladderRows()).map((cells) => cells.slice(0, 4))).toEqual(LADDER.map((cells) => cells.slice(0, 4)));
    const table = screen.getByTestId("ladder-table");
    expect(within(table).getByRole("columnheader", { name: "People of Trial users" })).toBeInTheDocument();
    expect(screen.getByTestId("ladder-explain")).toHaveTextContent("Each person of Trial users sits on one rung only");
    expect(screen.getByTestId("ladder-explain")).toHaveTextContent("95 of them were reached; members no channel reached are on no rung.");
    expect(screen.getByTestId("ladder-chart-caption")).toHaveTextContent(
      "The chart is drawn for everyone reached; the table counts the people of Trial users.",
    );
    // The chart stays the one of everyone reached: it is not drawn again for a segment.
    expect(ipc.charts("channel-ladder")).toHaveLength(1);

    // A company segment counts the people of its companies.
    await pick("ladder-segment", "Enterprise accounts");
    await waitFor(async () => {
      expect((await ladderRows()).map((cells) => cells[4])).toEqual(["0", "0", "24", "0", "0"]);
    });

    const clear = screen.getByTestId("ladder-segment").closest(".mantine-InputWrapper-root")?.querySelector("button");
    if (!clear) throw new Error("the segment picker has no clear button");
    await userEvent.click(clear);
    await waitFor(async () => {
      expect(await ladderRows()).toEqual(LADDER);
    });
    expect(within(screen.getByTestId("ladder-table")).getByRole("columnheader", { name: "People on this rung" })).toBeInTheDocument();
  });

  it("offers people and company segments to count", async () => {
    backend();
    await openSpend();
    await ladderRows();
    const input = screen.getByTestId("ladder-segment");
    await userEvent.click(input);
    const list = await waitFor(() => {
      const found = document.getElementById(input.getAttribute("aria-controls") ?? "");
      if (!found) throw new Error("the segment picker controls no list");
      return found;
    });
    const options = within(list).getAllByRole("option", { hidden: true }).map((o) => o.textContent);
    expect(options).toEqual(expect.arrayContaining(["Trial users", "Did not open activation", "Engaged companies", "Enterprise accounts"]));
    expect(list).toHaveTextContent("People segments");
    expect(list).toHaveTextContent("Company segments (their people)");
  });

  it("saves the monthly cost of web personalisation, shows a refused amount beside the inputs, and redraws the ladder", async () => {
    const ipc = backend();
    await openSpend();
    await ladderRows();
    await screen.findByTestId("ladder-chart");
    const drawnBefore = ipc.charts("channel-ladder").length;

    expect(screen.getByTestId("ladder-cost-email")).toHaveValue("$300.00");
    expect(screen.getByTestId("ladder-cost-web")).toHaveValue("");
    expect(screen.getByTestId("ladder-cost-save")).toBeDisabled();

    await userEvent.type(screen.getByTestId("ladder-cost-web"), "ten");
    await userEvent.click(screen.getByTestId("ladder-cost-save"));

    expect(await screen.findByTestId("ladder-cost-error")).toHaveTextContent(
      'Web personalisation not saved: "ten" is not an amount; write it as 1000 or 1000.50 (at most 2 decimals).',
    );
    expect(screen.getByTestId("ladder-cost-web")).toHaveValue("ten");
    expect(await ladderRows()).toEqual(LADDER);
    expect(screen.getByTestId("ladder-missing")).toBeInTheDocument();

    await userEvent.clear(screen.getByTestId("ladder-cost-web"));
    await userEvent.type(screen.getByTestId("ladder-cost-web"), "480");
    await userEvent.click(screen.getByTestId("ladder-cost-save"));

    await waitFor(() => {
      expect(screen.queryByTestId("ladder-missing")).not.toBeInTheDocument();
    });
    // Only the changed amount is sent, with the segment on screen.
    expect(ipc.sent("channel_cost_set")).toEqual([
      { channel: "web personalisation", monthly: "ten", segment: null },
      { channel: "web personalisation", monthly: "480", segment: null },
    ]);
    expect(screen.queryByTestId("ladder-cost-error")).not.toBeInTheDocument();
    expect(screen.getByTestId("ladder-cost-saved")).toBeInTheDocument();
    expect(screen.getByTestId("ladder-cost-web")).toHaveValue("$480.00");
    // Web personalisation takes the people email did not reach from the dearer rungs.
    expect(await ladderRows()).toEqual([
      ["Email", "$300.00", "900", "$0.33", "900"],
      ["Web personalisation", "$480.00", "800", "$0.60", "688"],
      ["Retargeting", "$1,245.00", "95", "$13.10", "12"],
      ["Social", "$382.20", "24", "$15.92", "24"],
      ["Display", "$892.50", "55", "$16.22", "0"],
      ["Search", "$663.00", "0", "—", "0"],
    ]);
    await waitFor(() => {
      expect(ipc.charts("channel-ladder").length).toBeGreaterThan(drawnBefore);
    });
    await waitFor(() => {
      expect(decodeURIComponent(screen.getByTestId("ladder-chart").getAttribute("src") ?? "")).toContain("web personalisation $0.60");
    });
  });

  it("clears a monthly cost with an empty amount, for the segment on screen", async () => {
    const ipc = backend();
    await openSpend();
    await ladderRows();
    await pick("ladder-segment", "Trial users");
    await waitFor(() => {
      expect(within(screen.getByTestId("ladder-table")).getByRole("columnheader", { name: "People of Trial users" })).toBeInTheDocument();
    });

    await userEvent.clear(screen.getByTestId("ladder-cost-email"));
    await userEvent.click(screen.getByTestId("ladder-cost-save"));

    await waitFor(() => {
      expect(screen.getByTestId("ladder-missing")).toHaveTextContent(
        "Email and web personalisation are left off the ladder until their monthly cost is set below.",
      );
    });
    expect(ipc.sent("channel_cost_set")).toEqual([{ channel: "email", monthly: null, segment: "Trial users" }]);
    expect((await ladderRows()).map((cells) => [cells[0], cells[4]])).toEqual([
      ["Retargeting", "95"],
      ["Social", "0"],
      ["Display", "0"],
      ["Search", "0"],
    ]);
    expect(screen.getByTestId("ladder-cost-email")).toHaveValue("");
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
