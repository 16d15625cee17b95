import { mockIPC } from "@tauri-apps/api/mocks";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { CollectorStatus } from "../bindings/CollectorStatus";
import type { SourcesView } from "../bindings/SourcesView";
import {
  emptySourcesView,
  readyStatus,
  rejectWith,
  sampleCollector,
  sampleOverview,
  sampleSourcesView,
} from "../mocks/sample";
import { renderScreen } from "../test/renderApp";

type Handler = (payload: unknown) => unknown;

/** A back end answering the Sources screen's commands; `calls` records what each was sent. */
function backend(sources: () => unknown, handlers: Record<string, Handler> = {}) {
  const calls: [string, unknown][] = [];
  mockIPC((command, payload) => {
    calls.push([command, payload]);
    if (command === "workspace_status") return readyStatus();
    if (command === "overview") return sampleOverview();
    if (command === "sources") return sources();
    const handler = handlers[command];
    return handler ? handler(payload) : rejectWith(`command ${command} not found`);
  });
  return { calls, sent: (command: string) => calls.filter(([c]) => c === command).map(([, payload]) => payload) };
}

function rowOf(table: HTMLElement, name: string) {
  return within(within(table).getByTestId(`source-row-${name}`));
}

describe("Sources", () => {
  it("reads the Overview again when new messages arrive, so the totals follow", async () => {
    let view = sampleSourcesView(new Date(), true);
    const { sent } = backend(() => view);
    await renderScreen("Sources");
    await screen.findByTestId("collector-address");
    const before = sent("overview").length;
    const [newest] = view.latestEvents;
    if (!newest) throw new Error("the sample has events");
    view = { ...view, latestEvents: [{ ...newest, messageId: "just-arrived" }, ...view.latestEvents] };
    await waitFor(() => {
      expect(sent("overview").length).toBeGreaterThan(before);
    }, { timeout: 5_000 });
  });

  it("lists the sources with their write keys, counts and when they were last seen", async () => {
    const view = sampleSourcesView(new Date());
    backend(() => view);
    await renderScreen("Sources");

    const table = await screen.findByTestId("sources-table");
    expect(within(table).getAllByRole("row")).toHaveLength(1 + 3);
    const web = rowOf(table, "web");
    expect(web.getByText("WpX3rF7nQ2kLm9vT4bYc8sHd1gJz6aEu")).toBeInTheDocument();
    expect(web.getByText("1,050,211")).toBeInTheDocument();
    expect(web.getByText("37")).toBeInTheDocument();
    expect(web.getByText("just now")).toBeInTheDocument();
    expect(rowOf(table, "backend").getByText("yesterday")).toBeInTheDocument();
  });

  it("copies a source's write key", async () => {
    const user = userEvent.setup();
    backend(() => sampleSourcesView(new Date()));
    await renderScreen("Sources");

    await user.click(await screen.findByTestId("copy-key-ios"));
    expect(await navigator.clipboard.readText()).toBe("Q8mZt2Lx5RvN0cKp7WsYd3HbJ6gFa9Ue");
  });

  it("shows the latest events and the refused requests", async () => {
    backend(() => sampleSourcesView(new Date()));
    await renderScreen("Sources");

    const events = await screen.findByTestId("source-latest-events");
    expect(within(events).getAllByRole("row")).toHaveLength(1 + 10);
    expect(within(events).getByText("Demo Requested")).toBeInTheDocument();

    const rejections = screen.getByTestId("rejections-table");
    expect(within(rejections).getAllByRole("row")).toHaveLength(1 + 4);
    const unknownKeyRow = within(rejections).getAllByRole("row")[2];
    if (!unknownKeyRow) throw new Error("the rejections table has no second body row");
    const unknownKey = within(unknownKeyRow);
    expect(unknownKey.getByText("—")).toBeInTheDocument();
    expect(unknownKey.getByText("/v1/track")).toBeInTheDocument();
    expect(unknownKey.getByText("401")).toBeInTheDocument();
    expect(unknownKey.getByText("unknown write key; copy the key from the Sources screen")).toBeInTheDocument();
  });

  it("shows where a running collector listens and what it has taken in", async () => {
    backend(() => sampleSourcesView(new Date(), true));
    await renderScreen("Sources");

    expect(await screen.findByTestId("collector-address")).toHaveTextContent("http://127.0.0.1:8088");
    expect(screen.getByTestId("collector-toggle")).toBeChecked();
    expect(screen.getByTestId("events-per-minute")).toHaveAttribute("data-value", "41");
    expect(screen.getByTestId("collector-accepted")).toHaveTextContent("1,842");
    expect(screen.getByTestId("collector-duplicates")).toHaveAttribute("data-value", "12");
    expect(screen.getByTestId("collector-rejected")).toHaveAttribute("data-value", "2");
    // While it runs, where it listens cannot change.
    expect(screen.queryByTestId("collector-port")).not.toBeInTheDocument();
    expect(screen.queryByTestId("collector-bind")).not.toBeInTheDocument();
  });

  it("starts the collector on the port and address typed, once, and shows it running", async () => {
    let view: SourcesView = sampleSourcesView(new Date());
    let answer: (status: CollectorStatus) => void = () => undefined;
    const { sent } = backend(() => view, {
      // Answers only when the test says so, to see the pending state.
      collector_start: () =>
        new Promise<CollectorStatus>((resolve) => {
          answer = (status) => {
            view = { ...view, collector: status };
            resolve(status);
          };
        }),
    });
    await renderScreen("Sources");

    const port = await screen.findByTestId("collector-port");
    expect(port).toHaveValue("8088");
    expect(screen.getByTestId("collector-bind")).toHaveValue("127.0.0.1");
    await userEvent.clear(port);
    await userEvent.type(port, "9090");
    await userEvent.clear(screen.getByTestId("collector-bind"));
    await userEvent.type(screen.getByTestId("collector-bind"), "0.0.0.0");
    await userEvent.click(screen.getByTestId("collector-toggle"));

    expect(sent("collector_start")).toEqual([{ port: 9090, bind: "0.0.0.0" }]);
    expect(await screen.findByTestId("collector-pending")).toHaveTextContent("Starting…");
    expect(screen.getByTestId("collector-toggle")).toBeDisabled();
    expect(screen.getByTestId("collector-port")).toBeDisabled();

    answer({
      ...sampleCollector(new Date(), true),
      port: 9090,
      bind: "0.0.0.0",
      address: "http://0.0.0.0:9090",
    });
    expect(await screen.findByTestId("collector-address")).toHaveTextContent("http://0.0.0.0:9090");
    expect(screen.getByTestId("collector-toggle")).toBeChecked();
    expect(screen.getByTestId("collector-toggle")).toBeEnabled();
    expect(screen.queryByTestId("collector-pending")).not.toBeInTheDocument();
    expect(sent("collector_start")).toHaveLength(1);
  });

  it("stops a running collector", async () => {
    let view = sampleSourcesView(new Date(), true);
    const { sent } = backend(() => view, {
      collector_stop: () => {
        view = { ...view, collector: sampleCollector(new Date(), false) };
        return view.collector;
      },
    });
    await renderScreen("Sources");

    await userEvent.click(await screen.findByTestId("collector-toggle"));
    await waitFor(() => {
      expect(screen.getByTestId("collector-toggle")).not.toBeChecked();
    });
    expect(sent("collector_stop")).toHaveLength(1);
    expect(screen.queryByTestId("collector-address")).not.toBeInTheDocument();
    expect(screen.getByTestId("collector-port")).toBeEnabled();
  });

  it("shows why the collector could not start, from its status", async () => {
    const failed = {
      ...sampleCollector(new Date(), false),
      error: "Port 8088 is already in use; choose another port",
    };
    backend(() => ({ ...sampleSourcesView(new Date()), collector: failed }));
    await renderScreen("Sources");

    const alert = await screen.findByTestId("collector-error");
    expect(alert).toHaveTextContent("The collector could not start");
    expect(alert).toHaveTextContent("Port 8088 is already in use; choose another port");
    expect(screen.getByTestId("collector-toggle")).not.toBeChecked();
  });

  it("shows why the collector could not start, when the command fails", async () => {
    backend(() => sampleSourcesView(new Date()), {
      collector_start: () => rejectWith({
          code: "invalidInput",
          message: "`localhost` is not an IP address; use 127.0.0.1 (this machine only) or 0.0.0.0 (the network).",
        }),
    });
    await renderScreen("Sources");

    await userEvent.click(await screen.findByTestId("collector-toggle"));
    expect(await screen.findByTestId("collector-error")).toHaveTextContent("`localhost` is not an IP address");
    expect(screen.getByTestId("collector-toggle")).not.toBeChecked();
  });

  it("adds a source and shows its new write key", async () => {
    let view = sampleSourcesView(new Date());
    const added = {
      id: 4,
      name: "android",
      writeKey: "Zy8xW7vU6tS5rQ4pO3nM2lK1jI0hG9fE",
      createdAt: new Date().toISOString(),
      events: 0,
      lastSeen: null,
      eventsLastMinute: 0,
    };
    const { sent } = backend(() => view, {
      source_add: () => {
        view = { ...view, sources: [...view.sources, added] };
        return added;
      },
    });
    await renderScreen("Sources");

    await userEvent.type(await screen.findByTestId("source-name"), "android");
    await userEvent.click(screen.getByTestId("source-add"));

    expect(await screen.findByTestId("source-added-key")).toHaveTextContent("Zy8xW7vU6tS5rQ4pO3nM2lK1jI0hG9fE");
    expect(sent("source_add")).toEqual([{ name: "android" }]);
    expect(screen.getByTestId("source-name")).toHaveValue("");
    const row = await screen.findByTestId("source-row-android");
    expect(within(row).getByText("Never")).toBeInTheDocument();
  });

  it("shows the server's reason when a source cannot be added, until the name changes", async () => {
    backend(() => sampleSourcesView(new Date()), {
      source_add: () => rejectWith({ code: "invalidInput", message: "A source named `web` already exists" }),
    });
    await renderScreen("Sources");

    await userEvent.type(await screen.findByTestId("source-name"), "web");
    await userEvent.click(screen.getByTestId("source-add"));

    expect(await screen.findByTestId("source-add-error")).toHaveTextContent("A source named `web` already exists");
    expect(screen.queryByTestId("source-added")).not.toBeInTheDocument();
    await userEvent.type(screen.getByTestId("source-name"), "2");
    expect(screen.queryByTestId("source-add-error")).not.toBeInTheDocument();
  });

  it("explains how to start when there are no sources yet", async () => {
    backend(() => emptySourcesView());
    await renderScreen("Sources");

    const empty = await screen.findByTestId("sources-empty");
    expect(empty).toHaveTextContent("Add a source below");
    expect(empty).toHaveTextContent("Turn on the collector");
    expect(empty).toHaveTextContent('analytics.write_key = "YOUR_WRITE_KEY"');
    expect(empty).toHaveTextContent('analytics.host = "http://127.0.0.1:8088"');
    expect(screen.queryByTestId("sources-table")).not.toBeInTheDocument();
    expect(screen.getByTestId("source-latest-events")).toHaveTextContent("No events received yet");
    expect(screen.getByTestId("rejections-table")).toHaveTextContent("No requests refused.");
  });

  it("shows the error when the sources cannot be loaded", async () => {
    backend(() => rejectWith({ code: "io", message: "Could not read the workspace file; try again." }));
    await renderScreen("Sources");

    const alert = await screen.findByTestId("sources-error");
    expect(alert).toHaveTextContent("The sources could not be loaded");
    expect(alert).toHaveTextContent("Could not read the workspace file; try again.");
  });

  it("refreshes every 2 seconds while it is shown", async () => {
    let perMinute = 10;
    backend(() => {
      perMinute += 1;
      return { ...sampleSourcesView(new Date(), true), collector: { ...sampleCollector(new Date(), true), eventsPerMinute: perMinute } };
    });
    await renderScreen("Sources");

    expect(await screen.findByTestId("events-per-minute")).toHaveAttribute("data-value", "11");
    await waitFor(
      () => {
        expect(screen.getByTestId("events-per-minute")).toHaveAttribute("data-value", "12");
      },
      { timeout: 3_000 },
    );
  });
});
