// Rejecting a company: why, typed or picked from the quick reasons (keys 1–4 pick one while the
// field is empty or holds another quick reason). Enter rejects, Escape cancels. The dialog closes
// at once; a refusal shows on the queue, and the reason comes back here on the next try.

import { Button, Group, Kbd, Modal, Stack, TextInput } from "@mantine/core";
import { useState } from "react";
import type { QueueCompany } from "../bindings/QueueCompany";
import { INSTANT } from "./useQueueKeys";
import { QUICK_REASONS } from "./vocabulary";

export function RejectDialog({
  company,
  draft,
  onConfirm,
  onCancel,
}: {
  /** The company to reject; null when the dialog is closed. */
  company: QueueCompany | null;
  /** The reason to start from: one typed before for a rejection that was refused. */
  draft: string;
  onConfirm: (domain: string, reason: string) => void;
  onCancel: () => void;
}) {
  return (
    <Modal opened={company !== null} onClose={onCancel} title={company ? `Reject ${company.name}` : "Reject"} transitionProps={INSTANT}>
      {company && (
        <RejectForm key={company.domain} company={company} draft={draft} onConfirm={onConfirm} onCancel={onCancel} />
      )}
    </Modal>
  );
}

function RejectForm({
  company,
  draft,
  onConfirm,
  onCancel,
}: {
  company: QueueCompany;
  draft: string;
  onConfirm: (domain: string, reason: string) => void;
  onCancel: () => void;
}) {
  const [reason, setReason] = useState(draft);
  const quick = reason === "" || (QUICK_REASONS as readonly string[]).includes(reason);
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (reason.trim() !== "") onConfirm(company.domain, reason.trim());
      }}
    >
      <Stack gap="sm">
        <TextInput
          // Focused as it appears (the dialog's own focus comes a moment later), so keys typed at
          // once land in the field.
          autoFocus
          data-autofocus
          label="Reason"
          description="Type a reason, or press 1 to 4 for a quick one"
          value={reason}
          onChange={(event) => {
            setReason(event.currentTarget.value);
          }}
          onKeyDown={(event) => {
            const n = Number(event.key);
            if (quick && Number.isInteger(n) && n >= 1 && n <= QUICK_REASONS.length) {
              event.preventDefault();
              setReason(QUICK_REASONS[n - 1] ?? "");
            }
          }}
          data-testid="reject-reason"
        />
        <Group gap={6}>
          {QUICK_REASONS.map((text, i) => (
            <Button
              key={text}
              size="compact-sm"
              variant={reason === text ? "filled" : "light"}
              color="gray"
              leftSection={<Kbd size="xs" aria-hidden>{i + 1}</Kbd>}
              onClick={() => {
                setReason(text);
              }}
              data-testid={`reject-quick-${String(i + 1)}`}
            >
              {text}
            </Button>
          ))}
        </Group>
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onCancel} data-testid="reject-cancel">
            Cancel
          </Button>
          <Button type="submit" color="red" disabled={reason.trim() === ""} data-testid="reject-confirm">
            Reject
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
