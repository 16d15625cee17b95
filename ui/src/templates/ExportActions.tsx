// Exports of the saved template for the chosen prospect: the Customer.io template, or the email as
// an .eml file. The result is shown to copy; a refusal (the email has errors) is shown as it comes.

import { Alert, Button, CopyButton, Group, List, Modal, ScrollArea, Stack, Text, Tooltip } from "@mantine/core";
import { IconAlertTriangle, IconCheck, IconCopy, IconFileExport, IconMail } from "@tabler/icons-react";
import { useState } from "react";
import type { TemplateExport } from "../bindings/TemplateExport";
import type { ExportFormat } from "../ipc";
import { useExportTemplate } from "../queries";

const FORMATS: readonly { format: ExportFormat; label: string; icon: typeof IconMail }[] = [
  { format: "customerio", label: "Customer.io template", icon: IconFileExport },
  { format: "eml", label: ".eml for this prospect", icon: IconMail },
];

export function ExportActions({
  name,
  prospectId,
  blocked,
}: {
  /** The saved template to export. */
  name: string | null;
  prospectId: number | null;
  /** Why exporting is not possible now, or null when it is. */
  blocked: string | null;
}) {
  const exportTemplate = useExportTemplate();
  const [shown, setShown] = useState<{ label: string; result: TemplateExport } | null>(null);

  return (
    <Stack gap={6}>
      <Group gap="xs">
        {FORMATS.map(({ format, label, icon: FormatIcon }) => {
          const button = (
            <Button
              size="xs"
              variant="light"
              leftSection={<FormatIcon size={14} />}
              disabled={blocked !== null}
              loading={exportTemplate.isPending && exportTemplate.variables.format === format}
              onClick={() => {
                if (name === null || prospectId === null) return;
                exportTemplate.mutate(
                  { name, prospectId, format },
                  {
                    onSuccess: (result) => {
                      setShown({ label, result });
                    },
                  },
                );
              }}
              data-testid={`export-${format}`}
            >
              {label}
            </Button>
          );
          return (
            <Tooltip key={format} label={blocked} disabled={blocked === null}>
              {/* A disabled button gets no pointer events; the span shows the tooltip for it. */}
              <span>{button}</span>
            </Tooltip>
          );
        })}
      </Group>
      {blocked !== null && (
        <Text fz="xs" c="dimmed" data-testid="export-blocked">
          {blocked}
        </Text>
      )}
      {exportTemplate.error && (
        <Alert
          color="red"
          variant="light"
          icon={<IconAlertTriangle />}
          title="Not exported"
          withCloseButton
          onClose={() => {
            exportTemplate.reset();
          }}
          data-testid="export-error"
        >
          {exportTemplate.error.message}
        </Alert>
      )}
      <ExportDialog
        shown={shown}
        onClose={() => {
          setShown(null);
        }}
      />
    </Stack>
  );
}

function ExportDialog({
  shown,
  onClose,
}: {
  shown: { label: string; result: TemplateExport } | null;
  onClose: () => void;
}) {
  return (
    <Modal opened={shown !== null} onClose={onClose} title={shown?.label} size="xl">
      {shown && (
        <Stack gap="sm">
          <Group justify="space-between" wrap="nowrap">
            <Text fz="sm">
              Save it as{" "}
              <Text span inherit ff="monospace" fw={600} data-testid="export-file-name">
                {shown.result.fileName}
              </Text>
            </Text>
            <CopyButton value={shown.result.content} timeout={1_500}>
              {({ copied, copy }) => (
                <Button
                  size="xs"
                  variant="light"
                  color={copied ? "teal" : undefined}
                  leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
                  onClick={copy}
                  data-testid="export-copy"
                >
                  {copied ? "Copied" : "Copy"}
                </Button>
              )}
            </CopyButton>
          </Group>
          {shown.result.notes.length > 0 && (
            <List size="sm" spacing={4} data-testid="export-notes">
              {shown.result.notes.map((note) => (
                <List.Item key={note}>{note}</List.Item>
              ))}
            </List>
          )}
          <ScrollArea.Autosize mah="55vh" type="auto" className="sb-export-content">
            <pre data-testid="export-content">{shown.result.content}</pre>
          </ScrollArea.Autosize>
        </Stack>
      )}
    </Modal>
  );
}
