// What the rep can do with the selected company, as buttons that name their shortcut: approve the
// checked contacts, reject with a reason, snooze (1, 7 or 30 days), assign, note, reopen, and the
// list of shortcuts. Only what applies to the company's state is enabled.

import { ActionIcon, Button, Group, Kbd, Menu, Tooltip } from "@mantine/core";
import {
  IconArrowBackUp,
  IconCheck,
  IconChevronDown,
  IconClockPause,
  IconKeyboard,
  IconNote,
  IconUserShare,
  IconX,
} from "@tabler/icons-react";
import type { QueueCompany } from "../bindings/QueueCompany";
import { INSTANT } from "./useQueueKeys";
import { DEFAULT_SNOOZE_DAYS, daysText, isUndecided, SNOOZE_DAYS } from "./vocabulary";

function Key({ children }: { children: string }) {
  return (
    <Kbd size="xs" ml={4} aria-hidden>
      {children}
    </Kbd>
  );
}

export function QueueActions({
  company,
  checked,
  busy,
  onApprove,
  onReject,
  onSnooze,
  onAssign,
  onNote,
  onReopen,
  onHelp,
}: {
  company: QueueCompany;
  /** How many contacts are checked. */
  checked: number;
  /** A decision on this company is on its way. */
  busy: boolean;
  onApprove: () => void;
  onReject: () => void;
  onSnooze: (days: number) => void;
  onAssign: () => void;
  onNote: () => void;
  onReopen: () => void;
  onHelp: () => void;
}) {
  const deciding = isUndecided(company) && !busy;
  const all = company.contacts.length;
  const approveLabel = checked === all ? "Approve" : `Approve ${String(checked)} of ${String(all)}`;
  return (
    <Group gap="xs" data-testid="queue-actions">
      <Button
        size="xs"
        color="teal"
        leftSection={<IconCheck size={14} />}
        rightSection={<Key>a</Key>}
        disabled={!deciding || checked === 0}
        loading={busy && isUndecided(company)}
        onClick={onApprove}
        aria-keyshortcuts="a"
        data-testid="queue-approve"
      >
        {approveLabel}
      </Button>
      <Button
        size="xs"
        color="red"
        variant="light"
        leftSection={<IconX size={14} />}
        rightSection={<Key>r</Key>}
        disabled={!deciding}
        onClick={onReject}
        aria-keyshortcuts="r"
        data-testid="queue-reject"
      >
        Reject
      </Button>
      <Menu position="bottom-start" withinPortal transitionProps={INSTANT}>
        <Menu.Target>
          <Button
            size="xs"
            variant="default"
            leftSection={<IconClockPause size={14} />}
            rightSection={<IconChevronDown size={12} />}
            disabled={!deciding}
            data-testid="queue-snooze"
          >
            Snooze
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {SNOOZE_DAYS.map((days) => (
            <Menu.Item
              key={days}
              rightSection={days === DEFAULT_SNOOZE_DAYS ? <Kbd size="xs">s</Kbd> : undefined}
              onClick={() => {
                onSnooze(days);
              }}
              data-testid={`queue-snooze-${String(days)}`}
            >
              {daysText(days)}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
      <Button
        size="xs"
        variant="default"
        leftSection={<IconUserShare size={14} />}
        rightSection={<Key>g</Key>}
        disabled={busy}
        onClick={onAssign}
        aria-keyshortcuts="g"
        data-testid="queue-assign"
      >
        Assign
      </Button>
      <Button
        size="xs"
        variant="default"
        leftSection={<IconNote size={14} />}
        rightSection={<Key>n</Key>}
        disabled={busy}
        onClick={onNote}
        aria-keyshortcuts="n"
        data-testid="queue-note"
      >
        Note
      </Button>
      {company.state !== "pending" && (
        <Button
          size="xs"
          variant="default"
          leftSection={<IconArrowBackUp size={14} />}
          rightSection={<Key>u</Key>}
          disabled={busy}
          onClick={onReopen}
          aria-keyshortcuts="u"
        data-testid="queue-reopen"
        >
          Reopen
        </Button>
      )}
      <Tooltip label="Keyboard shortcuts (?)">
        <ActionIcon variant="subtle" color="gray" aria-label="Keyboard shortcuts" aria-keyshortcuts="?" onClick={onHelp} data-testid="queue-help">
          <IconKeyboard size={18} />
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}
