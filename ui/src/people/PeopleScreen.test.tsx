import { mockIPC } from "@tauri-apps/api/mocks";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { ArgsOf } from "../ipc";
import { readyStatus, rejectWith, sampleOverview, samplePersonDetail, searchPeople } from "../mocks/sample";
import { renderScreen } from "../test/renderApp";

/** A back end over the sample people; `calls` records what `people` and `person` were sent. */
function backend({
  people = ({ query, limit }: ArgsOf<"people">): unknown => searchPeople(query, limit),
  person = ({ id }: ArgsOf<"person">): unknown => samplePersonDetail(id) ?? rejectWith({ code: "notFound", message: "gone" }),
} = {}) {
  const calls: { people: ArgsOf<"people">[]; person: ArgsOf<"person">[] } = { people: [], person: [] };
  mockIPC((command, payload) => {
    if (command === "workspace_status") return readyStatus();
    if (command === "overview") return sampleOverview();
    if (command === "people") {
      calls.people.push(payload as ArgsOf<"people">);
      return people(payload as ArgsOf<"people">);
    }
    if (command === "person") {
      calls.person.push(payload as ArgsOf<"person">);
      return person(payload as ArgsOf<"person">);
    }
    return rejectWith(`command ${command} not found`);
  });
  return calls;
}

describe("People", () => {
  it("lists the people seen most recently, with their email, company, events and a name for the anonymous", async () => {
    const calls = backend();
    await renderScreen("People");

    const list = await screen.findByTestId("people-list");
    expect(within(list).getAllByRole("row")).toHaveLength(1 + 8);
    expect(calls.people).toEqual([{ query: "", limit: 100 }]);

    const maria = within(screen.getByTestId("person-row-101"));
    expect(maria.getByText("Maria Keller")).toBeInTheDocument();
    expect(maria.getByText("maria.keller@helio-energy.de")).toBeInTheDocument();
    expect(maria.getByText("Helio Energy")).toBeInTheDocument();
    expect(maria.getByText("214")).toBeInTheDocument();

    expect(screen.getByTestId("person-row-102")).toHaveTextContent("Anonymous");
    // No name: the user id stands in; no user id either: the email.
    expect(screen.getByTestId("person-row-104")).toHaveTextContent("50213");
    expect(screen.getByTestId("person-row-105")).toHaveTextContent("u-3307");
    expect(screen.getByTestId("person-none")).toBeInTheDocument();
  });

  it("searches once typing pauses, with what was typed", async () => {
    const calls = backend();
    await renderScreen("People");
    await screen.findByTestId("people-list");

    await userEvent.type(screen.getByTestId("people-search"), "keller");
    // Typing took a few milliseconds: no search has gone out for it yet.
    expect(calls.people).toEqual([{ query: "", limit: 100 }]);

    await waitFor(() => {
      expect(within(screen.getByTestId("people-list")).getAllByRole("row")).toHaveLength(1 + 1);
    });
    expect(calls.people).toEqual([
      { query: "", limit: 100 },
      { query: "keller", limit: 100 },
    ]);
    expect(screen.getByTestId("person-row-101")).toBeInTheDocument();
    expect(screen.getByTestId("people-count")).toHaveTextContent("1 person found");
  });

  it("says when no one matches", async () => {
    backend();
    await renderScreen("People");
    await screen.findByTestId("people-list");

    await userEvent.type(screen.getByTestId("people-search"), "zzz");
    expect(await screen.findByTestId("people-empty")).toHaveTextContent("No one matches “zzz”.");
  });

  it("shows the chosen person's identities, traits, activity and timeline", async () => {
    const calls = backend();
    await renderScreen("People");

    await userEvent.click(await screen.findByTestId("person-row-101"));
    const detail = await screen.findByTestId("person-detail");
    expect(calls.person).toEqual([{ id: 101 }]);
    expect(screen.getByTestId("person-row-101")).toHaveAttribute("aria-selected", "true");
    expect(within(detail).getByTestId("person-name")).toHaveTextContent("Maria Keller");
    expect(within(detail).getByTestId("person-company")).toHaveTextContent("Helio Energy (helio-energy.de)");

    const identities = within(screen.getByTestId("person-identities"));
    expect(identities.getByText("User id")).toBeInTheDocument();
    expect(identities.getByText("u-1842")).toBeInTheDocument();
    expect(identities.getByText("Anonymous id")).toBeInTheDocument();

    const traits = screen.getByTestId("person-traits");
    expect(within(traits).getByText("Head of Operations")).toBeInTheDocument();
    expect(within(traits).getByText("12")).toBeInTheDocument();
    expect(screen.queryByTestId("trait-history-plan")).not.toBeInTheDocument();
    await userEvent.click(screen.getByTestId("trait-history-toggle-plan"));
    const history = screen.getAllByTestId("trait-history-plan");
    expect(history.map((row) => within(row).getAllByRole("cell")[2]?.textContent)).toEqual(["trial", "free"]);
    // A trait set once has no history to open.
    expect(screen.queryByTestId("trait-history-toggle-firstName")).not.toBeInTheDocument();

    const activity = within(screen.getByTestId("person-activity"));
    expect(activity.getAllByRole("row")).toHaveLength(1 + 5);
    expect(activity.getByText("Signed Up")).toBeInTheDocument();

    const timeline = within(screen.getByTestId("person-timeline"));
    expect(timeline.getByText("Demo Requested")).toBeInTheDocument();
    expect(timeline.getAllByText("identify")).toHaveLength(1);
  });

  it("names an anonymous person by their first anonymous id", async () => {
    backend();
    await renderScreen("People");

    await userEvent.click(await screen.findByTestId("person-row-102"));
    const detail = await screen.findByTestId("person-detail");
    const anonymousId = samplePersonDetail(102)?.identities.find((i) => i.kind === "anonymous_id")?.value ?? "";
    expect(anonymousId).not.toBe("");
    expect(within(detail).getByTestId("person-name")).toHaveTextContent("Anonymous");
    expect(within(detail).getAllByText(anonymousId).length).toBeGreaterThanOrEqual(1);
  });

  it("shows the error when people cannot be loaded", async () => {
    backend({ people: () => rejectWith({ code: "io", message: "Could not read the workspace file; try again." }) });
    await renderScreen("People");

    const alert = await screen.findByTestId("people-error");
    expect(alert).toHaveTextContent("People could not be loaded");
    expect(alert).toHaveTextContent("Could not read the workspace file; try again.");
  });

  it("shows the error when a person cannot be loaded", async () => {
    backend({ person: () => rejectWith({ code: "notFound", message: "This person was merged into another; search again." }) });
    await renderScreen("People");

    await userEvent.click(await screen.findByTestId("person-row-103"));
    expect(await screen.findByTestId("person-error")).toHaveTextContent(
      "This person was merged into another; search again.",
    );
  });

  it("shows placeholders while people load, and says when there is no one yet", async () => {
    let answer: (people: unknown) => void = () => undefined;
    backend({ people: () => new Promise((resolve) => (answer = resolve)) });
    await renderScreen("People");

    expect(await screen.findByTestId("people-loading")).toBeInTheDocument();
    answer([]);
    expect(await screen.findByTestId("people-empty")).toHaveTextContent("No people yet.");
  });
});
