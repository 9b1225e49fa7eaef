/**
 * The technician panel page, by hand: no framework, no external assets. Its script is in
 * page-script.ts. Sections of simulators that do not run here are hidden by the script.
 */
import { IDENTITY_FAILURES } from '../../../simulators/central/settings';
import { CAMERA_SCENES } from '../../../simulators/camera/scenes';
import { NOT_ELIGIBLE_REASONS } from './central-actions';

const button = (device: string, label: string, body: object, withInputs?: string) =>
  `<button data-device="${device}" data-body='${JSON.stringify(body)}'${withInputs ? ` data-with="${withInputs}"` : ''}>${label}</button>`;

/** A select's options: the registry's own verdict first (sent as null), then each forced one. */
const options = (values: readonly string[], prefix: string) =>
  ['<option value="">registry decides</option>', ...values.map((value) => `<option value="${value}">${prefix}${value}</option>`)].join('');

export const PANEL_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Tongban simulators</title>
<style>
  body { font: 14px/1.4 system-ui, sans-serif; margin: 1rem; background: #f4f4f0; color: #1a1a1a; }
  h1 { font-size: 1.3rem; margin: 0 0 .5rem; }
  section { background: #fff; border: 1px solid #ccc; border-radius: 6px; padding: .7rem 1rem; margin-bottom: 1rem; }
  h2 { font-size: 1.1rem; margin: 0 0 .4rem; }
  .row { margin: .3rem 0; display: flex; flex-wrap: wrap; gap: .3rem; align-items: center; }
  .row > b { min-width: 8rem; }
  button { padding: .25rem .6rem; }
  pre { background: #fafafa; border: 1px solid #ddd; padding: .4rem; overflow-x: auto; font-size: 12px; }
  .state { font-family: monospace; font-size: 12px; white-space: pre-wrap; color: #333; }
  #message { position: sticky; top: 0; background: #ffd; padding: .3rem .6rem; border: 1px solid #cc9; min-height: 1.2em; }
  .print { display: flex; gap: 1rem; align-items: flex-start; border-top: 1px dashed #ccc; padding-top: .4rem; }
  .print img { max-width: 320px; border: 1px solid #ccc; background: #fff; }
  input[type=number] { width: 6rem; }
</style>
</head>
<body>
<h1>Tongban: simulated devices</h1>
<div id="message">ready</div>
<p id="ports" class="state"></p>

<section id="id-reader">
  <h2>ID card reader (GA 467)</h2>
  <div class="state" id="id-reader-state"></div>
  <div class="row"><b>Card</b>
    <select id="card-name" name="card"></select>
    ${button('id-reader', 'Put card on reader', { action: 'place' }, 'card-name')}
    ${button('id-reader', 'Take card off', { action: 'remove' })}
  </div>
  <div class="row"><b>Faults</b>
    <label><input type="checkbox" id="reader-once"> next reply only</label>
    ${['silence', 'garbage', 'bad-checksum', 'partial-frame', 'read-failed'].map((fault) => button('id-reader', fault, { action: 'fault', fault }, 'reader-once')).join('\n    ')}
    ${button('id-reader', 'Clear faults', { action: 'clear-fault' })}
  </div>
  <div class="row"><b>SW3 code (hex)</b>
    <input type="text" id="reader-sw3" name="sw3" value="60" size="4" pattern="[0-9A-Fa-f]{1,2}" data-hex="1">
    ${button('id-reader', 'Answer every command with it', { action: 'result-code' }, 'reader-sw3,reader-once')}
  </div>
  <div class="row"><b>Slow reply</b>
    <input type="number" id="reader-delay" name="ms" min="0" value="0"> ms
    ${button('id-reader', 'Set', { action: 'delay' }, 'reader-delay')}
  </div>
  <div class="row"><b>Cable</b>
    ${button('id-reader', 'Unplug', { action: 'unplug' })}
    ${button('id-reader', 'Plug in', { action: 'plug' })}
  </div>
</section>

<section id="printer">
  <h2>Receipt printer</h2>
  <div class="state" id="printer-state"></div>
  <div class="row"><b>Paper</b>
    ${(['ok', 'near-end', 'out'] as const).map((level) => button('printer', level, { action: 'paper', level })).join('\n    ')}
    <input type="number" id="printer-after" name="bytes" min="0" value="200">
    ${button('printer', 'Paper runs out after N bytes', { action: 'paper-out-after' }, 'printer-after')}
  </div>
  <div class="row"><b>Cover</b>
    ${button('printer', 'Open', { action: 'cover', open: true })}
    ${button('printer', 'Close', { action: 'cover', open: false })}
  </div>
  <div class="row"><b>Errors</b>
    ${(['mechanical', 'autocutter', 'unrecoverable', 'auto-recoverable'] as const).map((cause) => button('printer', cause, { action: 'error', cause, on: true })).join('\n    ')}
    ${button('printer', 'Offline', { action: 'offline', on: true })}
    ${button('printer', 'Healthy again', { action: 'reset' })}
  </div>
  <div class="row"><b>Link</b>
    ${button('printer', 'Silence', { action: 'silence', on: true })}
    ${button('printer', 'Answer again', { action: 'silence', on: false })}
    ${button('printer', 'Garbage on', { action: 'garbage', on: true })}
    ${button('printer', 'Garbage off', { action: 'garbage', on: false })}
    <input type="number" id="printer-delay" name="ms" min="0" value="0"> ms
    ${button('printer', 'Slow reply', { action: 'slow-reply' }, 'printer-delay')}
  </div>
  <div class="row"><b>Prints</b> ${button('printer', 'Clear', { action: 'clear-jobs' })}</div>
  <div id="printer-jobs"></div>
</section>

<section id="certificate-unit">
  <h2>Certificate unit</h2>
  <div class="state" id="certificate-unit-state"></div>
  <div class="row"><b>Citizen</b>
    <select id="permit-index" name="permit"></select>
    ${button('certificate-unit', 'Insert permit', { action: 'insert' }, 'permit-index')}
    ${button('certificate-unit', 'Take card from gate', { action: 'take' })}
  </div>
  <div class="row"><b>Unit</b>
    ${button('certificate-unit', 'Retain bin full', { action: 'retain-bin-full' })}
    ${button('certificate-unit', 'Jam', { action: 'jam' })}
    ${button('certificate-unit', 'Motor error', { action: 'motor-error' })}
    ${button('certificate-unit', 'Ribbon out', { action: 'ribbon-out' })}
    ${button('certificate-unit', 'Clear faults', { action: 'clear-faults' })}
    ${button('certificate-unit', 'Clear faults + empty bin', { action: 'clear-faults', emptyRetainBin: true })}
    ${button('certificate-unit', 'Power cycle', { action: 'power-cycle' })}
  </div>
  <div class="row"><b>Staff</b>
    ${button('certificate-unit', 'Take out slot 30', { action: 'magazine-unload', slot: 30 })}
    ${button('certificate-unit', 'Put SIM-CERT-NEW-01 in the first empty slot', { action: 'magazine-load-unloaded' })}
  </div>
  <div class="row"><b>Link</b>
    ${button('certificate-unit', 'Silent', { action: 'silent', on: true })}
    ${button('certificate-unit', 'Answer again', { action: 'silent', on: false })}
    ${button('certificate-unit', 'NAK next', { action: 'nak' })}
    ${button('certificate-unit', 'Corrupt next reply', { action: 'corrupt-replies' })}
    ${button('certificate-unit', 'Cut next reply', { action: 'cut-reply' })}
    ${button('certificate-unit', 'Line noise', { action: 'garbage' })}
    <input type="number" id="cu-delay" name="ms" min="0" value="0"> ms
    ${button('certificate-unit', 'Slow reply', { action: 'slow-reply' }, 'cu-delay')}
  </div>
  <div class="row"><b>Card-back prints</b></div>
  <div id="card-back-prints"></div>
</section>
<section id="camera" hidden>
  <h2>Camera (Chromium's fake camera)</h2>
  <div class="state" id="camera-state"></div>
  <div class="row"><b>In front of it</b>
    <select id="camera-scene" name="scene">${CAMERA_SCENES.map((scene) => `<option value="${scene}">${scene}</option>`).join('')}</select>
    ${button('camera', 'Show from the next camera step', { action: 'scene' }, 'camera-scene')}
  </div>
</section>
<section id="central" hidden>
  <h2>Central service</h2>
  <div class="state" id="central-state"></div>
  <div class="row"><b>Citizen (newest pending payment)</b>
    ${button('central', 'Pay now', { action: 'pay' })}
    ${button('central', 'Let expire', { action: 'expire' })}
    ${button('central', 'Refuse', { action: 'refuse' })}
  </div>
  <div class="row"><b>Auto-pay</b>
    <input type="number" id="central-auto-after" name="afterMs" min="0" value="3000"> ms after creation
    ${button('central', 'Auto-pay on', { action: 'auto-pay', on: true }, 'central-auto-after')}
    ${button('central', 'Auto-pay off', { action: 'auto-pay', on: false })}
  </div>
  <div class="row"><b>Payment expiry</b>
    <input type="number" id="central-expiry" name="ms" min="1000" value="300000"> ms
    ${button('central', 'Set', { action: 'payment-expiry' }, 'central-expiry')}
  </div>
  <div class="row"><b>Link</b>
    ${button('central', 'Go offline', { action: 'offline', on: true })}
    ${button('central', 'Back online', { action: 'offline', on: false })}
    <input type="number" id="central-delay" name="ms" min="0" value="0"> ms
    ${button('central', 'Answer slowly', { action: 'delay' }, 'central-delay')}
  </div>
  <div class="row"><b>Eligibility</b>
    <select id="central-eligibility" name="reason" data-null-if-empty="1">${options(NOT_ELIGIBLE_REASONS, 'not eligible: ')}</select>
    ${button('central', 'Set', { action: 'not-eligible' }, 'central-eligibility')}
  </div>
  <div class="row"><b>Identity result</b>
    <select id="central-identity" name="result" data-null-if-empty="1">${options(IDENTITY_FAILURES, 'no match: ')}</select>
    ${button('central', 'Set', { action: 'identity-result' }, 'central-identity')}
  </div>
  <div class="row"><b>Enrolment</b> ${button('central', 'Issue a one-time code', { action: 'enrollment-code' })}</div>
  <div class="row"><b>Payments</b></div>
  <div class="state" id="central-payments"></div>
</section>
<script src="/panel.js"></script>
</body>
</html>
`;
