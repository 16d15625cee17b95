// The review queue: filters, how many companies are pending, the companies the filter shows, and the
// selected one in full with its actions and contacts, all of it reachable from the keyboard (the
// shortcuts listen on the whole document while the screen is shown). What went wrong with the last
// action shows on one line above the list; the company stays as it was.

import { Alert, Group, Stack, Text } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import type { QueueView } from "../bindings/QueueView";
import { Panel } from "../common/Panel";
import { AssignDialog } from "./AssignDialog";
import { CompanyDetail } from "./CompanyDetail";
import { ContactsTable } from "./ContactsTable";
import { NoteDialog } from "./NoteDialog";
import { QueueActions } from "./QueueActions";
import { QueueFilters } from "./QueueFilters";
import { QueueTable } from "./QueueTable";
import { RejectDialog } from "./RejectDialog";
import { ShortcutsDialog } from "./ShortcutsDialog";
import { useQueueKeys } from "./useQueueKeys";
import { useReviewQueue } from "./useReviewQueue";

export function QueuePanel({ view }: { view: QueueView }) {
  const queue = useReviewQueue(view);
  useQueueKeys(queue);
  const { selected, dialog, dialogCompany } = queue;

  return (
    <Panel
      title="Review queue"
      description="Companies the pipeline qualified, with the contacts found there. Approved contacts are sent to Customer.io below."
      aside={
        <Text fz="sm" c="dimmed" style={{ whiteSpace: "nowrap" }}>
          <Text span fw={650} fz="lg" c="var(--mantine-color-text)" className="sb-numeric" data-testid="queue-pending-count">
            {String(queue.pending)}
          </Text>{" "}
          pending
        </Text>
      }
      data-testid="queue-panel"
    >
      <Stack gap="md">
        <QueueFilters filter={queue.filter} companies={view.companies} reps={view.reps} onChange={queue.setFilter} />
        <div aria-live="polite">
          {queue.problem !== null && (
            <Alert
              color="red"
              variant="light"
              icon={<IconAlertTriangle />}
              withCloseButton
              closeButtonLabel="Dismiss"
              onClose={queue.dismissProblem}
              data-testid="queue-error"
            >
              {queue.problem}
            </Alert>
          )}
        </div>
        <Group justify="space-between" gap="xs">
          <Text fz="xs" c="dimmed" data-testid="queue-shown">
            Showing {String(queue.shown.length)} of {String(view.companies.length)} queued companies
          </Text>
          <Text fz="xs" c="dimmed">
            Press ? for the keyboard shortcuts
          </Text>
        </Group>
        <div className="sb-queue">
          <QueueTable
            companies={queue.shown}
            selected={selected?.domain ?? null}
            busy={queue.busy}
            state={queue.filter.state}
            onSelect={queue.select}
          />
          {selected && (
            <CompanyDetail
              company={selected}
              actions={
                <QueueActions
                  company={selected}
                  checked={queue.checkedOf(selected).length}
                  busy={queue.busy.has(selected.domain)}
                  onApprove={queue.approve}
                  onReject={() => {
                    queue.open("reject");
                  }}
                  onSnooze={queue.snooze}
                  onAssign={() => {
                    queue.open("assign");
                  }}
                  onNote={() => {
                    queue.open("note");
                  }}
                  onReopen={queue.reopen}
                  onHelp={() => {
                    queue.open("help");
                  }}
                />
              }
              contacts={
                <ContactsTable
                  company={selected}
                  checked={queue.checkedOf(selected).map((k) => k.email)}
                  onToggle={(email) => {
                    queue.toggle(selected, email);
                  }}
                />
              }
            />
          )}
        </div>
      </Stack>
      <RejectDialog
        company={dialog?.kind === "reject" ? dialogCompany : null}
        draft={queue.draftReason}
        onConfirm={queue.reject}
        onCancel={queue.close}
      />
      <AssignDialog
        company={dialog?.kind === "assign" ? dialogCompany : null}
        reps={view.reps}
        saving={queue.dialogSaving}
        error={queue.dialogError}
        onConfirm={queue.assign}
        onCancel={queue.close}
      />
      <NoteDialog
        company={dialog?.kind === "note" ? dialogCompany : null}
        saving={queue.dialogSaving}
        error={queue.dialogError}
        onConfirm={queue.note}
        onCancel={queue.close}
      />
      <ShortcutsDialog opened={dialog?.kind === "help"} onClose={queue.close} />
    </Panel>
  );
}
