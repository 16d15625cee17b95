// How the Connections screen words and colours what the Rust side reports: run statuses and
// triggers, a run's outcome in a sentence, and a running sync's pace.

import type { SyncRunInfo } from "../bindings/SyncRunInfo";
import { formatCount, formatDuration } from "../format";

/** The statuses a run has (`SyncRunInfo.status`), with their colour and how they read. */
export const RUN_STATUSES: Record<string, { color: string; label: string }> = {
  running: { color: "blue", label: "running" },
  succeeded: { color: "teal", label: "succeeded" },
  partial: { color: "yellow", label: "partial" },
  failed: { color: "red", label: "failed" },
  cancelled: { color: "gray", label: "cancelled" },
  interrupted: { color: "orange", label: "interrupted" },
};

export const TRIGGERS: Record<string, string> = {
  manual: "Sync now",
  schedule: "Schedule",
  cli: "Command line",
};

/** A finished run in a sentence, for the message beside its card. */
export function runOutcome(run: SyncRunInfo): { tone: "success" | "warning" | "error" | "info"; title: string; text: string } {
  const counts = `${formatCount(run.fetched)} fetched, ${formatCount(run.written)} written, ${formatCount(run.skipped)} skipped, ${formatCount(run.failed)} failed.`;
  switch (run.status) {
    case "succeeded":
      return { tone: "success", title: "Sync finished", text: counts };
    case "partial":
      return {
        tone: "warning",
        title: "Sync finished with problems",
        text: `${counts} ${run.error ?? "The run log below lists the rows it could not take, with the reason."}`,
      };
    case "cancelled":
      return { tone: "info", title: "Sync cancelled", text: `What it wrote before stopping stays: ${counts}` };
    case "interrupted":
      return { tone: "warning", title: "Sync interrupted", text: run.error ?? `It stopped before the end: ${counts}` };
    default:
      return { tone: "error", title: "Sync failed", text: run.error ?? counts };
  }
}

const perSecond = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });

/** "42.5 rows/s". */
export function formatRowRate(rate: number): string {
  return `${perSecond.format(rate)} ${rate === 1 ? "row" : "rows"}/s`;
}

/** "about 4 min left", from the milliseconds the Rust side estimates. */
export function formatEta(etaMs: number): string {
  return etaMs < 60_000 ? "less than a minute left" : `about ${formatDuration(etaMs)} left`;
}
