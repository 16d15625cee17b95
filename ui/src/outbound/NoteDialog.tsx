// The rep's note on a company: a text area, saved with Ctrl+Enter (Cmd+Enter on a Mac) or the Save
// button; an empty note clears it.

import { Alert, Button, Group, Modal, Stack, Textarea } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useState } from "react";
import type { QueueCompany } from "../bindings/QueueCompany";
import { INSTANT } from "./useQueueKeys";

export function NoteDialog({
  company,
  saving,
  error,
  onConfirm,
  onCancel,
}: {
  company: QueueCompany | null;
  saving: boolean;
  error: string | null;
  onConfirm: (domain: string, note: string | null) => void;
  onCancel: () => void;
}) {
  return (
    <Modal
      opened={company !== null}
      onClose={onCancel}
      title={company ? `Note on ${company.name}` : "Note"}
      size="lg"
      transitionProps={INSTANT}
    >
      {company && (
        <NoteForm key={company.domain} company={company} saving={saving} error={error} onConfirm={onConfirm} onCancel={onCancel} />
      )}
    </Modal>
  );
}

function NoteForm({
  company,
  saving,
  error,
  onConfirm,
  onCancel,
}: {
  company: QueueCompany;
  saving: boolean;
  error: string | null;
  onConfirm: (domain: string, note: string | null) => void;
  onCancel: () => void;
}) {
  const [note, setNote] = useState(company.note ?? "");
  const save = () => {
    if (!saving) onConfirm(company.domain, note.trim() === "" ? null : note);
  };
  return (
    <Stack gap="sm">
      <Textarea
        autoFocus
        data-autofocus
        label="Note"
        description="Ctrl+Enter saves; an empty note is removed"
        autosize
        minRows={4}
        maxRows={12}
        value={note}
        onChange={(event) => {
          setNote(event.currentTarget.value);
        }}
        onKeyDown={(event) => {
          if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            save();
          }
        }}
        data-testid="note-text"
      />
      {error !== null && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle />} data-testid="note-error">
          {error}
        </Alert>
      )}
      <Group justify="flex-end" gap="xs">
        <Button variant="default" onClick={onCancel}>
          Cancel
        </Button>
        <Button loading={saving} onClick={save} data-testid="note-save">
          Save
        </Button>
      </Group>
    </Stack>
  );
}
