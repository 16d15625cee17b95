// The optional breakdown: people grouped by a trait of theirs or a field of their company.

import { Autocomplete, Group, NativeSelect } from "@mantine/core";
import type { Breakdown } from "../bindings/Breakdown";
import type { SegmentFields } from "../bindings/SegmentFields";
import { fieldLabel } from "../segments/vocabulary";

type Kind = "none" | "person_trait" | "company";

const KINDS: readonly { value: Kind; label: string }[] = [
  { value: "none", label: "No breakdown" },
  { value: "person_trait", label: "By a person's trait" },
  { value: "company", label: "By their company's" },
];

export function BreakdownFields({
  value,
  fields,
  onChange,
}: {
  value: Breakdown | null | undefined;
  fields: SegmentFields | undefined;
  onChange: (value: Breakdown | null) => void;
}) {
  const kind: Kind = !value ? "none" : "person_trait" in value ? "person_trait" : "company";
  const companyFields = fields?.companyFields ?? [];
  return (
    <Group gap="xs" align="flex-end" wrap="wrap">
      <NativeSelect
        label="Breakdown"
        w={190}
        data={KINDS}
        value={kind}
        onChange={(event) => {
          const next = event.currentTarget.value as Kind;
          if (next === "none") onChange(null);
          else if (next === "person_trait") onChange({ person_trait: fields?.traitKeys[0]?.value ?? "" });
          else onChange({ company: companyFields.includes("industry") ? "industry" : (companyFields[0] ?? "") });
        }}
        data-testid="funnel-breakdown-kind"
      />
      {value && "person_trait" in value && (
        <Autocomplete
          aria-label="Trait"
          placeholder="plan, role…"
          w={200}
          data={[
            { group: "Fields", items: fields?.personFields ?? [] },
            { group: "Traits", items: (fields?.traitKeys ?? []).map((t) => t.value) },
          ]}
          value={value.person_trait}
          onChange={(key) => {
            onChange({ person_trait: key });
          }}
          data-testid="funnel-breakdown-key"
        />
      )}
      {value && "company" in value && (
        <NativeSelect
          aria-label="Company field"
          w={200}
          data={companyFields.map((f) => ({ value: f, label: fieldLabel(f) }))}
          value={value.company}
          onChange={(event) => {
            onChange({ company: event.currentTarget.value });
          }}
          data-testid="funnel-breakdown-key"
        />
      )}
    </Group>
  );
}
