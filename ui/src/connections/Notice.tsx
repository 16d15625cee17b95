// The message beside a card: what the last action on it came to (a test, a save, a sync), or why
// it failed in the Rust side's words. The area is always there, so screen readers hear changes.

import { Alert } from "@mantine/core";
import { IconAlertTriangle, IconCircleCheck, IconInfoCircle } from "@tabler/icons-react";
import type { ErrorCode } from "../bindings/ErrorCode";
import type { IpcFailure } from "../ipc";

export interface Notice {
  tone: "success" | "warning" | "error" | "info";
  title: string;
  text: string;
  code?: ErrorCode;
}

/** A failed command as a notice: the action's title, the Rust side's sentence. */
export function failureNotice(title: string, error: IpcFailure): Notice {
  return { tone: "error", title, text: error.message, code: error.code };
}

const COLORS: Record<Notice["tone"], string> = { success: "teal", warning: "yellow", error: "red", info: "blue" };

export function NoticeArea({ tool, notice, onClose }: { tool: string; notice: Notice | null; onClose: () => void }) {
  return (
    <div data-testid={`message-${tool}`} aria-live="polite" data-tone={notice?.tone} data-code={notice?.code}>
      {notice && (
        <Alert
          color={COLORS[notice.tone]}
          variant="light"
          title={notice.title}
          icon={notice.tone === "success" ? <IconCircleCheck /> : notice.tone === "info" ? <IconInfoCircle /> : <IconAlertTriangle />}
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={onClose}
        >
          {notice.text}
        </Alert>
      )}
    </div>
  );
}
