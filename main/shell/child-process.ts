import type { ChildProcessGoneDetails } from './electron-types';

/** The `serviceName` option the host is forked with (host-process.ts); it comes back as `name`. */
export const HOST_SERVICE_NAME = 'tongban-host';

/**
 * Which child process `app`'s `child-process-gone` is about. `type` alone does not say: Chromium
 * runs its network service, audio service and video capture (the camera) as utility processes
 * too, all of type "Utility" (docs/api/app.md). `serviceName` is the stable, non-localized name
 * (the service's mojo interface); `name` is a display name, localized for Chromium's services.
 * A utilityProcess.fork child has serviceName "node.mojom.NodeService" and, as `name`, the fork
 * option `serviceName` (docs/api/utility-process.md; spec/api-utility-process-spec.ts), so the
 * host is recognised by both.
 */
export type ChildProcessKind = 'host' | 'node-utility' | 'gpu' | 'network-service' | 'audio-service' | 'video-capture' | 'other-utility' | 'other';

const NODE_SERVICE = 'node.mojom.NodeService';

const CHROMIUM_SERVICES: Readonly<Record<string, ChildProcessKind>> = {
  'network.mojom.NetworkService': 'network-service',
  'audio.mojom.AudioService': 'audio-service',
  'video_capture.mojom.VideoCaptureService': 'video-capture',
};

export function childProcessKind(details: ChildProcessGoneDetails): ChildProcessKind {
  if (details.type === 'GPU') return 'gpu';
  if (details.type !== 'Utility') return 'other';
  if (details.serviceName === NODE_SERVICE) return details.name === HOST_SERVICE_NAME ? 'host' : 'node-utility';
  return (details.serviceName !== undefined ? CHROMIUM_SERVICES[details.serviceName] : undefined) ?? 'other-utility';
}
