// Adding domains to a suppression list: typed or pasted (one per line, or CSV rows), or a CSV file
// read here and sent as its text. The Rust side finds the domains; what it did comes back and is
// shown: how many were added, how many were already on the list, and the lines without a domain.

import { Alert, Button, Code, FileButton, Group, List, NativeSelect, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { IconFileUpload } from "@tabler/icons-react";
import { useRef, useState, type ComponentPropsWithoutRef } from "react";
import type { SuppressionAdded } from "../bindings/SuppressionAdded";
import { formatCount } from "../format";
import { useAddSuppressions } from "../queries";
import { addedText, countText, SUPPRESSION_LISTS } from "./vocabulary";

// FileButton's hidden input, reachable by tests (the button only opens the system's file picker).
const FILE_INPUT_PROPS = { "data-testid": "suppression-file" } as ComponentPropsWithoutRef<"input">;
/** A file this large is not a list of domains; the whole text goes over IPC in one call. */
const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** How many refused lines are listed; the rest are counted. */
const REFUSED_SHOWN = 20;

/** A local file's text, as the system's file picker hands it over. */
function readText(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      resolve(typeof reader.result === "string" ? reader.result : "");
    };
    reader.onerror = () => {
      reject(reader.error ?? new Error("unreadable"));
    };
    reader.readAsText(file);
  });
}

export function SuppressionAdd() {
  const add = useAddSuppressions();
  const [list, setList] = useState<string>(SUPPRESSION_LISTS[0].value);
  const [text, setText] = useState("");
  const [note, setNote] = useState("");
  /** The file the last add came from; null for typed text. */
  const [fileName, setFileName] = useState<string | null>(null);
  const [readFailure, setReadFailure] = useState<string | null>(null);
  const [result, setResult] = useState<{ added: SuppressionAdded; from: string | null } | null>(null);
  const resetFile = useRef<() => void>(null);

  function send(body: string, from: string | null) {
    const trimmed = note.trim();
    setFileName(from);
    setReadFailure(null);
    setResult(null);
    add.mutate(
      { list, text: body, note: trimmed === "" ? null : trimmed },
      {
        onSuccess: (added) => {
          setResult({ added, from });
          if (from === null) setText("");
          setNote("");
        },
      },
    );
  }

  async function importFile(file: File | null) {
    // The same file may be chosen again (after fixing it, say).
    resetFile.current?.();
    if (!file) return;
    add.reset();
    setResult(null);
    setFileName(file.name);
    if (file.size > MAX_FILE_BYTES) {
      setReadFailure(`${file.name} is over 20 MB; split it into smaller files.`);
      return;
    }
    try {
      send(await readText(file), file.name);
    } catch {
      setReadFailure(`${file.name} could not be read; check that it is a text file you may open.`);
    }
  }

  const failure = readFailure ?? (add.error ? `${fileName ?? "The domains"} could not be added: ${add.error.message}` : null);
  return (
    <Stack gap="sm" data-testid="suppression-add-form">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <NativeSelect
          label="Add to list"
          w={180}
          value={list}
          data={SUPPRESSION_LISTS.map((l) => ({ value: l.value, label: l.label }))}
          disabled={add.isPending}
          onChange={(event) => {
            setList(event.currentTarget.value);
          }}
          data-testid="suppression-list-select"
        />
        <TextInput
          label="Note"
          placeholder="Optional, e.g. where the list came from"
          style={{ flex: 1 }}
          miw={200}
          value={note}
          disabled={add.isPending}
          autoComplete="off"
          onChange={(event) => {
            setNote(event.currentTarget.value);
          }}
          data-testid="suppression-note"
        />
      </Group>
      <Textarea
        label="Domains"
        description="One per line, or pasted CSV rows: the first domain, email or URL of each row is taken, and a header row is skipped"
        placeholder={"example.com\nhttps://www.example.org/about\njo@example.net"}
        autosize
        minRows={4}
        maxRows={12}
        styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)", fontSize: "var(--mantine-font-size-xs)" } }}
        value={text}
        disabled={add.isPending}
        onChange={(event) => {
          setText(event.currentTarget.value);
        }}
        data-testid="suppression-text"
      />
      <Group gap="xs">
        <Button
          disabled={text.trim() === "" || (add.isPending && fileName !== null)}
          loading={add.isPending && fileName === null}
          onClick={() => {
            send(text, null);
          }}
          data-testid="suppression-add"
        >
          Add
        </Button>
        <FileButton
          accept=".csv,.txt"
          resetRef={resetFile}
          onChange={(file) => {
            void importFile(file);
          }}
          inputProps={FILE_INPUT_PROPS}
        >
          {(props) => (
            <Button
              {...props}
              variant="default"
              leftSection={<IconFileUpload size={16} />}
              loading={add.isPending && fileName !== null}
              disabled={add.isPending && fileName === null}
              data-testid="suppression-import"
            >
              Import CSV…
            </Button>
          )}
        </FileButton>
      </Group>
      <div aria-live="polite">
        {failure !== null && (
          <Text fz="sm" c="red" role="alert" data-testid="suppression-error">
            {failure}
          </Text>
        )}
        {result && <Result added={result.added} from={result.from} />}
      </div>
    </Stack>
  );
}

function Result({ added, from }: { added: SuppressionAdded; from: string | null }) {
  const refused = added.refused;
  return (
    <Alert color={refused.length > 0 ? "yellow" : "teal"} variant="light" data-testid="suppression-result">
      <Stack gap={4}>
        <Text fz="sm" fw={500} data-testid="suppression-result-counts">
          {addedText(added.added, added.already)}
          {from !== null && (
            <Text span inherit fw={400} c="dimmed">
              {" "}
              (from {from})
            </Text>
          )}
        </Text>
        {refused.length > 0 && (
          <>
            <Text fz="sm">
              {countText(refused.length, "line")} held no domain and {refused.length === 1 ? "was" : "were"} skipped:
            </Text>
            <List size="sm" spacing={2} data-testid="suppression-refused">
              {refused.slice(0, REFUSED_SHOWN).map((r) => (
                <List.Item key={r.key} data-line={r.key}>
                  Line {r.key}: <Code>{r.reason}</Code>
                </List.Item>
              ))}
            </List>
            {refused.length > REFUSED_SHOWN && (
              <Text fz="xs" c="dimmed">
                and {formatCount(refused.length - REFUSED_SHOWN)} more
              </Text>
            )}
          </>
        )}
      </Stack>
    </Alert>
  );
}
