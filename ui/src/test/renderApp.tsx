// Renders the whole app, as main.tsx does, over whatever back end the test mocked with `mockIPC`.

import { render } from "@testing-library/react";
import { App } from "../App";
import { createQueryClient } from "../queries";

export function renderApp() {
  const queryClient = createQueryClient();
  return { queryClient, ...render(<App queryClient={queryClient} />) };
}
