import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { CacModelText } from "../bindings/CacModelText";
import { renderScreen } from "../test/renderApp";
import { spendBackend } from "./testBackend";

async function openModel() {
  await renderScreen("Spend and CAC");
  await screen.findByTestId("spend-table");
  return within(await screen.findByTestId("cac-model"));
}

async function retype(testId: string, text: string) {
  const input = screen.getByTestId(testId);
  await userEvent.clear(input);
  if (text !== "") await userEvent.type(input, text);
}

function capOf(campaignId: string): string | null | undefined {
  return screen.getByTestId(`spend-row-${campaignId}`).querySelectorAll("td")[6]?.textContent;
}

/** The mock's model as the Rust side writes it: P by fit 20/10/3/0.5%, LTV 1000, share 20%. */
const SAVED: CacModelText = {
  currency: "USD",
  ltv: "1000.00",
  share: "0.2",
  p: { good: "0.1", low: "0.005", medium: "0.03", "very good": "0.2" },
  segments: {},
  campaigns: {},
};

describe("the CAC model", () => {
  it("shows LTV, currency and share, and per fit its P(convert), the cap it gives and the conversion observed beside it", async () => {
    spendBackend();
    await openModel();

    expect(screen.getByTestId("cac-ltv")).toHaveValue("1000.00");
    expect(screen.getByTestId("cac-currency")).toHaveValue("USD");
    expect(screen.getByTestId("cac-share")).toHaveValue("0.2");
    expect(screen.getByTestId("cac-p-very-good")).toHaveValue("0.2");
    expect(screen.getByTestId("cac-p-good")).toHaveValue("0.1");
    expect(screen.getByTestId("cac-p-medium")).toHaveValue("0.03");
    expect(screen.getByTestId("cac-p-low")).toHaveValue("0.005");
    // The source's case: P 10% x LTV $1,000 x 20% is $20.00.
    expect(screen.getByTestId("cac-cap-good")).toHaveTextContent("$20.00");
    expect(screen.getByTestId("cac-cap-very-good")).toHaveTextContent("$40.00");
    expect(screen.getByTestId("cac-cap-low")).toHaveTextContent("$1.00");
    expect(screen.getByTestId("cac-observed-very-good")).toHaveTextContent("22.5% (9 of 40 signed up)");
    expect(screen.getByTestId("cac-observed-good")).toHaveTextContent("11.7% (14 of 120 signed up)");
    expect(screen.getByTestId("cac-observed-low")).toHaveTextContent("no data");
    expect(screen.getByTestId("cac-segment-ltv-good")).toHaveValue("");
    expect(screen.getByTestId("cac-campaigns-none")).toBeInTheDocument();
    expect(screen.getByTestId("cac-save")).toBeDisabled();
  });

  it("saves the model and shows the caps it gives, per fit and per campaign", async () => {
    const ipc = spendBackend();
    await openModel();
    expect(capOf("ar-301")).toBe("$1,180.00");

    await retype("cac-ltv", "500");
    await retype("cac-p-very-good", "10%");
    expect(screen.getByTestId("cac-save")).toBeEnabled();
    await userEvent.click(screen.getByTestId("cac-save"));

    await waitFor(() => {
      expect(ipc.sent("cac_model_set")).toEqual([{ model: { ...SAVED, ltv: "500", p: { ...SAVED.p, "very good": "10%" } } }]);
    });
    // The form shows the model as the Rust side wrote it back, and the caps it gives.
    await waitFor(() => {
      expect(screen.getByTestId("cac-ltv")).toHaveValue("500.00");
    });
    expect(screen.getByTestId("cac-p-very-good")).toHaveValue("0.1");
    expect(screen.getByTestId("cac-cap-very-good")).toHaveTextContent("$10.00");
    expect(screen.getByTestId("cac-cap-good")).toHaveTextContent("$10.00");
    expect(screen.getByTestId("cac-saved")).toBeInTheDocument();
    expect(screen.getByTestId("cac-save")).toBeDisabled();
    // Every campaign's cap follows: the report is read again.
    await waitFor(() => {
      expect(capOf("ar-301")).toBe("$490.00");
    });
  });

  it("shows why a value was refused beside the form and keeps what was typed", async () => {
    spendBackend();
    await openModel();

    await retype("cac-share", "a fifth");
    await userEvent.click(screen.getByTestId("cac-save"));

    expect(await screen.findByTestId("cac-error")).toHaveTextContent(
      '"a fifth" is not a fraction between 0 and 1; write it as 0.1 or 10%.',
    );
    expect(screen.getByTestId("cac-share")).toHaveValue("a fifth");
    expect(screen.getByTestId("cac-cap-good")).toHaveTextContent("$20.00");
    expect(capOf("ar-301")).toBe("$1,180.00");

    await retype("cac-share", "25%");
    await userEvent.click(screen.getByTestId("cac-save"));
    await waitFor(() => {
      expect(screen.queryByTestId("cac-error")).not.toBeInTheDocument();
    });
    expect(await screen.findByTestId("cac-saved")).toBeInTheDocument();
    expect(screen.getByTestId("cac-cap-good")).toHaveTextContent("$25.00");
  });

  it("overrides LTV or share for a fit segment and for a campaign, and removes an override", async () => {
    const ipc = spendBackend();
    const model = await openModel();

    await userEvent.type(screen.getByTestId("cac-segment-ltv-good"), "2000");
    await userEvent.selectOptions(screen.getByTestId("cac-campaign-add"), "Retargeting: Pricing visitors");
    expect(model.getByTestId("cac-campaign-ar-301")).toHaveTextContent("Retargeting: Pricing visitors");
    await userEvent.type(screen.getByTestId("cac-campaign-share-ar-301"), "0.1");
    await userEvent.click(screen.getByTestId("cac-save"));

    await waitFor(() => {
      expect(ipc.sent("cac_model_set")).toEqual([
        {
          model: {
            ...SAVED,
            segments: { good: { ltv: "2000", share: null } },
            campaigns: { "ar-301": { ltv: null, share: "0.1" } },
          },
        },
      ]);
    });
    await waitFor(() => {
      expect(screen.getByTestId("cac-cap-good")).toHaveTextContent("$40.00");
    });
    expect(screen.getByTestId("cac-segment-ltv-good")).toHaveValue("2000.00");
    // The campaign's share wins over the model's; the good fit's LTV still applies.
    await waitFor(() => {
      expect(capOf("ar-301")).toBe("$890.00");
    });

    await userEvent.click(screen.getByTestId("cac-campaign-remove-ar-301"));
    expect(model.queryByTestId("cac-campaign-ar-301")).not.toBeInTheDocument();
    await userEvent.click(screen.getByTestId("cac-save"));
    await waitFor(() => {
      expect(ipc.sent("cac_model_set")[1]).toEqual({
        model: { ...SAVED, segments: { good: { ltv: "2000.00", share: null } }, campaigns: {} },
      });
    });
    await waitFor(() => {
      expect(capOf("ar-301")).toBe("$1,780.00");
    });
  });

  it("asks before leaving the screen with unsaved changes, and discards them on request", async () => {
    spendBackend();
    await openModel();

    await retype("cac-ltv", "750");
    const nav = within(screen.getByRole("navigation", { name: "Screens" }));
    await userEvent.click(nav.getByRole("button", { name: "Overview" }));
    const dialog = await screen.findByRole("dialog", { name: "Discard your changes?" });
    expect(dialog).toHaveTextContent("Your changes to the CAC model were not saved.");
    await userEvent.click(within(dialog).getByTestId("leave-discard-cancel"));
    expect(screen.getByTestId("cac-ltv")).toHaveValue("750");
    await waitFor(() => {
      expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    });

    await userEvent.click(screen.getByTestId("cac-discard"));
    expect(screen.getByTestId("cac-ltv")).toHaveValue("1000.00");
    expect(screen.getByTestId("cac-save")).toBeDisabled();
    // Nothing unsaved now: the app goes to the Overview without asking.
    await userEvent.click(nav.getByRole("button", { name: "Overview" }));
    await waitFor(() => {
      expect(screen.queryByTestId("cac-model")).not.toBeInTheDocument();
    });
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });
});
