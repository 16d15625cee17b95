// Imports a tracking plan: a JSON file picked from disk, or its text pasted. The Rust side reads it
// and says in one sentence what is wrong with a bad one; that sentence is shown as it comes.

import { Alert, Button, FileButton, Group, Stack, Text, Textarea } from "@mantine/core";
import { IconAlertTriangle, IconFileUpload } from "@tabler/icons-react";
import { useState, type ComponentPropsWithoutRef } from "react";
import { useImportPlan } from "../queries";

// FileButton's hidden input, reachable by tests (the button only opens the system's file picker).
const FILE_INPUT_PROPS = { "data-testid": "plan-file" } as ComponentPropsWithoutRef<"input">;

export function PlanImport({ onImported }: { onImported?: () => void }) {
  const importPlan = useImportPlan();
  const [text, setText] = useState("");
  // Which file the last import came from, to name it in an error; null for pasted text.
  const [fileName, setFileName] = useState<string | null>(null);
  const [readFailure, setReadFailure] = useState<string | null>(null);

  function submit(json: string, from: string | null) {
    setFileName(from);
    setReadFailure(null);
    importPlan.mutate(json, {
      onSuccess: () => {
        setText("");
        onImported?.();
      },
    });
  }

  async function importFile(file: File | null) {
    if (!file) return;
    importPlan.reset();
    try {
      submit(await file.text(), file.name);
    } catch {
      setFileName(file.name);
      setReadFailure("The file could not be read; check that it is a text file you may open.");
    }
  }

  const failure = readFailure ?? importPlan.error?.message;
  return (
    <Stack gap="sm">
      <Text fz="sm" c="dimmed">
        A JSON file: Switchboard&apos;s own plan format, or a tracking plan exported from Segment (Config API or
        Public API).
      </Text>
      <Group gap="sm">
        <FileButton
          accept=".json,application/json"
          onChange={(file) => {
            void importFile(file);
          }}
          inputProps={FILE_INPUT_PROPS}
        >
          {(props) => (
            <Button {...props} leftSection={<IconFileUpload size={16} />} loading={importPlan.isPending && fileName !== null}>
              Choose a JSON file
            </Button>
          )}
        </FileButton>
        <Text fz="sm" c="dimmed">
          or paste the plan&apos;s JSON:
        </Text>
      </Group>
      <Textarea
        aria-label="Tracking plan JSON"
        placeholder='{ "name": "Website", "events": [ ... ] }'
        autosize
        minRows={4}
        maxRows={14}
        styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)", fontSize: "var(--mantine-font-size-xs)" } }}
        value={text}
        onChange={(event) => {
          setText(event.currentTarget.value);
        }}
        data-testid="plan-json"
      />
      <Group>
        <Button
          variant="light"
          disabled={text.trim() === ""}
          loading={importPlan.isPending && fileName === null}
          onClick={() => {
            submit(text, null);
          }}
          data-testid="plan-import"
        >
          Import pasted JSON
        </Button>
      </Group>
      {failure && (
        <Alert
          color="red"
          variant="light"
          icon={<IconAlertTriangle />}
          title={fileName ? `${fileName} could not be imported` : "The plan could not be imported"}
          data-testid="plan-import-error"
        >
          {failure}
        </Alert>
      )}
    </Stack>
  );
}
