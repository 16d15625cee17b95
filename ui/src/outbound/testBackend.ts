// The Outbound screen's back end in tests: the mock's review queue, sends, pipeline, daily
// figures and webhooks behind IPC (the pipeline chart from the spend mock, and the built-in
// template with the mock's prospects for the preview a contact links to), with any command
// answered by `answers` instead, and what the screen sent.

import { mockIPC } from "@tauri-apps/api/mocks";
import type { ArgsOf } from "../ipc";
import { isOutboundCommand, type OutboundOptions, outboundCommands } from "../mocks/outbound";
import { readyStatus, rejectWith, SAMPLE_NOW, sampleOverview } from "../mocks/sample";
import { spendCommands } from "../mocks/spend";
import { BUILT_IN_TEMPLATE, defaultTemplate, renderTemplate, searchProspects } from "../mocks/templates";

type Handler = (args: never) => unknown;

export function outboundBackend(answers: Record<string, Handler> = {}, options: OutboundOptions = {}) {
  const outbound = outboundCommands(() => new Date(), options);
  const spend = spendCommands(() => new Date());
  const calls: { command: string; args: unknown }[] = [];
  mockIPC((command, payload) => {
    calls.push({ command, args: payload });
    const answer = answers[command] as ((args: unknown) => unknown) | undefined;
    if (answer) return answer(payload);
    switch (command) {
      case "workspace_status":
        return readyStatus();
      case "overview":
        return sampleOverview();
      case "chart":
        return spend.chart(payload as ArgsOf<"chart">);
      case "templates":
        return [{ name: BUILT_IN_TEMPLATE, layers: 3, updatedAt: "2025-06-13T10:00:00Z", builtIn: true }];
      case "template":
        return defaultTemplate();
      case "prospects": {
        const { query, limit } = payload as ArgsOf<"prospects">;
        return searchProspects(query, limit);
      }
      case "template_preview": {
        const { template, prospectId } = payload as ArgsOf<"template_preview">;
        return renderTemplate(template, prospectId, SAMPLE_NOW) ?? rejectWith({ code: "notFound", message: "No such prospect." });
      }
    }
    if (isOutboundCommand(command)) return (outbound[command] as (args: unknown) => unknown)(payload);
    return rejectWith(`command ${command} not found`);
  }, { shouldMockEvents: true });
  return {
    outbound,
    sent: (command: string) => calls.filter((c) => c.command === command).map((c) => c.args),
    /** Each company's state in the mock now, by domain. */
    states: async () =>
      Object.fromEntries((await outbound.queue_list(undefined)).companies.map((c) => [c.domain, c.state])),
  };
}
