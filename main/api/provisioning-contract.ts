/**
 * The first-boot screen's part of the screen API: a production terminal with no configuration
 * shows it instead of "out of service", and field staff provision the terminal from it by touch
 * (kiosk id and one-time code on an on-screen keypad). Few commands, each validated; the host
 * runs the same provisioning module as `npx kiosk provision`. Imported by the renderer: zod only.
 */
import { z } from 'zod';

const MessageKey = z.string().regex(/^[a-zA-Z][\w.-]*$/);

/** Kiosk id (`GD-GZ-0001`) or one-time code (`K7QX-M2TB-9RHD`). */
export const ProvisioningField = z.enum(['kioskId', 'code']);
export type ProvisioningField = z.infer<typeof ProvisioningField>;

export const PROVISIONING_MAX_LENGTH: Readonly<Record<ProvisioningField, number>> = { kioskId: 12, code: 14 };

/** Keys of the first-boot keypad: capitals, digits and the hyphen, or delete. */
export const ProvisioningKey = z.union([z.string().regex(/^[0-9A-Z-]$/), z.literal('delete')]);

export const ProvisioningStage = z.enum(['enter', 'probing', 'enrolling', 'writing-config', 'self-test', 'done', 'failed']);
export type ProvisioningStage = z.infer<typeof ProvisioningStage>;

const CheckResult = z.enum(['passed', 'failed', 'not-tested']);
const DeviceSlot = z.string().max(200).nullable();

/**
 * The frame the screen took from its camera for the self-test: its size and light (mean luma and
 * the brightest minus darkest sampled pixel, 0..255); or, when it got none, why. The host judges
 * covered or not from the figures (kiosk-config/provision/camera-check.ts); no pixels travel.
 */
export const CameraFrameFigures = z.discriminatedUnion('taken', [
  z
    .object({
      taken: z.literal(true),
      width: z.number().int().min(1).max(8192),
      height: z.number().int().min(1).max(8192),
      meanLuma: z.number().min(0).max(255),
      spread: z.number().min(0).max(255),
    })
    .strict(),
  z.object({ taken: z.literal(false), condition: z.enum(['offline', 'no-frames']), detail: z.string().max(200) }).strict(),
]);
export type CameraFrameFigures = z.infer<typeof CameraFrameFigures>;

export const ProvisioningView = z.object({
  stage: ProvisioningStage,
  /** The field the keypad types into. */
  field: ProvisioningField,
  kioskId: z.string().max(PROVISIONING_MAX_LENGTH.kioskId),
  code: z.string().max(PROVISIONING_MAX_LENGTH.code),
  /** Where central is (from the package's settings), shown so staff can check it; null when not set. */
  centralUrl: z.string().max(300).nullable(),
  /** Ports probed so far, of how many. */
  probe: z.object({ done: z.number().int().min(0), total: z.number().int().min(0) }),
  /** The port each device was found on, as far as known. */
  found: z.object({ idReader: DeviceSlot, printer: DeviceSlot, certificateUnit: DeviceSlot }),
  /** Why the entry or the last attempt failed, as an i18n key, or null. */
  messageKey: MessageKey.nullable(),
  /** For staff: the technical reason of a failure (English, no personal data), or null. */
  detail: z.string().max(500).nullable(),
  selfTest: z
    .object({
      passed: z.boolean(),
      checks: z.object({ idReader: CheckResult, certificateUnit: CheckResult, printer: CheckResult, camera: CheckResult }),
      /** The camera frame's figures, when the screen took one. */
      cameraFrame: z.object({ width: z.number().int(), height: z.number().int(), meanLuma: z.number().int(), covered: z.boolean() }).nullable(),
    })
    .nullable(),
  /** The self-test waits for the screen to take one frame from its camera and send `camera-frame`. */
  cameraFrameWanted: z.boolean(),
  /** The kiosk id and site once enrolled. */
  enrolled: z.object({ kioskId: z.string().max(20), siteName: z.string().max(100) }).nullable(),
});
export type ProvisioningView = z.infer<typeof ProvisioningView>;

export const ProvisioningCommand = z.discriminatedUnion('action', [
  z.object({ action: z.literal('key'), key: ProvisioningKey }).strict(),
  z.object({ action: z.literal('field'), field: ProvisioningField }).strict(),
  /** Probe, enrol, write the configuration, self-test. */
  z.object({ action: z.literal('start') }).strict(),
  /** After a failure: back to the entry, what was typed kept. */
  z.object({ action: z.literal('retry') }).strict(),
  /** The self-test's camera frame, taken by the screen when the view asks for it. */
  z.object({ action: z.literal('camera-frame'), frame: CameraFrameFigures }).strict(),
  /** After success: the kiosk restarts on its new configuration. */
  z.object({ action: z.literal('finish') }).strict(),
]);
export type ProvisioningCommand = z.infer<typeof ProvisioningCommand>;
