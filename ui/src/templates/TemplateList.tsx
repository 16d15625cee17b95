// The saved templates, one row each: choosing a row opens it in the editor. Each row but the
// built-in one can be deleted; an unsaved new template shows at the top while it is being written.

import { ActionIcon, Badge, Group, Stack, Text, Tooltip, UnstyledButton } from "@mantine/core";
import { IconTrash } from "@tabler/icons-react";
import type { TemplateSummary } from "../bindings/TemplateSummary";
import { RelativeTime } from "../common/RelativeTime";
import { useNow } from "../common/useNow";
import { countText } from "./vocabulary";

export function TemplateList({
  templates,
  selected,
  unsavedName,
  onSelect,
  onDelete,
}: {
  templates: readonly TemplateSummary[];
  /** The saved template open in the editor; null while a new one is. */
  selected: string | null;
  /** The name of the new, unsaved template being written, if any. */
  unsavedName: string | null;
  onSelect: (name: string) => void;
  onDelete: (name: string) => void;
}) {
  const now = useNow();
  return (
    <Stack gap={4} data-testid="template-list">
      {unsavedName !== null && (
        <div className="sb-template-row" data-selected data-testid="template-row-new">
          <Stack gap={0} px="xs" py={6}>
            <Text fz="sm" fw={500} fs="italic" truncate>
              {unsavedName.trim() || "Untitled template"}
            </Text>
            <Text fz="xs" c="dimmed">
              New, not saved yet
            </Text>
          </Stack>
        </div>
      )}
      {templates.map((template) => {
        const isSelected = template.name === selected;
        return (
          <Group
            key={template.name}
            gap={4}
            wrap="nowrap"
            className="sb-template-row"
            data-selected={isSelected || undefined}
            data-testid={`template-row-${template.name}`}
          >
            <UnstyledButton
              flex={1}
              miw={0}
              px="xs"
              py={6}
              aria-current={isSelected || undefined}
              onClick={() => {
                onSelect(template.name);
              }}
            >
              <Text fz="sm" fw={500} truncate title={template.name}>
                {template.name}
              </Text>
              <Group gap={6} wrap="nowrap">
                {template.builtIn && (
                  <Badge size="xs" color="gray" style={{ flexShrink: 0 }}>
                    Built in
                  </Badge>
                )}
                <Text fz="xs" c="dimmed" truncate>
                  {countText(template.layers, "layer")} · saved <RelativeTime iso={template.updatedAt} now={now} />
                </Text>
              </Group>
            </UnstyledButton>
            <Tooltip
              label={
                template.builtIn
                  ? "The built-in template cannot be deleted; duplicate it to make one of your own"
                  : `Delete “${template.name}”`
              }
            >
              {/* The span keeps the tooltip for the disabled button, which gets no pointer events. */}
              <span>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  size="sm"
                  mr={6}
                  aria-label={`Delete ${template.name}`}
                  disabled={template.builtIn}
                  onClick={() => {
                    onDelete(template.name);
                  }}
                  data-testid={`template-delete-${template.name}`}
                >
                  <IconTrash size={14} />
                </ActionIcon>
              </span>
            </Tooltip>
          </Group>
        );
      })}
    </Stack>
  );
}
