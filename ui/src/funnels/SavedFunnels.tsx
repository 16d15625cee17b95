// The saved funnels beside the editor: which one is open (choosing another opens it, asking first
// when there are unsaved edits), saving the funnel as edited under a name, and deleting the open one.

import { Badge, Button, Group, NativeSelect, Text } from "@mantine/core";
import { IconDeviceFloppy, IconTrash } from "@tabler/icons-react";
import type { SavedFunnelInfo } from "../bindings/SavedFunnelInfo";

export function SavedFunnels({
  saved,
  loadError,
  openName,
  dirty,
  onOpen,
  onSave,
  onDelete,
}: {
  /** Undefined while they are read. */
  saved: readonly SavedFunnelInfo[] | undefined;
  loadError: string | null;
  /** The saved funnel in the editor; null for one never saved. */
  openName: string | null;
  dirty: boolean;
  onOpen: (name: string) => void;
  onSave: () => void;
  onDelete: (name: string) => void;
}) {
  const options = [
    { value: "", label: saved === undefined ? "Loading the saved funnels…" : "Open a saved funnel…", disabled: true },
    ...(saved ?? []).map((f) => ({ value: f.name, label: `${f.name} (${String(f.steps.length)} steps)` })),
  ];
  return (
    <Group gap="xs" align="flex-end" wrap="wrap" data-testid="funnel-saved">
      <NativeSelect
        label="Saved funnels"
        w={280}
        data={options}
        value={openName ?? ""}
        disabled={saved === undefined || saved.length === 0}
        error={loadError ?? undefined}
        description={saved?.length === 0 ? "None saved yet" : undefined}
        onChange={(event) => {
          const name = event.currentTarget.value;
          if (name !== "") onOpen(name);
        }}
        data-testid="funnel-saved-select"
      />
      <Button variant="light" leftSection={<IconDeviceFloppy size={16} />} onClick={onSave} data-testid="funnel-save">
        {openName === null ? "Save…" : "Save as…"}
      </Button>
      <Button
        variant="subtle"
        color="red"
        leftSection={<IconTrash size={16} />}
        disabled={openName === null}
        onClick={() => {
          if (openName !== null) onDelete(openName);
        }}
        data-testid="funnel-delete"
      >
        Delete
      </Button>
      {dirty ? (
        <Badge color="orange" variant="light" mb={8} data-testid="funnel-unsaved">
          {openName === null ? "Not saved" : "Unsaved changes"}
        </Badge>
      ) : (
        openName !== null && (
          <Text fz="xs" c="dimmed" mb={10} data-testid="funnel-saved-note">
            Saved as “{openName}”
          </Text>
        )
      )}
    </Group>
  );
}
