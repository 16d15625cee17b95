import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { GuardActionInfo } from "../bindings/GuardActionInfo";
import { rejectWith } from "../mocks/sample";
import { renderScreen } from "../test/renderApp";
import { bodyRows, spendBackend } from "./testBackend";

async function openGuard() {
  await renderScreen("Spend and CAC");
  const panel = await screen.findByTestId("guard-panel");
  await screen.findByTestId("guard-default");
  return within(panel);
}

/** The log's rows once it has `count` of them. */
async function logRows(count: number) {
  return waitFor(() => {
    const rows = within(screen.getByTestId("guard-log")).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(count);
    return rows;
  });
}

async function run(): Promise<HTMLElement> {
  await userEvent.click(screen.getByTestId("guard-run"));
  return screen.findByTestId("guard-result");
}

function optionLabels(select: HTMLElement): { label: string | null; disabled: boolean }[] {
  return within(select)
    .getAllByRole("option")
    .map((o) => ({ label: o.textContent, disabled: (o as HTMLOptionElement).disabled }));
}

describe("the budget guard", () => {
  it("says what it does, runs as a dry run by default and logs the pause it would make, once", async () => {
    const ipc = spendBackend();
    const panel = await openGuard();

    expect(
      panel.getByText(
        "When a campaign's spend reaches its cap, the guard pauses it on its platform. Dry run records what it would do without calling the platform.",
      ),
    ).toBeInTheDocument();
    expect(screen.getByTestId("guard-default")).toHaveValue("dry run");
    for (const id of ["ar-301", "gg-118", "fb-772", "gg-240"]) expect(screen.getByTestId(`guard-mode-${id}`)).toHaveValue("default");
    expect(optionLabels(screen.getByTestId("guard-mode-ar-301"))).toEqual([
      { label: "Default (dry run)", disabled: false },
      { label: "Off", disabled: false },
      { label: "Dry run — record only", disabled: false },
      { label: "Live — pause on the platform", disabled: false },
    ]);
    expect(bodyRows(screen.getByTestId("guard-log"))).toEqual([
      ["The guard has not acted yet: it acts when a campaign's spend reaches its cap."],
    ]);

    // Only the retargeting campaign is over its cap.
    expect(await run()).toHaveTextContent("Paused 0, would pause 1, failed 0");
    expect(ipc.sent("guard_run")).toHaveLength(1);
    const [row] = await logRows(1);
    if (!row) throw new Error("the log has a row");
    const cells = [...row.querySelectorAll("td")].map((td) => td.textContent);
    expect(cells.slice(1, 6)).toEqual(["Retargeting: Pricing visitors", "AdRoll", "dry run", "would pause", "$1,245.00 / $1,180.00"]);
    expect(cells[6]).toBe("spend $1,245.00 reached the cap $1,180.00; dry run: would ask AdRoll to pause campaign ar-301");
    const badge = within(row).getByText("would pause").closest("[data-outcome]");
    expect(badge).toHaveAttribute("data-outcome", "would pause");
    expect(badge?.getAttribute("style")).toContain("blue");

    // Recorded once: spend has not moved since.
    await userEvent.click(screen.getByTestId("guard-run"));
    await waitFor(() => {
      expect(screen.getByTestId("guard-result")).toHaveTextContent("No campaign at its cap needed an action");
    });
    expect(ipc.sent("guard_run")).toHaveLength(2);
    await logRows(1);
  });

  it("asks before a campaign goes live, and logs why a live pause failed on a platform not connected", async () => {
    const ipc = spendBackend();
    await openGuard();

    await userEvent.selectOptions(screen.getByTestId("guard-mode-ar-301"), "live");
    const dialog = await screen.findByRole("dialog", { name: "Pause this campaign for real?" });
    expect(dialog).toHaveTextContent("the guard will pause it on AdRoll");
    expect(dialog).toHaveTextContent("It needs AdRoll connected on the Connections screen");
    await userEvent.click(within(dialog).getByTestId("guard-live-cancel"));
    await waitFor(() => {
      expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    });
    expect(ipc.sent("guard_mode_set")).toEqual([]);
    expect(screen.getByTestId("guard-mode-ar-301")).toHaveValue("default");

    await userEvent.selectOptions(screen.getByTestId("guard-mode-ar-301"), "live");
    await userEvent.click(await screen.findByTestId("guard-live-confirm"));
    await waitFor(() => {
      expect(ipc.sent("guard_mode_set")).toEqual([{ campaignId: "ar-301", mode: "live" }]);
    });
    await waitFor(() => {
      expect(screen.getByTestId("guard-mode-ar-301")).toHaveValue("live");
    });
    expect(optionLabels(screen.getByTestId("guard-mode-ar-301"))[0]).toEqual({ label: "Default (dry run)", disabled: false });

    expect(await run()).toHaveTextContent("Paused 0, would pause 0, failed 1");
    const [row] = await logRows(1);
    expect(row).toHaveAttribute("data-outcome", "failed");
    expect(row).toHaveTextContent("live");
    expect(row).toHaveTextContent("not paused: AdRoll is not connected");

    // Back to the default: the campaign's own mode is cleared.
    await userEvent.selectOptions(screen.getByTestId("guard-mode-ar-301"), "default");
    await waitFor(() => {
      expect(screen.getByTestId("guard-mode-ar-301")).toHaveValue("default");
    });
    expect(ipc.sent("guard_mode_set").at(-1)).toEqual({ campaignId: "ar-301", mode: "default" });
  });

  it("pauses a live campaign whose platform is connected, beside the dry runs of the others", async () => {
    const ipc = spendBackend();
    // Half the LTV halves every cap: three campaigns are over theirs.
    const { model } = await ipc.spend.cac_model(undefined);
    await ipc.spend.cac_model_set({ model: { ...model, ltv: "500" } });
    await openGuard();
    expect(screen.getByTestId("guard-row-fb-772")).toHaveTextContent("$382.20 / $320.00");

    await userEvent.selectOptions(screen.getByTestId("guard-mode-fb-772"), "live");
    await userEvent.click(await screen.findByTestId("guard-live-confirm"));
    await waitFor(() => {
      expect(screen.getByTestId("guard-mode-fb-772")).toHaveValue("live");
    });

    expect(await run()).toHaveTextContent("Paused 1, would pause 2, failed 0");
    const rows = await logRows(3);
    const outcomes = rows.map((r) => [r.querySelectorAll("td")[1]?.textContent, r.getAttribute("data-outcome")]);
    expect(outcomes).toEqual(
      expect.arrayContaining([
        ["Retargeting: Pricing visitors", "would pause"],
        ["Display: Energy ICP", "would pause"],
        ["Social: Webinar invite", "paused"],
      ]),
    );
    expect(screen.getByText("spend $382.20 reached the cap $320.00; Facebook Ads paused campaign fb-772")).toBeInTheDocument();

    // Paused once is enough.
    await userEvent.click(screen.getByTestId("guard-run"));
    await waitFor(() => {
      expect(screen.getByTestId("guard-result")).toHaveTextContent("No campaign at its cap needed an action");
    });
  });

  it("sets the default mode; making the default live asks first", async () => {
    const ipc = spendBackend();
    await openGuard();

    await userEvent.selectOptions(screen.getByTestId("guard-default"), "off");
    await waitFor(() => {
      expect(ipc.sent("guard_mode_set")).toEqual([{ campaignId: null, mode: "off" }]);
    });
    await waitFor(() => {
      expect(screen.getByTestId("guard-default")).toHaveValue("off");
    });
    expect(optionLabels(screen.getByTestId("guard-mode-gg-118"))[0]?.label).toBe("Default (off)");
    expect(await run()).toHaveTextContent("No campaign at its cap needed an action");

    await userEvent.selectOptions(screen.getByTestId("guard-default"), "live");
    const dialog = await screen.findByRole("dialog", { name: "Pause campaigns for real?" });
    expect(dialog).toHaveTextContent("Every campaign without its own mode will be paused on its platform");
    expect(ipc.sent("guard_mode_set")).toHaveLength(1);
    await userEvent.click(within(dialog).getByTestId("guard-live-confirm"));
    await waitFor(() => {
      expect(ipc.sent("guard_mode_set")).toEqual([
        { campaignId: null, mode: "off" },
        { campaignId: null, mode: "live" },
      ]);
    });
    await waitFor(() => {
      expect(screen.getByTestId("guard-default")).toHaveValue("live");
    });
  });

  it("shows a refused mode change and a failed run, keeping the mode as it was", async () => {
    spendBackend({
      guard_mode_set: () => rejectWith({ code: "io", message: "Could not write the workspace file; check the disk has space." }),
      guard_run: () => rejectWith({ code: "vendor", message: "AdRoll answered 503; try again in a few minutes." }),
    });
    await openGuard();

    await userEvent.selectOptions(screen.getByTestId("guard-mode-gg-118"), "off");
    const error = await screen.findByTestId("guard-error");
    expect(error).toHaveTextContent("Mode not changed");
    expect(error).toHaveTextContent("Could not write the workspace file; check the disk has space.");
    expect(screen.getByTestId("guard-mode-gg-118")).toHaveValue("default");

    await userEvent.click(screen.getByTestId("guard-run"));
    await waitFor(() => {
      expect(screen.getByTestId("guard-error")).toHaveTextContent("The guard did not run");
    });
    expect(screen.getByTestId("guard-error")).toHaveTextContent("AdRoll answered 503");
    expect(screen.queryByTestId("guard-result")).not.toBeInTheDocument();
  });

  it("lists the log newest first with each outcome's badge", async () => {
    const action = (id: number, outcome: string, mode: string): GuardActionInfo => ({
      id,
      at: `2026-11-2${String(id)}T10:00:00Z`,
      platform: "google_ads",
      campaignId: "gg-118",
      campaign: "Display: Energy ICP",
      spend: "$892.50",
      cap: "$547.50",
      mode,
      outcome,
      detail: `detail ${String(id)}`,
    });
    spendBackend({ guard_log: () => [action(3, "paused", "live"), action(2, "failed", "live"), action(1, "would pause", "dry run")] });
    await openGuard();

    const rows = await logRows(3);
    expect(rows.map((r) => r.getAttribute("data-outcome"))).toEqual(["paused", "failed", "would pause"]);
    // Coloured by outcome: paused teal, failed red, would pause blue.
    const colours = rows.map((r) => r.querySelector("td [data-outcome]")?.getAttribute("style") ?? "");
    expect(colours.map((style) => ["teal", "red", "blue"].find((c) => style.includes(c)))).toEqual(["teal", "red", "blue"]);
    expect(bodyRows(screen.getByTestId("guard-log"))[0]).toEqual([
      "Nov 23, 10:00:00",
      "Display: Energy ICP",
      "Google Ads",
      "live",
      "paused",
      "$892.50 / $547.50",
      "detail 3",
    ]);
  });
});
