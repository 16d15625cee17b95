// A tool's connection form: its fields with the vendor's names, the base URL override, the
// schedule, and Save, Discard and Disconnect. It shows the draft it is given; saving is the card's.

import { Button, Group, NativeSelect, SimpleGrid, Stack, TextInput, Tooltip } from "@mantine/core";
import type { ConnectionInfo } from "../bindings/ConnectionInfo";
import type { Schedule } from "../ipc";
import { type Draft, numberProblem, SCHEDULES } from "./draft";
import { FieldInput } from "./FieldInput";

export function ConnectionForm({
  connection,
  draft,
  dirty,
  saving,
  disconnectBlocked,
  onChange,
  onSave,
  onDiscard,
  onDisconnect,
}: {
  connection: ConnectionInfo;
  draft: Draft;
  dirty: boolean;
  saving: boolean;
  /** Why there is nothing to disconnect now; null when it can be. */
  disconnectBlocked: string | null;
  onChange: (draft: Draft) => void;
  onSave: () => void;
  onDiscard: () => void;
  onDisconnect: () => void;
}) {
  const { tool } = connection;
  return (
    <form
      noValidate
      aria-label={`${connection.name} connection`}
      onSubmit={(event) => {
        event.preventDefault();
        if (dirty && !saving && numberProblem(connection, draft) === null) onSave();
      }}
    >
      <Stack gap="sm">
        {connection.fields.map((field) => (
          <FieldInput
            key={field.name}
            tool={tool}
            field={field}
            value={draft.values[field.name] ?? ""}
            disabled={saving}
            onChange={(value) => {
              onChange({ ...draft, values: { ...draft.values, [field.name]: value } });
            }}
          />
        ))}
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <NativeSelect
            label="Schedule"
            description="Run by the app while it is open"
            value={draft.schedule}
            disabled={saving}
            data={SCHEDULES.map(({ value, label }) => ({ value, label }))}
            onChange={(event) => {
              onChange({ ...draft, schedule: event.currentTarget.value as Schedule });
            }}
            data-testid={`schedule-${tool}`}
          />
          <TextInput
            label="Base URL"
            description="Advanced: a proxy or a test server; empty uses the vendor's"
            placeholder={connection.defaultBaseUrl}
            value={draft.baseUrl}
            disabled={saving}
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => {
              onChange({ ...draft, baseUrl: event.currentTarget.value });
            }}
            data-testid={`base-url-${tool}`}
          />
        </SimpleGrid>
        {connection.freshnessDays !== null && (
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <TextInput
            label="Freshness (days)"
            description="What was looked up within this many days is not looked up again"
            value={draft.freshnessDays}
            disabled={saving}
            inputMode="numeric"
            error={wholeOrNull(draft.freshnessDays) ? undefined : "A whole number of days"}
            onChange={(event) => {
              onChange({ ...draft, freshnessDays: event.currentTarget.value });
            }}
            data-testid={`freshness-${tool}`}
          />
          {connection.dailyBudget !== null && (
            <TextInput
              label="Daily budget (paid lookups)"
              description="Per kind of lookup and UTC day; never exceeded"
              value={draft.dailyBudget}
              disabled={saving}
              inputMode="numeric"
              error={wholeOrNull(draft.dailyBudget) ? undefined : "A whole number of lookups"}
              onChange={(event) => {
                onChange({ ...draft, dailyBudget: event.currentTarget.value });
              }}
              data-testid={`budget-${tool}`}
            />
          )}
        </SimpleGrid>
        )}
        <Group gap="xs" justify="space-between">
          <Group gap="xs">
            <Button
              type="submit"
              disabled={!dirty || numberProblem(connection, draft) !== null}
              loading={saving}
              data-testid={`save-${tool}`}
            >
              Save
            </Button>
            {dirty && (
              <Button variant="default" disabled={saving} onClick={onDiscard} data-testid={`discard-${tool}`}>
                Discard changes
              </Button>
            )}
          </Group>
          <Tooltip label={disconnectBlocked} disabled={disconnectBlocked === null}>
            <span>
              <Button
                variant="subtle"
                color="red"
                disabled={disconnectBlocked !== null || saving}
                style={disconnectBlocked !== null ? { pointerEvents: "none" } : undefined}
                onClick={onDisconnect}
                data-testid={`disconnect-${tool}`}
              >
                Disconnect
              </Button>
            </span>
          </Tooltip>
        </Group>
      </Stack>
    </form>
  );
}

function wholeOrNull(text: string): boolean {
  return /^\d{1,9}$/.test(text.trim());
}
