// The four headline numbers, each as its 7-day and 30-day per-day average.

import { Card, Group, SimpleGrid, Text, ThemeIcon, Tooltip } from "@mantine/core";
import { IconBuildingSkyscraper, IconMailOpened, IconUserPlus, IconWorldSearch, type Icon } from "@tabler/icons-react";
import type { KpiWindow } from "../bindings/KpiWindow";
import { formatPerDay, formatRate, MISSING } from "../format";

interface Kpi {
  key: "identified-domains" | "qualified-companies" | "new-contacts" | "open-rate";
  label: string;
  caption: string;
  icon: Icon;
  value: (window: KpiWindow) => number | null;
  format: (value: number) => string;
}

const KPIS: readonly Kpi[] = [
  {
    key: "identified-domains",
    label: "Identified domains / day",
    caption: "Distinct company domains resolved from visitor IPs, per day",
    icon: IconWorldSearch,
    value: (w) => w.identifiedDomainsPerDay,
    format: formatPerDay,
  },
  {
    key: "qualified-companies",
    label: "Qualified companies / day",
    caption: "Companies whose score first cleared the qualifying threshold, per day",
    icon: IconBuildingSkyscraper,
    value: (w) => w.qualifiedCompaniesPerDay,
    format: formatPerDay,
  },
  {
    key: "new-contacts",
    label: "New contacts / day",
    caption: "Contacts found at newly qualified companies, per day",
    icon: IconUserPlus,
    value: (w) => w.newContactsPerDay,
    format: formatPerDay,
  },
  {
    key: "open-rate",
    label: "Outbound open rate",
    caption: "Of outbound emails sent and delivered, the share opened",
    icon: IconMailOpened,
    value: (w) => w.outboundOpenRate,
    format: formatRate,
  },
];

const WINDOW_DAYS = [7, 30] as const;

export function KpiCards({ windows }: { windows: readonly KpiWindow[] }) {
  return (
    <SimpleGrid type="container" cols={{ base: 1, "520px": 2, "1000px": 4 }} spacing="md">
      {KPIS.map((kpi) => (
        <KpiCard key={kpi.key} kpi={kpi} windows={windows} />
      ))}
    </SimpleGrid>
  );
}

function KpiCard({ kpi, windows }: { kpi: Kpi; windows: readonly KpiWindow[] }) {
  const KpiIcon = kpi.icon;
  return (
    // Each card spans three rows of the grid and shares them (subgrid), so titles, values and
    // captions line up across cards even when one title wraps.
    <Card padding="md" className="sb-kpi-card">
      <Group gap={8} wrap="nowrap" align="flex-start">
        <ThemeIcon variant="light" size={24} radius="sm" aria-hidden>
          <KpiIcon size={15} stroke={1.8} />
        </ThemeIcon>
        <Text fw={600} fz="sm" lh="24px">
          {kpi.label}
        </Text>
      </Group>
      <Group grow gap="md" align="flex-start">
        {WINDOW_DAYS.map((days) => (
          <KpiValue key={days} kpi={kpi} days={days} kpiWindow={windows.find((w) => w.days === days)} />
        ))}
      </Group>
      <Text fz="xs" c="dimmed" lh={1.35}>
        {kpi.caption}
      </Text>
    </Card>
  );
}

function KpiValue({ kpi, days, kpiWindow }: { kpi: Kpi; days: number; kpiWindow: KpiWindow | undefined }) {
  const value = kpiWindow ? kpi.value(kpiWindow) : null;
  const partial = kpiWindow !== undefined && kpiWindow.coveredDays < kpiWindow.days;
  const valueText = (
    <Text
      component="span"
      display="block"
      fz={26}
      fw={650}
      lh={1.15}
      className="sb-numeric"
      c={value === null ? "dimmed" : undefined}
      data-testid={`kpi-${kpi.key}-${days}`}
      data-value={value === null ? "" : String(value)}
    >
      {value === null ? MISSING : kpi.format(value)}
    </Text>
  );
  return (
    <div>
      {value === null ? (
        <Tooltip label={kpiWindow ? "No outbound email delivered in this window" : "No data for this window yet"}>
          {valueText}
        </Tooltip>
      ) : (
        valueText
      )}
      <Text fz="xs" c="dimmed" mt={2}>
        {days === 7 ? "Last 7 days" : "Last 30 days"}
        {partial && ` · ${kpiWindow.coveredDays} with data`}
      </Text>
    </div>
  );
}
