// Whom the preview is rendered for: a search over the prospects (the Rust side matches name, company
// or domain), and Previous / Next to step through the listed ones.

import { ActionIcon, Group, Select, Stack, Text, Tooltip, type OptionsFilter } from "@mantine/core";
import { IconChevronLeft, IconChevronRight, IconSearch } from "@tabler/icons-react";
import type { ProspectOption } from "../bindings/ProspectOption";
import { countText, prospectLabel } from "./vocabulary";

/** The server already filtered the list; the Select shows it as it came. */
const SHOW_ALL: OptionsFilter = ({ options }) => options;

export function ProspectPicker({
  prospects,
  current,
  search,
  searching,
  onSearch,
  onChoose,
}: {
  /** The prospects the current search lists. */
  prospects: readonly ProspectOption[];
  current: ProspectOption | null;
  search: string;
  /** The list is still the previous search's. */
  searching: boolean;
  onSearch: (text: string) => void;
  onChoose: (prospect: ProspectOption) => void;
}) {
  const index = current === null ? -1 : prospects.findIndex((p) => p.id === current.id);
  const previous = index > 0 ? prospects[index - 1] : undefined;
  const next = index < 0 ? prospects[0] : prospects[index + 1];
  const data = prospects.map((p) => ({ value: String(p.id), label: prospectLabel(p) }));
  // The chosen prospect stays selectable while a search lists others.
  if (current !== null && index < 0) data.unshift({ value: String(current.id), label: prospectLabel(current) });

  return (
    <Stack gap={4}>
      <Group gap={6} wrap="nowrap" align="flex-end">
        <Select
          flex={1}
          label="Prospect"
          placeholder="Search by name, company or domain"
          searchable
          allowDeselect={false}
          leftSection={<IconSearch size={14} />}
          data={data}
          filter={SHOW_ALL}
          value={current === null ? null : String(current.id)}
          searchValue={search}
          onSearchChange={onSearch}
          onChange={(value) => {
            const chosen = prospects.find((p) => String(p.id) === value);
            if (chosen) onChoose(chosen);
          }}
          nothingFoundMessage={searching ? "Searching…" : "No prospect matches"}
          renderOption={({ option }) => {
            const prospect = prospects.find((p) => String(p.id) === option.value) ?? current;
            return (
              <div>
                <Text fz="sm">{option.label}</Text>
                {prospect && (
                  <Text fz="xs" c="dimmed">
                    {[prospect.title, prospect.email].filter((part) => part !== "").join(" · ")}
                  </Text>
                )}
              </div>
            );
          }}
          data-testid="prospect-picker"
        />
        <Tooltip label="Previous prospect">
          <ActionIcon
            variant="default"
            size={36}
            aria-label="Previous prospect"
            disabled={!previous}
            onClick={() => {
              if (previous) onChoose(previous);
            }}
            data-testid="prospect-prev"
          >
            <IconChevronLeft size={16} />
          </ActionIcon>
        </Tooltip>
        <Tooltip label="Next prospect">
          <ActionIcon
            variant="default"
            size={36}
            aria-label="Next prospect"
            disabled={!next}
            onClick={() => {
              if (next) onChoose(next);
            }}
            data-testid="prospect-next"
          >
            <IconChevronRight size={16} />
          </ActionIcon>
        </Tooltip>
      </Group>
      <Text fz="xs" c="dimmed" truncate data-testid="prospect-position">
        {position(prospects.length, index)}
        {current && ` · ${[current.title, current.email].filter((part) => part !== "").join(" · ")}`}
      </Text>
    </Stack>
  );
}

/** Where the chosen prospect is in the list: "2 of 6", or how many are listed when it is not among them. */
function position(listed: number, index: number): string {
  if (listed === 0) return "No prospect matches the search";
  if (index < 0) return `${countText(listed, "prospect")} listed`;
  return `${index + 1} of ${listed}`;
}
