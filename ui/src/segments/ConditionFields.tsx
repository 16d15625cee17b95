// A condition on a field, trait or event property: which one, how it compares, and with what.
// Company fields come from a fixed list; a person's key is a column or any trait key (`a.b` reads
// a nested trait); an event property is typed freely.

import { Autocomplete, Group, NativeSelect, TextInput } from "@mantine/core";
import type { Problem } from "../bindings/Problem";
import type { TraitCondition } from "../bindings/TraitCondition";
import type { TraitOp } from "../bindings/TraitOp";
import type { JsonValue } from "../bindings/serde_json/JsonValue";
import { useBuilder } from "./builderContext";
import { fieldHasProblem } from "./rules";
import { ValueInput, ValueListInput, type ValueKind } from "./ValueInput";
import { fieldLabel, NUMERIC_OPS, TRAIT_OPS } from "./vocabulary";

export type Subject = "person" | "company" | "property";

const LIST_OPS: readonly TraitOp[] = ["contains", "not_contains", "exists", "not_exists"];
const TEXT_OPS: readonly TraitOp[] = ["contains", "not_contains", "starts_with"];
/** Company fields holding numbers; the others are text, and `technologies` a list. */
const COMPANY_NUMBERS = ["employees"];

/** The operators that make sense for a key: a list only contains, text has no order. */
function opsFor(subject: Subject, key: string): readonly TraitOp[] {
  if (subject !== "company") return TRAIT_OPS.map((o) => o.value);
  if (key === "technologies") return LIST_OPS;
  if (COMPANY_NUMBERS.includes(key)) return TRAIT_OPS.map((o) => o.value);
  return TRAIT_OPS.map((o) => o.value).filter((op) => !NUMERIC_OPS.includes(op));
}

function needsValue(op: TraitOp): boolean {
  return op !== "exists" && op !== "not_exists";
}

function valueKind(subject: Subject, key: string, op: TraitOp): ValueKind {
  if (NUMERIC_OPS.includes(op) || (subject === "company" && COMPANY_NUMBERS.includes(key))) return "number";
  return subject === "company" || TEXT_OPS.includes(op) ? "text" : "any";
}

/** The value carried over to another operator: dropped, wrapped in a list, or taken out of one. */
function carryValue(op: TraitOp, value: JsonValue | undefined, kind: ValueKind): JsonValue | undefined {
  if (!needsValue(op) || value === undefined || value === null) return undefined;
  if (op === "one_of") return Array.isArray(value) ? value : [value];
  const scalar = Array.isArray(value) ? value[0] : value;
  if (scalar === undefined || scalar === null || typeof scalar === "object") return undefined;
  if (kind === "number" && typeof scalar === "string" && /^-?\d+(\.\d+)?$/.test(scalar.trim())) return Number(scalar);
  if (kind === "text" && typeof scalar !== "string") return String(scalar);
  return scalar;
}

/** A condition as Rust writes it: no `value` key when there is none. */
export function condition(key: string, op: TraitOp, value: JsonValue | undefined): TraitCondition {
  return value === undefined ? { key, op } : { key, op, value };
}

export function ConditionFields({
  value,
  subject,
  path,
  problems,
  onChange,
}: {
  value: TraitCondition;
  subject: Subject;
  /** The condition's pointer (`…/company_trait`, `…/performed/where/0`). */
  path: string;
  problems: readonly Problem[];
  onChange: (value: TraitCondition) => void;
}) {
  const { fields } = useBuilder();
  const ops = opsFor(subject, value.key);
  const kind = valueKind(subject, value.key, value.op);

  function changeKey(key: string) {
    const allowed = opsFor(subject, key);
    const op = allowed.includes(value.op) ? value.op : (allowed[0] ?? "equals");
    onChange(condition(key, op, carryValue(op, value.value ?? undefined, valueKind(subject, key, op))));
  }

  const keyProps = {
    label: subject === "property" ? "Property" : "Field",
    w: 190,
    error: fieldHasProblem(problems, `${path}/key`),
    "data-testid": `field-${path}/key`,
  };
  return (
    <Group gap="xs" align="flex-end" wrap="wrap">
      {subject === "company" ? (
        <NativeSelect
          {...keyProps}
          data={(fields?.companyFields ?? [value.key]).map((f) => ({ value: f, label: fieldLabel(f) }))}
          value={value.key}
          onChange={(event) => {
            changeKey(event.currentTarget.value);
          }}
        />
      ) : subject === "person" ? (
        <Autocomplete
          {...keyProps}
          placeholder="email, plan, role…"
          data={[
            { group: "Fields", items: fields?.personFields ?? [] },
            { group: "Traits", items: (fields?.traitKeys ?? []).map((t) => t.value) },
          ]}
          value={value.key}
          onChange={changeKey}
        />
      ) : (
        <TextInput
          {...keyProps}
          placeholder="plan, path, revenue…"
          value={value.key}
          onChange={(event) => {
            changeKey(event.currentTarget.value);
          }}
        />
      )}
      <NativeSelect
        aria-label="Comparison"
        w={150}
        data={TRAIT_OPS.filter((o) => ops.includes(o.value) || o.value === value.op)}
        value={value.op}
        error={fieldHasProblem(problems, `${path}/op`)}
        onChange={(event) => {
          const op = event.currentTarget.value as TraitOp;
          onChange(condition(value.key, op, carryValue(op, value.value ?? undefined, valueKind(subject, value.key, op))));
        }}
        data-testid={`field-${path}/op`}
      />
      {needsValue(value.op) &&
        (value.op === "one_of" ? (
          <ValueListInput
            value={value.value ?? undefined}
            kind={kind}
            suggestFrom={subject === "company" ? "companies" : subject === "person" ? "people" : null}
            fieldKey={value.key}
            invalid={fieldHasProblem(problems, `${path}/value`)}
            testId={`field-${path}/value`}
            onChange={(next) => {
              onChange(condition(value.key, value.op, next));
            }}
          />
        ) : (
          <ValueInput
            value={value.value ?? undefined}
            kind={kind}
            suggestFrom={subject === "company" ? "companies" : subject === "person" ? "people" : null}
            fieldKey={value.key}
            invalid={fieldHasProblem(problems, `${path}/value`)}
            testId={`field-${path}/value`}
            onChange={(next) => {
              onChange(condition(value.key, value.op, next));
            }}
          />
        ))}
    </Group>
  );
}
