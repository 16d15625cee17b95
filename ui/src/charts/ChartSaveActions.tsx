// "Save as SVG" and "Save as PNG": the system's save dialog, then the Rust side writes the chart
// to the chosen file; where it went, or why it did not.

import { Button, Group, Text } from "@mantine/core";
import { IconDownload } from "@tabler/icons-react";
import { useState } from "react";
import type { Funnel } from "../bindings/Funnel";
import { chooseSavePath, type ChartFormat, type ChartName } from "../ipc";
import { useSaveChart } from "../queries";

const FORMATS: readonly { format: ChartFormat; label: string; filter: string }[] = [
  { format: "svg", label: "Save as SVG", filter: "SVG image" },
  { format: "png", label: "Save as PNG", filter: "PNG image" },
];

export function ChartSaveActions({ name, funnel, testId }: { name: ChartName; funnel: Funnel | null; testId: string }) {
  const save = useSaveChart();
  const [choosing, setChoosing] = useState<ChartFormat | null>(null);
  const [chooseError, setChooseError] = useState<string | null>(null);

  function chooseAndSave(format: ChartFormat, filter: string) {
    setChoosing(format);
    setChooseError(null);
    save.reset();
    chooseSavePath({ title: "Save the chart", defaultPath: `${name}.${format}`, filters: [{ name: filter, extensions: [format] }] })
      .then((path) => {
        if (path !== null) save.mutate({ name, funnel, format, path });
      })
      .catch((error: unknown) => {
        setChooseError(error instanceof Error ? error.message : String(error));
      })
      .finally(() => {
        setChoosing(null);
      });
  }

  const failure = chooseError ?? save.error?.message ?? null;
  return (
    <Group gap="xs" wrap="wrap">
      {FORMATS.map(({ format, label, filter }) => (
        <Button
          key={format}
          size="compact-xs"
          variant="subtle"
          leftSection={<IconDownload size={12} />}
          loading={choosing === format || (save.isPending && save.variables.format === format)}
          onClick={() => {
            chooseAndSave(format, filter);
          }}
          data-testid={`${testId}-save-${format}`}
        >
          {label}
        </Button>
      ))}
      {save.isSuccess && (
        <Text fz="xs" c="dimmed" data-testid={`${testId}-saved`}>
          Saved to <Text span ff="monospace" fz="xs">{save.data}</Text>
        </Text>
      )}
      {failure !== null && (
        <Text fz="xs" c="red" data-testid={`${testId}-save-error`}>
          {failure}
        </Text>
      )}
    </Group>
  );
}
