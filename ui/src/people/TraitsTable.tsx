// A person's current traits; each one that changed opens to show its earlier values.

import { ActionIcon, Table, Text, Tooltip } from "@mantine/core";
import { IconChevronDown, IconChevronRight } from "@tabler/icons-react";
import { Fragment, useState } from "react";
import type { TraitValue } from "../bindings/TraitValue";
import { ShortTime } from "../common/ShortTime";
import { traitText } from "./vocabulary";

export function TraitsTable({ traits, history }: { traits: readonly TraitValue[]; history: readonly TraitValue[] }) {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());

  function toggle(key: string) {
    setOpen((keys) => {
      const next = new Set(keys);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  }

  return (
    <Table horizontalSpacing="xs" data-testid="person-traits">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={28} />
          <Table.Th>Trait</Table.Th>
          <Table.Th>Value</Table.Th>
          <Table.Th>Set at</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {traits.length === 0 && (
          <Table.Tr>
            <Table.Td colSpan={4}>
              <Text c="dimmed" fz="sm" ta="center" py="sm">
                No traits yet; they come with identify calls.
              </Text>
            </Table.Td>
          </Table.Tr>
        )}
        {traits.map((current) => {
          // The history holds the current value too, newest first; what follows it is what it replaced.
          const earlier = history.filter((t) => t.key === current.key && t.messageId !== current.messageId);
          const expanded = open.has(current.key);
          return (
            <Fragment key={current.key}>
              <Table.Tr>
                <Table.Td>
                  {earlier.length > 0 && (
                    <Tooltip label={expanded ? "Hide earlier values" : `${String(earlier.length)} earlier ${earlier.length === 1 ? "value" : "values"}`}>
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        size="sm"
                        aria-expanded={expanded}
                        aria-label={`Earlier values of ${current.key}`}
                        onClick={() => {
                          toggle(current.key);
                        }}
                        data-testid={`trait-history-toggle-${current.key}`}
                      >
                        {expanded ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
                      </ActionIcon>
                    </Tooltip>
                  )}
                </Table.Td>
                <Table.Td ff="monospace" fz="xs">
                  {current.key}
                </Table.Td>
                <Table.Td>
                  <TraitText value={current.value} />
                </Table.Td>
                <Table.Td>
                  <ShortTime iso={current.at} />
                </Table.Td>
              </Table.Tr>
              {expanded &&
                earlier.map((past) => (
                  <Table.Tr key={`${past.messageId}-${past.at}`} data-testid={`trait-history-${current.key}`}>
                    <Table.Td />
                    <Table.Td fz="xs" c="dimmed">
                      before
                    </Table.Td>
                    <Table.Td c="dimmed">
                      <TraitText value={past.value} />
                    </Table.Td>
                    <Table.Td c="dimmed">
                      <ShortTime iso={past.at} />
                    </Table.Td>
                  </Table.Tr>
                ))}
            </Fragment>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}

function TraitText({ value }: { value: string }) {
  return (
    <Text inherit span style={{ wordBreak: "break-word" }}>
      {traitText(value)}
    </Text>
  );
}
