// Light, dark or follow the system. Mantine persists the choice in local storage.

import { SegmentedControl, Tooltip, useMantineColorScheme, VisuallyHidden, type MantineColorScheme } from "@mantine/core";
import { IconDeviceDesktop, IconMoon, IconSun, type Icon } from "@tabler/icons-react";

const CHOICES: readonly { value: MantineColorScheme; label: string; icon: Icon }[] = [
  { value: "light", label: "Light theme", icon: IconSun },
  { value: "dark", label: "Dark theme", icon: IconMoon },
  { value: "auto", label: "Follow the system theme", icon: IconDeviceDesktop },
];

function isColorScheme(value: string): value is MantineColorScheme {
  return CHOICES.some((choice) => choice.value === value);
}

export function ThemeToggle() {
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  return (
    <SegmentedControl
      size="xs"
      radius="md"
      aria-label="Theme"
      value={colorScheme}
      onChange={(value) => {
        if (isColorScheme(value)) setColorScheme(value);
      }}
      data={CHOICES.map(({ value, label, icon: ChoiceIcon }) => ({
        value,
        label: (
          <Tooltip label={label} openDelay={400}>
            <span style={{ display: "flex", padding: "2px 4px" }}>
              <ChoiceIcon size={16} stroke={1.8} aria-hidden />
              <VisuallyHidden>{label}</VisuallyHidden>
            </span>
          </Tooltip>
        ),
      }))}
    />
  );
}
