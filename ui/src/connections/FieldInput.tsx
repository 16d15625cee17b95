// One field of a connection form, as the vendor names it: a password box for a key (which is never
// shown again, only its last characters), a list for a choice, a text box otherwise.

import { NativeSelect, PasswordInput, Text, TextInput } from "@mantine/core";
import type { ConnectionField } from "../bindings/ConnectionField";

function choiceLabel(choice: string): string {
  // Region codes (us, eu) read as the codes people know; longer choices as they are.
  return choice.length <= 3 ? choice.toUpperCase() : choice;
}

export function FieldInput({
  tool,
  field,
  value,
  disabled,
  onChange,
}: {
  tool: string;
  field: ConnectionField;
  value: string;
  disabled: boolean;
  onChange: (value: string) => void;
}) {
  const testId = `field-${tool}-${field.name}`;
  if (field.secret) {
    const saved =
      field.masked === null
        ? null
        : field.masked === "set"
          ? "A key is saved — leave empty to keep it"
          : `Saved key ${field.masked} — leave empty to keep it`;
    return (
      <PasswordInput
        label={field.label}
        description={
          saved === null ? (
            field.hint
          ) : (
            <>
              <Text span inherit c="teal" fw={500} data-testid={`${testId}-saved`}>
                {saved}
              </Text>
              <br />
              {field.hint}
            </>
          )
        }
        placeholder={field.masked === null ? "Paste the key" : `Saved: ${field.masked === "set" ? "a key" : field.masked}`}
        withAsterisk={field.required && field.masked === null}
        value={value}
        disabled={disabled}
        autoComplete="off"
        spellCheck={false}
        onChange={(event) => {
          onChange(event.currentTarget.value);
        }}
        data-testid={testId}
        data-saved={field.masked !== null}
      />
    );
  }
  if (field.choices.length > 0) {
    const unset = field.required ? "Choose…" : "Not set";
    return (
      <NativeSelect
        label={field.label}
        description={field.hint}
        withAsterisk={field.required}
        value={value}
        disabled={disabled}
        data={[{ value: "", label: unset }, ...field.choices.map((c) => ({ value: c, label: choiceLabel(c) }))]}
        onChange={(event) => {
          onChange(event.currentTarget.value);
        }}
        data-testid={testId}
      />
    );
  }
  return (
    <TextInput
      label={field.label}
      description={field.hint}
      withAsterisk={field.required}
      value={value}
      disabled={disabled}
      autoComplete="off"
      spellCheck={false}
      onChange={(event) => {
        onChange(event.currentTarget.value);
      }}
      data-testid={testId}
    />
  );
}
