// The name a funnel is saved under, asked for when saving it and before a segment is made from an
// unsaved one. A name another saved funnel has (case aside) is replaced only once that is confirmed.

import { Alert, Button, Group, Modal, Stack, Text, TextInput } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useState, type ReactNode } from "react";

export interface NameRequest {
  title: string;
  /** What saving is for, in a sentence. */
  explanation: ReactNode;
  confirmLabel: string;
  initial: string;
}

export function FunnelNameDialog({
  request,
  taken,
  busy,
  error,
  onConfirm,
  onCancel,
}: {
  /** Null when the dialog is closed. */
  request: NameRequest | null;
  /** The saved funnel `name` would replace, if any (not the one open, which saving updates). */
  taken: (name: string) => string | null;
  busy: boolean;
  error: string | null;
  onConfirm: (name: string) => void;
  onCancel: () => void;
}) {
  return (
    <Modal opened={request !== null} onClose={onCancel} title={request?.title}>
      {/* Each opening starts from its own suggested name, with nothing confirmed yet. */}
      {request !== null && (
        <NameForm
          key={`${request.title}:${request.initial}`}
          request={request}
          taken={taken}
          busy={busy}
          error={error}
          onConfirm={onConfirm}
          onCancel={onCancel}
        />
      )}
    </Modal>
  );
}

function NameForm({
  request,
  taken,
  busy,
  error,
  onConfirm,
  onCancel,
}: {
  request: NameRequest;
  taken: (name: string) => string | null;
  busy: boolean;
  error: string | null;
  onConfirm: (name: string) => void;
  onCancel: () => void;
}) {
  const [name, setName] = useState(request.initial);
  // The name whose replacement was asked about; typing another one asks again.
  const [replacing, setReplacing] = useState<string | null>(null);
  const trimmed = name.trim();
  const existing = trimmed === "" ? null : taken(trimmed);
  const confirming = existing !== null && replacing === existing;
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (trimmed === "") return;
        if (existing !== null && !confirming) setReplacing(existing);
        else onConfirm(trimmed);
      }}
    >
      <Stack gap="md">
        <Text fz="sm">{request.explanation}</Text>
        <TextInput
          label="Funnel name"
          value={name}
          maxLength={120}
          data-autofocus
          onChange={(event) => {
            setName(event.currentTarget.value);
          }}
          data-testid="funnel-name-input"
        />
        {confirming && (
          <Alert color="orange" variant="light" icon={<IconAlertTriangle />} title="That name is taken" data-testid="funnel-name-exists">
            A funnel named “{existing}” is already saved. Replace it with this one? Segments that read it will count this
            funnel from now on.
          </Alert>
        )}
        {error !== null && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle />} title="Not saved" data-testid="funnel-name-error">
            {error}
          </Alert>
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onCancel} data-testid="funnel-name-cancel">
            Cancel
          </Button>
          <Button
            type="submit"
            color={confirming ? "orange" : undefined}
            disabled={trimmed === ""}
            loading={busy}
            data-testid="funnel-name-confirm"
          >
            {confirming ? `Replace “${existing}”` : request.confirmLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
