// The question asked before the budget guard goes live, for one campaign or as the default: live
// really pauses campaigns on their ad platform, which must be connected for it to work.

import { Button, Group, Modal, Stack, Text } from "@mantine/core";
import { platformName } from "./vocabulary";

/** What is about to go live: one campaign, or (campaign null) every campaign without its own mode. */
export interface LiveRequest {
  campaignId: string | null;
  campaign: string | null;
  platform: string | null;
}

export function LiveConfirmDialog({
  request,
  onConfirm,
  onCancel,
}: {
  /** Null while the dialog is closed. */
  request: LiveRequest | null;
  onConfirm: (request: LiveRequest) => void;
  onCancel: () => void;
}) {
  const one = request?.campaignId != null;
  const platform = request?.platform ? platformName(request.platform) : "its platform";
  return (
    <Modal opened={request !== null} onClose={onCancel} title={one ? "Pause this campaign for real?" : "Pause campaigns for real?"}>
      <Stack gap="md">
        {one ? (
          <Text fz="sm">
            When the spend of “{request.campaign}” reaches its cap, the guard will pause it on {platform}: the campaign
            really stops running there until someone turns it back on.
          </Text>
        ) : (
          <Text fz="sm">
            Every campaign without its own mode will be paused on its platform (Facebook Ads, Google Ads or AdRoll) when
            its spend reaches its cap: those campaigns really stop running there until someone turns them back on.
          </Text>
        )}
        <Text fz="sm">
          It needs {one ? platform : "each platform"} connected on the Connections screen; otherwise the pause fails and
          the guard log says why.
        </Text>
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onCancel} data-testid="guard-live-cancel">
            Keep it as it is
          </Button>
          <Button
            color="red"
            onClick={() => {
              if (request) onConfirm(request);
            }}
            data-testid="guard-live-confirm"
          >
            Switch to live
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
