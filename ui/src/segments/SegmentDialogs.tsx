// The questions the Segments screen asks: a name for a copy or a rename, and whether to delete.

import { Alert, Button, Group, Modal, Stack, TextInput } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { ConfirmDeleteDialog } from "../common/ConfirmDeleteDialog";
import { useState } from "react";

export function NameDialog({
  title,
  initial,
  confirmLabel,
  busy,
  error,
  onConfirm,
  onCancel,
}: {
  /** Null when the dialog is closed. */
  title: string | null;
  initial: string;
  confirmLabel: string;
  busy: boolean;
  error: string | null;
  onConfirm: (name: string) => void;
  onCancel: () => void;
}) {
  return (
    <Modal opened={title !== null} onClose={onCancel} title={title}>
      {/* Each opening starts from its own suggested name. */}
      {title !== null && (
        <NameForm
          key={`${title}:${initial}`}
          initial={initial}
          confirmLabel={confirmLabel}
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
  initial,
  confirmLabel,
  busy,
  error,
  onConfirm,
  onCancel,
}: {
  initial: string;
  confirmLabel: string;
  busy: boolean;
  error: string | null;
  onConfirm: (name: string) => void;
  onCancel: () => void;
}) {
  const [name, setName] = useState(initial);
  const empty = name.trim() === "";
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (!empty) onConfirm(name.trim());
      }}
    >
      <Stack gap="md">
        <TextInput
          label="Name"
          data-autofocus
          value={name}
          onChange={(event) => {
            setName(event.currentTarget.value);
          }}
          data-testid="segment-new-name"
        />
        {error !== null && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle />} data-testid="segment-name-error">
            {error}
          </Alert>
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onCancel} data-testid="segment-name-cancel">
            Cancel
          </Button>
          <Button type="submit" disabled={empty} loading={busy} data-testid="segment-name-confirm">
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function DeleteSegmentDialog(props: {
  /** The segment to delete; null when the dialog is closed. */
  name: string | null;
  deleting: boolean;
  error: string | null;
  onConfirm: (name: string) => void;
  onCancel: () => void;
}) {
  return (
    <ConfirmDeleteDialog
      {...props}
      title="Delete the segment?"
      testId="segment-delete"
      consequence={<>“{props.name}”, its history and its members are removed from this workspace. This cannot be undone; files already exported are not affected.</>}
    />
  );
}
