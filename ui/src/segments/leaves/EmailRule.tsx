// Email engagement: what they did with a campaign's email (or any campaign's), when they received
// it, and for "did not open", within how many days of receiving it.

import { Group, NativeSelect, Select, Text } from "@mantine/core";
import type { EmailAction } from "../../bindings/EmailAction";
import type { EmailCondition } from "../../bindings/EmailCondition";
import type { Problem } from "../../bindings/Problem";
import { useBuilder } from "../builderContext";
import { NumberField } from "../NumberField";
import { fieldHasProblem, omit } from "../rules";
import { EMAIL_ACTIONS } from "../vocabulary";
import { WindowInput } from "../WindowInput";

/** `within_days` belongs to "did not open" only; it starts at 3 days there. */
function withAction(value: EmailCondition, action: EmailAction): EmailCondition {
  const rest = omit(value, "within_days");
  return action === "not_opened" ? { ...rest, action, within_days: value.within_days ?? 3 } : { ...rest, action };
}

export function EmailRule({
  value,
  path,
  problems,
  onChange,
}: {
  value: EmailCondition;
  path: string;
  problems: readonly Problem[];
  onChange: (value: EmailCondition) => void;
}) {
  const campaigns = useBuilder().fields?.campaigns ?? [];
  const data = value.campaign && !campaigns.includes(value.campaign) ? [value.campaign, ...campaigns] : campaigns;
  return (
    <Group gap="xs" align="flex-end" wrap="wrap">
      <NativeSelect
        label="They"
        w={210}
        data={EMAIL_ACTIONS}
        value={value.action}
        onChange={(event) => {
          onChange(withAction(value, event.currentTarget.value as EmailAction));
        }}
        data-testid={`field-${path}/action`}
      />
      <Select
        label="Campaign"
        placeholder="any campaign"
        w={220}
        searchable
        clearable
        data={data}
        value={value.campaign ?? null}
        error={fieldHasProblem(problems, `${path}/campaign`)}
        nothingFoundMessage="No campaign by that name has email activity"
        onChange={(campaign) => {
          const rest = omit(value, "campaign");
          onChange(campaign === null ? rest : { ...rest, campaign });
        }}
        data-testid={`field-${path}/campaign`}
      />
      {value.action === "not_opened" && (
        <NumberField
          label="Within"
          empty={0}
          w={110}
          min={1}
          allowDecimal={false}
          allowNegative={false}
          value={value.within_days ?? null}
          rightSection={<Text fz="xs" c="dimmed">days</Text>}
          rightSectionWidth={44}
          rightSectionPointerEvents="none"
          error={fieldHasProblem(problems, `${path}/within_days`)}
          onChange={(days) => {
            onChange({ ...value, within_days: days });
          }}
          data-testid={`field-${path}/within_days`}
        />
      )}
      <WindowInput
        label="Received"
        value={value.window}
        optional
        path={`${path}/window`}
        problems={problems}
        onChange={(window) => {
          const rest = omit(value, "window");
          onChange(window ? { ...rest, window } : rest);
        }}
      />
    </Group>
  );
}
