// Renders the whole app, as main.tsx does, over whatever back end the test mocked with `mockIPC`.

import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../App";
import { createQueryClient } from "../queries";

export function renderApp() {
  const queryClient = createQueryClient();
  return { queryClient, ...render(<App queryClient={queryClient} />) };
}

/** Renders the app and opens the screen whose navigation link reads `label`, as a person would. */
export async function renderScreen(label: string) {
  const rendered = renderApp();
  const nav = await screen.findByRole("navigation", { name: "Screens" });
  await userEvent.click(within(nav).getByRole("button", { name: label }));
  return rendered;
}
