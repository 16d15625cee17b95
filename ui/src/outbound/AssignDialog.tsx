// Assigning a company to a rep: one of the reps already assigned (a click assigns), or a new name
// typed in the field; Enter assigns what is typed, and an empty field unassigns.

import { Alert, Button, Group, Modal, Stack, Text, TextInput } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useState } from "react";
import type { QueueCompany } from "../bindings/QueueCompany";
import { INSTANT } from "./useQueueKeys";

export function AssignDialog({
  company,
  reps,
  saving,
  error,
  onConfirm,
  onCancel,
}: {
  company: QueueCompany | null;
  reps: readonly string[];
  saving: boolean;
  error: string | null;
  onConfirm: (domain: string, rep: string | null) => void;
  onCancel: () => void;
}) {
  return (
    <Modal opened={company !== null} onClose={onCancel} title={company ? `Assign ${company.name}` : "Assign"} transitionProps={INSTANT}>
      {company && (
        <AssignForm
          key={company.domain}
          company={company}
          reps={reps}
          saving={saving}
          error={error}
          onConfirm={onConfirm}
          onCancel={onCancel}
        />
      )}
    </Modal>
  );
}

function AssignForm({
  company,
  reps,
  saving,
  error,
  onConfirm,
  onCancel,
}: {
  company: QueueCompany;
  reps: readonly string[];
  saving: boolean;
  error: string | null;
  onConfirm: (domain: string, rep: string | null) => void;
  onCancel: () => void;
}) {
  const [name, setName] = useState(company.assignedTo ?? "");
  const assign = (rep: string) => {
    if (!saving) onConfirm(company.domain, rep.trim() === "" ? null : rep.trim());
  };
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        assign(name);
      }}
    >
      <Stack gap="sm">
        {reps.length > 0 && (
          <Stack gap={4}>
            <Text fz="sm" fw={500}>
              Reps
            </Text>
            <Group gap={6} data-testid="assign-reps">
              {reps.map((rep) => (
                <Button
                  key={rep}
                  size="compact-sm"
                  variant={rep === company.assignedTo ? "filled" : "light"}
                  onClick={() => {
                    assign(rep);
                  }}
                >
                  {rep}
                </Button>
              ))}
            </Group>
          </Stack>
        )}
        <TextInput
          autoFocus
          data-autofocus
          label="Rep's name"
          description="Pick a rep above or type a new name; leave it empty to unassign"
          value={name}
          onChange={(event) => {
            setName(event.currentTarget.value);
          }}
          data-testid="assign-rep"
        />
        {error !== null && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle />} data-testid="assign-error">
            {error}
          </Alert>
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={saving} data-testid="assign-confirm">
            {name.trim() === "" ? "Unassign" : "Assign"}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
