// The Spend and CAC screen's back end in tests: the mock's campaigns (one over its cap, one near
// it, one fine, one without an audience), CAC model, budget guard and segments behind IPC, with any
// command answered by `answers` instead, and what the screen sent.

import { mockIPC } from "@tauri-apps/api/mocks";
import { readyStatus, rejectWith, sampleOverview } from "../mocks/sample";
import { isSegmentCommand, segmentCommands } from "../mocks/segments";
import { isSpendCommand, type SpendOptions, spendCommands } from "../mocks/spend";

type Handler = (args: never) => unknown;

export function spendBackend(answers: Record<string, Handler> = {}, options: SpendOptions = {}) {
  const segments = segmentCommands(() => new Date());
  const spend = spendCommands(() => new Date(), options);
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
    spend,
    sent: (command: string) => calls.filter((c) => c.command === command).map((c) => c.args),
    charts: (name: string) => calls.filter((c) => c.command === "chart" && (c.args as { name: string }).name === name),
  };
}

/** The cells of each body row of a table, as text. */
export function bodyRows(table: HTMLElement): string[][] {
  const body = table.querySelector("tbody");
  if (!body) throw new Error("the table has no body");
  return [...body.querySelectorAll("tr")].map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent));
}
