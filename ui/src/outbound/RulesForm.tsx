// The pipeline's rules: the qualifying score, the Reveal types and fuzzy matches skipped, the
// cool-down, whom to look for at a company and how many, and each paid lookup's daily budget.
// Edits stay here until saved (leaving the screen with unsaved ones asks first); the Rust side
// judges every value and its refusal is shown as it comes, with what was typed kept.

import { Button, Checkbox, Group, NumberInput, SimpleGrid, Skeleton, Stack, Switch, TagsInput, Text } from "@mantine/core";
import { useState } from "react";
import { useLeaveGuard } from "../common/leaveGuard";
import { LoadFailed } from "../common/LoadFailed";
import { usePipelineRules, useSavePipelineRules } from "../queries";
import { draftOf, type NumberField, type RulesDraft, rulesOf, sameRules, UNSAVED_RULES } from "./rulesDraft";
import { lookupLabel, SKIP_KINDS } from "./vocabulary";

/** The largest count the Rust side takes (a u32); bigger cannot be typed. */
const U32_MAX = 4_294_967_295;

export function RulesForm() {
  const info = usePipelineRules();
  const save = useSavePipelineRules();
  /** The form as edited; null while it shows what is saved. */
  const [draft, setDraft] = useState<RulesDraft | null>(null);
  /** Why the form was not sent (a field left empty); the Rust side's refusals come in `save.error`. */
  const [unsent, setUnsent] = useState<string | null>(null);
  const [justSaved, setJustSaved] = useState(false);

  const saved = info.data ? draftOf(info.data) : null;
  const shown = draft ?? saved;
  const dirty = draft !== null && saved !== null && !sameRules(draft, saved);
  useLeaveGuard(dirty ? UNSAVED_RULES : null);

  if (info.error && !info.data) {
    return (
      <LoadFailed
        title="The pipeline's rules could not be loaded"
        message={info.error.message}
        retrying={info.isFetching}
        onRetry={() => {
          void info.refetch();
        }}
        testId="rules-load-error"
      />
    );
  }
  if (!shown) return <Skeleton h={300} data-testid="rules-loading" />;

  function edit(next: Partial<RulesDraft>) {
    if (!shown) return;
    setDraft({ ...shown, ...next });
    setJustSaved(false);
  }

  function submit() {
    if (!dirty || save.isPending) return;
    const sent = draft;
    const out = rulesOf(sent);
    if ("empty" in out) {
      save.reset();
      setUnsent(`${out.empty} needs a number.`);
      return;
    }
    setUnsent(null);
    save.mutate(out.rules, {
      onSuccess: () => {
        // Editing may have gone on while it saved; those edits stay.
        setDraft((current) => (current === sent ? null : current));
        setJustSaved(true);
      },
    });
  }

  function reset() {
    setDraft(null);
    setUnsent(null);
    setJustSaved(false);
    save.reset();
  }

  const failure = unsent ?? save.error?.message ?? null;
  const busy = save.isPending;
  const count = (field: NumberField) => ({
    value: field,
    min: 0,
    max: U32_MAX,
    clampBehavior: "strict" as const,
    allowNegative: false,
    allowDecimal: false,
    thousandSeparator: ",",
    disabled: busy,
  });

  return (
    <form
      noValidate
      aria-label="Pipeline rules"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
          <NumberInput
            label="Qualifying score"
            description="From 0 to 100; companies scoring this or more are queued"
            value={shown.threshold}
            // Out of range stays as typed: the Rust side says what is allowed.
            clampBehavior="none"
            decimalScale={2}
            disabled={busy}
            onChange={(threshold) => {
              edit({ threshold });
            }}
            data-testid="rules-threshold"
          />
          <NumberInput
            label="Cool-down (days)"
            description="A company prospected within this many days is not looked up again"
            {...count(shown.cooldownDays)}
            onChange={(cooldownDays) => {
              edit({ cooldownDays });
            }}
            data-testid="rules-cooldown"
          />
          <NumberInput
            label="Contacts per company"
            description="From 1 to 100"
            {...count(shown.maxContacts)}
            onChange={(maxContacts) => {
              edit({ maxContacts });
            }}
            data-testid="rules-max-contacts"
          />
        </SimpleGrid>
        <Group gap="xl" align="flex-start">
          <Checkbox.Group
            label="Skip Reveal types"
            description="Visitors Reveal places at these go no further"
            value={shown.skipKinds}
            onChange={(skipKinds) => {
              edit({ skipKinds });
            }}
          >
            <Group gap="md" mt={6}>
              {SKIP_KINDS.map((k) => (
                <Checkbox key={k.value} value={k.value} label={k.label} disabled={busy} data-testid={`rules-skip-${k.value}`} />
              ))}
            </Group>
          </Checkbox.Group>
          <Switch
            label="Skip fuzzy matches"
            description="Companies Reveal matched to an IP only loosely"
            checked={shown.skipFuzzy}
            disabled={busy}
            onChange={(event) => {
              edit({ skipFuzzy: event.currentTarget.checked });
            }}
            data-testid="rules-skip-fuzzy"
          />
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TagsInput
            label="Roles"
            description="Contacts are searched for in these roles; Enter or a comma after each"
            value={shown.roles}
            disabled={busy}
            onChange={(roles) => {
              edit({ roles });
            }}
            data-testid="rules-roles"
          />
          <TagsInput
            label="Seniorities"
            description="And at these levels"
            value={shown.seniorities}
            disabled={busy}
            onChange={(seniorities) => {
              edit({ seniorities });
            }}
            data-testid="rules-seniorities"
          />
        </SimpleGrid>
        <div>
          <Text fz="sm" fw={500}>
            Daily budgets
          </Text>
          <Text fz="xs" c="dimmed" mb={6}>
            Paid lookups a day, per kind; a run asks no more of a kind once its budget is spent
          </Text>
          <SimpleGrid cols={{ base: 2, md: 4 }} spacing="md">
            {Object.entries(shown.budgets).map(([lookup, perDay]) => (
              <NumberInput
                key={lookup}
                label={lookupLabel(lookup)}
                {...count(perDay)}
                max={Number.MAX_SAFE_INTEGER}
                onChange={(value) => {
                  edit({ budgets: { ...shown.budgets, [lookup]: value } });
                }}
                data-testid={`rules-budget-${lookup}`}
              />
            ))}
          </SimpleGrid>
        </div>
        <Group gap="xs" wrap="nowrap">
          <Button type="submit" disabled={!dirty} loading={busy} data-testid="rules-save">
            Save
          </Button>
          <Button variant="default" disabled={!dirty || busy} onClick={reset} data-testid="rules-reset">
            Reset
          </Button>
          {failure !== null ? (
            <Text fz="sm" c="red" role="alert" truncate="end" title={failure} data-testid="rules-error">
              {failure}
            </Text>
          ) : dirty ? (
            <Text fz="xs" c="dimmed">
              Unsaved changes; runs follow the saved rules.
            </Text>
          ) : (
            justSaved && (
              <Text fz="xs" c="teal" data-testid="rules-saved">
                Saved; the next run follows these rules.
              </Text>
            )
          )}
        </Group>
      </Stack>
    </form>
  );
}
