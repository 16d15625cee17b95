// The value a condition compares with, typed with suggestions: the most common values of that field
// or trait in this workspace that start with what was typed (asked for once typing pauses). A list
// for "is one of"; numbers where the comparison is numeric. What was typed stays as typed while it
// is incomplete ("1."), and becomes a number, true/false or text in the rule.

import { Autocomplete, Group, TagsInput, Text } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import type { Target } from "../bindings/Target";
import type { JsonValue } from "../bindings/serde_json/JsonValue";
import { formatCount } from "../format";
import { useSegmentValues } from "../queries";

/** Wait for a pause in typing before asking for suggestions. */
const SUGGEST_DEBOUNCE_MS = 250;
const NUMBER = /^-?\d+(\.\d+)?$/;

export type ValueKind = "number" | "text" | "any";

/** What typed text means in a rule: nothing (then the rule says it needs a value), a number, a boolean or text. */
function parseValue(text: string, kind: ValueKind): JsonValue | undefined {
  if (text.trim() === "") return undefined;
  if (kind === "number") return NUMBER.test(text.trim()) ? Number(text.trim()) : text;
  if (kind === "any" && (text === "true" || text === "false")) return text === "true";
  return text;
}

function valueText(value: JsonValue | undefined): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

function useSuggestions(target: Target | null, key: string, typed: string, wanted: boolean) {
  const [prefix] = useDebouncedValue(typed, SUGGEST_DEBOUNCE_MS);
  const values = useSegmentValues(target ?? "people", key, prefix, wanted && target !== null);
  const found = values.data ?? [];
  return { data: [...new Set(found.map((v) => v.value))], counts: new Map(found.map((v) => [v.value, v.count])) };
}

function renderWithCount(counts: Map<string, number>) {
  return function ValueOption({ option }: { option: { value: string } }) {
    const count = counts.get(option.value);
    return (
      <Group justify="space-between" wrap="nowrap" w="100%">
        <Text fz="sm" truncate>
          {option.value}
        </Text>
        {count !== undefined && (
          <Text fz="xs" c="dimmed" className="sb-numeric">
            {formatCount(count)}
          </Text>
        )}
      </Group>
    );
  };
}

export function ValueInput({
  value,
  kind,
  suggestFrom,
  fieldKey,
  invalid,
  testId,
  onChange,
}: {
  value: JsonValue | undefined;
  kind: ValueKind;
  /** Whose values to suggest: people's, companies', or none (event properties). */
  suggestFrom: Target | null;
  fieldKey: string;
  invalid: boolean;
  testId: string;
  onChange: (value: JsonValue | undefined) => void;
}) {
  const [text, setText] = useState(() => valueText(value));
  const [sent, setSent] = useState(value);
  const [focused, setFocused] = useState(false);
  // The rule changed from outside (another operator, another field): show what it holds now.
  if (value !== sent) {
    setSent(value);
    setText(valueText(value));
  }
  const suggestions = useSuggestions(suggestFrom, fieldKey, text, focused);

  return (
    <Autocomplete
      aria-label="Value"
      placeholder={kind === "number" ? "a number" : "a value"}
      flex={1}
      miw={140}
      value={text}
      data={suggestions.data}
      filter={({ options }) => options}
      renderOption={renderWithCount(suggestions.counts)}
      error={invalid}
      onFocus={() => {
        setFocused(true);
      }}
      onChange={(typed) => {
        const parsed = parseValue(typed, kind);
        setText(typed);
        setSent(parsed);
        onChange(parsed);
      }}
      data-testid={testId}
    />
  );
}

export function ValueListInput({
  value,
  kind,
  suggestFrom,
  fieldKey,
  invalid,
  testId,
  onChange,
}: {
  value: JsonValue | undefined;
  kind: ValueKind;
  suggestFrom: Target | null;
  fieldKey: string;
  invalid: boolean;
  testId: string;
  onChange: (value: JsonValue[] | undefined) => void;
}) {
  const [search, setSearch] = useState("");
  const [focused, setFocused] = useState(false);
  const suggestions = useSuggestions(suggestFrom, fieldKey, search, focused);
  const items = Array.isArray(value) ? value.map(valueText) : value === undefined || value === null ? [] : [valueText(value)];

  return (
    <TagsInput
      aria-label="Values"
      placeholder={items.length === 0 ? "type a value, then Enter" : undefined}
      flex={1}
      miw={180}
      value={items}
      data={suggestions.data}
      filter={({ options }) => options}
      renderOption={renderWithCount(suggestions.counts)}
      searchValue={search}
      onSearchChange={setSearch}
      error={invalid}
      onFocus={() => {
        setFocused(true);
      }}
      onChange={(tags) => {
        const parsed = tags.map((t) => parseValue(t, kind)).filter((v): v is JsonValue => v !== undefined);
        onChange(parsed.length === 0 ? undefined : parsed);
      }}
      data-testid={testId}
    />
  );
}
