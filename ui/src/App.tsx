// The root: theme and data layer around the app frame. Tests render this too.

import "@mantine/core/styles.css";
import "./app.css";

import { MantineProvider } from "@mantine/core";
import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import { AppFrame } from "./shell/AppFrame";
import { colorSchemeManager, theme } from "./theme";

export function App({ queryClient }: { queryClient: QueryClient }) {
  return (
    <MantineProvider theme={theme} defaultColorScheme="auto" colorSchemeManager={colorSchemeManager}>
      <QueryClientProvider client={queryClient}>
        <AppFrame />
      </QueryClientProvider>
    </MantineProvider>
  );
}
