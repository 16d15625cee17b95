// Exporting a saved segment's members to a file: the format, the columns, and before anything is
// written, how many rows and about how big the file will be. Then the system's save dialog, the
// export, and where the file went.

import { Alert, Button, Group, Loader, Modal, Progress, SegmentedControl, Stack, TagsInput, Text } from "@mantine/core";
import { IconAlertTriangle, IconCheck, IconFileExport } from "@tabler/icons-react";
import { useState } from "react";
import type { SegmentFields } from "../bindings/SegmentFields";
import type { SegmentSummary } from "../bindings/SegmentSummary";
import { CopyAction } from "../common/CopyAction";
import { formatCount } from "../format";
import { chooseSavePath, type SegmentFormat } from "../ipc";
import { useExportSegment, useSegmentExportEstimate } from "../queries";
import { estimateText } from "./vocabulary";

const FORMATS: readonly { value: SegmentFormat; label: string; filter: string }[] = [
  { value: "csv", label: "CSV", filter: "CSV" },
  { value: "jsonl", label: "JSON Lines", filter: "JSON Lines" },
];

/** The columns an export starts with: who they are, their company, their score. */
const STARTING_COLUMNS: Record<string, readonly string[]> = {
  people: ["id", "email", "name", "title", "company.name", "company.domain", "score"],
  companies: ["id", "name", "domain", "employees", "industry", "country", "score"],
};

function columnChoices(target: string, fields: SegmentFields | undefined): string[] {
  if (target === "companies") return fields?.companyColumns ?? [];
  return [...(fields?.peopleColumns ?? []), ...(fields?.traitKeys ?? []).map((t) => `traits.${t.value}`)];
}

export function ExportDialog({
  segment,
  fields,
  onClose,
}: {
  /** The saved segment to export; null when the dialog is closed. */
  segment: SegmentSummary | null;
  fields: SegmentFields | undefined;
  onClose: () => void;
}) {
  return (
    <Modal opened={segment !== null} onClose={onClose} title={`Export “${segment?.name ?? ""}”`} size="lg">
      {/* A new segment starts from the starting columns and without the last export's result. */}
      {segment && <ExportForm key={segment.name} segment={segment} fields={fields} onClose={onClose} />}
    </Modal>
  );
}

function ExportForm({
  segment,
  fields,
  onClose,
}: {
  segment: SegmentSummary;
  fields: SegmentFields | undefined;
  onClose: () => void;
}) {
  const choices = columnChoices(segment.target, fields);
  const [format, setFormat] = useState<SegmentFormat>("csv");
  const [columns, setColumns] = useState<string[]>(() => {
    const start = STARTING_COLUMNS[segment.target] ?? [];
    return choices.length === 0 ? [...start] : start.filter((c) => choices.includes(c));
  });
  const [choosing, setChoosing] = useState(false);
  const [chooseError, setChooseError] = useState<string | null>(null);
  const estimate = useSegmentExportEstimate(segment.name, columns, format, columns.length > 0);
  const write = useExportSegment();
  const known = estimate.data && !estimate.isPlaceholderData ? estimate.data : null;

  function chooseAndWrite() {
    const extension = format;
    setChoosing(true);
    setChooseError(null);
    chooseSavePath({
      title: `Export “${segment.name}”`,
      defaultPath: `${segment.name}.${extension}`,
      filters: [{ name: FORMATS.find((f) => f.value === format)?.filter ?? "", extensions: [extension] }],
    })
      .then((path) => {
        if (path !== null) write.mutate({ name: segment.name, columns, format, path });
      })
      .catch((error: unknown) => {
        setChooseError(error instanceof Error ? error.message : String(error));
      })
      .finally(() => {
        setChoosing(false);
      });
  }

  if (write.isSuccess) {
    return (
      <Stack gap="md" data-testid="export-done">
        <Alert color="teal" variant="light" icon={<IconCheck />} title="Exported">
          <Text fz="sm">
            {formatCount(write.data.rows)} {write.data.rows === 1 ? "row" : "rows"} written to
          </Text>
          <Group gap={4} wrap="nowrap">
            <Text fz="sm" ff="monospace" className="sb-path-cut" data-testid="export-path">
              <span>{write.data.path}</span>
            </Text>
            <CopyAction value={write.data.path} label="Copy the path" />
          </Group>
        </Alert>
        <Group justify="flex-end">
          <Button onClick={onClose} data-testid="export-close">
            Done
          </Button>
        </Group>
      </Stack>
    );
  }

  if (write.isPending) {
    return (
      <Stack gap="sm" data-testid="export-progress">
        <Text fz="sm">
          Writing {known ? estimateText(known.rows, known.bytes) : "the members"} to{" "}
          <Text span ff="monospace" fz="sm">
            {write.variables.path}
          </Text>
          …
        </Text>
        <Progress value={100} animated striped aria-label="Exporting" />
      </Stack>
    );
  }

  const blocked =
    columns.length === 0
      ? "Choose at least one column."
      : estimate.error
        ? estimate.error.message
        : known === null
          ? "Wait for the size of the export."
          : null;

  return (
    <Stack gap="md">
      <div>
        <Text fz="sm" fw={500} mb={4}>
          Format
        </Text>
        <SegmentedControl
          data={FORMATS.map(({ value, label }) => ({ value, label }))}
          value={format}
          onChange={(value) => {
            setFormat(value as SegmentFormat);
          }}
          data-testid="export-format"
        />
      </div>
      <TagsInput
        label="Columns"
        description={
          segment.target === "people"
            ? "In this order. Any trait can be a column: type traits. and its key, e.g. traits.plan"
            : "In this order"
        }
        data={choices}
        value={columns}
        onChange={setColumns}
        clearable
        data-testid="export-columns"
      />
      <Group gap={8} data-testid="export-estimate" aria-live="polite">
        {estimate.error ? (
          <Text fz="sm" c="red">
            {estimate.error.message}
          </Text>
        ) : known ? (
          <Text fz="sm" fw={600}>
            {estimateText(known.rows, known.bytes)}
          </Text>
        ) : columns.length > 0 ? (
          <>
            <Loader size={14} />
            <Text fz="sm" c="dimmed">
              Counting the rows…
            </Text>
          </>
        ) : null}
      </Group>
      {(write.error ?? chooseError) !== null && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle />} title="Not exported" data-testid="export-error">
          {write.error?.message ?? chooseError}
        </Alert>
      )}
      <Group justify="space-between" wrap="nowrap">
        <Text fz="xs" c="dimmed">
          {blocked ?? "Members of the latest version. You choose where the file goes next."}
        </Text>
        <Group gap="xs" wrap="nowrap">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            leftSection={<IconFileExport size={16} />}
            disabled={blocked !== null}
            loading={choosing}
            onClick={chooseAndWrite}
            data-testid="export-write"
          >
            Export…
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}
