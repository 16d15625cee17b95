// The template being edited: its name, the save controls, and one section per layer,
// innermost (the bot's notice) first, as the layers are numbered everywhere.

import { Accordion, Alert, Badge, Button, Group, Stack, TextInput } from "@mantine/core";
import { IconAlertTriangle, IconArrowBackUp, IconDeviceFloppy } from "@tabler/icons-react";
import type { EmailTemplate } from "../bindings/EmailTemplate";
import type { RenderIssue } from "../bindings/RenderIssue";
import type { TemplateLayer } from "../bindings/TemplateLayer";
import { Panel } from "../common/Panel";
import { LayerSection } from "./LayerSection";
import { isError } from "./vocabulary";

export function TemplateEditor({
  template,
  savedName,
  builtIn,
  otherNames,
  dirty,
  issues,
  openLayers,
  onOpenLayers,
  onChange,
  onSave,
  saving,
  saveError,
  onRevert,
}: {
  template: EmailTemplate;
  /** The name it is saved under; null for a new template. */
  savedName: string | null;
  builtIn: boolean;
  /** The names of the other saved templates. */
  otherNames: readonly string[];
  dirty: boolean;
  /** The preview's issues, counted per layer on each section. */
  issues: readonly RenderIssue[];
  openLayers: string[];
  onOpenLayers: (open: string[]) => void;
  onChange: (template: EmailTemplate) => void;
  onSave: () => void;
  saving: boolean;
  saveError: string | null;
  onRevert: () => void;
}) {
  const name = template.name.trim();
  const nameNote = otherNames.includes(name)
    ? `Saving replaces the template named “${name}”.`
    : savedName !== null && name !== "" && name !== savedName
      ? `Saving under a new name keeps “${savedName}” as it is.`
      : undefined;

  function changeLayer(index: number, layer: TemplateLayer) {
    onChange({ ...template, layers: template.layers.map((l, i) => (i === index ? layer : l)) });
  }

  return (
    <Panel
      title={savedName === null ? "New template" : "Template"}
      description="Each layer wraps the one before it as a forwarded message; the last one is what the prospect receives"
      aside={
        <Group gap="xs" wrap="nowrap">
          {dirty && (
            <Badge color="orange" variant="light" data-testid="template-unsaved">
              Unsaved changes
            </Badge>
          )}
          {dirty && savedName !== null && (
            <Button
              size="xs"
              variant="subtle"
              color="gray"
              leftSection={<IconArrowBackUp size={14} />}
              onClick={onRevert}
              data-testid="template-revert"
            >
              Revert
            </Button>
          )}
          <Button
            size="xs"
            leftSection={<IconDeviceFloppy size={14} />}
            disabled={!dirty}
            loading={saving}
            onClick={onSave}
            data-testid="template-save"
          >
            Save
          </Button>
        </Group>
      }
    >
      <Stack gap="md">
        <TextInput
          label="Name"
          value={template.name}
          description={nameNote}
          rightSection={builtIn && name === savedName ? <Badge size="xs" color="gray">Built in</Badge> : undefined}
          rightSectionWidth={76}
          onChange={(event) => {
            onChange({ ...template, name: event.currentTarget.value });
          }}
          data-testid="template-name"
        />
        {saveError !== null && (
          <Alert
            color="red"
            variant="light"
            icon={<IconAlertTriangle />}
            title="The template was not saved"
            data-testid="template-save-error"
          >
            {saveError}
          </Alert>
        )}
        <Accordion multiple variant="separated" value={openLayers} onChange={onOpenLayers}>
          {template.layers.map((layer, index) => {
            const mine = issues.filter((issue) => issue.layer === index);
            return (
              <LayerSection
                key={index}
                index={index}
                layer={layer}
                errors={mine.filter(isError).length}
                warnings={mine.length - mine.filter(isError).length}
                onChange={(changed) => {
                  changeLayer(index, changed);
                }}
              />
            );
          })}
        </Accordion>
      </Stack>
    </Panel>
  );
}
