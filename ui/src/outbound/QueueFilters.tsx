// The review queue's filters: state (pending to begin with), minimum score, industry, employee
// size and assigned rep. Native selects, so a keyboard (or a WebDriver test) can pick options as
// with any form; Escape leaves a field so the queue's shortcuts work again.

import { Button, Group, NativeSelect, NumberInput } from "@mantine/core";
import type { QueueCompany } from "../bindings/QueueCompany";
import { ANY, ANY_REP, DEFAULT_FILTER, industriesOf, isNarrowed, type QueueFilter, repChoice, repOfChoice, UNASSIGNED } from "./filters";
import { isStateFilter, SIZE_BUCKETS, STATE_FILTERS } from "./vocabulary";

export function QueueFilters({
  filter,
  companies,
  reps,
  onChange,
}: {
  filter: QueueFilter;
  /** Every queued company, for the industries to offer. */
  companies: readonly QueueCompany[];
  reps: readonly string[];
  onChange: (filter: QueueFilter) => void;
}) {
  const industries = industriesOf(companies);
  // A rep chosen here stays offered after their last company was given to someone else.
  const chosenRep = repOfChoice(filter.rep);
  const repNames = chosenRep === null || reps.includes(chosenRep) ? reps : [...reps, chosenRep];
  return (
    <Group gap="sm" align="flex-end" data-queue-filters="">
      <NativeSelect
        label="State"
        w={140}
        value={filter.state}
        data={STATE_FILTERS.map((f) => ({ value: f.value, label: f.label }))}
        onChange={(event) => {
          const state = event.currentTarget.value;
          if (isStateFilter(state)) onChange({ ...filter, state });
        }}
        data-testid="queue-state-filter"
      />
      <NumberInput
        label="Minimum score"
        w={130}
        min={0}
        max={100}
        allowDecimal={false}
        placeholder="Any"
        value={filter.minScore ?? ""}
        onChange={(value) => {
          onChange({ ...filter, minScore: typeof value === "number" ? value : null });
        }}
        data-testid="queue-min-score"
      />
      <NativeSelect
        label="Industry"
        w={190}
        value={filter.industry}
        data={[{ value: ANY, label: "Any industry" }, ...industries.map((i) => ({ value: i, label: i }))]}
        onChange={(event) => {
          onChange({ ...filter, industry: event.currentTarget.value });
        }}
        data-testid="queue-industry-filter"
      />
      <NativeSelect
        label="Employees"
        w={140}
        value={filter.size}
        data={[{ value: ANY, label: "Any size" }, ...SIZE_BUCKETS.map((b) => ({ value: b.value, label: b.label }))]}
        onChange={(event) => {
          onChange({ ...filter, size: event.currentTarget.value });
        }}
        data-testid="queue-size-filter"
      />
      <NativeSelect
        label="Assigned to"
        w={180}
        value={filter.rep}
        data={[
          { value: ANY_REP, label: "Anyone" },
          { value: UNASSIGNED, label: "Unassigned" },
          ...repNames.map((rep) => ({ value: repChoice(rep), label: rep })),
        ]}
        onChange={(event) => {
          onChange({ ...filter, rep: event.currentTarget.value });
        }}
        data-testid="queue-rep-filter"
      />
      {isNarrowed(filter) && (
        <Button
          variant="subtle"
          size="sm"
          onClick={() => {
            onChange({ ...DEFAULT_FILTER, state: filter.state });
          }}
          data-testid="queue-clear-filters"
        >
          Clear filters
        </Button>
      )}
    </Group>
  );
}
